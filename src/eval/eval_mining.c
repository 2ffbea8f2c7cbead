/* eval_mining.c - MiningModel segmentation (PMML 4.4 Multiple Models). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/eval.h"
#include "eval/value.h"
#include "model/model.h"
#include "util/num.h"

/* A segment that did not run leaves no outputs behind from an earlier row. */
static void clear_outputs(const pl_model *m, pm_scratch *sc)
{
    size_t i;
    for (i = 0; i < m->noutputs; i++)
        sc->vals[m->outputs[i].slot] = pv_missing();
    sc->results[m->result].st = VS_MISSING;
    if (m->type == MODEL_MINING) {
        const pl_mining *mm = m->impl;
        if (mm->method == MM_MODEL_CHAIN)
            for (i = 0; i < mm->nsegments; i++)
                clear_outputs(mm->segments[i].model, sc);
    }
}

/* The child's distribution over the parent's categories. */
static void child_probs(const pl_model *m, const pl_segment *seg, const pl_result *cr, double *out)
{
    const pl_model *c = seg->model;
    size_t k;
    memset(out, 0, m->ncat * sizeof *out);
    if (!seg->catmap)
        return;
    if (cr->has_probs) {
        for (k = 0; k < c->ncat; k++)
            out[seg->catmap[k]] += cr->probs[k];
    } else if (cr->cat >= 0) {
        out[seg->catmap[cr->cat]] = 1.0;
    }
}

/* A growing text in the batch's string storage. */
typedef struct sbuf {
    char *p;
    size_t n, cap;
    int failed;
} sbuf;

