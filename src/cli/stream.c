/* stream.c - CSV rows in, result rows out, in batches through the C API.
 *
 * The main thread reads batches of rows and hands the results to the sink in
 * input order.  With more than one thread, worker threads score the batches
 * meanwhile: each batch has its own slot with its own scorer, so the result
 * text of a batch stays valid until the sink has seen it.
 *
 * A problem with the input found while reading (a read error, a later
 * input whose header differs) is printed only once every row read before it
 * has gone to the sink, so that the messages come in the same order
 * whatever the number of threads. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/stream.h"
#include "io/csv.h"
#include "io/input.h"

#define BATCH 1024
#define MAX_THREADS 256

enum { SLOT_EMPTY = 0, SLOT_FILLED, SLOT_BUSY, SLOT_SCORED };

typedef struct slot {
    int state;
    pmml_scorer *scorer;
    pmml_column *cols;      /* bound columns over this slot's cells */
    pmml_result *res;
    pm_val *vals;           /* BATCH x nout results, row-major */
    uint8_t *valid;         /* nout x BATCH, column-major (as the API fills it) */
    int *status;
    pmml_strview *cells;    /* BATCH x ncols, row-major */
    pmml_strview *copies;   /* BATCH x ncopy, row-major */
    char *bytes;            /* the rows' cell bytes */
    size_t nbytes, capbytes;
    size_t *offs;           /* BATCH x (ncols + ncopy) offsets into bytes,
                               (size_t)-1 for missing */
    char **errors;          /* per row: CSV problem, or NULL */
    size_t *lines;          /* per row: input line */
    size_t *inputs;         /* per row: input index */
    size_t nrows;
    int failed;             /* pmml_scorer_score refused the batch */
} slot;

/* The last row seen of the current transaction (a model with a group field,
 * pmml_model_group_input): its own copy, since the slot is reused.  The
 * arrays and the byte buffer are kept from row to row and only grow. */
typedef struct held {
    int have;
    pm_row row;
    pm_val *vals;           /* nout */
    uint8_t *valid;         /* nout */
    pmml_strview *copies;   /* ncopy */
    char *bytes;            /* the row's texts, one after the other */
    size_t cap;
    int gmissing;           /* the group cell is missing */
    const char *group;      /* the group cell, in bytes */
    size_t glen;
} held;

typedef struct stream {
    pmml_model *m;
    const pm_stream_opts *o;
    const char *const *paths;
    size_t npaths, cur;     /* the input being read */
    pm_input *in;
    uint64_t bytes_before;  /* bytes read from the inputs before cur */
    pm_csv csv;
    char **header;          /* the first input's header cells */
    size_t nheader, ncols, nout, ncopy;
    size_t *src;            /* bound column -> CSV column */
    size_t *copy_src;       /* copied column -> CSV column */
    size_t copy_mult;       /* the most times a CSV column is copied */
    const char **copy_names;
    size_t *mlen;           /* lengths of the missing tokens */
    pmml_column *proto;     /* the bound columns, without data */
    slot *slots;
    size_t nslots;
    uint8_t *rowvalid;      /* nout: the valid flags of the row at the sink */
    int grouped;            /* one result per run of equal group values */
    size_t gcol;            /* the group field's bound column; ncols: absent */
    int gtype;              /* the group field's dataType; 0 for a string */
    int gnum;               /* 1: its values are numbers or booleans */
    held held;
    uint64_t rows_out;
    char pending[600];      /* an input problem to report after the rows before it */
    /* workers */
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    int stop;
} stream;

const char *pm_stream_input_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static void say(stream *st, const char *fmt, ...)
{
    va_list ap;
    pm_progress_clear(st->o->progress);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
}

static const char *cur_name(const stream *st)
{
    return pm_stream_input_name(st->paths[st->cur]);
}

/* Why the last pm_csv_next() returned -1. */
static const char *read_error(const stream *st)
{
    return st->csv.read_failed ? pm_input_error(st->in) : "out of memory";
}

static uint64_t bytes_read(const stream *st)
{
    return st->bytes_before + (st->in ? pm_input_bytes(st->in) : 0);
}

