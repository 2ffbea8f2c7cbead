/* compile_document.c - the whole document: scopes, the top model, inputs
 * and the result columns of the public API. */
#include "config.h"

#include <string.h>

#include "compile/compile.h"

/* The OutputFields a caller sees: the top model's own, or for a model
 * chain without an Output of its own, those of its last segment. */
static const pl_model *output_owner(const pl_model *m)
{
    while (m->noutputs == 0 && m->type == MODEL_MINING) {
        const pl_mining *mm = m->impl;
        if (mm->method != MM_MODEL_CHAIN || mm->nsegments == 0)
            break;
        m = mm->segments[mm->nsegments - 1].model;
    }
    return m;
}

static void result_columns(ccomp *cc)
{
    pmml_model *pm = cc->m;
    const pl_model *top = pm->top, *owner = output_owner(top);
    size_t n = (top->target.present ? 1 : 0) + owner->noutputs, k = 0, i;
    pm->columns = PM_NEW_ARRAY(cc->c, cc->a, pl_column, n + 1);
    if (top->target.present) {
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
    for (i = 0; i < owner->noutputs; i++) {
        const pl_output *o = &owner->outputs[i];
        pl_column *c;
        if (!o->is_final)
            continue;
        c = &pm->columns[k++];
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
