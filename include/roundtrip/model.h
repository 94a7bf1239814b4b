/*
 * roundtrip: the values a claim is made of: entity kinds, relationship
 * kinds and their money classes, statuses, amounts and dates.
 */
#ifndef ROUNDTRIP_MODEL_H
#define ROUNDTRIP_MODEL_H

#include <stdbool.h>

#include "common.h"

RT_BEGIN_DECLS

/* What an entity is; an entity may be several (a bit set). 0 is unknown. */
typedef enum rt_entity_kind {
    RT_ENTITY_INVESTOR = 1 << 0,
    RT_ENTITY_LAB = 1 << 1,
    RT_ENTITY_CLOUD = 1 << 2,
    RT_ENTITY_CHIP = 1 << 3,
    RT_ENTITY_FUND = 1 << 4,
    RT_ENTITY_DATACENTER = 1 << 5,
    RT_ENTITY_OTHER = 1 << 6,
} rt_entity_kind;

#define RT_ENTITY_KIND_COUNT 7

/* What a relationship is. Money flows from `from` to `to` for every kind
 * whose class is not RT_CLASS_LINK. */
typedef enum rt_rel_kind {
    RT_REL_EQUITY = 0,  /* stake: shares, warrants, convertibles */
    RT_REL_COMPUTE,     /* spend: cloud capacity, server rental */
    RT_REL_CHIPS,       /* spend: buyer -> chip vendor */
    RT_REL_DATACENTER,  /* spend: tenant -> builder or landlord */
    RT_REL_SERVICES,    /* spend: other services */
    RT_REL_LOAN,        /* debt: lender -> borrower */
    RT_REL_HOSTING,     /* link: platform -> lab whose models it distributes */
    RT_REL_PARTNERSHIP, /* link: no money */
    RT_REL_KIND_COUNT
} rt_rel_kind;

typedef enum rt_rel_class {
    RT_CLASS_STAKE = 0,
    RT_CLASS_SPEND,
    RT_CLASS_DEBT,
    RT_CLASS_LINK,
} rt_rel_class;

/* How certain a claim is, strongest first. */
typedef enum rt_status {
    RT_STATUS_CONFIRMED = 0,
    RT_STATUS_REPORTED,
    RT_STATUS_TALKS,
    RT_STATUS_PROPOSED,
    RT_STATUS_RUMORED,
    RT_STATUS_SUPERSEDED, /* kept for the record; carries no money */
    RT_STATUS_DENIED,     /* kept for the record; carries no money */
    RT_STATUS_CANCELLED,  /* kept for the record; carries no money */
    RT_STATUS_COUNT
} rt_status;

/* Lower-case names as written in CSV files ("investor", "equity", ...). */
RT_EXPORT const char *rt_entity_kind_name(rt_entity_kind kind);
RT_EXPORT const char *rt_rel_kind_name(rt_rel_kind kind);
RT_EXPORT const char *rt_rel_class_name(rt_rel_class cls);
RT_EXPORT const char *rt_status_name(rt_status status);

/* The status named `name` (any case) in *out: 0, or RT_EDATA when unknown. */
RT_EXPORT int rt_status_parse(rt_status *out, const char *name);

/*
 * Did-you-mean for a status: the status `name` was probably meant to be
 * ("confimed" gives "confirmed", "rumoured" gives "rumored"), or NULL when
 * none is close. Compares without case, by optimal string alignment
 * distance (edits and swaps of neighbours), allowing more edits in a longer
 * name. The string is static.
 */
RT_EXPORT const char *rt_status_suggest(const char *name);

/*
 * Did-you-mean among words of the caller's (command names, option values):
 * the candidate closest to `word` by the same distance and limits as
 * rt_status_suggest(), the first of equally close ones, or NULL when none
 * is close enough. Returns one of `candidates`. Time O(n * len^2), for
 * words up to 64 bytes; longer ones match nothing.
 */
RT_EXPORT const char *rt_suggest_closest(const char *word, const char *const *candidates, size_t n);

/* The money class of a relationship kind. */
RT_EXPORT rt_rel_class rt_rel_kind_class(rt_rel_kind kind);

/* Whether claims of this status count as money (not superseded, denied or
 * cancelled). */
RT_EXPORT bool rt_status_carries_money(rt_status status);

