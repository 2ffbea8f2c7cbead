/* compile.h - the compiler's working state, shared by compile_*.c. */
#ifndef PMML_COMPILE_COMPILE_H
#define PMML_COMPILE_COMPILE_H

#include "compile/plan.h"
#include "eval/eval.h"
#include "model/model.h"
#include "util/ctx.h"
#include "util/map.h"

enum { CF_DATA = 1, CF_DERIVED, CF_OUTPUT, CF_PARAM, CF_ALIAS };

typedef struct cscope cscope;

/* A name visible to expressions, with what the compiler knows of it. */
typedef struct cfield {
    const char *name;
    int kind;                  /* CF_* */
    int slot;                  /* -1 until first used */
    int datatype, optype;
    const pl_domain *dom;      /* declared values, if any */
    const pm_datafield *df;    /* CF_DATA */
    const pm_derived *def;     /* CF_DERIVED */
    cscope *owner;             /* CF_DERIVED: the scope that computes it */
    int state;                 /* CF_DERIVED: 0 new, 1 compiling, 2 done */
    unsigned line;
} cfield;

/* A growable array in an arena. */
typedef struct cvec {
    void *items;
    size_t n, cap;
} cvec;

struct cscope {
    cscope *parent;
    pm_map names;              /* name -> cfield */
    cvec derives;              /* pl_derive, dependency order */
    pl_model *model;           /* NULL for the document scope */
    int barrier;               /* DefineFunction body: see only parameters */
};

typedef struct ccomp {
    pm_ctx *c;
    pmml_model *m;
    const pm_document *doc;
    pm_arena *a;               /* the model's arena */
    cscope global;
    cvec inputs;               /* pl_input */
    pm_map functions;          /* name -> pm_function */
    pm_map function_state;     /* name -> (void*)1 while compiling (recursion) */
    size_t nslots, nresults, nprobs, ntmp;
    size_t max_tree_depth;
    unsigned chain;            /* DerivedFields and functions being compiled,
                                  one inside the other (bounded: see
                                  CX_MAX_CHAIN) */
    cvec lags;                 /* pl_lag */
    cvec aggs;                 /* pl_agg */
    const char *group_owner;   /* what set m->group_slot1 ("Aggregate",
                                  "AssociationModel"), for messages */
    const char *group_name;
    unsigned group_line;
    cvec knn_pending;          /* knn_job: instances to transform at the end */
} ccomp;

/* A DerivedField that reads a DerivedField that reads ... (or a function
 * that calls a function ...) is compiled depth first; the depth is bounded so
 * that a hostile chain cannot exhaust the stack at load or at scoring time. */
#define CX_MAX_CHAIN 1000

/* cvec: returns a pointer to the new zeroed element.  The array grows in
 * the load's temporary arena: cvec_keep() copies the final contents into the
 * model, exactly sized. */
void *cvec_push(ccomp *cc, cvec *v, size_t size);
void *cvec_keep(ccomp *cc, const cvec *v, size_t size);
/* Starts `v` with room for n items in arena `a` (it grows in the temporary
 * arena if more come). */
void cvec_reserve(ccomp *cc, cvec *v, size_t n, size_t size, pm_arena *a);

/* ---- fields and scopes (compile_fields.c) ---- */
int cx_new_slot(ccomp *cc);
void cx_scope_init(cscope *s, cscope *parent, pl_model *model);
void cx_declare(ccomp *cc, cscope *s, cfield *f);
cfield *cx_lookup(ccomp *cc, cscope *s, const char *name);
/* Resolves a field reference and makes sure its value is computed; unwinds
 * naming `element` and `line` when the name is unknown. */
cfield *cx_use(ccomp *cc, cscope *s, const char *name, unsigned line, const char *element);
const pl_domain *cx_domain(ccomp *cc, int datatype, int optype, const pm_dvalue *values,
                           size_t nvalues, const pm_interval *intervals, size_t nintervals,
                           unsigned line, const char *element);
