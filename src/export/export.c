/*
 * Export dispatch, and what the writers share: which loops go through each
 * entity and relationship, and an edge's figures. The figures are those of
 * the graph and the loops (rt_flow, rt_loop_figures), taken as the reports
 * take them, so an export says what `roundtrip loops` says.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_impl.h"
#include "report/report_impl.h"
#include "roundtrip/roundtrip.h"
#include "util/alloc.h"

/* Calls fn(payload, owner, rank) once for each entity (is_entity) or
 * relationship a loop goes through, loop by loop. `seen` (one slot per
 * entity, all RT_NONE) keeps an entity from being counted twice in a loop;
 * a relationship is on one hop of a loop at most, its hops being distinct
 * arcs. */
typedef void (*through_fn)(void *payload, bool is_entity, size_t owner, size_t rank);

static void each_through(const rt_export_view *v, size_t *seen, through_fn fn, void *payload)
{
    size_t n = rt_loops_count(v->loops);

    for (size_t i = 0; i < n; i++) {
        const rt_loop *l = rt_loops_get(v->loops, i);
        for (size_t h = 0; h < l->length; h++) {
            const rt_arc *arc = rt_graph_arc(v->g, l->arcs[h]);
            size_t member = rt_graph_vertex_entity(v->g, l->vertices[h]);
            if (seen[member] != i) {
                seen[member] = i;
                fn(payload, true, member, i + 1);
            }
            for (size_t k = 0; k < arc->relationship_count; k++) {
                const rt_relationship *rel = rt_dataset_relationship(v->ds, arc->relationships[k]);
                fn(payload, false, arc->relationships[k], i + 1);
                if (seen[rel->from] != i) {
                    seen[rel->from] = i;
                    fn(payload, true, rel->from, i + 1);
                }
                if (seen[rel->to] != i) {
                    seen[rel->to] = i;
                    fn(payload, true, rel->to, i + 1);
                }
            }
        }
    }
}

static void count_one(void *payload, bool is_entity, size_t owner, size_t rank)
{
    rt_export_view *v = payload;

    (void)rank;
    (is_entity ? v->entity_first : v->rel_first)[owner + 1]++;
}

/* Second pass: entity_first/rel_first hold each owner's next free slot. */
static void place_one(void *payload, bool is_entity, size_t owner, size_t rank)
{
    rt_export_view *v = payload;
    size_t *next = is_entity ? v->entity_first : v->rel_first;

    (is_entity ? v->entity_ranks : v->rel_ranks)[next[owner]++] = rank;
}

int rt_export__view_init(rt_export_view *v, const rt_loops *loops)
{
    const rt_graph *g = rt_loops_graph(loops);
    const rt_dataset *ds = rt_graph_dataset(g);
    size_t ne = rt_dataset_entity_count(ds), nr = rt_dataset_relationship_count(ds);
    size_t *seen = rt__calloc(ne + 1, sizeof(size_t));

    memset(v, 0, sizeof(*v));
    v->loops = loops;
    v->g = g;
    v->ds = ds;
    v->entity_first = rt__calloc(ne + 2, sizeof(size_t));
    v->rel_first = rt__calloc(nr + 2, sizeof(size_t));
    if (!seen || !v->entity_first || !v->rel_first)
        goto oom;
    /* Counting sort: count each owner's ranks, turn the counts into
     * starts, place the ranks (in loop order, so ascending), and shift the
     * starts back, since placing moved each to the next owner's. */
    for (size_t e = 0; e < ne; e++)
        seen[e] = RT_NONE;
    each_through(v, seen, count_one, v);
    for (size_t e = 0; e < ne; e++)
        v->entity_first[e + 1] += v->entity_first[e];
    for (size_t r = 0; r < nr; r++)
        v->rel_first[r + 1] += v->rel_first[r];
    v->entity_ranks = rt__calloc(v->entity_first[ne] + 1, sizeof(size_t));
    v->rel_ranks = rt__calloc(v->rel_first[nr] + 1, sizeof(size_t));
    if (!v->entity_ranks || !v->rel_ranks)
        goto oom;
    for (size_t e = 0; e < ne; e++)
        seen[e] = RT_NONE;
    each_through(v, seen, place_one, v);
    memmove(v->entity_first + 1, v->entity_first, ne * sizeof(size_t));
    memmove(v->rel_first + 1, v->rel_first, nr * sizeof(size_t));
    v->entity_first[0] = v->rel_first[0] = 0;
    rt__free(seen);
    return RT_OK;
oom:
    rt__free(seen);
    rt_export__view_destroy(v);
    return RT_ENOMEM;
}

