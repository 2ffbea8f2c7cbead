/* test_eval.c - expressions, built-in functions and input treatments,
 * checked through one-row scoring with values worked out by hand. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

#define DICT                                                                                  \
    "<DataDictionary>"                                                                        \
    "<DataField name=\"a\" optype=\"continuous\" dataType=\"double\"/>"                       \
    "<DataField name=\"b\" optype=\"continuous\" dataType=\"double\"/>"                       \
    "<DataField name=\"i\" optype=\"continuous\" dataType=\"integer\"/>"                      \
    "<DataField name=\"s\" optype=\"categorical\" dataType=\"string\"/>"                      \
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"

/* out = the expression, as an OutputField of a trivial regression. */
static char *score_expr(const char *prelude, const char *expr, const char *dt, const char *row)
{
    char *body = malloc(strlen(expr) + strlen(prelude) + 2048);
    char *doc, *r;
    sprintf(body,
            DICT "%s<RegressionModel functionName=\"regression\"><MiningSchema>"
                 "<MiningField name=\"a\"/><MiningField name=\"b\"/><MiningField name=\"i\"/>"
                 "<MiningField name=\"s\"/><MiningField name=\"y\" usageType=\"target\"/>"
                 "</MiningSchema><Output><OutputField name=\"out\" feature=\"transformedValue\" "
                 "dataType=\"%s\">%s</OutputField></Output>"
                 "<RegressionTable intercept=\"0\"/></RegressionModel>",
            prelude, dt, expr);
    doc = t_pmml(body);
    r = t_score_doc(doc, row);
    free(doc);
    free(body);
    return r;
}

static void check_expr(const char *expr, const char *dt, const char *row, const char *expect)
{
    char *r = score_expr("", expr, dt, row);
    char buf[256];
    if (expect[0] == '!')
        ck_assert_msg(r[0] == '!', "%s on %s: expected a row error, got %s", expr, row, r);
    else
        ck_assert_msg(strcmp(t_get(r, "out", buf, sizeof buf), expect) == 0,
                      "%s on %s: expected '%s', got '%s'", expr, row, expect, r);
    free(r);
}

#define C(x) "<Constant>" x "</Constant>"
#define CD(x) "<Constant dataType=\"double\">" x "</Constant>"
#define CS(x) "<Constant dataType=\"string\">" x "</Constant>"
#define F(x) "<FieldRef field=\"" x "\"/>"
#define AP(f, args) "<Apply function=\"" f "\">" args "</Apply>"

START_TEST(arithmetic)
{
    check_expr(AP("+", F("a") F("b")), "double", "a=1.5;b=2", "3.5");
    check_expr(AP("-", F("a") F("b")), "double", "a=1.5;b=2", "-0.5");
    check_expr(AP("*", F("a") F("b")), "double", "a=1.5;b=2", "3");
    check_expr(AP("/", F("a") F("b")), "double", "a=1.5;b=2", "0.75");
    check_expr(AP("/", F("i") C("2")), "double", "i=3", "1.5"); /* integer division is real */
    check_expr(AP("/", F("a") F("b")), "double", "a=1;b=0", "Infinity");
    check_expr(AP("/", F("a") F("b")), "double", "a=0;b=0", "!");
    check_expr("<Apply function=\"/\" invalidValueTreatment=\"asMissing\">" F("a") F("b")
               "</Apply>",
               "double", "a=0;b=0", "");
    check_expr(AP("+", F("a") F("b")), "double", "a=1", "");
    check_expr("<Apply function=\"+\" mapMissingTo=\"-1\">" F("a") F("b") "</Apply>", "double",
               "a=1", "-1");
}
END_TEST

START_TEST(aggregates)
{
    check_expr(AP("min", F("a") F("b") F("i")), "double", "a=1.5;b=2", "1.5");
    check_expr(AP("max", F("a") F("b") C("7")), "double", "a=1.5;b=2", "7");
    check_expr(AP("sum", C("1") C("2") C("4")), "double", "", "7");
    check_expr(AP("avg", C("1") C("2") C("4")), "double", "", "2.3333333333333335");
    check_expr(AP("median", C("5") C("1") C("3") C("2")), "double", "", "2.5");
    check_expr(AP("median", C("5") C("1") C("3")), "double", "", "3");
    check_expr(AP("product", C("2") C("3") C("4")), "double", "", "24");
    check_expr(AP("sum", F("a") F("b")), "double", "", "");
    check_expr(AP("sum", C("1") C("2") C("3") C("4") C("5") C("6") C("7") C("8") C("9")
                          C("10")),
               "double", "", "55");
}
END_TEST

START_TEST(math)
{
    check_expr(AP("log10", C("1000")), "double", "", "3");
    check_expr(AP("ln", C("1")), "double", "", "0");
    check_expr(AP("ln", C("-1")), "double", "", "!");
    check_expr(AP("sqrt", C("16")), "double", "", "4");
    check_expr(AP("abs", C("-2.5")), "double", "", "2.5");
    check_expr(AP("exp", C("0")), "double", "", "1");
    check_expr(AP("pow", C("2") C("10")), "double", "", "1024");
    check_expr(AP("pow", C("0") C("0")), "double", "", "1");
    check_expr(AP("threshold", C("3") C("3")), "double", "", "0");
    check_expr(AP("threshold", C("4") C("3")), "double", "", "1");
    check_expr(AP("floor", C("-1.5")), "double", "", "-2");
    check_expr(AP("ceil", C("-1.5")), "double", "", "-1");
    check_expr(AP("round", C("2.5")), "double", "", "3");
    check_expr(AP("round", C("-2.5")), "double", "", "-2");
    check_expr(AP("rint", C("2.5")), "double", "", "2");
    check_expr(AP("modulo", C("-10") C("3")), "double", "", "2");
    check_expr(AP("modulo", C("10") C("-3")), "double", "", "-2");
    check_expr(AP("expm1", C("0")), "double", "", "0");
    check_expr(AP("hypot", C("3") C("4")), "double", "", "5");
    check_expr(AP("ln1p", C("0")), "double", "", "0");
    check_expr(AP("sin", C("0")), "double", "", "0");
    check_expr(AP("cos", C("0")), "double", "", "1");
    check_expr(AP("atan", C("1")), "double", "", "0.7853981633974483");
    check_expr(AP("tanh", C("0")), "double", "", "0");
    check_expr(AP("x-atan2", C("1") C("1")), "double", "", "0.7853981633974483");
    check_expr(AP("asin", C("2")), "double", "", "!");
}
END_TEST

