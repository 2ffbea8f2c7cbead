/* bench_score.c - load time, memory, batch throughput, CLI throughput and
 * thread scaling for PMML models (make bench).  Nothing here is asserted:
 * it measures and prints.
 *
 * Columns: rows of input.csv; load ms (median of 3 loads); mem MB (what
 * pmml_model_memory_bytes reports); RSS MB (resident growth over the first
 * load); ns/row with min-max and rows/s (C API, one thread, inputs already in
 * memory as DOUBLE and category CODE columns, batches of 1024, thread CPU
 * time, median of BENCH_RUNS runs); CLI row/s and MB/s (`pmml score` to
 * /dev/null, one thread, wall clock, median of 3); CLI 2t (its speed-up with
 * --threads 2); split and +strtod (ns/row to merely read and split the same
 * CSV, and also strtod every cell: the floor any CSV scorer pays); API 2t
 * (speed-up of the C API on two threads, wall clock); stats off (ns/row of
 * the C API with the scorer's statistics off, as scorers start: ns/row
 * counts them) and stats % (what counting costs, relative to
 * scoring without it; on and off runs alternate); CLI st% (the same for
 * `pmml score --stats /dev/null` against `pmml score`, which does not
 * count). */
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "io/csv.h"
#include "pmml.h"

#define BATCH 1024

