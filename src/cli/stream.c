/* stream.c - CSV rows in, result rows out, in batches through the C API.
 *
 * The main thread reads batches of rows and hands the results to the sink in
 * input order.  With more than one thread, worker threads score the batches
 * meanwhile: each batch has its own slot with its own scorer, so the result
 * text of a batch stays valid until the sink has seen it. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/stream.h"
#include "io/csv.h"

#define BATCH 1024
#define MAX_THREADS 256

enum { SLOT_EMPTY = 0, SLOT_FILLED, SLOT_BUSY, SLOT_SCORED };

typedef struct slot {
    int state;
    pmml_scorer *scorer;
    pmml_column *cols;      /* bound columns over this slot's cells */
    pmml_result *res;
    const char **vals;      /* BATCH x nout result text */
    int *status;
    pmml_strview *cells;    /* BATCH x ncols, row-major */
    char *bytes;            /* the rows' cell bytes */
    size_t nbytes, capbytes;
    size_t *offs;           /* cell offsets into bytes, (size_t)-1 for missing */
    char **errors;          /* per row: CSV problem, or NULL */
    size_t *lines;          /* per row: input line */
    size_t nrows;
    int failed;             /* pmml_scorer_score refused the batch */
} slot;

typedef struct stream {
    pmml_model *m;
    pm_csv csv;
    const char *inname;
    size_t nheader, ncols, nout;
    size_t *src;            /* bound column -> CSV column */
    pmml_column *proto;     /* the bound columns, without data */
    slot *slots;
    size_t nslots;
    /* workers */
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    int stop;
} stream;

static int add_bytes(slot *b, const char *s, size_t n)
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
    memcpy(b->bytes + b->nbytes, s, n);
    b->nbytes += n;
    return 0;
}

