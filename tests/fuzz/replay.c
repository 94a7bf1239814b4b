/*
 * Replay inputs through a fuzz target without libFuzzer (any compiler):
 * `replay PATH...` runs LLVMFuzzerTestOneInput() on every file, recursing
 * into directories in name order and skipping names that start with '.'.
 * Prints TAP, the plan first, one "ok N - PATH" per input as it passes: an
 * input that crashes kills the process and leaves the rest unreported.
 * A path that does not exist is an error (exit 1).
 *
 * A file named *.xfail reproduces a bug not fixed yet: it runs in a child
 * process, and passes while it still crashes. Once it no longer crashes it
 * fails, to say the bug is fixed and the name should lose ".xfail".
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

typedef struct paths {
    char **items;
    size_t count, cap;
} paths;

static int add_path(paths *p, const char *path)
{
    if (p->count == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 64;
        char **items = realloc(p->items, cap * sizeof(*items));
        if (!items)
            return -1;
        p->items = items;
        p->cap = cap;
    }
    if (!(p->items[p->count] = strdup(path)))
        return -1;
    p->count++;
    return 0;
}

static int skip_hidden(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

/* Collect the files under `path`, in name order. */
static int collect(paths *p, const char *path)
{
    struct dirent **names;
    struct stat st;
    int n, rc = 0;

    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: %s: no such file or directory\n", path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return add_path(p, path);
    n = scandir(path, &names, skip_hidden, alphasort);
    if (n < 0) {
        fprintf(stderr, "replay: %s: cannot read the directory\n", path);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
        char *child = malloc(len);
        if (child) {
            snprintf(child, len, "%s/%s", path, names[i]->d_name);
            if (rc == 0 && collect(p, child) != 0)
                rc = -1;
        } else {
            rc = -1;
        }
        free(child);
        free(names[i]);
    }
    free(names);
    return rc;
}

/* The whole file; a buffer of one byte or more even when it is empty. */
static uint8_t *read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data = NULL;
    size_t len = 0, cap = 0, n;

    if (!f)
        return NULL;
    do {
        if (len == cap) {
            uint8_t *grown = realloc(data, cap = cap ? 2 * cap : 4096);
            if (!grown) {
                free(data);
                fclose(f);
                return NULL;
            }
            data = grown;
        }
        n = fread(data + len, 1, cap - len, f);
        len += n;
    } while (n > 0);
    if (ferror(f)) {
        free(data);
        data = NULL;
    }
    fclose(f);
    *size = len;
    return data;
}

static bool is_xfail(const char *path)
{
    size_t n = strlen(path);
    return n > 6 && strcmp(path + n - 6, ".xfail") == 0;
}

/* Run one input; in a child for a known bug: returns whether it crashed. */
static bool run(const uint8_t *data, size_t size, bool in_child)
{
    /* An exact copy, so that AddressSanitizer sees a read past the end. */
    uint8_t *exact = malloc(size ? size : 1);
    pid_t pid = 0;
    int wstatus = 0;

    if (!exact)
        abort();
    memcpy(exact, data, size);
    fflush(stdout);
    if (in_child && (pid = fork()) < 0)
        abort();
    if (pid == 0) {
        LLVMFuzzerTestOneInput(exact, size);
        free(exact);
        if (in_child)
            _exit(0);
        return false;
    }
    free(exact);
    if (waitpid(pid, &wstatus, 0) != pid)
        abort();
    return !WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0;
}

int main(int argc, char **argv)
{
    paths p = {NULL, 0, 0};
    int status = 0;

    for (int i = 1; i < argc; i++)
        if (collect(&p, argv[i]) != 0)
            status = 1;
    printf("1..%zu\n", p.count);
    fflush(stdout);
    for (size_t i = 0; i < p.count; i++) {
        size_t size = 0;
        uint8_t *data = read_file(p.items[i], &size);
        if (!data) {
            printf("not ok %zu - %s (cannot read it)\n", i + 1, p.items[i]);
            status = 1;
        } else if (!is_xfail(p.items[i])) {
            run(data, size, false);
            printf("ok %zu - %s\n", i + 1, p.items[i]);
        } else if (run(data, size, true)) {
            printf("ok %zu - %s (a known bug: it still crashes)\n", i + 1, p.items[i]);
        } else {
            printf("not ok %zu - %s no longer crashes: drop .xfail from its name\n", i + 1,
                   p.items[i]);
            status = 1;
        }
        fflush(stdout);
        free(data);
        free(p.items[i]);
    }
    free(p.items);
    return status;
}
