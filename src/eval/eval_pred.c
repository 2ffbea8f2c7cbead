/* eval_pred.c - three-valued predicates over the row's slots. */
#include "config.h"

#include <string.h>

#include "compile/compile.h"
#include "eval/eval.h"
#include "model/model.h"

static int cmp_op(int op, int c)
{
    switch (op) {
    case OP_EQUAL:
        return c == 0;
    case OP_NOT_EQUAL:
        return c != 0;
    case OP_LESS_THAN:
        return c < 0;
    case OP_LESS_OR_EQUAL:
        return c <= 0;
    case OP_GREATER_THAN:
        return c > 0;
    case OP_GREATER_OR_EQUAL:
        return c >= 0;
    }
    return 0;
}

static int in_sorted_ids(const int32_t *ids, size_t n, int32_t id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && ids[lo] == id;
}

static int in_sorted_nums(const double *v, size_t n, double x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo] == x;
}

int pm_eval_pred(const pl_pred *preds, uint32_t i, const pm_scratch *sc, int *surrogate)
{
    const pl_pred *p = &preds[i];
    const pv *v;
    size_t k;
    int r, unknown;

    switch (p->kind) {
    case PK_TRUE:
        return PR_TRUE;
    case PK_FALSE:
        return PR_FALSE;
    case PK_IS_MISSING:
        return sc->vals[p->slot].st == VS_MISSING ? PR_TRUE : PR_FALSE;
    case PK_IS_NOT_MISSING:
        return sc->vals[p->slot].st != VS_MISSING ? PR_TRUE : PR_FALSE;
    case PK_CMP_NUM:
        v = &sc->vals[p->slot];
        if (v->st == VS_MISSING)
            return PR_UNKNOWN;
        if (pm_type_is_string(v->t))
            return PR_FALSE;
        return cmp_op(p->op, v->d < p->d ? -1 : v->d > p->d) ? PR_TRUE : PR_FALSE;
    case PK_CMP_STR:
        v = &sc->vals[p->slot];
        if (v->st == VS_MISSING)
            return PR_UNKNOWN;
        if (p->op == OP_EQUAL || p->op == OP_NOT_EQUAL) {
            int eq = v->id >= 0 ? v->id == p->id
                                : v->len == p->len && v->s && memcmp(v->s, p->s, p->len) == 0;
            return (p->op == OP_EQUAL) == eq ? PR_TRUE : PR_FALSE;
        } else {
            /* ordering of non-ordinal strings: by their bytes */
            size_t n = v->len < p->len ? v->len : p->len;
            int c = v->s ? memcmp(v->s, p->s, n) : 0;
            if (c == 0)
                c = v->len < p->len ? -1 : v->len > p->len;
            return cmp_op(p->op, c) ? PR_TRUE : PR_FALSE;
        }
    case PK_CMP_STR_ORD: {
        int rank;
        v = &sc->vals[p->slot];
        if (v->st == VS_MISSING)
            return PR_UNKNOWN;
        rank = cx_domain_find(p->dom, v);
        if (rank < 0)
            return PR_FALSE;
        return cmp_op(p->op, rank < (int)p->d ? -1 : rank > (int)p->d) ? PR_TRUE : PR_FALSE;
    }
    case PK_SET_NUM:
        v = &sc->vals[p->slot];
        if (v->st == VS_MISSING)
            return PR_UNKNOWN;
        r = !pm_type_is_string(v->t) && in_sorted_nums(p->nums, p->n, v->d);
        return r == (p->op == 1) ? PR_TRUE : PR_FALSE;
    case PK_SET_STR:
        v = &sc->vals[p->slot];
        if (v->st == VS_MISSING)
            return PR_UNKNOWN;
        r = v->id >= 0 && in_sorted_ids(p->ids, p->n, v->id);
        return r == (p->op == 1) ? PR_TRUE : PR_FALSE;
    case PK_AND:
        unknown = 0;
        for (k = 0; k < p->n; k++) {
            r = pm_eval_pred(preds, p->kids[k], sc, surrogate);
            if (r == PR_FALSE)
                return PR_FALSE;
            if (r == PR_UNKNOWN)
                unknown = 1;
        }
        return unknown ? PR_UNKNOWN : PR_TRUE;
    case PK_OR:
        unknown = 0;
        for (k = 0; k < p->n; k++) {
            r = pm_eval_pred(preds, p->kids[k], sc, surrogate);
            if (r == PR_TRUE)
                return PR_TRUE;
            if (r == PR_UNKNOWN)
                unknown = 1;
        }
        return unknown ? PR_UNKNOWN : PR_FALSE;
    case PK_XOR: {
        int parity = 0;
        for (k = 0; k < p->n; k++) {
            r = pm_eval_pred(preds, p->kids[k], sc, surrogate);
            if (r == PR_UNKNOWN)
                return PR_UNKNOWN;
            parity ^= r == PR_TRUE;
        }
        return parity ? PR_TRUE : PR_FALSE;
    }
    case PK_SURROGATE:
        for (k = 0; k < p->n; k++) {
            r = pm_eval_pred(preds, p->kids[k], sc, surrogate);
            if (r != PR_UNKNOWN) {
                if (k > 0 && surrogate)
                    (*surrogate)++;
                return r;
            }
        }
        return PR_UNKNOWN;
    }
    return PR_UNKNOWN;
}
