/* parse_expr.c - expressions (Constant, FieldRef, NormContinuous,
 * NormDiscrete, Discretize, MapValues, Apply), DerivedField, DefineFunction,
 * TransformationDictionary / LocalTransformations, Interval and Array. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"

static const char *const closure_names[] = { "openOpen", "openClosed", "closedOpen",
                                             "closedClosed", NULL };
static const char *const outlier_names[] = { "asIs", "asMissingValues", "asExtremeValues", NULL };
static const char *const apply_invalid_names[] = { "returnInvalid", "asIs", "asMissing", NULL };

void pm_parse_interval(pm_ctx *c, const px_node *n, pm_interval *iv)
{
    iv->closure = pa_enum(c, n, "closure", closure_names, -1);
    if (iv->closure < 0)
        pm_bad(c, n, "the required attribute 'closure' is missing");
    iv->left = pa_num(c, n, "leftMargin", -HUGE_VAL);
    iv->right = pa_num(c, n, "rightMargin", HUGE_VAL);
    iv->line = n->line;
    if (isnan(iv->left) || isnan(iv->right))
        pm_bad(c, n, "an interval margin is NaN");
    if (iv->left > iv->right)
        pm_bad(c, n, "leftMargin %g is greater than rightMargin %g", iv->left, iv->right);
}

/* Array content: blank-separated tokens; a token in double quotes may hold
 * blanks, and \" inside quotes is a quote (PMML 4.4, Arrays). */
void pm_parse_array(pm_ctx *c, const px_node *n, pm_array *a)
{
    static const char *const type_names[] = { "int", "real", "string", NULL };
    const char *s = n->text ? n->text : "";
    size_t len = n->text ? n->textlen : 0, i = 0, count = 0, cap = 8;
    const char **items;
    char *tok;
    long declared;

    a->type = pa_enum(c, n, "type", type_names, -1);
    if (a->type < 0)
        pm_bad(c, n, "the required attribute 'type' is missing");
    a->line = n->line;
    items = PM_NEW_ARRAY(c, c->tmp, const char *, cap);
    tok = pm_alloc(c, c->tmp, len + 1);
    while (i < len) {
        size_t t = 0;
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        if (i >= len)
            break;
        if (s[i] == '"') {
            int closed = 0;
            i++;
            while (i < len) {
                if (s[i] == '\\' && i + 1 < len && s[i + 1] == '"') {
                    tok[t++] = '"';
                    i += 2;
                } else if (s[i] == '"') {
                    i++;
                    closed = 1;
                    break;
                } else {
                    tok[t++] = s[i++];
                }
            }
            if (!closed)
                pm_bad(c, n, "a quoted array item is not closed");
        } else {
            while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
                tok[t++] = s[i++];
        }
        if (count == cap) {
            const char **bigger = PM_NEW_ARRAY(c, c->tmp, const char *, cap * 2);
            memcpy(bigger, items, cap * sizeof *items);
            items = bigger;
            cap *= 2;
        }
        items[count++] = pm_strndup(c, c->tmp, tok, t);
    }
    declared = pa_str(n, "n") ? pa_int(c, n, "n", -1) : -1;
    if (pa_str(n, "n") && (declared < 0 || (size_t)declared != count))
        pm_bad(c, n, "attribute n=\"%ld\" but the array holds %zu item(s)", declared, count);
    if (a->type != ARRAY_STRING) {
        for (i = 0; i < count; i++)
            pa_parse_num(c, n, "array item", items[i]);
    }
    a->items = items;
    a->n = count;
}

static int is_expression(const px_node *k)
{
    static const char *const names[] = { "Constant", "FieldRef", "NormContinuous",
                                         "NormDiscrete", "Discretize", "MapValues",
                                         "TextIndex", "Apply", "Aggregate", "Lag", NULL };
    int i;
    if (k->foreign)
        return 0;
    for (i = 0; names[i]; i++)
        if (strcmp(k->name, names[i]) == 0)
            return 1;
    return 0;
}

long pm_table_column(const pm_table *t, const char *name)
{
    size_t j;
    for (j = 0; j < t->ncols; j++)
        if (strcmp(t->colnames[j], name) == 0)
            return (long)j;
    return -1;
}

