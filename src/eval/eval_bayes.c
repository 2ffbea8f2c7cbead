/* eval_bayes.c - NaiveBayesModel posterior probabilities (PMML 4.4 Naive
 * Bayes), summed as logarithms and normalised at the end. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "eval/eval.h"
#include "model/model.h"

/* The probability of x under a TargetValueStat's distribution: the
 * density of a Gaussian or uniform distribution, the probability of the
 * whole part of x for a Poisson distribution. */
double pm_dist_probability(int dist, double p1, double p2, double x)
{
    switch (dist) {
    case DIST_GAUSSIAN: {
        double z = x - p1;
        return exp(-z * z / (2.0 * p2)) / sqrt(2.0 * M_PI * p2);
    }
    case DIST_POISSON: {
        double k = trunc(x);
        if (k < 0.0)
            return 0.0;
        return exp(k * log(p1) - p1 - lgamma(k + 1.0));
    }
    case DIST_UNIFORM:
        return x >= p1 && x <= p2 ? 1.0 / (p2 - p1) : 0.0;
    }
    return NAN;
}

static int same_value(const pv *a, const pv *b)
{
    if (a->st == VS_INVALID)
        return 0;
    if (pm_type_is_string(a->t) != pm_type_is_string(b->t))
        return 0;
    if (pm_type_is_string(a->t))
        return b->id >= 0 ? a->id == b->id : a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
    return a->d == b->d;
}

void pm_eval_naive_bayes(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_naive_bayes *nb = m->impl;
    double *l = sc->tmp + m->tmp_off, max = -HUGE_VAL, sum = 0.0;
    size_t n = nb->ncat, i, j, k;

    memcpy(l, nb->logprior, n * sizeof *l);
    for (i = 0; i < nb->ninputs; i++) {
        const pl_nb_input *in = &nb->inputs[i];
        pv v = sc->vals[in->slot];
        if (in->expr) {
            pm_eval_expr(in->expr, sc, &v);
            pm_cast(sc, &v, in->expr_dt);
        }
        /* "missing values are ignored", and so are values no PairCounts lists */
        if (v.st != VS_VALID)
            continue;
        if (in->continuous) {
            if (pm_type_is_string(v.t))
                continue;
            for (k = 0; k < n; k++) {
                double p;
                /* a category without a TargetValueStat is not weighed here
                 * (as JPMML-Evaluator does) */
                if (in->dist[k] == 0xff)
                    continue;
                p = pm_dist_probability(in->dist[k], in->p1[k], in->p2[k], v.d);
                /* a probability below the threshold is raised to it */
                if (p < nb->threshold)
                    p = nb->threshold;
                l[k] += log(p);
            }
            continue;
        }
        for (j = 0; j < in->nvalues; j++)
            if (same_value(&in->values[j], &v))
                break;
        if (j == in->nvalues)
            continue;
        for (k = 0; k < n; k++)
            l[k] += in->logp[j * n + k];
    }
    for (k = 0; k < n; k++)
        if (l[k] > max)
            max = l[k];
    if (!isfinite(max))
        return; /* every category has probability 0: no prediction */
    for (k = 0; k < n; k++) {
        r->probs[k] = exp(l[k] - max);
        sum += r->probs[k];
    }
    for (k = 0; k < n; k++)
        r->probs[k] /= sum;
    for (; k < m->ncat; k++)
        r->probs[k] = 0.0; /* categories only an OutputField names */
    r->has_probs = 1;
    pm_result_pick(m, r);
}
