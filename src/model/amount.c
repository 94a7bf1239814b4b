/*
 * Amounts as people write them in deal spreadsheets.
 *
 *   amount   := single | single SEP single        SEP: '-', en/em dash, 'to'
 *   single   := [currency] number [scale] [unit] [currency]
 *   number   := digits with optional ',' thousands groups, '.' fraction, 'e' exponent
 *   scale    := k thousand | m mm mn mln mil million | b bn bln bil billion
 *             | t tn trn trillion                  (any case, words also plural)
 *   currency := $ US$ USD dollars | another ISO code (EUR) or € £ ¥
 *
 * USD values are computed exactly in integers (no binary floating point), so
 * "22.4B" is 22,400,000,000 dollars, not 22,399,999,999.
 *
 * Any other word after the number is a unit ("6 GW", "160M shares"), except
 * what only looks like one and would drop the money: a scale of another
 * language ("5 Mrd"), a misspelt scale ("8 bilion"), a decimal comma
 * ("5,5B"). Those are errors whose suggestion is the amount rewritten
 * ("did you mean '5.5B'?"), offered only when it parses.
 */
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "roundtrip/error.h"
#include "util/text.h"

typedef enum currency { CUR_NONE, CUR_USD, CUR_OTHER } currency;

/* Replace len bytes at `at` with `with`: one step of a suggestion. */
typedef struct fix {
    const char *at;
    size_t len;
    const char *with;
} fix;

#define MAX_FIXES 3 /* a decimal comma, a scale, a currency word */

typedef struct single {
    const char *start;
    const char *end;
    currency cur;
    bool other_unit; /* "GW", "%", "shares": not money */
    bool negative;
    int scale;     /* power of ten from the suffix; -1 when none */
    uint64_t mant; /* value = mant * 10^exp10 (before the scale) */
    int exp10;
    const char *comma_hint; /* first misplaced comma, if any */
    bool decimal_comma;     /* ... and it is the number's only comma, a decimal one */
    const char *bad;        /* the token that made it malformed */
    size_t badlen;
    const char *unknown; /* a scale or currency word the parser does not take */
    size_t unknown_len;
    const char *unknown_why; /* "unknown scale", "misspelt scale", "misspelt currency" */
    fix fixes[MAX_FIXES];    /* what rewrites it into an amount, in text order */
    size_t nfixes;
} single;

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static const char *skip_space(const char *p, const char *end)
{
    while (p < end && is_space(*p))
        p++;
    return p;
}

static const char *word_end(const char *p, const char *end)
{
    while (p < end && is_alpha(*p))
        p++;
    return p;
}

/* UTF-8 dashes used as range separators. */
static size_t dash_len(const char *p, const char *end)
{
    if (p < end && *p == '-')
        return 1;
    if (end - p >= 3 && (unsigned char)p[0] == 0xe2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94))
        return 3;
    return 0;
}

static const struct {
    const char *word;
    int scale;
} scales[] = {
    {"k", 3},    {"thousand", 3},  {"thousands", 3},  {"m", 6},        {"mm", 6}, {"mn", 6},
    {"mln", 6},  {"mil", 6},       {"million", 6},    {"millions", 6}, {"b", 9},  {"bn", 9},
    {"bln", 9},  {"bil", 9},       {"billion", 9},    {"billions", 9}, {"t", 12}, {"tn", 12},
    {"trn", 12}, {"trillion", 12}, {"trillions", 12},
};

/*
 * Scales of other languages, which the English reading does not take: a
 * German "5,5 Mrd" is 5.5 billion, not 5.5 of a unit "Mrd". Each is an error
 * that suggests the English letter of the same power.
 */
static const struct {
    const char *word;
    const char *letter;
} foreign_scales[] = {
    {"tsd", "K"},       {"tausend", "K"},    {"mio", "M"},      {"millionen", "M"},
    {"mrd", "B"},       {"mld", "B"},        {"milliard", "B"}, {"milliards", "B"},
    {"milliarde", "B"}, {"milliarden", "B"}, {"miliard", "B"},  {"miliardy", "B"},
};

/* The English scale words a misspelt one is matched against. */
static const char *const scale_words[] = {
    "thousand", "thousands", "million", "millions", "billion", "billions", "trillion", "trillions",
};

