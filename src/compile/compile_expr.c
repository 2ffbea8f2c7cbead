/* compile_expr.c - expressions, DerivedFields and DefineFunction calls. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <pcre2.h>
#include <string.h>

#include "compile/compile.h"
#include "compile/functions.h"
#include "util/num.h"

/* A DefineFunction compiled once and shared by its call sites. */
typedef struct cfunc {
    const pm_function *def;
    int *param_slots;
    int *param_types;
    size_t nparams;
    pl_expr *body;
    int datatype;
    int state; /* 1 compiling, 2 done */
} cfunc;

pl_expr *cx_new_expr(ccomp *cc, int op, int dt)
{
    pl_expr *x = PM_NEW(cc->c, cc->a, pl_expr);
    x->op = (uint16_t)op;
    x->dt = (uint8_t)dt;
    x->slot = -1;
    x->k = pv_missing();
    x->map_missing = pv_missing();
    x->dflt = pv_missing();
    return x;
}

/* A constant for mapMissingTo/defaultValue: parsed in `dt` when it can be,
 * otherwise kept as a string for the consumer's cast. */
static pv loose_value(ccomp *cc, const char *text, int dt)
{
    pv v;
    if (!cx_try_value(cc, text, dt, &v))
        v = cx_value(cc, text, PMML_TYPE_STRING, 0, NULL);
    return v;
}

void cx_missing_default(ccomp *cc, pl_expr *x, const pm_expr *e, int dt)
{
    if (e->map_missing_to) {
        x->has_map_missing = 1;
        x->map_missing = loose_value(cc, e->map_missing_to, dt);
    }
    if (e->default_value) {
        x->has_default = 1;
        x->dflt = loose_value(cc, e->default_value, dt);
    }
}

static int infer_constant_type(ccomp *cc, const char *text)
{
    double d;
    size_t len = strlen(text);
    (void)cc;
    if (pm_parse_integer(text, len, &d) == 0 && !strpbrk(text, ".eE"))
        return PMML_TYPE_INTEGER;
    if (pm_parse_double(text, len, &d, NULL) == 0)
        return PMML_TYPE_DOUBLE;
    return PMML_TYPE_STRING;
}

static int common_numeric(const pl_expr *const *args, size_t n)
{
    size_t i;
    int all_int = 1;
    for (i = 0; i < n; i++)
        if (args[i]->dt != PMML_TYPE_INTEGER)
            all_int = 0;
    return all_int ? PMML_TYPE_INTEGER : PMML_TYPE_DOUBLE;
}

void *cx_regex(ccomp *cc, const char *pattern, size_t len, uint32_t options, unsigned line,
               const char *element)
{
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *code;
    pmml__model_reserve_regex(cc->m, cc->c);
    code = pcre2_compile((PCRE2_SPTR)pattern, len, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | options,
                         &errcode, &erroff, NULL);
    if (!code) {
        PCRE2_UCHAR msg[200];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        pm_throw(cc->c, PMML_ERR_PMML, line, element,
                 "%s: the regular expression '%s' is invalid at offset %zu: %s", element, pattern,
                 (size_t)erroff, (const char *)msg);
    }
    pmml__model_add_regex(cc->m, code); /* freed with the model */
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    return code;
}

static void compile_regex(ccomp *cc, pl_expr *x, const pm_expr *e)
{
    const pl_expr *pat = x->args[1];
    if (pat->op != EOP_CONST || pat->k.st != VS_VALID || !pm_type_is_string(pat->k.t))
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, e->line, "Apply",
                 "Apply: the pattern of '%s' must be a string Constant", e->u.apply.function);
    x->aux = cx_regex(cc, pat->k.s, pat->k.len, 0, e->line, "Apply");
}

/* Lag: the input field n rows back (within a block), from the scorer's
 * history; its field and block indicators must be input fields, so the
 * history can be kept before anything else of the row is computed. */
