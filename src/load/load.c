/*
 * Loading a dataset: entities.csv, then relationships.csv, checked row by
 * row. Every problem becomes a diagnostic with its file, line and column,
 * and loading goes on so that one run reports them all; a load with any
 * error returns RT_EDATA and no dataset.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "load/load.h"
#include "model/model.h"
#include "util/alloc.h"

/*
 * Suggesting a name compares it with every name, so a load has a budget of
 * comparisons: a huge file full of unknown names gets suggestions for its
 * first problems and plain messages after, instead of taking quadratic time.
 */
#define SUGGEST_BUDGET ((size_t)4 * 1000 * 1000)

void rt_load__diag(loader *ld, rt_severity sev, int line, int col, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (rt_diags__addv(ld->diags, sev, ld->file, line, col, fmt, ap) < 0)
        ld->rc = RT_ENOMEM;
    va_end(ap);
}

void rt_load__diag_at(loader *ld, rt_severity sev, const rt_csv_row *row, enum column c,
                      const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (rt_diags__addv(ld->diags, sev, ld->file, rt_load__line(ld, row, c), rt_load__col(ld, c),
                       fmt, ap) < 0)
        ld->rc = RT_ENOMEM;
    va_end(ap);
}

int rt_load__line(const loader *ld, const rt_csv_row *row, enum column c)
{
    const rt_csv_field *f = rt_load__field(ld, row, c);

    return f ? f->line : row->line;
}

const char *rt_load__optional(loader *ld, const rt_csv_row *row, enum column c)
{
    const rt_csv_field *f = rt_load__field(ld, row, c);
    const char *s;

    if (!f || f->len == 0)
        return NULL;
    s = rt_strtab__intern(&ld->ds->strings, f->data, f->len);
    if (!s)
        ld->rc = RT_ENOMEM;
    return s;
}

const char *rt_load__optional_copy(loader *ld, const rt_csv_row *row, enum column c)
{
    const rt_csv_field *f = rt_load__field(ld, row, c);
    const char *s;

    if (!f || f->len == 0)
        return NULL;
    s = rt_arena__strndup(&ld->ds->strings.arena, f->data, f->len);
    if (!s)
        ld->rc = RT_ENOMEM;
    return s;
}

size_t rt_load__find(loader *ld, const char *s, size_t n)
{
    size_t idx;
    int rc = rt_dataset__lookup(ld->ds, s, n, &idx);

    if (rc < 0)
        ld->rc = rc;
    return rc == 0 ? idx : RT_NONE;
}

void rt_load__unknown_word(loader *ld, const rt_csv_row *row, enum column c, const char *what,
                           const char *s, size_t n, const char *suggestion, const char *expected)
{
    char q[RT_QUOTE_SIZE];

    rt_text__quote(q, sizeof(q), s, n);
    if (suggestion)
        rt_load__diag_at(ld, RT_SEVERITY_ERROR, row, c, "unknown %s '%s' (did you mean '%s'?)",
                         what, q, suggestion);
    else
        rt_load__diag_at(ld, RT_SEVERITY_ERROR, row, c, "unknown %s '%s' (expected %s)", what, q,
                         expected);
}

const char *rt_load__suggest_entity(loader *ld, char *buf, size_t len, const char *s, size_t n)
{
    const rt_dataset *ds = ld->ds;
    size_t cost = ds->names.count;
    char q[RT_QUOTE_SIZE];
    rt_suggest sg;

    if (cost > ld->suggest_budget)
        return "";
    ld->suggest_budget -= cost;
    rt_suggest__init(&sg, s, n);
    for (size_t i = 0; i < ds->entity_count; i++) {
        const rt_entity *e = &ds->entities[i];
        rt_suggest__offer(&sg, e->name);
        for (size_t k = 0; k < e->alias_count; k++)
            rt_suggest__offer(&sg, e->aliases[k]);
    }
    if (!sg.best)
        return "";
    rt_text__quote(q, sizeof(q), sg.best, strlen(sg.best));
    snprintf(buf, len, " (did you mean '%s'?)", q);
    return buf;
}

/*
 * The first control character of a field, or -1: C0 controls and DEL, and
 * the C1 controls U+0080-U+009F (a terminal reads U+009B as ESC [). Only a
 * note may hold tabs and line breaks. Nothing from the data can then move
 * a terminal's cursor, forge a report line or make an SVG that does not
 * parse. The field is valid UTF-8.
 */
