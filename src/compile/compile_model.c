/* compile_model.c - what every model shares: MiningSchema, target and
 * categories, Targets, LocalTransformations and Output. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "compile/compile.h"

static int target_datatype(const pl_model *m)
{
    if (m->target.present && m->target.datatype)
        return m->target.datatype;
    return PMML_TYPE_STRING;
}

int cx_category(ccomp *cc, pl_model *m, const char *text, int add, unsigned line)
{
    int dt = target_datatype(m);
    pv v;
    size_t i;
    if (!cx_try_value(cc, text, dt, &v)) {
        if (!add)
            return -1;
        pm_throw(cc->c, PMML_ERR_PMML, line, m->element,
                 "%s: the category '%s' is not a valid %s value of the target '%s'", m->element,
                 text, pmml_datatype_name(dt), m->target.name ? m->target.name : "");
    }
    for (i = 0; i < m->ncat; i++) {
        const pv *c = &m->cats[i];
        if (pm_type_is_string(dt) ? c->id == v.id : c->d == v.d)
            return (int)i;
    }
    if (!add)
        return -1;
    if (m->ncat == m->cat_cap) {
        size_t ncap = m->cat_cap ? m->cat_cap * 2 : 4;
        pv *cats = PM_NEW_ARRAY(cc->c, cc->a, pv, ncap);
        const char **disp = PM_NEW_ARRAY(cc->c, cc->a, const char *, ncap);
        const char **texts = PM_NEW_ARRAY(cc->c, cc->a, const char *, ncap);
        if (m->ncat) {
            memcpy(cats, m->cats, m->ncat * sizeof *cats);
            memcpy(disp, m->cat_display, m->ncat * sizeof *disp);
            memcpy(texts, m->cat_text, m->ncat * sizeof *texts);
        }
        m->cats = cats;
        m->cat_display = disp;
        m->cat_text = texts;
        m->cat_cap = ncap;
    }
    m->cats[m->ncat] = v;
    m->cat_display[m->ncat] = NULL;
    m->cat_text[m->ncat] = pm_type_is_string(dt) ? v.s : pm_strdup(cc->c, cc->a, text);
    return (int)m->ncat++;
}

static void declare_field(ccomp *cc, cscope *s, const char *name, int kind, int slot, int dt,
                          int optype, const pl_domain *dom, unsigned line)
{
    cfield *f = PM_NEW(cc->c, cc->c->tmp, cfield);
    f->name = name;
    f->kind = kind;
    f->slot = slot;
    f->datatype = dt;
    f->optype = optype;
    f->dom = dom;
    f->state = 2;
    f->line = line;
    cx_declare(cc, s, f);
}


static void compile_schema(ccomp *cc, cscope *parent, cscope *s, pl_model *m,
                           const pm_model *pm, int top)
{
    cvec preps = { 0 };
    size_t i;
    if (top) {
        /* the top model's DataFields become inputs with their treatments
         * before any derived field it lists can reach them */
        for (i = 0; i < pm->nmfields; i++) {
            const pm_miningfield *mf = &pm->mfields[i];
            cfield *f;
            if (mf->usage != USAGE_ACTIVE && mf->usage != USAGE_GROUP &&
                mf->usage != USAGE_ORDER)
                continue;
            f = cx_lookup(cc, &cc->global, mf->name);
            if (f && f->kind == CF_DATA)
                cx_input(cc, f, mf);
        }
    }
    for (i = 0; i < pm->nmfields; i++) {
        const pm_miningfield *mf = &pm->mfields[i];
        cfield *f;
        if (mf->usage == USAGE_TARGET) {
            if (m->target.present) {
                const char **more;
                if (strcmp(m->target.name, mf->name) == 0)
                    continue;
                if (pm->type != MODEL_MINING && pm->type != MODEL_KNN)
                    pm_throw(cc->c, PMML_ERR_UNSUPPORTED, mf->line, "MiningField",
                             "MiningField: a %s with more than one target field ('%s', '%s') is "
                             "not supported",
                             pm->element, m->target.name, mf->name);
                /* a MiningModel whose segments predict different targets */
                more = PM_NEW_ARRAY(cc->c, cc->a, const char *, m->nextra_targets + 1);
                if (m->nextra_targets)
                    memcpy(more, m->extra_targets, m->nextra_targets * sizeof *more);
                more[m->nextra_targets++] = pm_strdup(cc->c, cc->a, mf->name);
                m->extra_targets = more;
                continue;
            }
            f = cx_lookup(cc, &cc->global, mf->name);
            m->target.present = 1;
            m->target.name = pm_strdup(cc->c, cc->a, mf->name);
            if (f && f->kind == CF_DATA) {
                m->target.datatype = f->datatype;
                m->target.optype = mf->optype ? mf->optype : f->optype;
            } else {
                f = cx_lookup(cc, parent, mf->name);
                if (!f)
                    pm_throw(cc->c, PMML_ERR_PMML, mf->line, "MiningField",
                             "MiningField: the target field '%s' is not defined", mf->name);
                m->target.datatype = f->datatype;
                m->target.optype = mf->optype ? mf->optype : f->optype;
            }
            continue;
        }
        if (mf->usage != USAGE_ACTIVE && mf->usage != USAGE_GROUP && mf->usage != USAGE_ORDER)
            continue;
        if (top) {
            f = cx_lookup(cc, &cc->global, mf->name);
            if (f && f->kind == CF_DATA)
                continue;
        }
        f = cx_use(cc, parent, mf->name, mf->line, "MiningField");
        if (!top && !cx_treat_is_default(mf)) {
            pl_prep *p = cvec_push(cc, &preps, sizeof *p);
            p->src = f->slot;
            p->dst = cx_new_slot(cc);
            p->name = pm_strdup(cc->c, cc->a, f->name);
            cx_treat(cc, mf, f->datatype, &p->treat);
            declare_field(cc, s, f->name, CF_ALIAS, p->dst, f->datatype, f->optype, f->dom,
                          mf->line);
        }
    }
    m->preps = cvec_keep(cc, &preps, sizeof(pl_prep));
    m->npreps = preps.n;
}

