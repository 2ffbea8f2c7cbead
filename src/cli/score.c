/* score.c - pmml score: CSV rows through a model, CSV, TSV or JSON lines
 * out. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/stream.h"
#include "io/input.h"
#include "io/write.h"

enum { ON_ERROR_COLUMN = 0, ON_ERROR_SKIP, ON_ERROR_FAIL };
enum { FORMAT_CSV = 0, FORMAT_TSV, FORMAT_JSONL };

typedef struct name_list {
    const char **items;
    size_t n, cap;
    char **owned;           /* the copies of the option values they point into */
    size_t nowned;
} name_list;

typedef struct score_opts {
    const char *model;
    const char **inputs;
    size_t ninputs;
    const char *output;
    int on_error;
    int format;
    int precision;          /* 0: shortest round trip (the library's text) */
    int progress;           /* -1: when stderr is a terminal */
    int threads;            /* -1: every processor */
    int reference;          /* row-at-a-time evaluator only */
    char delim;
    int quote;              /* < 0: none */
    name_list missing, copy, columns;
    int copy_all;
    int mode;               /* MODE_* */
    const char *stats;      /* --stats FILE: the statistics as JSON */
} score_opts;

/* score: write results; stats: only the statistics, as JSON; drift: only the
 * drift report. */
enum { MODE_SCORE = 0, MODE_STATS, MODE_DRIFT };
static const char *const mode_names[] = { "score", "stats", "drift" };

typedef struct writer {
    pm_writer w;
    const score_opts *o;
    const pmml_model *m;
    size_t *sel;            /* the result columns written, in order */
    size_t nsel;
    int *kind;              /* per result column: PMML_JSON_* */
    int *types;             /* per result column: what the stream asks for */
    const char *const *copy_names;
    size_t ncopy;
    pm_progress progress;
} writer;

static const char usage_line[] =
    "usage: pmml score MODEL [INPUT|-]... [-o OUTPUT|-] [OPTION]...\n"
    "Try 'pmml help score' for the options.\n";

static const char usage_line_stats[] =
    "usage: pmml stats|drift MODEL [INPUT|-]... [-o OUTPUT|-] [OPTION]...\n"
    "Try 'pmml help stats' for the options.\n";

static int command_mode = MODE_SCORE;

static int usage(const char *fmt, const char *arg)
{
    if (fmt) {
        fprintf(stderr, "pmml: %s: ", mode_names[command_mode]);
        fprintf(stderr, fmt, arg);
        fputc('\n', stderr);
    }
    fputs(command_mode == MODE_SCORE ? usage_line : usage_line_stats, stderr);
    return EXIT_USAGE;
}

static void list_free(name_list *l)
{
    size_t i;
    for (i = 0; i < l->nowned; i++)
        free(l->owned[i]);
    free(l->owned);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Appends the comma-separated names of `v`; -1 when out of memory. */
static int list_add(name_list *l, const char *v)
{
    char *copy = strdup(v), *p, **owned;
    if (!copy)
        return -1;
    owned = realloc(l->owned, (l->nowned + 1) * sizeof *owned);
    if (!owned) {
        free(copy);
        return -1;
    }
    l->owned = owned;
    l->owned[l->nowned++] = copy;
    for (p = copy;;) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        if (l->n == l->cap) {
            size_t cap = l->cap ? l->cap * 2 : 8;
            const char **items = realloc(l->items, cap * sizeof *items);
            if (!items)
                return -1;
            l->items = items;
            l->cap = cap;
        }
        l->items[l->n++] = p;
        if (!comma)
            break;
        p = comma + 1;
    }
    return 0;
}

/* If argv[*i] is the option `name`, sets *val to its value ("--name V" or
 * "--name=V"; NULL when there is none), moves *i past it and returns 1. */
static int opt(int argc, char **argv, int *i, const char *name, const char **val)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (a[n] != '\0')
        return 0;
    *val = *i + 1 < argc ? argv[++*i] : NULL;
    return 1;
}

static int cpu_count(void)
{
    long n;
#ifdef CPU_COUNT
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return CPU_COUNT(&set);
#endif
    n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : (int)n;
}

