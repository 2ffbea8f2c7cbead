/* stats.c - counting what a scorer scores (the counters behind pmml_stats):
 * per batch, one pass over each bound input column, classifying each value
 * as the row evaluator's input preparation does (PMML 4.4 "MiningSchema":
 * missing, invalid, valid, outliers), with everything model-dependent - the
 * domain lookups, the bins - prepared at load time (compile_stats.c). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "api/stats.h"
#include "compile/compile.h"
#include "compile/stats_plan.h"
#include "eval/eval.h"
#include "eval/vec.h"
#include "util/datetime.h"
#include "util/num.h"
#include "util/strtab.h"

int pmml__stats_init(st_counters *st, const pmml_model *m)
{
    size_t i;
    memset(st, 0, sizeof *st);
    st->fields = pm_calloc(&m->al, m->ninputs + 1, sizeof *st->fields);
    if (!st->fields)
        return -1;
    for (i = 0; i < m->ninputs; i++) {
        st->fields[i].bins = pm_calloc(&m->al, m->fstats[i].nbins + 1, sizeof(uint64_t));
        if (!st->fields[i].bins) {
            pmml__stats_release(st, m);
            return -1;
        }
    }
    pmml__stats_zero(st, m);
    return 0;
}

void pmml__stats_release(st_counters *st, const pmml_model *m)
{
    size_t i;
    if (!st->fields)
        return;
    for (i = 0; i < m->ninputs; i++)
        pm_free(&m->al, st->fields[i].bins);
    pm_free(&m->al, st->fields);
    st->fields = NULL;
}

void pmml__stats_zero(st_counters *st, const pmml_model *m)
{
    st_field *fields = st->fields;
    size_t i;
    memset(st, 0, sizeof *st);
    st->fields = fields;
    for (i = 0; i < m->ninputs; i++) {
        uint64_t *bins = fields[i].bins;
        memset(&fields[i], 0, sizeof fields[i]);
        fields[i].bins = bins;
        memset(bins, 0, m->fstats[i].nbins * sizeof *bins);
        fields[i].min = fields[i].max = NAN;
        pm_vec_lanes_init(&fields[i].pl);
    }
}

void pmml__stats_latency(st_counters *st, uint64_t ns)
{
    uint64_t us = ns / 1000;
    unsigned k = 0;
    while (us && k < ST_LATENCY - 1) {
        us >>= 1;
        k++;
    }
    st->latency[k]++;
    st->latency_ns += ns;
}

/* ---- unseen categories: the space-saving algorithm over ST_TOP slots ---- */

static void note_unseen(st_field *f, const char *s, size_t len, uint64_t count)
{
    size_t i, low = 0;
    if (len > ST_TOP_TEXT - 1)
        len = ST_TOP_TEXT - 1;
    for (i = 0; i < f->ntop; i++)
        if (strncmp(f->top[i].text, s, len) == 0 && f->top[i].text[len] == '\0') {
            f->top[i].count += count;
            return;
        }
    if (f->ntop < ST_TOP) {
        i = f->ntop++;
        f->top[i].count = count;
    } else {
        /* replace the least counted; the newcomer inherits its count, so
         * counts stay upper bounds */
        for (i = 1; i < ST_TOP; i++)
            if (f->top[i].count < f->top[low].count)
                low = i;
        i = low;
        f->top[i].count += count;
    }
    memcpy(f->top[i].text, s, len);
    f->top[i].text[len] = '\0';
}

static void note_unseen_number(st_field *f, double x, int datatype)
{
    char buf[PM_NUMBUF];
    size_t n = datatype == PMML_TYPE_INTEGER ? pm_format_integer(buf, x) : pm_format_double(buf, x);
    note_unseen(f, buf, n, 1);
}

/* ---- one batch ---- */

/* What one batch counted for one field, folded into the field at the end. */
typedef struct acc {
    uint64_t valid, missing, invalid, outliers, unseen, outside, n;
    double k, s1, s2, min, max; /* sums of x - k and (x - k)^2: shifted data */
    int have_k;
} acc;

