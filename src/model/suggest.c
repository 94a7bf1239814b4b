/* Did-you-mean suggestions by edit distance. */
#include <string.h>

#include "model/model.h"
#include "util/alloc.h"

static unsigned char fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static size_t min3(size_t a, size_t b, size_t c)
{
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

/*
 * Optimal string alignment distance with three rolling rows, O(an * bn)
 * time and O(bn) space. Words here are names and kinds, so short; longer
 * ones than 64 bytes are not worth suggesting for and count as far apart.
 */
size_t rt_suggest__distance(const char *a, size_t an, const char *b, size_t bn, size_t limit)
{
    size_t rows[3][65];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    size_t prevmin = 0;

    if (an > 64 || bn > 64)
        return limit + 1;
    if ((an > bn ? an - bn : bn - an) > limit)
        return limit + 1;
    for (size_t j = 0; j <= bn; j++)
        prev[j] = j;
    for (size_t i = 1; i <= an; i++) {
        size_t rowmin;
        cur[0] = i;
        rowmin = i;
        for (size_t j = 1; j <= bn; j++) {
            unsigned char ca = fold((unsigned char)a[i - 1]), cb = fold((unsigned char)b[j - 1]);
            size_t cost = ca != cb;
            cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (i > 1 && j > 1 && ca == fold((unsigned char)b[j - 2]) &&
                fold((unsigned char)a[i - 2]) == cb && prev2[j - 2] + 1 < cur[j])
                cur[j] = prev2[j - 2] + 1;
            if (cur[j] < rowmin)
                rowmin = cur[j];
        }
        /* A transposition jumps from row i-2 to row i, so give up only
         * when two rows in a row are past the limit. */
        if (rowmin > limit && prevmin > limit)
            return limit + 1;
        prevmin = rowmin;
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[bn] <= limit ? prev[bn] : limit + 1;
}

void rt_suggest__init(rt_suggest *sg, const char *word, size_t len)
{
    sg->word = word;
    sg->len = len;
    /* One typo in a short word, two in a medium one, three in a long one:
     * enough for 'equitty' and 'Antropic', too little to match unrelated names. */
    sg->limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
    sg->best_dist = sg->limit + 1;
    sg->best = NULL;
}

void rt_suggest__offer(rt_suggest *sg, const char *candidate)
{
    size_t d = rt_suggest__distance(sg->word, sg->len, candidate, strlen(candidate), sg->limit);

    if (d < sg->best_dist) {
        sg->best_dist = d;
        sg->best = candidate;
    }
}

const char *rt_suggest_closest(const char *word, const char *const *candidates, size_t n)
{
    rt_suggest sg;

    rt_suggest__init(&sg, word, strlen(word));
    for (size_t i = 0; i < n; i++)
        rt_suggest__offer(&sg, candidates[i]);
    return sg.best;
}

const char *rt_status_suggest(const char *name)
{
    return rt_status__suggest(name, strlen(name));
}