static void sb_add(pm_scratch *sc, sbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        char *q;
        while (cap < b->n + n + 1)
            cap *= 2;
        q = pm_scratch_str(sc, cap);
        if (!q) {
            b->failed = 1;
            return;
        }
        if (b->n)
            memcpy(q, b->p, b->n);
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void json_value(pm_scratch *sc, sbuf *b, const pl_result *cr)
{
    char buf[PM_NUMBUF];
    size_t i;
    if (cr->st != VS_VALID) {
        sb_add(sc, b, "null", 4);
        return;
    }
    if (pm_type_is_string(cr->value.t)) {
        sb_add(sc, b, "\"", 1);
        for (i = 0; i < cr->value.len; i++) {
            unsigned char ch = (unsigned char)cr->value.s[i];
            if (ch == '"' || ch == '\\') {
                sb_add(sc, b, "\\", 1);
                sb_add(sc, b, (const char *)&cr->value.s[i], 1);
            } else if (ch < 0x20) {
                snprintf(buf, sizeof buf, "\\u%04x", ch);
                sb_add(sc, b, buf, 6);
            } else {
                sb_add(sc, b, (const char *)&cr->value.s[i], 1);
            }
        }
        sb_add(sc, b, "\"", 1);
    } else if (cr->value.t == PMML_TYPE_BOOLEAN) {
        sb_add(sc, b, cr->value.d != 0.0 ? "true" : "false", cr->value.d != 0.0 ? 4 : 5);
    } else if (!isfinite(cr->value.d)) {
        sb_add(sc, b, "null", 4);
    } else {
        size_t n = cr->value.t == PMML_TYPE_INTEGER ? pm_format_integer(buf, cr->value.d)
                                                    : pm_format_double(buf, cr->value.d);
        sb_add(sc, b, buf, n);
    }
}

static int cmp_pair(const void *a, const void *b)
{
    const double *x = a, *y = b;
    return x[0] < y[0] ? -1 : x[0] > y[0];
}

static void copy_result(const pl_model *m, const pl_segment *seg, const pl_result *cr,
                        pl_result *r)
{
    r->st = cr->st;
    r->value = cr->value;
    r->node = cr->node;
    r->entity_id = cr->entity_id;
    if (pm_fn_categorical(m->function) && seg->catmap) {
        size_t k;
        memset(r->probs, 0, m->ncat * sizeof *r->probs);
        memset(r->conf, 0, m->ncat * sizeof *r->conf);
        for (k = 0; k < seg->model->ncat; k++) {
            if (cr->has_probs)
                r->probs[seg->catmap[k]] = cr->probs[k];
            if (cr->has_conf)
                r->conf[seg->catmap[k]] = cr->conf[k];
        }
        r->has_probs = cr->has_probs;
        r->has_conf = cr->has_conf;
        r->cat = cr->cat >= 0 ? seg->catmap[cr->cat] : -1;
        if (r->cat >= 0)
            r->value = m->cats[r->cat];
    } else {
        r->cat = -1;
    }
}

void pm_eval_mining(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_mining *mm = m->impl;
    int classification = pm_fn_categorical(m->function);
    size_t nseg = mm->nsegments, ncat = m->ncat, i, k, used = 0;
    double *tmp = sc->tmp + m->tmp_off;
    double *vals = tmp;                      /* [nseg] regression values / weights */
    double *wts = tmp + nseg;                /* [nseg] */
    double *dist = tmp + 2 * nseg;           /* [nseg * ncat] classification */
    double *acc = dist + nseg * ncat;        /* [ncat + 1]; acc[ncat]: missing votes */
    double sum = 0.0, wsum = 0.0, missing_w = 0.0, total_w = 0.0, best = -HUGE_VAL;
    int last = -1;
    sbuf all = { NULL, 0, 0, 0 };

    memset(acc, 0, (ncat + 1) * sizeof *acc);
    for (i = 0; i < nseg; i++) {
        const pl_segment *seg = &mm->segments[i];
        const pl_result *cr;
        double w = seg->weight;
        if (pm_eval_pred(mm->preds, (uint32_t)seg->pred, sc, NULL) != PR_TRUE) {
            clear_outputs(seg->model, sc);
            continue;
        }
        pm_eval_model(seg->model, sc);
        cr = &sc->results[seg->model->result];
        if (cr->st == VS_INVALID) {
            r->st = VS_INVALID;
            return;
        }
        if (seg->weight_slot >= 0) {
            /* VariableWeight: a missing weight makes a missing prediction */
            const pv *wv = &sc->vals[seg->weight_slot];
            if (wv->st == VS_MISSING || pm_type_is_string(wv->t)) {
                if (mm->missing_treatment == MPT_RETURN_MISSING)
                    return;
                continue;
            }
            w = wv->d;
        }
        if (mm->method == MM_SELECT_ALL) {
            sb_add(sc, &all, all.n ? "," : "[", 1);
            json_value(sc, &all, cr);
            used++;
            continue;
        }
        total_w += w;
        if (cr->st == VS_MISSING) {
            if (mm->missing_treatment == MPT_RETURN_MISSING) {
                for (k = i + 1; k < nseg; k++)
                    clear_outputs(mm->segments[k].model, sc);
                return;
            }
            if (mm->missing_treatment == MPT_SKIP_SEGMENT) {
                missing_w += w;
                continue;
            }
            /* continue: a vote for "missing"; any other aggregate is missing */
            if (mm->method == MM_MAJORITY_VOTE || mm->method == MM_WEIGHTED_MAJORITY_VOTE) {
                acc[ncat] += mm->method == MM_MAJORITY_VOTE ? 1.0 : w;
                missing_w += w;
                continue;
            }
            if (mm->method == MM_MODEL_CHAIN) {
                last = (int)i;
                continue;
            }
            if (mm->method == MM_SELECT_FIRST)
                return;
            for (k = i + 1; k < nseg; k++)
                clear_outputs(mm->segments[k].model, sc);
            return;
        }
        switch (mm->method) {
        case MM_SELECT_FIRST:
            copy_result(m, seg, cr, r);
            r->segment = (int32_t)i;
            if (!cr->entity_id)
                r->entity_id = seg->id;
            for (k = i + 1; k < nseg; k++)
                clear_outputs(mm->segments[k].model, sc);
            return;
        case MM_MODEL_CHAIN:
            last = (int)i;
            continue;
        default:
            break;
        }
        if (classification) {
            double *p = dist + used * ncat;
            if (mm->method == MM_MAJORITY_VOTE || mm->method == MM_WEIGHTED_MAJORITY_VOTE) {
                if (cr->cat >= 0 && seg->catmap)
                    acc[seg->catmap[cr->cat]] += mm->method == MM_MAJORITY_VOTE ? 1.0 : w;
            } else {
                child_probs(m, seg, cr, p);
            }
        } else {
            vals[used] = cr->value.d;
        }
        wts[used] = w;
        sum += classification ? 0.0 : cr->value.d;
        wsum += w;
        if (!classification && cr->value.d > best)
            best = cr->value.d;
        used++;
    }

    if (mm->method == MM_SELECT_ALL) {
        if (!used)
            sb_add(sc, &all, "[", 1);
        sb_add(sc, &all, "]", 1);
        if (all.failed) {
            pm_row_error(sc, PMML_ERR_NOMEM, "out of memory");
            r->st = VS_INVALID;
            return;
        }
        r->value = pm_make_string(sc, all.p, all.n);
        r->st = r->value.st;
        return;
    }
    if (mm->method == MM_MODEL_CHAIN) {
        const pl_segment *seg;
        if (last < 0)
            return;
        seg = &mm->segments[last];
        copy_result(m, seg, &sc->results[seg->model->result], r);
        r->segment = last;
        return;
    }
    if (total_w > 0.0 && missing_w / total_w > mm->missing_threshold)
        return;
    if (used == 0)
        return;

    if (!classification) {
        double v = 0.0;
        switch (mm->method) {
        case MM_AVERAGE:
            v = sum / (double)used;
            break;
        case MM_WEIGHTED_AVERAGE:
            if (wsum == 0.0)
                return;
            v = 0.0;
            for (i = 0; i < used; i++)
                v += wts[i] * vals[i];
            v /= wsum;
            break;
        case MM_SUM:
            v = sum;
            break;
        case MM_WEIGHTED_SUM:
            for (i = 0; i < used; i++)
                v += wts[i] * vals[i];
            break;
        case MM_MAX:
            v = best;
            break;
        case MM_MEDIAN:
            qsort(vals, used, sizeof *vals, cmp_pair);
            v = used % 2 ? vals[used / 2] : (vals[used / 2 - 1] + vals[used / 2]) / 2.0;
            break;
        case MM_WEIGHTED_MEDIAN: {
            /* the first value whose cumulative weight reaches half the total */
            double half = wsum / 2.0, cum = 0.0;
            double *pairs = dist; /* reuse: [used][2] fits in nseg * (ncat + 2) */
            for (i = 0; i < used; i++) {
                pairs[2 * i] = vals[i];
                pairs[2 * i + 1] = wts[i];
            }
            qsort(pairs, used, 2 * sizeof *pairs, cmp_pair);
            v = pairs[2 * (used - 1)];
            for (i = 0; i < used; i++) {
                cum += pairs[2 * i + 1];
                if (cum >= half) {
                    v = pairs[2 * i];
                    break;
                }
            }
            break;
        }
        default:
            return;
        }
        r->value = pv_num(v, PMML_TYPE_DOUBLE);
        r->st = VS_VALID;
        return;
    }

    switch (mm->method) {
    case MM_MAJORITY_VOTE:
    case MM_WEIGHTED_MAJORITY_VOTE: {
        double total = 0.0, top = 0.0;
        for (k = 0; k < ncat; k++) {
            total += acc[k];
            if (acc[k] > top)
                top = acc[k];
        }
        /* "missing" wins only with strictly more votes than every category */
        if (total == 0.0 || acc[ncat] > top)
            return;
        for (k = 0; k < ncat; k++)
            r->probs[k] = acc[k] / total;
        break;
    }
    case MM_AVERAGE:
    case MM_WEIGHTED_AVERAGE: {
        double denom = mm->method == MM_AVERAGE ? (double)used : wsum;
        if (denom == 0.0)
            return;
        memset(r->probs, 0, ncat * sizeof *r->probs);
        for (i = 0; i < used; i++) {
            double f = mm->method == MM_AVERAGE ? 1.0 : wts[i];
            for (k = 0; k < ncat; k++)
                r->probs[k] += f * dist[i * ncat + k];
        }
        for (k = 0; k < ncat; k++)
            r->probs[k] /= denom;
        break;
    }
    case MM_MEDIAN:
    case MM_MAX: {
        /* the winner by the per-category median (or max); its distribution
         * is the average of the segments closest to that figure */
        size_t win = 0, count = 0;
        double winv = -HUGE_VAL;
        for (k = 0; k < ncat; k++) {
            double f;
            for (i = 0; i < used; i++)
                vals[i] = dist[i * ncat + k];
            if (mm->method == MM_MAX) {
                f = vals[0];
                for (i = 1; i < used; i++)
                    if (vals[i] > f)
                        f = vals[i];
            } else {
                qsort(vals, used, sizeof *vals, cmp_pair);
                f = used % 2 ? vals[used / 2] : (vals[used / 2 - 1] + vals[used / 2]) / 2.0;
            }
            acc[k] = f;
            if (f > winv) {
                winv = f;
                win = k;
            }
        }
        {
            double closest = HUGE_VAL;
            for (i = 0; i < used; i++) {
                double d = fabs(dist[i * ncat + win] - winv);
                if (d < closest)
                    closest = d;
            }
            memset(r->probs, 0, ncat * sizeof *r->probs);
            for (i = 0; i < used; i++) {
                if (fabs(dist[i * ncat + win] - winv) != closest)
                    continue;
                for (k = 0; k < ncat; k++)
                    r->probs[k] += dist[i * ncat + k];
                count++;
            }
            for (k = 0; k < ncat; k++)
                r->probs[k] /= (double)count;
        }
        /* the winner is the category with the highest combined (median or
         * max) probability, which the returned distribution need not favour */
        r->has_probs = 1;
        r->cat = (int32_t)win;
        r->value = m->cats[win];
        r->st = VS_VALID;
        return;
    }
    default:
        return;
    }
    r->has_probs = 1;
    pm_result_pick(m, r);
}
