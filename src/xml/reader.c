/* reader.c - PMML bytes to the compact element tree (libxml2 SAX2, push mode).
 *
 * Safety: XML_PARSE_NONET; never NOENT, DTDLOAD, DTDVALID, XINCLUDE or HUGE;
 * a DOCTYPE stops the parse, so no entity or DTD is processed and nothing
 * outside the given bytes is read.  Element nesting is bounded by libxml2
 * (256 levels without HUGE), so nothing downstream recurses without a bound.
 * Errors go to this parse's own handler, never libxml2's global ones.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>

#include "util/strtab.h"
#include "xml/xml.h"

#define CHUNK ((size_t)256 * 1024)
/* Element nesting allowed.  libxml2's push parser has no depth limit of its
 * own, and the model layer walks trees recursively, so this bound is what
 * keeps a hostile 200,000-deep Node chain from overflowing the stack. */
#define MAX_DEPTH 512
/* What max_depth may raise it to: every recursive walk downstream stays well
 * inside a thread's stack at this depth. */
#define MAX_DEPTH_CEILING 4096
#define DEFAULT_MAX_ELEMENTS ((size_t)10000000)
#define DEFAULT_MAX_STRING ((size_t)64 << 20)
#define DEFAULT_MAX_DOC ((size_t)1 << 30)
/* Attributes allowed on one element.  libxml2 2.9 looks for a duplicate
 * attribute by comparing each with all before it, so an element with 100,000
 * attributes costs seconds; no PMML element has more than a few dozen. */
#define MAX_ATTRS 256

/* Counts the attributes of each tag in the raw bytes, before libxml2 sees
 * them, so that the quadratic duplicate check above never runs on a huge
 * tag.  Comments, CDATA sections, processing instructions and declarations
 * are skipped; inside a tag, '=' outside quotes starts an attribute value. */
enum { SC_TEXT, SC_LT, SC_BANG, SC_TAG, SC_QUOTE, SC_COMMENT, SC_CDATA, SC_PI, SC_DECL };

typedef struct attr_scan {
    int state;
    char quote;       /* the quote that opened the value in SC_QUOTE */
    char prev1, prev2; /* the two bytes before, to find -->, ]]> and ?> */
    unsigned nattrs;
    unsigned line;
} attr_scan;

/* Returns 0, or the line of a tag with more than MAX_ATTRS attributes. */
static unsigned scan_attrs(attr_scan *a, const char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char ch = p[i];
        if (ch == '\n')
            a->line++;
        switch (a->state) {
        case SC_TEXT:
            if (ch == '<')
                a->state = SC_LT;
            break;
        case SC_LT:
            if (ch == '!') {
                a->state = SC_BANG;
                break;
            }
            if (ch == '?') {
                a->state = SC_PI;
                a->prev1 = 0;
                break;
            }
            a->state = SC_TAG;
            a->nattrs = 0;
            break;
        case SC_BANG:
            a->state = ch == '-' ? SC_COMMENT : ch == '[' ? SC_CDATA : SC_DECL;
            a->prev1 = a->prev2 = 0;
            break;
        case SC_TAG:
            if (ch == '>')
                a->state = SC_TEXT;
            else if (ch == '"' || ch == '\'') {
                a->state = SC_QUOTE;
                a->quote = ch;
            } else if (ch == '=' && ++a->nattrs > MAX_ATTRS)
                return a->line;
            break;
        case SC_QUOTE:
            if (ch == a->quote)
                a->state = SC_TAG;
            break;
        case SC_COMMENT:
            if (ch == '>' && a->prev1 == '-' && a->prev2 == '-')
                a->state = SC_TEXT;
            break;
        case SC_CDATA:
            if (ch == '>' && a->prev1 == ']' && a->prev2 == ']')
                a->state = SC_TEXT;
            break;
        case SC_PI:
            if (ch == '>' && a->prev1 == '?')
                a->state = SC_TEXT;
            break;
        case SC_DECL:
            /* a DOCTYPE is refused by the parser; an element declaration
             * inside it needs no count */
            if (ch == '>')
                a->state = SC_TEXT;
            break;
        }
        a->prev2 = a->prev1;
        a->prev1 = ch;
    }
    return 0;
}

