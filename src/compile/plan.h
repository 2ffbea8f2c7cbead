/* plan.h - the compiled, immutable form of a model that scoring runs.
 *
 * The compiler (compile_*.c) lowers the model tree into these structures:
 * field names become slot indexes into a per-row value array, category
 * strings become interned ids, trees become node arrays with resolved
 * predicates, and every constant is parsed once.  The evaluator (eval/)
 * reads them and never looks anything up by name.
 */
#ifndef PMML_COMPILE_PLAN_H
#define PMML_COMPILE_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "compile/value.h"
#include "pmml.h"
#include "util/alloc.h"
#include "util/strtab.h"

typedef struct pm_scratch pm_scratch;

/* ---- field domains (DataDictionary) ---- */

typedef struct pl_interval {
    double left, right;
    uint8_t left_closed, right_closed;
} pl_interval;

/* The values a DataField declares and what each means. */
typedef struct pl_domain {
    int datatype, optype;
    size_t nvalues;
    pv *values;                /* parsed per the field's dataType */
    const char **texts;        /* each Value as written */
    uint8_t *props;            /* PROP_VALID / PROP_INVALID / PROP_MISSING */
    const char **display;      /* displayValue or NULL */
    int has_valid;             /* a Value with property="valid" exists */
    size_t nmarkers;           /* missing/invalid Values that are not of the
                                  field's type ("NA"): matched as raw text */
    /* lookup of a value: sorted keys with their index in `values` */
    int32_t *key_ids;          /* string fields: sorted interned ids */
    double *key_nums;          /* other fields: sorted numbers */
    uint32_t *key_idx;
    size_t nkeys;
    pl_interval *intervals;
    size_t nintervals;
    size_t nvalid;             /* valid values, in document order */
    uint32_t *valid_idx;
} pl_domain;

/* ---- input preparation (MiningSchema) ---- */

typedef struct pl_treat {
    int invalid;               /* INVALID_* */
    pv invalid_replacement;
    int missing;               /* MISSING_* */
    int has_missing_replacement;
    pv missing_replacement;
    int outliers;              /* OUTLIERS_* */
    int has_low, has_high;
    double low, high;
} pl_treat;

typedef struct pl_input {
    const char *name;
    int slot;
    int datatype, optype;
    const pl_domain *dom;
    pl_treat treat;
    unsigned line;
} pl_input;

/* A nested model's own MiningField treatment of a value from its parent. */
typedef struct pl_prep {
    int src, dst;
    const char *name;
    pl_treat treat;
} pl_prep;

/* ---- expressions ---- */

enum {
    EOP_CONST = 1, EOP_FIELD, EOP_NORMCONT, EOP_NORMDISC, EOP_DISCRETIZE, EOP_MAPVALUES,
    EOP_APPLY, EOP_CALL /* DefineFunction */, EOP_TEXTINDEX, EOP_LAG, EOP_AGGREGATE
};

/* TextIndex: normalisation tables as compiled patterns, and a tokenizer. */
typedef struct pl_textnorm {
    size_t nrows;
    void **codes;              /* pcre2_code per row */
    const char **outs;         /* replacement per row */
    uint32_t *outlens;
    int recursive;
} pl_textnorm;

typedef struct pl_textindex {
    int weights;               /* TW_* */
    int case_sensitive;
    int max_levenshtein;
    int best_hits;
    void *split;               /* pcre2_code of wordSeparatorCharacterRE, or NULL */
    void *word;                /* pcre2_code of wordRE, or NULL */
    size_t nnorms;
    pl_textnorm *norms;
} pl_textindex;

/* Lag: a field's value some rows back, kept per scorer. */
typedef struct pl_lag {
    int slot;
    int n;
    int aggregate;             /* 0 none, 1 avg, 2 max, 3 median, 4 min, 5 product,
                                  6 sum, 7 stddev */
    const int *blocks;         /* BlockIndicator slots */
    size_t nblocks;
    size_t hist_off;           /* n values in the scorer's history */
    size_t block_off;          /* nblocks values */
} pl_lag;

/* Aggregate: a field's count, sum, average, min or max over the rows of the
 * current run of equal groupField values, kept per scorer. */
