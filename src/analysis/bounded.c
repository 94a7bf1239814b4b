/*
 * Elementary cycles of at most k hops through one start vertex s: the
 * search behind rt_cycles_find() and rt_cycles__count() when max_len is set.
 *
 * Why not Johnson's blocking, or Gupta and Suzumura's. Johnson's (see
 * cycles.c) is wrong under a hop bound: a vertex may be blocked by a path
 * too long to close while a shorter one exists. A. Gupta and T. Suzumura,
 * "Finding All Bounded-Length Simple Cycles in a Directed Graph",
 * arXiv:2105.10094, 2021, replace the flag by a lock (the depth from which
 * a vertex may not be entered), relaxed when a way back is found. F.
 * Bauernöppel and J.-R. Sack, "Finding All Bounded-Length Simple Cycles in
 * a Directed Graph - Revisited", arXiv:2512.08392, 2025, show that scheme
 * missing cycles and its proofs to have gaps, and give a corrected one in
 * O((c + 1) k (n + e)) time; NetworkX's version of it is exponential
 * (networkx/networkx#8737), and so was ours: on S <-> X with X fanning into
 * layers of four, S has one cycle and the search walked every path of the
 * layers (4^k of them) to learn that there was no other. Only the paper's
 * abstract and introduction could be read here, so this is not its
 * formulation but a search built to the same bound, with its own proof.
 *
 * The search. G_s is the subgraph of vertices >= s in s's strongly
 * connected group that are at most k - 1 hops from s (a BFS over in-arcs
 * from s, which also gives dist[v], the hops back to s in G_s). A
 * depth-first search from s extends a path P of d hops by an arc v -> w,
 * neighbours in arc order, only when w can still close: when some path
 * from w back to s of at most k - d - 1 hops avoids P. Which w can is
 * decided once per vertex of P, when it is pushed, by a BFS over in-arcs
 * from s within G_s minus P, cut at that depth (it stops early once every
 * successor in question is settled): the path is the same for all of v's
 * arcs, so the answer serves them all, and the arcs that pass are kept on
 * a stack, in order, for when the search comes back to v.
 *
 * Invariant: every vertex on the path has a way back to s within the bound
 * that avoids the path. So every push leads to at least one cycle, and
 * since nothing is pruned that could close, the search finds every cycle
 * of at most k hops through s, each once, from s, in the order of
 * Johnson's search (the lexicographic order of the arcs), which the
 * reports and their golden files depend on.
 *
 * Bound. A vertex pushed lies on the path of a cycle found below it, and a
 * cycle has at most k - 1 vertices besides s, so c cycles through s mean
 * at most k c + 1 pushes. A push costs one BFS and one pass over the
 * vertex's arcs, O(n + e) for G_s of n vertices and e arcs; the first BFS
 * costs as much. Time O((c + 1) k (n + e)) per start, the bound of
 * Bauernöppel and Sack, whatever the graph's shape: the cost per cycle is
 * polynomial, and a start with no cycle costs O(n + e). Memory O(n + e):
 * the arcs kept for the vertices of a path are at most e. The work is
 * counted in arcs examined (rt_cycle_stats), which the tests hold to this
 * bound.
 */
#include <string.h>

#include "analysis/analysis.h"
#include "util/alloc.h"

struct rt_bounded {
    size_t n;
    size_t *dist;    /* hops back to s in G_s; SIZE_MAX outside G_s */
    size_t *touched; /* the vertices of G_s, to reset dist[] next time */
    size_t touched_count;

    /* The BFS at a push: level[v] is v's hops back to s avoiding the path,
     * when seen[v] == epoch; want[v] == epoch marks the successors it
     * must settle. */
    uint32_t *seen, *want, epoch;
    size_t *level, *queue;

    uint8_t *on_path;
    size_t *path; /* path[0] = s .. path[d] */
    size_t *arcs; /* arcs[i]: from path[i] to the next vertex */
    size_t *next; /* per depth: the next of its kept arcs to take */
    size_t *kept; /* kept[d] .. kept[d + 1] - 1: depth d's arcs in choice[] */
    uint32_t *choice;

    size_t arcs_examined;
};

int rt_bounded__new(rt_bounded **out, size_t n, size_t m)
{
    rt_bounded *b = rt__calloc(1, sizeof(*b));

    *out = NULL;
    if (!b)
        return RT_ENOMEM;
    b->n = n;
    b->dist = rt__malloc((n + 1) * sizeof(size_t));
    b->touched = rt__calloc(n + 1, sizeof(size_t));
    b->seen = rt__calloc(n + 1, sizeof(uint32_t));
    b->want = rt__calloc(n + 1, sizeof(uint32_t));
    b->level = rt__calloc(n + 1, sizeof(size_t));
    b->queue = rt__calloc(n + 1, sizeof(size_t));
    b->on_path = rt__calloc(n + 1, 1);
    b->path = rt__calloc(n + 1, sizeof(size_t));
    b->arcs = rt__calloc(n + 1, sizeof(size_t));
    b->next = rt__calloc(n + 1, sizeof(size_t));
    b->kept = rt__calloc(n + 2, sizeof(size_t));
    b->choice = rt__calloc(m + 1, sizeof(uint32_t));
    if (!b->dist || !b->touched || !b->seen || !b->want || !b->level || !b->queue || !b->on_path ||
        !b->path || !b->arcs || !b->next || !b->kept || !b->choice) {
        rt_bounded__free(b);
        return RT_ENOMEM;
    }
    for (size_t v = 0; v < n; v++)
        b->dist[v] = SIZE_MAX;
    *out = b;
    return RT_OK;
}

