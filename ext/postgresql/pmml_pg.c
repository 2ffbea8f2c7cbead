/*
 * pmml_pg.c - PostgreSQL functions that score rows with PMML models.
 *
 * Models live in the pmml_models table; each backend (and each parallel
 * worker) keeps the compiled models it has used in a small cache keyed by
 * the content hash stored beside the text, so a query over a million rows
 * compiles its model once.  Each call site (one function call in one query)
 * resolves its model name to a hash once per statement, so a model replaced
 * with pmml_model_add() is used from the next statement on.
 *
 * Only the public libpmml API is called.  The library never longjmps and
 * never throws: every call returns a status that is turned into an SQL error
 * after the call, once nothing the library allocated is left unowned.  The
 * library allocates with the C library's malloc (its default allocator):
 * a compiled model is released with pmml_model_free() when it is evicted
 * from the cache, and a scorer with pmml_scorer_free() when the memory
 * context of its call site goes away, on success or error alike.
 */
#include "postgres.h"

#include <math.h>
#include <string.h>

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"
#include "utils/typcache.h"

#include <pmml.h>

PG_MODULE_MAGIC;

/* ------------------------------------------------------------------------ */
/* The per-backend cache of compiled models                                  */
/* ------------------------------------------------------------------------ */

/* How many compiled models a backend keeps when none is in use. */
#define CACHE_SIZE 16
#define HASH_LEN 64 /* sha256 in hex */

typedef struct cache_entry {
    char hash[HASH_LEN + 1];
    pmml_model *model;
    int refs;           /* call sites currently using the model */
    uint64 last_used;   /* for least-recently-used eviction */
    uint64 uses;        /* statements that used it */
} cache_entry;

static cache_entry cache[CACHE_SIZE];
static int cache_count;
static uint64 cache_clock;
static uint64 cache_compiles; /* models compiled by this backend */

static void entry_evict(int i)
{
    pmml_model_free(cache[i].model);
    cache[i] = cache[--cache_count];
    memset(&cache[cache_count], 0, sizeof cache[cache_count]);
}

/* Makes room for one more entry by evicting the least recently used model
 * that no call site holds; false when every slot is held. */
static bool cache_make_room(void)
{
    int i, victim = -1;
    if (cache_count < CACHE_SIZE)
        return true;
    for (i = 0; i < cache_count; i++)
        if (cache[i].refs == 0 && (victim < 0 || cache[i].last_used < cache[victim].last_used))
            victim = i;
    if (victim < 0)
        return false;
    entry_evict(victim);
    return true;
}

static cache_entry *cache_find(const char *hash)
{
    int i;
    for (i = 0; i < cache_count; i++)
        if (strcmp(cache[i].hash, hash) == 0)
            return &cache[i];
    return NULL;
}

/* Reports a load failure as an SQL error.  Nothing is left allocated. */
static void report_load_error(const char *name, const pmml_error *err)
{
    ereport(ERROR,
            (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
             errmsg("PMML model \"%s\" cannot be loaded: %s", name, err->message),
             err->line > 0 ? errdetail("%s line %d%s%s (%s).", name, err->line,
                                       err->element[0] ? ", element " : "", err->element,
                                       pmml_strerror(err->code))
                           : errdetail("%s.", pmml_strerror(err->code))));
}

/* Compiles `text` into a new library model, or raises the PMML error. */
static pmml_model *compile_model(const char *name, const char *text, size_t len)
{
    pmml_model *m = NULL;
    pmml_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = pmml_model_load_memory(&m, text, len, name, NULL, &err);
    if (rc != PMML_OK) {
        if (!err.message[0])
            snprintf(err.message, sizeof err.message, "%s", pmml_strerror(rc));
        report_load_error(name, &err);
    }
    return m;
}

/* ------------------------------------------------------------------------ */
/* Reading the models table                                                  */
/* ------------------------------------------------------------------------ */

/* Schema-qualified name of the models table: the schema the function being
 * called was created in, which is the extension's schema. */
static char *models_table(FunctionCallInfo fcinfo)
{
    Oid ns = get_func_namespace(fcinfo->flinfo->fn_oid);
    char *nsname = get_namespace_name(ns);
    return psprintf("%s.pmml_models", quote_identifier(nsname));
}

/* Looks up `column` of the model called `name`; NULL when there is no such
 * model.  The result is allocated in the caller's memory context. */
