/* parse_model.c - what every model element shares: MiningSchema, Output,
 * Targets, LocalTransformations, predicates, and dispatch by model type. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

static const char *const model_elements[] = {
    "AnomalyDetectionModel", "AssociationModel", "BaselineModel", "BayesianNetworkModel",
    "ClusteringModel", "GaussianProcessModel", "GeneralRegressionModel", "MiningModel",
    "NaiveBayesModel", "NearestNeighborModel", "NeuralNetwork", "RegressionModel",
    "RuleSetModel", "Scorecard", "SequenceModel", "SupportVectorMachineModel", "TextModel",
    "TimeSeriesModel", "TreeModel", NULL
};

int pm_is_model_element(const px_node *n)
{
    int i;
    if (n->foreign)
        return 0;
    for (i = 0; model_elements[i]; i++)
        if (strcmp(n->name, model_elements[i]) == 0)
            return 1;
    return 0;
}

/* ---- predicates ---- */

int pm_is_predicate(const px_node *n)
{
    return px_is(n, "SimplePredicate") || px_is(n, "SimpleSetPredicate") ||
           px_is(n, "CompoundPredicate") || px_is(n, "True") || px_is(n, "False");
}

static const char *const operator_names[] = { "equal", "notEqual", "lessThan", "lessOrEqual",
                                              "greaterThan", "greaterOrEqual", "isMissing",
                                              "isNotMissing", NULL };
static const char *const bool_names[] = { "and", "or", "xor", "surrogate", NULL };

pm_pred *pm_parse_predicate(pm_ctx *c, const px_node *n)
{
    pm_pred *p = PM_NEW(c, c->tmp, pm_pred);
    p->line = n->line;
    if (px_is(n, "True")) {
        p->kind = PRED_TRUE;
    } else if (px_is(n, "False")) {
        p->kind = PRED_FALSE;
    } else if (px_is(n, "SimplePredicate")) {
        p->kind = PRED_SIMPLE;
        p->field = pa_req(c, n, "field");
        pa_req(c, n, "operator");
        p->op = pa_enum(c, n, "operator", operator_names, 0);
        p->value = pa_str(n, "value");
        if (!p->value && p->op != OP_IS_MISSING && p->op != OP_IS_NOT_MISSING)
            pm_bad(c, n, "the operator '%s' needs the attribute 'value'", operator_names[p->op]);
    } else if (px_is(n, "SimpleSetPredicate")) {
        static const char *const set_names[] = { "isNotIn", "isIn", NULL };
        int have = 0;
        p->kind = PRED_SET;
        p->field = pa_req(c, n, "field");
        pa_req(c, n, "booleanOperator");
        p->op = pa_enum(c, n, "booleanOperator", set_names, 1);
        PX_FOREACH(k, n) {
            if (px_is(k, "Array")) {
                pm_parse_array(c, k, &p->array);
                have++;
            } else if (!px_ignorable(k)) {
                pm_unexpected(c, n, k);
            }
        }
        if (have != 1)
            pm_bad(c, n, "exactly one Array is required");
    } else if (px_is(n, "CompoundPredicate")) {
        size_t count = 0, i = 0;
        p->kind = PRED_COMPOUND;
        pa_req(c, n, "booleanOperator");
        p->op = pa_enum(c, n, "booleanOperator", bool_names, 0);
        PX_FOREACH(k, n) {
            if (pm_is_predicate(k))
                count++;
            else if (!px_ignorable(k))
                pm_unexpected(c, n, k);
        }
        if (count < 2)
            pm_bad(c, n, "at least two predicates are required, found %zu", count);
        p->kids = PM_NEW_ARRAY(c, c->tmp, pm_pred *, count);
        PX_FOREACH(k, n) {
            if (pm_is_predicate(k))
                p->kids[i++] = pm_parse_predicate(c, k);
        }
        p->nkids = count;
    } else {
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name, "%s: unknown predicate", n->name);
    }
    return p;
}

