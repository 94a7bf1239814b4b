/* ISO dates of year, month or day precision. */
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "roundtrip/error.h"
#include "util/text.h"

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Read exactly n digits; -1 when they are not all digits. */
static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int fail(char *errbuf, size_t errlen, const char *text, const char *why)
{
    char q[RT_QUOTE_SIZE];

    if (errbuf && errlen)
        snprintf(errbuf, errlen, "bad date '%s' (%s)",
                 rt_text__quote(q, sizeof(q), text, strlen(text)), why);
    return RT_EDATA;
}

/* A hint for the date forms spreadsheets produce instead of ISO. */
static int fail_hint(char *errbuf, size_t errlen, const char *text, size_t n)
{
    int a, b, c;
    char tail;

    /* 2025/09/22 or 2025.09.22: the ISO order with other separators. */
    if (n == 10 && (text[4] == '/' || text[4] == '.') && text[7] == text[4] &&
        digits(text, 4) >= 0 && digits(text + 5, 2) >= 0 && digits(text + 8, 2) >= 0) {
        if (errbuf && errlen)
            snprintf(errbuf, errlen, "bad date '%s' (did you mean '%.4s-%.2s-%.2s'?)", text, text,
                     text + 5, text + 8);
        return RT_EDATA;
    }
    if (sscanf(text, "%d/%d/%d%c", &a, &b, &c, &tail) == 3)
        return fail(errbuf, errlen, text, "day and month order is ambiguous: write YYYY-MM-DD");
    if (n == 5 && digits(text, 5) >= 20000)
        return fail(errbuf, errlen, text,
                    "looks like a spreadsheet date serial number: format the column as "
                    "text YYYY-MM-DD");
    return fail(errbuf, errlen, text, "write YYYY, YYYY-MM or YYYY-MM-DD");
}

int rt_date_parse(rt_date *out, const char *text, char *errbuf, size_t errlen)
{
    size_t n = strlen(text);
    int y, m = 0, d = 0;

    out->year = 0;
    out->month = 0;
    out->day = 0;
    if (n == 0)
        return RT_OK;
    if ((n != 4 && n != 7 && n != 10) || (n >= 7 && text[4] != '-') || (n == 10 && text[7] != '-'))
        return fail_hint(errbuf, errlen, text, n);
    y = digits(text, 4);
    if (n >= 7)
        m = digits(text + 5, 2);
    if (n == 10)
        d = digits(text + 8, 2);
    if (y < 0 || m < 0 || d < 0)
        return fail_hint(errbuf, errlen, text, n);
    if (y < 1900 || y > 2199)
        return fail(errbuf, errlen, text, "year out of range 1900-2199");
    if (n >= 7 && (m < 1 || m > 12))
        return fail(errbuf, errlen, text, "month must be 01-12");
    if (n == 10 && (d < 1 || d > days_in_month(y, m))) {
        char why[64];
        snprintf(why, sizeof(why), "%04d-%02d has %d days", y, m, days_in_month(y, m));
        return fail(errbuf, errlen, text, why);
    }
    out->year = (int16_t)y;
    out->month = (int8_t)m;
    out->day = (int8_t)d;
    return RT_OK;
}

int rt_date_compare(const rt_date *a, const rt_date *b)
{
    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->month != b->month)
        return a->month < b->month ? -1 : 1;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    return 0;
}

int rt_date_format(char *buf, size_t len, const rt_date *d)
{
    if (d->year == 0)
        return snprintf(buf, len, "%s", "");
    if (d->month == 0)
        return snprintf(buf, len, "%04d", d->year);
    if (d->day == 0)
        return snprintf(buf, len, "%04d-%02d", d->year, d->month);
    return snprintf(buf, len, "%04d-%02d-%02d", d->year, d->month, d->day);
}

rt_date rt_date__first_day(rt_date d)
{
    if (d.month == 0)
        d.month = 1;
    if (d.day == 0)
        d.day = 1;
    return d;
}

rt_date rt_date__last_day(rt_date d)
{
    if (d.month == 0)
        d.month = 12;
    if (d.day == 0)
        d.day = (int8_t)days_in_month(d.year, d.month);
    return d;
}
