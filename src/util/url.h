/*
 * Which URLs from the data may become links, and how a link target is
 * written: one policy for every output (diagrams, Markdown, HTML).
 */
#ifndef RT_UTIL_URL_H
#define RT_UTIL_URL_H

#include <stdbool.h>

#include "util/buf.h"

/*
 * Whether url may become a link: an http or https URL with a host, and no
 * space, control or other hidden character (see rt_text__hidden()) in it.
 * Anything else (javascript:, data:, a relative path) is shown as text, if
 * at all, never linked.
 */
bool rt_url__is_web(const char *url);

/*
 * Append a URL that rt_url__is_web() accepts as a link target that cannot
 * end the construct it stands in: every byte that is not an RFC 3986
 * unreserved or reserved character, and the reserved ( ) [ ] ' that
 * Markdown and HTML read as syntax, is percent-encoded, so the target holds
 * no ( ) [ ] < > " ' \ ` or space. '&' stays: writers for XML escape it.
 * The encoded URL names the same resource.
 */
void rt_url__target(rt_buf *b, const char *url);

#endif
