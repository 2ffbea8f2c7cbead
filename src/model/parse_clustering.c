/* parse_clustering.c - ClusteringModel, and the ComparisonMeasure and
 * Matrix elements it shares with NearestNeighborModel (PMML 4.4 Cluster
 * Models). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

int pm_parse_compare(pm_ctx *c, const px_node *n, const char *attr)
{
    static const char *const names[] = {"absDiff", "gaussSim", "delta", "equal", "table", NULL};
    return pa_enum(c, n, attr, names, -1);
}

void pm_parse_measure(pm_ctx *c, const px_node *n, pm_measure *ms)
{
    static const char *const kind_names[] = {"distance", "similarity", NULL};
    static const char *const measures[] = {
        "euclidean",      "squaredEuclidean", "chebychev", "cityBlock",        "minkowski",
        "simpleMatching", "jaccard",          "tanimoto",  "binarySimilarity", NULL};
    static const char *const bin_names[] = {"c00-parameter", "c01-parameter", "c10-parameter",
                                            "c11-parameter", "d00-parameter", "d01-parameter",
                                            "d10-parameter", "d11-parameter"};
    int have = 0, i;
    ms->line = n->line;
    pa_req(c, n, "kind");
    ms->similarity = pa_enum(c, n, "kind", kind_names, 0);
    ms->compare = pm_parse_compare(c, n, "compareFunction");
    if (ms->compare < 0)
        ms->compare = CMP_ABS_DIFF;
    if (ms->compare == CMP_GAUSS_SIM || ms->compare == CMP_TABLE)
        pm_bad(c, n,
               "compareFunction=\"%s\" needs the settings of a field: give it on the "
               "field instead",
               ms->compare == CMP_TABLE ? "table" : "gaussSim");
    PX_FOREACH(k, n)
    {
        if (px_ignorable(k))
            continue;
        for (i = 0; measures[i]; i++)
            if (px_is(k, measures[i]))
                break;
        if (!measures[i])
            pm_unexpected(c, n, k);
        if (have)
            pm_bad(c, n, "more than one measure");
        have = 1;
        ms->measure = i;
        if (i == MEASURE_MINKOWSKI) {
            ms->p = pa_num_req(c, k, "p-parameter");
            if (!(ms->p > 0.0))
                pm_bad(c, k, "p-parameter %g is not positive", ms->p);
        } else if (i == MEASURE_BINARY_SIMILARITY) {
            int j;
            for (j = 0; j < 8; j++)
                ms->bin[j] = pa_num_req(c, k, bin_names[j]);
        }
    }
    if (!have)
        pm_bad(c, n, "a measure (euclidean, squaredEuclidean, ...) is required");
}

pm_matrix *pm_parse_matrix(pm_ctx *c, const px_node *n)
{
    static const char *const kinds[] = {"any", "symmetric", "diagonal", NULL};
    pm_matrix *mx = PM_NEW(c, c->tmp, pm_matrix);
    int kind = pa_enum(c, n, "kind", kinds, 0);
    size_t narrays = 0, maxrow = 0, maxcol = 0, row = 0, i, j, r, cols;
    long nb_rows = pa_int(c, n, "nbRows", -1), nb_cols = pa_int(c, n, "nbCols", -1);
    double diag = pa_num(c, n, "diagDefault", NAN), off = pa_num(c, n, "offDiagDefault", NAN);
    mx->line = n->line;
    /* the size: nbRows and nbCols, else what the Arrays and MatCells reach */
    r = nb_rows > 0 ? (size_t)nb_rows : 0;
    cols = nb_cols > 0 ? (size_t)nb_cols : 0;
    PX_FOREACH(k, n)
    {
        if (px_is(k, "Array")) {
            size_t cnt;
            pm_parse_num_array(c, k, &cnt);
            narrays++;
            if (kind == 2 && !r)
                r = cnt;
            if (kind == 0 && !cols)
                cols = cnt;
        } else if (px_is(k, "MatCell")) {
            long rr = pa_int(c, k, "row", 0), cc = pa_int(c, k, "col", 0);
            if (rr > 0 && (size_t)rr > maxrow)
                maxrow = (size_t)rr;
            if (cc > 0 && (size_t)cc > maxcol)
                maxcol = (size_t)cc;
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (!r)
        r = narrays > maxrow ? narrays : maxrow;
    if (kind != 0)
        cols = r;
    else if (!cols)
        cols = maxcol;
    if (!r || !cols)
        pm_bad(c, n, "the size of the matrix is unknown (nbRows and nbCols)");
    if (r > 100000 || cols > 100000 || r * cols > 10000000)
        pm_bad(c, n, "a %zu x %zu matrix is too large", r, cols);
    mx->nrows = r;
    mx->ncols = cols;
    mx->cells = PM_NEW_ARRAY(c, c->tmp, double, r *cols + 1);
    for (i = 0; i < r; i++)
        for (j = 0; j < cols; j++)
            mx->cells[i * cols + j] = i == j ? diag : off;
    PX_FOREACH(k, n)
    {
        if (px_is(k, "Array")) {
            size_t cnt;
            double *v = pm_parse_num_array(c, k, &cnt);
            if (kind == 2) {
                if (cnt != r)
                    pm_bad(c, k, "a diagonal of %zu values for %zu rows", cnt, r);
                for (i = 0; i < r; i++)
                    mx->cells[i * cols + i] = v[i];
                continue;
            }
            if (row >= r)
                pm_bad(c, k, "more rows than nbRows=%zu", r);
            if (kind == 1) {
                /* symmetric: row i holds its first i+1 values */
                if (cnt != row + 1)
                    pm_bad(c, k, "row %zu of a symmetric matrix needs %zu values, has %zu", row + 1,
                           row + 1, cnt);
                for (j = 0; j < cnt; j++)
                    mx->cells[row * cols + j] = mx->cells[j * cols + row] = v[j];
            } else {
                if (cnt != cols)
                    pm_bad(c, k, "a row of %zu values for %zu columns", cnt, cols);
                memcpy(mx->cells + row * cols, v, cnt * sizeof *v);
            }
            row++;
        } else if (px_is(k, "MatCell")) {
            long rr = pa_int(c, k, "row", 0), cc = pa_int(c, k, "col", 0);
            double v;
            pa_req(c, k, "row");
            pa_req(c, k, "col");
            if (rr < 1 || cc < 1 || (size_t)rr > r || (size_t)cc > cols)
                pm_bad(c, k, "the cell (%ld, %ld) is outside the %zu x %zu matrix", rr, cc, r,
                       cols);
            v = pa_parse_num(c, k, "the cell value", px_text(c, k));
            mx->cells[(size_t)(rr - 1) * cols + (size_t)(cc - 1)] = v;
            if (kind == 1)
                mx->cells[(size_t)(cc - 1) * cols + (size_t)(rr - 1)] = v;
        }
    }
    for (i = 0; i < r * cols; i++)
        if (isnan(mx->cells[i]))
            pm_bad(c, n, "the cell (%zu, %zu) has no value (and there is no default)", i / cols + 1,
                   i % cols + 1);
    return mx;
}

void pm_parse_clustering_attrs(pm_ctx *c, pm_model *m, const px_node *n)
{
    static const char *const class_names[] = {"centerBased", "distributionBased", NULL};
    pm_clustering *cl = &m->u.cl;
    pa_req(c, n, "modelClass");
    cl->distribution_based = pa_enum(c, n, "modelClass", class_names, 0);
    if (m->function != FUNC_CLUSTERING)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "ClusteringModel: functionName=\"%s\" is not supported (use \"clustering\")",
                 m->function_name);
}

