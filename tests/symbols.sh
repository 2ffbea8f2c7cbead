#!/bin/sh
# The shared library exports exactly the functions pmml.h declares.
set -eu
lib="$PMML_BUILDDIR/.libs/libpmml.so"
[ -f "$lib" ] || { echo "no shared library at $lib (skipped)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed -n 's/.*PMML_API[^(]*[ *]\(pmml_[a-z0-9_]*\)(.*/\1/p' "$PMML_SRCDIR/include/pmml.h" |
    sort -u >"$tmp/declared"
nm -D --defined-only "$lib" | awk '$2 == "T" { print $3 }' | sed 's/@.*//' | sort -u \
    >"$tmp/exported"
if ! cmp -s "$tmp/declared" "$tmp/exported"; then
    echo "exported symbols differ from pmml.h (< declared only, > exported only):"
    diff "$tmp/declared" "$tmp/exported" || true
    exit 1
fi
echo "$(wc -l <"$tmp/declared") symbols, all declared in pmml.h"