/* Opens input `i` and reads its header; 0, or -1 with st->pending set. */
static int open_input(stream *st, size_t i)
{
    int k;
    if (st->in) {
        st->bytes_before += pm_input_bytes(st->in);
        pm_input_close(st->in);
        st->in = NULL;
    }
    pm_csv_free(&st->csv);
    st->cur = i;
    st->in = pm_input_open(st->paths[i]);
    if (!st->in) {
        snprintf(st->pending, sizeof st->pending, "pmml: cannot open %s: %s\n", st->paths[i],
                 strerror(errno));
        return -1;
    }
    pm_csv_init_reader(&st->csv, pm_input_read, st->in, st->o->delim, st->o->quote);
    k = pm_csv_next(&st->csv);
    if (k < 0)
        snprintf(st->pending, sizeof st->pending, "pmml: %s: cannot read: %s\n", cur_name(st),
                 read_error(st));
    else if (k == 0)
        snprintf(st->pending, sizeof st->pending,
                 "pmml: %s: the input is empty (a header line is required)\n", cur_name(st));
    else if (st->csv.error[0])
        snprintf(st->pending, sizeof st->pending, "pmml: %s:%zu: header: %s\n", cur_name(st),
                 st->csv.line, st->csv.error);
    return k <= 0 || st->csv.error[0] ? -1 : 0;
}

/* A later input's header must be the first one's. */
static int same_header(stream *st)
{
    size_t j;
    for (j = 0; j < st->csv.ncells && st->csv.ncells == st->nheader; j++)
        if (st->csv.cells[j].len != strlen(st->header[j]) ||
            memcmp(st->csv.cells[j].ptr, st->header[j], st->csv.cells[j].len) != 0)
            break;
    if (st->csv.ncells == st->nheader && j == st->nheader)
        return 0;
    snprintf(st->pending, sizeof st->pending,
             "pmml: %s:%zu: the header is not the same as the header of %s\n", cur_name(st),
             st->csv.line, pm_stream_input_name(st->paths[0]));
    return -1;
}

/* Room for n more bytes of cells in b. */
static int reserve_bytes(slot *b, size_t n)
{
    if (b->nbytes + n > b->capbytes) {
        size_t cap = b->capbytes ? b->capbytes : 65536;
        char *p;
        while (cap < b->nbytes + n)
            cap *= 2;
        p = realloc(b->bytes, cap);
        if (!p)
            return -1;
        b->bytes = p;
        b->capbytes = cap;
    }
    return 0;
}

/* Appends a cell's bytes; room was reserved for the whole record. */
static size_t add_bytes(slot *b, const char *s, size_t n)
{
    size_t off = b->nbytes;
    memcpy(b->bytes + off, s, n);
    b->nbytes += n;
    return off;
}

static int slot_init(stream *st, slot *b)
{
    size_t j, ncols = st->ncols, nout = st->nout, nc = st->ncols + st->ncopy;
    pmml_error err;
    memset(b, 0, sizeof *b);
    if (pmml_scorer_new(&b->scorer, st->m, st->proto, ncols, &err) != PMML_OK) {
        say(st, "pmml: %s: %s\n", cur_name(st), err.message);
        return EXIT_INPUT;
    }
    (void)pmml_scorer_stats_enable(b->scorer, st->o->stats != NULL);
    b->cols = calloc(ncols + 1, sizeof *b->cols);
    b->res = calloc(nout + 1, sizeof *b->res);
    b->vals = calloc((nout + 1) * BATCH, sizeof *b->vals);
    b->valid = calloc((nout + 1) * BATCH, 1);
    b->status = calloc(BATCH, sizeof *b->status);
    b->cells = calloc((ncols + 1) * BATCH, sizeof *b->cells);
    b->copies = calloc((st->ncopy + 1) * BATCH, sizeof *b->copies);
    b->offs = calloc((nc + 1) * BATCH, sizeof *b->offs);
    b->errors = calloc(BATCH, sizeof *b->errors);
    b->lines = calloc(BATCH, sizeof *b->lines);
    b->inputs = calloc(BATCH, sizeof *b->inputs);
    if (!b->cols || !b->res || !b->vals || !b->valid || !b->status || !b->cells ||
        !b->copies || !b->offs || !b->errors || !b->lines || !b->inputs) {
        say(st, "pmml: out of memory\n");
        return EXIT_INPUT;
    }
    if (ncols)
        memcpy(b->cols, st->proto, ncols * sizeof *b->cols);
    for (j = 0; j < ncols; j++) {
        b->cols[j].data = b->cells + j;
        b->cols[j].stride = ncols * sizeof *b->cells;
    }
    for (j = 0; j < nout; j++) {
        pmml_result init = PMML_RESULT_INIT;
        int type = st->o->types ? st->o->types[j] : PMML_COL_STRING;
        b->res[j] = init;
        if (!type)
            continue; /* data NULL: not computed */
        b->res[j].type = type;
        b->res[j].data = b->vals + j;
        b->res[j].stride = nout * sizeof *b->vals;
        if (type == PMML_COL_DOUBLE)
            b->res[j].valid = b->valid + j * BATCH;
    }
    return EXIT_OK;
}