static text *models_lookup(FunctionCallInfo fcinfo, const char *name, const char *column)
{
    MemoryContext outer = CurrentMemoryContext;
    char *sql = psprintf("SELECT %s FROM %s WHERE name = $1", column, models_table(fcinfo));
    Oid argtypes[1] = {TEXTOID};
    Datum args[1];
    text *result = NULL;
    int rc;

    args[0] = CStringGetTextDatum(name);
    if (SPI_connect() != SPI_OK_CONNECT)
        elog(ERROR, "pmml: SPI_connect failed");
    rc = SPI_execute_with_args(sql, 1, argtypes, args, NULL, true, 1);
    if (rc != SPI_OK_SELECT)
        elog(ERROR, "pmml: reading the models table failed: %s", SPI_result_code_string(rc));
    if (SPI_processed == 1) {
        bool isnull;
        Datum d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
        if (!isnull) {
            MemoryContext spi = MemoryContextSwitchTo(outer);
            result = DatumGetTextPCopy(d);
            MemoryContextSwitchTo(spi);
        }
    }
    SPI_finish();
    return result;
}

/* The cache entry for model `name` as the table holds it now, compiled if
 * this backend has not seen that version; one reference is taken. */
static cache_entry *model_acquire(FunctionCallInfo fcinfo, const char *name)
{
    text *hash = models_lookup(fcinfo, name, "hash");
    char hex[HASH_LEN + 1];
    cache_entry *e;

    if (!hash)
        ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                        errmsg("PMML model \"%s\" does not exist", name),
                        errhint("Add it with pmml_model_add(name, pmml).")));
    text_to_cstring_buffer(hash, hex, sizeof hex);
    e = cache_find(hex);
    if (!e) {
        text *doc = models_lookup(fcinfo, name, "pmml");
        pmml_model *m;
        if (!doc)
            ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
                            errmsg("PMML model \"%s\" does not exist", name)));
        if (!cache_make_room())
            ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
                            errmsg("more than %d PMML models are in use at once", CACHE_SIZE)));
        m = compile_model(name, VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc));
        cache_compiles++;
        e = &cache[cache_count++];
        memset(e, 0, sizeof *e);
        strlcpy(e->hash, hex, sizeof e->hash);
        e->model = m;
    }
    e->refs++;
    e->uses++;
    e->last_used = ++cache_clock;
    return e;
}

/* ------------------------------------------------------------------------ */
/* Call sites                                                                */
/* ------------------------------------------------------------------------ */

enum { IN_JSONB, IN_ROW };

/* How one attribute of a composite row feeds the scorer. */
typedef struct attr_bind {
    int col;       /* scorer column, or -1 when the attribute feeds no input */
    Oid type;
    Oid outfunc;   /* text output function for types read as text */
} attr_bind;

/* The state of one call site, kept in fn_extra for as long as the query:
 * the model it uses (with a reference on its cache entry), a scorer bound to
 * the shape of its input rows, and the buffers of one row. */
typedef struct call_state {
    char *name;                /* model name the state was made for */
    LocalTransactionId lxid;   /* statement the name was resolved in */
    CommandId cid;
    pmml_model *model;         /* held through a reference on the cache
                                  entry of `hash`; NULL once released */
    char hash[HASH_LEN + 1];
    pmml_scorer *scorer;
    int input_kind;

    /* input columns, one row each */
    size_t ncols;
    pmml_column *cols;
    double *dbl;
    int64 *i64;
    uint8 *bools;
    pmml_strview *views;
    const char **strs;
    uint8 *valid;

    /* composite rows: the row type the binding was made for */
    Oid row_type;
    int32 row_typmod;
    int natts;
    attr_bind *attrs;
    Datum *values;
    bool *nulls;

    /* results */
    bool predict;              /* only the predicted value, as a double */
    double pred;
    size_t nout;
    pmml_result *res;
    const char **out_str;
    uint8 *out_valid;
    int *out_kind;

    /* record results: the tuple descriptor and where each column comes from */
    TupleDesc rec_desc;
    int *rec_out;
    FmgrInfo *rec_in;
    Oid *rec_ioparam;

    MemoryContextCallback cb;
} call_state;

/* Drops what the state holds outside PostgreSQL's memory: the scorer and
 * the reference on the cached model.  Runs when the call site's memory
 * context is reset or deleted, at the end of the query or on error. */
static void state_release(void *arg)
{
    call_state *st = arg;
    pmml_scorer_free(st->scorer);
    st->scorer = NULL;
    if (st->model) {
        /* found again by hash: entries move when another one is evicted */
        cache_entry *e = cache_find(st->hash);
        if (e && e->refs > 0)
            e->refs--;
        st->model = NULL;
    }
}

/* Forgets the model and binding of a state (its memory stays in the
 * call site's context until the query ends). */
