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

/* Append s escaped for Markdown: ASCII punctuation that Markdown or HTML
 * would read is backslash-escaped (always literal in CommonMark), line
 * breaks become spaces. */
void rt_report__md(rt_buf *b, const char *s);

/* {"low": .., "high": ..} for a USD amount (the caller applies the
 * scenario), JSON null otherwise; NULL when out of memory. */
struct json_t *rt_report__json_usd(const rt_amount *a);

/* Dump JSON into b through a callback, then a newline; false when out of
 * memory. (jansson's own json_dumps() can drop an object key when an
 * allocation fails and still succeed: akheron/jansson#655.) */
bool rt_report__json_dump(rt_buf *b, struct json_t *root, size_t flags);

/* Dump a JSON value into b with every line after the first indented by
 * `indent` more spaces (at most 16), and no newline at the end: a value
 * written on its own as it would be inside an enclosing document. */
bool rt_report__json_dump_at(rt_buf *b, struct json_t *value, size_t flags, size_t indent);

/* End a report: on success hand the text to *out; else free it. Returns
 * rc, or RT_ENOMEM when the buffer ran out. */
int rt_report__finish(rt_buf *b, int rc, char **out);

int rt_report__loops_text(rt_buf *b, const rt_loops *loops);
int rt_report__loops_json(rt_buf *b, const rt_loops *loops);
int rt_report__loops_summary(rt_buf *b, const rt_loops *loops);
int rt_report__loops_markdown(rt_buf *b, const rt_loops *loops, const char *image);

#endif
