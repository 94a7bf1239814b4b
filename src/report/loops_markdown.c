/*
 * The loop report as a section of a research note in Markdown (CommonMark
 * with GitHub's tables and footnotes): a summary paragraph, a table of the
 * loops, a table of the ground they stand on, then each loop's hops with
 * every claim's source as a footnote.
 */
#include <stdio.h>
#include <string.h>

#include "render/render_impl.h"
#include "report/report_impl.h"
#include "util/alloc.h"

static const char *vname(const rt_graph *g, size_t v)
{
    return rt_report__vertex_name(g, v);
}

static void members(rt_buf *b, const rt_graph *g, const rt_loop *l)
{
    for (size_t i = 0; i <= l->length; i++) {
        rt_report__md(b, vname(g, l->vertices[i % l->length]));
        if (i < l->length)
            rt_buf__puts(b, " \xe2\x86\x92 ");
    }
}

static void amount(rt_buf *b, const rt_graph *g, const rt_amount *a, const char *unknown)
{
    rt_amount s = rt_graph_scenario_amount(g, a);
    char text[96];

    if (s.unit == RT_AMOUNT_UNKNOWN) {
        rt_buf__puts(b, unknown);
        return;
    }
    rt_amount_format(text, sizeof(text), &s);
    rt_report__md(b, text);
}

/* Ground: 0 confirmed deals alone, 1 once reported ones count, 2 only with
 * deals in talks, proposed or rumored. */
static int ground(const rt_loop *l)
{
    return l->weakest == RT_STATUS_CONFIRMED ? 0 : l->weakest == RT_STATUS_REPORTED ? 1 : 2;
}

static void summary(rt_buf *b, const rt_loops *loops, const rt_graph *g)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    size_t n = rt_loops_count(loops), known = 0, shaky = 0,
           hops = rt_loops_options(loops)->cycles.max_len;
    int64_t low = 0, high = 0, top = 0;

    for (size_t i = 0; i < n; i++) {
        const rt_loop *l = rt_loops_get(loops, i);
        rt_amount c = rt_graph_scenario_amount(g, &l->circulating);
        shaky += l->weakest != RT_STATUS_CONFIRMED;
        if (c.unit != RT_AMOUNT_USD)
            continue;
        known++;
        low = low > INT64_MAX - c.low ? INT64_MAX : low + c.low;
        high = high > INT64_MAX - c.high ? INT64_MAX : high + c.high;
        if (c.high > top)
            top = c.high;
    }
    rt_buf__printf(b, "Among %zu entities and %zu relationships, money goes round in **%zu %s**",
                   rt_dataset_entity_count(ds), rt_dataset_relationship_count(ds), n,
                   n == 1 ? "loop" : "loops");
    if (hops)
        rt_buf__printf(b, " of up to %zu hops", hops);
    rt_buf__puts(b, ": a stake goes out and spend comes back.");
    if (known > 0) {
        rt_amount total = {RT_AMOUNT_USD, low, high, NULL};
        char text[96], big[32];
        rt_amount_format(text, sizeof(text), &total);
        rt_usd_format(big, sizeof(big), top);
        rt_buf__printf(b,
                       " For the %zu %s whose every hop has a dollar figure, the amount that can "
                       "circulate adds up to %s (loops share hops, so this counts some money "
                       "more than once); the largest single loop carries %s.",
                       known, known == 1 ? "loop" : "loops", text, big);
    }
    if (known < n)
        rt_buf__printf(b, " %zu %s a hop without a dollar figure.", n - known,
                       n - known == 1 ? "loop has" : "loops have");
    rt_buf__printf(b, " %zu of the %zu %s on at least one deal that is not confirmed.", shaky, n,
                   n == 1 ? "rests" : "rest");
    if (rt_loops_truncated(loops))
        rt_buf__puts(b, " The search stopped at its limit of cycles: the list is incomplete.");
    rt_buf__puts(b, "\n\n");
}

static void table(rt_buf *b, const rt_loops *loops, const rt_graph *g)
{
    rt_buf__puts(b, "| # | Loop | Hops | Weakest status | Circulating | Round trip |\n"
                    "|---:|---|---:|---|---:|---:|\n");
    for (size_t i = 0; i < rt_loops_count(loops); i++) {
        const rt_loop *l = rt_loops_get(loops, i);
        rt_buf__printf(b, "| [%zu](#loop-%zu) | ", i + 1, i + 1);
        members(b, g, l);
        rt_buf__printf(b, " | %zu | %s | ", l->length, rt_status_name(l->weakest));
        amount(b, g, &l->circulating, "unknown");
        if (l->has_ratio)
            rt_buf__printf(b, " | %.2f\xc3\x97 |\n", l->ratio);
        else
            rt_buf__puts(b, " | \xe2\x80\x93 |\n");
    }
    rt_buf__puts(b, "\n");
}

