/* compile_document.c - the whole document: scopes, the top model, inputs
 * and the result columns of the public API. */
#include "config.h"

#include <string.h>

#include "compile/compile.h"

/* The OutputFields a caller sees: the top model's own, or for a model chain
 * without an Output of its own, the final ones of its segments, in order
 * (segments that are chains themselves contribute theirs the same way). */
static void collect_outputs(ccomp *cc, const pl_model *m, cvec *out)
{
    size_t i;
    if (m->noutputs == 0 && m->type == MODEL_MINING &&
        ((const pl_mining *)m->impl)->method == MM_MODEL_CHAIN) {
        const pl_mining *mm = m->impl;
        for (i = 0; i < mm->nsegments; i++)
            collect_outputs(cc, mm->segments[i].model, out);
        return;
    }
    for (i = 0; i < m->noutputs; i++)
        if (m->outputs[i].is_final)
            *(const pl_output **)cvec_push(cc, out, sizeof(pl_output *)) = &m->outputs[i];
}

/* The segment models of a multi-target MiningModel that predict `name`. */
static void target_candidates(ccomp *cc, const pl_model *m, const char *name, pl_column *c)
{
    const pl_mining *mm = m->impl;
    cvec v = { 0 };
    size_t i;
    for (i = 0; i < mm->nsegments; i++) {
        const pl_model *s = mm->segments[i].model;
        if (s->target.present && strcmp(s->target.name, name) == 0)
            *(const pl_model **)cvec_push(cc, &v, sizeof(pl_model *)) = s;
    }
    c->cands = v.items;
    c->ncands = v.n;
}

static void target_column(ccomp *cc, const pl_model *top, pl_column *c, const char *name)
{
    cfield *f = cx_lookup(cc, &cc->global, name);
    c->name = name;
    c->is_target = 1;
    c->slot = -1;
    c->datatype = f ? f->datatype : PMML_TYPE_STRING;
    c->optype = f ? f->optype : PMML_OPTYPE_CATEGORICAL;
    target_candidates(cc, top, name, c);
    if (c->ncands) {
        const pl_model *last = c->cands[c->ncands - 1];
        if (last->function == FUNC_CLASSIFICATION) {
            c->nvalues = last->ncat;
            c->values = last->cats;
            c->texts = last->cat_text;
        }
    }
}

static void result_columns(ccomp *cc)
{
    pmml_model *pm = cc->m;
    const pl_model *top = pm->top;
    cvec outs = { 0 };
    size_t n, k = 0, i;
    collect_outputs(cc, top, &outs);
    n = (top->target.present ? 1 : 0) + top->nextra_targets + outs.n;
    pm->columns = PM_NEW_ARRAY(cc->c, cc->a, pl_column, n + 1);
    if (top->target.present && top->nextra_targets) {
        target_column(cc, top, &pm->columns[k++], top->target.name);
        for (i = 0; i < top->nextra_targets; i++)
            target_column(cc, top, &pm->columns[k++], top->extra_targets[i]);
    } else if (top->target.present) {
        pl_column *c = &pm->columns[k++];
        c->name = top->target.name;
        c->datatype = top->target.datatype ? top->target.datatype
                      : top->function == FUNC_CLASSIFICATION ? PMML_TYPE_STRING
                                                             : PMML_TYPE_DOUBLE;
        c->optype = top->target.optype ? top->target.optype
                    : top->function == FUNC_CLASSIFICATION ? PMML_OPTYPE_CATEGORICAL
                                                           : PMML_OPTYPE_CONTINUOUS;
        c->is_target = 1;
        c->slot = -1;
        if (top->function == FUNC_CLASSIFICATION) {
            c->nvalues = top->ncat;
            c->values = top->cats;
            c->texts = top->cat_text;
        }
    }
    for (i = 0; i < outs.n; i++) {
        const pl_output *o = ((const pl_output **)outs.items)[i];
        pl_column *c = &pm->columns[k++];
        c->name = o->name;
        c->datatype = o->datatype;
        c->optype = o->optype;
        c->slot = o->slot;
        if (o->feature == FEAT_PREDICTED_VALUE && o->src->function == FUNC_CLASSIFICATION) {
            c->nvalues = o->src->ncat;
            c->values = o->src->cats;
            c->texts = o->src->cat_text;
        }
    }
    pm->ncolumns = k;
}

void cx_document(ccomp *cc)
{
    pmml_model *pm = cc->m;
    cx_global_scope(cc);
    pm->top = cx_model(cc, &cc->global, cc->doc->model, 1);
    pm->globals = cc->global.derives.items;
    pm->nglobals = cc->global.derives.n;
    pm->inputs = cc->inputs.items;
    pm->ninputs = cc->inputs.n;
    pm->nslots = cc->nslots;
    pm->nresults = cc->nresults;
    pm->nprobs = cc->nprobs;
    pm->ntmp = cc->ntmp;
    pm->max_tree_depth = cc->max_tree_depth;
    result_columns(cc);
}
