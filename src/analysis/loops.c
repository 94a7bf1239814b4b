/*
 * Circular-financing loops: the elementary cycles that hold a stake hop and
 * another, spend hop, with their figures, ranked.
 */
#include "roundtrip/loops.h"

#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "graph/graph_impl.h"
#include "model/model.h"
#include "util/alloc.h"
#include "util/strtab.h"

struct rt_loops {
    const rt_graph *g;
    rt_loop_options opts;
    rt_loop *loops;
    size_t count, cap;
    size_t cycles_total;
    bool truncated;
    bool full;       /* stopped at the most loops kept */
    rt_arena arena;  /* vertex, arc and link arrays of the loops */
    size_t *members; /* scratch: vertex -> 1 when in the current cycle */
    /* The graph's links by the vertex they leave, as rows: positions in
     * rt_graph_links() of vertex v's at link_at[link_first[v] ..
     * link_first[v + 1] - 1], ascending; and a scratch of positions. */
    size_t *link_first, *link_at, *link_found;
};

/* Whether the cycle has a stake hop and a different spend hop. */
static bool is_loop(const rt_graph *g, const size_t *arcs, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (!(rt_graph_arc(g, arcs[i])->classes & (1u << RT_CLASS_STAKE)))
            continue;
        for (size_t j = 0; j < len; j++)
            if (j != i && (rt_graph_arc(g, arcs[j])->classes & (1u << RT_CLASS_SPEND)))
                return true;
    }
    return false;
}

/* The kept claims of a hop's flows, of one class (cls < 0: any) and of
 * status `tier` or firmer as of the graph's date, visited. */
typedef void (*claim_fn)(const rt_claim *c, void *payload);

static void each_claim(const rt_graph *g, const rt_arc *a, int cls, rt_status tier, claim_fn fn,
                       void *payload)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    const rt_date *as_of = &rt_graph_options_used(g)->filter.as_of;

    for (size_t k = 0; k < a->relationship_count; k++) {
        size_t r = a->relationships[k];
        const rt_flow *fl = rt_graph_flow(g, r);
        if (cls >= 0 && (int)rt_rel_kind_class(rt_dataset_relationship(ds, r)->kind) != cls)
            continue;
        for (size_t c = 0; c < fl->claim_count; c++) {
            const rt_claim *claim = rt_dataset_claim(ds, fl->claims[c]);
            if (rt_claim_status_as_of(claim, as_of) <= tier)
                fn(claim, payload);
        }
    }
}

typedef struct span {
    rt_date first, last;
} span;

static void widen(const rt_claim *c, void *payload)
{
    span *sp = payload;

    if (c->date.year == 0)
        return;
    if (sp->first.year == 0 || rt_date_compare(&c->date, &sp->first) < 0)
        sp->first = c->date;
    if (sp->last.year == 0 || rt_date_compare(&c->date, &sp->last) > 0)
        sp->last = c->date;
}

/* The least certain status of the claims visited (they all hold). */
static void weaken(const rt_claim *c, void *payload)
{
    rt_status *weakest = payload;

    if (c->held > *weakest)
        *weakest = c->held;
}

/*
 * The earliest claim on a hop that can come at or after `after` (a first
 * day): among dated claims whose period ends on or after it, the one that
 * starts first. The claim's first day, or year 0 when there is none.
 */
typedef struct next_date {
    const rt_date *as_of; /* the graph's */
    rt_date after;
    rt_date best; /* first day of the chosen claim */
} next_date;

static void consider(const rt_claim *c, void *payload)
{
    next_date *nd = payload;
    rt_date first, last;

    if (c->date.year == 0 || !rt_claim_holds(c, nd->as_of))
        return;
    first = rt_date__first_day(c->date);
    last = rt_date__last_day(c->date);
    if (nd->after.year && rt_date_compare(&last, &nd->after) < 0)
        return;
    if (nd->after.year && rt_date_compare(&first, &nd->after) < 0)
        first = nd->after; /* it may have happened on `after` itself */
    if (nd->best.year == 0 || rt_date_compare(&first, &nd->best) < 0)
        nd->best = first;
}

/* Whether, starting at some stake hop, every hop has a claim dated on or
 * after the one chosen for the hop before it. Greedy per start: taking the
 * earliest possible date keeps the most room for the hops after. */
