/* eval_model.c - one row through a model: input preparation, derived
 * fields, the model, Targets and Output. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"
#include "eval/eval.h"
#include "eval/value.h"
#include "model/model.h"
#include "util/num.h"
#include "util/strtab.h"

int pm_pick(const double *probs, size_t ncat)
{
    size_t k, best = 0;
    for (k = 1; k < ncat; k++)
        if (probs[k] > probs[best])
            best = k;
    if (ncat == 0 || isnan(probs[best]))
        return -1;
    return (int)best;
}

void pm_result_pick(const pl_model *m, pl_result *r)
{
    int best = pm_pick(r->probs, m->ncat);
    if (best < 0) {
        r->st = VS_MISSING;
        return;
    }
    r->cat = (int32_t)best;
    r->value = m->cats[best];
    r->st = VS_VALID;
}

static int missing_path(pm_scratch *sc, const pl_treat *t, const char *name, pv *v)
{
    if (t->missing == MISSING_RETURN_INVALID) {
        pm_row_error(sc, PMML_ERR_MISSING_VALUE, "field '%s': a value is required", name);
        *v = pv_missing();
        v->st = VS_INVALID;
        return -1;
    }
    if (t->has_missing_replacement)
        *v = t->missing_replacement;
    else
        *v = pv_missing();
    return 0;
}

static int valid_path(pm_scratch *sc, const pl_treat *t, const char *name, pv *v)
{
    if (t->outliers == OUTLIERS_AS_IS || pm_type_is_string(v->t))
        return 0;
    if ((t->has_low && v->d < t->low) || (t->has_high && v->d > t->high)) {
        if (t->outliers == OUTLIERS_AS_MISSING)
            return missing_path(sc, t, name, v);
        v->d = t->has_low && v->d < t->low ? t->low : t->high;
    }
    return 0;
}

int pm_treat_value(pm_scratch *sc, const pl_treat *t, const char *name, pv *v)
{
    if (v->st == VS_MISSING)
        return missing_path(sc, t, name, v);
    return valid_path(sc, t, name, v);
}

int pm_domain_lookup(const pl_domain *d, const pv *v, int *k)
{
    size_t i;
    *k = cx_domain_find(d, v);
    if (*k >= 0)
        return d->props[*k];
    if (d->nintervals) {
        for (i = 0; i < d->nintervals; i++) {
            const pl_interval *iv = &d->intervals[i];
            if ((iv->left_closed ? v->d >= iv->left : v->d > iv->left) &&
                (iv->right_closed ? v->d <= iv->right : v->d < iv->right))
                return PROP_VALID;
        }
        return PROP_INVALID;
    }
    return d->has_valid ? PROP_INVALID : PROP_VALID;
}

static int domain_property(const pl_domain *d, const pv *v, const char *raw, size_t rawlen)
{
    int k;
    size_t i;
    if (!d)
        return v->st == VS_INVALID ? PROP_INVALID : PROP_VALID;
    if (d->nmarkers && raw) {
        for (i = 0; i < d->nvalues; i++) {
            const pv *m = &d->values[i];
            if (m->st == VS_INVALID && m->len == rawlen && memcmp(m->s, raw, rawlen) == 0)
                return d->props[i];
        }
    }
    if (v->st == VS_INVALID)
        return PROP_INVALID;
    return pm_domain_lookup(d, v, &k);
}

void pm_prepare_input(pm_scratch *sc, const pl_input *in, pv *v, const char *raw, size_t rawlen)
{
    const pl_treat *t = &in->treat;
    int prop;
    if (v->st == VS_MISSING) {
        missing_path(sc, t, in->name, v);
        return;
    }
    prop = domain_property(in->dom, v, raw, rawlen);
    if (prop == PROP_MISSING) {
        missing_path(sc, t, in->name, v);
        return;
    }
    if (prop == PROP_VALID) {
        v->st = VS_VALID;
        valid_path(sc, t, in->name, v);
        return;
    }
    switch (t->invalid) {
    case INVALID_AS_IS:
        if (v->st == VS_INVALID && v->t != in->datatype) {
            pm_row_error(sc, PMML_ERR_INVALID_VALUE,
                         "field '%s': '%.*s' is not a %s value and cannot be used as is",
                         in->name, (int)(rawlen > 80 ? 80 : rawlen), raw ? raw : "",
                         pmml_datatype_name(in->datatype));
            return;
        }
        v->st = VS_INVALID;
        return;
    case INVALID_AS_MISSING:
        missing_path(sc, t, in->name, v);
        return;
    case INVALID_AS_VALUE:
        *v = t->invalid_replacement;
        return;
    default: {
        char buf[PM_NUMBUF];
        const char *s = raw;
        size_t n = rawlen;
        if (!s)
            n = pm_value_text(v, buf, &s);
        pm_row_error(sc, PMML_ERR_INVALID_VALUE, "field '%s': invalid value '%.*s'", in->name,
                     (int)(n > 80 ? 80 : n), s);
        v->st = VS_INVALID;
    }
    }
}

void pm_run_derives(const pl_derive *d, size_t n, pm_scratch *sc)
{
    size_t i;
    for (i = 0; i < n; i++) {
        pv v;
        pm_eval_expr(d[i].expr, sc, &v);
        pm_cast_or_fail(sc, &v, d[i].datatype, "DerivedField", d[i].name);
        sc->vals[d[i].slot] = v;
    }
}

/* Targets: clamp, rescale, castInteger (PMML 4.4 Targets). */
double pm_target_rescale(const pl_target *t, double v)
{
    if (t->has_min && v < t->min)
        v = t->min;
    if (t->has_max && v > t->max)
        v = t->max;
    v = v * t->factor + t->constant;
    switch (t->cast) {
    case CAST_ROUND:
        v = floor(v + 0.5);
        break;
    case CAST_CEILING:
        v = ceil(v);
        break;
    case CAST_FLOOR:
        v = floor(v);
        break;
    }
    return v;
}

