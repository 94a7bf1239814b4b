/* What a load promises, checked on every input the loader and pipeline targets see. */
#include "fuzz.h"

static void check_diags(const rt_diags *diags, const fuzz_files *f)
{
    size_t n = rt_diags_count(diags), errors = 0;
    const rt_diag *prev = NULL;

    for (size_t i = 0; i < n; i++) {
        const rt_diag *d = rt_diags_get(diags, i);
        fuzz_check(d && d->msg && d->msg[0] != '\0');
        fuzz_check(d->line >= 0 && d->col >= 0);
        fuzz_check(d->severity == RT_SEVERITY_ERROR || d->severity == RT_SEVERITY_WARNING);
        fuzz_check(!d->file || strcmp(d->file, f->relationships.name) == 0 ||
                   (f->has_entities && strcmp(d->file, f->entities.name) == 0));
        /* One file's problems are in file order. */
        if (prev && prev->file && d->file && strcmp(prev->file, d->file) == 0)
            fuzz_check(prev->line < d->line || (prev->line == d->line && prev->col <= d->col));
        errors += d->severity == RT_SEVERITY_ERROR;
        prev = d;
    }
    fuzz_check(errors == rt_diags_error_count(diags));
}

static void check_amount(const rt_amount *a)
{
    fuzz_check(a->unit == RT_AMOUNT_UNKNOWN || a->unit == RT_AMOUNT_USD ||
               a->unit == RT_AMOUNT_OTHER);
    if (a->unit == RT_AMOUNT_USD)
        fuzz_check(0 <= a->low && a->low <= a->high && a->high <= RT_AMOUNT_MAX);
}

static void check_date(const rt_date *d)
{
    if (d->year == 0) {
        fuzz_check(d->month == 0 && d->day == 0);
        return;
    }
    fuzz_check(d->year >= 1900 && d->year <= 2199);
    fuzz_check(d->month >= 0 && d->month <= 12 && d->day >= 0 && d->day <= 31);
    fuzz_check(d->day == 0 || d->month != 0);
}

/* No C0 control, DEL or C1 control in a string of the data (a note may
 * hold tabs and line breaks, and is not checked here). */
static void check_printable(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        fuzz_check(*p >= 0x20 && *p != 0x7f);
        fuzz_check(!(p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f));
    }
}

static void check_entities(const rt_dataset *ds, bool has_entities)
{
    size_t n = rt_dataset_entity_count(ds);

    for (size_t i = 0; i < n; i++) {
        const rt_entity *e = rt_dataset_entity(ds, i);
        size_t v = i, steps = 0;

        fuzz_check(e && e->name && e->name[0] != '\0');
        check_printable(e->name);
        check_printable(e->country);
        check_printable(e->url);
        for (size_t a = 0; a < e->alias_count; a++)
            check_printable(e->aliases[a]);
        fuzz_check(rt_dataset_find(ds, e->name) == i);
        for (size_t k = 0; k < e->alias_count; k++)
            fuzz_check(e->aliases[k] && rt_dataset_find(ds, e->aliases[k]) == i);
        fuzz_check(e->primary_kind == 0 || ((e->primary_kind & (e->primary_kind - 1)) == 0 &&
                                            (e->kinds & e->primary_kind) != 0));
        fuzz_check(e->kinds < (1u << RT_ENTITY_KIND_COUNT));
        fuzz_check(e->parent == RT_NONE || (e->parent < n && e->parent != i));
        fuzz_check(e->root < n && rt_dataset_entity(ds, e->root)->parent == RT_NONE);
        fuzz_check(e->line >= 0 && (has_entities || e->line == 0));
        /* The parent chain ends at the root, without a cycle. */
        while (rt_dataset_entity(ds, v)->parent != RT_NONE && steps++ <= n)
            v = rt_dataset_entity(ds, v)->parent;
        fuzz_check(v == e->root);
    }
}

