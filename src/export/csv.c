/*
 * The loops as CSV, for spreadsheets and Flourish: csv-loops has a row per
 * loop with the figures `roundtrip loops --format json` gives it;
 * csv-hops a row per hop of a loop and claim on it (every claim the
 * filters keep on each relationship of the hop, as the JSON report lists
 * them), with its source.
 *
 * As RFC 4180 writes CSV: a header row, CRLF line ends, a field quoted
 * when it holds a comma, a double quote or a line break, and a double
 * quote doubled inside one. A spreadsheet runs a cell that starts with
 * "=", "+", "-" or "@" (and, in some, a tab or a carriage return) as a
 * formula, so a field from the data that starts with one gets a leading
 * "'", which spreadsheets show as text (OWASP's CSV injection advice).
 * The data is otherwise as written, like the JSON report: a spreadsheet
 * is not a terminal. Dollar figures are whole dollars, the graph's
 * scenario taken; ratios have four decimals, as the JSON report rounds.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "export/export_impl.h"
#include "report/report_impl.h"
#include "roundtrip/roundtrip.h"

/* A field of our own (numbers, dates, names of kinds): never quoted. */
static void cell(rt_buf *b, const char *s, bool first)
{
    if (!first)
        rt_buf__puts(b, ",");
    rt_buf__puts(b, s);
}

/* A field from the data. */
static void text_cell(rt_buf *b, const char *s, bool first)
{
    bool quote = s[strcspn(s, ",\"\r\n")] != '\0';

    if (!first)
        rt_buf__puts(b, ",");
    if (quote)
        rt_buf__puts(b, "\"");
    if (s[0] && strchr("=+-@\t\r", s[0]))
        rt_buf__puts(b, "'");
    for (const char *p = s; *p; p++) {
        size_t n = strcspn(p, "\"");
        rt_buf__add(b, p, n);
        p += n;
        if (!*p)
            break;
        rt_buf__puts(b, "\"\"");
    }
    if (quote)
        rt_buf__puts(b, "\"");
}

static void end_row(rt_buf *b)
{
    rt_buf__puts(b, "\r\n");
}

static void number_cell(rt_buf *b, int64_t n)
{
    rt_buf__printf(b, ",%" PRId64, n);
}

/* Low and high of a USD amount (as the scenario takes it), or two empty fields. */
static void usd_cells(rt_buf *b, const rt_graph *g, const rt_amount *a)
{
    rt_amount s = rt_graph_scenario_amount(g, a);

    if (s.unit != RT_AMOUNT_USD) {
        rt_buf__puts(b, ",,");
        return;
    }
    number_cell(b, s.low);
    number_cell(b, s.high);
}

static void ratio_cell(rt_buf *b, bool has, double x)
{
    if (has)
        rt_buf__printf(b, ",%.4f", rt_export__ratio(x));
    else
        rt_buf__puts(b, ",");
}

static void date_cell(rt_buf *b, const rt_date *d)
{
    char buf[16];

    cell(b, rt_export__date(buf, d), false);
}

int rt_export__csv_loops(rt_buf *b, const rt_export_view *v)
{
    rt_buf members = RT_BUF_INIT;
    size_t n = rt_loops_count(v->loops);

    rt_buf__puts(b, "rank,members,length,kind,status,circulating_low_usd,circulating_high_usd,"
                    "ratio,ratio_low,ratio_high,first_date,last_date\r\n");
    for (size_t i = 0; i < n && !members.oom; i++) {
        const rt_loop *l = rt_loops_get(v->loops, i);
        const rt_loop_figures *f = &l->figures;
        members.len = 0;
        for (size_t k = 0; k <= l->length; k++)
            rt_buf__printf(&members, "%s%s", k ? " -> " : "",
                           rt_report__vertex_name(v->g, l->vertices[k % l->length]));
        if (members.oom)
            break;
        rt_buf__printf(b, "%zu", i + 1);
        text_cell(b, members.data, false);
        rt_buf__printf(b, ",%zu", l->length);
        cell(b, rt_report__kind(l), false);
        cell(b, rt_status_name(f->status), false);
        usd_cells(b, v->g, &f->circulating);
        ratio_cell(b, f->has_ratio, f->ratio);
        ratio_cell(b, f->has_ratio, f->ratio_low);
        ratio_cell(b, f->has_ratio, f->ratio_high);
        date_cell(b, &f->first_date);
        date_cell(b, &f->last_date);
        end_row(b);
    }
    if (members.oom) {
        rt_buf__free(&members);
        return RT_ENOMEM;
    }
    rt_buf__free(&members);
    return b->oom ? RT_ENOMEM : RT_OK;
}

static void claim_row(rt_buf *b, const rt_export_view *v, size_t rank, size_t hop,
                      const rt_arc *arc, const rt_relationship *rel, const rt_claim *c)
{
    const rt_date *as_of = &rt_graph_options_used(v->g)->filter.as_of;

    rt_buf__printf(b, "%zu,%zu", rank, hop);
    text_cell(b, rt_report__vertex_name(v->g, arc->from), false);
    text_cell(b, rt_report__vertex_name(v->g, arc->to), false);
    text_cell(b, rt_dataset_entity(v->ds, rel->from)->name, false);
    text_cell(b, rt_dataset_entity(v->ds, rel->to)->name, false);
    cell(b, rt_rel_kind_name(rel->kind), false);
    cell(b, rt_rel_class_name(rt_rel_kind_class(rel->kind)), false);
    text_cell(b, c->amount.text ? c->amount.text : "", false);
    usd_cells(b, v->g, &c->amount);
    cell(b, rt_status_name(rt_claim_status_as_of(c, as_of)), false);
    date_cell(b, &c->date);
    date_cell(b, &c->until);
    text_cell(b, c->source ? c->source : "", false);
    text_cell(b, c->url ? c->url : "", false);
    rt_buf__printf(b, ",%d", c->line);
    end_row(b);
}

int rt_export__csv_hops(rt_buf *b, const rt_export_view *v)
{
    size_t n = rt_loops_count(v->loops);

    rt_buf__puts(b, "rank,hop,from,to,relationship_from,relationship_to,kind,class,amount,"
                    "amount_low_usd,amount_high_usd,status,date,until,source,url,line\r\n");
    for (size_t i = 0; i < n && !b->oom; i++) {
        const rt_loop *l = rt_loops_get(v->loops, i);
        for (size_t h = 0; h < l->length; h++) {
            const rt_arc *arc = rt_graph_arc(v->g, l->arcs[h]);
            for (size_t k = 0; k < arc->relationship_count; k++) {
                size_t r = arc->relationships[k];
                const rt_flow *fl = rt_graph_flow(v->g, r);
                for (size_t c = 0; c < fl->claim_count; c++)
                    claim_row(b, v, i + 1, h + 1, arc, rt_dataset_relationship(v->ds, r),
                              rt_dataset_claim(v->ds, fl->claims[c]));
            }
        }
    }
    return b->oom ? RT_ENOMEM : RT_OK;
}
