/*
 * Writing results: to stdout, or to a file that appears whole or not at
 * all. The data goes to a temporary file in the target's directory, which
 * is renamed over the target only once it is complete and flushed, so a
 * failed run leaves an existing file untouched.
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

int cli_write_output(const char *path, const char *data, size_t len)
{
    char *tmp;
    const char *slash;
    size_t dirlen;
    mode_t mask;
    int fd, e;

    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            fprintf(stderr, "roundtrip: cannot write to stdout: %s\n", strerror(errno));
            return EXIT_CANTCREAT;
        }
        return 0;
    }
    slash = strrchr(path, '/');
    dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    tmp = malloc(strlen(path) + 16);
    if (!tmp) {
        fprintf(stderr, "roundtrip: out of memory\n");
        return EXIT_OSERR;
    }
    /* ".NAME.XXXXXX" beside the target: same file system, so rename() is atomic. */
    sprintf(tmp, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    fd = mkstemp(tmp);
    if (fd < 0) {
        e = errno;
        fprintf(stderr, "roundtrip: %s: cannot create: %s\n", path, strerror(e));
        free(tmp);
        return EXIT_CANTCREAT;
    }
    mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        e = errno;
        close(fd);
        unlink(tmp);
        fprintf(stderr, "roundtrip: %s: cannot write: %s\n", path, strerror(e));
        free(tmp);
        return EXIT_CANTCREAT;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
        e = errno;
        unlink(tmp);
        fprintf(stderr, "roundtrip: %s: cannot write: %s\n", path, strerror(e));
        free(tmp);
        return EXIT_CANTCREAT;
    }
    free(tmp);
    return 0;
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
