/* parse_stats.c - ModelStats: the summary of the training data that the
 * drift report compares scored inputs with (PMML 4.4 "Statistics").
 *
 * Only UnivariateStats are read: Counts, NumericInfo, DiscrStats and
 * ContStats.  Everything else inside ModelStats (MultivariateStats, Anova,
 * Quantile, PartitionFieldStats) stays documentation.  ModelStats was
 * ignored before it was read, so a number that does not parse makes that
 * statistic absent rather than failing the load. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"
#include "util/num.h"

static double stat_num(const px_node *n, const char *name)
{
    const char *s = pa_str(n, name);
    double d;
    if (!s || pm_parse_double(s, strlen(s), &d, NULL) != 0)
        return NAN;
    return d;
}

/* The Arrays of a DiscrStats or ContStats: the first `want` of them. */
static void arrays(pm_ctx *c, const px_node *n, pm_array **out, size_t want)
{
    size_t k = 0;
    PX_FOREACH(a, n) {
        if (px_is(a, "Array") && k < want)
            pm_parse_array(c, a, out[k++]);
    }
}

static void parse_univariate(pm_ctx *c, const px_node *n, pm_univariate *u)
{
    u->line = n->line;
    u->field = pa_str(n, "field");
    u->total = u->missing = u->invalid = NAN;
    u->minimum = u->maximum = u->mean = u->sd = u->median = u->iqr = NAN;
    u->total_sum = u->total_squares = NAN;
    PX_FOREACH(k, n) {
        if (px_is(k, "Counts")) {
            u->total = stat_num(k, "totalFreq");
            u->missing = stat_num(k, "missingFreq");
            u->invalid = stat_num(k, "invalidFreq");
        } else if (px_is(k, "NumericInfo")) {
            u->minimum = stat_num(k, "minimum");
            u->maximum = stat_num(k, "maximum");
            u->mean = stat_num(k, "mean");
            u->sd = stat_num(k, "standardDeviation");
            u->median = stat_num(k, "median");
            u->iqr = stat_num(k, "interQuartileRange");
        } else if (px_is(k, "DiscrStats")) {
            pm_array *a[2];
            a[0] = &u->discr_values;
            a[1] = &u->discr_counts;
            arrays(c, k, a, 2);
        } else if (px_is(k, "ContStats")) {
            pm_array *a[1];
            size_t i = 0;
            u->total_sum = stat_num(k, "totalValuesSum");
            u->total_squares = stat_num(k, "totalSquaresSum");
            u->nintervals = px_count(k, "Interval");
            u->intervals = PM_NEW_ARRAY(c, c->tmp, pm_interval, u->nintervals + 1);
            PX_FOREACH(iv, k) {
                if (px_is(iv, "Interval"))
                    pm_parse_interval(c, iv, &u->intervals[i++]);
            }
            a[0] = &u->cont_freqs;
            arrays(c, k, a, 1);
        }
    }
}

pm_modelstats *pm_parse_model_stats(pm_ctx *c, const px_node *n)
{
    pm_modelstats *s = PM_NEW(c, c->tmp, pm_modelstats);
    size_t i = 0;
    s->fields = PM_NEW_ARRAY(c, c->tmp, pm_univariate, px_count(n, "UnivariateStats") + 1);
    PX_FOREACH(k, n) {
        if (px_is(k, "UnivariateStats"))
            parse_univariate(c, k, &s->fields[i++]);
    }
    s->nfields = i;
    return s;
}