typedef struct pl_agg {
    int slot;                  /* the aggregated input field */
    int group;                 /* the groupField's input slot */
    int function;              /* AGG_COUNT ... AGG_MAX */
} pl_agg;

typedef struct pl_expr pl_expr;

typedef struct pl_bin {
    pl_interval iv;
    pv value;
} pl_bin;

typedef struct pl_maptable {
    size_t nrows, nin;
    pv *keys;                  /* nrows * nin, typed per input field */
    pv *out;                   /* nrows */
} pl_maptable;

struct pl_expr {
    uint16_t op;               /* EOP_* */
    uint16_t fn;               /* EOP_APPLY: built-in function id */
    uint8_t dt;                /* result dataType */
    uint8_t has_map_missing, has_default;
    uint8_t invalid_treatment; /* Apply: INVALID_RETURN / AS_IS / AS_MISSING */
    int slot;                  /* EOP_FIELD and the field of Norm*, Discretize */
    size_t nargs;
    pl_expr **args;
    pv k;                      /* EOP_CONST value; EOP_NORMDISC category */
    pv map_missing;
    pv dflt;
    int outliers;              /* NormContinuous */
    size_t npoints;
    double *orig, *norm;       /* NormContinuous points */
    size_t nbins;
    pl_bin *bins;              /* Discretize */
    const pl_maptable *table;  /* MapValues */
    int *arg_slots;            /* MapValues input slots; DefineFunction param slots */
    const pl_expr *body;       /* DefineFunction body */
    void *aux;                 /* function-specific compiled data (regex, format) */
};

/* A derived field: evaluate `expr`, cast to the field's type, store. */
typedef struct pl_derive {
    const char *name;
    int slot;
    int datatype, optype;
    const pl_expr *expr;
    const pl_domain *dom;      /* DerivedField Values, or NULL */
} pl_derive;

/* ---- predicates ---- */

enum {
    PK_TRUE = 0, PK_FALSE, PK_CMP_NUM, PK_CMP_STR, PK_CMP_STR_ORD, PK_IS_MISSING,
    PK_IS_NOT_MISSING, PK_SET_NUM, PK_SET_STR, PK_AND, PK_OR, PK_XOR, PK_SURROGATE
};

/* Three-valued results. */
enum { PR_FALSE = 0, PR_TRUE = 1, PR_UNKNOWN = 2 };

typedef struct pl_pred {
    uint8_t kind;              /* PK_* */
    uint8_t op;                /* OP_* for comparisons; 1 isIn / 0 isNotIn for sets */
    int slot;
    double d;                  /* numeric constant */
    int32_t id;                /* string constant id */
    const char *s;             /* string constant bytes (ordering fallback) */
    uint32_t len;
    size_t n;                  /* set size or number of children */
    const double *nums;        /* sorted numeric set */
    const int32_t *ids;        /* sorted string-id set */
    const uint32_t *kids;      /* compound: child predicate indexes */
    const pl_domain *dom;      /* ordinal comparisons: rank by Value order */
} pl_pred;

/* ---- models ---- */

typedef struct pl_model pl_model;

/* What a model produced for one row.  Lives in the scorer's scratch. */
typedef struct pl_result {
    uint8_t st;                /* VS_VALID, VS_MISSING (no prediction), VS_INVALID */
    pv value;                  /* the predicted value */
    double *probs;             /* [ncat] probabilities, NULL for regression */
    double *conf;              /* [ncat] confidences */
    uint8_t has_probs, has_conf;
    int32_t cat;               /* classification: predicted category, or -1 */
    int32_t node;              /* tree: index of the winning node, or -1 */
    const char *entity_id;     /* tree: winning node id */
    int32_t segment;           /* mining: index of the segment that decided */
} pl_result;

typedef struct pl_target {
    int present;               /* the model has a target field */
    const char *name;
    int datatype, optype;
    /* Targets */
    int has_rescale, cast;
    double factor, constant, min, max;
    int has_min, has_max;
    int has_default;
    double default_value;
    int has_priors;
    double *priors;            /* [ncat] */
} pl_target;

