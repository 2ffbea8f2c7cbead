/* stats_api.c - reading, merging and writing scoring statistics, and the
 * drift measures that compare them with the model's training statistics. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "api/stats.h"
#include "compile/plan.h"
#include "compile/stats_plan.h"
#include "util/alloc.h"
#include "util/num.h"

/* A share below this counts as this in the population stability index, so
 * that an empty bin does not make it infinite (the usual convention). */
#define PSI_FLOOR 0.0001

int pmml_stats_new(pmml_stats **out, const pmml_model *model)
{
    pmml_stats *s;
    if (!out)
        return PMML_ERR_ARG;
    *out = NULL;
    if (!model)
        return PMML_ERR_ARG;
    s = pm_calloc(&model->al, 1, sizeof *s);
    if (!s)
        return PMML_ERR_NOMEM;
    s->model = model;
    if (pmml__stats_init(&s->c, model) != 0) {
        pm_free(&model->al, s);
        return PMML_ERR_NOMEM;
    }
    *out = s;
    return PMML_OK;
}

void pmml_stats_free(pmml_stats *stats)
{
    if (!stats)
        return;
    pmml__stats_release(&stats->c, stats->model);
    pm_free(&stats->model->al, stats);
}

int pmml_stats_merge(pmml_stats *stats, const pmml_stats *other)
{
    if (!stats || !other || stats->model != other->model)
        return PMML_ERR_ARG;
    if (stats == other) {
        /* adding an object to itself doubles it: add a copy */
        pmml_stats *copy;
        int rc = pmml_stats_new(&copy, stats->model);
        if (rc != PMML_OK)
            return rc;
        pmml__stats_add(&copy->c, &other->c, stats->model);
        pmml__stats_add(&stats->c, &copy->c, stats->model);
        pmml_stats_free(copy);
        return PMML_OK;
    }
    pmml__stats_add(&stats->c, &other->c, stats->model);
    return PMML_OK;
}

uint64_t pmml_stats_count(const pmml_stats *stats, int what)
{
    uint64_t n = 0;
    size_t j;
    if (!stats)
        return 0;
    switch (what) {
    case PMML_STATS_ROWS:
        return stats->c.rows;
    case PMML_STATS_BATCHES:
        return stats->c.batches;
    case PMML_STATS_OK:
        return stats->c.status[0];
    case PMML_STATS_FAILED:
        for (j = 1; j < ST_STATUS; j++)
            n += stats->c.status[j];
        return n;
    case PMML_STATS_MISSING_RESULT:
        return stats->c.missing_results;
    case PMML_STATS_LATENCY_NS:
        return stats->c.latency_ns;
    }
    return 0;
}

uint64_t pmml_stats_status_count(const pmml_stats *stats, int status)
{
    if (!stats || status > 0 || status <= -(ST_STATUS - 1))
        return 0;
    return stats->c.status[-status];
}

size_t pmml_stats_latency_buckets(void)
{
    return ST_LATENCY;
}

uint64_t pmml_stats_latency(const pmml_stats *stats, size_t j, double *upper)
{
    if (upper)
        *upper = j + 1 < ST_LATENCY ? ldexp(1.0, (int)j) : HUGE_VAL;
    if (!stats || j >= ST_LATENCY)
        return 0;
    return stats->c.latency[j];
}

static const st_field *field(const pmml_stats *stats, size_t i)
{
    if (!stats || i >= stats->model->ninputs)
        return NULL;
    return &stats->c.fields[i];
}

uint64_t pmml_stats_input_count(const pmml_stats *stats, size_t i, int what)
{
    const st_field *f = field(stats, i);
    if (!f)
        return 0;
    switch (what) {
    case PMML_STATS_INPUT_VALID:
        return f->valid;
    case PMML_STATS_INPUT_MISSING:
        return f->missing;
    case PMML_STATS_INPUT_INVALID:
        return f->invalid;
    case PMML_STATS_INPUT_OUTLIERS:
        return f->outliers;
    case PMML_STATS_INPUT_UNSEEN:
        return f->unseen;
    case PMML_STATS_INPUT_OUTSIDE:
        return f->outside;
    }
    return 0;
}

