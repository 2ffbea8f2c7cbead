/*
 * pmml_sqlite.c - a SQLite loadable extension that scores rows with PMML
 * models through libpmml.
 *
 *   .load ./pmml
 *   SELECT pmml_score(model, json_object('x1', x1, 'x2', x2)) FROM t;
 *   SELECT pmml_predict(model, row_json) FROM t;
 *
 * The model argument is the PMML document itself, as text or a blob (read
 * it with readfile() or keep it in a table).  Each connection keeps the
 * models it has compiled in a small cache keyed by a hash of the document
 * (the bytes are compared too), and a statement whose model argument is
 * constant keeps its model in sqlite3_set_auxdata(), so a query over a
 * million rows neither compiles nor hashes the document more than once.
 *
 * Only the public libpmml API is called.  Everything the library allocates
 * is released by pmml_model_free()/pmml_scorer_free() when a model leaves
 * the cache or the connection closes.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pmml.h>

/* Compiled models a connection keeps when none is in use. */
#define CACHE_SIZE 8

typedef struct model_entry {
    struct model_entry *next;
    uint64_t hash;
    size_t len;
    char *doc;              /* a copy of the document, to rule out collisions */
    pmml_model *model;
    pmml_scorer *scorer;    /* every input a text column; one row at a time */
    size_t nin, nout;
    pmml_column *cols;
    pmml_strview *views;
    uint8_t *valid;
    pmml_result *res;
    const char **out_str;
    uint8_t *out_valid;
    int *out_kind;
    int refs;               /* statements holding it through auxdata */
    uint64_t last_used;
} model_entry;

typedef struct model_cache {
    int owners;             /* the functions sharing it */
    model_entry *head;
    int count;
    uint64_t clock;
} model_cache;

/* 64-bit FNV-1a: cheap, and the cache compares the bytes on a hit. */
static uint64_t doc_hash(const unsigned char *p, size_t n)
{
    uint64_t h = 14695981039346656037u;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211u;
    }
    return h;
}

static void entry_free(model_entry *e)
{
    if (!e)
        return;
    pmml_scorer_free(e->scorer);
    pmml_model_free(e->model);
    sqlite3_free(e->doc);
    sqlite3_free(e->cols);
    sqlite3_free(e->views);
    sqlite3_free(e->valid);
    sqlite3_free(e->res);
    sqlite3_free(e->out_str);
    sqlite3_free(e->out_valid);
    sqlite3_free(e->out_kind);
    sqlite3_free(e);
}

static void cache_destroy(void *p)
{
    model_cache *c = p;
    model_entry *e, *next;
    if (!c || --c->owners > 0)
        return;
    for (e = c->head; e; e = next) {
        next = e->next;
        entry_free(e);
    }
    sqlite3_free(c);
}

/* Evicts least recently used models that no statement holds until the
 * cache has room for one more. */
static void cache_trim(model_cache *c)
{
    while (c->count >= CACHE_SIZE) {
        model_entry **pp, **victim = NULL;
        for (pp = &c->head; *pp; pp = &(*pp)->next)
            if ((*pp)->refs == 0 && (!victim || (*pp)->last_used < (*victim)->last_used))
                victim = pp;
        if (!victim)
            return;
        {
            model_entry *e = *victim;
            *victim = e->next;
            entry_free(e);
            c->count--;
        }
    }
}

/* Compiles a document into a new entry with a scorer that reads every input
 * field as text; NULL with *msg set (sqlite3_malloc'd) on failure. */