/* An InlineTable: each row's child elements are cells named by column. */
pm_table *pm_parse_inline_table(pm_ctx *c, const px_node *n)
{
    pm_table *t = PM_NEW(c, c->tmp, pm_table);
    size_t ncols = 0, capcols = 8, r = 0;
    const char **cols = PM_NEW_ARRAY(c, c->tmp, const char *, capcols);

    t->line = n->line;
    PX_FOREACH(row, n) {
        if (!px_is(row, "row")) {
            if (px_ignorable(row))
                continue;
            pm_unexpected(c, n, row);
        }
        t->nrows++;
        PX_FOREACH(cell, row) {
            size_t j;
            if (px_is(cell, "Extension"))
                continue;
            for (j = 0; j < ncols; j++)
                if (strcmp(cols[j], cell->name) == 0)
                    break;
            if (j == ncols) {
                if (ncols == capcols) {
                    const char **bigger = PM_NEW_ARRAY(c, c->tmp, const char *, capcols * 2);
                    memcpy(bigger, cols, capcols * sizeof *cols);
                    cols = bigger;
                    capcols *= 2;
                }
                cols[ncols++] = cell->name;
            }
        }
    }
    t->ncols = ncols;
    t->colnames = cols;
    t->cells = PM_NEW_ARRAY(c, c->tmp, const char *, t->nrows * (ncols ? ncols : 1));
    PX_FOREACH(row, n) {
        if (!px_is(row, "row"))
            continue;
        PX_FOREACH(cell, row) {
            size_t j;
            if (px_is(cell, "Extension"))
                continue;
            for (j = 0; j < ncols; j++)
                if (strcmp(cols[j], cell->name) == 0)
                    break;
            t->cells[r * ncols + j] = px_raw_text(c, cell);
        }
        r++;
    }
    return t;
}

static int tri_bool(pm_ctx *c, const px_node *n, const char *name)
{
    return pa_str(n, name) ? pa_bool(c, n, name, 0) : -1;
}