static void state_reset(call_state *st)
{
    state_release(st);
    st->ncols = 0;
    st->nout = 0;
    st->natts = 0;
    st->row_type = InvalidOid;
    st->rec_desc = NULL;
}

/* Result buffers: every result column as the library's own text, which is
 * what the pmml command writes; or, for pmml_predict(), the predicted value
 * alone as a number. */
static void bind_results(call_state *st, MemoryContext mcxt)
{
    const pmml_model *m = st->model;
    size_t j;
    st->nout = pmml_model_output_count(m);
    st->res = MemoryContextAllocZero(mcxt, sizeof(pmml_result) * (st->nout + 1));
    st->out_str = MemoryContextAllocZero(mcxt, sizeof(char *) * (st->nout + 1));
    st->out_valid = MemoryContextAllocZero(mcxt, st->nout + 1);
    st->out_kind = MemoryContextAllocZero(mcxt, sizeof(int) * (st->nout + 1));
    for (j = 0; j < st->nout; j++) {
        pmml_result r = PMML_RESULT_INIT;
        r.type = PMML_COL_STRING;
        r.data = &st->out_str[j];
        r.valid = &st->out_valid[j];
        if (st->predict) {
            r.type = PMML_COL_DOUBLE;
            r.data = j == 0 ? (void *)&st->pred : NULL; /* NULL: not computed */
        }
        st->res[j] = r;
        st->out_kind[j] = pmml_datatype_json_kind(pmml_model_output_datatype(m, j));
    }
}

static void alloc_columns(call_state *st, MemoryContext mcxt, size_t n)
{
    st->ncols = n;
    st->cols = MemoryContextAllocZero(mcxt, sizeof(pmml_column) * (n + 1));
    st->dbl = MemoryContextAllocZero(mcxt, sizeof(double) * (n + 1));
    st->i64 = MemoryContextAllocZero(mcxt, sizeof(int64) * (n + 1));
    st->bools = MemoryContextAllocZero(mcxt, n + 1);
    st->views = MemoryContextAllocZero(mcxt, sizeof(pmml_strview) * (n + 1));
    st->strs = MemoryContextAllocZero(mcxt, sizeof(char *) * (n + 1));
    st->valid = MemoryContextAllocZero(mcxt, n + 1);
}

static void make_scorer(call_state *st)
{
    pmml_error err;
    int rc;
    memset(&err, 0, sizeof err);
    rc = pmml_scorer_new(&st->scorer, st->model, st->cols, st->ncols, &err);
    if (rc != PMML_OK) {
        st->scorer = NULL;
        ereport(ERROR, (errcode(ERRCODE_DATA_EXCEPTION),
                        errmsg("PMML model \"%s\": %s", st->name,
                               err.message[0] ? err.message : pmml_strerror(rc))));
    }
}

/* jsonb rows: one text column per input field of the model, read by key. */
static void bind_jsonb(call_state *st, MemoryContext mcxt)
{
    const pmml_model *m = st->model;
    size_t i, n = pmml_model_input_count(m);
    alloc_columns(st, mcxt, n);
    for (i = 0; i < n; i++) {
        pmml_column c = PMML_COLUMN_INIT;
        c.type = PMML_COL_STRVIEW;
        c.name = pmml_model_input_name(m, i);
        c.data = &st->views[i];
        c.valid = &st->valid[i];
        st->cols[i] = c;
    }
    make_scorer(st);
}

/* The input field that column `name` feeds: the field of that name, else
 * the one field whose name matches ignoring case (PostgreSQL folds unquoted
 * column names to lower case); -1 when none does. */
static long match_input(const pmml_model *m, const char *name)
{
    long k = pmml_model_input_index(m, name);
    size_t i, n;
    if (k >= 0)
        return k;
    n = pmml_model_input_count(m);
    for (i = 0; i < n; i++)
        if (pg_strcasecmp(pmml_model_input_name(m, i), name) == 0) {
            if (k >= 0)
                return -1; /* ambiguous */
            k = (long)i;
        }
    return k;
}

/* Composite rows: one column per attribute that names an input field,
 * typed after the attribute. */
