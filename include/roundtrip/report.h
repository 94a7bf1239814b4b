/*
 * roundtrip: reports of the loops, as text for a terminal or as JSON.
 * The library writes reports into strings; the caller decides where they go.
 */
#ifndef ROUNDTRIP_REPORT_H
#define ROUNDTRIP_REPORT_H

#include "loops.h"

RT_BEGIN_DECLS

typedef enum rt_format {
    RT_FORMAT_TEXT = 0, /* every loop with its hops, claims and figures */
    RT_FORMAT_JSON,
    RT_FORMAT_SUMMARY, /* one line per loop: rank, status, amount, ratio, members */
} rt_format;

/*
 * Write the report of `loops` (found on its graph and dataset) into a new
 * NUL-terminated string *out, which the caller frees with rt_report_free().
 * The same input always gives the same bytes. Returns 0, RT_EINVAL (loops
 * found with count_only have no report) or RT_ENOMEM.
 */
RT_EXPORT int rt_report_loops(char **out, const rt_loops *loops, rt_format format);

/* Free a report string. Accepts NULL. */
RT_EXPORT void rt_report_free(char *report);

RT_END_DECLS

#endif
