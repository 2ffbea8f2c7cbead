/* num.c - parsing and printing numbers without depending on the locale. */
#include "config.h"

#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/num.h"

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int ieq(const char *s, size_t n, const char *lit)
{
    size_t i;
    if (strlen(lit) != n)
        return 0;
    for (i = 0; i < n; i++) {
        char a = s[i], b = lit[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return 1;
}

/* Checks the decimal syntax strtod would otherwise stretch (hex, "nan(x)"). */
static int decimal_syntax(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++, digits++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, digits++;
    }
    if (!digits)
        return 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++, e++;
        if (!e)
            return 0;
    }
    return i == n;
}

/* The reference parser: strtod on a NUL-terminated copy.  pm_parse_double's
 * fast paths must agree with it bit for bit; it handles everything they
 * decline. */
static int parse_double_slow(const char *s, size_t len, double *out, int *range)
{
    char buf[1024];
    char *end;
    double v;

    if (range)
        *range = 0;
    while (len && is_blank(*s))
        s++, len--;
    while (len && is_blank(s[len - 1]))
        len--;
    if (!len)
        return -1;
    if (!decimal_syntax(s, len)) {
        size_t off = (s[0] == '+' || s[0] == '-') ? 1 : 0;
        double sign = s[0] == '-' ? -1.0 : 1.0;
        if (ieq(s + off, len - off, "inf") || ieq(s + off, len - off, "infinity")) {
            *out = sign * HUGE_VAL;
            return 0;
        }
        if (!off && ieq(s, len, "nan")) {
            *out = NAN;
            return 0;
        }
        return -1;
    }
    if (len >= sizeof buf)
        return -1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    errno = 0;
    v = strtod(buf, &end);
    if (end != buf + len)
        return -1;
    if (errno == ERANGE && range)
        *range = 1;
    *out = v;
    return 0;
}

int pm_parse_integer(const char *s, size_t len, double *out)
{
    double v;
    if (pm_parse_double(s, len, &v, NULL) != 0 || !isfinite(v) || v != floor(v))
        return -1;
    *out = v;
    return 0;
}

int pm_parse_boolean(const char *s, size_t len, double *out)
{
    double v;
    while (len && is_blank(*s))
        s++, len--;
    while (len && is_blank(s[len - 1]))
        len--;
    if (ieq(s, len, "true")) {
        *out = 1.0;
        return 0;
    }
    if (ieq(s, len, "false")) {
        *out = 0.0;
        return 0;
    }
    if (pm_parse_double(s, len, &v, NULL) == 0 && !isnan(v)) {
        *out = v != 0.0 ? 1.0 : 0.0;
        return 0;
    }
    return -1;
}

/* The reference printer: the first %.15g, %.16g, %.17g (from %.1g for
 * subnormals) that reads back as d.  pm_format_double's fast path must give
 * the same bytes. */
static size_t format_double_slow(char *buf, double d)
{
    int prec, n = 0;
    if (isnan(d))
        return (size_t)snprintf(buf, PM_NUMBUF, "NaN");
    if (isinf(d))
        return (size_t)snprintf(buf, PM_NUMBUF, d > 0 ? "Infinity" : "-Infinity");
    if (d == 0.0)
        return (size_t)snprintf(buf, PM_NUMBUF, signbit(d) ? "-0" : "0");
    /* 15 significant digits always read back exactly when the double came
     * from 15 or fewer; otherwise the first of 16, 17 that round-trips.
     * Subnormals carry fewer digits, so they are searched from 1. */
    for (prec = fabs(d) < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
        n = snprintf(buf, PM_NUMBUF, "%.*g", prec, d);
        if (prec == 17 || strtod(buf, NULL) == d)
            break;
    }
    return (size_t)n;
}

size_t pm_format_float(char *buf, float f)
{
    int prec, n = 0;
    if (isnan(f) || isinf(f) || f == 0.0f)
        return pm_format_double(buf, (double)f);
    for (prec = 6; prec <= 9; prec++) {
        n = snprintf(buf, PM_NUMBUF, "%.*g", prec, (double)f);
        if (prec == 9 || strtof(buf, NULL) == f)
            break;
    }
    return (size_t)n;
}

