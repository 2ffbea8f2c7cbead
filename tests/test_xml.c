/* test_xml.c - reading PMML bytes: safe parsing, namespaces, errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests.h"

static const char small_model[] =
    "<DataDictionary><DataField name=\"x\" optype=\"continuous\" dataType=\"double\"/>"
    "<DataField name=\"y\" optype=\"continuous\" dataType=\"double\"/></DataDictionary>"
    "<RegressionModel functionName=\"regression\"><MiningSchema>"
    "<MiningField name=\"x\"/><MiningField name=\"y\" usageType=\"target\"/></MiningSchema>"
    "<RegressionTable intercept=\"1\"><NumericPredictor name=\"x\" coefficient=\"2\"/>"
    "</RegressionTable></RegressionModel>";

static void expect_error(const char *doc, int code, int line, const char *needle)
{
    pmml_error err;
    t_load(doc, code, &err);
    ck_assert_int_eq(err.code, code);
    if (line)
        ck_assert_int_eq(err.line, line);
    if (needle)
        ck_assert_msg(strstr(err.message, needle) != NULL, "message '%s' lacks '%s'",
                      err.message, needle);
    ck_assert_str_eq(err.source, "test.pmml");
}

START_TEST(loads_minimal_document)
{
    char *doc = t_pmml(small_model);
    char *r = t_score_doc(doc, "x=3");
    ck_assert_str_eq(r, "y=7");
    free(r);
    free(doc);
}
END_TEST

START_TEST(doctype_is_refused)
{
    const char *doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE PMML [<!ENTITY a \"aaaa\">]>\n"
                      "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"/>";
    expect_error(doc, PMML_ERR_XML, 2, "DOCTYPE");
}
END_TEST

START_TEST(external_entity_is_never_read)
{
    char path[] = "/tmp/pmml-secret-XXXXXX";
    int fd = mkstemp(path);
    char doc[1024];
    pmml_error err;
    ck_assert(fd >= 0);
    ck_assert(write(fd, "TOPSECRET-4711", 14) == 14);
    close(fd);
    snprintf(doc, sizeof doc,
             "<?xml version=\"1.0\"?>\n<!DOCTYPE PMML [<!ENTITY s SYSTEM \"file://%s\">]>\n"
             "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\"><Header "
             "description=\"&s;\"/></PMML>",
             path);
    t_load(doc, PMML_ERR_XML, &err);
    ck_assert_ptr_null(strstr(err.message, "TOPSECRET"));
    ck_assert_ptr_null(strstr(err.element, "TOPSECRET"));
    unlink(path);
}
END_TEST

START_TEST(entity_reference_without_doctype)
{
    char *doc = t_pmml("<DataDictionary><DataField name=\"&x;\" optype=\"continuous\" "
                       "dataType=\"double\"/></DataDictionary>");
    pmml_error err;
    t_load(doc, PMML_ERR_XML, &err);
    free(doc);
}
END_TEST

START_TEST(malformed_xml_names_the_line)
{
    const char *doc = "<?xml version=\"1.0\"?>\n<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" "
                      "version=\"4.4\">\n<Header>\n</PMML>\n";
    expect_error(doc, PMML_ERR_XML, 4, "malformed XML");
    expect_error("<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">\n<Header>\n",
                 PMML_ERR_XML, 0, "before <Header> (line 2) is closed");
}
END_TEST

START_TEST(not_pmml)
{
    expect_error("<html/>", PMML_ERR_PMML, 1, "not a PMML document");
    expect_error("<PMML xmlns=\"http://example.com/x\" version=\"4.4\"/>", PMML_ERR_PMML, 1,
                 "unknown namespace");
    expect_error("", PMML_ERR_XML, 0, NULL);
    expect_error("   ", PMML_ERR_XML, 0, NULL);
}
END_TEST

START_TEST(deep_nesting_is_refused_without_crash)
{
    size_t depth = 200000, i, n = 0;
    char *doc = malloc(depth * 13 + 200);
    pmml_error err;
    ck_assert_ptr_nonnull(doc);
    n += (size_t)sprintf(doc, "<PMML xmlns=\"http://www.dmg.org/PMML-4_4\" version=\"4.4\">");
    for (i = 0; i < depth; i++)
        n += (size_t)sprintf(doc + n, "<Node>");
    doc[n] = '\0';
    t_load(doc, PMML_ERR_LIMIT, &err);
    ck_assert_ptr_nonnull(strstr(err.message, "nested more than"));
    free(doc);
}
END_TEST

START_TEST(extension_content_is_ignored)
{
    char *body = malloc(strlen(small_model) + 200);
    char *doc, *r;
    sprintf(body, "<Extension name=\"x\"><Anything><Goes/>text</Anything></Extension>%s",
            small_model);
    doc = t_pmml(body);
    r = t_score_doc(doc, "x=1");
    ck_assert_str_eq(r, "y=3");
    free(r);
    free(doc);
    free(body);
}
END_TEST

START_TEST(older_namespaces_load)
{
    const char *versions[][2] = { { "3_0", "3.0" }, { "3_1", "3.1" }, { "3_2", "3.2" },
                                  { "4_0", "4.0" }, { "4_1", "4.1" }, { "4_2", "4.2" },
                                  { "4_3", "4.3" }, { "4_4", "4.4" } };
    size_t i;
    for (i = 0; i < sizeof versions / sizeof versions[0]; i++) {
        char doc[2048];
        pmml_model *m;
        snprintf(doc, sizeof doc,
                 "<PMML xmlns=\"http://www.dmg.org/PMML-%s\" version=\"%s\"><Header/>%s</PMML>",
                 versions[i][0], versions[i][1], small_model);
        m = t_load(doc, PMML_OK, NULL);
        ck_assert_str_eq(pmml_model_pmml_version(m), versions[i][1]);
        pmml_model_free(m);
    }
}
END_TEST

START_TEST(document_size_limit)
{
    char *doc = t_pmml(small_model);
    pmml_load_options o = PMML_LOAD_OPTIONS_INIT;
    pmml_model *m = NULL;
    pmml_error err;
    o.max_document_bytes = 100;
    ck_assert_int_eq(pmml_model_load_memory(&m, doc, strlen(doc), "t", &o, &err),
                     PMML_ERR_LIMIT);
    ck_assert_ptr_null(m);
    free(doc);
}
END_TEST

Suite *suite_xml(void)
{
    Suite *s = suite_create("xml");
    TCase *tc = tcase_create("xml");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, loads_minimal_document);
    tcase_add_test(tc, doctype_is_refused);
    tcase_add_test(tc, external_entity_is_never_read);
    tcase_add_test(tc, entity_reference_without_doctype);
    tcase_add_test(tc, malformed_xml_names_the_line);
    tcase_add_test(tc, not_pmml);
    tcase_add_test(tc, deep_nesting_is_refused_without_crash);
    tcase_add_test(tc, extension_content_is_ignored);
    tcase_add_test(tc, older_namespaces_load);
    tcase_add_test(tc, document_size_limit);
    suite_add_tcase(s, tc);
    return s;
}
