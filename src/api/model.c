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
    job.model = pm_malloc(al, sizeof *job.model);
    if (!job.model) {
        pm_error_set(err, PMML_ERR_NOMEM, 0, NULL, name, "out of memory");
        return PMML_ERR_NOMEM;
    }
    memset(job.model, 0, sizeof *job.model);
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
    return model && model->nlags > 0;
}

size_t pmml_model_memory_bytes(const pmml_model *model)
{
    return model ? model->arena.total + sizeof *model : 0;
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
