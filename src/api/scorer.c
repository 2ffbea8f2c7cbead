/* scorer.c - binding input columns and scoring batches. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <math.h>
#include <pcre2.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/stats.h"
#include "eval/eval.h"
#include "eval/value.h"
#include "eval/vec.h"
#include "model/model.h"
#include "util/datetime.h"
#include "util/num.h"

/* Regex functions stop after this much backtracking work; the row's value
 * is then invalid rather than the call hanging. */
#define REGEX_MATCH_LIMIT 1000000u
#define REGEX_DEPTH_LIMIT 10000u

typedef struct binding {
    int type;     /* pmml_coltype */
    long field;   /* input index, or -1 */
} binding;

typedef struct rowmsg {
    size_t row;
    size_t off;
} rowmsg;

/* How the block evaluator reads an input. */
enum { LD_CONST = 0, LD_FAST, LD_TEXT, LD_CODE, LD_GENERIC };

/* LD_CODE: each category code's prepared value, and a missing code's. */
typedef struct code_table {
    double *x;            /* [nvalid + 1]; the last one: a missing code */
    uint8_t *bad;         /* 1: the row evaluator's case */
    size_t n;
} code_table;

struct pmml_scorer {
    pm_scratch sc;
    const pmml_model *model;
    binding *cols;
    size_t ncols;
    long *field_col;      /* input index -> column, or -1 */
    rowmsg *msgs;         /* failed rows of the last batch */
    size_t nmsgs, capmsgs;
    char *text;           /* their messages */
    size_t textlen, textcap;
    /* the block evaluator, when the model has a block program */
    const vp_plan *vp;
    vp_state vs;
    uint8_t *loader;      /* input index -> LD_* */
    uint8_t *st_text;     /* input index -> 1: load_text counts its values,
                           * which it parses anyway */
    uint8_t *st_block;    /* input index -> 1: in this batch the block
                           * loaders count its values (pmml__stats_inputs
                           * skips it; see block_counts) */
    code_table *codes;    /* input index -> LD_CODE table */
    /* scoring statistics (pmml_stats): this thread's own counters */
    st_counters st;
    int st_on;
};



static void set_error(pmml_error *err, int code, const char *fmt, const char *arg)
{
    pm_error_set(err, code, 0, NULL, "", fmt, arg ? arg : "");
}

static void scorer_release(pmml_scorer *s)
{
    const pmml_allocator *al;
    if (!s)
        return;
    al = &s->model->al;
    pmml__stats_release(&s->st, s->model);
    pm_scratch_free_strings(&s->sc);
    if (s->sc.match)
        pcre2_match_data_free(s->sc.match);
    if (s->sc.mctx)
        pcre2_match_context_free(s->sc.mctx);
    pm_free(al, s->sc.vals);
    pm_free(al, s->sc.results);
    pm_free(al, s->sc.probs);
    pm_free(al, s->sc.tmp);
    pm_free(al, s->sc.stack);
    pm_free(al, s->sc.lag_out);
    pm_free(al, s->sc.lag_hist);
    pm_free(al, s->sc.lag_present);
    pm_free(al, s->sc.lag_vals);
    pm_free(al, s->sc.lag_head);
    pm_free(al, s->sc.lag_count);
    pm_free(al, s->sc.lag_block);
    pm_free(al, s->sc.aggs);
    pm_free(al, s->cols);
    pm_free(al, s->field_col);
    pm_free(al, s->msgs);
    pm_free(al, s->text);
    pm_free(al, s->vs.regs);
    pm_free(al, s->vs.ptr);
    pm_free(al, s->vs.tmp);
    pm_free(al, s->loader);
    pm_free(al, s->st_text);
    pm_free(al, s->st_block);
    if (s->codes) {
        size_t i;
        for (i = 0; i < s->model->ninputs; i++) {
            pm_free(al, s->codes[i].x);
            pm_free(al, s->codes[i].bad);
        }
        pm_free(al, s->codes);
    }
    pm_free(al, s);
}

void pmml_scorer_free(pmml_scorer *scorer)
{
    scorer_release(scorer);
}

static int valid_input_type(int t)
{
    return t >= PMML_COL_DOUBLE && t <= PMML_COL_BOOL;
}

static void *gen_malloc(PCRE2_SIZE n, void *payload)
{
    const pmml_allocator *al = payload;
    return pm_malloc(al, n);
}

static void gen_free(void *p, void *payload)
{
    const pmml_allocator *al = payload;
    pm_free(al, p);
}

static int vec_bind(pmml_scorer *s);

