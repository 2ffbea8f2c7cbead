/* compile_clustering.c - a ClusteringModel into typed centers and compared
 * fields; the ComparisonMeasure parts are shared with NearestNeighborModel. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compile/compile.h"
#include "util/datetime.h"

void cx_measure(const pm_measure *src, pl_measure *ms)
{
    ms->similarity = src->similarity;
    ms->measure = src->measure;
    ms->p = src->p;
    memcpy(ms->bin, src->bin, sizeof ms->bin);
}

void cx_cmpfield(ccomp *cc, cfield *f, int compare, double weight, double scale,
                 const pm_matrix *table, unsigned line, const char *element, pl_cmpfield *out)
{
    int dt = f->datatype ? f->datatype : PMML_TYPE_DOUBLE;
    out->slot = f->slot;
    out->compare = compare;
    out->weight = weight;
    out->scale = scale;
    out->q = 1.0;
    if ((compare == CMP_ABS_DIFF || compare == CMP_GAUSS_SIM) && !pm_type_is_numeric(dt) &&
        dt != PMML_TYPE_BOOLEAN)
        pm_throw(cc->c, PMML_ERR_PMML, line, element,
                 "%s: compareFunction \"%s\" needs a numeric field, '%s' is %s", element,
                 compare == CMP_ABS_DIFF ? "absDiff" : "gaussSim", f->name, pmml_datatype_name(dt));
    if (compare == CMP_TABLE) {
        /* PMML 4.4: the rows and columns follow the order of the field's values */
        if (!f->dom || !f->dom->nvalid)
            pm_throw(cc->c, PMML_ERR_PMML, line, element,
                     "%s: compareFunction \"table\" needs the values of '%s' listed in its "
                     "DataField",
                     element, f->name);
        if (table->nrows != f->dom->nvalid || table->ncols != f->dom->nvalid)
            pm_throw(cc->c, PMML_ERR_PMML, table->line, "Matrix",
                     "Matrix: %zu x %zu comparisons for the %zu values of '%s'", table->nrows,
                     table->ncols, f->dom->nvalid, f->name);
        out->dom = f->dom;
        out->ntable = table->nrows;
        out->table =
            pm_alloc_raw_array(cc->c, cc->a, table->nrows * table->ncols + 1, sizeof(double));
        memcpy((double *)out->table, table->cells, table->nrows * table->ncols * sizeof(double));
    }
}

/* The text a cluster is known by: its id, else its 1-based index. */
static const char *cluster_key(ccomp *cc, const pm_cluster *k, size_t i)
{
    char buf[24];
    if (k->id)
        return k->id;
    snprintf(buf, sizeof buf, "%zu", i + 1);
    return pm_strdup(cc->c, cc->c->tmp, buf);
}