pm_pred *pm_parse_predicate_child(pm_ctx *c, const px_node *n)
{
    const px_node *found = NULL;
    PX_FOREACH(k, n) {
        if (pm_is_predicate(k)) {
            if (found)
                pm_bad(c, n, "more than one predicate");
            found = k;
        }
    }
    if (!found)
        pm_bad(c, n, "a predicate (True, False, SimplePredicate, ...) is required");
    return pm_parse_predicate(c, found);
}

/* ---- MiningSchema ---- */

static void parse_mining_schema(pm_ctx *c, pm_model *m, const px_node *n)
{
    static const char *const usage_names[] = { "active", "target", "supplementary", "group",
                                               "order", "frequencyWeight", "analysisWeight",
                                               "predicted", NULL };
    static const char *const outlier_names[] = { "asIs", "asMissingValues", "asExtremeValues",
                                                 NULL };
    static const char *const missing_names[] = { "asIs", "asMean", "asMode", "asMedian",
                                                 "asValue", "returnInvalid", NULL };
    static const char *const invalid_names[] = { "returnInvalid", "asIs", "asMissing",
                                                 "asValue", NULL };
    size_t count = px_count(n, "MiningField"), i = 0;
    m->mfields = PM_NEW_ARRAY(c, c->tmp, pm_miningfield, count + 1);
    PX_FOREACH(k, n) {
        pm_miningfield *f;
        const char *ivt;
        int usage;
        if (!px_is(k, "MiningField")) {
            if (px_ignorable(k))
                continue;
            pm_unexpected(c, n, k);
        }
        f = &m->mfields[i++];
        f->line = k->line;
        f->name = pa_req(c, k, "name");
        usage = pa_enum(c, k, "usageType", usage_names, USAGE_ACTIVE);
        f->usage = usage == 7 ? USAGE_TARGET : usage; /* "predicted": pre-4.2 "target" */
        f->optype = pa_optype(c, k, "optype", 0);
        f->outliers = pa_enum(c, k, "outliers", outlier_names, OUTLIERS_AS_IS);
        f->has_low = pa_str(k, "lowValue") != NULL;
        f->has_high = pa_str(k, "highValue") != NULL;
        f->low = pa_num(c, k, "lowValue", -HUGE_VAL);
        f->high = pa_num(c, k, "highValue", HUGE_VAL);
        if (f->outliers != OUTLIERS_AS_IS && !f->has_low && !f->has_high)
            pm_bad(c, k, "outliers=\"%s\" needs lowValue or highValue", outlier_names[f->outliers]);
        if (f->has_low && f->has_high && f->low > f->high)
            pm_bad(c, k, "lowValue is greater than highValue");
        f->missing_replacement = pa_str(k, "missingValueReplacement");
        f->missing_treatment = pa_enum(c, k, "missingValueTreatment", missing_names, MISSING_AS_IS);
        ivt = pa_str_x(k, "invalidValueTreatment");
        f->invalid_treatment = INVALID_RETURN;
        if (ivt) {
            int j;
            for (j = 0; invalid_names[j]; j++)
                if (strcmp(ivt, invalid_names[j]) == 0)
                    break;
            if (!invalid_names[j])
                pm_bad(c, k, "attribute 'invalidValueTreatment' has the unknown value '%s'", ivt);
            f->invalid_treatment = j;
        }
        f->invalid_replacement = pa_str_x(k, "invalidValueReplacement");
        if (f->invalid_treatment == INVALID_AS_VALUE && !f->invalid_replacement)
            pm_bad(c, k, "invalidValueTreatment=\"asValue\" needs invalidValueReplacement");
        if (f->missing_treatment == MISSING_RETURN_INVALID && f->missing_replacement)
            pm_bad(c, k, "missingValueTreatment=\"returnInvalid\" cannot have a "
                         "missingValueReplacement");
    }
    m->nmfields = count;
}

/* ---- Output ---- */

