/* eval_regression.c - RegressionModel (PMML 4.4 Regression). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "eval/eval.h"
#include "model/model.h"

/* The inverse link functions of normalizationMethod. */
double pm_link(int norm, double y)
{
    switch (norm) {
    case NORM_LOGIT:
    case NORM_SOFTMAX:
        return 1.0 / (1.0 + exp(-y));
    case NORM_PROBIT:
        return 0.5 * erfc(-y / M_SQRT2);
    case NORM_CLOGLOG:
        return 1.0 - exp(-exp(y));
    case NORM_LOGLOG:
        return exp(-exp(-y));
    case NORM_CAUCHIT:
        return 0.5 + atan(y) / M_PI;
    case NORM_EXP:
        return exp(y);
    default:
        return y;
    }
}

/* y of one table; returns 0 when a numeric input is missing. */
static int table_value(const pl_regtable *t, const pm_scratch *sc, double *out)
{
    double y = t->intercept;
    size_t i, j;
    for (i = 0; i < t->nterms; i++) {
        const pl_term *term = &t->terms[i];
        const pv *v;
        switch (term->kind) {
        case 0:
            v = &sc->vals[term->slot];
            if (v->st == VS_MISSING)
                return 0;
            y += term->coef * (term->exponent == 1.0 ? v->d : pow(v->d, term->exponent));
            break;
        case 1:
            /* a missing categorical input contributes nothing */
            v = &sc->vals[term->slot];
            if (v->st == VS_MISSING)
                break;
            if (term->is_str ? v->id == term->id && v->id >= 0 : v->d == term->num)
                y += term->coef;
            break;
        default: {
            double prod = term->coef;
            for (j = 0; j < term->nslots; j++) {
                v = &sc->vals[term->slots[j]];
                if (v->st == VS_MISSING)
                    return 0;
                prod *= v->d;
            }
            y += prod;
        }
        }
    }
    *out = y;
    return 1;
}

void pm_eval_regression(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_regression *pr = m->impl;
    size_t k = pr->ntables, i;
    double *y = sc->tmp + m->tmp_off;

    if (m->function == FUNC_REGRESSION) {
        double v;
        if (!table_value(&pr->tables[0], sc, &v))
            return;
        r->value = pv_num(pm_link(pr->normalization, v), PMML_TYPE_DOUBLE);
        r->st = VS_VALID;
        return;
    }
    for (i = 0; i < k; i++)
        if (!table_value(&pr->tables[i], sc, &y[i]))
            return; /* no prediction; Targets priors may apply */
    pm_regression_probs(m, y, r->probs);
    r->has_probs = 1;
    pm_result_pick(m, r);
}

void pm_regression_probs(const pl_model *m, double *y, double *probs)
{
    const pl_regression *pr = m->impl;
    size_t k = pr->ntables, i;
    memset(probs, 0, m->ncat * sizeof *probs);
    if (m->target.optype == PMML_OPTYPE_ORDINAL && pr->normalization != NORM_SOFTMAX &&
        pr->normalization != NORM_SIMPLEMAX) {
        /* cumulative link: P(class <= j) = F(y_j) */
        double prev = 0.0;
        for (i = 0; i + 1 < k; i++) {
            double c = pm_link(pr->normalization, y[i]);
            if (pr->normalization == NORM_NONE)
                c = c < 0 ? 0 : c > 1 ? 1 : c;
            probs[pr->tables[i].cat] = c - prev;
            prev = c;
        }
        probs[pr->tables[k - 1].cat] = 1.0 - prev;
    } else if (k == 2 && pr->normalization != NORM_SOFTMAX &&
               pr->normalization != NORM_SIMPLEMAX) {
        /* binary: the first table decides, the second gets the rest */
        double p = pm_link(pr->normalization, y[0]);
        if (pr->normalization == NORM_NONE)
            p = p < 0 ? 0 : p > 1 ? 1 : p;
        probs[pr->tables[0].cat] = p;
        probs[pr->tables[1].cat] = 1.0 - p;
    } else if (pr->normalization == NORM_SOFTMAX) {
        double max = y[0], sum = 0.0;
        for (i = 1; i < k; i++)
            if (y[i] > max)
                max = y[i];
        for (i = 0; i < k; i++) {
            y[i] = exp(y[i] - max);
            sum += y[i];
        }
        for (i = 0; i < k; i++)
            probs[pr->tables[i].cat] = y[i] / sum;
    } else if (pr->normalization == NORM_SIMPLEMAX) {
        double sum = 0.0;
        for (i = 0; i < k; i++)
            sum += y[i];
        for (i = 0; i < k; i++)
            probs[pr->tables[i].cat] = y[i] / sum;
    } else if (pr->normalization == NORM_NONE) {
        double rest = 1.0;
        for (i = 0; i + 1 < k; i++) {
            probs[pr->tables[i].cat] = y[i];
            rest -= y[i];
        }
        probs[pr->tables[k - 1].cat] = rest;
    } else {
        /* one-vs-rest links for more than two categories, normalised (as JPMML) */
        double sum = 0.0;
        for (i = 0; i < k; i++) {
            y[i] = pm_link(pr->normalization, y[i]);
            sum += y[i];
        }
        for (i = 0; i < k; i++)
            probs[pr->tables[i].cat] = y[i] / sum;
    }
}