static void post_process(const pl_model *m, pl_result *r)
{
    r->value.d = pm_target_rescale(&m->target, r->value.d);
    if (m->target.cast != CAST_NONE)
        r->value.t = PMML_TYPE_INTEGER;
}

static void apply_targets(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_target *t = &m->target;
    if (r->st == VS_MISSING) {
        if (m->function == FUNC_REGRESSION && t->has_default) {
            r->value = pv_num(t->default_value, PMML_TYPE_DOUBLE);
            r->st = VS_VALID;
        } else if (m->function == FUNC_CLASSIFICATION && t->has_priors) {
            double sum = 0.0;
            size_t k;
            for (k = 0; k < m->ncat; k++)
                sum += t->priors[k];
            if (sum <= 0.0)
                return;
            for (k = 0; k < m->ncat; k++)
                r->probs[k] = t->priors[k] / sum;
            r->has_probs = 1;
            pm_result_pick(m, r);
            return;
        } else {
            return;
        }
    }
    if (r->st != VS_VALID || m->function != FUNC_REGRESSION)
        return;
    if (t->has_rescale)
        post_process(m, r);
    if (t->present && t->datatype && t->datatype != r->value.t) {
        pm_cast(sc, &r->value, t->datatype);
        if (r->value.st != VS_VALID) {
            pm_row_error(sc, PMML_ERR_EVAL, "the prediction does not fit the %s target '%s'",
                         pmml_datatype_name(t->datatype), t->name);
            r->st = VS_INVALID;
        }
    }
}

