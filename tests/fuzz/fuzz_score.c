/* fuzz_score.c - load a model, then score rows made from the input.
 *
 * The input is a PMML document, optionally followed by a NUL byte and bytes
 * that drive the rows: for every input field of every row one byte picks
 * missing, one of the field's valid values, a number, a special number
 * (NaN, infinities, huge, tiny, -0) or a piece of text.  Every row is scored
 * through string columns and through double columns, by a fresh scorer and
 * by one reused for several batches, the second time counting statistics,
 * which are then read and written as JSON. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pmml.h"
#include "fuzz.h"

#define MAX_ROWS 16
#define MAX_FIELDS 64

typedef struct bytes {
    const uint8_t *p;
    size_t n, off;
} bytes;

static unsigned next(bytes *b)
{
    static const uint8_t dflt[] = { 1, 2, 3, 4, 5, 0, 7, 8, 9, 10, 11, 12, 13 };
    if (b->n == 0)
        return dflt[b->off++ % sizeof dflt];
    return b->p[b->off++ % b->n];
}

static void make_value(const pmml_model *m, size_t f, bytes *b, char *text, size_t cap,
                       double *num, int *missing)
{
    static const double special[] = { NAN, INFINITY, -INFINITY, 1e308, -1e308, 5e-324,
                                      -0.0, 0.5, 1e15, 2147483648.0 };
    static const char *const words[] = { "", " ", "a", "NA", "true", "false", "1e999",
                                         "-0", "2026-11-28", "13:05:00",
                                         "2026-11-28T13:05:00", "\xff\xfe", "x y" };
    unsigned k = next(b);
    size_t nv = pmml_model_input_value_count(m, f);
    *missing = 0;
    switch (k % 6) {
    case 0:
        *missing = 1;
        *num = NAN;
        text[0] = '\0';
        return;
    case 1:
        if (nv) {
            const char *v = pmml_model_input_value(m, f, next(b) % nv);
            snprintf(text, cap, "%s", v ? v : "");
            *num = strtod(text, NULL);
            return;
        }
        /* fall through */
    case 2:
        *num = (double)(int)(next(b) | next(b) << 8) / 16.0 - 2048.0;
        snprintf(text, cap, "%.17g", *num);
        return;
    case 3:
        *num = special[next(b) % (sizeof special / sizeof special[0])];
        snprintf(text, cap, "%.17g", *num);
        return;
    case 4:
        snprintf(text, cap, "%s", words[next(b) % (sizeof words / sizeof words[0])]);
        *num = strtod(text, NULL);
        return;
    default: {
        size_t len = next(b) % 12, i;
        for (i = 0; i < len && i + 1 < cap; i++)
            text[i] = (char)next(b);
        text[i] = '\0';
        *num = (double)next(b);
        return;
    }
    }
}

static int count_bytes(const char *data, size_t len, void *payload)
{
    (void)data;
    *(size_t *)payload += len;
    return 0;
}

/* The statistics of scorer s, which scored `rows` rows: read, checked and
 * written. */
static void check_stats(const pmml_model *m, const pmml_scorer *s, size_t rows)
{
    pmml_stats *st = NULL;
    size_t len = 0;
    if (pmml_stats_new(&st, m) != PMML_OK)
        return;
    if (pmml_stats_add_scorer(st, s) != PMML_OK ||
        pmml_stats_count(st, PMML_STATS_ROWS) != rows ||
        pmml_stats_write_json(st, count_bytes, &len) != PMML_OK || len == 0)
        abort();
    pmml_stats_free(st);
}

