/* check_main.c - runs every Check suite (filter with CK_RUN_SUITE=name). */
#include <stdlib.h>

#include "tests.h"

Suite *suite_vec(void);     /* test_vec.c */

int main(void)
{
    SRunner *sr = srunner_create(suite_util());
    int failed;
    srunner_add_suite(sr, suite_csv());
    srunner_add_suite(sr, suite_xml());
    srunner_add_suite(sr, suite_model());
    srunner_add_suite(sr, suite_compile());
    srunner_add_suite(sr, suite_eval());
    srunner_add_suite(sr, suite_eval_more());
    srunner_add_suite(sr, suite_aggregate());
    srunner_add_suite(sr, suite_api());
    srunner_add_suite(sr, suite_testdata());
    srunner_add_suite(sr, suite_stats());
    srunner_add_suite(sr, suite_vec());
    srunner_add_suite(sr, suite_families());
    srunner_add_suite(sr, suite_hostile());
    srunner_add_suite(sr, suite_stress());
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
