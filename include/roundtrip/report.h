/*
 * roundtrip: reports of the loops, as text for a terminal or as JSON.
 * The library writes reports into strings; the caller decides where they go.
 */
#ifndef ROUNDTRIP_REPORT_H
#define ROUNDTRIP_REPORT_H

#include "diff.h"
#include "exposure.h"
#include "loops.h"

RT_BEGIN_DECLS

typedef enum rt_format {
    RT_FORMAT_TEXT = 0, /* every loop with its hops, claims and figures */
    RT_FORMAT_JSON,
    RT_FORMAT_SUMMARY,  /* one line per loop: rank, status, amount, ratio, members */
    RT_FORMAT_MARKDOWN, /* a section for a research note, sources as footnotes */
} rt_format;

typedef struct rt_report_options {
    unsigned version;
    rt_format format;
    const char *image; /* Markdown: a diagram to embed, as a relative link; or NULL */
    const char *page;  /* Markdown: the loop explorer (render to .html) to link to; or NULL */
    /* Markdown: a diagram per loop, put in its section, as relative links in
     * rank order (loop_images[i] for the loop ranked i + 1; a NULL entry
     * for none); or NULL. loop_image_count entries. */
    const char *const *loop_images;
    size_t loop_image_count;
} rt_report_options;

#define RT_REPORT_OPTIONS_VERSION 3
#define RT_REPORT_OPTIONS_INIT                                                                     \
    {                                                                                              \
        RT_REPORT_OPTIONS_VERSION, RT_FORMAT_TEXT, NULL, NULL, NULL, 0                             \
    }

/*
 * Write the report of `loops` (found on its graph and dataset) into a new
 * NUL-terminated string *out, which the caller frees with rt_report_free().
 * The same input always gives the same bytes. Returns 0, RT_EINVAL (bad
 * options; loops found with count_only have no report) or RT_ENOMEM.
 */
RT_EXPORT int rt_report_loops(char **out, const rt_loops *loops, const rt_report_options *opts);

/*
 * Write the exposure report (text, Markdown or JSON; RT_FORMAT_SUMMARY is
 * the text table alone) into a new string *out, freed with
 * rt_report_free(). Returns 0, RT_EINVAL or RT_ENOMEM.
 */
RT_EXPORT int rt_report_exposures(char **out, const rt_exposures *x, const rt_report_options *opts);

/*
 * Write what changed between two versions (text, Markdown or JSON) into a
 * new string *out, freed with rt_report_free(). Returns 0, RT_EINVAL or
 * RT_ENOMEM.
 */
RT_EXPORT int rt_report_diff(char **out, const rt_diff *d, const rt_report_options *opts);

/* Free a report string. Accepts NULL. */
RT_EXPORT void rt_report_free(char *report);

RT_END_DECLS

#endif
