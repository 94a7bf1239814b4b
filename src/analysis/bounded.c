/*
 * Elementary cycles of at most k hops through one start vertex s: the
 * search behind rt_cycles_find() and rt_cycles__count() when max_len is set.
 *
 * Why not Johnson's blocking, or Gupta and Suzumura's. Johnson's (see
 * johnson.c) is wrong under a hop bound: a vertex may be blocked by a path
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
 * decided once per vertex of P, when it is pushed: the path is the same
 * for all of v's arcs, so the answer serves them all, and the arcs that
 * pass are kept on a stack, in order, for when the search comes back to v.
 *
 * The decision. First a probe per successor: a depth-first search forward
 * from w within G_s minus P that follows an arc x -> y only while the
 * hops taken, one more, and dist[y] fit the budget: first the arc the
 * reach found x by, then the other arcs on a shortest way back, then the
 * rest. dist[] ignores the path and so never overestimates, and the path
 * only ever blocks: on a sparse graph the first walk down the shortest
 * ways back nearly always gets through, in a few arcs, where a BFS from s
 * would cover most of G_s before it reached w. The probe follows walks,
 * not paths (a walk back contains a path back), so it may meet a vertex
 * again with fewer hops left. Two memos keep it from doing the same work
 * twice:
 *   - ok: the vertices of a walk that got back, with their hops to s
 *     along it; for the rest of this push only (a later push may block
 *     the walk).
 *   - locks: a vertex the probe left without getting back has no way back
 *     in as many hops as it had left, avoiding path[0 .. d]. That stays
 *     true while path[0 .. d] is on the path, so a lock serves every push
 *     below this one too (Gupta and Suzumura's idea, with the lock tied to
 *     the push that made it, so it lapses when that push is undone;
 *     serial[] numbers the pushes). A vertex is thus expanded at most once
 *     per budget it is met with, per push.
 * The probes of a push may look at as many arcs as the reach did, which
 * no BFS below exceeds. Successors still open when they run out go to a
 * BFS over in-arcs from s within G_s minus P, cut at depth k - d - 1,
 * that stops once every one of them is settled. Both ways are exact, so
 * the answer does not depend on where the probes stop (the tests cut them
 * anywhere, with rt_bounded__set_probes()).
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
 * at most k c + 1 pushes. A push costs a pass over the vertex's arcs,
 * probes capped at the reach's arcs, and at most one BFS and a pass over
 * the arcs it kept, O(n + e) for G_s of n vertices and e arcs; the reach
 * costs as much. Time O((c + 1) k (n + e)) per start, the bound of
 * Bauernöppel and Sack, whatever the graph's shape: the cost per cycle is polynomial, and a
 * start with no cycle costs O(n + e). Memory O(n + e): the arcs kept for
 * the vertices of a path are at most e, a probe's stack at most n frames
 * (a way back need not be longer than G_s has vertices). The work is
 * counted in arcs examined (rt_cycle_stats), probes and BFSs included,
 * which the tests hold to this bound.
 */
#include <string.h>

#include "analysis/analysis.h"
#include "util/alloc.h"

struct rt_bounded {
    size_t n;
    size_t *dist;     /* hops back to s in G_s; SIZE_MAX outside G_s */
    uint32_t *toward; /* in G_s but s: the vertex the reach found v by */
    size_t *touched;  /* the vertices of G_s, to reset dist[] next time */
    size_t touched_count;
    size_t reach_arcs;  /* arcs the reach examined: a push's cap for the probes */
    size_t probe_limit; /* a lower cap, for tests (rt_bounded__set_probes()) */

    /* The BFS at a push: level[v] is v's hops back to s avoiding the path,
     * when seen[v] == epoch; want[v] == epoch marks the successors it
     * must settle. */
    uint32_t *seen, *want, epoch;
    size_t *level, *queue;

