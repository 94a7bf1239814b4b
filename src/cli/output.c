/*
 * Writing results: to stdout, or to a file that appears whole or not at
 * all. The data goes to a temporary file in the target's directory, which
 * is renamed over the target only once it is complete and flushed, so a
 * failed run leaves an existing file untouched. An existing file keeps its
 * mode, and a symbolic link its target; a device or a pipe is written as is.
 */
#define _XOPEN_SOURCE 700 /* realpath() */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

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

/* "path: cannot write: no space left on device" on stderr; EXIT_CANTCREAT. */
static int cannot(const char *path, const char *what, int e)
{
    char why[128];

    snprintf(why, sizeof(why), "%s", strerror(e));
    if (why[0] >= 'A' && why[0] <= 'Z')
        why[0] = (char)(why[0] - 'A' + 'a');
    fprintf(stderr, "roundtrip: %s: %s: %s\n", path, what, why);
    return EXIT_CANTCREAT;
}

/* A target that is not a regular file (/dev/stdout, a pipe, a terminal)
 * cannot be replaced: write to it as it is. */
static int write_in_place(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_NOCTTY), e;

    if (fd < 0)
        return cannot(path, "cannot open", errno);
    if (write_all(fd, data, len) != 0) {
        e = errno;
        close(fd);
        return cannot(path, "cannot write", e);
    }
    if (close(fd) != 0)
        return cannot(path, "cannot write", errno);
    return 0;
}

/* Write `data` to a temporary file beside `real` and rename it over `real`:
 * the file appears whole or not at all. `shown` names it in messages.
 * `mode` is the mode the file gets. */
static int write_replace(const char *shown, const char *real, mode_t mode, const char *data,
                         size_t len)
{
    const char *slash = strrchr(real, '/');
    size_t dirlen = slash ? (size_t)(slash - real) + 1 : 0;
    char *tmp = malloc(strlen(real) + 16);
    int fd, e;

    if (!tmp) {
        fprintf(stderr, "roundtrip: out of memory\n");
        return EXIT_OSERR;
    }
    /* ".NAME.XXXXXX" beside the target: same file system, so rename() is atomic. */
    sprintf(tmp, "%.*s.%s.XXXXXX", (int)dirlen, real, real + dirlen);
    fd = mkstemp(tmp);
    if (fd < 0) {
        e = errno;
        free(tmp);
        return cannot(shown, "cannot create", e);
    }
    if (fchmod(fd, mode) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        e = errno;
        close(fd);
        goto fail;
    }
    if (close(fd) != 0 || rename(tmp, real) != 0) {
        e = errno;
        goto fail;
    }
    free(tmp);
    return 0;
fail:
    unlink(tmp);
    free(tmp);
    return cannot(shown, "cannot write", e);
}

int cli_cannot_write(const char *path, int e)
{
    return cannot(path, "cannot write", e);
}

int cli_write_output(const char *path, const char *data, size_t len)
{
    struct stat st;
    char *real;
    mode_t mask;
    int rc;

    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return cannot("stdout", "cannot write", errno);
        return 0;
    }
    if (stat(path, &st) != 0) {
        /* A new file, or a dangling link: replaced by the file. */
        mask = umask(0);
        umask(mask);
        return write_replace(path, path, 0666 & ~mask, data, len);
    }
    if (S_ISDIR(st.st_mode))
        return cannot(path, "cannot write", EISDIR);
    if (!S_ISREG(st.st_mode))
        return write_in_place(path, data, len);
    /* An existing file keeps its mode; a symbolic link keeps pointing at it. */
    real = realpath(path, NULL);
    if (!real)
        return cannot(path, "cannot write", errno);
    rc = write_replace(path, real, st.st_mode & 07777, data, len);
    free(real);
    return rc;
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

char *cli_relative_link(const char *from_file, const char *target)
{
    char *from_dir = strdup(from_file && strcmp(from_file, "-") != 0 ? from_file : "./x");
    char *target_copy = strdup(target);
    char *a = NULL, *b = NULL, *link = NULL, *pa[256], *pb[256];
    const char *name = strrchr(target, '/');
    size_t na, nb, common = 0, len = 0;

    if (!from_dir || !target_copy)
        goto out;
    name = name ? name + 1 : target;
    /* The directories exist: the target was just written, the report is
     * about to be. */
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
    b = realpath(*target_copy ? target_copy : "/", NULL);
    if (!a || !b)
        goto out;
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
    return link;
}
