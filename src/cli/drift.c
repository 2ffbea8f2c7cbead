/* drift.c - pmml drift: the report comparing scored inputs with the
 * model's training statistics (DataDictionary and ModelStats), through the
 * public pmml_stats API. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

/* The thresholds the report judges by (stated in every report, and in
 * pmml(1)).  PSI: the usual reading, below 0.1 no change, 0.1 to 0.25 some,
 * above 0.25 a shift. */
#define T_PSI 0.25
#define T_SHIFT 0.5    /* training standard deviations */
#define T_MISSING 0.05 /* missing rate above training's */
#define T_OUTSIDE 0.05 /* share of numbers outside the training range */
#define T_UNSEEN 0.01  /* share of rows with an unseen category */

typedef struct fieldrow {
    size_t i;
    double score; /* the largest measure / its threshold; -1: none */
    double missing, train_missing, outside, unseen, shift, psi;
} fieldrow;

static void worse(double *score, double measure, double threshold)
{
    if (!isnan(measure) && fabs(measure) / threshold > *score)
        *score = fabs(measure) / threshold;
}

static int by_score(const void *a, const void *b)
{
    const fieldrow *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

static void pct(FILE *out, double v, int width)
{
    if (isnan(v))
        fprintf(out, "%*s", width, "-");
    else
        fprintf(out, "%*.1f%%", width - 1, 100.0 * v);
}

int pmml_cli_drift_report(FILE *out, const pmml_model *m, const pmml_stats *stats,
                          const char *model_name)
{
    size_t n = pmml_model_input_count(m), i, j, width = 5, drifted = 0;
    fieldrow *rows = calloc(n + 1, sizeof *rows);
    int any_unseen = 0;
    if (!rows)
        return -1;
    for (i = 0; i < n; i++) {
        fieldrow *r = &rows[i];
        double total = pmml_model_input_training(m, i, PMML_TRAINING_TOTAL);
        double tmiss = pmml_model_input_training(m, i, PMML_TRAINING_MISSING);
        size_t len = strlen(pmml_model_input_name(m, i));
        if (len > width)
            width = len;
        r->i = i;
        r->missing = pmml_stats_input_drift(stats, i, PMML_DRIFT_MISSING_RATE);
        r->train_missing = total > 0 && !isnan(tmiss) ? tmiss / total : NAN;
        r->outside = pmml_stats_input_drift(stats, i, PMML_DRIFT_OUTSIDE_SHARE);
        r->unseen = pmml_stats_input_drift(stats, i, PMML_DRIFT_UNSEEN_RATE);
        r->shift = pmml_stats_input_drift(stats, i, PMML_DRIFT_MEAN_SHIFT);
        r->psi = pmml_stats_input_drift(stats, i, PMML_DRIFT_PSI);
        r->score = -1.0;
        worse(&r->score, r->psi, T_PSI);
        worse(&r->score, r->shift, T_SHIFT);
        if (!isnan(r->train_missing) && !isnan(r->missing))
            worse(&r->score, r->missing > r->train_missing ? r->missing - r->train_missing : 0,
                  T_MISSING);
        worse(&r->score, r->outside, T_OUTSIDE);
        worse(&r->score, r->unseen, T_UNSEEN);
        if (r->score >= 1.0)
            drifted++;
        if (pmml_stats_input_count(stats, i, PMML_STATS_INPUT_UNSEEN))
            any_unseen = 1;
    }
    qsort(rows, n, sizeof *rows, by_score);

    fprintf(out, "Drift report for %s: %llu rows (%llu scored, %llu failed)\n\n", model_name,
            (unsigned long long)pmml_stats_count(stats, PMML_STATS_ROWS),
            (unsigned long long)pmml_stats_count(stats, PMML_STATS_OK),
            (unsigned long long)pmml_stats_count(stats, PMML_STATS_FAILED));
    fprintf(out,
            "A field has DRIFTed when its population stability index (PSI) is at least %g,\n"
            "its mean moved by at least %g training standard deviations, its missing rate\n"
            "rose by at least %g points over training, or at least %g%% of its numbers lie\n"
            "outside the training range or %g%% of rows bring an unseen category; \"watch\"\n"
            "at half of any of these.  \"-\": the model's statistics do not allow the measure.\n\n",
            T_PSI, T_SHIFT, T_MISSING * 100, T_OUTSIDE * 100, T_UNSEEN * 100);
    fprintf(out, "%-*s  %-7s %8s %9s %8s %7s %6s %7s\n", (int)width, "field", "status", "missing",
            "training", "outside", "unseen", "shift", "PSI");
    for (j = 0; j < n; j++) {
        const fieldrow *r = &rows[j];
        const char *status = r->score < 0      ? "-"
                             : r->score >= 1.0 ? "DRIFT"
                             : r->score >= 0.5 ? "watch"
                                               : "stable";
        fprintf(out, "%-*s  %-7s", (int)width, pmml_model_input_name(m, r->i), status);
        pct(out, r->missing, 9);
        pct(out, r->train_missing, 10);
        pct(out, r->outside, 9);
        pct(out, r->unseen, 8);
        if (isnan(r->shift))
            fprintf(out, " %6s", "-");
        else
            fprintf(out, " %+6.2f", r->shift);
        if (isnan(r->psi))
            fprintf(out, " %7s\n", "-");
        else
            fprintf(out, " %7.3f\n", r->psi);
    }
    if (any_unseen) {
        fprintf(out, "\nUnseen categories (most frequent first):\n");
        for (j = 0; j < n; j++) {
            const fieldrow *r = &rows[j];
            uint64_t count;
            const char *v;
            size_t k;
            if (!pmml_stats_input_count(stats, r->i, PMML_STATS_INPUT_UNSEEN))
                continue;
            fprintf(out, "  %s:", pmml_model_input_name(m, r->i));
            for (k = 0; (v = pmml_stats_input_unseen(stats, r->i, k, &count)) != NULL; k++)
                fprintf(out, "%s \"%s\" %llu", k ? "," : "", v, (unsigned long long)count);
            fputc('\n', out);
        }
    }
    fprintf(out, "\n%zu of %zu fields drifted.\n", drifted, n);
    free(rows);
    return 0;
}
