/* stream.h - reading CSV rows, scoring them in batches, handing each
 * result row to a sink (the pmml score writer, the pmml verify checker). */
#ifndef PMML_CLI_STREAM_H
#define PMML_CLI_STREAM_H

#include <stdio.h>

#include "pmml.h"

typedef struct pm_stream_opts {
    char delim, quote;
    int threads;            /* scoring threads; 1 or less: the calling thread */
} pm_stream_opts;

/*
 * Called once per input record, in input order: `line` is where it starts,
 * `vals` the result columns as text (NULL cells for missing; `vals` NULL
 * when the row failed), `error` why the row failed or NULL.  A non-zero
 * return stops the stream with that exit status.
 */
typedef int (*pm_row_sink)(void *payload, size_t line, const char *const *vals, size_t nvals,
                           const char *error);

/* Called once before the first row with the result column names. */
typedef int (*pm_header_sink)(void *payload, const pmml_model *m, size_t nvals);

/* Streams `in`; returns an exit status (EXIT_OK when every record reached
 * the sink) and prints input problems on stderr. */
int pm_stream_csv(pmml_model *m, FILE *in, const char *inname, const pm_stream_opts *o,
                  pm_header_sink header, pm_row_sink sink, void *payload);

#endif
