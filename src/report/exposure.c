/* The entity exposure report: a table per ultimate parent, as text,
 * Markdown or JSON. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report_impl.h"

static void amount_cell(rt_buf *b, const rt_amount *a, size_t count)
{
    char text[96];

    if (count == 0) {
        rt_buf__puts(b, "\xe2\x80\x93");
        return;
    }
    if (a->unit == RT_AMOUNT_USD) {
        rt_amount_format(text, sizeof(text), a);
        rt_buf__puts(b, text);
    } else {
        rt_buf__puts(b, "?");
    }
    rt_buf__printf(b, " (%zu)", count);
}

static void recapture_cell(rt_buf *b, const rt_exposure *e)
{
    char text[96];

    if (e->recapture.unit != RT_AMOUNT_USD) {
        rt_buf__puts(b, "\xe2\x80\x93");
        return;
    }
    rt_amount_format(text, sizeof(text), &e->recapture);
    rt_buf__puts(b, text);
    if (e->has_recapture_ratio)
        rt_buf__printf(b, " (%.2f\xc3\x97)", e->recapture_ratio);
}

static void returns_cell(rt_buf *b, const rt_exposure *e)
{
    char text[96];

    if (e->returns.unit != RT_AMOUNT_USD) {
        rt_buf__puts(b, "\xe2\x80\x93");
        return;
    }
    rt_amount_format(text, sizeof(text), &e->returns);
    rt_buf__puts(b, text);
}

/* Cells are built in a scratch buffer, then padded by characters. */
static void cell(rt_buf *b, rt_buf *scratch, int width, bool markdown)
{
    size_t chars = 0;
    const char *s = scratch->data ? scratch->data : "";

    for (const char *p = s; *p; p++)
        chars += ((unsigned char)*p & 0xc0) != 0x80;
    if (markdown)
        rt_buf__printf(b, " %s |", s);
    else
        rt_buf__printf(b, "%s%*s", s, width > (int)chars ? width - (int)chars : 1, "");
    scratch->len = 0;
    if (scratch->data)
        scratch->data[0] = '\0';
}

