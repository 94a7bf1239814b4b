/*
 * roundtrip: error codes and diagnostics.
 *
 * Functions that can fail return 0 (RT_OK) or a negative rt_error_code.
 * Problems found in input files are collected as diagnostics in an
 * rt_diags list that the caller owns, so one load reports every problem.
 */
#ifndef ROUNDTRIP_ERROR_H
#define ROUNDTRIP_ERROR_H

#include "common.h"

RT_BEGIN_DECLS

typedef enum rt_error_code {
    RT_OK = 0,
    RT_ERROR = -1,     /* unexpected failure (see the diagnostics) */
    RT_ENOMEM = -2,    /* out of memory */
    RT_ENOTFOUND = -3, /* an input file or dataset does not exist */
    RT_EDATA = -4,     /* the input has errors, listed in the diagnostics */
    RT_EIO = -5,       /* a file could not be read or written */
    RT_EINVAL = -6,    /* the caller passed an invalid argument */
} rt_error_code;

typedef enum rt_severity {
    RT_SEVERITY_ERROR = 0,
    RT_SEVERITY_WARNING = 1,
} rt_severity;

/*
 * One problem with its place in the input. `file` is NULL when the problem
 * is not about a file; `line` and `col` are 1-based and 0 when unknown.
 * `col` counts spreadsheet columns (fields), not characters: column 3 is the
 * third field of the row.
 */
typedef struct rt_diag {
    const char *file;
    int line;
    int col;
    rt_severity severity;
    const char *msg;
} rt_diag;

/* A list of diagnostics, in input order. */
typedef struct rt_diags rt_diags;

/*
 * Create an empty diagnostics list in *out. Free it with rt_diags_free().
 * Returns 0, or RT_ENOMEM (and *out is NULL).
 */
RT_EXPORT int rt_diags_new(rt_diags **out);

/* Free the list and every message in it. Accepts NULL. */
RT_EXPORT void rt_diags_free(rt_diags *diags);

/* Number of diagnostics in the list, and of those that are errors. */
RT_EXPORT size_t rt_diags_count(const rt_diags *diags);
RT_EXPORT size_t rt_diags_error_count(const rt_diags *diags);

/* The i-th diagnostic (i < rt_diags_count()); valid until the list is freed. */
RT_EXPORT const rt_diag *rt_diags_get(const rt_diags *diags, size_t i);

/* A short English description of an error code ("out of memory"). */
RT_EXPORT const char *rt_strerror(int code);

/*
 * strerror(errnum) as roundtrip's messages put it, in lower case
 * ("permission denied"), written to buf (cut short to len - 1 bytes).
 * Returns buf. Thread-safe.
 */
RT_EXPORT const char *rt_errno_text(char *buf, size_t len, int errnum);

RT_END_DECLS

#endif
