/* The library's version, set by meson from the project version. */
#include "roundtrip/roundtrip.h"
#include "rt_config.h"

const char *rt_version(void)
{
    return RT_VERSION;
}
