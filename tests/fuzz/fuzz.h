/*
 * Shared by the fuzz targets: the libFuzzer entry point, checks of what the
 * public headers promise (a broken promise aborts, so the fuzzer reports the
 * input as a crash), and how one input is split into CSV files.
 */
#ifndef RT_FUZZ_H
#define RT_FUZZ_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roundtrip/roundtrip.h"

/* Called by libFuzzer, or by replay.c, once per input; returns 0. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * The byte that separates the files of one input: form feed, which no CSV
 * file of ours holds. "ENTITIES \f RELATIONSHIPS"; without it the input is a
 * relationships file alone (entities == NULL, names implied).
 */
#define FUZZ_SEPARATOR '\f'

static inline void fuzz_fail(const char *what, const char *file, int line)
{
    fprintf(stderr, "%s:%d: broken promise: %s\n", file, line, what);
    abort();
}

#define fuzz_check(cond) ((cond) ? (void)0 : fuzz_fail(#cond, __FILE__, __LINE__))

/* The input cut at the first separator: entities before it, the rest after.
 * Sources point into the input (the loader copies them). */
typedef struct fuzz_files {
    rt_source entities;
    rt_source relationships;
    bool has_entities;
} fuzz_files;

static inline fuzz_files fuzz_split(const uint8_t *data, size_t size)
{
    const uint8_t *sep = size ? memchr(data, FUZZ_SEPARATOR, size) : NULL;
    fuzz_files f;

    f.entities.name = "entities.csv";
    f.relationships.name = "relationships.csv";
    f.has_entities = sep != NULL;
    f.entities.data = (const char *)data;
    f.entities.len = sep ? (size_t)(sep - data) : 0;
    f.relationships.data = sep ? (const char *)sep + 1 : (const char *)data;
    f.relationships.len = sep ? size - f.entities.len - 1 : size;
    return f;
}

/*
 * Check what rt_dataset_load_sources() promises about a dataset and its
 * diagnostics (include/roundtrip/dataset.h, error.h). Returns the dataset
 * (NULL when the load failed), which the caller frees.
 */
rt_dataset *fuzz_load_checked(const fuzz_files *f, rt_diags *diags);

/*
 * The first character of a text report that a terminal would act on or a
 * reader would not see (a control but the line break, DEL, a C1 control, a
 * zero-width or non-breaking space, a soft hyphen, a direction mark,
 * embedding, override or isolate, a line or paragraph separator, a byte
 * order mark), or NULL. Written apart from the library's own list, to
 * check it.
 */
const char *fuzz_hidden(const char *text);

/*
 * Check a Markdown report: nothing hidden (fuzz_hidden()), every '<', '>'
 * and '&' backslash-escaped (no HTML from the data), and every link or
 * image target "](...)" an http(s) URL, an in-page "#anchor" or `image`,
 * with none of ( ) [ ] < > " ' or space in it.
 */
void fuzz_check_markdown(const char *md, const char *image);

#endif
