/* parse_tree.c - TreeModel and its Nodes. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

void pm_parse_tree_attrs(pm_ctx *c, pm_model *m, const px_node *n)
{
    static const char *const missing_names[] = { "none", "lastPrediction", "nullPrediction",
                                                 "defaultChild", "weightedConfidence",
                                                 "aggregateNodes", NULL };
    static const char *const ntc_names[] = { "returnNullPrediction", "returnLastPrediction",
                                             NULL };
    static const char *const split_names[] = { "multiSplit", "binarySplit", NULL };
    pm_tree *t = &m->u.tree;
    t->missing_strategy = pa_enum(c, n, "missingValueStrategy", missing_names, TREE_MISSING_NONE);
    t->no_true_child = pa_enum(c, n, "noTrueChildStrategy", ntc_names, NO_TRUE_CHILD_NULL);
    t->missing_penalty = pa_num(c, n, "missingValuePenalty", 1.0);
    t->binary_split = pa_enum(c, n, "splitCharacteristic", split_names, 0);
    if (!(t->missing_penalty >= 0.0 && t->missing_penalty <= 1.0))
        pm_bad(c, n, "missingValuePenalty %g is not between 0 and 1", t->missing_penalty);
}

void pm_parse_scoredist(pm_ctx *c, const px_node *k, pm_scoredist *d)
{
    d->line = k->line;
    d->value = pa_req(c, k, "value");
    d->record_count = pa_num_req(c, k, "recordCount");
    d->has_confidence = pa_str(k, "confidence") != NULL;
    d->confidence = pa_num(c, k, "confidence", 0.0);
    d->has_probability = pa_str(k, "probability") != NULL;
    d->probability = pa_num(c, k, "probability", 0.0);
    if (d->has_probability && !(d->probability >= 0.0 && d->probability <= 1.0))
        pm_bad(c, k, "probability %g is not between 0 and 1", d->probability);
}

static pm_node *parse_node(pm_ctx *c, const px_node *n)
{
    pm_node *node = PM_NEW(c, c->tmp, pm_node);
    size_t nd = px_count(n, "ScoreDistribution"), nk = px_count(n, "Node"), i = 0, j = 0;

    node->line = n->line;
    node->id = pa_str(n, "id");
    node->score = pa_str(n, "score");
    node->has_record_count = pa_str(n, "recordCount") != NULL;
    node->record_count = pa_num(c, n, "recordCount", 0.0);
    node->default_child = pa_str(n, "defaultChild");
    node->dists = PM_NEW_ARRAY(c, c->tmp, pm_scoredist, nd + 1);
    node->kids = PM_NEW_ARRAY(c, c->tmp, pm_node *, nk + 1);
    PX_FOREACH(k, n) {
        if (pm_is_predicate(k)) {
            if (node->pred)
                pm_bad(c, n, "more than one predicate");
            node->pred = pm_parse_predicate(c, k);
        } else if (px_is(k, "ScoreDistribution")) {
            pm_parse_scoredist(c, k, &node->dists[i++]);
        } else if (px_is(k, "Node")) {
            node->kids[j++] = parse_node(c, k);
        } else if (px_is(k, "Regression") || px_is(k, "DecisionTree")) {
            pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                     "%s: embedded models in tree nodes are not supported", k->name);
        } else if (px_is(k, "Partition")) {
            continue;
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    node->ndists = nd;
    node->nkids = nk;
    if (!node->pred)
        pm_bad(c, n, "a predicate (True, False, SimplePredicate, ...) is required");
    return node;
}

int pm_parse_tree_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    if (!px_is(k, "Node"))
        return 0;
    if (m->u.tree.root)
        pm_bad(c, k, "a TreeModel has exactly one root Node");
    m->u.tree.root = parse_node(c, k);
    return 1;
}

void pm_parse_tree_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    if (!m->u.tree.root)
        pm_bad(c, n, "the root Node is missing");
    if (m->function != FUNC_REGRESSION && m->function != FUNC_CLASSIFICATION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "TreeModel: functionName=\"%s\" is not supported", m->function_name);
}
