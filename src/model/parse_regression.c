/* parse_regression.c - RegressionModel and its RegressionTables. */
#include "config.h"

#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

void pm_parse_regression_attrs(pm_ctx *c, pm_model *m, const px_node *n)
{
    static const char *const norm_names[] = { "none", "simplemax", "softmax", "logit", "probit",
                                              "cloglog", "exp", "loglog", "cauchit", NULL };
    m->u.reg.normalization = pa_enum(c, n, "normalizationMethod", norm_names, NORM_NONE);
    /* PMML 3.x: RegressionModel@modelType is informational only. */
}

static void parse_table(pm_ctx *c, const px_node *n, pm_regtable *t)
{
    size_t nn = px_count(n, "NumericPredictor"), nc = px_count(n, "CategoricalPredictor");
    size_t nt = px_count(n, "PredictorTerm"), in = 0, ic = 0, it = 0;

    t->line = n->line;
    /* required since PMML 4.0; older producers left it out for 0 */
    t->intercept = pa_num(c, n, "intercept", 0.0);
    t->target_category = pa_str(n, "targetCategory");
    t->nums = PM_NEW_ARRAY(c, c->tmp, pm_numpred, nn + 1);
    t->cats = PM_NEW_ARRAY(c, c->tmp, pm_catpred, nc + 1);
    t->terms = PM_NEW_ARRAY(c, c->tmp, pm_predterm, nt + 1);
    PX_FOREACH(k, n) {
        if (px_is(k, "NumericPredictor")) {
            pm_numpred *p = &t->nums[in++];
            p->line = k->line;
            p->name = pa_req(c, k, "name");
            p->exponent = pa_num(c, k, "exponent", 1.0);
            p->coefficient = pa_num_req(c, k, "coefficient");
        } else if (px_is(k, "CategoricalPredictor")) {
            pm_catpred *p = &t->cats[ic++];
            p->line = k->line;
            p->name = pa_req(c, k, "name");
            p->value = pa_req(c, k, "value");
            p->coefficient = pa_num_req(c, k, "coefficient");
        } else if (px_is(k, "PredictorTerm")) {
            pm_predterm *p = &t->terms[it++];
            size_t nf = px_count(k, "FieldRef"), i = 0;
            p->line = k->line;
            p->coefficient = pa_num_req(c, k, "coefficient");
            p->fields = PM_NEW_ARRAY(c, c->tmp, const char *, nf + 1);
            PX_FOREACH(kk, k) {
                if (px_is(kk, "FieldRef"))
                    p->fields[i++] = pa_req(c, kk, "field");
                else if (!px_ignorable(kk))
                    pm_unexpected(c, k, kk);
            }
            p->nfields = nf;
            if (nf == 0)
                pm_bad(c, k, "a PredictorTerm needs at least one FieldRef");
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    t->nnums = nn;
    t->ncats = nc;
    t->nterms = nt;
}

int pm_parse_regression_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    pm_regression *r = &m->u.reg;
    if (!px_is(k, "RegressionTable"))
        return 0;
    if (!r->tables) {
        size_t count = px_count(k->parent, "RegressionTable");
        r->tables = PM_NEW_ARRAY(c, c->tmp, pm_regtable, count + 1);
    }
    parse_table(c, k, &r->tables[r->ntables++]);
    return 1;
}

void pm_parse_regression_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    pm_regression *r = &m->u.reg;
    if (r->ntables == 0)
        pm_bad(c, n, "at least one RegressionTable is required");
    if (m->function != FUNC_REGRESSION && m->function != FUNC_CLASSIFICATION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "RegressionModel: functionName=\"%s\" is not supported", m->function_name);
}