static pl_expr *compile_lag(ccomp *cc, cscope *s, const pm_expr *e)
{
    static const char *const aggs[] = { "none", "avg", "max", "median", "min", "product",
                                        "sum", "stddev" };
    cfield *f = cx_use(cc, s, e->field, e->line, "Lag");
    pl_lag *lag = cvec_push(cc, &cc->lags, sizeof *lag);
    int *blocks = PM_NEW_ARRAY(cc->c, cc->a, int, e->u.lag.nblocks + 1);
    pl_expr *x;
    size_t i;
    if (f->kind != CF_DATA || pm_type_is_string(f->datatype))
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, e->line, "Lag",
                 "Lag: only numeric input fields can be lagged ('%s' is not one)", e->field);
    for (i = 0; i < e->u.lag.nblocks; i++) {
        cfield *b = cx_use(cc, s, e->u.lag.block_fields[i], e->line, "BlockIndicator");
        if (b->kind != CF_DATA)
            pm_throw(cc->c, PMML_ERR_UNSUPPORTED, e->line, "BlockIndicator",
                     "BlockIndicator: '%s' must be an input field", e->u.lag.block_fields[i]);
        blocks[i] = b->slot;
    }
    lag->slot = f->slot;
    lag->n = e->u.lag.n;
    for (i = 0; i < sizeof aggs / sizeof aggs[0]; i++)
        if (strcmp(aggs[i], e->u.lag.aggregate) == 0)
            lag->aggregate = (int)i;
    lag->blocks = blocks;
    lag->nblocks = e->u.lag.nblocks;
    if (lag->aggregate && (size_t)lag->n > cc->m->lag_max_n)
        cc->m->lag_max_n = (size_t)lag->n;
    lag->hist_off = cc->m->nlag_hist;
    cc->m->nlag_hist += (size_t)lag->n;
    lag->block_off = cc->m->nlag_blocks;
    cc->m->nlag_blocks += lag->nblocks;
    x = cx_new_expr(cc, EOP_LAG, lag->aggregate ? PMML_TYPE_DOUBLE : f->datatype);
    x->slot = (int)(cc->lags.n - 1);
    cx_missing_default(cc, x, e, x->dt);
    return x;
}

void cx_group_field(ccomp *cc, const cfield *f, unsigned line, const char *element)
{
    int agg = strcmp(element, "Aggregate") == 0;
    if (cc->m->group_slot1 && cc->m->group_slot1 != f->slot + 1)
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, line, element,
                 "%s: %s '%s' differs from %s '%s' of the %s on line %u; the rows of a model "
                 "can be grouped by one field only",
                 element, agg ? "groupField" : "the group field", f->name,
                 strcmp(cc->group_owner, "Aggregate") == 0 ? "the groupField" : "the group field",
                 cc->group_name, cc->group_owner, cc->group_line);
    if (!cc->m->group_slot1) {
        cc->m->group_slot1 = f->slot + 1;
        cc->group_owner = element;
        cc->group_name = f->name;
        cc->group_line = line;
    }
    /* a row's result depends on the rows of its group before it */
    cc->m->sequential = 1;
}

/* An Aggregate's field or groupField (`what`), made ready to read. */
static cfield *aggregate_field(ccomp *cc, cscope *s, const pm_expr *e, const char *what,
                               const char *name)
{
    if (!cx_lookup(cc, s, name))
        pm_throw(cc->c, PMML_ERR_PMML, e->line, "Aggregate",
                 "Aggregate: the %s '%s' is not defined", what, name);
    return cx_use(cc, s, name, e->line, "Aggregate");
}

/* Aggregate (PMML 4.4 Transformations, "Aggregations"): count, sum,
 * average, min or max of an input field over the rows that share the value
 * of groupField, as SQL's GROUP BY.  Rows come one at a time, so a group is
 * a run of consecutive rows with one groupField value: each row sees the
 * group so far, and the run's last row the whole group.  The state is kept
 * per scorer and updated at the start of each row, hence the input fields. */
