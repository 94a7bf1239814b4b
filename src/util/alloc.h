/*
 * Allocation for the whole library, with a fault hook for tests: after
 * rt__alloc_fail_after(n), the n-th next allocation fails (libgit2's
 * failalloc, SQLite's faultsim), so every out-of-memory path can be tested.
 */
#ifndef RT_UTIL_ALLOC_H
#define RT_UTIL_ALLOC_H

#include <stddef.h>

#include "roundtrip/common.h"

void *rt__malloc(size_t n);
void *rt__calloc(size_t count, size_t size);
void *rt__realloc(void *p, size_t n);
/* Grow an array of `elem`-sized items to hold at least `need`; *cap is
 * updated. Returns the new block or NULL (the old one is then untouched). */
void *rt__grow(void *p, size_t *cap, size_t need, size_t elem);
char *rt__strndup(const char *s, size_t n);
void rt__free(void *p);

/* Make the n-th next allocation fail (1 = the next one); 0 turns it off.
 * Exported for the tests only. */
RT_EXPORT void rt__alloc_fail_after(long n);
/* Whether an injected failure has happened since the last call to
 * rt__alloc_fail_after() with n > 0. */
RT_EXPORT int rt__alloc_failed(void);

#endif