/* How an amount is expressed. */
typedef enum rt_amount_unit {
    RT_AMOUNT_UNKNOWN = 0, /* empty: nothing known */
    RT_AMOUNT_USD,         /* US dollars: low and high are set */
    RT_AMOUNT_OTHER,       /* another unit or currency ("6 GW", "EUR 5B"):
                              kept as text, never added to USD figures */
} rt_amount_unit;

/* The largest USD amount accepted: one quadrillion dollars. */
#define RT_AMOUNT_MAX INT64_C(1000000000000000)

/*
 * A sum of USD figures too large for int64_t: it stands for "more than
 * $9.2 quintillion", as rt_usd_format() writes it, and no ratio is taken
 * of it (a wrong number is worse than none).
 */
#define RT_USD_SATURATED INT64_MAX

/* a + b for dollar figures of 0 or more, or RT_USD_SATURATED when the sum
 * does not fit (or either is saturated already). */
RT_EXPORT int64_t rt_usd_add(int64_t a, int64_t b);

/*
 * An amount as claimed: a single value has low == high; a range of
 * conflicting reports has low < high. USD values are whole dollars.
 * `text` is the amount as written (NULL when empty).
 */
typedef struct rt_amount {
    rt_amount_unit unit;
    int64_t low;
    int64_t high;
    const char *text;
} rt_amount;

/*
 * Parse an amount as people write it: "8000000000", "8e9", "8B", "$8B",
 * "8 billion", "600M", "5 bln", "1.5T", "USD 5B", "5B US$", "8,000,000,000",
 * ranges "10B-50B" and "$10B to $50B"; "6 GW", "10%", "160M shares" or
 * "EUR 5B" are kept as RT_AMOUNT_OTHER. An empty or blank string is
 * RT_AMOUNT_UNKNOWN. out->text points at `text` (the caller keeps it alive).
 * Returns 0, or RT_EDATA with a message (and a suggestion where one helps)
 * written to errbuf; on error *out is unknown. A foreign or misspelt scale
 * ("5,5 Mrd", "8 bilion"), a decimal comma ("5,5B") or hexadecimal ("0x10")
 * is RT_EDATA, never another unit; its suggestion ("did you mean '5.5B'?")
 * always parses.
 */
RT_EXPORT int rt_amount_parse(rt_amount *out, const char *text, char *errbuf, size_t errlen);

/*
 * Write a USD value as people read it: "$8B", "$22.4B", "$350M", "$1.5T",
 * "$950"; RT_USD_SATURATED as "more than $9.2 quintillion". Returns the
 * length snprintf() would have written.
 */
RT_EXPORT int rt_usd_format(char *buf, size_t len, int64_t usd);

/*
 * Write an amount: "$8B", a range "$10B–50B" (en dash; "$5–$1K" when only
 * the high end has a scale, so that it does not read as $5K), the text as written
 * for other units, or "unknown". Returns the length snprintf() would have
 * written.
 */
RT_EXPORT int rt_amount_format(char *buf, size_t len, const rt_amount *amount);

/*
 * Write text from the data for a terminal or a text file, with every
 * character a reader would not see, or a terminal would act on, shown as
 * "\n", "\t" or "\u{1b}" (C0 and C1 controls, DEL, zero-width and
 * non-breaking spaces, the soft hyphen, direction marks, embeddings,
 * overrides and isolates, line and paragraph separators, the byte order
 * mark): the text reports show names this way. Returns the length
 * snprintf() would have written.
 */
RT_EXPORT size_t rt_text_show(char *buf, size_t len, const char *s);

/* A calendar date of year, month or day precision; year 0 means unknown. */
typedef struct rt_date {
    int16_t year;
    int8_t month; /* 1-12, 0 when only the year is known */
    int8_t day;   /* 1-31, 0 when only the month is known */
} rt_date;

/*
 * Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real calendar date, years
 * 1900-2199). An empty string gives year 0. Returns 0, or RT_EDATA with a
 * message in errbuf.
 */
RT_EXPORT int rt_date_parse(rt_date *out, const char *text, char *errbuf, size_t errlen);

/*
 * Order two dates: negative, 0 or positive. A date of lower precision sorts
 * before the more precise dates inside it ("2025" < "2025-01" <
 * "2025-01-01"); unknown sorts first.
 */
RT_EXPORT int rt_date_compare(const rt_date *a, const rt_date *b);

/* Write a date as ISO text at its own precision ("2025-09"); "" if unknown. */
RT_EXPORT int rt_date_format(char *buf, size_t len, const rt_date *date);

RT_END_DECLS

#endif
