/* model.h - the PMML document as C structs.
 *
 * The parser (parse_*.c) fills these from the element tree, mapping older
 * PMML versions and the x- spellings of converters onto the PMML 4.4 shape,
 * so the compiler sees one dialect.  Every struct keeps the line of its
 * element for error messages.  All memory lives in the load's temporary
 * arena; the compiler copies what scoring needs into the model's arena.
 */
#ifndef PMML_MODEL_MODEL_H
#define PMML_MODEL_MODEL_H

#include <stddef.h>

#include "pmml.h"
#include "util/ctx.h"
#include "xml/xml.h"

/* ---- enumerations (values are internal) ---- */

enum { PROP_VALID = 0, PROP_INVALID, PROP_MISSING };
enum { CLOSURE_OPEN_OPEN = 0, CLOSURE_OPEN_CLOSED, CLOSURE_CLOSED_OPEN, CLOSURE_CLOSED_CLOSED };

enum {
    USAGE_ACTIVE = 0, USAGE_TARGET, USAGE_SUPPLEMENTARY, USAGE_GROUP, USAGE_ORDER,
    USAGE_FREQUENCY_WEIGHT, USAGE_ANALYSIS_WEIGHT
};
enum { OUTLIERS_AS_IS = 0, OUTLIERS_AS_MISSING, OUTLIERS_AS_EXTREME };
enum { INVALID_RETURN = 0, INVALID_AS_IS, INVALID_AS_MISSING, INVALID_AS_VALUE };
enum {
    MISSING_AS_IS = 0, MISSING_AS_MEAN, MISSING_AS_MODE, MISSING_AS_MEDIAN, MISSING_AS_VALUE,
    MISSING_RETURN_INVALID
};

enum {
    FUNC_NONE = 0, FUNC_REGRESSION, FUNC_CLASSIFICATION, FUNC_CLUSTERING,
    FUNC_ASSOCIATION, FUNC_SEQUENCES, FUNC_TIME_SERIES, FUNC_MIXED
};

/* A function whose prediction is one of a set of categories (for
 * clustering: the clusters). */
static inline int pm_fn_categorical(int f)
{
    return f == FUNC_CLASSIFICATION || f == FUNC_CLUSTERING;
}

enum {
    MODEL_REGRESSION = 1, MODEL_TREE, MODEL_MINING, MODEL_NEURAL, MODEL_GENERAL_REGRESSION,
    MODEL_SCORECARD, MODEL_RULESET, MODEL_NAIVE_BAYES, MODEL_SVM, MODEL_CLUSTERING, MODEL_KNN,
    MODEL_ASSOCIATION, MODEL_ANOMALY, MODEL_BASELINE, MODEL_GAUSSIAN_PROCESS,
    MODEL_TIME_SERIES, MODEL_BAYESIAN_NETWORK,
    MODEL_OTHER /* recognised but not yet supported */
};

/* OutputField feature */
enum {
    FEAT_PREDICTED_VALUE = 0, FEAT_PREDICTED_DISPLAY_VALUE, FEAT_TRANSFORMED_VALUE,
    FEAT_DECISION, FEAT_PROBABILITY, FEAT_AFFINITY, FEAT_RESIDUAL, FEAT_STANDARD_ERROR,
    FEAT_STANDARD_DEVIATION, FEAT_CLUSTER_ID, FEAT_CLUSTER_AFFINITY, FEAT_ENTITY_ID,
    FEAT_ENTITY_AFFINITY, FEAT_WARNING, FEAT_RULE_VALUE, FEAT_REASON_CODE,
    FEAT_ANTECEDENT, FEAT_CONSEQUENT, FEAT_RULE, FEAT_RULE_ID, FEAT_CONFIDENCE,
    FEAT_SUPPORT, FEAT_LIFT, FEAT_LEVERAGE, FEAT_REPORT
};

/* OutputField rankBasis and algorithm (association rules) */
enum { OUT_BASIS_CONFIDENCE = 0, OUT_BASIS_SUPPORT, OUT_BASIS_LIFT, OUT_BASIS_LEVERAGE,
       OUT_BASIS_AFFINITY };
enum { OUT_ALG_RECOMMENDATION = 0, OUT_ALG_EXCLUSIVE, OUT_ALG_RULE_ASSOCIATION };

enum { CAST_NONE = 0, CAST_ROUND, CAST_CEILING, CAST_FLOOR };

