/* igraph glue: our error and warning handlers, so igraph never aborts or prints. */
#ifndef RT_GRAPH_IGRAPH_H
#define RT_GRAPH_IGRAPH_H

/* Install roundtrip's igraph handlers before calling igraph, and put the
 * previous ones back after (not thread-safe: igraph's handlers are global). */
void rt_igraph__install(void);
void rt_igraph__restore(void);

/* The reason igraph gave for its last error ("" when none). */
const char *rt_igraph__reason(void);

#endif
