/* stream.c - CSV rows in, result rows out, in batches through the C API. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/stream.h"
#include "io/csv.h"

#define BATCH 1024

typedef struct batch {
    size_t *src;            /* bound column -> CSV column */
    pmml_strview *cells;    /* BATCH x nbound, row-major */
    char *bytes;            /* the rows' cell bytes */
    size_t nbytes, capbytes;
    size_t *offs;           /* cell offsets into bytes, (size_t)-1 for missing */
    char **errors;          /* per row: CSV problem, or NULL */
    size_t *lines;          /* per row: input line */
    size_t nrows;
} batch;

static int add_bytes(batch *b, const char *s, size_t n)
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

int pm_stream_csv(pmml_model *m, FILE *in, const char *inname, const pm_stream_opts *o,
                  pm_header_sink header, pm_row_sink sink, void *payload)
{
    pmml_scorer *s = NULL;
    pmml_error err;
    pm_csv csv;
    batch b;
    pmml_column *cols = NULL;
    pmml_result *res = NULL;
    const char **vals = NULL;
    int *status = NULL;
    size_t ncols = 0, nout, nheader, i, j, r;
    int rc = EXIT_OK, st;

    memset(&b, 0, sizeof b);
    pm_csv_init(&csv, in, o->delim, o->quote);

    /* the header maps CSV columns to model inputs by name */
    st = pm_csv_next(&csv);
    if (st <= 0 || csv.error[0]) {
        if (st < 0)
            fprintf(stderr, "pmml: %s: cannot read: %s\n", inname, strerror(csv.io_errno));
        else if (st == 0)
            fprintf(stderr, "pmml: %s: the input is empty (a header line is required)\n",
                    inname);
        else
            fprintf(stderr, "pmml: %s:%zu: header: %s\n", inname, csv.line, csv.error);
        rc = EXIT_INPUT;
        goto done;
    }
    nheader = csv.ncells;
    b.src = calloc(nheader + 1, sizeof *b.src);
    cols = calloc(nheader + 1, sizeof *cols);
    if (!b.src || !cols)
        goto nomem;
    for (j = 0; j < nheader; j++) {
        char name[4096];
        size_t len = csv.cells[j].len < sizeof name - 1 ? csv.cells[j].len : sizeof name - 1;
        long f;
        memcpy(name, csv.cells[j].ptr, len);
        name[len] = '\0';
        f = pmml_model_input_index(m, name);
        if (f < 0)
            continue; /* not a model input: ignored */
        for (i = 0; i < ncols; i++) {
            if (strcmp(cols[i].name, pmml_model_input_name(m, (size_t)f)) == 0) {
                fprintf(stderr, "pmml: %s:%zu: the column '%s' appears twice in the header\n",
                        inname, csv.line, name);
                rc = EXIT_INPUT;
                goto done;
            }
        }
        cols[ncols].version = PMML_COLUMN_VERSION;
        cols[ncols].type = PMML_COL_STRVIEW;
        cols[ncols].name = pmml_model_input_name(m, (size_t)f);
        b.src[ncols] = j;
        ncols++;
    }
    if (pmml_scorer_new(&s, m, cols, ncols, &err) != PMML_OK) {
        fprintf(stderr, "pmml: %s: %s\n", inname, err.message);
        rc = EXIT_INPUT;
        goto done;
    }
    nout = pmml_model_output_count(m);
    res = calloc(nout + 1, sizeof *res);
    vals = calloc((nout + 1) * BATCH, sizeof *vals);
    status = calloc(BATCH, sizeof *status);
    b.cells = calloc((ncols + 1) * BATCH, sizeof *b.cells);
    b.offs = calloc((ncols + 1) * BATCH, sizeof *b.offs);
    b.errors = calloc(BATCH, sizeof *b.errors);
    b.lines = calloc(BATCH, sizeof *b.lines);
    if (!res || !vals || !status || !b.cells || !b.offs || !b.errors || !b.lines)
        goto nomem;
    for (j = 0; j < nout; j++) {
        pmml_result init = PMML_RESULT_INIT;
        res[j] = init;
        res[j].type = PMML_COL_STRING;
        res[j].data = vals + j;
        res[j].stride = (nout ? nout : 1) * sizeof *vals;
    }
    if (header && (rc = header(payload, m, nout)) != EXIT_OK)
        goto done;

    for (;;) {
        int eof = 0;
        b.nrows = 0;
        b.nbytes = 0;
        while (b.nrows < BATCH) {
            size_t row = b.nrows;
            st = pm_csv_next(&csv);
            if (st < 0) {
                fprintf(stderr, "pmml: %s: cannot read: %s\n", inname,
                        csv.io_errno ? strerror(csv.io_errno) : "out of memory");
                rc = EXIT_INPUT;
                eof = 1;
                break;
            }
            if (st == 0) {
                eof = 1;
                break;
            }
            /* a blank line is no record unless the input has a single column */
            if (csv.ncells == 1 && csv.cells[0].len == 0 && !csv.cells[0].quoted && nheader > 1)
                continue;
            b.lines[row] = csv.line;
            free(b.errors[row]);
            b.errors[row] = NULL;
            if (csv.error[0] || csv.ncells != nheader) {
                char msg[300];
                if (csv.error[0])
                    snprintf(msg, sizeof msg, "%s", csv.error);
                else
                    snprintf(msg, sizeof msg, "%zu cell%s, the header has %zu", csv.ncells,
                             csv.ncells == 1 ? "" : "s", nheader);
                b.errors[row] = strdup(msg);
                for (j = 0; j < ncols; j++)
                    b.offs[row * ncols + j] = (size_t)-1;
            } else {
                for (j = 0; j < ncols; j++) {
                    const pm_csv_cell *cell = &csv.cells[b.src[j]];
                    if (cell->len == 0) {
                        b.offs[row * ncols + j] = (size_t)-1; /* empty cell: missing */
                        continue;
                    }
                    b.offs[row * ncols + j] = b.nbytes;
                    b.cells[row * ncols + j].len = cell->len;
                    if (add_bytes(&b, cell->ptr, cell->len) < 0)
                        goto nomem;
                }
            }
            b.nrows++;
        }
        for (r = 0; r < b.nrows; r++)
            for (j = 0; j < ncols; j++) {
                size_t off = b.offs[r * ncols + j];
                b.cells[r * ncols + j].ptr = off == (size_t)-1 ? NULL : b.bytes + off;
            }
        for (j = 0; j < ncols; j++) {
            cols[j].data = b.cells + j;
            cols[j].stride = ncols * sizeof *b.cells;
        }
        if (b.nrows && pmml_scorer_score(s, cols, b.nrows, res, status) != PMML_OK) {
            fprintf(stderr, "pmml: internal error: the batch was refused\n");
            rc = EXIT_INPUT;
            goto done;
        }
        for (r = 0; r < b.nrows; r++) {
            const char *error = b.errors[r];
            int k;
            if (!error && status[r] != PMML_OK) {
                const char *why = pmml_scorer_message(s, r);
                error = why ? why : pmml_strerror(status[r]);
            }
            k = sink(payload, b.lines[r], error ? NULL : vals + r * nout, nout, error);
            if (k != EXIT_OK) {
                rc = k;
                goto done;
            }
        }
        if (eof)
            break;
    }
    goto done;
nomem:
    fprintf(stderr, "pmml: out of memory\n");
    rc = EXIT_INPUT;
done:
    pm_csv_free(&csv);
    if (b.errors)
        for (r = 0; r < BATCH; r++)
            free(b.errors[r]);
    free(b.errors);
    free(b.lines);
    free(b.src);
    free(b.cells);
    free(b.offs);
    free(b.bytes);
    free(cols);
    free(res);
    free(vals);
    free(status);
    pmml_scorer_free(s);
    return rc;
}
