/*
 * Comparing two versions: loops keyed by their members' names (rotated to
 * the smallest name, so the key does not depend on where a cycle starts or
 * on row order), relationships by "from\x1fto\x1fkind". O((L + R) log(L + R)).
 */
#include "roundtrip/diff.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"

struct rt_diff {
    const rt_loops *old_loops, *new_loops;
    rt_loop_diff *loops;
    size_t loop_count;
    rt_relationship_diff *rels;
    size_t rel_count;
};

typedef struct keyed {
    char *key;
    size_t index;
    int side; /* 0 old, 1 new */
} keyed;

static const char *vertex_name(const rt_graph *g, size_t v)
{
    return rt_dataset_entity(rt_graph_dataset(g), rt_graph_vertex_entity(g, v))->name;
}

static char *loop_key(const rt_graph *g, const rt_loop *l)
{
    rt_buf b = RT_BUF_INIT;
    size_t start = 0;

    for (size_t i = 1; i < l->length; i++)
        if (strcmp(vertex_name(g, l->vertices[i]), vertex_name(g, l->vertices[start])) < 0)
            start = i;
    for (size_t i = 0; i < l->length; i++)
        rt_buf__printf(&b, "%s\x1f", vertex_name(g, l->vertices[(start + i) % l->length]));
    return rt_buf__detach(&b);
}

static char *relationship_key(const rt_dataset *ds, size_t r)
{
    const rt_relationship *rel = rt_dataset_relationship(ds, r);
    rt_buf b = RT_BUF_INIT;

    rt_buf__printf(&b, "%s\x1f%s\x1f%s", rt_dataset_entity(ds, rel->from)->name,
                   rt_dataset_entity(ds, rel->to)->name, rt_rel_kind_name(rel->kind));
    return rt_buf__detach(&b);
}

static int by_key(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    int c = strcmp(a->key, b->key);

    return c ? c : a->side - b->side;
}

static bool same_amount(const rt_amount *a, const rt_amount *b)
{
    if (a->unit != b->unit)
        return false;
    if (a->unit == RT_AMOUNT_USD)
        return a->low == b->low && a->high == b->high;
    if (a->unit == RT_AMOUNT_OTHER)
        return strcmp(a->text ? a->text : "", b->text ? b->text : "") == 0;
    return true;
}

/* Sort both sides' keys together; equal neighbours are one thing in both. */
typedef void (*pair_fn)(rt_diff *d, const keyed *old_item, const keyed *new_item);

static int pair(rt_diff *d, keyed *items, size_t n, pair_fn fn)
{
    qsort(items, n, sizeof(*items), by_key);
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && items[i].side == 0 && items[i + 1].side == 1 &&
            strcmp(items[i].key, items[i + 1].key) == 0) {
            fn(d, &items[i], &items[i + 1]);
            i++;
        } else {
            fn(d, items[i].side == 0 ? &items[i] : NULL, items[i].side == 1 ? &items[i] : NULL);
        }
    }
    return RT_OK;
}

static void pair_loops(rt_diff *d, const keyed *o, const keyed *n)
{
    const rt_loop *ol = o ? rt_loops_get(d->old_loops, o->index) : NULL;
    const rt_loop *nl = n ? rt_loops_get(d->new_loops, n->index) : NULL;
    rt_loop_diff *x = &d->loops[d->loop_count];

    if (ol && nl && ol->weakest == nl->weakest &&
        same_amount(&ol->figures.circulating, &nl->figures.circulating))
        return;
    x->change = !ol ? RT_CHANGE_ADDED : !nl ? RT_CHANGE_REMOVED : RT_CHANGE_CHANGED;
    x->old_loop = ol;
    x->new_loop = nl;
    d->loop_count++;
}

