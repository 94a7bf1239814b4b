/*
 * Diagrams with Graphviz: the graph is built with cgraph, then written as
 * DOT (agwrite) or laid out and rendered in-process (gvLayout, gvRenderData)
 * in the order of Graphviz's own demo (dot.demo/simple.c): gvLayout ->
 * gvRender -> gvFreeLayout -> agclose.
 *
 * One gvContext serves the whole process and is never freed, unlike the
 * demo: Graphviz 2.43's pango plugin keeps a pointer to a font name owned
 * by the context that first measured text, so after gvFreeContext() the
 * next context reads freed memory (AddressSanitizer: heap-use-after-free in
 * libgvplugin_pango, under textspan_size). The context's memory is what
 * tests/lsan.supp names as libgvc's.
 *
 * Graphviz reports problems by printing to stderr; a library must not, so
 * its messages are caught (agseterrf) and handed back as diagnostics, and
 * the caller's own error function and level are put back after.
 *
 * Graphviz is not thread-safe: cgraph's error function, its message and the
 * plugins' state are process globals. So rt_render() draws under one lock
 * (two threads may render at once, and take turns), and the context is made
 * once (pthread_once). The lock, the context and the message buffer it
 * guards are the library's only global state besides igraph's (see
 * graph/igraph.c), on the allow list of tests/no-global-state.sh.
 */
#include <gvc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "render/render_impl.h"
#include "util/alloc.h"
#include "util/diag.h"
#include "util/url.h"

static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;
static char gv_message[512]; /* under render_lock */
static pthread_once_t gvc_once = PTHREAD_ONCE_INIT;
static GVC_t *shared_gvc; /* see above: made once, never freed */

static void make_gvc(void)
{
    shared_gvc = gvContext();
}

static int catch_message(char *msg)
{
    size_t n = strlen(gv_message);

    if (n + 1 < sizeof(gv_message))
        snprintf(gv_message + n, sizeof(gv_message) - n, "%s", msg);
    return 0;
}

typedef struct drawing {
    const rt_loops *loops;
    const rt_graph *g;
    const rt_dataset *ds;
    const rt_render_options *opts;
    unsigned char *draw;    /* per relationship: drawn */
    unsigned char *on_loop; /* per relationship: lies on a drawn loop */
    unsigned char *entity;  /* per entity: drawn (IN_CLUSTER: inside its root's cluster) */
    Agnode_t **nodes;       /* per entity */
    Agraph_t *root;
    rt_legend_use use;           /* what the legend must explain */
    rt_buf text;                 /* scratch for attribute values */
    bool ids;                    /* Graphviz id attributes "eN" and "rN", for the HTML page */
    const rt_render_union *also; /* the HTML page's other dates, or NULL */
} drawing;

/* Set an attribute from the scratch buffer, then clear it. */
static int set_text(drawing *d, void *obj, char *name)
{
    int rc;

    if (d->text.oom)
        return RT_ENOMEM;
    rc = agsafeset(obj, name, d->text.data ? d->text.data : "", "");
    d->text.len = 0;
    if (d->text.data)
        d->text.data[0] = '\0';
    return rc == 0 ? RT_OK : RT_ENOMEM;
}

#define IN_CLUSTER 2

static void mark_loop(drawing *d, const rt_loop *l)
{
    for (size_t i = 0; i < l->length; i++) {
        const rt_arc *a = rt_graph_arc(d->g, l->arcs[i]);
        for (size_t k = 0; k < a->relationship_count; k++)
            d->on_loop[a->relationships[k]] = 1;
    }
}

/* Which relationships and entities to draw, and which lie on loops. */
static void select_parts(drawing *d)
{
    size_t nrel = rt_dataset_relationship_count(d->ds), nloops = rt_loops_count(d->loops);

    if (d->opts->loop)
        mark_loop(d, rt_loops_get(d->loops, d->opts->loop - 1));
    else
        for (size_t i = 0; i < nloops; i++)
            mark_loop(d, rt_loops_get(d->loops, i));
    for (size_t r = 0; r < nrel; r++) {
        const rt_relationship *rel = rt_dataset_relationship(d->ds, r);
        if (d->also && d->also->on_loop[r])
            d->on_loop[r] = 1;
        if (!rt_render__drawable(d->g, r) && !(d->also && d->also->drawn[r]))
            continue;
        if ((d->opts->loops_only || d->opts->loop) && !d->on_loop[r])
            continue;
        d->draw[r] = 1;
        d->entity[rel->from] = d->entity[rel->to] = 1;
    }
}

