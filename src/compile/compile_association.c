/* compile_association.c - an AssociationModel: items bound to fields or to
 * the values of a transaction's item field, itemsets as item lists, rules
 * with their measures and texts. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"

typedef struct keyed {
    double num;
    int32_t id;
    uint32_t item;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    if (x->num != y->num)
        return x->num < y->num ? -1 : 1;
    return x->item < y->item ? -1 : x->item > y->item;
}

static size_t find(const pm_map *ids, const char *id)
{
    void *v = pm_map_get(ids, id);
    return v ? (size_t)((uintptr_t)v - 1) : (size_t)-1;
}

/* "{a,b}" from the values of an itemset's items. */
static const char *set_text(ccomp *cc, const pm_association *src, const size_t *items, size_t n)
{
    size_t len = 3, i;
    char *s, *p;
    for (i = 0; i < n; i++)
        len += strlen(src->items[items[i]].value) + 1;
    s = p = pm_alloc(cc->c, cc->c->tmp, len);
    *p++ = '{';
    for (i = 0; i < n; i++) {
        size_t l = strlen(src->items[items[i]].value);
        if (i)
            *p++ = ',';
        memcpy(p, src->items[items[i]].value, l);
        p += l;
    }
    *p++ = '}';
    *p = '\0';
    return s;
}

/* An item of a model without a group field: the field it reads and what
 * makes it present (PMML 4.3 field/category, else the value names a
 * true/false field or "field=category"), as JPMML-Evaluator reads them. */
static void item_per_column(ccomp *cc, cscope *s, const pm_item *it, pl_aitem *out)
{
    const char *field = it->field, *category = it->category;
    cfield *f;
    char *name = NULL;
    if (!field) {
        if (cx_lookup(cc, s, it->value)) {
            field = it->value;
        } else {
            const char *eq = strchr(it->value, '=');
            if (eq) {
                name = pm_strndup(cc->c, cc->c->tmp, it->value, (size_t)(eq - it->value));
                if (cx_lookup(cc, s, name)) {
                    field = name;
                    category = eq + 1;
                }
            }
        }
        if (!field)
            pm_throw(cc->c, PMML_ERR_PMML, it->line, "Item",
                     "Item: '%s' names no field (nor \"field=category\")", it->value);
    } else if (!category) {
        pm_throw(cc->c, PMML_ERR_PMML, it->line, "Item",
                 "Item: an Item with a field needs a category");
    }
    f = cx_use(cc, s, field, it->line, "Item");
    out->slot = f->slot;
    if (!category) {
        out->boolean = 1;
        return;
    }
    if (!cx_try_value(cc, category, f->datatype ? f->datatype : PMML_TYPE_STRING, &out->value))
        out->value = cx_value(cc, category, PMML_TYPE_STRING, it->line, "Item");
}

