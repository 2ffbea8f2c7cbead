/* tests.h - the Check suites and helpers they share. */
#ifndef PMML_TESTS_H
#define PMML_TESTS_H

#include <check.h>
#include <stddef.h>

#include "pmml.h"

Suite *suite_util(void);
Suite *suite_xml(void);
Suite *suite_model(void);
Suite *suite_compile(void);
Suite *suite_eval(void);
Suite *suite_eval_more(void);
Suite *suite_aggregate(void);
Suite *suite_api(void);
Suite *suite_csv(void);
Suite *suite_testdata(void);
Suite *suite_families(void);
Suite *suite_stats(void);
Suite *suite_hostile(void);
Suite *suite_stress(void);

/* Wraps a model body in a PMML 4.4 document. */
char *t_pmml(const char *body);

/* Loads from a string; fails the test on error unless `expect` != PMML_OK,
 * in which case the load must fail with that code (err filled). */
pmml_model *t_load(const char *doc, int expect, pmml_error *err);

/*
 * Scores one row given as "name=value" pairs separated by ';' (a name with
 * no '=' or an empty value is missing) and returns the result columns as
 * "name=value;..." (missing results as "name=").  Row errors come back as
 * "!<status>: <message>".  The caller frees the string.
 */
char *t_score(const pmml_model *m, const char *row);

/* t_load + t_score + free, for one-row checks. */
char *t_score_doc(const char *doc, const char *row);

/* The value of result column `name` in a t_score string ("" if absent). */
const char *t_get(const char *scored, const char *name, char *buf, size_t cap);
double t_num(const char *scored, const char *name);

#endif
