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
 * With a hop bound (max_len) the search is that of bounded.c instead,
 * O((C + 1) k (V + E)) per start for C cycles of at most k hops (Johnson's
 * blocking is wrong under a bound, and Gupta and Suzumura's locks were
 * exponential here: see there). It emits the same cycles as Johnson's
 * search, those short enough, in the same order.
 *
 * Both searches are iterative, so a long cycle cannot overflow the C stack.
 *
 * Counting every cycle of any length with no predicate (loops --all
 * --count) runs Johnson's search on the contracted graph of contract.c,
 * where an arc stands for several paths and a cycle for the product of its
 * arcs' weights: the same count from far fewer cycles (a graph of 8.8
 * million cycles leaves 5.2 million, one of 914,754 leaves 323,044).
 *
 * Speed: the searches run on a compact copy of the graph (32-bit compressed
 * sparse rows, out and in), not through the graph's accessors. Johnson's B
 * lists are flags on arcs: arc v->w flagged means v waits on w, so adding
 * to a B list is one store, with no membership test, and unblocking w
 * walks w's in-arcs. Subgraph membership is a stamp per vertex (the start
 * search it was marked for), so nothing is cleared between starts but the
 * flags.
 */
#include "roundtrip/loops.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis/analysis.h"
#include "util/alloc.h"

typedef struct counter counter;

/*
 * Progress: the search on the calling thread looks at the clock after each
 * start and every PROGRESS_EVERY cycles, and calls back when an interval
 * has passed since the last call. Counting workers add their cycles to the
 * shared tally every PROGRESS_EVERY cycles, so the figure reported is
 * behind by less than that per thread.
 */
#define PROGRESS_EVERY 4096

typedef struct progress {
    rt_progress_fn fn;
    void *payload;
    long interval_ns; /* the least time between two calls */
    const char *phase;
    struct timespec last;
} progress;

typedef struct search {
    const rt_graph *g;
    const rt_cycle_options *opts;
    rt_cycle_fn fn;
    void *payload;
    rt_cycle_stats *stats;
    size_t n;
    bool owns_csr; /* the graph's rows are this search's (shared by workers) */

    /* Counting (rt_cycles__count()): per start, no callback. */
    bool counting;
    rt_cycle_keep_fn keep;
    const void *keep_ctx;
    bool budget_on; /* stop a start after `budget` cycles */
    size_t budget;
    size_t start_cycles; /* this start's cycles, at most budget */
    size_t start_kept;   /* of which keep() kept */
    bool exceeded;       /* it has more than budget */

    /* The graph as compressed sparse rows (arc numbers are the graph's);
     * counting on a contracted graph, weight[] is the cycles each arc
     * stands for, else NULL. */
    rt_csr rows;
    uint32_t *stamp; /* Johnson: `epoch` when in the subgraph searched now */
    uint32_t epoch;  /* Johnson: counts the searches, from 1 */

    /* Johnson, per start: the subgraph searched, renumbered 0 .. count - 1
     * in the order reach_back() found its vertices (touched[]), as rows:
     * out-arcs of local i are l_to[l_first[i] .. l_first[i + 1] - 1], each
     * the graph's arc l_arc[]; in-arcs of i are l_in[l_in_first[i] ..], each
     * the index of an out-arc, whose tail is l_tail[]. */
    uint32_t *local, *l_first, *l_to, *l_arc, *l_tail, *l_in_first, *l_in;
    uint8_t *bflag;       /* Johnson: local out-arc v->w flagged when v waits on w */
    size_t *l_weight;     /* Johnson on a contracted graph: weight[] of local arcs */
    size_t *product;      /* ... and per depth, the paths the path stands for */
    bool saturated;       /* a count did not fit */
    uint32_t *stamp_path; /* Johnson: the path in local numbers */

    size_t *touched; /* Johnson: the subgraph's vertices */
    size_t touched_count;

    size_t *path;   /* current path: vertices */
    size_t *arcs;   /* arcs[i]: the arc from path[i] to the next vertex */
    size_t *iter;   /* per path depth: next out-arc to try */
    uint8_t *found; /* per depth: a cycle was found below (Johnson) */

    uint8_t *blocked; /* Johnson */
    size_t *unblock_stack;
    rt_bounded *bounded; /* with max_len: the search of bounded.c */
    int stop;            /* > 0 stopped, < 0 error */

    progress *pg;       /* on the calling thread's search, when asked for */
    counter *shared;    /* counting: the tallies of every worker */
    size_t starts_done; /* listing: starts searched */
    size_t unflushed;   /* cycles since the last look at the clock or flush */
} search;

