/* parse_timeseries.c - TimeSeriesModel: the original series, and
 * ExponentialSmoothing or ARIMA (PMML 4.4 Time Series Models). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

static const char *const transformation_names[] = {"none", "logarithmic", "squareroot", NULL};

void pm_parse_timeseries_attrs(pm_ctx *c, pm_model *m, const px_node *n)
{
    static const char *const fit_names[] = {"ARIMA",
                                            "ExponentialSmoothing",
                                            "SeasonalTrendDecomposition",
                                            "SpectralAnalysis",
                                            "StateSpaceModel",
                                            "GARCH",
                                            NULL};
    pm_timeseries *t = &m->u.ts;
    pa_req(c, n, "bestFit");
    t->best_fit = pa_enum(c, n, "bestFit", fit_names, 0);
    if (t->best_fit != TS_ARIMA && t->best_fit != TS_EXPONENTIAL_SMOOTHING)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "TimeSeriesModel: bestFit=\"%s\" is not supported (ARIMA and "
                 "ExponentialSmoothing are)",
                 fit_names[t->best_fit]);
}

/* The REAL-ARRAY child of n (NULL and 0 when there is none). */
static double *real_array(pm_ctx *c, const px_node *n, size_t *count)
{
    double *v = NULL;
    *count = 0;
    PX_FOREACH(a, n)
    {
        if (px_is(a, "Array") || px_is(a, "REAL-ARRAY")) {
            if (v)
                pm_bad(c, n, "more than one Array");
            v = pm_parse_num_array(c, a, count);
        } else if (px_is(a, "REAL-SparseArray")) {
            pm_throw(c, PMML_ERR_UNSUPPORTED, a->line, a->name,
                     "%s: a sparse array is not supported here", a->name);
        } else if (!px_ignorable(a)) {
            pm_unexpected(c, n, a);
        }
    }
    return v;
}

typedef struct tv {
    long index;
    size_t order;
    double value;
} tv;

