/* The roundtrip binary: exit statuses, stdout and stderr of each subcommand. */
#include "helpers.h"
#include "run.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

static void test_cli_prints_version(void **state)
{
    run_result r = run("--version", NULL);
    char want[64];
    (void)state;
    snprintf(want, sizeof(want), "roundtrip %s\n", rt_version());
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, want);
    done(&r);
}

static void test_cli_without_command_is_a_usage_error(void **state)
{
    run_result r = run(NULL);
    (void)state;
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "usage: roundtrip");
    assert_string_equal(r.out, "");
    done(&r);
}

static void test_cli_suggests_the_command_meant(void **state)
{
    run_result r = run("chek", "data", NULL);
    (void)state;
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "'chek' is not a command (did you mean 'check'?)");
    done(&r);
}

/* The words at the start of the lines of a section of text: "Commands:"
 * gives the commands of `roundtrip --help`, as git's t0012 reads its list
 * from git. */
#define LISTED_MAX 64

typedef struct listed {
    char word[LISTED_MAX][32];
    bool value[LISTED_MAX]; /* options: whether the help names a value */
    size_t count;
} listed;

static bool is_listed(const listed *l, const char *word)
{
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->word[i], word) == 0)
            return true;
    return false;
}

static void list_add(listed *l, const char *word, size_t len, bool value)
{
    assert_true(l->count < LISTED_MAX);
    assert_true(len > 0 && len < sizeof(l->word[0]));
    snprintf(l->word[l->count], sizeof(l->word[0]), "%.*s", (int)len, word);
    l->value[l->count++] = value;
}

/* The commands `roundtrip --help` lists under "Commands:". */
static void listed_commands(listed *out)
{
    run_result r = run("--help", NULL);
    const char *p;

    out->count = 0;
    assert_int_equal(r.status, 0);
    p = strstr(r.out, "\nCommands:\n");
    assert_non_null(p);
    for (p += strlen("\nCommands:\n"); strncmp(p, "  ", 2) == 0; p = strchr(p, '\n') + 1) {
        p += 2;
        list_add(out, p, strcspn(p, " \n"), false);
    }
    done(&r);
}

/*
 * The options the --help of `cmd` lists under "Options:", as "-c" and
 * "--name", each with whether a value follows it ("--output FILE"): lines
 * "  -c, --name VALUE  help" and "      --name  help", a value name being
 * in capitals and the help in lower case.
 */
static void listed_options(listed *out, const char *cmd)
{
    run_result r = run(cmd, "--help", NULL);
    const char *p;

    out->count = 0;
    assert_int_equal(r.status, 0);
    p = strstr(r.out, "\nOptions:\n");
    if (!p) {
        done(&r);
        return;
    }
    for (p += strlen("\nOptions:\n"); *p && *p != '\n'; p = strchr(p, '\n') + 1) {
        const char *q = p + strspn(p, " "), *name;
        size_t n;
        bool value;

        if (*q != '-')
            continue; /* the help of the option above, continued */
        name = q;
        if (q[1] != '-') { /* "-c, --name" */
            name = q;
            q += 2;
            assert_true(strncmp(q, ", --", 4) == 0);
            q += 2;
        }
        n = strcspn(q, " \n");
        value = q[n] == ' ' && q[n + 1] >= 'A' && q[n + 1] <= 'Z';
        if (name != q)
            list_add(out, name, 2, value);
        list_add(out, q, n, value);
    }
    done(&r);
}

static void test_cli_every_command_answers_help(void **state)
{
    listed commands;
    (void)state;
    listed_commands(&commands);
    assert_true(commands.count >= 6);
    assert_true(is_listed(&commands, "check") && is_listed(&commands, "help"));
    for (size_t i = 0; i < commands.count; i++) {
        run_result r = run(commands.word[i], "--help", NULL);
        assert_int_equal(r.status, 0);
        assert_contains(r.out, "usage: roundtrip");
        assert_contains(r.out, "Example");
        assert_string_equal(r.err, "");
        done(&r);
    }
}

/*
 * Every option a command's help lists is accepted, with a value when the
 * help names one; every option that another command's help lists and this
 * one's does not is refused. The option tables make it so; this keeps it
 * so (it broke as `entities --max-len 3 --temporal --jobs 4 --all`, which
 * ran, and as `render --jobs`, which was listed and did nothing).
 */
static void test_cli_help_lists_exactly_the_options_each_command_accepts(void **state)
{
    static listed commands, all, own[16];
    char want[64];
    (void)state;
    listed_commands(&commands);
    assert_true(commands.count <= 16);
    all.count = 0;
    for (size_t i = 0; i < commands.count; i++) {
        listed_options(&own[i], commands.word[i]);
        /* `help` takes a command, no options. */
        if (strcmp(commands.word[i], "help") != 0)
            assert_true(own[i].count > 0);
        for (size_t k = 0; k < own[i].count; k++)
            if (!is_listed(&all, own[i].word[k]))
                list_add(&all, own[i].word[k], strlen(own[i].word[k]), own[i].value[k]);
    }
    assert_true(is_listed(&all, "--max-len") && is_listed(&all, "-o"));
    for (size_t i = 0; i < commands.count; i++) {
        const char *cmd = commands.word[i];
        if (own[i].count == 0)
            continue;
        for (size_t k = 0; k < own[i].count; k++) {
            run_result r = run(cmd, own[i].word[k], NULL);
            snprintf(want, sizeof(want), "option '%.31s' needs a value", own[i].word[k]);
            if (strstr(r.err, "unknown option"))
                fail_msg("%s %s: listed in its help, refused:\n%s", cmd, own[i].word[k], r.err);
            if (own[i].value[k] != (strstr(r.err, want) != NULL))
                fail_msg("%s %s: the help says it takes %s value:\n%s", cmd, own[i].word[k],
                         own[i].value[k] ? "a" : "no", r.err);
            done(&r);
        }
        for (size_t k = 0; k < all.count; k++) {
            run_result r;
            if (is_listed(&own[i], all.word[k]))
                continue;
            r = run(cmd, all.word[k], NULL);
            snprintf(want, sizeof(want), "unknown option '%.31s'", all.word[k]);
            if (r.status != 64 || !strstr(r.err, want))
                fail_msg("%s %s: not in its help, but not refused either:\n%s", cmd, all.word[k],
                         r.err);
            done(&r);
        }
    }
}

