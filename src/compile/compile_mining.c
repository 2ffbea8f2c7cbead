/* compile_mining.c - MiningModel: segments, their predicates and models. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "compile/compile.h"

static const char *const method_names[] = {
    "majorityVote", "weightedMajorityVote", "average", "weightedAverage", "median",
    "weightedMedian", "max", "sum", "weightedSum", "selectFirst", "selectAll", "modelChain",
    "multiModelChain"
};

/* The parent's index of a category of a segment's model. */
static int map_category(ccomp *cc, pl_model *m, const pl_model *child, size_t k, unsigned line)
{
    const pv *v = &child->cats[k];
    char buf[64];
    const char *text = v->s;
    if (!pm_type_is_string(v->t)) {
        snprintf(buf, sizeof buf, "%.17g", v->d);
        text = buf;
    }
    return cx_category(cc, m, text, 1, line);
}

static void declare_outputs(ccomp *cc, cscope *s, const pl_model *child)
{
    size_t i;
    for (i = 0; i < child->noutputs; i++) {
        const pl_output *o = &child->outputs[i];
        cfield *f = PM_NEW(cc->c, cc->c->tmp, cfield);
        f->name = o->name;
        f->kind = CF_ALIAS;
        f->slot = o->slot;
        f->datatype = o->datatype;
        f->optype = o->optype;
        f->state = 2;
        cx_declare(cc, s, f);
    }
}

/* VariableWeight: an OutputField of the segment's model, else any field. */
static int weight_slot(ccomp *cc, cscope *s, const pl_model *child, const pm_segment *seg)
{
    size_t i;
    for (i = 0; i < child->noutputs; i++)
        if (strcmp(child->outputs[i].name, seg->weight_field) == 0)
            return child->outputs[i].slot;
    return cx_use(cc, s, seg->weight_field, seg->line, "VariableWeight")->slot;
}

void cx_mining(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_mining *mm = &pm->u.mining;
    pl_mining *pmn = PM_NEW(cc->c, cc->a, pl_mining);
    cvec preds = { 0 };
    size_t i, k;
    int method = mm->method;
    /* x-multiModelChain (JPMML): a model chain whose segments predict
     * different targets, all of which are results */
    int chain = method == MM_MODEL_CHAIN || method == MM_MULTI_MODEL_CHAIN;
    /* clusters are voted on and selected like classes */
    int classification = pm_fn_categorical(m->function);

    if (m->function == FUNC_MIXED && !chain && method != MM_SELECT_ALL &&
        method != MM_SELECT_FIRST)
        pm_throw(cc->c, PMML_ERR_PMML, mm->line, "Segmentation",
                 "Segmentation: functionName=\"mixed\" needs a model chain or a selection");
    if (m->function != FUNC_CLASSIFICATION && m->function != FUNC_REGRESSION &&
        m->function != FUNC_MIXED && m->function != FUNC_CLUSTERING)
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, pm->line, "MiningModel",
                 "MiningModel: functionName=\"%s\" is not supported yet", pm->function_name);
    if (!classification && (method == MM_MAJORITY_VOTE || method == MM_WEIGHTED_MAJORITY_VOTE))
        pm_throw(cc->c, PMML_ERR_PMML, mm->line, "Segmentation",
                 "Segmentation: \"%s\" needs a classification model", method_names[method]);
    if (classification && (method == MM_SUM || method == MM_WEIGHTED_SUM ||
                           method == MM_WEIGHTED_MEDIAN))
        pm_throw(cc->c, PMML_ERR_PMML, mm->line, "Segmentation",
                 "Segmentation: \"%s\" needs a regression model", method_names[method]);

    pmn->method = method == MM_MULTI_MODEL_CHAIN ? MM_MODEL_CHAIN : method;
    if (method == MM_SELECT_ALL) {
        /* every selected segment's prediction, as one JSON array of text */
        if (pm->noutputs)
            pm_throw(cc->c, PMML_ERR_UNSUPPORTED, pm->line, "Output",
                     "Output: a selectAll MiningModel has no single result for OutputFields");
        m->target.datatype = PMML_TYPE_STRING;
        m->target.optype = PMML_OPTYPE_CATEGORICAL;
        m->target.has_rescale = 0;
    }
    pmn->missing_treatment = mm->missing_treatment;
    pmn->missing_threshold = mm->missing_threshold;
    pmn->nsegments = mm->nsegments;
    pmn->segments = PM_NEW_ARRAY(cc->c, cc->a, pl_segment, mm->nsegments);
    for (i = 0; i < mm->nsegments; i++) {
        const pm_segment *seg = &mm->segments[i];
        pl_segment *ps = &pmn->segments[i];
        pl_model *child;
        char idbuf[24];
        ps->pred = (int32_t)cx_pred(cc, s, &preds, seg->pred);
        ps->weight = seg->weight;
        if (seg->id) {
            ps->id = pm_strdup(cc->c, cc->a, seg->id);
        } else {
            snprintf(idbuf, sizeof idbuf, "%zu", i + 1);
            ps->id = pm_strdup(cc->c, cc->a, idbuf);
        }
        child = cx_model(cc, s, seg->model, 0);
        ps->model = child;
        ps->weight_slot = -1;
        if (seg->weight_field)
            ps->weight_slot = weight_slot(cc, s, child, seg);
        if (!chain && m->function != FUNC_MIXED && method != MM_SELECT_ALL &&
            child->function != m->function)
            pm_throw(cc->c, PMML_ERR_PMML, seg->line, "Segment",
                     "Segment: a %s model inside a %s MiningModel", seg->model->function_name,
                     pm->function_name);
        /* categories are shared only with segments predicting our own target */
        if (classification && pm_fn_categorical(child->function) &&
            (!m->nextra_targets || !child->target.present ||
             (m->target.present && strcmp(child->target.name, m->target.name) == 0))) {
            int32_t *map = PM_NEW_ARRAY(cc->c, cc->a, int32_t, child->ncat + 1);
            for (k = 0; k < child->ncat; k++)
                map[k] = map_category(cc, m, child, k, seg->line);
            ps->catmap = map;
        }
        if (chain)
            declare_outputs(cc, s, child);
    }
    pmn->preds = cvec_keep(cc, &preds, sizeof(pl_pred));
    pmn->npreds = preds.n;
    m->impl = pmn;
    m->eval = pm_eval_mining;
}
