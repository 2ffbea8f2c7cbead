/*
 * pmml.h - the public, stable C API of libpmml.
 *
 * libpmml loads a PMML document (the DMG's Predictive Model Markup Language),
 * checks it, compiles it into an immutable plan and scores rows with it.
 * Everything declared in this header is API; nothing else is.  A function
 * shipped here keeps its signature forever; changed behaviour gets a new
 * name (pmml_x_v2).  Structures the caller fills begin with a version field,
 * have a PMML_..._INIT initialiser and only ever grow at their end.
 *
 * Ownership: an object returned through an `out` parameter belongs to the
 * caller and is released with the matching pmml_*_free(), which accepts NULL.
 * A `const char *` returned by an accessor is borrowed from the object it
 * was read from and lives as long as that object.
 *
 * Threads: a pmml_model is immutable once loaded and may be shared by any
 * number of threads.  A pmml_scorer is one thread's scratch space: use each
 * scorer from one thread at a time.  The library keeps no mutable global
 * state, never prints, never exits and never aborts on bad input.
 *
 * Errors: fallible functions return PMML_OK (0) or a negative pmml_status.
 * Load-time detail goes into a caller-owned pmml_error (which may be NULL).
 * Per-row scoring problems are reported in a per-row status array, with
 * the message kept on the scorer until its next call.
 *
 * See libpmml(3) for an overview and one manual page per function.
 */
#ifndef PMML_H
#define PMML_H

#include <stddef.h>
#include <stdint.h>

#include "pmml_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(PMML_BUILDING) && defined(__GNUC__)
#define PMML_API __attribute__((visibility("default")))
#else
#define PMML_API
#endif

#if defined(__GNUC__) && !defined(PMML_NO_WARN_UNUSED)
#define PMML_WUR __attribute__((warn_unused_result))
#else
#define PMML_WUR
#endif

/* ------------------------------------------------------------------------ */
/* Status codes                                                              */
/* ------------------------------------------------------------------------ */

/*
 * Return codes.  The values are pinned and the list is append-only; a
 * retired code stays as a placeholder.  pmml_strerror() names each one.
 * Since 0.1.
 */
typedef enum pmml_status {
    PMML_OK = 0,
    PMML_ERR_NOMEM = -1,        /* an allocation failed */
    PMML_ERR_ARG = -2,          /* invalid argument: NULL pointer, bad index,
                                   unknown struct version, type mismatch */
    PMML_ERR_IO = -3,           /* a file could not be opened or read */
    PMML_ERR_XML = -4,          /* not well-formed XML, or a DOCTYPE */
    PMML_ERR_SCHEMA = -5,       /* the document does not match the PMML XSD */
    PMML_ERR_PMML = -6,         /* the document breaks a PMML rule: a missing
                                   attribute, a bad number, an unknown field
                                   reference, a type conflict, a cycle */
    PMML_ERR_UNSUPPORTED = -7,  /* valid PMML that this version of libpmml
                                   cannot evaluate; the element is named */
    PMML_ERR_LIMIT = -8,        /* a configured resource limit was exceeded */
    PMML_ERR_BIND = -9,         /* input columns cannot be bound to the model */
    PMML_ERR_INVALID_VALUE = -10, /* row: an input value is invalid and its
                                     MiningField says returnInvalid */
    PMML_ERR_MISSING_VALUE = -11, /* row: a required input value is missing
                                     (missingValueTreatment returnInvalid) */
    PMML_ERR_EVAL = -12         /* row: the model cannot produce a result
                                   (e.g. no true child and no prediction) */
} pmml_status;

/*
 * Returns a short, static English description of a status code; an unknown
 * code gives "unknown error".  Never returns NULL.  Thread-safe.  Since 0.1.
 */
PMML_API const char *pmml_strerror(int code);

/*
 * Detail of a load-time failure, filled by the loader when the caller passes
 * a non-NULL pointer.  All strings are NUL-terminated (truncated if long).
 * line/column are 1-based positions in the PMML document, 0 when unknown.
 * Since 0.1.
 */
typedef struct pmml_error {
    int code;              /* a pmml_status */
    int line;              /* line in the document, or 0 */
    int column;            /* column in the document, or 0 */
    char element[64];      /* PMML element involved, or "" */
    char source[256];      /* document name: file path or the name given */
    char message[512];     /* what went wrong, for a person to act on */
    char reserved[120];    /* room to grow without changing the size */
} pmml_error;

/* ------------------------------------------------------------------------ */
/* Versions                                                                  */
/* ------------------------------------------------------------------------ */

/* Runtime library version as MAJOR*10000 + MINOR*100 + PATCH.  Since 0.1. */
PMML_API int pmml_version_number(void);

/* Runtime library version as "MAJOR.MINOR.PATCH".  Since 0.1. */
PMML_API const char *pmml_version_string(void);

