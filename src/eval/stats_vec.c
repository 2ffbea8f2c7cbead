/* stats_vec.c - the scoring statistics of a plain column of doubles (no
 * domain to look values up in): a handful of sums, in lanes the compiler
 * turns into vector instructions, so that counting costs a small part of
 * what scoring the same rows does.  Built with the block evaluator's
 * vectorisation flags. */
#include "config.h"

#include <math.h>

#include "eval/vec.h"

#if defined(HAVE_TARGET_CLONES)
#define PM_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define PM_CLONES
#endif

#define LANES 4

/* Comparisons with NaN may raise the invalid flag, which makes GCC keep them
 * as branches; nothing here reads floating-point flags, and the results are
 * the same without them. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-trapping-math")
#endif

/* Counts are kept as doubles in the lanes (exact far beyond any batch) so
 * that every lane holds one type. */
PM_CLONES
void pm_vec_sum_doubles(const double *x, size_t n, double k, double low, double high, double rlo,
                        double rhi, pm_vec_sums *out)
{
    double s1[LANES], s2[LANES], mn[LANES], mx[LANES], miss[LANES], outl[LANES], outs[LANES];
    size_t r = 0, l;
    for (l = 0; l < LANES; l++) {
        s1[l] = s2[l] = miss[l] = outl[l] = outs[l] = 0.0;
        mn[l] = HUGE_VAL;
        mx[l] = -HUGE_VAL;
    }
    if (low == -HUGE_VAL && high == HUGE_VAL && rlo == -HUGE_VAL && rhi == HUGE_VAL) {
        /* no bounds (the usual case): fewer operations per value */
        for (; r + LANES <= n; r += LANES)
            for (l = 0; l < LANES; l++) {
                double v = x[r + l];
                double d = v == v ? v - k : 0.0;
                s1[l] += d;
                s2[l] += d * d;
                miss[l] += v == v ? 0.0 : 1.0;
                mn[l] = v < mn[l] ? v : mn[l];
                mx[l] = v > mx[l] ? v : mx[l];
            }
    }
    for (; r + LANES <= n; r += LANES)
        for (l = 0; l < LANES; l++) {
            double v = x[r + l];
            double d = v == v ? v - k : 0.0;
            s1[l] += d;
            s2[l] += d * d;
            miss[l] += v == v ? 0.0 : 1.0;
            /* NaN compares false: neither an outlier nor outside */
            outl[l] += (double)((v < low) | (v > high));
            outs[l] += (double)((v < rlo) | (v > rhi));
            mn[l] = v < mn[l] ? v : mn[l];
            mx[l] = v > mx[l] ? v : mx[l];
        }
    for (; r < n; r++) {
        double v = x[r];
        int ok = v == v;
        double d = ok ? v - k : 0.0;
        s1[0] += d;
        s2[0] += d * d;
        miss[0] += ok ? 0.0 : 1.0;
        outl[0] += v < low || v > high ? 1.0 : 0.0;
        outs[0] += v < rlo || v > rhi ? 1.0 : 0.0;
        mn[0] = v < mn[0] ? v : mn[0];
        mx[0] = v > mx[0] ? v : mx[0];
    }
    out->s1 = out->s2 = 0.0;
    out->missing = out->outliers = out->outside = 0;
    out->min = HUGE_VAL;
    out->max = -HUGE_VAL;
    for (l = 0; l < LANES; l++) {
        out->s1 += s1[l];
        out->s2 += s2[l];
        out->missing += (uint64_t)miss[l];
        out->outliers += (uint64_t)outl[l];
        out->outside += (uint64_t)outs[l];
        out->min = mn[l] < out->min ? mn[l] : out->min;
        out->max = mx[l] > out->max ? mx[l] : out->max;
    }
    out->n = n - out->missing;
}
