/*
 * Node-link JSON, as NetworkX's node_link_graph() reads it with its
 * defaults and D3 draws it:
 *
 *   {"directed": true, "multigraph": true,
 *    "graph": {graph fields},
 *    "nodes": [{"id": "e0", node fields}, ...],
 *    "edges": [{"source": "e0", "target": "e3", "key": "r0", edge fields}, ...],
 *    "links": the same array again}
 *
 * The edges are under both keys because NetworkX changed its default:
 * node_link_graph() reads "links" up to 3.5 (Debian 12 has 2.8.8; D3's
 * force layout names them so too) and "edges" from 3.6. Lists (kinds,
 * statuses, loops) are arrays, loop ranks numbers; a field with no value
 * is left out, as in GraphML.
 *
 * Each node and edge is built, dumped and freed in turn, as loops_json.c
 * does with loops, so a large graph never stands whole as a jansson tree;
 * the document around them is a few constant keys.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "export/export_impl.h"
#include "report/report_impl.h"
#include "roundtrip/roundtrip.h"

/* One node or edge a line: short, and a diff shows which changed. */
#define FLAGS 0

static bool put(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new(obj, key, value) == 0;
}

static bool push(json_t *arr, json_t *value)
{
    return value && json_array_append_new(arr, value) == 0;
}

/* "investor;chip" as ["investor", "chip"], "1;4" as [1, 4]. */
static json_t *list(const char *text, bool numbers)
{
    json_t *arr = json_array();
    bool ok = arr != NULL;

    for (const char *p = text; ok && *p;) {
        size_t n = strcspn(p, ";");
        ok = push(arr, numbers ? json_integer(strtoll(p, NULL, 10)) : json_stringn(p, n));
        p += n + (p[n] == ';');
    }
    if (ok)
        return arr;
    json_decref(arr);
    return NULL;
}

/* Each value of the record as a key of o. */
static bool fields(json_t *o, const rt_export_record *rec)
{
    bool ok = true;

    for (size_t i = 0; ok && i < rec->count; i++) {
        const rt_export_value *val = &rec->values[i];
        const rt_export_field *f = &rec->fields[i];
        json_t *j;
        if (!val->present)
            continue;
        switch (f->type) {
        case RT_EXPORT_INT:
        case RT_EXPORT_LONG:
            j = json_integer(val->number);
            break;
        case RT_EXPORT_BOOL:
            j = json_boolean(val->number);
            break;
        case RT_EXPORT_LIST:
            j = list(val->text, f->numbers);
            break;
        default:
            j = json_string(val->text);
        }
        ok = put(o, f->name, j);
    }
    return ok;
}

/* Dump o (then freed) at list indentation, after a separator. */
static bool item(rt_buf *b, json_t *o, bool first)
{
    bool ok;

    rt_buf__puts(b, first ? "\n    " : ",\n    ");
    ok = rt_report__json_dump_at(b, o, FLAGS, 4);
    json_decref(o);
    return ok;
}

static void section(rt_buf *b, const char *key, const rt_buf *items, bool last)
{
    rt_buf__printf(b, "  \"%s\": [", key);
    if (items->len) {
        rt_buf__add(b, items->data, items->len);
        rt_buf__puts(b, "\n  ");
    }
    rt_buf__puts(b, last ? "]\n" : "],\n");
}

int rt_export__json_graph(rt_buf *b, const rt_export_view *v)
{
    rt_export_record rec;
    rt_buf nodes = RT_BUF_INIT, edges = RT_BUF_INIT;
    char id[32];
    json_t *graph = json_object();
    bool ok;

    rt_export__record_init(&rec, RT_EXPORT_GRAPH);
    ok = graph && rt_export__graph_record(&rec, v) && fields(graph, &rec);
    rt_buf__puts(b, "{\n  \"directed\": true,\n  \"multigraph\": true,\n  \"graph\": ");
    ok = ok && rt_report__json_dump_at(b, graph, FLAGS, 2);
    rt_buf__puts(b, ",\n");
    json_decref(graph);
    rt_export__record_destroy(&rec);

    rt_export__record_init(&rec, RT_EXPORT_NODE);
    for (size_t e = 0; ok && e < rt_dataset_entity_count(v->ds); e++) {
        json_t *o = json_object();
        snprintf(id, sizeof(id), "e%zu", e);
        ok = o && put(o, "id", json_string(id)) && rt_export__node_record(&rec, v, e) &&
             fields(o, &rec);
        if (!ok) {
            json_decref(o);
            break;
        }
        ok = item(&nodes, o, e == 0);
    }
    rt_export__record_destroy(&rec);

    rt_export__record_init(&rec, RT_EXPORT_EDGE);
    for (size_t r = 0, n = 0; ok && r < rt_dataset_relationship_count(v->ds); r++) {
        const rt_relationship *rel = rt_dataset_relationship(v->ds, r);
        json_t *o;
        if (!rt_export__is_edge(v, r))
            continue;
        o = json_object();
        ok = o != NULL;
        snprintf(id, sizeof(id), "e%zu", rel->from);
        ok = ok && put(o, "source", json_string(id));
        snprintf(id, sizeof(id), "e%zu", rel->to);
        ok = ok && put(o, "target", json_string(id));
        snprintf(id, sizeof(id), "r%zu", r);
        ok = ok && put(o, "key", json_string(id)) && rt_export__edge_record(&rec, v, r) &&
             fields(o, &rec);
        if (!ok) {
            json_decref(o);
            break;
        }
        ok = item(&edges, o, n++ == 0);
    }
    rt_export__record_destroy(&rec);

    section(b, "nodes", &nodes, false);
    section(b, "edges", &edges, false);
    section(b, "links", &edges, true);
    rt_buf__puts(b, "}\n");
    ok = ok && !nodes.oom && !edges.oom;
    rt_buf__free(&nodes);
    rt_buf__free(&edges);
    return ok && !b->oom ? RT_OK : RT_ENOMEM;
}
