/* parse_bayesnet.c - BayesianNetworkModel: discrete nodes with (conditional)
 * probability tables, continuous nodes with distributions whose parameters
 * are expressions (PMML 4.4 Bayesian Network Models). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

static void parse_parent_value(pm_ctx *c, const px_node *k, pm_bn_entry *e, size_t cap)
{
    if (e->nparents == cap)
        pm_bad(c, k, "too many ParentValue elements");
    e->parents[e->nparents] = pa_req(c, k, "parent");
    e->parent_values[e->nparents] = pa_req(c, k, "value");
    e->nparents++;
}

static void parse_value_probability(pm_ctx *c, const px_node *k, pm_bn_entry *e)
{
    e->values[e->nvalues] = pa_req(c, k, "value");
    e->probs[e->nvalues] = pa_num_req(c, k, "probability");
    if (!(e->probs[e->nvalues] >= 0.0 && e->probs[e->nvalues] <= 1.0))
        pm_bad(c, k, "probability must be from 0 to 1");
    e->nvalues++;
}

static void parse_distribution(pm_ctx *c, const px_node *n, pm_bn_entry *e)
{
    static const char *const kinds[] = {"NormalDistributionForBN", "LognormalDistributionForBN",
                                        "TriangularDistributionForBN", "UniformDistributionForBN",
                                        NULL};
    static const char *const params[4][3] = {{"Mean", "Variance", NULL},
                                             {"Mean", "Variance", NULL},
                                             {"Mean", "Lower", "Upper"},
                                             {"Lower", "Upper", NULL}};
    int have = 0;
    PX_FOREACH(d, n)
    {
        int kind;
        if (px_ignorable(d))
            continue;
        for (kind = 0; kinds[kind]; kind++)
            if (px_is(d, kinds[kind]))
                break;
        if (!kinds[kind])
            pm_unexpected(c, n, d);
        if (have)
            pm_bad(c, n, "more than one distribution");
        have = 1;
        e->dist = kind + 1;
        e->dist_line = d->line;
        PX_FOREACH(p, d)
        {
            int i;
            if (px_ignorable(p))
                continue;
            for (i = 0; i < 3 && params[kind][i]; i++)
                if (px_is(p, params[kind][i]))
                    break;
            if (i == 3 || !params[kind][i])
                pm_unexpected(c, d, p);
            if (e->params[i])
                pm_bad(c, d, "more than one %s", p->name);
            e->params[i] = pm_parse_expr_child(c, p, 0);
        }
        {
            int i;
            for (i = 0; i < 3 && params[kind][i]; i++)
                if (!e->params[i])
                    pm_bad(c, d, "the %s element is missing", params[kind][i]);
        }
    }
    if (!have)
        pm_bad(c, n, "a distribution is required");
}

/* A conditional table entry: ParentValues, then ValueProbabilities or a
 * ContinuousDistribution. */