static const char *const feature_names[] = {
    "predictedValue", "predictedDisplayValue", "transformedValue", "decision", "probability",
    "affinity", "residual", "standardError", "standardDeviation", "clusterId", "clusterAffinity",
    "entityId", "entityAffinity", "warning", "ruleValue", "reasonCode", "antecedent",
    "consequent", "rule", "ruleId", "confidence", "support", "lift", "leverage", "report", NULL
};

static void parse_output(pm_ctx *c, pm_model *m, const px_node *n)
{
    size_t count = px_count(n, "OutputField"), i = 0;
    m->outputs = PM_NEW_ARRAY(c, c->tmp, pm_outputfield, count + 1);
    PX_FOREACH(k, n) {
        pm_outputfield *o;
        const char *feat;
        int j;
        if (!px_is(k, "OutputField")) {
            if (px_ignorable(k))
                continue;
            pm_unexpected(c, n, k);
        }
        o = &m->outputs[i++];
        o->line = k->line;
        o->name = pa_req(c, k, "name");
        o->display = pa_str(k, "displayName");
        o->optype = pa_optype(c, k, "optype", 0);
        o->datatype = pa_datatype(c, k, "dataType", 0);
        o->target_field = pa_str(k, "targetField");
        o->value = pa_str(k, "value");
        o->rank = (int)pa_int(c, k, "rank", 1);
        o->is_final = pa_bool(c, k, "isFinalResult", 1);
        o->segment_id = pa_str(k, "segmentId");
        feat = pa_str(k, "feature");
        o->feature = FEAT_PREDICTED_VALUE;
        if (feat) {
            const char *f = strncmp(feat, "x-", 2) == 0 ? feat + 2 : feat;
            for (j = 0; feature_names[j]; j++)
                if (strcmp(f, feature_names[j]) == 0)
                    break;
            if (!feature_names[j])
                pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                         "OutputField: '%s' has the unknown feature '%s'", o->name, feat);
            o->feature = j;
        }
        if (o->feature == FEAT_REPORT)
            pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                     "OutputField: '%s' uses feature=\"%s\", a JPMML extension that is not "
                     "supported",
                     o->name, feat);
        {
            static const char *const rule_features[] = { "antecedent", "consequent", "rule",
                                                         "ruleId", "confidence", "support",
                                                         "lift", "leverage", "affinity", NULL };
            static const int rule_feature_ids[] = { FEAT_ANTECEDENT, FEAT_CONSEQUENT, FEAT_RULE,
                                                    FEAT_RULE_ID, FEAT_CONFIDENCE, FEAT_SUPPORT,
                                                    FEAT_LIFT, FEAT_LEVERAGE, FEAT_AFFINITY };
            static const char *const basis_names[] = { "confidence", "support", "lift",
                                                       "leverage", "affinity", NULL };
            static const char *const order_names[] = { "descending", "ascending", NULL };
            static const char *const alg_names[] = { "recommendation", "exclusiveRecommendation",
                                                     "ruleAssociation", NULL };
            o->rule_feature = rule_feature_ids[pa_enum(c, k, "ruleFeature", rule_features, 1)];
            o->rank_basis = pa_enum(c, k, "rankBasis", basis_names, OUT_BASIS_CONFIDENCE);
            o->rank_order = pa_enum(c, k, "rankOrder", order_names, 0);
            o->algorithm = pa_enum(c, k, "algorithm", alg_names, OUT_ALG_EXCLUSIVE);
            o->is_multi = pa_bool(c, k, "isMultiValued", 0);
        }
        /* rank="0" asks for every value, for an OutputField with isMultiValued */
        if (o->rank < 0 || (o->rank == 0 && !o->is_multi))
            pm_bad(c, k, "rank must be 1 or more (0 with isMultiValued=\"1\")");
        PX_FOREACH(kk, k) {
            if (px_is(kk, "Decisions"))
                continue;
        }
        o->expr = pm_parse_expr_child(c, k, 1);
    }
    m->noutputs = count;
}

/* ---- Targets ---- */

