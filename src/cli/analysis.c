/* What `loops` and `render` share: the analysis options and the pipeline
 * from a dataset path to its loops. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis/analysis.h"
#include "cli/cli.h"
#include "model/model.h"

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
        if (rt_status__suggest(tok, strlen(tok)))
            rc = cli_usage_error(cmd, "unknown status '%s' (did you mean '%s'?)", tok,
                                 rt_status__suggest(tok, strlen(tok)));
        else
            rc = cli_usage_error(cmd, "unknown status '%s'", tok);
    }
    free(copy);
    if (rc == 0 && *out == 0)
        rc = cli_usage_error(cmd, "--status needs at least one status");
    return rc;
}

int cli_analysis_option(const char *cmd, int opt, const char *arg, rt_graph_options *go,
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
        return -1;
    }
}

/*
 * Progress of a long search, on stderr when it is a terminal: one line,
 * rewritten in place, shown once the search has run for a second
 * (ROUNDTRIP_PROGRESS_DELAY seconds, as git's GIT_PROGRESS_DELAY), and
 * erased when the search ends, before any report is written.
 */
typedef struct progress_line {
    struct timespec begin;
    double delay;
    bool shown;
} progress_line;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* 8768749 as "8,768,749". */
static void group_digits(char *buf, size_t len, size_t n)
{
    char digits[32];
    int nd = snprintf(digits, sizeof(digits), "%zu", n);
    size_t o = 0;

    for (int i = 0; i < nd && o + 2 < len; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

/* 4.9e6 as "4.9M". */
static void short_number(char *buf, size_t len, double x)
{
    static const char units[] = " KMGT";
    size_t u = 0;

    while (x >= 999.5 && u + 1 < sizeof(units) - 1) {
        x /= 1000;
        u++;
    }
    if (u == 0)
        snprintf(buf, len, "%.0f", x);
    else
        snprintf(buf, len, "%.*f%c", x < 9.95 ? 1 : 0, x, units[u]);
}

static void show_progress(const rt_progress *p, void *payload)
{
    progress_line *pl = payload;
    double t = seconds_since(&pl->begin);
    char cycles[40], rate[16];

    if (p->done == p->total) {
        if (pl->shown)
            fputs("\r\033[K", stderr);
        pl->shown = false;
        return;
    }
    if (t < pl->delay)
        return;
    group_digits(cycles, sizeof(cycles), p->cycles);
    short_number(rate, sizeof(rate), t > 0 ? (double)p->cycles / t : 0.0);
    fprintf(stderr, "\r%s: %u%% of %zu start vertices, %s cycles, %s cycles/s\033[K", p->phase,
            (unsigned)(p->total ? p->done * 100 / p->total : 100), p->total, cycles, rate);
    fflush(stderr);
    pl->shown = true;
}

static void progress_line_init(progress_line *pl)
{
    const char *env = getenv("ROUNDTRIP_PROGRESS_DELAY");
    char *end;

    clock_gettime(CLOCK_MONOTONIC, &pl->begin);
    pl->shown = false;
    pl->delay = 1.0;
    if (env && *env) {
        double d = strtod(env, &end);
        if (!*end && d >= 0)
            pl->delay = d;
    }
}

int cli_find_loops(const char *cmd, const char *path, const rt_graph_options *go,
                   const rt_loop_options *lo, rt_diags *diags, rt_dataset **ds, rt_graph **g,
                   rt_loops **loops)
{
    int rc = rt_dataset_load(ds, path, diags);
    progress_line pl;

    if (rc == 0)
        rc = rt_graph_build(g, *ds, go, diags);
    if (rc == 0 && loops) {
        const char *term = getenv("TERM"), *enumerate = getenv("ROUNDTRIP_NO_CONTRACT");
        rt_loop_options with_progress = *lo;
        /* To cross-check a count by seeing every cycle (see contract.c). */
        with_progress.enumerate = enumerate && *enumerate && strcmp(enumerate, "0") != 0;
        if (isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0)) {
            progress_line_init(&pl);
            with_progress.progress = show_progress;
            with_progress.progress_payload = &pl;
        }
        rc = rt_loops_find(loops, *g, &with_progress);
        if (rc < 0 && with_progress.progress && pl.shown)
            fputs("\r\033[K", stderr);
    }
    cli_print_diags(diags, 0);
    if (rc == RT_EDATA) {
        cli_text shown = CLI_TEXT_INIT;
        fprintf(stderr, "roundtrip: %s: %zu error%s\n", cli_show(&shown, path),
                rt_diags_error_count(diags), rt_diags_error_count(diags) == 1 ? "" : "s");
        cli_text_free(&shown, 1);
    } else if (rc < 0 && rc != RT_ENOTFOUND && rc != RT_EIO) {
        fprintf(stderr, "roundtrip %s: %s\n", cmd, rt_strerror(rc));
    }
    if (rc == 0 && loops && rt_loops_full(*loops))
        fprintf(stderr,
                "roundtrip: warning: stopped at %zu loops, the most a report keeps; more exist "
                "(count them all with --count, or narrow the search with --max-len)\n",
                rt_loops_count(*loops));
    else if (rc == 0 && loops && rt_loops_truncated(*loops) && lo->cycles.max_cycles == 0)
        fprintf(stderr,
                "roundtrip: warning: more than %zu cycles, the most a count can hold; the count "
                "is that many\n",
                rt_loops_cycles_total(*loops));
    else if (rc == 0 && loops && rt_loops_truncated(*loops))
        fprintf(stderr,
                "roundtrip: warning: stopped after %zu cycles (--max-cycles); more exist, so "
                "the loops shown are incomplete\n",
                lo->cycles.max_cycles);
    return cli_exit_status(rc);
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
