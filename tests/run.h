/* Running the roundtrip binary from a test: its exit status, stdout and
 * stderr, optionally under a file size limit or without root's power to
 * ignore file permissions. */
#ifndef RT_TESTS_RUN_H
#define RT_TESTS_RUN_H

#include <stdbool.h>
#include <stddef.h>

typedef struct run_result {
    int status; /* exit status; 128 + N when killed by signal N */
    char *out;
    char *err;
} run_result;

typedef struct run_opts {
    long fsize_limit;       /* RLIMIT_FSIZE in bytes (SIGXFSZ at its default); 0: none */
    bool unprivileged;      /* root runs without CAP_DAC_OVERRIDE (setpriv) */
    const char *stdout_to;  /* a file stdout appends to instead of being captured */
    bool stdout_closed;     /* stdout is closed (>&-) */
    bool stdout_broken;     /* stdout is a pipe whose reader has gone */
    bool stderr_tty;        /* stderr is a terminal (a pseudo-terminal), still captured */
    const char *const *env; /* "NAME=value" settings added to the environment, NULL-ended */
} run_opts;

/* Run the binary ($RT_BINARY) with args (NULL-terminated, not counting
 * argv[0]). */
run_result run_argv(const run_opts *opts, const char *const *args);

/* Run the binary with the given arguments (NULL-terminated). */
run_result run(const char *arg0, ...);

/* The same, with options. */
run_result run_with(const run_opts *opts, const char *arg0, ...);

void done(run_result *r);

/* Whether run_with(.unprivileged = true) can make permissions apply: true
 * when not root, or when root and setpriv(1) is there. */
bool can_run_unprivileged(void);

/* Write text to a file, replacing it. */
void write_file(const char *path, const char *text);

/* Number of entries in a directory, not counting . and .. */
size_t dir_entries(const char *dir);

#define assert_contains(hay, needle)                                                               \
    do {                                                                                           \
        if (!strstr((hay), (needle)))                                                              \
            fail_msg("expected \"%s\" in:\n%s", (needle), (hay));                                  \
    } while (0)

#endif
