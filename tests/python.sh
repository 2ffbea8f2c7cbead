#!/bin/sh
# The Python binding's tests (python/tests, pytest) against this build's
# library and command, with the interpreter configure chose ($PYTHON: Debian's
# /usr/bin/python3 before any other on PATH).  Skipped (77) when that Python
# lacks numpy, pandas or pytest, unless PMML_REQUIRE_PYTHON=1 (as in CI).
set -eu
lib="$PMML_BUILDDIR/.libs/libpmml.so"
[ -f "$lib" ] || { echo "no shared library at $lib (skipped)"; exit 77; }
# a sanitizer build's library needs its runtime loaded first, which a Python
# interpreter does not do
if ldd "$lib" 2>/dev/null | grep -q 'lib[at]san'; then
    echo "library built with sanitizers (skipped)"
    exit 77
fi
py=${PYTHON:-}
[ -n "$py" ] || py=$(command -v python3 || true)
if [ -z "$py" ] || ! "$py" -c 'import numpy, pandas, pytest' 2>/dev/null; then
    if [ "${PMML_REQUIRE_PYTHON:-0}" = 1 ]; then
        echo "PMML_REQUIRE_PYTHON=1 but '${py:-python3}' cannot import numpy, pandas and pytest"
        exit 1
    fi
    echo "no Python 3 with numpy, pandas and pytest (skipped)"
    exit 77
fi
PMML_LIBRARY=$lib
PYTHONPATH="$PMML_SRCDIR/python${PYTHONPATH:+:$PYTHONPATH}"
# a read-only source tree (make distcheck) takes no caches
PYTHONDONTWRITEBYTECODE=1
export PMML_LIBRARY PYTHONPATH PYTHONDONTWRITEBYTECODE
exec "$py" -m pytest -q -p no:cacheprovider "$PMML_SRCDIR/python/tests"