/* Categories of a classification target: the target DataField's valid
 * Values, in document order, when it lists them. */
static void target_categories(ccomp *cc, pl_model *m)
{
    cfield *f;
    size_t i;
    if (!m->target.present)
        return;
    f = cx_lookup(cc, &cc->global, m->target.name);
    if (!f || f->kind != CF_DATA || !f->dom)
        return;
    for (i = 0; i < f->dom->nvalid; i++) {
        uint32_t k = f->dom->valid_idx[i];
        int idx = cx_category(cc, m, f->df->values[k].value, 1, f->line);
        m->cat_display[idx] = f->dom->display[k];
    }
}

typedef struct prior {
    int cat;
    double p;
} prior;

static void compile_targets(ccomp *cc, pl_model *m, const pm_model *pm, cvec *priors)
{
    const pm_target *t = NULL;
    size_t i, j;
    for (i = 0; i < pm->ntargets; i++) {
        const pm_target *c = &pm->targets[i];
        if (!c->field || (m->target.present && strcmp(c->field, m->target.name) == 0)) {
            t = c;
            break;
        }
    }
    if (!t)
        return;
    if (t->optype)
        m->target.optype = t->optype;
    m->target.factor = t->rescale_factor;
    m->target.constant = t->rescale_constant;
    m->target.cast = t->cast_integer;
    m->target.has_min = t->has_min;
    m->target.has_max = t->has_max;
    m->target.min = t->min;
    m->target.max = t->max;
    m->target.has_rescale = t->rescale_factor != 1.0 || t->rescale_constant != 0.0 ||
                            t->cast_integer != CAST_NONE || t->has_min || t->has_max;
    for (j = 0; j < t->nvalues; j++) {
        const pm_targetvalue *v = &t->values[j];
        if (v->has_default) {
            if (m->target.has_default)
                pm_throw(cc->c, PMML_ERR_PMML, t->line, "Target",
                         "Target: more than one TargetValue has a defaultValue");
            m->target.has_default = 1;
            m->target.default_value = v->default_value;
        }
        if (m->function == FUNC_CLASSIFICATION && v->value) {
            int idx = cx_category(cc, m, v->value, 1, t->line);
            if (v->display)
                m->cat_display[idx] = pm_strdup(cc->c, cc->a, v->display);
            if (v->has_prior) {
                prior *p = cvec_push(cc, priors, sizeof *p);
                p->cat = idx;
                p->p = v->prior;
            }
        }
    }
}

/* The model an OutputField reads: its own, a segment's (segmentId), or in a
 * multi-target MiningModel the segment predicting its targetField. */
