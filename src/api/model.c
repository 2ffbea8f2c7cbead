/* model.c - loading a model and describing it. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "api/api.h"
#include "compile/compile.h"
#include "model/model.h"
#include "util/num.h"
#include "validate/validate.h"
#include "xml/xml.h"

void pmml__model_reserve_regex(pmml_model *m, pm_ctx *c)
{
    if (m->nregexes == m->capregexes) {
        size_t ncap = m->capregexes ? m->capregexes * 2 : 8;
        void **list = PM_NEW_ARRAY(c, &m->arena, void *, ncap);
        if (m->nregexes)
            memcpy(list, m->regexes, m->nregexes * sizeof *list);
        m->regexes = list;
        m->capregexes = ncap;
    }
}

void pmml__model_add_regex(pmml_model *m, void *code)
{
    uint32_t captures = 0;
    m->regexes[m->nregexes++] = code;
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &captures);
    if (captures > m->max_capture)
        m->max_capture = captures;
}

/*
 * What the document says that scoring never reads (the Header, the
 * MiningField attributes as written), kept for the describing calls.  It
 * lives in the same allocation as the model, after it, rather than in
 * struct pmml_model: the model is only ever made by load() below, so a
 * pmml_model * is always the `model` member of a model_box.
 */
enum { TEXT_MISSING_REPL = 0, TEXT_INVALID_REPL, TEXT_LOW, TEXT_HIGH, NTEXTS };

typedef struct model_box {
    pmml_model model;           /* first */
    const char *header[PMML_HEADER_TIMESTAMP + 1]; /* by PMML_HEADER_* */
    const char **texts;         /* ninputs x NTEXTS, NULL where absent */
} model_box;

static const model_box *box_of(const pmml_model *m)
{
    return (const model_box *)(const void *)m;
}

/* Copies the Header and the top MiningSchema's attribute texts. */
static void keep_document_texts(pm_ctx *c, model_box *b, const pm_document *doc)
{
    pmml_model *m = &b->model;
    const pm_header *h = &doc->header;
    const char *hv[PMML_HEADER_TIMESTAMP + 1] = { NULL };
    size_t i, n, next;
    hv[PMML_HEADER_APPLICATION_NAME] = h->app_name;
    hv[PMML_HEADER_APPLICATION_VERSION] = h->app_version;
    hv[PMML_HEADER_COPYRIGHT] = h->copyright;
    hv[PMML_HEADER_DESCRIPTION] = h->description;
    hv[PMML_HEADER_MODEL_VERSION] = h->model_version;
    hv[PMML_HEADER_TIMESTAMP] = h->timestamp;
    for (i = 1; i <= PMML_HEADER_TIMESTAMP; i++)
        b->header[i] = hv[i] ? pm_strdup(c, &m->arena, hv[i]) : NULL;
    b->texts = PM_NEW_ARRAY(c, &m->arena, const char *, m->ninputs * NTEXTS + 1);
    for (i = 0; i < m->ninputs * NTEXTS; i++)
        b->texts[i] = NULL;
    /* the inputs come in MiningSchema order, so each search starts after
     * the last field found and the whole walk is linear */
    for (i = 0, next = 0; i < m->ninputs && doc->model && doc->model->nmfields; i++) {
        const pm_model *top = doc->model;
        const char **t = b->texts + i * NTEXTS;
        for (n = 0; n < top->nmfields; n++) {
            const pm_miningfield *mf = &top->mfields[(next + n) % top->nmfields];
            char num[PM_NUMBUF];
            if (strcmp(mf->name, m->inputs[i].name) != 0)
                continue;
            next = (next + n + 1) % top->nmfields;
            if (mf->missing_replacement)
                t[TEXT_MISSING_REPL] = pm_strdup(c, &m->arena, mf->missing_replacement);
            if (mf->invalid_replacement)
                t[TEXT_INVALID_REPL] = pm_strdup(c, &m->arena, mf->invalid_replacement);
            if (mf->has_low) {
                pm_format_double(num, mf->low);
                t[TEXT_LOW] = pm_strdup(c, &m->arena, num);
            }
            if (mf->has_high) {
                pm_format_double(num, mf->high);
                t[TEXT_HIGH] = pm_strdup(c, &m->arena, num);
            }
            break;
        }
    }
}

