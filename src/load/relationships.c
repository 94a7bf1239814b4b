/* Rows of relationships.csv: each one a claim, grouped by (from, to, kind). */
#include <stdio.h>
#include <string.h>

#include "load/load.h"
#include "model/model.h"
#include "util/alloc.h"

#define KINDS "equity, compute, chips, datacenter, services, loan, hosting or partnership"
#define STATUSES "confirmed, reported, talks, proposed, rumored, superseded, denied or cancelled"

/* Resolve a from/to name; in a bare relationships file a new name is a new
 * entity. Reports unknown names (unless entities.csv was unreadable). */
static size_t resolve_entity(loader *ld, const rt_csv_row *row, enum column c)
{
    const rt_csv_field *f = rt_load__field(ld, row, c);
    char hint[RT_QUOTE_SIZE + 32], q[RT_QUOTE_SIZE];
    size_t idx;

    if (!f)
        return RT_NONE;
    if (f->len == 0) {
        rt_load__diag_at(ld, RT_SEVERITY_ERROR, row, c, "empty '%s' name", rt_load__column_name(c));
        return RT_NONE;
    }
    idx = rt_load__find(ld, f->data, f->len);
    if (idx != RT_NONE || ld->rc || ld->entities_broken)
        return idx;
    if (ld->implied) {
        /* The name was not found, so it is new: plain copies, no interning,
         * and one copy when the name is its own folded key ("v17"). */
        rt_dataset *ds = ld->ds;
        const char *name = rt_arena__strndup(&ds->strings.arena, f->data, f->len);
        const char *key = name ? rt_dataset__fold_copy(ds, name, f->len) : NULL;
        if (!key || (idx = rt_load__add_entity(ld, name, 0)) == RT_NONE ||
            rt_strmap__put(&ds->names, key, f->len, idx, NULL) < 0) {
            ld->rc = RT_ENOMEM;
            return RT_NONE;
        }
        return idx;
    }
    rt_text__quote(q, sizeof(q), f->data, f->len);
    rt_load__diag_at(ld, RT_SEVERITY_ERROR, row, c, "unknown entity '%s'%s", q,
                     rt_load__suggest_entity(ld, hint, sizeof(hint), f->data, f->len));
    return RT_NONE;
}

static bool parse_date_col(loader *ld, const rt_csv_row *row, enum column c, rt_date *out)
{
    const rt_csv_field *f = rt_load__field(ld, row, c);
    char err[RT_QUOTE_SIZE + 120];

    memset(out, 0, sizeof(*out));
    if (!f)
        return true;
    if (rt_date_parse(out, f->data, err, sizeof(err)) == 0)
        return true;
    rt_load__diag_at(ld, RT_SEVERITY_ERROR, row, c, "%s", err);
    return false;
}

/* Whether a later date of the row (end_date, until) is not before its
 * date, at either's precision: a contract ending in "2025" may end after
 * one dated "2025-09". Reports it when it is. */
static bool not_before_date(loader *ld, const rt_csv_row *row, enum column c, const rt_date *later,
                            const rt_date *date)
{
    rt_date end, start;
    char d1[16], d2[16];

    if (!date->year || !later->year)
        return true;
    end = rt_date__last_day(*later);
    start = rt_date__first_day(*date);
    if (rt_date_compare(&end, &start) >= 0)
        return true;
    rt_date_format(d1, sizeof(d1), later);
    rt_date_format(d2, sizeof(d2), date);
    rt_load__diag_at(ld, RT_SEVERITY_ERROR, row, c, "%s %s is before date %s",
                     rt_load__column_name(c), d1, d2);
    return false;
}

/*
 * Relationships by (from, to, kind): an open-addressing table that compares
 * against the relationships themselves, so a key costs one word and no
 * copy. A slot holds the relationship's index plus one in its low
 * REL_INDEX_BITS (0 is an empty slot) and the top bits of the key's hash
 * above them, so that a probe past another key almost never reads that
 * key's relationship (a cache miss each on a large dataset). Linear
 * probing, at most half full.
 */
#define REL_INDEX_BITS 40
#define REL_INDEX_MASK ((UINT64_C(1) << REL_INDEX_BITS) - 1)

static uint64_t relationship_hash(size_t from, size_t to, rt_rel_kind kind)
{
    uint64_t h = (uint64_t)from * UINT64_C(0x9e3779b97f4a7c15);

    h ^= ((uint64_t)to + ((uint64_t)kind << 56)) * UINT64_C(0xc2b2ae3d27d4eb4f);
    h ^= h >> 31;
    h *= UINT64_C(0xff51afd7ed558ccd);
    h ^= h >> 29;
    return h;
}

/* The slot of (from, to, kind), or the empty slot where it would go; *tag
 * gets the hash bits its slot holds. */
static uint64_t *relationship_slot(uint64_t *index, size_t cap, const rt_relationship *rels,
                                   size_t from, size_t to, rt_rel_kind kind, uint64_t *tag)
{
    uint64_t h = relationship_hash(from, to, kind);
    size_t mask = cap - 1;

    *tag = h & ~REL_INDEX_MASK;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const rt_relationship *r;
        if (!index[i])
            return &index[i];
        if ((index[i] & ~REL_INDEX_MASK) != *tag)
            continue;
        r = &rels[(index[i] & REL_INDEX_MASK) - 1];
        if (r->from == from && r->to == to && r->kind == kind)
            return &index[i];
    }
}

