/* The loop report as JSON, built with jansson; keys keep insertion order. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "report/report_impl.h"
#include "roundtrip/roundtrip.h"

/* Set a key; jansson takes the value even when setting fails. Returns false
 * when out of memory (value NULL or the set failed). */
static bool put(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new(obj, key, value) == 0;
}

static bool push(json_t *arr, json_t *value)
{
    return value && json_array_append_new(arr, value) == 0;
}

static json_t *usd(const rt_graph *g, const rt_amount *a)
{
    rt_amount s = rt_graph_scenario_amount(g, a);

    return rt_report__json_usd(&s);
}

static json_t *date_or_null(const rt_date *d)
{
    char text[16];

    if (d->year == 0)
        return json_null();
    rt_date_format(text, sizeof(text), d);
    return json_string(text);
}

/* Round to 4 decimals so the text is short and the same on every machine. */
static json_t *ratio(double x)
{
    return json_real(round(x * 10000.0) / 10000.0);
}

/* A new empty array set as obj[key], borrowed (obj owns it); NULL on failure. */
static json_t *child_array(json_t *obj, const char *key)
{
    json_t *arr = json_array();

    return put(obj, key, arr) ? arr : NULL;
}

/* Each builder returns a new object, or NULL when out of memory (having
 * freed what it made): children are attached to their parent as soon as
 * they exist, so one json_decref() of the parent frees everything. */
static json_t *string_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *claim(const rt_graph *g, const rt_claim *c)
{
    const rt_date *as_of = &rt_graph_options_used(g)->filter.as_of;
    json_t *o = json_object();

    if (o && put(o, "amount", string_or_null(c->amount.text)) &&
        put(o, "amount_usd", usd(g, &c->amount)) &&
        put(o, "status", json_string(rt_status_name(rt_claim_status_as_of(c, as_of)))) &&
        put(o, "date", date_or_null(&c->date)) && put(o, "until", date_or_null(&c->until)) &&
        put(o, "source", string_or_null(c->source)) && put(o, "url", string_or_null(c->url)) &&
        put(o, "line", json_integer(c->line)))
        return o;
    json_decref(o);
    return NULL;
}

static json_t *relationship(const rt_graph *g, size_t r)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    const rt_relationship *rel = rt_dataset_relationship(ds, r);
    const rt_flow *fl = rt_graph_flow(g, r);
    json_t *o = json_object(), *claims;
    bool ok =
        o && put(o, "kind", json_string(rt_rel_kind_name(rel->kind))) &&
        put(o, "from", json_string(rt_dataset_entity(ds, rel->from)->name)) &&
        put(o, "to", json_string(rt_dataset_entity(ds, rel->to)->name)) &&
        put(o, "status", json_string(rt_status_name(fl->status))) &&
        put(o, "amount_usd", usd(g, &fl->amount)) &&
        put(o, "amount",
            fl->amount.unit == RT_AMOUNT_OTHER ? json_string(fl->amount.text) : json_null()) &&
        (claims = child_array(o, "claims"));

    for (size_t i = 0; ok && i < fl->claim_count; i++)
        ok = push(claims, claim(g, rt_dataset_claim(ds, fl->claims[i])));
    if (ok)
        return o;
    json_decref(o);
    return NULL;
}

static json_t *hop(const rt_graph *g, const rt_arc *arc)
{
    json_t *o = json_object(), *rels;
    bool ok = o && put(o, "from", json_string(rt_report__vertex_name(g, arc->from))) &&
              put(o, "to", json_string(rt_report__vertex_name(g, arc->to))) &&
              (rels = child_array(o, "relationships"));

    for (size_t k = 0; ok && k < arc->relationship_count; k++)
        ok = push(rels, relationship(g, arc->relationships[k]));
    if (ok)
        return o;
    json_decref(o);
    return NULL;
}

static json_t *link(const rt_graph *g, size_t r)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    const rt_relationship *rel = rt_dataset_relationship(ds, r);
    json_t *o = json_object();

    if (o && put(o, "from", json_string(rt_dataset_entity(ds, rel->from)->name)) &&
        put(o, "to", json_string(rt_dataset_entity(ds, rel->to)->name)) &&
        put(o, "kind", json_string(rt_rel_kind_name(rel->kind))) &&
        put(o, "status", json_string(rt_status_name(rt_graph_flow(g, r)->status))))
        return o;
    json_decref(o);
    return NULL;
}

