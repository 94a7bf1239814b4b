/* roundtrip entities: who is exposed, per ultimate parent. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

enum { OPT_SORT = OPT_FIRST_OWN, OPT_FORMAT };

/* No loops are searched for: the options of the graph, not of the search. */
static const cli_option options[] = {
    {OPT_SORT, 0, "sort", "KEY",
     "pagerank (default), betweenness, stakes, spend,\nrecapture or name"},
    {OPT_FORMAT, 0, "format", "FMT", "text (default), markdown or json"},
    {OPT_OUTPUT, 'o', "output", "FILE", "write the report to FILE (whole or not at all)"},
    CLI_OPTIONS_GRAPH,
    CLI_OPTION_HELP,
    CLI_OPTIONS_END,
};

static void print_help(FILE *out)
{
    fputs("usage: roundtrip entities [options] DATASET\n"
          "\n"
          "Per ultimate parent: stakes out and in, spend paid and received, how much of\n"
          "its stakes come back to it as spend (recaptured: spend from the companies it\n"
          "holds stakes in), the competing labs it holds stakes in, and its PageRank and\n"
          "betweenness in the money graph weighted by amount.\n"
          "\n"
          "Options:\n",
          out);
    cli_options_help(out, options);
    fputs("\n"
          "Exit status: 0 success, 64 usage error, 65 data error, 66 missing input,\n"
          "73 cannot write FILE.\n"
          "\n"
          "Example:\n"
          "  roundtrip entities --sort recapture data/ai-2026\n",
          out);
}

int cmd_entities(int argc, char **argv)
{
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
    cli_parser parser;
    int opt, rc, status = 0;

    cli_parser_init(&parser, "entities", options);
    while ((opt = cli_parser_next(&parser, argc, argv)) > 0) {
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
        case OPT_OUTPUT:
            output = optarg;
            break;
        case OPT_HELP:
            print_help(stdout);
            return 0;
        default:
            if ((rc = cli_shared_option("entities", opt, optarg, &gopts, &lopts)) != 0)
                return rc;
        }
    }
    if (opt < 0)
        return EXIT_USAGE;
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
    if (rc != 0) {
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
