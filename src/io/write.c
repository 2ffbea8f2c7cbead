/* write.c - buffered output and the cell forms of the pmml command. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/write.h"

#define WRITE_BUF ((size_t)64 * 1024)

int pm_writer_init(pm_writer *w, FILE *fp)
{
    memset(w, 0, sizeof *w);
    w->fp = fp;
    w->buf = malloc(WRITE_BUF);
    if (!w->buf)
        return -1;
    w->cap = WRITE_BUF;
    return 0;
}

void pm_writer_drain(pm_writer *w)
{
    if (w->len && !w->failed && fwrite(w->buf, 1, w->len, w->fp) != w->len) {
        w->failed = 1;
        w->err = errno ? errno : EIO;
    }
    w->len = 0;
}

int pm_writer_flush(pm_writer *w)
{
    pm_writer_drain(w);
    if (!w->failed && (fflush(w->fp) != 0 || ferror(w->fp))) {
        w->failed = 1;
        w->err = errno ? errno : EIO;
    }
    if (w->failed) {
        errno = w->err;
        return -1;
    }
    return 0;
}

void pm_writer_free(pm_writer *w)
{
    free(w->buf);
    w->buf = NULL;
    w->len = w->cap = 0;
}

void pm_write(pm_writer *w, const char *s, size_t len)
{
    while (len) {
        size_t k;
        if (w->len == w->cap)
            pm_writer_drain(w);
        k = w->cap - w->len < len ? w->cap - w->len : len;
        memcpy(w->buf + w->len, s, k);
        w->len += k;
        s += k;
        len -= k;
    }
}

void pm_write_str(pm_writer *w, const char *s)
{
    pm_write(w, s, strlen(s));
}

void pm_write_csv(pm_writer *w, const char *s, size_t len, char delim, int quote,
                  int only_cell)
{
    size_t i;
    int need = len == 0 && only_cell;
    for (i = 0; i < len && !need; i++)
        if (s[i] == delim || (quote >= 0 && s[i] == (char)quote) || s[i] == '\n' ||
            s[i] == '\r')
            need = 1;
    if (!need || quote < 0) {
        pm_write(w, s, len);
        return;
    }
    pm_put(w, (char)quote);
    for (i = 0; i < len; i++) {
        if (s[i] == (char)quote)
            pm_put(w, (char)quote);
        pm_put(w, s[i]);
    }
    pm_put(w, (char)quote);
}

void pm_write_tsv(pm_writer *w, const char *s, size_t len)
{
    static const char special[] = "\t\n\r\\", letter[] = "tnr\\";
    size_t i, from = 0;
    for (i = 0; i < len; i++) {
        const char *e;
        if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\\')
            continue;
        e = strchr(special, s[i]);
        pm_write(w, s + from, i - from);
        pm_put(w, '\\');
        pm_put(w, letter[e - special]);
        from = i + 1;
    }
    pm_write(w, s + from, len - from);
}

void pm_write_json_string(pm_writer *w, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, from = 0;
    pm_put(w, '"');
    for (i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        char e = 0;
        if (ch >= 0x20 && ch != '"' && ch != '\\' && ch != 0x7f)
            continue;
        pm_write(w, s + from, i - from);
        from = i + 1;
        if (ch == '"' || ch == '\\')
            e = (char)ch;
        else if (ch == '\n')
            e = 'n';
        else if (ch == '\r')
            e = 'r';
        else if (ch == '\t')
            e = 't';
        pm_put(w, '\\');
        if (e) {
            pm_put(w, e);
        } else {
            pm_write(w, "u00", 3);
            pm_put(w, hex[ch >> 4]);
            pm_put(w, hex[ch & 15]);
        }
    }
    pm_write(w, s + from, len - from);
    pm_put(w, '"');
}

static size_t digits(const char *s, size_t i, size_t len)
{
    size_t j = i;
    while (j < len && s[j] >= '0' && s[j] <= '9')
        j++;
    return j - i;
}

int pm_is_json_number(const char *s, size_t len)
{
    size_t i = 0, k;
    if (i < len && s[i] == '-')
        i++;
    k = digits(s, i, len);
    if (k == 0 || (k > 1 && s[i] == '0'))
        return 0;
    i += k;
    if (i < len && s[i] == '.') {
        k = digits(s, ++i, len);
        if (k == 0)
            return 0;
        i += k;
    }
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        k = digits(s, i, len);
        if (k == 0)
            return 0;
        i += k;
    }
    return i == len;
}
