/* Reading a dataset from disk: a directory of two files, or one bare file. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "load/load.h"
#include "util/alloc.h"

/* What a file that is neither a regular file, a FIFO nor a directory is,
 * for the message that refuses it; NULL for those three. */
static const char *unreadable_kind(const struct stat *st)
{
    if (S_ISREG(st->st_mode) || S_ISFIFO(st->st_mode) || S_ISDIR(st->st_mode))
        return NULL;
    if (S_ISCHR(st->st_mode))
        return "a character device";
    if (S_ISBLK(st->st_mode))
        return "a block device";
    if (S_ISSOCK(st->st_mode))
        return "a socket";
    return "not a regular file";
}

/* Read a whole file. Returns 0, RT_ENOTFOUND, RT_EIO or RT_ENOMEM, with a
 * diagnostic for the first two.
 *
 * Only regular files and FIFOs are read: a device such as /dev/zero has no
 * end, and is refused before it is opened (and again after, should it have
 * been swapped in between). A FIFO has no size either: its reading stops at
 * the first NUL byte, which the CSV reader reports where it stands, so
 * `cat /dev/zero |` ends in a message, not in running out of memory. A
 * regular file is read whole, every NUL reported. A directory fails to read
 * with EISDIR. */
static int read_file(const char *path, char **data, size_t *len, bool in_dataset, rt_diags *diags)
{
    FILE *f = NULL;
    char *buf = NULL, why[128];
    size_t cap = 0, n = 0;
    struct stat st;
    const char *kind;
    bool regular = false;
    int rc = RT_OK;

    *data = NULL;
    *len = 0;
    if (stat(path, &st) == 0 && (kind = unreadable_kind(&st)) != NULL) {
        rt_diags__add(diags, RT_SEVERITY_ERROR, path, 0, 0,
                      "cannot read: is %s (only files and pipes are read)", kind);
        return RT_EIO;
    }
    f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        rt_errno_text(why, sizeof(why), e);
        if (e == ENOENT && in_dataset)
            rt_diags__add(diags, RT_SEVERITY_ERROR, path, 0, 0,
                          "no such file (a dataset directory holds entities.csv and "
                          "relationships.csv)");
        else
            rt_diags__add(diags, RT_SEVERITY_ERROR, path, 0, 0, "cannot open: %s", why);
        return e == ENOENT || e == ENOTDIR ? RT_ENOTFOUND : RT_EIO;
    }
    if (fstat(fileno(f), &st) == 0 && (kind = unreadable_kind(&st)) != NULL) {
        rt_diags__add(diags, RT_SEVERITY_ERROR, path, 0, 0,
                      "cannot read: is %s (only files and pipes are read)", kind);
        fclose(f);
        return RT_EIO;
    }
    regular = S_ISREG(st.st_mode);
    /* A regular file is read into a buffer of its size (plus the byte that
     * tells its end), not one grown by doubling: up to half the buffer would
     * be unused, which counts on a million-row file. */
    if (regular && st.st_size > 0 && (uintmax_t)st.st_size < SIZE_MAX - 65536) {
        cap = (size_t)st.st_size + 1;
        buf = rt__malloc(cap);
        if (!buf)
            rc = RT_ENOMEM;
    }
    while (rc == RT_OK) {
        size_t got;
        if (n == cap) {
            char *nb = rt__grow(buf, &cap, n + 65536, 1);
            if (!nb) {
                rc = RT_ENOMEM;
                break;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        if (!regular && got > 0) {
            const char *nul = memchr(buf + n, '\0', got);
            if (nul) {
                n = (size_t)(nul - buf) + 1;
                break;
            }
        }
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                rt_errno_text(why, sizeof(why), errno);
                rt_diags__add(diags, RT_SEVERITY_ERROR, path, 0, 0, "cannot read: %s", why);
                rc = RT_EIO;
            }
            break;
        }
    }
    fclose(f);
    if (rc < 0) {
        rt__free(buf);
        return rc;
    }
    *data = buf;
    *len = n;
    return RT_OK;
}

static char *join(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    char *p;

    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    p = rt__malloc(dl + 1 + nl + 1);
    if (p) {
        memcpy(p, dir, dl);
        p[dl] = '/';
        memcpy(p + dl + 1, name, nl + 1);
    }
    return p;
}

int rt_dataset_load(rt_dataset **out, const char *path, rt_diags *diags)
{
    struct stat st;
    char *epath = NULL, *rpath = NULL, *edata = NULL, *rdata = NULL, why[128];
    size_t elen = 0, rlen = 0;
    rt_source es, rs;
    int rc, rc2;

    *out = NULL;
    if (!path || !diags)
        return RT_EINVAL;
    if (stat(path, &st) != 0) {
        int e = errno;
        rt_errno_text(why, sizeof(why), e);
        if (e == ENOENT)
            rt_diags__add(diags, RT_SEVERITY_ERROR, path, 0, 0, "no such dataset");
        else
            rt_diags__add(diags, RT_SEVERITY_ERROR, path, 0, 0, "cannot open: %s", why);
        return e == ENOENT || e == ENOTDIR ? RT_ENOTFOUND : RT_EIO;
    }
    if (!S_ISDIR(st.st_mode)) {
        rc = read_file(path, &rdata, &rlen, false, diags);
        if (rc == 0) {
            rs = (rt_source){path, rdata, rlen};
            rc = rt_dataset_load_sources(out, NULL, &rs, diags);
        }
        goto out;
    }
    epath = join(path, "entities.csv");
    rpath = join(path, "relationships.csv");
    if (!epath || !rpath) {
        rc = RT_ENOMEM;
        goto out;
    }
    /* Read both, so a directory missing both files says so once for each. */
    rc = read_file(epath, &edata, &elen, true, diags);
    rc2 = read_file(rpath, &rdata, &rlen, true, diags);
    if (rc == 0 || rc2 == RT_ENOMEM)
        rc = rc2;
    if (rc < 0)
        goto out;
    es = (rt_source){epath, edata, elen};
    rs = (rt_source){rpath, rdata, rlen};
    rc = rt_dataset_load_sources(out, &es, &rs, diags);
out:
    rt__free(edata);
    rt__free(rdata);
    rt__free(epath);
    rt__free(rpath);
    return rc;
}
