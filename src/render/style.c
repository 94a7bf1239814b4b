/*
 * How the diagram looks: node styles per entity kind, edge colours per
 * relationship class, line styles per status, pen widths per amount, the
 * legend; and escaping of spreadsheet text for DOT and HTML-like labels.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "render/render_impl.h"
#include "util/text.h"
#include "util/url.h"

/* Legend order; colours: a light fill and a dark border per kind, chosen
 * to stay apart for common colour blindness and in grey print (the shapes
 * differ too). */
static const rt_node_style node_styles[] = {
    {"investor", "box", "filled,rounded", "#dbeafe", "#1e40af"},
    {"fund", "folder", "filled", "#e0e7ff", "#3730a3"},
    {"lab", "ellipse", "filled", "#dcfce7", "#166534"},
    {"cloud", "box3d", "filled", "#ffedd5", "#9a3412"},
    {"chip", "octagon", "filled", "#f3e8ff", "#6b21a8"},
    {"datacenter", "cylinder", "filled", "#e5e7eb", "#374151"},
    {"other", "note", "filled", "#f5f5f4", "#57534e"},
    {"unknown", "ellipse", "dashed", "#ffffff", "#57534e"},
};

const rt_node_style *rt_render__node_style(unsigned kind)
{
    const char *name = rt_entity_kind_name((rt_entity_kind)kind); /* "unknown" for 0 */
    size_t n = sizeof(node_styles) / sizeof(node_styles[0]);

    for (size_t i = 0; i < n; i++)
        if (strcmp(node_styles[i].kind, name) == 0)
            return &node_styles[i];
    return &node_styles[n - 1];
}

const rt_node_style *rt_render__node_styles(size_t *count)
{
    *count = sizeof(node_styles) / sizeof(node_styles[0]);
    return node_styles;
}

const char *rt_render__class_color(rt_rel_class cls)
{
    switch (cls) {
    case RT_CLASS_STAKE:
        return "#1d4ed8"; /* blue: money in as equity */
    case RT_CLASS_SPEND:
        return "#c2410c"; /* orange: money back as spend */
    case RT_CLASS_DEBT:
        return "#7c3aed"; /* violet */
    default:
        return "#6b7280"; /* grey: links carry no money */
    }
}

void rt_render__edge_style(rt_rel_class cls, rt_status status, bool on_loop, char *color,
                           size_t color_len, const char **style)
{
    /* Firm claims in full colour, reported ones lighter, deals in talks or
     * rumoured dotted; edges off every loop in a pale grey. */
    const char *alpha = status == RT_STATUS_CONFIRMED ? ""
                        : status == RT_STATUS_RUMORED ? "80"
                                                      : "b0";

    *style =
        cls == RT_CLASS_LINK ? "dashed"
        : (status == RT_STATUS_TALKS || status == RT_STATUS_PROPOSED || status == RT_STATUS_RUMORED)
            ? "dotted"
            : "solid";
    if (on_loop)
        snprintf(color, color_len, "%s%s", rt_render__class_color(cls), alpha);
    else
        snprintf(color, color_len, "#b8b8b8%s", alpha);
}

double rt_render__penwidth(const rt_amount *usd)
{
    double w;

    if (usd->unit != RT_AMOUNT_USD || usd->high <= 100000000)
        return 1.0;
    w = 1.0 + 1.25 * log10((double)usd->high / 1e8);
    w = w > 6.0 ? 6.0 : w;
    return round(w * 10.0) / 10.0; /* one decimal: stable text in the DOT */
}

/* rt_render__esc() of at most max characters, and an ellipsis for the
 * rest. */
