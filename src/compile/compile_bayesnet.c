/* compile_bayesnet.c - a BayesianNetworkModel: nodes as fields, each
 * discrete node's values, its discrete parents and a table indexed by their
 * values; nodes ordered parents first. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "compile/compile.h"
#include "eval/value.h"

static int node_index(const pm_bayesnet *b, const char *name)
{
    size_t i;
    for (i = 0; i < b->nnodes; i++)
        if (strcmp(b->nodes[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* The index of text among a discrete node's values, or -1. */
static int value_index(const char *const *texts, size_t n, const char *text)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (strcmp(texts[i], text) == 0)
            return (int)i;
    return -1;
}

void cx_bayesnet(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_bayesnet *b = &pm->u.bn;
    size_t n = b->nnodes, i, j, k, nordered = 0, ndens = 0;
    pl_bn *bn = PM_NEW(cc->c, cc->a, pl_bn);
    pl_bn_node *nodes = PM_NEW_ARRAY(cc->c, cc->a, pl_bn_node, n);
    uint32_t *order = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, n);
    const char ***texts = PM_NEW_ARRAY(cc->c, cc->c->tmp, const char **, n);
    uint8_t *placed = PM_NEW_ARRAY(cc->c, cc->c->tmp, uint8_t, n);
    int target;

    if (!m->target.present)
        pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                 "BayesianNetworkModel: the MiningSchema names no target field");
    target = node_index(b, m->target.name);
    if (target < 0 || !b->nodes[target].discrete)
        pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                 "BayesianNetworkModel: the target '%s' is not a DiscreteNode", m->target.name);

    /* fields and the values of discrete nodes */
    for (i = 0; i < n; i++) {
        const pm_bn_node *src = &b->nodes[i];
        pl_bn_node *nd = &nodes[i];
        cfield *f;
        size_t cap = 0, nv = 0;
        pv *vals;
        for (k = 0; k < i; k++)
            if (strcmp(b->nodes[k].name, src->name) == 0)
                pm_throw(cc->c, PMML_ERR_PMML, src->line,
                         src->discrete ? "DiscreteNode" : "ContinuousNode",
                         "BayesianNetworkModel: two nodes are named '%s'", src->name);
        f = cx_use(cc, s, src->name, src->line, src->discrete ? "DiscreteNode" : "ContinuousNode");
        nd->slot = f->slot;
        nd->discrete = src->discrete;
        if (!src->discrete) {
            if (f->datatype && !pm_type_is_numeric(f->datatype))
                pm_throw(cc->c, PMML_ERR_PMML, src->line, "ContinuousNode",
                         "ContinuousNode: the field '%s' is not numeric", src->name);
            continue;
        }
        for (j = 0; j < src->nentries; j++)
            cap += src->entries[j].nvalues;
        texts[i] = PM_NEW_ARRAY(cc->c, cc->c->tmp, const char *, cap + 1);
        for (j = 0; j < src->nentries; j++)
            for (k = 0; k < src->entries[j].nvalues; k++)
                if (value_index(texts[i], nv, src->entries[j].values[k]) < 0)
                    texts[i][nv++] = src->entries[j].values[k];
        vals = PM_NEW_ARRAY(cc->c, cc->a, pv, nv);
        for (k = 0; k < nv; k++)
            vals[k] = cx_value(cc, texts[i][k], f->datatype ? f->datatype : PMML_TYPE_STRING,
                               src->line, "ValueProbability");
        nd->values = vals;
        nd->nvalues = nv;
        if ((int)i == target) {
            int32_t *cat = PM_NEW_ARRAY(cc->c, cc->a, int32_t, nv);
            for (k = 0; k < nv; k++)
                cat[k] = cx_category(cc, m, texts[i][k], 1, src->line);
            nd->cat = cat;
        }
    }

    /* parents, tables and distributions */
    for (i = 0; i < n; i++) {
        const pm_bn_node *src = &b->nodes[i];
        const char *el = src->discrete ? "DiscreteNode" : "ContinuousNode";
        pl_bn_node *nd = &nodes[i];
        const pm_bn_entry *first = &src->entries[0];
        uint32_t *parents = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, first->nparents + 1);
        uint32_t *stride = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, first->nparents + 1);
        uint8_t *filled;
        size_t nconf = 1;
        for (j = 0; j < first->nparents; j++) {
            int p = node_index(b, first->parents[j]);
            if (p < 0 || !b->nodes[p].discrete || p == (int)i)
                pm_throw(cc->c, PMML_ERR_PMML, first->line, "ParentValue",
                         "%s '%s': the parent '%s' is not another DiscreteNode", el, src->name,
                         first->parents[j]);
            for (k = 0; k < j; k++)
                if (parents[k] == (uint32_t)p)
                    pm_throw(cc->c, PMML_ERR_PMML, first->line, "ParentValue",
                             "%s '%s': the parent '%s' is named twice", el, src->name,
                             first->parents[j]);
            parents[j] = (uint32_t)p;
            stride[j] = (uint32_t)nconf;
            nconf *= nodes[p].nvalues;
            if (nconf > 1000000)
                pm_throw(cc->c, PMML_ERR_UNSUPPORTED, src->line, el,
                         "%s '%s': more than 1000000 combinations of parent values", el, src->name);
        }
        nd->parents = parents;
        nd->stride = stride;
        nd->nparents = first->nparents;
        nd->nconfigs = nconf;
        filled = PM_NEW_ARRAY(cc->c, cc->c->tmp, uint8_t, nconf);
        if (src->discrete) {
            double *probs = PM_NEW_ARRAY(cc->c, cc->a, double, nconf * nd->nvalues);
            nd->probs = probs;
        } else {
            nd->dists = PM_NEW_ARRAY(cc->c, cc->a, pl_bn_dist, nconf);
            nd->dens_off = ndens;
            ndens += nconf;
        }
        for (j = 0; j < src->nentries; j++) {
            const pm_bn_entry *e = &src->entries[j];
            size_t conf = 0, q;
            if (e->nparents != nd->nparents)
                pm_throw(cc->c, PMML_ERR_PMML, e->line, el,
                         "%s '%s': every table entry must give the value of each of its %zu "
                         "parents",
                         el, src->name, nd->nparents);
            for (q = 0; q < e->nparents; q++) {
                int p = node_index(b, e->parents[q]), v;
                size_t r;
                for (r = 0; r < nd->nparents; r++)
                    if (p >= 0 && parents[r] == (uint32_t)p)
                        break;
                if (r == nd->nparents)
                    pm_throw(cc->c, PMML_ERR_PMML, e->line, "ParentValue",
                             "%s '%s': '%s' is not a parent in every entry", el, src->name,
                             e->parents[q]);
                v = value_index(texts[p], nodes[p].nvalues, e->parent_values[q]);
                if (v < 0)
                    pm_throw(cc->c, PMML_ERR_PMML, e->line, "ParentValue",
                             "%s '%s': '%s' is not a value of the parent '%s'", el, src->name,
                             e->parent_values[q], e->parents[q]);
                conf += (size_t)v * stride[r];
            }
            if (filled[conf])
                pm_throw(cc->c, PMML_ERR_PMML, e->line, el,
                         "%s '%s': two entries for the same parent values", el, src->name);
            filled[conf] = 1;
            if (src->discrete) {
                double *row = (double *)nd->probs + conf * nd->nvalues;
                for (q = 0; q < e->nvalues; q++)
                    row[value_index(texts[i], nd->nvalues, e->values[q])] = e->probs[q];
            } else {
                pl_bn_dist *d = (pl_bn_dist *)&nd->dists[conf];
                d->kind = e->dist;
                for (q = 0; q < 3; q++)
                    if (e->params[q])
                        d->p[q] = cx_expr(cc, s, e->params[q]);
            }
        }
        for (j = 0; j < nconf; j++)
            if (!filled[j])
                pm_throw(cc->c, PMML_ERR_PMML, src->line, el,
                         "%s '%s': no entry for one combination of its parents' values", el,
                         src->name);
    }

    /* parents first; a cycle has no such order */
    while (nordered < n) {
        size_t before = nordered;
        for (i = 0; i < n; i++) {
            if (placed[i])
                continue;
            for (j = 0; j < nodes[i].nparents; j++)
                if (!placed[nodes[i].parents[j]])
                    break;
            if (j == nodes[i].nparents) {
                placed[i] = 1;
                order[nordered++] = (uint32_t)i;
            }
        }
        if (nordered == before)
            pm_throw(cc->c, PMML_ERR_PMML, b->line, "BayesianNetworkNodes",
                     "BayesianNetworkNodes: the parents of the nodes form a cycle");
    }

    bn->nnodes = n;
    bn->nodes = nodes;
    bn->order = order;
    bn->target = (uint32_t)target;
    bn->ndens = ndens;
    m->impl = bn;
    m->eval = pm_eval_bayesnet;
    /* per node: evidence, assignment, relevance, the enumerated list; the
     * densities; and the posterior per category */
    m->tmp_size = 4 * n + ndens;
    m->tmp_per_cat = 1;
}
