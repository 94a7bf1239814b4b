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

#endif