/* ------------------------------------------------------------------------ */
/* Types                                                                     */
/* ------------------------------------------------------------------------ */

/* PMML dataType of a field.  Since 0.1. */
typedef enum pmml_datatype {
    PMML_TYPE_UNKNOWN = 0,
    PMML_TYPE_STRING = 1,
    PMML_TYPE_INTEGER = 2,
    PMML_TYPE_FLOAT = 3,
    PMML_TYPE_DOUBLE = 4,
    PMML_TYPE_BOOLEAN = 5,
    PMML_TYPE_DATE = 6,
    PMML_TYPE_TIME = 7,
    PMML_TYPE_DATETIME = 8,
    PMML_TYPE_DATE_DAYS_SINCE_0 = 9,
    PMML_TYPE_DATE_DAYS_SINCE_1960 = 10,
    PMML_TYPE_DATE_DAYS_SINCE_1970 = 11,
    PMML_TYPE_DATE_DAYS_SINCE_1980 = 12,
    PMML_TYPE_TIME_SECONDS = 13,
    PMML_TYPE_DATETIME_SECONDS_SINCE_0 = 14,
    PMML_TYPE_DATETIME_SECONDS_SINCE_1960 = 15,
    PMML_TYPE_DATETIME_SECONDS_SINCE_1970 = 16,
    PMML_TYPE_DATETIME_SECONDS_SINCE_1980 = 17
} pmml_datatype;

/* PMML optype of a field.  Since 0.1. */
typedef enum pmml_optype {
    PMML_OPTYPE_UNKNOWN = 0,
    PMML_OPTYPE_CATEGORICAL = 1,
    PMML_OPTYPE_ORDINAL = 2,
    PMML_OPTYPE_CONTINUOUS = 3
} pmml_optype;

/* The PMML spelling of a dataType ("double") or optype ("continuous");
 * "" for an unknown value.  Since 0.1. */
PMML_API const char *pmml_datatype_name(int datatype);
PMML_API const char *pmml_optype_name(int optype);

/* How a value of a dataType goes into JSON (pmml_datatype_json_kind).
 * Since 0.1. */
typedef enum pmml_json_kind {
    PMML_JSON_STRING = 0,  /* a string: string, date, time, dateTime, unknown */
    PMML_JSON_NUMBER = 1,  /* a number when its text is a JSON number (not
                              NaN or Infinity): integer, float, double, and the
                              day and second counts (dateDaysSince[...],
                              timeSeconds, dateTimeSecondsSince[...]) */
    PMML_JSON_BOOLEAN = 2  /* true or false */
} pmml_json_kind;

/* The PMML_JSON_* kind of a dataType's values, for writing results as JSON
 * the way `pmml score --format jsonl` and the database extensions do;
 * PMML_JSON_STRING for an unknown value.  Since 0.1. */
PMML_API int pmml_datatype_json_kind(int datatype);

/* ------------------------------------------------------------------------ */
/* Loading a model                                                           */
/* ------------------------------------------------------------------------ */

typedef struct pmml_model pmml_model;

/* Flags of pmml_load_options.flags.  Since 0.1. */
#define PMML_LOAD_VALIDATE 0x1u /* also check the document against the PMML
                                   4.4 XML Schema; any violation fails the
                                   load with PMML_ERR_SCHEMA, unless loading
                                   also fails for another reason, whose code
                                   is returned (all problems are reported
                                   through the diagnostic hook) */
#define PMML_LOAD_REFERENCE 0x2u /* score every row with the row-at-a-time
                                   reference evaluator, never the block
                                   evaluator: slower, with the same
                                   results; for cross-checking.  Since 0.1. */

/*
 * Called once for every problem found while loading (XSD violations when
 * validating, and the final error), in document order.  Lets a caller list
 * all problems rather than the first.  Since 0.1.
 */
typedef void (*pmml_diagnostic_fn)(const pmml_error *problem, void *payload);

/* Allocation hooks for everything libpmml allocates for a model and its
 * scorers (libxml2's own parser allocations are not covered).  Either all of
 * malloc_fn/realloc_fn/free_fn are set, or none.  Since 0.1. */
typedef struct pmml_allocator {
    void *(*malloc_fn)(size_t size, void *payload);
    void *(*realloc_fn)(void *ptr, size_t size, void *payload);
    void (*free_fn)(void *ptr, void *payload);
    void *payload;
} pmml_allocator;

#define PMML_LOAD_OPTIONS_VERSION 2u

/*
 * Options for loading.  Initialise with PMML_LOAD_OPTIONS_INIT and change
 * what you need; a zero limit means the documented default.  Since 0.1.
 */
