/* roundtrip entities: who is exposed, per ultimate parent. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static void print_help(FILE *out)
{
    fputs("usage: roundtrip entities [options] DATASET\n"
          "\n"
          "Per ultimate parent: stakes out and in, spend paid and received, how much of\n"
          "its stakes come back to it as spend (recaptured: spend from the companies it\n"
          "holds stakes in), the competing labs it holds stakes in, and its PageRank and\n"
          "betweenness in the money graph weighted by amount.\n"
          "\n"
          "Options:\n"
          "      --sort KEY        pagerank (default), betweenness, stakes, spend,\n"
          "                        recapture or name\n"
          "      --format FMT      text (default), markdown or json\n"
          "  -o, --output FILE     write the report to FILE (whole or not at all)\n"
          "      --no-consolidate  keep subsidiaries apart from their parents\n"
          "      --status LIST     only claims of these statuses (e.g. confirmed,reported)\n"
          "      --as-of DATE      only claims known by DATE (YYYY[-MM[-DD]])\n"
          "      --min-amount X    drop relationships below X dollars (e.g. 1B)\n"
          "      --scenario S      low or high: take that end of ranged amounts\n"
          "  -h, --help            show this help\n"
          "\n"
          "Exit status: 0 success, 64 usage error, 65 data error, 66 missing input,\n"
          "73 cannot write FILE.\n"
          "\n"
          "Example:\n"
          "  roundtrip entities --sort recapture data/ai-2026\n",
          out);
}

enum { OPT_SORT = OPT_FIRST_OWN, OPT_FORMAT };

int cmd_entities(int argc, char **argv)
{
    static const struct option options[] = {
        {"sort", required_argument, NULL, OPT_SORT},
        {"format", required_argument, NULL, OPT_FORMAT},
        {"output", required_argument, NULL, 'o'},
        CLI_ANALYSIS_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    rt_graph_options gopts = RT_GRAPH_OPTIONS_INIT;
    rt_loop_options lopts = RT_LOOP_OPTIONS_INIT;
    rt_report_options ropts = RT_REPORT_OPTIONS_INIT;
    rt_exposure_sort sort = RT_SORT_PAGERANK;
    rt_diags *diags = NULL;
    rt_dataset *ds = NULL;
    rt_graph *g = NULL;
    rt_exposures *x = NULL;
    const char *path = NULL, *output = "-";
    char *report = NULL;
    size_t shown;
    int opt, rc, status = 0;

    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
        switch (opt) {
        case OPT_SORT:
            if (rt_exposure_sort_parse(&sort, optarg) != 0)
                return cli_usage_error("entities",
                                       "unknown sort '%s' (expected pagerank, betweenness, "
                                       "stakes, spend, recapture or name)",
                                       optarg);
            break;
        case OPT_FORMAT:
            if (cli_parse_format("entities", optarg, CLI_TEXT_MARKDOWN_JSON, &ropts.format) != 0)
                return EXIT_USAGE;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            print_help(stdout);
            return 0;
        default:
            rc = cli_analysis_option("entities", opt, optarg, &gopts, &lopts);
            if (rc < 0)
                return cli_bad_option("entities", opt, argv);
            if (rc > 0)
                return rc;
        }
    }
    if ((status = cli_dataset_operand("entities", argc, argv, &path)) != 0 ||
        (status = cli_diags_new(&diags)) != 0)
        return status;
    status = cli_find_loops("entities", path, &gopts, NULL, diags, &ds, &g, NULL);
    if (status != 0)
        goto out;
    shown = rt_diags_count(diags);
    rc = rt_exposures_compute(&x, g, sort, diags);
    if (rc == 0)
        rc = rt_report_exposures(&report, x, &ropts);
    if (rc < 0) {
        cli_print_diags(diags, shown);
        fprintf(stderr, "roundtrip entities: %s\n", rt_strerror(rc));
        status = cli_exit_status(rc);
        goto out;
    }
    status = cli_write_output(output, report, strlen(report), path);
out:
    rt_report_free(report);
    rt_exposures_free(x);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    return status;
}