static void slot_free(slot *b)
{
    size_t r;
    if (b->errors)
        for (r = 0; r < BATCH; r++)
            free(b->errors[r]);
    free(b->errors);
    free(b->lines);
    free(b->inputs);
    free(b->cells);
    free(b->copies);
    free(b->offs);
    free(b->bytes);
    free(b->cols);
    free(b->res);
    free(b->vals);
    free(b->valid);
    free(b->status);
    pmml_scorer_free(b->scorer);
}

static int is_missing_token(const stream *st, const pm_csv_cell *cell)
{
    size_t i;
    for (i = 0; i < st->o->nmissing; i++)
        if (cell->len == st->mlen[i] && memcmp(cell->ptr, st->o->missing[i], cell->len) == 0)
            return 1;
    return 0;
}

/* Reads up to BATCH records into b, going on to the next input at the end
 * of one; returns 1 at the end of the last input, -1 on a problem (in
 * st->pending), 0 otherwise. */
static int read_batch(stream *st, slot *b)
{
    pm_csv *csv = &st->csv;
    size_t ncols = st->ncols, ncopy = st->ncopy, nc = ncols + ncopy, r, j, nul_col;
    int end = 0;
    b->nrows = 0;
    b->nbytes = 0;
    while (b->nrows < BATCH) {
        size_t row = b->nrows, *offs = b->offs + row * nc;
        int k = pm_csv_next(csv);
        if (k < 0) {
            snprintf(st->pending, sizeof st->pending, "pmml: %s: cannot read: %s\n",
                     cur_name(st), read_error(st));
            end = -1;
            break;
        }
        if (k == 0) {
            if (st->cur + 1 >= st->npaths) {
                end = 1;
                break;
            }
            if (open_input(st, st->cur + 1) < 0 || same_header(st) < 0) {
                end = -1;
                break;
            }
            continue;
        }
        /* a blank line is no record unless the input has a single column */
        if (csv->ncells == 1 && csv->cells[0].len == 0 && !csv->cells[0].quoted &&
            st->nheader > 1)
            continue;
        /* the record's cells lie one after the other in csv->rec, and a
         * cell is copied at most 1 + copy_mult times */
        if (reserve_bytes(b, (1 + st->copy_mult) *
                                 (size_t)(csv->cells[csv->ncells - 1].ptr +
                                          csv->cells[csv->ncells - 1].len - csv->cells[0].ptr)) <
            0)
            goto nomem;
        b->lines[row] = csv->line;
        b->inputs[row] = st->cur;
        free(b->errors[row]);
        b->errors[row] = NULL;
        nul_col = 0;
        if (!csv->error[0] && csv->ncells == st->nheader)
            for (j = 0; j < ncols && !nul_col; j++) {
                const pm_csv_cell *cell = &csv->cells[st->src[j]];
                /* a value reaches the model as text, where a NUL byte
                 * would cut it short: the row is refused instead */
                if (cell->len && memchr(cell->ptr, '\0', cell->len))
                    nul_col = st->src[j] + 1;
            }
        if (csv->error[0] || csv->ncells != st->nheader || nul_col) {
            char msg[300];
            if (csv->error[0])
                snprintf(msg, sizeof msg, "%s", csv->error);
            else if (nul_col)
                snprintf(msg, sizeof msg, "column %zu: a NUL byte", nul_col);
            else
                snprintf(msg, sizeof msg, "%zu cell%s, the header has %zu", csv->ncells,
                         csv->ncells == 1 ? "" : "s", st->nheader);
            b->errors[row] = strdup(msg);
            for (j = 0; j < ncols; j++)
                offs[j] = (size_t)-1;
        } else {
            for (j = 0; j < ncols; j++) {
                const pm_csv_cell *cell = &csv->cells[st->src[j]];
                if (cell->len == 0 || (st->o->nmissing && is_missing_token(st, cell))) {
                    offs[j] = (size_t)-1; /* a missing value */
                    continue;
                }
                offs[j] = add_bytes(b, cell->ptr, cell->len);
                b->cells[row * ncols + j].len = cell->len;
            }
        }
        /* copied cells go as they are, also those of a broken record */
        for (j = 0; j < ncopy; j++) {
            size_t c = st->copy_src[j];
            if (c >= csv->ncells) {
                offs[ncols + j] = (size_t)-1;
                continue;
            }
            offs[ncols + j] = add_bytes(b, csv->cells[c].ptr, csv->cells[c].len);
            b->copies[row * ncopy + j].len = csv->cells[c].len;
        }
        b->nrows++;
    }
    for (r = 0; r < b->nrows; r++) {
        const size_t *offs = b->offs + r * nc;
        for (j = 0; j < ncols; j++)
            b->cells[r * ncols + j].ptr = offs[j] == (size_t)-1 ? NULL : b->bytes + offs[j];
        for (j = 0; j < ncopy; j++) {
            size_t off = offs[ncols + j];
            b->copies[r * ncopy + j].ptr = off == (size_t)-1 ? NULL : b->bytes + off;
            if (off == (size_t)-1)
                b->copies[r * ncopy + j].len = 0;
        }
    }
    return end;
nomem:
    snprintf(st->pending, sizeof st->pending, "pmml: out of memory\n");
    b->nrows = 0;
    return -1;
}

