/* compile_vec.c - lowering a compiled plan into a block program
 * (vecplan.h) when every part of the model has a block form.  Anything
 * without one leaves the model on the row-at-a-time evaluator, and the
 * reason is kept for `pmml info`. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <string.h>

#include "compile/compile.h"
#include "compile/functions.h"
#include "compile/vecplan.h"
#include "util/datetime.h"

#define NO_REG UINT32_MAX

typedef struct vres {
    int set, cls;
    vp_val value;              /* regression */
    uint32_t cat;              /* classification: register of the category index */
    uint32_t probs;            /* first of ncat registers */
    size_t ncat;
} vres;

typedef struct indicator {
    uint32_t src;
    double k;
    uint32_t reg;
} indicator;

typedef struct vc {
    ccomp *cc;
    pmml_model *m;
    jmp_buf fail;
    const char *why;
    cvec ops, consts, indicators;
    size_t nregs;
    vp_val *slot;              /* [nslots]; reg NO_REG: not computed */
    vres *res;                 /* [nresults] */
    size_t ntmp;
    uint32_t neginf;
    cvec pinned;               /* registers trees read by offset */
} vc;

/* Growing arrays live in the load's temporary arena; keep() copies the
 * final contents into the model. */
static void *vpush(vc *v, cvec *x, size_t size)
{
    char *p;
    if (x->n == x->cap) {
        size_t ncap = x->cap ? x->cap * 2 : 8;
        void *items = pm_alloc_raw_array(v->cc->c, v->cc->c->tmp, ncap, size);
        if (x->n)
            memcpy(items, x->items, x->n * size);
        x->items = items;
        x->cap = ncap;
    }
    p = (char *)x->items + x->n * size;
    x->n++;
    memset(p, 0, size);
    return p;
}

static void *keep(vc *v, const cvec *x, size_t size)
{
    char *p = pm_alloc_raw_array(v->cc->c, v->cc->a, x->n + 1, size);
    if (x->n)
        memcpy(p, x->items, x->n * size);
    memset(p + x->n * size, 0, size);
    return p;
}

static void vc_fail(vc *v, const char *why)
{
    v->why = why;
    longjmp(v->fail, 1);
}

static uint32_t vc_regs(vc *v, size_t n)
{
    uint32_t r = (uint32_t)v->nregs;
    if (v->nregs + n > (UINT32_MAX / VP_BLOCK) - 1)
        vc_fail(v, "too many values for the block evaluator");
    v->nregs += n;
    return r;
}

static vp_val mkval(uint32_t reg, int kind, int dt)
{
    vp_val x;
    x.reg = reg;
    x.kind = (uint8_t)kind;
    x.dt = (uint8_t)dt;
    return x;
}

static vp_op *vc_op(vc *v, int code)
{
    vp_op *op = vpush(v, &v->ops, sizeof *op);
    op->code = (uint16_t)code;
    return op;
}

static void need_tmp(vc *v, size_t per_row)
{
    if (per_row > v->ntmp)
        v->ntmp = per_row;
}

static vp_val vc_const(vc *v, double k, int kind, int dt)
{
    vp_const *c = vpush(v, &v->consts, sizeof *c);
    c->reg = vc_regs(v, 1);
    c->k = k;
    return mkval(c->reg, kind, dt);
}

static vp_val vc_slot(vc *v, int slot)
{
    if (slot < 0 || (size_t)slot >= v->m->nslots || v->slot[slot].reg == NO_REG)
        vc_fail(v, "a field the block evaluator does not compute is read");
    return v->slot[slot];
}

static void set_slot(vc *v, int slot, vp_val x)
{
    if (slot < 0 || (size_t)slot >= v->m->nslots)
        vc_fail(v, "a field outside the model's slots");
    v->slot[slot] = x;
}

static int is_num_type(int dt)
{
    return dt != PMML_TYPE_STRING && dt != PMML_TYPE_UNKNOWN;
}

/* A plain value as a register constant: numbers as themselves, strings as
 * their interned id. */
static double pv_key(vc *v, const pv *k, int kind)
{
    if (k->st != VS_VALID)
        vc_fail(v, "a constant that is not a valid value");
    if (kind == VK_STR) {
        if (!pm_type_is_string(k->t) || k->id < 0)
            vc_fail(v, "a string constant the model does not intern");
        return (double)k->id;
    }
    if (pm_type_is_string(k->t))
        vc_fail(v, "a string compared with a number");
    return k->d;
}

/* pm_cast() for the values a block holds. */
static vp_val vc_cast(vc *v, vp_val x, int dt)
{
    vp_op *op;
    if (dt == PMML_TYPE_UNKNOWN || dt == x.dt)
        return x;
    if (x.kind == VK_STR || dt == PMML_TYPE_STRING)
        vc_fail(v, "a conversion between strings and numbers");
    switch (dt) {
    case PMML_TYPE_INTEGER:
        op = vc_op(v, VC_CAST_INT);
        op->a = op->dst = x.reg;
        return mkval(x.reg, VK_NUM, dt);
    case PMML_TYPE_BOOLEAN:
        op = vc_op(v, VC_CAST_BOOL);
        op->a = op->dst = x.reg;
        return mkval(x.reg, VK_NUM, dt);
    case PMML_TYPE_FLOAT:
        op = vc_op(v, VC_CAST_FLOAT);
        op->a = x.reg;
        op->dst = vc_regs(v, 1);
        return mkval(op->dst, VK_NUM, dt);
    case PMML_TYPE_DOUBLE:
        if (pm_type_is_temporal(x.dt))
            vc_fail(v, "a date or time converted to a number");
        return mkval(x.reg, VK_NUM, dt);
    default:
        vc_fail(v, "a conversion to a date or time");
    }
    return x;
}

/* mapMissingTo / a replacement: the value a missing input becomes, which
 * must be of the same kind and type as the present ones. */
static void missing_value(vc *v, vp_op *op, const pv *mm, vp_val x)
{
    if (mm->st != VS_VALID || (pm_type_is_string(mm->t) ? x.kind != VK_STR : mm->t != x.dt))
        vc_fail(v, "a missing-value replacement of another type");
    op->flag = 1;
    op->k = pv_key(v, mm, x.kind);
}

/* ---- expressions ---- */

static vp_val vc_expr(vc *v, const pl_expr *e);

/* A numeric Constant, as vc_expr would read it. */
static int num_const(const pl_expr *e)
{
    return e->op == EOP_CONST && e->k.st == VS_VALID && !pm_type_is_string(e->k.t);
}

