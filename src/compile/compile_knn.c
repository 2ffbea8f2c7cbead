/* compile_knn.c - a NearestNeighborModel: training instances as typed
 * values (transformed at load when they are given raw), their targets and
 * ids, and a k-d tree where the measure allows one. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"
#include "eval/value.h"

/* Instances that must go through the model's transformations. */
typedef struct knn_job {
    pl_model *m;
    pl_knn *knn;
    cscope *scope;
    const pm_knn *src;
    const int *col; /* per InstanceField: its column in the table, or -1 */
    unsigned line;
} knn_job;

/* The index of the InstanceField for `field`, or -1. */
static int instance_field(const pm_knn *k, const char *field)
{
    size_t i;
    for (i = 0; i < k->ninstance_fields; i++)
        if (strcmp(k->instance_fields[i], field) == 0)
            return (int)i;
    return -1;
}

static const char *cell(const pm_knn *k, const int *col, size_t row, int f)
{
    int j = f >= 0 ? col[f] : -1;
    if (j < 0)
        return NULL;
    return k->table->cells[row * k->table->ncols + (size_t)j];
}

/* A cell as a value of `dt`: missing when absent or empty, invalid when it
 * does not parse. */
static pv cell_value(ccomp *cc, const char *text, int dt)
{
    pv v;
    if (!text || !*text)
        return pv_missing();
    if (!cx_try_value(cc, text, dt ? dt : PMML_TYPE_STRING, &v)) {
        v = pv_missing();
        v.st = VS_INVALID;
    }
    return v;
}

/* ---- the k-d tree ---- */

typedef struct kbuild {
    const double *pts;
    size_t dims;
    uint32_t *order;
    cvec nodes;
} kbuild;

typedef struct along {
    const double *pts;
    size_t dims, dim;
} along;

static int cmp_along(const void *a, const void *b, void *ctx)
{
    const along *al = ctx;
    uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
    double x = al->pts[i * al->dims + al->dim], y = al->pts[j * al->dims + al->dim];
    if (x != y)
        return x < y ? -1 : 1;
    return i < j ? -1 : i > j;
}

#define KD_LEAF 16

static int32_t kd_build(ccomp *cc, kbuild *b, uint32_t lo, uint32_t hi, int depth)
{
    int32_t at = (int32_t)b->nodes.n;
    pl_kdnode *nd = cvec_push(cc, &b->nodes, sizeof *nd);
    size_t d, best = 0;
    double spread = -1.0;
    uint32_t mid;
    nd->lo = lo;
    nd->hi = hi;
    nd->dim = -1;
    nd->left = nd->right = -1;
    if (hi - lo <= KD_LEAF || depth > 60)
        return at;
    /* split the widest dimension at its median */
    for (d = 0; d < b->dims; d++) {
        double mn = HUGE_VAL, mx = -HUGE_VAL;
        uint32_t i;
        for (i = lo; i < hi; i++) {
            double x = b->pts[b->order[i] * b->dims + d];
            mn = x < mn ? x : mn;
            mx = x > mx ? x : mx;
        }
        if (mx - mn > spread) {
            spread = mx - mn;
            best = d;
        }
    }
    if (!(spread > 0.0))
        return at;
    {
        along al;
        al.pts = b->pts;
        al.dims = b->dims;
        al.dim = best;
        cx_sort(cc, b->order + lo, hi - lo, sizeof *b->order, cmp_along, &al);
    }
    mid = lo + (hi - lo) / 2;
    {
        double split = b->pts[b->order[mid] * b->dims + best];
        int32_t left, right;
        left = kd_build(cc, b, lo, mid, depth + 1);
        right = kd_build(cc, b, mid, hi, depth + 1);
        nd = (pl_kdnode *)b->nodes.items + at;
        nd->dim = (int32_t)best;
        nd->split = split;
        nd->left = left;
        nd->right = right;
    }
    return at;
}

/* A tree when every KNNInput is numeric with absDiff under a distance
 * measure and no instance lacks a value; rows with missing values still
 * scan every instance. */
