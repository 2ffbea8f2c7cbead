/* stream.h - reading CSV rows from one or more inputs, scoring them in
 * batches, handing each result row to a sink (the pmml score writer, the
 * pmml verify checker). */
#ifndef PMML_CLI_STREAM_H
#define PMML_CLI_STREAM_H

#include <stdint.h>
#include <stdio.h>

#include "cli/progress.h"
#include "pmml.h"

/* One result: text for a PMML_COL_STRING result (NULL when missing), a
 * number for a PMML_COL_DOUBLE one. */
typedef union pm_val {
    const char *s;
    double d;
} pm_val;

/* One input record and its results, as the sink sees it. */
typedef struct pm_row {
    size_t input;               /* which input (index into the list given) */
    size_t line;                /* the line of that input where it starts */
    const pm_val *vals;         /* a value per result column; NULL when the row failed */
    const uint8_t *valid;       /* per result column: 0 when a PMML_COL_DOUBLE
                                   result is missing or invalid */
    const pmml_strview *copies; /* the copied input cells, in the order asked
                                   for; ptr NULL when the record is too short */
    const char *error;          /* why the row failed, or NULL */
} pm_row;

typedef struct pm_sink {
    /* Once, before the first row: the names of the copied columns. */
    int (*header)(void *payload, const pmml_model *m, const char *const *copy_names,
                  size_t ncopy);
    /* Once per input record, in input order. */
    int (*row)(void *payload, const pm_row *row);
    /* After the rows of each batch (may be NULL). */
    int (*batch_end)(void *payload);
    void *payload;
} pm_sink;
/* A non-zero return of a sink function stops the stream with that exit
 * status. */

typedef struct pm_stream_opts {
    char delim;
    int quote;                  /* < 0: no quote character */
    int threads;                /* scoring threads; 1 or less: the calling thread */
    const char *const *missing; /* cell texts that are missing values, besides "" */
    size_t nmissing;
    const char *const *copy;    /* input columns handed to the sink, by name */
    size_t ncopy;
    int copy_all;               /* every input column, in header order */
    const int *types;           /* per result column: PMML_COL_STRING,
                                   PMML_COL_DOUBLE or 0 (not wanted); NULL:
                                   every column as text */
    pm_progress *progress;      /* updated once per batch; may be NULL */
    pmml_stats *stats;          /* receives every scorer's counters at the
                                   end; NULL: the scorers do not count */
} pm_stream_opts;

/* "<stdin>" for "-", else the path. */
const char *pm_stream_input_name(const char *path);

/* Streams the inputs ("-" is standard input) one after the other: each
 * begins with a header, and every header after the first must be the same
 * as the first.  Returns an exit status (EXIT_OK when every record reached
 * the sink) and prints input problems on stderr. */
int pm_stream_csv(pmml_model *m, const char *const *inputs, size_t ninputs,
                  const pm_stream_opts *o, const pm_sink *sink);

#endif