static void progress_check(search *s, bool final);
static void progress_flush(search *s);

/* The compact copy of the graph. Vertex and arc numbers must fit 32 bits. */
static int build_csr(search *s)
{
    const rt_graph *g = s->g;
    rt_csr *c = &s->rows;
    int rc = rt_csr__init(c, s->n, rt_graph_arc_count(g), false);

    if (rc < 0)
        return rc;
    for (size_t v = 0; v < c->n; v++) {
        size_t first, count, grp = rt_graph_vertex_group(g, v);
        rt_graph_out_arcs(g, v, &first, &count);
        c->out_first[v] = (uint32_t)first;
        c->out_first[v + 1] = (uint32_t)(first + count);
        c->group[v] = grp == RT_NONE ? UINT32_MAX : (uint32_t)grp;
    }
    for (size_t k = 0; k < c->m; k++) {
        const rt_arc *a = rt_graph_arc(g, k);
        c->to[k] = (uint32_t)a->to;
        c->from[k] = (uint32_t)a->from;
    }
    rt_csr__index_heads(c);
    return RT_OK;
}

/* Johnson: the vertices >= start of start's group that can reach start,
 * found by a BFS over in-arcs, in touched[0 .. touched_count - 1], marked
 * in stamp[] with a new epoch. */
static void reach_back(search *s, size_t start)
{
    uint32_t group = s->rows.group[start], mark, head = 0;

    /* A start can be searched twice (rt_cycles__count()): a new mark each
     * time, and a clean slate when the marks run out. */
    if (++s->epoch == UINT32_MAX) {
        memset(s->stamp, 0, s->n * sizeof(uint32_t));
        s->epoch = 1;
    }
    mark = s->epoch;
    s->stamp[start] = mark;
    s->touched_count = 0;
    s->touched[s->touched_count++] = start;
    while (head < s->touched_count) {
        size_t v = s->touched[head++];
        for (uint32_t j = s->rows.in_first[v]; j < s->rows.in_first[v + 1]; j++) {
            uint32_t u = s->rows.from[s->rows.in_arc[j]];
            if (u < start || s->rows.group[u] != group || s->stamp[u] == mark)
                continue;
            s->stamp[u] = mark;
            s->touched[s->touched_count++] = u;
        }
    }
}

/* Report the cycle path[0 .. len - 1], arcs[0 .. len - 1] (the last one
 * closing it), which stands for `cycles` cycles; sets s->stop when the
 * search must end. */
static void emit_cycle(search *s, const size_t *path, const size_t *arcs, size_t len, size_t cycles)
{
    size_t max = s->opts->max_cycles;
    int rc;

    if (s->counting) {
        /* One start's count, to at most `budget` cycles. On a contracted
         * graph one cycle stands for `cycles` (and nothing is kept). */
        if (s->budget_on && cycles > s->budget - s->start_cycles) {
            s->start_cycles = s->budget;
            if (!s->keep)
                s->start_kept = s->budget;
            s->exceeded = true;
            s->stop = 1;
            return;
        }
        s->start_cycles = rt_csr__add(s->start_cycles, cycles, &s->saturated);
        if (!s->keep)
            s->start_kept = s->start_cycles;
        else if (s->keep(path, arcs, len, s->keep_ctx))
            s->start_kept++;
        s->unflushed = rt_csr__add(s->unflushed, cycles, &s->saturated);
        if (s->unflushed >= PROGRESS_EVERY) {
            progress_flush(s);
            if (s->pg)
                progress_check(s, false);
        }
        return;
    }
    if (max && s->stats->found == max) {
        s->stats->truncated = true;
        s->stop = 1;
        return;
    }
    s->stats->found++;
    if (s->pg && ++s->unflushed == PROGRESS_EVERY) {
        s->unflushed = 0;
        progress_check(s, false);
    }
    rc = s->fn(path, arcs, len, s->payload);
    if (rc != 0)
        s->stop = rc;
}