static void parse_text_index(pm_ctx *c, const px_node *n, pm_expr *e)
{
    static const char *const weight_names[] = { "termFrequency", "binary", "logarithmic",
                                                "augmentedNormalizedTermFrequency", NULL };
    static const char *const hits_names[] = { "allHits", "bestHits", NULL };
    size_t nn = px_count(n, "TextIndexNormalization"), i = 0;
    const px_node *term = NULL;
    e->kind = EXPR_TEXTINDEX;
    e->field = pa_req(c, n, "textField");
    e->u.text.local_weights = pa_enum(c, n, "localTermWeights", weight_names, TW_TERM_FREQUENCY);
    e->u.text.case_sensitive = pa_bool(c, n, "isCaseSensitive", 0);
    e->u.text.max_levenshtein = (int)pa_int(c, n, "maxLevenshteinDistance", 0);
    e->u.text.best_hits = pa_enum(c, n, "countHits", hits_names, 0);
    e->u.text.separator_re = pa_str(n, "wordSeparatorCharacterRE");
    e->u.text.word_re = pa_str(n, "wordRE");
    e->u.text.tokenize = pa_bool(c, n, "tokenize", 1);
    if (!e->u.text.separator_re)
        e->u.text.separator_re = "\\s+";
    if (e->u.text.max_levenshtein < 0)
        pm_bad(c, n, "maxLevenshteinDistance must not be negative");
    e->u.text.norms = PM_NEW_ARRAY(c, c->tmp, pm_textnorm, nn + 1);
    PX_FOREACH(k, n) {
        if (px_is(k, "TextIndexNormalization")) {
            pm_textnorm *t = &e->u.text.norms[i++];
            t->line = k->line;
            t->in_field = pa_str(k, "inField");
            t->out_field = pa_str(k, "outField");
            t->regex_field = pa_str(k, "regexField");
            if (!t->in_field)
                t->in_field = "string";
            if (!t->out_field)
                t->out_field = "stem";
            if (!t->regex_field)
                t->regex_field = "regex";
            t->recursive = pa_bool(c, k, "recursive", 0);
            t->case_sensitive = tri_bool(c, k, "isCaseSensitive");
            t->max_levenshtein = (int)pa_int(c, k, "maxLevenshteinDistance", -1);
            t->separator_re = pa_str(k, "wordSeparatorCharacterRE");
            t->word_re = pa_str(k, "wordRE");
            t->tokenize = tri_bool(c, k, "tokenize");
            PX_FOREACH(kk, k) {
                if (px_is(kk, "InlineTable"))
                    t->table = pm_parse_inline_table(c, kk);
                else if (px_is(kk, "TableLocator"))
                    pm_throw(c, PMML_ERR_UNSUPPORTED, kk->line, kk->name,
                             "TableLocator: tables outside the document are not supported");
                else if (!px_ignorable(kk))
                    pm_unexpected(c, k, kk);
            }
        } else if (is_expression(k)) {
            if (term)
                pm_bad(c, n, "more than one term expression");
            term = k;
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    e->u.text.nnorms = nn;
    if (!term)
        pm_bad(c, n, "the term expression is missing");
    e->u.text.term = pm_parse_expr(c, term);
}

pm_expr *pm_parse_expr(pm_ctx *c, const px_node *n)
{
    pm_expr *e = PM_NEW(c, c->tmp, pm_expr);
    e->line = n->line;
    e->element = n->name;
    e->map_missing_to = pa_str(n, "mapMissingTo");
    e->default_value = pa_str(n, "defaultValue");

    if (px_is(n, "Constant")) {
        e->kind = EXPR_CONSTANT;
        e->datatype = pa_datatype(c, n, "dataType", 0);
        e->u.constant.is_missing = pa_bool(c, n, "missing", 0);
        /* a string keeps its blanks; numbers are read without them anyway */
        e->u.constant.text = e->datatype == PMML_TYPE_STRING ? px_raw_text(c, n) : px_text(c, n);
        PX_FOREACH(k, n) {
            if (!px_ignorable(k))
                pm_unexpected(c, n, k);
        }
    } else if (px_is(n, "FieldRef")) {
        e->kind = EXPR_FIELDREF;
        e->field = pa_req(c, n, "field");
    } else if (px_is(n, "NormContinuous")) {
        size_t i = 0;
        e->kind = EXPR_NORM_CONTINUOUS;
        e->field = pa_req(c, n, "field");
        e->u.normc.outliers = pa_enum(c, n, "outliers", outlier_names, OUTLIERS_AS_IS);
        e->u.normc.npoints = px_count(n, "LinearNorm");
        if (e->u.normc.npoints < 2)
            pm_bad(c, n, "at least two LinearNorm elements are required, found %zu",
                   e->u.normc.npoints);
        e->u.normc.points = PM_NEW_ARRAY(c, c->tmp, pm_linnorm, e->u.normc.npoints);
        PX_FOREACH(k, n) {
            if (px_is(k, "LinearNorm")) {
                e->u.normc.points[i].orig = pa_num_req(c, k, "orig");
                e->u.normc.points[i].norm = pa_num_req(c, k, "norm");
                if (i > 0 && !(e->u.normc.points[i].orig > e->u.normc.points[i - 1].orig))
                    pm_bad(c, k, "LinearNorm orig values must increase strictly");
                i++;
            } else if (!px_ignorable(k)) {
                pm_unexpected(c, n, k);
            }
        }
    } else if (px_is(n, "NormDiscrete")) {
        const char *method = pa_str(n, "method");
        e->kind = EXPR_NORM_DISCRETE;
        e->field = pa_req(c, n, "field");
        e->u.normd.value = pa_req(c, n, "value");
        if (method && strcmp(method, "indicator") != 0)
            pm_bad(c, n, "unknown method '%s'", method);
    } else if (px_is(n, "Discretize")) {
        size_t i = 0;
        e->kind = EXPR_DISCRETIZE;
        e->field = pa_req(c, n, "field");
        e->datatype = pa_datatype(c, n, "dataType", 0);
        e->u.discretize.nbins = px_count(n, "DiscretizeBin");
        e->u.discretize.bins = PM_NEW_ARRAY(c, c->tmp, pm_bin, e->u.discretize.nbins + 1);
        PX_FOREACH(k, n) {
            if (px_is(k, "DiscretizeBin")) {
                pm_bin *b = &e->u.discretize.bins[i++];
                int have = 0;
                b->value = pa_req(c, k, "binValue");
                PX_FOREACH(kk, k) {
                    if (px_is(kk, "Interval")) {
                        pm_parse_interval(c, kk, &b->interval);
                        have++;
                    } else if (!px_ignorable(kk)) {
                        pm_unexpected(c, k, kk);
                    }
                }
                if (have != 1)
                    pm_bad(c, k, "exactly one Interval is required");
            } else if (!px_ignorable(k)) {
                pm_unexpected(c, n, k);
            }
        }
    } else if (px_is(n, "MapValues")) {
        size_t i = 0;
        e->kind = EXPR_MAPVALUES;
        e->datatype = pa_datatype(c, n, "dataType", 0);
        e->u.mapvalues.output_column = pa_req(c, n, "outputColumn");
        e->u.mapvalues.npairs = px_count(n, "FieldColumnPair");
        e->u.mapvalues.fields = PM_NEW_ARRAY(c, c->tmp, const char *, e->u.mapvalues.npairs + 1);
        e->u.mapvalues.columns = PM_NEW_ARRAY(c, c->tmp, const char *, e->u.mapvalues.npairs + 1);
        PX_FOREACH(k, n) {
            if (px_is(k, "FieldColumnPair")) {
                e->u.mapvalues.fields[i] = pa_req(c, k, "field");
                e->u.mapvalues.columns[i] = pa_req(c, k, "column");
                i++;
            } else if (px_is(k, "InlineTable")) {
                e->u.mapvalues.table = pm_parse_inline_table(c, k);
            } else if (px_is(k, "TableLocator")) {
                pm_throw(c, PMML_ERR_UNSUPPORTED, k->line, k->name,
                         "TableLocator: tables outside the document are not supported");
            } else if (!px_ignorable(k)) {
                pm_unexpected(c, n, k);
            }
        }
        if (!e->u.mapvalues.table)
            pm_bad(c, n, "an InlineTable is required");
    } else if (px_is(n, "Apply")) {
        size_t i = 0, nargs = 0;
        const char *ivt = pa_str_x(n, "invalidValueTreatment");
        e->kind = EXPR_APPLY;
        e->u.apply.function = pa_req(c, n, "function");
        e->u.apply.invalid_treatment = INVALID_RETURN;
        if (ivt) {
            int k;
            for (k = 0; apply_invalid_names[k]; k++)
                if (strcmp(ivt, apply_invalid_names[k]) == 0)
                    break;
            if (!apply_invalid_names[k])
                pm_bad(c, n, "attribute 'invalidValueTreatment' has the unknown value '%s'", ivt);
            e->u.apply.invalid_treatment = k == 0 ? INVALID_RETURN
                                           : k == 1 ? INVALID_AS_IS
                                                    : INVALID_AS_MISSING;
        }
        PX_FOREACH(k, n) {
            if (is_expression(k))
                nargs++;
            else if (!px_ignorable(k))
                pm_unexpected(c, n, k);
        }
        e->u.apply.nargs = nargs;
        e->u.apply.args = PM_NEW_ARRAY(c, c->tmp, pm_expr *, nargs + 1);
        PX_FOREACH(k, n) {
            if (is_expression(k))
                e->u.apply.args[i++] = pm_parse_expr(c, k);
        }
    } else if (px_is(n, "TextIndex")) {
        parse_text_index(c, n, e);
    } else if (px_is(n, "Lag")) {
        static const char *const agg_names[] = { "none", "avg", "max", "median", "min",
                                                 "product", "sum", "stddev", NULL };
        size_t nb = px_count(n, "BlockIndicator"), i = 0;
        e->kind = EXPR_LAG;
        e->field = pa_req(c, n, "field");
        e->u.lag.n = (int)pa_int(c, n, "n", 1);
        if (e->u.lag.n < 1 || e->u.lag.n > 10000)
            pm_bad(c, n, "n=%d is not between 1 and 10000", e->u.lag.n);
        e->u.lag.aggregate = agg_names[pa_enum(c, n, "aggregate", agg_names, 0)];
        e->u.lag.block_fields = PM_NEW_ARRAY(c, c->tmp, const char *, nb + 1);
        PX_FOREACH(k, n) {
            if (px_is(k, "BlockIndicator"))
                e->u.lag.block_fields[i++] = pa_req(c, k, "field");
            else if (!px_ignorable(k))
                pm_unexpected(c, n, k);
        }
        e->u.lag.nblocks = nb;
    } else if (px_is(n, "Aggregate")) {
        /* the order of AGG_* */
        static const char *const fn_names[] = { "count", "sum", "average", "min",
                                                "max", "multiset", NULL };
        e->kind = EXPR_AGGREGATE;
        e->field = pa_req(c, n, "field");
        pa_req(c, n, "function");
        e->u.agg.function = pa_enum(c, n, "function", fn_names, 0);
        e->u.agg.group = pa_str(n, "groupField");
        e->u.agg.sql_where = pa_str(n, "sqlWhere");
        PX_FOREACH(k, n) {
            if (!px_ignorable(k))
                pm_unexpected(c, n, k);
        }
        /* refused here, so that an Aggregate no field uses is refused too */
        if (e->u.agg.sql_where)
            pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                     "Aggregate: sqlWhere (selecting the rows to aggregate with an SQL "
                     "condition) is not supported");
        if (e->u.agg.function == AGG_MULTISET)
            pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                     "Aggregate: function=\"multiset\" makes a collection of values, which no "
                     "expression or model here takes (an AssociationModel reads a transaction "
                     "one item per row through a MiningField with usageType=\"group\")");
        if (!e->u.agg.group)
            pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                     "Aggregate: without a groupField it aggregates over all the rows of the "
                     "input, which are not known until the last one; only groups of rows "
                     "(groupField) are supported");
    } else {
        pm_throw(c, PMML_ERR_UNSUPPORTED, n->line, n->name,
                 "%s: unknown expression element", n->name);
    }
    return e;
}