/* SimplePredicate operators */
enum {
    OP_EQUAL = 0, OP_NOT_EQUAL, OP_LESS_THAN, OP_LESS_OR_EQUAL, OP_GREATER_THAN,
    OP_GREATER_OR_EQUAL, OP_IS_MISSING, OP_IS_NOT_MISSING
};
enum { BOOL_AND = 0, BOOL_OR, BOOL_XOR, BOOL_SURROGATE };
enum { PRED_TRUE = 0, PRED_FALSE, PRED_SIMPLE, PRED_SET, PRED_COMPOUND };

enum {
    TREE_MISSING_NONE = 0, TREE_MISSING_LAST_PREDICTION, TREE_MISSING_NULL_PREDICTION,
    TREE_MISSING_DEFAULT_CHILD, TREE_MISSING_WEIGHTED_CONFIDENCE, TREE_MISSING_AGGREGATE_NODES
};
enum { NO_TRUE_CHILD_NULL = 0, NO_TRUE_CHILD_LAST };

enum {
    NORM_NONE = 0, NORM_SIMPLEMAX, NORM_SOFTMAX, NORM_LOGIT, NORM_PROBIT, NORM_CLOGLOG,
    NORM_EXP, NORM_LOGLOG, NORM_CAUCHIT
};

enum {
    EXPR_CONSTANT = 1, EXPR_FIELDREF, EXPR_NORM_CONTINUOUS, EXPR_NORM_DISCRETE,
    EXPR_DISCRETIZE, EXPR_MAPVALUES, EXPR_APPLY, EXPR_TEXTINDEX, EXPR_LAG, EXPR_AGGREGATE
};
/* Aggregate@function */
enum { AGG_COUNT = 0, AGG_SUM, AGG_AVERAGE, AGG_MIN, AGG_MAX, AGG_MULTISET };
enum { TW_TERM_FREQUENCY = 0, TW_BINARY, TW_LOGARITHMIC, TW_AUGMENTED };

enum { ARRAY_INT = 0, ARRAY_REAL, ARRAY_STRING };

/* ---- building blocks ---- */

typedef struct pm_array {
    int type;            /* ARRAY_* */
    size_t n;
    const char **items;  /* parsed tokens, quotes removed */
    unsigned line;
} pm_array;

typedef struct pm_interval {
    int closure;
    double left, right;  /* -inf / +inf when absent */
    unsigned line;
} pm_interval;

typedef struct pm_dvalue {
    const char *value;
    const char *display;
    int property;        /* PROP_* */
    unsigned line;
} pm_dvalue;

typedef struct pm_header {
    const char *copyright;
    const char *description;
    const char *model_version;
    const char *app_name;
    const char *app_version;
    const char *timestamp;
} pm_header;

typedef struct pm_datafield {
    const char *name;
    const char *display;
    int optype;          /* PMML_OPTYPE_* */
    int datatype;        /* PMML_TYPE_* */
    int cyclic;
    const char *taxonomy;
    pm_dvalue *values;
    size_t nvalues;
    pm_interval *intervals;
    size_t nintervals;
    unsigned line;
} pm_datafield;

/* ---- expressions ---- */

typedef struct pm_linnorm {
    double orig, norm;
} pm_linnorm;

typedef struct pm_bin {
    pm_interval interval;
    const char *value;
} pm_bin;

/* An InlineTable: rows x named columns; a cell absent from a row is NULL. */
typedef struct pm_table {
    size_t nrows, ncols;
    const char **colnames;
    const char **cells;  /* nrows * ncols */
    unsigned line;
} pm_table;

/* The index of the column called `name` (names are unique), or -1. */
long pm_table_column(const pm_table *t, const char *name);

typedef struct pm_expr pm_expr;

/* TextIndexNormalization; -1 / NULL: inherit the TextIndex's setting */
typedef struct pm_textnorm {
    const char *in_field, *out_field, *regex_field;
    int recursive;
    int case_sensitive;
    int max_levenshtein;
    const char *separator_re;
    const char *word_re;
    int tokenize;
    struct pm_table *table;
    unsigned line;
} pm_textnorm;