/* Johnson: the cycle on the search's path, closed by arc `closing`. */
static void emit(search *s, size_t len, size_t closing, size_t cycles)
{
    s->arcs[len - 1] = closing;
    emit_cycle(s, s->path, s->arcs, len, cycles);
}

/* The bounded search's cycles: stop it as emit_cycle() says. */
static int emit_bounded(const size_t *path, const size_t *arcs, size_t len, void *payload)
{
    search *s = payload;

    emit_cycle(s, path, arcs, len, 1);
    return s->stop;
}

/* Local u is unblocked, and so are the vertices waiting on it (in-arcs
 * flagged), and theirs in turn. Each push but the first clears a flag. */
static void unblock(search *s, uint32_t u)
{
    const uint32_t *in_first = s->l_in_first, *in = s->l_in, *tail = s->l_tail;
    uint8_t *blocked = s->blocked, *bflag = s->bflag;
    size_t top = 0;

    s->unblock_stack[top++] = u;
    while (top > 0) {
        size_t v = s->unblock_stack[--top];
        if (!blocked[v])
            continue;
        blocked[v] = 0;
        for (uint32_t j = in_first[v]; j < in_first[v + 1]; j++) {
            uint32_t e = in[j];
            if (bflag[e]) {
                bflag[e] = 0;
                if (blocked[tail[e]])
                    s->unblock_stack[top++] = tail[e];
            }
        }
    }
}

/* The subgraph reach_back() just marked, renumbered (see struct search); returns
 * its vertex count. */
static uint32_t build_local(search *s)
{
    const uint32_t mark = s->epoch;
    uint32_t count = (uint32_t)s->touched_count, arcs = 0;

    for (uint32_t i = 0; i < count; i++)
        s->local[s->touched[i]] = i;
    for (uint32_t i = 0; i < count; i++) {
        size_t v = s->touched[i];
        s->l_first[i] = arcs;
        for (uint32_t k = s->rows.out_first[v]; k < s->rows.out_first[v + 1]; k++) {
            if (s->stamp[s->rows.to[k]] != mark)
                continue;
            s->l_to[arcs] = s->local[s->rows.to[k]];
            s->l_arc[arcs] = k;
            if (s->rows.weight)
                s->l_weight[arcs] = s->rows.weight[k];
            s->l_tail[arcs] = i;
            arcs++;
        }
    }
    s->l_first[count] = arcs;
    /* In-arcs by counting sort on the head; l_in_first[i + 1] is the cursor. */
    memset(s->l_in_first, 0, (count + 2) * sizeof(uint32_t));
    for (uint32_t e = 0; e < arcs; e++)
        s->l_in_first[s->l_to[e] + 2]++;
    for (uint32_t i = 0; i < count; i++)
        s->l_in_first[i + 2] += s->l_in_first[i + 1];
    for (uint32_t e = 0; e < arcs; e++)
        s->l_in[s->l_in_first[s->l_to[e] + 1]++] = e;
    memset(s->bflag, 0, arcs);
    memset(s->blocked, 0, count);
    return count;
}

