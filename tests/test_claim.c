/* When a claim holds: its until in each precision, replacement by a later claim, --as-of on each
 * side of every boundary day. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

#define B INT64_C(1000000000)

static rt_date day(const char *text)
{
    rt_date d;

    assert_int_equal(rt_date_parse(&d, text, NULL, 0), 0);
    return d;
}

/* The one claim of a one-row file with these date and until columns. */
static rt_dataset *one_claim(const char *status, const char *date, const char *until)
{
    char csv[256];
    rt_dataset *ds;
    rt_diags *d;

    snprintf(csv, sizeof(csv), "from,to,kind,amount,status,date,until\nA,B,equity,1B,%s,%s,%s\n",
             status, date, until);
    assert_int_equal(load_strings(&ds, &d, NULL, csv), 0);
    assert_int_equal(rt_diags_count(d), 0);
    rt_diags_free(d);
    return ds;
}

static bool holds_on(const rt_dataset *ds, size_t claim, const char *as_of)
{
    rt_date d = day(as_of);

    return rt_claim_holds(rt_dataset_claim(ds, claim), &d);
}

static void test_claim_until_a_year_ends_it_on_new_year(void **state)
{
    rt_dataset *ds = one_claim("confirmed", "2025-03-10", "2026");
    (void)state;
    assert_false(holds_on(ds, 0, "2025-03-09"));
    assert_true(holds_on(ds, 0, "2025-03-10"));
    assert_true(holds_on(ds, 0, "2025-12-31"));
    assert_true(holds_on(ds, 0, "2025"));
    assert_false(holds_on(ds, 0, "2026-01-01"));
    assert_false(holds_on(ds, 0, "2026"));
    /* Without a date: today, and something has ended it. */
    assert_false(rt_claim_holds(rt_dataset_claim(ds, 0), NULL));
    rt_dataset_free(ds);
}

static void test_claim_until_a_month_ends_it_on_its_first_day(void **state)
{
    rt_dataset *ds = one_claim("reported", "2025-03-10", "2026-02");
    (void)state;
    assert_true(holds_on(ds, 0, "2026-01-31"));
    assert_true(holds_on(ds, 0, "2026-01"));
    assert_false(holds_on(ds, 0, "2026-02-01"));
    assert_false(holds_on(ds, 0, "2026-02"));
    rt_dataset_free(ds);
}

static void test_claim_until_a_day_ends_it_that_day(void **state)
{
    rt_dataset *ds = one_claim("talks", "2025-03-10", "2026-02-15");
    (void)state;
    assert_true(holds_on(ds, 0, "2026-02-14"));
    assert_false(holds_on(ds, 0, "2026-02-15"));
    /* The month holds its last day, after the end. */
    assert_false(holds_on(ds, 0, "2026-02"));
    assert_int_equal(rt_claim_status_as_of(rt_dataset_claim(ds, 0), &(rt_date){2026, 2, 14}),
                     RT_STATUS_TALKS);
    assert_int_equal(rt_claim_status_as_of(rt_dataset_claim(ds, 0), &(rt_date){2026, 2, 15}),
                     RT_STATUS_SUPERSEDED);
    assert_int_equal(rt_claim_status_as_of(rt_dataset_claim(ds, 0), &(rt_date){2025, 3, 9}),
                     RT_STATUS_COUNT);
    rt_dataset_free(ds);
}

static void test_claim_dated_by_month_is_known_at_its_end(void **state)
{
    rt_dataset *ds = one_claim("confirmed", "2025-03", "");
    (void)state;
    assert_false(holds_on(ds, 0, "2025-03-30"));
    assert_true(holds_on(ds, 0, "2025-03-31"));
    rt_dataset_free(ds);
    /* A month's last day is its own: 30 days in June, 29 in February 2024. */
    ds = one_claim("confirmed", "2025-06", "");
    assert_false(holds_on(ds, 0, "2025-06-29"));
    assert_true(holds_on(ds, 0, "2025-06-30"));
    rt_dataset_free(ds);
    ds = one_claim("confirmed", "2024-02", "");
    assert_false(holds_on(ds, 0, "2024-02-28"));
    assert_true(holds_on(ds, 0, "2024-02-29"));
    rt_dataset_free(ds);
    ds = one_claim("confirmed", "2025-03", "");
    assert_true(holds_on(ds, 0, "2025-03"));
    assert_true(rt_claim_holds(rt_dataset_claim(ds, 0), NULL));
    rt_dataset_free(ds);
}

