/* eval_vec.c - the block evaluator: each op of the program runs over every
 * row of the block before the next op starts.
 *
 * Every op computes what the row evaluator computes for a row whose values
 * are present and valid, with the same operations in the same order.  Where
 * a row is not that case (a NaN it reads or makes, a value a cast refuses, a
 * leaf without a result), the op clears ok[r] and the row is scored again
 * by the row evaluator.  Arithmetic keeps a NaN NaN, so it is checked once,
 * where the DerivedField's value is complete (a VC_CHECK), or by the op
 * that reads it. */
#include "config.h"

#include <math.h>
#include <string.h>


#include "compile/functions.h"
#include "eval/eval.h"
#include "eval/vec.h"
#include "model/model.h"

#define B VP_BLOCK

/* The loops over rows also get an AVX2 version where the compiler can make
 * one, picked when the library loads on a CPU that has it.  The arithmetic
 * of each row is the same IEEE operation either way. */
#if defined(HAVE_TARGET_CLONES)
#define PM_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define PM_CLONES
#endif
#define REG(st, r) ((st)->ptr[r])

void pm_vec_consts(const vp_plan *p, double *regs)
{
    size_t i, r;
    for (i = 0; i < p->nconsts; i++) {
        double *d = regs + (size_t)p->consts[i].reg * B;
        for (r = 0; r < B; r++)
            d[r] = p->consts[i].k;
    }
}

/* Clears ok where x is NaN: first a quick pass, which finds most blocks
 * have none.  Inlined into the functions that have clones, so that the
 * quick pass is vectorised for the clone (AVX2 or not); the others call
 * pm_vec_check_nan, which has clones of its own (inlined there, it slowed
 * a tree's walk by a fifth). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void check_nan(uint8_t *ok, const double *x, size_t n)
{
    size_t r = 0;
    int any = 0;
#if defined(__GNUC__)
    /* four at a time even where the compiler would not vectorise the loop
     * (the default clone, the functions without clones) */
    typedef double v2d __attribute__((vector_size(16)));
    typedef long long v2l __attribute__((vector_size(16)));
    v2l acc = { 0, 0 };
    for (; r + 4 <= n; r += 4) {
        v2d v, w;
        memcpy(&v, x + r, sizeof v);
        memcpy(&w, x + r + 2, sizeof w);
        acc |= (v != v) | (w != w);
    }
    any = (acc[0] | acc[1]) != 0;
#endif
    for (; r < n; r++)
        any |= x[r] != x[r];
    if (!any)
        return;
    for (r = 0; r < n; r++)
        ok[r] &= (uint8_t)!isnan(x[r]);
}

PM_CLONES
void pm_vec_check_nan(uint8_t *ok, const double *x, size_t n)
{
    check_nan(ok, x, n);
}

void pm_vec_load_codes(const char *base, size_t stride, const uint8_t *valid, const double *x,
                       const uint8_t *bad, size_t nvalid, double *reg, uint8_t *ok, size_t n)
{
    size_t r;
    for (r = 0; r < n; r++) {
        int32_t k;
        memcpy(&k, base + r * stride, sizeof k);
        if (k < 0 || (valid && !valid[r]))
            k = (int32_t)nvalid;
        else if ((size_t)k >= nvalid) {
            ok[r] = 0; /* out of range: the row evaluator says so */
            reg[r] = NAN;
            continue;
        }
        reg[r] = x[k];
        ok[r] &= (uint8_t)!bad[k];
    }
}

static double round_half_up(double x)
{
    /* as the row evaluator's round(): floor(x + 0.5), exact for huge x */
    double r = floor(x + 0.5);
    if (x + 0.5 == floor(x + 0.5) && x != floor(x) && fabs(x) > 4503599627370496.0)
        r = x;
    return r;
}

