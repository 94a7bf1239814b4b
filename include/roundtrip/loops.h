/*
 * roundtrip: elementary cycles of the money graph, and the circular-
 * financing loops among them (equity in, spend back) with their figures.
 */
#ifndef ROUNDTRIP_LOOPS_H
#define ROUNDTRIP_LOOPS_H

#include "graph.h"

RT_BEGIN_DECLS

typedef struct rt_cycle_options {
    unsigned version;
    size_t max_len;    /* most hops in a cycle; 0 = unbounded */
    size_t max_cycles; /* stop after this many cycles; 0 = no limit */
} rt_cycle_options;

#define RT_CYCLE_OPTIONS_VERSION 1
#define RT_CYCLE_OPTIONS_INIT                                                                      \
    {                                                                                              \
        RT_CYCLE_OPTIONS_VERSION, 4, 100000                                                        \
    }

/*
 * Called for each elementary cycle: its vertices in order, the smallest
 * first (each cycle is reported once, in that rotation), and its arcs:
 * arcs[i] runs from vertices[i] to vertices[(i + 1) % len]. Return 0 to go
 * on, a positive value to stop the search, or a negative error code to
 * abort it (rt_cycles_find() returns it).
 */
typedef int (*rt_cycle_fn)(const size_t *vertices, const size_t *arcs, size_t len, void *payload);

typedef struct rt_cycle_stats {
    size_t found;   /* cycles reported */
    bool truncated; /* more cycles exist than max_cycles */
    /* The work of the search with a hop bound: arcs it examined (0 for
     * Johnson's search, without one). A test's measure of its complexity. */
    size_t arcs_examined;
} rt_cycle_stats;

/*
 * Enumerate the elementary cycles of the money graph, within each strongly
 * connected group, from each start vertex in ascending order, neighbours in
 * ascending order: the same graph always gives the same sequence. Unbounded,
 * this is Johnson's algorithm (1975), O((V + E)(C + 1)) time for C cycles;
 * with a hop bound k, a depth-first search that enters only vertices with a
 * way back short enough, O((C_s + 1) k (V + E)) time for the C_s cycles of
 * each start s (see src/analysis/bounded.c). Either way memory is
 * O(V + E), whatever the number of cycles. Returns 0 (the search ended, or the callback or
 * max_cycles stopped it: see *out), RT_EINVAL, RT_ENOMEM, or the callback's error.
 */
RT_EXPORT int rt_cycles_find(rt_cycle_stats *out, const rt_graph *g, const rt_cycle_options *opts,
                             rt_cycle_fn fn, void *payload);

/*
 * How far a search has got: start vertices whose cycles have all been
 * searched (of `total`, the graph's vertices; the search takes them in
 * ascending order), and elementary cycles found so far.
 */
typedef struct rt_progress {
    const char *phase; /* "counting" or "searching" */
    size_t done;
    size_t total;
    size_t cycles;
} rt_progress;

/*
 * Called on the thread that started the search: once as it begins (done
 * 0), about ten times a second while it runs (never more often), and once
 * at the end with done == total unless the search failed. It must not call
 * back into the search.
 */
typedef void (*rt_progress_fn)(const rt_progress *p, void *payload);

typedef struct rt_loop_options {
    unsigned version;
    rt_cycle_options cycles;
    bool all;                /* every elementary cycle, not only stake-and-spend loops */
    bool temporal;           /* only loops whose hops can be dated in order from a stake */
    bool count_only;         /* count the loops without keeping them */
    size_t jobs;             /* threads that count (count_only); 0 = one per core. The
                                counts are the same for any number. */
    rt_progress_fn progress; /* NULL: none */
    void *progress_payload;
    unsigned progress_ms; /* least time between progress calls (100 ms); 0: after each start */
    size_t max_kept;      /* most loops kept (see RT_LOOPS_KEEP_MAX); 0 = that many */
    /* How count_only counts every cycle of any length with no predicate
     * (all, not temporal): false on the contracted graph, in which one
     * cycle stands for many (fast); true by visiting every cycle, as a
     * cross-check. The counts are the same. */
    bool enumerate;
} rt_loop_options;

#define RT_LOOP_OPTIONS_VERSION 2
#define RT_LOOP_OPTIONS_INIT                                                                       \
    {                                                                                              \
        RT_LOOP_OPTIONS_VERSION, RT_CYCLE_OPTIONS_INIT, false, false, false, 0, NULL, NULL, 100,   \
            0, false                                                                               \
    }

/*
 * A loop's figures when only the claims of `status` or firmer count (the
 * same as --status of that status and every firmer one).
 *
 * `ratio` is about the stake hop ratio_hop of its loop. On a loop of two
 * parties (direct) it is the round trip: the spend paid back to the
 * investor over its stake, which may be far above 1. On a longer loop
 * (indirect) it is the share of the stake that can come back round the
 * whole loop: the circulating amount over the stake, at most 1, and absent
 * when a hop has no dollar figure; deals that share no money path are
 * never related.
 */
