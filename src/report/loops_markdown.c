/*
 * The loop report as a section of a research note in Markdown (CommonMark
 * with GitHub's tables and footnotes): a summary paragraph, a table of the
 * loops, a table of the ground they stand on, then each loop's hops with
 * every claim's source as a footnote.
 */
#include <stdio.h>
#include <string.h>

#include "report/report_impl.h"
#include "util/alloc.h"
#include "util/url.h"

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
    rt_report__amount(b, g, a, unknown, rt_report__md);
}

/* Ground: 0 confirmed deals alone, 1 once reported ones count, 2 only with
 * deals in talks, proposed or rumored. */
static int ground(const rt_loop *l)
{
    return l->weakest == RT_STATUS_CONFIRMED ? 0 : l->weakest == RT_STATUS_REPORTED ? 1 : 2;
}

static void summary(rt_buf *b, const rt_loops *loops, const rt_packing *pk)
{
    size_t n = rt_loops_count(loops), shaky = 0, hops = rt_loops_options(loops)->cycles.max_len;

    for (size_t i = 0; i < n; i++)
        shaky += rt_loops_get(loops, i)->weakest != RT_STATUS_CONFIRMED;
    rt_report__context(b, loops, rt_report__md);
    rt_buf__printf(b, "\nMoney goes round in **%zu %s**", n, n == 1 ? "loop" : "loops");
    if (hops)
        rt_buf__printf(b, " of up to %zu hops", hops);
    rt_buf__puts(b, ": a stake goes out and spend comes back.");
    if (n > 0) {
        rt_buf__puts(b, " ");
        rt_report__packing(b, loops, pk, true);
        rt_buf__printf(b, " %zu of the %zu %s on at least one deal that is not confirmed.", shaky,
                       n, n == 1 ? "rests" : "rest");
    }
    if (rt_loops_truncated(loops))
        rt_buf__puts(b, " The search stopped at its limit of cycles: the list is incomplete.");
    rt_buf__puts(b, "\n\n");
}

/* "19.23×" for a direct loop, "up to 62%" for an indirect one, or "–". */
static void ratio(rt_buf *b, const rt_loop *l, const rt_loop_figures *f)
{
    if (!f->has_ratio)
        rt_buf__puts(b, "\xe2\x80\x93");
    else if (l->direct)
        rt_buf__printf(b, "%.2f\xc3\x97", f->ratio);
    else
        rt_buf__printf(b, "up to %.0f%%", f->ratio * 100);
}