/* CPU time of this thread: what scoring costs, without the time another
 * process had the core (the batch figures use it; wall-clock figures -
 * CLI, threads - use now()). */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long rss_kb(void)
{
    FILE *fp = fopen("/proc/self/statm", "r");
    long size = 0, res = 0;
    if (!fp)
        return 0;
    if (fscanf(fp, "%ld %ld", &size, &res) != 2)
        res = 0;
    fclose(fp);
    return res * (sysconf(_SC_PAGESIZE) / 1024);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct stats {
    double median, min, max;
} stats;

static stats summarize(double *v, int n)
{
    stats s;
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    s.min = v[0];
    s.max = v[n - 1];
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    return s;
}

/* Input rows in memory, as typed columns. */
typedef struct data {
    size_t nrows, ncols;
    pmml_column *cols;
    void **arrays;
    size_t bytes;
} data;

static size_t elem_size(int type)
{
    return type == PMML_COL_DOUBLE ? sizeof(double)
           : type == PMML_COL_CODE ? sizeof(int32_t)
                                   : sizeof(char *);
}

static int load_data(const pmml_model *m, const char *path, data *d)
{
    FILE *fp = fopen(path, "rb");
    pm_csv c;
    size_t cap = 1024, j, nh;
    long *field;
    int st;
    struct stat sb;
    memset(d, 0, sizeof *d);
    if (!fp)
        return -1;
    if (fstat(fileno(fp), &sb) == 0)
        d->bytes = (size_t)sb.st_size;
    pm_csv_init(&c, fp, ',', '"');
    if (pm_csv_next(&c) != 1)
        return -1;
    nh = c.ncells;
    field = calloc(nh, sizeof *field);
    d->cols = calloc(nh, sizeof *d->cols);
    d->arrays = calloc(nh, sizeof *d->arrays);
    for (j = 0; j < nh; j++) {
        char name[512];
        size_t len = c.cells[j].len < 511 ? c.cells[j].len : 511;
        pmml_column init = PMML_COLUMN_INIT;
        memcpy(name, c.cells[j].ptr, len);
        name[len] = '\0';
        field[j] = pmml_model_input_index(m, name);
        d->cols[j] = init;
        d->cols[j].name = strdup(name);
        if (field[j] >= 0 && pmml_model_input_value_count(m, (size_t)field[j]) &&
            pmml_model_input_datatype(m, (size_t)field[j]) == PMML_TYPE_STRING) {
            /* a categorical field: category codes, as an embedding
             * application that knows its categories passes them */
            d->cols[j].type = PMML_COL_CODE;
            d->arrays[j] = malloc(cap * sizeof(int32_t));
        } else if (field[j] >= 0 &&
                   pmml_model_input_datatype(m, (size_t)field[j]) != PMML_TYPE_STRING &&
                   pmml_model_input_datatype(m, (size_t)field[j]) != PMML_TYPE_BOOLEAN) {
            d->cols[j].type = PMML_COL_DOUBLE;
            d->arrays[j] = malloc(cap * sizeof(double));
        } else {
            d->cols[j].type = PMML_COL_STRING;
            d->arrays[j] = malloc(cap * sizeof(char *));
        }
    }
    d->ncols = nh;
    while ((st = pm_csv_next(&c)) == 1) {
        if (c.ncells != nh)
            continue;
        if (d->nrows == cap) {
            cap *= 2;
            for (j = 0; j < nh; j++)
                d->arrays[j] = realloc(d->arrays[j], cap * elem_size(d->cols[j].type));
        }
        for (j = 0; j < nh; j++) {
            const pm_csv_cell *cell = &c.cells[j];
            if (d->cols[j].type == PMML_COL_DOUBLE) {
                char buf[64];
                size_t n = cell->len < 63 ? cell->len : 63;
                memcpy(buf, cell->ptr, n);
                buf[n] = '\0';
                ((double *)d->arrays[j])[d->nrows] = n ? strtod(buf, NULL) : NAN;
            } else if (d->cols[j].type == PMML_COL_CODE) {
                size_t f = (size_t)field[j], k, nv = pmml_model_input_value_count(m, f);
                int32_t code = -1;
                for (k = 0; cell->len && k < nv; k++) {
                    const char *v = pmml_model_input_value(m, f, k);
                    if (strlen(v) == cell->len && memcmp(v, cell->ptr, cell->len) == 0)
                        break;
                }
                if (cell->len && k == nv) {
                    fprintf(stderr, "bench: %s: '%.*s' is not a value of '%s'\n", path,
                            (int)cell->len, cell->ptr, d->cols[j].name);
                    exit(1);
                }
                if (cell->len)
                    code = (int32_t)k;
                ((int32_t *)d->arrays[j])[d->nrows] = code;
            } else {
                ((char **)d->arrays[j])[d->nrows] = cell->len ? strndup(cell->ptr, cell->len) : NULL;
            }
        }
        d->nrows++;
    }
    pm_csv_free(&c);
    fclose(fp);
    for (j = 0; j < nh; j++)
        d->cols[j].data = d->arrays[j];
    free(field);
    return 0;
}

typedef struct job {
    const pmml_model *m;
    const data *d;
    size_t from, to;
    int cpu;               /* measure thread CPU time */
    double seconds;
    int nostats;           /* turn the scorer's statistics off */
} job;

/* Scores rows [from, to) of the data in batches. */
static void *score_range(void *arg)
{
    job *jb = arg;
    const pmml_model *m = jb->m;
    const data *d = jb->d;
    size_t nout = pmml_model_output_count(m), j, r;
    pmml_scorer *s = NULL;
    pmml_column *cols = malloc(d->ncols * sizeof *cols);
    pmml_result *res = calloc(nout + 1, sizeof *res);
    double *dbl = malloc((nout + 1) * BATCH * sizeof(double));
    int32_t *codes = malloc((nout + 1) * BATCH * sizeof(int32_t));
    int status[BATCH];
    double t0;
    memcpy(cols, d->cols, d->ncols * sizeof *cols);
    if (pmml_scorer_new(&s, m, cols, d->ncols, NULL) != PMML_OK) {
        fprintf(stderr, "bench: cannot bind the input columns\n");
        exit(1);
    }
    (void)pmml_scorer_stats_enable(s, !jb->nostats);
    for (j = 0; j < nout; j++) {
        pmml_result init = PMML_RESULT_INIT;
        res[j] = init;
        if (pmml_model_output_value_count(m, j)) {
            res[j].type = PMML_COL_CODE;
            res[j].data = codes + j * BATCH;
        } else if (pmml_model_output_datatype(m, j) != PMML_TYPE_STRING) {
            res[j].type = PMML_COL_DOUBLE;
            res[j].data = dbl + j * BATCH;
        }
    }
    t0 = jb->cpu ? cpu_now() : now();
    for (r = jb->from; r < jb->to; r += BATCH) {
        size_t n = jb->to - r < BATCH ? jb->to - r : BATCH;
        for (j = 0; j < d->ncols; j++) {
            size_t es = elem_size(d->cols[j].type);
            cols[j].data = (const char *)d->arrays[j] + r * es;
        }
        if (pmml_scorer_score(s, cols, n, res, status) != PMML_OK) {
            fprintf(stderr, "bench: scoring failed\n");
            exit(1);
        }
    }
    jb->seconds = (jb->cpu ? cpu_now() : now()) - t0;
    pmml_scorer_free(s);
    free(cols);
    free(res);
    free(dbl);
    free(codes);
    return NULL;
}

static double threaded(const pmml_model *m, const data *d, int nthreads)
{
    pthread_t th[16];
    job jobs[16];
    int i;
    double t0 = now();
    for (i = 0; i < nthreads; i++) {
        jobs[i].m = m;
        jobs[i].d = d;
        jobs[i].from = d->nrows * (size_t)i / (size_t)nthreads;
        jobs[i].to = d->nrows * (size_t)(i + 1) / (size_t)nthreads;
        jobs[i].cpu = 0;
        jobs[i].nostats = 1;
        pthread_create(&th[i], NULL, score_range, &jobs[i]);
    }
    for (i = 0; i < nthreads; i++)
        pthread_join(th[i], NULL);
    return now() - t0;
}

/* The CSV floor: read and split the file; optionally strtod every cell. */
static double read_split(const char *path, int parse)
{
    FILE *fp = fopen(path, "rb");
    pm_csv c;
    double t0 = now(), sink = 0;
    size_t j;
    if (!fp)
        return NAN;
    pm_csv_init(&c, fp, ',', '"');
    while (pm_csv_next(&c) == 1) {
        if (!parse)
            continue;
        for (j = 0; j < c.ncells; j++) {
            char buf[64];
            size_t n = c.cells[j].len < 63 ? c.cells[j].len : 63;
            memcpy(buf, c.cells[j].ptr, n);
            buf[n] = '\0';
            sink += strtod(buf, NULL);
        }
    }
    pm_csv_free(&c);
    fclose(fp);
    if (sink == 1.2345e300)
        puts("");
    return now() - t0;
}

static double run_cli(const char *cli, const char *model, const char *input, const char *threads,
                      int with_stats)
{
    double t0;
    pid_t pid;
    fflush(stdout);
    t0 = now();
    pid = fork();
    int st;
    if (pid == 0) {
        if (!freopen("/dev/null", "w", stdout))
            _exit(127);
        if (with_stats)
            execl(cli, cli, "score", "--stats", "/dev/null", "--threads", threads, model, input,
                  (char *)NULL);
        else
            execl(cli, cli, "score", "--threads", threads, model, input, (char *)NULL);
        _exit(127);
    }
    waitpid(pid, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return NAN;
    return now() - t0;
}

int main(int argc, char **argv)
{
    int runs = getenv("BENCH_RUNS") ? atoi(getenv("BENCH_RUNS")) : 5, i, a;
    const char *cli = getenv("PMML_CLI");
    const char *csv_out = getenv("BENCH_CSV");
    FILE *out = csv_out ? fopen(csv_out, "w") : NULL;
    if (out)
        fprintf(out, "model,rows,load_ms,model_mb,rss_mb,ns_per_row,ns_min,ns_max,rows_per_s,"
                     "cli_rows_per_s,cli_mb_per_s,cli_threads2_speedup,read_split_ns_per_row,"
                     "read_split_parse_ns_per_row,threads2_speedup,ns_per_row_nostats,"
                     "stats_overhead_pct,cli_stats_overhead_pct\n");
    printf("%-15s %7s %8s %7s %7s %9s %17s %10s %10s %7s %6s %8s %8s %6s %9s %7s %6s\n",
           "model", "rows", "load ms", "mem MB", "RSS MB", "ns/row", "(min-max)", "rows/s",
           "CLI row/s", "CLI MB/s", "CLI 2t", "split", "+strtod", "API 2t", "stats off",
           "stats %", "CLI st%");
    for (a = 1; a < argc; a++) {
        char model[1024], input[1024];
        double t[1024], lt[16], toff[1024];
        pmml_model *m = NULL;
        pmml_error err;
        data d;
        long rss0, rss1;
        stats load, sc, clis, cli2, rs, rsp, scoff, clist;
        double sp1, sp2, mem;
        const char *name = strrchr(argv[a], '/') ? strrchr(argv[a], '/') + 1 : argv[a];
        snprintf(model, sizeof model, "%s/model.pmml", argv[a]);
        snprintf(input, sizeof input, "%s/input.csv", argv[a]);
        /* resident memory of the first load, before the C library holds
         * on to anything freed */
        rss0 = rss_kb();
        if (pmml_model_load_file(&m, model, NULL, &err) != PMML_OK) {
            printf("%-15s cannot load: %s\n", name, err.message);
            continue;
        }
        rss1 = rss_kb();
        mem = (double)pmml_model_memory_bytes(m) / 1048576.0;
        for (i = 0; i < 3; i++) {
            double t0 = now();
            pmml_model *tmp = NULL;
            if (pmml_model_load_file(&tmp, model, NULL, &err) != PMML_OK)
                break;
            lt[i] = now() - t0;
            pmml_model_free(tmp);
        }
        load = summarize(lt, 3);
        if (load_data(m, input, &d) != 0 || d.nrows == 0) {
            printf("%-15s cannot read %s\n", name, input);
            pmml_model_free(m);
            continue;
        }
        for (i = 0; i < runs; i++) {
            job jb = { m, &d, 0, d.nrows, 1, 0, 0 };
            job off = { m, &d, 0, d.nrows, 1, 0, 1 };
            score_range(&jb);
            score_range(&off);
            t[i] = jb.seconds / (double)d.nrows * 1e9;
            toff[i] = off.seconds / (double)d.nrows * 1e9;
        }
        sc = summarize(t, runs);
        scoff = summarize(toff, runs);
        if (getenv("BENCH_BATCH_ONLY")) {
            /* profiling aid: only the batch figure */
            printf("%-15s %10.1f ns/row (min %.1f), stats off %.1f (min %.1f): %+.1f%%\n", name,
                   sc.median, sc.min, scoff.median, scoff.min,
                   100.0 * (sc.median - scoff.median) / scoff.median);
            pmml_model_free(m);
            continue;
        }
        for (i = 0; i < 3; i++) {
            t[i] = cli ? run_cli(cli, model, input, "1", 0) : NAN;
            toff[i] = cli ? run_cli(cli, model, input, "1", 1) : NAN;
        }
        clis = summarize(t, 3);
        clist = summarize(toff, 3);
        for (i = 0; i < 3; i++)
            t[i] = cli ? run_cli(cli, model, input, "2", 0) : NAN;
        cli2 = summarize(t, 3);
        for (i = 0; i < 3; i++)
            t[i] = read_split(input, 0) / (double)d.nrows * 1e9;
        rs = summarize(t, 3);
        for (i = 0; i < 3; i++)
            t[i] = read_split(input, 1) / (double)d.nrows * 1e9;
        rsp = summarize(t, 3);
        sp1 = threaded(m, &d, 1);
        sp2 = threaded(m, &d, 2);
        printf("%-15s %7zu %8.2f %7.1f %7.1f %9.1f %8.1f-%-8.1f %10.0f %10.0f %7.1f %5.2fx %8.1f %8.1f "
               "%5.2fx %9.1f %+6.1f%% %+5.1f%%\n",
               name, d.nrows, load.median * 1e3, mem, (double)(rss1 - rss0) / 1024.0, sc.median,
               sc.min, sc.max, 1e9 / sc.median, (double)d.nrows / clis.median,
               (double)d.bytes / clis.median / 1e6, clis.median / cli2.median, rs.median,
               rsp.median, sp1 / sp2, scoff.median,
               100.0 * (sc.median - scoff.median) / scoff.median,
               100.0 * (clist.median - clis.median) / clis.median);
        if (out)
            fprintf(out, "%s,%zu,%.3f,%.2f,%.2f,%.1f,%.1f,%.1f,%.0f,%.0f,%.2f,%.3f,%.1f,%.1f,%.3f,"
                         "%.1f,%.2f,%.2f\n",
                    name, d.nrows, load.median * 1e3, mem, (double)(rss1 - rss0) / 1024.0,
                    sc.median, sc.min, sc.max, 1e9 / sc.median, (double)d.nrows / clis.median,
                    (double)d.bytes / clis.median / 1e6, clis.median / cli2.median, rs.median,
                    rsp.median, sp1 / sp2, scoff.median,
                    100.0 * (sc.median - scoff.median) / scoff.median,
                    100.0 * (clist.median - clis.median) / clis.median);
        pmml_model_free(m);
    }
    if (out)
        fclose(out);
    return 0;
}
