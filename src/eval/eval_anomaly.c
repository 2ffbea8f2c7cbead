/* eval_anomaly.c - AnomalyDetectionModel scores (PMML 4.4 Anomaly Detection
 * Models). */
#include "config.h"

#include <math.h>

#include "eval/eval.h"
#include "model/model.h"

void pm_eval_anomaly(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_anomaly *an = m->impl;
    const pl_model *child = an->model;
    const pl_result *cr;
    double score;
    pm_eval_model(child, sc);
    cr = &sc->results[child->result];
    if (cr->st != VS_VALID)
        return; /* no score without the inner model's result */
    switch (an->algorithm) {
    case ANOMALY_IFOREST:
        /* s = 2^(-E(h(x)) / c(n)): the inner model averages the path lengths */
        score = pow(2.0, -cr->value.d / an->cn);
        break;
    case ANOMALY_CLUSTER_MEAN_DIST: {
        /* the distance to the nearest center over that cluster's mean distance */
        const double *d = sc->tmp + child->tmp_off;
        score = d[cr->cat] / an->means[cr->cat];
        break;
    }
    default:
        score = cr->value.d; /* ocsvm: the decision function itself */
        break;
    }
    r->value = pv_num(score, PMML_TYPE_DOUBLE);
    r->st = VS_VALID;
}