int pmml_scorer_new(pmml_scorer **out, const pmml_model *model, const pmml_column *columns,
                    size_t ncolumns, pmml_error *err)
{
    pmml_scorer *s;
    const pmml_allocator *al;
    size_t i;

    if (err)
        memset(err, 0, sizeof *err);
    if (!out || !model || (ncolumns && !columns)) {
        set_error(err, PMML_ERR_ARG, "a required argument is NULL%s", NULL);
        if (out)
            *out = NULL;
        return PMML_ERR_ARG;
    }
    *out = NULL;
    al = &model->al;
    s = pm_calloc(al, 1, sizeof *s);
    if (!s)
        goto nomem;
    s->model = model;
    s->sc.model = model;
    s->sc.vals = pm_calloc(al, model->nslots + 1, sizeof(pv));
    s->sc.results = pm_calloc(al, model->nresults + 1, sizeof(pl_result));
    s->sc.probs = pm_calloc(al, model->nprobs + 1, sizeof(double));
    s->sc.tmp = pm_calloc(al, model->ntmp + 1, sizeof(double));
    s->sc.stack_cap = model->stack_size + 64;
    s->sc.stack = pm_calloc(al, s->sc.stack_cap, sizeof(pv));
    s->cols = pm_calloc(al, ncolumns + 1, sizeof *s->cols);
    s->field_col = pm_calloc(al, model->ninputs + 1, sizeof *s->field_col);
    s->sc.lag_out = pm_calloc(al, model->nlags + 1, sizeof(pv));
    s->sc.lag_hist = pm_calloc(al, model->nlag_hist + 1, sizeof(double));
    s->sc.lag_present = pm_calloc(al, model->nlag_hist + 1, 1);
    s->sc.lag_vals = pm_calloc(al, model->lag_max_n + 1, sizeof(double));
    s->sc.lag_head = pm_calloc(al, model->nlags + 1, sizeof(size_t));
    s->sc.lag_count = pm_calloc(al, model->nlags + 1, sizeof(size_t));
    s->sc.lag_block = pm_calloc(al, model->nlag_blocks + 1, sizeof(pv));
    s->sc.aggs = pm_calloc(al, model->naggs + 1, sizeof(pm_aggstate));
    if (!s->sc.vals || !s->sc.results || !s->sc.probs || !s->sc.tmp || !s->sc.stack ||
        !s->cols || !s->field_col || !s->sc.lag_out || !s->sc.lag_hist || !s->sc.lag_present ||
        !s->sc.lag_vals ||
        !s->sc.lag_head || !s->sc.lag_count || !s->sc.lag_block || !s->sc.aggs)
        goto nomem;
    if (model->nregexes) {
        pcre2_general_context *gc = pcre2_general_context_create(gen_malloc, gen_free,
                                                                 (void *)&model->al);
        if (!gc)
            goto nomem;
        s->sc.mctx = pcre2_match_context_create(gc);
        s->sc.match = pcre2_match_data_create(model->max_capture + 1, gc);
        pcre2_general_context_free(gc);
        if (!s->sc.mctx || !s->sc.match)
            goto nomem;
        pcre2_set_match_limit(s->sc.mctx, REGEX_MATCH_LIMIT);
        pcre2_set_depth_limit(s->sc.mctx, REGEX_DEPTH_LIMIT);
    }
    for (i = 0; i < model->nresults; i++) {
        s->sc.results[i].probs = NULL;
        s->sc.results[i].conf = NULL;
    }
    pmml__scorer_attach_probs(model->top, &s->sc);
    for (i = 0; i < model->nslots; i++)
        s->sc.vals[i] = pv_missing();
    for (i = 0; i < model->ninputs; i++)
        s->field_col[i] = -1;
    for (i = 0; i < ncolumns; i++) {
        const pmml_column *c = &columns[i];
        long f;
        if (c->version == 0 || c->version > PMML_COLUMN_VERSION || !valid_input_type(c->type)) {
            set_error(err, PMML_ERR_ARG, "column %s has an unknown version or type",
                      c->name ? c->name : "(unnamed)");
            scorer_release(s);
            return PMML_ERR_ARG;
        }
        if (!c->name) {
            set_error(err, PMML_ERR_ARG, "a column has no name%s", NULL);
            scorer_release(s);
            return PMML_ERR_ARG;
        }
        f = pmml_model_input_index(model, c->name);
        s->cols[i].type = c->type;
        s->cols[i].field = f;
        if (f < 0)
            continue;
        if (s->field_col[f] >= 0) {
            set_error(err, PMML_ERR_BIND, "two columns feed the field '%s'", c->name);
            scorer_release(s);
            return PMML_ERR_BIND;
        }
        if (c->type == PMML_COL_CODE && !pmml_model_input_value_count(model, (size_t)f)) {
            set_error(err, PMML_ERR_BIND,
                      "column '%s' holds category codes, but the field lists no values", c->name);
            scorer_release(s);
            return PMML_ERR_BIND;
        }
        s->field_col[f] = (long)i;
    }
    s->ncols = ncolumns;
    if (model->vp && vec_bind(s) != 0)
        goto nomem;
    /* counting is asked for: on a cheap model it costs a good part of what
     * scoring does (see pmml_scorer_stats_enable) */
    if (pmml__stats_init(&s->st, model) != 0)
        goto nomem;
    *out = s;
    return PMML_OK;
nomem:
    scorer_release(s);
    set_error(err, PMML_ERR_NOMEM, "out of memory%s", NULL);
    return PMML_ERR_NOMEM;
}

long pmml_scorer_column_field(const pmml_scorer *scorer, size_t j)
{
    if (!scorer || j >= scorer->ncols)
        return -1;
    return scorer->cols[j].field;
}

/* ---- reading one input value ---- */

static const void *element(const pmml_column *c, size_t row, size_t size)
{
    size_t stride = c->stride ? c->stride : size;
    return (const char *)c->data + row * stride;
}

static pv from_number(pm_scratch *sc, double d, int datatype)
{
    pv v;
    if (pm_type_is_string(datatype)) {
        char buf[PM_NUMBUF];
        size_t n = pm_format_integer(buf, d);
        return pm_make_string(sc, buf, n);
    }
    v = pv_num(d, datatype);
    if (datatype == PMML_TYPE_INTEGER && d != floor(d))
        v.st = VS_INVALID;
    if (datatype == PMML_TYPE_FLOAT)
        v.d = (double)(float)d;
    if (datatype == PMML_TYPE_BOOLEAN && d != 0.0 && d != 1.0)
        v.st = VS_INVALID;
    return v;
}

