/*
 * The loop explorer: one HTML page that needs nothing else. It holds the
 * SVG drawing (rt_render__svg(): nodes with id "eN", relationship edges
 * "rN"), the data as JSON in <script type="application/json"
 * id="rt-data">, and the explorer's script and style (explorer.js,
 * explorer.css, embedded at build time), under a Content-Security-Policy
 * that allows those two inline elements by their SHA-256 and nothing
 * else: the page makes no request.
 *
 * Time is computed here, not in the script: for every date at which the
 * world can change (each claim's date, until and held_until, before the
 * as-of date of `loops`, if any), the graph is built as of that date with
 * the same options and its loops found, exactly as `roundtrip loops
 * --as-of DATE` would; the last snapshot is `loops` itself. A loop is the
 * same loop at two dates when it goes through the same entities in the
 * same cyclic order (its key). The drawing holds every relationship drawn
 * at some date (not only the last), at the place the layout of them all
 * gives it; each snapshot says which edges are drawn then and how they
 * read, and the script only shows, hides and relabels.
 *
 * The JSON, compact, keys in this order ("usd" is {"low": n, "high": n}
 * or null; "text" a figure as the reports write it, or null):
 *
 *   {"version": "0.1.0", "title": "...",
 *    "statuses": ["confirmed", "reported", ...],   status names by index
 *    "max_len": 4 | null, "all": false, "temporal": false,
 *    "entities": [{"id": "e0", "name": "...", "kinds": ["investor"],
 *                  "country": s | null, "url": web URL | null,
 *                  "parent": entity index | null}],
 *    "relationships": [{"id": "r0", "from": entity, "to": entity,
 *                       "kind": "equity", "class": "stake", "claims": [claim index, ...]}],
 *    "claims": [{"relationship": r, "amount": text, "date": "2025-12" | null,
 *                "source": s | null, "url": web URL | null, "line": n}],
 *    "loops": [{"key": "0 5 9", "snapshots": [snapshot index, ...]}],
 *    "snapshots": [{"as_of": "2025-12-16" | null (the last, when no date),
 *                   "loops": [{"loop": index in "loops", "rank": n,
 *                              "members": [entity, ...], "kind": "direct",
 *                              "status": "confirmed", "circulating": text,
 *                              "circulating_usd": usd, "ratio": x | null,
 *                              "hops": [[relationship, ...], ...],
 *                              "links": [relationship, ...]}],
 *                   "edges": [null | [status index, "equity $10B"], ...],
 *                   "exposures": [null | {"stakes_out": text, "stakes_in": text,
 *                     "spend_paid": text, "spend_received": text,
 *                     "recapture": text, "recapture_ratio": x | null,
 *                     "returns": text}, ...],   per entity, as of the date
 *                   "claims": [status index | null, ...]}]}
 *
 * A snapshot's "edges" has an entry per relationship: null when it is not
 * drawn at that date (rt_render__drawable()), else its status and its label
 * then; "claims" an entry per claim: its status then if its relationship
 * kept it, else null. A dataset whose dates times relationships, claims and
 * loops pass RT_HTML_MAX_CELLS gets the last snapshot alone, and a warning.
 *
 * Loops in a snapshot are in rank order ("rank" is the position, from 1).
 * A hop i runs from members[i] to members[(i + 1) % length]. URLs are
 * there only when rt_url__is_web() accepts them. '<', '>' and '&' are
 * written \u003c, \u003e and \u0026, so no text of the data can end the
 * script element or start markup. Links between the drawing and the data
 * are the ids: the script gives each SVG edge data-loops and each node
 * data-entity from them.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_impl.h"
#include "report/report_impl.h"
#include "roundtrip/roundtrip.h"
#include "util/alloc.h"
#include "util/diag.h"
#include "util/url.h"

/* The most entries (dates times relationships, claims and loops) the page
 * holds for its time slider. */
#define RT_HTML_MAX_CELLS 4000000

static bool put(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new(obj, key, value) == 0;
}

