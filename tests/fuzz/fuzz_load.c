/* fuzz_load.c - bytes -> pmml_model_load_memory: any input must give a model
 * or an error, with nothing leaked (the sanitizers and valgrind check). */
#include <stdlib.h>
#include <string.h>

#include "pmml.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pmml_model *m = NULL;
    pmml_error err;
    pmml_load_options o = PMML_LOAD_OPTIONS_INIT;
    int rc;
    /* a small document limit keeps each run fast; the loader itself is the
     * same at any size */
    o.max_document_bytes = 1 << 20;
    rc = pmml_model_load_memory(&m, data, size, "fuzz.pmml", &o, &err);
    if (rc == PMML_OK) {
        size_t i, n = pmml_model_input_count(m);
        for (i = 0; i < n; i++)
            (void)pmml_model_input_name(m, i);
        pmml_model_free(m);
    } else if (m != NULL || err.code != rc || memchr(err.message, '\0', sizeof err.message) == NULL) {
        abort();
    }
    return 0;
}
