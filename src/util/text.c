/* Showing text from the data inside messages and reports. */
#include "util/text.h"

#include <stdio.h>
#include <string.h>

#include "roundtrip/model.h"

/* Whether code point cp is one a reader cannot see, or one a terminal or a
 * bidirectional renderer would act on: C0 and C1 controls, DEL, the byte
 * order mark, zero-width and non-breaking spaces, the soft hyphen, the
 * direction marks, embeddings, overrides and isolates, and the line and
 * paragraph separators. */
static bool hidden_cp(unsigned cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xa0 || cp == 0xad ||
           (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
           (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff;
}

size_t rt_text__char(const char *text, size_t n, unsigned *cp)
{
    const unsigned char *u = (const unsigned char *)text;
    unsigned c = n ? u[0] : 0, min, v;
    size_t need;

    if (n == 0)
        return 0;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf)
        need = 1, min = 0x80, v = c & 0x1f;
    else if (c >= 0xe0 && c <= 0xef)
        need = 2, min = 0x800, v = c & 0x0f;
    else if (c >= 0xf0 && c <= 0xf4)
        need = 3, min = 0x10000, v = c & 0x07;
    else
        return 0;
    if (n <= need)
        return 0;
    for (size_t k = 1; k <= need; k++) {
        if ((u[k] & 0xc0) != 0x80)
            return 0;
        v = (v << 6) | (u[k] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
        return 0; /* overlong, too large, or a UTF-16 surrogate */
    *cp = v;
    return need + 1;
}

unsigned rt_text__hidden(const char *text, size_t n, size_t *len)
{
    unsigned cp;

    *len = rt_text__char(text, n, &cp);
    if (*len == 0) {
        *len = 1;
        return n ? RT_TEXT_INVALID : RT_TEXT_VISIBLE;
    }
    return hidden_cp(cp) ? cp : RT_TEXT_VISIBLE;
}

/* "\n", "\r", "\t", "\u{1b}" or "\u{200b}": how a hidden code point is
 * shown; "\xff" for a byte that is not UTF-8. */
static int show(char *out, size_t outlen, unsigned cp, unsigned char byte)
{
    if (cp == RT_TEXT_INVALID)
        return snprintf(out, outlen, "\\x%02x", byte);
    if (cp == '\n')
        return snprintf(out, outlen, "\\n");
    if (cp == '\r')
        return snprintf(out, outlen, "\\r");
    if (cp == '\t')
        return snprintf(out, outlen, "\\t");
    /* Two hex digits for a control, four above, as Unicode writes them. */
    return snprintf(out, outlen, cp < 0x80 ? "\\u{%02x}" : "\\u{%04x}", cp);
}

const char *rt_text__quote(char *out, size_t outlen, const char *s, size_t n)
{
    size_t k = 0, i = 0;
    int cut = n > RT_QUOTE_INPUT_MAX;

    if (cut) {
        /* Back up to the start of a UTF-8 character. */
        n = RT_QUOTE_INPUT_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    for (i = 0; i < n && k + 5 < outlen; i++) {
        size_t len;
        unsigned cp = rt_text__hidden(s + i, n - i, &len);
        if (cp != RT_TEXT_VISIBLE) {
            char shown[16];
            int w = show(shown, sizeof(shown), cp, (unsigned char)s[i]);
            if (k + (size_t)w + 1 >= outlen)
                break;
            memcpy(out + k, shown, (size_t)w);
            k += (size_t)w;
            i += len - 1;
        } else {
            if (k + len + 1 >= outlen)
                break;
            memcpy(out + k, s + i, len);
            k += len;
            i += len - 1;
        }
    }
    if (cut && k + 4 <= outlen) {
        memcpy(out + k, "\xe2\x80\xa6", 3);
        k += 3;
    }
    out[k < outlen ? k : outlen - 1] = '\0';
    return out;
}

/* Where rt_text__visible() and rt_text_show() write: a buffer, or a
 * fixed array that keeps what fits and counts the rest. */
typedef struct sink {
    rt_buf *b;
    char *out;
    size_t cap, len;
} sink;

static void put(sink *k, const char *s, size_t n)
{
    if (k->b) {
        rt_buf__add(k->b, s, n);
    } else if (k->cap > 0 && k->len < k->cap - 1) {
        size_t room = k->cap - 1 - k->len;
        memcpy(k->out + k->len, s, n < room ? n : room);
    }
    k->len += n;
}

static void visible(sink *k, const char *s)
{
    size_t n = strlen(s), from = 0;

    for (size_t i = 0; i < n;) {
        char shown[16];
        size_t len;
        unsigned cp = rt_text__hidden(s + i, n - i, &len);
        if (cp == RT_TEXT_VISIBLE) {
            i += len;
            continue;
        }
        put(k, s + from, i - from);
        put(k, shown, (size_t)show(shown, sizeof(shown), cp, (unsigned char)s[i]));
        i += len;
        from = i;
    }
    put(k, s + from, n - from);
}

void rt_text__visible(rt_buf *b, const char *s)
{
    sink k = {b, NULL, 0, 0};

    visible(&k, s);
}

size_t rt_text_show(char *buf, size_t len, const char *s)
{
    sink k = {NULL, buf, len, 0};

    visible(&k, s ? s : "");
    if (len > 0)
        buf[k.len < len ? k.len : len - 1] = '\0';
    return k.len;
}

bool rt_text__ieq(const char *s, size_t n, const char *t)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)t[i];
        if (b == '\0')
            return false;
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (unsigned char)(b - 'A' + 'a');
        if (a != b)
            return false;
    }
    return t[n] == '\0';
}

void rt_text__fold(char *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i]);
}
