/* progress.c - rows done, rows per second, bytes read and, when the size of
 * the input is known, the share done and the time left.  The line is
 * redrawn in place with a carriage return, at most four times a second. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/progress.h"

/* seconds between two drawings; PMML_PROGRESS_INTERVAL changes it (the
 * tests draw after every batch with 0) */
#define REDRAW_SECONDS 0.25

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 1234567 as "1,234,567". */
static void grouped(char *out, size_t size, uint64_t v)
{
    char digits[32];
    size_t n = (size_t)snprintf(digits, sizeof digits, "%llu", (unsigned long long)v), i, o = 0;
    for (i = 0; i < n && o + 2 < size; i++) {
        if (i && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

static void bytes_text(char *out, size_t size, uint64_t b)
{
    double v = (double)b;
    if (v < 1024.0 * 1024.0)
        snprintf(out, size, "%.1f KiB", v / 1024.0);
    else if (v < 1024.0 * 1024.0 * 1024.0)
        snprintf(out, size, "%.1f MiB", v / (1024.0 * 1024.0));
    else
        snprintf(out, size, "%.2f GiB", v / (1024.0 * 1024.0 * 1024.0));
}

static void duration_text(char *out, size_t size, double s)
{
    unsigned long t = (unsigned long)(s + 0.5);
    if (t >= 3600)
        snprintf(out, size, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
    else
        snprintf(out, size, "%lu:%02lu", t / 60, t % 60);
}

static void draw(pm_progress *p, const char *line)
{
    size_t len = strlen(line);
    fputc('\r', stderr);
    fputs(line, stderr);
    /* blank out the rest of a longer earlier line */
    if (p->drawn && p->width > len)
        fprintf(stderr, "%*s", (int)(p->width - len), "");
    p->drawn = 1;
    p->width = len;
    fflush(stderr);
}

void pm_progress_start(pm_progress *p, int on, uint64_t total)
{
    const char *env = getenv("PMML_PROGRESS_INTERVAL");
    char *end;
    memset(p, 0, sizeof *p);
    p->on = on;
    p->total = total;
    p->interval = REDRAW_SECONDS;
    if (env && *env) {
        double v = strtod(env, &end);
        if (*end == '\0' && v >= 0 && v <= 3600)
            p->interval = v;
    }
    if (on)
        p->start = p->last = now();
}

void pm_progress_update(pm_progress *p, uint64_t rows, uint64_t bytes)
{
    char line[200], r[32], rate[32], b[32], t[32], left[32];
    double t1, elapsed;
    if (!p->on)
        return;
    p->rows = rows;
    p->bytes = bytes;
    t1 = now();
    if (t1 - p->last < p->interval)
        return;
    p->last = t1;
    elapsed = t1 - p->start;
    grouped(r, sizeof r, rows);
    grouped(rate, sizeof rate, (uint64_t)((double)rows / (elapsed > 0 ? elapsed : 1)));
    bytes_text(b, sizeof b, bytes);
    if (p->total && bytes <= p->total && bytes > 0) {
        double done = (double)bytes / (double)p->total;
        bytes_text(t, sizeof t, p->total);
        duration_text(left, sizeof left, elapsed * (1 - done) / done);
        snprintf(line, sizeof line, "pmml: %s rows, %s rows/s, %s of %s (%.0f%%), %s left", r,
                 rate, b, t, done * 100, left);
    } else {
        snprintf(line, sizeof line, "pmml: %s rows, %s rows/s, %s read", r, rate, b);
    }
    draw(p, line);
}

void pm_progress_clear(pm_progress *p)
{
    if (!p || !p->on || !p->drawn)
        return;
    fprintf(stderr, "\r%*s\r", (int)p->width, "");
    fflush(stderr);
    p->drawn = 0;
    p->width = 0;
}

void pm_progress_finish(pm_progress *p, int ok)
{
    char line[200], r[32], rate[32], b[32], el[32];
    double elapsed;
    if (!p->on)
        return;
    if (!ok) {
        pm_progress_clear(p);
        return;
    }
    elapsed = now() - p->start;
    grouped(r, sizeof r, p->rows);
    grouped(rate, sizeof rate, (uint64_t)((double)p->rows / (elapsed > 0 ? elapsed : 1)));
    bytes_text(b, sizeof b, p->bytes);
    if (elapsed < 60)
        snprintf(el, sizeof el, "%.2f s", elapsed);
    else
        duration_text(el, sizeof el, elapsed);
    snprintf(line, sizeof line, "pmml: %s row%s in %s, %s rows/s, %s read", r,
             p->rows == 1 ? "" : "s", el, rate, b);
    pm_progress_clear(p);
    fprintf(stderr, "%s\n", line);
    fflush(stderr);
}