void cx_association(ccomp *cc, cscope *s, pl_model *m, const pm_model *pm)
{
    const pm_association *src = &pm->u.as;
    pl_association *as = PM_NEW(cc->c, cc->a, pl_association);
    pl_aitem *items = PM_NEW_ARRAY(cc->c, cc->a, pl_aitem, src->nitems + 1);
    uint32_t *set_off = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, src->nsets + 1);
    pl_arule *rules = PM_NEW_ARRAY(cc->c, cc->a, pl_arule, src->nrules + 1);
    const char **set_texts = PM_NEW_ARRAY(cc->c, cc->c->tmp, const char *, src->nsets + 1);
    pm_map item_ids = {0}, set_ids = {0};
    const char *group = NULL, *active = NULL;
    unsigned group_line = 0;
    size_t nactive = 0, nrefs = 0, i, j;
    uint32_t *set_items;

    for (i = 0; i < pm->nmfields; i++) {
        const pm_miningfield *mf = &pm->mfields[i];
        if (mf->usage == USAGE_GROUP) {
            if (group)
                pm_throw(cc->c, PMML_ERR_PMML, mf->line, "MiningField",
                         "MiningField: an AssociationModel has at most one group field");
            group = mf->name;
            group_line = mf->line;
        } else if (mf->usage == USAGE_ACTIVE) {
            active = mf->name;
            nactive++;
        } else if (mf->usage == USAGE_TARGET) {
            pm_throw(cc->c, PMML_ERR_PMML, mf->line, "MiningField",
                     "MiningField: an AssociationModel has no target field");
        }
    }
    as->group_slot = -1;
    as->item_slot = -1;
    for (i = 0; i < src->nitems; i++)
        if (pm_map_put(cc->c, cc->c->tmp, &item_ids, src->items[i].id, (void *)(uintptr_t)(i + 1)))
            pm_throw(cc->c, PMML_ERR_PMML, src->items[i].line, "Item",
                     "Item: the id '%s' is used twice", src->items[i].id);
    if (group) {
        /* transactional: one row per item, rows of a transaction share the
         * group field's value */
        cfield *g = cx_use(cc, s, group, pm->line, "MiningField");
        cfield *f;
        keyed *keys = PM_NEW_ARRAY(cc->c, cc->c->tmp, keyed, src->nitems + 1);
        int32_t *key_ids = PM_NEW_ARRAY(cc->c, cc->a, int32_t, src->nitems + 1);
        double *key_nums = PM_NEW_ARRAY(cc->c, cc->a, double, src->nitems + 1);
        uint32_t *key_item = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, src->nitems + 1);
        int dt;
        if (nactive != 1)
            pm_throw(cc->c, PMML_ERR_PMML, pm->line, pm->element,
                     "AssociationModel: with a group field, exactly one active field holds "
                     "the items (found %zu)",
                     nactive);
        f = cx_use(cc, s, active, pm->line, "MiningField");
        dt = f->datatype ? f->datatype : PMML_TYPE_STRING;
        as->group_slot = g->slot;
        as->item_slot = f->slot;
        for (i = 0; i < src->nitems; i++) {
            const pm_item *it = &src->items[i];
            const char *text = it->category ? it->category : it->value;
            pv v;
            if (!cx_try_value(cc, text, dt, &v))
                pm_throw(cc->c, PMML_ERR_PMML, it->line, "Item",
                         "Item: '%s' is not a %s value of '%s'", text, pmml_datatype_name(dt),
                         active);
            keys[i].id = pm_type_is_string(dt) ? v.id : 0;
            keys[i].num = pm_type_is_string(dt) ? 0.0 : v.d;
            keys[i].item = (uint32_t)i;
            items[i].slot = f->slot;
            items[i].value = v;
        }
        qsort(keys, src->nitems, sizeof *keys, cmp_keyed);
        for (i = 0; i < src->nitems; i++) {
            key_ids[i] = pm_type_is_string(dt) ? keys[i].id : -1;
            key_nums[i] = keys[i].num;
            key_item[i] = keys[i].item;
        }
        as->nkeys = src->nitems;
        as->key_ids = pm_type_is_string(dt) ? key_ids : NULL;
        as->key_nums = key_nums;
        as->key_item = key_item;
        cx_group_field(cc, g, group_line, "AssociationModel");
    } else {
        for (i = 0; i < src->nitems; i++)
            item_per_column(cc, s, &src->items[i], &items[i]);
    }
    for (i = 0; i < src->nsets; i++)
        nrefs += src->sets[i].nrefs;
    set_items = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, nrefs + 1);
    nrefs = 0;
    for (i = 0; i < src->nsets; i++) {
        const pm_itemset *set = &src->sets[i];
        size_t *refs = PM_NEW_ARRAY(cc->c, cc->c->tmp, size_t, set->nrefs + 1);
        if (pm_map_put(cc->c, cc->c->tmp, &set_ids, set->id, (void *)(uintptr_t)(i + 1)))
            pm_throw(cc->c, PMML_ERR_PMML, set->line, "Itemset",
                     "Itemset: the id '%s' is used twice", set->id);
        set_off[i] = (uint32_t)nrefs;
        for (j = 0; j < set->nrefs; j++) {
            size_t k = find(&item_ids, set->refs[j]);
            if (k == (size_t)-1)
                pm_throw(cc->c, PMML_ERR_PMML, set->line, "ItemRef",
                         "ItemRef: '%s' is not the id of an Item", set->refs[j]);
            refs[j] = k;
            set_items[nrefs++] = (uint32_t)k;
        }
        set_texts[i] = set_text(cc, src, refs, set->nrefs);
    }
    set_off[src->nsets] = (uint32_t)nrefs;
    for (i = 0; i < src->nrules; i++) {
        const pm_arule *r = &src->rules[i];
        pl_arule *pr = &rules[i];
        size_t a = find(&set_ids, r->antecedent), c = find(&set_ids, r->consequent);
        char buf[24], *text;
        if (a == (size_t)-1 || c == (size_t)-1)
            pm_throw(cc->c, PMML_ERR_PMML, r->line, "AssociationRule",
                     "AssociationRule: '%s' is not the id of an Itemset",
                     a == (size_t)-1 ? r->antecedent : r->consequent);
        pr->ante = (uint32_t)a;
        pr->cons = (uint32_t)c;
        pr->measure[OUT_BASIS_CONFIDENCE] = r->confidence;
        pr->measure[OUT_BASIS_SUPPORT] = r->support;
        pr->measure[OUT_BASIS_LIFT] = r->has_lift ? r->lift : NAN;
        pr->measure[OUT_BASIS_LEVERAGE] = r->has_leverage ? r->leverage : NAN;
        pr->measure[OUT_BASIS_AFFINITY] = r->has_affinity ? r->affinity : NAN;
        snprintf(buf, sizeof buf, "%zu", i + 1);
        pr->id = cx_value(cc, r->id ? r->id : buf, PMML_TYPE_STRING, r->line, "AssociationRule");
        pr->ante_text = cx_value(cc, set_texts[a], PMML_TYPE_STRING, r->line, "AssociationRule");
        pr->cons_text = cx_value(cc, set_texts[c], PMML_TYPE_STRING, r->line, "AssociationRule");
        text = pm_alloc(cc->c, cc->c->tmp, strlen(set_texts[a]) + strlen(set_texts[c]) + 3);
        sprintf(text, "%s->%s", set_texts[a], set_texts[c]);
        pr->rule_text = cx_value(cc, text, PMML_TYPE_STRING, r->line, "AssociationRule");
    }
    as->nitems = src->nitems;
    as->items = items;
    as->nsets = src->nsets;
    as->set_off = set_off;
    as->set_items = set_items;
    as->nrules = src->nrules;
    as->rules = rules;
    m->impl = as;
    m->eval = pm_eval_association;
    m->output = pm_output_association;
    /* per row: [0] started, [1] the group's key, [2] its state, the items
     * present, the itemsets contained */
    m->tmp_size = 3 + as->nitems + as->nsets;
}

