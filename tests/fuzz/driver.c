/* driver.c - runs a fuzz target without libFuzzer, for `make fuzz-smoke`
 * with any compiler: every corpus file as it is, then -runs=N inputs made
 * by mutating corpus files (bit flips, byte changes, insertions, deletions,
 * repeats, XML and CSV tokens, splices of two files).  The mutations come
 * from a fixed seed (-seed=S), so a run can be repeated exactly.
 *
 *   fuzz_TARGET [-runs=N] [-seed=S] [-max_len=BYTES] FILE|DIR...
 *
 * The options have libFuzzer's spelling, so the same command line works
 * for a libFuzzer build.  A crash is the sanitizer's or the kernel's to
 * report; the input that caused it is then written to ./crash-driver. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

typedef struct input {
    uint8_t *p;
    size_t n;
} input;

static input *corpus;
static size_t ncorpus, capcorpus;

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Du;
}

static void add_file(const char *path, size_t max_len)
{
    FILE *fp = fopen(path, "rb");
    input in;
    long n;
    if (!fp)
        return;
    if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0) {
        fclose(fp);
        return;
    }
    if ((size_t)n > max_len)
        n = (long)max_len;
    in.n = (size_t)n;
    in.p = malloc(in.n + 1);
    if (!in.p || fread(in.p, 1, in.n, fp) != in.n) {
        free(in.p);
        fclose(fp);
        return;
    }
    fclose(fp);
    if (ncorpus == capcorpus) {
        capcorpus = capcorpus ? capcorpus * 2 : 64;
        corpus = realloc(corpus, capcorpus * sizeof *corpus);
        if (!corpus)
            abort();
    }
    corpus[ncorpus++] = in;
}

static void add_path(const char *path, size_t max_len)
{
    struct stat sb;
    DIR *d;
    struct dirent *e;
    if (stat(path, &sb) != 0)
        return;
    if (!S_ISDIR(sb.st_mode)) {
        add_file(path, max_len);
        return;
    }
    d = opendir(path);
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        char sub[4096];
        if (e->d_name[0] == '.')
            continue;
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        add_path(sub, max_len);
    }
    closedir(d);
}

/* The input being run, for the crash handlers. */
static const uint8_t *volatile cur_p;
static volatile size_t cur_n;

static void save_input(void)
{
    int fd = open("crash-driver", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        if (write(fd, (const void *)cur_p, cur_n) < 0)
            (void)0;
        close(fd);
    }
}

