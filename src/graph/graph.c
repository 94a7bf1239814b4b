/*
 * The money graph: claims through the filter, relationships into flows,
 * entities into vertices, flows into arcs; strongly connected groups from
 * igraph.
 */
#include "roundtrip/graph.h"

#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph_impl.h"
#include "graph/igraph.h"
#include "model/dataset_impl.h"
#include "model/model.h"
#include "util/alloc.h"
#include "util/text.h"
#include "util/diag.h"

struct rt_graph {
    const rt_dataset *ds;
    rt_graph_options opts;

    size_t *vertex_entity; /* vertex -> entity */
    size_t vertex_count;
    size_t *entity_vertex; /* entity -> vertex */

    rt_flow *flows;      /* one per relationship */
    size_t *flow_claims; /* the kept claims of every flow, back to back */

    rt_arc *arcs;
    size_t arc_count;
    size_t *arc_relationships; /* the relationships of every arc, back to back */
    size_t *out_first;         /* vertex -> its first arc; out_first[n] = arc_count */

    size_t *internal, internal_count;
    size_t *links, link_count;

    size_t *group_vertices; /* every group's vertices, back to back */
    size_t *group_first;    /* group -> first index in group_vertices; [count] = end */
    size_t group_count;
    size_t *vertex_group;
};

/* A candidate arc: one money relationship between two vertices. */
typedef struct candidate {
    size_t from, to, relationship;
} candidate;

static int by_ends(const void *pa, const void *pb)
{
    const candidate *a = pa, *b = pb;

    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    return (a->relationship > b->relationship) - (a->relationship < b->relationship);
}

/* Whether a claim counts: with no statuses named, when it holds as of the
 * filter's date; else when its status by then is one of them. */
static bool claim_passes(const rt_filter *f, const rt_claim *c)
{
    rt_status st = rt_claim_status_as_of(c, &f->as_of);

    if (st == RT_STATUS_COUNT)
        return false;
    return f->statuses ? (f->statuses & (1u << st)) != 0 : rt_claim_holds(c, &f->as_of);
}

/* Say when the money on a hop adds up to more than a figure holds: it is
 * shown as "more than $9.2 quintillion", and no ratio is taken of it. */
static void warn_saturated(const rt_graph *g, rt_diags *diags)
{
    size_t n = 0, first = RT_NONE;
    char from[RT_QUOTE_SIZE], to[RT_QUOTE_SIZE];
    const char *name;

    for (size_t i = 0; i < g->arc_count; i++)
        if (g->arcs[i].amount.unit == RT_AMOUNT_USD && g->arcs[i].amount.high == RT_USD_SATURATED &&
            n++ == 0)
            first = i;
    if (n == 0 || !diags)
        return;
    name = rt_dataset_entity(g->ds, g->vertex_entity[g->arcs[first].from])->name;
    rt_text__quote(from, sizeof(from), name, strlen(name));
    name = rt_dataset_entity(g->ds, g->vertex_entity[g->arcs[first].to])->name;
    rt_text__quote(to, sizeof(to), name, strlen(name));
    rt_diags__add(diags, RT_SEVERITY_WARNING, NULL, 0, 0,
                  "the money from '%s' to '%s'%s adds up to more than $9.2 quintillion, the most "
                  "a figure holds: it is shown as such, and no ratio is taken of it",
                  from, to, n > 1 ? " (and on other hops)" : "");
}

/* Flows: each relationship's kept claims and their figures. */
static int build_flows(rt_graph *g)
{
    const rt_dataset *ds = g->ds;
    const rt_filter *f = &g->opts.filter;
    size_t nrel = rt_dataset_relationship_count(ds), at = 0;

    g->flows = rt__calloc(nrel, sizeof(*g->flows));
    g->flow_claims = rt__calloc(rt_dataset_claim_count(ds), sizeof(*g->flow_claims));
    if (!g->flows || !g->flow_claims)
        return RT_ENOMEM;
    for (size_t r = 0; r < nrel; r++) {
        const rt_relationship *rel = rt_dataset_relationship(ds, r);
        rt_flow *fl = &g->flows[r];
        bool conflicting;

        fl->claims = g->flow_claims + at;
        for (size_t k = 0; k < rel->claim_count; k++)
            if (claim_passes(f, rt_dataset_claim(ds, rel->first_claim + k)))
                g->flow_claims[at + fl->claim_count++] = rel->first_claim + k;
        if (fl->claim_count == 0)
            continue;
        rt_dataset__figures(ds->claims, fl->claims, 0, fl->claim_count, &f->as_of, &fl->amount,
                            &fl->status, &conflicting);
        if (f->min_amount >= 0 && fl->amount.unit == RT_AMOUNT_USD &&
            (g->opts.scenario == RT_SCENARIO_LOW ? fl->amount.low : fl->amount.high) <
                f->min_amount) {
            /* Dropped: nothing of it stays visible through rt_graph_flow(). */
            memset(fl, 0, sizeof(*fl));
            continue;
        }
        fl->kept = true;
        at += fl->claim_count;
    }
    return RT_OK;
}

