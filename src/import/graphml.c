/*
 * GraphML graphs (Gephi, yEd, Cytoscape, or `roundtrip export --format
 * graphml`): each node an entity, each edge a claim from its source to its
 * target. Attributes are found by their attr.name, ours by default (node
 * name, else label, else its id; kinds or kind; parent; country; url;
 * note; edge kind, amount, status, date or first_date, end_date, until,
 * source or sources, url, deal, note); a map names others, as
 * "from=payer,to=payee,kind=type": the edge's ends are its XML source and
 * target unless mapped to an attribute that holds a node's id or name. An
 * edge of our own export carries claim_rows, every claim of its
 * relationship with its line: each is a claim again, on that line.
 *
 * Parsed by libxml2 without network access, entity substitution or DTD
 * loading, so a hostile file cannot reach out or expand.
 */
#include "import/import_impl.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "export/xml.h"
#include "util/alloc.h"

/* Our fields a map can name, and the attribute names read by default. */
enum {
    M_FROM,
    M_TO,
    M_NAME,
    M_KIND,
    M_PARENT,
    M_COUNTRY,
    M_URL,
    M_NOTE,
    M_AMOUNT,
    M_STATUS,
    M_DATE,
    M_END_DATE,
    M_UNTIL,
    M_SOURCE,
    M_DEAL,
    M_COUNT
};

static const char *const field_names[M_COUNT] = {
    "from",   "to",     "name", "kind",     "parent", "country", "url",  "note",
    "amount", "status", "date", "end_date", "until",  "source",  "deal",
};

/* A second name read when the first is absent (our export's). */
static const char *const fallback[M_COUNT] = {
    [M_NAME] = "label",
    [M_KIND] = "kinds",
    [M_DATE] = "first_date",
    [M_SOURCE] = "sources",
};

typedef struct key {
    const char *id, *name; /* in the document */
    const char *domain;    /* its for: "node", "edge", "all" or NULL */
} key;

typedef struct graph {
    rt_import_builder *b;
    key *keys;
    size_t nkeys;
    const char *names[M_COUNT]; /* the attribute name of each field */
    rt_strmap ids;              /* node id -> entity */
} graph;

