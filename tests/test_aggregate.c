/* test_aggregate.c - the Aggregate transformation: count, sum, average, min
 * and max of a field over a run of rows sharing a groupField value, kept by
 * the scorer across batches; and the Aggregates that are refused. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

#define DICT                                                                                  \
    "<DataDictionary>"                                                                        \
    "<DataField name=\"g\" optype=\"categorical\" dataType=\"integer\"/>"                     \
    "<DataField name=\"s\" optype=\"categorical\" dataType=\"string\"/>"                      \
    "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"                       \
    "<DataField name=\"n\" optype=\"continuous\" dataType=\"integer\"/>"                      \
    "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\"/>"                      \
    "<DataField name=\"d\" optype=\"continuous\" dataType=\"date\"/>"                         \
    "<DataField name=\"b\" optype=\"categorical\" dataType=\"boolean\"/>"                     \
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"

#define SCHEMA                                                                                \
    "<MiningSchema><MiningField name=\"g\"/><MiningField name=\"s\"/>"                        \
    "<MiningField name=\"x\"/><MiningField name=\"n\"/><MiningField name=\"c\"/>"             \
    "<MiningField name=\"d\"/><MiningField name=\"b\"/>"                                      \
    "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"

#define AGG(name, dt, field, fn, group)                                                       \
    "<OutputField name=\"" name "\" feature=\"transformedValue\" dataType=\"" dt "\">"        \
    "<Aggregate field=\"" field "\" function=\"" fn "\" groupField=\"" group "\"/>"           \
    "</OutputField>"

/* A regression with no predictors (y = 0) whose OutputFields are `outputs`. */
static char *model_doc(const char *transforms, const char *outputs)
{
    char *body = malloc(strlen(transforms) + strlen(outputs) + 4096);
    char *doc;
    ck_assert_ptr_nonnull(body);
    sprintf(body,
            DICT "%s<RegressionModel functionName=\"regression\">" SCHEMA
                 "<Output>%s</Output><RegressionTable intercept=\"0\"/></RegressionModel>",
            transforms, outputs);
    doc = t_pmml(body);
    free(body);
    return doc;
}

/*
 * Scores `nrows` rows through one scorer, `batch` rows per call.  `cells`
 * is row-major over the columns `names` (NULL: missing).  Each row's results
 * from output `first` on come back as "v1,v2,..." (missing: empty), or as
 * "!" when the row failed; the caller frees them.
 */
static void score_rows(const pmml_model *m, const char *const *names, size_t ncols,
                       const char *const *cells, size_t nrows, size_t batch, size_t first,
                       char **out)
{
    pmml_column cols[8];
    pmml_result res[16];
    const char *vals[16][16];
    uint8_t valid[16][16];
    int status[16];
    size_t nout = pmml_model_output_count(m), r0, r, j;
    pmml_scorer *s;
    ck_assert(ncols <= 8 && nout <= 16 && batch <= 16);
    for (j = 0; j < ncols; j++) {
        pmml_column init = PMML_COLUMN_INIT;
        cols[j] = init;
        cols[j].type = PMML_COL_STRING;
        cols[j].name = names[j];
        cols[j].stride = ncols * sizeof *cells;
    }
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, ncols, NULL), PMML_OK);
    for (j = 0; j < nout; j++) {
        pmml_result init = PMML_RESULT_INIT;
        res[j] = init;
        res[j].type = PMML_COL_STRING;
        res[j].data = vals[j];
        res[j].valid = valid[j];
    }
    for (r0 = 0; r0 < nrows; r0 += batch) {
        size_t n = nrows - r0 < batch ? nrows - r0 : batch;
        for (j = 0; j < ncols; j++)
            cols[j].data = &cells[r0 * ncols + j];
        ck_assert_int_eq(pmml_scorer_score(s, cols, n, res, status), PMML_OK);
        for (r = 0; r < n; r++) {
            char line[512];
            size_t len = 0;
            line[0] = '\0';
            if (status[r] != PMML_OK)
                snprintf(line, sizeof line, "!");
            for (j = first; status[r] == PMML_OK && j < nout; j++)
                len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", j > first ? "," : "",
                                        valid[j][r] ? vals[j][r] : "");
            out[r0 + r] = strdup(line);
        }
    }
    pmml_scorer_free(s);
}

