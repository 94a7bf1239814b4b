/* Entity exposure: sums, recapture, rival labs and centrality, checked by hand. */
#include "helpers.h"

#include <math.h>
#include <string.h>

#include <jansson.h>

#define B INT64_C(1000000000)

static const rt_exposure *of(const rt_exposures *x, const rt_graph *g, const char *name)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    for (size_t i = 0; i < rt_exposures_count(x); i++) {
        const rt_exposure *e = rt_exposures_get(x, i);
        if (strcmp(rt_dataset_entity(ds, rt_graph_vertex_entity(g, e->vertex))->name, name) == 0)
            return e;
    }
    fail_msg("no exposure for %s", name);
    return NULL;
}

static void compute(const char *entities, const char *rels, rt_exposure_sort sort, rt_dataset **ds,
                    rt_graph **g, rt_exposures **x)
{
    rt_diags *d;
    int rc = load_strings(ds, &d, entities, rels);
    if (rc != 0) {
        dump_diags(d);
        fail_msg("load failed");
    }
    assert_int_equal(rt_graph_build(g, *ds, NULL, d), 0);
    assert_int_equal(rt_exposures_compute(x, *g, sort, d), 0);
    rt_diags_free(d);
}

static void test_exposure_sums_stakes_and_spend_with_recapture(void **state)
{
    rt_dataset *ds;
    rt_graph *g;
    rt_exposures *x;
    rt_diags *d;
    const rt_exposure *e;
    (void)state;
    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_dataset_load(&ds, test_data("loops-small"), d), 0);
    assert_int_equal(rt_graph_build(&g, ds, NULL, d), 0);
    assert_int_equal(rt_exposures_compute(&x, g, RT_SORT_NAME, d), 0);
    /* ChipCo: a $1B stake in LabTwo; $2B of chips from LabTwo and $3B from
     * LabOne; the $2B comes from a company it holds a stake in. */
    e = of(x, g, "ChipCo");
    assert_int_equal(e->stakes_out.low, 1 * B);
    assert_int_equal(e->stakes_out_count, 1);
    assert_int_equal(e->spend_received.low, 5 * B);
    assert_int_equal(e->spend_received_count, 2);
    assert_int_equal(e->recapture.low, 2 * B);
    assert_true(fabs(e->recapture_ratio - 2.0) < 1e-9);
    /* BigCo: $10B into LabOne, $4B-6B of compute back through BigCloud. */
    e = of(x, g, "BigCo");
    assert_int_equal(e->recapture.low, 4 * B);
    assert_int_equal(e->recapture.high, 6 * B);
    assert_true(fabs(e->recapture_ratio - 0.5) < 1e-9);
    /* FundA: a stake with no dollar figure: counted, amount unknown. */
    e = of(x, g, "FundA");
    assert_int_equal(e->stakes_out_count, 1);
    assert_int_equal(e->stakes_out.unit, RT_AMOUNT_UNKNOWN);
    /* Sorted by name: BigCo first. */
    assert_int_equal(rt_exposures_get(x, 0)->vertex, rt_graph_entity_vertex(g, 0));
    rt_exposures_free(x);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(d);
}

static void test_exposure_comes_back_counts_each_dollar_once(void **state)
{
    rt_dataset *ds;
    rt_graph *g;
    rt_exposures *x;
    const rt_exposure *e;
    (void)state;
    /* H's $6B stake in L can come back as L's $3B bill to H and, through
     * C, as $5B of C's $9B from L: $8B of paths, but only $6B went in.
     * Recaptured counts only L's own $3B bill. */
    compute(NULL,
            "from,to,kind,amount\n"
            "H,L,equity,6B\n"
            "L,H,compute,3B\n"
            "L,C,compute,9B\n"
            "C,H,chips,5B\n",
            RT_SORT_NAME, &ds, &g, &x);
    e = of(x, g, "H");
    assert_int_equal(e->recapture.low, 3 * B);
    assert_int_equal(e->returns.unit, RT_AMOUNT_USD);
    assert_int_equal(e->returns.low, 6 * B);
    assert_int_equal(e->returns.high, 6 * B);
    /* L holds no stake: nothing of its own comes back. */
    assert_int_equal(of(x, g, "L")->returns.unit, RT_AMOUNT_UNKNOWN);
    rt_exposures_free(x);
    rt_graph_free(g);
    rt_dataset_free(ds);
    /* A bigger stake: the paths bound it, $3B + $5B; a range gives both ends. */
    compute(NULL,
            "from,to,kind,amount\n"
            "H,L,equity,10B-12B\n"
            "L,H,compute,3B\n"
            "L,C,compute,9B\n"
            "C,H,chips,4B-5B\n"
            "H,C,compute,7B\n",
            RT_SORT_NAME, &ds, &g, &x);
    e = of(x, g, "H");
    /* H's own spend to C is no stake: it does not count as going out. */
    assert_int_equal(e->returns.low, 7 * B);
    assert_int_equal(e->returns.high, 8 * B);
    rt_exposures_free(x);
    rt_graph_free(g);
    rt_dataset_free(ds);
}

