/*
 * Elementary cycles through one start vertex s, whose smallest vertex is s:
 * the search behind rt_cycles_find() and rt_cycles__count() without a hop
 * bound (with one, bounded.c's).
 *
 * Johnson's algorithm: D. B. Johnson, "Finding all the elementary circuits
 * of a directed graph", SIAM J. Comput. 4(1), 1975. Called for each start
 * vertex s in ascending order, it searches the subgraph of vertices >= s
 * that can reach s (computed here by a backward BFS within s's strongly
 * connected group, the part of Johnson's "least SCC" that matters), so
 * every cycle is found exactly once, from its smallest vertex. A vertex
 * stays blocked while no path from it back to s is known; when a cycle is
 * found through it, it is unblocked together with the vertices waiting on
 * it (the B lists). Invariant: a blocked vertex not on the stack cannot
 * reach s without passing through the stack. Time O((V + E)(C + 1)) for C
 * cycles; memory O(V + E), since B lists hold each arc at most once. The
 * search is iterative, so a long cycle cannot overflow the C stack.
 *
 * On a contracted graph (contract.c), where an arc stands for several
 * paths, a cycle stands for the product of its arcs' weights, which the
 * search carries along the path (product[] per depth).
 *
 * Speed: the subgraph is renumbered 0 .. count - 1 and copied as rows of
 * its own, so the search runs on small dense arrays. The B lists are flags
 * on arcs: arc v->w flagged means v waits on w, so adding to a B list is
 * one store, with no membership test, and unblocking w walks w's in-arcs.
 * Subgraph membership is a stamp per vertex (the start search it was
 * marked for), so nothing is cleared between starts but the flags.
 */
#include <string.h>

#include "analysis/analysis.h"
#include "util/alloc.h"

struct rt_johnson {
    size_t n;
    bool paths;      /* emit needs the path's vertices and arcs */
    bool saturated;  /* a weighted count did not fit */
    uint32_t *stamp; /* `epoch` when in the subgraph searched now */
    uint32_t epoch;  /* counts the searches, from 1 */

    /* Per start: the subgraph searched, renumbered 0 .. count - 1 in the
     * order reach_back() found its vertices (touched[]), as rows: out-arcs
     * of local i are l_to[l_first[i] .. l_first[i + 1] - 1], each the
     * graph's arc l_arc[]; in-arcs of i are l_in[l_in_first[i] ..], each
     * the index of an out-arc, whose tail is l_tail[]. */
    uint32_t *local, *l_first, *l_to, *l_arc, *l_tail, *l_in_first, *l_in;
    uint8_t *bflag;       /* local out-arc v->w flagged when v waits on w */
    size_t *l_weight;     /* on a contracted graph: weight[] of local arcs */
    size_t *product;      /* ... and per depth, the paths the path stands for */
    uint32_t *stamp_path; /* the path in local numbers */

    size_t *touched; /* the subgraph's vertices */
    size_t touched_count;

    size_t *path;   /* current path: vertices */
    size_t *arcs;   /* arcs[i]: the arc from path[i] to the next vertex */
    size_t *iter;   /* per path depth: next out-arc to try */
    uint8_t *found; /* per depth: a cycle was found below */

    uint8_t *blocked;
    size_t *unblock_stack;
};

/* Carve `count` items of `size` bytes from *p. */
static void *carve(char **p, size_t count, size_t size)
{
    void *a = *p;

    *p += count * size;
    return a;
}

