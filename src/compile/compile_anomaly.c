/* compile_anomaly.c - an AnomalyDetectionModel around the model it wraps. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "compile/compile.h"

/* The average path length of an unsuccessful search in a binary search tree
 * of n points, c(n) = 2 H(n - 1) - 2 (n - 1) / n (Liu et al., the
 * normalisation PMML 4.4 uses for isolation forests). */
static double iforest_c(double n)
{
    if (n <= 1.0)
        return 0.0;
    if (n == 2.0)
        return 1.0;
    return 2.0 * (log(n - 1.0) + 0.5772156649015329) - 2.0 * (n - 1.0) / n;
}

void cx_anomaly(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_anomaly *src = &pm->u.an;
    pl_anomaly *an = PM_NEW(cc->c, cc->a, pl_anomaly);
    pl_model *child = cx_model(cc, s, src->model, 0);
    an->algorithm = src->algorithm;
    an->model = child;
    if (child->function != FUNC_REGRESSION && src->algorithm != ANOMALY_CLUSTER_MEAN_DIST)
        pm_throw(cc->c, PMML_ERR_PMML, src->model->line, src->model->element,
                 "%s: the model inside an AnomalyDetectionModel predicts a number here",
                 src->model->element);
    if (src->algorithm == ANOMALY_IFOREST) {
        an->cn = iforest_c(src->sample_size);
        if (!(an->cn > 0.0))
            pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                     "AnomalyDetectionModel: sampleDataSize %g gives no path length to "
                     "normalise by",
                     src->sample_size);
    }
    if (src->algorithm == ANOMALY_CLUSTER_MEAN_DIST) {
        const pl_clustering *pc = child->impl;
        double *means = PM_NEW_ARRAY(cc->c, cc->a, double, src->nmean_distances + 1);
        size_t i;
        if (src->nmean_distances != pc->nclusters)
            pm_throw(cc->c, PMML_ERR_PMML, src->mean_line, "MeanClusterDistances",
                     "MeanClusterDistances: %zu distances for %zu clusters", src->nmean_distances,
                     pc->nclusters);
        if (pc->ms.similarity)
            pm_throw(cc->c, PMML_ERR_PMML, src->mean_line, "MeanClusterDistances",
                     "MeanClusterDistances: the ClusteringModel measures similarity, not "
                     "distance");
        for (i = 0; i < src->nmean_distances; i++) {
            means[i] = src->mean_distances[i];
            if (!(means[i] > 0.0))
                pm_throw(cc->c, PMML_ERR_PMML, src->mean_line, "MeanClusterDistances",
                         "MeanClusterDistances: the mean distance %g is not positive", means[i]);
        }
        an->nmeans = src->nmean_distances;
        an->means = means;
    }
    m->impl = an;
    m->eval = pm_eval_anomaly;
}
