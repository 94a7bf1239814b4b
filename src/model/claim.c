/*
 * When a claim holds: from its date until its end, and with what status.
 * A claim marked superseded, denied or cancelled without an `until` held,
 * as reported, until the next later-dated claim on its relationship.
 */
#include <stdlib.h>

#include "model/dataset_impl.h"
#include "model/model.h"
#include "util/alloc.h"

/* Known by `as_of` (year set): its whole period ends by the last day of
 * as_of, so a claim dated 2025 is not known as of 2025-06. */
static bool known_by(const rt_claim *c, const rt_date *as_of)
{
    rt_date last, limit;

    if (c->date.year == 0)
        return false;
    last = rt_date__last_day(c->date);
    limit = rt_date__last_day(*as_of);
    return rt_date_compare(&last, &limit) <= 0;
}

/* Still held on the last day of as_of: before the first day of its end. */
static bool before_end(const rt_claim *c, const rt_date *as_of)
{
    rt_date end, limit;

    if (c->held_until.year == 0)
        return true;
    if (!as_of || as_of->year == 0)
        return false;
    end = rt_date__first_day(c->held_until);
    limit = rt_date__last_day(*as_of);
    return rt_date_compare(&limit, &end) < 0;
}

bool rt_claim_holds(const rt_claim *c, const rt_date *as_of)
{
    if (!rt_status_carries_money(c->held))
        return false;
    if (as_of && as_of->year && !known_by(c, as_of))
        return false;
    return before_end(c, as_of);
}

rt_status rt_claim_status_as_of(const rt_claim *c, const rt_date *as_of)
{
    if (as_of && as_of->year && !known_by(c, as_of))
        return RT_STATUS_COUNT;
    if (rt_claim_holds(c, as_of))
        return c->held;
    return rt_status_carries_money(c->status) ? RT_STATUS_SUPERSEDED : c->status;
}

static int by_date(const void *pa, const void *pb)
{
    return rt_date_compare(pa, pb);
}

/* The first of n ascending dates that is later than d, or NULL. */
static const rt_date *next_later(const rt_date *dates, size_t n, const rt_date *d)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rt_date_compare(&dates[mid], d) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n ? &dates[lo] : NULL;
}

void rt_dataset__hold_claims(rt_dataset *ds, rt_date *scratch)
{
    for (size_t r = 0; r < ds->relationship_count; r++) {
        const rt_relationship *rel = &ds->relationships[r];
        rt_claim *claims = ds->claims + rel->first_claim;
        size_t n = rel->claim_count, dated = 0;
        bool replaced = false;

        for (size_t k = 0; k < n; k++) {
            rt_claim *c = &claims[k];
            c->held = c->status;
            c->held_until = c->until;
            if (rt_status_carries_money(c->status) || c->date.year == 0)
                continue;
            if (c->until.year)
                c->held = RT_STATUS_REPORTED;
            else
                replaced = true;
        }
        if (!replaced)
            continue;
        /* Each replaced claim ends at the next later date on its
         * relationship: sorted once, then a binary search per claim. */
        for (size_t k = 0; k < n; k++)
            if (claims[k].date.year)
                scratch[dated++] = claims[k].date;
        qsort(scratch, dated, sizeof(*scratch), by_date);
        for (size_t k = 0; k < n; k++) {
            rt_claim *c = &claims[k];
            const rt_date *next;
            if (rt_status_carries_money(c->status) || c->date.year == 0 || c->until.year)
                continue;
            next = next_later(scratch, dated, &c->date);
            if (next) {
                c->held = RT_STATUS_REPORTED;
                c->held_until = *next;
            }
        }
    }
}
