/* roundtrip render: draw the money graph and its loops with Graphviz. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum { OPT_FORMAT = OPT_FIRST_OWN, OPT_LAYOUT, OPT_LOOPS_ONLY, OPT_LOOP, OPT_TITLE };

static const cli_option options[] = {
    {OPT_OUTPUT, 'o', "output", "OUT", "where to write; '-' for stdout (needs -T)"},
    {OPT_FORMAT, 'T', "format", "FMT",
     "dot, svg, png, pdf or html (default: from OUT's extension)"},
    {OPT_LAYOUT, 0, "layout", "L",
     "dot, neato, circo, fdp or sfdp (default: dot for small\ngraphs, sfdp for large ones)"},
    {OPT_LOOPS_ONLY, 0, "loops-only", NULL, "only the entities and relationships on loops"},
    {OPT_LOOP, 0, "loop", "N", "the N-th loop of 'roundtrip loops' alone"},
    {OPT_TITLE, 0, "title", "TEXT", "the diagram's title (default: the dataset's path)"},
    CLI_OPTIONS_SEARCH,
    CLI_OPTIONS_GRAPH,
    CLI_OPTION_HELP,
    CLI_OPTIONS_END,
};

static void print_help(FILE *out)
{
    fputs("usage: roundtrip render [options] DATASET -o OUT\n"
          "\n"
          "Draw the money graph as a circularity diagram: entities by kind (subsidiaries\n"
          "inside their parent), stakes in blue and spend in orange with their amounts,\n"
          "the loops' edges accented and the rest in grey, a legend, and tooltips with\n"
          "each claim's source. The format follows OUT's extension: .dot (layout-free,\n"
          "to restyle with Graphviz), .svg, .png, .pdf, or .html: one page, with no\n"
          "request to the network, that lists the loops, highlights a loop's edges when\n"
          "it is chosen, shows each claim, and replays the loops as of each claim date.\n"
          "The file is replaced only when the new one is complete.\n"
          "\n"
          "Options:\n",
          out);
    cli_options_help(out, options);
    fputs("\n"
          "Exit status: 0 success, 64 usage error, 65 data error, 66 missing input,\n"
          "73 cannot write OUT.\n"
          "\n"
          "Examples:\n"
          "  roundtrip render data/ai-2026 -o loops.svg --loops-only\n"
          "  roundtrip render data/ai-2026 --loop 1 -T svg -o -\n"
          "  roundtrip render data/ai-2026 -o loops.html\n",
          out);
}

static int parse_layout(const char *s, rt_layout *out)
{
    static const char *const names[] = {"auto", "dot", "neato", "circo", "fdp", "sfdp"};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(s, names[i]) == 0) {
            *out = (rt_layout)i;
            return 0;
        }
    return cli_usage_error("render",
                           "unknown layout '%s' (expected dot, neato, circo, fdp or sfdp)", s);
}

int cmd_render(int argc, char **argv)
{
    rt_graph_options gopts = RT_GRAPH_OPTIONS_INIT;
    rt_loop_options lopts = RT_LOOP_OPTIONS_INIT;
    rt_render_options ropts = RT_RENDER_OPTIONS_INIT;
    rt_diags *diags = NULL;
    rt_dataset *ds = NULL;
    rt_graph *g = NULL;
    rt_loops *loops = NULL;
    const char *path = NULL, *output = NULL, *format = NULL;
    char *data = NULL, *end;
    size_t len = 0, before;
    cli_parser parser;
    int opt, rc, status = 0;

    cli_parser_init(&parser, "render", options);
    while ((opt = cli_parser_next(&parser, argc, argv)) > 0) {
        switch (opt) {
        case OPT_OUTPUT:
            output = optarg;
            break;
        case OPT_FORMAT:
            format = optarg;
            break;
        case OPT_LAYOUT:
            if (parse_layout(optarg, &ropts.layout) != 0)
                return EXIT_USAGE;
            break;
        case OPT_LOOPS_ONLY:
            ropts.loops_only = true;
            break;
        case OPT_LOOP:
            ropts.loop = (size_t)strtoul(optarg, &end, 10);
            if (!*optarg || *end || ropts.loop == 0 || optarg[0] == '-')
                return cli_usage_error("render",
                                       "--loop needs a loop number (1 is the first), "
                                       "not '%s'",
                                       optarg);
            break;
        case OPT_TITLE:
            ropts.title = optarg;
            break;
        case OPT_HELP:
            print_help(stdout);
            return 0;
        default:
            if ((rc = cli_shared_option("render", opt, optarg, &gopts, &lopts)) != 0)
                return rc;
        }
    }
    if (opt < 0)
        return EXIT_USAGE;
    if (!output)
        return cli_usage_error("render",
                               "missing -o OUT (a .svg, .dot, .png, .pdf or .html file, or "
                               "'-' with -T)");
    if (!format && strcmp(output, "-") == 0)
        return cli_usage_error("render", "-o - writes to stdout: say the format with -T");
    if (rt_render_format_parse(&ropts.format, format ? format : output) != 0)
        return cli_usage_error("render",
                               format ? "unknown format '%s' (expected dot, svg, png, pdf or html)"
                                      : "cannot tell the format of '%s': name it .svg, "
                                        ".dot, .png, .pdf or .html, or use -T",
                               format ? format : output);
    if ((status = cli_dataset_operand("render", argc, argv, &path)) != 0 ||
        (status = cli_diags_new(&diags)) != 0)
        return status;
    status = cli_find_loops("render", path, &gopts, &lopts, diags, &ds, &g, &loops);
    if (status != 0)
        goto out;
    before = rt_diags_count(diags);
    rc = rt_render(&data, &len, loops, &ropts, diags);
    if (rc == 0)
        cli_print_diags(diags, before); /* what render chose, if anything */
    if (rc < 0) {
        cli_print_diags(diags, before); /* cli_find_loops() printed the rest */
        status = rc == RT_EINVAL ? EXIT_USAGE : cli_exit_status(rc);
        if (rc == RT_ENOMEM)
            fprintf(stderr, "roundtrip render: %s\n", rt_strerror(rc));
        goto out;
    }
    status = cli_write_output(output, data, len, path);
out:
    rt_render_free(data);
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    return status;
}
