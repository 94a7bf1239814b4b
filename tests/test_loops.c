/* Loops and their figures on tests/data/loops-small, every number checked by hand. */
#include "helpers.h"

#include "analysis/analysis.h"

#include <stdio.h>
#include <stdlib.h>
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
    assert_int_equal(l->figures.circulating.unit, RT_AMOUNT_USD);
    assert_int_equal(l->figures.circulating.low, 4 * B);
    assert_int_equal(l->figures.circulating.high, 6 * B);
    l = rt_loops_get(f.loops, 1);
    assert_int_equal(l->figures.circulating.low, 1 * B); /* $1B stake, $2B chips */
    assert_int_equal(l->figures.circulating.high, 1 * B);
    done(&f);
}

static void test_loops_round_trip_ratio_is_spend_back_over_stake(void **state)
{
    found f = run(NULL, NULL);
    const rt_loop *l = rt_loops_get(f.loops, 0);
    (void)state;
    assert_true(l->figures.has_ratio);
    assert_int_equal(l->ratio_hop, 0);
    /* $4B-6B back on a $10B stake: 0.5 at the midpoints, 0.4 to 0.6. */
    assert_true(l->figures.ratio > 0.4999 && l->figures.ratio < 0.5001);
    assert_true(l->figures.ratio_low > 0.3999 && l->figures.ratio_low < 0.4001);
    assert_true(l->figures.ratio_high > 0.5999 && l->figures.ratio_high < 0.6001);
    l = rt_loops_get(f.loops, 1);
    assert_true(l->figures.ratio > 1.9999 &&
                l->figures.ratio < 2.0001); /* $2B chips on a $1B stake */
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
    rt_date_format(d1, sizeof(d1), &l->figures.first_date);
    rt_date_format(d2, sizeof(d2), &l->figures.last_date);
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
    assert_int_equal(l->figures.circulating.low, 4 * B);
    assert_int_equal(l->figures.circulating.high, 4 * B);
    assert_true(l->figures.ratio > 0.3999 && l->figures.ratio < 0.4001);
    done(&f);
    go.scenario = RT_SCENARIO_HIGH;
    f = run(&go, NULL);
    l = rt_loops_get(f.loops, 0);
    assert_int_equal(l->figures.circulating.low, 6 * B);
    assert_true(l->figures.ratio > 0.5999 && l->figures.ratio < 0.6001);
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
    assert_int_equal(rt_loops_get(f.loops, 0)->figures.circulating.low, 1 * B);
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

    lo.max_kept = 2;
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
        assert_true(l->figures.ratio > 0.3999 && l->figures.ratio < 0.4001);
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

/* Loops of a CSV text (no entities file: every name is an entity). */
static found of_csv(const char *relationships, size_t max_len)
{
    found f;
    rt_diags *d;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;

    assert_int_equal(load_strings(&f.ds, &d, NULL, relationships), 0);
    rt_diags_free(d);
    assert_int_equal(rt_graph_build(&f.g, f.ds, NULL, NULL), 0);
    lo.cycles.max_len = max_len;
    assert_int_equal(rt_loops_find(&f.loops, f.g, &lo), 0);
    return f;
}

static void test_loops_status_and_figures_agree_when_money_is_confirmed_in_part(void **state)
{
    /* The spend back is confirmed only in gigawatts; its dollars are reported. */
    found f = of_csv("from,to,kind,amount,status\n"
                     "Inv,Lab,equity,10B,confirmed\n"
                     "Lab,Inv,compute,2 GW,confirmed\n"
                     "Lab,Inv,compute,12B,reported\n",
                     4);
    const rt_loop *l = rt_loops_get(f.loops, 0);
    char *text;
    rt_report_options ro = RT_REPORT_OPTIONS_INIT;
    (void)state;
    assert_int_equal(rt_loops_count(f.loops), 1);
    assert_int_equal(l->weakest, RT_STATUS_CONFIRMED);
    assert_true(l->direct);
    assert_int_equal(l->figures.status, RT_STATUS_CONFIRMED);
    assert_int_equal(l->figures.circulating.unit, RT_AMOUNT_UNKNOWN);
    assert_false(l->figures.has_ratio);
    assert_true(l->has_wider);
    assert_int_equal(l->wider.status, RT_STATUS_REPORTED);
    assert_int_equal(l->wider.circulating.low, 10 * B);
    assert_true(l->wider.has_ratio);
    assert_true(l->wider.ratio > 1.19 && l->wider.ratio < 1.21);
    /* Each figure with its own status. */
    assert_int_equal(rt_report_loops(&text, f.loops, &ro), 0);
    assert_non_null(strstr(text, "compute 2 GW confirmed"));
    assert_non_null(strstr(text, "; $12B reported"));
    assert_non_null(strstr(text, "direct, confirmed: circulating unknown on confirmed claims"));
    assert_non_null(strstr(text, "with reported claims: circulating $10B; round trip 1.20x"));
    rt_report_free(text);
    done(&f);
}

static void test_loops_indirect_ratio_relates_money_on_one_path(void **state)
{
    /* A's $5B stake in B cannot bring back C's $250B bill to A: at most
     * the $5B that goes round the whole loop comes back, all of it. */
    found f = of_csv("from,to,kind,amount,status\n"
                     "A,B,equity,5B,confirmed\n"
                     "B,C,compute,250B,confirmed\n"
                     "C,A,compute,250B,confirmed\n"
                     "X,Y,equity,10B,confirmed\n"
                     "Y,Z,compute,4B,confirmed\n"
                     "Z,X,compute,250B,confirmed\n",
                     4);
    (void)state;
    assert_int_equal(rt_loops_count(f.loops), 2);
    for (size_t i = 0; i < 2; i++) {
        const rt_loop *l = rt_loops_get(f.loops, i);
        assert_false(l->direct);
        assert_true(l->figures.has_ratio);
        assert_true(l->figures.ratio <= 1.0);
    }
    /* Ranked by circulating: A's loop ($5B, all of its stake) first, then
     * X's ($4B of $10B). */
    assert_loop(&f, 0, "A>B>C>");
    assert_true(rt_loops_get(f.loops, 0)->figures.ratio == 1.0);
    assert_loop(&f, 1, "X>Y>Z>");
    assert_true(rt_loops_get(f.loops, 1)->figures.ratio == 0.4);
    done(&f);
    /* A hop that carries spend beside the stake ($2B + $6B) lets $7B go
     * round: still no more than the whole $2B stake comes back. */
    f = of_csv("from,to,kind,amount,status\n"
               "A,B,equity,2B,confirmed\n"
               "A,B,compute,6B,confirmed\n"
               "B,C,compute,7B,confirmed\n"
               "C,A,compute,9B,confirmed\n",
               4);
    assert_int_equal(rt_loops_count(f.loops), 1);
    assert_int_equal(rt_loops_get(f.loops, 0)->figures.circulating.low, 7 * B);
    assert_true(rt_loops_get(f.loops, 0)->figures.ratio == 1.0);
    assert_true(rt_loops_get(f.loops, 0)->figures.ratio_high == 1.0);
    done(&f);
}

static void test_loops_indirect_ratio_is_absent_without_every_dollar_figure(void **state)
{
    found f = of_csv("from,to,kind,amount,status\n"
                     "A,B,equity,5B,confirmed\n"
                     "B,C,chips,6 GW,confirmed\n"
                     "C,A,compute,250B,confirmed\n",
                     4);
    (void)state;
    assert_int_equal(rt_loops_count(f.loops), 1);
    assert_false(rt_loops_get(f.loops, 0)->figures.has_ratio);
    done(&f);
}

static void test_loops_packing_counts_a_shared_hop_once(void **state)
{
    /* H's $6B stake in L feeds two loops: L pays H $3B, and L pays C $9B
     * of which C pays H $5B. The loops circulate $3B and $5B, $8B added
     * up, but only $6B goes into L: at most $6B goes round at once. */
    found f = of_csv("from,to,kind,amount,status\n"
                     "H,L,equity,6B,confirmed\n"
                     "L,H,compute,3B,confirmed\n"
                     "L,C,compute,9B,confirmed\n"
                     "C,H,chips,5B,confirmed\n",
                     4);
    rt_packing *p;
    int64_t shares = 0;
    (void)state;
    assert_int_equal(rt_loops_count(f.loops), 2);
    assert_int_equal(rt_packing_compute(&p, f.loops, RT_STATUS_RUMORED), 0);
    assert_int_equal(rt_packing_counted(p), 2);
    assert_int_equal(rt_packing_total(p)->unit, RT_AMOUNT_USD);
    assert_int_equal(rt_packing_total(p)->low, 6 * B);
    assert_int_equal(rt_packing_total(p)->high, 6 * B);
    for (size_t i = 0; i < 2; i++) {
        const rt_amount *sh = rt_packing_share(p, i);
        assert_true(sh->low <= rt_loops_get(f.loops, i)->figures.circulating.low);
        shares += sh->low;
    }
    assert_int_equal(shares, 6 * B);
    rt_packing_free(p);
    done(&f);
}

static void test_loops_packing_of_disjoint_loops_is_their_sum(void **state)
{
    /* Two loops with no hop in common, one of a range: $8B-10B and $3B. */
    found f = of_csv("from,to,kind,amount,status\n"
                     "A,B,equity,8B-10B,confirmed\n"
                     "B,A,compute,20B,confirmed\n"
                     "C,D,equity,3B,reported\n"
                     "D,C,compute,4B,reported\n"
                     "E,F,equity,1B,talks\n"
                     "F,E,compute,2 GW,talks\n",
                     4);
    rt_packing *p;
    (void)state;
    assert_int_equal(rt_loops_count(f.loops), 3);
    assert_int_equal(rt_packing_compute(&p, f.loops, RT_STATUS_RUMORED), 0);
    assert_int_equal(rt_packing_counted(p), 2); /* E's loop has no dollar figure back */
    assert_int_equal(rt_packing_total(p)->low, 11 * B);
    assert_int_equal(rt_packing_total(p)->high, 13 * B);
    rt_packing_free(p);
    /* On confirmed claims alone, only A's loop. */
    assert_int_equal(rt_packing_compute(&p, f.loops, RT_STATUS_CONFIRMED), 0);
    assert_int_equal(rt_packing_counted(p), 1);
    assert_int_equal(rt_packing_total(p)->low, 8 * B);
    assert_int_equal(rt_packing_share(p, 1)->unit, RT_AMOUNT_UNKNOWN);
    rt_packing_free(p);
    assert_int_equal(rt_packing_compute(&p, f.loops, RT_STATUS_COUNT), RT_EINVAL);
    done(&f);
}

/* A seeded random money graph: n entities, m relationships of every
 * class, dollar amounts of 1-9 billion. */
static char *random_money(unsigned seed, size_t n, size_t m)
{
    static const char *const kinds[] = {"equity", "compute", "chips"};
    char *csv = malloc(64 + m * 48);
    size_t len = (size_t)sprintf(csv, "from,to,kind,amount\n");

    assert_non_null(csv);
    for (size_t i = 0; i < m; i++) {
        size_t a, b;
        seed = seed * 1103515245u + 12345u;
        a = (seed >> 8) % n;
        seed = seed * 1103515245u + 12345u;
        b = (seed >> 8) % n;
        if (a == b)
            b = (b + 1) % n;
        seed = seed * 1103515245u + 12345u;
        len += (size_t)sprintf(csv + len, "E%zu,E%zu,%s,%uB\n", a, b, kinds[(seed >> 8) % 3],
                               1 + (seed >> 12) % 9);
    }
    return csv;
}

static void test_loops_packing_never_overfills_a_hop(void **state)
{
    (void)state;
    for (unsigned seed = 1; seed <= 30; seed++) {
        char *csv = random_money(seed, 7, 18);
        found f = of_csv(csv, 4);
        rt_packing *p;
        size_t n = rt_loops_count(f.loops), narcs = rt_graph_arc_count(f.g);
        int64_t *used = calloc(narcs + 1, sizeof(int64_t)), sum = 0, most = 0, shares = 0;
        assert_non_null(used);
        assert_int_equal(rt_packing_compute(&p, f.loops, RT_STATUS_RUMORED), 0);
        for (size_t i = 0; i < n; i++) {
            const rt_loop *l = rt_loops_get(f.loops, i);
            const rt_amount *sh = rt_packing_share(p, i);
            if (sh->unit != RT_AMOUNT_USD)
                continue;
            for (size_t k = 0; k < l->length; k++)
                used[l->arcs[k]] += sh->low;
            sum += l->figures.circulating.low;
            if (l->figures.circulating.low > most)
                most = l->figures.circulating.low;
            shares += sh->low;
        }
        /* Every hop's dollars once; between the largest loop and the sum. */
        for (size_t a = 0; a < narcs; a++) {
            const rt_arc *arc = rt_graph_arc(f.g, a);
            if (used[a])
                assert_true(used[a] <= arc->amount.low + 4); /* rounding to dollars */
        }
        if (rt_packing_counted(p) > 0) {
            assert_true(rt_packing_total(p)->low >= most);
            assert_true(rt_packing_total(p)->low <= sum);
            assert_true(shares >= rt_packing_total(p)->low - (int64_t)n &&
                        shares <= rt_packing_total(p)->low + (int64_t)n);
        }
        rt_packing_free(p);
        free(used);
        free(csv);
        done(&f);
    }
}

/* 10,000 subsidiaries of Cloud are paid $1000T each by Lab, which Cloud
 * holds a stake in: the hop back adds up to $10 quintillion, more than a
 * figure holds. It is said, shown as "more than $9.2 quintillion" (not
 * $9223372.04T), and no ratio is made of it (not 9223.37x). */
static void test_loops_a_sum_too_large_to_hold_is_said_and_takes_no_ratio(void **state)
{
    size_t n = 10000, cap = n * 64, used, eused;
    char *ents = malloc(cap), *rels = malloc(cap), *report = NULL, text[64];
    rt_dataset *ds;
    rt_diags *diags;
    rt_graph *g;
    rt_loops *ls;
    rt_exposures *x;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    rt_report_options ro = RT_REPORT_OPTIONS_INIT;
    const rt_loop *l;
    (void)state;
    assert_non_null(ents);
    assert_non_null(rels);
    eused = (size_t)snprintf(ents, cap, "name,kind,parent\nLab,lab,\nCloud,cloud,\n");
    used = (size_t)snprintf(rels, cap, "from,to,kind,amount\nCloud,Lab,equity,1000T\n");
    for (size_t i = 0; i < n; i++) {
        eused += (size_t)snprintf(ents + eused, cap - eused, "Sub%zu,cloud,Cloud\n", i);
        used += (size_t)snprintf(rels + used, cap - used, "Lab,Sub%zu,compute,1000T\n", i);
    }
    assert_int_equal(load_strings(&ds, &diags, ents, rels), 0);
    assert_int_equal(rt_graph_build(&g, ds, NULL, diags), 0);
    assert_diag(diags, 0, 0, "adds up to more than $9.2 quintillion");
    assert_int_equal(rt_loops_find(&ls, g, &lo), 0);
    assert_int_equal(rt_loops_count(ls), 1);
    l = rt_loops_get(ls, 0);
    assert_false(l->figures.has_ratio);
    assert_int_equal(l->figures.circulating.high, 1000000 * B); /* the stake: it fits */
    rt_usd_format(text, sizeof(text), RT_USD_SATURATED);
    assert_string_equal(text, "more than $9.2 quintillion");
    assert_int_equal(rt_usd_add(RT_USD_SATURATED - 1, 2), RT_USD_SATURATED);
    assert_int_equal(rt_usd_add(RT_USD_SATURATED - 2, 2), RT_USD_SATURATED);
    assert_int_equal(rt_usd_add(RT_USD_SATURATED - 3, 2), RT_USD_SATURATED - 1);
    assert_int_equal(rt_report_loops(&report, ls, &ro), 0);
    assert_null(strstr(report, "round trip"));
    assert_null(strstr(report, "$9223372"));
    assert_null(strstr(report, "9223.37"));
    rt_report_free(report);
    assert_int_equal(rt_exposures_compute(&x, g, RT_SORT_STAKES, diags), 0);
    assert_int_equal(rt_report_exposures(&report, x, &ro), 0);
    assert_non_null(strstr(report, "more than $9.2 quintillion"));
    assert_null(strstr(report, "$9223372"));
    assert_null(strstr(report, "9223.37"));
    rt_report_free(report);
    rt_exposures_free(x);
    rt_loops_free(ls);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    free(ents);
    free(rels);
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
        cmocka_unit_test(test_loops_status_and_figures_agree_when_money_is_confirmed_in_part),
        cmocka_unit_test(test_loops_indirect_ratio_relates_money_on_one_path),
        cmocka_unit_test(test_loops_indirect_ratio_is_absent_without_every_dollar_figure),
        cmocka_unit_test(test_loops_packing_counts_a_shared_hop_once),
        cmocka_unit_test(test_loops_packing_of_disjoint_loops_is_their_sum),
        cmocka_unit_test(test_loops_packing_never_overfills_a_hop),
        cmocka_unit_test(test_loops_a_sum_too_large_to_hold_is_said_and_takes_no_ratio),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
