/* Building diagnostics lists (private side of roundtrip/error.h). */
#ifndef RT_UTIL_DIAG_H
#define RT_UTIL_DIAG_H

#include <stdarg.h>
#include <stdbool.h>

#include "roundtrip/error.h"

#if defined(__GNUC__)
#define RT_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define RT_PRINTF(a, b)
#endif

/*
 * Add a diagnostic; the message is formatted like printf(). `file` is
 * copied. Returns 0, or RT_ENOMEM (the list then remembers that it is
 * incomplete: see rt_diags__oom()).
 */
int rt_diags__add(rt_diags *d, rt_severity sev, const char *file, int line, int col,
                  const char *fmt, ...) RT_PRINTF(6, 7);
int rt_diags__addv(rt_diags *d, rt_severity sev, const char *file, int line, int col,
                   const char *fmt, va_list ap) RT_PRINTF(6, 0);

/* Whether adding a diagnostic ever failed for lack of memory. */
bool rt_diags__oom(const rt_diags *d);

/* Sort the diagnostics from index `from` on by line, then column, keeping
 * the order of those at the same place. */
void rt_diags__sort_from(rt_diags *d, size_t from);

#endif
