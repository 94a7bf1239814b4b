/* Dates: the three ISO precisions, calendar validation, ordering and hints. */
#include "helpers.h"

#include <string.h>

static void expect_date(const char *text, int y, int m, int d)
{
    rt_date out;
    char err[200] = "";
    if (rt_date_parse(&out, text, err, sizeof(err)) != 0)
        fail_msg("'%s' did not parse: %s", text, err);
    assert_int_equal(out.year, y);
    assert_int_equal(out.month, m);
    assert_int_equal(out.day, d);
}

static void expect_error(const char *text, const char *needle)
{
    rt_date out;
    char err[200] = "";
    assert_int_equal(rt_date_parse(&out, text, err, sizeof(err)), RT_EDATA);
    if (!strstr(err, needle))
        fail_msg("'%s': message \"%s\" lacks \"%s\"", text, err, needle);
}

static void test_date_parses_three_precisions(void **state)
{
    (void)state;
    expect_date("2025", 2025, 0, 0);
    expect_date("2025-09", 2025, 9, 0);
    expect_date("2025-09-22", 2025, 9, 22);
    expect_date("", 0, 0, 0);
}

static void test_date_accepts_leap_day_only_in_leap_years(void **state)
{
    (void)state;
    expect_date("2024-02-29", 2024, 2, 29);
    expect_date("2000-02-29", 2000, 2, 29);
    expect_error("2025-02-29", "2025-02 has 28 days");
    expect_error("1900-02-29", "1900-02 has 28 days");
}

static void test_date_rejects_impossible_dates(void **state)
{
    (void)state;
    expect_error("2025-13", "month must be 01-12");
    expect_error("2025-00-10", "month must be 01-12");
    expect_error("2025-04-31", "has 30 days");
    expect_error("2025-01-00", "has 31 days");
    expect_error("1850", "year out of range");
    expect_error("25-01-01", "write YYYY");
    expect_error("2025-1-5", "write YYYY");
    expect_error("soon", "write YYYY");
}

static void test_date_hints_at_iso_for_other_separators(void **state)
{
    (void)state;
    expect_error("2025/09/22", "did you mean '2025-09-22'?");
    expect_error("09/22/2025", "ambiguous");
    expect_error("45922", "serial number");
}

static void test_date_orders_by_time_then_precision(void **state)
{
    rt_date a, b;
    (void)state;
    rt_date_parse(&a, "2025", NULL, 0);
    rt_date_parse(&b, "2025-01", NULL, 0);
    assert_true(rt_date_compare(&a, &b) < 0);
    rt_date_parse(&a, "2025-09-22", NULL, 0);
    rt_date_parse(&b, "2025-10", NULL, 0);
    assert_true(rt_date_compare(&a, &b) < 0);
    assert_true(rt_date_compare(&b, &a) > 0);
    assert_int_equal(rt_date_compare(&a, &a), 0);
}

static void test_date_formats_at_its_own_precision(void **state)
{
    const char *forms[] = {"2025", "2025-09", "2025-09-02"};
    (void)state;
    for (size_t i = 0; i < 3; i++) {
        rt_date d;
        char buf[16];
        assert_int_equal(rt_date_parse(&d, forms[i], NULL, 0), 0);
        rt_date_format(buf, sizeof(buf), &d);
        assert_string_equal(buf, forms[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_parses_three_precisions),
        cmocka_unit_test(test_date_accepts_leap_day_only_in_leap_years),
        cmocka_unit_test(test_date_rejects_impossible_dates),
        cmocka_unit_test(test_date_hints_at_iso_for_other_separators),
        cmocka_unit_test(test_date_orders_by_time_then_precision),
        cmocka_unit_test(test_date_formats_at_its_own_precision),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
