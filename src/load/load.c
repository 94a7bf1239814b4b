/*
 * Loading a dataset: entities.csv, then relationships.csv, validated row by
 * row. Every problem becomes a diagnostic with its file, line and column,
 * and loading goes on so that one run reports them all; a load with any
 * error returns RT_EDATA and no dataset.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/dataset_impl.h"
#include "model/model.h"
#include "load/csvread.h"
#include "util/alloc.h"
#include "util/diag.h"

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
    COL_SOURCE,
    COL_DEAL,
    COL_COUNT
};

static const char *const column_names[COL_COUNT] = {
    "name", "kind",   "parent", "aliases", "country",  "url",    "note", "from",
    "to",   "amount", "status", "date",    "end_date", "source", "deal",
};

typedef struct schema {
    const enum column *columns;
    size_t count;
    size_t required; /* the first `required` columns must be present */
} schema;

static const enum column entity_columns[] = {COL_NAME,    COL_KIND, COL_PARENT, COL_ALIASES,
                                             COL_COUNTRY, COL_URL,  COL_NOTE};
static const enum column relationship_columns[] = {COL_FROM,   COL_TO,   COL_KIND,     COL_AMOUNT,
                                                   COL_STATUS, COL_DATE, COL_END_DATE, COL_SOURCE,
                                                   COL_URL,    COL_DEAL, COL_NOTE};

static const schema entity_schema = {entity_columns, 7, 1};
static const schema relationship_schema = {relationship_columns, 11, 3};

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
    bool header_ok;
    bool implied;            /* names are entities of their own (no entities.csv) */
    pending_parent *parents; /* one per entity, for entities.csv */
    size_t parent_cap;
    rt_strmap relationship_keys; /* (from, to, kind) -> relationship */
    row_fn row_fn;               /* handles the rows after the header */
    size_t suggest_budget;       /* name comparisons left for did-you-mean */
    int rc;                      /* fatal error (out of memory) */
};

static void diag(loader *ld, rt_severity sev, int line, int col, const char *fmt, ...)
    RT_PRINTF(5, 6);

static void diag(loader *ld, rt_severity sev, int line, int col, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (rt__diag_addv(ld->diags, sev, ld->file, line, col, fmt, ap) < 0)
        ld->rc = RT_ENOMEM;
    va_end(ap);
}

/* "(did you mean 'x'?)" or an empty string. */
static const char *did_you_mean(char *buf, size_t len, const char *suggestion)
{
    if (!suggestion)
        return "";
    snprintf(buf, len, " (did you mean '%s'?)", suggestion);
    return buf;
}

/* Lower-case, with spaces and dashes as underscores: "End Date" is end_date. */
static void normalize_header(char *out, size_t outlen, const char *s, size_t n)
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

static int column_lookup(const schema *sc, const char *name)
{
    for (size_t i = 0; i < sc->count; i++)
        if (strcmp(column_names[sc->columns[i]], name) == 0)
            return (int)sc->columns[i];
    return -1;
}

static void read_header(loader *ld, const rt_csv_row *row)
{
    const schema *sc = ld->schema;
    char unknown[512] = "";
    size_t unknown_len = 0, unknown_count = 0;
    int first_unknown = 0;

    for (int c = 0; c < COL_COUNT; c++)
        ld->col[c] = -1;
    for (size_t i = 0; i < row->count; i++) {
        char name[64];
        int c;

        normalize_header(name, sizeof(name), row->fields[i].data, row->fields[i].len);
        c = column_lookup(sc, name);
        if (c >= 0 && ld->col[c] >= 0) {
            diag(ld, RT_SEVERITY_ERROR, row->line, (int)i + 1,
                 "duplicate column '%s' (also column %d)", column_names[c], ld->col[c] + 1);
        } else if (c >= 0) {
            ld->col[c] = (int)i;
        } else if (row->fields[i].len > 0) {
            /* Unknown columns are ignored with one warning for the file. */
            rt_suggest sg;
            char hint[64] = "";
            rt__suggest_init(&sg, name, strlen(name));
            for (size_t k = 0; k < sc->count; k++)
                rt__suggest_offer(&sg, column_names[sc->columns[k]]);
            if (sg.best)
                snprintf(hint, sizeof(hint), " (did you mean '%s'?)", sg.best);
            if (unknown_count++ == 0)
                first_unknown = (int)i + 1;
            if (unknown_len < sizeof(unknown))
                unknown_len += (size_t)snprintf(
                    unknown + unknown_len, sizeof(unknown) - unknown_len, "%s'%s'%s",
                    unknown_count > 1 ? ", " : "", row->fields[i].data, hint);
        }
    }
    ld->header_ok = true;
    for (size_t k = 0; k < sc->required; k++) {
        enum column c = sc->columns[k];
        if (ld->col[c] < 0) {
            diag(ld, RT_SEVERITY_ERROR, row->line, 1, "missing required column '%s'",
                 column_names[c]);
            ld->header_ok = false;
        }
    }
    if (unknown_count > 0)
        diag(ld, RT_SEVERITY_WARNING, row->line, first_unknown, "ignoring unknown column%s %s",
             unknown_count > 1 ? "s" : "", unknown);
}

