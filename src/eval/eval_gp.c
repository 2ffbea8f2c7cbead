/* eval_gp.c - Gaussian process regression (PMML 4.4 Gaussian Process
 * Models): the predictive mean k^T (K + noise I)^-1 y, and the predictive
 * variance of the target, k(x, x) + noise - k^T (K + noise I)^-1 k. */
#include "config.h"

#include <math.h>

#include "eval/eval.h"
#include "model/model.h"

double pm_gp_kernel(const pl_gp *g, const double *a, const double *b)
{
    double s = 0.0;
    size_t j;
    for (j = 0; j < g->d; j++) {
        double t = fabs(a[j] - b[j]) / fabs(g->lambda[j]);
        switch (g->kernel) {
        case GP_RADIAL_BASIS:
        case GP_ARD_SQUARED_EXPONENTIAL:
            s += 0.5 * t * t;
            break;
        case GP_ABSOLUTE_EXPONENTIAL:
            s += t;
            break;
        default: /* GP_GENERALIZED_EXPONENTIAL */
            s += pow(t, g->degree);
            break;
        }
    }
    return g->gamma * exp(-s);
}

void pm_eval_gp(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_gp *g = m->impl;
    double *x = sc->tmp + m->tmp_off, *k = x + g->d, *var = k + g->n, mean = 0.0;
    size_t i, j;

    *var = NAN;
    for (j = 0; j < g->d; j++) {
        const pv *v = &sc->vals[g->slots[j]];
        if (v->st != VS_VALID || pm_type_is_string(v->t))
            return; /* a missing input: no prediction */
        x[j] = v->d;
    }
    for (i = 0; i < g->n; i++) {
        k[i] = pm_gp_kernel(g, g->x + i * g->d, x);
        mean += k[i] * g->alpha[i];
    }
    r->value = pv_num(mean, PMML_TYPE_DOUBLE);
    r->st = VS_VALID;
    if (g->chol) {
        /* v = L^-1 k (in place); variance = k(x, x) + noise - v.v */
        const double *l = g->chol;
        double vv = 0.0;
        for (i = 0; i < g->n; i++) {
            double t = k[i];
            for (j = 0; j < i; j++)
                t -= l[i * g->n + j] * k[j];
            k[i] = t / l[i * g->n + i];
            vv += k[i] * k[i];
        }
        *var = fmax(0.0, pm_gp_kernel(g, x, x) + g->noise - vv);
    }
}

void pm_output_gp(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v)
{
    const pl_gp *g = m->impl;
    double var = sc->tmp[m->tmp_off + g->d + g->n];
    if (o->feature == FEAT_STANDARD_DEVIATION && sc->results[m->result].st == VS_VALID &&
        !isnan(var))
        *v = pv_num(sqrt(var), PMML_TYPE_DOUBLE);
}