double pmml_stats_input_number(const pmml_stats *stats, size_t i, int what)
{
    const st_field *f = field(stats, i);
    if (!f || !f->nnum)
        return NAN;
    switch (what) {
    case PMML_STATS_INPUT_MEAN:
        return f->mean;
    case PMML_STATS_INPUT_SD:
        return sqrt(f->m2 / (double)f->nnum);
    case PMML_STATS_INPUT_MIN:
        return f->min;
    case PMML_STATS_INPUT_MAX:
        return f->max;
    }
    return NAN;
}

const char *pmml_stats_input_unseen(const pmml_stats *stats, size_t i, size_t j, uint64_t *count)
{
    const st_field *f = field(stats, i);
    size_t k, rank, best = 0;
    if (count)
        *count = 0;
    if (!f || j >= f->ntop)
        return NULL;
    /* the j-th by count, ties in the order first seen */
    for (k = 0; k < f->ntop; k++) {
        size_t m;
        rank = 0;
        for (m = 0; m < f->ntop; m++)
            if (f->top[m].count > f->top[k].count || (f->top[m].count == f->top[k].count && m < k))
                rank++;
        if (rank == j) {
            best = k;
            break;
        }
    }
    if (count)
        *count = f->top[best].count;
    return f->top[best].text;
}

size_t pmml_model_input_bin_count(const pmml_model *model, size_t i)
{
    if (!model || i >= model->ninputs)
        return 0;
    return model->fstats[i].nbins;
}

int pmml_model_input_bin(const pmml_model *model, size_t i, size_t j, double *left, double *right,
                         const char **value, double *training)
{
    const pl_fieldstats *fs;
    if (!model || i >= model->ninputs || j >= model->fstats[i].nbins)
        return PMML_ERR_ARG;
    fs = &model->fstats[i];
    if (left)
        *left = fs->bin_kind == SB_INTERVALS ? fs->bins[j].left : NAN;
    if (right)
        *right = fs->bin_kind == SB_INTERVALS ? fs->bins[j].right : NAN;
    if (value) {
        const pl_domain *d = model->inputs[i].dom;
        *value = fs->bin_kind == SB_VALUES ? d->texts[d->valid_idx[j]] : NULL;
    }
    if (training)
        *training = fs->train_freq[j];
    return PMML_OK;
}

uint64_t pmml_stats_input_bin(const pmml_stats *stats, size_t i, size_t j)
{
    const st_field *f = field(stats, i);
    if (!f || j >= stats->model->fstats[i].nbins)
        return 0;
    return f->bins[j];
}

double pmml_model_input_training(const pmml_model *model, size_t i, int what)
{
    if (!model || i >= model->ninputs || what < PMML_TRAINING_TOTAL || what > PMML_TRAINING_IQR)
        return NAN;
    return model->fstats[i].train[what - 1];
}

static double psi_term(double a, double e)
{
    if (a < PSI_FLOOR)
        a = PSI_FLOOR;
    if (e < PSI_FLOOR)
        e = PSI_FLOOR;
    return (a - e) * log(a / e);
}

/* The population stability index over the bins, with the values in no bin
 * (numbers outside every interval, unseen categories) as one more bin that
 * training never saw. */
static double psi(const pmml_stats *stats, size_t i)
{
    const pl_fieldstats *fs = &stats->model->fstats[i];
    const st_field *f = &stats->c.fields[i];
    double train = 0.0, seen = 0.0, extra, sum = 0.0;
    size_t j;
    if (!fs->has_train_hist || !fs->nbins)
        return NAN;
    extra = (double)(fs->bin_kind == SB_INTERVALS ? f->outside : f->unseen);
    for (j = 0; j < fs->nbins; j++) {
        train += fs->train_freq[j];
        seen += (double)f->bins[j];
    }
    seen += extra;
    if (train <= 0.0 || seen <= 0.0)
        return NAN;
    for (j = 0; j < fs->nbins; j++)
        sum += psi_term((double)f->bins[j] / seen, fs->train_freq[j] / train);
    return sum + psi_term(extra / seen, 0.0);
}