static pl_expr *compile_aggregate(ccomp *cc, cscope *s, const pm_expr *e)
{
    static const char *const fn_names[] = { "count", "sum", "average", "min", "max" };
    int fn = e->u.agg.function, dt;
    cfield *f, *g;
    pl_agg *agg;
    pl_expr *x;
    /* sqlWhere, multiset and a missing groupField are refused by the parser */
    f = aggregate_field(cc, s, e, "field", e->field);
    g = aggregate_field(cc, s, e, "groupField", e->u.agg.group);
    if (g->kind != CF_DATA)
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, e->line, "Aggregate",
                 "Aggregate: the groupField '%s' must be an input field (a DataField the "
                 "model reads as it is)",
                 e->u.agg.group);
    if (f->kind != CF_DATA)
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, e->line, "Aggregate",
                 "Aggregate: the field '%s' must be an input field (a DataField the model "
                 "reads as it is)",
                 e->field);
    dt = f->datatype;
    switch (fn) {
    case AGG_COUNT:
        dt = PMML_TYPE_INTEGER;
        break;
    case AGG_SUM:
    case AGG_AVERAGE:
        if (dt != PMML_TYPE_INTEGER && dt != PMML_TYPE_FLOAT && dt != PMML_TYPE_DOUBLE)
            pm_throw(cc->c, PMML_ERR_UNSUPPORTED, e->line, "Aggregate",
                     "Aggregate: function=\"%s\" needs a numeric field ('%s' is %s)",
                     fn_names[fn], e->field, pmml_datatype_name(dt));
        dt = fn == AGG_SUM && dt == PMML_TYPE_INTEGER ? PMML_TYPE_INTEGER : PMML_TYPE_DOUBLE;
        break;
    default:
        /* min and max also order dates and times, which are numbers here */
        if (!pm_type_is_numeric(dt))
            pm_throw(cc->c, PMML_ERR_UNSUPPORTED, e->line, "Aggregate",
                     "Aggregate: function=\"%s\" needs a numeric, date or time field ('%s' "
                     "is %s)",
                     fn_names[fn], e->field, pmml_datatype_name(dt));
        break;
    }
    cx_group_field(cc, g, e->line, "Aggregate");
    agg = cvec_push(cc, &cc->aggs, sizeof *agg);
    agg->slot = f->slot;
    agg->group = g->slot;
    agg->function = fn;
    x = cx_new_expr(cc, EOP_AGGREGATE, dt);
    x->slot = (int)(cc->aggs.n - 1);
    cx_missing_default(cc, x, e, x->dt);
    return x;
}

static cfunc *compile_function(ccomp *cc, const pm_function *def, unsigned line)
{
    cfunc *f = pm_map_get(&cc->function_state, def->name);
    cscope body;
    size_t i;
    if (f) {
        if (f->state == 1)
            pm_throw(cc->c, PMML_ERR_PMML, line, "DefineFunction",
                     "DefineFunction: '%s' calls itself (directly or through other functions)",
                     def->name);
        return f;
    }
    if (cc->chain >= CX_MAX_CHAIN)
        pm_throw(cc->c, PMML_ERR_LIMIT, line, "DefineFunction",
                 "DefineFunction: '%s' is reached through a chain of more than %d functions "
                 "and derived fields",
                 def->name, CX_MAX_CHAIN);
    f = PM_NEW(cc->c, cc->c->tmp, cfunc);
    f->def = def;
    f->state = 1;
    cc->chain++;
    pm_map_put(cc->c, cc->c->tmp, &cc->function_state, def->name, f);
    cx_scope_init(&body, &cc->global, NULL);
    body.barrier = 1;
    f->nparams = def->nparams;
    f->param_slots = PM_NEW_ARRAY(cc->c, cc->a, int, def->nparams + 1);
    f->param_types = PM_NEW_ARRAY(cc->c, cc->c->tmp, int, def->nparams + 1);
    for (i = 0; i < def->nparams; i++) {
        cfield *p = PM_NEW(cc->c, cc->c->tmp, cfield);
        p->name = def->params[i].name;
        p->kind = CF_PARAM;
        p->slot = cx_new_slot(cc);
        p->datatype = def->params[i].datatype;
        p->optype = def->params[i].optype;
        p->line = def->line;
        cx_declare(cc, &body, p);
        f->param_slots[i] = p->slot;
        f->param_types[i] = p->datatype;
    }
    f->body = cx_expr(cc, &body, def->expr);
    f->datatype = def->datatype ? def->datatype : f->body->dt;
    f->state = 2;
    cc->chain--;
    return f;
}

/* SAS Enterprise Miner writes <Constant>NAME</Constant> inside a
 * DefineFunction where it means the parameter NAME; an untyped Constant
 * whose text is exactly a parameter's name is read as that parameter. */
static const cfield *sas_parameter_constant(ccomp *cc, cscope *s, const pm_expr *e)
{
    cfield *f;
    if (e->datatype || e->u.constant.is_missing || !s->barrier)
        return NULL;
    f = cx_lookup(cc, s, e->u.constant.text);
    return f && f->kind == CF_PARAM ? f : NULL;
}