bool rt_render__drawable(const rt_graph *g, size_t r)
{
    const rt_flow *fl = rt_graph_flow(g, r);
    const rt_relationship *rel = rt_dataset_relationship(rt_graph_dataset(g), r);

    return fl->kept &&
           (rt_rel_kind_class(rel->kind) == RT_CLASS_LINK || rt_status_carries_money(fl->status));
}

void rt_render__edge_text(rt_buf *b, const rt_graph *g, size_t r)
{
    const rt_relationship *rel = rt_dataset_relationship(rt_graph_dataset(g), r);
    rt_amount amount = rt_graph_scenario_amount(g, &rt_graph_flow(g, r)->amount);
    char text[96];

    rt_buf__puts(b, rt_rel_kind_name(rel->kind));
    if (amount.unit != RT_AMOUNT_UNKNOWN) {
        rt_amount_format(text, sizeof(text), &amount);
        rt_buf__printf(b, " %s", text);
    }
}

static int add_node(drawing *d, Agraph_t *parent, size_t e)
{
    const rt_entity *ent = rt_dataset_entity(d->ds, e);
    const rt_node_style *st = rt_render__node_style(ent->primary_kind);
    char id[32];

    d->use.kinds |= ent->primary_kind ? ent->primary_kind : RT_LEGEND_UNKNOWN_KIND;
    Agnode_t *n;
    int rc = RT_OK;

    snprintf(id, sizeof(id), "e%zu", e);
    n = agnode(parent, id, 1);
    if (!n)
        return RT_ENOMEM;
    d->nodes[e] = n;
    rt_render__label(&d->text, ent->name);
    rc |= set_text(d, n, "label");
    rc |= agsafeset(n, "shape", (char *)st->shape, "");
    rc |= agsafeset(n, "style", (char *)st->style, "");
    rc |= agsafeset(n, "fillcolor", (char *)st->fill, "");
    rc |= agsafeset(n, "color", (char *)st->border, "");
    if (d->ids)
        rc |= agsafeset(n, "id", id, "");

    /* Tooltip: name, kinds, country, note. */
    rt_render__esc(&d->text, ent->name);
    rt_buf__puts(&d->text, "\\n");
    if (ent->kinds == 0)
        rt_buf__puts(&d->text, "kind unknown");
    for (int k = 0, first = 1; k < RT_ENTITY_KIND_COUNT; k++)
        if (ent->kinds & (1u << k)) {
            rt_buf__printf(&d->text, "%s%s", first ? "" : ", ",
                           rt_entity_kind_name((rt_entity_kind)(1 << k)));
            first = 0;
        }
    if (ent->country) {
        rt_buf__puts(&d->text, " \xc2\xb7 ");
        rt_render__esc(&d->text, ent->country);
    }
    if (ent->parent != RT_NONE) {
        rt_buf__puts(&d->text, "\\npart of ");
        rt_render__esc(&d->text, rt_dataset_entity(d->ds, ent->parent)->name);
    }
    if (ent->note) {
        rt_buf__puts(&d->text, "\\n");
        rt_render__esc(&d->text, ent->note);
    }
    rc |= set_text(d, n, "tooltip");
    if (rt_url__is_web(ent->url)) {
        rt_render__url(&d->text, ent->url);
        rc |= set_text(d, n, "URL");
    }
    return rc ? RT_ENOMEM : RT_OK;
}

/* Subsidiaries inside a cluster of their ultimate parent, unless the graph
 * is not consolidated. Entities in file order, so the DOT is stable; the
 * drawn ones are bucketed by root first (a list per root, through next[]),
 * so the whole is linear in the entities. */
