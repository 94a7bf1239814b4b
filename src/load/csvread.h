/*
 * Reading a CSV file with libcsv, keeping each field's place.
 *
 * Handles what spreadsheet exports contain: a UTF-8 byte order mark, CRLF or
 * CR line ends, quoted fields with commas, quotes and newlines, and
 * semicolon- or tab-separated exports (detected from the header line).
 * Structural problems (a stray quote, an unterminated quote, a row with the
 * wrong number of fields, invalid UTF-8, NUL bytes, an empty file) are
 * reported as diagnostics and the row is skipped; reading goes on so that
 * every problem in the file is reported. A field longer than RT_CSV_FIELD_MAX
 * is the one problem that stops the reading of its file: it is most often a
 * quote left open, and it bounds the memory a row can take.
 */
#ifndef RT_LOAD_CSVREAD_H
#define RT_LOAD_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "roundtrip/error.h"

/* The longest field read: 1 MiB. A spreadsheet cell holds 32,767 characters. */
#define RT_CSV_FIELD_MAX ((size_t)1 << 20)

typedef struct rt_csv_field {
    const char *data; /* NUL-terminated, trimmed of surrounding blanks */
    size_t len;
    int line; /* the line the field starts on */
} rt_csv_field;

typedef struct rt_csv_row {
    const rt_csv_field *fields;
    size_t count;
    int line; /* the line the row starts on */
} rt_csv_row;

/* Called for each good row, the header first; return 0 to go on, or a
 * negative error code to stop reading (it is returned by rt_csv__read()). */
typedef int (*rt_csv_row_cb)(const rt_csv_row *row, void *payload);

/*
 * Read `len` bytes of CSV text named `file` (for messages). Rows whose field
 * count differs from the header's, and rows with encoding or quoting errors,
 * are reported to `diags` and not passed on. Rows that are entirely empty
 * are skipped. Returns 0 (problems are in `diags`), RT_ENOMEM, or the error
 * the callback returned.
 */
int rt_csv__read(const char *file, const char *data, size_t len, rt_diags *diags, rt_csv_row_cb cb,
                 void *payload);

/* Whether s[0..n) is valid UTF-8 without NUL bytes; on failure *bad is the
 * offset of the first bad byte. */
bool rt_csv__utf8_valid(const char *s, size_t n, size_t *bad);

#endif