PM_CLONES
static void run_unary(const vp_op *op, vp_state *st, size_t n)
{
    const double *a = REG(st, op->a);
    double *d = REG(st, op->dst);
    size_t r;
    switch (op->fn) {
    case FN_LOG10:
        for (r = 0; r < n; r++)
            d[r] = log10(a[r]);
        break;
    case FN_LN:
        for (r = 0; r < n; r++)
            d[r] = log(a[r]);
        break;
    case FN_SQRT:
        for (r = 0; r < n; r++)
            d[r] = sqrt(a[r]);
        break;
    case FN_ABS:
        for (r = 0; r < n; r++)
            d[r] = fabs(a[r]);
        break;
    case FN_EXP:
        for (r = 0; r < n; r++)
            d[r] = exp(a[r]);
        break;
    case FN_FLOOR:
        for (r = 0; r < n; r++)
            d[r] = floor(a[r]);
        break;
    case FN_CEIL:
        for (r = 0; r < n; r++)
            d[r] = ceil(a[r]);
        break;
    default:
        for (r = 0; r < n; r++)
            d[r] = round_half_up(a[r]);
        break;
    }
    /* every one of these keeps a NaN argument NaN: the field's check sees it */
}

PM_CLONES
static void run_nary(const vp_op *op, vp_state *st, size_t n)
{
    double *d = REG(st, op->dst);
    size_t i, r;
    /* min and max could lose a NaN argument */
    if (op->fn == FN_MIN || op->fn == FN_MAX)
        for (i = 0; i < op->n; i++)
            check_nan(st->ok, REG(st, op->args[i]), n);
    switch (op->fn) {
    case FN_MIN:
    case FN_MAX:
        memcpy(d, REG(st, op->args[0]), n * sizeof *d);
        for (i = 1; i < op->n; i++) {
            const double *a = REG(st, op->args[i]);
            if (op->fn == FN_MIN)
                for (r = 0; r < n; r++)
                    d[r] = a[r] < d[r] ? a[r] : d[r];
            else
                for (r = 0; r < n; r++)
                    d[r] = a[r] > d[r] ? a[r] : d[r];
        }
        break;
    case FN_PRODUCT:
        for (r = 0; r < n; r++)
            d[r] = 1.0;
        for (i = 0; i < op->n; i++) {
            const double *a = REG(st, op->args[i]);
            for (r = 0; r < n; r++)
                d[r] *= a[r];
        }
        break;
    default: /* sum, avg */
        for (r = 0; r < n; r++)
            d[r] = 0.0;
        for (i = 0; i < op->n; i++) {
            const double *a = REG(st, op->args[i]);
            for (r = 0; r < n; r++)
                d[r] += a[r];
        }
        if (op->fn == FN_AVG)
            for (r = 0; r < n; r++)
                d[r] /= (double)op->n;
        break;
    }
}

static int in_interval(const pl_interval *iv, double x)
{
    if (iv->left_closed ? x < iv->left : x <= iv->left)
        return 0;
    if (iv->right_closed ? x > iv->right : x >= iv->right)
        return 0;
    return 1;
}

static void run_prep(const vp_op *op, vp_state *st, size_t n)
{
    const pl_treat *t = op->p;
    const double *a = REG(st, op->a);
    double *d = REG(st, op->dst);
    size_t r;
    for (r = 0; r < n; r++) {
        double x = a[r];
        if (!isnan(x) && !(op->flag & 2) && t->outliers != OUTLIERS_AS_IS &&
            ((t->has_low && x < t->low) || (t->has_high && x > t->high))) {
            if (t->outliers == OUTLIERS_AS_MISSING)
                x = NAN;
            else
                x = t->has_low && x < t->low ? t->low : t->high;
        }
        if (isnan(x)) {
            if (t->missing == MISSING_RETURN_INVALID)
                st->ok[r] = 0;
            else if (op->flag & 1)
                x = op->k;
        }
        d[r] = x;
    }
}

/* ---- regression ---- */