int rt_johnson__new(rt_johnson **out, size_t n, size_t m, bool weighted)
{
    bool big = false;
    size_t wide, narrow, bytes, total;
    rt_johnson *j;
    char *p;

    *out = NULL;
    /* One block: the struct, then the size_t arrays, the uint32_t ones and
     * the flags, so each is aligned. Each push but the first of
     * unblock_stack clears an arc's flag: m + 1 of them. */
    wide = rt_csr__add(rt_csr__mul(4 + weighted, n + 1, &big),
                       rt_csr__mul(1 + weighted, m + 1, &big), &big);
    narrow = rt_csr__add(rt_csr__mul(5, n + 1, &big), rt_csr__mul(4, m + 1, &big), &big);
    narrow = rt_csr__add(narrow, 1, &big); /* l_in_first has n + 2 */
    bytes = rt_csr__add(rt_csr__mul(2, n + 1, &big), m + 1, &big);
    total = rt_csr__add(rt_csr__mul(wide, sizeof(size_t), &big),
                        rt_csr__mul(narrow, sizeof(uint32_t), &big), &big);
    total = rt_csr__add(rt_csr__add(total, bytes, &big), sizeof(*j), &big);
    if (big || !(j = rt__calloc(1, total)))
        return RT_ENOMEM;
    p = (char *)(j + 1);
    j->n = n;
    j->paths = true;
    j->touched = carve(&p, n + 1, sizeof(size_t));
    j->path = carve(&p, n + 1, sizeof(size_t));
    j->arcs = carve(&p, n + 1, sizeof(size_t));
    j->iter = carve(&p, n + 1, sizeof(size_t));
    j->unblock_stack = carve(&p, m + 1, sizeof(size_t));
    if (weighted) {
        j->l_weight = carve(&p, m + 1, sizeof(size_t));
        j->product = carve(&p, n + 1, sizeof(size_t));
    }
    j->stamp = carve(&p, n + 1, sizeof(uint32_t));
    j->stamp_path = carve(&p, n + 1, sizeof(uint32_t));
    j->local = carve(&p, n + 1, sizeof(uint32_t));
    j->l_first = carve(&p, n + 1, sizeof(uint32_t));
    j->l_in_first = carve(&p, n + 2, sizeof(uint32_t));
    j->l_to = carve(&p, m + 1, sizeof(uint32_t));
    j->l_arc = carve(&p, m + 1, sizeof(uint32_t));
    j->l_tail = carve(&p, m + 1, sizeof(uint32_t));
    j->l_in = carve(&p, m + 1, sizeof(uint32_t));
    j->found = carve(&p, n + 1, 1);
    j->blocked = carve(&p, n + 1, 1);
    j->bflag = carve(&p, m + 1, 1);
    *out = j;
    return RT_OK;
}

void rt_johnson__free(rt_johnson *j)
{
    rt__free(j);
}

void rt_johnson__set_paths(rt_johnson *j, bool paths)
{
    j->paths = paths;
}

bool rt_johnson__saturated(const rt_johnson *j)
{
    return j->saturated;
}

/* The vertices >= start of start's group that can reach start, found by a
 * BFS over in-arcs, in touched[0 .. touched_count - 1], marked in stamp[]
 * with a new epoch. */
static void reach_back(rt_johnson *j, const rt_csr *rows, size_t start)
{
    uint32_t group = rows->group[start], mark, head = 0;

    /* A start can be searched twice (rt_cycles__count()): a new mark each
     * time, and a clean slate when the marks run out. */
    if (++j->epoch == UINT32_MAX) {
        memset(j->stamp, 0, j->n * sizeof(uint32_t));
        j->epoch = 1;
    }
    mark = j->epoch;
    j->stamp[start] = mark;
    j->touched_count = 0;
    j->touched[j->touched_count++] = start;
    while (head < j->touched_count) {
        size_t v = j->touched[head++];
        for (uint32_t i = rows->in_first[v]; i < rows->in_first[v + 1]; i++) {
            uint32_t u = rows->from[rows->in_arc[i]];
            if (u < start || rows->group[u] != group || j->stamp[u] == mark)
                continue;
            j->stamp[u] = mark;
            j->touched[j->touched_count++] = u;
        }
    }
}

/* Local u is unblocked, and so are the vertices waiting on it (in-arcs
 * flagged), and theirs in turn. Each push but the first clears a flag. */
static void unblock(rt_johnson *j, uint32_t u)
{
    const uint32_t *in_first = j->l_in_first, *in = j->l_in, *tail = j->l_tail;
    uint8_t *blocked = j->blocked, *bflag = j->bflag;
    size_t top = 0;

    j->unblock_stack[top++] = u;
    while (top > 0) {
        size_t v = j->unblock_stack[--top];
        if (!blocked[v])
            continue;
        blocked[v] = 0;
        for (uint32_t i = in_first[v]; i < in_first[v + 1]; i++) {
            uint32_t e = in[i];
            if (bflag[e]) {
                bflag[e] = 0;
                if (blocked[tail[e]])
                    j->unblock_stack[top++] = tail[e];
            }
        }
    }
}

/* The subgraph reach_back() just marked, renumbered (see struct
 * rt_johnson); returns its vertex count. */
