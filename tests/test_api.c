/* test_api.c - the public C ABI: arguments, introspection, column layouts,
 * result types, per-row status and allocation failures. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

/* y = 1 + 2*x + 10*[c == "b"]; classification tree on c for the 2nd model */
static const char reg_body[] =
    "<DataDictionary>"
    "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
    "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\">"
    "<Value value=\"a\"/><Value value=\"b\"/><Value value=\"NA\" property=\"missing\"/></DataField>"
    "<DataField name=\"n\" optype=\"continuous\" dataType=\"integer\"/>"
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
    "<RegressionModel functionName=\"regression\"><MiningSchema>"
    "<MiningField name=\"x\"/><MiningField name=\"c\"/><MiningField name=\"n\"/>"
    "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
    "<Output><OutputField name=\"pred\" feature=\"predictedValue\" dataType=\"double\" "
    "isFinalResult=\"false\"/>"
    "<OutputField name=\"twice\" feature=\"transformedValue\" dataType=\"double\">"
    "<Apply function=\"*\"><FieldRef field=\"pred\"/><Constant>2</Constant></Apply></OutputField>"
    "<OutputField name=\"label\" feature=\"transformedValue\" dataType=\"string\">"
    "<Apply function=\"concat\"><FieldRef field=\"c\"/><Constant dataType=\"string\">!</Constant>"
    "</Apply></OutputField></Output>"
    "<RegressionTable intercept=\"1\"><NumericPredictor name=\"x\" coefficient=\"2\"/>"
    "<NumericPredictor name=\"n\" coefficient=\"100\"/>"
    "<CategoricalPredictor name=\"c\" value=\"b\" coefficient=\"10\"/></RegressionTable>"
    "</RegressionModel>";

static const char cls_body[] =
    "<DataDictionary>"
    "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
    "<DataField name=\"k\" optype=\"categorical\" dataType=\"string\">"
    "<Value value=\"no\"/><Value value=\"yes\"/></DataField></DataDictionary>"
    "<TreeModel functionName=\"classification\"><MiningSchema><MiningField name=\"x\"/>"
    "<MiningField name=\"k\" usageType=\"target\"/></MiningSchema>"
    "<Output><OutputField name=\"p_yes\" feature=\"probability\" value=\"yes\" dataType=\"double\"/>"
    "</Output>"
    "<Node><True/><Node score=\"yes\"><SimplePredicate field=\"x\" operator=\"greaterThan\" "
    "value=\"0\"/><ScoreDistribution value=\"no\" recordCount=\"1\"/>"
    "<ScoreDistribution value=\"yes\" recordCount=\"3\"/></Node>"
    "<Node score=\"no\"><True/><ScoreDistribution value=\"no\" recordCount=\"4\"/>"
    "<ScoreDistribution value=\"yes\" recordCount=\"0\"/></Node></Node></TreeModel>";

static pmml_model *load_body(const char *body)
{
    char *doc = t_pmml(body);
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    free(doc);
    return m;
}

START_TEST(versions_and_names)
{
    int code;
    ck_assert_int_eq(pmml_version_number(), PMML_VERSION_NUMBER);
    ck_assert_str_eq(pmml_version_string(), PMML_VERSION_STRING);
    for (code = 0; code >= -12; code--)
        ck_assert_str_ne(pmml_strerror(code), "unknown error");
    ck_assert_str_eq(pmml_strerror(-999), "unknown error");
    ck_assert_str_eq(pmml_datatype_name(PMML_TYPE_DOUBLE), "double");
    ck_assert_str_eq(pmml_datatype_name(PMML_TYPE_DATE_DAYS_SINCE_1970), "dateDaysSince[1970]");
    ck_assert_str_eq(pmml_datatype_name(99), "");
    ck_assert_str_eq(pmml_optype_name(PMML_OPTYPE_ORDINAL), "ordinal");
    ck_assert_int_eq(pmml_datatype_json_kind(PMML_TYPE_DOUBLE), PMML_JSON_NUMBER);
    ck_assert_int_eq(pmml_datatype_json_kind(PMML_TYPE_DATETIME_SECONDS_SINCE_1970),
                     PMML_JSON_NUMBER);
    ck_assert_int_eq(pmml_datatype_json_kind(PMML_TYPE_BOOLEAN), PMML_JSON_BOOLEAN);
    ck_assert_int_eq(pmml_datatype_json_kind(PMML_TYPE_DATE), PMML_JSON_STRING);
    ck_assert_int_eq(pmml_datatype_json_kind(PMML_TYPE_STRING), PMML_JSON_STRING);
    ck_assert_int_eq(pmml_datatype_json_kind(-1), PMML_JSON_STRING);
}
END_TEST