static int find_bin(const pl_fieldstats *fs, double x)
{
    size_t lo = 0, hi = fs->nbins, j;
    const pl_interval *b = fs->bins;
    if (fs->bins_sorted) {
        /* the last bin starting at or before x, or the one before it when x
         * is its open left margin */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (b[mid].left <= x)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (j = lo; j-- > 0 && j + 2 >= lo;)
            if ((b[j].left_closed ? x >= b[j].left : x > b[j].left) &&
                (b[j].right_closed ? x <= b[j].right : x < b[j].right))
                return (int)j;
        return -1;
    }
    for (j = 0; j < fs->nbins; j++)
        if ((b[j].left_closed ? x >= b[j].left : x > b[j].left) &&
            (b[j].right_closed ? x <= b[j].right : x < b[j].right))
            return (int)j;
    return -1;
}

/* A valid number (k: its domain value index, or -1). */
static inline void count_valid(st_field *f, acc *a, const pl_input *in, const pl_fieldstats *fs,
                               double x, int k)
{
    const pl_treat *t = &in->treat;
    a->valid++;
    if (fs->bin_kind == SB_VALUES && k >= 0 && fs->value_bin[k] >= 0)
        f->bins[fs->value_bin[k]]++;
    if (!fs->numeric)
        return;
    if ((t->has_low && x < t->low) || (t->has_high && x > t->high))
        a->outliers++;
    if (!a->have_k) {
        a->k = x;
        a->have_k = 1;
    }
    a->s1 += x - a->k;
    a->s2 += (x - a->k) * (x - a->k);
    a->n++;
    if (x < a->min)
        a->min = x;
    if (x > a->max)
        a->max = x;
    if (fs->bin_kind == SB_INTERVALS) {
        int b = find_bin(fs, x);
        if (b < 0)
            a->outside++;
        else
            f->bins[b]++;
    } else if (fs->has_range && (x < fs->range_lo || x > fs->range_hi)) {
        a->outside++;
    }
}

/* PROP_* of a value of the field's type, as the row evaluator's
 * domain_property() decides it; *k is its domain index or -1 and *unseen
 * says it is a category the field does not list. */
static int classify(const pl_domain *d, const pl_fieldstats *fs, const pv *v, int *k, int *unseen)
{
    int prop;
    *k = -1;
    *unseen = 0;
    if (!d)
        return PROP_VALID;
    prop = pm_domain_lookup(d, v, k);
    /* not listed, not in an Interval, and the field lists its values */
    if (prop == PROP_INVALID && *k < 0 && !d->nintervals)
        *unseen = fs->categorical;
    return prop;
}

static void count_text(st_field *f, acc *a, const pmml_model *m, const pl_input *in,
                       const pl_fieldstats *fs, const char *s, size_t len);

static inline void count_number(st_field *f, acc *a, const pmml_model *m, const pl_input *in,
                                const pl_fieldstats *fs, double x)
{
    const pl_domain *d = in->dom;
    pv v;
    int k, unseen, prop;
    if (isnan(x)) {
        a->missing++;
        return;
    }
    switch (in->datatype) {
    case PMML_TYPE_STRING: {
        char buf[PM_NUMBUF];
        size_t n = pm_format_integer(buf, x);
        count_text(f, a, m, in, fs, buf, n);
        return;
    }
    case PMML_TYPE_INTEGER:
        if (x != floor(x)) {
            a->invalid++;
            return;
        }
        break;
    case PMML_TYPE_FLOAT:
        x = (double)(float)x;
        break;
    case PMML_TYPE_BOOLEAN:
        if (x != 0.0 && x != 1.0) {
            a->invalid++;
            return;
        }
        break;
    }
    if (!d || (!d->nkeys && !d->nintervals && !d->has_valid)) {
        count_valid(f, a, in, fs, x, -1);
        return;
    }
    v = pv_num(x, in->datatype);
    prop = classify(d, fs, &v, &k, &unseen);
    if (prop == PROP_MISSING) {
        a->missing++;
    } else if (prop == PROP_VALID) {
        count_valid(f, a, in, fs, x, k);
    } else {
        a->invalid++;
        if (unseen) {
            a->unseen++;
            note_unseen_number(f, x, in->datatype);
        }
    }
}

