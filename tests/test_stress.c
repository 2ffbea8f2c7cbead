/* test_stress.c - hard use of real models: one model shared by 8 scoring
 * threads, and a failure of every single allocation through loading and
 * scoring.  The models and rows come from testdata/. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "tests.h"

/* Rows of a testdata case as string columns bound by the header's names. */
typedef struct rows {
    size_t nrows, ncols;
    char **names;
    const char ***cells; /* cells[col][row]; NULL for an empty cell */
} rows;

static char *case_path(const char *name, const char *file)
{
    const char *dir = getenv("PMML_TESTDATA");
    char *p;
    ck_assert_ptr_nonnull(dir);
    ck_assert(asprintf(&p, "%s/%s/%s", dir, name, file) > 0);
    return p;
}

static void read_rows(const char *name, rows *r)
{
    char *path = case_path(name, "input.csv");
    FILE *fp = fopen(path, "rb");
    pm_csv c;
    size_t cap = 0, j;
    ck_assert_ptr_nonnull(fp);
    memset(r, 0, sizeof *r);
    pm_csv_init(&c, fp, ',', '"');
    while (pm_csv_next(&c) == 1) {
        ck_assert(c.error[0] == '\0');
        if (!r->names) {
            r->ncols = c.ncells;
            r->names = calloc(r->ncols, sizeof *r->names);
            r->cells = calloc(r->ncols, sizeof *r->cells);
            for (j = 0; j < r->ncols; j++)
                r->names[j] = strndup(c.cells[j].ptr, c.cells[j].len);
            continue;
        }
        if (c.ncells != r->ncols)
            continue;
        if (r->nrows == cap) {
            cap = cap ? cap * 2 : 64;
            for (j = 0; j < r->ncols; j++)
                r->cells[j] = realloc(r->cells[j], cap * sizeof *r->cells[j]);
        }
        for (j = 0; j < r->ncols; j++)
            r->cells[j][r->nrows] = c.cells[j].len ? strndup(c.cells[j].ptr, c.cells[j].len)
                                                  : NULL;
        r->nrows++;
    }
    pm_csv_free(&c);
    fclose(fp);
    free(path);
}

static void free_rows(rows *r)
{
    size_t i, j;
    for (j = 0; j < r->ncols; j++) {
        for (i = 0; i < r->nrows; i++)
            free((char *)r->cells[j][i]);
        free(r->cells[j]);
        free(r->names[j]);
    }
    free(r->cells);
    free(r->names);
}

static char *load_text(const char *name, size_t *len)
{
    char *path = case_path(name, "model.pmml"), *text;
    FILE *fp = fopen(path, "rb");
    long n;
    ck_assert_ptr_nonnull(fp);
    ck_assert(fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) > 0 && fseek(fp, 0, SEEK_SET) == 0);
    text = malloc((size_t)n + 1);
    ck_assert(fread(text, 1, (size_t)n, fp) == (size_t)n);
    text[n] = '\0';
    *len = (size_t)n;
    fclose(fp);
    free(path);
    return text;
}

/* Scores all rows with a new scorer; returns every result and status as one
 * string ("" when allocation failed, with *status_out the failure). */
static char *score_all(const pmml_model *m, const rows *r, size_t batch, int *failure)
{
    size_t nout = pmml_model_output_count(m), i, j, k, start;
    pmml_column *cols = calloc(r->ncols, sizeof *cols);
    pmml_result *res = calloc(nout + 1, sizeof *res);
    const char **outs = calloc((nout + 1) * batch, sizeof *outs);
    uint8_t *valid = calloc((nout + 1) * batch, 1);
    int *status = calloc(batch, sizeof *status);
    pmml_scorer *s = NULL;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    int rc;
    *failure = PMML_OK;
    for (j = 0; j < r->ncols; j++) {
        pmml_column init = PMML_COLUMN_INIT;
        cols[j] = init;
        cols[j].type = PMML_COL_STRING;
        cols[j].name = r->names[j];
    }
    for (k = 0; k < nout; k++) {
        pmml_result init = PMML_RESULT_INIT;
        res[k] = init;
        res[k].type = PMML_COL_STRING;
        res[k].data = outs + k * batch;
        res[k].valid = valid + k * batch;
    }
    rc = pmml_scorer_new(&s, m, cols, r->ncols, NULL);
    if (rc != PMML_OK) {
        *failure = rc;
        ck_assert_ptr_null(s);
        goto done;
    }
    for (start = 0; start < r->nrows; start += batch) {
        size_t n = r->nrows - start < batch ? r->nrows - start : batch;
        for (j = 0; j < r->ncols; j++)
            cols[j].data = r->cells[j] + start;
        ck_assert_int_eq(pmml_scorer_score(s, cols, n, res, status), PMML_OK);
        for (i = 0; i < n; i++) {
            if (status[i] == PMML_ERR_NOMEM)
                *failure = PMML_ERR_NOMEM;
            fprintf(out, "%d", status[i]);
            for (k = 0; k < nout; k++)
                fprintf(out, ",%s", valid[k * batch + i] ? outs[k * batch + i] : "");
            fputc('\n', out);
        }
    }
done:
    pmml_scorer_free(s);
    fclose(out);
    free(cols);
    free(res);
    free(outs);
    free(valid);
    free(status);
    return text;
}

/* ---- threads ---- */

typedef struct job {
    const pmml_model *m;
    const rows *r;
    const char *expect;
    size_t batch;
    int rounds;
    int mismatches;
} job;

