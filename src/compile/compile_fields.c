/* compile_fields.c - slots, scopes, field domains and input preparation. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compile/compile.h"
#include "util/datetime.h"
#include "util/num.h"

void *cvec_push(ccomp *cc, cvec *v, size_t size)
{
    char *p;
    if (v->n == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 8;
        void *items = pm_alloc_raw_array(cc->c, cc->c->tmp, ncap, size);
        if (v->n)
            memcpy(items, v->items, v->n * size);
        v->items = items;
        v->cap = ncap;
    }
    p = (char *)v->items + v->n * size;
    v->n++;
    memset(p, 0, size);
    return p;
}

void cvec_reserve(ccomp *cc, cvec *v, size_t n, size_t size, pm_arena *a)
{
    v->items = pm_alloc_raw_array(cc->c, a, n + 1, size);
    v->n = 0;
    v->cap = n + 1;
}

void *cvec_keep(ccomp *cc, const cvec *v, size_t size)
{
    char *p = pm_alloc_raw_array(cc->c, cc->a, v->n + 1, size);
    if (v->n)
        memcpy(p, v->items, v->n * size);
    memset(p + v->n * size, 0, size);
    return p;
}

int cx_new_slot(ccomp *cc)
{
    if (cc->nslots >= (size_t)1 << 30)
        pm_throw(cc->c, PMML_ERR_LIMIT, 0, NULL, "too many fields");
    return (int)cc->nslots++;
}

void cx_scope_init(cscope *s, cscope *parent, pl_model *model)
{
    memset(s, 0, sizeof *s);
    s->parent = parent;
    s->model = model;
}

void cx_declare(ccomp *cc, cscope *s, cfield *f)
{
    cfield *old = pm_map_get(&s->names, f->name);
    if (old && old->kind != CF_ALIAS && f->kind != CF_ALIAS)
        pm_throw(cc->c, PMML_ERR_PMML, f->line, NULL,
                 "the field '%s' is defined twice in the same scope (also on line %u)",
                 f->name, old->line);
    pm_map_put(cc->c, cc->c->tmp, &s->names, f->name, f);
}

cfield *cx_lookup(ccomp *cc, cscope *s, const char *name)
{
    (void)cc;
    while (s) {
        cfield *f = pm_map_get(&s->names, name);
        if (f)
            return f;
        if (s->barrier)
            return NULL;
        s = s->parent;
    }
    return NULL;
}

static void make_input(ccomp *cc, cfield *f, const pm_miningfield *mf)
{
    pl_input *in = cvec_push(cc, &cc->inputs, sizeof *in);
    const pm_datafield *df = f->df;
    if (!pm_type_is_numeric(df->datatype) && df->datatype != PMML_TYPE_STRING &&
        df->datatype != PMML_TYPE_BOOLEAN)
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, df->line, "DataField",
                 "DataField: the dataType of '%s' is not supported yet", df->name);
    f->slot = cx_new_slot(cc);
    in->name = pm_strdup(cc->c, cc->a, df->name);
    in->slot = f->slot;
    in->datatype = df->datatype;
    in->optype = mf && mf->optype ? mf->optype : df->optype;
    in->dom = f->dom;
    in->line = df->line;
    if (mf)
        cx_treat(cc, mf, df->datatype, &in->treat);
    else
        in->treat.invalid = INVALID_RETURN;
}

/* The top model's MiningSchema creates the inputs; a data field first
 * reached from anywhere else is an input with the default treatment. */
void cx_input(ccomp *cc, cfield *f, const pm_miningfield *mf)
{
    if (f->slot >= 0)
        pm_throw(cc->c, PMML_ERR_PMML, mf ? mf->line : 0, "MiningField",
                 "MiningField: the field '%s' is listed twice", f->name);
    make_input(cc, f, mf);
}

cfield *cx_use(ccomp *cc, cscope *s, const char *name, unsigned line, const char *element)
{
    cfield *f = cx_lookup(cc, s, name);
    if (!f)
        pm_throw(cc->c, PMML_ERR_PMML, line, element,
                 "%s: the field '%s' is not defined", element ? element : "PMML", name);
    if (f->kind == CF_DATA && f->slot < 0)
        make_input(cc, f, NULL);
    else if (f->kind == CF_DERIVED && f->state != 2)
        cx_derive(cc, f);
    return f;
}

/* ---- values ---- */

