/* parse_document.c - the PMML element: Header, DataDictionary,
 * TransformationDictionary and the choice of the model to score. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "model/parse.h"
#include "model/parse_util.h"
#include "util/map.h"

static void parse_header(pm_ctx *c, const px_node *n, pm_header *h)
{
    h->copyright = pa_str(n, "copyright");
    h->description = pa_str(n, "description");
    h->model_version = pa_str(n, "modelVersion");
    PX_FOREACH(k, n) {
        if (px_is(k, "Application")) {
            h->app_name = pa_str(k, "name");
            h->app_version = pa_str(k, "version");
        } else if (px_is(k, "Timestamp")) {
            h->timestamp = px_text(c, k);
        }
    }
}

static void parse_datafield(pm_ctx *c, const px_node *n, pm_datafield *f)
{
    size_t ni = px_count(n, "Interval"), i = 0;
    f->name = pa_req(c, n, "name");
    f->display = pa_str(n, "displayName");
    f->optype = pa_optype(c, n, "optype", 1);
    f->datatype = pa_datatype(c, n, "dataType", 1);
    f->taxonomy = pa_str(n, "taxonomy");
    f->cyclic = pa_bool(c, n, "isCyclic", 0);
    f->line = n->line;
    pm_parse_values(c, n, &f->values, &f->nvalues);
    f->intervals = PM_NEW_ARRAY(c, c->tmp, pm_interval, ni + 1);
    PX_FOREACH(k, n) {
        if (px_is(k, "Interval"))
            pm_parse_interval(c, k, &f->intervals[i++]);
        else if (!px_is(k, "Value") && !px_ignorable(k))
            pm_unexpected(c, n, k);
    }
    f->nintervals = ni;
}

static void parse_datadict(pm_ctx *c, const px_node *n, pm_document *doc)
{
    size_t count = px_count(n, "DataField"), i = 0, j;
    doc->fields = PM_NEW_ARRAY(c, c->tmp, pm_datafield, count + 1);
    PX_FOREACH(k, n) {
        if (px_is(k, "DataField"))
            parse_datafield(c, k, &doc->fields[i++]);
        else if (!px_ignorable(k))
            pm_unexpected(c, n, k);
    }
    doc->nfields = count;
    {
        pm_map seen = { 0 };
        for (i = 0; i < count; i++) {
            const pm_datafield *prev = pm_map_put(c, c->tmp, &seen, doc->fields[i].name,
                                                  &doc->fields[i]);
            if (prev)
                pm_throw(c, PMML_ERR_PMML, doc->fields[i].line, "DataField",
                         "DataField: the field '%s' is defined twice (also on line %u)",
                         doc->fields[i].name, prev->line);
        }
    }
    (void)j;
}

static void parse_version(pm_ctx *c, const px_doc *x, pm_document *doc)
{
    const char *v = pa_str(x->root, "version");
    int major = 0, minor = 0;
    doc->version = v ? v : "";
    if (v && sscanf(v, "%d.%d", &major, &minor) >= 1) {
        doc->major = major;
        doc->minor = minor;
    } else {
        doc->major = x->ns_major;
        doc->minor = x->ns_minor;
    }
    if (!v && !x->ns_major)
        pm_bad(c, x->root, "the required attribute 'version' is missing");
    if ((doc->major < 3 && x->ns_major < 3) || doc->major > 4 ||
        (doc->major == 4 && doc->minor > 4))
        pm_throw(c, PMML_ERR_UNSUPPORTED, x->root->line, "PMML",
                 "PMML: version %s is not supported (3.0 to 4.4 are)", doc->version);
}

void pm_parse_document(pm_ctx *c, const px_doc *x, pm_document *doc)
{
    const px_node *root = x->root;
    int have_dict = 0;

    memset(doc, 0, sizeof *doc);
    parse_version(c, x, doc);
    PX_FOREACH(k, root) {
        if (px_is(k, "Header")) {
            parse_header(c, k, &doc->header);
        } else if (px_is(k, "DataDictionary")) {
            parse_datadict(c, k, doc);
            have_dict = 1;
        } else if (px_is(k, "TransformationDictionary")) {
            pm_parse_transforms(c, k, &doc->global);
        } else if (pm_is_model_element(k)) {
            doc->nmodels++;
            if (!doc->model && pa_bool(c, k, "isScorable", 1))
                doc->model = pm_parse_model(c, k, 0);
        } else if (!px_ignorable(k)) {
            pm_unexpected(c, root, k);
        }
    }
    if (!have_dict)
        pm_bad(c, root, "the DataDictionary element is missing");
    if (!doc->model)
        pm_bad(c, root, doc->nmodels ? "no model element is scorable (isScorable=\"false\")"
                                     : "the document holds no model element");
}
