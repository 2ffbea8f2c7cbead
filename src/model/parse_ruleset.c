/* parse_ruleset.c - RuleSetModel: a RuleSet of SimpleRules and CompoundRules
 * (PMML 4.4 RuleSet). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

static int is_rule(const px_node *k)
{
    return px_is(k, "SimpleRule") || px_is(k, "CompoundRule");
}

static pm_rule *parse_rule(pm_ctx *c, const px_node *n, int depth)
{
    pm_rule *r = PM_NEW(c, c->tmp, pm_rule);
    if (depth > 200)
        pm_bad(c, n, "CompoundRules are nested too deeply");
    r->line = n->line;
    r->compound = px_is(n, "CompoundRule");
    if (r->compound) {
        size_t count = 0;
        PX_FOREACH(k, n)
        {
            if (is_rule(k))
                count++;
        }
        r->kids = PM_NEW_ARRAY(c, c->tmp, pm_rule *, count + 1);
    } else {
        r->id = pa_str(n, "id");
        r->score = pa_req(c, n, "score");
        r->confidence = pa_num(c, n, "confidence", 1.0);
        r->weight = pa_num(c, n, "weight", 1.0);
        r->dists = PM_NEW_ARRAY(c, c->tmp, pm_scoredist, px_count(n, "ScoreDistribution") + 1);
    }
    PX_FOREACH(k, n)
    {
        if (pm_is_predicate(k)) {
            if (r->pred)
                pm_bad(c, n, "more than one predicate");
            r->pred = pm_parse_predicate(c, k);
        } else if (r->compound && is_rule(k)) {
            r->kids[r->nkids++] = parse_rule(c, k, depth + 1);
        } else if (!r->compound && px_is(k, "ScoreDistribution")) {
            pm_parse_scoredist(c, k, &r->dists[r->ndists++]);
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (!r->pred)
        pm_bad(c, n, "a predicate (True, False, SimplePredicate, ...) is required");
    if (r->compound && !r->nkids)
        pm_bad(c, n, "a CompoundRule needs at least one rule");
    return r;
}

static void parse_ruleset(pm_ctx *c, const px_node *n, pm_ruleset *rs)
{
    static const char *const criterion_names[] = {"firstHit", "weightedSum", "weightedMax", NULL};
    size_t count = 0, nd = px_count(n, "ScoreDistribution");
    int have_method = 0;
    rs->line = n->line;
    rs->default_score = pa_str(n, "defaultScore");
    rs->has_default_confidence = pa_str(n, "defaultConfidence") != NULL;
    rs->default_confidence = pa_num(c, n, "defaultConfidence", 0.0);
    rs->dists = PM_NEW_ARRAY(c, c->tmp, pm_scoredist, nd + 1);
    PX_FOREACH(k, n)
    {
        if (is_rule(k))
            count++;
    }
    rs->rules = PM_NEW_ARRAY(c, c->tmp, pm_rule *, count + 1);
    PX_FOREACH(k, n)
    {
        if (px_is(k, "RuleSelectionMethod")) {
            int crit;
            pa_req(c, k, "criterion");
            crit = pa_enum(c, k, "criterion", criterion_names, 0);
            /* "If more than one method is included, the first method is used
             * as the default method for scoring" */
            if (!have_method)
                rs->criterion = crit;
            have_method = 1;
        } else if (px_is(k, "ScoreDistribution")) {
            pm_parse_scoredist(c, k, &rs->dists[rs->ndists++]);
        } else if (is_rule(k)) {
            rs->rules[rs->nrules++] = parse_rule(c, k, 0);
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    if (!have_method)
        pm_bad(c, n, "at least one RuleSelectionMethod is required");
}

int pm_parse_ruleset_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    if (!px_is(k, "RuleSet"))
        return 0;
    if (m->u.rs.line)
        pm_bad(c, k, "a RuleSetModel has exactly one RuleSet");
    parse_ruleset(c, k, &m->u.rs);
    return 1;
}

void pm_parse_ruleset_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    if (!m->u.rs.line)
        pm_bad(c, n, "the RuleSet element is missing");
    if (m->function != FUNC_CLASSIFICATION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "RuleSetModel: functionName=\"%s\" is not supported (rule sets classify)",
                 m->function_name);
}
