/* Amount parsing and formatting: every written form, every error, exact integers. */
#include "helpers.h"

#include <stdio.h>
#include <string.h>

static rt_amount parse_ok(const char *text)
{
    rt_amount a;
    char err[256] = "";
    int rc = rt_amount_parse(&a, text, err, sizeof(err));
    if (rc != 0)
        fail_msg("'%s' did not parse: %s", text, err);
    return a;
}

static void expect_usd(const char *text, int64_t low, int64_t high)
{
    rt_amount a = parse_ok(text);
    if (a.unit != RT_AMOUNT_USD || a.low != low || a.high != high)
        fail_msg("'%s': unit %d low %lld high %lld, expected USD %lld-%lld", text, a.unit,
                 (long long)a.low, (long long)a.high, (long long)low, (long long)high);
}

/* The whole message, exactly. */
static void expect_message(const char *text, const char *msg)
{
    rt_amount a;
    char err[256] = "";
    assert_int_equal(rt_amount_parse(&a, text, err, sizeof(err)), RT_EDATA);
    if (strcmp(err, msg) != 0)
        fail_msg("'%s': message \"%s\", expected \"%s\"", text, err, msg);
}

static void expect_error(const char *text, const char *needle)
{
    rt_amount a;
    char err[256] = "";
    assert_int_equal(rt_amount_parse(&a, text, err, sizeof(err)), RT_EDATA);
    if (!strstr(err, needle))
        fail_msg("'%s': message \"%s\" lacks \"%s\"", text, err, needle);
}

#define B INT64_C(1000000000)
#define M INT64_C(1000000)

static void test_amount_parses_plain_dollars(void **state)
{
    (void)state;
    expect_usd("8000000000", 8 * B, 8 * B);
    expect_usd("0", 0, 0);
    expect_usd("950", 950, 950);
}

static void test_amount_parses_scientific_notation(void **state)
{
    (void)state;
    expect_usd("8e9", 8 * B, 8 * B);
    expect_usd("8E9", 8 * B, 8 * B);
    expect_usd("2.24e10", INT64_C(22400000000), INT64_C(22400000000));
    expect_usd("5e+8", 500 * M, 500 * M);
}

static void test_amount_parses_billions_suffix(void **state)
{
    (void)state;
    expect_usd("8B", 8 * B, 8 * B);
    expect_usd("8b", 8 * B, 8 * B);
    expect_usd("8bn", 8 * B, 8 * B);
    expect_usd("$8B", 8 * B, 8 * B);
    expect_usd("8 billion", 8 * B, 8 * B);
    expect_usd("$8 billion", 8 * B, 8 * B);
    expect_usd("8 billions", 8 * B, 8 * B);
    expect_usd("USD 8B", 8 * B, 8 * B);
    expect_usd("US$8B", 8 * B, 8 * B);
    expect_usd("8B USD", 8 * B, 8 * B);
    expect_usd("8 billion dollars", 8 * B, 8 * B);
}

static void test_amount_parses_millions_thousands_trillions(void **state)
{
    (void)state;
    expect_usd("600M", 600 * M, 600 * M);
    expect_usd("600 million", 600 * M, 600 * M);
    expect_usd("350mn", 350 * M, 350 * M);
    expect_usd("1.5T", INT64_C(1500000000000), INT64_C(1500000000000));
    expect_usd("250K", 250000, 250000);
}

static void test_amount_fractions_are_exact(void **state)
{
    (void)state;
    /* 22.4 has no exact binary form; the parser must not go through double. */
    expect_usd("22.4B", INT64_C(22400000000), INT64_C(22400000000));
    expect_usd("6.3B", INT64_C(6300000000), INT64_C(6300000000));
    expect_usd("11.9B", INT64_C(11900000000), INT64_C(11900000000));
    expect_usd("0.35B", 350 * M, 350 * M);
    /* Fractions of a dollar round half up. */
    expect_usd("1.5", 2, 2);
    expect_usd("1.49", 1, 1);
}

