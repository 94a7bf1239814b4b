/* Growable string buffer. */
#include "util/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/alloc.h"

static bool reserve(rt_buf *b, size_t extra)
{
    char *d;

    if (b->oom)
        return false;
    d = rt__grow(b->data, &b->cap, b->len + extra + 1, 1);
    if (!d) {
        b->oom = true;
        return false;
    }
    b->data = d;
    return true;
}

void rt_buf__printf(rt_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void rt_buf__puts(rt_buf *b, const char *s)
{
    rt_buf__add(b, s, strlen(s));
}

void rt_buf__add(rt_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

char *rt_buf__detach(rt_buf *b)
{
    char *d = b->oom ? NULL : b->data;

    if (!d && !b->oom)
        d = rt__strndup("", 0);
    if (b->oom)
        rt__free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = false;
    return d;
}

void rt_buf__free(rt_buf *b)
{
    rt__free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
