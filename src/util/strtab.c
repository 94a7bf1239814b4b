/* Arena, byte-string hash map and intern table. */
#include "util/strtab.h"

#include <stdalign.h>
#include <string.h>

#include "roundtrip/error.h"
#include "util/alloc.h"

struct rt_arena_block {
    rt_arena_block *next;
    size_t used;
    size_t size;
    alignas(max_align_t) unsigned char data[];
};

#define BLOCK_SIZE ((size_t)64 * 1024 - sizeof(rt_arena_block))

/* n bytes at a multiple of align (a power of two, at most that of
 * max_align_t) in a block's data, whose start is aligned for any scalar. */
static void *arena_alloc(rt_arena *a, size_t n, size_t align)
{
    rt_arena_block *b = a->head, *nb;
    size_t size;

    if (b) {
        size_t at = (b->used + align - 1) & ~(align - 1);
        if (at <= b->size && b->size - at >= n) {
            b->used = at + n;
            return b->data + at;
        }
    }
    /* Large requests get a block of their own behind the current one, so
     * the space left in the current block is not wasted. */
    size = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
    if (size > SIZE_MAX - sizeof(*nb))
        return NULL;
    nb = rt__malloc(sizeof(*nb) + size);
    if (!nb)
        return NULL;
    nb->used = n;
    nb->size = size;
    if (b && size != BLOCK_SIZE) {
        nb->next = b->next;
        b->next = nb;
    } else {
        nb->next = b;
        a->head = nb;
    }
    return nb->data;
}

void *rt_arena__alloc(rt_arena *a, size_t n)
{
    return arena_alloc(a, n, alignof(max_align_t));
}

char *rt_arena__strndup(rt_arena *a, const char *s, size_t n)
{
    char *d;

    if (n == SIZE_MAX)
        return NULL;
    /* Strings need no alignment: packed, a million short ones save some 8 MB. */
    d = arena_alloc(a, n + 1, 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

void rt_arena__destroy(rt_arena *a)
{
    rt_arena_block *b = a->head;

    while (b) {
        rt_arena_block *next = b->next;
        rt__free(b);
        b = next;
    }
    a->head = NULL;
}

/*
 * FNV-1a, 64 bit, then MurmurHash3's finalizer: FNV alone leaves the low
 * bits (the ones a power-of-two table uses) clustered for keys that differ
 * only in their last bytes ("Company 17", "Company 18") and for binary keys,
 * which made probe chains long. No seed is needed: output order never
 * depends on the table.
 */
uint64_t rt_strmap__hash(const void *key, size_t len)
{
    const unsigned char *p = key;
    uint64_t h = UINT64_C(14695981039346656037);

    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= UINT64_C(1099511628211);
    }
    h ^= h >> 33;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h *= UINT64_C(0xc4ceb9fe1a85ec53);
    h ^= h >> 33;
    return h;
}

static rt_strmap_slot *find_slot(rt_strmap_slot *slots, size_t cap, const char *key, size_t len,
                                 uint64_t hash)
{
    size_t mask = cap - 1;

    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        rt_strmap_slot *s = &slots[i];
        if (!s->key)
            return s;
        if (s->hash == hash && s->len == len && memcmp(s->key, key, len) == 0)
            return s;
    }
}

int rt_strmap__get(const rt_strmap *m, const char *key, size_t len, size_t *value)
{
    rt_strmap_slot *s;

    if (m->cap == 0)
        return 0;
    s = find_slot(m->slots, m->cap, key, len, rt_strmap__hash(key, len));
    if (!s->key)
        return 0;
    *value = s->value;
    return 1;
}

static int rehash(rt_strmap *m, size_t cap)
{
    rt_strmap_slot *slots = rt__calloc(cap, sizeof(*slots));

    if (!slots)
        return RT_ENOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        rt_strmap_slot *s = &m->slots[i];
        if (s->key)
            *find_slot(slots, cap, s->key, s->len, s->hash) = *s;
    }
    rt__free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return RT_OK;
}

int rt_strmap__put(rt_strmap *m, const char *key, size_t len, size_t value, size_t *existing)
{
    uint64_t hash = rt_strmap__hash(key, len);
    rt_strmap_slot *s;

    if ((m->count + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        if (cap < m->cap || rehash(m, cap) < 0)
            return RT_ENOMEM;
    }
    s = find_slot(m->slots, m->cap, key, len, hash);
    if (s->key) {
        if (existing)
            *existing = s->value;
        return 1;
    }
    s->key = key;
    s->len = len;
    s->hash = hash;
    s->value = value;
    m->count++;
    return 0;
}

void rt_strmap__destroy(rt_strmap *m)
{
    rt__free(m->slots);
    m->slots = NULL;
    m->cap = m->count = 0;
}

const char *rt_strtab__intern(rt_strtab *t, const char *s, size_t n)
{
    size_t idx;
    char *copy;
    int rc;

    /* The map's value is unused; the key pointer is the interned string. */
    if (t->map.cap) {
        rt_strmap_slot *slot = find_slot(t->map.slots, t->map.cap, s, n, rt_strmap__hash(s, n));
        if (slot->key)
            return slot->key;
    }
    copy = rt_arena__strndup(&t->arena, s, n);
    if (!copy)
        return NULL;
    rc = rt_strmap__put(&t->map, copy, n, 0, &idx);
    if (rc < 0)
        return NULL;
    return copy;
}

void rt_strtab__destroy(rt_strtab *t)
{
    rt_strmap__destroy(&t->map);
    rt_arena__destroy(&t->arena);
}
