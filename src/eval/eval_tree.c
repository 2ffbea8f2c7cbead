/* eval_tree.c - walking a compiled TreeModel (PMML 4.4 TreeModel,
 * missing value strategies as JPMML applies them: the strategy acts at the
 * first child whose predicate is UNKNOWN). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "eval/eval.h"
#include "model/model.h"

/* Probabilities of a node from its ScoreDistributions; 0 when it has
 * none, -1 when they sum to zero. */
int pm_tree_node_probs(const pl_model *m, const pl_tree *t, const pl_node *n, double *p)
{
    int32_t k;
    double sum = 0.0;
    int use_prob;
    memset(p, 0, m->ncat * sizeof *p);
    if (n->ndist == 0) {
        if (n->score_cat < 0)
            return -1;
        p[n->score_cat] = 1.0; /* a vote: the score category is certain */
        return 1;
    }
    use_prob = !isnan(t->dists[n->dist].prob);
    for (k = 0; k < n->ndist; k++) {
        const pl_dist *d = &t->dists[n->dist + k];
        double v = use_prob ? d->prob : d->count;
        if (isnan(v))
            return -1;
        p[d->cat] += v;
        sum += v;
    }
    if (sum == 0.0)
        return -1;
    if (sum != 1.0)
        for (k = 0; k < (int32_t)m->ncat; k++)
            p[k] /= sum;
    return 1;
}

static void fill_classification(const pl_model *m, const pl_tree *t, int32_t node,
                                int levels, pm_scratch *sc, pl_result *r)
{
    const pl_node *n = &t->nodes[node];
    double penalty = levels ? pow(t->penalty, levels) : 1.0;
    int32_t k;
    if (pm_tree_node_probs(m, t, n, r->probs) < 0) {
        pm_row_error(sc, PMML_ERR_EVAL,
                     n->ndist ? "tree node '%s': its ScoreDistribution counts sum to 0"
                              : "tree node '%s' has neither a score nor a ScoreDistribution",
                     n->id ? n->id : "");
        r->st = VS_INVALID;
        return;
    }
    r->has_probs = 1;
    memset(r->conf, 0, m->ncat * sizeof *r->conf);
    r->has_conf = 0;
    for (k = 0; k < n->ndist; k++) {
        const pl_dist *d = &t->dists[n->dist + k];
        if (!isnan(d->conf)) {
            r->conf[d->cat] = d->conf * penalty;
            r->has_conf = 1;
        }
    }
    if (n->score_cat >= 0) {
        r->cat = n->score_cat;
        r->value = m->cats[n->score_cat];
        r->st = VS_VALID;
    } else {
        pm_result_pick(m, r);
    }
}

/* ---- weightedConfidence and aggregateNodes (classification only) ---- */

static int weighted(const pl_model *m, const pl_tree *t, int32_t node, pm_scratch *sc,
                    double *out, size_t level);

/* Distribution reached from `node` when the walk continues normally and
 * switches to weighting at the first UNKNOWN. */
static int descend(const pl_model *m, const pl_tree *t, int32_t node, pm_scratch *sc,
                   double *out, size_t level)
{
    for (;;) {
        const pl_node *n = &t->nodes[node];
        int32_t k, next = -1;
        if (n->nkids == 0)
            return pm_tree_node_probs(m, t, n, out);
        for (k = 0; k < n->nkids; k++) {
            int st = pm_eval_pred(t->preds, t->nodes[n->first + k].pred, sc, NULL);
            if (st == PR_TRUE) {
                next = n->first + k;
                break;
            }
            if (st == PR_UNKNOWN)
                return weighted(m, t, node, sc, out, level);
        }
        if (next < 0)
            return t->no_true_child == NO_TRUE_CHILD_LAST ? pm_tree_node_probs(m, t, n, out) : -1;
        node = next;
    }
}

/* The record-count-weighted average of the distributions of every child of
 * `node` whose predicate is not FALSE (weights renormalised over them). */
static int weighted(const pl_model *m, const pl_tree *t, int32_t node, pm_scratch *sc,
                    double *out, size_t level)
{
    const pl_node *n = &t->nodes[node];
    double *tmp, total = 0.0;
    int32_t k;
    size_t j;
    if (level >= t->tmp_levels)
        return -1;
    tmp = sc->tmp + m->tmp_off + level * m->ncat;
    memset(out, 0, m->ncat * sizeof *out);
    for (k = 0; k < n->nkids; k++) {
        const pl_node *c = &t->nodes[n->first + k];
        double w = isnan(c->record_count) ? 0.0 : c->record_count;
        if (pm_eval_pred(t->preds, c->pred, sc, NULL) == PR_FALSE || w <= 0.0)
            continue;
        if (descend(m, t, n->first + k, sc, tmp, level + 1) < 0)
            continue;
        for (j = 0; j < m->ncat; j++)
            out[j] += w * tmp[j];
        total += w;
    }
    if (total <= 0.0)
        return -1;
    for (j = 0; j < m->ncat; j++)
        out[j] /= total;
    return 1;
}

