/* compile_grm.c - GeneralRegressionModel into parameter rows and
 * coefficient sets. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"

static size_t param_index(ccomp *cc, const pm_grm *g, const char *name, unsigned line,
                          const char *element)
{
    size_t i;
    for (i = 0; i < g->nparams; i++)
        if (strcmp(g->params[i].name, name) == 0)
            return i;
    pm_throw(cc->c, PMML_ERR_PMML, line, element, "%s: '%s' is not in the ParameterList", element,
             name);
}

static const pm_grm_predictor *find_predictor(const pm_grm_predictor *list, size_t n,
                                              const char *name)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(list[i].name, name) == 0)
            return &list[i];
    return NULL;
}

static void compile_term(ccomp *cc, cscope *s, const pm_grm *g, const pm_ppcell *cell,
                         pl_gterm *t)
{
    const pm_grm_predictor *f = find_predictor(g->factors, g->nfactors, cell->predictor);
    const pm_grm_predictor *cv = find_predictor(g->covariates, g->ncovariates, cell->predictor);
    cfield *fld;
    if (!f && !cv)
        pm_throw(cc->c, PMML_ERR_PMML, cell->line, "PPCell",
                 "PPCell: '%s' is neither in the FactorList nor in the CovariateList",
                 cell->predictor);
    fld = cx_use(cc, s, cell->predictor, cell->line, "PPCell");
    t->slot = fld->slot;
    if (cv) {
        t->kind = GT_COVARIATE;
        t->exponent = cx_value(cc, cell->value, PMML_TYPE_DOUBLE, cell->line, "PPCell").d;
        return;
    }
    {
        int dt = fld->datatype ? fld->datatype
                                                                      : PMML_TYPE_STRING;
        pv v;
        if (!cx_try_value(cc, cell->value, dt, &v))
            pm_throw(cc->c, PMML_ERR_PMML, cell->line, "PPCell",
                     "PPCell: '%s' is not a %s value of '%s'", cell->value,
                     pmml_datatype_name(dt), cell->predictor);
        t->is_str = pm_type_is_string(dt);
        t->id = v.id;
        t->num = v.d;
        t->kind = GT_FACTOR;
        if (f->matrix) {
            /* a contrast matrix: row = the value's category, column = this cell's */
            pv *cats = PM_NEW_ARRAY(cc->c, cc->a, pv, f->ncategories);
            size_t k, col = (size_t)-1;
            double *m = PM_NEW_ARRAY(cc->c, cc->a, double, f->ncategories * f->ncolumns);
            for (k = 0; k < f->ncategories; k++) {
                if (!cx_try_value(cc, f->categories[k], dt, &cats[k]))
                    pm_throw(cc->c, PMML_ERR_PMML, f->line, "Category",
                             "Category: '%s' is not a %s value", f->categories[k],
                             pmml_datatype_name(dt));
                if (t->is_str ? cats[k].id == v.id : cats[k].d == v.d)
                    col = k;
            }
            if (col == (size_t)-1 || col >= f->ncolumns)
                pm_throw(cc->c, PMML_ERR_PMML, cell->line, "PPCell",
                         "PPCell: '%s' has no column in the contrast matrix of '%s'", cell->value,
                         cell->predictor);
            memcpy(m, f->matrix, f->ncategories * f->ncolumns * sizeof *m);
            t->kind = GT_CONTRAST;
            t->cats = cats;
            t->ncats = f->ncategories;
            t->matrix = m;
            t->ncols = f->ncolumns;
            t->col = col;
        }
    }
}

/* The category index of a targetCategory attribute (compared as the
 * target's values, so "1" and "1.0" agree for numeric targets). */
static int cat_of(ccomp *cc, pl_model *m, const char *text, unsigned line)
{
    int k = cx_category(cc, m, text, 0, line);
    if (k < 0)
        pm_throw(cc->c, PMML_ERR_PMML, line, "PCell",
                 "PCell: targetCategory '%s' is not a category of the target", text);
    return k;
}

