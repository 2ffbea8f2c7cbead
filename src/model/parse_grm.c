/* parse_grm.c - GeneralRegressionModel: parameters, predictors, the PP and
 * Param matrices, and the baseline hazards of Cox regression. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

void pm_parse_grm_attrs(pm_ctx *c, pm_model *m, const px_node *n)
{
    static const char *const type_names[] = { "regression", "generalLinear",
                                              "multinomialLogistic", "ordinalMultinomial",
                                              "generalizedLinear", "CoxRegression", NULL };
    static const char *const link_names[] = { "cloglog", "identity", "log", "logc", "logit",
                                              "loglog", "negbin", "oddspower", "power",
                                              "probit", NULL };
    static const char *const cum_names[] = { "logit", "probit", "cloglog", "loglog", "cauchit",
                                             NULL };
    pm_grm *g = &m->u.grm;
    g->line = n->line;
    pa_req(c, n, "modelType");
    g->model_type = pa_enum(c, n, "modelType", type_names, 0);
    g->link = pa_enum(c, n, "linkFunction", link_names, -1);
    g->cumulative_link = pa_enum(c, n, "cumulativeLink", cum_names, -1);
    g->has_link_param = pa_str(n, "linkParameter") != NULL;
    g->link_param = pa_num(c, n, "linkParameter", 0.0);
    g->has_dist_param = pa_str(n, "distParameter") != NULL;
    g->dist_param = pa_num(c, n, "distParameter", 0.0);
    g->target_reference = pa_str(n, "targetReferenceCategory");
    g->offset_variable = pa_str(n, "offsetVariable");
    g->has_offset_value = pa_str(n, "offsetValue") != NULL;
    g->offset_value = pa_num(c, n, "offsetValue", 0.0);
    g->trials_variable = pa_str(n, "trialsVariable");
    g->has_trials_value = pa_str(n, "trialsValue") != NULL;
    g->trials_value = pa_num(c, n, "trialsValue", 0.0);
    g->end_time_variable = pa_str(n, "endTimeVariable");
    g->baseline_strata_variable = pa_str(n, "baselineStrataVariable");
}

/* Matrix (PMML 4.4 General Structure): Array rows or MatCell entries. */
static double *parse_matrix(pm_ctx *c, const px_node *n, size_t *rows, size_t *cols)
{
    static const char *const kind_names[] = { "any", "diagonal", "symmetric", NULL };
    int kind = pa_enum(c, n, "kind", kind_names, 0);
    long nr = pa_int(c, n, "nbRows", -1), nc = pa_int(c, n, "nbCols", -1);
    double diag = pa_num(c, n, "diagDefault", NAN), off = pa_num(c, n, "offDiagDefault", NAN);
    size_t r = 0, i, j, narrays = px_count(n, "Array");
    double *m;
    if (nr < 0)
        nr = (long)narrays;
    if (nc < 0) {
        nc = 0;
        PX_FOREACH(k, n) {
            if (px_is(k, "Array")) {
                pm_array a;
                pm_parse_array(c, k, &a);
                if ((long)a.n > nc)
                    nc = (long)a.n;
            }
        }
    }
    if (nr <= 0 || nc <= 0 || nr > 100000 || nc > 100000 || (size_t)nr * (size_t)nc > 10000000)
        pm_bad(c, n, "a matrix of %ld x %ld is not supported", nr, nc);
    m = PM_NEW_ARRAY(c, c->tmp, double, (size_t)nr * (size_t)nc);
    for (i = 0; i < (size_t)nr; i++)
        for (j = 0; j < (size_t)nc; j++)
            m[i * (size_t)nc + j] = i == j ? diag : off;
    PX_FOREACH(k, n) {
        if (px_is(k, "Array")) {
            pm_array a;
            pm_parse_array(c, k, &a);
            if (r >= (size_t)nr)
                pm_bad(c, n, "more rows than nbRows=%ld", nr);
            for (j = 0; j < a.n && j < (size_t)nc; j++) {
                double v = pa_parse_num(c, k, "matrix entry", a.items[j]);
                size_t col = kind == 1 ? r : j;
                m[r * (size_t)nc + col] = v;
                if (kind == 2 && col < (size_t)nr && r < (size_t)nc)
                    m[col * (size_t)nc + r] = v;
            }
            r++;
        } else if (px_is(k, "MatCell")) {
            long row = pa_int(c, k, "row", 0), col = pa_int(c, k, "col", 0);
            double v = pa_parse_num(c, k, "matrix entry", px_text(c, k));
            if (row < 1 || row > nr || col < 1 || col > nc)
                pm_bad(c, k, "the cell (%ld, %ld) is outside the %ld x %ld matrix", row, col, nr,
                       nc);
            m[(size_t)(row - 1) * (size_t)nc + (size_t)(col - 1)] = v;
            if (kind == 2 && col <= nr && row <= nc)
                m[(size_t)(col - 1) * (size_t)nc + (size_t)(row - 1)] = v;
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    *rows = (size_t)nr;
    *cols = (size_t)nc;
    return m;
}

static void parse_predictors(pm_ctx *c, const px_node *n, pm_grm_predictor **out, size_t *nout)
{
    size_t count = px_count(n, "Predictor"), i = 0;
    pm_grm_predictor *p = PM_NEW_ARRAY(c, c->tmp, pm_grm_predictor, count + 1);
    PX_FOREACH(k, n) {
        if (!px_is(k, "Predictor")) {
            if (px_ignorable(k))
                continue;
            pm_unexpected(c, n, k);
        }
        p[i].line = k->line;
        p[i].name = pa_req(c, k, "name");
        PX_FOREACH(kk, k) {
            if (px_is(kk, "Categories")) {
                size_t nc = px_count(kk, "Category"), j = 0;
                p[i].categories = PM_NEW_ARRAY(c, c->tmp, const char *, nc + 1);
                PX_FOREACH(cat, kk) {
                    if (px_is(cat, "Category"))
                        p[i].categories[j++] = pa_req(c, cat, "value");
                }
                p[i].ncategories = nc;
            } else if (px_is(kk, "Matrix")) {
                size_t rows;
                p[i].matrix = parse_matrix(c, kk, &rows, &p[i].ncolumns);
                (void)rows;
            } else if (!px_ignorable(kk)) {
                pm_unexpected(c, k, kk);
            }
        }
        if (p[i].matrix && !p[i].categories)
            pm_bad(c, k, "a contrast Matrix needs Categories");
        i++;
    }
    *out = p;
    *nout = count;
}

static void parse_baseline_cells(pm_ctx *c, const px_node *n, pm_baseline *b)
{
    size_t count = px_count(n, "BaselineCell"), i = 0;
    b->times = PM_NEW_ARRAY(c, c->tmp, double, count + 1);
    b->cum_hazards = PM_NEW_ARRAY(c, c->tmp, double, count + 1);
    PX_FOREACH(k, n) {
        if (px_is(k, "BaselineCell")) {
            b->times[i] = pa_num_req(c, k, "time");
            b->cum_hazards[i] = pa_num_req(c, k, "cumHazard");
            i++;
        } else if (!px_is(k, "BaselineStratum") && !px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    b->ncells = count;
    b->line = n->line;
}

int pm_parse_grm_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    pm_grm *g = &m->u.grm;
    size_t i = 0;
    if (px_is(k, "ParameterList")) {
        size_t count = px_count(k, "Parameter");
        g->params = PM_NEW_ARRAY(c, c->tmp, pm_grm_param, count + 1);
        PX_FOREACH(p, k) {
            if (px_is(p, "Parameter")) {
                g->params[i].name = pa_req(c, p, "name");
                g->params[i].reference_point = pa_num(c, p, "referencePoint", 0.0);
                i++;
            } else if (!px_ignorable(p)) {
                pm_unexpected(c, k, p);
            }
        }
        g->nparams = count;
        return 1;
    }
    if (px_is(k, "FactorList")) {
        parse_predictors(c, k, &g->factors, &g->nfactors);
        return 1;
    }
    if (px_is(k, "CovariateList")) {
        parse_predictors(c, k, &g->covariates, &g->ncovariates);
        return 1;
    }
    if (px_is(k, "PPMatrix")) {
        size_t count = px_count(k, "PPCell");
        g->ppcells = PM_NEW_ARRAY(c, c->tmp, pm_ppcell, count + 1);
        PX_FOREACH(p, k) {
            if (px_is(p, "PPCell")) {
                g->ppcells[i].value = pa_req(c, p, "value");
                g->ppcells[i].predictor = pa_req(c, p, "predictorName");
                g->ppcells[i].parameter = pa_req(c, p, "parameterName");
                g->ppcells[i].target_category = pa_str(p, "targetCategory");
                g->ppcells[i].line = p->line;
                i++;
            } else if (!px_ignorable(p)) {
                pm_unexpected(c, k, p);
            }
        }
        g->nppcells = count;
        return 1;
    }
    if (px_is(k, "ParamMatrix")) {
        size_t count = px_count(k, "PCell");
        g->pcells = PM_NEW_ARRAY(c, c->tmp, pm_pcell, count + 1);
        PX_FOREACH(p, k) {
            if (px_is(p, "PCell")) {
                g->pcells[i].target_category = pa_str(p, "targetCategory");
                g->pcells[i].parameter = pa_req(c, p, "parameterName");
                g->pcells[i].beta = pa_num_req(c, p, "beta");
                g->pcells[i].line = p->line;
                i++;
            } else if (!px_ignorable(p)) {
                pm_unexpected(c, k, p);
            }
        }
        g->npcells = count;
        return 1;
    }
    if (px_is(k, "BaseCumHazardTables")) {
        size_t strata = px_count(k, "BaselineStratum");
        g->stratified = strata > 0;
        g->nbaselines = strata ? strata : 1;
        g->baselines = PM_NEW_ARRAY(c, c->tmp, pm_baseline, g->nbaselines);
        if (!strata) {
            g->baselines[0].max_time = pa_num_req(c, k, "maxTime");
            parse_baseline_cells(c, k, &g->baselines[0]);
        } else {
            PX_FOREACH(s, k) {
                if (!px_is(s, "BaselineStratum"))
                    continue;
                g->baselines[i].value = pa_req(c, s, "value");
                g->baselines[i].max_time = pa_num_req(c, s, "maxTime");
                parse_baseline_cells(c, s, &g->baselines[i]);
                i++;
            }
        }
        return 1;
    }
    return px_is(k, "PCovMatrix") || px_is(k, "EventValues");
}

void pm_parse_grm_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    pm_grm *g = &m->u.grm;
    if (!g->params)
        pm_bad(c, n, "the ParameterList element is missing");
    if (!g->pcells)
        pm_bad(c, n, "the ParamMatrix element is missing");
    if (g->model_type == GRM_GENERALIZED_LINEAR && g->link < 0)
        pm_bad(c, n, "a generalizedLinear model needs the attribute 'linkFunction'");
    if (g->model_type == GRM_ORDINAL_MULTINOMIAL && g->cumulative_link < 0)
        pm_bad(c, n, "an ordinalMultinomial model needs the attribute 'cumulativeLink'");
    if (g->model_type == GRM_COX) {
        if (!g->end_time_variable)
            pm_bad(c, n, "a CoxRegression model needs the attribute 'endTimeVariable'");
        if (!g->baselines)
            pm_bad(c, n, "a CoxRegression model needs BaseCumHazardTables");
    }
    if (m->function != FUNC_REGRESSION && m->function != FUNC_CLASSIFICATION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "GeneralRegressionModel: functionName=\"%s\" is not supported",
                 m->function_name);
}
