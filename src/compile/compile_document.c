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
    if (m->type == MODEL_KNN) {
        /* a NearestNeighborModel's model of that target */
        const pl_knn *k = m->impl;
        for (i = 0; i < k->ntargets; i++)
            if (strcmp(k->targets[i].model->target.name, name) == 0)
                *(const pl_model **)cvec_push(cc, &v, sizeof(pl_model *)) = k->targets[i].model;
        c->cands = cvec_keep(cc, &v, sizeof(const pl_model *));
        c->ncands = v.n;
        return;
    }
    for (i = 0; i < mm->nsegments; i++) {
        const pl_model *s = mm->segments[i].model;
        if (s->target.present && strcmp(s->target.name, name) == 0)
            *(const pl_model **)cvec_push(cc, &v, sizeof(pl_model *)) = s;
    }
    c->cands = cvec_keep(cc, &v, sizeof(const pl_model *));
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
        if (last->function == FUNC_CLASSIFICATION && last->ncat) {
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
    n = 1 + top->nextra_targets + outs.n;
    pm->columns = PM_NEW_ARRAY(cc->c, cc->a, pl_column, n + 1);
    if (top->target.present && top->nextra_targets) {
        target_column(cc, top, &pm->columns[k++], top->target.name);
        for (i = 0; i < top->nextra_targets; i++)
            target_column(cc, top, &pm->columns[k++], top->extra_targets[i]);
    } else if (top->target.present || top->function == FUNC_REGRESSION ||
               top->function == FUNC_CLASSIFICATION ||
               (top->function == FUNC_CLUSTERING && top->ncat)) {
        pl_column *c = &pm->columns[k++];
        /* a model without a target field still predicts: its column is
         * called "prediction" */
        c->name = top->target.present ? top->target.name : "prediction";
        c->datatype = top->target.datatype ? top->target.datatype
                      : pm_fn_categorical(top->function) ? PMML_TYPE_STRING
                                                         : PMML_TYPE_DOUBLE;
        c->optype = top->target.optype ? top->target.optype
                    : pm_fn_categorical(top->function) ? PMML_OPTYPE_CATEGORICAL
                                                       : PMML_OPTYPE_CONTINUOUS;
        c->is_target = 1;
        c->slot = -1;
        if (pm_fn_categorical(top->function)) {
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
        if (o->feature == FEAT_PREDICTED_VALUE && pm_fn_categorical(o->src->function)) {
            c->nvalues = o->src->ncat;
            c->values = o->src->cats;
            c->texts = o->src->cat_text;
        }
    }
    pm->ncolumns = k;
}

static void keep_verification(ccomp *cc)
{
    const pm_verification *v = cc->doc->model->verification;
    pl_verification *kept;
    size_t i, r;
    if (!v)
        return;
    kept = PM_NEW(cc->c, cc->a, pl_verification);
    kept->nfields = v->nfields;
    kept->nrecords = v->table->nrows;
    kept->fields = PM_NEW_ARRAY(cc->c, cc->a, const char *, v->nfields + 1);
    kept->precision = PM_NEW_ARRAY(cc->c, cc->a, double, v->nfields + 1);
    kept->zero_threshold = PM_NEW_ARRAY(cc->c, cc->a, double, v->nfields + 1);
    kept->cells = PM_NEW_ARRAY(cc->c, cc->a, const char *, kept->nrecords * v->nfields + 1);
    for (i = 0; i < v->nfields; i++) {
        long col;
        kept->fields[i] = pm_strdup(cc->c, cc->a, v->fields[i].field);
        kept->precision[i] = v->fields[i].precision;
        kept->zero_threshold[i] = v->fields[i].zero_threshold;
        {
            /* a column may be written with the prefix of its namespace */
            const char *want = strchr(v->fields[i].column, ':');
            want = want ? want + 1 : v->fields[i].column;
            col = pm_table_column(v->table, want);
        }
        if (col < 0)
            continue; /* a field no record has a value for */
        for (r = 0; r < kept->nrecords; r++) {
            const char *cell = v->table->cells[r * v->table->ncols + (size_t)col];
            kept->cells[r * v->nfields + i] = cell ? pm_strdup(cc->c, cc->a, cell) : NULL;
        }
    }
    cc->m->verification = kept;
}

void cx_document(ccomp *cc)
{
    pmml_model *pm = cc->m;
    cx_global_scope(cc);
    pm->top = cx_model(cc, &cc->global, cc->doc->model, 1);
    pm->globals = cvec_keep(cc, &cc->global.derives, sizeof(pl_derive));
    pm->nglobals = cc->global.derives.n;
    pm->inputs = cvec_keep(cc, &cc->inputs, sizeof(pl_input));
    pm->ninputs = cc->inputs.n;
    pm->nslots = cc->nslots;
    pm->nresults = cc->nresults;
    pm->nprobs = cc->nprobs;
    pm->ntmp = cc->ntmp;
    pm->max_tree_depth = cc->max_tree_depth;
    pm->lags = cvec_keep(cc, &cc->lags, sizeof(pl_lag));
    pm->nlags = cc->lags.n;
    pm->aggs = cvec_keep(cc, &cc->aggs, sizeof(pl_agg));
    pm->naggs = cc->aggs.n;
    cx_knn_finish(cc);
    result_columns(cc);
    keep_verification(cc);
    cx_stats(cc);
}
