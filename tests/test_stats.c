/* test_stats.c - scoring statistics: counters worked out by hand, merging
 * (several scorers, several threads), reset, JSON, and the drift measures
 * against a model whose ModelStats make the figures easy to check
 * (tests/cli/drift.pmml). */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

/* tests/cli/drift.pmml: y = 1 + 2x + 10[c = b]; x has lowValue 0, highValue
 * 10 and training bins [0,5) [5,10] of 50 each, mean 5, sd 2; c has values
 * a b c, trained 50 30 20 with 10 of 100 missing; n is an integer in
 * [0,100], invalid as missing. */
#define NROWS 10
static const double xs[NROWS] = {1, 2, 3, 4, 6, 7, 8, 9, 12, NAN};
static const char *const cs[NROWS] = {"a", "a", "b", "c", "a", "b", "zz", "zz", "q", "a"};
static const int64_t ns[NROWS] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 200};

static pmml_model *load_drift(uint32_t flags)
{
    char path[4096];
    const char *src = getenv("PMML_SRCDIR");
    pmml_load_options lo = PMML_LOAD_OPTIONS_INIT;
    pmml_model *m = NULL;
    pmml_error err;
    snprintf(path, sizeof path, "%s/tests/cli/drift.pmml", src ? src : ".");
    lo.flags = flags;
    ck_assert_int_eq(pmml_model_load_file(&m, path, &lo, &err), PMML_OK);
    return m;
}

static void columns(pmml_column *c, size_t row0)
{
    pmml_column init = PMML_COLUMN_INIT;
    c[0] = c[1] = c[2] = init;
    c[0].type = PMML_COL_DOUBLE;
    c[0].name = "x";
    c[0].data = xs + row0;
    c[1].type = PMML_COL_STRING;
    c[1].name = "c";
    c[1].data = cs + row0;
    c[2].type = PMML_COL_INT64;
    c[2].name = "n";
    c[2].data = ns + row0;
}

static pmml_scorer *new_scorer(const pmml_model *m)
{
    pmml_column c[3];
    pmml_scorer *s = NULL;
    columns(c, 0);
    ck_assert_int_eq(pmml_scorer_new(&s, m, c, 3, NULL), PMML_OK);
    ck_assert_int_eq(pmml_scorer_stats_enable(s, 1), 0); /* off at first */
    return s;
}

/* Scores rows [row0, row0 + n), with results or without. */
static void score(pmml_scorer *s, size_t row0, size_t n, int with_results)
{
    pmml_column c[3];
    double y[NROWS];
    pmml_result r = PMML_RESULT_INIT;
    int status[NROWS];
    r.type = PMML_COL_DOUBLE;
    r.data = y;
    columns(c, row0);
    ck_assert_int_eq(pmml_scorer_score(s, c, n, with_results ? &r : NULL, status), PMML_OK);
}

static pmml_stats *stats_of(const pmml_model *m, pmml_scorer *const *s, size_t n)
{
    pmml_stats *st = NULL;
    size_t i;
    ck_assert_int_eq(pmml_stats_new(&st, m), PMML_OK);
    for (i = 0; i < n; i++)
        ck_assert_int_eq(pmml_stats_add_scorer(st, s[i]), PMML_OK);
    return st;
}

#define IN(st, i, what) pmml_stats_input_count(st, i, PMML_STATS_INPUT_##what)

