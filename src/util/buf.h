/* A growable string buffer (git's strbuf, in small). */
#ifndef RT_UTIL_BUF_H
#define RT_UTIL_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include "util/diag.h"

typedef struct rt_buf {
    char *data; /* NUL-terminated; NULL until something is written */
    size_t len;
    size_t cap;
    bool oom; /* a write failed: the text is incomplete */
} rt_buf;

#define RT_BUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0, false                                                                          \
    }

/* Append formatted text; on failure sets b->oom and keeps what was there. */
void rt_buf__printf(rt_buf *b, const char *fmt, ...) RT_PRINTF(2, 3);
void rt_buf__puts(rt_buf *b, const char *s);
void rt_buf__add(rt_buf *b, const char *s, size_t n);

/* Hand the text to the caller (NULL if out of memory) and reset. */
char *rt_buf__detach(rt_buf *b);
void rt_buf__free(rt_buf *b);

#endif
