/* CSV reading: spreadsheet quirks, the place of every field, structural errors. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/csvread.h"

/* Rows flattened to "line|f1|f2|...;" with each field's line after '@'. */
typedef struct collected {
    char text[4096];
    size_t rows;
} collected;

static void append(collected *c, const char *fmt, ...)
{
    size_t n = strlen(c->text);
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(c->text + n, sizeof(c->text) - n, fmt, ap); /* cut when full */
    va_end(ap);
}

static int collect(const rt_csv_row *row, void *payload)
{
    collected *c = payload;
    append(c, "%d", row->line);
    for (size_t i = 0; i < row->count; i++)
        append(c, "|%s@%d", row->fields[i].data, row->fields[i].line);
    append(c, ";");
    c->rows++;
    return 0;
}

static rt_diags *read_text(const char *text, size_t len, collected *c)
{
    rt_diags *d;
    memset(c, 0, sizeof(*c));
    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_csv__read("x.csv", text, len, d, collect, c), 0);
    return d;
}

static void expect_rows(const char *text, const char *want)
{
    collected c;
    rt_diags *d = read_text(text, strlen(text), &c);
    if (rt_diags_count(d) != 0) {
        dump_diags(d);
        fail_msg("unexpected diagnostics for %s", text);
    }
    assert_string_equal(c.text, want);
    rt_diags_free(d);
}

static void test_csv_reads_plain_rows_with_lines(void **state)
{
    (void)state;
    expect_rows("a,b\n1,2\n3,4\n", "1|a@1|b@1;2|1@2|2@2;3|3@3|4@3;");
    /* No newline at the end of the file. */
    expect_rows("a,b\n1,2", "1|a@1|b@1;2|1@2|2@2;");
}

static void test_csv_skips_utf8_bom(void **state)
{
    (void)state;
    expect_rows("\xef\xbb\xbfname,kind\nAmazon,investor\n",
                "1|name@1|kind@1;2|Amazon@2|investor@2;");
}

static void test_csv_reads_crlf_and_cr_line_ends(void **state)
{
    (void)state;
    expect_rows("a,b\r\n1,2\r\n3,4\r\n", "1|a@1|b@1;2|1@2|2@2;3|3@3|4@3;");
    expect_rows("a,b\r1,2\r3,4", "1|a@1|b@1;2|1@2|2@2;3|3@3|4@3;");
}

static void test_csv_reads_quoted_commas_quotes_and_newlines(void **state)
{
    (void)state;
    expect_rows("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", "1|a@1|b@1;2|x, y@2|say \"hi\"@2;");
    /* A quoted newline: the row starts on line 2, the next field on line 3,
     * and the following row is on line 4. */
    expect_rows("a,b\n\"one\ntwo\",z\nk,l\n", "1|a@1|b@1;2|one\ntwo@2|z@3;4|k@4|l@4;");
}

static void test_csv_keeps_non_ascii_names(void **state)
{
    (void)state;
    expect_rows("name\nMistral AI\nSoci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale\n\xe5\xad\x99\n",
                "1|name@1;2|Mistral AI@2;3|Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale@3;4|"
                "\xe5\xad\x99@4;");
}

static void test_csv_trims_blanks_and_skips_empty_rows(void **state)
{
    (void)state;
    expect_rows("a,b\n  x , \" y \" \n,\n\n,,\n1,2\n", "1|a@1|b@1;2|x@2|y@2;6|1@6|2@6;");
}

static void test_csv_detects_semicolon_and_tab_exports(void **state)
{
    (void)state;
    expect_rows("from;to;kind\nAmazon;Anthropic;equity\n",
                "1|from@1|to@1|kind@1;2|Amazon@2|Anthropic@2|equity@2;");
    expect_rows("from\tto\nA B\tC\n", "1|from@1|to@1;2|A B@2|C@2;");
    /* A semicolon file keeps commas inside fields as data. */
    expect_rows("name;note\nX;a, b\n", "1|name@1|note@1;2|X@2|a, b@2;");
}

static void expect_error(const char *text, size_t len, int line, int col, const char *needle,
                         const char *rows_want)
{
    collected c;
    rt_diags *d = read_text(text, len, &c);
    assert_diag(d, line, col, needle);
    if (rows_want)
        assert_string_equal(c.text, rows_want);
    rt_diags_free(d);
}