static bool is_temporal(const rt_graph *g, const size_t *arcs, size_t len)
{
    for (size_t start = 0; start < len; start++) {
        next_date nd = {&rt_graph_options_used(g)->filter.as_of, {0, 0, 0}, {0, 0, 0}};
        size_t k;
        if (!(rt_graph_arc(g, arcs[start])->classes & (1u << RT_CLASS_STAKE)))
            continue;
        each_claim(g, rt_graph_arc(g, arcs[start]), RT_CLASS_STAKE, RT_STATUS_RUMORED, consider,
                   &nd);
        for (k = 1; k < len && nd.best.year; k++) {
            nd.after = nd.best;
            nd.best = (rt_date){0, 0, 0};
            each_claim(g, rt_graph_arc(g, arcs[(start + k) % len]), -1, RT_STATUS_RUMORED, consider,
                       &nd);
        }
        if (k == len && nd.best.year)
            return true;
    }
    return false;
}

static double mid(const rt_amount *a)
{
    return ((double)a->low + (double)a->high) / 2.0;
}

static double at_most_one(double x)
{
    return x > 1.0 ? 1.0 : x;
}

/*
 * The stake hop a loop's ratios are about: one whose investor is paid
 * spend by the hop before it, with a stake in dollars on some claim. When
 * several qualify, the largest stake wins, then the investor's name: a
 * rule of the data, not of the order of entities.csv. RT_NONE when none
 * qualifies.
 */
static size_t ratio_hop(const rt_graph *g, const size_t *arcs, size_t len)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    size_t best_hop = RT_NONE;
    double best = -1.0;

    for (size_t i = 0; i < len; i++) {
        const rt_arc *stake_hop = rt_graph_arc(g, arcs[i]);
        const rt_arc *back = rt_graph_arc(g, arcs[(i + len - 1) % len]);
        rt_amount stake;
        if (!(back->classes & (1u << RT_CLASS_SPEND)) ||
            !rt_graph__class_amount(g, stake_hop, RT_CLASS_STAKE, RT_STATUS_RUMORED, &stake) ||
            stake.low <= 0)
            continue;
        if (best_hop != RT_NONE) {
            const rt_arc *other = rt_graph_arc(g, arcs[best_hop]);
            const char *a = rt_dataset_entity(ds, rt_graph_vertex_entity(g, stake_hop->from))->name;
            const char *b = rt_dataset_entity(ds, rt_graph_vertex_entity(g, other->from))->name;
            if (mid(&stake) < best || (mid(&stake) == best && strcmp(a, b) >= 0))
                continue;
        }
        best = mid(&stake);
        best_hop = i;
    }
    return best_hop;
}

/*
 * The figures of a loop on the claims of status `tier` or firmer: the
 * bottleneck, the ratio at l->ratio_hop (see rt_loop_figures) and the span
 * of the dates of the claims counted. O(claims on its hops).
 */
static void figures(const rt_graph *g, const rt_loop *l, rt_status tier, rt_loop_figures *out)
{
    span sp = {{0, 0, 0}, {0, 0, 0}};
    rt_amount stake, spend;

    memset(out, 0, sizeof(*out));
    out->status = tier;
    out->circulating.unit = RT_AMOUNT_USD;
    out->circulating.low = out->circulating.high = INT64_MAX;
    for (size_t i = 0; i < l->length; i++) {
        const rt_arc *arc = rt_graph_arc(g, l->arcs[i]);
        rt_amount hop;
        if (!rt_graph__class_amount(g, arc, -1, tier, &hop)) {
            out->circulating.unit = RT_AMOUNT_UNKNOWN;
        } else if (out->circulating.unit == RT_AMOUNT_USD) {
            if (hop.low < out->circulating.low)
                out->circulating.low = hop.low;
            if (hop.high < out->circulating.high)
                out->circulating.high = hop.high;
        }
        each_claim(g, arc, -1, tier, widen, &sp);
    }
    if (out->circulating.unit != RT_AMOUNT_USD)
        out->circulating.low = out->circulating.high = 0;
    out->first_date = sp.first;
    out->last_date = sp.last;
    if (l->ratio_hop == RT_NONE ||
        !rt_graph__class_amount(g, rt_graph_arc(g, l->arcs[l->ratio_hop]), RT_CLASS_STAKE, tier,
                                &stake) ||
        stake.low <= 0 || stake.high == RT_USD_SATURATED)
        return; /* no ratio of a sum that did not fit */
    if (l->direct) {
        const rt_arc *back = rt_graph_arc(g, l->arcs[(l->ratio_hop + 1) % 2]);
        if (!rt_graph__class_amount(g, back, RT_CLASS_SPEND, tier, &spend) ||
            spend.high == RT_USD_SATURATED)
            return;
        out->ratio = mid(&spend) / mid(&stake);
        out->ratio_low = (double)spend.low / (double)stake.high;
        out->ratio_high = (double)spend.high / (double)stake.low;
    } else {
        /* Only what goes round the whole loop comes back: never more
         * than the circulating amount, nor more than the stake. */
        if (out->circulating.unit != RT_AMOUNT_USD || out->circulating.high == RT_USD_SATURATED)
            return;
        out->ratio = at_most_one(mid(&out->circulating) / mid(&stake));
        out->ratio_low = at_most_one((double)out->circulating.low / (double)stake.high);
        out->ratio_high = at_most_one((double)out->circulating.high / (double)stake.low);
    }
    out->has_ratio = true;
}