PM_CLONES
static void run_regression(const vp_op *op, vp_state *st, size_t n)
{
    const pl_model *m = op->p;
    const pl_regression *pr = m->impl;
    const vp_regtable *tabs = op->q;
    double *y = st->tmp;
    size_t t, j, k, r;

    for (t = 0; t < pr->ntables; t++) {
        double *restrict yt = y + t * B;
        for (r = 0; r < n; r++)
            yt[r] = tabs[t].intercept;
        for (j = 0; j < tabs[t].nsteps; j++) {
            const vp_rstep *s = &tabs[t].steps[j];
            const double *x0 = REG(st, s->reg[0]);
            switch (s->kind) {
            case VR_NUM: {
                /* the terms in order, each row's sum kept in a register */
                double c0 = s->coef[0], c1 = s->coef[1], c2 = s->coef[2], c3 = s->coef[3];
                const double *x1 = REG(st, s->reg[1]), *x2 = REG(st, s->reg[2]),
                             *x3 = REG(st, s->reg[3]);
                switch (s->n) {
                case 1:
                    for (r = 0; r < n; r++)
                        yt[r] += c0 * x0[r];
                    break;
                case 2:
                    for (r = 0; r < n; r++)
                        yt[r] = yt[r] + c0 * x0[r] + c1 * x1[r];
                    break;
                case 3:
                    for (r = 0; r < n; r++)
                        yt[r] = yt[r] + c0 * x0[r] + c1 * x1[r] + c2 * x2[r];
                    break;
                default:
                    for (r = 0; r < n; r++)
                        yt[r] = yt[r] + c0 * x0[r] + c1 * x1[r] + c2 * x2[r] + c3 * x3[r];
                    break;
                }
                break;
            }
            case VR_POW:
                for (r = 0; r < n; r++)
                    yt[r] += s->coef[0] * pow(x0[r], s->exponent);
                break;
            case VR_CAT:
                /* a missing category (NaN) matches nothing, as in the row
                 * evaluator; so does a key outside the table */
                for (r = 0; r < n; r++) {
                    double d = x0[r] - s->lo;
                    if (d >= 0.0 && d < (double)s->size) {
                        size_t i = (size_t)d;
                        if (s->has[i] && d == (double)i)
                            yt[r] += s->lut[i];
                    }
                }
                break;
            case VR_CAT1:
                for (r = 0; r < n; r++)
                    yt[r] = x0[r] == s->lo ? yt[r] + s->coef[0] : yt[r];
                break;
            default: {
                size_t nf = (size_t)s->exponent;
                for (r = 0; r < n; r++) {
                    double prod = s->coef[0];
                    for (k = 0; k < nf; k++)
                        prod *= REG(st, s->regs[k])[r];
                    yt[r] += prod;
                }
            }
            }
        }
        /* a numeric input missing (NaN) leaves the table without a value */
        check_nan(st->ok, yt, n);
    }
    if (m->function == FUNC_REGRESSION) {
        double *d = REG(st, op->dst);
        if (pr->normalization == NORM_NONE)
            memcpy(d, y, n * sizeof *d);
        else
            for (r = 0; r < n; r++)
                d[r] = pm_link(pr->normalization, y[r]);
        check_nan(st->ok, d, n);
        return;
    }
    {
        double ys[64], probs[64], *cat = REG(st, op->b);
        size_t nt = pr->ntables, nc = m->ncat;
        double *yv = nt <= 64 ? ys : st->tmp + (pr->ntables + 1) * B;
        double *pvv = nc <= 64 ? probs : yv + nt;
        for (r = 0; r < n; r++) {
            int c;
            for (t = 0; t < nt; t++)
                yv[t] = y[t * B + r];
            pm_regression_probs(m, yv, pvv);
            for (k = 0; k < nc; k++)
                REG(st, op->dst + k)[r] = pvv[k];
            c = pm_pick(pvv, nc);
            if (c < 0)
                st->ok[r] = 0;
            cat[r] = c;
        }
    }
}

/* ---- trees ---- */

/* Walks 8 rows at once through one tree: `depth` steps each, without a
 * branch on the data (the walks are independent, so their loads overlap);
 * out[j] is the node row j ends at. */
static void walk8(const vp_node *nodes, uint32_t root, unsigned depth, const double *R,
                  uint32_t *out)
{
    uint32_t i0 = root, i1 = root, i2 = root, i3 = root, i4 = root, i5 = root, i6 = root,
             i7 = root;
    unsigned d;
#define STEP(i, j) i = nodes[i].kid + (R[nodes[i].off + j] > nodes[i].thr)
    for (d = 0; d < depth; d++) {
        STEP(i0, 0);
        STEP(i1, 1);
        STEP(i2, 2);
        STEP(i3, 3);
        STEP(i4, 4);
        STEP(i5, 5);
        STEP(i6, 6);
        STEP(i7, 7);
    }
#undef STEP
    out[0] = i0;
    out[1] = i1;
    out[2] = i2;
    out[3] = i3;
    out[4] = i4;
    out[5] = i5;
    out[6] = i6;
    out[7] = i7;
}