/* OutputField */
typedef struct pl_output {
    const char *name;
    int feature;               /* FEAT_* */
    int slot;
    int datatype, optype;
    int cat;                   /* category index for value=, or -1: the winner */
    const pl_model *src;       /* model whose result is read */
    const pl_expr *expr;       /* transformedValue / decision */
    int is_final;
    int actual_slot;           /* residual: the target's actual value */
    int rank;                  /* rank= (reasonCode, entityId, association rules) */
    int rank_basis, rank_order; /* association rules */
    int rule_feature;          /* FEAT_* of ruleValue */
    int algorithm;             /* OUT_ALG_* */
    int32_t aux;               /* per model type: e.g. the cluster of value= */
} pl_output;

struct pl_model {
    int type;                  /* MODEL_* */
    int function;              /* FUNC_* */
    const char *element;
    int result;                /* index of this model's pl_result in scratch */
    pl_prep *preps;
    size_t npreps;
    pl_derive *derives;        /* LocalTransformations, dependency order */
    size_t nderives;
    pl_target target;
    const char **extra_targets; /* a MiningModel's further target fields */
    size_t nextra_targets;
    size_t ncat;               /* classification: categories */
    pv *cats;
    const char **cat_text;     /* each category as the model writes it */
    const char **cat_display;
    size_t cat_cap;            /* (compile time) capacity of cats */
    size_t prob_off;           /* this model's probabilities in scratch */
    size_t tmp_off;            /* this model's working doubles in scratch */
    pl_output *outputs;
    size_t noutputs;
    void (*eval)(const pl_model *m, pm_scratch *sc, pl_result *r);
    /* OutputField features only this model type defines (reasonCode,
     * clusterAffinity, rule values, ...); NULL when it has none */
    void (*output)(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v);
    size_t tmp_size;           /* working doubles of a model type that says so, */
    size_t tmp_per_cat;        /* plus this many per category */
    const void *impl;          /* per model type */
    unsigned line;
};

/* ---- trees ---- */

typedef struct pl_node {
    int32_t pred;              /* predicate index */
    int32_t first;             /* first child; children are contiguous */
    int32_t nkids;
    int32_t dflt;              /* defaultChild node index, or -1 */
    int32_t score_cat;         /* classification: category of score, or -1 */
    int32_t dist;              /* first ScoreDistribution entry, ndist entries */
    int32_t ndist;
    uint8_t has_score;
    double score;              /* regression score */
    double record_count;       /* NaN when absent */
    const char *id;
} pl_node;

typedef struct pl_dist {
    int32_t cat;
    double count;
    double prob;               /* NaN when absent */
    double conf;               /* NaN when absent */
} pl_dist;

typedef struct pl_tree {
    size_t nnodes;
    pl_node *nodes;            /* nodes[0] is the root */
    size_t npreds;
    pl_pred *preds;
    pl_dist *dists;
    int missing_strategy, no_true_child;
    double penalty;
    int classification;
    size_t maxdepth;
    size_t tmp_levels;         /* weightedConfidence: distributions in tmp */
} pl_tree;

/* ---- regression ---- */

typedef struct pl_term {
    int kind;                  /* 0 numeric, 1 categorical, 2 interaction */
    int slot;
    double coef;
    double exponent;           /* numeric */
    int32_t id;                /* categorical: string id */
    double num;                /* categorical: numeric value */
    int is_str;
    size_t nslots;             /* interaction */
    const int *slots;
} pl_term;

typedef struct pl_regtable {
    double intercept;
    int32_t cat;               /* category index, or -1 */
    size_t nterms;
    pl_term *terms;
} pl_regtable;

typedef struct pl_regression {
    int normalization;
    size_t ntables;
    pl_regtable *tables;
} pl_regression;

/* ---- mining ---- */

typedef struct pl_segment {
    int32_t pred;              /* predicate index into the mining preds */
    double weight;
    const char *id;
    const pl_model *model;
    const int32_t *catmap;     /* the model's category index -> ours */
    int weight_slot;           /* VariableWeight field, or -1 */
} pl_segment;

typedef struct pl_mining {
    int method;
    int missing_treatment;
    double missing_threshold;
    size_t nsegments;
    pl_segment *segments;
    size_t npreds;
    pl_pred *preds;
} pl_mining;