/* A single byte for --delimiter or --quote: the character itself, or
 * \t or "tab"; -1 when it is none of those. */
static int char_arg(const char *v)
{
    if (strcmp(v, "\\t") == 0 || strcmp(v, "tab") == 0)
        return '\t';
    if (v[0] && !v[1])
        return (unsigned char)v[0];
    return -1;
}

static int whole(const char *v, long lo, long hi, long *out)
{
    char *end;
    long n;
    errno = 0;
    n = strtol(v, &end, 10);
    if (end == v || *end || errno || n < lo || n > hi)
        return -1;
    *out = n;
    return 0;
}

static int parse_args(int argc, char **argv, score_opts *o)
{
    int i, options_done = 0, stdin_seen = 0;
    const char *v;
    long n;
    memset(o, 0, sizeof *o);
    o->mode = command_mode;
    o->delim = ',';
    o->quote = '"';
    o->progress = -1;
    o->threads = -1;
    o->inputs = calloc((size_t)argc + 1, sizeof *o->inputs);
    if (!o->inputs)
        return usage("out of memory", NULL);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || a[1] == '\0') {
            if (!o->model) {
                o->model = a;
                continue;
            }
            if (strcmp(a, "-") == 0 && stdin_seen++)
                return usage("standard input (-) can be read only once", NULL);
            o->inputs[o->ninputs++] = a;
        } else if (strcmp(a, "--") == 0) {
            options_done = 1;
        } else if (opt(argc, argv, &i, "-o", &v) || opt(argc, argv, &i, "--output", &v)) {
            if (!v)
                return usage("%s needs a file name", a);
            o->output = v;
        } else if (opt(argc, argv, &i, "--on-error", &v)) {
            if (v && strcmp(v, "column") == 0)
                o->on_error = ON_ERROR_COLUMN;
            else if (v && strcmp(v, "skip") == 0)
                o->on_error = ON_ERROR_SKIP;
            else if (v && strcmp(v, "fail") == 0)
                o->on_error = ON_ERROR_FAIL;
            else
                return usage("--on-error is column, skip or fail", NULL);
        } else if (opt(argc, argv, &i, "--threads", &v)) {
            if (!v || whole(v, 0, 256, &n) < 0)
                return usage("--threads takes a whole number from 0 to 256", NULL);
            o->threads = (int)n;
        } else if (strcmp(a, "--reference") == 0) {
            o->reference = 1;
        } else if (opt(argc, argv, &i, "--delimiter", &v)) {
            int c = v ? char_arg(v) : -1;
            if (c < 0 || c == '\n' || c == '\r')
                return usage("--delimiter takes one character (or \\t)", NULL);
            o->delim = (char)c;
        } else if (opt(argc, argv, &i, "--quote", &v)) {
            int c = v && (strcmp(v, "none") == 0 || !*v) ? -2 : v ? char_arg(v) : -1;
            if (c == -1 || c == '\n' || c == '\r')
                return usage("--quote takes one character, or none", NULL);
            o->quote = c == -2 ? -1 : c;
        } else if (opt(argc, argv, &i, "--missing", &v)) {
            if (!v || list_add(&o->missing, v) < 0)
                return usage("--missing takes a list of cell texts", NULL);
        } else if (opt(argc, argv, &i, "--copy-columns", &v)) {
            if (v && strcmp(v, "all") == 0)
                o->copy_all = 1;
            else if (!v || !*v || list_add(&o->copy, v) < 0)
                return usage("--copy-columns takes a list of column names, or all", NULL);
        } else if (opt(argc, argv, &i, "--columns", &v)) {
            if (!v || !*v || list_add(&o->columns, v) < 0)
                return usage("--columns takes a list of result column names", NULL);
        } else if (opt(argc, argv, &i, "--format", &v)) {
            if (v && strcmp(v, "csv") == 0)
                o->format = FORMAT_CSV;
            else if (v && strcmp(v, "tsv") == 0)
                o->format = FORMAT_TSV;
            else if (v && strcmp(v, "jsonl") == 0)
                o->format = FORMAT_JSONL;
            else
                return usage("--format is csv, tsv or jsonl", NULL);
        } else if (opt(argc, argv, &i, "--precision", &v)) {
            if (!v || whole(v, 1, 17, &n) < 0)
                return usage("--precision takes a whole number from 1 to 17", NULL);
            o->precision = (int)n;
        } else if (opt(argc, argv, &i, "--stats", &v) && command_mode == MODE_SCORE) {
            if (!v)
                return usage("--stats needs a file name", NULL);
            o->stats = v;
        } else if (strcmp(a, "--progress") == 0) {
            o->progress = 1;
        } else if (strcmp(a, "--no-progress") == 0) {
            o->progress = 0;
        } else {
            return usage("unknown option '%s'", a);
        }
    }
    if (!o->model)
        return usage(NULL, NULL);
    if (o->quote >= 0 && o->quote == (unsigned char)o->delim)
        return usage("the delimiter and the quote must differ", NULL);
    if (o->copy_all && o->copy.n)
        return usage("--copy-columns all lists every column already", NULL);
    if (o->ninputs == 0)
        o->inputs[o->ninputs++] = "-";
    if (o->stats && strcmp(o->stats, "-") == 0 && (!o->output || strcmp(o->output, "-") == 0))
        return usage("--stats - would mix the statistics into the results on stdout", NULL);
    return EXIT_OK;
}