static json_t *ratio_range(const rt_loop_figures *f)
{
    json_t *o;

    if (!f->has_ratio)
        return json_null();
    o = json_object();
    if (o && put(o, "low", ratio(f->ratio_low)) && put(o, "high", ratio(f->ratio_high)))
        return o;
    json_decref(o);
    return NULL;
}

/* The figures of a loop on one ground, as keys of o. */
static bool add_figures(json_t *o, const rt_graph *g, const rt_loop_figures *f)
{
    return put(o, "status", json_string(rt_status_name(f->status))) &&
           put(o, "circulating_usd", usd(g, &f->circulating)) &&
           put(o, "round_trip_ratio", f->has_ratio ? ratio(f->ratio) : json_null()) &&
           put(o, "round_trip_ratio_range", ratio_range(f)) &&
           put(o, "first_date", date_or_null(&f->first_date)) &&
           put(o, "last_date", date_or_null(&f->last_date));
}

static json_t *wider(const rt_graph *g, const rt_loop *l)
{
    json_t *o;

    if (!l->has_wider)
        return json_null();
    o = json_object();
    if (o && add_figures(o, g, &l->wider))
        return o;
    json_decref(o);
    return NULL;
}

static json_t *loop(const rt_graph *g, const rt_loop *l, const rt_amount *share, size_t rank)
{
    json_t *o = json_object(), *names, *hops, *links;
    bool ok = o && put(o, "rank", json_integer((json_int_t)rank)) &&
              (names = child_array(o, "entities")) &&
              put(o, "length", json_integer((json_int_t)l->length)) &&
              put(o, "kind", json_string(rt_report__kind(l))) && add_figures(o, g, &l->figures) &&
              put(o, "with_weaker_claims", wider(g, l)) &&
              put(o, "max_circulating_share_usd", rt_report__json_usd(share)) &&
              (hops = child_array(o, "hops")) && (links = child_array(o, "links"));

    for (size_t i = 0; ok && i < l->length; i++)
        ok = push(names, json_string(rt_report__vertex_name(g, l->vertices[i])));
    for (size_t i = 0; ok && i < l->length; i++)
        ok = push(hops, hop(g, rt_graph_arc(g, l->arcs[i])));
    for (size_t i = 0; ok && i < l->link_count; i++)
        ok = push(links, link(g, l->links[i]));
    if (ok)
        return o;
    json_decref(o);
    return NULL;
}

/* What the report was computed on: the dataset, the filters, the tool. */
static bool add_context(json_t *root, const rt_loops *loops)
{
    const rt_graph *g = rt_loops_graph(loops);
    const rt_graph_options *go = rt_graph_options_used(g);
    const rt_loop_options *lo = rt_loops_options(loops);
    const rt_dataset *ds = rt_graph_dataset(g);
    rt_date latest = rt_dataset__latest_claim(ds);
    unsigned statuses = rt_report__statuses(go);
    json_t *dataset = json_object(), *filters = json_object(), *list;
    bool ok = put(root, "dataset", dataset) && put(root, "filters", filters) &&
              put(dataset, "relationships_file", json_string(rt_dataset_relationships_file(ds))) &&
              put(dataset, "entities", json_integer((json_int_t)rt_dataset_entity_count(ds))) &&
              put(dataset, "relationships",
                  json_integer((json_int_t)rt_dataset_relationship_count(ds))) &&
              put(dataset, "claims", json_integer((json_int_t)rt_dataset_claim_count(ds))) &&
              put(dataset, "latest_claim", date_or_null(&latest)) &&
              put(filters, "as_of", date_or_null(&go->filter.as_of)) &&
              (list = child_array(filters, "statuses"));

    for (int st = 0; ok && st < RT_STATUS_COUNT; st++)
        if (statuses & (1u << st))
            ok = push(list, json_string(rt_status_name((rt_status)st)));
    return ok &&
           put(filters, "max_len",
               lo->cycles.max_len ? json_integer((json_int_t)lo->cycles.max_len) : json_null()) &&
           put(filters, "max_cycles",
               lo->cycles.max_cycles ? json_integer((json_int_t)lo->cycles.max_cycles)
                                     : json_null()) &&
           put(filters, "scenario", json_string(rt_report__scenario_name(go->scenario))) &&
           put(filters, "min_amount_usd",
               go->filter.min_amount >= 0 ? json_integer(go->filter.min_amount) : json_null()) &&
           put(filters, "consolidate", json_boolean(go->consolidate)) &&
           put(filters, "all", json_boolean(lo->all)) &&
           put(filters, "temporal", json_boolean(lo->temporal)) &&
           put(root, "version", json_string(rt_version()));
}

