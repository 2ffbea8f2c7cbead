#!/bin/sh
# pmml.h compiles as strict C89 and as C++.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/t.c" <<'SRC'
#include <pmml.h>
int main(void) { return pmml_version_number() == PMML_VERSION_NUMBER ? 0 : 1; }
SRC
inc="-I$PMML_SRCDIR/include -I$PMML_BUILDDIR/include"
${CC:-cc} -std=c89 -pedantic -Werror -Wall -Wextra $inc -c "$tmp/t.c" -o "$tmp/c89.o"
if command -v "${CXX:-c++}" >/dev/null 2>&1; then
    cp "$tmp/t.c" "$tmp/t.cpp"
    ${CXX:-c++} -std=c++11 -pedantic -Werror -Wall -Wextra $inc -c "$tmp/t.cpp" -o "$tmp/cxx.o"
else
    echo "no C++ compiler: only the C89 check ran"
fi
echo "pmml.h compiles as C89 and C++"
