/* parse_util.h - attribute and child helpers shared by the parse_*.c files. */
#ifndef PMML_MODEL_PARSE_UTIL_H
#define PMML_MODEL_PARSE_UTIL_H

#include "model/model.h"

#define PX_FOREACH(k, n) for (const px_node *k = (n)->first; k; k = k->next)

/* An element of the PMML namespace with this local name? */
int px_is(const px_node *n, const char *name);

/* Attribute value, or NULL. */
const char *pa_str(const px_node *n, const char *name);

/* Attribute value, or the value of the older "x-name" spelling, or NULL. */
const char *pa_str_x(const px_node *n, const char *name);

/* Required attribute: unwinds with PMML_ERR_PMML naming it when absent. */
const char *pa_req(pm_ctx *c, const px_node *n, const char *name);

/* Numeric attribute, `dflt` when absent; a malformed number unwinds. */
double pa_num(pm_ctx *c, const px_node *n, const char *name, double dflt);
double pa_num_req(pm_ctx *c, const px_node *n, const char *name);

/* Parses a number given as text belonging to `n` (for messages). */
double pa_parse_num(pm_ctx *c, const px_node *n, const char *what, const char *text);

/* Integer attribute. */
long pa_int(pm_ctx *c, const px_node *n, const char *name, long dflt);

/* boolean attribute ("true"/"false", also "1"/"0"). */
int pa_bool(pm_ctx *c, const px_node *n, const char *name, int dflt);

/* Enumerated attribute: `names` is NULL-terminated; returns the index of the
 * match, `dflt` when absent; an unknown value unwinds (PMML_ERR_PMML, or
 * PMML_ERR_UNSUPPORTED when `known_unsupported` lists it). */
int pa_enum(pm_ctx *c, const px_node *n, const char *name, const char *const *names, int dflt);

int pa_datatype(pm_ctx *c, const px_node *n, const char *name, int required);
int pa_optype(pm_ctx *c, const px_node *n, const char *name, int required);

/* Unwinds: an element the parser does not know or does not support here. */
PM_NORETURN void pm_unexpected(pm_ctx *c, const px_node *parent, const px_node *child);

/* Unwinds with PMML_ERR_PMML at element n. */
PM_NORETURN void pm_bad(pm_ctx *c, const px_node *n, const char *fmt, ...) PM_PRINTF(3, 4);

/* Elements PMML uses only for documentation; skipped anywhere. */
int px_ignorable(const px_node *n);

/* Counts children with this name. */
size_t px_count(const px_node *n, const char *name);

/* The text of an element with surrounding blanks removed ("" when none). */
const char *px_text(pm_ctx *c, const px_node *n);

/* The text of an element as written ("" when none). */
const char *px_raw_text(pm_ctx *c, const px_node *n);

#endif