static size_t format_integer_slow(char *buf, double d)
{
    if (isfinite(d) && d == floor(d) && fabs(d) < 9007199254740992.0)
        return (size_t)snprintf(buf, PM_NUMBUF, "%.0f", d == 0.0 ? 0.0 : d);
    return format_double_slow(buf, d);
}

int pm__parse_double_reference(const char *s, size_t len, double *out, int *range)
{
    return parse_double_slow(s, len, out, range);
}

size_t pm__format_double_reference(char *buf, double d)
{
    return format_double_slow(buf, d);
}

size_t pm__format_integer_reference(char *buf, double d)
{
    return format_integer_slow(buf, d);
}

/* ---------------------------------------------------------------------------
 * Fast paths.  Both give exactly what the reference functions above give, and
 * hand every case they cannot settle with certainty to them.
 *
 * Parsing: a plain decimal with at most 19 significant digits is w * 10^e
 * with w an integer below 2^64.  When w <= 2^53 and |e| <= 22 both factors
 * are exact doubles and one multiplication or division rounds correctly
 * (Clinger).  Otherwise w is multiplied by a 128-bit approximation of 10^e;
 * the product brackets the exact value closely enough to know which way it
 * rounds unless it lies within two units of a halfway point, in which case,
 * as for subnormal or overflowing results, strtod decides.
 *
 * Printing: for d = c * 2^q the reference prints round(d, P), d rounded
 * half-even to P significant digits, for the first P (15, 16, 17; 1..17 for
 * subnormals) whose value lies in d's round-trip interval
 * [(c - 1/2) 2^q, (c + 1/2) 2^q] (the lower half-width is 1/4 at a power of
 * two; the ends belong to d when c is even, as strtod rounds ties to even).
 * D = d * 10^k scaled to 17 or 18 integer digits is computed in 64.64 fixed
 * point from a 128-bit approximation of 10^k, together with the half-widths
 * in the same units; every digit-rounding and interval decision is a sign
 * test on a small difference of these, exact when the table entry and the
 * shifts are exact, otherwise known to within a few units of 2^-64 and
 * handed to the reference when that does not settle it.
 *
 * The powers of ten are computed once, with a small bignum, under
 * pthread_once.
 */

#if FLT_RADIX == 2 && DBL_MANT_DIG == 53 && DBL_MAX_EXP == 1024 && DBL_MIN_EXP == -1021
#define PM_IEEE_DOUBLE 1
#endif

#if defined(PM_IEEE_DOUBLE) && defined(__SIZEOF_INT128__)
#define PM_HAVE_U128 1
__extension__ typedef unsigned __int128 pm_u128;
__extension__ typedef __int128 pm_i128;
#endif

/* 10^k ~ (hi:lo) * 2^exp2, (hi:lo) in [2^127, 2^128) truncated; exact when
 * (hi:lo) * 2^exp2 is 10^k itself. */
#define P10_MIN (-350)
#define P10_MAX 350
struct p10_entry {
    uint64_t hi, lo;
    int32_t exp2;
    int32_t exact;
};

static double p10_double[23]; /* 1e0 .. 1e22, all exact */
static uint64_t p10_u64[20];  /* 1 .. 1e19 */
static char digit_pairs[200]; /* "00" "01" .. "99" */
#ifdef PM_HAVE_U128
static struct p10_entry p10_tab[P10_MAX - P10_MIN + 1];
#endif
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;
static int tables_ready;

#ifdef PM_HAVE_U128
/* Little-endian base-2^32 naturals, large enough for 2^1183. */
#define BIG_LIMBS 37

static int big_bitlen(const uint32_t *a)
{
    int n = BIG_LIMBS, b = 0;
    uint32_t top;
    while (n > 0 && a[n - 1] == 0)
        n--;
    if (!n)
        return 0;
    for (top = a[n - 1]; top; top >>= 1)
        b++;
    return 32 * (n - 1) + b;
}

static unsigned big_bit(const uint32_t *a, int i)
{
    return i < 0 ? 0u : (a[i >> 5] >> (i & 31)) & 1u;
}

