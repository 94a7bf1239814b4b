/*
 * The loader's private state, shared by its files: header.c matches columns,
 * entities.c and relationships.c check rows, files.c reads from disk, and
 * load.c runs a load from start to end.
 */
#ifndef RT_LOAD_LOAD_H
#define RT_LOAD_LOAD_H

#include <stdbool.h>

#include "load/csvread.h"
#include "model/dataset_impl.h"
#include "util/diag.h"
#include "util/text.h"

/* Columns of both files; which ones a file has is in its schema. */
enum column {
    COL_NAME,
    COL_KIND,
    COL_PARENT,
    COL_ALIASES,
    COL_COUNTRY,
    COL_URL,
    COL_NOTE,
    COL_FROM,
    COL_TO,
    COL_AMOUNT,
    COL_STATUS,
    COL_DATE,
    COL_END_DATE,
    COL_UNTIL,
    COL_SOURCE,
    COL_DEAL,
    COL_COUNT
};

typedef struct schema {
    const enum column *columns;
    size_t count;
    size_t required; /* the first `required` columns must be present */
} schema;

extern const schema rt_load__entity_schema;
extern const schema rt_load__relationship_schema;

/* A parent named in entities.csv, resolved once every entity is known. */
typedef struct pending_parent {
    const char *text;
    int line;
} pending_parent;

typedef struct loader loader;
typedef int (*row_fn)(loader *ld, const rt_csv_row *row);

struct loader {
    rt_dataset *ds;
    rt_diags *diags;
    const char *file;
    const schema *schema;
    int col[COL_COUNT]; /* field index of each column, -1 when absent */
    bool header_done;
    size_t rows;             /* rows after the header in this file */
    bool implied;            /* names are entities of their own (no entities.csv) */
    bool entities_broken;    /* entities.csv could not name its entities */
    pending_parent *parents; /* one per entity, for entities.csv */
    size_t parent_cap;
    uint64_t *relationship_index; /* open addressing on (from, to, kind): see relationships.c */
    size_t relationship_index_cap;
    row_fn row_fn;         /* handles the rows after the header */
    size_t suggest_budget; /* name comparisons left for did-you-mean */
    int rc;                /* fatal error (out of memory) */
};

/* Report a problem in the current file; a failure to record it sets ld->rc. */
void rt_load__diag(loader *ld, rt_severity sev, int line, int col, const char *fmt, ...)
    RT_PRINTF(5, 6);

/* The column's name as written in headers ("end_date"). */
const char *rt_load__column_name(enum column c);

/* Match the header row's names to the schema's columns, reporting missing,
 * duplicate and unknown ones. */
void rt_load__header(loader *ld, const rt_csv_row *row);

/* The field of a column in a row, or NULL when the file lacks the column. */
const rt_csv_field *rt_load__field(const loader *ld, const rt_csv_row *row, enum column c);

/* 1-based spreadsheet column of a column, for messages. */
int rt_load__col(const loader *ld, enum column c);

/* The line a column's field starts on (a quoted field before it may span
 * lines); the row's first line when the file lacks the column. */
int rt_load__line(const loader *ld, const rt_csv_row *row, enum column c);

/* Report a problem in a column's field of a row, at its line and column. */
void rt_load__diag_at(loader *ld, rt_severity sev, const rt_csv_row *row, enum column c,
                      const char *fmt, ...) RT_PRINTF(5, 6);

/* An optional string column, interned; NULL when empty or absent. */
const char *rt_load__optional(loader *ld, const rt_csv_row *row, enum column c);

/* The same for a column whose values are seldom repeated (a url, a note):
 * a plain copy, which costs no lookup in the intern table. */
const char *rt_load__optional_copy(loader *ld, const rt_csv_row *row, enum column c);

/* Entity index of a name or alias (any ASCII case), or RT_NONE. */
size_t rt_load__find(loader *ld, const char *s, size_t n);

/* Report a word of column c that names none of its list's words:
 * "unknown WHAT 'word' (did you mean 'SUGGESTION'?)" when a close word was
 * found (suggestion is not NULL), else "unknown WHAT 'word' (expected
 * EXPECTED)". */
void rt_load__unknown_word(loader *ld, const rt_csv_row *row, enum column c, const char *what,
                           const char *s, size_t n, const char *suggestion, const char *expected);

/* "(did you mean 'X'?)" for the closest name or alias to s[0..n), or "",
 * within the load's budget of comparisons. buf holds the result. */
const char *rt_load__suggest_entity(loader *ld, char *buf, size_t len, const char *s, size_t n);

/* Append an entity named `name` (NULL: interning it failed) defined on
 * `line` (0 when implied by relationships.csv), with no parent and itself
 * as root; its names are not registered. Returns its index, or RT_NONE and
 * sets ld->rc when out of memory. */
size_t rt_load__add_entity(loader *ld, const char *name, int line);

/* Rows of entities.csv, and what is done once they are all read. */
int rt_load__entity_row(loader *ld, const rt_csv_row *row);
void rt_load__resolve_parents(loader *ld);

/* Rows of relationships.csv. */
int rt_load__relationship_row(loader *ld, const rt_csv_row *row);

#endif
