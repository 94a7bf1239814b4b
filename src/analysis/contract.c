/*
 * Contraction of the money graph for counting its elementary cycles.
 *
 * A vertex v with one in-arc u->v lies, on every cycle through it, right
 * after u: the cycles through v are those through u->v, then one of v's
 * out-arcs v->w. Merging v into u (each v->w becomes u->w, carrying the
 * paths it stands for) keeps every cycle, one for one, as a cycle of the
 * smaller graph, if arcs carry a weight: the number of paths of the graph
 * they stand for, multiplied as arcs are merged and added as parallel arcs
 * are joined. A cycle of the contracted graph stands for the product of
 * its weights in cycles of the graph. An arc v->u becomes u->u: its cycles
 * (u->v->u, times the weights) are counted at once and the arc dropped.
 * The same holds backwards for a vertex with one out-arc. A vertex with no
 * in-arc or no out-arc is on no cycle and goes with its arcs.
 *
 * Sparse money graphs are mostly such vertices: a 400-entity, 580-arc graph
 * with 914,754 cycles keeps 24 vertices and 84 arcs. The count of its
 * cycles is then a search of the few cycles left, each worth many, rather
 * than an enumeration of all of them: the series-parallel reduction that
 * reliability and path-counting algorithms have long applied, here kept
 * exact for elementary cycles (merging only through a vertex of in- or
 * out-degree one, so no cycle can pass the merged vertex twice).
 *
 * Only counting uses it, and only without a predicate on cycles: the
 * cycles an arc stands for are never seen one by one. A cut at max_cycles
 * still applies, since with nothing to filter the count is min(total,
 * max_cycles) whatever order the cycles come in.
 *
 * Cost: each merge moves the arcs of one side of v; a merge order could
 * move one arc many times, so the work is capped at a few times the arc
 * count, after which the contraction stops where it is (any point is a
 * correct graph). Then parallel arcs are joined, which may free more
 * merges, while the cap allows (each pass over the vertices is charged to
 * it too). Memory: about 32 bytes per arc of work lists, then the new rows
 * beside the old.
 */
#include <stdint.h>
#include <string.h>

#include "analysis/analysis.h"
#include "util/alloc.h"

#define NIL UINT32_MAX

typedef struct work {
    rt_csr *g; /* from[], to[] and weight[] are changed in place */
    uint32_t *next_out, *prev_out, *next_in, *prev_in; /* per arc */
    uint32_t *out_head, *in_head, *outdeg, *indeg;     /* per vertex */
    uint32_t *stack, *slot;
    size_t *mark; /* join_parallel(): w is a head of the vertex visited `mark[w]`th */
    size_t visits;
    uint8_t *queued, *gone;
    size_t top;
    size_t budget; /* arcs still allowed to move */
    size_t closed; /* cycles counted as they closed */
    bool saturated;
} work;

static void link_out(work *k, uint32_t v, uint32_t a)
{
    k->next_out[a] = k->out_head[v];
    k->prev_out[a] = NIL;
    if (k->out_head[v] != NIL)
        k->prev_out[k->out_head[v]] = a;
    k->out_head[v] = a;
    k->outdeg[v]++;
}

static void link_in(work *k, uint32_t v, uint32_t a)
{
    k->next_in[a] = k->in_head[v];
    k->prev_in[a] = NIL;
    if (k->in_head[v] != NIL)
        k->prev_in[k->in_head[v]] = a;
    k->in_head[v] = a;
    k->indeg[v]++;
}

static void unlink_out(work *k, uint32_t v, uint32_t a)
{
    if (k->prev_out[a] != NIL)
        k->next_out[k->prev_out[a]] = k->next_out[a];
    else
        k->out_head[v] = k->next_out[a];
    if (k->next_out[a] != NIL)
        k->prev_out[k->next_out[a]] = k->prev_out[a];
    k->outdeg[v]--;
}

static void unlink_in(work *k, uint32_t v, uint32_t a)
{
    if (k->prev_in[a] != NIL)
        k->next_in[k->prev_in[a]] = k->next_in[a];
    else
        k->in_head[v] = k->next_in[a];
    if (k->next_in[a] != NIL)
        k->prev_in[k->next_in[a]] = k->prev_in[a];
    k->indeg[v]--;
}

static void push(work *k, uint32_t v)
{
    if (!k->queued[v] && !k->gone[v]) {
        k->queued[v] = 1;
        k->stack[k->top++] = v;
    }
}

