/* Entity exposure: stakes and spend per ultimate parent, recapture, rival
 * labs, and igraph's PageRank and betweenness on the money graph. */
#include "roundtrip/exposure.h"

#include <igraph.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "graph/graph_impl.h"
#include "graph/igraph.h"
#include "util/alloc.h"
#include "util/diag.h"

struct rt_exposures {
    const rt_graph *g;
    rt_exposure *items;
    size_t count;
    size_t *rivals; /* every item's rival labs, back to back */
    rt_exposure_sort sort;
};

static void add(rt_amount *sum, size_t *count, const rt_amount *a, bool counted)
{
    if (counted)
        (*count)++;
    if (a->unit != RT_AMOUNT_USD)
        return;
    if (sum->unit != RT_AMOUNT_USD) {
        *sum = *a;
        sum->text = NULL;
        return;
    }
    sum->low = rt_usd_add(sum->low, a->low);
    sum->high = rt_usd_add(sum->high, a->high);
}

static double mid(const rt_amount *a)
{
    return ((double)a->low + (double)a->high) / 2.0;
}

/*
 * PageRank (weights: amounts) and betweenness (distances: the largest
 * amount over each amount, so big flows are short) with igraph, in the
 * IGRAPH_CHECK / IGRAPH_FINALLY idiom of igraph's own code.
 */
static igraph_error_t centrality(const rt_graph *g, double *pagerank, double *betweenness)
{
    size_t n = rt_graph_vertex_count(g), m = rt_graph_arc_count(g);
    igraph_t ig;
    igraph_vector_int_t edges;
    igraph_vector_t weights, distances, result;
    double smallest = 0, largest = 0;

    IGRAPH_VECTOR_INT_INIT_FINALLY(&edges, (igraph_integer_t)(2 * m));
    IGRAPH_VECTOR_INIT_FINALLY(&weights, (igraph_integer_t)m);
    IGRAPH_VECTOR_INIT_FINALLY(&distances, (igraph_integer_t)m);
    IGRAPH_VECTOR_INIT_FINALLY(&result, 0);
    for (size_t i = 0; i < m; i++) {
        const rt_arc *a = rt_graph_arc(g, i);
        rt_amount am;
        VECTOR(edges)[2 * i] = (igraph_integer_t)a->from;
        VECTOR(edges)[2 * i + 1] = (igraph_integer_t)a->to;
        VECTOR(weights)
        [i] =
            rt_graph__class_amount(g, a, -1, RT_STATUS_RUMORED, &am) && mid(&am) > 0 ? mid(&am) : 0;
        if (VECTOR(weights)[i] > 0 && (smallest == 0 || VECTOR(weights)[i] < smallest))
            smallest = VECTOR(weights)[i];
        if (VECTOR(weights)[i] > largest)
            largest = VECTOR(weights)[i];
    }
    for (size_t i = 0; i < m; i++) {
        if (VECTOR(weights)[i] == 0)
            VECTOR(weights)[i] = smallest > 0 ? smallest : 1.0;
        VECTOR(distances)[i] = (largest > 0 ? largest : 1.0) / VECTOR(weights)[i];
    }
    IGRAPH_CHECK(igraph_create(&ig, &edges, (igraph_integer_t)n, IGRAPH_DIRECTED));
    IGRAPH_FINALLY(igraph_destroy, &ig);
    IGRAPH_CHECK(igraph_pagerank(&ig, IGRAPH_PAGERANK_ALGO_PRPACK, &result, NULL, igraph_vss_all(),
                                 IGRAPH_DIRECTED, 0.85, &weights, NULL));
    for (size_t v = 0; v < n; v++)
        pagerank[v] = VECTOR(result)[v];
    IGRAPH_CHECK(igraph_betweenness(&ig, &result, igraph_vss_all(), IGRAPH_DIRECTED, &distances));
    for (size_t v = 0; v < n; v++)
        betweenness[v] = VECTOR(result)[v];
    igraph_destroy(&ig);
    igraph_vector_destroy(&result);
    igraph_vector_destroy(&distances);
    igraph_vector_destroy(&weights);
    igraph_vector_int_destroy(&edges);
    IGRAPH_FINALLY_CLEAN(5);
    return IGRAPH_SUCCESS;
}

/*
 * The most of v's stakes that can come back to v as spend, each dollar
 * once: the maximum flow from v to a copy of v that takes the arcs into v.
 * v's own arcs out carry only their stakes, the arcs into its copy only
 * their spend, and every other arc its whole amount (low or high end;
 * none without a dollar figure). In igraph's IGRAPH_CHECK idiom.
 */
