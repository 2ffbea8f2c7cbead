/* main.c - the pmml command: dispatch and help. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: pmml <command> [options] ...\n"
    "\n"
    "commands:\n"
    "  score MODEL [INPUT|-] [-o OUTPUT]   score CSV rows (stdin when INPUT is - or absent)\n"
    "  info MODEL                          describe the model's inputs and results\n"
    "  validate MODEL                      check the model against the PMML schema and rules\n"
    "  verify MODEL [--input IN --expected EXP]\n"
    "                                      check the model's ModelVerification records, or\n"
    "                                      its scores of IN against EXP\n"
    "  help [COMMAND]                      show help\n"
    "\n"
    "options:\n"
    "  --version                           print the version\n"
    "\n"
    "See pmml(1) for details.\n";

static const char help_verify[] =
    "usage: pmml verify MODEL [--input INPUT --expected EXPECTED [--tolerance REL]\n"
    "                   [--absolute ABS]]\n"
    "\n"
    "Without --input, checks the model's ModelVerification records.  With\n"
    "--input and --expected, scores INPUT and compares each result column with\n"
    "the column of the same name in EXPECTED: numbers agree when they differ by\n"
    "at most REL relative (default 1e-9) or ABS absolute (default REL).  Exit\n"
    "status 6 when any value differs.\n"
    "\n"
    "See pmml(1) for details.\n";

static const char help_score[] =
    "usage: pmml score MODEL [INPUT|-] [-o OUTPUT|-] [--on-error column|skip|fail]\n"
    "                  [--threads N] [--reference]\n"
    "\n"
    "Scores the CSV rows of INPUT (stdin when INPUT is - or absent) and writes CSV\n"
    "to stdout or OUTPUT: the predicted value, every OutputField, and with\n"
    "--on-error column (the default) an error column.  --on-error skip leaves\n"
    "a failed row out and reports it on stderr; --on-error fail stops there\n"
    "with exit status 4.  --threads N scores batches of rows on N threads (0: one\n"
    "per processor); the output order is the input order.  --reference scores\n"
    "every row with the row-at-a-time reference evaluator (slower, same results).\n"
    "\n"
    "See pmml(1) for details.\n";

void pmml_cli_print_error(const char *what, const pmml_error *err)
{
    if (err->line > 0)
        fprintf(stderr, "pmml: %s:%d: %s\n", err->source[0] ? err->source : what, err->line,
                err->message);
    else
        fprintf(stderr, "pmml: %s: %s\n", err->source[0] ? err->source : what, err->message);
}

int main(int argc, char **argv)
{
    const char *cmd;
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("pmml %s\n", pmml_version_string());
        return EXIT_OK;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        const char *topic = argc > 2 ? argv[2] : NULL;
        if (topic && strcmp(topic, "score") == 0)
            fputs(help_score, stdout);
        else if (topic && strcmp(topic, "verify") == 0)
            fputs(help_verify, stdout);
        else if (topic && (strcmp(topic, "info") == 0 || strcmp(topic, "validate") == 0))
            printf("usage: pmml %s MODEL\n\nSee pmml(1) for details.\n", topic);
        else if (topic) {
            fprintf(stderr, "pmml: no help for '%s'\n\n%s", topic, usage);
            return EXIT_USAGE;
        } else
            fputs(usage, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "score") == 0)
        return pmml_cli_score(argc - 1, argv + 1);
    if (strcmp(cmd, "info") == 0)
        return pmml_cli_info(argc - 1, argv + 1);
    if (strcmp(cmd, "validate") == 0)
        return pmml_cli_validate(argc - 1, argv + 1);
    if (strcmp(cmd, "verify") == 0)
        return pmml_cli_verify(argc - 1, argv + 1);
    fprintf(stderr, "pmml: unknown command '%s'\n\n%s", cmd, usage);
    return EXIT_USAGE;
}
