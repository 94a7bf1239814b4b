/* Matching a file's header row to the columns of its schema. */
#include <stdio.h>
#include <string.h>

#include "load/load.h"
#include "model/model.h"

static const char *const column_names[COL_COUNT] = {
    "name", "kind",   "parent", "aliases", "country",  "url",   "note",   "from",
    "to",   "amount", "status", "date",    "end_date", "until", "source", "deal",
};

static const enum column entity_columns[] = {COL_NAME,    COL_KIND, COL_PARENT, COL_ALIASES,
                                             COL_COUNTRY, COL_URL,  COL_NOTE};
static const enum column relationship_columns[] = {COL_FROM,   COL_TO,   COL_KIND,     COL_AMOUNT,
                                                   COL_STATUS, COL_DATE, COL_END_DATE, COL_UNTIL,
                                                   COL_SOURCE, COL_URL,  COL_DEAL,     COL_NOTE};

const schema rt_load__entity_schema = {entity_columns, 7, 1};
const schema rt_load__relationship_schema = {relationship_columns, 12, 3};

/* Unknown columns named in the one warning; the rest are counted. */
#define UNKNOWN_LISTED 5

const char *rt_load__column_name(enum column c)
{
    return column_names[c];
}

/* Lower-case, with spaces and dashes as underscores: "End Date" is end_date. */
static void normalize(char *out, size_t outlen, const char *s, size_t n)
{
    size_t k = 0;

    for (size_t i = 0; i < n && k + 1 < outlen; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        else if (c == ' ' || c == '-')
            c = '_';
        out[k++] = c;
    }
    out[k] = '\0';
}

static int lookup(const schema *sc, const char *name)
{
    for (size_t i = 0; i < sc->count; i++)
        if (strcmp(column_names[sc->columns[i]], name) == 0)
            return (int)sc->columns[i];
    return -1;
}

void rt_load__header(loader *ld, const rt_csv_row *row)
{
    const schema *sc = ld->schema;
    char unknown[UNKNOWN_LISTED * (RT_QUOTE_SIZE + 40)] = "";
    size_t unknown_len = 0, unknown_count = 0;
    int first_unknown = 0;

    for (int c = 0; c < COL_COUNT; c++)
        ld->col[c] = -1;
    for (size_t i = 0; i < row->count; i++) {
        char name[64], quoted[RT_QUOTE_SIZE];
        int c;

        normalize(name, sizeof(name), row->fields[i].data, row->fields[i].len);
        c = lookup(sc, name);
        if (c >= 0 && ld->col[c] >= 0) {
            rt_load__diag(ld, RT_SEVERITY_ERROR, row->line, (int)i + 1,
                          "duplicate column '%s' (also column %d)", column_names[c],
                          ld->col[c] + 1);
        } else if (c >= 0) {
            ld->col[c] = (int)i;
        } else if (row->fields[i].len > 0 && ++unknown_count <= UNKNOWN_LISTED) {
            /* Unknown columns are ignored with one warning for the file. */
            rt_suggest sg;
            char hint[64] = "";
            rt_suggest__init(&sg, name, strlen(name));
            for (size_t k = 0; k < sc->count; k++)
                rt_suggest__offer(&sg, column_names[sc->columns[k]]);
            if (sg.best)
                snprintf(hint, sizeof(hint), " (did you mean '%s'?)", sg.best);
            if (unknown_count == 1)
                first_unknown = (int)i + 1;
            rt_text__quote(quoted, sizeof(quoted), row->fields[i].data, row->fields[i].len);
            unknown_len +=
                (size_t)snprintf(unknown + unknown_len, sizeof(unknown) - unknown_len, "%s'%s'%s",
                                 unknown_count > 1 ? ", " : "", quoted, hint);
        }
    }
    for (size_t k = 0; k < sc->required; k++) {
        enum column c = sc->columns[k];
        if (ld->col[c] < 0)
            rt_load__diag(ld, RT_SEVERITY_ERROR, row->line, 1, "missing required column '%s'",
                          column_names[c]);
    }
    if (unknown_count > UNKNOWN_LISTED)
        snprintf(unknown + unknown_len, sizeof(unknown) - unknown_len, " and %zu more",
                 unknown_count - UNKNOWN_LISTED);
    if (unknown_count > 0)
        rt_load__diag(ld, RT_SEVERITY_WARNING, row->line, first_unknown,
                      "ignoring unknown column%s %s", unknown_count > 1 ? "s" : "", unknown);
}

const rt_csv_field *rt_load__field(const loader *ld, const rt_csv_row *row, enum column c)
{
    return ld->col[c] >= 0 ? &row->fields[ld->col[c]] : NULL;
}

int rt_load__col(const loader *ld, enum column c)
{
    return ld->col[c] + 1;
}
