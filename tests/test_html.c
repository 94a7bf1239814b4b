/* The HTML loop explorer: one inert, self-contained page whose data are the loops of every date. */
#include "helpers.h"

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "render/render_impl.h"

typedef struct page {
    rt_dataset *ds;
    rt_graph *g;
    rt_loops *loops;
    char *html;
    size_t len;
    htmlDocPtr doc;
    json_t *data;
} page;

static void render_page(page *p, const char *dataset, const char *title)
{
    rt_diags *diags;
    rt_render_options ro = RT_RENDER_OPTIONS_INIT;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    int rc;

    memset(p, 0, sizeof(*p));
    assert_int_equal(rt_diags_new(&diags), 0);
    assert_int_equal(rt_dataset_load(&p->ds, dataset, diags), 0);
    assert_int_equal(rt_graph_build(&p->g, p->ds, NULL, diags), 0);
    assert_int_equal(rt_loops_find(&p->loops, p->g, &lo), 0);
    ro.format = RT_RENDER_HTML;
    ro.title = title;
    rc = rt_render(&p->html, &p->len, p->loops, &ro, diags);
    if (rc != 0) {
        dump_diags(diags);
        fail_msg("render failed: %s", rt_strerror(rc));
    }
    rt_diags_free(diags);
    assert_int_equal(strlen(p->html), p->len);
}

static void done(page *p)
{
    json_decref(p->data);
    if (p->doc)
        xmlFreeDoc(p->doc);
    rt_render_free(p->html);
    rt_loops_free(p->loops);
    rt_graph_free(p->g);
    rt_dataset_free(p->ds);
}

static htmlDocPtr parse(const page *p)
{
    htmlDocPtr doc = htmlReadMemory(p->html, (int)p->len, "page.html", "UTF-8",
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    assert_non_null(doc);
    return doc;
}

static bool named(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, BAD_CAST name) == 0;
}

/* Every element called `name`, depth first, into found[] (at most max);
 * returns how many there are. */
static size_t find_all(xmlNodePtr n, const char *name, xmlNodePtr *found, size_t max, size_t at)
{
    for (; n; n = n->next) {
        if (named(n, name)) {
            if (at < max)
                found[at] = n;
            at++;
        }
        at = find_all(n->children, name, found, max, at);
    }
    return at;
}

static char *attr(xmlNodePtr n, const char *name)
{
    return (char *)xmlGetProp(n, BAD_CAST name);
}

/* The text of the JSON data element, its bytes as in the page. */
static const char *data_text(const page *p, size_t *len)
{
    static const char open[] = "<script type=\"application/json\" id=\"rt-data\">";
    const char *start = strstr(p->html, open), *end;

    assert_non_null(start);
    start += strlen(open);
    end = strstr(start, "</script>");
    assert_non_null(end);
    *len = (size_t)(end - start);
    return start;
}

static json_t *data_of(const page *p)
{
    size_t len;
    const char *text = data_text(p, &len);
    json_error_t err;
    json_t *root = json_loadb(text, len, 0, &err);

    if (!root)
        fail_msg("the page's data is not JSON: %s at %d", err.text, err.position);
    return root;
}

/* A loop's key as html.c makes it: member entities from the smallest. */
static void key_of(char *buf, size_t len, const rt_graph *g, const rt_loop *l)
{
    size_t start = 0, at = 0;

    for (size_t i = 1; i < l->length; i++)
        if (rt_graph_vertex_entity(g, l->vertices[i]) <
            rt_graph_vertex_entity(g, l->vertices[start]))
            start = i;
    buf[0] = '\0';
    for (size_t i = 0; i < l->length && at < len; i++)
        at += (size_t)snprintf(buf + at, len - at, "%s%zu", i ? " " : "",
                               rt_graph_vertex_entity(g, l->vertices[(start + i) % l->length]));
}