struct pm_expr {
    int kind;                   /* EXPR_* */
    unsigned line;
    const char *element;        /* element name for messages */
    const char *field;          /* FieldRef, Norm*, Discretize */
    const char *map_missing_to; /* NULL when absent */
    const char *default_value;  /* NULL when absent */
    int datatype;               /* Constant/Discretize/MapValues dataType, 0 if absent */
    union {
        struct {
            const char *text;
            int is_missing;     /* <Constant missing="true"/> */
        } constant;
        struct {
            pm_linnorm *points;
            size_t npoints;
            int outliers;       /* OUTLIERS_* */
        } normc;
        struct {
            const char *value;
        } normd;
        struct {
            pm_bin *bins;
            size_t nbins;
        } discretize;
        struct {
            const char **fields;    /* FieldColumnPair field */
            const char **columns;   /* FieldColumnPair column */
            size_t npairs;
            const char *output_column;
            pm_table *table;
        } mapvalues;
        struct {
            const char *function;
            pm_expr **args;
            size_t nargs;
            int invalid_treatment;  /* INVALID_RETURN, INVALID_AS_IS, INVALID_AS_MISSING */
        } apply;
        struct {
            int local_weights;      /* TW_* */
            int case_sensitive;
            int max_levenshtein;
            int best_hits;          /* countHits="bestHits" */
            const char *separator_re;
            const char *word_re;
            int tokenize;
            pm_textnorm *norms;
            size_t nnorms;
            pm_expr *term;
        } text;
        struct {
            int n;                  /* how many rows back */
            const char **block_fields;
            size_t nblocks;
            const char *aggregate;  /* Lag@aggregate: none, avg, max, ... */
        } lag;
        struct {
            int function;           /* AGG_* */
            const char *group;      /* groupField, NULL when absent */
            const char *sql_where;  /* sqlWhere, NULL when absent */
        } agg;
    } u;
};

typedef struct pm_derived {
    const char *name;
    const char *display;
    int optype;
    int datatype;
    pm_expr *expr;
    pm_dvalue *values;
    size_t nvalues;
    unsigned line;
} pm_derived;

typedef struct pm_param {
    const char *name;
    int optype;
    int datatype;
} pm_param;

typedef struct pm_function {
    const char *name;
    int optype;
    int datatype;
    pm_param *params;
    size_t nparams;
    pm_expr *expr;
    unsigned line;
} pm_function;

typedef struct pm_transforms {
    pm_derived *fields;
    size_t nfields;
    pm_function *functions;
    size_t nfunctions;
} pm_transforms;

/* ---- MiningSchema, Output, Targets ---- */

typedef struct pm_miningfield {
    const char *name;
    int usage;                   /* USAGE_* */
    int optype;                  /* 0: the DataField's */
    int outliers;                /* OUTLIERS_* */
    int has_low, has_high;
    double low, high;
    const char *missing_replacement;
    int missing_treatment;       /* MISSING_* */
    int invalid_treatment;       /* INVALID_* */
    const char *invalid_replacement;
    unsigned line;
} pm_miningfield;

typedef struct pm_outputfield {
    const char *name;
    const char *display;
    int optype;                  /* 0 when absent */
    int datatype;                /* 0 when absent */
    const char *target_field;
    int feature;                 /* FEAT_* */
    const char *value;           /* category for probability etc. */
    int rank;
    int rank_basis;              /* OUT_BASIS_* (association rules) */
    int rank_order;              /* 0 descending, 1 ascending */
    int rule_feature;            /* FEAT_* of ruleFeature (feature="ruleValue") */
    int algorithm;               /* OUT_ALG_* (association rules) */
    int is_multi;                /* isMultiValued */
    int is_final;
    const char *segment_id;
    pm_expr *expr;               /* transformedValue / decision */
    unsigned line;
} pm_outputfield;

typedef struct pm_targetvalue {
    const char *value;
    const char *display;
    int has_prior, has_default;
    double prior, default_value;
} pm_targetvalue;

typedef struct pm_target {
    const char *field;           /* may be NULL */
    int optype;
    int cast_integer;            /* CAST_* */
    int has_min, has_max;
    double min, max;
    double rescale_factor, rescale_constant;
    pm_targetvalue *values;
    size_t nvalues;
    unsigned line;
} pm_target;

/* ---- predicates ---- */

typedef struct pm_pred pm_pred;
struct pm_pred {
    int kind;                    /* PRED_* */
    unsigned line;
    const char *field;           /* SIMPLE, SET */
    int op;                      /* SIMPLE: OP_*; SET: 1 isIn, 0 isNotIn;
                                    COMPOUND: BOOL_* */
    const char *value;           /* SIMPLE */
    pm_array array;              /* SET */
    pm_pred **kids;              /* COMPOUND */
    size_t nkids;
};

/* ---- TreeModel ---- */

typedef struct pm_scoredist {
    const char *value;
    double record_count;
    int has_confidence, has_probability;
    double confidence, probability;
    unsigned line;
} pm_scoredist;

typedef struct pm_node pm_node;
struct pm_node {
    const char *id;
    const char *score;           /* NULL when absent */
    int has_record_count;
    double record_count;
    const char *default_child;
    pm_pred *pred;
    pm_scoredist *dists;
    size_t ndists;
    pm_node **kids;
    size_t nkids;
    unsigned line;
    unsigned preorder;           /* compile-time: 1-based depth-first number */
};

