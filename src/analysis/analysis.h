/* Internals of the analysis passes that tests reach. */
#ifndef RT_ANALYSIS_ANALYSIS_H
#define RT_ANALYSIS_ANALYSIS_H

#include <stddef.h>

#include "roundtrip/common.h"

/* Lower the most loops rt_loops_find() keeps (RT_LOOPS_KEEP_MAX), so a
 * test can reach the limit without a million loops; 0 restores it. */
RT_EXPORT void rt__loops_set_keep_max(size_t n);

#endif