START_TEST(distributions)
{
    check_expr(AP("stdNormalCDF", C("0")), "double", "", "0.5");
    check_expr(AP("stdNormalPDF", C("0")), "double", "", "0.3989422804014327");
    check_expr(AP("normalCDF", C("1") C("1") C("2")), "double", "", "0.5");
    check_expr(AP("normalPDF", C("3") C("3") C("2")), "double", "", "0.19947114020071635");
    check_expr(AP("erf", C("0")), "double", "", "0");
    check_expr(AP("stdNormalIDF", C("0.5")), "double", "", "0");
    check_expr(AP("normalIDF", C("0.5") C("3") C("2")), "double", "", "3");
    check_expr(AP("stdNormalIDF", C("1.5")), "double", "", "!");
    {
        char *r = score_expr("", AP("stdNormalIDF", C("0.975")), "double", "");
        ck_assert_double_eq_tol(t_num(r, "out"), 1.959963984540054, 1e-14);
        free(r);
        r = score_expr("", AP("stdNormalIDF", C("1e-10")), "double", "");
        ck_assert_double_eq_tol(t_num(r, "out"), -6.361340902404056, 1e-12);
        free(r);
    }
}
END_TEST

START_TEST(logic_and_comparison)
{
    check_expr(AP("isMissing", F("i")), "boolean", "", "true");
    check_expr(AP("isNotMissing", F("i")), "boolean", "", "false");
    check_expr(AP("isMissing", F("a")), "boolean", "a=1", "false");
    check_expr(AP("equal", C("1") CD("1.0")), "boolean", "", "true");
    check_expr(AP("notEqual", F("s") CS("x")), "boolean", "s=x", "false");
    check_expr(AP("lessThan", F("a") F("b")), "boolean", "a=1;b=2", "true");
    check_expr(AP("lessOrEqual", F("a") F("b")), "boolean", "a=2;b=2", "true");
    check_expr(AP("greaterThan", F("a") F("b")), "boolean", "a=2;b=2", "false");
    check_expr(AP("greaterOrEqual", F("a") F("b")), "boolean", "a=3;b=2", "true");
    check_expr(AP("and", AP("lessThan", F("a") F("b")) AP("equal", F("s") CS("x"))), "boolean",
               "a=1;b=2;s=y", "false");
    check_expr(AP("or", AP("lessThan", F("a") F("b")) AP("equal", F("s") CS("x"))), "boolean",
               "a=1;b=2;s=y", "true");
    check_expr(AP("not", AP("lessThan", F("a") F("b"))), "boolean", "a=1;b=2", "false");
    check_expr(AP("isIn", F("s") CS("x") CS("y")), "boolean", "s=y", "true");
    check_expr(AP("isNotIn", F("s") CS("x") CS("y")), "boolean", "s=z", "true");
    check_expr(AP("if", AP("greaterThan", F("a") F("b")) CS("big") CS("small")), "string",
               "a=1;b=2", "small");
    check_expr(AP("if", AP("greaterThan", F("a") F("b")) CS("big")), "string", "a=1;b=2", "");
    check_expr("<Apply function=\"if\" defaultValue=\"none\">"
               AP("greaterThan", F("a") F("b")) CS("big") "</Apply>",
               "string", "a=1;b=2", "none");
    check_expr(AP("if", AP("greaterThan", F("a") F("b")) CS("big") CS("small")), "string",
               "a=1", "");
}
END_TEST

START_TEST(strings)
{
    check_expr(AP("uppercase", F("s")), "string", "s=abc", "ABC");
    check_expr(AP("lowercase", CS("MiXed")), "string", "", "mixed");
    check_expr(AP("substring", CS("hello") C("2") C("3")), "string", "", "ell");
    check_expr(AP("substring", CS("hi") C("2") C("10")), "string", "", "i");
    check_expr(AP("substring", CS("h\xC3\xA9llo") C("2") C("2")), "string", "",
               "\xC3\xA9l");
    check_expr(AP("trimBlanks", CS("  a b ")), "string", "", "a b");
    check_expr(AP("concat", CS("a") C("1") CS("b")), "string", "", "a1b");
    check_expr(AP("concat", CS("x") CD("2") F("i")), "string", "", "x2.0");
    check_expr(AP("stringLength", CS("h\xC3\xA9llo")), "integer", "", "5");
    check_expr(AP("replace", CS("BBBB") CS("B+?") CS("c")), "string", "", "cccc");
    check_expr(AP("replace", CS("2024-01-31") CS("(\\d+)-(\\d+)-(\\d+)") CS("$3/$2/$1")), "string",
               "", "31/01/2024");
    check_expr(AP("matches", CS("abc") CS("b")), "boolean", "", "true");
    check_expr(AP("matches", CS("abc") CS("^b")), "boolean", "", "false");
    check_expr(AP("formatNumber", CD("3.14159") CS("%.2f")), "string", "", "3.14");
    check_expr(AP("formatNumber", C("2") CS("%3d")), "string", "", "  2");
    check_expr(AP("formatNumber", CD("2.5") CS("%d")), "string", "", "!");
}
END_TEST

START_TEST(regex_limits_bound_time)
{
    /* catastrophic backtracking yields an invalid value, not a hang */
    char s[128];
    memset(s, 'a', 60);
    s[60] = '\0';
    {
        char expr[512];
        char row[160];
        char *r;
        snprintf(expr, sizeof expr, AP("matches", F("s") CS("^(a+)+$b")));
        snprintf(row, sizeof row, "s=%s", s);
        r = score_expr("", expr, "boolean", row);
        ck_assert_msg(r[0] == '!' || strstr(r, "out=false"), "%s", r);
        free(r);
    }
}
END_TEST