static vp_val vc_apply(vc *v, const pl_expr *e)
{
    vp_val args[2] = {mkval(0, VK_NUM, 0), mkval(0, VK_NUM, 0)};
    vp_op *op;
    size_t i, n = e->nargs;
    int code = 0, dt = e->dt;

    if (e->fn == FN_MIN || e->fn == FN_MAX || e->fn == FN_SUM || e->fn == FN_AVG ||
        e->fn == FN_PRODUCT) {
        uint32_t *regs;
        int all_int = 1;
        if (n == 0)
            vc_fail(v, "an aggregate function without arguments");
        regs = PM_NEW_ARRAY(v->cc->c, v->cc->a, uint32_t, n);
        for (i = 0; i < n; i++) {
            vp_val a = vc_expr(v, e->args[i]);
            if (a.kind != VK_NUM)
                vc_fail(v, "a string argument of a numeric function");
            if (a.dt != PMML_TYPE_INTEGER)
                all_int = 0;
            regs[i] = a.reg;
        }
        op = vc_op(v, VC_NARY);
        op->fn = e->fn;
        op->args = regs;
        op->n = (uint32_t)n;
        op->dst = vc_regs(v, 1);
        if (e->fn != FN_AVG && !all_int)
            dt = PMML_TYPE_DOUBLE;
        return mkval(op->dst, VK_NUM, dt);
    }
    switch (e->fn) {
    case FN_ADD:
        code = VC_ADD;
        break;
    case FN_SUB:
        code = VC_SUB;
        break;
    case FN_MUL:
        code = VC_MUL;
        break;
    case FN_DIV:
        code = VC_DIV;
        break;
    case FN_POW:
        /* its type depends on the result when integer */
        if (dt == PMML_TYPE_INTEGER)
            vc_fail(v, "integer pow");
        code = VC_POW;
        break;
    case FN_THRESHOLD:
        code = VC_THRESHOLD;
        break;
    case FN_LOG10:
    case FN_LN:
    case FN_SQRT:
    case FN_ABS:
    case FN_EXP:
    case FN_FLOOR:
    case FN_CEIL:
    case FN_ROUND:
        code = VC_UNARY;
        break;
    default:
        vc_fail(v, "a function without a block form");
    }
    if (n != (code == VC_UNARY ? 1u : 2u))
        vc_fail(v, "a function with an unexpected number of arguments");
    if (code >= VC_ADD && code <= VC_DIV && num_const(e->args[1])) {
        /* x op k: the constant needs no register; (x - k) / k2, the usual
         * standardisation, is one pass (the same two roundings) */
        const pl_expr *x = e->args[0];
        if (code == VC_DIV && x->op == EOP_APPLY && x->fn == FN_SUB && x->nargs == 2 &&
            num_const(x->args[1])) {
            args[0] = vc_expr(v, x->args[0]);
            if (args[0].kind != VK_NUM)
                vc_fail(v, "a string argument of a numeric function");
            op = vc_op(v, VC_SUBDIV);
            op->k = x->args[1]->k.d;
            op->k2 = e->args[1]->k.d;
        } else {
            args[0] = vc_expr(v, x);
            if (args[0].kind != VK_NUM)
                vc_fail(v, "a string argument of a numeric function");
            op = vc_op(v, code);
            op->flag = VF_BK;
            op->k = e->args[1]->k.d;
        }
        op->fn = e->fn;
        op->a = args[0].reg;
        op->dst = vc_regs(v, 1);
        return mkval(op->dst, VK_NUM, dt);
    }
    for (i = 0; i < n; i++) {
        args[i] = vc_expr(v, e->args[i]);
        if (args[i].kind != VK_NUM)
            vc_fail(v, "a string argument of a numeric function");
    }
    op = vc_op(v, code);
    op->fn = e->fn;
    op->a = args[0].reg;
    op->b = n > 1 ? args[1].reg : 0;
    op->dst = vc_regs(v, 1);
    return mkval(op->dst, VK_NUM, dt);
}

static vp_val vc_expr(vc *v, const pl_expr *e)
{
    vp_val x;
    vp_op *op;
    size_t i;
    switch (e->op) {
    case EOP_CONST:
        if (e->k.st != VS_VALID)
            vc_fail(v, "a missing constant");
        if (pm_type_is_string(e->k.t))
            return vc_const(v, pv_key(v, &e->k, VK_STR), VK_STR, PMML_TYPE_STRING);
        return vc_const(v, e->k.d, VK_NUM, e->k.t);
    case EOP_FIELD:
        x = vc_slot(v, e->slot);
        if (!e->has_map_missing)
            return x;
        op = vc_op(v, VC_FILL);
        op->a = x.reg;
        missing_value(v, op, &e->map_missing, x);
        op->dst = vc_regs(v, 1);
        return mkval(op->dst, x.kind, x.dt);
    case EOP_NORMCONT:
        x = vc_slot(v, e->slot);
        if (x.kind != VK_NUM)
            vc_fail(v, "NormContinuous of a string");
        op = vc_op(v, VC_NORMCONT);
        op->a = x.reg;
        op->p = e;
        if (e->has_map_missing)
            missing_value(v, op, &e->map_missing, mkval(0, VK_NUM, PMML_TYPE_DOUBLE));
        op->dst = vc_regs(v, 1);
        return mkval(op->dst, VK_NUM, PMML_TYPE_DOUBLE);
    case EOP_NORMDISC:
        x = vc_slot(v, e->slot);
        op = vc_op(v, VC_NORMDISC);
        op->a = x.reg;
        op->k2 = pv_key(v, &e->k, x.kind);
        if (e->has_map_missing)
            missing_value(v, op, &e->map_missing, mkval(0, VK_NUM, PMML_TYPE_DOUBLE));
        op->dst = vc_regs(v, 1);
        return mkval(op->dst, VK_NUM, PMML_TYPE_DOUBLE);
    case EOP_DISCRETIZE: {
        int dt = PMML_TYPE_UNKNOWN;
        x = vc_slot(v, e->slot);
        if (x.kind != VK_NUM)
            vc_fail(v, "Discretize of a string");
        for (i = 0; i < e->nbins; i++) {
            const pv *b = &e->bins[i].value;
            if (b->st != VS_VALID || pm_type_is_string(b->t) || (i && b->t != dt))
                vc_fail(v, "Discretize bins that are not numbers of one type");
            dt = b->t;
        }
        if (!e->nbins)
            vc_fail(v, "Discretize without bins");
        op = vc_op(v, VC_DISCRETIZE);
        op->a = x.reg;
        op->p = e;
        if (e->has_map_missing)
            missing_value(v, op, &e->map_missing, mkval(0, VK_NUM, dt));
        op->k2 = NAN;
        if (e->has_default) {
            if (e->dflt.st != VS_VALID || e->dflt.t != dt)
                vc_fail(v, "a Discretize default of another type");
            op->k2 = e->dflt.d;
        }
        op->dst = vc_regs(v, 1);
        return mkval(op->dst, VK_NUM, dt);
    }
    case EOP_APPLY:
        return vc_apply(v, e);
    default:
        vc_fail(v, "an expression without a block form");
    }
    return x;
}

