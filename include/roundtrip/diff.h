/*
 * roundtrip: what changed between two versions of a dataset (or one
 * dataset at two dates): loops that appeared, disappeared or changed status
 * or amount, and relationships added, removed or changed.
 */
#ifndef ROUNDTRIP_DIFF_H
#define ROUNDTRIP_DIFF_H

#include "loops.h"

RT_BEGIN_DECLS

typedef enum rt_change {
    RT_CHANGE_ADDED = 0,
    RT_CHANGE_REMOVED,
    RT_CHANGE_CHANGED,
} rt_change;

/* A loop in one or both versions: old and new are NULL where it is absent. */
typedef struct rt_loop_diff {
    rt_change change;
    const rt_loop *old_loop;
    const rt_loop *new_loop;
} rt_loop_diff;

/* A relationship (kept by the filters) in one or both versions: indexes
 * into each version's dataset, RT_NONE where it is absent. */
typedef struct rt_relationship_diff {
    rt_change change;
    size_t old_relationship;
    size_t new_relationship;
} rt_relationship_diff;

typedef struct rt_diff rt_diff;

/*
 * Compare the loops (and the relationships of their graphs) of two
 * versions. Loops match by their members' names, relationships by the
 * names of their ends and their kind, so the order of rows does not
 * matter. A loop changed when its weakest status or circulating amount
 * did; a relationship when its status or amount did. Both inputs must
 * outlive the result. Returns 0 and *out (free with rt_diff_free()),
 * RT_EINVAL or RT_ENOMEM.
 */
RT_EXPORT int rt_diff_compute(rt_diff **out, const rt_loops *old_loops, const rt_loops *new_loops);
RT_EXPORT void rt_diff_free(rt_diff *d);

RT_EXPORT size_t rt_diff_loop_count(const rt_diff *d);
RT_EXPORT const rt_loop_diff *rt_diff_loop(const rt_diff *d, size_t i);
RT_EXPORT size_t rt_diff_relationship_count(const rt_diff *d);
RT_EXPORT const rt_relationship_diff *rt_diff_relationship(const rt_diff *d, size_t i);
RT_EXPORT const rt_loops *rt_diff_old(const rt_diff *d);
RT_EXPORT const rt_loops *rt_diff_new(const rt_diff *d);

RT_END_DECLS

#endif