static int slot_init(stream *st, slot *b)
{
    size_t j, ncols = st->ncols, nout = st->nout;
    pmml_error err;
    memset(b, 0, sizeof *b);
    if (pmml_scorer_new(&b->scorer, st->m, st->proto, ncols, &err) != PMML_OK) {
        fprintf(stderr, "pmml: %s: %s\n", st->inname, err.message);
        return EXIT_INPUT;
    }
    b->cols = calloc(ncols + 1, sizeof *b->cols);
    b->res = calloc(nout + 1, sizeof *b->res);
    b->vals = calloc((nout + 1) * BATCH, sizeof *b->vals);
    b->status = calloc(BATCH, sizeof *b->status);
    b->cells = calloc((ncols + 1) * BATCH, sizeof *b->cells);
    b->offs = calloc((ncols + 1) * BATCH, sizeof *b->offs);
    b->errors = calloc(BATCH, sizeof *b->errors);
    b->lines = calloc(BATCH, sizeof *b->lines);
    if (!b->cols || !b->res || !b->vals || !b->status || !b->cells || !b->offs || !b->errors ||
        !b->lines) {
        fprintf(stderr, "pmml: out of memory\n");
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
        b->res[j] = init;
        b->res[j].type = PMML_COL_STRING;
        b->res[j].data = b->vals + j;
        b->res[j].stride = nout * sizeof *b->vals;
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
    free(b->cells);
    free(b->offs);
    free(b->bytes);
    free(b->cols);
    free(b->res);
    free(b->vals);
    free(b->status);
    pmml_scorer_free(b->scorer);
}

/* Reads up to BATCH records into b; returns 1 at the end of the input, -1
 * on a read error (reported), 0 otherwise. */
static int read_batch(stream *st, slot *b)
{
    pm_csv *csv = &st->csv;
    size_t ncols = st->ncols, r, j;
    int end = 0;
    b->nrows = 0;
    b->nbytes = 0;
    while (b->nrows < BATCH) {
        size_t row = b->nrows;
        int k = pm_csv_next(csv);
        if (k < 0) {
            fprintf(stderr, "pmml: %s: cannot read: %s\n", st->inname,
                    csv->io_errno ? strerror(csv->io_errno) : "out of memory");
            end = -1;
            break;
        }
        if (k == 0) {
            end = 1;
            break;
        }
        /* a blank line is no record unless the input has a single column */
        if (csv->ncells == 1 && csv->cells[0].len == 0 && !csv->cells[0].quoted &&
            st->nheader > 1)
            continue;
        b->lines[row] = csv->line;
        free(b->errors[row]);
        b->errors[row] = NULL;
        if (csv->error[0] || csv->ncells != st->nheader) {
            char msg[300];
            if (csv->error[0])
                snprintf(msg, sizeof msg, "%s", csv->error);
            else
                snprintf(msg, sizeof msg, "%zu cell%s, the header has %zu", csv->ncells,
                         csv->ncells == 1 ? "" : "s", st->nheader);
            b->errors[row] = strdup(msg);
            for (j = 0; j < ncols; j++)
                b->offs[row * ncols + j] = (size_t)-1;
        } else {
            for (j = 0; j < ncols; j++) {
                const pm_csv_cell *cell = &csv->cells[st->src[j]];
                if (cell->len == 0) {
                    b->offs[row * ncols + j] = (size_t)-1; /* empty cell: missing */
                    continue;
                }
                b->offs[row * ncols + j] = b->nbytes;
                b->cells[row * ncols + j].len = cell->len;
                if (add_bytes(b, cell->ptr, cell->len) < 0) {
                    fprintf(stderr, "pmml: out of memory\n");
                    return -1;
                }
            }
        }
        b->nrows++;
    }
    for (r = 0; r < b->nrows; r++)
        for (j = 0; j < ncols; j++) {
            size_t off = b->offs[r * ncols + j];
            b->cells[r * ncols + j].ptr = off == (size_t)-1 ? NULL : b->bytes + off;
        }
    return end;
}

static void score_batch(slot *b)
{
    b->failed = b->nrows && pmml_scorer_score(b->scorer, b->cols, b->nrows, b->res,
                                              b->status) != PMML_OK;
}

/* Hands a scored batch to the sink; returns an exit status. */
static int sink_batch(stream *st, slot *b, pm_row_sink sink, void *payload)
{
    size_t r, nout = st->nout;
    if (b->failed) {
        fprintf(stderr, "pmml: internal error: the batch was refused\n");
        return EXIT_INPUT;
    }
    for (r = 0; r < b->nrows; r++) {
        const char *error = b->errors[r];
        int k;
        if (!error && b->status[r] != PMML_OK) {
            const char *why = pmml_scorer_message(b->scorer, r);
            error = why ? why : pmml_strerror(b->status[r]);
        }
        k = sink(payload, b->lines[r], error ? NULL : b->vals + r * nout, nout, error);
        if (k != EXIT_OK)
            return k;
    }
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
 * (none when 1: the main thread scores). */
static int run(stream *st, int nthreads, pm_row_sink sink, void *payload)
{
    pthread_t th[MAX_THREADS];
    int started = 0, rc = EXIT_OK, end = 0, read_error = 0, i;
    size_t next_in = 0, next_out = 0;

    if (nthreads <= 1) {
        slot *b = &st->slots[0];
        while (!end && rc == EXIT_OK) {
            end = read_batch(st, b);
            score_batch(b);
            rc = sink_batch(st, b, sink, payload);
        }
        return rc == EXIT_OK && end < 0 ? EXIT_INPUT : rc;
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
            end = read_batch(st, b);
            if (end < 0)
                read_error = 1; /* what was read still goes out */
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
        rc = sink_batch(st, b, sink, payload);
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
    return rc == EXIT_OK && read_error ? EXIT_INPUT : rc;
}

int pm_stream_csv(pmml_model *m, FILE *in, const char *inname, const pm_stream_opts *o,
                  pm_header_sink header, pm_row_sink sink, void *payload)
{
    stream st;
    size_t i, j;
    int rc = EXIT_OK, k, nthreads = o->threads > 0 ? o->threads : 1;

    if (nthreads > MAX_THREADS)
        nthreads = MAX_THREADS;
    /* a model that looks back at earlier rows (Lag) needs them all through
     * one scorer, in order */
    if (pmml_model_is_sequential(m))
        nthreads = 1;
    memset(&st, 0, sizeof st);
    st.m = m;
    st.inname = inname;
    pm_csv_init(&st.csv, in, o->delim, o->quote);

    /* the header maps CSV columns to model inputs by name */
    k = pm_csv_next(&st.csv);
    if (k <= 0 || st.csv.error[0]) {
        if (k < 0)
            fprintf(stderr, "pmml: %s: cannot read: %s\n", inname, strerror(st.csv.io_errno));
        else if (k == 0)
            fprintf(stderr, "pmml: %s: the input is empty (a header line is required)\n",
                    inname);
        else
            fprintf(stderr, "pmml: %s:%zu: header: %s\n", inname, st.csv.line, st.csv.error);
        rc = EXIT_INPUT;
        goto done;
    }
    st.nheader = st.csv.ncells;
    st.src = calloc(st.nheader + 1, sizeof *st.src);
    st.proto = calloc(st.nheader + 1, sizeof *st.proto);
    if (!st.src || !st.proto) {
        fprintf(stderr, "pmml: out of memory\n");
        rc = EXIT_INPUT;
        goto done;
    }
    for (j = 0; j < st.nheader; j++) {
        char name[4096];
        size_t len = st.csv.cells[j].len < sizeof name - 1 ? st.csv.cells[j].len
                                                           : sizeof name - 1;
        long f;
        memcpy(name, st.csv.cells[j].ptr, len);
        name[len] = '\0';
        f = pmml_model_input_index(m, name);
        if (f < 0)
            continue; /* not a model input: ignored */
        for (i = 0; i < st.ncols; i++) {
            if (strcmp(st.proto[i].name, pmml_model_input_name(m, (size_t)f)) == 0) {
                fprintf(stderr, "pmml: %s:%zu: the column '%s' appears twice in the header\n",
                        inname, st.csv.line, name);
                rc = EXIT_INPUT;
                goto done;
            }
        }
        st.proto[st.ncols].version = PMML_COLUMN_VERSION;
        st.proto[st.ncols].type = PMML_COL_STRVIEW;
        st.proto[st.ncols].name = pmml_model_input_name(m, (size_t)f);
        st.src[st.ncols] = j;
        st.ncols++;
    }
    st.nout = pmml_model_output_count(m);
    /* two batches per thread in flight keep the threads busy while the main
     * thread reads and writes */
    st.nslots = nthreads > 1 ? (size_t)nthreads * 2 + 1 : 1;
    st.slots = calloc(st.nslots, sizeof *st.slots);
    if (!st.slots) {
        fprintf(stderr, "pmml: out of memory\n");
        rc = EXIT_INPUT;
        goto done;
    }
    for (i = 0; i < st.nslots; i++)
        if ((rc = slot_init(&st, &st.slots[i])) != EXIT_OK)
            goto done;
    if (header && (rc = header(payload, m, st.nout)) != EXIT_OK)
        goto done;
    rc = run(&st, nthreads, sink, payload);
done:
    pm_csv_free(&st.csv);
    for (i = 0; st.slots && i < st.nslots; i++)
        slot_free(&st.slots[i]);
    free(st.slots);
    free(st.src);
    free(st.proto);
    return rc;
}