/* Whether two sets of figures give the same money (their dates may differ). */
static bool same_figures(const rt_loop_figures *a, const rt_loop_figures *b)
{
    return a->circulating.unit == b->circulating.unit && a->circulating.low == b->circulating.low &&
           a->circulating.high == b->circulating.high && a->has_ratio == b->has_ratio &&
           a->ratio_low == b->ratio_low && a->ratio_high == b->ratio_high;
}

/*
 * Reports read "equity in, spend back": start the loop at the investor of
 * its ratio, or else at its first stake hop. v and a are the loop's own
 * arrays. Deterministic: the rotation depends on the cycle only.
 */
static int rotate_to_investor(const rt_graph *g, rt_loop *l, size_t *v, size_t *a)
{
    size_t rot = 0, n = l->length;
    size_t tmp[64], *buf = n <= 64 ? tmp : rt__malloc(n * sizeof(size_t));

    if (l->ratio_hop != RT_NONE) {
        rot = l->ratio_hop;
    } else {
        while (rot < n && !(rt_graph_arc(g, a[rot])->classes & (1u << RT_CLASS_STAKE)))
            rot++;
        if (rot == n)
            rot = 0;
    }
    if (!buf)
        return RT_ENOMEM;
    if (rot != 0) {
        memcpy(buf, v, n * sizeof(size_t));
        for (size_t i = 0; i < n; i++)
            v[i] = buf[(i + rot) % n];
        memcpy(buf, a, n * sizeof(size_t));
        for (size_t i = 0; i < n; i++)
            a[i] = buf[(i + rot) % n];
    }
    if (l->ratio_hop != RT_NONE)
        l->ratio_hop = 0;
    if (buf != tmp)
        rt__free(buf);
    return RT_OK;
}

/* Bucket the links by the vertex they leave (a counting sort, so each
 * row stays in link order). */
static int index_links(rt_loops *ls)
{
    const rt_graph *g = ls->g;
    const rt_dataset *ds = rt_graph_dataset(g);
    size_t n = rt_graph_vertex_count(g), nlinks = 0;
    const size_t *all_links = rt_graph_links(g, &nlinks);

    ls->link_first = rt__calloc(n + 2, sizeof(size_t));
    ls->link_at = rt__malloc((nlinks + 1) * sizeof(size_t));
    ls->link_found = rt__malloc((nlinks + 1) * sizeof(size_t));
    if (!ls->link_first || !ls->link_at || !ls->link_found)
        return RT_ENOMEM;
    for (size_t i = 0; i < nlinks; i++)
        ls->link_first[rt_graph_entity_vertex(g, rt_dataset_relationship(ds, all_links[i])->from) +
                       2]++;
    for (size_t v = 0; v < n; v++)
        ls->link_first[v + 2] += ls->link_first[v + 1];
    for (size_t i = 0; i < nlinks; i++) {
        size_t v = rt_graph_entity_vertex(g, rt_dataset_relationship(ds, all_links[i])->from);
        ls->link_at[ls->link_first[v + 1]++] = i;
    }
    return RT_OK;
}

static int by_position(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

    return (a > b) - (a < b);
}

