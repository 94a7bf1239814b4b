/* roundtrip loops: find the circular-financing loops of a dataset and report them. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
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
          "      --format FMT      text (default), summary (a line per loop), markdown\n"
          "                        (a section for a research note) or json\n"
          "      --count           print only the number of loops\n"
          "  -o, --output FILE     write the report to FILE (whole or not at all)\n"
          "      --svg PATH        with markdown: draw the loops to PATH and embed "
          "it\n" CLI_ANALYSIS_HELP "  -h, --help            show this help\n"
          "\n"
          "A search longer than a second shows its progress on stderr when stderr is a\n"
          "terminal (ROUNDTRIP_PROGRESS_DELAY=SECONDS changes the delay). --all --count\n"
          "counts on a contracted graph, in which one cycle stands for many;\n"
          "ROUNDTRIP_NO_CONTRACT=1 counts by visiting every cycle instead, to cross-check.\n"
          "\n"
          "Exit status: 0 success, 64 usage error, 65 data error, 66 missing input,\n"
          "73 cannot write the output.\n"
          "\n"
          "Examples:\n"
          "  roundtrip loops data/ai-2026\n"
          "  roundtrip loops --status confirmed,reported --format json data/ai-2026\n"
          "  roundtrip loops --format markdown --svg loops.svg -o note.md data/ai-2026\n",
          out);
}

enum { OPT_FORMAT = OPT_FIRST_OWN, OPT_COUNT, OPT_SVG };

int cmd_loops(int argc, char **argv)
{
    static const struct option options[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"count", no_argument, NULL, OPT_COUNT},
        {"output", required_argument, NULL, 'o'},
        {"svg", required_argument, NULL, OPT_SVG},
        CLI_ANALYSIS_OPTIONS,
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    rt_graph_options gopts = RT_GRAPH_OPTIONS_INIT;
    rt_loop_options lopts = RT_LOOP_OPTIONS_INIT;
    rt_report_options report_opts = RT_REPORT_OPTIONS_INIT;
    rt_format format = RT_FORMAT_TEXT;
    const char *output = NULL, *svg = NULL;
    char *link = NULL, count_text[32];
    rt_diags *diags = NULL;
    rt_dataset *ds = NULL;
    rt_graph *g = NULL;
    rt_loops *loops = NULL;
    char *report = NULL;
    const char *path = NULL;
    int opt, rc, status = 0;

    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":o:h", options, NULL)) != -1) {
        switch (opt) {
        case OPT_FORMAT:
            if (cli_parse_format("loops", optarg,
                                 (1u << RT_FORMAT_TEXT) | (1u << RT_FORMAT_SUMMARY) |
                                     (1u << RT_FORMAT_MARKDOWN) | (1u << RT_FORMAT_JSON),
                                 &format) != 0)
                return EXIT_USAGE;
            break;
        case 'o':
            output = optarg;
            break;
        case OPT_SVG:
            svg = optarg;
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
    if (svg && format != RT_FORMAT_MARKDOWN)
        return cli_usage_error("loops", "--svg embeds a diagram in --format markdown");
    if ((status = cli_dataset_operand("loops", argc, argv, &path)) != 0 ||
        (status = cli_diags_new(&diags)) != 0)
        return status;
    status = cli_find_loops("loops", path, &gopts, &lopts, diags, &ds, &g, &loops);
    if (status != 0)
        goto out;
    if (lopts.count_only) {
        snprintf(count_text, sizeof(count_text), "%zu\n", rt_loops_count(loops));
        status = cli_write_output(output ? output : "-", count_text, strlen(count_text));
        goto out;
    }
    if (svg) {
        /* The diagram first, by render's rules; then a link to it from
         * where the report goes. */
        rt_render_options ro = RT_RENDER_OPTIONS_INIT;
        char *data = NULL;
        size_t len = 0, before = rt_diags_count(diags); /* the rest are printed */
        ro.loops_only = true;
        if (rt_render_format_parse(&ro.format, svg) != 0 || ro.format != RT_RENDER_SVG) {
            status = cli_usage_error("loops", "--svg needs a .svg file, not '%s'", svg);
            goto out;
        }
        rc = rt_render(&data, &len, loops, &ro, diags);
        if (rc < 0) {
            cli_print_diags(diags, before);
            status = cli_exit_status(rc);
            goto out;
        }
        status = cli_write_output(svg, data, len);
        rt_render_free(data);
        if (status != 0)
            goto out;
        link = cli_relative_link(output, svg);
        if (!link) {
            fprintf(stderr, "roundtrip loops: cannot link %s from the report\n", svg);
            status = EXIT_CANTCREAT;
            goto out;
        }
    }
    report_opts.format = format;
    report_opts.image = link;
    if ((rc = rt_report_loops(&report, loops, &report_opts)) < 0) {
        fprintf(stderr, "roundtrip loops: %s\n", rt_strerror(rc));
        status = cli_exit_status(rc);
        goto out;
    }
    status = cli_write_output(output ? output : "-", report, strlen(report));
out:
    free(link);
    rt_report_free(report);
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    return status;
}
