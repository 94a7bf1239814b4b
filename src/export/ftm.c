/*
 * FollowTheMoney entity stream, for Aleph and the ftm tools: one JSON
 * object a line, {"id", "schema", "properties": {name: [values]}}, written
 * with jansson. Every entity is a Company: name, alias, classification
 * (its kinds), country (a two-letter code in lower case, as FtM writes
 * them), website, description (its note), parent. Every claim is one
 * entity of its own, the dataset's history as the filters see it: with
 * --as-of, the claims made by then, with the status they had then and an
 * end only if it came by then; with --status, those of a status listed;
 * with --min-amount, those of the relationships it keeps. Its schema is the
 * one its relationship's class gives:
 *
 *   stake  Ownership    owner, asset, sharesValue (the amount as written)
 *   spend  Payment      payer, beneficiary, purpose (the kind), amount (as
 *                       written), amountUsd (its dollar figure, the low end
 *                       of a range)
 *   debt   Debt         creditor, debtor, amount, amountUsd
 *   link   UnknownLink  subject, object, role (the kind)
 *
 * each with its status (in status, where the schema has one, and in
 * summary, which every schema has), date, until as endDate, source as
 * publisher, url as sourceUrl, note as description, and its line in
 * relationships.csv as recordId, so that `roundtrip import --from ftm`
 * puts it back on that line. Ids are stable: "rt-e-" and a 64-bit hash of
 * the entity's name folded to lower case; "rt-c-" and a hash of the
 * claim's from, to, kind, date, source and amount, with "-2", "-3" for
 * identical rows.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "export/export_impl.h"
#include "util/alloc.h"
#include "util/strtab.h"
#include "util/text.h"
#include "util/url.h"

static bool add(json_t *props, const char *name, const char *value)
{
    json_t *arr;

    if (!value || !*value)
        return true;
    arr = json_object_get(props, name);
    if (!arr) {
        arr = json_array();
        if (!arr || json_object_set_new(props, name, arr) != 0)
            return false;
    }
    return json_array_append_new(arr, json_string(value)) == 0;
}

/* Names fold into a caller's scratch buffer, grown as needed; false when
 * out of memory. The whole name is hashed, however long. */
static bool entity_id(char *buf, size_t len, const char *name, rt_buf *scratch)
{
    size_t n = strlen(name);

    scratch->len = 0;
    rt_buf__add(scratch, name, n);
    if (scratch->oom)
        return false;
    rt_text__fold(scratch->data, name, n);
    snprintf(buf, len, "rt-e-%016llx", (unsigned long long)rt_strmap__hash(scratch->data, n));
    return true;
}

static bool line_out(rt_buf *b, json_t *obj)
{
    char *text = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);

    json_decref(obj);
    if (!text)
        return false;
    rt_buf__puts(b, text);
    rt_buf__puts(b, "\n");
    free(text);
    return !b->oom;
}

