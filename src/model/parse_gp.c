/* parse_gp.c - GaussianProcessModel: one kernel and the TrainingInstances
 * (PMML 4.4 Gaussian Process Models). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

static const char *const kernel_names[] = {"RadialBasisKernel", "ARDSquaredExponentialKernel",
                                           "AbsoluteExponentialKernel",
                                           "GeneralizedExponentialKernel", NULL};

static int kernel_of(const px_node *k)
{
    int i;
    for (i = 0; kernel_names[i]; i++)
        if (px_is(k, kernel_names[i]))
            return i;
    return -1;
}

static void parse_kernel(pm_ctx *c, pm_gp *g, const px_node *k, int kind)
{
    int have_lambda = 0;
    if (g->kernel_line)
        pm_bad(c, k, "a GaussianProcessModel has exactly one kernel");
    g->kernel = kind;
    g->kernel_line = k->line;
    g->gamma = pa_num(c, k, "gamma", 1.0);
    g->noise = pa_num(c, k, "noiseVariance", 1.0);
    if (!(g->noise >= 0.0) || !isfinite(g->gamma))
        pm_bad(c, k, "gamma must be a number and noiseVariance not negative");
    if (kind == GP_RADIAL_BASIS) {
        g->lambda = pa_num(c, k, "lambda", 1.0);
        if (!(g->lambda != 0.0) || !isfinite(g->lambda))
            pm_bad(c, k, "lambda must not be 0");
    }
    if (kind == GP_GENERALIZED_EXPONENTIAL) {
        g->degree = pa_num(c, k, "degree", 1.0);
        if (!(g->degree > 0.0) || !isfinite(g->degree))
            pm_bad(c, k, "degree must be greater than 0");
    }
    PX_FOREACH(ch, k)
    {
        if (px_is(ch, "Lambda") && kind != GP_RADIAL_BASIS) {
            size_t i;
            if (have_lambda)
                pm_bad(c, k, "more than one Lambda");
            have_lambda = 1;
            PX_FOREACH(a, ch)
            {
                if (px_is(a, "Array")) {
                    g->lambdas = pm_parse_num_array(c, a, &g->nlambdas);
                } else if (!px_ignorable(a)) {
                    pm_unexpected(c, ch, a);
                }
            }
            if (!g->lambdas)
                pm_bad(c, ch, "an Array of lambdas is required");
            for (i = 0; i < g->nlambdas; i++)
                if (!(g->lambdas[i] != 0.0) || !isfinite(g->lambdas[i]))
                    pm_bad(c, ch, "lambda %zu must not be 0", i + 1);
        } else if (!px_ignorable(ch)) {
            pm_unexpected(c, k, ch);
        }
    }
    if (kind != GP_RADIAL_BASIS && !have_lambda)
        pm_bad(c, k, "the Lambda element is missing");
}

int pm_parse_gp_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    pm_gp *g = &m->u.gp;
    int kind;
    if (px_is(k, "TrainingInstances")) {
        if (g->inst.table)
            pm_bad(c, k, "more than one TrainingInstances");
        pm_parse_instances(c, k, &g->inst);
        return 1;
    }
    kind = kernel_of(k);
    if (kind < 0)
        return 0;
    parse_kernel(c, g, k, kind);
    return 1;
}

void pm_parse_gp_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    const pm_gp *g = &m->u.gp;
    if (!g->kernel_line)
        pm_bad(c, n,
               "a kernel (RadialBasisKernel, ARDSquaredExponentialKernel, "
               "AbsoluteExponentialKernel or GeneralizedExponentialKernel) is required");
    if (!g->inst.table)
        pm_bad(c, n, "the TrainingInstances element is missing");
    if (m->function != FUNC_REGRESSION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "GaussianProcessModel: functionName=\"%s\" is not supported (the "
                 "specification defines regression only)",
                 m->function_name);
}
