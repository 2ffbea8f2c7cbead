/* strtab.c - string interning with open addressing. */
#include "config.h"

#include <string.h>

#include "util/strtab.h"

uint64_t pm_hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0x9e3779b97f4a7c15ull ^ (n * 0xff51afd7ed558ccdull);
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
        s += 8;
        n -= 8;
    }
    if (n) {
        uint64_t w = 0;
        memcpy(&w, s, n);
        h = (h ^ w) * 0x94d049bb133111ebull;
        h ^= h >> 29;
    }
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return h;
}

int32_t pm_strtab_find(const pm_strtab *t, const char *s, size_t len)
{
    uint32_t i;
    if (!t->slots)
        return -1;
    i = (uint32_t)pm_hash_bytes(s, len) & t->mask;
    for (;;) {
        int32_t id = t->slots[i];
        if (id < 0)
            return -1;
        if (t->len[id] == len && memcmp(t->str[id], s, len) == 0)
            return id;
        i = (i + 1) & t->mask;
    }
}

static void grow(pm_ctx *c, pm_arena *a, pm_strtab *t)
{
    uint32_t ncap = t->cap ? t->cap * 2 : 64;
    uint32_t nslots = ncap * 2, i;
    const char **str = PM_NEW_ARRAY(c, a, const char *, ncap);
    uint32_t *len = PM_NEW_ARRAY(c, a, uint32_t, ncap);
    int32_t *slots = PM_NEW_ARRAY(c, a, int32_t, nslots);

    if (t->n) {
        memcpy(str, t->str, t->n * sizeof *str);
        memcpy(len, t->len, t->n * sizeof *len);
    }
    memset(slots, 0xff, nslots * sizeof *slots);
    t->str = str;
    t->len = len;
    t->cap = ncap;
    t->slots = slots;
    t->mask = nslots - 1;
    for (i = 0; i < t->n; i++) {
        uint32_t j = (uint32_t)pm_hash_bytes(str[i], len[i]) & t->mask;
        while (slots[j] >= 0)
            j = (j + 1) & t->mask;
        slots[j] = (int32_t)i;
    }
}

int32_t pm_strtab_intern(pm_ctx *c, pm_arena *a, pm_strtab *t, const char *s, size_t len)
{
    int32_t id = pm_strtab_find(t, s, len);
    uint32_t j;
    if (id >= 0)
        return id;
    if (len > UINT32_MAX / 2)
        pm_throw(c, PMML_ERR_LIMIT, 0, NULL, "string of %zu bytes is too long", len);
    if (t->n == t->cap)
        grow(c, a, t);
    id = (int32_t)t->n++;
    t->str[id] = pm_strndup(c, a, s, len);
    t->len[id] = (uint32_t)len;
    j = (uint32_t)pm_hash_bytes(s, len) & t->mask;
    while (t->slots[j] >= 0)
        j = (j + 1) & t->mask;
    t->slots[j] = id;
    return id;
}
