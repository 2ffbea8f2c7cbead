/* map.c - open-addressing string map over an arena. */
#include "config.h"

#include <string.h>

#include "util/map.h"
#include "util/strtab.h"

void *pm_map_get(const pm_map *m, const char *key)
{
    size_t i;
    if (!m->cap)
        return NULL;
    i = (size_t)pm_hash_bytes(key, strlen(key)) & (m->cap - 1);
    while (m->keys[i]) {
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

static void insert(pm_map *m, const char *key, void *val)
{
    size_t i = (size_t)pm_hash_bytes(key, strlen(key)) & (m->cap - 1);
    while (m->keys[i])
        i = (i + 1) & (m->cap - 1);
    m->keys[i] = key;
    m->vals[i] = val;
    m->n++;
}

void *pm_map_put(pm_ctx *c, pm_arena *a, pm_map *m, const char *key, void *val)
{
    size_t i;
    if (m->cap) {
        i = (size_t)pm_hash_bytes(key, strlen(key)) & (m->cap - 1);
        while (m->keys[i]) {
            if (strcmp(m->keys[i], key) == 0) {
                void *old = m->vals[i];
                m->vals[i] = val;
                return old;
            }
            i = (i + 1) & (m->cap - 1);
        }
    }
    if ((m->n + 1) * 2 > m->cap) {
        pm_map old = *m;
        size_t ncap = m->cap ? m->cap * 2 : 16;
        m->keys = PM_NEW_ARRAY(c, a, const char *, ncap);
        m->vals = PM_NEW_ARRAY(c, a, void *, ncap);
        m->cap = ncap;
        m->n = 0;
        for (i = 0; i < old.cap; i++)
            if (old.keys[i])
                insert(m, old.keys[i], old.vals[i]);
    }
    insert(m, key, val);
    return NULL;
}