/* The snapshot's loops are those rt_loops_find() finds as of its date (or
 * `loops` itself for the last), in rank order. */
static void assert_snapshot_is(const json_t *data, const json_t *snap, const rt_loops *loops)
{
    const rt_graph *g = rt_loops_graph(loops);
    const json_t *list = json_object_get(snap, "loops");
    char want[256];

    assert_int_equal(json_array_size(list), rt_loops_count(loops));
    for (size_t i = 0; i < rt_loops_count(loops); i++) {
        const json_t *entry = json_array_get(list, i);
        size_t u = (size_t)json_integer_value(json_object_get(entry, "loop"));
        const json_t *loop = json_array_get(json_object_get(data, "loops"), u);
        const rt_loop *l = rt_loops_get(loops, i);
        key_of(want, sizeof(want), g, l);
        assert_int_equal(json_integer_value(json_object_get(entry, "rank")), i + 1);
        assert_string_equal(json_string_value(json_object_get(loop, "key")), want);
        assert_string_equal(json_string_value(json_object_get(entry, "status")),
                            rt_status_name(l->weakest));
        assert_int_equal(json_array_size(json_object_get(entry, "hops")), l->length);
    }
}

static void test_html_is_one_page_with_one_script_and_its_data(void **state)
{
    page p;
    xmlNodePtr scripts[4], metas[8], any[4];
    size_t n;
    char *type, *src;
    bool csp = false;

    (void)state;
    render_page(&p, source_path("data/ai-2026"), "AI money");
    p.doc = parse(&p);
    assert_int_equal(strncmp(p.html, "<!DOCTYPE html>\n", 16), 0);
    n = find_all(xmlDocGetRootElement(p.doc), "script", scripts, 4, 0);
    if (n != 2)
        fail_msg("%zu scripts in the page, not 2", n); /* does not return */
    type = attr(scripts[0], "type");
    assert_string_equal(type, "application/json");
    xmlFree(type);
    /* The script runs inline: no src, no type, and the bytes embedded. */
    assert_null(src = attr(scripts[1], "src"));
    assert_null(type = attr(scripts[1], "type"));
    {
        xmlChar *text = xmlNodeGetContent(scripts[1]);
        assert_string_equal((const char *)text, rt_render__explorer_js);
        xmlFree(text);
    }
    /* Nothing that loads: no external script, style sheet, image or frame. */
    assert_int_equal(find_all(xmlDocGetRootElement(p.doc), "link", any, 4, 0), 0);
    assert_int_equal(find_all(xmlDocGetRootElement(p.doc), "img", any, 4, 0), 0);
    assert_int_equal(find_all(xmlDocGetRootElement(p.doc), "iframe", any, 4, 0), 0);
    assert_int_equal(find_all(xmlDocGetRootElement(p.doc), "style", any, 4, 0), 1);
    n = find_all(xmlDocGetRootElement(p.doc), "meta", metas, 8, 0);
    for (size_t i = 0; i < n && i < 8; i++) {
        char *equiv = attr(metas[i], "http-equiv"), *content = attr(metas[i], "content");
        if (equiv && strcmp(equiv, "Content-Security-Policy") == 0) {
            char want[256];
            csp = true;
            assert_non_null(strstr(content, "default-src 'none'"));
            snprintf(want, sizeof(want), "script-src %s;", rt_render__explorer_js_csp);
            assert_non_null(strstr(content, want));
            snprintf(want, sizeof(want), "style-src %s;", rt_render__explorer_css_csp);
            assert_non_null(strstr(content, want));
            assert_null(strstr(content, "unsafe"));
        }
        xmlFree(equiv);
        xmlFree(content);
    }
    assert_true(csp);
    /* The drawing is inline, its XML prologue left out. */
    assert_null(strstr(p.html, "<?xml"));
    assert_non_null(strstr(p.html, "<figure id=\"rt-diagram\">\n<svg"));
    done(&p);
}