static void bind_row(call_state *st, MemoryContext mcxt, TupleDesc td)
{
    const pmml_model *m = st->model;
    int a;
    size_t n = 0;
    alloc_columns(st, mcxt, (size_t)td->natts);
    st->natts = td->natts;
    st->attrs = MemoryContextAllocZero(mcxt, sizeof(attr_bind) * (td->natts + 1));
    st->values = MemoryContextAllocZero(mcxt, sizeof(Datum) * (td->natts + 1));
    st->nulls = MemoryContextAllocZero(mcxt, sizeof(bool) * (td->natts + 1));
    for (a = 0; a < td->natts; a++) {
        Form_pg_attribute att = TupleDescAttr(td, a);
        attr_bind *ab = &st->attrs[a];
        pmml_column c = PMML_COLUMN_INIT;
        long k;
        ab->col = -1;
        if (att->attisdropped)
            continue;
        k = match_input(m, NameStr(att->attname));
        if (k < 0)
            continue;
        ab->type = att->atttypid;
        c.name = pmml_model_input_name(m, (size_t)k);
        c.valid = &st->valid[n];
        switch (att->atttypid) {
        case FLOAT8OID:
        case FLOAT4OID:
        case NUMERICOID:
            c.type = PMML_COL_DOUBLE;
            c.data = &st->dbl[n];
            break;
        case INT2OID:
        case INT4OID:
        case INT8OID:
            c.type = PMML_COL_INT64;
            c.data = &st->i64[n];
            break;
        case BOOLOID:
            c.type = PMML_COL_BOOL;
            c.data = &st->bools[n];
            break;
        case TEXTOID:
        case VARCHAROID:
        case BPCHAROID:
            c.type = PMML_COL_STRVIEW;
            c.data = &st->views[n];
            break;
        default: {
            bool isvarlena;
            getTypeOutputInfo(att->atttypid, &ab->outfunc, &isvarlena);
            c.type = PMML_COL_STRING;
            c.data = &st->strs[n];
            break;
        }
        }
        st->cols[n] = c;
        ab->col = (int)n++;
    }
    st->ncols = n;
    make_scorer(st);
}

static void state_bind_model(call_state *st, FunctionCallInfo fcinfo, const char *name)
{
    MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
    st->name = MemoryContextStrdup(mcxt, name);
    {
        cache_entry *e = model_acquire(fcinfo, name);
        strlcpy(st->hash, e->hash, sizeof st->hash);
        st->model = e->model;
    }
    if (pmml_model_is_sequential(st->model))
        /* SQL fixes no order of rows, and a parallel plan splits them */
        ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                        errmsg("PMML model \"%s\" cannot score rows one at a time: the result "
                               "of a row depends on the rows before it",
                               name)));
    st->lxid = MyProc->lxid;
    st->cid = GetCurrentCommandId(false);
    bind_results(st, mcxt);
}

/* The state of this call site, bound to the current version of `name`.
 * The name is resolved again in each new statement, so a replaced model is
 * picked up by the next statement, never in the middle of one. */
static call_state *get_state(FunctionCallInfo fcinfo, const char *name, int input_kind,
                             bool predict)
{
    MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
    call_state *st = fcinfo->flinfo->fn_extra;

    if (!st) {
        st = MemoryContextAllocZero(mcxt, sizeof *st);
        st->cb.func = state_release;
        st->cb.arg = st;
        MemoryContextRegisterResetCallback(mcxt, &st->cb);
        fcinfo->flinfo->fn_extra = st;
    }
    if (st->model && (strcmp(st->name, name) != 0 || st->input_kind != input_kind)) {
        state_reset(st);
    } else if (st->model &&
               (st->lxid != MyProc->lxid || st->cid != GetCurrentCommandId(false))) {
        /* a new statement: is the model still the version we hold? */
        text *hash = models_lookup(fcinfo, name, "hash");
        char hex[HASH_LEN + 1];
        if (hash)
            text_to_cstring_buffer(hash, hex, sizeof hex);
        if (!hash || strcmp(hex, st->hash) != 0)
            state_reset(st);
        else {
            st->lxid = MyProc->lxid;
            st->cid = GetCurrentCommandId(false);
        }
    }
    if (!st->model) {
        st->input_kind = input_kind;
        st->predict = predict;
        state_bind_model(st, fcinfo, name);
        if (input_kind == IN_JSONB)
            bind_jsonb(st, mcxt);
    }
    return st;
}

/* ------------------------------------------------------------------------ */
/* Filling one row                                                           */
/* ------------------------------------------------------------------------ */