static json_t *record(const char *id, const char *schema, json_t **props)
{
    json_t *o = json_object();

    *props = json_object();
    if (!o || !*props || json_object_set_new(o, "id", json_string(id)) != 0 ||
        json_object_set_new(o, "schema", json_string(schema)) != 0 ||
        json_object_set_new(o, "properties", *props) != 0) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static bool add_entity(rt_buf *b, const rt_dataset *ds, size_t e, rt_buf *scratch)
{
    const rt_entity *ent = rt_dataset_entity(ds, e);
    char id[32], pid[32];
    json_t *props, *o;
    bool ok;

    if (!entity_id(id, sizeof(id), ent->name, scratch) || !(o = record(id, "Company", &props)))
        return false;
    ok = add(props, "name", ent->name);
    for (size_t i = 0; ok && i < ent->alias_count; i++)
        ok = add(props, "alias", ent->aliases[i]);
    for (int k = 0; ok && k < RT_ENTITY_KIND_COUNT; k++)
        if (ent->kinds & (1u << k))
            ok = add(props, "classification", rt_entity_kind_name((rt_entity_kind)(1 << k)));
    if (ok && ent->country) {
        if (strlen(ent->country) == 2) {
            char code[3] = {(char)(ent->country[0] | 0x20), (char)(ent->country[1] | 0x20), 0};
            ok = add(props, "country", code);
        } else {
            ok = add(props, "country", ent->country);
        }
    }
    if (ok && rt_url__is_web(ent->url))
        ok = add(props, "website", ent->url);
    ok = ok && add(props, "description", ent->note);
    if (ok && ent->parent != RT_NONE) {
        ok = entity_id(pid, sizeof(pid), rt_dataset_entity(ds, ent->parent)->name, scratch) &&
             add(props, "parent", pid);
    }
    if (!ok) {
        json_decref(o);
        return false;
    }
    return line_out(b, o);
}

static bool add_claim(rt_buf *b, const rt_export_view *v, size_t r, const rt_claim *c,
                      rt_status status, bool ended, rt_strmap *seen, rt_arena *names,
                      rt_buf *scratch)
{
    const rt_relationship *rel = rt_dataset_relationship(v->ds, r);
    rt_rel_class cls = rt_rel_kind_class(rel->kind);
    const char *from = rt_dataset_entity(v->ds, rel->from)->name;
    const char *to = rt_dataset_entity(v->ds, rel->to)->name;
    static const char *const schemas[] = {"Ownership", "Payment", "Debt", "UnknownLink"};
    static const char *const ends[][2] = {{"owner", "asset"},
                                          {"payer", "beneficiary"},
                                          {"creditor", "debtor"},
                                          {"subject", "object"}};
    char fid[32], tid[32], id[48], date[16], line[24];
    rt_buf key = RT_BUF_INIT;
    size_t copies = 0, *count;
    json_t *props, *o;
    bool ok;

    /* The id: a hash of the row's content, numbered among identical rows. */
    rt_date_format(date, sizeof(date), &c->date);
    rt_buf__printf(&key, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s", from, to, rt_rel_kind_name(rel->kind),
                   date, c->source ? c->source : "", c->amount.text ? c->amount.text : "");
    if (key.oom)
        return false;
    snprintf(id, sizeof(id), "rt-c-%016llx",
             (unsigned long long)rt_strmap__hash(key.data, key.len));
    {
        char *stored = rt_arena__strndup(names, id, strlen(id));
        size_t *slot = rt_arena__alloc(names, sizeof(size_t));
        size_t at = 0;
        if (!stored || !slot) {
            rt_buf__free(&key);
            return false;
        }
        *slot = 0;
        if (rt_strmap__put(seen, stored, strlen(stored), (size_t)slot, &at) < 0) {
            rt_buf__free(&key);
            return false;
        }
        count = at ? (size_t *)at : slot;
        copies = ++*count;
    }
    rt_buf__free(&key);
    if (copies > 1) {
        size_t n = strlen(id);
        snprintf(id + n, sizeof(id) - n, "-%zu", copies);
    }
    if (!entity_id(fid, sizeof(fid), from, scratch) || !entity_id(tid, sizeof(tid), to, scratch))
        return false;
    snprintf(line, sizeof(line), "%d", c->line);
    if (!(o = record(id, schemas[cls], &props)))
        return false;
    ok = add(props, ends[cls][0], fid) && add(props, ends[cls][1], tid);
    if (cls == RT_CLASS_STAKE) {
        ok = ok && add(props, "sharesValue", c->amount.text) &&
             add(props, "status", rt_status_name(status));
    } else if (cls == RT_CLASS_LINK) {
        ok = ok && add(props, "role", rt_rel_kind_name(rel->kind)) &&
             add(props, "status", rt_status_name(status));
    } else {
        if (cls == RT_CLASS_SPEND)
            ok = ok && add(props, "purpose", rt_rel_kind_name(rel->kind));
        ok = ok && add(props, "amount", c->amount.text);
        if (ok && c->amount.unit == RT_AMOUNT_USD) {
            char usd[32];
            snprintf(usd, sizeof(usd), "%lld", (long long)c->amount.low);
            ok = add(props, "amountUsd", usd);
        }
    }
    ok = ok && add(props, "summary", rt_status_name(status)) &&
         add(props, "date", c->date.year ? date : NULL);
    if (ok && c->until.year && ended) {
        char until[16];
        rt_date_format(until, sizeof(until), &c->until);
        ok = add(props, "endDate", until);
    }
    ok = ok && add(props, "publisher", c->source) &&
         add(props, "sourceUrl", rt_url__is_web(c->url) ? c->url : NULL) &&
         add(props, "description", c->note) && add(props, "recordId", line);
    if (!ok) {
        json_decref(o);
        return false;
    }
    return line_out(b, o);
}

int rt_export__ftm(rt_buf *b, const rt_export_view *v)
{
    size_t nent = rt_dataset_entity_count(v->ds), nrel = rt_dataset_relationship_count(v->ds);
    const rt_graph_options *go = rt_graph_options_used(v->g);
    rt_strmap seen = RT_STRMAP_INIT;
    rt_arena names = RT_ARENA_INIT;
    rt_buf scratch = RT_BUF_INIT;
    bool ok = true;

    for (size_t e = 0; ok && e < nent; e++)
        ok = add_entity(b, v->ds, e, &scratch);
    /* Claims relationship by relationship (the import puts them back on
     * their lines, by recordId). */
    for (size_t r = 0; ok && r < nrel; r++) {
        const rt_relationship *rel = rt_dataset_relationship(v->ds, r);
        if (go->filter.min_amount >= 0 && !rt_graph_flow(v->g, r)->kept)
            continue;
        for (size_t k = 0; ok && k < rel->claim_count; k++) {
            const rt_claim *c = rt_dataset_claim(v->ds, rel->first_claim + k);
            rt_status st;
            bool ended;
            if (rt_export__claim_in_history(v, c, &st, &ended))
                ok = add_claim(b, v, r, c, st, ended, &seen, &names, &scratch);
        }
    }
    rt_strmap__destroy(&seen);
    rt_arena__destroy(&names);
    rt_buf__free(&scratch);
    return ok ? RT_OK : RT_ENOMEM;
}
