/* The dataset: entities, relationships and claims, and lookups by name. */
#include "model/dataset_impl.h"

#include <string.h>

#include "util/alloc.h"

rt_dataset *rt__dataset_new(void)
{
    return rt__calloc(1, sizeof(rt_dataset));
}

void rt_dataset_free(rt_dataset *ds)
{
    if (!ds)
        return;
    rt__strmap_destroy(&ds->names);
    rt__strtab_destroy(&ds->strings);
    rt__free(ds->entities);
    rt__free(ds->relationships);
    rt__free(ds->claims);
    rt__free(ds);
}

static char fold(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

const char *rt__dataset_fold(rt_dataset *ds, const char *s, size_t n)
{
    char small[256] = {0};
    char *buf = n < sizeof(small) ? small : rt__malloc(n + 1);
    const char *r;

    if (!buf)
        return NULL;
    for (size_t i = 0; i < n; i++)
        buf[i] = fold(s[i]);
    r = rt__strtab_intern(&ds->strings, buf, n);
    if (buf != small)
        rt__free(buf);
    return r;
}

size_t rt_dataset_find(const rt_dataset *ds, const char *name)
{
    char small[256] = {0};
    size_t n = strlen(name), idx = RT_NONE;
    char *buf = n < sizeof(small) ? small : rt__malloc(n + 1);

    if (!buf)
        return RT_NONE;
    for (size_t i = 0; i < n; i++)
        buf[i] = fold(name[i]);
    if (!rt__strmap_get(&ds->names, buf, n, &idx))
        idx = RT_NONE;
    if (buf != small)
        rt__free(buf);
    return idx;
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