static void johnson_from(search *s, size_t start)
{
    const uint32_t *first, *to, *l_arc;
    const size_t *weight = s->rows.weight ? s->l_weight : NULL;
    size_t *product = s->product;
    uint8_t *blocked = s->blocked, *bflag = s->bflag, *found = s->found;
    uint32_t *lpath = s->stamp_path;
    size_t depth = 1;
    /* Counting with nothing to keep never looks at the path's numbers in
     * the graph: they need not be written. */
    const bool graph_path = !s->counting || s->keep;

    reach_back(s, start);
    build_local(s);
    first = s->l_first;
    to = s->l_to;
    l_arc = s->l_arc;
    /* The start is local 0. path[] and arcs[] hold the graph's numbers for
     * emit(); lpath[] the local ones. */
    lpath[0] = 0;
    s->path[0] = start;
    blocked[0] = 1;
    found[0] = 0;
    if (weight)
        product[0] = 1;
    s->iter[0] = first[0];
    while (depth > 0) {
        size_t d = depth - 1, k = s->iter[d], end = first[lpath[d] + 1];
        /* The next arc to an unblocked vertex, closing cycles on the way. */
        for (; k < end; k++) {
            uint32_t w = to[k];
            if (w == 0) {
                /* SIZE_MAX marks a path past counting (see below). */
                size_t c = weight ? rt_csr__mul(product[d], weight[k], &s->saturated) : 1;
                if (c == SIZE_MAX)
                    s->saturated = true;
                emit(s, depth, l_arc[k], c);
                if (s->stop)
                    return;
                found[d] = 1;
            } else if (!blocked[w]) {
                break;
            }
        }
        if (k < end) {
            uint32_t w = to[k];
            s->iter[d] = k + 1;
            if (graph_path) {
                s->arcs[d] = l_arc[k];
                s->path[depth] = s->touched[w];
            }
            /* A path whose paths overflow may never close: only a cycle
             * that does marks the count saturated. */
            if (weight)
                product[depth] = rt_csr__mul(product[d], weight[k], NULL);
            lpath[depth] = w;
            blocked[w] = 1;
            found[depth] = 0;
            s->iter[depth] = first[w];
            depth++;
            continue;
        }
        /* v is done: unblock it if a cycle went through it, else make it
         * wait on its successors. */
        if (found[d])
            unblock(s, lpath[d]);
        else
            for (k = first[lpath[d]]; k < end; k++) /* a few arcs: no memset call */
                bflag[k] = 1;
        depth--;
        if (depth > 0 && found[d])
            found[depth - 1] = 1;
    }
}

static void search_free(search *s)
{
    rt_bounded__free(s->bounded);
    rt__free(s->blocked);
    rt__free(s->unblock_stack);
    if (s->owns_csr)
        rt_csr__destroy(&s->rows);
    rt__free(s->stamp);
    rt__free(s->stamp_path);
    rt__free(s->local);
    rt__free(s->l_first);
    rt__free(s->l_to);
    rt__free(s->l_arc);
    rt__free(s->l_tail);
    rt__free(s->l_in_first);
    rt__free(s->l_in);
    rt__free(s->bflag);
    rt__free(s->l_weight);
    rt__free(s->product);
    rt__free(s->touched);
    rt__free(s->path);
    rt__free(s->arcs);
    rt__free(s->iter);
    rt__free(s->found);
}

/* A search's own arrays; the graph's rows are built, or shared with
 * `share` (a search of the same graph that outlives this one). */
static int search_init(search *s, const rt_graph *g, const rt_cycle_options *opts,
                       const search *share)
{
    size_t n = rt_graph_vertex_count(g), m = rt_graph_arc_count(g);
    int rc;

    memset(s, 0, sizeof(*s));
    s->g = g;
    s->opts = opts;
    s->n = n;
    s->touched = rt__calloc(n + 1, sizeof(size_t));
    s->path = rt__calloc(n + 1, sizeof(size_t));
    s->arcs = rt__calloc(n + 1, sizeof(size_t));
    s->iter = rt__calloc(n + 1, sizeof(size_t));
    if (!s->touched || !s->path || !s->arcs || !s->iter)
        return RT_ENOMEM;
    if (share) {
        s->rows = share->rows;
    } else {
        s->owns_csr = true;
        if ((rc = build_csr(s)) < 0)
            return rc;
    }
    if (opts->max_len == 0) {
        s->found = rt__calloc(n + 1, 1);
        s->blocked = rt__calloc(n + 1, 1);
        s->stamp = rt__calloc(n + 1, sizeof(uint32_t));
        s->stamp_path = rt__calloc(n + 1, sizeof(uint32_t));
        s->local = rt__calloc(n + 1, sizeof(uint32_t));
        s->l_first = rt__calloc(n + 1, sizeof(uint32_t));
        s->l_in_first = rt__calloc(n + 2, sizeof(uint32_t));
        s->l_to = rt__calloc(m + 1, sizeof(uint32_t));
        s->l_arc = rt__calloc(m + 1, sizeof(uint32_t));
        s->l_tail = rt__calloc(m + 1, sizeof(uint32_t));
        s->l_in = rt__calloc(m + 1, sizeof(uint32_t));
        s->bflag = rt__calloc(m + 1, 1);
        /* Each push but the first clears an arc's flag. */
        s->unblock_stack = rt__calloc(m + 1, sizeof(size_t));
        if (!s->found || !s->blocked || !s->stamp || !s->stamp_path || !s->local || !s->l_first ||
            !s->l_in_first || !s->l_to || !s->l_arc || !s->l_tail || !s->l_in || !s->bflag ||
            !s->unblock_stack)
            return RT_ENOMEM;
    } else if ((rc = rt_bounded__new(&s->bounded, n, m)) < 0) {
        return rc;
    }
    return RT_OK;
}

