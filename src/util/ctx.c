/* ctx.c - error objects and unwinding allocation for the loader. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/ctx.h"

static void copy_trunc(char *dst, size_t cap, const char *src)
{
    size_t n;
    if (!src)
        src = "";
    n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void pm_error_vset(pmml_error *e, int code, unsigned line, const char *element,
                   const char *source, const char *fmt, va_list ap)
{
    if (!e)
        return;
    memset(e, 0, sizeof *e);
    e->code = code;
    e->line = (int)line;
    e->column = 0;
    copy_trunc(e->element, sizeof e->element, element);
    copy_trunc(e->source, sizeof e->source, source);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
}

void pm_error_set(pmml_error *e, int code, unsigned line, const char *element,
                  const char *source, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pm_error_vset(e, code, line, element, source, fmt, ap);
    va_end(ap);
}

void pm_diagnose(pm_ctx *c, const pmml_error *e)
{
    if (c->opts && c->opts->diagnostic)
        c->opts->diagnostic(e, c->opts->diagnostic_payload);
}

void pm_throw(pm_ctx *c, int code, unsigned line, const char *element, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pm_error_vset(c->err, code, line, element, c->source, fmt, ap);
    va_end(ap);
    c->err->column = (int)c->err_column;
    longjmp(c->jb, 1);
}

void *pm_alloc(pm_ctx *c, pm_arena *a, size_t n)
{
    void *p = pm_arena_alloc(a, n);
    if (!p)
        pm_throw(c, PMML_ERR_NOMEM, 0, NULL, "out of memory (%zu bytes)", n);
    return p;
}

void *pm_alloc_raw_array(pm_ctx *c, pm_arena *a, size_t count, size_t size)
{
    void *p;
    if (size && count > SIZE_MAX / size)
        pm_throw(c, PMML_ERR_NOMEM, 0, NULL, "out of memory (%zu x %zu bytes)", count, size);
    p = pm_arena_alloc_raw(a, count * size);
    if (!p)
        pm_throw(c, PMML_ERR_NOMEM, 0, NULL, "out of memory (%zu bytes)", count * size);
    return p;
}

void *pm_alloc_array(pm_ctx *c, pm_arena *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        pm_throw(c, PMML_ERR_NOMEM, 0, NULL, "out of memory (%zu x %zu bytes)", count, size);
    return pm_alloc(c, a, count * size);
}

char *pm_strndup(pm_ctx *c, pm_arena *a, const char *s, size_t n)
{
    char *p = pm_alloc(c, a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pm_strdup(pm_ctx *c, pm_arena *a, const char *s)
{
    return pm_strndup(c, a, s, strlen(s));
}
