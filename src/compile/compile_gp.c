/* compile_gp.c - a GaussianProcessModel: the training inputs as a matrix,
 * and (K + noise I) factored once at load so that a row costs n kernel
 * evaluations (and a triangular solve when its variance is asked for). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "compile/compile.h"
#include "eval/value.h"

/* Bounds the n x n matrix factored at load (8 bytes each) and its n^3/3 cost. */
#define GP_MAX_INSTANCES 4096

/* The table column holding `field`, or -1. */
static int instance_column(const pm_instances *in, const char *field)
{
    size_t i;
    for (i = 0; i < in->nfields; i++)
        if (strcmp(in->fields[i], field) == 0)
            return (int)pm_table_column(in->table, in->columns[i]);
    return -1;
}

static double cell_number(ccomp *cc, const pm_instances *in, size_t row, int col, const char *field)
{
    const char *text = in->table->cells[row * in->table->ncols + (size_t)col];
    pv v;
    if (!text || !*text || !cx_try_value(cc, text, PMML_TYPE_DOUBLE, &v) || !isfinite(v.d))
        pm_throw(cc->c, PMML_ERR_PMML, in->table->line, "InlineTable",
                 "TrainingInstances: row %zu: the value of '%s' is missing or not a number",
                 row + 1, field);
    return v.d;
}

/* In-place Cholesky factorisation of the symmetric n x n matrix a (lower
 * triangle read and written); 0 when it is not positive definite. */
static int cholesky(double *a, size_t n)
{
    size_t i, j, k;
    for (j = 0; j < n; j++) {
        double s = a[j * n + j];
        for (k = 0; k < j; k++)
            s -= a[j * n + k] * a[j * n + k];
        if (!(s > 0.0))
            return 0;
        s = sqrt(s);
        a[j * n + j] = s;
        for (i = j + 1; i < n; i++) {
            double t = a[i * n + j];
            for (k = 0; k < j; k++)
                t -= a[i * n + k] * a[j * n + k];
            a[i * n + j] = t / s;
        }
    }
    return 1;
}

