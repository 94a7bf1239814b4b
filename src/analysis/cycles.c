/*
 * Elementary cycles of the money graph.
 *
 * Unbounded search is Johnson's algorithm: D. B. Johnson, "Finding all the
 * elementary circuits of a directed graph", SIAM J. Comput. 4(1), 1975.
 * For each start vertex s in ascending order it searches the subgraph of
 * vertices >= s that can reach s (computed here by a backward BFS within
 * s's strongly connected group, the part of Johnson's "least SCC" that
 * matters), so every cycle is found exactly once, from its smallest vertex.
 * A vertex stays blocked while no path from it back to s is known; when a
 * cycle is found through it, it is unblocked together with the vertices
 * waiting on it (the B lists). Invariant: a blocked vertex not on the stack
 * cannot reach s without passing through the stack. Time O((V + E)(C + 1))
 * for C cycles; memory O(V + E), since B lists hold each arc at most once.
 *
 * Johnson's blocking is wrong under a hop bound (a vertex may be blocked
 * by a path too long to close while a shorter one exists). With max_len
 * the search uses bounded-length blocking instead: A. Gupta and
 * T. Suzumura, "Finding All Bounded-Length Simple Cycles in a Directed
 * Graph", arXiv:2105.10094, 2021 (NetworkX's simple_cycles uses the same
 * scheme). lock[v] is the path length from which v may not be entered; a
 * vertex entered at depth d is locked at d, and when a path from it back to
 * s of b hops is found, it and the vertices waiting on it are relaxed to
 * max_len - b + 1. On top of that, a path of d hops continues into w only
 * when d + dist(w, s) <= max_len, dist being the BFS distance back to s.
 * Without the blocking, a dense graph made the search explore every path
 * that could not close (seconds even with --max-cycles 1); with it, the
 * work is polynomial per cycle found. Output order is the same as
 * Johnson's.
 *
 * Both searches are iterative, so a long cycle cannot overflow the C stack.
 */
#include "roundtrip/loops.h"

#include <string.h>

#include "util/alloc.h"

typedef struct relax_item {
    size_t vertex, hops;
} relax_item;

typedef struct search {
    const rt_graph *g;
    const rt_cycle_options *opts;
    rt_cycle_fn fn;
    void *payload;
    rt_cycle_stats *stats;
    size_t n;

    /* Reverse adjacency, for the backward BFS. */
    size_t *rev_first, *rev;

    size_t *dist;    /* hops back to s; SIZE_MAX when it cannot reach s */
    size_t *touched; /* vertices whose dist was set this round, to reset */
    size_t touched_count;

    size_t *path; /* current path: vertices */
    size_t *arcs; /* arcs[i]: the arc from path[i] to the next vertex */
    size_t *iter; /* per path depth: next out-arc to try */
    bool *on_path;
    bool *found; /* per depth: a cycle was found below (Johnson) */

    bool *blocked; /* Johnson */
    size_t *lock;  /* bounded search: the depth from which v may not be entered */
    size_t *blen;  /* bounded search, per depth: the shortest way back found */
    relax_item *relax_stack;
    size_t relax_cap;
    size_t **b; /* B lists, for both searches */
    size_t *b_len, *b_cap;
    size_t *unblock_stack;
    int stop; /* > 0 stopped, < 0 error */
} search;

static int build_reverse(search *s)
{
    const rt_graph *g = s->g;
    size_t m = rt_graph_arc_count(g);

    s->rev_first = rt__calloc(s->n + 1, sizeof(size_t));
    s->rev = rt__calloc(m + 1, sizeof(size_t));
    if (!s->rev_first || !s->rev)
        return RT_ENOMEM;
    for (size_t i = 0; i < m; i++)
        s->rev_first[rt_graph_arc(g, i)->to + 1]++;
    for (size_t v = 0; v < s->n; v++)
        s->rev_first[v + 1] += s->rev_first[v];
    {
        size_t *at = s->touched; /* borrowed as a cursor array before first use */
        memcpy(at, s->rev_first, s->n * sizeof(size_t));
        for (size_t i = 0; i < m; i++) {
            const rt_arc *a = rt_graph_arc(g, i);
            s->rev[at[a->to]++] = a->from;
        }
    }
    return RT_OK;
}

