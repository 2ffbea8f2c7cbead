/* xml.h - a compact element tree read from PMML bytes with libxml2's SAX2
 * parser under safe options.
 *
 * Only what the model layer needs is kept: element local names, attributes,
 * text, line numbers and whether an element is outside the PMML namespace.
 * The content of Extension elements is dropped (their attributes are kept).
 * A DOCTYPE is refused, so no entity, DTD or external resource is ever read.
 */
#ifndef PMML_XML_XML_H
#define PMML_XML_XML_H

#include <stddef.h>
#include <stdint.h>

#include "util/ctx.h"

typedef struct px_attr {
    const char *name;  /* local name */
    const char *value;
} px_attr;

typedef struct px_node {
    const char *name;          /* local name */
    struct px_node *parent;
    struct px_node *first;     /* first child element */
    struct px_node *last;      /* last child element */
    struct px_node *next;      /* next sibling element */
    px_attr *attrs;
    const char *text;          /* character content, NULL when blank */
    size_t textlen;
    uint32_t nattrs;
    uint32_t nchildren;
    uint32_t line;
    uint8_t foreign;           /* element is not in the PMML namespace */
} px_node;

typedef struct px_doc {
    px_node *root;
    const char *ns;            /* namespace URI of the root, or "" */
    int ns_major, ns_minor;    /* PMML version from the namespace, or 0 */
} px_doc;

/* Parses into `c->tmp`.  Unwinds through pm_throw on any problem. */
void px_parse_memory(pm_ctx *c, const void *data, size_t size, px_doc *out);
void px_parse_file(pm_ctx *c, const char *path, px_doc *out);

/* Attribute value or NULL. */
const char *px_attr_get(const px_node *n, const char *name);

/* Recognises "http://www.dmg.org/PMML-M_N"; returns 1 and sets the version. */
int px_pmml_namespace(const char *uri, int *major, int *minor);

#endif