static int grow_relationship_index(loader *ld)
{
    const rt_dataset *ds = ld->ds;
    size_t cap = ld->relationship_index_cap ? ld->relationship_index_cap * 2 : 64;
    uint64_t *index;

    if (cap < ld->relationship_index_cap || cap > SIZE_MAX / sizeof(*index))
        return RT_ENOMEM;
    index = rt__calloc(cap, sizeof(*index));
    if (!index)
        return RT_ENOMEM;
    for (size_t r = 0; r < ds->relationship_count; r++) {
        const rt_relationship *rel = &ds->relationships[r];
        uint64_t tag;
        uint64_t *slot =
            relationship_slot(index, cap, ds->relationships, rel->from, rel->to, rel->kind, &tag);
        *slot = tag | (r + 1);
    }
    rt__free(ld->relationship_index);
    ld->relationship_index = index;
    ld->relationship_index_cap = cap;
    return RT_OK;
}

static size_t find_or_add_relationship(loader *ld, size_t from, size_t to, rt_rel_kind kind)
{
    rt_dataset *ds = ld->ds;
    size_t idx = ds->relationship_count;
    uint64_t *slot, tag;
    rt_relationship *r;

    if ((idx + 1) * 2 > ld->relationship_index_cap && grow_relationship_index(ld) < 0) {
        ld->rc = RT_ENOMEM;
        return RT_NONE;
    }
    slot = relationship_slot(ld->relationship_index, ld->relationship_index_cap, ds->relationships,
                             from, to, kind, &tag);
    if (*slot)
        return (size_t)(*slot & REL_INDEX_MASK) - 1;
    if (idx + 1 > REL_INDEX_MASK) {
        ld->rc = RT_ENOMEM;
        return RT_NONE;
    }
    r = rt__grow(ds->relationships, &ds->relationship_cap, idx + 1, sizeof(*r));
    if (!r) {
        ld->rc = RT_ENOMEM;
        return RT_NONE;
    }
    ds->relationships = r;
    memset(&r[idx], 0, sizeof(r[idx]));
    r[idx].from = from;
    r[idx].to = to;
    r[idx].kind = kind;
    ds->relationship_count++;
    *slot = tag | (idx + 1);
    return idx;
}

static bool read_kind(loader *ld, const rt_csv_row *row, rt_rel_kind *kind)
{
    const rt_csv_field *f = rt_load__field(ld, row, COL_KIND);

    if (!f)
        return false;
    if (f->len == 0) {
        rt_load__diag_at(ld, RT_SEVERITY_ERROR, row, COL_KIND,
                         "missing relationship kind (expected " KINDS ")");
        return false;
    }
    if (rt_rel_kind__lookup(f->data, f->len, kind) == 0)
        return true;
    rt_load__unknown_word(ld, row, COL_KIND, "kind", f->data, f->len,
                          rt_rel_kind__suggest(f->data, f->len), KINDS);
    return false;
}

static bool read_status(loader *ld, const rt_csv_row *row, rt_status *status)
{
    const rt_csv_field *f = rt_load__field(ld, row, COL_STATUS);

    *status = RT_STATUS_REPORTED;
    if (!f || f->len == 0 || rt_status__lookup(f->data, f->len, status) == 0)
        return true;
    rt_load__unknown_word(ld, row, COL_STATUS, "status", f->data, f->len,
                          rt_status__suggest(f->data, f->len), STATUSES);
    return false;
}

static bool read_amount(loader *ld, const rt_csv_row *row, rt_amount *amount)
{
    const rt_csv_field *f = rt_load__field(ld, row, COL_AMOUNT);
    char err[RT_QUOTE_SIZE * 2 + 120];
    const char *text;

    memset(amount, 0, sizeof(*amount));
    if (!f || f->len == 0)
        return true;
    text = rt_strtab__intern(&ld->ds->strings, f->data, f->len);
    if (!text) {
        ld->rc = RT_ENOMEM;
        return false;
    }
    if (rt_amount_parse(amount, text, err, sizeof(err)) == 0)
        return true;
    rt_load__diag_at(ld, RT_SEVERITY_ERROR, row, COL_AMOUNT, "%s", err);
    return false;
}

int rt_load__relationship_row(loader *ld, const rt_csv_row *row)
{
    rt_dataset *ds = ld->ds;
    rt_claim claim;
    size_t from, to;
    rt_rel_kind kind = RT_REL_EQUITY;
    bool ok = true;
    rt_claim *claims;

    memset(&claim, 0, sizeof(claim));
    from = resolve_entity(ld, row, COL_FROM);
    to = resolve_entity(ld, row, COL_TO);
    if (from == RT_NONE || to == RT_NONE) {
        ok = false;
    } else if (from == to) {
        char q[RT_QUOTE_SIZE];
        rt_text__quote(q, sizeof(q), ds->entities[from].name, strlen(ds->entities[from].name));
        rt_load__diag_at(ld, RT_SEVERITY_ERROR, row, COL_TO,
                         "'%s' is both from and to: money must flow between two entities", q);
        ok = false;
    }
    ok = read_kind(ld, row, &kind) && ok;
    ok = read_status(ld, row, &claim.status) && ok;
    ok = read_amount(ld, row, &claim.amount) && ok;
    ok = parse_date_col(ld, row, COL_DATE, &claim.date) && ok;
    ok = parse_date_col(ld, row, COL_END_DATE, &claim.end_date) && ok;
    ok = parse_date_col(ld, row, COL_UNTIL, &claim.until) && ok;
    ok = not_before_date(ld, row, COL_END_DATE, &claim.end_date, &claim.date) && ok;
    ok = not_before_date(ld, row, COL_UNTIL, &claim.until, &claim.date) && ok;
    claim.source = rt_load__optional(ld, row, COL_SOURCE);
    claim.url = rt_load__optional_copy(ld, row, COL_URL);
    claim.deal = rt_load__optional(ld, row, COL_DEAL);
    claim.note = rt_load__optional_copy(ld, row, COL_NOTE);
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
