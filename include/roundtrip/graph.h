/*
 * roundtrip: the money graph of a dataset. Claims pass a filter; each
 * relationship becomes a flow with the figures of its kept claims; entities
 * are consolidated into their ultimate parents (AWS into Amazon); and every
 * ordered pair of vertices with money between them is one arc.
 */
#ifndef ROUNDTRIP_GRAPH_H
#define ROUNDTRIP_GRAPH_H

#include "dataset.h"

RT_BEGIN_DECLS

/* Which claims count. */
typedef struct rt_filter {
    unsigned statuses;  /* bit set of 1 << rt_status, matched against each claim's status
                           as of `as_of`; 0 = the claims that hold */
    rt_date as_of;      /* the world as it stood on this date: the claims that hold
                           then, with the statuses they had (rt_claim_holds(); "2025"
                           is not known as of 2025-06, undated claims never are);
                           year 0 = after every date: the claims that still hold */
    int64_t min_amount; /* drop relationships whose USD amount is below: its high end,
                           or its low end in the low scenario; -1 = no limit
                           (unknown amounts are kept) */
} rt_filter;

/* Which end of a range the figures take. */
typedef enum rt_scenario {
    RT_SCENARIO_RANGE = 0, /* keep ranges: low and high */
    RT_SCENARIO_LOW,       /* the low end of every range */
    RT_SCENARIO_HIGH,      /* the high end of every range */
} rt_scenario;

typedef struct rt_graph_options {
    unsigned version;
    bool consolidate; /* subsidiaries into their ultimate parent */
    rt_filter filter;
    rt_scenario scenario;
} rt_graph_options;

#define RT_GRAPH_OPTIONS_VERSION 1
#define RT_GRAPH_OPTIONS_INIT                                                                      \
    {                                                                                              \
        RT_GRAPH_OPTIONS_VERSION, true, {0, {0, 0, 0}, -1}, RT_SCENARIO_RANGE                      \
    }

/*
 * A relationship seen through the filter. `kept` is false when no claim
 * passed; otherwise its amount and status are those of its kept claims
 * (see rt_relationship), and `claims` lists the kept claims' indexes.
 */
typedef struct rt_flow {
    bool kept;
    rt_amount amount;
    rt_status status;
    const size_t *claims;
    size_t claim_count;
} rt_flow;

/*
 * Money from one vertex to another: every kept relationship of class stake,
 * spend or debt between them whose status carries money. Its amount is the
 * sum of its relationships' known USD amounts (RT_AMOUNT_UNKNOWN when none
 * is known), its status the strongest of theirs.
 */
typedef struct rt_arc {
    size_t from; /* vertex indexes */
    size_t to;
    const size_t *relationships; /* dataset relationship indexes, in file order */
    size_t relationship_count;
    unsigned classes; /* bit set of 1 << rt_rel_class */
    rt_amount amount;
    rt_status status;
} rt_arc;

typedef struct rt_graph rt_graph;

/*
 * Build the money graph of `ds` (which must outlive it). Vertices are
 * ultimate parents (or every entity without consolidation), in entity file
 * order. Returns 0 and the graph in *out (free with rt_graph_free()),
 * RT_ENOMEM, RT_EINVAL for bad options, or RT_ERROR when igraph fails (the
 * reason is added to diags, which may be NULL). roundtrip installs its own
 * igraph error and warning handlers, so igraph never aborts or prints.
 * Time complexity: O(claims + relationships log relationships).
 */
RT_EXPORT int rt_graph_build(rt_graph **out, const rt_dataset *ds, const rt_graph_options *opts,
                             rt_diags *diags);

/* Free a graph. Accepts NULL. */
RT_EXPORT void rt_graph_free(rt_graph *g);

RT_EXPORT const rt_dataset *rt_graph_dataset(const rt_graph *g);
RT_EXPORT const rt_graph_options *rt_graph_options_used(const rt_graph *g);

/* Vertices: each stands for an entity (its ultimate parent when consolidated). */
RT_EXPORT size_t rt_graph_vertex_count(const rt_graph *g);
RT_EXPORT size_t rt_graph_vertex_entity(const rt_graph *g, size_t v);
/* The vertex an entity belongs to. */
RT_EXPORT size_t rt_graph_entity_vertex(const rt_graph *g, size_t entity);

/* Arcs, sorted by (from, to). */
RT_EXPORT size_t rt_graph_arc_count(const rt_graph *g);
RT_EXPORT const rt_arc *rt_graph_arc(const rt_graph *g, size_t i);
/* The arcs leaving v are arcs first .. first + count - 1, sorted by target. */
RT_EXPORT void rt_graph_out_arcs(const rt_graph *g, size_t v, size_t *first, size_t *count);
/* The arc from -> to, or RT_NONE. Time complexity: O(log out-degree). */
RT_EXPORT size_t rt_graph_find_arc(const rt_graph *g, size_t from, size_t to);

/* The flow of dataset relationship r. */
RT_EXPORT const rt_flow *rt_graph_flow(const rt_graph *g, size_t r);

/* Kept money relationships inside one vertex (AWS paying Amazon), and kept
 * non-monetary links (hosting, partnership): relationship indexes. */
RT_EXPORT const size_t *rt_graph_internal(const rt_graph *g, size_t *count);
RT_EXPORT const size_t *rt_graph_links(const rt_graph *g, size_t *count);

/*
 * Strongly connected groups of two or more vertices (who is financially
 * entangled with whom), largest first, then by first vertex. Each group's
 * vertices are ascending.
 */
RT_EXPORT size_t rt_graph_group_count(const rt_graph *g);
RT_EXPORT const size_t *rt_graph_group(const rt_graph *g, size_t i, size_t *count);
/* The group of vertex v, or RT_NONE when it is in no cycle. */
RT_EXPORT size_t rt_graph_vertex_group(const rt_graph *g, size_t v);

/* The amount as the graph's scenario sees it: a range collapses to its low
 * or high end under RT_SCENARIO_LOW or RT_SCENARIO_HIGH. */
RT_EXPORT rt_amount rt_graph_scenario_amount(const rt_graph *g, const rt_amount *a);

RT_END_DECLS

#endif