/* Every snapshot holds exactly the loops `roundtrip loops --as-of DATE`
 * finds, the last one those of the loops drawn. */
/* A snapshot's "exposures": per entity, its figures as of that date. */
static void assert_exposures_are(const json_t *snap, const rt_graph *g)
{
    const json_t *list = json_object_get(snap, "exposures");
    size_t n = rt_dataset_entity_count(rt_graph_dataset(g)), some = 0;
    rt_exposures *x;
    char text[96];

    assert_int_equal(json_array_size(list), n);
    assert_int_equal(rt_exposures_compute(&x, g, RT_SORT_NAME, NULL), 0);
    for (size_t i = 0; i < rt_exposures_count(x); i++) {
        const rt_exposure *e = rt_exposures_get(x, i);
        const json_t *o = json_array_get(list, rt_graph_vertex_entity(g, e->vertex));
        const json_t *in = json_object_get(o, "stakes_in");
        assert_true(json_is_object(o));
        if (e->stakes_in.unit == RT_AMOUNT_UNKNOWN) {
            assert_true(json_is_null(in));
            continue;
        }
        rt_amount_format(text, sizeof(text), &e->stakes_in);
        assert_string_equal(json_string_value(in), text);
        some++;
    }
    rt_exposures_free(x);
    assert_true(some > 0);
}

/* A snapshot's "edges": per relationship, null when the drawing as of
 * that date would not draw it, else its status and label then. */
static void assert_edges_are(const json_t *snap, const rt_graph *g)
{
    const json_t *edges = json_object_get(snap, "edges");
    size_t nrel = rt_dataset_relationship_count(rt_graph_dataset(g)), drawn = 0;

    assert_int_equal(json_array_size(edges), nrel);
    for (size_t r = 0; r < nrel; r++) {
        const json_t *e = json_array_get(edges, r);
        rt_buf label = RT_BUF_INIT;
        if (!rt_render__drawable(g, r)) {
            assert_true(json_is_null(e));
            continue;
        }
        drawn++;
        rt_render__edge_text(&label, g, r);
        assert_int_equal(json_integer_value(json_array_get(e, 0)), rt_graph_flow(g, r)->status);
        assert_string_equal(json_string_value(json_array_get(e, 1)), label.data);
        rt_buf__free(&label);
    }
    assert_true(drawn > 0);
}