START_TEST(normalization_and_mapping)
{
    const char *nc = "<NormContinuous field=\"a\" outliers=\"%s\" mapMissingTo=\"-9\">"
                     "<LinearNorm orig=\"0\" norm=\"0\"/><LinearNorm orig=\"10\" norm=\"1\"/>"
                     "<LinearNorm orig=\"20\" norm=\"5\"/></NormContinuous>";
    char expr[512];
    snprintf(expr, sizeof expr, nc, "asIs");
    check_expr(expr, "double", "a=5", "0.5");
    check_expr(expr, "double", "a=15", "3");
    check_expr(expr, "double", "a=30", "9");
    check_expr(expr, "double", "a=-10", "-1");
    check_expr(expr, "double", "", "-9");
    snprintf(expr, sizeof expr, nc, "asExtremeValues");
    check_expr(expr, "double", "a=30", "5");
    snprintf(expr, sizeof expr, nc, "asMissingValues");
    check_expr(expr, "double", "a=30", "-9");
    check_expr("<NormDiscrete field=\"s\" value=\"x\"/>", "double", "s=x", "1");
    check_expr("<NormDiscrete field=\"s\" value=\"x\"/>", "double", "s=y", "0");
    {
        const char *dz = "<Discretize field=\"a\" defaultValue=\"other\" mapMissingTo=\"none\">"
                         "<DiscretizeBin binValue=\"neg\"><Interval closure=\"openOpen\" "
                         "rightMargin=\"0\"/></DiscretizeBin>"
                         "<DiscretizeBin binValue=\"low\"><Interval closure=\"closedClosed\" "
                         "leftMargin=\"0\" rightMargin=\"10\"/></DiscretizeBin>"
                         "<DiscretizeBin binValue=\"high\"><Interval closure=\"openClosed\" "
                         "leftMargin=\"10\" rightMargin=\"20\"/></DiscretizeBin></Discretize>";
        check_expr(dz, "string", "a=-1", "neg");
        check_expr(dz, "string", "a=0", "low");
        check_expr(dz, "string", "a=10", "low");
        check_expr(dz, "string", "a=10.5", "high");
        check_expr(dz, "string", "a=25", "other");
        check_expr(dz, "string", "", "none");
    }
    {
        const char *mv = "<MapValues outputColumn=\"out\" dataType=\"double\" defaultValue=\"0\">"
                         "<FieldColumnPair field=\"s\" column=\"k\"/>"
                         "<FieldColumnPair field=\"i\" column=\"n\"/>"
                         "<InlineTable><row><k>x</k><n>1</n><out>10</out></row>"
                         "<row><k>x</k><n>2</n><out>20</out></row>"
                         "<row><k>y</k><n>1</n><out>30</out></row></InlineTable></MapValues>";
        check_expr(mv, "double", "s=x;i=2", "20");
        check_expr(mv, "double", "s=y;i=1", "30");
        check_expr(mv, "double", "s=y;i=2", "0");
        check_expr(mv, "double", "s=y", "");
    }
    check_expr("<FieldRef field=\"a\" mapMissingTo=\"4\"/>", "double", "", "4");
}
END_TEST

START_TEST(define_function)
{
    const char *td = "<TransformationDictionary>"
                     "<DefineFunction name=\"twice_plus\" optype=\"continuous\" dataType=\"double\">"
                     "<ParameterField name=\"v\"/><ParameterField name=\"w\"/>"
                     "<Apply function=\"+\"><Apply function=\"*\"><FieldRef field=\"v\"/>"
                     "<Constant>2</Constant></Apply><FieldRef field=\"w\"/></Apply>"
                     "</DefineFunction></TransformationDictionary>";
    char *r = score_expr(td, AP("twice_plus", F("a") AP("twice_plus", F("b") C("1"))), "double",
                         "a=3;b=4");
    ck_assert_str_eq(r, "y=0;out=15");
    free(r);
}
END_TEST

START_TEST(sas_parameter_constant)
{
    /* SAS EM writes <Constant>W</Constant> for the parameter W */
    const char *td = "<TransformationDictionary>"
                     "<DefineFunction name=\"cut\" optype=\"categorical\" dataType=\"string\">"
                     "<ParameterField name=\"W\" optype=\"continuous\"/>"
                     "<ParameterField name=\"S\" optype=\"categorical\"/>"
                     "<Apply function=\"substring\"><FieldRef field=\"S\"/>"
                     "<Constant>1</Constant><Constant>W</Constant></Apply>"
                     "</DefineFunction></TransformationDictionary>";
    char *r = score_expr(td, AP("cut", C("3") F("s")), "string", "s=abcdef");
    ck_assert_str_eq(r, "y=0;out=abc");
    free(r);
}
END_TEST

/* ---- MiningField and DataField treatments of inputs ---- */

static char *score_treated(const char *dict_a, const char *mining_a, const char *row)
{
    char body[2048];
    char *doc, *r;
    snprintf(body, sizeof body,
             "<DataDictionary>%s"
             "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
             "<RegressionModel functionName=\"regression\"><MiningSchema>%s"
             "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
             "<RegressionTable intercept=\"0\"><NumericPredictor name=\"a\" coefficient=\"1\"/>"
             "</RegressionTable></RegressionModel>",
             dict_a, mining_a);
    doc = t_pmml(body);
    r = t_score_doc(doc, row);
    free(doc);
    return r;
}

#define DA "<DataField name=\"a\" optype=\"continuous\" dataType=\"double\"/>"

START_TEST(invalid_value_treatments)
{
    char *r;
    r = score_treated(DA, "<MiningField name=\"a\"/>", "a=abc");
    ck_assert_msg(strstr(r, "!-10") && strstr(r, "'a'") && strstr(r, "abc"), "%s", r);
    free(r);
    r = score_treated(DA, "<MiningField name=\"a\" invalidValueTreatment=\"asMissing\" "
                          "missingValueReplacement=\"7\"/>",
                      "a=abc");
    ck_assert_str_eq(r, "y=7");
    free(r);
    r = score_treated(DA, "<MiningField name=\"a\" invalidValueTreatment=\"asValue\" "
                          "invalidValueReplacement=\"8\"/>",
                      "a=abc");
    ck_assert_str_eq(r, "y=8");
    free(r);
    r = score_treated(DA, "<MiningField name=\"a\" missingValueTreatment=\"returnInvalid\"/>", "");
    ck_assert_msg(strstr(r, "!-11"), "%s", r);
    free(r);
    r = score_treated(DA, "<MiningField name=\"a\" missingValueReplacement=\"3.5\"/>", "");
    ck_assert_str_eq(r, "y=3.5");
    free(r);
}
END_TEST

START_TEST(outliers)
{
    char *r;
    r = score_treated(DA, "<MiningField name=\"a\" outliers=\"asExtremeValues\" lowValue=\"0\" "
                          "highValue=\"10\"/>",
                      "a=20");
    ck_assert_str_eq(r, "y=10");
    free(r);
    r = score_treated(DA, "<MiningField name=\"a\" outliers=\"asExtremeValues\" lowValue=\"0\" "
                          "highValue=\"10\"/>",
                      "a=-3");
    ck_assert_str_eq(r, "y=0");
    free(r);
    r = score_treated(DA, "<MiningField name=\"a\" outliers=\"asMissingValues\" lowValue=\"0\" "
                          "highValue=\"10\" missingValueReplacement=\"5\"/>",
                      "a=11");
    ck_assert_str_eq(r, "y=5");
    free(r);
}
END_TEST