static pv from_text(pm_scratch *sc, const char *s, size_t len, int datatype)
{
    pv v = pv_missing();
    double d;
    int ok;
    if (pm_type_is_string(datatype)) {
        v.st = VS_VALID;
        v.t = PMML_TYPE_STRING;
        v.s = s;
        v.len = (uint32_t)len;
        v.id = pm_strtab_find(&sc->model->strings, s, len);
        return v;
    }
    switch (datatype) {
    case PMML_TYPE_INTEGER:
        ok = pm_parse_integer(s, len, &d) == 0;
        break;
    case PMML_TYPE_BOOLEAN:
        ok = pm_parse_boolean(s, len, &d) == 0;
        break;
    case PMML_TYPE_FLOAT:
    case PMML_TYPE_DOUBLE:
        ok = pm_parse_double(s, len, &d, NULL) == 0;
        if (ok && datatype == PMML_TYPE_FLOAT)
            d = (double)(float)d;
        break;
    default:
        ok = pm_parse_temporal(s, len, datatype, &d) == 0;
        break;
    }
    if (ok) {
        v = pv_num(d, datatype);
    } else {
        /* not a value of the field's type: invalid, keeping the text */
        v.st = VS_INVALID;
        v.t = PMML_TYPE_STRING;
        v.s = s;
        v.len = (uint32_t)len;
    }
    return v;
}

/* An input value of row `row`, read and prepared per its DataField and
 * MiningField. */
static pv read_value(pmml_scorer *s, const pl_input *in, const pmml_column *c, size_t row)
{
    pm_scratch *sc = &s->sc;
    pv v = pv_missing();
    const char *raw = NULL;
    size_t rawlen = 0;

    if (c && !(c->valid && !c->valid[row])) {
        switch (c->type) {
        case PMML_COL_DOUBLE: {
            double d = *(const double *)element(c, row, sizeof(double));
            if (!isnan(d))
                v = from_number(sc, d, in->datatype);
            break;
        }
        case PMML_COL_INT64:
            v = from_number(sc, (double)*(const int64_t *)element(c, row, sizeof(int64_t)),
                            in->datatype);
            break;
        case PMML_COL_BOOL: {
            int b = *(const uint8_t *)element(c, row, sizeof(uint8_t)) != 0;
            if (pm_type_is_string(in->datatype))
                v = from_text(sc, b ? "true" : "false", b ? 4 : 5, in->datatype);
            else
                v = from_number(sc, b, in->datatype);
            break;
        }
        case PMML_COL_STRING:
            raw = *(const char *const *)element(c, row, sizeof(const char *));
            if (raw) {
                rawlen = strlen(raw);
                v = from_text(sc, raw, rawlen, in->datatype);
            }
            break;
        case PMML_COL_STRVIEW: {
            const pmml_strview *sv = element(c, row, sizeof(pmml_strview));
            if (sv->ptr) {
                raw = sv->ptr;
                rawlen = sv->len;
                v = from_text(sc, raw, rawlen, in->datatype);
            }
            break;
        }
        case PMML_COL_CODE: {
            int32_t k = *(const int32_t *)element(c, row, sizeof(int32_t));
            if (k >= 0) {
                const pl_domain *d = in->dom;
                if ((size_t)k < d->nvalid) {
                    v = d->values[d->valid_idx[k]];
                    v.st = VS_VALID;
                } else {
                    pm_row_error(sc, PMML_ERR_INVALID_VALUE,
                                 "field '%s': category code %ld is out of range", in->name,
                                 (long)k);
                    v.st = VS_INVALID;
                    v.t = (uint8_t)in->datatype;
                }
            }
            break;
        }
        }
    }
    pm_prepare_input(sc, in, &v, raw, rawlen);
    return v;
}

static void read_input(pmml_scorer *s, const pl_input *in, const pmml_column *c, size_t row)
{
    s->sc.vals[in->slot] = read_value(s, in, c, row);
}

/* ---- writing one result value ---- */

static int category_index(const pl_column *col, const pv *v)
{
    size_t k;
    for (k = 0; k < col->nvalues; k++) {
        const pv *c = &col->values[k];
        if (pm_type_is_string(c->t) ? (v->id >= 0 && c->id == v->id) : c->d == v->d)
            return (int)k;
    }
    return -1;
}

static const char *value_string(pm_scratch *sc, const pv *v)
{
    char buf[PM_NUMBUF], *p;
    size_t n;
    const char *src;
    if (pm_type_is_string(v->t)) {
        if (v->id >= 0)
            return v->s;
        src = v->s;
        n = v->len;
    } else if (v->t == PMML_TYPE_BOOLEAN) {
        return v->d != 0.0 ? "true" : "false";
    } else if (pm_type_is_temporal(v->t)) {
        n = pm_format_temporal(buf, v->d, v->t);
        src = buf;
    } else {
        if (v->t == PMML_TYPE_INTEGER)
            n = pm_format_integer(buf, v->d);
        else if (v->t == PMML_TYPE_FLOAT)
            n = pm_format_float(buf, (float)v->d);
        else
            n = pm_format_double(buf, v->d);
        src = buf;
    }
    p = pm_scratch_str(sc, n + 1);
    if (!p)
        return NULL;
    memcpy(p, src, n);
    p[n] = '\0';
    return p;
}

/* Returns 0, or -1 when a string result could not be allocated (the
 * element is then written as missing, and the caller fails the row). */