double pmml_stats_input_drift(const pmml_stats *stats, size_t i, int what)
{
    const st_field *f = field(stats, i);
    const pl_fieldstats *fs;
    double rows, mean, sd;
    if (!f)
        return NAN;
    fs = &stats->model->fstats[i];
    rows = (double)stats->c.rows;
    switch (what) {
    case PMML_DRIFT_MISSING_RATE:
        return rows > 0 ? (double)f->missing / rows : NAN;
    case PMML_DRIFT_INVALID_RATE:
        return rows > 0 ? (double)f->invalid / rows : NAN;
    case PMML_DRIFT_UNSEEN_RATE:
        return rows > 0 && fs->categorical ? (double)f->unseen / rows : NAN;
    case PMML_DRIFT_OUTSIDE_SHARE:
        if (!f->nnum || !(fs->has_range || fs->bin_kind == SB_INTERVALS))
            return NAN;
        return (double)f->outside / (double)f->nnum;
    case PMML_DRIFT_MEAN_SHIFT:
        mean = fs->train[PMML_TRAINING_MEAN - 1];
        sd = fs->train[PMML_TRAINING_SD - 1];
        if (!f->nnum || isnan(mean) || !(sd > 0.0))
            return NAN;
        return (f->mean - mean) / sd;
    case PMML_DRIFT_PSI:
        return psi(stats, i);
    }
    return NAN;
}

/* ---- JSON ---- */

typedef struct jw {
    pmml_write_fn write;
    void *payload;
    int failed;
} jw;

static void put(jw *w, const char *s, size_t n)
{
    if (!w->failed && w->write(s, n, w->payload) != 0)
        w->failed = 1;
}

static void puts_(jw *w, const char *s)
{
    put(w, s, strlen(s));
}

static void put_u64(jw *w, uint64_t n)
{
    char buf[32];
    int k = snprintf(buf, sizeof buf, "%llu", (unsigned long long)n);
    put(w, buf, (size_t)k);
}

static void put_num(jw *w, double d)
{
    char buf[PM_NUMBUF];
    if (!isfinite(d)) {
        puts_(w, "null");
        return;
    }
    put(w, buf, pm_format_double(buf, d));
}

static void put_str(jw *w, const char *s)
{
    const char *p;
    put(w, "\"", 1);
    for (p = s; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch == '"' || ch == '\\') {
            char e[2] = {'\\', (char)ch};
            put(w, e, 2);
        } else if (ch < 0x20) {
            char e[8];
            snprintf(e, sizeof e, "\\u%04x", ch);
            put(w, e, 6);
        } else {
            put(w, p, 1);
        }
    }
    put(w, "\"", 1);
}

static void key(jw *w, const char *k)
{
    put_str(w, k);
    put(w, ":", 1);
}

static void put_input(jw *w, const pmml_stats *stats, size_t i)
{
    const pmml_model *m = stats->model;
    const pl_fieldstats *fs = &m->fstats[i];
    static const struct {
        const char *name;
        int what;
    } counts[] = {{"valid", PMML_STATS_INPUT_VALID},     {"missing", PMML_STATS_INPUT_MISSING},
                  {"invalid", PMML_STATS_INPUT_INVALID}, {"outliers", PMML_STATS_INPUT_OUTLIERS},
                  {"unseen", PMML_STATS_INPUT_UNSEEN},   {"outside", PMML_STATS_INPUT_OUTSIDE}},
      numbers[] = {{"mean", PMML_STATS_INPUT_MEAN},
                   {"sd", PMML_STATS_INPUT_SD},
                   {"min", PMML_STATS_INPUT_MIN},
                   {"max", PMML_STATS_INPUT_MAX}},
      drifts[] = {
          {"missing_rate", PMML_DRIFT_MISSING_RATE}, {"invalid_rate", PMML_DRIFT_INVALID_RATE},
          {"unseen_rate", PMML_DRIFT_UNSEEN_RATE},   {"outside_share", PMML_DRIFT_OUTSIDE_SHARE},
          {"mean_shift", PMML_DRIFT_MEAN_SHIFT},     {"psi", PMML_DRIFT_PSI}};
    size_t k, j;
    puts_(w, "    {");
    key(w, "name");
    put_str(w, m->inputs[i].name);
    puts_(w, ",");
    key(w, "optype");
    put_str(w, pmml_optype_name(m->inputs[i].optype));
    for (k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        puts_(w, ",");
        key(w, counts[k].name);
        put_u64(w, pmml_stats_input_count(stats, i, counts[k].what));
    }
    if (fs->numeric)
        for (k = 0; k < sizeof numbers / sizeof numbers[0]; k++) {
            puts_(w, ",");
            key(w, numbers[k].name);
            put_num(w, pmml_stats_input_number(stats, i, numbers[k].what));
        }
    puts_(w, ",");
    key(w, "unseen_values");
    puts_(w, "[");
    for (j = 0;; j++) {
        uint64_t n;
        const char *v = pmml_stats_input_unseen(stats, i, j, &n);
        if (!v)
            break;
        puts_(w, j ? ",{" : "{");
        key(w, "value");
        put_str(w, v);
        puts_(w, ",");
        key(w, "count");
        put_u64(w, n);
        puts_(w, "}");
    }
    puts_(w, "],");
    key(w, "bins");
    puts_(w, "[");
    for (j = 0; j < fs->nbins; j++) {
        double left, right, train;
        const char *value;
        if (pmml_model_input_bin(m, i, j, &left, &right, &value, &train) != PMML_OK)
            break;
        puts_(w, j ? ",{" : "{");
        if (value) {
            key(w, "value");
            put_str(w, value);
        } else {
            key(w, "left");
            put_num(w, left);
            puts_(w, ",");
            key(w, "right");
            put_num(w, right);
        }
        puts_(w, ",");
        key(w, "count");
        put_u64(w, pmml_stats_input_bin(stats, i, j));
        puts_(w, ",");
        key(w, "training");
        put_num(w, train);
        puts_(w, "}");
    }
    puts_(w, "],");
    key(w, "drift");
    puts_(w, "{");
    for (k = 0; k < sizeof drifts / sizeof drifts[0]; k++) {
        if (k)
            puts_(w, ",");
        key(w, drifts[k].name);
        put_num(w, pmml_stats_input_drift(stats, i, drifts[k].what));
    }
    puts_(w, "}}");
}

