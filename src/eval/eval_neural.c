/* eval_neural.c - a NeuralNetwork forward pass (PMML 4.4 Neural Network). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "eval/eval.h"
#include "model/model.h"

double pm_nn_activate(int f, double z, double threshold, double altitude, double fanin)
{
    switch (f) {
    case ACT_THRESHOLD:
        return z > threshold ? 1.0 : 0.0;
    case ACT_LOGISTIC:
        return 1.0 / (1.0 + exp(-z));
    case ACT_TANH:
        return tanh(z);
    case ACT_IDENTITY:
        return z;
    case ACT_EXPONENTIAL:
        return exp(z);
    case ACT_RECIPROCAL:
        return 1.0 / z;
    case ACT_SQUARE:
        return z * z;
    case ACT_GAUSS:
        return exp(-(z * z));
    case ACT_SINE:
        return sin(z);
    case ACT_COSINE:
        return cos(z);
    case ACT_ELLIOTT:
        return z / (1.0 + fabs(z));
    case ACT_ARCTAN:
        return 2.0 * atan(z) / M_PI;
    case ACT_RECTIFIER:
        return z > 0.0 ? z : 0.0;
    case ACT_RADIAL_BASIS:
        return exp(fanin * log(altitude) - z);
    }
    return z;
}

/* The inverse of a piecewise-linear NormContinuous: norm back to orig. */
double pm_nn_denormalize(const pl_neural *nn, double y)
{
    size_t n = nn->ninv, i;
    const double *o = nn->inv_orig, *m = nn->inv_norm;
    if (y < m[0])
        i = 0;
    else if (y > m[n - 1])
        i = n - 2;
    else
        for (i = 0; i + 2 < n && y > m[i + 1]; i++)
            ;
    return o[i] + (y - m[i]) * (o[i + 1] - o[i]) / (m[i + 1] - m[i]);
}

void pm_eval_neural(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_neural *nn = m->impl;
    double *a = sc->tmp + m->tmp_off;
    size_t i, l;

    for (i = 0; i < nn->ninputs; i++) {
        pv v;
        pm_eval_expr(nn->inputs[i], sc, &v);
        if (v.st == VS_MISSING || pm_type_is_string(v.t))
            return; /* a missing input: no prediction */
        a[i] = v.d;
    }
    for (l = 0; l < nn->nlayers; l++) {
        const pl_nlayer *L = &nn->layers[l];
        uint32_t j, end = L->first + L->count;
        for (j = L->first; j < end; j++) {
            const pl_neuron *u = &nn->neurons[j];
            const uint32_t *src = nn->src + u->off;
            const double *w = nn->weight + u->off;
            double z = 0.0;
            uint32_t k;
            if (L->activation == ACT_RADIAL_BASIS) {
                /* squared distance to the weights, scaled by the width */
                for (k = 0; k < u->ncons; k++) {
                    double d = a[src[k]] - w[k];
                    z += d * d;
                }
                z /= 2.0 * u->width * u->width;
            } else {
                z = u->bias;
                for (k = 0; k < u->ncons; k++)
                    z += w[k] * a[src[k]];
            }
            a[j] = pm_nn_activate(L->activation, z, L->threshold, u->altitude, (double)u->ncons);
        }
        if (L->normalization == NN_NORM_SOFTMAX) {
            double max = a[L->first], sum = 0.0;
            for (j = L->first; j < end; j++)
                if (a[j] > max)
                    max = a[j];
            for (j = L->first; j < end; j++) {
                a[j] = exp(a[j] - max);
                sum += a[j];
            }
            for (j = L->first; j < end; j++)
                a[j] /= sum;
        } else if (L->normalization == NN_NORM_SIMPLEMAX) {
            double sum = 0.0;
            for (j = L->first; j < end; j++)
                sum += a[j];
            for (j = L->first; j < end; j++)
                a[j] /= sum;
        }
    }
    if (m->function == FUNC_CLASSIFICATION) {
        memset(r->probs, 0, m->ncat * sizeof *r->probs);
        for (i = 0; i < nn->noutputs; i++)
            r->probs[nn->out_cat[i]] = a[nn->out_neuron[i]];
        r->has_probs = 1;
        pm_result_pick(m, r);
        return;
    }
    {
        double y = a[nn->out_neuron[0]];
        if (nn->ninv)
            y = pm_nn_denormalize(nn, y);
        r->value = pv_num(y, PMML_TYPE_DOUBLE);
        r->st = VS_VALID;
    }
}
