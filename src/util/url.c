/* Links from the data: which URLs may become one, and how it is written. */
#include "util/url.h"

#include <string.h>

#include "util/text.h"

bool rt_url__is_web(const char *url)
{
    size_t n, len;
    const char *host;

    if (!url)
        return false;
    if (strncmp(url, "https://", 8) == 0)
        host = url + 8;
    else if (strncmp(url, "http://", 7) == 0)
        host = url + 7;
    else
        return false;
    if (*host == '\0' || *host == '/' || *host == '?' || *host == '#')
        return false;
    n = strlen(url);
    for (size_t i = 0; i < n; i += len)
        if ((unsigned char)url[i] == ' ' ||
            rt_text__hidden(url + i, n - i, &len) != RT_TEXT_VISIBLE)
            return false;
    return true;
}

/* RFC 3986 unreserved, and the reserved characters kept as they are. */
static bool kept(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != '\0' && strchr("-._~:/?#@!$&*+,;=%", c) != NULL);
}

void rt_url__target(rt_buf *b, const char *url)
{
    static const char hex[] = "0123456789ABCDEF";
    const char *from = url;

    for (const char *p = url; *p; p++) {
        unsigned char c = (unsigned char)*p;
        char enc[3];
        if (kept(c))
            continue;
        rt_buf__add(b, from, (size_t)(p - from));
        enc[0] = '%';
        enc[1] = hex[c >> 4];
        enc[2] = hex[c & 15];
        rt_buf__add(b, enc, 3);
        from = p + 1;
    }
    rt_buf__add(b, from, strlen(from));
}
