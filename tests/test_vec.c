/* test_vec.c - the block evaluator against the row-at-a-time reference.
 *
 * Every model in testdata/ is loaded twice, normally and with
 * PMML_LOAD_REFERENCE, and both score the same rows: its input.csv repeated
 * over several 64-row blocks, and copies of those rows with cells replaced
 * by a fixed-seed PRNG (missing and empty cells, NaN, text, huge, tiny and
 * infinite numbers, -0, the model's own constants and their neighbours,
 * values of other rows, numbers nudged by one ulp).  The rows are bound as
 * string views, strings, doubles (with and without valid masks), int64 and
 * category codes, in one batch and in odd-sized batches, with each column
 * left unbound, and with all, none or every other result column asked for.
 * Every result string, valid flag, row status and row message must be the
 * same.  A few inline models probe input typing and treatments the same way.
 * A difference fails the model's test with the directory, variant, row,
 * column, both values and the row's input (stderr lists every variant that
 * differs).
 *
 * PMML_VEC_SEEDS=N (N > 3) scores N perturbed tables per model instead of 3,
 * for a longer search. */
#define _GNU_SOURCE
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/csv.h"
#include "tests.h"

#define VEC_ROWS 300 /* 4 full blocks of 64 and a partial one */
#define VEC_MAX_DIRS 512
#define VEC_MAX_CONSTS 64

/* ---- the model directories, found once when the suite is built ---- */

static char vec_dirs[VEC_MAX_DIRS][256];
static int vec_ndirs;

static void find_dirs(void)
{
    const char *root = getenv("PMML_TESTDATA");
    struct dirent **names;
    int n, i;
    vec_ndirs = 0;
    if (!root)
        return;
    n = scandir(root, &names, NULL, alphasort);
    if (n < 0)
        return;
    for (i = 0; i < n; i++) {
        char path[1024];
        struct stat st;
        const char *d = names[i]->d_name;
        snprintf(path, sizeof path, "%s/%s/model.pmml", root, d);
        if (d[0] != '.' && strlen(d) < sizeof vec_dirs[0] && stat(path, &st) == 0 &&
            vec_ndirs < VEC_MAX_DIRS) {
            snprintf(path, sizeof path, "%s/%s/input.csv", root, d);
            if (stat(path, &st) == 0)
                snprintf(vec_dirs[vec_ndirs++], sizeof vec_dirs[0], "%s", d);
        }
        free(names[i]);
    }
    free(names);
}

/* ---- a fixed-seed PRNG (splitmix64) ---- */

static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static size_t rng_below(uint64_t *s, size_t n)
{
    return n ? (size_t)(rng_next(s) % n) : 0;
}

static uint64_t seed_of(const char *name, uint64_t salt)
{
    uint64_t h = 1469598103934665603ull ^ salt;
    for (; *name; name++)
        h = (h ^ (unsigned char)*name) * 1099511628211ull;
    return h;
}

/* ---- tables of text cells ---- */

typedef struct vtable {
    size_t nrows, ncols;
    char **names; /* [ncols] */
    char **cells; /* [nrows * ncols]; NULL is a missing (blank) cell */
} vtable;

static char *xstrdup(const char *s)
{
    char *p = s ? strdup(s) : NULL;
    ck_assert(!s || p);
    return p;
}

static void free_table(vtable *t)
{
    size_t i;
    for (i = 0; t->names && i < t->ncols; i++)
        free(t->names[i]);
    for (i = 0; t->cells && i < t->nrows * t->ncols; i++)
        free(t->cells[i]);
    free(t->names);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

/* Reads CSV text: the header names the columns; blank cells are NULL. */
static int read_csv(FILE *fp, vtable *t)
{
    pm_csv c;
    size_t cap = 0;
    int st, bad = 0;
    memset(t, 0, sizeof *t);
    if (!fp)
        return -1;
    pm_csv_init(&c, fp, ',', '"');
    while ((st = pm_csv_next(&c)) == 1) {
        size_t j;
        if (c.error[0]) {
            bad = 1;
            break;
        }
        if (!t->names) {
            t->ncols = c.ncells;
            t->names = calloc(t->ncols, sizeof *t->names);
            ck_assert_ptr_nonnull(t->names);
            for (j = 0; j < c.ncells; j++)
                t->names[j] = strndup(c.cells[j].ptr, c.cells[j].len);
            continue;
        }
        if (c.ncells == 1 && c.cells[0].len == 0 && t->ncols > 1)
            continue;
        if (c.ncells != t->ncols) {
            bad = 1;
            break;
        }
        if ((t->nrows + 1) * t->ncols > cap) {
            cap = cap ? cap * 2 : 16 * t->ncols;
            t->cells = realloc(t->cells, cap * sizeof *t->cells);
            ck_assert_ptr_nonnull(t->cells);
        }
        for (j = 0; j < c.ncells; j++)
            t->cells[t->nrows * t->ncols + j] =
                c.cells[j].len ? strndup(c.cells[j].ptr, c.cells[j].len) : NULL;
        t->nrows++;
    }
    pm_csv_free(&c);
    return st == 0 && !bad && t->ncols > 0 ? 0 : -1;
}

/* A table of `nrows` rows: row i is a copy of base row i % base->nrows. */
static void repeat_table(const vtable *base, size_t nrows, vtable *t)
{
    size_t i, j;
    t->nrows = nrows;
    t->ncols = base->ncols;
    t->names = calloc(t->ncols, sizeof *t->names);
    t->cells = calloc(nrows * t->ncols + 1, sizeof *t->cells);
    ck_assert(t->names && t->cells);
    for (j = 0; j < t->ncols; j++)
        t->names[j] = xstrdup(base->names[j]);
    for (i = 0; i < nrows; i++)
        for (j = 0; j < t->ncols; j++)
            t->cells[i * t->ncols + j] = xstrdup(base->cells[(i % base->nrows) * base->ncols + j]);
}

/* ---- perturbations ---- */

/* The numbers written in the model document (split points, bin margins,
 * coefficients, ...): values exactly at a threshold and one ulp either
 * side are the interesting ones. */
typedef struct kset {
    size_t n;
    double k[VEC_MAX_CONSTS];
} kset;

static void model_constants(const char *text, kset *ks)
{
    size_t i, len = strlen(text);
    ks->n = 0;
    for (i = 1; i < len && ks->n < VEC_MAX_CONSTS; i++) {
        char c = text[i], prev = text[i - 1], *end;
        double d;
        size_t k;
        int starts = (c >= '0' && c <= '9') ||
                     ((c == '-' || c == '.') && text[i + 1] >= '0' && text[i + 1] <= '9');
        if (!starts || prev == '.' || prev == '_' || prev == '-' || prev == '+' ||
            (prev >= '0' && prev <= '9') || (prev >= 'a' && prev <= 'z') ||
            (prev >= 'A' && prev <= 'Z'))
            continue;
        d = strtod(text + i, &end);
        if (end == text + i || !isfinite(d) ||
            (*end != '"' && *end != '<' && *end != ' ' && *end != '\''))
            continue;
        for (k = 0; k < ks->n; k++)
            if (ks->k[k] == d)
                break;
        if (k == ks->n)
            ks->k[ks->n++] = d;
        i = (size_t)(end - text) - 1;
    }
}

static char *fmt_double(double d)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", d);
    return xstrdup(buf);
}

static int parse_full(const char *s, double *d)
{
    char *end;
    if (!s || !*s)
        return 0;
    *d = strtod(s, &end);
    return *end == '\0';
}