/* The field of a column in a row, or NULL when the file has no such column. */
static const rt_csv_field *field(const loader *ld, const rt_csv_row *row, enum column c)
{
    return ld->col[c] >= 0 ? &row->fields[ld->col[c]] : NULL;
}

static int col_of(const loader *ld, enum column c)
{
    return ld->col[c] + 1;
}

/* An optional string column, interned; NULL when empty or absent. */
static const char *optional(loader *ld, const rt_csv_row *row, enum column c)
{
    const rt_csv_field *f = field(ld, row, c);
    const char *s;

    if (!f || f->len == 0)
        return NULL;
    s = rt__strtab_intern(&ld->ds->strings, f->data, f->len);
    if (!s)
        ld->rc = RT_ENOMEM;
    return s;
}

/* Call fn on each ';'-separated, trimmed, non-empty part of s[0..n). */
typedef void (*part_fn)(loader *ld, const char *part, size_t len, void *arg);

static void each_part(loader *ld, const char *s, size_t n, part_fn fn, void *arg)
{
    size_t i = 0;

    while (i <= n) {
        size_t j = i, a, b;
        while (j < n && s[j] != ';')
            j++;
        a = i;
        b = j;
        while (a < b && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
            b--;
        if (b > a)
            fn(ld, s + a, b - a, arg);
        i = j + 1;
    }
}

static rt_entity *add_entity(loader *ld, const char *name, int line)
{
    rt_dataset *ds = ld->ds;
    rt_entity *e = rt__grow(ds->entities, &ds->entity_cap, ds->entity_count + 1, sizeof(*e));

    if (!e) {
        ld->rc = RT_ENOMEM;
        return NULL;
    }
    ds->entities = e;
    e = &ds->entities[ds->entity_count++];
    memset(e, 0, sizeof(*e));
    e->name = name;
    e->parent = RT_NONE;
    e->root = ds->entity_count - 1;
    e->line = line;
    return e;
}

/*
 * Register a name or alias for entity `idx`. Returns true when it is new;
 * otherwise reports a duplicate at (line, col) and returns false.
 */
static bool register_name(loader *ld, const char *s, size_t n, size_t idx, int line, int col,
                          bool is_alias)
{
    rt_dataset *ds = ld->ds;
    const char *key = rt__dataset_fold(ds, s, n);
    size_t other = RT_NONE;
    int rc;

    if (!key) {
        ld->rc = RT_ENOMEM;
        return false;
    }
    rc = rt__strmap_put(&ds->names, key, n, idx, &other);
    if (rc < 0) {
        ld->rc = RT_ENOMEM;
        return false;
    }
    if (rc == 0)
        return true;
    if (other == idx)
        return true; /* an alias repeating the entity's own name */
    {
        const rt_entity *o = &ds->entities[other];
        bool is_name = strlen(o->name) == n && rt__ieq(s, n, o->name);
        if (is_name && !is_alias)
            diag(ld, RT_SEVERITY_ERROR, line, col,
                 "duplicate entity '%.*s' (first defined on line %d)", (int)n, s, o->line);
        else if (is_name)
            diag(ld, RT_SEVERITY_ERROR, line, col,
                 "alias '%.*s' is already the name of the entity on line %d", (int)n, s, o->line);
        else
            diag(ld, RT_SEVERITY_ERROR, line, col,
                 "%s '%.*s' is already an alias of '%s' (line %d)",
                 is_alias ? "alias" : "entity name", (int)n, s, o->name, o->line);
    }
    return false;
}

typedef struct entity_row {
    const rt_csv_row *row;
    size_t idx;
    unsigned kinds;
    const char **aliases;
    size_t alias_count, alias_cap;
} entity_row;

static void add_kind(loader *ld, const char *s, size_t n, void *arg)
{
    entity_row *er = arg;
    rt_entity_kind k;
    char hint[64];

    if (rt__entity_kind_lookup(s, n, &k) == 0) {
        er->kinds |= (unsigned)k;
        return;
    }
    diag(ld, RT_SEVERITY_ERROR, er->row->line, col_of(ld, COL_KIND), "unknown entity kind '%.*s'%s",
         (int)n, s,
         *did_you_mean(hint, sizeof(hint), rt__entity_kind_suggest(s, n))
             ? hint
             : " (expected investor, lab, cloud, chip, fund, datacenter or other)");
}

static void add_alias(loader *ld, const char *s, size_t n, void *arg)
{
    entity_row *er = arg;
    const char *alias;
    const char **a;

    if (!register_name(ld, s, n, er->idx, er->row->line, col_of(ld, COL_ALIASES), true))
        return;
    if (rt__ieq(s, n, ld->ds->entities[er->idx].name))
        return;
    alias = rt__strtab_intern(&ld->ds->strings, s, n);
    a = rt__grow(er->aliases, &er->alias_cap, er->alias_count + 1, sizeof(*a));
    if (!alias || !a) {
        if (a)
            er->aliases = a;
        ld->rc = RT_ENOMEM;
        return;
    }
    er->aliases = a;
    a[er->alias_count++] = alias;
}

static int read_entity_row(loader *ld, const rt_csv_row *row)
{
    rt_dataset *ds = ld->ds;
    const rt_csv_field *name = field(ld, row, COL_NAME);
    const rt_csv_field *f;
    entity_row er = {row, 0, 0, NULL, 0, 0};
    rt_entity *e;
    pending_parent *pp;

    if (name->len == 0) {
        diag(ld, RT_SEVERITY_ERROR, row->line, col_of(ld, COL_NAME), "empty entity name");
        return ld->rc;
    }
    e = add_entity(ld, rt__strtab_intern(&ds->strings, name->data, name->len), row->line);
    if (!e || !e->name)
        return RT_ENOMEM;
    er.idx = ds->entity_count - 1;
    register_name(ld, name->data, name->len, er.idx, row->line, col_of(ld, COL_NAME), false);

    if ((f = field(ld, row, COL_KIND)))
        each_part(ld, f->data, f->len, add_kind, &er);
    if ((f = field(ld, row, COL_ALIASES)))
        each_part(ld, f->data, f->len, add_alias, &er);
    e = &ds->entities[er.idx];
    e->kinds = er.kinds;
    if (er.alias_count > 0) {
        const char **copy = rt__arena_alloc(&ds->strings.arena, er.alias_count * sizeof(*copy));
        if (!copy)
            ld->rc = RT_ENOMEM;
        else
            memcpy(copy, er.aliases, er.alias_count * sizeof(*copy));
        e->aliases = copy;
        e->alias_count = copy ? er.alias_count : 0;
    }
    rt__free(er.aliases);
    e->country = optional(ld, row, COL_COUNTRY);
    e->url = optional(ld, row, COL_URL);
    e->note = optional(ld, row, COL_NOTE);

    pp = rt__grow(ld->parents, &ld->parent_cap, ds->entity_count, sizeof(*pp));
    if (!pp)
        return RT_ENOMEM;
    ld->parents = pp;
    pp[er.idx] = (pending_parent){optional(ld, row, COL_PARENT), row->line};
    return ld->rc;
}

/*
 * The closest name or alias to an unknown one, for did-you-mean. Each call
 * compares with every name, so a load has a budget of comparisons: a huge
 * file full of unknown names gets suggestions for its first problems and
 * then plain messages, instead of taking quadratic time.
 */
#define SUGGEST_BUDGET ((size_t)4 * 1000 * 1000)

static const char *suggest_entity(loader *ld, const char *s, size_t n)
{
    const rt_dataset *ds = ld->ds;
    size_t cost = ds->names.count;
    rt_suggest sg;

    if (cost > ld->suggest_budget)
        return NULL;
    ld->suggest_budget -= cost;
    rt__suggest_init(&sg, s, n);
    for (size_t i = 0; i < ds->entity_count; i++) {
        const rt_entity *e = &ds->entities[i];
        rt__suggest_offer(&sg, e->name);
        for (size_t k = 0; k < e->alias_count; k++)
            rt__suggest_offer(&sg, e->aliases[k]);
    }
    return sg.best;
}

static size_t find_name(loader *ld, const char *s, size_t n)
{
    const char *key = rt__dataset_fold(ld->ds, s, n);
    size_t idx;

    if (!key) {
        ld->rc = RT_ENOMEM;
        return RT_NONE;
    }
    return rt__strmap_get(&ld->ds->names, key, n, &idx) ? idx : RT_NONE;
}

static void resolve_parents(loader *ld)
{
    rt_dataset *ds = ld->ds;
    unsigned char *state;
    size_t *stack;
    char hint[300];

    for (size_t i = 0; i < ds->entity_count; i++) {
        const pending_parent *pp = &ld->parents[i];
        size_t p;
        if (!pp->text)
            continue;
        p = find_name(ld, pp->text, strlen(pp->text));
        if (p == RT_NONE) {
            diag(ld, RT_SEVERITY_ERROR, pp->line, col_of(ld, COL_PARENT), "unknown parent '%s'%s",
                 pp->text,
                 did_you_mean(hint, sizeof(hint), suggest_entity(ld, pp->text, strlen(pp->text))));
        } else if (p == i) {
            diag(ld, RT_SEVERITY_ERROR, pp->line, col_of(ld, COL_PARENT),
                 "entity '%s' cannot be its own parent", ds->entities[i].name);
        } else {
            ds->entities[i].parent = p;
        }
    }

    /* Walk each parent chain once: 0 = unseen, 1 = on the current walk,
     * 2 = root known. A chain that meets its own walk is a loop. */
    state = rt__calloc(ds->entity_count, 1);
    stack = rt__calloc(ds->entity_count, sizeof(*stack));
    if (!state || !stack) {
        ld->rc = RT_ENOMEM;
        goto out;
    }
    for (size_t i = 0; i < ds->entity_count; i++) {
        size_t depth = 0, v = i, root;
        while (v != RT_NONE && state[v] == 0) {
            state[v] = 1;
            stack[depth++] = v;
            v = ds->entities[v].parent;
        }
        if (v != RT_NONE && state[v] == 1) {
            /* The loop is the part of the walk from v on; report it once,
             * on the line of its first entity in the file, and break it. */
            char chain[512];
            size_t len = 0, first = v, start = 0;
            while (stack[start] != v)
                start++;
            for (size_t k = start; k < depth; k++) {
                if (ds->entities[stack[k]].line < ds->entities[first].line)
                    first = stack[k];
                if (len < sizeof(chain))
                    len += (size_t)snprintf(chain + len, sizeof(chain) - len, "%s -> ",
                                            ds->entities[stack[k]].name);
            }
            if (len < sizeof(chain))
                snprintf(chain + len, sizeof(chain) - len, "%s", ds->entities[v].name);
            diag(ld, RT_SEVERITY_ERROR, ds->entities[first].line, col_of(ld, COL_PARENT),
                 "parent chain loops: %s", chain);
            for (size_t k = start; k < depth; k++) {
                ds->entities[stack[k]].root = stack[k];
                state[stack[k]] = 2;
            }
            depth = start;
        }
        root = v == RT_NONE ? RT_NONE : ds->entities[v].root;
        while (depth > 0) {
            size_t u = stack[--depth];
            if (root == RT_NONE)
                root = u; /* the top of the chain is its own root */
            ds->entities[u].root = root;
            state[u] = 2;
        }
    }
out:
    rt__free(state);
    rt__free(stack);
}

/* Resolve a from/to name; in a bare relationships file, a new name is a new
 * entity. Reports unknown names. */
static size_t resolve_entity(loader *ld, const rt_csv_row *row, enum column c)
{
    const rt_csv_field *f = field(ld, row, c);
    size_t idx;
    char hint[300];

    if (f->len == 0) {
        diag(ld, RT_SEVERITY_ERROR, row->line, col_of(ld, c), "empty '%s' name", column_names[c]);
        return RT_NONE;
    }
    idx = find_name(ld, f->data, f->len);
    if (idx != RT_NONE || ld->rc)
        return idx;
    if (ld->implied) {
        rt_entity *e = add_entity(ld, rt__strtab_intern(&ld->ds->strings, f->data, f->len), 0);
        if (!e || !e->name) {
            ld->rc = RT_ENOMEM;
            return RT_NONE;
        }
        idx = ld->ds->entity_count - 1;
        register_name(ld, f->data, f->len, idx, row->line, col_of(ld, c), false);
        return idx;
    }
    diag(ld, RT_SEVERITY_ERROR, row->line, col_of(ld, c), "unknown entity '%s'%s", f->data,
         did_you_mean(hint, sizeof(hint), suggest_entity(ld, f->data, f->len)));
    return RT_NONE;
}

static bool parse_date_col(loader *ld, const rt_csv_row *row, enum column c, rt_date *out)
{
    const rt_csv_field *f = field(ld, row, c);
    char err[200];

    out->year = 0;
    out->month = out->day = 0;
    if (!f)
        return true;
    if (rt_date_parse(out, f->data, err, sizeof(err)) == 0)
        return true;
    diag(ld, RT_SEVERITY_ERROR, row->line, col_of(ld, c), "%s", err);
    return false;
}

typedef struct relationship_key {
    size_t from, to;
    int kind;
} relationship_key;

static size_t find_or_add_relationship(loader *ld, size_t from, size_t to, rt_rel_kind kind)
{
    rt_dataset *ds = ld->ds;
    relationship_key key;
    relationship_key *stored;
    rt_relationship *r;
    size_t idx = ds->relationship_count;
    int rc;

    memset(&key, 0, sizeof(key));
    key.from = from;
    key.to = to;
    key.kind = (int)kind;
    if (rt__strmap_get(&ld->relationship_keys, (const char *)&key, sizeof(key), &idx))
        return idx;
    stored = rt__arena_alloc(&ds->strings.arena, sizeof(*stored));
    r = rt__grow(ds->relationships, &ds->relationship_cap, idx + 1, sizeof(*r));
    if (!stored || !r) {
        ld->rc = RT_ENOMEM;
        return RT_NONE;
    }
    ds->relationships = r;
    *stored = key;
    rc = rt__strmap_put(&ld->relationship_keys, (const char *)stored, sizeof(*stored), idx, NULL);
    if (rc < 0) {
        ld->rc = RT_ENOMEM;
        return RT_NONE;
    }
    memset(&r[idx], 0, sizeof(r[idx]));
    r[idx].from = from;
    r[idx].to = to;
    r[idx].kind = kind;
    ds->relationship_count++;
    return idx;
}

static int read_relationship_row(loader *ld, const rt_csv_row *row)
{
    rt_dataset *ds = ld->ds;
    const rt_csv_field *f;
    rt_claim claim;
    size_t from, to;
    rt_rel_kind kind = RT_REL_EQUITY;
    bool ok = true;
    char hint[300], err[300];
    rt_claim *claims;

    memset(&claim, 0, sizeof(claim));

    from = resolve_entity(ld, row, COL_FROM);
    to = resolve_entity(ld, row, COL_TO);
    if (from == RT_NONE || to == RT_NONE) {
        ok = false;
    } else if (from == to) {
        diag(ld, RT_SEVERITY_ERROR, row->line, col_of(ld, COL_TO),
             "'%s' is both from and to: money must flow between two entities",
             ds->entities[from].name);
        ok = false;
    }

    f = field(ld, row, COL_KIND);
    if (f->len == 0) {
        diag(ld, RT_SEVERITY_ERROR, row->line, col_of(ld, COL_KIND),
             "missing relationship kind (expected equity, compute, chips, datacenter, "
             "services, loan, hosting or partnership)");
        ok = false;
    } else if (rt__rel_kind_lookup(f->data, f->len, &kind) != 0) {
        const char *dym = did_you_mean(hint, sizeof(hint), rt__rel_kind_suggest(f->data, f->len));
        diag(ld, RT_SEVERITY_ERROR, row->line, col_of(ld, COL_KIND), "unknown kind '%s'%s", f->data,
             *dym ? dym
                  : " (expected equity, compute, chips, datacenter, services, loan, hosting "
                    "or partnership)");
        ok = false;
    }

    claim.status = RT_STATUS_REPORTED;
    f = field(ld, row, COL_STATUS);
    if (f && f->len > 0 && rt__status_lookup(f->data, f->len, &claim.status) != 0) {
        const char *dym = did_you_mean(hint, sizeof(hint), rt__status_suggest(f->data, f->len));
        diag(ld, RT_SEVERITY_ERROR, row->line, col_of(ld, COL_STATUS), "unknown status '%s'%s",
             f->data,
             *dym ? dym
                  : " (expected confirmed, reported, talks, proposed, rumored, superseded, "
                    "denied or cancelled)");
        ok = false;
    }

    f = field(ld, row, COL_AMOUNT);
    if (f && f->len > 0) {
        const char *text = rt__strtab_intern(&ds->strings, f->data, f->len);
        if (!text)
            return RT_ENOMEM;
        if (rt_amount_parse(&claim.amount, text, err, sizeof(err)) != 0) {
            diag(ld, RT_SEVERITY_ERROR, row->line, col_of(ld, COL_AMOUNT), "%s", err);
            ok = false;
        }
    }

    ok = parse_date_col(ld, row, COL_DATE, &claim.date) && ok;
    ok = parse_date_col(ld, row, COL_END_DATE, &claim.end_date) && ok;
    if (claim.date.year && claim.end_date.year &&
        rt_date_compare(&claim.end_date, &claim.date) < 0) {
        char d1[16], d2[16];
        rt_date_format(d1, sizeof(d1), &claim.end_date);
        rt_date_format(d2, sizeof(d2), &claim.date);
        diag(ld, RT_SEVERITY_ERROR, row->line, col_of(ld, COL_END_DATE),
             "end_date %s is before date %s", d1, d2);
        ok = false;
    }

    claim.source = optional(ld, row, COL_SOURCE);
    claim.url = optional(ld, row, COL_URL);
    claim.deal = optional(ld, row, COL_DEAL);
    claim.note = optional(ld, row, COL_NOTE);
    claim.line = row->line;
    if (!ok || ld->rc)
        return ld->rc;

    claim.relationship = find_or_add_relationship(ld, from, to, kind);
    if (claim.relationship == RT_NONE)
        return ld->rc;
    claims = rt__grow(ds->claims, &ds->claim_cap, ds->claim_count + 1, sizeof(*claims));
    if (!claims)
        return RT_ENOMEM;
    ds->claims = claims;
    claims[ds->claim_count++] = claim;
    return RT_OK;
}

/*
 * Group claims by relationship (a stable counting sort, so each group stays
 * in file order) and compute each relationship's amount and status.
 * O(claims + relationships).
 */
static int summarize_relationships(rt_dataset *ds)
{
    size_t nr = ds->relationship_count, nc = ds->claim_count;
    size_t *next = rt__calloc(nr + 1, sizeof(*next));
    rt_claim *sorted = rt__calloc(nc, sizeof(*sorted));

    if (!next || !sorted) {
        rt__free(next);
        rt__free(sorted);
        return RT_ENOMEM;
    }
    for (size_t i = 0; i < nc; i++)
        ds->relationships[ds->claims[i].relationship].claim_count++;
    for (size_t r = 0, at = 0; r < nr; r++) {
        ds->relationships[r].first_claim = at;
        next[r] = at;
        at += ds->relationships[r].claim_count;
    }
    for (size_t i = 0; i < nc; i++)
        sorted[next[ds->claims[i].relationship]++] = ds->claims[i];
    rt__free(ds->claims);
    ds->claims = sorted;
    ds->claim_cap = nc;
    rt__free(next);

    for (size_t r = 0; r < nr; r++) {
        rt_relationship *rel = &ds->relationships[r];
        const rt_claim *other = NULL;
        rel->status = RT_STATUS_CANCELLED;
        rel->amount.unit = RT_AMOUNT_UNKNOWN;
        for (size_t k = 0; k < rel->claim_count; k++) {
            const rt_claim *c = &ds->claims[rel->first_claim + k];
            if (c->status < rel->status)
                rel->status = c->status;
            if (!rt_status_carries_money(c->status))
                continue;
            if (c->amount.unit == RT_AMOUNT_USD) {
                if (rel->amount.unit != RT_AMOUNT_USD) {
                    rel->amount = c->amount;
                } else {
                    if (c->amount.low != rel->amount.low || c->amount.high != rel->amount.high)
                        rel->conflicting = true;
                    if (c->amount.low < rel->amount.low)
                        rel->amount.low = c->amount.low;
                    if (c->amount.high > rel->amount.high)
                        rel->amount.high = c->amount.high;
                }
            } else if (c->amount.unit == RT_AMOUNT_OTHER && !other) {
                other = c;
            }
        }
        if (rel->amount.unit == RT_AMOUNT_USD) {
            rel->amount.text = NULL; /* a span of claims, written by no one */
        } else if (other) {
            rel->amount = other->amount;
        }
    }
    return RT_OK;
}

/* The first row names the columns; the others go to the file's row function. */
static int on_row(const rt_csv_row *row, void *payload)
{
    loader *ld = payload;

    if (!ld->header_done) {
        ld->header_done = true;
        read_header(ld, row);
        return ld->rc;
    }
    if (!ld->header_ok)
        return ld->rc;
    return ld->row_fn(ld, row);
}

static int load_file(loader *ld, const rt_source *src, const schema *sc, row_fn fn)
{
    size_t first = rt_diags_count(ld->diags);
    int rc;

    ld->file = src->name;
    ld->schema = sc;
    ld->header_done = false;
    ld->header_ok = false;
    ld->row_fn = fn;
    rc = rt__csv_read(src->name, src->data, src->len, ld->diags, on_row, ld);
    if (rc == 0 && sc == &entity_schema && ld->header_ok)
        resolve_parents(ld);
    if (rc == 0 && sc == &relationship_schema && ld->header_ok && ld->ds->claim_count == 0 &&
        rt_diags_error_count(ld->diags) == 0)
        diag(ld, RT_SEVERITY_WARNING, 0, 0, "no relationships in the file");
    if (rc == 0)
        rc = ld->rc;
    rt__diags_sort_from(ld->diags, first);
    return rc;
}

int rt_dataset_load_sources(rt_dataset **out, const rt_source *entities,
                            const rt_source *relationships, rt_diags *diags)
{
    loader ld;
    size_t errors_before = rt_diags_error_count(diags);
    int rc;

    *out = NULL;
    if (!relationships || !diags)
        return RT_EINVAL;
    memset(&ld, 0, sizeof(ld));
    ld.diags = diags;
    ld.suggest_budget = SUGGEST_BUDGET;
    ld.ds = rt__dataset_new();
    if (!ld.ds)
        return RT_ENOMEM;
    ld.ds->entities_file =
        entities ? rt__strtab_intern(&ld.ds->strings, entities->name, strlen(entities->name))
                 : NULL;
    ld.ds->relationships_file =
        rt__strtab_intern(&ld.ds->strings, relationships->name, strlen(relationships->name));
    if ((entities && !ld.ds->entities_file) || !ld.ds->relationships_file) {
        rc = RT_ENOMEM;
        goto out;
    }
    if (entities) {
        rc = load_file(&ld, entities, &entity_schema, read_entity_row);
        if (rc < 0)
            goto out;
    } else {
        ld.implied = true;
    }
    rc = load_file(&ld, relationships, &relationship_schema, read_relationship_row);
    if (rc < 0)
        goto out;
    if (ld.implied) {
        for (size_t i = 0; i < ld.ds->entity_count; i++)
            ld.ds->entities[i].root = i;
    }
    rc = summarize_relationships(ld.ds);
    if (rc < 0)
        goto out;
    if (rt__diags_oom(diags))
        rc = RT_ENOMEM;
    else if (rt_diags_error_count(diags) > errors_before)
        rc = RT_EDATA;
out:
    rt__free(ld.parents);
    rt__strmap_destroy(&ld.relationship_keys);
    if (rc < 0)
        rt_dataset_free(ld.ds);
    else
        *out = ld.ds;
    return rc;
}

/* Read a whole file. Returns 0, RT_ENOTFOUND, RT_EIO or RT_ENOMEM, with a
 * diagnostic for the first two. */
static int read_file(const char *path, char **data, size_t *len, rt_diags *diags)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    int rc = RT_OK;

    *data = NULL;
    *len = 0;
    if (!f) {
        int e = errno;
        rt__diag_add(diags, RT_SEVERITY_ERROR, path, 0, 0, "cannot open: %s", strerror(e));
        return e == ENOENT || e == ENOTDIR ? RT_ENOTFOUND : RT_EIO;
    }
    for (;;) {
        size_t got;
        char *nb = rt__grow(buf, &cap, n + 65536, 1);
        if (!nb) {
            rc = RT_ENOMEM;
            break;
        }
        buf = nb;
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                rt__diag_add(diags, RT_SEVERITY_ERROR, path, 0, 0, "cannot read: %s",
                             strerror(errno));
                rc = RT_EIO;
            }
            break;
        }
    }
    fclose(f);
    if (rc < 0) {
        rt__free(buf);
        return rc;
    }
    *data = buf;
    *len = n;
    return RT_OK;
}

