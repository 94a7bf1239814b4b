/* igraph glue: our error and warning handlers, so igraph never aborts or prints. */
#ifndef RT_GRAPH_IGRAPH_H
#define RT_GRAPH_IGRAPH_H

/* Take the igraph lock and install roundtrip's igraph handlers before
 * calling igraph; put the previous ones back and release the lock after.
 * Every install has its restore on every path, and nothing between them
 * takes the lock again. */
void rt_igraph__install(void);
void rt_igraph__restore(void);

/* The reason igraph gave for its last error ("" when none); read it before
 * rt_igraph__restore(). */
const char *rt_igraph__reason(void);

#endif
