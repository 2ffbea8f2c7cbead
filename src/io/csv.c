/* csv.c - RFC 4180: quoted cells may hold the delimiter, doubled quotes and
 * line breaks; records end at LF or CRLF; a UTF-8 BOM at the start is
 * skipped.  A broken record (an unterminated quote, text after a closing
 * quote) is reported and reading goes on with the next one. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"

#define READ_CHUNK ((size_t)64 * 1024)

static long read_file(void *payload, char *buf, size_t cap)
{
    pm_csv *c = payload;
    size_t n = fread(buf, 1, cap, c->fp);
    if (n < cap && ferror(c->fp)) {
        c->io_errno = errno ? errno : EIO;
        return -1;
    }
    return (long)n;
}

void pm_csv_init_reader(pm_csv *c, pm_csv_read_fn read, void *payload, char delim, int quote)
{
    memset(c, 0, sizeof *c);
    c->read = read;
    c->payload = payload;
    c->delim = delim;
    c->has_quote = quote >= 0;
    c->quote = c->has_quote ? (char)quote : '\0';
    c->next_line = 1;
    c->special[(unsigned char)delim] = 1;
    c->special['\n'] = 1;
    c->special['\r'] = 1;
    if (c->has_quote)
        c->special[(unsigned char)c->quote] = 1;
}

void pm_csv_init(pm_csv *c, FILE *fp, char delim, char quote)
{
    pm_csv_init_reader(c, read_file, NULL, delim, (unsigned char)quote);
    c->fp = fp;
    c->payload = c;
}

void pm_csv_free(pm_csv *c)
{
    free(c->buf);
    free(c->rec);
    free(c->cells);
    memset(c, 0, sizeof *c);
}

/* Makes at least one more byte available after pos; 0 at the end. */
static int fill(pm_csv *c)
{
    long n;
    if (c->pos < c->len)
        return 1;
    if (c->eof)
        return 0;
    c->len = c->pos = 0;
    if (!c->buf) {
        c->buf = malloc(READ_CHUNK);
        if (!c->buf)
            return -1;
        c->cap = READ_CHUNK;
    }
    n = c->read(c->payload, c->buf, c->cap);
    if (n < 0) {
        c->read_failed = 1;
        return -1;
    }
    if (n == 0)
        c->eof = 1;
    c->len = (size_t)n;
    /* a reader may hand over the first bytes one or two at a time (the
     * pmml command looks at two for the gzip magic): a BOM is looked for
     * in the first three bytes of the input, however they arrive */
    while (!c->bom_checked && !c->eof && c->len < 3) {
        n = c->read(c->payload, c->buf + c->len, c->cap - c->len);
        if (n < 0) {
            c->read_failed = 1;
            return -1;
        }
        if (n == 0)
            c->eof = 1;
        c->len += (size_t)n;
    }
    if (!c->bom_checked) {
        c->bom_checked = 1;
        if (c->len >= 3 && (unsigned char)c->buf[0] == 0xEF && (unsigned char)c->buf[1] == 0xBB &&
            (unsigned char)c->buf[2] == 0xBF)
            c->pos = 3;
    }
    return c->pos < c->len ? 1 : (c->eof ? 0 : fill(c));
}

/* Room for `need` bytes in the record buffer. */
static int reserve(pm_csv *c, size_t need)
{
    if (need > c->reccap) {
        size_t cap = c->reccap ? c->reccap : 4096;
        char *r;
        while (cap < need)
            cap *= 2;
        r = realloc(c->rec, cap);
        if (!r)
            return -1;
        c->rec = r;
        c->reccap = cap;
    }
    return 0;
}

static int end_cell(pm_csv *c, size_t start, size_t end, int quoted)
{
    if (c->ncells == c->capcells) {
        size_t cap = c->capcells ? c->capcells * 2 : 32;
        pm_csv_cell *cells = realloc(c->cells, cap * sizeof *cells);
        if (!cells)
            return -1;
        c->cells = cells;
        c->capcells = cap;
    }
    /* offsets for now; turned into pointers when the record is complete */
    c->cells[c->ncells].ptr = (const char *)(size_t)start;
    c->cells[c->ncells].len = end - start;
    c->cells[c->ncells].quoted = quoted;
    c->ncells++;
    return 0;
}