int cx_try_value(ccomp *cc, const char *text, int datatype, pv *out)
{
    size_t len = strlen(text);
    double d;
    pv v = pv_missing();
    v.st = VS_VALID;
    v.t = (uint8_t)datatype;
    switch (datatype) {
    case PMML_TYPE_STRING:
    case PMML_TYPE_UNKNOWN:
        v.t = PMML_TYPE_STRING;
        v.id = pm_strtab_intern(cc->c, cc->a, &cc->m->strings, text, len);
        v.s = cc->m->strings.str[v.id];
        v.len = (uint32_t)len;
        break;
    case PMML_TYPE_INTEGER:
        if (pm_parse_integer(text, len, &d) != 0)
            return 0;
        v.d = d;
        break;
    case PMML_TYPE_FLOAT:
        if (pm_parse_double(text, len, &d, NULL) != 0)
            return 0;
        v.d = (double)(float)d;
        break;
    case PMML_TYPE_DOUBLE:
        if (pm_parse_double(text, len, &d, NULL) != 0)
            return 0;
        v.d = d;
        break;
    case PMML_TYPE_BOOLEAN:
        if (pm_parse_boolean(text, len, &d) != 0)
            return 0;
        v.d = d;
        break;
    default:
        if (pm_parse_temporal(text, len, datatype, &d) != 0)
            return 0;
        v.d = d;
        break;
    }
    *out = v;
    return 1;
}

pv cx_value(ccomp *cc, const char *text, int datatype, unsigned line, const char *element)
{
    pv v;
    if (!cx_try_value(cc, text, datatype, &v))
        pm_throw(cc->c, PMML_ERR_PMML, line, element, "%s: '%s' is not a valid %s value",
                 element ? element : "PMML", text, pmml_datatype_name(datatype));
    return v;
}

/* ---- domains ---- */

typedef struct keyed {
    double num;
    int32_t id;
    uint32_t idx;
} keyed;

static int cmp_keyed_ids(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int cmp_keyed_nums(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    return x->num < y->num ? -1 : x->num > y->num;
}

const pl_domain *cx_domain(ccomp *cc, int datatype, int optype, const pm_dvalue *values,
                           size_t nvalues, const pm_interval *intervals, size_t nintervals,
                           unsigned line, const char *element)
{
    pl_domain *d = PM_NEW(cc->c, cc->a, pl_domain);
    size_t i, k = 0;
    int is_str = datatype == PMML_TYPE_STRING;
    (void)line;
    d->datatype = datatype;
    d->optype = optype;
    d->values = PM_NEW_ARRAY(cc->c, cc->a, pv, nvalues + 1);
    d->props = PM_NEW_ARRAY(cc->c, cc->a, uint8_t, nvalues + 1);
    d->display = PM_NEW_ARRAY(cc->c, cc->a, const char *, nvalues + 1);
    d->texts = PM_NEW_ARRAY(cc->c, cc->a, const char *, nvalues + 1);
    d->key_idx = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, nvalues + 1);
    d->valid_idx = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, nvalues + 1);
    for (i = 0; i < nvalues; i++) {
        pv v;
        d->props[i] = (uint8_t)values[i].property;
        d->texts[i] = pm_strdup(cc->c, cc->a, values[i].value);
        d->display[i] = values[i].display ? pm_strdup(cc->c, cc->a, values[i].display) : NULL;
        if (values[i].property == PROP_VALID) {
            d->has_valid = 1;
            d->valid_idx[d->nvalid++] = (uint32_t)i;
        }
        if (!cx_try_value(cc, values[i].value, datatype, &v)) {
            if (values[i].property == PROP_VALID)
                pm_throw(cc->c, PMML_ERR_PMML, values[i].line, "Value",
                         "Value: '%s' is not a valid %s value", values[i].value,
                         pmml_datatype_name(datatype));
            /* A missing/invalid marker such as "NA" on a numeric field is
             * matched against the raw input text instead. */
            v = cx_value(cc, values[i].value, PMML_TYPE_STRING, values[i].line, element);
            v.st = VS_INVALID;
            d->nmarkers++;
        }
        d->values[i] = v;
        if (v.st == VS_VALID)
            d->key_idx[k++] = (uint32_t)i;
    }
    d->nvalues = nvalues;
    d->nkeys = k;
    {
        keyed *tmp = PM_NEW_ARRAY(cc->c, cc->c->tmp, keyed, k + 1);
        for (i = 0; i < k; i++) {
            tmp[i].idx = d->key_idx[i];
            tmp[i].id = d->values[tmp[i].idx].id;
            tmp[i].num = d->values[tmp[i].idx].d;
        }
        qsort(tmp, k, sizeof *tmp, is_str ? cmp_keyed_ids : cmp_keyed_nums);
        if (is_str)
            d->key_ids = PM_NEW_ARRAY(cc->c, cc->a, int32_t, k + 1);
        else
            d->key_nums = PM_NEW_ARRAY(cc->c, cc->a, double, k + 1);
        for (i = 0; i < k; i++) {
            d->key_idx[i] = tmp[i].idx;
            if (is_str)
                d->key_ids[i] = tmp[i].id;
            else
                d->key_nums[i] = tmp[i].num;
        }
    }
    d->intervals = PM_NEW_ARRAY(cc->c, cc->a, pl_interval, nintervals + 1);
    for (i = 0; i < nintervals; i++) {
        d->intervals[i].left = intervals[i].left;
        d->intervals[i].right = intervals[i].right;
        d->intervals[i].left_closed = intervals[i].closure == CLOSURE_CLOSED_OPEN ||
                                      intervals[i].closure == CLOSURE_CLOSED_CLOSED;
        d->intervals[i].right_closed = intervals[i].closure == CLOSURE_OPEN_CLOSED ||
                                       intervals[i].closure == CLOSURE_CLOSED_CLOSED;
    }
    d->nintervals = nintervals;
    return d;
}