static void on_signal(int sig)
{
    save_input();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Called by ASan and UBSan before they end the process. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

static void run(const uint8_t *p, size_t n)
{
    /* an exact-size copy, so that reading past the end is caught */
    uint8_t *copy = malloc(n ? n : 1);
    if (!copy)
        abort();
    memcpy(copy, p, n);
    cur_p = copy;
    cur_n = n;
    LLVMFuzzerTestOneInput(copy, n);
    cur_p = NULL;
    cur_n = 0;
    free(copy);
}

static const char *const tokens[] = {
    "<", ">", "/>", "</", "\"", "'", "&", "&amp;", "=", " ", "\n", "\r\n", ",", "\"\"",
    "\0", "\xef\xbb\xbf", "\xff", "0", "-1", "1e999999", "NaN", "INF", "-0", "4294967296",
    "<Node>", "</Node>", "<True/>", "<False/>", "<Array n=\"3\" type=\"real\">1 2</Array>",
    "<FieldRef field=\"x\"/>", "<Apply function=\"+\">", "</Apply>", "<Constant>1</Constant>",
    "<!DOCTYPE a>", "<![CDATA[x]]>", "<!-- c -->", "<?pi x?>", "&#0;", "&#x10FFFF;",
    "xmlns=\"http://www.dmg.org/PMML-4_4\"", "missing", "invalid", "asIs", "returnInvalid",
};

static size_t mutate(uint8_t *buf, size_t n, size_t cap)
{
    unsigned k = (unsigned)(rnd() % 8), rounds = 1 + (unsigned)(rnd() % 4);
    while (rounds--) {
        size_t pos = n ? (size_t)(rnd() % n) : 0;
        switch (k) {
        case 0: /* flip a bit */
            if (n)
                buf[pos] ^= (uint8_t)(1u << (rnd() % 8));
            break;
        case 1: /* set a byte */
            if (n)
                buf[pos] = (uint8_t)rnd();
            break;
        case 2: /* delete a range */
            if (n) {
                size_t len = 1 + (size_t)(rnd() % (n - pos < 64 ? n - pos : 64));
                memmove(buf + pos, buf + pos + len, n - pos - len);
                n -= len;
            }
            break;
        case 3: /* repeat a range */
        {
            size_t len = n - pos < 256 ? n - pos : 256, times = 1 + (size_t)(rnd() % 8);
            while (times-- && n + len <= cap) {
                memmove(buf + pos + len, buf + pos, n - pos);
                n += len;
            }
            break;
        }
        case 4: /* insert a random byte */
            if (n < cap) {
                memmove(buf + pos + 1, buf + pos, n - pos);
                buf[pos] = (uint8_t)rnd();
                n++;
            }
            break;
        default: /* insert a token */
        {
            const char *t = tokens[rnd() % (sizeof tokens / sizeof tokens[0])];
            size_t len = t[0] ? strlen(t) : 1;
            if (n + len <= cap) {
                memmove(buf + pos + len, buf + pos, n - pos);
                memcpy(buf + pos, t, len);
                n += len;
            }
            break;
        }
        }
        k = (unsigned)(rnd() % 8);
    }
    return n;
}

int main(int argc, char **argv)
{
    unsigned long runs = 0, i;
    size_t max_len = 1 << 20, cap;
    uint8_t *buf;
    int a;
    if (__sanitizer_set_death_callback)
        __sanitizer_set_death_callback(save_input);
    signal(SIGSEGV, on_signal);
    signal(SIGABRT, on_signal);
    signal(SIGBUS, on_signal);
    signal(SIGFPE, on_signal);
    signal(SIGILL, on_signal);
    for (a = 1; a < argc; a++) {
        if (strncmp(argv[a], "-runs=", 6) == 0)
            runs = strtoul(argv[a] + 6, NULL, 10);
        else if (strncmp(argv[a], "-seed=", 6) == 0)
            rng_state = strtoull(argv[a] + 6, NULL, 10) | 1;
        else if (strncmp(argv[a], "-max_len=", 9) == 0)
            max_len = strtoul(argv[a] + 9, NULL, 10);
        else if (argv[a][0] == '-')
            continue; /* other libFuzzer options mean nothing here */
        else
            add_path(argv[a], max_len);
    }
    for (i = 0; i < ncorpus; i++)
        run(corpus[i].p, corpus[i].n);
    cap = max_len + 4096;
    buf = malloc(cap);
    if (!buf)
        abort();
    for (i = 0; i < runs; i++) {
        size_t n = 0;
        if (ncorpus) {
            const input *in = &corpus[rnd() % ncorpus];
            n = in->n < max_len ? in->n : max_len;
            memcpy(buf, in->p, n);
            if (ncorpus > 1 && rnd() % 16 == 0) { /* splice with another file */
                const input *o = &corpus[rnd() % ncorpus];
                size_t at = n ? (size_t)(rnd() % n) : 0, from = o->n ? (size_t)(rnd() % o->n) : 0;
                size_t len = o->n - from;
                if (at + len > max_len)
                    len = max_len - at;
                memcpy(buf + at, o->p + from, len);
                n = at + len;
            }
        }
        n = mutate(buf, n, max_len);
        run(buf, n);
    }
    printf("%s: %zu corpus inputs and %lu mutated inputs, no crash\n", argv[0], ncorpus, runs);
    for (i = 0; i < ncorpus; i++)
        free(corpus[i].p);
    free(corpus);
    free(buf);
    return 0;
}
