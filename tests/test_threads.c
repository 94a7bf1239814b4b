/*
 * Two analyses and two renders at once, on two threads, give the bytes one
 * thread gives: the library keeps no state between calls that two threads
 * could share (tests/no-global-state.sh lists what it keeps, each under a
 * lock). CI runs this under ThreadSanitizer too (.ci/run, build-tsan),
 * which reports any data race between the threads.
 */
#include "helpers.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one pipeline gives on the bundled dataset: every report and a
 * drawing. */
typedef struct outputs {
    const char *dataset; /* in: source_path()'s buffer is one, not per thread */
    char *text, *markdown, *json, *entities, *svg;
    size_t svg_len;
    int rc;
} outputs;

static int pipeline(outputs *o)
{
    rt_dataset *ds = NULL;
    rt_graph *g = NULL;
    rt_loops *loops = NULL, *counted = NULL;
    rt_exposures *x = NULL;
    rt_diags *diags = NULL;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    rt_report_options ro = RT_REPORT_OPTIONS_INIT;
    rt_render_options rend = RT_RENDER_OPTIONS_INIT;
    int rc;

    if ((rc = rt_diags_new(&diags)) < 0 || (rc = rt_dataset_load(&ds, o->dataset, diags)) < 0 ||
        (rc = rt_graph_build(&g, ds, NULL, diags)) < 0 || (rc = rt_loops_find(&loops, g, &lo)) < 0)
        goto out;
    lo.count_only = true;
    lo.jobs = 2;
    if ((rc = rt_loops_find(&counted, g, &lo)) < 0)
        goto out;
    rc = rt_loops_count(counted) == rt_loops_count(loops) ? RT_OK : RT_ERROR;
    if (rc < 0 || (rc = rt_report_loops(&o->text, loops, &ro)) < 0)
        goto out;
    ro.format = RT_FORMAT_MARKDOWN;
    if ((rc = rt_report_loops(&o->markdown, loops, &ro)) < 0)
        goto out;
    ro.format = RT_FORMAT_JSON;
    if ((rc = rt_report_loops(&o->json, loops, &ro)) < 0 ||
        (rc = rt_exposures_compute(&x, g, RT_SORT_PAGERANK, diags)) < 0 ||
        (rc = rt_report_exposures(&o->entities, x, &ro)) < 0)
        goto out;
    rend.format = RT_RENDER_SVG;
    rend.loops_only = true;
    rc = rt_render(&o->svg, &o->svg_len, loops, &rend, diags);
out:
    rt_exposures_free(x);
    rt_loops_free(counted);
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    o->rc = rc;
    return rc;
}

static void *run_pipeline(void *arg)
{
    pipeline(arg);
    return NULL;
}

static void outputs_free(outputs *o)
{
    rt_report_free(o->text);
    rt_report_free(o->markdown);
    rt_report_free(o->json);
    rt_report_free(o->entities);
    rt_render_free(o->svg);
}

static void assert_same(const outputs *a, const outputs *b)
{
    assert_int_equal(a->rc, RT_OK);
    assert_int_equal(b->rc, RT_OK);
    assert_string_equal(a->text, b->text);
    assert_string_equal(a->markdown, b->markdown);
    assert_string_equal(a->json, b->json);
    assert_string_equal(a->entities, b->entities);
    assert_int_equal(a->svg_len, b->svg_len);
    assert_memory_equal(a->svg, b->svg, a->svg_len);
}

static void test_threads_two_pipelines_at_once_give_what_one_gives(void **state)
{
    char dataset[512];
    outputs alone, first, second;
    pthread_t t1, t2;
    (void)state;
    snprintf(dataset, sizeof(dataset), "%s", source_path("data/ai-2026"));
    memset(&alone, 0, sizeof(alone));
    alone.dataset = dataset;
    assert_int_equal(pipeline(&alone), RT_OK);
    for (int round = 0; round < 3; round++) {
        memset(&first, 0, sizeof(first));
        memset(&second, 0, sizeof(second));
        first.dataset = second.dataset = dataset;
        assert_int_equal(pthread_create(&t1, NULL, run_pipeline, &first), 0);
        assert_int_equal(pthread_create(&t2, NULL, run_pipeline, &second), 0);
        assert_int_equal(pthread_join(t1, NULL), 0);
        assert_int_equal(pthread_join(t2, NULL), 0);
        assert_same(&alone, &first);
        assert_same(&alone, &second);
        outputs_free(&first);
        outputs_free(&second);
    }
    outputs_free(&alone);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_threads_two_pipelines_at_once_give_what_one_gives),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