static void maybe_tree(ccomp *cc, pl_knn *k)
{
    size_t i, j, n = k->n, d = k->ninputs;
    double *pts;
    kbuild b;
    if (n < 4 * KD_LEAF || k->ms.similarity || k->ms.measure > MEASURE_MINKOWSKI)
        return;
    for (j = 0; j < d; j++)
        if (k->fields[j].compare != CMP_ABS_DIFF)
            return;
    for (i = 0; i < n * d; i++)
        if (k->inst[i].st != VS_VALID || pm_type_is_string(k->inst[i].t))
            return;
    /* guarded in cx_knn: n * d fits */
    pts = PM_NEW_ARRAY(cc->c, cc->a, double, n *d + 1);
    for (i = 0; i < n * d; i++)
        pts[i] = k->inst[i].d;
    memset(&b, 0, sizeof b);
    b.pts = pts;
    b.dims = d;
    b.order = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, n + 1);
    for (i = 0; i < n; i++)
        b.order[i] = (uint32_t)i;
    kd_build(cc, &b, 0, (uint32_t)n, 0);
    k->points = pts;
    k->order = b.order;
    k->nodes = cvec_keep(cc, &b.nodes, sizeof(pl_kdnode));
    k->nnodes = b.nodes.n;
}

void cx_knn(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_knn *src = &pm->u.knn;
    pl_knn *k = PM_NEW(cc->c, cc->a, pl_knn);
    const pm_table *t = src->table;
    pl_cmpfield *fields = PM_NEW_ARRAY(cc->c, cc->a, pl_cmpfield, src->ninputs + 1);
    int *col = PM_NEW_ARRAY(cc->c, cc->c->tmp, int, src->ninstance_fields + 1);
    int *in_field = PM_NEW_ARRAY(cc->c, cc->c->tmp, int, src->ninputs + 1);
    int pending = 0;
    size_t i, j, n = t->nrows, ni = src->ninputs;
    pv *inst, *ids;

    if (m->function != FUNC_CLUSTERING && !m->target.present)
        pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                 "NearestNeighborModel: a %s needs a target field", pm->function_name);
    if (ni && n > ((size_t)1 << 27) / ni)
        pm_throw(cc->c, PMML_ERR_LIMIT, src->instances_line, "TrainingInstances",
                 "TrainingInstances: %zu instances of %zu inputs are too many", n, ni);
    cx_measure(&src->measure, &k->ms);
    if (k->ms.similarity != (k->ms.measure >= MEASURE_SIMPLE_MATCHING))
        pm_throw(cc->c, PMML_ERR_PMML, src->measure.line, "ComparisonMeasure",
                 "ComparisonMeasure: kind=\"%s\" does not fit the measure",
                 k->ms.similarity ? "similarity" : "distance");
    if (k->ms.similarity && (src->continuous_method == KNN_WEIGHTED_AVERAGE ||
                             src->categorical_method == KNN_WEIGHTED_MAJORITY_VOTE))
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, pm->line, pm->element,
                 "NearestNeighborModel: weighted scoring is defined by distances, not by a "
                 "similarity measure");
    for (i = 0; i < src->ninstance_fields; i++) {
        col[i] = (int)pm_table_column(t, src->instance_columns[i]);
        /* a column no row has is a column of missing values */
    }
    for (i = 0; i < ni; i++) {
        const pm_knn_input *in = &src->inputs[i];
        cfield *f = cx_use(cc, s, in->field, in->line, "KNNInput");
        int compare = in->compare >= 0 ? in->compare : src->measure.compare;
        cx_cmpfield(cc, f, compare, in->weight, 0.0, NULL, in->line, "KNNInput", &fields[i]);
        in_field[i] = instance_field(src, in->field);
        if (in_field[i] < 0) {
            if (src->is_transformed || f->kind != CF_DERIVED)
                pm_throw(cc->c, PMML_ERR_PMML, in->line, "KNNInput",
                         "KNNInput: '%s' is not an InstanceField of the training instances",
                         in->field);
            pending = 1; /* computed from the instance's own fields at the end */
        }
    }
    inst = PM_NEW_ARRAY(cc->c, cc->a, pv, n * ni + 1);
    for (i = 0; i < n; i++)
        for (j = 0; j < ni; j++) {
            cfield *f = cx_lookup(cc, s, src->inputs[j].field);
            inst[i * ni + j] = in_field[j] >= 0
                                   ? cell_value(cc, cell(src, col, i, in_field[j]), f->datatype)
                                   : pv_missing();
        }
    if (m->target.present) {
        size_t nt = 1 + m->nextra_targets, ti;
        pl_knn_target *tg = PM_NEW_ARRAY(cc->c, cc->a, pl_knn_target, nt + 1);
        for (ti = 0; ti < nt; ti++) {
            const char *name = ti ? m->extra_targets[ti - 1] : m->target.name;
            int tf = instance_field(src, name);
            pl_model *tm = m;
            pv *tv = PM_NEW_ARRAY(cc->c, cc->a, pv, n + 1);
            int32_t *tc = PM_NEW_ARRAY(cc->c, cc->a, int32_t, n + 1);
            int cls;
            if (ti) {
                /* a further target predicts into a model of its own */
                cfield *f = cx_lookup(cc, &cc->global, name);
                tm = PM_NEW(cc->c, cc->a, pl_model);
                tm->type = MODEL_KNN;
                tm->element = m->element;
                tm->line = m->line;
                tm->result = (int)cc->nresults++;
                tm->target.present = 1;
                tm->target.name = name;
                tm->target.datatype = f ? f->datatype : PMML_TYPE_STRING;
                tm->target.optype = f ? f->optype : PMML_OPTYPE_CATEGORICAL;
                tm->target.factor = 1.0;
                tm->impl = k;
            }
            cls = m->function == FUNC_CLASSIFICATION ||
                  (m->function == FUNC_MIXED && tm->target.optype != PMML_OPTYPE_CONTINUOUS);
            if (ti)
                tm->function = cls ? FUNC_CLASSIFICATION : FUNC_REGRESSION;
            if (tf < 0)
                pm_throw(cc->c, PMML_ERR_PMML, src->instances_line, "TrainingInstances",
                         "TrainingInstances: the target '%s' is not an InstanceField", name);
            for (i = 0; i < n; i++) {
                const char *text = cell(src, col, i, tf);
                tc[i] = -1;
                tv[i] = pv_missing();
                if (cls) {
                    if (text && *text)
                        tc[i] = cx_category(cc, tm, text, 1, src->instances_line);
                    continue;
                }
                tv[i] = cell_value(cc, text, PMML_TYPE_DOUBLE);
                if (tv[i].st == VS_INVALID)
                    pm_throw(cc->c, PMML_ERR_PMML, src->instances_line, "InlineTable",
                             "InlineTable: the target value '%s' of row %zu is not a number", text,
                             i + 1);
            }
            tg[ti].model = tm;
            tg[ti].classification = cls;
            tg[ti].value = tv;
            tg[ti].cat = tc;
        }
        k->ntargets = nt;
        k->targets = tg;
    }
    ids = PM_NEW_ARRAY(cc->c, cc->a, pv, n + 1);
    {
        int idf = src->id_variable ? instance_field(src, src->id_variable) : -1;
        if (src->id_variable && idf < 0)
            pm_throw(cc->c, PMML_ERR_PMML, src->instances_line, "TrainingInstances",
                     "TrainingInstances: instanceIdVariable '%s' is not an InstanceField",
                     src->id_variable);
        for (i = 0; i < n; i++) {
            char buf[24];
            const char *text = idf >= 0 ? cell(src, col, i, idf) : NULL;
            if (idf < 0) {
                snprintf(buf, sizeof buf, "%zu", i + 1);
                text = buf;
            }
            ids[i] =
                text ? cx_value(cc, text, PMML_TYPE_STRING, t->line, "InlineTable") : pv_missing();
        }
    }
    k->ninputs = ni;
    k->fields = fields;
    k->n = n;
    k->inst = inst;
    k->ids = ids;
    k->k = (size_t)src->k;
    k->cont_method = src->continuous_method;
    k->cat_method = src->categorical_method;
    k->threshold = src->threshold;
    if (k->k > n)
        k->k = n; /* fewer instances than neighbours: all of them */
    m->impl = k;
    m->eval = pm_eval_knn;
    m->output = pm_output_knn;
    /* per row: the neighbours (index, measure), their targets, and votes */
    m->tmp_size = 3 * k->k + 2;
    m->tmp_per_cat = 1;
    for (i = 1; i < k->ntargets; i++)
        m->tmp_size += k->targets[i].model->ncat; /* room for any target's votes */
    if (pending) {
        knn_job *job = cvec_push(cc, &cc->knn_pending, sizeof *job);
        job->m = m;
        job->knn = k;
        job->scope = s;
        job->src = src;
        job->col = col;
        job->line = src->instances_line;
    } else {
        maybe_tree(cc, k);
    }
}