/* dist[] for start s: BFS over reverse arcs, within s's group, vertices >= s. */
static void distances_to(search *s, size_t start)
{
    size_t group = rt_graph_vertex_group(s->g, start), head = 0;

    for (size_t i = 0; i < s->touched_count; i++)
        s->dist[s->touched[i]] = SIZE_MAX;
    s->touched_count = 0;
    s->dist[start] = 0;
    s->touched[s->touched_count++] = start;
    while (head < s->touched_count) {
        size_t v = s->touched[head++];
        for (size_t k = s->rev_first[v]; k < s->rev_first[v + 1]; k++) {
            size_t u = s->rev[k];
            if (u < start || s->dist[u] != SIZE_MAX || rt_graph_vertex_group(s->g, u) != group)
                continue;
            s->dist[u] = s->dist[v] + 1;
            s->touched[s->touched_count++] = u;
        }
    }
}

/* Report the cycle on the path, closed by arc `closing`; sets s->stop when
 * the search must end. */
static void emit(search *s, size_t len, size_t closing)
{
    size_t max = s->opts->max_cycles;
    int rc;

    if (max && s->stats->found == max) {
        s->stats->truncated = true;
        s->stop = 1;
        return;
    }
    s->stats->found++;
    s->arcs[len - 1] = closing;
    rc = s->fn(s->path, s->arcs, len, s->payload);
    if (rc != 0)
        s->stop = rc;
}

static void unblock(search *s, size_t u)
{
    size_t top = 0;

    s->unblock_stack[top++] = u;
    while (top > 0) {
        size_t v = s->unblock_stack[--top];
        if (!s->blocked[v])
            continue;
        s->blocked[v] = false;
        for (size_t k = 0; k < s->b_len[v]; k++)
            if (s->blocked[s->b[v][k]])
                s->unblock_stack[top++] = s->b[v][k];
        s->b_len[v] = 0;
    }
}

/* Add v to B[w] unless it is there: B[w] holds predecessors of w, so at most
 * its in-degree, and the scan is O(in-degree). */
static int wait_on(search *s, size_t w, size_t v)
{
    for (size_t k = 0; k < s->b_len[w]; k++)
        if (s->b[w][k] == v)
            return RT_OK;
    if (s->b_len[w] == s->b_cap[w]) {
        size_t *nb = rt__grow(s->b[w], &s->b_cap[w], s->b_len[w] + 1, sizeof(size_t));
        if (!nb)
            return RT_ENOMEM;
        s->b[w] = nb;
    }
    s->b[w][s->b_len[w]++] = v;
    return RT_OK;
}

/* A vertex v has a path back to start of bl hops: let it, and the vertices
 * waiting on it (one hop further), be entered from shallower depths. */
static void relax(search *s, size_t v, size_t bl)
{
    size_t bound = s->opts->max_len, top = 0;
    relax_item *first = rt__grow(s->relax_stack, &s->relax_cap, 1, sizeof(*first));

    if (!first) {
        s->stop = RT_ENOMEM;
        return;
    }
    s->relax_stack = first;
    s->relax_stack[top].vertex = v;
    s->relax_stack[top++].hops = bl;
    while (top > 0 && !s->stop) {
        size_t u = s->relax_stack[--top].vertex, b = s->relax_stack[top].hops;
        if (b > bound || s->lock[u] >= bound - b + 1)
            continue;
        s->lock[u] = bound - b + 1;
        for (size_t k = 0; k < s->b_len[u]; k++) {
            size_t w = s->b[u][k];
            relax_item *st;
            if (s->on_path[w])
                continue;
            st = rt__grow(s->relax_stack, &s->relax_cap, top + 1, sizeof(*st));
            if (!st) {
                s->stop = RT_ENOMEM;
                return;
            }
            s->relax_stack = st;
            s->relax_stack[top].vertex = w;
            s->relax_stack[top++].hops = b + 1;
        }
    }
}

