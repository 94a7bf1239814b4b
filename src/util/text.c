/* Quoting input inside messages. */
#include "util/text.h"

#include <stdio.h>
#include <string.h>

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
        if (c == '\n') {
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