typedef struct pm_tree {
    pm_node *root;
    int missing_strategy;        /* TREE_MISSING_* */
    int no_true_child;           /* NO_TRUE_CHILD_* */
    double missing_penalty;
    int binary_split;
} pm_tree;

/* ---- RegressionModel ---- */

typedef struct pm_numpred {
    const char *name;
    double exponent;
    double coefficient;
    unsigned line;
} pm_numpred;

typedef struct pm_catpred {
    const char *name;
    const char *value;
    double coefficient;
    unsigned line;
} pm_catpred;

typedef struct pm_predterm {
    const char **fields;
    size_t nfields;
    double coefficient;
    unsigned line;
} pm_predterm;

typedef struct pm_regtable {
    double intercept;
    const char *target_category; /* NULL when absent */
    pm_numpred *nums;
    size_t nnums;
    pm_catpred *cats;
    size_t ncats;
    pm_predterm *terms;
    size_t nterms;
    unsigned line;
} pm_regtable;

typedef struct pm_regression {
    int normalization;           /* NORM_* */
    pm_regtable *tables;
    size_t ntables;
} pm_regression;

/* ---- MiningModel ---- */

enum {
    MM_MAJORITY_VOTE = 0, MM_WEIGHTED_MAJORITY_VOTE, MM_AVERAGE, MM_WEIGHTED_AVERAGE,
    MM_MEDIAN, MM_WEIGHTED_MEDIAN, MM_MAX, MM_SUM, MM_WEIGHTED_SUM, MM_SELECT_FIRST,
    MM_SELECT_ALL, MM_MODEL_CHAIN, MM_MULTI_MODEL_CHAIN
};
enum { MPT_CONTINUE = 0, MPT_SKIP_SEGMENT, MPT_RETURN_MISSING };

typedef struct pm_model pm_model;

typedef struct pm_segment {
    const char *id;
    double weight;
    const char *weight_field;    /* VariableWeight */
    pm_pred *pred;
    pm_model *model;
    unsigned line;
} pm_segment;

typedef struct pm_mining {
    int method;                  /* MM_* */
    int missing_treatment;       /* MPT_* */
    double missing_threshold;
    pm_segment *segments;
    size_t nsegments;
    unsigned line;
} pm_mining;

/* ---- NeuralNetwork ---- */

enum {
    ACT_THRESHOLD = 0, ACT_LOGISTIC, ACT_TANH, ACT_IDENTITY, ACT_EXPONENTIAL, ACT_RECIPROCAL,
    ACT_SQUARE, ACT_GAUSS, ACT_SINE, ACT_COSINE, ACT_ELLIOTT, ACT_ARCTAN, ACT_RECTIFIER,
    ACT_RADIAL_BASIS
};
enum { NN_NORM_NONE = 0, NN_NORM_SIMPLEMAX, NN_NORM_SOFTMAX };

typedef struct pm_neuron {
    const char *id;
    double bias;
    int has_width, has_altitude;
    double width, altitude;
    const char **from;
    double *weights;
    size_t ncons;
    unsigned line;
} pm_neuron;

typedef struct pm_nlayer {
    int activation;              /* -1: the network's */
    int normalization;           /* -1: the network's */
    int has_threshold, has_width, has_altitude;
    double threshold, width, altitude;
    pm_neuron *neurons;
    size_t nneurons;
    unsigned line;
} pm_nlayer;

typedef struct pm_neural {
    int activation;
    int normalization;
    double threshold;
    int has_width;
    double width;
    double altitude;
    const char **input_ids;
    pm_derived *inputs;
    size_t ninputs;
    pm_nlayer *layers;
    size_t nlayers;
    const char **output_neurons;
    pm_derived *outputs;
    size_t noutputs;
} pm_neural;

/* ---- GeneralRegressionModel ---- */

enum {
    GRM_REGRESSION = 0, GRM_GENERAL_LINEAR, GRM_MULTINOMIAL_LOGISTIC, GRM_ORDINAL_MULTINOMIAL,
    GRM_GENERALIZED_LINEAR, GRM_COX
};
enum {
    LINK_CLOGLOG = 0, LINK_IDENTITY, LINK_LOG, LINK_LOGC, LINK_LOGIT, LINK_LOGLOG, LINK_NEGBIN,
    LINK_ODDSPOWER, LINK_POWER, LINK_PROBIT
};
enum { CUM_LOGIT = 0, CUM_PROBIT, CUM_CLOGLOG, CUM_LOGLOG, CUM_CAUCHIT };