void rt_export__view_destroy(rt_export_view *v)
{
    rt__free(v->entity_first);
    rt__free(v->entity_ranks);
    rt__free(v->rel_first);
    rt__free(v->rel_ranks);
    v->entity_first = v->entity_ranks = v->rel_first = v->rel_ranks = NULL;
}

const size_t *rt_export__entity_loops(const rt_export_view *v, size_t e, size_t *n)
{
    *n = v->entity_first[e + 1] - v->entity_first[e];
    return v->entity_ranks + v->entity_first[e];
}

const size_t *rt_export__rel_loops(const rt_export_view *v, size_t r, size_t *n)
{
    *n = v->rel_first[r + 1] - v->rel_first[r];
    return v->rel_ranks + v->rel_first[r];
}

bool rt_export__is_edge(const rt_export_view *v, size_t r)
{
    return rt_graph_flow(v->g, r)->kept;
}

bool rt_export__in_history(const rt_export_view *v, size_t r)
{
    const rt_relationship *rel = rt_dataset_relationship(v->ds, r);
    rt_status st;
    bool ended;

    if (rt_export__is_edge(v, r))
        return true;
    if (rt_graph_options_used(v->g)->filter.min_amount >= 0)
        return false; /* the amount filter applies to relationships */
    for (size_t k = 0; k < rel->claim_count; k++)
        if (rt_export__claim_in_history(v, rt_dataset_claim(v->ds, rel->first_claim + k), &st,
                                        &ended))
            return true;
    return false;
}

void rt_export__edge(rt_export_edge *out, const rt_export_view *v, size_t r)
{
    const rt_flow *fl = rt_graph_flow(v->g, r);
    bool open = false;

    memset(out, 0, sizeof(*out));
    out->amount = rt_graph_scenario_amount(v->g, &fl->amount);
    out->claim_count = fl->claim_count;
    for (size_t k = 0; k < fl->claim_count; k++) {
        const rt_claim *c = rt_dataset_claim(v->ds, fl->claims[k]);
        if (c->source)
            out->has_sources = true;
        if (c->held_until.year == 0)
            open = true;
        else if (rt_date_compare(&c->held_until, &out->until) > 0)
            out->until = c->held_until;
        if (c->date.year == 0)
            continue;
        if (out->first_date.year == 0 || rt_date_compare(&c->date, &out->first_date) < 0)
            out->first_date = c->date;
        if (rt_date_compare(&c->date, &out->last_date) > 0)
            out->last_date = c->date;
    }
    if (open)
        out->until = (rt_date){0, 0, 0};
}

static void kinds_text(rt_buf *b, unsigned kinds)
{
    size_t listed = 0;

    for (int k = 0; k < RT_ENTITY_KIND_COUNT; k++)
        if (kinds & (1u << k))
            rt_buf__printf(b, "%s%s", listed++ ? ";" : "",
                           rt_entity_kind_name((rt_entity_kind)(1 << k)));
}

static void ranks_text(rt_buf *b, const size_t *ranks, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rt_buf__printf(b, "%s%zu", i ? ";" : "", ranks[i]);
}

static void as_written(rt_buf *b, const char *s)
{
    rt_buf__puts(b, s);
}

static const rt_export_field graph_fields[] = {
    {"description", RT_EXPORT_STRING, false}, {"dataset", RT_EXPORT_STRING, false},
    {"as_of", RT_EXPORT_STRING, false},       {"statuses", RT_EXPORT_LIST, false},
    {"scenario", RT_EXPORT_STRING, false},    {"consolidate", RT_EXPORT_BOOL, false},
    {"max_len", RT_EXPORT_INT, false},        {"loops", RT_EXPORT_INT, false},
    {"roundtrip", RT_EXPORT_STRING, false},
};

static const rt_export_field node_fields[] = {
    {"label", RT_EXPORT_STRING, false},   {"kinds", RT_EXPORT_LIST, false},
    {"kind", RT_EXPORT_STRING, false},    {"parent", RT_EXPORT_STRING, false},
    {"country", RT_EXPORT_STRING, false}, {"counts_as", RT_EXPORT_STRING, false},
    {"loops", RT_EXPORT_LIST, true},      {"loop_count", RT_EXPORT_INT, false},
};

