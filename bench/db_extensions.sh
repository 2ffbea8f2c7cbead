#!/bin/sh
# Times scoring N rows (default 1,000,000) with one model in PostgreSQL, with
# a serial and a parallel plan, beside `pmml score` on the same rows.  The
# rows are the model's input.csv repeated; the model a bench-models folder
# (default ../shared/bench-models/linreg-small).  Needs the PostgreSQL
# extension installed (see README) and the pmml command built; starts a
# throwaway server like ext/postgresql/run-tests.
#
#   bench/db_extensions.sh [MODEL_DIR] [ROWS]
#
# PMML_BENCH_WORKERS parallel workers (default 2), PMML_BENCH_REPS runs of
# each measurement, the best of which is shown (default 3).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-$top/../shared/bench-models/linreg-small}
rows=${2:-1000000}
PG_CONFIG=${PG_CONFIG:-pg_config}
bindir=$("$PG_CONFIG" --bindir)
if [ -z "${PMML_CLI:-}" ] && [ -x "$top/src/.libs/pmml" ]; then
    # the program itself, not libtool's wrapper script, whose start-up would be timed
    PMML_CLI=$top/src/.libs/pmml
    LD_LIBRARY_PATH=$top/.libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
fi
PMML_CLI=${PMML_CLI:-$top/src/pmml}
workers=${PMML_BENCH_WORKERS:-2}
reps=${PMML_BENCH_REPS:-3}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pmml-bench.XXXXXX")
chmod 755 "$tmp"
if [ "$(id -u)" = 0 ]; then
    chown postgres "$tmp"
    as_server() { runuser -u postgres -- "$@"; }
else
    as_server() { "$@"; }
fi
port=${PMML_PGPORT:-54339}
stop() {
    as_server "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap stop EXIT INT TERM

# the rows
header=$(head -n 1 "$dir/input.csv" | tr -d '\r')
body=$(($(wc -l <"$dir/input.csv") - 1))
{
    echo "$header"
    n=0
    while [ "$n" -lt "$rows" ]; do
        tail -n +2 "$dir/input.csv"
        n=$((n + body))
    done
} | head -n $((rows + 1)) >"$tmp/rows.csv"
chmod 644 "$tmp/rows.csv"

now() { date +%s.%N; }
elapsed() { echo "$1 $2" | awk '{ printf "%.2f", $2 - $1 }'; }

echo "model: $dir"
echo "rows: $rows"
# each figure is the best of $reps runs (wall clock)
best() { sort -n | head -n 1; }
for threads in 1 0; do
    i=0
    while [ "$i" -lt "$reps" ]; do
        t0=$(now)
        "$PMML_CLI" score --threads "$threads" "$dir/model.pmml" "$tmp/rows.csv" -o /dev/null
        t1=$(now)
        elapsed "$t0" "$t1"
        echo
        i=$((i + 1))
    done >"$tmp/times"
    echo "pmml score --threads $threads: $(best <"$tmp/times") s"
done

as_server "$bindir/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
    >/dev/null
as_server "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -o \
    "-k $tmp -p $port -c listen_addresses= -c fsync=off -c shared_buffers=512MB -c max_worker_processes=8 -c max_parallel_workers=$workers" \
    start >/dev/null
cols=$(echo "$header" | sed 's/\([^,]*\)/"\1" float8/g')
psql() { command "$bindir/psql" -X -q -h "$tmp" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
psql <<SQL
CREATE EXTENSION pmml;
\set doc \`cat "$dir/model.pmml"\`
SELECT length(pmml_model_add('bench', :'doc')) AS hash_length \gset
CREATE TABLE bench ($cols);
\copy bench from '$tmp/rows.csv' with (format csv, header true)
VACUUM ANALYZE bench;
SQL

run() { # label, settings, query
    i=0
    while [ "$i" -lt "$reps" ]; do
        psql -At <<SQL | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -n 1
$2
SELECT 1;
\timing on
$3;
SQL
        i=$((i + 1))
    done >"$tmp/times"
    echo "$1: $(best <"$tmp/times" | awk '{ printf "%.2f", $1 / 1000 }') s"
}
serial="SET max_parallel_workers_per_gather = 0;"
parallel="SET max_parallel_workers_per_gather = $workers; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;"
# a scan alone, for the cost of reading the rows
run "PostgreSQL scan only, serial" "$serial" "SELECT count(*) FROM bench t"
run "PostgreSQL to_jsonb(t) only, serial" "$serial" "SELECT count(to_jsonb(t)) FROM bench t"
for form in "pmml_predict('bench', t.*)" "pmml_score('bench', t.*)" "pmml_predict('bench', to_jsonb(t))"; do
    run "PostgreSQL $form, serial" "$serial" "SELECT count($form) FROM bench t"
    run "PostgreSQL $form, parallel ($workers workers)" "$parallel" "SELECT count($form) FROM bench t"
done
psql -At -c "$parallel EXPLAIN (COSTS OFF) SELECT count(pmml_predict('bench', t.*)) FROM bench t" \
    | sed 's/^/  /'

# SQLite: the rows imported as text, each given as a JSON object
sqlite_ext=$top/ext/sqlite/pmml.so
if [ -f "$sqlite_ext" ] && command -v sqlite3 >/dev/null 2>&1; then
    obj="json_object("
    sep=
    for col in $(echo "$header" | tr ',' ' '); do
        obj="$obj$sep'$col', \"$col\""
        sep=", "
    done
    obj="$obj)"
    sqlite3 "$tmp/bench.db" ".import --csv $tmp/rows.csv bench"
    i=0
    while [ "$i" -lt "$reps" ]; do
        printf '%s\n' ".load ${sqlite_ext%.so}" ".parameter set @model \"readfile('$dir/model.pmml')\"" \
            ".timer on" "SELECT count(pmml_predict(@model, $obj)) FROM bench;" |
            sqlite3 "$tmp/bench.db" | sed -n 's/^Run Time: real \([0-9.]*\).*/\1/p'
        i=$((i + 1))
    done >"$tmp/times"
    echo "SQLite pmml_predict(@model, json_object(...)): $(best <"$tmp/times") s"
fi