static void expect_rows(const pmml_model *m, const char *const *names, size_t ncols,
                        const char *const *cells, size_t nrows, size_t batch,
                        const char *const *expect)
{
    char *got[32];
    size_t r;
    ck_assert(nrows <= 32);
    score_rows(m, names, ncols, cells, nrows, batch, 1, got);
    for (r = 0; r < nrows; r++) {
        ck_assert_msg(strcmp(got[r], expect[r]) == 0, "batch %zu row %zu: expected '%s', got '%s'",
                      batch, r, expect[r], got[r]);
        free(got[r]);
    }
}

START_TEST(each_function_over_runs_of_a_number)
{
    /* groups are runs of one g: a missing x is skipped, a missing g has no
     * group, and g=1 coming back after g=2 starts a new group */
    static const char *const names[] = { "g", "x", "n" };
    static const char *const cells[] = {
        "1", "2",    "1",  /* */
        "1", NULL,   "2",  /* */
        "1", "-3.5", NULL, /* */
        "2", NULL,   NULL, /* */
        "2", "10",   "4",  /* */
        NULL, "5",   "5",  /* */
        "2", "1",    "1",  /* */
        "1", "4",    "6",  /* */
        "1", "0.5",  "0",  /* */
    };
    /* count, sum, average, min, max of x; sum of n */
    static const char *const expect[] = {
        "1,2,2,2,2,1",           "1,2,2,2,2,3",        "2,-1.5,-0.75,-3.5,2,3",
        "0,,,,,",                "1,10,10,10,10,4",    ",,,,,",
        "1,1,1,1,1,1",           "1,4,4,4,4,6",        "2,4.5,2.25,0.5,4,6",
    };
    char *doc = model_doc("", AGG("cnt", "integer", "x", "count", "g")
                                  AGG("sum", "double", "x", "sum", "g")
                                      AGG("avg", "double", "x", "average", "g")
                                          AGG("mn", "double", "x", "min", "g")
                                              AGG("mx", "double", "x", "max", "g")
                                                  AGG("isum", "integer", "n", "sum", "g"));
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    size_t batches[] = { 1, 2, 3, 9 }, i;
    /* the state carries over from one call to the next, wherever they split */
    for (i = 0; i < sizeof batches / sizeof batches[0]; i++)
        expect_rows(m, names, 3, cells, 9, batches[i], expect);
    pmml_model_free(m);
    free(doc);
}
END_TEST

START_TEST(string_groups_by_content)
{
    /* a string group is told by its text, not by where the caller keeps it:
     * one buffer rewritten between batches, and equal text in another */
    static const char *const names[] = { "s", "c", "d" };
    char buf[16], other[16];
    const char *cells[4 * 3];
    char *doc = model_doc("<TransformationDictionary><DerivedField name=\"k\" "
                          "optype=\"continuous\" dataType=\"integer\"><Aggregate field=\"c\" "
                          "function=\"count\" groupField=\"s\"/></DerivedField>"
                          "</TransformationDictionary>",
                          "<OutputField name=\"k_out\" feature=\"transformedValue\" "
                          "dataType=\"integer\"><FieldRef field=\"k\"/></OutputField>" AGG(
                              "latest", "date", "d", "max", "s"));
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    pmml_scorer *s;
    pmml_column cols[3] = { PMML_COLUMN_INIT, PMML_COLUMN_INIT, PMML_COLUMN_INIT };
    pmml_result res[3] = { PMML_RESULT_INIT, PMML_RESULT_INIT, PMML_RESULT_INIT };
    const char *k[4], *latest[4];
    uint8_t kv[4], lv[4];
    size_t j;
    for (j = 0; j < 3; j++) {
        cols[j].type = PMML_COL_STRING;
        cols[j].name = names[j];
        cols[j].stride = 3 * sizeof(char *);
        cols[j].data = &cells[j];
    }
    res[1].type = res[2].type = PMML_COL_STRING;
    res[1].data = k;
    res[1].valid = kv;
    res[2].data = latest;
    res[2].valid = lv;
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 3, NULL), PMML_OK);
    strcpy(buf, "alpha");
    cells[0] = buf, cells[1] = "red", cells[2] = "2024-03-01";
    cells[3] = buf, cells[4] = NULL, cells[5] = "2024-01-15";
    ck_assert_int_eq(pmml_scorer_score(s, cols, 2, res, NULL), PMML_OK);
    ck_assert_str_eq(k[0], "1");
    ck_assert_str_eq(k[1], "1"); /* a missing c is not counted */
    ck_assert_str_eq(latest[1], "2024-03-01");
    /* the same text in the rewritten buffer and in another one: one group */
    strcpy(buf, "alpha");
    strcpy(other, "alpha");
    cells[0] = buf, cells[1] = "blue", cells[2] = NULL;
    cells[3] = other, cells[4] = "red", cells[5] = "2024-05-02";
    ck_assert_int_eq(pmml_scorer_score(s, cols, 2, res, NULL), PMML_OK);
    ck_assert_str_eq(k[0], "2");
    ck_assert_str_eq(latest[0], "2024-03-01");
    ck_assert_str_eq(k[1], "3");
    ck_assert_str_eq(latest[1], "2024-05-02");
    /* other text in the same buffer: a new group; then text of the same
     * length, and the empty string, are groups of their own; a missing s
     * is no group */
    strcpy(buf, "bravo");
    cells[0] = buf, cells[1] = "x", cells[2] = "2023-12-31";
    cells[3] = "alphb", cells[4] = "y", cells[5] = NULL;
    cells[6] = "", cells[7] = "z", cells[8] = "2020-02-29";
    cells[9] = NULL, cells[10] = "w", cells[11] = "2021-01-01";
    ck_assert_int_eq(pmml_scorer_score(s, cols, 4, res, NULL), PMML_OK);
    ck_assert_str_eq(k[0], "1");
    ck_assert_str_eq(latest[0], "2023-12-31");
    ck_assert_str_eq(k[1], "1");
    ck_assert(!lv[1]); /* no date in this group: no maximum */
    ck_assert_str_eq(k[2], "1");
    ck_assert_str_eq(latest[2], "2020-02-29");
    ck_assert(!kv[3] && !lv[3]);
    pmml_scorer_free(s);
    pmml_model_free(m);
    free(doc);
}
END_TEST