static void test_exposure_lists_rival_labs(void **state)
{
    rt_dataset *ds;
    rt_graph *g;
    rt_exposures *x;
    const rt_exposure *e;
    (void)state;
    compute("name,kind\nBig,investor\nLab1,lab\nLab2,lab\nChip,chip\nSmall,investor\n",
            "from,to,kind,amount\nBig,Lab1,equity,8B\nBig,Lab2,equity,10B\nBig,Chip,equity,1B\n"
            "Small,Lab1,equity,1B\n",
            RT_SORT_STAKES, &ds, &g, &x);
    e = of(x, g, "Big");
    assert_int_equal(e->rival_lab_count, 2); /* the chip vendor is no lab */
    assert_int_equal(e->stakes_out.low, 19 * B);
    assert_int_equal(of(x, g, "Small")->rival_lab_count, 0); /* one lab is no rivalry */
    assert_ptr_equal(rt_exposures_get(x, 0), e);             /* most stakes first */
    rt_exposures_free(x);
    rt_graph_free(g);
    rt_dataset_free(ds);
}

static void test_exposure_centrality_has_known_values(void **state)
{
    rt_dataset *ds;
    rt_graph *g;
    rt_exposures *x;
    double sum = 0;
    (void)state;
    /* A chain A -> B -> C: only B lies on a shortest path (A to C). */
    compute(NULL, "from,to,kind,amount\nA,B,equity,1B\nB,C,compute,1B\n", RT_SORT_BETWEENNESS, &ds,
            &g, &x);
    assert_true(fabs(of(x, g, "B")->betweenness - 1.0) < 1e-9);
    assert_true(fabs(of(x, g, "A")->betweenness) < 1e-9);
    for (size_t i = 0; i < rt_exposures_count(x); i++)
        sum += rt_exposures_get(x, i)->pagerank;
    assert_true(fabs(sum - 1.0) < 1e-6); /* PageRank is a distribution */
    /* The sink collects the most rank along a chain. */
    assert_true(of(x, g, "C")->pagerank > of(x, g, "B")->pagerank);
    assert_true(of(x, g, "B")->pagerank > of(x, g, "A")->pagerank);
    rt_exposures_free(x);
    rt_graph_free(g);
    rt_dataset_free(ds);
}

static void test_exposure_report_formats(void **state)
{
    rt_dataset *ds;
    rt_graph *g;
    rt_exposures *x;
    rt_report_options ro = RT_REPORT_OPTIONS_INIT;
    char *out;
    json_error_t err;
    json_t *root;
    (void)state;
    compute(NULL, "from,to,kind,amount\nA,B,equity,1B\nB,A,compute,2B\n", RT_SORT_NAME, &ds, &g,
            &x);
    ro.format = RT_FORMAT_JSON;
    assert_int_equal(rt_report_exposures(&out, x, &ro), 0);
    root = json_loads(out, 0, &err);
    assert_non_null(root);
    assert_int_equal(json_array_size(json_object_get(root, "entities")), 2);
    assert_true(
        json_real_value(json_object_get(json_array_get(json_object_get(root, "entities"), 0),
                                        "recapture_ratio")) == 2.0);
    json_decref(root);
    rt_report_free(out);
    ro.format = RT_FORMAT_MARKDOWN;
    assert_int_equal(rt_report_exposures(&out, x, &ro), 0);
    assert_non_null(strstr(out, "| A | $1B (1) |"));
    rt_report_free(out);
    rt_exposures_free(x);
    rt_graph_free(g);
    rt_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exposure_sums_stakes_and_spend_with_recapture),
        cmocka_unit_test(test_exposure_comes_back_counts_each_dollar_once),
        cmocka_unit_test(test_exposure_lists_rival_labs),
        cmocka_unit_test(test_exposure_centrality_has_known_values),
        cmocka_unit_test(test_exposure_report_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