static void parse_targets(pm_ctx *c, pm_model *m, const px_node *n)
{
    static const char *const cast_names[] = { "", "round", "ceiling", "floor", NULL };
    size_t count = px_count(n, "Target"), i = 0;
    m->targets = PM_NEW_ARRAY(c, c->tmp, pm_target, count + 1);
    PX_FOREACH(k, n) {
        pm_target *t;
        size_t nv, j = 0;
        if (!px_is(k, "Target")) {
            if (px_ignorable(k))
                continue;
            pm_unexpected(c, n, k);
        }
        t = &m->targets[i++];
        t->line = k->line;
        t->field = pa_str(k, "field");
        t->optype = pa_optype(c, k, "optype", 0);
        t->cast_integer = pa_enum(c, k, "castInteger", cast_names, CAST_NONE);
        t->has_min = pa_str(k, "min") != NULL;
        t->has_max = pa_str(k, "max") != NULL;
        t->min = pa_num(c, k, "min", -HUGE_VAL);
        t->max = pa_num(c, k, "max", HUGE_VAL);
        t->rescale_factor = pa_num(c, k, "rescaleFactor", 1.0);
        t->rescale_constant = pa_num(c, k, "rescaleConstant", 0.0);
        nv = px_count(k, "TargetValue");
        t->values = PM_NEW_ARRAY(c, c->tmp, pm_targetvalue, nv + 1);
        PX_FOREACH(kk, k) {
            pm_targetvalue *v;
            if (!px_is(kk, "TargetValue")) {
                if (px_ignorable(kk))
                    continue;
                pm_unexpected(c, k, kk);
            }
            v = &t->values[j++];
            v->value = pa_str(kk, "value");
            v->display = pa_str(kk, "displayValue");
            v->has_prior = pa_str(kk, "priorProbability") != NULL;
            v->prior = pa_num(c, kk, "priorProbability", 0.0);
            v->has_default = pa_str(kk, "defaultValue") != NULL;
            v->default_value = pa_num(c, kk, "defaultValue", 0.0);
            if (v->has_prior && (v->prior < 0 || v->prior > 1))
                pm_bad(c, kk, "priorProbability %g is not between 0 and 1", v->prior);
        }
        t->nvalues = nv;
    }
    m->ntargets = count;
}

/* ---- ModelVerification ---- */

