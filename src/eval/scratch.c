/* scratch.c - batch string storage and row errors. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "eval/scratch.h"

#define STRBLOCK ((size_t)16 * 1024)

struct pm_strblock {
    pm_strblock *next;
    size_t size, used;
    char data[];
};

char *pm_scratch_str(pm_scratch *sc, size_t n)
{
    pm_strblock *b = sc->blocks;
    const pmml_allocator *al = &sc->model->al;
    if (!b || b->size - b->used < n) {
        size_t size = n > STRBLOCK ? n : STRBLOCK;
        if (sc->spare && sc->spare->size >= n) {
            b = sc->spare;
            sc->spare = b->next;
        } else {
            b = pm_malloc(al, sizeof *b + size);
            if (!b)
                return NULL;
            b->size = size;
        }
        b->used = 0;
        b->next = sc->blocks;
        sc->blocks = b;
    }
    b->used += n;
    return b->data + b->used - n;
}

void pm_scratch_reset_strings(pm_scratch *sc)
{
    while (sc->blocks) {
        pm_strblock *b = sc->blocks;
        sc->blocks = b->next;
        b->next = sc->spare;
        sc->spare = b;
    }
}

void pm_scratch_free_strings(pm_scratch *sc)
{
    const pmml_allocator *al = &sc->model->al;
    pm_scratch_reset_strings(sc);
    while (sc->spare) {
        pm_strblock *b = sc->spare;
        sc->spare = b->next;
        pm_free(al, b);
    }
}

void pm_row_error(pm_scratch *sc, int code, const char *fmt, ...)
{
    va_list ap;
    if (sc->row_status != PMML_OK)
        return;
    sc->row_status = code;
    va_start(ap, fmt);
    vsnprintf(sc->row_msg, sizeof sc->row_msg, fmt, ap);
    va_end(ap);
}
