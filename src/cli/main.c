/* main.c - the pmml command: dispatch and help. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: pmml <command> [options] ...\n"
    "\n"
    "commands:\n"
    "  score MODEL [INPUT...] [-o OUTPUT]   score CSV rows (stdin when no INPUT or -)\n"
    "  info MODEL [--json]                 describe the model's inputs and results\n"
    "  validate MODEL                      check the model against the PMML schema and rules\n"
    "  verify MODEL [--input IN --expected EXP]\n"
    "                                      check the model's ModelVerification records, or\n"
    "                                      its scores of IN against EXP\n"
    "  stats MODEL [INPUT...]              statistics of the inputs, as JSON\n"
    "  drift MODEL [INPUT...]              compare the inputs with the model's training\n"
    "                                      statistics\n"
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
    "usage: pmml score MODEL [INPUT|-]... [-o OUTPUT|-] [OPTION]...\n"
    "\n"
    "Scores the CSV rows of each INPUT (stdin when there is none, or for -) and\n"
    "writes one row of results per input row to stdout or OUTPUT.  Every INPUT\n"
    "begins with the same header; gzip-compressed input is read as it is.\n"
    "\n"
    "input:\n"
    "  --delimiter C           cell separator (default ,; \\t or tab for a tab)\n"
    "  --quote C|none          quote character (default \"), or none\n"
    "  --missing TOKEN[,TOKEN] cells that are missing values besides the empty one\n"
    "output:\n"
    "  -o, --output FILE       write to FILE instead of stdout\n"
    "  --format csv|tsv|jsonl  CSV (default; with the input's delimiter), TSV,\n"
    "                          or one JSON object per line\n"
    "  --columns COL,...       the result columns to write, in this order\n"
    "  --copy-columns COL,...|all\n"
    "                          input columns to write before the results\n"
    "  --precision N           significant digits of double and float results\n"
    "                          (default: the shortest text that reads back the same)\n"
    "  --on-error column|skip|fail\n"
    "                          a failed row: an error column (default), left out\n"
    "                          and reported on stderr, or stop with exit status 4\n"
    "running:\n"
    "  --threads N             scoring threads (default 0: one per processor);\n"
    "                          the output is the same for every N\n"
    "  --progress, --no-progress\n"
    "                          show progress on stderr (default: when stderr is\n"
    "                          a terminal and the results do not go to it)\n"
    "  --reference             score every row with the row-at-a-time reference\n"
    "                          evaluator (slower, same results)\n"
    "  --stats FILE            also write statistics of the inputs and results to\n"
    "                          FILE as JSON (see pmml stats)\n"
    "\n"
    "See pmml(1) for details.\n";

static const char help_stats[] =
    "usage: pmml stats MODEL [INPUT|-]... [-o OUTPUT|-] [OPTION]...\n"
    "       pmml drift MODEL [INPUT|-]... [-o OUTPUT|-] [OPTION]...\n"
    "\n"
    "Scores the CSV rows of each INPUT without writing results, counting per\n"
    "input field the missing, invalid and outlier values, unseen categories,\n"
    "mean, standard deviation, minimum and maximum, and how the values fall into\n"
    "the training bins.  stats writes these counts as JSON; drift prints a report\n"
    "that compares them with the model's DataDictionary and ModelStats: per field\n"
    "the missing rate, the share outside the training range, unseen categories,\n"
    "the shift of the mean in training standard deviations and the population\n"
    "stability index, the fields that moved most first.\n"
    "\n"
    "options: --delimiter, --quote, --missing, --threads, --progress and\n"
    "--reference as for pmml score; -o FILE writes to FILE.\n"
    "\n"
    "See pmml(1) for details.\n";

static const char help_info[] =
    "usage: pmml info MODEL [--json]\n"
    "\n"
    "Describes the model: its type, function and producer, each input field with\n"
    "its type, valid values or intervals and missing/invalid treatment, each\n"
    "result column, its trees, segments and neurons, its memory and load time.\n"
    "--json writes the same as one JSON object.\n"
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
        else if (topic && (strcmp(topic, "stats") == 0 || strcmp(topic, "drift") == 0))
            fputs(help_stats, stdout);
        else if (topic && strcmp(topic, "info") == 0)
            fputs(help_info, stdout);
        else if (topic && strcmp(topic, "validate") == 0)
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
    if (strcmp(cmd, "stats") == 0)
        return pmml_cli_stats(argc - 1, argv + 1);
    if (strcmp(cmd, "drift") == 0)
        return pmml_cli_drift(argc - 1, argv + 1);
    if (strcmp(cmd, "info") == 0)
        return pmml_cli_info(argc - 1, argv + 1);
    if (strcmp(cmd, "validate") == 0)
        return pmml_cli_validate(argc - 1, argv + 1);
    if (strcmp(cmd, "verify") == 0)
        return pmml_cli_verify(argc - 1, argv + 1);
    fprintf(stderr, "pmml: unknown command '%s'\n\n%s", cmd, usage);
    return EXIT_USAGE;
}