static bool named(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const char *attr(xmlNode *n, const char *name)
{
    xmlAttr *a = xmlHasProp(n, (const xmlChar *)name);

    return a && a->children && a->children->content ? (const char *)a->children->content : NULL;
}

/* The text of an element's <data> whose key has attr.name `name`. */
static const char *data_of(graph *g, xmlNode *el, const char *name)
{
    if (!name)
        return NULL;
    for (xmlNode *d = el->children; d; d = d->next) {
        const char *k;
        if (!named(d, "data") || !(k = attr(d, "key")))
            continue;
        for (size_t i = 0; i < g->nkeys; i++)
            if (strcmp(g->keys[i].id, k) == 0 && strcmp(g->keys[i].name, name) == 0 &&
                (!g->keys[i].domain || strcmp(g->keys[i].domain, "all") == 0 ||
                 strcmp(g->keys[i].domain, (const char *)el->name) == 0)) {
                xmlChar *text = xmlNodeGetContent(d);
                const char *copy = NULL;
                if (text && *text)
                    copy = rt_import__copy(g->b, (const char *)text, strlen((const char *)text));
                xmlFree(text);
                return copy;
            }
    }
    return NULL;
}

/* A field: under its mapped name, else under ours, else our export's. A
 * map's "kind" names the edges' attribute; a node's kind is still read
 * under our names when its graph has no attribute of that name. */
static const char *field(graph *g, xmlNode *el, int f)
{
    const char *v = data_of(g, el, g->names[f]);

    if (!v && g->names[f] != field_names[f])
        v = data_of(g, el, field_names[f]);
    if (!v && fallback[f])
        v = data_of(g, el, fallback[f]);
    return v;
}

/* "from=payer,to=payee": 0, or RT_EINVAL after saying what is wrong. */
static int read_map(graph *g, const char *map)
{
    for (int f = 0; f < M_COUNT; f++)
        g->names[f] = f == M_FROM ? "source" : f == M_TO ? "target" : field_names[f];
    while (map && *map) {
        const char *comma = strchr(map, ','), *eq = strchr(map, '=');
        size_t n = comma ? (size_t)(comma - map) : strlen(map);
        int f = -1;
        if (!eq || eq >= map + n || eq == map || eq + 1 == map + n) {
            if (g->b->diags)
                rt_diags__add(g->b->diags, RT_SEVERITY_ERROR, NULL, 0, 0,
                              "--map: '%.*s' is not OURS=THEIRS (as in from=source,kind=type)",
                              (int)n, map);
            return RT_EINVAL;
        }
        for (int k = 0; k < M_COUNT; k++)
            if (strlen(field_names[k]) == (size_t)(eq - map) &&
                strncmp(field_names[k], map, (size_t)(eq - map)) == 0)
                f = k;
        if (f < 0) {
            if (g->b->diags)
                rt_diags__add(g->b->diags, RT_SEVERITY_ERROR, NULL, 0, 0,
                              "--map: '%.*s' is not a column roundtrip reads (from, to, name, "
                              "kind, parent, country, url, note, amount, status, date, end_date, "
                              "until, source, deal)",
                              (int)(eq - map), map);
            return RT_EINVAL;
        }
        g->names[f] = rt_import__copy(g->b, eq + 1, (size_t)(map + n - eq - 1));
        map += n + (comma ? 1 : 0);
    }
    return g->b->oom ? RT_ENOMEM : RT_OK;
}

/* The values of a ';'-separated list that are our entity kinds. */
static const char *kinds_of(graph *g, const char *list)
{
    char *out, *w;

    if (!list || !(out = rt__malloc(strlen(list) + 1)))
        return NULL;
    w = out;
    for (const char *s = list; *s;) {
        size_t n = strcspn(s, ";");
        char one[32];
        if (n < sizeof(one)) {
            memcpy(one, s, n);
            one[n] = '\0';
            if (rt_import__entity_kind_ok(one)) {
                if (w != out)
                    *w++ = ';';
                memcpy(w, one, n);
                w += n;
            }
        }
        s += n + (s[n] == ';');
    }
    *w = '\0';
    list = w == out ? NULL : rt_import__copy(g->b, out, (size_t)(w - out));
    rt__free(out);
    return list;
}

static int add_node(graph *g, xmlNode *n)
{
    const char *id = attr(n, "id"), *name = field(g, n, M_NAME);
    rt_import_row *row;
    size_t e;

    if (!id) {
        rt_import__skip(g->b, n->line, "a node without an id: left out");
        return RT_OK;
    }
    if (!name)
        name = id;
    if ((e = rt_import__entity(g->b, name)) == RT_NONE ||
        rt_strmap__put(&g->ids, id, strlen(id), e, NULL) < 0)
        return RT_ENOMEM;
    row = &g->b->entities[e];
    if (!row->f[RT_E_KIND])
        row->f[RT_E_KIND] = kinds_of(g, field(g, n, M_KIND));
    if (!row->f[RT_E_COUNTRY])
        row->f[RT_E_COUNTRY] = field(g, n, M_COUNTRY);
    if (!row->f[RT_E_URL])
        row->f[RT_E_URL] = field(g, n, M_URL);
    if (!row->f[RT_E_NOTE])
        row->f[RT_E_NOTE] = field(g, n, M_NOTE);
    return RT_OK;
}

/* A node named by its id, or else by its name. */
static size_t node_of(graph *g, const char *ref)
{
    size_t e;

    if (!ref)
        return RT_NONE;
    if (rt_strmap__get(&g->ids, ref, strlen(ref), &e))
        return e;
    return rt_import__find(g->b, ref);
}

static void add_parent(graph *g, xmlNode *n)
{
    const char *id = attr(n, "id"), *parent = field(g, n, M_PARENT);
    size_t e, p;

    if (!id || !parent || !rt_strmap__get(&g->ids, id, strlen(id), &e))
        return;
    if ((p = node_of(g, parent)) == RT_NONE) {
        rt_import__warn(g->b, n->line, "parent '%s' is not a node of the graph: left out", parent);
        return;
    }
    if (p != e && !g->b->entities[e].f[RT_E_PARENT])
        g->b->entities[e].f[RT_E_PARENT] = g->b->entities[p].f[RT_E_NAME];
}

/* An end of an edge: the XML attribute, or the mapped data. */
static size_t end_of(graph *g, xmlNode *el, int f)
{
    const char *xml = f == M_FROM ? "source" : "target";

    if (strcmp(g->names[f], xml) == 0)
        return node_of(g, attr(el, xml));
    return node_of(g, data_of(g, el, g->names[f]));
}

/* Our export's claim_rows: every claim of the edge, each back on its
 * line. RT_OK, or 1 when the edge has none (or they do not parse). */
static int add_claim_rows(graph *g, xmlNode *el, size_t from, size_t to, const char *kind)
{
    static const char *const keys[] = {"amount", "status", "date", "end_date", "until",
                                       "source", "url",    "deal", "note"};
    static const int cols[] = {RT_C_AMOUNT, RT_C_STATUS, RT_C_DATE, RT_C_END_DATE, RT_C_UNTIL,
                               RT_C_SOURCE, RT_C_URL,    RT_C_DEAL, RT_C_NOTE};
    const char *text = data_of(g, el, "claim_rows");
    json_t *rows = text ? json_loads(text, 0, NULL) : NULL;
    size_t i;
    json_t *o;

    if (!json_is_array(rows) || json_array_size(rows) == 0) {
        json_decref(rows);
        return 1;
    }
    json_array_foreach(rows, i, o)
    {
        json_t *line = json_object_get(o, "line");
        rt_import_row *row =
            rt_import__claim(g->b, json_is_integer(line) ? (double)json_integer_value(line) : 1e15);
        if (!row) {
            json_decref(rows);
            return RT_ENOMEM;
        }
        row->f[RT_C_FROM] = g->b->entities[from].f[RT_E_NAME];
        row->f[RT_C_TO] = g->b->entities[to].f[RT_E_NAME];
        row->f[RT_C_KIND] = kind;
        for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
            const char *v = json_string_value(json_object_get(o, keys[k]));
            row->f[cols[k]] = v && *v ? rt_import__copy(g->b, v, strlen(v)) : NULL;
        }
        if (row->f[RT_C_AMOUNT] && !rt_import__amount_ok(row->f[RT_C_AMOUNT]))
            row->f[RT_C_AMOUNT] = NULL;
        if (row->f[RT_C_STATUS] && !rt_import__status_ok(row->f[RT_C_STATUS]))
            row->f[RT_C_STATUS] = NULL;
        for (int d = RT_C_DATE; d <= RT_C_UNTIL; d++)
            if (row->f[d] && !rt_import__date_ok(row->f[d]))
                row->f[d] = NULL;
    }
    json_decref(rows);
    return RT_OK;
}

