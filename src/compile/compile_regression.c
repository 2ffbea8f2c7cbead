/* compile_regression.c - RegressionModel tables into term arrays. */
#include "config.h"

#include <string.h>

#include "compile/compile.h"

void cx_regression(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_regression *r = &pm->u.reg;
    pl_regression *pr = PM_NEW(cc->c, cc->a, pl_regression);
    size_t i, j;

    if (m->function == FUNC_REGRESSION && r->ntables != 1)
        pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                 "RegressionModel: a regression model has exactly one RegressionTable, found %zu",
                 r->ntables);
    if (m->function == FUNC_REGRESSION && r->normalization == NORM_SIMPLEMAX)
        pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                 "RegressionModel: normalizationMethod=\"simplemax\" needs a classification model");
    pr->normalization = r->normalization;
    pr->ntables = r->ntables;
    pr->tables = PM_NEW_ARRAY(cc->c, cc->a, pl_regtable, r->ntables);
    for (i = 0; i < r->ntables; i++) {
        const pm_regtable *t = &r->tables[i];
        pl_regtable *pt = &pr->tables[i];
        size_t k = 0;
        pt->intercept = t->intercept;
        pt->cat = -1;
        if (m->function == FUNC_CLASSIFICATION) {
            if (!t->target_category)
                pm_throw(cc->c, PMML_ERR_PMML, t->line, "RegressionTable",
                         "RegressionTable: targetCategory is required in a classification model");
            pt->cat = cx_category(cc, m, t->target_category, 1, t->line);
        }
        pt->nterms = t->nnums + t->ncats + t->nterms;
        pt->terms = PM_NEW_ARRAY(cc->c, cc->a, pl_term, pt->nterms + 1);
        for (j = 0; j < t->nnums; j++) {
            const pm_numpred *p = &t->nums[j];
            cfield *f = cx_use(cc, s, p->name, p->line, "NumericPredictor");
            pl_term *term = &pt->terms[k++];
            if (!pm_type_is_numeric(f->datatype) && f->datatype != PMML_TYPE_BOOLEAN &&
                f->datatype != PMML_TYPE_UNKNOWN)
                pm_throw(cc->c, PMML_ERR_PMML, p->line, "NumericPredictor",
                         "NumericPredictor: the field '%s' is %s, not numeric", p->name,
                         pmml_datatype_name(f->datatype));
            term->kind = 0;
            term->slot = f->slot;
            term->coef = p->coefficient;
            term->exponent = p->exponent;
        }
        for (j = 0; j < t->ncats; j++) {
            const pm_catpred *p = &t->cats[j];
            cfield *f = cx_use(cc, s, p->name, p->line, "CategoricalPredictor");
            pl_term *term = &pt->terms[k++];
            pv v;
            int dt = f->datatype ? f->datatype : PMML_TYPE_STRING;
            if (!cx_try_value(cc, p->value, dt, &v))
                pm_throw(cc->c, PMML_ERR_PMML, p->line, "CategoricalPredictor",
                         "CategoricalPredictor: '%s' is not a valid %s value of '%s'", p->value,
                         pmml_datatype_name(dt), p->name);
            term->kind = 1;
            term->slot = f->slot;
            term->coef = p->coefficient;
            term->is_str = pm_type_is_string(dt);
            term->id = v.id;
            term->num = v.d;
        }
        for (j = 0; j < t->nterms; j++) {
            const pm_predterm *p = &t->terms[j];
            pl_term *term = &pt->terms[k++];
            int *slots = PM_NEW_ARRAY(cc->c, cc->a, int, p->nfields);
            size_t q;
            for (q = 0; q < p->nfields; q++)
                slots[q] = cx_use(cc, s, p->fields[q], p->line, "PredictorTerm")->slot;
            term->kind = 2;
            term->coef = p->coefficient;
            term->slots = slots;
            term->nslots = p->nfields;
        }
    }
    if (m->function == FUNC_CLASSIFICATION && r->ntables < 2 &&
        r->normalization != NORM_NONE)
        pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                 "RegressionModel: a classification model needs at least two RegressionTables");
    m->impl = pr;
    m->eval = pm_eval_regression;
}
