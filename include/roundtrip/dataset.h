/*
 * roundtrip: a dataset of entities and the claims made about the money
 * between them, loaded from CSV files and validated.
 */
#ifndef ROUNDTRIP_DATASET_H
#define ROUNDTRIP_DATASET_H

#include "error.h"
#include "model.h"

RT_BEGIN_DECLS

/* An investor, lab, cloud provider, chip vendor, fund or data-center builder. */
typedef struct rt_entity {
    const char *name;
    unsigned kinds;             /* rt_entity_kind bits; 0 when unknown */
    unsigned primary_kind;      /* the first kind listed (how it is drawn); 0 if none */
    size_t parent;              /* index of the parent entity, or RT_NONE */
    size_t root;                /* ultimate parent (itself when it has none) */
    const char *const *aliases; /* other names, alias_count of them */
    size_t alias_count;
    const char *country; /* NULL when not given, as are url and note */
    const char *url;
    const char *note;
    int line; /* line in the entities file; 0 when implied by a relationship */
} rt_entity;

/*
 * One row of the relationships file: what one source says. A claim holds
 * from its date until its `until`: as of a date D, when it is dated on or
 * before D and D is before its end. While it holds its status is `held`.
 * A superseded, denied or cancelled claim without an `until` held, as
 * reported, until the date of the next later-dated claim on its
 * relationship (with none, it never held).
 */
typedef struct rt_claim {
    size_t relationship; /* index of the relationship it belongs to */
    rt_amount amount;
    rt_status status; /* as written */
    rt_date date;
    rt_date end_date;   /* the contract's term, as written */
    rt_date until;      /* from when it no longer holds, as written; year 0 if not given */
    rt_status held;     /* its status while it held: `status`, or reported for a claim
                           superseded, denied or cancelled after it held; a status that
                           carries no money when it never held */
    rt_date held_until; /* from when it no longer holds (`until`, or the next claim's
                           date for one replaced); year 0 while it still holds */
    const char *source; /* NULL when not given, as are url, deal and note */
    const char *url;
    const char *deal;
    const char *note;
    int line; /* line in the relationships file */
} rt_claim;

/*
 * Every claim about one (from, to, kind). Its claims are contiguous, in file
 * order: claim indexes first_claim .. first_claim + claim_count - 1.
 */
typedef struct rt_relationship {
    size_t from; /* entity indexes */
    size_t to;
    rt_rel_kind kind;
    rt_amount amount; /* USD range spanned by the claims that carry money;
                         when none has a USD amount, the first amount in
                         another unit ("6 GW"), else RT_AMOUNT_UNKNOWN */
    rt_status status; /* the strongest claim's status */
    bool conflicting; /* claims that carry money disagree on the amount */
    size_t first_claim;
    size_t claim_count;
} rt_relationship;

/* A loaded dataset. Opaque; every pointer it hands out lives until it is freed. */
typedef struct rt_dataset rt_dataset;

/* An in-memory CSV file: `name` is used in diagnostics. */
typedef struct rt_source {
    const char *name;
    const char *data;
    size_t len;
} rt_source;

/*
 * Load a dataset from `path`: a directory holding entities.csv and
 * relationships.csv, or a relationships file alone (then every name is an
 * entity of unknown kind). Every problem found is added to `diags` (errors
 * and warnings, in file order).
 * Returns 0 and the dataset in *out (free with rt_dataset_free());
 * RT_ENOTFOUND when the path or a file in it does not exist; RT_EIO when a
 * file cannot be read; RT_EDATA when the input has errors; RT_ENOMEM.
 * On error *out is NULL.
 */
RT_EXPORT int rt_dataset_load(rt_dataset **out, const char *path, rt_diags *diags);

/*
 * Load a dataset from CSV text in memory. `entities` may be NULL (names are
 * then implied). Same results as rt_dataset_load(). The sources are copied:
 * the caller may free them once this returns.
 */
RT_EXPORT int rt_dataset_load_sources(rt_dataset **out, const rt_source *entities,
                                      const rt_source *relationships, rt_diags *diags);

/* Free a dataset. Accepts NULL. */
RT_EXPORT void rt_dataset_free(rt_dataset *ds);

/* File names as given to the loader (entities is NULL for a bare file). */
RT_EXPORT const char *rt_dataset_entities_file(const rt_dataset *ds);
RT_EXPORT const char *rt_dataset_relationships_file(const rt_dataset *ds);

/* Entities in file order (implied ones after, in order of first use). */
RT_EXPORT size_t rt_dataset_entity_count(const rt_dataset *ds);
RT_EXPORT const rt_entity *rt_dataset_entity(const rt_dataset *ds, size_t i);

/* Relationships in order of their first claim in the file. */
RT_EXPORT size_t rt_dataset_relationship_count(const rt_dataset *ds);
RT_EXPORT const rt_relationship *rt_dataset_relationship(const rt_dataset *ds, size_t i);

/* Claims grouped by relationship, each group in file order. */
RT_EXPORT size_t rt_dataset_claim_count(const rt_dataset *ds);
RT_EXPORT const rt_claim *rt_dataset_claim(const rt_dataset *ds, size_t i);

/*
 * Whether claim c holds as of `as_of`: dated on or before it (its whole
 * period: "2025" is not known as of 2025-06) and before the first day of
 * its end. NULL or year 0 means after every date: then a claim holds when
 * nothing ended it, dated or not; with a date, an undated claim never holds.
 */
RT_EXPORT bool rt_claim_holds(const rt_claim *c, const rt_date *as_of);

/*
 * The status claim c had as of `as_of` (NULL or year 0: after every date):
 * `held` while it holds; once it ended, or for one that never held, its
 * status as written when that carries no money, else superseded. The
 * status of a claim not yet made by then is RT_STATUS_COUNT.
 */
RT_EXPORT rt_status rt_claim_status_as_of(const rt_claim *c, const rt_date *as_of);

/*
 * Find an entity by name or alias, ignoring ASCII case. Returns its index,
 * or RT_NONE. Time complexity: O(length of name).
 */
RT_EXPORT size_t rt_dataset_find(const rt_dataset *ds, const char *name);

RT_END_DECLS

#endif
