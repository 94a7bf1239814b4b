/*
 * Fuzz the loader with any bytes: "ENTITIES \f RELATIONSHIPS", or without a
 * form feed a relationships file alone (see fuzz.h). Checks what a load
 * promises (checks.c): a dataset xor errors, and a dataset that holds
 * together (indexes in range, claims grouped, parents without cycles).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_files f = fuzz_split(data, size);
    rt_diags *diags = NULL;

    if (rt_diags_new(&diags) != 0)
        abort();
    rt_dataset_free(fuzz_load_checked(&f, diags));
    rt_diags_free(diags);
    return 0;
}
