/*
 * A program outside the tree that uses the installed library, built by
 * .ci/run with `pkg-config --cflags --libs roundtrip`: it must
 * compile against the installed headers, link, and count the loops.
 */
#include <roundtrip/roundtrip.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    rt_diags *diags = NULL;
    rt_dataset *ds = NULL;
    rt_graph *g = NULL;
    rt_loops *loops = NULL;
    rt_loop_options opts = RT_LOOP_OPTIONS_INIT;
    int rc;

    if (argc != 2 || rt_diags_new(&diags) != RT_OK)
        return 2;
    rc = rt_dataset_load(&ds, argv[1], diags);
    if (rc == RT_OK)
        rc = rt_graph_build(&g, ds, NULL, diags);
    if (rc == RT_OK)
        rc = rt_loops_find(&loops, g, &opts);
    if (rc == RT_OK)
        printf("%zu loops (roundtrip %s)\n", rt_loops_count(loops), rt_version());
    else
        fprintf(stderr, "use-library: %s\n", rt_strerror(rc));
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    return rc == RT_OK ? 0 : 1;
}
