/* parse_scorecard.c - Scorecard: Characteristics of Attributes with partial
 * scores and reason codes (PMML 4.4 Scorecard). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

void pm_parse_scorecard_attrs(pm_ctx *c, pm_model *m, const px_node *n)
{
    static const char *const algorithm_names[] = {"pointsBelow", "pointsAbove", NULL};
    static const char *const baseline_names[] = {"max", "min", "mean", "neutral", "other", NULL};
    pm_scorecard *s = &m->u.sc;
    if (m->function != FUNC_REGRESSION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "Scorecard: functionName=\"%s\" is not supported (a Scorecard is a regression)",
                 m->function_name);
    s->initial = pa_num(c, n, "initialScore", 0.0);
    s->use_reason_codes = pa_bool(c, n, "useReasonCodes", 1);
    s->points_above = pa_enum(c, n, "reasonCodeAlgorithm", algorithm_names, 0);
    s->has_baseline = pa_str(n, "baselineScore") != NULL;
    s->baseline = pa_num(c, n, "baselineScore", 0.0);
    /* baselineMethod only documents how the baselines were chosen */
    (void)pa_enum(c, n, "baselineMethod", baseline_names, 4);
}

static void parse_attribute(pm_ctx *c, const px_node *n, pm_sc_attr *a)
{
    a->line = n->line;
    a->reason_code = pa_str(n, "reasonCode");
    a->has_partial = pa_str(n, "partialScore") != NULL;
    a->partial = pa_num(c, n, "partialScore", 0.0);
    PX_FOREACH(k, n)
    {
        if (pm_is_predicate(k)) {
            if (a->pred)
                pm_bad(c, n, "more than one predicate");
            a->pred = pm_parse_predicate(c, k);
        } else if (px_is(k, "ComplexPartialScore")) {
            if (a->complex)
                pm_bad(c, n, "more than one ComplexPartialScore");
            a->complex = pm_parse_expr_child(c, k, 0);
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (!a->pred)
        pm_bad(c, n, "a predicate (True, False, SimplePredicate, ...) is required");
    if (!a->has_partial && !a->complex)
        pm_bad(c, n, "a partialScore or a ComplexPartialScore is required");
}

static void parse_characteristic(pm_ctx *c, const px_node *n, pm_sc_char *ch)
{
    size_t count = px_count(n, "Attribute"), i = 0;
    ch->line = n->line;
    ch->name = pa_str(n, "name");
    ch->reason_code = pa_str(n, "reasonCode");
    ch->has_baseline = pa_str(n, "baselineScore") != NULL;
    ch->baseline = pa_num(c, n, "baselineScore", 0.0);
    ch->attrs = PM_NEW_ARRAY(c, c->tmp, pm_sc_attr, count + 1);
    PX_FOREACH(k, n)
    {
        if (px_is(k, "Attribute"))
            parse_attribute(c, k, &ch->attrs[i++]);
        else if (!px_ignorable(k))
            pm_unexpected(c, n, k);
    }
    ch->nattrs = count;
    if (!count)
        pm_bad(c, n, "a Characteristic needs at least one Attribute");
}

int pm_parse_scorecard_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    pm_scorecard *s = &m->u.sc;
    size_t count, i = 0;
    if (!px_is(k, "Characteristics"))
        return 0;
    if (s->chars)
        pm_bad(c, k, "a Scorecard has exactly one Characteristics element");
    count = px_count(k, "Characteristic");
    s->chars = PM_NEW_ARRAY(c, c->tmp, pm_sc_char, count + 1);
    PX_FOREACH(ch, k)
    {
        if (px_is(ch, "Characteristic"))
            parse_characteristic(c, ch, &s->chars[i++]);
        else if (!px_ignorable(ch))
            pm_unexpected(c, k, ch);
    }
    s->nchars = count;
    if (!count)
        pm_bad(c, k, "at least one Characteristic is required");
    return 1;
}

void pm_parse_scorecard_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    pm_scorecard *s = &m->u.sc;
    size_t i, j;
    if (!s->chars)
        pm_bad(c, n, "the Characteristics element is missing");
    if (!s->use_reason_codes)
        return;
    /* PMML 4.4 Scorecard: with reason codes every Characteristic needs a
     * baseline (its own or the Scorecard's) and every Attribute a reason code
     * (its own or its Characteristic's) */
    for (i = 0; i < s->nchars; i++) {
        const pm_sc_char *ch = &s->chars[i];
        if (!ch->has_baseline && !s->has_baseline)
            pm_throw(c, PMML_ERR_PMML, ch->line, "Characteristic",
                     "Characteristic: '%s' has no baselineScore and the Scorecard none either "
                     "(useReasonCodes is true)",
                     ch->name ? ch->name : "");
        for (j = 0; j < ch->nattrs; j++)
            if (!ch->attrs[j].reason_code && !ch->reason_code)
                pm_throw(c, PMML_ERR_PMML, ch->attrs[j].line, "Attribute",
                         "Attribute: no reasonCode here or on its Characteristic '%s' "
                         "(useReasonCodes is true)",
                         ch->name ? ch->name : "");
    }
}