/* walk8 for a sum of regression trees: adds each row's leaf score. */
static void walk8_sum(const vp_node *nodes, uint32_t root, unsigned depth, const double *R,
                      double *acc)
{
    uint32_t idx[8];
    int j;
    walk8(nodes, root, depth, R, idx);
    for (j = 0; j < 8; j++)
        acc[j] += nodes[idx[j]].thr;
}

/* The same walk over the complete layout: children at 2i+1 and 2i+2.
 * pay[j] is the payload of row r + j's leaf. */
static void walk8_complete(const double *thr, const uint32_t *off, const double *leaves,
                           unsigned depth, const double *R, double *pay)
{
    uint32_t i0 = 0, i1 = 0, i2 = 0, i3 = 0, i4 = 0, i5 = 0, i6 = 0, i7 = 0;
    uint32_t base = (1u << depth) - 1;
    unsigned d;
#define STEP(i, j) i = 2 * i + 1 + (R[off[i] + j] > thr[i])
    for (d = 0; d < depth; d++) {
        STEP(i0, 0);
        STEP(i1, 1);
        STEP(i2, 2);
        STEP(i3, 3);
        STEP(i4, 4);
        STEP(i5, 5);
        STEP(i6, 6);
        STEP(i7, 7);
    }
#undef STEP
    pay[0] = leaves[i0 - base];
    pay[1] = leaves[i1 - base];
    pay[2] = leaves[i2 - base];
    pay[3] = leaves[i3 - base];
    pay[4] = leaves[i4 - base];
    pay[5] = leaves[i5 - base];
    pay[6] = leaves[i6 - base];
    pay[7] = leaves[i7 - base];
}

/* Each row's leaf payload for tree t: a regression score (NaN: none), or a
 * classification leaf index. */
static void tree_payloads(const vp_trees *T, size_t t, const double *R, size_t n8, double *pay)
{
    size_t r;
    uint32_t idx[8];
    int j;
    if (T->ctop) {
        for (r = 0; r < n8; r += 8)
            walk8_complete(T->cthr + T->ctop[t], T->coff + T->ctop[t], T->cpay + T->cbot[t],
                           T->depth[t], R + r, pay + r);
        return;
    }
    for (r = 0; r < n8; r += 8) {
        walk8(T->nodes, T->root[t], T->depth[t], R + r, idx);
        for (j = 0; j < 8; j++)
            pay[r + (size_t)j] = T->nodes[idx[j]].thr;
    }
}

