/*
 * Failure leaves nothing behind: every output of every command (SVG, DOT,
 * PNG, JSON, Markdown, text, the -o of each command) appears whole or not
 * at all. A full disk (a file size limit here), an unwritable directory or
 * a missing one exits 73 naming the path; an existing file survives; no
 * temporary file is left beside it.
 */
#include "helpers.h"
#include "run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One command writing one file, "@" standing for the file's path. Each
 * writes more than LIMIT bytes on the bundled dataset. */
typedef struct output_case {
    const char *name;
    const char *args[10];
} output_case;

#define LIMIT 1024

static const output_case CASES[] = {
    {"map.svg", {"render", "@DATA", "-o", "@", NULL}},
    {"map.dot", {"render", "@DATA", "-o", "@", NULL}},
    {"map.png", {"render", "@DATA", "--loops-only", "-o", "@", NULL}},
    {"loops.txt", {"loops", "@DATA", "-o", "@", NULL}},
    {"loops.json", {"loops", "@DATA", "--format", "json", "-o", "@", NULL}},
    {"loops.md", {"loops", "@DATA", "--format", "markdown", "-o", "@", NULL}},
    {"loops.svg", {"loops", "@DATA", "--format", "markdown", "--svg", "@", NULL}},
    {"entities.txt", {"entities", "@DATA", "-o", "@", NULL}},
    {"check.txt", {"check", "@DATA", "-o", "@", NULL}},
    {"diff.txt", {"diff", "--old-as-of", "2024-06", "@DATA", "@DATA", "-o", "@", NULL}},
};
#define NCASES (sizeof(CASES) / sizeof(CASES[0]))

/* The arguments of a case, with "@" replaced by path and "@DATA" by data. */
static void case_args(const output_case *c, const char *path, const char *data, const char **args)
{
    size_t i = 0;
    for (; c->args[i]; i++) {
        if (strcmp(c->args[i], "@") == 0)
            args[i] = path;
        else if (strcmp(c->args[i], "@DATA") == 0)
            args[i] = data;
        else
            args[i] = c->args[i];
    }
    args[i] = NULL;
}

static const char *bundled(void)
{
    static char path[1024];
    snprintf(path, sizeof(path), "%s", source_path("data/ai-2026"));
    return path;
}

static char *make_dir(void)
{
    char *dir = strdup("/tmp/rt-output-XXXXXX");
    assert_non_null(dir);
    assert_non_null(mkdtemp(dir));
    return dir;
}

