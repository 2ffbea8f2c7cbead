/* eval_grm.c - GeneralRegressionModel (PMML 4.4 General Regression). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "eval/eval.h"
#include "eval/value.h"
#include "model/model.h"

/* The inverse link functions of linkFunction. */
static double inverse_link(const pl_grm *g, double eta)
{
    double a;
    switch (g->link) {
    case LINK_CLOGLOG:
        return 1.0 - exp(-exp(eta));
    case LINK_IDENTITY:
        return eta;
    case LINK_LOG:
        return exp(eta);
    case LINK_LOGC:
        return 1.0 - exp(eta);
    case LINK_LOGIT:
        return 1.0 / (1.0 + exp(-eta));
    case LINK_LOGLOG:
        return exp(-exp(-eta));
    case LINK_NEGBIN:
        return 1.0 / (g->dist_param * (exp(-eta) - 1.0));
    case LINK_ODDSPOWER:
        a = g->link_param;
        if (a == 0.0)
            return 1.0 / (1.0 + exp(-eta));
        return 1.0 / (1.0 + pow(1.0 + a * eta, -1.0 / a));
    case LINK_POWER:
        a = g->link_param;
        if (a == 0.0)
            return exp(eta);
        return pow(eta, 1.0 / a);
    case LINK_PROBIT:
        return 0.5 * erfc(-eta / M_SQRT2);
    }
    return eta;
}

static double cumulative_link(int f, double eta)
{
    switch (f) {
    case CUM_LOGIT:
        return 1.0 / (1.0 + exp(-eta));
    case CUM_PROBIT:
        return 0.5 * erfc(-eta / M_SQRT2);
    case CUM_CLOGLOG:
        return 1.0 - exp(-exp(eta));
    case CUM_LOGLOG:
        return exp(-exp(-eta));
    case CUM_CAUCHIT:
        return 0.5 + atan(eta) / M_PI;
    }
    return eta;
}

/* x of parameter p: the product of its PPCells; 0 if a factor does not
 * match (then missing covariates do not matter), -1 when a needed value is
 * missing. */
static int param_x(const pl_grm *g, size_t p, const pm_scratch *sc, double *out)
{
    uint32_t k;
    double x = 1.0;
    for (k = g->row_off[p]; k < g->row_off[p + 1]; k++) {
        const pl_gterm *t = &g->terms[k];
        const pv *v;
        if (t->kind == GT_COVARIATE)
            continue;
        v = &sc->vals[t->slot];
        if (v->st == VS_MISSING)
            return -1;
        if (t->kind == GT_FACTOR) {
            int eq = t->is_str ? v->id >= 0 && v->id == t->id : v->d == t->num;
            if (!eq)
                x = 0.0;
        } else {
            size_t row;
            for (row = 0; row < t->ncats; row++)
                if (t->is_str ? v->id >= 0 && v->id == t->cats[row].id : v->d == t->cats[row].d)
                    break;
            if (row == t->ncats)
                return -1;
            x *= t->matrix[row * t->ncols + t->col];
        }
    }
    if (x == 0.0) {
        *out = 0.0;
        return 0;
    }
    for (k = g->row_off[p]; k < g->row_off[p + 1]; k++) {
        const pl_gterm *t = &g->terms[k];
        const pv *v;
        if (t->kind != GT_COVARIATE)
            continue;
        v = &sc->vals[t->slot];
        if (v->st == VS_MISSING || pm_type_is_string(v->t))
            return -1;
        x *= t->exponent == 1.0 ? v->d : pow(v->d, t->exponent);
    }
    *out = x;
    return 0;
}

/* eta of coefficient set `set`; 0 on success, -1 when an input is missing. */
static int dot(const pl_grm *g, size_t set, const double *x, double *out)
{
    const double *beta = g->beta + set * g->nparams;
    double eta = 0.0;
    size_t p;
    for (p = 0; p < g->nparams; p++) {
        if (isnan(beta[p]))
            continue;
        if (isnan(x[p]))
            return -1;
        eta += beta[p] * x[p];
    }
    *out = eta;
    return 0;
}

static int number(const pm_scratch *sc, int slot, int has_value, double value, double *out)
{
    if (slot >= 0) {
        const pv *v = &sc->vals[slot];
        if (v->st == VS_MISSING || pm_type_is_string(v->t))
            return -1;
        *out = v->d;
        return 1;
    }
    if (has_value) {
        *out = value;
        return 1;
    }
    return 0;
}