/* The single expression child of `n` (DerivedField, DefineFunction,
 * OutputField); NULL when `optional` and there is none. */
pm_expr *pm_parse_expr_child(pm_ctx *c, const px_node *n, int optional)
{
    const px_node *found = NULL;
    PX_FOREACH(k, n) {
        if (is_expression(k)) {
            if (found)
                pm_bad(c, n, "more than one expression");
            found = k;
        }
    }
    if (!found) {
        if (optional)
            return NULL;
        pm_bad(c, n, "an expression is required");
    }
    return pm_parse_expr(c, found);
}

void pm_parse_values(pm_ctx *c, const px_node *n, pm_dvalue **out, size_t *nout)
{
    static const char *const prop_names[] = { "valid", "invalid", "missing", NULL };
    size_t i = 0, count = px_count(n, "Value");
    pm_dvalue *v = PM_NEW_ARRAY(c, c->tmp, pm_dvalue, count + 1);
    PX_FOREACH(k, n) {
        if (!px_is(k, "Value"))
            continue;
        v[i].value = pa_req(c, k, "value");
        v[i].display = pa_str(k, "displayValue");
        v[i].property = pa_enum(c, k, "property", prop_names, PROP_VALID);
        v[i].line = k->line;
        i++;
    }
    *out = v;
    *nout = count;
}