/* ---- trees ---- */

typedef struct tbuild {
    cvec root, depth, nodes, weight, lval, lcat, lbad, feat;
    size_t nleaves, ncat;
} tbuild;

static uint32_t indicator_reg(vc *v, uint32_t src, double k)
{
    indicator *in = v->indicators.items;
    vp_op *op;
    size_t i;
    for (i = 0; i < v->indicators.n; i++)
        if (in[i].src == src && in[i].k == k)
            return in[i].reg;
    in = vpush(v, &v->indicators, sizeof *in);
    in->src = src;
    in->k = k;
    in->reg = vc_regs(v, 1);
    op = vc_op(v, VC_INDICATOR);
    op->a = src;
    op->k = k;
    op->dst = in->reg;
    return in->reg;
}

/* The predicate that decides for present values: a surrogate's first. */
static const pl_pred *deciding(const pl_tree *t, const pl_pred *p)
{
    while (p->kind == PK_SURROGATE && p->n > 0)
        p = &t->preds[p->kids[0]];
    return p;
}

static int complement(int a, int b)
{
    switch (a) {
    case OP_EQUAL:
        return b == OP_NOT_EQUAL;
    case OP_NOT_EQUAL:
        return b == OP_EQUAL;
    case OP_LESS_THAN:
        return b == OP_GREATER_OR_EQUAL;
    case OP_LESS_OR_EQUAL:
        return b == OP_GREATER_THAN;
    case OP_GREATER_THAN:
        return b == OP_LESS_OR_EQUAL;
    case OP_GREATER_OR_EQUAL:
        return b == OP_LESS_THAN;
    }
    return 0;
}

static void add_feat(vc *v, tbuild *tb, uint32_t reg)
{
    uint32_t *f = tb->feat.items;
    size_t i;
    for (i = 0; i < tb->feat.n; i++)
        if (f[i] == reg)
            return;
    *(uint32_t *)vpush(v, &tb->feat, sizeof(uint32_t)) = reg;
}

/* The leaf's payload: a regression score, or a distribution over `pcat`
 * categories (through catmap when the tree is a segment). */
static double add_leaf(vc *v, tbuild *tb, const pl_model *m, const pl_tree *t,
                       const pl_node *n, const int32_t *catmap, int single, double *p,
                       double *out, int has)
{
    uint8_t bad = !has;
    int32_t cat = -1;
    size_t k;
    if (!t->classification) {
        /* no score: no prediction, which a register holds as NaN */
        return has && n->has_score ? n->score : NAN;
    } else {
        if (bad || pm_tree_node_probs(m, t, n, p) < 0) {
            bad = 1;
        } else {
            cat = n->score_cat >= 0 ? n->score_cat : pm_pick(p, m->ncat);
            if (cat < 0)
                bad = 1;
        }
        if (single) {
            for (k = 0; k < m->ncat; k++)
                *(double *)vpush(v, &tb->lval, sizeof(double)) = bad ? 0.0 : p[k];
        } else {
            /* the segment's distribution as the parent adds it */
            memset(out, 0, tb->ncat * sizeof *out);
            if (catmap && !bad)
                for (k = 0; k < m->ncat; k++)
                    out[catmap[k]] += p[k];
            for (k = 0; k < tb->ncat; k++)
                *(double *)vpush(v, &tb->lval, sizeof(double)) = out[k];
            if (cat >= 0)
                cat = catmap ? catmap[cat] : -1;
        }
    }
    *(int32_t *)vpush(v, &tb->lcat, sizeof(int32_t)) = bad ? -1 : cat;
    *(uint8_t *)vpush(v, &tb->lbad, 1) = bad;
    return (double)tb->nleaves++;
}

/* One split as "x <= thr": the register, the threshold, and whether the
 * predicate holds on that side. */
static void split_of(vc *v, tbuild *tb, const pl_pred *p, uint32_t *reg, double *thr, int *on_le)
{
    vp_val x;
    if (p->kind != PK_CMP_NUM && p->kind != PK_CMP_STR)
        vc_fail(v, "a tree predicate without a block form");
    x = vc_slot(v, p->slot);
    if (x.kind != (p->kind == PK_CMP_STR ? VK_STR : VK_NUM))
        vc_fail(v, "a tree predicate of another type than its field");
    add_feat(v, tb, x.reg);
    if (p->kind == PK_CMP_STR && p->op != OP_EQUAL && p->op != OP_NOT_EQUAL)
        vc_fail(v, "a string ordering in a tree predicate");
    if (p->kind == PK_CMP_NUM && !isfinite(p->d))
        vc_fail(v, "a tree predicate at an infinite value");
    switch (p->op) {
    case OP_LESS_OR_EQUAL:
        *reg = x.reg, *thr = p->d, *on_le = 1;
        break;
    case OP_LESS_THAN: /* x < t is x <= the double below t */
        *reg = x.reg, *thr = nextafter(p->d, -INFINITY), *on_le = 1;
        break;
    case OP_GREATER_THAN:
        *reg = x.reg, *thr = p->d, *on_le = 0;
        break;
    case OP_GREATER_OR_EQUAL:
        *reg = x.reg, *thr = nextafter(p->d, -INFINITY), *on_le = 0;
        break;
    case OP_EQUAL:
    case OP_NOT_EQUAL:
        if (p->kind == PK_CMP_STR && p->id < 0)
            vc_fail(v, "a tree predicate on a string the model does not intern");
        *reg = indicator_reg(v, x.reg, p->kind == PK_CMP_STR ? (double)p->id : p->d);
        *thr = 0.5;
        *on_le = p->op == OP_NOT_EQUAL;
        break;
    default:
        vc_fail(v, "a tree predicate without a block form");
    }
}

/* Whether `q` holds whenever `p` does not (both on present values). */
static int is_complement(const pl_pred *p, const pl_pred *q)
{
    return q->kind == PK_TRUE ||
           (q->kind == p->kind && q->slot == p->slot && complement(p->op, q->op) &&
            (p->kind == PK_CMP_NUM ? q->d == p->d : q->id == p->id));
}