static void compute_outputs(const pl_model *m, pm_scratch *sc, const pl_result *r)
{
    size_t i;
    for (i = 0; i < m->noutputs; i++) {
        const pl_output *o = &m->outputs[i];
        const pl_result *sr = &sc->results[o->src->result];
        const pl_model *src = o->src;
        pv v = pv_missing();
        int cat;
        (void)r;
        switch (o->feature) {
        case FEAT_PREDICTED_VALUE:
            if (sr->st == VS_VALID)
                v = sr->value;
            break;
        case FEAT_PREDICTED_DISPLAY_VALUE:
            if (sr->st != VS_VALID)
                break;
            if (pm_fn_categorical(src->function) && sr->cat >= 0) {
                const char *s = src->cat_display[sr->cat] ? src->cat_display[sr->cat]
                                                          : src->cat_text[sr->cat];
                v = pm_make_string(sc, s, strlen(s));
            } else {
                v = sr->value;
                pm_cast(sc, &v, PMML_TYPE_STRING);
            }
            break;
        case FEAT_PROBABILITY:
        case FEAT_CONFIDENCE:
            if (o->feature == FEAT_CONFIDENCE && src->type == MODEL_ASSOCIATION) {
                src->output(src, o, sc, &v);
                break;
            }
            if (sr->st != VS_VALID)
                break;
            cat = o->cat >= 0 ? o->cat : sr->cat;
            if (cat < 0)
                break;
            if (o->feature == FEAT_PROBABILITY) {
                if (sr->has_probs)
                    v = pv_num(sr->probs[cat], PMML_TYPE_DOUBLE);
                else
                    v = pv_num(cat == sr->cat ? 1.0 : 0.0, PMML_TYPE_DOUBLE);
            } else if (sr->has_conf) {
                v = pv_num(sr->conf[cat], PMML_TYPE_DOUBLE);
            }
            break;
        case FEAT_TRANSFORMED_VALUE:
        case FEAT_DECISION:
            pm_eval_expr(o->expr, sc, &v);
            break;
        case FEAT_RESIDUAL: {
            const pv *actual = &sc->vals[o->actual_slot];
            if (sr->st != VS_VALID || actual->st == VS_MISSING)
                break;
            if (src->function == FUNC_CLASSIFICATION) {
                /* 1 for the actual category, 0 for the others, minus its probability */
                cat = o->cat >= 0 ? o->cat : sr->cat;
                if (cat < 0)
                    break;
                v = pv_num((pm_value_equal(actual, &src->cats[cat]) ? 1.0 : 0.0) -
                               (sr->has_probs ? sr->probs[cat] : cat == sr->cat),
                           PMML_TYPE_DOUBLE);
            } else if (!pm_type_is_string(actual->t) && !pm_type_is_string(sr->value.t)) {
                v = pv_num(actual->d - sr->value.d, PMML_TYPE_DOUBLE);
            }
            break;
        }
        case FEAT_ENTITY_ID:
            if (src->output && src->type != MODEL_TREE && src->type != MODEL_MINING)
                src->output(src, o, sc, &v);
            else if (sr->st == VS_VALID && sr->entity_id)
                v = pm_make_string(sc, sr->entity_id, strlen(sr->entity_id));
            break;
        default:
            if (src->output)
                src->output(src, o, sc, &v);
            break;
        }
        pm_cast_or_fail(sc, &v, o->datatype, "OutputField", o->name);
        sc->vals[o->slot] = v;
    }
}

