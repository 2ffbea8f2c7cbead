/* parse_baseline.c - BaselineModel: TestDistributions with a Baseline and an
 * Alternate distribution (PMML 4.4 Baseline Models). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

/* The one distribution inside a Baseline or Alternate element. */
static void parse_side(pm_ctx *c, const px_node *n, int *dist, double *p1, double *p2)
{
    int have = 0;
    PX_FOREACH(k, n)
    {
        if (px_ignorable(k))
            continue;
        if (px_is(k, "CountTable") || px_is(k, "NormalizedCountTable") || px_is(k, "FieldRef"))
            pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                     "%s: count tables (chi-square and scalar-product tests) are not supported",
                     k->name);
        if (!pm_parse_distribution(c, k, 1, dist, p1, p2))
            pm_unexpected(c, n, k);
        if (have)
            pm_bad(c, n, "more than one distribution");
        have = 1;
    }
    if (!have)
        pm_bad(c, n, "a distribution is required");
}

int pm_parse_baseline_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    static const char *const stat_names[] = {
        "zValue", "chiSquareIndependence", "chiSquareDistribution", "CUSUM", "scalarProduct", NULL};
    pm_baseline_model *b = &m->u.bl;
    if (!px_is(k, "TestDistributions"))
        return 0;
    if (b->line)
        pm_bad(c, k, "a BaselineModel has exactly one TestDistributions");
    b->line = k->line;
    b->field = pa_req(c, k, "field");
    pa_req(c, k, "testStatistic");
    b->statistic = pa_enum(c, k, "testStatistic", stat_names, 0);
    b->reset = pa_num(c, k, "resetValue", 0.0);
    b->base_dist = b->alt_dist = -1;
    if (b->statistic != TEST_ZVALUE && b->statistic != TEST_CUSUM)
        pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                 "TestDistributions: testStatistic=\"%s\" is not supported (zValue and CUSUM "
                 "are)",
                 stat_names[b->statistic]);
    if (pa_str(k, "weightField"))
        pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                 "TestDistributions: weightField is not supported");
    PX_FOREACH(s, k)
    {
        if (px_is(s, "Baseline"))
            parse_side(c, s, &b->base_dist, &b->base_p1, &b->base_p2);
        else if (px_is(s, "Alternate"))
            parse_side(c, s, &b->alt_dist, &b->alt_p1, &b->alt_p2);
        else if (!px_ignorable(s))
            pm_unexpected(c, k, s);
    }
    if (b->base_dist < 0)
        pm_bad(c, k, "the Baseline element is missing");
    if (b->statistic == TEST_ZVALUE && b->base_dist != DIST_GAUSSIAN && b->base_dist != DIST_ANY)
        pm_bad(c, k, "zValue needs a Baseline with a mean and a variance (Gaussian or Any)");
    if (b->statistic == TEST_CUSUM) {
        if (b->alt_dist < 0)
            pm_bad(c, k, "CUSUM needs an Alternate distribution");
        if (b->base_dist == DIST_ANY || b->alt_dist == DIST_ANY)
            pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                     "TestDistributions: CUSUM needs densities, which AnyDistribution has not");
    }
    return 1;
}

void pm_parse_baseline_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    if (!m->u.bl.line)
        pm_bad(c, n, "the TestDistributions element is missing");
    if (m->function != FUNC_REGRESSION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "BaselineModel: functionName=\"%s\" is not supported (the test statistic is a "
                 "regression)",
                 m->function_name);
}
