/* Descriptions of error codes. */
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