typedef struct pmml_load_options {
    uint32_t version;            /* PMML_LOAD_OPTIONS_VERSION */
    uint32_t flags;              /* PMML_LOAD_* */
    size_t max_document_bytes;   /* default 1 GiB */
    pmml_diagnostic_fn diagnostic; /* may be NULL */
    void *diagnostic_payload;
    const pmml_allocator *allocator; /* NULL: the C library's malloc */
    /* Read only when version >= 2 (Since 0.1): */
    size_t max_depth;            /* element nesting; default 512, at most
                                    4096 (a larger value means 4096) */
    size_t max_elements;         /* elements in the document; default
                                    10,000,000 */
    size_t max_string_bytes;     /* bytes of one attribute value or of the
                                    text of one element; default 64 MiB */
} pmml_load_options;

#define PMML_LOAD_OPTIONS_INIT \
    { PMML_LOAD_OPTIONS_VERSION, 0u, 0u, NULL, NULL, NULL, 0u, 0u, 0u }

/*
 * Loads, checks and compiles the PMML document in the file at `path`.
 * On success *out holds the model (free it with pmml_model_free) and
 * PMML_OK is returned.  On failure *out is NULL, nothing is left allocated,
 * a negative pmml_status is returned and `err` (if not NULL) says where and
 * why.  `opts` may be NULL for the defaults.  Thread-safe.  Since 0.1.
 */
PMML_API PMML_WUR int pmml_model_load_file(pmml_model **out, const char *path,
                                           const pmml_load_options *opts,
                                           pmml_error *err);

/*
 * As pmml_model_load_file(), from `size` bytes at `data`, which are not
 * retained.  `name` (may be NULL) names the document in error messages.
 * Since 0.1.
 */
PMML_API PMML_WUR int pmml_model_load_memory(pmml_model **out, const void *data,
                                             size_t size, const char *name,
                                             const pmml_load_options *opts,
                                             pmml_error *err);

/* Releases a model and everything it owns; NULL is ignored.  All scorers of
 * the model must have been freed first.  Since 0.1. */
PMML_API void pmml_model_free(pmml_model *model);

/* ------------------------------------------------------------------------ */
/* Describing a model                                                        */
/* ------------------------------------------------------------------------ */

/* Element name of the top-level model ("TreeModel", "RegressionModel", ...)
 * and its functionName ("classification", "regression", ...); NULL for a
 * NULL model.  Since 0.1. */
PMML_API const char *pmml_model_type(const pmml_model *model);
PMML_API const char *pmml_model_function(const pmml_model *model);

/* PMML version attribute of the document ("4.4", "3.2", ...), "" when the
 * document has none; NULL for a NULL model.  Since 0.1. */
PMML_API const char *pmml_model_pmml_version(const pmml_model *model);

/*
 * How rows are scored.  NULL when the model scores rows in blocks (many rows
 * per step; a row with a missing or invalid value, or any other special
 * case, is still scored row by row, with the same results); otherwise the
 * part of the model that keeps every row on the row-at-a-time evaluator,
 * e.g. "a function without a block form", or "PMML_LOAD_REFERENCE".  The
 * results are the same either way.  NULL for a NULL model.  Since 0.1.
 */
PMML_API const char *pmml_model_block_reason(const pmml_model *model);

/* 1 when a row's result can depend on the rows a scorer saw before it (the
 * model uses Lag, is a CUSUM BaselineModel, is an AssociationModel whose
 * transactions are runs of rows sharing a group field's value, or uses an
 * Aggregate over runs of rows sharing its groupField's value): such a model
 * must be given its rows in order, through one scorer; splitting them
 * between scorers or threads changes the results.
 * 0 otherwise, and for a NULL model.  Since 0.1. */
PMML_API int pmml_model_is_sequential(const pmml_model *model);

/* 1 when the model groups its rows by the values of one input field: an
 * AssociationModel with a group field (usageType "group"), whose
 * transactions are runs of rows sharing that field's value, or a model with
 * an Aggregate, whose groups are runs of rows sharing its groupField's
 * value.  The result of a transaction or group is the result of its last
 * row (the rows before it see only the items or values so far).  *index
 * (when not NULL) is then set to the field's input index.  0 otherwise, and
 * for a NULL model.  Since 0.1. */
PMML_API int pmml_model_group_input(const pmml_model *model, size_t *index);

/* Bytes of memory the loaded model holds (its compiled form; a scorer adds
 * its own working memory).  0 for a NULL model.  Since 0.1. */
PMML_API size_t pmml_model_memory_bytes(const pmml_model *model);

/* Parts of the document's Header, for pmml_model_header().  Since 0.1. */
typedef enum pmml_header_field {
    PMML_HEADER_APPLICATION_NAME = 1,    /* Application@name: the producer */
    PMML_HEADER_APPLICATION_VERSION = 2, /* Application@version */
    PMML_HEADER_COPYRIGHT = 3,           /* Header@copyright */
    PMML_HEADER_DESCRIPTION = 4,         /* Header@description */
    PMML_HEADER_MODEL_VERSION = 5,       /* Header@modelVersion */
    PMML_HEADER_TIMESTAMP = 6            /* the text of Timestamp */
} pmml_header_field;

