/*
 * Fuzz the parsers of the values in a claim: amounts, dates, statuses and
 * render format names, on the input as a C string (cut at its first NUL).
 * What parses is formatted back and must parse again to the same value (the
 * same text, for dates); the first 8 bytes also make a dollar value and a
 * date to format and parse back. A broken promise aborts.
 */
#include <stdbool.h>

#include "fuzz.h"

#define ERRLEN 512

static bool blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* y is within 0.5% of x: rt_usd_format() rounds to hundredths of the unit
 * (K, M, B, T) it writes, which is at most the value itself. */
static bool close_to(int64_t y, int64_t x)
{
    int64_t diff = y > x ? y - x : x - y;
    return diff <= RT_AMOUNT_MAX && 200 * diff <= x;
}

static rt_amount parse_formatted(const char *s)
{
    char err[ERRLEN] = "";
    rt_amount a;
    int rc = rt_amount_parse(&a, s, err, sizeof(err));

    if (rc != 0)
        fprintf(stderr, "formatted amount '%s' does not parse: %s\n", s, err);
    fuzz_check(rc == RT_OK && a.unit == RT_AMOUNT_USD);
    return a;
}

/* A USD amount formatted, parsed back, formatted again: the figures stay
 * within the rounding, and a second round changes nothing. */
static void check_usd_round_trip(const rt_amount *a)
{
    char s1[64], s2[64], s3[64];
    int n = rt_amount_format(s1, sizeof(s1), a);
    rt_amount b, c;

    fuzz_check(n > 0 && (size_t)n < sizeof(s1) && strlen(s1) == (size_t)n);
    b = parse_formatted(s1);
    if (!close_to(b.low, a->low) || !close_to(b.high, a->high))
        fprintf(stderr, "%lld-%lld formats as '%s', which parses as %lld-%lld\n", (long long)a->low,
                (long long)a->high, s1, (long long)b.low, (long long)b.high);
    fuzz_check(close_to(b.low, a->low) && close_to(b.high, a->high));
    rt_amount_format(s2, sizeof(s2), &b);
    c = parse_formatted(s2);
    rt_amount_format(s3, sizeof(s3), &c);
    fuzz_check(strcmp(s2, s3) == 0);
}

static void check_amount(const char *text)
{
    char err[ERRLEN] = "", tiny[4] = "";
    size_t len = strlen(text);
    rt_amount a, again;
    int rc = rt_amount_parse(&a, text, err, sizeof(err));

    /* A short error buffer changes the message only. */
    fuzz_check(rt_amount_parse(&again, text, tiny, sizeof(tiny)) == rc);
    fuzz_check(memchr(tiny, '\0', sizeof(tiny)) != NULL);
    if (rc != RT_OK) {
        fuzz_check(rc == RT_EDATA && err[0] != '\0');
        return;
    }
    fuzz_check(again.unit == a.unit && again.low == a.low && again.high == a.high);
    switch (a.unit) {
    case RT_AMOUNT_UNKNOWN:
        fuzz_check(blank(text) && a.text == NULL);
        break;
    case RT_AMOUNT_USD:
        fuzz_check(!blank(text) && a.text >= text && a.text < text + len);
        fuzz_check(0 <= a.low && a.low <= a.high && a.high <= RT_AMOUNT_MAX);
        check_usd_round_trip(&a);
        break;
    case RT_AMOUNT_OTHER: {
        /* Kept as written; formatting gives it back. */
        char *buf = malloc(len + 1);
        fuzz_check(buf != NULL);
        fuzz_check(!blank(text) && a.text >= text && a.text < text + len);
        fuzz_check(rt_amount_format(buf, len + 1, &a) == (int)strlen(a.text));
        fuzz_check(strcmp(buf, a.text) == 0);
        free(buf);
        break;
    }
    default:
        fuzz_check(!"unknown amount unit");
    }
}