START_TEST(a_failed_row_does_not_count)
{
    static const char *const names[] = { "g", "x" };
    static const char *const cells[] = { "7", "1", "7", "abc", "7", "2" };
    static const char *const expect[] = { "1,1", "!", "2,3" };
    char *doc = model_doc("", AGG("cnt", "integer", "x", "count", "g")
                                  AGG("sum", "double", "x", "sum", "g"));
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    expect_rows(m, names, 2, cells, 3, 3, expect);
    expect_rows(m, names, 2, cells, 3, 1, expect);
    pmml_model_free(m);
    free(doc);
}
END_TEST

/* A failed row of another group still ends the group before it: the row
 * after it starts afresh, though its groupField value is the same as the
 * group before. */
START_TEST(a_failed_row_ends_its_predecessors_group)
{
    static const char *const names[] = { "g", "x" };
    static const char *const cells[] = { "7", "1", "8", "abc", "7", "2", "7", "3" };
    static const char *const expect[] = { "1,1", "!", "1,2", "2,5" };
    char *doc = model_doc("", AGG("cnt", "integer", "x", "count", "g")
                                  AGG("sum", "double", "x", "sum", "g"));
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    expect_rows(m, names, 2, cells, 4, 4, expect);
    expect_rows(m, names, 2, cells, 4, 1, expect);
    pmml_model_free(m);
    free(doc);
}
END_TEST

START_TEST(grouped_and_sequential)
{
    char *doc = model_doc("", AGG("sum", "double", "x", "sum", "s"));
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    size_t gi = 99;
    ck_assert_int_eq(pmml_model_is_sequential(m), 1);
    ck_assert_int_eq(pmml_model_group_input(m, &gi), 1);
    ck_assert_str_eq(pmml_model_input_name(m, gi), "s");
    ck_assert_int_eq(pmml_model_group_input(m, NULL), 1);
    ck_assert_ptr_nonnull(pmml_model_block_reason(m));
    ck_assert_str_eq(pmml_model_block_reason(m), "Aggregate");
    pmml_model_free(m);
    free(doc);
    /* two Aggregates over one groupField group the rows alike */
    doc = model_doc("", AGG("a", "double", "x", "sum", "g") AGG("b", "integer", "c", "count", "g"));
    m = t_load(doc, PMML_OK, NULL);
    ck_assert_int_eq(pmml_model_group_input(m, &gi), 1);
    ck_assert_str_eq(pmml_model_input_name(m, gi), "g");
    pmml_model_free(m);
    free(doc);
}
END_TEST

