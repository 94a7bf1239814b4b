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

unsigned rt_text__hidden(const char *text, size_t n, size_t *len)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned cp;

    *len = 1;
    if (n == 0)
        return RT_TEXT_VISIBLE;
    if (s[0] < 0x80)
        return hidden_cp(s[0]) ? s[0] : RT_TEXT_VISIBLE;
    if (n >= 2 && (s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
        cp = ((s[0] & 0x1fu) << 6) | (s[1] & 0x3fu);
        *len = 2;
    } else if (n >= 3 && (s[0] & 0xf0) == 0xe0 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
        cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
        *len = 3;
    } else {
        return RT_TEXT_VISIBLE; /* four-byte characters, and bytes that are not UTF-8 */
    }
    if (cp < 0x80 || (*len == 3 && cp < 0x800))
        return RT_TEXT_VISIBLE; /* overlong: the loader rejects it; shown as bytes */
    return hidden_cp(cp) ? cp : RT_TEXT_VISIBLE;
}

/* "\n", "\r", "\t", "\u{1b}" or "\u{200b}": how a hidden code point is shown. */
static int show(char *out, size_t outlen, unsigned cp)
{
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
            int w = show(shown, sizeof(shown), cp);
            if (k + (size_t)w + 1 >= outlen)
                break;
            memcpy(out + k, shown, (size_t)w);
            k += (size_t)w;
            i += len - 1;
        } else {
            out[k++] = s[i];
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
        put(k, shown, (size_t)show(shown, sizeof(shown), cp));
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