static pl_model *output_source(ccomp *cc, pl_model *m, const pm_outputfield *o)
{
    const pl_mining *mm = m->type == MODEL_MINING ? m->impl : NULL;
    size_t i;
    if (o->segment_id) {
        if (!mm)
            pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
                     "OutputField: segmentId needs a MiningModel");
        for (i = 0; i < mm->nsegments; i++)
            if (strcmp(mm->segments[i].id, o->segment_id) == 0)
                return (pl_model *)mm->segments[i].model;
        pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
                 "OutputField: there is no Segment with id '%s'", o->segment_id);
    }
    if (m->type == MODEL_KNN && o->target_field && m->nextra_targets) {
        /* a NearestNeighborModel predicting several targets: each has a
         * model of its own that the neighbours fill */
        const pl_knn *k = m->impl;
        for (i = 0; i < k->ntargets; i++)
            if (strcmp(k->targets[i].model->target.name, o->target_field) == 0)
                return (pl_model *)k->targets[i].model;
        pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
                 "OutputField: the targetField '%s' is not a target of the model",
                 o->target_field);
    }
    if (mm && o->target_field && m->nextra_targets &&
        !(m->target.present && strcmp(o->target_field, m->target.name) == 0)) {
        for (i = mm->nsegments; i-- > 0;) {
            const pl_model *c = mm->segments[i].model;
            if (c->target.present && strcmp(c->target.name, o->target_field) == 0)
                return (pl_model *)c;
        }
        pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
                 "OutputField: no segment predicts the targetField '%s'", o->target_field);
    }
    return m;
}

static const pl_output *segment_output(ccomp *cc, const pl_model *src,
                                       const pm_outputfield *o)
{
    size_t i;
    if (!o->value)
        pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
                 "OutputField: '%s' with segmentId needs a value naming an OutputField of the "
                 "segment",
                 o->name);
    for (i = 0; i < src->noutputs; i++)
        if (strcmp(src->outputs[i].name, o->value) == 0)
            return &src->outputs[i];
    pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
             "OutputField: segment '%s' has no OutputField '%s'", o->segment_id, o->value);
}

static pl_expr *alias_expr(ccomp *cc, const pl_output *so)
{
    pl_expr *x = PM_NEW(cc->c, cc->a, pl_expr);
    x->op = EOP_FIELD;
    x->dt = (uint8_t)so->datatype;
    x->slot = so->slot;
    x->k = pv_missing();
    x->map_missing = pv_missing();
    x->dflt = pv_missing();
    return x;
}

/* The OutputField features a model type defines for itself. */
static int family_output(ccomp *cc, pl_model *src, const pm_outputfield *o, pl_output *out)
{
    switch (src->type) {
    case MODEL_SCORECARD:
        return cx_scorecard_output(cc, src, o, out);
    case MODEL_RULESET:
        return cx_ruleset_output(cc, src, o, out);
    case MODEL_CLUSTERING:
        return cx_clustering_output(cc, src, o, out);
    case MODEL_KNN:
        return cx_knn_output(cc, src, o, out);
    case MODEL_ASSOCIATION:
        return cx_association_output(cc, src, o, out);
    case MODEL_GAUSSIAN_PROCESS:
        return cx_gp_output(cc, src, o, out);
    case MODEL_TIME_SERIES:
        return cx_timeseries_output(cc, src, o, out);
    }
    return 0;
}