/* The cycles whose smallest vertex is start. */
static void run_start(search *s, size_t start)
{
    if (s->rows.group[start] == UINT32_MAX)
        return; /* in no cycle */
    if (s->opts->max_len == 0) {
        johnson_from(s, start);
    } else {
        rt_bounded__search(s->bounded, &s->rows, start, s->opts->max_len, emit_bounded, s);
    }
}

static void progress_begin(progress *pg, const char *phase, size_t total,
                           const rt_search_progress *sp)
{
    rt_progress p = {phase, 0, total, 0};

    pg->fn = sp->fn;
    pg->payload = sp->payload;
    pg->interval_ns = (long)sp->interval_ms * 1000 * 1000;
    pg->phase = phase;
    clock_gettime(CLOCK_MONOTONIC, &pg->last);
    sp->fn(&p, sp->payload);
}

int rt_cycles__find(rt_cycle_stats *out, const rt_graph *g, const rt_cycle_options *opts,
                    rt_cycle_fn fn, void *payload, const rt_search_progress *sp, size_t probe_cap)
{
    progress pg;
    search s;
    int rc;

    if (!out || !g || !opts || !fn || opts->version != RT_CYCLE_OPTIONS_VERSION)
        return RT_EINVAL;
    memset(out, 0, sizeof(*out));
    rc = search_init(&s, g, opts, NULL);
    if (rc == 0 && s.bounded)
        rt_bounded__set_probes(s.bounded, probe_cap);
    s.fn = fn;
    s.payload = payload;
    s.stats = out;
    if (sp && sp->fn) {
        progress_begin(&pg, "searching", s.n, sp);
        s.pg = &pg;
    }
    for (size_t start = 0; rc == 0 && start < s.n && !s.stop; start++) {
        run_start(&s, start);
        s.starts_done = start + 1;
        if (s.pg)
            progress_check(&s, false);
    }
    if (rc == 0 && s.stop < 0)
        rc = s.stop;
    if (s.bounded)
        out->arcs_examined = rt_bounded__arcs_examined(s.bounded);
    if (rc == 0 && s.pg) {
        s.starts_done = s.n;
        progress_check(&s, true);
    }
    search_free(&s);
    return rc;
}

int rt_cycles_find(rt_cycle_stats *out, const rt_graph *g, const rt_cycle_options *opts,
                   rt_cycle_fn fn, void *payload)
{
    return rt_cycles__find(out, g, opts, fn, payload, NULL, SIZE_MAX);
}

/*
 * Counting, on several threads. Phase one: workers take start vertices in
 * ascending order from a shared counter and count each start's cycles (and
 * those keep() keeps), each start to at most max_cycles + 1, and stop
 * taking starts once the starts done hold max_cycles cycles: every start
 * taken before holds the cut, since starts are taken in order. Phase two,
 * on the calling thread: add the starts up in order; the start where the
 * running total passes max_cycles is searched again, alone, to its first
 * cycles within the limit. So the counts are those of one thread's search
 * in order, whatever the number of threads and their timing.
 */
struct counter {
    size_t n;
    size_t max;
    size_t *cycles, *kept;
    uint8_t *exceeded, *done;
    atomic_size_t next;  /* the next start to take */
    atomic_size_t tally; /* cycles of the starts done, each to at most max + 1 */
    atomic_int error;
    atomic_size_t finished; /* progress: starts done */
    atomic_size_t seen;     /* progress: cycles counted, flushed by the workers */
};

/* Counting: add this worker's cycles since its last flush to the tally. */
static void progress_flush(search *s)
{
    if (s->shared && s->unflushed)
        atomic_fetch_add_explicit(&s->shared->seen, s->unflushed, memory_order_relaxed);
    s->unflushed = 0;
}