static void score_batch(slot *b)
{
    b->failed = b->nrows && pmml_scorer_score(b->scorer, b->cols, b->nrows, b->res,
                                              b->status) != PMML_OK;
}

static void held_free(stream *st)
{
    held *h = &st->held;
    free(h->vals);
    free(h->valid);
    free(h->copies);
    free(h->bytes);
    memset(h, 0, sizeof *h);
}

/* Copies n bytes and a NUL to *at, and moves *at past them. */
static char *held_put(char **at, const char *p, size_t n)
{
    char *d = *at;
    memcpy(d, p, n);
    d[n] = 0;
    *at = d + n + 1;
    return d;
}

/* Keeps its own copy of `row`, whose group cell is `g`; -1 when out of
 * memory. */
static int held_set(stream *st, const pm_row *row, const pmml_strview *g)
{
    held *h = &st->held;
    const int *types = st->o->types;
    size_t j, nout = st->nout, ncopy = st->ncopy, need = g->len + 1;
    char *at;
    h->have = 0;
    if (!h->vals) {
        h->vals = calloc(nout + 1, sizeof *h->vals);
        h->valid = calloc(nout + 1, 1);
        h->copies = calloc(ncopy + 1, sizeof *h->copies);
        if (!h->vals || !h->valid || !h->copies)
            return -1;
    }
    /* one buffer for the row's texts, grown to the largest row seen */
    for (j = 0; row->vals && j < nout; j++)
        if ((!types || types[j] == PMML_COL_STRING) && row->vals[j].s)
            need += strlen(row->vals[j].s) + 1;
    for (j = 0; j < ncopy; j++)
        need += row->copies[j].len + 1;
    if (row->error)
        need += strlen(row->error) + 1;
    if (need > h->cap) {
        char *p = realloc(h->bytes, need);
        if (!p)
            return -1;
        h->bytes = p;
        h->cap = need;
    }
    at = h->bytes;
    for (j = 0; row->vals && j < nout; j++) {
        h->vals[j] = row->vals[j];
        if ((!types || types[j] == PMML_COL_STRING) && row->vals[j].s)
            h->vals[j].s = held_put(&at, row->vals[j].s, strlen(row->vals[j].s));
    }
    if (row->vals)
        memcpy(h->valid, row->valid, nout);
    for (j = 0; j < ncopy; j++) {
        h->copies[j].len = row->copies[j].len;
        h->copies[j].ptr =
            row->copies[j].ptr ? held_put(&at, row->copies[j].ptr, row->copies[j].len) : NULL;
    }
    h->row = *row;
    h->row.vals = row->vals ? h->vals : NULL;
    h->row.valid = h->valid;
    h->row.copies = ncopy ? h->copies : NULL;
    h->row.error = row->error ? held_put(&at, row->error, strlen(row->error)) : NULL;
    h->gmissing = !g->ptr;
    h->glen = g->len;
    h->group = g->ptr ? held_put(&at, g->ptr, g->len) : NULL;
    h->have = 1;
    return 0;
}

