/* Diagrams: styles per kind and status, selection, legend, escaping, stable bytes. */
#include "helpers.h"

#include <cgraph.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RT_LABEL_MAX of src/render/render_impl.h: the characters of a name in a
 * label. */
#define RT_TEST_LABEL_MAX 60

typedef struct drawn {
    rt_dataset *ds;
    rt_graph *g;
    rt_loops *loops;
    char *out;
    size_t len;
} drawn;

static drawn draw(const char *dataset, rt_render_format format, bool loops_only, size_t loop)
{
    drawn d;
    rt_diags *diags;
    rt_render_options ro = RT_RENDER_OPTIONS_INIT;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    int rc;

    assert_int_equal(rt_diags_new(&diags), 0);
    assert_int_equal(rt_dataset_load(&d.ds, test_data(dataset), diags), 0);
    assert_int_equal(rt_graph_build(&d.g, d.ds, NULL, diags), 0);
    assert_int_equal(rt_loops_find(&d.loops, d.g, &lo), 0);
    ro.format = format;
    ro.loops_only = loops_only;
    ro.loop = loop;
    ro.title = "test";
    rc = rt_render(&d.out, &d.len, d.loops, &ro, diags);
    if (rc != 0) {
        dump_diags(diags);
        fail_msg("render failed: %s", rt_strerror(rc));
    }
    rt_diags_free(diags);
    assert_int_equal(strlen(d.out), d.len);
    return d;
}

static void done(drawn *d)
{
    rt_render_free(d->out);
    rt_loops_free(d->loops);
    rt_graph_free(d->g);
    rt_dataset_free(d->ds);
}

/* Parse DOT with cgraph, as Graphviz's dot would. */
static Agraph_t *read_dot(const char *text)
{
    Agraph_t *g = agmemread(text);
    if (!g)
        fail_msg("the DOT does not read back:\n%s", text);
    return g;
}

/* The node whose label is `label`, or NULL. */
static Agnode_t *node_labelled(Agraph_t *g, const char *label)
{
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        if (strcmp(agget(n, "label") ? agget(n, "label") : "", label) == 0)
            return n;
    return NULL;
}

/* The edge drawn for the relationship from -> to: tail to head as written,
 * or turned round with dir=back (edges across a cluster's border). */
static Agedge_t *money_edge(Agraph_t *g, Agnode_t *from, Agnode_t *to)
{
    for (int back = 0; back < 2; back++)
        for (Agedge_t *e = agfstout(g, back ? to : from); e; e = agnxtout(g, e)) {
            const char *dir = agget(e, "dir");
            if (aghead(e) == (back ? from : to) && (strcmp(dir ? dir : "", "back") == 0) == back)
                return e;
        }
    return NULL;
}

static int count_edges(Agraph_t *g)
{
    int count = 0;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        count += agdegree(g, n, 0, 1);
    return count;
}

static void test_render_styles_nodes_by_their_first_kind(void **state)
{
    drawn d = draw("loops-small", RT_RENDER_DOT, false, 0);
    Agraph_t *g = read_dot(d.out);
    (void)state;
    assert_string_equal(agget(node_labelled(g, "BigCo"), "shape"), "box");
    assert_string_equal(agget(node_labelled(g, "LabOne"), "shape"), "ellipse");
    assert_string_equal(agget(node_labelled(g, "BigCloud"), "shape"), "box3d");
    assert_string_equal(agget(node_labelled(g, "ChipCo"), "shape"), "octagon");
    assert_string_equal(agget(node_labelled(g, "FundA"), "shape"), "folder");
    agclose(g);
    done(&d);
}

