/*
 * roundtrip: the command-line entry point. Dispatches to one function per
 * subcommand, listed in `commands` (git.c's commands[]).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} command;

static int cmd_help(int argc, char **argv);

static const command commands[] = {
    {"check", cmd_check, "load and validate a dataset, and summarize it"},
    {"loops", cmd_loops, "find the circular-financing loops and their figures"},
    {"entities", cmd_entities, "who is exposed: stakes, spend, recapture, centrality"},
    {"diff", cmd_diff, "what changed between two versions of a dataset"},
    {"render", cmd_render, "draw the money graph and its loops (DOT, SVG, PNG, PDF)"},
    {"export", cmd_export, "the money graph and its loops for Gephi, yEd, NetworkX, CSV"},
    {"import", cmd_import, "a dataset from a FollowTheMoney stream or a GraphML graph"},
    {"help", cmd_help, "show help for roundtrip or one of its commands"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void print_usage(FILE *out)
{
    fputs("usage: roundtrip [--version] [--help] COMMAND [ARGS]\n"
          "\n"
          "Map the money between investors, AI labs, cloud providers and chip vendors,\n"
          "and find where it goes round in circles.\n"
          "\n"
          "Commands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Run 'roundtrip help COMMAND' or 'roundtrip COMMAND --help' for its options.\n"
          "\n"
          "Exit status: 0 success, 64 usage error, 65 data error, 66 missing input,\n"
          "71 out of memory, 73 cannot write output.\n"
          "\n"
          "Examples:\n"
          "  roundtrip check data/ai-2026\n"
          "  roundtrip loops data/ai-2026\n"
          "  roundtrip render data/ai-2026 -o loops.svg --loops-only\n",
          out);
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[NCOMMANDS], *best;

    for (size_t i = 0; i < NCOMMANDS; i++)
        names[i] = commands[i].name;
    best = rt_suggest_closest(name, names, NCOMMANDS);
    if (best)
        fprintf(stderr, "roundtrip: '%s' is not a command (did you mean '%s'?)\n", name, best);
    else
        fprintf(stderr, "roundtrip: '%s' is not a command; see 'roundtrip --help'\n", name);
    return EXIT_USAGE;
}

static int cmd_help(int argc, char **argv)
{
    const command *cmd;
    char *help_argv[] = {NULL, "--help", NULL};

    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_usage(stdout);
        return 0;
    }
    if (argc > 2)
        return cli_usage_error("help", "too many arguments");
    cmd = find_command(argv[1]);
    if (!cmd)
        return unknown_command(argv[1]);
    if (cmd->fn == cmd_help) {
        print_usage(stdout);
        return 0;
    }
    help_argv[0] = argv[1];
    return cmd->fn(2, help_argv);
}

/* Whatever went to stdout must have arrived: a full disk or a closed pipe
 * fails the run, once (a command that already failed has said why). */
static int finish(int status)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout))
        return status ? status : cli_cannot("stdout", "cannot write", errno ? errno : EIO);
    return status;
}

static int run(int argc, char **argv)
{
    const command *cmd;

    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
        printf("roundtrip %s\n", rt_version());
        return 0;
    }
    if (argv[1][0] == '-') {
        fprintf(stderr, "roundtrip: unknown option '%s'; see 'roundtrip --help'\n", argv[1]);
        return EXIT_USAGE;
    }
    cmd = find_command(argv[1]);
    if (!cmd)
        return unknown_command(argv[1]);
    return cmd->fn(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
    cli_process_init();
    return finish(run(argc, argv));
}