typedef struct pm_grm_param {
    const char *name;
    double reference_point;
} pm_grm_param;

typedef struct pm_grm_predictor {
    const char *name;
    const char **categories;     /* contrast matrix rows/columns, or NULL */
    size_t ncategories;
    double *matrix;              /* ncategories x ncolumns, row-major */
    size_t ncolumns;
    unsigned line;
} pm_grm_predictor;

typedef struct pm_ppcell {
    const char *value;
    const char *predictor;
    const char *parameter;
    const char *target_category;
    unsigned line;
} pm_ppcell;

typedef struct pm_pcell {
    const char *target_category;
    const char *parameter;
    double beta;
    unsigned line;
} pm_pcell;

typedef struct pm_baseline {
    const char *value;           /* stratum value, NULL for the single table */
    double max_time;
    double *times, *cum_hazards;
    size_t ncells;
    unsigned line;
} pm_baseline;

typedef struct pm_grm {
    int model_type;              /* GRM_* */
    int link;                    /* LINK_*, -1 absent */
    int cumulative_link;         /* CUM_*, -1 absent */
    int has_link_param, has_dist_param;
    double link_param, dist_param;
    const char *target_reference;
    const char *offset_variable;
    int has_offset_value;
    double offset_value;
    const char *trials_variable;
    int has_trials_value;
    double trials_value;
    const char *end_time_variable;
    const char *baseline_strata_variable;
    pm_grm_param *params;
    size_t nparams;
    pm_grm_predictor *factors, *covariates;
    size_t nfactors, ncovariates;
    pm_ppcell *ppcells;
    size_t nppcells;
    pm_pcell *pcells;
    size_t npcells;
    pm_baseline *baselines;      /* strata, or one table */
    size_t nbaselines;
    int stratified;
    unsigned line;
} pm_grm;

/* ---- Scorecard ---- */

typedef struct pm_sc_attr {
    pm_pred *pred;
    const char *reason_code;     /* NULL: the Characteristic's */
    int has_partial;
    double partial;
    pm_expr *complex;            /* ComplexPartialScore, or NULL */
    unsigned line;
} pm_sc_attr;

typedef struct pm_sc_char {
    const char *name;
    const char *reason_code;
    int has_baseline;
    double baseline;
    pm_sc_attr *attrs;
    size_t nattrs;
    unsigned line;
} pm_sc_char;

typedef struct pm_scorecard {
    double initial;
    int use_reason_codes;
    int points_above;            /* reasonCodeAlgorithm="pointsAbove" */
    int has_baseline;
    double baseline;
    pm_sc_char *chars;
    size_t nchars;
} pm_scorecard;

/* ---- RuleSetModel ---- */

enum { RULE_FIRST_HIT = 0, RULE_WEIGHTED_SUM, RULE_WEIGHTED_MAX };

typedef struct pm_rule pm_rule;
struct pm_rule {
    int compound;
    pm_pred *pred;
    /* SimpleRule */
    const char *id;
    const char *score;
    double confidence, weight;
    pm_scoredist *dists;
    size_t ndists;
    /* CompoundRule */
    pm_rule **kids;
    size_t nkids;
    unsigned line;
};

typedef struct pm_ruleset {
    int criterion;               /* RULE_*: the first RuleSelectionMethod */
    const char *default_score;
    int has_default_confidence;
    double default_confidence;
    pm_scoredist *dists;         /* the default's ScoreDistribution */
    size_t ndists;
    pm_rule **rules;
    size_t nrules;
    unsigned line;
} pm_ruleset;

/* ---- NaiveBayesModel ---- */

enum { DIST_GAUSSIAN = 0, DIST_POISSON, DIST_UNIFORM, DIST_ANY };

typedef struct pm_tvcount {
    const char *value;           /* target category */
    double count;
    unsigned line;
} pm_tvcount;

typedef struct pm_paircounts {
    const char *value;           /* input value */
    pm_tvcount *counts;
    size_t ncounts;
    unsigned line;
} pm_paircounts;

typedef struct pm_tvstat {
    const char *value;           /* target category */
    int dist;                    /* DIST_* */
    double p1, p2;               /* mean and variance; Poisson mean; lower and upper */
    unsigned line;
} pm_tvstat;

typedef struct pm_bayes_input {
    const char *field;
    pm_derived *derived;         /* DerivedField of the input, or NULL */
    pm_paircounts *pairs;
    size_t npairs;
    pm_tvstat *stats;            /* TargetValueStats, or NULL */
    size_t nstats;
    unsigned line;
} pm_bayes_input;

