/* Imports: the dataset built row by row, and written as our CSV files. */
#include "import/import_impl.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "roundtrip/model.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/text.h"

struct rt_imported {
    char *entities, *relationships;
    size_t entities_len, relationships_len;
    size_t nent, nclaim, skipped;
};

const char *rt_import__copy(rt_import_builder *b, const char *s, size_t n)
{
    char *copy = rt_arena__strndup(&b->arena, s, n);

    b->oom |= copy == NULL;
    return copy;
}

static rt_import_row *grow(rt_import_builder *b, rt_import_row **rows, size_t *n, size_t *cap)
{
    if (*n == *cap) {
        size_t want = *cap ? 2 * *cap : 64;
        rt_import_row *more = rt__realloc(*rows, want * sizeof(**rows));
        if (!more) {
            b->oom = true;
            return NULL;
        }
        *rows = more;
        *cap = want;
    }
    memset(&(*rows)[*n], 0, sizeof(**rows));
    (*rows)[*n].seq = *n;
    return &(*rows)[(*n)++];
}

/* The folded key of a name, in the arena (NULL when out of memory). */
static char *folded(rt_import_builder *b, const char *name, size_t len)
{
    char *key = rt_arena__alloc(&b->arena, len + 1);

    if (!key) {
        b->oom = true;
        return NULL;
    }
    rt_text__fold(key, name, len);
    key[len] = '\0';
    return key;
}

size_t rt_import__find(rt_import_builder *b, const char *name)
{
    size_t len = strlen(name), found;
    char *key = folded(b, name, len);

    return key && rt_strmap__get(&b->names, key, len, &found) ? found : RT_NONE;
}

size_t rt_import__entity(rt_import_builder *b, const char *name)
{
    size_t len = strlen(name), found;
    char *key = folded(b, name, len);
    rt_import_row *row;
    int rc;

    if (!key)
        return RT_NONE;
    if (rt_strmap__get(&b->names, key, len, &found))
        return found;
    if (!(row = grow(b, &b->entities, &b->nent, &b->capent)))
        return RT_NONE;
    row->f[RT_E_NAME] = rt_import__copy(b, name, len);
    rc = rt_strmap__put(&b->names, key, len, b->nent - 1, NULL);
    if (rc < 0 || !row->f[RT_E_NAME]) {
        b->oom = true;
        return RT_NONE;
    }
    return b->nent - 1;
}

rt_import_row *rt_import__claim(rt_import_builder *b, double order)
{
    rt_import_row *row = grow(b, &b->claims, &b->nclaim, &b->capclaim);

    if (row)
        row->order = order;
    return row;
}

void rt_import__skip(rt_import_builder *b, int line, const char *fmt, ...)
{
    va_list ap;

    b->skipped++;
    va_start(ap, fmt);
    if (b->diags)
        rt_diags__addv(b->diags, RT_SEVERITY_WARNING, b->file, line, 0, fmt, ap);
    va_end(ap);
}

void rt_import__warn(rt_import_builder *b, int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (b->diags)
        rt_diags__addv(b->diags, RT_SEVERITY_WARNING, b->file, line, 0, fmt, ap);
    va_end(ap);
}

void rt_import__own(rt_import_builder *b)
{
    rt_import_row *sets[2] = {b->entities, b->claims};
    size_t counts[2] = {b->nent, b->nclaim};

    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < counts[s]; i++)
            for (int c = 0; c < RT_C_COLS; c++)
                if (sets[s][i].f[c])
                    sets[s][i].f[c] = rt_import__copy(b, sets[s][i].f[c], strlen(sets[s][i].f[c]));
}

bool rt_import__amount_ok(const char *text)
{
    rt_amount a;
    char err[128];

    return rt_amount_parse(&a, text, err, sizeof(err)) == 0;
}

bool rt_import__date_ok(const char *text)
{
    rt_date d;
    char err[128];

    return rt_date_parse(&d, text, err, sizeof(err)) == 0;
}

bool rt_import__status_ok(const char *text)
{
    rt_status s;

    return rt_status__lookup(text, strlen(text), &s) == 0;
}

bool rt_import__rel_kind_ok(const char *text)
{
    rt_rel_kind k;

    return rt_rel_kind__lookup(text, strlen(text), &k) == 0;
}

bool rt_import__entity_kind_ok(const char *text)
{
    rt_entity_kind k;

    return rt_entity_kind__lookup(text, strlen(text), &k) == 0;
}

/* A field as RFC 4180 has it: quoted (by libcsv) when it holds a comma, a
 * quote, a line break or space at an end, as it is otherwise. */