static int add_edge(graph *g, xmlNode *el, size_t order)
{
    const char *kind = field(g, el, M_KIND), *amount = field(g, el, M_AMOUNT);
    const char *status = field(g, el, M_STATUS), *source = field(g, el, M_SOURCE);
    size_t from = end_of(g, el, M_FROM), to = end_of(g, el, M_TO);
    static const int dates[] = {M_DATE, M_END_DATE, M_UNTIL};
    static const int cols[] = {RT_C_DATE, RT_C_END_DATE, RT_C_UNTIL};
    rt_import_row *row;

    if (from == RT_NONE || to == RT_NONE) {
        rt_import__skip(g->b, el->line, "an edge whose %s is not a node of the graph: left out",
                        from == RT_NONE ? "source" : "target");
        return RT_OK;
    }
    if (!kind || !rt_import__rel_kind_ok(kind)) {
        rt_import__skip(g->b, el->line,
                        "an edge of kind '%s', not one of roundtrip's (equity, compute, chips, "
                        "datacenter, services, loan, hosting, partnership; --map kind=NAME "
                        "reads another attribute): left out",
                        kind ? kind : "");
        return RT_OK;
    }
    {
        int rc = add_claim_rows(g, el, from, to, kind);
        if (rc <= 0)
            return rc;
    }
    /* Edges without rows are claims in the order of the edges, after those
     * that came back to their lines. */
    if (!(row = rt_import__claim(g->b, 2e15 + (double)order)))
        return RT_ENOMEM;
    row->f[RT_C_FROM] = g->b->entities[from].f[RT_E_NAME];
    row->f[RT_C_TO] = g->b->entities[to].f[RT_E_NAME];
    row->f[RT_C_KIND] = kind;
    if (amount && !rt_import__amount_ok(amount)) {
        rt_import__warn(g->b, el->line,
                        "amount '%s' is not one roundtrip reads: the claim has none", amount);
        amount = NULL;
    }
    row->f[RT_C_AMOUNT] = amount;
    row->f[RT_C_STATUS] = status && rt_import__status_ok(status) ? status : NULL;
    for (int i = 0; i < 3; i++) {
        const char *d = field(g, el, dates[i]);
        if (d && !rt_import__date_ok(d)) {
            rt_import__warn(g->b, el->line, "%s '%s' is not a date roundtrip reads: left out",
                            field_names[dates[i]], d);
            d = NULL;
        }
        row->f[cols[i]] = d;
    }
    /* Our export lists a relationship's sources with ';': the first. */
    if (source && g->names[M_SOURCE] == field_names[M_SOURCE] && !data_of(g, el, "source")) {
        size_t n = strcspn(source, ";");
        source = rt_import__copy(g->b, source, n);
    }
    row->f[RT_C_SOURCE] = source;
    row->f[RT_C_URL] = field(g, el, M_URL);
    row->f[RT_C_DEAL] = field(g, el, M_DEAL);
    row->f[RT_C_NOTE] = field(g, el, M_NOTE);
    return RT_OK;
}

