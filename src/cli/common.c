/* Helpers shared by the subcommands: exit statuses and diagnostics output. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_exit_status(int rc)
{
    switch (rc) {
    case RT_OK:
        return 0;
    case RT_EDATA:
        return EXIT_DATAERR;
    case RT_ENOTFOUND:
    case RT_EIO:
        return EXIT_NOINPUT;
    case RT_ENOMEM:
        return EXIT_OSERR;
    case RT_EINVAL:
        return EXIT_USAGE;
    default:
        return EXIT_SOFTWARE;
    }
}

/* The most problems in the input to print: ROUNDTRIP_MAX_ERRORS, 0 for all,
 * default 100. A spreadsheet exported wrong can have one on every row, and
 * the first hundred say what is wrong as well as a million lines do. */
static size_t max_shown(void)
{
    const char *env = getenv("ROUNDTRIP_MAX_ERRORS");
    char *end;
    unsigned long long n;

    if (!env || !*env)
        return 100;
    if (env[strspn(env, "0123456789")] != '\0')
        return 100;
    errno = 0;
    n = strtoull(env, &end, 10);
    if (*end || errno)
        return 100;
    return n > SIZE_MAX ? SIZE_MAX : (size_t)n;
}

void cli_print_diags(const rt_diags *diags, size_t from)
{
    /* Shown by this process so far: commands print in several calls. */
    static size_t shown;
    size_t limit = max_shown(), hidden = 0;
    cli_text file = CLI_TEXT_INIT;

    for (size_t i = from; i < rt_diags_count(diags); i++) {
        const rt_diag *d = rt_diags_get(diags, i);
        const char *sev = d->severity == RT_SEVERITY_WARNING ? "warning: " : "";

        /* The limit is on problems in the input (with a file); the
         * program's own notices always show. */
        if (d->file && limit && shown >= limit) {
            hidden++;
            continue;
        }
        shown += d->file != NULL;

        if (!d->file)
            fprintf(stderr, "roundtrip: %s%s\n", sev, d->msg);
        else if (d->line <= 0)
            fprintf(stderr, "roundtrip: %s: %s%s\n", cli_show(&file, d->file), sev, d->msg);
        else if (d->col <= 0)
            fprintf(stderr, "%s:%d: %s%s\n", cli_show(&file, d->file), d->line, sev, d->msg);
        else
            fprintf(stderr, "%s:%d:%d: %s%s\n", cli_show(&file, d->file), d->line, d->col, sev,
                    d->msg);
    }
    cli_text_free(&file, 1);
    if (hidden)
        fprintf(stderr,
                "roundtrip: %zu more problem%s not shown (set ROUNDTRIP_MAX_ERRORS=0 to see "
                "all)\n",
                hidden, hidden == 1 ? "" : "s");
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "roundtrip %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'roundtrip %s --help'.\n", cmd);
    return EXIT_USAGE;
}

int cli_dataset_operand(const char *cmd, int argc, char **argv, const char **path)
{
    if (optind >= argc)
        return cli_usage_error(cmd, "missing DATASET");
    if (argc - optind > 1)
        return cli_usage_error(cmd, "too many arguments (one DATASET at a time)");
    *path = argv[optind];
    return 0;
}

int cli_diags_new(rt_diags **out)
{
    if (rt_diags_new(out) < 0) {
        fprintf(stderr, "roundtrip: %s\n", rt_strerror(RT_ENOMEM));
        return EXIT_OSERR;
    }
    return 0;
}

const char *cli_show(cli_text *t, const char *s)
{
    size_t n = rt_text_show(t->data, t->cap, s);

    if (n >= t->cap) {
        char *grown = realloc(t->data, n + 1);
        if (!grown)
            return "\xe2\x80\xa6";
        t->data = grown;
        t->cap = n + 1;
        rt_text_show(t->data, t->cap, s);
    }
    return t->data;
}

void cli_text_free(cli_text *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(t[i].data);
        t[i].data = NULL;
        t[i].cap = 0;
    }
}