static void run_trees(const vp_op *op, vp_state *st, size_t n)
{
    const vp_trees *T = op->p;
    size_t t, r, k, nc = T->ncat, n8 = (n + 7) & ~(size_t)7;
    double pay[B];
    uint32_t idx[B];
    for (k = 0; k < T->nfeat; k++)
        pm_vec_check_nan(st->ok, REG(st, T->feat[k]), n);
    if (op->mode == VA_SUM && !T->ctop) {
        /* rows past n (up to n8) add to the register's spare end */
        double *d = REG(st, op->dst);
        for (t = 0; t < T->ntrees; t++)
            for (r = 0; r < n8; r += 8)
                walk8_sum(T->nodes, T->root[t], T->depth[t], st->regs + r, d + r);
        return;
    }
    for (t = 0; t < T->ntrees; t++) {
        double w = T->weight[t];
        tree_payloads(T, t, st->regs, n8, pay);
        if (nc) {
            /* classification: the payload is the leaf index */
            for (r = 0; r < n; r++) {
                uint32_t leaf = (uint32_t)pay[r];
                if (T->lbad[leaf])
                    st->ok[r] = 0;
                idx[r] = leaf;
            }
        }
        switch (op->mode) {
        case VA_SINGLE:
            if (nc == 0) {
                double *d = REG(st, op->dst);
                for (r = 0; r < n; r++)
                    d[r] = pay[r];
            } else {
                double *cat = REG(st, op->b);
                for (k = 0; k < nc; k++) {
                    double *d = REG(st, op->dst + k);
                    for (r = 0; r < n; r++)
                        d[r] = T->lval[idx[r] * nc + k];
                }
                for (r = 0; r < n; r++)
                    cat[r] = T->lcat[idx[r]];
            }
            break;
        case VA_SUM: {
            double *d = REG(st, op->dst);
            for (r = 0; r < n; r++)
                d[r] += pay[r];
            break;
        }
        case VA_WSUM: {
            double *d = REG(st, op->dst);
            for (r = 0; r < n; r++)
                d[r] += w * pay[r];
            break;
        }
        case VA_MAX: {
            double *d = REG(st, op->dst);
            for (r = 0; r < n; r++) {
                double x = pay[r];
                /* no prediction (NaN) must not vanish in the maximum */
                d[r] = isnan(x) ? x : x > d[r] ? x : d[r];
            }
            break;
        }
        case VA_PROBS:
            for (k = 0; k < nc; k++) {
                double *d = REG(st, op->dst + k);
                for (r = 0; r < n; r++)
                    d[r] += T->lval[idx[r] * nc + k];
            }
            break;
        case VA_WPROBS:
            for (k = 0; k < nc; k++) {
                double *d = REG(st, op->dst + k);
                for (r = 0; r < n; r++)
                    d[r] += w * T->lval[idx[r] * nc + k];
            }
            break;
        case VA_VOTE:
        case VA_WVOTE:
            for (r = 0; r < n; r++) {
                int32_t c = T->lcat[idx[r]];
                if (c >= 0)
                    REG(st, op->dst + (uint32_t)c)[r] += op->mode == VA_VOTE ? 1.0 : w;
            }
            break;
        }
    }
}

/* ---- mining ---- */

/* One non-tree segment's result added to the aggregate. */
static void run_acc(const vp_op *op, vp_state *st, size_t n)
{
    const pl_segment *seg = op->p;
    size_t r, k, pc = (size_t)op->k;
    double w = op->w;
    if (op->code == VC_ACC_VALUE) {
        const double *a = REG(st, op->a);
        double *d = REG(st, op->dst);
        pm_vec_check_nan(st->ok, a, n);
        for (r = 0; r < n; r++) {
            if (op->mode == VA_SUM)
                d[r] += a[r];
            else if (op->mode == VA_WSUM)
                d[r] += w * a[r];
            else
                d[r] = a[r] > d[r] ? a[r] : d[r];
        }
        return;
    }
    if (op->code == VC_ACC_VOTE) {
        const double *cat = REG(st, op->b);
        for (r = 0; r < n; r++) {
            int c = isnan(cat[r]) ? -1 : (int)cat[r];
            if (c < 0 || (size_t)c >= op->n) {
                st->ok[r] = 0;
                continue;
            }
            REG(st, op->dst + (uint32_t)seg->catmap[c])[r] += op->mode == VA_VOTE ? 1.0 : w;
        }
        return;
    }
    for (r = 0; r < n; r++) {
        double *out = st->tmp + r * (pc + 1);
        memset(out, 0, pc * sizeof *out);
        for (k = 0; k < op->n; k++)
            out[seg->catmap[k]] += REG(st, op->a + (uint32_t)k)[r];
        for (k = 0; k < pc; k++) {
            double f = op->mode == VA_PROBS ? 1.0 : w;
            REG(st, op->dst + (uint32_t)k)[r] += f * out[k];
        }
    }
}