static void test_amount_parses_thousands_separators(void **state)
{
    (void)state;
    expect_usd("8,000,000,000", 8 * B, 8 * B);
    expect_usd("1,500", 1500, 1500);
}

static void test_amount_parses_ranges(void **state)
{
    (void)state;
    expect_usd("10B-50B", 10 * B, 50 * B);
    expect_usd("$10B - $50B", 10 * B, 50 * B);
    expect_usd("10B\xe2\x80\x93"
               "50B",
               10 * B, 50 * B); /* en dash */
    expect_usd("10B to 50B", 10 * B, 50 * B);
    expect_usd("10-50B", 10 * B, 50 * B); /* the scale carries to the low end */
    expect_usd("500M-1B", 500 * M, 1 * B);
    expect_usd("8B-8B", 8 * B, 8 * B);
}

static void test_amount_empty_is_unknown(void **state)
{
    rt_amount a = parse_ok("");
    (void)state;
    assert_int_equal(a.unit, RT_AMOUNT_UNKNOWN);
    a = parse_ok("   ");
    assert_int_equal(a.unit, RT_AMOUNT_UNKNOWN);
}

static void test_amount_other_units_are_kept_as_written(void **state)
{
    const char *forms[] = {
        "6 GW",     "10%",      "27%",          "160M shares", "EUR 5B",          "EUR 15M",
        "EUR 1.3B", "\u20ac5B", "\u00a35B",     "\u00a55B",    "5B \xe2\x82\xac", "750 MW",
        "1-2 GW",   "5B EUR",   "10,000 H100s", "5 bln shares"};
    (void)state;
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        rt_amount a = parse_ok(forms[i]);
        if (a.unit != RT_AMOUNT_OTHER)
            fail_msg("'%s' should be another unit, got unit %d", forms[i], a.unit);
        assert_string_equal(a.text, forms[i]);
    }
}

static void test_amount_rejects_negative(void **state)
{
    (void)state;
    expect_error("-5B", "negative");
    expect_error("$-5B", "negative");
    expect_error("5B--10B", "negative");
}

static void test_amount_rejects_nan_and_infinity(void **state)
{
    (void)state;
    expect_error("nan", "not an amount");
    expect_error("NaN", "not an amount");
    expect_error("inf", "not an amount");
    expect_error("infinity", "not an amount");
    expect_error("abc", "not an amount");
}

static void test_amount_rejects_overflow(void **state)
{
    (void)state;
    expect_error("1e400", "too large");
    expect_error("99999999999999999999999", "too large");
    expect_error("1001T", "too large");
    expect_usd("1000T", RT_AMOUNT_MAX, RT_AMOUNT_MAX);
}

static void test_amount_rejects_reversed_range_with_suggestion(void **state)
{
    (void)state;
    expect_error("50B-10B", "reversed range '50B-10B' (did you mean '10B-50B'?)");
}

static void test_amount_suggests_decimal_point_for_decimal_comma(void **state)
{
    (void)state;
    expect_error("1,5B", "did you mean '1.5B'?");
    expect_error("8,00,000", "misplaced thousands separator");
}

static void test_amount_rejects_misspelt_scale(void **state)
{
    (void)state;
    /* Once "another unit": the money vanished. */
    expect_message("8 bilion", "misspelt scale 'bilion' in '8 bilion' (did you mean '8 billion'?)");
    expect_message("600 milion",
                   "misspelt scale 'milion' in '600 milion' (did you mean '600 million'?)");
    expect_message("5 bilions",
                   "misspelt scale 'bilions' in '5 bilions' (did you mean '5 billions'?)");
    expect_message("5 dolars",
                   "misspelt currency 'dolars' in '5 dolars' (did you mean '5 dollars'?)");
    /* No suggestion that would not parse: "5B billion" has two scales. */
    expect_message("5B bilion", "misspelt scale 'bilion' in '5B bilion' (write it like 8B, $8B, "
                                "8 billion or 10B-50B)");
}

