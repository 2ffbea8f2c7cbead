/* parse_anomaly.c - AnomalyDetectionModel: the model it wraps and its
 * parameters (PMML 4.4 Anomaly Detection Models). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

#define MAX_ANOMALY_NESTING 8

void pm_parse_anomaly_attrs(pm_ctx *c, pm_model *m, const px_node *n)
{
    static const char *const alg_names[] = {"iforest", "ocsvm", "clusterMeanDist", "other", NULL};
    pm_anomaly *an = &m->u.an;
    pa_req(c, n, "algorithmType");
    an->algorithm = pa_enum(c, n, "algorithmType", alg_names, 0);
    an->has_sample_size = pa_str(n, "sampleDataSize") != NULL;
    an->sample_size = pa_num(c, n, "sampleDataSize", 0.0);
    if (an->algorithm == ANOMALY_OTHER)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "AnomalyDetectionModel: algorithmType=\"other\" names no scoring rule to follow");
    if (m->function != FUNC_REGRESSION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "AnomalyDetectionModel: functionName=\"%s\" is not supported (the anomaly "
                 "score is a regression)",
                 m->function_name);
}

int pm_parse_anomaly_child(pm_ctx *c, pm_model *m, const px_node *k, int depth)
{
    pm_anomaly *an = &m->u.an;
    if (pm_is_model_element(k)) {
        if (an->model)
            pm_bad(c, k, "an AnomalyDetectionModel holds exactly one model");
        if (depth + 1 > MAX_ANOMALY_NESTING)
            pm_bad(c, k, "models are nested too deeply");
        an->model = pm_parse_model(c, k, depth + 1);
        return 1;
    }
    if (px_is(k, "MeanClusterDistances")) {
        PX_FOREACH(a, k)
        {
            if (px_is(a, "Array"))
                an->mean_distances = pm_parse_num_array(c, a, &an->nmean_distances);
            else if (!px_ignorable(a))
                pm_unexpected(c, k, a);
        }
        if (!an->mean_distances)
            pm_bad(c, k, "an Array is required");
        an->mean_line = k->line;
        return 1;
    }
    if (px_is(k, "ParameterList"))
        return 1; /* the training parameters, documentation only */
    return 0;
}

void pm_parse_anomaly_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    pm_anomaly *an = &m->u.an;
    if (!an->model)
        pm_bad(c, n, "the model element inside is missing");
    switch (an->algorithm) {
    case ANOMALY_IFOREST:
        if (!an->has_sample_size || !(an->sample_size >= 1.0))
            pm_bad(c, n, "algorithmType=\"iforest\" needs sampleDataSize of 1 or more");
        if (an->model->type != MODEL_MINING && an->model->type != MODEL_TREE)
            pm_bad(c, n,
                   "an isolation forest is a MiningModel (or TreeModel) of path lengths, "
                   "not a %s",
                   an->model->element);
        break;
    case ANOMALY_OCSVM:
        if (an->model->type != MODEL_SVM)
            pm_bad(c, n, "algorithmType=\"ocsvm\" needs a SupportVectorMachineModel, not a %s",
                   an->model->element);
        break;
    case ANOMALY_CLUSTER_MEAN_DIST:
        if (an->model->type != MODEL_CLUSTERING)
            pm_bad(c, n, "algorithmType=\"clusterMeanDist\" needs a ClusteringModel, not a %s",
                   an->model->element);
        if (!an->mean_distances)
            pm_bad(c, n, "algorithmType=\"clusterMeanDist\" needs MeanClusterDistances");
        break;
    }
}