/* The figures of the 10 rows, times `k` (the rows scored k times). */
static void check_counts(const pmml_stats *st, uint64_t k)
{
    uint64_t count;
    ck_assert_uint_eq(pmml_stats_count(st, PMML_STATS_ROWS), 10 * k);
    /* rows 7-9 bring an unseen c (returnInvalid); row 10's missing x leaves
     * the regression without a value */
    ck_assert_uint_eq(pmml_stats_count(st, PMML_STATS_OK), 7 * k);
    ck_assert_uint_eq(pmml_stats_count(st, PMML_STATS_FAILED), 3 * k);
    ck_assert_uint_eq(pmml_stats_status_count(st, PMML_ERR_INVALID_VALUE), 3 * k);
    ck_assert_uint_eq(pmml_stats_status_count(st, PMML_OK), 7 * k);
    ck_assert_uint_eq(pmml_stats_count(st, PMML_STATS_MISSING_RESULT), 1 * k);
    /* x: 9 valid, 1 missing; 12 is above highValue and outside [0,10];
     * bins [0,5): 1 2 3 4, [5,10]: 6 7 8 9 */
    ck_assert_uint_eq(IN(st, 0, VALID), 9 * k);
    ck_assert_uint_eq(IN(st, 0, MISSING), 1 * k);
    ck_assert_uint_eq(IN(st, 0, INVALID), 0);
    ck_assert_uint_eq(IN(st, 0, OUTLIERS), 1 * k);
    ck_assert_uint_eq(IN(st, 0, OUTSIDE), 1 * k);
    ck_assert_uint_eq(pmml_stats_input_bin(st, 0, 0), 4 * k);
    ck_assert_uint_eq(pmml_stats_input_bin(st, 0, 1), 4 * k);
    ck_assert_double_eq_tol(pmml_stats_input_number(st, 0, PMML_STATS_INPUT_MEAN), 52.0 / 9, 1e-12);
    /* sum of squares 1+4+9+16+36+49+64+81+144 = 404: var = 404/9 - (52/9)^2 */
    ck_assert_double_eq_tol(pmml_stats_input_number(st, 0, PMML_STATS_INPUT_SD),
                            sqrt(404.0 / 9 - (52.0 / 9) * (52.0 / 9)), 1e-12);
    ck_assert_double_eq(pmml_stats_input_number(st, 0, PMML_STATS_INPUT_MIN), 1);
    ck_assert_double_eq(pmml_stats_input_number(st, 0, PMML_STATS_INPUT_MAX), 12);
    /* c: a a b c a b zz zz q a */
    ck_assert_uint_eq(IN(st, 1, VALID), 7 * k);
    ck_assert_uint_eq(IN(st, 1, INVALID), 3 * k);
    ck_assert_uint_eq(IN(st, 1, UNSEEN), 3 * k);
    ck_assert_uint_eq(IN(st, 1, MISSING), 0);
    ck_assert_uint_eq(pmml_stats_input_bin(st, 1, 0), 4 * k);
    ck_assert_uint_eq(pmml_stats_input_bin(st, 1, 1), 2 * k);
    ck_assert_uint_eq(pmml_stats_input_bin(st, 1, 2), 1 * k);
    ck_assert_str_eq(pmml_stats_input_unseen(st, 1, 0, &count), "zz");
    ck_assert_uint_eq(count, 2 * k);
    ck_assert_str_eq(pmml_stats_input_unseen(st, 1, 1, &count), "q");
    ck_assert_uint_eq(count, 1 * k);
    ck_assert_ptr_null(pmml_stats_input_unseen(st, 1, 2, &count));
    ck_assert_double_nan(pmml_stats_input_number(st, 1, PMML_STATS_INPUT_MEAN));
    /* n: 200 is outside its Interval: invalid */
    ck_assert_uint_eq(IN(st, 2, VALID), 9 * k);
    ck_assert_uint_eq(IN(st, 2, INVALID), 1 * k);
    ck_assert_double_eq_tol(pmml_stats_input_number(st, 2, PMML_STATS_INPUT_MEAN), 5, 1e-12);
}

/* PSI term with the 0.0001 floor. */
static double term(double a, double e)
{
    a = a < 1e-4 ? 1e-4 : a;
    e = e < 1e-4 ? 1e-4 : e;
    return (a - e) * log(a / e);
}

static void check_drift(const pmml_stats *st)
{
    /* x: mean 52/9 against 5 with sd 2 */
    ck_assert_double_eq_tol(pmml_stats_input_drift(st, 0, PMML_DRIFT_MEAN_SHIFT), 7.0 / 18, 1e-12);
    ck_assert_double_eq_tol(pmml_stats_input_drift(st, 0, PMML_DRIFT_MISSING_RATE), 0.1, 1e-15);
    ck_assert_double_eq_tol(pmml_stats_input_drift(st, 0, PMML_DRIFT_OUTSIDE_SHARE), 1.0 / 9,
                            1e-15);
    /* shares 4/9, 4/9 and 1/9 outside, against 1/2, 1/2, 0 */
    ck_assert_double_eq_tol(pmml_stats_input_drift(st, 0, PMML_DRIFT_PSI),
                            2 * term(4.0 / 9, 0.5) + term(1.0 / 9, 0), 1e-12);
    ck_assert_double_eq_tol(2 * term(4.0 / 9, 0.5) + term(1.0 / 9, 0), 0.79162078, 1e-8);
    /* c: shares .4 .2 .1 and .3 unseen, against 45 27 18 of 90: .5 .3 .2 */
    ck_assert_double_eq_tol(pmml_stats_input_drift(st, 1, PMML_DRIFT_PSI),
                            term(.4, .5) + term(.2, .3) + term(.1, .2) + term(.3, 0), 1e-12);
    ck_assert_double_eq_tol(pmml_stats_input_drift(st, 1, PMML_DRIFT_UNSEEN_RATE), 0.3, 1e-15);
    ck_assert_double_nan(pmml_stats_input_drift(st, 1, PMML_DRIFT_MEAN_SHIFT));
    /* n has no ModelStats */
    ck_assert_double_nan(pmml_stats_input_drift(st, 2, PMML_DRIFT_PSI));
    ck_assert_double_nan(pmml_stats_input_drift(st, 2, PMML_DRIFT_MEAN_SHIFT));
    ck_assert_double_eq_tol(pmml_stats_input_drift(st, 2, PMML_DRIFT_INVALID_RATE), 0.1, 1e-15);
}

