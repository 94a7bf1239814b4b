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
rt_dataset *rt__dataset_new(void);

/* The ASCII case-folded, interned form of s[0..n), or NULL when out of memory. */
const char *rt__dataset_fold(rt_dataset *ds, const char *s, size_t n);

#endif