static int write_result(pmml_scorer *s, const pl_column *col, pmml_result *res, size_t row,
                        const pv *v, int cat)
{
    int nomem = 0;
    size_t esize;
    int present = v && v->st != VS_MISSING;
    char *dst;
    switch (res->type) {
    case PMML_COL_DOUBLE:
        esize = sizeof(double);
        break;
    case PMML_COL_INT64:
        esize = sizeof(int64_t);
        break;
    case PMML_COL_STRING:
        esize = sizeof(const char *);
        break;
    case PMML_COL_CODE:
        esize = sizeof(int32_t);
        break;
    default:
        esize = sizeof(uint8_t);
        break;
    }
    dst = (char *)res->data + row * (res->stride ? res->stride : esize);
    switch (res->type) {
    case PMML_COL_DOUBLE: {
        double d = NAN;
        if (present) {
            if (pm_type_is_string(v->t)) {
                if (pm_parse_double(v->s, v->len, &d, NULL) != 0)
                    present = 0, d = NAN;
            } else {
                d = v->d;
            }
        }
        memcpy(dst, &d, sizeof d);
        break;
    }
    case PMML_COL_INT64: {
        int64_t i = 0;
        double d = 0;
        if (present) {
            if (pm_type_is_string(v->t)) {
                if (pm_parse_integer(v->s, v->len, &d) != 0)
                    present = 0;
            } else {
                d = v->d;
            }
            if (present && !(d == floor(d) && fabs(d) < 9.2e18))
                present = 0;
            else
                i = (int64_t)d;
        }
        memcpy(dst, &i, sizeof i);
        break;
    }
    case PMML_COL_STRING: {
        const char *p = present ? value_string(&s->sc, v) : NULL;
        if (!p) {
            nomem = present;
            present = 0;
        }
        memcpy(dst, &p, sizeof p);
        break;
    }
    case PMML_COL_CODE: {
        int32_t k = -1;
        if (present) {
            k = cat >= 0 ? cat : category_index(col, v);
            if (k < 0)
                present = 0;
        }
        memcpy(dst, &k, sizeof k);
        break;
    }
    default: {
        double d = 0.0;
        if (present && pm_type_is_string(v->t) && pm_parse_boolean(v->s, v->len, &d) != 0)
            present = 0;
        else if (present && !pm_type_is_string(v->t))
            d = v->d;
        *dst = (char)(present && d != 0.0);
        break;
    }
    }
    if (res->valid)
        res->valid[row] = (uint8_t)present;
    return nomem ? -1 : 0;
}

/* ---- the block evaluator ---- */

/* A prepared value as a register holds it: 1, or 0 when the row must go to
 * the row evaluator (a row error, an invalid value used as is, NaN). */
static int as_register(const pv *v, int kind, double *x)
{
    if (v->st == VS_MISSING) {
        *x = NAN;
        return 1;
    }
    if (v->st != VS_VALID)
        return 0;
    if (kind == VK_STR) {
        if (!pm_type_is_string(v->t))
            return 0;
        *x = (double)v->id;
        return 1;
    }
    if (pm_type_is_string(v->t) || isnan(v->d))
        return 0;
    *x = v->d;
    return 1;
}

static int trivial_domain(const pl_domain *d)
{
    return !d || (d->nvalues == 0 && d->nintervals == 0 && !d->has_valid);
}

/* The prepared value of every category code of a CODE column. */
static int code_bind(pmml_scorer *s, const pl_input *in, code_table *ct, int kind)
{
    const pmml_allocator *al = &s->model->al;
    const pl_domain *d = in->dom;
    size_t k, n = d ? d->nvalid : 0;
    ct->x = pm_calloc(al, n + 1, sizeof(double));
    ct->bad = pm_calloc(al, n + 1, 1);
    if (!ct->x || !ct->bad)
        return -1;
    ct->n = n;
    for (k = 0; k <= n; k++) {
        pv v = pv_missing();
        if (k < n) {
            v = d->values[d->valid_idx[k]];
            v.st = VS_VALID;
        }
        s->sc.row_status = PMML_OK;
        pm_prepare_input(&s->sc, in, &v, NULL, 0);
        ct->bad[k] = s->sc.row_status != PMML_OK || !as_register(&v, kind, &ct->x[k]);
    }
    s->sc.row_status = PMML_OK;
    return 0;
}

