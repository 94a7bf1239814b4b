/* Did-you-mean: edit distance with transpositions, limits by length, kind synonyms. */
#include "helpers.h"

#include <string.h>

#include "model/model.h"

static size_t dist(const char *a, const char *b)
{
    return rt_suggest__distance(a, strlen(a), b, strlen(b), 10);
}

static void test_edit_distance_matches_hand_counts(void **state)
{
    (void)state;
    assert_int_equal(dist("equity", "equity"), 0);
    assert_int_equal(dist("equitty", "equity"), 1);      /* one insertion */
    assert_int_equal(dist("eqiuty", "equity"), 1);       /* one transposition */
    assert_int_equal(dist("kitten", "sitting"), 3);      /* the textbook pair */
    assert_int_equal(dist("Anthropic", "anthropic"), 0); /* case is ignored */
    assert_int_equal(dist("", "abc"), 3);
    assert_int_equal(dist("ca", "abc"), 3); /* OSA, not full Damerau: 3, not 2 */
}

static void test_edit_distance_stops_past_the_limit(void **state)
{
    (void)state;
    assert_int_equal(rt_suggest__distance("abcdef", 6, "uvwxyz", 6, 2), 3);
    assert_int_equal(rt_suggest__distance("a", 1, "abcdefgh", 8, 2), 3);
}

static void test_suggest_picks_the_closest_candidate(void **state)
{
    rt_suggest sg;
    (void)state;
    rt_suggest__init(&sg, "Antropic", 8);
    rt_suggest__offer(&sg, "OpenAI");
    rt_suggest__offer(&sg, "Anthropic");
    rt_suggest__offer(&sg, "Amazon");
    assert_non_null(sg.best);
    assert_string_equal(sg.best, "Anthropic");
}

static void test_suggest_offers_nothing_for_unrelated_words(void **state)
{
    rt_suggest sg;
    (void)state;
    rt_suggest__init(&sg, "xyz", 3);
    rt_suggest__offer(&sg, "equity");
    rt_suggest__offer(&sg, "compute");
    assert_null(sg.best);
}

static void test_kind_suggestions_use_synonyms(void **state)
{
    (void)state;
    assert_string_equal(rt_rel_kind__suggest("investment", 10), "equity");
    assert_string_equal(rt_rel_kind__suggest("equitty", 7), "equity");
    assert_string_equal(rt_rel_kind__suggest("GPUs", 4), "chips");
    assert_string_equal(rt_status__suggest("announced", 9), "confirmed");
    assert_string_equal(rt_status__suggest("canceled", 8), "cancelled");
    assert_string_equal(rt_entity_kind__suggest("clod", 4), "cloud");
}

/* The public did-you-mean, as the CLI uses it for statuses and commands. */
static void test_public_suggestions_match_the_private_ones(void **state)
{
    const char *const commands[] = {"check", "loops", "entities", "diff", "render", "help"};
    (void)state;
    assert_string_equal(rt_status_suggest("confimed"), "confirmed");
    assert_string_equal(rt_status_suggest("announced"), "confirmed");
    assert_null(rt_status_suggest("xyz"));
    assert_string_equal(rt_suggest_closest("chek", commands, 6), "check");
    assert_string_equal(rt_suggest_closest("LOOPS", commands, 6), "loops");
    assert_string_equal(rt_suggest_closest("rendr", commands, 6), "render");
    assert_null(rt_suggest_closest("frobnicate", commands, 6));
    assert_null(rt_suggest_closest("chek", commands, 0));
}

static void test_lookups_ignore_case(void **state)
{
    rt_rel_kind k;
    rt_status s;
    rt_entity_kind e;
    (void)state;
    assert_int_equal(rt_rel_kind__lookup("Equity", 6, &k), 0);
    assert_int_equal(k, RT_REL_EQUITY);
    assert_int_equal(rt_status__lookup("TALKS", 5, &s), 0);
    assert_int_equal(s, RT_STATUS_TALKS);
    assert_int_equal(rt_entity_kind__lookup("DataCenter", 10, &e), 0);
    assert_int_equal(e, RT_ENTITY_DATACENTER);
    assert_int_equal(rt_rel_kind__lookup("equit", 5, &k), -1);
}

static void test_kind_classes_and_money(void **state)
{
    (void)state;
    assert_int_equal(rt_rel_kind_class(RT_REL_EQUITY), RT_CLASS_STAKE);
    assert_int_equal(rt_rel_kind_class(RT_REL_COMPUTE), RT_CLASS_SPEND);
    assert_int_equal(rt_rel_kind_class(RT_REL_CHIPS), RT_CLASS_SPEND);
    assert_int_equal(rt_rel_kind_class(RT_REL_DATACENTER), RT_CLASS_SPEND);
    assert_int_equal(rt_rel_kind_class(RT_REL_SERVICES), RT_CLASS_SPEND);
    assert_int_equal(rt_rel_kind_class(RT_REL_LOAN), RT_CLASS_DEBT);
    assert_int_equal(rt_rel_kind_class(RT_REL_HOSTING), RT_CLASS_LINK);
    assert_int_equal(rt_rel_kind_class(RT_REL_PARTNERSHIP), RT_CLASS_LINK);
    assert_true(rt_status_carries_money(RT_STATUS_CONFIRMED));
    assert_true(rt_status_carries_money(RT_STATUS_RUMORED));
    assert_false(rt_status_carries_money(RT_STATUS_SUPERSEDED));
    assert_false(rt_status_carries_money(RT_STATUS_DENIED));
    assert_false(rt_status_carries_money(RT_STATUS_CANCELLED));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edit_distance_matches_hand_counts),
        cmocka_unit_test(test_edit_distance_stops_past_the_limit),
        cmocka_unit_test(test_suggest_picks_the_closest_candidate),
        cmocka_unit_test(test_suggest_offers_nothing_for_unrelated_words),
        cmocka_unit_test(test_kind_suggestions_use_synonyms),
        cmocka_unit_test(test_public_suggestions_match_the_private_ones),
        cmocka_unit_test(test_lookups_ignore_case),
        cmocka_unit_test(test_kind_classes_and_money),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