static int add_nodes(drawing *d)
{
    size_t nent = rt_dataset_entity_count(d->ds);
    bool consolidate = rt_graph_options_used(d->g)->consolidate;
    size_t *head = rt__malloc((nent + 1) * sizeof(size_t));
    size_t *tail = rt__malloc((nent + 1) * sizeof(size_t));
    size_t *next = rt__malloc((nent + 1) * sizeof(size_t));
    int rc = RT_ENOMEM;

    if (!head || !tail || !next)
        goto out;
    for (size_t e = 0; e < nent; e++)
        head[e] = RT_NONE;
    for (size_t e = 0; e < nent; e++) {
        size_t root = rt_dataset_entity(d->ds, e)->root;
        if (!d->entity[e])
            continue;
        next[e] = RT_NONE;
        if (head[root] == RT_NONE)
            head[root] = e;
        else
            next[tail[root]] = e;
        tail[root] = e;
    }
    for (size_t root = 0; root < nent; root++) {
        Agraph_t *parent = d->root;
        size_t first = head[root];
        if (first == RT_NONE)
            continue;
        if (consolidate && (next[first] != RT_NONE || !d->entity[root])) {
            char id[40];
            snprintf(id, sizeof(id), "cluster_e%zu", root);
            parent = agsubg(d->root, id, 1);
            if (!parent)
                goto out;
            rt_render__label(&d->text, rt_dataset_entity(d->ds, root)->name);
            if (set_text(d, parent, "label") || agsafeset(parent, "style", "rounded,dashed", "") ||
                agsafeset(parent, "color", "#9ca3af", "") ||
                agsafeset(parent, "fontcolor", "#4b5563", ""))
                goto out;
        }
        for (size_t e = first; e != RT_NONE; e = next[e]) {
            if ((rc = add_node(d, consolidate ? parent : d->root, e)) < 0)
                goto out;
            if (parent != d->root)
                d->entity[e] = IN_CLUSTER;
        }
    }
    rc = RT_OK;
out:
    rt__free(head);
    rt__free(tail);
    rt__free(next);
    return rc;
}

/* Whether an edge between two drawn entities crosses a cluster's border. */
static bool crosses_cluster(const drawing *d, size_t from, size_t to)
{
    if (d->entity[from] != IN_CLUSTER || d->entity[to] != IN_CLUSTER)
        return d->entity[from] != d->entity[to];
    return rt_dataset_entity(d->ds, from)->root != rt_dataset_entity(d->ds, to)->root;
}

static int add_edge(drawing *d, size_t r)
{
    const rt_relationship *rel = rt_dataset_relationship(d->ds, r);
    const rt_flow *fl = rt_graph_flow(d->g, r);
    rt_rel_class cls = rt_rel_kind_class(rel->kind);
    rt_amount amount = rt_graph_scenario_amount(d->g, &fl->amount);
    char key[32], color[16], width[16], text[96];
    const char *style, *url = NULL;
    Agedge_t *e;
    bool back;
    int rc = 0;

    snprintf(key, sizeof(key), "r%zu", r);
    /* Graphviz 2.43's dot (with newrank) can route two edges across a
     * cluster's border on one path, their labels on one spot: "equity $50B"
     * over "chips 2 GW" between Amazon and OpenAI. Which edges it merges
     * depends on the whole graph, not on one pair. Every edge across a
     * border runs from the entity first in the file to the other (dir=back
     * where the money flows the other way): so laid out, no label of the
     * bundled dataset's diagrams covers another under any filter
     * tests/label-overlap.py tries, against 28 as written. */
    back = crosses_cluster(d, rel->from, rel->to) && rel->from > rel->to;
    e = agedge(d->root, d->nodes[back ? rel->to : rel->from], d->nodes[back ? rel->from : rel->to],
               key, 1);
    if (!e)
        return RT_ENOMEM;
    if (back)
        rc |= agsafeset(e, "dir", "back", "");
    rt_render__edge_style(cls, fl->status, d->on_loop[r] != 0, color, sizeof(color), &style);
    d->use.classes |= 1u << cls;
    d->use.lighter |= fl->status != RT_STATUS_CONFIRMED;
    d->use.dotted |= strcmp(style, "dotted") == 0;
    d->use.muted |= !d->on_loop[r];
    snprintf(width, sizeof(width), "%.1f", rt_render__penwidth(&amount));
    rc |= agsafeset(e, "color", color, "");
    rc |= agsafeset(e, "fontcolor", d->on_loop[r] ? "#111827" : "#6b7280", "");
    rc |= agsafeset(e, "style", (char *)style, "");
    rc |= agsafeset(e, "penwidth", width, "");
    if (cls == RT_CLASS_LINK)
        rc |= agsafeset(e, back ? "arrowtail" : "arrowhead", "empty", "");
    if (d->ids)
        rc |= agsafeset(e, "id", key, "");

    /* "compute $38B", "chips 6 GW", "equity" */
    {
        rt_buf plain = RT_BUF_INIT;
        rt_render__edge_text(&plain, d->g, r);
        if (plain.oom)
            d->text.oom = true;
        else
            rt_render__esc(&d->text, plain.data);
        rt_buf__free(&plain);
    }
    rc |= set_text(d, e, "label");

    /* Tooltip: the evidence, a claim per line. */
    rt_render__esc(&d->text, rt_dataset_entity(d->ds, rel->from)->name);
    rt_buf__printf(&d->text, " \xe2\x86\x92 ");
    rt_render__esc(&d->text, rt_dataset_entity(d->ds, rel->to)->name);
    rt_buf__printf(&d->text, ": %s", rt_rel_kind_name(rel->kind));
    for (size_t i = 0; i < fl->claim_count; i++) {
        const rt_claim *c = rt_dataset_claim(d->ds, fl->claims[i]);
        char date[16];
        rt_amount_format(text, sizeof(text), &c->amount);
        rt_date_format(date, sizeof(date), &c->date);
        rt_buf__puts(&d->text, "\\n");
        rt_render__esc(&d->text, c->amount.unit == RT_AMOUNT_UNKNOWN ? "amount unknown" : text);
        rt_buf__printf(
            &d->text, ", %s%s%s, ",
            rt_status_name(rt_claim_status_as_of(c, &rt_graph_options_used(d->g)->filter.as_of)),
            date[0] ? ", " : "", date);
        rt_render__esc(&d->text, c->source ? c->source : "no source");
        rt_buf__printf(&d->text, " (line %d)", c->line);
        if (!url && rt_url__is_web(c->url))
            url = c->url;
    }
    /* The same evidence when hovering over the line or over its label. */
    rc |= agsafeset(e, "labeltooltip", d->text.data ? d->text.data : "", "");
    rc |= set_text(d, e, "tooltip");
    if (url) {
        rt_render__url(&d->text, url);
        rc |= set_text(d, e, "URL");
    }
    return rc ? RT_ENOMEM : RT_OK;
}