static void *score_thread(void *arg)
{
    job *j = arg;
    int i;
    for (i = 0; i < j->rounds; i++) {
        int failure;
        char *got = score_all(j->m, j->r, j->batch, &failure);
        if (failure != PMML_OK || strcmp(got, j->expect) != 0)
            j->mismatches++;
        free(got);
    }
    return NULL;
}

static const char *const shared_models[] = {
    "iris-tree", "nn-network-softmax", "ensemble-weighted-average", "mining-model-chain",
    "transformations", "svm-one-against-one", "grm-multinomial", "knn-weighted-vote",
    "vec-tree-ops",
};

START_TEST(eight_threads_share_one_model)
{
    const char *name = shared_models[_i];
    size_t len;
    char *text = load_text(name, &len);
    pmml_model *m = NULL;
    rows r;
    char *expect;
    int failure, t;
    pthread_t th[8];
    job jobs[8];
    ck_assert_int_eq(pmml_model_load_memory(&m, text, len, name, NULL, NULL), PMML_OK);
    read_rows(name, &r);
    ck_assert_uint_gt(r.nrows, 0);
    expect = score_all(m, &r, 64, &failure);
    ck_assert_int_eq(failure, PMML_OK);
    for (t = 0; t < 8; t++) {
        jobs[t].m = m;
        jobs[t].r = &r;
        jobs[t].expect = expect;
        jobs[t].batch = (size_t)(t % 4 == 0 ? 1 : t * 13); /* row by row, and blocks */
        jobs[t].rounds = 3;
        jobs[t].mismatches = 0;
        ck_assert_int_eq(pthread_create(&th[t], NULL, score_thread, &jobs[t]), 0);
    }
    for (t = 0; t < 8; t++) {
        ck_assert_int_eq(pthread_join(th[t], NULL), 0);
        ck_assert_msg(jobs[t].mismatches == 0, "%s: thread %d differs", name, t);
    }
    free(expect);
    free_rows(&r);
    pmml_model_free(m);
    free(text);
}
END_TEST

/* ---- every allocation fails once ---- */

typedef struct chaos {
    long countdown; /* the allocation that fails; later ones succeed */
    long live;
    long calls;
} chaos;

static void *chaos_malloc(size_t n, void *p)
{
    chaos *c = p;
    void *r;
    c->calls++;
    if (c->countdown-- == 0)
        return NULL;
    r = malloc(n);
    if (r)
        c->live++;
    return r;
}

static void *chaos_realloc(void *q, size_t n, void *p)
{
    chaos *c = p;
    void *r;
    c->calls++;
    if (c->countdown-- == 0)
        return NULL;
    r = realloc(q, n);
    if (r && !q)
        c->live++;
    return r;
}

static void chaos_free(void *q, void *p)
{
    chaos *c = p;
    if (q)
        c->live--;
    free(q);
}

static const char *const chaos_models[] = { "iris-tree", "nn-network-softmax",
                                            "mining-model-chain" };

START_TEST(every_allocation_failure_is_reported_cleanly)
{
    const char *name = chaos_models[_i];
    size_t len;
    char *text = load_text(name, &len), *expect;
    rows r;
    long n, load_failures = 0, score_failures = 0;
    int failure, done = 0;
    pmml_model *m = NULL;
    read_rows(name, &r);
    ck_assert_int_eq(pmml_model_load_memory(&m, text, len, name, NULL, NULL), PMML_OK);
    expect = score_all(m, &r, 16, &failure);
    pmml_model_free(m);
    for (n = 0; !done; n++) {
        chaos c = { n, 0, 0 };
        pmml_allocator al = { chaos_malloc, chaos_realloc, chaos_free, NULL };
        pmml_load_options o = PMML_LOAD_OPTIONS_INIT;
        pmml_error err;
        int rc;
        char *got;
        al.payload = &c;
        o.allocator = &al;
        m = NULL;
        rc = pmml_model_load_memory(&m, text, len, name, &o, &err);
        if (rc != PMML_OK) {
            ck_assert_msg(rc == PMML_ERR_NOMEM, "%s: allocation %ld: status %d (%s)", name, n,
                          rc, err.message);
            ck_assert_int_eq(err.code, PMML_ERR_NOMEM);
            ck_assert_ptr_null(m);
            ck_assert_msg(c.live == 0, "%s: allocation %ld: %ld blocks leaked", name, n, c.live);
            load_failures++;
            continue;
        }
        got = score_all(m, &r, 16, &failure);
        if (failure == PMML_OK) {
            /* the failed allocation (if any was left to fail) did not
             * change a result */
            ck_assert_str_eq(got, expect);
            if (c.countdown >= 0)
                done = 1; /* no allocation failed: every N has been tried */
        } else {
            ck_assert_int_eq(failure, PMML_ERR_NOMEM);
            score_failures++;
        }
        free(got);
        pmml_model_free(m);
        ck_assert_msg(c.live == 0, "%s: allocation %ld: %ld blocks leaked", name, n, c.live);
    }
    ck_assert_int_gt(load_failures, 0);
    ck_assert_int_gt(score_failures, 0);
    free(expect);
    free_rows(&r);
    free(text);
}
END_TEST

Suite *suite_stress(void)
{
    Suite *s = suite_create("stress");
    TCase *tc = tcase_create("threads");
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, eight_threads_share_one_model, 0,
                        (int)(sizeof shared_models / sizeof shared_models[0]));
    suite_add_tcase(s, tc);
    tc = tcase_create("oom");
    tcase_set_timeout(tc, 600);
    tcase_add_loop_test(tc, every_allocation_failure_is_reported_cleanly, 0,
                        (int)(sizeof chaos_models / sizeof chaos_models[0]));
    suite_add_tcase(s, tc);
    return s;
}
