/*
 * Failure leaves nothing behind: every output of every command (SVG, DOT,
 * PNG, JSON, Markdown, text, the -o of each command) appears whole or not
 * at all, and the outputs of one run all or none. A full disk (a file size
 * limit here), an unwritable directory or a missing one exits 73 naming the
 * path; an existing file survives; no temporary file is left beside it, not
 * even by a signal. No output overwrites an input, and a closed descriptor
 * is not written by any name.
 */
#include "helpers.h"
#include "run.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
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

/* Issue 16.9: SIGXFSZ killed the run (exit 153, no message, a temporary
 * file left); run.c leaves it at its default. */
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

/* A copy of the bundled dataset in dir/name, for a run to be refused over. */
static void copy_bundled(const char *dir, const char *name, char *out, size_t len)
{
    char cmd[1200];
    snprintf(out, len, "%s/%s", dir, name);
    snprintf(cmd, sizeof(cmd), "cp -R %s %s", bundled(), out);
    assert_int_equal(system(cmd), 0);
}

/* Run args; it must exit 73 saying "roundtrip: OUT: cannot write: is an
 * input of this run (IN)", and IN must hold what it held. */
static void expect_input_kept(const char *const *args, const char *out, const char *in)
{
    char want[1200], *before = read_all(in, NULL), *after;
    run_result r;

    assert_non_null(before);
    r = run_argv(NULL, args);
    if (r.status != 73)
        fail_msg("%s -o %s: exit %d, not 73: %s", args[0], out, r.status, r.err);
    snprintf(want, sizeof(want), "roundtrip: %s: cannot write: is an input of this run (%s)\n", out,
             in);
    assert_string_equal(r.err, want);
    done(&r);
    after = read_all(in, NULL);
    assert_non_null(after);
    if (strcmp(before, after) != 0)
        fail_msg("%s -o %s: %s changed", args[0], out, in);
    free(before);
    free(after);
}

/* Issue 16.6: -o onto a file of the dataset emptied it, exit 0. Whatever
 * the name (the file, a hard link, a symbolic link), every command refuses. */
static void test_an_output_onto_an_input_is_refused(void **state)
{
    char *dir = make_dir(), ds[300], rel[400], ent[400], hard[400], soft[400], other[300];
    (void)state;

    copy_bundled(dir, "ds", ds, sizeof(ds));
    copy_bundled(dir, "other", other, sizeof(other));
    snprintf(rel, sizeof(rel), "%s/relationships.csv", ds);
    snprintf(ent, sizeof(ent), "%s/entities.csv", ds);
    snprintf(hard, sizeof(hard), "%s/hard.csv", dir);
    snprintf(soft, sizeof(soft), "%s/soft.csv", dir);
    assert_int_equal(link(ent, hard), 0);
    assert_int_equal(symlink(rel, soft), 0);
    {
        const char *a[] = {"check", "--quiet", ds, "-o", rel, NULL};
        expect_input_kept(a, rel, rel);
    }
    {
        const char *a[] = {"check", ds, "-o", hard, NULL};
        expect_input_kept(a, hard, ent);
    }
    {
        const char *a[] = {"loops", ds, "-o", soft, NULL};
        expect_input_kept(a, soft, rel);
    }
    {
        const char *a[] = {"loops", "--count", ds, "-o", ent, NULL};
        expect_input_kept(a, ent, ent);
    }
    {
        const char *a[] = {"loops", "--format", "markdown", "--svg", rel, ds, NULL};
        run_result r = run_argv(NULL, a);
        assert_int_equal(r.status, 64); /* --svg wants a .svg name */
        done(&r);
    }
    {
        const char *a[] = {"entities", ds, "-o", rel, NULL};
        expect_input_kept(a, rel, rel);
    }
    {
        const char *a[] = {"render", ds, "-T", "dot", "-o", ent, NULL};
        expect_input_kept(a, ent, ent);
    }
    {
        const char *a[] = {"diff", other, ds, "-o", rel, NULL};
        expect_input_kept(a, rel, rel);
    }
    {
        /* A bare relationships file is the dataset itself. */
        const char *a[] = {"check", rel, "-o", rel, NULL};
        expect_input_kept(a, rel, rel);
    }
    remove_dir(dir);
}

