/* score.c - pmml score: CSV rows through a model, CSV results out. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/stream.h"
#include "io/csv.h"

enum { ON_ERROR_COLUMN = 0, ON_ERROR_SKIP, ON_ERROR_FAIL };

typedef struct score_opts {
    const char *model;
    const char *input;
    const char *output;
    int on_error;
    pm_stream_opts csv;
    int reference;          /* row-at-a-time evaluator only */
} score_opts;

typedef struct writer {
    FILE *out;
    const char *inname;
    const score_opts *o;
} writer;

static int parse_args(int argc, char **argv, score_opts *o)
{
    int i, pos = 0;
    memset(o, 0, sizeof *o);
    o->csv.delim = ',';
    o->csv.quote = '"';
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (++i >= argc)
                return -1;
            o->output = argv[i];
        } else if (strncmp(a, "--on-error=", 11) == 0 || strcmp(a, "--on-error") == 0) {
            const char *v = a[10] == '=' ? a + 11 : (++i < argc ? argv[i] : NULL);
            if (!v)
                return -1;
            if (strcmp(v, "column") == 0)
                o->on_error = ON_ERROR_COLUMN;
            else if (strcmp(v, "skip") == 0)
                o->on_error = ON_ERROR_SKIP;
            else if (strcmp(v, "fail") == 0)
                o->on_error = ON_ERROR_FAIL;
            else
                return -1;
        } else if (strcmp(a, "--threads") == 0 || strncmp(a, "--threads=", 10) == 0) {
            const char *v = a[9] == '=' ? a + 10 : (++i < argc ? argv[i] : NULL);
            char *end;
            long n;
            if (!v)
                return -1;
            n = strtol(v, &end, 10);
            if (end == v || *end || n < 0 || n > 256)
                return -1;
            if (n == 0) {
                /* 0: one per online processor */
                n = sysconf(_SC_NPROCESSORS_ONLN);
                if (n < 1)
                    n = 1;
                if (n > 256)
                    n = 256;
            }
            o->csv.threads = (int)n;
        } else if (strcmp(a, "--reference") == 0) {
            o->reference = 1;
        } else if (a[0] == '-' && a[1] != '\0') {
            return -1;
        } else if (pos == 0) {
            o->model = a;
            pos++;
        } else if (pos == 1) {
            o->input = a;
            pos++;
        } else {
            return -1;
        }
    }
    return o->model ? 0 : -1;
}

static int write_header(void *payload, const pmml_model *m, size_t nout)
{
    writer *w = payload;
    const score_opts *o = w->o;
    size_t j;
    for (j = 0; j < nout; j++) {
        const char *name = pmml_model_output_name(m, j);
        if (j)
            putc(o->csv.delim, w->out);
        pm_csv_write_cell(w->out, name, strlen(name), o->csv.delim, o->csv.quote, nout == 1);
    }
    if (o->on_error == ON_ERROR_COLUMN) {
        if (nout)
            putc(o->csv.delim, w->out);
        fputs("error", w->out);
    }
    putc('\n', w->out);
    return EXIT_OK;
}

static int write_row(void *payload, size_t line, const char *const *vals, size_t nout,
                     const char *error)
{
    writer *w = payload;
    const score_opts *o = w->o;
    int only = nout == 1 && o->on_error != ON_ERROR_COLUMN;
    size_t j;
    if (error && o->on_error != ON_ERROR_COLUMN) {
        fprintf(stderr, "pmml: %s:%zu: %s\n", w->inname, line, error);
        return o->on_error == ON_ERROR_FAIL ? EXIT_ROWS : EXIT_OK;
    }
    for (j = 0; j < nout; j++) {
        const char *v = vals ? vals[j] : NULL;
        if (j)
            putc(o->csv.delim, w->out);
        pm_csv_write_cell(w->out, v ? v : "", v ? strlen(v) : 0, o->csv.delim, o->csv.quote,
                          only);
    }
    if (o->on_error == ON_ERROR_COLUMN) {
        if (nout)
            putc(o->csv.delim, w->out);
        if (error) {
            char msg[700];
            int n = snprintf(msg, sizeof msg, "line %zu: %s", line, error);
            pm_csv_write_cell(w->out, msg, n > 0 ? strlen(msg) : 0, o->csv.delim,
                              o->csv.quote, 0);
        }
    }
    putc('\n', w->out);
    return EXIT_OK;
}

int pmml_cli_score(int argc, char **argv)
{
    score_opts o;
    pmml_model *m = NULL;
    pmml_error err;
    FILE *in = stdin, *out = stdout;
    writer w;
    int rc;

    if (parse_args(argc, argv, &o) != 0) {
        fprintf(stderr, "usage: pmml score MODEL [INPUT|-] [-o OUTPUT] "
                        "[--on-error column|skip|fail] [--threads N] [--reference]\n");
        return EXIT_USAGE;
    }
    {
        pmml_load_options lo = PMML_LOAD_OPTIONS_INIT;
        if (o.reference)
            lo.flags |= PMML_LOAD_REFERENCE;
        rc = pmml_model_load_file(&m, o.model, &lo, &err);
    }
    if (rc != PMML_OK) {
        pmml_cli_print_error(o.model, &err);
        return EXIT_MODEL;
    }
    w.inname = "<stdin>";
    if (o.input && strcmp(o.input, "-") != 0) {
        in = fopen(o.input, "rb");
        if (!in) {
            fprintf(stderr, "pmml: cannot open %s: %s\n", o.input, strerror(errno));
            pmml_model_free(m);
            return EXIT_INPUT;
        }
        w.inname = o.input;
    }
    if (o.output && strcmp(o.output, "-") != 0) {
        out = fopen(o.output, "wb");
        if (!out) {
            fprintf(stderr, "pmml: cannot create %s: %s\n", o.output, strerror(errno));
            if (in != stdin)
                fclose(in);
            pmml_model_free(m);
            return EXIT_OUTPUT;
        }
    }
    w.out = out;
    w.o = &o;
    rc = pm_stream_csv(m, in, w.inname, &o.csv, write_header, write_row, &w);
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "pmml: cannot write the output: %s\n", strerror(errno));
        if (rc == EXIT_OK)
            rc = EXIT_OUTPUT;
    }
    if (out != stdout)
        fclose(out);
    if (in != stdin)
        fclose(in);
    pmml_model_free(m);
    return rc;
}