/* ---- writing ---- */

static void put_sep(writer *w, size_t col)
{
    if (col)
        pm_put(&w->w, w->o->format == FORMAT_TSV ? '\t' : w->o->delim);
}

static void put_name(writer *w, const char *name, int only)
{
    if (w->o->format == FORMAT_TSV)
        pm_write_tsv(&w->w, name, strlen(name));
    else
        pm_write_csv(&w->w, name, strlen(name), w->o->delim, w->o->quote, only);
}

static int write_header(void *payload, const pmml_model *m, const char *const *copy_names,
                        size_t ncopy)
{
    writer *w = payload;
    size_t j, col = 0, total = ncopy + w->nsel + (w->o->on_error == ON_ERROR_COLUMN);
    (void)m;
    w->copy_names = copy_names;
    w->ncopy = ncopy;
    if (w->o->format == FORMAT_JSONL)
        return EXIT_OK;
    for (j = 0; j < ncopy; j++, col++) {
        put_sep(w, col);
        put_name(w, copy_names[j], total == 1);
    }
    for (j = 0; j < w->nsel; j++, col++) {
        put_sep(w, col);
        put_name(w, pmml_model_output_name(w->m, w->sel[j]), total == 1);
    }
    if (w->o->on_error == ON_ERROR_COLUMN) {
        put_sep(w, col);
        put_name(w, "error", 0);
    }
    pm_put(&w->w, '\n');
    return EXIT_OK;
}

/* The text of result j of a row (NULL when missing) in buf or borrowed. */
static const char *result_text(const writer *w, const pm_row *row, size_t j, char *buf,
                               size_t size)
{
    double d;
    if (!row->vals)
        return NULL;
    if (w->types[j] != PMML_COL_DOUBLE)
        return row->vals[j].s;
    if (!row->valid[j])
        return NULL;
    d = row->vals[j].d;
    /* the spellings of the library's own text */
    if (isnan(d))
        return "NaN";
    if (isinf(d))
        return d > 0 ? "Infinity" : "-Infinity";
    snprintf(buf, size, "%.*g", w->o->precision, d);
    return buf;
}

static void put_json_value(writer *w, int kind, const char *v)
{
    size_t len;
    if (!v) {
        pm_write(&w->w, "null", 4);
        return;
    }
    len = strlen(v);
    if ((kind == PMML_JSON_NUMBER && pm_is_json_number(v, len)) ||
        (kind == PMML_JSON_BOOLEAN && (strcmp(v, "true") == 0 || strcmp(v, "false") == 0)))
        pm_write(&w->w, v, len);
    else
        pm_write_json_string(&w->w, v, len);
}