/* Two outputs of one run cannot be one file. */
static void test_two_outputs_of_a_run_cannot_be_one_file(void **state)
{
    char *dir = make_dir(), path[300], want[700];
    run_result r;
    (void)state;

    snprintf(path, sizeof(path), "%s/n.svg", dir);
    write_file(path, "old\n");
    r = run("loops", "--format", "markdown", "--svg", path, "-o", path, bundled(), NULL);
    assert_int_equal(r.status, 73);
    snprintf(want, sizeof(want), "roundtrip: %s: cannot write: is also the output %s\n", path,
             path);
    assert_string_equal(r.err, want);
    done(&r);
    assert_file_is(path, "old\n");
    assert_int_equal(dir_entries(dir), 1);
    remove_dir(dir);
}

/* Issue 16.7: a note that cannot be written left its diagram replaced. The
 * note and its diagram are written together or not at all, and the message
 * names the path whose directory is missing or locked. */
static void test_a_failed_note_keeps_its_old_diagram(void **state)
{
    char *dir = make_dir(), svg[300], note[400], locked[320], want[600];
    run_result r;
    (void)state;

    snprintf(svg, sizeof(svg), "%s/n.svg", dir);
    write_file(svg, "old\n");

    /* The note's directory is missing. */
    snprintf(note, sizeof(note), "%s/missing/note.md", dir);
    r = run("loops", "--format", "markdown", "--svg", svg, "-o", note, bundled(), NULL);
    assert_int_equal(r.status, 73);
    snprintf(want, sizeof(want), "roundtrip: %s: cannot create: no such file or directory\n", note);
    assert_string_equal(r.err, want);
    done(&r);
    assert_file_is(svg, "old\n");
    assert_int_equal(dir_entries(dir), 1);

    /* The diagram's directory is missing: the old note stays. */
    snprintf(note, sizeof(note), "%s/note.md", dir);
    write_file(note, "old note\n");
    snprintf(want, sizeof(want), "%s/missing/n.svg", dir);
    r = run("loops", "--format", "markdown", "--svg", want, "-o", note, bundled(), NULL);
    assert_int_equal(r.status, 73);
    assert_contains(r.err, "/missing/n.svg: cannot create: no such file or directory\n");
    done(&r);
    assert_file_is(note, "old note\n");
    assert_int_equal(dir_entries(dir), 2);
    unlink(note);

    /* The note's directory is there but locked. */
    if (can_run_unprivileged()) {
        run_opts unprivileged = {.unprivileged = true};
        snprintf(locked, sizeof(locked), "%s/locked", dir);
        assert_int_equal(mkdir(locked, 0555), 0);
        snprintf(note, sizeof(note), "%s/note.md", locked);
        r = run_with(&unprivileged, "loops", "--format", "markdown", "--svg", svg, "-o", note,
                     bundled(), NULL);
        assert_int_equal(r.status, 73);
        snprintf(want, sizeof(want), "roundtrip: %s: cannot create: permission denied\n", note);
        assert_string_equal(r.err, want);
        done(&r);
        assert_file_is(svg, "old\n");
        assert_int_equal(dir_entries(dir), 2);
        assert_int_equal(dir_entries(locked), 0);
    }
    remove_dir(dir);
}

/* Start the binary on args with stdout and stderr to /dev/null. */
static pid_t start(const char *const *args)
{
    const char *bin = getenv("RT_BINARY");
    char *argv[16];
    size_t n = 0;
    pid_t pid;

    assert_non_null(bin);
    argv[n++] = (char *)bin;
    for (size_t i = 0; args[i] && n < 15; i++)
        argv[n++] = (char *)args[i];
    argv[n] = NULL;
    fflush(stdout);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        if (null < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
            _exit(126);
        execv(bin, argv);
        _exit(127);
    }
    return pid;
}

