/* strtab.h - interned strings: every category string a model mentions gets a
 * small integer id at load time, so scoring compares ids, not bytes. */
#ifndef PMML_UTIL_STRTAB_H
#define PMML_UTIL_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#include "util/ctx.h"

typedef struct pm_strtab {
    const char **str;  /* id -> bytes (NUL-terminated, in the model arena) */
    uint32_t *len;     /* id -> length */
    uint32_t n;        /* ids in use */
    uint32_t cap;      /* capacity of str/len */
    int32_t *slots;    /* open addressing: id or -1 */
    uint32_t mask;     /* slot count - 1 */
} pm_strtab;

uint64_t pm_hash_bytes(const void *p, size_t n);

/* Load time: the id of the string, adding it if new. */
int32_t pm_strtab_intern(pm_ctx *c, pm_arena *a, pm_strtab *t, const char *s, size_t len);

/* Any time, read-only: the id of the string, or -1. */
int32_t pm_strtab_find(const pm_strtab *t, const char *s, size_t len);

#endif
