/* fuzz_csv.c - bytes -> the CSV reader of the pmml command, handed over in
 * chunks of varying size so that records straddle buffer boundaries.
 * A read of memory never fails, so every input must end in 0 (the end). */
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "fuzz.h"

typedef struct src {
    const uint8_t *p;
    size_t n, off;
    unsigned step;
} src;

static long read_chunk(void *payload, char *buf, size_t cap)
{
    src *s = payload;
    size_t k = s->n - s->off;
    size_t want = 1 + (s->step = s->step * 1103515245u + 12345u) % 97u;
    if (k > want)
        k = want;
    if (k > cap)
        k = cap;
    memcpy(buf, s->p + s->off, k);
    s->off += k;
    return (long)k;
}

static void read_all(const uint8_t *data, size_t size, char delim, int quote, unsigned step)
{
    pm_csv c;
    src s;
    int st;
    unsigned long sum = 0;
    s.p = data;
    s.n = size;
    s.off = 0;
    s.step = step;
    pm_csv_init_reader(&c, read_chunk, &s, delim, quote);
    while ((st = pm_csv_next(&c)) == 1) {
        size_t i, j;
        if (c.error[0])
            continue;
        for (i = 0; i < c.ncells; i++)
            for (j = 0; j < c.cells[i].len; j++)
                sum += (unsigned char)c.cells[i].ptr[j];
    }
    if (st != 0 || c.line > c.next_line)
        abort();
    pm_csv_free(&c);
    (void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* as the pmml command reads it, then with other delimiter and quote
     * settings and other chunk sizes */
    read_all(data, size, ',', '"', (unsigned)size);
    read_all(data, size, ';', -1, (unsigned)size * 7u + 1u);
    read_all(data, size, '\t', '\'', (unsigned)size * 13u + 5u);
    return 0;
}