/* The most entities the automatic layout gives to dot, whose time grows
 * fast with clusters and crossings; above, sfdp. */
#define RT_DOT_MAX_NODES 80

/* The most entities and relationships laid out in-process. sfdp, the
 * fastest layout, grows faster than linearly: on a ring of entities paying
 * each other both ways, 3,000 take 7 s, 10,000 take 30 s and 20,000 two
 * minutes; above these a drawing is refused, and DOT (no layout) is still
 * written. */
#define RT_LAYOUT_MAX_NODES 10000
#define RT_LAYOUT_MAX_EDGES 40000

/* cairo's largest bitmap side, in pixels, and Graphviz's bitmap resolution:
 * a PNG is scaled down to this size on purpose rather than by the plugin,
 * which says so on stderr. */
#define RT_PNG_MAX_PIXELS 32767
#define RT_PNG_DPI 96
#define RT_PNG_DPI_TEXT "96"

static const char *layout_name(rt_layout layout, size_t nodes)
{
    static const char *const names[] = {"dot", "dot", "neato", "circo", "fdp", "sfdp"};

    if (layout == RT_LAYOUT_AUTO)
        return nodes <= RT_DOT_MAX_NODES ? "dot" : "sfdp";
    return names[layout];
}

/* Whether claim k of the loop's hops is the first with its source. */
static bool first_with_source(const drawing *d, const rt_loop *l, const rt_claim *c)
{
    for (size_t i = 0; i < l->length; i++) {
        const rt_arc *a = rt_graph_arc(d->g, l->arcs[i]);
        for (size_t k = 0; k < a->relationship_count; k++) {
            const rt_flow *fl = rt_graph_flow(d->g, a->relationships[k]);
            for (size_t j = 0; j < fl->claim_count; j++) {
                const rt_claim *o = rt_dataset_claim(d->ds, fl->claims[j]);
                if (o == c)
                    return true;
                if (o->source && strcmp(o->source, c->source) == 0)
                    return false;
            }
        }
    }
    return true;
}

/* A loop diagram's credit line, as under a newspaper's graphic: the
 * sources of the claims on its hops, in the order of its hops, and the
 * date its claims stand at (the --as-of date, or the dataset's latest). */
