/*
 * FollowTheMoney entity streams (Aleph's exports, the ftm tools): one JSON
 * object a line, {"id": ..., "schema": ..., "properties": {name: [values]}}.
 *
 * Parties (Company, Organization, LegalEntity, Person, PublicBody) become
 * entities: name; classification values that are our kinds; parent; alias;
 * country; website as url; description (or notes) as note. Parties with one
 * name are one entity. Money becomes claims:
 *
 *   Ownership    owner -> asset         equity   sharesValue (sharesCurrency)
 *                                                or percentage
 *   Payment      payer -> beneficiary   purpose when one of our spend kinds,
 *                                       else services; amount (currency) or
 *                                       amountUsd
 *   Debt         creditor -> debtor     loan     amount as for Payment
 *   UnknownLink  subject -> object      role when hosting or partnership,
 *                                       else partnership
 *
 * and each claim: status from status, or from summary when it is one of
 * ours; date (or startDate), endDate as until, publisher as source,
 * sourceUrl as url, description as note. Claims are written in the order
 * of their recordId when it is a number (our own export gives each its
 * line), then in stream order. Anything else is left out with its line.
 */
#include "import/import_impl.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"

typedef struct record {
    json_t *obj;
    int line;
} record;

/* The values of a property, as an array (NULL when it has none). */
static json_t *values(json_t *obj, const char *name)
{
    json_t *v = json_object_get(json_object_get(obj, "properties"), name);

    return json_is_array(v) && json_array_size(v) > 0 ? v : NULL;
}

/* A property's first value that is a non-empty string, or NULL. */
static const char *first(json_t *obj, const char *name)
{
    json_t *v = values(obj, name);

    for (size_t i = 0; v && i < json_array_size(v); i++) {
        const char *s = json_string_value(json_array_get(v, i));
        if (s && *s)
            return s;
    }
    return NULL;
}

static bool schema_is(json_t *obj, const char *const *names)
{
    const char *schema = json_string_value(json_object_get(obj, "schema"));

    for (; schema && *names; names++)
        if (strcmp(schema, *names) == 0)
            return true;
    return false;
}

static const char *const parties[] = {"Company", "Organization", "LegalEntity",
                                      "Person",  "PublicBody",   NULL};

/* The values of `name` that `keep` accepts, joined with ';', in the arena. */
static const char *joined(rt_import_builder *b, json_t *obj, const char *name,
                          bool (*keep)(const char *))
{
    json_t *v = values(obj, name);
    rt_buf out = RT_BUF_INIT;
    const char *copy = NULL;

    for (size_t i = 0; v && i < json_array_size(v); i++) {
        const char *s = json_string_value(json_array_get(v, i));
        if (!s || !*s || strchr(s, ';') || !keep(s))
            continue;
        rt_buf__puts(&out, out.len ? ";" : "");
        rt_buf__puts(&out, s);
    }
    if (out.oom)
        b->oom = true;
    else if (out.len)
        copy = rt_import__copy(b, out.data, out.len);
    rt_buf__free(&out);
    return copy;
}

static bool any(const char *s)
{
    (void)s;
    return true;
}

static void set(rt_import_row *row, int col, const char *value)
{
    if (!row->f[col] && value && *value)
        row->f[col] = value;
}

/* A party: its entity, found by name, its fields filled where still empty. */
static int add_party(rt_import_builder *b, rt_strmap *ids, const record *r)
{
    const char *name = first(r->obj, "name"),
               *id = json_string_value(json_object_get(r->obj, "id"));
    const char *country = first(r->obj, "country");
    rt_import_row *row;
    size_t e;

    if (!name || !id) {
        rt_import__skip(b, r->line, "a %s without %s: left out",
                        json_string_value(json_object_get(r->obj, "schema")), name ? "id" : "name");
        return RT_OK;
    }
    if ((e = rt_import__entity(b, name)) == RT_NONE)
        return RT_ENOMEM;
    if (rt_strmap__put(ids, id, strlen(id), e, NULL) < 0)
        return RT_ENOMEM;
    row = &b->entities[e];
    set(row, RT_E_KIND, joined(b, r->obj, "classification", rt_import__entity_kind_ok));
    set(row, RT_E_ALIASES, joined(b, r->obj, "alias", any));
    if (country) {
        /* FtM writes ISO codes in lower case; ours are as people write them. */
        char code[3] = {0};
        if (strlen(country) == 2) {
            code[0] = (char)toupper((unsigned char)country[0]);
            code[1] = (char)toupper((unsigned char)country[1]);
            country = code;
        }
        set(row, RT_E_COUNTRY, rt_import__copy(b, country, strlen(country)));
    }
    set(row, RT_E_URL, first(r->obj, "website"));
    set(row, RT_E_NOTE,
        first(r->obj, "description") ? first(r->obj, "description") : first(r->obj, "notes"));
    return RT_OK;
}

