/* eval_scorecard.c - Scorecard scores and reason codes (PMML 4.4 Scorecard). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "eval/eval.h"
#include "eval/value.h"
#include "model/model.h"

/* tmp: [nreasons] points per reason code (NaN: not seen this row),
 * [nreasons] reason codes in ranked order, [1] how many are ranked. */
void pm_eval_scorecard(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_scorecard *ps = m->impl;
    double *points = sc->tmp + m->tmp_off;
    double *order = points + ps->nreasons;
    double score = ps->initial;
    size_t nr = ps->nreasons, seen = 0, i, j, n;

    for (i = 0; i < nr; i++)
        points[i] = NAN;
    order[nr] = 0.0;
    for (i = 0; i < ps->nchars; i++) {
        const pl_sc_attr *hit = NULL;
        double partial;
        for (j = ps->first[i]; j < ps->first[i + 1]; j++) {
            /* the first Attribute whose predicate is true; unknown is not true */
            if (pm_eval_pred(ps->preds, ps->attrs[j].pred, sc, NULL) == PR_TRUE) {
                hit = &ps->attrs[j];
                break;
            }
        }
        if (!hit) {
            /* "If not even a single Attribute evaluates to true for a given
             * Characteristic, the scorecard as a whole returns an invalid value" */
            r->st = VS_INVALID;
            return;
        }
        partial = hit->partial;
        if (hit->complex) {
            pv v;
            pm_eval_expr(hit->complex, sc, &v);
            if (v.st != VS_VALID || pm_type_is_string(v.t))
                return; /* no score: Targets may supply a default */
            partial = v.d;
        }
        score += partial;
        if (hit->reason >= 0) {
            double diff = ps->points_above ? partial - ps->baseline[i] : ps->baseline[i] - partial;
            if (isnan(points[hit->reason])) {
                points[hit->reason] = 0.0;
                order[seen++] = hit->reason;
            }
            points[hit->reason] += diff;
        }
    }
    /* rank by points, largest first, ties in the order the codes were met;
     * codes with negative points explain nothing and are dropped (as
     * JPMML-Evaluator does) */
    n = 0;
    for (i = 0; i < seen; i++)
        if (points[(size_t)order[i]] >= 0.0)
            order[n++] = order[i];
    for (i = 1; i < n; i++) {
        double x = order[i];
        for (j = i; j > 0 && points[(size_t)order[j - 1]] < points[(size_t)x]; j--)
            order[j] = order[j - 1];
        order[j] = x;
    }
    order[nr] = (double)n;
    r->value = pv_num(score, PMML_TYPE_DOUBLE);
    r->st = VS_VALID;
}

void pm_output_scorecard(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v)
{
    const pl_scorecard *ps = m->impl;
    const double *order = sc->tmp + m->tmp_off + ps->nreasons;
    const pl_result *r = &sc->results[m->result];
    size_t k;
    if (o->feature != FEAT_REASON_CODE || r->st != VS_VALID)
        return;
    if ((size_t)o->rank > (size_t)order[ps->nreasons])
        return; /* fewer reason codes than the rank asks for */
    k = (size_t)order[o->rank - 1];
    *v = ps->reasons[k];
}