static igraph_error_t returns_flow(const rt_graph *g, size_t v, bool high, double *value)
{
    size_t n = rt_graph_vertex_count(g), m = rt_graph_arc_count(g);
    igraph_t ig;
    igraph_vector_int_t edges;
    igraph_vector_t capacity;

    IGRAPH_VECTOR_INT_INIT_FINALLY(&edges, (igraph_integer_t)(2 * m));
    IGRAPH_VECTOR_INIT_FINALLY(&capacity, (igraph_integer_t)m);
    for (size_t i = 0; i < m; i++) {
        const rt_arc *a = rt_graph_arc(g, i);
        int cls = a->from == v ? RT_CLASS_STAKE : a->to == v ? RT_CLASS_SPEND : -1;
        rt_amount am;
        VECTOR(edges)[2 * i] = (igraph_integer_t)a->from;
        VECTOR(edges)[2 * i + 1] = (igraph_integer_t)(a->to == v ? n : a->to);
        VECTOR(capacity)
        [i] = rt_graph__class_amount(g, a, cls, RT_STATUS_RUMORED, &am)
                  ? (double)(high ? am.high : am.low)
                  : 0.0;
    }
    IGRAPH_CHECK(igraph_create(&ig, &edges, (igraph_integer_t)(n + 1), IGRAPH_DIRECTED));
    IGRAPH_FINALLY(igraph_destroy, &ig);
    IGRAPH_CHECK(igraph_maxflow_value(&ig, value, (igraph_integer_t)v, (igraph_integer_t)n,
                                      &capacity, NULL));
    igraph_destroy(&ig);
    igraph_vector_destroy(&capacity);
    igraph_vector_int_destroy(&edges);
    IGRAPH_FINALLY_CLEAN(3);
    return IGRAPH_SUCCESS;
}

/* An exposure's place in the order asked for: qsort() has no payload
 * argument, so each carries its key and name (no state shared between
 * calls: two threads may sort at once). */
typedef struct sort_key {
    double key; /* larger first */
    const char *name;
    size_t item;
} sort_key;

static double key_of(const rt_exposure *e, rt_exposure_sort sort)
{
    switch (sort) {
    case RT_SORT_PAGERANK:
        return e->pagerank;
    case RT_SORT_BETWEENNESS:
        return e->betweenness;
    case RT_SORT_STAKES:
        return e->stakes_out.unit == RT_AMOUNT_USD ? mid(&e->stakes_out) : -1;
    case RT_SORT_SPEND:
        return e->spend_received.unit == RT_AMOUNT_USD ? mid(&e->spend_received) : -1;
    case RT_SORT_RECAPTURE:
        return e->recapture.unit == RT_AMOUNT_USD ? mid(&e->recapture) : -1;
    case RT_SORT_NAME:
        break;
    }
    return 0;
}

