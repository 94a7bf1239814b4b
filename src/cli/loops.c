/* roundtrip loops: find the circular-financing loops of a dataset and report them. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static void print_help(FILE *out)
{
    fputs("usage: roundtrip loops [options] DATASET\n"
          "\n"
          "Find where money goes round in circles: the loops in which a stake goes out\n"
          "(equity) and spend comes back (compute, chips, data centers, services), with\n"
          "their figures, firmest and largest first.\n"
          "\n"
          "Options:\n"
          "      --format FMT      text (default), summary (a line per loop) or json\n"
          "      --count           print only the number of loops\n" CLI_ANALYSIS_HELP
          "  -h, --help            show this help\n"
          "\n"
          "Exit status: 0 success, 64 usage error, 65 data error, 66 missing input.\n"
          "\n"
          "Examples:\n"
          "  roundtrip loops data/ai-2026\n"
          "  roundtrip loops --status confirmed,reported --format json data/ai-2026\n",
          out);
}

enum { OPT_FORMAT = OPT_FIRST_OWN, OPT_COUNT };

int cmd_loops(int argc, char **argv)
{
    static const struct option options[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"count", no_argument, NULL, OPT_COUNT},
        CLI_ANALYSIS_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    rt_graph_options gopts = RT_GRAPH_OPTIONS_INIT;
    rt_loop_options lopts = RT_LOOP_OPTIONS_INIT;
    rt_format format = RT_FORMAT_TEXT;
    rt_diags *diags = NULL;
    rt_dataset *ds = NULL;
    rt_graph *g = NULL;
    rt_loops *loops = NULL;
    char *report = NULL;
    const char *path = NULL;
    int opt, rc, status = 0;

    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        switch (opt) {
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                format = RT_FORMAT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                format = RT_FORMAT_JSON;
            else if (strcmp(optarg, "summary") == 0)
                format = RT_FORMAT_SUMMARY;
            else
                return cli_usage_error(
                    "loops", "unknown format '%s' (expected text, summary or json)", optarg);
            break;
        case OPT_COUNT:
            lopts.count_only = true;
            break;
        case 'h':
            print_help(stdout);
            return 0;
        default:
            rc = cli_analysis_option("loops", opt, optarg, &gopts, &lopts);
            if (rc < 0)
                return cli_bad_option("loops", opt, argv);
            if (rc > 0)
                return rc;
        }
    }
    if ((status = cli_dataset_operand("loops", argc, argv, &path)) != 0 ||
        (status = cli_diags_new(&diags)) != 0)
        return status;
    status = cli_find_loops("loops", path, &gopts, &lopts, diags, &ds, &g, &loops);
    if (status != 0)
        goto out;
    if (lopts.count_only) {
        printf("%zu\n", rt_loops_count(loops));
    } else if ((rc = rt_report_loops(&report, loops, format)) < 0) {
        fprintf(stderr, "roundtrip loops: %s\n", rt_strerror(rc));
        status = cli_exit_status(rc);
        goto out;
    } else {
        fputs(report, stdout);
    }
out:
    rt_report_free(report);
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "roundtrip: cannot write output\n");
        status = EXIT_CANTCREAT;
    }
    return status;
}