START_TEST(data_dictionary_validity)
{
    char *r;
    const char *na = "<DataField name=\"a\" optype=\"continuous\" dataType=\"double\">"
                     "<Value value=\"NA\" property=\"missing\"/>"
                     "<Value value=\"-999\" property=\"missing\"/>"
                     "<Value value=\"13\" property=\"invalid\"/></DataField>";
    const char *iv = "<DataField name=\"a\" optype=\"continuous\" dataType=\"double\">"
                     "<Interval closure=\"closedOpen\" leftMargin=\"0\" rightMargin=\"5\"/>"
                     "</DataField>";
    r = score_treated(na, "<MiningField name=\"a\" missingValueReplacement=\"1\"/>", "a=NA");
    ck_assert_str_eq(r, "y=1");
    free(r);
    r = score_treated(na, "<MiningField name=\"a\" missingValueReplacement=\"1\"/>", "a=-999.0");
    ck_assert_str_eq(r, "y=1");
    free(r);
    r = score_treated(na, "<MiningField name=\"a\"/>", "a=13");
    ck_assert_msg(r[0] == '!', "%s", r);
    free(r);
    r = score_treated(iv, "<MiningField name=\"a\"/>", "a=4.99");
    ck_assert_str_eq(r, "y=4.99");
    free(r);
    r = score_treated(iv, "<MiningField name=\"a\"/>", "a=5");
    ck_assert_msg(r[0] == '!', "%s", r);
    free(r);
    r = score_treated(iv, "<MiningField name=\"a\" invalidValueTreatment=\"asIs\"/>", "a=5");
    ck_assert_str_eq(r, "y=5");
    free(r);
}
END_TEST

Suite *suite_eval(void)
{
    Suite *s = suite_create("eval");
    TCase *tc = tcase_create("expressions");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, arithmetic);
    tcase_add_test(tc, aggregates);
    tcase_add_test(tc, math);
    tcase_add_test(tc, distributions);
    tcase_add_test(tc, logic_and_comparison);
    tcase_add_test(tc, strings);
    tcase_add_test(tc, regex_limits_bound_time);
    tcase_add_test(tc, normalization_and_mapping);
    tcase_add_test(tc, define_function);
    tcase_add_test(tc, sas_parameter_constant);
    suite_add_tcase(s, tc);
    tc = tcase_create("treatments");
    tcase_add_test(tc, invalid_value_treatments);
    tcase_add_test(tc, outliers);
    tcase_add_test(tc, data_dictionary_validity);
    suite_add_tcase(s, tc);
    return s;
}

/* ---- findings of review: each once a silent wrong number ---- */

START_TEST(failed_derived_cast_fails_the_row)
{
    const char *td = "<TransformationDictionary>"
                     "<DerivedField name=\"half\" optype=\"continuous\" dataType=\"integer\">"
                     "<Apply function=\"/\"><FieldRef field=\"a\"/><Constant>2</Constant></Apply>"
                     "</DerivedField></TransformationDictionary>";
    char *r = score_expr(td, F("half"), "double", "a=7");
    ck_assert_msg(strstr(r, "!-10") && strstr(r, "'half'") && strstr(r, "3.5"), "%s", r);
    free(r);
    r = score_expr(td, F("half"), "double", "a=8");
    ck_assert_str_eq(r, "y=0;out=4");
    free(r);
}
END_TEST

START_TEST(string_arguments_of_numeric_functions)
{
    check_expr(AP("+", CS("5") C("1")), "double", "", "6");
    check_expr(AP("ln", F("s")), "double", "s=1", "0");
    check_expr(AP("+", F("s") C("1")), "double", "s=five", "!");
}
END_TEST

START_TEST(wide_argument_lists)
{
    char expr[32768];
    size_t n = 0;
    int i;
    n += (size_t)snprintf(expr + n, sizeof expr - n, "<Apply function=\"sum\">");
    for (i = 1; i <= 100; i++)
        n += (size_t)snprintf(expr + n, sizeof expr - n,
                              "<Apply function=\"max\"><Constant>%d</Constant><Constant>0"
                              "</Constant><Constant>0</Constant><Constant>0</Constant>"
                              "<Constant>0</Constant><Constant>0</Constant><Constant>0"
                              "</Constant><Constant>0</Constant><Constant>0</Constant></Apply>",
                              i);
    snprintf(expr + n, sizeof expr - n, "</Apply>");
    check_expr(expr, "double", "", "5050");
}
END_TEST

START_TEST(asis_passes_nan_on)
{
    check_expr("<Apply function=\"sqrt\" invalidValueTreatment=\"asIs\">" C("-1") "</Apply>",
               "double", "", "NaN");
}
END_TEST

START_TEST(dates_and_times)
{
    const char *dict = "<DataDictionary>"
                       "<DataField name=\"d\" optype=\"continuous\" dataType=\"date\"/>"
                       "<DataField name=\"dt\" optype=\"continuous\" dataType=\"dateTime\"/>"
                       "<DataField name=\"t\" optype=\"continuous\" dataType=\"time\"/>"
                       "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"
                       "</DataDictionary>";
    char body[4096];
    char *doc, *r;
    pmml_model *m;
    /* the examples of the PMML 4.4 built-in functions */
    snprintf(body, sizeof body,
             "%s<RegressionModel functionName=\"regression\"><MiningSchema>"
             "<MiningField name=\"d\"/><MiningField name=\"dt\"/><MiningField name=\"t\"/>"
             "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema><Output>"
             "<OutputField name=\"days\" feature=\"transformedValue\" dataType=\"integer\">"
             "<Apply function=\"dateDaysSinceYear\"><FieldRef field=\"d\"/>"
             "<Constant>1960</Constant></Apply></OutputField>"
             "<OutputField name=\"secs\" feature=\"transformedValue\" dataType=\"integer\">"
             "<Apply function=\"dateSecondsSinceYear\"><FieldRef field=\"dt\"/>"
             "<Constant>1960</Constant></Apply></OutputField>"
             "<OutputField name=\"mid\" feature=\"transformedValue\" dataType=\"integer\">"
             "<Apply function=\"dateSecondsSinceMidnight\"><FieldRef field=\"t\"/></Apply>"
             "</OutputField>"
             "<OutputField name=\"fmt\" feature=\"transformedValue\" dataType=\"string\">"
             "<Apply function=\"formatDatetime\"><FieldRef field=\"d\"/>"
             "<Constant dataType=\"string\">%%m/%%d/%%y</Constant></Apply></OutputField>"
             "<OutputField name=\"since60\" feature=\"transformedValue\" "
             "dataType=\"dateDaysSince[1960]\"><FieldRef field=\"d\"/></OutputField>"
             "<OutputField name=\"later\" feature=\"transformedValue\" dataType=\"boolean\">"
             "<Apply function=\"greaterThan\"><FieldRef field=\"d\"/>"
             "<Constant dataType=\"date\">2000-01-01</Constant></Apply></OutputField>"
             "</Output><RegressionTable intercept=\"0\"/></RegressionModel>",
             dict);
    doc = t_pmml(body);
    m = t_load(doc, PMML_OK, NULL);
    r = t_score(m, "d=2003-04-01;dt=1960-01-03T03:30:03;t=05:23:30");
    ck_assert_str_eq(r, "y=0;days=15796;secs=185403;mid=19410;fmt=04/01/03;since60=15796;"
                        "later=true");
    free(r);
    r = t_score(m, "d=1960-01-01;dt=1959-12-31T23:59:59;t=00:00:00");
    ck_assert_str_eq(r, "y=0;days=0;secs=-1;mid=0;fmt=01/01/60;since60=0;later=false");
    free(r);
    r = t_score(m, "d=2003-02-29");
    ck_assert_msg(r[0] == '!', "%s", r); /* no such day */
    free(r);
    pmml_model_free(m);
    free(doc);
}
END_TEST

