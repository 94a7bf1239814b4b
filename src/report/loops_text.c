/* The loop report as text for a terminal. */
#include <stdio.h>
#include <string.h>

#include "report/report_impl.h"

/* Text from the data, with what a terminal would act on shown instead. */
static void show(rt_buf *b, const char *s)
{
    rt_report__plain(b, s);
}

/* "A -> B" */
static void pair(rt_buf *b, const char *from, const char *to)
{
    show(b, from);
    rt_buf__puts(b, " -> ");
    show(b, to);
}

static void amount(rt_buf *b, const rt_graph *g, const rt_amount *a)
{
    rt_report__amount(b, g, a, "amount unknown", show);
}

typedef struct figure_out {
    rt_buf *b;
    const rt_graph *g;
} figure_out;

/* "$300B reported 2025-09-10 (Wall Street Journal; line 72)" */
static void figure(const rt_claim *const *claims, size_t n, rt_status status, size_t group,
                   void *payload)
{
    figure_out *fo = payload;
    char dates[48];

    if (group)
        rt_buf__puts(fo->b, "; ");
    amount(fo->b, fo->g, &claims[0]->amount);
    rt_report__date_span(dates, sizeof(dates), claims, n);
    rt_buf__printf(fo->b, " %s %s (", rt_status_name(status), dates);
    if (!rt_report__sources(fo->b, claims, n, show))
        fo->b->oom = true;
    rt_buf__printf(fo->b, "; line%s", n > 1 ? "s" : "");
    for (size_t i = 0; i < n; i++)
        rt_buf__printf(fo->b, "%s%d", i ? ", " : " ", claims[i]->line);
    rt_buf__puts(fo->b, ")");
}

/* "compute, as Anthropic -> Google Cloud, $3B reported 2023-10 (...)" */
static int relationship(rt_buf *b, const rt_graph *g, const rt_arc *arc, size_t r)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    const rt_relationship *rel = rt_dataset_relationship(ds, r);
    figure_out fo = {b, g};

    rt_buf__printf(b, "%s ", rt_rel_kind_name(rel->kind));
    if (rel->from != rt_graph_vertex_entity(g, arc->from) ||
        rel->to != rt_graph_vertex_entity(g, arc->to)) {
        rt_buf__puts(b, "as ");
        pair(b, rt_dataset_entity(ds, rel->from)->name, rt_dataset_entity(ds, rel->to)->name);
        rt_buf__puts(b, ": ");
    }
    return rt_report__figures(g, r, figure, &fo);
}

/* "returns up to 40% of the stake", or "returns up to 20-40% ..." */
static void percent(rt_buf *b, double x)
{
    rt_buf__printf(b, x * 100 >= 1 || x == 0 ? "%.0f%%" : "%.2f%%", x * 100);
}

static void figures_of(rt_buf *b, const rt_graph *g, const rt_loop *l, const rt_loop_figures *f)
{
    char d1[16], d2[16];

    if (f->circulating.unit == RT_AMOUNT_USD) {
        rt_buf__puts(b, "circulating ");
        amount(b, g, &f->circulating);
    } else {
        rt_buf__printf(b, "circulating unknown on %s claims", rt_status_name(f->status));
    }
    if (f->has_ratio && l->direct) {
        rt_buf__printf(b, "; round trip %.2fx", f->ratio);
        if (f->ratio_low != f->ratio_high)
            rt_buf__printf(b, " (%.2f-%.2f)", f->ratio_low, f->ratio_high);
    } else if (f->has_ratio) {
        rt_buf__puts(b, "; returns up to ");
        if (f->ratio_low != f->ratio_high) {
            rt_buf__printf(b, "%.0f-", f->ratio_low * 100);
            percent(b, f->ratio_high);
        } else {
            percent(b, f->ratio);
        }
        rt_buf__puts(b, " of the stake");
    }
    if (f->first_date.year) {
        rt_date_format(d1, sizeof(d1), &f->first_date);
        rt_date_format(d2, sizeof(d2), &f->last_date);
        if (strcmp(d1, d2) == 0)
            rt_buf__printf(b, "; claims %s", d1);
        else
            rt_buf__printf(b, "; claims %s to %s", d1, d2);
    }
}