static void progress_check(search *s, bool final)
{
    progress *pg = s->pg;
    struct timespec now;
    rt_progress p;

    clock_gettime(CLOCK_MONOTONIC, &now);
    if (!final && (now.tv_sec - pg->last.tv_sec) * 1000000000L + (now.tv_nsec - pg->last.tv_nsec) <
                      pg->interval_ns)
        return;
    pg->last = now;
    p.phase = pg->phase;
    p.total = s->n;
    if (s->shared) {
        p.done = atomic_load_explicit(&s->shared->finished, memory_order_relaxed);
        p.cycles = atomic_load_explicit(&s->shared->seen, memory_order_relaxed) + s->unflushed;
        /* Starts are counted past the cut, which the total will not be. */
        if (s->shared->max && p.cycles > s->shared->max)
            p.cycles = s->shared->max;
    } else {
        p.done = s->starts_done;
        p.cycles = s->stats->found;
    }
    if (final)
        p.done = p.total;
    pg->fn(&p, pg->payload);
}

typedef struct worker {
    counter *c;
    search s;
} worker;

static void *count_starts(void *arg)
{
    worker *w = arg;
    counter *c = w->c;
    search *s = &w->s;

    for (;;) {
        size_t start;
        if (atomic_load(&c->error) != 0 || (c->max && atomic_load(&c->tally) > c->max))
            break;
        start = atomic_fetch_add(&c->next, 1);
        if (start >= c->n)
            break;
        s->stop = 0;
        s->start_cycles = s->start_kept = 0;
        s->exceeded = false;
        run_start(s, start);
        if (s->stop < 0) {
            atomic_store(&c->error, s->stop);
            break;
        }
        c->cycles[start] = s->start_cycles;
        c->kept[start] = s->start_kept;
        c->exceeded[start] = s->exceeded;
        c->done[start] = 1;
        atomic_fetch_add(&c->tally, s->start_cycles + s->exceeded);
        progress_flush(s);
        atomic_fetch_add_explicit(&c->finished, 1, memory_order_relaxed);
        if (s->pg)
            progress_check(s, false);
    }
    return NULL;
}

/* Replace the search's rows by their contraction; *closed gets the cycles
 * that closed on the way. */
static int contract_rows(search *s, size_t *closed, size_t budget)
{
    rt_csr c;
    bool saturated;
    int rc = rt_csr__contract(&c, closed, &saturated, &s->rows, budget);

    if (rc < 0)
        return rc;
    rt_csr__destroy(&s->rows);
    s->rows = c;
    s->saturated = saturated;
    return RT_OK;
}

size_t rt_cycles__default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

