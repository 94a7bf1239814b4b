/* Quoting input inside messages. */
#include "util/text.h"

#include <stdio.h>
#include <string.h>

/* The code point of an invisible character at s[0..n) (a byte order mark,
 * a zero-width or non-breaking space, a soft hyphen, a direction mark),
 * with its length in *len; 0 for any other. Shown as \u{...} in messages,
 * so that 'Anthropic' and 'Anthropic' with a BOM before it look different. */
static unsigned invisible(const unsigned char *s, size_t n, size_t *len)
{
    unsigned cp;

    if (n >= 2 && s[0] == 0xc2 && (s[1] == 0xa0 || s[1] == 0xad)) {
        *len = 2;
        return s[1];
    }
    if (n < 3 || (s[0] & 0xf0) != 0xe0 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
        return 0;
    cp = ((s[0] & 0x0fu) << 12) | ((s[1] & 0x3fu) << 6) | (s[2] & 0x3fu);
    *len = 3;
    if ((cp >= 0x200b && cp <= 0x200f) || cp == 0x2028 || cp == 0x2029 || cp == 0x2060 ||
        cp == 0xfeff)
        return cp;
    return 0;
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
        unsigned char c = (unsigned char)s[i];
        size_t len;
        unsigned cp = c >= 0xc2 ? invisible((const unsigned char *)s + i, n - i, &len) : 0;
        if (cp) {
            if (k + 9 >= outlen)
                break;
            k += (size_t)snprintf(out + k, outlen - k, "\\u{%04x}", cp);
            i += len - 1;
        } else if (c == '\n') {
            out[k++] = '\\';
            out[k++] = 'n';
        } else if (c == '\r') {
            out[k++] = '\\';
            out[k++] = 'r';
        } else if (c == '\t') {
            out[k++] = '\\';
            out[k++] = 't';
        } else if (c < 0x20 || c == 0x7f) {
            k += (size_t)snprintf(out + k, outlen - k, "\\x%02x", c);
        } else {
            out[k++] = (char)c;
        }
    }
    if (cut && k + 4 <= outlen) {
        memcpy(out + k, "\xe2\x80\xa6", 3);
        k += 3;
    }
    out[k < outlen ? k : outlen - 1] = '\0';
    return out;
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