void pm_eval_model(const pl_model *m, pm_scratch *sc)
{
    pl_result *r = &sc->results[m->result];
    size_t i;
    for (i = 0; i < m->npreps; i++) {
        const pl_prep *p = &m->preps[i];
        pv v = sc->vals[p->src];
        pm_treat_value(sc, &p->treat, p->name, &v);
        sc->vals[p->dst] = v;
    }
    pm_run_derives(m->derives, m->nderives, sc);
    r->st = VS_MISSING;
    r->value = pv_missing();
    r->cat = -1;
    r->node = -1;
    r->entity_id = NULL;
    r->segment = -1;
    r->has_probs = r->has_conf = 0;
    m->eval(m, sc, r);
    apply_targets(m, sc, r);
    compute_outputs(m, sc, r);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Lag: the value n rows back in this scorer's sequence of rows, within the
 * current block; then this row's value joins the history. */
static void update_lags(const pmml_model *model, pm_scratch *sc)
{
    size_t i, j;
    for (i = 0; i < model->nlags; i++) {
        const pl_lag *l = &model->lags[i];
        double *h = sc->lag_hist + l->hist_off;
        uint8_t *ok = sc->lag_present + l->hist_off;
        size_t n = (size_t)l->n, count = sc->lag_count[i], head = sc->lag_head[i];
        const pv *cur = &sc->vals[l->slot];
        pv out = pv_missing();
        for (j = 0; j < l->nblocks; j++) {
            /* the block is told by its indicators' values; strings by a hash,
             * since their bytes do not outlive the batch */
            const pv *b = &sc->vals[l->blocks[j]];
            pv *prev = &sc->lag_block[l->block_off + j];
            double key = b->d;
            if (b->st != VS_MISSING && pm_type_is_string(b->t))
                key = (double)(pm_hash_bytes(b->s, b->len) & ((UINT64_C(1) << 52) - 1));
            if (prev->st != b->st || (b->st != VS_MISSING && prev->d != key) || !sc->lag_started)
                count = 0; /* a new block starts its own history */
            prev->st = b->st;
            prev->d = key;
        }
        if (l->aggregate == 0) {
            if (count == n && ok[head])
                out = pv_num(h[head], PMML_TYPE_DOUBLE);
        } else {
            double *vals = sc->lag_vals, acc = 0.0, mean;
            size_t m = 0, k;
            for (k = 0; k < count; k++) {
                size_t idx = (head + n - count + k) % n;
                if (ok[idx])
                    vals[m++] = h[idx]; /* at most n <= lag_max_n */
            }
            if (m) {
                switch (l->aggregate) {
                case 1: /* avg */
                case 6: /* sum */
                case 7: /* stddev */
                    for (k = 0; k < m; k++)
                        acc += vals[k];
                    if (l->aggregate == 1) {
                        acc /= (double)m;
                    } else if (l->aggregate == 7) {
                        mean = acc / (double)m;
                        acc = 0.0;
                        for (k = 0; k < m; k++)
                            acc += (vals[k] - mean) * (vals[k] - mean);
                        acc = m > 1 ? sqrt(acc / (double)(m - 1)) : 0.0;
                    }
                    break;
                case 2: /* max */
                case 4: /* min */
                    acc = vals[0];
                    for (k = 1; k < m; k++)
                        acc = l->aggregate == 2 ? fmax(acc, vals[k]) : fmin(acc, vals[k]);
                    break;
                case 3: /* median */
                    qsort(vals, m, sizeof *vals, cmp_double);
                    acc = m % 2 ? vals[m / 2] : (vals[m / 2 - 1] + vals[m / 2]) / 2.0;
                    break;
                case 5: /* product */
                    acc = 1.0;
                    for (k = 0; k < m; k++)
                        acc *= vals[k];
                    break;
                }
                out = pv_num(acc, PMML_TYPE_DOUBLE);
            }
        }
        sc->lag_out[i] = out;
        h[head] = cur->d;
        ok[head] = cur->st != VS_MISSING && !pm_type_is_string(cur->t);
        sc->lag_head[i] = (head + 1) % n;
        sc->lag_count[i] = count < n ? count + 1 : n;
    }
    sc->lag_started = 1;
}

/* Aggregate: a row whose groupField value differs from the row before
 * starts a new group; its field's value, unless missing, joins the group.
 * PMML 4.4: "Input records with missing value in the groupField are simply
 * ignored" -- such a row has no group, and the next row starts one. */
static int same_group(const pm_aggstate *st, const pv *g, int kind, uint64_t hash)
{
    if (st->kind != kind)
        return 0;
    if (kind == 1)
        return st->key == g->d || (isnan(st->key) && isnan(g->d));
    if (st->len != g->len)
        return 0;
    return g->len <= AGG_KEY_TEXT ? memcmp(st->text, g->s, g->len) == 0 : st->hash == hash;
}

/* The kind of group value g is (see pm_aggstate; 0: missing) and its
 * hash. */
static int group_kind(const pv *g, uint64_t *hash)
{
    *hash = 0;
    if (g->st == VS_MISSING)
        return 0;
    if (!pm_type_is_string(g->t))
        return 1;
    if (g->len > AGG_KEY_TEXT)
        *hash = pm_hash_bytes(g->s, g->len);
    return 2;
}

static void update_aggregates(const pmml_model *model, pm_scratch *sc)
{
    size_t i;
    for (i = 0; i < model->naggs; i++) {
        const pl_agg *a = &model->aggs[i];
        pm_aggstate *st = &sc->aggs[i];
        const pv *g = &sc->vals[a->group], *x = &sc->vals[a->slot];
        uint64_t hash;
        int kind = group_kind(g, &hash);
        if (!kind) {
            st->kind = 0;
            continue;
        }
        if (!same_group(st, g, kind, hash)) {
            st->kind = kind;
            st->key = kind == 1 ? g->d : 0.0;
            st->hash = hash;
            st->len = kind == 2 ? g->len : 0;
            if (kind == 2 && g->len <= AGG_KEY_TEXT)
                memcpy(st->text, g->s, g->len);
            st->n = 0;
            st->sum = st->min = st->max = 0.0;
        }
        if (x->st == VS_MISSING)
            continue;
        if (a->function != AGG_COUNT) {
            if (pm_type_is_string(x->t))
                continue; /* not a number (the compiler allows none) */
            st->min = st->n ? fmin(st->min, x->d) : x->d;
            st->max = st->n ? fmax(st->max, x->d) : x->d;
            st->sum += x->d;
        }
        st->n++;
    }
}

void pm_aggregates_row_failed(const pmml_model *model, pm_scratch *sc)
{
    size_t i;
    for (i = 0; i < model->naggs; i++) {
        pm_aggstate *st = &sc->aggs[i];
        const pv *g = &sc->vals[model->aggs[i].group];
        uint64_t hash;
        int kind = g->st == VS_VALID ? group_kind(g, &hash) : 0;
        if (!kind || !same_group(st, g, kind, hash))
            st->kind = 0; /* the next row starts its group afresh */
    }
}

void pm_score_row(const pmml_model *model, pm_scratch *sc)
{
    if (model->nlags)
        update_lags(model, sc);
    if (model->naggs)
        update_aggregates(model, sc);
    pm_run_derives(model->globals, model->nglobals, sc);
    pm_eval_model(model->top, sc);
}
