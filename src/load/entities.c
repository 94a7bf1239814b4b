/* Rows of entities.csv: names, kinds, aliases, and parents resolved at the end. */
#include <stdio.h>
#include <string.h>

#include "load/load.h"
#include "model/model.h"
#include "util/alloc.h"

/* Characters of a parent chain shown in a loop report before it is cut. */
#define CHAIN_MAX 400

size_t rt_load__add_entity(loader *ld, const char *name, int line)
{
    rt_dataset *ds = ld->ds;
    rt_entity *e = rt__grow(ds->entities, &ds->entity_cap, ds->entity_count + 1, sizeof(*e));

    if (e)
        ds->entities = e;
    if (!e || !name) {
        ld->rc = RT_ENOMEM;
        return RT_NONE;
    }
    e = &ds->entities[ds->entity_count];
    memset(e, 0, sizeof(*e));
    e->name = name;
    e->parent = RT_NONE;
    e->root = ds->entity_count;
    e->line = line;
    return ds->entity_count++;
}

typedef enum registered { NAME_NEW, NAME_SAME_ENTITY, NAME_TAKEN } registered;

/* Register a name or alias for entity `idx`; a name another entity has is
 * reported at (line, col). */
static registered register_name(loader *ld, const char *s, size_t n, size_t idx, int line, int col,
                                bool is_alias)
{
    rt_dataset *ds = ld->ds;
    const char *key = rt_dataset__fold(ds, s, n);
    size_t other = RT_NONE;
    char q[RT_QUOTE_SIZE];
    int rc;

    if (!key) {
        ld->rc = RT_ENOMEM;
        return NAME_TAKEN;
    }
    rc = rt_strmap__put(&ds->names, key, n, idx, &other);
    if (rc < 0) {
        ld->rc = RT_ENOMEM;
        return NAME_TAKEN;
    }
    if (rc == 0)
        return NAME_NEW;
    if (other == idx)
        return NAME_SAME_ENTITY; /* "AMZN;amzn", or an alias repeating the name */
    {
        const rt_entity *o = &ds->entities[other];
        char oq[RT_QUOTE_SIZE];
        bool is_name = strlen(o->name) == n && rt_text__ieq(s, n, o->name);
        rt_text__quote(q, sizeof(q), s, n);
        rt_text__quote(oq, sizeof(oq), o->name, strlen(o->name));
        if (is_name && !is_alias)
            rt_load__diag(ld, RT_SEVERITY_ERROR, line, col,
                          "duplicate entity '%s' (first defined on line %d)", q, o->line);
        else if (is_name)
            rt_load__diag(ld, RT_SEVERITY_ERROR, line, col,
                          "alias '%s' is already the name of the entity on line %d", q, o->line);
        else
            rt_load__diag(ld, RT_SEVERITY_ERROR, line, col,
                          "%s '%s' is already an alias of '%s' (line %d)",
                          is_alias ? "alias" : "entity name", q, oq, o->line);
    }
    return NAME_TAKEN;
}

typedef struct entity_row {
    const rt_csv_row *row;
    size_t idx;
    unsigned kinds;
    unsigned primary;
    const char **aliases;
    size_t alias_count, alias_cap;
} entity_row;

/* Call fn on each ';'-separated, trimmed, non-empty part of s[0..n). */
typedef void (*part_fn)(loader *ld, const char *part, size_t len, entity_row *er);

static void each_part(loader *ld, const char *s, size_t n, part_fn fn, entity_row *er)
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
            fn(ld, s + a, b - a, er);
        i = j + 1;
    }
}

static void add_kind(loader *ld, const char *s, size_t n, entity_row *er)
{
    rt_entity_kind k;

    if (rt_entity_kind__lookup(s, n, &k) == 0) {
        if (er->kinds == 0)
            er->primary = (unsigned)k;
        er->kinds |= (unsigned)k;
        return;
    }
    rt_load__unknown_word(ld, er->row, COL_KIND, "entity kind", s, n, rt_entity_kind__suggest(s, n),
                          "investor, lab, cloud, chip, fund, datacenter or other");
}

static void add_alias(loader *ld, const char *s, size_t n, entity_row *er)
{
    const char *alias;
    const char **a;

    if (register_name(ld, s, n, er->idx, rt_load__line(ld, er->row, COL_ALIASES),
                      rt_load__col(ld, COL_ALIASES), true) != NAME_NEW)
        return;
    alias = rt_strtab__intern(&ld->ds->strings, s, n);
    a = rt__grow(er->aliases, &er->alias_cap, er->alias_count + 1, sizeof(*a));
    if (a)
        er->aliases = a;
    if (!alias || !a) {
        ld->rc = RT_ENOMEM;
        return;
    }
    a[er->alias_count++] = alias;
}

