/*
 * roundtrip: exports for the tools of the field. The money graph of a
 * search (its dataset seen through its filters, and its loops) written as
 * GraphML, GEXF 1.3 with time, node-link JSON, or the loops and their hops
 * as CSV. Like the reports, the library writes into memory; the caller
 * decides where it goes.
 */
#ifndef ROUNDTRIP_EXPORT_H
#define ROUNDTRIP_EXPORT_H

#include "loops.h"

RT_BEGIN_DECLS

typedef enum rt_export_format {
    RT_EXPORT_GRAPHML = 0, /* GraphML, a typed key for every attribute (yEd, Cytoscape) */
    RT_EXPORT_GEXF,        /* GEXF 1.3, each edge with the spells its claims held (Gephi) */
    RT_EXPORT_JSON_GRAPH,  /* node-link JSON as NetworkX's node_link_graph() reads it (D3) */
    RT_EXPORT_CSV_LOOPS,   /* one row per loop with its figures (spreadsheets, Flourish) */
    RT_EXPORT_CSV_HOPS,    /* one row per hop of a loop and claim on it, with sources */
    RT_EXPORT_FTM,         /* FollowTheMoney entities, a claim each (Aleph, the ftm tools) */
    RT_EXPORT_FORMAT_COUNT
} rt_export_format;

typedef struct rt_export_options {
    unsigned version;
    rt_export_format format;
} rt_export_options;

#define RT_EXPORT_OPTIONS_VERSION 1
#define RT_EXPORT_OPTIONS_INIT                                                                     \
    {                                                                                              \
        RT_EXPORT_OPTIONS_VERSION, RT_EXPORT_GRAPHML                                               \
    }

/*
 * Write the export of `loops` into a new NUL-terminated buffer *out, its
 * size in *len; free it with rt_export_free(). The graph formats hold
 * every entity of the dataset (node "eI" for entity I, in file order) and
 * every relationship with a claim the filters keep (edge "rI"), with
 * their attributes and the ranks of the loops through them; the CSV
 * formats the loops, with the figures rt_report_loops() gives them. The
 * same input always gives the same bytes. Returns 0; RT_EINVAL for bad
 * options or loops found with count_only; RT_ENOMEM; or RT_ERROR when
 * libxml2 fails (its reason in diags, which may be NULL). Time: linear in
 * the size of the output.
 */
RT_EXPORT int rt_export(char **out, size_t *len, const rt_loops *loops,
                        const rt_export_options *opts, rt_diags *diags);

/* Free an export. Accepts NULL. */
RT_EXPORT void rt_export_free(char *data);

/* The format named "graphml", "gexf", "json-graph", "csv-loops",
 * "csv-hops" or "ftm": 0 and *out, or RT_EINVAL. */
RT_EXPORT int rt_export_format_parse(rt_export_format *out, const char *name);

/* The name of a format, as rt_export_format_parse() reads it; NULL for
 * one that is not. */
RT_EXPORT const char *rt_export_format_name(rt_export_format format);

RT_END_DECLS

#endif