typedef struct sax_state {
    pm_ctx *c;
    xmlParserCtxtPtr ctxt;
    px_node *root;
    px_node *cur;
    unsigned skip;          /* > 0 inside Extension content */
    unsigned depth;         /* open elements */
    unsigned max_depth;
    size_t nelements, max_elements;
    size_t max_string;
    const char *ns;         /* PMML namespace of the document */
    char *text;             /* pending character data of cur */
    size_t tlen, tcap;
    pm_strtab names;        /* element and attribute names */
    int failed;
    int code;
    unsigned line;
    unsigned column;
    char msg[400];
    char conv[300];            /* a character conversion that failed (see
                                  on_conv_error), or "" */
} sax_state;

static void fail(sax_state *st, int code, unsigned line, const char *fmt, ...) PM_PRINTF(4, 5);

static void fail(sax_state *st, int code, unsigned line, const char *fmt, ...)
{
    va_list ap;
    if (st->failed)
        return;
    st->failed = 1;
    st->code = code;
    st->line = line;
    va_start(ap, fmt);
    vsnprintf(st->msg, sizeof st->msg, fmt, ap);
    va_end(ap);
    xmlStopParser(st->ctxt);
}

/* Interning names in a private table must not unwind from inside libxml2,
 * so allocation failures are recorded and the parse is stopped. */
static const char *intern_name(sax_state *st, const char *s)
{
    int32_t id = pm_strtab_find(&st->names, s, strlen(s));
    pm_ctx guard = *st->c;
    if (id >= 0)
        return st->names.str[id];
    if (setjmp(guard.jb) != 0) {
        fail(st, PMML_ERR_NOMEM, 0, "out of memory");
        return NULL;
    }
    guard.err = st->c->err;
    id = pm_strtab_intern(&guard, st->c->tmp, &st->names, s, strlen(s));
    return st->names.str[id];
}

static void *tmp_alloc(sax_state *st, size_t n)
{
    void *p = pm_arena_alloc(st->c->tmp, n);
    if (!p)
        fail(st, PMML_ERR_NOMEM, 0, "out of memory");
    return p;
}

static unsigned cur_line(sax_state *st)
{
    return (unsigned)xmlSAX2GetLineNumber(st->ctxt);
}

static int all_blank(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return 0;
    return 1;
}

static void flush_text(sax_state *st)
{
    px_node *n = st->cur;
    char *p;
    if (!st->tlen)
        return;
    if (n && !all_blank(st->text, st->tlen)) {
        size_t old = n->text ? n->textlen : 0;
        p = tmp_alloc(st, old + st->tlen + 1);
        if (p) {
            if (old)
                memcpy(p, n->text, old);
            memcpy(p + old, st->text, st->tlen);
            p[old + st->tlen] = '\0';
            n->text = p;
            n->textlen = old + st->tlen;
        }
    }
    st->tlen = 0;
}

static void on_characters(void *ud, const xmlChar *ch, int len)
{
    sax_state *st = ud;
    size_t n = (size_t)len;
    if (st->failed || st->skip || !st->cur || len <= 0)
        return;
    if (st->tlen + n > st->max_string) {
        fail(st, PMML_ERR_LIMIT, cur_line(st),
             "the text of <%s> is longer than %zu bytes (max_string_bytes)", st->cur->name,
             st->max_string);
        return;
    }
    if (st->tlen + n + 1 > st->tcap) {
        size_t cap = st->tcap ? st->tcap : 256;
        char *t;
        while (cap < st->tlen + n + 1)
            cap *= 2;
        t = pm_realloc(st->c->al, st->text, cap);
        if (!t) {
            fail(st, PMML_ERR_NOMEM, 0, "out of memory");
            return;
        }
        st->text = t;
        st->tcap = cap;
    }
    memcpy(st->text + st->tlen, ch, n);
    st->tlen += n;
}

static int known_pmml_ns(const char *uri)
{
    int a, b;
    return px_pmml_namespace(uri, &a, &b);
}