static void test_amount_parses_scale_words_of_financial_writing(void **state)
{
    static const struct {
        const char *text;
        int64_t usd;
    } forms[] = {
        {"5k", 5000},
        {"5K", 5000},
        {"5 thousand", 5000},
        {"5 Thousands", 5000},
        {"5m", 5 * M},
        {"5mm", 5 * M},
        {"5 MM", 5 * M},
        {"5mn", 5 * M},
        {"5 mln", 5 * M},
        {"5 MLN", 5 * M},
        {"5M", 5 * M},
        {"5 Million", 5 * M},
        {"5 millions", 5 * M},
        {"5b", 5 * B},
        {"5bn", 5 * B},
        {"5 bln", 5 * B},
        {"5 BLN", 5 * B},
        {"$5bln", 5 * B},
        {"5B", 5 * B},
        {"5 BILLION", 5 * B},
        {"5 billions", 5 * B},
        {"5t", 5000 * B},
        {"5tn", 5000 * B},
        {"5 trn", 5000 * B},
        {"5T", 5000 * B},
        {"5 trillion", 5000 * B},
        {"1.5 Trillions", 1500 * B},
    };
    (void)state;
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
        expect_usd(forms[i].text, forms[i].usd, forms[i].usd);
}

static void test_amount_parses_currency_marks_before_or_after(void **state)
{
    (void)state;
    expect_usd("USD 5B", 5 * B, 5 * B);
    expect_usd("usd5b", 5 * B, 5 * B);
    expect_usd("5B USD", 5 * B, 5 * B);
    expect_usd("US$5bn", 5 * B, 5 * B);
    expect_usd("US$ 5 bln", 5 * B, 5 * B);
    expect_usd("5B US$", 5 * B, 5 * B);
    expect_usd("5B$", 5 * B, 5 * B);
    expect_usd("5 mln $", 5 * M, 5 * M);
    expect_usd("$5B USD", 5 * B, 5 * B);
}

static void test_amount_parses_ranges_with_every_scale(void **state)
{
    (void)state;
    expect_usd("10bln-50bln", 10 * B, 50 * B);
    expect_usd("10-50 bln", 10 * B, 50 * B);
    expect_usd("$10bln\xe2\x80\x93$50bln", 10 * B, 50 * B);
    expect_usd("5 mln to 10 mln", 5 * M, 10 * M);
    expect_usd("500mm-1bn", 500 * M, 1 * B);
    expect_usd("1-2 trn", 1000 * B, 2000 * B);
    expect_usd("USD 10-50B", 10 * B, 50 * B);
    expect_usd("10B-50B USD", 10 * B, 50 * B);
}

static void test_amount_rejects_foreign_scales_with_the_amount_rewritten(void **state)
{
    (void)state;
    expect_message("5.5 Mrd USD",
                   "unknown scale 'Mrd' in '5.5 Mrd USD' (did you mean '5.5B USD'?)");
    expect_message("5,5 Mrd", "unknown scale 'Mrd' in '5,5 Mrd' (did you mean '5.5B'?)");
    expect_message("5 milliards",
                   "unknown scale 'milliards' in '5 milliards' (did you mean '5B'?)");
    expect_message("5 mld", "unknown scale 'mld' in '5 mld' (did you mean '5B'?)");
    expect_message("5 Milliarden",
                   "unknown scale 'Milliarden' in '5 Milliarden' (did you mean '5B'?)");
    expect_message("5 Mio.", "unknown scale 'Mio' in '5 Mio.' (did you mean '5M'?)");
    expect_message("300 Tsd", "unknown scale 'Tsd' in '300 Tsd' (did you mean '300K'?)");
    expect_message("10-50 Mrd", "unknown scale 'Mrd' in '10-50 Mrd' (did you mean '10-50B'?)");
    expect_message("$5Mrd", "unknown scale 'Mrd' in '$5Mrd' (did you mean '$5B'?)");
    /* In another currency too: an error, not "another unit". */
    expect_message("EUR 5 Mrd", "unknown scale 'Mrd' in 'EUR 5 Mrd' (did you mean 'EUR 5B'?)");
    expect_message(
        "5,5 Mrd \xe2\x82\xac",
        "unknown scale 'Mrd' in '5,5 Mrd \xe2\x82\xac' (did you mean '5.5B \xe2\x82\xac'?)");
}

