/* Write the loop explorer of a dataset through the public API alone, for
 * the browser test (the CLI's render command is not needed):
 *     html-page DATASET OUT.html [TITLE]
 * Exit status 0, 64 (usage), 65 (the dataset or the page failed). */
#include <stdio.h>
#include <stdlib.h>

#include <roundtrip/roundtrip.h>

int main(int argc, char **argv)
{
    rt_dataset *ds = NULL;
    rt_graph *g = NULL;
    rt_loops *loops = NULL;
    rt_diags *diags = NULL;
    rt_loop_options lo = RT_LOOP_OPTIONS_INIT;
    rt_render_options ro = RT_RENDER_OPTIONS_INIT;
    char *page = NULL;
    size_t len = 0;
    FILE *f;
    int status = 65;

    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: html-page DATASET OUT.html [TITLE]\n");
        return 64;
    }
    ro.format = RT_RENDER_HTML;
    ro.title = argc > 3 ? argv[3] : NULL;
    if (rt_diags_new(&diags) != 0 || rt_dataset_load(&ds, argv[1], diags) != 0 ||
        rt_graph_build(&g, ds, NULL, diags) != 0 || rt_loops_find(&loops, g, &lo) != 0 ||
        rt_render(&page, &len, loops, &ro, diags) != 0) {
        for (size_t i = 0; diags && i < rt_diags_count(diags); i++)
            fprintf(stderr, "html-page: %s\n", rt_diags_get(diags, i)->msg);
        fprintf(stderr, "html-page: %s: cannot make the page\n", argv[1]);
        goto out;
    }
    if (!(f = fopen(argv[2], "wb")) || fwrite(page, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "html-page: %s: cannot write\n", argv[2]);
        goto out;
    }
    status = 0;
out:
    rt_render_free(page);
    rt_loops_free(loops);
    rt_graph_free(g);
    rt_dataset_free(ds);
    rt_diags_free(diags);
    return status;
}
