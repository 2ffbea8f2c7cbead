/* write.h - buffered output of the pmml command, and cells in the CSV, TSV
 * and JSON forms. */
#ifndef PMML_IO_WRITE_H
#define PMML_IO_WRITE_H

#include <stddef.h>
#include <stdio.h>

typedef struct pm_writer {
    FILE *fp;
    char *buf;
    size_t len, cap;
    int failed;         /* a write to fp failed, errno in err */
    int err;
} pm_writer;

/* Writes go to `fp` in blocks; 0, or -1 when out of memory. */
int pm_writer_init(pm_writer *w, FILE *fp);

/* Writes out what is buffered and flushes fp; 0, or -1 (errno set) when
 * this or an earlier write failed. */
int pm_writer_flush(pm_writer *w);

/* Flushes and frees the buffer (not fp). */
void pm_writer_free(pm_writer *w);

void pm_writer_drain(pm_writer *w);

static inline void pm_put(pm_writer *w, char ch)
{
    if (w->len == w->cap)
        pm_writer_drain(w);
    w->buf[w->len++] = ch;
}

void pm_write(pm_writer *w, const char *s, size_t len);
void pm_write_str(pm_writer *w, const char *s);

/* A CSV cell, quoted as RFC 4180 says when it holds the delimiter, the
 * quote, CR or LF, or when it is empty and `only_cell` (so that the line is
 * not blank).  quote < 0: never quoted. */
void pm_write_csv(pm_writer *w, const char *s, size_t len, char delim, int quote,
                  int only_cell);

/* A TSV cell: tab, LF, CR and backslash written as \t, \n, \r and \\. */
void pm_write_tsv(pm_writer *w, const char *s, size_t len);

/* A JSON string with its quotes; control characters escaped, other bytes
 * as they are. */
void pm_write_json_string(pm_writer *w, const char *s, size_t len);

/* 1 when `s` is a number as JSON spells it (RFC 8259). */
int pm_is_json_number(const char *s, size_t len);

#endif