/* Chooses how each input is read and sets up the registers. */
static int vec_bind(pmml_scorer *s)
{
    const pmml_model *m = s->model;
    const vp_plan *p = m->vp;
    const pmml_allocator *al = &m->al;
    size_t i, r;
    s->vs.regs = pm_calloc(al, (p->nregs + 1) * VP_BLOCK, sizeof(double));
    s->vs.tmp = pm_calloc(al, (p->ntmp + 1) * VP_BLOCK, sizeof(double));
    s->vs.ptr = pm_calloc(al, p->nregs + 1, sizeof(double *));
    s->loader = pm_calloc(al, m->ninputs + 1, 1);
    s->st_text = pm_calloc(al, m->ninputs + 1, 1);
    s->st_block = pm_calloc(al, m->ninputs + 1, 1);
    s->codes = pm_calloc(al, m->ninputs + 1, sizeof *s->codes);
    if (!s->vs.regs || !s->vs.tmp || !s->vs.ptr || !s->loader || !s->st_text || !s->st_block ||
        !s->codes)
        return -1;
    for (i = 0; i < p->nregs; i++)
        s->vs.ptr[i] = s->vs.regs + i * VP_BLOCK;
    pm_vec_consts(p, s->vs.regs);
    for (i = 0; i < m->ninputs; i++) {
        const pl_input *in = &m->inputs[i];
        const pl_treat *t = &in->treat;
        long col = s->field_col[i];
        double *reg = s->vs.regs + (size_t)p->inputs[i].reg * VP_BLOCK;
        s->st_text[i] = 0;
        if (col < 0) {
            /* no column: the same prepared value for every row */
            pv v;
            double x;
            s->sc.row_status = PMML_OK;
            v = read_value(s, in, NULL, 0);
            if (s->sc.row_status != PMML_OK || !as_register(&v, p->inputs[i].kind, &x)) {
                s->sc.row_status = PMML_OK;
                return 0; /* every row fails the same way: no blocks */
            }
            for (r = 0; r < VP_BLOCK; r++)
                reg[r] = x;
            s->loader[i] = LD_CONST;
            continue;
        }
        s->loader[i] = LD_GENERIC;
        if (s->cols[col].type == PMML_COL_CODE) {
            if (code_bind(s, in, &s->codes[i], p->inputs[i].kind) != 0)
                return -1;
            s->loader[i] = LD_CODE;
            continue;
        }
        if ((in->datatype == PMML_TYPE_DOUBLE || in->datatype == PMML_TYPE_FLOAT ||
             in->datatype == PMML_TYPE_INTEGER) &&
            trivial_domain(in->dom) &&
            (!t->has_missing_replacement ||
             (t->missing_replacement.st == VS_VALID &&
              !pm_type_is_string(t->missing_replacement.t) &&
              !isnan(t->missing_replacement.d)))) {
            int ct = s->cols[col].type;
            if (ct == PMML_COL_DOUBLE || ct == PMML_COL_INT64)
                s->loader[i] = LD_FAST;
            else if (ct == PMML_COL_STRING || ct == PMML_COL_STRVIEW)
                s->loader[i] = LD_TEXT;
            /* its statistics from the numbers load_text parses anyway */
            s->st_text[i] = s->loader[i] == LD_TEXT && pmml__stats_text_as_numbers(m, i);
        }
    }
    s->vp = p;
    return 0;
}

/* A number (NaN: missing) of a field with no declared values, prepared as
 * the row evaluator prepares it: float rounding, outliers, the missing
 * value treatment.  -1 when the row must go to the row evaluator. */
static int prepare_number(const pl_input *in, double *xp)
{
    const pl_treat *t = &in->treat;
    double x = *xp;
    if (!isnan(x)) {
        if (in->datatype == PMML_TYPE_FLOAT)
            x = (double)(float)x;
        if (t->outliers != OUTLIERS_AS_IS &&
            ((t->has_low && x < t->low) || (t->has_high && x > t->high))) {
            if (t->outliers == OUTLIERS_AS_MISSING)
                x = NAN;
            else
                x = t->has_low && x < t->low ? t->low : t->high;
        }
    }
    if (isnan(x)) {
        if (t->missing == MISSING_RETURN_INVALID)
            return -1;
        if (t->has_missing_replacement)
            x = t->missing_replacement.d;
    }
    *xp = x;
    return 0;
}

/* The row evaluator's reading of a number from a DOUBLE or INT64 column
 * into a field with no declared values, for a block of rows. */
static void load_fast(pmml_scorer *s, const pl_input *in, const pmml_column *c, size_t row0,
                      size_t n, uint32_t regno)
{
    double *reg = s->vs.regs + (size_t)regno * VP_BLOCK;
    const pl_treat *t = &in->treat;
    uint8_t *ok = s->vs.ok;
    size_t r;
    int is_int = c->type == PMML_COL_INT64;
    size_t stride = c->stride ? c->stride : is_int ? sizeof(int64_t) : sizeof(double);
    const char *base = (const char *)c->data + row0 * stride;
    if (!is_int && !c->valid && stride == sizeof(double) && in->datatype == PMML_TYPE_DOUBLE &&
        t->outliers == OUTLIERS_AS_IS && !t->has_missing_replacement &&
        t->missing != MISSING_RETURN_INVALID) {
        /* the common case: the numbers as they are, NaN meaning missing;
         * read in place unless a tree needs them in the register file (the
         * program never writes an input register) */
        if (s->vp->pinned[regno] || (uintptr_t)base % sizeof(double) != 0) {
            memcpy(reg, base, n * sizeof(double));
            s->vs.ptr[regno] = reg;
        } else {
            s->vs.ptr[regno] = (double *)(uintptr_t)base;
        }
        return;
    }
    s->vs.ptr[regno] = reg;
    for (r = 0; r < n; r++) {
        double x;
        if (c->valid && !c->valid[row0 + r]) {
            x = NAN;
        } else if (is_int) {
            int64_t i;
            memcpy(&i, base + r * stride, sizeof i);
            x = (double)i;
        } else {
            memcpy(&x, base + r * stride, sizeof x);
        }
        if (!isnan(x) && in->datatype == PMML_TYPE_INTEGER && x != floor(x))
            ok[r] = 0; /* invalid: the row evaluator applies the treatment */
        else if (prepare_number(in, &x) != 0)
            ok[r] = 0;
        reg[r] = x;
    }
}

/* The same for numbers as text (STRING and STRVIEW columns), parsed as the
 * row evaluator parses them. */
