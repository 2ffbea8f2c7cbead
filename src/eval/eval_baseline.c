/* eval_baseline.c - BaselineModel test statistics (PMML 4.4 Baseline
 * Models): zValue per row, and CUSUM over the rows a scorer sees. */
#include "config.h"

#include <math.h>

#include "eval/eval.h"
#include "model/model.h"

void pm_eval_baseline(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_baseline *b = m->impl;
    const pv *v = &sc->vals[b->slot];
    double *z = sc->tmp + m->tmp_off, x, g;
    if (v->st != VS_VALID || pm_type_is_string(v->t))
        return; /* no statistic; a CUSUM keeps its value for the next row */
    x = v->d;
    if (b->statistic == TEST_ZVALUE) {
        r->value = pv_num((x - b->base_p1) / sqrt(b->base_p2), PMML_TYPE_DOUBLE);
        r->st = VS_VALID;
        return;
    }
    /* Z[n] = max(r, Z[n-1] + log(f1(x) / f0(x))), Z[-1] = 0 */
    g = log(pm_dist_probability(b->alt_dist, b->alt_p1, b->alt_p2, x)) -
        log(pm_dist_probability(b->base_dist, b->base_p1, b->base_p2, x));
    if (isnan(g))
        return; /* both densities 0: the row says nothing */
    *z = fmax(b->reset, *z + g);
    r->value = pv_num(*z, PMML_TYPE_DOUBLE);
    r->st = VS_VALID;
}