enum {
    P_MISSING,
    P_EMPTY,
    P_NAN,
    P_TEXT,
    P_HUGE,
    P_NHUGE,
    P_INF,
    P_NINF,
    P_NEGZERO,
    P_DENORM,
    P_OVERFLOW,
    P_SPACE,
    P_OTHER_ROW,
    P_ULP_UP,
    P_ULP_DOWN,
    P_NEGATE,
    P_TIMES10,
    P_CONST,
    P_CONST_UP,
    P_CONST_DOWN,
    P_CATEGORY,
    P_HALF,
    P_SPECIAL,
    P_COUNT
};

/* Numbers where rounding, integer conversion or formatting have edges. */
static const char *const special_numbers[] = {
    "0.49999999999999994",
    "-0.49999999999999994",
    "4503599627370497",
    "-4503599627370497",
    "9007199254740993",
    "2147483648",
    "-2147483649",
    "1e16",
    "1.7976931348623157e308",
    "4.9e-324",
    "-1e-320",
    "0x10",
    "1e",
    "+5",
    ".5",
    "5.",
};

/* A replacement for `cell` of column `col`, freshly allocated (NULL:
 * missing).  `field` is the input index of the column's field, or -1. */
static char *perturb_cell(uint64_t *rng, const vtable *base, const char *cell, size_t col,
                          const kset *ks, const pmml_model *m, long field)
{
    double d;
    int kind = (int)rng_below(rng, P_COUNT);
    switch (kind) {
    case P_MISSING:
        return NULL;
    case P_EMPTY:
        return xstrdup("");
    case P_NAN:
        return xstrdup("NaN");
    case P_TEXT:
        return xstrdup("abc");
    case P_HUGE:
        return xstrdup("1e308");
    case P_NHUGE:
        return xstrdup("-1e308");
    case P_INF:
        return xstrdup("inf");
    case P_NINF:
        return xstrdup("-inf");
    case P_NEGZERO:
        return xstrdup("-0");
    case P_DENORM:
        return xstrdup("1e-320");
    case P_OVERFLOW:
        return xstrdup("1e400");
    case P_SPACE: {
        char buf[256];
        snprintf(buf, sizeof buf, " %s", cell ? cell : "");
        return xstrdup(buf);
    }
    case P_ULP_UP:
        if (parse_full(cell, &d))
            return fmt_double(d * 1.0000000000000002);
        break;
    case P_ULP_DOWN:
        if (parse_full(cell, &d))
            return fmt_double(d * 0.9999999999999998);
        break;
    case P_NEGATE:
        if (parse_full(cell, &d))
            return fmt_double(d * -1.0);
        break;
    case P_TIMES10:
        if (parse_full(cell, &d))
            return fmt_double(d * 10.0);
        break;
    case P_CONST:
    case P_CONST_UP:
    case P_CONST_DOWN:
        if (ks->n) {
            d = ks->k[rng_below(rng, ks->n)];
            if (kind == P_CONST_UP)
                d = nextafter(d, INFINITY);
            else if (kind == P_CONST_DOWN)
                d = nextafter(d, -INFINITY);
            return fmt_double(d);
        }
        break;
    case P_HALF: /* -10, -9.5, ..., 10: the .5 ties of round() */
        return fmt_double((double)((int)rng_below(rng, 41) - 20) / 2.0);
    case P_SPECIAL:
        return xstrdup(
            special_numbers[rng_below(rng, sizeof special_numbers / sizeof special_numbers[0])]);
    case P_CATEGORY:
        if (field >= 0 && pmml_model_input_value_count(m, (size_t)field)) {
            size_t nv = pmml_model_input_value_count(m, (size_t)field);
            return xstrdup(pmml_model_input_value(m, (size_t)field, rng_below(rng, nv)));
        }
        break;
    }
    /* P_OTHER_ROW, and the fallback of the others: a value of this column
     * from another row */
    return xstrdup(base->cells[rng_below(rng, base->nrows) * base->ncols + col]);
}

/* VEC_ROWS rows over the base rows: about a third left as they are, the
 * others with one or more cells replaced. */
static void perturbed_table(const vtable *base, uint64_t seed, const kset *ks, const pmml_model *m,
                            vtable *t)
{
    uint64_t rng = seed;
    size_t i, j;
    repeat_table(base, VEC_ROWS, t);
    for (i = 0; i < t->nrows; i++) {
        size_t nchange, k;
        if (rng_below(&rng, 3) == 0)
            continue;
        nchange = rng_below(&rng, 8) == 0 ? t->ncols : 1 + rng_below(&rng, 2);
        for (k = 0; k < nchange; k++) {
            char **cell, *v;
            j = nchange == t->ncols ? k : rng_below(&rng, t->ncols);
            cell = &t->cells[i * t->ncols + j];
            v = perturb_cell(&rng, base, *cell, j, ks, m, pmml_model_input_index(m, t->names[j]));
            free(*cell);
            *cell = v;
        }
    }
}

/* ---- binding a table as columns ---- */

enum { B_STRVIEW, B_STRING, B_DOUBLE, B_DOUBLE_VALID, B_INT64, B_CODE, B_NONE };

static const char *const bind_names[] = {"strview", "string", "double", "double+valid",
                                         "int64",   "code",   "unbound"};

typedef struct binding {
    size_t n;
    pmml_column *cols;
    void **bufs;
    uint8_t **valid;
} binding;

static int is_numeric_field(const pmml_model *m, long f)
{
    int dt;
    if (f < 0)
        return 0;
    dt = pmml_model_input_datatype(m, (size_t)f);
    return dt != PMML_TYPE_STRING && dt != PMML_TYPE_BOOLEAN;
}

/* The column type used for column j when the variant asks for `mode`. */
static int column_mode(const pmml_model *m, const vtable *t, size_t j, int mode, long unbound)
{
    long f = pmml_model_input_index(m, t->names[j]);
    if ((long)j == unbound)
        return B_NONE;
    switch (mode) {
    case B_DOUBLE:
    case B_DOUBLE_VALID:
    case B_INT64:
        return is_numeric_field(m, f) ? mode : B_STRVIEW;
    case B_CODE:
        return f >= 0 && pmml_model_input_value_count(m, (size_t)f) ? B_CODE : B_STRVIEW;
    }
    return mode;
}

