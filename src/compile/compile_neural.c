/* compile_neural.c - a NeuralNetwork into neuron and connection arrays. */
#include "config.h"

#include <string.h>

#include "compile/compile.h"

static uint32_t neuron_index(ccomp *cc, pm_map *ids, const char *id, unsigned line)
{
    void *v = pm_map_get(ids, id);
    if (!v)
        pm_throw(cc->c, PMML_ERR_PMML, line, "Con",
                 "Con: 'from' names no earlier neuron or input ('%s')", id);
    return (uint32_t)((uintptr_t)v - 1);
}

static void add_id(ccomp *cc, pm_map *ids, const char *id, size_t index, unsigned line)
{
    if (pm_map_put(cc->c, cc->c->tmp, ids, id, (void *)(uintptr_t)(index + 1)))
        pm_throw(cc->c, PMML_ERR_PMML, line, "Neuron", "Neuron: the id '%s' is used twice", id);
}

/* NeuralOutput of a regression: the target itself or a NormContinuous of it,
 * whose inverse maps the neuron back to the target's scale. */
static void regression_output(ccomp *cc, pl_model *m, pl_neural *nn, const pm_derived *d)
{
    const pm_expr *e = d->expr;
    size_t i;
    if (e->kind == EXPR_FIELDREF && (!m->target.present || strcmp(e->field, m->target.name) == 0))
        return;
    if (e->kind == EXPR_NORM_CONTINUOUS &&
        (!m->target.present || strcmp(e->field, m->target.name) == 0)) {
        nn->ninv = e->u.normc.npoints;
        nn->inv_orig = PM_NEW_ARRAY(cc->c, cc->a, double, nn->ninv);
        nn->inv_norm = PM_NEW_ARRAY(cc->c, cc->a, double, nn->ninv);
        for (i = 0; i < nn->ninv; i++) {
            nn->inv_orig[i] = e->u.normc.points[i].orig;
            nn->inv_norm[i] = e->u.normc.points[i].norm;
            if (i && !(nn->inv_norm[i] > nn->inv_norm[i - 1]))
                pm_throw(cc->c, PMML_ERR_UNSUPPORTED, e->line, "NormContinuous",
                         "NormContinuous: a NeuralOutput mapping whose norm values do not "
                         "increase cannot be inverted");
        }
        return;
    }
    pm_throw(cc->c, PMML_ERR_UNSUPPORTED, d->line, "NeuralOutput",
             "NeuralOutput: only a FieldRef or NormContinuous of the target is supported for "
             "regression");
}

void cx_neural(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_neural *src = &pm->u.nn;
    pl_neural *nn = PM_NEW(cc->c, cc->a, pl_neural);
    pm_map ids = { 0 };
    size_t total = src->ninputs, ncons = 0, i, j, k, next;
    int classification = m->function == FUNC_CLASSIFICATION;

    for (i = 0; i < src->nlayers; i++) {
        total += src->layers[i].nneurons;
        for (j = 0; j < src->layers[i].nneurons; j++)
            ncons += src->layers[i].neurons[j].ncons;
    }
    if (total > (size_t)1 << 24 || ncons > (size_t)1 << 28)
        pm_throw(cc->c, PMML_ERR_LIMIT, pm->line, "NeuralNetwork",
                 "NeuralNetwork: %zu neurons and %zu connections are too many", total, ncons);
    nn->ninputs = src->ninputs;
    nn->inputs = PM_NEW_ARRAY(cc->c, cc->a, const pl_expr *, src->ninputs);
    for (i = 0; i < src->ninputs; i++) {
        nn->inputs[i] = cx_expr(cc, s, src->inputs[i].expr);
        add_id(cc, &ids, src->input_ids[i], i, src->inputs[i].line);
    }
    nn->nneurons = total;
    nn->neurons = PM_NEW_ARRAY(cc->c, cc->a, pl_neuron, total);
    nn->src = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, ncons + 1);
    nn->weight = PM_NEW_ARRAY(cc->c, cc->a, double, ncons + 1);
    nn->nlayers = src->nlayers;
    nn->layers = PM_NEW_ARRAY(cc->c, cc->a, pl_nlayer, src->nlayers);
    next = src->ninputs;
    ncons = 0;
    for (i = 0; i < src->nlayers; i++) {
        const pm_nlayer *l = &src->layers[i];
        pl_nlayer *pl = &nn->layers[i];
        double lwidth = l->has_width ? l->width : src->width;
        double lalt = l->has_altitude ? l->altitude : src->altitude;
        int has_width = l->has_width || src->has_width;
        pl->first = (uint32_t)next;
        pl->count = (uint32_t)l->nneurons;
        pl->activation = l->activation >= 0 ? l->activation : src->activation;
        pl->normalization = l->normalization >= 0 ? l->normalization : src->normalization;
        pl->threshold = l->has_threshold ? l->threshold : src->threshold;
        /* connections may only reach back: add this layer's ids afterwards */
        for (j = 0; j < l->nneurons; j++) {
            const pm_neuron *u = &l->neurons[j];
            pl_neuron *pu = &nn->neurons[next + j];
            pu->bias = u->bias;
            pu->width = u->has_width ? u->width : lwidth;
            pu->altitude = u->has_altitude ? u->altitude : lalt;
            if (pl->activation == ACT_RADIAL_BASIS && !u->has_width && !has_width)
                pm_throw(cc->c, PMML_ERR_PMML, u->line, "Neuron",
                         "Neuron: a radialBasis neuron needs a width");
            pu->off = (uint32_t)ncons;
            pu->ncons = (uint32_t)u->ncons;
            for (k = 0; k < u->ncons; k++) {
                nn->src[ncons] = neuron_index(cc, &ids, u->from[k], u->line);
                nn->weight[ncons] = u->weights[k];
                ncons++;
            }
        }
        for (j = 0; j < l->nneurons; j++)
            add_id(cc, &ids, l->neurons[j].id, next + j, l->neurons[j].line);
        next += l->nneurons;
    }
    nn->noutputs = src->noutputs;
    nn->out_neuron = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, src->noutputs);
    nn->out_cat = PM_NEW_ARRAY(cc->c, cc->a, int32_t, src->noutputs);
    for (i = 0; i < src->noutputs; i++) {
        const pm_derived *d = &src->outputs[i];
        uint32_t idx = neuron_index(cc, &ids, src->output_neurons[i], d->line);
        nn->out_neuron[i] = idx;
        nn->out_cat[i] = -1;
        if (classification) {
            const pm_expr *e = d->expr;
            if (e->kind != EXPR_NORM_DISCRETE)
                pm_throw(cc->c, PMML_ERR_UNSUPPORTED, d->line, "NeuralOutput",
                         "NeuralOutput: a classification output must be a NormDiscrete of the "
                         "target");
            nn->out_cat[i] = cx_category(cc, m, e->u.normd.value, 1, e->line);
        } else if (i == 0) {
            regression_output(cc, m, nn, d);
        }
    }
    m->impl = nn;
    m->eval = pm_eval_neural;
}
