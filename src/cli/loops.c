/* roundtrip loops: find the circular-financing loops of a dataset and report them. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

enum { OPT_FORMAT = OPT_FIRST_OWN, OPT_COUNT, OPT_VISIT, OPT_SVG, OPT_SVG_DIR, OPT_HTML };

static const cli_option options[] = {
    {OPT_FORMAT, 0, "format", "FMT",
     "text (default), summary (a line per loop), markdown\n(a section for a research note) or "
     "json"},
    {OPT_COUNT, 0, "count", NULL, "print only the number of loops (as text or json)"},
    {OPT_VISIT, 0, "visit-every-cycle", NULL,
     "with --count: visit every cycle rather than count on\nthe contracted graph (slower; "
     "to cross-check)"},
    {OPT_OUTPUT, 'o', "output", "FILE", "write the report to FILE (whole or not at all)"},
    {OPT_SVG, 0, "svg", "PATH", "with markdown: draw the loops to PATH and embed it"},
    {OPT_SVG_DIR, 0, "svg-dir", "DIR",
     "with markdown: draw each loop to DIR/loop-N.svg (made\nif missing) and embed it in "
     "its section"},
    {OPT_HTML, 0, "html", "PATH", "with markdown: write the loop explorer to PATH and\nlink it"},
    CLI_OPTIONS_SEARCH,
    CLI_OPTIONS_GRAPH,
    CLI_OPTION_JOBS,
    CLI_OPTION_HELP,
    CLI_OPTIONS_END,
};

static void print_help(FILE *out)
{
    fputs("usage: roundtrip loops [options] DATASET\n"
          "\n"
          "Find where money goes round in circles: the loops in which a stake goes out\n"
          "(equity) and spend comes back (compute, chips, data centers, services), with\n"
          "their figures, firmest and largest first.\n"
          "\n"
          "Options:\n",
          out);
    cli_options_help(out, options);
    fputs("\n"
          "--count --format json prints {\"loops\": N, \"cycles\": M, \"truncated\": false}:\n"
          "the loops, the cycles examined, and whether --max-cycles cut the search short.\n"
          "\n"
          "A search longer than a second shows its progress on stderr when stderr is a\n"
          "terminal (ROUNDTRIP_PROGRESS_DELAY=SECONDS changes the delay). --all --count\n"
          "counts on a contracted graph, in which one cycle stands for many;\n"
          "--visit-every-cycle (or ROUNDTRIP_NO_CONTRACT=1) counts by visiting every\n"
          "cycle instead, to cross-check.\n"
          "\n"
          "Exit status: 0 success, 64 usage error, 65 data error, 66 missing input,\n"
          "73 cannot write the output.\n"
          "\n"
          "Examples:\n"
          "  roundtrip loops data/ai-2026\n"
          "  roundtrip loops --status confirmed,reported --format json data/ai-2026\n"
          "  roundtrip loops --format markdown --svg loops.svg -o note.md data/ai-2026\n"
          "  roundtrip loops --format markdown --svg-dir loops -o note.md data/ai-2026\n",
          out);
}

/* The --count of loops: "N\n" as text, or an object in JSON. */
static void format_count(char *buf, size_t len, const rt_loops *loops, rt_format format)
{
    if (format == RT_FORMAT_JSON)
        snprintf(buf, len, "{\n  \"loops\": %zu,\n  \"cycles\": %zu,\n  \"truncated\": %s\n}\n",
                 rt_loops_count(loops), rt_loops_cycles_total(loops),
                 rt_loops_truncated(loops) ? "true" : "false");
    else
        snprintf(buf, len, "%zu\n", rt_loops_count(loops));
}

/* --svg-dir: a diagram per loop, as `render --loop N` draws it, and its
 * link from the note. */
typedef struct loop_diagrams {
    size_t count;
    char **paths, **links, **svgs;
    size_t *lens;
    bool made_dir; /* the directory did not exist before this run */
} loop_diagrams;

static void loop_diagrams_free(loop_diagrams *each)
{
    for (size_t i = 0; i < each->count; i++) {
        free(each->paths ? each->paths[i] : NULL);
        free(each->links ? each->links[i] : NULL);
        rt_render_free(each->svgs ? each->svgs[i] : NULL);
    }
    free(each->paths);
    free(each->links);
    free(each->svgs);
    free(each->lens);
}

