/* Text helpers: quoting input safely inside messages. */
#ifndef RT_UTIL_TEXT_H
#define RT_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Input bytes shown in a message before it is cut with an ellipsis. */
#define RT_QUOTE_INPUT_MAX 60
/* A buffer that holds any quoted text: each byte may become "\xNN". */
#define RT_QUOTE_SIZE (RT_QUOTE_INPUT_MAX * 4 + 8)

/*
 * Copy s[0..n) into out for use inside a message: control characters are
 * escaped (\n, \t, \xNN) so a message stays on one line, and input longer
 * than RT_QUOTE_INPUT_MAX bytes is cut at a character boundary and ended
 * with "…". Returns out.
 */
const char *rt_text__quote(char *out, size_t outlen, const char *s, size_t n);

/* ASCII case-insensitive equality of s[0..n) with the NUL-terminated t. */
bool rt_text__ieq(const char *s, size_t n, const char *t);

#endif
