/* cli.h - the pmml command's subcommands. */
#ifndef PMML_CLI_CLI_H
#define PMML_CLI_CLI_H

#include <stdio.h>

#include "pmml.h"

/* Exit statuses (documented in pmml(1)). */
enum {
    EXIT_OK = 0,
    EXIT_USAGE = 1,
    EXIT_MODEL = 2,   /* the model cannot be loaded or is not valid */
    EXIT_INPUT = 3,   /* the input cannot be read or its header is unusable */
    EXIT_ROWS = 4,    /* a row failed and --on-error fail was given */
    EXIT_OUTPUT = 5,  /* the output cannot be written */
    EXIT_MISMATCH = 6 /* pmml verify found results that differ */
};

int pmml_cli_score(int argc, char **argv);
int pmml_cli_info(int argc, char **argv);
int pmml_cli_validate(int argc, char **argv);
int pmml_cli_verify(int argc, char **argv);
int pmml_cli_stats(int argc, char **argv);
int pmml_cli_drift(int argc, char **argv);

/* The drift report of `stats` (pmml drift); -1 when out of memory. */
int pmml_cli_drift_report(FILE *out, const pmml_model *m, const pmml_stats *stats,
                          const char *model_name);

/* Prints "pmml: FILE:LINE: message" for a load error. */
void pmml_cli_print_error(const char *what, const pmml_error *err);

#endif