static bool push(json_t *arr, json_t *value)
{
    return value && json_array_append_new(arr, value) == 0;
}

static json_t *child_array(json_t *obj, const char *key)
{
    json_t *arr = json_array();

    return put(obj, key, arr) ? arr : NULL;
}

static json_t *string_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *web_or_null(const char *url)
{
    return rt_url__is_web(url) ? json_string(url) : json_null();
}

static json_t *index_or_null(size_t i)
{
    return i == RT_NONE ? json_null() : json_integer((json_int_t)i);
}

static json_t *date_or_null(const rt_date *d)
{
    char text[16];

    if (d->year == 0)
        return json_null();
    rt_date_format(text, sizeof(text), d);
    return json_string(text);
}

static json_t *amount_text(const rt_amount *a)
{
    char text[96];

    if (a->unit == RT_AMOUNT_UNKNOWN)
        return json_null();
    rt_amount_format(text, sizeof(text), a);
    return json_string(text);
}

static json_t *ratio(double x)
{
    return json_real(round(x * 10000.0) / 10000.0);
}

/* Who is exposed as of the loops' date: per entity, null or its figures. */
static json_t *exposures_of(const rt_loops *loops, rt_diags *diags, int *rc)
{
    const rt_graph *g = rt_loops_graph(loops);
    size_t n = rt_dataset_entity_count(rt_graph_dataset(g));
    rt_exposures *x = NULL;
    json_t *arr = json_array();
    bool ok = arr != NULL;

    for (size_t i = 0; ok && i < n; i++)
        ok = json_array_append_new(arr, json_null()) == 0;
    if (ok && (*rc = rt_exposures_compute(&x, g, RT_SORT_NAME, diags)) < 0)
        ok = false;
    for (size_t i = 0; ok && i < rt_exposures_count(x); i++) {
        const rt_exposure *e = rt_exposures_get(x, i);
        json_t *o = json_object();
        ok = o && json_array_set_new(arr, rt_graph_vertex_entity(g, e->vertex), o) == 0 &&
             put(o, "stakes_out", amount_text(&e->stakes_out)) &&
             put(o, "stakes_in", amount_text(&e->stakes_in)) &&
             put(o, "spend_paid", amount_text(&e->spend_paid)) &&
             put(o, "spend_received", amount_text(&e->spend_received)) &&
             put(o, "recapture", amount_text(&e->recapture)) &&
             put(o, "recapture_ratio",
                 e->has_recapture_ratio ? ratio(e->recapture_ratio) : json_null()) &&
             put(o, "returns", amount_text(&e->returns));
    }
    rt_exposures_free(x);
    if (!ok) {
        json_decref(arr);
        if (*rc >= 0)
            *rc = RT_ENOMEM;
        return NULL;
    }
    return arr;
}

static bool add_entities(json_t *root, const rt_dataset *ds)
{
    json_t *arr = child_array(root, "entities");
    bool ok = arr != NULL;

    for (size_t i = 0; ok && i < rt_dataset_entity_count(ds); i++) {
        const rt_entity *ent = rt_dataset_entity(ds, i);
        json_t *o = json_object(), *kinds;
        char id[32];
        snprintf(id, sizeof(id), "e%zu", i);
        ok = push(arr, o) && put(o, "id", json_string(id)) &&
             put(o, "name", json_string(ent->name)) && (kinds = child_array(o, "kinds")) &&
             put(o, "country", string_or_null(ent->country)) &&
             put(o, "url", web_or_null(ent->url)) && put(o, "parent", index_or_null(ent->parent));
        for (int k = 0; ok && k < RT_ENTITY_KIND_COUNT; k++)
            if (ent->kinds & (1u << k))
                ok = push(kinds, json_string(rt_entity_kind_name((rt_entity_kind)(1 << k))));
    }
    return ok;
}