typedef struct pm_naive_bayes {
    double threshold;
    pm_bayes_input *inputs;
    size_t ninputs;
    const char *output_field;    /* BayesOutput@fieldName */
    pm_tvcount *priors;          /* BayesOutput counts */
    size_t npriors;
    unsigned output_line;
} pm_naive_bayes;

/* ---- SupportVectorMachineModel ---- */

enum { KERNEL_LINEAR = 0, KERNEL_POLYNOMIAL, KERNEL_RBF, KERNEL_SIGMOID };
enum { SVM_ONE_AGAINST_ALL = 0, SVM_ONE_AGAINST_ONE };

typedef struct pm_svm_field {
    const char *field;           /* FieldRef, or CategoricalPredictor@name */
    const char *value;           /* CategoricalPredictor: the category, else NULL */
    double coefficient;
    unsigned line;
} pm_svm_field;

typedef struct pm_svm_vector {
    const char *id;
    double *values;              /* nfields, zeros filled in */
    unsigned line;
} pm_svm_vector;

typedef struct pm_svm_machine {
    const char *target;          /* targetCategory */
    const char *alternate;       /* alternateTargetCategory */
    int has_threshold;
    double threshold;
    const char **vector_ids;     /* SupportVectors */
    size_t nvectors;
    double *coefs;               /* Coefficients */
    size_t ncoefs;
    double absolute;             /* Coefficients@absoluteValue */
    unsigned line;
} pm_svm_machine;

typedef struct pm_svm {
    int kernel;                  /* KERNEL_*, -1 until seen */
    double gamma, coef0, degree;
    int method;                  /* SVM_*, -1 when absent */
    int coefficients_repr;       /* svmRepresentation="Coefficients" */
    int max_wins;
    double threshold;
    const char *alternate_binary; /* alternateBinaryTargetCategory */
    pm_svm_field *fields;
    size_t nfields;
    pm_svm_vector *vectors;
    size_t nvectors;
    int have_dictionary;
    pm_svm_machine *machines;
    size_t nmachines;
} pm_svm;

/* ---- ComparisonMeasure (ClusteringModel, NearestNeighborModel) ---- */

enum { CMP_ABS_DIFF = 0, CMP_GAUSS_SIM, CMP_DELTA, CMP_EQUAL, CMP_TABLE };
enum {
    MEASURE_EUCLIDEAN = 0, MEASURE_SQUARED_EUCLIDEAN, MEASURE_CHEBYCHEV, MEASURE_CITY_BLOCK,
    MEASURE_MINKOWSKI, MEASURE_SIMPLE_MATCHING, MEASURE_JACCARD, MEASURE_TANIMOTO,
    MEASURE_BINARY_SIMILARITY
};

typedef struct pm_measure {
    int similarity;              /* kind="similarity" */
    int compare;                 /* CMP_*: the default compareFunction */
    int measure;                 /* MEASURE_* */
    double p;                    /* minkowski p-parameter */
    double bin[8];               /* binarySimilarity c00 c01 c10 c11 d00 d01 d10 d11 */
    unsigned line;
} pm_measure;

/* A dense matrix (Matrix element). */
typedef struct pm_matrix {
    size_t nrows, ncols;
    double *cells;               /* row-major */
    unsigned line;
} pm_matrix;

/* ---- ClusteringModel ---- */

typedef struct pm_cfield {
    const char *field;
    int is_center;
    double weight;
    int has_scale;
    double scale;                /* similarityScale */
    int compare;                 /* CMP_*, -1: the ComparisonMeasure's */
    pm_matrix *table;            /* Comparisons */
    unsigned line;
} pm_cfield;

typedef struct pm_cluster {
    const char *id, *name;
    pm_array center;             /* n == 0: none */
    unsigned line;
} pm_cluster;

typedef struct pm_clustering {
    int distribution_based;
    int have_measure;
    pm_measure measure;
    pm_cfield *fields;
    size_t nfields;
    double *missing_weights;     /* MissingValueWeights, or NULL */
    size_t nmissing_weights;
    unsigned missing_line;
    pm_cluster *clusters;
    size_t nclusters;
    pm_derived *centers;         /* CenterFields (PMML 1.1 to 3.2), or NULL */
    size_t ncenters;
    unsigned centers_line;
} pm_clustering;

/* ---- NearestNeighborModel ---- */

enum { KNN_AVERAGE = 0, KNN_MEDIAN, KNN_WEIGHTED_AVERAGE };
enum { KNN_MAJORITY_VOTE = 0, KNN_WEIGHTED_MAJORITY_VOTE };

typedef struct pm_knn_input {
    const char *field;
    double weight;
    int compare;                 /* CMP_*, -1: the ComparisonMeasure's */
    unsigned line;
} pm_knn_input;