static int keep_loop(rt_loops *ls, const size_t *vertices, const size_t *arcs, size_t len)
{
    const rt_graph *g = ls->g;
    size_t nlinks = 0, *links = NULL, *v, *a;
    const size_t *all_links = rt_graph_links(g, &nlinks);
    const rt_dataset *ds = rt_graph_dataset(g);
    rt_loop *l;
    size_t found = 0;

    l = rt__grow(ls->loops, &ls->cap, ls->count + 1, sizeof(*l));
    if (!l)
        return RT_ENOMEM;
    ls->loops = l;
    l = &ls->loops[ls->count];
    memset(l, 0, sizeof(*l));
    v = rt_arena__alloc(&ls->arena, len * sizeof(size_t));
    a = rt_arena__alloc(&ls->arena, len * sizeof(size_t));
    if (!v || !a)
        return RT_ENOMEM;
    memcpy(v, vertices, len * sizeof(size_t));
    memcpy(a, arcs, len * sizeof(size_t));
    l->vertices = v;
    l->arcs = a;
    l->length = len;
    l->direct = len == 2;
    l->weakest = RT_STATUS_CONFIRMED;
    for (size_t i = 0; i < len; i++) {
        const rt_arc *arc = rt_graph_arc(g, arcs[i]);
        if (arc->status > l->weakest)
            l->weakest = arc->status;
    }
    l->ratio_hop = ratio_hop(g, arcs, len);
    if (rotate_to_investor(g, l, v, a) < 0)
        return RT_ENOMEM;
    /* Its figures on its own ground, and with every claim on its hops. */
    figures(g, l, l->weakest, &l->figures);
    for (size_t i = 0; i < len; i++)
        each_claim(g, rt_graph_arc(g, arcs[i]), -1, RT_STATUS_RUMORED, weaken, &l->wider.status);
    if (l->wider.status > l->weakest) {
        figures(g, l, l->wider.status, &l->wider);
        l->has_wider = !same_figures(&l->figures, &l->wider);
    }
    if (!l->has_wider)
        memset(&l->wider, 0, sizeof(l->wider));

    /* Links whose two ends are members of the loop, in link order: those
     * leaving each member, so the work is the members' links, not all. */
    for (size_t i = 0; i < len; i++)
        ls->members[vertices[i]] = 1;
    for (size_t i = 0; i < len; i++)
        for (size_t k = ls->link_first[vertices[i]]; k < ls->link_first[vertices[i] + 1]; k++) {
            const rt_relationship *r = rt_dataset_relationship(ds, all_links[ls->link_at[k]]);
            size_t to = rt_graph_entity_vertex(g, r->to);
            if (ls->members[to] && to != vertices[i])
                ls->link_found[found++] = ls->link_at[k];
        }
    for (size_t i = 0; i < len; i++)
        ls->members[vertices[i]] = 0;
    if (found > 0) {
        qsort(ls->link_found, found, sizeof(size_t), by_position);
        if (!(links = rt_arena__alloc(&ls->arena, found * sizeof(size_t))))
            return RT_ENOMEM;
        for (size_t i = 0; i < found; i++)
            links[i] = all_links[ls->link_found[i]];
    }
    l->links = links;
    l->link_count = found;
    ls->count++;
    return RT_OK;
}

/* Whether a cycle is a loop under the options; from several threads. */
static bool counts(const size_t *vertices, const size_t *arcs, size_t len, const void *ctx)
{
    const rt_loops *ls = ctx;

    (void)vertices;
    return (ls->opts.all || is_loop(ls->g, arcs, len)) &&
           (!ls->opts.temporal || is_temporal(ls->g, arcs, len));
}

static int on_cycle(const size_t *vertices, const size_t *arcs, size_t len, void *payload)
{
    rt_loops *ls = payload;
    const rt_graph *g = ls->g;

    ls->cycles_total++;
    if (!ls->opts.all && !is_loop(g, arcs, len))
        return 0;
    if (ls->opts.temporal && !is_temporal(g, arcs, len))
        return 0;
    /* Only a search that keeps loops calls back (count_only counts in
     * rt_cycles__count(), through counts()). */
    if (ls->count >= (ls->opts.max_kept ? ls->opts.max_kept : RT_LOOPS_KEEP_MAX)) {
        ls->full = true;
        return 1;
    }
    return keep_loop(ls, vertices, arcs, len);
}