static void run_mining_done(const vp_op *op, vp_state *st, size_t n)
{
    const pl_model *m = op->p;
    size_t r, k, nc = m->ncat;
    double *d = REG(st, op->dst);
    if (m->function != FUNC_CLASSIFICATION) {
        const pl_mining *mm = m->impl;
        if (mm->method == MM_AVERAGE)
            for (r = 0; r < n; r++)
                d[r] = d[r] / (double)op->n;
        else if (mm->method == MM_WEIGHTED_AVERAGE)
            for (r = 0; r < n; r++)
                d[r] /= op->w;
        pm_vec_check_nan(st->ok, d, n);
        return;
    }
    {
        double *cat = REG(st, op->b), probs[64];
        double *pvv = nc <= 64 ? probs : st->tmp;
        for (r = 0; r < n; r++) {
            double denom;
            int c;
            for (k = 0; k < nc; k++)
                pvv[k] = REG(st, op->dst + (uint32_t)k)[r];
            if (op->mode == VA_VOTE || op->mode == VA_WVOTE) {
                double total = 0.0, top = 0.0;
                for (k = 0; k < nc; k++) {
                    total += pvv[k];
                    if (pvv[k] > top)
                        top = pvv[k];
                }
                if (total == 0.0 || 0.0 > top) {
                    st->ok[r] = 0;
                    continue;
                }
                denom = total;
            } else {
                denom = op->mode == VA_PROBS ? (double)op->n : op->w;
            }
            for (k = 0; k < nc; k++)
                pvv[k] /= denom;
            for (k = 0; k < nc; k++)
                REG(st, op->dst + (uint32_t)k)[r] = pvv[k];
            c = pm_pick(pvv, nc);
            if (c < 0)
                st->ok[r] = 0;
            cat[r] = c;
        }
    }
}

static void run_catmap(const vp_op *op, vp_state *st, size_t n)
{
    const pl_segment *seg = op->p;
    size_t r, k, pc = (size_t)op->k;
    const double *ccat = REG(st, op->b);
    double *cat = REG(st, op->c);
    for (k = 0; k < pc; k++)
        memset(REG(st, op->dst + (uint32_t)k), 0, n * sizeof(double));
    for (r = 0; r < n; r++) {
        int c = isnan(ccat[r]) ? -1 : (int)ccat[r];
        for (k = 0; k < op->n; k++)
            REG(st, op->dst + (uint32_t)seg->catmap[k])[r] = REG(st, op->a + (uint32_t)k)[r];
        if (c < 0 || (size_t)c >= op->n) {
            st->ok[r] = 0;
            cat[r] = NAN;
        } else {
            cat[r] = seg->catmap[c];
        }
    }
}

/* ---- neural networks ---- */

