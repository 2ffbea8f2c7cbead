/* eval_timeseries.c - forecasts h steps ahead (PMML 4.4 Time Series
 * Models): exponential smoothing from its final level, trend and seasonal
 * indices; ARIMA by conditional least squares, future residuals being 0. */
#include "config.h"

#include <math.h>

#include "eval/eval.h"
#include "model/model.h"

/* Beyond this many steps a forecast is refused rather than computed. */
#define TS_MAX_HORIZON 1000000.0

static double exponential_smoothing(const pl_ts *t, long h)
{
    double f = t->level, damp = 0.0, p = 1.0;
    long i;
    if (t->trend == TREND_DAMPED_ADDITIVE || t->trend == TREND_DAMPED_MULTIPLICATIVE)
        for (i = 1; i <= h; i++) { /* sum of phi^i, i = 1..h */
            p *= t->phi;
            damp += p;
        }
    switch (t->trend) {
    case TREND_ADDITIVE:
        f += (double)h * t->trend_value;
        break;
    case TREND_DAMPED_ADDITIVE:
        f += damp * t->trend_value;
        break;
    case TREND_MULTIPLICATIVE:
        f *= pow(t->trend_value, (double)h);
        break;
    case TREND_DAMPED_MULTIPLICATIVE:
        f *= pow(t->trend_value, damp);
        break;
    }
    /* the indices are those of the last period, oldest first: step h takes
     * the one of its season, I[t - p + h] */
    if (t->season == SEASON_ADDITIVE)
        f += t->indices[(size_t)(h - 1) % t->period];
    else if (t->season == SEASON_MULTIPLICATIVE)
        f *= t->indices[(size_t)(h - 1) % t->period];
    return f;
}

/* The standard error of the forecast h steps ahead: RMSE sqrt(sum of
 * psi[j]^2, j < h), psi the weights of the model written as an infinite
 * moving average, psi[0] = 1, psi[j] = sum pi[i] psi[j-i] - theta[j]. */
static double arima_se(const pl_ts *t, double *ring, long h)
{
    size_t np = t->np, i, j;
    double sum = 1.0, psi = 1.0;
    /* ring[j % np] holds psi[j]; psi[j] for j < 0 is 0 */
    for (i = 0; i < np; i++)
        ring[i] = 0.0;
    if (np)
        ring[0] = 1.0;
    for (j = 1; j < (size_t)h; j++) {
        psi = j <= t->nq ? -t->theta[j - 1] : 0.0;
        for (i = 1; i <= np && i <= j; i++)
            psi += t->pi[i - 1] * ring[(j - i) % np];
        if (np)
            ring[j % np] = psi;
        sum += psi * psi;
    }
    return t->rmse * sqrt(sum);
}

static double arima(const pl_ts *t, double *ring, long h)
{
    size_t np = t->np, i, j;
    double y = 0.0;
    long k;
    for (i = 0; i < np; i++)
        ring[i] = t->hist[i];
    /* time tau = np - 1 + k holds step k; ring[tau % np] */
    for (k = 1; k <= h; k++) {
        size_t tau = np - 1 + (size_t)k;
        y = t->constant;
        for (i = 1; i <= np; i++)
            y += t->pi[i - 1] * ring[(tau - i) % np];
        for (j = (size_t)k; j <= t->nq; j++) /* a[t + k - j], known for j >= k */
            y -= t->theta[j - 1] * t->resid[t->nq - 1 + (size_t)k - j];
        if (np)
            ring[tau % np] = y;
    }
    return y;
}

void pm_eval_timeseries(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_ts *t = m->impl;
    const pv *v = &sc->vals[t->slot];
    double f;
    long h;
    if (v->st != VS_VALID || pm_type_is_string(v->t))
        return; /* no horizon, no forecast */
    if (!(v->d >= 1.0 && v->d <= TS_MAX_HORIZON) || v->d != floor(v->d)) {
        r->st = VS_INVALID; /* steps ahead: a whole number from 1 */
        return;
    }
    h = (long)v->d;
    if (t->algorithm == TS_EXPONENTIAL_SMOOTHING) {
        f = exponential_smoothing(t, h);
    } else {
        double *tmp = sc->tmp + m->tmp_off;
        f = arima(t, tmp, h);
        if (t->want_se)
            tmp[2 * t->np + 1] = arima_se(t, tmp + t->np, h);
    }
    if (t->transformation == TS_TRANSFORM_LOG)
        f = exp(f);
    else if (t->transformation == TS_TRANSFORM_SQRT)
        f = f * f;
    r->value = pv_num(f, PMML_TYPE_DOUBLE);
    r->st = VS_VALID;
}

void pm_output_timeseries(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v)
{
    const pl_ts *t = m->impl;
    if (o->feature == FEAT_STANDARD_ERROR && sc->results[m->result].st == VS_VALID)
        *v = pv_num(sc->tmp[m->tmp_off + 2 * t->np + 1], PMML_TYPE_DOUBLE);
}
