/* functions.c - the table of PMML built-in functions. */
#include "config.h"

#include <string.h>

#include "compile/functions.h"

static const pm_fninfo table[] = {
    { "", FN_NONE, 0, 0, 0, 0 },
    { "+", FN_ADD, 2, 2, RT_NUMERIC, 0 },
    { "-", FN_SUB, 2, 2, RT_NUMERIC, 0 },
    { "*", FN_MUL, 2, 2, RT_NUMERIC, 0 },
    { "/", FN_DIV, 2, 2, RT_DOUBLE, 0 },
    { "min", FN_MIN, 1, -1, RT_NUMERIC, 1 },
    { "max", FN_MAX, 1, -1, RT_NUMERIC, 1 },
    { "sum", FN_SUM, 1, -1, RT_NUMERIC, 1 },
    { "avg", FN_AVG, 1, -1, RT_DOUBLE, 1 },
    { "median", FN_MEDIAN, 1, -1, RT_DOUBLE, 1 },
    { "product", FN_PRODUCT, 1, -1, RT_NUMERIC, 1 },
    { "log10", FN_LOG10, 1, 1, RT_DOUBLE, 0 },
    { "ln", FN_LN, 1, 1, RT_DOUBLE, 0 },
    { "sqrt", FN_SQRT, 1, 1, RT_DOUBLE, 0 },
    { "abs", FN_ABS, 1, 1, RT_NUMERIC, 0 },
    { "exp", FN_EXP, 1, 1, RT_DOUBLE, 0 },
    { "pow", FN_POW, 2, 2, RT_NUMERIC, 0 },
    { "threshold", FN_THRESHOLD, 2, 2, RT_NUMERIC, 0 },
    { "floor", FN_FLOOR, 1, 1, RT_INTEGER, 0 },
    { "ceil", FN_CEIL, 1, 1, RT_INTEGER, 0 },
    { "round", FN_ROUND, 1, 1, RT_INTEGER, 0 },
    { "modulo", FN_MODULO, 2, 2, RT_NUMERIC, 0 },
    { "expm1", FN_EXPM1, 1, 1, RT_DOUBLE, 0 },
    { "hypot", FN_HYPOT, 2, 2, RT_DOUBLE, 0 },
    { "ln1p", FN_LN1P, 1, 1, RT_DOUBLE, 0 },
    { "rint", FN_RINT, 1, 1, RT_DOUBLE, 0 },
    { "sin", FN_SIN, 1, 1, RT_DOUBLE, 0 },
    { "asin", FN_ASIN, 1, 1, RT_DOUBLE, 0 },
    { "sinh", FN_SINH, 1, 1, RT_DOUBLE, 0 },
    { "cos", FN_COS, 1, 1, RT_DOUBLE, 0 },
    { "acos", FN_ACOS, 1, 1, RT_DOUBLE, 0 },
    { "cosh", FN_COSH, 1, 1, RT_DOUBLE, 0 },
    { "tan", FN_TAN, 1, 1, RT_DOUBLE, 0 },
    { "atan", FN_ATAN, 1, 1, RT_DOUBLE, 0 },
    { "tanh", FN_TANH, 1, 1, RT_DOUBLE, 0 },
    { "atan2", FN_ATAN2, 2, 2, RT_DOUBLE, 0 },
    { "normalCDF", FN_NORMAL_CDF, 3, 3, RT_DOUBLE, 0 },
    { "normalPDF", FN_NORMAL_PDF, 3, 3, RT_DOUBLE, 0 },
    { "stdNormalCDF", FN_STD_NORMAL_CDF, 1, 1, RT_DOUBLE, 0 },
    { "stdNormalPDF", FN_STD_NORMAL_PDF, 1, 1, RT_DOUBLE, 0 },
    { "erf", FN_ERF, 1, 1, RT_DOUBLE, 0 },
    { "normalIDF", FN_NORMAL_IDF, 3, 3, RT_DOUBLE, 0 },
    { "stdNormalIDF", FN_STD_NORMAL_IDF, 1, 1, RT_DOUBLE, 0 },
    { "isMissing", FN_IS_MISSING, 1, 1, RT_BOOLEAN, 1 },
    { "isNotMissing", FN_IS_NOT_MISSING, 1, 1, RT_BOOLEAN, 1 },
    { "isValid", FN_IS_VALID, 1, 1, RT_BOOLEAN, 1 },
    { "isNotValid", FN_IS_NOT_VALID, 1, 1, RT_BOOLEAN, 1 },
    { "equal", FN_EQUAL, 2, 2, RT_BOOLEAN, 0 },
    { "notEqual", FN_NOT_EQUAL, 2, 2, RT_BOOLEAN, 0 },
    { "lessThan", FN_LESS_THAN, 2, 2, RT_BOOLEAN, 0 },
    { "lessOrEqual", FN_LESS_OR_EQUAL, 2, 2, RT_BOOLEAN, 0 },
    { "greaterThan", FN_GREATER_THAN, 2, 2, RT_BOOLEAN, 0 },
    { "greaterOrEqual", FN_GREATER_OR_EQUAL, 2, 2, RT_BOOLEAN, 0 },
    { "and", FN_AND, 2, -1, RT_BOOLEAN, 0 },
    { "or", FN_OR, 2, -1, RT_BOOLEAN, 0 },
    { "not", FN_NOT, 1, 1, RT_BOOLEAN, 0 },
    { "isIn", FN_IS_IN, 2, -1, RT_BOOLEAN, 0 },
    { "isNotIn", FN_IS_NOT_IN, 2, -1, RT_BOOLEAN, 0 },
    { "if", FN_IF, 2, 3, RT_BRANCH, 1 },
    { "uppercase", FN_UPPERCASE, 1, 1, RT_STRING, 0 },
    { "lowercase", FN_LOWERCASE, 1, 1, RT_STRING, 0 },
    { "substring", FN_SUBSTRING, 3, 3, RT_STRING, 0 },
    { "trimBlanks", FN_TRIM_BLANKS, 1, 1, RT_STRING, 0 },
    { "concat", FN_CONCAT, 1, -1, RT_STRING, 1 },
    { "replace", FN_REPLACE, 3, 3, RT_STRING, 0 },
    { "matches", FN_MATCHES, 2, 2, RT_BOOLEAN, 0 },
    { "stringLength", FN_STRING_LENGTH, 1, 1, RT_INTEGER, 0 },
    { "formatNumber", FN_FORMAT_NUMBER, 2, 2, RT_STRING, 0 },
    { "formatDatetime", FN_FORMAT_DATETIME, 2, 2, RT_STRING, 0 },
    { "dateDaysSinceYear", FN_DATE_DAYS_SINCE_YEAR, 2, 2, RT_INTEGER, 0 },
    { "dateSecondsSinceYear", FN_DATE_SECONDS_SINCE_YEAR, 2, 2, RT_INTEGER, 0 },
    { "dateSecondsSinceMidnight", FN_DATE_SECONDS_SINCE_MIDNIGHT, 1, 1, RT_INTEGER, 0 },
};

const pm_fninfo *pm_function_find(const char *name)
{
    size_t i;
    /* x-name: converters' spelling of functions added in later versions */
    if (strncmp(name, "x-", 2) == 0)
        name += 2;
    for (i = 1; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

const pm_fninfo *pm_function_info(int id)
{
    if (id <= 0 || id >= FN_COUNT)
        return NULL;
    return &table[id];
}