    /* The probes at a push. ok[v] == epoch: v has a way back of at most
     * ok_len[v] hops avoiding the path (one was found). A lock: v has no
     * way back of at most lock[v] hops avoiding path[0 .. lock_depth[v]],
     * while serial[lock_depth[v]] == lock_serial[v] (that push is still on
     * the path). The probe's own stack: frame_v, frame_r, frame_arc. */
    uint32_t *ok;
    size_t *ok_len;
    size_t *lock, *lock_depth, *lock_serial;
    size_t *serial; /* per depth: the number of the push that made path[d] */
    size_t pushes;
    size_t *frame_v, *frame_r;
    uint32_t *frame_arc;
    uint8_t *frame_pass;

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
    b->probe_limit = SIZE_MAX;
    b->dist = rt__malloc((n + 1) * sizeof(size_t));
    b->touched = rt__calloc(n + 1, sizeof(size_t));
    b->seen = rt__calloc(n + 1, sizeof(uint32_t));
    b->want = rt__calloc(n + 1, sizeof(uint32_t));
    b->level = rt__calloc(n + 1, sizeof(size_t));
    b->queue = rt__calloc(n + 1, sizeof(size_t));
    b->ok = rt__calloc(n + 1, sizeof(uint32_t));
    b->ok_len = rt__calloc(n + 1, sizeof(size_t));
    b->lock = rt__calloc(n + 1, sizeof(size_t));
    b->lock_depth = rt__calloc(n + 1, sizeof(size_t));
    b->lock_serial = rt__calloc(n + 1, sizeof(size_t));
    b->serial = rt__calloc(n + 1, sizeof(size_t));
    b->frame_v = rt__calloc(n + 1, sizeof(size_t));
    b->frame_r = rt__calloc(n + 1, sizeof(size_t));
    b->frame_arc = rt__calloc(n + 1, sizeof(uint32_t));
    b->frame_pass = rt__calloc(n + 1, 1);
    b->toward = rt__calloc(n + 1, sizeof(uint32_t));
    b->on_path = rt__calloc(n + 1, 1);
    b->path = rt__calloc(n + 1, sizeof(size_t));
    b->arcs = rt__calloc(n + 1, sizeof(size_t));
    b->next = rt__calloc(n + 1, sizeof(size_t));
    b->kept = rt__calloc(n + 2, sizeof(size_t));
    b->choice = rt__calloc(m + 1, sizeof(uint32_t));
    if (!b->dist || !b->touched || !b->seen || !b->want || !b->level || !b->queue || !b->ok ||
        !b->ok_len || !b->lock || !b->lock_depth || !b->lock_serial || !b->serial || !b->frame_v ||
        !b->frame_r || !b->frame_arc || !b->frame_pass || !b->toward || !b->on_path || !b->path ||
        !b->arcs || !b->next || !b->kept || !b->choice) {
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
    rt__free(b->ok);
    rt__free(b->ok_len);
    rt__free(b->lock);
    rt__free(b->lock_depth);
    rt__free(b->lock_serial);
    rt__free(b->serial);
    rt__free(b->frame_v);
    rt__free(b->frame_r);
    rt__free(b->frame_arc);
    rt__free(b->frame_pass);
    rt__free(b->toward);
    rt__free(b->on_path);
    rt__free(b->path);
    rt__free(b->arcs);
    rt__free(b->next);
    rt__free(b->kept);
    rt__free(b->choice);
    rt__free(b);
}

void rt_bounded__set_probes(rt_bounded *b, size_t arcs)
{
    b->probe_limit = arcs;
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
    size_t head = 0, before = b->arcs_examined;

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
            b->toward[u] = (uint32_t)v;
            b->touched[b->touched_count++] = u;
        }
    }
    b->reach_arcs = b->arcs_examined - before;
}

static void next_epoch(rt_bounded *b)
{
    if (++b->epoch == UINT32_MAX) {
        memset(b->seen, 0, b->n * sizeof(uint32_t));
        memset(b->want, 0, b->n * sizeof(uint32_t));
        memset(b->ok, 0, b->n * sizeof(uint32_t));
        b->epoch = 1;
    }
}

enum { NO, YES, UNKNOWN };

/* A probe's passes over a vertex's arcs. */
enum { TOWARD, TIGHT, LOOSE };

/* What is known, at depth d, of a way back from v of at most r hops that
 * avoids the path, without looking at an arc. */
static inline int known(const rt_bounded *b, size_t start, size_t v, size_t r)
{
    if (v == start)
        return YES;
    if (b->dist[v] > r || b->on_path[v])
        return NO;
    if (b->ok[v] == b->epoch && b->ok_len[v] <= r)
        return YES;
    if (b->lock[v] >= r && b->serial[b->lock_depth[v]] == b->lock_serial[v])
        return NO; /* serial[] is 0 below the path, so lock_depth <= d */
    return UNKNOWN;
}

/*
 * The probe: whether w has a way back to start of at most r hops avoiding
 * path[0 .. d], by a depth-first search forward from w that takes an arc
 * x -> y only while the hops taken plus 1 + dist[y] fit in r, the arcs
 * along a shortest way back (dist[y] + 1 == dist[x]) first. Walks, not
 * paths: a walk back contains a path back, so the probe may come back to
 * a vertex with fewer hops left. A vertex it leaves without success is
 * locked at its hops left; on success the walk's vertices are marked ok
 * with their hops to start along it. YES or NO, or UNKNOWN when *left, the
 * arcs it may still look at, runs out.
 */