/* Loop numbers of one ground, as "1, 2, 5-9". */
static void numbers(rt_buf *b, const rt_loops *loops, int which)
{
    size_t n = rt_loops_count(loops), shown = 0;

    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        if (ground(rt_loops_get(loops, i)) != which)
            continue;
        while (j + 1 < n && ground(rt_loops_get(loops, j + 1)) == which)
            j++;
        rt_buf__printf(b, "%s%zu", shown++ ? ", " : "", i + 1);
        if (j > i)
            rt_buf__printf(b, "\xe2\x80\x93%zu", j + 1);
        i = j;
    }
    if (!shown)
        rt_buf__puts(b, "none");
}

static void tiers(rt_buf *b, const rt_loops *loops)
{
    static const char *const what[] = {
        "On confirmed deals alone",
        "Once reported deals count",
        "Only with deals in talks, proposed or rumored",
    };
    size_t count[3] = {0, 0, 0}, total = 0;

    for (size_t i = 0; i < rt_loops_count(loops); i++)
        count[ground(rt_loops_get(loops, i))]++;
    rt_buf__puts(b, "| Ground | New loops | Loops in all | Which |\n|---|---:|---:|---|\n");
    for (int t = 0; t < 3; t++) {
        total += count[t];
        rt_buf__printf(b, "| %s | %zu | %zu | ", what[t], count[t], total);
        numbers(b, loops, t);
        rt_buf__puts(b, " |\n");
    }
    rt_buf__puts(b, "\n");
}

/* Footnotes are numbered by claim, in order of first citation, so a claim
 * cited by several loops has one footnote. */
typedef struct notes {
    size_t *number; /* per claim: its footnote, 0 when not cited yet */
    size_t *order;  /* footnote k - 1 -> claim */
    size_t count;
} notes;

static size_t cite(notes *nt, size_t claim)
{
    if (!nt->number[claim]) {
        nt->order[nt->count] = claim;
        nt->number[claim] = ++nt->count;
    }
    return nt->number[claim];
}

static void hop(rt_buf *b, const rt_graph *g, const rt_arc *arc, notes *nt)
{
    const rt_dataset *ds = rt_graph_dataset(g);

    rt_buf__puts(b, "- **");
    rt_report__md(b, vname(g, arc->from));
    rt_buf__puts(b, " \xe2\x86\x92 ");
    rt_report__md(b, vname(g, arc->to));
    rt_buf__puts(b, "**: ");
    for (size_t k = 0; k < arc->relationship_count; k++) {
        size_t r = arc->relationships[k];
        const rt_relationship *rel = rt_dataset_relationship(ds, r);
        const rt_flow *fl = rt_graph_flow(g, r);
        if (k)
            rt_buf__puts(b, "; ");
        rt_buf__printf(b, "%s ", rt_rel_kind_name(rel->kind));
        amount(b, g, &fl->amount, "(amount unknown)");
        rt_buf__printf(b, ", %s", rt_status_name(fl->status));
        if (rel->from != rt_graph_vertex_entity(g, arc->from) ||
            rel->to != rt_graph_vertex_entity(g, arc->to)) {
            rt_buf__puts(b, " (");
            rt_report__md(b, rt_dataset_entity(ds, rel->from)->name);
            rt_buf__puts(b, " \xe2\x86\x92 ");
            rt_report__md(b, rt_dataset_entity(ds, rel->to)->name);
            rt_buf__puts(b, ")");
        }
        for (size_t c = 0; c < fl->claim_count; c++)
            rt_buf__printf(b, "[^%zu]", cite(nt, fl->claims[c]));
    }
    rt_buf__puts(b, "\n");
}