static void fill_jsonb(call_state *st, Jsonb *jb)
{
    size_t i;
    if (!JB_ROOT_IS_OBJECT(jb) || JB_ROOT_IS_SCALAR(jb))
        ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                        errmsg("a row to score must be a JSON object")));
    for (i = 0; i < st->ncols; i++) {
        const char *key = st->cols[i].name;
        JsonbValue vbuf, *v;
        st->valid[i] = 0;
        st->views[i].ptr = NULL;
        st->views[i].len = 0;
        v = getKeyJsonValueFromContainer(&jb->root, key, strlen(key), &vbuf);
        if (!v)
            continue;
        switch (v->type) {
        case jbvNull:
            break;
        case jbvString:
            /* an empty string is a present value, as the pmml command's quoted "" */
            st->views[i].ptr = v->val.string.len ? v->val.string.val : "";
            st->views[i].len = (size_t)v->val.string.len;
            st->valid[i] = 1;
            break;
        case jbvNumeric: {
            char *s = DatumGetCString(
                DirectFunctionCall1(numeric_out, NumericGetDatum(v->val.numeric)));
            st->views[i].ptr = s;
            st->views[i].len = strlen(s);
            st->valid[i] = 1;
            break;
        }
        case jbvBool:
            st->views[i].ptr = v->val.boolean ? "true" : "false";
            st->views[i].len = v->val.boolean ? 4 : 5;
            st->valid[i] = 1;
            break;
        default:
            ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
                            errmsg("input field \"%s\" of PMML model \"%s\" is a JSON "
                                   "object or array, not a value",
                                   key, st->name)));
        }
    }
}

static void fill_row(call_state *st, FunctionCallInfo fcinfo, HeapTupleHeader rec)
{
    Oid type = HeapTupleHeaderGetTypeId(rec);
    int32 typmod = HeapTupleHeaderGetTypMod(rec);
    TupleDesc td = lookup_rowtype_tupdesc(type, typmod);
    HeapTupleData tuple;
    Datum *values;
    bool *nulls;
    int a;

    if (!st->scorer || st->row_type != type || st->row_typmod != typmod || st->natts != td->natts) {
        pmml_scorer_free(st->scorer);
        st->scorer = NULL;
        PG_TRY();
        {
            bind_row(st, fcinfo->flinfo->fn_mcxt, td);
        }
        PG_CATCH();
        {
            ReleaseTupleDesc(td);
            PG_RE_THROW();
        }
        PG_END_TRY();
        st->row_type = type;
        st->row_typmod = typmod;
    }
    tuple.t_len = HeapTupleHeaderGetDatumLength(rec);
    ItemPointerSetInvalid(&tuple.t_self);
    tuple.t_tableOid = InvalidOid;
    tuple.t_data = rec;
    values = st->values;
    nulls = st->nulls;
    heap_deform_tuple(&tuple, td, values, nulls);
    ReleaseTupleDesc(td);

    for (a = 0; a < st->natts; a++) {
        const attr_bind *ab = &st->attrs[a];
        int c = ab->col;
        if (c < 0)
            continue;
        st->valid[c] = !nulls[a];
        if (nulls[a]) {
            st->views[c].ptr = NULL;
            st->strs[c] = NULL;
            continue;
        }
        switch (ab->type) {
        case FLOAT8OID:
            st->dbl[c] = DatumGetFloat8(values[a]);
            break;
        case FLOAT4OID:
            /* through its shortest text, as the float4 reads in a CSV file */
            st->dbl[c] = strtod(DatumGetCString(DirectFunctionCall1(float4out, values[a])), NULL);
            break;
        case NUMERICOID:
            st->dbl[c] = DatumGetFloat8(DirectFunctionCall1(numeric_float8, values[a]));
            break;
        case INT2OID:
            st->i64[c] = DatumGetInt16(values[a]);
            break;
        case INT4OID:
            st->i64[c] = DatumGetInt32(values[a]);
            break;
        case INT8OID:
            st->i64[c] = DatumGetInt64(values[a]);
            break;
        case BOOLOID:
            st->bools[c] = DatumGetBool(values[a]) ? 1 : 0;
            break;
        case TEXTOID:
        case VARCHAROID: {
            text *t = DatumGetTextPP(values[a]);
            st->views[c].ptr = VARDATA_ANY(t);
            st->views[c].len = VARSIZE_ANY_EXHDR(t);
            break;
        }
        case BPCHAROID: {
            /* char(n) pads with blanks that are not part of the value */
            text *t = DatumGetTextPP(values[a]);
            size_t len = VARSIZE_ANY_EXHDR(t);
            const char *p = VARDATA_ANY(t);
            while (len > 0 && p[len - 1] == ' ')
                len--;
            st->views[c].ptr = p;
            st->views[c].len = len;
            break;
        }
        default:
            st->strs[c] = OidOutputFunctionCall(ab->outfunc, values[a]);
            break;
        }
    }
}

/* Scores the row in the state's buffers; a failed row is an SQL error with
 * the library's message. */
