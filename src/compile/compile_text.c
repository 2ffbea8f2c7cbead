/* compile_text.c - TextIndex: normalisation tables and tokenizers. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "compile/compile.h"

static void compile_norm(ccomp *cc, const pm_expr *e, const pm_textnorm *n, pl_textnorm *pn)
{
    const pm_table *t = n->table;
    int caseless = n->case_sensitive >= 0 ? !n->case_sensitive : !e->u.text.case_sensitive;
    size_t in, out, re, r;
    if (!t)
        pm_throw(cc->c, PMML_ERR_PMML, n->line, "TextIndexNormalization",
                 "TextIndexNormalization: an InlineTable is required");
    in = (size_t)pm_table_column(t, n->in_field);
    out = (size_t)pm_table_column(t, n->out_field);
    re = (size_t)pm_table_column(t, n->regex_field);
    if (t->nrows && (in == (size_t)-1 || out == (size_t)-1))
        pm_throw(cc->c, PMML_ERR_PMML, n->line, "TextIndexNormalization",
                 "TextIndexNormalization: the table lacks the column '%s' or '%s'", n->in_field,
                 n->out_field);
    pn->nrows = t->nrows;
    pn->recursive = n->recursive;
    pn->codes = PM_NEW_ARRAY(cc->c, cc->a, void *, t->nrows + 1);
    pn->outs = PM_NEW_ARRAY(cc->c, cc->a, const char *, t->nrows + 1);
    pn->outlens = PM_NEW_ARRAY(cc->c, cc->a, uint32_t, t->nrows + 1);
    for (r = 0; r < t->nrows; r++) {
        const char *from = t->cells[r * t->ncols + in], *to = t->cells[r * t->ncols + out];
        const char *isre = re != (size_t)-1 ? t->cells[r * t->ncols + re] : NULL;
        uint32_t opts = caseless ? PCRE2_CASELESS : 0;
        if (!from || !to)
            pm_throw(cc->c, PMML_ERR_PMML, t->line, "row",
                     "row: a TextIndexNormalization row needs both '%s' and '%s'", n->in_field,
                     n->out_field);
        /* a row is a regular expression only when its regexField cell says so */
        if (!(isre && strcmp(isre, "true") == 0))
            opts |= PCRE2_LITERAL;
        pn->codes[r] = cx_regex(cc, from, strlen(from), opts, t->line, "TextIndexNormalization");
        pn->outs[r] = pm_strdup(cc->c, cc->a, to);
        pn->outlens[r] = (uint32_t)strlen(to);
    }
}

pl_expr *cx_text_index(ccomp *cc, cscope *s, const pm_expr *e)
{
    cfield *f = cx_use(cc, s, e->field, e->line, "TextIndex");
    pl_textindex *ti = PM_NEW(cc->c, cc->a, pl_textindex);
    pl_expr *x = cx_new_expr(cc, EOP_TEXTINDEX,
                             e->u.text.local_weights == TW_TERM_FREQUENCY ||
                                     e->u.text.local_weights == TW_BINARY
                                 ? PMML_TYPE_INTEGER
                                 : PMML_TYPE_DOUBLE);
    uint32_t caseless = e->u.text.case_sensitive ? 0 : PCRE2_CASELESS;
    size_t i;
    if (!e->u.text.tokenize)
        pm_throw(cc->c, PMML_ERR_UNSUPPORTED, e->line, "TextIndex",
                 "TextIndex: tokenize=\"false\" is not supported");
    ti->weights = e->u.text.local_weights;
    ti->case_sensitive = e->u.text.case_sensitive;
    ti->max_levenshtein = e->u.text.max_levenshtein;
    ti->best_hits = e->u.text.best_hits;
    if (e->u.text.word_re)
        ti->word = cx_regex(cc, e->u.text.word_re, strlen(e->u.text.word_re), caseless, e->line,
                            "TextIndex");
    else
        ti->split = cx_regex(cc, e->u.text.separator_re, strlen(e->u.text.separator_re), 0,
                             e->line, "TextIndex");
    ti->nnorms = e->u.text.nnorms;
    ti->norms = PM_NEW_ARRAY(cc->c, cc->a, pl_textnorm, ti->nnorms + 1);
    for (i = 0; i < ti->nnorms; i++)
        compile_norm(cc, e, &e->u.text.norms[i], &ti->norms[i]);
    x->slot = f->slot;
    x->nargs = 1;
    x->args = PM_NEW_ARRAY(cc->c, cc->a, pl_expr *, 1);
    x->args[0] = cx_expr(cc, s, e->u.text.term);
    x->aux = ti;
    cx_missing_default(cc, x, e, x->dt);
    return x;
}
