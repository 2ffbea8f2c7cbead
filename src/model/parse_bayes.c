/* parse_bayes.c - NaiveBayesModel: BayesInputs with PairCounts or
 * TargetValueStats, and BayesOutput (PMML 4.4 Naive Bayes). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

void pm_parse_bayes_attrs(pm_ctx *c, pm_model *m, const px_node *n)
{
    pm_naive_bayes *nb = &m->u.nb;
    nb->threshold = pa_num_req(c, n, "threshold");
    if (!(nb->threshold >= 0.0))
        pm_bad(c, n, "threshold %g is negative", nb->threshold);
    if (m->function != FUNC_CLASSIFICATION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "NaiveBayesModel: functionName=\"%s\" is not supported (naive Bayes classifies)",
                 m->function_name);
}

/* TargetValueCounts: its TargetValueCount children. */
static void parse_counts(pm_ctx *c, const px_node *n, pm_tvcount **out, size_t *nout)
{
    size_t count = px_count(n, "TargetValueCount"), i = 0;
    pm_tvcount *v = PM_NEW_ARRAY(c, c->tmp, pm_tvcount, count + 1);
    PX_FOREACH(k, n)
    {
        if (px_is(k, "TargetValueCount")) {
            v[i].line = k->line;
            v[i].value = pa_req(c, k, "value");
            v[i].count = pa_num_req(c, k, "count");
            if (!(v[i].count >= 0.0))
                pm_bad(c, k, "count %g is negative", v[i].count);
            i++;
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    *out = v;
    *nout = count;
}

/* The TargetValueCounts child of n, required. */
static void counts_child(pm_ctx *c, const px_node *n, pm_tvcount **out, size_t *nout)
{
    int have = 0;
    PX_FOREACH(k, n)
    {
        if (px_is(k, "TargetValueCounts")) {
            if (have)
                pm_bad(c, n, "more than one TargetValueCounts");
            parse_counts(c, k, out, nout);
            have = 1;
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (!have)
        pm_bad(c, n, "a TargetValueCounts element is required");
}

int pm_parse_distribution(pm_ctx *c, const px_node *k, int any_ok, int *dist, double *p1,
                          double *p2)
{
    if (px_is(k, "GaussianDistribution")) {
        *dist = DIST_GAUSSIAN;
        *p1 = pa_num_req(c, k, "mean");
        *p2 = pa_num_req(c, k, "variance");
        if (!(*p2 > 0.0))
            pm_bad(c, k, "variance %g is not positive", *p2);
    } else if (px_is(k, "PoissonDistribution")) {
        *dist = DIST_POISSON;
        *p1 = pa_num_req(c, k, "mean");
        if (!(*p1 > 0.0))
            pm_bad(c, k, "mean %g is not positive", *p1);
    } else if (px_is(k, "UniformDistribution")) {
        *dist = DIST_UNIFORM;
        *p1 = pa_num_req(c, k, "lower");
        *p2 = pa_num_req(c, k, "upper");
        if (!(*p2 > *p1))
            pm_bad(c, k, "upper %g is not greater than lower %g", *p2, *p1);
    } else if (px_is(k, "AnyDistribution")) {
        if (!any_ok)
            /* a mean and a variance, but no density to score with */
            pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                     "AnyDistribution: a distribution of unknown form has no density to score "
                     "with");
        *dist = DIST_ANY;
        *p1 = pa_num_req(c, k, "mean");
        *p2 = pa_num_req(c, k, "variance");
        if (!(*p2 > 0.0))
            pm_bad(c, k, "variance %g is not positive", *p2);
    } else {
        return 0;
    }
    return 1;
}

static void parse_stat(pm_ctx *c, const px_node *n, pm_tvstat *s)
{
    int have = 0;
    s->line = n->line;
    s->value = pa_req(c, n, "value");
    PX_FOREACH(k, n)
    {
        if (px_ignorable(k))
            continue;
        if (!pm_parse_distribution(c, k, 0, &s->dist, &s->p1, &s->p2))
            pm_unexpected(c, n, k);
        if (have)
            pm_bad(c, n, "more than one distribution");
        have = 1;
    }
    if (!have)
        pm_bad(c, n,
               "a distribution (GaussianDistribution, PoissonDistribution, ...) is "
               "required");
}

static void parse_input(pm_ctx *c, const px_node *n, pm_bayes_input *in)
{
    size_t np = px_count(n, "PairCounts"), i = 0;
    in->line = n->line;
    in->field = pa_str(n, "fieldName");
    if (!in->field)
        in->field = pa_req(c, n, "field"); /* PMML 4.4 spells it "field" */
    in->pairs = PM_NEW_ARRAY(c, c->tmp, pm_paircounts, np + 1);
    PX_FOREACH(k, n)
    {
        if (px_is(k, "PairCounts")) {
            pm_paircounts *p = &in->pairs[i++];
            p->line = k->line;
            p->value = pa_req(c, k, "value");
            counts_child(c, k, &p->counts, &p->ncounts);
        } else if (px_is(k, "DerivedField")) {
            if (in->derived)
                pm_bad(c, n, "more than one DerivedField");
            in->derived = pm_parse_derived(c, k, 0);
        } else if (px_is(k, "TargetValueStats")) {
            size_t ns = px_count(k, "TargetValueStat"), j = 0;
            if (in->stats)
                pm_bad(c, n, "more than one TargetValueStats");
            in->stats = PM_NEW_ARRAY(c, c->tmp, pm_tvstat, ns + 1);
            PX_FOREACH(s, k)
            {
                if (px_is(s, "TargetValueStat"))
                    parse_stat(c, s, &in->stats[j++]);
                else if (!px_ignorable(s))
                    pm_unexpected(c, k, s);
            }
            in->nstats = ns;
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    in->npairs = np;
    if (in->stats && (np || in->derived))
        pm_bad(c, n, "TargetValueStats cannot be combined with PairCounts or a DerivedField");
    if (!in->stats && !np)
        pm_bad(c, n, "PairCounts or TargetValueStats are required");
}

int pm_parse_bayes_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    pm_naive_bayes *nb = &m->u.nb;
    if (px_is(k, "BayesInputs")) {
        size_t count = px_count(k, "BayesInput"), i = 0;
        if (nb->inputs)
            pm_bad(c, k, "a NaiveBayesModel has exactly one BayesInputs");
        nb->inputs = PM_NEW_ARRAY(c, c->tmp, pm_bayes_input, count + 1);
        PX_FOREACH(in, k)
        {
            if (px_is(in, "BayesInput"))
                parse_input(c, in, &nb->inputs[i++]);
            else if (!px_ignorable(in))
                pm_unexpected(c, k, in);
        }
        nb->ninputs = count;
        return 1;
    }
    if (px_is(k, "BayesOutput")) {
        if (nb->output_line)
            pm_bad(c, k, "a NaiveBayesModel has exactly one BayesOutput");
        nb->output_line = k->line;
        nb->output_field = pa_str(k, "fieldName");
        if (!nb->output_field)
            nb->output_field = pa_req(c, k, "field");
        counts_child(c, k, &nb->priors, &nb->npriors);
        return 1;
    }
    return 0;
}

void pm_parse_bayes_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    pm_naive_bayes *nb = &m->u.nb;
    if (!nb->inputs)
        pm_bad(c, n, "the BayesInputs element is missing");
    if (!nb->output_line)
        pm_bad(c, n, "the BayesOutput element is missing");
    if (!nb->npriors)
        pm_throw(c, PMML_ERR_PMML, nb->output_line, "BayesOutput",
                 "BayesOutput: at least one TargetValueCount is required");
}
