/* Loops and their figures on tests/data/loops-small, every number checked by hand. */
#include "helpers.h"

#include "analysis/analysis.h"

#include <stdio.h>
#include <string.h>

#include "util/alloc.h"

#define B INT64_C(1000000000)

typedef struct found {
    rt_dataset *ds;
    rt_graph *g;
    rt_loops *loops;
} found;

static found run(const rt_graph_options *gopts, const rt_loop_options *lopts)
{
    found f;
    rt_diags *d;
    rt_graph_options gdef = RT_GRAPH_OPTIONS_INIT;
    rt_loop_options ldef = RT_LOOP_OPTIONS_INIT;

    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_dataset_load(&f.ds, test_data("loops-small"), d), 0);
    rt_diags_free(d);
    assert_int_equal(rt_graph_build(&f.g, f.ds, gopts ? gopts : &gdef, NULL), 0);
    assert_int_equal(rt_loops_find(&f.loops, f.g, lopts ? lopts : &ldef), 0);
    return f;
}

static void done(found *f)
{
    rt_loops_free(f->loops);
    rt_graph_free(f->g);
    rt_dataset_free(f->ds);
}

/* "BigCo>LabOne>" : the loop's vertices by entity name. */
static void path(const found *f, size_t i, char *buf, size_t len)
{
    const rt_loop *l = rt_loops_get(f->loops, i);
    size_t n = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < l->length; k++)
        n += (size_t)snprintf(
            buf + n, len - n, "%s>",
            rt_dataset_entity(f->ds, rt_graph_vertex_entity(f->g, l->vertices[k]))->name);
}

static void assert_loop(const found *f, size_t i, const char *want)
{
    char buf[256];
    path(f, i, buf, sizeof(buf));
    assert_string_equal(buf, want);
}

static void test_loops_are_found_ranked_and_start_at_the_investor(void **state)
{
    found f = run(NULL, NULL);
    (void)state;
    assert_int_equal(rt_loops_count(f.loops), 2);
    assert_int_equal(rt_loops_cycles_total(f.loops), 3); /* FundA <-> FundB is no loop */
    assert_false(rt_loops_truncated(f.loops));
    /* Confirmed before talks, whatever the amounts. */
    assert_loop(&f, 0, "BigCo>LabOne>");
    assert_loop(&f, 1, "ChipCo>LabTwo>");
    done(&f);
}

static void test_loops_bottleneck_is_smallest_known_hop(void **state)
{
    found f = run(NULL, NULL);
    const rt_loop *l = rt_loops_get(f.loops, 0);
    (void)state;
    /* Hops: $10B and $4B-6B: the bottleneck is $4B-6B. */
    assert_int_equal(l->circulating.unit, RT_AMOUNT_USD);
    assert_int_equal(l->circulating.low, 4 * B);
    assert_int_equal(l->circulating.high, 6 * B);
    l = rt_loops_get(f.loops, 1);
    assert_int_equal(l->circulating.low, 1 * B); /* $1B stake, $2B chips */
    assert_int_equal(l->circulating.high, 1 * B);
    done(&f);
}

static void test_loops_round_trip_ratio_is_spend_back_over_stake(void **state)
{
    found f = run(NULL, NULL);
    const rt_loop *l = rt_loops_get(f.loops, 0);
    (void)state;
    assert_true(l->has_ratio);
    assert_int_equal(l->ratio_hop, 0);
    /* $4B-6B back on a $10B stake: 0.5 at the midpoints, 0.4 to 0.6. */
    assert_true(l->ratio > 0.4999 && l->ratio < 0.5001);
    assert_true(l->ratio_low > 0.3999 && l->ratio_low < 0.4001);
    assert_true(l->ratio_high > 0.5999 && l->ratio_high < 0.6001);
    l = rt_loops_get(f.loops, 1);
    assert_true(l->ratio > 1.9999 && l->ratio < 2.0001); /* $2B chips on a $1B stake */
    done(&f);
}

static void test_loops_weakest_status_and_date_span(void **state)
{
    found f = run(NULL, NULL);
    const rt_loop *l = rt_loops_get(f.loops, 1);
    char d1[16], d2[16];
    (void)state;
    assert_int_equal(rt_loops_get(f.loops, 0)->weakest, RT_STATUS_CONFIRMED);
    assert_int_equal(l->weakest, RT_STATUS_TALKS); /* reported and talks: talks */
    rt_date_format(d1, sizeof(d1), &l->first_date);
    rt_date_format(d2, sizeof(d2), &l->last_date);
    assert_string_equal(d1, "2024-06");
    assert_string_equal(d2, "2025-01");
    done(&f);
}

