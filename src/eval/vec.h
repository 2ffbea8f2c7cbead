/* vec.h - running a block program (compile/vecplan.h) over a block of rows. */
#ifndef PMML_EVAL_VEC_H
#define PMML_EVAL_VEC_H

#include <stddef.h>
#include <stdint.h>

#include "compile/vecplan.h"

typedef struct vp_state {
    double *regs;              /* nregs x VP_BLOCK */
    double **ptr;              /* [nregs]: where each register's values are
                                  (its place in regs, or a caller's column) */
    double *tmp;               /* ntmp x VP_BLOCK */
    uint8_t ok[VP_BLOCK];      /* 0: score this row with the row evaluator */
} vp_state;

/* Fills the constant registers (once per scorer). */
void pm_vec_consts(const vp_plan *p, double *regs);

/* Runs the program on rows [0, n) whose input registers and ok flags are
 * set; rows with ok[r] still 1 afterwards have their results in the
 * registers the plan's columns name. */
void pm_vec_run(const vp_plan *p, vp_state *st, size_t n);

/* Clears ok[r] where x[r] is NaN, r < n (a quick look first: most blocks
 * have none). */
void pm_vec_check_nan(uint8_t *ok, const double *x, size_t n);

/* Reads n category codes (int32 every `stride` bytes from base; valid may
 * be NULL) through the table x of each code's register value (x[nvalid]: a
 * missing code); bad[k] sends the row to the row evaluator. */
void pm_vec_load_codes(const char *base, size_t stride, const uint8_t *valid, const double *x,
                       const uint8_t *bad, size_t nvalid, double *reg, uint8_t *ok, size_t n);

/* The scoring statistics of a contiguous run of n doubles (NaN: missing):
 * sums of v - k and (v - k)^2, least and greatest, and how many lie below
 * low or above high (outliers) and below rlo or above rhi (outside the
 * training range) (stats_vec.c). */
typedef struct pm_vec_sums {
    uint64_t n, missing, outliers, outside;
    double s1, s2, min, max;
} pm_vec_sums;
void pm_vec_sum_doubles(const double *x, size_t n, double k, double low, double high,
                        double rlo, double rhi, pm_vec_sums *out);

/* Running sums of v - k, least and greatest values in four lanes, added to
 * across calls (the lanes are reduced once, when the sums are read). */
typedef struct pm_vec_lanes {
    double s1[4], s2[4], mn[4], mx[4];
} pm_vec_lanes;
void pm_vec_lanes_init(pm_vec_lanes *ln);

/* Adds x[0..n) to the lanes and returns 1 when every value is a number in
 * [lo, hi] (the usual case, with fewer operations per value); otherwise
 * returns 0 and leaves the lanes as they were, for pm_vec_sum_doubles. */
int pm_vec_add_plain(pm_vec_lanes *ln, const double *x, size_t n, double k, double lo, double hi);

#endif