START_TEST(counts_by_hand)
{
    pmml_model *m = load_drift(0);
    pmml_scorer *s = new_scorer(m);
    pmml_stats *st;
    score(s, 0, NROWS, 1);
    st = stats_of(m, &s, 1);
    ck_assert_uint_eq(pmml_stats_count(st, PMML_STATS_BATCHES), 1);
    check_counts(st, 1);
    check_drift(st);
    pmml_stats_free(st);
    pmml_scorer_free(s);
    pmml_model_free(m);
}
END_TEST

/* The block evaluator and the row evaluator count alike, with results
 * asked for or not. */
START_TEST(counts_every_evaluator)
{
    uint32_t flags[2] = {0, PMML_LOAD_REFERENCE};
    int k, with;
    for (k = 0; k < 2; k++)
        for (with = 0; with < 2; with++) {
            pmml_model *m = load_drift(flags[k]);
            pmml_scorer *s = new_scorer(m);
            pmml_stats *st;
            score(s, 0, NROWS, with);
            st = stats_of(m, &s, 1);
            check_counts(st, 1);
            pmml_stats_free(st);
            pmml_scorer_free(s);
            pmml_model_free(m);
        }
}
END_TEST

START_TEST(merge_scorers)
{
    pmml_model *m = load_drift(0);
    pmml_scorer *s[3];
    pmml_stats *a, *b;
    s[0] = new_scorer(m);
    s[1] = new_scorer(m);
    s[2] = new_scorer(m);
    score(s[0], 0, 3, 1); /* 1 2 3 */
    score(s[1], 3, 4, 0); /* 4 6 7 8 */
    score(s[2], 7, 3, 1); /* 9 12 missing */
    a = stats_of(m, s, 3);
    check_counts(a, 1);
    check_drift(a);
    /* merging objects: each scorer on its own, then together */
    b = stats_of(m, s, 1);
    pmml_stats_free(a);
    a = stats_of(m, s + 1, 2);
    ck_assert_int_eq(pmml_stats_merge(b, a), PMML_OK);
    check_counts(b, 1);
    /* an object merged with itself doubles */
    ck_assert_int_eq(pmml_stats_merge(b, b), PMML_OK);
    check_counts(b, 2);
    pmml_stats_free(a);
    pmml_stats_free(b);
    pmml_scorer_free(s[0]);
    pmml_scorer_free(s[1]);
    pmml_scorer_free(s[2]);
    pmml_model_free(m);
}
END_TEST

#define NTHREADS 4
#define REPEAT 50

typedef struct job {
    pmml_scorer *s;
} job;

static void *run_job(void *p)
{
    job *j = p;
    int r;
    for (r = 0; r < REPEAT; r++)
        score(j->s, 0, NROWS, r % 2);
    return NULL;
}