static void drop_arc(work *k, uint32_t a)
{
    unlink_out(k, k->g->from[a], a);
    unlink_in(k, k->g->to[a], a);
}

/* v has the one in-arc `a` from u: v's out-arcs leave from u instead. */
static void merge_forward(work *k, uint32_t v, uint32_t a)
{
    rt_csr *g = k->g;
    uint32_t u = g->from[a], b;
    size_t wa = g->weight[a];

    drop_arc(k, a);
    while ((b = k->out_head[v]) != NIL) {
        size_t wb = rt_csr__mul(wa, g->weight[b], &k->saturated);
        unlink_out(k, v, b);
        if (g->to[b] == u) { /* u->v->u */
            k->closed = rt_csr__add(k->closed, wb, &k->saturated);
            unlink_in(k, u, b);
            continue;
        }
        g->from[b] = u;
        g->weight[b] = wb;
        link_out(k, u, b);
    }
    k->gone[v] = 1;
    push(k, u);
}

/* v has the one out-arc `a` to w: v's in-arcs go to w instead. */
static void merge_backward(work *k, uint32_t v, uint32_t a)
{
    rt_csr *g = k->g;
    uint32_t w = g->to[a], b;
    size_t wa = g->weight[a];

    drop_arc(k, a);
    while ((b = k->in_head[v]) != NIL) {
        size_t wb = rt_csr__mul(g->weight[b], wa, &k->saturated);
        unlink_in(k, v, b);
        if (g->from[b] == w) { /* w->v->w */
            k->closed = rt_csr__add(k->closed, wb, &k->saturated);
            unlink_out(k, w, b);
            continue;
        }
        g->to[b] = w;
        g->weight[b] = wb;
        link_in(k, w, b);
    }
    k->gone[v] = 1;
    push(k, w);
}

/* v can be on no cycle: it goes, and its neighbours are looked at again. */
static void remove_vertex(work *k, uint32_t v)
{
    uint32_t a;

    while ((a = k->out_head[v]) != NIL) {
        push(k, k->g->to[a]);
        drop_arc(k, a);
    }
    while ((a = k->in_head[v]) != NIL) {
        push(k, k->g->from[a]);
        drop_arc(k, a);
    }
    k->gone[v] = 1;
}

/* Merge and remove until nothing is left to do or the budget is spent. */
static void contract_queued(work *k)
{
    while (k->top > 0) {
        uint32_t v = k->stack[--k->top];
        size_t cost;
        k->queued[v] = 0;
        if (k->gone[v])
            continue;
        if (k->indeg[v] > 1 && k->outdeg[v] > 1)
            continue; /* nothing to do with v, at no cost */
        cost = (size_t)k->indeg[v] + k->outdeg[v];
        if (cost > k->budget)
            return;
        k->budget -= cost;
        if (k->indeg[v] == 0 || k->outdeg[v] == 0)
            remove_vertex(k, v);
        else if (k->indeg[v] == 1)
            merge_forward(k, v, k->in_head[v]);
        else
            merge_backward(k, v, k->out_head[v]);
    }
}

/* Join parallel arcs, adding their weights; returns whether any were. */
static bool join_parallel(work *k)
{
    rt_csr *g = k->g;
    bool joined = false;

    for (uint32_t u = 0; u < g->n; u++) {
        uint32_t a = k->out_head[u], next;
        if (k->gone[u])
            continue;
        k->visits++;
        for (; a != NIL; a = next) {
            uint32_t w = g->to[a];
            next = k->next_out[a];
            if (k->mark[w] != k->visits) {
                k->mark[w] = k->visits;
                k->slot[w] = a;
                continue;
            }
            g->weight[k->slot[w]] = rt_csr__add(g->weight[k->slot[w]], g->weight[a], &k->saturated);
            drop_arc(k, a);
            push(k, u);
            push(k, w);
            joined = true;
        }
        /* A vertex looked at costs one, so that passes over every vertex
         * stay within the budget too. */
        if (k->budget < (size_t)k->outdeg[u] + 1)
            return joined;
        k->budget -= (size_t)k->outdeg[u] + 1;
    }
    return joined;
}

static void work_free(work *k)
{
    rt__free(k->next_out);
    rt__free(k->prev_out);
    rt__free(k->next_in);
    rt__free(k->prev_in);
    rt__free(k->out_head);
    rt__free(k->in_head);
    rt__free(k->outdeg);
    rt__free(k->indeg);
    rt__free(k->stack);
    rt__free(k->mark);
    rt__free(k->slot);
    rt__free(k->queued);
    rt__free(k->gone);
}

