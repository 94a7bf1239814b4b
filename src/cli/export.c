/* roundtrip export: the money graph and its loops for other tools. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

enum { OPT_FORMAT = OPT_FIRST_OWN };

static const cli_option options[] = {
    {OPT_OUTPUT, 'o', "output", "OUT", "where to write; '-' for stdout (needs --format)"},
    {OPT_FORMAT, 'T', "format", "FMT",
     "graphml, gexf, json-graph, csv-loops, csv-hops or ftm\n(default: from OUT's "
     "extension, .graphml, .gexf, .json or .ftm)"},
    CLI_OPTIONS_SEARCH,
    CLI_OPTIONS_GRAPH,
    CLI_OPTION_HELP,
    CLI_OPTIONS_END,
};

static void print_help(FILE *out)
{
    fputs("usage: roundtrip export [options] DATASET -o OUT\n"
          "\n"
          "Write the money graph and its loops for the tools of the field: GraphML for\n"
          "yEd and Cytoscape, GEXF 1.3 for Gephi (each edge with the spells its claims\n"
          "held, for its timeline), node-link JSON for NetworkX and D3, and the loops\n"
          "(csv-loops, a row per loop with its figures) or their hops (csv-hops, a row\n"
          "per hop and claim, with sources) as CSV for spreadsheets, Kumu and Flourish,\n"
          "and a FollowTheMoney entity stream (ftm: a Company per entity, an Ownership,\n"
          "Payment, Debt or UnknownLink per claim) for Aleph and the ftm tools.\n"
          "Every entity is a node and every relationship with a claim the filters keep\n"
          "an edge, with the ranks of the loops through it. The filters are those of\n"
          "'roundtrip loops', and so are the figures. OUT is replaced only when the new\n"
          "file is complete.\n"
          "\n"
          "Options:\n",
          out);
    cli_options_help(out, options);
    fputs("\n"
          "Exit status: 0 success, 64 usage error, 65 data error, 66 missing input,\n"
          "73 cannot write OUT.\n"
          "\n"
          "Examples:\n"
          "  roundtrip export data/ai-2026 -o ai-2026.gexf\n"
          "  roundtrip export --as-of 2026-02-19 data/ai-2026 -o ai-2026.graphml\n"
          "  roundtrip export --format csv-loops --status confirmed data/ai-2026 -o loops.csv\n"
          "  roundtrip export --format json-graph data/ai-2026 -o -\n",
          out);
}

/* The format named by OUT's extension, or -1. */
static int format_of_path(const char *path)
{
    static const struct {
        const char *ext;
        rt_export_format format;
    } exts[] = {{".graphml", RT_EXPORT_GRAPHML},
                {".gexf", RT_EXPORT_GEXF},
                {".json", RT_EXPORT_JSON_GRAPH},
                {".ftm", RT_EXPORT_FTM}};
    size_t n = strlen(path);

    for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
        size_t k = strlen(exts[i].ext);
        if (n > k && strcmp(path + n - k, exts[i].ext) == 0)
            return (int)exts[i].format;
    }
    return -1;
}

int cmd_export(int argc, char **argv)
{
    rt_graph_options gopts = RT_GRAPH_OPTIONS_INIT;
    rt_loop_options lopts = RT_LOOP_OPTIONS_INIT;
    rt_export_options eopts = RT_EXPORT_OPTIONS_INIT;
    rt_diags *diags = NULL;
    rt_dataset *ds = NULL;
    rt_graph *g = NULL;
    rt_loops *loops = NULL;
    const char *path = NULL, *output = NULL, *format = NULL;
    char *data = NULL;
    size_t len = 0, before;
    cli_parser parser;
    int opt, rc, status = 0;

    cli_parser_init(&parser, "export", options);
    while ((opt = cli_parser_next(&parser, argc, argv)) > 0) {
        switch (opt) {
        case OPT_OUTPUT:
            output = optarg;
            break;
        case OPT_FORMAT:
            format = optarg;
            break;
        case OPT_HELP:
            print_help(stdout);
            return 0;
        default:
            if ((rc = cli_shared_option("export", opt, optarg, &gopts, &lopts)) != 0)
                return rc;
        }
    }
    if (opt < 0)
        return EXIT_USAGE;
    if (!output)
        return cli_usage_error("export", "missing -o OUT (a .graphml, .gexf or .json file, or "
                                         "'-' with --format)");
    if (format && rt_export_format_parse(&eopts.format, format) != 0)
        return cli_usage_error("export",
                               "unknown format '%s' (expected graphml, gexf, json-graph, "
                               "csv-loops, csv-hops or ftm)",
                               format);
    if (!format && strcmp(output, "-") == 0)
        return cli_usage_error("export", "-o - writes to stdout: say the format with --format");
    if (!format && format_of_path(output) < 0)
        return cli_usage_error("export",
                               "cannot tell the format of '%s': name it .graphml, .gexf, "
                               ".json or .ftm, or use --format (csv-loops, csv-hops for CSV)",
                               output);
    if (!format)
        eopts.format = (rt_export_format)format_of_path(output);
    if ((status = cli_dataset_operand("export", argc, argv, &path)) != 0 ||
        (status = cli_diags_new(&diags)) != 0)
        return status;
    status = cli_find_loops("export", path, &gopts, &lopts, diags, &ds, &g, &loops);
    if (status != 0)
        goto out;
    before = rt_diags_count(diags);
    rc = rt_export(&data, &len, loops, &eopts, diags);
    if (rc < 0) {
        cli_print_diags(diags, before); /* cli_find_loops() printed the rest */
        fprintf(stderr, "roundtrip export: %s\n", rt_strerror(rc));
        status = cli_exit_status(rc);
        goto out;
    }
    status = cli_write_output(output, data, len, path);
out:
    rt_export_free(data);
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    return status;
}