static void put_json_key(writer *w, size_t col, const char *name)
{
    if (col)
        pm_put(&w->w, ',');
    pm_write_json_string(&w->w, name, strlen(name));
    pm_put(&w->w, ':');
}

static int write_row(void *payload, const pm_row *row)
{
    writer *w = payload;
    const score_opts *o = w->o;
    size_t j, col = 0;
    int only = w->ncopy + w->nsel + (o->on_error == ON_ERROR_COLUMN) == 1;
    char buf[64], msg[700];
    const char *in = pm_stream_input_name(o->inputs[row->input]);
    if (row->error && o->on_error != ON_ERROR_COLUMN) {
        pm_progress_clear(&w->progress);
        fprintf(stderr, "pmml: %s:%zu: %s\n", in, row->line, row->error);
        return o->on_error == ON_ERROR_FAIL ? EXIT_ROWS : EXIT_OK;
    }
    if (row->error) {
        if (o->ninputs > 1)
            snprintf(msg, sizeof msg, "%s:%zu: %s", in, row->line, row->error);
        else
            snprintf(msg, sizeof msg, "line %zu: %s", row->line, row->error);
    }
    if (o->format == FORMAT_JSONL) {
        pm_put(&w->w, '{');
        for (j = 0; j < w->ncopy; j++, col++) {
            put_json_key(w, col, w->copy_names[j]);
            if (row->copies[j].ptr)
                pm_write_json_string(&w->w, row->copies[j].ptr, row->copies[j].len);
            else
                pm_write(&w->w, "null", 4);
        }
        for (j = 0; j < w->nsel; j++, col++) {
            size_t k = w->sel[j];
            put_json_key(w, col, pmml_model_output_name(w->m, k));
            put_json_value(w, w->kind[k], result_text(w, row, k, buf, sizeof buf));
        }
        if (o->on_error == ON_ERROR_COLUMN) {
            put_json_key(w, col, "error");
            if (row->error)
                pm_write_json_string(&w->w, msg, strlen(msg));
            else
                pm_write(&w->w, "null", 4);
        }
        pm_write(&w->w, "}\n", 2);
        return EXIT_OK;
    }
    for (j = 0; j < w->ncopy; j++, col++) {
        const char *c = row->copies[j].ptr ? row->copies[j].ptr : "";
        put_sep(w, col);
        if (o->format == FORMAT_TSV)
            pm_write_tsv(&w->w, c, row->copies[j].len);
        else
            pm_write_csv(&w->w, c, row->copies[j].len, o->delim, o->quote, only);
    }
    for (j = 0; j < w->nsel; j++, col++) {
        const char *v = result_text(w, row, w->sel[j], buf, sizeof buf);
        size_t len;
        if (!v)
            v = "";
        len = strlen(v);
        put_sep(w, col);
        if (o->format == FORMAT_TSV)
            pm_write_tsv(&w->w, v, len);
        else
            pm_write_csv(&w->w, v, len, o->delim, o->quote, only);
    }
    if (o->on_error == ON_ERROR_COLUMN) {
        put_sep(w, col);
        if (row->error && o->format == FORMAT_TSV)
            pm_write_tsv(&w->w, msg, strlen(msg));
        else if (row->error)
            pm_write_csv(&w->w, msg, strlen(msg), o->delim, o->quote, 0);
    }
    pm_put(&w->w, '\n');
    return EXIT_OK;
}

/* Output goes out once per batch, so that a slow stream shows its rows. */
static int batch_end(void *payload)
{
    writer *w = payload;
    pm_writer_drain(&w->w);
    fflush(w->w.fp);
    return EXIT_OK;
}

/* ---- the command ---- */

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    int rb = strcmp(b, "-") == 0 ? fstat(0, &sb) : stat(b, &sb);
    return stat(a, &sa) == 0 && rb == 0 && S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* Chooses the result columns and how each is computed. */
