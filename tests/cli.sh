#!/bin/sh
# Runs the pmml command on small files and compares exact stdout, stderr and
# exit status.
set -u
pmml="$PMML_CLI"
dir="$PMML_SRCDIR/tests/cli"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
n=0

# check NAME STATUS EXPECTED_STDOUT EXPECTED_STDERR -- COMMAND...
check() {
    name=$1 status=$2 out=$3 err=$4
    shift 5
    n=$((n + 1))
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    printf '%s' "$out" >"$tmp/want_out"
    printf '%s' "$err" >"$tmp/want_err"
    if [ "$got" != "$status" ] || ! cmp -s "$tmp/out" "$tmp/want_out" ||
        ! cmp -s "$tmp/err" "$tmp/want_err"; then
        echo "FAIL $name (exit $got, expected $status)"
        diff "$tmp/want_out" "$tmp/out" | sed 's/^/  stdout /'
        diff "$tmp/want_err" "$tmp/err" | sed 's/^/  stderr /'
        fails=$((fails + 1))
    else
        echo "ok   $name"
    fi
}

nl='
'
score_usage="usage: pmml score MODEL [INPUT|-]... [-o OUTPUT|-] [OPTION]...
Try 'pmml help score' for the options.
"
printf 'id,x,name\n1,1.5,alpha\n2,,"b,c"\n3,abc,d\n4,0.1\n5,1e-5,"e ""q"""\n' >"$tmp/in.csv"

check "score a file" 0 \
"y,label,error
4,\"alpha, ok\",
,\"b,c, ok\",
,,line 4: field 'x': invalid value 'abc'
,,\"line 5: 2 cells, the header has 3\"
1.00002,\"e \"\"q\"\", ok\",
" "" -- "$pmml" score "$dir/model.pmml" "$tmp/in.csv"

check "score stdin, skip bad rows" 0 \
"y,label
4,\"alpha, ok\"
,\"b,c, ok\"
1.00002,\"e \"\"q\"\", ok\"
" "pmml: <stdin>:4: field 'x': invalid value 'abc'
pmml: <stdin>:5: 2 cells, the header has 3
" -- sh -c "\"$pmml\" score --on-error skip \"$dir/model.pmml\" - <\"$tmp/in.csv\""

check "fail at the first bad row" 4 \
"y,label
4,\"alpha, ok\"
,\"b,c, ok\"
" "pmml: $tmp/in.csv:4: field 'x': invalid value 'abc'
" -- "$pmml" score --on-error fail "$dir/model.pmml" "$tmp/in.csv"

check "output to a file" 0 "" "" -- "$pmml" score -o "$tmp/out.csv" "$dir/model.pmml" "$tmp/in.csv"
n=$((n + 1))
if [ "$(sed -n 2p "$tmp/out.csv")" = '4,"alpha, ok",' ]; then echo "ok   output file content"; else
    echo "FAIL output file content"; fails=$((fails + 1)); fi

printf 'x\r\n2\r\n' >"$tmp/crlf.csv"
check "CRLF input, single input column" 0 "y,label,error
5,\", ok\",
" "" -- "$pmml" score "$dir/model.pmml" "$tmp/crlf.csv"

check "header only" 0 "y,label,error
" "" -- sh -c "printf 'x,name\n' | \"$pmml\" score \"$dir/model.pmml\""

check "empty input" 3 "" "pmml: <stdin>: the input is empty (a header line is required)
" -- sh -c "\"$pmml\" score \"$dir/model.pmml\" </dev/null"

check "missing input file" 3 "" "pmml: cannot open $tmp/nope.csv: No such file or directory
" -- "$pmml" score "$dir/model.pmml" "$tmp/nope.csv"

check "unknown field in the model" 2 "" \
"pmml: $dir/bad-field.pmml:9: NumericPredictor: the field 'ghost' is not defined
" -- "$pmml" score "$dir/bad-field.pmml" "$tmp/in.csv"

printf '<PMML><broken>\n' >"$tmp/broken.pmml"
check "malformed model" 2 "" \
"pmml: $tmp/broken.pmml:1: malformed XML: the document ends before <broken> (line 1) is closed
" -- "$pmml" score "$tmp/broken.pmml" "$tmp/in.csv"

# bytes that are not of the declared encoding: one error, nothing else on stderr
printf '<?xml version="1.0" encoding="Shift_JIS"?>\n<PMML version="4.4"><Header description="\201\377"/></PMML>' \
    >"$tmp/sjis.pmml"
check "a model with bytes not of its encoding" 2 "" \
"pmml: $tmp/sjis.pmml:2: malformed XML: input conversion failed due to input error, bytes 0x81 0xFF 0x22 0x2F
" -- "$pmml" score "$tmp/sjis.pmml" "$tmp/in.csv"

check "usage" 1 "" "$score_usage" -- "$pmml" score

check "unknown command" 1 "" "pmml: unknown command 'frobnicate'

usage: pmml <command> [options] ...

commands:
  score MODEL [INPUT...] [-o OUTPUT]   score CSV rows (stdin when no INPUT or -)
  info MODEL [--json]                 describe the model's inputs and results
  validate MODEL                      check the model against the PMML schema and rules
  verify MODEL [--input IN --expected EXP]
                                      check the model's ModelVerification records, or
                                      its scores of IN against EXP
  stats MODEL [INPUT...]              statistics of the inputs, as JSON
  drift MODEL [INPUT...]              compare the inputs with the model's training
                                      statistics
  help [COMMAND]                      show help