static void test_render_styles_edges_by_class_status_and_loop(void **state)
{
    drawn d = draw("loops-small", RT_RENDER_DOT, false, 0);
    Agraph_t *g = read_dot(d.out);
    Agnode_t *big = node_labelled(g, "BigCo"), *lab = node_labelled(g, "LabOne");
    Agnode_t *two = node_labelled(g, "LabTwo"), *chip = node_labelled(g, "ChipCo");
    Agnode_t *fa = node_labelled(g, "FundA"), *fb = node_labelled(g, "FundB");
    Agedge_t *e;
    (void)state;
    /* A confirmed stake on a loop: blue, solid, labelled with its amount. */
    e = money_edge(g, big, lab);
    assert_non_null(e);
    assert_string_equal(agget(e, "color"), "#1d4ed8");
    assert_string_equal(agget(e, "style"), "solid");
    assert_string_equal(agget(e, "label"), "equity $10B");
    /* Spend in talks on a loop: orange, lighter, dotted. */
    e = money_edge(g, two, chip);
    assert_string_equal(agget(e, "color"), "#c2410cb0");
    assert_string_equal(agget(e, "style"), "dotted");
    /* A stake on no loop is muted grey. */
    e = money_edge(g, fa, fb);
    assert_string_equal(agget(e, "color"), "#b8b8b8b0");
    /* A link is dashed; more money, thicker pen. */
    e = money_edge(g, node_labelled(g, "BigCloud"), lab);
    assert_string_equal(agget(e, "style"), "dashed");
    assert_true(atof(agget(money_edge(g, big, lab), "penwidth")) >
                atof(agget(money_edge(g, chip, two), "penwidth")));
    assert_string_equal(agget(e, "arrowhead"), "empty");
    /* Tooltips carry the evidence; BigCloud sits in a cluster of BigCo. */
    assert_non_null(strstr(agget(money_edge(g, big, lab), "tooltip"), "Paper A (line 2)"));
    assert_non_null(agsubg(g, "cluster_e0", 0));
    /* Across the cluster's border, every edge between BigCloud and LabOne
     * runs from the one first in the file (BigCloud): LabOne's compute
     * spend on BigCloud is drawn BigCloud -> LabOne with its arrow turned,
     * so dot lays it beside the hosting link, not on top of it. */
    e = money_edge(g, lab, node_labelled(g, "BigCloud"));
    assert_non_null(e);
    assert_ptr_equal(agtail(e), node_labelled(g, "BigCloud"));
    assert_string_equal(agget(e, "dir"), "back");
    assert_string_equal(agget(e, "label"), "compute $4B\u2013"
                                           "6B");
    assert_ptr_equal(agtail(money_edge(g, big, lab)), big); /* first in the file already */
    agclose(g);
    done(&d);
}

static void test_render_loops_only_and_one_loop(void **state)
{
    drawn all = draw("loops-small", RT_RENDER_DOT, false, 0);
    drawn only = draw("loops-small", RT_RENDER_DOT, true, 0);
    drawn one = draw("loops-small", RT_RENDER_DOT, false, 2);
    Agraph_t *ga = read_dot(all.out), *go = read_dot(only.out), *g1 = read_dot(one.out);
    (void)state;
    /* Everything: 10 relationships drawn minus the superseded one. */
    assert_int_equal(count_edges(ga), 9);
    assert_non_null(node_labelled(ga, "FundA"));
    /* Loops only: the 4 relationships on the two loops; no funds, no link. */
    assert_int_equal(count_edges(go), 4);
    assert_null(node_labelled(go, "FundA"));
    /* Loop 2 alone: ChipCo and LabTwo. */
    assert_int_equal(count_edges(g1), 2);
    assert_non_null(node_labelled(g1, "ChipCo"));
    assert_null(node_labelled(g1, "BigCo"));
    assert_non_null(strstr(agget(g1, "label"), "loop 2 of 2"));
    agclose(ga);
    agclose(go);
    agclose(g1);
    done(&all);
    done(&only);
    done(&one);
}