static pl_output *compile_outputs(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    cscope *os = PM_NEW(cc->c, cc->c->tmp, cscope);
    pl_output *outs = PM_NEW_ARRAY(cc->c, cc->a, pl_output, pm->noutputs + 1);
    size_t i;
    cx_scope_init(os, s, m);
    for (i = 0; i < pm->noutputs; i++) {
        const pm_outputfield *o = &pm->outputs[i];
        pl_output *out = &outs[i];
        int dt = o->datatype;
        pl_model *src = output_source(cc, m, o);
        out->name = pm_strdup(cc->c, cc->a, o->name);
        out->feature = o->feature;
        out->is_final = o->is_final;
        out->src = src;
        out->cat = -1;
        out->actual_slot = -1;
        out->optype = o->optype;
        if (o->segment_id && (o->feature == FEAT_TRANSFORMED_VALUE ||
                              o->feature == FEAT_DECISION) && !o->expr) {
            /* with segmentId, `value` names an OutputField of that segment */
            const pl_output *so = segment_output(cc, src, o);
            out->feature = FEAT_TRANSFORMED_VALUE;
            out->expr = alias_expr(cc, so);
            if (!dt)
                dt = so->datatype;
            goto done;
        }
        switch (o->feature) {
        case FEAT_PREDICTED_VALUE:
            if (!dt)
                dt = src->target.present ? src->target.datatype
                     : pm_fn_categorical(src->function) ? PMML_TYPE_STRING
                                                            : PMML_TYPE_DOUBLE;
            break;
        case FEAT_PREDICTED_DISPLAY_VALUE:
            if (!dt)
                dt = PMML_TYPE_STRING;
            break;
        case FEAT_PROBABILITY:
        case FEAT_CONFIDENCE:
            if (o->feature == FEAT_CONFIDENCE && src->type == MODEL_ASSOCIATION)
                goto family; /* a rule's confidence */
            if (src->function != FUNC_CLASSIFICATION)
                pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
                         "OutputField: '%s' asks for the %s of a %s model", o->name,
                         o->feature == FEAT_PROBABILITY ? "probability" : "confidence",
                         pm->function_name);
            if (o->value)
                out->cat = cx_category(cc, src, o->value, src == m, o->line);
            if (o->value && out->cat < 0)
                pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
                         "OutputField: '%s' is not a category of the segment's model", o->value);
            if (!dt)
                dt = PMML_TYPE_DOUBLE;
            break;
        case FEAT_TRANSFORMED_VALUE:
        case FEAT_DECISION:
            if (!o->expr)
                pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
                         "OutputField: '%s' (feature %s) has no expression", o->name,
                         o->feature == FEAT_DECISION ? "decision" : "transformedValue");
            out->expr = cx_expr(cc, os, o->expr);
            if (!dt)
                dt = out->expr->dt;
            break;
        case FEAT_RESIDUAL: {
            cfield *t;
            if (!src->target.present)
                pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
                         "OutputField: the residual '%s' needs a target field", o->name);
            /* the actual target value is read from the input row */
            t = cx_use(cc, s, src->target.name, o->line, "OutputField");
            out->actual_slot = t->slot;
            if (src->function == FUNC_CLASSIFICATION && o->value)
                out->cat = cx_category(cc, src, o->value, src == m, o->line);
            if (!dt)
                dt = PMML_TYPE_DOUBLE;
            break;
        }
        case FEAT_ENTITY_ID:
            if (src->type == MODEL_TREE || src->type == MODEL_MINING) {
                if (!dt)
                    dt = PMML_TYPE_STRING;
                break;
            }
            goto family; /* the model type's own entityId */
        default:
        family:
            if (o->rank == 0 && src->type != MODEL_ASSOCIATION)
                pm_throw(cc->c, PMML_ERR_UNSUPPORTED, o->line, "OutputField",
                         "OutputField: '%s': rank=\"0\" (every value) is defined for "
                         "association rules only",
                         o->name);
            out->rank = o->rank;
            out->rank_basis = o->rank_basis;
            out->rank_order = o->rank_order;
            out->rule_feature = o->rule_feature;
            out->algorithm = o->algorithm;
            out->datatype = dt;
            if (!family_output(cc, src, o, out))
                pm_throw(cc->c, PMML_ERR_UNSUPPORTED, o->line, "OutputField",
                         "OutputField: the feature of '%s' is not supported for %s", o->name,
                         src->element);
            dt = out->datatype;
        }
    done:
        out->datatype = dt;
        if (!out->optype)
            out->optype = pm_type_is_string(dt) || dt == PMML_TYPE_BOOLEAN
                              ? PMML_OPTYPE_CATEGORICAL
                              : PMML_OPTYPE_CONTINUOUS;
        out->slot = cx_new_slot(cc);
        declare_field(cc, os, out->name, CF_OUTPUT, out->slot, dt, out->optype, NULL, o->line);
    }
    m->outputs = outs;
    m->noutputs = pm->noutputs;
    return outs;
}

/* Working doubles a model needs per row, so scoring never allocates. */
static size_t model_tmp_size(const pl_model *m)
{
    if (m->tmp_size || m->tmp_per_cat)
        return m->tmp_size + m->tmp_per_cat * m->ncat;
    if (m->type == MODEL_TREE) {
        const pl_tree *t = m->impl;
        return t->tmp_levels * m->ncat;
    }
    if (m->type == MODEL_REGRESSION) {
        const pl_regression *r = m->impl;
        return r->ntables;
    }
    if (m->type == MODEL_MINING) {
        const pl_mining *mm = m->impl;
        return mm->nsegments * (m->ncat + 4) + m->ncat + 1;
    }
    if (m->type == MODEL_NEURAL) {
        const pl_neural *nn = m->impl;
        return nn->nneurons;
    }
    if (m->type == MODEL_GENERAL_REGRESSION) {
        const pl_grm *g = m->impl;
        return g->nparams + m->ncat + 1;
    }
    return 0;
}

