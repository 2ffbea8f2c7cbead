/* eval_expr.c - expressions and the built-in functions. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <float.h>
#include <math.h>
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "compile/functions.h"
#include "eval/eval.h"
#include "eval/value.h"
#include "model/model.h"
#include "util/datetime.h"
#include "util/num.h"

#define LOCAL_ARGS 8

/* A value as a number: strings are read as numbers. */
static int number_of(const pv *v, double *out)
{
    if (!pm_type_is_string(v->t)) {
        *out = v->d;
        return 0;
    }
    return pm_parse_double(v->s, v->len, out, NULL);
}

static int interval_contains(const pl_interval *iv, double x)
{
    if (iv->left_closed ? x < iv->left : x <= iv->left)
        return 0;
    if (iv->right_closed ? x > iv->right : x >= iv->right)
        return 0;
    return 1;
}

/* ---- NormContinuous (PMML 4.4 Transformations: piecewise linear) ---- */

int pm_normcont(const pl_expr *e, double x, double *out)
{
    size_t n = e->npoints, i;
    const double *o = e->orig, *m = e->norm;
    if (x < o[0] || x > o[n - 1]) {
        if (e->outliers == OUTLIERS_AS_MISSING)
            return 0;
        if (e->outliers == OUTLIERS_AS_EXTREME) {
            *out = x < o[0] ? m[0] : m[n - 1];
            return 1;
        }
        /* asIs: extrapolate from the outermost segment */
        i = x < o[0] ? 0 : n - 2;
    } else {
        for (i = 0; i + 2 < n && x > o[i + 1]; i++)
            ;
    }
    *out = m[i] + (x - o[i]) * (m[i + 1] - m[i]) / (o[i + 1] - o[i]);
    return 1;
}

static void eval_normcont(const pl_expr *e, double x, pv *out)
{
    double d;
    if (!pm_normcont(e, x, &d)) {
        *out = e->has_map_missing ? e->map_missing : pv_missing();
        return;
    }
    *out = pv_num(d, PMML_TYPE_DOUBLE);
}

static int same_value(const pv *a, const pv *b)
{
    return pm_value_equal(a, b);
}

static void eval_mapvalues(const pl_expr *e, pm_scratch *sc, pv *out)
{
    const pl_maptable *t = e->table;
    size_t r, j, hit = (size_t)-1;
    for (j = 0; j < e->nargs; j++) {
        if (sc->vals[e->arg_slots[j]].st == VS_MISSING) {
            *out = e->has_map_missing ? e->map_missing : pv_missing();
            return;
        }
    }
    for (r = 0; r < t->nrows; r++) {
        for (j = 0; j < t->nin; j++) {
            const pv *k = &t->keys[r * t->nin + j];
            if (k->st != VS_VALID || !same_value(&sc->vals[e->arg_slots[j]], k))
                break;
        }
        if (j == t->nin) {
            hit = r;
            break;
        }
    }
    if (hit == (size_t)-1 || t->out[hit].st == VS_MISSING)
        *out = e->has_default ? e->dflt : pv_missing();
    else
        *out = t->out[hit];
}

/* ---- distributions ---- */

static double std_normal_cdf(double x)
{
    return 0.5 * erfc(-x / M_SQRT2);
}

static double std_normal_pdf(double x)
{
    return exp(-0.5 * x * x) / sqrt(2.0 * M_PI);
}

/* Inverse of the standard normal CDF: Acklam's rational approximation,
 * refined with one Halley step on erfc to full double precision. */
