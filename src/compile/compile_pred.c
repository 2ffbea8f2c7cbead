/* compile_pred.c - predicates into (slot, operator, constant) form. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"
#include "util/datetime.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

/* The type used to compare a field's values. */
static int compare_type(const cfield *f)
{
    if (f->datatype == PMML_TYPE_UNKNOWN)
        return PMML_TYPE_DOUBLE;
    return f->datatype;
}

static void compile_simple(ccomp *cc, cscope *s, pl_pred *q, const pm_pred *p)
{
    cfield *f = cx_use(cc, s, p->field, p->line, "SimplePredicate");
    int dt = compare_type(f);
    q->slot = f->slot;
    q->op = (uint8_t)p->op;
    if (p->op == OP_IS_MISSING) {
        q->kind = PK_IS_MISSING;
        return;
    }
    if (p->op == OP_IS_NOT_MISSING) {
        q->kind = PK_IS_NOT_MISSING;
        return;
    }
    if (pm_type_is_string(dt)) {
        pv v = cx_value(cc, p->value, PMML_TYPE_STRING, p->line, "SimplePredicate");
        q->id = v.id;
        q->s = v.s;
        q->len = v.len;
        q->kind = PK_CMP_STR;
        if (p->op != OP_EQUAL && p->op != OP_NOT_EQUAL && f->dom && f->dom->nvalid &&
            f->optype == PMML_OPTYPE_ORDINAL) {
            int k = cx_domain_find(f->dom, &v);
            if (k < 0)
                pm_throw(cc->c, PMML_ERR_PMML, p->line, "SimplePredicate",
                         "SimplePredicate: '%s' is not a value of the ordinal field '%s'",
                         p->value, p->field);
            q->kind = PK_CMP_STR_ORD;
            q->d = k;
            q->dom = f->dom;
        }
        return;
    }
    {
        /* integer fields compare with fractional thresholds too */
        int ct = dt == PMML_TYPE_BOOLEAN || pm_type_is_temporal(dt) ? dt : PMML_TYPE_DOUBLE;
        pv v = cx_value(cc, p->value, ct, p->line, "SimplePredicate");
        q->kind = PK_CMP_NUM;
        q->d = dt == PMML_TYPE_FLOAT ? (double)(float)v.d : v.d;
    }
}

static void compile_set(ccomp *cc, cscope *s, pl_pred *q, const pm_pred *p)
{
    cfield *f = cx_use(cc, s, p->field, p->line, "SimpleSetPredicate");
    int dt = compare_type(f);
    size_t i, n = p->array.n;
    q->slot = f->slot;
    q->op = (uint8_t)p->op;
    q->n = n;
    if (pm_type_is_string(dt)) {
        int32_t *ids = PM_NEW_ARRAY(cc->c, cc->a, int32_t, n + 1);
        for (i = 0; i < n; i++)
            ids[i] = cx_value(cc, p->array.items[i], PMML_TYPE_STRING, p->line, "Array").id;
        qsort(ids, n, sizeof *ids, cmp_i32);
        q->ids = ids;
        q->kind = PK_SET_STR;
    } else {
        double *nums = PM_NEW_ARRAY(cc->c, cc->a, double, n + 1);
        for (i = 0; i < n; i++)
            nums[i] = cx_value(cc, p->array.items[i],
                               dt == PMML_TYPE_BOOLEAN || pm_type_is_temporal(dt)
                                   ? dt
                                   : PMML_TYPE_DOUBLE,
                               p->line, "Array")
                          .d;
        if (dt == PMML_TYPE_FLOAT)
            for (i = 0; i < n; i++)
                nums[i] = (double)(float)nums[i];
        qsort(nums, n, sizeof *nums, cmp_double);
        q->nums = nums;
        q->kind = PK_SET_NUM;
    }
}

size_t cx_pred_count(const pm_pred *p)
{
    size_t n = 1, i;
    if (p && p->kind == PRED_COMPOUND)
        for (i = 0; i < p->nkids; i++)
            n += cx_pred_count(p->kids[i]);
    return n;
}

uint32_t cx_pred(ccomp *cc, cscope *s, cvec *preds, const pm_pred *p)
{
    pl_pred q;
    uint32_t idx;
    memset(&q, 0, sizeof q);
    q.slot = -1;
    switch (p->kind) {
    case PRED_TRUE:
        q.kind = PK_TRUE;
        break;
    case PRED_FALSE:
        q.kind = PK_FALSE;
        break;
    case PRED_SIMPLE:
        compile_simple(cc, s, &q, p);
        break;
    case PRED_SET:
        compile_set(cc, s, &q, p);
        break;
    case PRED_COMPOUND: {
        uint32_t *kids = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, p->nkids);
        size_t i;
        for (i = 0; i < p->nkids; i++)
            kids[i] = cx_pred(cc, s, preds, p->kids[i]);
        q.kids = kids;
        q.n = p->nkids;
        q.kind = p->op == BOOL_AND ? PK_AND
                 : p->op == BOOL_OR ? PK_OR
                 : p->op == BOOL_XOR ? PK_XOR
                                     : PK_SURROGATE;
        break;
    }
    }
    idx = (uint32_t)preds->n;
    *(pl_pred *)cvec_push(cc, preds, sizeof(pl_pred)) = q;
    return idx;
}