static void test_cli_help_command_matches_option(void **state)
{
    run_result a = run("help", "check", NULL), b = run("check", "--help", NULL);
    (void)state;
    assert_int_equal(a.status, 0);
    assert_string_equal(a.out, b.out);
    done(&a);
    done(&b);
}

static void test_cli_check_summarizes_bundled_dataset(void **state)
{
    run_result r = run("check", source_path("data/ai-2026"), NULL);
    (void)state;
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_contains(r.out, "no problems found");
    assert_contains(r.out, "entities by kind");
    assert_contains(r.out, "relationships by kind");
    assert_contains(r.out, "no claims with conflicting amounts");
    /* The talks of the seeds' moment, ended by the announced deal. */
    assert_contains(r.out, "claims that no longer hold (replaced, unwound or ended): ");
    assert_contains(r.out, "  Amazon -> OpenAI (equity)\n"
                           "    $10B         talks       2025-12    to 2026-02-27 Financial Times");
    done(&r);
}

/* Two runs that both crashed would print the same nothing: each must
 * succeed and say something first. */
static void test_cli_check_output_is_deterministic(void **state)
{
    run_result a = run("check", source_path("data/ai-2026"), NULL);
    run_result b = run("check", source_path("data/ai-2026"), NULL);
    (void)state;
    assert_int_equal(a.status, 0);
    assert_int_equal(b.status, 0);
    assert_string_equal(a.err, "");
    assert_string_equal(b.err, "");
    assert_contains(a.out, "no problems found");
    assert_contains(a.out, "relationships by kind");
    assert_string_equal(a.out, b.out);
    done(&a);
    done(&b);
}

static void test_cli_check_reports_data_errors_with_exit_65(void **state)
{
    char prefix[4096];
    run_result r = run("check", test_data("bad/typos"), NULL);
    (void)state;
    assert_int_equal(r.status, 65);
    assert_string_equal(r.out, ""); /* no summary on a failed load */
    snprintf(prefix, sizeof(prefix), "%s:", test_data("bad/typos/entities.csv"));
    assert_contains(r.err, prefix);
    assert_contains(r.err, "entities.csv:3:3: unknown parent 'Amazn' (did you mean 'Amazon'?)\n");
    assert_contains(r.err,
                    "relationships.csv:3:3: unknown kind 'equitty' (did you mean 'equity'?)\n");
    assert_contains(r.err,
                    "relationships.csv:4:4: reversed range '50B-10B' (did you mean '10B-50B'?)\n");
    assert_contains(r.err, "relationships.csv:5:5: unknown status 'rumoured' (did you mean "
                           "'rumored'?)\n");
    assert_contains(r.err, "relationships.csv:5:6: bad date '2025-02-30'");
    assert_contains(r.err, ": 5 errors, 0 warnings\n");
    done(&r);
}

/* Issue 16.12: a pipe of NUL bytes (cat /dev/zero |) was read until memory
 * ran out. A FIFO is read up to its first NUL byte, reported where it is. */
static void test_cli_check_reads_a_pipe_up_to_its_first_nul(void **state)
{
    static const char zeros[65536];
    char dir[] = "/tmp/rt-fifo-XXXXXX", fifo[64], want[128];
    pid_t writer;
    run_result r;
    (void)state;

    assert_non_null(mkdtemp(dir));
    snprintf(fifo, sizeof(fifo), "%s/zero.csv", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    fflush(stdout);
    writer = fork();
    assert_true(writer >= 0);
    if (writer == 0) {
        int fd = open(fifo, O_WRONLY);
        while (fd >= 0 && write(fd, zeros, sizeof(zeros)) > 0)
            ;
        _exit(0);
    }
    r = run("check", fifo, NULL);
    kill(writer, SIGKILL);
    waitpid(writer, NULL, 0);
    assert_int_equal(r.status, 65);
    snprintf(want, sizeof(want), "%s:1:1: NUL byte in field", fifo);
    assert_contains(r.err, want);
    done(&r);
    unlink(fifo);
    rmdir(dir);
}

static void test_cli_check_missing_dataset_exits_66(void **state)
{
    run_result r = run("check", test_data("no-such-dataset"), NULL);
    (void)state;
    assert_int_equal(r.status, 66);
    assert_contains(r.err, "no-such-dataset: no such dataset");
    done(&r);
}

static void test_cli_check_usage_errors_exit_64(void **state)
{
    run_result r = run("check", NULL);
    (void)state;
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "missing DATASET");
    done(&r);
    r = run("check", "--frobnicate", "x", NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "unknown option '--frobnicate'");
    done(&r);
    r = run("check", "a", "b", NULL);
    assert_int_equal(r.status, 64);
    done(&r);
}

static void test_cli_check_strict_turns_warnings_into_errors(void **state)
{
    run_result r = run("check", test_data("warn"), NULL);
    (void)state;
    assert_int_equal(r.status, 0);
    assert_contains(r.err, "relationships.csv:1:4: warning: ignoring unknown column 'comment'");
    assert_contains(r.out, "1 warning");
    done(&r);
    r = run("check", "--strict", test_data("warn"), NULL);
    assert_int_equal(r.status, 65);
    assert_contains(r.err, "treated as errors");
    done(&r);
}

