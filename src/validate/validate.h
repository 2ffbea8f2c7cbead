/* validate.h - checking a document against the project's PMML 4.4 XSD. */
#ifndef PMML_VALIDATE_VALIDATE_H
#define PMML_VALIDATE_VALIDATE_H

#include <stddef.h>

#include "util/ctx.h"

/*
 * Validates the document (the bytes, or the file at `path`) against
 * schemas/pmml-4-4.xsd, compiled once per process.  Documents of PMML 3.0
 * to 4.3 are checked after their namespace is mapped to 4.4.  Each problem
 * is reported through the load's diagnostic hook; the first is copied to
 * *first.  Returns the number of problems.
 */
int pm_validate_schema(pm_ctx *c, const void *data, size_t size, const char *path,
                       pmml_error *first);

/* The embedded schema text (generated from schemas/pmml-4-4.xsd). */
extern const char pmml__schema_xsd[];
extern const size_t pmml__schema_xsd_len;

#endif
