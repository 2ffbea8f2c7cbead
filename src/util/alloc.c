/* alloc.c - allocator hooks and the bump arena. */
#include "config.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif

static void *std_malloc(size_t n, void *payload)
{
    (void)payload;
    return malloc(n);
}

static void *std_realloc(void *p, size_t n, void *payload)
{
    (void)payload;
    return realloc(p, n);
}

static void std_free(void *p, void *payload)
{
    (void)payload;
    free(p);
}

const pmml_allocator pmml__std_allocator = { std_malloc, std_realloc, std_free, NULL };

void *pm_calloc(const pmml_allocator *al, size_t count, size_t size)
{
    void *p;
    if (size && count > SIZE_MAX / size)
        return NULL;
    p = pm_malloc(al, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

#define ARENA_ALIGN alignof(max_align_t)
#define ARENA_FIRST_BLOCK ((size_t)16 * 1024)
#define ARENA_MAX_BLOCK ((size_t)4 * 1024 * 1024)

struct pm_arena_block {
    pm_arena_block *next;
    size_t size;   /* usable bytes after the header */
    size_t used;
    size_t mapped; /* bytes mapped by block_new() itself, or 0 */
    alignas(max_align_t) unsigned char data[];
};

#define HUGE_PAGE ((size_t)2 * 1024 * 1024)

/* A block of `bytes`.  With the C library's allocator, big blocks are
 * mapped directly and offered to transparent huge pages where the kernel
 * has them: a big model touches hundreds of megabytes while loading, and
 * 2 MiB pages take far fewer faults.  Other allocators are used as given. */
static pm_arena_block *block_new(pm_arena *a, size_t bytes)
{
    pm_arena_block *b;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (a->al->malloc_fn == pmml__std_allocator.malloc_fn && bytes >= HUGE_PAGE) {
        size_t len = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
        void *p = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                       -1, 0);
        if (p != MAP_FAILED) {
            /* align to a huge page; give back the slack on both sides */
            uintptr_t u = (uintptr_t)p, al = (u + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
            if (al > u)
                munmap(p, al - u);
            if (al + len < u + len + HUGE_PAGE)
                munmap((void *)(al + len), u + len + HUGE_PAGE - (al + len));
            madvise((void *)al, len, MADV_HUGEPAGE);
            b = (pm_arena_block *)al;
            b->mapped = len;
            return b;
        }
    }
#endif
    b = pm_malloc(a->al, bytes);
    if (b)
        b->mapped = 0;
    return b;
}

static void block_free(pm_arena *a, pm_arena_block *b)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (b->mapped) {
        munmap(b, b->mapped);
        return;
    }
#endif
    pm_free(a->al, b);
}

void pm_arena_init(pm_arena *a, const pmml_allocator *al)
{
    a->al = al;
    a->head = NULL;
    a->next_size = ARENA_FIRST_BLOCK;
    a->total = 0;
}

static void *arena_alloc(pm_arena *a, size_t n, int zero)
{
    pm_arena_block *b = a->head;
    size_t need;
    void *p;

    if (n > SIZE_MAX / 2)
        return NULL;
    need = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
    if (need == 0)
        need = ARENA_ALIGN;
    if (!b || b->size - b->used < need) {
        size_t size = a->next_size;
        pm_arena_block *nb;
        if (need > size / 4) {
            /* A large request gets a block of its own, placed behind the
             * current one so the current block's free space stays usable. */
            nb = block_new(a, sizeof *nb + need);
            if (!nb)
                return NULL;
            nb->size = need;
            nb->used = need;
            a->total += sizeof *nb + need;
            if (b) {
                nb->next = b->next;
                b->next = nb;
            } else {
                nb->next = NULL;
                a->head = nb;
            }
            if (zero)
                memset(nb->data, 0, n);
            return nb->data;
        }
        nb = block_new(a, sizeof *nb + size);
        if (!nb)
            return NULL;
        nb->size = size;
        nb->used = 0;
        nb->next = b;
        a->head = b = nb;
        a->total += sizeof *nb + size;
        if (a->next_size < ARENA_MAX_BLOCK)
            a->next_size *= 2;
    }
    p = b->data + b->used;
    b->used += need;
    if (zero)
        memset(p, 0, n);
    return p;
}

void *pm_arena_alloc(pm_arena *a, size_t n)
{
    return arena_alloc(a, n, 1);
}

void *pm_arena_alloc_raw(pm_arena *a, size_t n)
{
    return arena_alloc(a, n, 0);
}

void pm_arena_release(pm_arena *a)
{
    pm_arena_block *b = a->head;
    while (b) {
        pm_arena_block *next = b->next;
        block_free(a, b);
        b = next;
    }
    a->head = NULL;
    a->next_size = ARENA_FIRST_BLOCK;
    a->total = 0;
}