static void bind_table(const pmml_model *m, const vtable *t, int mode, long unbound, uint64_t seed,
                       binding *b)
{
    size_t j, r, n = t->nrows;
    uint64_t rng = seed;
    b->n = 0;
    b->cols = calloc(t->ncols + 1, sizeof *b->cols);
    b->bufs = calloc(t->ncols + 1, sizeof *b->bufs);
    b->valid = calloc(t->ncols + 1, sizeof *b->valid);
    ck_assert(b->cols && b->bufs && b->valid);
    for (j = 0; j < t->ncols; j++) {
        pmml_column init = PMML_COLUMN_INIT;
        pmml_column *c = &b->cols[b->n];
        int cm = column_mode(m, t, j, mode, unbound);
        long f = pmml_model_input_index(m, t->names[j]);
        void *buf = NULL;
        uint8_t *valid = NULL;
        if (cm == B_NONE)
            continue;
        *c = init;
        c->name = t->names[j];
        switch (cm) {
        case B_STRVIEW: {
            pmml_strview *sv = calloc(n + 1, sizeof *sv);
            ck_assert_ptr_nonnull(sv);
            for (r = 0; r < n; r++) {
                const char *cell = t->cells[r * t->ncols + j];
                sv[r].ptr = cell;
                sv[r].len = cell ? strlen(cell) : 0;
            }
            c->type = PMML_COL_STRVIEW;
            buf = sv;
            break;
        }
        case B_STRING: {
            const char **sp = calloc(n + 1, sizeof *sp);
            ck_assert_ptr_nonnull(sp);
            for (r = 0; r < n; r++)
                sp[r] = t->cells[r * t->ncols + j];
            c->type = PMML_COL_STRING;
            buf = (void *)sp;
            break;
        }
        case B_DOUBLE:
        case B_DOUBLE_VALID: {
            double *dp = calloc(n + 1, sizeof *dp);
            ck_assert_ptr_nonnull(dp);
            if (cm == B_DOUBLE_VALID) {
                valid = calloc(n + 1, 1);
                ck_assert_ptr_nonnull(valid);
            }
            for (r = 0; r < n; r++) {
                const char *cell = t->cells[r * t->ncols + j];
                dp[r] = cell && *cell ? strtod(cell, NULL) : NAN;
                if (valid) {
                    valid[r] = !isnan(dp[r]) && rng_below(&rng, 8) != 0;
                    if (!valid[r])
                        dp[r] = rng_below(&rng, 2) ? 12345.0 : NAN; /* never read */
                }
            }
            c->type = PMML_COL_DOUBLE;
            buf = dp;
            break;
        }
        case B_INT64: {
            int64_t *ip = calloc(n + 1, sizeof *ip);
            valid = calloc(n + 1, 1);
            ck_assert(ip && valid);
            for (r = 0; r < n; r++) {
                const char *cell = t->cells[r * t->ncols + j];
                double d;
                if (parse_full(cell, &d) && isfinite(d) && fabs(d) < 9e15) {
                    ip[r] = (int64_t)d;
                    valid[r] = 1;
                } else {
                    ip[r] = -77;
                    valid[r] = 0;
                }
            }
            c->type = PMML_COL_INT64;
            buf = ip;
            break;
        }
        case B_CODE: {
            int32_t *kp = calloc(n + 1, sizeof *kp);
            size_t nv = pmml_model_input_value_count(m, (size_t)f), v;
            ck_assert_ptr_nonnull(kp);
            for (r = 0; r < n; r++) {
                const char *cell = t->cells[r * t->ncols + j];
                kp[r] = -1;
                if (!cell)
                    continue;
                kp[r] = (int32_t)nv; /* not a declared value: out of range */
                for (v = 0; v < nv; v++)
                    if (strcmp(cell, pmml_model_input_value(m, (size_t)f, v)) == 0)
                        kp[r] = (int32_t)v;
            }
            c->type = PMML_COL_CODE;
            buf = kp;
            break;
        }
        }
        c->data = buf;
        c->valid = valid;
        b->bufs[b->n] = buf;
        b->valid[b->n] = valid;
        b->n++;
    }
}

static void free_binding(binding *b)
{
    size_t j;
    for (j = 0; j < b->n; j++) {
        free(b->bufs[j]);
        free(b->valid[j]);
    }
    free(b->cols);
    free(b->bufs);
    free(b->valid);
    memset(b, 0, sizeof *b);
}

/* The columns of `b` moved on to start at row `row0`. */
static void offset_columns(const binding *b, size_t row0, pmml_column *out)
{
    size_t j;
    for (j = 0; j < b->n; j++) {
        size_t esize;
        out[j] = b->cols[j];
        switch (out[j].type) {
        case PMML_COL_DOUBLE:
            esize = sizeof(double);
            break;
        case PMML_COL_INT64:
            esize = sizeof(int64_t);
            break;
        case PMML_COL_STRING:
            esize = sizeof(const char *);
            break;
        case PMML_COL_STRVIEW:
            esize = sizeof(pmml_strview);
            break;
        case PMML_COL_CODE:
            esize = sizeof(int32_t);
            break;
        default:
            esize = 1;
        }
        out[j].data = (const char *)out[j].data + row0 * esize;
        if (out[j].valid)
            out[j].valid += row0;
    }
}

/* ---- scoring and comparing ---- */

typedef struct outcome {
    size_t nrows, nout;
    const char **vals; /* [nrows * nout], row-major (a result stride) */
    uint8_t *valid;    /* [nout * nrows], column-major (one byte per row) */
    int *status;
    pmml_result *res; /* [nout] */
} outcome;

static void outcome_init(outcome *o, size_t nrows, size_t nout)
{
    o->nrows = nrows;
    o->nout = nout;
    o->vals = calloc(nrows * nout + 1, sizeof *o->vals);
    o->valid = calloc(nrows * nout + 1, 1);
    o->status = calloc(nrows + 1, sizeof *o->status);
    o->res = calloc(nout + 1, sizeof *o->res);
    ck_assert(o->vals && o->valid && o->status && o->res);
}

/* Points the result columns at rows [row0, ...) of the outcome. */
static void outcome_results(outcome *o, size_t row0)
{
    size_t k;
    for (k = 0; k < o->nout; k++) {
        pmml_result init = PMML_RESULT_INIT;
        o->res[k] = init;
        o->res[k].type = PMML_COL_STRING;
        o->res[k].data = (void *)(o->vals + row0 * o->nout + k);
        o->res[k].stride = o->nout * sizeof *o->vals;
        o->res[k].valid = o->valid + k * o->nrows + row0;
    }
}

static void outcome_free(outcome *o)
{
    free(o->vals);
    free(o->valid);
    free(o->status);
    free(o->res);
}

/* "name=value;..." for row r as it was bound: text in quotes, numbers as
 * the double, int64 or category code passed, <missing> for a NULL string,
 * <valid=0> for a 0 in the valid mask (missing). */
static void describe_row(const vtable *t, const binding *b, size_t r, long unbound, char *buf,
                         size_t cap)
{
    size_t j, len = 0;
    buf[0] = '\0';
    for (j = 0; j < b->n && len < cap; j++) {
        const pmml_column *c = &b->cols[j];
        const char *sep = j ? ";" : "";
        int k;
        if (c->valid && !c->valid[r]) {
            k = snprintf(buf + len, cap - len, "%s%s=<valid=0>", sep, c->name);
        } else {
            switch (c->type) {
            case PMML_COL_STRVIEW: {
                const pmml_strview *sv = (const pmml_strview *)c->data + r;
                k = sv->ptr ? snprintf(buf + len, cap - len, "%s%s='%.*s'", sep, c->name,
                                       (int)sv->len, sv->ptr)
                            : snprintf(buf + len, cap - len, "%s%s=<missing>", sep, c->name);
                break;
            }
            case PMML_COL_STRING: {
                const char *sp = ((const char *const *)c->data)[r];
                k = sp ? snprintf(buf + len, cap - len, "%s%s='%s'", sep, c->name, sp)
                       : snprintf(buf + len, cap - len, "%s%s=<missing>", sep, c->name);
                break;
            }
            case PMML_COL_DOUBLE:
                k = snprintf(buf + len, cap - len, "%s%s=(double)%.17g", sep, c->name,
                             ((const double *)c->data)[r]);
                break;
            case PMML_COL_INT64:
                k = snprintf(buf + len, cap - len, "%s%s=(int64)%lld", sep, c->name,
                             (long long)((const int64_t *)c->data)[r]);
                break;
            default:
                k = snprintf(buf + len, cap - len, "%s%s=(code)%ld", sep, c->name,
                             (long)((const int32_t *)c->data)[r]);
                break;
            }
        }
        if (k < 0)
            return;
        len += (size_t)k;
    }
    if (unbound >= 0 && len < cap)
        snprintf(buf + len, cap - len, "; %s unbound", t->names[unbound]);
}