static void release(pmml_model *m)
{
    size_t i;
    pmml_allocator al;
    if (!m)
        return;
    for (i = 0; i < m->nregexes; i++)
        pcre2_code_free(m->regexes[i]);
    al = m->al;
    pm_arena_release(&m->arena);
    pm_free(&al, m);
}

void pmml_model_free(pmml_model *model)
{
    release(model);
}

typedef struct load_job {
    const void *data;
    size_t size;
    const char *path;
    pmml_model *model;
    pmml_error schema_err;
    int reported;          /* the final error went through the diagnostic hook */
} load_job;

/* Everything that can fail; unwinds to load() through c->jb. */
static void run(pm_ctx *c, load_job *job)
{
    pmml_model *model = job->model;
    px_doc x;
    pm_document doc;
    ccomp cc;
    int schema_problems = 0;

    if (job->path)
        px_parse_file(c, job->path, &x);
    else
        px_parse_memory(c, job->data, job->size, &x);
    if (c->opts->flags & PMML_LOAD_VALIDATE)
        schema_problems = pm_validate_schema(c, job->data, job->size, job->path,
                                             &job->schema_err);
    pm_parse_document(c, &x, &doc);
    memset(&cc, 0, sizeof cc);
    cc.c = c;
    cc.m = model;
    cc.doc = &doc;
    cc.a = &model->arena;
    cx_document(&cc);
    if (c->opts->flags & PMML_LOAD_REFERENCE)
        model->vp_why = "PMML_LOAD_REFERENCE";
    else
        cx_vector_plan(&cc);
    model->type = model->top->element;
    model->function = pmml__function_name(doc.model->function);
    model->pmml_version = pm_strdup(c, &model->arena, doc.version);
    keep_document_texts(c, (model_box *)(void *)model, &doc);
    if (schema_problems) {
        *c->err = job->schema_err;
        job->reported = 1;
        longjmp(c->jb, 1);
    }
}

static int load(pmml_model **out, const void *data, size_t size, const char *path,
                const char *name, const pmml_load_options *opts, pmml_error *err)
{
    pmml_error local;
    pmml_load_options defaults = PMML_LOAD_OPTIONS_INIT;
    const pmml_allocator *al = &pmml__std_allocator;
    pm_arena tmp;
    pm_ctx c;
    load_job job;
    void *locale;

    if (!err)
        err = &local;
    memset(err, 0, sizeof *err);
    if (!out) {
        pm_error_set(err, PMML_ERR_ARG, 0, NULL, name, "the output pointer is NULL");
        return PMML_ERR_ARG;
    }
    *out = NULL;
    if (!path && !data && size) {
        pm_error_set(err, PMML_ERR_ARG, 0, NULL, name, "the data pointer is NULL");
        return PMML_ERR_ARG;
    }
    if (!opts)
        opts = &defaults;
    if (opts->version == 0 || opts->version > PMML_LOAD_OPTIONS_VERSION) {
        pm_error_set(err, PMML_ERR_ARG, 0, NULL, name,
                     "pmml_load_options.version %u is not supported", (unsigned)opts->version);
        return PMML_ERR_ARG;
    }
    if (opts->allocator) {
        if (!opts->allocator->malloc_fn || !opts->allocator->realloc_fn ||
            !opts->allocator->free_fn) {
            pm_error_set(err, PMML_ERR_ARG, 0, NULL, name,
                         "an allocator needs malloc_fn, realloc_fn and free_fn");
            return PMML_ERR_ARG;
        }
        al = opts->allocator;
    }
    pmml__library_init();
    memset(&job, 0, sizeof job);
    job.data = data;
    job.size = size;
    job.path = path;
    job.model = pm_malloc(al, sizeof(model_box));
    if (!job.model) {
        pm_error_set(err, PMML_ERR_NOMEM, 0, NULL, name, "out of memory");
        return PMML_ERR_NOMEM;
    }
    memset(job.model, 0, sizeof(model_box));
    job.model->al = *al;
    pm_arena_init(&job.model->arena, &job.model->al);
    pm_arena_init(&tmp, al);
    memset(&c, 0, sizeof c);
    c.err = err;
    c.source = name;
    c.arena = &job.model->arena;
    c.tmp = &tmp;
    c.opts = opts;
    c.al = al;
    locale = pm_locale_push();
    if (setjmp(c.jb) == 0) {
        run(&c, &job);
        pm_arena_release(&tmp);
        pm_locale_pop(locale);
        *out = job.model;
        return PMML_OK;
    }
    release(job.model);
    pm_arena_release(&tmp);
    pm_locale_pop(locale);
    if (c.err->code == PMML_OK)
        c.err->code = PMML_ERR_PMML;
    if (!job.reported)
        pm_diagnose(&c, c.err);
    return c.err->code;
}

