/* Internals of the analysis passes that tests reach. */
#ifndef RT_ANALYSIS_ANALYSIS_H
#define RT_ANALYSIS_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "roundtrip/loops.h"

/* Lower the most loops rt_loops_find() keeps (RT_LOOPS_KEEP_MAX), so a
 * test can reach the limit without a million loops; 0 restores it. */
RT_EXPORT void rt__loops_set_keep_max(size_t n);

/* Set the least time between two progress calls (100 ms), so a test can
 * see every call; 0 calls back after every start. */
RT_EXPORT void rt__progress_set_interval_ms(unsigned ms);

/* rt_cycles_find(), calling `progress` as rt_loop_options describes (NULL:
 * never). */
int rt_cycles__find(rt_cycle_stats *out, const rt_graph *g, const rt_cycle_options *opts,
                    rt_cycle_fn fn, void *payload, rt_progress_fn progress,
                    void *progress_payload);

/* Whether to count a cycle (vertices and arcs as rt_cycle_fn gets them).
 * Called from several threads at once: it must only read. */
typedef bool (*rt_cycle_keep_fn)(const size_t *vertices, const size_t *arcs, size_t len,
                                 const void *ctx);

typedef struct rt_cycle_count {
    size_t cycles;  /* elementary cycles counted, at most max_cycles */
    size_t kept;    /* of which keep() kept (all, without keep) */
    bool truncated; /* more cycles exist than max_cycles */
} rt_cycle_count;

/*
 * Count the elementary cycles of g as rt_cycles_find() would report them,
 * and those keep() keeps (keep may be NULL), on `jobs` threads (0: one per
 * core). The search splits by start vertex; the counts are the same for
 * any number of threads, and equal those of rt_cycles_find(): with
 * max_cycles, those of its first max_cycles cycles. Progress goes to
 * `progress` (NULL: none) from the calling thread. Returns 0, RT_EINVAL
 * or RT_ENOMEM.
 */
int rt_cycles__count(rt_cycle_count *out, const rt_graph *g, const rt_cycle_options *opts,
                     size_t jobs, rt_cycle_keep_fn keep, const void *ctx,
                     rt_progress_fn progress, void *progress_payload);

/* The number of cores online (at least 1): the default number of jobs. */
size_t rt_cycles__default_jobs(void);

#endif
