/* The dataset's storage, shared by the model and the loader. */
#ifndef RT_MODEL_DATASET_IMPL_H
#define RT_MODEL_DATASET_IMPL_H

#include "roundtrip/dataset.h"
#include "util/strtab.h"

struct rt_dataset {
    rt_strtab strings; /* every string from the input, interned */
    const char *entities_file;
    const char *relationships_file;

    rt_entity *entities;
    size_t entity_count, entity_cap;
    rt_relationship *relationships;
    size_t relationship_count, relationship_cap;
    rt_claim *claims;
    size_t claim_count, claim_cap;

    /* ASCII-folded name or alias -> entity index; keys live in `strings`. */
    rt_strmap names;
};

/* Allocate an empty dataset, or NULL. */
rt_dataset *rt_dataset__new(void);

/* The ASCII case-folded, interned form of s[0..n) (a key for `names` that
 * lives as long as the dataset), or NULL when out of memory. */
const char *rt_dataset__fold(rt_dataset *ds, const char *s, size_t n);

/* The same for a string that is new and lives in the dataset's arena: s
 * itself when folding leaves it unchanged, else a folded copy (not
 * interned), or NULL when out of memory. */
const char *rt_dataset__fold_copy(rt_dataset *ds, const char *s, size_t n);

/* Find a name or alias in any ASCII case without storing anything: 0 and
 * *idx when found, 1 when not, RT_ENOMEM (names over 255 bytes need a
 * temporary buffer). */
int rt_dataset__lookup(const rt_dataset *ds, const char *s, size_t n, size_t *idx);

/*
 * Once every claim is read: order the claims so each relationship's are
 * contiguous, in file order (a stable counting sort), work out when each
 * held (rt_dataset__hold_claims), and set each relationship's figures as
 * they stand after every date (rt_dataset__figures). O(claims log claims).
 * Returns 0 or RT_ENOMEM (the dataset is then unchanged).
 */
int rt_dataset__group_claims(rt_dataset *ds);

/*
 * Set every grouped claim's `held` and `held_until` from its status, date
 * and `until` (see rt_claim). `scratch` holds as many dates as the largest
 * relationship has claims. O(claims log claims).
 */
void rt_dataset__hold_claims(rt_dataset *ds, rt_date *scratch);

/*
 * The figures of a set of claims as of `as_of` (NULL: after every date):
 * claims[idx[k]] for k < n, or claims[first + k] when idx is NULL. amount
 * spans the USD amounts of the claims that hold (or is the first such
 * claim's amount in another unit), status is the strongest any claim had
 * by then (rt_claim_status_as_of()), conflicting tells whether the USD
 * amounts differ.
 */
void rt_dataset__figures(const rt_claim *claims, const size_t *idx, size_t first, size_t n,
                         const rt_date *as_of, rt_amount *amount, rt_status *status,
                         bool *conflicting);

#endif
