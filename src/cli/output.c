/*
 * Writing results: to stdout, or to files that appear whole or not at all.
 *
 * The outputs of a run form a set, committed together. The commit first
 * works out where each output goes and refuses one that is a file of the
 * run's datasets or the same file as another output; then writes every
 * file to a temporary file beside it, flushed to disk; then writes what
 * cannot be replaced (stdout, a descriptor named as /dev/stdout or
 * /proc/self/fd/N, a device, a pipe) as it is; and only once all of that
 * succeeded renames the temporary files over their targets. A failed run
 * so leaves every existing file as it was; only a rename failing after
 * another succeeded (in a directory where a temporary file was just made)
 * could leave a run half-written.
 *
 * No temporary file is left behind either: the ones that exist at any
 * moment are listed in a fixed table (the CLI's, never the library's),
 * which the handler of SIGHUP, SIGINT, SIGQUIT, SIGTERM and SIGPIPE unlinks
 * before the signal ends the run. SIGXFSZ is ignored, so a write past
 * RLIMIT_FSIZE fails with EFBIG like any failed write. Only SIGKILL can
 * leave a temporary file.
 *
 * An existing file keeps its mode, and a symbolic link its target; a
 * dangling link into /proc or /dev is never replaced.
 */
#define _XOPEN_SOURCE 700 /* realpath(), readlink() */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef NAME_MAX
#define NAME_MAX 255
#endif

/* The temporary files of the commit in progress, by output: a name is
 * complete before its slot is marked live, and the marking and the creation
 * or removal of the file happen with the signals blocked, so the handler
 * never unlinks a half-written name or a file that is not ours. The table
 * is made for each commit, and set and cleared with the signals blocked. */
typedef struct temp_slot {
    char name[PATH_MAX];
    volatile sig_atomic_t live;
} temp_slot;
static temp_slot *volatile temp_slots;
static volatile size_t temp_count;

static const int fatal_signals[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE};
#define NFATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))

/* Only unlink() and raise(), both async-signal-safe. SA_RESETHAND has put
 * back the default action, so the signal raised again, delivered when the
 * handler returns, ends the run as it would have without the handler. */
static void on_fatal_signal(int sig)
{
    int saved = errno;

    for (size_t i = 0; i < temp_count; i++)
        if (temp_slots[i].live)
            unlink(temp_slots[i].name);
    raise(sig);
    errno = saved;
}

static void fatal_set(sigset_t *set)
{
    sigemptyset(set);
    for (size_t i = 0; i < NFATAL; i++)
        sigaddset(set, fatal_signals[i]);
}

void cli_process_init(void)
{
    struct sigaction sa, old;
    sigset_t pipe_only;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_fatal_signal;
    sa.sa_flags = SA_RESETHAND;
    fatal_set(&sa.sa_mask);
    for (size_t i = 0; i < NFATAL; i++) {
        /* A signal the caller ignores stays ignored (nohup, a background
         * job), except SIGPIPE: a reader that went away ends the run
         * quietly, as it ends git or cat, whoever started it. */
        if (fatal_signals[i] != SIGPIPE && sigaction(fatal_signals[i], NULL, &old) == 0 &&
            old.sa_handler == SIG_IGN)
            continue;
        sigaction(fatal_signals[i], &sa, NULL);
    }
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    sigprocmask(SIG_UNBLOCK, &pipe_only, NULL);
    signal(SIGXFSZ, SIG_IGN);

    /* A closed standard descriptor is held by /dev/null opened the wrong
     * way for it (write-only for stdin, read-only for stdout and stderr):
     * a file opened later cannot take its number and receive what is meant
     * for stdout, and a write to it still fails with EBADF. */
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        int held = open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
        if (held >= 0 && held != fd) {
            dup2(held, fd);
            close(held);
        }
    }
}

static void block_signals(sigset_t *old)
{
    sigset_t set;

    fatal_set(&set);
    sigprocmask(SIG_BLOCK, &set, old);
}