static int draw_each(loop_diagrams *each, cli_outputs *outs, const rt_loops *loops, const char *dir,
                     const char *output, rt_diags *diags)
{
    size_t n = rt_loops_count(loops), width = 2;
    const char *missing = NULL;
    struct stat st;

    for (size_t k = n; k >= 100; k /= 10)
        width++;
    each->paths = calloc(n + 1, sizeof(char *));
    each->links = calloc(n + 1, sizeof(char *));
    each->svgs = calloc(n + 1, sizeof(char *));
    each->lens = calloc(n + 1, sizeof(size_t));
    if (!each->paths || !each->links || !each->svgs || !each->lens)
        return cli_cannot(dir, "cannot draw the loops", ENOMEM);
    each->count = n;
    /* The directory is made now, so that the links can be worked out; a
     * run that fails takes it away again if it made it. */
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT || mkdir(dir, 0777) != 0)
            return cli_cannot(dir, "cannot create", errno);
        each->made_dir = true;
    } else if (!S_ISDIR(st.st_mode)) {
        return cli_cannot(dir, "cannot create", ENOTDIR);
    }
    for (size_t i = 0; i < n; i++) {
        rt_render_options ro = RT_RENDER_OPTIONS_INIT;
        size_t before = rt_diags_count(diags), len = strlen(dir) + 32;
        int rc;
        ro.format = RT_RENDER_SVG;
        ro.loop = i + 1;
        if (!(each->paths[i] = malloc(len)))
            return cli_cannot(dir, "cannot draw the loops", ENOMEM);
        snprintf(each->paths[i], len, "%s%sloop-%0*zu.svg", dir,
                 dir[strlen(dir) - 1] == '/' ? "" : "/", (int)width, i + 1);
        if ((rc = rt_render(&each->svgs[i], &each->lens[i], loops, &ro, diags)) < 0) {
            cli_print_diags(diags, before);
            return cli_exit_status(rc);
        }
        cli_outputs_add(outs, each->paths[i], each->svgs[i], each->lens[i]);
        if (!(each->links[i] = cli_relative_link(output, each->paths[i], &missing)))
            return cli_cannot(missing ? missing : each->paths[i], "cannot create", errno);
    }
    return 0;
}

