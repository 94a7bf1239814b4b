/* Private helpers of the money graph, shared by the analysis passes. */
#ifndef RT_GRAPH_GRAPH_IMPL_H
#define RT_GRAPH_GRAPH_IMPL_H

#include "roundtrip/graph.h"

/*
 * The sum of the USD amounts of an arc's flows of one class (every class
 * when cls < 0), as the graph's scenario sees them, in *out. Returns false
 * (and *out unknown) when none of them has a USD amount.
 */
bool rt_graph__class_amount(const rt_graph *g, const rt_arc *a, int cls, rt_amount *out);

#endif
