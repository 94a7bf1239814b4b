/* Shared by the report writers: names and facts of loops, hops and claims. */
#ifndef RT_REPORT_REPORT_IMPL_H
#define RT_REPORT_REPORT_IMPL_H

#include "roundtrip/report.h"
#include "util/buf.h"

/* The name of a vertex: its entity's name. */
const char *rt_report__vertex_name(const rt_graph *g, size_t v);

/* Sources of a flow's claims, each once, in claim order ("A, B"). */
void rt_report__sources(rt_buf *b, const rt_graph *g, size_t relationship);

/* The earliest dated claim of a flow (year 0 when none is dated). */
rt_date rt_report__first_date(const rt_graph *g, size_t relationship);

int rt_report__loops_text(rt_buf *b, const rt_loops *loops);
int rt_report__loops_json(rt_buf *b, const rt_loops *loops);
int rt_report__loops_summary(rt_buf *b, const rt_loops *loops);
int rt_report__loops_markdown(rt_buf *b, const rt_loops *loops, const char *image);

#endif
