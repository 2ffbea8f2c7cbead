/* info.c - pmml info and pmml validate. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "io/write.h"

static int load(const char *path, unsigned flags, pmml_diagnostic_fn diag, pmml_model **out,
                pmml_error *err)
{
    pmml_load_options opts = PMML_LOAD_OPTIONS_INIT;
    opts.flags = flags;
    opts.diagnostic = diag;
    return pmml_model_load_file(out, path, &opts, err);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The shortest of %.15g, %.16g and %.17g that reads back as d. */
static const char *num(char *buf, size_t size, double d)
{
    int p;
    if (isnan(d))
        return "NaN";
    if (isinf(d))
        return d > 0 ? "Infinity" : "-Infinity";
    for (p = 15; p < 17; p++) {
        snprintf(buf, size, "%.*g", p, d);
        if (strtod(buf, NULL) == d)
            return buf;
    }
    snprintf(buf, size, "%.17g", d);
    return buf;
}

static const char *treatment(const pmml_model *m, size_t i, int what)
{
    return pmml_model_input_treatment(m, i, what);
}

/* ---- pmml info ---- */

static void print_values(const char *const *vals, size_t n)
{
    size_t j;
    if (!n)
        return;
    printf("  {");
    for (j = 0; j < n; j++)
        printf("%s%s", j ? ", " : "", vals[j]);
    printf("}");
}

/* "missing: 10", "missing: 4.2 (asMean)", "invalid: asMissing"; nothing
 * for the default treatment without a replacement. */
static void print_treatment(const char *what, const char *t, const char *r, const char *dflt)
{
    int is_default = !t || strcmp(t, dflt) == 0;
    if (r && is_default)
        printf("  %s: %s", what, r);
    else if (r)
        printf("  %s: %s (%s)", what, r, t);
    else if (!is_default)
        printf("  %s: %s", what, t);
}

static void print_input(const pmml_model *m, size_t i)
{
    size_t nv = pmml_model_input_value_count(m, i), ni = pmml_model_input_interval_count(m, i);
    size_t j;
    const char *t, *r;
    printf("  %s  %s %s", pmml_model_input_name(m, i),
           pmml_datatype_name(pmml_model_input_datatype(m, i)),
           pmml_optype_name(pmml_model_input_optype(m, i)));
    if (nv) {
        printf("  {");
        for (j = 0; j < nv; j++)
            printf("%s%s", j ? ", " : "", pmml_model_input_value(m, i, j));
        printf("}");
    }
    for (j = 0; j < ni; j++) {
        double lo, hi;
        const char *closure;
        char a[40], b[40];
        if (pmml_model_input_interval(m, i, j, &lo, &hi, &closure) != PMML_OK)
            continue;
        printf("%s%c%s, %s%c", j ? " " : "  ", closure[0] == 'c' ? '[' : '(',
               num(a, sizeof a, lo), num(b, sizeof b, hi),
               strstr(closure, "Closed") ? ']' : ')');
    }
    /* only what differs from the defaults */
    t = treatment(m, i, PMML_TREATMENT_MISSING);
    r = treatment(m, i, PMML_TREATMENT_MISSING_REPLACEMENT);
    print_treatment("missing", t, r, "asIs");
    t = treatment(m, i, PMML_TREATMENT_INVALID);
    r = treatment(m, i, PMML_TREATMENT_INVALID_REPLACEMENT);
    print_treatment("invalid", t, r, "returnInvalid");
    t = treatment(m, i, PMML_TREATMENT_OUTLIERS);
    if (t && strcmp(t, "asIs") != 0) {
        const char *lo = treatment(m, i, PMML_TREATMENT_LOW_VALUE);
        const char *hi = treatment(m, i, PMML_TREATMENT_HIGH_VALUE);
        printf("  outliers: %s below %s or above %s", t, lo ? lo : "-Infinity",
               hi ? hi : "Infinity");
    }
    printf("\n");
}

static const char *const count_names[][2] = {
    { "model", "models" },     { "segment", "segments" }, { "tree", "trees" },
    { "node", "nodes" },       { "neuron", "neurons" },
};

