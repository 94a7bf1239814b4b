/* Running the roundtrip binary from a test (see run.h). */
#define _DEFAULT_SOURCE   /* setrlimit, DT_ names */
#define _XOPEN_SOURCE 600 /* posix_openpt, grantpt, unlockpt, ptsname */

#include "run.h"

#include "helpers.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define SETPRIV "/usr/bin/setpriv"

bool can_run_unprivileged(void)
{
    return geteuid() != 0 || access(SETPRIV, X_OK) == 0;
}

/* In the child: apply the options, then exec. Never returns. */
static void child(const run_opts *opts, char **argv, int outfd, int errfd)
{
    if (!argv || !argv[0])
        _exit(127);
    if (opts->stdout_closed)
        close(1);
    else if (dup2(outfd, 1) < 0)
        _exit(126);
    if (dup2(errfd, 2) < 0)
        _exit(126);
    for (size_t i = 0; opts->env && opts->env[i]; i++)
        if (putenv((char *)opts->env[i]) != 0)
            _exit(126);
    if (opts->fsize_limit > 0) {
        struct rlimit rl = {(rlim_t)opts->fsize_limit, (rlim_t)opts->fsize_limit};
        /* At its default, which kills a process that writes past the
         * limit, unless it ignores SIGXFSZ itself. */
        signal(SIGXFSZ, SIG_DFL);
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
            _exit(126);
    }
    if (opts->unprivileged && geteuid() == 0) {
        /* Root reads and writes anything: drop the capabilities that let it. */
        char *pargv[40] = {SETPRIV, "--inh-caps=-all", "--bounding-set=-all"};
        size_t n = 3;
        for (size_t i = 0; argv[i] && n < 39; i++)
            pargv[n++] = argv[i];
        pargv[n] = NULL;
        execve(SETPRIV, pargv, environ);
        _exit(127);
    }
    execve(argv[0], argv, environ);
    _exit(127);
}

run_result run_argv(const run_opts *opts, const char *const *args)
{
    static const run_opts none = {0};
    const char *bin = getenv("RT_BINARY");
    char *argv[32];
    char outpath[] = "/tmp/rt-cli-out-XXXXXX", errpath[] = "/tmp/rt-cli-err-XXXXXX";
    int outfd, errfd, ptm = -1, wstatus = 0;
    run_result r;
    size_t n = 0;
    bool uncaptured;
    pid_t pid;

    if (!opts)
        opts = &none;
    uncaptured = opts->stdout_to || opts->stdout_broken || opts->stdout_closed;
    if (!bin)
        fail_msg("RT_BINARY is not set (run the tests with meson test)");
    if (opts->stdout_broken) {
        int ends[2];
        assert_int_equal(pipe(ends), 0);
        close(ends[0]);
        outfd = ends[1];
    } else if (opts->stdout_closed || opts->stdout_to) {
        outfd = open(opts->stdout_to ? opts->stdout_to : "/dev/null", O_WRONLY | O_APPEND);
    } else {
        outfd = mkstemp(outpath);
    }
    if (opts->stderr_tty) {
        /* The child's stderr is the terminal's side; we read the other. */
        ptm = posix_openpt(O_RDWR | O_NOCTTY);
        assert_true(ptm >= 0 && grantpt(ptm) == 0 && unlockpt(ptm) == 0);
        assert_int_equal(fcntl(ptm, F_SETFD, FD_CLOEXEC), 0);
        errfd = open(ptsname(ptm), O_RDWR | O_NOCTTY);
    } else {
        errfd = mkstemp(errpath);
    }
    assert_true(outfd >= 0 && errfd >= 0);
    argv[n++] = (char *)bin;
    for (size_t i = 0; args[i] && n < 31; i++)
        argv[n++] = (char *)args[i];
    argv[n] = NULL;

    fflush(stdout);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        child(opts, argv, outfd, errfd);
    if (ptm >= 0) {
        /* Drain the terminal as the child writes (its buffer is small);
         * reading fails with EIO once the child has closed its side. */
        size_t len = 0, cap = 4096;
        char *buf = malloc(cap);
        ssize_t got;
        close(errfd);
        errfd = -1;
        assert_non_null(buf);
        for (;;) {
            got = read(ptm, buf + len, cap - len - 1);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                break;
            len += (size_t)got;
            if (cap - len < 2) {
                buf = realloc(buf, cap *= 2);
                assert_non_null(buf);
            }
        }
        buf[len] = '\0';
        close(ptm);
        r.err = buf;
    }
    assert_int_equal(waitpid(pid, &wstatus, 0), pid);
    if (WIFSIGNALED(wstatus))
        r.status = 128 + WTERMSIG(wstatus);
    else
        r.status = WEXITSTATUS(wstatus);
    close(outfd);
    r.out = uncaptured ? strdup("") : read_all(outpath, NULL);
    if (!opts->stderr_tty) {
        close(errfd);
        r.err = read_all(errpath, NULL);
        unlink(errpath);
    }
    if (!uncaptured)
        unlink(outpath);
    if (r.status == 126 || r.status == 127)
        fail_msg("could not run %s (status %d)", bin, r.status);
    return r;
}

static run_result run_va(const run_opts *opts, const char *arg0, va_list ap)
{
    const char *args[32];
    size_t n = 0;

    for (const char *a = arg0; a && n < 31; a = va_arg(ap, const char *))
        args[n++] = a;
    args[n] = NULL;
    return run_argv(opts, args);
}

run_result run(const char *arg0, ...)
{
    run_result r;
    va_list ap;

    va_start(ap, arg0);
    r = run_va(NULL, arg0, ap);
    va_end(ap);
    return r;
}

run_result run_with(const run_opts *opts, const char *arg0, ...)
{
    run_result r;
    va_list ap;

    va_start(ap, arg0);
    r = run_va(opts, arg0, ap);
    va_end(ap);
    return r;
}

void done(run_result *r)
{
    free(r->out);
    free(r->err);
}

void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

size_t dir_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}