static int by_key(const void *pa, const void *pb)
{
    const sort_key *a = pa, *b = pb;

    if (a->key != b->key)
        return a->key > b->key ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Sort x->items by x->sort, then name; false when out of memory. */
static bool sort_items(rt_exposures *x)
{
    const rt_dataset *ds = rt_graph_dataset(x->g);
    sort_key *keys = rt__malloc((x->count + 1) * sizeof(*keys));
    rt_exposure *sorted = rt__malloc((x->count + 1) * sizeof(*sorted));

    if (!keys || !sorted) {
        rt__free(keys);
        rt__free(sorted);
        return false;
    }
    for (size_t i = 0; i < x->count; i++) {
        const rt_exposure *e = &x->items[i];
        keys[i].key = key_of(e, x->sort);
        keys[i].name = rt_dataset_entity(ds, rt_graph_vertex_entity(x->g, e->vertex))->name;
        keys[i].item = i;
    }
    qsort(keys, x->count, sizeof(*keys), by_key);
    for (size_t i = 0; i < x->count; i++)
        sorted[i] = x->items[keys[i].item];
    memcpy(x->items, sorted, x->count * sizeof(*sorted));
    rt__free(keys);
    rt__free(sorted);
    return true;
}

int rt_exposures_compute(rt_exposures **out, const rt_graph *g, rt_exposure_sort sort,
                         rt_diags *diags)
{
    const rt_dataset *ds;
    size_t n, m, nrivals = 0;
    double *pr = NULL, *bc = NULL;
    rt_exposure *all = NULL;
    rt_exposures *x = NULL;
    int rc = RT_ENOMEM;

    if (!out || !g || (unsigned)sort > RT_SORT_NAME)
        return RT_EINVAL;
    *out = NULL;
    ds = rt_graph_dataset(g);
    n = rt_graph_vertex_count(g);
    m = rt_graph_arc_count(g);
    x = rt__calloc(1, sizeof(*x));
    all = rt__calloc(n + 1, sizeof(*all));
    pr = rt__calloc(n + 1, sizeof(double));
    bc = rt__calloc(n + 1, sizeof(double));
    if (!x || !all || !pr || !bc)
        goto fail;
    x->g = g;
    x->sort = sort;
    x->rivals = rt__calloc(m + 1, sizeof(size_t));
    if (!x->rivals)
        goto fail;

    for (size_t i = 0; i < m; i++) {
        const rt_arc *a = rt_graph_arc(g, i);
        rt_amount am;
        rt_exposure *from = &all[a->from], *to = &all[a->to];
        if (a->classes & (1u << RT_CLASS_STAKE)) {
            rt_graph__class_amount(g, a, RT_CLASS_STAKE, RT_STATUS_RUMORED, &am);
            add(&from->stakes_out, &from->stakes_out_count, &am, true);
            add(&to->stakes_in, &to->stakes_in_count, &am, true);
        }
        if (a->classes & (1u << RT_CLASS_SPEND)) {
            rt_graph__class_amount(g, a, RT_CLASS_SPEND, RT_STATUS_RUMORED, &am);
            add(&from->spend_paid, &from->spend_paid_count, &am, true);
            add(&to->spend_received, &to->spend_received_count, &am, true);
            /* Spend to an investor from a company it holds a stake in. */
            size_t back = rt_graph_find_arc(g, a->to, a->from);
            if (back != RT_NONE && (rt_graph_arc(g, back)->classes & (1u << RT_CLASS_STAKE))) {
                size_t ignored = 0;
                add(&to->recapture, &ignored, &am, false);
            }
        }
    }

    rt_igraph__install();
    for (size_t v = 0; v < n; v++) {
        rt_exposure *e = &all[v];
        double low, high;
        if (e->stakes_out.unit != RT_AMOUNT_USD || e->spend_received.unit != RT_AMOUNT_USD)
            continue;
        if (returns_flow(g, v, false, &low) != IGRAPH_SUCCESS ||
            returns_flow(g, v, true, &high) != IGRAPH_SUCCESS) {
            if (diags)
                rt_diags__add(diags, RT_SEVERITY_ERROR, NULL, 0, 0, "%s", rt_igraph__reason());
            rt_igraph__restore();
            rc = RT_ERROR;
            goto fail;
        }
        e->returns =
            (rt_amount){RT_AMOUNT_USD, rt_graph__dollars(low), rt_graph__dollars(high), NULL};
    }
    if (centrality(g, pr, bc) != IGRAPH_SUCCESS) {
        if (diags)
            rt_diags__add(diags, RT_SEVERITY_ERROR, NULL, 0, 0, "%s", rt_igraph__reason());
        rt_igraph__restore();
        rc = RT_ERROR;
        goto fail;
    }
    rt_igraph__restore();

    for (size_t v = 0; v < n; v++) {
        rt_exposure *e = &all[v];
        size_t first, count;
        if (e->stakes_out_count + e->stakes_in_count + e->spend_paid_count +
                e->spend_received_count ==
            0)
            continue;
        e->vertex = v;
        e->pagerank = pr[v];
        e->betweenness = bc[v];
        if (e->recapture.unit == RT_AMOUNT_USD && e->stakes_out.unit == RT_AMOUNT_USD &&
            mid(&e->stakes_out) > 0 && e->recapture.high != RT_USD_SATURATED &&
            e->stakes_out.high != RT_USD_SATURATED) {
            e->has_recapture_ratio = true;
            e->recapture_ratio = mid(&e->recapture) / mid(&e->stakes_out);
        }
        /* Labs it holds stakes in: rivals when there are two or more. */
        rt_graph_out_arcs(g, v, &first, &count);
        e->rival_labs = x->rivals + nrivals;
        for (size_t k = first; k < first + count; k++) {
            const rt_arc *a = rt_graph_arc(g, k);
            const rt_entity *t = rt_dataset_entity(ds, rt_graph_vertex_entity(g, a->to));
            if ((a->classes & (1u << RT_CLASS_STAKE)) && (t->kinds & RT_ENTITY_LAB))
                x->rivals[nrivals + e->rival_lab_count++] = a->to;
        }
        if (e->rival_lab_count < 2)
            e->rival_lab_count = 0;
        nrivals += e->rival_lab_count;
        all[x->count++] = *e;
    }
    x->items = all;
    if (!sort_items(x)) {
        rc = RT_ENOMEM;
        goto fail;
    }
    rt__free(pr);
    rt__free(bc);
    *out = x;
    return RT_OK;
fail:
    rt__free(pr);
    rt__free(bc);
    rt__free(all);
    if (x)
        rt__free(x->rivals);
    rt__free(x);
    return rc;
}

void rt_exposures_free(rt_exposures *x)
{
    if (!x)
        return;
    rt__free(x->items);
    rt__free(x->rivals);
    rt__free(x);
}

size_t rt_exposures_count(const rt_exposures *x)
{
    return x->count;
}

const rt_exposure *rt_exposures_get(const rt_exposures *x, size_t i)
{
    return i < x->count ? &x->items[i] : NULL;
}

const rt_graph *rt_exposures_graph(const rt_exposures *x)
{
    return x->g;
}

int rt_exposure_sort_parse(rt_exposure_sort *out, const char *name)
{
    static const char *const names[] = {"pagerank", "betweenness", "stakes",
                                        "spend",    "recapture",   "name"};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (rt_exposure_sort)i;
            return RT_OK;
        }
    return RT_EINVAL;
}
