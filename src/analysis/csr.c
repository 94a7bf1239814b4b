/* The compact copy of a graph that the cycle searches run on (rt_csr). */
#include <stdint.h>
#include <string.h>

#include "analysis/analysis.h"
#include "util/alloc.h"

int rt_csr__init(rt_csr *c, size_t n, size_t m, bool weighted)
{
    memset(c, 0, sizeof(*c));
    if (n >= UINT32_MAX || m >= UINT32_MAX)
        return RT_EINVAL;
    c->n = n;
    c->m = m;
    c->out_first = rt__calloc(n + 1, sizeof(uint32_t));
    c->in_first = rt__calloc(n + 2, sizeof(uint32_t));
    c->group = rt__calloc(n + 1, sizeof(uint32_t));
    c->to = rt__calloc(m + 1, sizeof(uint32_t));
    c->from = rt__calloc(m + 1, sizeof(uint32_t));
    c->in_arc = rt__calloc(m + 1, sizeof(uint32_t));
    if (weighted)
        c->weight = rt__calloc(m + 1, sizeof(size_t));
    if (!c->out_first || !c->in_first || !c->group || !c->to || !c->from || !c->in_arc ||
        (weighted && !c->weight)) {
        rt_csr__destroy(c);
        return RT_ENOMEM;
    }
    return RT_OK;
}

void rt_csr__index_heads(rt_csr *c)
{
    /* Counting sort by head: in_first[v + 1] is the cursor while filling. */
    for (size_t k = 0; k < c->m; k++)
        c->in_first[c->to[k] + 2]++;
    for (size_t v = 0; v < c->n; v++)
        c->in_first[v + 2] += c->in_first[v + 1];
    for (size_t k = 0; k < c->m; k++)
        c->in_arc[c->in_first[c->to[k] + 1]++] = (uint32_t)k;
}

void rt_csr__destroy(rt_csr *c)
{
    if (!c)
        return;
    rt__free(c->out_first);
    rt__free(c->to);
    rt__free(c->from);
    rt__free(c->in_first);
    rt__free(c->in_arc);
    rt__free(c->group);
    rt__free(c->weight);
    memset(c, 0, sizeof(*c));
}

size_t rt_csr__mul(size_t a, size_t b, bool *saturated)
{
    if (a != 0 && b > SIZE_MAX / a) {
        if (saturated)
            *saturated = true;
        return SIZE_MAX;
    }
    return a * b;
}

size_t rt_csr__add(size_t a, size_t b, bool *saturated)
{
    if (b > SIZE_MAX - a) {
        *saturated = true;
        return SIZE_MAX;
    }
    return a + b;
}
