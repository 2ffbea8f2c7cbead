/* compile_stats.c - the statistics plan of each input: its training
 * statistics from ModelStats, and the bins that scored values are counted
 * in, so that counting a row is arithmetic on indexes. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "compile/compile.h"
#include "compile/stats_plan.h"
#include "util/num.h"

/* The UnivariateStats of `name`: the top model's first, then those of the
 * models of its Segments, depth first (a model ensemble built by a tool
 * often keeps them on the segments only). */
static const pm_univariate *find_univariate(const pm_model *m, const char *name, int depth)
{
    size_t i;
    if (!m || depth > 64)
        return NULL;
    if (m->stats)
        for (i = 0; i < m->stats->nfields; i++)
            if (m->stats->fields[i].field && strcmp(m->stats->fields[i].field, name) == 0)
                return &m->stats->fields[i];
    if (m->type == MODEL_MINING)
        for (i = 0; i < m->u.mining.nsegments; i++) {
            const pm_univariate *u = find_univariate(m->u.mining.segments[i].model, name,
                                                     depth + 1);
            if (u)
                return u;
        }
    return NULL;
}

static double array_num(const pm_array *a, size_t i)
{
    double d;
    if (i >= a->n || pm_parse_double(a->items[i], strlen(a->items[i]), &d, NULL) != 0)
        return NAN;
    return d;
}

static void value_bins(ccomp *cc, const pl_input *in, const pm_univariate *u, pl_fieldstats *fs)
{
    const pl_domain *d = in->dom;
    size_t k, j;
    fs->bin_kind = SB_VALUES;
    fs->nbins = d->nvalid;
    fs->value_bin = PM_NEW_ARRAY(cc->c, cc->a, int32_t, d->nvalues + 1);
    fs->train_freq = PM_NEW_ARRAY(cc->c, cc->a, double, d->nvalid + 1);
    for (k = 0; k < d->nvalues; k++)
        fs->value_bin[k] = -1;
    for (k = 0; k < d->nvalid; k++) {
        fs->value_bin[d->valid_idx[k]] = (int32_t)k;
        fs->train_freq[k] = NAN;
    }
    if (!u || !u->discr_values.n || u->discr_counts.n != u->discr_values.n)
        return;
    /* DiscrStats lists categories with their counts; a category of no bin
     * (not a valid Value) has no place in the comparison. */
    for (j = 0; j < u->discr_values.n; j++) {
        pv v;
        int idx;
        if (!cx_try_value(cc, u->discr_values.items[j], in->datatype, &v))
            continue;
        idx = cx_domain_find(d, &v);
        if (idx >= 0 && fs->value_bin[idx] >= 0)
            fs->train_freq[fs->value_bin[idx]] = array_num(&u->discr_counts, j);
    }
    fs->has_train_hist = d->nvalid > 0;
    for (k = 0; k < d->nvalid; k++)
        if (isnan(fs->train_freq[k]))
            fs->train_freq[k] = 0.0; /* listed Values DiscrStats omits: never seen */
}