static int table(rt_buf *b, const rt_exposures *x, bool markdown)
{
    const rt_graph *g = rt_exposures_graph(x);
    rt_text_fn text = markdown ? rt_report__md : rt_report__plain;
    rt_buf s = RT_BUF_INIT;
    static const char *const heads[] = {"entity",     "stakes out",     "stakes in",
                                        "spend paid", "spend received", "recaptured",
                                        "comes back", "pagerank",       "betweenness"};
    static const int widths[] = {26, 16, 16, 16, 16, 18, 16, 10, 12};

    if (markdown) {
        rt_buf__puts(b, "| Entity | Stakes out | Stakes in | Spend paid | Spend received | "
                        "Recaptured | Comes back | PageRank | Betweenness |\n"
                        "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    } else {
        for (size_t i = 0; i < 9; i++)
            rt_buf__printf(b, "%-*s", widths[i], heads[i]);
        rt_buf__puts(b, "\n");
    }
    for (size_t i = 0; i < rt_exposures_count(x); i++) {
        const rt_exposure *e = rt_exposures_get(x, i);
        if (markdown)
            rt_buf__puts(b, "|");
        text(&s, rt_report__vertex_name(g, e->vertex));
        cell(b, &s, widths[0], markdown);
        amount_cell(&s, &e->stakes_out, e->stakes_out_count);
        cell(b, &s, widths[1], markdown);
        amount_cell(&s, &e->stakes_in, e->stakes_in_count);
        cell(b, &s, widths[2], markdown);
        amount_cell(&s, &e->spend_paid, e->spend_paid_count);
        cell(b, &s, widths[3], markdown);
        amount_cell(&s, &e->spend_received, e->spend_received_count);
        cell(b, &s, widths[4], markdown);
        recapture_cell(&s, e);
        cell(b, &s, widths[5], markdown);
        returns_cell(&s, e);
        cell(b, &s, widths[6], markdown);
        rt_buf__printf(&s, "%.4f", e->pagerank);
        cell(b, &s, widths[7], markdown);
        rt_buf__printf(&s, "%.2f", e->betweenness);
        cell(b, &s, 0, markdown);
        rt_buf__puts(b, "\n");
    }
    rt_buf__free(&s);
    return RT_OK;
}

static void rivals(rt_buf *b, const rt_exposures *x, bool markdown)
{
    const rt_graph *g = rt_exposures_graph(x);
    rt_text_fn text = markdown ? rt_report__md : rt_report__plain;
    bool any = false;

    for (size_t i = 0; i < rt_exposures_count(x); i++) {
        const rt_exposure *e = rt_exposures_get(x, i);
        if (e->rival_lab_count == 0)
            continue;
        if (!any)
            rt_buf__puts(b, markdown ? "\n**Dual allegiance** (stakes in competing labs):\n\n"
                                     : "\ndual allegiance (stakes in competing labs)\n");
        any = true;
        rt_buf__puts(b, markdown ? "- " : "  ");
        text(b, rt_report__vertex_name(g, e->vertex));
        rt_buf__puts(b, ": ");
        for (size_t k = 0; k < e->rival_lab_count; k++) {
            if (k)
                rt_buf__puts(b, ", ");
            text(b, rt_report__vertex_name(g, e->rival_labs[k]));
        }
        rt_buf__puts(b, "\n");
    }
}

static int json_report(rt_buf *b, const rt_exposures *x)
{
    const rt_graph *g = rt_exposures_graph(x);
    json_t *root = json_object(), *arr = json_array();
    bool ok = root && arr && json_object_set_new(root, "entities", arr) == 0;

    for (size_t i = 0; ok && i < rt_exposures_count(x); i++) {
        const rt_exposure *e = rt_exposures_get(x, i);
        json_t *o = json_object(), *labs = json_array();
        ok = o && labs && json_array_append_new(arr, o) == 0 &&
             json_object_set_new(o, "entity", json_string(rt_report__vertex_name(g, e->vertex))) ==
                 0 &&
             json_object_set_new(o, "stakes_out_usd", rt_report__json_usd(&e->stakes_out)) == 0 &&
             json_object_set_new(o, "stakes_out_count",
                                 json_integer((json_int_t)e->stakes_out_count)) == 0 &&
             json_object_set_new(o, "stakes_in_usd", rt_report__json_usd(&e->stakes_in)) == 0 &&
             json_object_set_new(o, "stakes_in_count",
                                 json_integer((json_int_t)e->stakes_in_count)) == 0 &&
             json_object_set_new(o, "spend_paid_usd", rt_report__json_usd(&e->spend_paid)) == 0 &&
             json_object_set_new(o, "spend_paid_count",
                                 json_integer((json_int_t)e->spend_paid_count)) == 0 &&
             json_object_set_new(o, "spend_received_usd",
                                 rt_report__json_usd(&e->spend_received)) == 0 &&
             json_object_set_new(o, "spend_received_count",
                                 json_integer((json_int_t)e->spend_received_count)) == 0 &&
             json_object_set_new(o, "recaptured_usd", rt_report__json_usd(&e->recapture)) == 0 &&
             json_object_set_new(o, "comes_back_usd", rt_report__json_usd(&e->returns)) == 0 &&
             json_object_set_new(o, "recapture_ratio",
                                 e->has_recapture_ratio
                                     ? json_real(round(e->recapture_ratio * 1e4) / 1e4)
                                     : json_null()) == 0 &&
             json_object_set_new(o, "pagerank", json_real(round(e->pagerank * 1e6) / 1e6)) == 0 &&
             json_object_set_new(o, "betweenness", json_real(round(e->betweenness * 1e4) / 1e4)) ==
                 0 &&
             json_object_set_new(o, "dual_allegiance", labs) == 0;
        for (size_t k = 0; ok && k < e->rival_lab_count; k++)
            ok = json_array_append_new(
                     labs, json_string(rt_report__vertex_name(g, e->rival_labs[k]))) == 0;
    }
    ok = ok && rt_report__json_dump(b, root, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    json_decref(root);
    return ok ? RT_OK : RT_ENOMEM;
}

int rt_report_exposures(char **out, const rt_exposures *x, const rt_report_options *opts)
{
    rt_buf b = RT_BUF_INIT;
    int rc = RT_OK;

    if (!out || !x || !opts || opts->version != RT_REPORT_OPTIONS_VERSION)
        return RT_EINVAL;
    *out = NULL;
    switch (opts->format) {
    case RT_FORMAT_JSON:
        rc = json_report(&b, x);
        break;
    case RT_FORMAT_MARKDOWN:
        rt_buf__puts(&b, "## Who is exposed\n\nPer ultimate parent: the stakes it holds and that "
                         "are held in it, the spend it pays and receives (with how many "
                         "relationships, some without a dollar figure), how much spend comes "
                         "back to it from the companies it holds stakes in, and its centrality "
                         "in the money graph.\n\n");
        table(&b, x, true);
        rivals(&b, x, true);
        break;
    case RT_FORMAT_TEXT:
    case RT_FORMAT_SUMMARY:
        table(&b, x, false);
        if (opts->format == RT_FORMAT_TEXT)
            rivals(&b, x, false);
        break;
    default:
        return RT_EINVAL;
    }
    return rt_report__finish(&b, rc, out);
}