/* Work items of the breadth-first layout. */
enum { T_NODE = 0, T_CHAIN, T_NONE_TRUE };

typedef struct titem {
    uint32_t node;
    uint32_t kind, k, level;
} titem;

/* Adds one TreeModel.  A node's children become a chain of binary tests -
 * the first child whose predicate holds is taken - ending, when none does,
 * in the node's own result (noTrueChildStrategy) or a leaf without one. */
static void add_tree(vc *v, tbuild *tb, const pl_model *m, const int32_t *catmap, double w,
                     int single)
{
    const pl_tree *t = m->impl;
    size_t base = tb->nodes.n, head, tail = 1, maxd = 0;
    cvec items = { 0 };
    double *p = PM_NEW_ARRAY(v->cc->c, v->cc->c->tmp, double, m->ncat + 1);
    double *out = PM_NEW_ARRAY(v->cc->c, v->cc->c->tmp, double, tb->ncat + 1);
    titem *it;

    if (t->nnodes == 0 || deciding(t, &t->preds[t->nodes[0].pred])->kind != PK_TRUE)
        vc_fail(v, "a tree whose root predicate is not True");
    *(uint32_t *)vpush(v, &tb->root, sizeof(uint32_t)) = (uint32_t)base;
    *(double *)vpush(v, &tb->weight, sizeof(double)) = w;
    it = vpush(v, &items, sizeof *it);
    it->node = 0;
    it->kind = T_NODE;
    for (head = 0; head < tail; head++) {
        titem cur = ((titem *)items.items)[head];
        vp_node *vn;
        const pl_node *n;
        uint32_t self = (uint32_t)(base + head);
        vpush(v, &tb->nodes, sizeof(vp_node));
        for (;;) {
            n = &t->nodes[cur.node];
            if (cur.kind == T_NODE && n->nkids == 0)
                break;
            if (cur.kind == T_NODE) {
                cur.kind = T_CHAIN;
                cur.k = 0;
            }
            if (cur.kind == T_CHAIN) {
                const pl_pred *q = deciding(t, &t->preds[t->nodes[n->first + cur.k].pred]);
                if (q->kind == PK_TRUE) {
                    cur.node = (uint32_t)(n->first + cur.k);
                    cur.kind = T_NODE;
                    continue;
                }
                if (q->kind == PK_FALSE) {
                    if (++cur.k == (uint32_t)n->nkids)
                        cur.kind = T_NONE_TRUE;
                    continue;
                }
            }
            break;
        }
        if (cur.kind != T_CHAIN) {
            /* a leaf: the node's own result, or none */
            int has = cur.kind == T_NODE ||
                      (t->no_true_child == NO_TRUE_CHILD_LAST && (n->has_score || n->ndist));
            vn = &((vp_node *)tb->nodes.items)[base + head];
            /* x = -inf is never > thr: the walk stays; thr holds the
             * regression score (NaN: none), or the leaf's index */
            vn->off = v->neginf * VP_BLOCK;
            vn->kid = self;
            vn->thr = add_leaf(v, tb, m, t, n, catmap, single, p, out, has);
            if (cur.level > maxd)
                maxd = cur.level;
            continue;
        }
        {
            const pl_pred *q = deciding(t, &t->preds[t->nodes[n->first + cur.k].pred]);
            uint32_t reg;
            double thr;
            int on_le;
            titem yes, no;
            split_of(v, tb, q, &reg, &thr, &on_le);
            if (cur.level >= 250)
                vc_fail(v, "a tree deeper than 250 levels");
            vn = &((vp_node *)tb->nodes.items)[base + head];
            vn->thr = thr;
            vn->off = reg * VP_BLOCK;
            vn->kid = (uint32_t)(base + tail);
            yes.node = (uint32_t)(n->first + cur.k);
            yes.kind = T_NODE;
            yes.k = 0;
            no = cur;
            if (cur.k + 1 < (uint32_t)n->nkids &&
                is_complement(q, deciding(t, &t->preds[t->nodes[n->first + cur.k + 1].pred]))) {
                no.node = (uint32_t)(n->first + cur.k + 1);
                no.kind = T_NODE;
            } else if (cur.k + 1 < (uint32_t)n->nkids) {
                no.k = cur.k + 1;
            } else {
                no.kind = T_NONE_TRUE;
            }
            yes.level = no.level = cur.level + 1;
            it = vpush(v, &items, sizeof *it);
            *it = on_le ? yes : no;
            it = vpush(v, &items, sizeof *it);
            *it = on_le ? no : yes;
            tail += 2;
        }
    }
    *(uint8_t *)vpush(v, &tb->depth, 1) = (uint8_t)maxd;
}

/* The complete layout of the trees (vp_trees.ctop...), when they are
 * shallow enough for it to stay small. */
#define COMPLETE_MAX_DEPTH 10

static void fill_complete(const vp_node *nodes, uint32_t neginf_off, uint32_t g, unsigned d,
                          unsigned D, uint32_t ci, double *thr, uint32_t *off, double *pay)
{
    const vp_node *n = &nodes[g];
    int leaf = n->off == neginf_off && n->kid == g;
    if (d == D) {
        pay[ci - ((1u << D) - 1)] = n->thr;
        return;
    }
    if (leaf) {
        /* padding: -inf is never > 0, so the walk goes left */
        thr[ci] = 0.0;
        off[ci] = neginf_off;
        fill_complete(nodes, neginf_off, g, d + 1, D, 2 * ci + 1, thr, off, pay);
        fill_complete(nodes, neginf_off, g, d + 1, D, 2 * ci + 2, thr, off, pay);
        return;
    }
    thr[ci] = n->thr;
    off[ci] = n->off;
    fill_complete(nodes, neginf_off, n->kid, d + 1, D, 2 * ci + 1, thr, off, pay);
    fill_complete(nodes, neginf_off, n->kid + 1, d + 1, D, 2 * ci + 2, thr, off, pay);
}

