/* Text helpers: showing text from the data safely in messages and reports. */
#ifndef RT_UTIL_TEXT_H
#define RT_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Input bytes shown in a message before it is cut with an ellipsis. */
#define RT_QUOTE_INPUT_MAX 60
/* A buffer that holds any quoted text: a byte may become "\u{1b}". */
#define RT_QUOTE_SIZE (RT_QUOTE_INPUT_MAX * 6 + 8)

/* rt_text__hidden() of a character that is seen as it is, and of a byte
 * that does not start a UTF-8 character. */
#define RT_TEXT_VISIBLE 0xffffffffu
#define RT_TEXT_INVALID 0xfffffffeu

/*
 * The UTF-8 character at text[0..n): its length in bytes (1 to 4) and its
 * code point in *cp; 0 when the bytes are not UTF-8 (a stray or truncated
 * sequence, an overlong form, a surrogate, above U+10FFFF).
 */
size_t rt_text__char(const char *text, size_t n, unsigned *cp);

/*
 * The code point at text[0..n) when a reader would not see it, or a
 * terminal or a bidirectional renderer would act on it (controls, DEL, C1
 * controls, zero-width and non-breaking spaces, the soft hyphen, direction
 * marks, embeddings, overrides and isolates, line and paragraph separators,
 * the byte order mark); RT_TEXT_INVALID for a byte that is not UTF-8; else
 * RT_TEXT_VISIBLE. The character's length in bytes goes to *len (1 for a
 * byte that is not UTF-8).
 */
unsigned rt_text__hidden(const char *text, size_t n, size_t *len);

/*
 * Copy s[0..n) into out for use inside a message: hidden characters are
 * shown (\n, \t, \u{1b}, \u{200b}) so a message stays on one line and
 * looks like what it quotes, and input longer than RT_QUOTE_INPUT_MAX bytes
 * is cut at a character boundary and ended with "…". Returns out.
 */
const char *rt_text__quote(char *out, size_t outlen, const char *s, size_t n);

/* Append s to b with every hidden character shown as rt_text__quote()
 * shows it, and a byte that is not UTF-8 as "\xff", uncut: text from the
 * data in a text report, which cannot move the cursor, recolour the
 * terminal, start a line or reorder what follows. */
void rt_text__visible(rt_buf *b, const char *s);

/* ASCII case-insensitive equality of s[0..n) with the NUL-terminated t. */
bool rt_text__ieq(const char *s, size_t n, const char *t);

/* s[0..n) with ASCII letters in lower case, into out (n bytes): the key
 * names that differ only in case share. */
void rt_text__fold(char *out, const char *s, size_t n);

#endif
