/* test_util.c - number text, string interning, maps and arenas. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "tests.h"
#include "util/alloc.h"
#include "util/ctx.h"
#include "util/map.h"
#include "util/num.h"
#include "util/strtab.h"

static double parse(const char *s, int *ok, int *range)
{
    double d = -1;
    *ok = pm_parse_double(s, strlen(s), &d, range) == 0;
    return d;
}

START_TEST(parse_double_accepts_decimal_forms)
{
    int ok, range;
    ck_assert(parse("1.5", &ok, &range) == 1.5 && ok && !range);
    ck_assert(parse("  -2 \t", &ok, &range) == -2.0 && ok);
    ck_assert(parse("1.", &ok, &range) == 1.0 && ok);
    ck_assert(parse(".5", &ok, &range) == 0.5 && ok);
    ck_assert(parse("+3e2", &ok, &range) == 300.0 && ok);
    ck_assert(parse("1E-3", &ok, &range) == 0.001 && ok);
    ck_assert(isinf(parse("INF", &ok, &range)) && ok);
    ck_assert(parse("-Infinity", &ok, &range) < 0 && ok);
    ck_assert(isnan(parse("NaN", &ok, &range)) && ok);
}
END_TEST

START_TEST(parse_double_refuses_non_numbers)
{
    int ok, range;
    const char *bad[] = { "", " ", "abc", "1.2.3", "0x10", "1e", "e5", "nan(1)", "--1",
                          "1,5", "1 2", "one" };
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        parse(bad[i], &ok, &range);
        ck_assert_msg(!ok, "'%s' was accepted", bad[i]);
    }
    parse("1e999999", &ok, &range);
    ck_assert(ok && range);
}
END_TEST

START_TEST(parse_integer_and_boolean)
{
    double d;
    ck_assert_int_eq(pm_parse_integer("3.0", 3, &d), 0);
    ck_assert(d == 3.0);
    ck_assert_int_eq(pm_parse_integer("-7", 2, &d), 0);
    ck_assert(d == -7.0);
    ck_assert_int_eq(pm_parse_integer("3.5", 3, &d), -1);
    ck_assert_int_eq(pm_parse_boolean("TRUE", 4, &d), 0);
    ck_assert(d == 1.0);
    ck_assert_int_eq(pm_parse_boolean("false", 5, &d), 0);
    ck_assert(d == 0.0);
    ck_assert_int_eq(pm_parse_boolean("0", 1, &d), 0);
    ck_assert(d == 0.0);
    ck_assert_int_eq(pm_parse_boolean("yes", 3, &d), -1);
}
END_TEST

static const char *fmt(double d)
{
    static char buf[PM_NUMBUF];
    pm_format_double(buf, d);
    return buf;
}

START_TEST(format_double_is_shortest_round_trip)
{
    ck_assert_str_eq(fmt(0.1), "0.1");
    ck_assert_str_eq(fmt(1.0 / 3.0), "0.3333333333333333");
    ck_assert_str_eq(fmt(2.0 / 3.0), "0.6666666666666666");
    ck_assert_str_eq(fmt(3.0), "3");
    ck_assert_str_eq(fmt(-0.0), "-0");
    ck_assert_str_eq(fmt(1e20), "1e+20");
    ck_assert_str_eq(fmt(1e-5), "1e-05");
    ck_assert_str_eq(fmt(5e-324), "5e-324");
    ck_assert_str_eq(fmt(0.30000000000000004), "0.30000000000000004");
    ck_assert_str_eq(fmt(HUGE_VAL), "Infinity");
    ck_assert_str_eq(fmt(NAN), "NaN");
}
END_TEST

START_TEST(format_round_trips_many_values)
{
    uint64_t x = 0x9e3779b97f4a7c15ull;
    int i;
    for (i = 0; i < 20000; i++) {
        double d, back;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        memcpy(&d, &x, sizeof d);
        if (!isfinite(d))
            continue;
        back = strtod(fmt(d), NULL);
        ck_assert_msg(back == d, "%.17g printed as %s", d, fmt(d));
    }
}
END_TEST

static const char *java(double d)
{
    static char buf[PM_NUMBUF];
    pm_format_java_double(buf, d);
    return buf;
}

START_TEST(format_java_spelling)
{
    ck_assert_str_eq(java(1.0), "1.0");
    ck_assert_str_eq(java(100.0), "100.0");
    ck_assert_str_eq(java(-2.5), "-2.5");
    ck_assert_str_eq(java(0.001), "0.001");
    ck_assert_str_eq(java(1e-4), "1.0E-4");
    ck_assert_str_eq(java(1.5e-5), "1.5E-5");
    ck_assert_str_eq(java(1e7), "1.0E7");
    ck_assert_str_eq(java(1234567.0), "1234567.0");
    ck_assert_str_eq(java(12345678.9), "1.23456789E7");
    ck_assert_str_eq(java(0.1), "0.1");
}
END_TEST

START_TEST(strtab_interns)
{
    pm_arena a;
    pm_ctx c;
    pm_strtab t;
    int32_t ids[500];
    char buf[32];
    int i;
    memset(&c, 0, sizeof c);
    memset(&t, 0, sizeof t);
    pm_arena_init(&a, &pmml__std_allocator);
    if (setjmp(c.jb) != 0)
        ck_abort_msg("unexpected unwind");
    ck_assert_int_eq(pm_strtab_find(&t, "x", 1), -1);
    for (i = 0; i < 500; i++) {
        snprintf(buf, sizeof buf, "value-%d", i);
        ids[i] = pm_strtab_intern(&c, &a, &t, buf, strlen(buf));
        ck_assert_int_eq(ids[i], i);
    }
    for (i = 0; i < 500; i++) {
        snprintf(buf, sizeof buf, "value-%d", i);
        ck_assert_int_eq(pm_strtab_intern(&c, &a, &t, buf, strlen(buf)), ids[i]);
        ck_assert_int_eq(pm_strtab_find(&t, buf, strlen(buf)), ids[i]);
        ck_assert_str_eq(t.str[ids[i]], buf);
    }
    ck_assert_int_eq(pm_strtab_find(&t, "value-5", 6), -1); /* a prefix is another string */
    ck_assert_int_eq(pm_strtab_intern(&c, &a, &t, "a\0b", 3), 500); /* bytes, not C strings */
    ck_assert_int_eq(pm_strtab_find(&t, "a", 1), -1);
    pm_arena_release(&a);
}
END_TEST

