/* test_util.c - number text, string interning, maps and arenas. */
#include <float.h>
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

/* Random-case counts, scaled by PMML_TEST_SCALE percent (make check-valgrind
 * lowers it: the cases are the same, only fewer). */
static size_t scaled(size_t n)
{
    const char *e = getenv("PMML_TEST_SCALE");
    long pct = e ? strtol(e, NULL, 10) : 100;
    if (pct <= 0 || pct > 100)
        pct = 100;
    return n * (size_t)pct / 100 + 1;
}

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

/* ---- the fast number paths against the strtod/snprintf reference ---- */

static uint64_t rng_next(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static double from_bits(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

/* pm_format_double and pm_format_integer give the reference's bytes for d;
 * 0 with *why filled when not. */
static int format_same(double d, char *why, size_t cap)
{
    char a[PM_NUMBUF], b[PM_NUMBUF];
    size_t na = pm_format_double(a, d), nb = pm__format_double_reference(b, d);
    if (na != nb || strcmp(a, b) != 0) {
        snprintf(why, cap, "pm_format_double(%a) = '%s' (%zu), reference '%s' (%zu)", d, a, na,
                 b, nb);
        return 0;
    }
    na = pm_format_integer(a, d);
    nb = pm__format_integer_reference(b, d);
    if (na != nb || strcmp(a, b) != 0) {
        snprintf(why, cap, "pm_format_integer(%a) = '%s' (%zu), reference '%s' (%zu)", d, a, na,
                 b, nb);
        return 0;
    }
    return 1;
}

/* pm_parse_double gives the reference's status, value bits and range flag. */
static int parse_same(const char *s, size_t len, char *why, size_t cap)
{
    double a = -1.5, b = -1.5;
    int ra = 7, rb = 7;
    int ca = pm_parse_double(s, len, &a, &ra), cb = pm__parse_double_reference(s, len, &b, &rb);
    if (ca != cb || ra != rb || memcmp(&a, &b, sizeof a) != 0) {
        snprintf(why, cap, "pm_parse_double('%.*s') = %d %a range %d, reference %d %a range %d",
                 (int)(len < 80 ? len : 80), s, ca, a, ra, cb, b, rb);
        return 0;
    }
    return 1;
}

#define CHECK_FORMAT(d)                                                                            \
    do {                                                                                           \
        char why_[256];                                                                            \
        if (!format_same((d), why_, sizeof why_))                                                  \
            ck_abort_msg("%s", why_);                                                              \
    } while (0)

#define CHECK_PARSE(s, len)                                                                        \
    do {                                                                                           \
        char why_[256];                                                                            \
        if (!parse_same((s), (len), why_, sizeof why_))                                            \
            ck_abort_msg("%s", why_);                                                              \
    } while (0)

/* d, its negation and a few neighbours on each side. */
static void check_format_around(double d, int steps)
{
    double up = d, down = d;
    int i;
    CHECK_FORMAT(d);
    CHECK_FORMAT(-d);
    for (i = 0; i < steps; i++) {
        up = nextafter(up, HUGE_VAL);
        down = nextafter(down, -HUGE_VAL);
        CHECK_FORMAT(up);
        CHECK_FORMAT(down);
        CHECK_FORMAT(-up);
        CHECK_FORMAT(-down);
    }
}

/* d printed a few ways, then parsed both ways. */
static void check_parse_spellings(double d)
{
    char buf[64];
    int prec, n;
    for (prec = 1; prec <= 19; prec += 3) {
        n = snprintf(buf, sizeof buf, "%.*g", prec, d);
        CHECK_PARSE(buf, (size_t)n);
        n = snprintf(buf, sizeof buf, "%.*e", prec, d);
        CHECK_PARSE(buf, (size_t)n);
    }
    n = (int)pm__format_double_reference(buf, d);
    CHECK_PARSE(buf, (size_t)n);
}

START_TEST(format_matches_reference_special)
{
    static const double vals[] = { 0.0, 1.0, 0.1, 0.5, 1.5, 2.5, 3.0, 1e-5, 1e-4, 1e15, 1e16, 1e17,
                                   123456789012345.0, 1234567890123456.0, 12345678901234567.0,
                                   0.30000000000000004, 1.0 / 3.0, 2.0 / 3.0, 9007199254740992.0,
                                   9007199254740993.0, 1.0000152587890625, 0.00009999999999999999,
                                   0.000099999999999999995, 99999999999999.99, 999999999999999.9,
                                   9999999999999998.0, 1e22, 1e23, 4.35, 11.922936785424211,
                                   DBL_MIN, DBL_MAX, DBL_EPSILON, 0x1p-1074, 0x0.fffffffffffffp-1022,
                                   0x1p-1073, 0x1.8p-1074, 18446744073709551616.0 };
    char buf[32];
    size_t i;
    int e, k;
    CHECK_FORMAT(NAN);
    CHECK_FORMAT(-NAN);
    CHECK_FORMAT(HUGE_VAL);
    CHECK_FORMAT(-HUGE_VAL);
    CHECK_FORMAT(-0.0);
    for (i = 0; i < sizeof vals / sizeof vals[0]; i++)
        check_format_around(vals[i], 20);
    for (e = -1074; e <= 1023; e++)
        check_format_around(ldexp(1.0, e), 3);
    for (e = -325; e <= 308; e++) {
        snprintf(buf, sizeof buf, "1e%d", e);
        check_format_around(strtod(buf, NULL), 3);
        snprintf(buf, sizeof buf, "5e%d", e);
        check_format_around(strtod(buf, NULL), 1);
        snprintf(buf, sizeof buf, "9.99999999999999e%d", e);
        check_format_around(strtod(buf, NULL), 1);
    }
    /* around the %g switch points and the 15/16/17-digit boundaries */
    for (k = -300; k <= 300; k++) {
        CHECK_FORMAT(1e15 + k);
        CHECK_FORMAT(1e16 + 2 * k);
        CHECK_FORMAT(1e17 + 16 * k);
        CHECK_FORMAT(1e-4 + k * 1e-20);
        CHECK_FORMAT(1e-5 + k * 1e-21);
        CHECK_FORMAT(k * 0.1);
        CHECK_FORMAT(k * 1e-3);
        CHECK_FORMAT(k / 7.0);
    }
    /* integers, the 2^53 edge, subnormal counts */
    for (k = -5000; k <= 5000; k++) {
        CHECK_FORMAT((double)k);
        CHECK_FORMAT(9007199254740992.0 + 2 * k);
        CHECK_FORMAT(999999999999999.0 + k);
        CHECK_FORMAT(ldexp(k, -1074));
        CHECK_FORMAT(ldexp(k, -1030));
    }
}
END_TEST

START_TEST(format_matches_reference_random)
{
    uint64_t x = 0x243f6a8885a308d3ull;
    size_t i;
    /* random bit patterns (all exponents), then subnormals */
    for (i = 0; i < scaled(200000); i++)
        CHECK_FORMAT(from_bits(rng_next(&x)));
    for (i = 0; i < scaled(25000); i++)
        CHECK_FORMAT(from_bits(rng_next(&x) & 0x800fffffffffffffull));
}
END_TEST

START_TEST(format_matches_reference_moderate)
{
    uint64_t x = 0x13198a2e03707344ull;
    size_t i;
    for (i = 0; i < scaled(200000); i++) {
        uint64_t r = rng_next(&x);
        /* |d| in about [1e-7, 1e19]: where data lives */
        int e = (int)(r % 88) - 24;
        double d = ldexp((double)(rng_next(&x) >> 11), e - 53);
        CHECK_FORMAT((r >> 40) & 1 ? -d : d);
        /* short decimals and their neighbours */
        d = (double)(r >> 44) * pow(10.0, (int)((r >> 8) % 30) - 20);
        CHECK_FORMAT(d);
        CHECK_FORMAT(nextafter(d, 0.0));
        /* values in [0, 1) and integers */
        CHECK_FORMAT((double)(r >> 11) * 0x1p-53);
        CHECK_FORMAT((double)(int64_t)(r >> (r % 64)));
    }
}
END_TEST

START_TEST(parse_matches_reference_special)
{
    static const char *strs[] = {
        "0", "-0", "+0", "-0.0", "0.", ".0", "-.0e5", "0e-999999", "-0e99999999999999999999",
        "000000000000000000000000000000000", "1", "-1", "+1", " 1 ", "\t-2.5\r\n", "\n\n3\n",
        "1e22", "1e23", "1e-22", "1e-23", "9007199254740992", "9007199254740993",
        "9007199254740994", "9007199254740995", "9007199254740993.0000000001",
        "1152921504606847104", "1152921504606847105", "1152921504606847360",
        "1152921504606847359", "9999999999999999999", "99999999999999999999",
        "18446744073709551615", "18446744073709551616", "1234567890123456789",
        "12345678901234567890", "0.1234567890123456789", "123456789012345678901234567890",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126", "0.000000000000000000000000000001",
        "00000000000000000000000000001.5", "1e400", "-1e400", "1e308", "1.7976931348623157e308",
        "1.7976931348623158e308", "1.7976931348623159e308", "2.2250738585072011e-308",
        "2.2250738585072014e-308", "2.225073858507201e-308", "4.9e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "1e-400", "-1e-400", "1e-320", "1e-310", "1e-307", "1e-306",
        "1e-300", "1e-340", "1e-342", "1e-343", "1e-350", "1e-351", "1e300", "1e350", "1e351",
        "1e0000000000000000000000000000001", "1e+0000000000000000000000000000001", "1e1000",
        "1e-1000", "1e2000", "-1e99999", "1e100000", "1e999999999", "1e2147483648",
        "1e-2147483649", "1e4294967296", "1e18446744073709551617", "1e0308", "1e-0308",
        "0.0001e312", "1000e-326", "1.", ".5",
        "161.0", "1854.0", "-0.17", "0.532", "3.14159", "0.3", "0.1", "1e-5", "1E5", "1e+5",
        /* refused, or left to the reference */
        "", " ", "\t", ".", "-", "+", "+-1", "--1", "e5", ".e5", "1e", "1e+", "1e-", "1e+-5",
        "1..2", "1.2.3", "1e1.5", "1e5e5", "0x1p3", "0x10", "1f", "1 2", "1,5", "inf", "INF",
        "-Infinity", "+inf", "infinit", "nan", "NaN", "+nan", "-nan", "nan(1)", "1\v", "\v1",
        "1\f", "١"
    };
    char big[1100];
    size_t i, n;
    int e;
    for (i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        double a = -1.5, b = -1.5;
        CHECK_PARSE(strs[i], strlen(strs[i]));
        /* without the range flag */
        ck_assert_int_eq(pm_parse_double(strs[i], strlen(strs[i]), &a, NULL),
                         pm__parse_double_reference(strs[i], strlen(strs[i]), &b, NULL));
        ck_assert(memcmp(&a, &b, sizeof a) == 0);
        /* a prefix: the length is the end, not a NUL */
        if (strlen(strs[i]) > 1)
            CHECK_PARSE(strs[i], strlen(strs[i]) - 1);
    }
    /* the 1024-byte limit, with blanks trimmed first */
    for (n = 1018; n <= 1030; n++) {
        memset(big, '0', n);
        big[n - 1] = '1';
        big[1] = '.';
        CHECK_PARSE(big, n);
        big[0] = ' ';
        CHECK_PARSE(big, n);
        big[0] = '0';
        big[n - 1] = ' ';
        CHECK_PARSE(big, n);
    }
    for (e = -1074; e <= 1023; e++) {
        check_parse_spellings(ldexp(1.0, e));
        check_parse_spellings(nextafter(ldexp(1.0, e), 0.0));
    }
    for (e = -330; e <= 310; e++) {
        snprintf(big, sizeof big, "1e%d", e);
        CHECK_PARSE(big, strlen(big));
        snprintf(big, sizeof big, "-9.999999999999999999e%d", e);
        CHECK_PARSE(big, strlen(big));
        snprintf(big, sizeof big, "123456789e%d", e);
        CHECK_PARSE(big, strlen(big));
        check_parse_spellings(strtod(big, NULL));
    }
}
END_TEST

START_TEST(parse_matches_reference_random)
{
    uint64_t x = 0xa4093822299f31d0ull;
    char s[96];
    size_t i;
    for (i = 0; i < scaled(2500000); i++) {
        uint64_t r = rng_next(&x), dg = rng_next(&x);
        int nd = 1 + (int)(r % 20), dot = (int)((r >> 8) % 22), p = 0, j;
        if ((r >> 16) & 1)
            s[p++] = (r >> 17) & 1 ? '-' : '+';
        if (((r >> 18) & 7) == 0)
            s[p++] = ' ';
        if (((r >> 21) & 3) == 0) /* leading zeros */
            for (j = (int)((r >> 23) & 7); j >= 0; j--)
                s[p++] = '0';
        for (j = 0; j < nd; j++) {
            if (j == dot)
                s[p++] = '.';
            s[p++] = (char)('0' + dg % 10);
            dg /= 10;
            if (!dg)
                dg = rng_next(&x);
        }
        if (dot == nd)
            s[p++] = '.';
        if ((r >> 26) & 1)
            p += snprintf(s + p, sizeof s - (size_t)p, "%c%s%d", (r >> 27) & 1 ? 'e' : 'E',
                          (r >> 28) & 1 ? "+" : "", (int)((r >> 32) % 61) - 30);
        else if (((r >> 29) & 7) == 0)
            p += snprintf(s + p, sizeof s - (size_t)p, "e%d", (int)((r >> 32) % 800) - 400);
        if (((r >> 40) & 7) == 0)
            s[p++] = (r >> 43) & 1 ? '\t' : ' ';
        CHECK_PARSE(s, (size_t)p);
    }
    /* doubles as printers write them */
    for (i = 0; i < scaled(200000); i++) {
        uint64_t r = rng_next(&x);
        double d = from_bits(rng_next(&x));
        int n;
        if (!isfinite(d))
            continue;
        n = snprintf(s, sizeof s, "%.*g", 1 + (int)(r % 19), d);
        CHECK_PARSE(s, (size_t)n);
        n = (int)pm__format_double_reference(s, (double)(r >> 11) * 0x1p-53);
        CHECK_PARSE(s, (size_t)n);
    }
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
    /* the exhaustive number checks take a few seconds; longer under valgrind */
    tc = tcase_create("numbers");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, format_matches_reference_special);
    tcase_add_test(tc, format_matches_reference_random);
    tcase_add_test(tc, format_matches_reference_moderate);
    tcase_add_test(tc, parse_matches_reference_special);
    tcase_add_test(tc, parse_matches_reference_random);
    suite_add_tcase(s, tc);
    return s;
}
