/* compile_timeseries.c - a TimeSeriesModel: the forecast horizon field, and
 * ExponentialSmoothing's final state or ARIMA's multiplied-out polynomials
 * with the end of the series they continue. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "compile/compile.h"

/* out[0..na+nb-1) = a * b, polynomials in B with a[0], b[0] the constants. */
static void poly_mul(const double *a, size_t na, const double *b, size_t nb, double *out)
{
    size_t i, j;
    for (i = 0; i < na + nb - 1; i++)
        out[i] = 0.0;
    for (i = 0; i < na; i++)
        for (j = 0; j < nb; j++)
            out[i + j] += a[i] * b[j];
}

/* 1 - c1 B^s - c2 B^2s - ... into f[0..n*s] */
static size_t lag_poly(ccomp *cc, const double *coef, long n, long s, double sign, double **f)
{
    size_t len = (size_t)(n * s) + 1, i;
    double *p = PM_NEW_ARRAY(cc->c, cc->c->tmp, double, len);
    p[0] = 1.0;
    for (i = 0; i < (size_t)n; i++)
        p[(i + 1) * (size_t)s] = sign * coef[i];
    *f = p;
    return len;
}

/* acc (length *n) times g (length ng), in the temporary arena */
static double *times(ccomp *cc, double *acc, size_t *n, const double *g, size_t ng)
{
    double *out = PM_NEW_ARRAY(cc->c, cc->c->tmp, double, *n + ng - 1);
    poly_mul(acc, *n, g, ng, out);
    *n += ng - 1;
    return out;
}

static double transform(int how, double v)
{
    return how == TS_TRANSFORM_LOG ? log(v) : how == TS_TRANSFORM_SQRT ? sqrt(v) : v;
}

static void compile_arima(ccomp *cc, const pm_model *pm, pl_ts *t)
{
    const pm_timeseries *src = &pm->u.ts;
    long s = src->season_period ? src->season_period : 1;
    double one_minus_b[2] = {1.0, -1.0}, *ar = PM_NEW_ARRAY(cc->c, cc->c->tmp, double, 1),
           *ma = PM_NEW_ARRAY(cc->c, cc->c->tmp, double, 1), *f, *pi, *theta, *hist, *res;
    size_t nar = 1, nma = 1, nf, i;
    long k;

    if (!src->season_period && (src->seasonal.p || src->seasonal.d || src->seasonal.q))
        pm_throw(cc->c, PMML_ERR_PMML, src->arima_line, "ARIMA",
                 "ARIMA: a seasonal component needs a period");
    ar[0] = ma[0] = 1.0;
    /* phi(B) Phi(B^s) (1 - B)^d (1 - B^s)^D y = c + theta(B) Theta(B^s) a */
    nf = lag_poly(cc, src->nonseasonal.ar, src->nonseasonal.p, 1, -1.0, &f);
    ar = times(cc, ar, &nar, f, nf);
    nf = lag_poly(cc, src->seasonal.ar, src->seasonal.p, s, -1.0, &f);
    ar = times(cc, ar, &nar, f, nf);
    for (k = 0; k < src->nonseasonal.d; k++)
        ar = times(cc, ar, &nar, one_minus_b, 2);
    for (k = 0; k < src->seasonal.d; k++) {
        nf = lag_poly(cc, one_minus_b + 1, 1, s, 1.0, &f);
        ar = times(cc, ar, &nar, f, nf);
    }
    nf = lag_poly(cc, src->nonseasonal.ma, src->nonseasonal.q, 1, -1.0, &f);
    ma = times(cc, ma, &nma, f, nf);
    nf = lag_poly(cc, src->seasonal.ma, src->seasonal.q, s, -1.0, &f);
    ma = times(cc, ma, &nma, f, nf);

    t->np = nar - 1;
    t->nq = nma - 1;
    t->constant = src->constant;
    t->rmse = src->has_rmse ? src->rmse : NAN;
    pi = PM_NEW_ARRAY(cc->c, cc->a, double, t->np + 1);
    theta = PM_NEW_ARRAY(cc->c, cc->a, double, t->nq + 1);
    for (i = 0; i < t->np; i++)
        pi[i] = -ar[i + 1];
    for (i = 0; i < t->nq; i++)
        theta[i] = -ma[i + 1];
    if (src->nseries < t->np)
        pm_throw(cc->c, PMML_ERR_PMML, src->series_line ? src->series_line : src->arima_line,
                 src->series_line ? "TimeSeries" : "ARIMA",
                 "ARIMA: a forecast needs the last %zu values of the series (a TimeSeries "
                 "with usage=\"original\"), and %zu are given",
                 t->np, src->nseries);
    if (src->nresiduals < t->nq)
        pm_throw(cc->c, PMML_ERR_PMML, src->arima_line, "Residuals",
                 "ARIMA: a forecast needs the last %zu residuals (MA Residuals), and %zu are "
                 "given",
                 t->nq, src->nresiduals);
    hist = PM_NEW_ARRAY(cc->c, cc->a, double, t->np + 1);
    res = PM_NEW_ARRAY(cc->c, cc->a, double, t->nq + 1);
    for (i = 0; i < t->np; i++) {
        hist[i] = transform(t->transformation, src->series[src->nseries - t->np + i]);
        if (!isfinite(hist[i]))
            pm_throw(cc->c, PMML_ERR_PMML, src->series_line, "TimeSeries",
                     "TimeSeries: value %zu cannot be transformed (%s)",
                     src->nseries - t->np + i + 1,
                     t->transformation == TS_TRANSFORM_LOG ? "logarithmic" : "squareroot");
    }
    for (i = 0; i < t->nq; i++)
        res[i] = src->residuals[src->nresiduals - t->nq + i];
    t->pi = pi;
    t->theta = theta;
    t->hist = hist;
    t->resid = res;
}