/* Output of `roundtrip ARGS` run from the source root equals a golden file. */
static void assert_golden(const char *golden, const char *a1, const char *a2, const char *a3,
                          const char *a4)
{
    char path[256], *want;
    run_result r;

    assert_int_equal(chdir(source_path("")), 0);
    r = run(a1, a2, a3, a4, NULL);
    assert_int_equal(r.status, 0);
    snprintf(path, sizeof(path), "tests/data/golden/%s", golden);
    want = read_all(source_path(path), NULL);
    assert_non_null(want);
    if (strcmp(r.out, want) != 0)
        fail_msg("output differs from %s; if the change is right, run "
                 "'meson compile -C build update-golden' and review the diff",
                 path);
    free(want);
    done(&r);
}

static void test_cli_loops_match_golden_files(void **state)
{
    (void)state;
    assert_golden("loops-small.txt", "loops", "tests/data/loops-small", NULL, NULL);
    assert_golden("loops-small.json", "loops", "--format", "json", "tests/data/loops-small");
    assert_golden("loops-small.md", "loops", "--format", "markdown", "tests/data/loops-small");
    assert_golden("ai-2026-loops.txt", "loops", "data/ai-2026", NULL, NULL);
    assert_golden("ai-2026-loops.json", "loops", "--format", "json", "data/ai-2026");
    assert_golden("ai-2026-loops.md", "loops", "--format", "markdown", "data/ai-2026");
    assert_golden("ai-2026-entities.txt", "entities", "data/ai-2026", NULL, NULL);
    assert_golden("ai-2026-entities.md", "entities", "--format", "markdown", "data/ai-2026");
}

static void test_cli_loops_json_has_the_documented_shape(void **state)
{
    run_result r = run("loops", "--format", "json", test_data("loops-small"), NULL);
    json_error_t err;
    json_t *root, *loop, *hop, *rel, *claim;
    (void)state;
    assert_int_equal(r.status, 0);
    root = json_loads(r.out, 0, &err);
    if (!root)
        fail_msg("JSON does not parse: %s at line %d", err.text, err.line);
    assert_int_equal(json_array_size(json_object_get(root, "loops")), 2);
    assert_int_equal(json_integer_value(json_object_get(root, "cycles_total")), 3);
    assert_true(json_is_false(json_object_get(root, "truncated")));
    assert_int_equal(json_array_size(json_object_get(root, "groups")), 3);
    loop = json_array_get(json_object_get(root, "loops"), 0);
    assert_string_equal(json_string_value(json_array_get(json_object_get(loop, "entities"), 0)),
                        "BigCo");
    assert_int_equal(json_integer_value(json_object_get(loop, "length")), 2);
    assert_string_equal(json_string_value(json_object_get(loop, "status")), "confirmed");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(loop, "circulating_usd"), "low")),
        INT64_C(4000000000));
    assert_true(json_real_value(json_object_get(loop, "round_trip_ratio")) == 0.5);
    hop = json_array_get(json_object_get(loop, "hops"), 1);
    rel = json_array_get(json_object_get(hop, "relationships"), 0);
    assert_string_equal(json_string_value(json_object_get(rel, "to")), "BigCloud");
    claim = json_array_get(json_object_get(rel, "claims"), 0);
    assert_int_equal(json_integer_value(json_object_get(claim, "line")), 3);
    assert_string_equal(json_string_value(json_object_get(claim, "source")), "Paper B");
    assert_string_equal(json_string_value(json_object_get(claim, "status")), "confirmed");
    assert_true(json_is_object(json_object_get(claim, "amount_usd")));
    assert_true(json_is_null(json_object_get(claim, "until")));
    assert_string_equal(json_string_value(json_object_get(loop, "kind")), "direct");
    assert_true(json_is_null(json_object_get(loop, "with_weaker_claims")));
    /* What it was computed on, and the most that goes round at once. */
    assert_true(json_is_null(json_object_get(json_object_get(root, "filters"), "as_of")));
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(root, "filters"), "max_len")), 4);
    assert_int_equal(json_array_size(json_object_get(json_object_get(root, "filters"), "statuses")),
                     5);
    assert_string_equal(json_string_value(json_object_get(root, "version")), rt_version());
    assert_true(json_is_object(json_object_get(root, "max_circulating_usd")));
    loop = json_array_get(json_object_get(root, "loops"), 1);
    assert_true(json_is_object(json_object_get(loop, "circulating_usd")));
    json_decref(root);
    done(&r);
}

static void test_cli_loops_count_prints_one_integer(void **state)
{
    run_result r = run("loops", "--count", test_data("loops-small"), NULL);
    (void)state;
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "2\n");
    done(&r);
    r = run("loops", "--count", "--all", test_data("loops-small"), NULL);
    assert_string_equal(r.out, "3\n");
    done(&r);
    r = run("loops", "--count", "--status", "confirmed,reported", test_data("loops-small"), NULL);
    assert_string_equal(r.out, "1\n");
    done(&r);
}

/* --count --format json printed the bare number of text. */
static void test_cli_loops_count_as_json_is_an_object(void **state)
{
    json_error_t error;
    json_t *root;
    run_result r = run("loops", "--count", "--format", "json", test_data("loops-small"), NULL);
    (void)state;
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    root = json_loads(r.out, 0, &error);
    assert_non_null(root);
    assert_int_equal(json_integer_value(json_object_get(root, "loops")), 2);
    assert_true(json_integer_value(json_object_get(root, "cycles")) >= 2);
    assert_true(json_is_false(json_object_get(root, "truncated")));
    assert_int_equal(json_object_size(root), 3);
    json_decref(root);
    done(&r);
    r = run("loops", "--count", "--format", "json", "--all", "--max-cycles", "1",
            test_data("loops-small"), NULL);
    assert_int_equal(r.status, 0);
    root = json_loads(r.out, 0, &error);
    assert_non_null(root);
    assert_int_equal(json_integer_value(json_object_get(root, "cycles")), 1);
    assert_true(json_is_true(json_object_get(root, "truncated")));
    json_decref(root);
    done(&r);
    /* A number has no summary or Markdown form. */
    r = run("loops", "--count", "--format", "markdown", test_data("loops-small"), NULL);
    assert_int_equal(r.status, 64);
    assert_string_equal(r.out, "");
    assert_contains(r.err, "roundtrip loops: --count prints a number: --format text or json");
    done(&r);
}