static void table(rt_buf *b, const rt_loops *loops, const rt_graph *g, const rt_packing *pk)
{
    rt_buf__puts(b, "| # | Loop | Kind | Hops | Weakest status | Circulating | Round trip | "
                    "Of the most at once |\n"
                    "|---:|---|---|---:|---|---:|---:|---:|\n");
    for (size_t i = 0; i < rt_loops_count(loops); i++) {
        const rt_loop *l = rt_loops_get(loops, i);
        rt_buf__printf(b, "| [%zu](#loop-%zu) | ", i + 1, i + 1);
        members(b, g, l);
        rt_buf__printf(b, " | %s | %zu | %s | ", rt_report__kind(l), l->length,
                       rt_status_name(l->weakest));
        if (l->figures.circulating.unit == RT_AMOUNT_USD)
            amount(b, g, &l->figures.circulating, "unknown");
        else
            rt_buf__printf(b, "unknown on %s claims", rt_status_name(l->weakest));
        if (l->has_wider) {
            rt_buf__puts(b, "; ");
            amount(b, g, &l->wider.circulating, "unknown");
            rt_buf__printf(b, " with %s claims", rt_status_name(l->wider.status));
        }
        rt_buf__puts(b, " | ");
        ratio(b, l, &l->figures);
        if (l->has_wider && l->wider.has_ratio) {
            rt_buf__puts(b, "; ");
            ratio(b, l, &l->wider);
            rt_buf__printf(b, " with %s claims", rt_status_name(l->wider.status));
        }
        rt_buf__puts(b, " | ");
        amount(b, g, rt_packing_share(pk, i), "\xe2\x80\x93");
        rt_buf__puts(b, " |\n");
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

/*
 * The ground the loops stand on: for confirmed claims alone, then with
 * reported ones, then with every status, the loops that stand and the most
 * that can go round them at once on those claims only.
 */
static int tiers(rt_buf *b, const rt_loops *loops, const rt_graph *g)
{
    static const char *const what[] = {
        "On confirmed deals alone",
        "Once reported deals count",
        "Only with deals in talks, proposed or rumored",
    };
    static const rt_status tier[] = {RT_STATUS_CONFIRMED, RT_STATUS_REPORTED, RT_STATUS_RUMORED};
    size_t count[3] = {0, 0, 0}, total = 0;

    for (size_t i = 0; i < rt_loops_count(loops); i++)
        count[ground(rt_loops_get(loops, i))]++;
    rt_buf__puts(b, "| Ground | New loops | Loops in all | At most at once | Which |\n"
                    "|---|---:|---:|---:|---|\n");
    for (int t = 0; t < 3; t++) {
        rt_packing *pk;
        int rc = rt_packing_compute(&pk, loops, tier[t]);
        if (rc < 0)
            return rc;
        total += count[t];
        rt_buf__printf(b, "| %s | %zu | %zu | ", what[t], count[t], total);
        amount(b, g, rt_packing_total(pk), "\xe2\x80\x93");
        rt_buf__puts(b, " | ");
        rt_packing_free(pk);
        numbers(b, loops, t);
        rt_buf__puts(b, " |\n");
    }
    rt_buf__puts(b, "\n");
    return RT_OK;
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

typedef struct figure_out {
    rt_buf *b;
    const rt_graph *g;
    notes *nt;
} figure_out;

/* "$300B, reported, 2025-09-10[^1]" */
static void figure(const rt_claim *const *claims, size_t n, rt_status status, size_t group,
                   void *payload)
{
    figure_out *fo = payload;
    const rt_dataset *ds = rt_graph_dataset(fo->g);
    char dates[48];

    if (group)
        rt_buf__puts(fo->b, "; ");
    amount(fo->b, fo->g, &claims[0]->amount, "amount unknown");
    rt_report__date_span(dates, sizeof(dates), claims, n);
    rt_buf__printf(fo->b, ", %s, %s", rt_status_name(status), dates);
    for (size_t i = 0; i < n; i++)
        rt_buf__printf(fo->b, "[^%zu]",
                       cite(fo->nt, (size_t)(claims[i] - rt_dataset_claim(ds, 0))));
}

static int hop(rt_buf *b, const rt_graph *g, const rt_arc *arc, notes *nt)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    figure_out fo = {b, g, nt};

    rt_buf__puts(b, "- **");
    rt_report__md(b, vname(g, arc->from));
    rt_buf__puts(b, " \xe2\x86\x92 ");
    rt_report__md(b, vname(g, arc->to));
    rt_buf__puts(b, "**: ");
    for (size_t k = 0; k < arc->relationship_count; k++) {
        size_t r = arc->relationships[k];
        const rt_relationship *rel = rt_dataset_relationship(ds, r);
        if (k)
            rt_buf__puts(b, " + ");
        rt_buf__printf(b, "%s", rt_rel_kind_name(rel->kind));
        if (rel->from != rt_graph_vertex_entity(g, arc->from) ||
            rel->to != rt_graph_vertex_entity(g, arc->to)) {
            rt_buf__puts(b, " (");
            rt_report__md(b, rt_dataset_entity(ds, rel->from)->name);
            rt_buf__puts(b, " \xe2\x86\x92 ");
            rt_report__md(b, rt_dataset_entity(ds, rel->to)->name);
            rt_buf__puts(b, ")");
        }
        rt_buf__puts(b, " ");
        if (rt_report__figures(g, r, figure, &fo) < 0)
            return RT_ENOMEM;
    }
    rt_buf__puts(b, "\n");
    return RT_OK;
}

/* "Circulating: $8B. Returns up to 62% of the stake. Claims dated ..." */
static void figures_of(rt_buf *b, const rt_graph *g, const rt_loop *l, const rt_loop_figures *f)
{
    char d1[16], d2[16];

    if (f->circulating.unit == RT_AMOUNT_USD) {
        rt_buf__puts(b, "circulating ");
        amount(b, g, &f->circulating, "");
    } else {
        rt_buf__printf(b, "circulating unknown on %s claims (a hop has no dollar figure)",
                       rt_status_name(f->status));
    }
    if (f->has_ratio && l->direct) {
        rt_buf__printf(b, ", round trip %.2f\xc3\x97", f->ratio);
        if (f->ratio_low != f->ratio_high)
            rt_buf__printf(b, " (%.2f\xe2\x80\x93%.2f)", f->ratio_low, f->ratio_high);
    } else if (f->has_ratio) {
        rt_buf__printf(b, ", returns up to %.0f%% of the stake", f->ratio * 100);
    }
    if (f->first_date.year) {
        rt_date_format(d1, sizeof(d1), &f->first_date);
        rt_date_format(d2, sizeof(d2), &f->last_date);
        if (strcmp(d1, d2) == 0)
            rt_buf__printf(b, ", claims dated %s", d1);
        else
            rt_buf__printf(b, ", claims dated %s to %s", d1, d2);
    }
}

static int loop_section(rt_buf *b, const rt_graph *g, const rt_loop *l, const rt_amount *share,
                        size_t number, const char *image, notes *nt)
{
    const rt_dataset *ds = rt_graph_dataset(g);

    rt_buf__printf(b, "### Loop %zu\n\n", number);
    if (image) {
        /* The loop's own diagram (render --loop N), its members as alt text. */
        rt_buf__printf(b, "![Loop %zu: ", number);
        members(b, g, l);
        rt_buf__puts(b, "](");
        rt_url__target(b, image);
        rt_buf__puts(b, ")\n\n");
    }
    members(b, g, l);
    rt_buf__printf(b, " (%s)\n\n", rt_report__kind(l));
    for (size_t i = 0; i < l->length; i++)
        if (hop(b, g, rt_graph_arc(g, l->arcs[i]), nt) < 0)
            return RT_ENOMEM;
    rt_buf__printf(b, "\nOn %s claims: ", rt_status_name(l->weakest));
    figures_of(b, g, l, &l->figures);
    rt_buf__puts(b, ".");
    if (l->has_wider) {
        rt_buf__printf(b, " With %s claims: ", rt_status_name(l->wider.status));
        figures_of(b, g, l, &l->wider);
        rt_buf__puts(b, ".");
    }
    if (share->unit == RT_AMOUNT_USD) {
        rt_buf__puts(b, " Of the most that goes round at once: ");
        amount(b, g, share, "");
        rt_buf__puts(b, ".");
    }
    rt_buf__puts(b, "\n");
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
    return RT_OK;
}

static void footnotes(rt_buf *b, const rt_graph *g, const notes *nt)
{
    const rt_dataset *ds = rt_graph_dataset(g);

    for (size_t k = 0; k < nt->count; k++) {
        const rt_claim *c = rt_dataset_claim(ds, nt->order[k]);
        char text[96], date[16];
        rt_buf__printf(b, "[^%zu]: ", k + 1);
        if (c->source && rt_url__is_web(c->url)) {
            rt_buf__puts(b, "[");
            rt_report__md(b, c->source);
            rt_buf__puts(b, "](");
            rt_url__target(b, c->url); /* no ( ) [ ] < > or space to end the link */
            rt_buf__puts(b, ")");
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
        rt_buf__printf(
            b, ", %s (",
            rt_status_name(rt_claim_status_as_of(c, &rt_graph_options_used(g)->filter.as_of)));
        rt_report__md(b, rt_dataset_relationships_file(ds));
        rt_buf__printf(b, " line %d).\n", c->line);
    }
}

int rt_report__loops_markdown(rt_buf *b, const rt_loops *loops, const rt_packing *pk,
                              const rt_report_options *opts)
{
    const char *image = opts->image, *page = opts->page;
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
    summary(b, loops, pk);
    if (image) {
        rt_buf__puts(b, "![The loops: stakes in blue, spend in orange, thicker for more money](");
        rt_url__target(b, image); /* a relative path, encoded as any link */
        rt_buf__puts(b, ")\n\n");
    }
    if (page) {
        rt_buf__puts(b, "[Explore these loops](");
        rt_url__target(b, page);
        rt_buf__puts(b, "): choose one to light its edges and read its claims, or replay them "
                        "as of any claim date.\n\n");
    }
    if (n > 0) {
        rt_buf__puts(b, "### The loops\n\n");
        table(b, loops, g, pk);
        rt_buf__puts(b, "### On what ground\n\n");
        if ((rc = tiers(b, loops, g)) < 0)
            goto out;
        rc = RT_ENOMEM;
        for (size_t i = 0; i < n; i++)
            if (loop_section(b, g, rt_loops_get(loops, i), rt_packing_share(pk, i), i + 1,
                             i < opts->loop_image_count && opts->loop_images ? opts->loop_images[i]
                                                                             : NULL,
                             &nt) < 0)
                goto out;
        footnotes(b, g, &nt);
    }
    rc = RT_OK;
out:
    rt__free(nt.number);
    rt__free(nt.order);
    return rc;
}