static void field(rt_buf *out, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    bool quote = n > 0 && (strpbrk(s, ",\"\r\n;\t") || s[0] == ' ' || s[n - 1] == ' ');

    if (!quote) {
        rt_buf__add(out, s ? s : "", n);
        return;
    }
    {
        size_t need = csv_write(NULL, 0, s, n);
        char *q = rt__malloc(need + 1);
        if (!q) {
            out->oom = true;
            return;
        }
        csv_write(q, need, s, n);
        rt_buf__add(out, q, need);
        rt__free(q);
    }
}

/* The rows after the header. With `lines`, a row whose order is a line
 * number still ahead (the line it had in the file it was exported from:
 * FtM's recordId) goes on that line, blank lines before it, so its claims
 * keep the lines their sources cite. */
static void write_rows(rt_buf *out, const char *header, const rt_import_row *rows, size_t n,
                       size_t cols, bool lines)
{
    double line = 2; /* the line the next row starts on */

    rt_buf__puts(out, header);
    for (size_t i = 0; i < n; i++) {
        double want = rows[i].order;
        while (lines && want < 1e15 && want == (double)(long long)want && line < want) {
            rt_buf__puts(out, "\n");
            line++;
        }
        for (size_t c = 0; c < cols; c++) {
            if (c)
                rt_buf__puts(out, ",");
            field(out, rows[i].f[c]);
            for (const char *s = rows[i].f[c]; s && (s = strchr(s, '\n')); s++)
                line++;
        }
        rt_buf__puts(out, "\n");
        line++;
    }
}

static int by_order(const void *pa, const void *pb)
{
    const rt_import_row *a = pa, *b = pb;

    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int finish(rt_import_builder *b, rt_imported **out)
{
    rt_imported *im = rt__calloc(1, sizeof(*im));
    rt_buf ents = RT_BUF_INIT, rels = RT_BUF_INIT;

    if (!im)
        return RT_ENOMEM;
    if (b->nclaim > 1)
        qsort(b->claims, b->nclaim, sizeof(*b->claims), by_order);
    write_rows(&ents, "name,kind,parent,aliases,country,url,note\n", b->entities, b->nent,
               RT_E_COLS, false);
    write_rows(&rels, "from,to,kind,amount,status,date,end_date,until,source,url,deal,note\n",
               b->claims, b->nclaim, RT_C_COLS, true);
    im->entities_len = ents.len;
    im->relationships_len = rels.len;
    im->entities = ents.oom ? NULL : rt_buf__detach(&ents);
    im->relationships = rels.oom ? NULL : rt_buf__detach(&rels);
    rt_buf__free(&ents);
    rt_buf__free(&rels);
    if (!im->entities || !im->relationships) {
        rt_imported_free(im);
        return RT_ENOMEM;
    }
    im->nent = b->nent;
    im->nclaim = b->nclaim;
    im->skipped = b->skipped;
    *out = im;
    return RT_OK;
}

int rt_import(rt_imported **out, const char *data, size_t len, const rt_import_options *opts,
              rt_diags *diags)
{
    rt_import_builder b;
    int rc;

    if (!out || (!data && len) || !opts || opts->version != RT_IMPORT_OPTIONS_VERSION ||
        (unsigned)opts->format >= RT_IMPORT_FORMAT_COUNT)
        return RT_EINVAL;
    *out = NULL;
    memset(&b, 0, sizeof(b));
    b.diags = diags;
    b.file = opts->name ? opts->name : "input";
    rc = opts->format == RT_IMPORT_FTM ? rt_import__ftm(&b, data ? data : "", len)
                                       : rt_import__graphml(&b, data ? data : "", len, opts->map);
    if (rc == RT_OK && b.oom)
        rc = RT_ENOMEM;
    if (rc == RT_OK)
        rc = finish(&b, out);
    rt__free(b.entities);
    rt__free(b.claims);
    rt_strmap__destroy(&b.names);
    rt_arena__destroy(&b.arena);
    return rc;
}

const char *rt_imported_entities(const rt_imported *im, size_t *len)
{
    if (len)
        *len = im->entities_len;
    return im->entities;
}

const char *rt_imported_relationships(const rt_imported *im, size_t *len)
{
    if (len)
        *len = im->relationships_len;
    return im->relationships;
}

size_t rt_imported_entity_count(const rt_imported *im)
{
    return im->nent;
}

size_t rt_imported_claim_count(const rt_imported *im)
{
    return im->nclaim;
}

size_t rt_imported_skipped(const rt_imported *im)
{
    return im->skipped;
}

void rt_imported_free(rt_imported *im)
{
    if (!im)
        return;
    rt__free(im->entities);
    rt__free(im->relationships);
    rt__free(im);
}

int rt_import_format_parse(rt_import_format *out, const char *name)
{
    if (!out || !name)
        return RT_EINVAL;
    if (strcmp(name, "ftm") == 0)
        *out = RT_IMPORT_FTM;
    else if (strcmp(name, "graphml") == 0)
        *out = RT_IMPORT_GRAPHML;
    else
        return RT_EINVAL;
    return RT_OK;
}
