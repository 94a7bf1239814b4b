/* The bundled dataset loads cleanly and holds the deals the foundation issue names. */
#include "helpers.h"

#include <string.h>

static rt_dataset *ds;

static int setup(void **state)
{
    rt_diags *d;
    int rc;
    (void)state;
    assert_int_equal(rt_diags_new(&d), 0);
    rc = rt_dataset_load(&ds, source_path("data/ai-2026"), d);
    if (rc != 0 || rt_diags_count(d) != 0) {
        dump_diags(d);
        rt_diags_free(d);
        return -1;
    }
    rt_diags_free(d);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rt_dataset_free(ds);
    return 0;
}

static const rt_relationship *rel(const char *from, const char *to, rt_rel_kind kind)
{
    size_t f = rt_dataset_find(ds, from), t = rt_dataset_find(ds, to);
    assert_int_not_equal(f, RT_NONE);
    assert_int_not_equal(t, RT_NONE);
    for (size_t i = 0; i < rt_dataset_relationship_count(ds); i++) {
        const rt_relationship *r = rt_dataset_relationship(ds, i);
        if (r->from == f && r->to == t && r->kind == kind)
            return r;
    }
    fail_msg("no %s relationship %s -> %s", rt_rel_kind_name(kind), from, to);
    return NULL;
}

/* Whether the relationship has a claim of this USD amount and status. */
static bool has_claim(const rt_relationship *r, int64_t usd, rt_status status)
{
    for (size_t k = 0; k < r->claim_count; k++) {
        const rt_claim *c = rt_dataset_claim(ds, r->first_claim + k);
        if (c->amount.unit == RT_AMOUNT_USD && c->amount.low == usd && c->status == status)
            return true;
    }
    return false;
}

#define B INT64_C(1000000000)

static void test_ai2026_subsidiaries_roll_up_to_parents(void **state)
{
    (void)state;
    assert_int_equal(rt_dataset_entity(ds, rt_dataset_find(ds, "AWS"))->root,
                     rt_dataset_find(ds, "Amazon"));
    assert_int_equal(rt_dataset_entity(ds, rt_dataset_find(ds, "Azure"))->root,
                     rt_dataset_find(ds, "Microsoft"));
    assert_int_equal(rt_dataset_entity(ds, rt_dataset_find(ds, "Google Cloud"))->root,
                     rt_dataset_find(ds, "Alphabet"));
}

static void test_ai2026_keeps_both_amazon_openai_reports_unconfirmed(void **state)
{
    const rt_relationship *r = rel("Amazon", "OpenAI", RT_REL_EQUITY);
    (void)state;
    assert_true(has_claim(r, 10 * B, RT_STATUS_TALKS));
    assert_true(has_claim(r, 50 * B, RT_STATUS_TALKS));
    assert_true(r->conflicting);
    assert_int_equal(r->amount.low, 10 * B);
    assert_int_equal(r->amount.high, 50 * B);
    /* The seeds say neither company confirmed it. */
    for (size_t k = 0; k < r->claim_count; k++)
        assert_int_not_equal(rt_dataset_claim(ds, r->first_claim + k)->status, RT_STATUS_CONFIRMED);
}

static void test_ai2026_nvidia_openai_100b_is_superseded_by_30b(void **state)
{
    const rt_relationship *r = rel("Nvidia", "OpenAI", RT_REL_EQUITY);
    (void)state;
    assert_true(has_claim(r, 100 * B, RT_STATUS_SUPERSEDED));
    assert_true(has_claim(r, 30 * B, RT_STATUS_REPORTED));
    assert_int_equal(r->amount.low, 30 * B);
    assert_int_equal(r->amount.high, 30 * B);
}

static void test_ai2026_holds_the_named_deals(void **state)
{
    (void)state;
    assert_int_equal(rel("OpenAI", "Oracle", RT_REL_COMPUTE)->amount.high, 300 * B);
    assert_int_equal(rel("Oracle", "Nvidia", RT_REL_CHIPS)->amount.high, 40 * B);
    assert_int_equal(rel("Microsoft", "OpenAI", RT_REL_EQUITY)->amount.high, 13 * B);
    assert_int_equal(rel("Microsoft", "Anthropic", RT_REL_EQUITY)->amount.high, 5 * B);
    assert_int_equal(rel("Nvidia", "Anthropic", RT_REL_EQUITY)->amount.high, 10 * B);
    assert_int_equal(rel("Anthropic", "Azure", RT_REL_COMPUTE)->amount.high, 30 * B);
    assert_int_equal(rel("OpenAI", "AWS", RT_REL_COMPUTE)->amount.high, 38 * B);
    assert_int_equal(rel("Amazon", "Anthropic", RT_REL_EQUITY)->amount.high, 8 * B);
    assert_int_equal(rel("OpenAI", "CoreWeave", RT_REL_COMPUTE)->amount.high, INT64_C(22400000000));
    assert_int_equal(rel("OpenAI", "CoreWeave", RT_REL_EQUITY)->amount.high, INT64_C(350000000));
    assert_int_equal(rel("Nvidia", "CoreWeave", RT_REL_COMPUTE)->amount.high, INT64_C(6300000000));
    assert_int_equal(rel("SoftBank", "OpenAI", RT_REL_EQUITY)->amount.high, 30 * B);
    assert_int_equal(rel("Anthropic", "AWS", RT_REL_COMPUTE)->status, RT_STATUS_CONFIRMED);
}

static void test_ai2026_amd_deal_runs_both_ways(void **state)
{
    const rt_relationship *chips = rel("OpenAI", "AMD", RT_REL_CHIPS);
    const rt_relationship *warrants = rel("AMD", "OpenAI", RT_REL_EQUITY);
    const rt_claim *a = rt_dataset_claim(ds, chips->first_claim);
    const rt_claim *b = rt_dataset_claim(ds, warrants->first_claim);
    (void)state;
    assert_int_equal(a->amount.unit, RT_AMOUNT_OTHER);
    assert_string_equal(a->amount.text, "6 GW");
    assert_non_null(a->deal);
    assert_non_null(b->deal);
    assert_string_equal(a->deal, b->deal);
}

static void test_ai2026_every_claim_has_source_and_date(void **state)
{
    (void)state;
    for (size_t i = 0; i < rt_dataset_claim_count(ds); i++) {
        const rt_claim *c = rt_dataset_claim(ds, i);
        if (!c->source)
            fail_msg("claim on line %d has no source", c->line);
        if (c->date.year == 0)
            fail_msg("claim on line %d has no date", c->line);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ai2026_subsidiaries_roll_up_to_parents),
        cmocka_unit_test(test_ai2026_keeps_both_amazon_openai_reports_unconfirmed),
        cmocka_unit_test(test_ai2026_nvidia_openai_100b_is_superseded_by_30b),
        cmocka_unit_test(test_ai2026_holds_the_named_deals),
        cmocka_unit_test(test_ai2026_amd_deal_runs_both_ways),
        cmocka_unit_test(test_ai2026_every_claim_has_source_and_date),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
