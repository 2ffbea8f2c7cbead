/* num.h - number text: locale-independent parsing and shortest
 * round-trip printing. */
#ifndef PMML_UTIL_NUM_H
#define PMML_UTIL_NUM_H

#include <stddef.h>

#define PM_NUMBUF 64

/* Parses a whole decimal number (surrounding ASCII blanks allowed; also INF,
 * -INF, Infinity, NaN).  Returns 0, or -1 when the text is not a number.
 * Out-of-range values become +-HUGE_VAL or 0 as strtod gives them; *range
 * (may be NULL) is set to 1 then. */
int pm_parse_double(const char *s, size_t len, double *out, int *range);

/* A number that is integral (e.g. "3", "3.0", "3e2"). 0 or -1. */
int pm_parse_integer(const char *s, size_t len, double *out);

/* "true"/"false" (any case), or a number: 0 is false, others true. */
int pm_parse_boolean(const char *s, size_t len, double *out);

/* The shortest text that reads back as the same double ("0.1", "1e+20",
 * "NaN", "Infinity", "-Infinity").  buf has PM_NUMBUF bytes; returns length. */
size_t pm_format_double(char *buf, double d);

/* The shortest text that reads back as the same float. */
size_t pm_format_float(char *buf, float f);

/* An integral value without exponent or fraction where it fits ("-12"),
 * otherwise as pm_format_double.  Returns length. */
size_t pm_format_integer(char *buf, double d);

/* Java's Double.toString / Float.toString spelling ("1.0", "1.0E10",
 * "1.234E-5"), which PMML producers and JPMML use when a number becomes a
 * string.  Returns length. */
size_t pm_format_java_double(char *buf, double d);
size_t pm_format_java_float(char *buf, float f);

/* Internal, for the unit tests only: the original strtod/snprintf versions
 * that pm_parse_double, pm_format_double and pm_format_integer fall back to
 * and must agree with byte for byte. */
int pm__parse_double_reference(const char *s, size_t len, double *out, int *range);
size_t pm__format_double_reference(char *buf, double d);
size_t pm__format_integer_reference(char *buf, double d);

/* Switches the calling thread to the C locale for number text and returns a
 * token for pm_locale_pop (used around load and score so a host program's
 * LC_NUMERIC cannot change what "1.5" means). */
void *pm_locale_push(void);
void pm_locale_pop(void *token);

#endif