static void add_credit(drawing *d, const rt_loop *l)
{
    const rt_graph_options *go = rt_graph_options_used(d->g);
    rt_date at = go->filter.as_of.year ? go->filter.as_of : rt_dataset__latest_claim(d->ds);
    size_t count = 0, shown = 0, start;
    char date[16];

    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            rt_buf__puts(&d->text, count == 0   ? "\\nSource: none given"
                                   : count == 1 ? "\\nSource: "
                                                : "\\nSources: ");
        start = d->text.len;
        for (size_t i = 0; i < l->length; i++) {
            const rt_arc *a = rt_graph_arc(d->g, l->arcs[i]);
            for (size_t k = 0; k < a->relationship_count; k++) {
                const rt_flow *fl = rt_graph_flow(d->g, a->relationships[k]);
                for (size_t j = 0; j < fl->claim_count; j++) {
                    const rt_claim *c = rt_dataset_claim(d->ds, fl->claims[j]);
                    if (!c->source || !first_with_source(d, l, c))
                        continue;
                    if (pass == 0) {
                        count++;
                    } else if (shown == 0 || d->text.len - start + strlen(c->source) <= 72) {
                        /* One line: the rest as a count. */
                        rt_buf__puts(&d->text, shown++ ? "; " : "");
                        rt_render__label(&d->text, c->source);
                    }
                }
            }
        }
    }
    if (shown < count)
        rt_buf__printf(&d->text, " and %zu more", count - shown);
    rt_date_format(date, sizeof(date), &at);
    if (at.year)
        rt_buf__printf(&d->text, " \xc2\xb7 claims as of %s", date);
}

/* The graph label: a title, then what is drawn and under which filters. */
static int add_title(drawing *d)
{
    const rt_graph_options *go = rt_graph_options_used(d->g);
    const rt_loop_options *lo = rt_loops_options(d->loops);
    size_t n = rt_loops_count(d->loops);

    /* The explorer's page says all this in its header, for the date its
     * slider shows; a title in the drawing would hold for one date. */
    if (d->ids)
        return RT_OK;

    if (d->opts->title) {
        rt_render__label(&d->text, d->opts->title);
    } else {
        /* The dataset as it was named: its directory, or the bare file. */
        const char *file = rt_dataset_relationships_file(d->ds);
        size_t flen = strlen(file), suffix = strlen("/relationships.csv");
        bool dir = rt_dataset_entities_file(d->ds) && flen > suffix &&
                   strcmp(file + flen - suffix, "/relationships.csv") == 0;
        char *name = rt__strndup(file, dir ? flen - suffix : flen);
        if (!name)
            return RT_ENOMEM;
        rt_render__label(&d->text, name);
        rt__free(name);
    }
    rt_buf__puts(&d->text, "\\n");
    if (d->opts->loop) {
        const rt_loop *l = rt_loops_get(d->loops, d->opts->loop - 1);
        rt_amount c = rt_graph_scenario_amount(d->g, &l->figures.circulating);
        char amount[64];
        rt_buf__printf(&d->text, "loop %zu of %zu: ", d->opts->loop, n);
        for (size_t i = 0; i <= l->length; i++) {
            size_t v = l->vertices[i % l->length];
            rt_render__label(&d->text,
                             rt_dataset_entity(d->ds, rt_graph_vertex_entity(d->g, v))->name);
            rt_buf__puts(&d->text, i < l->length ? " \xe2\x86\x92 " : "");
        }
        rt_buf__printf(&d->text, "\\n%s, %s", l->direct ? "direct" : "indirect",
                       rt_status_name(l->weakest));
        if (c.unit == RT_AMOUNT_USD) {
            rt_amount_format(amount, sizeof(amount), &c);
            rt_buf__printf(&d->text, " \xc2\xb7 %s circulating", amount);
        }
        if (l->figures.has_ratio && l->direct)
            rt_buf__printf(&d->text, " \xc2\xb7 round trip %.2fx", l->figures.ratio);
        else if (l->figures.has_ratio)
            rt_buf__printf(&d->text, " \xc2\xb7 returns up to %.0f%% of the stake",
                           l->figures.ratio * 100);
    } else
        rt_buf__printf(&d->text, "%zu %s of up to %zu hops%s", n, n == 1 ? "loop" : "loops",
                       lo->cycles.max_len, d->opts->loops_only ? ", loops only" : "");
    if (go->filter.statuses) {
        rt_buf__puts(&d->text, " \xc2\xb7 statuses:");
        for (int s = 0, first = 1; s < RT_STATUS_COUNT; s++)
            if (go->filter.statuses & (1u << s)) {
                rt_buf__printf(&d->text, "%s%s", first ? " " : ", ", rt_status_name((rt_status)s));
                first = 0;
            }
    }
    if (go->filter.as_of.year) {
        char date[16];
        rt_date_format(date, sizeof(date), &go->filter.as_of);
        rt_buf__printf(&d->text, " \xc2\xb7 as of %s", date);
    }
    if (go->filter.min_amount >= 0) {
        char text[32];
        rt_usd_format(text, sizeof(text), go->filter.min_amount);
        rt_buf__printf(&d->text, " \xc2\xb7 at least %s", text);
    }
    if (go->scenario != RT_SCENARIO_RANGE)
        rt_buf__printf(&d->text, " \xc2\xb7 %s scenario",
                       go->scenario == RT_SCENARIO_LOW ? "low" : "high");
    if (!go->consolidate)
        rt_buf__puts(&d->text, " \xc2\xb7 subsidiaries apart");
    if (d->opts->loop)
        add_credit(d, rt_loops_get(d->loops, d->opts->loop - 1));
    return set_text(d, d->root, "label");
}

