/* Shared test helpers. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int load_strings(rt_dataset **out, rt_diags **diags, const char *entities,
                 const char *relationships)
{
    rt_source es = {"entities.csv", entities, entities ? strlen(entities) : 0};
    rt_source rs = {"relationships.csv", relationships, strlen(relationships)};

    assert_int_equal(rt_diags_new(diags), 0);
    return rt_dataset_load_sources(out, entities ? &es : NULL, &rs, *diags);
}

const rt_diag *find_diag(const rt_diags *d, int line, int col, const char *needle)
{
    for (size_t i = 0; i < rt_diags_count(d); i++) {
        const rt_diag *g = rt_diags_get(d, i);
        if ((line == 0 || g->line == line) && (col == 0 || g->col == col) && strstr(g->msg, needle))
            return g;
    }
    return NULL;
}

void dump_diags(const rt_diags *d)
{
    for (size_t i = 0; i < rt_diags_count(d); i++) {
        const rt_diag *g = rt_diags_get(d, i);
        fprintf(stderr, "# %s:%d:%d: %s%s\n", g->file ? g->file : "-", g->line, g->col,
                g->severity == RT_SEVERITY_WARNING ? "warning: " : "", g->msg);
    }
}

static const char *join_env(const char *var, const char *name)
{
    static char buf[4096];
    const char *root = getenv(var);

    if (!root)
        fail_msg("%s is not set (run the tests with meson test)", var);
    snprintf(buf, sizeof(buf), "%s/%s", root, name);
    return buf;
}

const char *test_data(const char *name)
{
    return join_env("RT_TEST_DATA", name);
}

const char *source_path(const char *name)
{
    return join_env("RT_SOURCE_ROOT", name);
}

char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0, cap = 0, got;

    if (!f)
        return NULL;
    do {
        if (n + 4096 + 1 > cap) {
            cap = (n + 4096 + 1) * 2;
            buf = realloc(buf, cap);
            if (!buf)
                break;
        }
        got = fread(buf + n, 1, 4096, f);
        n += got;
    } while (got > 0);
    fclose(f);
    if (buf)
        buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}
