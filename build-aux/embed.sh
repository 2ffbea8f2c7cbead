#!/bin/sh
# embed.sh IN OUT SYMBOL - writes a C file defining SYMBOL (the bytes of IN
# as a NUL-terminated string) and SYMBOL_len.
in=$1
out=$2
sym=$3
{
    echo "/* Generated from $(basename "$in") by build-aux/embed.sh; do not edit. */"
    echo "#include <stddef.h>"
    echo "const char ${sym}[] ="
    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$/\\n"/' "$in"
    echo "    ;"
    echo "const size_t ${sym}_len = sizeof ${sym} - 1;"
} >"$out.tmp" && mv "$out.tmp" "$out"
