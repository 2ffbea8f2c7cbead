/* info.c - pmml info and pmml validate. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static int load(const char *path, unsigned flags, pmml_diagnostic_fn diag, pmml_model **out,
                pmml_error *err)
{
    pmml_load_options opts = PMML_LOAD_OPTIONS_INIT;
    opts.flags = flags;
    opts.diagnostic = diag;
    return pmml_model_load_file(out, path, &opts, err);
}

int pmml_cli_info(int argc, char **argv)
{
    pmml_model *m = NULL;
    pmml_error err;
    size_t i, j, n;
    if (argc != 2) {
        fprintf(stderr, "usage: pmml info MODEL\n");
        return EXIT_USAGE;
    }
    if (load(argv[1], 0, NULL, &m, &err) != PMML_OK) {
        pmml_cli_print_error(argv[1], &err);
        return EXIT_MODEL;
    }
    printf("model: %s (%s), PMML %s\n", pmml_model_type(m), pmml_model_function(m),
           pmml_model_pmml_version(m));
    n = pmml_model_input_count(m);
    printf("inputs: %zu\n", n);
    for (i = 0; i < n; i++) {
        size_t nv = pmml_model_input_value_count(m, i);
        printf("  %s  %s %s", pmml_model_input_name(m, i),
               pmml_datatype_name(pmml_model_input_datatype(m, i)),
               pmml_optype_name(pmml_model_input_optype(m, i)));
        if (nv) {
            printf("  {");
            for (j = 0; j < nv; j++)
                printf("%s%s", j ? ", " : "", pmml_model_input_value(m, i, j));
            printf("}");
        }
        printf("\n");
    }
    n = pmml_model_output_count(m);
    printf("results: %zu\n", n);
    for (i = 0; i < n; i++)
        printf("  %s  %s %s\n", pmml_model_output_name(m, i),
               pmml_datatype_name(pmml_model_output_datatype(m, i)),
               pmml_optype_name(pmml_model_output_optype(m, i)));
    {
        double kib = (double)pmml_model_memory_bytes(m) / 1024.0;
        if (kib < 1024.0)
            printf("memory: %.0f KiB\n", kib);
        else
            printf("memory: %.1f MiB\n", kib / 1024.0);
    }
    if (pmml_model_block_reason(m))
        printf("scoring: row by row (%s)\n", pmml_model_block_reason(m));
    else
        printf("scoring: in blocks of rows\n");
    pmml_model_free(m);
    return EXIT_OK;
}

static void print_problem(const pmml_error *e, void *payload)
{
    int *count = payload;
    (*count)++;
    if (e->line > 0)
        printf("%s:%d: %s\n", e->source, e->line, e->message);
    else
        printf("%s: %s\n", e->source, e->message);
}

int pmml_cli_validate(int argc, char **argv)
{
    pmml_model *m = NULL;
    pmml_error err;
    pmml_load_options opts = PMML_LOAD_OPTIONS_INIT;
    int count = 0, rc;
    if (argc != 2) {
        fprintf(stderr, "usage: pmml validate MODEL\n");
        return EXIT_USAGE;
    }
    opts.flags = PMML_LOAD_VALIDATE;
    opts.diagnostic = print_problem;
    opts.diagnostic_payload = &count;
    rc = pmml_model_load_file(&m, argv[1], &opts, &err);
    if (rc != PMML_OK) {
        /* every problem was printed by the diagnostic hook */
        printf("%s: not valid (%d problem%s)\n", argv[1], count, count == 1 ? "" : "s");
        return EXIT_MODEL;
    }
    pmml_model_free(m);
    printf("%s: valid\n", argv[1]);
    return EXIT_OK;
}