static int build(drawing *d)
{
    size_t nrel = rt_dataset_relationship_count(d->ds);
    Agraph_t *g = d->root;
    Agnode_t *legend;
    char *html;
    int rc;

    select_parts(d);
    /* newrank: Graphviz 2.43's cluster ranking can realloc rank arrays in
     * flat_edges() that gvFreeLayout() then frees again (a double free seen
     * under valgrind on 10 of the 39 bundled loops); global ranking avoids
     * that path. tests/render-valgrind.sh keeps watching. */
    if (agsafeset(g, "rankdir", "LR", "") || agsafeset(g, "newrank", "true", "") ||
        agsafeset(g, "fontname", RT_FONT, "") || agsafeset(g, "fontsize", "16", "") ||
        agsafeset(g, "labelloc", "t", "") || agsafeset(g, "labeljust", "l", "") ||
        agsafeset(g, "nodesep", "0.35", "") || agsafeset(g, "ranksep", "0.9", "") ||
        agsafeset(g, "pad", "0.3", "") || agsafeset(g, "bgcolor", "white", "") ||
        agsafeset(g, "overlap", "false", "") || agsafeset(g, "splines", "true", "") ||
        agsafeset(g, "start", "1", "") || agsafeset(g, "outputorder", "edgesfirst", ""))
        return RT_ENOMEM;
    if (!agattr(g, AGNODE, "fontname", RT_FONT) || !agattr(g, AGNODE, "fontsize", "11") ||
        !agattr(g, AGNODE, "margin", "0.12,0.06") || !agattr(g, AGEDGE, "fontname", RT_FONT) ||
        !agattr(g, AGEDGE, "fontsize", "9") || !agattr(g, AGEDGE, "arrowsize", "0.7"))
        return RT_ENOMEM;
    if ((rc = add_title(d)) < 0 || (rc = add_nodes(d)) < 0)
        return rc;
    for (size_t r = 0; r < nrel; r++)
        if (d->draw[r] && (rc = add_edge(d, r)) < 0)
            return rc;

    {
        Agraph_t *side = agsubg(g, "legend_rank", 1);
        if (!side || agsafeset(side, "rank", "sink", ""))
            return RT_ENOMEM;
        legend = agnode(side, "legend", 1);
    }
    if (!legend)
        return RT_ENOMEM;
    rt_buf__puts(&d->text, "<");
    rt_render__legend(&d->text, &d->use);
    rt_buf__puts(&d->text, ">");
    if (d->text.oom)
        return RT_ENOMEM;
    /* An HTML-like label is an agstrdup_html string without the outer < >. */
    d->text.data[d->text.len - 1] = '\0';
    html = agstrdup_html(g, d->text.data + 1);
    d->text.len = 0;
    if (!html || agsafeset(legend, "shape", "plaintext", "") ||
        agsafeset(legend, "fontsize", "10", "") || agsafeset(legend, "label", html, ""))
        return RT_ENOMEM;
    agstrfree(g, html);
    return RT_OK;
}

/* agwrite() into memory. */
static int write_dot(Agraph_t *g, char **out, size_t *len)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    int rc;

    if (!f)
        return RT_ENOMEM;
    rc = agwrite(g, f);
    if (fclose(f) != 0 || rc != 0) {
        free(buf);
        return RT_ENOMEM;
    }
    *out = rt__strndup(buf, size);
    *len = size;
    free(buf);
    return *out ? RT_OK : RT_ENOMEM;
}

