/* Shared test helpers: loading from strings, finding diagnostics, files. */
#ifndef RT_TESTS_HELPERS_H
#define RT_TESTS_HELPERS_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "roundtrip/roundtrip.h"

#ifdef __clang_analyzer__
/* cmocka's _fail() (behind fail() and fail_msg()) ends the test with a
 * longjmp, which cmocka.h does not say: tell clang's static analyzer
 * (clang-tidy, .ci/lint), so that it follows no path past a failure. */
void _fail(const char *const file, const int line) __attribute__((analyzer_noreturn));
#endif

/* Load entities/relationships CSV text (entities may be NULL). Returns the
 * load's result; *out and *diags are set (free both). */
int load_strings(rt_dataset **out, rt_diags **diags, const char *entities,
                 const char *relationships);

/* The first diagnostic at (line, col) whose message contains `needle`, or
 * NULL. line/col of 0 match any. */
const rt_diag *find_diag(const rt_diags *d, int line, int col, const char *needle);

/* Print all diagnostics (for failing tests). */
void dump_diags(const rt_diags *d);

/* Path of a file under tests/data or the source root (static buffer). */
const char *test_data(const char *name);
const char *source_path(const char *name);

/* Read a whole file into a malloc'd NUL-terminated buffer, or NULL. */
char *read_all(const char *path, size_t *len);

#define assert_diag(d, line, col, needle)                                                          \
    do {                                                                                           \
        if (!find_diag((d), (line), (col), (needle))) {                                            \
            dump_diags(d);                                                                         \
            fail_msg("no diagnostic at %d:%d containing \"%s\"", (line), (col), (needle));         \
        }                                                                                          \
    } while (0)

#endif
