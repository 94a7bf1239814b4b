/*
 * Every allocation failure is handled: each step of the library after
 * loading (loops, every report format, exposures, diff, DOT and HTML
 * rendering) is run with its n-th allocation failing, for every n until
 * one run succeeds. Each failed run returns RT_ENOMEM, leaks nothing (the sanitizer
 * build checks) and a successful run gives the right answer. Loading and
 * the text and JSON loop reports have their own such tests (test_load,
 * test_loops). Allocations inside igraph, Graphviz and jansson are theirs.
 */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "render/render_impl.h"
#include "util/alloc.h"

typedef struct fixture {
    rt_dataset *old_ds, *new_ds;
} fixture;

/* One step: 0 and a NUL-terminated text in *out (free with free() via
 * rt_report_free / rt_render_free: both take what the library allocated). */
typedef int (*step_fn)(const fixture *f, char **out);

static int find(const rt_dataset *ds, rt_graph **g, rt_loops **ls)
{
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    int rc = rt_graph_build(g, ds, NULL, NULL);
    return rc ? rc : rt_loops_find(ls, *g, &lo);
}

static int loops_report(const fixture *f, char **out, rt_format format)
{
    rt_graph *g = NULL;
    rt_loops *ls = NULL;
    rt_report_options ro = RT_REPORT_OPTIONS_INIT;
    int rc = find(f->new_ds, &g, &ls);

    ro.format = format;
    ro.image = "loops.svg";
    if (rc == 0)
        rc = rt_report_loops(out, ls, &ro);
    rt_loops_free(ls);
    rt_graph_free(g);
    return rc;
}

static int markdown(const fixture *f, char **out)
{
    return loops_report(f, out, RT_FORMAT_MARKDOWN);
}

static int summary(const fixture *f, char **out)
{
    return loops_report(f, out, RT_FORMAT_SUMMARY);
}

static int exposures(const fixture *f, char **out, rt_format format)
{
    rt_graph *g = NULL;
    rt_exposures *x = NULL;
    rt_report_options ro = RT_REPORT_OPTIONS_INIT;
    int rc = rt_graph_build(&g, f->new_ds, NULL, NULL);

    ro.format = format;
    if (rc == 0)
        rc = rt_exposures_compute(&x, g, RT_SORT_STAKES, NULL);
    if (rc == 0)
        rc = rt_report_exposures(out, x, &ro);
    rt_exposures_free(x);
    rt_graph_free(g);
    return rc;
}

static int exposures_text(const fixture *f, char **out)
{
    return exposures(f, out, RT_FORMAT_TEXT);
}

static int exposures_json(const fixture *f, char **out)
{
    return exposures(f, out, RT_FORMAT_JSON);
}

static int diff(const fixture *f, char **out, rt_format format)
{
    rt_graph *og = NULL, *ng = NULL;
    rt_loops *ol = NULL, *nl = NULL;
    rt_diff *d = NULL;
    rt_report_options ro = RT_REPORT_OPTIONS_INIT;
    int rc = find(f->old_ds, &og, &ol);

    ro.format = format;
    if (rc == 0)
        rc = find(f->new_ds, &ng, &nl);
    if (rc == 0)
        rc = rt_diff_compute(&d, ol, nl);
    if (rc == 0)
        rc = rt_report_diff(out, d, &ro);
    rt_diff_free(d);
    rt_loops_free(nl);
    rt_loops_free(ol);
    rt_graph_free(ng);
    rt_graph_free(og);
    return rc;
}

static int diff_text(const fixture *f, char **out)
{
    return diff(f, out, RT_FORMAT_TEXT);
}

static int diff_json(const fixture *f, char **out)
{
    return diff(f, out, RT_FORMAT_JSON);
}

static int render_dot(const fixture *f, char **out)
{
    rt_graph *g = NULL;
    rt_loops *ls = NULL;
    rt_render_options ro = RT_RENDER_OPTIONS_INIT;
    size_t len;
    int rc = find(f->new_ds, &g, &ls);

    ro.format = RT_RENDER_DOT;
    if (rc == 0)
        rc = rt_render(out, &len, ls, &ro, NULL);
    rt_loops_free(ls);
    rt_graph_free(g);
    return rc;
}

/* The HTML page around a drawing: the loops of every date, the script.
 * The drawing itself is Graphviz's, whose layout crashes when cgraph's ID
 * discipline refuses a node (render/render_impl.h). */