options:
  --version                           print the version

See pmml(1) for details.
" -- "$pmml" frobnicate

check "info" 0 "model: RegressionModel (regression), PMML 4.4
inputs: 2
  x  double continuous
  name  string categorical
results: 2
  y  double continuous
  label  string categorical
size: 1 model
memory: N KiB
load time: T ms
scoring: row by row (an OutputField feature without a block form)
" "" -- sh -c "\"$pmml\" info \"$dir/model.pmml\" |
    sed -e 's/^memory: [0-9]* KiB/memory: N KiB/' -e 's/^load time: [0-9.]* ms/load time: T ms/'"

check "validate a valid model" 0 "$dir/model.pmml: valid
" "" -- "$pmml" validate "$dir/model.pmml"

check "validate an invalid model" 2 "$dir/bad-field.pmml:9: NumericPredictor: the field 'ghost' is not defined
$dir/bad-field.pmml: not valid (1 problem)
" "" -- "$pmml" validate "$dir/bad-field.pmml"

check "help verify" 0 "usage: pmml verify MODEL [--input INPUT --expected EXPECTED [--tolerance REL]
                   [--absolute ABS]]

Without --input, checks the model's ModelVerification records.  With
--input and --expected, scores INPUT and compares each result column with
the column of the same name in EXPECTED: numbers agree when they differ by
at most REL relative (default 1e-9) or ABS absolute (default REL).  Exit
status 6 when any value differs.

See pmml(1) for details.
" "" -- "$pmml" help verify

check "verify: a tolerance that is not a number" 1 "" \
"usage: pmml verify MODEL [--input INPUT.csv --expected EXPECTED.csv [--tolerance REL] [--absolute ABS]]
" -- "$pmml" verify "$dir/model.pmml" --tolerance abc

# Threads: the same output, in input order, and the same stop on failure.
awk 'BEGIN { print "id,x,name"; for (i = 1; i <= 5000; i++) {
    x = (i == 3001) ? "bad" : (i % 7) / 4; print i "," x ",n" i } }' >"$tmp/big.csv"
for mode in column skip fail; do
    "$pmml" score --on-error $mode "$dir/model.pmml" "$tmp/big.csv" >"$tmp/t1.out" 2>"$tmp/t1.err"
    echo $? >>"$tmp/t1.err"
    check "threads: --on-error $mode, 3 threads as 1" 0 "" "" -- sh -c \
        "\"$pmml\" score --threads 3 --on-error $mode \"$dir/model.pmml\" \"$tmp/big.csv\" >\"$tmp/t3.out\" 2>\"$tmp/t3.err\"; echo \$? >>\"$tmp/t3.err\"; cmp -s \"$tmp/t1.out\" \"$tmp/t3.out\" && cmp -s \"$tmp/t1.err\" \"$tmp/t3.err\""
done
check "threads: a bad count" 1 "" \
"pmml: score: --threads takes a whole number from 0 to 256
$score_usage" -- "$pmml" score --threads -2 "$dir/model.pmml" "$tmp/big.csv"

# A model that looks back at earlier rows is scored through one scorer,
# whatever --threads says.
awk 'BEGIN { print "x"; for (i = 1; i <= 3000; i++) print i }' >"$tmp/seq.csv"
awk 'BEGIN { print "y,error"; print ","; for (i = 1; i < 3000; i++) print i "," }' >"$tmp/seq.want"
check "threads: a Lag model keeps its row order" 0 "" "" -- sh -c \
    "\"$pmml\" score --threads 3 \"$dir/lag.pmml\" \"$tmp/seq.csv\" | cmp -s - \"$tmp/seq.want\""

# Threads: the default (one per processor) gives the output of one thread.
"$pmml" score --threads 1 "$dir/model.pmml" "$tmp/big.csv" >"$tmp/t1.out"
check "threads: the default as 1" 0 "" "" -- sh -c \
    "\"$pmml\" score \"$dir/model.pmml\" \"$tmp/big.csv\" | cmp -s - \"$tmp/t1.out\""

# ---- several inputs, gzip ----
printf 'id,x,name\n7,2,g\n8,x,h\n' >"$tmp/in2.csv"
check "two inputs, one header each" 0 \
"y,label,error
4,\"alpha, ok\",
,\"b,c, ok\",
,,$tmp/in.csv:4: field 'x': invalid value 'abc'
,,\"$tmp/in.csv:5: 2 cells, the header has 3\"
1.00002,\"e \"\"q\"\", ok\",
5,\"g, ok\",
,,$tmp/in2.csv:3: field 'x': invalid value 'x'
" "" -- "$pmml" score "$dir/model.pmml" "$tmp/in.csv" "$tmp/in2.csv"

check "a file and stdin, skip bad rows" 0 \
"y,label
5,\"g, ok\"
4,\"alpha, ok\"
,\"b,c, ok\"
1.00002,\"e \"\"q\"\", ok\"
" "pmml: $tmp/in2.csv:3: field 'x': invalid value 'x'
pmml: <stdin>:4: field 'x': invalid value 'abc'
pmml: <stdin>:5: 2 cells, the header has 3
" -- sh -c "\"$pmml\" score --on-error skip \"$dir/model.pmml\" \"$tmp/in2.csv\" - <\"$tmp/in.csv\""