START_TEST(text_index)
{
    const char *dict = "<DataDictionary>"
                       "<DataField name=\"text\" optype=\"categorical\" dataType=\"string\"/>"
                       "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"
                       "</DataDictionary>";
    char body[4096];
    char *doc, *r;
    pmml_model *m;
    snprintf(body, sizeof body,
             "%s<RegressionModel functionName=\"regression\"><MiningSchema>"
             "<MiningField name=\"text\"/><MiningField name=\"y\" usageType=\"target\"/>"
             "</MiningSchema><Output>"
             "<OutputField name=\"tf\" feature=\"transformedValue\" dataType=\"integer\">"
             "<TextIndex textField=\"text\"><Constant>brown fox</Constant></TextIndex>"
             "</OutputField>"
             "<OutputField name=\"lev\" feature=\"transformedValue\" dataType=\"integer\">"
             "<TextIndex textField=\"text\" maxLevenshteinDistance=\"1\">"
             "<Constant>fox</Constant></TextIndex></OutputField>"
             "<OutputField name=\"best\" feature=\"transformedValue\" dataType=\"integer\">"
             "<TextIndex textField=\"text\" maxLevenshteinDistance=\"1\" countHits=\"bestHits\">"
             "<Constant>fox</Constant></TextIndex></OutputField>"
             "<OutputField name=\"norm\" feature=\"transformedValue\" dataType=\"integer\">"
             "<TextIndex textField=\"text\" isCaseSensitive=\"true\"><TextIndexNormalization>"
             "<InlineTable><row><string>foxes</string><stem>fox</stem></row>"
             "<row><string>F[Oo]x</string><stem>fox</stem><regex>true</regex></row>"
             "</InlineTable></TextIndexNormalization><Constant>fox</Constant></TextIndex>"
             "</OutputField>"
             "<OutputField name=\"logw\" feature=\"transformedValue\" dataType=\"double\">"
             "<TextIndex textField=\"text\" localTermWeights=\"logarithmic\">"
             "<Constant>the</Constant></TextIndex></OutputField>"
             "<OutputField name=\"bin\" feature=\"transformedValue\" dataType=\"integer\">"
             "<TextIndex textField=\"text\" localTermWeights=\"binary\">"
             "<Constant>the</Constant></TextIndex></OutputField>"
             "</Output><RegressionTable intercept=\"0\"/></RegressionModel>",
             dict);
    doc = t_pmml(body);
    m = t_load(doc, PMML_OK, NULL);
    /* tokens: the, quick, brown, fox, the, lazy, dog (punctuation trimmed) */
    r = t_score(m, "text=The quick brown fox, the lazy dog.");
    ck_assert_str_eq(r, "y=0;tf=1;lev=1;best=1;norm=1;logw=0.47712125471966244;bin=1");
    free(r);
    /* foxes (2 edits), Fox (0), FOx (1 with case), fix (1) */
    r = t_score(m, "text=foxes and Fox and fix FOx");
    ck_assert_str_eq(r, "y=0;tf=0;lev=3;best=2;norm=3;logw=0;bin=0");
    free(r);
    pmml_model_free(m);
    free(doc);
}
END_TEST

START_TEST(lag_keeps_history_per_scorer)
{
    const char *dict = "<DataDictionary>"
                       "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
                       "<DataField name=\"g\" optype=\"categorical\" dataType=\"string\"/>"
                       "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/>"
                       "</DataDictionary>";
    char body[2048];
    char *doc;
    pmml_model *m;
    pmml_scorer *s;
    const char *xs[5] = { "1", "2", "3", "4", "5" }, *gs[5] = { "a", "a", "a", "b", "b" };
    const char *lag[5], *sum[5];
    pmml_column cols[2] = { PMML_COLUMN_INIT, PMML_COLUMN_INIT };
    pmml_result res[3] = { PMML_RESULT_INIT, PMML_RESULT_INIT, PMML_RESULT_INIT };
    uint8_t lv[5], sv[5];
    snprintf(body, sizeof body,
             "%s<RegressionModel functionName=\"regression\"><MiningSchema>"
             "<MiningField name=\"x\"/><MiningField name=\"g\"/>"
             "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema><Output>"
             "<OutputField name=\"lag1\" feature=\"transformedValue\" dataType=\"double\">"
             "<Lag field=\"x\"/></OutputField>"
             "<OutputField name=\"sum2\" feature=\"transformedValue\" dataType=\"double\">"
             "<Lag field=\"x\" n=\"2\" aggregate=\"sum\"><BlockIndicator field=\"g\"/></Lag>"
             "</OutputField></Output><RegressionTable intercept=\"0\"/></RegressionModel>",
             dict);
    doc = t_pmml(body);
    m = t_load(doc, PMML_OK, NULL);
    cols[0].type = cols[1].type = PMML_COL_STRING;
    cols[0].name = "x";
    cols[0].data = xs;
    cols[1].name = "g";
    cols[1].data = gs;
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 2, NULL), PMML_OK);
    res[1].type = res[2].type = PMML_COL_STRING;
    res[1].data = lag;
    res[1].valid = lv;
    res[2].data = sum;
    res[2].valid = sv;
    /* two batches: the history carries over */
    ck_assert_int_eq(pmml_scorer_score(s, cols, 2, res, NULL), PMML_OK);
    ck_assert(!lv[0] && lv[1] && strcmp(lag[1], "1") == 0);
    ck_assert(!sv[0] && sv[1] && strcmp(sum[1], "1") == 0);
    cols[0].data = xs + 2;
    cols[1].data = gs + 2;
    ck_assert_int_eq(pmml_scorer_score(s, cols, 3, res, NULL), PMML_OK);
    ck_assert_str_eq(lag[0], "2");
    ck_assert_str_eq(sum[0], "3");  /* 1 + 2 */
    ck_assert(!sv[1]);              /* a new block (g = b) */
    ck_assert_str_eq(lag[2], "4");
    ck_assert_str_eq(sum[2], "4");
    pmml_scorer_free(s);
    pmml_model_free(m);
    free(doc);
}
END_TEST

