/*
 * Shared by the export writers: the graph as it is exported (every entity
 * a node, every relationship the filters keep an edge), the loops through
 * each node and edge, and the figures every format writes the same way.
 */
#ifndef RT_EXPORT_EXPORT_IMPL_H
#define RT_EXPORT_EXPORT_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "roundtrip/export.h"
#include "util/buf.h"

/*
 * What the writers read: the loops, their graph and dataset, and for each
 * entity and each relationship the ranks (from 1) of the loops through
 * it, ascending. A loop goes through the relationships of its hops, their
 * two entities, and the entity of each of its members (Amazon, for a loop
 * through the relationship OpenAI -> AWS); not through its links.
 */
typedef struct rt_export_view {
    const rt_loops *loops;
    const rt_graph *g;
    const rt_dataset *ds;
    size_t *entity_first; /* entity e: entity_ranks[entity_first[e] .. entity_first[e + 1]) */
    size_t *entity_ranks;
    size_t *rel_first; /* the same for relationship r */
    size_t *rel_ranks;
} rt_export_view;

/* Fill v for `loops`. Returns 0 or RT_ENOMEM (v is then empty). Time:
 * O(entities + relationships + the hops' relationships of every loop). */
int rt_export__view_init(rt_export_view *v, const rt_loops *loops);
void rt_export__view_destroy(rt_export_view *v);

/* The ranks of the loops through entity e, or relationship r; *n of them. */
const size_t *rt_export__entity_loops(const rt_export_view *v, size_t e, size_t *n);
const size_t *rt_export__rel_loops(const rt_export_view *v, size_t r, size_t *n);

/* Whether claim c is in the dataset's history as the filters see it: with
 * --as-of, made by then (*status the one it had then, *ended whether its
 * until had come by then); with --status, of a status listed (else *status
 * as written, *ended whether it has an until). The FtM stream holds these,
 * and the graph formats' claim_rows. */
bool rt_export__claim_in_history(const rt_export_view *v, const rt_claim *c, rt_status *status,
                                 bool *ended);

/* Whether relationship r has a claim in that history (GraphML writes these
 * edges too, `holds` false for those that are not edges: the whole dataset
 * comes back from it through roundtrip import). */
bool rt_export__in_history(const rt_export_view *v, size_t r);

/* Whether relationship r is an edge: a claim on it passed the filters. */
bool rt_export__is_edge(const rt_export_view *v, size_t r);

/* The figures of edge r, as every format writes them. */
typedef struct rt_export_edge {
    rt_amount amount;   /* the flow's amount as the graph's scenario takes it */
    rt_date first_date; /* the span of its kept claims' dates; year 0 if none is dated */
    rt_date last_date;  /* (a claim dated "2025-06" counts as written) */
    rt_date until;      /* the first day on which none of them holds; year 0 while one does */
    size_t claim_count; /* kept claims */
    bool has_sources;   /* some kept claim names a source */
} rt_export_edge;

void rt_export__edge(rt_export_edge *out, const rt_export_view *v, size_t r);

/*
 * The attributes of the graph, its nodes and its edges, the same in every
 * graph format: each a name, a type and, per record, a value or none (a
 * value not known is left out, as GraphML and GEXF leave it out).
 */
typedef enum rt_export_type {
    RT_EXPORT_STRING,
    RT_EXPORT_INT,  /* a count: GraphML int, GEXF integer */
    RT_EXPORT_LONG, /* dollars: GraphML and GEXF long */
    RT_EXPORT_BOOL,
    RT_EXPORT_LIST, /* ";"-separated text in XML ("investor;chip"), a JSON array */
} rt_export_type;

typedef struct rt_export_field {
    const char *name;
    rt_export_type type;
    bool numbers; /* a list of numbers (loop ranks) */
} rt_export_field;

typedef enum rt_export_domain {
    RT_EXPORT_GRAPH = 0,
    RT_EXPORT_NODE,
    RT_EXPORT_EDGE,
} rt_export_domain;

/* The fields of a domain, in the order every format writes them. */
const rt_export_field *rt_export__fields(rt_export_domain d, size_t *count);

#define RT_EXPORT_FIELDS_MAX 16

typedef struct rt_export_value {
    bool present;
    const char *text; /* STRING and LIST: the text, valid until the record is filled again */
    int64_t number;   /* INT, LONG, BOOL */
} rt_export_value;

/* The values of one graph, node or edge; the record owns their text. */
typedef struct rt_export_record {
    rt_export_domain domain;
    const rt_export_field *fields;
    size_t count;
    rt_export_value values[RT_EXPORT_FIELDS_MAX];
    rt_buf text[RT_EXPORT_FIELDS_MAX];
} rt_export_record;

/* An empty record of domain d, to fill again and again; destroy frees its text. */
void rt_export__record_init(rt_export_record *rec, rt_export_domain d);
void rt_export__record_destroy(rt_export_record *rec);

/*
 * Fill rec with the values of the graph (what it was computed on), of
 * entity e (its node "eE") or of relationship r (its edge "rR", which
 * must be one: rt_export__is_edge()). False when out of memory.
 *   graph: description (the two sentences that open every report),
 *     dataset, as_of, statuses, scenario, consolidate, max_len, loops
 *     (how many), roundtrip (the version);
 *   node: label (the name), kinds, kind (the first), parent, country,
 *     counts_as (the entity the graph counts it as: its ultimate parent
 *     when consolidated), loops (ranks), loop_count;
 *   edge: kind, class, status, amount (as the reports write it),
 *     amount_low_usd, amount_high_usd, claims (kept), first_date,
 *     last_date, until (rt_export_edge), sources, loops, loop_count.
 */
bool rt_export__graph_record(rt_export_record *rec, const rt_export_view *v);
bool rt_export__node_record(rt_export_record *rec, const rt_export_view *v, size_t e);
bool rt_export__edge_record(rt_export_record *rec, const rt_export_view *v, size_t r);

/* A ratio as loops_json.c writes it: rounded to 4 decimals. */
double rt_export__ratio(double x);

/* A date as ISO text at its own precision, into buf (16 bytes); "" for
 * year 0. Returns buf. */
const char *rt_export__date(char *buf, const rt_date *d);

/* The writers. Each appends to b and returns 0, RT_ENOMEM or, for the XML
 * ones, RT_ERROR with libxml2's reason in diags (which may be NULL). */
int rt_export__graphml(rt_buf *b, const rt_export_view *v, rt_diags *diags);
int rt_export__gexf(rt_buf *b, const rt_export_view *v, rt_diags *diags);
int rt_export__json_graph(rt_buf *b, const rt_export_view *v);
int rt_export__csv_loops(rt_buf *b, const rt_export_view *v);
int rt_export__csv_hops(rt_buf *b, const rt_export_view *v);
int rt_export__ftm(rt_buf *b, const rt_export_view *v);

#endif