static void complete_layout(vc *v, vp_trees *T)
{
    size_t t, ntop = 0, nbot = 0;
    uint32_t *ctop, *cbot, *coff;
    double *cthr, *cpay;
    for (t = 0; t < T->ntrees; t++) {
        if (T->depth[t] > COMPLETE_MAX_DEPTH)
            return;
        ntop += ((size_t)1 << T->depth[t]) - 1;
        nbot += (size_t)1 << T->depth[t];
    }
    /* not worth it when padding would outweigh the trees several times */
    if (ntop + nbot > 4 * (size_t)(T->root[T->ntrees - 1] + 1) + 4096)
        return;
    ctop = PM_NEW_ARRAY(v->cc->c, v->cc->a, uint32_t, T->ntrees + 1);
    cbot = PM_NEW_ARRAY(v->cc->c, v->cc->a, uint32_t, T->ntrees + 1);
    cthr = PM_NEW_ARRAY(v->cc->c, v->cc->a, double, ntop + 1);
    coff = PM_NEW_ARRAY(v->cc->c, v->cc->a, uint32_t, ntop + 1);
    cpay = PM_NEW_ARRAY(v->cc->c, v->cc->a, double, nbot + 1);
    ntop = nbot = 0;
    for (t = 0; t < T->ntrees; t++) {
        unsigned D = T->depth[t];
        ctop[t] = (uint32_t)ntop;
        cbot[t] = (uint32_t)nbot;
        fill_complete(T->nodes, v->neginf * VP_BLOCK, T->root[t], 0, D, 0, cthr + ntop,
                      coff + ntop, cpay + nbot);
        ntop += ((size_t)1 << D) - 1;
        nbot += (size_t)1 << D;
    }
    T->ctop = ctop;
    T->cbot = cbot;
    T->cthr = cthr;
    T->coff = coff;
    T->cpay = cpay;
}

/* Emits the trees gathered in `tb` as one op. */
static void flush_trees(vc *v, tbuild *tb, int mode, uint32_t dst, uint32_t cat)
{
    vp_trees *T;
    vp_op *op;
    if (!tb->root.n)
        return;
    T = PM_NEW(v->cc->c, v->cc->a, vp_trees);
    T->ntrees = tb->root.n;
    T->root = keep(v, &tb->root, sizeof(uint32_t));
    T->depth = keep(v, &tb->depth, 1);
    T->nodes = keep(v, &tb->nodes, sizeof(vp_node));
    T->weight = keep(v, &tb->weight, sizeof(double));
    T->ncat = tb->ncat;
    T->lval = keep(v, &tb->lval, sizeof(double));
    T->lcat = keep(v, &tb->lcat, sizeof(int32_t));
    T->lbad = keep(v, &tb->lbad, 1);
    T->nfeat = tb->feat.n;
    T->feat = keep(v, &tb->feat, sizeof(uint32_t));
    complete_layout(v, T);
    {
        size_t k;
        for (k = 0; k < T->nfeat; k++)
            *(uint32_t *)vpush(v, &v->pinned, sizeof(uint32_t)) = T->feat[k];
    }
    op = vc_op(v, VC_TREES);
    op->mode = (uint16_t)mode;
    op->p = T;
    op->dst = dst;
    op->b = cat;
    {
        size_t ncat = tb->ncat;
        memset(tb, 0, sizeof *tb);
        tb->ncat = ncat;
    }
}

/* ---- models ---- */

static vres *vc_model(vc *v, const pl_model *m);

/* Categorical terms t[from..to) of one field as a lookup table, when their
 * keys are distinct integers close together; 0 when they are not. */
static int cat_lookup(vc *v, const pl_term *t, size_t from, size_t to, vp_rstep *st)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    size_t i, size;
    double *lut;
    uint8_t *has;
    for (i = from; i < to; i++) {
        double key = t[i].is_str ? (double)t[i].id : t[i].num;
        if (!(key == floor(key) && fabs(key) < 1e9) || (t[i].is_str && t[i].id < 0))
            return 0;
        lo = key < lo ? key : lo;
        hi = key > hi ? key : hi;
    }
    if (hi - lo >= 4096)
        return 0;
    size = (size_t)(hi - lo) + 1;
    lut = PM_NEW_ARRAY(v->cc->c, v->cc->a, double, size);
    has = PM_NEW_ARRAY(v->cc->c, v->cc->a, uint8_t, size);
    memset(has, 0, size);
    for (i = from; i < to; i++) {
        size_t k = (size_t)((t[i].is_str ? (double)t[i].id : t[i].num) - lo);
        if (has[k])
            return 0; /* the same category twice: keep the terms apart */
        has[k] = 1;
        lut[k] = t[i].coef;
    }
    st->kind = VR_CAT;
    st->lo = lo;
    st->size = (uint32_t)size;
    st->lut = lut;
    st->has = has;
    return 1;
}

static void vc_regression(vc *v, const pl_model *m, vres *r)
{
    const pl_regression *pr = m->impl;
    vp_regtable *tabs = PM_NEW_ARRAY(v->cc->c, v->cc->a, vp_regtable, pr->ntables + 1);
    size_t i, j, k;
    vp_op *op;
    for (i = 0; i < pr->ntables; i++) {
        const pl_regtable *t = &pr->tables[i];
        cvec steps = { 0 };
        vp_rstep *st = NULL;
        for (j = 0; j < t->nterms; j++) {
            const pl_term *term = &t->terms[j];
            int want = term->kind == 1 && term->is_str ? VK_STR : VK_NUM;
            vp_val x;
            if (term->kind == 2) {
                uint32_t *regs = PM_NEW_ARRAY(v->cc->c, v->cc->a, uint32_t, term->nslots + 1);
                for (k = 0; k < term->nslots; k++) {
                    x = vc_slot(v, term->slots[k]);
                    if (x.kind != VK_NUM)
                        vc_fail(v, "a regression term of another type than its field");
                    regs[k] = x.reg;
                }
                st = vpush(v, &steps, sizeof *st);
                st->kind = VR_INTER;
                st->regs = regs;
                st->n = 0;
                st->exponent = (double)term->nslots;
                st->coef[0] = term->coef;
                st = NULL;
                continue;
            }
            x = vc_slot(v, term->slot);
            if (x.kind != want)
                vc_fail(v, "a regression term of another type than its field");
            if (term->kind == 1) {
                size_t end = j + 1;
                while (end < t->nterms && t->terms[end].kind == 1 &&
                       t->terms[end].slot == term->slot && t->terms[end].is_str == term->is_str)
                    end++;
                st = vpush(v, &steps, sizeof *st);
                st->reg[0] = x.reg;
                if (end - j > 1 && cat_lookup(v, t->terms, j, end, st)) {
                    j = end - 1;
                } else {
                    /* one term, compared as the row evaluator does; a string
                     * the model does not intern never matches */
                    st->kind = VR_CAT1;
                    st->lo = term->is_str ? (double)term->id : term->num;
                    st->coef[0] = term->coef;
                    if (term->is_str && term->id < 0)
                        st->lo = NAN;
                }
                st = NULL;
                continue;
            }
            if (term->exponent != 1.0) {
                st = vpush(v, &steps, sizeof *st);
                st->kind = VR_POW;
                st->reg[0] = x.reg;
                st->coef[0] = term->coef;
                st->exponent = term->exponent;
                st = NULL;
                continue;
            }
            if (!st || st->n == 4) {
                st = vpush(v, &steps, sizeof *st);
                st->kind = VR_NUM;
            }
            st->reg[st->n] = x.reg;
            st->coef[st->n] = term->coef;
            st->n++;
        }
        tabs[i].intercept = t->intercept;
        tabs[i].nsteps = steps.n;
        tabs[i].steps = keep(v, &steps, sizeof(vp_rstep));
    }
    if (m->function == FUNC_CLASSIFICATION && pr->ntables == 0)
        vc_fail(v, "a classification without regression tables");
    op = vc_op(v, VC_REGRESSION);
    op->p = m;
    op->q = tabs;
    need_tmp(v, pr->ntables + 2 + (pr->ntables + m->ncat) / VP_BLOCK + 1);
    if (m->function == FUNC_REGRESSION) {
        if (pr->ntables != 1)
            vc_fail(v, "a regression with other than one table");
        op->dst = vc_regs(v, 1);
        r->value = mkval(op->dst, VK_NUM, PMML_TYPE_DOUBLE);
    } else if (m->function == FUNC_CLASSIFICATION) {
        r->cls = 1;
        r->ncat = m->ncat;
        r->probs = op->dst = vc_regs(v, m->ncat);
        r->cat = op->b = vc_regs(v, 1);
    } else {
        vc_fail(v, "a regression model of another function");
    }
}

