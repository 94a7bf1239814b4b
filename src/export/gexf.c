/*
 * GEXF 1.3 (gexf.net/1.3), for Gephi: a dynamic graph whose time is dates.
 * Nodes are the entities ("eN", labelled with the name), always there;
 * edges the relationships kept ("rN", their `kind` the relationship's
 * kind, so that Gephi keeps apart the equity and the partnership between
 * two parties rather than merging them), each with the spells in which its
 * claims held, so that Gephi's timeline replays the deals. The fields of
 * export_impl.h are the attributes of nodes and edges (the node's label is
 * its label); what the graph was computed on is the <meta> description, as
 * GEXF has no graph attributes. Written with libxml2's xmlTextWriter.
 *
 * The spells of an edge are its history: the periods in which its claims
 * held, each claim of the relationship that held as a status the filters
 * take (so a deal in talks, then confirmed, shows from the talks on),
 * merged where they meet or overlap. A spell is closed at both ends, in
 * days: a claim holds from the last day of its date (the day it is known:
 * "2025-06" from 2025-06-30) to the day before it no longer holds
 * (rt_claim.held_until). An undated claim holds from ever, one that still
 * holds for ever, and a spell open at an end has no start or no end; an
 * edge there all the time has no spells. With --as-of, the history is that
 * known by its date: later claims are left out, and a claim that ended
 * after it is still open. Relationships that no longer hold at all are not
 * edges (the filters keep them out), so they are not replayed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_impl.h"
#include "export/xml.h"
#include "model/model.h"
#include "roundtrip/roundtrip.h"
#include "util/alloc.h"

/* [from, to): year 0 is open (from ever, for ever). */
typedef struct spell {
    rt_date from;
    rt_date to;
} spell;

static int by_from(const void *pa, const void *pb)
{
    const spell *a = pa, *b = pb;

    return rt_date_compare(&a->from, &b->from); /* year 0, from ever, sorts first */
}

/* The day before a full date. */
static rt_date day_before(rt_date d)
{
    if (d.day > 1) {
        d.day--;
        return d;
    }
    if (d.month > 1)
        return rt_date__last_day((rt_date){d.year, (int8_t)(d.month - 1), 0});
    return (rt_date){(int16_t)(d.year - 1), 12, 31};
}

/*
 * Whether claim c is part of its edge's history: it held as a claim of a
 * status the filters take (its status while it held, `held`), and by the
 * filters' date, if any, it was known. What was to come after that date
 * was not known then: a spell still open on it stays open.
 */
static bool in_history(const rt_claim *c, const rt_graph_options *go, spell *out)
{
    const rt_date *as_of = &go->filter.as_of;

    if (!rt_status_carries_money(c->held))
        return false;
    if (go->filter.statuses && !(go->filter.statuses & (1u << c->held)))
        return false;
    out->from = c->date.year ? rt_date__last_day(c->date) : c->date;
    out->to = c->held_until;
    if (as_of->year) {
        rt_date limit = rt_date__last_day(*as_of);
        if (c->date.year == 0 || rt_date_compare(&out->from, &limit) > 0)
            return false;
        if (out->to.year && rt_date_compare(&out->to, &limit) > 0)
            out->to = (rt_date){0, 0, 0};
    }
    /* Ended before it was known: it never held a day. */
    return !(out->from.year && out->to.year && rt_date_compare(&out->from, &out->to) >= 0);
}

/* The merged spells of edge r into *s (grown as needed); their count, or
 * (size_t)-1 when out of memory. Time: O(k log k) for its k claims. */
static size_t spells_of(const rt_export_view *v, size_t r, spell **s, size_t *cap)
{
    const rt_relationship *rel = rt_dataset_relationship(v->ds, r);
    const rt_graph_options *go = rt_graph_options_used(v->g);
    size_t n = 0, m = 0;
    spell *grown = rt__grow(*s, cap, rel->claim_count + 1, sizeof(spell));

    if (!grown)
        return (size_t)-1;
    *s = grown;
    for (size_t k = 0; k < rel->claim_count; k++)
        if (in_history(rt_dataset_claim(v->ds, rel->first_claim + k), go, &grown[n]))
            n++;
    qsort(grown, n, sizeof(spell), by_from);
    for (size_t i = 0; i < n; i++) {
        spell *last = m ? &grown[m - 1] : NULL;
        if (last && (last->to.year == 0 || rt_date_compare(&grown[i].from, &last->to) <= 0)) {
            if (last->to.year &&
                (grown[i].to.year == 0 || rt_date_compare(&grown[i].to, &last->to) > 0))
                last->to = grown[i].to;
            continue;
        }
        grown[m++] = grown[i];
    }
    return m;
}

static const char *gexf_type(rt_export_type t)
{
    switch (t) {
    case RT_EXPORT_INT:
        return "integer";
    case RT_EXPORT_LONG:
        return "long";
    case RT_EXPORT_BOOL:
        return "boolean";
    default:
        return "string";
    }
}

/* Whether a field of domain d is an attribute: a node's label is not. */
static bool is_attribute(rt_export_domain d, const rt_export_field *f)
{
    return !(d == RT_EXPORT_NODE && strcmp(f->name, "label") == 0);
}

static void attributes(rt_xml *x, rt_export_domain d)
{
    size_t n;
    const rt_export_field *f = rt_export__fields(d, &n);

    rt_export__xml_open(x, "attributes");
    rt_export__xml_attr(x, "class", d == RT_EXPORT_NODE ? "node" : "edge");
    for (size_t i = 0; i < n; i++) {
        if (!is_attribute(d, &f[i]))
            continue;
        rt_export__xml_open(x, "attribute");
        rt_export__xml_attr(x, "id", f[i].name);
        rt_export__xml_attr(x, "title", f[i].name);
        rt_export__xml_attr(x, "type", gexf_type(f[i].type));
        rt_export__xml_close(x);
    }
    rt_export__xml_close(x);
}

