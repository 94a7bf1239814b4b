/* Report dispatch and what the writers share. */
#include "report/report_impl.h"

#include <jansson.h>
#include <string.h>

#include "util/alloc.h"

const char *rt_report__vertex_name(const rt_graph *g, size_t v)
{
    return rt_dataset_entity(rt_graph_dataset(g), rt_graph_vertex_entity(g, v))->name;
}

void rt_report__sources(rt_buf *b, const rt_graph *g, size_t relationship)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    const rt_flow *fl = rt_graph_flow(g, relationship);
    size_t shown = 0;

    for (size_t i = 0; i < fl->claim_count; i++) {
        const char *src = rt_dataset_claim(ds, fl->claims[i])->source;
        bool seen = false;
        if (!src)
            continue;
        /* Sources are interned: equal names are equal pointers. */
        for (size_t k = 0; k < i && !seen; k++)
            seen = rt_dataset_claim(ds, fl->claims[k])->source == src;
        if (!seen)
            rt_buf__printf(b, "%s%s", shown++ ? ", " : "", src);
    }
    if (shown == 0)
        rt_buf__puts(b, "no source");
}

rt_date rt_report__first_date(const rt_graph *g, size_t relationship)
{
    const rt_dataset *ds = rt_graph_dataset(g);
    const rt_flow *fl = rt_graph_flow(g, relationship);
    rt_date first = {0, 0, 0};

    for (size_t i = 0; i < fl->claim_count; i++) {
        const rt_date *d = &rt_dataset_claim(ds, fl->claims[i])->date;
        if (d->year && (first.year == 0 || rt_date_compare(d, &first) < 0))
            first = *d;
    }
    return first;
}

void rt_report__md(rt_buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '\n' || *s == '\r')
            rt_buf__puts(b, " ");
        else if (strchr("\\`*_{}[]()#+-.!|<>~&", *s))
            rt_buf__printf(b, "\\%c", *s);
        else
            rt_buf__printf(b, "%c", *s);
    }
}

json_t *rt_report__json_usd(const rt_amount *a)
{
    json_t *o;

    if (a->unit != RT_AMOUNT_USD)
        return json_null();
    o = json_object();
    if (o && json_object_set_new(o, "low", json_integer(a->low)) == 0 &&
        json_object_set_new(o, "high", json_integer(a->high)) == 0)
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

int rt_report_loops(char **out, const rt_loops *loops, const rt_report_options *opts)
{
    rt_buf b = RT_BUF_INIT;
    int rc;

    if (!out || !loops || !opts || opts->version != RT_REPORT_OPTIONS_VERSION ||
        rt_loops_options(loops)->count_only)
        return RT_EINVAL;
    *out = NULL;
    switch (opts->format) {
    case RT_FORMAT_TEXT:
        rc = rt_report__loops_text(&b, loops);
        break;
    case RT_FORMAT_JSON:
        rc = rt_report__loops_json(&b, loops);
        break;
    case RT_FORMAT_SUMMARY:
        rc = rt_report__loops_summary(&b, loops);
        break;
    case RT_FORMAT_MARKDOWN:
        rc = rt_report__loops_markdown(&b, loops, opts->image);
        break;
    default:
        return RT_EINVAL;
    }
    return rt_report__finish(&b, rc, out);
}

void rt_report_free(char *report)
{
    rt__free(report);
}