static void figures(rt_buf *b, const rt_graph *g, const rt_loop *l)
{
    rt_buf__printf(b, "     %s, %s: ", rt_report__kind(l), rt_status_name(l->weakest));
    figures_of(b, g, l, &l->figures);
    rt_buf__puts(b, "\n");
    if (!l->has_wider)
        return;
    rt_buf__printf(b, "     with %s claims: ", rt_status_name(l->wider.status));
    figures_of(b, g, l, &l->wider);
    rt_buf__puts(b, "\n");
}

static void links(rt_buf *b, const rt_graph *g, const rt_loop *l)
{
    const rt_dataset *ds = rt_graph_dataset(g);

    for (size_t i = 0; i < l->link_count; i++) {
        const rt_relationship *rel = rt_dataset_relationship(ds, l->links[i]);
        rt_buf__puts(b, "     also linked: ");
        pair(b, rt_dataset_entity(ds, rel->from)->name, rt_dataset_entity(ds, rel->to)->name);
        rt_buf__printf(b, " %s %s (", rt_rel_kind_name(rel->kind),
                       rt_status_name(rt_graph_flow(g, l->links[i])->status));
        if (!rt_report__flow_sources(b, g, l->links[i], show))
            b->oom = true;
        rt_buf__puts(b, ")\n");
    }
}

/* "A -> B -> A" */
static void members(rt_buf *b, const rt_graph *g, const rt_loop *l)
{
    for (size_t i = 0; i < l->length; i++) {
        show(b, rt_report__vertex_name(g, l->vertices[i]));
        rt_buf__puts(b, " -> ");
    }
    show(b, rt_report__vertex_name(g, l->vertices[0]));
}

static int loop(rt_buf *b, const rt_graph *g, const rt_loop *l, const rt_amount *share,
                size_t number)
{
    rt_buf__printf(b, "\n%zu. ", number);
    members(b, g, l);
    rt_buf__puts(b, "\n");
    for (size_t i = 0; i < l->length; i++) {
        const rt_arc *arc = rt_graph_arc(g, l->arcs[i]);
        rt_buf__puts(b, "     ");
        pair(b, rt_report__vertex_name(g, arc->from), rt_report__vertex_name(g, arc->to));
        rt_buf__puts(b, ": ");
        for (size_t k = 0; k < arc->relationship_count; k++) {
            if (k)
                rt_buf__puts(b, " + ");
            if (relationship(b, g, arc, arc->relationships[k]) < 0)
                return RT_ENOMEM;
        }
        rt_buf__puts(b, "\n");
    }
    figures(b, g, l);
    if (share->unit == RT_AMOUNT_USD) {
        rt_buf__puts(b, "     of the most that goes round at once: ");
        amount(b, g, share);
        rt_buf__puts(b, "\n");
    }
    links(b, g, l);
    return RT_OK;
}

static void groups(rt_buf *b, const rt_graph *g)
{
    size_t n = rt_graph_group_count(g);

    if (n == 0)
        return;
    rt_buf__printf(b, "\nentangled groups (money can go round among them): %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        size_t count;
        const size_t *v = rt_graph_group(g, i, &count);
        rt_buf__printf(b, "  %zu entities:", count);
        for (size_t k = 0; k < count; k++) {
            rt_buf__puts(b, k ? ", " : " ");
            show(b, rt_report__vertex_name(g, v[k]));
        }
        rt_buf__puts(b, "\n");
    }
}

