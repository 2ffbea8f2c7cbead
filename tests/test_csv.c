/* test_csv.c - the CSV reader and writer of the pmml command. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "tests.h"

/* Reads all records of `text` as "a|b|c" lines joined by '\n'; a broken
 * record is written as "!error". */
static char *read_all(const char *text, size_t len)
{
    FILE *fp = fmemopen((void *)text, len, "rb");
    pm_csv c;
    static char out[4096];
    size_t n = 0, i;
    int st;
    ck_assert_ptr_nonnull(fp);
    pm_csv_init(&c, fp, ',', '"');
    out[0] = '\0';
    while ((st = pm_csv_next(&c)) == 1) {
        if (c.error[0]) {
            n += (size_t)snprintf(out + n, sizeof out - n, "!%s@%zu\n", c.error, c.line);
            continue;
        }
        for (i = 0; i < c.ncells; i++)
            n += (size_t)snprintf(out + n, sizeof out - n, "%s%.*s", i ? "|" : "",
                                  (int)c.cells[i].len, c.cells[i].ptr);
        n += (size_t)snprintf(out + n, sizeof out - n, "@%zu\n", c.line);
    }
    ck_assert_int_eq(st, 0);
    pm_csv_free(&c);
    fclose(fp);
    return out;
}

#define READS(text, expect) ck_assert_str_eq(read_all(text, sizeof(text) - 1), expect)

START_TEST(csv_plain_and_quoted)
{
    READS("a,b\n1,2\n", "a|b@1\n1|2@2\n");
    READS("a,b\r\n1,2\r\n", "a|b@1\n1|2@2\n");
    READS("a,b\n1,2", "a|b@1\n1|2@2\n");
    READS("\"x,y\",\"he said \"\"hi\"\"\"\n", "x,y|he said \"hi\"@1\n");
    READS("\"two\nlines\",z\nnext,row\n", "two\nlines|z@1\nnext|row@3\n");
    READS(",\n", "|@1\n");
    READS("\n", "@1\n");
}
END_TEST

START_TEST(csv_bom_and_nul)
{
    READS("\xEF\xBB\xBF" "a,b\n", "a|b@1\n");
    {
        static const char text[] = "a,b\n1\0x,2\n";
        FILE *fp = fmemopen((void *)text, sizeof text - 1, "rb");
        pm_csv c;
        pm_csv_init(&c, fp, ',', '"');
        ck_assert_int_eq(pm_csv_next(&c), 1);
        ck_assert_int_eq(pm_csv_next(&c), 1);
        ck_assert_int_eq(c.ncells, 2);
        ck_assert_int_eq(c.cells[0].len, 3); /* the NUL byte is kept as data */
        pm_csv_free(&c);
        fclose(fp);
    }
}
END_TEST

static long one_byte(void *payload, char *buf, size_t cap)
{
    const char **p = payload;
    if (!**p || !cap)
        return 0;
    buf[0] = *(*p)++;
    return 1;
}

START_TEST(csv_bom_arriving_a_byte_at_a_time)
{
    const char *text = "\xEF\xBB\xBF" "a,b\n1,2\n";
    pm_csv c;
    pm_csv_init_reader(&c, one_byte, &text, ',', '"');
    ck_assert_int_eq(pm_csv_next(&c), 1);
    ck_assert_int_eq(c.ncells, 2);
    ck_assert_uint_eq(c.cells[0].len, 1);
    ck_assert_int_eq(c.cells[0].ptr[0], 'a');
    ck_assert_int_eq(pm_csv_next(&c), 1);
    ck_assert_int_eq(pm_csv_next(&c), 0);
    pm_csv_free(&c);
}
END_TEST

START_TEST(csv_broken_records_are_reported)
{
    READS("a,b\n\"open,2\n", "a|b@1\n!a quoted cell is not closed before the end of the input@2\n");
    READS("\"x\"y,2\nok,1\n", "!column 1: text after the closing quote@1\nok|1@2\n");
}
END_TEST

START_TEST(csv_long_field)
{
    size_t n = 3 * 1024 * 1024, i;
    char *text = malloc(n + 8);
    FILE *fp;
    pm_csv c;
    ck_assert_ptr_nonnull(text);
    text[0] = '"';
    for (i = 1; i <= n; i++)
        text[i] = (char)('a' + i % 26);
    memcpy(text + n + 1, "\",1\n", 4);
    fp = fmemopen(text, n + 5, "rb");
    pm_csv_init(&c, fp, ',', '"');
    ck_assert_int_eq(pm_csv_next(&c), 1);
    ck_assert_int_eq(c.ncells, 2);
    ck_assert_uint_eq(c.cells[0].len, n);
    ck_assert_int_eq(pm_csv_next(&c), 0);
    pm_csv_free(&c);
    fclose(fp);
    free(text);
}
END_TEST

START_TEST(csv_writer_quotes_when_needed)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    pm_csv_write_cell(fp, "plain", 5, ',', '"', 0);
    fputc('|', fp);
    pm_csv_write_cell(fp, "a,b", 3, ',', '"', 0);
    fputc('|', fp);
    pm_csv_write_cell(fp, "say \"x\"", 7, ',', '"', 0);
    fputc('|', fp);
    pm_csv_write_cell(fp, "", 0, ',', '"', 1);
    fputc('|', fp);
    pm_csv_write_cell(fp, "", 0, ',', '"', 0);
    fclose(fp);
    ck_assert_str_eq(buf, "plain|\"a,b\"|\"say \"\"x\"\"\"|\"\"|");
    free(buf);
}
END_TEST

Suite *suite_csv(void)
{
    Suite *s = suite_create("csv");
    TCase *tc = tcase_create("csv");
    tcase_add_test(tc, csv_plain_and_quoted);
    tcase_add_test(tc, csv_bom_and_nul);
    tcase_add_test(tc, csv_bom_arriving_a_byte_at_a_time);
    tcase_add_test(tc, csv_broken_records_are_reported);
    tcase_add_test(tc, csv_long_field);
    tcase_add_test(tc, csv_writer_quotes_when_needed);
    suite_add_tcase(s, tc);
    return s;
}