/* The text of one part of the document's Header (a PMML_HEADER_* value), as
 * the document writes it; NULL when the document does not have it, for an
 * unknown `field` and for a NULL model.  Since 0.1. */
PMML_API const char *pmml_model_header(const pmml_model *model, int field);

/* What a model is made of, for pmml_model_count().  Since 0.1. */
typedef enum pmml_count_kind {
    PMML_COUNT_MODELS = 1,      /* model elements: the top-level model and the
                                   models of its Segments, at every depth */
    PMML_COUNT_SEGMENTS = 2,    /* Segments of every Segmentation */
    PMML_COUNT_TREES = 3,       /* TreeModels */
    PMML_COUNT_TREE_NODES = 4,  /* Nodes of all TreeModels, roots included */
    PMML_COUNT_NEURONS = 5      /* Neurons of all NeuralNetworks (not the
                                   NeuralInputs) */
} pmml_count_kind;

/* How many of `what` (a PMML_COUNT_* value) the model has; 0 for an unknown
 * `what` and for a NULL model.  Since 0.1. */
PMML_API size_t pmml_model_count(const pmml_model *model, int what);

/*
 * Input fields: the DataFields scoring reads.  First the active (and group
 * or order) fields of the top-level model's MiningSchema in MiningSchema
 * order, then any other DataField the document reads (from a nested
 * model's MiningSchema or a DerivedField), which gets the default
 * treatment.  Values of a categorical or ordinal field are its valid
 * DataDictionary Values in document order; a PMML_COL_CODE input column
 * holds indexes into that list.  Out-of-range indexes or a NULL model give
 * NULL / -1 / 0.  Since 0.1.
 */
PMML_API size_t pmml_model_input_count(const pmml_model *model);
PMML_API const char *pmml_model_input_name(const pmml_model *model, size_t i);
PMML_API int pmml_model_input_datatype(const pmml_model *model, size_t i);
PMML_API int pmml_model_input_optype(const pmml_model *model, size_t i);
PMML_API size_t pmml_model_input_value_count(const pmml_model *model, size_t i);
PMML_API const char *pmml_model_input_value(const pmml_model *model, size_t i,
                                            size_t j);
/* Index of the input field called `name`, or -1.  Since 0.1. */
PMML_API long pmml_model_input_index(const pmml_model *model, const char *name);

/*
 * Intervals of valid values of input field i: its DataField's Interval
 * elements in document order (a value in none of them is invalid).
 * pmml_model_input_interval() sets *left and *right to the margins of
 * interval j (-HUGE_VAL or HUGE_VAL where the Interval has none) and
 * *closure to its closure as PMML spells it ("closedOpen", ...); any of
 * the three may be NULL.  It returns PMML_OK, or PMML_ERR_ARG (nothing set)
 * for a NULL model or an index out of range.  Since 0.1.
 */
PMML_API size_t pmml_model_input_interval_count(const pmml_model *model, size_t i);
PMML_API PMML_WUR int pmml_model_input_interval(const pmml_model *model, size_t i, size_t j,
                                                double *left, double *right,
                                                const char **closure);

/* The MiningField treatments of an input, for pmml_model_input_treatment().
 * Since 0.1. */
typedef enum pmml_treatment {
    PMML_TREATMENT_MISSING = 1,             /* missingValueTreatment: "asIs" (the
                                               default), "asMean", "asMode",
                                               "asMedian", "asValue",
                                               "returnInvalid" */
    PMML_TREATMENT_MISSING_REPLACEMENT = 2, /* missingValueReplacement */
    PMML_TREATMENT_INVALID = 3,             /* invalidValueTreatment as applied:
                                               "returnInvalid" (the default),
                                               "asIs", "asMissing", "asValue" */
    PMML_TREATMENT_INVALID_REPLACEMENT = 4, /* invalidValueReplacement */
    PMML_TREATMENT_OUTLIERS = 5,            /* outliers: "asIs" (the default),
                                               "asMissingValues",
                                               "asExtremeValues" */
    PMML_TREATMENT_LOW_VALUE = 6,           /* lowValue */
    PMML_TREATMENT_HIGH_VALUE = 7           /* highValue */
} pmml_treatment;

/*
 * How the top-level model's MiningField treats input field i: `what` is a
 * PMML_TREATMENT_* value.  Treatments are spelled as in PMML; replacement
 * values as the document writes them, and lowValue and highValue as the
 * shortest text of the number.  NULL for an attribute the MiningField does
 * not have (an input that only a nested model or a DerivedField reads has
 * the default treatments), for an unknown `what`, an index out of range or
 * a NULL model.  "asIs" with an invalidValueReplacement is reported as
 * "asValue", which is what PMML 4.4 says it means.  Since 0.1.
 */