static int plan_results(writer *w, const score_opts *o, const pmml_model *m)
{
    size_t nout = pmml_model_output_count(m), j, k;
    w->sel = calloc(nout + o->columns.n + 1, sizeof *w->sel);
    w->kind = calloc(nout + 1, sizeof *w->kind);
    w->types = calloc(nout + 1, sizeof *w->types);
    if (!w->sel || !w->kind || !w->types) {
        fprintf(stderr, "pmml: out of memory\n");
        return EXIT_OUTPUT;
    }
    if (o->columns.n) {
        for (j = 0; j < o->columns.n; j++) {
            for (k = 0; k < nout && strcmp(pmml_model_output_name(m, k), o->columns.items[j]);
                 k++)
                ;
            if (k == nout) {
                fprintf(stderr,
                        "pmml: score: --columns: the model has no result column '%s' (see "
                        "pmml info)\n%s",
                        o->columns.items[j], usage_line);
                return EXIT_USAGE;
            }
            w->sel[w->nsel++] = k;
        }
    } else {
        for (k = 0; k < nout; k++)
            w->sel[w->nsel++] = k;
    }
    for (j = 0; j < w->nsel; j++) {
        int dt = pmml_model_output_datatype(m, w->sel[j]);
        k = w->sel[j];
        w->kind[k] = pmml_datatype_json_kind(dt);
        w->types[k] = o->precision && (dt == PMML_TYPE_DOUBLE || dt == PMML_TYPE_FLOAT)
                          ? PMML_COL_DOUBLE
                          : PMML_COL_STRING;
    }
    return EXIT_OK;
}

static int no_header(void *payload, const pmml_model *m, const char *const *copy_names,
                     size_t ncopy)
{
    (void)payload, (void)m, (void)copy_names, (void)ncopy;
    return EXIT_OK;
}

static int no_row(void *payload, const pm_row *row)
{
    (void)payload, (void)row;
    return EXIT_OK;
}

static int write_fp(const char *data, size_t len, void *payload)
{
    return fwrite(data, 1, len, payload) == len ? 0 : -1;
}

/* Writes the statistics as JSON to `path` ("-": stdout). */
static int write_stats(const pmml_stats *stats, const char *path)
{
    int rc;
    FILE *fp = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
    if (!fp) {
        fprintf(stderr, "pmml: cannot create %s: %s\n", path, strerror(errno));
        return EXIT_OUTPUT;
    }
    rc = pmml_stats_write_json(stats, write_fp, fp);
    if (fflush(fp) != 0)
        rc = PMML_ERR_IO;
    if (fp != stdout && fclose(fp) != 0)
        rc = PMML_ERR_IO;
    if (rc != PMML_OK) {
        fprintf(stderr, "pmml: cannot write %s: %s\n", path, strerror(errno));
        return EXIT_OUTPUT;
    }
    return EXIT_OK;
}