static long control_char(const rt_csv_field *f, bool note)
{
    const unsigned char *s = (const unsigned char *)f->data;

    for (size_t i = 0; i < f->len; i++) {
        if (s[i] == 0x7f ||
            (s[i] < 0x20 && !(note && (s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))))
            return s[i];
        if (s[i] == 0xc2 && i + 1 < f->len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9f)
            return s[i + 1];
    }
    return -1;
}

/* Report every field of a row that holds a control character; true when
 * none does. */
static bool row_is_printable(loader *ld, const rt_csv_row *row)
{
    bool ok = true;

    for (int c = 0; c < COL_COUNT; c++) {
        const rt_csv_field *f = rt_load__field(ld, row, (enum column)c);
        long ch = f ? control_char(f, c == COL_NOTE) : -1;
        if (ch < 0)
            continue;
        rt_load__diag_at(ld, RT_SEVERITY_ERROR, row, (enum column)c,
                         "control character U+%04lX in '%s'%s", (unsigned long)ch,
                         rt_load__column_name((enum column)c),
                         c == COL_NOTE ? "" : " (only a note may hold tabs and line breaks)");
        ok = false;
    }
    return ok;
}

/* The first row names the columns; the others go to the file's row function. */
static int on_row(const rt_csv_row *row, void *payload)
{
    loader *ld = payload;

    if (!ld->header_done) {
        ld->header_done = true;
        rt_load__header(ld, row);
        return ld->rc;
    }
    ld->rows++;
    /* The row's other problems are reported too: the load fails either way. */
    (void)row_is_printable(ld, row);
    return ld->rc ? ld->rc : ld->row_fn(ld, row);
}

static int load_file(loader *ld, const rt_source *src, const schema *sc, row_fn fn)
{
    size_t first = rt_diags_count(ld->diags);
    int rc;

    ld->file = src->name;
    ld->schema = sc;
    ld->header_done = false;
    ld->rows = 0;
    ld->row_fn = fn;
    for (int c = 0; c < COL_COUNT; c++)
        ld->col[c] = -1;
    rc = rt_csv__read(src->name, src->data, src->len, ld->diags, on_row, ld);
    if (rc == 0)
        rc = ld->rc;
    if (rc == 0 && sc == &rt_load__entity_schema) {
        /* Without names, relationships.csv cannot be checked against them. */
        ld->entities_broken = ld->col[COL_NAME] < 0;
        rt_load__resolve_parents(ld);
        rc = ld->rc;
    }
    if (rc == 0 && sc == &rt_load__relationship_schema && ld->header_done && ld->rows == 0 &&
        rt_diags_count(ld->diags) == first)
        rt_load__diag(ld, RT_SEVERITY_WARNING, 0, 0, "no relationships in the file");
    rt_diags__sort_from(ld->diags, first);
    return rc ? rc : ld->rc;
}

int rt_dataset_load_sources(rt_dataset **out, const rt_source *entities,
                            const rt_source *relationships, rt_diags *diags)
{
    loader ld;
    size_t errors_before;
    int rc;

    if (!out || !relationships || !diags)
        return RT_EINVAL;
    *out = NULL;
    errors_before = rt_diags_error_count(diags);
    memset(&ld, 0, sizeof(ld));
    ld.diags = diags;
    ld.suggest_budget = SUGGEST_BUDGET;
    ld.implied = entities == NULL;
    ld.ds = rt_dataset__new();
    if (!ld.ds)
        return RT_ENOMEM;
    ld.ds->entities_file =
        entities ? rt_strtab__intern(&ld.ds->strings, entities->name, strlen(entities->name))
                 : NULL;
    ld.ds->relationships_file =
        rt_strtab__intern(&ld.ds->strings, relationships->name, strlen(relationships->name));
    if ((entities && !ld.ds->entities_file) || !ld.ds->relationships_file) {
        rc = RT_ENOMEM;
        goto out;
    }
    if (entities) {
        rc = load_file(&ld, entities, &rt_load__entity_schema, rt_load__entity_row);
        if (rc < 0)
            goto out;
    }
    rc = load_file(&ld, relationships, &rt_load__relationship_schema, rt_load__relationship_row);
    if (rc < 0)
        goto out;
    rc = rt_dataset__group_claims(ld.ds);
    if (rc < 0)
        goto out;
    if (rt_diags__oom(diags))
        rc = RT_ENOMEM;
    else if (rt_diags_error_count(diags) > errors_before)
        rc = RT_EDATA;
out:
    rt__free(ld.parents);
    rt__free(ld.relationship_index);
    if (rc < 0)
        rt_dataset_free(ld.ds);
    else
        *out = ld.ds;
    return rc;
}