/* The parent of each party, once every party is known. */
static void add_parent(rt_import_builder *b, const rt_strmap *ids, const record *r)
{
    const char *name = first(r->obj, "name"), *parent = first(r->obj, "parent");
    size_t e, p;

    if (!name || !parent)
        return;
    e = rt_import__entity(b, name);
    if (e == RT_NONE)
        return;
    if (!rt_strmap__get(ids, parent, strlen(parent), &p)) {
        rt_import__skip(b, r->line, "the parent of '%s' is not a party of the input: left out",
                        name);
        return;
    }
    if (p != e)
        set(&b->entities[e], RT_E_PARENT, b->entities[p].f[RT_E_NAME]);
}

/* "15000000" in USD, "EUR 15000000" in another currency. */
static const char *money(rt_import_builder *b, const char *amount, const char *currency)
{
    rt_buf out = RT_BUF_INIT;
    const char *copy = NULL;

    if (!amount)
        return NULL;
    if (currency && *currency && strcmp(currency, "USD") != 0 && strcmp(currency, "usd") != 0)
        rt_buf__printf(&out, "%s %s", currency, amount);
    else
        rt_buf__puts(&out, amount);
    if (out.oom)
        b->oom = true;
    else
        copy = rt_import__copy(b, out.data, out.len);
    rt_buf__free(&out);
    return copy;
}

static bool spend_kind(const char *s)
{
    return s && rt_import__rel_kind_ok(s) &&
           (strcmp(s, "compute") == 0 || strcmp(s, "chips") == 0 || strcmp(s, "datacenter") == 0 ||
            strcmp(s, "services") == 0);
}

static bool link_kind(const char *s)
{
    return s && (strcmp(s, "hosting") == 0 || strcmp(s, "partnership") == 0);
}

/* A dated property our format reads: "2025-12-16T09:00:00" is cut to the
 * day; NULL (with a warning) when it is not a date. */
static const char *date_of(rt_import_builder *b, const record *r, const char *name)
{
    const char *d = first(r->obj, name);
    char day[11];

    if (!d)
        return NULL;
    if (strlen(d) > 10 && d[10] == 'T') {
        memcpy(day, d, 10);
        day[10] = '\0';
        d = rt_import__copy(b, day, 10);
    }
    if (d && rt_import__date_ok(d))
        return d;
    rt_import__warn(b, r->line, "%s '%s' is not a date roundtrip reads: left out of the claim",
                    name, d ? d : "");
    return NULL;
}

static int add_claim(rt_import_builder *b, const rt_strmap *ids, const record *r, int line_order)
{
    static const char *const own[] = {"Ownership", NULL}, *const pay[] = {"Payment", NULL};
    static const char *const debt[] = {"Debt", NULL}, *const link[] = {"UnknownLink", NULL};
    const char *schema = json_string_value(json_object_get(r->obj, "schema"));
    const char *ends[2], *kind, *amount, *status, *summary, *record_id;
    size_t who[2];
    rt_import_row *row;
    char *end;
    double order;

    if (schema_is(r->obj, own)) {
        ends[0] = first(r->obj, "owner");
        ends[1] = first(r->obj, "asset");
        kind = "equity";
        amount = first(r->obj, "sharesValue")
                     ? money(b, first(r->obj, "sharesValue"), first(r->obj, "sharesCurrency"))
                     : NULL;
        if (!amount && first(r->obj, "percentage")) {
            rt_buf pct = RT_BUF_INIT;
            rt_buf__printf(&pct, "%s%%", first(r->obj, "percentage"));
            amount = pct.oom ? NULL : rt_import__copy(b, pct.data, pct.len);
            rt_buf__free(&pct);
        }
    } else if (schema_is(r->obj, pay) || schema_is(r->obj, debt)) {
        bool is_debt = schema_is(r->obj, debt);
        ends[0] = first(r->obj, is_debt ? "creditor" : "payer");
        ends[1] = first(r->obj, is_debt ? "debtor" : "beneficiary");
        kind = is_debt                                ? "loan"
               : spend_kind(first(r->obj, "purpose")) ? first(r->obj, "purpose")
                                                      : "services";
        amount = first(r->obj, "amount")
                     ? money(b, first(r->obj, "amount"), first(r->obj, "currency"))
                     : first(r->obj, "amountUsd");
    } else if (schema_is(r->obj, link)) {
        ends[0] = first(r->obj, "subject");
        ends[1] = first(r->obj, "object");
        kind = link_kind(first(r->obj, "role")) ? first(r->obj, "role") : "partnership";
        amount = NULL;
    } else {
        rt_import__skip(b, r->line, "a %s carries no money roundtrip models: left out",
                        schema ? schema : "record without a schema");
        return RT_OK;
    }
    for (int i = 0; i < 2; i++)
        if (!ends[i] || !rt_strmap__get(ids, ends[i], strlen(ends[i]), &who[i])) {
            rt_import__skip(b, r->line, "a %s whose %s is not a party of the input: left out",
                            schema, i == 0 ? "payer" : "payee");
            return RT_OK;
        }
    record_id = first(r->obj, "recordId");
    order = record_id ? strtod(record_id, &end) : 0;
    if (!record_id || *end || end == record_id)
        order = 1e15 + line_order; /* after the numbered ones, in stream order */
    if (!(row = rt_import__claim(b, order)))
        return RT_ENOMEM;
    row->f[RT_C_FROM] = b->entities[who[0]].f[RT_E_NAME];
    row->f[RT_C_TO] = b->entities[who[1]].f[RT_E_NAME];
    row->f[RT_C_KIND] = kind;
    if (amount && !rt_import__amount_ok(amount)) {
        rt_import__warn(b, r->line, "amount '%s' is not one roundtrip reads: the claim has none",
                        amount);
        amount = NULL;
    }
    row->f[RT_C_AMOUNT] = amount;
    status = first(r->obj, "status");
    summary = first(r->obj, "summary");
    if (status && !rt_import__status_ok(status))
        status = NULL;
    if (!status && summary && rt_import__status_ok(summary))
        status = summary;
    row->f[RT_C_STATUS] = status;
    row->f[RT_C_DATE] = first(r->obj, "date") ? date_of(b, r, "date") : date_of(b, r, "startDate");
    row->f[RT_C_UNTIL] = date_of(b, r, "endDate");
    row->f[RT_C_SOURCE] = first(r->obj, "publisher");
    row->f[RT_C_URL] = first(r->obj, "sourceUrl");
    /* A summary that is one of our statuses is not a note. */
    row->f[RT_C_NOTE] = first(r->obj, "description")                ? first(r->obj, "description")
                        : summary && !rt_import__status_ok(summary) ? summary
                                                                    : NULL;
    return RT_OK;
}