static void big_mul_small(uint32_t *a, uint32_t m)
{
    uint64_t carry = 0;
    int i;
    for (i = 0; i < BIG_LIMBS; i++) {
        uint64_t t = (uint64_t)a[i] * m + carry;
        a[i] = (uint32_t)t;
        carry = t >> 32;
    }
}

/* a = floor(a / m) */
static void big_div_small(uint32_t *a, uint32_t m)
{
    uint64_t rem = 0;
    int i;
    for (i = BIG_LIMBS - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | a[i];
        a[i] = (uint32_t)(cur / m);
        rem = cur % m;
    }
}

/* e = the top 128 bits of a (floor), a ~ e * 2^(L - 128) with L = bitlen(a). */
static void p10_set(struct p10_entry *e, const uint32_t *a, int exp_base, int may_be_exact)
{
    int len = big_bitlen(a), i, exact = may_be_exact;
    uint64_t hi = 0, lo = 0;
    for (i = 0; i < 128; i++) {
        unsigned b = big_bit(a, len - 1 - i);
        hi = (hi << 1) | (lo >> 63);
        lo = (lo << 1) | b;
    }
    for (i = 0; i < len - 128 && exact; i++)
        if (big_bit(a, i))
            exact = 0;
    e->hi = hi;
    e->lo = lo;
    e->exp2 = exp_base + len - 128;
    e->exact = exact;
}

static void init_p10_tab(void)
{
    uint32_t a[BIG_LIMBS];
    const int big_b = 32 * BIG_LIMBS - 1;
    int n;
    /* 10^n = 5^n 2^n */
    memset(a, 0, sizeof a);
    a[0] = 1;
    for (n = 0; n <= P10_MAX; n++) {
        p10_set(&p10_tab[n - P10_MIN], a, n, 1);
        big_mul_small(a, 5);
    }
    /* 10^-n = 2^-n / 5^n, with floor(2^B / 5^n) = floor(floor(2^B / 5^(n-1)) / 5)
     * and never exact */
    memset(a, 0, sizeof a);
    a[big_b >> 5] = 1u << (big_b & 31);
    for (n = 1; n <= -P10_MIN; n++) {
        big_div_small(a, 5);
        p10_set(&p10_tab[-n - P10_MIN], a, -n - big_b, 0);
    }
}
#endif

static void init_tables(void)
{
    double p = 1.0;
    uint64_t u = 1;
    int i;
    for (i = 0; i < 100; i++) {
        digit_pairs[2 * i] = (char)('0' + i / 10);
        digit_pairs[2 * i + 1] = (char)('0' + i % 10);
    }
    for (i = 0; i < 23; i++, p *= 10.0)
        p10_double[i] = p;
    for (i = 0; i < 20; i++, u *= 10)
        p10_u64[i] = u;
#ifdef PM_HAVE_U128
    init_p10_tab();
#endif
#ifdef __GNUC__
    __atomic_store_n(&tables_ready, 1, __ATOMIC_RELEASE);
#else
    tables_ready = 1;
#endif
}

static void need_tables(void)
{
#ifdef __GNUC__
    if (__atomic_load_n(&tables_ready, __ATOMIC_ACQUIRE))
        return;
#endif
    pthread_once(&tables_once, init_tables);
}

#ifdef PM_HAVE_U128
static int clz64(uint64_t x)
{
#ifdef __GNUC__
    return __builtin_clzll(x);
#else
    int n = 0;
    while (!(x & 0x8000000000000000ull))
        x <<= 1, n++;
    return n;
#endif
}
#endif

/* Writes the 8 digits of v < 10^8. */
static void put8(char *p, uint32_t v)
{
    uint32_t hi = v / 10000, lo = v % 10000;
    memcpy(p, digit_pairs + 2 * (hi / 100), 2);
    memcpy(p + 2, digit_pairs + 2 * (hi % 100), 2);
    memcpy(p + 4, digit_pairs + 2 * (lo / 100), 2);
    memcpy(p + 6, digit_pairs + 2 * (lo % 100), 2);
}

/* Writes v (< 10^20) with exactly `width` digits (leading zeros kept), width
 * at least the number of digits of v. */