static void collect(const pl_model *m, const pl_tree *t, int32_t node, pm_scratch *sc,
                    double *counts)
{
    const pl_node *n = &t->nodes[node];
    int32_t k;
    if (n->nkids == 0) {
        for (k = 0; k < n->ndist; k++) {
            const pl_dist *d = &t->dists[n->dist + k];
            counts[d->cat] += d->count;
        }
        return;
    }
    for (k = 0; k < n->nkids; k++) {
        int st = pm_eval_pred(t->preds, t->nodes[n->first + k].pred, sc, NULL);
        if (st == PR_UNKNOWN)
            collect(m, t, n->first + k, sc, counts);
        if (st == PR_TRUE) {
            collect(m, t, n->first + k, sc, counts);
            break;
        }
    }
}

static void missing_distribution(const pl_model *m, const pl_tree *t, int32_t node,
                                 pm_scratch *sc, pl_result *r)
{
    size_t j;
    double sum = 0.0;
    int ok;
    if (t->missing_strategy == TREE_MISSING_AGGREGATE_NODES) {
        memset(r->probs, 0, m->ncat * sizeof *r->probs);
        collect(m, t, node, sc, r->probs);
        for (j = 0; j < m->ncat; j++)
            sum += r->probs[j];
        ok = sum > 0.0;
        for (j = 0; ok && j < m->ncat; j++)
            r->probs[j] /= sum;
    } else {
        ok = weighted(m, t, node, sc, r->probs, 0) > 0;
    }
    if (!ok) {
        r->st = VS_MISSING;
        return;
    }
    r->has_probs = 1;
    memcpy(r->conf, r->probs, m->ncat * sizeof *r->conf);
    r->has_conf = 1;
    r->node = -1;
    r->entity_id = NULL;
    pm_result_pick(m, r);
}

void pm_eval_tree(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_tree *t = m->impl;
    int32_t node = 0, result = -1, last = -1;
    int levels = 0, st;

    r->st = VS_MISSING;
    r->node = -1;
    r->entity_id = NULL;
    r->has_probs = r->has_conf = 0;
    st = pm_eval_pred(t->preds, t->nodes[0].pred, sc, &levels);
    if (st != PR_TRUE)
        return;
    for (;;) {
        const pl_node *n = &t->nodes[node];
        int32_t k, next = -1;
        if (n->nkids == 0) {
            result = node;
            break;
        }
        last = node;
        for (k = 0; k < n->nkids; k++) {
            int32_t c = n->first + k;
            st = pm_eval_pred(t->preds, t->nodes[c].pred, sc, &levels);
            if (st == PR_TRUE) {
                next = c;
                break;
            }
            if (st != PR_UNKNOWN)
                continue;
            switch (t->missing_strategy) {
            case TREE_MISSING_NULL_PREDICTION:
                return;
            case TREE_MISSING_LAST_PREDICTION:
                result = last;
                goto done;
            case TREE_MISSING_DEFAULT_CHILD:
                if (n->dflt < 0) {
                    pm_row_error(sc, PMML_ERR_EVAL,
                                 "tree node '%s' has no defaultChild for a missing value",
                                 n->id ? n->id : "");
                    r->st = VS_INVALID;
                    return;
                }
                levels++;
                next = n->dflt;
                break;
            case TREE_MISSING_WEIGHTED_CONFIDENCE:
            case TREE_MISSING_AGGREGATE_NODES:
                missing_distribution(m, t, node, sc, r);
                return;
            default: /* none: UNKNOWN counts as FALSE */
                continue;
            }
            break;
        }
        if (next >= 0) {
            node = next;
            continue;
        }
        /* no child is true */
        if (t->no_true_child == NO_TRUE_CHILD_LAST && (n->has_score || n->ndist))
            result = node;
        break;
    }
done:
    if (result < 0)
        return;
    {
        const pl_node *n = &t->nodes[result];
        r->node = result;
        r->entity_id = n->id;
        if (t->classification) {
            fill_classification(m, t, result, levels, sc, r);
        } else if (n->has_score) {
            r->value = pv_num(n->score, PMML_TYPE_DOUBLE);
            r->st = VS_VALID;
        }
    }
}
