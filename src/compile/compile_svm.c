/* compile_svm.c - a SupportVectorMachineModel into a dense vector matrix and
 * machines that index it. */
#include "config.h"

#include <string.h>

#include "compile/compile.h"

static int32_t category(ccomp *cc, pl_model *m, const char *text, unsigned line)
{
    return cx_category(cc, m, text, 1, line);
}

void cx_svm(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_svm *src = &pm->u.svm;
    pl_svm *sv = PM_NEW(cc->c, cc->a, pl_svm);
    pl_svm_field *fields = PM_NEW_ARRAY(cc->c, cc->a, pl_svm_field, src->nfields + 1);
    pl_svm_machine *machines = PM_NEW_ARRAY(cc->c, cc->a, pl_svm_machine, src->nmachines + 1);
    double *vectors;
    uint8_t *used;
    pm_map ids = {0};
    int classification = m->function == FUNC_CLASSIFICATION;
    size_t i, j;

    if (src->nvectors && src->nfields > ((size_t)1 << 28) / src->nvectors)
        pm_throw(cc->c, PMML_ERR_LIMIT, pm->line, pm->element,
                 "SupportVectorMachineModel: %zu vectors of %zu fields are too many", src->nvectors,
                 src->nfields);
    sv->kernel = src->kernel;
    sv->gamma = src->gamma;
    sv->coef0 = src->coef0;
    sv->degree = src->degree;
    sv->max_wins = src->max_wins;
    sv->linear_coefs = src->coefficients_repr;
    sv->alt_binary = -1;
    for (i = 0; i < src->nfields; i++) {
        const pm_svm_field *f = &src->fields[i];
        cfield *cf =
            cx_use(cc, s, f->field, f->line, f->value ? "CategoricalPredictor" : "FieldRef");
        fields[i].slot = cf->slot;
        fields[i].coefficient = f->coefficient;
        if (f->value) {
            int dt = cf->datatype ? cf->datatype : PMML_TYPE_STRING;
            /* the indicator of a category, scaled by the coefficient */
            fields[i].is_cat = 1;
            fields[i].value = cx_value(cc, f->value, dt, f->line, "CategoricalPredictor");
        }
    }
    vectors = PM_NEW_ARRAY(cc->c, cc->a, double, src->nvectors * src->nfields + 1);
    used = PM_NEW_ARRAY(cc->c, cc->a, uint8_t, src->nvectors + 1);
    for (i = 0; i < src->nvectors; i++) {
        const pm_svm_vector *v = &src->vectors[i];
        if (pm_map_put(cc->c, cc->c->tmp, &ids, v->id, (void *)(uintptr_t)(i + 1)))
            pm_throw(cc->c, PMML_ERR_PMML, v->line, "VectorInstance",
                     "VectorInstance: the id '%s' is used twice", v->id);
        memcpy(vectors + i * src->nfields, v->values, src->nfields * sizeof(double));
    }
    /* Older producers omit classificationMethod: infer it as JPMML-Evaluator
     * does (alternate categories mean one-against-one) */
    sv->method = src->method;
    if (sv->method < 0)
        sv->method = src->alternate_binary || (src->nmachines && src->machines[0].alternate)
                         ? SVM_ONE_AGAINST_ONE
                         : SVM_ONE_AGAINST_ALL;
    if (classification && src->alternate_binary) {
        if (src->nmachines != 1)
            pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                     "SupportVectorMachineModel: alternateBinaryTargetCategory needs exactly one "
                     "SupportVectorMachine");
        sv->alt_binary = category(cc, m, src->alternate_binary, pm->line);
    }
    if (!classification && src->nmachines != 1)
        pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                 "SupportVectorMachineModel: a regression has exactly one SupportVectorMachine, "
                 "found %zu",
                 src->nmachines);
    for (i = 0; i < src->nmachines; i++) {
        const pm_svm_machine *mc = &src->machines[i];
        pl_svm_machine *pmc = &machines[i];
        uint32_t *idx = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, mc->nvectors + 1);
        double *alpha = PM_NEW_ARRAY(cc->c, cc->a, double, mc->ncoefs + 1);
        pmc->cat = pmc->alt = -1;
        pmc->threshold = mc->has_threshold ? mc->threshold : src->threshold;
        pmc->b = mc->absolute;
        for (j = 0; j < mc->nvectors; j++) {
            void *k = pm_map_get(&ids, mc->vector_ids[j]);
            if (!k)
                pm_throw(cc->c, PMML_ERR_PMML, mc->line, "SupportVector",
                         "SupportVector: vectorId '%s' is not in the VectorDictionary",
                         mc->vector_ids[j]);
            idx[j] = (uint32_t)((uintptr_t)k - 1);
            used[idx[j]] = 1;
        }
        memcpy(alpha, mc->coefs, mc->ncoefs * sizeof *alpha);
        pmc->nsv = mc->nvectors;
        pmc->sv = idx;
        pmc->alpha = alpha;
        if (!classification)
            continue;
        if (!mc->target)
            pm_throw(cc->c, PMML_ERR_PMML, mc->line, "SupportVectorMachine",
                     "SupportVectorMachine: targetCategory is required in a classification");
        pmc->cat = category(cc, m, mc->target, mc->line);
        if (sv->method == SVM_ONE_AGAINST_ONE && sv->alt_binary < 0) {
            if (!mc->alternate)
                pm_throw(cc->c, PMML_ERR_PMML, mc->line, "SupportVectorMachine",
                         "SupportVectorMachine: alternateTargetCategory is required for "
                         "one-against-one");
            pmc->alt = category(cc, m, mc->alternate, mc->line);
        } else if (mc->alternate) {
            pm_throw(cc->c, PMML_ERR_PMML, mc->line, "SupportVectorMachine",
                     "SupportVectorMachine: alternateTargetCategory has no place in "
                     "one-against-all (or with alternateBinaryTargetCategory)");
        }
    }
    sv->nfields = src->nfields;
    sv->fields = fields;
    sv->nvectors = src->nvectors;
    sv->vectors = vectors;
    sv->used = used;
    sv->nmachines = src->nmachines;
    sv->machines = machines;
    m->impl = sv;
    m->eval = pm_eval_svm;
    /* per row: the input vector, the kernel of each vector, a value per category */
    m->tmp_size = sv->nfields + sv->nvectors + 1;
    m->tmp_per_cat = 1;
}