static void test_amount_rejects_decimal_comma_in_any_unit(void **state)
{
    (void)state;
    expect_message("5,5", "decimal comma in '5,5' (did you mean '5.5'?)");
    expect_message("5,5B", "decimal comma in '5,5B' (did you mean '5.5B'?)");
    expect_message("1234,5", "decimal comma in '1234,5' (did you mean '1234.5'?)");
    expect_message("1,5-2,5B", "decimal comma in '1,5-2,5B' (did you mean '1.5-2.5B'?)");
    expect_message("EUR 5,5B", "decimal comma in 'EUR 5,5B' (did you mean 'EUR 5.5B'?)");
    expect_message("1,5 GW", "decimal comma in '1,5 GW' (did you mean '1.5 GW'?)");
    /* Commas with three digits after them are thousands separators. */
    expect_usd("1,000", 1000, 1000);
    expect_usd("1,500B", 1500 * B, 1500 * B);
    expect_usd("$1,000,000", 1 * M, 1 * M);
}

static void test_amount_rejects_hexadecimal(void **state)
{
    (void)state;
    /* Once 0 dollars in the unit "x10". */
    expect_message("0x10", "bad amount '0x10': '0x10' is hexadecimal (write amounts in decimal, "
                           "like 8B or 8000000000)");
    expect_error("0XFF", "'0XFF' is hexadecimal");
    expect_error("$0x1F B", "'0x1F' is hexadecimal");
    expect_error("0x", "unknown unit 'x'");
}

static void test_amount_rejects_two_currencies(void **state)
{
    (void)state;
    /* Once "another unit" (in EUR) although it says dollars. */
    expect_message("$5B EUR", "bad amount '$5B EUR': two currencies in one amount ('EUR')");
    expect_error("EUR 5B dollars", "two currencies in one amount ('dollars')");
    expect_error("\xe2\x82\xac"
                 "5B $",
                 "two currencies in one amount ('$')");
}

/* Every did-you-mean of a refused amount is itself an amount. */
static void test_amount_suggestions_parse(void **state)
{
    static const char *const wrong[] = {
        "5.5 Mrd USD", "5,5 Mrd",  "5 milliards", "5 mld",    "10-50 Mrd",      "8 bilion", "5,5B",
        "1,5-2,5B",    "EUR 5,5B", "5 Mio.",      "5 dolars", "600 milion USD", "$1,5 bln",
    };
    (void)state;
    for (size_t i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++) {
        rt_amount a;
        char err[256] = "", sug[64];
        const char *p, *q;
        assert_int_equal(rt_amount_parse(&a, wrong[i], err, sizeof(err)), RT_EDATA);
        p = strstr(err, "did you mean '");
        if (!p)
            fail_msg("'%s': no suggestion in \"%s\"", wrong[i], err);
        p += strlen("did you mean '");
        q = strstr(p, "'?)");
        assert_non_null(q);
        snprintf(sug, sizeof(sug), "%.*s", (int)(q - p), p);
        parse_ok(sug);
    }
}

static void test_amount_rejects_qualifiers_with_suggestion(void **state)
{
    (void)state;
    expect_error("up to 50B", "did you mean '50B'?");
    expect_error("~8B", "did you mean '8B'?");
}