typedef struct pm_knn {
    long k;                      /* numberOfNeighbors */
    int continuous_method;       /* KNN_AVERAGE ... */
    int categorical_method;      /* KNN_MAJORITY_VOTE ... */
    const char *id_variable;     /* instanceIdVariable */
    double threshold;
    int is_transformed;
    const char **instance_fields; /* InstanceField field */
    const char **instance_columns; /* its column */
    size_t ninstance_fields;
    pm_table *table;             /* the training instances */
    unsigned instances_line;
    int have_measure;
    pm_measure measure;
    pm_knn_input *inputs;
    size_t ninputs;
} pm_knn;

/* ---- AssociationModel ---- */

typedef struct pm_item {
    const char *id;
    const char *value;
    const char *field;           /* Item@field (PMML 4.3), or NULL */
    const char *category;        /* Item@category, or NULL */
    unsigned line;
} pm_item;

typedef struct pm_itemset {
    const char *id;
    const char **refs;           /* ItemRef itemRef */
    size_t nrefs;
    unsigned line;
} pm_itemset;

typedef struct pm_arule {
    const char *id;
    const char *antecedent, *consequent;
    double support, confidence;
    int has_lift, has_leverage, has_affinity;
    double lift, leverage, affinity;
    unsigned line;
} pm_arule;

typedef struct pm_association {
    pm_item *items;
    size_t nitems;
    pm_itemset *sets;
    size_t nsets;
    pm_arule *rules;
    size_t nrules;
} pm_association;

/* ---- AnomalyDetectionModel ---- */

enum { ANOMALY_IFOREST = 0, ANOMALY_OCSVM, ANOMALY_CLUSTER_MEAN_DIST, ANOMALY_OTHER };

typedef struct pm_anomaly {
    int algorithm;               /* ANOMALY_* */
    int has_sample_size;
    double sample_size;          /* sampleDataSize */
    pm_model *model;             /* the model inside */
    double *mean_distances;      /* MeanClusterDistances */
    size_t nmean_distances;
    unsigned mean_line;
} pm_anomaly;

/* ---- BaselineModel ---- */

enum { TEST_ZVALUE = 0, TEST_CHI_SQUARE_INDEPENDENCE, TEST_CHI_SQUARE_DISTRIBUTION, TEST_CUSUM,
       TEST_SCALAR_PRODUCT };

typedef struct pm_baseline_model {
    const char *field;
    int statistic;               /* TEST_* */
    double reset;                /* resetValue */
    int base_dist, alt_dist;     /* DIST_*, -1 when absent */
    double base_p1, base_p2, alt_p1, alt_p2;
    unsigned line;
} pm_baseline_model;

/* ---- GaussianProcessModel ---- */

enum { GP_RADIAL_BASIS = 0, GP_ARD_SQUARED_EXPONENTIAL, GP_ABSOLUTE_EXPONENTIAL,
       GP_GENERALIZED_EXPONENTIAL };

/* TrainingInstances (also read by NearestNeighborModel). */
typedef struct pm_instances {
    const char **fields;         /* InstanceField field */
    const char **columns;        /* its column */
    size_t nfields;
    pm_table *table;
    int is_transformed;
    unsigned line;
} pm_instances;

typedef struct pm_gp {
    int kernel;                  /* GP_* */
    double gamma, noise, lambda, degree;
    double *lambdas;             /* Lambda, per input field (all but radial basis) */
    size_t nlambdas;
    unsigned kernel_line;
    pm_instances inst;
} pm_gp;

/* ---- TimeSeriesModel ---- */

enum { TS_ARIMA = 0, TS_EXPONENTIAL_SMOOTHING, TS_SEASONAL_TREND_DECOMPOSITION,
       TS_SPECTRAL_ANALYSIS, TS_STATE_SPACE, TS_GARCH };
enum { TREND_NONE = 0, TREND_ADDITIVE, TREND_DAMPED_ADDITIVE, TREND_MULTIPLICATIVE,
       TREND_DAMPED_MULTIPLICATIVE };
enum { SEASON_NONE = 0, SEASON_ADDITIVE, SEASON_MULTIPLICATIVE };
enum { TS_TRANSFORM_NONE = 0, TS_TRANSFORM_LOG, TS_TRANSFORM_SQRT };

typedef struct pm_arma {
    long p, d, q;
    double *ar, *ma;
} pm_arma;