static void interval_bins(ccomp *cc, const pm_univariate *u, pl_fieldstats *fs)
{
    size_t k, n = u->nintervals;
    double count = 0.0;
    fs->bin_kind = SB_INTERVALS;
    fs->nbins = n;
    fs->bins = PM_NEW_ARRAY(cc->c, cc->a, pl_interval, n + 1);
    fs->train_freq = PM_NEW_ARRAY(cc->c, cc->a, double, n + 1);
    fs->has_train_hist = u->cont_freqs.n == n;
    fs->bins_sorted = 1;
    for (k = 0; k < n; k++) {
        const pm_interval *iv = &u->intervals[k];
        pl_interval *b = &fs->bins[k];
        b->left = iv->left;
        b->right = iv->right;
        b->left_closed = iv->closure == CLOSURE_CLOSED_OPEN || iv->closure == CLOSURE_CLOSED_CLOSED;
        b->right_closed = iv->closure == CLOSURE_OPEN_CLOSED || iv->closure == CLOSURE_CLOSED_CLOSED;
        fs->train_freq[k] = fs->has_train_hist ? array_num(&u->cont_freqs, k) : NAN;
        if (isnan(fs->train_freq[k]))
            fs->has_train_hist = 0;
        else
            count += fs->train_freq[k];
        if (k && (b->left < fs->bins[k - 1].right ||
                  (b->left == fs->bins[k - 1].right && b->left_closed &&
                   fs->bins[k - 1].right_closed)))
            fs->bins_sorted = 0;
    }
    if (n) {
        fs->has_range = 1;
        fs->range_lo = fs->bins[0].left;
        fs->range_hi = fs->bins[0].right;
        for (k = 1; k < n; k++) {
            if (fs->bins[k].left < fs->range_lo)
                fs->range_lo = fs->bins[k].left;
            if (fs->bins[k].right > fs->range_hi)
                fs->range_hi = fs->bins[k].right;
        }
    }
    /* ContStats alone gives the mean and standard deviation (PMML 4.4
     * "Statistics": totalValuesSum, totalSquaresSum over the counted values). */
    if (fs->has_train_hist && count > 0) {
        double *t = fs->train;
        if (isnan(t[PMML_TRAINING_MEAN - 1]) && !isnan(u->total_sum))
            t[PMML_TRAINING_MEAN - 1] = u->total_sum / count;
        if (isnan(t[PMML_TRAINING_SD - 1]) && !isnan(u->total_sum) && !isnan(u->total_squares)) {
            double mean = u->total_sum / count;
            double var = u->total_squares / count - mean * mean;
            t[PMML_TRAINING_SD - 1] = var > 0 ? sqrt(var) : 0.0;
        }
    }
}

void cx_stats(ccomp *cc)
{
    pmml_model *m = cc->m;
    pl_fieldstats *all = PM_NEW_ARRAY(cc->c, cc->a, pl_fieldstats, m->ninputs + 1);
    size_t i, k;
    for (i = 0; i < m->ninputs; i++) {
        const pl_input *in = &m->inputs[i];
        pl_fieldstats *fs = &all[i];
        const pm_univariate *u = find_univariate(cc->doc->model, in->name, 0);
        int string = pm_type_is_string(in->datatype);
        for (k = 0; k < 9; k++)
            fs->train[k] = NAN;
        if (u) {
            fs->train[PMML_TRAINING_TOTAL - 1] = u->total;
            fs->train[PMML_TRAINING_MISSING - 1] = u->missing;
            fs->train[PMML_TRAINING_INVALID - 1] = u->invalid;
            fs->train[PMML_TRAINING_MIN - 1] = u->minimum;
            fs->train[PMML_TRAINING_MAX - 1] = u->maximum;
            fs->train[PMML_TRAINING_MEAN - 1] = u->mean;
            fs->train[PMML_TRAINING_SD - 1] = u->sd;
            fs->train[PMML_TRAINING_MEDIAN - 1] = u->median;
            fs->train[PMML_TRAINING_IQR - 1] = u->iqr;
        }
        fs->numeric = in->optype == PMML_OPTYPE_CONTINUOUS && !string &&
                      in->datatype != PMML_TYPE_BOOLEAN;
        fs->categorical = in->optype != PMML_OPTYPE_CONTINUOUS && in->dom && in->dom->nvalid;
        if (fs->categorical)
            value_bins(cc, in, u, fs);
        else if (fs->numeric && u && u->nintervals)
            interval_bins(cc, u, fs);
        if (fs->numeric && !fs->has_range && u && !isnan(u->minimum) && !isnan(u->maximum)) {
            fs->has_range = 1;
            fs->range_lo = u->minimum;
            fs->range_hi = u->maximum;
        }
    }
    m->fstats = all;
}