printf 'id,name,x\n9,i,3\n' >"$tmp/other.csv"
check "two inputs, the headers differ" 3 \
"y,label,error
5,\"g, ok\",
,,$tmp/in2.csv:3: field 'x': invalid value 'x'
" "pmml: $tmp/other.csv:1: the header is not the same as the header of $tmp/in2.csv
" -- "$pmml" score "$dir/model.pmml" "$tmp/in2.csv" "$tmp/other.csv"

check "a missing input is found before any row" 3 "" \
"pmml: cannot open $tmp/nope.csv: No such file or directory
" -- "$pmml" score "$dir/model.pmml" "$tmp/in2.csv" "$tmp/nope.csv"

cp "$tmp/in2.csv" "$tmp/keep.csv"
check "the output cannot be an input" 1 "" "pmml: $tmp/keep.csv is an input and cannot be the output too
" -- sh -c "\"$pmml\" score \"$dir/model.pmml\" \"$tmp/keep.csv\" -o \"$tmp/keep.csv\" && cmp -s \"$tmp/keep.csv\" \"$tmp/in2.csv\""

check "stdin twice" 1 "" "pmml: score: standard input (-) can be read only once
$score_usage" -- "$pmml" score "$dir/model.pmml" - -

"$pmml" score "$dir/model.pmml" "$tmp/in.csv" >"$tmp/plain.out"
gzip -c "$tmp/in.csv" >"$tmp/in.csv.gz"
check "gzip input" 0 "" "" -- sh -c \
    "\"$pmml\" score \"$dir/model.pmml\" \"$tmp/in.csv.gz\" | cmp -s - \"$tmp/plain.out\""
check "gzip on stdin" 0 "" "" -- sh -c \
    "\"$pmml\" score \"$dir/model.pmml\" <\"$tmp/in.csv.gz\" | cmp -s - \"$tmp/plain.out\""
cp "$tmp/in.csv.gz" "$tmp/gzip-without-suffix"
check "gzip is known by its content" 0 "" "" -- sh -c \
    "\"$pmml\" score \"$dir/model.pmml\" \"$tmp/gzip-without-suffix\" | cmp -s - \"$tmp/plain.out\""
cat "$tmp/in.csv.gz" "$tmp/in.csv.gz" >"$tmp/twice.gz"
check "gzip: two members read as one" 0 "" "" -- sh -c \
    "\"$pmml\" score --on-error skip \"$dir/model.pmml\" \"$tmp/twice.gz\" 2>/dev/null | wc -l | tr -d ' ' | grep -qx 7"
awk 'BEGIN { print "id,x,name"; for (i = 1; i <= 3000; i++) print i "," i ",n" }' |
    gzip -c | head -c 2000 >"$tmp/cut.gz"
check "gzip: a truncated file" 3 "" \
"pmml: $tmp/cut.gz: cannot read: the gzip data ends early (is the file truncated?)
" -- sh -c "\"$pmml\" score \"$dir/model.pmml\" \"$tmp/cut.gz\" >/dev/null"
printf '\037\213garbage that is no deflate data' >"$tmp/bad.gz"
check "gzip: corrupt data" 3 "" \
"pmml: $tmp/bad.gz: cannot read: the gzip data is corrupt (unknown compression method)
" -- "$pmml" score "$dir/model.pmml" "$tmp/bad.gz"

# ---- the CSV dialect ----
printf "id;x;name\n1;1.5;'a;b'\n2;2,5;'it''s'\n3;2;'it''s'\n" >"$tmp/semi.csv"
check "--delimiter and --quote" 0 \
"y;label;error
4;'a;b, ok';
;;'line 3: field ''x'': invalid value ''2,5'''
5;'it''s, ok';
" "" -- "$pmml" score --delimiter ';' --quote "'" "$dir/model.pmml" "$tmp/semi.csv"
printf 'x\tname\n1\t"q\n' >"$tmp/tab.txt"
check "--delimiter tab, --quote none" 0 \
"y	label	error
3	\"q, ok	
" "" -- "$pmml" score --delimiter tab --quote none "$dir/model.pmml" "$tmp/tab.txt"
check "--delimiter: one character" 1 "" "pmml: score: --delimiter takes one character (or \\t)
$score_usage" -- "$pmml" score --delimiter ';;' "$dir/model.pmml"
check "--delimiter and --quote must differ" 1 "" "pmml: score: the delimiter and the quote must differ
$score_usage" -- "$pmml" score --delimiter '"' "$dir/model.pmml"

printf 'x,name\nNA,a\n?,NA\n"NA",b\n,c\n3,d\n' >"$tmp/na.csv"
check "--missing" 0 \
"y,label,error
,\"a, ok\",
,\", ok\",
,\"b, ok\",
,\"c, ok\",
7,\"d, ok\",
" "" -- "$pmml" score --missing NA --missing '?' "$dir/model.pmml" "$tmp/na.csv"
check "without --missing, NA is a value" 0 \
"y,label,error
,,line 2: field 'x': invalid value 'NA'
" "" -- sh -c "head -2 \"$tmp/na.csv\" | \"$pmml\" score \"$dir/model.pmml\""

