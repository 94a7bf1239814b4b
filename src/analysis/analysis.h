/* Internals of the analysis passes that tests reach. */
#ifndef RT_ANALYSIS_ANALYSIS_H
#define RT_ANALYSIS_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "roundtrip/loops.h"

/* Where a search reports how far it has got: to fn (NULL: never) with
 * payload, as rt_loop_options describes, at most every interval_ms (0:
 * after every start). */
typedef struct rt_search_progress {
    rt_progress_fn fn;
    void *payload;
    unsigned interval_ms;
} rt_search_progress;

/* rt_cycles_find(), reporting progress to `progress` (NULL: none); the
 * bounded search's probes look at most at probe_cap arcs a push (SIZE_MAX:
 * their own cap; see rt_bounded__set_probes()). */
int rt_cycles__find(rt_cycle_stats *out, const rt_graph *g, const rt_cycle_options *opts,
                    rt_cycle_fn fn, void *payload, const rt_search_progress *progress,
                    size_t probe_cap);

/* Whether to count a cycle (vertices and arcs as rt_cycle_fn gets them).
 * Called from several threads at once: it must only read. */
typedef bool (*rt_cycle_keep_fn)(const size_t *vertices, const size_t *arcs, size_t len,
                                 const void *ctx);

typedef struct rt_cycle_count {
    size_t cycles;        /* elementary cycles counted, at most max_cycles */
    size_t kept;          /* of which keep() kept (all, without keep) */
    bool truncated;       /* more cycles exist than max_cycles */
    bool contracted;      /* counted on the contracted graph (rt_csr__contract()) */
    size_t arcs_examined; /* as in rt_cycle_stats, summed over the threads */
} rt_cycle_count;

/*
 * Count the elementary cycles of g as rt_cycles_find() would report them,
 * and those keep() keeps (keep may be NULL), on `jobs` threads (0: one per
 * core). The search splits by start vertex; the counts are the same for
 * any number of threads, and equal those of rt_cycles_find(): with
 * max_cycles, those of its first max_cycles cycles. Without keep and
 * max_len, it counts on the contracted graph (rt_csr__contract()), and a
 * count too large for a size_t is SIZE_MAX, truncated. Progress goes to
 * `progress` (NULL: none) from the calling thread. Returns 0, RT_EINVAL
 * or RT_ENOMEM.
 */
typedef struct rt_count_options {
    size_t jobs;           /* threads; 0: one per core */
    rt_cycle_keep_fn keep; /* NULL: every cycle is kept */
    const void *keep_ctx;
    rt_search_progress progress;
    bool enumerate;         /* visit every cycle, never on the contracted graph */
    size_t contract_budget; /* the most arcs a contraction moves; 0: its own
                               limit (a test's way to stop it anywhere) */
} rt_count_options;

#define RT_COUNT_OPTIONS_INIT                                                                      \
    {                                                                                              \
        1, NULL, NULL, {NULL, NULL, 100}, false, 0                                                 \
    }

int rt_cycles__count(rt_cycle_count *out, const rt_graph *g, const rt_cycle_options *opts,
                     const rt_count_options *co);

/*
 * A graph as compressed sparse rows (32-bit): out-arcs of v are
 * out_first[v] .. out_first[v + 1] - 1, arc k runs from[k] -> to[k];
 * in-arcs of v are in_arc[in_first[v] .. in_first[v + 1] - 1]. group[v] is
 * v's strongly connected group, UINT32_MAX when v is on no cycle. weight[k]
 * is the number of paths arc k stands for (NULL: every arc one).
 */
typedef struct rt_csr {
    size_t n, m;
    uint32_t *out_first, *to, *from, *in_first, *in_arc, *group;
    size_t *weight;
} rt_csr;

/* Zero c and allocate its rows for n vertices and m arcs (weight[] too if
 * `weighted`): 0, to be released with rt_csr__destroy(); or RT_EINVAL
 * past 32 bits, or RT_ENOMEM, with c left zeroed (destroying it is then a
 * no-op, as on NULL). */
int rt_csr__init(rt_csr *c, size_t n, size_t m, bool weighted);

/* Fill in_first[] (zero on entry) and in_arc[] from to[]: in-arcs of each
 * vertex in arc order. */