/* ---- neural networks ---- */

typedef struct pl_nlayer {
    uint32_t first, count;     /* neuron indexes (inputs are 0..ninputs-1) */
    int activation, normalization;
    double threshold;
} pl_nlayer;

typedef struct pl_neuron {
    double bias, width, altitude;
    uint32_t off, ncons;       /* its connections in src/weight */
} pl_neuron;

typedef struct pl_neural {
    size_t ninputs;
    const pl_expr **inputs;    /* NeuralInput expressions */
    size_t nneurons;           /* inputs included */
    pl_neuron *neurons;        /* indexed by neuron index; inputs unused */
    uint32_t *src;
    double *weight;
    size_t nlayers;
    pl_nlayer *layers;
    size_t noutputs;
    uint32_t *out_neuron;
    int32_t *out_cat;          /* classification: category per output */
    /* regression: the target is the output neuron itself, or mapped back
     * through the inverse of a NormContinuous */
    size_t ninv;
    double *inv_orig, *inv_norm;
} pl_neural;

/* ---- general regression ---- */

enum { GT_FACTOR = 0, GT_COVARIATE, GT_CONTRAST };

typedef struct pl_gterm {
    int kind;                  /* GT_* */
    int slot;
    int is_str;
    int32_t id;                /* factor: the PPCell category */
    double num;
    double exponent;           /* covariate */
    const pv *cats;            /* contrast: the Categories, a row each */
    size_t ncats;
    const double *matrix;      /* contrast: ncats x ncols */
    size_t ncols;
    size_t col;                /* the PPCell category's column */
} pl_gterm;

typedef struct pl_gbaseline {
    pv value;                  /* stratum */
    double max_time, min_time;
    size_t ncells;
    const double *times, *hazards; /* sorted by time */
} pl_gbaseline;

typedef struct pl_grm {
    int model_type, link, cumulative_link;
    double link_param, dist_param;
    size_t nparams;
    const uint32_t *row_off;   /* terms of parameter p: row_off[p] .. row_off[p+1] */
    const pl_gterm *terms;
    const double *ref_points;
    size_t nsets;              /* coefficient sets: 1 for regression, K-1 otherwise */
    const double *beta;        /* nsets x nparams; NaN: the parameter is not used */
    const int32_t *set_cat;    /* category of each set; the last category has none */
    int32_t last_cat;
    int offset_slot, trials_slot;
    int has_offset, has_trials;
    double offset_value, trials_value;
    int end_slot, strata_slot;
    size_t nbaselines;
    const pl_gbaseline *baselines;
} pl_grm;

/* ---- scorecards ---- */

typedef struct pl_sc_attr {
    uint32_t pred;
    int32_t reason;            /* reason code index; -1 without reason codes */
    double partial;
    const pl_expr *complex;    /* ComplexPartialScore, or NULL: partial */
} pl_sc_attr;

typedef struct pl_scorecard {
    double initial;
    int use_reasons, points_above;
    size_t nchars;
    const uint32_t *first;     /* attributes of characteristic i: first[i] .. first[i+1] */
    const double *baseline;    /* [nchars] */
    const pl_sc_attr *attrs;
    const pl_pred *preds;
    size_t nreasons;
    const pv *reasons;         /* interned reason codes */
} pl_scorecard;

/* ---- rule sets ---- */

typedef struct pl_rule {
    uint32_t pred;
    uint32_t size;             /* entries of this rule and its descendants */
    int32_t cat;               /* SimpleRule: score category; -1: CompoundRule */
    double weight, confidence;
    pv id;                     /* the id, or the 1-based index among SimpleRules */
    int32_t dist, ndist;       /* ScoreDistribution entries */
} pl_rule;

typedef struct pl_ruleset {
    int criterion;             /* RULE_* */
    size_t nrules;
    const pl_rule *rules;      /* depth first */
    const pl_pred *preds;
    const pl_dist *dists;
    int32_t default_cat;       /* -1: no defaultScore */
    double default_confidence;
    int32_t default_dist, default_ndist;
} pl_ruleset;

