/*
 * roundtrip: circularity diagrams. The money graph drawn with Graphviz:
 * built with cgraph, written as DOT, or laid out and rendered in-process
 * with gvc (SVG, and PNG or PDF where Graphviz's plugins allow).
 */
#ifndef ROUNDTRIP_RENDER_H
#define ROUNDTRIP_RENDER_H

#include "loops.h"

RT_BEGIN_DECLS

typedef enum rt_render_format {
    RT_RENDER_DOT = 0, /* the graph without layout, for Graphviz users to restyle */
    RT_RENDER_SVG,
    RT_RENDER_PNG,
    RT_RENDER_PDF,
    RT_RENDER_HTML, /* the loop explorer: one self-contained page (SVG, data, script) */
} rt_render_format;

typedef enum rt_layout {
    RT_LAYOUT_AUTO = 0, /* dot for small graphs, sfdp for large ones */
    RT_LAYOUT_DOT,
    RT_LAYOUT_NEATO,
    RT_LAYOUT_CIRCO,
    RT_LAYOUT_FDP,
    RT_LAYOUT_SFDP,
} rt_layout;

typedef struct rt_render_options {
    unsigned version;
    rt_render_format format;
    rt_layout layout;
    bool loops_only;   /* only entities and relationships on loops */
    size_t loop;       /* draw the loop of this rank alone (1 = first); 0 = all */
    const char *title; /* first line of the graph label; NULL: the dataset path */
} rt_render_options;

#define RT_RENDER_OPTIONS_VERSION 1
#define RT_RENDER_OPTIONS_INIT                                                                     \
    {                                                                                              \
        RT_RENDER_OPTIONS_VERSION, RT_RENDER_SVG, RT_LAYOUT_AUTO, false, 0, NULL                   \
    }

/*
 * Draw the graph of `loops` (its dataset, filters and loops): nodes by
 * entity kind, subsidiaries inside a cluster of their parent, edges by
 * relationship class and status with amounts, the loops' edges accented
 * and the rest muted, a legend, tooltips with each claim's evidence, and
 * links only for http(s) URLs. Text from the input is escaped for DOT and
 * for SVG. The same input gives the same bytes.
 * RT_RENDER_HTML writes one page that needs nothing else and makes no
 * request: the SVG drawing, the loops of every claim date as JSON, and
 * the script and style of an explorer, all inline under a
 * Content-Security-Policy that allows nothing but them.
 * Returns 0 and the output in *out (its size in *len; free with
 * rt_render_free()), RT_EINVAL (bad options, or no loop of that rank),
 * RT_ENOMEM, or RT_ERROR when Graphviz fails (its reason in diags).
 */
RT_EXPORT int rt_render(char **out, size_t *len, const rt_loops *loops,
                        const rt_render_options *opts, rt_diags *diags);

/* Free rendered output. Accepts NULL. */
RT_EXPORT void rt_render_free(char *data);

/* The format named by a file name's extension (".svg", ".html"), or by a
 * name ("svg", "html"): 0 and *out, or RT_EINVAL. */
RT_EXPORT int rt_render_format_parse(rt_render_format *out, const char *name);

RT_END_DECLS

#endif