static void print_text(const pmml_model *m, double load_s)
{
    size_t i, n;
    const char *app = pmml_model_header(m, PMML_HEADER_APPLICATION_NAME);
    const char *ver = pmml_model_header(m, PMML_HEADER_APPLICATION_VERSION);
    printf("model: %s (%s), PMML %s\n", pmml_model_type(m), pmml_model_function(m),
           pmml_model_pmml_version(m));
    if (app || ver)
        printf("producer: %s%s%s\n", app ? app : "", app && ver ? " " : "", ver ? ver : "");
    n = pmml_model_input_count(m);
    printf("inputs: %zu\n", n);
    for (i = 0; i < n; i++)
        print_input(m, i);
    n = pmml_model_output_count(m);
    printf("results: %zu\n", n);
    for (i = 0; i < n; i++) {
        size_t j, nv = pmml_model_output_value_count(m, i);
        const char *vals[64];
        printf("  %s  %s %s", pmml_model_output_name(m, i),
               pmml_datatype_name(pmml_model_output_datatype(m, i)),
               pmml_optype_name(pmml_model_output_optype(m, i)));
        for (j = 0; j < nv && j < 64; j++)
            vals[j] = pmml_model_output_value(m, i, j);
        print_values(vals, j);
        if (nv > 64)
            printf(" (%zu values)", nv);
        printf("\n");
    }
    printf("size:");
    for (i = PMML_COUNT_MODELS; i <= PMML_COUNT_NEURONS; i++) {
        size_t c = pmml_model_count(m, (int)i);
        if (c || i == PMML_COUNT_MODELS)
            printf("%s %zu %s", i == PMML_COUNT_MODELS ? "" : ",", c,
                   count_names[i - 1][c != 1]);
    }
    printf("\n");
    {
        double kib = (double)pmml_model_memory_bytes(m) / 1024.0;
        if (kib < 1024.0)
            printf("memory: %.0f KiB\n", kib);
        else
            printf("memory: %.1f MiB\n", kib / 1024.0);
    }
    if (load_s < 1)
        printf("load time: %.1f ms\n", load_s * 1000);
    else
        printf("load time: %.2f s\n", load_s);
    if (pmml_model_block_reason(m))
        printf("scoring: row by row (%s)\n", pmml_model_block_reason(m));
    else
        printf("scoring: in blocks of rows\n");
}

/* ---- pmml info --json ---- */

static void j_str(pm_writer *w, const char *s)
{
    if (s)
        pm_write_json_string(w, s, strlen(s));
    else
        pm_write_str(w, "null");
}

static void j_key(pm_writer *w, int *first, const char *key)
{
    if (!*first)
        pm_put(w, ',');
    *first = 0;
    j_str(w, key);
    pm_put(w, ':');
}

static void j_num(pm_writer *w, double d)
{
    char buf[40];
    if (isnan(d) || isinf(d))
        pm_write_str(w, "null"); /* JSON has no infinity: an open end */
    else
        pm_write_str(w, num(buf, sizeof buf, d));
}

static void j_size(pm_writer *w, size_t n)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", n);
    pm_write_str(w, buf);
}

