/* stats_plan.h - what the scoring statistics know of each input at load
 * time: the training side of the drift report (ModelStats, DataDictionary)
 * and the bins scored values are counted in. */
#ifndef PMML_COMPILE_STATS_PLAN_H
#define PMML_COMPILE_STATS_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "compile/plan.h"

enum { SB_NONE = 0, SB_VALUES, SB_INTERVALS };

typedef struct pl_fieldstats {
    /* PMML_TRAINING_* - 1 -> the number, NaN when absent */
    double train[9];
    int numeric;     /* a numeric continuous field: mean, sd, min, max */
    int categorical; /* categorical or ordinal with declared Values */
    int bin_kind;    /* SB_* */
    size_t nbins;
    pl_interval *bins;         /* SB_INTERVALS */
    int bins_sorted;           /* ascending, not overlapping: binary search */
    int32_t *value_bin;        /* SB_VALUES: domain value index -> bin, or -1 */
    double *train_freq;        /* [nbins]; NaN when unknown */
    int has_train_hist;        /* every train_freq is known */
    int has_range;             /* a training range for "outside" */
    double range_lo, range_hi; /* inclusive */
} pl_fieldstats;

#endif
