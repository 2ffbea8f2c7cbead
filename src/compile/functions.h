/* functions.h - the PMML built-in functions: ids, arity and result types. */
#ifndef PMML_COMPILE_FUNCTIONS_H
#define PMML_COMPILE_FUNCTIONS_H

enum {
    FN_NONE = 0,
    /* arithmetic */
    FN_ADD, FN_SUB, FN_MUL, FN_DIV,
    /* aggregates */
    FN_MIN, FN_MAX, FN_SUM, FN_AVG, FN_MEDIAN, FN_PRODUCT,
    /* math */
    FN_LOG10, FN_LN, FN_SQRT, FN_ABS, FN_EXP, FN_POW, FN_THRESHOLD, FN_FLOOR, FN_CEIL,
    FN_ROUND, FN_MODULO, FN_EXPM1, FN_HYPOT, FN_LN1P, FN_RINT,
    FN_SIN, FN_ASIN, FN_SINH, FN_COS, FN_ACOS, FN_COSH, FN_TAN, FN_ATAN, FN_TANH, FN_ATAN2,
    /* distributions */
    FN_NORMAL_CDF, FN_NORMAL_PDF, FN_STD_NORMAL_CDF, FN_STD_NORMAL_PDF, FN_ERF,
    FN_NORMAL_IDF, FN_STD_NORMAL_IDF,
    /* missing / valid */
    FN_IS_MISSING, FN_IS_NOT_MISSING, FN_IS_VALID, FN_IS_NOT_VALID,
    /* comparison */
    FN_EQUAL, FN_NOT_EQUAL, FN_LESS_THAN, FN_LESS_OR_EQUAL, FN_GREATER_THAN,
    FN_GREATER_OR_EQUAL,
    /* boolean */
    FN_AND, FN_OR, FN_NOT, FN_IS_IN, FN_IS_NOT_IN, FN_IF,
    /* strings */
    FN_UPPERCASE, FN_LOWERCASE, FN_SUBSTRING, FN_TRIM_BLANKS, FN_CONCAT, FN_REPLACE,
    FN_MATCHES, FN_STRING_LENGTH, FN_FORMAT_NUMBER,
    /* dates and times */
    FN_FORMAT_DATETIME, FN_DATE_DAYS_SINCE_YEAR, FN_DATE_SECONDS_SINCE_YEAR,
    FN_DATE_SECONDS_SINCE_MIDNIGHT,
    FN_COUNT
};

/* Result type rule. */
enum {
    RT_DOUBLE = 1, /* always double */
    RT_NUMERIC,    /* integer when every argument is integer, else double */
    RT_INTEGER,    /* integer */
    RT_BOOLEAN,
    RT_STRING,
    RT_BRANCH      /* `if`: the common type of the branches */
};

typedef struct pm_fninfo {
    const char *name;
    int id;
    int min_args, max_args;  /* max -1: any number */
    int result;              /* RT_* */
    int takes_missing;       /* evaluated even when an argument is missing */
} pm_fninfo;

/* The built-in called `name` (also its x- spelling), or NULL. */
const pm_fninfo *pm_function_find(const char *name);
const pm_fninfo *pm_function_info(int id);

#endif