static int build_vertices(rt_graph *g)
{
    const rt_dataset *ds = g->ds;
    size_t n = rt_dataset_entity_count(ds);

    g->vertex_entity = rt__calloc(n, sizeof(size_t));
    g->entity_vertex = rt__calloc(n, sizeof(size_t));
    if (!g->vertex_entity || !g->entity_vertex)
        return RT_ENOMEM;
    for (size_t e = 0; e < n; e++) {
        if (g->opts.consolidate && rt_dataset_entity(ds, e)->root != e)
            continue;
        g->entity_vertex[e] = g->vertex_count;
        g->vertex_entity[g->vertex_count++] = e;
    }
    if (g->opts.consolidate)
        for (size_t e = 0; e < n; e++)
            g->entity_vertex[e] = g->entity_vertex[rt_dataset_entity(ds, e)->root];
    return RT_OK;
}

/* Arcs from the kept money flows; internal flows and links on the side. */
static int build_arcs(rt_graph *g)
{
    const rt_dataset *ds = g->ds;
    size_t nrel = rt_dataset_relationship_count(ds), nc = 0;
    candidate *cand = rt__calloc(nrel, sizeof(*cand));
    int rc = RT_ENOMEM;

    g->internal = rt__calloc(nrel, sizeof(size_t));
    g->links = rt__calloc(nrel, sizeof(size_t));
    g->arc_relationships = rt__calloc(nrel, sizeof(size_t));
    g->arcs = rt__calloc(nrel, sizeof(rt_arc));
    g->out_first = rt__calloc(g->vertex_count + 1, sizeof(size_t));
    if (!cand || !g->internal || !g->links || !g->arc_relationships || !g->arcs || !g->out_first)
        goto out;
    for (size_t r = 0; r < nrel; r++) {
        const rt_relationship *rel = rt_dataset_relationship(ds, r);
        const rt_flow *fl = &g->flows[r];
        size_t from = g->entity_vertex[rel->from], to = g->entity_vertex[rel->to];
        if (!fl->kept)
            continue;
        if (rt_rel_kind_class(rel->kind) == RT_CLASS_LINK)
            g->links[g->link_count++] = r;
        else if (!rt_status_carries_money(fl->status))
            continue;
        else if (from == to)
            g->internal[g->internal_count++] = r;
        else
            cand[nc++] = (candidate){from, to, r};
    }
    qsort(cand, nc, sizeof(*cand), by_ends);
    for (size_t i = 0; i < nc; i++) {
        const rt_flow *fl = &g->flows[cand[i].relationship];
        const rt_relationship *rel = rt_dataset_relationship(ds, cand[i].relationship);
        rt_arc *a = g->arc_count ? &g->arcs[g->arc_count - 1] : NULL;

        if (!a || a->from != cand[i].from || a->to != cand[i].to) {
            a = &g->arcs[g->arc_count++];
            a->from = cand[i].from;
            a->to = cand[i].to;
            a->relationships = g->arc_relationships + i;
            a->status = RT_STATUS_CANCELLED;
            a->amount.unit = RT_AMOUNT_UNKNOWN;
            g->out_first[a->from + 1]++;
        }
        g->arc_relationships[i] = cand[i].relationship;
        a->relationship_count++;
        a->classes |= 1u << rt_rel_kind_class(rel->kind);
        if (fl->status < a->status)
            a->status = fl->status;
        if (fl->amount.unit == RT_AMOUNT_USD) {
            a->amount.low = rt_usd_add(a->amount.low, fl->amount.low);
            a->amount.high = rt_usd_add(a->amount.high, fl->amount.high);
            a->amount.unit = RT_AMOUNT_USD;
        }
    }
    for (size_t v = 0; v < g->vertex_count; v++)
        g->out_first[v + 1] += g->out_first[v];
    rc = RT_OK;
out:
    rt__free(cand);
    return rc;
}

