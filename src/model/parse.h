/* parse.h - entry points shared between the parse_*.c files. */
#ifndef PMML_MODEL_PARSE_H
#define PMML_MODEL_PARSE_H

#include "model/model.h"

void pm_parse_interval(pm_ctx *c, const px_node *n, pm_interval *iv);
void pm_parse_array(pm_ctx *c, const px_node *n, pm_array *a);
void pm_parse_values(pm_ctx *c, const px_node *n, pm_dvalue **out, size_t *nout);
pm_expr *pm_parse_expr(pm_ctx *c, const px_node *n);
pm_table *pm_parse_inline_table(pm_ctx *c, const px_node *n);
pm_expr *pm_parse_expr_child(pm_ctx *c, const px_node *n, int optional);
pm_derived *pm_parse_derived(pm_ctx *c, const px_node *n, int name_required);
void pm_parse_transforms(pm_ctx *c, const px_node *n, pm_transforms *t);

/* Predicates: is `n` one, and parse it. */
int pm_is_predicate(const px_node *n);
pm_pred *pm_parse_predicate(pm_ctx *c, const px_node *n);
/* The predicate child of `n`; unwinds when there is none. */
pm_pred *pm_parse_predicate_child(pm_ctx *c, const px_node *n);

/* Model elements. */
int pm_is_model_element(const px_node *n);
pm_model *pm_parse_model(pm_ctx *c, const px_node *n, int depth);

/* Per model type; called by pm_parse_model for the body of the element
 * after the common children (MiningSchema, Output, Targets,
 * LocalTransformations) were taken. Returns 1 if `k` was consumed. */
int pm_parse_tree_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_tree_attrs(pm_ctx *c, pm_model *m, const px_node *n);
void pm_parse_tree_finish(pm_ctx *c, pm_model *m, const px_node *n);

int pm_parse_regression_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_regression_attrs(pm_ctx *c, pm_model *m, const px_node *n);
void pm_parse_regression_finish(pm_ctx *c, pm_model *m, const px_node *n);

int pm_parse_mining_child(pm_ctx *c, pm_model *m, const px_node *k, int depth);
void pm_parse_mining_attrs(pm_ctx *c, pm_model *m, const px_node *n);
void pm_parse_mining_finish(pm_ctx *c, pm_model *m, const px_node *n);

int pm_parse_neural_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_neural_attrs(pm_ctx *c, pm_model *m, const px_node *n);
void pm_parse_neural_finish(pm_ctx *c, pm_model *m, const px_node *n);

int pm_parse_grm_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_grm_attrs(pm_ctx *c, pm_model *m, const px_node *n);
void pm_parse_grm_finish(pm_ctx *c, pm_model *m, const px_node *n);

int pm_parse_scorecard_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_scorecard_attrs(pm_ctx *c, pm_model *m, const px_node *n);
void pm_parse_scorecard_finish(pm_ctx *c, pm_model *m, const px_node *n);

int pm_parse_ruleset_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_ruleset_finish(pm_ctx *c, pm_model *m, const px_node *n);

int pm_parse_bayes_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_bayes_attrs(pm_ctx *c, pm_model *m, const px_node *n);
void pm_parse_bayes_finish(pm_ctx *c, pm_model *m, const px_node *n);

int pm_parse_svm_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_svm_attrs(pm_ctx *c, pm_model *m, const px_node *n);
void pm_parse_svm_finish(pm_ctx *c, pm_model *m, const px_node *n);

/* A numeric Array (type int or real) as doubles. */
double *pm_parse_num_array(pm_ctx *c, const px_node *n, size_t *count);
/* A REAL-SparseArray or INT-SparseArray into out[0..size) (zeros elsewhere);
 * its n, when given, must be `size`. */
void pm_parse_sparse_array(pm_ctx *c, const px_node *n, double *out, size_t size);

int pm_parse_clustering_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_clustering_attrs(pm_ctx *c, pm_model *m, const px_node *n);
void pm_parse_clustering_finish(pm_ctx *c, pm_model *m, const px_node *n);

int pm_parse_knn_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_knn_attrs(pm_ctx *c, pm_model *m, const px_node *n);
void pm_parse_knn_finish(pm_ctx *c, pm_model *m, const px_node *n);

int pm_parse_association_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_association_finish(pm_ctx *c, pm_model *m, const px_node *n);

int pm_parse_anomaly_child(pm_ctx *c, pm_model *m, const px_node *k, int depth);
void pm_parse_anomaly_attrs(pm_ctx *c, pm_model *m, const px_node *n);
void pm_parse_anomaly_finish(pm_ctx *c, pm_model *m, const px_node *n);

/* ComparisonMeasure, a compareFunction attribute (-1 when absent) and a
 * Matrix. */
void pm_parse_measure(pm_ctx *c, const px_node *n, pm_measure *ms);
int pm_parse_compare(pm_ctx *c, const px_node *n, const char *attr);
pm_matrix *pm_parse_matrix(pm_ctx *c, const px_node *n);

/* A ContinuousDistribution element into DIST_* and its parameters; 0 when n
 * is not one.  AnyDistribution is refused unless any_ok. */
int pm_parse_distribution(pm_ctx *c, const px_node *n, int any_ok, int *dist, double *p1,
                          double *p2);

int pm_parse_baseline_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_baseline_finish(pm_ctx *c, pm_model *m, const px_node *n);

/* TrainingInstances: InstanceFields and an InlineTable. */
void pm_parse_instances(pm_ctx *c, const px_node *n, pm_instances *t);

int pm_parse_gp_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_gp_finish(pm_ctx *c, pm_model *m, const px_node *n);

void pm_parse_timeseries_attrs(pm_ctx *c, pm_model *m, const px_node *n);
int pm_parse_timeseries_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_timeseries_finish(pm_ctx *c, pm_model *m, const px_node *n);

int pm_parse_bayesnet_child(pm_ctx *c, pm_model *m, const px_node *k);
void pm_parse_bayesnet_finish(pm_ctx *c, pm_model *m, const px_node *n);

/* ModelStats: the UnivariateStats of the training data (parse_stats.c). */
pm_modelstats *pm_parse_model_stats(pm_ctx *c, const px_node *n);

/* A ScoreDistribution element (TreeModel nodes, rules). */
void pm_parse_scoredist(pm_ctx *c, const px_node *k, pm_scoredist *d);

#endif