static model_entry *entry_new(const void *doc, size_t len, uint64_t hash, char **msg)
{
    model_entry *e = sqlite3_malloc(sizeof *e);
    pmml_error err;
    size_t i;
    int rc;

    *msg = NULL;
    if (!e)
        return NULL;
    memset(e, 0, sizeof *e);
    memset(&err, 0, sizeof err);
    e->hash = hash;
    e->len = len;
    rc = pmml_model_load_memory(&e->model, doc, len, "model", NULL, &err);
    if (rc != PMML_OK) {
        if (err.line > 0)
            *msg = sqlite3_mprintf("pmml: the model cannot be loaded: %s (line %d)",
                                   err.message[0] ? err.message : pmml_strerror(rc), err.line);
        else
            *msg = sqlite3_mprintf("pmml: the model cannot be loaded: %s",
                                   err.message[0] ? err.message : pmml_strerror(rc));
        goto fail;
    }
    if (pmml_model_is_sequential(e->model)) {
        /* its results depend on the order of rows, which SQL does not fix */
        *msg = sqlite3_mprintf("pmml: this %s cannot score rows one at a time: the result of "
                               "a row depends on the rows before it",
                               pmml_model_type(e->model));
        goto fail;
    }
    e->nin = pmml_model_input_count(e->model);
    e->nout = pmml_model_output_count(e->model);
    e->doc = sqlite3_malloc64(len + 1);
    e->cols = sqlite3_malloc64(sizeof(pmml_column) * (e->nin + 1));
    e->views = sqlite3_malloc64(sizeof(pmml_strview) * (e->nin + 1));
    e->valid = sqlite3_malloc64(e->nin + 1);
    e->res = sqlite3_malloc64(sizeof(pmml_result) * (e->nout + 1));
    e->out_str = sqlite3_malloc64(sizeof(char *) * (e->nout + 1));
    e->out_valid = sqlite3_malloc64(e->nout + 1);
    e->out_kind = sqlite3_malloc64(sizeof(int) * (e->nout + 1));
    if (!e->doc || !e->cols || !e->views || !e->valid || !e->res || !e->out_str ||
        !e->out_valid || !e->out_kind)
        goto fail;
    memcpy(e->doc, doc, len);
    e->doc[len] = '\0';
    for (i = 0; i < e->nin; i++) {
        pmml_column col = PMML_COLUMN_INIT;
        col.type = PMML_COL_STRVIEW;
        col.name = pmml_model_input_name(e->model, i);
        col.data = &e->views[i];
        col.valid = &e->valid[i];
        e->cols[i] = col;
    }
    for (i = 0; i < e->nout; i++) {
        pmml_result r = PMML_RESULT_INIT;
        r.type = PMML_COL_STRING; /* the library's own text, as the pmml command writes */
        r.data = &e->out_str[i];
        r.valid = &e->out_valid[i];
        e->res[i] = r;
        e->out_kind[i] = pmml_datatype_json_kind(pmml_model_output_datatype(e->model, i));
    }
    rc = pmml_scorer_new(&e->scorer, e->model, e->cols, e->nin, &err);
    if (rc != PMML_OK) {
        *msg = sqlite3_mprintf("pmml: %s", err.message[0] ? err.message : pmml_strerror(rc));
        goto fail;
    }
    return e;
fail:
    entry_free(e);
    return NULL;
}

/* Drops a statement's hold on a model (the auxdata destructor). */
static void entry_release(void *p)
{
    model_entry *e = p;
    if (e && e->refs > 0)
        e->refs--;
}

/* The compiled model for the document in argument 0, from the statement's
 * auxdata, the connection's cache, or compiled now.  NULL after setting
 * the error (or for a NULL document, with a NULL result). */
static model_entry *get_model(sqlite3_context *ctx, sqlite3_value *arg)
{
    model_cache *c = sqlite3_user_data(ctx);
    model_entry *e = sqlite3_get_auxdata(ctx, 0);
    const void *doc;
    size_t len;
    uint64_t h;
    char *msg;

    if (e)
        return e;
    switch (sqlite3_value_type(arg)) {
    case SQLITE_NULL:
        sqlite3_result_null(ctx);
        return NULL;
    case SQLITE_BLOB:
        doc = sqlite3_value_blob(arg);
        len = (size_t)sqlite3_value_bytes(arg);
        break;
    case SQLITE_TEXT:
        doc = sqlite3_value_text(arg);
        len = (size_t)sqlite3_value_bytes(arg);
        break;
    default:
        sqlite3_result_error(ctx, "pmml: the model must be a PMML document (text or blob)", -1);
        return NULL;
    }
    if (!doc)
        len = 0, doc = "";
    h = doc_hash(doc, len);
    for (e = c->head; e; e = e->next)
        if (e->hash == h && e->len == len && memcmp(e->doc, doc, len) == 0)
            break;
    if (!e) {
        cache_trim(c);
        e = entry_new(doc, len, h, &msg);
        if (!e) {
            if (msg) {
                sqlite3_result_error(ctx, msg, -1);
                sqlite3_free(msg);
            } else {
                sqlite3_result_error_nomem(ctx);
            }
            return NULL;
        }
        e->next = c->head;
        c->head = e;
        c->count++;
    }
    e->last_used = ++c->clock;
    /* held while the statement keeps it; SQLite calls entry_release when it
     * drops the auxdata (at once, if it cannot keep it) */
    e->refs++;
    sqlite3_set_auxdata(ctx, 0, e, entry_release);
    return e;
}

/* ------------------------------------------------------------------------ */
/* Reading a JSON row                                                        */
/* ------------------------------------------------------------------------ */

typedef struct json_reader {
    const char *p, *end;
    char *buf;       /* unescaped strings, each NUL-terminated, one after another */
    size_t buflen, bufcap;
    const char *err;
} json_reader;