static pl_expr *compile_apply(ccomp *cc, cscope *s, const pm_expr *e)
{
    const char *name = e->u.apply.function;
    const pm_fninfo *fi = pm_function_find(name);
    size_t n = e->u.apply.nargs, i;
    pl_expr *x;

    if (!fi) {
        const pm_function *def = pm_map_get(&cc->functions, name);
        cfunc *f;
        if (!def)
            pm_throw(cc->c, PMML_ERR_UNSUPPORTED, e->line, "Apply",
                     "Apply: the function '%s' is not supported", name);
        f = compile_function(cc, def, e->line);
        if (n != f->nparams)
            pm_throw(cc->c, PMML_ERR_PMML, e->line, "Apply",
                     "Apply: '%s' takes %zu argument(s), %zu given", name, f->nparams, n);
        if (n > 8)
            cc->m->stack_size += n;
        x = cx_new_expr(cc, EOP_CALL, f->datatype);
        x->nargs = n;
        x->args = PM_NEW_ARRAY(cc->c, cc->a, pl_expr *, n + 1);
        for (i = 0; i < n; i++)
            x->args[i] = cx_expr(cc, s, e->u.apply.args[i]);
        x->arg_slots = f->param_slots;
        x->body = f->body;
        {
            /* parameter types are needed at run time for the casts */
            int *types = PM_NEW_ARRAY(cc->c, cc->a, int, n + 1);
            memcpy(types, f->param_types, n * sizeof *types);
            x->aux = types;
        }
        x->invalid_treatment = (uint8_t)e->u.apply.invalid_treatment;
        cx_missing_default(cc, x, e, x->dt);
        return x;
    }
    if ((int)n < fi->min_args || (fi->max_args >= 0 && (int)n > fi->max_args)) {
        if (fi->max_args < 0)
            pm_throw(cc->c, PMML_ERR_PMML, e->line, "Apply",
                     "Apply: '%s' takes at least %d argument(s), %zu given", name,
                     fi->min_args, n);
        pm_throw(cc->c, PMML_ERR_PMML, e->line, "Apply",
                 "Apply: '%s' takes %d to %d argument(s), %zu given", name, fi->min_args,
                 fi->max_args, n);
    }
    if (n > 8)
        cc->m->stack_size += n; /* each Apply is active at most once at a time */
    x = cx_new_expr(cc, EOP_APPLY, PMML_TYPE_DOUBLE);
    x->fn = (uint16_t)fi->id;
    x->nargs = n;
    x->args = PM_NEW_ARRAY(cc->c, cc->a, pl_expr *, n + 1);
    for (i = 0; i < n; i++)
        x->args[i] = cx_expr(cc, s, e->u.apply.args[i]);
    switch (fi->result) {
    case RT_DOUBLE:
        x->dt = PMML_TYPE_DOUBLE;
        break;
    case RT_NUMERIC:
        x->dt = (uint8_t)common_numeric((const pl_expr *const *)x->args, n);
        break;
    case RT_INTEGER:
        x->dt = PMML_TYPE_INTEGER;
        break;
    case RT_BOOLEAN:
        x->dt = PMML_TYPE_BOOLEAN;
        break;
    case RT_STRING:
        x->dt = PMML_TYPE_STRING;
        break;
    case RT_BRANCH: {
        int a = x->args[1]->dt, b = n > 2 ? x->args[2]->dt : a;
        if (a == b)
            x->dt = (uint8_t)a;
        else if (pm_type_is_numeric(a) && pm_type_is_numeric(b))
            x->dt = PMML_TYPE_DOUBLE;
        else
            x->dt = PMML_TYPE_STRING;
        break;
    }
    }
    if (fi->id == FN_MATCHES || fi->id == FN_REPLACE)
        compile_regex(cc, x, e);
    x->invalid_treatment = (uint8_t)e->u.apply.invalid_treatment;
    cx_missing_default(cc, x, e, x->dt);
    return x;
}