static void restore_signals(const sigset_t *old)
{
    sigprocmask(SIG_SETMASK, old, NULL);
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

int cli_cannot(const char *path, const char *what, int e)
{
    char why[128];
    cli_text shown = CLI_TEXT_INIT;

    if (e == ENOMEM) {
        fprintf(stderr, "roundtrip: out of memory\n");
        return EXIT_OSERR;
    }
    fprintf(stderr, "roundtrip: %s: %s: %s\n", cli_show(&shown, path), what,
            rt_errno_text(why, sizeof(why), e));
    cli_text_free(&shown, 1);
    return EXIT_CANTCREAT;
}

/* Where one output goes. */
typedef enum dest_kind {
    TO_FILE,  /* a file replaced by renaming a temporary file over it */
    IN_PLACE, /* a device or a pipe, opened and written */
    TO_FD     /* one of our descriptors, written */
} dest_kind;

typedef struct destination {
    dest_kind kind;
    int fd;      /* TO_FD */
    char *real;  /* TO_FILE: the path to replace, malloc'd */
    mode_t mode; /* TO_FILE: the mode the file gets */
    bool exists; /* st is what will be written over */
    struct stat st;
} destination;

/* The descriptor a path of /dev or /proc names, or -1: /dev/stdin,
 * /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N and /proc/PID/fd/N
 * with our PID. */
static int descriptor_of(const char *p)
{
    static const char *const std[] = {"/dev/stdin", "/dev/stdout", "/dev/stderr"};
    char self[48];
    const char *prefixes[] = {"/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", self};
    const char *num = NULL;

    for (int i = 0; i < 3; i++)
        if (strcmp(p, std[i]) == 0)
            return i;
    snprintf(self, sizeof(self), "/proc/%ld/fd/", (long)getpid());
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]) && !num; i++)
        if (strncmp(p, prefixes[i], strlen(prefixes[i])) == 0)
            num = p + strlen(prefixes[i]);
    if (!num || !*num || strlen(num) > 9 || num[strspn(num, "0123456789")] != '\0')
        return -1;
    return atoi(num);
}

/* The descriptor a path names, directly or through symbolic links, or -1.
 * Opening such a path would open again whatever the descriptor holds (at
 * offset 0, without its O_APPEND), and a closed one leaves a dangling link
 * that must not be replaced: the descriptor itself is written instead. */
static int named_descriptor(const char *path)
{
    char cur[PATH_MAX], link[PATH_MAX];
    size_t len = strlen(path);

    if (len >= sizeof(cur))
        return -1;
    memcpy(cur, path, len + 1);
    for (int hops = 0; hops < 40; hops++) {
        int fd = descriptor_of(cur);
        struct stat st;
        ssize_t n;

        if (fd >= 0)
            return fd;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return -1;
        n = readlink(cur, link, sizeof(link) - 1);
        if (n < 0)
            return -1;
        link[n] = '\0';
        if (link[0] == '/') {
            memcpy(cur, link, (size_t)n + 1);
        } else {
            char *slash = strrchr(cur, '/');
            size_t dirlen = slash ? (size_t)(slash - cur) + 1 : 0;
            if (dirlen + (size_t)n >= sizeof(cur))
                return -1;
            memcpy(cur + dirlen, link, (size_t)n + 1);
        }
    }
    return -1;
}

/* Whether the symbolic link `path` points into /proc or /dev. */
static bool points_into_system(const char *path)
{
    char link[PATH_MAX];
    ssize_t n = readlink(path, link, sizeof(link) - 1);

    if (n < 0)
        return false;
    link[n] = '\0';
    return strncmp(link, "/proc/", 6) == 0 || strncmp(link, "/dev/", 5) == 0 ||
           strcmp(link, "/proc") == 0 || strcmp(link, "/dev") == 0;
}

/* A file to create at `path` (or a dangling link to replace), with the
 * mode a new file gets. */
static int new_file(destination *t, const char *path)
{
    mode_t mask = umask(0);

    umask(mask);
    t->kind = TO_FILE;
    t->mode = 0666 & ~mask;
    t->real = strdup(path);
    return t->real ? 0 : cli_cannot(path, "cannot write", ENOMEM);
}

/* Work out where `path` goes, in *t. 0, or the exit status after saying
 * why it cannot be written. */