void rt_bounded__free(rt_bounded *b)
{
    if (!b)
        return;
    rt__free(b->dist);
    rt__free(b->touched);
    rt__free(b->seen);
    rt__free(b->want);
    rt__free(b->level);
    rt__free(b->queue);
    rt__free(b->on_path);
    rt__free(b->path);
    rt__free(b->arcs);
    rt__free(b->next);
    rt__free(b->kept);
    rt__free(b->choice);
    rt__free(b);
}

size_t rt_bounded__arcs_examined(const rt_bounded *b)
{
    return b->arcs_examined;
}

/* G_s: dist[] for the vertices >= start of its group at most k - 1 hops
 * back, by a BFS over in-arcs that goes no farther. */
static void reach(rt_bounded *b, const rt_csr *rows, size_t start, size_t k)
{
    uint32_t group = rows->group[start];
    size_t head = 0;

    for (size_t i = 0; i < b->touched_count; i++)
        b->dist[b->touched[i]] = SIZE_MAX;
    b->dist[start] = 0;
    b->touched_count = 0;
    b->touched[b->touched_count++] = start;
    while (head < b->touched_count) {
        size_t v = b->touched[head++];
        if (b->dist[v] + 1 >= k)
            continue;
        for (uint32_t j = rows->in_first[v]; j < rows->in_first[v + 1]; j++) {
            uint32_t u = rows->from[rows->in_arc[j]];
            b->arcs_examined++;
            if (u < start || rows->group[u] != group || b->dist[u] != SIZE_MAX)
                continue;
            b->dist[u] = b->dist[v] + 1;
            b->touched[b->touched_count++] = u;
        }
    }
}

static void next_epoch(rt_bounded *b)
{
    if (++b->epoch == UINT32_MAX) {
        memset(b->seen, 0, b->n * sizeof(uint32_t));
        memset(b->want, 0, b->n * sizeof(uint32_t));
        b->epoch = 1;
    }
}

/* The path is path[0 .. d]: keep, in arc order, the arcs of path[d] that
 * close a cycle or lead to a vertex with a way back to start of at most
 * k - d - 1 hops avoiding the path; they go to choice[kept[d] ..
 * kept[d + 1] - 1]. */
static void expand(rt_bounded *b, const rt_csr *rows, size_t start, size_t k, size_t d)
{
    size_t v = b->path[d], top = b->kept[d], pending = 0, head = 0, tail = 0;
    size_t budget = k - d - 1; /* hops a successor may take back */
    uint32_t first = rows->out_first[v], end = rows->out_first[v + 1];

    /* The successors in question: in G_s, off the path, not too far in
     * any case. Without one, there is nothing to search for. */
    next_epoch(b);
    for (uint32_t j = first; j < end; j++) {
        uint32_t w = rows->to[j];
        b->arcs_examined++;
        if (w != start && b->dist[w] <= budget && !b->on_path[w] && b->want[w] != b->epoch) {
            b->want[w] = b->epoch;
            pending++;
        }
    }
    /* The BFS back from start, within G_s and off the path, to `budget`
     * hops or until every successor in question is settled. */
    if (pending > 0) {
        b->seen[start] = b->epoch;
        b->level[start] = 0;
        b->queue[tail++] = start;
    }
    while (head < tail && pending > 0) {
        size_t x = b->queue[head++];
        if (b->level[x] >= budget)
            break; /* levels only grow along the queue */
        for (uint32_t j = rows->in_first[x]; j < rows->in_first[x + 1]; j++) {
            uint32_t u = rows->from[rows->in_arc[j]];
            b->arcs_examined++;
            if (b->dist[u] == SIZE_MAX || b->on_path[u] || b->seen[u] == b->epoch)
                continue;
            b->seen[u] = b->epoch;
            b->level[u] = b->level[x] + 1;
            b->queue[tail++] = u;
            if (b->want[u] == b->epoch)
                pending--;
        }
    }
    for (uint32_t j = first; j < end; j++) {
        uint32_t w = rows->to[j];
        b->arcs_examined++;
        if (w == start || (b->want[w] == b->epoch && b->seen[w] == b->epoch))
            b->choice[top++] = j;
    }
    b->kept[d + 1] = top;
    b->next[d] = b->kept[d];
}

int rt_bounded__search(rt_bounded *b, const rt_csr *rows, size_t start, size_t k, rt_cycle_fn emit,
                       void *payload)
{
    size_t d = 0;
    int rc = 0;

    if (k < 2)
        return 0; /* the graph has no loops on one vertex */
    reach(b, rows, start, k);
    b->path[0] = start;
    b->on_path[start] = 1;
    b->kept[0] = 0;
    expand(b, rows, start, k, 0);
    for (;;) {
        if (b->next[d] < b->kept[d + 1]) {
            uint32_t arc = b->choice[b->next[d]++], w = rows->to[arc];
            b->arcs[d] = arc;
            if (w == start) {
                if ((rc = emit(b->path, b->arcs, d + 1, payload)) != 0)
                    break;
                continue;
            }
            /* w can close within the bound (the invariant), so d + 1 < k. */
            d++;
            b->path[d] = w;
            b->on_path[w] = 1;
            expand(b, rows, start, k, d);
            continue;
        }
        b->on_path[b->path[d]] = 0;
        if (d == 0)
            return 0;
        d--;
    }
    for (size_t i = 0; i <= d; i++)
        b->on_path[b->path[i]] = 0;
    return rc;
}