int rt_import__ftm(rt_import_builder *b, const char *data, size_t len)
{
    record *recs = NULL;
    size_t n = 0, cap = 0;
    rt_strmap ids = RT_STRMAP_INIT;
    int rc = RT_OK, line = 0;

    for (size_t at = 0; at < len && rc != RT_ENOMEM;) {
        const char *eol = memchr(data + at, '\n', len - at);
        size_t end = eol ? (size_t)(eol - data) : len, n_line = end - at;
        json_error_t err;
        json_t *obj;
        line++;
        while (n_line > 0 && (data[at + n_line - 1] == '\r' || data[at + n_line - 1] == ' '))
            n_line--;
        if (n_line > 0) {
            obj = json_loadb(data + at, n_line, JSON_REJECT_DUPLICATES, &err);
            if (!obj || !json_is_object(obj)) {
                if (b->diags)
                    rt_diags__add(b->diags, RT_SEVERITY_ERROR, b->file, line,
                                  obj              ? 1
                                  : err.column > 0 ? err.column
                                                   : 1,
                                  obj ? "not an entity: a line of the stream is one JSON object"
                                      : "not JSON: %s",
                                  err.text);
                json_decref(obj);
                rc = RT_EDATA;
            } else if (rc == RT_OK) {
                if (n == cap) {
                    size_t want = cap ? 2 * cap : 256;
                    record *more = rt__realloc(recs, want * sizeof(*recs));
                    if (!more) {
                        json_decref(obj);
                        rc = RT_ENOMEM;
                        break;
                    }
                    recs = more;
                    cap = want;
                }
                recs[n++] = (record){obj, line};
            } else {
                json_decref(obj);
            }
        }
        at = end + 1;
    }
    for (size_t i = 0; rc == RT_OK && i < n; i++)
        if (schema_is(recs[i].obj, parties))
            rc = add_party(b, &ids, &recs[i]);
    for (size_t i = 0; rc == RT_OK && i < n; i++)
        if (schema_is(recs[i].obj, parties))
            add_parent(b, &ids, &recs[i]);
    for (size_t i = 0; rc == RT_OK && i < n; i++)
        if (!schema_is(recs[i].obj, parties))
            rc = add_claim(b, &ids, &recs[i], (int)i);
    if (rc == RT_OK && b->oom)
        rc = RT_ENOMEM;
    /* The rows point into the records: copy their strings out first. */
    if (rc == RT_OK)
        rt_import__own(b);
    for (size_t i = 0; i < n; i++)
        json_decref(recs[i].obj);
    rt__free(recs);
    rt_strmap__destroy(&ids);
    return rc;
}