void cx_gp(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_gp *src = &pm->u.gp;
    const pm_instances *in = &src->inst;
    pl_gp *g = PM_NEW(cc->c, cc->a, pl_gp);
    size_t i, j, d = 0, n = in->table->nrows;
    int *slots, *cols, ycol;
    const char **names;
    double *lambda, *x, *y, *a;

    if (!m->target.present)
        pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                 "GaussianProcessModel: the MiningSchema names no target field");
    if (in->is_transformed)
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, in->line, "TrainingInstances",
                 "TrainingInstances: isTransformed=\"true\" is not supported for a "
                 "GaussianProcessModel (its instances hold the input fields' values)");
    if (n == 0)
        pm_throw(cc->c, PMML_ERR_PMML, in->line, "TrainingInstances",
                 "TrainingInstances: there are no training instances");
    if (n > GP_MAX_INSTANCES)
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, in->line, "TrainingInstances",
                 "TrainingInstances: %zu instances; at most %d are supported", n, GP_MAX_INSTANCES);
    for (i = 0; i < pm->nmfields; i++)
        d += pm->mfields[i].usage == USAGE_ACTIVE;
    if (d == 0)
        pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                 "GaussianProcessModel: the MiningSchema has no active field");
    slots = PM_NEW_ARRAY(cc->c, cc->a, int, d);
    cols = PM_NEW_ARRAY(cc->c, cc->c->tmp, int, d);
    names = PM_NEW_ARRAY(cc->c, cc->c->tmp, const char *, d);
    lambda = PM_NEW_ARRAY(cc->c, cc->a, double, d);
    d = 0;
    for (i = 0; i < pm->nmfields; i++) {
        const pm_miningfield *mf = &pm->mfields[i];
        cfield *f;
        if (mf->usage != USAGE_ACTIVE)
            continue;
        f = cx_use(cc, s, mf->name, mf->line, "MiningField");
        if (!pm_type_is_numeric(f->datatype ? f->datatype : PMML_TYPE_DOUBLE) ||
            f->optype == PMML_OPTYPE_CATEGORICAL)
            pm_throw(cc->c, PMML_ERR_UNSUPPORTED, mf->line, "MiningField",
                     "GaussianProcessModel: the input '%s' is not continuous", mf->name);
        slots[d] = f->slot;
        names[d] = mf->name;
        cols[d] = instance_column(in, mf->name);
        if (cols[d] < 0)
            pm_throw(cc->c, PMML_ERR_PMML, in->line, "TrainingInstances",
                     "TrainingInstances: no InstanceField with a column for the input '%s'",
                     mf->name);
        d++;
    }
    ycol = instance_column(in, m->target.name);
    if (ycol < 0)
        pm_throw(cc->c, PMML_ERR_PMML, in->line, "TrainingInstances",
                 "TrainingInstances: no InstanceField with a column for the target '%s'",
                 m->target.name);
    if (src->kernel == GP_RADIAL_BASIS) {
        for (j = 0; j < d; j++)
            lambda[j] = src->lambda;
    } else {
        if (src->nlambdas != d)
            pm_throw(cc->c, PMML_ERR_PMML, src->kernel_line, "Lambda",
                     "Lambda: %zu values for %zu input fields", src->nlambdas, d);
        memcpy(lambda, src->lambdas, d * sizeof *lambda);
    }

    x = PM_NEW_ARRAY(cc->c, cc->a, double, n *d);
    y = PM_NEW_ARRAY(cc->c, cc->a, double, n);
    for (i = 0; i < n; i++) {
        for (j = 0; j < d; j++)
            x[i * d + j] = cell_number(cc, in, i, cols[j], names[j]);
        y[i] = cell_number(cc, in, i, ycol, m->target.name);
    }
    g->kernel = src->kernel;
    g->gamma = src->gamma;
    g->noise = src->noise;
    g->degree = src->degree;
    g->d = d;
    g->slots = slots;
    g->lambda = lambda;
    g->n = n;
    g->x = x;

    /* alpha = (K + noise I)^-1 y through the Cholesky factor L L^T */
    a = PM_NEW_ARRAY(cc->c, cc->c->tmp, double, n *n);
    for (i = 0; i < n; i++)
        for (j = 0; j <= i; j++)
            a[i * n + j] = pm_gp_kernel(g, x + i * d, x + j * d) + (i == j ? g->noise : 0.0);
    if (!cholesky(a, n))
        pm_throw(cc->c, PMML_ERR_PMML, src->kernel_line, "GaussianProcessModel",
                 "GaussianProcessModel: the kernel matrix of the training instances plus the "
                 "noise variance is not positive definite");
    for (i = 0; i < n; i++) { /* L z = y */
        double t = y[i];
        for (j = 0; j < i; j++)
            t -= a[i * n + j] * y[j];
        y[i] = t / a[i * n + i];
    }
    for (i = n; i-- > 0;) { /* L^T alpha = z */
        double t = y[i];
        for (j = i + 1; j < n; j++)
            t -= a[j * n + i] * y[j];
        y[i] = t / a[i * n + i];
    }
    g->alpha = y;
    g->chol_tmp = a;
    m->impl = g;
    m->eval = pm_eval_gp;
    m->output = pm_output_gp;
    /* per row: the input vector, k, and the variance */
    m->tmp_size = d + n + 1;
}

int cx_gp_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out)
{
    pl_gp *g = (pl_gp *)m->impl;
    if (o->feature != FEAT_STANDARD_DEVIATION)
        return 0;
    if (!g->chol) {
        double *l = PM_NEW_ARRAY(cc->c, cc->a, double, g->n * g->n);
        memcpy(l, g->chol_tmp, g->n * g->n * sizeof *l);
        g->chol = l;
    }
    if (!out->datatype)
        out->datatype = PMML_TYPE_DOUBLE;
    return 1;
}
