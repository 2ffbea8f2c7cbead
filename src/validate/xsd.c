/* xsd.c - XML Schema validation with libxml2 under safe options. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "validate/validate.h"
#include "xml/xml.h"

#define PMML44_NS "http://www.dmg.org/PMML-4_4"

static pthread_once_t schema_once = PTHREAD_ONCE_INIT;
static xmlSchemaPtr schema = NULL; /* immutable once built; shared read-only */

static void quiet(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

static void build_schema(void)
{
    xmlSchemaParserCtxtPtr p = xmlSchemaNewMemParserCtxt(pmml__schema_xsd,
                                                         (int)pmml__schema_xsd_len);
    if (!p)
        return;
    xmlSchemaSetParserStructuredErrors(p, quiet, NULL);
    schema = xmlSchemaParse(p);
    xmlSchemaFreeParserCtxt(p);
}

typedef struct vstate {
    pm_ctx *c;
    pmml_error *first;
    int count;
    int before_4_3;        /* the document declares a version older than 4.3 */
    int relaxed;           /* problems forgiven for the document's version */
} vstate;

/* Removes "{namespace}" from libxml2's "Element '{ns}Name'" wording. */
static void drop_namespace(char *msg)
{
    char *p;
    while ((p = strstr(msg, "{http://www.dmg.org/PMML-4_4}")) != NULL)
        memmove(p, p + 29, strlen(p + 29) + 1);
}

static void on_problem(void *ctx, xmlErrorPtr e)
{
    vstate *st = ctx;
    pmml_error pe;
    char msg[400];
    size_t n;
    const char *element = NULL;
    if (!e || e->level < XML_ERR_ERROR)
        return;
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "schema violation");
    n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    drop_namespace(msg);
    if (e->node && ((xmlNodePtr)e->node)->type == XML_ELEMENT_NODE)
        element = (const char *)((xmlNodePtr)e->node)->name;
    /* OutputField@dataType became required in PMML 4.3 */
    if (st->before_4_3 && element && strcmp(element, "OutputField") == 0 &&
        strstr(msg, "'dataType' is required but missing")) {
        st->relaxed++;
        return;
    }
    pm_error_set(&pe, PMML_ERR_SCHEMA, (unsigned)(e->line > 0 ? e->line : 0), element,
                 st->c->source, "%s", msg);
    pm_diagnose(st->c, &pe);
    if (st->count++ == 0)
        *st->first = pe;
}

/* Maps every PMML namespace (3.0 to 4.3, or none) onto 4.4 so one schema
 * checks all versions. */
static void map_namespaces(xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), n = root;
    xmlNsPtr target = NULL;
    int major, minor;
    if (!root)
        return;
    if (!root->ns)
        target = xmlNewNs(root, BAD_CAST PMML44_NS, NULL);
    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            xmlNsPtr ns;
            for (ns = n->nsDef; ns; ns = ns->next) {
                if (ns->href && px_pmml_namespace((const char *)ns->href, &major, &minor) &&
                    strcmp((const char *)ns->href, PMML44_NS) != 0) {
                    xmlFree((xmlChar *)ns->href);
                    ns->href = xmlStrdup(BAD_CAST PMML44_NS);
                }
            }
            if (!n->ns && target)
                n->ns = target;
        }
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && !n->next && n != root)
            n = n->parent;
        if (!n || n == root)
            break;
        n = n->next;
    }
}

int pm_validate_schema(pm_ctx *c, const void *data, size_t size, const char *path,
                       pmml_error *first)
{
    const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
    xmlParserCtxtPtr pc;
    xmlDocPtr doc;
    xmlSchemaValidCtxtPtr v;
    vstate st;

    pthread_once(&schema_once, build_schema);
    if (!schema)
        pm_throw(c, PMML_ERR_SCHEMA, 0, NULL, "the built-in PMML schema could not be compiled");
    pc = xmlNewParserCtxt();
    if (!pc)
        pm_throw(c, PMML_ERR_NOMEM, 0, NULL, "out of memory");
    doc = path ? xmlCtxtReadFile(pc, path, NULL, options)
               : xmlCtxtReadMemory(pc, data, (int)size, c->source, NULL, options);
    if (!doc) {
        /* the document has been read once already, so this is a limit of
         * libxml2's tree builder (elements nested more than 256 deep) */
        const xmlError *e = xmlCtxtGetLastError(pc);
        char why[200];
        unsigned line = e && e->line > 0 ? (unsigned)e->line : 0;
        size_t n;
        if (e && e->message && strstr(e->message, "depth"))
            snprintf(why, sizeof why, "elements are nested more than 256 levels deep");
        else
            snprintf(why, sizeof why, "%s", e && e->message ? e->message : "");
        n = strlen(why);
        while (n && (why[n - 1] == '\n' || why[n - 1] == ' '))
            why[--n] = '\0';
        xmlFreeParserCtxt(pc);
        pm_throw(c, PMML_ERR_XML, line, NULL, "the document cannot be read for validation%s%s",
                 n ? ": " : "", why);
    }
    xmlFreeParserCtxt(pc);
    {
        xmlNodePtr root = xmlDocGetRootElement(doc);
        xmlChar *version = root ? xmlGetProp(root, BAD_CAST "version") : NULL;
        int major = 0, minor = 0;
        memset(&st, 0, sizeof st);
        if (version && sscanf((const char *)version, "%d.%d", &major, &minor) >= 1)
            st.before_4_3 = major < 4 || (major == 4 && minor < 3);
        xmlFree(version);
    }
    map_namespaces(doc);
    v = xmlSchemaNewValidCtxt(schema);
    if (!v) {
        xmlFreeDoc(doc);
        pm_throw(c, PMML_ERR_NOMEM, 0, NULL, "out of memory");
    }
    st.c = c;
    st.first = first;
    xmlSchemaSetValidStructuredErrors(v, on_problem, &st);
    if (xmlSchemaValidateDoc(v, doc) != 0 && st.count == 0 && st.relaxed == 0) {
        pm_error_set(first, PMML_ERR_SCHEMA, 0, NULL, c->source,
                     "the document does not match the PMML schema");
        pm_diagnose(c, first);
        st.count = 1;
    }
    xmlSchemaFreeValidCtxt(v);
    xmlFreeDoc(doc);
    if (st.count > 1) {
        char more[64];
        size_t n = strlen(first->message);
        snprintf(more, sizeof more, " (and %d more schema problem%s)", st.count - 1,
                 st.count > 2 ? "s" : "");
        if (n + strlen(more) < sizeof first->message)
            memcpy(first->message + n, more, strlen(more) + 1);
    }
    return st.count;
}