static int prepare(destination *t, const char *path)
{
    int fd, flags;

    memset(t, 0, sizeof(*t));
    fd = strcmp(path, "-") == 0 ? 1 : named_descriptor(path);
    if (fd >= 0) {
        /* A closed descriptor (see cli_process_init) is not written. */
        flags = fcntl(fd, F_GETFL);
        if (flags < 0 || (flags & O_ACCMODE) == O_RDONLY)
            return cli_cannot(fd == 1 && path[0] == '-' ? "stdout" : path, "cannot write", EBADF);
        t->kind = TO_FD;
        t->fd = fd;
        t->exists = fstat(fd, &t->st) == 0;
        return 0;
    }
    if (lstat(path, &t->st) != 0) {
        if (errno != ENOENT)
            return cli_cannot(path, "cannot write", errno);
        return new_file(t, path);
    }
    if (S_ISLNK(t->st.st_mode) && stat(path, &t->st) != 0) {
        /* A dangling link is replaced by the file, unless it points into
         * /proc or /dev, where what it named (a descriptor, a device) is
         * gone, and a file there would stand in for it. */
        if (errno != ENOENT || points_into_system(path))
            return cli_cannot(path, "cannot write", errno);
        return new_file(t, path);
    }
    t->exists = true;
    if (S_ISDIR(t->st.st_mode))
        return cli_cannot(path, "cannot write", EISDIR);
    if (!S_ISREG(t->st.st_mode)) {
        t->kind = IN_PLACE;
        return 0;
    }
    /* An existing file keeps its mode; a symbolic link keeps pointing at it. */
    t->kind = TO_FILE;
    t->mode = t->st.st_mode & 07777;
    t->real = realpath(path, NULL);
    return t->real ? 0 : cli_cannot(path, "cannot write", errno);
}

/* Write `data` to a new temporary file beside t->real, in slot `slot` of
 * the table, flushed to disk. `shown` names the output in messages. */
static int write_temp(const destination *t, size_t slot, const char *shown, const char *data,
                      size_t len)
{
    char *name = temp_slots[slot].name;
    const char *base = strrchr(t->real, '/');
    size_t dirlen, baselen;
    long name_max;
    sigset_t old;
    int fd, e;

    base = base ? base + 1 : t->real;
    dirlen = (size_t)(base - t->real);
    baselen = strlen(base);
    /* ".NAME.XXXXXX" beside the target: the same file system, so rename()
     * is atomic. A name within 8 bytes of the longest the directory takes
     * is cut short for it, at a character boundary. */
    if (dirlen + 10 >= PATH_MAX)
        return cli_cannot(shown, "cannot create", ENAMETOOLONG);
    memcpy(name, t->real, dirlen);
    name[dirlen] = '\0';
    name_max = pathconf(dirlen ? name : ".", _PC_NAME_MAX);
    if (name_max <= 16)
        name_max = NAME_MAX;
    if (baselen > (size_t)name_max - 8) {
        baselen = (size_t)name_max - 8;
        while (baselen > 0 && ((unsigned char)base[baselen] & 0xC0) == 0x80)
            baselen--;
    }
    if (dirlen + baselen + 8 >= PATH_MAX)
        return cli_cannot(shown, "cannot create", ENAMETOOLONG);
    sprintf(name + dirlen, ".%.*s.XXXXXX", (int)baselen, base);
    block_signals(&old);
    fd = mkstemp(name);
    e = errno;
    if (fd >= 0)
        temp_slots[slot].live = 1;
    restore_signals(&old);
    if (fd < 0)
        return cli_cannot(shown, "cannot create", e);
    if (fchmod(fd, t->mode) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        e = errno;
        close(fd);
        return cli_cannot(shown, "cannot write", e);
    }
    if (close(fd) != 0)
        return cli_cannot(shown, "cannot write", errno);
    return 0;
}

static void drop_temp(size_t slot)
{
    sigset_t old;

    block_signals(&old);
    if (temp_slots[slot].live)
        unlink(temp_slots[slot].name);
    temp_slots[slot].live = 0;
    restore_signals(&old);
}

static int rename_temp(size_t slot, const char *real)
{
    sigset_t old;
    int rc, e;

    block_signals(&old);
    rc = rename(temp_slots[slot].name, real);
    e = errno;
    if (rc == 0)
        temp_slots[slot].live = 0;
    restore_signals(&old);
    errno = e;
    return rc;
}

/* Write an output that is not replaced: a descriptor, a device, a pipe. */
static int write_as_is(const destination *t, const char *path, const char *data, size_t len)
{
    const char *shown = strcmp(path, "-") == 0 ? "stdout" : path;
    int fd, e;

    if (t->kind == TO_FD && t->fd == 1) {
        /* Through stdio, after whatever went there before. */
        errno = 0;
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return cli_cannot(shown, "cannot write", errno ? errno : EIO);
        return 0;
    }
    if (t->kind == TO_FD)
        return write_all(t->fd, data, len) == 0 ? 0 : cli_cannot(shown, "cannot write", errno);
    fd = open(path, O_WRONLY | O_NOCTTY);
    if (fd < 0)
        return cli_cannot(path, "cannot open", errno);
    if (write_all(fd, data, len) != 0) {
        e = errno;
        close(fd);
        return cli_cannot(path, "cannot write", e);
    }
    if (close(fd) != 0)
        return cli_cannot(path, "cannot write", errno);
    return 0;
}

