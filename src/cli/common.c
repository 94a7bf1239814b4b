/* Helpers shared by the subcommands: exit statuses and diagnostics output. */
#include <getopt.h>
#include <stdarg.h>

#include "cli/cli.h"

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

void cli_print_diags(const rt_diags *diags, size_t from)
{
    for (size_t i = from; i < rt_diags_count(diags); i++) {
        const rt_diag *d = rt_diags_get(diags, i);
        const char *sev = d->severity == RT_SEVERITY_WARNING ? "warning: " : "";

        if (!d->file)
            fprintf(stderr, "roundtrip: %s%s\n", sev, d->msg);
        else if (d->line <= 0)
            fprintf(stderr, "roundtrip: %s: %s%s\n", d->file, sev, d->msg);
        else if (d->col <= 0)
            fprintf(stderr, "%s:%d: %s%s\n", d->file, d->line, sev, d->msg);
        else
            fprintf(stderr, "%s:%d:%d: %s%s\n", d->file, d->line, d->col, sev, d->msg);
    }
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

int cli_bad_option(const char *cmd, int opt, char **argv)
{
    if (opt == ':')
        return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
    return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
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
