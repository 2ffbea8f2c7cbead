/* verify.c - checking a model against its embedded ModelVerification. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "util/alloc.h"
#include "util/num.h"

/* Equal within the field's precision: relative, or absolute near zero
 * (PMML 4.4 Model Verification). */
static int same(const char *expected, const char *actual, double precision, double zero)
{
    double e, a;
    size_t el = strlen(expected), al = strlen(actual);
    if (!el || !al)
        return !el && !al;
    if (pm_parse_double(expected, el, &e, NULL) == 0 &&
        pm_parse_double(actual, al, &a, NULL) == 0) {
        if (isnan(e) || isnan(a))
            return isnan(e) && isnan(a);
        if (fabs(e) <= zero)
            return fabs(a) <= zero;
        return fabs(a - e) <= precision * fabs(e);
    }
    if ((strcmp(expected, "true") == 0 && strcmp(actual, "1") == 0) ||
        (strcmp(expected, "false") == 0 && strcmp(actual, "0") == 0))
        return 1;
    return strcmp(expected, actual) == 0;
}

int pmml_model_verify(const pmml_model *model, pmml_mismatch_fn report, void *payload,
                      size_t *records, size_t *mismatches)
{
    const pl_verification *v;
    const pmml_allocator *al;
    pmml_column *cols = NULL;
    pmml_strview *cells = NULL;
    pmml_result *res = NULL;
    const char **out = NULL;
    int *status = NULL;
    long *field_col = NULL;
    pmml_scorer *s = NULL;
    size_t nin = 0, nout, n, r, i, bad = 0;
    int rc = PMML_OK;

    if (records)
        *records = 0;
    if (mismatches)
        *mismatches = 0;
    if (!model)
        return PMML_ERR_ARG;
    v = model->verification;
    if (!v)
        return PMML_ERR_PMML;
    al = &model->al;
    n = v->nrecords;
    nout = model->ncolumns;
    cols = pm_calloc(al, v->nfields + 1, sizeof *cols);
    cells = pm_calloc(al, (n ? n : 1) * (v->nfields + 1), sizeof *cells);
    res = pm_calloc(al, nout + 1, sizeof *res);
    out = pm_calloc(al, (n ? n : 1) * (nout + 1), sizeof *out);
    status = pm_calloc(al, n + 1, sizeof *status);
    field_col = pm_calloc(al, v->nfields + 1, sizeof *field_col);
    if (!cols || !cells || !res || !out || !status || !field_col) {
        rc = PMML_ERR_NOMEM;
        goto done;
    }
    /* inputs: the verification fields that feed the model */
    for (i = 0; i < v->nfields; i++) {
        field_col[i] = -1;
        if (pmml_model_input_index(model, v->fields[i]) < 0)
            continue;
        cols[nin].version = PMML_COLUMN_VERSION;
        cols[nin].type = PMML_COL_STRVIEW;
        cols[nin].name = v->fields[i];
        cols[nin].data = cells + nin;
        cols[nin].stride = v->nfields * sizeof *cells;
        for (r = 0; r < n; r++) {
            const char *c = v->cells[r * v->nfields + i];
            cells[r * v->nfields + nin].ptr = c && *c ? c : NULL;
            cells[r * v->nfields + nin].len = c ? strlen(c) : 0;
        }
        nin++;
    }
    for (i = 0; i < nout; i++) {
        res[i].version = PMML_RESULT_VERSION;
        res[i].type = PMML_COL_STRING;
        res[i].data = out + i;
        res[i].stride = nout * sizeof *out;
    }
    rc = pmml_scorer_new(&s, model, cols, nin, NULL);
    if (rc != PMML_OK)
        goto done;
    rc = pmml_scorer_score(s, cols, n, res, status);
    if (rc != PMML_OK)
        goto done;
    for (i = 0; i < v->nfields; i++) {
        size_t j;
        for (j = 0; j < nout; j++)
            if (strcmp(pmml_model_output_name(model, j), v->fields[i]) == 0)
                break;
        field_col[i] = j < nout ? (long)j : -1;
    }
    for (r = 0; r < n; r++) {
        for (i = 0; i < v->nfields; i++) {
            const char *exp = v->cells[r * v->nfields + i];
            const char *act;
            pmml_mismatch mm;
            if (field_col[i] < 0)
                continue;
            act = status[r] == PMML_OK ? out[r * nout + (size_t)field_col[i]] : NULL;
            if (!exp)
                exp = "";
            if (!act)
                act = "";
            if (status[r] == PMML_OK &&
                same(exp, act, v->precision[i], v->zero_threshold[i]))
                continue;
            bad++;
            if (report) {
                mm.record = r + 1;
                mm.field = v->fields[i];
                mm.expected = exp;
                mm.actual = act;
                mm.message = status[r] == PMML_OK ? NULL : pmml_scorer_message(s, r);
                report(&mm, payload);
            }
        }
    }
    if (records)
        *records = n;
    if (mismatches)
        *mismatches = bad;
done:
    pmml_scorer_free(s);
    pm_free(al, cols);
    pm_free(al, cells);
    pm_free(al, res);
    pm_free(al, out);
    pm_free(al, status);
    pm_free(al, field_col);
    return rc;
}
