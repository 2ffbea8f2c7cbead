/* verify.c - pmml verify: a model's ModelVerification records, or scores
 * of an input CSV against an expected CSV. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/stream.h"
#include "io/csv.h"
#include "io/input.h"

typedef struct checker {
    pm_csv expected;
    const char *expname;
    size_t nexp;            /* expected columns */
    long *result_col;       /* expected column -> result column, or -1 */
    char **names;
    double rel, abs_;
    size_t rows, mismatches;
    int shown;
} checker;

static void report_embedded(const pmml_mismatch *mm, void *payload)
{
    (void)payload;
    if (mm->message)
        printf("record %zu: cannot be scored: %s\n", mm->record, mm->message);
    else
        printf("record %zu, %s: expected '%s', got '%s'\n", mm->record, mm->field,
               mm->expected, mm->actual);
}

static int is_number(const char *s, double *out)
{
    char *end;
    if (!*s)
        return 0;
    *out = strtod(s, &end);
    return *end == '\0';
}

static int cells_equal(const char *e, const char *a, double rel, double abs_)
{
    double x, y;
    if (!*e || !*a)
        return !*e && !*a;
    if (is_number(e, &x) && is_number(a, &y)) {
        if (isnan(x) || isnan(y))
            return isnan(x) && isnan(y);
        return fabs(x - y) <= abs_ || fabs(x - y) <= rel * fmax(fabs(x), fabs(y));
    }
    return strcmp(e, a) == 0;
}

static int check_header(void *payload, const pmml_model *m, const char *const *copy_names,
                        size_t ncopy)
{
    checker *c = payload;
    size_t j, k, nout = pmml_model_output_count(m);
    int st = pm_csv_next(&c->expected);
    (void)copy_names;
    (void)ncopy;
    if (st <= 0 || c->expected.error[0]) {
        fprintf(stderr, "pmml: %s: cannot read the header of the expected results\n",
                c->expname);
        return EXIT_INPUT;
    }
    c->nexp = c->expected.ncells;
    c->result_col = calloc(c->nexp + 1, sizeof *c->result_col);
    c->names = calloc(c->nexp + 1, sizeof *c->names);
    if (!c->result_col || !c->names)
        return EXIT_INPUT;
    for (j = 0; j < c->nexp; j++) {
        c->names[j] = strndup(c->expected.cells[j].ptr, c->expected.cells[j].len);
        if (!c->names[j])
            return EXIT_INPUT;
        c->result_col[j] = -1;
        for (k = 0; k < nout; k++)
            if (strcmp(pmml_model_output_name(m, k), c->names[j]) == 0)
                c->result_col[j] = (long)k;
        if (c->result_col[j] < 0) {
            fprintf(stderr, "pmml: %s: the model has no result column '%s'\n", c->expname,
                    c->names[j]);
            return EXIT_INPUT;
        }
    }
    return EXIT_OK;
}

static int check_row(void *payload, const pm_row *row)
{
    checker *c = payload;
    size_t j, line = row->line;
    const char *error = row->error;
    int st;
    do {
        st = pm_csv_next(&c->expected);
    } while (st == 1 && c->expected.ncells == 1 && c->expected.cells[0].len == 0 &&
             c->nexp > 1);
    c->rows++;
    if (st != 1) {
        fprintf(stderr, "pmml: %s: fewer expected rows than input rows\n", c->expname);
        return EXIT_INPUT;
    }
    if (c->expected.ncells != c->nexp) {
        fprintf(stderr, "pmml: %s:%zu: %zu cells, the header has %zu\n", c->expname,
                c->expected.line, c->expected.ncells, c->nexp);
        return EXIT_INPUT;
    }
    for (j = 0; j < c->nexp; j++) {
        char exp[512];
        const pm_csv_cell *cell = &c->expected.cells[j];
        const char *act = row->vals ? row->vals[c->result_col[j]].s : NULL;
        size_t n = cell->len < sizeof exp - 1 ? cell->len : sizeof exp - 1;
        memcpy(exp, cell->ptr, n);
        exp[n] = '\0';
        if (!act)
            act = "";
        if (!error && cells_equal(exp, act, c->rel, c->abs_))
            continue;
        c->mismatches++;
        if (error)
            printf("input line %zu: cannot be scored: %s\n", line, error);
        else
            printf("input line %zu, %s: expected '%s', got '%s'\n", line, c->names[j], exp,
                   act);
        if (error)
            break;
    }
    return EXIT_OK;
}