/* Hands the held row to the sink. */
static int held_emit(stream *st, const pm_sink *sink)
{
    int k;
    if (!st->held.have)
        return EXIT_OK;
    k = sink->row(sink->payload, &st->held.row);
    st->held.have = 0;
    return k;
}

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* A cell without the blanks around it, as the library reads a number. */
static void trim_cell(const char **p, size_t *len)
{
    while (*len && is_blank(**p))
        (*p)++, (*len)--;
    while (*len && is_blank((*p)[*len - 1]))
        (*len)--;
}

/* A cell as a value of the group field's dataType `dt` (the program runs in
 * the C locale): a number, or for a boolean 1 or 0; -1 when it is not one. */
static int cell_number(const char *p, size_t len, int dt, double *x)
{
    char buf[128], *end;
    trim_cell(&p, &len);
    if (dt == PMML_TYPE_BOOLEAN) {
        if (len == 4 && strncasecmp(p, "true", 4) == 0) {
            *x = 1;
            return 0;
        }
        if (len == 5 && strncasecmp(p, "false", 5) == 0) {
            *x = 0;
            return 0;
        }
    }
    if (len == 0 || len >= sizeof buf)
        return -1;
    memcpy(buf, p, len);
    buf[len] = '\0';
    *x = strtod(buf, &end);
    if (end != buf + len || *x != *x)
        return -1;
    if (dt == PMML_TYPE_BOOLEAN)
        *x = *x != 0;
    else if (dt == PMML_TYPE_FLOAT)
        *x = (float)*x;
    return 0;
}

/* Whether the group cell g continues the held row's group: the same text,
 * or the same value as the model reads it (for a number or a boolean, "1",
 * " 1" and "1.0" are one group; for other non-string types, the text
 * without the blanks around it). */
static int same_group(const stream *st, const pmml_strview *g)
{
    const held *h = &st->held;
    const char *p = h->group, *q = g->ptr;
    size_t lp = h->glen, lq = g->len;
    double a, b;
    if (h->gmissing || !g->ptr)
        return h->gmissing && !g->ptr;
    if (lp == lq && memcmp(p, q, lp) == 0)
        return 1;
    if (!st->gtype)
        return 0; /* a string: compared as it is */
    if (st->gnum && cell_number(p, lp, st->gtype, &a) == 0 &&
        cell_number(q, lq, st->gtype, &b) == 0)
        return a == b;
    trim_cell(&p, &lp);
    trim_cell(&q, &lq);
    return lp == lq && memcmp(p, q, lp) == 0;
}

