/*
 * Options: a command's table of options made into getopt_long()'s tables
 * and into the lines of its --help (options.h), and the parsing of the
 * options that several commands share.
 */
#include <assert.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void cli_parser_init(cli_parser *p, const char *cmd, const cli_option *options)
{
    size_t n = 0, s = 0;

    p->cmd = cmd;
    p->options = options;
    /* ':' first: a missing value is told apart from an unknown option. */
    p->shorts[s++] = ':';
    for (; options[n].name && n < CLI_OPTIONS_MAX; n++) {
        p->longs[n].name = options[n].name;
        p->longs[n].has_arg = options[n].value ? required_argument : no_argument;
        p->longs[n].flag = NULL;
        p->longs[n].val = 256 + (int)n; /* past any short name */
        if (options[n].short_name) {
            p->shorts[s++] = options[n].short_name;
            if (options[n].value)
                p->shorts[s++] = ':';
        }
    }
    /* The tables are static: a longer one is a programming error, whose
     * options past the limit would be refused (and the help test fail). */
    assert(!options[n].name);
    p->longs[n] = (struct option){NULL, 0, NULL, 0};
    p->shorts[s] = '\0';
    optind = 1;
    opterr = 0;
}

int cli_parser_next(cli_parser *p, int argc, char **argv)
{
    int c = getopt_long(argc, argv, p->shorts, p->longs, NULL);

    if (c == -1)
        return 0;
    if (c >= 256)
        return p->options[c - 256].id;
    for (size_t i = 0; c != ':' && c != '?' && p->options[i].name; i++)
        if (p->options[i].short_name == c)
            return p->options[i].id;
    if (c == ':')
        cli_usage_error(p->cmd, "option '%s' needs a value", argv[optind - 1]);
    else
        cli_usage_error(p->cmd, "unknown option '%s'", argv[optind - 1]);
    return -1;
}

/* Help lines: the option from column 2, its help from column 24 (on the
 * next line when the option reaches that far). */
#define HELP_COLUMN 24

void cli_options_help(FILE *out, const cli_option *options)
{
    for (size_t i = 0; options[i].name; i++) {
        const cli_option *o = &options[i];
        const char *help = o->help;
        int w;

        if (o->short_name)
            w = fprintf(out, "  -%c, --%s", o->short_name, o->name);
        else
            w = fprintf(out, "      --%s", o->name);
        if (o->value)
            w += fprintf(out, " %s", o->value);
        if (w >= HELP_COLUMN - 1) {
            fputc('\n', out);
            w = 0;
        }
        fprintf(out, "%*s", HELP_COLUMN - w, "");
        for (const char *nl; (nl = strchr(help, '\n')) != NULL; help = nl + 1)
            fprintf(out, "%.*s\n%*s", (int)(nl - help), help, HELP_COLUMN, "");
        fprintf(out, "%s\n", help);
    }
}

static bool parse_count(const char *s, size_t *out)
{
    char *end;
    unsigned long long v;

    errno = 0;
    if (!*s || *s == '-')
        return false;
    v = strtoull(s, &end, 10);
    if (errno || *end)
        return false;
    *out = (size_t)v;
    return true;
}

/* "confirmed,reported" into a bit set of statuses; reports the bad one. */
static int parse_statuses(const char *cmd, const char *list, unsigned *out)
{
    char *copy = strdup(list), *save = NULL;
    int rc = 0;

    if (!copy) {
        fprintf(stderr, "roundtrip: out of memory\n");
        return EXIT_OSERR;
    }
    *out = 0;
    for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
        rt_status st;
        if (rt_status_parse(&st, tok) == 0 && !rt_status_carries_money(st)) {
            rc = cli_usage_error(cmd,
                                 "--status %s: such claims carry no money (--as-of DATE shows "
                                 "a claim as it stood while it held)",
                                 rt_status_name(st));
            continue;
        }
        if (rt_status_parse(&st, tok) == 0) {
            *out |= 1u << st;
            continue;
        }
        if (rt_status_suggest(tok))
            rc = cli_usage_error(cmd, "unknown status '%s' (did you mean '%s'?)", tok,
                                 rt_status_suggest(tok));
        else
            rc = cli_usage_error(cmd, "unknown status '%s'", tok);
    }
    free(copy);
    if (rc == 0 && *out == 0)
        rc = cli_usage_error(cmd, "--status needs at least one status");
    return rc;
}

int cli_shared_option(const char *cmd, int opt, const char *arg, rt_graph_options *go,
                      rt_loop_options *lo)
{
    char err[300];
    rt_amount a;

    switch (opt) {
    case OPT_ALL:
        lo->all = true;
        return 0;
    case OPT_MAX_LEN:
        if (!parse_count(arg, &lo->cycles.max_len))
            return cli_usage_error(cmd, "--max-len needs a number of hops, not '%s'", arg);
        return 0;
    case OPT_MAX_CYCLES:
        if (!parse_count(arg, &lo->cycles.max_cycles))
            return cli_usage_error(cmd, "--max-cycles needs a number, not '%s'", arg);
        return 0;
    case OPT_NO_CONSOLIDATE:
        go->consolidate = false;
        return 0;
    case OPT_STATUS:
        return parse_statuses(cmd, arg, &go->filter.statuses);
    case OPT_AS_OF:
        if (rt_date_parse(&go->filter.as_of, arg, err, sizeof(err)) != 0)
            return cli_usage_error(cmd, "--as-of: %s", err);
        if (go->filter.as_of.year == 0)
            return cli_usage_error(cmd, "--as-of needs a date, like 2025-09");
        return 0;
    case OPT_MIN_AMOUNT:
        if (rt_amount_parse(&a, arg, err, sizeof(err)) != 0)
            return cli_usage_error(cmd, "--min-amount: %s", err);
        if (a.unit != RT_AMOUNT_USD || a.low != a.high)
            return cli_usage_error(cmd, "--min-amount needs one dollar amount, like 1B");
        go->filter.min_amount = a.low;
        return 0;
    case OPT_SCENARIO:
        if (strcmp(arg, "low") == 0)
            go->scenario = RT_SCENARIO_LOW;
        else if (strcmp(arg, "high") == 0)
            go->scenario = RT_SCENARIO_HIGH;
        else
            return cli_usage_error(cmd, "unknown scenario '%s' (expected low or high)", arg);
        return 0;
    case OPT_TEMPORAL:
        lo->temporal = true;
        return 0;
    case OPT_JOBS:
        if (!parse_count(arg, &lo->jobs) || lo->jobs == 0)
            return cli_usage_error(cmd, "--jobs needs a number of threads, 1 or more, not '%s'",
                                   arg);
        return 0;
    default:
        /* An id in a command's table that its switch does not take. */
        fprintf(stderr, "roundtrip %s: option %d is not handled\n", cmd, opt);
        return EXIT_SOFTWARE;
    }
}

int cli_parse_format(const char *cmd, const char *arg, unsigned allowed, rt_format *out)
{
    static const char *const names[] = {"text", "json", "summary", "markdown"};
    char choices[64] = "";
    size_t n = 0, listed = 0, total = 0;

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (!(allowed & (1u << i)))
            continue;
        total++;
        if (strcmp(arg, names[i]) == 0) {
            *out = (rt_format)i;
            return 0;
        }
    }
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (allowed & (1u << i))
            n += (size_t)snprintf(choices + n, sizeof(choices) - n, "%s%s",
                                  listed++ == 0     ? ""
                                  : listed == total ? " or "
                                                    : ", ",
                                  names[i]);
    return cli_usage_error(cmd, "unknown format '%s' (expected %s)", arg, choices);
}