static bool add_relationships(json_t *root, const rt_dataset *ds)
{
    json_t *rels = child_array(root, "relationships"), *claims = child_array(root, "claims");
    bool ok = rels && claims;

    for (size_t r = 0; ok && r < rt_dataset_relationship_count(ds); r++) {
        const rt_relationship *rel = rt_dataset_relationship(ds, r);
        json_t *o = json_object(), *list;
        char id[32];
        snprintf(id, sizeof(id), "r%zu", r);
        ok = push(rels, o) && put(o, "id", json_string(id)) &&
             put(o, "from", json_integer((json_int_t)rel->from)) &&
             put(o, "to", json_integer((json_int_t)rel->to)) &&
             put(o, "kind", json_string(rt_rel_kind_name(rel->kind))) &&
             put(o, "class", json_string(rt_rel_class_name(rt_rel_kind_class(rel->kind)))) &&
             (list = child_array(o, "claims"));
        for (size_t k = 0; ok && k < rel->claim_count; k++)
            ok = push(list, json_integer((json_int_t)rel->first_claim + (json_int_t)k));
    }
    for (size_t i = 0; ok && i < rt_dataset_claim_count(ds); i++) {
        const rt_claim *c = rt_dataset_claim(ds, i);
        json_t *o = json_object();
        ok = push(claims, o) && put(o, "relationship", json_integer((json_int_t)c->relationship)) &&
             put(o, "amount", amount_text(&c->amount)) && put(o, "date", date_or_null(&c->date)) &&
             put(o, "source", string_or_null(c->source)) && put(o, "url", web_or_null(c->url)) &&
             put(o, "line", json_integer(c->line));
    }
    return ok;
}

/* The key of a loop: its members' entity indexes from the smallest, in
 * order, space-separated. */
static bool loop_key(rt_buf *b, const rt_graph *g, const rt_loop *l)
{
    size_t start = 0;

    b->len = 0;
    for (size_t i = 1; i < l->length; i++)
        if (rt_graph_vertex_entity(g, l->vertices[i]) <
            rt_graph_vertex_entity(g, l->vertices[start]))
            start = i;
    for (size_t i = 0; i < l->length; i++)
        rt_buf__printf(b, "%s%zu", i ? " " : "",
                       rt_graph_vertex_entity(g, l->vertices[(start + i) % l->length]));
    return !b->oom;
}

typedef struct page {
    json_t *loops;     /* the "loops" array */
    json_t *index;     /* key -> index in loops */
    json_t *snapshots; /* the "snapshots" array */
    rt_buf key;
    unsigned char *drawn, *on_loop; /* per relationship, at some date: rt_render_union */
} page;

/* The snapshot's entry of loop l of rank `rank`, its loop in page->loops
 * found or added. */
static json_t *loop_entry(page *p, const rt_graph *g, const rt_loop *l, size_t rank)
{
    json_t *o = json_object(), *known, *members, *hops, *links, *in;
    size_t at;
    bool ok;

    if (!o || !loop_key(&p->key, g, l))
        goto fail;
    known = json_object_get(p->index, p->key.data);
    if (known) {
        at = (size_t)json_integer_value(known);
    } else {
        json_t *u = json_object();
        at = json_array_size(p->loops);
        if (!push(p->loops, u) || !put(u, "key", json_string(p->key.data)) ||
            !child_array(u, "snapshots") ||
            !put(p->index, p->key.data, json_integer((json_int_t)at)))
            goto fail;
    }
    in = json_object_get(json_array_get(p->loops, at), "snapshots");
    ok = push(in, json_integer((json_int_t)json_array_size(p->snapshots))) &&
         put(o, "loop", json_integer((json_int_t)at)) &&
         put(o, "rank", json_integer((json_int_t)rank)) && (members = child_array(o, "members")) &&
         put(o, "kind", json_string(rt_report__kind(l))) &&
         put(o, "status", json_string(rt_status_name(l->weakest)));
    if (ok) {
        rt_amount c = rt_graph_scenario_amount(g, &l->figures.circulating);
        ok = put(o, "circulating", amount_text(&c)) &&
             put(o, "circulating_usd", rt_report__json_usd(&c)) &&
             put(o, "ratio", l->figures.has_ratio ? ratio(l->figures.ratio) : json_null()) &&
             (hops = child_array(o, "hops")) && (links = child_array(o, "links"));
    }
    for (size_t i = 0; ok && i < l->length; i++) {
        const rt_arc *a = rt_graph_arc(g, l->arcs[i]);
        json_t *rels = json_array();
        ok = push(members, json_integer((json_int_t)rt_graph_vertex_entity(g, l->vertices[i]))) &&
             push(hops, rels);
        for (size_t k = 0; ok && k < a->relationship_count; k++)
            ok = push(rels, json_integer((json_int_t)a->relationships[k]));
    }
    for (size_t i = 0; ok && i < l->link_count; i++)
        ok = push(links, json_integer((json_int_t)l->links[i]));
    if (ok)
        return o;
fail:
    json_decref(o);
    return NULL;
}