void cx_clustering(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_clustering *src = &pm->u.cl;
    pl_clustering *pc = PM_NEW(cc->c, cc->a, pl_clustering);
    pl_cmpfield *fields;
    pv *centers;
    size_t nf = 0, i, j, k;

    cx_measure(&src->measure, &pc->ms);
    for (i = 0; i < src->nfields; i++)
        nf += src->fields[i].is_center;
    if (!src->nfields)
        pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                 "ClusteringModel: at least one ClusteringField is required");
    fields = PM_NEW_ARRAY(cc->c, cc->a, pl_cmpfield, nf + 1);
    for (i = 0, k = 0; i < src->nfields; i++) {
        const pm_cfield *f = &src->fields[i];
        cfield *cf;
        int compare = f->compare >= 0 ? f->compare : src->measure.compare;
        if (!f->is_center)
            continue;
        cf = cx_use(cc, s, f->field, f->line, "ClusteringField");
        if (compare == CMP_TABLE && !f->table)
            pm_throw(cc->c, PMML_ERR_PMML, f->line, "ClusteringField",
                     "ClusteringField: compareFunction \"table\" needs Comparisons");
        cx_cmpfield(cc, cf, compare, f->weight, f->scale, f->table, f->line, "ClusteringField",
                    &fields[k]);
        fields[k].q = src->missing_weights ? src->missing_weights[k] : 1.0;
        k++;
    }
    if (pc->ms.measure >= MEASURE_SIMPLE_MATCHING && pc->ms.measure <= MEASURE_BINARY_SIMILARITY &&
        !pc->ms.similarity)
        pm_throw(cc->c, PMML_ERR_PMML, src->measure.line, "ComparisonMeasure",
                 "ComparisonMeasure: a binary similarity measure needs kind=\"similarity\"");
    if (pc->ms.measure < MEASURE_SIMPLE_MATCHING && pc->ms.similarity)
        pm_throw(cc->c, PMML_ERR_PMML, src->measure.line, "ComparisonMeasure",
                 "ComparisonMeasure: a distance measure needs kind=\"distance\"");
    centers = PM_NEW_ARRAY(cc->c, cc->a, pv, src->nclusters * nf + 1);
    for (i = 0; i < src->nclusters; i++) {
        const pm_cluster *cl = &src->clusters[i];
        int idx;
        for (j = 0, k = 0; j < src->nfields; j++) {
            const pm_cfield *f = &src->fields[j];
            cfield *cf;
            int dt;
            if (!f->is_center)
                continue;
            cf = cx_lookup(cc, s, f->field);
            dt = cf->datatype ? cf->datatype : PMML_TYPE_DOUBLE;
            /* a center is a mean: an integer field's center is a real number */
            if (pm_type_is_numeric(dt) && !pm_type_is_temporal(dt))
                dt = PMML_TYPE_DOUBLE;
            if (!cx_try_value(cc, cl->center.items[k], dt, &centers[i * nf + k]))
                pm_throw(cc->c, PMML_ERR_PMML, cl->center.line, "Array",
                         "Array: '%s' is not a %s value of '%s'", cl->center.items[k],
                         pmml_datatype_name(dt), f->field);
            k++;
        }
        /* the clusters are the model's categories, in order: their ids */
        idx = cx_category(cc, m, cluster_key(cc, cl, i), 1, cl->line);
        if ((size_t)idx != i)
            pm_throw(cc->c, PMML_ERR_PMML, cl->line, "Cluster",
                     "Cluster: the id '%s' is used twice", cluster_key(cc, cl, i));
        m->cat_display[idx] = cl->name ? pm_strdup(cc->c, cc->a, cl->name) : NULL;
    }
    pc->nfields = nf;
    pc->fields = fields;
    pc->nclusters = src->nclusters;
    pc->centers = centers;
    m->impl = pc;
    m->eval = pm_eval_clustering;
    m->output = pm_output_clustering;
    /* per row: the measure to each cluster */
    m->tmp_size = src->nclusters + 1;
}

/* The cluster an OutputField's value names: its id, else its 1-based index. */
static int cluster_of(ccomp *cc, pl_model *m, const pm_outputfield *o)
{
    int k = cx_category(cc, m, o->value, 0, o->line);
    if (k < 0 || (size_t)k >= ((const pl_clustering *)m->impl)->nclusters)
        pm_throw(cc->c, PMML_ERR_PMML, o->line, "OutputField",
                 "OutputField: '%s' names no Cluster (by id, or 1-based index)", o->value);
    return k;
}

int cx_clustering_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out)
{
    switch (o->feature) {
    case FEAT_CLUSTER_ID:
    case FEAT_ENTITY_ID:
        out->aux = -1;
        if (!out->datatype)
            out->datatype = PMML_TYPE_STRING;
        return 1;
    case FEAT_CLUSTER_AFFINITY:
    case FEAT_AFFINITY:
    case FEAT_ENTITY_AFFINITY:
        /* value= names a cluster; without it, the cluster of rank= */
        out->aux = o->value ? cluster_of(cc, m, o) : -1;
        if (!out->datatype)
            out->datatype = PMML_TYPE_DOUBLE;
        return 1;
    }
    return 0;
}