/* Whether dir holds a file whose name starts with prefix. */
static bool has_entry(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    bool found = false;

    assert_non_null(d);
    while (!found && (e = readdir(d)) != NULL)
        found = strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return found;
}

/* Issue 16.8: SIGINT or SIGTERM mid-write left ".NAME.XXXXXX" behind. The
 * run is caught while its diagram is in a temporary file and its note waits
 * for a reader of the FIFO it goes to: the signal ends the run, as signals
 * do, and takes the temporary file with it; the old diagram stays. */
static void test_a_signal_mid_write_leaves_no_temporary_file(void **state)
{
    const int signals[] = {SIGINT, SIGTERM, SIGHUP};
    (void)state;

    for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
        char *dir = make_dir(), svg[300], fifo[300];
        const char *args[] = {"loops", "--format", "markdown", "--svg", svg,
                              "-o",    fifo,       bundled(),  NULL};
        int wstatus, waited = 0;
        pid_t pid;

        snprintf(svg, sizeof(svg), "%s/n.svg", dir);
        snprintf(fifo, sizeof(fifo), "%s/note.fifo", dir);
        write_file(svg, "old\n");
        assert_int_equal(mkfifo(fifo, 0600), 0);
        pid = start(args);
        while (!has_entry(dir, ".n.svg.") && waited < 20000) {
            nanosleep(&(struct timespec){0, 10000000}, NULL);
            waited += 10;
        }
        if (waited >= 20000) {
            kill(pid, SIGKILL);
            waitpid(pid, &wstatus, 0);
            fail_msg("no temporary file for n.svg while the note waits (%s)",
                     strsignal(signals[i]));
        }
        assert_int_equal(kill(pid, signals[i]), 0);
        assert_int_equal(waitpid(pid, &wstatus, 0), pid);
        if (!WIFSIGNALED(wstatus) || WTERMSIG(wstatus) != signals[i])
            fail_msg("not ended by %s: wait status %#x", strsignal(signals[i]), wstatus);
        assert_file_is(svg, "old\n");
        assert_int_equal(dir_entries(dir), 2); /* n.svg and the FIFO */
        remove_dir(dir);
    }
}

/* Issue 16.13: a reader that goes away (loops | head -1) ends the run as it
 * ends git or cat, by SIGPIPE and without a message, and the run's files
 * stay as they were: the diagram is not replaced for a note never read. */
static void test_a_closed_pipe_ends_the_run_quietly_and_keeps_the_files(void **state)
{
    run_opts broken = {.stdout_broken = true};
    char *dir = make_dir(), svg[300];
    run_result r;
    (void)state;

    snprintf(svg, sizeof(svg), "%s/n.svg", dir);
    write_file(svg, "old\n");
    r = run_with(&broken, "loops", "--format", "markdown", "--svg", svg, bundled(), NULL);
    assert_int_equal(r.status, 128 + SIGPIPE);
    assert_string_equal(r.err, "");
    done(&r);
    assert_file_is(svg, "old\n");
    assert_int_equal(dir_entries(dir), 1);

    r = run_with(&broken, "loops", bundled(), NULL);
    assert_int_equal(r.status, 128 + SIGPIPE);
    assert_string_equal(r.err, "");
    done(&r);
    remove_dir(dir);
}

/* Issue 16.10: with stdout closed, -o LINK (a link to /proc/self/fd/1)
 * replaced the link with a file, exit 0. A closed descriptor is not
 * written, by any name, and the link stays. */
