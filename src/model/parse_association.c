/* parse_association.c - AssociationModel: Items, Itemsets and
 * AssociationRules (PMML 4.4 Association Rules). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

#define GROW(c, arr, n, type)                                                                      \
    do {                                                                                           \
        if (((n) & ((n)-1)) == 0) {                                                                \
            type *bigger_ = PM_NEW_ARRAY(c, (c)->tmp, type, (n) ? 2 * (n) : 8);                    \
            if (n)                                                                                 \
                memcpy(bigger_, arr, (n) * sizeof(type));                                          \
            arr = bigger_;                                                                         \
        }                                                                                          \
    } while (0)

int pm_parse_association_child(pm_ctx *c, pm_model *m, const px_node *k)
{
    pm_association *as = &m->u.as;
    if (px_is(k, "Item")) {
        pm_item *it;
        GROW(c, as->items, as->nitems, pm_item);
        it = &as->items[as->nitems++];
        memset(it, 0, sizeof *it);
        it->line = k->line;
        it->id = pa_req(c, k, "id");
        it->value = pa_req(c, k, "value");
        it->field = pa_str(k, "field");
        it->category = pa_str(k, "category");
        return 1;
    }
    if (px_is(k, "Itemset")) {
        pm_itemset *set;
        size_t count = px_count(k, "ItemRef");
        GROW(c, as->sets, as->nsets, pm_itemset);
        set = &as->sets[as->nsets++];
        memset(set, 0, sizeof *set);
        set->line = k->line;
        set->id = pa_req(c, k, "id");
        set->refs = PM_NEW_ARRAY(c, c->tmp, const char *, count + 1);
        PX_FOREACH(r, k)
        {
            if (px_is(r, "ItemRef"))
                set->refs[set->nrefs++] = pa_req(c, r, "itemRef");
            else if (!px_ignorable(r))
                pm_unexpected(c, k, r);
        }
        return 1;
    }
    if (px_is(k, "AssociationRule")) {
        pm_arule *r;
        GROW(c, as->rules, as->nrules, pm_arule);
        r = &as->rules[as->nrules++];
        memset(r, 0, sizeof *r);
        r->line = k->line;
        r->id = pa_str(k, "id");
        r->antecedent = pa_req(c, k, "antecedent");
        r->consequent = pa_req(c, k, "consequent");
        r->support = pa_num_req(c, k, "support");
        r->confidence = pa_num_req(c, k, "confidence");
        r->has_lift = pa_str(k, "lift") != NULL;
        r->lift = pa_num(c, k, "lift", NAN);
        r->has_leverage = pa_str(k, "leverage") != NULL;
        r->leverage = pa_num(c, k, "leverage", NAN);
        r->has_affinity = pa_str(k, "affinity") != NULL;
        r->affinity = pa_num(c, k, "affinity", NAN);
        PX_FOREACH(e, k)
        {
            if (!px_ignorable(e))
                pm_unexpected(c, k, e);
        }
        return 1;
    }
    return 0;
}

void pm_parse_association_finish(pm_ctx *c, pm_model *m, const px_node *n)
{
    if (m->function != FUNC_ASSOCIATION)
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "AssociationModel: functionName=\"%s\" is not supported (use "
                 "\"associationRules\")",
                 m->function_name);
    if (m->ntargets)
        pm_bad(c, n, "an AssociationModel has no Targets");
}