/* The snapshot's "edges": per relationship, null when it is not drawn at
 * the snapshot's date, else [status index, label] as the drawing would
 * label it then; and the marks of what the page's drawing must hold. */
static bool add_edges(page *p, json_t *snap, const rt_loops *loops)
{
    const rt_graph *g = rt_loops_graph(loops);
    size_t nrel = rt_dataset_relationship_count(rt_graph_dataset(g));
    json_t *edges = child_array(snap, "edges");
    rt_buf text = RT_BUF_INIT;
    bool ok = edges != NULL;

    for (size_t i = 0; i < rt_loops_count(loops); i++) {
        const rt_loop *l = rt_loops_get(loops, i);
        for (size_t h = 0; h < l->length; h++) {
            const rt_arc *a = rt_graph_arc(g, l->arcs[h]);
            for (size_t k = 0; k < a->relationship_count; k++)
                p->on_loop[a->relationships[k]] = 1;
        }
    }
    for (size_t r = 0; ok && r < nrel; r++) {
        json_t *e;
        if (!rt_render__drawable(g, r)) {
            ok = push(edges, json_null());
            continue;
        }
        p->drawn[r] = 1;
        text.len = 0;
        rt_render__edge_text(&text, g, r);
        ok = !text.oom && (e = json_array()) && push(edges, e) &&
             push(e, json_integer(rt_graph_flow(g, r)->status)) && push(e, json_string(text.data));
    }
    rt_buf__free(&text);
    return ok;
}

static int add_snapshot(page *p, const rt_loops *loops, rt_diags *diags)
{
    const rt_graph *g = rt_loops_graph(loops);
    const rt_dataset *ds = rt_graph_dataset(g);
    const rt_date *as_of = &rt_graph_options_used(g)->filter.as_of;
    size_t nclaims = rt_dataset_claim_count(ds);
    json_t *snap = json_object(), *list, *claims, **status = NULL;
    bool ok = snap && put(snap, "as_of", date_or_null(as_of)) &&
              (list = child_array(snap, "loops")) && (claims = child_array(snap, "claims"));

    for (size_t i = 0; ok && i < rt_loops_count(loops); i++)
        ok = push(list, loop_entry(p, g, rt_loops_get(loops, i), i + 1));
    ok = ok && add_edges(p, snap, loops);
    if (ok) {
        int rc = RT_OK;
        json_t *x = exposures_of(loops, diags, &rc);
        if (!x) {
            json_decref(snap);
            return rc < 0 ? rc : RT_ENOMEM;
        }
        ok = put(snap, "exposures", x);
    }
    ok = ok && (status = rt__calloc(nclaims + 1, sizeof(json_t *)));
    for (size_t r = 0; ok && r < rt_dataset_relationship_count(ds); r++) {
        const rt_flow *fl = rt_graph_flow(g, r);
        for (size_t k = 0; ok && fl->kept && k < fl->claim_count; k++) {
            rt_status st = rt_claim_status_as_of(rt_dataset_claim(ds, fl->claims[k]), as_of);
            ok = (status[fl->claims[k]] = json_integer(st)) != NULL;
        }
    }
    for (size_t i = 0; ok && i < nclaims; i++) {
        ok = push(claims, status[i] ? status[i] : json_null());
        status[i] = NULL;
    }
    for (size_t i = 0; status && i < nclaims; i++)
        json_decref(status[i]);
    rt__free(status);
    if (!ok) {
        json_decref(snap);
        return RT_ENOMEM;
    }
    return push(p->snapshots, snap) ? RT_OK : RT_ENOMEM;
}

