/* test_model.c - the model layer: attributes, elements, dialects. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

#define DICT                                                                                  \
    "<DataDictionary>"                                                                        \
    "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"                       \
    "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\">"                       \
    "<Value value=\"a\"/><Value value=\"b b\"/><Value value=\"q&quot;t\"/></DataField>"       \
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"

#define SCHEMA                                                                                \
    "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"c\"/>"                        \
    "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"

static void expect(const char *body, int code, int line, const char *element, const char *needle)
{
    char *doc = t_pmml(body);
    pmml_error err;
    t_load(doc, code, &err);
    if (line)
        ck_assert_int_eq(err.line, line);
    if (element)
        ck_assert_str_eq(err.element, element);
    if (needle)
        ck_assert_msg(strstr(err.message, needle) != NULL, "message '%s' lacks '%s'",
                      err.message, needle);
    free(doc);
}

START_TEST(missing_required_attribute)
{
    expect(DICT "<RegressionModel functionName=\"regression\">\n" SCHEMA
                "<RegressionTable><NumericPredictor name=\"x\"/></RegressionTable>"
                "</RegressionModel>",
           PMML_ERR_PMML, 5, "NumericPredictor", "'coefficient' is missing");
    expect(DICT "<TreeModel>" SCHEMA "<Node><True/></Node></TreeModel>", PMML_ERR_PMML, 0,
           "TreeModel", "'functionName'");
}
END_TEST

START_TEST(numbers_that_do_not_parse)
{
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"one\"/></RegressionModel>",
           PMML_ERR_PMML, 0, "RegressionTable", "'one' is not a number");
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"1e999999\"/></RegressionModel>",
           PMML_ERR_PMML, 0, "RegressionTable", "out of the range");
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"0\"><NumericPredictor name=\"x\" "
                "coefficient=\"0x10\"/></RegressionTable></RegressionModel>",
           PMML_ERR_PMML, 0, "NumericPredictor", "not a number");
}
END_TEST

START_TEST(unknown_and_unsupported_elements)
{
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"0\"><Bogus/></RegressionTable></RegressionModel>",
           PMML_ERR_UNSUPPORTED, 0, "Bogus", "<Bogus> is not supported inside <RegressionTable>");
    expect(DICT "\n<SequenceModel functionName=\"sequences\" numberOfTransactions=\"1\" "
                "numberOfTransactionGroups=\"1\" minimumSupport=\"0.1\" "
                "minimumConfidence=\"0.1\"></SequenceModel>",
           PMML_ERR_UNSUPPORTED, 5, "SequenceModel", "not supported");
    expect(DICT "<TreeModel functionName=\"regression\">" SCHEMA
                "<Node><True/><Node score=\"1\"><True/><Regression/></Node></Node></TreeModel>",
           PMML_ERR_UNSUPPORTED, 0, "Regression", "embedded");
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<LocalTransformations><DerivedField name=\"d\" optype=\"continuous\" "
                "dataType=\"double\"><Aggregate field=\"x\" function=\"sum\"/></DerivedField>"
                "</LocalTransformations><RegressionTable intercept=\"0\"/></RegressionModel>",
           PMML_ERR_UNSUPPORTED, 0, "Aggregate", "not supported");
}
END_TEST

START_TEST(bad_enumerations)
{
    expect(DICT "<TreeModel functionName=\"regression\" missingValueStrategy=\"guess\">" SCHEMA
                "<Node><True/></Node></TreeModel>",
           PMML_ERR_PMML, 0, "TreeModel", "'guess'");
    expect(DICT "<TreeModel functionName=\"regression\">" SCHEMA
                "<Node><SimplePredicate field=\"x\" operator=\"about\" value=\"1\"/></Node>"
                "</TreeModel>",
           PMML_ERR_PMML, 0, "SimplePredicate", "'about'");
}
END_TEST

START_TEST(array_parsing)
{
    /* quoted items keep blanks, \" is a quote, n must match */
    char *doc = t_pmml(
        DICT "<TreeModel functionName=\"regression\">" SCHEMA "<Node score=\"0\"><True/>"
             "<Node score=\"1\"><SimpleSetPredicate field=\"c\" booleanOperator=\"isIn\">"
             "<Array n=\"2\" type=\"string\">\"b b\" \"q\\\"t\"</Array></SimpleSetPredicate>"
             "</Node><Node score=\"2\"><True/></Node></Node></TreeModel>");
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    char *r;
    r = t_score(m, "c=b b");
    ck_assert_str_eq(r, "y=1");
    free(r);
    r = t_score(m, "c=q\"t");
    ck_assert_str_eq(r, "y=1");
    free(r);
    r = t_score(m, "c=a");
    ck_assert_str_eq(r, "y=2");
    free(r);
    pmml_model_free(m);
    free(doc);
    expect(DICT "<TreeModel functionName=\"regression\">" SCHEMA "<Node score=\"0\">"
                "<SimpleSetPredicate field=\"c\" booleanOperator=\"isIn\"><Array n=\"3\" "
                "type=\"string\">a b</Array></SimpleSetPredicate></Node></TreeModel>",
           PMML_ERR_PMML, 0, "Array", "n=\"3\"");
    expect(DICT "<TreeModel functionName=\"regression\">" SCHEMA "<Node score=\"0\">"
                "<SimpleSetPredicate field=\"c\" booleanOperator=\"isIn\"><Array "
                "type=\"string\">\"open</Array></SimpleSetPredicate></Node></TreeModel>",
           PMML_ERR_PMML, 0, "Array", "not closed");
}
END_TEST

START_TEST(x_spelling_of_newer_attributes)
{
    /* PMML 4.3 converters wrote x-invalidValueReplacement */
    char *doc = t_pmml(DICT "<RegressionModel functionName=\"regression\"><MiningSchema>"
                            "<MiningField name=\"x\" invalidValueTreatment=\"asIs\" "
                            "x-invalidValueReplacement=\"10\"/>"
                            "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
                            "<RegressionTable intercept=\"0\"><NumericPredictor name=\"x\" "
                            "coefficient=\"1\"/></RegressionTable></RegressionModel>");
    char *r = t_score_doc(doc, "x=abc");
    ck_assert_str_eq(r, "y=10");
    free(r);
    free(doc);
}
END_TEST

START_TEST(first_scorable_model_is_used)
{
    char *doc = t_pmml(DICT "<RegressionModel functionName=\"regression\" isScorable=\"false\">"
                            SCHEMA "<RegressionTable intercept=\"1\"/></RegressionModel>"
                            "<RegressionModel functionName=\"regression\">" SCHEMA
                            "<RegressionTable intercept=\"2\"/></RegressionModel>");
    char *r = t_score_doc(doc, "x=1");
    ck_assert_str_eq(r, "y=2");
    free(r);
    free(doc);
    expect(DICT, PMML_ERR_PMML, 0, NULL, "no model element");
}
END_TEST

Suite *suite_model(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("model");
    tcase_add_test(tc, missing_required_attribute);
    tcase_add_test(tc, numbers_that_do_not_parse);
    tcase_add_test(tc, unknown_and_unsupported_elements);
    tcase_add_test(tc, bad_enumerations);
    tcase_add_test(tc, array_parsing);
    tcase_add_test(tc, x_spelling_of_newer_attributes);
    tcase_add_test(tc, first_scorable_model_is_used);
    suite_add_tcase(s, tc);
    return s;
}