/* Runs each training instance through the transformations (the document's
 * and the model's) with a scratch of its own, and keeps the KNNInputs. */
void cx_knn_finish(ccomp *cc)
{
    pmml_model *pm = cc->m;
    size_t j, r, f;
    for (j = 0; j < cc->knn_pending.n; j++) {
        const knn_job *job = (const knn_job *)cc->knn_pending.items + j;
        const pm_knn *src = job->src;
        pl_knn *k = job->knn;
        pv *inst = (pv *)k->inst;
        pm_scratch sc;
        memset(&sc, 0, sizeof sc);
        sc.model = pm;
        sc.vals = PM_NEW_ARRAY(cc->c, cc->c->tmp, pv, pm->nslots + 1);
        sc.stack_cap = pm->stack_size + 64;
        sc.stack = PM_NEW_ARRAY(cc->c, cc->c->tmp, pv, sc.stack_cap);
        sc.lag_out = PM_NEW_ARRAY(cc->c, cc->c->tmp, pv, pm->nlags + 1);
        /* no group: an Aggregate gives a missing value here */
        sc.aggs = PM_NEW_ARRAY(cc->c, cc->c->tmp, pm_aggstate, pm->naggs + 1);
        sc.results = PM_NEW_ARRAY(cc->c, cc->c->tmp, pl_result, pm->nresults + 1);
        for (r = 0; r < k->n; r++) {
            for (f = 0; f < pm->nslots; f++)
                sc.vals[f] = pv_missing();
            for (f = 0; f < src->ninstance_fields; f++) {
                cfield *cf = cx_lookup(cc, job->scope, src->instance_fields[f]);
                if (!cf || cf->slot < 0)
                    continue; /* a column the model does not read (an id) */
                sc.vals[cf->slot] = cell_value(cc, cell(src, job->col, r, (int)f), cf->datatype);
            }
            sc.row_status = PMML_OK;
            sc.stack_top = 0;
            pm_run_derives(pm->globals, pm->nglobals, &sc);
            for (f = 0; f < job->m->npreps; f++) {
                const pl_prep *p = &job->m->preps[f];
                pv v = sc.vals[p->src];
                pm_treat_value(&sc, &p->treat, p->name, &v);
                sc.vals[p->dst] = v;
            }
            pm_run_derives(job->m->derives, job->m->nderives, &sc);
            if (sc.row_status != PMML_OK) {
                pm_scratch_free_strings(&sc);
                pm_throw(cc->c, PMML_ERR_PMML, job->line, "TrainingInstances",
                         "TrainingInstances: instance %zu cannot be transformed: %s", r + 1,
                         sc.row_msg);
            }
            for (f = 0; f < k->ninputs; f++) {
                pv v = sc.vals[k->fields[f].slot];
                if (v.st == VS_VALID && pm_type_is_string(v.t))
                    /* keep the text in the model */
                    v = cx_value(cc, pm_strndup(cc->c, cc->c->tmp, v.s, v.len), PMML_TYPE_STRING,
                                 job->line, "TrainingInstances");
                inst[r * k->ninputs + f] = v;
            }
        }
        pm_scratch_free_strings(&sc);
        maybe_tree(cc, k);
    }
}

int cx_knn_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out)
{
    const pl_knn *k = m->impl;
    if (o->feature != FEAT_ENTITY_ID && o->feature != FEAT_AFFINITY &&
        o->feature != FEAT_ENTITY_AFFINITY)
        return 0;
    if ((size_t)o->rank > k->k)
        pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
                 "OutputField: '%s' asks for neighbour %d of %zu", o->name, o->rank, k->k);
    if (!out->datatype)
        out->datatype = o->feature == FEAT_ENTITY_ID ? PMML_TYPE_STRING : PMML_TYPE_DOUBLE;
    return 1;
}