static void on_start(void *ud, const xmlChar *localname, const xmlChar *prefix,
                     const xmlChar *URI, int nb_namespaces, const xmlChar **namespaces,
                     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
    sax_state *st = ud;
    const char *uri = URI ? (const char *)URI : "";
    px_node *n;
    int i;
    (void)prefix;
    (void)nb_namespaces;
    (void)namespaces;
    (void)nb_defaulted;

    if (st->failed)
        return;
    if (++st->depth > st->max_depth) {
        fail(st, PMML_ERR_LIMIT, cur_line(st),
             "elements are nested more than %u levels deep (max_depth)", st->max_depth);
        return;
    }
    if (++st->nelements > st->max_elements) {
        fail(st, PMML_ERR_LIMIT, cur_line(st),
             "the document has more than %zu elements (max_elements)", st->max_elements);
        return;
    }
    if (st->skip) {
        st->skip++;
        return;
    }
    flush_text(st);
    if (!st->root) {
        if (strcmp((const char *)localname, "PMML") != 0) {
            fail(st, PMML_ERR_PMML, cur_line(st),
                 "not a PMML document: the root element is <%s>, not <PMML>",
                 (const char *)localname);
            return;
        }
        if (*uri && !known_pmml_ns(uri)) {
            fail(st, PMML_ERR_PMML, cur_line(st),
                 "not a PMML document: unknown namespace '%s'", uri);
            return;
        }
        st->ns = intern_name(st, uri);
        if (!st->ns)
            return;
    }
    n = tmp_alloc(st, sizeof *n);
    if (!n)
        return;
    n->name = intern_name(st, (const char *)localname);
    if (!n->name)
        return;
    n->line = cur_line(st);
    n->foreign = strcmp(uri, st->ns) != 0;
    n->parent = st->cur;
    if (nb_attributes > 0) {
        n->attrs = tmp_alloc(st, (size_t)nb_attributes * sizeof *n->attrs);
        if (!n->attrs)
            return;
        for (i = 0; i < nb_attributes; i++) {
            const xmlChar **a = attributes + 5 * i;
            size_t vlen = (size_t)(a[4] - a[3]);
            char *v;
            /* attributes of other namespaces (xsi:, data:) are not PMML's */
            if (a[2] != NULL)
                continue;
            if (vlen > st->max_string) {
                fail(st, PMML_ERR_LIMIT, cur_line(st),
                     "<%s>: attribute '%s' is longer than %zu bytes (max_string_bytes)",
                     n->name, (const char *)a[0], st->max_string);
                return;
            }
            v = tmp_alloc(st, vlen + 1);
            if (!v)
                return;
            memcpy(v, a[3], vlen);
            v[vlen] = '\0';
            n->attrs[n->nattrs].name = intern_name(st, (const char *)a[0]);
            if (!n->attrs[n->nattrs].name)
                return;
            n->attrs[n->nattrs].value = v;
            n->nattrs++;
        }
    }
    if (st->cur) {
        px_node *p = st->cur;
        if (p->last)
            p->last->next = n;
        else
            p->first = n;
        p->last = n;
        p->nchildren++;
    } else {
        st->root = n;
    }
    st->cur = n;
    if (!n->foreign && strcmp(n->name, "Extension") == 0)
        st->skip = 1;
}

static void on_end(void *ud, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI)
{
    sax_state *st = ud;
    (void)localname;
    (void)prefix;
    (void)URI;
    if (st->failed)
        return;
    st->depth--;
    if (st->skip > 1) {
        st->skip--;
        return;
    }
    st->skip = 0;
    flush_text(st);
    if (st->cur)
        st->cur = st->cur->parent;
}

static void on_internal_subset(void *ud, const xmlChar *name, const xmlChar *ExternalID,
                               const xmlChar *SystemID)
{
    sax_state *st = ud;
    (void)name;
    (void)ExternalID;
    (void)SystemID;
    fail(st, PMML_ERR_XML, cur_line(st),
         "a DOCTYPE declaration is not allowed in a PMML document");
}

static xmlParserInputPtr on_resolve_entity(void *ud, const xmlChar *publicId, const xmlChar *systemId)
{
    sax_state *st = ud;
    (void)publicId;
    fail(st, PMML_ERR_XML, cur_line(st), "external entity '%s' refused",
         systemId ? (const char *)systemId : "");
    return NULL;
}

static xmlEntityPtr on_get_entity(void *ud, const xmlChar *name)
{
    sax_state *st = ud;
    fail(st, PMML_ERR_XML, cur_line(st), "entity reference '&%s;' is not allowed",
         (const char *)name);
    return NULL;
}

