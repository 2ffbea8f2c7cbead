/* compile_tree.c - a TreeModel into a breadth-first node array whose
 * children are contiguous, with predicates resolved to slots. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compile/compile.h"

/* Implicit node ids, as JPMML numbers them: 1-based depth-first preorder.
 * Also counts what the arrays of the tree will hold. */
static unsigned number_preorder(ccomp *cc, pm_node *root, size_t *ndists, size_t *npreds)
{
    cvec stack = { 0 };
    unsigned counter = 0;
    *(pm_node **)cvec_push(cc, &stack, sizeof(pm_node *)) = root;
    *ndists = *npreds = 0;
    while (stack.n) {
        pm_node *n = ((pm_node **)stack.items)[--stack.n];
        size_t i;
        n->preorder = ++counter;
        *ndists += n->ndists;
        *npreds += cx_pred_count(n->pred);
        for (i = n->nkids; i-- > 0;)
            *(pm_node **)cvec_push(cc, &stack, sizeof(pm_node *)) = n->kids[i];
    }
    return counter;
}

/* Decimal digits of u into p; returns the length. */
static size_t put_uint(char *p, unsigned u)
{
    char tmp[16];
    size_t n = 0, i;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    for (i = 0; i < n; i++)
        p[i] = tmp[n - 1 - i];
    p[n] = '\0';
    return n;
}

void cx_tree(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_tree *t = &pm->u.tree;
    pl_tree *pt = PM_NEW(cc->c, cc->a, pl_tree);
    cvec nodes = { 0 }, src = { 0 }, preds = { 0 }, dists = { 0 }, depth = { 0 };
    int classification = m->function == FUNC_CLASSIFICATION;
    size_t i, maxdepth = 1, nd_count, ndists, npreds;
    char *ids, *idp;

    /* the arrays are sized once, in the model, so no copy is left behind */
    nd_count = number_preorder(cc, t->root, &ndists, &npreds);
    cvec_reserve(cc, &nodes, nd_count, sizeof(pl_node), cc->a);
    cvec_reserve(cc, &preds, npreds, sizeof(pl_pred), cc->a);
    cvec_reserve(cc, &dists, ndists, sizeof(pl_dist), cc->a);
    cvec_reserve(cc, &src, nd_count, sizeof(pm_node *), cc->c->tmp);
    cvec_reserve(cc, &depth, nd_count, sizeof(size_t), cc->c->tmp);
    /* implicit ids ("17"): one buffer for the tree */
    ids = idp = PM_NEW_ARRAY(cc->c, cc->a, char, nd_count * 11 + 1);
    cvec_push(cc, &nodes, sizeof(pl_node));
    *(const pm_node **)cvec_push(cc, &src, sizeof(pm_node *)) = t->root;
    *(size_t *)cvec_push(cc, &depth, sizeof(size_t)) = 1;
    for (i = 0; i < nodes.n; i++) {
        const pm_node *n = ((const pm_node **)src.items)[i];
        size_t d = ((size_t *)depth.items)[i], k;
        pl_node nd;
        memset(&nd, 0, sizeof nd);
        nd.dflt = -1;
        nd.score_cat = -1;
        nd.pred = (int32_t)cx_pred(cc, s, &preds, n->pred);
        nd.record_count = n->has_record_count ? n->record_count : NAN;
        if (n->id) {
            nd.id = pm_strdup(cc->c, cc->a, n->id);
        } else {
            nd.id = idp;
            idp += put_uint(idp, n->preorder) + 1;
        }
        if (n->score) {
            nd.has_score = 1;
            if (classification) {
                nd.score_cat = cx_category(cc, m, n->score, 1, n->line);
            } else {
                pv v = cx_value(cc, n->score, PMML_TYPE_DOUBLE, n->line, "Node");
                nd.score = v.d;
            }
        }
        nd.dist = (int32_t)dists.n;
        nd.ndist = (int32_t)n->ndists;
        for (k = 0; k < n->ndists; k++) {
            const pm_scoredist *sd = &n->dists[k];
            pl_dist *pd = cvec_push(cc, &dists, sizeof *pd);
            if (!classification)
                continue;
            pd->cat = cx_category(cc, m, sd->value, 1, sd->line);
            pd->count = sd->record_count;
            pd->prob = sd->has_probability ? sd->probability : NAN;
            pd->conf = sd->has_confidence ? sd->confidence : NAN;
        }
        if (!classification)
            nd.ndist = 0;
        nd.first = (int32_t)nodes.n;
        nd.nkids = (int32_t)n->nkids;
        for (k = 0; k < n->nkids; k++) {
            if (n->default_child && n->kids[k]->id && strcmp(n->kids[k]->id, n->default_child) == 0)
                nd.dflt = (int32_t)(nodes.n);
            cvec_push(cc, &nodes, sizeof(pl_node));
            *(const pm_node **)cvec_push(cc, &src, sizeof(pm_node *)) = n->kids[k];
            *(size_t *)cvec_push(cc, &depth, sizeof(size_t)) = d + 1;
        }
        if (n->default_child && nd.dflt < 0 && n->nkids &&
            t->missing_strategy == TREE_MISSING_DEFAULT_CHILD)
            pm_throw(cc->c, PMML_ERR_PMML, n->line, "Node",
                     "Node: defaultChild '%s' is not the id of a child of this node",
                     n->default_child);
        if (d > maxdepth)
            maxdepth = d;
        ((pl_node *)nodes.items)[i] = nd;
    }
    (void)ids;
    /* the counts were exact, so the arrays never left the model's arena */
    if (nodes.cap != nd_count + 1 || preds.cap != npreds + 1 || dists.cap != ndists + 1)
        pm_throw(cc->c, PMML_ERR_PMML, pm->line, "TreeModel",
                 "TreeModel: internal error counting nodes");
    pt->nodes = nodes.items;
    pt->nnodes = nodes.n;
    pt->preds = preds.items;
    pt->npreds = preds.n;
    pt->dists = dists.items;
    pt->missing_strategy = t->missing_strategy;
    pt->no_true_child = t->no_true_child;
    pt->penalty = t->missing_penalty;
    pt->classification = classification;
    pt->maxdepth = maxdepth;
    if (maxdepth > cc->max_tree_depth)
        cc->max_tree_depth = maxdepth;
    m->impl = pt;
    m->eval = pm_eval_tree;
    if (classification && (t->missing_strategy == TREE_MISSING_WEIGHTED_CONFIDENCE)) {
        /* one distribution per level of the weighted walk (sized in cx_model) */
        pt->tmp_levels = maxdepth + 1;
    }
    if (!classification && (t->missing_strategy == TREE_MISSING_WEIGHTED_CONFIDENCE ||
                            t->missing_strategy == TREE_MISSING_AGGREGATE_NODES))
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, pm->line, "TreeModel",
                 "TreeModel: missingValueStrategy=\"%s\" is defined for classification "
                 "trees only",
                 t->missing_strategy == TREE_MISSING_AGGREGATE_NODES ? "aggregateNodes"
                                                                     : "weightedConfidence");
}