static void score_row(call_state *st)
{
    int status = PMML_OK;
    int rc = pmml_scorer_score(st->scorer, st->cols, 1, st->res, &status);
    if (rc != PMML_OK)
        ereport(ERROR, (errcode(ERRCODE_INTERNAL_ERROR),
                        errmsg("PMML model \"%s\": %s", st->name, pmml_strerror(rc))));
    if (status != PMML_OK) {
        const char *msg = pmml_scorer_message(st->scorer, 0);
        ereport(ERROR, (errcode(ERRCODE_DATA_EXCEPTION),
                        errmsg("PMML model \"%s\" cannot score the row: %s", st->name,
                               msg ? msg : pmml_strerror(status)),
                        errdetail("%s.", pmml_strerror(status))));
    }
}

/* JSON text: the row as jsonb (an untyped literal row takes this form). */
#define IN_TEXT (-1)

static call_state *score_args(FunctionCallInfo fcinfo, int input_kind, bool predict)
{
    char *name = text_to_cstring(PG_GETARG_TEXT_PP(0));
    call_state *st =
        get_state(fcinfo, name, input_kind == IN_TEXT ? IN_JSONB : input_kind, predict);
    if (input_kind == IN_TEXT)
        fill_jsonb(st, DatumGetJsonbP(DirectFunctionCall1(
                           jsonb_in, CStringGetDatum(text_to_cstring(PG_GETARG_TEXT_PP(1))))));
    else if (input_kind == IN_JSONB)
        fill_jsonb(st, PG_GETARG_JSONB_P(1));
    else
        fill_row(st, fcinfo, PG_GETARG_HEAPTUPLEHEADER(1));
    score_row(st);
    return st;
}

/* ------------------------------------------------------------------------ */
/* Results                                                                   */
/* ------------------------------------------------------------------------ */

/* A JSON number as RFC 8259 spells it (NaN and the infinities are not). */
static bool is_json_number(const char *s)
{
    const char *p = s;
    if (*p == '-')
        p++;
    if (!isdigit((unsigned char)*p) || (p[0] == '0' && isdigit((unsigned char)p[1])))
        return false;
    while (isdigit((unsigned char)*p))
        p++;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

/* All result columns as a JSON object, written as `pmml score --format
 * jsonl` writes them: numbers as numbers, booleans as booleans, a missing
 * result as null. */
static Datum results_jsonb(call_state *st)
{
    StringInfoData buf;
    size_t j;
    const pmml_model *m = st->model;
    initStringInfo(&buf);
    appendStringInfoChar(&buf, '{');
    for (j = 0; j < st->nout; j++) {
        const char *v = st->out_valid[j] ? st->out_str[j] : NULL;
        if (j)
            appendStringInfoChar(&buf, ',');
        escape_json(&buf, pmml_model_output_name(m, j));
        appendStringInfoChar(&buf, ':');
        if (!v)
            appendStringInfoString(&buf, "null");
        else if ((st->out_kind[j] == PMML_JSON_NUMBER && is_json_number(v)) ||
                 (st->out_kind[j] == PMML_JSON_BOOLEAN &&
                  (strcmp(v, "true") == 0 || strcmp(v, "false") == 0)))
            appendStringInfoString(&buf, v);
        else
            escape_json(&buf, v);
    }
    appendStringInfoChar(&buf, '}');
    return DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data));
}

/* The predicted value: the first result column, as a number. */
static Datum result_predict(FunctionCallInfo fcinfo, call_state *st)
{
    if (st->nout == 0 || st->out_kind[0] != PMML_JSON_NUMBER)
        ereport(ERROR, (errcode(ERRCODE_DATATYPE_MISMATCH),
                        errmsg("PMML model \"%s\" does not predict a number", st->name),
                        errhint("Use pmml_score() for its results.")));
    if (!st->out_valid[0])
        PG_RETURN_NULL();
    PG_RETURN_FLOAT8(st->pred);
}

/* The index of the result column called `name` (exactly, else ignoring
 * case), or -1. */
static int match_output(const pmml_model *m, const char *name)
{
    size_t j, n = pmml_model_output_count(m);
    int k = -1;
    for (j = 0; j < n; j++)
        if (strcmp(pmml_model_output_name(m, j), name) == 0)
            return (int)j;
    for (j = 0; j < n; j++)
        if (pg_strcasecmp(pmml_model_output_name(m, j), name) == 0) {
            if (k >= 0)
                return -1;
            k = (int)j;
        }
    return k;
}

/* Results as a record whose columns the caller declares: each column takes
 * the result of the same name, converted with the column type's input
 * function. */
