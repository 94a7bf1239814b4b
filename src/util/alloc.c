/* Allocation wrappers with a countdown that makes one allocation fail. */
#include "util/alloc.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Atomic: the cycle count allocates on several threads. */
static atomic_long fail_countdown;
static atomic_int fail_happened;

static int should_fail(void)
{
    if (atomic_load(&fail_countdown) <= 0)
        return 0;
    if (atomic_fetch_sub(&fail_countdown, 1) == 1) {
        atomic_store(&fail_happened, 1);
        return 1;
    }
    return 0;
}

void rt__alloc_fail_after(long n)
{
    /* Turning the hook off keeps the record of whether it fired. */
    fail_countdown = n;
    if (n > 0)
        fail_happened = 0;
}

int rt__alloc_failed(void)
{
    return fail_happened;
}

void *rt__malloc(size_t n)
{
    return should_fail() ? NULL : malloc(n ? n : 1);
}

void *rt__calloc(size_t count, size_t size)
{
    return should_fail() ? NULL : calloc(count ? count : 1, size ? size : 1);
}

void *rt__realloc(void *p, size_t n)
{
    return should_fail() ? NULL : realloc(p, n ? n : 1);
}

void *rt__grow(void *p, size_t *cap, size_t need, size_t elem)
{
    size_t c = *cap ? *cap : 8;
    void *q;

    if (need <= *cap)
        return p;
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return NULL;
        c *= 2;
    }
    if (c > SIZE_MAX / elem)
        return NULL;
    q = rt__realloc(p, c * elem);
    if (q)
        *cap = c;
    return q;
}

char *rt__strndup(const char *s, size_t n)
{
    char *d = rt__malloc(n + 1);

    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

void rt__free(void *p)
{
    free(p);
}
