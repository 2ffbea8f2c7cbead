/* parse_svm.c - SupportVectorMachineModel: kernel, VectorDictionary and the
 * SupportVectorMachine elements (PMML 4.4 Support Vector Machine). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

void pm_parse_svm_attrs(pm_ctx *c, pm_model *m, const px_node *n)
{
    static const char *const repr_names[] = {"SupportVectors", "Coefficients", NULL};
    static const char *const method_names[] = {"OneAgainstAll", "OneAgainstOne", NULL};
    pm_svm *s = &m->u.svm;
    s->kernel = -1;
    s->coefficients_repr = pa_enum(c, n, "svmRepresentation", repr_names, 0);
    s->method = pa_enum(c, n, "classificationMethod", method_names, -1);
    s->max_wins = pa_bool(c, n, "maxWins", 0);
    s->threshold = pa_num(c, n, "threshold", 0.0);
    s->alternate_binary = pa_str(n, "alternateBinaryTargetCategory");
    if (m->function != FUNC_CLASSIFICATION && m->function != FUNC_REGRESSION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "SupportVectorMachineModel: functionName=\"%s\" is not supported",
                 m->function_name);
}

static int parse_kernel(pm_ctx *c, pm_svm *s, const px_node *k)
{
    int kind;
    if (px_is(k, "LinearKernelType"))
        kind = KERNEL_LINEAR;
    else if (px_is(k, "PolynomialKernelType"))
        kind = KERNEL_POLYNOMIAL;
    else if (px_is(k, "RadialBasisKernelType"))
        kind = KERNEL_RBF;
    else if (px_is(k, "SigmoidKernelType"))
        kind = KERNEL_SIGMOID;
    else
        return 0;
    if (s->kernel >= 0)
        pm_bad(c, k, "a SupportVectorMachineModel has exactly one kernel");
    s->kernel = kind;
    s->gamma = pa_num(c, k, "gamma", 1.0);
    s->coef0 = pa_num(c, k, "coef0", 1.0);
    s->degree = pa_num(c, k, "degree", 1.0);
    return 1;
}

static void parse_dictionary(pm_ctx *c, pm_svm *s, const px_node *n)
{
    size_t nv = px_count(n, "VectorInstance"), i = 0;
    int have_fields = 0;
    s->have_dictionary = 1;
    s->vectors = PM_NEW_ARRAY(c, c->tmp, pm_svm_vector, nv + 1);
    PX_FOREACH(k, n)
    {
        if (px_is(k, "VectorFields")) {
            size_t count = 0, j = 0;
            if (have_fields)
                pm_bad(c, n, "more than one VectorFields");
            have_fields = 1;
            PX_FOREACH(f, k)
            {
                if (px_is(f, "FieldRef") || px_is(f, "CategoricalPredictor"))
                    count++;
                else if (!px_ignorable(f))
                    pm_unexpected(c, k, f);
            }
            s->fields = PM_NEW_ARRAY(c, c->tmp, pm_svm_field, count + 1);
            PX_FOREACH(f, k)
            {
                pm_svm_field *sf = &s->fields[j];
                if (px_is(f, "FieldRef")) {
                    sf->field = pa_req(c, f, "field");
                    sf->coefficient = 1.0;
                } else if (px_is(f, "CategoricalPredictor")) {
                    sf->field = pa_req(c, f, "name");
                    sf->value = pa_req(c, f, "value");
                    sf->coefficient = pa_num(c, f, "coefficient", 1.0);
                } else {
                    continue;
                }
                sf->line = f->line;
                j++;
            }
            s->nfields = count;
        } else if (px_is(k, "VectorInstance")) {
            pm_svm_vector *v = &s->vectors[i++];
            int have = 0;
            if (!have_fields)
                pm_bad(c, k, "VectorFields must come before the VectorInstances");
            v->line = k->line;
            v->id = pa_req(c, k, "id");
            v->values = PM_NEW_ARRAY(c, c->tmp, double, s->nfields + 1);
            PX_FOREACH(a, k)
            {
                if (px_is(a, "REAL-SparseArray") || px_is(a, "INT-SparseArray")) {
                    pm_parse_sparse_array(c, a, v->values, s->nfields);
                } else if (px_is(a, "Array")) {
                    size_t count;
                    double *vals = pm_parse_num_array(c, a, &count);
                    if (count != s->nfields)
                        pm_bad(c, a, "%zu values for %zu VectorFields", count, s->nfields);
                    memcpy(v->values, vals, count * sizeof *vals);
                } else if (px_ignorable(a)) {
                    continue;
                } else {
                    pm_unexpected(c, k, a);
                }
                if (have)
                    pm_bad(c, k, "more than one array");
                have = 1;
            }
            if (!have)
                pm_bad(c, k, "an Array or a REAL-SparseArray is required");
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (!have_fields)
        pm_bad(c, n, "the VectorFields element is missing");
    s->nvectors = nv;
}

static void parse_machine(pm_ctx *c, const px_node *n, pm_svm_machine *mc)
{
    int have_coefs = 0;
    mc->line = n->line;
    mc->target = pa_str(n, "targetCategory");
    mc->alternate = pa_str(n, "alternateTargetCategory");
    mc->has_threshold = pa_str(n, "threshold") != NULL;
    mc->threshold = pa_num(c, n, "threshold", 0.0);
    PX_FOREACH(k, n)
    {
        if (px_is(k, "SupportVectors")) {
            size_t count = px_count(k, "SupportVector"), i = 0;
            if (mc->vector_ids)
                pm_bad(c, n, "more than one SupportVectors");
            mc->vector_ids = PM_NEW_ARRAY(c, c->tmp, const char *, count + 1);
            PX_FOREACH(v, k)
            {
                if (px_is(v, "SupportVector"))
                    mc->vector_ids[i++] = pa_req(c, v, "vectorId");
                else if (!px_ignorable(v))
                    pm_unexpected(c, k, v);
            }
            mc->nvectors = count;
        } else if (px_is(k, "Coefficients")) {
            size_t count = px_count(k, "Coefficient"), i = 0;
            if (have_coefs)
                pm_bad(c, n, "more than one Coefficients");
            have_coefs = 1;
            mc->absolute = pa_num(c, k, "absoluteValue", 0.0);
            mc->coefs = PM_NEW_ARRAY(c, c->tmp, double, count + 1);
            PX_FOREACH(v, k)
            {
                if (px_is(v, "Coefficient"))
                    mc->coefs[i++] = pa_num(c, v, "value", 0.0);
                else if (!px_ignorable(v))
                    pm_unexpected(c, k, v);
            }
            mc->ncoefs = count;
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (!have_coefs)
        pm_bad(c, n, "the Coefficients element is missing");
}

int pm_parse_svm_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    pm_svm *s = &m->u.svm;
    if (parse_kernel(c, s, k))
        return 1;
    if (px_is(k, "VectorDictionary")) {
        if (s->have_dictionary)
            pm_bad(c, k, "more than one VectorDictionary");
        parse_dictionary(c, s, k);
        return 1;
    }
    if (px_is(k, "SupportVectorMachine")) {
        if (!s->machines)
            s->machines = PM_NEW_ARRAY(c, c->tmp, pm_svm_machine,
                                       px_count(k->parent, "SupportVectorMachine") + 1);
        parse_machine(c, k, &s->machines[s->nmachines++]);
        return 1;
    }
    return 0;
}

void pm_parse_svm_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    pm_svm *s = &m->u.svm;
    size_t i;
    if (s->kernel < 0)
        pm_bad(c, n, "a kernel (LinearKernelType, RadialBasisKernelType, ...) is required");
    if (!s->have_dictionary)
        pm_bad(c, n, "the VectorDictionary element is missing");
    if (!s->nmachines)
        pm_bad(c, n, "at least one SupportVectorMachine is required");
    for (i = 0; i < s->nmachines; i++) {
        const pm_svm_machine *mc = &s->machines[i];
        if (s->coefficients_repr) {
            /* Coefficients representation: f(x) = b + sum c_j x_j, one
             * coefficient per vector field (a linear kernel) */
            if (mc->nvectors)
                pm_bad(c, n, "svmRepresentation=\"Coefficients\" has no SupportVectors");
            if (mc->ncoefs != s->nfields)
                pm_throw(c, PMML_ERR_PMML, mc->line, "SupportVectorMachine",
                         "SupportVectorMachine: %zu Coefficients for %zu VectorFields", mc->ncoefs,
                         s->nfields);
        } else if (mc->ncoefs != mc->nvectors) {
            pm_throw(c, PMML_ERR_PMML, mc->line, "SupportVectorMachine",
                     "SupportVectorMachine: %zu Coefficients for %zu SupportVectors", mc->ncoefs,
                     mc->nvectors);
        }
    }
    if (s->coefficients_repr && s->kernel != KERNEL_LINEAR)
        pm_bad(c, n, "svmRepresentation=\"Coefficients\" needs the LinearKernelType");
}
