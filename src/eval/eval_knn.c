/* eval_knn.c - NearestNeighborModel: the k nearest training instances by
 * the ComparisonMeasure, then a vote or an average (PMML 4.4 k-Nearest
 * Neighbors). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "eval/eval.h"
#include "eval/value.h"
#include "model/model.h"

/* tmp: [k] neighbour indexes, [k] their measures, [1] how many, [k] work,
 * [1] spare, then [ncat] votes */
typedef struct nbest {
    double *idx, *d;
    size_t n, k;
    int similarity;
} nbest;

/* Keeps the k closest, ties to the earlier instance (instances arrive in
 * any order from the tree, so the index decides ties explicitly). */
static void nb_offer(nbest *b, size_t i, double d)
{
    size_t pos;
    if (b->n == b->k) {
        double ld = b->d[b->n - 1];
        int closer = b->similarity ? d > ld : d < ld;
        if (!closer && !(d == ld && (double)i < b->idx[b->n - 1]))
            return;
        b->n--;
    }
    pos = b->n;
    while (pos > 0) {
        double pd = b->d[pos - 1];
        int closer = b->similarity ? d > pd : d < pd;
        if (!closer && !(d == pd && (double)i < b->idx[pos - 1]))
            break;
        b->d[pos] = pd;
        b->idx[pos] = b->idx[pos - 1];
        pos--;
    }
    b->d[pos] = d;
    b->idx[pos] = (double)i;
    b->n++;
}

/* The measure before its outer power: what the tree compares. */
static double inner_of(const pl_knn *k, const double *q, const double *p)
{
    size_t j;
    double acc = 0.0;
    int m = k->ms.measure;
    for (j = 0; j < k->ninputs; j++) {
        double c = fabs(q[j] - p[j]), t;
        double w = k->fields[j].weight;
        t = m == MEASURE_EUCLIDEAN || m == MEASURE_SQUARED_EUCLIDEAN ? w * (c * c)
            : m == MEASURE_MINKOWSKI                                 ? w * pow(c, k->ms.p)
                                                                     : w * c;
        if (m == MEASURE_CHEBYCHEV)
            acc = j && acc > t ? acc : t;
        else
            acc += t;
    }
    return acc;
}

static double plane_of(const pl_knn *k, size_t dim, double diff)
{
    double c = fabs(diff), w = k->fields[dim].weight;
    int m = k->ms.measure;
    return m == MEASURE_EUCLIDEAN || m == MEASURE_SQUARED_EUCLIDEAN ? w * (c * c)
           : m == MEASURE_MINKOWSKI                                 ? w * pow(c, k->ms.p)
                                                                    : w * c;
}

static void kd_search(const pl_knn *k, int32_t node, const double *q, nbest *b)
{
    const pl_kdnode *nd = &k->nodes[node];
    if (nd->dim < 0) {
        uint32_t i;
        for (i = nd->lo; i < nd->hi; i++) {
            uint32_t idx = k->order[i];
            nb_offer(b, idx, inner_of(k, q, k->points + (size_t)idx * k->ninputs));
        }
        return;
    }
    {
        double diff = q[nd->dim] - nd->split;
        int32_t near = diff < 0.0 ? nd->left : nd->right;
        int32_t far = diff < 0.0 ? nd->right : nd->left;
        kd_search(k, near, q, b);
        /* the far side can only help when its plane is not farther than
         * the k-th neighbour (equal may still win a tie) */
        if (b->n < b->k || plane_of(k, (size_t)nd->dim, diff) <= b->d[b->n - 1])
            kd_search(k, far, q, b);
    }
}