/* ---- naive Bayes ---- */

typedef struct pl_nb_input {
    int slot;                  /* the input field */
    const pl_expr *expr;       /* the BayesInput's DerivedField, or NULL */
    int expr_dt;               /* the DerivedField's dataType */
    int continuous;            /* TargetValueStats */
    size_t nvalues;
    const pv *values;          /* PairCounts values */
    const double *logp;        /* nvalues x ncat: ln P(value | category) */
    const uint8_t *dist;       /* continuous: DIST_* per category, 0xff: none */
    const double *p1, *p2;     /* its parameters per category */
} pl_nb_input;

typedef struct pl_naive_bayes {
    size_t ncat;               /* categories the tables cover */
    const double *logprior;    /* [ncat] ln of the BayesOutput counts */
    double threshold;
    size_t ninputs;
    const pl_nb_input *inputs;
} pl_naive_bayes;

/* ---- support vector machines ---- */

typedef struct pl_svm_field {
    int slot;
    int is_cat;                /* CategoricalPredictor: indicator of `value` */
    pv value;
    double coefficient;
} pl_svm_field;

typedef struct pl_svm_machine {
    int32_t cat, alt;          /* targetCategory, alternateTargetCategory (-1) */
    double threshold;
    double b;                  /* Coefficients@absoluteValue */
    size_t nsv;
    const uint32_t *sv;        /* support vectors: indexes into the dictionary */
    const double *alpha;       /* their coefficients; Coefficients representation:
                                  one per vector field */
} pl_svm_machine;

typedef struct pl_svm {
    int kernel;                /* KERNEL_* */
    double gamma, coef0, degree;
    int method;                /* SVM_* */
    int max_wins;
    int linear_coefs;          /* svmRepresentation="Coefficients" */
    int32_t alt_binary;        /* alternateBinaryTargetCategory, or -1 */
    size_t nfields;
    const pl_svm_field *fields;
    size_t nvectors;
    const double *vectors;     /* nvectors x nfields */
    const uint8_t *used;       /* [nvectors] some machine uses the vector */
    size_t nmachines;
    const pl_svm_machine *machines;
} pl_svm;

/* ---- comparison measures (clustering, k-nearest neighbours) ---- */

typedef struct pl_measure {
    int similarity;            /* kind="similarity": larger is closer */
    int measure;               /* MEASURE_* */
    double p;                  /* minkowski */
    double bin[8];             /* binarySimilarity c00 c01 c10 c11 d00 d01 d10 d11 */
} pl_measure;

typedef struct pl_cmpfield {
    int slot;
    int compare;               /* CMP_* */
    double weight;             /* fieldWeight */
    double scale;              /* gaussSim similarityScale */
    double q;                  /* MissingValueWeights */
    const pl_domain *dom;      /* table: rows and columns are the field's values */
    size_t ntable;
    const double *table;       /* ntable x ntable */
} pl_cmpfield;

/* ---- clustering ---- */

typedef struct pl_clustering {
    pl_measure ms;
    size_t nfields;            /* the center fields */
    const pl_cmpfield *fields;
    size_t nclusters;          /* also the model's first categories: their ids */
    const pv *centers;         /* nclusters x nfields */
} pl_clustering;

/* ---- k-nearest neighbours ---- */

typedef struct pl_kdnode pl_kdnode;

/* One target field of a NearestNeighborModel and the model its prediction
 * goes to (the NearestNeighborModel itself for the first). */
typedef struct pl_knn_target {
    pl_model *model;
    int classification;
    const pv *value;             /* [n] the instances' values (regression) */
    const int32_t *cat;          /* [n] their categories, -1 when missing */
} pl_knn_target;

typedef struct pl_knn {
    pl_measure ms;
    size_t ninputs;
    const pl_cmpfield *fields;   /* the KNNInputs */
    size_t n;                    /* training instances */
    const pv *inst;              /* n x ninputs: their (transformed) input values */
    size_t ntargets;
    const pl_knn_target *targets;
    const pv *ids;               /* [n] instanceIdVariable, or the 1-based index */
    size_t k;
    int cont_method, cat_method; /* KNN_* */
    double threshold;
    /* a k-d tree over numeric instances for absDiff distance measures */
    const double *points;        /* n x ninputs, NULL without a tree */
    const uint32_t *order;       /* instances in tree order */
    size_t nnodes;
    const pl_kdnode *nodes;
} pl_knn;