static void test_loops_list_links_between_members(void **state)
{
    found f = run(NULL, NULL);
    const rt_loop *l = rt_loops_get(f.loops, 0);
    (void)state;
    assert_int_equal(l->link_count, 1);
    assert_int_equal(rt_dataset_relationship(f.ds, l->links[0])->kind, RT_REL_HOSTING);
    assert_int_equal(rt_loops_get(f.loops, 1)->link_count, 0);
    done(&f);
}

static void test_loops_internal_flows_and_superseded_claims_carry_no_loop(void **state)
{
    found f = run(NULL, NULL);
    size_t n;
    const size_t *internal = rt_graph_internal(f.g, &n);
    (void)state;
    assert_int_equal(n, 1);
    assert_int_equal(rt_dataset_relationship(f.ds, internal[0])->kind, RT_REL_SERVICES);
    /* ChipCo -> BigCo is superseded: no arc, so no LabOne -> ChipCo -> BigCo cycle. */
    assert_int_equal(
        rt_graph_find_arc(f.g, rt_graph_entity_vertex(f.g, 4), rt_graph_entity_vertex(f.g, 0)),
        RT_NONE);
    assert_int_equal(rt_graph_group_count(f.g), 3);
    done(&f);
}

static void test_loops_all_reports_every_cycle(void **state)
{
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    found f;
    (void)state;
    lo.all = true;
    f = run(NULL, &lo);
    assert_int_equal(rt_loops_count(f.loops), 3);
    /* Ranked by weakest status first: confirmed, reported, talks. */
    assert_loop(&f, 0, "BigCo>LabOne>");
    assert_loop(&f, 1, "FundA>FundB>");
    assert_loop(&f, 2, "ChipCo>LabTwo>");
    done(&f);
}

static void test_loops_status_filter_keeps_firm_ground(void **state)
{
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    found f;
    (void)state;
    go.filter.statuses = (1u << RT_STATUS_CONFIRMED) | (1u << RT_STATUS_REPORTED);
    f = run(&go, NULL);
    assert_int_equal(rt_loops_count(f.loops), 1); /* the chips in talks are gone */
    assert_loop(&f, 0, "BigCo>LabOne>");
    done(&f);
}

static void test_loops_as_of_keeps_claims_dated_by_then(void **state)
{
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    found f;
    (void)state;
    rt_date_parse(&go.filter.as_of, "2024-12", NULL, 0);
    f = run(&go, NULL);
    assert_int_equal(rt_loops_count(f.loops), 1); /* ChipCo's stake is dated 2025-01 */
    done(&f);
    rt_date_parse(&go.filter.as_of, "2024-01", NULL, 0);
    f = run(&go, NULL);
    assert_int_equal(rt_loops_count(f.loops), 0); /* the compute is dated 2024-03 */
    done(&f);
}

static void test_loops_min_amount_drops_small_relationships(void **state)
{
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    found f;
    (void)state;
    go.filter.min_amount = 3 * B;
    f = run(&go, NULL);
    assert_int_equal(rt_loops_count(f.loops), 1); /* $1B and $2B go; $4B-6B stays */
    done(&f);
    go.filter.min_amount = 7 * B;
    f = run(&go, NULL);
    assert_int_equal(rt_loops_count(f.loops), 0);
    done(&f);
}

static void test_loops_scenario_takes_one_end_of_ranges(void **state)
{
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    found f;
    const rt_loop *l;
    (void)state;
    go.scenario = RT_SCENARIO_LOW;
    f = run(&go, NULL);
    l = rt_loops_get(f.loops, 0);
    assert_int_equal(l->circulating.low, 4 * B);
    assert_int_equal(l->circulating.high, 4 * B);
    assert_true(l->ratio > 0.3999 && l->ratio < 0.4001);
    done(&f);
    go.scenario = RT_SCENARIO_HIGH;
    f = run(&go, NULL);
    l = rt_loops_get(f.loops, 0);
    assert_int_equal(l->circulating.low, 6 * B);
    assert_true(l->ratio > 0.5999 && l->ratio < 0.6001);
    done(&f);
}

static void test_loops_temporal_needs_hops_in_date_order(void **state)
{
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    found f;
    (void)state;
    lo.temporal = true;
    f = run(NULL, &lo);
    /* BigCo: stake 2024-01-15 then compute 2024-03. ChipCo's chips (2024-06)
     * come before its stake (2025-01): money did not go round in that order. */
    assert_int_equal(rt_loops_count(f.loops), 1);
    assert_loop(&f, 0, "BigCo>LabOne>");
    done(&f);
}