static int scale_of(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof(scales) / sizeof(scales[0]); i++)
        if (rt_text__ieq(w, n, scales[i].word))
            return scales[i].scale;
    return -1;
}

static const char *foreign_scale(const char *w, size_t n)
{
    for (size_t i = 0; i < sizeof(foreign_scales) / sizeof(foreign_scales[0]); i++)
        if (rt_text__ieq(w, n, foreign_scales[i].word))
            return foreign_scales[i].letter;
    return NULL;
}

/* The scale word a word of four or more letters misspells ("bilion"), or
 * NULL. Shorter words are left alone: "MW" is one letter from "mm". */
static const char *misspelt_scale(const char *w, size_t n)
{
    rt_suggest sg;

    if (n < 4)
        return NULL;
    rt_suggest__init(&sg, w, n);
    for (size_t i = 0; i < sizeof(scale_words) / sizeof(scale_words[0]); i++)
        rt_suggest__offer(&sg, scale_words[i]);
    return sg.best && sg.best_dist > 0 ? sg.best : NULL;
}

static const char *misspelt_dollars(const char *w, size_t n)
{
    rt_suggest sg;

    if (n < 4)
        return NULL;
    rt_suggest__init(&sg, w, n);
    rt_suggest__offer(&sg, "dollar");
    rt_suggest__offer(&sg, "dollars");
    return sg.best && sg.best_dist > 0 ? sg.best : NULL;
}

static bool is_usd_word(const char *w, size_t n)
{
    return rt_text__ieq(w, n, "usd") || rt_text__ieq(w, n, "dollars") ||
           rt_text__ieq(w, n, "dollar");
}

/* Three upper-case letters, an ISO 4217 currency code such as EUR. */
static bool is_currency_code(const char *w, size_t n)
{
    if (n != 3)
        return false;
    for (size_t i = 0; i < 3; i++)
        if (w[i] < 'A' || w[i] > 'Z')
            return false;
    return true;
}

/* €, £, ¥ in UTF-8. */
static size_t other_currency_symbol(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    if (end - p >= 3 && u[0] == 0xe2 && u[1] == 0x82 && u[2] == 0xac)
        return 3;
    if (end - p >= 2 && u[0] == 0xc2 && (u[1] == 0xa3 || u[1] == 0xa5))
        return 2;
    return 0;
}

/* The length of the UTF-8 character at p (1 for a stray byte). */
static size_t char_len(const char *p, const char *end)
{
    unsigned char c = (unsigned char)*p;
    size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

    if ((size_t)(end - p) < n)
        return 1;
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)p[i] & 0xc0) != 0x80)
            return 1;
    return n;
}