static int probe(rt_bounded *b, const rt_csr *rows, size_t start, size_t d, size_t w, size_t r,
                 size_t *left)
{
    size_t top = 0;
    int found;

    if ((found = known(b, start, w, r)) != UNKNOWN)
        return found;
    b->frame_v[0] = w;
    b->frame_r[0] = r;
    b->frame_arc[0] = rows->out_first[w];
    b->frame_pass[0] = TOWARD;
    for (;;) {
        size_t x = b->frame_v[top], rx = b->frame_r[top], end = rows->out_first[x + 1];
        uint32_t j = b->frame_arc[top], pass = b->frame_pass[top], y = 0;
        int step = NO;

        if (*left == 0)
            return UNKNOWN;
        if (pass == TOWARD) {
            /* The arc the reach found x by: the likeliest way back. */
            y = b->toward[x];
            (*left)--;
            b->arcs_examined++;
            b->frame_pass[top] = TIGHT;
            step = known(b, start, y, rx - 1);
        }
        while (step == NO && pass != TOWARD && j < end) {
            if (*left == 0) {
                b->frame_arc[top] = j;
                return UNKNOWN;
            }
            (*left)--;
            b->arcs_examined++;
            y = rows->to[j++];
            if (b->dist[y] == SIZE_MAX || (b->dist[y] + 1 == b->dist[x]) != (pass == TIGHT))
                continue; /* not this pass's arc */
            step = known(b, start, y, rx - 1);
        }
        b->frame_arc[top] = j;
        if (step == YES) {
            /* frame i is top + 1 - i hops from y */
            size_t tail = y == start ? 0 : b->ok_len[y];
            for (size_t i = 0; i <= top; i++) {
                size_t v = b->frame_v[i], len = top - i + 1 + tail;
                if (b->ok[v] != b->epoch || b->ok_len[v] > len) {
                    b->ok[v] = b->epoch;
                    b->ok_len[v] = len;
                }
            }
            return YES;
        }
        if (step == UNKNOWN) {
            top++;
            b->frame_v[top] = y;
            b->frame_r[top] = rx - 1;
            b->frame_arc[top] = rows->out_first[y];
            b->frame_pass[top] = TOWARD;
            continue;
        }
        if (pass == TOWARD)
            continue; /* on to the tight arcs */
        /* x's arcs of this pass are done; the loose ones are only worth a
         * pass when x has hops to spare. */
        if (pass == TIGHT && b->dist[x] < rx) {
            b->frame_pass[top] = LOOSE;
            b->frame_arc[top] = rows->out_first[x];
            continue;
        }
        b->lock[x] = rx;
        b->lock_depth[x] = d;
        b->lock_serial[x] = b->serial[d];
        if (top == 0)
            return NO;
        top--;
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
    size_t left = b->reach_arcs < b->probe_limit ? b->reach_arcs : b->probe_limit;
    uint32_t first = rows->out_first[v], end = rows->out_first[v + 1];

    /* A way back avoiding the path has at most |G_s| - 1 hops. */
    if (budget >= b->touched_count)
        budget = b->touched_count - 1;
    /* Probe the successors, as long as the probes cost no more than the
     * BFS would; the arcs to those they leave open are kept for now, and
     * the BFS settles them. */
    next_epoch(b);
    for (uint32_t j = first; j < end; j++) {
        uint32_t w = rows->to[j];
        int found;
        b->arcs_examined++;
        if (left > 0)
            found = probe(b, rows, start, d, w, budget, &left);
        else
            found = known(b, start, w, budget);
        if (found == NO)
            continue;
        b->choice[top++] = j;
        if (found == UNKNOWN && b->want[w] != b->epoch) {
            b->want[w] = b->epoch;
            pending++;
        }
    }
    b->kept[d + 1] = top;
    b->next[d] = b->kept[d];
    if (pending == 0)
        return;
    /* The BFS back from start, within G_s and off the path, to `budget`
     * hops or until every successor in question is settled. */
    b->seen[start] = b->epoch;
    b->level[start] = 0;
    b->queue[tail++] = start;
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
    /* Drop the kept arcs to the successors it did not reach. */
    top = b->kept[d];
    for (size_t i = b->kept[d]; i < b->kept[d + 1]; i++) {
        uint32_t j = b->choice[i], w = rows->to[j];
        b->arcs_examined++;
        if (b->want[w] != b->epoch || b->seen[w] == b->epoch)
            b->choice[top++] = j;
    }
    b->kept[d + 1] = top;
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
    b->serial[0] = ++b->pushes;
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
            b->serial[d] = ++b->pushes;
            expand(b, rows, start, k, d);
            continue;
        }
        b->on_path[b->path[d]] = 0;
        b->serial[d] = 0; /* its locks lapse */
        if (d == 0)
            return 0;
        d--;
    }
    for (size_t i = 0; i <= d; i++) {
        b->on_path[b->path[i]] = 0;
        b->serial[i] = 0;
    }
    return rc;
}
