/* stats.h - the counters a scorer keeps while it scores (see pmml_stats in
 * pmml.h).  One st_counters lives in each scorer and in each pmml_stats; it
 * is only ever touched by one thread at a time, so it needs no locks. */
#ifndef PMML_API_STATS_H
#define PMML_API_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "eval/vec.h"
#include "pmml.h"

#define ST_TOP 8       /* unseen categories kept per field */
#define ST_TOP_TEXT 48 /* bytes of each, NUL included */
#define ST_LATENCY 28  /* latency buckets: < 1 us, < 2 us, ... , the rest */
#define ST_STATUS 32   /* -status -> count; the last one: any other code */

typedef struct st_unseen {
    uint64_t count;
    char text[ST_TOP_TEXT];
} st_unseen;

typedef struct st_field {
    uint64_t valid, missing, invalid, outliers, unseen, outside;
    uint64_t nnum; /* numbers in mean/m2/min/max */
    double mean, m2, min, max;
    /* numbers the vector sums counted since the last pmml__stats_flush, as
     * sums of x - pk and (x - pk)^2 in lanes, merged into mean/m2/min/max
     * there */
    uint64_t pn;
    double pk;
    pm_vec_lanes pl;
    uint64_t *bins; /* [pl_fieldstats.nbins] */
    size_t ntop;
    st_unseen top[ST_TOP];
} st_field;

typedef struct st_counters {
    uint64_t rows, batches, missing_results, latency_ns;
    uint64_t status[ST_STATUS];
    uint64_t latency[ST_LATENCY];
    st_field *fields; /* [model->ninputs] */
} st_counters;

struct pmml_stats {
    const pmml_model *model;
    st_counters c;
};

/* Allocates the counters for a model, all zero; 0 or -1 (no memory). */
int pmml__stats_init(st_counters *st, const pmml_model *m);
void pmml__stats_release(st_counters *st, const pmml_model *m);
void pmml__stats_zero(st_counters *st, const pmml_model *m);
void pmml__stats_add(st_counters *dst, const st_counters *src, const pmml_model *m);

/* Counts the input values of rows [row0, row0 + nrows) of a batch:
 * `field_col` maps each input to its column (-1: none); inputs whose `skip`
 * is set (skip may be NULL) are counted elsewhere.  The caller counts the
 * rows and the batch. */
void pmml__stats_inputs(st_counters *st, const pmml_model *m, const long *field_col,
                        const uint8_t *skip, const pmml_column *columns, size_t row0,
                        size_t nrows);

/* Merges the numbers the vector sums counted into each field's mean, m2,
 * min and max (a scorer does it at the end of each batch). */
void pmml__stats_flush(st_counters *st, const pmml_model *m);

/* 1 when input `field` can be counted by pmml__stats_plain: a double field
 * with no domain to look values up in and no histogram. */
int pmml__stats_plain_field(const pmml_model *m, size_t field);

/* Counts n contiguous doubles of input `field` (NaN: missing). */
void pmml__stats_plain(st_counters *st, const pmml_model *m, size_t field, const double *x,
                       size_t n);

/* 1 when input `field`'s values, read from text as pm_parse_double reads
 * them, can be counted by pmml__stats_numbers (a DOUBLE or FLOAT field
 * whose domain names no text markers): the block evaluator, which parses
 * them anyway, then counts them and pmml__stats_inputs skips the field. */
int pmml__stats_text_as_numbers(const pmml_model *m, size_t field);

/* Counts `n` values of input `field` read from text (NaN: missing) and
 * `invalid` more that were not numbers (or were NaN). */
void pmml__stats_numbers(st_counters *st, const pmml_model *m, size_t field, const double *x,
                         size_t n, uint64_t invalid);

/* Counts one row's status. */
static inline void pmml__stats_status(st_counters *st, int status)
{
    unsigned k = status <= 0 && status > -ST_STATUS ? (unsigned)-status : ST_STATUS - 1;
    st->status[k]++;
}

void pmml__stats_latency(st_counters *st, uint64_t ns);

#endif
