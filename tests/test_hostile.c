/* test_hostile.c - model files and calls written to break the library:
 * outside resources, resource limits, semantic traps, runaway regexes and
 * misuse of the C ABI.  Each must end in a result or a clear error. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests.h"

#define NS "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">"
#define DD2                                                                             \
    "<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>" \
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>\n"
#define SCHEMA2 \
    "<MiningSchema><MiningField name=\"x\"/><MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
#define REG(table) "<RegressionModel functionName=\"regression\">" SCHEMA2 table "</RegressionModel>"

static const char secret_text[] = "TOPSECRET-4711";

/* A file whose contents must never show up anywhere. */
static void make_secret(char *path)
{
    int fd;
    strcpy(path, "/tmp/pmml-hostile-XXXXXX");
    fd = mkstemp(path);
    ck_assert(fd >= 0);
    ck_assert(write(fd, secret_text, sizeof secret_text - 1) == (ssize_t)(sizeof secret_text - 1));
    close(fd);
}

static void assert_no_secret(const pmml_error *err)
{
    ck_assert_ptr_null(strstr(err->message, secret_text));
    ck_assert_ptr_null(strstr(err->element, secret_text));
}

static int load_opts(pmml_model **m, const char *doc, size_t len, const pmml_load_options *o,
                     pmml_error *err)
{
    *m = NULL;
    memset(err, 0, sizeof *err);
    return pmml_model_load_memory(m, doc, len, "test.pmml", o, err);
}

/* Every header string of a model must be free of the secret. */
static void assert_model_has_no_secret(const pmml_model *m)
{
    int f;
    for (f = PMML_HEADER_APPLICATION_NAME; f <= PMML_HEADER_TIMESTAMP; f++) {
        const char *h = pmml_model_header(m, f);
        ck_assert(!h || !strstr(h, secret_text));
    }
}

START_TEST(outside_resources_are_never_read)
{
    char path[64], doc[2048];
    const char *forms[] = {
        /* external general entity */
        "<?xml version=\"1.0\"?>\n<!DOCTYPE PMML [<!ENTITY s SYSTEM \"file://%s\">]>\n" NS
        "<Header description=\"&s;\"/></PMML>",
        /* external parameter entity */
        "<?xml version=\"1.0\"?>\n<!DOCTYPE PMML [<!ENTITY %% p SYSTEM \"file://%s\"> %%p;]>\n" NS
        "<Header/></PMML>",
        /* external DTD */
        "<?xml version=\"1.0\"?>\n<!DOCTYPE PMML SYSTEM \"file://%s\">\n" NS "<Header/></PMML>",
        /* a network DTD */
        "<?xml version=\"1.0\"?>\n<!DOCTYPE PMML SYSTEM \"http://127.0.0.1:9/%s\">\n" NS
        "<Header/></PMML>",
    };
    size_t i;
    make_secret(path);
    for (i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        pmml_model *m;
        pmml_error err;
        snprintf(doc, sizeof doc, forms[i], path);
        ck_assert_int_eq(load_opts(&m, doc, strlen(doc), NULL, &err), PMML_ERR_XML);
        ck_assert_ptr_null(m);
        ck_assert_int_eq(err.line, 2);
        ck_assert_ptr_nonnull(strstr(err.message, "DOCTYPE"));
        assert_no_secret(&err);
    }
    unlink(path);
}
END_TEST

START_TEST(entity_expansion_is_refused)
{
    const char *doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE PMML [<!ENTITY a \"aaaaaaaaaa\">"
                      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                      "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                      "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>\n" NS
                      "<Header description=\"&d;&d;&d;&d;&d;&d;&d;&d;\"/></PMML>";
    pmml_model *m;
    pmml_error err;
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), NULL, &err), PMML_ERR_XML);
    ck_assert_ptr_nonnull(strstr(err.message, "DOCTYPE"));
}
END_TEST