static void score_rows(const pmml_model *m, bytes *b)
{
    size_t nin = pmml_model_input_count(m), nout = pmml_model_output_count(m);
    size_t nrows = 1 + next(b) % MAX_ROWS, i, r, pass;
    static char text[MAX_FIELDS][MAX_ROWS][32];
    static const char *sp[MAX_FIELDS][MAX_ROWS];
    static double num[MAX_FIELDS][MAX_ROWS];
    static double dout[MAX_FIELDS][MAX_ROWS];
    static const char *sout[MAX_FIELDS][MAX_ROWS];
    static uint8_t valid[MAX_FIELDS][MAX_ROWS];
    pmml_column cols[MAX_FIELDS];
    pmml_result res[MAX_FIELDS];
    int status[MAX_ROWS];
    if (nin > MAX_FIELDS || nout > MAX_FIELDS)
        return;
    for (i = 0; i < nin; i++)
        for (r = 0; r < nrows; r++) {
            int missing;
            make_value(m, i, b, text[i][r], sizeof text[i][r], &num[i][r], &missing);
            sp[i][r] = missing ? NULL : text[i][r];
        }
    for (pass = 0; pass < 2; pass++) {
        pmml_scorer *s = NULL;
        for (i = 0; i < nin; i++) {
            pmml_column init = PMML_COLUMN_INIT;
            int dt = pmml_model_input_datatype(m, i);
            int numeric = dt == PMML_TYPE_DOUBLE || dt == PMML_TYPE_FLOAT ||
                          dt == PMML_TYPE_INTEGER;
            cols[i] = init;
            cols[i].name = pmml_model_input_name(m, i);
            if (pass == 1 && numeric) {
                cols[i].type = PMML_COL_DOUBLE;
                cols[i].data = num[i];
            } else {
                cols[i].type = PMML_COL_STRING;
                cols[i].data = sp[i];
            }
        }
        for (i = 0; i < nout; i++) {
            pmml_result init = PMML_RESULT_INIT;
            int dt = pmml_model_output_datatype(m, i);
            res[i] = init;
            if (dt == PMML_TYPE_DOUBLE || dt == PMML_TYPE_FLOAT || dt == PMML_TYPE_INTEGER) {
                res[i].type = PMML_COL_DOUBLE;
                res[i].data = dout[i];
            } else {
                res[i].type = PMML_COL_STRING;
                res[i].data = sout[i];
            }
            res[i].valid = valid[i];
        }
        if (pmml_scorer_new(&s, m, cols, nin, NULL) != PMML_OK)
            continue;
        (void)pmml_scorer_stats_enable(s, pass == 1);
        if (pmml_scorer_score(s, cols, nrows, res, status) != PMML_OK)
            abort();
        for (r = 0; r < nrows; r++) {
            if (status[r] != PMML_OK && pmml_scorer_message(s, r) == NULL)
                abort();
            for (i = 0; i < nout; i++)
                if (res[i].type == PMML_COL_STRING && valid[i][r] && sout[i][r] == NULL)
                    abort();
        }
        /* the same scorer again, one row at a time */
        for (r = 0; r < nrows && r < 4; r++) {
            int st;
            pmml_column one[MAX_FIELDS];
            memcpy(one, cols, nin * sizeof *cols);
            for (i = 0; i < nin; i++)
                one[i].data = cols[i].type == PMML_COL_DOUBLE ? (const void *)&num[i][r]
                                                              : (const void *)&sp[i][r];
            if (pmml_scorer_score(s, one, 1, NULL, &st) != PMML_OK)
                abort();
        }
        if (pass == 1)
            check_stats(m, s, nrows + (nrows < 4 ? nrows : 4));
        pmml_scorer_free(s);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t model_len = nul ? (size_t)(nul - data) : size;
    pmml_load_options o = PMML_LOAD_OPTIONS_INIT;
    pmml_model *m = NULL;
    bytes b;
    o.max_document_bytes = 1 << 20;
    if (pmml_model_load_memory(&m, data, model_len, "fuzz.pmml", &o, NULL) != PMML_OK)
        return 0;
    b.p = nul ? nul + 1 : NULL;
    b.n = nul ? size - model_len - 1 : 0;
    b.off = 0;
    score_rows(m, &b);
    pmml_model_free(m);
    return 0;
}