PMML_API const char *pmml_model_input_treatment(const pmml_model *model, size_t i, int what);

/*
 * Result columns: first each target field (named after it, holding the
 * predicted value), then every OutputField of the top-level model in
 * document order except those with isFinalResult="false" (a model chain
 * without an Output of its own shows those of all its segments, in order).  Values of
 * a categorical result are the categories the model can predict; a
 * PMML_COL_CODE result column receives indexes into that list.  Since 0.1.
 */
PMML_API size_t pmml_model_output_count(const pmml_model *model);
PMML_API const char *pmml_model_output_name(const pmml_model *model, size_t i);
PMML_API int pmml_model_output_datatype(const pmml_model *model, size_t i);
PMML_API int pmml_model_output_optype(const pmml_model *model, size_t i);
PMML_API size_t pmml_model_output_value_count(const pmml_model *model, size_t i);
PMML_API const char *pmml_model_output_value(const pmml_model *model, size_t i,
                                             size_t j);

/* ------------------------------------------------------------------------ */
/* Model verification                                                        */
/* ------------------------------------------------------------------------ */

/* One expected value the model did not reproduce.  Since 0.1. */
typedef struct pmml_mismatch {
    size_t record;          /* 1-based verification record */
    const char *field;      /* the result column checked */
    const char *expected;   /* as written in the document ("" when absent) */
    const char *actual;     /* as the model scored it ("" when missing) */
    const char *message;    /* why the record failed to score, or NULL */
} pmml_mismatch;

typedef void (*pmml_mismatch_fn)(const pmml_mismatch *mismatch, void *payload);

/*
 * Scores the ModelVerification records embedded in the document and
 * compares every verification field that is a result column, numbers within
 * the field's precision (relative) or zeroThreshold (absolute, near zero).
 * Calls `report` (may be NULL) for each mismatch, and sets *records and
 * *mismatches (either may be NULL).  Returns PMML_OK when the records were
 * checked, whatever they showed; PMML_ERR_PMML when the document has no
 * ModelVerification; PMML_ERR_ARG or PMML_ERR_NOMEM.  Thread-safe.
 * Since 0.1.
 */
PMML_API PMML_WUR int pmml_model_verify(const pmml_model *model, pmml_mismatch_fn report,
                                        void *payload, size_t *records, size_t *mismatches);

/* ------------------------------------------------------------------------ */
/* Scoring                                                                   */
/* ------------------------------------------------------------------------ */

typedef struct pmml_scorer pmml_scorer;

/* Element types of input and result columns.  Since 0.1. */
typedef enum pmml_coltype {
    PMML_COL_DOUBLE = 1,  /* double; on input NaN is missing, and the
                             infinities are values like any other */
    PMML_COL_INT64 = 2,   /* int64_t (exact up to 2^53: values are doubles) */
    PMML_COL_STRING = 3,  /* const char *, NUL-terminated; NULL is missing */
    PMML_COL_STRVIEW = 4, /* pmml_strview; ptr NULL is missing */
    PMML_COL_CODE = 5,    /* int32_t index into the field's value list;
                             negative is missing, past the end of the list
                             is an invalid value */
    PMML_COL_BOOL = 6     /* uint8_t, 0 false, other true */
} pmml_coltype;

/* A string that need not be NUL-terminated.  Since 0.1. */
typedef struct pmml_strview {
    const char *ptr;
    size_t len;
} pmml_strview;

#define PMML_COLUMN_VERSION 1u

/*
 * One column of input rows.  The element of row r is at
 * (const char *)data + r * stride; stride 0 means the element size, so a
 * plain array, a row-major matrix (stride = row size) and an array of the
 * caller's structs (data = &rows[0].field, stride = sizeof rows[0]) all
 * bind without copying.  `valid`, when not NULL, holds one byte per row:
 * 0 marks the row's value missing.  Since 0.1.
 */
typedef struct pmml_column {
    uint32_t version;     /* PMML_COLUMN_VERSION */
    int type;             /* pmml_coltype */
    const char *name;     /* the input field this column feeds */
    const void *data;
    size_t stride;
    const uint8_t *valid;
} pmml_column;

#define PMML_COLUMN_INIT { PMML_COLUMN_VERSION, 0, NULL, NULL, 0u, NULL }

#define PMML_RESULT_VERSION 1u

