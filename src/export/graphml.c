/*
 * GraphML (graphml.graphdrawing.org/xmlns, valid against its 1.0 schema):
 * a typed <key> for every field of the graph, its nodes and its edges
 * (export_impl.h), then one directed <graph> whose <data> say what it was
 * computed on, a <node id="eN"> per entity and an <edge id="rN"> per
 * relationship kept. Key ids are the field's name after "g_", "n_" or
 * "e_"; attr.name is the field's name, which NetworkX's read_graphml()
 * and Cytoscape show. Written with libxml2's xmlTextWriter.
 */
#include <inttypes.h>
#include <stdio.h>

#include "export/export_impl.h"
#include "export/xml.h"
#include "roundtrip/roundtrip.h"

static const char *const prefix[] = {"g_", "n_", "e_"};
static const char *const domain_name[] = {"graph", "node", "edge"};

static const char *graphml_type(rt_export_type t)
{
    switch (t) {
    case RT_EXPORT_INT:
        return "int";
    case RT_EXPORT_LONG:
        return "long";
    case RT_EXPORT_BOOL:
        return "boolean";
    default:
        return "string";
    }
}

static void keys(rt_xml *x, rt_export_domain d)
{
    size_t n;
    const rt_export_field *f = rt_export__fields(d, &n);
    char id[64];

    for (size_t i = 0; i < n; i++) {
        snprintf(id, sizeof(id), "%s%s", prefix[d], f[i].name);
        rt_export__xml_open(x, "key");
        rt_export__xml_attr(x, "id", id);
        rt_export__xml_attr(x, "for", domain_name[d]);
        rt_export__xml_attr(x, "attr.name", f[i].name);
        rt_export__xml_attr(x, "attr.type", graphml_type(f[i].type));
        rt_export__xml_close(x);
    }
}

/* A <data> for each value of the record. */
static void data(rt_xml *x, const rt_export_record *rec)
{
    char id[64], number[32];

    for (size_t i = 0; i < rec->count; i++) {
        const rt_export_value *val = &rec->values[i];
        if (!val->present)
            continue;
        snprintf(id, sizeof(id), "%s%s", prefix[rec->domain], rec->fields[i].name);
        rt_export__xml_open(x, "data");
        rt_export__xml_attr(x, "key", id);
        switch (rec->fields[i].type) {
        case RT_EXPORT_INT:
        case RT_EXPORT_LONG:
            snprintf(number, sizeof(number), "%" PRId64, val->number);
            rt_export__xml_text(x, number);
            break;
        case RT_EXPORT_BOOL:
            rt_export__xml_text(x, val->number ? "true" : "false");
            break;
        default:
            rt_export__xml_text(x, val->text);
        }
        rt_export__xml_close(x);
    }
}

int rt_export__graphml(rt_buf *b, const rt_export_view *v, rt_diags *diags)
{
    rt_xml x;
    rt_export_record rec;
    char id[32], source[32], target[32];
    bool ok = true;

    rt_export__record_init(&rec, RT_EXPORT_GRAPH);
    rt_export__xml_begin(&x, b, diags);
    rt_export__xml_open(&x, "graphml");
    rt_export__xml_attr(&x, "xmlns", "http://graphml.graphdrawing.org/xmlns");
    rt_export__xml_attr(&x, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    rt_export__xml_attr(&x, "xsi:schemaLocation",
                        "http://graphml.graphdrawing.org/xmlns "
                        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
    keys(&x, RT_EXPORT_GRAPH);
    keys(&x, RT_EXPORT_NODE);
    keys(&x, RT_EXPORT_EDGE);
    rt_export__xml_open(&x, "graph");
    rt_export__xml_attr(&x, "id", "money");
    rt_export__xml_attr(&x, "edgedefault", "directed");
    ok = rt_export__graph_record(&rec, v);
    if (ok)
        data(&x, &rec);
    rt_export__record_destroy(&rec);
    rt_export__record_init(&rec, RT_EXPORT_NODE);
    for (size_t e = 0; ok && x.rc == 0 && e < rt_dataset_entity_count(v->ds); e++) {
        snprintf(id, sizeof(id), "e%zu", e);
        if (!(ok = rt_export__node_record(&rec, v, e)))
            break;
        rt_export__xml_open(&x, "node");
        rt_export__xml_attr(&x, "id", id);
        data(&x, &rec);
        rt_export__xml_close(&x);
    }
    rt_export__record_destroy(&rec);
    rt_export__record_init(&rec, RT_EXPORT_EDGE);
    for (size_t r = 0; ok && x.rc == 0 && r < rt_dataset_relationship_count(v->ds); r++) {
        const rt_relationship *rel = rt_dataset_relationship(v->ds, r);
        if (!rt_export__in_history(v, r))
            continue;
        snprintf(id, sizeof(id), "r%zu", r);
        snprintf(source, sizeof(source), "e%zu", rel->from);
        snprintf(target, sizeof(target), "e%zu", rel->to);
        if (!(ok = rt_export__edge_record(&rec, v, r)))
            break;
        rt_export__xml_open(&x, "edge");
        rt_export__xml_attr(&x, "id", id);
        rt_export__xml_attr(&x, "source", source);
        rt_export__xml_attr(&x, "target", target);
        data(&x, &rec);
        rt_export__xml_close(&x);
    }
    rt_export__record_destroy(&rec);
    if (rt_export__xml_finish(&x) < 0)
        return x.rc;
    return ok ? RT_OK : RT_ENOMEM;
}