static void bounded_from(search *s, size_t start)
{
    const rt_graph *g = s->g;
    size_t depth = 1, first, count, bound = s->opts->max_len;

    for (size_t i = 0; i < s->touched_count; i++) {
        s->lock[s->touched[i]] = bound;
        s->b_len[s->touched[i]] = 0;
    }
    s->lock[start] = 0;
    s->path[0] = start;
    s->on_path[start] = true;
    s->blen[0] = bound;
    rt_graph_out_arcs(g, start, &first, &count);
    s->iter[0] = first;
    while (depth > 0 && !s->stop) {
        size_t v = s->path[depth - 1], end, bl;
        rt_graph_out_arcs(g, v, &first, &count);
        end = first + count;
        if (s->iter[depth - 1] < end) {
            size_t arc = s->iter[depth - 1]++, w = rt_graph_arc(g, arc)->to;
            if (w < start || s->dist[w] == SIZE_MAX)
                continue; /* outside the subgraph searched from start */
            if (w == start) {
                emit(s, depth, arc);
                s->blen[depth - 1] = 1;
            } else if (!s->on_path[w] && depth < s->lock[w] && depth + s->dist[w] <= bound) {
                /* depth hops once w is entered, dist[w] more to close */
                s->arcs[depth - 1] = arc;
                s->path[depth] = w;
                s->on_path[w] = true;
                s->blen[depth] = bound;
                depth++;
                s->lock[w] = depth;
                rt_graph_out_arcs(g, w, &first, &count);
                s->iter[depth - 1] = first;
            }
            continue;
        }
        /* v is done: bl is the shortest way back to start found from it. */
        bl = s->blen[depth - 1];
        s->on_path[v] = false;
        depth--;
        if (depth > 0 && bl < s->blen[depth - 1])
            s->blen[depth - 1] = bl;
        if (bl < bound) {
            relax(s, v, bl);
        } else {
            for (size_t k = first; k < end; k++) {
                size_t w = rt_graph_arc(g, k)->to;
                if (w >= start && s->dist[w] != SIZE_MAX && wait_on(s, w, v) < 0) {
                    s->stop = RT_ENOMEM;
                    return;
                }
            }
        }
    }
    for (size_t i = 0; i < depth; i++)
        s->on_path[s->path[i]] = false;
}

static void johnson_from(search *s, size_t start)
{
    const rt_graph *g = s->g;
    size_t depth = 1, first, count;

    for (size_t i = 0; i < s->touched_count; i++) {
        s->blocked[s->touched[i]] = false;
        s->b_len[s->touched[i]] = 0;
    }
    s->path[0] = start;
    s->blocked[start] = true;
    s->found[0] = false;
    rt_graph_out_arcs(g, start, &first, &count);
    s->iter[0] = first;
    while (depth > 0 && !s->stop) {
        size_t v = s->path[depth - 1], end;
        rt_graph_out_arcs(g, v, &first, &count);
        end = first + count;
        if (s->iter[depth - 1] < end) {
            size_t arc = s->iter[depth - 1]++, w = rt_graph_arc(g, arc)->to;
            if (w < start || s->dist[w] == SIZE_MAX)
                continue; /* outside the subgraph searched from start */
            if (w == start) {
                emit(s, depth, arc);
                s->found[depth - 1] = true;
            } else if (!s->blocked[w]) {
                s->arcs[depth - 1] = arc;
                s->path[depth] = w;
                s->blocked[w] = true;
                s->found[depth] = false;
                rt_graph_out_arcs(g, w, &first, &count);
                s->iter[depth] = first;
                depth++;
            }
            continue;
        }
        /* v is done: unblock it if a cycle went through it, else make it
         * wait on its successors. */
        if (s->found[depth - 1]) {
            unblock(s, v);
        } else {
            for (size_t k = first; k < end; k++) {
                size_t w = rt_graph_arc(g, k)->to;
                if (w >= start && s->dist[w] != SIZE_MAX && wait_on(s, w, v) < 0) {
                    s->stop = RT_ENOMEM;
                    return;
                }
            }
        }
        depth--;
        if (depth > 0 && s->found[depth])
            s->found[depth - 1] = true;
    }
}