int rt_render_format_parse(rt_render_format *out, const char *name)
{
    static const char *const names[] = {"dot", "svg", "png", "pdf", "html"};
    const char *dot = strrchr(name, '.');
    const char *ext = dot ? dot + 1 : name;

    if (dot && (strchr(dot, '/')))
        return RT_EINVAL;
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(ext, names[i]) == 0) {
            *out = (rt_render_format)i;
            return RT_OK;
        }
    return RT_EINVAL;
}

/* rt_render() for a drawing (every format but HTML); `ids` and `also` as
 * in rt_render__svg(). */
static int render_drawing(char **out, size_t *len, const rt_loops *loops,
                          const rt_render_options *opts, bool ids, const rt_render_union *also,
                          rt_diags *diags)
{
    static const char *const formats[] = {"dot", "svg", "png", "pdf"};
    drawing d;
    GVC_t *gvc = NULL;
    agusererrf saved_errf;
    agerrlevel_t saved_level;
    size_t nrel, nent;
    int rc = RT_ENOMEM;

    if (!out || !len || !loops || !opts || opts->version != RT_RENDER_OPTIONS_VERSION ||
        (unsigned)opts->format > RT_RENDER_PDF || (unsigned)opts->layout > RT_LAYOUT_SFDP ||
        rt_loops_options(loops)->count_only)
        return RT_EINVAL;
    *out = NULL;
    *len = 0;
    if (opts->loop > rt_loops_count(loops)) {
        if (diags)
            rt_diags__add(diags, RT_SEVERITY_ERROR, NULL, 0, 0,
                          "no loop %zu: the loops are numbered 1 to %zu", opts->loop,
                          rt_loops_count(loops));
        return RT_EINVAL;
    }
    memset(&d, 0, sizeof(d));
    pthread_mutex_lock(&render_lock);
    gv_message[0] = '\0';
    saved_errf = agseterrf(catch_message);
    saved_level = agseterr(AGERR);
    d.loops = loops;
    d.g = rt_loops_graph(loops);
    d.ds = rt_graph_dataset(d.g);
    d.opts = opts;
    d.ids = ids;
    d.also = opts->loop ? NULL : also; /* one loop: the page shows that loop alone */
    nrel = rt_dataset_relationship_count(d.ds);
    nent = rt_dataset_entity_count(d.ds);
    d.draw = rt__calloc(nrel + 1, 1);
    d.on_loop = rt__calloc(nrel + 1, 1);
    d.entity = rt__calloc(nent + 1, 1);
    d.nodes = rt__calloc(nent + 1, sizeof(Agnode_t *));
    if (!d.draw || !d.on_loop || !d.entity || !d.nodes)
        goto out;

    if (opts->format != RT_RENDER_DOT) {
        pthread_once(&gvc_once, make_gvc);
        if (!(gvc = shared_gvc))
            goto out;
    }
    d.root = rt_render__open("roundtrip");
    if (!d.root)
        goto out;
    if ((rc = build(&d)) < 0)
        goto out;
    if (opts->format == RT_RENDER_DOT) {
        rc = write_dot(d.root, out, len);
        goto out;
    }
    {
        size_t nodes = 0;
        char *data = NULL;
        unsigned int size = 0;
        const char *layout;
        size_t edges = 0;
        for (size_t e = 0; e < nent; e++)
            nodes += d.entity[e];
        for (size_t r = 0; r < nrel; r++)
            edges += d.draw[r];
        if (nodes > RT_LAYOUT_MAX_NODES || edges > RT_LAYOUT_MAX_EDGES) {
            if (diags)
                rt_diags__add(diags, RT_SEVERITY_ERROR, NULL, 0, 0,
                              "%zu entities and %zu relationships to draw: more than a layout "
                              "can place in reasonable time (at most %d and %d); --loops-only, "
                              "--loop N or --min-amount draw fewer, and a .dot output, which is "
                              "not laid out, takes any size",
                              nodes, edges, RT_LAYOUT_MAX_NODES, RT_LAYOUT_MAX_EDGES);
            rc = RT_EDATA;
            goto out;
        }
        layout = layout_name(opts->layout, nodes);
        if (opts->layout == RT_LAYOUT_AUTO && strcmp(layout, "dot") != 0 && diags)
            rt_diags__add(diags, RT_SEVERITY_WARNING, NULL, 0, 0,
                          "%zu entities: drawn with %s and straight edges, as dot would take "
                          "too long above %d (--layout dot forces it; --loops-only draws "
                          "fewer)",
                          nodes, layout, RT_DOT_MAX_NODES);
        /* Graphviz 2.43 aborts (multispline.c: findMap: Assertion `ip'
         * failed) routing splines=true edges after sfdp or neato on the
         * bundled dataset, and splines=curved takes minutes on a few hundred
         * entities: force-directed layouts draw straight edges. */
        if (strcmp(layout, "dot") != 0 && agsafeset(d.root, "splines", "line", "") != 0) {
            rc = RT_ENOMEM;
            goto out;
        }
        if (opts->format == RT_RENDER_PNG) {
            /* In inches, the margins included: Graphviz scales the drawing
             * down to fit, and a smaller one stays as it is. */
            char fit[32];
            double inches = (double)RT_PNG_MAX_PIXELS / RT_PNG_DPI - 1.0;
            snprintf(fit, sizeof(fit), "%.0f,%.0f", inches, inches);
            if (agsafeset(d.root, "size", fit, "") != 0 ||
                agsafeset(d.root, "dpi", RT_PNG_DPI_TEXT, "") != 0) {
                rc = RT_ENOMEM;
                goto out;
            }
        }
        rc = RT_ERROR;
        if (gvLayout(gvc, d.root, layout) != 0)
            goto gv_failed;
        if (opts->format == RT_RENDER_PNG && diags) {
            boxf bb = GD_bb(d.root);
            double side =
                (bb.UR.x - bb.LL.x > bb.UR.y - bb.LL.y ? bb.UR.x - bb.LL.x : bb.UR.y - bb.LL.y) /
                72.0 * RT_PNG_DPI;
            if (side > RT_PNG_MAX_PIXELS)
                rt_diags__add(diags, RT_SEVERITY_WARNING, NULL, 0, 0,
                              "the drawing is %.0f pixels across: the PNG is scaled down to %d, "
                              "the largest bitmap cairo draws (SVG and PDF keep every detail)",
                              side, RT_PNG_MAX_PIXELS);
        }
        if (gvRenderData(gvc, d.root, formats[opts->format], &data, &size) != 0 || !data ||
            size == 0) {
            /* An empty result is a failure, never an empty file. */
            gvFreeRenderData(data);
            gvFreeLayout(gvc, d.root);
            goto gv_failed;
        }
        *out = rt__malloc((size_t)size + 1);
        if (*out) {
            memcpy(*out, data, size);
            (*out)[size] = '\0';
            *len = size;
            rc = RT_OK;
        } else {
            rc = RT_ENOMEM;
        }
        gvFreeRenderData(data);
        gvFreeLayout(gvc, d.root);
        goto out;
    }
gv_failed:
    if (diags)
        rt_diags__add(diags, RT_SEVERITY_ERROR, NULL, 0, 0, "graphviz cannot render %s: %s",
                      formats[opts->format],
                      gv_message[0] ? gv_message
                                    : "no renderer for this format, or it drew nothing");
out:
    if (d.root)
        agclose(d.root);
    rt_buf__free(&d.text);
    rt__free(d.draw);
    rt__free(d.on_loop);
    rt__free(d.entity);
    rt__free(d.nodes);
    agseterrf(saved_errf);
    agseterr(saved_level);
    pthread_mutex_unlock(&render_lock);
    return rc;
}

int rt_render(char **out, size_t *len, const rt_loops *loops, const rt_render_options *opts,
              rt_diags *diags)
{
    if (opts && opts->version == RT_RENDER_OPTIONS_VERSION && opts->format == RT_RENDER_HTML)
        return rt_render__html(out, len, loops, opts, diags);
    return render_drawing(out, len, loops, opts, false, NULL, diags);
}

int rt_render__svg(char **out, size_t *len, const rt_loops *loops, const rt_render_options *opts,
                   const rt_render_union *also, rt_diags *diags)
{
    rt_render_options svg;

    if (!opts)
        return RT_EINVAL;
    svg = *opts;
    svg.format = RT_RENDER_SVG;
    return render_drawing(out, len, loops, &svg, true, also, diags);
}

void rt_render_free(char *data)
{
    rt__free(data);
}