START_TEST(xinclude_is_not_processed)
{
    char path[64], doc[2048];
    pmml_load_options o = PMML_LOAD_OPTIONS_INIT;
    pmml_model *m;
    pmml_error err;
    make_secret(path);
    snprintf(doc, sizeof doc,
             "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\" "
             "xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
             "<Header description=\"d\"><xi:include href=\"file://%s\" parse=\"text\"/></Header>\n"
             DD2 REG("<RegressionTable intercept=\"1\"/>") "</PMML>",
             path);
    /* without the XSD check the foreign element is ignored, never expanded */
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), NULL, &err), PMML_OK);
    assert_model_has_no_secret(m);
    ck_assert_str_eq(pmml_model_header(m, PMML_HEADER_DESCRIPTION), "d");
    pmml_model_free(m);
    /* with it, the element is a schema violation; still nothing is read */
    o.flags = PMML_LOAD_VALIDATE;
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), &o, &err), PMML_ERR_SCHEMA);
    assert_no_secret(&err);
    unlink(path);
}
END_TEST

START_TEST(schema_location_is_never_fetched)
{
    char path[64], doc[2048];
    pmml_load_options o = PMML_LOAD_OPTIONS_INIT;
    pmml_model *m;
    pmml_error err;
    make_secret(path);
    /* if the named schema were read, the load could not succeed: the file
     * is no XSD at all */
    snprintf(doc, sizeof doc,
             "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\" "
             "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
             "xsi:schemaLocation=\"http://www.dmg.org/PMML-4_4 file://%s\">\n"
             "<Header/>\n" DD2 REG("<RegressionTable intercept=\"1\"/>") "</PMML>",
             path);
    o.flags = PMML_LOAD_VALIDATE;
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), &o, &err), PMML_OK);
    pmml_model_free(m);
    unlink(path);
}
END_TEST

/* <Node><True/> ... nested `depth` deep under a TreeModel. */
static char *deep_tree(size_t depth)
{
    static const char head[] = "<?xml version=\"1.0\"?>\n" NS "<Header/>" DD2
                               "<TreeModel functionName=\"regression\">" SCHEMA2;
    static const char open_[] = "<Node score=\"1\"><True/>", close_[] = "</Node>";
    size_t cap = sizeof head + depth * (sizeof open_ + sizeof close_) + 64, n, i;
    char *doc = malloc(cap);
    ck_assert_ptr_nonnull(doc);
    n = (size_t)snprintf(doc, cap, "%s", head);
    for (i = 0; i < depth; i++) {
        memcpy(doc + n, open_, sizeof open_ - 1);
        n += sizeof open_ - 1;
    }
    for (i = 0; i < depth; i++) {
        memcpy(doc + n, close_, sizeof close_ - 1);
        n += sizeof close_ - 1;
    }
    n += (size_t)snprintf(doc + n, cap - n, "</TreeModel></PMML>");
    return doc;
}

START_TEST(element_depth_limit_and_option)
{
    pmml_load_options o = PMML_LOAD_OPTIONS_INIT;
    pmml_model *m;
    pmml_error err;
    char *doc = deep_tree(1000), *r;
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), NULL, &err), PMML_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "512 levels"));
    ck_assert_ptr_nonnull(strstr(err.message, "max_depth"));
    o.max_depth = 2000;
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), &o, &err), PMML_OK);
    r = t_score(m, "x=1");
    ck_assert_str_eq(r, "y=1");
    free(r);
    pmml_model_free(m);
    free(doc);
    /* the XML Schema check reads the document as a tree, which libxml2
     * allows 256 levels deep */
    doc = deep_tree(300);
    o.flags = PMML_LOAD_VALIDATE;
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), &o, &err), PMML_ERR_XML);
    ck_assert_str_eq(err.message, "the document cannot be read for validation: elements are "
                                  "nested more than 256 levels deep");
    o.flags = 0;
    free(doc);
    /* a 200,000-deep chain is refused even when the caller asks for more */
    doc = deep_tree(200000);
    o.max_depth = 1000000;
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), &o, &err), PMML_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "4096 levels"));
    /* an old options struct (version 1) keeps the default */
    o.version = 1;
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), &o, &err), PMML_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "512 levels"));
    free(doc);
}
END_TEST