static const char *show(const char *s)
{
    return s ? s : "(null)";
}

typedef struct vcase {
    const char *dir;
    const pmml_model *mb, *mr; /* block (normal) and reference loads */
    size_t nout;
    int req; /* result columns the block scorer asks for */
} vcase;

/* vcase.req: all result columns, none (results NULL: the row status must
 * not depend on it), or every other one (the others with data NULL). */
enum { REQ_ALL, REQ_NONE, REQ_ODD };

static const char *const req_names[] = {"", ", no results", ", odd result columns"};

static int requested(const vcase *vc, size_t k)
{
    return vc->req == REQ_ALL || (vc->req == REQ_ODD && k % 2 == 1);
}

/* Scores table `t` bound as `mode` (column `unbound` left out, or -1) with
 * both models, the block model in batches of `chunk` rows, and compares.
 * Returns NULL when equal, else a message for the first difference. */
static char *compare_variant(const vcase *vc, const char *label, const vtable *t, int mode,
                             long unbound, size_t chunk, uint64_t seed)
{
    binding b;
    pmml_scorer *sb = NULL, *sr = NULL;
    pmml_error eb, er;
    int rcb, rcr;
    outcome ob, orf;
    pmml_column *cols;
    size_t row0, n = t->nrows, nout = vc->nout;
    char *msg = NULL;
    char what[512];

    if (unbound >= 0)
        snprintf(what, sizeof what, "%s, %s, without column '%s'%s", label, bind_names[mode],
                 t->names[unbound], req_names[vc->req]);
    else if (chunk < n)
        snprintf(what, sizeof what, "%s, %s, batches of %zu rows%s", label, bind_names[mode], chunk,
                 req_names[vc->req]);
    else
        snprintf(what, sizeof what, "%s, %s%s", label, bind_names[mode], req_names[vc->req]);

    bind_table(vc->mb, t, mode, unbound, seed, &b);
    rcb = pmml_scorer_new(&sb, vc->mb, b.cols, b.n, &eb);
    rcr = pmml_scorer_new(&sr, vc->mr, b.cols, b.n, &er);
    if (rcb != rcr) {
        if (asprintf(&msg, "%s [%s]: pmml_scorer_new: block %d (%s), reference %d (%s)", vc->dir,
                     what, rcb, eb.message, rcr, er.message) < 0)
            msg = NULL;
        pmml_scorer_free(sb);
        pmml_scorer_free(sr);
        free_binding(&b);
        return msg;
    }
    if (rcb != PMML_OK) {
        free_binding(&b);
        return NULL;
    }
    outcome_init(&ob, n, nout);
    outcome_init(&orf, n, nout);
    outcome_results(&orf, 0);
    ck_assert_int_eq(pmml_scorer_score(sr, b.cols, n, orf.res, orf.status), PMML_OK);
    cols = calloc(b.n + 1, sizeof *cols);
    ck_assert_ptr_nonnull(cols);
    for (row0 = 0; row0 < n && !msg; row0 += chunk) {
        size_t m = n - row0 < chunk ? n - row0 : chunk, r, k;
        offset_columns(&b, row0, cols);
        outcome_results(&ob, row0);
        for (k = 0; k < nout; k++)
            if (!requested(vc, k))
                ob.res[k].data = NULL;
        ck_assert_int_eq(
            pmml_scorer_score(sb, cols, m, vc->req == REQ_NONE ? NULL : ob.res, ob.status + row0),
            PMML_OK);
        for (r = row0; r < row0 + m && !msg; r++) {
            const char *mb = pmml_scorer_message(sb, r - row0);
            const char *mr = pmml_scorer_message(sr, r);
            char row[2048];
            int bad = 0;
            describe_row(t, &b, r, unbound, row, sizeof row);
            if (ob.status[r] != orf.status[r]) {
                bad = asprintf(&msg,
                               "%s [%s]: row %zu: status: block evaluator %d (%s), "
                               "reference %d (%s); input: %s",
                               vc->dir, what, r, ob.status[r], show(mb), orf.status[r], show(mr),
                               row);
            } else if ((mb == NULL) != (mr == NULL) || (mb && strcmp(mb, mr) != 0)) {
                bad = asprintf(&msg,
                               "%s [%s]: row %zu: message: block evaluator '%s', "
                               "reference '%s'; input: %s",
                               vc->dir, what, r, show(mb), show(mr), row);
            }
            for (k = 0; k < nout && !msg; k++) {
                const char *vb = ob.vals[r * nout + k], *vr = orf.vals[r * nout + k];
                int okb = ob.valid[k * n + r], okr = orf.valid[k * n + r];
                if (requested(vc, k) &&
                    (okb != okr || (vb == NULL) != (vr == NULL) || (vb && strcmp(vb, vr) != 0)))
                    bad = asprintf(&msg,
                                   "%s [%s]: row %zu column '%s': block evaluator '%s' "
                                   "(valid %d), reference '%s' (valid %d); input: %s",
                                   vc->dir, what, r, pmml_model_output_name(vc->mb, k), show(vb),
                                   okb, show(vr), okr, row);
            }
            if (bad < 0)
                msg = NULL;
        }
    }
    free(cols);
    outcome_free(&ob);
    outcome_free(&orf);
    pmml_scorer_free(sb);
    pmml_scorer_free(sr);
    free_binding(&b);
    return msg;
}

/* Runs one variant; on a difference prints it and keeps the first. */
static void run_variant(const vcase *vc, char **first, int *fails, const char *label,
                        const vtable *t, int mode, long unbound, size_t chunk, uint64_t seed)
{
    char *msg = compare_variant(vc, label, t, mode, unbound, chunk, seed);
    if (!msg)
        return;
    (*fails)++;
    fprintf(stderr, "vec FAIL %s\n", msg);
    if (!*first)
        *first = msg;
    else
        free(msg);
}

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *text;
    long size;
    size_t len;
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    text = malloc((size_t)(size > 0 ? size : 0) + 1);
    ck_assert_ptr_nonnull(text);
    len = fread(text, 1, (size_t)(size > 0 ? size : 0), fp);
    text[len] = '\0';
    fclose(fp);
    return text;
}

/* Loads `doc` twice (normally and with PMML_LOAD_REFERENCE) and scores every
 * variant of the rows of `base` with both.  Returns the number of variants
 * that differ; the first difference is left in *first (to free). */