typedef struct group_order {
    size_t first; /* into group_vertices */
    size_t size;
} group_order;

static int by_size_then_first(const void *pa, const void *pb)
{
    const group_order *a = pa, *b = pb;

    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    return (a->first > b->first) - (a->first < b->first);
}

/*
 * The strongly connected components of the arcs (igraph's components,
 * IGRAPH_STRONG), in igraph's IGRAPH_CHECK / IGRAPH_FINALLY idiom. On
 * success membership and csize are initialised and the caller destroys
 * them; on error igraph has freed everything.
 */
static igraph_error_t strong_components(const rt_graph *g, igraph_vector_int_t *membership,
                                        igraph_vector_int_t *csize, igraph_integer_t *ncomp)
{
    igraph_t ig;
    igraph_vector_int_t edges;

    IGRAPH_VECTOR_INT_INIT_FINALLY(&edges, (igraph_integer_t)(2 * g->arc_count));
    for (size_t i = 0; i < g->arc_count; i++) {
        VECTOR(edges)[2 * i] = (igraph_integer_t)g->arcs[i].from;
        VECTOR(edges)[2 * i + 1] = (igraph_integer_t)g->arcs[i].to;
    }
    IGRAPH_CHECK(igraph_create(&ig, &edges, (igraph_integer_t)g->vertex_count, IGRAPH_DIRECTED));
    IGRAPH_FINALLY(igraph_destroy, &ig);
    IGRAPH_VECTOR_INT_INIT_FINALLY(membership, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(csize, 0);
    IGRAPH_CHECK(igraph_connected_components(&ig, membership, csize, ncomp, IGRAPH_STRONG));
    igraph_destroy(&ig);
    igraph_vector_int_destroy(&edges);
    IGRAPH_FINALLY_CLEAN(4); /* membership and csize are the caller's now */
    return IGRAPH_SUCCESS;
}

/*
 * The groups from the components: those of two or more vertices, largest
 * first, then by their first vertex; each group's vertices in vertex order.
 */
static int order_groups(rt_graph *g, const igraph_vector_int_t *membership,
                        const igraph_vector_int_t *csize, igraph_integer_t ncomp)
{
    size_t *count = NULL, *at = NULL, *sorted = NULL;
    group_order *order = NULL;
    size_t n = g->vertex_count, total = 0;
    int rc = RT_ENOMEM;

    /* Bucket the vertices of components of two or more, in vertex order. */
    count = rt__calloc((size_t)ncomp + 1, sizeof(size_t));
    at = rt__calloc((size_t)ncomp + 1, sizeof(size_t));
    g->vertex_group = rt__calloc(n + 1, sizeof(size_t));
    if (!count || !at || !g->vertex_group)
        goto out;
    for (size_t v = 0; v < n; v++)
        g->vertex_group[v] = RT_NONE;
    for (igraph_integer_t c = 0; c < ncomp; c++)
        if (VECTOR(*csize)[c] >= 2)
            total += (size_t)VECTOR(*csize)[c];
    sorted = rt__calloc(total + 1, sizeof(size_t));
    g->group_vertices = rt__calloc(total + 1, sizeof(size_t));
    order = rt__calloc((size_t)ncomp + 1, sizeof(*order));
    g->group_first = rt__calloc((size_t)ncomp + 1, sizeof(size_t));
    if (!sorted || !g->group_vertices || !order || !g->group_first)
        goto out;
    {
        /* First vertex of each big component in vertex order gives its slot. */
        size_t slots = 0, pos = 0;
        size_t *slot = count; /* reuse: component -> slot + 1 (0 = none yet) */
        for (size_t v = 0; v < n; v++) {
            igraph_integer_t c = VECTOR(*membership)[v];
            if (VECTOR(*csize)[c] < 2)
                continue;
            if (slot[c] == 0) {
                slot[c] = ++slots;
                order[slots - 1] = (group_order){pos, (size_t)VECTOR(*csize)[c]};
                at[slots - 1] = pos;
                pos += (size_t)VECTOR(*csize)[c];
            }
            sorted[at[slot[c] - 1]++] = v;
        }
        qsort(order, slots, sizeof(*order), by_size_then_first);
        pos = 0;
        for (size_t i = 0; i < slots; i++) {
            g->group_first[i] = pos;
            for (size_t k = 0; k < order[i].size; k++) {
                size_t v = sorted[order[i].first + k];
                g->group_vertices[pos++] = v;
                g->vertex_group[v] = i;
            }
        }
        g->group_first[slots] = pos;
        g->group_count = slots;
    }
    rc = RT_OK;
out:
    rt__free(count);
    rt__free(at);
    rt__free(sorted);
    rt__free(order);
    return rc;
}

/* Strongly connected groups: igraph finds the components, we order them.
 * An igraph failure is reported with igraph's reason. */
static int build_groups(rt_graph *g, rt_diags *diags)
{
    igraph_vector_int_t membership, csize;
    igraph_integer_t ncomp = 0;
    igraph_error_t err;
    int rc;

    rt_igraph__install();
    err = strong_components(g, &membership, &csize, &ncomp);
    if (err != IGRAPH_SUCCESS && diags)
        rt_diags__add(diags, RT_SEVERITY_ERROR, NULL, 0, 0, "%s", rt_igraph__reason());
    rt_igraph__restore();
    if (err != IGRAPH_SUCCESS)
        return RT_ERROR;
    rc = order_groups(g, &membership, &csize, ncomp);
    igraph_vector_int_destroy(&csize);
    igraph_vector_int_destroy(&membership);
    return rc;
}

int rt_graph_build(rt_graph **out, const rt_dataset *ds, const rt_graph_options *opts,
                   rt_diags *diags)
{
    rt_graph *g;
    int rc;

    if (!out || !ds)
        return RT_EINVAL;
    *out = NULL;
    if (opts && opts->version != RT_GRAPH_OPTIONS_VERSION)
        return RT_EINVAL;
    g = rt__calloc(1, sizeof(*g));
    if (!g)
        return RT_ENOMEM;
    g->ds = ds;
    if (opts) {
        g->opts = *opts;
    } else {
        rt_graph_options defaults = RT_GRAPH_OPTIONS_INIT;
        g->opts = defaults;
    }
    if ((rc = build_flows(g)) < 0 || (rc = build_vertices(g)) < 0 || (rc = build_arcs(g)) < 0 ||
        (rc = build_groups(g, diags)) < 0) {
        rt_graph_free(g);
        return rc;
    }
    warn_saturated(g, diags);
    *out = g;
    return RT_OK;
}

void rt_graph_free(rt_graph *g)
{
    if (!g)
        return;
    rt__free(g->vertex_entity);
    rt__free(g->entity_vertex);
    rt__free(g->flows);
    rt__free(g->flow_claims);
    rt__free(g->arcs);
    rt__free(g->arc_relationships);
    rt__free(g->out_first);
    rt__free(g->internal);
    rt__free(g->links);
    rt__free(g->group_vertices);
    rt__free(g->group_first);
    rt__free(g->vertex_group);
    rt__free(g);
}

const rt_dataset *rt_graph_dataset(const rt_graph *g)
{
    return g->ds;
}

const rt_graph_options *rt_graph_options_used(const rt_graph *g)
{
    return &g->opts;
}

size_t rt_graph_vertex_count(const rt_graph *g)
{
    return g->vertex_count;
}

size_t rt_graph_vertex_entity(const rt_graph *g, size_t v)
{
    return v < g->vertex_count ? g->vertex_entity[v] : RT_NONE;
}

size_t rt_graph_entity_vertex(const rt_graph *g, size_t entity)
{
    return entity < rt_dataset_entity_count(g->ds) ? g->entity_vertex[entity] : RT_NONE;
}

size_t rt_graph_arc_count(const rt_graph *g)
{
    return g->arc_count;
}

const rt_arc *rt_graph_arc(const rt_graph *g, size_t i)
{
    return i < g->arc_count ? &g->arcs[i] : NULL;
}

void rt_graph_out_arcs(const rt_graph *g, size_t v, size_t *first, size_t *count)
{
    *first = g->out_first[v];
    *count = g->out_first[v + 1] - g->out_first[v];
}

size_t rt_graph_find_arc(const rt_graph *g, size_t from, size_t to)
{
    size_t lo = g->out_first[from], hi = g->out_first[from + 1];

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (g->arcs[mid].to == to)
            return mid;
        if (g->arcs[mid].to < to)
            lo = mid + 1;
        else
            hi = mid;
    }
    return RT_NONE;
}

