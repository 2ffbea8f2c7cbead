/* stats_vec.c - the scoring statistics of a plain column of doubles (no
 * domain to look values up in): a handful of sums, in lanes the compiler
 * turns into vector instructions, so that counting costs a small part of
 * what scoring the same rows does.  Built with the block evaluator's
 * vectorisation flags. */
#include "config.h"

#include <math.h>

#include "eval/vec.h"

#if defined(HAVE_TARGET_CLONES) && defined(__x86_64__)
#include <immintrin.h>
#define PM_AVX2 1
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

/* Everything: the sums over the values that are not NaN, and the counts.
 * Counts are kept as doubles in the lanes (exact far beyond any batch) so
 * that every lane holds one type. */
PM_CLONES
static void sum_all(const double *x, size_t n, double k, double low, double high, double rlo,
                    double rhi, pm_vec_sums *out)
{
    double s1[LANES], s2[LANES], mn[LANES], mx[LANES], miss[LANES], outl[LANES], outs[LANES];
    size_t r = 0, l;
    for (l = 0; l < LANES; l++) {
        s1[l] = s2[l] = miss[l] = outl[l] = outs[l] = 0.0;
        mn[l] = HUGE_VAL;
        mx[l] = -HUGE_VAL;
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

void pm_vec_lanes_init(pm_vec_lanes *ln)
{
    size_t l;
    for (l = 0; l < 4; l++) {
        ln->s1[l] = ln->s2[l] = 0.0;
        ln->mn[l] = HUGE_VAL;
        ln->mx[l] = -HUGE_VAL;
    }
}

/* The portable form of pm_vec_add_plain. */
static int add_plain(pm_vec_lanes *ln, const double *x, size_t n, double k, double lo, double hi)
{
    double s1[4] = { 0 }, s2[4] = { 0 }, mn = HUGE_VAL, mx = -HUGE_VAL;
    size_t r, l;
    for (r = 0; r < n; r++) {
        double v = x[r], d = v - k;
        s1[r % 4] += d;
        s2[r % 4] += d * d;
        mn = v < mn ? v : mn;
        mx = v > mx ? v : mx;
    }
    for (l = 0; l < 4; l++)
        if (s1[l] != s1[l] || s2[l] != s2[l])
            return 0;
    if (n && (mn < lo || mx > hi))
        return 0;
    for (l = 0; l < 4; l++) {
        ln->s1[l] += s1[l];
        ln->s2[l] += s2[l];
    }
    ln->mn[0] = mn < ln->mn[0] ? mn : ln->mn[0];
    ln->mx[0] = mx > ln->mx[0] ? mx : ln->mx[0];
    return 1;
}

#if defined(PM_AVX2)
/* Five operations per four values, in two sets whose additions overlap.  A
 * NaN makes a sum NaN, and the least and greatest value tell whether one
 * lies beyond a bound. */
__attribute__((target("avx2,fma"))) static int add_plain_avx2(pm_vec_lanes *ln, const double *x,
                                                               size_t n, double k, double lo,
                                                               double hi)
{
    __m256d kk = _mm256_set1_pd(k), s1a = _mm256_setzero_pd(), s1b = s1a, s2a = s1a, s2b = s1a;
    __m256d mna = _mm256_set1_pd(HUGE_VAL), mnb = mna, mxa = _mm256_set1_pd(-HUGE_VAL), mxb = mxa;
    __m256d bad;
    double s1 = 0.0, s2 = 0.0, mn = HUGE_VAL, mx = -HUGE_VAL;
    size_t r = 0;
    for (; r + 8 <= n; r += 8) {
        __m256d a = _mm256_loadu_pd(x + r), b = _mm256_loadu_pd(x + r + 4);
        __m256d da = _mm256_sub_pd(a, kk), db = _mm256_sub_pd(b, kk);
        s1a = _mm256_add_pd(s1a, da);
        s1b = _mm256_add_pd(s1b, db);
        s2a = _mm256_fmadd_pd(da, da, s2a);
        s2b = _mm256_fmadd_pd(db, db, s2b);
        /* min_pd(v, m) is m when v is NaN, as `v < m ? v : m` is */
        mna = _mm256_min_pd(a, mna);
        mnb = _mm256_min_pd(b, mnb);
        mxa = _mm256_max_pd(a, mxa);
        mxb = _mm256_max_pd(b, mxb);
    }
    for (; r < n; r++) {
        double v = x[r], d = v - k;
        s1 += d;
        s2 += d * d;
        mn = v < mn ? v : mn;
        mx = v > mx ? v : mx;
    }
    s1a = _mm256_add_pd(_mm256_add_pd(s1a, s1b), _mm256_set_pd(0, 0, 0, s1));
    s2a = _mm256_add_pd(_mm256_add_pd(s2a, s2b), _mm256_set_pd(0, 0, 0, s2));
    mna = _mm256_min_pd(_mm256_min_pd(mna, mnb), _mm256_set1_pd(mn));
    mxa = _mm256_max_pd(_mm256_max_pd(mxa, mxb), _mm256_set1_pd(mx));
    bad = _mm256_or_pd(_mm256_cmp_pd(s1a, s2a, _CMP_UNORD_Q),
                       _mm256_or_pd(_mm256_cmp_pd(mna, _mm256_set1_pd(lo), _CMP_LT_OQ),
                                    _mm256_cmp_pd(mxa, _mm256_set1_pd(hi), _CMP_GT_OQ)));
    if (_mm256_movemask_pd(bad))
        return 0;
    _mm256_storeu_pd(ln->s1, _mm256_add_pd(_mm256_loadu_pd(ln->s1), s1a));
    _mm256_storeu_pd(ln->s2, _mm256_add_pd(_mm256_loadu_pd(ln->s2), s2a));
    _mm256_storeu_pd(ln->mn, _mm256_min_pd(mna, _mm256_loadu_pd(ln->mn)));
    _mm256_storeu_pd(ln->mx, _mm256_max_pd(mxa, _mm256_loadu_pd(ln->mx)));
    return 1;
}
#endif

int pm_vec_add_plain(pm_vec_lanes *ln, const double *x, size_t n, double k, double lo, double hi)
{
#if defined(PM_AVX2)
    /* (reads what the C library's start-up found: cheap, and no state of
     * our own shared between threads) */
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return add_plain_avx2(ln, x, n, k, lo, hi);
#endif
    return add_plain(ln, x, n, k, lo, hi);
}

void pm_vec_sum_doubles(const double *x, size_t n, double k, double low, double high, double rlo,
                        double rhi, pm_vec_sums *out)
{
    sum_all(x, n, k, low, high, rlo, rhi, out);
}