static void test_render_has_a_legend_of_what_it_draws(void **state)
{
    drawn d = draw("loops-small", RT_RENDER_DOT, true, 0);
    Agraph_t *g = read_dot(d.out);
    Agnode_t *legend = agnode(g, "legend", 0);
    const char *label;
    (void)state;
    assert_non_null(legend);
    label = agget(legend, "label");
    assert_true(aghtmlstr((char *)label));
    assert_non_null(strstr(label, "stake: equity in"));
    assert_non_null(strstr(label, ">investor<"));
    assert_null(strstr(label, ">fund<")); /* no fund on a loop: not explained */
    assert_null(strstr(label, "debt"));
    agclose(g);
    done(&d);
}

/* Fail on any element or attribute through which SVG can run script or
 * load markup: <script>, <foreignObject>, on* handlers, javascript: links. */
static void assert_inert(xmlNodePtr node)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrcasecmp(node->name, BAD_CAST "script") == 0 ||
            xmlStrcasecmp(node->name, BAD_CAST "foreignObject") == 0 ||
            xmlStrcasecmp(node->name, BAD_CAST "img") == 0)
            fail_msg("element <%s> in the SVG", node->name);
        for (xmlAttrPtr a = node->properties; a; a = a->next) {
            xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
            if (xmlStrncasecmp(a->name, BAD_CAST "on", 2) == 0)
                fail_msg("attribute %s in the SVG", a->name);
            if (xmlStrcasecmp(a->name, BAD_CAST "href") == 0 && v &&
                xmlStrncmp(v, BAD_CAST "http", 4) != 0)
                fail_msg("link to %s in the SVG", v);
            xmlFree(v);
        }
        assert_inert(node->children);
    }
}