/* CenterFields (PMML 1.1 to 3.2): each child, a DerivedField (3.x) or a
 * normalisation (NormContinuous, NormDiscrete: 1.1, 2.x), is one coordinate
 * of the cluster centers, in order.  Each becomes a DerivedField of the
 * model, named "CenterFields[i]" when it has no name. */
static void parse_center_fields(pm_ctx *c, pm_clustering *cl, const px_node *n)
{
    size_t count = 0, i = 0;
    if (cl->centers)
        pm_bad(c, n, "more than one CenterFields");
    cl->centers_line = n->line;
    PX_FOREACH(k, n)
    count += !px_ignorable(k);
    cl->centers = PM_NEW_ARRAY(c, c->tmp, pm_derived, count + 1);
    PX_FOREACH(k, n)
    {
        pm_derived *d = &cl->centers[i];
        char name[40];
        if (px_ignorable(k))
            continue;
        if (px_is(k, "DerivedField")) {
            *d = *pm_parse_derived(c, k, 0);
        } else {
            d->expr = pm_parse_expr(c, k);
            d->line = k->line;
            d->optype = PMML_OPTYPE_CONTINUOUS;
            d->datatype = PMML_TYPE_DOUBLE;
        }
        if (!d->name) {
            snprintf(name, sizeof name, "CenterFields[%zu]", i + 1);
            d->name = pm_strdup(c, c->tmp, name);
        }
        i++;
    }
    cl->ncenters = i;
    if (!i)
        pm_bad(c, n, "at least one center field is required");
}