/* Hands a scored batch to the sink; returns an exit status. */
static int sink_batch(stream *st, slot *b, const pm_sink *sink)
{
    size_t r, j, nout = st->nout, ncopy = st->ncopy;
    const int *types = st->o->types;
    if (b->failed) {
        say(st, "pmml: internal error: the batch was refused\n");
        return EXIT_INPUT;
    }
    for (r = 0; r < b->nrows; r++) {
        pm_row row;
        int k;
        row.input = b->inputs[r];
        row.line = b->lines[r];
        row.error = b->errors[r];
        row.copies = ncopy ? b->copies + r * ncopy : NULL;
        if (!row.error && b->status[r] != PMML_OK) {
            const char *why = pmml_scorer_message(b->scorer, r);
            row.error = why ? why : pmml_strerror(b->status[r]);
        }
        row.vals = row.error ? NULL : b->vals + r * nout;
        row.valid = st->rowvalid;
        if (types && !row.error)
            for (j = 0; j < nout; j++)
                st->rowvalid[j] = types[j] == PMML_COL_DOUBLE ? b->valid[j * BATCH + r] : 1;
        if (st->grouped) {
            /* a transaction's result is its last row's; an error on an
             * earlier row still goes out */
            static const pmml_strview none = {NULL, 0};
            const pmml_strview *g =
                st->gcol < st->ncols ? &b->cells[r * st->ncols + st->gcol] : &none;
            if (st->held.have && (!same_group(st, g) || st->held.row.error) &&
                (k = held_emit(st, sink)) != EXIT_OK)
                return k;
            if (held_set(st, &row, g) < 0) {
                say(st, "pmml: out of memory\n");
                return EXIT_INPUT;
            }
            continue;
        }
        k = sink->row(sink->payload, &row);
        if (k != EXIT_OK)
            return k;
    }
    st->rows_out += b->nrows;
    if (sink->batch_end) {
        int k = sink->batch_end(sink->payload);
        if (k != EXIT_OK)
            return k;
    }
    if (st->o->progress)
        pm_progress_update(st->o->progress, st->rows_out, bytes_read(st));
    return EXIT_OK;
}

static void *worker(void *arg)
{
    stream *st = arg;
    for (;;) {
        slot *b = NULL;
        size_t i;
        pthread_mutex_lock(&st->mu);
        for (;;) {
            for (i = 0; i < st->nslots && !b; i++)
                if (st->slots[i].state == SLOT_FILLED)
                    b = &st->slots[i];
            if (b || st->stop)
                break;
            pthread_cond_wait(&st->work, &st->mu);
        }
        if (!b) {
            pthread_mutex_unlock(&st->mu);
            return NULL;
        }
        b->state = SLOT_BUSY;
        pthread_mutex_unlock(&st->mu);
        score_batch(b);
        pthread_mutex_lock(&st->mu);
        b->state = SLOT_SCORED;
        pthread_cond_broadcast(&st->done);
        pthread_mutex_unlock(&st->mu);
    }
}

/* Reads, scores and sinks every batch with `nthreads` scoring threads
 * (none when 1: the main thread scores).  Returns an exit status; a
 * problem in the input is left in st->pending. */