/*
 * The loop takes the bytes that need no decision (plain bytes of a cell,
 * and in a quoted cell everything but the quote and LF) in runs straight
 * from the read buffer, with room for the whole buffer reserved first;
 * every other byte goes through the rules one at a time.
 */
int pm_csv_next(pm_csv *c)
{
    size_t n = 0, start = 0, i;
    int st, in_quotes = 0, quoted = 0, after_quote = 0, any = 0;
    const unsigned char *special = c->special;
    const char quote = c->quote, delim = c->delim;

    c->ncells = 0;
    c->error[0] = '\0';
    c->line = c->next_line;
    c->read_failed = 0;
    for (;;) {
        const char *p, *end;
        char *r, ch;
        st = fill(c);
        if (st < 0)
            return -1;
        if (st == 0) {
            if (!any)
                return 0;
            if (in_quotes)
                snprintf(c->error, sizeof c->error,
                         "a quoted cell is not closed before the end of the input");
            break;
        }
        any = 1;
        /* every byte still buffered, and the NUL at the end, fit */
        if (reserve(c, n + (c->len - c->pos) + 1) < 0)
            return -1;
        p = c->buf + c->pos;
        end = c->buf + c->len;
        r = c->rec + n;
        if (in_quotes) {
            while (p < end && *p != quote && *p != '\n')
                *r++ = *p++;
        } else if (!after_quote) {
            while (p < end && !special[(unsigned char)*p])
                *r++ = *p++;
        }
        n = (size_t)(r - c->rec);
        c->pos = (size_t)(p - c->buf);
        if (p == end)
            continue;
        ch = c->buf[c->pos++];
        if (in_quotes) {
            if (ch == quote) {
                if (fill(c) > 0 && c->buf[c->pos] == quote) {
                    c->pos++;
                    c->rec[n++] = ch;
                } else {
                    in_quotes = 0;
                    after_quote = 1;
                }
            } else {
                c->next_line++; /* LF */
                c->rec[n++] = ch;
            }
            continue;
        }
        if (ch == '\n' || ch == '\r') {
            if (ch == '\r' && fill(c) > 0 && c->buf[c->pos] == '\n')
                c->pos++;
            c->next_line++;
            break;
        }
        if (ch == delim) {
            if (end_cell(c, start, n, quoted) < 0)
                return -1;
            start = n;
            quoted = after_quote = 0;
            continue;
        }
        if (after_quote) {
            if (!c->error[0])
                snprintf(c->error, sizeof c->error,
                         "column %zu: text after the closing quote", c->ncells + 1);
            c->rec[n++] = ch;
            continue;
        }
        if (c->has_quote && ch == quote && n == start) {
            in_quotes = quoted = 1;
            continue;
        }
        c->rec[n++] = ch; /* a quote inside an unquoted cell is a plain byte */
    }
    if (end_cell(c, start, n, quoted) < 0)
        return -1;
    if (reserve(c, n + 1) < 0)
        return -1;
    c->rec[n] = '\0';
    for (i = 0; i < c->ncells; i++)
        c->cells[i].ptr = c->rec + (size_t)c->cells[i].ptr;
    return 1;
}

void pm_csv_write_cell(FILE *out, const char *s, size_t len, char delim, char quote,
                       int only_cell)
{
    size_t i;
    int need = len == 0 && only_cell;
    for (i = 0; i < len && !need; i++)
        if (s[i] == delim || s[i] == quote || s[i] == '\n' || s[i] == '\r')
            need = 1;
    if (!need) {
        fwrite(s, 1, len, out);
        return;
    }
    putc(quote, out);
    for (i = 0; i < len; i++) {
        if (s[i] == quote)
            putc(quote, out);
        putc(s[i], out);
    }
    putc(quote, out);
}