static int html_page(const fixture *f, char **out)
{
    rt_graph *g = NULL;
    rt_loops *ls = NULL;
    rt_render_options ro = RT_RENDER_OPTIONS_INIT;
    size_t len;
    int rc = find(f->new_ds, &g, &ls);

    ro.format = RT_RENDER_HTML;
    if (rc == 0)
        rc = rt_render__html_page(out, &len, ls, &ro, "<svg></svg>", NULL);
    rt_loops_free(ls);
    rt_graph_free(g);
    return rc;
}

/* Count every cycle, as `roundtrip loops --all --count` does (contracting
 * the graph, on two threads). */
static int count_by(const fixture *f, char **out, bool enumerate)
{
    rt_graph *g = NULL;
    rt_loops *ls = NULL;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    int rc = rt_graph_build(&g, f->new_ds, NULL, NULL);

    lo.enumerate = enumerate;
    lo.all = true;
    lo.count_only = true;
    lo.jobs = 2;
    lo.cycles.max_len = 0;
    if (rc == 0)
        rc = rt_loops_find(&ls, g, &lo);
    if (rc == 0) {
        *out = malloc(64);
        assert_non_null(*out);
        snprintf(*out, 64, "cycles %zu.", rt_loops_cycles_total(ls));
    }
    rt_loops_free(ls);
    rt_graph_free(g);
    return rc;
}

static int count_all(const fixture *f, char **out)
{
    return count_by(f, out, false);
}

/* Run a step with each allocation failing in turn; the successful run's
 * text must contain `want`. */
static void survive(const fixture *f, step_fn step, const char *want)
{
    long failures = 0;
    for (long n = 1; n < 1000000; n++) {
        char *out = NULL;
        bool failed;
        int rc;

        rt__alloc_fail_after(n);
        rc = step(f, &out);
        rt__alloc_fail_after(0);
        failed = rt__alloc_failed();
        if (rc != 0) {
            if (rc != RT_ENOMEM || !failed)
                fail_msg("allocation %ld: %s (failed: %d)", n, rt_strerror(rc), failed);
            failures++;
        } else if (!strstr(out, want)) {
            fail_msg("run %ld succeeded without \"%s\":\n%s", n, want, out);
        }
        rt_report_free(out);
        if (!failed) {
            assert_int_equal(rc, 0);
            break;
        }
    }
    assert_true(failures > 5);
}

static int setup(void **state)
{
    static fixture f;
    rt_diags *d;
    assert_int_equal(rt_diags_new(&d), 0);
    assert_int_equal(rt_dataset_load(&f.old_ds, test_data("snap-old"), d), 0);
    assert_int_equal(rt_dataset_load(&f.new_ds, test_data("snap-new"), d), 0);
    rt_diags_free(d);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    rt_dataset_free(f->old_ds);
    rt_dataset_free(f->new_ds);
    return 0;
}

static void test_oom_markdown_report(void **state)
{
    survive(*state, markdown, "![");
}

static void test_oom_summary_report(void **state)
{
    survive(*state, summary, "1     confirmed   direct    $6B");
}

static void test_oom_exposures(void **state)
{
    survive(*state, exposures_text, "pagerank");
    survive(*state, exposures_json, "\"pagerank\"");
}

static void test_oom_diff(void **state)
{
    survive(*state, diff_text, "Loops: 1 appeared, 0 disappeared, 1 changed");
    survive(*state, diff_json, "\"loops\"");
}

static void test_oom_count_all(void **state)
{
    char *want = NULL;

    /* The count by visiting every cycle is the answer to get. */
    assert_int_equal(count_by(*state, &want, true), 0);
    assert_string_not_equal(want, "cycles 0.");
    survive(*state, count_all, want);
    rt_report_free(want);
}

static void test_oom_render_dot(void **state)
{
    survive(*state, render_dot, "digraph");
}

static void test_oom_render_html(void **state)
{
    survive(*state, html_page, "\"snapshots\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oom_markdown_report), cmocka_unit_test(test_oom_summary_report),
        cmocka_unit_test(test_oom_exposures),       cmocka_unit_test(test_oom_diff),
        cmocka_unit_test(test_oom_render_dot),      cmocka_unit_test(test_oom_render_html),
        cmocka_unit_test(test_oom_count_all),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