int pmml_model_load_file(pmml_model **out, const char *path, const pmml_load_options *opts,
                         pmml_error *err)
{
    if (!path) {
        pm_error_set(err, PMML_ERR_ARG, 0, NULL, "", "the path is NULL");
        if (out)
            *out = NULL;
        return PMML_ERR_ARG;
    }
    return load(out, NULL, 0, path, path, opts, err);
}

int pmml_model_load_memory(pmml_model **out, const void *data, size_t size, const char *name,
                           const pmml_load_options *opts, pmml_error *err)
{
    return load(out, data, size, NULL, name ? name : "<memory>", opts, err);
}

const char *pmml__function_name(int function)
{
    static const char *const names[] = { "", "regression", "classification", "clustering",
                                         "associationRules", "sequences", "timeSeries",
                                         "mixed" };
    if (function < 0 || function >= (int)(sizeof names / sizeof names[0]))
        return "";
    return names[function];
}

/* ---- describing ---- */

const char *pmml_model_type(const pmml_model *model)
{
    return model ? model->type : NULL;
}

const char *pmml_model_function(const pmml_model *model)
{
    return model ? model->function : NULL;
}

const char *pmml_model_pmml_version(const pmml_model *model)
{
    return model ? model->pmml_version : NULL;
}

const char *pmml_model_block_reason(const pmml_model *model)
{
    return model && !model->vp ? model->vp_why : NULL;
}

int pmml_model_is_sequential(const pmml_model *model)
{
    return model && (model->nlags > 0 || model->sequential);
}

int pmml_model_group_input(const pmml_model *model, size_t *index)
{
    size_t i;
    if (!model || !model->group_slot1)
        return 0;
    for (i = 0; i < model->ninputs; i++)
        if (model->inputs[i].slot == model->group_slot1 - 1) {
            if (index)
                *index = i;
            return 1;
        }
    return 0;
}

size_t pmml_model_memory_bytes(const pmml_model *model)
{
    return model ? model->arena.total + sizeof(model_box) : 0;
}

size_t pmml_model_input_count(const pmml_model *model)
{
    return model ? model->ninputs : 0;
}

const char *pmml_model_input_name(const pmml_model *model, size_t i)
{
    return model && i < model->ninputs ? model->inputs[i].name : NULL;
}

int pmml_model_input_datatype(const pmml_model *model, size_t i)
{
    return model && i < model->ninputs ? model->inputs[i].datatype : -1;
}

int pmml_model_input_optype(const pmml_model *model, size_t i)
{
    return model && i < model->ninputs ? model->inputs[i].optype : -1;
}

size_t pmml_model_input_value_count(const pmml_model *model, size_t i)
{
    if (!model || i >= model->ninputs || !model->inputs[i].dom)
        return 0;
    return model->inputs[i].dom->nvalid;
}

const char *pmml_model_input_value(const pmml_model *model, size_t i, size_t j)
{
    const pl_domain *d;
    if (!model || i >= model->ninputs || !(d = model->inputs[i].dom) || j >= d->nvalid)
        return NULL;
    return d->texts[d->valid_idx[j]];
}

long pmml_model_input_index(const pmml_model *model, const char *name)
{
    size_t i;
    if (!model || !name)
        return -1;
    for (i = 0; i < model->ninputs; i++)
        if (strcmp(model->inputs[i].name, name) == 0)
            return (long)i;
    return -1;
}

size_t pmml_model_output_count(const pmml_model *model)
{
    return model ? model->ncolumns : 0;
}

const char *pmml_model_output_name(const pmml_model *model, size_t i)
{
    return model && i < model->ncolumns ? model->columns[i].name : NULL;
}

int pmml_model_output_datatype(const pmml_model *model, size_t i)
{
    return model && i < model->ncolumns ? model->columns[i].datatype : -1;
}

int pmml_model_output_optype(const pmml_model *model, size_t i)
{
    return model && i < model->ncolumns ? model->columns[i].optype : -1;
}