static bool is_hex_digit(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Remember a word the parser does not take, and what to write instead. */
static void note_unknown(single *s, const char *why, const char *word, size_t n, const char *at,
                         size_t len, const char *with)
{
    if (!s->unknown) {
        s->unknown = word;
        s->unknown_len = n;
        s->unknown_why = why;
    }
    if (s->nfixes < MAX_FIXES)
        s->fixes[s->nfixes++] = (fix){at, len, with};
}

static void add_digit(single *s, int d, bool fraction)
{
    if (s->mant <= (UINT64_MAX - 9) / 10) {
        s->mant = s->mant * 10 + (uint64_t)d;
        if (fraction)
            s->exp10--;
    } else if (!fraction) {
        s->exp10++; /* precision beyond 19 digits is dropped */
    }
}

/* Parse digits with optional thousands commas, a fraction and an exponent.
 * Returns the end, or NULL when there is no digit. */
static const char *parse_number(single *s, const char *p, const char *end)
{
    int ndigits = 0, group = 0, ncommas = 0;
    bool commas = false, fraction = false;

    while (p < end && (is_digit(*p) || *p == ',')) {
        if (*p == ',') {
            ncommas++;
            /* A thousands comma follows 1-3 digits, then groups of exactly 3. */
            if ((commas ? group != 3 : (group < 1 || group > 3)) && !s->comma_hint)
                s->comma_hint = p;
            commas = true;
            group = 0;
        } else {
            add_digit(s, *p - '0', false);
            ndigits++;
            group++;
        }
        p++;
    }
    if (commas && group != 3 && !s->comma_hint)
        s->comma_hint = p - group - 1;
    if (p < end && *p == '.') {
        fraction = true;
        p++;
        while (p < end && is_digit(*p)) {
            add_digit(s, *p - '0', true);
            ndigits++;
            p++;
        }
    }
    if (ndigits == 0)
        return NULL;
    /* "5,5" and "1234,5": one comma that is not a thousands separator, and
     * no '.', is a decimal comma. "1,000" is a thousand all the same. */
    if (s->comma_hint && ncommas == 1 && !fraction) {
        s->decimal_comma = true;
        if (s->nfixes < MAX_FIXES)
            s->fixes[s->nfixes++] = (fix){s->comma_hint, 1, "."};
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        const char *q = p + 1;
        int sign = 1, e = 0;
        if (q < end && (*q == '+' || *q == '-')) {
            sign = *q == '-' ? -1 : 1;
            q++;
        }
        if (q < end && is_digit(*q)) {
            while (q < end && is_digit(*q)) {
                if (e < 10000)
                    e = e * 10 + (*q - '0');
                q++;
            }
            s->exp10 += sign * e;
            p = q;
        }
    }
    return p;
}

/* A word of a unit: a letter, then letters or digits ("GW", "H100s"). */
static const char *unit_word_end(const char *p, const char *end)
{
    if (p >= end || !is_alpha(*p))
        return p;
    while (p < end && (is_alpha(*p) || is_digit(*p)))
        p++;
    return p;
}

/* A currency mark after the number: $, US$, €, £ or ¥. Returns its length. */
static size_t currency_mark(const char *p, const char *end, currency *cur)
{
    size_t n;

    if (*p == '$') {
        *cur = CUR_USD;
        return 1;
    }
    if (end - p >= 3 && rt_text__ieq(p, 3, "us$")) {
        *cur = CUR_USD;
        return 3;
    }
    if ((n = other_currency_symbol(p, end)) > 0)
        *cur = CUR_OTHER;
    return n;
}

/*
 * Parse one amount from p up to a range separator (when stop_at_dash) or the
 * end. On success sets s->end and returns NULL; on a malformed amount
 * returns what is wrong (a static string, "%s" taking the offending token),
 * with s->bad and s->badlen set to the token. A word that only looks like a
 * unit (a foreign or misspelt scale) is taken as what it means, and noted in
 * s->unknown and s->fixes for the caller to refuse with a suggestion.
 */
static const char *parse_single(single *s, const char *p, const char *end, bool stop_at_dash)
{
    const char *w, *we, *num, *gap, *word;
    size_t n;
    bool first = true, after_currency = false;
    currency cur;

    memset(s, 0, sizeof(*s));
    s->scale = -1;
    p = skip_space(p, end);
    s->start = p;
    if (p < end && (*p == '-' || *p == '+')) {
        s->negative = *p == '-';
        p = skip_space(p + 1, end);
    }
    /* Currency before the number: $, US$, USD, EUR, €. */
    if (p < end && *p == '$') {
        s->cur = CUR_USD;
        p++;
    } else if (end - p >= 3 && rt_text__ieq(p, 3, "us$")) {
        s->cur = CUR_USD;
        p += 3;
    } else if ((n = other_currency_symbol(p, end)) > 0) {
        s->cur = CUR_OTHER;
        p += n;
    } else if ((we = word_end(p, end)) - p == 3) {
        if (rt_text__ieq(p, 3, "usd"))
            s->cur = CUR_USD;
        else if (is_currency_code(p, 3))
            s->cur = CUR_OTHER;
        if (s->cur != CUR_NONE)
            p = we;
    }
    p = skip_space(p, end);
    if (p < end && *p == '-' && !s->negative) {
        s->negative = true; /* "$-5B" */
        p++;
    }
    num = p;
    p = parse_number(s, p, end);
    if (!p)
        return "no number";
    /* "0x10" is no amount in unit "x10": a hexadecimal number, refused. */
    if (p + 1 < end && (*p == 'x' || *p == 'X') && is_hex_digit(p[1]) &&
        strspn(num, "0") == (size_t)(p - num)) {
        s->bad = num;
        s->badlen = (size_t)(unit_word_end(p, end) - num);
        return "'%s' is hexadecimal (write amounts in decimal, like 8B or 8000000000)";
    }

    /* What follows the number: a scale, then unit or currency words. */
    for (;; first = false) {
        gap = p;
        p = skip_space(p, end);
        if (p >= end)
            break;
        if (stop_at_dash &&
            (dash_len(p, end) || rt_text__ieq(p, (size_t)(word_end(p, end) - p), "to")))
            break;
        s->bad = p;
        if (*p == '%') {
            s->other_unit = true;
            s->badlen = 1;
            p++;
            continue;
        }
        if ((n = currency_mark(p, end, &cur)) > 0) {
            /* "5B$", "5B US$", "5 Mrd €" */
            s->badlen = n;
            if (after_currency)
                return "unexpected '%s' after the currency";
            if (s->cur != CUR_NONE && s->cur != cur)
                return "two currencies in one amount ('%s')";
            s->cur = cur;
            after_currency = true;
            p += n;
            continue;
        }
        w = p;
        we = unit_word_end(w, end);
        if (we == w) {
            s->badlen = char_len(p, end);
            return is_digit(*p) ? "unexpected '%s' (a range is written like 10B-50B)"
                                : "unexpected '%s'";
        }
        n = (size_t)(we - w);
        s->badlen = n;
        p = we;
        if ((size_t)(word_end(w, we) - w) < n && scale_of(w, (size_t)(word_end(w, we) - w)) >= 0) {
            /* A scale with digits glued after it: "1B5". */
            s->bad = word_end(w, we);
            s->badlen = 1;
            return "unexpected '%s'";
        }
        if (after_currency)
            return "unexpected '%s' after the currency";
        if (scale_of(w, n) >= 0) {
            if (!first || s->scale >= 0)
                return "two scales in one amount ('%s')";
            s->scale = scale_of(w, n);
        } else if (n >= 2 && scale_of(w, 1) >= 0 && scale_of(w + 1, n - 1) >= 0) {
            return "two scales in one amount ('%s')"; /* "5BB" */
        } else if ((word = foreign_scale(w, n))) {
            if (!first || s->scale >= 0)
                return "two scales in one amount ('%s')";
            if (p < end && *p == '.')
                p++; /* "Mrd." */
            s->scale = scale_of(word, 1);
            /* "5,5 Mrd" becomes "5.5B": the letter replaces the gap too. */
            note_unknown(s, "unknown scale", w, n, gap, (size_t)(p - gap), word);
        } else if (is_usd_word(w, n)) {
            if (s->cur == CUR_OTHER)
                return "two currencies in one amount ('%s')";
            s->cur = CUR_USD;
            after_currency = true;
        } else if (is_currency_code(w, n)) {
            if (s->cur == CUR_USD)
                return "two currencies in one amount ('%s')";
            s->cur = CUR_OTHER;
            after_currency = true;
        } else if (n == 1) {
            return "unknown unit '%s'";
        } else if ((word = misspelt_scale(w, n))) {
            if (first && s->scale < 0)
                s->scale = scale_of(word, strlen(word));
            else
                s->other_unit = true;
            note_unknown(s, "misspelt scale", w, n, w, n, word);
        } else if ((word = misspelt_dollars(w, n))) {
            if (s->cur == CUR_NONE)
                s->cur = CUR_USD;
            after_currency = true;
            note_unknown(s, "misspelt currency", w, n, w, n, word);
        } else {
            s->other_unit = true;
        }
    }
    s->bad = NULL;
    s->end = p;
    while (s->end > s->start && is_space(s->end[-1]))
        s->end--;
    return NULL;
}

/* mant * 10^e in whole dollars, rounded half up; false when too large. */
static bool to_dollars(uint64_t mant, int e, int64_t *out)
{
    uint64_t v = mant;

    if (mant == 0) {
        *out = 0;
        return true;
    }
    if (e >= 0) {
        for (int i = 0; i < e; i++) {
            if (v > (uint64_t)RT_AMOUNT_MAX / 10)
                return false;
            v *= 10;
        }
    } else if (e < -19) {
        v = 0;
    } else {
        uint64_t div = 1;
        for (int i = 0; i < -e; i++)
            div *= 10;
        v = mant / div + (mant % div >= div - div / 2 ? 1 : 0);
    }
    if (v > (uint64_t)RT_AMOUNT_MAX)
        return false;
    *out = (int64_t)v;
    return true;
}

#define EXAMPLES "(write it like 8B, $8B, 8 billion or 10B-50B)"

/* Say what is wrong with the amount `text` in errbuf; returns RT_EDATA. */
static int fail(char *errbuf, size_t errlen, const char *fmt, const char *text, size_t tlen,
                const char *arg, size_t alen)
{
    char qt[RT_QUOTE_SIZE], qa[RT_QUOTE_SIZE];

    if (errbuf && errlen) {
        rt_text__quote(qt, sizeof(qt), text, tlen);
        rt_text__quote(qa, sizeof(qa), arg ? arg : "", arg ? alen : 0);
        snprintf(errbuf, errlen, fmt, qt, qa);
    }
    return RT_EDATA;
}

/* A malformed single amount: name the token, in the words of parse_single(),
 * whose `why` has one %s for it. */
static int fail_single(char *errbuf, size_t errlen, const single *s, const char *why,
                       const char *text, size_t tlen)
{
    char qt[RT_QUOTE_SIZE], token[RT_QUOTE_SIZE], reason[RT_QUOTE_SIZE + 100];

    if (!s->bad)
        return fail(errbuf, errlen, "'%s' is not an amount " EXAMPLES "%s", text, tlen, NULL, 0);
    if (errbuf && errlen) {
        rt_text__quote(qt, sizeof(qt), text, tlen);
        rt_text__quote(token, sizeof(token), s->bad, s->badlen);
        snprintf(reason, sizeof(reason), why, token);
        snprintf(errbuf, errlen, "bad amount '%s': %s", qt, reason);
    }
    return RT_EDATA;
}

static int parse(rt_amount *out, const char *text, char *errbuf, size_t errlen, bool suggest);

/*
 * The amount rewritten by the fixes of its ends, in `buf`; NULL when it does
 * not fit or does not parse. Only called on the original text, so the
 * rewrite is checked once and never rewritten again.
 */
static const char *rewrite(char *buf, size_t len, const char *text, const char *end,
                           const single *lo, const single *hi)
{
    const single *ends[2] = {lo, hi};
    const char *p = text;
    size_t k = 0;
    rt_amount check;

    for (size_t e = 0; e < 2; e++) {
        for (size_t i = 0; ends[e] && i < ends[e]->nfixes; i++) {
            const fix *f = &ends[e]->fixes[i];
            size_t keep = (size_t)(f->at - p), wl = strlen(f->with);
            if (k + keep + wl >= len)
                return NULL;
            memcpy(buf + k, p, keep);
            memcpy(buf + k + keep, f->with, wl);
            k += keep + wl;
            p = f->at + f->len;
        }
    }
    if (k + (size_t)(end - p) >= len)
        return NULL;
    memcpy(buf + k, p, (size_t)(end - p));
    buf[k + (size_t)(end - p)] = '\0';
    return parse(&check, buf, NULL, 0, false) == RT_OK ? buf : NULL;
}

/* An amount with a foreign or misspelt scale or currency, or a decimal
 * comma: refused, with the rewrite as the suggestion when it parses. */
static int fail_fixable(char *errbuf, size_t errlen, const char *text, size_t tlen,
                        const single *lo, const single *hi)
{
    const single *u = lo->unknown ? lo : hi && hi->unknown ? hi : NULL;
    /* A suggestion longer than a message shows whole is not given. */
    char fixed[RT_QUOTE_INPUT_MAX + 1], qt[RT_QUOTE_SIZE], qw[RT_QUOTE_SIZE], qf[RT_QUOTE_SIZE];
    const char *sug = rewrite(fixed, sizeof(fixed), text, text + tlen, lo, hi);

    if (!u && !sug)
        return fail(errbuf, errlen,
                    "misplaced thousands separator in '%s' (write 8,000,000,000 or 8B)%s", text,
                    tlen, NULL, 0);
    if (!u)
        return fail(errbuf, errlen, "decimal comma in '%s' (did you mean '%s'?)", text, tlen, sug,
                    strlen(sug));
    if (errbuf && errlen) {
        rt_text__quote(qt, sizeof(qt), text, tlen);
        rt_text__quote(qw, sizeof(qw), u->unknown, u->unknown_len);
        if (sug)
            snprintf(errbuf, errlen, "%s '%s' in '%s' (did you mean '%s'?)", u->unknown_why, qw, qt,
                     rt_text__quote(qf, sizeof(qf), sug, strlen(sug)));
        else
            snprintf(errbuf, errlen, "%s '%s' in '%s' " EXAMPLES, u->unknown_why, qw, qt);
    }
    return RT_EDATA;
}

int rt_amount_parse(rt_amount *out, const char *text, char *errbuf, size_t errlen)
{
    return parse(out, text, errbuf, errlen, true);
}

static int parse(rt_amount *out, const char *text, char *errbuf, size_t errlen, bool suggest)
{
    const char *end = text + strlen(text);
    const char *p = skip_space(text, end);
    const char *why;
    size_t tlen, dl, wl;
    single lo, hi;
    bool range = false;

    out->unit = RT_AMOUNT_UNKNOWN;
    out->low = out->high = 0;
    out->text = NULL;
    while (end > p && is_space(end[-1]))
        end--;
    if (p == end)
        return RT_OK;
    text = p;
    tlen = (size_t)(end - p);

    wl = (size_t)(word_end(p, end) - p);
    if (rt_text__ieq(p, wl, "up") || rt_text__ieq(p, wl, "about") ||
        rt_text__ieq(p, wl, "approx") || rt_text__ieq(p, wl, "over") || *p == '~' || *p == '<' ||
        *p == '>') {
        const char *q = p;
        while (q < end && !is_digit(*q) && *q != '$')
            q++;
        if (q == end)
            return fail(errbuf, errlen, "'%s' is not an amount " EXAMPLES "%s", text, tlen, NULL,
                        0);
        return fail(errbuf, errlen,
                    "'%s' is not an amount: qualifiers belong in the note column "
                    "(did you mean '%s'?)",
                    text, tlen, q, (size_t)(end - q));
    }
    if ((why = parse_single(&lo, p, end, true)))
        return fail_single(errbuf, errlen, &lo, why, text, tlen);
    p = skip_space(lo.end, end);
    if (p < end) {
        if ((dl = dash_len(p, end)) > 0)
            p += dl;
        else
            p += 2; /* "to": parse_single() stopped only at a dash or "to" */
        if ((why = parse_single(&hi, p, end, false)))
            return fail_single(errbuf, errlen, &hi, why, text, tlen);
        range = true;
        if (hi.negative)
            return fail(errbuf, errlen, "negative amount in '%s'%s", text, tlen, NULL, 0);
    }
    if (lo.negative)
        return fail(errbuf, errlen, "negative amount '%s'%s", text, tlen, NULL, 0);

    /* A foreign or misspelt scale, or a decimal comma, in any unit: the
     * money would otherwise vanish into "another unit" or a wrong figure. */
    if (lo.unknown || lo.decimal_comma || (range && (hi.unknown || hi.decimal_comma))) {
        if (!suggest)
            return RT_EDATA;
        return fail_fixable(errbuf, errlen, text, tlen, &lo, range ? &hi : NULL);
    }
    if (lo.comma_hint || (range && hi.comma_hint))
        return fail(errbuf, errlen,
                    "misplaced thousands separator in '%s' (write 8,000,000,000 or 8B)%s", text,
                    tlen, NULL, 0);
    out->text = text;
    if (lo.other_unit || lo.cur == CUR_OTHER || (range && (hi.other_unit || hi.cur == CUR_OTHER))) {
        out->unit = RT_AMOUNT_OTHER;
        return RT_OK;
    }
    out->text = NULL;
    /* "10-50B" and "$10-50B" mean 10B to 50B; "$5-$1K", with a currency on
     * each end, is two whole figures: $5 to $1,000. */
    if (range && lo.scale < 0 && hi.scale >= 0 && !(lo.cur != CUR_NONE && hi.cur != CUR_NONE))
        lo.scale = hi.scale;
    if (!to_dollars(lo.mant, lo.exp10 + (lo.scale > 0 ? lo.scale : 0), &out->low) ||
        (range && !to_dollars(hi.mant, hi.exp10 + (hi.scale > 0 ? hi.scale : 0), &out->high)))
        return fail(errbuf, errlen, "amount '%s' is too large (the limit is %s)", text, tlen,
                    "$1000T", 6);
    if ((out->low == 0 && lo.mant != 0) || (range && out->high == 0 && hi.mant != 0))
        return fail(errbuf, errlen, "amount '%s' rounds to $0 (amounts are whole dollars)%s", text,
                    tlen, NULL, 0);
    if (!range)
        out->high = out->low;
    if (out->low > out->high) {
        char swapped[300];
        int n = snprintf(swapped, sizeof(swapped), "%.*s-%.*s", (int)(hi.end - hi.start), hi.start,
                         (int)(lo.end - lo.start), lo.start);
        return fail(errbuf, errlen, "reversed range '%s' (did you mean '%s'?)", text, tlen, swapped,
                    n < 0                         ? 0
                    : (size_t)n < sizeof(swapped) ? (size_t)n
                                                  : sizeof(swapped) - 1);
    }
    out->unit = RT_AMOUNT_USD;
    out->text = text;
    return RT_OK;
}

int64_t rt_usd_add(int64_t a, int64_t b)
{
    return a > RT_USD_SATURATED - b ? RT_USD_SATURATED : a + b;
}

int rt_usd_format(char *buf, size_t len, int64_t usd)
{
    static const struct {
        int64_t size;
        char suffix;
    } units[] = {{INT64_C(1000000000000), 'T'},
                 {INT64_C(1000000000), 'B'},
                 {INT64_C(1000000), 'M'},
                 {INT64_C(1000), 'K'}};
    size_t nunits = sizeof(units) / sizeof(units[0]);

    if (usd == RT_USD_SATURATED)
        return snprintf(buf, len, "more than $9.2 quintillion");
    if (usd < 1000)
        return snprintf(buf, len, "$%lld", (long long)usd);
    for (size_t i = 0; i < nunits; i++) {
        int64_t u = units[i].size;
        int64_t hundredths;
        if (usd < u)
            continue;
        /* Round to hundredths of the unit; 999.995B rounds up to $1T. */
        hundredths = (usd / u) * 100 + ((usd % u) * 100 + u / 2) / u;
        if (i > 0 && hundredths >= 100000) {
            u = units[i - 1].size;
            hundredths = (usd / u) * 100 + ((usd % u) * 100 + u / 2) / u;
            i--;
        }
        if (hundredths % 100 == 0)
            return snprintf(buf, len, "$%lld%c", (long long)(hundredths / 100), units[i].suffix);
        if (hundredths % 10 == 0)
            return snprintf(buf, len, "$%lld.%lld%c", (long long)(hundredths / 100),
                            (long long)(hundredths % 100 / 10), units[i].suffix);
        return snprintf(buf, len, "$%lld.%02lld%c", (long long)(hundredths / 100),
                        (long long)(hundredths % 100), units[i].suffix);
    }
    return snprintf(buf, len, "$%lld", (long long)usd);
}

int rt_amount_format(char *buf, size_t len, const rt_amount *a)
{
    char lo[40], hi[40];

    switch (a->unit) {
    case RT_AMOUNT_USD:
        rt_usd_format(lo, sizeof(lo), a->low);
        if (a->low == a->high)
            return snprintf(buf, len, "%s", lo);
        rt_usd_format(hi, sizeof(hi), a->high);
        if (a->high == RT_USD_SATURATED)
            return snprintf(buf, len, "%s to %s", lo, hi);
        /* En dash, one '$' ("$10B–50B"); but "$5–1K" would read as $5K to
         * $1K, so a low end without a scale keeps its '$' ("$5–$1K"). */
        if (lo[strlen(lo) - 1] >= '0' && lo[strlen(lo) - 1] <= '9' &&
            !(hi[strlen(hi) - 1] >= '0' && hi[strlen(hi) - 1] <= '9'))
            return snprintf(buf, len, "%s\xe2\x80\x93%s", lo, hi);
        return snprintf(buf, len, "%s\xe2\x80\x93%s", lo, hi + 1);
    case RT_AMOUNT_OTHER:
        return snprintf(buf, len, "%s", a->text ? a->text : "");
    default:
        return snprintf(buf, len, "unknown");
    }
}
