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

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/*
 * An unknown column one slip away from a column: one character inserted,
 * deleted or changed, or two neighbours swapped ("ammount", "stauts",
 * "notes"), with the same first character and no digit in the slip, both
 * names three or more long. A name that close is a typo, and its data would
 * be lost; one further away ("comment", "region", "sauce"), or one that adds
 * a digit ("url2"), or one that differs in its first letter ("rate" is not
 * "date") is another column. Names are normalised (lower case, '_').
 */
static bool one_slip(const char *a, const char *b)
{
    size_t an = strlen(a), bn = strlen(b), i = 0;

    if (an < bn)
        return one_slip(b, a);
    if (bn < 3 || an > bn + 1 || a[0] != b[0] || strcmp(a, b) == 0)
        return false;
    while (i < bn && a[i] == b[i])
        i++;
    if (an == bn + 1) /* a has one character more, at i */
        return !is_digit(a[i]) && strcmp(a + i + 1, b + i) == 0;
    if (strcmp(a + i + 1, b + i + 1) == 0) /* one changed */
        return !is_digit(a[i]) && !is_digit(b[i]);
    return a[i] == b[i + 1] && a[i + 1] == b[i] && strcmp(a + i + 2, b + i + 2) == 0;
}

/* The column of the schema, absent from the header, that `name` slips from. */
static int slipped_from(const loader *ld, const char *name)
{
    const schema *sc = ld->schema;

    for (size_t k = 0; k < sc->count; k++)
        if (ld->col[sc->columns[k]] < 0 && one_slip(name, column_names[sc->columns[k]]))
            return (int)sc->columns[k];
    return -1;
}

static bool in_schema(const schema *sc, enum column c)
{
    for (size_t k = 0; k < sc->count; k++)
        if (sc->columns[k] == c)
            return true;
    return false;
}

/*
 * An unknown column that is an error, with what was meant: a typo of a
 * column the file lacks, or Gephi's 'target' in a file without 'to' (Gephi
 * writes edges as source,target; here 'source' is the publication).
 */
static bool unknown_column_error(loader *ld, const rt_csv_row *row, size_t i, const char *name)
{
    char quoted[RT_QUOTE_SIZE];
    bool gephi =
        strcmp(name, "target") == 0 && in_schema(ld->schema, COL_TO) && ld->col[COL_TO] < 0;
    int c = gephi ? COL_TO : slipped_from(ld, name);

    if (c < 0)
        return false;
    rt_text__quote(quoted, sizeof(quoted), row->fields[i].data, row->fields[i].len);
    if (gephi) {
        rt_load__diag(ld, RT_SEVERITY_ERROR, row->line, (int)i + 1,
                      "unknown column '%s' (did you mean 'to'? relationships.csv names the payer "
                      "'from' and the payee 'to'%s)",
                      quoted,
                      ld->col[COL_SOURCE] >= 0 && ld->col[COL_FROM] < 0
                          ? ", and 'source' is the publication that reported the claim"
                          : "");
        return true;
    }
    rt_load__diag(ld, RT_SEVERITY_ERROR, row->line, (int)i + 1,
                  "unknown column '%s' (did you mean '%s'?)", quoted, column_names[c]);
    return true;
}

void rt_load__header(loader *ld, const rt_csv_row *row)
{
    const schema *sc = ld->schema;
    char unknown[UNKNOWN_LISTED * (RT_QUOTE_SIZE + 40)] = "";
    size_t unknown_len = 0, unknown_count = 0;
    int first_unknown = 0;

    for (int c = 0; c < COL_COUNT; c++)
        ld->col[c] = -1;
    /* Known columns first: whether an unknown one is a typo depends on
     * which columns the file lacks. */
    for (size_t i = 0; i < row->count; i++) {
        char name[64];
        int c;

        normalize(name, sizeof(name), row->fields[i].data, row->fields[i].len);
        c = lookup(sc, name);
        if (c >= 0 && ld->col[c] >= 0)
            rt_load__diag(ld, RT_SEVERITY_ERROR, row->line, (int)i + 1,
                          "duplicate column '%s' (also column %d)", column_names[c],
                          ld->col[c] + 1);
        else if (c >= 0)
            ld->col[c] = (int)i;
    }
    for (size_t i = 0; i < row->count; i++) {
        char name[64], quoted[RT_QUOTE_SIZE];

        normalize(name, sizeof(name), row->fields[i].data, row->fields[i].len);
        if (row->fields[i].len == 0 || lookup(sc, name) >= 0 ||
            unknown_column_error(ld, row, i, name))
            continue;
        if (++unknown_count <= UNKNOWN_LISTED) {
            /* Other unknown columns are ignored with one warning for the
             * file, with a did-you-mean when a column is near. */
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