static int by_date(const void *a, const void *b)
{
    return rt_date_compare(a, b);
}

/* The dates before `before` (every date when its year is 0) at which a
 * claim is made or ends, sorted, each once: *count of them in *out (free
 * with rt__free()). */
static int change_dates(rt_date **out, size_t *count, const rt_dataset *ds, const rt_date *before)
{
    size_t n = rt_dataset_claim_count(ds), k = 0;
    rt_date *dates = rt__malloc((3 * n + 1) * sizeof(rt_date));

    if (!dates)
        return RT_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const rt_claim *c = rt_dataset_claim(ds, i);
        const rt_date *d[3] = {&c->date, &c->until, &c->held_until};
        for (int j = 0; j < 3; j++)
            if (d[j]->year && (before->year == 0 || rt_date_compare(d[j], before) < 0))
                dates[k++] = *d[j];
    }
    qsort(dates, k, sizeof(rt_date), by_date);
    *count = 0;
    for (size_t i = 0; i < k; i++)
        if (*count == 0 || rt_date_compare(&dates[*count - 1], &dates[i]) != 0)
            dates[(*count)++] = dates[i];
    *out = dates;
    return RT_OK;
}

/* The loops of every change date, then those of `loops`. */
static int add_snapshots(page *p, const rt_loops *loops, rt_diags *diags)
{
    const rt_graph *base = rt_loops_graph(loops);
    rt_graph_options go = *rt_graph_options_used(base);
    rt_loop_options lo = *rt_loops_options(loops);
    rt_date *dates = NULL;
    size_t count = 0;
    int rc = change_dates(&dates, &count, rt_graph_dataset(base), &go.filter.as_of);

    lo.progress = NULL;
    lo.progress_payload = NULL;
    /* Each snapshot holds an entry per relationship and per loop: past a
     * few million, the page would be too big to open, so it shows the
     * latest view alone. */
    if (rc == RT_OK && count > 0) {
        const rt_dataset *ds = rt_graph_dataset(base);
        size_t per = rt_dataset_relationship_count(ds) + rt_dataset_claim_count(ds) +
                     rt_dataset_entity_count(ds) + rt_loops_count(loops) + 1;
        if ((count + 1) > RT_HTML_MAX_CELLS / per) {
            if (diags)
                rt_diags__add(diags, RT_SEVERITY_WARNING, NULL, 0, 0,
                              "the loop explorer shows the latest view only: %zu dates of %zu "
                              "relationships and claims would make a page too big to open "
                              "(at most %d entries); --as-of or --min-amount make it smaller",
                              count + 1, per, RT_HTML_MAX_CELLS);
            count = 0;
        }
    }
    for (size_t i = 0; rc == RT_OK && i < count; i++) {
        rt_graph *g = NULL;
        rt_loops *found = NULL;
        go.filter.as_of = dates[i];
        if ((rc = rt_graph_build(&g, rt_graph_dataset(base), &go, diags)) == RT_OK &&
            (rc = rt_loops_find(&found, g, &lo)) == RT_OK)
            rc = add_snapshot(p, found, diags);
        rt_loops_free(found);
        rt_graph_free(g);
    }
    rt__free(dates);
    return rc == RT_OK ? add_snapshot(p, loops, diags) : rc;
}

/* The page's data, as one JSON tree in *out; and in *drawn and *on_loop
 * (rt__free() them) what its drawing must hold to show every date. */