START_TEST(bad_arguments)
{
    pmml_model *m = (pmml_model *)1;
    pmml_error err;
    pmml_load_options o = PMML_LOAD_OPTIONS_INIT;
    ck_assert_int_eq(pmml_model_load_memory(NULL, "x", 1, NULL, NULL, &err), PMML_ERR_ARG);
    ck_assert_int_eq(pmml_model_load_memory(&m, NULL, 5, NULL, NULL, &err), PMML_ERR_ARG);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(pmml_model_load_file(&m, NULL, NULL, &err), PMML_ERR_ARG);
    ck_assert_int_eq(pmml_model_load_file(&m, "/nonexistent/model.pmml", NULL, &err),
                     PMML_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/model.pmml"));
    o.version = 99;
    ck_assert_int_eq(pmml_model_load_memory(&m, "x", 1, NULL, &o, NULL), PMML_ERR_ARG);
    pmml_model_free(NULL);
    pmml_scorer_free(NULL);
    ck_assert_int_eq(pmml_scorer_score(NULL, NULL, 0, NULL, NULL), PMML_ERR_ARG);
    ck_assert_ptr_null(pmml_scorer_message(NULL, 0));
    ck_assert_ptr_null(pmml_model_type(NULL));
    ck_assert_uint_eq(pmml_model_input_count(NULL), 0);
}
END_TEST

START_TEST(introspection)
{
    pmml_model *m = load_body(reg_body);
    pmml_model *k = load_body(cls_body);
    ck_assert_str_eq(pmml_model_type(m), "RegressionModel");
    ck_assert_str_eq(pmml_model_function(m), "regression");
    ck_assert_str_eq(pmml_model_pmml_version(m), "4.4");
    ck_assert_uint_eq(pmml_model_input_count(m), 3);
    ck_assert_str_eq(pmml_model_input_name(m, 1), "c");
    ck_assert_int_eq(pmml_model_input_datatype(m, 1), PMML_TYPE_STRING);
    ck_assert_int_eq(pmml_model_input_optype(m, 1), PMML_OPTYPE_CATEGORICAL);
    ck_assert_uint_eq(pmml_model_input_value_count(m, 1), 2); /* "NA" is not a valid value */
    ck_assert_str_eq(pmml_model_input_value(m, 1, 1), "b");
    ck_assert_ptr_null(pmml_model_input_value(m, 1, 2));
    ck_assert_ptr_null(pmml_model_input_name(m, 3));
    ck_assert_int_eq(pmml_model_input_index(m, "n"), 2);
    ck_assert_int_eq(pmml_model_input_index(m, "zz"), -1);
    ck_assert_uint_eq(pmml_model_output_count(m), 3); /* pred is not a final result */
    ck_assert_str_eq(pmml_model_output_name(m, 0), "y");
    ck_assert_str_eq(pmml_model_output_name(m, 2), "label");
    ck_assert_int_eq(pmml_model_output_datatype(m, 2), PMML_TYPE_STRING);
    ck_assert_uint_eq(pmml_model_output_count(k), 2);
    ck_assert_uint_eq(pmml_model_output_value_count(k, 0), 2);
    ck_assert_str_eq(pmml_model_output_value(k, 0, 1), "yes");
    ck_assert_int_eq(pmml_model_output_optype(k, 0), PMML_OPTYPE_CATEGORICAL);
    pmml_model_free(m);
    pmml_model_free(k);
}
END_TEST

/* The caller's own row struct, bound without copying. */
typedef struct row {
    int64_t id;
    double x;
    const char *c;
    int64_t n;
} row;

START_TEST(array_of_structs)
{
    pmml_model *m = load_body(reg_body);
    row rows[3] = { { 1, 1.0, "a", 0 }, { 2, 2.5, "b", 1 }, { 3, -1.0, NULL, 2 } };
    pmml_column cols[3] = { PMML_COLUMN_INIT, PMML_COLUMN_INIT, PMML_COLUMN_INIT };
    pmml_result res[3] = { PMML_RESULT_INIT, PMML_RESULT_INIT, PMML_RESULT_INIT };
    double y[3], twice[3];
    const char *label[3];
    uint8_t lvalid[3];
    int status[3];
    pmml_scorer *s;
    cols[0].type = PMML_COL_DOUBLE;
    cols[0].name = "x";
    cols[0].data = &rows[0].x;
    cols[0].stride = sizeof rows[0];
    cols[1].type = PMML_COL_STRING;
    cols[1].name = "c";
    cols[1].data = &rows[0].c;
    cols[1].stride = sizeof rows[0];
    cols[2].type = PMML_COL_INT64;
    cols[2].name = "n";
    cols[2].data = &rows[0].n;
    cols[2].stride = sizeof rows[0];
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 3, NULL), PMML_OK);
    res[0].type = PMML_COL_DOUBLE;
    res[0].data = y;
    res[1].type = PMML_COL_DOUBLE;
    res[1].data = twice;
    res[2].type = PMML_COL_STRING;
    res[2].data = label;
    res[2].valid = lvalid;
    ck_assert_int_eq(pmml_scorer_score(s, cols, 3, res, status), PMML_OK);
    ck_assert(y[0] == 3.0 && y[1] == 116.0 && y[2] == 199.0);
    ck_assert(twice[1] == 232.0);
    ck_assert_str_eq(label[0], "a!");
    ck_assert_str_eq(label[1], "b!");
    ck_assert_str_eq(label[2], "!"); /* concat skips the missing c */
    ck_assert(status[0] == PMML_OK && status[1] == PMML_OK && status[2] == PMML_OK);
    ck_assert_ptr_null(pmml_scorer_message(s, 1));
    pmml_scorer_free(s);
    pmml_model_free(m);
}
END_TEST