static pl_maptable *compile_table(ccomp *cc, pl_expr *x, const pm_expr *e, const int *types)
{
    const pm_table *t = e->u.mapvalues.table;
    size_t npairs = e->u.mapvalues.npairs, r, j;
    size_t *col = PM_NEW_ARRAY(cc->c, cc->c->tmp, size_t, npairs + 1);
    size_t outcol;
    pl_maptable *mt = PM_NEW(cc->c, cc->a, pl_maptable);

    for (j = 0; j < npairs; j++) {
        long k = pm_table_column(t, e->u.mapvalues.columns[j]);
        if (k < 0 && t->nrows)
            pm_throw(cc->c, PMML_ERR_PMML, e->line, "MapValues",
                     "MapValues: the InlineTable has no column '%s'", e->u.mapvalues.columns[j]);
        col[j] = k < 0 ? t->ncols : (size_t)k;
    }
    outcol = (size_t)pm_table_column(t, e->u.mapvalues.output_column);
    if (outcol == (size_t)-1 && t->nrows)
        pm_throw(cc->c, PMML_ERR_PMML, e->line, "MapValues",
                 "MapValues: the InlineTable has no output column '%s'",
                 e->u.mapvalues.output_column);
    mt->nrows = t->nrows;
    mt->nin = npairs;
    mt->keys = PM_NEW_ARRAY(cc->c, cc->a, pv, t->nrows * npairs + 1);
    mt->out = PM_NEW_ARRAY(cc->c, cc->a, pv, t->nrows + 1);
    for (r = 0; r < t->nrows; r++) {
        const char *cell = t->cells[r * t->ncols + outcol];
        for (j = 0; j < npairs; j++) {
            const char *key = t->cells[r * t->ncols + col[j]];
            pv *k = &mt->keys[r * npairs + j];
            if (!key || !cx_try_value(cc, key, types[j], k))
                *k = pv_missing(); /* a row that can never match */
        }
        if (!cell)
            mt->out[r] = pv_missing();
        else
            mt->out[r] = loose_value(cc, cell, x->dt);
    }
    return mt;
}