/* With CenterFields, the centers' coordinates are those fields: a
 * ClusteringField naming one gives its weight and compareFunction, the
 * other ClusteringFields are not center fields. */
static void merge_center_fields(pm_ctx *c, pm_model *m)
{
    pm_clustering *cl = &m->u.cl;
    pm_cfield *fields = PM_NEW_ARRAY(c, c->tmp, pm_cfield, cl->ncenters + cl->nfields + 1);
    pm_derived *local = PM_NEW_ARRAY(c, c->tmp, pm_derived, m->local.nfields + cl->ncenters + 1);
    size_t i, j, n = 0;
    for (i = 0; i < cl->ncenters; i++) {
        pm_cfield *f = &fields[n++];
        f->field = cl->centers[i].name;
        f->is_center = 1;
        f->weight = 1.0;
        f->compare = -1;
        f->line = cl->centers[i].line;
        for (j = 0; j < cl->nfields; j++)
            if (strcmp(cl->fields[j].field, f->field) == 0) {
                *f = cl->fields[j];
                f->is_center = 1;
            }
    }
    for (j = 0; j < cl->nfields; j++) {
        for (i = 0; i < cl->ncenters; i++)
            if (strcmp(cl->fields[j].field, cl->centers[i].name) == 0)
                break;
        if (i == cl->ncenters) {
            fields[n] = cl->fields[j];
            fields[n++].is_center = 0;
        }
    }
    cl->fields = fields;
    cl->nfields = n;
    if (m->local.nfields)
        memcpy(local, m->local.fields, m->local.nfields * sizeof *local);
    for (i = 0; i < cl->ncenters; i++) {
        for (j = 0; j < m->local.nfields; j++)
            if (strcmp(local[j].name, cl->centers[i].name) == 0)
                pm_throw(c, PMML_ERR_PMML, cl->centers[i].line, "CenterFields",
                         "CenterFields: '%s' is also a DerivedField of the model",
                         cl->centers[i].name);
        local[m->local.nfields + i] = cl->centers[i];
    }
    m->local.fields = local;
    m->local.nfields += cl->ncenters;
}