void cx_grm(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_grm *g = &pm->u.grm;
    pl_grm *pg = PM_NEW(cc->c, cc->a, pl_grm);
    size_t np = g->nparams, i, k;
    uint32_t *row_off = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, np + 1);
    pl_gterm *terms = PM_NEW_ARRAY(cc->c, cc->a, pl_gterm, g->nppcells + 1);
    double *refs = PM_NEW_ARRAY(cc->c, cc->a, double, np + 1);
    int classification = m->function == FUNC_CLASSIFICATION;
    size_t nt = 0;

    pg->model_type = g->model_type;
    pg->link = g->link;
    pg->cumulative_link = g->cumulative_link;
    pg->link_param = g->link_param;
    pg->dist_param = g->dist_param;
    pg->nparams = np;
    if (g->model_type == GRM_GENERALIZED_LINEAR) {
        if (g->link == LINK_NEGBIN && !g->has_dist_param)
            pm_throw(cc->c, PMML_ERR_PMML, g->line, "GeneralRegressionModel",
                     "GeneralRegressionModel: linkFunction=\"negbin\" needs distParameter");
        if ((g->link == LINK_POWER || g->link == LINK_ODDSPOWER) && !g->has_link_param)
            pm_throw(cc->c, PMML_ERR_PMML, g->line, "GeneralRegressionModel",
                     "GeneralRegressionModel: this linkFunction needs linkParameter");
    }
    if (classification && (g->model_type == GRM_REGRESSION ||
                           g->model_type == GRM_GENERAL_LINEAR || g->model_type == GRM_COX))
        pm_throw(cc->c, PMML_ERR_PMML, g->line, "GeneralRegressionModel",
                 "GeneralRegressionModel: this modelType needs functionName=\"regression\"");
    if (!classification && (g->model_type == GRM_MULTINOMIAL_LOGISTIC ||
                            g->model_type == GRM_ORDINAL_MULTINOMIAL))
        pm_throw(cc->c, PMML_ERR_PMML, g->line, "GeneralRegressionModel",
                 "GeneralRegressionModel: this modelType needs functionName=\"classification\"");

    /* parameter rows from the PPMatrix */
    for (i = 0; i < np; i++) {
        row_off[i] = (uint32_t)nt;
        refs[i] = g->params[i].reference_point;
        for (k = 0; k < g->nppcells; k++) {
            const pm_ppcell *cell = &g->ppcells[k];
            if (strcmp(cell->parameter, g->params[i].name) != 0)
                continue;
            if (cell->target_category)
                pm_throw(cc->c, PMML_ERR_UNSUPPORTED, cell->line, "PPCell",
                         "PPCell: a PPMatrix that differs by targetCategory is not supported");
            compile_term(cc, s, g, cell, &terms[nt++]);
        }
    }
    row_off[np] = (uint32_t)nt;
    for (k = 0; k < g->nppcells; k++)
        param_index(cc, g, g->ppcells[k].parameter, g->ppcells[k].line, "PPCell");
    pg->row_off = row_off;
    pg->terms = terms;
    pg->ref_points = refs;

    if (!classification) {
        double *beta = PM_NEW_ARRAY(cc->c, cc->a, double, np + 1);
        for (i = 0; i < np; i++)
            beta[i] = NAN;
        for (k = 0; k < g->npcells; k++) {
            const pm_pcell *pc = &g->pcells[k];
            size_t p = param_index(cc, g, pc->parameter, pc->line, "PCell");
            if (pc->target_category)
                pm_throw(cc->c, PMML_ERR_PMML, pc->line, "PCell",
                         "PCell: a regression has no targetCategory");
            beta[p] = isnan(beta[p]) ? pc->beta : beta[p] + pc->beta;
        }
        pg->nsets = 1;
        pg->beta = beta;
    } else {
        /* categories in the target's order, the reference category last: the
         * one named by targetReferenceCategory, or (multinomial and
         * generalized linear) the one the ParamMatrix never names */
        size_t K, ref, j;
        int32_t *order;
        double *beta;
        int32_t *set_cat;
        if (m->ncat < 2)
            pm_throw(cc->c, PMML_ERR_PMML, g->line, "GeneralRegressionModel",
                     "GeneralRegressionModel: a classification needs at least two target "
                     "categories listed in the DataDictionary");
        K = m->ncat;
        ref = K - 1;
        if (g->target_reference) {
            ref = (size_t)cat_of(cc, m, g->target_reference, g->line);
        } else if (g->model_type != GRM_ORDINAL_MULTINOMIAL) {
            size_t found = 0;
            for (j = 0; j < K; j++) {
                int named = 0;
                for (k = 0; k < g->npcells && !named; k++)
                    named = g->pcells[k].target_category &&
                            cat_of(cc, m, g->pcells[k].target_category, g->pcells[k].line) ==
                                (int)j;
                if (!named) {
                    ref = j;
                    found++;
                }
            }
            if (found != 1 && !(K == 2 && found == 2))
                pm_throw(cc->c, PMML_ERR_PMML, g->line, "ParamMatrix",
                         "ParamMatrix: cannot tell the reference category (%zu categories have "
                         "no coefficients)",
                         found);
            if (found == 2)
                ref = K - 1;
        }
        order = PM_NEW_ARRAY(cc->c, cc->c->tmp, int32_t, K);
        for (j = 0, k = 0; j < K; j++)
            if (j != ref)
                order[k++] = (int32_t)j;
        order[K - 1] = (int32_t)ref;
        pg->nsets = K - 1;
        beta = PM_NEW_ARRAY(cc->c, cc->a, double, (K - 1) * np + 1);
        set_cat = PM_NEW_ARRAY(cc->c, cc->a, int32_t, K);
        for (j = 0; j + 1 < K; j++) {
            set_cat[j] = order[j];
            for (i = 0; i < np; i++)
                beta[j * np + i] = NAN;
            for (k = 0; k < g->npcells; k++) {
                const pm_pcell *pc = &g->pcells[k];
                size_t p = param_index(cc, g, pc->parameter, pc->line, "PCell");
                int use;
                if (g->model_type == GRM_ORDINAL_MULTINOMIAL)
                    /* one intercept per category, the other parameters shared */
                    use = !pc->target_category ||
                          cat_of(cc, m, pc->target_category, pc->line) == order[j];
                else if (pc->target_category)
                    use = cat_of(cc, m, pc->target_category, pc->line) == order[j];
                else
                    use = K == 2; /* binomial: cells without a category */
                if (use)
                    beta[j * np + p] =
                        isnan(beta[j * np + p]) ? pc->beta : beta[j * np + p] + pc->beta;
            }
        }
        set_cat[K - 1] = order[K - 1];
        pg->beta = beta;
        pg->set_cat = set_cat;
        pg->last_cat = order[K - 1];
    }

    pg->offset_slot = pg->trials_slot = pg->end_slot = pg->strata_slot = -1;
    if (g->offset_variable)
        pg->offset_slot = cx_use(cc, s, g->offset_variable, g->line, "GeneralRegressionModel")->slot;
    pg->has_offset = g->has_offset_value;
    pg->offset_value = g->offset_value;
    if (g->trials_variable)
        pg->trials_slot = cx_use(cc, s, g->trials_variable, g->line, "GeneralRegressionModel")->slot;
    pg->has_trials = g->has_trials_value;
    pg->trials_value = g->trials_value;

    if (g->model_type == GRM_COX) {
        pl_gbaseline *b = PM_NEW_ARRAY(cc->c, cc->a, pl_gbaseline, g->nbaselines);
        cfield *strata = NULL;
        pg->end_slot = cx_use(cc, s, g->end_time_variable, g->line, "GeneralRegressionModel")->slot;
        if (g->stratified) {
            if (!g->baseline_strata_variable)
                pm_throw(cc->c, PMML_ERR_PMML, g->line, "GeneralRegressionModel",
                         "GeneralRegressionModel: BaselineStratum needs baselineStrataVariable");
            strata = cx_use(cc, s, g->baseline_strata_variable, g->line, "GeneralRegressionModel");
            pg->strata_slot = strata->slot;
        }
        for (i = 0; i < g->nbaselines; i++) {
            const pm_baseline *src = &g->baselines[i];
            double *t = PM_NEW_ARRAY(cc->c, cc->a, double, src->ncells + 1);
            double *h = PM_NEW_ARRAY(cc->c, cc->a, double, src->ncells + 1);
            size_t a, z;
            if (src->ncells == 0)
                pm_throw(cc->c, PMML_ERR_PMML, src->line, "BaseCumHazardTables",
                         "BaseCumHazardTables: a stratum without BaselineCell");
            /* insertion sort by time: the tables are short */
            for (a = 0; a < src->ncells; a++) {
                z = a;
                while (z > 0 && t[z - 1] > src->times[a]) {
                    t[z] = t[z - 1];
                    h[z] = h[z - 1];
                    z--;
                }
                t[z] = src->times[a];
                h[z] = src->cum_hazards[a];
            }
            b[i].times = t;
            b[i].hazards = h;
            b[i].ncells = src->ncells;
            b[i].max_time = src->max_time;
            b[i].min_time = t[0];
            if (strata) {
                int dt = strata->datatype
                             ? strata->datatype
                             : PMML_TYPE_STRING;
                b[i].value = cx_value(cc, src->value, dt, src->line, "BaselineStratum");
            }
        }
        pg->nbaselines = g->nbaselines;
        pg->baselines = b;
    }
    m->impl = pg;
    m->eval = pm_eval_grm;
}
