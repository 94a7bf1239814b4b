/* Report dispatch and what the writers share. */
#include "report/report_impl.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "util/alloc.h"
#include "util/text.h"

const char *rt_report__vertex_name(const rt_graph *g, size_t v)
{
    return rt_dataset_entity(rt_graph_dataset(g), rt_graph_vertex_entity(g, v))->name;
}

/* A claim of a flow, keyed by its figure: amount and status as of the
 * graph's date. Amount texts are interned, so equal texts are equal
 * pointers. */
typedef struct keyed {
    const rt_claim *c;
    rt_status status;
    size_t pos;   /* in the flow */
    size_t group; /* position of its group's first claim */
} keyed;

static int by_figure(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    const rt_amount *x = &a->c->amount, *y = &b->c->amount;

    if (x->unit != y->unit)
        return x->unit < y->unit ? -1 : 1;
    if (x->unit == RT_AMOUNT_USD && (x->low != y->low || x->high != y->high))
        return x->low != y->low ? (x->low < y->low ? -1 : 1) : (x->high < y->high ? -1 : 1);
    if (x->unit == RT_AMOUNT_OTHER && x->text != y->text)
        return (uintptr_t)x->text < (uintptr_t)y->text ? -1 : 1;
    if (a->status != b->status)
        return a->status < b->status ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

static int by_group(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;

    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

static bool same_figure(const keyed *a, const keyed *b)
{
    const rt_amount *x = &a->c->amount, *y = &b->c->amount;

    return x->unit == y->unit && a->status == b->status &&
           (x->unit != RT_AMOUNT_USD || (x->low == y->low && x->high == y->high)) &&
           (x->unit != RT_AMOUNT_OTHER || x->text == y->text);
}

int rt_report__figures(const rt_graph *g, size_t relationship, rt_figure_fn fn, void *payload)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    const rt_flow *fl = rt_graph_flow(g, relationship);
    const rt_date *as_of = &rt_graph_options_used(g)->filter.as_of;
    size_t n = fl->claim_count;
    keyed *k = rt__calloc(n + 1, sizeof(*k));
    const rt_claim **claims = rt__calloc(n + 1, sizeof(const rt_claim *));
    int rc = RT_ENOMEM;

    if (!k || !claims)
        goto out;
    for (size_t i = 0; i < n; i++) {
        k[i].c = rt_dataset_claim(ds, fl->claims[i]);
        k[i].status = rt_claim_status_as_of(k[i].c, as_of);
        k[i].pos = i;
    }
    /* Sorting by figure puts each group together, its first claim first;
     * sorting again by that first claim restores the order of the file. */
    qsort(k, n, sizeof(*k), by_figure);
    for (size_t i = 0; i < n; i++)
        k[i].group = i > 0 && same_figure(&k[i - 1], &k[i]) ? k[i - 1].group : k[i].pos;
    qsort(k, n, sizeof(*k), by_group);
    for (size_t i = 0, ngroups = 0; i < n;) {
        size_t j = i;
        while (j < n && k[j].group == k[i].group) {
            claims[j - i] = k[j].c;
            j++;
        }
        fn(claims, j - i, k[i].status, ngroups++, payload);
        i = j;
    }
    rc = RT_OK;
out:
    rt__free(k);
    rt__free(claims);
    return rc;
}

/* Sources are interned: equal names are equal pointers. Sorting them with
 * their positions finds each one's first use in O(n log n). */
typedef struct source_at {
    const char *source;
    size_t pos;
} source_at;

static int by_source(const void *pa, const void *pb)
{
    const source_at *a = pa, *b = pb;

    if (a->source != b->source)
        return (uintptr_t)a->source < (uintptr_t)b->source ? -1 : 1;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

static int by_pos(const void *pa, const void *pb)
{
    const source_at *a = pa, *b = pb;

    return (a->pos > b->pos) - (a->pos < b->pos);
}

bool rt_report__sources(rt_buf *b, const rt_claim *const *claims, size_t n, rt_text_fn text)
{
    source_at *s = rt__calloc(n + 1, sizeof(*s));
    size_t m = 0, shown = 0;

    if (!s)
        return false;
    for (size_t i = 0; i < n; i++)
        if (claims[i]->source)
            s[m++] = (source_at){claims[i]->source, i};
    qsort(s, m, sizeof(*s), by_source);
    {
        size_t u = 0;
        for (size_t i = 0; i < m; i++)
            if (i == 0 || s[i].source != s[i - 1].source)
                s[u++] = s[i];
        m = u;
    }
    qsort(s, m, sizeof(*s), by_pos);
    for (size_t i = 0; i < m; i++) {
        rt_buf__puts(b, shown++ ? ", " : "");
        text(b, s[i].source);
    }
    if (shown == 0)
        rt_buf__puts(b, "no source");
    rt__free(s);
    return true;
}

bool rt_report__flow_sources(rt_buf *b, const rt_graph *g, size_t relationship, rt_text_fn text)
{
    const rt_flow *fl = rt_graph_flow(g, relationship);
    const rt_claim **claims = rt__calloc(fl->claim_count + 1, sizeof(const rt_claim *));
    bool ok;

    if (!claims)
        return false;
    for (size_t i = 0; i < fl->claim_count; i++)
        claims[i] = rt_dataset_claim(rt_graph_dataset(g), fl->claims[i]);
    ok = rt_report__sources(b, claims, fl->claim_count, text);
    rt__free(claims);
    return ok;
}

void rt_report__date_span(char *buf, size_t len, const rt_claim *const *claims, size_t n)
{
    rt_date first = {0, 0, 0}, last = {0, 0, 0};
    char d1[16], d2[16];

    for (size_t i = 0; i < n; i++) {
        const rt_date *d = &claims[i]->date;
        if (d->year == 0)
            continue;
        if (first.year == 0 || rt_date_compare(d, &first) < 0)
            first = *d;
        if (last.year == 0 || rt_date_compare(d, &last) > 0)
            last = *d;
    }
    rt_date_format(d1, sizeof(d1), &first);
    rt_date_format(d2, sizeof(d2), &last);
    if (first.year == 0)
        snprintf(buf, len, "undated");
    else if (rt_date_compare(&first, &last) == 0)
        snprintf(buf, len, "%s", d1);
    else
        snprintf(buf, len, "%s to %s", d1, d2);
}

static const char *const scenario_names[] = {"range", "low", "high"};

const char *rt_report__scenario_name(rt_scenario s)
{
    return (unsigned)s < 3 ? scenario_names[s] : "range";
}

unsigned rt_report__statuses(const rt_graph_options *go)
{
    unsigned all = 0;

    if (go->filter.statuses)
        return go->filter.statuses;
    for (int st = 0; st < RT_STATUS_COUNT; st++)
        if (rt_status_carries_money((rt_status)st))
            all |= 1u << st;
    return all;
}

void rt_report__context(rt_buf *b, const rt_loops *loops, rt_text_fn text)
{
    const rt_graph *g = rt_loops_graph(loops);
    const rt_graph_options *go = rt_graph_options_used(g);
    const rt_loop_options *lo = rt_loops_options(loops);
    const rt_dataset *ds = rt_graph_dataset(g);
    rt_date latest = rt_dataset__latest_claim(ds);
    char date[16], amount[64];
    size_t listed = 0;

    rt_buf__printf(b, "%zu entities, %zu relationships, %zu claims from ",
                   rt_dataset_entity_count(ds), rt_dataset_relationship_count(ds),
                   rt_dataset_claim_count(ds));
    text(b, rt_dataset_relationships_file(ds));
    rt_date_format(date, sizeof(date), &latest);
    if (latest.year)
        rt_buf__printf(b, " (latest claim %s)", date);
    rt_buf__puts(b, ".\n");
    rt_date_format(date, sizeof(date), &go->filter.as_of);
    if (go->filter.as_of.year)
        rt_buf__printf(b, "Computed as of %s (the claims that held then)", date);
    else
        rt_buf__puts(b, "Computed on the claims that still hold");
    rt_buf__puts(b, go->filter.statuses ? ", only " : ", of every status that carries money");
    for (int st = 0; go->filter.statuses && st < RT_STATUS_COUNT; st++)
        if (go->filter.statuses & (1u << st))
            rt_buf__printf(b, "%s%s", listed++ ? ", " : "", rt_status_name((rt_status)st));
    if (go->scenario != RT_SCENARIO_RANGE)
        rt_buf__printf(b, "; the %s end of every range", rt_report__scenario_name(go->scenario));
    if (go->filter.min_amount >= 0) {
        rt_usd_format(amount, sizeof(amount), go->filter.min_amount);
        rt_buf__printf(b, "; relationships of at least %s", amount);
    }
    rt_buf__puts(b, go->consolidate ? "; subsidiaries in their parents"
                                    : "; subsidiaries apart from their parents");
    if (lo->cycles.max_len)
        rt_buf__printf(b, "; loops of up to %zu hops", lo->cycles.max_len);
    else
        rt_buf__puts(b, "; loops of any length");
    if (lo->all)
        rt_buf__puts(b, " (every cycle)");
    if (lo->temporal)
        rt_buf__puts(b, ", dated in order");
    rt_buf__puts(b, ".\n");
}

const char *rt_report__kind(const rt_loop *l)
{
    return l->direct ? "direct" : "indirect";
}

void rt_report__amount(rt_buf *b, const rt_graph *g, const rt_amount *a, const char *unknown,
                       rt_text_fn text)
{
    rt_amount s = rt_graph_scenario_amount(g, a);
    char formatted[96];

    if (s.unit == RT_AMOUNT_UNKNOWN) {
        rt_buf__puts(b, unknown);
        return;
    }
    rt_amount_format(formatted, sizeof(formatted), &s);
    text(b, formatted); /* another unit is the text as written */
}

void rt_report__plain(rt_buf *b, const char *s)
{
    rt_text__visible(b, s);
}

void rt_report__md(rt_buf *b, const char *s)
{
    size_t n = strlen(s), len;

    for (size_t i = 0; i < n; i += len) {
        unsigned cp = rt_text__hidden(s + i, n - i, &len);
        if (cp == '\n' || cp == '\r' || cp == '\t')
            rt_buf__puts(b, " ");
        else if (cp == RT_TEXT_INVALID) /* not UTF-8: shown as \xff, as in text */
            rt_buf__printf(b, "\\\\x%02x", (unsigned char)s[i]);
        else if (cp != RT_TEXT_VISIBLE) /* shown as \u{1b}, as in text */
            rt_buf__printf(b, cp < 0x80 ? "\\\\u{%02x}" : "\\\\u{%04x}", cp);
        else if (strchr("\\`*_{}[]()#+-.!|<>~&", s[i]))
            rt_buf__printf(b, "\\%c", s[i]);
        else
            rt_buf__add(b, s + i, len);
    }
}

json_t *rt_report__json_usd(const rt_amount *a)
{
    json_t *o;

    if (a->unit != RT_AMOUNT_USD)
        return json_null();
    o = json_object();
    if (o && json_object_set_new(o, "low", json_integer(a->low)) == 0 &&
        json_object_set_new(o, "high", json_integer(a->high)) == 0 &&
        (a->high != RT_USD_SATURATED || json_object_set_new(o, "saturated", json_true()) == 0))
        return o;
    json_decref(o);
    return NULL;
}

typedef struct dump_target {
    rt_buf *b;
    size_t indent; /* spaces after each line break */
} dump_target;

static int dump_to_buf(const char *buffer, size_t size, void *data)
{
    dump_target *t = data;
    static const char spaces[] = "                ";

    for (size_t start = 0, i = 0; i <= size; i++) {
        if (i < size && buffer[i] != '\n')
            continue;
        rt_buf__add(t->b, buffer + start, i - start);
        if (i < size) {
            rt_buf__add(t->b, "\n", 1);
            rt_buf__add(t->b, spaces, t->indent < 16 ? t->indent : 16);
        }
        start = i + 1;
    }
    return t->b->oom ? -1 : 0;
}

bool rt_report__json_dump(rt_buf *b, json_t *root, size_t flags)
{
    bool ok = rt_report__json_dump_at(b, root, flags, 0);

    rt_buf__puts(b, "\n");
    return ok && !b->oom;
}

bool rt_report__json_dump_at(rt_buf *b, json_t *value, size_t flags, size_t indent)
{
    dump_target t = {b, indent};

    return json_dump_callback(value, dump_to_buf, &t, flags) == 0 && !b->oom;
}

int rt_report__finish(rt_buf *b, int rc, char **out)
{
    if (rc < 0 || b->oom) {
        rt_buf__free(b);
        return rc < 0 ? rc : RT_ENOMEM;
    }
    *out = rt_buf__detach(b);
    return *out ? RT_OK : RT_ENOMEM;
}

void rt_report__packing(rt_buf *b, const rt_loops *loops, const rt_packing *pk, bool bold)
{
    const rt_amount *total = rt_packing_total(pk);
    size_t n = rt_loops_count(loops), counted = rt_packing_counted(pk);
    char text[96];

    if (total->unit != RT_AMOUNT_USD) {
        rt_buf__printf(b, "No loop has a dollar figure on every hop, so no amount can be "
                          "said to go round.");
        return;
    }
    rt_amount_format(text, sizeof(text), total);
    rt_buf__printf(b,
                   "At most %s%s%s can go round these loops at once, each dollar of each hop "
                   "counted once (",
                   bold ? "**" : "", text, bold ? "**" : "");
    if (counted == n && n <= 2)
        rt_buf__puts(b, n == 1 ? "the one loop" : "both loops");
    else if (counted == n)
        rt_buf__printf(b, "all %zu loops", n);
    else
        rt_buf__printf(b, "the %zu of %zu loops with a dollar figure on every hop", counted, n);
    rt_buf__puts(b, ").");
}

int rt_report_loops(char **out, const rt_loops *loops, const rt_report_options *opts)
{
    rt_buf b = RT_BUF_INIT;
    rt_packing *pk = NULL;
    int rc;

    if (!out || !loops || !opts || opts->version != RT_REPORT_OPTIONS_VERSION ||
        rt_loops_options(loops)->count_only)
        return RT_EINVAL;
    *out = NULL;
    if ((rc = rt_packing_compute(&pk, loops, RT_STATUS_RUMORED)) < 0)
        return rc;
    switch (opts->format) {
    case RT_FORMAT_TEXT:
        rc = rt_report__loops_text(&b, loops, pk);
        break;
    case RT_FORMAT_JSON:
        rc = rt_report__loops_json(&b, loops, pk);
        break;
    case RT_FORMAT_SUMMARY:
        rc = rt_report__loops_summary(&b, loops, pk);
        break;
    case RT_FORMAT_MARKDOWN:
        rc = rt_report__loops_markdown(&b, loops, pk, opts);
        break;
    default:
        rc = RT_EINVAL;
    }
    rt_packing_free(pk);
    return rt_report__finish(&b, rc, out);
}

void rt_report_free(char *report)
{
    rt__free(report);
}
