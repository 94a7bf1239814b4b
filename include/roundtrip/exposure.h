/*
 * roundtrip: entity exposure. For each ultimate parent in the money graph:
 * the stakes it holds and the stakes held in it, the spend it pays and
 * receives, how much of its stakes come back to it as spend, the competing
 * labs it holds stakes in, and how central it is.
 */
#ifndef ROUNDTRIP_EXPOSURE_H
#define ROUNDTRIP_EXPOSURE_H

#include "graph.h"

RT_BEGIN_DECLS

/*
 * Amounts are sums of USD figures under the graph's scenario, with how many
 * relationships stand behind them (some may have no dollar figure);
 * RT_AMOUNT_UNKNOWN when none has one.
 */
typedef struct rt_exposure {
    size_t vertex;
    rt_amount stakes_out; /* equity it put into others */
    size_t stakes_out_count;
    rt_amount stakes_in; /* equity others put into it */
    size_t stakes_in_count;
    rt_amount spend_paid; /* compute, chips, data centers, services it bought */
    size_t spend_paid_count;
    rt_amount spend_received; /* what others bought from it */
    size_t spend_received_count;
    rt_amount recapture; /* spend received from the companies it holds stakes in */
    bool has_recapture_ratio;
    double recapture_ratio;   /* recapture over stakes out, at the midpoints */
    rt_amount returns;        /* the most of its stakes that can come back to it as spend,
                                 each dollar once: a maximum flow from its stakes out,
                                 through the money graph, to the spend it receives
                                 (low and high ends); unknown without a stake and a
                                 spend received in dollars */
    const size_t *rival_labs; /* vertices: labs it holds stakes in, when two or more */
    size_t rival_lab_count;
    double pagerank;    /* on the graph weighted by amount */
    double betweenness; /* on the graph with distances the inverse of amount */
} rt_exposure;

typedef enum rt_exposure_sort {
    RT_SORT_PAGERANK = 0, /* most central first (the default) */
    RT_SORT_BETWEENNESS,
    RT_SORT_STAKES,    /* most stakes out first */
    RT_SORT_SPEND,     /* most spend received first */
    RT_SORT_RECAPTURE, /* most recaptured first */
    RT_SORT_NAME,
} rt_exposure_sort;

typedef struct rt_exposures rt_exposures;

/*
 * Compute the exposure of every vertex with money in or out, sorted (ties by
 * name). Arcs without a dollar figure weigh as the smallest known one in
 * PageRank and betweenness. Returns 0 and *out (free with
 * rt_exposures_free()), RT_EINVAL, RT_ENOMEM, or RT_ERROR when igraph fails
 * (the reason in diags, which may be NULL). Time complexity: O(V E log V)
 * for betweenness; `returns` is two maximum flows (igraph's push-relabel,
 * O(V^3)) per investor that receives spend.
 */
RT_EXPORT int rt_exposures_compute(rt_exposures **out, const rt_graph *g, rt_exposure_sort sort,
                                   rt_diags *diags);
RT_EXPORT void rt_exposures_free(rt_exposures *x);
RT_EXPORT size_t rt_exposures_count(const rt_exposures *x);
RT_EXPORT const rt_exposure *rt_exposures_get(const rt_exposures *x, size_t i);
RT_EXPORT const rt_graph *rt_exposures_graph(const rt_exposures *x);

/* The sort named `name` ("pagerank", "betweenness", "stakes", "spend",
 * "recapture", "name"): 0 and *out, or RT_EINVAL. */
RT_EXPORT int rt_exposure_sort_parse(rt_exposure_sort *out, const char *name);

RT_END_DECLS

#endif