static void check_format(int64_t v, const char *want)
{
    char buf[32];
    rt_usd_format(buf, sizeof(buf), v);
    assert_string_equal(buf, want);
}

static void test_usd_format_reads_as_people_write(void **state)
{
    (void)state;
    check_format(8 * B, "$8B");
    check_format(INT64_C(22400000000), "$22.4B");
    check_format(350 * M, "$350M");
    check_format(INT64_C(1500000000000), "$1.5T");
    check_format(INT64_C(1250000000), "$1.25B");
    check_format(950, "$950");
    check_format(250000, "$250K");
    /* 999.995M rounds to $1000M at two decimals: the next unit reads better. */
    check_format(INT64_C(999995000), "$1B");
}

static void test_amount_format_writes_ranges_with_en_dash(void **state)
{
    rt_amount a = parse_ok("10B-50B");
    char buf[64];
    (void)state;
    rt_amount_format(buf, sizeof(buf), &a);
    assert_string_equal(buf, "$10B\xe2\x80\x93"
                             "50B");
    /* Only the high end has a scale: the low end keeps its '$', and that
     * parses back as written (found by tests/fuzz/fuzz_parse). */
    a = parse_ok("5-1000");
    rt_amount_format(buf, sizeof(buf), &a);
    assert_string_equal(buf, "$5\xe2\x80\x93$1K");
    expect_usd(buf, 5, 1000);
    expect_usd("$5-$1K", 5, 1000);
    expect_usd("$10-50B", 10 * B, 50 * B);
    a = parse_ok("6 GW");
    rt_amount_format(buf, sizeof(buf), &a);
    assert_string_equal(buf, "6 GW");
    a = parse_ok("");
    rt_amount_format(buf, sizeof(buf), &a);
    assert_string_equal(buf, "unknown");
}

static void test_amount_roundtrips_through_format(void **state)
{
    /* Formatting then parsing gives the same value for round figures. */
    const int64_t values[] = {8 * B,  350 * M, INT64_C(22400000000), INT64_C(1500000000000),
                              250000, 950};
    (void)state;
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        char buf[32];
        rt_usd_format(buf, sizeof(buf), values[i]);
        expect_usd(buf, values[i], values[i]);
    }
}

static void test_amount_rejects_malformed_numbers_and_units(void **state)
{
    (void)state;
    /* Each was once accepted as "another unit", silently dropping the money. */
    expect_error("1.2.3B", "unexpected '.'");
    expect_error("10B 50B", "(a range is written like 10B-50B)");
    expect_error("5B-10B-20B", "unexpected '-'");
    expect_error("5BB", "two scales");
    expect_error("1B5", "unexpected '5'");
    expect_error("8X B", "unknown unit 'X'");
    expect_error("5 b n", "unknown unit 'n'");
    expect_error("5 USD B", "after the currency");
    expect_error("1e", "unknown unit 'e'");
    expect_error("$", "not an amount");
    expect_error("B", "not an amount");
    expect_error("10B-", "not an amount");
    expect_error("-", "not an amount");
    expect_error("to", "not an amount");
    /* A stray character is quoted whole, never half of its UTF-8 bytes. */
    expect_error("5 \xd0\xbc\xd0\xbb\xd1\x80\xd0\xb4", "unexpected '\xd0\xbc'");
}

static void test_amount_units_may_hold_digits_after_a_letter(void **state)
{
    rt_amount a = parse_ok("10,000 H100s");
    (void)state;
    assert_int_equal(a.unit, RT_AMOUNT_OTHER);
    a = parse_ok("6GW");
    assert_int_equal(a.unit, RT_AMOUNT_OTHER);
    a = parse_ok("27 %");
    assert_int_equal(a.unit, RT_AMOUNT_OTHER);
    expect_usd(" 5 B ", 5 * B, 5 * B);
}

