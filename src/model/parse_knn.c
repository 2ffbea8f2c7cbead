/* parse_knn.c - NearestNeighborModel: TrainingInstances, ComparisonMeasure
 * and KNNInputs (PMML 4.4 k-Nearest Neighbors). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

void pm_parse_knn_attrs(pm_ctx *c, pm_model *m, const px_node *n)
{
    static const char *const cont_names[] = {"average", "median", "weightedAverage", NULL};
    static const char *const cat_names[] = {"majorityVote", "weightedMajorityVote", NULL};
    pm_knn *k = &m->u.knn;
    k->k = pa_int(c, n, "numberOfNeighbors", -1);
    if (!pa_str(n, "numberOfNeighbors"))
        pa_req(c, n, "numberOfNeighbors");
    if (k->k < 1)
        pm_bad(c, n, "numberOfNeighbors must be 1 or more");
    k->continuous_method = pa_enum(c, n, "continuousScoringMethod", cont_names, KNN_AVERAGE);
    k->categorical_method = pa_enum(c, n, "categoricalScoringMethod", cat_names, KNN_MAJORITY_VOTE);
    k->id_variable = pa_str(n, "instanceIdVariable");
    k->threshold = pa_num(c, n, "threshold", 0.001);
    if (m->function != FUNC_CLASSIFICATION && m->function != FUNC_REGRESSION &&
        m->function != FUNC_CLUSTERING && m->function != FUNC_MIXED)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "NearestNeighborModel: functionName=\"%s\" is not supported", m->function_name);
}

void pm_parse_instances(pm_ctx *c, const px_node *n, pm_instances *t)
{
    int have_fields = 0;
    t->line = n->line;
    t->is_transformed = pa_bool(c, n, "isTransformed", 0);
    PX_FOREACH(ch, n)
    {
        if (px_is(ch, "InstanceFields")) {
            size_t count = px_count(ch, "InstanceField"), i = 0;
            have_fields = 1;
            t->fields = PM_NEW_ARRAY(c, c->tmp, const char *, count + 1);
            t->columns = PM_NEW_ARRAY(c, c->tmp, const char *, count + 1);
            PX_FOREACH(f, ch)
            {
                if (px_is(f, "InstanceField")) {
                    t->fields[i] = pa_req(c, f, "field");
                    t->columns[i] = pa_str(f, "column");
                    if (!t->columns[i])
                        t->columns[i] = t->fields[i];
                    i++;
                } else if (!px_ignorable(f)) {
                    pm_unexpected(c, ch, f);
                }
            }
            t->nfields = count;
        } else if (px_is(ch, "InlineTable")) {
            t->table = pm_parse_inline_table(c, ch);
        } else if (px_is(ch, "TableLocator")) {
            pm_throw(c, PMML_ERR_UNSUPPORTED, ch->line, ch->name,
                     "TableLocator: tables outside the document are not supported");
        } else if (!px_ignorable(ch)) {
            pm_unexpected(c, n, ch);
        }
    }
    if (!have_fields)
        pm_bad(c, n, "the InstanceFields element is missing");
    if (!t->table)
        pm_bad(c, n, "an InlineTable of training instances is required");
}

static void parse_instances(pm_ctx *c, pm_knn *k, const px_node *n)
{
    pm_instances t = { 0 };
    pm_parse_instances(c, n, &t);
    k->instances_line = t.line;
    k->is_transformed = t.is_transformed;
    k->instance_fields = t.fields;
    k->instance_columns = t.columns;
    k->ninstance_fields = t.nfields;
    k->table = t.table;
}

int pm_parse_knn_child(pm_ctx *c, pm_model *m, const px_node *ch)
{
    pm_knn *k = &m->u.knn;
    if (px_is(ch, "TrainingInstances")) {
        if (k->table)
            pm_bad(c, ch, "more than one TrainingInstances");
        parse_instances(c, k, ch);
        return 1;
    }
    if (px_is(ch, "ComparisonMeasure")) {
        if (k->have_measure)
            pm_bad(c, ch, "more than one ComparisonMeasure");
        pm_parse_measure(c, ch, &k->measure);
        k->have_measure = 1;
        return 1;
    }
    if (px_is(ch, "KNNInputs")) {
        size_t count = px_count(ch, "KNNInput"), i = 0;
        k->inputs = PM_NEW_ARRAY(c, c->tmp, pm_knn_input, count + 1);
        PX_FOREACH(f, ch)
        {
            if (px_is(f, "KNNInput")) {
                pm_knn_input *in = &k->inputs[i++];
                in->line = f->line;
                in->field = pa_req(c, f, "field");
                in->weight = pa_num(c, f, "fieldWeight", 1.0);
                in->compare = pm_parse_compare(c, f, "compareFunction");
                if (in->compare == CMP_GAUSS_SIM || in->compare == CMP_TABLE)
                    pm_throw(c, PMML_ERR_UNSUPPORTED, f->line, f->name,
                             "KNNInput: compareFunction=\"%s\" needs settings a KNNInput cannot "
                             "carry",
                             in->compare == CMP_TABLE ? "table" : "gaussSim");
            } else if (!px_ignorable(f)) {
                pm_unexpected(c, ch, f);
            }
        }
        k->ninputs = count;
        return 1;
    }
    return 0;
}

void pm_parse_knn_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    pm_knn *k = &m->u.knn;
    if (!k->table)
        pm_bad(c, n, "the TrainingInstances element is missing");
    if (!k->have_measure)
        pm_bad(c, n, "the ComparisonMeasure element is missing");
    if (!k->ninputs)
        pm_bad(c, n, "KNNInputs with at least one KNNInput are required");
}