/*
 * Where to write one result column.  The caller allocates `data` for all
 * rows of a batch; the element of row r goes to (char *)data + r * stride
 * (stride 0: element size).  `valid`, when not NULL, receives one byte per
 * row: 1 when the row has a value, 0 when the result is missing or invalid
 * (the data element is then NaN, 0, NULL or -1).  A column with data NULL
 * is skipped.  Strings written for PMML_COL_STRING are borrowed from the
 * model or the scorer and stay valid until the scorer's next call.
 * Since 0.1.
 */
typedef struct pmml_result {
    uint32_t version;     /* PMML_RESULT_VERSION */
    int type;             /* pmml_coltype: DOUBLE, INT64, STRING, CODE, BOOL */
    void *data;
    size_t stride;
    uint8_t *valid;
} pmml_result;

#define PMML_RESULT_INIT { PMML_RESULT_VERSION, 0, NULL, 0u, NULL }

/*
 * Creates a scorer for `model` and binds input columns to its input fields
 * by name, once.  `columns` gives the name and type of each column (data
 * pointers are ignored here); later batches must pass columns in the same
 * order with the same types.  A column whose name is no input field of the
 * model is ignored (see pmml_scorer_column_field); an input field no column
 * feeds is missing on every row.  Fails with PMML_ERR_BIND when two columns
 * feed the same field or a type cannot feed its field (a PMML_COL_CODE
 * column for a field without values).  Since 0.1.
 */
PMML_API PMML_WUR int pmml_scorer_new(pmml_scorer **out, const pmml_model *model,
                                      const pmml_column *columns,
                                      size_t ncolumns, pmml_error *err);

/* Index of the input field column j was bound to, or -1 if it was ignored.
 * Since 0.1. */
PMML_API long pmml_scorer_column_field(const pmml_scorer *scorer, size_t j);

/*
 * Scores `nrows` rows.  `columns` are the bound columns (same count, order
 * and types as at pmml_scorer_new), now with their data pointers.
 * `results` has pmml_model_output_count() entries (entries with NULL data
 * are skipped), or is NULL to learn only the per-row status.  `row_status`
 * (may be NULL) receives, per row, PMML_OK or a negative pmml_status;
 * pmml_scorer_message() explains a failed row.  One failed row does not
 * stop the others.  Returns PMML_OK when the batch was
 * processed, or a negative status (nothing written) for a bad argument.
 * Never allocates per row.  Since 0.1.
 */
PMML_API PMML_WUR int pmml_scorer_score(pmml_scorer *scorer,
                                        const pmml_column *columns,
                                        size_t nrows, pmml_result *results,
                                        int *row_status);

/* Message for failed row `row` of the last batch, or NULL if the row
 * succeeded.  Borrowed until the scorer's next call.  Since 0.1. */
PMML_API const char *pmml_scorer_message(const pmml_scorer *scorer, size_t row);

/* Releases a scorer; NULL is ignored.  Since 0.1. */
PMML_API void pmml_scorer_free(pmml_scorer *scorer);

/* ------------------------------------------------------------------------ */
/* Scoring statistics and drift                                              */
/* ------------------------------------------------------------------------ */

/*
 * Every scorer counts what it scores: rows, rows per status, batch latency
 * and, per input field, missing, invalid and outlier values, unseen
 * categories, the values' mean, standard deviation, minimum and maximum and
 * how they fall into the bins of the training distribution.  The counters
 * belong to the scorer and are updated without locks.  To read them, add
 * one or more scorers to a pmml_stats (a thread pool or a database backend
 * adds each of its scorers to one object and reports one figure per model);
 * a scorer must not be scoring while it is added or reset.  Statistics of
 * scorers of different models cannot be mixed.
 *
 * Counting rules, per input field and row: a value that is absent, NaN, a
 * NULL string, a negative category code, or a DataField Value with
 * property="missing" is missing.  A value that is not of the field's
 * dataType, lies outside the DataField's Intervals, is a Value with
 * property="invalid", or is not among the declared valid Values is invalid;
 * for a categorical or ordinal field the last case is also an unseen
 * category.  Every other value is valid; a valid number below the
 * MiningField lowValue or above its highValue is an outlier (whatever the
 * outliers treatment), and one outside the training range (the ContStats
 * intervals, else NumericInfo minimum..maximum) is outside.  Mean, standard
 * deviation, minimum and maximum are over the valid values of numeric
 * continuous fields.  Since 0.1.
 */
typedef struct pmml_stats pmml_stats;

/* Turns counting on (on != 0) or off for a scorer and returns whether it
 * was on; 0 for a NULL scorer.  Scorers start with counting off: counting
 * reads every input value once more, which costs little beside a tree
 * ensemble or a neural network but can cost a third to a half again of the
 * scoring time of a linear model or a single tree (see `make bench`).
 * Counters are kept while off.  Since 0.1. */
PMML_API int pmml_scorer_stats_enable(pmml_scorer *scorer, int on);