/* entities searches no loops, and refused none of the search's options. */
static void test_cli_entities_refuses_the_options_of_the_search(void **state)
{
    run_result r = run("entities", "--max-len", "3", "--temporal", "--jobs", "4", "--all",
                       source_path("data/ai-2026"), NULL);
    (void)state;
    assert_int_equal(r.status, 64);
    assert_string_equal(r.out, "");
    assert_contains(r.err, "roundtrip entities: unknown option '--max-len'");
    done(&r);
    r = run("render", "--jobs", "2", "-o", "-", "-T", "dot", source_path("data/ai-2026"), NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "roundtrip render: unknown option '--jobs'");
    done(&r);
}

static void test_cli_loops_warns_when_truncated(void **state)
{
    run_result r =
        run("loops", "--all", "--max-cycles", "1", "--count", test_data("loops-small"), NULL);
    (void)state;
    assert_int_equal(r.status, 0);
    assert_contains(r.err, "warning: stopped after 1 cycles (--max-cycles)");
    done(&r);
}

/* A ring of k diamonds as a bare relationships file in dir: 2^k cycles. */
static void write_diamond_ring(char *path, size_t cap, const char *dir, int k)
{
    char *text = malloc(65536);
    size_t len = (size_t)snprintf(text, 65536, "from,to,kind\n");
    assert_non_null(text);
    for (int i = 0; i < k; i++)
        len += (size_t)snprintf(text + len, 65536 - len,
                                "H%d,A%d,equity\nH%d,B%d,equity\nA%d,H%d,equity\nB%d,H%d,equity\n",
                                i, i, i, i, i, (i + 1) % k, i, (i + 1) % k);
    snprintf(path, cap, "%s/ring%d.csv", dir, k);
    write_file(path, text);
    free(text);
}

/* --all --count counts cycles it never visits, exactly; visiting them all
 * (ROUNDTRIP_NO_CONTRACT) gives the same count; a count beyond what a
 * count can hold says so. */
static void test_cli_loops_count_all_counts_more_cycles_than_it_could_visit(void **state)
{
    const char *const enumerate[] = {"ROUNDTRIP_NO_CONTRACT=1", NULL};
    char dir[] = "/tmp/rt-ring-XXXXXX", path[256];
    run_result r;
    (void)state;
    assert_non_null(mkdtemp(dir));

    write_diamond_ring(path, sizeof(path), dir, 50);
    r = run("loops", "--all", "--count", "--max-len", "0", "--max-cycles", "0", path, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "1125899906842624\n"); /* 2^50 */
    assert_string_equal(r.err, "");
    done(&r);
    /* The default limit still applies. */
    r = run("loops", "--all", "--count", "--max-len", "0", path, NULL);
    assert_string_equal(r.out, "100000\n");
    assert_contains(r.err, "warning: stopped after 100000 cycles (--max-cycles)");
    done(&r);
    unlink(path);

    write_diamond_ring(path, sizeof(path), dir, 11);
    r = run("loops", "--all", "--count", "--max-len", "0", "--max-cycles", "0", path, NULL);
    assert_string_equal(r.out, "2048\n");
    done(&r);
    r = run_with(&(run_opts){.env = enumerate}, "loops", "--all", "--count", "--max-len", "0",
                 "--max-cycles", "0", path, NULL);
    assert_string_equal(r.out, "2048\n");
    done(&r);
    r = run("loops", "--all", "--count", "--visit-every-cycle", "--max-len", "0", "--max-cycles",
            "0", path, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "2048\n");
    done(&r);
    unlink(path);

    write_diamond_ring(path, sizeof(path), dir, 80);
    r = run("loops", "--all", "--count", "--max-len", "0", "--max-cycles", "0", path, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "18446744073709551615\n");
    assert_contains(r.err, "warning: more than 18446744073709551615 cycles");
    done(&r);
    unlink(path);
    rmdir(dir);
}

/* A long search shows its progress on stderr when stderr is a terminal,
 * and erases it before the result; never when stderr is a pipe or a file,
 * and not for a search shorter than the delay (one second by default). */