static int page_data(json_t **out, unsigned char **drawn, unsigned char **on_loop,
                     const rt_loops *loops, const char *title, rt_diags *diags)
{
    const rt_graph *g = rt_loops_graph(loops);
    const rt_loop_options *lo = rt_loops_options(loops);
    size_t nrel = rt_dataset_relationship_count(rt_graph_dataset(g));
    json_t *root = json_object(), *statuses;
    page p = {.index = json_object(),
              .key = RT_BUF_INIT,
              .drawn = rt__calloc(nrel + 1, 1),
              .on_loop = rt__calloc(nrel + 1, 1)};
    int rc = RT_OK;
    bool ok =
        root && p.index && p.drawn && p.on_loop &&
        put(root, "version", json_string(rt_version())) && put(root, "title", json_string(title)) &&
        (statuses = child_array(root, "statuses")) &&
        put(root, "max_len",
            lo->cycles.max_len ? json_integer((json_int_t)lo->cycles.max_len) : json_null()) &&
        put(root, "all", json_boolean(lo->all)) &&
        put(root, "temporal", json_boolean(lo->temporal));

    for (int s = 0; ok && s < RT_STATUS_COUNT; s++)
        ok = push(statuses, json_string(rt_status_name((rt_status)s)));
    ok = ok && add_entities(root, rt_graph_dataset(g)) &&
         add_relationships(root, rt_graph_dataset(g)) && (p.loops = child_array(root, "loops")) &&
         (p.snapshots = child_array(root, "snapshots"));
    if (ok && (rc = add_snapshots(&p, loops, diags)) < 0)
        ok = false;
    json_decref(p.index);
    rt_buf__free(&p.key);
    if (!ok) {
        json_decref(root);
        rt__free(p.drawn);
        rt__free(p.on_loop);
        return rc < 0 ? rc : RT_ENOMEM;
    }
    *out = root;
    *drawn = p.drawn;
    *on_loop = p.on_loop;
    return RT_OK;
}

/* jansson writes into the page with '<', '>' and '&' as \u escapes: they
 * occur only inside strings, where the escape means the same. */
static int dump_escaped(const char *buffer, size_t size, void *data)
{
    rt_buf *b = data;
    size_t start = 0;

    for (size_t i = 0; i < size; i++) {
        const char *esc = buffer[i] == '<'   ? "\\u003c"
                          : buffer[i] == '>' ? "\\u003e"
                          : buffer[i] == '&' ? "\\u0026"
                                             : NULL;
        if (!esc)
            continue;
        rt_buf__add(b, buffer + start, i - start);
        rt_buf__puts(b, esc);
        start = i + 1;
    }
    rt_buf__add(b, buffer + start, size - start);
    return b->oom ? -1 : 0;
}

/* Text for HTML content or a quoted attribute. */
static void html_text(rt_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            rt_buf__puts(b, "&amp;");
            break;
        case '<':
            rt_buf__puts(b, "&lt;");
            break;
        case '>':
            rt_buf__puts(b, "&gt;");
            break;
        case '"':
            rt_buf__puts(b, "&quot;");
            break;
        case '\'':
            rt_buf__puts(b, "&#39;");
            break;
        default:
            rt_buf__add(b, s, 1);
        }
    }
}

/* The title: the options', or the dataset as it was named. */
static char *page_title(const rt_loops *loops, const rt_render_options *opts)
{
    const rt_dataset *ds = rt_graph_dataset(rt_loops_graph(loops));
    const char *file = rt_dataset_relationships_file(ds);
    size_t flen = strlen(file), suffix = strlen("/relationships.csv");
    bool dir = rt_dataset_entities_file(ds) && flen > suffix &&
               strcmp(file + flen - suffix, "/relationships.csv") == 0;

    if (opts->title)
        return rt__strndup(opts->title, strlen(opts->title));
    return rt__strndup(file, dir ? flen - suffix : flen);
}

/* The drawing from its <svg> element on: the XML declaration and doctype
 * before it have no place inside HTML. */
static const char *svg_element(const char *svg)
{
    const char *at = strstr(svg, "<svg");

    return at ? at : svg;
}

/* The page: its data first, for the drawing must hold every relationship
 * drawn at some date; then the drawing (unless `svg` is given). */