static void vc_neural(vc *v, const pl_model *m, vres *r)
{
    const pl_neural *nn = m->impl;
    uint32_t *in = PM_NEW_ARRAY(v->cc->c, v->cc->a, uint32_t, nn->ninputs + 1);
    vp_op *op;
    size_t i;
    for (i = 0; i < nn->ninputs; i++) {
        vp_val x = vc_expr(v, nn->inputs[i]);
        if (x.kind != VK_NUM)
            vc_fail(v, "a string neural input");
        in[i] = x.reg;
    }
    op = vc_op(v, VC_NEURAL);
    op->p = m;
    op->args = in;
    op->n = (uint32_t)nn->ninputs;
    need_tmp(v, nn->nneurons + m->ncat + 1);
    if (m->function == FUNC_CLASSIFICATION) {
        r->cls = 1;
        r->ncat = m->ncat;
        r->probs = op->dst = vc_regs(v, m->ncat);
        r->cat = op->b = vc_regs(v, 1);
    } else if (m->function == FUNC_REGRESSION && nn->noutputs >= 1) {
        op->dst = vc_regs(v, 1);
        r->value = mkval(op->dst, VK_NUM, PMML_TYPE_DOUBLE);
    } else {
        vc_fail(v, "a neural network of another function");
    }
}

static int tree_fuses(const pl_model *s)
{
    const pl_target *t = &s->target;
    if (s->type != MODEL_TREE || s->npreps || s->nderives || s->noutputs)
        return 0;
    if (s->function == FUNC_REGRESSION)
        return !t->has_rescale &&
               !(t->present && t->datatype && t->datatype != PMML_TYPE_DOUBLE);
    return s->function == FUNC_CLASSIFICATION;
}

/* A segment's result, as its parent sees it: through the catmap. */
static void vc_catmap(vc *v, const pl_model *m, const pl_segment *seg, const vres *cr, vres *r)
{
    vp_op *op;
    size_t k;
    int identity = seg->catmap && seg->model->ncat == m->ncat;
    if (!cr->cls)
        vc_fail(v, "a regression segment of a classification");
    if (!seg->catmap)
        vc_fail(v, "a segment without categories of its parent");
    for (k = 0; identity && k < m->ncat; k++)
        identity = seg->catmap[k] == (int32_t)k;
    r->cls = 1;
    r->ncat = m->ncat;
    if (identity) {
        r->probs = cr->probs;
        r->cat = cr->cat;
        return;
    }
    op = vc_op(v, VC_CATMAP);
    op->p = seg;
    op->a = cr->probs;
    op->b = cr->cat;
    op->n = (uint32_t)seg->model->ncat;
    op->k = (double)m->ncat;
    r->probs = op->dst = vc_regs(v, m->ncat);
    r->cat = op->c = vc_regs(v, 1);
}

