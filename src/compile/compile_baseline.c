/* compile_baseline.c - a BaselineModel's test on one field. */
#include "config.h"

#include "compile/compile.h"

void cx_baseline(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_baseline_model *src = &pm->u.bl;
    pl_baseline *b = PM_NEW(cc->c, cc->a, pl_baseline);
    cfield *f = cx_use(cc, s, src->field, src->line, "TestDistributions");
    if (!pm_type_is_numeric(f->datatype ? f->datatype : PMML_TYPE_DOUBLE))
        pm_throw(cc->c, PMML_ERR_PMML, src->line, "TestDistributions",
                 "TestDistributions: the field '%s' is not numeric", src->field);
    b->statistic = src->statistic;
    b->slot = f->slot;
    b->reset = src->reset;
    b->base_dist = src->base_dist;
    b->alt_dist = src->alt_dist;
    b->base_p1 = src->base_p1;
    b->base_p2 = src->base_p2;
    b->alt_p1 = src->alt_p1;
    b->alt_p2 = src->alt_p2;
    m->impl = b;
    m->eval = pm_eval_baseline;
    /* per scorer: the CUSUM so far */
    m->tmp_size = 1;
    if (b->statistic == TEST_CUSUM)
        cc->m->sequential = 1; /* each row's CUSUM continues the one before */
}