static void test_cli_loops_shows_progress_only_on_a_terminal(void **state)
{
    const char *const now[] = {"ROUNDTRIP_PROGRESS_DELAY=0", "TERM=xterm", NULL};
    const char *const dumb[] = {"ROUNDTRIP_PROGRESS_DELAY=0", "TERM=dumb", NULL};
    const char *const later[] = {"TERM=xterm", NULL};
    run_opts tty = {.stderr_tty = true, .env = now};
    run_result r;
    (void)state;

    r = run_with(&tty, "loops", "--all", "--count", test_data("loops-small"), NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "3\n");
    assert_contains(r.err, "\rcounting: 0% of ");
    assert_contains(r.err, " start vertices, 0 cycles, ");
    /* Erased at the end: the last thing written is "go to the start of the
     * line and clear it". */
    assert_true(strlen(r.err) >= 4);
    assert_string_equal(r.err + strlen(r.err) - 4, "\r\033[K");
    done(&r);

    r = run_with(&tty, "loops", "--all", "--format", "json", test_data("loops-small"), NULL);
    assert_int_equal(r.status, 0);
    assert_contains(r.err, "\rsearching: 0% of ");
    assert_null(strstr(r.out, "searching"));
    assert_int_equal(r.out[0], '{');
    done(&r);

    /* A pipe, a dumb terminal, and a search shorter than the delay: none. */
    r = run_with(&(run_opts){.env = now}, "loops", "--all", "--count", test_data("loops-small"),
                 NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    done(&r);
    r = run_with(&(run_opts){.stderr_tty = true, .env = dumb}, "loops", "--all", "--count",
                 test_data("loops-small"), NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    done(&r);
    r = run_with(&(run_opts){.stderr_tty = true, .env = later}, "loops", "--all", "--count",
                 test_data("loops-small"), NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    done(&r);
}

/* Lines of s that start with prefix. */
static size_t lines_starting(const char *s, const char *prefix)
{
    size_t n = 0, len = strlen(prefix);
    for (const char *p = s; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        n += strncmp(p, prefix, len) == 0;
    return n;
}

/* A file with an error on each of 150 rows prints the first 100 and says
 * how many more there are; ROUNDTRIP_MAX_ERRORS changes the limit, 0 shows
 * every one. The count, the summary and the exit status stay the same. */
static void test_cli_check_prints_at_most_a_hundred_problems(void **state)
{
    const char *const all[] = {"ROUNDTRIP_MAX_ERRORS=0", NULL};
    const char *const five[] = {"ROUNDTRIP_MAX_ERRORS=5", NULL};
    char dir[] = "/tmp/rt-errors-XXXXXX", path[256], prefix[300];
    char *text = malloc(16384);
    size_t len;
    run_result r;
    (void)state;

    assert_non_null(text);
    assert_non_null(mkdtemp(dir));
    len = (size_t)snprintf(text, 16384, "from,to,kind\n");
    for (int i = 0; i < 150; i++)
        len += (size_t)snprintf(text + len, 16384 - len, "A%d,B%d,equitty\n", i, i);
    snprintf(path, sizeof(path), "%s/bad.csv", dir);
    write_file(path, text);
    snprintf(prefix, sizeof(prefix), "%s:", path);

    r = run("check", path, NULL);
    assert_int_equal(r.status, 65);
    assert_int_equal(lines_starting(r.err, prefix), 100);
    assert_contains(r.err, "bad.csv:101:3: unknown kind 'equitty' (did you mean 'equity'?)");
    assert_null(strstr(r.err, "bad.csv:102:3:"));
    assert_contains(r.err, "roundtrip: 50 more problems not shown (set ROUNDTRIP_MAX_ERRORS=0 to "
                           "see all)");
    assert_contains(r.err, "150 errors");
    done(&r);

    r = run_with(&(run_opts){.env = all}, "check", path, NULL);
    assert_int_equal(r.status, 65);
    assert_int_equal(lines_starting(r.err, prefix), 150);
    assert_null(strstr(r.err, "not shown"));
    done(&r);

    r = run_with(&(run_opts){.env = five}, "loops", path, NULL);
    assert_int_equal(r.status, 65);
    assert_int_equal(lines_starting(r.err, prefix), 5);
    assert_contains(r.err, "roundtrip: 145 more problems not shown");
    done(&r);

    /* Not a count: the default. */
    for (size_t i = 0; i < 2; i++) {
        const char *const junk[][2] = {{"ROUNDTRIP_MAX_ERRORS=abc", NULL},
                                       {"ROUNDTRIP_MAX_ERRORS= -1", NULL}};
        r = run_with(&(run_opts){.env = junk[i]}, "check", path, NULL);
        assert_int_equal(lines_starting(r.err, prefix), 100);
        done(&r);
    }

    unlink(path);
    rmdir(dir);
    free(text);
}

static void test_cli_loops_usage_and_data_errors(void **state)
{
    run_result r = run("loops", "--status", "confimed", test_data("loops-small"), NULL);
    (void)state;
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "unknown status 'confimed' (did you mean 'confirmed'?)");
    done(&r);
    r = run("loops", "--status", "reported,superseded", test_data("loops-small"), NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "--status superseded: such claims carry no money");
    done(&r);
    r = run("loops", "--format", "xml", test_data("loops-small"), NULL);
    assert_int_equal(r.status, 64);
    done(&r);
    r = run("loops", "--max-len", "six", test_data("loops-small"), NULL);
    assert_int_equal(r.status, 64);
    done(&r);
    r = run("loops", "--as-of", "2025-13", test_data("loops-small"), NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "month must be 01-12");
    done(&r);
    r = run("loops", "--min-amount", "6 GW", test_data("loops-small"), NULL);
    assert_int_equal(r.status, 64);
    done(&r);
    r = run("loops", test_data("bad/typos"), NULL);
    assert_int_equal(r.status, 65);
    assert_string_equal(r.out, "");
    done(&r);
    r = run("loops", test_data("no-such-dataset"), NULL);
    assert_int_equal(r.status, 66);
    done(&r);
}

static void test_cli_render_writes_whole_files_or_nothing(void **state)
{
    char dir[] = "/tmp/rt-render-XXXXXX", path[256], cmd[600];
    run_result r;
    char *text;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/map.svg", dir);
    write_file(path, "old diagram\n");

    /* A failed run (no such loop) leaves the file as it was. */
    r = run("render", test_data("loops-small"), "--loop", "9", "-o", path, NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "no loop 9: the loops are numbered 1 to 2");
    done(&r);
    text = read_all(path, NULL);
    assert_string_equal(text, "old diagram\n");
    free(text);

    /* Bad data: exit 65, file untouched. */
    r = run("render", test_data("bad/typos"), "-o", path, NULL);
    assert_int_equal(r.status, 65);
    done(&r);
    text = read_all(path, NULL);
    assert_string_equal(text, "old diagram\n");
    free(text);

    /* A good run replaces it whole, and leaves no temporary file behind. */
    r = run("render", test_data("loops-small"), "-o", path, NULL);
    assert_int_equal(r.status, 0);
    done(&r);
    text = read_all(path, NULL);
    assert_non_null(strstr(text, "<svg"));
    assert_non_null(strstr(text, "</svg>"));
    free(text);
    snprintf(cmd, sizeof(cmd), "ls -A %s | grep -c . | grep -qx 1", dir);
    assert_int_equal(system(cmd), 0); /* only map.svg */
    unlink(path);
    rmdir(dir);

    /* A directory that does not exist: cannot create, exit 73. */
    r = run("render", test_data("loops-small"), "-o", "/nonexistent-rt/x.svg", NULL);
    assert_int_equal(r.status, 73);
    assert_contains(r.err, "/nonexistent-rt/x.svg: cannot create");
    done(&r);
}

/* Above 80 entities the automatic layout is sfdp with straight edges, and
 * render says so (dot, or curved edges, would take minutes). */
static void test_cli_render_says_when_it_draws_a_large_graph_with_sfdp(void **state)
{
    char dir[] = "/tmp/rt-large-XXXXXX", csv[256], svg[256];
    FILE *f;
    run_result r;
    char *text;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(csv, sizeof(csv), "%s/ring.csv", dir);
    snprintf(svg, sizeof(svg), "%s/ring.svg", dir);
    f = fopen(csv, "w");
    assert_non_null(f);
    fputs("from,to,kind\n", f);
    for (int i = 0; i < 100; i++)
        fprintf(f, "E%d,E%d,%s\n", i, (i + 1) % 100, i == 0 ? "equity" : "compute");
    assert_int_equal(fclose(f), 0);
    r = run("render", csv, "-o", svg, NULL);
    assert_int_equal(r.status, 0);
    assert_contains(r.err, "warning: 100 entities: drawn with sfdp and straight edges");
    done(&r);
    text = read_all(svg, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "</svg>"));
    free(text);
    r = run("render", csv, "--layout", "dot", "-o", svg, NULL);
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.err, "warning")); /* (LeakSanitizer may add its statistics) */
    done(&r);
    unlink(csv);
    unlink(svg);
    rmdir(dir);
}