static uint32_t build_local(rt_johnson *j, const rt_csr *rows)
{
    const uint32_t mark = j->epoch;
    uint32_t count = (uint32_t)j->touched_count, arcs = 0;

    for (uint32_t i = 0; i < count; i++)
        j->local[j->touched[i]] = i;
    for (uint32_t i = 0; i < count; i++) {
        size_t v = j->touched[i];
        j->l_first[i] = arcs;
        for (uint32_t k = rows->out_first[v]; k < rows->out_first[v + 1]; k++) {
            if (j->stamp[rows->to[k]] != mark)
                continue;
            j->l_to[arcs] = j->local[rows->to[k]];
            j->l_arc[arcs] = k;
            if (rows->weight)
                j->l_weight[arcs] = rows->weight[k];
            j->l_tail[arcs] = i;
            arcs++;
        }
    }
    j->l_first[count] = arcs;
    /* In-arcs by counting sort on the head; l_in_first[i + 1] is the cursor. */
    memset(j->l_in_first, 0, (count + 2) * sizeof(uint32_t));
    for (uint32_t e = 0; e < arcs; e++)
        j->l_in_first[j->l_to[e] + 2]++;
    for (uint32_t i = 0; i < count; i++)
        j->l_in_first[i + 2] += j->l_in_first[i + 1];
    for (uint32_t e = 0; e < arcs; e++)
        j->l_in[j->l_in_first[j->l_to[e] + 1]++] = e;
    memset(j->bflag, 0, arcs);
    memset(j->blocked, 0, count);
    return count;
}

int rt_johnson__search(rt_johnson *j, const rt_csr *rows, size_t start, rt_johnson_emit_fn emit,
                       void *payload)
{
    const uint32_t *first, *to, *l_arc;
    const size_t *weight = rows->weight ? j->l_weight : NULL;
    size_t *product = j->product;
    uint8_t *blocked = j->blocked, *bflag = j->bflag, *found = j->found;
    uint32_t *lpath = j->stamp_path;
    size_t depth = 1;
    /* Without paths, emit never looks at the path's numbers in the graph:
     * they need not be written. */
    const bool graph_path = j->paths;
    int rc;

    reach_back(j, rows, start);
    build_local(j, rows);
    first = j->l_first;
    to = j->l_to;
    l_arc = j->l_arc;
    /* The start is local 0. path[] and arcs[] hold the graph's numbers for
     * emit; lpath[] the local ones. */
    lpath[0] = 0;
    j->path[0] = start;
    blocked[0] = 1;
    found[0] = 0;
    if (weight)
        product[0] = 1;
    j->iter[0] = first[0];
    while (depth > 0) {
        size_t d = depth - 1, k = j->iter[d], end = first[lpath[d] + 1];
        /* The next arc to an unblocked vertex, closing cycles on the way. */
        for (; k < end; k++) {
            uint32_t w = to[k];
            if (w == 0) {
                /* SIZE_MAX marks a path past counting (see below). */
                size_t c = weight ? rt_csr__mul(product[d], weight[k], &j->saturated) : 1;
                if (c == SIZE_MAX)
                    j->saturated = true;
                j->arcs[depth - 1] = l_arc[k];
                if ((rc = emit(j->path, j->arcs, depth, c, payload)) != 0)
                    return rc;
                found[d] = 1;
            } else if (!blocked[w]) {
                break;
            }
        }
        if (k < end) {
            uint32_t w = to[k];
            j->iter[d] = k + 1;
            if (graph_path) {
                j->arcs[d] = l_arc[k];
                j->path[depth] = j->touched[w];
            }
            /* A path whose paths overflow may never close: only a cycle
             * that does marks the count saturated. */
            if (weight)
                product[depth] = rt_csr__mul(product[d], weight[k], NULL);
            lpath[depth] = w;
            blocked[w] = 1;
            found[depth] = 0;
            j->iter[depth] = first[w];
            depth++;
            continue;
        }
        /* v is done: unblock it if a cycle went through it, else make it
         * wait on its successors. */
        if (found[d])
            unblock(j, lpath[d]);
        else
            for (k = first[lpath[d]]; k < end; k++) /* a few arcs: no memset call */
                bflag[k] = 1;
        depth--;
        if (depth > 0 && found[d])
            found[depth - 1] = 1;
    }
    return 0;
}