/* A Lag aggregate reads its whole history, however long (n up to 10000). */
START_TEST(lag_aggregates_long_history)
{
    const char *body =
        "<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
        "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
        "<RegressionModel functionName=\"regression\"><MiningSchema>"
        "<MiningField name=\"x\"/><MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
        "<Output><OutputField name=\"s\" feature=\"transformedValue\" dataType=\"double\">"
        "<Lag field=\"x\" n=\"100\" aggregate=\"sum\"/></OutputField>"
        "<OutputField name=\"med\" feature=\"transformedValue\" dataType=\"double\">"
        "<Lag field=\"x\" n=\"100\" aggregate=\"median\"/></OutputField>"
        "<OutputField name=\"lo\" feature=\"transformedValue\" dataType=\"double\">"
        "<Lag field=\"x\" n=\"100\" aggregate=\"min\"/></OutputField></Output>"
        "<RegressionTable intercept=\"0\"/></RegressionModel>";
    enum { N = 150 };
    char *doc = t_pmml(body);
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    pmml_scorer *s;
    pmml_column col = PMML_COLUMN_INIT;
    pmml_result res[4] = { PMML_RESULT_INIT, PMML_RESULT_INIT, PMML_RESULT_INIT,
                           PMML_RESULT_INIT };
    static double x[N], sum[N], med[N], lo[N];
    size_t r;
    for (r = 0; r < N; r++)
        x[r] = (double)(r + 1);
    col.type = PMML_COL_DOUBLE;
    col.name = "x";
    col.data = x;
    ck_assert_int_eq(pmml_scorer_new(&s, m, &col, 1, NULL), PMML_OK);
    res[1].type = res[2].type = res[3].type = PMML_COL_DOUBLE;
    res[1].data = sum;
    res[2].data = med;
    res[3].data = lo;
    ck_assert_int_eq(pmml_scorer_score(s, &col, N, res, NULL), PMML_OK);
    /* row 149 looks back at x = 50 ... 149: 100 values */
    ck_assert_double_eq(sum[149], (50.0 + 149.0) * 100 / 2);
    ck_assert_double_eq(med[149], 99.5);
    ck_assert_double_eq(lo[149], 50);
    /* row 80: x = 1 ... 80 */
    ck_assert_double_eq(sum[80], 80.0 * 81 / 2);
    ck_assert_double_eq(med[80], 40.5);
    pmml_scorer_free(s);
    pmml_model_free(m);
    free(doc);
}
END_TEST

START_TEST(model_verification_records)
{
    const char *body =
        "<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
        "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
        "<RegressionModel functionName=\"regression\"><MiningSchema><MiningField name=\"x\"/>"
        "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
        "<RegressionTable intercept=\"1\"><NumericPredictor name=\"x\" coefficient=\"2\"/>"
        "</RegressionTable><ModelVerification><VerificationFields>"
        "<VerificationField field=\"x\"/><VerificationField field=\"y\" precision=\"0.01\"/>"
        "</VerificationFields><InlineTable><row><x>1</x><y>3</y></row>"
        "<row><x>2</x><y>5.04</y></row><row><x>3</x><y>8</y></row></InlineTable>"
        "</ModelVerification></RegressionModel>";
    char *doc = t_pmml(body);
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    size_t records, bad;
    ck_assert_int_eq(pmml_model_verify(m, NULL, NULL, &records, &bad), PMML_OK);
    ck_assert_uint_eq(records, 3);
    ck_assert_uint_eq(bad, 1); /* 5.04 is within 1%% of 5; 8 is not 7 */
    pmml_model_free(m);
    free(doc);
}
END_TEST

/* ---- model families (issue 8): values worked out by hand ---- */

static void expect_row(const pmml_model *m, const char *row, const char *expect)
{
    char *r = t_score(m, row);
    ck_assert_msg(strcmp(r, expect) == 0, "row %s: expected '%s', got '%s'", row, expect, r);
    free(r);
}

/* Loads body (a DataDictionary and a model), checks rows, frees. */
static void expect_rows(const char *body, const char *const *rows)
{
    char *doc = t_pmml(body);
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    size_t i;
    for (i = 0; rows[i]; i += 2)
        expect_row(m, rows[i], rows[i + 1]);
    pmml_model_free(m);
    free(doc);
}

START_TEST(scorecard_reason_codes)
{
    /* pointsBelow: points = baseline - partial, summed per reason code,
     * ranked largest first, negative totals dropped */
    const char *body =
        "<DataDictionary><DataField name=\"a\" optype=\"continuous\" dataType=\"double\"/>"
        "<DataField name=\"b\" optype=\"categorical\" dataType=\"string\"/>"
        "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
        "<Scorecard functionName=\"regression\" initialScore=\"100\" baselineScore=\"10\">"
        "<MiningSchema><MiningField name=\"a\"/><MiningField name=\"b\"/>"
        "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema><Output>"
        "<OutputField name=\"r1\" feature=\"reasonCode\"/>"
        "<OutputField name=\"r2\" feature=\"reasonCode\" rank=\"2\"/>"
        "<OutputField name=\"r3\" feature=\"reasonCode\" rank=\"3\"/></Output>"
        "<Characteristics>"
        "<Characteristic name=\"ca\" reasonCode=\"RA\">"
        "<Attribute partialScore=\"2\"><SimplePredicate field=\"a\" operator=\"lessThan\" "
        "value=\"0\"/></Attribute>"
        "<Attribute partialScore=\"20\" reasonCode=\"BIG\"><SimplePredicate field=\"a\" "
        "operator=\"greaterOrEqual\" value=\"0\"/></Attribute></Characteristic>"
        "<Characteristic name=\"cb\" reasonCode=\"RB\" baselineScore=\"4\">"
        "<Attribute partialScore=\"1\"><SimplePredicate field=\"b\" operator=\"equal\" "
        "value=\"x\"/></Attribute>"
        "<Attribute partialScore=\"0\" reasonCode=\"RA\"><True/></Attribute>"
        "</Characteristic></Characteristics></Scorecard>";
    static const char *const rows[] = {
        /* a=-1: RA 10-2=8; b=x: RB 4-1=3 -> 103, RA then RB */
        "a=-1;b=x", "y=103;r1=RA;r2=RB;r3=",
        /* a=5: BIG 10-20=-10 (dropped); b=z: RA 4-0=4 -> 120 */
        "a=5;b=z", "y=120;r1=RA;r2=;r3=",
        /* a=-1, b=z: RA 8 + 4 = 12, one code */
        "a=-1;b=z", "y=102;r1=RA;r2=;r3=",
        /* a missing: no Attribute of ca is true -> invalid, no reason codes */
        "b=x", "y=;r1=;r2=;r3=",
        NULL
    };
    expect_rows(body, rows);
}
END_TEST