static void test_cli_render_formats_and_layouts(void **state)
{
    const char *layouts[] = {"dot", "neato", "circo", "fdp", "sfdp"};
    run_result r;
    (void)state;
    for (size_t i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
        r = run("render", test_data("loops-small"), "--layout", layouts[i], "-T", "svg", "-o", "-",
                NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "</svg>"));
        done(&r);
    }
    r = run("render", test_data("loops-small"), "-T", "dot", "-o", "-", NULL);
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "digraph roundtrip {", 19) == 0);
    done(&r);
    /* Usage errors: stdout needs -T; unknown extension; unknown layout. */
    r = run("render", test_data("loops-small"), "-o", "-", NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "say the format with -T");
    done(&r);
    r = run("render", test_data("loops-small"), "-o", "map.jpeg", NULL);
    assert_int_equal(r.status, 64);
    done(&r);
    r = run("render", test_data("loops-small"), "--layout", "spring", "-o", "x.svg", NULL);
    assert_int_equal(r.status, 64);
    done(&r);
    r = run("render", test_data("loops-small"), NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "missing -o OUT");
    done(&r);
}

/* --html writes the loop explorer of the same loops beside the note, linked
 * from it by a relative path; only with Markdown. */
static void test_cli_loops_markdown_links_its_explorer(void **state)
{
    char dir[] = "/tmp/rt-page-XXXXXX", note[256], page[256];
    run_result r;
    char *text;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(note, sizeof(note), "%s/note.md", dir);
    snprintf(page, sizeof(page), "%s/loops (all).html", dir);
    r = run("loops", "--format", "markdown", "--html", page, "-o", note, test_data("loops-small"),
            NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    done(&r);
    text = read_all(note, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "[Explore these loops](loops%20%28all%29.html): "));
    free(text);
    text = read_all(page, NULL);
    assert_non_null(text);
    assert_int_equal(strncmp(text, "<!DOCTYPE html>", 15), 0);
    assert_non_null(strstr(text, "</html>"));
    free(text);
    unlink(page);
    unlink(note);

    r = run("loops", "--html", page, test_data("loops-small"), NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "--html links the loop explorer from --format markdown");
    done(&r);
    r = run("loops", "--format", "markdown", "--html", note, test_data("loops-small"), NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "--html needs a .html file");
    done(&r);
    rmdir(dir);
}