int rt_cycles__count(rt_cycle_count *out, const rt_graph *g, const rt_cycle_options *opts,
                     const rt_count_options *co)
{
    size_t jobs;
    rt_cycle_keep_fn keep;
    const void *keep_ctx;
    progress pg;
    counter c;
    worker *w = NULL;
    pthread_t *threads = NULL;
    size_t started = 0, n, closed = 0;
    bool saturated = false;
    int rc = RT_ENOMEM;

    if (!out || !g || !opts || !co || opts->version != RT_CYCLE_OPTIONS_VERSION)
        return RT_EINVAL;
    jobs = co->jobs;
    keep = co->keep;
    keep_ctx = co->keep_ctx;
    memset(out, 0, sizeof(*out));
    memset(&c, 0, sizeof(c));
    n = rt_graph_vertex_count(g);
    if (jobs == 0)
        jobs = rt_cycles__default_jobs();
    if (jobs > n)
        jobs = n ? n : 1;
    c.n = n;
    c.max = opts->max_cycles;
    atomic_init(&c.next, 0);
    atomic_init(&c.tally, 0);
    atomic_init(&c.error, 0);
    atomic_init(&c.finished, 0);
    atomic_init(&c.seen, 0);
    c.cycles = rt__calloc(n + 1, sizeof(size_t));
    c.kept = rt__calloc(n + 1, sizeof(size_t));
    c.exceeded = rt__calloc(n + 1, 1);
    c.done = rt__calloc(n + 1, 1);
    w = rt__calloc(jobs, sizeof(*w));
    threads = rt__calloc(jobs, sizeof(*threads));
    if (!c.cycles || !c.kept || !c.exceeded || !c.done || !w || !threads)
        goto out;
    for (size_t i = 0; i < jobs; i++) {
        w[i].c = &c;
        if ((rc = search_init(&w[i].s, g, opts, i ? &w[0].s : NULL)) < 0) {
            jobs = i + 1; /* free what was made */
            goto out;
        }
        /* Counting every cycle of any length: no cycle need be seen, so
         * count on the contracted graph, whose cycles stand for many. */
        if (i == 0 && !co->enumerate && !keep && opts->max_len == 0 &&
            (rc = contract_rows(&w[0].s, &closed, co->contract_budget)) < 0) {
            jobs = 1;
            goto out;
        }
        if (w[i].s.rows.weight) {
            size_t m = rt_graph_arc_count(g);
            w[i].s.l_weight = rt__calloc(m + 1, sizeof(size_t));
            w[i].s.product = rt__calloc(n + 1, sizeof(size_t));
            if (!w[i].s.l_weight || !w[i].s.product) {
                rc = RT_ENOMEM;
                jobs = i + 1;
                goto out;
            }
        }
        w[i].s.counting = true;
        w[i].s.keep = keep;
        w[i].s.keep_ctx = keep_ctx;
        w[i].s.budget_on = c.max != 0;
        w[i].s.budget = c.max;
        w[i].s.shared = &c;
    }
    /* The cycles that closed while contracting come first. */
    if (c.max && closed > c.max) {
        out->cycles = out->kept = c.max;
        out->truncated = true;
    } else {
        out->cycles = out->kept = closed;
    }
    atomic_init(&c.tally, out->cycles + out->truncated);
    atomic_init(&c.seen, out->cycles);
    if (co->progress.fn) {
        progress_begin(&pg, "counting", n, &co->progress);
        w[0].s.pg = &pg;
    }
    /* Phase one: the calling thread is worker 0. */
    for (started = 1; started < jobs; started++)
        if (pthread_create(&threads[started], NULL, count_starts, &w[started]) != 0)
            break;
    count_starts(&w[0]);
    for (size_t i = 1; i < started; i++)
        pthread_join(threads[i], NULL);
    if ((rc = atomic_load(&c.error)) < 0)
        goto out;
    /* Phase two. */
    for (size_t start = 0; start < n && !out->truncated; start++) {
        size_t left = c.max - out->cycles;
        if (!c.done[start])
            break; /* after the cut: not taken */
        if (!c.max || (!c.exceeded[start] && c.cycles[start] <= left)) {
            out->cycles = rt_csr__add(out->cycles, c.cycles[start], &saturated);
            out->kept = rt_csr__add(out->kept, c.kept[start], &saturated);
            continue;
        }
        /* The cut is in this start: its first `left` cycles count. */
        out->truncated = true;
        if (left > 0) {
            search *s = &w[0].s;
            s->stop = 0;
            s->start_cycles = s->start_kept = 0;
            s->budget = left;
            run_start(s, start);
            if (s->stop < 0) {
                rc = s->stop;
                goto out;
            }
            out->cycles += s->start_cycles;
            out->kept += s->start_kept;
        }
        break;
    }
    /* A count too large for a size_t is past any limit: the limit, or
     * without one the largest size_t, marked as cut short. */
    for (size_t i = 0; i < jobs; i++) {
        saturated |= w[i].s.saturated;
        if (w[i].s.bounded)
            out->arcs_examined += rt_bounded__arcs_examined(w[i].s.bounded);
    }
    if (saturated) {
        out->cycles = out->kept = c.max ? c.max : SIZE_MAX;
        out->truncated = true;
    }
    out->contracted = w[0].s.rows.weight != NULL;
    if (w[0].s.pg) {
        /* The cut start's second search adds nothing to the tally; report the total. */
        atomic_store(&c.seen, out->cycles);
        w[0].s.unflushed = 0;
        progress_check(&w[0].s, true);
    }
    rc = RT_OK;
out:
    for (size_t i = jobs; w && i-- > 0;)
        search_free(&w[i].s);
    rt__free(w);
    rt__free(threads);
    rt__free(c.cycles);
    rt__free(c.kept);
    rt__free(c.exceeded);
    rt__free(c.done);
    return rc;
}