#define SC_HEAD                                                                               \
    "<DataDictionary><DataField name=\"a\" optype=\"continuous\" dataType=\"double\"/>"       \
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"

START_TEST(scorecard_points_above_ties_and_no_reason_codes)
{
    /* pointsAbove: points = partial - baseline; equal points keep the order met */
    static const char *const rows[] = {
        "a=2", "y=5;r1=P;r2=Q",  /* P 2, Q 2: a tie, P was met first */
        "a=7", "y=10;r1=Q;r2=P", /* Q 7 > P 2 */
        "a=-1", "y=2;r1=P;r2=",  /* Q -1 is dropped */
        "", "y=;r1=;r2=",        /* the ComplexPartialScore is missing: no score */
        NULL
    };
    static const char *const plain[] = { "a=2", "y=3", NULL };
    expect_rows(SC_HEAD
                "<Scorecard functionName=\"regression\" reasonCodeAlgorithm=\"pointsAbove\">"
                "<MiningSchema><MiningField name=\"a\"/><MiningField name=\"y\" "
                "usageType=\"target\"/></MiningSchema><Output>"
                "<OutputField name=\"r1\" feature=\"reasonCode\" rank=\"1\"/>"
                "<OutputField name=\"r2\" feature=\"reasonCode\" rank=\"2\"/></Output>"
                "<Characteristics><Characteristic reasonCode=\"P\" baselineScore=\"1\">"
                "<Attribute partialScore=\"3\"><True/></Attribute></Characteristic>"
                "<Characteristic reasonCode=\"Q\" baselineScore=\"0\"><Attribute>"
                "<True/><ComplexPartialScore><FieldRef field=\"a\"/></ComplexPartialScore>"
                "</Attribute></Characteristic></Characteristics></Scorecard>",
                rows);
    /* useReasonCodes="false": no baselines or codes are needed */
    expect_rows(SC_HEAD "<Scorecard functionName=\"regression\" useReasonCodes=\"false\">"
                        "<MiningSchema><MiningField name=\"a\"/><MiningField name=\"y\" "
                        "usageType=\"target\"/></MiningSchema><Characteristics>"
                        "<Characteristic><Attribute partialScore=\"3\"><True/></Attribute>"
                        "</Characteristic></Characteristics></Scorecard>",
                plain);
}
END_TEST

START_TEST(ruleset_criteria)
{
    /* r1 (a>0, "x", weight 2, confidence .5), r2 (a>1, "y", weight 3,
     * confidence .7), r3 (a>2, "x", weight 2, confidence .9) */
    char body[4096];
    static const char *const first[] = { "a=3", "y=x;c=0.5;id=r1", "a=-1", "y=z;c=0.1;id=",
                                         "", "y=z;c=0.1;id=", NULL };
    static const char *const wsum[] = { "a=3", "y=x;c=1.3333333333333333;id=r1",
                                        "a=1.5", "y=y;c=1.5;id=r2", NULL };
    static const char *const wmax[] = { "a=3", "y=y;c=0.7;id=r2", "a=0.5", "y=x;c=0.5;id=r1",
                                        NULL };
    const char *fmt =
        "<DataDictionary><DataField name=\"a\" optype=\"continuous\" dataType=\"double\"/>"
        "<DataField name=\"y\" optype=\"categorical\" dataType=\"string\"/></DataDictionary>"
        "<RuleSetModel functionName=\"classification\"><MiningSchema>"
        "<MiningField name=\"a\"/><MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
        "<Output><OutputField name=\"c\" feature=\"confidence\"/>"
        "<OutputField name=\"id\" feature=\"ruleId\"/></Output>"
        "<RuleSet defaultScore=\"z\" defaultConfidence=\"0.1\">"
        "<RuleSelectionMethod criterion=\"%s\"/>"
        "<SimpleRule id=\"r1\" score=\"x\" weight=\"2\" confidence=\"0.5\">"
        "<SimplePredicate field=\"a\" operator=\"greaterThan\" value=\"0\"/></SimpleRule>"
        "<SimpleRule id=\"r2\" score=\"y\" weight=\"3\" confidence=\"0.7\">"
        "<SimplePredicate field=\"a\" operator=\"greaterThan\" value=\"1\"/></SimpleRule>"
        "<SimpleRule id=\"r3\" score=\"x\" weight=\"2\" confidence=\"0.9\">"
        "<SimplePredicate field=\"a\" operator=\"greaterThan\" value=\"2\"/></SimpleRule>"
        "</RuleSet></RuleSetModel>";
    snprintf(body, sizeof body, fmt, "firstHit");
    expect_rows(body, first);
    /* weightedSum at a=3: x 4/3, y 3/3; the heavier x rule, r1 first on the tie */
    snprintf(body, sizeof body, fmt, "weightedSum");
    expect_rows(body, wsum);
    snprintf(body, sizeof body, fmt, "weightedMax");
    expect_rows(body, wmax);
}
END_TEST