typedef struct rt_loop_figures {
    rt_status status;
    rt_amount circulating; /* the bottleneck: smallest hop amount (low and high);
                              RT_AMOUNT_UNKNOWN when a hop has no USD amount */
    bool has_ratio;
    double ratio;       /* from the midpoints of the amounts */
    double ratio_low;   /* least over most */
    double ratio_high;  /* most over least */
    rt_date first_date; /* span of the dated claims counted; year 0 if none */
    rt_date last_date;
} rt_loop_figures;

/*
 * A loop: an elementary cycle with at least one stake hop and another,
 * spend hop. Hop i runs from vertices[i] to vertices[(i + 1) % length]
 * along arcs[i]. It starts at the investor of its ratio (or its first
 * stake hop), so it reads "equity in, spend back". Its status is its least
 * certain hop's (a hop is as firm as its firmest claim), and `figures` are
 * those it has on claims of that status or firmer; `wider` those it has
 * with every claim on its hops, when they differ (has_wider). Figures
 * follow the graph's scenario.
 */
typedef struct rt_loop {
    const size_t *vertices;
    const size_t *arcs;
    size_t length;
    bool direct;       /* two parties: a stake one way, spend the other */
    rt_status weakest; /* the least certain hop's status: figures.status */
    size_t ratio_hop;  /* the stake hop the ratios are about (0: the loop starts there) */
    rt_loop_figures figures;
    bool has_wider;
    rt_loop_figures wider; /* wider.status: the least certain claim on its hops */
    const size_t *links;   /* non-monetary relationships between two of its members */
    size_t link_count;
} rt_loop;

typedef struct rt_loops rt_loops;

/*
 * Find the loops of the graph (which must outlive the result), ranked by
 * weakest status (firmest first), then circulating amount (largest first,
 * unknown last), then length, then vertices. Returns 0 and the loops in
 * *out (free with rt_loops_free()), RT_EINVAL or RT_ENOMEM.
 */
RT_EXPORT int rt_loops_find(rt_loops **out, const rt_graph *g, const rt_loop_options *opts);
RT_EXPORT void rt_loops_free(rt_loops *loops);

/*
 * The most loops rt_loops_find() keeps by default (max_kept): a search
 * that would keep more stops there (rt_loops_full() and
 * rt_loops_truncated() are then true), so that a cycle explosion without
 * max_cycles ends with a message, not with the process killed for its
 * memory. count_only counts without this limit.
 */
#define RT_LOOPS_KEEP_MAX ((size_t)1000000)

/* Loops found (with count_only, counted but not kept: rt_loops_get() gives NULL). */
RT_EXPORT size_t rt_loops_count(const rt_loops *loops);
RT_EXPORT const rt_loop *rt_loops_get(const rt_loops *loops, size_t i);
/* Elementary cycles examined, and whether max_cycles cut the search short. */
RT_EXPORT size_t rt_loops_cycles_total(const rt_loops *loops);
RT_EXPORT bool rt_loops_truncated(const rt_loops *loops);
/* Whether the search stopped at the most loops it keeps (max_kept). */
RT_EXPORT bool rt_loops_full(const rt_loops *loops);
RT_EXPORT const rt_loop_options *rt_loops_options(const rt_loops *loops);
/* The graph the loops were found in. */
RT_EXPORT const rt_graph *rt_loops_graph(const rt_loops *loops);

/*
 * The most money that can go round the loops at once, each dollar of each
 * hop used once: the linear program
 *
 *     maximise  sum of f_L over the counted loops L
 *     such that sum of f_L over the counted loops through hop h <= amount(h)
 *               for every hop h, and f_L >= 0,
 *
 * solved with GLPK's simplex, once on the low ends of the amounts and once
 * on the high ends. Counted are the loops of status `tier` or firmer whose
 * every hop has a dollar figure on the claims of status `tier` or firmer,
 * and amount(h) is the hop's amount on those claims. The sum of the loops'
 * circulating amounts would count a dollar once per loop through its hop.
 */
typedef struct rt_packing rt_packing;

/*
 * Pack the loops (which must outlive the result) on the claims of `tier`
 * or firmer. Returns 0 and *out (free with rt_packing_free()), RT_EINVAL,
 * RT_ENOMEM, or RT_ERROR when GLPK finds no optimum (it always should).
 * Time: that of the simplex on loops x hops, polynomial in practice.
 */
RT_EXPORT int rt_packing_compute(rt_packing **out, const rt_loops *loops, rt_status tier);
RT_EXPORT void rt_packing_free(rt_packing *p);

/* The most that goes round at once: USD low and high (whole dollars), or
 * RT_AMOUNT_UNKNOWN when no loop is counted. */
RT_EXPORT const rt_amount *rt_packing_total(const rt_packing *p);
/* Loops counted. */
RT_EXPORT size_t rt_packing_counted(const rt_packing *p);
/* Loop i's flow in the optimal packing found (one of possibly several), or
 * an unknown amount when it is not counted. */
RT_EXPORT const rt_amount *rt_packing_share(const rt_packing *p, size_t loop);

RT_END_DECLS

#endif