static void test_loops_no_consolidate_analyses_entities_as_written(void **state)
{
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    found f;
    (void)state;
    go.consolidate = false;
    f = run(&go, NULL);
    /* BigCo -> LabOne -> BigCloud -> BigCo: the services flow is an arc now. */
    assert_int_equal(rt_loops_count(f.loops), 2);
    assert_loop(&f, 0, "BigCo>LabOne>BigCloud>");
    assert_int_equal(rt_loops_get(f.loops, 0)->circulating.low, 1 * B);
    done(&f);
}

static void test_loops_truncate_and_count_only(void **state)
{
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    found f;
    (void)state;
    lo.all = true;
    lo.cycles.max_cycles = 2;
    f = run(NULL, &lo);
    assert_true(rt_loops_truncated(f.loops));
    assert_int_equal(rt_loops_cycles_total(f.loops), 2);
    done(&f);
    lo.cycles.max_cycles = 0;
    lo.count_only = true;
    f = run(NULL, &lo);
    assert_int_equal(rt_loops_count(f.loops), 3);
    assert_null(rt_loops_get(f.loops, 0));
    done(&f);
}

static void test_loops_stop_at_the_most_they_keep(void **state)
{
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    found f;
    (void)state;
    lo.all = true;
    lo.cycles.max_cycles = 0; /* no limit asked: the library's own holds */
    f = run(NULL, &lo);
    assert_int_equal(rt_loops_count(f.loops), 3);
    assert_false(rt_loops_full(f.loops));
    assert_false(rt_loops_truncated(f.loops));
    done(&f);

    rt__loops_set_keep_max(2);
    f = run(NULL, &lo);
    assert_int_equal(rt_loops_count(f.loops), 2);
    assert_true(rt_loops_full(f.loops));
    assert_true(rt_loops_truncated(f.loops));
    done(&f);
    /* Counting keeps nothing, so it is not limited. */
    lo.count_only = true;
    f = run(NULL, &lo);
    assert_int_equal(rt_loops_count(f.loops), 3);
    assert_false(rt_loops_full(f.loops));
    done(&f);
    rt__loops_set_keep_max(0);
}

static void test_loops_reject_bad_options(void **state)
{
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    found f = run(NULL, NULL);
    rt_loops *ls = NULL;
    rt_graph *g = NULL;
    char *report = NULL;
    (void)state;
    lo.version = 99;
    assert_int_equal(rt_loops_find(&ls, f.g, &lo), RT_EINVAL);
    go.version = 99;
    assert_int_equal(rt_graph_build(&g, f.ds, &go, NULL), RT_EINVAL);
    lo = (rt_loop_options)RT_LOOP_OPTIONS_INIT;
    lo.count_only = true;
    assert_int_equal(rt_loops_find(&ls, f.g, &lo), 0);
    {
        rt_report_options ro = RT_REPORT_OPTIONS_INIT;
        assert_int_equal(rt_report_loops(&report, ls, &ro), RT_EINVAL);
    }
    rt_loops_free(ls);
    done(&f);
}

/* A loop with two investors: its figures do not depend on which of them
 * entities.csv (here, the relationships file) names first. */
static void test_loops_round_trip_investor_is_chosen_by_the_data(void **state)
{
    const char *orders[] = {"from,to,kind,amount\nA,B,equity,10B\nA,B,compute,2B\n"
                            "B,A,compute,4B\nB,A,equity,1B\n",
                            "from,to,kind,amount\nB,A,compute,4B\nB,A,equity,1B\n"
                            "A,B,equity,10B\nA,B,compute,2B\n"};
    (void)state;
    for (int i = 0; i < 2; i++) {
        rt_dataset *ds;
        rt_diags *d;
        rt_graph *g;
        rt_loops *ls;
        rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
        const rt_loop *l;
        assert_int_equal(load_strings(&ds, &d, NULL, orders[i]), 0);
        assert_int_equal(rt_graph_build(&g, ds, NULL, d), 0);
        assert_int_equal(rt_loops_find(&ls, g, &lo), 0);
        assert_int_equal(rt_loops_count(ls), 1);
        l = rt_loops_get(ls, 0);
        /* A's $10B stake is the larger: $4B back is 0.4 of it. */
        assert_string_equal(rt_dataset_entity(ds, rt_graph_vertex_entity(g, l->vertices[0]))->name,
                            "A");
        assert_true(l->ratio > 0.3999 && l->ratio < 0.4001);
        rt_loops_free(ls);
        rt_graph_free(g);
        rt_dataset_free(ds);
        rt_diags_free(d);
    }
}

