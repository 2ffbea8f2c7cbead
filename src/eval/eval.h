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

/* Scores one row whose input slots are filled. */
void pm_score_row(const pmml_model *model, pm_scratch *sc);

/* Sets the classification winner from r->probs (first maximum). */
void pm_result_pick(const pl_model *m, pl_result *r);

#endif