static void parse_field(pm_ctx *c, const px_node *n, pm_cfield *f)
{
    f->line = n->line;
    f->field = pa_req(c, n, "field");
    f->is_center = pa_bool(c, n, "isCenterField", 1);
    f->weight = pa_num(c, n, "fieldWeight", 1.0);
    f->has_scale = pa_str(n, "similarityScale") != NULL;
    f->scale = pa_num(c, n, "similarityScale", 0.0);
    f->compare = pm_parse_compare(c, n, "compareFunction");
    PX_FOREACH(k, n)
    {
        if (px_is(k, "Comparisons")) {
            PX_FOREACH(mk, k)
            {
                if (px_is(mk, "Matrix"))
                    f->table = pm_parse_matrix(c, mk);
                else if (!px_ignorable(mk))
                    pm_unexpected(c, k, mk);
            }
            if (!f->table)
                pm_bad(c, k, "a Matrix is required");
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (f->compare == CMP_GAUSS_SIM && !(f->has_scale && f->scale != 0.0))
        pm_bad(c, n, "compareFunction=\"gaussSim\" needs a non-zero similarityScale");
    if (f->compare == CMP_TABLE && !f->table)
        pm_bad(c, n, "compareFunction=\"table\" needs Comparisons");
}

int pm_parse_clustering_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    pm_clustering *cl = &m->u.cl;
    if (px_is(k, "ComparisonMeasure")) {
        if (cl->have_measure)
            pm_bad(c, k, "a ClusteringModel has exactly one ComparisonMeasure");
        pm_parse_measure(c, k, &cl->measure);
        cl->have_measure = 1;
        return 1;
    }
    if (px_is(k, "ClusteringField")) {
        if (!cl->fields)
            cl->fields =
                PM_NEW_ARRAY(c, c->tmp, pm_cfield, px_count(k->parent, "ClusteringField") + 1);
        parse_field(c, k, &cl->fields[cl->nfields++]);
        return 1;
    }
    if (px_is(k, "MissingValueWeights")) {
        PX_FOREACH(a, k)
        {
            if (px_is(a, "Array"))
                cl->missing_weights = pm_parse_num_array(c, a, &cl->nmissing_weights);
            else if (!px_ignorable(a))
                pm_unexpected(c, k, a);
        }
        if (!cl->missing_weights)
            pm_bad(c, k, "an Array is required");
        cl->missing_line = k->line;
        return 1;
    }
    if (px_is(k, "Cluster")) {
        pm_cluster *cl1;
        if (!cl->clusters)
            cl->clusters = PM_NEW_ARRAY(c, c->tmp, pm_cluster, px_count(k->parent, "Cluster") + 1);
        cl1 = &cl->clusters[cl->nclusters++];
        cl1->line = k->line;
        cl1->id = pa_str(k, "id");
        cl1->name = pa_str(k, "name");
        PX_FOREACH(a, k)
        {
            if (px_is(a, "Array"))
                pm_parse_array(c, a, &cl1->center);
            else if (px_is(a, "KohonenMap") || px_is(a, "Partition") || px_is(a, "Covariances"))
                continue; /* descriptive: scoring uses the center */
            else if (!px_ignorable(a))
                pm_unexpected(c, k, a);
        }
        return 1;
    }
    if (px_is(k, "CenterFields")) {
        parse_center_fields(c, cl, k);
        return 1;
    }
    return 0;
}

void pm_parse_clustering_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    pm_clustering *cl = &m->u.cl;
    size_t i, ncenter = 0;
    if (!cl->have_measure)
        pm_bad(c, n, "the ComparisonMeasure element is missing");
    if (!cl->nclusters)
        pm_bad(c, n, "at least one Cluster is required");
    if (cl->centers)
        merge_center_fields(c, m);
    for (i = 0; i < cl->nfields; i++)
        ncenter += cl->fields[i].is_center;
    for (i = 0; i < cl->nclusters; i++) {
        const pm_cluster *k = &cl->clusters[i];
        if (!k->center.n && !k->center.line)
            pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, "Cluster",
                     "Cluster: a cluster without a center Array cannot be scored (a "
                     "distribution-based cluster is scored by its center)");
        if (k->center.n != ncenter)
            pm_throw(c, PMML_ERR_PMML, k->center.line, "Array",
                     "Array: the center has %zu values for %zu center fields", k->center.n,
                     ncenter);
    }
    if (cl->missing_weights && cl->nmissing_weights != ncenter)
        pm_throw(c, PMML_ERR_PMML, cl->missing_line, "MissingValueWeights",
                 "MissingValueWeights: %zu weights for %zu center fields", cl->nmissing_weights,
                 ncenter);
}