int cx_domain_find(const pl_domain *d, const pv *v)
{
    size_t lo = 0, hi;
    if (!d || !d->nkeys)
        return -1;
    hi = d->nkeys;
    if (d->key_ids) {
        if (v->id < 0)
            return -1;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (d->key_ids[mid] < v->id)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < d->nkeys && d->key_ids[lo] == v->id ? (int)d->key_idx[lo] : -1;
    }
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (d->key_nums[mid] < v->d)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < d->nkeys && d->key_nums[lo] == v->d ? (int)d->key_idx[lo] : -1;
}

/* ---- MiningField treatments ---- */

void cx_treat(ccomp *cc, const pm_miningfield *mf, int datatype, pl_treat *t)
{
    memset(t, 0, sizeof *t);
    t->invalid = mf->invalid_treatment;
    t->missing = mf->missing_treatment;
    t->outliers = mf->outliers;
    t->has_low = mf->has_low;
    t->has_high = mf->has_high;
    t->low = mf->low;
    t->high = mf->high;
    if (mf->missing_replacement) {
        t->has_missing_replacement = 1;
        t->missing_replacement = cx_value(cc, mf->missing_replacement, datatype, mf->line,
                                          "MiningField");
    }
    if (mf->invalid_replacement) {
        t->invalid_replacement = cx_value(cc, mf->invalid_replacement, datatype, mf->line,
                                          "MiningField");
        /* PMML 4.4: asIs with a replacement value behaves as asValue */
        if (t->invalid == INVALID_AS_IS)
            t->invalid = INVALID_AS_VALUE;
    }
    if (t->outliers != OUTLIERS_AS_IS && !pm_type_is_numeric(datatype))
        pm_throw(cc->c, PMML_ERR_PMML, mf->line, "MiningField",
                 "MiningField: outlier treatment needs a numeric field, '%s' is %s", mf->name,
                 pmml_datatype_name(datatype));
}

int cx_treat_is_default(const pm_miningfield *mf)
{
    return !mf->missing_replacement && mf->missing_treatment != MISSING_RETURN_INVALID &&
           mf->outliers == OUTLIERS_AS_IS;
}

/* ---- the document scope ---- */

void cx_global_scope(ccomp *cc)
{
    const pm_document *doc = cc->doc;
    size_t i;
    cx_scope_init(&cc->global, NULL, NULL);
    for (i = 0; i < doc->nfields; i++) {
        const pm_datafield *df = &doc->fields[i];
        cfield *f = PM_NEW(cc->c, cc->c->tmp, cfield);
        f->name = df->name;
        f->kind = CF_DATA;
        f->slot = -1;
        f->datatype = df->datatype;
        f->optype = df->optype;
        f->df = df;
        f->line = df->line;
        f->dom = cx_domain(cc, df->datatype, df->optype, df->values, df->nvalues, df->intervals,
                           df->nintervals, df->line, "DataField");
        cx_declare(cc, &cc->global, f);
    }
    for (i = 0; i < doc->global.nfields; i++) {
        const pm_derived *d = &doc->global.fields[i];
        cfield *f = PM_NEW(cc->c, cc->c->tmp, cfield);
        f->name = d->name;
        f->kind = CF_DERIVED;
        f->slot = -1;
        f->datatype = d->datatype;
        f->optype = d->optype;
        f->def = d;
        f->owner = &cc->global;
        f->line = d->line;
        cx_declare(cc, &cc->global, f);
    }
    for (i = 0; i < doc->global.nfunctions; i++) {
        const pm_function *fn = &doc->global.functions[i];
        if (pm_map_get(&cc->functions, fn->name))
            pm_throw(cc->c, PMML_ERR_PMML, fn->line, "DefineFunction",
                     "DefineFunction: the function '%s' is defined twice", fn->name);
        pm_map_put(cc->c, cc->c->tmp, &cc->functions, fn->name, (void *)fn);
    }
}