START_TEST(element_count_limit_and_option)
{
    pmml_load_options o = PMML_LOAD_OPTIONS_INIT;
    pmml_model *m;
    pmml_error err;
    char *doc = t_pmml(DD2 REG("<RegressionTable intercept=\"1\"/>"));
    o.max_elements = 6;
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), &o, &err), PMML_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "more than 6 elements (max_elements)"));
    o.max_elements = 11;
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), &o, &err), PMML_OK);
    pmml_model_free(m);
    free(doc);
}
END_TEST

START_TEST(many_flat_nodes_load)
{
    size_t nodes = 100000, cap = nodes * 100 + 1000, n = 0, i;
    char *body = malloc(cap), *doc, *r;
    pmml_model *m;
    ck_assert_ptr_nonnull(body);
    n += (size_t)snprintf(body, cap, DD2 "<TreeModel functionName=\"regression\">" SCHEMA2
                                         "<Node score=\"-1\"><True/>");
    for (i = 0; i < nodes; i++)
        n += (size_t)snprintf(body + n, cap - n,
                              "<Node score=\"%zu\"><SimplePredicate field=\"x\" "
                              "operator=\"lessThan\" value=\"%zu\"/></Node>",
                              i, i);
    snprintf(body + n, cap - n, "</Node></TreeModel>");
    doc = t_pmml(body);
    m = t_load(doc, PMML_OK, NULL);
    ck_assert_uint_eq(pmml_model_count(m, PMML_COUNT_TREE_NODES), nodes + 1);
    r = t_score(m, "x=77.5");
    ck_assert_str_eq(r, "y=78");
    free(r);
    pmml_model_free(m);
    free(doc);
    free(body);
}
END_TEST

START_TEST(too_many_attributes)
{
    size_t nattr = 100000, cap = nattr * 16 + 1000, n = 0, i;
    char *doc = malloc(cap);
    pmml_model *m;
    pmml_error err;
    ck_assert_ptr_nonnull(doc);
    n += (size_t)snprintf(doc, cap, "<?xml version=\"1.0\"?>\n" NS "\n<Header");
    for (i = 0; i < nattr; i++)
        n += (size_t)snprintf(doc + n, cap - n, " a%zu=\"1\"", i);
    snprintf(doc + n, cap - n, "/></PMML>");
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), NULL, &err), PMML_ERR_LIMIT);
    ck_assert_int_eq(err.line, 3);
    ck_assert_ptr_nonnull(strstr(err.message, "more than 256 attributes"));
    /* '=' in comments, CDATA, processing instructions and attribute values
     * is not counted */
    n = (size_t)snprintf(doc, cap, "<?xml version=\"1.0\"?>\n<?pi ");
    for (i = 0; i < 300; i++)
        n += (size_t)snprintf(doc + n, cap - n, "a=");
    n += (size_t)snprintf(doc + n, cap - n, "?>\n" NS "<!-- ");
    for (i = 0; i < 300; i++)
        n += (size_t)snprintf(doc + n, cap - n, "b='");
    n += (size_t)snprintf(doc + n, cap - n, " --><Header description=\"");
    for (i = 0; i < 300; i++)
        n += (size_t)snprintf(doc + n, cap - n, "c=>");
    snprintf(doc + n, cap - n, "\"/>" DD2 REG("<RegressionTable intercept=\"1\"/>") "</PMML>");
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), NULL, &err), PMML_OK);
    pmml_model_free(m);
    free(doc);
}
END_TEST

