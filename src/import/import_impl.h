/*
 * What the importers share: a dataset built row by row (entities found by
 * name, claims in the order they will be written), then written as our two
 * CSV files. ftm.c and graphml.c read their formats into it.
 */
#ifndef RT_IMPORT_IMPORT_IMPL_H
#define RT_IMPORT_IMPORT_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "roundtrip/import.h"
#include "util/diag.h"
#include "util/strtab.h"

/* The columns written, in this order. */
enum {
    RT_E_NAME,
    RT_E_KIND,
    RT_E_PARENT,
    RT_E_ALIASES,
    RT_E_COUNTRY,
    RT_E_URL,
    RT_E_NOTE,
    RT_E_COLS
};
enum {
    RT_C_FROM,
    RT_C_TO,
    RT_C_KIND,
    RT_C_AMOUNT,
    RT_C_STATUS,
    RT_C_DATE,
    RT_C_END_DATE,
    RT_C_UNTIL,
    RT_C_SOURCE,
    RT_C_URL,
    RT_C_DEAL,
    RT_C_NOTE,
    RT_C_COLS
};

typedef struct rt_import_row {
    const char *f[RT_C_COLS]; /* in the builder's arena; NULL: empty */
    double order;             /* claims are written by order, then as added */
    size_t seq;
} rt_import_row;

typedef struct rt_import_builder {
    rt_arena arena;
    rt_import_row *entities, *claims;
    size_t nent, capent, nclaim, capclaim;
    rt_strmap names; /* case-folded entity name -> index */
    size_t skipped;
    bool oom;
    rt_diags *diags;
    const char *file; /* the input as messages name it */
} rt_import_builder;

/* A copy of s[0..n) in the builder's arena (NULL when out of memory). */
const char *rt_import__copy(rt_import_builder *b, const char *s, size_t n);

/* The entity named `name`, added when new (names that differ only in case
 * are one entity): its index, or RT_NONE when out of memory. */
size_t rt_import__entity(rt_import_builder *b, const char *name);

/* The entity named `name` (in any case), or RT_NONE. */
size_t rt_import__find(rt_import_builder *b, const char *name);

/* A new claim row, all empty, to be written at `order`; NULL when out of memory. */
rt_import_row *rt_import__claim(rt_import_builder *b, double order);

/* A record left out: a warning at its line, counted. */
void rt_import__skip(rt_import_builder *b, int line, const char *fmt, ...) RT_PRINTF(3, 4);

/* A part of a record left out (the record stays): a warning at its line. */
void rt_import__warn(rt_import_builder *b, int line, const char *fmt, ...) RT_PRINTF(3, 4);

/* Copy every field of every row into the builder's arena, so that rows may
 * point into the reader's own memory until it is freed. */
void rt_import__own(rt_import_builder *b);

/* Whether `text` reads as our amount, date, status, relationship kind or
 * entity kind. */
bool rt_import__amount_ok(const char *text);
bool rt_import__date_ok(const char *text);
bool rt_import__status_ok(const char *text);
bool rt_import__rel_kind_ok(const char *text);
bool rt_import__entity_kind_ok(const char *text);

/* The readers: fill `b` from the input; RT_OK, RT_EDATA (with an error in
 * b->diags), RT_EINVAL (a bad map) or RT_ENOMEM. */
int rt_import__ftm(rt_import_builder *b, const char *data, size_t len);
int rt_import__graphml(rt_import_builder *b, const char *data, size_t len, const char *map);

#endif
