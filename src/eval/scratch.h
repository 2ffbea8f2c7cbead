/* scratch.h - one scorer's working memory: the per-row value slots, model
 * results, and storage for strings made while scoring a batch. */
#ifndef PMML_EVAL_SCRATCH_H
#define PMML_EVAL_SCRATCH_H

#include <stddef.h>
#include <stdint.h>

#include "compile/plan.h"

typedef struct pm_strblock pm_strblock;

/* Bytes of a string group value an Aggregate compares exactly. */
#define AGG_KEY_TEXT 64

/* One Aggregate's current group and what it has seen of the field. */
typedef struct pm_aggstate {
    int kind;                  /* 0: none (no row yet, or the groupField was
                                  missing), 1: a number, 2: a string */
    double key;                /* the group's number */
    uint64_t hash;             /* the group's string, by its bytes when they
                                  fit in `text` and by hash and length
                                  otherwise: the value's own bytes do not
                                  outlive the batch */
    uint32_t len;
    char text[AGG_KEY_TEXT];
    uint64_t n;                /* values seen (count: non-missing) */
    double sum, min, max;
} pm_aggstate;

struct pm_scratch {
    const pmml_model *model;
    pv *vals;                  /* [nslots] */
    pl_result *results;        /* [nresults] */
    double *probs;             /* [nprobs] */
    double *tmp;               /* [ntmp]: each model's working doubles */
    pv *stack;                 /* expression argument stack */
    size_t stack_top, stack_cap;
    int32_t *walk;             /* tree walk stack */
    double *walkw;
    size_t walk_cap;
    pv *lag_out;               /* [nlags] this row's Lag values */
    double *lag_hist;          /* [nlag_hist] ring buffers of earlier values */
    uint8_t *lag_present;      /* [nlag_hist] 0: that value was missing */
    double *lag_vals;          /* [lag_max_n] the values a Lag aggregates */
    size_t *lag_head, *lag_count; /* [nlags] */
    pv *lag_block;             /* [nlag_blocks] the current block's indicators */
    int lag_started;
    pm_aggstate *aggs;         /* [naggs] */
    void *match;               /* PCRE2 match data (pcre2_match_data *) */
    void *mctx;                /* PCRE2 match context with limits */
    pm_strblock *blocks;       /* strings made during this batch */
    pm_strblock *spare;
    int row_status;            /* PMML_OK or a row error */
    char row_msg[320];
};

/* Memory for a string that must live until the next batch; NULL when the
 * allocator fails (the caller treats the value as invalid). */
char *pm_scratch_str(pm_scratch *sc, size_t n);

/* Forget this batch's strings, keeping the memory. */
void pm_scratch_reset_strings(pm_scratch *sc);

void pm_scratch_free_strings(pm_scratch *sc);

/* Records the first error of the row. */
void pm_row_error(pm_scratch *sc, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
