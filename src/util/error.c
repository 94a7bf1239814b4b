/* Descriptions of error codes, ours and the system's. */
#include <stdio.h>
#include <string.h>

#include "roundtrip/error.h"

const char *rt_strerror(int code)
{
    switch (code) {
    case RT_OK:
        return "success";
    case RT_ENOMEM:
        return "out of memory";
    case RT_ENOTFOUND:
        return "no such file or dataset";
    case RT_EDATA:
        return "the input has errors";
    case RT_EIO:
        return "input/output error";
    case RT_EINVAL:
        return "invalid argument";
    default:
        return "unexpected error";
    }
}

const char *rt_errno_text(char *buf, size_t len, int errnum)
{
    char why[128];

    if (len == 0)
        return buf;
    /* The XSI strerror_r() of _POSIX_C_SOURCE: 0 when it wrote `why`. */
    if (strerror_r(errnum, why, sizeof(why)) != 0)
        snprintf(why, sizeof(why), "error %d", errnum);
    snprintf(buf, len, "%s", why);
    if (buf[0] >= 'A' && buf[0] <= 'Z')
        buf[0] = (char)(buf[0] - 'A' + 'a');
    return buf;
}
