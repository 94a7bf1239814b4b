/* Shared by the renderer's files: styles, escaping, the legend. */
#ifndef RT_RENDER_RENDER_IMPL_H
#define RT_RENDER_RENDER_IMPL_H

#include <cgraph.h>

#include "roundtrip/render.h"
#include "util/buf.h"

#define RT_FONT "DejaVu Sans"

/* How an entity kind is drawn. */
typedef struct rt_node_style {
    const char *kind; /* "investor"; "unknown" for kind 0 */
    const char *shape;
    const char *style; /* "filled,rounded" ... */
    const char *fill;
    const char *border;
} rt_node_style;

/* The style of an entity kind (one rt_entity_kind bit; 0 for unknown). */
const rt_node_style *rt_render__node_style(unsigned kind);

/* All node styles in legend order; *count of them. */
const rt_node_style *rt_render__node_styles(size_t *count);

/* The colour of a relationship class, "#rrggbb". */
const char *rt_render__class_color(rt_rel_class cls);

/* Edge colour and style for a class and status, on a loop or muted. The
 * colour may carry an alpha ("#rrggbbaa"). */
void rt_render__edge_style(rt_rel_class cls, rt_status status, bool on_loop, char *color,
                           size_t color_len, const char **style);

/* Pen width for a USD amount: a log scale from 1 ($100M and below or
 * unknown) to 6. */
double rt_render__penwidth(const rt_amount *usd);

/* The most characters of a name in a label; the rest is cut with an
 * ellipsis (the tooltip and the reports keep the whole name). Pango and
 * cairo abort or draw nothing on labels of a million characters. */
#define RT_LABEL_MAX 60

/*
 * Append s to b for a Graphviz escString (labels, tooltips), to be read
 * back as s: a backslash would start \N, \G, \n..., so it is drawn as
 * U+2216 (which looks the same); '&' is written "&amp;", as Graphviz
 * decodes character references; line breaks become the two characters \n,
 * so the DOT stays one line per statement; a tab is a space; a control
 * character is drawn as its picture (U+2400 + code), another hidden
 * character (see rt_text__hidden()) as "∖u{202e}", and a byte that is not
 * UTF-8 as U+FFFD.
 */
void rt_render__esc(rt_buf *b, const char *s);

/* The same for a label: at most RT_LABEL_MAX characters of s. */
void rt_render__label(rt_buf *b, const char *s);

/* Append a URL that rt_url__is_web() accepts for Graphviz's URL attribute:
 * percent-encoded as a link target (rt_url__target()), '&' as "&amp;". */
void rt_render__url(rt_buf *b, const char *url);

/* A new directed root graph whose objects are numbered in creation order,
 * so output is the same on every run (see ids.c); NULL when out of memory. */
Agraph_t *rt_render__open(const char *name);

/* What a drawing uses, so its legend explains that and no more. */
typedef struct rt_legend_use {
    unsigned kinds;   /* rt_entity_kind bits drawn; bit 1 << 31 for unknown */
    unsigned classes; /* 1 << rt_rel_class drawn */
    bool lighter;     /* some edge is not confirmed */
    bool dotted;      /* some edge is in talks, proposed or rumored */
    bool muted;       /* some edge is off every loop */
} rt_legend_use;

#define RT_LEGEND_UNKNOWN_KIND (1u << 31)

/* The legend as an HTML-like label (without the outer < >). */
void rt_render__legend(rt_buf *b, const rt_legend_use *use);

/* What the loop explorer draws beyond the view of `loops`: per
 * relationship, nonzero when it is drawn at some date of the page (drawn)
 * and when it lies on a loop at some date (on_loop). */
typedef struct rt_render_union {
    const unsigned char *drawn, *on_loop;
} rt_render_union;

/*
 * rt_render() as SVG with each entity's node given the Graphviz (and so
 * SVG) id "eN" and each relationship's edge "rN", N its dataset index, so
 * the HTML page finds them; rt_render()'s own SVG has Graphviz's ids.
 * opts->format is ignored. Same results as rt_render().
 */
int rt_render__svg(char **out, size_t *len, const rt_loops *loops, const rt_render_options *opts,
                   const rt_render_union *also, rt_diags *diags);

/* Whether relationship r of g is drawn: kept as of the graph's date, and a
 * link or of a status that carries money. */
bool rt_render__drawable(const rt_graph *g, size_t r);

/* An edge's label as plain text, as of g's date: "equity $50B", "chips
 * 6 GW", "equity" (the scenario's amount). */
void rt_render__edge_text(rt_buf *b, const rt_graph *g, size_t r);

/* rt_render() for RT_RENDER_HTML (html.c). */
int rt_render__html(char **out, size_t *len, const rt_loops *loops, const rt_render_options *opts,
                    rt_diags *diags);

/* The page around `svg` (rt_render__svg()'s drawing of the same loops and
 * options): what rt_render__html() adds to Graphviz's work, apart so that
 * test_oom can fail each of its allocations (Graphviz's layout does not
 * survive a failing allocation in cgraph's ID discipline). Same results. */
int rt_render__html_page(char **out, size_t *len, const rt_loops *loops,
                         const rt_render_options *opts, const char *svg, rt_diags *diags);

/* The explorer's script and style (src/render/explorer.js, explorer.css),
 * embedded at build time by tools/embed.py, NUL-terminated, with the
 * SHA-256 of each as a CSP source ("'sha256-...'"). */
extern const char rt_render__explorer_js[];
extern const size_t rt_render__explorer_js_len;
extern const char rt_render__explorer_js_csp[];
extern const char rt_render__explorer_css[];
extern const size_t rt_render__explorer_css_len;
extern const char rt_render__explorer_css_csp[];

#endif