void cx_timeseries(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_timeseries *src = &pm->u.ts;
    pl_ts *t = PM_NEW(cc->c, cc->a, pl_ts);
    const pm_miningfield *h = NULL;
    cfield *f;
    size_t i;

    /* the forecast horizon: the one MiningField that is not the target */
    for (i = 0; i < pm->nmfields; i++) {
        const pm_miningfield *mf = &pm->mfields[i];
        if (mf->usage == USAGE_TARGET || (m->target.present && !strcmp(mf->name, m->target.name)))
            continue;
        if (h)
            pm_throw(cc->c, PMML_ERR_PMML, mf->line, "MiningField",
                     "TimeSeriesModel: the MiningSchema has one input, the forecast horizon; "
                     "'%s' is a second",
                     mf->name);
        h = mf;
    }
    if (!h)
        pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                 "TimeSeriesModel: the forecast horizon (steps ahead) is read from an input "
                 "field, and the MiningSchema has none");
    f = cx_use(cc, s, h->name, h->line, "MiningField");
    if (!pm_type_is_numeric(f->datatype ? f->datatype : PMML_TYPE_DOUBLE))
        pm_throw(cc->c, PMML_ERR_PMML, h->line, "MiningField",
                 "TimeSeriesModel: the forecast horizon '%s' is not numeric", h->name);
    t->slot = f->slot;
    t->algorithm = src->best_fit;
    if (src->best_fit == TS_EXPONENTIAL_SMOOTHING) {
        t->transformation = src->es_transformation;
        t->level = src->level;
        t->trend = src->trend;
        t->trend_value = src->trend_value;
        t->phi = src->phi;
        t->season = src->season;
        t->period = (size_t)src->period;
        if (src->season) {
            double *ix = PM_NEW_ARRAY(cc->c, cc->a, double, t->period);
            memcpy(ix, src->indices, t->period * sizeof *ix);
            t->indices = ix;
        }
    } else {
        t->transformation = src->arima_transformation;
        compile_arima(cc, pm, t);
    }
    m->impl = t;
    m->eval = pm_eval_timeseries;
    m->output = pm_output_timeseries;
    /* ARIMA: the last np values and psi weights while forecasting, and the
     * standard error */
    m->tmp_size = 2 * t->np + 2;
}

int cx_timeseries_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out)
{
    pl_ts *t = (pl_ts *)m->impl;
    if (o->feature != FEAT_STANDARD_ERROR)
        return 0;
    if (t->algorithm != TS_ARIMA || isnan(t->rmse) || t->transformation != TS_TRANSFORM_NONE)
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, o->line, "OutputField",
                 "OutputField: '%s': a forecast's standardError is supported for an ARIMA "
                 "with an RMSE and no transformation",
                 o->name);
    t->want_se = 1;
    if (!out->datatype)
        out->datatype = PMML_TYPE_DOUBLE;
    return 1;
}