static int html(char **out, size_t *len, const rt_loops *loops, const rt_render_options *opts,
                const char *svg, rt_diags *diags)
{
    char *title = NULL, *drawing = NULL;
    unsigned char *drawn = NULL, *on_loop = NULL;
    json_t *data = NULL;
    rt_buf b = RT_BUF_INIT;
    int rc;

    *out = NULL;
    *len = 0;
    rc = RT_ENOMEM;
    if (!(title = page_title(loops, opts)))
        goto out;
    if ((rc = page_data(&data, &drawn, &on_loop, loops, title, diags)) < 0)
        goto out;
    if (!svg) {
        rt_render_union also = {drawn, on_loop};
        size_t svg_len;
        if ((rc = rt_render__svg(&drawing, &svg_len, loops, opts, &also, diags)) < 0)
            goto out;
        svg = drawing;
    }
    rc = RT_ENOMEM;
    rt_buf__puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    rt_buf__printf(&b,
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "script-src %s; style-src %s; img-src data:; base-uri 'none'; "
                   "form-action 'none'\">\n",
                   rt_render__explorer_js_csp, rt_render__explorer_css_csp);
    rt_buf__puts(&b, "<meta name=\"generator\" content=\"roundtrip ");
    html_text(&b, rt_version());
    rt_buf__puts(&b, "\">\n<title>");
    html_text(&b, title);
    rt_buf__puts(&b, " \xe2\x80\x94 loop explorer</title>\n<style>");
    rt_buf__add(&b, rt_render__explorer_css, rt_render__explorer_css_len);
    rt_buf__puts(&b, "</style>\n</head>\n<body>\n<header>\n<h1 id=\"rt-title\">");
    html_text(&b, title);
    /* The skeleton the script fills; without it, the drawing alone. */
    rt_buf__puts(
        &b,
        "</h1>\n<p id=\"rt-summary\"></p>\n"
        "<div id=\"rt-time\" hidden>\n<label for=\"rt-as-of\">As of</label>\n"
        "<input type=\"range\" id=\"rt-as-of\" min=\"0\" max=\"0\" step=\"1\" value=\"0\">\n"
        "<output id=\"rt-as-of-text\" for=\"rt-as-of\"></output>\n</div>\n</header>\n"
        "<main id=\"rt-main\">\n<section id=\"rt-list-pane\" aria-labelledby=\"rt-list-title\">\n"
        "<h2 id=\"rt-list-title\">Loops</h2>\n"
        "<ol id=\"rt-loops\" role=\"listbox\" aria-labelledby=\"rt-list-title\"></ol>\n"
        "</section>\n<figure id=\"rt-diagram\">\n");
    rt_buf__puts(&b, svg_element(svg));
    rt_buf__puts(&b, "</figure>\n<aside id=\"rt-panel\" aria-live=\"polite\"></aside>\n</main>\n"
                     "<script type=\"application/json\" id=\"rt-data\">");
    if (json_dump_callback(data, dump_escaped, &b, JSON_COMPACT | JSON_REAL_PRECISION(10)) != 0)
        goto out;
    rt_buf__puts(&b, "</script>\n<script>");
    rt_buf__add(&b, rt_render__explorer_js, rt_render__explorer_js_len);
    rt_buf__puts(&b, "</script>\n</body>\n</html>\n");
    if (b.oom)
        goto out;
    *len = b.len;
    *out = rt_buf__detach(&b);
    rc = *out ? RT_OK : RT_ENOMEM;
out:
    rt_buf__free(&b);
    json_decref(data);
    rt__free(title);
    rt__free(drawn);
    rt__free(on_loop);
    rt_render_free(drawing);
    return rc;
}

int rt_render__html(char **out, size_t *len, const rt_loops *loops, const rt_render_options *opts,
                    rt_diags *diags)
{
    if (!out || !len || !loops)
        return RT_EINVAL;
    return html(out, len, loops, opts, NULL, diags);
}

int rt_render__html_page(char **out, size_t *len, const rt_loops *loops,
                         const rt_render_options *opts, const char *svg, rt_diags *diags)
{
    return html(out, len, loops, opts, svg, diags);
}