static int differential(const char *name, const char *doc, const vtable *base, char **first)
{
    pmml_load_options opts = PMML_LOAD_OPTIONS_INIT;
    pmml_model *mb = NULL, *mr = NULL;
    pmml_error err;
    vtable plain, *pert;
    kset ks;
    vcase vc;
    int fails = 0, rc;
    size_t i, j, npert = 3;
    const char *env = getenv("PMML_VEC_SEEDS");
    uint64_t seed = seed_of(name, 0);

    rc = pmml_model_load_memory(&mb, doc, strlen(doc), name, NULL, &err);
    ck_assert_msg(rc == PMML_OK, "%s: load failed: %s", name, err.message);
    opts.flags = PMML_LOAD_REFERENCE;
    rc = pmml_model_load_memory(&mr, doc, strlen(doc), name, &opts, &err);
    ck_assert_msg(rc == PMML_OK, "%s: reference load failed: %s", name, err.message);
    ck_assert_msg(pmml_model_block_reason(mr) != NULL, "%s: PMML_LOAD_REFERENCE ignored", name);
    ck_assert_uint_eq(pmml_model_output_count(mb), pmml_model_output_count(mr));
    model_constants(doc, &ks);

    repeat_table(base, VEC_ROWS, &plain);
    if (env && atoi(env) > 3)
        npert = (size_t)atoi(env);
    pert = calloc(npert, sizeof *pert);
    ck_assert_ptr_nonnull(pert);
    for (i = 0; i < npert; i++)
        perturbed_table(base, seed_of(name, 100 + i), &ks, mb, &pert[i]);

    vc.dir = name;
    vc.mb = mb;
    vc.mr = mr;
    vc.nout = pmml_model_output_count(mb);
    vc.req = REQ_ALL;

    run_variant(&vc, first, &fails, "plain", &plain, B_STRVIEW, -1, VEC_ROWS, seed);
    run_variant(&vc, first, &fails, "plain", &plain, B_DOUBLE, -1, VEC_ROWS, seed);
    run_variant(&vc, first, &fails, "plain", &plain, B_INT64, -1, VEC_ROWS, seed);
    run_variant(&vc, first, &fails, "plain", &plain, B_CODE, -1, VEC_ROWS, seed);
    for (i = 0; i < npert; i++) {
        char label[32];
        snprintf(label, sizeof label, "perturbed#%zu", i);
        run_variant(&vc, first, &fails, label, &pert[i], B_STRVIEW, -1, VEC_ROWS, seed);
        run_variant(&vc, first, &fails, label, &pert[i], B_DOUBLE, -1, VEC_ROWS, seed);
    }
    run_variant(&vc, first, &fails, "perturbed#0", &pert[0], B_STRVIEW, -1, 37, seed);
    run_variant(&vc, first, &fails, "plain", &plain, B_DOUBLE, -1, 100, seed);
    run_variant(&vc, first, &fails, "perturbed#0", &pert[0], B_STRING, -1, VEC_ROWS, seed);
    run_variant(&vc, first, &fails, "perturbed#1", &pert[1], B_DOUBLE_VALID, -1, VEC_ROWS,
                seed + 1);
    run_variant(&vc, first, &fails, "perturbed#2", &pert[2], B_INT64, -1, VEC_ROWS, seed);
    run_variant(&vc, first, &fails, "perturbed#2", &pert[2], B_CODE, -1, VEC_ROWS, seed);
    for (vc.req = REQ_NONE; vc.req <= REQ_ODD; vc.req++) {
        run_variant(&vc, first, &fails, "plain", &plain, B_STRVIEW, -1, VEC_ROWS, seed);
        run_variant(&vc, first, &fails, "perturbed#0", &pert[0], B_STRVIEW, -1, VEC_ROWS, seed);
        run_variant(&vc, first, &fails, "perturbed#1", &pert[1], B_DOUBLE, -1, VEC_ROWS, seed);
    }
    vc.req = REQ_ALL;
    for (j = 0; j < base->ncols; j++) {
        run_variant(&vc, first, &fails, "plain", &plain, B_STRVIEW, (long)j, VEC_ROWS, seed);
        run_variant(&vc, first, &fails, "perturbed#1", &pert[1], B_DOUBLE, (long)j, VEC_ROWS, seed);
    }

    for (i = 0; i < npert; i++)
        free_table(&pert[i]);
    free(pert);
    free_table(&plain);
    pmml_model_free(mb);
    pmml_model_free(mr);
    return fails;
}

static void fail_with(int fails, char *first)
{
    char msg[4096];
    snprintf(msg, sizeof msg, "%s", first ? first : "");
    free(first);
    ck_abort_msg("%d variant(s) differ; first: %s", fails, msg);
}

START_TEST(block_matches_reference)
{
    const char *root = getenv("PMML_TESTDATA");
    const char *dir;
    char path[1024];
    char *doc, *first = NULL;
    vtable base;
    FILE *fp;
    int fails, rc;

    ck_assert_msg(root && vec_ndirs > 0, "PMML_TESTDATA must name the testdata directory");
    dir = vec_dirs[_i];
    snprintf(path, sizeof path, "%s/%s/model.pmml", root, dir);
    doc = slurp(path);
    ck_assert_msg(doc != NULL, "%s: cannot read model.pmml", dir);
    snprintf(path, sizeof path, "%s/%s/input.csv", root, dir);
    fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "%s: cannot open input.csv", dir);
    rc = read_csv(fp, &base);
    fclose(fp);
    ck_assert_msg(rc == 0 && base.nrows > 0, "%s: cannot read input.csv", dir);
    fails = differential(dir, doc, &base, &first);
    free_table(&base);
    free(doc);
    if (fails)
        fail_with(fails, first);
}
END_TEST

/* ---- inline probes: corners of input reading and typing ---- */

typedef struct probe {
    const char *name;
    const char *body; /* wrapped by t_pmml() */
    const char *csv;
} probe;