static void load_text(pmml_scorer *s, const pl_input *in, const pmml_column *c, size_t row0,
                      size_t n, uint32_t regno)
{
    double *reg = s->vs.regs + (size_t)regno * VP_BLOCK;
    uint8_t *ok = s->vs.ok;
    size_t r, field = (size_t)(in - s->model->inputs), nnum = 0;
    uint64_t ninvalid = 0;
    int count = s->st_block[field];
    double num[VP_BLOCK]; /* what statistics count: the numbers as read */
    int view = c->type == PMML_COL_STRVIEW;
    size_t stride = c->stride ? c->stride : view ? sizeof(pmml_strview) : sizeof(const char *);
    const char *base = (const char *)c->data + row0 * stride;
    s->vs.ptr[regno] = reg;
    for (r = 0; r < n; r++) {
        const char *p;
        size_t len;
        double x = NAN;
        if (view) {
            pmml_strview sv;
            memcpy(&sv, base + r * stride, sizeof sv);
            p = sv.ptr;
            len = sv.len;
        } else {
            memcpy(&p, base + r * stride, sizeof p);
            len = p ? strlen(p) : 0;
        }
        if (p && !(c->valid && !c->valid[row0 + r])) {
            /* text that is not a number, or is NaN, or is not an integer
             * for an integer field: the row evaluator's case */
            if (pm_parse_double(p, len, &x, NULL) != 0 || isnan(x) ||
                (in->datatype == PMML_TYPE_INTEGER && !(isfinite(x) && x == floor(x)))) {
                ok[r] = 0;
                ninvalid++;
                continue;
            }
        }
        num[nnum++] = x;
        if (prepare_number(in, &x) != 0)
            ok[r] = 0;
        reg[r] = x;
    }
    if (count)
        pmml__stats_numbers(&s->st, s->model, field, num, nnum, ninvalid);
}

/* Reads and scores rows [row0, row0 + n) with the block program. */
/* Asks for the next block of every numeric or code column ahead of time:
 * a wide model reads hundreds of columns, more streams than the hardware
 * prefetcher follows. */
static void prefetch_block(pmml_scorer *s, const pmml_column *columns, size_t row0,
                           size_t nrows)
{
#if defined(__GNUC__)
    const pmml_model *m = s->model;
    size_t i, off;
    if (row0 >= nrows)
        return;
    for (i = 0; i < m->ninputs; i++) {
        const pmml_column *c;
        size_t size, stride, bytes;
        const char *base;
        if (s->loader[i] != LD_FAST && s->loader[i] != LD_CODE)
            continue;
        c = &columns[s->field_col[i]];
        size = c->type == PMML_COL_CODE ? sizeof(int32_t) : sizeof(double);
        stride = c->stride ? c->stride : size;
        if (stride != size)
            continue;
        base = (const char *)c->data + row0 * stride;
        bytes = (nrows - row0 < VP_BLOCK ? nrows - row0 : VP_BLOCK) * stride;
        for (off = 0; off < bytes; off += 64)
            __builtin_prefetch(base + off);
    }
#else
    (void)s, (void)columns, (void)row0, (void)nrows;
#endif
}

static void vec_block(pmml_scorer *s, const pmml_column *columns, size_t row0, size_t n)
{
    const pmml_model *m = s->model;
    const vp_plan *p = s->vp;
    size_t i, r;
    memset(s->vs.ok, 1, n);
    for (i = 0; i < m->ninputs; i++) {
        const pl_input *in = &m->inputs[i];
        long col = s->field_col[i];
        double *reg = s->vs.regs + (size_t)p->inputs[i].reg * VP_BLOCK;
        if (s->loader[i] == LD_CONST)
            continue;
        if (s->loader[i] == LD_FAST) {
            load_fast(s, in, &columns[col], row0, n, p->inputs[i].reg);
            if (s->st_block[i])
                /* while the block comes into cache, before the program
                 * reads it: a wide model's chunk of rows would not stay */
                pmml__stats_plain(&s->st, m, i, (const double *)columns[col].data + row0, n);
            continue;
        }
        if (s->loader[i] == LD_TEXT) {
            load_text(s, in, &columns[col], row0, n, p->inputs[i].reg);
            continue;
        }
        if (s->loader[i] == LD_CODE) {
            const pmml_column *c = &columns[col];
            const code_table *ct = &s->codes[i];
            size_t stride = c->stride ? c->stride : sizeof(int32_t);
            pm_vec_load_codes((const char *)c->data + row0 * stride, stride,
                              c->valid ? c->valid + row0 : NULL, ct->x, ct->bad, ct->n, reg,
                              s->vs.ok, n);
            continue;
        }
        for (r = 0; r < n; r++) {
            pv v;
            s->sc.row_status = PMML_OK;
            v = read_value(s, in, &columns[col], row0 + r);
            if (s->sc.row_status != PMML_OK || !as_register(&v, p->inputs[i].kind, &reg[r]))
                s->vs.ok[r] = 0;
        }
    }
    s->sc.row_status = PMML_OK;
    pm_vec_run(p, &s->vs, n);
}

/* 1 when every one of the n flags is set (they are 0 or 1). */
static int all_set(const uint8_t *ok, size_t n)
{
    uint64_t w, acc = UINT64_C(0x0101010101010101);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, ok + i, sizeof w);
        acc &= w;
    }
    if (acc != UINT64_C(0x0101010101010101))
        return 0;
    for (; i < n; i++)
        if (!ok[i])
            return 0;
    return 1;
}

/* Writes the block's rows that the block program scored, from row `row0`
 * of the results on; a row whose result is not there (NaN: missing) is left
 * to the row evaluator by clearing its ok flag.  Returns 1 when the block
 * program scored every row (none is left to the row evaluator). */
