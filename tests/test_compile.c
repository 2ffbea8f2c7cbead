/* test_compile.c - semantic checks made while compiling a model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

#define DICT                                                                                  \
    "<DataDictionary>"                                                                        \
    "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"                       \
    "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\">"                       \
    "<Value value=\"a\"/><Value value=\"b\"/></DataField>"                                    \
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"

#define SCHEMA                                                                                \
    "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"c\"/>"                        \
    "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"

static void expect(const char *body, int code, int line, const char *needle)
{
    char *doc = t_pmml(body);
    pmml_error err;
    t_load(doc, code, &err);
    if (line)
        ck_assert_int_eq(err.line, line);
    if (needle)
        ck_assert_msg(strstr(err.message, needle) != NULL, "message '%s' lacks '%s'",
                      err.message, needle);
    free(doc);
}

START_TEST(unknown_field_reference)
{
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"0\">\n\n<NumericPredictor name=\"nope\" "
                "coefficient=\"1\"/></RegressionTable></RegressionModel>",
           PMML_ERR_PMML, 6, "'nope' is not defined");
    expect(DICT "<TreeModel functionName=\"regression\">" SCHEMA
                "<Node score=\"1\"><SimplePredicate field=\"ghost\" operator=\"equal\" "
                "value=\"1\"/></Node></TreeModel>",
           PMML_ERR_PMML, 0, "'ghost'");
    expect(DICT "<RegressionModel functionName=\"regression\"><MiningSchema>"
                "<MiningField name=\"zz\"/></MiningSchema><RegressionTable intercept=\"0\"/>"
                "</RegressionModel>",
           PMML_ERR_PMML, 0, "'zz' is not defined");
}
END_TEST

START_TEST(derived_field_cycle)
{
    expect(DICT "<TransformationDictionary>"
                "<DerivedField name=\"p\" optype=\"continuous\" dataType=\"double\">"
                "<FieldRef field=\"q\"/></DerivedField>"
                "<DerivedField name=\"q\" optype=\"continuous\" dataType=\"double\">"
                "<Apply function=\"+\"><FieldRef field=\"p\"/><Constant>1</Constant></Apply>"
                "</DerivedField></TransformationDictionary>"
                "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"0\"><NumericPredictor name=\"p\" "
                "coefficient=\"1\"/></RegressionTable></RegressionModel>",
           PMML_ERR_PMML, 0, "depends on itself");
}
END_TEST

START_TEST(recursive_define_function)
{
    expect(DICT "<TransformationDictionary>"
                "<DefineFunction name=\"f\" optype=\"continuous\" dataType=\"double\">"
                "<ParameterField name=\"v\"/><Apply function=\"g\"><FieldRef field=\"v\"/>"
                "</Apply></DefineFunction>"
                "<DefineFunction name=\"g\" optype=\"continuous\" dataType=\"double\">"
                "<ParameterField name=\"v\"/><Apply function=\"f\"><FieldRef field=\"v\"/>"
                "</Apply></DefineFunction>"
                "<DerivedField name=\"d\" optype=\"continuous\" dataType=\"double\">"
                "<Apply function=\"f\"><FieldRef field=\"x\"/></Apply></DerivedField>"
                "</TransformationDictionary>"
                "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"0\"><NumericPredictor name=\"d\" "
                "coefficient=\"1\"/></RegressionTable></RegressionModel>",
           PMML_ERR_PMML, 0, "calls itself");
}
END_TEST

START_TEST(define_function_sees_only_its_parameters)
{
    expect(DICT "<TransformationDictionary>"
                "<DefineFunction name=\"f\" optype=\"continuous\" dataType=\"double\">"
                "<ParameterField name=\"v\"/><Apply function=\"+\"><FieldRef field=\"v\"/>"
                "<FieldRef field=\"x\"/></Apply></DefineFunction>"
                "<DerivedField name=\"d\" optype=\"continuous\" dataType=\"double\">"
                "<Apply function=\"f\"><FieldRef field=\"x\"/></Apply></DerivedField>"
                "</TransformationDictionary>"
                "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"0\"><NumericPredictor name=\"d\" "
                "coefficient=\"1\"/></RegressionTable></RegressionModel>",
           PMML_ERR_PMML, 0, "'x' is not defined");
}
END_TEST

START_TEST(unknown_function_and_arity)
{
    expect(DICT "<TransformationDictionary><DerivedField name=\"d\" optype=\"continuous\" "
                "dataType=\"double\"><Apply function=\"frobnicate\"><FieldRef field=\"x\"/>"
                "</Apply></DerivedField></TransformationDictionary>"
                "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"0\"><NumericPredictor name=\"d\" "
                "coefficient=\"1\"/></RegressionTable></RegressionModel>",
           PMML_ERR_UNSUPPORTED, 0, "'frobnicate' is not supported");
    expect(DICT "<TransformationDictionary><DerivedField name=\"d\" optype=\"continuous\" "
                "dataType=\"double\"><Apply function=\"sqrt\"><FieldRef field=\"x\"/>"
                "<FieldRef field=\"x\"/></Apply></DerivedField></TransformationDictionary>"
                "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"0\"><NumericPredictor name=\"d\" "
                "coefficient=\"1\"/></RegressionTable></RegressionModel>",
           PMML_ERR_PMML, 0, "'sqrt' takes 1 to 1");
}
END_TEST

START_TEST(type_conflicts)
{
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<RegressionTable intercept=\"0\"><NumericPredictor name=\"c\" "
                "coefficient=\"1\"/></RegressionTable></RegressionModel>",
           PMML_ERR_PMML, 0, "is string, not numeric");
    expect(DICT "<TreeModel functionName=\"regression\">" SCHEMA
                "<Node score=\"1\"><SimplePredicate field=\"x\" operator=\"lessThan\" "
                "value=\"big\"/></Node></TreeModel>",
           PMML_ERR_PMML, 0, "'big' is not a valid double");
    expect(DICT "<TreeModel functionName=\"regression\">" SCHEMA
                "<Node score=\"high\"><True/></Node></TreeModel>",
           PMML_ERR_PMML, 0, "'high' is not a valid double");
}
END_TEST

START_TEST(duplicate_definitions)
{
    expect("<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
           "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
           "<RegressionModel functionName=\"regression\"><MiningSchema><MiningField "
           "name=\"x\"/></MiningSchema><RegressionTable intercept=\"0\"/></RegressionModel>",
           PMML_ERR_PMML, 0, "defined twice");
    expect(DICT "<RegressionModel functionName=\"regression\"><MiningSchema>"
                "<MiningField name=\"x\"/><MiningField name=\"x\"/></MiningSchema>"
                "<RegressionTable intercept=\"0\"/></RegressionModel>",
           PMML_ERR_PMML, 0, "listed twice");
}
END_TEST

START_TEST(classification_needs_categories)
{
    expect("<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
           "<DataField name=\"t\" optype=\"categorical\" dataType=\"string\"/></DataDictionary>"
           "<TreeModel functionName=\"classification\"><MiningSchema><MiningField name=\"x\"/>"
           "<MiningField name=\"t\" usageType=\"target\"/></MiningSchema><Node><True/></Node>"
           "</TreeModel>",
           PMML_ERR_PMML, 0, "at least one target category");
    expect(DICT "<RegressionModel functionName=\"regression\">" SCHEMA
                "<Output><OutputField name=\"p\" feature=\"probability\" value=\"a\"/></Output>"
                "<RegressionTable intercept=\"0\"/></RegressionModel>",
           PMML_ERR_PMML, 0, "probability of a regression model");
}
END_TEST

Suite *suite_compile(void)
{
    Suite *s = suite_create("compile");
    TCase *tc = tcase_create("compile");
    tcase_add_test(tc, unknown_field_reference);
    tcase_add_test(tc, derived_field_cycle);
    tcase_add_test(tc, recursive_define_function);
    tcase_add_test(tc, define_function_sees_only_its_parameters);
    tcase_add_test(tc, unknown_function_and_arity);
    tcase_add_test(tc, type_conflicts);
    tcase_add_test(tc, duplicate_definitions);
    tcase_add_test(tc, classification_needs_categories);
    suite_add_tcase(s, tc);
    return s;
}