static void loop_section(rt_buf *b, const rt_graph *g, const rt_loop *l, size_t number, notes *nt)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    char d1[16], d2[16];

    rt_buf__printf(b, "### Loop %zu\n\n", number);
    members(b, g, l);
    rt_buf__puts(b, "\n\n");
    for (size_t i = 0; i < l->length; i++)
        hop(b, g, rt_graph_arc(g, l->arcs[i]), nt);
    rt_buf__puts(b, "\nCirculating: ");
    amount(b, g, &l->circulating, "unknown (a hop has no dollar figure)");
    if (l->has_ratio)
        rt_buf__printf(b, ". Round trip: %.2f\xc3\x97", l->ratio);
    if (l->has_ratio && l->ratio_low != l->ratio_high)
        rt_buf__printf(b, " (%.2f\xe2\x80\x93%.2f)", l->ratio_low, l->ratio_high);
    rt_buf__printf(b, ". Weakest status: %s", rt_status_name(l->weakest));
    if (l->first_date.year) {
        rt_date_format(d1, sizeof(d1), &l->first_date);
        rt_date_format(d2, sizeof(d2), &l->last_date);
        rt_buf__printf(b, ". Claims dated %s to %s", d1, d2);
    }
    rt_buf__puts(b, ".\n");
    for (size_t i = 0; i < l->link_count; i++) {
        const rt_relationship *rel = rt_dataset_relationship(ds, l->links[i]);
        rt_buf__puts(b, i ? "; " : "Also linked: ");
        rt_report__md(b, rt_dataset_entity(ds, rel->from)->name);
        rt_buf__printf(b, " \xe2\x86\x92 ");
        rt_report__md(b, rt_dataset_entity(ds, rel->to)->name);
        rt_buf__printf(b, " (%s)", rt_rel_kind_name(rel->kind));
        if (i + 1 == l->link_count)
            rt_buf__puts(b, ".\n");
    }
    rt_buf__puts(b, "\n");
}

static void footnotes(rt_buf *b, const rt_graph *g, const notes *nt)
{
    const rt_dataset *ds = rt_graph_dataset(g);

    for (size_t k = 0; k < nt->count; k++) {
        const rt_claim *c = rt_dataset_claim(ds, nt->order[k]);
        char text[96], date[16];
        rt_buf__printf(b, "[^%zu]: ", k + 1);
        if (c->source && rt_render__safe_url(c->url)) {
            rt_buf__puts(b, "[");
            rt_report__md(b, c->source);
            rt_buf__printf(b, "](%s)", c->url); /* safe_url: no spaces, quotes or brackets */
        } else {
            rt_report__md(b, c->source ? c->source : "No source given");
        }
        rt_date_format(date, sizeof(date), &c->date);
        if (date[0])
            rt_buf__printf(b, ", %s", date);
        rt_amount_format(text, sizeof(text), &c->amount);
        rt_buf__puts(b, ": ");
        if (c->amount.unit == RT_AMOUNT_UNKNOWN)
            rt_buf__puts(b, "amount not given");
        else
            rt_report__md(b, text);
        rt_buf__printf(b, ", %s (", rt_status_name(c->status));
        rt_report__md(b, rt_dataset_relationships_file(ds));
        rt_buf__printf(b, " line %d).\n", c->line);
    }
}

int rt_report__loops_markdown(rt_buf *b, const rt_loops *loops, const char *image)
{
    const rt_graph *g = rt_loops_graph(loops);
    const rt_dataset *ds = rt_graph_dataset(g);
    size_t n = rt_loops_count(loops), nclaims = rt_dataset_claim_count(ds);
    notes nt = {NULL, NULL, 0};
    int rc = RT_ENOMEM;

    nt.number = rt__calloc(nclaims + 1, sizeof(size_t));
    nt.order = rt__calloc(nclaims + 1, sizeof(size_t));
    if (!nt.number || !nt.order)
        goto out;
    rt_buf__puts(b, "## Circular financing\n\n");
    summary(b, loops, g);
    if (image) {
        rt_buf__puts(b, "![The loops: stakes in blue, spend in orange, thicker for more money](");
        /* A relative path: spaces and parentheses would end the link. */
        for (const char *p = image; *p; p++) {
            if (*p == ' ')
                rt_buf__puts(b, "%20");
            else if (*p == '(' || *p == ')')
                rt_buf__printf(b, "%%%02X", (unsigned char)*p);
            else
                rt_buf__printf(b, "%c", *p);
        }
        rt_buf__puts(b, ")\n\n");
    }
    if (n > 0) {
        rt_buf__puts(b, "### The loops\n\n");
        table(b, loops, g);
        rt_buf__puts(b, "### On what ground\n\n");
        tiers(b, loops);
        for (size_t i = 0; i < n; i++)
            loop_section(b, g, rt_loops_get(loops, i), i + 1, &nt);
        footnotes(b, g, &nt);
    }
    rc = RT_OK;
out:
    rt__free(nt.number);
    rt__free(nt.order);
    return rc;
}