static const probe probes[] = {
    {"probe-input-types",
     /* float / integer / boolean inputs, a valid interval, missing and
      * invalid Value markers, every outlier and invalid treatment */
     "<DataDictionary>"
     "<DataField name=\"f\" optype=\"continuous\" dataType=\"float\"/>"
     "<DataField name=\"i\" optype=\"continuous\" dataType=\"integer\"/>"
     "<DataField name=\"d\" optype=\"continuous\" dataType=\"double\">"
     "<Interval closure=\"closedClosed\" leftMargin=\"0\" rightMargin=\"100\"/></DataField>"
     "<DataField name=\"s\" optype=\"categorical\" dataType=\"string\">"
     "<Value value=\"a\"/><Value value=\"b\"/><Value value=\"NA\" property=\"missing\"/>"
     "<Value value=\"bad\" property=\"invalid\"/></DataField>"
     "<DataField name=\"b\" optype=\"categorical\" dataType=\"boolean\"/>"
     "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
     "<RegressionModel functionName=\"regression\"><MiningSchema>"
     "<MiningField name=\"f\" outliers=\"asMissingValues\" lowValue=\"-1\" highValue=\"1\" "
     "missingValueReplacement=\"0.5\"/>"
     "<MiningField name=\"i\" outliers=\"asExtremeValues\" lowValue=\"0\" highValue=\"10\"/>"
     "<MiningField name=\"d\" invalidValueTreatment=\"asMissing\" missingValueReplacement=\"50\"/>"
     "<MiningField name=\"s\" invalidValueTreatment=\"asIs\"/>"
     "<MiningField name=\"b\" missingValueReplacement=\"false\"/>"
     "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
     "<Output><OutputField name=\"y_float\" feature=\"predictedValue\" dataType=\"float\"/>"
     "<OutputField name=\"y_int\" feature=\"predictedValue\" dataType=\"integer\"/></Output>"
     "<RegressionTable intercept=\"0.25\"><NumericPredictor name=\"f\" coefficient=\"1\"/>"
     "<NumericPredictor name=\"i\" coefficient=\"0.1\"/>"
     "<NumericPredictor name=\"d\" coefficient=\"0.01\"/>"
     "<NumericPredictor name=\"b\" coefficient=\"3\"/>"
     "<CategoricalPredictor name=\"s\" value=\"a\" coefficient=\"1\"/>"
     "<CategoricalPredictor name=\"s\" value=\"b\" coefficient=\"2\"/>"
     "</RegressionTable></RegressionModel>",
     "f,i,d,s,b\n"
     "0.1,3,20,a,true\n"
     "-1,0,0,b,false\n"
     "1.0000001,10,100,NA,1\n"
     "-2,11,100.5,bad,0\n"
     ",-1,,,\n"
     "0.3,2.5,abc,zz,yes\n"
     "3.4028235e38,7,1e-320,a,TRUE\n"
     "0.75,4,25,b,true\n"},
    {"probe-treatments",
     /* missingValueTreatment returnInvalid, invalidValueTreatment asValue,
      * a tree over an integer and a float field */
     "<DataDictionary>"
     "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
     "<DataField name=\"n\" optype=\"continuous\" dataType=\"integer\">"
     "<Interval closure=\"closedOpen\" leftMargin=\"-5\" rightMargin=\"5\"/></DataField>"
     "<DataField name=\"f\" optype=\"continuous\" dataType=\"float\"/>"
     "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
     "<TreeModel functionName=\"regression\" noTrueChildStrategy=\"returnLastPrediction\">"
     "<MiningSchema>"
     "<MiningField name=\"x\" missingValueTreatment=\"returnInvalid\"/>"
     "<MiningField name=\"n\" invalidValueTreatment=\"asValue\" invalidValueReplacement=\"4\"/>"
     "<MiningField name=\"f\" outliers=\"asExtremeValues\" lowValue=\"0.1\" highValue=\"0.7\"/>"
     "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
     "<Node score=\"0\"><True/>"
     "<Node score=\"1\"><SimplePredicate field=\"x\" operator=\"lessOrEqual\" value=\"1\"/>"
     "<Node score=\"11\"><SimplePredicate field=\"n\" operator=\"lessThan\" value=\"2.5\"/></Node>"
     "<Node score=\"12\"><SimplePredicate field=\"n\" operator=\"equal\" value=\"4\"/></Node>"
     "</Node>"
     "<Node score=\"2\"><SimplePredicate field=\"f\" operator=\"lessThan\" value=\"0.3\"/></Node>"
     "<Node score=\"3\"><SimplePredicate field=\"f\" operator=\"greaterOrEqual\" value=\"0.3\"/>"
     "<Node score=\"31\"><SimplePredicate field=\"f\" operator=\"equal\" value=\"0.7\"/></Node>"
     "</Node></Node></TreeModel>",
     "x,n,f\n"
     "0,2,0.2\n"
     "1,3,0.3\n"
     "1,4,0.7\n"
     "2,9,0.29999998\n"
     "1.5,-5,0.30000001\n"
     ",1,0.5\n"
     "0.5,,\n"
     "3,5,0.8\n"
     "-1,2.5,0.05\n"
     "-0,abc,0.7000000000000001\n"},
    {"probe-numeric-categories",
     /* categorical double and integer fields: -0 against 0, 1.50 against
      * 1.5, in a regression, a NormDiscrete and a tree */
     "<DataDictionary>"
     "<DataField name=\"c\" optype=\"categorical\" dataType=\"double\"/>"
     "<DataField name=\"k\" optype=\"categorical\" dataType=\"integer\">"
     "<Value value=\"1\"/><Value value=\"2\"/><Value value=\"3\"/></DataField>"
     "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
     "<MiningModel functionName=\"regression\"><MiningSchema>"
     "<MiningField name=\"c\"/><MiningField name=\"k\" invalidValueTreatment=\"asMissing\" "
     "missingValueReplacement=\"3\"/>"
     "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
     "<LocalTransformations>"
     "<DerivedField name=\"c0\" optype=\"continuous\" dataType=\"double\">"
     "<NormDiscrete field=\"c\" value=\"0\" mapMissingTo=\"-1\"/></DerivedField>"
     "<DerivedField name=\"k2\" optype=\"continuous\" dataType=\"double\">"
     "<NormDiscrete field=\"k\" value=\"2\"/></DerivedField>"
     "</LocalTransformations>"
     "<Segmentation multipleModelMethod=\"sum\">"
     "<Segment><True/><RegressionModel functionName=\"regression\"><MiningSchema>"
     "<MiningField name=\"c\"/><MiningField name=\"k\"/><MiningField name=\"c0\"/>"
     "<MiningField name=\"k2\"/><MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
     "<RegressionTable intercept=\"0\"><NumericPredictor name=\"c0\" coefficient=\"100\"/>"
     "<NumericPredictor name=\"k2\" coefficient=\"1000\"/>"
     "<CategoricalPredictor name=\"c\" value=\"0\" coefficient=\"5\"/>"
     "<CategoricalPredictor name=\"c\" value=\"1.5\" coefficient=\"2\"/>"
     "<CategoricalPredictor name=\"k\" value=\"2\" coefficient=\"7\"/>"
     "</RegressionTable></RegressionModel></Segment>"
     "<Segment><True/><TreeModel functionName=\"regression\"><MiningSchema>"
     "<MiningField name=\"c\"/><MiningField name=\"k\"/>"
     "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
     "<Node score=\"0\"><True/>"
     "<Node score=\"0.25\"><SimplePredicate field=\"c\" operator=\"equal\" value=\"0\"/></Node>"
     "<Node score=\"0.5\"><SimplePredicate field=\"k\" operator=\"notEqual\" value=\"3\"/></Node>"
     "<Node score=\"0.75\"><True/></Node></Node></TreeModel></Segment>"
     "</Segmentation></MiningModel>",
     "c,k\n"
     "0,1\n"
     "-0,2\n"
     "1.5,2.0\n"
     "1.50,3\n"
     "2,4\n"
     "0.0,\n"
     ",2\n"
     "-1.5,1\n"},
    {"probe-classification-outputs",
     /* integer categories, predictedValue as double and float, the
      * probability of the winner, a categorical-string input with a
      * missing-value replacement */
     "<DataDictionary>"
     "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
     "<DataField name=\"g\" optype=\"categorical\" dataType=\"string\">"
     "<Value value=\"u\"/><Value value=\"v\"/></DataField>"
     "<DataField name=\"grade\" optype=\"categorical\" dataType=\"integer\">"
     "<Value value=\"1\"/><Value value=\"2\"/><Value value=\"3\"/></DataField>"
     "</DataDictionary>"
     "<TreeModel functionName=\"classification\" noTrueChildStrategy=\"returnLastPrediction\">"
     "<MiningSchema><MiningField name=\"x\"/>"
     "<MiningField name=\"g\" missingValueReplacement=\"v\"/>"
     "<MiningField name=\"grade\" usageType=\"target\"/></MiningSchema>"
     "<Output><OutputField name=\"pred_d\" feature=\"predictedValue\" dataType=\"double\"/>"
     "<OutputField name=\"pred_f\" feature=\"predictedValue\" dataType=\"float\"/>"
     "<OutputField name=\"p_win\" feature=\"probability\" dataType=\"float\"/>"
     "<OutputField name=\"p_2\" feature=\"probability\" value=\"2\" dataType=\"double\"/>"
     "</Output>"
     "<Node score=\"1\"><True/>"
     "<ScoreDistribution value=\"1\" recordCount=\"5\"/>"
     "<ScoreDistribution value=\"2\" recordCount=\"3\"/>"
     "<ScoreDistribution value=\"3\" recordCount=\"1\"/>"
     "<Node score=\"2\"><SimplePredicate field=\"g\" operator=\"equal\" value=\"u\"/>"
     "<ScoreDistribution value=\"1\" recordCount=\"1\"/>"
     "<ScoreDistribution value=\"2\" recordCount=\"7\"/>"
     "<ScoreDistribution value=\"3\" recordCount=\"3\"/>"
     "<Node score=\"3\"><SimplePredicate field=\"x\" operator=\"greaterThan\" value=\"0.1\"/>"
     "<ScoreDistribution value=\"1\" recordCount=\"0\"/>"
     "<ScoreDistribution value=\"2\" recordCount=\"1\"/>"
     "<ScoreDistribution value=\"3\" recordCount=\"2\"/></Node></Node>"
     "</Node></TreeModel>",
     "x,g\n"
     "0,u\n"
     "0.1,u\n"
     "0.10000000000000001,u\n"
     "0.2,u\n"
     "5,v\n"
     ",u\n"
     "1,\n"
     "1,w\n"},
    {"probe-targets-and-math",
     /* a Target with min, max, rescaling and castInteger=floor over a
      * regression whose terms hit the edges of libm: ln and log10 at 0,
      * sqrt of -0, exp overflow, pow(0, -1), division by zero, integer
      * floor of huge values, a PredictorTerm and an exponent */
     "<DataDictionary>"
     "<DataField name=\"a\" optype=\"continuous\" dataType=\"double\"/>"
     "<DataField name=\"b\" optype=\"continuous\" dataType=\"double\"/>"
     "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
     "<TransformationDictionary>"
     "<DerivedField name=\"ln_a\" optype=\"continuous\" dataType=\"double\">"
     "<Apply function=\"ln\"><Apply function=\"abs\"><FieldRef field=\"a\"/></Apply></Apply>"
     "</DerivedField>"
     "<DerivedField name=\"lg_b\" optype=\"continuous\" dataType=\"double\">"
     "<Apply function=\"log10\"><Apply function=\"abs\"><FieldRef field=\"b\"/></Apply>"
     "</Apply></DerivedField>"
     "<DerivedField name=\"sq\" optype=\"continuous\" dataType=\"double\">"
     "<Apply function=\"sqrt\"><Apply function=\"min\"><FieldRef field=\"a\"/>"
     "<Constant dataType=\"double\">0</Constant></Apply></Apply></DerivedField>"
     "<DerivedField name=\"ex\" optype=\"continuous\" dataType=\"double\">"
     "<Apply function=\"exp\"><FieldRef field=\"b\"/></Apply></DerivedField>"
     "<DerivedField name=\"pw\" optype=\"continuous\" dataType=\"double\">"
     "<Apply function=\"pow\"><FieldRef field=\"a\"/><Constant dataType=\"double\">-1</Constant>"
     "</Apply></DerivedField>"
     "<DerivedField name=\"q\" optype=\"continuous\" dataType=\"double\">"
     "<Apply function=\"/\"><FieldRef field=\"b\"/><FieldRef field=\"a\"/></Apply>"
     "</DerivedField>"
     "<DerivedField name=\"fl\" optype=\"continuous\" dataType=\"integer\">"
     "<Apply function=\"floor\"><Apply function=\"*\"><FieldRef field=\"a\"/>"
     "<Constant dataType=\"double\">1e300</Constant></Apply></Apply></DerivedField>"
     "<DerivedField name=\"rd\" optype=\"continuous\" dataType=\"integer\">"
     "<Apply function=\"round\"><FieldRef field=\"b\"/></Apply></DerivedField>"
     "<DerivedField name=\"fz\" optype=\"continuous\" dataType=\"float\">"
     "<Apply function=\"product\"><FieldRef field=\"a\"/><FieldRef field=\"b\"/></Apply>"
     "</DerivedField>"
     "</TransformationDictionary>"
     "<RegressionModel functionName=\"regression\"><MiningSchema>"
     "<MiningField name=\"a\"/><MiningField name=\"b\"/>"
     "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
     "<Output><OutputField name=\"y_out\" feature=\"predictedValue\" dataType=\"double\"/>"
     "</Output>"
     "<Targets><Target field=\"y\" min=\"-1e6\" max=\"1e300\" rescaleFactor=\"2\" "
     "rescaleConstant=\"0.5\" castInteger=\"floor\"/></Targets>"
     "<RegressionTable intercept=\"1\">"
     "<NumericPredictor name=\"ln_a\" coefficient=\"1\"/>"
     "<NumericPredictor name=\"lg_b\" coefficient=\"1\"/>"
     "<NumericPredictor name=\"sq\" coefficient=\"1\"/>"
     "<NumericPredictor name=\"ex\" coefficient=\"1e-300\"/>"
     "<NumericPredictor name=\"pw\" coefficient=\"1\"/>"
     "<NumericPredictor name=\"q\" coefficient=\"1\"/>"
     "<NumericPredictor name=\"fl\" coefficient=\"1e-300\"/>"
     "<NumericPredictor name=\"rd\" coefficient=\"1\"/>"
     "<NumericPredictor name=\"fz\" coefficient=\"1\"/>"
     "<NumericPredictor name=\"a\" coefficient=\"0.5\" exponent=\"3\"/>"
     "<PredictorTerm coefficient=\"0.25\"><FieldRef field=\"a\"/><FieldRef field=\"b\"/>"
     "</PredictorTerm>"
     "</RegressionTable></RegressionModel>",
     "a,b\n"
     "1,1\n"
     "0,1\n"
     "-0,0\n"
     "2,710\n"
     "-3,-2.5\n"
     "1e-300,1e300\n"
     "0.5,2.5\n"
     "-1,-0.5\n"
     "1e10,-1e10\n"},
    {"probe-null-leaves",
     /* regression trees that end without a prediction on present values
      * (no true child, a leaf without a score), alone and summed */
     "<DataDictionary>"
     "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
     "<DataField name=\"z\" optype=\"continuous\" dataType=\"double\"/>"
     "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
     "<MiningModel functionName=\"regression\"><MiningSchema>"
     "<MiningField name=\"x\"/><MiningField name=\"z\"/>"
     "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
     "<Segmentation multipleModelMethod=\"sum\">"
     "<Segment><True/><TreeModel functionName=\"regression\"><MiningSchema>"
     "<MiningField name=\"x\"/><MiningField name=\"y\" usageType=\"target\"/>"
     "</MiningSchema><Node score=\"0\"><True/>"
     "<Node score=\"1\"><SimplePredicate field=\"x\" operator=\"lessThan\" value=\"0\"/></Node>"
     "<Node score=\"2\"><SimplePredicate field=\"x\" operator=\"greaterThan\" value=\"10\"/>"
     "</Node><Node><SimplePredicate field=\"x\" operator=\"equal\" value=\"7\"/></Node>"
     "</Node></TreeModel></Segment>"
     "<Segment><True/><TreeModel functionName=\"regression\"><MiningSchema>"
     "<MiningField name=\"z\"/><MiningField name=\"y\" usageType=\"target\"/>"
     "</MiningSchema><Node score=\"0\"><True/>"
     "<Node score=\"0.5\"><SimplePredicate field=\"z\" operator=\"lessOrEqual\" "
     "value=\"3\"/></Node>"
     "<Node score=\"-0.5\"><SimplePredicate field=\"z\" operator=\"greaterThan\" value=\"3\"/>"
     "</Node></Node></TreeModel></Segment>"
     "</Segmentation></MiningModel>",
     "x,z\n"
     "-1,0\n"
     "5,1\n"
     "11,4\n"
     "7,3\n"
     "0,-0\n"
     "10,3.0000000000000004\n"},
    {"probe-null-leaf-tree",
     /* the same tree alone: a missing prediction is not a row error */
     "<DataDictionary>"
     "<DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
     "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
     "<TreeModel functionName=\"regression\"><MiningSchema>"
     "<MiningField name=\"x\"/><MiningField name=\"y\" usageType=\"target\"/>"
     "</MiningSchema><Output>"
     "<OutputField name=\"y_out\" feature=\"predictedValue\" dataType=\"double\"/></Output>"
     "<Node score=\"0\"><True/>"
     "<Node score=\"1\"><SimplePredicate field=\"x\" operator=\"lessThan\" value=\"0\"/></Node>"
     "<Node score=\"2\"><SimplePredicate field=\"x\" operator=\"greaterThan\" value=\"10\"/>"
     "</Node><Node><SimplePredicate field=\"x\" operator=\"equal\" value=\"7\"/></Node>"
     "</Node></TreeModel>",
     "x\n"
     "-1\n"
     "5\n"
     "11\n"
     "7\n"
     "-0\n"},
};