static void count_text(st_field *f, acc *a, const pmml_model *m, const pl_input *in,
                       const pl_fieldstats *fs, const char *s, size_t len)
{
    const pl_domain *d = in->dom;
    pv v;
    double x = 0.0;
    int ok, k, unseen, prop;
    size_t i;
    if (d && d->nmarkers) {
        /* "NA" and the like, matched as text */
        for (i = 0; i < d->nvalues; i++) {
            const pv *mk = &d->values[i];
            if (mk->st == VS_INVALID && mk->len == len && memcmp(mk->s, s, len) == 0) {
                if (d->props[i] == PROP_MISSING)
                    a->missing++;
                else
                    a->invalid++;
                return;
            }
        }
    }
    if (!pm_type_is_string(in->datatype)) {
        switch (in->datatype) {
        case PMML_TYPE_INTEGER:
            ok = pm_parse_integer(s, len, &x) == 0;
            break;
        case PMML_TYPE_BOOLEAN:
            ok = pm_parse_boolean(s, len, &x) == 0;
            break;
        case PMML_TYPE_FLOAT:
        case PMML_TYPE_DOUBLE:
            ok = pm_parse_double(s, len, &x, NULL) == 0;
            break;
        default:
            ok = pm_parse_temporal(s, len, in->datatype, &x) == 0;
            break;
        }
        if (!ok)
            a->invalid++;
        else if (isnan(x))
            a->invalid++; /* "NaN" as text is a number of no field's domain */
        else
            count_number(f, a, m, in, fs, x);
        return;
    }
    v = pv_missing();
    v.st = VS_VALID;
    v.t = PMML_TYPE_STRING;
    v.s = s;
    v.len = (uint32_t)len;
    v.id = pm_strtab_find(&m->strings, s, len);
    prop = classify(d, fs, &v, &k, &unseen);
    if (prop == PROP_MISSING) {
        a->missing++;
    } else if (prop == PROP_VALID) {
        count_valid(f, a, in, fs, NAN, k);
    } else {
        a->invalid++;
        if (unseen) {
            a->unseen++;
            note_unseen(f, s, len, 1);
        }
    }
}

static void fold(st_field *f, const acc *a)
{
    f->valid += a->valid;
    f->missing += a->missing;
    f->invalid += a->invalid;
    f->outliers += a->outliers;
    f->unseen += a->unseen;
    f->outside += a->outside;
    if (a->n) {
        /* Chan et al.: the batch's mean and M2, merged into the field's */
        double n = (double)a->n, mb = a->k + a->s1 / n, m2b = a->s2 - a->s1 * a->s1 / n;
        double na = (double)f->nnum, tot = na + n, delta = mb - f->mean;
        if (m2b < 0)
            m2b = 0;
        f->mean = f->nnum ? f->mean + delta * n / tot : mb;
        f->m2 = f->nnum ? f->m2 + m2b + delta * delta * na * n / tot : m2b;
        f->min = f->nnum && f->min < a->min ? f->min : a->min;
        f->max = f->nnum && f->max > a->max ? f->max : a->max;
        f->nnum += a->n;
    }
}

static const void *elem(const pmml_column *c, size_t row, size_t size)
{
    return (const char *)c->data + row * (c->stride ? c->stride : size);
}

static int plain_field(const pl_input *in, const pl_fieldstats *fs)
{
    return in->datatype == PMML_TYPE_DOUBLE && fs->numeric && fs->bin_kind == SB_NONE &&
           (!in->dom ||
            (!in->dom->nkeys && !in->dom->nintervals && !in->dom->has_valid && !in->dom->nmarkers));
}

/* Counts n doubles of a plain_field (NaN: missing): sums in vector lanes,
 * shifted by one k for the whole batch and merged into the field at its end
 * (the merge costs divisions, too many to pay for every block). */
static void count_plain(st_field *f, const pl_input *in, const pl_fieldstats *fs, const double *x,
                        size_t n)
{
    const pl_treat *t = &in->treat;
    double low = t->has_low ? t->low : -HUGE_VAL, high = t->has_high ? t->high : HUGE_VAL;
    double rlo = fs->has_range ? fs->range_lo : -HUGE_VAL;
    double rhi = fs->has_range ? fs->range_hi : HUGE_VAL;
    double k = f->pk;
    pm_vec_sums v;
    size_t r;
    if (!f->pn) {
        k = f->nnum ? f->mean : 0.0;
        for (r = 0; !f->nnum && r < n; r++)
            if (!isnan(x[r])) {
                k = x[r];
                break;
            }
        if (isnan(k) || isinf(k))
            k = 0.0;
    }
    if (pm_vec_add_plain(&f->pl, x, n, k, low > rlo ? low : rlo, high < rhi ? high : rhi)) {
        f->valid += n;
        f->pn += n;
        f->pk = k;
        return;
    }
    pm_vec_sum_doubles(x, n, k, low, high, rlo, rhi, &v);
    f->missing += v.missing;
    f->valid += v.n;
    f->outliers += v.outliers;
    f->outside += v.outside;
    if (v.n) {
        f->pl.s1[0] += v.s1;
        f->pl.s2[0] += v.s2;
        f->pl.mn[0] = v.min < f->pl.mn[0] ? v.min : f->pl.mn[0];
        f->pl.mx[0] = v.max > f->pl.mx[0] ? v.max : f->pl.mx[0];
        f->pn += v.n;
        f->pk = k;
    }
}