static void parse_derived(pm_ctx *c, const px_node *n, pm_derived *d, int name_required)
{
    d->name = name_required ? pa_req(c, n, "name") : pa_str(n, "name");
    d->display = pa_str(n, "displayName");
    d->optype = pa_optype(c, n, "optype", 0);
    d->datatype = pa_datatype(c, n, "dataType", 0);
    d->line = n->line;
    PX_FOREACH(k, n) {
        if (!is_expression(k) && !px_is(k, "Value") && !px_ignorable(k))
            pm_unexpected(c, n, k);
    }
    d->expr = pm_parse_expr_child(c, n, 0);
    pm_parse_values(c, n, &d->values, &d->nvalues);
}

pm_derived *pm_parse_derived(pm_ctx *c, const px_node *n, int name_required)
{
    pm_derived *d = PM_NEW(c, c->tmp, pm_derived);
    parse_derived(c, n, d, name_required);
    return d;
}

static void parse_function(pm_ctx *c, const px_node *n, pm_function *f)
{
    size_t i = 0;
    f->name = pa_req(c, n, "name");
    f->optype = pa_optype(c, n, "optype", 0);
    f->datatype = pa_datatype(c, n, "dataType", 0);
    f->line = n->line;
    f->nparams = px_count(n, "ParameterField");
    f->params = PM_NEW_ARRAY(c, c->tmp, pm_param, f->nparams + 1);
    PX_FOREACH(k, n) {
        if (px_is(k, "ParameterField")) {
            f->params[i].name = pa_req(c, k, "name");
            f->params[i].optype = pa_optype(c, k, "optype", 0);
            f->params[i].datatype = pa_datatype(c, k, "dataType", 0);
            i++;
        } else if (!is_expression(k) && !px_ignorable(k)) {
            pm_unexpected(c, n, k);
        }
    }
    f->expr = pm_parse_expr_child(c, n, 0);
}

