/* compile_ruleset.c - a RuleSetModel into a depth-first rule array with
 * resolved predicates and score categories. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compile/compile.h"

typedef struct rbuild {
    cvec rules, preds, dists;
    unsigned simple; /* SimpleRules so far: implicit ids */
} rbuild;

static void add_dists(ccomp *cc, pl_model *m, rbuild *b, const pm_scoredist *d, size_t n,
                      int32_t *first, int32_t *count)
{
    size_t i;
    *first = (int32_t)b->dists.n;
    *count = (int32_t)n;
    for (i = 0; i < n; i++) {
        pl_dist *pd = cvec_push(cc, &b->dists, sizeof *pd);
        pd->cat = cx_category(cc, m, d[i].value, 1, d[i].line);
        pd->count = d[i].record_count;
        pd->prob = d[i].has_probability ? d[i].probability : NAN;
        pd->conf = d[i].has_confidence ? d[i].confidence : NAN;
    }
}

static void add_rule(ccomp *cc, cscope *s, pl_model *m, rbuild *b, const pm_rule *r)
{
    size_t at = b->rules.n, i;
    pl_rule *pr = cvec_push(cc, &b->rules, sizeof *pr);
    pr->pred = cx_pred(cc, s, &b->preds, r->pred);
    pr->cat = -1;
    pr->id = pv_missing();
    if (r->compound) {
        for (i = 0; i < r->nkids; i++)
            add_rule(cc, s, m, b, r->kids[i]);
    } else {
        char buf[24];
        int32_t cat = cx_category(cc, m, r->score, 1, r->line);
        int32_t dist, ndist;
        const char *id = r->id;
        add_dists(cc, m, b, r->dists, r->ndists, &dist, &ndist);
        /* the array may have moved */
        pr = (pl_rule *)b->rules.items + at;
        pr->cat = cat;
        pr->dist = dist;
        pr->ndist = ndist;
        pr->weight = r->weight;
        pr->confidence = r->confidence;
        b->simple++;
        if (!id) {
            /* rules without an id are numbered 1, 2, ... in document order */
            snprintf(buf, sizeof buf, "%u", b->simple);
            id = buf;
        }
        pr->id = cx_value(cc, id, PMML_TYPE_STRING, r->line, "SimpleRule");
    }
    pr = (pl_rule *)b->rules.items + at;
    pr->size = (uint32_t)(b->rules.n - at);
}

void cx_ruleset(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_ruleset *src = &pm->u.rs;
    pl_ruleset *rs = PM_NEW(cc->c, cc->a, pl_ruleset);
    rbuild b;
    size_t i;
    memset(&b, 0, sizeof b);
    rs->criterion = src->criterion;
    for (i = 0; i < src->nrules; i++)
        add_rule(cc, s, m, &b, src->rules[i]);
    rs->default_cat = -1;
    if (src->default_score) {
        rs->default_cat = cx_category(cc, m, src->default_score, 1, src->line);
        rs->default_confidence = src->has_default_confidence ? src->default_confidence : NAN;
    }
    add_dists(cc, m, &b, src->dists, src->ndists, &rs->default_dist, &rs->default_ndist);
    rs->nrules = b.rules.n;
    rs->rules = cvec_keep(cc, &b.rules, sizeof(pl_rule));
    rs->preds = cvec_keep(cc, &b.preds, sizeof(pl_pred));
    rs->dists = cvec_keep(cc, &b.dists, sizeof(pl_dist));
    m->impl = rs;
    m->eval = pm_eval_ruleset;
    m->output = pm_output_ruleset;
    /* per row and category: confidence or weight total, order first fired,
     * the rule that speaks for it */
    m->tmp_size = 1;
    m->tmp_per_cat = 3;
}

int cx_ruleset_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out)
{
    int f = o->feature == FEAT_RULE_VALUE ? o->rule_feature : o->feature;
    (void)m;
    if (o->feature != FEAT_ENTITY_ID && o->feature != FEAT_RULE_ID && o->feature != FEAT_RULE_VALUE)
        return 0;
    if (f != FEAT_RULE_ID && f != FEAT_ENTITY_ID && f != FEAT_CONFIDENCE)
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, o->line, "OutputField",
                 "OutputField: '%s': a RuleSetModel has no rule antecedents, consequents or "
                 "association measures",
                 o->name);
    if (o->rank != 1)
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, o->line, "OutputField",
                 "OutputField: '%s': only the selected rule (rank 1) of a RuleSetModel is "
                 "available",
                 o->name);
    out->aux = f;
    if (!out->datatype)
        out->datatype = f == FEAT_CONFIDENCE ? PMML_TYPE_DOUBLE : PMML_TYPE_STRING;
    return 1;
}