PM_CLONES
static void run_neural(const vp_op *op, vp_state *st, size_t n)
{
    const pl_model *m = op->p;
    const pl_neural *nn = m->impl;
    double *a = st->tmp;
    size_t i, l, r;
    for (i = 0; i < nn->ninputs; i++) {
        const double *x = REG(st, op->args[i]);
        check_nan(st->ok, x, n);
        memcpy(a + i * B, x, n * sizeof *x);
    }
    for (l = 0; l < nn->nlayers; l++) {
        const pl_nlayer *L = &nn->layers[l];
        uint32_t j, end = L->first + L->count;
        for (j = L->first; j < end; j++) {
            const pl_neuron *u = &nn->neurons[j];
            const uint32_t *src = nn->src + u->off;
            const double *w = nn->weight + u->off;
            double *z = a + (size_t)j * B;
            uint32_t k;
            if (L->activation == ACT_RADIAL_BASIS) {
                for (r = 0; r < n; r++)
                    z[r] = 0.0;
                for (k = 0; k < u->ncons; k++) {
                    const double *x = a + (size_t)src[k] * B;
                    for (r = 0; r < n; r++) {
                        double dd = x[r] - w[k];
                        z[r] += dd * dd;
                    }
                }
                for (r = 0; r < n; r++)
                    z[r] /= 2.0 * u->width * u->width;
            } else {
                for (r = 0; r < n; r++)
                    z[r] = u->bias;
                for (k = 0; k < u->ncons; k++) {
                    const double *x = a + (size_t)src[k] * B;
                    double wk = w[k];
                    for (r = 0; r < n; r++)
                        z[r] += wk * x[r];
                }
            }
            switch (L->activation) {
            case ACT_IDENTITY:
                break;
            case ACT_RECTIFIER:
                for (r = 0; r < n; r++)
                    z[r] = z[r] > 0.0 ? z[r] : 0.0;
                break;
            default:
                for (r = 0; r < n; r++)
                    z[r] = pm_nn_activate(L->activation, z[r], L->threshold, u->altitude,
                                          (double)u->ncons);
            }
        }
        if (L->normalization == NN_NORM_SOFTMAX) {
            for (r = 0; r < n; r++) {
                double max = a[(size_t)L->first * B + r], sum = 0.0;
                for (j = L->first; j < end; j++)
                    if (a[(size_t)j * B + r] > max)
                        max = a[(size_t)j * B + r];
                for (j = L->first; j < end; j++) {
                    a[(size_t)j * B + r] = exp(a[(size_t)j * B + r] - max);
                    sum += a[(size_t)j * B + r];
                }
                for (j = L->first; j < end; j++)
                    a[(size_t)j * B + r] /= sum;
            }
        } else if (L->normalization == NN_NORM_SIMPLEMAX) {
            for (r = 0; r < n; r++) {
                double sum = 0.0;
                for (j = L->first; j < end; j++)
                    sum += a[(size_t)j * B + r];
                for (j = L->first; j < end; j++)
                    a[(size_t)j * B + r] /= sum;
            }
        }
    }
    if (m->function == FUNC_CLASSIFICATION) {
        double *cat = REG(st, op->b), *probs = a + nn->nneurons * B;
        size_t k;
        for (r = 0; r < n; r++) {
            int c;
            memset(probs, 0, m->ncat * sizeof *probs);
            for (i = 0; i < nn->noutputs; i++)
                probs[nn->out_cat[i]] = a[(size_t)nn->out_neuron[i] * B + r];
            for (k = 0; k < m->ncat; k++)
                REG(st, op->dst + (uint32_t)k)[r] = probs[k];
            c = pm_pick(probs, m->ncat);
            if (c < 0)
                st->ok[r] = 0;
            cat[r] = c;
        }
        return;
    }
    {
        double *d = REG(st, op->dst);
        const double *y = a + (size_t)nn->out_neuron[0] * B;
        for (r = 0; r < n; r++)
            d[r] = nn->ninv ? pm_nn_denormalize(nn, y[r]) : y[r];
        check_nan(st->ok, d, n);
    }
}

/* ---- the program ---- */