/* Any value from 0 to RT_AMOUNT_MAX, formatted, parses back close to it. */
static void check_usd_value(uint64_t bits)
{
    int64_t v = (int64_t)(bits % (uint64_t)(RT_AMOUNT_MAX + 1));
    rt_amount a = {RT_AMOUNT_USD, v, v, NULL};
    char s[64];
    int n = rt_usd_format(s, sizeof(s), v);

    fuzz_check(n > 1 && (size_t)n < sizeof(s) && s[0] == '$');
    check_usd_round_trip(&a);
    a = parse_formatted(s);
    fuzz_check(a.low == a.high && close_to(a.low, v));
    if (v < 1000)
        fuzz_check(a.low == v);
}

static int sign(int x)
{
    return (x > 0) - (x < 0);
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

static void check_date_text(const char *text, rt_date *out)
{
    char err[ERRLEN] = "", buf[32];
    rt_date again;
    int rc = rt_date_parse(out, text, err, sizeof(err));

    if (rc != RT_OK) {
        fuzz_check(rc == RT_EDATA && err[0] != '\0');
        out->year = out->month = out->day = 0;
        return;
    }
    /* Only the exact ISO forms parse, so formatting gives the text back. */
    rt_date_format(buf, sizeof(buf), out);
    fuzz_check(strcmp(buf, text) == 0);
    fuzz_check(rt_date_parse(&again, buf, err, sizeof(err)) == RT_OK);
    fuzz_check(rt_date_compare(out, &again) == 0);
}

/* A date from raw bytes parses when it is a real date, at its precision. */
static void check_date_value(const uint8_t *b, const rt_date *other)
{
    int y = 1850 + (b[0] | b[1] << 8) % 400, m = b[2] % 14, d = b[3] % 33;
    rt_date date = {(int16_t)y, (int8_t)m, (int8_t)(m ? d : 0)}, back;
    bool real =
        y >= 1900 && y <= 2199 && m <= 12 && (date.day == 0 || date.day <= days_in_month(y, m));
    char buf[32], err[ERRLEN];
    int rc;

    rt_date_format(buf, sizeof(buf), &date);
    rc = rt_date_parse(&back, buf, err, sizeof(err));
    if (real) {
        fuzz_check(rc == RT_OK && rt_date_compare(&date, &back) == 0);
    } else {
        /* An impossible date in the ISO shape is refused. */
        fuzz_check(rc == RT_EDATA);
    }
    /* Ordering is antisymmetric, and a less precise date sorts first. */
    fuzz_check(sign(rt_date_compare(&date, other)) == -sign(rt_date_compare(other, &date)));
    if (real && date.month != 0) {
        rt_date year = {date.year, 0, 0};
        fuzz_check(rt_date_compare(&year, &date) < 0);
    }
}

static void check_status(const char *text)
{
    rt_status s, back;
    int rc = rt_status_parse(&s, text);

    if (rc != RT_OK) {
        fuzz_check(rc == RT_EDATA);
        return;
    }
    fuzz_check((unsigned)s < RT_STATUS_COUNT);
    fuzz_check(rt_status_parse(&back, rt_status_name(s)) == RT_OK && back == s);
}

static void check_render_format(const char *text)
{
    static const char *const names[] = {"dot", "svg", "png", "pdf", "html"};
    rt_render_format f, back;
    int rc = rt_render_format_parse(&f, text);

    if (rc != RT_OK) {
        fuzz_check(rc == RT_EINVAL);
        return;
    }
    fuzz_check((unsigned)f <= RT_RENDER_HTML);
    fuzz_check(rt_render_format_parse(&back, names[f]) == RT_OK && back == f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    uint8_t raw[8] = {0};
    uint64_t bits = 0;
    rt_date date;

    if (!text)
        abort();
    memcpy(text, data, size);
    text[size] = '\0';
    memcpy(raw, data, size < sizeof(raw) ? size : sizeof(raw));
    for (size_t i = 0; i < sizeof(raw); i++)
        bits = bits << 8 | raw[i];

    check_amount(text);
    check_date_text(text, &date);
    check_date_value(raw, &date);
    check_status(text);
    check_render_format(text);
    check_usd_value(bits);
    free(text);
    return 0;
}