static void j_input(pm_writer *w, const pmml_model *m, size_t i)
{
    static const struct {
        const char *key;
        int what;
    } treat[] = {
        { "missing_treatment", PMML_TREATMENT_MISSING },
        { "missing_replacement", PMML_TREATMENT_MISSING_REPLACEMENT },
        { "invalid_treatment", PMML_TREATMENT_INVALID },
        { "invalid_replacement", PMML_TREATMENT_INVALID_REPLACEMENT },
        { "outliers", PMML_TREATMENT_OUTLIERS },
        { "low_value", PMML_TREATMENT_LOW_VALUE },
        { "high_value", PMML_TREATMENT_HIGH_VALUE },
    };
    size_t j, n;
    int first = 1;
    pm_put(w, '{');
    j_key(w, &first, "name");
    j_str(w, pmml_model_input_name(m, i));
    j_key(w, &first, "datatype");
    j_str(w, pmml_datatype_name(pmml_model_input_datatype(m, i)));
    j_key(w, &first, "optype");
    j_str(w, pmml_optype_name(pmml_model_input_optype(m, i)));
    j_key(w, &first, "values");
    pm_put(w, '[');
    n = pmml_model_input_value_count(m, i);
    for (j = 0; j < n; j++) {
        if (j)
            pm_put(w, ',');
        j_str(w, pmml_model_input_value(m, i, j));
    }
    pm_put(w, ']');
    j_key(w, &first, "intervals");
    pm_put(w, '[');
    n = pmml_model_input_interval_count(m, i);
    for (j = 0; j < n; j++) {
        double lo, hi;
        const char *closure;
        int f = 1;
        if (pmml_model_input_interval(m, i, j, &lo, &hi, &closure) != PMML_OK)
            continue;
        if (j)
            pm_put(w, ',');
        pm_put(w, '{');
        j_key(w, &f, "closure");
        j_str(w, closure);
        j_key(w, &f, "left");
        j_num(w, lo);
        j_key(w, &f, "right");
        j_num(w, hi);
        pm_put(w, '}');
    }
    pm_put(w, ']');
    for (j = 0; j < sizeof treat / sizeof treat[0]; j++) {
        j_key(w, &first, treat[j].key);
        j_str(w, pmml_model_input_treatment(m, i, treat[j].what));
    }
    pm_put(w, '}');
}

static void print_json(const pmml_model *m, const char *path, double load_s)
{
    static const struct {
        const char *key;
        int field;
    } header[] = {
        { "application", PMML_HEADER_APPLICATION_NAME },
        { "application_version", PMML_HEADER_APPLICATION_VERSION },
        { "copyright", PMML_HEADER_COPYRIGHT },
        { "description", PMML_HEADER_DESCRIPTION },
        { "model_version", PMML_HEADER_MODEL_VERSION },
        { "timestamp", PMML_HEADER_TIMESTAMP },
    };
    static const char *const counts[] = { "models", "segments", "trees", "nodes", "neurons" };
    pm_writer w;
    size_t i, j, n;
    int first = 1, f;
    char buf[40];
    if (pm_writer_init(&w, stdout) < 0)
        return;
    pm_put(&w, '{');
    j_key(&w, &first, "file");
    j_str(&w, path);
    j_key(&w, &first, "model");
    j_str(&w, pmml_model_type(m));
    j_key(&w, &first, "function");
    j_str(&w, pmml_model_function(m));
    j_key(&w, &first, "pmml_version");
    j_str(&w, pmml_model_pmml_version(m));
    j_key(&w, &first, "header");
    pm_put(&w, '{');
    for (i = 0, f = 1; i < sizeof header / sizeof header[0]; i++) {
        j_key(&w, &f, header[i].key);
        j_str(&w, pmml_model_header(m, header[i].field));
    }
    pm_put(&w, '}');
    j_key(&w, &first, "inputs");
    pm_put(&w, '[');
    n = pmml_model_input_count(m);
    for (i = 0; i < n; i++) {
        if (i)
            pm_put(&w, ',');
        j_input(&w, m, i);
    }
    pm_put(&w, ']');
    j_key(&w, &first, "results");
    pm_put(&w, '[');
    n = pmml_model_output_count(m);
    for (i = 0; i < n; i++) {
        size_t nv = pmml_model_output_value_count(m, i);
        if (i)
            pm_put(&w, ',');
        f = 1;
        pm_put(&w, '{');
        j_key(&w, &f, "name");
        j_str(&w, pmml_model_output_name(m, i));
        j_key(&w, &f, "datatype");
        j_str(&w, pmml_datatype_name(pmml_model_output_datatype(m, i)));
        j_key(&w, &f, "optype");
        j_str(&w, pmml_optype_name(pmml_model_output_optype(m, i)));
        j_key(&w, &f, "values");
        pm_put(&w, '[');
        for (j = 0; j < nv; j++) {
            if (j)
                pm_put(&w, ',');
            j_str(&w, pmml_model_output_value(m, i, j));
        }
        pm_write_str(&w, "]}");
    }
    pm_put(&w, ']');
    j_key(&w, &first, "counts");
    pm_put(&w, '{');
    for (i = 0, f = 1; i < 5; i++) {
        j_key(&w, &f, counts[i]);
        j_size(&w, pmml_model_count(m, (int)i + PMML_COUNT_MODELS));
    }
    pm_put(&w, '}');
    j_key(&w, &first, "memory_bytes");
    j_size(&w, pmml_model_memory_bytes(m));
    j_key(&w, &first, "load_seconds");
    snprintf(buf, sizeof buf, "%.6f", load_s);
    pm_write_str(&w, buf);
    j_key(&w, &first, "block_scoring");
    pm_write_str(&w, pmml_model_block_reason(m) ? "false" : "true");
    j_key(&w, &first, "block_reason");
    j_str(&w, pmml_model_block_reason(m));
    j_key(&w, &first, "sequential");
    pm_write_str(&w, pmml_model_is_sequential(m) ? "true" : "false");
    pm_write_str(&w, "}\n");
    pm_writer_flush(&w);
    pm_writer_free(&w);
}

