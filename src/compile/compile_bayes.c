/* compile_bayes.c - a NaiveBayesModel into log-probability tables. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "compile/compile.h"

/* The category of a TargetValueCount/TargetValueStat value. */
static int32_t target_cat(ccomp *cc, pl_model *m, const char *value, unsigned line)
{
    return cx_category(cc, m, value, 1, line);
}

static void compile_input(ccomp *cc, cscope *s, pl_model *m, const pm_naive_bayes *nb,
                          const pm_bayes_input *in, pl_nb_input *pi)
{
    cfield *f = cx_use(cc, s, in->field, in->line, "BayesInput");
    size_t i, j, ncat;
    int dt = f->datatype ? f->datatype : PMML_TYPE_STRING;
    pi->slot = f->slot;
    if (in->stats) {
        uint8_t *dist;
        double *p1, *p2;
        if (!pm_type_is_numeric(dt))
            pm_throw(cc->c, PMML_ERR_PMML, in->line, "BayesInput",
                     "BayesInput: TargetValueStats need a numeric field, '%s' is %s", in->field,
                     pmml_datatype_name(dt));
        ncat = m->ncat;
        dist = PM_NEW_ARRAY(cc->c, cc->a, uint8_t, ncat + 1);
        p1 = PM_NEW_ARRAY(cc->c, cc->a, double, ncat + 1);
        p2 = PM_NEW_ARRAY(cc->c, cc->a, double, ncat + 1);
        memset(dist, 0xff, ncat + 1);
        for (i = 0; i < in->nstats; i++) {
            const pm_tvstat *st = &in->stats[i];
            int32_t k = target_cat(cc, m, st->value, st->line);
            if (dist[k] != 0xff)
                pm_throw(cc->c, PMML_ERR_PMML, st->line, "TargetValueStat",
                         "TargetValueStat: the category '%s' is listed twice", st->value);
            dist[k] = (uint8_t)st->dist;
            p1[k] = st->p1;
            p2[k] = st->p2;
        }
        pi->continuous = 1;
        pi->dist = dist;
        pi->p1 = p1;
        pi->p2 = p2;
        return;
    }
    if (in->derived) {
        pi->expr = cx_expr(cc, s, in->derived->expr);
        dt = in->derived->datatype ? in->derived->datatype : pi->expr->dt;
        if (!dt)
            dt = PMML_TYPE_STRING;
        pi->expr_dt = dt;
    }
    ncat = m->ncat;
    {
        pv *values = PM_NEW_ARRAY(cc->c, cc->a, pv, in->npairs + 1);
        double *counts = PM_NEW_ARRAY(cc->c, cc->c->tmp, double, in->npairs *ncat + 1);
        double *sums = PM_NEW_ARRAY(cc->c, cc->c->tmp, double, ncat + 1);
        double *logp = PM_NEW_ARRAY(cc->c, cc->a, double, in->npairs *ncat + 1);
        for (i = 0; i < in->npairs; i++) {
            const pm_paircounts *pc = &in->pairs[i];
            if (!cx_try_value(cc, pc->value, dt, &values[i])) {
                /* a value the field cannot take ("NA" of a number) never matches */
                values[i] = cx_value(cc, pc->value, PMML_TYPE_STRING, pc->line, "PairCounts");
                values[i].st = VS_INVALID;
            }
            for (j = 0; j < pc->ncounts; j++) {
                int32_t k = target_cat(cc, m, pc->counts[j].value, pc->counts[j].line);
                counts[i * ncat + k] += pc->counts[j].count;
                sums[k] += pc->counts[j].count;
            }
        }
        /* P(value | category) = count / the category's count over all values;
         * a zero count uses the threshold (PMML 4.4 Naive Bayes).  A category
         * a PairCounts does not list has count 0 too. */
        for (i = 0; i < in->npairs; i++)
            for (j = 0; j < ncat; j++) {
                double n = counts[i * ncat + j];
                logp[i * ncat + j] = n > 0.0 ? log(n / sums[j]) : log(nb->threshold);
            }
        pi->nvalues = in->npairs;
        pi->values = values;
        pi->logp = logp;
    }
}

void cx_naive_bayes(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_naive_bayes *src = &pm->u.nb;
    pl_naive_bayes *nb = PM_NEW(cc->c, cc->a, pl_naive_bayes);
    pl_nb_input *inputs = PM_NEW_ARRAY(cc->c, cc->a, pl_nb_input, src->ninputs + 1);
    double *prior;
    size_t i, j, k;
    if (m->target.present && src->output_field && strcmp(src->output_field, m->target.name))
        pm_throw(cc->c, PMML_ERR_PMML, src->output_line, "BayesOutput",
                 "BayesOutput: fieldName '%s' is not the target field '%s'", src->output_field,
                 m->target.name);
    /* every category first, so that the tables are all of one width */
    for (i = 0; i < src->npriors; i++)
        target_cat(cc, m, src->priors[i].value, src->priors[i].line);
    for (i = 0; i < src->ninputs; i++) {
        const pm_bayes_input *in = &src->inputs[i];
        for (j = 0; j < in->nstats; j++)
            target_cat(cc, m, in->stats[j].value, in->stats[j].line);
        for (j = 0; j < in->npairs; j++)
            for (k = 0; k < in->pairs[j].ncounts; k++)
                target_cat(cc, m, in->pairs[j].counts[k].value, in->pairs[j].counts[k].line);
    }
    nb->ncat = m->ncat;
    for (i = 0; i < src->ninputs; i++)
        compile_input(cc, s, m, src, &src->inputs[i], &inputs[i]);
    prior = PM_NEW_ARRAY(cc->c, cc->a, double, nb->ncat + 1);
    for (i = 0; i < src->npriors; i++)
        prior[target_cat(cc, m, src->priors[i].value, src->priors[i].line)] += src->priors[i].count;
    /* a category without a count in BayesOutput has probability 0 */
    for (i = 0; i < nb->ncat; i++)
        prior[i] = log(prior[i]);
    nb->logprior = prior;
    nb->threshold = src->threshold;
    nb->ninputs = src->ninputs;
    nb->inputs = inputs;
    m->impl = nb;
    m->eval = pm_eval_naive_bayes;
    m->tmp_per_cat = 1;
}