const rt_flow *rt_graph_flow(const rt_graph *g, size_t r)
{
    return r < rt_dataset_relationship_count(g->ds) ? &g->flows[r] : NULL;
}

const size_t *rt_graph_internal(const rt_graph *g, size_t *count)
{
    *count = g->internal_count;
    return g->internal;
}

const size_t *rt_graph_links(const rt_graph *g, size_t *count)
{
    *count = g->link_count;
    return g->links;
}

size_t rt_graph_group_count(const rt_graph *g)
{
    return g->group_count;
}

const size_t *rt_graph_group(const rt_graph *g, size_t i, size_t *count)
{
    if (i >= g->group_count) {
        *count = 0;
        return NULL;
    }
    *count = g->group_first[i + 1] - g->group_first[i];
    return g->group_vertices + g->group_first[i];
}

size_t rt_graph_vertex_group(const rt_graph *g, size_t v)
{
    return v < g->vertex_count ? g->vertex_group[v] : RT_NONE;
}

rt_amount rt_graph_scenario_amount(const rt_graph *g, const rt_amount *a)
{
    rt_amount r = *a;

    if (r.unit == RT_AMOUNT_USD && g->opts.scenario == RT_SCENARIO_LOW)
        r.high = r.low;
    else if (r.unit == RT_AMOUNT_USD && g->opts.scenario == RT_SCENARIO_HIGH)
        r.low = r.high;
    return r;
}

