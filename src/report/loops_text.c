/* The loop report as text for a terminal. */
#include <stdio.h>
#include <string.h>

#include "report/report_impl.h"

static void amount(rt_buf *b, const rt_graph *g, const rt_amount *a)
{
    char text[96];
    rt_amount s = rt_graph_scenario_amount(g, a);

    if (s.unit == RT_AMOUNT_UNKNOWN) {
        rt_buf__puts(b, "amount unknown");
        return;
    }
    rt_amount_format(text, sizeof(text), &s);
    rt_buf__puts(b, text);
}

/* "equity $13B confirmed, as Microsoft -> Azure (Source; line 21, 22)" */
static void relationship(rt_buf *b, const rt_graph *g, const rt_arc *arc, size_t r)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    const rt_relationship *rel = rt_dataset_relationship(ds, r);
    const rt_flow *fl = rt_graph_flow(g, r);

    rt_buf__printf(b, "%s ", rt_rel_kind_name(rel->kind));
    amount(b, g, &fl->amount);
    rt_buf__printf(b, " %s", rt_status_name(fl->status));
    if (rel->from != rt_graph_vertex_entity(g, arc->from) ||
        rel->to != rt_graph_vertex_entity(g, arc->to))
        rt_buf__printf(b, ", as %s -> %s", rt_dataset_entity(ds, rel->from)->name,
                       rt_dataset_entity(ds, rel->to)->name);
    rt_buf__puts(b, " (");
    rt_report__sources(b, g, r);
    rt_buf__printf(b, "; line%s", fl->claim_count > 1 ? "s" : "");
    for (size_t i = 0; i < fl->claim_count; i++)
        rt_buf__printf(b, "%s%d", i ? ", " : " ", rt_dataset_claim(ds, fl->claims[i])->line);
    rt_buf__puts(b, ")");
}

static void figures(rt_buf *b, const rt_graph *g, const rt_loop *l)
{
    char d1[16], d2[16];

    rt_buf__puts(b, "     circulating ");
    amount(b, g, &l->circulating);
    if (l->has_ratio) {
        rt_buf__printf(b, "; round trip %.2fx", l->ratio);
        if (l->ratio_low != l->ratio_high)
            rt_buf__printf(b, " (%.2f-%.2f)", l->ratio_low, l->ratio_high);
    }
    rt_buf__printf(b, "; weakest %s", rt_status_name(l->weakest));
    if (l->first_date.year) {
        rt_date_format(d1, sizeof(d1), &l->first_date);
        rt_date_format(d2, sizeof(d2), &l->last_date);
        rt_buf__printf(b, "; claims %s to %s", d1, d2);
    }
    rt_buf__puts(b, "\n");
}

static void links(rt_buf *b, const rt_graph *g, const rt_loop *l)
{
    const rt_dataset *ds = rt_graph_dataset(g);

    for (size_t i = 0; i < l->link_count; i++) {
        const rt_relationship *rel = rt_dataset_relationship(ds, l->links[i]);
        rt_buf__printf(b, "     also linked: %s -> %s %s %s (",
                       rt_dataset_entity(ds, rel->from)->name, rt_dataset_entity(ds, rel->to)->name,
                       rt_rel_kind_name(rel->kind),
                       rt_status_name(rt_graph_flow(g, l->links[i])->status));
        rt_report__sources(b, g, l->links[i]);
        rt_buf__puts(b, ")\n");
    }
}

static void loop(rt_buf *b, const rt_graph *g, const rt_loop *l, size_t number)
{
    rt_buf__printf(b, "\n%zu. ", number);
    for (size_t i = 0; i < l->length; i++)
        rt_buf__printf(b, "%s -> ", rt_report__vertex_name(g, l->vertices[i]));
    rt_buf__printf(b, "%s\n", rt_report__vertex_name(g, l->vertices[0]));
    for (size_t i = 0; i < l->length; i++) {
        const rt_arc *arc = rt_graph_arc(g, l->arcs[i]);
        rt_buf__printf(b, "     %s -> %s: ", rt_report__vertex_name(g, arc->from),
                       rt_report__vertex_name(g, arc->to));
        for (size_t k = 0; k < arc->relationship_count; k++) {
            if (k)
                rt_buf__puts(b, "; ");
            relationship(b, g, arc, arc->relationships[k]);
        }
        rt_buf__puts(b, "\n");
    }
    figures(b, g, l);
    links(b, g, l);
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
        for (size_t k = 0; k < count; k++)
            rt_buf__printf(b, "%s %s", k ? "," : "", rt_report__vertex_name(g, v[k]));
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
        rt_buf__printf(b, "  %s -> %s %s\n", rt_dataset_entity(ds, rel->from)->name,
                       rt_dataset_entity(ds, rel->to)->name, rt_rel_kind_name(rel->kind));
    }
}

int rt_report__loops_text(rt_buf *b, const rt_loops *loops)
{
    const rt_graph *g = rt_loops_graph(loops);
    const rt_dataset *ds = rt_graph_dataset(g);
    const rt_loop_options *o = rt_loops_options(loops);
    size_t n = rt_loops_count(loops);

    rt_buf__printf(b, "%zu entities, %zu relationships (claims from %s)\n",
                   rt_dataset_entity_count(ds), rt_dataset_relationship_count(ds),
                   rt_dataset_relationships_file(ds));
    rt_buf__printf(b, "%zu %s among %zu cycles of ", n,
                   o->all ? (n == 1 ? "cycle" : "cycles") : (n == 1 ? "loop" : "loops"),
                   rt_loops_cycles_total(loops));
    if (o->cycles.max_len)
        rt_buf__printf(b, "up to %zu hops", o->cycles.max_len);
    else
        rt_buf__puts(b, "any length");
    rt_buf__printf(b, "%s; %s\n",
                   rt_graph_options_used(g)->consolidate ? ", subsidiaries in their parents" : "",
                   rt_loops_truncated(loops) ? "truncated at --max-cycles" : "complete");
    for (size_t i = 0; i < n; i++)
        loop(b, g, rt_loops_get(loops, i), i + 1);
    groups(b, g);
    internal_flows(b, g);
    return RT_OK;
}

int rt_report__loops_summary(rt_buf *b, const rt_loops *loops)
{
    const rt_graph *g = rt_loops_graph(loops);

    rt_buf__printf(b, "%-4s  %-10s  %-12s  %-7s  %s\n", "rank", "status", "circulating", "ratio",
                   "loop");
    for (size_t i = 0; i < rt_loops_count(loops); i++) {
        const rt_loop *l = rt_loops_get(loops, i);
        rt_amount s = rt_graph_scenario_amount(g, &l->circulating);
        char amount_text[64] = "?", ratio_text[32] = "?";
        if (s.unit == RT_AMOUNT_USD)
            rt_amount_format(amount_text, sizeof(amount_text), &s);
        if (l->has_ratio)
            snprintf(ratio_text, sizeof(ratio_text), "%.2fx", l->ratio);
        /* Pad by characters, not bytes: the en dash of a range is 3 bytes. */
        rt_buf__printf(b, "%-4zu  %-10s  %-*s  %-7s  ", i + 1, rt_status_name(l->weakest),
                       12 + (strstr(amount_text, "\xe2\x80\x93") ? 2 : 0), amount_text, ratio_text);
        for (size_t k = 0; k < l->length; k++)
            rt_buf__printf(b, "%s -> ", rt_report__vertex_name(g, l->vertices[k]));
        rt_buf__printf(b, "%s\n", rt_report__vertex_name(g, l->vertices[0]));
    }
    return RT_OK;
}