size_t pmml_model_output_value_count(const pmml_model *model, size_t i)
{
    return model && i < model->ncolumns ? model->columns[i].nvalues : 0;
}

const char *pmml_model_output_value(const pmml_model *model, size_t i, size_t j)
{
    if (!model || i >= model->ncolumns || j >= model->columns[i].nvalues)
        return NULL;
    return model->columns[i].texts[j];
}

const char *pmml_model_header(const pmml_model *model, int field)
{
    if (!model || field < PMML_HEADER_APPLICATION_NAME || field > PMML_HEADER_TIMESTAMP)
        return NULL;
    return box_of(model)->header[field];
}

static void count(const pl_model *m, size_t *n)
{
    size_t i;
    n[PMML_COUNT_MODELS]++;
    switch (m->type) {
    case MODEL_TREE:
        n[PMML_COUNT_TREES]++;
        n[PMML_COUNT_TREE_NODES] += ((const pl_tree *)m->impl)->nnodes;
        break;
    case MODEL_NEURAL: {
        const pl_neural *nn = m->impl;
        n[PMML_COUNT_NEURONS] += nn->nneurons - nn->ninputs;
        break;
    }
    case MODEL_MINING: {
        const pl_mining *mm = m->impl;
        n[PMML_COUNT_SEGMENTS] += mm->nsegments;
        for (i = 0; i < mm->nsegments; i++)
            if (mm->segments[i].model)
                count(mm->segments[i].model, n);
        break;
    }
    default:
        break;
    }
}

size_t pmml_model_count(const pmml_model *model, int what)
{
    size_t n[PMML_COUNT_NEURONS + 1] = { 0 };
    if (!model || !model->top || what < PMML_COUNT_MODELS || what > PMML_COUNT_NEURONS)
        return 0;
    count(model->top, n);
    return n[what];
}

size_t pmml_model_input_interval_count(const pmml_model *model, size_t i)
{
    if (!model || i >= model->ninputs || !model->inputs[i].dom)
        return 0;
    return model->inputs[i].dom->nintervals;
}

int pmml_model_input_interval(const pmml_model *model, size_t i, size_t j, double *left,
                              double *right, const char **closure)
{
    static const char *const closures[2][2] = { { "openOpen", "openClosed" },
                                                { "closedOpen", "closedClosed" } };
    const pl_interval *iv;
    if (j >= pmml_model_input_interval_count(model, i))
        return PMML_ERR_ARG;
    iv = &model->inputs[i].dom->intervals[j];
    if (left)
        *left = iv->left;
    if (right)
        *right = iv->right;
    if (closure)
        *closure = closures[iv->left_closed != 0][iv->right_closed != 0];
    return PMML_OK;
}

const char *pmml_model_input_treatment(const pmml_model *model, size_t i, int what)
{
    static const char *const missing[] = { "asIs", "asMean", "asMode", "asMedian", "asValue",
                                           "returnInvalid" };
    static const char *const invalid[] = { "returnInvalid", "asIs", "asMissing", "asValue" };
    static const char *const outliers[] = { "asIs", "asMissingValues", "asExtremeValues" };
    const pl_treat *t;
    const char *const *texts;
    if (!model || i >= model->ninputs)
        return NULL;
    t = &model->inputs[i].treat;
    texts = box_of(model)->texts + i * NTEXTS;
    switch (what) {
    case PMML_TREATMENT_MISSING:
        return t->missing >= 0 && t->missing < 6 ? missing[t->missing] : NULL;
    case PMML_TREATMENT_MISSING_REPLACEMENT:
        return texts[TEXT_MISSING_REPL];
    case PMML_TREATMENT_INVALID:
        return t->invalid >= 0 && t->invalid < 4 ? invalid[t->invalid] : NULL;
    case PMML_TREATMENT_INVALID_REPLACEMENT:
        return texts[TEXT_INVALID_REPL];
    case PMML_TREATMENT_OUTLIERS:
        return t->outliers >= 0 && t->outliers < 3 ? outliers[t->outliers] : NULL;
    case PMML_TREATMENT_LOW_VALUE:
        return texts[TEXT_LOW];
    case PMML_TREATMENT_HIGH_VALUE:
        return texts[TEXT_HIGH];
    default:
        return NULL;
    }
}