static void test_a_closed_stdout_is_not_written_by_any_name(void **state)
{
    run_opts closed = {.stdout_closed = true};
    char *dir = make_dir(), link_path[300], want[500];
    struct stat st;
    run_result r;
    (void)state;

    snprintf(link_path, sizeof(link_path), "%s/LINK", dir);
    assert_int_equal(symlink("/proc/self/fd/1", link_path), 0);
    r = run_with(&closed, "loops", "--count", bundled(), "-o", link_path, NULL);
    assert_int_equal(r.status, 73);
    snprintf(want, sizeof(want), "roundtrip: %s: cannot write: bad file descriptor\n", link_path);
    assert_string_equal(r.err, want);
    done(&r);
    assert_int_equal(lstat(link_path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(dir_entries(dir), 1);

    r = run_with(&closed, "loops", "--count", bundled(), NULL);
    assert_int_equal(r.status, 73);
    assert_string_equal(r.err, "roundtrip: stdout: cannot write: bad file descriptor\n");
    done(&r);

    /* As root this replaced /dev/stdout itself. */
    r = run_with(&closed, "loops", "--count", bundled(), "-o", "/dev/stdout", NULL);
    assert_int_equal(r.status, 73);
    assert_string_equal(r.err, "roundtrip: /dev/stdout: cannot write: bad file descriptor\n");
    done(&r);
    assert_int_equal(lstat("/dev/stdout", &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    remove_dir(dir);
}

/* /dev/stdout names the descriptor, which is written as it is: a file that
 * stdout appends to is appended to, not replaced. */
static void test_dev_stdout_appends_where_stdout_appends(void **state)
{
    char *dir = make_dir(), path[300];
    run_opts to_log = {.stdout_to = path};
    run_result r;
    char *text;
    (void)state;

    snprintf(path, sizeof(path), "%s/log.txt", dir);
    write_file(path, "old\n");
    r = run_with(&to_log, "loops", "--count", bundled(), "-o", "/dev/stdout", NULL);
    assert_int_equal(r.status, 0);
    done(&r);
    text = read_all(path, NULL);
    assert_non_null(text);
    if (strncmp(text, "old\n", 4) != 0 || atoi(text + 4) == 0)
        fail_msg("log.txt holds \"%s\", not old\\n and a count", text);
    free(text);
    assert_int_equal(dir_entries(dir), 1);
    remove_dir(dir);
}

/* Issue 16.11: a valid 251-byte name failed, its temporary name being 8
 * bytes longer than a name can be. */
static void test_a_name_of_any_valid_length_is_written(void **state)
{
    /* 251 bytes of ASCII, and 254 bytes with two-byte characters. */
    char *dir = make_dir(), ascii[252], utf8[256], path[600];
    const char *names[] = {ascii, utf8};
    (void)state;

    memset(ascii, 'a', 247);
    memcpy(ascii + 247, ".txt", 5);
    for (size_t i = 0; i < 125; i++)
        memcpy(utf8 + 2 * i, "\xc3\xa9", 2);
    memcpy(utf8 + 250, ".txt", 5);
    for (size_t i = 0; i < 2; i++) {
        run_result r;
        char *text;
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        write_file(path, "old\n");
        unlink(path);
        r = run("loops", "--count", bundled(), "-o", path, NULL);
        if (r.status != 0)
            fail_msg("a %zu-byte name: exit %d: %s", strlen(names[i]), r.status, r.err);
        done(&r);
        text = read_all(path, NULL);
        assert_non_null(text);
        assert_int_not_equal(atoi(text), 0);
        free(text);
        assert_int_equal(dir_entries(dir), 1);
        unlink(path);
    }
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
        cmocka_unit_test(test_an_output_onto_an_input_is_refused),
        cmocka_unit_test(test_two_outputs_of_a_run_cannot_be_one_file),
        cmocka_unit_test(test_a_failed_note_keeps_its_old_diagram),
        cmocka_unit_test(test_a_signal_mid_write_leaves_no_temporary_file),
        cmocka_unit_test(test_a_closed_pipe_ends_the_run_quietly_and_keeps_the_files),
        cmocka_unit_test(test_a_closed_stdout_is_not_written_by_any_name),
        cmocka_unit_test(test_dev_stdout_appends_where_stdout_appends),
        cmocka_unit_test(test_a_name_of_any_valid_length_is_written),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