static void on_error(void *ud, xmlErrorPtr e)
{
    sax_state *st = ud;
    char msg[300];
    size_t n;
    if (!e || e->level < XML_ERR_ERROR || st->failed)
        return;
    if (e->code == XML_ERR_DOCUMENT_END && st->cur && !st->skip) {
        /* the push parser's words for a document cut short */
        fail(st, PMML_ERR_XML, (unsigned)(e->line > 0 ? e->line : 0),
             "malformed XML: the document ends before <%s> (line %u) is closed", st->cur->name,
             st->cur->line);
        return;
    }
    if (st->conv[0]) {
        /* what the parser trips over next is the end of what it could
         * convert: there, the bytes it could not */
        fail(st, PMML_ERR_XML, (unsigned)(e->line > 0 ? e->line : 0), "malformed XML: %s",
             st->conv);
        return;
    }
    snprintf(msg, sizeof msg, "%s", e->message ? e->message : "XML error");
    n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    fail(st, PMML_ERR_XML, (unsigned)(e->line > 0 ? e->line : 0), "malformed XML: %s", msg);
    st->column = e->int2 > 0 ? (unsigned)e->int2 : 0;
}

/* Errors libxml2 raises outside the parser context: a character conversion
 * that failed (a document in another encoding with bytes that are not of
 * it).  Only noted here: stopping the parser from inside the conversion is
 * not safe; the parser's own error, which follows, reports it. */
static void on_conv_error(void *ud, xmlErrorPtr e)
{
    sax_state *st = ud;
    size_t n;
    if (!e || e->level < XML_ERR_ERROR || st->failed || st->conv[0])
        return;
    snprintf(st->conv, sizeof st->conv, "%s", e->message ? e->message : "encoding error");
    n = strlen(st->conv);
    while (n && (st->conv[n - 1] == '\n' || st->conv[n - 1] == ' '))
        st->conv[--n] = '\0';
}

static void init_handler(xmlSAXHandler *h)
{
    memset(h, 0, sizeof *h);
    h->initialized = XML_SAX2_MAGIC;
    h->startElementNs = on_start;
    h->endElementNs = on_end;
    h->characters = on_characters;
    h->cdataBlock = on_characters;
    h->internalSubset = on_internal_subset;
    h->externalSubset = on_internal_subset;
    h->resolveEntity = on_resolve_entity;
    h->getEntity = on_get_entity;
    h->getParameterEntity = on_get_entity;
    h->serror = on_error;
}

typedef struct feeder {
    const unsigned char *mem;
    size_t size, off;
    FILE *fp;
} feeder;

static void parse_stream(pm_ctx *c, feeder *src, px_doc *out)
{
    sax_state st;
    xmlSAXHandler h;
    unsigned char *buf = NULL;
    size_t maxdoc = (c->opts && c->opts->max_document_bytes) ? c->opts->max_document_bytes
                                                              : DEFAULT_MAX_DOC;
    size_t total = 0;
    int done = 0, io_error = 0;
    attr_scan scan = { SC_TEXT, 0, 0, 0, 0, 1 };
    unsigned bad_line;
    xmlStructuredErrorFunc prev_fn;
    void *prev_ctx;

    memset(&st, 0, sizeof st);
    st.c = c;
    st.max_depth = MAX_DEPTH;
    st.max_elements = DEFAULT_MAX_ELEMENTS;
    st.max_string = DEFAULT_MAX_STRING;
    if (c->opts && c->opts->version >= 2) {
        if (c->opts->max_depth)
            st.max_depth = c->opts->max_depth > MAX_DEPTH_CEILING ? MAX_DEPTH_CEILING
                                                                  : (unsigned)c->opts->max_depth;
        if (c->opts->max_elements)
            st.max_elements = c->opts->max_elements;
        if (c->opts->max_string_bytes)
            st.max_string = c->opts->max_string_bytes;
    }
    memset(out, 0, sizeof *out);
    init_handler(&h);
    st.ctxt = xmlCreatePushParserCtxt(&h, &st, NULL, 0, c->source);
    if (!st.ctxt)
        pm_throw(c, PMML_ERR_NOMEM, 0, NULL, "cannot create the XML parser");
    xmlCtxtUseOptions(st.ctxt, XML_PARSE_NONET | XML_PARSE_NOCDATA);
    if (src->fp) {
        buf = pm_malloc(c->al, CHUNK);
        if (!buf) {
            xmlFreeParserCtxt(st.ctxt);
            pm_throw(c, PMML_ERR_NOMEM, 0, NULL, "out of memory");
        }
    }
    /* libxml2 reports some errors (a character conversion that fails, for
     * a document in another encoding) without the parser context, through
     * this thread's handler, which prints them on stderr unless set: ours
     * while the parse runs, then the caller's again */
    prev_fn = xmlStructuredError;
    prev_ctx = xmlStructuredErrorContext;
    xmlSetStructuredErrorFunc(&st, on_conv_error);
    while (!done && !st.failed) {
        const char *chunk;
        size_t n;
        if (src->fp) {
            n = fread(buf, 1, CHUNK, src->fp);
            if (n < CHUNK) {
                if (ferror(src->fp)) {
                    io_error = errno ? errno : EIO;
                    break;
                }
                done = 1;
            }
            chunk = (const char *)buf;
        } else {
            n = src->size - src->off;
            if (n > CHUNK)
                n = CHUNK;
            chunk = (const char *)src->mem + src->off;
            src->off += n;
            done = src->off >= src->size;
        }
        total += n;
        if (total > maxdoc) {
            fail(&st, PMML_ERR_LIMIT, 0,
                 "the document is larger than the limit of %zu bytes (max_document_bytes)",
                 maxdoc);
            break;
        }
        bad_line = scan_attrs(&scan, chunk, n);
        if (bad_line) {
            fail(&st, PMML_ERR_LIMIT, bad_line, "an element has more than %d attributes",
                 MAX_ATTRS);
            break;
        }
        if (xmlParseChunk(st.ctxt, chunk, (int)n, done) != 0 && !st.failed)
            fail(&st, PMML_ERR_XML, 0, "malformed XML");
    }
    xmlSetStructuredErrorFunc(prev_ctx, prev_fn);
    if (!st.failed && st.conv[0])
        fail(&st, PMML_ERR_XML, 0, "malformed XML: %s", st.conv);
    if (!st.failed && !io_error && total == 0)
        fail(&st, PMML_ERR_XML, 0, "the document is empty");
    if (st.failed && !st.root && st.code == PMML_ERR_XML && total > 0 &&
        strstr(st.msg, "Extra content"))
        snprintf(st.msg, sizeof st.msg, "the document holds no element");
    if (!st.failed && !io_error && !st.root)
        fail(&st, PMML_ERR_XML, 0, "the document has no root element");
    xmlFreeParserCtxt(st.ctxt);
    pm_free(c->al, buf);
    pm_free(c->al, st.text);
    if (io_error)
        pm_throw(c, PMML_ERR_IO, 0, NULL, "cannot read %s: %s", c->source, strerror(io_error));
    if (st.failed) {
        c->err_column = st.column;
        pm_throw(c, st.code, st.line, NULL, "%s", st.msg);
    }
    out->root = st.root;
    out->ns = st.ns ? st.ns : "";
    px_pmml_namespace(out->ns, &out->ns_major, &out->ns_minor);
}

