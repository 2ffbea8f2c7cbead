/* datetime.c - ISO-8601 dates and times as numbers. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmml.h"
#include "util/datetime.h"

/* Howard Hinnant's days_from_civil: exact for any year in range. */
int64_t pm_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    int64_t era;
    unsigned yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void pm_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t era;
    unsigned doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2);
}

int pm_type_is_temporal(int t)
{
    return t >= PMML_TYPE_DATE && t <= PMML_TYPE_DATETIME_SECONDS_SINCE_1980;
}

int pm_type_epoch_year(int t)
{
    switch (t) {
    case PMML_TYPE_DATE_DAYS_SINCE_0:
    case PMML_TYPE_DATETIME_SECONDS_SINCE_0:
        return 0;
    case PMML_TYPE_DATE_DAYS_SINCE_1960:
    case PMML_TYPE_DATETIME_SECONDS_SINCE_1960:
        return 1960;
    case PMML_TYPE_DATE_DAYS_SINCE_1970:
    case PMML_TYPE_DATETIME_SECONDS_SINCE_1970:
        return 1970;
    case PMML_TYPE_DATE_DAYS_SINCE_1980:
    case PMML_TYPE_DATETIME_SECONDS_SINCE_1980:
        return 1980;
    }
    return -1;
}

static int is_days_type(int t)
{
    return t == PMML_TYPE_DATE || (t >= PMML_TYPE_DATE_DAYS_SINCE_0 && t <= PMML_TYPE_DATE_DAYS_SINCE_1980);
}

static int is_seconds_type(int t)
{
    return t == PMML_TYPE_DATETIME ||
           (t >= PMML_TYPE_DATETIME_SECONDS_SINCE_0 && t <= PMML_TYPE_DATETIME_SECONDS_SINCE_1980);
}

static int is_time_type(int t)
{
    return t == PMML_TYPE_TIME || t == PMML_TYPE_TIME_SECONDS;
}

/* Reads exactly n digits. */
static int digits(const char *s, size_t len, size_t *i, size_t n, long *out)
{
    long v = 0;
    size_t k;
    if (*i + n > len)
        return -1;
    for (k = 0; k < n; k++) {
        char c = s[*i + k];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    *i += n;
    *out = v;
    return 0;
}

static int parse_date(const char *s, size_t len, size_t *i, int64_t *days)
{
    long y, m, d;
    int neg = 0;
    size_t start;
    if (*i < len && s[*i] == '-') {
        neg = 1;
        (*i)++;
    }
    start = *i;
    while (*i < len && s[*i] >= '0' && s[*i] <= '9')
        (*i)++;
    if (*i - start < 4 || *i - start > 9)
        return -1;
    {
        size_t j = start;
        if (digits(s, len, &j, *i - start, &y) != 0)
            return -1;
    }
    if (neg)
        y = -y;
    if (*i >= len || s[(*i)++] != '-' || digits(s, len, i, 2, &m) != 0 || *i >= len ||
        s[(*i)++] != '-' || digits(s, len, i, 2, &d) != 0)
        return -1;
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    {
        static const unsigned mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if ((unsigned)d > mdays[m - 1] + (m == 2 && leap))
            return -1;
    }
    *days = pm_days_from_civil(y, (unsigned)m, (unsigned)d);
    return 0;
}

static int parse_time(const char *s, size_t len, size_t *i, double *secs)
{
    long h, mi, se;
    double frac = 0.0;
    if (digits(s, len, i, 2, &h) != 0 || *i >= len || s[(*i)++] != ':' ||
        digits(s, len, i, 2, &mi) != 0)
        return -1;
    se = 0;
    if (*i < len && s[*i] == ':') {
        (*i)++;
        if (digits(s, len, i, 2, &se) != 0)
            return -1;
        if (*i < len && s[*i] == '.') {
            double scale = 0.1;
            (*i)++;
            if (*i >= len || s[*i] < '0' || s[*i] > '9')
                return -1;
            while (*i < len && s[*i] >= '0' && s[*i] <= '9') {
                frac += (s[*i] - '0') * scale;
                scale /= 10;
                (*i)++;
            }
        }
    }
    if (h > 24 || mi > 59 || se > 60 || (h == 24 && (mi || se || frac > 0)))
        return -1;
    *secs = (double)(h * 3600 + mi * 60 + se) + frac;
    return 0;
}

int pm_parse_temporal(const char *s, size_t len, int t, double *out)
{
    size_t i = 0;
    int64_t days = 0;
    double secs = 0.0;
    int year = pm_type_epoch_year(t);
    while (len && (*s == ' ' || *s == '\t'))
        s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len && s[len - 1] == 'Z')
        len--;
    if (is_days_type(t)) {
        if (parse_date(s, len, &i, &days) != 0 || i != len)
            goto number;
        *out = (double)days - (t == PMML_TYPE_DATE ? 0 : (double)pm_days_from_civil(year, 1, 1));
        return 0;
    }
    if (is_time_type(t)) {
        if (parse_time(s, len, &i, &secs) != 0 || i != len)
            goto number;
        *out = secs;
        return 0;
    }
    if (is_seconds_type(t)) {
        if (parse_date(s, len, &i, &days) != 0)
            goto number;
        if (i < len) {
            if (s[i] != 'T' && s[i] != ' ')
                return -1;
            i++;
            if (parse_time(s, len, &i, &secs) != 0 || i != len)
                return -1;
        }
        *out = (double)days * 86400.0 + secs -
               (t == PMML_TYPE_DATETIME ? 0 : (double)pm_days_from_civil(year, 1, 1) * 86400.0);
        return 0;
    }
    return -1;
number:
    /* the "since" and seconds types also take their number directly */
    if (t != PMML_TYPE_DATE && t != PMML_TYPE_TIME && t != PMML_TYPE_DATETIME && len && len < 40) {
        char buf[48], *end;
        double v;
        memcpy(buf, s, len);
        buf[len] = '\0';
        v = strtod(buf, &end);
        if (end == buf + len && isfinite(v)) {
            *out = v;
            return 0;
        }
    }
    return -1;
}

