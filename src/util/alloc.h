/* alloc.h - allocation through the caller's hooks, and a bump arena. */
#ifndef PMML_UTIL_ALLOC_H
#define PMML_UTIL_ALLOC_H

#include <stddef.h>

#include "pmml.h"

/* The hooks used when the caller gives none: the C library's allocator. */
extern const pmml_allocator pmml__std_allocator;

static inline void *pm_malloc(const pmml_allocator *al, size_t n)
{
    return al->malloc_fn(n ? n : 1, al->payload);
}

static inline void *pm_realloc(const pmml_allocator *al, void *p, size_t n)
{
    return al->realloc_fn(p, n ? n : 1, al->payload);
}

static inline void pm_free(const pmml_allocator *al, void *p)
{
    if (p)
        al->free_fn(p, al->payload);
}

void *pm_calloc(const pmml_allocator *al, size_t count, size_t size);

/*
 * A bump allocator: many small allocations, released together.  Blocks come
 * from the allocator hooks; every allocation is aligned for any C type.
 */
typedef struct pm_arena_block pm_arena_block;

typedef struct pm_arena {
    const pmml_allocator *al;
    pm_arena_block *head;
    size_t next_size; /* size of the next ordinary block */
    size_t total;     /* bytes obtained from the allocator */
} pm_arena;

void pm_arena_init(pm_arena *a, const pmml_allocator *al);

/* Zeroed memory, or NULL when the allocator fails or n overflows. */
void *pm_arena_alloc(pm_arena *a, size_t n);

/* The same without zeroing, for memory the caller fills at once. */
void *pm_arena_alloc_raw(pm_arena *a, size_t n);

/* Releases every block; the arena can be reused afterwards. */
void pm_arena_release(pm_arena *a);

#endif