void cli_outputs_init(cli_outputs *set)
{
    memset(set, 0, sizeof(*set));
}

void cli_outputs_input(cli_outputs *set, const char *dataset)
{
    if (set->dataset_count < CLI_DATASETS_MAX)
        set->datasets[set->dataset_count++] = dataset;
}

void cli_outputs_free(cli_outputs *set)
{
    free(set->outputs);
    set->outputs = NULL;
    set->count = set->cap = 0;
}

void cli_outputs_add(cli_outputs *set, const char *path, const char *data, size_t len)
{
    if (set->count == set->cap) {
        size_t cap = set->cap ? 2 * set->cap : 4;
        cli_output *grown = realloc(set->outputs, cap * sizeof(*grown));
        if (!grown) {
            set->oom = true;
            return;
        }
        set->outputs = grown;
        set->cap = cap;
    }
    set->outputs[set->count++] = (cli_output){path, data, len};
}

/* The table of temporary files for n outputs, or its removal (n = 0). */
static int temp_table(size_t n)
{
    temp_slot *slots = n ? calloc(n, sizeof(*slots)) : NULL;
    temp_slot *old_slots; /* freed once the handler can no longer see it */
    sigset_t old;

    if (n && !slots)
        return -1;
    block_signals(&old);
    old_slots = temp_slots;
    temp_slots = slots;
    temp_count = n;
    restore_signals(&old);
    free(old_slots);
    return 0;
}

/* A file a dataset of the run is read from. */
typedef struct input_file {
    char name[PATH_MAX];
    dev_t dev;
    ino_t ino;
} input_file;

/* The files the loader reads for `dataset` (see src/load/files.c): the path
 * itself, or a directory's entities.csv and relationships.csv. */
static size_t input_files(const char *dataset, input_file *in)
{
    static const char *const names[] = {"entities.csv", "relationships.csv"};
    size_t n = 0, dl = strlen(dataset);
    struct stat st;

    if (stat(dataset, &st) != 0)
        return 0;
    if (!S_ISDIR(st.st_mode)) {
        snprintf(in[0].name, sizeof(in[0].name), "%s", dataset);
        in[0].dev = st.st_dev;
        in[0].ino = st.st_ino;
        return 1;
    }
    while (dl > 1 && dataset[dl - 1] == '/')
        dl--;
    for (size_t i = 0; i < 2; i++) {
        snprintf(in[n].name, sizeof(in[n].name), "%.*s/%s", (int)dl, dataset, names[i]);
        if (stat(in[n].name, &st) == 0) {
            in[n].dev = st.st_dev;
            in[n].ino = st.st_ino;
            n++;
        }
    }
    return n;
}

/* Refuse an output that is a file of the run's datasets (device and inode)
 * or the same as an output before it: 0, or EXIT_CANTCREAT after saying so. */
static int check_distinct(const cli_outputs *set, const destination *t, size_t i)
{
    input_file in[2];
    const char *path = set->outputs[i].path;

    if (!t[i].exists || !S_ISREG(t[i].st.st_mode))
        goto others;
    for (size_t d = 0; d < set->dataset_count; d++) {
        size_t n = input_files(set->datasets[d], in);
        for (size_t k = 0; k < n; k++)
            if (in[k].dev == t[i].st.st_dev && in[k].ino == t[i].st.st_ino) {
                cli_text shown[2] = {CLI_TEXT_INIT, CLI_TEXT_INIT};
                fprintf(stderr, "roundtrip: %s: cannot write: is an input of this run (%s)\n",
                        cli_show(&shown[0], path), cli_show(&shown[1], in[k].name));
                cli_text_free(shown, 2);
                return EXIT_CANTCREAT;
            }
    }
others:
    for (size_t k = 0; k < i; k++) {
        bool same;
        if (t[i].exists && t[k].exists)
            same = S_ISREG(t[i].st.st_mode) && t[k].st.st_dev == t[i].st.st_dev &&
                   t[k].st.st_ino == t[i].st.st_ino;
        else
            same = t[i].real && t[k].real && strcmp(t[i].real, t[k].real) == 0;
        if (same) {
            cli_text shown[2] = {CLI_TEXT_INIT, CLI_TEXT_INIT};
            fprintf(stderr, "roundtrip: %s: cannot write: is also the output %s\n",
                    cli_show(&shown[0], path), cli_show(&shown[1], set->outputs[k].path));
            cli_text_free(shown, 2);
            return EXIT_CANTCREAT;
        }
    }
    return 0;
}