/* Sets every counter of the scorer to zero.  NULL is ignored.  Since 0.1. */
PMML_API void pmml_scorer_stats_reset(pmml_scorer *scorer);

/* Creates an empty statistics object for `model` (which must outlive it);
 * free it with pmml_stats_free.  Returns PMML_OK, PMML_ERR_ARG or
 * PMML_ERR_NOMEM (*out is then NULL).  Since 0.1. */
PMML_API PMML_WUR int pmml_stats_new(pmml_stats **out, const pmml_model *model);

/* Releases a statistics object; NULL is ignored.  Since 0.1. */
PMML_API void pmml_stats_free(pmml_stats *stats);

/* Adds the counters of `scorer` to `stats` (which must not be in use by
 * another thread; the scorer must not be scoring).  PMML_ERR_ARG when either
 * is NULL or the scorer belongs to another model.  Since 0.1. */
PMML_API PMML_WUR int pmml_stats_add_scorer(pmml_stats *stats, const pmml_scorer *scorer);

/* Adds the counters of `other` to `stats`: the result is what one scorer
 * would have counted over both sets of rows (unseen categories beyond the
 * few kept per field are approximate).  PMML_ERR_ARG when either is NULL or
 * they belong to different models.  Since 0.1. */
PMML_API PMML_WUR int pmml_stats_merge(pmml_stats *stats, const pmml_stats *other);

/* Counts over all rows, for pmml_stats_count().  Since 0.1. */
typedef enum pmml_stats_counter {
    PMML_STATS_ROWS = 1,            /* rows scored */
    PMML_STATS_BATCHES = 2,         /* calls of pmml_scorer_score */
    PMML_STATS_OK = 3,              /* rows with status PMML_OK */
    PMML_STATS_FAILED = 4,          /* rows with any other status */
    PMML_STATS_MISSING_RESULT = 5,  /* rows with status PMML_OK whose
                                       predicted value is missing */
    PMML_STATS_LATENCY_NS = 6       /* nanoseconds spent in
                                       pmml_scorer_score, in all */
} pmml_stats_counter;

/* A count over all rows (a PMML_STATS_* value); 0 for an unknown `what` or
 * a NULL object.  Since 0.1. */
PMML_API uint64_t pmml_stats_count(const pmml_stats *stats, int what);

/* Rows whose status was `status` (PMML_OK or a negative pmml_status).
 * Since 0.1. */
PMML_API uint64_t pmml_stats_status_count(const pmml_stats *stats, int status);

/*
 * The batch latency histogram: bucket j (0 <= j < pmml_stats_latency_buckets())
 * counts calls of pmml_scorer_score that took less than *upper microseconds
 * and at least the previous bucket's upper bound.  Bucket 0 is below 1
 * microsecond; each bound doubles the one before; the last bucket's bound
 * is HUGE_VAL.  `upper` may be NULL.  Since 0.1.
 */
PMML_API size_t pmml_stats_latency_buckets(void);
PMML_API uint64_t pmml_stats_latency(const pmml_stats *stats, size_t j, double *upper);

/* Counts per input field, for pmml_stats_input_count().  Since 0.1. */
typedef enum pmml_stats_input_counter {
    PMML_STATS_INPUT_VALID = 1,     /* valid values */
    PMML_STATS_INPUT_MISSING = 2,   /* missing values */
    PMML_STATS_INPUT_INVALID = 3,   /* invalid values, unseen categories included */
    PMML_STATS_INPUT_OUTLIERS = 4,  /* valid values below lowValue or above highValue */
    PMML_STATS_INPUT_UNSEEN = 5,    /* values not among a categorical field's Values */
    PMML_STATS_INPUT_OUTSIDE = 6    /* valid numbers outside the training range */
} pmml_stats_input_counter;

/* A count for input field i (a PMML_STATS_INPUT_* value); 0 for an index
 * out of range, an unknown `what` or a NULL object.  Since 0.1. */
PMML_API uint64_t pmml_stats_input_count(const pmml_stats *stats, size_t i, int what);

/* Numbers per input field, for pmml_stats_input_number().  Since 0.1. */
typedef enum pmml_stats_input_number_kind {
    PMML_STATS_INPUT_MEAN = 1,
    PMML_STATS_INPUT_SD = 2,        /* population standard deviation */
    PMML_STATS_INPUT_MIN = 3,
    PMML_STATS_INPUT_MAX = 4
} pmml_stats_input_number_kind;

/* The mean, standard deviation, minimum or maximum of the valid values of
 * numeric continuous input field i; NaN when there were none, for another
 * field, an unknown `what` or a bad argument.  Since 0.1. */
PMML_API double pmml_stats_input_number(const pmml_stats *stats, size_t i, int what);