START_TEST(string_length_limit)
{
    pmml_load_options o = PMML_LOAD_OPTIONS_INIT;
    char *doc = t_pmml("<Extension>skipped text is not kept</Extension>" DD2
                       REG("<RegressionTable intercept=\"1\"/>")), *p;
    pmml_model *m;
    pmml_error err;
    o.max_string_bytes = 20;
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), &o, &err), PMML_OK);
    pmml_model_free(m);
    free(doc);
    doc = t_pmml("<DataDictionary><DataField name=\"a-rather-long-field-name\" "
                 "optype=\"continuous\" dataType=\"double\"/></DataDictionary>");
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), &o, &err), PMML_ERR_LIMIT);
    ck_assert_int_eq(err.line, 4);
    ck_assert_str_eq(err.message, "<DataField>: attribute 'name' is longer than 20 bytes "
                                  "(max_string_bytes)");
    free(doc);
    doc = t_pmml("<Header><Timestamp>2026-11-28T01:00:00 and more</Timestamp></Header>");
    p = strstr(doc, "<Header/>");
    memcpy(p, "<!---->", 7); /* the wrapper's own Header out of the way */
    ck_assert_int_eq(load_opts(&m, doc, strlen(doc), &o, &err), PMML_ERR_LIMIT);
    ck_assert_ptr_nonnull(strstr(err.message, "text of <Timestamp> is longer than 20"));
    free(doc);
}
END_TEST

typedef struct trap {
    const char *what;
    const char *body;   /* after the Header */
    int code;
    int line;           /* of the document t_pmml makes: the body starts on line 4 */
    const char *element;
    const char *needle;
} trap;

#define TD(x) "<TransformationDictionary>" x "</TransformationDictionary>\n"
#define DF(name, expr) \
    "<DerivedField name=\"" name "\" optype=\"continuous\" dataType=\"double\">" expr "</DerivedField>"
#define FN(name, expr)                                                                 \
    "<DefineFunction name=\"" name "\" optype=\"continuous\" dataType=\"double\">" \
    "<ParameterField name=\"p\"/>" expr "</DefineFunction>"
#define USE_A REG("<RegressionTable intercept=\"1\"><NumericPredictor name=\"a\" coefficient=\"1\"/></RegressionTable>")