static void test_render_escapes_hostile_names(void **state)
{
    drawn dot = draw("hostile", RT_RENDER_DOT, false, 0);
    drawn svg = draw("hostile", RT_RENDER_SVG, false, 0);
    Agraph_t *g = read_dot(dot.out);
    xmlDocPtr doc;
    (void)state;
    /* The DOT reads back with every name intact, as data. */
    assert_non_null(node_labelled(g, "<script>alert(1)</script>"));
    assert_non_null(node_labelled(g, "\" onload=\"x"));
    assert_non_null(node_labelled(g, "Back\xe2\x88\x96slash \xe2\x88\x96N {brace}"));
    agclose(g);
    /* The SVG is well-formed XML with no markup or handlers from the data. */
    doc = xmlReadMemory(svg.out, (int)svg.len, "x.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
    assert_non_null(doc);
    assert_inert(xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    assert_null(strstr(svg.out, "javascript:"));
    /* The names are there, as text. */
    assert_non_null(strstr(svg.out, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    /* Graphviz's \N and \G were not expanded in the tooltips. */
    assert_null(strstr(svg.out, "roundtrip (line"));
    assert_non_null(strstr(svg.out, "xlink:href=\"https://example.com/a?b=1&amp;c=2\""));
    done(&dot);
    done(&svg);
}

/* Whether a <text> element of the SVG says exactly `want`. */
static bool svg_has_text(xmlNodePtr node, const char *want)
{
    for (; node; node = node->next) {
        if (node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, BAD_CAST "text") == 0) {
            xmlChar *t = xmlNodeGetContent(node);
            bool same = t && strcmp((const char *)t, want) == 0;
            xmlFree(t);
            if (same)
                return true;
        }
        if (svg_has_text(node->children, want))
            return true;
    }
    return false;
}

/* Every link of the SVG is http(s), and holds nothing that would end the
 * link in Markdown or HTML. */
static void assert_links_encoded(xmlNodePtr node)
{
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE)
            continue;
        for (xmlAttrPtr a = node->properties; a; a = a->next) {
            xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
            if (xmlStrcmp(a->name, BAD_CAST "href") == 0 &&
                (xmlStrncmp(v, BAD_CAST "http", 4) != 0 || strpbrk((const char *)v, "()[]<>\"' ")))
                fail_msg("link %s in the SVG", v);
            xmlFree(v);
        }
        assert_links_encoded(node->children);
    }
}

/* Names that Graphviz would read as character references ("A&#1;" is a
 * byte that is not allowed in XML), entities that it would decode
 * ("AT&amp;T") and invisible characters are drawn as written: the SVG is
 * well-formed and says them; URLs that try to end a link are encoded. */
static void test_render_draws_names_as_written(void **state)
{
    drawn svg = draw("inject", RT_RENDER_SVG, false, 0);
    xmlDocPtr doc;
    xmlNodePtr root;
    (void)state;
    doc = xmlReadMemory(svg.out, (int)svg.len, "x.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
    assert_non_null(doc);
    root = xmlDocGetRootElement(doc);
    assert_inert(root);
    assert_links_encoded(root);
    assert_true(svg_has_text(root, "A&#1;"));
    assert_true(svg_has_text(root, "AT&amp;T"));
    assert_true(svg_has_text(root, "<img src=x onerror=alert(1)>"));
    assert_true(svg_has_text(root, "Evil\xe2\x88\x96u{202e}Corp"));
    assert_true(svg_has_text(root, "Zero\xe2\x88\x96u{200b}Width"));
    assert_non_null(
        strstr(svg.out, "https://a.example/%29%5Bclick%5D%28javascript:alert%281%29%29"));
    xmlFreeDoc(doc);
    done(&svg);
}

/* Load relationships CSV text, find its loops and render them; the
 * result code, with the output in *out (free with rt_render_free()). */
static int render_titled(const char *relationships, rt_render_format format, const char *title,
                         char **out, size_t *len, rt_diags **diags)
{
    rt_dataset *ds;
    rt_graph *g;
    rt_loops *loops;
    rt_render_options ro = RT_RENDER_OPTIONS_INIT;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    int rc;

    assert_int_equal(load_strings(&ds, diags, NULL, relationships), 0);
    assert_int_equal(rt_graph_build(&g, ds, NULL, *diags), 0);
    assert_int_equal(rt_loops_find(&loops, g, &lo), 0);
    ro.format = format;
    ro.title = title;
    *out = NULL;
    rc = rt_render(out, len, loops, &ro, *diags);
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    return rc;
}

static int render_text(const char *relationships, rt_render_format format, char **out, size_t *len,
                       rt_diags **diags)
{
    return render_titled(relationships, format, NULL, out, len, diags);
}

/* A name of a million characters: each format draws it, cut in the label
 * (cairo aborted on the PDF, the PNG came out blank), whole in the
 * tooltip. */
static void test_render_cuts_long_names_in_labels(void **state)
{
    static const rt_render_format formats[] = {RT_RENDER_DOT, RT_RENDER_SVG, RT_RENDER_PNG,
                                               RT_RENDER_PDF};
    static const char *const magic[] = {"digraph", "<?xml", "\x89PNG", "%PDF"};
    size_t n = 1000000, len;
    char *name = malloc(n + 1), *csv = malloc(2 * n + 100), *out;
    rt_diags *diags;
    (void)state;
    assert_non_null(name);
    assert_non_null(csv);
    for (size_t i = 0; i < n; i++)
        name[i] = (char)('a' + i % 26);
    name[n] = '\0';
    snprintf(csv, 2 * n + 100, "from,to,kind,amount\n%s,B,equity,1B\nB,%s,compute,2B\n", name,
             name);
    for (size_t f = 0; f < 4; f++) {
        assert_int_equal(render_text(csv, formats[f], &out, &len, &diags), 0);
        assert_true(len > 1000);
        assert_memory_equal(out, magic[f], strlen(magic[f]));
        if (formats[f] == RT_RENDER_DOT) {
            Agraph_t *g = read_dot(out);
            Agnode_t *v = agnode(g, "e0", 0); /* the first entity */
            const char *label = agget(v, "label");
            /* 60 characters and an ellipsis; the tooltip starts with the whole name. */
            assert_int_equal(strlen(label), RT_TEST_LABEL_MAX + 3);
            assert_memory_equal(label, name, RT_TEST_LABEL_MAX);
            assert_string_equal(label + RT_TEST_LABEL_MAX, "\xe2\x80\xa6");
            assert_memory_equal(agget(v, "tooltip"), name, n);
            agclose(g);
        }
        rt_render_free(out);
        rt_diags_free(diags);
    }
    free(name);
    free(csv);
}

/* A drawing too large to lay out in reasonable time is refused before the
 * layout starts, with the size and what draws less; its DOT is written. */
static void test_render_refuses_a_drawing_too_large_to_lay_out(void **state)
{
    size_t n = 10001, cap = n * 64, used;
    char *csv = malloc(cap), *out;
    size_t len;
    rt_diags *diags;
    (void)state;
    assert_non_null(csv);
    used = (size_t)snprintf(csv, cap, "from,to,kind,amount\n");
    for (size_t i = 0; i < n; i++)
        used +=
            (size_t)snprintf(csv + used, cap - used, "E%zu,E%zu,equity,1B\nE%zu,E%zu,compute,1B\n",
                             i, (i + 1) % n, (i + 1) % n, i);
    assert_int_equal(render_text(csv, RT_RENDER_SVG, &out, &len, &diags), RT_EDATA);
    assert_null(out);
    assert_diag(diags, 0, 0, "10001 entities and 20002 relationships to draw");
    assert_diag(diags, 0, 0, "--loops-only");
    rt_diags_free(diags);
    assert_int_equal(render_text(csv, RT_RENDER_DOT, &out, &len, &diags), 0);
    assert_non_null(strstr(out, "E10000"));
    rt_render_free(out);
    rt_diags_free(diags);
    free(csv);
}

/* A title that is not UTF-8 (a file name's bytes, an argument) is drawn
 * with U+FFFD: the SVG stays UTF-8 and pango is never handed it. A name
 * cut in its label is cut between characters, never inside one. */
static void test_render_keeps_every_label_utf8(void **state)
{
    rt_diags *diags;
    char *out = NULL, csv[512], name[256] = "";
    size_t len;
    xmlDocPtr doc;
    (void)state;
    /* 59 ASCII letters, then four-byte characters across the cut. */
    memset(name, 'x', 59);
    for (int i = 0; i < 4; i++)
        strcat(name, "\xf0\x9f\x92\xb0");
    snprintf(csv, sizeof(csv), "from,to,kind,amount\n%s,B,equity,1B\nB,%s,compute,2B\n", name,
             name);
    assert_int_equal(render_titled(csv, RT_RENDER_SVG, "caf\xe9 \xa0", &out, &len, &diags), 0);
    doc = xmlReadMemory(out, (int)len, "x.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
    assert_non_null(doc);
    assert_true(svg_has_text(xmlDocGetRootElement(doc), "caf\xef\xbf\xbd \xef\xbf\xbd"));
    /* 59 letters, one whole character, the ellipsis. */
    memcpy(name + 63, "\xe2\x80\xa6", 4);
    assert_true(svg_has_text(xmlDocGetRootElement(doc), name));
    xmlFreeDoc(doc);
    rt_render_free(out);
    rt_diags_free(diags);
}

static void test_render_gives_the_same_bytes_every_time(void **state)
{
    drawn a = draw("loops-small", RT_RENDER_SVG, false, 0);
    drawn b = draw("loops-small", RT_RENDER_SVG, false, 0);
    drawn c = draw("loops-small", RT_RENDER_DOT, false, 0);
    drawn e = draw("loops-small", RT_RENDER_DOT, false, 0);
    (void)state;
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.out, b.out, a.len);
    assert_string_equal(c.out, e.out);
    assert_non_null(strstr(a.out, "<svg"));
    done(&a);
    done(&b);
    done(&c);
    done(&e);
}

/* Every layout draws the bundled dataset (sfdp is the default above 80
 * entities). Graphviz 2.43 aborted the process in its spline router after
 * sfdp and neato until non-dot layouts got curved edges. */
static void test_render_every_layout_draws_the_bundled_dataset(void **state)
{
    static const rt_layout layouts[] = {RT_LAYOUT_DOT, RT_LAYOUT_NEATO, RT_LAYOUT_CIRCO,
                                        RT_LAYOUT_FDP, RT_LAYOUT_SFDP};
    rt_dataset *ds;
    rt_graph *g;
    rt_loops *loops;
    rt_diags *diags;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    (void)state;
    assert_int_equal(rt_diags_new(&diags), 0);
    assert_int_equal(rt_dataset_load(&ds, source_path("data/ai-2026"), diags), 0);
    assert_int_equal(rt_graph_build(&g, ds, NULL, diags), 0);
    assert_int_equal(rt_loops_find(&loops, g, &lo), 0);
    for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
        rt_render_options ro = RT_RENDER_OPTIONS_INIT;
        char *out = NULL;
        size_t len = 0;
        xmlDocPtr doc;
        ro.layout = layouts[i];
        if (rt_render(&out, &len, loops, &ro, diags) != 0) {
            dump_diags(diags);
            fail_msg("layout %zu failed", i);
        }
        doc = xmlReadMemory(out, (int)len, "x.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
        assert_non_null(doc);
        xmlFreeDoc(doc);
        assert_non_null(strstr(out, "Anthropic"));
        rt_render_free(out);
    }
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
}

static void test_render_rejects_a_loop_that_does_not_exist(void **state)
{
    rt_dataset *ds;
    rt_graph *g;
    rt_loops *loops;
    rt_diags *diags;
    rt_render_options ro = RT_RENDER_OPTIONS_INIT;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    char *out = NULL;
    size_t len;
    (void)state;
    assert_int_equal(rt_diags_new(&diags), 0);
    assert_int_equal(rt_dataset_load(&ds, test_data("loops-small"), diags), 0);
    assert_int_equal(rt_graph_build(&g, ds, NULL, diags), 0);
    assert_int_equal(rt_loops_find(&loops, g, &lo), 0);
    ro.loop = 3;
    assert_int_equal(rt_render(&out, &len, loops, &ro, diags), RT_EINVAL);
    assert_null(out);
    assert_non_null(find_diag(diags, 0, 0, "no loop 3: the loops are numbered 1 to 2"));
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
}

static void test_render_format_follows_the_extension(void **state)
{
    rt_render_format f;
    (void)state;
    assert_int_equal(rt_render_format_parse(&f, "out/loops.svg"), 0);
    assert_int_equal(f, RT_RENDER_SVG);
    assert_int_equal(rt_render_format_parse(&f, "map.dot"), 0);
    assert_int_equal(f, RT_RENDER_DOT);
    assert_int_equal(rt_render_format_parse(&f, "png"), 0);
    assert_int_equal(f, RT_RENDER_PNG);
    assert_int_equal(rt_render_format_parse(&f, "map.jpeg"), RT_EINVAL);
    assert_int_equal(rt_render_format_parse(&f, "dir.svg/map"), RT_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render_styles_nodes_by_their_first_kind),
        cmocka_unit_test(test_render_styles_edges_by_class_status_and_loop),
        cmocka_unit_test(test_render_loops_only_and_one_loop),
        cmocka_unit_test(test_render_has_a_legend_of_what_it_draws),
        cmocka_unit_test(test_render_escapes_hostile_names),
        cmocka_unit_test(test_render_draws_names_as_written),
        cmocka_unit_test(test_render_cuts_long_names_in_labels),
        cmocka_unit_test(test_render_keeps_every_label_utf8),
        cmocka_unit_test(test_render_refuses_a_drawing_too_large_to_lay_out),
        cmocka_unit_test(test_render_gives_the_same_bytes_every_time),
        cmocka_unit_test(test_render_every_layout_draws_the_bundled_dataset),
        cmocka_unit_test(test_render_rejects_a_loop_that_does_not_exist),
        cmocka_unit_test(test_render_format_follows_the_extension),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