struct pl_kdnode {
    uint32_t lo, hi;             /* instances order[lo..hi) */
    int32_t dim;                 /* split dimension, -1: a leaf */
    double split;
    int32_t left, right;         /* child nodes */
};

/* ---- association rules ---- */

typedef struct pl_aitem {
    int slot;                  /* the field the item reads (item per column) */
    int boolean;               /* present when the field is true ("T", "true", 1) */
    pv value;                  /* else present when the field has this value */
} pl_aitem;

typedef struct pl_arule {
    uint32_t ante, cons;       /* itemset indexes */
    double measure[5];         /* OUT_BASIS_* order: confidence, support, lift,
                                  leverage, affinity; NaN when absent */
    pv id;                     /* its id, or the 1-based index */
    pv ante_text, cons_text, rule_text; /* "{a,b}", "{c}", "{a,b}->{c}" */
} pl_arule;

typedef struct pl_association {
    int group_slot;            /* transactional: the group field, else -1 */
    int item_slot;             /* transactional: the item field */
    size_t nitems;
    const pl_aitem *items;
    size_t nkeys;              /* transactional: item values, sorted */
    const int32_t *key_ids;
    const double *key_nums;
    const uint32_t *key_item;
    size_t nsets;
    const uint32_t *set_off;   /* items of set s: set_items[set_off[s] .. set_off[s+1]) */
    const uint32_t *set_items;
    size_t nrules;
    const pl_arule *rules;
    const uint32_t *order[10]; /* rules ranked by rankBasis (x2 + ascending), when asked */
} pl_association;

/* ---- anomaly detection ---- */

typedef struct pl_anomaly {
    int algorithm;             /* ANOMALY_* */
    const pl_model *model;     /* the model inside */
    double cn;                 /* iforest: c(sampleDataSize) */
    size_t nmeans;
    const double *means;       /* clusterMeanDist: per cluster */
} pl_anomaly;

/* ---- baseline (change detection) ---- */

typedef struct pl_baseline {
    int statistic;             /* TEST_ZVALUE or TEST_CUSUM */
    int slot;                  /* the tested field */
    double reset;              /* CUSUM resetValue */
    int base_dist, alt_dist;   /* DIST_* */
    double base_p1, base_p2, alt_p1, alt_p2;
} pl_baseline;

/* ---- Gaussian process regression ---- */

typedef struct pl_gp {
    int kernel;                /* GP_* */
    double gamma, noise, degree;
    size_t d;                  /* input fields */
    const int *slots;          /* [d] */
    const double *lambda;      /* [d] length scales (radial basis: one, repeated) */
    size_t n;                  /* training instances */
    const double *x;           /* n x d */
    const double *alpha;       /* [n] (K + noise I)^-1 y */
    const double *chol;        /* n x n lower Cholesky factor of K + noise I, when
                                  a standardDeviation output needs it; else NULL */
    const double *chol_tmp;    /* (compile time) the factor in the load's arena */
} pl_gp;

/* ---- time series forecasts ---- */

typedef struct pl_ts {
    int algorithm;             /* TS_ARIMA or TS_EXPONENTIAL_SMOOTHING */
    int slot;                  /* the forecast horizon h (steps ahead) */
    int transformation;        /* TS_TRANSFORM_*: forecasts are transformed back */
    /* exponential smoothing */
    double level, trend_value, phi;
    int trend;                 /* TREND_* */
    int season;                /* SEASON_* */
    size_t period;
    const double *indices;     /* [period] */
    /* ARIMA: y[t] = c + sum pi[i] y[t-i] + a[t] - sum theta[j] a[t-j], with the
     * differences multiplied out */
    double constant;
    size_t np, nq;
    const double *pi;          /* [np], pi[0] for lag 1 */
    const double *theta;       /* [nq], theta[0] for lag 1 */
    const double *hist;        /* [np] the last np values of the series (transformed) */
    const double *resid;       /* [nq] the last nq residuals */
    double rmse;               /* ARIMA RMSE, for the standard error */
    int want_se;               /* a standardError output asks for it */
} pl_ts;

