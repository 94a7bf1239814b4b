/*
 * The options of a command, in one table: cli_parser_next() parses the
 * command line from it, through getopt_long(), and cli_options_help() writes
 * the "Options:" part of the command's --help from it, so what a command
 * accepts and what its help lists cannot drift apart (git's parse-options,
 * libgit2's cli_opt_spec).
 */
#ifndef RT_CLI_OPTIONS_H
#define RT_CLI_OPTIONS_H

#include <getopt.h>
#include <stdio.h>

#include <roundtrip/roundtrip.h>

/*
 * One option. `id` is what cli_parser_next() returns for it, given as
 * --name or as -c for its short name c. The help line reads
 * "  -c, --name VALUE    help"; a '\n' in `help` goes on, indented, on the
 * next line. A table ends with CLI_OPTIONS_END.
 */
typedef struct cli_option {
    int id;            /* an OPT_* value, never 0 */
    char short_name;   /* 'o' for -o, or 0 for none */
    const char *name;  /* the long name without "--"; NULL ends the table */
    const char *value; /* the value's name in the help ("FILE"), NULL for a flag */
    const char *help;
} cli_option;

/* The most options a table holds. */
#define CLI_OPTIONS_MAX 24

/* Option ids: those shared by several commands, then each command's own. */
enum {
    OPT_HELP = 256,
    OPT_OUTPUT,
    OPT_ALL,
    OPT_MAX_LEN,
    OPT_MAX_CYCLES,
    OPT_TEMPORAL,
    OPT_NO_CONSOLIDATE,
    OPT_STATUS,
    OPT_AS_OF,
    OPT_MIN_AMOUNT,
    OPT_SCENARIO,
    OPT_JOBS,
    OPT_FIRST_OWN /* commands number their own options from here */
};

#define CLI_OPTIONS_END                                                                            \
    {                                                                                              \
        0, 0, NULL, NULL, NULL                                                                     \
    }

#define CLI_OPTION_HELP                                                                            \
    {                                                                                              \
        OPT_HELP, 'h', "help", NULL, "show this help"                                              \
    }

/* Which cycles the search finds: for the commands that find loops. */
#define CLI_OPTIONS_SEARCH                                                                         \
    {OPT_ALL, 0, "all", NULL, "every elementary cycle, not only stake-and-spend loops"},           \
        {OPT_MAX_LEN, 0, "max-len", "K", "most hops in a loop (default 4; 0 = no limit)"},         \
        {OPT_MAX_CYCLES, 0, "max-cycles", "N",                                                     \
         "stop after N cycles (default 100000; 0 = no limit)"},                                    \
    {                                                                                              \
        OPT_TEMPORAL, 0, "temporal", NULL,                                                         \
            "only loops whose hops can be dated in order from a stake"                             \
    }

/* Which claims make the money graph: for every command that builds one. */
#define CLI_OPTIONS_GRAPH                                                                          \
    {OPT_NO_CONSOLIDATE, 0, "no-consolidate", NULL, "keep subsidiaries apart from their parents"}, \
        {OPT_STATUS, 0, "status", "LIST",                                                          \
         "only claims of these statuses (e.g. confirmed,reported)"},                               \
        {OPT_AS_OF, 0, "as-of", "DATE",                                                            \
         "as things stood on DATE (YYYY[-MM[-DD]]): the claims\nthat held then"},                  \
        {OPT_MIN_AMOUNT, 0, "min-amount", "X", "drop relationships below X dollars (e.g. 1B)"},    \
    {                                                                                              \
        OPT_SCENARIO, 0, "scenario", "S", "low or high: take that end of ranged amounts"           \
    }

/* Threads that count: only for a command that counts (loops --count). */
#define CLI_OPTION_JOBS                                                                            \
    {                                                                                              \
        OPT_JOBS, 0, "jobs", "N", "threads that count cycles for --count (default: one per\ncore)" \
    }

/* getopt_long()'s tables, made from one command's table. */
typedef struct cli_parser {
    const char *cmd;
    const cli_option *options;
    struct option longs[CLI_OPTIONS_MAX + 1];
    char shorts[2 * CLI_OPTIONS_MAX + 2];
} cli_parser;

/* Start parsing argv of `cmd` (argv[0] is the command's name) by `options`,
 * which must outlive the parser. It owns nothing: there is no destroy. */
void cli_parser_init(cli_parser *p, const char *cmd, const cli_option *options);

/*
 * The id of the next option, its value (if it takes one) in optarg; 0 after
 * the last option, with optind at the first operand; -1 after reporting an
 * unknown option or a missing value (return EXIT_USAGE then).
 */
int cli_parser_next(cli_parser *p, int argc, char **argv);

/* The lines of the options in the table, for --help, aligned in columns. */
void cli_options_help(FILE *out, const cli_option *options);

/*
 * Apply one of the shared options (CLI_OPTIONS_SEARCH, CLI_OPTIONS_GRAPH,
 * CLI_OPTION_JOBS) to the options of the graph and of the search, arg
 * being its value: 0 when applied, EXIT_USAGE or EXIT_OSERR after an
 * error message (EXIT_SOFTWARE when `opt` is not one of them).
 */
int cli_shared_option(const char *cmd, int opt, const char *arg, rt_graph_options *go,
                      rt_loop_options *lo);

/* The --format argument among the formats in `allowed` (a bit set of
 * 1 << rt_format): 0 and *out, or EXIT_USAGE after naming the choices. */
#define CLI_TEXT_MARKDOWN_JSON                                                                     \
    ((1u << RT_FORMAT_TEXT) | (1u << RT_FORMAT_MARKDOWN) | (1u << RT_FORMAT_JSON))
int cli_parse_format(const char *cmd, const char *arg, unsigned allowed, rt_format *out);

#endif
