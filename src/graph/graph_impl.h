/* Private helpers of the money graph, shared by the analysis passes. */
#ifndef RT_GRAPH_GRAPH_IMPL_H
#define RT_GRAPH_GRAPH_IMPL_H

#include "roundtrip/graph.h"

/*
 * The USD span of relationship r's kept claims whose status, as of the
 * graph's date, is `tier` or firmer, as the graph's scenario sees it, in
 * *out. Returns false (and *out unknown) when none of them is in USD.
 * Time complexity: O(1) for every status that carries money, else
 * O(claims of r).
 */
bool rt_graph__flow_amount(const rt_graph *g, size_t r, rt_status tier, rt_amount *out);

/*
 * The sum over an arc's flows of one class (every class when cls < 0) of
 * rt_graph__flow_amount(), in *out. Returns false (and *out unknown) when
 * none of them has a USD amount.
 */
bool rt_graph__class_amount(const rt_graph *g, const rt_arc *a, int cls, rt_status tier,
                            rt_amount *out);

/* A whole number of dollars from a solver's double (a linear program's or a
 * maximum flow's), rounded, never below 0 nor above INT64_MAX. */
int64_t rt_graph__dollars(double x);

#endif
