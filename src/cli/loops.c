/* roundtrip loops: find the circular-financing loops of a dataset and report them. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "model/model.h"

static void print_help(FILE *out)
{
    fputs("usage: roundtrip loops [options] DATASET\n"
          "\n"
          "Find where money goes round in circles: the loops in which a stake goes out\n"
          "(equity) and spend comes back (compute, chips, data centers, services), with\n"
          "their figures, firmest and largest first.\n"
          "\n"
          "Options:\n"
          "      --format FMT      text (default), summary (a line per loop) or json\n"
          "      --count           print only the number of loops\n"
          "      --all             every elementary cycle, not only stake-and-spend loops\n"
          "      --max-len K       most hops in a loop (default 6; 0 = no limit)\n"
          "      --max-cycles N    stop after N cycles (default 100000; 0 = no limit)\n"
          "      --no-consolidate  keep subsidiaries apart from their parents\n"
          "      --status LIST     only claims of these statuses (e.g. confirmed,reported)\n"
          "      --as-of DATE      only claims dated on or before DATE (YYYY[-MM[-DD]])\n"
          "      --min-amount X    drop relationships below X dollars (e.g. 1B)\n"
          "      --scenario S      low or high: take that end of ranged amounts\n"
          "      --temporal        only loops whose hops can be dated in order from a stake\n"
          "  -h, --help            show this help\n"
          "\n"
          "Exit status: 0 success, 64 usage error, 65 data error, 66 missing input.\n"
          "\n"
          "Examples:\n"
          "  roundtrip loops data/ai-2026\n"
          "  roundtrip loops --status confirmed,reported --format json data/ai-2026\n",
          out);
}

enum {
    OPT_FORMAT = 256,
    OPT_COUNT,
    OPT_ALL,
    OPT_MAX_LEN,
    OPT_MAX_CYCLES,
    OPT_NO_CONSOLIDATE,
    OPT_STATUS,
    OPT_AS_OF,
    OPT_MIN_AMOUNT,
    OPT_SCENARIO,
    OPT_TEMPORAL,
};

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
static int parse_statuses(const char *list, unsigned *out)
{
    char copy[256], *save = NULL;

    snprintf(copy, sizeof(copy), "%s", list);
    *out = 0;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        rt_status st;
        if (rt_status_parse(&st, tok) != 0) {
            const char *dym = rt_status__suggest(tok, strlen(tok));
            if (dym)
                return cli_usage_error("loops", "unknown status '%s' (did you mean '%s'?)", tok,
                                       dym);
            return cli_usage_error("loops", "unknown status '%s'", tok);
        }
        *out |= 1u << st;
    }
    return *out ? 0 : cli_usage_error("loops", "--status needs at least one status");
}

int cmd_loops(int argc, char **argv)
{
    static const struct option options[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"count", no_argument, NULL, OPT_COUNT},
        {"all", no_argument, NULL, OPT_ALL},
        {"max-len", required_argument, NULL, OPT_MAX_LEN},
        {"max-cycles", required_argument, NULL, OPT_MAX_CYCLES},
        {"no-consolidate", no_argument, NULL, OPT_NO_CONSOLIDATE},
        {"status", required_argument, NULL, OPT_STATUS},
        {"as-of", required_argument, NULL, OPT_AS_OF},
        {"min-amount", required_argument, NULL, OPT_MIN_AMOUNT},
        {"scenario", required_argument, NULL, OPT_SCENARIO},
        {"temporal", no_argument, NULL, OPT_TEMPORAL},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    rt_graph_options gopts = RT_GRAPH_OPTIONS_INIT;
    rt_loop_options lopts = RT_LOOP_OPTIONS_INIT;
    rt_format format = RT_FORMAT_TEXT;
    rt_diags *diags = NULL;
    rt_dataset *ds = NULL;
    rt_graph *g = NULL;
    rt_loops *loops = NULL;
    char *report = NULL, err[300];
    const char *path = NULL;
    int opt, rc, status = 0;

    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "+:h", options, NULL)) != -1) {
        switch (opt) {
        case OPT_FORMAT:
            if (strcmp(optarg, "text") == 0)
                format = RT_FORMAT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                format = RT_FORMAT_JSON;
            else if (strcmp(optarg, "summary") == 0)
                format = RT_FORMAT_SUMMARY;
            else
                return cli_usage_error(
                    "loops", "unknown format '%s' (expected text, summary or json)", optarg);
            break;
        case OPT_COUNT:
            lopts.count_only = true;
            break;
        case OPT_ALL:
            lopts.all = true;
            break;
        case OPT_MAX_LEN:
            if (!parse_count(optarg, &lopts.cycles.max_len))
                return cli_usage_error("loops", "--max-len needs a number of hops, not '%s'",
                                       optarg);
            break;
        case OPT_MAX_CYCLES:
            if (!parse_count(optarg, &lopts.cycles.max_cycles))
                return cli_usage_error("loops", "--max-cycles needs a number, not '%s'", optarg);
            break;
        case OPT_NO_CONSOLIDATE:
            gopts.consolidate = false;
            break;
        case OPT_STATUS:
            if (parse_statuses(optarg, &gopts.filter.statuses) != 0)
                return EXIT_USAGE;
            break;
        case OPT_AS_OF:
            if (rt_date_parse(&gopts.filter.as_of, optarg, err, sizeof(err)) != 0)
                return cli_usage_error("loops", "--as-of: %s", err);
            if (gopts.filter.as_of.year == 0)
                return cli_usage_error("loops", "--as-of needs a date, like 2025-09");
            break;
        case OPT_MIN_AMOUNT: {
            rt_amount a;
            if (rt_amount_parse(&a, optarg, err, sizeof(err)) != 0)
                return cli_usage_error("loops", "--min-amount: %s", err);
            if (a.unit != RT_AMOUNT_USD || a.low != a.high)
                return cli_usage_error("loops", "--min-amount needs one dollar amount, like 1B");
            gopts.filter.min_amount = a.low;
            break;
        }
        case OPT_SCENARIO:
            if (strcmp(optarg, "low") == 0)
                gopts.scenario = RT_SCENARIO_LOW;
            else if (strcmp(optarg, "high") == 0)
                gopts.scenario = RT_SCENARIO_HIGH;
            else
                return cli_usage_error("loops", "unknown scenario '%s' (expected low or high)",
                                       optarg);
            break;
        case OPT_TEMPORAL:
            lopts.temporal = true;
            break;
        case 'h':
            print_help(stdout);
            return 0;
        default:
            return cli_bad_option("loops", opt, argv);
        }
    }
    if ((status = cli_dataset_operand("loops", argc, argv, &path)) != 0 ||
        (status = cli_diags_new(&diags)) != 0)
        return status;
    rc = rt_dataset_load(&ds, path, diags);
    if (rc == 0)
        rc = rt_graph_build(&g, ds, &gopts, diags);
    if (rc == 0)
        rc = rt_loops_find(&loops, g, &lopts);
    if (rc == 0 && !lopts.count_only)
        rc = rt_report_loops(&report, loops, format);
    cli_print_diags(diags, 0);
    if (rc < 0) {
        if (rc == RT_EDATA)
            fprintf(stderr, "roundtrip: %s: %zu error%s\n", path, rt_diags_error_count(diags),
                    rt_diags_error_count(diags) == 1 ? "" : "s");
        else if (rc != RT_ENOTFOUND && rc != RT_EIO)
            fprintf(stderr, "roundtrip: %s\n", rt_strerror(rc));
        status = cli_exit_status(rc);
        goto out;
    }
    if (rt_loops_truncated(loops))
        fprintf(stderr,
                "roundtrip: warning: stopped after %zu cycles (--max-cycles); more exist, so "
                "the loops shown are incomplete\n",
                lopts.cycles.max_cycles);
    if (lopts.count_only)
        printf("%zu\n", rt_loops_count(loops));
    else
        fputs(report, stdout);
out:
    rt_report_free(report);
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "roundtrip: cannot write output\n");
        status = EXIT_CANTCREAT;
    }
    return status;
}
