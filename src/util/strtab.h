/*
 * Strings from the input are stored once: an arena that hands out memory
 * freed all at once, a hash map from byte strings to indexes, and an intern
 * table built from both.
 */
#ifndef RT_UTIL_STRTAB_H
#define RT_UTIL_STRTAB_H

#include <stddef.h>
#include <stdint.h>

typedef struct rt_arena_block rt_arena_block;

typedef struct rt_arena {
    rt_arena_block *head;
} rt_arena;

#define RT_ARENA_INIT                                                                              \
    {                                                                                              \
        NULL                                                                                       \
    }

/* Memory for `n` bytes aligned for any scalar, or NULL. Lives until
 * rt_arena__destroy(). */
void *rt_arena__alloc(rt_arena *a, size_t n);
/* A NUL-terminated copy of s[0..n), or NULL. */
char *rt_arena__strndup(rt_arena *a, const char *s, size_t n);
void rt_arena__destroy(rt_arena *a);

typedef struct rt_strmap_slot {
    const char *key; /* NULL when the slot is empty; memory owned by the caller */
    size_t len;
    uint64_t hash;
    size_t value;
} rt_strmap_slot;

/* Open addressing with linear probing; grows at 1/2 load. */
typedef struct rt_strmap {
    rt_strmap_slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t count;
} rt_strmap;

#define RT_STRMAP_INIT                                                                             \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

uint64_t rt_strmap__hash(const void *key, size_t len);

/* Look up a key: returns 1 and sets *value when found, else 0. */
int rt_strmap__get(const rt_strmap *m, const char *key, size_t len, size_t *value);

/*
 * Insert key -> value unless the key is there. The key's memory must outlive
 * the map. Returns 0 when inserted, 1 when the key was there (its value is
 * put in *existing when not NULL, and the map is unchanged), RT_ENOMEM.
 */
int rt_strmap__put(rt_strmap *m, const char *key, size_t len, size_t value, size_t *existing);

void rt_strmap__destroy(rt_strmap *m);

/* An intern table: equal strings get the same pointer. */
typedef struct rt_strtab {
    rt_arena arena;
    rt_strmap map;
} rt_strtab;

#define RT_STRTAB_INIT                                                                             \
    {                                                                                              \
        RT_ARENA_INIT, RT_STRMAP_INIT                                                              \
    }

/* The interned copy of s[0..n) (NUL-terminated), or NULL when out of memory. */
const char *rt_strtab__intern(rt_strtab *t, const char *s, size_t n);
void rt_strtab__destroy(rt_strtab *t);

#endif
