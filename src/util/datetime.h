/* datetime.h - PMML date and time values: ISO-8601 text and the numbers
 * the evaluator keeps them as.
 *
 * Representation by dataType: date = days since 1970-01-01; time = seconds
 * since midnight; dateTime = seconds since 1970-01-01T00:00:00;
 * dateDaysSince[Y] = days since Y-01-01; timeSeconds = seconds since
 * midnight; dateTimeSecondsSince[Y] = seconds since Y-01-01T00:00:00.  The
 * calendar is the proleptic Gregorian one; there are no time zones (a
 * trailing "Z" is accepted). */
#ifndef PMML_UTIL_DATETIME_H
#define PMML_UTIL_DATETIME_H

#include <stddef.h>
#include <stdint.h>

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian, year 0 exists). */
int64_t pm_days_from_civil(int64_t y, unsigned m, unsigned d);
void pm_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

/* Is this dataType a date or time type? */
int pm_type_is_temporal(int datatype);

/* The base year of a "since" type (0, 1960, 1970, 1980), or -1. */
int pm_type_epoch_year(int datatype);

/* Parses text into the number of `datatype`; 0 on success, -1 if it is no
 * value of that type. */
int pm_parse_temporal(const char *s, size_t len, int datatype, double *out);

/* Writes the text of a temporal value (buf of 64 bytes); returns length. */
size_t pm_format_temporal(char *buf, double v, int datatype);

/* Converts a temporal number between dataTypes (e.g. date to
 * dateDaysSince[1960]); 0 on success, -1 when the types do not convert. */
int pm_convert_temporal(double v, int from, int to, double *out);

/* As seconds since 1970-01-01T00:00:00 (times: since midnight); -1 if the
 * type has no such reading. */
int pm_temporal_seconds(double v, int datatype, double *out);

#endif