# ---- what is written ----
check "--copy-columns" 0 \
"id,name,y,error
1,alpha,4,
2,\"b,c\",,
3,d,,line 4: field 'x': invalid value 'abc'
4,,,\"line 5: 2 cells, the header has 3\"
5,\"e \"\"q\"\"\",1.00002,
" "" -- "$pmml" score --copy-columns id,name --columns y "$dir/model.pmml" "$tmp/in.csv"
check "--copy-columns all, --columns, skip" 0 \
"id,x,name,label
1,1.5,alpha,\"alpha, ok\"
2,,\"b,c\",\"b,c, ok\"
5,1e-5,\"e \"\"q\"\"\",\"e \"\"q\"\", ok\"
" "pmml: $tmp/in.csv:4: field 'x': invalid value 'abc'
pmml: $tmp/in.csv:5: 2 cells, the header has 3
" -- "$pmml" score --copy-columns=all --columns=label --on-error=skip "$dir/model.pmml" "$tmp/in.csv"
check "--copy-columns: a column the input does not have" 3 "" \
"pmml: $tmp/in.csv:1: --copy-columns: there is no column 'ID' in the header
" -- "$pmml" score --copy-columns ID "$dir/model.pmml" "$tmp/in.csv"
check "--columns: a column the model does not have" 1 "" \
"pmml: score: --columns: the model has no result column 'z' (see pmml info)
$score_usage" -- "$pmml" score --columns y,z "$dir/model.pmml" "$tmp/in.csv"
check "a single output column: an empty cell is quoted" 0 "y
3
\"\"
" "" -- sh -c "printf 'x\n1\n\n' | \"$pmml\" score --columns y --on-error skip \"$dir/model.pmml\""