void px_parse_memory(pm_ctx *c, const void *data, size_t size, px_doc *out)
{
    feeder f;
    memset(&f, 0, sizeof f);
    f.mem = data;
    f.size = size;
    parse_stream(c, &f, out);
}

void px_parse_file(pm_ctx *c, const char *path, px_doc *out)
{
    feeder f;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        pm_throw(c, PMML_ERR_IO, 0, NULL, "cannot open %s: %s", path, strerror(errno));
    memset(&f, 0, sizeof f);
    f.fp = fp;
    /* parse_stream unwinds on error; close the file on both paths */
    {
        jmp_buf saved;
        memcpy(saved, c->jb, sizeof saved);
        if (setjmp(c->jb) != 0) {
            memcpy(c->jb, saved, sizeof saved);
            fclose(fp);
            longjmp(c->jb, 1);
        }
        parse_stream(c, &f, out);
        memcpy(c->jb, saved, sizeof saved);
    }
    fclose(fp);
}

const char *px_attr_get(const px_node *n, const char *name)
{
    uint32_t i;
    for (i = 0; i < n->nattrs; i++)
        if (strcmp(n->attrs[i].name, name) == 0)
            return n->attrs[i].value;
    return NULL;
}

int px_pmml_namespace(const char *uri, int *major, int *minor)
{
    /* the DMG pages themselves also spell it with https */
    static const char http[] = "http://www.dmg.org/PMML-", https[] = "https://www.dmg.org/PMML-";
    const char *p;
    *major = *minor = 0;
    if (!uri)
        return 0;
    if (strncmp(uri, http, sizeof http - 1) == 0)
        p = uri + sizeof http - 1;
    else if (strncmp(uri, https, sizeof https - 1) == 0)
        p = uri + sizeof https - 1;
    else
        return 0;
    if (p[0] < '1' || p[0] > '9' || p[1] != '_' || p[2] < '0' || p[2] > '9' || p[3] != '\0')
        return 0;
    *major = p[0] - '0';
    *minor = p[2] - '0';
    return 1;
}