static void put_digits(char *p, uint64_t v, int width)
{
    char *q = p + width;
    uint32_t w;
    while (q - p > 8) {
        put8(q - 8, (uint32_t)(v % 100000000));
        v /= 100000000;
        q -= 8;
    }
    for (w = (uint32_t)v; q - p >= 2; w /= 100) {
        q -= 2;
        memcpy(q, digit_pairs + 2 * (w % 100), 2);
    }
    if (q > p)
        p[0] = (char)('0' + w);
}

static int count_digits(uint64_t v)
{
    int n = 1;
    while (n < 20 && v >= p10_u64[n])
        n++;
    return n;
}

/* Scans a trimmed plain decimal.  Returns 1 with *out set when the value is
 * settled here, 0 to leave it to parse_double_slow. */
static int parse_fast(const char *s, size_t len, double *out)
{
    const char *p = s, *end = s + len;
    uint64_t w = 0;
    int neg = 0, nd = 0, any = 0, e10 = 0;
    if (len >= 1024)
        return 0;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    for (; p < end && (unsigned)(*p - '0') < 10; p++) {
        any = 1;
        if (w || *p != '0') {
            if (nd == 19)
                return 0;
            w = w * 10 + (unsigned)(*p - '0');
            nd++;
        }
    }
    if (p < end && *p == '.') {
        for (p++; p < end && (unsigned)(*p - '0') < 10; p++) {
            any = 1;
            e10--;
            if (w || *p != '0') {
                if (nd == 19)
                    return 0;
                w = w * 10 + (unsigned)(*p - '0');
                nd++;
            }
        }
    }
    if (!any)
        return 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        int eneg = 0, ev = 0;
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            eneg = *p++ == '-';
        if (p == end || (unsigned)(*p - '0') >= 10)
            return 0;
        for (; p < end && (unsigned)(*p - '0') < 10; p++)
            if (ev < 100000)
                ev = ev * 10 + (*p - '0');
        e10 += eneg ? -ev : ev;
    }
    if (p != end)
        return 0;
    if (w == 0) {
        *out = neg ? -0.0 : 0.0;
        return 1;
    }
    need_tables();
#if defined(PM_IEEE_DOUBLE) && defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    if (w <= 9007199254740992ull && e10 >= -22 && e10 <= 22) {
        double v = (double)w;
        v = e10 < 0 ? v / p10_double[-e10] : v * p10_double[e10];
        *out = neg ? -v : v;
        return 1;
    }
#endif
#ifdef PM_HAVE_U128
    if (e10 >= P10_MIN && e10 <= P10_MAX) {
        const struct p10_entry *t = &p10_tab[e10 - P10_MIN];
        int lz = clz64(w), r, up, be;
        uint64_t wn = w << lz, lo64, mant, bits;
        pm_u128 phi = (pm_u128)wn * t->hi, plo = (pm_u128)wn * t->lo, h, rest, half;
        /* w 10^e = (h + lo64 / 2^64 + err) 2^(exp2 + 64 - lz), err in [0, 1)
         * and 0 when the entry is exact */
        h = phi + (plo >> 64);
        lo64 = (uint64_t)plo;
        r = (int)(h >> 127) ? 75 : 74; /* bits below the 53 kept */
        mant = (uint64_t)(h >> r);
        rest = h & (((pm_u128)1 << r) - 1);
        half = (pm_u128)1 << (r - 1);
        if (t->exact) {
            up = rest > half || (rest == half && (lo64 != 0 || (mant & 1)));
        } else {
            /* the exact value lies strictly between h and h + 2 */
            if (rest + 2 <= half)
                up = 0;
            else if (rest >= half)
                up = 1;
            else
                return 0;
        }
        be = r + t->exp2 + 64 - lz + 52 + 1023;
        if (be < 1)
            return 0; /* subnormal or zero: strtod, with ERANGE */
        mant += (uint64_t)up;
        if (mant >> 53) {
            mant >>= 1;
            be++;
        }
        if (be > 2046)
            return 0; /* overflow */
        bits = ((uint64_t)neg << 63) | ((uint64_t)be << 52) | (mant & 0xfffffffffffffull);
        memcpy(out, &bits, sizeof *out);
        return 1;
    }
#endif
    return 0;
}

