/* csv.h - a streaming RFC 4180 reader and a writer for the pmml command. */
#ifndef PMML_IO_CSV_H
#define PMML_IO_CSV_H

#include <stddef.h>
#include <stdio.h>

typedef struct pm_csv_cell {
    const char *ptr; /* into the reader's buffer; valid until the next record */
    size_t len;
    int quoted;
} pm_csv_cell;

/* Where the reader's bytes come from: up to `cap` bytes into `buf`; returns
 * the number read, 0 at the end, -1 on an error. */
typedef long (*pm_csv_read_fn)(void *payload, char *buf, size_t cap);

typedef struct pm_csv {
    FILE *fp;           /* pm_csv_init: the stream read with fread */
    pm_csv_read_fn read;
    void *payload;
    char delim, quote;
    int has_quote;      /* 0: no quote character, every cell is taken as it is */
    unsigned char special[256]; /* bytes that end a run of plain cell bytes */
    char *buf;          /* raw bytes read but not consumed */
    size_t cap, len, pos;
    int eof;
    int bom_checked;
    char *rec;          /* the current record's cell bytes */
    size_t reccap;
    pm_csv_cell *cells;
    size_t ncells, capcells;
    size_t line;        /* line where the current record starts (1-based) */
    size_t next_line;
    char error[200];    /* why the current record is broken, or "" */
    int io_errno;       /* pm_csv_init: errno of a failed read */
    int read_failed;    /* the last -1 of pm_csv_next was a read error */
} pm_csv;

/* A reader of `fp`. */
void pm_csv_init(pm_csv *c, FILE *fp, char delim, char quote);

/* A reader of what `read` returns; `quote` < 0: no quote character. */
void pm_csv_init_reader(pm_csv *c, pm_csv_read_fn read, void *payload, char delim, int quote);

void pm_csv_free(pm_csv *c);

/* Reads the next record: 1 a record (c->error says whether it is broken),
 * 0 at the end, -1 on a read error (c->read_failed; c->io_errno for a
 * FILE) or out of memory. */
int pm_csv_next(pm_csv *c);

/* Writes a cell with RFC 4180 quoting when needed. */
void pm_csv_write_cell(FILE *out, const char *s, size_t len, char delim, char quote,
                       int only_cell);

#endif