void cx_sort(ccomp *cc, void *base, size_t n, size_t size,
             int (*cmp)(const void *, const void *, void *), void *ctx)
{
    char *a = base, *buf;
    size_t width, i;
    if (n < 2)
        return;
    buf = pm_alloc_raw_array(cc->c, cc->c->tmp, n, size);
    /* bottom-up merge sort */
    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width < n ? i + width : n;
            size_t hi = i + 2 * width < n ? i + 2 * width : n, l = lo, r = mid, k = lo;
            while (l < mid && r < hi) {
                if (cmp(a + r * size, a + l * size, ctx) < 0)
                    memcpy(buf + k++ * size, a + r++ * size, size);
                else
                    memcpy(buf + k++ * size, a + l++ * size, size);
            }
            while (l < mid)
                memcpy(buf + k++ * size, a + l++ * size, size);
            while (r < hi)
                memcpy(buf + k++ * size, a + r++ * size, size);
        }
        memcpy(a, buf, n * size);
    }
}

typedef struct rule_order {
    const pl_association *as;
    int basis, asc;
} rule_order;

/* Rules ordered by one rankBasis, ties in document order; a rule without
 * the measure comes last. */
static int cmp_rules(const void *a, const void *b, void *ctx)
{
    const rule_order *ro = ctx;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    double mx = ro->as->rules[x].measure[ro->basis], my = ro->as->rules[y].measure[ro->basis];
    if (isnan(mx) != isnan(my))
        return isnan(mx) ? 1 : -1;
    if (!isnan(mx) && mx != my)
        return (ro->asc ? mx < my : mx > my) ? -1 : 1;
    return x < y ? -1 : x > y;
}

int cx_association_output(ccomp *cc, pl_model *m, const pm_outputfield *o, pl_output *out)
{
    pl_association *as = (pl_association *)m->impl;
    int f = o->feature == FEAT_RULE_VALUE ? o->rule_feature : o->feature;
    int slot = o->rank_basis * 2 + o->rank_order;
    switch (f) {
    case FEAT_RULE_ID:
    case FEAT_ENTITY_ID:
    case FEAT_ANTECEDENT:
    case FEAT_CONSEQUENT:
    case FEAT_RULE:
    case FEAT_CONFIDENCE:
    case FEAT_SUPPORT:
    case FEAT_LIFT:
    case FEAT_LEVERAGE:
    case FEAT_AFFINITY:
        break;
    default:
        return 0;
    }
    out->aux = f;
    if (!out->datatype)
        out->datatype = o->rank == 0 || f == FEAT_RULE_ID || f == FEAT_ENTITY_ID ||
                                f == FEAT_ANTECEDENT || f == FEAT_CONSEQUENT || f == FEAT_RULE
                            ? PMML_TYPE_STRING
                            : PMML_TYPE_DOUBLE;
    if (!as->order[slot]) {
        uint32_t *ord = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, as->nrules + 1);
        size_t i;
        for (i = 0; i < as->nrules; i++)
            ord[i] = (uint32_t)i;
        rule_order ro;
        ro.as = as;
        ro.basis = o->rank_basis;
        ro.asc = o->rank_order;
        cx_sort(cc, ord, as->nrules, sizeof *ord, cmp_rules, &ro);
        as->order[slot] = ord;
    }
    return 1;
}
