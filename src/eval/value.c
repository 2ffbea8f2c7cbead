/* value.c - converting values between PMML dataTypes. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "eval/eval.h"
#include "eval/value.h"
#include "util/datetime.h"
#include "util/num.h"

pv pm_make_string(pm_scratch *sc, const char *s, size_t len)
{
    pv v = pv_missing();
    char *p;
    int32_t id = pm_strtab_find(&sc->model->strings, s, len);
    v.st = VS_VALID;
    v.t = PMML_TYPE_STRING;
    v.len = (uint32_t)len;
    v.id = id;
    if (id >= 0) {
        v.s = sc->model->strings.str[id];
        return v;
    }
    p = pm_scratch_str(sc, len + 1);
    if (!p) {
        pm_row_error(sc, PMML_ERR_NOMEM, "out of memory");
        v.st = VS_INVALID;
        return v;
    }
    memcpy(p, s, len);
    p[len] = '\0';
    v.s = p;
    return v;
}

size_t pm_value_text(const pv *v, char *buf, const char **out)
{
    size_t n;
    switch (v->t) {
    case PMML_TYPE_STRING:
        *out = v->s;
        return v->len;
    case PMML_TYPE_BOOLEAN:
        *out = v->d != 0.0 ? "true" : "false";
        return strlen(*out);
    case PMML_TYPE_INTEGER:
        n = pm_format_integer(buf, v->d);
        break;
    case PMML_TYPE_DATE:
    case PMML_TYPE_TIME:
    case PMML_TYPE_DATETIME:
        n = pm_format_temporal(buf, v->d, v->t);
        break;
    case PMML_TYPE_FLOAT:
        n = pm_format_java_float(buf, (float)v->d);
        break;
    default:
        n = pm_format_java_double(buf, v->d);
        break;
    }
    *out = buf;
    return n;
}

int pm_cast(pm_scratch *sc, pv *v, int datatype)
{
    double d;
    if (v->st == VS_MISSING || datatype == PMML_TYPE_UNKNOWN || v->t == datatype)
        return 0;
    switch (datatype) {
    case PMML_TYPE_STRING: {
        char buf[PM_NUMBUF];
        const char *s;
        size_t n = pm_value_text(v, buf, &s);
        uint8_t st = v->st;
        *v = pm_make_string(sc, s, n);
        if (v->st == VS_VALID)
            v->st = st;
        return v->st == VS_INVALID && st != VS_INVALID ? -1 : 0;
    }
    case PMML_TYPE_INTEGER:
        if (v->t == PMML_TYPE_STRING) {
            if (pm_parse_integer(v->s, v->len, &d) != 0)
                goto invalid;
            v->d = d;
        } else if (!(isfinite(v->d) && v->d == floor(v->d))) {
            goto invalid;
        }
        break;
    case PMML_TYPE_FLOAT:
    case PMML_TYPE_DOUBLE:
        if (v->t == PMML_TYPE_STRING) {
            if (pm_parse_double(v->s, v->len, &d, NULL) != 0)
                goto invalid;
            v->d = d;
        }
        if (datatype == PMML_TYPE_FLOAT)
            v->d = (double)(float)v->d;
        break;
    case PMML_TYPE_BOOLEAN:
        if (v->t == PMML_TYPE_STRING) {
            if (pm_parse_boolean(v->s, v->len, &d) != 0)
                goto invalid;
            v->d = d;
        } else if (v->d != 0.0 && v->d != 1.0) {
            goto invalid;
        }
        break;
    default:
        if (v->t == PMML_TYPE_STRING) {
            if (pm_parse_temporal(v->s, v->len, datatype, &d) != 0)
                goto invalid;
            v->d = d;
        } else if (pm_type_is_temporal(v->t)) {
            if (pm_convert_temporal(v->d, v->t, datatype, &d) != 0)
                goto invalid;
            v->d = d;
        }
        /* another number is taken in the target type's own units */
        break;
    }
    v->t = (uint8_t)datatype;
    v->s = NULL;
    v->len = 0;
    v->id = -1;
    return 0;
invalid:
    v->st = VS_INVALID;
    return -1;
}

void pm_cast_or_fail(pm_scratch *sc, pv *v, int datatype, const char *what, const char *name)
{
    char buf[PM_NUMBUF];
    const char *s;
    size_t n;
    pv orig = *v;
    if (pm_cast(sc, v, datatype) == 0)
        return;
    n = pm_value_text(&orig, buf, &s);
    pm_row_error(sc, PMML_ERR_INVALID_VALUE, "%s '%s': '%.*s' cannot be read as %s", what, name,
                 (int)(n > 80 ? 80 : n), s, pmml_datatype_name(datatype));
}

int pm_value_equal(const pv *a, const pv *b)
{
    int sa = pm_type_is_string(a->t), sb = pm_type_is_string(b->t);
    if (sa && sb) {
        if (a->id >= 0 && b->id >= 0)
            return a->id == b->id;
        return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
    }
    if (sa || sb) {
        char buf[PM_NUMBUF];
        const pv *str = sa ? a : b, *num = sa ? b : a;
        const char *s;
        size_t n = pm_value_text(num, buf, &s);
        return str->len == n && memcmp(str->s, s, n) == 0;
    }
    return a->d == b->d;
}

int pm_value_compare(const pv *a, const pv *b)
{
    int sa = pm_type_is_string(a->t), sb = pm_type_is_string(b->t);
    if (sa || sb) {
        char ba[PM_NUMBUF], bb[PM_NUMBUF];
        const char *x, *y;
        size_t nx = pm_value_text(a, ba, &x), ny = pm_value_text(b, bb, &y);
        size_t n = nx < ny ? nx : ny;
        int c = memcmp(x, y, n);
        if (c)
            return c < 0 ? -1 : 1;
        return nx < ny ? -1 : nx > ny;
    }
    return a->d < b->d ? -1 : a->d > b->d;
}