static void test_cli_loops_markdown_embeds_its_diagram_by_relative_link(void **state)
{
    char dir[] = "/tmp/rt-note-XXXXXX", note[256], svg[256], sub[256];
    run_result r;
    char *text;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(sub, sizeof(sub), "%s/notes", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    snprintf(svg, sizeof(svg), "%s/loops.svg", dir);

    /* Note and diagram side by side. */
    snprintf(note, sizeof(note), "%s/note.md", dir);
    r = run("loops", "--format", "markdown", "--svg", svg, "-o", note, test_data("loops-small"),
            NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, ""); /* the report went to the file */
    done(&r);
    text = read_all(note, NULL);
    assert_non_null(strstr(text, "](loops.svg)\n"));
    assert_non_null(strstr(
        text, "| [1](#loop-1) | BigCo \xe2\x86\x92 LabOne \xe2\x86\x92 BigCo | direct | 2 |"));
    free(text);
    text = read_all(svg, NULL);
    assert_non_null(strstr(text, "</svg>"));
    free(text);

    /* The note one directory down: the link climbs out. */
    snprintf(note, sizeof(note), "%s/notes/note.md", dir);
    r = run("loops", "--format", "markdown", "--svg", svg, "-o", note, test_data("loops-small"),
            NULL);
    assert_int_equal(r.status, 0);
    done(&r);
    text = read_all(note, NULL);
    assert_non_null(strstr(text, "](../loops.svg)\n"));
    free(text);
    unlink(note);
    rmdir(sub);
    snprintf(note, sizeof(note), "%s/note.md", dir);
    unlink(note);
    unlink(svg);
    rmdir(dir);

    r = run("loops", "--svg", "x.svg", test_data("loops-small"), NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "--svg embeds a diagram in --format markdown");
    done(&r);
}

/* --svg-dir draws each loop as render --loop N does, into a directory it
 * makes, and puts each drawing at the head of its loop's section; a run
 * that fails leaves no directory behind. */
static void test_cli_loops_markdown_draws_each_loop(void **state)
{
    char dir[] = "/tmp/rt-each-XXXXXX", note[256], figs[256], path[300], want[300];
    run_result r;
    char *text;
    size_t n;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(note, sizeof(note), "%s/note.md", dir);
    snprintf(figs, sizeof(figs), "%s/loop figures", dir);
    r = run("loops", "--count", test_data("loops-small"), NULL);
    assert_int_equal(r.status, 0);
    n = strtoul(r.out, NULL, 10);
    done(&r);
    assert_true(n >= 2);
    r = run("loops", "--format", "markdown", "--svg-dir", figs, "-o", note,
            test_data("loops-small"), NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    done(&r);
    text = read_all(note, NULL);
    assert_non_null(text);
    for (size_t i = 1; i <= n + 1; i++) {
        char *svg, *section, *next;
        snprintf(path, sizeof(path), "%s/loop-%02zu.svg", figs, i);
        svg = read_all(path, NULL);
        if (i == n + 1) { /* one drawing per loop, no more */
            assert_null(svg);
            break;
        }
        assert_non_null(svg);
        /* The loop's own diagram, byte for byte as render --loop N draws it. */
        snprintf(want, sizeof(want), "%zu", i);
        r = run("render", test_data("loops-small"), "--loop", want, "-T", "svg", "-o", "-", NULL);
        assert_int_equal(r.status, 0);
        assert_string_equal(r.out, svg);
        done(&r);
        snprintf(want, sizeof(want), "loop %zu of %zu: ", i, n);
        assert_non_null(strstr(svg, want));
        assert_non_null(strstr(svg, "Source"));
        free(svg);
        /* Linked at the head of its own section, before the next one. */
        snprintf(want, sizeof(want), "### Loop %zu\n\n![Loop %zu: ", i, i);
        section = strstr(text, want);
        assert_non_null(section);
        snprintf(want, sizeof(want), "](loop%%20figures/loop-%02zu.svg)\n", i);
        next = strstr(section + 1, "### Loop ");
        assert_non_null(strstr(section, want));
        assert_true(!next || strstr(section, want) < next);
        unlink(path);
    }
    free(text);
    unlink(note);
    assert_int_equal(rmdir(figs), 0);

    /* A run that cannot write its note takes the directory it made away. */
    snprintf(note, sizeof(note), "%s/no such dir/note.md", dir);
    r = run("loops", "--format", "markdown", "--svg-dir", figs, "-o", note,
            test_data("loops-small"), NULL);
    assert_int_equal(r.status, 73);
    done(&r);
    assert_int_not_equal(access(figs, F_OK), 0);
    assert_int_equal(rmdir(dir), 0);

    r = run("loops", "--svg-dir", figs, test_data("loops-small"), NULL);
    assert_int_equal(r.status, 64);
    assert_contains(r.err, "--svg-dir puts a diagram in each loop's section of --format markdown");
    done(&r);
}

static void test_cli_loops_markdown_keeps_names_inert(void **state)
{
    run_result r = run("loops", "--format", "markdown", test_data("hostile"), NULL);
    (void)state;
    assert_int_equal(r.status, 0);
    /* Every '<' is escaped: CommonMark then shows it as text, never as HTML. */
    for (const char *p = strchr(r.out, '<'); p; p = strchr(p + 1, '<'))
        if (p == r.out || p[-1] != '\\')
            fail_msg("unescaped '<' in the Markdown: %.40s", p);
    assert_non_null(strstr(r.out, "\\<script\\>alert\\(1\\)\\</script\\>"));
    assert_null(strstr(r.out, "javascript:"));
    done(&r);
}

/* The first byte sequence of text a terminal would act on or a reader
 * would not see: C0 controls but the line break, DEL, C1 controls, the
 * right-to-left override, the zero-width space, the byte 0xff (never
 * UTF-8); NULL when there is none. */
static const char *raw_control(const char *text)
{
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c < 0x20 && c != '\n') || c == 0x7f || c == 0xff ||
            (c == 0xc2 && (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9f) ||
            strncmp(p, "\xe2\x80\xae", 3) == 0 || strncmp(p, "\xe2\x80\x8b", 3) == 0)
            return p;
    }
    return NULL;
}

/* Names with a right-to-left override and a zero-width space, in a dataset
 * whose directory name sets the terminal's title: every text report shows
 * them as \u{..}, and no byte of them reaches the terminal. */
static void test_cli_text_reports_show_hidden_characters(void **state)
{
    char dir[] = "/tmp/rt-hidden-XXXXXX", ds[128], path[192];
    static const char *const files[] = {"entities.csv", "relationships.csv"};
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(ds, sizeof(ds), "%s/data\x1b]0;pwned\x07\xff", dir); /* and a byte not UTF-8 */
    assert_int_equal(mkdir(ds, 0700), 0);
    for (size_t i = 0; i < 2; i++) {
        char from[512], *text;
        snprintf(from, sizeof(from), "inject/%s", files[i]);
        text = read_all(test_data(from), NULL);
        assert_non_null(text);
        snprintf(path, sizeof(path), "%s/%s", ds, files[i]);
        write_file(path, text);
        free(text);
    }
    {
        const char *const runs[][6] = {
            {"loops", ds, NULL},          {"loops", "--format", "summary", ds, NULL},
            {"loops", "--all", ds, NULL}, {"entities", ds, NULL},
            {"check", ds, NULL},          {"diff", test_data("loops-small"), ds, NULL},
        };
        for (size_t i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
            run_result r = run_argv(NULL, runs[i]);
            const char *bad;
            if (r.status != 0 && !(r.status == 1 && strcmp(runs[i][0], "diff") == 0))
                fail_msg("%s exits %d: %s", runs[i][0], r.status, r.err);
            if ((bad = raw_control(r.out)) || (bad = raw_control(r.err)))
                fail_msg("%s %s writes byte 0x%02x: ...%.20s", runs[i][0], runs[i][1],
                         (unsigned char)*bad, bad > r.out + 20 ? bad - 20 : r.out);
            if (strcmp(runs[i][0], "check") != 0) {
                assert_contains(r.out, "Evil\\u{202e}Corp");
                assert_contains(r.out, "Zero\\u{200b}Width");
            }
            if (strcmp(runs[i][0], "entities") != 0 && strcmp(runs[i][0], "diff") != 0)
                assert_contains(r.out, "data\\u{1b}]0;pwned\\u{07}\\xff");
            done(&r);
        }
    }
    for (size_t i = 0; i < 2; i++) {
        snprintf(path, sizeof(path), "%s/%s", ds, files[i]);
        unlink(path);
    }
    rmdir(ds);
    rmdir(dir);
}

