/* The diagnostics list: messages with their place in the input. */
#include "util/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/strtab.h"

typedef struct entry {
    rt_diag diag;
    size_t seq;
} entry;

struct rt_diags {
    entry *items;
    size_t count;
    size_t cap;
    size_t errors;
    bool oom;
    rt_strtab strings; /* file names and messages */
};

int rt_diags_new(rt_diags **out)
{
    *out = rt__calloc(1, sizeof(**out));
    return *out ? RT_OK : RT_ENOMEM;
}

void rt_diags_free(rt_diags *d)
{
    if (!d)
        return;
    rt_strtab__destroy(&d->strings);
    rt__free(d->items);
    rt__free(d);
}

size_t rt_diags_count(const rt_diags *d)
{
    return d->count;
}

size_t rt_diags_error_count(const rt_diags *d)
{
    return d->errors;
}

const rt_diag *rt_diags_get(const rt_diags *d, size_t i)
{
    return i < d->count ? &d->items[i].diag : NULL;
}

bool rt_diags__oom(const rt_diags *d)
{
    return d->oom;
}

int rt_diags__addv(rt_diags *d, rt_severity sev, const char *file, int line, int col,
                   const char *fmt, va_list ap)
{
    char small[512];
    char *big = NULL;
    const char *msg = small;
    const char *fcopy = NULL;
    entry *items;
    va_list ap2;
    int n;

    /* Count errors even when the message cannot be stored, so a caller
     * never mistakes a failed load for a clean one. */
    if (sev == RT_SEVERITY_ERROR)
        d->errors++;
    va_copy(ap2, ap);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    if (n < 0) {
        va_end(ap2);
        goto oom;
    }
    if ((size_t)n >= sizeof(small)) {
        big = rt__malloc((size_t)n + 1);
        if (!big) {
            va_end(ap2);
            goto oom;
        }
        vsnprintf(big, (size_t)n + 1, fmt, ap2);
        msg = big;
    }
    va_end(ap2);
    msg = rt_strtab__intern(&d->strings, msg, (size_t)n);
    rt__free(big);
    if (!msg)
        goto oom;
    if (file && !(fcopy = rt_strtab__intern(&d->strings, file, strlen(file))))
        goto oom;
    items = rt__grow(d->items, &d->cap, d->count + 1, sizeof(*items));
    if (!items)
        goto oom;
    d->items = items;
    d->items[d->count] = (entry){{fcopy, line, col, sev, msg}, d->count};
    d->count++;
    return RT_OK;
oom:
    d->oom = true;
    return RT_ENOMEM;
}

int rt_diags__add(rt_diags *d, rt_severity sev, const char *file, int line, int col,
                  const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = rt_diags__addv(d, sev, file, line, col, fmt, ap);
    va_end(ap);
    return rc;
}

static int by_place(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;

    if (a->diag.line != b->diag.line)
        return a->diag.line < b->diag.line ? -1 : 1;
    if (a->diag.col != b->diag.col)
        return a->diag.col < b->diag.col ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void rt_diags__sort_from(rt_diags *d, size_t from)
{
    if (from < d->count)
        qsort(d->items + from, d->count - from, sizeof(*d->items), by_place);
}