typedef struct pm_timeseries {
    int best_fit;                /* TS_* */
    double *series;              /* TimeSeries usage="original", in time order */
    size_t nseries;
    unsigned series_line;
    /* ExponentialSmoothing */
    unsigned es_line;
    int es_transformation;       /* TS_TRANSFORM_* */
    double level;                /* Level smoothedValue */
    int trend;                   /* TREND_* */
    double trend_value, phi;
    int season;                  /* SEASON_* */
    long period;
    double *indices;             /* period seasonal indices */
    size_t nindices;
    /* ARIMA (conditional least squares) */
    unsigned arima_line;
    int arima_transformation;
    double constant;
    int has_rmse;
    double rmse;                 /* RMSE: the standard deviation of the residuals */
    pm_arma nonseasonal, seasonal;
    long season_period;
    double *residuals;           /* the longest Residuals array, in time order */
    size_t nresiduals;
} pm_timeseries;

/* ---- BayesianNetworkModel ---- */

enum { BN_NONE = 0, BN_NORMAL, BN_LOGNORMAL, BN_TRIANGULAR, BN_UNIFORM };

/* One row of a node's table: the parents' values it applies to, and the
 * node's value probabilities (discrete) or distribution (continuous). */
typedef struct pm_bn_entry {
    const char **parents, **parent_values;
    size_t nparents;
    const char **values;
    double *probs;
    size_t nvalues;
    int dist;                    /* BN_* */
    pm_expr *params[3];          /* normal, lognormal: mean, variance;
                                    triangular: mean, lower, upper;
                                    uniform: lower, upper */
    unsigned line, dist_line;
} pm_bn_entry;

typedef struct pm_bn_node {
    const char *name;
    int discrete;
    pm_bn_entry *entries;
    size_t nentries;
    unsigned line;
} pm_bn_node;

typedef struct pm_bayesnet {
    pm_bn_node *nodes;
    size_t nnodes;
    pm_derived *derived;         /* DerivedFields inside the nodes */
    size_t nderived;
    unsigned line;
} pm_bayesnet;

/* ---- ModelVerification ---- */

typedef struct pm_verifyfield {
    const char *field;
    const char *column;          /* the InlineTable column, default the field */
    double precision, zero_threshold;
} pm_verifyfield;

typedef struct pm_verification {
    pm_verifyfield *fields;
    size_t nfields;
    pm_table *table;
    unsigned line;
} pm_verification;

/* ---- a model element ---- */

/* ---- ModelStats (PMML 4.4 "Statistics"): the training data's summary ---- */

/* One UnivariateStats.  Numbers absent from the document are NaN. */
typedef struct pm_univariate {
    const char *field;
    double total, missing, invalid;          /* Counts */
    double minimum, maximum, mean, sd, median, iqr; /* NumericInfo */
    pm_array discr_values, discr_counts;     /* DiscrStats; n = 0 when absent */
    pm_interval *intervals;                  /* ContStats */
    size_t nintervals;
    pm_array cont_freqs;                     /* n = 0 when absent */
    double total_sum, total_squares;         /* ContStats totalValuesSum, totalSquaresSum */
    unsigned line;
} pm_univariate;

typedef struct pm_modelstats {
    pm_univariate *fields;
    size_t nfields;
} pm_modelstats;

struct pm_model {
    int type;                    /* MODEL_* */
    const char *element;         /* "TreeModel", ... */
    int function;                /* FUNC_* */
    const char *function_name;
    const char *model_name;
    const char *algorithm;
    int scorable;
    pm_miningfield *mfields;
    size_t nmfields;
    pm_outputfield *outputs;
    size_t noutputs;
    pm_target *targets;
    size_t ntargets;
    pm_transforms local;
    pm_verification *verification;
    pm_modelstats *stats;        /* NULL without ModelStats */
    unsigned line;
    union {
        pm_tree tree;
        pm_regression reg;
        pm_mining mining;
        pm_neural nn;
        pm_grm grm;
        pm_scorecard sc;
        pm_ruleset rs;
        pm_naive_bayes nb;
        pm_svm svm;
        pm_clustering cl;
        pm_knn knn;
        pm_association as;
        pm_anomaly an;
        pm_baseline_model bl;
        pm_gp gp;
        pm_timeseries ts;
        pm_bayesnet bn;
    } u;
};

typedef struct pm_document {
    const char *version;         /* PMML@version */
    int major, minor;            /* from the version or the namespace */
    pm_header header;
    pm_datafield *fields;
    size_t nfields;
    pm_transforms global;
    pm_model *model;             /* the first scorable model */
    size_t nmodels;              /* model elements at top level */
} pm_document;

/* Parses the element tree into `doc` (memory from c->tmp). */
void pm_parse_document(pm_ctx *c, const px_doc *x, pm_document *doc);

#endif