static void refused(const char *transforms, const char *outputs, int line, const char *needle)
{
    char *doc = model_doc(transforms, outputs);
    pmml_error err;
    t_load(doc, PMML_ERR_UNSUPPORTED, &err);
    ck_assert_str_eq(err.element, "Aggregate");
    ck_assert_msg(strstr(err.message, "Aggregate") != NULL, "'%s' does not name Aggregate",
                  err.message);
    ck_assert_msg(strstr(err.message, needle) != NULL, "message '%s' lacks '%s'", err.message,
                  needle);
    if (line)
        ck_assert_int_eq(err.line, line);
    free(doc);
}

START_TEST(refusals_name_aggregate)
{
    /* the document's fourth line holds the whole body */
    refused("", AGG("o", "double", "x", "sum\" sqlWhere=\"x &gt; 0", "g"), 4, "sqlWhere");
    refused("", AGG("o", "double", "c", "multiset", "g"), 4, "multiset");
    /* also where no field uses it */
    refused("<TransformationDictionary><DerivedField name=\"unused\" optype=\"categorical\" "
            "dataType=\"string\"><Aggregate field=\"c\" function=\"multiset\" "
            "groupField=\"g\"/></DerivedField></TransformationDictionary>",
            "", 4, "multiset");
    refused("",
            "<OutputField name=\"o\" feature=\"transformedValue\" dataType=\"double\">"
            "<Aggregate field=\"x\" function=\"sum\"/></OutputField>",
            4, "groupField");
    refused("<TransformationDictionary><DerivedField name=\"h\" optype=\"categorical\" "
            "dataType=\"integer\"><FieldRef field=\"g\"/></DerivedField>"
            "</TransformationDictionary>",
            AGG("o", "double", "x", "sum", "h"), 4, "'h' must be an input field");
    refused("<TransformationDictionary><DerivedField name=\"z\" optype=\"continuous\" "
            "dataType=\"double\"><FieldRef field=\"x\"/></DerivedField>"
            "</TransformationDictionary>",
            AGG("o", "double", "z", "sum", "g"), 4, "'z' must be an input field");
    refused("", AGG("o", "double", "x", "sum", "g") AGG("p", "double", "x", "max", "s"), 4,
            "differs from the groupField 'g'");
    refused("", AGG("o", "double", "c", "sum", "g"), 4, "'c' is string");
    refused("", AGG("o", "double", "d", "average", "g"), 4, "'d' is date");
    refused("", AGG("o", "double", "b", "max", "g"), 4, "'b' is boolean");
    {
        /* not an unsupported feature: a mistake in the document */
        char *doc = model_doc("", AGG("o", "double", "c", "count", "nowhere"));
        pmml_error err;
        t_load(doc, PMML_ERR_PMML, &err);
        ck_assert_str_eq(err.element, "Aggregate");
        ck_assert_str_eq(err.message, "Aggregate: the groupField 'nowhere' is not defined");
        free(doc);
    }
}
END_TEST

START_TEST(counts_and_extremes_of_other_types)
{
    /* count takes any field; min and max take dates (checked above), and
     * sum of an integer field stays an integer */
    static const char *const names[] = { "g", "c", "n" };
    static const char *const cells[] = { "1", "p", "3", "1", "q", "-4", "1", NULL, NULL };
    static const char *const expect[] = { "1,3,3", "2,-1,3", "2,-1,3" };
    char *doc = model_doc("", AGG("k", "integer", "c", "count", "g")
                                  AGG("t", "string", "n", "sum", "g")
                                      AGG("m", "integer", "n", "max", "g"));
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    expect_rows(m, names, 3, cells, 3, 2, expect);
    pmml_model_free(m);
    free(doc);
}
END_TEST