static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    char *p;

    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    p = rt__malloc(dl + 1 + nl + 1);
    if (p) {
        memcpy(p, dir, dl);
        p[dl] = '/';
        memcpy(p + dl + 1, name, nl + 1);
    }
    return p;
}

int rt_dataset_load(rt_dataset **out, const char *path, rt_diags *diags)
{
    struct stat st;
    char *epath = NULL, *rpath = NULL, *edata = NULL, *rdata = NULL;
    size_t elen = 0, rlen = 0;
    rt_source es, rs;
    int rc;

    *out = NULL;
    if (!path || !diags)
        return RT_EINVAL;
    if (stat(path, &st) != 0) {
        int e = errno;
        rt__diag_add(diags, RT_SEVERITY_ERROR, path, 0, 0, "no such dataset: %s", strerror(e));
        return e == ENOENT || e == ENOTDIR ? RT_ENOTFOUND : RT_EIO;
    }
    if (S_ISDIR(st.st_mode)) {
        epath = join(path, "entities.csv");
        rpath = join(path, "relationships.csv");
        if (!epath || !rpath) {
            rc = RT_ENOMEM;
            goto out;
        }
        rc = read_file(epath, &edata, &elen, diags);
        if (rc == RT_ENOMEM)
            goto out;
        {
            int rc2 = read_file(rpath, &rdata, &rlen, diags);
            if (rc == 0 || rc2 == RT_ENOMEM)
                rc = rc2;
        }
        if (rc < 0)
            goto out;
        es = (rt_source){epath, edata, elen};
        rs = (rt_source){rpath, rdata, rlen};
        rc = rt_dataset_load_sources(out, &es, &rs, diags);
    } else {
        rc = read_file(path, &rdata, &rlen, diags);
        if (rc < 0)
            goto out;
        rs = (rt_source){path, rdata, rlen};
        rc = rt_dataset_load_sources(out, NULL, &rs, diags);
    }
out:
    rt__free(edata);
    rt__free(rdata);
    rt__free(epath);
    rt__free(rpath);
    return rc;
}