static void test_html_data_has_the_loops_of_every_date(void **state)
{
    page p;
    const json_t *snaps;
    size_t nsnaps;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;

    (void)state;
    render_page(&p, source_path("data/ai-2026"), NULL);
    p.data = data_of(&p);
    snaps = json_object_get(p.data, "snapshots");
    nsnaps = json_array_size(snaps);
    assert_true(nsnaps > 10);
    assert_true(json_is_null(json_object_get(json_array_get(snaps, nsnaps - 1), "as_of")));
    assert_snapshot_is(p.data, json_array_get(snaps, nsnaps - 1), p.loops);
    assert_edges_are(json_array_get(snaps, nsnaps - 1), p.g);
    assert_exposures_are(json_array_get(snaps, nsnaps - 1), p.g);
    assert_int_equal(json_array_size(json_object_get(p.data, "entities")),
                     rt_dataset_entity_count(p.ds));
    assert_int_equal(json_array_size(json_object_get(p.data, "claims")),
                     rt_dataset_claim_count(p.ds));
    for (size_t i = 0; i + 1 < nsnaps; i++) {
        const json_t *snap = json_array_get(snaps, i);
        const char *date = json_string_value(json_object_get(snap, "as_of"));
        rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
        rt_graph *g;
        rt_loops *loops;
        char err[128];
        assert_non_null(date);
        assert_int_equal(rt_date_parse(&go.filter.as_of, date, err, sizeof(err)), 0);
        assert_int_equal(rt_graph_build(&g, p.ds, &go, NULL), 0);
        assert_int_equal(rt_loops_find(&loops, g, &lo), 0);
        assert_snapshot_is(p.data, snap, loops);
        assert_int_equal(json_array_size(json_object_get(snap, "claims")),
                         rt_dataset_claim_count(p.ds));
        assert_edges_are(snap, g);
        if (rt_loops_count(loops) > 0)
            assert_exposures_are(snap, g);
        rt_loops_free(loops);
        rt_graph_free(g);
        if (i > 0) {
            const char *before =
                json_string_value(json_object_get(json_array_get(snaps, i - 1), "as_of"));
            rt_date a, b;
            assert_int_equal(rt_date_parse(&a, before, err, sizeof(err)), 0);
            assert_int_equal(rt_date_parse(&b, date, err, sizeof(err)), 0);
            assert_true(rt_date_compare(&a, &b) < 0);
        }
    }
    /* The loop list is the union over dates: each loop is in the
     * snapshots it names, and only there. */
    for (size_t u = 0; u < json_array_size(json_object_get(p.data, "loops")); u++) {
        const json_t *in =
            json_object_get(json_array_get(json_object_get(p.data, "loops"), u), "snapshots");
        size_t k = 0;
        assert_true(json_array_size(in) > 0);
        for (size_t i = 0; i < nsnaps; i++) {
            const json_t *list = json_object_get(json_array_get(snaps, i), "loops");
            bool here = false;
            for (size_t j = 0; j < json_array_size(list); j++)
                here |= (size_t)json_integer_value(
                            json_object_get(json_array_get(list, j), "loop")) == u;
            if (here) {
                assert_true(k < json_array_size(in));
                assert_int_equal(json_integer_value(json_array_get(in, k)), i);
                k++;
            }
        }
        assert_int_equal(k, json_array_size(in));
    }
    done(&p);
}

/* Every relationship on a loop is an SVG edge with id "rN", every entity
 * of one a node "eN": the ids the page's script finds them by. */
static void test_html_drawing_names_edges_and_nodes_by_index(void **state)
{
    page p;
    char id[48];

    (void)state;
    render_page(&p, source_path("data/ai-2026"), NULL);
    for (size_t i = 0; i < rt_loops_count(p.loops); i++) {
        const rt_loop *l = rt_loops_get(p.loops, i);
        for (size_t h = 0; h < l->length; h++) {
            const rt_arc *a = rt_graph_arc(p.g, l->arcs[h]);
            for (size_t k = 0; k < a->relationship_count; k++) {
                const rt_relationship *rel = rt_dataset_relationship(p.ds, a->relationships[k]);
                snprintf(id, sizeof(id), "<g id=\"r%zu\" class=\"edge\">", a->relationships[k]);
                assert_non_null(strstr(p.html, id));
                snprintf(id, sizeof(id), "<g id=\"e%zu\" class=\"node\">", rel->from);
                assert_non_null(strstr(p.html, id));
            }
        }
    }
    /* The drawing holds each relationship drawn at some date of the page,
     * not only at the last: the script shows it when the slider is there. */
    p.data = data_of(&p);
    {
        const json_t *snaps = json_object_get(p.data, "snapshots");
        size_t earlier_only = 0;
        for (size_t r = 0; r < rt_dataset_relationship_count(p.ds); r++) {
            bool some = false;
            for (size_t i = 0; i < json_array_size(snaps); i++)
                some |= !json_is_null(
                    json_array_get(json_object_get(json_array_get(snaps, i), "edges"), r));
            snprintf(id, sizeof(id), "<g id=\"r%zu\" class=\"edge\">", r);
            assert_true((strstr(p.html, id) != NULL) == some);
            earlier_only += some && !rt_render__drawable(p.g, r);
        }
        assert_true(earlier_only > 0); /* the bundled dataset has replaced claims */
    }
    done(&p);
}

/* A page whose snapshots would hold too many entries keeps the last view
 * alone, and says so. */