pl_model *cx_model(ccomp *cc, cscope *parent, const pm_model *pm, int top)
{
    pl_model *m = PM_NEW(cc->c, cc->a, pl_model);
    cscope *s = PM_NEW(cc->c, cc->c->tmp, cscope);
    cvec priors = { 0 };
    size_t i;

    m->type = pm->type;
    m->function = pm->function;
    m->element = pm_strdup(cc->c, cc->a, pm->element);
    m->line = pm->line;
    m->result = (int)cc->nresults++;
    cx_scope_init(s, parent, m);
    for (i = 0; i < pm->local.nfields; i++) {
        const pm_derived *d = &pm->local.fields[i];
        cfield *f = PM_NEW(cc->c, cc->c->tmp, cfield);
        f->name = d->name;
        f->kind = CF_DERIVED;
        f->slot = -1;
        f->datatype = d->datatype;
        f->optype = d->optype;
        f->def = d;
        f->owner = s;
        f->line = d->line;
        cx_declare(cc, s, f);
    }
    compile_schema(cc, parent, s, m, pm, top);
    if (m->function == FUNC_CLASSIFICATION)
        target_categories(cc, m);
    compile_targets(cc, m, pm, &priors);
    switch (pm->type) {
    case MODEL_TREE:
        cx_tree(cc, s, m, pm);
        break;
    case MODEL_REGRESSION:
        cx_regression(cc, s, m, pm);
        break;
    case MODEL_MINING:
        cx_mining(cc, s, m, pm);
        break;
    case MODEL_NEURAL:
        cx_neural(cc, s, m, pm);
        break;
    case MODEL_GENERAL_REGRESSION:
        cx_grm(cc, s, m, pm);
        break;
    case MODEL_SCORECARD:
        cx_scorecard(cc, s, m, pm);
        break;
    case MODEL_RULESET:
        cx_ruleset(cc, s, m, pm);
        break;
    case MODEL_NAIVE_BAYES:
        cx_naive_bayes(cc, s, m, pm);
        break;
    case MODEL_SVM:
        cx_svm(cc, s, m, pm);
        break;
    case MODEL_CLUSTERING:
        cx_clustering(cc, s, m, pm);
        break;
    case MODEL_KNN:
        cx_knn(cc, s, m, pm);
        break;
    case MODEL_ASSOCIATION:
        cx_association(cc, s, m, pm);
        break;
    case MODEL_ANOMALY:
        cx_anomaly(cc, s, m, pm);
        break;
    case MODEL_BASELINE:
        cx_baseline(cc, s, m, pm);
        break;
    case MODEL_GAUSSIAN_PROCESS:
        cx_gp(cc, s, m, pm);
        break;
    case MODEL_TIME_SERIES:
        cx_timeseries(cc, s, m, pm);
        break;
    case MODEL_BAYESIAN_NETWORK:
        cx_bayesnet(cc, s, m, pm);
        break;
    default:
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, pm->line, pm->element,
                 "%s: this model type is not supported yet", pm->element);
    }
    compile_outputs(cc, s, m, pm);
    if (priors.n) {
        m->target.has_priors = 1;
        m->target.priors = PM_NEW_ARRAY(cc->c, cc->a, double, m->ncat + 1);
        for (i = 0; i < priors.n; i++) {
            const prior *p = (const prior *)priors.items + i;
            m->target.priors[p->cat] = p->p;
        }
    }
    if (m->function == FUNC_CLUSTERING && m->ncat) {
        m->prob_off = cc->nprobs;
        cc->nprobs += 2 * m->ncat;
    }
    if (m->function == FUNC_CLASSIFICATION) {
        if (m->ncat == 0)
            pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                     "%s: a classification model needs at least one target category",
                     pm->element);
        m->prob_off = cc->nprobs;
        cc->nprobs += 2 * m->ncat;
    }
    m->tmp_off = cc->ntmp;
    cc->ntmp += model_tmp_size(m);
    m->derives = cvec_keep(cc, &s->derives, sizeof(pl_derive));
    m->nderives = s->derives.n;
    return m;
}