static void check_relationships(const rt_dataset *ds)
{
    size_t n = rt_dataset_entity_count(ds), nrel = rt_dataset_relationship_count(ds);
    size_t nclaims = rt_dataset_claim_count(ds), seen = 0;

    for (size_t r = 0; r < nrel; r++) {
        const rt_relationship *rel = rt_dataset_relationship(ds, r);
        rt_status strongest = RT_STATUS_COUNT;

        fuzz_check(rel->from < n && rel->to < n);
        fuzz_check((unsigned)rel->kind < RT_REL_KIND_COUNT);
        fuzz_check(rel->claim_count >= 1 && rel->first_claim <= nclaims &&
                   rel->claim_count <= nclaims - rel->first_claim);
        check_amount(&rel->amount);
        for (size_t k = 0; k < rel->claim_count; k++) {
            const rt_claim *c = rt_dataset_claim(ds, rel->first_claim + k);
            fuzz_check(c->relationship == r);
            /* The relationship's status is its strongest claim's as it stands. */
            if (rt_claim_status_as_of(c, NULL) < strongest)
                strongest = rt_claim_status_as_of(c, NULL);
        }
        fuzz_check(rel->status == strongest);
        seen += rel->claim_count;
    }
    fuzz_check(seen == nclaims);
    for (size_t i = 0; i < nclaims; i++) {
        const rt_claim *c = rt_dataset_claim(ds, i);
        fuzz_check(c->relationship < nrel);
        fuzz_check((unsigned)c->status < RT_STATUS_COUNT);
        fuzz_check(c->line >= 2);
        check_amount(&c->amount);
        check_date(&c->date);
        check_date(&c->end_date);
        check_date(&c->until);
        /* A claim holds from its date until its end, with a status that
         * carries money, or never. */
        fuzz_check((unsigned)c->held < RT_STATUS_COUNT);
        if (c->held_until.year && c->date.year)
            fuzz_check(!rt_claim_holds(c, NULL));
        if (!rt_status_carries_money(c->held))
            fuzz_check(!rt_claim_holds(c, NULL) && !rt_claim_holds(c, &c->date));
        /* Nothing from the data can drive a terminal or break markup. */
        check_printable(c->source);
        check_printable(c->url);
        check_printable(c->deal);
    }
}

rt_dataset *fuzz_load_checked(const fuzz_files *f, rt_diags *diags)
{
    rt_dataset *ds = (rt_dataset *)1;
    int rc = rt_dataset_load_sources(&ds, f->has_entities ? &f->entities : NULL, &f->relationships,
                                     diags);

    check_diags(diags, f);
    /* In memory, nothing can be missing or unreadable; only the data can be wrong. */
    fuzz_check(rc == RT_OK || rc == RT_EDATA);
    if (rc != RT_OK) {
        fuzz_check(ds == NULL && rt_diags_error_count(diags) > 0);
        return NULL;
    }
    fuzz_check(ds != NULL && rt_diags_error_count(diags) == 0);
    fuzz_check(strcmp(rt_dataset_relationships_file(ds), f->relationships.name) == 0);
    fuzz_check(f->has_entities ? rt_dataset_entities_file(ds) &&
                                     strcmp(rt_dataset_entities_file(ds), f->entities.name) == 0
                               : rt_dataset_entities_file(ds) == NULL);
    check_entities(ds, f->has_entities);
    check_relationships(ds);
    return ds;
}

const char *fuzz_hidden(const char *text)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        unsigned cp = 0;
        if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
            return (const char *)p;
        /* C1 controls (U+0080 to U+009F), no-break space, soft hyphen */
        if (p[0] == 0xc2 && ((p[1] >= 0x80 && p[1] <= 0xa0) || p[1] == 0xad))
            return (const char *)p;
        if ((p[0] & 0xf0) == 0xe0 && p[1] && p[2])
            cp = ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
        if ((cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) ||
            (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff)
            return (const char *)p;
    }
    return NULL;
}

void fuzz_check_markdown(const char *md, const char *image)
{
    const char *bad = fuzz_hidden(md);

    if (bad)
        fprintf(stderr, "hidden byte 0x%02x in the Markdown: %.40s\n", (unsigned char)*bad, bad);
    fuzz_check(bad == NULL);
    for (const char *p = md; *p; p++) {
        if ((*p == '<' || *p == '>' || *p == '&') && (p == md || p[-1] != '\\')) {
            fprintf(stderr, "unescaped '%c' in the Markdown: %.40s\n", *p, p);
            fuzz_check(!"an unescaped < > or & in the Markdown");
        }
        if (p[0] == ']' && p[1] == '(' && (p == md || p[-1] != '\\')) {
            const char *t = p + 2, *end = strchr(t, ')');
            size_t n = end ? (size_t)(end - t) : strlen(t);
            bool web = strncmp(t, "https://", 8) == 0 || strncmp(t, "http://", 7) == 0;
            bool ok = end && (web || t[0] == '#' ||
                              (image && n == strlen(image) && memcmp(t, image, n) == 0));
            for (size_t k = 0; ok && k < n; k++)
                ok = !strchr("()[]<>\"' ", t[k]);
            if (!ok)
                fprintf(stderr, "link target in the Markdown: %.60s\n", t);
            fuzz_check(ok);
        }
    }
}