void pm_parse_transforms(pm_ctx *c, const px_node *n, pm_transforms *t)
{
    size_t nf = px_count(n, "DerivedField"), nd = px_count(n, "DefineFunction");
    size_t i = 0, j = 0;
    t->fields = PM_NEW_ARRAY(c, c->tmp, pm_derived, nf + 1);
    t->functions = PM_NEW_ARRAY(c, c->tmp, pm_function, nd + 1);
    PX_FOREACH(k, n) {
        if (px_is(k, "DerivedField"))
            parse_derived(c, k, &t->fields[i++], 1);
        else if (px_is(k, "DefineFunction"))
            parse_function(c, k, &t->functions[j++]);
        else if (!px_ignorable(k))
            pm_unexpected(c, n, k);
    }
    t->nfields = nf;
    t->nfunctions = nd;
}

double *pm_parse_num_array(pm_ctx *c, const px_node *n, size_t *count)
{
    pm_array a;
    double *v;
    size_t i;
    pm_parse_array(c, n, &a);
    if (a.type == ARRAY_STRING)
        pm_bad(c, n, "a numeric Array (type \"int\" or \"real\") is required");
    v = PM_NEW_ARRAY(c, c->tmp, double, a.n + 1);
    for (i = 0; i < a.n; i++)
        v[i] = pa_parse_num(c, n, "the array item", a.items[i]);
    *count = a.n;
    return v;
}

/* The whitespace-separated numbers of an element's text. */
static double *number_list(pm_ctx *c, const px_node *n, size_t *count)
{
    const char *s = n->text ? n->text : "";
    size_t len = n->text ? n->textlen : 0, i = 0, k = 0, cap = 8;
    double *v = PM_NEW_ARRAY(c, c->tmp, double, cap);
    char tok[128];
    while (i < len) {
        size_t t = 0;
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
            i++;
        if (i >= len)
            break;
        while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r') {
            if (t + 1 >= sizeof tok)
                pm_bad(c, n, "a number is too long");
            tok[t++] = s[i++];
        }
        tok[t] = '\0';
        if (k == cap) {
            double *nv = PM_NEW_ARRAY(c, c->tmp, double, cap * 2);
            memcpy(nv, v, k * sizeof *v);
            v = nv;
            cap *= 2;
        }
        v[k++] = pa_parse_num(c, n, "the number", tok);
    }
    *count = k;
    return v;
}

void pm_parse_sparse_array(pm_ctx *c, const px_node *n, double *out, size_t size)
{
    double *idx = NULL, *vals = NULL;
    size_t nidx = 0, nvals = 0, i;
    long declared = pa_int(c, n, "n", -1);
    if (declared >= 0 && (size_t)declared != size)
        pm_bad(c, n, "n=\"%ld\" does not match the %zu fields", declared, size);
    PX_FOREACH(k, n) {
        if (px_is(k, "Indices"))
            idx = number_list(c, k, &nidx);
        else if (px_is(k, "REAL-Entries") || px_is(k, "INT-Entries"))
            vals = number_list(c, k, &nvals);
        else if (!px_ignorable(k))
            pm_unexpected(c, n, k);
    }
    if (nidx != nvals)
        pm_bad(c, n, "%zu Indices but %zu entries", nidx, nvals);
    for (i = 0; i < size; i++)
        out[i] = pa_num(c, n, "defaultValue", 0.0);
    for (i = 0; i < nidx; i++) {
        double k = idx[i];
        if (!(k >= 1 && k <= (double)size) || k != floor(k))
            pm_bad(c, n, "the index %g is not between 1 and %zu", k, size);
        out[(size_t)k - 1] = vals[i];
    }
}