static void parse_entry(pm_ctx *c, const px_node *n, pm_bn_entry *e, int discrete)
{
    size_t np = px_count(n, "ParentValue"), nv = px_count(n, "ValueProbability");
    int have_dist = 0;
    e->line = n->line;
    e->parents = PM_NEW_ARRAY(c, c->tmp, const char *, np + 1);
    e->parent_values = PM_NEW_ARRAY(c, c->tmp, const char *, np + 1);
    e->values = PM_NEW_ARRAY(c, c->tmp, const char *, nv + 1);
    e->probs = PM_NEW_ARRAY(c, c->tmp, double, nv + 1);
    PX_FOREACH(k, n)
    {
        if (px_is(k, "ParentValue")) {
            parse_parent_value(c, k, e, np);
        } else if (discrete && px_is(k, "ValueProbability")) {
            parse_value_probability(c, k, e);
        } else if (!discrete && px_is(k, "ContinuousDistribution")) {
            if (have_dist)
                pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                         "ContinuousConditionalProbability: more than one "
                         "ContinuousDistribution is not supported");
            have_dist = 1;
            parse_distribution(c, k, e);
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (discrete && !e->nvalues)
        pm_bad(c, n, "ValueProbability elements are required");
    if (!discrete && !have_dist)
        pm_bad(c, n, "the ContinuousDistribution element is missing");
}

static void parse_node(pm_ctx *c, const px_node *n, pm_bn_node *node, int discrete)
{
    size_t count = 0, direct_vp = px_count(n, "ValueProbability");
    pm_bn_entry *root = NULL;
    node->name = pa_req(c, n, "name");
    node->discrete = discrete;
    node->line = n->line;
    PX_FOREACH(k, n)
    count += px_is(k, discrete ? "DiscreteConditionalProbability"
                               : "ContinuousConditionalProbability") ||
             px_is(k, "ContinuousDistribution");
    node->entries = PM_NEW_ARRAY(c, c->tmp, pm_bn_entry, count + 2);
    PX_FOREACH(k, n)
    {
        if (px_is(k, "DerivedField")) {
            continue; /* taken by pm_parse_bayesnet_child */
        } else if (discrete && px_is(k, "DiscreteConditionalProbability")) {
            parse_entry(c, k, &node->entries[node->nentries++], 1);
        } else if (!discrete && px_is(k, "ContinuousConditionalProbability")) {
            parse_entry(c, k, &node->entries[node->nentries++], 0);
        } else if (discrete && px_is(k, "ValueProbability")) {
            /* a node without parents: its prior */
            if (!root) {
                root = &node->entries[node->nentries++];
                root->line = k->line;
                root->values = PM_NEW_ARRAY(c, c->tmp, const char *, direct_vp + 1);
                root->probs = PM_NEW_ARRAY(c, c->tmp, double, direct_vp + 1);
            }
            parse_value_probability(c, k, root);
        } else if (!discrete && px_is(k, "ContinuousDistribution")) {
            pm_bn_entry *e = &node->entries[node->nentries++];
            e->line = k->line;
            parse_distribution(c, k, e);
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (!node->nentries)
        pm_bad(c, n, "the node has no probabilities");
}

int pm_parse_bayesnet_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    pm_bayesnet *b = &m->u.bn;
    size_t count = 0;
    if (!px_is(k, "BayesianNetworkNodes"))
        return 0;
    if (b->line)
        pm_bad(c, k, "more than one BayesianNetworkNodes");
    b->line = k->line;
    PX_FOREACH(n, k)
    count += px_is(n, "DiscreteNode") || px_is(n, "ContinuousNode");
    b->nodes = PM_NEW_ARRAY(c, c->tmp, pm_bn_node, count + 1);
    /* a node's DerivedFields (computing the node's value from the inputs,
     * e.g. by Discretize) are fields of the model */
    count = 0;
    PX_FOREACH(n, k)
    count += px_count(n, "DerivedField");
    b->derived = PM_NEW_ARRAY(c, c->tmp, pm_derived, count + 1);
    PX_FOREACH(n, k)
    {
        PX_FOREACH(d, n)
        if (px_is(d, "DerivedField"))
            b->derived[b->nderived++] = *pm_parse_derived(c, d, 1);
    }
    PX_FOREACH(n, k)
    {
        if (px_is(n, "DiscreteNode"))
            parse_node(c, n, &b->nodes[b->nnodes++], 1);
        else if (px_is(n, "ContinuousNode"))
            parse_node(c, n, &b->nodes[b->nnodes++], 0);
        else if (!px_ignorable(n))
            pm_unexpected(c, k, n);
    }
    if (!b->nnodes)
        pm_bad(c, k, "a Bayesian network needs at least one node");
    return 1;
}

void pm_parse_bayesnet_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    const pm_bayesnet *b = &m->u.bn;
    if (!b->line)
        pm_bad(c, n, "the BayesianNetworkNodes element is missing");
    if (b->nderived) {
        pm_derived *all = PM_NEW_ARRAY(c, c->tmp, pm_derived, m->local.nfields + b->nderived);
        size_t i, j;
        if (m->local.nfields)
            memcpy(all, m->local.fields, m->local.nfields * sizeof *all);
        for (i = 0; i < b->nderived; i++) {
            for (j = 0; j < m->local.nfields + i; j++)
                if (strcmp(all[j].name, b->derived[i].name) == 0)
                    pm_throw(c, PMML_ERR_PMML, b->derived[i].line, "DerivedField",
                             "DerivedField: '%s' is defined twice in the model",
                             b->derived[i].name);
            all[m->local.nfields + i] = b->derived[i];
        }
        m->local.fields = all;
        m->local.nfields += b->nderived;
    }
    if (m->function != FUNC_CLASSIFICATION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "BayesianNetworkModel: functionName=\"%s\" is not supported (the posterior of "
                 "a discrete target is: classification)",
                 m->function_name);
}
