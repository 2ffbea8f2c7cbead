/* vecplan.h - the block form of a model: a straight-line program over
 * registers that each hold one value for every row of a block.
 *
 * The row-at-a-time plan (plan.h) is the reference: it handles every value
 * state PMML knows.  The block program covers the common case - every value
 * present and valid - for models whose every part it can express, and
 * computes bit for bit what the reference computes: the same operations in
 * the same order, the same libm calls.  A row where anything is not the
 * common case (a missing value reaching the model, an invalid input, NaN,
 * a domain error, a failed cast) is marked and scored again by the
 * reference evaluator, which reports it as it always does.
 *
 * In a register, NaN means "missing": a real NaN value is never stored
 * (its row is handed to the reference evaluator when it is read).
 */
#ifndef PMML_COMPILE_VECPLAN_H
#define PMML_COMPILE_VECPLAN_H

#include <stddef.h>
#include <stdint.h>

#include "compile/plan.h"

/* Rows per block. */
#define VP_BLOCK 64

/* Register contents: numbers, or interned string ids (as doubles). */
enum { VK_NUM = 0, VK_STR = 1 };

enum vp_code {
    VC_FILL = 1,    /* dst = a, NaN replaced by k (mapMissingTo) */
    VC_ADD, VC_SUB, VC_MUL, VC_DIV, VC_POW, VC_THRESHOLD,
                    /* flag VF_BK: b is the constant k, no register */
    VC_SUBDIV,      /* dst = (a - k) / k2: a standardisation in one pass */
    VC_NARY,        /* fn over args[n]: min max sum avg product */
    VC_UNARY,       /* fn of a: log10 ln sqrt abs exp floor ceil round */
    VC_NORMCONT,    /* p: the pl_expr */
    VC_NORMDISC,    /* dst = a == k2; NaN: k (when flag) */
    VC_DISCRETIZE,  /* p: the pl_expr */
    VC_CAST_INT, VC_CAST_FLOAT, VC_CAST_BOOL,
    VC_PREP,        /* p: pl_treat of a nested MiningField */
    VC_INDICATOR,   /* dst = a == k ? 1 : 0 (tree splits on one category) */
    VC_REGRESSION,  /* p: the pl_model */
    VC_TREES,       /* p: vp_trees */
    VC_ACC_VALUE,   /* accumulate a regression result into dst (mode) */
    VC_ACC_PROBS,   /* accumulate a distribution (ncat regs from a) */
    VC_ACC_VOTE,    /* accumulate a vote for category reg a */
    VC_MINING_DONE, /* p: the pl_model; finish the aggregate */
    VC_NEURAL,      /* p: the pl_model */
    VC_TARGET,      /* p: the pl_target */
    VC_CATVAL,      /* dst = table[cat a] */
    VC_WINPROB,     /* dst = probs[cat a] */
    VC_CATMAP,      /* a model chain's result through its last segment's catmap */
    VC_ZERO,        /* n registers from dst set to k */
    VC_CHECK        /* rows where a is NaN go to the row evaluator */
};

/* vp_op.flag of the arithmetic ops */
#define VF_BK 2

/* How a tree ensemble, or an ACC_* op, adds a segment's result. */
enum {
    VA_SINGLE = 0,  /* one tree: its leaf is the result */
    VA_SUM,         /* acc += v */
    VA_WSUM,        /* acc += w * v */
    VA_MAX,         /* acc = v > acc ? v : acc */
    VA_PROBS,       /* acc[k] += p[k] */
    VA_WPROBS,      /* acc[k] += w * p[k] */
    VA_VOTE,        /* acc[cat] += 1 */
    VA_WVOTE        /* acc[cat] += w */
};

typedef struct vp_op {
    uint16_t code, fn;
    uint16_t mode;             /* VA_* */
    uint16_t flag;
    uint32_t dst, a, b, c, n;
    const uint32_t *args;
    double k, k2, w;
    const void *p;
    const void *q;
} vp_op;

/* A tree node, 16 bytes.  Every split reads "x <= thr": the next node is
 * kid when it holds and kid + 1 when not.  A leaf points to itself through
 * a register that is always -inf, so a walk can take the same number of
 * steps for every row without a branch; its thr holds a regression score
 * (NaN for none) or, in a classification, the leaf's index. */
typedef struct vp_node {
    double thr;
    uint32_t off;              /* register index * VP_BLOCK */
    uint32_t kid;
} vp_node;

typedef struct vp_trees {
    size_t ntrees;
    const uint32_t *root;      /* [ntrees] */
    const uint8_t *depth;      /* [ntrees] steps that reach every leaf */
    const vp_node *nodes;
    const double *weight;      /* [ntrees] (weighted modes) */
    size_t ncat;               /* classification: categories of the result */
    const double *lval;        /* leaf -> ncat probabilities */
    const int32_t *lcat;       /* leaf -> category (classification) */
    const uint8_t *lbad;       /* leaf -> 1: no valid result there */
    size_t nfeat;              /* registers the splits read: NaN checks */
    const uint32_t *feat;
    /* When every tree is shallow, also a complete layout: tree t's node i
     * (0 the root) has children 2i+1 (x <= thr) and 2i+2, so a step needs
     * no child index; a leaf above the last level is padded with nodes that
     * always go left.  ctop[t] indexes cthr/coff, cbot[t] indexes cpay, the
     * leaf's thr (its payload) at each of the 2^depth bottom places. */
    const uint32_t *ctop, *cbot;
    const double *cthr;
    const uint32_t *coff;
    const double *cpay;
} vp_trees;

/* A regression table as steps over registers, in the table's term order:
 * up to four plain numeric terms at a time, one term with an exponent, a
 * run of categorical terms of one field (a lookup: at most one matches), one
 * categorical term (key in lo), or an interaction. */
enum { VR_NUM = 0, VR_POW, VR_CAT, VR_CAT1, VR_INTER };

typedef struct vp_rstep {
    uint8_t kind, n;           /* VR_*; VR_NUM: 1..4 terms */
    uint32_t reg[4];           /* VR_INTER: regs[n] through `regs` */
    double coef[4];
    double exponent;
    /* VR_CAT: coefficient of key k at lut[k - lo] when has[k - lo] */
    double lo;
    uint32_t size;
    const double *lut;
    const uint8_t *has;
    const uint32_t *regs;
} vp_rstep;

typedef struct vp_regtable {
    double intercept;
    size_t nsteps;
    const vp_rstep *steps;
} vp_regtable;

/* A value the program computes: where, and of which PMML type. */
typedef struct vp_val {
    uint32_t reg;
    uint8_t kind, dt;
} vp_val;

/* A result column and where its value comes from. */
typedef struct vp_column {
    int cat_source;            /* 1: a category index of `model`; 0: a value */
    vp_val v;
    const pl_model *model;
} vp_column;

/* How one input is read; decided per scorer from the column bound to it. */
typedef struct vp_input {
    uint32_t reg;
    uint8_t kind;
} vp_input;

typedef struct vp_const {
    uint32_t reg;
    double k;
} vp_const;

typedef struct vp_plan {
    size_t nregs;
    size_t nops;
    vp_op *ops;
    size_t nconsts;
    vp_const *consts;          /* registers filled once per scorer */
    vp_input *inputs;          /* [model->ninputs] */
    vp_column *columns;        /* [model->ncolumns] */
    size_t ntmp;               /* working doubles per row (x VP_BLOCK) */
    const uint8_t *pinned;     /* [nregs] 1: must stay in the register file
                                  (trees address it by offset); otherwise an
                                  input register may point at the caller's
                                  column instead of a copy */
} vp_plan;

#endif
