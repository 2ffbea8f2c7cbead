"""What the Python tests share: where things are, the pmml command's own
output, and comparing results with it."""

import csv
import functools
import io
import math
import os
import subprocess

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get("PMML_SRCDIR") or os.path.normpath(os.path.join(HERE, "..", ".."))
BUILDDIR = os.environ.get("PMML_BUILDDIR") or SRCDIR
TESTDATA = os.environ.get("PMML_TESTDATA") or os.path.join(SRCDIR, "testdata")
CLI = os.environ.get("PMML_CLI") or os.path.join(BUILDDIR, "src", "pmml")
BENCH_MODELS = os.path.normpath(os.path.join(SRCDIR, "..", "shared", "bench-models"))

CASES = sorted(d for d in os.listdir(TESTDATA)
               if os.path.exists(os.path.join(TESTDATA, d, "model.pmml")))


def case_path(case, name):
    return os.path.join(TESTDATA, case, name)


def _cli_command():
    """The pmml command; in a build tree, the program behind libtool's
    wrapper script (which costs a shell and more per run)."""
    real = os.path.join(os.path.dirname(CLI), ".libs", "pmml")
    libs = os.path.join(BUILDDIR, ".libs")
    if os.path.exists(real) and os.path.exists(os.path.join(libs, "libpmml.so")):
        env = dict(os.environ)
        env["LD_LIBRARY_PATH"] = libs + ":" + env.get("LD_LIBRARY_PATH", "")
        return real, env
    return CLI, None


@functools.lru_cache(maxsize=None)
def cli_score(model_path, input_path, *args):
    """The pmml command's output for a file: header and rows, as text."""
    cmd, env = _cli_command()
    out = subprocess.run([cmd, "score", "--no-progress", *args, model_path, input_path],
                         check=True, capture_output=True, env=env).stdout.decode()
    rows = list(csv.reader(io.StringIO(out)))
    return rows[0], rows[1:]


def read_typed(model, input_path):
    """The CSV file as a DataFrame the way a pandas user has it: an empty
    cell is missing, and the columns of numeric fields are numbers when every
    cell reads as one."""
    df = read_text(input_path)
    types = {f.name: f.datatype for f in model.inputs}
    for c in df.columns:
        if types.get(c) in ("double", "float", "integer"):
            try:
                # Python's own float(), which reads every number exactly
                x = np.array([np.nan if v is None else float(v) for v in df[c]])
            except ValueError:
                continue
            if types[c] == "integer" and np.all(x == np.floor(x)):
                df[c] = x.astype(np.int64)
            else:
                df[c] = x
    return df


def read_text(input_path):
    """The CSV file with every cell as text (missing: None)."""
    df = pd.read_csv(input_path, dtype=str, keep_default_na=False, na_values=[""],
                     skip_blank_lines=False)
    return df.astype(object).where(df.notna(), None)


def is_missing(v):
    if v is None or v is pd.NA:
        return True
    return isinstance(v, float) and math.isnan(v)


def same_value(text, v, datatype):
    """Whether a Python result equals the pmml command's cell."""
    if text == "" or text == "NaN":
        # empty: missing; NaN: a result that is not a number; both NaN here
        return is_missing(v)
    if is_missing(v):
        return False
    if datatype == "double":
        return float(text) == float(v)
    if datatype == "float":
        return np.float32(float(text)) == np.float32(v)
    if datatype == "integer":
        return int(text) == int(v)
    if datatype == "boolean":
        return text == ("true" if v else "false")
    return text == v


def compare_with_cli(model, result, header, rows):
    """A list of the differences between score()'s DataFrame and the pmml
    command's output (empty when they agree)."""
    diffs = []
    if list(result.columns) != header:
        return ["columns %r != %r" % (list(result.columns), header)]
    if len(result) != len(rows):
        return ["%d rows != %d" % (len(result), len(rows))]
    types = {f.name: f.datatype for f in model.outputs}
    for j, name in enumerate(header):
        col = result[name].tolist()
        for r, row in enumerate(rows):
            v, t = col[r], row[j]
            if name == "error":
                ok = (t == "") == (v is None) and (v is None or t.endswith(v))
            else:
                ok = same_value(t, v, types[name])
            if not ok:
                diffs.append("row %d %s: cli %r, python %r" % (r, name, t, v))
    return diffs
