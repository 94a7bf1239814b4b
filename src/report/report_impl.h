/* Shared by the report writers: names and facts of loops, hops and claims. */
#ifndef RT_REPORT_REPORT_IMPL_H
#define RT_REPORT_REPORT_IMPL_H

#include "roundtrip/report.h"
#include "util/buf.h"

/* The name of a vertex: its entity's name. */
const char *rt_report__vertex_name(const rt_graph *g, size_t v);

/*
 * The claims of a kept flow grouped by figure: those with the same amount
 * and the same status as of the graph's date, each group in file order,
 * the groups in order of their first claim. fn gets each group in turn,
 * numbered from 0. Returns 0 or RT_ENOMEM. O(claims log claims).
 */
typedef void (*rt_figure_fn)(const rt_claim *const *claims, size_t n, rt_status status,
                             size_t group, void *payload);
int rt_report__figures(const rt_graph *g, size_t relationship, rt_figure_fn fn, void *payload);

/* Appends text from the data as an output format needs it. */
typedef void (*rt_text_fn)(rt_buf *b, const char *s);

/* Append the sources of n claims, each once, in order of first use ("A,
 * B"), through `text`, or "no source"; false when out of memory.
 * O(n log n). */
bool rt_report__sources(rt_buf *b, const rt_claim *const *claims, size_t n, rt_text_fn text);

/* The same for the claims of a kept flow. */
bool rt_report__flow_sources(rt_buf *b, const rt_graph *g, size_t relationship, rt_text_fn text);

/* The span of the claims' dates: "2025-09-10", "2025-12 to 2026-01-29" or
 * "undated". */
void rt_report__date_span(char *buf, size_t len, const rt_claim *const *claims, size_t n);

/* "range", "low" or "high". */
const char *rt_report__scenario_name(rt_scenario s);

/* The statuses in force: the filter's, or every status that carries money. */
unsigned rt_report__statuses(const rt_graph_options *go);

/*
 * What a report was computed on, in two sentences ending in newlines: the
 * dataset, its counts and its latest claim; then every filter in force (as
 * of, statuses, scenario, minimum amount, consolidation, hop bound). Text
 * from the data goes through `text`.
 */
void rt_report__context(rt_buf *b, const rt_loops *loops, rt_text_fn text);

/* "direct" for a loop of two parties, else "indirect". */
const char *rt_report__kind(const rt_loop *l);

/* Append amount a as the graph's scenario takes it ("$300B", "$10B–50B",
 * or another unit as written, through `text`), or `unknown` when it has
 * none. */
void rt_report__amount(rt_buf *b, const rt_graph *g, const rt_amount *a, const char *unknown,
                       rt_text_fn text);

/* Append s for a text report: hidden characters (rt_text__hidden()) are
 * shown as "\u{1b}", so nothing from the data acts on a terminal. */
void rt_report__plain(rt_buf *b, const char *s);

/* Append s escaped for Markdown: ASCII punctuation that Markdown or HTML
 * would read is backslash-escaped (always literal in CommonMark), line
 * breaks and tabs become spaces, other hidden characters are shown as in
 * text reports. */
void rt_report__md(rt_buf *b, const char *s);

/* {"low": .., "high": ..} for a USD amount (the caller applies the
 * scenario), with "saturated": true when the sum did not fit (the high end
 * is then RT_USD_SATURATED, a lower bound); JSON null otherwise; NULL when
 * out of memory. */
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

/* The headline: "At most $61B–89B can go round these loops at once, each
 * dollar of each hop counted once (...)." The figure in bold for Markdown. */
void rt_report__packing(rt_buf *b, const rt_loops *loops, const rt_packing *pk, bool bold);

/* The writers, given the loops' packing on every claim (RT_STATUS_RUMORED). */
int rt_report__loops_text(rt_buf *b, const rt_loops *loops, const rt_packing *pk);
int rt_report__loops_json(rt_buf *b, const rt_loops *loops, const rt_packing *pk);
int rt_report__loops_summary(rt_buf *b, const rt_loops *loops, const rt_packing *pk);
int rt_report__loops_markdown(rt_buf *b, const rt_loops *loops, const rt_packing *pk,
                              const rt_report_options *opts);

#endif
