/* Comparing two snapshots: loops and relationships added, removed, changed. */
#include "helpers.h"

#include <string.h>

typedef struct snapshot {
    rt_dataset *ds;
    rt_graph *g;
    rt_loops *loops;
} snapshot;

static snapshot take(const char *name, const char *as_of)
{
    snapshot s;
    rt_diags *d;
    rt_graph_options go = RT_GRAPH_OPTIONS_INIT;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;

    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_dataset_load(&s.ds, test_data(name), d), 0);
    if (as_of)
        assert_int_equal(rt_date_parse(&go.filter.as_of, as_of, NULL, 0), 0);
    assert_int_equal(rt_graph_build(&s.g, s.ds, &go, d), 0);
    assert_int_equal(rt_loops_find(&s.loops, s.g, &lo), 0);
    rt_diags_free(d);
    return s;
}

static void drop(snapshot *s)
{
    rt_loops_free(s->loops);
    rt_graph_free(s->g);
    rt_dataset_free(s->ds);
}

static size_t count(const rt_diff *d, bool loops, rt_change c)
{
    size_t n = 0;
    if (loops)
        for (size_t i = 0; i < rt_diff_loop_count(d); i++)
            n += rt_diff_loop(d, i)->change == c;
    else
        for (size_t i = 0; i < rt_diff_relationship_count(d); i++)
            n += rt_diff_relationship(d, i)->change == c;
    return n;
}

static void test_diff_finds_what_appeared_disappeared_and_changed(void **state)
{
    snapshot o = take("snap-old", NULL), n = take("snap-new", NULL);
    rt_diff *d;
    const rt_loop_diff *changed = NULL;
    (void)state;
    assert_int_equal(rt_diff_compute(&d, o.loops, n.loops), 0);
    /* ChipCo's loop appeared; BigCo's went from reported $4B to confirmed $6B. */
    assert_int_equal(count(d, true, RT_CHANGE_ADDED), 1);
    assert_int_equal(count(d, true, RT_CHANGE_REMOVED), 0);
    assert_int_equal(count(d, true, RT_CHANGE_CHANGED), 1);
    for (size_t i = 0; i < rt_diff_loop_count(d); i++)
        if (rt_diff_loop(d, i)->change == RT_CHANGE_CHANGED)
            changed = rt_diff_loop(d, i);
    if (!changed)
        fail_msg("no loop changed"); /* fail_msg() does not return: the analyzer knows */
    assert_int_equal(changed->old_loop->weakest, RT_STATUS_REPORTED);
    assert_int_equal(changed->new_loop->weakest, RT_STATUS_CONFIRMED);
    assert_int_equal(changed->new_loop->figures.circulating.low, INT64_C(6000000000));
    /* Two relationships added (ChipCo's), FundB -> FundA removed, the
     * compute changed, though the old file named BigCloud by its alias. */
    assert_int_equal(count(d, false, RT_CHANGE_ADDED), 2);
    assert_int_equal(count(d, false, RT_CHANGE_REMOVED), 1);
    assert_int_equal(count(d, false, RT_CHANGE_CHANGED), 1);
    rt_diff_free(d);
    drop(&o);
    drop(&n);
}

static void test_diff_across_a_replacement_and_an_unwinding(void **state)
{
    /* tests/data/replaced as of 2024-03: $4B reported stake, $5B confirmed
     * spend; as of 2024-12: $8B stake, the spend unwound; as of 2025-07:
     * $12B confirmed stake, $7B spend. */
    snapshot a = take("replaced", "2024-03"), b = take("replaced", "2024-12"),
             c = take("replaced", "2025-07");
    rt_diff *d;
    const rt_loop_diff *l;
    (void)state;
    assert_int_equal(rt_diff_compute(&d, a.loops, b.loops), 0);
    assert_int_equal(count(d, true, RT_CHANGE_REMOVED), 1);
    assert_int_equal(count(d, false, RT_CHANGE_REMOVED), 1);
    assert_int_equal(count(d, false, RT_CHANGE_CHANGED), 1);
    assert_int_equal(rt_diff_loop_count(d), 1);
    assert_int_equal(rt_diff_relationship_count(d), 2);
    rt_diff_free(d);
    assert_int_equal(rt_diff_compute(&d, a.loops, c.loops), 0);
    assert_int_equal(rt_diff_loop_count(d), 1);
    l = rt_diff_loop(d, 0);
    assert_int_equal(l->change, RT_CHANGE_CHANGED);
    assert_int_equal(l->old_loop->weakest, RT_STATUS_REPORTED);
    assert_int_equal(l->old_loop->figures.circulating.low, INT64_C(4000000000));
    assert_int_equal(l->new_loop->weakest, RT_STATUS_CONFIRMED);
    assert_int_equal(l->new_loop->figures.circulating.low, INT64_C(7000000000));
    assert_int_equal(count(d, false, RT_CHANGE_CHANGED), 2);
    rt_diff_free(d);
    drop(&a);
    drop(&b);
    drop(&c);
}

static void test_diff_of_a_dataset_with_itself_is_empty(void **state)
{
    snapshot a = take("loops-small", NULL), b = take("loops-small", NULL);
    rt_diff *d;
    (void)state;
    assert_int_equal(rt_diff_compute(&d, a.loops, b.loops), 0);
    assert_int_equal(rt_diff_loop_count(d), 0);
    assert_int_equal(rt_diff_relationship_count(d), 0);
    rt_diff_free(d);
    drop(&a);
    drop(&b);
}

static void test_diff_at_two_dates(void **state)
{
    snapshot a = take("loops-small", "2024-12"), b = take("loops-small", NULL);
    rt_diff *d;
    rt_report_options ro = RT_REPORT_OPTIONS_INIT;
    char *text;
    (void)state;
    assert_int_equal(rt_diff_compute(&d, a.loops, b.loops), 0);
    /* ChipCo's stake is dated 2025-01: its loop appears after 2024. */
    assert_int_equal(count(d, true, RT_CHANGE_ADDED), 1);
    assert_int_equal(rt_report_diff(&text, d, &ro), 0);
    assert_non_null(strstr(text, " + ChipCo -> LabTwo -> ChipCo, direct (talks, $1B) appeared\n"));
    rt_report_free(text);
    rt_diff_free(d);
    drop(&a);
    drop(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_finds_what_appeared_disappeared_and_changed),
        cmocka_unit_test(test_diff_across_a_replacement_and_an_unwinding),
        cmocka_unit_test(test_diff_of_a_dataset_with_itself_is_empty),
        cmocka_unit_test(test_diff_at_two_dates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
