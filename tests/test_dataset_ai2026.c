/* The bundled dataset loads cleanly and holds the deals the seeds name, each as it stood in its
 * time. */
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

/* The figures of a relationship as of a date (NULL: today): the span of
 * the USD amounts of the claims that hold then, and the strongest status
 * among them; false when none holds. */
typedef struct held {
    int64_t low, high;
    rt_status status;
} held;

static bool held_on(const rt_relationship *r, const char *date, held *out)
{
    rt_date d = {0, 0, 0};
    bool any = false;

    if (date)
        assert_int_equal(rt_date_parse(&d, date, NULL, 0), 0);
    out->low = INT64_MAX;
    out->high = 0;
    out->status = RT_STATUS_COUNT;
    for (size_t k = 0; k < r->claim_count; k++) {
        const rt_claim *c = rt_dataset_claim(ds, r->first_claim + k);
        if (!rt_claim_holds(c, &d))
            continue;
        any = true;
        if (c->held < out->status)
            out->status = c->held;
        if (c->amount.unit != RT_AMOUNT_USD)
            continue;
        if (c->amount.low < out->low)
            out->low = c->amount.low;
        if (c->amount.high > out->high)
            out->high = c->amount.high;
    }
    return any;
}

#define B INT64_C(1000000000)

static void assert_held(const char *from, const char *to, rt_rel_kind kind, const char *date,
                        int64_t low, int64_t high, rt_status status)
{
    held h;

    if (!held_on(rel(from, to, kind), date, &h))
        fail_msg("%s -> %s holds no claim as of %s", from, to, date ? date : "today");
    assert_int_equal(h.low, low);
    assert_int_equal(h.high, high);
    assert_int_equal(h.status, status);
}

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

static void test_ai2026_amazon_openai_is_in_talks_at_the_seeds_moment(void **state)
{
    const rt_relationship *r = rel("Amazon", "OpenAI", RT_REL_EQUITY);
    held h;
    (void)state;
    /* The seeds say neither company had confirmed it: $10B and $50B reports. */
    assert_held("Amazon", "OpenAI", RT_REL_EQUITY, "2026-02-19", 10 * B, 50 * B, RT_STATUS_TALKS);
    assert_false(held_on(r, "2025-11-30", &h));
    /* Then it was announced, at $50B. */
    assert_held("Amazon", "OpenAI", RT_REL_EQUITY, "2026-04-30", 50 * B, 50 * B,
                RT_STATUS_CONFIRMED);
    assert_held("Amazon", "OpenAI", RT_REL_EQUITY, NULL, 50 * B, 50 * B, RT_STATUS_CONFIRMED);
}

static void test_ai2026_nvidia_openai_letter_of_intent_held_until_replaced(void **state)
{
    (void)state;
    /* The $100B letter of intent was the live deal through 2025 ... */
    assert_held("Nvidia", "OpenAI", RT_REL_EQUITY, "2025-12-31", 100 * B, 100 * B,
                RT_STATUS_CONFIRMED);
    assert_true(held_on(rel("OpenAI", "Nvidia", RT_REL_CHIPS), "2025-12-31", &(held){0}));
    /* ... until the FT reported the $30B that replaced it, later announced. */
    assert_held("Nvidia", "OpenAI", RT_REL_EQUITY, "2026-02-19", 30 * B, 30 * B,
                RT_STATUS_REPORTED);
    assert_held("Nvidia", "OpenAI", RT_REL_EQUITY, NULL, 30 * B, 30 * B, RT_STATUS_CONFIRMED);
}

static void test_ai2026_holds_the_named_deals(void **state)
{
    (void)state;
    assert_held("OpenAI", "Oracle", RT_REL_COMPUTE, NULL, 300 * B, 300 * B, RT_STATUS_CONFIRMED);
    assert_held("Oracle", "Nvidia", RT_REL_CHIPS, NULL, 40 * B, 40 * B, RT_STATUS_REPORTED);
    assert_held("Microsoft", "OpenAI", RT_REL_EQUITY, NULL, 13 * B, 13 * B, RT_STATUS_CONFIRMED);
    assert_held("Microsoft", "Anthropic", RT_REL_EQUITY, NULL, 5 * B, 5 * B, RT_STATUS_CONFIRMED);
    assert_held("Nvidia", "Anthropic", RT_REL_EQUITY, NULL, 10 * B, 10 * B, RT_STATUS_CONFIRMED);
    assert_held("Anthropic", "Azure", RT_REL_COMPUTE, NULL, 30 * B, 30 * B, RT_STATUS_CONFIRMED);
    assert_held("OpenAI", "AWS", RT_REL_COMPUTE, "2026-02-19", 38 * B, 38 * B, RT_STATUS_CONFIRMED);
    assert_held("Amazon", "Anthropic", RT_REL_EQUITY, "2026-02-19", 8 * B, 8 * B,
                RT_STATUS_CONFIRMED);
    assert_held("OpenAI", "CoreWeave", RT_REL_COMPUTE, "2025-12-31", INT64_C(22400000000),
                INT64_C(22400000000), RT_STATUS_REPORTED);
    assert_held("OpenAI", "CoreWeave", RT_REL_EQUITY, NULL, INT64_C(350000000), INT64_C(350000000),
                RT_STATUS_CONFIRMED);
    assert_held("Nvidia", "CoreWeave", RT_REL_COMPUTE, NULL, INT64_C(6300000000),
                INT64_C(6300000000), RT_STATUS_CONFIRMED);
    assert_held("SoftBank", "OpenAI", RT_REL_EQUITY, "2026-02-19", 30 * B, 30 * B, RT_STATUS_TALKS);
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
        cmocka_unit_test(test_ai2026_amazon_openai_is_in_talks_at_the_seeds_moment),
        cmocka_unit_test(test_ai2026_nvidia_openai_letter_of_intent_held_until_replaced),
        cmocka_unit_test(test_ai2026_holds_the_named_deals),
        cmocka_unit_test(test_ai2026_amd_deal_runs_both_ways),
        cmocka_unit_test(test_ai2026_every_claim_has_source_and_date),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