int pm_parse_double(const char *s, size_t len, double *out, int *range)
{
    while (len && is_blank(*s))
        s++, len--;
    while (len && is_blank(s[len - 1]))
        len--;
    if (len && parse_fast(s, len, out)) {
        if (range)
            *range = 0;
        return 0;
    }
    return parse_double_slow(s, len, out, range);
}

#ifdef PM_HAVE_U128
/* Writes sign, the P-digit rounding n of the value (n may be 10^P after a
 * carry) and the exponent x of its first digit the way %.{P}g does. */
static size_t emit_g(char *buf, int neg, uint64_t n, int prec, int x)
{
    char *p = buf + neg, *dg;
    int nd = prec, i;
    if (n == p10_u64[prec]) {
        n = p10_u64[prec - 1];
        x++;
    }
    buf[0] = '-';
    if (x >= -4 && x < prec) {
        if (x >= 0) {
            /* the digits one place right, then the integer part moved left */
            dg = p + 1;
            put_digits(dg, n, prec);
            while (nd > x + 1 && dg[nd - 1] == '0')
                nd--;
            for (i = 0; i <= x; i++)
                p[i] = dg[i];
            if (nd > x + 1) {
                p[x + 1] = '.';
                p += nd + 1;
            } else {
                p += x + 1;
            }
        } else {
            *p++ = '0';
            *p++ = '.';
            for (i = -1; i > x; i--)
                *p++ = '0';
            put_digits(p, n, prec);
            while (nd > 1 && p[nd - 1] == '0')
                nd--;
            p += nd;
        }
    } else {
        int ax = x < 0 ? -x : x;
        dg = p + 1;
        put_digits(dg, n, prec);
        while (nd > 1 && dg[nd - 1] == '0')
            nd--;
        p[0] = dg[0];
        if (nd > 1) {
            p[1] = '.';
            p += nd + 1;
        } else {
            p += 1;
        }
        *p++ = 'e';
        *p++ = x < 0 ? '-' : '+';
        if (ax >= 100) {
            *p++ = (char)('0' + ax / 100);
            ax %= 100;
        }
        memcpy(p, digit_pairs + 2 * ax, 2);
        p += 2;
    }
    *p = '\0';
    return (size_t)(p - buf);
}
#endif

static size_t put_integer(char *buf, double d)
{
    /* |d| < 2^53 and integral */
    int64_t i = (int64_t)d;
    uint64_t u = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
    int nd = count_digits(u);
    size_t n = 0;
    if (i < 0)
        buf[n++] = '-';
    put_digits(buf + n, u, nd);
    n += (size_t)nd;
    buf[n] = '\0';
    return n;
}

#ifdef PM_HAVE_U128
struct fmt_state {
    pm_u128 d;     /* D in 64.64 fixed point (floor) */
    pm_u128 above; /* the round-trip half-width above d, same units */
    pm_u128 below; /* ... and below */
    uint64_t f;    /* floor(D) */
    pm_i128 err;   /* a bound on the error of a difference of the above */
    int inexact;   /* some of them are not exact */
    int even;      /* the ends of the interval read back as d */
};

/* The sign (-1, 0, 1) of an exact quantity whose computed value is v, or 2
 * when the error leaves it open. */
static int fixed_sign(const struct fmt_state *st, pm_i128 v)
{
    if (!st->inexact)
        return (v > 0) - (v < 0);
    if (v >= st->err)
        return 1;
    if (v <= -st->err)
        return -1;
    return 2;
}

/* D rounded half-even at 10^drop: *n gets the digits kept.  Returns 1 when
 * that value reads back as d (always when !check), 0 when not, -1 when the
 * reference must decide.  drop is a constant where it matters, so the
 * divisions become multiplications. */
static inline int round_at(const struct fmt_state *st, int drop, int check, uint64_t *n)
{
    uint64_t pw = 1, base, v;
    pm_u128 mid, vfix;
    int sg, s1, s2, i;
    for (i = 0; i < drop; i++)
        pw *= 10;
    base = st->f / pw;
    mid = ((pm_u128)(base * pw) << 64) + (drop ? (pm_u128)(pw / 2) << 64 : (pm_u128)1 << 63);
    sg = fixed_sign(st, (pm_i128)(st->d - mid));
    if (sg == 2)
        return -1;
    *n = base + (sg > 0 || (sg == 0 && (base & 1)));
    if (!check)
        return 1;
    v = *n * pw;
    vfix = (pm_u128)v << 64;
    s1 = fixed_sign(st, (pm_i128)(st->above + st->d - vfix)); /* above - (V - D) */
    s2 = fixed_sign(st, (pm_i128)(st->below + vfix - st->d)); /* below - (D - V) */
    if (s1 < 0 || s2 < 0)
        return 0;
    if (s1 == 2 || s2 == 2)
        return -1;
    return (s1 > 0 || st->even) && (s2 > 0 || st->even);
}