static void test_amount_rejects_nonzero_amounts_that_round_to_zero(void **state)
{
    (void)state;
    expect_error("1e-5", "rounds to $0");
    expect_error("0.4", "rounds to $0");
    expect_usd("0.0", 0, 0);
}

static void test_amount_qualifier_without_number_has_no_empty_hint(void **state)
{
    rt_amount a;
    char err[256];
    (void)state;
    assert_int_equal(rt_amount_parse(&a, "up to", err, sizeof(err)), RT_EDATA);
    assert_null(strstr(err, "''"));
    assert_int_equal(rt_amount_parse(&a, "~", err, sizeof(err)), RT_EDATA);
    assert_null(strstr(err, "''"));
}

static void test_amount_messages_escape_and_shorten_input(void **state)
{
    rt_amount a;
    char err[512], text[400];
    (void)state;
    assert_int_equal(rt_amount_parse(&a, "8\nB x", err, sizeof(err)), RT_EDATA);
    assert_null(strchr(err, '\n'));
    assert_non_null(strstr(err, "8\\nB"));
    memset(text, 'x', sizeof(text) - 1);
    text[sizeof(text) - 1] = '\0';
    assert_int_equal(rt_amount_parse(&a, text, err, sizeof(err)), RT_EDATA);
    assert_true(strlen(err) < 200);
    assert_non_null(strstr(err, "\xe2\x80\xa6"));   /* an ellipsis marks the cut */
    assert_non_null(strstr(err, "(write it like")); /* the explanation survives */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_amount_parses_plain_dollars),
        cmocka_unit_test(test_amount_parses_scientific_notation),
        cmocka_unit_test(test_amount_parses_billions_suffix),
        cmocka_unit_test(test_amount_parses_millions_thousands_trillions),
        cmocka_unit_test(test_amount_fractions_are_exact),
        cmocka_unit_test(test_amount_parses_thousands_separators),
        cmocka_unit_test(test_amount_parses_ranges),
        cmocka_unit_test(test_amount_empty_is_unknown),
        cmocka_unit_test(test_amount_other_units_are_kept_as_written),
        cmocka_unit_test(test_amount_rejects_negative),
        cmocka_unit_test(test_amount_rejects_nan_and_infinity),
        cmocka_unit_test(test_amount_rejects_overflow),
        cmocka_unit_test(test_amount_rejects_reversed_range_with_suggestion),
        cmocka_unit_test(test_amount_suggests_decimal_point_for_decimal_comma),
        cmocka_unit_test(test_amount_rejects_misspelt_scale),
        cmocka_unit_test(test_amount_parses_scale_words_of_financial_writing),
        cmocka_unit_test(test_amount_parses_currency_marks_before_or_after),
        cmocka_unit_test(test_amount_parses_ranges_with_every_scale),
        cmocka_unit_test(test_amount_rejects_foreign_scales_with_the_amount_rewritten),
        cmocka_unit_test(test_amount_rejects_decimal_comma_in_any_unit),
        cmocka_unit_test(test_amount_rejects_hexadecimal),
        cmocka_unit_test(test_amount_rejects_two_currencies),
        cmocka_unit_test(test_amount_suggestions_parse),
        cmocka_unit_test(test_amount_rejects_qualifiers_with_suggestion),
        cmocka_unit_test(test_usd_format_reads_as_people_write),
        cmocka_unit_test(test_amount_format_writes_ranges_with_en_dash),
        cmocka_unit_test(test_amount_roundtrips_through_format),
        cmocka_unit_test(test_amount_rejects_malformed_numbers_and_units),
        cmocka_unit_test(test_amount_units_may_hold_digits_after_a_letter),
        cmocka_unit_test(test_amount_rejects_nonzero_amounts_that_round_to_zero),
        cmocka_unit_test(test_amount_qualifier_without_number_has_no_empty_hint),
        cmocka_unit_test(test_amount_messages_escape_and_shorten_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