pl_expr *cx_expr(ccomp *cc, cscope *s, const pm_expr *e)
{
    pl_expr *x = NULL;
    cfield *f;
    size_t i;

    switch (e->kind) {
    case EXPR_CONSTANT: {
        const cfield *param = sas_parameter_constant(cc, s, e);
        int dt;
        if (param) {
            x = cx_new_expr(cc, EOP_FIELD, param->datatype ? param->datatype : PMML_TYPE_DOUBLE);
            x->slot = param->slot;
            return x;
        }
        dt = e->datatype ? e->datatype : infer_constant_type(cc, e->u.constant.text);
        x = cx_new_expr(cc, EOP_CONST, dt);
        if (!e->u.constant.is_missing)
            x->k = cx_value(cc, e->u.constant.text, dt, e->line, "Constant");
        return x;
    }
    case EXPR_FIELDREF:
        f = cx_use(cc, s, e->field, e->line, "FieldRef");
        x = cx_new_expr(cc, EOP_FIELD, f->datatype ? f->datatype : PMML_TYPE_DOUBLE);
        x->slot = f->slot;
        cx_missing_default(cc, x, e, x->dt);
        return x;
    case EXPR_NORM_CONTINUOUS:
        f = cx_use(cc, s, e->field, e->line, "NormContinuous");
        x = cx_new_expr(cc, EOP_NORMCONT, PMML_TYPE_DOUBLE);
        x->slot = f->slot;
        x->outliers = e->u.normc.outliers;
        x->npoints = e->u.normc.npoints;
        x->orig = PM_NEW_ARRAY(cc->c, cc->a, double, x->npoints);
        x->norm = PM_NEW_ARRAY(cc->c, cc->a, double, x->npoints);
        for (i = 0; i < x->npoints; i++) {
            x->orig[i] = e->u.normc.points[i].orig;
            x->norm[i] = e->u.normc.points[i].norm;
        }
        cx_missing_default(cc, x, e, PMML_TYPE_DOUBLE);
        return x;
    case EXPR_NORM_DISCRETE:
        f = cx_use(cc, s, e->field, e->line, "NormDiscrete");
        x = cx_new_expr(cc, EOP_NORMDISC, PMML_TYPE_DOUBLE);
        x->slot = f->slot;
        if (!cx_try_value(cc, e->u.normd.value, f->datatype, &x->k))
            x->k = cx_value(cc, e->u.normd.value, PMML_TYPE_STRING, e->line, "NormDiscrete");
        cx_missing_default(cc, x, e, PMML_TYPE_DOUBLE);
        return x;
    case EXPR_DISCRETIZE:
        f = cx_use(cc, s, e->field, e->line, "Discretize");
        x = cx_new_expr(cc, EOP_DISCRETIZE, e->datatype ? e->datatype : PMML_TYPE_STRING);
        x->slot = f->slot;
        x->nbins = e->u.discretize.nbins;
        x->bins = PM_NEW_ARRAY(cc->c, cc->a, pl_bin, x->nbins + 1);
        for (i = 0; i < x->nbins; i++) {
            const pm_interval *iv = &e->u.discretize.bins[i].interval;
            x->bins[i].iv.left = iv->left;
            x->bins[i].iv.right = iv->right;
            x->bins[i].iv.left_closed = iv->closure == CLOSURE_CLOSED_OPEN ||
                                        iv->closure == CLOSURE_CLOSED_CLOSED;
            x->bins[i].iv.right_closed = iv->closure == CLOSURE_OPEN_CLOSED ||
                                         iv->closure == CLOSURE_CLOSED_CLOSED;
            x->bins[i].value = cx_value(cc, e->u.discretize.bins[i].value, x->dt, e->line,
                                        "DiscretizeBin");
        }
        cx_missing_default(cc, x, e, x->dt);
        return x;
    case EXPR_MAPVALUES: {
        int *types = PM_NEW_ARRAY(cc->c, cc->c->tmp, int, e->u.mapvalues.npairs + 1);
        x = cx_new_expr(cc, EOP_MAPVALUES, e->datatype ? e->datatype : PMML_TYPE_STRING);
        x->nargs = e->u.mapvalues.npairs;
        x->arg_slots = PM_NEW_ARRAY(cc->c, cc->a, int, x->nargs + 1);
        for (i = 0; i < x->nargs; i++) {
            f = cx_use(cc, s, e->u.mapvalues.fields[i], e->line, "FieldColumnPair");
            x->arg_slots[i] = f->slot;
            types[i] = f->datatype ? f->datatype : PMML_TYPE_STRING;
        }
        x->table = compile_table(cc, x, e, types);
        cx_missing_default(cc, x, e, x->dt);
        return x;
    }
    case EXPR_APPLY:
        return compile_apply(cc, s, e);
    case EXPR_TEXTINDEX:
        return cx_text_index(cc, s, e);
    case EXPR_LAG:
        return compile_lag(cc, s, e);
    case EXPR_AGGREGATE:
        return compile_aggregate(cc, s, e);
    }
    pm_throw(cc->c, PMML_ERR_UNSUPPORTED, e->line, e->element, "%s: unsupported expression",
             e->element);
}

/* Compiles a DerivedField in the scope that owns it and appends it to that
 * scope's list, after everything it depends on (depth-first order). */
void cx_derive(ccomp *cc, cfield *f)
{
    const pm_derived *d = f->def;
    pl_derive *out;
    pl_expr *x;
    if (f->state == 1)
        pm_throw(cc->c, PMML_ERR_PMML, d->line, "DerivedField",
                 "DerivedField: '%s' depends on itself (a cycle of derived fields)", f->name);
    if (cc->chain >= CX_MAX_CHAIN)
        pm_throw(cc->c, PMML_ERR_LIMIT, d->line, "DerivedField",
                 "DerivedField: '%s' is reached through a chain of more than %d derived "
                 "fields and functions",
                 f->name, CX_MAX_CHAIN);
    f->state = 1;
    cc->chain++;
    x = cx_expr(cc, f->owner, d->expr);
    cc->chain--;
    f->slot = cx_new_slot(cc);
    if (!f->datatype)
        f->datatype = x->dt;
    if (d->nvalues)
        f->dom = cx_domain(cc, f->datatype, f->optype, d->values, d->nvalues, NULL, 0, d->line,
                           "DerivedField");
    out = cvec_push(cc, &f->owner->derives, sizeof *out);
    out->name = pm_strdup(cc->c, cc->a, f->name);
    out->slot = f->slot;
    out->datatype = f->datatype;
    out->optype = f->optype;
    out->expr = x;
    out->dom = f->dom;
    f->state = 2;
}