static void pair_relationships(rt_diff *d, const keyed *o, const keyed *n)
{
    const rt_graph *og = rt_loops_graph(d->old_loops), *ng = rt_loops_graph(d->new_loops);
    rt_relationship_diff *x = &d->rels[d->rel_count];

    if (o && n) {
        const rt_flow *of = rt_graph_flow(og, o->index), *nf = rt_graph_flow(ng, n->index);
        if (of->status == nf->status && same_amount(&of->amount, &nf->amount))
            return;
    }
    x->change = !o ? RT_CHANGE_ADDED : !n ? RT_CHANGE_REMOVED : RT_CHANGE_CHANGED;
    x->old_relationship = o ? o->index : RT_NONE;
    x->new_relationship = n ? n->index : RT_NONE;
    d->rel_count++;
}

static void free_keys(keyed *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rt__free(items[i].key);
    rt__free(items);
}

int rt_diff_compute(rt_diff **out, const rt_loops *old_loops, const rt_loops *new_loops)
{
    const rt_graph *og, *ng;
    const rt_dataset *ods, *nds;
    size_t nl, nr, k = 0;
    keyed *items = NULL;
    rt_diff *d;
    int rc = RT_ENOMEM;

    if (!out || !old_loops || !new_loops || rt_loops_options(old_loops)->count_only ||
        rt_loops_options(new_loops)->count_only)
        return RT_EINVAL;
    *out = NULL;
    og = rt_loops_graph(old_loops);
    ng = rt_loops_graph(new_loops);
    ods = rt_graph_dataset(og);
    nds = rt_graph_dataset(ng);
    nl = rt_loops_count(old_loops) + rt_loops_count(new_loops);
    nr = rt_dataset_relationship_count(ods) + rt_dataset_relationship_count(nds);
    d = rt__calloc(1, sizeof(*d));
    if (!d)
        return RT_ENOMEM;
    d->old_loops = old_loops;
    d->new_loops = new_loops;
    d->loops = rt__calloc(nl + 1, sizeof(*d->loops));
    d->rels = rt__calloc(nr + 1, sizeof(*d->rels));
    items = rt__calloc((nl > nr ? nl : nr) + 1, sizeof(*items));
    if (!d->loops || !d->rels || !items)
        goto out;

    for (int side = 0; side < 2; side++) {
        const rt_loops *ls = side ? new_loops : old_loops;
        for (size_t i = 0; i < rt_loops_count(ls); i++, k++) {
            items[k] = (keyed){loop_key(rt_loops_graph(ls), rt_loops_get(ls, i)), i, side};
            if (!items[k].key)
                goto out;
        }
    }
    pair(d, items, k, pair_loops);
    for (size_t i = 0; i < k; i++)
        rt__free(items[i].key);

    k = 0;
    for (int side = 0; side < 2; side++) {
        const rt_graph *g = side ? ng : og;
        const rt_dataset *ds = rt_graph_dataset(g);
        for (size_t r = 0; r < rt_dataset_relationship_count(ds); r++) {
            if (!rt_graph_flow(g, r)->kept)
                continue;
            items[k] = (keyed){relationship_key(ds, r), r, side};
            if (!items[k++].key)
                goto out;
        }
    }
    pair(d, items, k, pair_relationships);
    rc = RT_OK;
out:
    free_keys(items, k);
    if (rc < 0) {
        rt_diff_free(d);
        return rc;
    }
    *out = d;
    return RT_OK;
}

void rt_diff_free(rt_diff *d)
{
    if (!d)
        return;
    rt__free(d->loops);
    rt__free(d->rels);
    rt__free(d);
}

size_t rt_diff_loop_count(const rt_diff *d)
{
    return d->loop_count;
}

const rt_loop_diff *rt_diff_loop(const rt_diff *d, size_t i)
{
    return i < d->loop_count ? &d->loops[i] : NULL;
}

size_t rt_diff_relationship_count(const rt_diff *d)
{
    return d->rel_count;
}

const rt_relationship_diff *rt_diff_relationship(const rt_diff *d, size_t i)
{
    return i < d->rel_count ? &d->rels[i] : NULL;
}

const rt_loops *rt_diff_old(const rt_diff *d)
{
    return d->old_loops;
}

const rt_loops *rt_diff_new(const rt_diff *d)
{
    return d->new_loops;
}
