/* The umbrella header compiles on its own, with nothing before it. */
#include <roundtrip/roundtrip.h>

int main(void)
{
    return rt_version() == NULL;
}