/* ---- Bayesian networks ---- */

typedef struct pl_bn_dist {
    int kind;                  /* BN_* */
    const pl_expr *p[3];       /* as pm_bn_entry params */
} pl_bn_dist;

typedef struct pl_bn_node {
    int discrete;
    int slot;                  /* the node's field */
    size_t nvalues;            /* discrete: its values */
    const pv *values;
    const int32_t *cat;        /* the target: each value's category */
    size_t nparents;           /* discrete parents */
    const uint32_t *parents;
    const uint32_t *stride;    /* configuration = sum of value index * stride */
    size_t nconfigs;
    const double *probs;       /* discrete: nconfigs x nvalues */
    const pl_bn_dist *dists;   /* continuous: [nconfigs] */
    size_t dens_off;           /* continuous: its densities in the scratch */
} pl_bn_node;

typedef struct pl_bn {
    size_t nnodes;
    const pl_bn_node *nodes;
    const uint32_t *order;     /* parents before children */
    uint32_t target;
    size_t ndens;              /* densities of all continuous nodes' configurations */
} pl_bn;

/* ---- the whole model ---- */

/* A result column of the public API. */
typedef struct pl_column {
    const char *name;
    int datatype, optype;
    int is_target;             /* the top model's predicted value */
    int slot;                  /* output fields: their slot */
    const pl_model *const *cands; /* a multi-target MiningModel: the segment
                                     models predicting this target; the last
                                     one with a prediction gives the value */
    size_t ncands;
    size_t nvalues;            /* categories a categorical result can take */
    const pv *values;
    const char *const *texts;
} pl_column;

/* ModelVerification records, kept as text for pmml_model_verify(). */
typedef struct pl_verification {
    size_t nfields, nrecords;
    const char **fields;
    double *precision, *zero_threshold;
    const char **cells;        /* nrecords x nfields; NULL: absent */
} pl_verification;

struct pmml_model {
    pm_arena arena;
    pmml_allocator al;
    const char *type;          /* element of the top model */
    const char *function;
    const char *pmml_version;
    pm_strtab strings;
    size_t nslots;
    size_t nresults;
    size_t nprobs;             /* doubles of probability/confidence scratch */
    size_t ntmp;               /* working doubles of all models */
    pl_input *inputs;          /* every DataField scoring reads */
    size_t ninputs;
    pl_derive *globals;        /* TransformationDictionary, dependency order */
    size_t nglobals;
    const pl_model *top;
    pl_column *columns;
    size_t ncolumns;
    size_t max_tree_depth;     /* scratch stack for tree walks */
    size_t stack_size;         /* expression argument stack (values) */
    const pl_verification *verification; /* NULL without ModelVerification */
    int sequential;            /* rows depend on earlier rows other than by Lag
                                  (an AssociationModel's transactions, an
                                  Aggregate's groups) */
    int group_slot1;           /* 1 + the slot of the field whose runs of equal
                                  values group rows (an AssociationModel's
                                  group field, an Aggregate's groupField);
                                  0: there is none */
    pl_lag *lags;              /* every Lag, updated at the start of each row */
    size_t nlags, nlag_hist, nlag_blocks;
    size_t lag_max_n;          /* the longest history a Lag aggregates */
    pl_agg *aggs;              /* every Aggregate, updated at the start of each row */
    size_t naggs;
    void **regexes;            /* compiled PCRE2 patterns, freed with the model */
    size_t nregexes, capregexes;
    uint32_t max_capture;      /* most capture groups of any pattern */
    const struct vp_plan *vp;  /* the block program, or NULL */
    const char *vp_why;        /* why there is none */
    const struct pl_fieldstats *fstats; /* [ninputs]: statistics plan */
};

/* Makes room for one more regex so that adding it cannot fail. */
struct pm_ctx;
void pmml__model_reserve_regex(pmml_model *m, struct pm_ctx *c);
void pmml__model_add_regex(pmml_model *m, void *code);

#endif