static bool add_groups(json_t *root, const rt_graph *g)
{
    json_t *arr = child_array(root, "groups");

    for (size_t i = 0; arr && i < rt_graph_group_count(g); i++) {
        size_t count;
        const size_t *v = rt_graph_group(g, i, &count);
        json_t *names = json_array();
        if (!push(arr, names))
            return false;
        for (size_t k = 0; k < count; k++)
            if (!push(names, json_string(rt_report__vertex_name(g, v[k]))))
                return false;
    }
    return arr != NULL;
}

static bool add_internal_flows(json_t *root, const rt_graph *g)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    json_t *arr = child_array(root, "internal_flows");
    size_t n;
    const size_t *internal = rt_graph_internal(g, &n);

    for (size_t i = 0; arr && i < n; i++) {
        const rt_relationship *rel = rt_dataset_relationship(ds, internal[i]);
        json_t *o = json_object();
        if (!push(arr, o) || !put(o, "from", json_string(rt_dataset_entity(ds, rel->from)->name)) ||
            !put(o, "to", json_string(rt_dataset_entity(ds, rel->to)->name)) ||
            !put(o, "kind", json_string(rt_rel_kind_name(rel->kind))))
            return false;
    }
    return arr != NULL;
}

/*
 * A jansson tree costs some 30 KB per loop, and a search without a limit
 * keeps up to RT_LOOPS_KEEP_MAX of them: so each loop is built, written and
 * freed in turn. The rest of the document is dumped around an empty
 * "loops" array, which comes first, and the loops are spliced into it: the
 * bytes are those of dumping one tree.
 */
#define FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(10))

int rt_report__loops_json(rt_buf *b, const rt_loops *loops, const rt_packing *pk)
{
    static const char head[] = "{\n  \"loops\": [";
    const size_t head_len = sizeof(head) - 1, n = rt_loops_count(loops);
    const rt_graph *g = rt_loops_graph(loops);
    json_t *root = json_object();
    rt_buf rest = RT_BUF_INIT;
    bool ok = root && child_array(root, "loops") && add_context(root, loops) &&
              put(root, "max_circulating_usd", rt_report__json_usd(rt_packing_total(pk))) &&
              add_groups(root, g) && add_internal_flows(root, g) &&
              put(root, "cycles_total", json_integer((json_int_t)rt_loops_cycles_total(loops))) &&
              put(root, "truncated", json_boolean(rt_loops_truncated(loops)));

    ok = ok && rt_report__json_dump(&rest, root, FLAGS);
    json_decref(root);
    /* "{\n  \"loops\": []" then the rest; anything else is a jansson we
     * do not know, not a lack of memory. */
    if (ok && !(rest.len > head_len && memcmp(rest.data, head, head_len) == 0 &&
                rest.data[head_len] == ']')) {
        rt_buf__free(&rest);
        return RT_ERROR;
    }
    if (ok && n == 0)
        rt_buf__add(b, rest.data, rest.len);
    if (ok && n > 0) {
        rt_buf__add(b, head, head_len);
        for (size_t i = 0; ok && i < n; i++) {
            json_t *o = loop(g, rt_loops_get(loops, i), rt_packing_share(pk, i), i + 1);
            rt_buf__puts(b, i == 0 ? "\n    " : ",\n    ");
            ok = o && rt_report__json_dump_at(b, o, FLAGS, 4);
            json_decref(o);
        }
        rt_buf__puts(b, "\n  ");
        rt_buf__add(b, rest.data + head_len, rest.len - head_len);
    }
    rt_buf__free(&rest);
    return ok && !b->oom ? RT_OK : RT_ENOMEM;
}
