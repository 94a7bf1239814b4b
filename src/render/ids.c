/*
 * A cgraph ID discipline that numbers named objects in the order they are
 * made. cgraph's default uses the address of each name's string as its ID,
 * and keeps subgraphs ordered by ID, so the order of clusters in the DOT
 * (and so the layout) changed from run to run. With IDs in creation order
 * the same input gives the same bytes.
 *
 * As in cgraph's default (cgraph/id.c), named objects get even IDs and
 * anonymous ones odd IDs, so print() can tell them apart; and names are
 * cgraph strings (agstrdup), because agwrite() reads flags such as "HTML
 * string" from the header cgraph keeps before each of its strings. They
 * are freed with the graph's string dictionary.
 */
#include <cgraph.h>
#include <string.h>

#include "render/render_impl.h"
#include "util/alloc.h"
#include "util/strtab.h"

typedef struct id_state {
    Agraph_t *root;
    char **names; /* names[i] has ID 2 * (i + 1); cgraph strings of root */
    size_t count, cap;
    rt_strmap index; /* name -> i */
    IDTYPE anonymous;
    bool failed; /* an allocation failed: refuse every new object */
} id_state;

/* cgraph does not check what its ID discipline's open() returns, so the
 * state is allocated before agopen() and handed over here: a failed
 * allocation is caught by rt_render__open(), not by a crash in id_map(). */
typedef struct opening {
    Agdisc_t disc; /* first: cgraph passes &disc back to id_open() */
    id_state *state;
} opening;

static void *id_open(Agraph_t *g, Agdisc_t *disc)
{
    id_state *s = ((opening *)disc)->state;

    s->root = g;
    s->anonymous = 1;
    return s;
}

static long id_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    id_state *s = state;
    size_t i, n;
    char *copy, **names;

    (void)objtype;
    /* After a failure, refuse anonymous IDs too: cgraph falls back to one
     * when a name cannot be mapped, keeping the name in an internal map
     * that agclose() leaks. Refused, agnode() and the like return NULL. */
    if (s->failed)
        return 0;
    if (!str) {
        *id = s->anonymous;
        s->anonymous += 2;
        return 1;
    }
    n = strlen(str);
    if (rt_strmap__get(&s->index, str, n, &i)) {
        *id = (IDTYPE)(2 * (i + 1));
        return 1;
    }
    if (!createflag)
        return 0;
    names = rt__grow(s->names, &s->cap, s->count + 1, sizeof(*names));
    if (!names)
        goto failed;
    s->names = names;
    copy = agstrdup(s->root, str);
    if (!copy)
        goto failed;
    if (rt_strmap__put(&s->index, copy, n, s->count, NULL) < 0)
        goto failed; /* the string is freed with the graph */
    s->names[s->count] = copy;
    *id = (IDTYPE)(2 * ++s->count);
    return 1;
failed:
    s->failed = true;
    return 0;
}

static long id_alloc(void *state, int objtype, IDTYPE request)
{
    (void)state;
    (void)objtype;
    (void)request;
    return 0;
}

static void id_free(void *state, int objtype, IDTYPE id)
{
    /* Names live until the graph is closed. */
    (void)state;
    (void)objtype;
    (void)id;
}

static char *id_print(void *state, int objtype, IDTYPE id)
{
    id_state *s = state;

    (void)objtype;
    if (id % 2 != 0 || id == 0 || id / 2 > s->count)
        return NULL;
    return s->names[id / 2 - 1];
}

static void id_close(void *state)
{
    id_state *s = state;

    if (!s)
        return;
    rt__free(s->names);
    rt_strmap__destroy(&s->index);
    rt__free(s);
}

static void id_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static const Agiddisc_t ordered_ids = {id_open,  id_map,   id_alloc,   id_free,
                                       id_print, id_close, id_register};

Agraph_t *rt_render__open(const char *name)
{
    /* cgraph only reads a discipline: the const goes for its type's sake. */
    opening o = {{&AgMemDisc, (Agiddisc_t *)&ordered_ids, &AgIoDisc},
                 rt__calloc(1, sizeof(id_state))};

    if (!o.state)
        return NULL;
    /* cgraph keeps the discipline's parts, not &o.disc itself. */
    return agopen((char *)name, Agdirected, &o.disc);
}
