/* eval_text.c - TextIndex: how often a term occurs in a text (PMML 4.4
 * Transformations, TextIndex; matching and counting as JPMML reads it). */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <ctype.h>
#include <math.h>
#include <pcre2.h>
#include <string.h>

#include "eval/eval.h"
#include "eval/value.h"
#include "model/model.h"
#include "util/num.h"

/* Normalisation rounds for a recursive table: a bound against tables that
 * never settle. */
#define MAX_ROUNDS 100

typedef struct tok {
    const char *p;
    size_t n;
} tok;

/* Applies one table: every row's pattern, replaced everywhere. */
static int normalize(pm_scratch *sc, const pl_textnorm *t, const char **s, size_t *len)
{
    size_t r;
    for (r = 0; r < t->nrows; r++) {
        PCRE2_SIZE cap = *len * 2 + t->outlens[r] + 64;
        for (;;) {
            PCRE2_SIZE outlen = cap;
            char *p = pm_scratch_str(sc, cap);
            int rc;
            if (!p)
                return -1;
            rc = pcre2_substitute(t->codes[r], (PCRE2_SPTR)*s, *len, 0,
                                  PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH,
                                  sc->match, sc->mctx, (PCRE2_SPTR)t->outs[r], t->outlens[r],
                                  (PCRE2_UCHAR *)p, &outlen);
            if (rc >= 0) {
                *s = p;
                *len = outlen;
                break;
            }
            if (rc != PCRE2_ERROR_NOMEMORY || outlen <= cap || outlen > ((size_t)1 << 30))
                return -1;
            cap = outlen;
        }
    }
    return 0;
}

static void trim_punct(const char **p, size_t *n)
{
    while (*n && ispunct((unsigned char)**p))
        (*p)++, (*n)--;
    while (*n && ispunct((unsigned char)(*p)[*n - 1]))
        (*n)--;
}

/* Splits text into tokens (at separators, or the matches of wordRE); the
 * tokens live in the batch's string storage.  Returns the count or -1. */
static long tokenize(pm_scratch *sc, const pl_textindex *ti, const char *s, size_t len, tok **out)
{
    size_t cap = 16, n = 0, off = 0;
    tok *toks = (tok *)(void *)pm_scratch_str(sc, cap * sizeof *toks + sizeof(void *));
    if (!toks)
        return -1;
    toks = (tok *)(void *)(((uintptr_t)toks + sizeof(void *) - 1) & ~(uintptr_t)(sizeof(void *) - 1));
    while (off <= len) {
        const char *tp;
        size_t tn;
        int rc = pcre2_match(ti->word ? ti->word : ti->split, (PCRE2_SPTR)s, len, off, 0,
                             sc->match, sc->mctx);
        PCRE2_SIZE *ov;
        if (rc == PCRE2_ERROR_NOMATCH) {
            if (ti->word)
                break;
            tp = s + off;
            tn = len - off;
            off = len + 1;
        } else if (rc < 0) {
            return -1;
        } else {
            ov = pcre2_get_ovector_pointer(sc->match);
            if (ti->word) {
                tp = s + ov[0];
                tn = ov[1] - ov[0];
                off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
            } else {
                tp = s + off;
                tn = ov[0] - off;
                off = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
            }
        }
        trim_punct(&tp, &tn);
        if (!tn)
            continue;
        if (n == cap) {
            tok *bigger = (tok *)(void *)pm_scratch_str(sc, cap * 2 * sizeof *toks + sizeof(void *));
            if (!bigger)
                return -1;
            bigger = (tok *)(void *)(((uintptr_t)bigger + sizeof(void *) - 1) &
                                     ~(uintptr_t)(sizeof(void *) - 1));
            memcpy(bigger, toks, n * sizeof *toks);
            toks = bigger;
            cap *= 2;
        }
        toks[n].p = tp;
        toks[n].n = tn;
        n++;
    }
    *out = toks;
    return (long)n;
}

static int eqc(char a, char b, int cs)
{
    if (cs)
        return a == b;
    return tolower((unsigned char)a) == tolower((unsigned char)b);
}