static size_t format_time(char *buf, size_t cap, double secs)
{
    double whole = floor(secs);
    long s = (long)whole;
    double frac = secs - whole;
    int n = snprintf(buf, cap, "%02ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
    if (frac > 0.0 && n > 0 && (size_t)n < cap) {
        char f[32];
        snprintf(f, sizeof f, "%.9f", frac);
        /* trim trailing zeros of the fraction */
        {
            size_t k = strlen(f);
            while (k > 2 && f[k - 1] == '0')
                f[--k] = '\0';
        }
        n += snprintf(buf + n, cap - (size_t)n, "%s", f + 1);
    }
    return n > 0 ? (size_t)n : 0;
}

size_t pm_format_temporal(char *buf, double v, int t)
{
    int64_t y;
    unsigned m, d;
    int n;
    if (!isfinite(v))
        return (size_t)snprintf(buf, 64, "%s", isnan(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
    if (t == PMML_TYPE_DATE) {
        pm_civil_from_days((int64_t)floor(v), &y, &m, &d);
        return (size_t)snprintf(buf, 64, "%04lld-%02u-%02u", (long long)y, m, d);
    }
    if (t == PMML_TYPE_TIME)
        return format_time(buf, 64, v);
    if (t == PMML_TYPE_DATETIME) {
        double days = floor(v / 86400.0);
        pm_civil_from_days((int64_t)days, &y, &m, &d);
        n = snprintf(buf, 64, "%04lld-%02u-%02uT", (long long)y, m, d);
        return (size_t)n + format_time(buf + n, 64 - (size_t)n, v - days * 86400.0);
    }
    if (v == floor(v) && fabs(v) < 9e15)
        return (size_t)snprintf(buf, 64, "%.0f", v);
    return (size_t)snprintf(buf, 64, "%.17g", v);
}

int pm_temporal_seconds(double v, int t, double *out)
{
    int year = pm_type_epoch_year(t);
    if (is_time_type(t)) {
        *out = v;
        return 0;
    }
    if (t == PMML_TYPE_DATE) {
        *out = v * 86400.0;
        return 0;
    }
    if (t == PMML_TYPE_DATETIME) {
        *out = v;
        return 0;
    }
    if (is_days_type(t)) {
        *out = (v + (double)pm_days_from_civil(year, 1, 1)) * 86400.0;
        return 0;
    }
    if (is_seconds_type(t)) {
        *out = v + (double)pm_days_from_civil(year, 1, 1) * 86400.0;
        return 0;
    }
    return -1;
}

int pm_convert_temporal(double v, int from, int to, double *out)
{
    double secs;
    int year = pm_type_epoch_year(to);
    if (from == to) {
        *out = v;
        return 0;
    }
    if (is_time_type(from) != is_time_type(to))
        return -1;
    if (is_time_type(from)) {
        *out = v;
        return 0;
    }
    if (pm_temporal_seconds(v, from, &secs) != 0)
        return -1;
    if (to == PMML_TYPE_DATE) {
        *out = floor(secs / 86400.0);
    } else if (to == PMML_TYPE_DATETIME) {
        *out = secs;
    } else if (is_days_type(to)) {
        *out = floor(secs / 86400.0) - (double)pm_days_from_civil(year, 1, 1);
    } else if (is_seconds_type(to)) {
        *out = secs - (double)pm_days_from_civil(year, 1, 1) * 86400.0;
    } else {
        return -1;
    }
    return 0;
}