static void esc(rt_buf *b, const char *s, size_t max)
{
    size_t n = strlen(s), chars = 0;

    for (size_t i = 0; i < n;) {
        size_t len;
        unsigned cp = rt_text__hidden(s + i, n - i, &len);
        if (chars++ == max) {
            rt_buf__puts(b, "\xe2\x80\xa6");
            return;
        }
        if (s[i] == '\\')
            /* Graphviz expands \N, \G, \E... in labels and tooltips, and
             * expands node tooltips twice, so no escaping of a backslash
             * holds everywhere: it is drawn as U+2216 SET MINUS, which
             * looks the same. */
            rt_buf__puts(b, "\xe2\x88\x96");
        else if (s[i] == '&')
            /* Graphviz decodes character references in every label
             * ("&#1;" becomes a byte that ends the SVG's XML), so '&' goes
             * in as a reference of its own and comes out as it was. */
            rt_buf__puts(b, "&amp;");
        else if (cp == '\n')
            rt_buf__puts(b, "\\n");
        else if (cp == '\r')
            ;
        else if (cp == '\t')
            rt_buf__puts(b, " ");
        else if (cp < 0x20)
            /* A control character (the loader rejects them, but a file
             * name may hold one): its picture, U+2400 + cp, valid in XML. */
            rt_buf__printf(b, "\xe2\x90%c", (char)(0x80 + cp));
        else if (cp == RT_TEXT_INVALID)
            /* Not UTF-8 (a title, a file name): U+FFFD, as a decoder would
             * show it; SVG must be UTF-8, and pango warns on stderr. */
            rt_buf__puts(b, "\xef\xbf\xbd");
        else if (cp != RT_TEXT_VISIBLE)
            /* Invisible or reordering: shown as text reports show it. */
            rt_buf__printf(b, "\xe2\x88\x96u{%04x}", cp);
        else
            rt_buf__add(b, s + i, len);
        i += len;
    }
}

void rt_render__esc(rt_buf *b, const char *s)
{
    esc(b, s, SIZE_MAX);
}

void rt_render__label(rt_buf *b, const char *s)
{
    esc(b, s, RT_LABEL_MAX);
}

void rt_render__url(rt_buf *b, const char *url)
{
    rt_buf target = RT_BUF_INIT;

    /* Graphviz 2.43 writes a URL's '&' into the SVG as it is, which is not
     * well-formed XML; an entity it passes through. */
    rt_url__target(&target, url);
    if (target.oom)
        b->oom = true;
    for (size_t i = 0; i < target.len; i++) {
        if (target.data[i] == '&')
            rt_buf__puts(b, "&amp;");
        else
            rt_buf__add(b, target.data + i, 1);
    }
    rt_buf__free(&target);
}

void rt_render__legend(rt_buf *b, const rt_legend_use *use)
{
    size_t n;
    const rt_node_style *ns = rt_render__node_styles(&n);
    static const struct {
        rt_rel_class cls;
        const char *what;
    } classes[] = {
        {RT_CLASS_STAKE, "stake: equity in"},
        {RT_CLASS_SPEND, "spend: compute, chips, data centers, services"},
        {RT_CLASS_DEBT, "debt: loans"},
        {RT_CLASS_LINK, "link: hosting, partnership (no money)"},
    };

    rt_buf__puts(b, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"1\">"
                    "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Legend</B></TD></TR>");
    for (size_t i = 0; i < n; i++) {
        rt_entity_kind k = 0;
        for (int bit = 0; bit < RT_ENTITY_KIND_COUNT; bit++)
            if (strcmp(rt_entity_kind_name((rt_entity_kind)(1 << bit)), ns[i].kind) == 0)
                k = (rt_entity_kind)(1 << bit);
        if (!(use->kinds & (k ? (unsigned)k : RT_LEGEND_UNKNOWN_KIND)))
            continue;
        rt_buf__printf(b,
                       "<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" COLOR=\"%s\" WIDTH=\"20\"> </TD>"
                       "<TD ALIGN=\"LEFT\">%s</TD></TR>",
                       ns[i].fill, ns[i].border, ns[i].kind);
    }
    for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
        if (use->classes & (1u << classes[i].cls))
            rt_buf__printf(b,
                           "<TR><TD><FONT COLOR=\"%s\"><B>&#8594;</B></FONT></TD>"
                           "<TD ALIGN=\"LEFT\"><FONT COLOR=\"%s\">%s</FONT></TD></TR>",
                           rt_render__class_color(classes[i].cls),
                           rt_render__class_color(classes[i].cls), classes[i].what);
    rt_buf__printf(b, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">thicker: more money%s%s</TD></TR>",
                   use->lighter ? "; lighter: reported" : "",
                   use->muted ? "; grey: not on a loop" : "");
    if (use->dotted)
        rt_buf__puts(b, "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">dotted: talks, proposed, rumored"
                        "</TD></TR>");
    rt_buf__puts(b, "</TABLE>");
}