static int cmp_tv(const void *a, const void *b)
{
    const tv *x = a, *y = b;
    if (x->index != y->index)
        return x->index < y->index ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void parse_series(pm_ctx *c, pm_timeseries *t, const px_node *n)
{
    static const char *const usage_names[] = {"original", "logical", "prediction", NULL};
    size_t count = px_count(n, "TimeValue"), i = 0;
    tv *vals;
    if (pa_enum(c, n, "usage", usage_names, 0) != 0)
        return; /* only the observed series is needed to forecast */
    if (t->series_line)
        pm_bad(c, n, "more than one TimeSeries with usage=\"original\"");
    t->series_line = n->line;
    vals = PM_NEW_ARRAY(c, c->tmp, tv, count + 1);
    PX_FOREACH(k, n)
    {
        if (px_is(k, "TimeValue")) {
            vals[i].index = pa_int(c, k, "index", (long)i);
            vals[i].order = i;
            vals[i].value = pa_num_req(c, k, "value");
            i++;
        } else if (!px_is(k, "TimeAnchor") && !px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    /* in time order: by index where given (stable for equal ones) */
    qsort(vals, count, sizeof *vals, cmp_tv);
    t->series = PM_NEW_ARRAY(c, c->tmp, double, count + 1);
    for (i = 0; i < count; i++)
        t->series[i] = vals[i].value;
    t->nseries = count;
}

static void parse_es(pm_ctx *c, pm_timeseries *t, const px_node *n)
{
    static const char *const trend_names[] = {"additive",
                                              "damped_additive",
                                              "multiplicative",
                                              "damped_multiplicative",
                                              "polynomial_exponential",
                                              NULL};
    static const char *const season_names[] = {"additive", "multiplicative", NULL};
    int have_level = 0;
    t->es_line = n->line;
    t->es_transformation = pa_enum(c, n, "transformation", transformation_names, 0);
    t->trend = TREND_NONE;
    t->phi = 1.0;
    PX_FOREACH(k, n)
    {
        if (px_is(k, "Level")) {
            have_level = 1;
            if (!pa_str(k, "smoothedValue"))
                pm_bad(c, k, "a forecast needs the smoothedValue of the Level");
            t->level = pa_num(c, k, "smoothedValue", 0.0);
        } else if (px_is(k, "Trend_ExpoSmooth")) {
            size_t na;
            int kind = pa_enum(c, k, "trend", trend_names, 0);
            if (kind == 4)
                pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                         "Trend_ExpoSmooth: trend=\"polynomial_exponential\" is not supported");
            t->trend = kind + 1;
            if (!pa_str(k, "smoothedValue"))
                pm_bad(c, k, "a forecast needs the smoothedValue of the trend");
            t->trend_value = pa_num(c, k, "smoothedValue", 0.0);
            t->phi = pa_num(c, k, "phi", 1.0);
            (void)real_array(c, k, &na);
        } else if (px_is(k, "Seasonality_ExpoSmooth")) {
            pa_req(c, k, "type");
            t->season = pa_enum(c, k, "type", season_names, 0) + 1;
            t->period = pa_int(c, k, "period", 0);
            if (!pa_str(k, "period"))
                pa_req(c, k, "period");
            if (t->period < 1)
                pm_bad(c, k, "period must be 1 or more");
            if (pa_int(c, k, "phase", 0) != 0)
                pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                         "Seasonality_ExpoSmooth: a phase other than 0 is not supported");
            t->indices = real_array(c, k, &t->nindices);
            if ((long)t->nindices != t->period)
                pm_bad(c, k, "%zu seasonal indices for a period of %ld", t->nindices, t->period);
        } else if (!px_is(k, "TimeValue") && !px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (!have_level)
        pm_bad(c, n, "the Level element is missing");
}

/* AR and MA of one ARIMA component; `what` names it for messages. */
static void parse_arma(pm_ctx *c, pm_timeseries *t, const px_node *n, pm_arma *a, int seasonal)
{
    size_t np, nq;
    a->p = pa_int(c, n, seasonal ? "P" : "p", 0);
    a->d = pa_int(c, n, seasonal ? "D" : "d", 0);
    a->q = pa_int(c, n, seasonal ? "Q" : "q", 0);
    if (a->p < 0 || a->d < 0 || a->q < 0 || a->p > 1000 || a->d > 10 || a->q > 1000)
        pm_bad(c, n, "orders must be from 0 to 1000 (differences to 10)");
    PX_FOREACH(k, n)
    {
        if (px_is(k, "AR")) {
            a->ar = real_array(c, k, &np);
            if ((long)np != a->p)
                pm_bad(c, k, "%zu AR coefficients for an order of %ld", np, a->p);
        } else if (px_is(k, "MA")) {
            PX_FOREACH(mk, k)
            {
                if (px_is(mk, "MACoefficients")) {
                    a->ma = real_array(c, mk, &nq);
                    if ((long)nq != a->q)
                        pm_bad(c, mk, "%zu MA coefficients for an order of %ld", nq, a->q);
                } else if (px_is(mk, "Residuals")) {
                    size_t nr;
                    double *r = real_array(c, mk, &nr);
                    if (nr > t->nresiduals) {
                        t->residuals = r;
                        t->nresiduals = nr;
                    }
                } else if (!px_ignorable(mk)) {
                    pm_unexpected(c, k, mk);
                }
            }
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (a->p && !a->ar)
        pm_bad(c, n, "the AR element is missing");
    if (a->q && !a->ma)
        pm_bad(c, n, "the MACoefficients element is missing");
}

static void parse_arima(pm_ctx *c, pm_timeseries *t, const px_node *n)
{
    static const char *const method_names[] = {"conditionalLeastSquares", "exactLeastSquares",
                                               NULL};
    t->arima_line = n->line;
    t->arima_transformation = pa_enum(c, n, "transformation", transformation_names, 0);
    t->constant = pa_num(c, n, "constantTerm", 0.0);
    t->has_rmse = pa_str(n, "RMSE") != NULL;
    t->rmse = pa_num(c, n, "RMSE", 0.0);
    if (pa_enum(c, n, "predictionMethod", method_names, 0) != 0)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "ARIMA: predictionMethod=\"exactLeastSquares\" is not supported "
                 "(conditionalLeastSquares is)");
    PX_FOREACH(k, n)
    {
        if (px_is(k, "NonseasonalComponent")) {
            parse_arma(c, t, k, &t->nonseasonal, 0);
        } else if (px_is(k, "SeasonalComponent")) {
            parse_arma(c, t, k, &t->seasonal, 1);
            t->season_period = pa_int(c, k, "period", 0);
            if (!pa_str(k, "period"))
                pa_req(c, k, "period");
            if (t->season_period < 1 || t->season_period > 10000)
                pm_bad(c, k, "period must be from 1 to 10000");
        } else if (px_is(k, "DynamicRegressor") || px_is(k, "OutlierEffect")) {
            pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                     "%s: ARIMA with regressors or outlier effects is not supported", k->name);
        } else if (px_is(k, "MaximumLikelihoodStat")) {
            continue; /* the state of exact least squares, which is refused */
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
}

int pm_parse_timeseries_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    pm_timeseries *t = &m->u.ts;
    if (px_is(k, "TimeSeries")) {
        parse_series(c, t, k);
        return 1;
    }
    if (px_is(k, "ExponentialSmoothing")) {
        if (t->best_fit == TS_EXPONENTIAL_SMOOTHING)
            parse_es(c, t, k);
        return 1;
    }
    if (px_is(k, "ARIMA")) {
        if (t->best_fit == TS_ARIMA)
            parse_arima(c, t, k);
        return 1;
    }
    /* the other algorithms, when bestFit is not one of them */
    return px_is(k, "SpectralAnalysis") || px_is(k, "SeasonalTrendDecomposition") ||
           px_is(k, "StateSpaceModel") || px_is(k, "GARCH") || px_is(k, "ModelStats") ||
           px_is(k, "ModelExplanation");
}

void pm_parse_timeseries_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    const pm_timeseries *t = &m->u.ts;
    if (m->function != FUNC_TIME_SERIES)
        pm_bad(c, n, "functionName must be \"timeSeries\"");
    if (t->best_fit == TS_EXPONENTIAL_SMOOTHING && !t->es_line)
        pm_bad(c, n,
               "bestFit=\"ExponentialSmoothing\" but the ExponentialSmoothing element is "
               "missing");
    if (t->best_fit == TS_ARIMA && !t->arima_line)
        pm_bad(c, n, "bestFit=\"ARIMA\" but the ARIMA element is missing");
}