static void test_cli_diff_exits_like_diff(void **state)
{
    run_result r = run("diff", test_data("loops-small"), test_data("loops-small"), NULL);
    (void)state;
    assert_int_equal(r.status, 0); /* nothing changed */
    assert_contains(r.out, "Loops: 0 appeared, 0 disappeared, 0 changed");
    done(&r);
    {
        char old_path[512];
        snprintf(old_path, sizeof(old_path), "%s", test_data("snap-old")); /* static buffer */
        r = run("diff", old_path, test_data("snap-new"), NULL);
    }
    assert_int_equal(r.status, 1); /* something changed */
    assert_contains(r.out, "Loops: 1 appeared, 0 disappeared, 1 changed");
    assert_contains(r.out, "(reported, $4B \xe2\x86\x92 confirmed, $6B) changed");
    done(&r);
    r = run("diff", test_data("snap-old"), NULL);
    assert_int_equal(r.status, 64);
    done(&r);
    {
        char old_path[512];
        snprintf(old_path, sizeof(old_path), "%s", test_data("snap-old"));
        r = run("diff", old_path, test_data("bad/typos"), NULL);
    }
    assert_int_equal(r.status, 65);
    done(&r);
}

/* Run argv (split on spaces) from the source root; stdout then stderr. */
static char *run_line(const char *line, int *status)
{
    char copy[512], *argv[32], *save = NULL, *tok, *all;
    size_t n = 0;
    run_result r;

    snprintf(copy, sizeof(copy), "%s", line);
    for (tok = strtok_r(copy, " ", &save); tok && n < 31; tok = strtok_r(NULL, " ", &save))
        argv[n++] = tok;
    argv[n] = NULL;
    assert_true(n >= 1);
    assert_string_equal(argv[0], "build/roundtrip");
    assert_int_equal(chdir(source_path("")), 0);
    r = run_argv(NULL, (const char *const *)argv + 1);
    *status = r.status;
    all = malloc(strlen(r.out) + strlen(r.err) + 1);
    assert_non_null(all);
    strcpy(all, r.out);
    strcat(all, r.err);
    done(&r);
    return all;
}

/* Every ```console block of README.md shows what the command really prints. */
static void test_cli_readme_examples_are_true(void **state)
{
    char *readme = read_all(source_path("README.md"), NULL), *p;
    int blocks = 0;
    (void)state;
    assert_non_null(readme);
    for (p = strstr(readme, "```console\n$ "); p; p = strstr(p, "```console\n$ ")) {
        char *cmd = p + strlen("```console\n$ "), *nl = strchr(cmd, '\n'), *end, *got;
        int status;
        assert_non_null(nl);
        end = strstr(nl + 1, "```");
        assert_non_null(end);
        *nl = '\0';
        *end = '\0';
        got = run_line(cmd, &status);
        if (strcmp(got, nl + 1) != 0)
            fail_msg("README example '%s' is stale; it prints:\n%s", cmd, got);
        free(got);
        blocks++;
        p = end + 1;
    }
    assert_true(blocks >= 2);
    free(readme);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_prints_version),
        cmocka_unit_test(test_cli_without_command_is_a_usage_error),
        cmocka_unit_test(test_cli_suggests_the_command_meant),
        cmocka_unit_test(test_cli_every_command_answers_help),
        cmocka_unit_test(test_cli_help_lists_exactly_the_options_each_command_accepts),
        cmocka_unit_test(test_cli_help_command_matches_option),
        cmocka_unit_test(test_cli_check_summarizes_bundled_dataset),
        cmocka_unit_test(test_cli_check_output_is_deterministic),
        cmocka_unit_test(test_cli_check_reports_data_errors_with_exit_65),
        cmocka_unit_test(test_cli_check_missing_dataset_exits_66),
        cmocka_unit_test(test_cli_check_reads_a_pipe_up_to_its_first_nul),
        cmocka_unit_test(test_cli_check_usage_errors_exit_64),
        cmocka_unit_test(test_cli_check_strict_turns_warnings_into_errors),
        cmocka_unit_test(test_cli_readme_examples_are_true),
        cmocka_unit_test(test_cli_loops_match_golden_files),
        cmocka_unit_test(test_cli_loops_json_has_the_documented_shape),
        cmocka_unit_test(test_cli_loops_count_prints_one_integer),
        cmocka_unit_test(test_cli_loops_count_as_json_is_an_object),
        cmocka_unit_test(test_cli_entities_refuses_the_options_of_the_search),
        cmocka_unit_test(test_cli_check_prints_at_most_a_hundred_problems),
        cmocka_unit_test(test_cli_loops_count_all_counts_more_cycles_than_it_could_visit),
        cmocka_unit_test(test_cli_loops_warns_when_truncated),
        cmocka_unit_test(test_cli_loops_shows_progress_only_on_a_terminal),
        cmocka_unit_test(test_cli_loops_usage_and_data_errors),
        cmocka_unit_test(test_cli_render_writes_whole_files_or_nothing),
        cmocka_unit_test(test_cli_render_formats_and_layouts),
        cmocka_unit_test(test_cli_render_says_when_it_draws_a_large_graph_with_sfdp),
        cmocka_unit_test(test_cli_loops_markdown_embeds_its_diagram_by_relative_link),
        cmocka_unit_test(test_cli_loops_markdown_draws_each_loop),
        cmocka_unit_test(test_cli_loops_markdown_links_its_explorer),
        cmocka_unit_test(test_cli_loops_markdown_keeps_names_inert),
        cmocka_unit_test(test_cli_text_reports_show_hidden_characters),
        cmocka_unit_test(test_cli_diff_exits_like_diff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