int cmd_loops(int argc, char **argv)
{
    rt_graph_options gopts = RT_GRAPH_OPTIONS_INIT;
    rt_loop_options lopts = RT_LOOP_OPTIONS_INIT;
    rt_report_options report_opts = RT_REPORT_OPTIONS_INIT;
    rt_format format = RT_FORMAT_TEXT;
    const char *output = NULL, *svg = NULL, *svg_dir = NULL, *html = NULL;
    loop_diagrams each = {0};
    char *link = NULL, *page_link = NULL, count_text[128];
    rt_diags *diags = NULL;
    rt_dataset *ds = NULL;
    rt_graph *g = NULL;
    rt_loops *loops = NULL;
    char *report = NULL, *diagram = NULL, *page = NULL;
    size_t diagram_len = 0, page_len = 0;
    const char *path = NULL, *missing = NULL;
    cli_outputs outs;
    cli_parser parser;
    int opt, rc, status = 0;

    cli_outputs_init(&outs);
    cli_parser_init(&parser, "loops", options);
    while ((opt = cli_parser_next(&parser, argc, argv)) > 0) {
        switch (opt) {
        case OPT_FORMAT:
            if (cli_parse_format("loops", optarg,
                                 (1u << RT_FORMAT_TEXT) | (1u << RT_FORMAT_SUMMARY) |
                                     (1u << RT_FORMAT_MARKDOWN) | (1u << RT_FORMAT_JSON),
                                 &format) != 0)
                return EXIT_USAGE;
            break;
        case OPT_OUTPUT:
            output = optarg;
            break;
        case OPT_SVG:
            svg = optarg;
            break;
        case OPT_SVG_DIR:
            svg_dir = optarg;
            break;
        case OPT_HTML:
            html = optarg;
            break;
        case OPT_COUNT:
            lopts.count_only = true;
            break;
        case OPT_VISIT:
            lopts.enumerate = true;
            break;
        case OPT_HELP:
            print_help(stdout);
            return 0;
        default:
            if ((rc = cli_shared_option("loops", opt, optarg, &gopts, &lopts)) != 0)
                return rc;
        }
    }
    if (opt < 0)
        return EXIT_USAGE;
    if (lopts.count_only && format != RT_FORMAT_TEXT && format != RT_FORMAT_JSON)
        return cli_usage_error("loops", "--count prints a number: --format text or json");
    if (svg && format != RT_FORMAT_MARKDOWN)
        return cli_usage_error("loops", "--svg embeds a diagram in --format markdown");
    if (svg_dir && format != RT_FORMAT_MARKDOWN)
        return cli_usage_error("loops", "--svg-dir puts a diagram in each loop's section of "
                                        "--format markdown");
    if (svg_dir && !*svg_dir)
        return cli_usage_error("loops", "--svg-dir needs a directory");
    if (html && format != RT_FORMAT_MARKDOWN)
        return cli_usage_error("loops", "--html links the loop explorer from --format markdown");
    if (html && lopts.count_only)
        return cli_usage_error("loops", "--count prints a number: it links no explorer");
    if ((svg || svg_dir || html) && lopts.count_only)
        return cli_usage_error("loops", "--count prints a number: it draws no diagram");
    if ((status = cli_dataset_operand("loops", argc, argv, &path)) != 0 ||
        (status = cli_diags_new(&diags)) != 0)
        return status;
    status = cli_find_loops("loops", path, &gopts, &lopts, diags, &ds, &g, &loops);
    if (status != 0)
        goto out;
    cli_outputs_input(&outs, path);
    if (lopts.count_only) {
        format_count(count_text, sizeof(count_text), loops, format);
        cli_outputs_add(&outs, output ? output : "-", count_text, strlen(count_text));
        status = cli_outputs_commit(&outs);
        goto out;
    }
    if (svg) {
        /* The diagram first, by render's rules; then a link to it from
         * where the report goes. Both are written together, at the end. */
        rt_render_options ro = RT_RENDER_OPTIONS_INIT;
        size_t before = rt_diags_count(diags); /* the rest are printed */
        ro.loops_only = true;
        if (rt_render_format_parse(&ro.format, svg) != 0 || ro.format != RT_RENDER_SVG) {
            status = cli_usage_error("loops", "--svg needs a .svg file, not '%s'", svg);
            goto out;
        }
        rc = rt_render(&diagram, &diagram_len, loops, &ro, diags);
        if (rc < 0) {
            cli_print_diags(diags, before);
            status = cli_exit_status(rc);
            goto out;
        }
        cli_outputs_add(&outs, svg, diagram, diagram_len);
        link = cli_relative_link(output, svg, &missing);
        if (!link) {
            status = cli_cannot(missing ? missing : svg, "cannot create", errno);
            goto out;
        }
    }
    if (html) {
        /* The explorer of the same loops, written with the note. */
        rt_render_options ro = RT_RENDER_OPTIONS_INIT;
        size_t before = rt_diags_count(diags);
        if (rt_render_format_parse(&ro.format, html) != 0 || ro.format != RT_RENDER_HTML) {
            status = cli_usage_error("loops", "--html needs a .html file, not '%s'", html);
            goto out;
        }
        rc = rt_render(&page, &page_len, loops, &ro, diags);
        if (rc < 0) {
            cli_print_diags(diags, before);
            status = cli_exit_status(rc);
            goto out;
        }
        cli_outputs_add(&outs, html, page, page_len);
        page_link = cli_relative_link(output, html, &missing);
        if (!page_link) {
            status = cli_cannot(missing ? missing : html, "cannot create", errno);
            goto out;
        }
    }
    if (svg_dir && (status = draw_each(&each, &outs, loops, svg_dir, output, diags)) != 0)
        goto out;
    report_opts.format = format;
    report_opts.image = link;
    report_opts.page = page_link;
    report_opts.loop_images = (const char *const *)each.links;
    report_opts.loop_image_count = each.count;
    if ((rc = rt_report_loops(&report, loops, &report_opts)) < 0) {
        fprintf(stderr, "roundtrip loops: %s\n", rt_strerror(rc));
        status = cli_exit_status(rc);
        goto out;
    }
    cli_outputs_add(&outs, output ? output : "-", report, strlen(report));
    status = cli_outputs_commit(&outs);
out:
    if (status != 0 && each.made_dir)
        rmdir(svg_dir); /* made for this run, and empty again */
    cli_outputs_free(&outs);
    loop_diagrams_free(&each);
    free(link);
    free(page_link);
    rt_render_free(diagram);
    rt_render_free(page);
    rt_report_free(report);
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    return status;
}