static void test_claim_superseded_alone_never_holds(void **state)
{
    rt_dataset *ds = one_claim("superseded", "2025-03-10", "");
    (void)state;
    assert_false(holds_on(ds, 0, "2025-03-10"));
    assert_false(holds_on(ds, 0, "2030"));
    assert_false(rt_claim_holds(rt_dataset_claim(ds, 0), NULL));
    assert_int_equal(rt_claim_status_as_of(rt_dataset_claim(ds, 0), &(rt_date){2026, 1, 1}),
                     RT_STATUS_SUPERSEDED);
    rt_dataset_free(ds);
}

static void test_claim_cancelled_with_until_held_as_reported(void **state)
{
    rt_dataset *ds = one_claim("cancelled", "2025-03-10", "2025-05");
    const rt_claim *c = rt_dataset_claim(ds, 0);
    (void)state;
    assert_int_equal(c->held, RT_STATUS_REPORTED);
    assert_true(holds_on(ds, 0, "2025-04-30"));
    assert_false(holds_on(ds, 0, "2025-05-01"));
    assert_int_equal(rt_claim_status_as_of(c, &(rt_date){2025, 5, 1}), RT_STATUS_CANCELLED);
    rt_dataset_free(ds);
}

static void test_claim_until_before_date_is_an_error_at_its_column(void **state)
{
    rt_dataset *ds;
    rt_diags *d;
    (void)state;
    assert_int_equal(load_strings(&ds, &d, NULL,
                                  "from,to,kind,date,until\n"
                                  "A,B,equity,2025-03-10,2025-02\n"
                                  "A,B,equity,2025-03-10,2025-03\n"
                                  "A,B,equity,2025-03,2025-03-01\n"
                                  "A,B,equity,2025,2024-12-31\n"),
                     RT_EDATA);
    assert_diag(d, 2, 5, "until 2025-02 is before date 2025-03-10");
    assert_diag(d, 5, 5, "until 2024-12-31 is before date 2025");
    /* At either's precision, 2025-03 is not before 2025-03-10. */
    assert_int_equal(rt_diags_error_count(d), 2);
    rt_dataset_free(ds);
    rt_diags_free(d);
}

/* tests/data/replaced: Fund -> Lab equity $4B (superseded, 2023-09), $8B
 * (superseded, 2024-11-20), $12B (confirmed, 2025-06); Lab -> Cloud (in
 * Fund) compute $5B confirmed 2024-01-15 until 2024-06, then $7B from
 * 2025-01-01. */
typedef struct world {
    rt_dataset *ds;
    rt_graph *g;
} world;

static world as_of(const char *date)
{
    world w;
    rt_diags *d;
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;

    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_dataset_load(&w.ds, test_data("replaced"), d), 0);
    if (date)
        go.filter.as_of = day(date);
    assert_int_equal(rt_graph_build(&w.g, w.ds, &go, d), 0);
    rt_diags_free(d);
    return w;
}

static void end(world *w)
{
    rt_graph_free(w->g);
    rt_dataset_free(w->ds);
}

/* The flow of relationship r: kept, and when kept its amount and status. */
static void assert_flow(const world *w, size_t r, int64_t usd, rt_status status)
{
    const rt_flow *fl = rt_graph_flow(w->g, r);

    if (usd == 0) {
        assert_false(fl->kept);
        return;
    }
    assert_true(fl->kept);
    assert_int_equal(fl->amount.unit, RT_AMOUNT_USD);
    assert_int_equal(fl->amount.low, usd);
    assert_int_equal(fl->amount.high, usd);
    assert_int_equal(fl->status, status);
}