/* An AssociationModel over baskets whose Output also has `output`. */
static char *association_doc(const char *transforms, const char *output)
{
    char *body = malloc(strlen(transforms) + strlen(output) + 2048);
    char *doc;
    ck_assert_ptr_nonnull(body);
    sprintf(body,
            "<DataDictionary><DataField name=\"basket\" optype=\"categorical\" "
            "dataType=\"string\"/><DataField name=\"shop\" optype=\"categorical\" "
            "dataType=\"string\"/><DataField name=\"item\" optype=\"categorical\" "
            "dataType=\"string\"/><DataField name=\"price\" optype=\"continuous\" "
            "dataType=\"double\"/></DataDictionary>%s"
            "<AssociationModel functionName=\"associationRules\" numberOfTransactions=\"2\" "
            "minimumSupport=\"0.1\" minimumConfidence=\"0.1\" numberOfItems=\"2\" "
            "numberOfItemsets=\"2\" numberOfRules=\"1\">\n<MiningSchema>\n"
            "<MiningField name=\"basket\" usageType=\"group\"/><MiningField name=\"item\"/>"
            "<MiningField name=\"shop\" usageType=\"supplementary\"/>"
            "<MiningField name=\"price\" usageType=\"supplementary\"/></MiningSchema>\n"
            "<Output><OutputField name=\"rec\" feature=\"ruleValue\" ruleFeature=\"ruleId\" "
            "algorithm=\"exclusiveRecommendation\"/>\n%s</Output>"
            "<Item id=\"1\" value=\"a\"/><Item id=\"2\" value=\"b\"/><Itemset id=\"A\">"
            "<ItemRef itemRef=\"1\"/></Itemset><Itemset id=\"B\"><ItemRef itemRef=\"2\"/>"
            "</Itemset><AssociationRule id=\"r1\" antecedent=\"A\" consequent=\"B\" "
            "support=\"0.5\" confidence=\"0.6\"/></AssociationModel>",
            transforms, output);
    doc = t_pmml(body);
    free(body);
    return doc;
}

START_TEST(one_grouping_with_an_association_model)
{
    static const char *const names[] = { "basket", "item", "price" };
    static const char *const cells[] = { "u", "a", "1.5", "u", "b", "2", "v", "b", "4" };
    static const char *const expect[] = { "r1,1.5", ",3.5", ",4" };
    char *doc = association_doc("", AGG("spent", "double", "price", "sum", "basket"));
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    pmml_error err;
    char *got[3];
    size_t gi, r, first;
    /* the same field groups both: the basket's items and its total */
    ck_assert_int_eq(pmml_model_group_input(m, &gi), 1);
    ck_assert_str_eq(pmml_model_input_name(m, gi), "basket");
    for (first = 0; strcmp(pmml_model_output_name(m, first), "rec") != 0; first++)
        ;
    score_rows(m, names, 3, cells, 3, 3, first, got);
    for (r = 0; r < 3; r++) {
        ck_assert_msg(strcmp(got[r], expect[r]) == 0, "row %zu: expected '%s', got '%s'", r,
                      expect[r], got[r]);
        free(got[r]);
    }
    pmml_model_free(m);
    free(doc);
    /* another field: refused, whichever is compiled first */
    doc = association_doc("", AGG("spent", "double", "price", "sum", "shop"));
    t_load(doc, PMML_ERR_UNSUPPORTED, &err);
    ck_assert_msg(strstr(err.message, "Aggregate") && strstr(err.message, "'shop'") &&
                      strstr(err.message, "'basket'"),
                  "%s", err.message);
    free(doc);
    doc = association_doc("<TransformationDictionary><DerivedField name=\"spent\" "
                          "optype=\"continuous\" dataType=\"double\"><Aggregate field=\"price\" "
                          "function=\"sum\" groupField=\"shop\"/></DerivedField>"
                          "</TransformationDictionary>",
                          "<OutputField name=\"o\" feature=\"transformedValue\" "
                          "dataType=\"double\"><FieldRef field=\"spent\"/></OutputField>");
    t_load(doc, PMML_ERR_UNSUPPORTED, &err);
    ck_assert_msg(strstr(err.message, "Aggregate") && strstr(err.message, "'shop'") &&
                      strstr(err.message, "'basket'"),
                  "%s", err.message);
    free(doc);
}
END_TEST

Suite *suite_aggregate(void)
{
    Suite *s = suite_create("aggregate");
    TCase *tc = tcase_create("aggregate");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, each_function_over_runs_of_a_number);
    tcase_add_test(tc, string_groups_by_content);
    tcase_add_test(tc, a_failed_row_does_not_count);
    tcase_add_test(tc, a_failed_row_ends_its_predecessors_group);
    tcase_add_test(tc, grouped_and_sequential);
    tcase_add_test(tc, refusals_name_aggregate);
    tcase_add_test(tc, counts_and_extremes_of_other_types);
    tcase_add_test(tc, one_grouping_with_an_association_model);
    suite_add_tcase(s, tc);
    return s;
}