static int vec_write(pmml_scorer *s, pmml_result *results, size_t row0, size_t n,
                     int *row_status)
{
    const pmml_model *m = s->model;
    const vp_plan *p = s->vp;
    uint8_t *ok = s->vs.ok;
    size_t i, j;
    int all;
    for (j = 0; results && j < m->ncolumns; j++)
        if (results[j].data)
            pm_vec_check_nan(ok, s->vs.ptr[p->columns[j].v.reg], n);
    if (s->st_on && m->ncolumns && m->columns[0].is_target && !(results && results[0].data))
        /* a missing prediction is counted by the row evaluator, which
         * scores that row again when the caller does not ask for it */
        pm_vec_check_nan(ok, s->vs.ptr[p->columns[0].v.reg], n);
    all = all_set(ok, n);
    for (j = 0; results && j < m->ncolumns; j++) {
        const vp_column *vc = &p->columns[j];
        const double *x = s->vs.ptr[vc->v.reg];
        pmml_result *res = &results[j];
        if (!res->data)
            continue;
        if (res->type == PMML_COL_DOUBLE && !vc->cat_source && vc->v.kind == VK_NUM) {
            size_t stride = res->stride ? res->stride : sizeof(double);
            char *dst = (char *)res->data + row0 * stride;
            if (all && stride == sizeof(double)) {
                memcpy(dst, x, n * sizeof(double));
                if (res->valid)
                    memset(res->valid + row0, 1, n);
                continue;
            }
            for (i = 0; i < n; i++)
                if (ok[i])
                    memcpy(dst + i * stride, &x[i], sizeof(double));
            if (res->valid)
                for (i = 0; i < n; i++)
                    if (ok[i])
                        res->valid[row0 + i] = 1;
            continue;
        }
        for (i = 0; i < n; i++) {
            pv v;
            int cat = -1;
            if (!ok[i])
                continue;
            if (vc->cat_source) {
                cat = (int)x[i];
                v = vc->model->cats[cat];
                v.st = VS_VALID;
            } else if (vc->v.kind == VK_STR) {
                int32_t id = (int32_t)x[i];
                v = pv_missing();
                v.st = VS_VALID;
                v.t = PMML_TYPE_STRING;
                v.id = id;
                v.s = m->strings.str[id];
                v.len = m->strings.len[id];
            } else {
                v = pv_num(x[i], vc->v.dt);
            }
            if (write_result(s, &m->columns[j], res, row0 + i, &v, cat) != 0) {
                ok[i] = 0; /* the row evaluator tries again and reports it */
                all = 0;
            }
        }
    }
    if (row_status)
        for (i = 0; i < n; i++)
            if (all || ok[i])
                row_status[row0 + i] = PMML_OK;
    if (s->st_on) {
        uint64_t nok = all ? n : 0;
        for (i = 0; !all && i < n; i++)
            nok += ok[i];
        s->st.status[0] += nok;
    }
    return all;
}

static void record_message(pmml_scorer *s, size_t row)
{
    size_t len = strlen(s->sc.row_msg) + 1;
    const pmml_allocator *al = &s->model->al;
    if (s->nmsgs == s->capmsgs) {
        size_t cap = s->capmsgs ? s->capmsgs * 2 : 16;
        rowmsg *m = pm_realloc(al, s->msgs, cap * sizeof *m);
        if (!m)
            return;
        s->msgs = m;
        s->capmsgs = cap;
    }
    if (s->textlen + len > s->textcap) {
        size_t cap = s->textcap ? s->textcap * 2 : 1024;
        char *t;
        while (cap < s->textlen + len)
            cap *= 2;
        t = pm_realloc(al, s->text, cap);
        if (!t)
            return;
        s->text = t;
        s->textcap = cap;
    }
    memcpy(s->text + s->textlen, s->sc.row_msg, len);
    s->msgs[s->nmsgs].row = row;
    s->msgs[s->nmsgs].off = s->textlen;
    s->nmsgs++;
    s->textlen += len;
}

/* One row through the row evaluator. */
static void score_row(pmml_scorer *s, const pmml_column *columns, pmml_result *results,
                      int *row_status, size_t r)
{
    const pmml_model *m = s->model;
    pm_scratch *sc = &s->sc;
    const pl_result *top;
    size_t i, j;
    sc->row_status = PMML_OK;
    sc->stack_top = 0;
    for (i = 0; i < m->ninputs; i++) {
        long col = s->field_col[i];
        read_input(s, &m->inputs[i], col >= 0 ? &columns[col] : NULL, r);
    }
    if (sc->row_status == PMML_OK)
        pm_score_row(m, sc);
    else if (m->naggs)
        pm_aggregates_row_failed(m, sc);
    top = &sc->results[m->top->result];
    for (j = 0; results && j < m->ncolumns; j++) {
        const pl_column *col = &m->columns[j];
        const pv *v;
        int cat = -1;
        if (!results[j].data)
            continue;
        if (sc->row_status != PMML_OK) {
            v = NULL;
        } else if (col->is_target && col->ncands) {
            /* multi-target: the last segment that predicted this target */
            size_t c;
            v = NULL;
            for (c = col->ncands; c-- > 0;) {
                const pl_result *cr = &sc->results[col->cands[c]->result];
                if (cr->st == VS_VALID) {
                    v = &cr->value;
                    cat = cr->cat;
                    break;
                }
            }
        } else if (col->is_target) {
            v = top->st == VS_VALID ? &top->value : NULL;
            cat = top->cat;
        } else {
            v = &sc->vals[col->slot];
        }
        if (write_result(s, col, &results[j], r, v, cat) != 0 && sc->row_status == PMML_OK)
            pm_row_error(sc, PMML_ERR_NOMEM, "out of memory");
    }
    if (row_status)
        row_status[r] = sc->row_status;
    if (sc->row_status != PMML_OK)
        record_message(s, r);
    if (s->st_on) {
        pmml__stats_status(&s->st, sc->row_status);
        if (sc->row_status == PMML_OK && top->st != VS_VALID)
            s->st.missing_results++;
    }
}