static void vc_mining(vc *v, const pl_model *m, vres *r)
{
    const pl_mining *mm = m->impl;
    int cls = m->function == FUNC_CLASSIFICATION, mode = 0;
    size_t i, ncat = m->ncat;
    uint32_t acc;
    double wsum = 0.0;
    tbuild tb;
    vp_op *op;

    if (!cls && m->function != FUNC_REGRESSION)
        vc_fail(v, "a MiningModel of another function");
    if (mm->nsegments == 0)
        vc_fail(v, "a MiningModel without segments");
    for (i = 0; i < mm->nsegments; i++) {
        const pl_segment *seg = &mm->segments[i];
        if (mm->preds[seg->pred].kind != PK_TRUE || seg->weight_slot >= 0)
            vc_fail(v, "a segment that is not always used with a fixed weight");
        wsum += seg->weight;
    }
    if (mm->method == MM_MODEL_CHAIN || mm->method == MM_SELECT_FIRST) {
        size_t last = mm->method == MM_SELECT_FIRST ? 0 : mm->nsegments - 1;
        vres *cr = NULL;
        for (i = 0; i <= last; i++)
            cr = vc_model(v, mm->segments[i].model);
        if (cls)
            vc_catmap(v, m, &mm->segments[last], cr, r);
        else if (cr->cls)
            vc_fail(v, "a classification segment ends a regression chain");
        else
            r->value = cr->value;
        return;
    }
    switch (mm->method) {
    case MM_SUM:
    case MM_AVERAGE:
        mode = cls ? VA_PROBS : VA_SUM;
        break;
    case MM_WEIGHTED_SUM:
        mode = cls ? 0 : VA_WSUM;
        break;
    case MM_WEIGHTED_AVERAGE:
        mode = cls ? VA_WPROBS : VA_WSUM;
        break;
    case MM_MAX:
        mode = cls ? 0 : VA_MAX;
        break;
    case MM_MAJORITY_VOTE:
        mode = cls ? VA_VOTE : 0;
        break;
    case MM_WEIGHTED_MAJORITY_VOTE:
        mode = cls ? VA_WVOTE : 0;
        break;
    }
    if (!mode || (cls && mm->method == MM_SUM))
        vc_fail(v, "a multipleModelMethod without a block form");
    if (mm->missing_threshold < 0)
        vc_fail(v, "a negative missingThreshold");
    if ((mm->method == MM_WEIGHTED_AVERAGE) && wsum == 0.0)
        vc_fail(v, "segment weights that sum to 0");
    acc = vc_regs(v, cls ? ncat : 1);
    op = vc_op(v, VC_ZERO);
    op->dst = acc;
    op->n = (uint32_t)(cls ? ncat : 1);
    op->k = mode == VA_MAX ? -HUGE_VAL : 0.0;
    memset(&tb, 0, sizeof tb);
    tb.ncat = cls ? ncat : 0;
    need_tmp(v, ncat + 1);
    for (i = 0; i < mm->nsegments; i++) {
        const pl_segment *seg = &mm->segments[i];
        const vres *cr;
        if (tree_fuses(seg->model) && (seg->model->function == FUNC_CLASSIFICATION) == cls) {
            add_tree(v, &tb, seg->model, seg->catmap, seg->weight, 0);
            continue;
        }
        flush_trees(v, &tb, mode, acc, 0);
        cr = vc_model(v, seg->model);
        if (cr->cls != cls)
            vc_fail(v, "a segment of another function than its MiningModel");
        op = vc_op(v, cls ? (mode == VA_VOTE || mode == VA_WVOTE ? VC_ACC_VOTE : VC_ACC_PROBS)
                          : VC_ACC_VALUE);
        op->mode = (uint16_t)mode;
        op->dst = acc;
        op->a = cls ? cr->probs : cr->value.reg;
        op->b = cr->cat;
        op->w = seg->weight;
        op->p = seg;
        op->n = (uint32_t)seg->model->ncat;
        op->k = (double)ncat;
        if (cls && !seg->catmap)
            vc_fail(v, "a segment without categories of its parent");
        need_tmp(v, ncat + 1);
    }
    flush_trees(v, &tb, mode, acc, 0);
    op = vc_op(v, VC_MINING_DONE);
    op->p = m;
    op->dst = acc;
    op->n = (uint32_t)mm->nsegments;
    op->w = wsum;
    op->mode = (uint16_t)mode;
    if (cls) {
        r->cls = 1;
        r->ncat = ncat;
        r->probs = acc;
        r->cat = op->b = vc_regs(v, 1);
    } else {
        r->value = mkval(acc, VK_NUM, PMML_TYPE_DOUBLE);
    }
}

static void vc_targets(vc *v, const pl_model *m, vres *r)
{
    const pl_target *t = &m->target;
    vp_op *op;
    if (m->function != FUNC_REGRESSION || r->cls)
        return;
    if (t->has_default) {
        /* a missing prediction takes the default: the row evaluator's case */
        op = vc_op(v, VC_CHECK);
        op->a = r->value.reg;
    }
    if (t->has_rescale) {
        op = vc_op(v, VC_TARGET);
        op->p = t;
        op->a = r->value.reg;
        op->dst = vc_regs(v, 1);
        r->value = mkval(op->dst, VK_NUM,
                         t->cast != CAST_NONE ? PMML_TYPE_INTEGER : r->value.dt);
    }
    if (t->present && t->datatype && t->datatype != r->value.dt)
        r->value = vc_cast(v, r->value, t->datatype);
}

/* A category as an OutputField of type `dt` holds it. */
static double category_as(vc *v, const pv *c, int dt, int *kind)
{
    if (dt == PMML_TYPE_UNKNOWN || dt == c->t) {
        *kind = pm_type_is_string(c->t) ? VK_STR : VK_NUM;
        return pv_key(v, c, *kind);
    }
    if (pm_type_is_string(c->t) || dt == PMML_TYPE_STRING || pm_type_is_temporal(dt) ||
        pm_type_is_temporal(c->t))
        vc_fail(v, "a predicted category converted to another type");
    *kind = VK_NUM;
    if (dt == PMML_TYPE_INTEGER && !(isfinite(c->d) && c->d == floor(c->d)))
        vc_fail(v, "a predicted category that is not an integer");
    if (dt == PMML_TYPE_BOOLEAN && c->d != 0.0 && c->d != 1.0)
        vc_fail(v, "a predicted category that is not a boolean");
    return dt == PMML_TYPE_FLOAT ? (double)(float)c->d : c->d;
}

static void vc_outputs(vc *v, const pl_model *m)
{
    size_t i, k;
    for (i = 0; i < m->noutputs; i++) {
        const pl_output *o = &m->outputs[i];
        const vres *sr = o->src ? &v->res[o->src->result] : NULL;
        vp_val x;
        vp_op *op;
        if (!sr || !sr->set)
            vc_fail(v, "an output of a model the block evaluator does not score");
        switch (o->feature) {
        case FEAT_PREDICTED_VALUE:
            if (!sr->cls) {
                x = vc_cast(v, sr->value, o->datatype);
                break;
            } else {
                double *table = PM_NEW_ARRAY(v->cc->c, v->cc->a, double, o->src->ncat + 1);
                int kind = VK_NUM, kk;
                for (k = 0; k < o->src->ncat; k++) {
                    table[k] = category_as(v, &o->src->cats[k], o->datatype, &kk);
                    if (k && kk != kind)
                        vc_fail(v, "categories of mixed types");
                    kind = kk;
                }
                if (!o->src->ncat)
                    vc_fail(v, "a classification without categories");
                op = vc_op(v, VC_CATVAL);
                op->a = sr->cat;
                op->p = table;
                op->n = (uint32_t)o->src->ncat;
                op->dst = vc_regs(v, 1);
                x = mkval(op->dst, kind,
                          o->datatype ? o->datatype : o->src->cats[0].t);
            }
            break;
        case FEAT_PROBABILITY:
            if (!sr->cls)
                vc_fail(v, "a probability of a regression");
            if (o->cat >= 0) {
                if ((size_t)o->cat >= sr->ncat)
                    vc_fail(v, "a probability of an unknown category");
                x = mkval(sr->probs + (uint32_t)o->cat, VK_NUM, PMML_TYPE_DOUBLE);
            } else {
                op = vc_op(v, VC_WINPROB);
                op->a = sr->cat;
                op->b = sr->probs;
                op->n = (uint32_t)sr->ncat;
                op->dst = vc_regs(v, 1);
                x = mkval(op->dst, VK_NUM, PMML_TYPE_DOUBLE);
            }
            x = vc_cast(v, x, o->datatype);
            break;
        default:
            vc_fail(v, "an OutputField feature without a block form");
            return;
        }
        set_slot(v, o->slot, x);
    }
}