static void skip_ws(json_reader *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static int buf_put(json_reader *r, const char *s, size_t n)
{
    if (r->buflen + n > r->bufcap)
        return -1; /* cannot happen: the buffer is as long as the input */
    memcpy(r->buf + r->buflen, s, n);
    r->buflen += n;
    return 0;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    int i;
    for (i = 0; i < 4; i++) {
        int c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* Reads a JSON string at r->p (the opening quote) into the buffer; its
 * bytes are at *out, *outlen.  Escapes are decoded to UTF-8. */
static int read_string(json_reader *r, const char **out, size_t *outlen)
{
    size_t start = r->buflen;
    r->p++;
    while (r->p < r->end && *r->p != '"') {
        unsigned char ch = (unsigned char)*r->p;
        if (ch < 0x20) {
            r->err = "a control character in a JSON string";
            return -1;
        }
        if (ch != '\\') {
            buf_put(r, r->p++, 1);
            continue;
        }
        if (r->end - r->p < 2) {
            r->err = "an unfinished escape in a JSON string";
            return -1;
        }
        switch (r->p[1]) {
        case '"': buf_put(r, "\"", 1); r->p += 2; break;
        case '\\': buf_put(r, "\\", 1); r->p += 2; break;
        case '/': buf_put(r, "/", 1); r->p += 2; break;
        case 'b': buf_put(r, "\b", 1); r->p += 2; break;
        case 'f': buf_put(r, "\f", 1); r->p += 2; break;
        case 'n': buf_put(r, "\n", 1); r->p += 2; break;
        case 'r': buf_put(r, "\r", 1); r->p += 2; break;
        case 't': buf_put(r, "\t", 1); r->p += 2; break;
        case 'u': {
            unsigned cp, lo;
            char u[4];
            size_t n;
            if (r->end - r->p < 6 || hex4(r->p + 2, &cp) != 0) {
                r->err = "a bad \\u escape in a JSON string";
                return -1;
            }
            r->p += 6;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' ||
                    hex4(r->p + 2, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF) {
                    r->err = "an unpaired surrogate in a JSON string";
                    return -1;
                }
                r->p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                r->err = "an unpaired surrogate in a JSON string";
                return -1;
            }
            /* a \u escape is at least as long as its UTF-8 */
            if (cp < 0x80) {
                u[0] = (char)cp;
                n = 1;
            } else if (cp < 0x800) {
                u[0] = (char)(0xC0 | (cp >> 6));
                u[1] = (char)(0x80 | (cp & 0x3F));
                n = 2;
            } else if (cp < 0x10000) {
                u[0] = (char)(0xE0 | (cp >> 12));
                u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[2] = (char)(0x80 | (cp & 0x3F));
                n = 3;
            } else {
                u[0] = (char)(0xF0 | (cp >> 18));
                u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
                u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
                u[3] = (char)(0x80 | (cp & 0x3F));
                n = 4;
            }
            buf_put(r, u, n);
            break;
        }
        default:
            r->err = "a bad escape in a JSON string";
            return -1;
        }
    }
    if (r->p >= r->end) {
        r->err = "an unterminated JSON string";
        return -1;
    }
    r->p++;
    *out = r->buf + start;
    *outlen = r->buflen - start;
    /* NUL-terminated too: the quotes left room for it */
    buf_put(r, "", 1);
    return 0;
}

/* A JSON number as RFC 8259 spells it; its length, or 0. */
static size_t number_len(const char *s, const char *end)
{
    const char *p = s;
#define DIGIT(q) ((q) < end && isdigit((unsigned char)*(q)))
    if (p < end && *p == '-')
        p++;
    if (!DIGIT(p))
        return 0;
    if (*p == '0')
        p++;
    else
        while (DIGIT(p))
            p++;
    if (p < end && *p == '.') {
        p++;
        if (!DIGIT(p))
            return 0;
        while (DIGIT(p))
            p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (!DIGIT(p))
            return 0;
        while (DIGIT(p))
            p++;
    }
#undef DIGIT
    return (size_t)(p - s);
}

static int literal(json_reader *r, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) >= n && memcmp(r->p, word, n) == 0) {
        r->p += n;
        return 1;
    }
    return 0;
}

/* Reads a JSON object of scalars into the entry's input columns: a key
 * naming an input field sets it (a string as its text, a number as written,
 * true/false as those words); null, and a field no key names, are missing.
 * Keys naming no input field are ignored. */
