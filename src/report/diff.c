/* The report of what changed between two versions: text, Markdown, JSON. */
#include <jansson.h>
#include <string.h>

#include "report/report_impl.h"

static const char *const mark[] = {"+", "-", "~"};
static const char *const word[] = {"appeared", "disappeared", "changed"};
static const char *const rel_word[] = {"added", "removed", "changed"};

/* The text and Markdown reports: how text from the data is written, and
 * the arrow between names. */
typedef struct style {
    rt_text_fn text;
    const char *arrow;
    bool markdown;
} style;

static const style text_style = {rt_report__plain, " -> ", false};
static const style markdown_style = {rt_report__md, " \xe2\x86\x92 ", true};

static void names(rt_buf *b, const rt_graph *g, const rt_loop *l, const style *st)
{
    for (size_t i = 0; i <= l->length; i++) {
        st->text(b, rt_report__vertex_name(g, l->vertices[i % l->length]));
        if (i < l->length)
            rt_buf__puts(b, st->arrow);
    }
}

static void figures(rt_buf *b, const rt_graph *g, const rt_loop *l)
{
    char text[96];
    rt_amount c = rt_graph_scenario_amount(g, &l->figures.circulating);

    if (c.unit == RT_AMOUNT_USD)
        rt_amount_format(text, sizeof(text), &c);
    else
        strcpy(text, "amount unknown");
    rt_buf__printf(b, "%s, %s", rt_status_name(l->weakest), text);
}

typedef struct figure_out {
    rt_buf *b;
    const rt_graph *g;
    const style *st;
} figure_out;

/* "$300B reported"; an amount in another unit is text from the data. */
static void figure(const rt_claim *const *claims, size_t n, rt_status status, size_t group,
                   void *payload)
{
    figure_out *fo = payload;

    (void)n;
    rt_buf__puts(fo->b, group ? "; " : "");
    rt_report__amount(fo->b, fo->g, &claims[0]->amount, "amount unknown", fo->st->text);
    rt_buf__printf(fo->b, " %s", rt_status_name(status));
}

/* "compute $300B reported; 4.5 GW confirmed": each figure with its status;
 * a link, which carries no money, with its status alone. */
static void relationship(rt_buf *b, const rt_graph *g, size_t r, const style *st)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    const rt_relationship *rel = rt_dataset_relationship(ds, r);
    figure_out fo = {b, g, st};

    rt_buf__printf(b, "%s ", rt_rel_kind_name(rel->kind));
    if (rt_rel_kind_class(rel->kind) == RT_CLASS_LINK)
        rt_buf__puts(b, rt_status_name(rt_graph_flow(g, r)->status));
    else if (rt_report__figures(g, r, figure, &fo) < 0)
        b->oom = true;
}

static void relationship_name(rt_buf *b, const rt_graph *g, size_t r, const style *st)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    const rt_relationship *rel = rt_dataset_relationship(ds, r);

    st->text(b, rt_dataset_entity(ds, rel->from)->name);
    rt_buf__puts(b, st->arrow);
    st->text(b, rt_dataset_entity(ds, rel->to)->name);
}

static void text_report(rt_buf *b, const rt_diff *d, const style *st)
{
    bool markdown = st->markdown;
    const rt_graph *og = rt_loops_graph(rt_diff_old(d)), *ng = rt_loops_graph(rt_diff_new(d));
    size_t counts[3] = {0, 0, 0}, rcounts[3] = {0, 0, 0};

    for (size_t i = 0; i < rt_diff_loop_count(d); i++)
        counts[rt_diff_loop(d, i)->change]++;
    for (size_t i = 0; i < rt_diff_relationship_count(d); i++)
        rcounts[rt_diff_relationship(d, i)->change]++;
    if (markdown)
        rt_buf__puts(b, "## What changed\n\n");
    rt_buf__printf(b, "%sLoops: %zu appeared, %zu disappeared, %zu changed%s\n",
                   markdown ? "**" : "", counts[0], counts[1], counts[2], markdown ? ".**\n" : "");
    for (int c = 0; c < 3; c++)
        for (size_t i = 0; i < rt_diff_loop_count(d); i++) {
            const rt_loop_diff *x = rt_diff_loop(d, i);
            if ((int)x->change != c)
                continue;
            rt_buf__printf(b, "%s %s ", markdown ? "-" : "", mark[c]);
            names(b, x->new_loop ? ng : og, x->new_loop ? x->new_loop : x->old_loop, st);
            rt_buf__printf(b, ", %s (", rt_report__kind(x->new_loop ? x->new_loop : x->old_loop));
            if (x->old_loop)
                figures(b, og, x->old_loop);
            if (x->old_loop && x->new_loop)
                rt_buf__puts(b, " \xe2\x86\x92 ");
            if (x->new_loop)
                figures(b, ng, x->new_loop);
            rt_buf__printf(b, ") %s\n", word[c]);
        }
    rt_buf__printf(b, "%s%sRelationships: %zu added, %zu removed, %zu changed%s\n",
                   markdown ? "\n" : "", markdown ? "**" : "", rcounts[0], rcounts[1], rcounts[2],
                   markdown ? ".**\n" : "");
    for (int c = 0; c < 3; c++)
        for (size_t i = 0; i < rt_diff_relationship_count(d); i++) {
            const rt_relationship_diff *x = rt_diff_relationship(d, i);
            if ((int)x->change != c)
                continue;
            rt_buf__printf(b, "%s %s ", markdown ? "-" : "", mark[c]);
            if (x->new_relationship != RT_NONE)
                relationship_name(b, ng, x->new_relationship, st);
            else
                relationship_name(b, og, x->old_relationship, st);
            rt_buf__puts(b, ": ");
            if (x->old_relationship != RT_NONE)
                relationship(b, og, x->old_relationship, st);
            if (x->old_relationship != RT_NONE && x->new_relationship != RT_NONE)
                rt_buf__puts(b, " \xe2\x86\x92 ");
            if (x->new_relationship != RT_NONE)
                relationship(b, ng, x->new_relationship, st);
            rt_buf__printf(b, " (%s)\n", rel_word[c]);
        }
}