static void test_html_caps_the_dates_it_holds(void **state)
{
    char dir[] = "/tmp/rt-html-cap-XXXXXX", path[300];
    rt_dataset *ds;
    rt_graph *g;
    rt_loops *loops;
    rt_diags *diags;
    rt_render_options ro = RT_RENDER_OPTIONS_INIT;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    char *html;
    size_t len;
    FILE *f;
    json_t *data;
    page p;
    bool warned = false;
    (void)state;
    /* 1500 relationships, each dated a day of its own, with 3000 claims:
     * 1500 dates of some 4500 entries each, past the page's 4 million. */
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/relationships.csv", dir);
    assert_non_null(f = fopen(path, "w"));
    fputs("from,to,kind,amount,status,date,source\n", f);
    for (int i = 0; i < 1500; i++) {
        int y = 2000 + i / 300, m = 1 + (i / 25) % 12, d = 1 + i % 25;
        fprintf(f, "I%d,L%d,equity,1B,confirmed,%04d-%02d-%02d,S\n", i, i, y, m, d);
        fprintf(f, "L%d,I%d,compute,1B,reported,%04d-%02d-%02d,S\n", i, i, y, m, d);
    }
    assert_int_equal(fclose(f), 0);
    assert_int_equal(rt_diags_new(&diags), 0);
    assert_int_equal(rt_dataset_load(&ds, path, diags), 0);
    assert_int_equal(rt_graph_build(&g, ds, NULL, diags), 0);
    assert_int_equal(rt_loops_find(&loops, g, &lo), 0);
    assert_int_equal(rt_loops_count(loops), 1500);
    ro.format = RT_RENDER_HTML;
    ro.layout = RT_LAYOUT_SFDP;
    assert_int_equal(rt_render__html_page(&html, &len, loops, &ro, "<svg></svg>", diags), 0);
    for (size_t i = 0; i < rt_diags_count(diags); i++)
        warned |= strstr(rt_diags_get(diags, i)->msg, "latest view only") != NULL;
    assert_true(warned);
    memset(&p, 0, sizeof(p));
    p.html = html;
    p.len = len;
    data = data_of(&p);
    assert_int_equal(json_array_size(json_object_get(data, "snapshots")), 1);
    json_decref(data);
    rt_render_free(html);
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    unlink(path);
    rmdir(dir);
}

static void assert_no_handler(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE)
            for (xmlAttrPtr a = n->properties; a; a = a->next)
                if (xmlStrncasecmp(a->name, BAD_CAST "on", 2) == 0)
                    fail_msg("<%s %s=...> in the page", n->name, a->name);
        assert_no_handler(n->children);
    }
}

/* Names like "<script>alert(1)</script>" and javascript: URLs stay text:
 * the data cannot end its script element, add an element or a handler,
 * or become a link. */