/* Which inputs the block loaders count in this batch (s->st_block):
 * numbers read from text, and plain columns of doubles. */
static void block_counts(pmml_scorer *s, const pmml_column *columns)
{
    const pmml_model *m = s->model;
    size_t i;
    if (!s->vp)
        return; /* (nothing allocated either) */
    for (i = 0; i < m->ninputs; i++) {
        const pmml_column *c = s->field_col[i] >= 0 ? &columns[s->field_col[i]] : NULL;
        s->st_block[i] =
            s->st_on &&
            (s->st_text[i] ||
             (s->loader[i] == LD_FAST && c && c->type == PMML_COL_DOUBLE && !c->valid &&
              (c->stride == 0 || c->stride == sizeof(double)) && pmml__stats_plain_field(m, i)));
    }
}

/* Rows whose inputs are counted at once: enough for the vector sums to pay
 * and for the per-field work of each count to vanish (at least ST_CHUNK),
 * few enough that the columns are still in cache (about ST_VALUES values). */
#define ST_CHUNK 256
#define ST_VALUES 16384

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int pmml_scorer_score(pmml_scorer *s, const pmml_column *columns, size_t nrows,
                      pmml_result *results, int *row_status)
{
    const pmml_model *m;
    size_t r, i, j;
    void *locale;
    uint64_t t0 = 0;
    size_t st_row0 = 0, st_chunk;
    int all = 0;
    if (!s)
        return PMML_ERR_ARG;
    m = s->model;
    st_chunk = m->ninputs && ST_VALUES / m->ninputs > ST_CHUNK ? ST_VALUES / m->ninputs : ST_CHUNK;
    if (s->ncols && !columns)
        return PMML_ERR_ARG;
    for (j = 0; j < s->ncols; j++) {
        const pmml_column *c = &columns[j];
        if (c->type != s->cols[j].type || (nrows && !c->data && s->cols[j].field >= 0))
            return PMML_ERR_ARG;
    }
    for (j = 0; results && j < m->ncolumns; j++) {
        const pmml_result *res = &results[j];
        if (!res->data)
            continue;
        if (res->version == 0 || res->version > PMML_RESULT_VERSION ||
            (res->type != PMML_COL_DOUBLE && res->type != PMML_COL_INT64 &&
             res->type != PMML_COL_STRING && res->type != PMML_COL_CODE &&
             res->type != PMML_COL_BOOL))
            return PMML_ERR_ARG;
        if (res->type == PMML_COL_CODE && !m->columns[j].nvalues)
            return PMML_ERR_ARG;
    }
    if (s->st_on)
        t0 = now_ns();
    block_counts(s, columns);
    pm_scratch_reset_strings(&s->sc);
    s->nmsgs = 0;
    s->textlen = 0;
    locale = pm_locale_push();
    for (r = 0; r < nrows; r += VP_BLOCK) {
        size_t n = nrows - r < VP_BLOCK ? nrows - r : VP_BLOCK;
        if (s->vp) {
            if (m->ninputs >= 32)
                prefetch_block(s, columns, r + VP_BLOCK, nrows);
            vec_block(s, columns, r, n);
            all = vec_write(s, results, r, n, row_status);
        }
        for (i = 0; !all && i < n; i++)
            if (!s->vp || !s->vs.ok[i])
                score_row(s, columns, results, row_status, r + i);
        if (s->st_on && (r + n - st_row0 >= st_chunk || r + n == nrows)) {
            /* the inputs again while they are still in cache */
            pmml__stats_inputs(&s->st, m, s->field_col, s->vp ? s->st_block : NULL, columns,
                               st_row0, r + n - st_row0);
            st_row0 = r + n;
        }
    }
    if (s->st_on) {
        pmml__stats_flush(&s->st, m);
        s->st.rows += nrows;
        s->st.batches++;
        pmml__stats_latency(&s->st, now_ns() - t0);
    }
    pm_locale_pop(locale);
    return PMML_OK;
}

int pmml_scorer_stats_enable(pmml_scorer *scorer, int on)
{
    int was;
    if (!scorer)
        return 0;
    was = scorer->st_on;
    scorer->st_on = on != 0;
    return was;
}

void pmml_scorer_stats_reset(pmml_scorer *scorer)
{
    if (scorer)
        pmml__stats_zero(&scorer->st, scorer->model);
}

int pmml_stats_add_scorer(pmml_stats *stats, const pmml_scorer *scorer)
{
    if (!stats || !scorer || stats->model != scorer->model)
        return PMML_ERR_ARG;
    pmml__stats_add(&stats->c, &scorer->st, stats->model);
    return PMML_OK;
}

const char *pmml_scorer_message(const pmml_scorer *s, size_t row)
{
    size_t lo = 0, hi;
    if (!s)
        return NULL;
    hi = s->nmsgs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (s->msgs[mid].row < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->nmsgs && s->msgs[lo].row == row)
        return s->text + s->msgs[lo].off;
    return NULL;
}

/* Points each model's result at its probability storage. */
void pmml__scorer_attach_probs(const pl_model *m, pm_scratch *sc)
{
    pl_result *r = &sc->results[m->result];
    if (m->ncat) {
        r->probs = sc->probs + m->prob_off;
        r->conf = r->probs + m->ncat;
    }
    if (m->type == MODEL_MINING) {
        const pl_mining *mm = m->impl;
        size_t i;
        for (i = 0; i < mm->nsegments; i++)
            pmml__scorer_attach_probs(mm->segments[i].model, sc);
    }
}