static int floor_log10_pow2(int e)
{
    int32_t t = e * 78913; /* floor(e log10(2)), checked for |e| <= 1100 */
    return t >= 0 ? t >> 18 : -(int)((-(int64_t)t + (1 << 18) - 1) >> 18);
}

/* Returns the length, or 0 to leave d to format_double_slow.  d is finite
 * and nonzero. */
static size_t format_fast(char *buf, double d)
{
    struct fmt_state st;
    const struct p10_entry *t;
    uint64_t bits, frac, c, l0, l1, l2, n = 0;
    pm_u128 plo, phi, mid, top, g;
    int neg, be, q, e2, x0, k, s, nf, x, prec, r;
    memcpy(&bits, &d, sizeof bits);
    neg = (int)(bits >> 63);
    be = (int)((bits >> 52) & 0x7ff);
    frac = bits & 0xfffffffffffffull;
    if (be) {
        c = frac | (1ull << 52);
        q = be - 1075;
        e2 = be - 1023;
    } else {
        c = frac;
        q = -1074;
        e2 = q + 63 - clz64(c);
    }
    x0 = floor_log10_pow2(e2); /* 10^x0 <= 2^e2 <= |d| < 10^(x0 + 2) */
    k = 16 - x0;               /* D = |d| 10^k in [10^16, 10^18) */
    if (k < P10_MIN || k > P10_MAX)
        return 0;
    t = &p10_tab[k - P10_MIN];
    s = -(q + t->exp2 + 64); /* D 2^64 = c (hi:lo) 2^-s */
    if (s < 1 || s > 63)
        return 0;
    plo = (pm_u128)c * t->lo;
    phi = (pm_u128)c * t->hi;
    l0 = (uint64_t)plo;
    mid = (plo >> 64) + (uint64_t)phi;
    l1 = (uint64_t)mid;
    l2 = (uint64_t)(phi >> 64) + (uint64_t)(mid >> 64);
    top = ((pm_u128)l2 << 64) | l1;
    st.d = (top << (64 - s)) | (l0 >> s);
    g = ((pm_u128)t->hi << 64) | t->lo;
    st.above = g >> (s + 1); /* 2^(q-1) 10^k */
    st.below = st.above;
    if (!frac && be > 1)
        st.below = g >> (s + 2); /* a power of two: the next lower double is closer */
    st.inexact = !t->exact || (l0 << (64 - s)) != 0 || (g & (((pm_u128)1 << (s + 2)) - 1)) != 0;
    st.err = (pm_i128)(c >> s) + 4;
    st.even = !(c & 1);
    st.f = (uint64_t)(st.d >> 64);
    if (st.f < p10_u64[16] || st.f >= p10_u64[18])
        return 0;
    nf = st.f >= p10_u64[17] ? 18 : 17;
    x = x0 + nf - 17;
    if (be) {
        if (nf == 17) {
            prec = 15;
            r = round_at(&st, 2, 1, &n);
            if (r == 0) {
                prec = 16;
                r = round_at(&st, 1, 1, &n);
            }
            if (r == 0) {
                prec = 17;
                r = round_at(&st, 0, 0, &n);
            }
        } else {
            prec = 15;
            r = round_at(&st, 3, 1, &n);
            if (r == 0) {
                prec = 16;
                r = round_at(&st, 2, 1, &n);
            }
            if (r == 0) {
                prec = 17;
                r = round_at(&st, 1, 0, &n);
            }
        }
    } else {
        for (prec = 1, r = 0; prec <= 17; prec++) {
            r = round_at(&st, nf - prec, prec < 17, &n);
            if (r != 0)
                break;
        }
    }
    if (r <= 0)
        return 0;
    return emit_g(buf, neg, n, prec, x);
}
#endif