static Datum results_record(FunctionCallInfo fcinfo, call_state *st)
{
    Datum *values;
    bool *nulls;
    int a;
    TupleDesc td;

    if (!st->rec_desc) {
        MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
        MemoryContext old;
        const pmml_model *m = st->model;
        if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
            ereport(ERROR,
                    (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
                     errmsg("pmml_score_record() needs a column definition list"),
                     errhint("Call it in FROM: pmml_score_record(model, row) AS r(col type, "
                             "...); pmml_model_columns(model) gives one.")));
        old = MemoryContextSwitchTo(mcxt);
        st->rec_desc = CreateTupleDescCopy(td);
        BlessTupleDesc(st->rec_desc);
        MemoryContextSwitchTo(old);
        st->rec_out = MemoryContextAllocZero(mcxt, sizeof(int) * (td->natts + 1));
        st->rec_in = MemoryContextAllocZero(mcxt, sizeof(FmgrInfo) * (td->natts + 1));
        st->rec_ioparam = MemoryContextAllocZero(mcxt, sizeof(Oid) * (td->natts + 1));
        for (a = 0; a < td->natts; a++) {
            Form_pg_attribute att = TupleDescAttr(td, a);
            Oid infunc;
            int k;
            if (att->attisdropped) {
                st->rec_out[a] = -1;
                continue;
            }
            k = match_output(m, NameStr(att->attname));
            if (k < 0)
                ereport(ERROR, (errcode(ERRCODE_UNDEFINED_COLUMN),
                                errmsg("PMML model \"%s\" has no result column \"%s\"",
                                       st->name, NameStr(att->attname)),
                                errhint("pmml_model_columns('%s') lists them.", st->name)));
            st->rec_out[a] = k;
            getTypeInputInfo(att->atttypid, &infunc, &st->rec_ioparam[a]);
            fmgr_info_cxt(infunc, &st->rec_in[a], mcxt);
        }
    }
    td = st->rec_desc;
    values = palloc0(sizeof(Datum) * (td->natts + 1));
    nulls = palloc0(sizeof(bool) * (td->natts + 1));
    for (a = 0; a < td->natts; a++) {
        int k = st->rec_out[a];
        const char *v = k >= 0 && st->out_valid[k] ? st->out_str[k] : NULL;
        Form_pg_attribute att = TupleDescAttr(td, a);
        nulls[a] = v == NULL;
        values[a] = InputFunctionCall(&st->rec_in[a], (char *)v, st->rec_ioparam[a],
                                      att->atttypmod);
    }
    return HeapTupleGetDatum(heap_form_tuple(td, values, nulls));
}

/* ------------------------------------------------------------------------ */
/* SQL-callable functions                                                    */
/* ------------------------------------------------------------------------ */

PG_FUNCTION_INFO_V1(pmml_score_jsonb);
PG_FUNCTION_INFO_V1(pmml_score_row);
PG_FUNCTION_INFO_V1(pmml_predict_jsonb);
PG_FUNCTION_INFO_V1(pmml_predict_row);
PG_FUNCTION_INFO_V1(pmml_score_record_jsonb);
PG_FUNCTION_INFO_V1(pmml_score_record_row);
PG_FUNCTION_INFO_V1(pmml_score_text);
PG_FUNCTION_INFO_V1(pmml_predict_text);
PG_FUNCTION_INFO_V1(pmml_score_record_text);
PG_FUNCTION_INFO_V1(pmml_check);
PG_FUNCTION_INFO_V1(pmml_describe);
PG_FUNCTION_INFO_V1(pmml_cache);

Datum pmml_score_jsonb(PG_FUNCTION_ARGS)
{
    return results_jsonb(score_args(fcinfo, IN_JSONB, false));
}

Datum pmml_score_row(PG_FUNCTION_ARGS)
{
    return results_jsonb(score_args(fcinfo, IN_ROW, false));
}

Datum pmml_predict_jsonb(PG_FUNCTION_ARGS)
{
    return result_predict(fcinfo, score_args(fcinfo, IN_JSONB, true));
}

Datum pmml_predict_row(PG_FUNCTION_ARGS)
{
    return result_predict(fcinfo, score_args(fcinfo, IN_ROW, true));
}

Datum pmml_score_record_jsonb(PG_FUNCTION_ARGS)
{
    return results_record(fcinfo, score_args(fcinfo, IN_JSONB, false));
}

Datum pmml_score_record_row(PG_FUNCTION_ARGS)
{
    return results_record(fcinfo, score_args(fcinfo, IN_ROW, false));
}

Datum pmml_score_text(PG_FUNCTION_ARGS)
{
    return results_jsonb(score_args(fcinfo, IN_TEXT, false));
}