static const trap traps[] = {
    { "unknown field", DD2 REG("\n<RegressionTable intercept=\"1\"><NumericPredictor name=\"ghost\" "
                               "coefficient=\"1\"/></RegressionTable>"),
      PMML_ERR_PMML, 6, "NumericPredictor", "'ghost' is not defined" },
    { "unknown field in a predicate",
      DD2 "<TreeModel functionName=\"regression\">" SCHEMA2 "<Node score=\"1\"><True/>\n"
          "<Node score=\"2\"><SimplePredicate field=\"nope\" operator=\"lessThan\" value=\"1\"/>"
          "</Node></Node></TreeModel>",
      PMML_ERR_PMML, 6, "SimplePredicate", "'nope' is not defined" },
    { "derived-field cycle", DD2 TD(DF("a", "<FieldRef field=\"b\"/>") "\n"
                                    DF("b", "<FieldRef field=\"a\"/>")) USE_A,
      PMML_ERR_PMML, 0, "DerivedField", "cycle" },
    { "recursive function", DD2 TD("\n" FN("f", "<Apply function=\"f\"><FieldRef field=\"p\"/></Apply>")
                                   DF("a", "<Apply function=\"f\"><FieldRef field=\"x\"/></Apply>")) USE_A,
      PMML_ERR_PMML, 6, "DefineFunction", "calls itself" },
    { "mutually recursive functions",
      DD2 TD("\n" FN("f", "<Apply function=\"g\"><FieldRef field=\"p\"/></Apply>")
             FN("g", "<Apply function=\"f\"><FieldRef field=\"p\"/></Apply>")
             DF("a", "<Apply function=\"f\"><FieldRef field=\"x\"/></Apply>")) USE_A,
      PMML_ERR_PMML, 0, "DefineFunction", "calls itself" },
    { "intercept=one", DD2 REG("\n<RegressionTable intercept=\"one\"/>"), PMML_ERR_PMML, 6,
      "RegressionTable", "'one' is not a number" },
    { "1e999999", DD2 REG("\n<RegressionTable intercept=\"1e999999\"/>"), PMML_ERR_PMML, 6,
      "RegressionTable", "out of the range of a double" },
    { "coefficient 1e999999",
      DD2 REG("<RegressionTable intercept=\"1\">\n<NumericPredictor name=\"x\" "
              "coefficient=\"-1e999999\"/></RegressionTable>"),
      PMML_ERR_PMML, 6, "NumericPredictor", "out of the range" },
    { "empty segmentation", DD2 "\n<MiningModel functionName=\"regression\">" SCHEMA2
                            "<Segmentation multipleModelMethod=\"sum\"/></MiningModel>",
      PMML_ERR_PMML, 6, "MiningModel", "holds no Segment" },
    { "zero-class classifier",
      "<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
      "<DataField name=\"y\" optype=\"categorical\" dataType=\"string\"/></DataDictionary>\n"
      "<RegressionModel functionName=\"classification\">" SCHEMA2 "</RegressionModel>",
      PMML_ERR_PMML, 5, "RegressionModel", "RegressionTable" },
    { "Array n larger than its contents",
      "<DataDictionary><DataField name=\"x\" optype=\"categorical\" dataType=\"string\"/>"
      "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
      "<TreeModel functionName=\"regression\">" SCHEMA2 "<Node score=\"1\"><True/>"
      "<Node score=\"2\"><SimpleSetPredicate field=\"x\" booleanOperator=\"isIn\">\n"
      "<Array n=\"1000000000\" type=\"string\">a b</Array></SimpleSetPredicate></Node></Node></TreeModel>",
      PMML_ERR_PMML, 5, "Array", "holds 2 item" },
    { "Array n negative",
      "<DataDictionary><DataField name=\"x\" optype=\"categorical\" dataType=\"string\"/>"
      "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
      "<TreeModel functionName=\"regression\">" SCHEMA2 "<Node score=\"1\"><True/>"
      "<Node score=\"2\"><SimpleSetPredicate field=\"x\" booleanOperator=\"isIn\">\n"
      "<Array n=\"-5\" type=\"string\">a b</Array></SimpleSetPredicate></Node></Node></TreeModel>",
      PMML_ERR_PMML, 5, "Array", "n=\"-5\"" },
    { "unterminated Array quote",
      "<DataDictionary><DataField name=\"x\" optype=\"categorical\" dataType=\"string\"/>"
      "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
      "<TreeModel functionName=\"regression\">" SCHEMA2 "<Node score=\"1\"><True/>"
      "<Node score=\"2\"><SimpleSetPredicate field=\"x\" booleanOperator=\"isIn\">\n"
      "<Array type=\"string\">\"a b</Array></SimpleSetPredicate></Node></Node></TreeModel>",
      PMML_ERR_PMML, 5, "Array", "not closed" },
};

START_TEST(semantic_traps_name_element_and_line)
{
    size_t i;
    for (i = 0; i < sizeof traps / sizeof traps[0]; i++) {
        char *doc = t_pmml(traps[i].body);
        pmml_model *m;
        pmml_error err;
        int rc = load_opts(&m, doc, strlen(doc), NULL, &err);
        ck_assert_msg(rc == traps[i].code, "%s: status %d (%s)", traps[i].what, rc, err.message);
        ck_assert_ptr_null(m);
        ck_assert_msg(traps[i].line ? err.line == traps[i].line : err.line > 0,
                      "%s: line %d", traps[i].what, err.line);
        ck_assert_msg(strcmp(err.element, traps[i].element) == 0, "%s: element '%s'",
                      traps[i].what, err.element);
        ck_assert_msg(strstr(err.message, traps[i].needle) != NULL, "%s: message '%s'",
                      traps[i].what, err.message);
        free(doc);
    }
}
END_TEST