int pmml_stats_write_json(const pmml_stats *stats, pmml_write_fn write, void *payload)
{
    jw w;
    const pmml_model *m;
    size_t i, j;
    int first;
    if (!stats || !write)
        return PMML_ERR_ARG;
    m = stats->model;
    w.write = write;
    w.payload = payload;
    w.failed = 0;
    puts_(&w, "{\n  ");
    key(&w, "model");
    put_str(&w, m->type);
    puts_(&w, ",\n  ");
    key(&w, "rows");
    put_u64(&w, stats->c.rows);
    puts_(&w, ",\n  ");
    key(&w, "batches");
    put_u64(&w, stats->c.batches);
    puts_(&w, ",\n  ");
    key(&w, "ok");
    put_u64(&w, stats->c.status[0]);
    puts_(&w, ",\n  ");
    key(&w, "failed");
    put_u64(&w, pmml_stats_count(stats, PMML_STATS_FAILED));
    puts_(&w, ",\n  ");
    key(&w, "missing_result");
    put_u64(&w, stats->c.missing_results);
    puts_(&w, ",\n  ");
    key(&w, "status");
    puts_(&w, "{");
    first = 1;
    for (j = 1; j < ST_STATUS; j++) {
        char code[16];
        if (!stats->c.status[j])
            continue;
        if (!first)
            puts_(&w, ",");
        first = 0;
        snprintf(code, sizeof code, "%d", -(int)j);
        key(&w, code);
        put_u64(&w, stats->c.status[j]);
    }
    puts_(&w, "},\n  ");
    key(&w, "latency");
    puts_(&w, "{");
    key(&w, "total_ns");
    put_u64(&w, stats->c.latency_ns);
    puts_(&w, ",");
    key(&w, "below_us");
    puts_(&w, "{");
    first = 1;
    for (j = 0; j < ST_LATENCY; j++) {
        char bound[32];
        double upper;
        uint64_t n = pmml_stats_latency(stats, j, &upper);
        if (!n)
            continue;
        if (!first)
            puts_(&w, ",");
        first = 0;
        if (isfinite(upper))
            snprintf(bound, sizeof bound, "%.0f", upper);
        else
            snprintf(bound, sizeof bound, "inf");
        key(&w, bound);
        put_u64(&w, n);
    }
    puts_(&w, "}},\n  ");
    key(&w, "inputs");
    puts_(&w, "[\n");
    for (i = 0; i < m->ninputs; i++) {
        put_input(&w, stats, i);
        puts_(&w, i + 1 < m->ninputs ? ",\n" : "\n");
    }
    puts_(&w, "  ]\n}\n");
    return w.failed ? PMML_ERR_IO : PMML_OK;
}
