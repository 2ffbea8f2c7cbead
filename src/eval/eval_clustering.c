/* eval_clustering.c - comparison measures and center-based cluster
 * assignment (PMML 4.4 Cluster Models). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "compile/compile.h"
#include "eval/eval.h"
#include "eval/value.h"
#include "model/model.h"

/* The position of a value among the field's values (the table's rows). */
static int table_index(const pl_domain *d, const pv *v)
{
    int k = cx_domain_find(d, v);
    size_t i;
    if (k < 0)
        return -1;
    for (i = 0; i < d->nvalid; i++)
        if (d->valid_idx[i] == (uint32_t)k)
            return (int)i;
    return -1;
}

/* c(x, y) of one field; 0 when the values cannot be compared. */
static int compare(const pl_cmpfield *f, const pv *x, const pv *y, double *out)
{
    switch (f->compare) {
    case CMP_ABS_DIFF:
    case CMP_GAUSS_SIM: {
        double z;
        if (pm_type_is_string(x->t) || pm_type_is_string(y->t))
            return 0;
        z = x->d - y->d;
        *out = f->compare == CMP_ABS_DIFF ? fabs(z) : exp(-M_LN2 * z * z / (f->scale * f->scale));
        return 1;
    }
    case CMP_DELTA:
        *out = pm_value_equal(x, y) ? 0.0 : 1.0;
        return 1;
    case CMP_EQUAL:
        *out = pm_value_equal(x, y) ? 1.0 : 0.0;
        return 1;
    case CMP_TABLE: {
        int i = table_index(f->dom, x), j = table_index(f->dom, y);
        if (i < 0 || j < 0)
            return 0;
        *out = f->table[(size_t)i * f->ntable + (size_t)j];
        return 1;
    }
    }
    return 0;
}

/* A value of a binary similarity measure: 0 or 1, else -1. */
static int binary(const pv *v)
{
    if (pm_type_is_string(v->t))
        return v->len == 1 && (v->s[0] == '0' || v->s[0] == '1') ? v->s[0] - '0' : -1;
    return v->d == 0.0 ? 0 : v->d == 1.0 ? 1 : -1;
}

int pm_measure_eval(const pl_measure *ms, const pl_cmpfield *fields, size_t n, const pm_scratch *sc,
                    const pv *ref, double *out)
{
    size_t i;
    if (ms->measure >= MEASURE_SIMPLE_MATCHING) {
        /* binary similarity: count the four agreements; a missing value
         * takes no part */
        double a[4] = {0, 0, 0, 0}, num, den; /* a00 a01 a10 a11 */
        const double *b = ms->bin;
        for (i = 0; i < n; i++) {
            const pv *x = &sc->vals[fields[i].slot];
            int bx, by;
            if (x->st == VS_MISSING)
                continue;
            bx = binary(x);
            by = binary(&ref[i]);
            if (bx < 0 || by < 0)
                return 0;
            a[bx * 2 + by] += 1.0;
        }
        switch (ms->measure) {
        case MEASURE_SIMPLE_MATCHING:
            num = a[3] + a[0];
            den = a[3] + a[2] + a[1] + a[0];
            break;
        case MEASURE_JACCARD:
            num = a[3];
            den = a[3] + a[2] + a[1];
            break;
        case MEASURE_TANIMOTO:
            num = a[3] + a[0];
            den = a[3] + 2.0 * (a[2] + a[1]) + a[0];
            break;
        default:
            num = b[3] * a[3] + b[2] * a[2] + b[1] * a[1] + b[0] * a[0];
            den = b[7] * a[3] + b[6] * a[2] + b[5] * a[1] + b[4] * a[0];
            break;
        }
        if (den == 0.0)
            return 0;
        *out = num / den;
        return 1;
    }
    {
        /* distances: sum (or max) of fieldWeight * c^p over the present
         * values, scaled by the MissingValueWeights of all over those present */
        double acc = 0.0, qall = 0.0, qhave = 0.0, adjust;
        double inner = ms->measure == MEASURE_EUCLIDEAN || ms->measure == MEASURE_SQUARED_EUCLIDEAN
                           ? 2.0
                       : ms->measure == MEASURE_MINKOWSKI ? ms->p
                                                          : 1.0;
        int any = 0;
        for (i = 0; i < n; i++) {
            const pl_cmpfield *f = &fields[i];
            const pv *x = &sc->vals[f->slot];
            double c, t;
            qall += f->q;
            if (x->st == VS_MISSING)
                continue;
            if (!compare(f, x, &ref[i], &c))
                return 0;
            qhave += f->q;
            t = f->weight * (inner == 2.0 ? c * c : inner == 1.0 ? c : pow(c, inner));
            if (ms->measure == MEASURE_CHEBYCHEV)
                acc = any && acc > t ? acc : t;
            else
                acc += t;
            any = 1;
        }
        if (!any || qhave == 0.0)
            return 0;
        adjust = qall / qhave;
        switch (ms->measure) {
        case MEASURE_EUCLIDEAN:
            *out = sqrt(acc * adjust);
            break;
        case MEASURE_MINKOWSKI:
            *out = pow(acc * adjust, 1.0 / ms->p);
            break;
        default:
            *out = acc * adjust;
            break;
        }
        return 1;
    }
}

void pm_eval_clustering(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_clustering *pc = m->impl;
    double *d = sc->tmp + m->tmp_off;
    size_t i;
    int32_t win = -1;
    for (i = 0; i < pc->nclusters; i++) {
        if (!pm_measure_eval(&pc->ms, pc->fields, pc->nfields, sc, pc->centers + i * pc->nfields,
                             &d[i]))
            return; /* no cluster can be chosen */
        /* the closest cluster, the first on ties */
        if (win < 0 || pm_measure_closer(&pc->ms, d[i], d[win]))
            win = (int32_t)i;
    }
    r->cat = win;
    r->value = m->cats[win];
    r->st = VS_VALID;
}

/* The index of the cluster of rank `rank` (1: the winner). */
static int32_t ranked(const pl_clustering *pc, const double *d, int rank)
{
    int32_t best = -1;
    size_t i;
    int k;
    /* rank is small: pick the next closest rank times, ties by index */
    double prev = 0.0;
    int32_t prev_i = -1;
    for (k = 0; k < rank; k++) {
        best = -1;
        for (i = 0; i < pc->nclusters; i++) {
            int after = prev_i < 0 || pm_measure_closer(&pc->ms, prev, d[i]) ||
                        (d[i] == prev && (int32_t)i > prev_i);
            if (!after)
                continue;
            if (best < 0 || pm_measure_closer(&pc->ms, d[i], d[best]))
                best = (int32_t)i;
        }
        if (best < 0)
            return -1;
        prev = d[best];
        prev_i = best;
    }
    return best;
}

void pm_output_clustering(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v)
{
    const pl_clustering *pc = m->impl;
    const pl_result *r = &sc->results[m->result];
    const double *d = sc->tmp + m->tmp_off;
    int32_t k;
    if (r->st != VS_VALID)
        return;
    k = o->aux >= 0 ? o->aux : o->rank == 1 ? r->cat : ranked(pc, d, o->rank);
    if (k < 0)
        return;
    if (o->feature == FEAT_CLUSTER_ID || o->feature == FEAT_ENTITY_ID)
        *v = m->cats[k];
    else
        *v = pv_num(d[k], PMML_TYPE_DOUBLE);
}