#define NPROBES (sizeof probes / sizeof probes[0])

START_TEST(inline_probe_matches_reference)
{
    const probe *pr = &probes[_i];
    char *doc = t_pmml(pr->body), *first = NULL;
    vtable base;
    FILE *fp = fmemopen((void *)pr->csv, strlen(pr->csv), "rb");
    pmml_model *m;
    pmml_error err;
    int fails, rc;
    ck_assert_ptr_nonnull(fp);
    rc = read_csv(fp, &base);
    fclose(fp);
    ck_assert_msg(rc == 0 && base.nrows > 0, "%s: bad CSV", pr->name);
    /* a probe exercises the block evaluator only while the model has a
     * block form; without one it still compares, and says so */
    m = t_load(doc, PMML_OK, &err);
    if (pmml_model_block_reason(m))
        fprintf(stderr, "vec note: %s scores row by row (%s)\n", pr->name,
                pmml_model_block_reason(m));
    pmml_model_free(m);
    fails = differential(pr->name, doc, &base, &first);
    free_table(&base);
    free(doc);
    if (fails)
        fail_with(fails, first);
}
END_TEST

/* The models written for this suite must take the block path, or the
 * differential test above would not exercise it; and enough of the other
 * models must too. */
START_TEST(vec_models_score_in_blocks)
{
    static const char *const want[] = {"vec-tree-ops",    "vec-tree-chain", "vec-mining-wavg",
                                       "vec-mining-vote", "vec-mining-max", "vec-mining-probavg",
                                       "vec-transform",   "vec-nn-softmax", "vec-nn-regression"};
    const char *root = getenv("PMML_TESTDATA");
    size_t w;
    int i, nblock = 0;
    ck_assert_msg(root && vec_ndirs > 0, "PMML_TESTDATA must name the testdata directory");
    for (w = 0; w < sizeof want / sizeof want[0]; w++) {
        for (i = 0; i < vec_ndirs; i++)
            if (strcmp(vec_dirs[i], want[w]) == 0)
                break;
        ck_assert_msg(i < vec_ndirs, "testdata/%s is missing", want[w]);
    }
    for (i = 0; i < vec_ndirs; i++) {
        char path[1024];
        pmml_model *m = NULL;
        pmml_error err;
        const char *why;
        ck_assert(snprintf(path, sizeof path, "%s/%s/model.pmml", root, vec_dirs[i]) <
                  (int)sizeof path);
        ck_assert_msg(pmml_model_load_file(&m, path, NULL, &err) == PMML_OK, "%s: %s", vec_dirs[i],
                      err.message);
        why = pmml_model_block_reason(m);
        if (!why)
            nblock++;
        if (strncmp(vec_dirs[i], "vec-", 4) == 0)
            ck_assert_msg(why == NULL, "%s scores row by row: %s", vec_dirs[i], why);
        pmml_model_free(m);
    }
    ck_assert_int_ge(nblock, 40);
}
END_TEST