/* A tolerance: a non-negative number, or NaN when the text is not one. */
static double number_arg(const char *s)
{
    char *end;
    double d = strtod(s, &end);
    return end == s || *end != '\0' || !(d >= 0) ? NAN : d;
}

int pmml_cli_verify(int argc, char **argv)
{
    const char *model = NULL, *input = NULL, *expected = NULL;
    double rel = 1e-9, abs_ = -1;
    pmml_model *m = NULL;
    pmml_error err;
    int i, rc;
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--input") == 0 && i + 1 < argc)
            input = argv[++i];
        else if (strcmp(argv[i], "--expected") == 0 && i + 1 < argc)
            expected = argv[++i];
        else if (strcmp(argv[i], "--tolerance") == 0 && i + 1 < argc)
            rel = number_arg(argv[++i]);
        else if (strcmp(argv[i], "--absolute") == 0 && i + 1 < argc) {
            abs_ = number_arg(argv[++i]);
            if (!(abs_ >= 0))
                rel = NAN;
        }
        else if (argv[i][0] != '-' && !model)
            model = argv[i];
        else
            model = NULL, i = argc + 1;
    }
    if (!model || i > argc || (!input) != (!expected) || !(rel >= 0)) {
        fprintf(stderr, "usage: pmml verify MODEL [--input INPUT.csv --expected EXPECTED.csv "
                        "[--tolerance REL] [--absolute ABS]]\n");
        return EXIT_USAGE;
    }
    if (abs_ < 0)
        abs_ = rel;
    if (pmml_model_load_file(&m, model, NULL, &err) != PMML_OK) {
        pmml_cli_print_error(model, &err);
        return EXIT_MODEL;
    }
    if (!input) {
        size_t records = 0, bad = 0;
        rc = pmml_model_verify(m, report_embedded, NULL, &records, &bad);
        if (rc == PMML_ERR_PMML) {
            fprintf(stderr, "pmml: %s: the model has no ModelVerification records\n", model);
            rc = EXIT_INPUT;
        } else if (rc != PMML_OK) {
            fprintf(stderr, "pmml: %s: %s\n", model, pmml_strerror(rc));
            rc = EXIT_INPUT;
        } else {
            printf("%s: %zu record%s, %zu mismatch%s\n", model, records, records == 1 ? "" : "s",
                   bad, bad == 1 ? "" : "es");
            rc = bad ? EXIT_MISMATCH : EXIT_OK;
        }
    } else {
        checker c;
        /* - is a file name here, as the manual says: not standard input */
        const char *path = strcmp(input, "-") == 0 ? "./-" : input;
        int in_ok = pm_input_check(path) == 0;
        FILE *ex = in_ok ? fopen(expected, "rb") : NULL;
        pm_stream_opts so;
        pm_sink sink;
        size_t j;
        memset(&c, 0, sizeof c);
        memset(&so, 0, sizeof so);
        so.delim = ',';
        so.quote = '"';
        so.threads = 1;
        sink.header = check_header;
        sink.row = check_row;
        sink.batch_end = NULL;
        sink.payload = &c;
        if (!in_ok || !ex) {
            fprintf(stderr, "pmml: cannot open %s: %s\n", !in_ok ? input : expected,
                    strerror(errno));
            pmml_model_free(m);
            return EXIT_INPUT;
        }
        pm_csv_init(&c.expected, ex, ',', '"');
        c.expname = expected;
        c.rel = rel;
        c.abs_ = abs_;
        rc = pm_stream_csv(m, &path, 1, &so, &sink);
        if (rc == EXIT_OK) {
            int st;
            do {
                st = pm_csv_next(&c.expected);
            } while (st == 1 && c.expected.ncells == 1 && c.expected.cells[0].len == 0);
            if (st == 1) {
                fprintf(stderr, "pmml: %s: more expected rows than input rows\n", expected);
                rc = EXIT_INPUT;
            }
        }
        if (rc == EXIT_OK) {
            printf("%s: %zu row%s, %zu mismatch%s\n", model, c.rows, c.rows == 1 ? "" : "s",
                   c.mismatches, c.mismatches == 1 ? "" : "es");
            rc = c.mismatches ? EXIT_MISMATCH : EXIT_OK;
        }
        for (j = 0; j < c.nexp; j++)
            free(c.names ? c.names[j] : NULL);
        free(c.names);
        free(c.result_col);
        pm_csv_free(&c.expected);
        fclose(ex);
    }
    pmml_model_free(m);
    return rc;
}