static void vc_prep(vc *v, const pl_prep *p)
{
    vp_val x = vc_slot(v, p->src);
    const pl_treat *t = &p->treat;
    vp_op *op = vc_op(v, VC_PREP);
    op->a = x.reg;
    op->p = t;
    if (t->has_missing_replacement)
        missing_value(v, op, &t->missing_replacement, x);
    if (x.kind == VK_STR)
        op->flag |= 2; /* no outlier treatment of strings */
    op->dst = vc_regs(v, 1);
    set_slot(v, p->dst, mkval(op->dst, x.kind, x.dt));
}

static void vc_derives(vc *v, const pl_derive *d, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        vp_val x = vc_cast(v, vc_expr(v, d[i].expr), d[i].datatype);
        if (d[i].expr->op != EOP_FIELD || d[i].expr->has_map_missing) {
            /* NaN here is a missing value or a domain error: either way the
             * row evaluator decides */
            vp_op *op = vc_op(v, VC_CHECK);
            op->a = x.reg;
        }
        set_slot(v, d[i].slot, x);
    }
}

static vres *vc_model(vc *v, const pl_model *m)
{
    vres *r = &v->res[m->result];
    size_t i;
    for (i = 0; i < m->npreps; i++)
        vc_prep(v, &m->preps[i]);
    vc_derives(v, m->derives, m->nderives);
    memset(r, 0, sizeof *r);
    switch (m->type) {
    case MODEL_REGRESSION:
        vc_regression(v, m, r);
        break;
    case MODEL_TREE: {
        tbuild tb;
        uint32_t dst, cat = 0;
        if (m->function != FUNC_REGRESSION && m->function != FUNC_CLASSIFICATION)
            vc_fail(v, "a tree of another function");
        memset(&tb, 0, sizeof tb);
        tb.ncat = m->function == FUNC_CLASSIFICATION ? m->ncat : 0;
        add_tree(v, &tb, m, NULL, 1.0, 1);
        if (m->function == FUNC_CLASSIFICATION) {
            r->cls = 1;
            r->ncat = m->ncat;
            r->probs = dst = vc_regs(v, m->ncat);
            r->cat = cat = vc_regs(v, 1);
        } else {
            dst = vc_regs(v, 1);
            r->value = mkval(dst, VK_NUM, PMML_TYPE_DOUBLE);
        }
        flush_trees(v, &tb, VA_SINGLE, dst, cat);
        break;
    }
    case MODEL_MINING:
        vc_mining(v, m, r);
        break;
    case MODEL_NEURAL:
        vc_neural(v, m, r);
        break;
    default:
        vc_fail(v, "a model type without a block form");
    }
    r->set = 1;
    vc_targets(v, m, r);
    vc_outputs(v, m);
    return r;
}

static void vc_columns(vc *v, vp_plan *p, const vres *top)
{
    const pmml_model *m = v->m;
    size_t j;
    p->columns = PM_NEW_ARRAY(v->cc->c, v->cc->a, vp_column, m->ncolumns + 1);
    for (j = 0; j < m->ncolumns; j++) {
        const pl_column *c = &m->columns[j];
        vp_column *pc = &p->columns[j];
        if (c->is_target && c->ncands)
            vc_fail(v, "several targets");
        if (c->is_target && top->cls) {
            pc->cat_source = 1;
            pc->v = mkval(top->cat, VK_NUM, PMML_TYPE_INTEGER);
            pc->model = m->top;
        } else if (c->is_target) {
            pc->v = top->value;
        } else {
            pc->v = vc_slot(v, c->slot);
        }
    }
}

void cx_vector_plan(ccomp *cc)
{
    pmml_model *m = cc->m;
    vc *v = PM_NEW(cc->c, cc->c->tmp, vc);
    vp_plan *p;
    const vres *top;
    size_t i;

    memset(v, 0, sizeof *v);
    v->cc = cc;
    v->m = m;
    if (setjmp(v->fail)) {
        m->vp = NULL;
        m->vp_why = v->why;
        return;
    }
    if (m->nlags)
        vc_fail(v, "Lag");
    if (m->naggs)
        vc_fail(v, "Aggregate");
    v->slot = PM_NEW_ARRAY(cc->c, cc->c->tmp, vp_val, m->nslots + 1);
    for (i = 0; i < m->nslots; i++)
        v->slot[i].reg = NO_REG;
    v->res = PM_NEW_ARRAY(cc->c, cc->c->tmp, vres, m->nresults + 1);
    memset(v->res, 0, (m->nresults + 1) * sizeof *v->res);
    v->neginf = vc_const(v, -HUGE_VAL, VK_NUM, PMML_TYPE_DOUBLE).reg;
    p = PM_NEW(cc->c, cc->a, vp_plan);
    memset(p, 0, sizeof *p);
    p->inputs = PM_NEW_ARRAY(cc->c, cc->a, vp_input, m->ninputs + 1);
    for (i = 0; i < m->ninputs; i++) {
        const pl_input *in = &m->inputs[i];
        int kind = pm_type_is_string(in->datatype) ? VK_STR : VK_NUM;
        if (!is_num_type(in->datatype) && kind != VK_STR)
            vc_fail(v, "an input of unknown type");
        p->inputs[i].reg = vc_regs(v, 1);
        p->inputs[i].kind = (uint8_t)kind;
        set_slot(v, in->slot, mkval(p->inputs[i].reg, kind, in->datatype));
    }
    vc_derives(v, m->globals, m->nglobals);
    top = vc_model(v, m->top);
    vc_columns(v, p, top);
    p->nregs = v->nregs;
    p->nops = v->ops.n;
    p->ops = keep(v, &v->ops, sizeof(vp_op));
    p->nconsts = v->consts.n;
    p->consts = keep(v, &v->consts, sizeof(vp_const));
    p->ntmp = v->ntmp;
    {
        uint8_t *pin = PM_NEW_ARRAY(cc->c, cc->a, uint8_t, v->nregs + 1);
        const uint32_t *pr = v->pinned.items;
        memset(pin, 0, v->nregs + 1);
        for (i = 0; i < v->pinned.n; i++)
            pin[pr[i]] = 1;
        p->pinned = pin;
    }
    m->vp = p;
    m->vp_why = NULL;
}
