/* helpers.c - loading models from strings and scoring single rows. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests.h"

char *t_pmml(const char *body)
{
    static const char head[] = "<?xml version=\"1.0\"?>\n"
                               "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">\n"
                               "<Header/>\n";
    static const char tail[] = "</PMML>\n";
    size_t n = strlen(head) + strlen(body) + strlen(tail) + 1;
    char *s = malloc(n);
    ck_assert_ptr_nonnull(s);
    snprintf(s, n, "%s%s%s", head, body, tail);
    return s;
}

pmml_model *t_load(const char *doc, int expect, pmml_error *err)
{
    pmml_model *m = NULL;
    pmml_error local;
    int rc;
    if (!err)
        err = &local;
    rc = pmml_model_load_memory(&m, doc, strlen(doc), "test.pmml", NULL, err);
    if (expect == PMML_OK) {
        ck_assert_msg(rc == PMML_OK, "load failed: %d line %d: %s", rc, err->line, err->message);
        ck_assert_ptr_nonnull(m);
    } else {
        ck_assert_msg(rc == expect, "expected load status %d, got %d (%s)", expect, rc,
                      rc == PMML_OK ? "" : err->message);
        ck_assert_ptr_null(m);
    }
    return m;
}

char *t_score(const pmml_model *m, const char *row)
{
    pmml_column cols[64];
    const char *vals[64];
    char names[64][128];
    char valbuf[64][256];
    size_t n = 0, i, nout;
    const char *p = row;
    pmml_scorer *s = NULL;
    pmml_error err;
    pmml_result res[64];
    const char *outs[64];
    uint8_t valid[64];
    int status = 0;
    char *out;
    size_t cap = 4096, len = 0;

    while (p && *p) {
        const char *end = strchr(p, ';');
        const char *eq = strchr(p, '=');
        size_t nl, vl;
        pmml_column init = PMML_COLUMN_INIT;
        if (!end)
            end = p + strlen(p);
        if (eq && eq < end) {
            nl = (size_t)(eq - p);
            vl = (size_t)(end - eq - 1);
        } else {
            nl = (size_t)(end - p);
            vl = 0;
            eq = NULL;
        }
        ck_assert(n < 64 && nl < 128 && vl < 256);
        memcpy(names[n], p, nl);
        names[n][nl] = '\0';
        if (eq) {
            memcpy(valbuf[n], eq + 1, vl);
            valbuf[n][vl] = '\0';
        }
        vals[n] = eq && vl ? valbuf[n] : NULL;
        cols[n] = init;
        cols[n].type = PMML_COL_STRING;
        cols[n].name = names[n];
        cols[n].data = &vals[n];
        n++;
        p = *end ? end + 1 : NULL;
    }
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, n, &err), PMML_OK);
    nout = pmml_model_output_count(m);
    ck_assert(nout < 64);
    for (i = 0; i < nout; i++) {
        pmml_result init = PMML_RESULT_INIT;
        res[i] = init;
        res[i].type = PMML_COL_STRING;
        res[i].data = &outs[i];
        res[i].valid = &valid[i];
    }
    ck_assert_int_eq(pmml_scorer_score(s, cols, 1, res, &status), PMML_OK);
    out = malloc(cap);
    ck_assert_ptr_nonnull(out);
    out[0] = '\0';
    if (status != PMML_OK) {
        const char *msg = pmml_scorer_message(s, 0);
        snprintf(out, cap, "!%d: %s", status, msg ? msg : "");
    } else {
        for (i = 0; i < nout; i++) {
            int k = snprintf(out + len, cap - len, "%s%s=%s", i ? ";" : "",
                             pmml_model_output_name(m, i), valid[i] ? outs[i] : "");
            ck_assert(k > 0 && (size_t)k < cap - len);
            len += (size_t)k;
        }
    }
    pmml_scorer_free(s);
    return out;
}

char *t_score_doc(const char *doc, const char *row)
{
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    char *r = t_score(m, row);
    pmml_model_free(m);
    return r;
}

const char *t_get(const char *scored, const char *name, char *buf, size_t cap)
{
    size_t nl = strlen(name);
    const char *p = scored;
    buf[0] = '\0';
    while (p && *p) {
        const char *end = strchr(p, ';');
        if (!end)
            end = p + strlen(p);
        if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
            size_t vl = (size_t)(end - p - nl - 1);
            if (vl >= cap)
                vl = cap - 1;
            memcpy(buf, p + nl + 1, vl);
            buf[vl] = '\0';
            return buf;
        }
        p = *end ? end + 1 : NULL;
    }
    return buf;
}

double t_num(const char *scored, const char *name)
{
    char buf[128];
    t_get(scored, name, buf, sizeof buf);
    if (!buf[0])
        return NAN;
    return strtod(buf, NULL);
}