START_TEST(naive_bayes_counts_and_threshold)
{
    /* priors a 3, b 1; red: a 1/2, b 1/1; blue: a 1/2, b 0 -> threshold 0.1;
     * a value no PairCounts lists, and a missing one, are ignored */
    static const struct {
        const char *row;
        double pa;
    } rows[] = { { "x=red", 0.6 }, { "x=blue", 0.9375 }, { "x=green", 0.75 }, { "", 0.75 } };
    char *doc = t_pmml(
        "<DataDictionary><DataField name=\"x\" optype=\"categorical\" dataType=\"string\"/>"
        "<DataField name=\"y\" optype=\"categorical\" dataType=\"string\"/></DataDictionary>"
        "<NaiveBayesModel functionName=\"classification\" threshold=\"0.1\"><MiningSchema>"
        "<MiningField name=\"x\"/><MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
        "<Output><OutputField name=\"pa\" feature=\"probability\" value=\"a\"/>"
        "<OutputField name=\"pb\" feature=\"probability\" value=\"b\"/></Output>"
        "<BayesInputs><BayesInput fieldName=\"x\">"
        "<PairCounts value=\"red\"><TargetValueCounts><TargetValueCount value=\"a\" count=\"1\"/>"
        "<TargetValueCount value=\"b\" count=\"1\"/></TargetValueCounts></PairCounts>"
        "<PairCounts value=\"blue\"><TargetValueCounts><TargetValueCount value=\"a\" "
        "count=\"1\"/><TargetValueCount value=\"b\" count=\"0\"/></TargetValueCounts>"
        "</PairCounts></BayesInput></BayesInputs><BayesOutput fieldName=\"y\">"
        "<TargetValueCounts><TargetValueCount value=\"a\" count=\"3\"/>"
        "<TargetValueCount value=\"b\" count=\"1\"/></TargetValueCounts></BayesOutput>"
        "</NaiveBayesModel>");
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    size_t i;
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char *r = t_score(m, rows[i].row);
        char buf[64];
        ck_assert_str_eq(t_get(r, "y", buf, sizeof buf), "a");
        ck_assert_msg(fabs(t_num(r, "pa") - rows[i].pa) < 1e-12, "%s: %s", rows[i].row, r);
        ck_assert_msg(fabs(t_num(r, "pb") - (1 - rows[i].pa)) < 1e-12, "%s: %s", rows[i].row, r);
        free(r);
    }
    pmml_model_free(m);
    free(doc);
}
END_TEST

START_TEST(association_transactions_build_up)
{
    /* rules: {a}->{b} (r1), {a,b}->{c} (r2); a transaction is a run of rows
     * with one basket value and grows row by row */
    const char *doc_body =
        "<DataDictionary><DataField name=\"basket\" optype=\"categorical\" dataType=\"string\"/>"
        "<DataField name=\"item\" optype=\"categorical\" dataType=\"string\"/></DataDictionary>"
        "<AssociationModel functionName=\"associationRules\"><MiningSchema>"
        "<MiningField name=\"basket\" usageType=\"group\"/><MiningField name=\"item\"/>"
        "</MiningSchema><Output><OutputField name=\"rec\" feature=\"ruleValue\" "
        "ruleFeature=\"ruleId\" algorithm=\"exclusiveRecommendation\" rankBasis=\"lift\"/>"
        "</Output><Item id=\"1\" value=\"a\"/><Item id=\"2\" value=\"b\"/>"
        "<Item id=\"3\" value=\"c\"/><Itemset id=\"A\"><ItemRef itemRef=\"1\"/></Itemset>"
        "<Itemset id=\"B\"><ItemRef itemRef=\"2\"/></Itemset><Itemset id=\"C\">"
        "<ItemRef itemRef=\"3\"/></Itemset><Itemset id=\"AB\"><ItemRef itemRef=\"1\"/>"
        "<ItemRef itemRef=\"2\"/></Itemset>"
        "<AssociationRule id=\"r1\" antecedent=\"A\" consequent=\"B\" support=\"0.5\" "
        "confidence=\"0.6\" lift=\"1.1\"/><AssociationRule id=\"r2\" antecedent=\"AB\" "
        "consequent=\"C\" support=\"0.2\" confidence=\"0.9\" lift=\"2\"/></AssociationModel>";
    const char *baskets[6] = { "1", "1", "1", "2", "2", "3" };
    const char *itemv[6] = { "a", "b", "c", "b", "a", "c" };
    const char *expect[6] = { "r1", "r2", NULL, NULL, "r2", NULL };
    const char *rec[6];
    uint8_t valid[6];
    pmml_column cols[2] = { PMML_COLUMN_INIT, PMML_COLUMN_INIT };
    pmml_result res[2] = { PMML_RESULT_INIT, PMML_RESULT_INIT };
    char *doc = t_pmml(doc_body);
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    pmml_scorer *s;
    size_t i, col = 0;
    ck_assert_int_eq(pmml_model_is_sequential(m), 1);
    for (i = 0; i < pmml_model_output_count(m); i++)
        if (strcmp(pmml_model_output_name(m, i), "rec") == 0)
            col = i;
    cols[0].type = cols[1].type = PMML_COL_STRING;
    cols[0].name = "basket";
    cols[0].data = baskets;
    cols[1].name = "item";
    cols[1].data = itemv;
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 2, NULL), PMML_OK);
    res[col].type = PMML_COL_STRING;
    res[col].data = rec;
    res[col].valid = valid;
    /* two batches: a transaction carries over from one to the next */
    ck_assert_int_eq(pmml_scorer_score(s, cols, 4, res, NULL), PMML_OK);
    cols[0].data = baskets + 4;
    cols[1].data = itemv + 4;
    res[col].data = rec + 4;
    res[col].valid = valid + 4;
    ck_assert_int_eq(pmml_scorer_score(s, cols, 2, res, NULL), PMML_OK);
    for (i = 0; i < 6; i++) {
        if (!expect[i])
            ck_assert_msg(!valid[i], "row %zu: expected no rule, got %s", i, rec[i]);
        else
            ck_assert_msg(valid[i] && strcmp(rec[i], expect[i]) == 0, "row %zu: expected %s", i,
                          expect[i]);
    }
    pmml_scorer_free(s);
    pmml_model_free(m);
    free(doc);
}
END_TEST

Suite *suite_eval_more(void)
{
    Suite *s = suite_create("eval2");
    TCase *tc = tcase_create("more");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, failed_derived_cast_fails_the_row);
    tcase_add_test(tc, string_arguments_of_numeric_functions);
    tcase_add_test(tc, wide_argument_lists);
    tcase_add_test(tc, asis_passes_nan_on);
    tcase_add_test(tc, dates_and_times);
    tcase_add_test(tc, text_index);
    tcase_add_test(tc, lag_keeps_history_per_scorer);
    tcase_add_test(tc, lag_aggregates_long_history);
    tcase_add_test(tc, model_verification_records);
    suite_add_tcase(s, tc);
    tc = tcase_create("families");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, scorecard_reason_codes);
    tcase_add_test(tc, scorecard_points_above_ties_and_no_reason_codes);
    tcase_add_test(tc, ruleset_criteria);
    tcase_add_test(tc, naive_bayes_counts_and_threshold);
    tcase_add_test(tc, association_transactions_build_up);
    /* FAMILY TESTS */
    suite_add_tcase(s, tc);
    return s;
}
