/* roundtrip diff: what changed between two versions of a dataset. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

enum { OPT_FORMAT = OPT_FIRST_OWN, OPT_OLD_AS_OF, OPT_NEW_AS_OF };

/* The search's options are applied to both versions; nothing is counted. */
static const cli_option options[] = {
    {OPT_OLD_AS_OF, 0, "old-as-of", "DATE", "read OLD as known by DATE"},
    {OPT_NEW_AS_OF, 0, "new-as-of", "DATE", "read NEW as known by DATE"},
    {OPT_FORMAT, 0, "format", "FMT", "text (default), markdown or json"},
    {OPT_OUTPUT, 'o', "output", "FILE", "write the report to FILE (whole or not at all)"},
    CLI_OPTIONS_SEARCH,
    CLI_OPTIONS_GRAPH,
    CLI_OPTION_HELP,
    CLI_OPTIONS_END,
};

static void print_help(FILE *out)
{
    fputs("usage: roundtrip diff [options] OLD NEW\n"
          "\n"
          "Compare two versions of a dataset, or one dataset at two dates: the loops that\n"
          "appeared, disappeared or changed status or amount, and the relationships that\n"
          "were added, removed or changed. Loops match by their members' names and\n"
          "relationships by their ends' names and kind, so row order does not matter.\n"
          "\n"
          "Options:\n",
          out);
    cli_options_help(out, options);
    fputs("\n"
          "The options from --all on are those of 'roundtrip loops', applied to both\n"
          "versions.\n"
          "\n"
          "Exit status, as diff(1): 0 nothing changed, 1 something changed; 64 usage\n"
          "error, 65 data error, 66 missing input, 73 cannot write FILE.\n"
          "\n"
          "Examples:\n"
          "  roundtrip diff old/ai-2026 data/ai-2026\n"
          "  roundtrip diff --old-as-of 2025-06 --new-as-of 2026-02 data/ai-2026 data/ai-2026\n",
          out);
}

typedef struct version {
    rt_dataset *ds;
    rt_graph *g;
    rt_loops *loops;
} version;

static void version_free(version *v)
{
    rt_loops_free(v->loops);
    rt_graph_free(v->g);
    rt_dataset_free(v->ds);
}

int cmd_diff(int argc, char **argv)
{
    rt_graph_options gopts = RT_GRAPH_OPTIONS_INIT, old_opts, new_opts;
    rt_loop_options lopts = RT_LOOP_OPTIONS_INIT;
    rt_report_options ropts = RT_REPORT_OPTIONS_INIT;
    rt_date old_as_of = {0, 0, 0}, new_as_of = {0, 0, 0};
    version old_v = {NULL, NULL, NULL}, new_v = {NULL, NULL, NULL};
    rt_diags *diags = NULL;
    rt_diff *d = NULL;
    cli_outputs outs;
    const char *output = "-";
    char *report = NULL, err[300];
    cli_parser parser;
    int opt, rc, status = 0;

    cli_parser_init(&parser, "diff", options);
    while ((opt = cli_parser_next(&parser, argc, argv)) > 0) {
        switch (opt) {
        case OPT_FORMAT:
            if (cli_parse_format("diff", optarg, CLI_TEXT_MARKDOWN_JSON, &ropts.format) != 0)
                return EXIT_USAGE;
            break;
        case OPT_OUTPUT:
            output = optarg;
            break;
        case OPT_OLD_AS_OF:
        case OPT_NEW_AS_OF: {
            rt_date *dt = opt == OPT_OLD_AS_OF ? &old_as_of : &new_as_of;
            if (rt_date_parse(dt, optarg, err, sizeof(err)) != 0)
                return cli_usage_error("diff", "%s: %s",
                                       opt == OPT_OLD_AS_OF ? "--old-as-of" : "--new-as-of", err);
            break;
        }
        case OPT_HELP:
            print_help(stdout);
            return 0;
        default:
            if ((rc = cli_shared_option("diff", opt, optarg, &gopts, &lopts)) != 0)
                return rc;
        }
    }
    if (opt < 0)
        return EXIT_USAGE;
    if (argc - optind != 2)
        return cli_usage_error("diff", "needs two datasets: OLD NEW");
    if ((status = cli_diags_new(&diags)) != 0)
        return status;
    old_opts = new_opts = gopts;
    if (old_as_of.year)
        old_opts.filter.as_of = old_as_of;
    if (new_as_of.year)
        new_opts.filter.as_of = new_as_of;
    status = cli_find_loops("diff", argv[optind], &old_opts, &lopts, diags, &old_v.ds, &old_v.g,
                            &old_v.loops);
    if (status == 0) {
        rt_diags_free(diags); /* printed; a fresh list for NEW */
        diags = NULL;
        if ((status = cli_diags_new(&diags)) == 0)
            status = cli_find_loops("diff", argv[optind + 1], &new_opts, &lopts, diags, &new_v.ds,
                                    &new_v.g, &new_v.loops);
    }
    if (status != 0)
        goto out;
    rc = rt_diff_compute(&d, old_v.loops, new_v.loops);
    if (rc == 0)
        rc = rt_report_diff(&report, d, &ropts);
    if (rc != 0) {
        fprintf(stderr, "roundtrip diff: %s\n", rt_strerror(rc));
        status = cli_exit_status(rc);
        goto out;
    }
    cli_outputs_init(&outs);
    cli_outputs_input(&outs, argv[optind]);
    cli_outputs_input(&outs, argv[optind + 1]);
    cli_outputs_add(&outs, output, report, strlen(report));
    status = cli_outputs_commit(&outs);
    if (status == 0 && (rt_diff_loop_count(d) > 0 || rt_diff_relationship_count(d) > 0))
        status = 1;
out:
    rt_report_free(report);
    rt_diff_free(d);
    version_free(&old_v);
    version_free(&new_v);
    rt_diags_free(diags);
    return status;
}