static void internal_flows(rt_buf *b, const rt_graph *g)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    size_t n;
    const size_t *internal = rt_graph_internal(g, &n);

    if (n == 0)
        return;
    rt_buf__printf(b, "\ninternal flows (within one parent, not loops): %zu\n", n);
    for (size_t i = 0; i < n; i++) {
        const rt_relationship *rel = rt_dataset_relationship(ds, internal[i]);
        rt_buf__puts(b, "  ");
        pair(b, rt_dataset_entity(ds, rel->from)->name, rt_dataset_entity(ds, rel->to)->name);
        rt_buf__printf(b, " %s\n", rt_rel_kind_name(rel->kind));
    }
}

int rt_report__loops_text(rt_buf *b, const rt_loops *loops, const rt_packing *pk)
{
    const rt_graph *g = rt_loops_graph(loops);
    const rt_loop_options *o = rt_loops_options(loops);
    size_t n = rt_loops_count(loops);

    rt_report__context(b, loops, rt_report__plain);
    rt_buf__printf(b, "%zu %s among %zu cycles; %s\n", n,
                   o->all ? (n == 1 ? "cycle" : "cycles") : (n == 1 ? "loop" : "loops"),
                   rt_loops_cycles_total(loops),
                   rt_loops_truncated(loops) ? "truncated at --max-cycles" : "complete");
    if (n > 0) {
        rt_report__packing(b, loops, pk, false);
        rt_buf__puts(b, "\n");
    }
    for (size_t i = 0; i < n; i++)
        if (loop(b, g, rt_loops_get(loops, i), rt_packing_share(pk, i), i + 1) < 0)
            return RT_ENOMEM;
    groups(b, g);
    internal_flows(b, g);
    return RT_OK;
}

int rt_report__loops_summary(rt_buf *b, const rt_loops *loops, const rt_packing *pk)
{
    const rt_graph *g = rt_loops_graph(loops);

    rt_report__context(b, loops, rt_report__plain);
    if (rt_loops_count(loops) > 0) {
        rt_report__packing(b, loops, pk, false);
        rt_buf__puts(b, "\n");
    }
    rt_buf__printf(b, "%-4s  %-10s  %-8s  %-12s  %-8s  %s\n", "rank", "status", "kind",
                   "circulating", "ratio", "loop");
    for (size_t i = 0; i < rt_loops_count(loops); i++) {
        const rt_loop *l = rt_loops_get(loops, i);
        const rt_loop_figures *f = &l->figures;
        rt_amount s = rt_graph_scenario_amount(g, &f->circulating);
        char amount_text[64] = "?", ratio_text[32] = "?";
        if (s.unit == RT_AMOUNT_USD)
            rt_amount_format(amount_text, sizeof(amount_text), &s);
        if (f->has_ratio && l->direct)
            snprintf(ratio_text, sizeof(ratio_text), "%.2fx", f->ratio);
        else if (f->has_ratio)
            snprintf(ratio_text, sizeof(ratio_text), "%.0f%%", f->ratio * 100);
        /* Pad by characters, not bytes: the en dash of a range is 3 bytes. */
        rt_buf__printf(b, "%-4zu  %-10s  %-8s  %-*s  %-8s  ", i + 1, rt_status_name(l->weakest),
                       rt_report__kind(l), 12 + (strstr(amount_text, "\xe2\x80\x93") ? 2 : 0),
                       amount_text, ratio_text);
        members(b, g, l);
        if (l->has_wider) {
            rt_amount w = rt_graph_scenario_amount(g, &l->wider.circulating);
            char wider[64] = "?";
            if (w.unit == RT_AMOUNT_USD)
                rt_amount_format(wider, sizeof(wider), &w);
            rt_buf__printf(b, "  (with %s claims: %s", rt_status_name(l->wider.status), wider);
            if (l->wider.has_ratio && l->direct)
                rt_buf__printf(b, ", %.2fx", l->wider.ratio);
            else if (l->wider.has_ratio)
                rt_buf__printf(b, ", %.0f%%", l->wider.ratio * 100);
            rt_buf__puts(b, ")");
        }
        rt_buf__puts(b, "\n");
    }
    return RT_OK;
}