PM_CLONES
void pm_vec_run(const vp_plan *p, vp_state *st, size_t n)
{
    size_t i, r;
    for (i = 0; i < p->nops; i++) {
        const vp_op *op = &p->ops[i];
        const double *a = REG(st, op->a), *b = REG(st, op->b);
        double *d = REG(st, op->dst);
        switch (op->code) {
        case VC_FILL:
            for (r = 0; r < n; r++)
                d[r] = isnan(a[r]) ? op->k : a[r];
            break;
        case VC_ADD:
            if (op->flag == VF_BK) {
                double k = op->k;
                for (r = 0; r < n; r++)
                    d[r] = a[r] + k;
                break;
            }
            for (r = 0; r < n; r++)
                d[r] = a[r] + b[r];
            break;
        case VC_SUB:
            if (op->flag == VF_BK) {
                double k = op->k;
                for (r = 0; r < n; r++)
                    d[r] = a[r] - k;
                break;
            }
            for (r = 0; r < n; r++)
                d[r] = a[r] - b[r];
            break;
        case VC_MUL:
            if (op->flag == VF_BK) {
                double k = op->k;
                for (r = 0; r < n; r++)
                    d[r] = a[r] * k;
                break;
            }
            for (r = 0; r < n; r++)
                d[r] = a[r] * b[r];
            break;
        case VC_DIV:
            if (op->flag == VF_BK) {
                double k = op->k;
                for (r = 0; r < n; r++)
                    d[r] = a[r] / k;
                break;
            }
            for (r = 0; r < n; r++)
                d[r] = a[r] / b[r];
            break;
        case VC_SUBDIV: {
            double k = op->k, k2 = op->k2;
            for (r = 0; r < n; r++)
                d[r] = (a[r] - k) / k2;
            break;
        }
        case VC_POW:
            check_nan(st->ok, a, n);
            check_nan(st->ok, b, n);
            for (r = 0; r < n; r++)
                d[r] = pow(a[r], b[r]);
            check_nan(st->ok, d, n);
            break;
        case VC_THRESHOLD:
            check_nan(st->ok, a, n);
            check_nan(st->ok, b, n);
            for (r = 0; r < n; r++)
                d[r] = a[r] > b[r] ? 1.0 : 0.0;
            break;
        case VC_NARY:
            run_nary(op, st, n);
            break;
        case VC_UNARY:
            run_unary(op, st, n);
            break;
        case VC_NORMCONT:
            for (r = 0; r < n; r++) {
                double x = a[r], y;
                if (isnan(x) || !pm_normcont(op->p, x, &y)) {
                    d[r] = op->flag ? op->k : NAN;
                } else {
                    d[r] = y;
                    if (isnan(y))
                        st->ok[r] = 0;
                }
            }
            break;
        case VC_NORMDISC:
            for (r = 0; r < n; r++)
                d[r] = isnan(a[r]) ? (op->flag ? op->k : NAN) : a[r] == op->k2 ? 1.0 : 0.0;
            break;
        case VC_DISCRETIZE: {
            const pl_expr *e = op->p;
            for (r = 0; r < n; r++) {
                double x = a[r], y = op->k2;
                size_t k;
                if (isnan(x)) {
                    d[r] = op->flag ? op->k : NAN;
                    continue;
                }
                for (k = 0; k < e->nbins; k++) {
                    if (in_interval(&e->bins[k].iv, x)) {
                        y = e->bins[k].value.d;
                        break;
                    }
                }
                d[r] = y;
            }
            break;
        }
        case VC_CAST_INT:
            for (r = 0; r < n; r++)
                if (!isnan(a[r]) && !(isfinite(a[r]) && a[r] == floor(a[r])))
                    st->ok[r] = 0;
            break;
        case VC_CAST_BOOL:
            for (r = 0; r < n; r++)
                if (!isnan(a[r]) && a[r] != 0.0 && a[r] != 1.0)
                    st->ok[r] = 0;
            break;
        case VC_CAST_FLOAT:
            for (r = 0; r < n; r++)
                d[r] = (double)(float)a[r];
            break;
        case VC_PREP:
            run_prep(op, st, n);
            break;
        case VC_INDICATOR:
            for (r = 0; r < n; r++)
                d[r] = a[r] == op->k ? 1.0 : 0.0;
            break;
        case VC_REGRESSION:
            run_regression(op, st, n);
            break;
        case VC_TREES:
            run_trees(op, st, n);
            break;
        case VC_ACC_VALUE:
        case VC_ACC_PROBS:
        case VC_ACC_VOTE:
            run_acc(op, st, n);
            break;
        case VC_MINING_DONE:
            run_mining_done(op, st, n);
            break;
        case VC_NEURAL:
            run_neural(op, st, n);
            break;
        case VC_TARGET:
            check_nan(st->ok, a, n);
            for (r = 0; r < n; r++)
                d[r] = pm_target_rescale(op->p, a[r]);
            check_nan(st->ok, d, n);
            break;
        case VC_CATVAL: {
            const double *table = op->p;
            for (r = 0; r < n; r++) {
                int c = isnan(a[r]) ? -1 : (int)a[r];
                if (c < 0 || (uint32_t)c >= op->n) {
                    st->ok[r] = 0;
                    d[r] = NAN;
                } else {
                    d[r] = table[c];
                }
            }
            break;
        }
        case VC_WINPROB:
            for (r = 0; r < n; r++) {
                int c = isnan(a[r]) ? -1 : (int)a[r];
                if (c < 0 || (uint32_t)c >= op->n) {
                    st->ok[r] = 0;
                    d[r] = NAN;
                } else {
                    d[r] = REG(st, op->b + (uint32_t)c)[r];
                }
            }
            break;
        case VC_CATMAP:
            run_catmap(op, st, n);
            break;
        case VC_CHECK:
            check_nan(st->ok, a, n);
            break;
        case VC_ZERO: {
            uint32_t k;
            for (k = 0; k < op->n; k++)
                for (r = 0; r < n; r++)
                    REG(st, op->dst + k)[r] = op->k;
            break;
        }
        }
    }
}