static void search_free(search *s)
{
    if (s->b)
        for (size_t v = 0; v < s->n; v++)
            rt__free(s->b[v]);
    rt__free(s->b);
    rt__free(s->b_len);
    rt__free(s->b_cap);
    rt__free(s->blocked);
    rt__free(s->lock);
    rt__free(s->blen);
    rt__free(s->relax_stack);
    rt__free(s->unblock_stack);
    rt__free(s->rev_first);
    rt__free(s->rev);
    rt__free(s->dist);
    rt__free(s->touched);
    rt__free(s->path);
    rt__free(s->arcs);
    rt__free(s->iter);
    rt__free(s->on_path);
    rt__free(s->found);
}

int rt_cycles_find(rt_cycle_stats *out, const rt_graph *g, const rt_cycle_options *opts,
                   rt_cycle_fn fn, void *payload)
{
    search s;
    size_t n;
    int rc = RT_ENOMEM;

    if (!out || !g || !opts || !fn || opts->version != RT_CYCLE_OPTIONS_VERSION)
        return RT_EINVAL;
    memset(out, 0, sizeof(*out));
    memset(&s, 0, sizeof(s));
    n = rt_graph_vertex_count(g);
    s.g = g;
    s.opts = opts;
    s.fn = fn;
    s.payload = payload;
    s.stats = out;
    s.n = n;
    s.dist = rt__malloc((n + 1) * sizeof(size_t));
    s.touched = rt__calloc(n + 1, sizeof(size_t));
    s.path = rt__calloc(n + 1, sizeof(size_t));
    s.arcs = rt__calloc(n + 1, sizeof(size_t));
    s.iter = rt__calloc(n + 1, sizeof(size_t));
    s.on_path = rt__calloc(n + 1, sizeof(bool));
    if (!s.dist || !s.touched || !s.path || !s.arcs || !s.iter || !s.on_path ||
        build_reverse(&s) < 0)
        goto out;
    s.b = rt__calloc(n + 1, sizeof(size_t *));
    s.b_len = rt__calloc(n + 1, sizeof(size_t));
    s.b_cap = rt__calloc(n + 1, sizeof(size_t));
    if (!s.b || !s.b_len || !s.b_cap)
        goto out;
    if (opts->max_len == 0) {
        s.found = rt__calloc(n + 1, sizeof(bool));
        s.blocked = rt__calloc(n + 1, sizeof(bool));
        /* Each vertex is pushed at most once per B list it is on. */
        s.unblock_stack = rt__calloc(rt_graph_arc_count(g) + n + 1, sizeof(size_t));
        if (!s.found || !s.blocked || !s.unblock_stack)
            goto out;
    } else {
        s.lock = rt__calloc(n + 1, sizeof(size_t));
        s.blen = rt__calloc(n + 1, sizeof(size_t));
        if (!s.lock || !s.blen)
            goto out;
    }
    for (size_t v = 0; v < n; v++)
        s.dist[v] = SIZE_MAX;
    for (size_t start = 0; start < n && !s.stop; start++) {
        if (rt_graph_vertex_group(g, start) == RT_NONE)
            continue; /* in no cycle */
        distances_to(&s, start);
        if (opts->max_len == 0)
            johnson_from(&s, start);
        else if (opts->max_len >= 2)
            bounded_from(&s, start);
    }
    rc = s.stop < 0 ? s.stop : RT_OK;
out:
    search_free(&s);
    return rc;
}