static double std_normal_idf(double p)
{
    static const double a[] = { -3.969683028665376e+01, 2.209460984245205e+02,
                                -2.759285104469687e+02, 1.383577518672690e+02,
                                -3.066479806614716e+01, 2.506628277459239e+00 };
    static const double b[] = { -5.447609879822406e+01, 1.615858368580409e+02,
                                -1.556989798598866e+02, 6.680131188771972e+01,
                                -1.328068155288572e+01 };
    static const double c[] = { -7.784894002430293e-03, -3.223964580411365e-01,
                                -2.400758277161838e+00, -2.549732539343734e+00,
                                4.374664141464968e+00, 2.938163982698783e+00 };
    static const double d[] = { 7.784695709041462e-03, 3.224671290700398e-01,
                                2.445134137142996e+00, 3.754408661907416e+00 };
    double q, r, x, e, u;
    if (!(p > 0.0 && p < 1.0))
        return p == 0.0 ? -HUGE_VAL : p == 1.0 ? HUGE_VAL : NAN;
    if (p < 0.02425) {
        q = sqrt(-2 * log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - 0.02425) {
        q = p - 0.5;
        r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
        q = sqrt(-2 * log(1 - p));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    e = 0.5 * erfc(-x / M_SQRT2) - p;
    u = e * sqrt(2 * M_PI) * exp(x * x / 2);
    x = x - u / (1 + x * u / 2);
    return x;
}

/* ---- strings ---- */

/* Byte offset of the k-th code point (0-based) of UTF-8 text, or len. */
static size_t utf8_offset(const char *s, size_t len, size_t k)
{
    size_t i = 0;
    while (i < len && k > 0) {
        i++;
        while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        k--;
    }
    return i;
}

static size_t utf8_length(const char *s, size_t len)
{
    size_t i, n = 0;
    for (i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static int text_of(const pv *v, char *buf, const char **s, size_t *n)
{
    *n = pm_value_text(v, buf, s);
    return 1;
}

/* formatNumber: one printf-style conversion (PMML 4.4 Built-in Functions). */
static int format_number(char *out, size_t cap, const char *pat, size_t patlen, double x,
                         int is_int_type)
{
    char spec[64];
    size_t i = 0, o = 0, k;
    int done = 0, n;
    while (i < patlen) {
        if (pat[i] != '%') {
            if (o + 1 >= cap)
                return -1;
            out[o++] = pat[i++];
            continue;
        }
        if (i + 1 < patlen && pat[i + 1] == '%') {
            if (o + 1 >= cap)
                return -1;
            out[o++] = '%';
            i += 2;
            continue;
        }
        if (done)
            return -1;
        k = 0;
        spec[k++] = pat[i++];
        while (i < patlen && strchr("-+ #0", pat[i]) && k < 20)
            spec[k++] = pat[i++];
        {
            /* width and precision of at most three digits: the result must
             * fit the output buffer anyway */
            int digits = 0;
            while (i < patlen && pat[i] >= '0' && pat[i] <= '9') {
                if (++digits > 3)
                    return -1;
                spec[k++] = pat[i++];
            }
            if (i < patlen && pat[i] == '.') {
                spec[k++] = pat[i++];
                digits = 0;
                while (i < patlen && pat[i] >= '0' && pat[i] <= '9') {
                    if (++digits > 3)
                        return -1;
                    spec[k++] = pat[i++];
                }
            }
        }
        if (i >= patlen)
            return -1;
        switch (pat[i]) {
        case 'd':
        case 'i':
        case 'o':
        case 'x':
        case 'X':
            if (!(isfinite(x) && x == floor(x) && fabs(x) < 9.2e18))
                return -1;
            spec[k++] = 'l';
            spec[k++] = 'l';
            spec[k++] = pat[i++];
            spec[k] = '\0';
            n = snprintf(out + o, cap - o, spec, (long long)x);
            break;
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
        case 'a':
        case 'A':
            spec[k++] = pat[i++];
            spec[k] = '\0';
            n = snprintf(out + o, cap - o, spec, x);
            break;
        case 's': {
            char num[PM_NUMBUF];
            spec[k++] = pat[i++];
            spec[k] = '\0';
            if (is_int_type)
                pm_format_integer(num, x);
            else
                pm_format_java_double(num, x);
            n = snprintf(out + o, cap - o, spec, num);
            break;
        }
        default:
            return -1;
        }
        if (n < 0 || (size_t)n >= cap - o)
            return -1;
        o += (size_t)n;
        done = 1;
    }
    out[o] = '\0';
    return (int)o;
}

/* ---- dates and times ---- */

/* Seconds since 1970-01-01 (or since midnight for times) of a date, time or
 * dateTime argument; text is read as a dateTime, then a date, then a time. */
static int seconds_of(const pv *v, int *is_time, double *secs)
{
    double d;
    *is_time = v->t == PMML_TYPE_TIME || v->t == PMML_TYPE_TIME_SECONDS;
    if (pm_type_is_temporal(v->t))
        return pm_temporal_seconds(v->d, v->t, secs);
    if (!pm_type_is_string(v->t))
        return -1;
    if (pm_parse_temporal(v->s, v->len, PMML_TYPE_DATETIME, &d) == 0) {
        *secs = d;
        return 0;
    }
    if (pm_parse_temporal(v->s, v->len, PMML_TYPE_TIME, &d) == 0) {
        *is_time = 1;
        *secs = d;
        return 0;
    }
    return -1;
}

static int format_datetime(char *out, size_t cap, const pv *v, const char *pat, size_t plen)
{
    struct tm tm;
    double secs, day;
    int64_t y;
    unsigned mo, d;
    long s;
    int is_time;
    char fmt[256];
    size_t n;
    if (seconds_of(v, &is_time, &secs) != 0 || !isfinite(secs) || plen >= sizeof fmt)
        return -1;
    memset(&tm, 0, sizeof tm);
    day = floor(secs / 86400.0);
    s = (long)(secs - day * 86400.0);
    if (!is_time) {
        pm_civil_from_days((int64_t)day, &y, &mo, &d);
        if (y < -9999 || y > 9999)
            return -1;
        tm.tm_year = (int)(y - 1900);
        tm.tm_mon = (int)mo - 1;
        tm.tm_mday = (int)d;
        /* 1970-01-01 was a Thursday */
        tm.tm_wday = (int)((((int64_t)day % 7) + 11) % 7);
        tm.tm_yday = (int)(day - (double)pm_days_from_civil(y, 1, 1));
    } else {
        tm.tm_year = 70;
        tm.tm_mday = 1;
        tm.tm_wday = 4;
    }
    tm.tm_hour = (int)(s / 3600);
    tm.tm_min = (int)(s / 60 % 60);
    tm.tm_sec = (int)(s % 60);
    memcpy(fmt, pat, plen);
    fmt[plen] = '\0';
    if (!plen) {
        out[0] = '\0';
        return 0;
    }
    n = strftime(out, cap, fmt, &tm);
    if (n == 0)
        return -1;
    return (int)n;
}

/* ---- the functions ---- */

static int is_int(const pv *v)
{
    return v->t == PMML_TYPE_INTEGER;
}

static int cmp_pv_num(const void *a, const void *b)
{
    double x = ((const pv *)a)->d, y = ((const pv *)b)->d;
    return x < y ? -1 : x > y;
}

/* Computes function `e->fn` over argv; returns the result state:
 * VS_VALID, VS_MISSING, or VS_INVALID (a domain error). */
/* Functions whose arguments are all numbers. */
static int numeric_function(int fn)
{
    return (fn >= FN_ADD && fn <= FN_STD_NORMAL_IDF) || fn == FN_NOT;
}

static int call_builtin(const pl_expr *e, pm_scratch *sc, pv *argv, size_t n, pv *out)
{
    double x, y, r = 0.0;
    int dt = e->dt;
    size_t i;

    if (numeric_function(e->fn)) {
        /* a string argument must read as a number */
        for (i = 0; i < n; i++) {
            double d;
            if (argv[i].st == VS_MISSING || !pm_type_is_string(argv[i].t))
                continue;
            if (pm_parse_double(argv[i].s, argv[i].len, &d, NULL) != 0)
                return VS_INVALID;
            argv[i].d = d;
            argv[i].t = PMML_TYPE_DOUBLE;
        }
    }
    x = n > 0 ? argv[0].d : 0.0;
    y = n > 1 ? argv[1].d : 0.0;

    switch (e->fn) {
    case FN_ADD:
        r = x + y;
        break;
    case FN_SUB:
        r = x - y;
        break;
    case FN_MUL:
        r = x * y;
        break;
    case FN_DIV:
        r = x / y;
        break;
    case FN_MIN:
    case FN_MAX:
    case FN_SUM:
    case FN_AVG:
    case FN_PRODUCT:
    case FN_MEDIAN: {
        size_t k = 0;
        double acc = e->fn == FN_PRODUCT ? 1.0 : 0.0;
        int all_int = 1;
        for (i = 0; i < n; i++) {
            double v;
            if (argv[i].st == VS_MISSING)
                continue;
            v = argv[i].d;
            if (!is_int(&argv[i]))
                all_int = 0;
            if (e->fn == FN_MEDIAN) {
                argv[k].d = v;
            } else if (k == 0 && (e->fn == FN_MIN || e->fn == FN_MAX)) {
                acc = v;
            } else if (e->fn == FN_MIN) {
                acc = v < acc ? v : acc;
            } else if (e->fn == FN_MAX) {
                acc = v > acc ? v : acc;
            } else if (e->fn == FN_PRODUCT) {
                acc *= v;
            } else {
                acc += v;
            }
            k++;
        }
        if (k == 0)
            return VS_MISSING;
        if (e->fn == FN_AVG) {
            r = acc / (double)k;
        } else if (e->fn == FN_MEDIAN) {
            /* the k present values were moved to argv[0..k) */
            qsort(argv, k, sizeof *argv, cmp_pv_num);
            r = k % 2 ? argv[k / 2].d : (argv[k / 2 - 1].d + argv[k / 2].d) / 2.0;
        } else {
            r = acc;
            if (!all_int)
                dt = PMML_TYPE_DOUBLE;
        }
        break;
    }
    case FN_LOG10:
        r = log10(x);
        break;
    case FN_LN:
        r = log(x);
        break;
    case FN_SQRT:
        r = sqrt(x);
        break;
    case FN_ABS:
        r = fabs(x);
        break;
    case FN_EXP:
        r = exp(x);
        break;
    case FN_POW:
        /* pow(0, 0) = 1 (PMML 4.1 changes) */
        r = pow(x, y);
        if (dt == PMML_TYPE_INTEGER && !(r == floor(r) && fabs(r) < 9007199254740992.0))
            dt = PMML_TYPE_DOUBLE;
        break;
    case FN_THRESHOLD:
        r = x > y ? 1.0 : 0.0;
        break;
    case FN_FLOOR:
        r = floor(x);
        break;
    case FN_CEIL:
        r = ceil(x);
        break;
    case FN_ROUND:
        /* half up, as Java's Math.round: floor(x + 0.5) */
        r = floor(x + 0.5);
        if (x + 0.5 == floor(x + 0.5) && x != floor(x) && fabs(x) > 4503599627370496.0)
            r = x;
        break;
    case FN_MODULO:
        /* the sign of the divisor: x - y * floor(x / y) */
        r = x - y * floor(x / y);
        if (y == 0.0)
            return VS_INVALID;
        break;
    case FN_EXPM1:
        r = expm1(x);
        break;
    case FN_HYPOT:
        r = hypot(x, y);
        break;
    case FN_LN1P:
        r = log1p(x);
        break;
    case FN_RINT:
        r = nearbyint(x);
        break;
    case FN_SIN:
        r = sin(x);
        break;
    case FN_ASIN:
        r = asin(x);
        break;
    case FN_SINH:
        r = sinh(x);
        break;
    case FN_COS:
        r = cos(x);
        break;
    case FN_ACOS:
        r = acos(x);
        break;
    case FN_COSH:
        r = cosh(x);
        break;
    case FN_TAN:
        r = tan(x);
        break;
    case FN_ATAN:
        r = atan(x);
        break;
    case FN_TANH:
        r = tanh(x);
        break;
    case FN_ATAN2:
        r = atan2(x, y);
        break;
    case FN_NORMAL_CDF:
        if (!(argv[2].d > 0))
            return VS_INVALID;
        r = std_normal_cdf((x - y) / argv[2].d);
        break;
    case FN_NORMAL_PDF:
        if (!(argv[2].d > 0))
            return VS_INVALID;
        r = std_normal_pdf((x - y) / argv[2].d) / argv[2].d;
        break;
    case FN_STD_NORMAL_CDF:
        r = std_normal_cdf(x);
        break;
    case FN_STD_NORMAL_PDF:
        r = std_normal_pdf(x);
        break;
    case FN_ERF:
        r = erf(x);
        break;
    case FN_NORMAL_IDF:
        if (!(argv[2].d > 0) || !(x > 0 && x < 1))
            return VS_INVALID;
        r = y + argv[2].d * std_normal_idf(x);
        break;
    case FN_STD_NORMAL_IDF:
        if (!(x > 0 && x < 1))
            return VS_INVALID;
        r = std_normal_idf(x);
        break;
    case FN_IS_MISSING:
        *out = pv_num(argv[0].st == VS_MISSING, PMML_TYPE_BOOLEAN);
        return VS_VALID;
    case FN_IS_NOT_MISSING:
        *out = pv_num(argv[0].st != VS_MISSING, PMML_TYPE_BOOLEAN);
        return VS_VALID;
    case FN_IS_VALID:
        *out = pv_num(argv[0].st == VS_VALID, PMML_TYPE_BOOLEAN);
        return VS_VALID;
    case FN_IS_NOT_VALID:
        *out = pv_num(argv[0].st == VS_INVALID, PMML_TYPE_BOOLEAN);
        return VS_VALID;
    case FN_EQUAL:
        *out = pv_num(pm_value_equal(&argv[0], &argv[1]), PMML_TYPE_BOOLEAN);
        return VS_VALID;
    case FN_NOT_EQUAL:
        *out = pv_num(!pm_value_equal(&argv[0], &argv[1]), PMML_TYPE_BOOLEAN);
        return VS_VALID;
    case FN_LESS_THAN:
        *out = pv_num(pm_value_compare(&argv[0], &argv[1]) < 0, PMML_TYPE_BOOLEAN);
        return VS_VALID;
    case FN_LESS_OR_EQUAL:
        *out = pv_num(pm_value_compare(&argv[0], &argv[1]) <= 0, PMML_TYPE_BOOLEAN);
        return VS_VALID;
    case FN_GREATER_THAN:
        *out = pv_num(pm_value_compare(&argv[0], &argv[1]) > 0, PMML_TYPE_BOOLEAN);
        return VS_VALID;
    case FN_GREATER_OR_EQUAL:
        *out = pv_num(pm_value_compare(&argv[0], &argv[1]) >= 0, PMML_TYPE_BOOLEAN);
        return VS_VALID;
    case FN_AND:
    case FN_OR: {
        int acc = e->fn == FN_AND;
        for (i = 0; i < n; i++) {
            int b = argv[i].d != 0.0;
            acc = e->fn == FN_AND ? (acc && b) : (acc || b);
        }
        *out = pv_num(acc, PMML_TYPE_BOOLEAN);
        return VS_VALID;
    }
    case FN_NOT:
        *out = pv_num(x == 0.0, PMML_TYPE_BOOLEAN);
        return VS_VALID;
    case FN_IS_IN:
    case FN_IS_NOT_IN: {
        int found = 0;
        for (i = 1; i < n && !found; i++)
            found = pm_value_equal(&argv[0], &argv[i]);
        *out = pv_num(e->fn == FN_IS_IN ? found : !found, PMML_TYPE_BOOLEAN);
        return VS_VALID;
    }
    case FN_UPPERCASE:
    case FN_LOWERCASE:
    case FN_TRIM_BLANKS:
    case FN_SUBSTRING: {
        char buf[PM_NUMBUF];
        const char *s;
        size_t len, a = 0, b;
        char *p;
        text_of(&argv[0], buf, &s, &len);
        b = len;
        if (e->fn == FN_TRIM_BLANKS) {
            /* Java's trim(): every character up to U+0020 */
            while (a < b && (unsigned char)s[a] <= 0x20)
                a++;
            while (b > a && (unsigned char)s[b - 1] <= 0x20)
                b--;
            *out = pm_make_string(sc, s + a, b - a);
            return out->st;
        }
        if (e->fn == FN_SUBSTRING) {
            /* 1-based start, a length in characters; clamped to the text */
            double start = argv[1].d, count = argv[2].d;
            if (!(start >= 1 && count >= 0 && start == floor(start) && count == floor(count)))
                return VS_INVALID;
            a = utf8_offset(s, len, (size_t)fmin(start - 1, (double)len));
            b = a + utf8_offset(s + a, len - a, (size_t)fmin(count, (double)len));
            *out = pm_make_string(sc, s + a, b - a);
            return out->st;
        }
        p = pm_scratch_str(sc, len + 1);
        if (!p)
            return VS_INVALID;
        for (i = 0; i < len; i++) {
            char ch = s[i];
            if (e->fn == FN_UPPERCASE && ch >= 'a' && ch <= 'z')
                ch = (char)(ch - 'a' + 'A');
            else if (e->fn == FN_LOWERCASE && ch >= 'A' && ch <= 'Z')
                ch = (char)(ch - 'A' + 'a');
            p[i] = ch;
        }
        *out = pm_make_string(sc, p, len);
        return out->st;
    }
    case FN_CONCAT: {
        size_t total = 0, off = 0;
        char *p;
        char buf[PM_NUMBUF];
        const char *s;
        size_t len;
        for (i = 0; i < n; i++) {
            if (argv[i].st == VS_MISSING)
                continue;
            total += pm_value_text(&argv[i], buf, &s);
        }
        p = pm_scratch_str(sc, total + 1);
        if (!p)
            return VS_INVALID;
        for (i = 0; i < n; i++) {
            if (argv[i].st == VS_MISSING)
                continue;
            len = pm_value_text(&argv[i], buf, &s);
            memcpy(p + off, s, len);
            off += len;
        }
        *out = pm_make_string(sc, p, total);
        return out->st;
    }
    case FN_STRING_LENGTH: {
        char buf[PM_NUMBUF];
        const char *s;
        size_t len;
        text_of(&argv[0], buf, &s, &len);
        *out = pv_num((double)utf8_length(s, len), PMML_TYPE_INTEGER);
        return VS_VALID;
    }
    case FN_MATCHES:
    case FN_REPLACE: {
        char buf[PM_NUMBUF];
        const char *s;
        size_t len;
        int rc;
        text_of(&argv[0], buf, &s, &len);
        if (!sc->match)
            return VS_INVALID;
        if (e->fn == FN_MATCHES) {
            rc = pcre2_match(e->aux, (PCRE2_SPTR)s, len, 0, 0, sc->match, sc->mctx);
            if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
                return VS_INVALID;
            *out = pv_num(rc >= 0, PMML_TYPE_BOOLEAN);
            return VS_VALID;
        } else {
            char rbuf[PM_NUMBUF];
            const char *repl;
            size_t rlen = pm_value_text(&argv[2], rbuf, &repl);
            PCRE2_SIZE cap = len * 2 + rlen + 64;
            for (;;) {
                PCRE2_SIZE outlen = cap;
                char *p = pm_scratch_str(sc, cap);
                if (!p)
                    return VS_INVALID;
                rc = pcre2_substitute(e->aux, (PCRE2_SPTR)s, len, 0,
                                      PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH,
                                      sc->match, sc->mctx, (PCRE2_SPTR)repl, rlen,
                                      (PCRE2_UCHAR *)p, &outlen);
                if (rc >= 0) {
                    *out = pm_make_string(sc, p, outlen);
                    return out->st;
                }
                if (rc != PCRE2_ERROR_NOMEMORY || outlen <= cap || outlen > ((size_t)1 << 30))
                    return VS_INVALID;
                cap = outlen;
            }
        }
    }
    case FN_FORMAT_NUMBER: {
        char buf[PM_NUMBUF], res[512];
        const char *pat;
        size_t plen = pm_value_text(&argv[1], buf, &pat);
        int k;
        if (pm_type_is_string(argv[0].t))
            return VS_INVALID;
        k = format_number(res, sizeof res, pat, plen, x, is_int(&argv[0]));
        if (k < 0)
            return VS_INVALID;
        *out = pm_make_string(sc, res, (size_t)k);
        return out->st;
    }
    case FN_FORMAT_DATETIME: {
        char buf[PM_NUMBUF], res[512];
        const char *pat;
        size_t plen = pm_value_text(&argv[1], buf, &pat);
        int k = format_datetime(res, sizeof res, &argv[0], pat, plen);
        if (k < 0)
            return VS_INVALID;
        *out = pm_make_string(sc, res, (size_t)k);
        return out->st;
    }
    case FN_DATE_DAYS_SINCE_YEAR:
    case FN_DATE_SECONDS_SINCE_YEAR: {
        double secs;
        int is_time;
        if (seconds_of(&argv[0], &is_time, &secs) != 0 || is_time ||
            pm_type_is_string(argv[1].t) || y != floor(y) || fabs(y) > 100000)
            return VS_INVALID;
        secs -= (double)pm_days_from_civil((int64_t)y, 1, 1) * 86400.0;
        r = e->fn == FN_DATE_DAYS_SINCE_YEAR ? floor(secs / 86400.0) : floor(secs);
        break;
    }
    case FN_DATE_SECONDS_SINCE_MIDNIGHT: {
        double secs;
        int is_time;
        if (seconds_of(&argv[0], &is_time, &secs) != 0)
            return VS_INVALID;
        r = floor(secs - floor(secs / 86400.0) * 86400.0);
        break;
    }
    default:
        return VS_INVALID;
    }
    *out = pv_num(r, dt);
    if (isnan(r)) {
        for (i = 0; i < n; i++)
            if (argv[i].st != VS_MISSING && isnan(argv[i].d))
                break;
        if (i == n)
            return VS_INVALID; /* a domain error: ln(-1), sqrt(-1), 0/0 */
    }
    return VS_VALID;
}

static void finish(const pl_expr *e, pm_scratch *sc, int st, pv *out)
{
    if (st == VS_INVALID) {
        switch (e->invalid_treatment) {
        case INVALID_AS_MISSING:
            st = VS_MISSING;
            break;
        case INVALID_AS_IS:
            /* the raw result (NaN from a domain error) is passed on */
            if (out->st == VS_VALID || out->st == VS_INVALID) {
                out->st = VS_VALID;
                return;
            }
            st = VS_MISSING;
            break;
        default: {
            const pm_fninfo *fi = pm_function_info(e->fn);
            pm_row_error(sc, PMML_ERR_INVALID_VALUE, "the function '%s' has no valid result",
                         fi ? fi->name : "(DefineFunction)");
            *out = pv_missing();
            out->st = VS_INVALID;
            return;
        }
        }
    }
    if (st == VS_MISSING)
        *out = e->has_default ? e->dflt : pv_missing();
}

static void eval_apply(const pl_expr *e, pm_scratch *sc, pv *out)
{
    const pm_fninfo *fi;
    pv local[LOCAL_ARGS];
    pv *argv = local;
    size_t n = e->nargs, i, base = sc->stack_top;
    int any_missing = 0, st;

    if (e->fn == FN_IF) {
        pv cond;
        pm_eval_expr(e->args[0], sc, &cond);
        if (cond.st == VS_MISSING) {
            *out = e->has_map_missing ? e->map_missing : e->has_default ? e->dflt : pv_missing();
            return;
        }
        if (cond.d != 0.0)
            pm_eval_expr(e->args[1], sc, out);
        else if (n > 2)
            pm_eval_expr(e->args[2], sc, out);
        else
            *out = pv_missing();
        if (out->st == VS_MISSING)
            *out = e->has_map_missing ? e->map_missing : e->has_default ? e->dflt : pv_missing();
        else if (out->t != e->dt && e->dt)
            pm_cast(sc, out, e->dt);
        return;
    }
    if (n > LOCAL_ARGS) {
        if (sc->stack_top + n > sc->stack_cap) {
            pm_row_error(sc, PMML_ERR_LIMIT, "expression nesting exceeds the scorer's stack");
            *out = pv_missing();
            out->st = VS_INVALID;
            return;
        }
        argv = sc->stack + sc->stack_top;
        sc->stack_top += n;
    }
    for (i = 0; i < n; i++) {
        pm_eval_expr(e->args[i], sc, &argv[i]);
        if (argv[i].st == VS_MISSING)
            any_missing = 1;
    }
    fi = pm_function_info(e->fn);
    if (any_missing && e->has_map_missing) {
        *out = e->map_missing;
    } else if (any_missing && !fi->takes_missing) {
        *out = pv_missing();
        finish(e, sc, VS_MISSING, out);
    } else {
        *out = pv_missing();
        st = call_builtin(e, sc, argv, n, out);
        finish(e, sc, st, out);
    }
    sc->stack_top = base;
}

static void eval_call(const pl_expr *e, pm_scratch *sc, pv *out)
{
    const int *types = e->aux;
    pv local[LOCAL_ARGS];
    pv *argv = local;
    size_t i, n = e->nargs, base = sc->stack_top;
    int any_missing = 0;
    /* every argument is evaluated before any parameter is bound: an argument
     * may itself call the same function */
    if (n > LOCAL_ARGS) {
        if (sc->stack_top + n > sc->stack_cap) {
            pm_row_error(sc, PMML_ERR_LIMIT, "expression nesting exceeds the scorer's stack");
            *out = pv_missing();
            out->st = VS_INVALID;
            return;
        }
        argv = sc->stack + sc->stack_top;
        sc->stack_top += n;
    }
    for (i = 0; i < n; i++) {
        pm_eval_expr(e->args[i], sc, &argv[i]);
        if (argv[i].st == VS_MISSING)
            any_missing = 1;
        pm_cast_or_fail(sc, &argv[i], types[i], "ParameterField of", "DefineFunction");
    }
    for (i = 0; i < n; i++)
        sc->vals[e->arg_slots[i]] = argv[i];
    sc->stack_top = base;
    if (any_missing && e->has_map_missing) {
        *out = e->map_missing;
        return;
    }
    pm_eval_expr(e->body, sc, out);
    if (out->st == VS_MISSING) {
        if (e->has_default)
            *out = e->dflt;
        return;
    }
    pm_cast(sc, out, e->dt);
}

/* Aggregate: the group so far (see update_aggregates in eval_model.c).  As
 * in SQL, count is 0 and sum, average, min and max are missing for a group
 * without a value; a row without a group (a missing groupField) gives a
 * missing value. */
static void eval_aggregate(const pl_expr *e, pm_scratch *sc, pv *out)
{
    const pm_aggstate *st = &sc->aggs[e->slot];
    int fn = sc->model->aggs[e->slot].function;
    *out = pv_missing();
    if (st->kind && fn == AGG_COUNT)
        *out = pv_num((double)st->n, PMML_TYPE_INTEGER);
    else if (st->kind && st->n)
        *out = pv_num(fn == AGG_SUM       ? st->sum
                      : fn == AGG_AVERAGE ? st->sum / (double)st->n
                      : fn == AGG_MIN     ? st->min
                                          : st->max,
                      e->dt);
    if (out->st == VS_MISSING && e->has_map_missing)
        *out = e->map_missing;
}

void pm_eval_expr(const pl_expr *e, pm_scratch *sc, pv *out)
{
    const pv *x;
    size_t i;
    switch (e->op) {
    case EOP_CONST:
        *out = e->k;
        return;
    case EOP_FIELD:
        *out = sc->vals[e->slot];
        if (out->st == VS_MISSING && e->has_map_missing)
            *out = e->map_missing;
        return;
    case EOP_NORMCONT: {
        double d;
        x = &sc->vals[e->slot];
        if (x->st == VS_MISSING) {
            *out = e->has_map_missing ? e->map_missing : pv_missing();
            return;
        }
        if (number_of(x, &d) != 0) {
            *out = pv_missing();
            out->st = VS_INVALID;
            return;
        }
        eval_normcont(e, d, out);
        return;
    }
    case EOP_NORMDISC:
        x = &sc->vals[e->slot];
        if (x->st == VS_MISSING) {
            *out = e->has_map_missing ? e->map_missing : pv_missing();
            return;
        }
        *out = pv_num(pm_value_equal(x, &e->k) ? 1.0 : 0.0, PMML_TYPE_DOUBLE);
        return;
    case EOP_DISCRETIZE: {
        double d;
        x = &sc->vals[e->slot];
        if (x->st == VS_MISSING) {
            *out = e->has_map_missing ? e->map_missing : pv_missing();
            return;
        }
        if (number_of(x, &d) != 0) {
            *out = e->has_default ? e->dflt : pv_missing();
            return;
        }
        for (i = 0; i < e->nbins; i++) {
            if (interval_contains(&e->bins[i].iv, d)) {
                *out = e->bins[i].value;
                return;
            }
        }
        *out = e->has_default ? e->dflt : pv_missing();
        return;
    }
    case EOP_MAPVALUES:
        eval_mapvalues(e, sc, out);
        return;
    case EOP_APPLY:
        eval_apply(e, sc, out);
        return;
    case EOP_CALL:
        eval_call(e, sc, out);
        return;
    case EOP_TEXTINDEX:
        pm_eval_textindex(e, sc, out);
        return;
    case EOP_LAG:
        *out = sc->lag_out[e->slot];
        if (out->st == VS_MISSING && e->has_map_missing)
            *out = e->map_missing;
        return;
    case EOP_AGGREGATE:
        eval_aggregate(e, sc, out);
        return;
    }
    *out = pv_missing();
}