static void remove_dir(char *dir)
{
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "chmod -R u+w %s && rm -rf %s", dir, dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

static void assert_file_is(const char *path, const char *want)
{
    char *text = read_all(path, NULL);
    if (!text)
        fail_msg("%s is gone", path);
    if (strcmp(text, want) != 0)
        fail_msg("%s changed: it holds \"%.60s\"", path, text);
    free(text);
}

/* A good run writes every output whole: the baseline the failures are
 * measured against (each output must exceed the size limit). */
static void test_every_output_is_written_by_a_good_run(void **state)
{
    (void)state;
    for (size_t i = 0; i < NCASES; i++) {
        char *dir = make_dir(), path[300];
        const char *args[12];
        size_t len = 0;
        char *text;
        run_result r;

        snprintf(path, sizeof(path), "%s/%s", dir, CASES[i].name);
        case_args(&CASES[i], path, bundled(), args);
        r = run_argv(NULL, args);
        if (r.status != 0 && !(r.status == 1 && strcmp(args[0], "diff") == 0))
            fail_msg("%s: exit %d: %s", CASES[i].name, r.status, r.err);
        done(&r);
        text = read_all(path, &len);
        assert_non_null(text);
        if (len <= LIMIT)
            fail_msg("%s: %zu bytes, not more than the limit %d", CASES[i].name, len, LIMIT);
        free(text);
        remove_dir(dir);
    }
}

/* Run every case over an existing file, in a fresh directory (made
 * read-only when `lock`), on `data`: the run exits `status` with the
 * message "roundtrip: PATH: `why`" (when given), and the file is as it
 * was, alone in its directory. */
static void expect_kept(const run_opts *opts, bool lock, const char *data, int status,
                        const char *why)
{
    for (size_t i = 0; i < NCASES; i++) {
        char *dir = make_dir(), path[300], want[400];
        const char *args[12];
        run_result r;

        snprintf(path, sizeof(path), "%s/%s", dir, CASES[i].name);
        write_file(path, "old\n");
        if (lock)
            assert_int_equal(chmod(dir, 0555), 0);
        case_args(&CASES[i], path, data, args);
        r = run_argv(opts, args);
        if (r.status != status)
            fail_msg("%s: exit %d, not %d: %s", CASES[i].name, r.status, status, r.err);
        if (why) {
            snprintf(want, sizeof(want), "roundtrip: %s: %s\n", path, why);
            assert_contains(r.err, want);
        }
        done(&r);
        assert_file_is(path, "old\n");
        assert_int_equal(dir_entries(dir), 1); /* no temporary file left */
        remove_dir(dir);
    }
}

static void test_a_full_disk_keeps_the_old_file_and_exits_73(void **state)
{
    run_opts full = {.fsize_limit = LIMIT};
    (void)state;
    expect_kept(&full, false, bundled(), 73, "cannot write: file too large");
}

static void test_an_unwritable_directory_keeps_the_old_file_and_exits_73(void **state)
{
    run_opts unprivileged = {.unprivileged = true};
    (void)state;
    if (!can_run_unprivileged())
        skip();
    expect_kept(&unprivileged, true, bundled(), 73, "cannot create: permission denied");
}

static void test_a_missing_directory_exits_73(void **state)
{
    (void)state;
    for (size_t i = 0; i < NCASES; i++) {
        char path[300], want[400];
        const char *args[12];
        run_result r;

        snprintf(path, sizeof(path), "/nonexistent-rt/%s", CASES[i].name);
        case_args(&CASES[i], path, bundled(), args);
        r = run_argv(NULL, args);
        if (r.status != 73)
            fail_msg("%s: exit %d, not 73: %s", CASES[i].name, r.status, r.err);
        snprintf(want, sizeof(want), "roundtrip: %s: cannot create: no such file or directory\n",
                 path);
        assert_contains(r.err, want);
        done(&r);
    }
}

static void test_bad_data_keeps_the_old_file(void **state)
{
    char data[1024];
    (void)state;
    snprintf(data, sizeof(data), "%s", test_data("bad/typos"));
    expect_kept(NULL, false, data, 65, NULL);
}

/* What goes to stdout must arrive too: a full disk there exits 73, once. */
static void test_a_full_stdout_exits_73(void **state)
{
    run_opts to_full = {.stdout_to = "/dev/full"};
    const char *commands[][6] = {
        {"loops", "@DATA", NULL},
        {"loops", "--count", "@DATA", NULL},
        {"entities", "@DATA", NULL},
        {"check", "@DATA", NULL},
        {"render", "@DATA", "-T", "dot", "-o", "-"},
        {"--help", NULL},
    };
    (void)state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        const char *args[7] = {0};
        run_result r;
        for (size_t k = 0; k < 6 && commands[i][k]; k++)
            args[k] = strcmp(commands[i][k], "@DATA") == 0 ? bundled() : commands[i][k];
        r = run_argv(&to_full, args);
        if (r.status != 73)
            fail_msg("%s: exit %d, not 73: %s", args[0], r.status, r.err);
        assert_string_equal(r.err, "roundtrip: stdout: cannot write: no space left on device\n");
        done(&r);
    }
}

/* An existing file keeps its mode, a link its target; a device is written,
 * not replaced; a directory is not a file. */
static void test_outputs_respect_what_is_there(void **state)
{
    char *dir = make_dir(), path[300], link[300], want[400];
    struct stat st;
    run_result r;
    char *text;
    (void)state;

    snprintf(path, sizeof(path), "%s/loops.txt", dir);
    snprintf(link, sizeof(link), "%s/latest.txt", dir);
    write_file(path, "old\n");
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(symlink("loops.txt", link), 0);
    r = run("loops", bundled(), "--count", "-o", link, NULL);
    assert_int_equal(r.status, 0);
    done(&r);
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    text = read_all(path, NULL);
    assert_non_null(text);
    assert_int_not_equal(atoi(text), 0);
    free(text);
    assert_int_equal(dir_entries(dir), 2);

    r = run("loops", bundled(), "-o", "/dev/null", NULL);
    assert_int_equal(r.status, 0);
    done(&r);
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));

    r = run("loops", bundled(), "-o", dir, NULL);
    assert_int_equal(r.status, 73);
    snprintf(want, sizeof(want), "roundtrip: %s: cannot write: is a directory\n", dir);
    assert_string_equal(r.err, want);
    done(&r);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_output_is_written_by_a_good_run),
        cmocka_unit_test(test_a_full_disk_keeps_the_old_file_and_exits_73),
        cmocka_unit_test(test_an_unwritable_directory_keeps_the_old_file_and_exits_73),
        cmocka_unit_test(test_a_missing_directory_exits_73),
        cmocka_unit_test(test_bad_data_keeps_the_old_file),
        cmocka_unit_test(test_a_full_stdout_exits_73),
        cmocka_unit_test(test_outputs_respect_what_is_there),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
