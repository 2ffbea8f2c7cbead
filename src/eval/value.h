/* value.h - value helpers for the evaluator. */
#ifndef PMML_EVAL_VALUE_H
#define PMML_EVAL_VALUE_H

#include <stddef.h>

#include "compile/value.h"
#include "eval/scratch.h"

/* A string value: interned when the model knows it, else copied into the
 * batch's string storage. */
pv pm_make_string(pm_scratch *sc, const char *s, size_t len);

/* Text of a value (numbers in Java's spelling); buf has PM_NUMBUF bytes. */
size_t pm_value_text(const pv *v, char *buf, const char **out);

/* Equality and order across types: strings compare as text, numbers and
 * booleans numerically; a string against a number compares as text. */
int pm_value_equal(const pv *a, const pv *b);
int pm_value_compare(const pv *a, const pv *b);

#endif