/* The arcs left, as rows in out, with their weights. */
static int compact(rt_csr *out, const work *k)
{
    const rt_csr *g = k->g;
    size_t n = g->n, m = 0;

    for (size_t v = 0; v < n; v++)
        if (!k->gone[v])
            m += k->outdeg[v];
    int rc = rt_csr__init(out, n, m, true);

    if (rc < 0)
        return rc;
    m = 0;
    for (uint32_t v = 0; v < n; v++) {
        out->out_first[v] = (uint32_t)m;
        out->group[v] = k->gone[v] ? UINT32_MAX : g->group[v];
        if (k->gone[v])
            continue;
        for (uint32_t a = k->out_head[v]; a != NIL; a = k->next_out[a], m++) {
            out->from[m] = v;
            out->to[m] = g->to[a];
            out->weight[m] = g->weight[a];
        }
    }
    out->out_first[n] = (uint32_t)m;
    rt_csr__index_heads(out);
    return RT_OK;
}

int rt_csr__contract(rt_csr *out, size_t *closed, bool *saturated, const rt_csr *g, size_t budget)
{
    rt_csr copy;
    work k;
    size_t n = g->n, m = g->m;
    int rc = RT_ENOMEM;

    memset(out, 0, sizeof(*out));
    memset(&k, 0, sizeof(k));
    memset(&copy, 0, sizeof(copy));
    *closed = 0;
    *saturated = false;
    copy.n = n;
    copy.m = m;
    copy.group = g->group;
    copy.from = rt__malloc((m + 1) * sizeof(uint32_t));
    copy.to = rt__malloc((m + 1) * sizeof(uint32_t));
    copy.weight = rt__malloc((m + 1) * sizeof(size_t));
    k.g = &copy;
    k.next_out = rt__malloc((m + 1) * sizeof(uint32_t));
    k.prev_out = rt__malloc((m + 1) * sizeof(uint32_t));
    k.next_in = rt__malloc((m + 1) * sizeof(uint32_t));
    k.prev_in = rt__malloc((m + 1) * sizeof(uint32_t));
    k.out_head = rt__malloc((n + 1) * sizeof(uint32_t));
    k.in_head = rt__malloc((n + 1) * sizeof(uint32_t));
    k.outdeg = rt__calloc(n + 1, sizeof(uint32_t));
    k.indeg = rt__calloc(n + 1, sizeof(uint32_t));
    k.stack = rt__malloc((n + 1) * sizeof(uint32_t));
    k.mark = rt__calloc(n + 1, sizeof(size_t));
    k.slot = rt__malloc((n + 1) * sizeof(uint32_t));
    k.queued = rt__calloc(n + 1, 1);
    k.gone = rt__calloc(n + 1, 1);
    if (!copy.from || !copy.to || !copy.weight || !k.next_out || !k.prev_out || !k.next_in ||
        !k.prev_in || !k.out_head || !k.in_head || !k.outdeg || !k.indeg || !k.stack || !k.mark ||
        !k.slot || !k.queued || !k.gone)
        goto out;
    k.budget = budget ? budget : 8 * m + 1024;
    for (size_t v = 0; v < n; v++) {
        k.out_head[v] = k.in_head[v] = NIL;
        k.gone[v] = g->group[v] == UINT32_MAX;
    }
    /* Arcs within a group; a loop on one vertex is a cycle at once. */
    for (uint32_t a = 0; a < m; a++) {
        uint32_t u = g->from[a], v = g->to[a];
        copy.from[a] = u;
        copy.to[a] = v;
        copy.weight[a] = g->weight ? g->weight[a] : 1;
        if (k.gone[u] || g->group[u] != g->group[v])
            continue;
        if (u == v) {
            k.closed = rt_csr__add(k.closed, copy.weight[a], &k.saturated);
            continue;
        }
        link_out(&k, u, a);
        link_in(&k, v, a);
    }
    for (uint32_t v = (uint32_t)n; v-- > 0;)
        push(&k, v); /* popped in ascending order */
    do
        contract_queued(&k);
    while (k.budget > 0 && join_parallel(&k));
    rc = compact(out, &k);
    *closed = k.closed;
    *saturated = k.saturated;
out:
    if (rc < 0)
        rt_csr__destroy(out);
    rt__free(copy.from);
    rt__free(copy.to);
    rt__free(copy.weight);
    work_free(&k);
    return rc;
}