static int read_row(model_entry *e, const char *json, size_t len, char **strings, char **msg)
{
    json_reader r;
    size_t i;

    for (i = 0; i < e->nin; i++) {
        e->valid[i] = 0;
        e->views[i].ptr = NULL;
        e->views[i].len = 0;
    }
    memset(&r, 0, sizeof r);
    r.p = json;
    r.end = json + len;
    r.bufcap = len;
    r.buf = sqlite3_malloc64(len + 1);
    if (!r.buf)
        return SQLITE_NOMEM;
    skip_ws(&r);
    if (r.p >= r.end || *r.p != '{') {
        r.err = "a row to score must be a JSON object";
        goto bad;
    }
    r.p++;
    skip_ws(&r);
    if (r.p < r.end && *r.p == '}') {
        r.p++;
    } else {
        for (;;) {
            const char *key, *val = NULL;
            size_t keylen, vallen = 0;
            long k = -1;
            int present = 1;

            skip_ws(&r);
            if (r.p >= r.end || *r.p != '"') {
                r.err = "a JSON object key must be a string";
                goto bad;
            }
            if (read_string(&r, &key, &keylen) != 0)
                goto bad;
            if (!memchr(key, '\0', keylen))
                k = pmml_model_input_index(e->model, key);
            skip_ws(&r);
            if (r.p >= r.end || *r.p != ':') {
                r.err = "':' expected after a JSON object key";
                goto bad;
            }
            r.p++;
            skip_ws(&r);
            if (r.p >= r.end) {
                r.err = "a JSON value expected";
                goto bad;
            } else if (*r.p == '"') {
                if (read_string(&r, &val, &vallen) != 0)
                    goto bad;
            } else if (literal(&r, "null")) {
                present = 0;
            } else if (literal(&r, "true")) {
                val = "true", vallen = 4;
            } else if (literal(&r, "false")) {
                val = "false", vallen = 5;
            } else if (*r.p == '{' || *r.p == '[') {
                *msg = sqlite3_mprintf("pmml: the value of \"%.*s\" is a JSON object or array, "
                                       "not a value",
                                       (int)keylen, key);
                sqlite3_free(r.buf);
                return SQLITE_ERROR;
            } else {
                vallen = number_len(r.p, r.end);
                if (vallen == 0) {
                    r.err = "a bad JSON value";
                    goto bad;
                }
                val = r.p;
                r.p += vallen;
            }
            if (k >= 0) {
                e->valid[k] = (uint8_t)present;
                e->views[k].ptr = present ? (vallen ? val : "") : NULL;
                e->views[k].len = present ? vallen : 0;
            }
            skip_ws(&r);
            if (r.p < r.end && *r.p == ',') {
                r.p++;
                continue;
            }
            if (r.p < r.end && *r.p == '}') {
                r.p++;
                break;
            }
            r.err = "',' or '}' expected in a JSON object";
            goto bad;
        }
    }
    skip_ws(&r);
    if (r.p != r.end) {
        r.err = "text after the JSON object";
        goto bad;
    }
    /* r.buf holds the strings the columns point to until scoring is done */
    *strings = r.buf;
    return SQLITE_OK;
bad:
    *msg = sqlite3_mprintf("pmml: %s", r.err ? r.err : "bad JSON");
    sqlite3_free(r.buf);
    return SQLITE_ERROR;
}

/* Scores argument 1 (the JSON row) with the model of argument 0; the
 * results are then in the entry's buffers.  NULL when the result is already
 * set: an error, or NULL for a NULL argument. */