/* A chain of `n` DerivedFields (a0 reads a1 ... reads x) or of functions. */
static char *chain_doc(size_t n, int functions)
{
    size_t cap = n * 200 + 2000, len = 0, i;
    char *body = malloc(cap), *doc;
    ck_assert_ptr_nonnull(body);
    len += (size_t)snprintf(body, cap, DD2 "<TransformationDictionary>");
    for (i = 0; i < n; i++)
        len += (size_t)snprintf(
            body + len, cap - len,
            functions ? FN("f%zu", "<Apply function=\"f%zu\"><FieldRef field=\"p\"/></Apply>")
                      : DF("a%zu", "<FieldRef field=\"a%zu\"/>"),
            i, i + 1);
    if (functions)
        snprintf(body + len, cap - len,
                 FN("f%zu", "<FieldRef field=\"p\"/>")
                     DF("a", "<Apply function=\"f0\"><FieldRef field=\"x\"/></Apply>")
                 "</TransformationDictionary>" USE_A,
                 n);
    else
        snprintf(body + len, cap - len,
                 DF("a%zu", "<FieldRef field=\"x\"/>") DF("a", "<FieldRef field=\"a0\"/>")
                 "</TransformationDictionary>" USE_A,
                 n);
    doc = t_pmml(body);
    free(body);
    return doc;
}

START_TEST(long_chains_are_bounded)
{
    int functions;
    for (functions = 0; functions < 2; functions++) {
        char *doc = chain_doc(100000, functions), *r;
        pmml_error err;
        t_load(doc, PMML_ERR_LIMIT, &err);
        ck_assert_ptr_nonnull(strstr(err.message, "chain of more than 1000"));
        ck_assert_str_eq(err.element, functions ? "DefineFunction" : "DerivedField");
        free(doc);
        doc = chain_doc(900, functions);
        r = t_score_doc(doc, "x=2");
        ck_assert_str_eq(r, "y=3");
        free(r);
        free(doc);
    }
}
END_TEST

START_TEST(runaway_regex_gives_an_invalid_value)
{
    /* (a|aa)+$ against a long run of 'a' ending in 'b' backtracks
     * exponentially; the match limit turns it into an invalid value */
    static const char body[] =
        "<DataDictionary><DataField name=\"s\" optype=\"categorical\" dataType=\"string\"/>"
        "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
        "<TransformationDictionary>"
        "<DerivedField name=\"m\" optype=\"categorical\" dataType=\"boolean\">"
        "<Apply function=\"matches\"><FieldRef field=\"s\"/>"
        "<Constant dataType=\"string\">^(a|aa)+$</Constant></Apply></DerivedField>"
        "<DerivedField name=\"r\" optype=\"categorical\" dataType=\"string\">"
        "<Apply function=\"replace\"><FieldRef field=\"s\"/>"
        "<Constant dataType=\"string\">(x+x+)+[yz]</Constant><Constant dataType=\"string\">z</Constant>"
        "</Apply></DerivedField></TransformationDictionary>"
        "<RegressionModel functionName=\"regression\"><MiningSchema><MiningField name=\"s\"/>"
        "<MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
        "<Output><OutputField name=\"m\" feature=\"transformedValue\" dataType=\"boolean\">"
        "<FieldRef field=\"m\"/></OutputField>"
        "<OutputField name=\"r\" feature=\"transformedValue\" dataType=\"string\">"
        "<FieldRef field=\"r\"/></OutputField></Output>"
        "<RegressionTable intercept=\"1\"/></RegressionModel>";
    char *doc = t_pmml(body), *r, row[300];
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    /* a short string is matched as usual */
    r = t_score(m, "s=aaab");
    ck_assert_str_eq(r, "y=1;m=false;r=aaab");
    free(r);
    strcpy(row, "s=");
    memset(row + 2, 'a', 120);
    strcpy(row + 122, "b");
    r = t_score(m, row);
    /* the derived field is invalid, so the row fails as for an invalid input */
    ck_assert_str_eq(r, "!-10: the function 'matches' has no valid result");
    free(r);
    strcpy(row, "s=");
    memset(row + 2, 'x', 120);
    strcpy(row + 122, "");
    r = t_score(m, row);
    ck_assert_str_eq(r, "!-10: the function 'replace' has no valid result");
    free(r);
    pmml_model_free(m);
    free(doc);
}
END_TEST

/* ---- the C ABI misused ---- */

