/* num.c - parsing and printing numbers without depending on the locale. */
#include "config.h"

#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
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

int pm_parse_double(const char *s, size_t len, double *out, int *range)
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

size_t pm_format_double(char *buf, double d)
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

size_t pm_format_integer(char *buf, double d)
{
    if (isfinite(d) && d == floor(d) && fabs(d) < 9007199254740992.0)
        return (size_t)snprintf(buf, PM_NUMBUF, "%.0f", d == 0.0 ? 0.0 : d);
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