int rt_import__graphml(rt_import_builder *b, const char *data, size_t len, const char *map)
{
    graph g = {.b = b, .ids = RT_STRMAP_INIT};
    xmlDoc *doc = NULL;
    xmlNode *root, *gr = NULL;
    size_t edges = 0;
    int rc;

    if ((rc = read_map(&g, map)) < 0)
        return rc;
    if (len > (size_t)INT32_MAX) {
        if (b->diags)
            rt_diags__add(b->diags, RT_SEVERITY_ERROR, b->file, 0, 0, "too big to read as XML");
        return RT_EDATA;
    }
    rt_export__xml_init();
    {
        xmlParserCtxt *ctxt = xmlNewParserCtxt();
        if (!ctxt)
            return RT_ENOMEM;
        doc = xmlCtxtReadMemory(ctxt, data, (int)len, b->file, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        if (!doc) {
            const xmlError *err = xmlCtxtGetLastError(ctxt);
            if (b->diags)
                rt_diags__add(b->diags, RT_SEVERITY_ERROR, b->file, err ? err->line : 0,
                              err ? err->int2 : 0, "not XML: %s",
                              err && err->message ? err->message : "unreadable");
            xmlFreeParserCtxt(ctxt);
            return RT_EDATA;
        }
        xmlFreeParserCtxt(ctxt);
    }
    root = xmlDocGetRootElement(doc);
    if (!root || !named(root, "graphml")) {
        if (b->diags)
            rt_diags__add(b->diags, RT_SEVERITY_ERROR, b->file, root ? root->line : 1, 1,
                          "not GraphML: the document is <%s>, not <graphml>",
                          root ? (const char *)root->name : "empty");
        xmlFreeDoc(doc);
        return RT_EDATA;
    }
    for (xmlNode *n = root->children; n; n = n->next) {
        if (named(n, "key") && attr(n, "id") && attr(n, "attr.name")) {
            key *more = rt__realloc(g.keys, (g.nkeys + 1) * sizeof(*more));
            if (!more) {
                rc = RT_ENOMEM;
                goto out;
            }
            g.keys = more;
            g.keys[g.nkeys++] = (key){attr(n, "id"), attr(n, "attr.name"), attr(n, "for")};
        } else if (named(n, "graph") && !gr) {
            gr = n;
        }
    }
    if (!gr) {
        if (b->diags)
            rt_diags__add(b->diags, RT_SEVERITY_ERROR, b->file, root->line, 1,
                          "not GraphML: no <graph> in <graphml>");
        rc = RT_EDATA;
        goto out;
    }
    for (xmlNode *n = gr->children; n && rc == RT_OK; n = n->next)
        if (named(n, "node"))
            rc = add_node(&g, n);
    for (xmlNode *n = gr->children; n && rc == RT_OK; n = n->next)
        if (named(n, "node"))
            add_parent(&g, n);
    for (xmlNode *n = gr->children; n && rc == RT_OK; n = n->next)
        if (named(n, "edge"))
            rc = add_edge(&g, n, edges++);
        else if (n->type == XML_ELEMENT_NODE && !named(n, "node") && !named(n, "data") &&
                 !named(n, "desc"))
            rt_import__skip(b, n->line, "a <%s> is not a node or an edge: left out",
                            (const char *)n->name);
out:
    rt__free(g.keys);
    rt_strmap__destroy(&g.ids);
    xmlFreeDoc(doc);
    return rc;
}