int cli_outputs_commit(cli_outputs *set)
{
    size_t n = set->count, prepared = 0;
    destination *t = calloc(n + 1, sizeof(*t));
    int status = 0;

    if (set->oom || !t || temp_table(n) != 0) {
        free(t);
        cli_outputs_free(set);
        set->oom = false;
        fprintf(stderr, "roundtrip: cannot write the outputs: %s\n", strerror(ENOMEM));
        return EXIT_OSERR;
    }

    for (; prepared < n && status == 0; prepared++)
        status = prepare(&t[prepared], set->outputs[prepared].path);
    for (size_t i = 0; i < n && status == 0; i++)
        status = check_distinct(set, t, i);
    for (size_t i = 0; i < n && status == 0; i++)
        if (t[i].kind == TO_FILE)
            status = write_temp(&t[i], i, set->outputs[i].path, set->outputs[i].data,
                                set->outputs[i].len);
    /* What cannot be taken back goes before the renames, so that a
     * failure there (a full stdout) leaves every file as it was. */
    for (size_t i = 0; i < n && status == 0; i++)
        if (t[i].kind != TO_FILE)
            status =
                write_as_is(&t[i], set->outputs[i].path, set->outputs[i].data, set->outputs[i].len);
    for (size_t i = 0; i < n && status == 0; i++)
        if (t[i].kind == TO_FILE && rename_temp(i, t[i].real) != 0)
            status = cli_cannot(set->outputs[i].path, "cannot write", errno);
    for (size_t i = 0; i < n; i++)
        drop_temp(i);
    for (size_t i = 0; i < prepared; i++)
        free(t[i].real);
    temp_table(0);
    free(t);
    cli_outputs_free(set);
    return status;
}

int cli_write_output(const char *path, const char *data, size_t len, const char *dataset)
{
    cli_outputs set;

    cli_outputs_init(&set);
    if (dataset)
        cli_outputs_input(&set, dataset);
    cli_outputs_add(&set, path, data, len);
    return cli_outputs_commit(&set);
}

/* The components of an absolute path, split in place. */
static size_t components(char *path, char **parts, size_t max)
{
    size_t n = 0;
    char *save = NULL;

    for (char *c = strtok_r(path, "/", &save); c && n < max; c = strtok_r(NULL, "/", &save))
        parts[n++] = c;
    return n;
}

char *cli_relative_link(const char *from_file, const char *target, const char **missing)
{
    char *from_dir = strdup(from_file && strcmp(from_file, "-") != 0 ? from_file : "./x");
    char *target_copy = strdup(target);
    char *a = NULL, *b = NULL, *link = NULL, *pa[256], *pb[256];
    const char *name = strrchr(target, '/');
    size_t na, nb, common = 0, len = 0;

    int e = ENOMEM;

    *missing = NULL;
    if (!from_dir || !target_copy)
        goto out;
    name = name ? name + 1 : target;
    /* Both directories must exist: the outputs are about to be written. */
    {
        char *slash = strrchr(from_dir, '/');
        if (slash)
            *slash = '\0';
        else
            strcpy(from_dir, ".");
        slash = strrchr(target_copy, '/');
        if (slash)
            *slash = '\0';
        else
            strcpy(target_copy, ".");
    }
    a = realpath(*from_dir ? from_dir : "/", NULL);
    if (!a) {
        e = errno;
        *missing = from_file;
        goto out;
    }
    b = realpath(*target_copy ? target_copy : "/", NULL);
    if (!b) {
        e = errno;
        *missing = target;
        goto out;
    }
    na = components(a, pa, 256);
    nb = components(b, pb, 256);
    while (common < na && common < nb && strcmp(pa[common], pb[common]) == 0)
        common++;
    link = malloc(3 * (na - common) + strlen(target) + strlen(b) + strlen(name) + 2);
    if (!link)
        goto out;
    link[0] = '\0';
    for (size_t i = common; i < na; i++)
        len += (size_t)sprintf(link + len, "../");
    for (size_t i = common; i < nb; i++)
        len += (size_t)sprintf(link + len, "%s/", pb[i]);
    sprintf(link + len, "%s", name);
out:
    free(a);
    free(b);
    free(from_dir);
    free(target_copy);
    if (!link)
        errno = e;
    return link;
}