static const char cat_body[] =
    "<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
    "<DataField name=\"c\" optype=\"categorical\" dataType=\"string\">"
    "<Value value=\"a\"/><Value value=\"b\"/></DataField>"
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
    "<RegressionModel functionName=\"regression\"><MiningSchema><MiningField name=\"x\"/>"
    "<MiningField name=\"c\"/><MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
    "<RegressionTable intercept=\"1\"><NumericPredictor name=\"x\" coefficient=\"2\"/>"
    "<CategoricalPredictor name=\"c\" value=\"b\" coefficient=\"10\"/></RegressionTable>"
    "</RegressionModel>";

START_TEST(abi_null_and_bad_arguments)
{
    char *doc = t_pmml(cat_body);
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    pmml_scorer *s = (pmml_scorer *)1;
    pmml_column cols[2] = { PMML_COLUMN_INIT, PMML_COLUMN_INIT };
    pmml_error err;
    double xs[1] = { 1 };
    int32_t cs[1] = { 0 };
    double y[1];
    pmml_result res = PMML_RESULT_INIT;
    int st;
    cols[0].type = PMML_COL_DOUBLE;
    cols[0].name = "x";
    cols[1].type = PMML_COL_CODE;
    cols[1].name = "c";
    ck_assert_int_eq(pmml_scorer_new(NULL, m, cols, 2, &err), PMML_ERR_ARG);
    ck_assert_int_eq(pmml_scorer_new(&s, NULL, cols, 2, &err), PMML_ERR_ARG);
    ck_assert_ptr_null(s);
    ck_assert_int_eq(pmml_scorer_new(&s, m, NULL, 2, &err), PMML_ERR_ARG);
    ck_assert_ptr_null(s);
    /* a column without a name, of an unknown type or struct version */
    cols[0].name = NULL;
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 2, &err), PMML_ERR_ARG);
    cols[0].name = "x";
    cols[0].type = 42;
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 2, &err), PMML_ERR_ARG);
    cols[0].type = PMML_COL_DOUBLE;
    cols[0].version = 0;
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 2, &err), PMML_ERR_ARG);
    cols[0].version = PMML_COLUMN_VERSION;
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 2, &err), PMML_OK);
    /* NULL columns, NULL column data, a result of an unknown type */
    ck_assert_int_eq(pmml_scorer_score(s, NULL, 1, NULL, NULL), PMML_ERR_ARG);
    ck_assert_int_eq(pmml_scorer_score(s, cols, 1, NULL, &st), PMML_ERR_ARG);
    cols[0].data = xs;
    cols[1].data = cs;
    res.type = 42;
    res.data = y;
    ck_assert_int_eq(pmml_scorer_score(s, cols, 1, &res, &st), PMML_ERR_ARG);
    res.type = PMML_COL_DOUBLE;
    res.version = 0;
    ck_assert_int_eq(pmml_scorer_score(s, cols, 1, &res, &st), PMML_ERR_ARG);
    res.version = PMML_RESULT_VERSION;
    /* zero rows is a valid, empty batch */
    ck_assert_int_eq(pmml_scorer_score(s, cols, 0, &res, NULL), PMML_OK);
    ck_assert_int_eq(pmml_scorer_score(s, cols, 1, &res, &st), PMML_OK);
    ck_assert_int_eq(st, PMML_OK);
    ck_assert(y[0] == 3.0);
    ck_assert_ptr_null(pmml_scorer_message(s, 99));
    ck_assert_int_eq(pmml_scorer_column_field(s, 99), -1);
    ck_assert_ptr_null(pmml_model_input_name(m, 99));
    ck_assert_ptr_null(pmml_model_input_value(m, 1, 99));
    ck_assert_int_eq(pmml_model_input_index(m, NULL), -1);
    pmml_scorer_free(s);
    pmml_model_free(m);
    free(doc);
}
END_TEST