int rt_load__entity_row(loader *ld, const rt_csv_row *row)
{
    rt_dataset *ds = ld->ds;
    const rt_csv_field *name = rt_load__field(ld, row, COL_NAME);
    const rt_csv_field *f;
    entity_row er = {row, 0, 0, 0, NULL, 0, 0};
    rt_entity *e;
    pending_parent *pp;

    if (!name)
        return ld->rc; /* reported with the header; no entity can be named */
    if (name->len == 0) {
        rt_load__diag_at(ld, RT_SEVERITY_ERROR, row, COL_NAME, "empty entity name");
        return ld->rc;
    }
    er.idx =
        rt_load__add_entity(ld, rt_strtab__intern(&ds->strings, name->data, name->len), row->line);
    if (er.idx == RT_NONE)
        return RT_ENOMEM;
    register_name(ld, name->data, name->len, er.idx, name->line, rt_load__col(ld, COL_NAME), false);

    if ((f = rt_load__field(ld, row, COL_KIND)))
        each_part(ld, f->data, f->len, add_kind, &er);
    if ((f = rt_load__field(ld, row, COL_ALIASES)))
        each_part(ld, f->data, f->len, add_alias, &er);
    e = &ds->entities[er.idx];
    e->kinds = er.kinds;
    e->primary_kind = er.primary;
    if (er.alias_count > 0) {
        const char **copy = rt_arena__alloc(&ds->strings.arena, er.alias_count * sizeof(*copy));
        if (!copy)
            ld->rc = RT_ENOMEM;
        else
            memcpy(copy, er.aliases, er.alias_count * sizeof(*copy));
        e->aliases = copy;
        e->alias_count = copy ? er.alias_count : 0;
    }
    rt__free(er.aliases);
    e->country = rt_load__optional(ld, row, COL_COUNTRY);
    e->url = rt_load__optional_copy(ld, row, COL_URL);
    e->note = rt_load__optional_copy(ld, row, COL_NOTE);

    pp = rt__grow(ld->parents, &ld->parent_cap, ds->entity_count, sizeof(*pp));
    if (!pp)
        return RT_ENOMEM;
    ld->parents = pp;
    pp[er.idx] = (pending_parent){rt_load__optional(ld, row, COL_PARENT),
                                  rt_load__line(ld, row, COL_PARENT)};
    return ld->rc;
}

/* Append an entity's name to a loop report, cutting the report at CHAIN_MAX. */
static size_t chain_add(char *chain, size_t len, const char *name, const char *sep)
{
    char q[RT_QUOTE_SIZE];

    if (len >= CHAIN_MAX)
        return len;
    rt_text__quote(q, sizeof(q), name, strlen(name));
    len += (size_t)snprintf(chain + len, CHAIN_MAX + 8 - len, "%s%s", q, sep);
    if (len >= CHAIN_MAX) {
        len = CHAIN_MAX;
        while (len > 0 && ((unsigned char)chain[len] & 0xc0) == 0x80)
            len--;                              /* cut at a character boundary */
        memcpy(chain + len, "\xe2\x80\xa6", 4); /* ellipsis and NUL */
    }
    return len;
}

/* Report the parent loop made of stack[start..depth), once, on the line of
 * its first entity in the file. */
static void report_loop(loader *ld, const size_t *stack, size_t start, size_t depth)
{
    rt_dataset *ds = ld->ds;
    char chain[CHAIN_MAX + 8] = "";
    size_t len = 0, first = stack[start];

    for (size_t k = start; k < depth; k++) {
        if (ds->entities[stack[k]].line < ds->entities[first].line)
            first = stack[k];
        len = chain_add(chain, len, ds->entities[stack[k]].name, " -> ");
    }
    chain_add(chain, len, ds->entities[stack[start]].name, "");
    rt_load__diag(ld, RT_SEVERITY_ERROR, ds->entities[first].line, rt_load__col(ld, COL_PARENT),
                  "parent chain loops: %s", chain);
}

/*
 * Resolve every parent name, then find each entity's ultimate parent by
 * walking the parent chains once: O(entities). State 0 is unseen, 1 on the
 * current walk, 2 root known; a walk that meets itself is a loop, reported
 * and broken so every entity still gets a root.
 */
void rt_load__resolve_parents(loader *ld)
{
    rt_dataset *ds = ld->ds;
    unsigned char *state = NULL;
    size_t *stack = NULL;
    char hint[RT_QUOTE_SIZE + 32], q[RT_QUOTE_SIZE];

    for (size_t i = 0; i < ds->entity_count; i++) {
        const pending_parent *pp = &ld->parents[i];
        size_t p, n;
        if (!pp->text)
            continue;
        n = strlen(pp->text);
        p = rt_load__find(ld, pp->text, n);
        rt_text__quote(q, sizeof(q), pp->text, n);
        if (p == RT_NONE && !ld->rc) {
            rt_load__diag(ld, RT_SEVERITY_ERROR, pp->line, rt_load__col(ld, COL_PARENT),
                          "unknown parent '%s'%s", q,
                          rt_load__suggest_entity(ld, hint, sizeof(hint), pp->text, n));
        } else if (p == i) {
            rt_load__diag(ld, RT_SEVERITY_ERROR, pp->line, rt_load__col(ld, COL_PARENT),
                          "entity '%s' cannot be its own parent", q);
        } else {
            ds->entities[i].parent = p;
        }
    }

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
            size_t start = 0;
            while (stack[start] != v)
                start++;
            report_loop(ld, stack, start, depth);
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
