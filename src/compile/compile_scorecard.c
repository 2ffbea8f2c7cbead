/* compile_scorecard.c - a Scorecard into attribute arrays with resolved
 * predicates and interned reason codes. */
#include "config.h"

#include <string.h>

#include "compile/compile.h"

static int32_t reason_index(ccomp *cc, pm_map *ids, cvec *names, const char *code, unsigned line)
{
    void *v = pm_map_get(ids, code);
    if (v)
        return (int32_t)((uintptr_t)v - 1);
    *(pv *)cvec_push(cc, names, sizeof(pv)) =
        cx_value(cc, code, PMML_TYPE_STRING, line, "Attribute");
    pm_map_put(cc->c, cc->c->tmp, ids, code, (void *)(uintptr_t)names->n);
    return (int32_t)(names->n - 1);
}

void cx_scorecard(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_scorecard *src = &pm->u.sc;
    pl_scorecard *ps = PM_NEW(cc->c, cc->a, pl_scorecard);
    uint32_t *first = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, src->nchars + 1);
    double *baseline = PM_NEW_ARRAY(cc->c, cc->a, double, src->nchars + 1);
    cvec preds = {0}, names = {0};
    pm_map ids = {0};
    size_t nattrs = 0, i, j, k = 0;
    pl_sc_attr *attrs;

    for (i = 0; i < src->nchars; i++)
        nattrs += src->chars[i].nattrs;
    attrs = PM_NEW_ARRAY(cc->c, cc->a, pl_sc_attr, nattrs + 1);
    ps->initial = src->initial;
    ps->use_reasons = src->use_reason_codes;
    ps->points_above = src->points_above;
    ps->nchars = src->nchars;
    for (i = 0; i < src->nchars; i++) {
        const pm_sc_char *ch = &src->chars[i];
        first[i] = (uint32_t)k;
        baseline[i] = ch->has_baseline ? ch->baseline : src->baseline;
        for (j = 0; j < ch->nattrs; j++) {
            const pm_sc_attr *a = &ch->attrs[j];
            pl_sc_attr *pa = &attrs[k++];
            const char *code = a->reason_code ? a->reason_code : ch->reason_code;
            pa->pred = cx_pred(cc, s, &preds, a->pred);
            pa->partial = a->partial;
            pa->complex = a->complex ? cx_expr(cc, s, a->complex) : NULL;
            pa->reason = src->use_reason_codes ? reason_index(cc, &ids, &names, code, a->line) : -1;
        }
    }
    first[src->nchars] = (uint32_t)k;
    ps->first = first;
    ps->baseline = baseline;
    ps->attrs = attrs;
    ps->preds = cvec_keep(cc, &preds, sizeof(pl_pred));
    ps->nreasons = names.n;
    ps->reasons = cvec_keep(cc, &names, sizeof(pv));
    m->impl = ps;
    m->eval = pm_eval_scorecard;
    m->output = pm_output_scorecard;
    /* per row: the points of each reason code, then the ranking */
    m->tmp_size = 2 * ps->nreasons + 1;
}

int cx_scorecard_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out)
{
    const pl_scorecard *ps = m->impl;
    if (o->feature != FEAT_REASON_CODE)
        return 0;
    if (!ps->use_reasons)
        pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
                 "OutputField: '%s' asks for a reason code, but the Scorecard has "
                 "useReasonCodes=\"false\"",
                 o->name);
    if (!out->datatype)
        out->datatype = PMML_TYPE_STRING;
    return 1;
}