/* The flag and the harness on an inline model: PMML_LOAD_REFERENCE is
 * reported as the reason, and a column of nothing but special cells
 * (missing, NaN, text, huge, -0, inf, subnormal) scores the same both ways,
 * in one batch and in batches that cut across blocks. */
START_TEST(reference_load_and_special_cells)
{
    static const char body[] =
        "<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
        "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
        "<RegressionModel functionName=\"regression\"><MiningSchema>"
        "<MiningField name=\"x\"/><MiningField name=\"y\" usageType=\"target\"/>"
        "</MiningSchema><RegressionTable intercept=\"1\">"
        "<NumericPredictor name=\"x\" coefficient=\"2\"/></RegressionTable></RegressionModel>";
    char *doc = t_pmml(body);
    pmml_load_options opts = PMML_LOAD_OPTIONS_INIT;
    pmml_model *mb = NULL, *mr = NULL;
    pmml_error err;
    opts.flags = PMML_LOAD_REFERENCE;
    ck_assert_int_eq(pmml_model_load_memory(&mb, doc, strlen(doc), "t", NULL, &err), PMML_OK);
    ck_assert_int_eq(pmml_model_load_memory(&mr, doc, strlen(doc), "t", &opts, &err), PMML_OK);
    ck_assert_ptr_null(pmml_model_block_reason(mb));
    ck_assert_str_eq(pmml_model_block_reason(mr), "PMML_LOAD_REFERENCE");
    {
        static const char *cells[] = {"x", "1", NULL, "NaN", "abc", "1e308", "-0", "inf", "1e-320"};
        vtable base, t;
        vcase vc;
        char *msg;
        size_t i;
        base.nrows = 8;
        base.ncols = 1;
        base.names = calloc(1, sizeof *base.names);
        base.cells = calloc(8, sizeof *base.cells);
        ck_assert(base.names && base.cells);
        base.names[0] = xstrdup(cells[0]);
        for (i = 0; i < 8; i++)
            base.cells[i] = xstrdup(cells[i + 1]);
        repeat_table(&base, 200, &t);
        vc.dir = "inline";
        vc.mb = mb;
        vc.mr = mr;
        vc.nout = pmml_model_output_count(mb);
        vc.req = REQ_ALL;
        msg = compare_variant(&vc, "special", &t, B_STRVIEW, -1, 200, 1);
        ck_assert_msg(msg == NULL, "%s", msg ? msg : "");
        msg = compare_variant(&vc, "special", &t, B_DOUBLE_VALID, -1, 29, 1);
        ck_assert_msg(msg == NULL, "%s", msg ? msg : "");
        free_table(&t);
        free_table(&base);
    }
    pmml_model_free(mb);
    pmml_model_free(mr);
    free(doc);
}
END_TEST

Suite *suite_vec(void); /* registered in check_main.c */

Suite *suite_vec(void)
{
    Suite *s = suite_create("vec");
    TCase *tc = tcase_create("differential");
    find_dirs();
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, block_matches_reference, 0, vec_ndirs > 0 ? vec_ndirs : 1);
    tcase_add_loop_test(tc, inline_probe_matches_reference, 0, (int)NPROBES);
    suite_add_tcase(s, tc);
    tc = tcase_create("block path");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, vec_models_score_in_blocks);
    tcase_add_test(tc, reference_load_and_special_cells);
    suite_add_tcase(s, tc);
    return s;
}