START_TEST(abi_nan_infinity_and_bad_codes)
{
    char *doc = t_pmml(cat_body);
    pmml_model *m = t_load(doc, PMML_OK, NULL);
    pmml_scorer *s;
    pmml_column cols[2] = { PMML_COLUMN_INIT, PMML_COLUMN_INIT };
    double xs[6] = { NAN, INFINITY, -INFINITY, 1, 1, 1 };
    int32_t cs[6] = { 0, 0, 0, 2, INT32_MAX, -1 };
    double y[6];
    uint8_t valid[6];
    int st[6];
    pmml_result res = PMML_RESULT_INIT;
    cols[0].type = PMML_COL_DOUBLE;
    cols[0].name = "x";
    cols[0].data = xs;
    cols[1].type = PMML_COL_CODE;
    cols[1].name = "c";
    cols[1].data = cs;
    res.type = PMML_COL_DOUBLE;
    res.data = y;
    res.valid = valid;
    ck_assert_int_eq(pmml_scorer_new(&s, m, cols, 2, NULL), PMML_OK);
    ck_assert_int_eq(pmml_scorer_score(s, cols, 6, &res, st), PMML_OK);
    /* NaN is a missing value: a RegressionModel gives a missing result */
    ck_assert_int_eq(st[0], PMML_OK);
    ck_assert(!valid[0] && isnan(y[0]));
    /* infinities are values like any other */
    ck_assert_int_eq(st[1], PMML_OK);
    ck_assert(valid[1] && y[1] == INFINITY);
    ck_assert_int_eq(st[2], PMML_OK);
    ck_assert(valid[2] && y[2] == -INFINITY);
    /* a code past the value list is an invalid value; the default
     * invalidValueTreatment (returnInvalid) fails the row */
    ck_assert_int_eq(st[3], PMML_ERR_INVALID_VALUE);
    ck_assert(!valid[3]);
    ck_assert_str_eq(pmml_scorer_message(s, 3), "field 'c': category code 2 is out of range");
    ck_assert_int_eq(st[4], PMML_ERR_INVALID_VALUE);
    /* a negative code is missing, like a NULL string: the CategoricalPredictor
     * then adds nothing */
    ck_assert_int_eq(st[5], PMML_OK);
    ck_assert(valid[5] && y[5] == 3.0);
    {
        const char *cstr[1] = { NULL };
        double x1[1] = { 1 };
        pmml_column scol[2] = { PMML_COLUMN_INIT, PMML_COLUMN_INIT };
        pmml_scorer *s2;
        scol[0] = cols[0];
        scol[0].data = x1;
        scol[1].type = PMML_COL_STRING;
        scol[1].name = "c";
        scol[1].data = cstr;
        ck_assert_int_eq(pmml_scorer_new(&s2, m, scol, 2, NULL), PMML_OK);
        ck_assert_int_eq(pmml_scorer_score(s2, scol, 1, &res, st), PMML_OK);
        ck_assert(st[0] == PMML_OK && valid[0] && y[0] == 3.0);
        pmml_scorer_free(s2);
    }
    pmml_scorer_free(s);
    pmml_model_free(m);
    free(doc);
}
END_TEST

Suite *suite_hostile(void)
{
    Suite *s = suite_create("hostile");
    TCase *tc = tcase_create("hostile");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, outside_resources_are_never_read);
    tcase_add_test(tc, entity_expansion_is_refused);
    tcase_add_test(tc, xinclude_is_not_processed);
    tcase_add_test(tc, schema_location_is_never_fetched);
    tcase_add_test(tc, element_depth_limit_and_option);
    tcase_add_test(tc, element_count_limit_and_option);
    tcase_add_test(tc, many_flat_nodes_load);
    tcase_add_test(tc, too_many_attributes);
    tcase_add_test(tc, string_length_limit);
    tcase_add_test(tc, semantic_traps_name_element_and_line);
    tcase_add_test(tc, long_chains_are_bounded);
    tcase_add_test(tc, runaway_regex_gives_an_invalid_value);
    tcase_add_test(tc, abi_null_and_bad_arguments);
    tcase_add_test(tc, abi_nan_infinity_and_bad_codes);
    suite_add_tcase(s, tc);
    return s;
}
