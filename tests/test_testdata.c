/* test_testdata.c - the end-to-end cases in testdata/: each model scores
 * its input.csv through the pmml command and must match expected.csv at the
 * tolerance in case.json (the layout of the shared conformance corpus). */
#define _GNU_SOURCE
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "io/csv.h"
#include "tests.h"

typedef struct table {
    size_t nrows, ncols;
    char **cells; /* (nrows + 1) * ncols, header first */
} table;

static int read_table(FILE *fp, table *t)
{
    pm_csv c;
    size_t cap = 0;
    int st;
    memset(t, 0, sizeof *t);
    pm_csv_init(&c, fp, ',', '"');
    while ((st = pm_csv_next(&c)) == 1) {
        size_t j;
        if (c.error[0])
            break;
        if (t->nrows == 0 && t->ncols == 0)
            t->ncols = c.ncells;
        else if (c.ncells == 1 && c.cells[0].len == 0 && t->ncols > 1)
            continue;
        if (c.ncells != t->ncols)
            break;
        if ((t->nrows + 1) * t->ncols > cap) {
            cap = cap ? cap * 2 : 64 * t->ncols;
            t->cells = realloc(t->cells, cap * sizeof *t->cells);
        }
        for (j = 0; j < c.ncells; j++)
            t->cells[t->nrows * t->ncols + j] = strndup(c.cells[j].ptr, c.cells[j].len);
        t->nrows++;
    }
    pm_csv_free(&c);
    if (t->nrows)
        t->nrows--; /* the header */
    return st == 0 ? 0 : -1;
}

static void free_table(table *t)
{
    size_t i;
    for (i = 0; i < (t->nrows + 1) * t->ncols; i++)
        free(t->cells[i]);
    free(t->cells);
}

static double tolerance(const char *dir, const char *key)
{
    char path[1024], buf[4096];
    double v = 1e-9;
    FILE *fp;
    size_t n;
    snprintf(path, sizeof path, "%s/case.json", dir);
    fp = fopen(path, "r");
    if (!fp)
        return v;
    n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    {
        char pat[32];
        const char *p;
        snprintf(pat, sizeof pat, "\"%s\"", key);
        p = strstr(buf, pat);
        if (p && (p = strchr(p, ':')))
            v = strtod(p + 1, NULL);
    }
    return v;
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

/* Returns NULL when the case passes, else a message. */
static char *run_case(const char *cli, const char *dir)
{
    char cmd[4200];
    FILE *out, *fe;
    table got, exp;
    size_t j, r;
    double rel = tolerance(dir, "rel"), abs_ = tolerance(dir, "abs");
    char *msg = NULL;
    int rc;

    snprintf(cmd, sizeof cmd, "'%s' score '%s/model.pmml' '%s/input.csv'", cli, dir, dir);
    out = popen(cmd, "r");
    if (!out || read_table(out, &got) != 0) {
        if (out)
            pclose(out);
        if (asprintf(&msg, "%s: cannot run or read the scorer output", dir) < 0)
            msg = NULL;
        return msg;
    }
    rc = pclose(out);
    snprintf(cmd, sizeof cmd, "%s/expected.csv", dir);
    fe = fopen(cmd, "r");
    if (!fe || read_table(fe, &exp) != 0) {
        if (fe)
            fclose(fe);
        free_table(&got);
        if (asprintf(&msg, "%s: cannot read expected.csv", dir) < 0)
            msg = NULL;
        return msg;
    }
    fclose(fe);
    if (rc != 0 && asprintf(&msg, "%s: the scorer exited with status %d", dir, rc) < 0)
        msg = NULL;
    if (!msg && got.nrows != exp.nrows &&
        asprintf(&msg, "%s: %zu rows, expected %zu", dir, got.nrows, exp.nrows) < 0)
        msg = NULL;
    for (j = 0; !msg && j < exp.ncols; j++) {
        const char *name = exp.cells[j];
        size_t k;
        for (k = 0; k < got.ncols; k++)
            if (strcmp(got.cells[k], name) == 0)
                break;
        if (k == got.ncols) {
            if (asprintf(&msg, "%s: no column '%s'", dir, name) < 0)
                msg = NULL;
            break;
        }
        for (r = 1; r <= exp.nrows; r++) {
            const char *e = exp.cells[r * exp.ncols + j], *a = got.cells[r * got.ncols + k];
            if (!cells_equal(e, a, rel, abs_)) {
                if (asprintf(&msg, "%s: row %zu column '%s': expected '%s', got '%s'", dir, r,
                             name, e, a) < 0)
                    msg = NULL;
                break;
            }
        }
    }
    free_table(&got);
    free_table(&exp);
    return msg;
}

START_TEST(testdata_cases_match)
{
    const char *cli = getenv("PMML_CLI");
    const char *root = getenv("PMML_TESTDATA");
    struct dirent **names;
    int n, i, cases = 0, failures = 0;
    ck_assert_msg(cli && root, "PMML_CLI and PMML_TESTDATA must be set");
    n = scandir(root, &names, NULL, alphasort);
    ck_assert_int_ge(n, 0);
    for (i = 0; i < n; i++) {
        char dir[1024], probe[1100];
        struct stat st;
        char *msg;
        int skip = names[i]->d_name[0] == '.';
        snprintf(dir, sizeof dir, "%s/%s", root, names[i]->d_name);
        snprintf(probe, sizeof probe, "%s/expected.csv", dir);
        free(names[i]);
        if (skip || stat(probe, &st) != 0)
            continue;
        cases++;
        msg = run_case(cli, dir);
        if (msg) {
            fprintf(stderr, "testdata FAIL %s\n", msg);
            free(msg);
            failures++;
        }
    }
    free(names);
    ck_assert_msg(cases >= 10, "only %d testdata cases", cases);
    ck_assert_msg(failures == 0, "%d of %d testdata cases failed (see stderr)", failures, cases);
}
END_TEST

Suite *suite_testdata(void)
{
    Suite *s = suite_create("testdata");
    TCase *tc = tcase_create("testdata");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, testdata_cases_match);
    suite_add_tcase(s, tc);
    return s;
}