static void test_csv_reports_wrong_field_count_and_goes_on(void **state)
{
    const char *t1 = "a,b,c\n1,2\n1,2,3,4\n5,6,7\n";
    const char *t2 = "a,b,c\n1,2,3,4\n";
    expect_error(t1, strlen(t1), 2, 3, "expected 3 fields like the header, found 2",
                 "1|a@1|b@1|c@1;4|5@4|6@4|7@4;");
    expect_error(t1, strlen(t1), 3, 4, "found 4 (quote fields that contain the delimiter)", NULL);
    expect_error(t2, strlen(t2), 2, 4, "quote fields that contain the delimiter", NULL);
    (void)state;
}

static void test_csv_reports_unterminated_quote_where_it_opens(void **state)
{
    const char *text = "a,b\n1,2\n3,\"open\n4,5\n";
    (void)state;
    expect_error(text, strlen(text), 3, 2, "unterminated quoted field", "1|a@1|b@1;2|1@2|2@2;");
}

static void test_csv_reports_stray_quotes_and_recovers(void **state)
{
    const char *t1 = "a,b\nab\"c,d\n1,2\n";
    const char *t2 = "a,b\n\"ab\"c,d\n1,2\n";
    (void)state;
    expect_error(t1, strlen(t1), 2, 1, "unexpected '\"' inside an unquoted field",
                 "1|a@1|b@1;3|1@3|2@3;");
    expect_error(t2, strlen(t2), 2, 1, "unexpected character after a closing quote",
                 "1|a@1|b@1;3|1@3|2@3;");
}

static void test_csv_reports_invalid_utf8_and_nul(void **state)
{
    const char latin1[] = "name\nSoci\xe9t\xe9\nok\n";
    const char nul[] = "name,kind\nA\0B,lab\nok,lab\n";
    (void)state;
    expect_error(latin1, sizeof(latin1) - 1, 2, 1, "invalid UTF-8", "1|name@1;3|ok@3;");
    expect_error(nul, sizeof(nul) - 1, 2, 1, "NUL byte", "1|name@1|kind@1;3|ok@3|lab@3;");
}

static void test_csv_reports_empty_and_utf16_files(void **state)
{
    const char utf16[] = "\xff\xfen\0a\0m\0e\0";
    (void)state;
    expect_error("", 0, 1, 1, "empty file", "");
    expect_error(" \r\n\n", 4, 1, 1, "empty file", "");
    expect_error("\xef\xbb\xbf", 3, 1, 1, "empty file", "");
    expect_error(utf16, sizeof(utf16) - 1, 1, 1, "UTF-16", "");
}

static void test_utf8_validation_rejects_overlongs_and_surrogates(void **state)
{
    size_t bad;
    (void)state;
    assert_true(rt_csv__utf8_valid("\xe2\x80\x93", 3, &bad));
    assert_true(rt_csv__utf8_valid("\xf0\x9f\x98\x80", 4, &bad));
    assert_false(rt_csv__utf8_valid("\xc0\xaf", 2, &bad));     /* overlong '/' */
    assert_false(rt_csv__utf8_valid("\xed\xa0\x80", 3, &bad)); /* surrogate */
    assert_false(rt_csv__utf8_valid("ab\xe2\x80", 4, &bad));   /* truncated */
    assert_int_equal(bad, 2);
    assert_false(rt_csv__utf8_valid("\xf4\x90\x80\x80", 4, &bad)); /* past U+10FFFF */
}

/* Long fields are checked eight bytes at a time while they are ASCII: a
 * bad byte or a NUL anywhere in them is still found, at its offset, and
 * valid multibyte characters anywhere still pass. */
static void test_utf8_validation_finds_a_bad_byte_at_any_offset(void **state)
{
    (void)state;
    for (size_t at = 0; at < 40; at++) {
        char text[41];
        size_t bad = 999;
        memset(text, 'a', sizeof(text));
        text[40] = '\0';
        text[at] = '\xe9';
        assert_false(rt_csv__utf8_valid(text, 40, &bad));
        assert_int_equal(bad, at);
        text[at] = '\0';
        assert_false(rt_csv__utf8_valid(text, 40, &bad));
        assert_int_equal(bad, at);
        if (at + 3 <= 40) {
            memcpy(text + at, "\xe2\x80\x93", 3); /* an en dash */
            assert_true(rt_csv__utf8_valid(text, 40, &bad));
        }
    }
}