void rt_csr__index_heads(rt_csr *c);
void rt_csr__destroy(rt_csr *c);

/*
 * Contract g for counting (see contract.c): out gets a graph on the same
 * vertex numbers whose elementary cycles, each counted as the product of
 * its arcs' weights, plus *closed, number g's elementary cycles. When a
 * count did not fit a size_t, *saturated is set and the counts are the
 * largest size_t. Time O(V + E), memory at the peak about 64 bytes per arc
 * (the work lists, then the new rows beside the old). It moves at most
 * `budget` arcs (0: a few times the arc count), so a test can stop it
 * anywhere. Returns 0 or RT_ENOMEM (out then holds nothing); free out with
 * rt_csr__destroy().
 */
int rt_csr__contract(rt_csr *out, size_t *closed, bool *saturated, const rt_csr *g, size_t budget);

/* a * b and a + b, or SIZE_MAX with *saturated set when they do not fit
 * (rt_csr__mul() takes a NULL `saturated` for a product that need not say). */
size_t rt_csr__mul(size_t a, size_t b, bool *saturated);
size_t rt_csr__add(size_t a, size_t b, bool *saturated);

/*
 * The bounded search (bounded.c): the elementary cycles of at most k hops
 * whose smallest vertex is `start`, in the order of Johnson's search. A
 * search's state, for a graph of n vertices and m arcs, is made once with
 * rt_bounded__new() (0 or RT_ENOMEM; free with rt_bounded__free(), which
 * accepts NULL) and serves every start. rt_bounded__search() calls emit
 * for each cycle (vertices from start, arcs[i] from vertices[i] to the
 * next) and stops when it returns nonzero, returning that value; else it
 * returns 0. It allocates nothing. Time O((c + 1) k (n + e)) for c cycles
 * through start, memory O(n + m).
 */
typedef struct rt_bounded rt_bounded;

int rt_bounded__new(rt_bounded **out, size_t n, size_t m);
void rt_bounded__free(rt_bounded *b);
int rt_bounded__search(rt_bounded *b, const rt_csr *rows, size_t start, size_t k, rt_cycle_fn emit,
                       void *payload);
/* Arcs examined by every search so far: the work rt_cycle_stats reports. */
size_t rt_bounded__arcs_examined(const rt_bounded *b);

/* Cap the arcs the probes of one push may look at, below the reach's (a
 * test's way to send successors to the BFS: 0 probes none); SIZE_MAX: the
 * default. */
void rt_bounded__set_probes(rt_bounded *b, size_t arcs);

/*
 * Johnson's search (johnson.c): the elementary cycles whose smallest vertex
 * is `start`, in the order the reports depend on. A search's state, for a
 * graph of n vertices and m arcs, is made once, as one block, with
 * rt_johnson__new() (0 or RT_ENOMEM; free with rt_johnson__free(), which
 * accepts NULL) and serves every start; `weighted` is needed for rows with
 * weight[] (a contracted graph). rt_johnson__search() calls emit for each
 * cycle (vertices from start, arcs[i] from vertices[i] to the next; with
 * weights, `cycles` is the product of its arcs' weights, else 1) and stops
 * when it returns nonzero, returning that value; else it returns 0. It
 * allocates nothing. Time O((n + e)(c + 1)) for c cycles through start,
 * memory O(n + m).
 */
typedef struct rt_johnson rt_johnson;
typedef int (*rt_johnson_emit_fn)(const size_t *vertices, const size_t *arcs, size_t len,
                                  size_t cycles, void *payload);

int rt_johnson__new(rt_johnson **out, size_t n, size_t m, bool weighted);
void rt_johnson__free(rt_johnson *j);
int rt_johnson__search(rt_johnson *j, const rt_csr *rows, size_t start, rt_johnson_emit_fn emit,
                       void *payload);
/* Whether emit needs the cycle's vertices and arcs (the default); without,
 * only arcs[len - 1] and vertices[0] are written, which is faster. */
void rt_johnson__set_paths(rt_johnson *j, bool paths);
/* Whether a weighted count did not fit a size_t (emit got SIZE_MAX). */
bool rt_johnson__saturated(const rt_johnson *j);

/* The number of cores online (at least 1): the default number of jobs. */
size_t rt_cycles__default_jobs(void);

#endif