static model_entry *score(sqlite3_context *ctx, sqlite3_value **argv)
{
    model_entry *e;
    char *msg = NULL, *strings = NULL;
    const char *json;
    int rc, status = PMML_OK;

    if (sqlite3_value_type(argv[1]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return NULL;
    }
    e = get_model(ctx, argv[0]);
    if (!e)
        return NULL;
    json = (const char *)sqlite3_value_text(argv[1]);
    if (!json) {
        sqlite3_result_error_nomem(ctx);
        return NULL;
    }
    rc = read_row(e, json, (size_t)sqlite3_value_bytes(argv[1]), &strings, &msg);
    if (rc != SQLITE_OK) {
        if (rc == SQLITE_NOMEM)
            sqlite3_result_error_nomem(ctx);
        else
            sqlite3_result_error(ctx, msg, -1);
        sqlite3_free(msg);
        return NULL;
    }
    rc = pmml_scorer_score(e->scorer, e->cols, 1, e->res, &status);
    sqlite3_free(strings);
    if (rc != PMML_OK) {
        sqlite3_result_error(ctx, pmml_strerror(rc), -1);
        return NULL;
    }
    if (status != PMML_OK) {
        const char *m = pmml_scorer_message(e->scorer, 0);
        char *s = sqlite3_mprintf("pmml: the row cannot be scored: %s",
                                  m ? m : pmml_strerror(status));
        sqlite3_result_error(ctx, s ? s : "pmml: the row cannot be scored", -1);
        sqlite3_free(s);
        return NULL;
    }
    return e;
}

/* ------------------------------------------------------------------------ */
/* The functions                                                             */
/* ------------------------------------------------------------------------ */

static int is_json_number(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && number_len(s, s + n) == n;
}

static void json_escape(sqlite3_str *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    sqlite3_str_appendchar(out, 1, '"');
    for (; *p; p++) {
        switch (*p) {
        case '"': sqlite3_str_appendall(out, "\\\""); break;
        case '\\': sqlite3_str_appendall(out, "\\\\"); break;
        case '\n': sqlite3_str_appendall(out, "\\n"); break;
        case '\r': sqlite3_str_appendall(out, "\\r"); break;
        case '\t': sqlite3_str_appendall(out, "\\t"); break;
        default:
            if (*p < 0x20)
                sqlite3_str_appendf(out, "\\u%04x", *p);
            else
                sqlite3_str_appendchar(out, 1, (char)*p);
        }
    }
    sqlite3_str_appendchar(out, 1, '"');
}

/* pmml_score(model, json) -> every result column as a JSON object, written
 * as `pmml score --format jsonl` writes it (without its error member). */
static void fn_score(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    model_entry *e = score(ctx, argv);
    sqlite3_str *out;
    size_t j;
    (void)argc;
    if (!e)
        return;
    out = sqlite3_str_new(sqlite3_context_db_handle(ctx));
    sqlite3_str_appendchar(out, 1, '{');
    for (j = 0; j < e->nout; j++) {
        const char *v = e->out_valid[j] ? e->out_str[j] : NULL;
        if (j)
            sqlite3_str_appendchar(out, 1, ',');
        json_escape(out, pmml_model_output_name(e->model, j));
        sqlite3_str_appendchar(out, 1, ':');
        if (!v)
            sqlite3_str_appendall(out, "null");
        else if ((e->out_kind[j] == PMML_JSON_NUMBER && is_json_number(v)) ||
                 (e->out_kind[j] == PMML_JSON_BOOLEAN &&
                  (!strcmp(v, "true") || !strcmp(v, "false"))))
            sqlite3_str_appendall(out, v);
        else
            json_escape(out, v);
    }
    sqlite3_str_appendchar(out, 1, '}');
    if (sqlite3_str_errcode(out) != SQLITE_OK) {
        sqlite3_free(sqlite3_str_finish(out));
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_result_text(ctx, sqlite3_str_finish(out), -1, sqlite3_free);
}

/* pmml_predict(model, json) -> the predicted value (the first result
 * column) as a number; NULL when the model predicts none. */
static void fn_predict(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    model_entry *e = score(ctx, argv);
    const char *v;
    char *end;
    double d;
    (void)argc;
    if (!e)
        return;
    if (e->nout == 0 || e->out_kind[0] != PMML_JSON_NUMBER) {
        sqlite3_result_error(ctx, "pmml: the model does not predict a number; use pmml_score()",
                             -1);
        return;
    }
    if (!e->out_valid[0] || !e->out_str[0]) {
        sqlite3_result_null(ctx);
        return;
    }
    v = e->out_str[0];
    d = strtod(v, &end);
    if (*end != '\0') {
        /* NaN and the infinities: SQLite has no NaN, so NULL for it */
        if (!strcmp(v, "Infinity"))
            d = 1e308 * 10;
        else if (!strcmp(v, "-Infinity"))
            d = -1e308 * 10;
        else {
            sqlite3_result_null(ctx);
            return;
        }
    }
    sqlite3_result_double(ctx, d);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_pmml_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi)
{
    model_cache *cache;
    int rc;
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    SQLITE_EXTENSION_INIT2(pApi);
    (void)pzErrMsg;

    cache = sqlite3_malloc(sizeof *cache);
    if (!cache)
        return SQLITE_NOMEM;
    memset(cache, 0, sizeof *cache);
    /* both functions share the cache; the last one dropped frees it (a
     * failed registration calls the destructor too) */
    cache->owners = 2;
    rc = sqlite3_create_function_v2(db, "pmml_score", 2, flags, cache, fn_score, NULL, NULL,
                                    cache_destroy);
    if (rc != SQLITE_OK) {
        cache_destroy(cache);
        return rc;
    }
    return sqlite3_create_function_v2(db, "pmml_predict", 2, flags, cache, fn_predict, NULL,
                                      NULL, cache_destroy);
}