static void test_csv_names_the_quote_error_of_a_quoted_field(void **state)
{
    const char *t = "a,b\n\"equity\" \"x\",d\n";
    (void)state;
    expect_error(t, strlen(t), 2, 1, "unexpected character after a closing quote", NULL);
}

static void test_csv_short_row_points_at_first_missing_column(void **state)
{
    const char *t = "a,b,c,d\n1,2\n";
    (void)state;
    expect_error(t, strlen(t), 2, 3, "found 2", NULL);
}

/* "a\n" then one quoted field of n bytes of 'x', then more rows. */
static char *huge_field_text(size_t n, size_t *len)
{
    static const char tail[] = "\"\nafter\n";
    char *t = malloc(n + sizeof(tail) + 3);
    assert_non_null(t);
    memcpy(t, "a\n\"", 3);
    memset(t + 3, 'x', n);
    memcpy(t + 3 + n, tail, sizeof(tail));
    *len = 3 + n + sizeof(tail) - 1;
    return t;
}

static void test_csv_reads_a_field_of_the_largest_size(void **state)
{
    /* libcsv grows its buffer by a fixed block; we make it double. */
    size_t len;
    char *t = huge_field_text(RT_CSV_FIELD_MAX, &len);
    collected c;
    rt_diags *d;
    (void)state;
    d = read_text(t, len, &c);
    assert_int_equal(rt_diags_count(d), 0);
    assert_int_equal(c.rows, 3);
    assert_int_equal(strncmp(c.text, "1|a@1;2|xxxx", 12), 0);
    rt_diags_free(d);
    free(t);
}

static void test_csv_stops_at_a_field_over_the_limit(void **state)
{
    /* One byte over, or a quote left open at the top of a large file: the
     * field is reported where it starts and nothing after it is read. */
    size_t sizes[] = {RT_CSV_FIELD_MAX + 1, 3 * RT_CSV_FIELD_MAX};
    (void)state;
    for (size_t i = 0; i < 2; i++) {
        size_t len;
        char *t = huge_field_text(sizes[i], &len);
        expect_error(t, len, 2, 1, "field longer than 1 MiB", "1|a@1;");
        free(t);
    }
    /* Unquoted, in the second column. */
    {
        size_t n = RT_CSV_FIELD_MAX + 1, len = 6 + n + 1;
        char *t = malloc(len + 1);
        assert_non_null(t);
        memcpy(t, "a,b\nq,", 6);
        memset(t + 6, 'y', n);
        t[len - 1] = '\n';
        expect_error(t, len, 2, 2, "the rest of the file was not read", "1|a@1|b@1;");
        free(t);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_csv_reads_plain_rows_with_lines),
        cmocka_unit_test(test_csv_skips_utf8_bom),
        cmocka_unit_test(test_csv_reads_crlf_and_cr_line_ends),
        cmocka_unit_test(test_csv_reads_quoted_commas_quotes_and_newlines),
        cmocka_unit_test(test_csv_keeps_non_ascii_names),
        cmocka_unit_test(test_csv_trims_blanks_and_skips_empty_rows),
        cmocka_unit_test(test_csv_detects_semicolon_and_tab_exports),
        cmocka_unit_test(test_csv_reports_wrong_field_count_and_goes_on),
        cmocka_unit_test(test_csv_reports_unterminated_quote_where_it_opens),
        cmocka_unit_test(test_csv_reports_stray_quotes_and_recovers),
        cmocka_unit_test(test_csv_reports_invalid_utf8_and_nul),
        cmocka_unit_test(test_csv_reports_empty_and_utf16_files),
        cmocka_unit_test(test_utf8_validation_rejects_overlongs_and_surrogates),
        cmocka_unit_test(test_utf8_validation_finds_a_bad_byte_at_any_offset),
        cmocka_unit_test(test_csv_names_the_quote_error_of_a_quoted_field),
        cmocka_unit_test(test_csv_short_row_points_at_first_missing_column),
        cmocka_unit_test(test_csv_reads_a_field_of_the_largest_size),
        cmocka_unit_test(test_csv_stops_at_a_field_over_the_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