START_TEST(column_and_row_major_with_masks)
{
    pmml_model *m = load_body(reg_body);
    /* row-major matrix [x, n] and a column of category codes with a validity mask */
    double mat[4][2] = { { 1, 0 }, { 2, 0 }, { NAN, 0 }, { 4, 1.5 } };
    int32_t codes[4] = { 1, 0, 0, 5 };
    uint8_t cvalid[4] = { 1, 1, 0, 1 };
    pmml_column cols[3] = { PMML_COLUMN_INIT, PMML_COLUMN_INIT, PMML_COLUMN_INIT };
    pmml_result res[3] = { PMML_RESULT_INIT, PMML_RESULT_INIT, PMML_RESULT_INIT };
    int64_t y[4];
    uint8_t yvalid[4];
    int status[4];
    pmml_scorer *s;
    cols[0].type = PMML_COL_DOUBLE;
    cols[0].name = "x";
    cols[0].data = &mat[0][0];
    cols[0].stride = sizeof mat[0];
    cols[1].type = PMML_COL_DOUBLE;
    cols[1].name = "n";
    cols[1].data = &mat[0][1];
    cols[1].stride = sizeof mat[0];
    cols[2].type = PMML_COL_CODE;
    cols[2].name = "c";
    cols[2].data = codes;
    cols[2].valid = cvalid;
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 3, NULL), PMML_OK);
    res[0].type = PMML_COL_INT64;
    res[0].data = y;
    res[0].valid = yvalid;
    ck_assert_int_eq(pmml_scorer_score(s, cols, 4, res, status), PMML_OK);
    ck_assert(status[0] == PMML_OK && y[0] == 13 && yvalid[0]);
    ck_assert(status[1] == PMML_OK && y[1] == 5 && yvalid[1]);
    ck_assert(status[2] == PMML_OK && !yvalid[2]); /* NaN x: the table is missing */
    /* 1.5 is no integer, and code 5 is out of range: the row fails */
    ck_assert_int_eq(status[3], PMML_ERR_INVALID_VALUE);
    ck_assert(!yvalid[3]);
    ck_assert_ptr_nonnull(pmml_scorer_message(s, 3));
    /* the first problem in MiningSchema order is reported */
    ck_assert_str_eq(pmml_scorer_message(s, 3), "field 'c': category code 5 is out of range");
    pmml_scorer_free(s);
    pmml_model_free(m);
}
END_TEST

