/* eval_association.c - AssociationModel: the items of the row (or of the
 * transaction so far), the itemsets they contain, and the rules an
 * OutputField selects (PMML 4.4 Association Rules). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "eval/eval.h"
#include "eval/value.h"
#include "model/model.h"
#include "util/num.h"
#include "util/strtab.h"

/* The item whose value v is, in a transactional model; -1 when none. */
static int32_t item_of(const pl_association *as, const pv *v)
{
    size_t lo = 0, hi = as->nkeys;
    if (as->key_ids) {
        if (!pm_type_is_string(v->t) || v->id < 0)
            return -1;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (as->key_ids[mid] < v->id)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < as->nkeys && as->key_ids[lo] == v->id ? (int32_t)as->key_item[lo] : -1;
    }
    if (pm_type_is_string(v->t))
        return -1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (as->key_nums[mid] < v->d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < as->nkeys && as->key_nums[lo] == v->d ? (int32_t)as->key_item[lo] : -1;
}

/* A true/false item field: 1, 0, or -1 for another value.  "T"/"F" are the
 * SPSS spelling. */
static int truth(const pv *v)
{
    if (pm_type_is_string(v->t)) {
        if ((v->len == 1 && v->s[0] == 'T') || (v->len == 4 && memcmp(v->s, "true", 4) == 0))
            return 1;
        if ((v->len == 1 && v->s[0] == 'F') || (v->len == 5 && memcmp(v->s, "false", 5) == 0))
            return 0;
        return -1;
    }
    return v->d == 1.0 ? 1 : v->d == 0.0 ? 0 : -1;
}

void pm_eval_association(const pl_model *m, pm_scratch *sc, pl_result *r)
{
    const pl_association *as = m->impl;
    double *t = sc->tmp + m->tmp_off, *have = t + 3, *contains = have + as->nitems;
    size_t i, j;
    (void)r;
    if (as->group_slot >= 0) {
        /* a transaction is a run of rows with one group value: its items
         * build up row by row, the last row sees them all */
        const pv *g = &sc->vals[as->group_slot];
        const pv *v = &sc->vals[as->item_slot];
        double key = g->d, state = g->st == VS_MISSING ? 0.0 : pm_type_is_string(g->t) ? 2.0 : 1.0;
        int32_t k;
        if (state == 2.0)
            key = (double)(pm_hash_bytes(g->s, g->len) & ((UINT64_C(1) << 52) - 1));
        if (t[0] == 0.0 || t[1] != key || t[2] != state) {
            memset(have, 0, as->nitems * sizeof *have);
            t[0] = 1.0;
            t[1] = key;
            t[2] = state;
        }
        if (v->st == VS_VALID && (k = item_of(as, v)) >= 0)
            have[k] = 1.0;
    } else {
        for (i = 0; i < as->nitems; i++) {
            const pl_aitem *it = &as->items[i];
            const pv *v = &sc->vals[it->slot];
            int b;
            have[i] = 0.0;
            if (v->st == VS_MISSING)
                continue; /* a missing value is no item */
            if (!it->boolean) {
                have[i] = pm_value_equal(v, &it->value) ? 1.0 : 0.0;
                continue;
            }
            if ((b = truth(v)) < 0) {
                char buf[PM_NUMBUF];
                const char *s;
                size_t n = pm_value_text(v, buf, &s);
                pm_row_error(sc, PMML_ERR_INVALID_VALUE,
                             "AssociationModel: an item field holds '%.*s', not true or false",
                             (int)(n > 80 ? 80 : n), s);
                return;
            }
            have[i] = (double)b;
        }
    }
    for (i = 0; i < as->nsets; i++) {
        double all = 1.0;
        for (j = as->set_off[i]; j < as->set_off[i + 1]; j++)
            if (have[as->set_items[j]] == 0.0) {
                all = 0.0;
                break;
            }
        contains[i] = all;
    }
}

/* Does the rule answer the OutputField's algorithm for this row? */
static int selected(const pl_association *as, const double *contains, int algorithm,
                    const pl_arule *rule)
{
    if (contains[rule->ante] == 0.0)
        return 0;
    switch (algorithm) {
    case OUT_ALG_EXCLUSIVE:
        return contains[rule->cons] == 0.0; /* recommend what is not there yet */
    case OUT_ALG_RULE_ASSOCIATION:
        return contains[rule->cons] != 0.0; /* the whole rule holds */
    }
    (void)as;
    return 1;
}

static pv rule_value(const pl_arule *rule, int f)
{
    double x;
    switch (f) {
    case FEAT_RULE_ID:
    case FEAT_ENTITY_ID:
        return rule->id;
    case FEAT_ANTECEDENT:
        return rule->ante_text;
    case FEAT_CONSEQUENT:
        return rule->cons_text;
    case FEAT_RULE:
        return rule->rule_text;
    case FEAT_CONFIDENCE:
        x = rule->measure[OUT_BASIS_CONFIDENCE];
        break;
    case FEAT_SUPPORT:
        x = rule->measure[OUT_BASIS_SUPPORT];
        break;
    case FEAT_LIFT:
        x = rule->measure[OUT_BASIS_LIFT];
        break;
    case FEAT_LEVERAGE:
        x = rule->measure[OUT_BASIS_LEVERAGE];
        break;
    default:
        x = rule->measure[OUT_BASIS_AFFINITY];
        break;
    }
    return isnan(x) ? pv_missing() : pv_num(x, PMML_TYPE_DOUBLE);
}

/* Appends text to a growing string in the batch's storage. */
static int append(pm_scratch *sc, char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t ncap = *cap ? *cap * 2 : 128;
        char *p;
        while (ncap < *len + n + 1)
            ncap *= 2;
        p = pm_scratch_str(sc, ncap);
        if (!p)
            return -1;
        if (*len)
            memcpy(p, *buf, *len);
        *buf = p;
        *cap = ncap;
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

void pm_output_association(const pl_model *m, const pl_output *o, pm_scratch *sc, pv *v)
{
    const pl_association *as = m->impl;
    const double *contains = sc->tmp + m->tmp_off + 3 + as->nitems;
    const uint32_t *ord = as->order[o->rank_basis * 2 + o->rank_order];
    char *buf = NULL;
    size_t len = 0, cap = 0, i;
    int seen = 0;
    if (o->rank > 0) {
        for (i = 0; i < as->nrules; i++) {
            const pl_arule *rule = &as->rules[ord[i]];
            if (selected(as, contains, o->algorithm, rule) && ++seen == o->rank) {
                *v = rule_value(rule, o->aux);
                return;
            }
        }
        return;
    }
    /* rank="0" with isMultiValued: every selected rule's value, in rank
     * order, as a JSON array */
    if (append(sc, &buf, &len, &cap, "[", 1))
        goto nomem;
    for (i = 0; i < as->nrules; i++) {
        const pl_arule *rule = &as->rules[ord[i]];
        pv x;
        char nb[PM_NUMBUF];
        const char *s;
        size_t n, k;
        if (!selected(as, contains, o->algorithm, rule))
            continue;
        x = rule_value(rule, o->aux);
        if (seen++ && append(sc, &buf, &len, &cap, ",", 1))
            goto nomem;
        if (x.st != VS_VALID) {
            if (append(sc, &buf, &len, &cap, "null", 4))
                goto nomem;
            continue;
        }
        n = pm_value_text(&x, nb, &s);
        if (!pm_type_is_string(x.t)) {
            if (append(sc, &buf, &len, &cap, s, n))
                goto nomem;
            continue;
        }
        if (append(sc, &buf, &len, &cap, "\"", 1))
            goto nomem;
        for (k = 0; k < n; k++) {
            if ((s[k] == '"' || s[k] == '\\') && append(sc, &buf, &len, &cap, "\\", 1))
                goto nomem;
            if (append(sc, &buf, &len, &cap, s + k, 1))
                goto nomem;
        }
        if (append(sc, &buf, &len, &cap, "\"", 1))
            goto nomem;
    }
    if (append(sc, &buf, &len, &cap, "]", 1))
        goto nomem;
    *v = pv_missing();
    v->st = VS_VALID;
    v->t = PMML_TYPE_STRING;
    v->s = buf;
    v->len = (uint32_t)len;
    return;
nomem:
    pm_row_error(sc, PMML_ERR_NOMEM, "out of memory");
}
