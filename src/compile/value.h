/* value.h - the one tagged value type of the evaluator. */
#ifndef PMML_COMPILE_VALUE_H
#define PMML_COMPILE_VALUE_H

#include <stdint.h>

#include "pmml.h"

/* The states PMML distinguishes. */
enum { VS_MISSING = 0, VS_VALID = 1, VS_INVALID = 2 };

/*
 * A value.  Numbers (integer, float, double, and dates/times as numbers) and
 * booleans (0/1) live in `d`; strings in `s`/`len` with `id` the interned id
 * in the model's string table, or -1 for a string the model never mentions.
 * `t` is the PMML dataType.  A missing or invalid value keeps whatever it
 * was read as (an invalid value may still be used "asIs").
 */
typedef struct pv {
    double d;
    const char *s;
    uint32_t len;
    int32_t id;
    uint8_t st;
    uint8_t t;
} pv;

static inline int pm_type_is_string(int t)
{
    return t == PMML_TYPE_STRING;
}

static inline int pm_type_is_numeric(int t)
{
    return t != PMML_TYPE_STRING && t != PMML_TYPE_BOOLEAN && t != PMML_TYPE_UNKNOWN;
}

static inline pv pv_missing(void)
{
    pv v;
    v.d = 0.0;
    v.s = 0;
    v.len = 0;
    v.id = -1;
    v.st = VS_MISSING;
    v.t = PMML_TYPE_UNKNOWN;
    return v;
}

static inline pv pv_num(double d, int t)
{
    pv v = pv_missing();
    v.d = d;
    v.st = VS_VALID;
    v.t = (uint8_t)t;
    return v;
}

#endif