Datum pmml_predict_text(PG_FUNCTION_ARGS)
{
    return result_predict(fcinfo, score_args(fcinfo, IN_TEXT, true));
}

Datum pmml_score_record_text(PG_FUNCTION_ARGS)
{
    return results_record(fcinfo, score_args(fcinfo, IN_TEXT, false));
}

/* pmml_check(pmml text, name text DEFAULT 'document') RETURNS text: loads
 * the document and returns its model type, or raises the PMML error, which
 * calls the document `name`. */
Datum pmml_check(PG_FUNCTION_ARGS)
{
    text *doc;
    char *name;
    pmml_model *m;
    text *volatile type = NULL;

    if (PG_ARGISNULL(0))
        PG_RETURN_NULL();
    doc = PG_GETARG_TEXT_PP(0);
    name = PG_NARGS() > 1 && !PG_ARGISNULL(1) ? text_to_cstring(PG_GETARG_TEXT_PP(1))
                                                     : "document";
    m = compile_model(name, VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc));
    PG_TRY();
    {
        type = cstring_to_text(pmml_model_type(m));
    }
    PG_FINALLY();
    {
        pmml_model_free(m);
    }
    PG_END_TRY();
    PG_RETURN_TEXT_P(type);
}

/*
 * pmml_describe(pmml text) RETURNS TABLE(kind text, position int, field
 * text, datatype text, optype text, "values" text[]): the input fields and
 * result columns of a model, in the order scoring uses them.
 */
Datum pmml_describe(PG_FUNCTION_ARGS)
{
    ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
    text *doc = PG_GETARG_TEXT_PP(0);
    pmml_model *m;
    int pass;

    InitMaterializedSRF(fcinfo, 0);
    m = compile_model("document", VARDATA_ANY(doc), VARSIZE_ANY_EXHDR(doc));
    /* an error below (out of memory) must not leak the model */
    PG_TRY();
    {
    for (pass = 0; pass < 2; pass++) {
        size_t i, n = pass == 0 ? pmml_model_input_count(m) : pmml_model_output_count(m);
        for (i = 0; i < n; i++) {
            Datum values[6];
            bool nulls[6] = {false, false, false, false, false, false};
            size_t j, nv = pass == 0 ? pmml_model_input_value_count(m, i)
                                     : pmml_model_output_value_count(m, i);
            int dt = pass == 0 ? pmml_model_input_datatype(m, i)
                               : pmml_model_output_datatype(m, i);
            int ot = pass == 0 ? pmml_model_input_optype(m, i) : pmml_model_output_optype(m, i);
            values[0] = CStringGetTextDatum(pass == 0 ? "input" : "output");
            values[1] = Int32GetDatum((int32)i + 1);
            values[2] = CStringGetTextDatum(pass == 0 ? pmml_model_input_name(m, i)
                                                   : pmml_model_output_name(m, i));
            values[3] = CStringGetTextDatum(pmml_datatype_name(dt));
            values[4] = CStringGetTextDatum(pmml_optype_name(ot));
            if (nv == 0) {
                nulls[5] = true;
                values[5] = (Datum)0;
            } else {
                Datum *elems = palloc(sizeof(Datum) * nv);
                for (j = 0; j < nv; j++)
                    elems[j] = CStringGetTextDatum(pass == 0 ? pmml_model_input_value(m, i, j)
                                                             : pmml_model_output_value(m, i, j));
                values[5] = PointerGetDatum(construct_array(elems, (int)nv, TEXTOID, -1, false,
                                                            TYPALIGN_INT));
            }
            tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
        }
    }
    }
    PG_FINALLY();
    {
        pmml_model_free(m);
    }
    PG_END_TRY();
    return (Datum)0;
}

/*
 * pmml_cache() RETURNS TABLE(hash text, in_use int, statements bigint,
 * memory_bytes bigint, compiles bigint): this backend's compiled models,
 * and how many models it has compiled in all.
 */
Datum pmml_cache(PG_FUNCTION_ARGS)
{
    ReturnSetInfo *rsinfo = (ReturnSetInfo *)fcinfo->resultinfo;
    int i;
    InitMaterializedSRF(fcinfo, 0);
    for (i = 0; i < cache_count; i++) {
        Datum values[5];
        bool nulls[5] = {false, false, false, false, false};
        values[0] = CStringGetTextDatum(cache[i].hash);
        values[1] = Int32GetDatum(cache[i].refs);
        values[2] = Int64GetDatum((int64)cache[i].uses);
        values[3] = Int64GetDatum((int64)pmml_model_memory_bytes(cache[i].model));
        values[4] = Int64GetDatum((int64)cache_compiles);
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
    }
    return (Datum)0;
}
