/* parse_mining.c - MiningModel: Segmentation and Segments. */
#include "config.h"

#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

/* Nested MiningModels are bounded by the XML depth limit; this bound only
 * keeps the recursion obviously finite. */
#define MAX_MODEL_NESTING 64

void pm_parse_mining_attrs(pm_ctx *c, pm_model *m, const px_node *n)
{
    (void)c;
    (void)m;
    (void)n;
}

static void parse_segmentation(pm_ctx *c, pm_model *m, const px_node *n, int depth)
{
    static const char *const method_names[] = {
        "majorityVote", "weightedMajorityVote", "average", "weightedAverage", "median",
        "weightedMedian", "max", "sum", "weightedSum", "selectFirst", "selectAll",
        "modelChain", "multiModelChain", NULL
    };
    static const char *const mpt_names[] = { "continue", "skipSegment", "returnMissing", NULL };
    pm_mining *mm = &m->u.mining;
    const char *method = pa_req(c, n, "multipleModelMethod");
    size_t count = px_count(n, "Segment"), i = 0;
    int k;

    if (strncmp(method, "x-", 2) == 0)
        method += 2;
    for (k = 0; method_names[k]; k++)
        if (strcmp(method, method_names[k]) == 0)
            break;
    if (!method_names[k])
        pm_bad(c, n, "attribute 'multipleModelMethod' has the unknown value '%s'", method);
    mm->method = k;
    mm->missing_treatment = pa_enum(c, n, "missingPredictionTreatment", mpt_names, MPT_CONTINUE);
    mm->missing_threshold = pa_num(c, n, "missingThreshold", 1.0);
    mm->line = n->line;
    mm->segments = PM_NEW_ARRAY(c, c->tmp, pm_segment, count + 1);
    PX_FOREACH(s, n) {
        pm_segment *seg;
        if (!px_is(s, "Segment")) {
            if (px_ignorable(s))
                continue;
            pm_unexpected(c, n, s);
        }
        seg = &mm->segments[i++];
        seg->line = s->line;
        seg->id = pa_str(s, "id");
        seg->weight = pa_num(c, s, "weight", 1.0);
        seg->pred = pm_parse_predicate_child(c, s);
        PX_FOREACH(k2, s) {
            if (pm_is_model_element(k2)) {
                if (seg->model)
                    pm_bad(c, s, "a Segment holds exactly one model");
                if (depth + 1 > MAX_MODEL_NESTING)
                    pm_throw(c, PMML_ERR_LIMIT, k2->line, k2->name,
                             "%s: models are nested more than %d deep", k2->name,
                             MAX_MODEL_NESTING);
                seg->model = pm_parse_model(c, k2, depth + 1);
            } else if (px_is(k2, "VariableWeight")) {
                seg->weight_field = pa_req(c, k2, "field");
            } else if (!pm_is_predicate(k2) && !px_ignorable(k2)) {
                pm_unexpected(c, s, k2);
            }
        }
        if (!seg->model)
            pm_bad(c, s, "the Segment holds no model");
    }
    mm->nsegments = count;
}

int pm_parse_mining_child(pm_ctx *c, pm_model *m, const px_node *k, int depth)
{
    if (px_is(k, "Segmentation")) {
        if (m->u.mining.segments)
            pm_bad(c, k, "more than one Segmentation");
        parse_segmentation(c, m, k, depth);
        return 1;
    }
    if (px_is(k, "Regression") || px_is(k, "DecisionTree"))
        pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                 "%s: embedded models (PMML 3 model composition) are not supported", k->name);
    return 0;
}

void pm_parse_mining_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    if (!m->u.mining.segments)
        pm_bad(c, n, "the Segmentation element is missing");
    if (m->u.mining.nsegments == 0)
        pm_bad(c, n, "the Segmentation holds no Segment");
}