START_TEST(strviews_bools_and_category_codes)
{
    pmml_model *k = load_body(cls_body);
    pmml_strview xs[3] = { { "1.5xx", 3 }, { NULL, 0 }, { "-2", 2 } };
    pmml_column col = PMML_COLUMN_INIT;
    pmml_result res[2] = { PMML_RESULT_INIT, PMML_RESULT_INIT };
    int32_t code[3];
    uint8_t cvalid[3];
    uint8_t high[3];
    pmml_scorer *s;
    col.type = PMML_COL_STRVIEW;
    col.name = "x";
    col.data = xs;
    ck_assert_int_eq(pmml_scorer_new(&s, k, &col, 1, NULL), PMML_OK);
    res[0].type = PMML_COL_CODE;
    res[0].data = code;
    res[0].valid = cvalid;
    res[1].type = PMML_COL_BOOL;
    res[1].data = high;
    ck_assert_int_eq(pmml_scorer_score(s, &col, 3, res, NULL), PMML_OK);
    ck_assert(code[0] == 1 && cvalid[0]);
    /* missing x: with missingValueStrategy none the UNKNOWN child counts as
     * false and the True child decides */
    ck_assert(code[1] == 0 && cvalid[1]);
    ck_assert(code[2] == 0 && cvalid[2]);
    ck_assert(high[0] == 1 && high[2] == 0);
    pmml_scorer_free(s);
    pmml_model_free(k);
}
END_TEST

START_TEST(binding_rules)
{
    pmml_model *m = load_body(reg_body);
    pmml_column cols[3] = { PMML_COLUMN_INIT, PMML_COLUMN_INIT, PMML_COLUMN_INIT };
    pmml_scorer *s = (pmml_scorer *)1;
    pmml_error err;
    cols[0].type = PMML_COL_DOUBLE;
    cols[0].name = "x";
    cols[1].type = PMML_COL_DOUBLE;
    cols[1].name = "x";
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 2, &err), PMML_ERR_BIND);
    ck_assert_ptr_null(s);
    ck_assert_ptr_nonnull(strstr(err.message, "'x'"));
    cols[1].name = "unrelated";
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 2, &err), PMML_OK);
    ck_assert_int_eq(pmml_scorer_column_field(s, 0), 0);
    ck_assert_int_eq(pmml_scorer_column_field(s, 1), -1);
    ck_assert_int_eq(pmml_scorer_column_field(s, 9), -1);
    {
        /* a batch must keep the bound types */
        double x = 1;
        pmml_result res = PMML_RESULT_INIT;
        cols[0].data = &x;
        cols[1].data = &x;
        cols[0].type = PMML_COL_INT64;
        ck_assert_int_eq(pmml_scorer_score(s, cols, 1, &res, NULL), PMML_ERR_ARG);
    }
    pmml_scorer_free(s);
    cols[0].type = PMML_COL_CODE;
    cols[0].name = "x";
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 1, &err), PMML_ERR_BIND);
    cols[0].type = 77;
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 1, &err), PMML_ERR_ARG);
    pmml_model_free(m);
}
END_TEST

START_TEST(one_bad_row_does_not_sink_the_batch)
{
    pmml_model *m = load_body(reg_body);
    const char *xs[4] = { "1", "oops", "3", "" };
    int64_t ns[4] = { 0, 0, 0, 0 };
    pmml_column col[2] = { PMML_COLUMN_INIT, PMML_COLUMN_INIT };
    pmml_result res[3] = { PMML_RESULT_INIT, PMML_RESULT_INIT, PMML_RESULT_INIT };
    double y[4];
    uint8_t valid[4];
    int status[4];
    pmml_scorer *s;
    col[0].type = PMML_COL_STRING;
    col[0].name = "x";
    col[0].data = xs;
    col[1].type = PMML_COL_INT64;
    col[1].name = "n";
    col[1].data = ns;
    ck_assert_int_eq(pmml_scorer_new(&s, m, col, 2, NULL), PMML_OK);
    res[0].type = PMML_COL_DOUBLE;
    res[0].data = y;
    res[0].valid = valid;
    ck_assert_int_eq(pmml_scorer_score(s, col, 4, res, status), PMML_OK);
    ck_assert(status[0] == PMML_OK && y[0] == 3.0);
    ck_assert_int_eq(status[1], PMML_ERR_INVALID_VALUE);
    ck_assert(!valid[1] && isnan(y[1]));
    ck_assert_ptr_nonnull(strstr(pmml_scorer_message(s, 1), "oops"));
    ck_assert(status[2] == PMML_OK && y[2] == 7.0);
    /* "" is not a number: invalid (missing is NULL) */
    ck_assert_int_eq(status[3], PMML_ERR_INVALID_VALUE);
    ck_assert_ptr_null(pmml_scorer_message(s, 2));
    pmml_scorer_free(s);
    pmml_model_free(m);
}
END_TEST

