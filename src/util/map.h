/* map.h - a string-keyed hash map for load time (names to definitions). */
#ifndef PMML_UTIL_MAP_H
#define PMML_UTIL_MAP_H

#include <stddef.h>

#include "util/ctx.h"

typedef struct pm_map {
    const char **keys;
    void **vals;
    size_t n, cap; /* cap: slot count, a power of two */
} pm_map;

/* NULL when absent. */
void *pm_map_get(const pm_map *m, const char *key);

/* Sets key -> val; returns the previous value or NULL.  The key is not
 * copied: it must live as long as the map. */
void *pm_map_put(pm_ctx *c, pm_arena *a, pm_map *m, const char *key, void *val);

#endif
