/* The dataset: entities, relationships and claims, and lookups by name. */
#include "model/dataset_impl.h"
#include "model/model.h"

#include <string.h>

#include "roundtrip/error.h"
#include "util/alloc.h"

rt_dataset *rt_dataset__new(void)
{
    return rt__calloc(1, sizeof(rt_dataset));
}

void rt_dataset_free(rt_dataset *ds)
{
    if (!ds)
        return;
    rt_strmap__destroy(&ds->names);
    rt_strtab__destroy(&ds->strings);
    rt__free(ds->entities);
    rt__free(ds->relationships);
    rt__free(ds->claims);
    rt__free(ds);
}

static char fold(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

const char *rt_dataset__fold(rt_dataset *ds, const char *s, size_t n)
{
    char small[256] = {0};
    char *buf = n < sizeof(small) ? small : rt__malloc(n + 1);
    const char *r;

    if (!buf)
        return NULL;
    for (size_t i = 0; i < n; i++)
        buf[i] = fold(s[i]);
    r = rt_strtab__intern(&ds->strings, buf, n);
    if (buf != small)
        rt__free(buf);
    return r;
}

const char *rt_dataset__fold_copy(rt_dataset *ds, const char *s, size_t n)
{
    size_t i = 0;
    char *copy;

    while (i < n && fold(s[i]) == s[i])
        i++;
    if (i == n)
        return s;
    copy = rt_arena__strndup(&ds->strings.arena, s, n);
    if (copy)
        for (; i < n; i++)
            copy[i] = fold(copy[i]);
    return copy;
}

int rt_dataset__lookup(const rt_dataset *ds, const char *s, size_t n, size_t *idx)
{
    char small[256] = {0};
    char *buf = n < sizeof(small) ? small : rt__malloc(n + 1);
    int found;

    if (!buf)
        return RT_ENOMEM;
    for (size_t i = 0; i < n; i++)
        buf[i] = fold(s[i]);
    found = rt_strmap__get(&ds->names, buf, n, idx);
    if (buf != small)
        rt__free(buf);
    return found ? 0 : 1;
}

size_t rt_dataset_find(const rt_dataset *ds, const char *name)
{
    size_t idx;

    return rt_dataset__lookup(ds, name, strlen(name), &idx) == 0 ? idx : RT_NONE;
}

void rt_dataset__figures(const rt_claim *claims, const size_t *idx, size_t first, size_t n,
                         const rt_date *as_of, rt_amount *amount, rt_status *status,
                         bool *conflicting)
{
    const rt_claim *other = NULL;

    *status = RT_STATUS_CANCELLED;
    amount->unit = RT_AMOUNT_UNKNOWN;
    amount->low = amount->high = 0;
    amount->text = NULL;
    *conflicting = false;
    for (size_t k = 0; k < n; k++) {
        const rt_claim *c = &claims[idx ? idx[k] : first + k];
        rt_status st = rt_claim_status_as_of(c, as_of);
        if (st == RT_STATUS_COUNT)
            continue;
        if (st < *status)
            *status = st;
        if (!rt_claim_holds(c, as_of))
            continue;
        if (c->amount.unit == RT_AMOUNT_USD) {
            if (amount->unit != RT_AMOUNT_USD) {
                *amount = c->amount;
                continue;
            }
            if (c->amount.low != amount->low || c->amount.high != amount->high)
                *conflicting = true;
            if (c->amount.low < amount->low)
                amount->low = c->amount.low;
            if (c->amount.high > amount->high)
                amount->high = c->amount.high;
        } else if (c->amount.unit == RT_AMOUNT_OTHER && !other) {
            other = c;
        }
    }
    if (amount->unit == RT_AMOUNT_USD)
        amount->text = NULL; /* a span of claims, written by no one */
    else if (other)
        *amount = other->amount;
}

int rt_dataset__group_claims(rt_dataset *ds)
{
    size_t nr = ds->relationship_count, nc = ds->claim_count;
    rt_claim *claims = ds->claims;
    size_t *dest = NULL;
    rt_date *scratch = rt__malloc((nc + 1) * sizeof(*scratch));
    bool grouped = true;

    if (!scratch)
        return RT_ENOMEM;

    for (size_t r = 0; r < nr; r++)
        ds->relationships[r].claim_count = 0;
    for (size_t i = 0; i < nc; i++) {
        ds->relationships[claims[i].relationship].claim_count++;
        if (i > 0 && claims[i].relationship < claims[i - 1].relationship)
            grouped = false;
    }
    for (size_t r = 0, at = 0; r < nr; r++) {
        ds->relationships[r].first_claim = at;
        at += ds->relationships[r].claim_count;
    }
    /* Relationships are numbered in order of their first claim, so claims
     * already in order of relationship are already where the sort puts them;
     * else move each claim to its place, in place, one cycle of the
     * permutation at a time (a word per claim rather than a second array of
     * claims). */
    if (!grouped) {
        dest = rt__malloc(nc * sizeof(*dest));
        if (!dest) {
            rt__free(scratch);
            return RT_ENOMEM;
        }
        /* claim_count counts again, as each claim takes the next place. */
        for (size_t r = 0; r < nr; r++)
            ds->relationships[r].claim_count = 0;
        for (size_t i = 0; i < nc; i++) {
            rt_relationship *rel = &ds->relationships[claims[i].relationship];
            dest[i] = rel->first_claim + rel->claim_count++;
        }
        for (size_t i = 0; i < nc; i++) {
            while (dest[i] != i) {
                size_t j = dest[i];
                rt_claim c = claims[j];
                size_t d = dest[j];
                claims[j] = claims[i];
                dest[j] = j;
                claims[i] = c;
                dest[i] = d;
            }
        }
        rt__free(dest);
    }
    rt_dataset__hold_claims(ds, scratch);
    rt__free(scratch);
    for (size_t r = 0; r < nr; r++) {
        rt_relationship *rel = &ds->relationships[r];
        rt_dataset__figures(ds->claims, NULL, rel->first_claim, rel->claim_count, NULL,
                            &rel->amount, &rel->status, &rel->conflicting);
    }
    return RT_OK;
}

const char *rt_dataset_entities_file(const rt_dataset *ds)
{
    return ds->entities_file;
}

const char *rt_dataset_relationships_file(const rt_dataset *ds)
{
    return ds->relationships_file;
}

size_t rt_dataset_entity_count(const rt_dataset *ds)
{
    return ds->entity_count;
}

const rt_entity *rt_dataset_entity(const rt_dataset *ds, size_t i)
{
    return i < ds->entity_count ? &ds->entities[i] : NULL;
}

size_t rt_dataset_relationship_count(const rt_dataset *ds)
{
    return ds->relationship_count;
}

const rt_relationship *rt_dataset_relationship(const rt_dataset *ds, size_t i)
{
    return i < ds->relationship_count ? &ds->relationships[i] : NULL;
}

size_t rt_dataset_claim_count(const rt_dataset *ds)
{
    return ds->claim_count;
}

const rt_claim *rt_dataset_claim(const rt_dataset *ds, size_t i)
{
    return i < ds->claim_count ? &ds->claims[i] : NULL;
}

rt_date rt_dataset__latest_claim(const rt_dataset *ds)
{
    rt_date latest = {0, 0, 0};

    for (size_t i = 0; i < rt_dataset_claim_count(ds); i++) {
        const rt_date *d = &rt_dataset_claim(ds, i)->date;
        if (rt_date_compare(d, &latest) > 0)
            latest = *d;
    }
    return latest;
}