static double outer_of(const pl_knn *k, double inner)
{
    switch (k->ms.measure) {
    case MEASURE_EUCLIDEAN:
        return sqrt(inner);
    case MEASURE_MINKOWSKI:
        return pow(inner, 1.0 / k->ms.p);
    }
    return inner;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* One target's prediction from the neighbours. */
static void predict(const pl_knn *k, const pl_knn_target *tg, const nbest *b, double *work,
                    double *votes, pl_result *r)
{
    const pl_model *m = tg->model;
    size_t i;
    if (tg->classification) {
        int32_t win = -1;
        double top = -1.0;
        memset(votes, 0, m->ncat * sizeof *votes);
        for (i = 0; i < b->n; i++) {
            int32_t c = tg->cat[(size_t)b->idx[i]];
            if (c < 0)
                continue;
            votes[c] +=
                k->cat_method == KNN_WEIGHTED_MAJORITY_VOTE ? 1.0 / (b->d[i] + k->threshold) : 1.0;
        }
        for (i = 0; i < m->ncat; i++)
            if (votes[i] > top)
                top = votes[i];
        /* ties: the category of the nearest neighbour among them */
        for (i = 0; i < b->n && win < 0; i++) {
            int32_t c = tg->cat[(size_t)b->idx[i]];
            if (c >= 0 && votes[c] == top)
                win = c;
        }
        if (win < 0)
            return;
        r->cat = win;
        r->value = m->cats[win];
        r->st = VS_VALID;
        return;
    }
    {
        double sum = 0.0, wsum = 0.0;
        size_t cnt = 0;
        for (i = 0; i < b->n; i++) {
            const pv *t = &tg->value[(size_t)b->idx[i]];
            double w;
            if (t->st != VS_VALID)
                continue; /* an instance without a target value does not count */
            w = k->cont_method == KNN_WEIGHTED_AVERAGE ? 1.0 / (b->d[i] + k->threshold) : 1.0;
            work[cnt++] = t->d;
            sum += w * t->d;
            wsum += w;
        }
        if (!cnt)
            return;
        if (k->cont_method == KNN_MEDIAN) {
            qsort(work, cnt, sizeof *work, cmp_double);
            sum = cnt % 2 ? work[cnt / 2] : (work[cnt / 2 - 1] + work[cnt / 2]) / 2.0;
        } else {
            sum /= wsum;
        }
        r->value = pv_num(sum, PMML_TYPE_DOUBLE);
        r->st = VS_VALID;
    }
}

void pm_eval_knn(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_knn *k = m->impl;
    double *tmp = sc->tmp + m->tmp_off;
    double *work = tmp + 2 * k->k + 1, *votes = tmp + 3 * k->k + 2;
    nbest b;
    size_t i, j;
    b.idx = tmp;
    b.d = tmp + k->k;
    b.n = 0;
    b.k = k->k;
    b.similarity = k->ms.similarity;
    tmp[2 * k->k] = 0.0;
    if (k->k == 0)
        return;
    if (k->points) {
        /* the tree serves rows with every input present and numeric */
        for (j = 0; j < k->ninputs; j++) {
            const pv *v = &sc->vals[k->fields[j].slot];
            if (v->st == VS_MISSING || pm_type_is_string(v->t))
                break;
        }
        if (j == k->ninputs && k->ninputs <= 64) {
            double q[64];
            for (j = 0; j < k->ninputs; j++)
                q[j] = sc->vals[k->fields[j].slot].d;
            kd_search(k, 0, q, &b);
            for (i = 0; i < b.n; i++)
                b.d[i] = outer_of(k, b.d[i]);
            goto found;
        }
    }
    for (i = 0; i < k->n; i++) {
        double d;
        if (pm_measure_eval(&k->ms, k->fields, k->ninputs, sc, k->inst + i * k->ninputs, &d))
            nb_offer(&b, i, d);
    }
found:
    tmp[2 * k->k] = (double)b.n;
    for (i = 0; i < k->ntargets; i++) {
        const pl_knn_target *tg = &k->targets[i];
        pl_result *tr = i ? &sc->results[tg->model->result] : r;
        if (i) {
            tr->st = VS_MISSING;
            tr->value = pv_missing();
            tr->cat = -1;
            tr->has_probs = tr->has_conf = 0;
        }
        if (b.n)
            predict(k, tg, &b, work, votes, tr);
    }
}

void pm_output_knn(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v)
{
    const pl_knn *k = m->impl;
    const double *tmp = sc->tmp + m->tmp_off;
    size_t have = (size_t)tmp[2 * k->k], at = (size_t)o->rank - 1;
    if (at >= have)
        return;
    if (o->feature == FEAT_ENTITY_ID)
        *v = k->ids[(size_t)tmp[at]];
    else
        *v = pv_num(tmp[k->k + at], PMML_TYPE_DOUBLE);
}