/* Counts rows [row0, row0 + nrows) of column c (NULL: no column feeds the
 * field).  The column is shifted to start at row0. */
static void count_column(st_field *f, const pmml_model *m, const pl_input *in,
                         const pl_fieldstats *fs, const pmml_column *col, size_t row0, size_t nrows)
{
    pmml_column shifted, *c = NULL;
    acc a;
    size_t r;
    memset(&a, 0, sizeof a);
    a.min = HUGE_VAL;
    a.max = -HUGE_VAL;
    if (f->nnum) {
        a.k = f->mean;
        a.have_k = 1;
    }
    if (!col) {
        a.missing = nrows;
        fold(f, &a);
        return;
    }
    shifted = *col;
    c = &shifted;
    if (row0) {
        size_t size = c->type == PMML_COL_DOUBLE || c->type == PMML_COL_INT64 ? 8
                      : c->type == PMML_COL_STRING                            ? sizeof(char *)
                      : c->type == PMML_COL_STRVIEW                           ? sizeof(pmml_strview)
                      : c->type == PMML_COL_CODE                              ? sizeof(int32_t)
                                                                              : 1;
        c->data = elem(col, row0, size);
        if (c->valid)
            c->valid += row0;
    }
    if (c->type == PMML_COL_DOUBLE && !c->valid &&
        (c->stride == 0 || c->stride == sizeof(double)) && plain_field(in, fs)) {
        /* the common case, a plain column of numbers */
        count_plain(f, in, fs, c->data, nrows);
        return;
    }
    switch (c->type) {
    case PMML_COL_DOUBLE:
        for (r = 0; r < nrows; r++) {
            double x;
            memcpy(&x, elem(c, r, sizeof x), sizeof x);
            if (c->valid && !c->valid[r])
                x = NAN;
            count_number(f, &a, m, in, fs, x);
        }
        break;
    case PMML_COL_INT64:
        for (r = 0; r < nrows; r++) {
            int64_t i;
            memcpy(&i, elem(c, r, sizeof i), sizeof i);
            count_number(f, &a, m, in, fs, c->valid && !c->valid[r] ? NAN : (double)i);
        }
        break;
    case PMML_COL_BOOL:
        for (r = 0; r < nrows; r++) {
            int b = *(const uint8_t *)elem(c, r, 1) != 0;
            if (c->valid && !c->valid[r])
                a.missing++;
            else if (pm_type_is_string(in->datatype))
                count_text(f, &a, m, in, fs, b ? "true" : "false", b ? 4 : 5);
            else
                count_number(f, &a, m, in, fs, b);
        }
        break;
    case PMML_COL_STRING:
        for (r = 0; r < nrows; r++) {
            const char *s;
            memcpy(&s, elem(c, r, sizeof s), sizeof s);
            if (!s || (c->valid && !c->valid[r]))
                a.missing++;
            else
                count_text(f, &a, m, in, fs, s, strlen(s));
        }
        break;
    case PMML_COL_STRVIEW:
        for (r = 0; r < nrows; r++) {
            pmml_strview sv;
            memcpy(&sv, elem(c, r, sizeof sv), sizeof sv);
            if (!sv.ptr || (c->valid && !c->valid[r]))
                a.missing++;
            else
                count_text(f, &a, m, in, fs, sv.ptr, sv.len);
        }
        break;
    case PMML_COL_CODE: {
        const pl_domain *d = in->dom;
        for (r = 0; r < nrows; r++) {
            int32_t k;
            memcpy(&k, elem(c, r, sizeof k), sizeof k);
            if (k < 0 || (c->valid && !c->valid[r])) {
                a.missing++;
            } else if ((size_t)k >= d->nvalid) {
                a.invalid++;
            } else {
                int idx = (int)d->valid_idx[k];
                count_valid(f, &a, in, fs, d->values[idx].d, idx);
            }
        }
        break;
    }
    }
    fold(f, &a);
}