static int run(stream *st, int nthreads, const pm_sink *sink)
{
    pthread_t th[MAX_THREADS];
    int started = 0, rc = EXIT_OK, end = 0, i;
    size_t next_in = 0, next_out = 0;

    if (nthreads <= 1) {
        slot *b = &st->slots[0];
        while (!end && rc == EXIT_OK) {
            end = read_batch(st, b);
            score_batch(b);
            rc = sink_batch(st, b, sink);
        }
        return rc;
    }
    pthread_mutex_init(&st->mu, NULL);
    pthread_cond_init(&st->work, NULL);
    pthread_cond_init(&st->done, NULL);
    for (i = 0; i < nthreads; i++) {
        if (pthread_create(&th[i], NULL, worker, st) != 0)
            break;
        started++;
    }
    while (rc == EXIT_OK && (!end || next_out < next_in)) {
        slot *b;
        /* keep every slot busy while there is input */
        while (!end && next_in - next_out < st->nslots) {
            int ready;
            b = &st->slots[next_in % st->nslots];
            end = read_batch(st, b); /* after a problem, what was read still goes out */
            if (!b->nrows)
                continue;
            pthread_mutex_lock(&st->mu);
            b->state = started ? SLOT_FILLED : SLOT_SCORED;
            pthread_cond_signal(&st->work);
            pthread_mutex_unlock(&st->mu);
            if (!started)
                score_batch(b);
            next_in++;
            /* hand results back promptly once the oldest batch is done */
            pthread_mutex_lock(&st->mu);
            ready = st->slots[next_out % st->nslots].state == SLOT_SCORED;
            pthread_mutex_unlock(&st->mu);
            if (next_in - next_out >= 2 && ready)
                break;
        }
        if (next_out == next_in)
            break;
        b = &st->slots[next_out % st->nslots];
        pthread_mutex_lock(&st->mu);
        while (b->state != SLOT_SCORED)
            pthread_cond_wait(&st->done, &st->mu);
        pthread_mutex_unlock(&st->mu);
        rc = sink_batch(st, b, sink);
        b->state = SLOT_EMPTY;
        next_out++;
    }
    pthread_mutex_lock(&st->mu);
    st->stop = 1;
    pthread_cond_broadcast(&st->work);
    pthread_mutex_unlock(&st->mu);
    for (i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    pthread_cond_destroy(&st->work);
    pthread_cond_destroy(&st->done);
    pthread_mutex_destroy(&st->mu);
    return rc;
}

/* Maps the first header onto the model's inputs and the copied columns. */
static int bind_header(stream *st)
{
    const pm_stream_opts *o = st->o;
    pmml_model *m = st->m;
    size_t i, j;
    st->nheader = st->csv.ncells;
    st->header = calloc(st->nheader + 1, sizeof *st->header);
    st->src = calloc(st->nheader + 1, sizeof *st->src);
    st->proto = calloc(st->nheader + 1, sizeof *st->proto);
    if (!st->header || !st->src || !st->proto)
        goto nomem;
    for (j = 0; j < st->nheader; j++) {
        long f;
        st->header[j] = strndup(st->csv.cells[j].ptr, st->csv.cells[j].len);
        if (!st->header[j])
            goto nomem;
        f = pmml_model_input_index(m, st->header[j]);
        if (f < 0)
            continue; /* not a model input: ignored */
        for (i = 0; i < st->ncols; i++) {
            if (strcmp(st->proto[i].name, pmml_model_input_name(m, (size_t)f)) == 0) {
                say(st, "pmml: %s:%zu: the column '%s' appears twice in the header\n",
                    cur_name(st), st->csv.line, st->header[j]);
                return EXIT_INPUT;
            }
        }
        st->proto[st->ncols].version = PMML_COLUMN_VERSION;
        st->proto[st->ncols].type = PMML_COL_STRVIEW;
        st->proto[st->ncols].name = pmml_model_input_name(m, (size_t)f);
        st->src[st->ncols] = j;
        st->ncols++;
    }
    st->ncopy = o->copy_all ? st->nheader : o->ncopy;
    st->copy_src = calloc(st->ncopy + 1, sizeof *st->copy_src);
    st->copy_names = calloc(st->ncopy + 1, sizeof *st->copy_names);
    if (!st->copy_src || !st->copy_names)
        goto nomem;
    for (i = 0; i < st->ncopy; i++) {
        if (o->copy_all) {
            st->copy_src[i] = i;
        } else {
            for (j = 0; j < st->nheader && strcmp(st->header[j], o->copy[i]) != 0; j++)
                ;
            if (j == st->nheader) {
                say(st, "pmml: %s:%zu: --copy-columns: there is no column '%s' in the header\n",
                    cur_name(st), st->csv.line, o->copy[i]);
                return EXIT_INPUT;
            }
            st->copy_src[i] = j;
        }
        st->copy_names[i] = st->header[st->copy_src[i]];
    }
    for (i = 0; i < st->ncopy; i++) {
        size_t times = 0;
        for (j = 0; j < st->ncopy; j++)
            times += st->copy_src[j] == st->copy_src[i];
        if (times > st->copy_mult)
            st->copy_mult = times;
    }
    return EXIT_OK;
nomem:
    say(st, "pmml: out of memory\n");
    return EXIT_INPUT;
}

int pm_stream_csv(pmml_model *m, const char *const *inputs, size_t ninputs,
                  const pm_stream_opts *o, const pm_sink *sink)
{
    stream st;
    size_t i, gi;
    int rc = EXIT_OK, nthreads = o->threads > 0 ? o->threads : 1;

    if (nthreads > MAX_THREADS)
        nthreads = MAX_THREADS;
    /* a model that looks back at earlier rows (Lag) needs them all through
     * one scorer, in order */
    if (pmml_model_is_sequential(m))
        nthreads = 1;
    memset(&st, 0, sizeof st);
    st.m = m;
    st.o = o;
    st.paths = inputs;
    st.npaths = ninputs;
    st.mlen = calloc(o->nmissing + 1, sizeof *st.mlen);
    if (!st.mlen) {
        say(&st, "pmml: out of memory\n");
        return EXIT_INPUT;
    }
    for (i = 0; i < o->nmissing; i++)
        st.mlen[i] = strlen(o->missing[i]);

    /* the header maps CSV columns to model inputs by name */
    if (open_input(&st, 0) < 0) {
        say(&st, "%s", st.pending);
        rc = EXIT_INPUT;
        goto done;
    }
    if ((rc = bind_header(&st)) != EXIT_OK)
        goto done;
    st.nout = pmml_model_output_count(m);
    st.rowvalid = calloc(st.nout + 1, 1);
    /* two batches per thread in flight keep the threads busy while the main
     * thread reads and writes */
    st.nslots = nthreads > 1 ? (size_t)nthreads * 2 + 1 : 1;
    st.slots = calloc(st.nslots, sizeof *st.slots);
    if (!st.slots || !st.rowvalid) {
        say(&st, "pmml: out of memory\n");
        rc = EXIT_INPUT;
        goto done;
    }
    for (i = 0; i < st.nslots; i++)
        if ((rc = slot_init(&st, &st.slots[i])) != EXIT_OK)
            goto done;
    if (sink->header &&
        (rc = sink->header(sink->payload, m, st.copy_names, st.ncopy)) != EXIT_OK)
        goto done;
    if (pmml_model_group_input(m, &gi)) {
        int dt = pmml_model_input_datatype(m, gi);
        st.grouped = 1;
        st.gcol = st.ncols;
        st.gtype = dt == PMML_TYPE_STRING ? 0 : dt;
        st.gnum = dt == PMML_TYPE_INTEGER || dt == PMML_TYPE_FLOAT || dt == PMML_TYPE_DOUBLE ||
                  dt == PMML_TYPE_BOOLEAN;
        for (i = 0; i < st.ncols; i++)
            if (strcmp(st.proto[i].name, pmml_model_input_name(m, gi)) == 0)
                st.gcol = i;
    }
    rc = run(&st, nthreads, sink);
    if (st.held.have) {
        /* the last transaction */
        int k = rc == EXIT_OK ? held_emit(&st, sink) : EXIT_OK;
        if (k == EXIT_OK && rc == EXIT_OK && sink->batch_end)
            k = sink->batch_end(sink->payload);
        if (rc == EXIT_OK)
            rc = k;
    }
    held_free(&st);
    if (rc == EXIT_OK && st.pending[0]) {
        say(&st, "%s", st.pending);
        rc = EXIT_INPUT;
    }
done:
    pm_csv_free(&st.csv);
    pm_input_close(st.in);
    for (i = 0; st.slots && i < st.nslots; i++) {
        if (o->stats && st.slots[i].scorer &&
            pmml_stats_add_scorer(o->stats, st.slots[i].scorer) != PMML_OK && rc == EXIT_OK)
            rc = EXIT_INPUT;
        slot_free(&st.slots[i]);
    }
    free(st.slots);
    for (i = 0; st.header && i < st.nheader; i++)
        free(st.header[i]);
    free(st.header);
    free(st.src);
    free(st.copy_src);
    free(st.copy_names);
    free(st.proto);
    free(st.mlen);
    free(st.rowvalid);
    return rc;
}
