/*
 * roundtrip: map the money between investors, AI labs, cloud providers and
 * chip vendors, and find where it goes round in circles.
 *
 * Umbrella header: includes the whole public API.
 *
 * Threads. The library keeps no state between calls but its handles, so
 * any function may be called from several threads at once on different
 * handles, and the read-only ones (every function taking a const handle:
 * accessors, rt_loops_find() on one graph, reports, rt_render()) on the
 * same handle too. Freeing a handle, or building on one being freed,
 * needs the caller's own ordering. rt_loops_find() may start threads of its
 * own (rt_loop_options.jobs). igraph and Graphviz are not thread-safe:
 * the library calls each under a lock of its own, so two analyses or two
 * renders at once take turns inside them (tests/test_threads.c).
 */
#ifndef ROUNDTRIP_H
#define ROUNDTRIP_H

#include "common.h"
#include "error.h"
#include "model.h"
#include "dataset.h"
#include "graph.h"
#include "loops.h"
#include "exposure.h"
#include "diff.h"
#include "report.h"
#include "render.h"
#include "export.h"
#include "import.h"

RT_BEGIN_DECLS

/* The library's version, "MAJOR.MINOR.PATCH". */
RT_EXPORT const char *rt_version(void);

RT_END_DECLS

#endif