static void test_claim_replaced_twice_shows_each_total_in_its_time(void **state)
{
    static const struct {
        const char *as_of;
        int64_t equity;
        rt_status status;
    } want[] = {
        {"2023-08-31", 0, 0},
        {"2023-09", 4 * B, RT_STATUS_REPORTED},
        {"2024-11-19", 4 * B, RT_STATUS_REPORTED},
        {"2024-11-20", 8 * B, RT_STATUS_REPORTED},
        {"2025-05-31", 8 * B, RT_STATUS_REPORTED},
        /* Replaced by a claim dated 2025-06: held until that is known. */
        {"2025-06-29", 8 * B, RT_STATUS_REPORTED},
        {"2025-06-30", 12 * B, RT_STATUS_CONFIRMED},
        {"2025-06", 12 * B, RT_STATUS_CONFIRMED},
        {NULL, 12 * B, RT_STATUS_CONFIRMED},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        world w = as_of(want[i].as_of);
        assert_flow(&w, 0, want[i].equity, want[i].status);
        end(&w);
    }
}

static void test_claim_unwound_and_redone_is_absent_between(void **state)
{
    static const struct {
        const char *as_of;
        int64_t compute;
    } want[] = {
        {"2024-01-14", 0}, {"2024-01-15", 5 * B}, {"2024-05-31", 5 * B}, {"2024-06-01", 0},
        {"2024-12-31", 0}, {"2025-01-01", 7 * B}, {NULL, 7 * B},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        world w = as_of(want[i].as_of);
        assert_flow(&w, 1, want[i].compute, RT_STATUS_CONFIRMED);
        end(&w);
    }
}

static void test_claim_dataset_figures_are_today(void **state)
{
    world w = as_of(NULL);
    const rt_relationship *equity = rt_dataset_relationship(w.ds, 0);
    (void)state;
    /* Only what still holds: $12B confirmed, not a $4B-12B range. */
    assert_int_equal(equity->amount.low, 12 * B);
    assert_int_equal(equity->amount.high, 12 * B);
    assert_int_equal(equity->status, RT_STATUS_CONFIRMED);
    assert_false(equity->conflicting);
    assert_int_equal(rt_dataset_claim(w.ds, 0)->held_until.year, 2024);
    assert_int_equal(rt_dataset_claim(w.ds, 0)->held_until.month, 11);
    assert_int_equal(rt_dataset_claim(w.ds, 0)->held_until.day, 20);
    end(&w);
}

static void test_claim_status_filter_sees_statuses_as_they_were(void **state)
{
    rt_diags *d;
    rt_dataset *ds;
    rt_graph *g;
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    (void)state;
    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_dataset_load(&ds, test_data("replaced"), d), 0);
    go.filter.statuses = 1u << RT_STATUS_REPORTED;
    go.filter.as_of = day("2024-12");
    assert_int_equal(rt_graph_build(&g, ds, &go, d), 0);
    /* The $8B was reported then; the $4B had been replaced. */
    assert_true(rt_graph_flow(g, 0)->kept);
    assert_int_equal(rt_graph_flow(g, 0)->claim_count, 1);
    assert_int_equal(rt_graph_flow(g, 0)->amount.low, 8 * B);
    rt_graph_free(g);
    go.filter.as_of = day("2025-12");
    assert_int_equal(rt_graph_build(&g, ds, &go, d), 0);
    assert_false(rt_graph_flow(g, 0)->kept);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_claim_until_a_year_ends_it_on_new_year),
        cmocka_unit_test(test_claim_until_a_month_ends_it_on_its_first_day),
        cmocka_unit_test(test_claim_until_a_day_ends_it_that_day),
        cmocka_unit_test(test_claim_dated_by_month_is_known_at_its_end),
        cmocka_unit_test(test_claim_superseded_alone_never_holds),
        cmocka_unit_test(test_claim_cancelled_with_until_held_as_reported),
        cmocka_unit_test(test_claim_until_before_date_is_an_error_at_its_column),
        cmocka_unit_test(test_claim_replaced_twice_shows_each_total_in_its_time),
        cmocka_unit_test(test_claim_unwound_and_redone_is_absent_between),
        cmocka_unit_test(test_claim_dataset_figures_are_today),
        cmocka_unit_test(test_claim_status_filter_sees_statuses_as_they_were),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