START_TEST(merge_threads)
{
    pmml_model *m = load_drift(0);
    pthread_t th[NTHREADS];
    job jobs[NTHREADS];
    pmml_scorer *s[NTHREADS];
    pmml_stats *st;
    int i;
    for (i = 0; i < NTHREADS; i++) {
        s[i] = jobs[i].s = new_scorer(m);
        ck_assert_int_eq(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
    }
    for (i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    st = stats_of(m, s, NTHREADS);
    check_counts(st, NTHREADS * REPEAT);
    check_drift(st);
    ck_assert_uint_eq(pmml_stats_count(st, PMML_STATS_BATCHES), NTHREADS * REPEAT);
    for (i = 0; i < NTHREADS; i++)
        pmml_scorer_free(s[i]);
    pmml_stats_free(st);
    pmml_model_free(m);
}
END_TEST

START_TEST(reset_and_disable)
{
    pmml_model *m = load_drift(0);
    pmml_scorer *s = new_scorer(m);
    pmml_stats *st;
    size_t j;
    uint64_t batches = 0;
    score(s, 0, NROWS, 1);
    pmml_scorer_stats_reset(s);
    ck_assert_int_eq(pmml_scorer_stats_enable(s, 0), 1);
    score(s, 0, NROWS, 1);
    ck_assert_int_eq(pmml_scorer_stats_enable(s, 1), 0);
    st = stats_of(m, &s, 1);
    ck_assert_uint_eq(pmml_stats_count(st, PMML_STATS_ROWS), 0);
    ck_assert_uint_eq(IN(st, 0, VALID), 0);
    ck_assert_uint_eq(pmml_stats_input_bin(st, 1, 0), 0);
    ck_assert_ptr_null(pmml_stats_input_unseen(st, 1, 0, NULL));
    ck_assert_double_nan(pmml_stats_input_number(st, 0, PMML_STATS_INPUT_MEAN));
    ck_assert_double_nan(pmml_stats_input_drift(st, 0, PMML_DRIFT_MISSING_RATE));
    pmml_stats_free(st);
    score(s, 0, NROWS, 1);
    st = stats_of(m, &s, 1);
    check_counts(st, 1);
    for (j = 0; j < pmml_stats_latency_buckets(); j++)
        batches += pmml_stats_latency(st, j, NULL);
    ck_assert_uint_eq(batches, 1);
    pmml_stats_free(st);
    pmml_scorer_free(s);
    pmml_model_free(m);
}
END_TEST

START_TEST(training_side)
{
    pmml_model *m = load_drift(0);
    double left, right, train;
    const char *value;
    ck_assert_double_eq(pmml_model_input_training(m, 0, PMML_TRAINING_MEAN), 5);
    ck_assert_double_eq(pmml_model_input_training(m, 0, PMML_TRAINING_SD), 2);
    ck_assert_double_eq(pmml_model_input_training(m, 0, PMML_TRAINING_TOTAL), 100);
    ck_assert_double_eq(pmml_model_input_training(m, 1, PMML_TRAINING_MISSING), 10);
    ck_assert_double_nan(pmml_model_input_training(m, 1, PMML_TRAINING_MEAN));
    ck_assert_double_nan(pmml_model_input_training(m, 2, PMML_TRAINING_TOTAL));
    ck_assert_double_nan(pmml_model_input_training(m, 0, 99));
    ck_assert_uint_eq(pmml_model_input_bin_count(m, 0), 2);
    ck_assert_uint_eq(pmml_model_input_bin_count(m, 1), 3);
    ck_assert_uint_eq(pmml_model_input_bin_count(m, 2), 0);
    ck_assert_int_eq(pmml_model_input_bin(m, 0, 1, &left, &right, &value, &train), PMML_OK);
    ck_assert_double_eq(left, 5);
    ck_assert_double_eq(right, 10);
    ck_assert_ptr_null(value);
    ck_assert_double_eq(train, 50);
    ck_assert_int_eq(pmml_model_input_bin(m, 1, 2, &left, &right, &value, &train), PMML_OK);
    ck_assert_str_eq(value, "c");
    ck_assert_double_eq(train, 18);
    ck_assert_double_nan(left);
    ck_assert_int_eq(pmml_model_input_bin(m, 1, 3, NULL, NULL, NULL, NULL), PMML_ERR_ARG);
    pmml_model_free(m);
}
END_TEST

/* ContStats alone: the mean and sd come from totalValuesSum and
 * totalSquaresSum over the interval counts (4 values: 50 / 4 = 12.5;
 * 700 / 4 - 12.5^2 = 18.75); a DiscrStats category that is no Value is
 * left out, and a Value it does not list was never seen. */
START_TEST(training_from_contstats)
{
    char *doc = t_pmml(
        "<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
        "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\"><Value value=\"a\"/>"
        "<Value value=\"b\"/></DataField>"
        "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
        "<RegressionModel functionName=\"regression\"><MiningSchema><MiningField name=\"x\"/>"
        "<MiningField name=\"c\"/><MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
        "<ModelStats><UnivariateStats field=\"x\"><ContStats totalValuesSum=\"50\" "
        "totalSquaresSum=\"700\"><Interval closure=\"closedOpen\" leftMargin=\"0\" "
        "rightMargin=\"10\"/><Interval closure=\"closedClosed\" leftMargin=\"10\" "
        "rightMargin=\"20\"/><Array type=\"int\">1 3</Array></ContStats></UnivariateStats>"
        "<UnivariateStats field=\"c\"><DiscrStats><Array type=\"string\">a zz</Array>"
        "<Array type=\"int\">7 3</Array></DiscrStats></UnivariateStats>"
        "<MultivariateStats/></ModelStats>"
        "<RegressionTable intercept=\"1\"><NumericPredictor name=\"x\" coefficient=\"1\"/>"
        "</RegressionTable></RegressionModel>");
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    double train;
    ck_assert_double_eq_tol(pmml_model_input_training(m, 0, PMML_TRAINING_MEAN), 12.5, 1e-12);
    ck_assert_double_eq_tol(pmml_model_input_training(m, 0, PMML_TRAINING_SD), sqrt(18.75), 1e-12);
    ck_assert_int_eq(pmml_model_input_bin(m, 1, 0, NULL, NULL, NULL, &train), PMML_OK);
    ck_assert_double_eq(train, 7);
    ck_assert_int_eq(pmml_model_input_bin(m, 1, 1, NULL, NULL, NULL, &train), PMML_OK);
    ck_assert_double_eq(train, 0);
    pmml_model_free(m);
    free(doc);
}
END_TEST

typedef struct buf {
    char text[8192];
    size_t len;
} buf;

static int to_buf(const char *data, size_t len, void *payload)
{
    buf *b = payload;
    if (b->len + len >= sizeof b->text)
        return -1;
    memcpy(b->text + b->len, data, len);
    b->len += len;
    b->text[b->len] = '\0';
    return 0;
}

static int fail_write(const char *data, size_t len, void *payload)
{
    (void)data, (void)len, (void)payload;
    return 1;
}

START_TEST(json_format)
{
    static const char expected[] =
        "{\n"
        "  \"model\":\"RegressionModel\",\n"
        "  \"rows\":10,\n"
        "  \"batches\":1,\n"
        "  \"ok\":7,\n"
        "  \"failed\":3,\n"
        "  \"missing_result\":1,\n"
        "  \"status\":{\"-10\":3},\n"
        "  \"inputs\":[\n"
        "    {\"name\":\"x\",\"optype\":\"continuous\",\"valid\":9,\"missing\":1,\"invalid\":0,"
        "\"outliers\":1,\"unseen\":0,\"outside\":1,\"mean\":5.777777777777778,"
        "\"sd\":3.3920750049941657,\"min\":1,\"max\":12,\"unseen_values\":[],"
        "\"bins\":[{\"left\":0,\"right\":5,\"count\":4,\"training\":50},"
        "{\"left\":5,\"right\":10,\"count\":4,\"training\":50}],"
        "\"drift\":{\"missing_rate\":0.1,\"invalid_rate\":0,\"unseen_rate\":null,"
        "\"outside_share\":0.1111111111111111,\"mean_shift\":0.38888888888888884,"
        "\"psi\":0.7916207806756856}},\n"
        "    {\"name\":\"c\",\"optype\":\"categorical\",\"valid\":7,\"missing\":0,\"invalid\":3,"
        "\"outliers\":0,\"unseen\":3,\"outside\":0,"
        "\"unseen_values\":[{\"value\":\"zz\",\"count\":2},{\"value\":\"q\",\"count\":1}],"
        "\"bins\":[{\"value\":\"a\",\"count\":4,\"training\":45},"
        "{\"value\":\"b\",\"count\":2,\"training\":27},"
        "{\"value\":\"c\",\"count\":1,\"training\":18}],"
        "\"drift\":{\"missing_rate\":0,\"invalid_rate\":0.3,\"unseen_rate\":0.3,"
        "\"outside_share\":null,\"mean_shift\":null,\"psi\":2.533285217536541}},\n"
        "    {\"name\":\"n\",\"optype\":\"continuous\",\"valid\":9,\"missing\":0,\"invalid\":1,"
        "\"outliers\":0,\"unseen\":0,\"outside\":0,\"mean\":5,\"sd\":2.581988897471611,"
        "\"min\":1,\"max\":9,\"unseen_values\":[],\"bins\":[],"
        "\"drift\":{\"missing_rate\":0,\"invalid_rate\":0.1,\"unseen_rate\":null,"
        "\"outside_share\":null,\"mean_shift\":null,\"psi\":null}}\n"
        "  ]\n"
        "}\n";
    pmml_model *m = load_drift(0);
    pmml_scorer *s = new_scorer(m);
    pmml_stats *st;
    buf *b = calloc(1, sizeof *b);
    char *lat, *end;
    score(s, 0, NROWS, 1);
    st = stats_of(m, &s, 1);
    ck_assert_int_eq(pmml_stats_write_json(st, to_buf, b), PMML_OK);
    /* the latency line varies from run to run: check its shape, drop it */
    lat = strstr(b->text, "  \"latency\":{\"total_ns\":");
    ck_assert_ptr_nonnull(lat);
    end = strchr(lat, '\n');
    ck_assert_ptr_nonnull(end);
    ck_assert_ptr_nonnull(strstr(lat, "\"below_us\":{"));
    memmove(lat, end + 1, strlen(end + 1) + 1);
    ck_assert_str_eq(b->text, expected);
    ck_assert_int_eq(pmml_stats_write_json(st, fail_write, NULL), PMML_ERR_IO);
    ck_assert_int_eq(pmml_stats_write_json(NULL, to_buf, b), PMML_ERR_ARG);
    free(b);
    pmml_stats_free(st);
    pmml_scorer_free(s);
    pmml_model_free(m);
}
END_TEST

START_TEST(bad_arguments)
{
    pmml_model *m = load_drift(0), *other = load_drift(0);
    pmml_scorer *s = new_scorer(other);
    pmml_stats *st = NULL, *st2 = NULL;
    ck_assert_int_eq(pmml_stats_new(NULL, m), PMML_ERR_ARG);
    ck_assert_int_eq(pmml_stats_new(&st, NULL), PMML_ERR_ARG);
    ck_assert_ptr_null(st);
    ck_assert_int_eq(pmml_stats_new(&st, m), PMML_OK);
    ck_assert_int_eq(pmml_stats_new(&st2, other), PMML_OK);
    ck_assert_int_eq(pmml_stats_add_scorer(st, s), PMML_ERR_ARG);
    ck_assert_int_eq(pmml_stats_add_scorer(st, NULL), PMML_ERR_ARG);
    ck_assert_int_eq(pmml_stats_merge(st, st2), PMML_ERR_ARG);
    ck_assert_int_eq(pmml_stats_merge(NULL, st2), PMML_ERR_ARG);
    ck_assert_uint_eq(pmml_stats_count(NULL, PMML_STATS_ROWS), 0);
    ck_assert_uint_eq(pmml_stats_count(st, 99), 0);
    ck_assert_uint_eq(pmml_stats_input_count(st, 3, PMML_STATS_INPUT_VALID), 0);
    ck_assert_double_nan(pmml_stats_input_number(st, 3, PMML_STATS_INPUT_MEAN));
    ck_assert_double_nan(pmml_stats_input_drift(st, 0, 99));
    ck_assert_uint_eq(pmml_stats_status_count(st, 5), 0);
    ck_assert_int_eq(pmml_scorer_stats_enable(NULL, 1), 0);
    pmml_scorer_stats_reset(NULL);
    pmml_stats_free(NULL);
    pmml_stats_free(st);
    pmml_stats_free(st2);
    pmml_scorer_free(s);
    pmml_model_free(m);
    pmml_model_free(other);
}
END_TEST

/* A plain column of doubles takes the vector sums; the same numbers as
 * text take the value-by-value path: both count alike, across chunks and
 * batches of odd sizes. */
START_TEST(plain_numbers)
{
    char *doc = t_pmml(
        "<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
        "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
        "<RegressionModel functionName=\"regression\"><MiningSchema><MiningField name=\"x\"/>"
        "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
        "<RegressionTable intercept=\"1\"><NumericPredictor name=\"x\" coefficient=\"2\"/>"
        "</RegressionTable></RegressionModel>");
    enum { N = 1500 };
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    static double x[N];
    static char text[N][32];
    static const char *strs[N];
    pmml_column cd = PMML_COLUMN_INIT, ct = PMML_COLUMN_INIT;
    pmml_scorer *sd = NULL, *ss = NULL;
    pmml_stats *a, *b;
    double sum = 0, sq = 0, mean;
    size_t r, nnum = 0, done;
    for (r = 0; r < N; r++) {
        x[r] = r % 7 == 3 ? NAN : (double)(r % 101) * 0.5 - 7;
        if (isnan(x[r])) {
            strs[r] = NULL;
        } else {
            snprintf(text[r], sizeof text[r], "%.17g", x[r]);
            strs[r] = text[r];
            sum += x[r];
            nnum++;
        }
    }
    mean = sum / (double)nnum;
    for (r = 0; r < N; r++)
        if (!isnan(x[r]))
            sq += (x[r] - mean) * (x[r] - mean);
    cd.type = PMML_COL_DOUBLE;
    cd.name = "x";
    ct.type = PMML_COL_STRING;
    ct.name = "x";
    ck_assert_int_eq(pmml_scorer_new(&sd, m, &cd, 1, NULL), PMML_OK);
    ck_assert_int_eq(pmml_scorer_new(&ss, m, &ct, 1, NULL), PMML_OK);
    (void)pmml_scorer_stats_enable(sd, 1);
    (void)pmml_scorer_stats_enable(ss, 1);
    for (done = 0; done < N;) {
        size_t n = N - done < 613 ? N - done : 613;
        cd.data = x + done;
        ct.data = strs + done;
        ck_assert_int_eq(pmml_scorer_score(sd, &cd, n, NULL, NULL), PMML_OK);
        ck_assert_int_eq(pmml_scorer_score(ss, &ct, n, NULL, NULL), PMML_OK);
        done += n;
    }
    a = stats_of(m, &sd, 1);
    b = stats_of(m, &ss, 1);
    ck_assert_uint_eq(IN(a, 0, VALID), nnum);
    ck_assert_uint_eq(IN(a, 0, MISSING), N - nnum);
    ck_assert_uint_eq(IN(b, 0, VALID), nnum);
    ck_assert_uint_eq(IN(b, 0, MISSING), N - nnum);
    ck_assert_uint_eq(pmml_stats_count(a, PMML_STATS_MISSING_RESULT), N - nnum);
    ck_assert_uint_eq(pmml_stats_count(b, PMML_STATS_MISSING_RESULT), N - nnum);
    ck_assert_uint_eq(pmml_stats_count(a, PMML_STATS_BATCHES), 3);
    ck_assert_double_eq_tol(pmml_stats_input_number(a, 0, PMML_STATS_INPUT_MEAN), mean, 1e-12);
    ck_assert_double_eq_tol(pmml_stats_input_number(b, 0, PMML_STATS_INPUT_MEAN), mean, 1e-12);
    ck_assert_double_eq_tol(pmml_stats_input_number(a, 0, PMML_STATS_INPUT_SD),
                            sqrt(sq / (double)nnum), 1e-12);
    ck_assert_double_eq_tol(pmml_stats_input_number(b, 0, PMML_STATS_INPUT_SD),
                            sqrt(sq / (double)nnum), 1e-12);
    ck_assert_double_eq(pmml_stats_input_number(a, 0, PMML_STATS_INPUT_MIN), -7);
    ck_assert_double_eq(pmml_stats_input_number(a, 0, PMML_STATS_INPUT_MAX), 43);
    ck_assert_double_eq(pmml_stats_input_number(b, 0, PMML_STATS_INPUT_MIN), -7);
    ck_assert_double_eq(pmml_stats_input_number(b, 0, PMML_STATS_INPUT_MAX), 43);
    pmml_stats_free(a);
    pmml_stats_free(b);
    pmml_scorer_free(sd);
    pmml_scorer_free(ss);
    pmml_model_free(m);
    free(doc);
}
END_TEST

/* Counts the values of one column scored in two batches of a model whose
 * input x has outlier bounds 0 and 40, and checks them against `want`
 * (valid, missing, invalid, outliers; then mean, min, max). */
static void check_column(pmml_model *m, pmml_column *c, size_t size, size_t n,
                         const uint64_t want[4], const double num[3])
{
    pmml_scorer *s = NULL;
    pmml_stats *st;
    const void *data = c->data;
    ck_assert_int_eq(pmml_scorer_new(&s, m, c, 1, NULL), PMML_OK);
    (void)pmml_scorer_stats_enable(s, 1);
    ck_assert_int_eq(pmml_scorer_score(s, c, 700, NULL, NULL), PMML_OK);
    c->data = (const char *)data + 700 * size;
    ck_assert_int_eq(pmml_scorer_score(s, c, n - 700, NULL, NULL), PMML_OK);
    c->data = data;
    st = stats_of(m, &s, 1);
    ck_assert_uint_eq(IN(st, 0, VALID), want[0]);
    ck_assert_uint_eq(IN(st, 0, MISSING), want[1]);
    ck_assert_uint_eq(IN(st, 0, INVALID), want[2]);
    ck_assert_uint_eq(IN(st, 0, OUTLIERS), want[3]);
    ck_assert_double_eq_tol(pmml_stats_input_number(st, 0, PMML_STATS_INPUT_MEAN), num[0], 1e-12);
    ck_assert_double_eq(pmml_stats_input_number(st, 0, PMML_STATS_INPUT_MIN), num[1]);
    ck_assert_double_eq(pmml_stats_input_number(st, 0, PMML_STATS_INPUT_MAX), num[2]);
    pmml_stats_free(st);
    pmml_scorer_free(s);
}

/* Counting a column without NaN takes a shorter path, left for the full
 * count as soon as a value lies beyond an outlier bound or is NaN; numbers
 * read from text are counted as the block evaluator parses them, text that
 * is not a number (or is "NaN") being invalid.  The expected counts are
 * worked out here from the values. */
START_TEST(plain_numbers_paths)
{
    char *doc = t_pmml(
        "<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
        "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
        "<RegressionModel functionName=\"regression\"><MiningSchema>"
        "<MiningField name=\"x\" outliers=\"asIs\" lowValue=\"0\" highValue=\"40\"/>"
        "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
        "<RegressionTable intercept=\"1\"><NumericPredictor name=\"x\" coefficient=\"2\"/>"
        "</RegressionTable></RegressionModel>");
    enum { N = 1000 };
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    static double x[N];
    static char text[N][32];
    static pmml_strview sv[N];
    pmml_column c = PMML_COLUMN_INIT;
    int pass;
    c.name = "x";
    for (pass = 0; pass < 3; pass++) {
        /* 0: doubles inside the bounds; 1: doubles, some beyond them;
         * 2: text with missing values, "NaN" and words among the numbers */
        uint64_t want[4] = { 0, 0, 0, 0 };
        double num[3] = { 0, HUGE_VAL, -HUGE_VAL };
        size_t r;
        for (r = 0; r < N; r++) {
            x[r] = pass == 0 ? (double)(r % 81) * 0.5 : (double)(r % 101) * 0.5 - 7;
            sv[r].ptr = NULL;
            sv[r].len = 0;
            if (pass == 2 && r % 13 == 5) {
                sv[r].ptr = r % 2 ? "NaN" : "abc";
                sv[r].len = 3;
                want[2]++;
                continue;
            }
            if (pass == 2 && r % 11 == 2) {
                want[1]++;
                continue;
            }
            snprintf(text[r], sizeof text[r], "%.17g", x[r]);
            sv[r].ptr = text[r];
            sv[r].len = strlen(text[r]);
            want[0]++;
            want[3] += x[r] < 0 || x[r] > 40;
            num[0] += x[r];
            num[1] = x[r] < num[1] ? x[r] : num[1];
            num[2] = x[r] > num[2] ? x[r] : num[2];
        }
        num[0] /= (double)want[0];
        if (pass == 1)
            ck_assert_uint_gt(want[3], 0);
        c.type = pass < 2 ? PMML_COL_DOUBLE : PMML_COL_STRVIEW;
        c.data = pass < 2 ? (const void *)x : (const void *)sv;
        check_column(m, &c, pass < 2 ? sizeof(double) : sizeof(pmml_strview), N, want, num);
    }
    free(doc);
    pmml_model_free(m);
}
END_TEST

Suite *suite_stats(void)
{
    Suite *s = suite_create("stats");
    TCase *tc = tcase_create("stats");
    tcase_add_test(tc, counts_by_hand);
    tcase_add_test(tc, counts_every_evaluator);
    tcase_add_test(tc, merge_scorers);
    tcase_add_test(tc, merge_threads);
    tcase_add_test(tc, reset_and_disable);
    tcase_add_test(tc, training_side);
    tcase_add_test(tc, training_from_contstats);
    tcase_add_test(tc, json_format);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, plain_numbers);
    tcase_add_test(tc, plain_numbers_paths);
    suite_add_tcase(s, tc);
    return s;
}
