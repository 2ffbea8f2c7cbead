/* input.c - a file or standard input, read with read(2), decompressed with
 * zlib when its first two bytes are the gzip magic (RFC 1952).  A CSV file
 * cannot start with those bytes (0x1f is a control character and 0x8b no
 * UTF-8 lead byte), so the content decides, not the name: `x.csv.gz`, a
 * gzip file without the suffix, and `zcat`-less pipes all work.  Several
 * gzip members one after the other (`cat a.gz b.gz`) read as one stream,
 * as gzip(1) reads them. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "io/input.h"

#define ZCHUNK ((size_t)128 * 1024)

enum { MODE_UNKNOWN = 0, MODE_PLAIN, MODE_GZIP };

struct pm_input {
    int fd;
    int own_fd;
    int mode;
    int eof;                /* read(2) returned 0 */
    uint64_t bytes;
    /* gzip */
    z_stream z;
    int z_ready;
    int member_done;        /* the last inflate() ended a member */
    unsigned char *zin;
    char error[200];
};

pm_input *pm_input_open(const char *path)
{
    pm_input *in = calloc(1, sizeof *in);
    if (!in) {
        errno = ENOMEM;
        return NULL;
    }
    if (strcmp(path, "-") == 0) {
        in->fd = 0;
    } else {
        do
            in->fd = open(path, O_RDONLY);
        while (in->fd < 0 && errno == EINTR);
        if (in->fd < 0) {
            int e = errno;
            free(in);
            errno = e;
            return NULL;
        }
        in->own_fd = 1;
    }
    return in;
}

int pm_input_check(const char *path)
{
    struct stat sb;
    int fd;
    if (strcmp(path, "-") == 0)
        return 0;
    if (stat(path, &sb) != 0)
        return -1;
    if (!S_ISREG(sb.st_mode))
        return access(path, R_OK);
    do
        fd = open(path, O_RDONLY);
    while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

void pm_input_close(pm_input *in)
{
    if (!in)
        return;
    if (in->z_ready)
        inflateEnd(&in->z);
    free(in->zin);
    if (in->own_fd)
        close(in->fd);
    free(in);
}

const char *pm_input_error(const pm_input *in)
{
    return in->error[0] ? in->error : "read error";
}

uint64_t pm_input_bytes(const pm_input *in)
{
    return in->bytes;
}

int pm_input_is_gzip(const pm_input *in)
{
    return in->mode == MODE_GZIP;
}

uint64_t pm_input_size(const char *path)
{
    struct stat sb;
    int r = strcmp(path, "-") == 0 ? fstat(0, &sb) : stat(path, &sb);
    return r == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 ? (uint64_t)sb.st_size : 0;
}

/* read(2) that retries on EINTR; -1 sets in->error. */
static long raw_read(pm_input *in, void *buf, size_t cap)
{
    ssize_t n;
    if (in->eof)
        return 0;
    do
        n = read(in->fd, buf, cap);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        snprintf(in->error, sizeof in->error, "%s", strerror(errno));
        return -1;
    }
    if (n == 0)
        in->eof = 1;
    in->bytes += (uint64_t)n;
    return (long)n;
}

static int fail(pm_input *in, const char *what, const char *detail)
{
    if (detail)
        snprintf(in->error, sizeof in->error, "%s (%s)", what, detail);
    else
        snprintf(in->error, sizeof in->error, "%s", what);
    return -1;
}

static long gzip_read(pm_input *in, char *buf, size_t cap)
{
    z_stream *z = &in->z;
    for (;;) {
        int r;
        size_t made;
        if (z->avail_in == 0 && !in->eof) {
            long n = raw_read(in, in->zin, ZCHUNK);
            if (n < 0)
                return -1;
            z->next_in = in->zin;
            z->avail_in = (uInt)n;
        }
        if (in->member_done) {
            if (z->avail_in == 0) {
                if (in->eof)
                    return 0;
                continue;
            }
            /* another member follows; it must be gzip too */
            if (z->next_in[0] != 0x1f || (z->avail_in > 1 && z->next_in[1] != 0x8b))
                return fail(in, "data that is not gzip after the end of the compressed data",
                            NULL);
            if (inflateReset(z) != Z_OK)
                return fail(in, "cannot decompress", z->msg);
            in->member_done = 0;
        }
        z->next_out = (unsigned char *)buf;
        z->avail_out = (uInt)(cap > (uInt)-1 ? (uInt)-1 : cap);
        r = inflate(z, Z_NO_FLUSH);
        made = (size_t)((char *)z->next_out - buf);
        if (r == Z_STREAM_END)
            in->member_done = 1;
        else if (r == Z_MEM_ERROR)
            return fail(in, "out of memory", NULL);
        else if (r != Z_OK && r != Z_BUF_ERROR)
            return fail(in, "the gzip data is corrupt", z->msg);
        if (made)
            return (long)made;
        if (!in->member_done && in->eof && z->avail_in == 0)
            return fail(in, "the gzip data ends early (is the file truncated?)", NULL);
    }
}

long pm_input_read(void *payload, char *buf, size_t cap)
{
    pm_input *in = payload;
    long n;
    size_t have = 0;
    if (in->mode == MODE_PLAIN)
        return raw_read(in, buf, cap);
    if (in->mode == MODE_GZIP)
        return gzip_read(in, buf, cap);
    /* the first read: two bytes decide, even from a pipe that gives one */
    if (cap < 2)
        return raw_read(in, buf, cap);
    do {
        n = raw_read(in, buf + have, cap - have);
        if (n < 0)
            return -1;
        have += (size_t)n;
    } while (n > 0 && have < 2);
    if (have < 2 || (unsigned char)buf[0] != 0x1f || (unsigned char)buf[1] != 0x8b) {
        in->mode = MODE_PLAIN;
        return (long)have;
    }
    in->mode = MODE_GZIP;
    in->zin = malloc(ZCHUNK > have ? ZCHUNK : have);
    if (!in->zin)
        return fail(in, "out of memory", NULL);
    memcpy(in->zin, buf, have);
    memset(&in->z, 0, sizeof in->z);
    /* 16 + MAX_WBITS: a gzip wrapper, not zlib's */
    if (inflateInit2(&in->z, 16 + MAX_WBITS) != Z_OK)
        return fail(in, "out of memory", NULL);
    in->z_ready = 1;
    in->z.next_in = in->zin;
    in->z.avail_in = (uInt)have;
    return gzip_read(in, buf, cap);
}