static void attvalues(rt_xml *x, const rt_export_record *rec)
{
    char number[32];

    rt_export__xml_open(x, "attvalues");
    for (size_t i = 0; i < rec->count; i++) {
        const rt_export_value *val = &rec->values[i];
        const char *text = val->text;
        if (!val->present || !is_attribute(rec->domain, &rec->fields[i]))
            continue;
        if (rec->fields[i].type == RT_EXPORT_INT || rec->fields[i].type == RT_EXPORT_LONG) {
            snprintf(number, sizeof(number), "%" PRId64, val->number);
            text = number;
        } else if (rec->fields[i].type == RT_EXPORT_BOOL) {
            text = val->number ? "true" : "false";
        }
        rt_export__xml_open(x, "attvalue");
        rt_export__xml_attr(x, "for", rec->fields[i].name);
        rt_export__xml_attr(x, "value", text);
        rt_export__xml_close(x);
    }
    rt_export__xml_close(x);
}

static void write_spells(rt_xml *x, const spell *s, size_t n)
{
    char date[16];

    if (n == 0 || (n == 1 && s[0].from.year == 0 && s[0].to.year == 0))
        return;
    rt_export__xml_open(x, "spells");
    for (size_t i = 0; i < n; i++) {
        rt_export__xml_open(x, "spell");
        if (s[i].from.year)
            rt_export__xml_attr(x, "start", rt_export__date(date, &s[i].from));
        if (s[i].to.year) {
            rt_date last = day_before(s[i].to);
            rt_export__xml_attr(x, "end", rt_export__date(date, &last));
        }
        rt_export__xml_close(x);
    }
    rt_export__xml_close(x);
}

int rt_export__gexf(rt_buf *b, const rt_export_view *v, rt_diags *diags)
{
    rt_xml x;
    rt_export_record rec;
    size_t ne = rt_dataset_entity_count(v->ds), nr = rt_dataset_relationship_count(v->ds);
    size_t edges = 0, cap = 0, n;
    spell *s = NULL;
    char id[32], source[32], target[32], creator[64];
    bool ok;

    for (size_t r = 0; r < nr; r++)
        edges += rt_export__is_edge(v, r);
    rt_export__record_init(&rec, RT_EXPORT_GRAPH);
    rt_export__xml_begin(&x, b, diags);
    rt_export__xml_open(&x, "gexf");
    rt_export__xml_attr(&x, "xmlns", "http://gexf.net/1.3");
    rt_export__xml_attr(&x, "version", "1.3");
    rt_export__xml_open(&x, "meta");
    snprintf(creator, sizeof(creator), "roundtrip %s", rt_version());
    rt_export__xml_element(&x, "creator", creator);
    ok = rt_export__graph_record(&rec, v);
    if (ok)
        rt_export__xml_element(&x, "description", rec.values[0].text);
    rt_export__xml_close(&x);
    rt_export__record_destroy(&rec);
    rt_export__xml_open(&x, "graph");
    rt_export__xml_attr(&x, "defaultedgetype", "directed");
    rt_export__xml_attr(&x, "mode", "dynamic");
    rt_export__xml_attr(&x, "timeformat", "date");
    attributes(&x, RT_EXPORT_NODE);
    attributes(&x, RT_EXPORT_EDGE);

    rt_export__record_init(&rec, RT_EXPORT_NODE);
    snprintf(id, sizeof(id), "%zu", ne);
    rt_export__xml_open(&x, "nodes");
    rt_export__xml_attr(&x, "count", id);
    for (size_t e = 0; ok && x.rc == 0 && e < ne; e++) {
        if (!(ok = rt_export__node_record(&rec, v, e)))
            break;
        snprintf(id, sizeof(id), "e%zu", e);
        rt_export__xml_open(&x, "node");
        rt_export__xml_attr(&x, "id", id);
        rt_export__xml_attr(&x, "label", rec.values[0].present ? rec.values[0].text : "");
        attvalues(&x, &rec);
        rt_export__xml_close(&x);
    }
    rt_export__xml_close(&x);
    rt_export__record_destroy(&rec);

    rt_export__record_init(&rec, RT_EXPORT_EDGE);
    snprintf(id, sizeof(id), "%zu", edges);
    rt_export__xml_open(&x, "edges");
    rt_export__xml_attr(&x, "count", id);
    for (size_t r = 0; ok && x.rc == 0 && r < nr; r++) {
        const rt_relationship *rel = rt_dataset_relationship(v->ds, r);
        if (!rt_export__is_edge(v, r))
            continue;
        if (!(ok = rt_export__edge_record(&rec, v, r)) ||
            !(ok = (n = spells_of(v, r, &s, &cap)) != (size_t)-1))
            break;
        snprintf(id, sizeof(id), "r%zu", r);
        snprintf(source, sizeof(source), "e%zu", rel->from);
        snprintf(target, sizeof(target), "e%zu", rel->to);
        rt_export__xml_open(&x, "edge");
        rt_export__xml_attr(&x, "id", id);
        rt_export__xml_attr(&x, "source", source);
        rt_export__xml_attr(&x, "target", target);
        rt_export__xml_attr(&x, "kind", rt_rel_kind_name(rel->kind));
        attvalues(&x, &rec);
        write_spells(&x, s, n);
        rt_export__xml_close(&x);
    }
    rt_export__xml_close(&x);
    rt_export__record_destroy(&rec);
    rt__free(s);
    if (rt_export__xml_finish(&x) < 0)
        return x.rc;
    return ok ? RT_OK : RT_ENOMEM;
}