int64_t rt_graph__dollars(double x)
{
    return x <= 0 ? 0 : x >= (double)INT64_MAX ? INT64_MAX : (int64_t)llround(x);
}

bool rt_graph__flow_amount(const rt_graph *g, size_t r, rt_status tier, rt_amount *out)
{
    const rt_flow *fl = &g->flows[r];
    const rt_date *as_of = &g->opts.filter.as_of;
    bool any = false;

    memset(out, 0, sizeof(*out));
    if (!fl->kept)
        return false;
    if (tier >= RT_STATUS_RUMORED) {
        /* Every claim that carries money: the flow's own figure. */
        if (fl->amount.unit != RT_AMOUNT_USD)
            return false;
        *out = rt_graph_scenario_amount(g, &fl->amount);
        return true;
    }
    for (size_t k = 0; k < fl->claim_count; k++) {
        const rt_claim *c = rt_dataset_claim(g->ds, fl->claims[k]);
        if (c->amount.unit != RT_AMOUNT_USD || rt_claim_status_as_of(c, as_of) > tier ||
            !rt_claim_holds(c, as_of))
            continue;
        if (!any || c->amount.low < out->low)
            out->low = c->amount.low;
        if (!any || c->amount.high > out->high)
            out->high = c->amount.high;
        any = true;
    }
    if (!any)
        return false;
    out->unit = RT_AMOUNT_USD;
    *out = rt_graph_scenario_amount(g, out);
    return true;
}

bool rt_graph__class_amount(const rt_graph *g, const rt_arc *a, int cls, rt_status tier,
                            rt_amount *out)
{
    bool any = false;

    memset(out, 0, sizeof(*out));
    for (size_t k = 0; k < a->relationship_count; k++) {
        size_t r = a->relationships[k];
        rt_amount am;
        if (cls >= 0 && (int)rt_rel_kind_class(rt_dataset_relationship(g->ds, r)->kind) != cls)
            continue;
        if (!rt_graph__flow_amount(g, r, tier, &am))
            continue;
        out->low = rt_usd_add(out->low, am.low);
        out->high = rt_usd_add(out->high, am.high);
        any = true;
    }
    out->unit = any ? RT_AMOUNT_USD : RT_AMOUNT_UNKNOWN;
    return any;
}
