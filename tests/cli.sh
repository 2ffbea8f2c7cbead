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

check "usage" 1 "" "usage: pmml score MODEL [INPUT|-] [-o OUTPUT] [--on-error column|skip|fail] [--threads N] [--reference]
" -- "$pmml" score

check "unknown command" 1 "" "pmml: unknown command 'frobnicate'

usage: pmml <command> [options] ...

commands:
  score MODEL [INPUT|-] [-o OUTPUT]   score CSV rows (stdin when INPUT is - or absent)
  info MODEL                          describe the model's inputs and results
  validate MODEL                      check the model against the PMML schema and rules
  verify MODEL [--input IN --expected EXP]
                                      check the model's ModelVerification records, or
                                      its scores of IN against EXP
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
memory: N KiB
scoring: row by row (an OutputField feature without a block form)
" "" -- sh -c "\"$pmml\" info \"$dir/model.pmml\" | sed 's/^memory: [0-9]* KiB/memory: N KiB/'"

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
"usage: pmml score MODEL [INPUT|-] [-o OUTPUT] [--on-error column|skip|fail] [--threads N] [--reference]
" -- "$pmml" score --threads -2 "$dir/model.pmml" "$tmp/big.csv"

# A model that looks back at earlier rows is scored through one scorer,
# whatever --threads says.
awk 'BEGIN { print "x"; for (i = 1; i <= 3000; i++) print i }' >"$tmp/seq.csv"
awk 'BEGIN { print "y,error"; print ","; for (i = 1; i < 3000; i++) print i "," }' >"$tmp/seq.want"
check "threads: a Lag model keeps its row order" 0 "" "" -- sh -c \
    "\"$pmml\" score --threads 3 \"$dir/lag.pmml\" \"$tmp/seq.csv\" | cmp -s - \"$tmp/seq.want\""

echo "$((n - fails)) of $n CLI checks passed"
[ "$fails" -eq 0 ]