/* Parses text as a value of `datatype`; unwinds on bad text. */
pv cx_value(ccomp *cc, const char *text, int datatype, unsigned line, const char *element);
/* Same, but returns 0 on bad text instead of unwinding. */
int cx_try_value(ccomp *cc, const char *text, int datatype, pv *out);
int cx_domain_find(const pl_domain *d, const pv *v);
void cx_treat(ccomp *cc, const pm_miningfield *mf, int datatype, pl_treat *t);
int cx_treat_is_default(const pm_miningfield *mf);
void cx_global_scope(ccomp *cc);
/* Makes a DataField an input of the top model with its MiningField. */
void cx_input(ccomp *cc, cfield *f, const pm_miningfield *mf);

/* ---- scoring statistics (compile_stats.c) ---- */
/* The statistics plan of every input, from the top model's ModelStats. */
void cx_stats(ccomp *cc);

/* ---- expressions (compile_expr.c) ---- */
/* Compiles a pattern once for the model's lifetime (PCRE2, JIT when available). */
void *cx_regex(ccomp *cc, const char *pattern, size_t len, uint32_t options, unsigned line,
               const char *element);
pl_expr *cx_text_index(ccomp *cc, cscope *s, const pm_expr *e);
pl_expr *cx_new_expr(ccomp *cc, int op, int dt);
/* mapMissingTo and defaultValue of `e`, typed as `dt` where they parse. */
void cx_missing_default(ccomp *cc, pl_expr *x, const pm_expr *e, int dt);
pl_expr *cx_expr(ccomp *cc, cscope *s, const pm_expr *e);
void cx_derive(ccomp *cc, cfield *f);
/* Makes `f` (an input field) the one whose runs of equal values group the
 * rows; unwinds naming `element` when another field already does. */
void cx_group_field(ccomp *cc, const cfield *f, unsigned line, const char *element);

/* ---- predicates (compile_pred.c) ---- */
/* Compiles into `preds` (pl_pred) and returns the index. */
uint32_t cx_pred(ccomp *cc, cscope *s, cvec *preds, const pm_pred *p);
/* How many pl_pred cx_pred() makes of p. */
size_t cx_pred_count(const pm_pred *p);

/* ---- models (compile_model.c and per type) ---- */
pl_model *cx_model(ccomp *cc, cscope *parent, const pm_model *pm, int top);
int cx_category(ccomp *cc, pl_model *m, const char *text, int add, unsigned line);
void cx_tree(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_regression(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_mining(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_neural(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_grm(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_scorecard(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);

/* OutputField features of one model type: fill `out` (datatype included)
 * and return 1, or return 0 when the type does not define the feature. */
int cx_scorecard_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out);
void cx_ruleset(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
int cx_ruleset_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out);
void cx_naive_bayes(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_svm(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_clustering(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_knn(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_association(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_anomaly(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_baseline(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_timeseries(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
int cx_timeseries_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out);
void cx_bayesnet(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
void cx_gp(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm);
int cx_gp_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out);
int cx_association_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out);
int cx_knn_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out);
/* Training instances given untransformed run through the model's
 * transformations once the whole document is compiled. */
void cx_knn_finish(ccomp *cc);
int cx_clustering_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out);
/* ComparisonMeasure and a compared field (compile_clustering.c). */
void cx_measure(const pm_measure *src, pl_measure *ms);
void cx_cmpfield(ccomp *cc, cfield *f, int compare, double weight, double scale,
                 const pm_matrix *table, unsigned line, const char *element, pl_cmpfield *out);

/* A stable sort with a context (qsort has none in C99), its buffer from
 * the load's temporary arena. */
void cx_sort(ccomp *cc, void *base, size_t n, size_t size,
             int (*cmp)(const void *, const void *, void *), void *ctx);

/* The block program of the compiled model, when it has one (compile_vec.c). */
void cx_vector_plan(ccomp *cc);

/* Entry: compile the whole document into cc->m. */
void cx_document(ccomp *cc);

#endif