/* Ranking: firmest first, then most money (unknown last), shortest, vertices. */
static int by_rank(const void *pa, const void *pb)
{
    const rt_loop *a = pa, *b = pb;
    const rt_amount *ca = &a->figures.circulating, *cb = &b->figures.circulating;
    bool ka = ca->unit == RT_AMOUNT_USD, kb = cb->unit == RT_AMOUNT_USD;

    if (a->weakest != b->weakest)
        return a->weakest < b->weakest ? -1 : 1;
    if (ka != kb)
        return ka ? -1 : 1;
    if (ka && ca->high != cb->high)
        return ca->high > cb->high ? -1 : 1;
    if (ka && ca->low != cb->low)
        return ca->low > cb->low ? -1 : 1;
    if (a->length != b->length)
        return a->length < b->length ? -1 : 1;
    for (size_t i = 0; i < a->length; i++)
        if (a->vertices[i] != b->vertices[i])
            return a->vertices[i] < b->vertices[i] ? -1 : 1;
    return 0;
}

int rt_loops_find(rt_loops **out, const rt_graph *g, const rt_loop_options *opts)
{
    rt_loops *ls;
    rt_cycle_stats stats;
    rt_search_progress progress;
    int rc;

    if (!out || !g || !opts || opts->version != RT_LOOP_OPTIONS_VERSION)
        return RT_EINVAL;
    progress.fn = opts->progress;
    progress.payload = opts->progress_payload;
    progress.interval_ms = opts->progress_ms;
    *out = NULL;
    ls = rt__calloc(1, sizeof(*ls));
    if (!ls)
        return RT_ENOMEM;
    ls->g = g;
    ls->opts = *opts;
    ls->opts.progress = NULL; /* not called after this returns */
    ls->opts.progress_payload = NULL;
    ls->members = rt__calloc(rt_graph_vertex_count(g) + 1, sizeof(size_t));
    if (!ls->members || (!opts->count_only && index_links(ls) < 0)) {
        rc = RT_ENOMEM;
        goto out;
    }
    if (opts->count_only) {
        /* Nothing kept: count on every core. */
        rt_cycle_count cnt;
        rt_count_options co = RT_COUNT_OPTIONS_INIT;
        co.jobs = opts->jobs;
        co.keep = opts->all && !opts->temporal ? NULL : counts;
        co.keep_ctx = ls;
        co.progress = progress;
        co.enumerate = opts->enumerate;
        rc = rt_cycles__count(&cnt, g, &opts->cycles, &co);
        if (rc < 0)
            goto out;
        ls->cycles_total = cnt.cycles;
        ls->count = cnt.kept;
        ls->truncated = cnt.truncated;
        goto out;
    }
    rc = rt_cycles__find(&stats, g, &opts->cycles, on_cycle, ls, &progress, SIZE_MAX);
    if (rc < 0)
        goto out;
    ls->truncated = stats.truncated || ls->full;
    if (ls->count > 1)
        qsort(ls->loops, ls->count, sizeof(*ls->loops), by_rank);
out:
    if (rc < 0) {
        rt_loops_free(ls);
        return rc;
    }
    *out = ls;
    return RT_OK;
}

void rt_loops_free(rt_loops *ls)
{
    if (!ls)
        return;
    rt__free(ls->loops);
    rt__free(ls->members);
    rt__free(ls->link_first);
    rt__free(ls->link_at);
    rt__free(ls->link_found);
    rt_arena__destroy(&ls->arena);
    rt__free(ls);
}

size_t rt_loops_count(const rt_loops *ls)
{
    return ls->count;
}

const rt_loop *rt_loops_get(const rt_loops *ls, size_t i)
{
    return !ls->opts.count_only && i < ls->count ? &ls->loops[i] : NULL;
}

size_t rt_loops_cycles_total(const rt_loops *ls)
{
    return ls->cycles_total;
}

bool rt_loops_truncated(const rt_loops *ls)
{
    return ls->truncated;
}

bool rt_loops_full(const rt_loops *ls)
{
    return ls->full;
}

const rt_graph *rt_loops_graph(const rt_loops *ls)
{
    return ls->g;
}

const rt_loop_options *rt_loops_options(const rt_loops *ls)
{
    return &ls->opts;
}
