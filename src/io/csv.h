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

typedef struct pm_csv {
    FILE *fp;
    char delim, quote;
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
    int io_errno;
} pm_csv;

void pm_csv_init(pm_csv *c, FILE *fp, char delim, char quote);
void pm_csv_free(pm_csv *c);

/* Reads the next record: 1 a record (c->error says whether it is broken),
 * 0 at the end, -1 on a read error (c->io_errno) or out of memory. */
int pm_csv_next(pm_csv *c);

/* Writes a cell with RFC 4180 quoting when needed. */
void pm_csv_write_cell(FILE *out, const char *s, size_t len, char delim, char quote,
                       int only_cell);

#endif