static json_t *loop_json(const rt_graph *g, const rt_loop *l)
{
    json_t *o = json_object(), *members = json_array();
    rt_amount c;

    if (!o || !members || json_object_set_new(o, "entities", members) != 0) {
        json_decref(o);
        return NULL;
    }
    for (size_t i = 0; i < l->length; i++)
        if (json_array_append_new(members, json_string(rt_report__vertex_name(g, l->vertices[i]))))
            goto fail;
    c = rt_graph_scenario_amount(g, &l->figures.circulating);
    if (json_object_set_new(o, "status", json_string(rt_status_name(l->weakest))) ||
        json_object_set_new(o, "circulating_usd",
                            c.unit == RT_AMOUNT_USD ? json_pack("{sIsI}", "low", (json_int_t)c.low,
                                                                "high", (json_int_t)c.high)
                                                    : json_null()))
        goto fail;
    return o;
fail:
    json_decref(o);
    return NULL;
}

static int json_report(rt_buf *b, const rt_diff *d)
{
    const rt_graph *og = rt_loops_graph(rt_diff_old(d)), *ng = rt_loops_graph(rt_diff_new(d));
    json_t *root = json_object(), *loops = json_array(), *rels = json_array();
    bool ok = root && loops && rels && json_object_set_new(root, "loops", loops) == 0 &&
              json_object_set_new(root, "relationships", rels) == 0;

    for (size_t i = 0; ok && i < rt_diff_loop_count(d); i++) {
        const rt_loop_diff *x = rt_diff_loop(d, i);
        json_t *o = json_object();
        ok = o && json_array_append_new(loops, o) == 0 &&
             json_object_set_new(o, "change", json_string(word[x->change])) == 0 &&
             json_object_set_new(o, "old",
                                 x->old_loop ? loop_json(og, x->old_loop) : json_null()) == 0 &&
             json_object_set_new(o, "new",
                                 x->new_loop ? loop_json(ng, x->new_loop) : json_null()) == 0;
    }
    for (size_t i = 0; ok && i < rt_diff_relationship_count(d); i++) {
        const rt_relationship_diff *x = rt_diff_relationship(d, i);
        const rt_graph *g = x->new_relationship != RT_NONE ? ng : og;
        size_t r = x->new_relationship != RT_NONE ? x->new_relationship : x->old_relationship;
        const rt_dataset *ds = rt_graph_dataset(g);
        const rt_relationship *rel = rt_dataset_relationship(ds, r);
        json_t *o = json_object();
        ok = o && json_array_append_new(rels, o) == 0 &&
             json_object_set_new(o, "change", json_string(rel_word[x->change])) == 0 &&
             json_object_set_new(o, "from", json_string(rt_dataset_entity(ds, rel->from)->name)) ==
                 0 &&
             json_object_set_new(o, "to", json_string(rt_dataset_entity(ds, rel->to)->name)) == 0 &&
             json_object_set_new(o, "kind", json_string(rt_rel_kind_name(rel->kind))) == 0 &&
             json_object_set_new(
                 o, "old_status",
                 x->old_relationship != RT_NONE
                     ? json_string(rt_status_name(rt_graph_flow(og, x->old_relationship)->status))
                     : json_null()) == 0 &&
             json_object_set_new(
                 o, "new_status",
                 x->new_relationship != RT_NONE
                     ? json_string(rt_status_name(rt_graph_flow(ng, x->new_relationship)->status))
                     : json_null()) == 0;
    }
    ok = ok && rt_report__json_dump(b, root, JSON_INDENT(2));
    json_decref(root);
    return ok ? RT_OK : RT_ENOMEM;
}

int rt_report_diff(char **out, const rt_diff *d, const rt_report_options *opts)
{
    rt_buf b = RT_BUF_INIT;
    int rc = RT_OK;

    if (!out || !d || !opts || opts->version != RT_REPORT_OPTIONS_VERSION)
        return RT_EINVAL;
    *out = NULL;
    if (opts->format == RT_FORMAT_JSON)
        rc = json_report(&b, d);
    else if (opts->format == RT_FORMAT_TEXT || opts->format == RT_FORMAT_MARKDOWN)
        text_report(&b, d, opts->format == RT_FORMAT_MARKDOWN ? &markdown_style : &text_style);
    else
        return RT_EINVAL;
    return rt_report__finish(&b, rc, out);
}