/* The unseen categories of input field i most often seen, most frequent
 * first: pmml_stats_input_unseen() returns the j-th value's text (at most
 * 47 bytes of it) and sets *count (may be NULL) to its count, or returns NULL
 * past the end.  At most 8 values are kept; when more than 8 distinct values
 * were seen, the counts are upper bounds (the space-saving algorithm).
 * Borrowed from `stats` until it next changes.  Since 0.1. */
PMML_API const char *pmml_stats_input_unseen(const pmml_stats *stats, size_t i, size_t j,
                                             uint64_t *count);

/*
 * The bins of input field i that the training distribution is described
 * with: for a categorical or ordinal field with declared Values, one bin
 * per valid Value in document order; for a continuous field whose
 * ModelStats has ContStats, one bin per Interval.  pmml_model_input_bin()
 * sets *left, *right (the Interval's margins, NaN for a Value), *value (the
 * Value's text, NULL for an Interval) and *training (the training frequency
 * from DiscrStats or ContStats, NaN when the document has none); each
 * pointer may be NULL.  It returns PMML_OK, or PMML_ERR_ARG for a bad index
 * or NULL model.  pmml_stats_input_bin() gives how many scored values fell
 * in bin j.  Since 0.1.
 */
PMML_API size_t pmml_model_input_bin_count(const pmml_model *model, size_t i);
PMML_API PMML_WUR int pmml_model_input_bin(const pmml_model *model, size_t i, size_t j,
                                           double *left, double *right, const char **value,
                                           double *training);
PMML_API uint64_t pmml_stats_input_bin(const pmml_stats *stats, size_t i, size_t j);

/* The training statistics of an input, from the top-level model's
 * ModelStats, for pmml_model_input_training().  Since 0.1. */
typedef enum pmml_training_stat {
    PMML_TRAINING_TOTAL = 1,        /* Counts totalFreq */
    PMML_TRAINING_MISSING = 2,      /* Counts missingFreq */
    PMML_TRAINING_INVALID = 3,      /* Counts invalidFreq */
    PMML_TRAINING_MIN = 4,          /* NumericInfo minimum */
    PMML_TRAINING_MAX = 5,          /* NumericInfo maximum */
    PMML_TRAINING_MEAN = 6,         /* NumericInfo mean, else ContStats
                                       totalValuesSum / the interval counts */
    PMML_TRAINING_SD = 7,           /* NumericInfo standardDeviation, else
                                       from ContStats totalSquaresSum */
    PMML_TRAINING_MEDIAN = 8,       /* NumericInfo median */
    PMML_TRAINING_IQR = 9           /* NumericInfo interQuartileRange */
} pmml_training_stat;

/* A training statistic of input field i (a PMML_TRAINING_* value); NaN
 * when the document does not give it, for an unknown `what`, an index out
 * of range or a NULL model.  Since 0.1. */
PMML_API double pmml_model_input_training(const pmml_model *model, size_t i, int what);

/* Drift measures of an input, for pmml_stats_input_drift().  Since 0.1. */
typedef enum pmml_drift_measure {
    PMML_DRIFT_MISSING_RATE = 1,    /* missing values / rows */
    PMML_DRIFT_INVALID_RATE = 2,    /* invalid values / rows */
    PMML_DRIFT_UNSEEN_RATE = 3,     /* unseen categories / rows */
    PMML_DRIFT_OUTSIDE_SHARE = 4,   /* valid numbers outside the training
                                       range / valid numbers */
    PMML_DRIFT_MEAN_SHIFT = 5,      /* (mean - training mean) / training
                                       standard deviation */
    PMML_DRIFT_PSI = 6              /* population stability index over the
                                       bins (see pmml_model_input_bin):
                                       sum of (a - e) ln(a / e) over the
                                       shares a scored and e in training,
                                       each share at least 0.0001; numbers
                                       in no bin form one more bin with
                                       training share 0 */
} pmml_drift_measure;

/* A drift measure of input field i against the model's DataDictionary and
 * ModelStats; NaN when it cannot be computed (no rows, no training mean or
 * standard deviation, no training histogram), for an unknown `what` or a bad
 * argument.  Since 0.1. */
PMML_API double pmml_stats_input_drift(const pmml_stats *stats, size_t i, int what);

/* Receives output text; returns 0 to go on, non-zero to stop.  Since 0.1. */
typedef int (*pmml_write_fn)(const char *data, size_t len, void *payload);

/*
 * Writes the statistics as one JSON object (format described in pmml(1),
 * "STATISTICS FORMAT") through `write`.  Returns PMML_OK, PMML_ERR_ARG, or
 * PMML_ERR_IO when `write` returned non-zero.  Since 0.1.
 */
PMML_API PMML_WUR int pmml_stats_write_json(const pmml_stats *stats, pmml_write_fn write,
                                            void *payload);

#ifdef __cplusplus
}
#endif

#endif /* PMML_H */