size_t pm_format_double(char *buf, double d)
{
    const char *lit = NULL;
    if (isnan(d))
        lit = "NaN";
    else if (isinf(d))
        lit = d > 0 ? "Infinity" : "-Infinity";
    else if (d == 0.0)
        lit = signbit(d) ? "-0" : "0";
    if (lit) {
        size_t n = strlen(lit);
        memcpy(buf, lit, n + 1);
        return n;
    }
    need_tables();
    if (d > -1e15 && d < 1e15 && (double)(int64_t)d == d)
        return put_integer(buf, d); /* what %.15g prints for them */
#ifdef PM_HAVE_U128
    {
        size_t n = format_fast(buf, d);
        if (n)
            return n;
    }
#endif
    return format_double_slow(buf, d);
}

size_t pm_format_integer(char *buf, double d)
{
    if (d > -9007199254740992.0 && d < 9007199254740992.0 && (double)(int64_t)d == d) {
        need_tables();
        return put_integer(buf, d);
    }
    return pm_format_double(buf, d);
}

/* Shortest significant digits of d (no sign) and the decimal exponent of
 * the first digit: d = 0.DIGITS * 10^(exp10 + 1). */
static int shortest_digits(double d, int is_float, char *digits, int *exp10)
{
    char tmp[PM_NUMBUF];
    int prec, nd = 0, i;
    int lo = is_float ? 1 : 1, hi = is_float ? 9 : 17;
    for (prec = lo; prec <= hi; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, d);
        if (is_float ? (float)strtod(tmp, NULL) == (float)d : strtod(tmp, NULL) == d)
            break;
    }
    /* tmp: D.DDDDe[+-]XX */
    for (i = 0; tmp[i] && tmp[i] != 'e'; i++)
        if (tmp[i] >= '0' && tmp[i] <= '9')
            digits[nd++] = tmp[i];
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    *exp10 = atoi(strchr(tmp, 'e') + 1);
    return nd;
}

static size_t java_format(char *buf, double d, int is_float)
{
    char digits[32];
    int nd, e, i;
    size_t n = 0;
    if (isnan(d))
        return (size_t)snprintf(buf, PM_NUMBUF, "NaN");
    if (isinf(d))
        return (size_t)snprintf(buf, PM_NUMBUF, d > 0 ? "Infinity" : "-Infinity");
    if (d == 0.0)
        return (size_t)snprintf(buf, PM_NUMBUF, signbit(d) ? "-0.0" : "0.0");
    if (d < 0) {
        buf[n++] = '-';
        d = -d;
    }
    nd = shortest_digits(d, is_float, digits, &e);
    if (d >= 1e-3 && d < 1e7) {
        if (e >= 0) {
            for (i = 0; i <= e; i++)
                buf[n++] = i < nd ? digits[i] : '0';
            buf[n++] = '.';
            if (nd > e + 1)
                for (i = e + 1; i < nd; i++)
                    buf[n++] = digits[i];
            else
                buf[n++] = '0';
        } else {
            buf[n++] = '0';
            buf[n++] = '.';
            for (i = -1; i > e; i--)
                buf[n++] = '0';
            for (i = 0; i < nd; i++)
                buf[n++] = digits[i];
        }
        buf[n] = '\0';
        return n;
    }
    buf[n++] = digits[0];
    buf[n++] = '.';
    if (nd > 1)
        for (i = 1; i < nd; i++)
            buf[n++] = digits[i];
    else
        buf[n++] = '0';
    n += (size_t)snprintf(buf + n, PM_NUMBUF - n, "E%d", e);
    return n;
}

size_t pm_format_java_double(char *buf, double d)
{
    return java_format(buf, d, 0);
}

size_t pm_format_java_float(char *buf, float f)
{
    return java_format(buf, (double)f, 1);
}

static pthread_once_t locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale = (locale_t)0;

static void make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

void *pm_locale_push(void)
{
    pthread_once(&locale_once, make_c_locale);
    if (c_locale == (locale_t)0)
        return NULL;
    return (void *)uselocale(c_locale);
}

void pm_locale_pop(void *token)
{
    if (token)
        uselocale((locale_t)token);
}