/* ---- allocation failures ---- */

typedef struct chaos {
    long countdown; /* fail when it reaches 0 */
    long live;
} chaos;

static void *chaos_malloc(size_t n, void *p)
{
    chaos *c = p;
    void *r;
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

START_TEST(every_allocation_failure_is_clean)
{
    char *doc = t_pmml(reg_body);
    long n;
    int succeeded = 0;
    for (n = 0; n < 100000 && !succeeded; n++) {
        chaos c = { n, 0 };
        pmml_allocator al = { chaos_malloc, chaos_realloc, chaos_free, NULL };
        pmml_load_options o = PMML_LOAD_OPTIONS_INIT;
        pmml_model *m = NULL;
        pmml_scorer *s = NULL;
        pmml_error err;
        int rc;
        al.payload = &c;
        o.allocator = &al;
        rc = pmml_model_load_memory(&m, doc, strlen(doc), "t", &o, &err);
        if (rc != PMML_OK) {
            ck_assert_int_eq(rc, PMML_ERR_NOMEM);
            ck_assert_ptr_null(m);
            ck_assert_int_eq(c.live, 0);
            continue;
        }
        {
            const char *xs[2] = { "1", "2" };
            const char *cs[2] = { "a", "zzz-unknown" };
            const char *out[2];
            pmml_column cols[2] = { PMML_COLUMN_INIT, PMML_COLUMN_INIT };
            pmml_result res[3] = { PMML_RESULT_INIT, PMML_RESULT_INIT, PMML_RESULT_INIT };
            cols[0].type = PMML_COL_STRING;
            cols[0].name = "x";
            cols[0].data = xs;
            cols[1].type = PMML_COL_STRING;
            cols[1].name = "c";
            cols[1].data = cs;
            res[2].type = PMML_COL_STRING;
            res[2].data = out;
            rc = pmml_scorer_new(&s, m, cols, 2, &err);
            if (rc != PMML_OK) {
                ck_assert_int_eq(rc, PMML_ERR_NOMEM);
                ck_assert_ptr_null(s);
            } else {
                int status[2];
                ck_assert_int_eq(pmml_scorer_score(s, cols, 2, res, status), PMML_OK);
                if (status[0] == PMML_OK && status[1] != PMML_ERR_NOMEM)
                    succeeded = 1;
                pmml_scorer_free(s);
            }
        }
        pmml_model_free(m);
        ck_assert_int_eq(c.live, 0);
    }
    ck_assert(succeeded);
    free(doc);
}
END_TEST

START_TEST(validation_flag_reports_schema_problems)
{
    char *doc = t_pmml("<DataDictionary><DataField name=\"x\" optype=\"continuous\" "
                       "dataType=\"double\" bogusAttribute=\"1\"/></DataDictionary>"
                       "<RegressionModel functionName=\"regression\"><MiningSchema>"
                       "<MiningField name=\"x\"/></MiningSchema>"
                       "<RegressionTable intercept=\"0\"/></RegressionModel>");
    pmml_load_options o = PMML_LOAD_OPTIONS_INIT;
    pmml_model *m = NULL;
    pmml_error err;
    ck_assert_int_eq(pmml_model_load_memory(&m, doc, strlen(doc), "t", &o, &err), PMML_OK);
    pmml_model_free(m);
    o.flags = PMML_LOAD_VALIDATE;
    ck_assert_int_eq(pmml_model_load_memory(&m, doc, strlen(doc), "t", &o, &err),
                     PMML_ERR_SCHEMA);
    ck_assert_ptr_null(m);
    ck_assert_int_eq(err.line, 4);
    ck_assert_ptr_nonnull(strstr(err.message, "bogusAttribute"));
    free(doc);
}
END_TEST

Suite *suite_api(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, versions_and_names);
    tcase_add_test(tc, bad_arguments);
    tcase_add_test(tc, introspection);
    tcase_add_test(tc, array_of_structs);
    tcase_add_test(tc, column_and_row_major_with_masks);
    tcase_add_test(tc, strviews_bools_and_category_codes);
    tcase_add_test(tc, binding_rules);
    tcase_add_test(tc, one_bad_row_does_not_sink_the_batch);
    tcase_add_test(tc, every_allocation_failure_is_clean);
    tcase_add_test(tc, validation_flag_reports_schema_problems);
    suite_add_tcase(s, tc);
    return s;
}
