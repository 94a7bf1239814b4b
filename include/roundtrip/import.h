/*
 * roundtrip: imports from where the field's data live. A FollowTheMoney
 * entity stream (an Aleph export) or a GraphML graph (Gephi, yEd, or our
 * own export) becomes a dataset: the text of its entities.csv and
 * relationships.csv, which the caller writes where it wants them.
 */
#ifndef ROUNDTRIP_IMPORT_H
#define ROUNDTRIP_IMPORT_H

#include "error.h"

RT_BEGIN_DECLS

typedef enum rt_import_format {
    RT_IMPORT_FTM = 0, /* FollowTheMoney entities, one JSON object a line */
    RT_IMPORT_GRAPHML, /* GraphML: nodes are entities, edges claims */
    RT_IMPORT_FORMAT_COUNT
} rt_import_format;

typedef struct rt_import_options {
    unsigned version;
    rt_import_format format;
    const char *name; /* the input as messages name it; NULL: "input" */
    /* GraphML: where the graph's attribute names differ from ours, which
     * of its names holds which of our columns, as "from=source,to=target,
     * kind=type" (the columns of relationships.csv and entities.csv, and
     * the XML attributes source, target and id); NULL: our own names. */
    const char *map;
} rt_import_options;

#define RT_IMPORT_OPTIONS_VERSION 1
#define RT_IMPORT_OPTIONS_INIT                                                                     \
    {                                                                                              \
        RT_IMPORT_OPTIONS_VERSION, RT_IMPORT_FTM, NULL, NULL                                       \
    }

typedef struct rt_imported rt_imported;

/*
 * Read `data` (`len` bytes) as opts->format and make the dataset it holds
 * into *out, freed with rt_imported_free(). What cannot be mapped (a
 * record of a schema that carries no money, a claim whose party is not in
 * the input, an amount or date our format cannot read) is left out, with
 * a warning naming its line in diags. Returns 0; RT_EINVAL (bad options
 * or map); RT_EDATA when the input cannot be read at all (malformed JSON
 * or XML: an error with its line and column); or RT_ENOMEM. The same
 * input always gives the same bytes.
 */
RT_EXPORT int rt_import(rt_imported **out, const char *data, size_t len,
                        const rt_import_options *opts, rt_diags *diags);

/* The text of the dataset's entities.csv and relationships.csv (RFC 4180,
 * UTF-8, with a header row), NUL-terminated; *len their sizes. */
RT_EXPORT const char *rt_imported_entities(const rt_imported *im, size_t *len);
RT_EXPORT const char *rt_imported_relationships(const rt_imported *im, size_t *len);

/* How many entities and claims it holds, and how many records were left out. */
RT_EXPORT size_t rt_imported_entity_count(const rt_imported *im);
RT_EXPORT size_t rt_imported_claim_count(const rt_imported *im);
RT_EXPORT size_t rt_imported_skipped(const rt_imported *im);

/* Free an import. Accepts NULL. */
RT_EXPORT void rt_imported_free(rt_imported *im);

/* The format named "ftm" or "graphml": 0 and *out, or RT_EINVAL. */
RT_EXPORT int rt_import_format_parse(rt_import_format *out, const char *name);

RT_END_DECLS

#endif