static void assert_inert(const char *dataset, const char *name)
{
    page p;
    xmlNodePtr scripts[8], links[64];
    size_t len, n;
    const char *text;
    json_t *entities;
    bool found = false;
    size_t web = 0;

    render_page(&p, dataset, name);
    text = data_text(&p, &len);
    for (size_t i = 0; i < len; i++)
        if (text[i] == '<' || text[i] == '>' || text[i] == '&')
            fail_msg("'%c' in the page's JSON at %zu", text[i], i);
    p.doc = parse(&p);
    assert_int_equal(find_all(xmlDocGetRootElement(p.doc), "script", scripts, 8, 0), 2);
    assert_int_equal(find_all(xmlDocGetRootElement(p.doc), "img", links, 8, 0), 0);
    assert_int_equal(find_all(xmlDocGetRootElement(p.doc), "b", links, 8, 0), 0);
    assert_no_handler(xmlDocGetRootElement(p.doc));
    n = find_all(xmlDocGetRootElement(p.doc), "a", links, 64, 0);
    for (size_t i = 0; i < n && i < 64; i++) {
        char *href = attr(links[i], "xlink:href");
        if (!href)
            href = attr(links[i], "href");
        if (href && strncmp(href, "https://", 8) != 0 && strncmp(href, "http://", 7) != 0)
            fail_msg("a link to %s", href);
        web += href != NULL;
        xmlFree(href);
    }
    assert_true(web > 0); /* the https URLs of the data are links */
    p.data = data_of(&p);
    entities = json_object_get(p.data, "entities");
    for (size_t i = 0; i < json_array_size(entities); i++) {
        const json_t *e = json_array_get(entities, i);
        const json_t *url = json_object_get(e, "url");
        assert_string_equal(json_string_value(json_object_get(e, "name")),
                            rt_dataset_entity(p.ds, i)->name);
        found |= strcmp(json_string_value(json_object_get(e, "name")), name) == 0;
        assert_true(json_is_null(url) || strncmp(json_string_value(url), "http", 4) == 0);
    }
    assert_true(found);
    for (size_t i = 0; i < json_array_size(json_object_get(p.data, "claims")); i++) {
        const json_t *url =
            json_object_get(json_array_get(json_object_get(p.data, "claims"), i), "url");
        assert_true(json_is_null(url) || strncmp(json_string_value(url), "http", 4) == 0);
    }
    /* The title too is text. */
    assert_null(strstr(p.html, name));
    done(&p);
}

static void test_html_keeps_hostile_data_inert(void **state)
{
    (void)state;
    assert_inert(test_data("hostile"), "<script>alert(1)</script>");
    assert_inert(test_data("inject"), "<img src=x onerror=alert(1)>");
}

static void test_html_gives_the_same_bytes_every_time(void **state)
{
    page a, b;

    (void)state;
    render_page(&a, source_path("data/ai-2026"), NULL);
    render_page(&b, source_path("data/ai-2026"), NULL);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.html, b.html, a.len);
    done(&a);
    done(&b);
}

static void test_html_format_follows_the_extension(void **state)
{
    rt_render_format f = RT_RENDER_DOT;

    (void)state;
    assert_int_equal(rt_render_format_parse(&f, "explorer.html"), 0);
    assert_int_equal(f, RT_RENDER_HTML);
    assert_int_equal(rt_render_format_parse(&f, "svg"), 0);
    assert_int_equal(rt_render_format_parse(&f, "html"), 0);
    assert_int_equal(f, RT_RENDER_HTML);
}

/* One loop drawn alone: the page's diagram is that loop, its data every
 * loop of every date. */
static void test_html_draws_one_loop_with_the_data_of_all(void **state)
{
    page p;
    rt_render_options ro = RT_RENDER_OPTIONS_INIT;
    char *html;
    size_t len;

    (void)state;
    render_page(&p, source_path("data/ai-2026"), NULL);
    ro.format = RT_RENDER_HTML;
    ro.loop = 2;
    assert_int_equal(rt_render(&html, &len, p.loops, &ro, NULL), 0);
    assert_true(len < p.len);
    assert_non_null(strstr(html, "\"snapshots\""));
    rt_render_free(html);
    ro.loop = rt_loops_count(p.loops) + 1;
    assert_int_equal(rt_render(&html, &len, p.loops, &ro, NULL), RT_EINVAL);
    done(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_is_one_page_with_one_script_and_its_data),
        cmocka_unit_test(test_html_data_has_the_loops_of_every_date),
        cmocka_unit_test(test_html_drawing_names_edges_and_nodes_by_index),
        cmocka_unit_test(test_html_keeps_hostile_data_inert),
        cmocka_unit_test(test_html_gives_the_same_bytes_every_time),
        cmocka_unit_test(test_html_format_follows_the_extension),
        cmocka_unit_test(test_html_draws_one_loop_with_the_data_of_all),
        cmocka_unit_test(test_html_caps_the_dates_it_holds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