/* Levenshtein distance of two tokens if it is at most `limit`, else -1. */
static int distance(const tok *a, const tok *b, int cs, int limit)
{
    int row[257], prev[257];
    size_t i, j;
    if (limit == 0 || a->n > 256 || b->n > 256) {
        if (a->n != b->n)
            return -1;
        for (i = 0; i < a->n; i++)
            if (!eqc(a->p[i], b->p[i], cs))
                return -1;
        return 0;
    }
    for (j = 0; j <= b->n; j++)
        prev[j] = (int)j;
    for (i = 1; i <= a->n; i++) {
        int best;
        row[0] = (int)i;
        best = row[0];
        for (j = 1; j <= b->n; j++) {
            int cost = eqc(a->p[i - 1], b->p[j - 1], cs) ? 0 : 1;
            int v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return -1;
        memcpy(prev, row, (b->n + 1) * sizeof *row);
    }
    return prev[b->n] <= limit ? prev[b->n] : -1;
}

static long frequency(const pl_textindex *ti, const tok *text, long nt, const tok *term, long nm)
{
    long i, freq = 0;
    int best = 1 << 30;
    if (nt == 0 || nm == 0)
        return 0;
    for (i = 0; i + nm <= nt; i++) {
        int d = 0;
        long j;
        for (j = 0; j < nm; j++) {
            int k = distance(&text[i + j], &term[j], ti->case_sensitive, ti->max_levenshtein - d);
            if (k < 0)
                break;
            d += k;
        }
        if (j < nm)
            continue;
        if (ti->best_hits) {
            if (d < best) {
                best = d;
                freq = 1;
            } else if (d == best) {
                freq++;
            }
        } else {
            freq++;
        }
    }
    return freq;
}

/* The largest number of times any single token occurs in the text. */
static long max_token_frequency(const pl_textindex *ti, const tok *text, long nt)
{
    long i, j, max = 0;
    for (i = 0; i < nt; i++) {
        long c = 0;
        for (j = 0; j < nt; j++)
            if (distance(&text[i], &text[j], ti->case_sensitive, 0) == 0)
                c++;
        if (c > max)
            max = c;
    }
    return max;
}

void pm_eval_textindex(const pl_expr *e, pm_scratch *sc, pv *out)
{
    const pl_textindex *ti = e->aux;
    const pv *text = &sc->vals[e->slot];
    pv term;
    char b1[PM_NUMBUF], b2[PM_NUMBUF];
    const char *s, *ts;
    size_t len, tlen, k;
    tok *tt, *tm;
    long nt, nm, f;
    double r;

    if (text->st == VS_MISSING) {
        *out = e->has_map_missing ? e->map_missing : pv_missing();
        return;
    }
    pm_eval_expr(e->args[0], sc, &term);
    if (term.st == VS_MISSING) {
        *out = e->has_map_missing ? e->map_missing : pv_missing();
        return;
    }
    if (!sc->match)
        goto invalid;
    len = pm_value_text(text, b1, &s);
    tlen = pm_value_text(&term, b2, &ts);
    for (k = 0; k < ti->nnorms; k++) {
        int rounds = 0;
        for (;;) {
            const char *before = s;
            size_t blen = len;
            if (normalize(sc, &ti->norms[k], &s, &len) != 0)
                goto invalid;
            /* a recursive table is reapplied until it changes nothing */
            if (!ti->norms[k].recursive || (len == blen && memcmp(s, before, len) == 0))
                break;
            if (++rounds >= MAX_ROUNDS)
                goto invalid;
        }
    }
    nt = tokenize(sc, ti, s, len, &tt);
    nm = tokenize(sc, ti, ts, tlen, &tm);
    if (nt < 0 || nm < 0)
        goto invalid;
    f = frequency(ti, tt, nt, tm, nm);
    switch (ti->weights) {
    case TW_BINARY:
        r = f > 0;
        break;
    case TW_LOGARITHMIC:
        r = log10(1.0 + (double)f);
        break;
    case TW_AUGMENTED: {
        long max = max_token_frequency(ti, tt, nt);
        r = max ? 0.5 * ((f > 0) + (double)f / (double)max) : 0.0;
        break;
    }
    default:
        r = (double)f;
    }
    *out = pv_num(r, e->dt);
    return;
invalid:
    pm_row_error(sc, PMML_ERR_INVALID_VALUE, "TextIndex: the text could not be processed");
    *out = pv_missing();
    out->st = VS_INVALID;
}
