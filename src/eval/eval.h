/* eval.h - scoring with a compiled plan. */
#ifndef PMML_EVAL_EVAL_H
#define PMML_EVAL_EVAL_H

#include "compile/plan.h"
#include "eval/scratch.h"

/* Per model type: fill `r` from the slots of the row. */
void pm_eval_tree(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_regression(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_mining(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_neural(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_grm(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_scorecard(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_output_scorecard(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v);
void pm_eval_ruleset(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_output_ruleset(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v);
void pm_eval_naive_bayes(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_svm(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_clustering(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_knn(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_association(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_anomaly(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_baseline(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_timeseries(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_output_timeseries(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v);
void pm_eval_bayesnet(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_eval_gp(const pl_model *m, pm_scratch *sc, pl_result *r);
void pm_output_gp(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v);
/* The covariance of two input vectors under a GaussianProcessModel's kernel
 * (without the noise term). */
double pm_gp_kernel(const pl_gp *g, const double *a, const double *b);
/* The density (Poisson: probability) of x under a DIST_* distribution. */
double pm_dist_probability(int dist, double p1, double p2, double x);
void pm_output_association(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v);
void pm_output_knn(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v);
void pm_output_clustering(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v);
/* The distance (or similarity) of the row's values of `fields` to the
 * reference values ref[0..n); 0 when it cannot be computed (every value
 * missing, a value that cannot be compared). */
int pm_measure_eval(const pl_measure *ms, const pl_cmpfield *fields, size_t n, const pm_scratch *sc,
                    const pv *ref, double *out);
/* Whether a is closer than b under the measure. */
static inline int pm_measure_closer(const pl_measure *ms, double a, double b)
{
    return ms->similarity ? a > b : a < b;
}
/* The kernel of an SVM for x and vector v (both nfields long). */
double pm_svm_kernel(const pl_svm *s, const double *x, const double *v);
/* f(x) of one SupportVectorMachine, given the kernel values of the
 * dictionary's vectors. */
double pm_svm_machine_value(const pl_svm *s, const pl_svm_machine *mc, const double *x,
                            const double *k);
/* The SVM's input vector from the row; 0 when a field is missing. */
int pm_svm_input(const pl_svm *s, const pm_scratch *sc, double *x);

void pm_eval_textindex(const pl_expr *e, pm_scratch *sc, pv *out);

/* Evaluates an expression into *out. */
void pm_eval_expr(const pl_expr *e, pm_scratch *sc, pv *out);

/* Three-valued predicate: PR_TRUE, PR_FALSE or PR_UNKNOWN.  *surrogate
 * (may be NULL) is incremented when a surrogate alternative decided. */
int pm_eval_pred(const pl_pred *preds, uint32_t i, const pm_scratch *sc, int *surrogate);

/* Converts a value to a field's dataType (DerivedField, OutputField,
 * DefineFunction parameters); a value that does not convert becomes invalid
 * and -1 is returned. */
int pm_cast(pm_scratch *sc, pv *v, int datatype);

/* As pm_cast, but a value that does not convert fails the row, naming
 * `what` (e.g. "DerivedField 'x'"). */
void pm_cast_or_fail(pm_scratch *sc, pv *v, int datatype, const char *what, const char *name);

/* Runs a whole model (its preparation, transformations, evaluation,
 * Targets and Output) and leaves its result in sc->results[m->result]. */
void pm_eval_model(const pl_model *m, pm_scratch *sc);

/* Applies one MiningField treatment to `v`; returns 0, or a row error was
 * recorded (returnInvalid). */
int pm_treat_value(pm_scratch *sc, const pl_treat *t, const char *name, pv *v);

/* Prepares a top-level input value per its DataField and MiningField
 * (validity, invalid/missing treatment, outliers).  `raw` is the text the
 * value was read from, when it came as text. */
void pm_prepare_input(pm_scratch *sc, const pl_input *in, pv *v, const char *raw,
                      size_t rawlen);

/* Computes derived fields in order into their slots. */
void pm_run_derives(const pl_derive *d, size_t n, pm_scratch *sc);

/* PROP_* of a value (not invalid) of a field with domain d: a listed
 * value's property, else valid inside an Interval, else invalid when the
 * field lists its valid values; *k is the listed value's index or -1. */
int pm_domain_lookup(const pl_domain *d, const pv *v, int *k);

/* Scores one row whose input slots are filled. */
void pm_score_row(const pmml_model *model, pm_scratch *sc);
/* For a row whose inputs could not be read (not scored): it adds nothing to
 * an Aggregate's group, but a groupField value other than the group's (or
 * none that could be read) still ends the group. */
void pm_aggregates_row_failed(const pmml_model *model, pm_scratch *sc);

/* Sets the classification winner from r->probs (first maximum). */
void pm_result_pick(const pl_model *m, pl_result *r);

/* Shared by the row and block evaluators, so both compute the same bits. */

/* The index of the first largest probability, or -1 when it is NaN. */
int pm_pick(const double *probs, size_t ncat);
/* normalizationMethod's inverse link. */
double pm_link(int norm, double y);
/* Probabilities of a classification RegressionModel from its table values
 * (y is overwritten). */
void pm_regression_probs(const pl_model *m, double *y, double *probs);
/* Targets rescaling of a regression value. */
double pm_target_rescale(const pl_target *t, double v);
double pm_nn_activate(int f, double z, double threshold, double altitude, double fanin);
double pm_nn_denormalize(const pl_neural *nn, double y);
/* NormContinuous of a number; 0 when an outlier is to be missing. */
int pm_normcont(const pl_expr *e, double x, double *out);
/* A tree node's distribution: 1, 0 without one, -1 when it sums to 0. */
int pm_tree_node_probs(const pl_model *m, const pl_tree *t, const pl_node *n, double *p);

#endif
