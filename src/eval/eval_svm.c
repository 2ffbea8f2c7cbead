/* eval_svm.c - SupportVectorMachineModel (PMML 4.4 Support Vector Machine):
 * f(x) = sum alpha_i K(x, x_i) + b per machine, then votes or a ranking. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "eval/eval.h"
#include "eval/value.h"
#include "model/model.h"

double pm_svm_kernel(const pl_svm *s, const double *x, const double *v)
{
    size_t j, n = s->nfields;
    double acc = 0.0;
    if (s->kernel == KERNEL_RBF) {
        for (j = 0; j < n; j++) {
            double d = x[j] - v[j];
            acc += d * d;
        }
        return exp(-s->gamma * acc);
    }
    for (j = 0; j < n; j++)
        acc += x[j] * v[j];
    switch (s->kernel) {
    case KERNEL_POLYNOMIAL:
        return pow(s->gamma * acc + s->coef0, s->degree);
    case KERNEL_SIGMOID:
        return tanh(s->gamma * acc + s->coef0);
    }
    return acc;
}

double pm_svm_machine_value(const pl_svm *s, const pl_svm_machine *mc, const double *x,
                            const double *k)
{
    double f = mc->b;
    size_t j;
    if (s->linear_coefs) {
        for (j = 0; j < s->nfields; j++)
            f += mc->alpha[j] * x[j];
        return f;
    }
    for (j = 0; j < mc->nsv; j++)
        f += mc->alpha[j] * k[mc->sv[j]];
    return f;
}

int pm_svm_input(const pl_svm *s, const pm_scratch *sc, double *x)
{
    size_t j;
    for (j = 0; j < s->nfields; j++) {
        const pl_svm_field *f = &s->fields[j];
        const pv *v = &sc->vals[f->slot];
        if (v->st == VS_MISSING)
            return 0;
        if (f->is_cat)
            x[j] = pm_value_equal(v, &f->value) ? f->coefficient : 0.0;
        else if (pm_type_is_string(v->t))
            return 0;
        else
            x[j] = v->d;
    }
    return 1;
}

void pm_eval_svm(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_svm *s = m->impl;
    double *x = sc->tmp + m->tmp_off, *k = x + s->nfields, *val = k + s->nvectors;
    size_t i, c, ncat = m->ncat;
    int32_t win = -1;

    /* a missing input leaves the SVM without a prediction */
    if (!pm_svm_input(s, sc, x))
        return;
    if (!s->linear_coefs)
        for (i = 0; i < s->nvectors; i++)
            k[i] = s->used[i] ? pm_svm_kernel(s, x, s->vectors + i * s->nfields) : 0.0;
    if (m->function == FUNC_REGRESSION) {
        r->value = pv_num(pm_svm_machine_value(s, &s->machines[0], x, k), PMML_TYPE_DOUBLE);
        r->st = VS_VALID;
        return;
    }
    if (s->method == SVM_ONE_AGAINST_ALL) {
        /* maxWins: the largest value wins, else the smallest; the first on ties */
        for (i = 0; i < s->nmachines; i++) {
            const pl_svm_machine *mc = &s->machines[i];
            double f = pm_svm_machine_value(s, mc, x, k);
            if (win < 0 || (s->max_wins ? f > val[0] : f < val[0])) {
                win = mc->cat;
                val[0] = f;
            }
        }
        r->cat = win;
        r->value = m->cats[win];
        r->st = VS_VALID;
        return;
    }
    /* one-against-one: each machine votes; val holds the votes, and the order
     * in which categories got their first vote decides ties */
    memset(val, 0, ncat * sizeof *val);
    memset(r->probs, 0, ncat * sizeof *r->probs);
    for (i = 0; i < s->nmachines; i++) {
        const pl_svm_machine *mc = &s->machines[i];
        double f = pm_svm_machine_value(s, mc, x, k);
        int32_t label;
        if (s->alt_binary >= 0) {
            /* PMML 3.2: the rounded value, 1 the targetCategory, 0 the
             * alternateBinaryTargetCategory */
            double rounded = floor(f + 0.5);
            if (rounded == 1.0) {
                label = mc->cat;
            } else if (rounded == 0.0) {
                label = s->alt_binary;
            } else {
                pm_row_error(sc, PMML_ERR_EVAL,
                             "SupportVectorMachine: the value %g does not round to 0 or 1", f);
                r->st = VS_INVALID;
                return;
            }
        } else if (s->max_wins ? f > mc->threshold : f < mc->threshold) {
            label = mc->cat;
        } else {
            label = mc->alt;
        }
        if (r->probs[label] == 0.0)
            val[label] = (double)i; /* the first vote */
        r->probs[label] += 1.0;
    }
    for (c = 0; c < ncat; c++) {
        if (r->probs[c] == 0.0)
            continue;
        if (win < 0 || r->probs[c] > r->probs[win] ||
            (r->probs[c] == r->probs[win] && val[c] < val[win]))
            win = (int32_t)c;
    }
    /* probabilities: each category's share of the votes */
    for (c = 0; c < ncat; c++)
        r->probs[c] /= (double)s->nmachines;
    r->has_probs = 1;
    r->cat = win;
    r->value = m->cats[win];
    r->st = VS_VALID;
}