static void cox(const pl_model *m, const pl_grm *g, pm_scratch *sc, const double *x,
                pl_result *r)
{
    const pl_gbaseline *b = &g->baselines[0];
    const pv *t = &sc->vals[g->end_slot];
    double eta, s = 0.0, h0;
    size_t p, lo, hi;
    (void)m;
    if (g->strata_slot >= 0) {
        const pv *v = &sc->vals[g->strata_slot];
        size_t i;
        if (v->st == VS_MISSING)
            return;
        for (i = 0; i < g->nbaselines; i++)
            if (pm_value_equal(v, &g->baselines[i].value))
                break;
        if (i == g->nbaselines)
            return; /* no BaselineStratum for the value: no prediction */
        b = &g->baselines[i];
    }
    if (t->st == VS_MISSING || pm_type_is_string(t->t) || t->d > b->max_time)
        return;
    if (t->d < b->min_time) {
        r->value = pv_num(0.0, PMML_TYPE_DOUBLE);
        r->st = VS_VALID;
        return;
    }
    if (dot(g, 0, x, &eta) != 0)
        return;
    for (p = 0; p < g->nparams; p++)
        if (!isnan(g->beta[p]))
            s += g->beta[p] * g->ref_points[p];
    /* the cell with the largest time not after t */
    lo = 0;
    hi = b->ncells;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (b->times[mid] <= t->d)
            lo = mid;
        else
            hi = mid;
    }
    h0 = b->hazards[lo];
    r->value = pv_num(exp(eta - s) * h0, PMML_TYPE_DOUBLE);
    r->st = VS_VALID;
}

void pm_eval_grm(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_grm *g = m->impl;
    double *x = sc->tmp + m->tmp_off;
    double *val = x + g->nparams;
    double offset = 0.0, trials = 1.0, prev = 0.0;
    size_t p, j;
    int has_trials;

    for (p = 0; p < g->nparams; p++)
        if (param_x(g, p, sc, &x[p]) != 0)
            x[p] = NAN;
    if (number(sc, g->offset_slot, g->has_offset, g->offset_value, &offset) < 0)
        return;
    has_trials = number(sc, g->trials_slot, g->has_trials, g->trials_value, &trials);
    if (has_trials < 0)
        return;

    if (g->model_type == GRM_COX) {
        cox(m, g, sc, x, r);
        return;
    }
    if (m->function == FUNC_REGRESSION) {
        double eta;
        if (dot(g, 0, x, &eta) != 0)
            return;
        if (g->model_type == GRM_GENERALIZED_LINEAR) {
            eta = inverse_link(g, eta + offset);
            if (has_trials)
                eta *= trials;
        }
        r->value = pv_num(eta, PMML_TYPE_DOUBLE);
        r->st = VS_VALID;
        return;
    }
    /* classification over K categories, the reference (last) one implied */
    memset(r->probs, 0, m->ncat * sizeof *r->probs);
    for (j = 0; j < g->nsets; j++) {
        double eta, v;
        if (dot(g, j, x, &eta) != 0)
            return;
        switch (g->model_type) {
        case GRM_MULTINOMIAL_LOGISTIC:
            v = exp(eta);
            break;
        case GRM_ORDINAL_MULTINOMIAL: {
            double cum = cumulative_link(g->cumulative_link, eta + offset);
            v = cum - prev;
            prev = cum;
            break;
        }
        default: /* generalizedLinear */
            v = inverse_link(g, eta + offset);
            if (has_trials)
                v *= trials;
            prev = v;
            break;
        }
        val[j] = v;
    }
    if (g->model_type == GRM_MULTINOMIAL_LOGISTIC) {
        double sum = 1.0; /* exp(0) of the reference category */
        for (j = 0; j < g->nsets; j++)
            sum += val[j];
        for (j = 0; j < g->nsets; j++)
            r->probs[g->set_cat[j]] = val[j] / sum;
        r->probs[g->last_cat] = 1.0 / sum;
    } else {
        for (j = 0; j < g->nsets; j++)
            r->probs[g->set_cat[j]] = val[j];
        r->probs[g->last_cat] = 1.0 - prev;
    }
    r->has_probs = 1;
    pm_result_pick(m, r);
}