static const rt_export_field edge_fields[] = {
    {"kind", RT_EXPORT_STRING, false},         {"class", RT_EXPORT_STRING, false},
    {"status", RT_EXPORT_STRING, false},       {"amount", RT_EXPORT_STRING, false},
    {"amount_low_usd", RT_EXPORT_LONG, false}, {"amount_high_usd", RT_EXPORT_LONG, false},
    {"claims", RT_EXPORT_INT, false},          {"first_date", RT_EXPORT_STRING, false},
    {"last_date", RT_EXPORT_STRING, false},    {"until", RT_EXPORT_STRING, false},
    {"sources", RT_EXPORT_STRING, false},      {"loops", RT_EXPORT_LIST, true},
    {"loop_count", RT_EXPORT_INT, false},      {"holds", RT_EXPORT_BOOL, false},
    {"claim_rows", RT_EXPORT_STRING, false},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const rt_export_field *rt_export__fields(rt_export_domain d, size_t *count)
{
    switch (d) {
    case RT_EXPORT_GRAPH:
        *count = COUNT(graph_fields);
        return graph_fields;
    case RT_EXPORT_NODE:
        *count = COUNT(node_fields);
        return node_fields;
    default:
        *count = COUNT(edge_fields);
        return edge_fields;
    }
}

void rt_export__record_init(rt_export_record *rec, rt_export_domain d)
{
    memset(rec, 0, sizeof(*rec));
    rec->domain = d;
    rec->fields = rt_export__fields(d, &rec->count);
}

void rt_export__record_destroy(rt_export_record *rec)
{
    for (size_t i = 0; i < RT_EXPORT_FIELDS_MAX; i++)
        rt_buf__free(&rec->text[i]);
}

/* Empty every value, keeping the text buffers for the next record. */
static void clear(rt_export_record *rec)
{
    for (size_t i = 0; i < rec->count; i++) {
        rec->values[i] = (rt_export_value){false, NULL, 0};
        rec->text[i].len = 0;
        if (rec->text[i].data)
            rec->text[i].data[0] = '\0';
    }
}

/* The text buffer of field i, its value marked present with that text:
 * the caller appends to it. */
static rt_buf *text_of(rt_export_record *rec, size_t i)
{
    rec->values[i].present = true;
    return &rec->text[i];
}

static void set_text(rt_export_record *rec, size_t i, const char *s)
{
    if (s)
        rt_buf__puts(text_of(rec, i), s);
}

static void set_date(rt_export_record *rec, size_t i, const rt_date *d)
{
    char buf[16];

    if (d->year)
        set_text(rec, i, rt_export__date(buf, d));
}

static void set_number(rt_export_record *rec, size_t i, int64_t n)
{
    rec->values[i].present = true;
    rec->values[i].number = n;
}

/* Point each present text value at its buffer; false when one ran out of
 * memory. An empty text is no value. */
static bool done(rt_export_record *rec)
{
    for (size_t i = 0; i < rec->count; i++) {
        rt_export_value *val = &rec->values[i];
        if (rec->text[i].oom)
            return false;
        if (!val->present ||
            (rec->fields[i].type != RT_EXPORT_STRING && rec->fields[i].type != RT_EXPORT_LIST))
            continue;
        val->text = rec->text[i].data;
        val->present = val->text && val->text[0];
    }
    return true;
}

enum {
    G_DESCRIPTION,
    G_DATASET,
    G_AS_OF,
    G_STATUSES,
    G_SCENARIO,
    G_CONSOLIDATE,
    G_MAX_LEN,
    G_LOOPS,
    G_ROUNDTRIP
};

bool rt_export__graph_record(rt_export_record *rec, const rt_export_view *v)
{
    const rt_graph_options *go = rt_graph_options_used(v->g);
    const rt_loop_options *lo = rt_loops_options(v->loops);
    unsigned statuses = rt_report__statuses(go);
    size_t listed = 0;
    rt_buf *description;

    clear(rec);
    description = text_of(rec, G_DESCRIPTION);
    rt_report__context(description, v->loops, as_written);
    if (description->len && description->data[description->len - 1] == '\n')
        description->data[--description->len] = '\0';
    set_text(rec, G_DATASET, rt_dataset_relationships_file(v->ds));
    set_date(rec, G_AS_OF, &go->filter.as_of);
    for (int st = 0; st < RT_STATUS_COUNT; st++)
        if (statuses & (1u << st))
            rt_buf__printf(text_of(rec, G_STATUSES), "%s%s", listed++ ? ";" : "",
                           rt_status_name((rt_status)st));
    set_text(rec, G_SCENARIO, rt_report__scenario_name(go->scenario));
    set_number(rec, G_CONSOLIDATE, go->consolidate);
    if (lo->cycles.max_len)
        set_number(rec, G_MAX_LEN, (int64_t)lo->cycles.max_len);
    set_number(rec, G_LOOPS, (int64_t)rt_loops_count(v->loops));
    set_text(rec, G_ROUNDTRIP, rt_version());
    return done(rec);
}

enum { N_LABEL, N_KINDS, N_KIND, N_PARENT, N_COUNTRY, N_COUNTS_AS, N_LOOPS, N_LOOP_COUNT };

bool rt_export__node_record(rt_export_record *rec, const rt_export_view *v, size_t e)
{
    const rt_entity *ent = rt_dataset_entity(v->ds, e);
    size_t n;
    const size_t *ranks = rt_export__entity_loops(v, e, &n);

    clear(rec);
    set_text(rec, N_LABEL, ent->name);
    kinds_text(text_of(rec, N_KINDS), ent->kinds);
    if (ent->primary_kind)
        set_text(rec, N_KIND, rt_entity_kind_name((rt_entity_kind)ent->primary_kind));
    if (ent->parent != RT_NONE)
        set_text(rec, N_PARENT, rt_dataset_entity(v->ds, ent->parent)->name);
    set_text(rec, N_COUNTRY, ent->country);
    set_text(rec, N_COUNTS_AS, rt_report__vertex_name(v->g, rt_graph_entity_vertex(v->g, e)));
    ranks_text(text_of(rec, N_LOOPS), ranks, n);
    set_number(rec, N_LOOP_COUNT, (int64_t)n);
    return done(rec);
}

enum {
    E_KIND,
    E_CLASS,
    E_STATUS,
    E_AMOUNT,
    E_LOW,
    E_HIGH,
    E_CLAIMS,
    E_FIRST,
    E_LAST,
    E_UNTIL,
    E_SOURCES,
    E_LOOPS,
    E_LOOP_COUNT,
    E_HOLDS,
    E_CLAIM_ROWS
};

bool rt_export__claim_in_history(const rt_export_view *v, const rt_claim *c, rt_status *status,
                                 bool *ended)
{
    const rt_graph_options *go = rt_graph_options_used(v->g);
    const rt_date *as_of = &go->filter.as_of;
    rt_status st = as_of->year ? rt_claim_status_as_of(c, as_of) : c->status;

    if (st == RT_STATUS_COUNT || (go->filter.statuses && !(go->filter.statuses & (1u << st))))
        return false;
    *status = st;
    /* An end after the as-of date was not known then. */
    *ended = c->until.year && (!as_of->year || !rt_claim_holds(c, as_of));
    return true;
}

static bool put_text(json_t *o, const char *key, const char *value)
{
    return !value || !*value || json_object_set_new(o, key, json_string(value)) == 0;
}

/* Every claim of relationship r in the history the filters see, as JSON
 * text: [{"line": n, "amount", "status", "date", "end_date", "until",
 * "source", "url", "deal", "note"}] (what is not known left out), for
 * `roundtrip import` to make the claims again. */
static bool claim_rows(rt_buf *b, const rt_export_view *v, size_t r)
{
    const rt_relationship *rel = rt_dataset_relationship(v->ds, r);
    json_t *rows = json_array();
    bool ok = rows != NULL;
    char *text;

    for (size_t k = 0; ok && k < rel->claim_count; k++) {
        const rt_claim *c = rt_dataset_claim(v->ds, rel->first_claim + k);
        json_t *o;
        char date[16], end[16], until[16];
        rt_status st;
        bool ended;
        if (!rt_export__claim_in_history(v, c, &st, &ended))
            continue;
        rt_date_format(date, sizeof(date), &c->date);
        rt_date_format(end, sizeof(end), &c->end_date);
        rt_date_format(until, sizeof(until), &c->until);
        ok = (o = json_object()) && json_array_append_new(rows, o) == 0 &&
             json_object_set_new(o, "line", json_integer(c->line)) == 0 &&
             put_text(o, "amount", c->amount.text) && put_text(o, "status", rt_status_name(st)) &&
             put_text(o, "date", c->date.year ? date : NULL) &&
             put_text(o, "end_date", c->end_date.year ? end : NULL) &&
             put_text(o, "until", ended ? until : NULL) && put_text(o, "source", c->source) &&
             put_text(o, "url", c->url) && put_text(o, "deal", c->deal) &&
             put_text(o, "note", c->note);
    }
    text = ok ? json_dumps(rows, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(rows);
    if (!text)
        return false;
    rt_buf__puts(b, text);
    free(text);
    return true;
}

bool rt_export__edge_record(rt_export_record *rec, const rt_export_view *v, size_t r)
{
    const rt_relationship *rel = rt_dataset_relationship(v->ds, r);
    const rt_flow *fl = rt_graph_flow(v->g, r);
    rt_export_edge e;
    size_t n;
    const size_t *ranks = rt_export__rel_loops(v, r, &n);

    clear(rec);
    rt_export__edge(&e, v, r);
    set_text(rec, E_KIND, rt_rel_kind_name(rel->kind));
    set_text(rec, E_CLASS, rt_rel_class_name(rt_rel_kind_class(rel->kind)));
    if (fl->kept) {
        set_text(rec, E_STATUS, rt_status_name(fl->status));
    } else {
        /* No claim holds: the status of its last claim, as of the date. */
        for (size_t k = rel->claim_count; k-- > 0;) {
            rt_status st;
            bool ended;
            if (rt_export__claim_in_history(v, rt_dataset_claim(v->ds, rel->first_claim + k), &st,
                                            &ended)) {
                set_text(rec, E_STATUS, rt_status_name(st));
                break;
            }
        }
    }
    if (fl->kept && e.amount.unit != RT_AMOUNT_UNKNOWN)
        rt_report__amount(text_of(rec, E_AMOUNT), v->g, &fl->amount, "", as_written);
    if (fl->kept && e.amount.unit == RT_AMOUNT_USD) {
        set_number(rec, E_LOW, e.amount.low);
        set_number(rec, E_HIGH, e.amount.high);
    }
    set_number(rec, E_CLAIMS, (int64_t)e.claim_count);
    set_date(rec, E_FIRST, &e.first_date);
    set_date(rec, E_LAST, &e.last_date);
    set_date(rec, E_UNTIL, &e.until);
    if (e.has_sources && !rt_report__flow_sources(text_of(rec, E_SOURCES), v->g, r, as_written))
        return false;
    ranks_text(text_of(rec, E_LOOPS), ranks, n);
    set_number(rec, E_LOOP_COUNT, (int64_t)n);
    set_number(rec, E_HOLDS, fl->kept);
    if (!claim_rows(text_of(rec, E_CLAIM_ROWS), v, r))
        return false;
    return done(rec);
}

double rt_export__ratio(double x)
{
    return round(x * 10000.0) / 10000.0;
}

const char *rt_export__date(char *buf, const rt_date *d)
{
    rt_date_format(buf, 16, d);
    return buf;
}

static const char *const format_names[RT_EXPORT_FORMAT_COUNT] = {
    "graphml", "gexf", "json-graph", "csv-loops", "csv-hops", "ftm",
};

int rt_export_format_parse(rt_export_format *out, const char *name)
{
    for (int f = 0; name && f < RT_EXPORT_FORMAT_COUNT; f++)
        if (strcmp(name, format_names[f]) == 0) {
            *out = (rt_export_format)f;
            return RT_OK;
        }
    return RT_EINVAL;
}

const char *rt_export_format_name(rt_export_format format)
{
    return (unsigned)format < RT_EXPORT_FORMAT_COUNT ? format_names[format] : NULL;
}

int rt_export(char **out, size_t *len, const rt_loops *loops, const rt_export_options *opts,
              rt_diags *diags)
{
    rt_export_view v;
    rt_buf b = RT_BUF_INIT;
    int rc;

    if (!out || !len || !loops || !opts || opts->version != RT_EXPORT_OPTIONS_VERSION ||
        (unsigned)opts->format >= RT_EXPORT_FORMAT_COUNT || rt_loops_options(loops)->count_only)
        return RT_EINVAL;
    *out = NULL;
    *len = 0;
    if ((rc = rt_export__view_init(&v, loops)) < 0)
        return rc;
    switch (opts->format) {
    case RT_EXPORT_GRAPHML:
        rc = rt_export__graphml(&b, &v, diags);
        break;
    case RT_EXPORT_GEXF:
        rc = rt_export__gexf(&b, &v, diags);
        break;
    case RT_EXPORT_JSON_GRAPH:
        rc = rt_export__json_graph(&b, &v);
        break;
    case RT_EXPORT_CSV_LOOPS:
        rc = rt_export__csv_loops(&b, &v);
        break;
    case RT_EXPORT_CSV_HOPS:
        rc = rt_export__csv_hops(&b, &v);
        break;
    default:
        rc = rt_export__ftm(&b, &v);
        break;
    }
    rt_export__view_destroy(&v);
    if (rc == RT_OK && b.oom)
        rc = RT_ENOMEM;
    if (rc == RT_OK) {
        *len = b.len;
        *out = rt_buf__detach(&b);
        return *out ? RT_OK : RT_ENOMEM;
    }
    rt_buf__free(&b);
    return rc;
}

void rt_export_free(char *data)
{
    rt__free(data);
}
