/*
 * Writing results: to stdout, or to a file that appears whole or not at
 * all. The data goes to a temporary file in the target's directory, which
 * is renamed over the target only once it is complete and flushed, so a
 * failed run leaves an existing file untouched.
 */
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
