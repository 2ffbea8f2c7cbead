/* eval_bayesnet.c - the posterior of a Bayesian network's discrete target
 * given the row's evidence (PMML 4.4 Bayesian Network Models), by exact
 * enumeration over the unobserved discrete nodes that matter: a node that
 * is neither the target, nor observed, nor an ancestor of one sums out to 1
 * and is skipped, as is an unobserved continuous node (its density
 * integrates to 1; a node whose parameters read it has no density then). */
#include "config.h"

#include <math.h>

#include "eval/eval.h"
#include "eval/value.h"
#include "model/model.h"

/* Beyond this many joint states of the unobserved nodes a row is refused. */
#define BN_MAX_STATES 1048576.0

static size_t config_of(const pl_bn_node *nd, const double *assign)
{
    size_t c = 0, j;
    for (j = 0; j < nd->nparents; j++)
        c += (size_t)assign[nd->parents[j]] * nd->stride[j];
    return c;
}

static double param(const pl_expr *e, pm_scratch *sc)
{
    pv v;
    pm_eval_expr(e, sc, &v);
    if (v.st != VS_VALID || pm_type_is_string(v.t))
        return NAN;
    return v.d;
}

static double density(const pl_bn_dist *d, pm_scratch *sc, double x)
{
    double a = param(d->p[0], sc), b = d->p[1] ? param(d->p[1], sc) : NAN, c, mode;
    switch (d->kind) {
    case BN_NORMAL: /* mean a, variance b */
        if (!(b > 0.0))
            return NAN;
        return exp(-(x - a) * (x - a) / (2.0 * b)) / sqrt(2.0 * M_PI * b);
    case BN_LOGNORMAL: /* log x is normal with mean a, variance b */
        if (!(b > 0.0))
            return NAN;
        if (!(x > 0.0))
            return 0.0;
        return exp(-(log(x) - a) * (log(x) - a) / (2.0 * b)) / (x * sqrt(2.0 * M_PI * b));
    case BN_UNIFORM: /* lower a, upper b */
        if (!(a < b))
            return NAN;
        return x >= a && x <= b ? 1.0 / (b - a) : 0.0;
    default: /* BN_TRIANGULAR: mean a, lower b, upper c; the mode is 3a - b - c */
        c = param(d->p[2], sc);
        mode = 3.0 * a - b - c;
        if (!(b < c) || !(mode >= b && mode <= c))
            return NAN;
        if (x < b || x > c)
            return 0.0;
        if (x < mode)
            return 2.0 * (x - b) / ((c - b) * (mode - b));
        if (x > mode)
            return 2.0 * (c - x) / ((c - b) * (c - mode));
        return 2.0 / (c - b);
    }
}

void pm_eval_bayesnet(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_bn *bn = m->impl;
    size_t n = bn->nnodes, i, j, nh = 0;
    double *obs = sc->tmp + m->tmp_off, *assign = obs + n, *rel = assign + n, *hidden = rel + n,
           *dens = hidden + n, *acc = dens + bn->ndens, states = 1.0, total = 0.0;

    /* the evidence: a discrete node's value index, -1 when unobserved */
    for (i = 0; i < n; i++) {
        const pl_bn_node *nd = &bn->nodes[i];
        const pv *v = &sc->vals[nd->slot];
        obs[i] = -1.0;
        if (i == bn->target || v->st != VS_VALID)
            continue;
        if (!nd->discrete) {
            if (!pm_type_is_string(v->t))
                obs[i] = 0.0;
            continue;
        }
        for (j = 0; j < nd->nvalues; j++)
            if (pm_value_equal(v, &nd->values[j]))
                break;
        if (j == nd->nvalues) {
            r->st = VS_INVALID; /* a value the network does not know */
            return;
        }
        obs[i] = (double)j;
    }
    /* what matters: the target, the evidence and their ancestors */
    for (i = 0; i < n; i++)
        rel[i] = i == bn->target || obs[i] >= 0.0;
    for (i = n; i-- > 0;) {
        const pl_bn_node *nd = &bn->nodes[bn->order[i]];
        if (rel[bn->order[i]])
            for (j = 0; j < nd->nparents; j++)
                rel[nd->parents[j]] = 1.0;
    }
    for (i = 0; i < n; i++) {
        const pl_bn_node *nd = &bn->nodes[i];
        if (!rel[i])
            continue;
        if (!nd->discrete) {
            if (obs[i] >= 0.0)
                for (j = 0; j < nd->nconfigs; j++)
                    dens[nd->dens_off + j] = density(&nd->dists[j], sc, sc->vals[nd->slot].d);
            continue;
        }
        if (obs[i] >= 0.0) {
            assign[i] = obs[i];
        } else {
            assign[i] = 0.0;
            hidden[nh++] = (double)i;
            states *= (double)nd->nvalues;
        }
    }
    if (states > BN_MAX_STATES) {
        r->st = VS_INVALID;
        return;
    }
    for (j = 0; j < m->ncat; j++)
        acc[j] = 0.0;
    for (;;) {
        double w = 1.0;
        const pl_bn_node *t = &bn->nodes[bn->target];
        for (i = 0; i < n; i++) {
            const pl_bn_node *nd = &bn->nodes[i];
            double f;
            if (!rel[i] || (!nd->discrete && obs[i] < 0.0))
                continue;
            if (nd->discrete)
                f = nd->probs[config_of(nd, assign) * nd->nvalues + (size_t)assign[i]];
            else
                f = dens[nd->dens_off + config_of(nd, assign)];
            if (f == 0.0) { /* an impossible state, whatever else is undefined */
                w = 0.0;
                break;
            }
            w *= f;
        }
        acc[t->cat[(size_t)assign[bn->target]]] += w;
        total += w;
        /* the next joint state of the hidden nodes */
        for (j = 0; j < nh; j++) {
            size_t h = (size_t)hidden[j];
            if (assign[h] + 1.0 < (double)bn->nodes[h].nvalues) {
                assign[h] += 1.0;
                break;
            }
            assign[h] = 0.0;
        }
        if (j == nh)
            break;
    }
    if (!(total > 0.0) || !isfinite(total)) {
        r->st = VS_INVALID; /* impossible evidence, or a density without parameters */
        return;
    }
    for (j = 0; j < m->ncat; j++)
        r->probs[j] = acc[j] / total;
    r->has_probs = 1;
    pm_result_pick(m, r);
}
