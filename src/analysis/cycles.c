/*
 * Elementary cycles of the money graph: the driver of the searches.
 *
 * For each start vertex s in ascending order, a search finds the cycles
 * whose smallest vertex is s, so every cycle is found exactly once. Without
 * a hop bound it is Johnson's (johnson.c, Johnson 1975), O((V + E)(C + 1))
 * for C cycles. With one (max_len) it is that of bounded.c, O((C + 1) k
 * (V + E)) per start for C cycles of at most k hops (Johnson's blocking is
 * wrong under a bound, and Gupta and Suzumura's locks were exponential
 * here: see there). It emits the same cycles as Johnson's search, those
 * short enough, in the same order. Both searches are iterative, so a long
 * cycle cannot overflow the C stack.
 *
 * Counting every cycle of any length with no predicate (loops --all
 * --count) runs Johnson's search on the contracted graph of contract.c,
 * where an arc stands for several paths and a cycle for the product of its
 * arcs' weights: the same count from far fewer cycles (a graph of 8.8
 * million cycles leaves 5.2 million, one of 914,754 leaves 323,044).
 *
 * Speed: the searches run on a compact copy of the graph (32-bit compressed
 * sparse rows, out and in: csr.c), not through the graph's accessors,
 * shared by the counting workers. This file keeps what the searches share:
 * those rows, the loop over starts, what a found cycle does (the limit,
 * the count, keep()), progress, and the counting workers.
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
    bool saturated; /* a count did not fit */

    rt_johnson *johnson; /* without max_len: the search of johnson.c */
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

/* Johnson's cycles, each standing for `cycles`: stop the search as
 * emit_cycle() says. */
static int emit_johnson(const size_t *path, const size_t *arcs, size_t len, size_t cycles,
                        void *payload)
{
    search *s = payload;

    emit_cycle(s, path, arcs, len, cycles);
    return s->stop;
}

/* The bounded search's cycles: stop it as emit_cycle() says. */
static int emit_bounded(const size_t *path, const size_t *arcs, size_t len, void *payload)
{
    search *s = payload;

    emit_cycle(s, path, arcs, len, 1);
    return s->stop;
}

static void search_free(search *s)
{
    rt_johnson__free(s->johnson);
    rt_bounded__free(s->bounded);
    if (s->owns_csr)
        rt_csr__destroy(&s->rows);
}

/* A search of g; the graph's rows are built, or shared with `share` (a
 * search of the same graph that outlives this one). search_free() frees
 * what it made, even on error. */
static int search_init(search *s, const rt_graph *g, const rt_cycle_options *opts,
                       const search *share)
{
    memset(s, 0, sizeof(*s));
    s->g = g;
    s->opts = opts;
    s->n = rt_graph_vertex_count(g);
    if (share) {
        s->rows = share->rows;
        return RT_OK;
    }
    s->owns_csr = true;
    return build_csr(s);
}

/* The search's own state, for its rows as they are now (contracted or not). */
static int search_start_engine(search *s)
{
    size_t m = rt_graph_arc_count(s->g);

    if (s->opts->max_len == 0)
        return rt_johnson__new(&s->johnson, s->n, m, s->rows.weight != NULL);
    return rt_bounded__new(&s->bounded, s->n, m);
}

/* The cycles whose smallest vertex is start. */
static void run_start(search *s, size_t start)
{
    if (s->rows.group[start] == UINT32_MAX)
        return; /* in no cycle */
    if (s->johnson)
        rt_johnson__search(s->johnson, &s->rows, start, emit_johnson, s);
    else
        rt_bounded__search(s->bounded, &s->rows, start, s->opts->max_len, emit_bounded, s);
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
    if (rc == 0)
        rc = search_start_engine(&s);
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
        if ((rc = search_start_engine(&w[i].s)) < 0) {
            jobs = i + 1;
            goto out;
        }
        /* With nothing to keep, no cycle's numbers are looked at. */
        if (w[i].s.johnson && !keep)
            rt_johnson__set_paths(w[i].s.johnson, false);
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
        if (w[i].s.johnson)
            saturated |= rt_johnson__saturated(w[i].s.johnson);
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
