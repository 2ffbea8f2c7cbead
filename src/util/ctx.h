/* ctx.h - the load context: arenas, options and error reporting.
 *
 * Loading (parse, check, compile) reports a fatal problem by filling the
 * caller's pmml_error and unwinding to the load entry point with longjmp.
 * Everything allocated before that point lives in arenas the entry point
 * releases, so nothing leaks; no function below the entry point needs an
 * error path of its own.  Never longjmp out of a libxml2 callback.
 */
#ifndef PMML_UTIL_CTX_H
#define PMML_UTIL_CTX_H

#include <setjmp.h>
#include <stdarg.h>

#include "pmml.h"
#include "util/alloc.h"

#if defined(__GNUC__)
#define PM_NORETURN __attribute__((noreturn))
#define PM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define PM_NORETURN
#define PM_PRINTF(f, a)
#endif

typedef struct pm_ctx {
    jmp_buf jb;
    pmml_error *err;      /* never NULL */
    const char *source;   /* document name for messages */
    pm_arena *arena;      /* memory kept by the model */
    pm_arena *tmp;        /* memory released when loading ends */
    const pmml_load_options *opts;
    const pmml_allocator *al;
    unsigned err_column;  /* column for the next pm_throw, if known */
} pm_ctx;

/* Fills `e` (ignored when NULL); the message is formatted printf-style. */
void pm_error_set(pmml_error *e, int code, unsigned line, const char *element,
                  const char *source, const char *fmt, ...) PM_PRINTF(6, 7);
void pm_error_vset(pmml_error *e, int code, unsigned line, const char *element,
                   const char *source, const char *fmt, va_list ap);

/* Reports a problem through the caller's diagnostic hook, if any. */
void pm_diagnose(pm_ctx *c, const pmml_error *e);

/* Records the error and unwinds to the load entry point. */
PM_NORETURN void pm_throw(pm_ctx *c, int code, unsigned line, const char *element,
                          const char *fmt, ...) PM_PRINTF(5, 6);

/* Arena allocation that unwinds with PMML_ERR_NOMEM on failure. */
void *pm_alloc(pm_ctx *c, pm_arena *a, size_t n);
void *pm_alloc_array(pm_ctx *c, pm_arena *a, size_t count, size_t size);
/* Not zeroed: for arrays filled at once. */
void *pm_alloc_raw_array(pm_ctx *c, pm_arena *a, size_t count, size_t size);
char *pm_strdup(pm_ctx *c, pm_arena *a, const char *s);
char *pm_strndup(pm_ctx *c, pm_arena *a, const char *s, size_t n);

#define PM_NEW(c, a, type) ((type *)pm_alloc((c), (a), sizeof(type)))
#define PM_NEW_ARRAY(c, a, type, n) ((type *)pm_alloc_array((c), (a), (n), sizeof(type)))

#endif