START_TEST(map_and_arena)
{
    pm_arena a;
    pm_ctx c;
    pm_map m;
    char *keys[300];
    int i;
    memset(&c, 0, sizeof c);
    memset(&m, 0, sizeof m);
    pm_arena_init(&a, &pmml__std_allocator);
    if (setjmp(c.jb) != 0)
        ck_abort_msg("unexpected unwind");
    for (i = 0; i < 300; i++) {
        keys[i] = pm_alloc(&c, &a, 16);
        ck_assert(((uintptr_t)keys[i] % sizeof(double)) == 0);
        snprintf(keys[i], 16, "k%d", i);
        ck_assert_ptr_null(pm_map_put(&c, &a, &m, keys[i], keys[i]));
    }
    for (i = 0; i < 300; i++)
        ck_assert_ptr_eq(pm_map_get(&m, keys[i]), keys[i]);
    ck_assert_ptr_eq(pm_map_put(&c, &a, &m, keys[7], keys[8]), keys[7]);
    ck_assert_ptr_eq(pm_map_get(&m, "k7"), keys[8]);
    ck_assert_ptr_null(pm_map_get(&m, "nope"));
    ck_assert_ptr_nonnull(pm_alloc(&c, &a, (size_t)8 << 20)); /* a large block of its own */
    pm_arena_release(&a);
}
END_TEST

Suite *suite_util(void)
{
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("util");
    tcase_add_test(tc, parse_double_accepts_decimal_forms);
    tcase_add_test(tc, parse_double_refuses_non_numbers);
    tcase_add_test(tc, parse_integer_and_boolean);
    tcase_add_test(tc, format_double_is_shortest_round_trip);
    tcase_add_test(tc, format_round_trips_many_values);
    tcase_add_test(tc, format_java_spelling);
    tcase_add_test(tc, strtab_interns);
    tcase_add_test(tc, map_and_arena);
    suite_add_tcase(s, tc);
    return s;
}
