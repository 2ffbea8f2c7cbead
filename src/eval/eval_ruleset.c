/* eval_ruleset.c - RuleSetModel rule selection (PMML 4.4 RuleSet). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "eval/eval.h"
#include "eval/value.h"
#include "model/model.h"

/* Probabilities from a ScoreDistribution: its probabilities when given,
 * else record counts over their sum.  0 when there is none to use. */
static int dist_probs(const pl_model *m, const pl_dist *d, int32_t n, double *p)
{
    double sum = 0.0;
    int32_t k;
    int use_prob;
    if (n == 0)
        return 0;
    use_prob = !isnan(d[0].prob);
    memset(p, 0, m->ncat * sizeof *p);
    for (k = 0; k < n; k++) {
        double v = use_prob ? d[k].prob : d[k].count;
        if (isnan(v))
            return 0;
        p[d[k].cat] += v;
        sum += v;
    }
    if (!(sum > 0.0))
        return 0;
    if (!use_prob)
        for (k = 0; k < (int32_t)m->ncat; k++)
            p[k] /= sum;
    return 1;
}

/*
 * tmp: per category [ncat] its value (a confidence, or a weight total),
 * [ncat] the order in which it first fired (NaN: it did not), [ncat] the
 * rule that speaks for it; then [1] the selected rule (-1: the default).
 */
void pm_eval_ruleset(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_ruleset *rs = m->impl;
    size_t ncat = m->ncat, i, k;
    double *val = sc->tmp + m->tmp_off, *seq = val + ncat, *who = seq + ncat;
    double *selected = who + ncat;
    double nfired = 0.0;
    int32_t win = -1, best = -1;

    *selected = -1.0;
    for (k = 0; k < ncat; k++) {
        val[k] = 0.0;
        seq[k] = NAN;
    }
    for (i = 0; i < rs->nrules;) {
        const pl_rule *u = &rs->rules[i];
        if (pm_eval_pred(rs->preds, u->pred, sc, NULL) != PR_TRUE) {
            i += u->size; /* a rule whose predicate is not true fires nothing below it */
            continue;
        }
        if (u->cat < 0) {
            i++; /* a CompoundRule: go into its rules */
            continue;
        }
        k = (size_t)u->cat;
        if (isnan(seq[k])) {
            seq[k] = nfired;
            who[k] = (double)i;
            val[k] = rs->criterion == RULE_WEIGHTED_SUM ? 0.0 : u->confidence;
        }
        if (rs->criterion == RULE_WEIGHTED_SUM) {
            val[k] += u->weight;
            if (u->weight > rs->rules[(size_t)who[k]].weight)
                who[k] = (double)i;
        } else if (rs->criterion == RULE_WEIGHTED_MAX) {
            if (u->weight > rs->rules[(size_t)who[k]].weight) {
                who[k] = (double)i;
                val[k] = u->confidence;
            }
            /* the rule with the highest weight, the first on ties */
            if (best < 0 || u->weight > rs->rules[best].weight)
                best = (int32_t)i;
        } else if (best < 0) {
            best = (int32_t)i; /* firstHit */
        }
        nfired += 1.0;
        i++;
    }
    if (nfired == 0.0) {
        /* no rule fired: the RuleSet's defaultScore, else no prediction */
        if (rs->default_cat < 0)
            return;
        memset(r->conf, 0, ncat * sizeof *r->conf);
        r->conf[rs->default_cat] = isnan(rs->default_confidence) ? 0.0 : rs->default_confidence;
        r->has_conf = !isnan(rs->default_confidence);
        r->has_probs =
            (uint8_t)dist_probs(m, rs->dists + rs->default_dist, rs->default_ndist, r->probs);
        r->cat = rs->default_cat;
        r->value = m->cats[r->cat];
        r->st = VS_VALID;
        return;
    }
    if (rs->criterion == RULE_WEIGHTED_SUM) {
        /* the category with the highest weight total; its confidence is that
         * total over the number of rules that fired */
        int32_t top = -1;
        for (k = 0; k < ncat; k++) {
            if (isnan(seq[k]))
                continue;
            val[k] /= nfired;
            if (top < 0 || val[k] > val[top] || (val[k] == val[top] && seq[k] < seq[top]))
                top = (int32_t)k;
        }
        best = (int32_t)who[top];
    }
    win = rs->rules[best].cat;
    for (k = 0; k < ncat; k++)
        r->conf[k] = val[k];
    r->has_conf = 1;
    r->has_probs =
        (uint8_t)dist_probs(m, rs->dists + rs->rules[best].dist, rs->rules[best].ndist, r->probs);
    *selected = (double)best;
    r->cat = win;
    r->value = m->cats[win];
    r->st = VS_VALID;
}

void pm_output_ruleset(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v)
{
    const pl_ruleset *rs = m->impl;
    const pl_result *r = &sc->results[m->result];
    double selected = sc->tmp[m->tmp_off + 3 * m->ncat];
    const pl_rule *u;
    if (r->st != VS_VALID || selected < 0.0)
        return;
    u = &rs->rules[(size_t)selected];
    if (o->aux == FEAT_CONFIDENCE)
        *v = pv_num(r->conf[r->cat], PMML_TYPE_DOUBLE);
    else
        *v = u->id;
}
