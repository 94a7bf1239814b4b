/* Private helpers of the model: name lookups and did-you-mean suggestions. */
#ifndef RT_MODEL_MODEL_H
#define RT_MODEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "roundtrip/dataset.h"
#include "roundtrip/model.h"
#include "util/text.h"

/* The latest date a claim of the dataset bears (year 0 when none is dated). */
rt_date rt_dataset__latest_claim(const rt_dataset *ds);

/* Case-insensitive lookups of the CSV spellings; 0 when found, -1 when not. */
int rt_entity_kind__lookup(const char *s, size_t n, rt_entity_kind *out);
int rt_rel_kind__lookup(const char *s, size_t n, rt_rel_kind *out);
int rt_status__lookup(const char *s, size_t n, rt_status *out);

/* The closest CSV spelling to a wrong one, or NULL: by edit distance, and
 * for relationship kinds and statuses also by common synonyms ("investment"
 * suggests "equity"). */
const char *rt_entity_kind__suggest(const char *s, size_t n);
const char *rt_rel_kind__suggest(const char *s, size_t n);
const char *rt_status__suggest(const char *s, size_t n);

/*
 * Did-you-mean: offer candidates one by one; the closest within a distance
 * that grows with the word's length wins, the first offered on ties.
 * Distance is optimal string alignment (Damerau-Levenshtein without
 * substring moves), ignoring ASCII case.
 */
typedef struct rt_suggest {
    const char *word;
    size_t len;
    size_t limit;
    size_t best_dist;
    const char *best;
} rt_suggest;

void rt_suggest__init(rt_suggest *sg, const char *word, size_t len);
void rt_suggest__offer(rt_suggest *sg, const char *candidate);
/* Edit distance between a and b, or limit + 1 when it exceeds limit. */
size_t rt_suggest__distance(const char *a, size_t an, const char *b, size_t bn, size_t limit);

/* The first and last day a date can mean: "2025" runs from 2025-01-01 to
 * 2025-12-31, "2024-02" to 2024-02-29. */
rt_date rt_date__first_day(rt_date d);
rt_date rt_date__last_day(rt_date d);

#endif