check "--format tsv" 0 \
"id	y	label	error
1	4	alpha, ok	
2		b,c, ok	
3			line 4: field 'x': invalid value 'abc'
4			line 5: 2 cells, the header has 3
5	1.00002	e \"q\", ok	
6	7	tab\\there, ok	
" "" -- sh -c "{ cat \"$tmp/in.csv\"; printf '6,3,\"tab\there\"\n'; } |
    \"$pmml\" score --format tsv --copy-columns id \"$dir/model.pmml\""
check "--format jsonl" 0 \
'{"id":"1","y":4,"label":"alpha, ok","error":null}
{"id":"2","y":null,"label":"b,c, ok","error":null}
{"id":"3","y":null,"label":null,"error":"line 4: field '"'x'"': invalid value '"'abc'"'"}
{"id":"4","y":null,"label":null,"error":"line 5: 2 cells, the header has 3"}
{"id":"5","y":1.00002,"label":"e \"q\", ok","error":null}
' "" -- "$pmml" score --format jsonl --copy-columns id "$dir/model.pmml" "$tmp/in.csv"
if [ -n "${PYTHON3:-}" ] || command -v python3 >/dev/null 2>&1; then
    check "--format jsonl: every line is JSON" 0 "6
" "" -- sh -c "{ cat \"$tmp/in.csv\"; printf '6,1e308,\"\\001\\\\\\\\\"\n'; } |
        \"$pmml\" score --format jsonl --copy-columns all \"$dir/model.pmml\" |
        python3 -c 'import json,sys; print(len([json.loads(l) for l in sys.stdin]))'"
fi

printf 'x\n0.1\n1234567.891\n1e-7\n-2.5\n' >"$tmp/prec.csv"
check "--precision" 0 \
"y,label,error
1.2,\", ok\",
2.47e+06,\", ok\",
1,\", ok\",
-4,\", ok\",
" "" -- "$pmml" score --precision 3 "$dir/model.pmml" "$tmp/prec.csv"
check "the default precision: shortest round trip" 0 \
"y,label,error
1.2,\", ok\",
2469136.782,\", ok\",
1.0000002,\", ok\",
-4,\", ok\",
" "" -- "$pmml" score "$dir/model.pmml" "$tmp/prec.csv"
check "--precision: 1 to 17" 1 "" "pmml: score: --precision takes a whole number from 1 to 17
$score_usage" -- "$pmml" score --precision 0 "$dir/model.pmml"
check "--format: csv, tsv or jsonl" 1 "" "pmml: score: --format is csv, tsv or jsonl
$score_usage" -- "$pmml" score --format xml "$dir/model.pmml"
check "an unknown option" 1 "" "pmml: score: unknown option '--frobnicate'
$score_usage" -- "$pmml" score --frobnicate "$dir/model.pmml"

cp "$tmp/in2.csv" "$tmp/-dash.csv"
check "-- ends the options" 0 "y,label,error
5,\"g, ok\",
,,line 3: field 'x': invalid value 'x'
" "" -- sh -c "cd \"$tmp\" && \"$pmml\" score -- \"$dir/model.pmml\" -dash.csv"
check "help score" 0 "usage: pmml score MODEL [INPUT|-]... [-o OUTPUT|-] [OPTION]...
" "" -- sh -c "\"$pmml\" help score | head -1"

# ---- progress ----
check "no progress when stderr is not a terminal" 0 "" "" -- \
    "$pmml" score -o "$tmp/p.out" "$dir/model.pmml" "$tmp/in2.csv"
check "--progress when stderr is not a terminal" 0 "" \
"pmml: 2 rows in T s, R rows/s, 0.0 KiB read
" -- sh -c "\"$pmml\" score --progress -o \"$tmp/p.out\" \"$dir/model.pmml\" \"$tmp/in2.csv\" 2>&1 >/dev/null |
    sed -e 's/in [0-9.]* s, [0-9,]* rows/in T s, R rows/' >&2"
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
    # Under a pseudo-terminal: the line drawn again in place after every
    # batch (PMML_PROGRESS_INTERVAL=0 rather than four times a second), then
    # a summary.  The carriage returns become line ends here.
    awk 'BEGIN { print "id,x,name"; for (i = 1; i <= 3000; i++) print i "," i % 10 ",n" }' \
        >"$tmp/long.csv"
    norm="sed -e 's/ *\$//' -e '/^\$/d' -e 's/, [0-9,]* rows\\/s/, R rows\\/s/' -e 's/in [0-9.]* s/in T s/'"
    check "progress on a terminal, input of known size" 0 \
"pmml: 1,024 rows, R rows/s, 25.3 KiB of 25.3 KiB (100%), 0:00 left
pmml: 2,048 rows, R rows/s, 25.3 KiB of 25.3 KiB (100%), 0:00 left
pmml: 3,000 rows, R rows/s, 25.3 KiB of 25.3 KiB (100%), 0:00 left
pmml: 3,000 rows in T s, R rows/s, 25.3 KiB read
" "" -- sh -c "PMML_PROGRESS_INTERVAL=0 script -qec \"'$pmml' score --threads 1 -o '$tmp/p.out' '$dir/model.pmml' '$tmp/long.csv'\" /dev/null |
        tr '\\r' '\\n' | $norm"
    check "progress on a terminal, input from a pipe" 0 \
"pmml: 1,024 rows, R rows/s, B read
pmml: 3,000 rows in T s, R rows/s, B read
" "" -- sh -c "PMML_PROGRESS_INTERVAL=0 script -qec \"cat '$tmp/long.csv' | '$pmml' score --threads 2 -o '$tmp/p.out' '$dir/model.pmml'\" /dev/null |
        tr '\\r' '\\n' | $norm | sed -e 's/[0-9.]* KiB/B/' -e '1p' -e '\$!d'"
    check "no progress on a terminal that shows the rows" 0 "y
7
" "" -- sh -c "script -qec \"printf 'x\\\\n3\\\\n' | '$pmml' score --columns y --on-error skip '$dir/model.pmml'\" /dev/null | tr -d '\\r'"
    check "--no-progress" 0 "" "" -- sh -c "script -qec \"'$pmml' score --no-progress -o '$tmp/p.out' '$dir/model.pmml' '$tmp/in2.csv'\" /dev/null"
fi

# ---- info and validate ----
check "info: producer, intervals, treatments, size" 0 "model: MiningModel (classification), PMML 4.4
producer: handmade 2.1
inputs: 3
  age  double continuous  [0, 120)  missing: 40 (asMean)
  income  double continuous  (-Infinity, 0.5] [1, 2]  invalid: asMissing  outliers: asExtremeValues below -1 or above 0.25
  region  string categorical  {north, south}  missing: returnInvalid
results: 1
  risk  string categorical  {low, high}
size: 3 models, 2 segments, 2 trees, 6 nodes
memory: N KiB
load time: T ms
scoring: in blocks of rows
" "" -- sh -c "\"$pmml\" info \"$dir/info.pmml\" |
    sed -e 's/^memory: [0-9]* KiB/memory: N KiB/' -e 's/^load time: [0-9.]* ms/load time: T ms/'"
if command -v python3 >/dev/null 2>&1; then
    check "info --json" 0 "MiningModel handmade 2.1
age closedOpen 0 120 asMean 40
income openClosed None 0.5 asMissing asExtremeValues -1 0.25
region ['north', 'south'] returnInvalid
risk ['low', 'high']
{'models': 3, 'segments': 2, 'trees': 2, 'nodes': 6, 'neurons': 0} True True
" "" -- sh -c "\"$pmml\" info --json \"$dir/info.pmml\" | python3 -c '
import json, sys
d = json.load(sys.stdin)
h = d[\"header\"]
print(d[\"model\"], h[\"application\"], h[\"application_version\"])
a, i, r = d[\"inputs\"]
print(a[\"name\"], a[\"intervals\"][0][\"closure\"], a[\"intervals\"][0][\"left\"], a[\"intervals\"][0][\"right\"], a[\"missing_treatment\"], a[\"missing_replacement\"])
print(i[\"name\"], i[\"intervals\"][0][\"closure\"], i[\"intervals\"][0][\"left\"], i[\"intervals\"][0][\"right\"], i[\"invalid_treatment\"], i[\"outliers\"], i[\"low_value\"], i[\"high_value\"])
print(r[\"name\"], r[\"values\"], r[\"missing_treatment\"])
print(d[\"results\"][0][\"name\"], d[\"results\"][0][\"values\"])
print(d[\"counts\"], d[\"memory_bytes\"] > 0, d[\"load_seconds\"] >= 0)
'"
fi
check "info: usage" 1 "" "usage: pmml info MODEL [--json]
" -- "$pmml" info --yaml "$dir/info.pmml"
check "validate: unsupported elements by name" 2 \
"$dir/unsupported.pmml:8: GaussianProcessModel: functionName=\"classification\" is not supported (the specification defines regression only)
$dir/unsupported.pmml: not supported by this version of pmml: GaussianProcessModel
$dir/unsupported.pmml: not valid (1 problem)
" "" -- "$pmml" validate "$dir/unsupported.pmml"

# ---- transactions: one result per run of equal group values ----
assoc="$PMML_SRCDIR/testdata/association-transactions/model.pmml"
printf 'basket,product\n1,milk\n1,bread\n2,bread\n2,cheese\n,milk\n3,butter\n3,jam\n' >"$tmp/tx.csv"
check "transactions: one row per basket" 0 \
"basket,product,top_id,top_cons,all_exclusive
1,bread,r3,{butter},\"[\"\"r3\"\",\"\"2\"\"]\"
2,cheese,r3,{butter},\"[\"\"r3\"\"]\"
,milk,r1,{bread},\"[\"\"r1\"\"]\"
3,jam,,,[]
" "" -- "$pmml" score --copy-columns basket,product --columns top_id,top_cons,all_exclusive \
    --on-error fail "$assoc" "$tmp/tx.csv"
printf 'basket,product\n1,milk\n1,bread,x\n1,bread\n2,butter\n' >"$tmp/tx2.csv"
check "transactions: a broken record is a transaction of its own" 0 \
"basket,top_id,error
1,r1,
1,,\"line 3: 3 cells, the header has 2\"
1,r3,
2,,
" "" -- "$pmml" score --copy-columns basket --columns top_id "$assoc" "$tmp/tx2.csv"
check "transactions: --threads does not split them" 0 \
"top_id
r3
r3
r1
\"\"
" "" -- "$pmml" score --threads 4 --columns top_id --on-error skip "$assoc" "$tmp/tx.csv"

# ---- Aggregate: one result per run of equal groupField values ----
agg="$PMML_SRCDIR/testdata/aggregate-customer-purchases/model.pmml"
printf 'customer,amount\nann,10\nann,2.5\nbob,4\n,1\nann,1\n' >"$tmp/agg.csv"
check "aggregate: one row per customer" 0 \
"customer,amount,total_out,purchases_out,score
ann,2.5,12.5,2,1.25
bob,4,4,1,1.4
,1,,,
ann,1,1,1,2.6
" "" -- "$pmml" score --copy-columns customer,amount --columns total_out,purchases_out,score \
    --on-error fail "$agg" "$tmp/agg.csv"
check "aggregate: --threads does not split a group" 0 \
"score
1.25
1.4
\"\"
2.6
" "" -- "$pmml" score --threads 4 --columns score --on-error fail "$agg" "$tmp/agg.csv"

# a numeric groupField: "1" and "1.0" are one group, as the model compares them
cat >"$tmp/aggnum.pmml" <<'EOF'
<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4"><Header/>
  <DataDictionary>
    <DataField name="customer" optype="continuous" dataType="integer"/>
    <DataField name="amount" optype="continuous" dataType="double"/>
    <DataField name="score" optype="continuous" dataType="double"/>
  </DataDictionary>
  <TransformationDictionary>
    <DerivedField name="total" optype="continuous" dataType="double">
      <Aggregate field="amount" function="sum" groupField="customer"/>
    </DerivedField>
  </TransformationDictionary>
  <RegressionModel functionName="regression">
    <MiningSchema><MiningField name="customer"/><MiningField name="amount"/>
      <MiningField name="score" usageType="target"/></MiningSchema>
    <RegressionTable intercept="0"><NumericPredictor name="total" coefficient="1"/></RegressionTable>
  </RegressionModel>
</PMML>
EOF
printf 'customer,amount\n1,10\n1.0,20\n" 1 ",1\n2,5\n02,1\n3,1\n' >"$tmp/aggnum.csv"
check "aggregate: numeric group values compared as numbers" 0 \
"customer,score
 1 ,31
02,6
3,1
" "" -- "$pmml" score --copy-columns customer --columns score --on-error fail "$tmp/aggnum.pmml" \
    "$tmp/aggnum.csv"
sed 's/name="customer" optype="continuous" dataType="integer"/name="customer" optype="categorical" dataType="boolean"/' \
    "$tmp/aggnum.pmml" >"$tmp/aggbool.pmml"
printf 'customer,amount\ntrue,1\n1,2\nTRUE,3\nfalse,1\n0,1\n' >"$tmp/aggbool.csv"
check "aggregate: boolean group values compared as booleans" 0 \
"customer,score
TRUE,6
0,2
" "" -- "$pmml" score --copy-columns customer --columns score --on-error fail "$tmp/aggbool.pmml" \
    "$tmp/aggbool.csv"

# ---- statistics and drift ----
drift="$dir/drift.pmml"
printf 'x,c,n\n1,a,1\n2,a,2\n3,b,3\n4,c,4\n6,a,5\n7,b,6\n8,zz,7\n9,zz,8\n12,q,9\n,a,200\n' \
    >"$tmp/drift.csv"
drift_report="Drift report for $drift: 10 rows (7 scored, 3 failed)

A field has DRIFTed when its population stability index (PSI) is at least 0.25,
its mean moved by at least 0.5 training standard deviations, its missing rate
rose by at least 5 points over training, or at least 5% of its numbers lie
outside the training range or 1% of rows bring an unseen category; \"watch\"
at half of any of these.  \"-\": the model's statistics do not allow the measure.

field  status   missing  training  outside  unseen  shift     PSI
c      DRIFT       0.0%     10.0%        -   30.0%      -   2.533
x      DRIFT      10.0%      0.0%    11.1%       -  +0.39   0.792
n      -           0.0%         -        -       -      -       -

Unseen categories (most frequent first):
  c: \"zz\" 2, \"q\" 1

2 of 3 fields drifted.
"
check "drift: a report worked out by hand" 0 "$drift_report" "" -- "$pmml" drift "$drift" "$tmp/drift.csv"
check "drift: --threads 3 as 1" 0 "$drift_report" "" -- "$pmml" drift --threads 3 "$drift" "$tmp/drift.csv"
# the training sample itself: x half 3 and half 7 (bins 50/50, mean 5, sd 2),
# c 45 a, 27 b, 18 c and 10 missing
awk 'BEGIN { print "x,c,n"
    for (i = 0; i < 100; i++) {
        c = i < 45 ? "a" : i < 72 ? "b" : i < 90 ? "c" : ""
        print (i % 2 ? 7 : 3) "," c ",1" } }' >"$tmp/same.csv"
check "drift: the training distribution does not drift" 0 "Drift report for $drift: 100 rows (100 scored, 0 failed)

A field has DRIFTed when its population stability index (PSI) is at least 0.25,
its mean moved by at least 0.5 training standard deviations, its missing rate
rose by at least 5 points over training, or at least 5% of its numbers lie
outside the training range or 1% of rows bring an unseen category; \"watch\"
at half of any of these.  \"-\": the model's statistics do not allow the measure.

field  status   missing  training  outside  unseen  shift     PSI
x      stable      0.0%      0.0%     0.0%       -  +0.00   0.000
c      stable     10.0%     10.0%        -    0.0%      -   0.000
n      -           0.0%         -        -       -      -       -

0 of 3 fields drifted.
" "" -- "$pmml" drift "$drift" "$tmp/same.csv"
stats_json='{
  "model":"RegressionModel",
  "rows":10,
  "batches":1,
  "ok":7,
  "failed":3,
  "missing_result":1,
  "status":{"-10":3},
  "inputs":[
    {"name":"x","optype":"continuous","valid":9,"missing":1,"invalid":0,"outliers":1,"unseen":0,"outside":1,"mean":5.777777777777778,"sd":3.3920750049941657,"min":1,"max":12,"unseen_values":[],"bins":[{"left":0,"right":5,"count":4,"training":50},{"left":5,"right":10,"count":4,"training":50}],"drift":{"missing_rate":0.1,"invalid_rate":0,"unseen_rate":null,"outside_share":0.1111111111111111,"mean_shift":0.38888888888888884,"psi":0.7916207806756856}},
    {"name":"c","optype":"categorical","valid":7,"missing":0,"invalid":3,"outliers":0,"unseen":3,"outside":0,"unseen_values":[{"value":"zz","count":2},{"value":"q","count":1}],"bins":[{"value":"a","count":4,"training":45},{"value":"b","count":2,"training":27},{"value":"c","count":1,"training":18}],"drift":{"missing_rate":0,"invalid_rate":0.3,"unseen_rate":0.3,"outside_share":null,"mean_shift":null,"psi":2.533285217536541}},
    {"name":"n","optype":"continuous","valid":9,"missing":0,"invalid":1,"outliers":0,"unseen":0,"outside":0,"mean":5,"sd":2.581988897471611,"min":1,"max":9,"unseen_values":[],"bins":[],"drift":{"missing_rate":0,"invalid_rate":0.1,"unseen_rate":null,"outside_share":null,"mean_shift":null,"psi":null}}
  ]
}
'
nolatency() { "$@" | grep -v '^  "latency":{"total_ns":[0-9]*,"below_us":{"[0-9]*":1}},$'; }
check "stats: JSON (latency aside)" 0 "$stats_json" "" -- nolatency "$pmml" stats "$drift" "$tmp/drift.csv"
check "stats: -o FILE" 0 "$stats_json" "" -- sh -c "\"$pmml\" stats -o \"$tmp/st.json\" \"$drift\" - <\"$tmp/drift.csv\" &&
    grep -v '^  \"latency\"' \"$tmp/st.json\""
check "score --stats: the scores as ever, the statistics beside them" 0 "y
3
5
17
9
13
25
\"\"
$stats_json" "" -- sh -c "\"$pmml\" score --columns y --on-error skip --stats \"$tmp/s.json\" \"$drift\" \"$tmp/drift.csv\" 2>/dev/null &&
    grep -v '^  \"latency\"' \"$tmp/s.json\""
check "score --stats -: not into the results on stdout" 1 "" "pmml: score: --stats - would mix the statistics into the results on stdout
$score_usage" -- "$pmml" score --stats - "$drift" "$tmp/drift.csv"
check "stats: an unknown option" 1 "" "pmml: stats: unknown option '--stats'
usage: pmml stats|drift MODEL [INPUT|-]... [-o OUTPUT|-] [OPTION]...
Try 'pmml help stats' for the options.
" -- "$pmml" stats --stats x.json "$drift" "$tmp/drift.csv"

# ---- CSV rules (pmml.1, "INPUT"): each hostile input has one outcome ----
score_stdin() { "$pmml" score "$dir/model.pmml" - "$@"; }
check "csv: RFC 4180 quoting, CRLF and LF mixed" 0 "y,label,error
3,\"a,\"\"b\"\"$(printf '\r')
c, ok\",
5,\"plain, ok\",
" "" -- sh -c "printf 'x,name\r\n1,\"a,\"\"b\"\"\r\nc\"\n2,plain\n' | \"$pmml\" score \"$dir/model.pmml\""

check "csv: a lone CR ends a record" 0 'y,label,error
3,"a, ok",
5,"b, ok",
' "" -- sh -c "printf 'x,name\r1,a\r2,b' | \"$pmml\" score \"$dir/model.pmml\""

printf '\357\273\277x,name\n1,a\n' >"$tmp/bom.csv"
check "csv: a UTF-8 BOM is skipped (file)" 0 'y,label,error
3,"a, ok",
' "" -- "$pmml" score "$dir/model.pmml" "$tmp/bom.csv"
check "csv: a UTF-8 BOM is skipped (stdin)" 0 'y,label,error
3,"a, ok",
' "" -- sh -c "\"$pmml\" score \"$dir/model.pmml\" <\"$tmp/bom.csv\""

printf 'x,name\n1,\377\376\n\377,a\n' >"$tmp/badutf8.csv"
check "csv: invalid UTF-8 is taken as bytes" 0 "y,label,error
3,\"$(printf '\377\376'), ok\",
,,line 3: field 'x': invalid value '$(printf '\377')'
" "" -- "$pmml" score "$dir/model.pmml" "$tmp/badutf8.csv"

printf 'x,name\n1,a\000b\n2,c\n' >"$tmp/nul.csv"
check "csv: a NUL byte in a cell fails that row" 0 "y,label,error
,,line 2: column 2: a NUL byte
5,\"c, ok\",
" "" -- "$pmml" score "$dir/model.pmml" "$tmp/nul.csv"

check "csv: too few and too many cells" 0 'y,label,error
,,"line 2: 1 cell, the header has 2"
,,"line 3: 3 cells, the header has 2"
7,"c, ok",
' "" -- sh -c "printf 'x,name\n1\n2,a,b\n3,c\n' | \"$pmml\" score \"$dir/model.pmml\""

check "csv: text after a closing quote" 0 'y,label,error
,,line 2: column 2: text after the closing quote
5,"b, ok",
' "" -- sh -c "printf 'x,name\n1,\"a\"b\n2,b\n' | \"$pmml\" score \"$dir/model.pmml\""

check "csv: an unterminated quote takes the rest of the input" 0 'y,label,error
3,"a, ok",
,,line 3: a quoted cell is not closed before the end of the input
' "" -- sh -c "printf 'x,name\n1,a\n2,\"open\n3,c\n' | \"$pmml\" score \"$dir/model.pmml\""

check "csv: --on-error fail stops at a broken record" 4 'y,label
3,"a, ok"
' "pmml: <stdin>:3: a quoted cell is not closed before the end of the input
" -- sh -c "printf 'x,name\n1,a\n2,\"open\n3,c\n' | \"$pmml\" score --on-error fail \"$dir/model.pmml\""

check "csv: header only, no final newline" 0 "y,label,error
" "" -- sh -c "printf 'x,name' | \"$pmml\" score \"$dir/model.pmml\""

check "csv: a BOM and nothing else is an empty input" 3 "" \
"pmml: <stdin>: the input is empty (a header line is required)
" -- sh -c "printf '\357\273\277' | \"$pmml\" score \"$dir/model.pmml\""

# a 20 MB cell is read like any other: 3 lines, the second 3,"a...a, ok",
awk 'BEGIN { printf "x,name\n1,"; s = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
             for (i = 0; i < 15; i++) s = s s; for (i = 0; i < 10; i++) printf "%s", s;
             printf "\n2,b\n" }' >"$tmp/big.csv"
check "csv: a 20 MB cell" 0 "3
20971530
" "" -- sh -c "\"$pmml\" score \"$dir/model.pmml\" \"$tmp/big.csv\" | wc -l | tr -d ' '; \"$pmml\" score \"$dir/model.pmml\" \"$tmp/big.csv\" | sed -n 2p | wc -c | tr -d ' '"

# ---- bash completion ----
if command -v bash >/dev/null 2>&1; then
    check "bash completion" 0 "score stats drift info validate verify help --version --help
--format
csv tsv jsonl
--json
" "" -- bash -c "
        source '$PMML_SRCDIR/contrib/bash-completion/pmml'
        t() { COMP_WORDS=(\"\$@\"); COMP_CWORD=\$((\${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _pmml; echo \"\${COMPREPLY[*]}\"; }
        t pmml ''; t pmml score --form; t pmml score m.pmml --format ''; t pmml info m.pmml --j"
fi

echo "$((n - fails)) of $n CLI checks passed"
[ "$fails" -eq 0 ]