static void test_loops_filters_leave_nothing_of_dropped_flows(void **state)
{
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    found f;
    (void)state;
    go.filter.min_amount = 3 * B;
    f = run(&go, NULL);
    /* ChipCo -> LabTwo $1B is dropped: its flow shows no claims. */
    for (size_t r = 0; r < rt_dataset_relationship_count(f.ds); r++) {
        const rt_flow *fl = rt_graph_flow(f.g, r);
        if (!fl->kept)
            assert_int_equal(fl->claim_count, 0);
    }
    done(&f);
    /* With the low scenario, the $4B-6B compute is below $5B and goes too. */
    go.filter.min_amount = 5 * B;
    go.scenario = RT_SCENARIO_LOW;
    f = run(&go, NULL);
    assert_int_equal(rt_loops_count(f.loops), 0);
    done(&f);
}

static void test_loops_as_of_needs_the_whole_period_known(void **state)
{
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    found f;
    (void)state;
    /* BigCo's compute is dated 2024-03: not known as of 2024-03-15. */
    rt_date_parse(&go.filter.as_of, "2024-03-15", NULL, 0);
    f = run(&go, NULL);
    assert_int_equal(rt_loops_count(f.loops), 0);
    done(&f);
    rt_date_parse(&go.filter.as_of, "2024-03", NULL, 0);
    f = run(&go, NULL);
    assert_int_equal(rt_loops_count(f.loops), 1);
    done(&f);
}

/* Fail each allocation of graph, search and report in turn: RT_ENOMEM or
 * the full result, never anything else (leaks: the sanitizer build). Both
 * searches, both full reports. */
static void test_loops_survive_every_allocation_failure(void **state)
{
    rt_dataset *ds;
    rt_diags *d;
    long n, enomem = 0;
    (void)state;
    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_dataset_load(&ds, test_data("loops-small"), d), 0);
    rt_diags_free(d);
    for (int variant = 0; variant < 2; variant++)
        for (n = 1; n < 100000; n++) {
            rt_graph *g = NULL;
            rt_loops *ls = NULL;
            rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
            char *report = NULL;
            bool failed;
            int rc;

            /* Johnson's search and the text report; the bounded one and JSON. */
            lo.cycles.max_len = variant == 0 ? 0 : 6;
            rt__alloc_fail_after(n);
            rc = rt_graph_build(&g, ds, NULL, NULL);
            if (rc == 0)
                rc = rt_loops_find(&ls, g, &lo);
            if (rc == 0) {
                rt_report_options ro = RT_REPORT_OPTIONS_INIT;
                ro.format = variant == 0 ? RT_FORMAT_TEXT : RT_FORMAT_JSON;
                rc = rt_report_loops(&report, ls, &ro);
            }
            rt__alloc_fail_after(0);
            failed = rt__alloc_failed();
            if (rc != 0) {
                assert_int_equal(rc, RT_ENOMEM);
                assert_true(failed);
                enomem++;
            } else {
                assert_int_equal(rt_loops_count(ls), 2);
                assert_non_null(
                    strstr(report, variant == 0 ? "1. BigCo -> LabOne -> BigCo" : "\"rank\": 1,"));
            }
            rt_report_free(report);
            rt_loops_free(ls);
            rt_graph_free(g);
            if (!failed)
                break;
        }
    assert_true(enomem > 20);
    rt_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loops_are_found_ranked_and_start_at_the_investor),
        cmocka_unit_test(test_loops_bottleneck_is_smallest_known_hop),
        cmocka_unit_test(test_loops_round_trip_ratio_is_spend_back_over_stake),
        cmocka_unit_test(test_loops_weakest_status_and_date_span),
        cmocka_unit_test(test_loops_list_links_between_members),
        cmocka_unit_test(test_loops_internal_flows_and_superseded_claims_carry_no_loop),
        cmocka_unit_test(test_loops_all_reports_every_cycle),
        cmocka_unit_test(test_loops_status_filter_keeps_firm_ground),
        cmocka_unit_test(test_loops_as_of_keeps_claims_dated_by_then),
        cmocka_unit_test(test_loops_min_amount_drops_small_relationships),
        cmocka_unit_test(test_loops_scenario_takes_one_end_of_ranges),
        cmocka_unit_test(test_loops_temporal_needs_hops_in_date_order),
        cmocka_unit_test(test_loops_no_consolidate_analyses_entities_as_written),
        cmocka_unit_test(test_loops_truncate_and_count_only),
        cmocka_unit_test(test_loops_stop_at_the_most_they_keep),
        cmocka_unit_test(test_loops_reject_bad_options),
        cmocka_unit_test(test_loops_round_trip_investor_is_chosen_by_the_data),
        cmocka_unit_test(test_loops_filters_leave_nothing_of_dropped_flows),
        cmocka_unit_test(test_loops_as_of_needs_the_whole_period_known),
        cmocka_unit_test(test_loops_survive_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