void pmml__stats_inputs(st_counters *st, const pmml_model *m, const long *field_col,
                        const uint8_t *skip, const pmml_column *columns, size_t row0,
                        size_t nrows)
{
    size_t i;
    for (i = 0; i < m->ninputs; i++)
        if (!skip || !skip[i])
            count_column(&st->fields[i], m, &m->inputs[i], &m->fstats[i],
                         field_col[i] >= 0 ? &columns[field_col[i]] : NULL, row0, nrows);
}

/* The pending sums of a field as a batch to fold in. */
static acc pending(const st_field *f)
{
    acc a;
    size_t l;
    memset(&a, 0, sizeof a);
    a.n = f->pn;
    a.k = f->pk;
    a.min = HUGE_VAL;
    a.max = -HUGE_VAL;
    for (l = 0; l < 4; l++) {
        a.s1 += f->pl.s1[l];
        a.s2 += f->pl.s2[l];
        a.min = f->pl.mn[l] < a.min ? f->pl.mn[l] : a.min;
        a.max = f->pl.mx[l] > a.max ? f->pl.mx[l] : a.max;
    }
    return a;
}

void pmml__stats_flush(st_counters *st, const pmml_model *m)
{
    size_t i;
    for (i = 0; i < m->ninputs; i++) {
        st_field *f = &st->fields[i];
        if (f->pn) {
            acc a = pending(f);
            fold(f, &a);
            f->pn = 0;
            pm_vec_lanes_init(&f->pl);
        }
    }
}

int pmml__stats_plain_field(const pmml_model *m, size_t field)
{
    return plain_field(&m->inputs[field], &m->fstats[field]);
}

void pmml__stats_plain(st_counters *st, const pmml_model *m, size_t field, const double *x,
                       size_t n)
{
    count_plain(&st->fields[field], &m->inputs[field], &m->fstats[field], x, n);
}

int pmml__stats_text_as_numbers(const pmml_model *m, size_t field)
{
    const pl_input *in = &m->inputs[field];
    return (in->datatype == PMML_TYPE_DOUBLE || in->datatype == PMML_TYPE_FLOAT) &&
           (!in->dom || !in->dom->nmarkers);
}

void pmml__stats_numbers(st_counters *st, const pmml_model *m, size_t field, const double *x,
                         size_t n, uint64_t invalid)
{
    pmml_column c;
    memset(&c, 0, sizeof c);
    c.type = PMML_COL_DOUBLE;
    c.data = x;
    /* as count_text counts text that is not a number */
    st->fields[field].invalid += invalid;
    count_column(&st->fields[field], m, &m->inputs[field], &m->fstats[field], &c, 0, n);
}

/* ---- merging ---- */

void pmml__stats_add(st_counters *dst, const st_counters *src, const pmml_model *m)
{
    size_t i, j;
    dst->rows += src->rows;
    dst->batches += src->batches;
    dst->missing_results += src->missing_results;
    dst->latency_ns += src->latency_ns;
    for (j = 0; j < ST_STATUS; j++)
        dst->status[j] += src->status[j];
    for (j = 0; j < ST_LATENCY; j++)
        dst->latency[j] += src->latency[j];
    for (i = 0; i < m->ninputs; i++) {
        st_field *f = &dst->fields[i];
        const st_field *g = &src->fields[i];
        acc a;
        memset(&a, 0, sizeof a);
        a.valid = g->valid;
        a.missing = g->missing;
        a.invalid = g->invalid;
        a.outliers = g->outliers;
        a.unseen = g->unseen;
        a.outside = g->outside;
        if (g->nnum) {
            /* as a batch of mean g->mean: s1 = 0, s2 = M2 */
            a.n = g->nnum;
            a.k = g->mean;
            a.s2 = g->m2;
            a.min = g->min;
            a.max = g->max;
        }
        fold(f, &a);
        if (g->pn) {
            a = pending(g);
            fold(f, &a);
        }
        for (j = 0; j < m->fstats[i].nbins; j++)
            f->bins[j] += g->bins[j];
        for (j = 0; j < g->ntop; j++)
            note_unseen(f, g->top[j].text, strlen(g->top[j].text), g->top[j].count);
    }
}