static int run_command(int argc, char **argv, int mode)
{
    score_opts o;
    pmml_stats *stats = NULL;
    pmml_model *m = NULL;
    pmml_error err;
    FILE *out = stdout;
    writer w;
    pm_stream_opts so;
    pm_sink sink;
    uint64_t total = 0;
    size_t i;
    int rc, progress;

    memset(&w, 0, sizeof w);
    command_mode = mode;
    rc = parse_args(argc, argv, &o);
    if (rc != EXIT_OK)
        goto out;
    {
        pmml_load_options lo = PMML_LOAD_OPTIONS_INIT;
        if (o.reference)
            lo.flags |= PMML_LOAD_REFERENCE;
        rc = pmml_model_load_file(&m, o.model, &lo, &err);
    }
    if (rc != PMML_OK) {
        pmml_cli_print_error(o.model, &err);
        rc = EXIT_MODEL;
        goto out;
    }
    if (mode == MODE_SCORE && (rc = plan_results(&w, &o, m)) != EXIT_OK)
        goto out;
    if ((mode != MODE_SCORE || o.stats) && pmml_stats_new(&stats, m) != PMML_OK) {
        fprintf(stderr, "pmml: out of memory\n");
        rc = EXIT_OUTPUT;
        goto out;
    }
    /* every input can be opened before any output is made */
    for (i = 0; i < o.ninputs; i++) {
        uint64_t size = pm_input_size(o.inputs[i]);
        if (pm_input_check(o.inputs[i]) != 0) {
            fprintf(stderr, "pmml: cannot open %s: %s\n", o.inputs[i], strerror(errno));
            rc = EXIT_INPUT;
            goto out;
        }
        total = size && (total || i == 0) ? total + size : 0;
    }
    if (o.output && strcmp(o.output, "-") != 0) {
        for (i = 0; i < o.ninputs; i++)
            if (same_file(o.output, o.inputs[i])) {
                /* opening it for writing would empty it before it is read */
                fprintf(stderr, "pmml: %s is an input and cannot be the output too\n",
                        o.output);
                rc = EXIT_USAGE;
                goto out;
            }
        out = fopen(o.output, "wb");
        if (!out) {
            fprintf(stderr, "pmml: cannot create %s: %s\n", o.output, strerror(errno));
            out = stdout;
            rc = EXIT_OUTPUT;
            goto out;
        }
    }
    if (pm_writer_init(&w.w, out) < 0) {
        fprintf(stderr, "pmml: out of memory\n");
        rc = EXIT_OUTPUT;
        goto out;
    }
    w.o = &o;
    w.m = m;
    progress = o.progress;
    if (progress < 0)
        /* not when the rows themselves go to the same terminal */
        progress = isatty(2) && !(out == stdout && isatty(1));
    pm_progress_start(&w.progress, progress, total);

    memset(&so, 0, sizeof so);
    so.delim = o.delim;
    so.quote = o.quote;
    so.threads = o.threads < 0 || o.threads == 0 ? cpu_count() : o.threads;
    so.missing = o.missing.items;
    so.nmissing = o.missing.n;
    so.copy = o.copy.items;
    so.ncopy = o.copy.n;
    so.copy_all = o.copy_all;
    so.types = w.types;
    so.progress = &w.progress;
    so.stats = stats;
    sink.header = write_header;
    sink.row = write_row;
    sink.batch_end = batch_end;
    sink.payload = &w;
    if (mode != MODE_SCORE) {
        /* every result column left out: types all 0 */
        w.types = calloc(pmml_model_output_count(m) + 1, sizeof *w.types);
        if (!w.types) {
            fprintf(stderr, "pmml: out of memory\n");
            rc = EXIT_OUTPUT;
            goto out;
        }
        so.types = w.types;
        sink.header = no_header;
        sink.row = no_row;
        sink.batch_end = NULL;
    }
    rc = pm_stream_csv(m, o.inputs, o.ninputs, &so, &sink);
    if (pm_writer_flush(&w.w) != 0) {
        pm_progress_clear(&w.progress);
        fprintf(stderr, "pmml: cannot write the output: %s\n", strerror(errno));
        if (rc == EXIT_OK)
            rc = EXIT_OUTPUT;
    }
    if (rc == EXIT_OK && mode == MODE_SCORE && o.stats)
        rc = write_stats(stats, o.stats);
    if (rc == EXIT_OK && mode != MODE_SCORE) {
        pm_progress_clear(&w.progress);
        if ((mode == MODE_STATS ? pmml_stats_write_json(stats, write_fp, out)
                                : pmml_cli_drift_report(out, m, stats, o.model)) != 0 ||
            fflush(out) != 0) {
            fprintf(stderr, "pmml: cannot write the output: %s\n", strerror(errno));
            rc = EXIT_OUTPUT;
        }
    }
    pm_progress_finish(&w.progress, rc == EXIT_OK);
out:
    pm_writer_free(&w.w);
    if (out != stdout)
        fclose(out);
    free(w.sel);
    free(w.kind);
    free(w.types);
    free(o.inputs);
    list_free(&o.missing);
    list_free(&o.copy);
    list_free(&o.columns);
    pmml_stats_free(stats);
    pmml_model_free(m);
    return rc;
}

int pmml_cli_score(int argc, char **argv)
{
    return run_command(argc, argv, MODE_SCORE);
}

int pmml_cli_stats(int argc, char **argv)
{
    return run_command(argc, argv, MODE_STATS);
}

int pmml_cli_drift(int argc, char **argv)
{
    return run_command(argc, argv, MODE_DRIFT);
}