int pmml_cli_info(int argc, char **argv)
{
    pmml_model *m = NULL;
    pmml_error err;
    const char *path = NULL;
    int json = 0, i;
    double t0, load_s;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if ((argv[i][0] != '-' || !argv[i][1]) && !path)
            path = argv[i];
        else
            path = NULL, i = argc;
    }
    if (!path || i > argc) {
        fprintf(stderr, "usage: pmml info MODEL [--json]\n");
        return EXIT_USAGE;
    }
    t0 = now();
    if (load(path, 0, NULL, &m, &err) != PMML_OK) {
        pmml_cli_print_error(path, &err);
        return EXIT_MODEL;
    }
    load_s = now() - t0;
    if (json)
        print_json(m, path, load_s);
    else
        print_text(m, load_s);
    pmml_model_free(m);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "pmml: cannot write the output\n");
        return EXIT_OUTPUT;
    }
    return EXIT_OK;
}

/* ---- pmml validate ---- */

typedef struct problems {
    int count;
    char unsupported[32][64]; /* each unsupported element, once */
    size_t nunsupported;
} problems;

static void print_problem(const pmml_error *e, void *payload)
{
    problems *p = payload;
    size_t i;
    p->count++;
    if (e->line > 0)
        printf("%s:%d: %s\n", e->source, e->line, e->message);
    else
        printf("%s: %s\n", e->source, e->message);
    if (e->code != PMML_ERR_UNSUPPORTED || !e->element[0])
        return;
    for (i = 0; i < p->nunsupported; i++)
        if (strcmp(p->unsupported[i], e->element) == 0)
            return;
    if (p->nunsupported < 32)
        snprintf(p->unsupported[p->nunsupported++], sizeof p->unsupported[0], "%s",
                 e->element);
}

int pmml_cli_validate(int argc, char **argv)
{
    pmml_model *m = NULL;
    pmml_error err;
    pmml_load_options opts = PMML_LOAD_OPTIONS_INIT;
    problems p;
    int rc;
    if (argc != 2) {
        fprintf(stderr, "usage: pmml validate MODEL\n");
        return EXIT_USAGE;
    }
    memset(&p, 0, sizeof p);
    opts.flags = PMML_LOAD_VALIDATE;
    opts.diagnostic = print_problem;
    opts.diagnostic_payload = &p;
    rc = pmml_model_load_file(&m, argv[1], &opts, &err);
    if (rc != PMML_OK) {
        /* every problem was printed by the diagnostic hook */
        if (p.nunsupported) {
            size_t i;
            printf("%s: not supported by this version of pmml:", argv[1]);
            for (i = 0; i < p.nunsupported; i++)
                printf("%s %s", i ? "," : "", p.unsupported[i]);
            printf("\n");
        }
        printf("%s: not valid (%d problem%s)\n", argv[1], p.count, p.count == 1 ? "" : "s");
        return EXIT_MODEL;
    }
    pmml_model_free(m);
    printf("%s: valid\n", argv[1]);
    return EXIT_OK;
}
