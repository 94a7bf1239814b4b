/* The command line: one function per subcommand, listed in main.c. */
#ifndef RT_CLI_H
#define RT_CLI_H

#include <stdio.h>

#include "roundtrip/roundtrip.h"

/* sysexits(3) codes: the documented exit statuses of roundtrip. */
enum {
    EXIT_USAGE = 64,
    EXIT_DATAERR = 65,
    EXIT_NOINPUT = 66,
    EXIT_SOFTWARE = 70,
    EXIT_OSERR = 71,
    EXIT_CANTCREAT = 73,
};

/* The return value of cmd_foo() is the exit status (git's builtin.h). */
int cmd_check(int argc, char **argv);
int cmd_loops(int argc, char **argv);

/* The exit status for a library error code (RT_EDATA -> 65 and so on). */
int cli_exit_status(int rc);

/* Print diagnostics from index `from` on to stderr, compiler style:
 * "file:line:col: message" and "file:line:col: warning: message". */
void cli_print_diags(const rt_diags *diags, size_t from);

/* Report a usage error for `cmd` on stderr and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* After getopt_long() returned `opt` ('?' or ':', with ":" first in the
 * option string): report the unknown option or missing value; EXIT_USAGE. */
int cli_bad_option(const char *cmd, int opt, char **argv);

/* The one DATASET operand after the options, in *path; 0 or EXIT_USAGE. */
int cli_dataset_operand(const char *cmd, int argc, char **argv, const char **path);

/* A new diagnostics list in *out; 0, or EXIT_OSERR after saying so. */
int cli_diags_new(rt_diags **out);

/* After getopt_long() returned `opt` ('?' or ':', with ":" first in the
 * option string): report the unknown option or missing value; EXIT_USAGE. */
int cli_bad_option(const char *cmd, int opt, char **argv);

/* The one DATASET operand after the options, in *path; 0 or EXIT_USAGE. */
int cli_dataset_operand(const char *cmd, int argc, char **argv, const char **path);

/* A new diagnostics list in *out; 0, or EXIT_OSERR after saying so. */
int cli_diags_new(rt_diags **out);

#endif