static pm_verification *parse_verification(pm_ctx *c, const px_node *n)
{
    pm_verification *v = PM_NEW(c, c->tmp, pm_verification);
    v->line = n->line;
    PX_FOREACH(k, n) {
        if (px_is(k, "VerificationFields")) {
            size_t count = px_count(k, "VerificationField"), i = 0;
            v->fields = PM_NEW_ARRAY(c, c->tmp, pm_verifyfield, count + 1);
            PX_FOREACH(f, k) {
                if (px_is(f, "VerificationField")) {
                    pm_verifyfield *vf = &v->fields[i++];
                    vf->field = pa_req(c, f, "field");
                    vf->column = pa_str(f, "column");
                    if (!vf->column)
                        vf->column = vf->field;
                    vf->precision = pa_num(c, f, "precision", 1e-6);
                    vf->zero_threshold = pa_num(c, f, "zeroThreshold", 1e-16);
                } else if (!px_ignorable(f)) {
                    pm_unexpected(c, k, f);
                }
            }
            v->nfields = count;
        } else if (px_is(k, "InlineTable")) {
            v->table = pm_parse_inline_table(c, k);
        } else if (px_is(k, "TableLocator")) {
            pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                     "TableLocator: tables outside the document are not supported");
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (!v->fields || !v->table)
        pm_bad(c, n, "VerificationFields and an InlineTable are required");
    return v;
}

/* ---- a model element ---- */

static const char *const function_names[] = { "", "regression", "classification", "clustering",
                                              "associationRules", "sequences", "timeSeries",
                                              "mixed", NULL };

pm_model *pm_parse_model(pm_ctx *c, const px_node *n, int depth)
{
    pm_model *m = PM_NEW(c, c->tmp, pm_model);
    int have_schema = 0;

    m->element = n->name;
    m->line = n->line;
    m->model_name = pa_str(n, "modelName");
    m->algorithm = pa_str(n, "algorithmName");
    m->scorable = pa_bool(c, n, "isScorable", 1);
    m->function_name = pa_str(n, "functionName");
    if (px_is(n, "TreeModel"))
        m->type = MODEL_TREE;
    else if (px_is(n, "RegressionModel"))
        m->type = MODEL_REGRESSION;
    else if (px_is(n, "MiningModel"))
        m->type = MODEL_MINING;
    else if (px_is(n, "NeuralNetwork"))
        m->type = MODEL_NEURAL;
    else if (px_is(n, "GeneralRegressionModel"))
        m->type = MODEL_GENERAL_REGRESSION;
    else if (px_is(n, "Scorecard"))
        m->type = MODEL_SCORECARD;
    else if (px_is(n, "RuleSetModel"))
        m->type = MODEL_RULESET;
    else if (px_is(n, "NaiveBayesModel"))
        m->type = MODEL_NAIVE_BAYES;
    else if (px_is(n, "SupportVectorMachineModel"))
        m->type = MODEL_SVM;
    else if (px_is(n, "ClusteringModel"))
        m->type = MODEL_CLUSTERING;
    else if (px_is(n, "NearestNeighborModel"))
        m->type = MODEL_KNN;
    else if (px_is(n, "AssociationModel"))
        m->type = MODEL_ASSOCIATION;
    else if (px_is(n, "AnomalyDetectionModel"))
        m->type = MODEL_ANOMALY;
    else if (px_is(n, "BaselineModel"))
        m->type = MODEL_BASELINE;
    else if (px_is(n, "GaussianProcessModel"))
        m->type = MODEL_GAUSSIAN_PROCESS;
    else if (px_is(n, "TimeSeriesModel"))
        m->type = MODEL_TIME_SERIES;
    else if (px_is(n, "BayesianNetworkModel"))
        m->type = MODEL_BAYESIAN_NETWORK;
    else
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "%s: this model type is not supported yet", n->name);
    pa_req(c, n, "functionName");
    m->function = pa_enum(c, n, "functionName", function_names, FUNC_NONE);
    if (m->function == FUNC_NONE)
        pm_bad(c, n, "attribute 'functionName' is empty");

    switch (m->type) {
    case MODEL_TREE:
        pm_parse_tree_attrs(c, m, n);
        break;
    case MODEL_REGRESSION:
        pm_parse_regression_attrs(c, m, n);
        break;
    case MODEL_MINING:
        pm_parse_mining_attrs(c, m, n);
        break;
    case MODEL_NEURAL:
        pm_parse_neural_attrs(c, m, n);
        break;
    case MODEL_GENERAL_REGRESSION:
        pm_parse_grm_attrs(c, m, n);
        break;
    case MODEL_SCORECARD:
        pm_parse_scorecard_attrs(c, m, n);
        break;
    case MODEL_NAIVE_BAYES:
        pm_parse_bayes_attrs(c, m, n);
        break;
    case MODEL_SVM:
        pm_parse_svm_attrs(c, m, n);
        break;
    case MODEL_CLUSTERING:
        pm_parse_clustering_attrs(c, m, n);
        break;
    case MODEL_KNN:
        pm_parse_knn_attrs(c, m, n);
        break;
    case MODEL_ANOMALY:
        pm_parse_anomaly_attrs(c, m, n);
        break;
    case MODEL_TIME_SERIES:
        pm_parse_timeseries_attrs(c, m, n);
        break;
    }

    PX_FOREACH(k, n) {
        int used = 0;
        if (px_is(k, "MiningSchema")) {
            parse_mining_schema(c, m, k);
            have_schema = 1;
            continue;
        }
        if (px_is(k, "Output")) {
            parse_output(c, m, k);
            continue;
        }
        if (px_is(k, "Targets")) {
            parse_targets(c, m, k);
            continue;
        }
        if (px_is(k, "LocalTransformations")) {
            pm_parse_transforms(c, k, &m->local);
            continue;
        }
        if (px_is(k, "ModelVerification")) {
            m->verification = parse_verification(c, k);
            continue;
        }
        if (px_is(k, "ModelStats")) {
            m->stats = pm_parse_model_stats(c, k);
            continue;
        }
        switch (m->type) {
        case MODEL_TREE:
            used = pm_parse_tree_child(c, m, k);
            break;
        case MODEL_REGRESSION:
            used = pm_parse_regression_child(c, m, k);
            break;
        case MODEL_MINING:
            used = pm_parse_mining_child(c, m, k, depth);
            break;
        case MODEL_NEURAL:
            used = pm_parse_neural_child(c, m, k);
            break;
        case MODEL_GENERAL_REGRESSION:
            used = pm_parse_grm_child(c, m, k);
            break;
        case MODEL_SCORECARD:
            used = pm_parse_scorecard_child(c, m, k);
            break;
        case MODEL_RULESET:
            used = pm_parse_ruleset_child(c, m, k);
            break;
        case MODEL_NAIVE_BAYES:
            used = pm_parse_bayes_child(c, m, k);
            break;
        case MODEL_SVM:
            used = pm_parse_svm_child(c, m, k);
            break;
        case MODEL_CLUSTERING:
            used = pm_parse_clustering_child(c, m, k);
            break;
        case MODEL_KNN:
            used = pm_parse_knn_child(c, m, k);
            break;
        case MODEL_ASSOCIATION:
            used = pm_parse_association_child(c, m, k);
            break;
        case MODEL_ANOMALY:
            used = pm_parse_anomaly_child(c, m, k, depth);
            break;
        case MODEL_BASELINE:
            used = pm_parse_baseline_child(c, m, k);
            break;
        case MODEL_GAUSSIAN_PROCESS:
            used = pm_parse_gp_child(c, m, k);
            break;
        case MODEL_TIME_SERIES:
            used = pm_parse_timeseries_child(c, m, k);
            break;
        case MODEL_BAYESIAN_NETWORK:
            used = pm_parse_bayesnet_child(c, m, k);
            break;
        }
        if (!used && !px_ignorable(k))
            pm_unexpected(c, n, k);
    }
    if (!have_schema)
        pm_bad(c, n, "the MiningSchema element is missing");

    switch (m->type) {
    case MODEL_TREE:
        pm_parse_tree_finish(c, m, n);
        break;
    case MODEL_REGRESSION:
        pm_parse_regression_finish(c, m, n);
        break;
    case MODEL_MINING:
        pm_parse_mining_finish(c, m, n);
        break;
    case MODEL_NEURAL:
        pm_parse_neural_finish(c, m, n);
        break;
    case MODEL_GENERAL_REGRESSION:
        pm_parse_grm_finish(c, m, n);
        break;
    case MODEL_SCORECARD:
        pm_parse_scorecard_finish(c, m, n);
        break;
    case MODEL_RULESET:
        pm_parse_ruleset_finish(c, m, n);
        break;
    case MODEL_NAIVE_BAYES:
        pm_parse_bayes_finish(c, m, n);
        break;
    case MODEL_SVM:
        pm_parse_svm_finish(c, m, n);
        break;
    case MODEL_CLUSTERING:
        pm_parse_clustering_finish(c, m, n);
        break;
    case MODEL_KNN:
        pm_parse_knn_finish(c, m, n);
        break;
    case MODEL_ASSOCIATION:
        pm_parse_association_finish(c, m, n);
        break;
    case MODEL_ANOMALY:
        pm_parse_anomaly_finish(c, m, n);
        break;
    case MODEL_BASELINE:
        pm_parse_baseline_finish(c, m, n);
        break;
    case MODEL_GAUSSIAN_PROCESS:
        pm_parse_gp_finish(c, m, n);
        break;
    case MODEL_TIME_SERIES:
        pm_parse_timeseries_finish(c, m, n);
        break;
    case MODEL_BAYESIAN_NETWORK:
        pm_parse_bayesnet_finish(c, m, n);
        break;
    }
    return m;
}
