/* Names of entity kinds, relationship kinds and statuses, and their lookups. */
#include <string.h>

#include "model/model.h"
#include "roundtrip/error.h"

static const char *const entity_kind_names[RT_ENTITY_KIND_COUNT] = {
    "investor", "lab", "cloud", "chip", "fund", "datacenter", "other",
};

static const char *const rel_kind_names[RT_REL_KIND_COUNT] = {
    "equity", "compute", "chips", "datacenter", "services", "loan", "hosting", "partnership",
};

static const rt_rel_class rel_kind_classes[RT_REL_KIND_COUNT] = {
    RT_CLASS_STAKE, RT_CLASS_SPEND, RT_CLASS_SPEND, RT_CLASS_SPEND,
    RT_CLASS_SPEND, RT_CLASS_DEBT,  RT_CLASS_LINK,  RT_CLASS_LINK,
};

static const char *const rel_class_names[] = {"stake", "spend", "debt", "link"};

static const char *const status_names[RT_STATUS_COUNT] = {
    "confirmed", "reported", "talks", "proposed", "rumored", "superseded", "denied", "cancelled",
};

/* Words people put in a kind or status column, and what we call them. */
typedef struct synonym {
    const char *word;
    const char *means;
} synonym;

static const synonym rel_kind_synonyms[] = {
    {"investment", "equity"},
    {"stake", "equity"},
    {"shares", "equity"},
    {"warrants", "equity"},
    {"convertible", "equity"},
    {"invest", "equity"},
    {"cloud", "compute"},
    {"capacity", "compute"},
    {"gpu", "chips"},
    {"gpus", "chips"},
    {"chip", "chips"},
    {"hardware", "chips"},
    {"debt", "loan"},
    {"credit", "loan"},
    {"lending", "loan"},
    {"distribution", "hosting"},
    {"partner", "partnership"},
    {"data center", "datacenter"},
    {"data-center", "datacenter"},
    {"data_center", "datacenter"},
};

static const synonym status_synonyms[] = {
    {"announced", "confirmed"}, {"official", "confirmed"},  {"signed", "confirmed"},
    {"closed", "confirmed"},    {"negotiating", "talks"},   {"in talks", "talks"},
    {"rumoured", "rumored"},    {"rumor", "rumored"},       {"canceled", "cancelled"},
    {"replaced", "superseded"}, {"outdated", "superseded"}, {"pending", "talks"},
};

static const synonym entity_kind_synonyms[] = {
    {"data center", "datacenter"},
    {"vendor", "chip"},
    {"chips", "chip"},
    {"ai lab", "lab"},
    {"vc", "investor"},
    {"provider", "cloud"},
};

static int lookup(const char *const *names, int count, const char *s, size_t n)
{
    for (int i = 0; i < count; i++)
        if (rt_text__ieq(s, n, names[i]))
            return i;
    return -1;
}

static const char *suggest(const char *const *names, int count, const synonym *syn, size_t nsyn,
                           const char *s, size_t n)
{
    rt_suggest sg;

    for (size_t i = 0; i < nsyn; i++)
        if (rt_text__ieq(s, n, syn[i].word))
            return syn[i].means;
    rt_suggest__init(&sg, s, n);
    for (int i = 0; i < count; i++)
        rt_suggest__offer(&sg, names[i]);
    return sg.best;
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int rt_entity_kind__lookup(const char *s, size_t n, rt_entity_kind *out)
{
    int i = lookup(entity_kind_names, RT_ENTITY_KIND_COUNT, s, n);
    if (i < 0)
        return -1;
    *out = (rt_entity_kind)(1 << i);
    return 0;
}

int rt_rel_kind__lookup(const char *s, size_t n, rt_rel_kind *out)
{
    int i = lookup(rel_kind_names, RT_REL_KIND_COUNT, s, n);
    if (i < 0)
        return -1;
    *out = (rt_rel_kind)i;
    return 0;
}

int rt_status__lookup(const char *s, size_t n, rt_status *out)
{
    int i = lookup(status_names, RT_STATUS_COUNT, s, n);
    if (i < 0)
        return -1;
    *out = (rt_status)i;
    return 0;
}

const char *rt_entity_kind__suggest(const char *s, size_t n)
{
    return suggest(entity_kind_names, RT_ENTITY_KIND_COUNT, entity_kind_synonyms,
                   COUNT(entity_kind_synonyms), s, n);
}

const char *rt_rel_kind__suggest(const char *s, size_t n)
{
    return suggest(rel_kind_names, RT_REL_KIND_COUNT, rel_kind_synonyms, COUNT(rel_kind_synonyms),
                   s, n);
}

const char *rt_status__suggest(const char *s, size_t n)
{
    return suggest(status_names, RT_STATUS_COUNT, status_synonyms, COUNT(status_synonyms), s, n);
}

int rt_status_parse(rt_status *out, const char *name)
{
    return rt_status__lookup(name, strlen(name), out) == 0 ? 0 : RT_EDATA;
}

const char *rt_entity_kind_name(rt_entity_kind kind)
{
    for (int i = 0; i < RT_ENTITY_KIND_COUNT; i++)
        if ((unsigned)kind == 1u << i)
            return entity_kind_names[i];
    return "unknown";
}

const char *rt_rel_kind_name(rt_rel_kind kind)
{
    return (unsigned)kind < RT_REL_KIND_COUNT ? rel_kind_names[kind] : "unknown";
}

const char *rt_rel_class_name(rt_rel_class cls)
{
    return (unsigned)cls < COUNT(rel_class_names) ? rel_class_names[cls] : "unknown";
}

const char *rt_status_name(rt_status status)
{
    return (unsigned)status < RT_STATUS_COUNT ? status_names[status] : "unknown";
}

rt_rel_class rt_rel_kind_class(rt_rel_kind kind)
{
    return (unsigned)kind < RT_REL_KIND_COUNT ? rel_kind_classes[kind] : RT_CLASS_LINK;
}

bool rt_status_carries_money(rt_status status)
{
    return status < RT_STATUS_SUPERSEDED;
}
