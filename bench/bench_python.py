"""bench_python.py - what the Python binding costs over the C batch API, and
Dask's throughput with 1 and 2 worker processes.  Nothing here is asserted:
it measures and prints.

    PMML_LIBRARY=.libs/libpmml.so PYTHONPATH=python /usr/bin/python3 \
        bench/bench_python.py [MODEL_DIR...] [--dask-rows N] [--dask-model NAME]
        [--no-csv]

For each model directory (default: gbm-binary and linreg-small of
../shared/bench-models), with input.csv read into a pandas DataFrame:

  C API      one pmml_scorer_score() call over the columns the binding would
             pass (float64 buffers in place, text as pointers), into result
             buffers allocated beforehand: the library's own speed
  score()    Model.score(df) -> DataFrame, everything included (binding the
             columns, encoding text, the call, building the result frame)
  ratio      score() time / C API time: the binding's overhead; also
             without the "error" column (on_error="ignore"), an object
             column that costs a pointer a row however few rows fail
  CLI        `pmml score --threads 1 model input.csv` (reading and writing
             CSV text included), CPU time of the command

Times are the best of 5 runs (3 for the CLI), CPU time of the scoring
thread, so that other processes on the machine count less.  Then pmml.dask.score on a LocalCluster of 1 and 2 worker processes
(one thread each) over the rows of linreg-small (or --dask-model) repeated
to --dask-rows rows
(default 4,000,000), wall clock: from partitions already in the workers'
memory, and end to end from a directory of CSV files; the results stay on
the workers (only a sum of the predictions comes back), as when a cluster
writes its output files.  --no-csv leaves out the CSV files.
"""

import ctypes
import glob
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

import pmml
from pmml import _lib

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "bench-models"))


def best(fn, runs=5, clock=time.thread_time):
    t = []
    for _ in range(runs):
        t0 = clock()
        fn()
        t.append(clock() - t0)
    return min(t)


def c_api_call(m, df):
    """A function making one pmml_scorer_score call over prepared columns."""
    cols, keep, key = [], [], []
    for name in df.columns:
        if name not in m._index:
            continue
        ctype, arr, stride, valid = pmml._input_column(df[name], m.inputs[m._index[name]])
        b = name.encode()
        keep += [arr, valid, b]
        cols.append(_lib.Column(_lib.COLUMN_VERSION, ctype, b, arr.ctypes.data, stride,
                                valid.ctypes.data if valid is not None else None))
        key.append((name, ctype))
    n = len(df)
    scorer = m._scorer(tuple(key), cols)
    carr = (_lib.Column * len(cols))(*cols)
    res = (_lib.Result * len(m.outputs))()
    for j, f in enumerate(m.outputs):
        ctype, dtype = pmml._result_type(f.datatype)
        buf = np.empty(n, dtype)
        valid = np.empty(n, np.uint8)
        keep += [buf, valid]
        res[j].version, res[j].type = _lib.RESULT_VERSION, ctype
        res[j].data, res[j].valid = buf.ctypes.data, valid.ctypes.data
    status = np.empty(n, np.intc)

    def call():
        rc = _lib.pmml_scorer_score(scorer.ptr, carr, n, res, status.ctypes.data)
        assert rc == 0 and keep

    return call


def cli_rate(model, inp, n):
    cli = os.path.join(HERE, "..", "src", ".libs", "pmml")
    env = dict(os.environ)
    if os.path.exists(cli):
        env["LD_LIBRARY_PATH"] = os.path.dirname(pmml.library_path)
    else:
        cli = os.path.join(HERE, "..", "src", "pmml")

    def run():
        subprocess.run([cli, "score", "--no-progress", "--threads", "1", model, inp, "-o",
                        os.devnull], check=True, env=env)

    def child_cpu():
        r = resource.getrusage(resource.RUSAGE_CHILDREN)
        return r.ru_utime + r.ru_stime

    return n / best(run, runs=3, clock=child_cpu)


def bench_model(d):
    model, inp = os.path.join(d, "model.pmml"), os.path.join(d, "input.csv")
    m = pmml.load(model)
    df = pd.read_csv(inp, float_precision="round_trip")
    n = len(df)
    m.score(df)
    c = best(c_api_call(m, df))
    py = best(lambda: m.score(df))
    quiet = best(lambda: m.score(df, on_error="ignore"))
    print("%-13s %7d rows  C API %10.0f rows/s  score() %10.0f rows/s (ratio %.2f)  "
          "without the error column %10.0f rows/s (ratio %.2f)  CLI %8.0f rows/s"
          % (os.path.basename(d), n, n / c, n / py, py / c, n / quiet, quiet / c,
             cli_rate(model, inp, n)), flush=True)


def bench_dask(rows, name="linreg-small", csv=True):
    import dask.dataframe as dd
    import distributed
    import pmml.dask

    d = os.path.join(BENCH, name)
    m = pmml.load(os.path.join(d, "model.pmml"))
    base = pd.read_csv(os.path.join(d, "input.csv"), float_precision="round_trip")
    big = pd.concat([base] * max(1, rows // len(base)), ignore_index=True)
    n = len(big)
    pkg = os.path.dirname(os.path.dirname(os.path.abspath(pmml.__file__)))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (pkg, os.environ.get("PYTHONPATH")) if p)
    os.environ.setdefault("PMML_LIBRARY", pmml.library_path)
    with tempfile.TemporaryDirectory() as tmp:
        nfiles = 16
        for k, idx in enumerate(np.array_split(np.arange(n), nfiles) if csv else []):
            big.iloc[idx].to_csv(os.path.join(tmp, "part-%02d.csv" % k), index=False)
        t0 = time.perf_counter()
        single = m.score(big)
        t_single = time.perf_counter() - t0
        col = m.outputs[-1].name
        print("dask: %d rows (%s x %d); one process, m.score: %.0f rows/s"
              % (n, name, n // len(base), n / t_single), flush=True)
        for workers in (1, 2):
            with distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                          processes=True, dashboard_address=None,
                                          silence_logs=logging.ERROR) as cl, \
                    distributed.Client(cl) as client:
                mem = dd.from_pandas(big, npartitions=16).persist()
                distributed.wait(mem)
                pmml.dask.score(mem.head(10, compute=False), m).compute()  # warm up
                t_mem = best(lambda: pmml.dask.score(mem, m)[col].sum().compute(), runs=3,
                             clock=time.perf_counter)
                if csv:
                    files = dd.read_csv(sorted(glob.glob(os.path.join(tmp, "*.csv"))),
                                        float_precision="round_trip")
                    t_csv = best(lambda: pmml.dask.score(files, m)[col].sum().compute(),
                                 runs=2, clock=time.perf_counter)
                else:
                    files, t_csv = mem, float("nan")
                out = pmml.dask.score(files, m).compute()
                same = np.array_equal(out[col].to_numpy(), single[col].to_numpy())
                info = client.run(pmml.dask.cache_info)
                compiles = [v[m.digest]["compiles"] for v in info.values() if m.digest in v]
                print("dask %d worker%s: in memory %10.0f rows/s   from CSV files %9.0f rows/s"
                      "   (results equal one process: %s; compiles per worker: %s)"
                      % (workers, "s" if workers > 1 else " ", n / t_mem, n / t_csv, same,
                         compiles), flush=True)


def main(argv):
    rows = 4_000_000
    dirs = []
    dask_model, csv = "linreg-small", True
    it = iter(argv)
    for a in it:
        if a == "--dask-rows":
            rows = int(next(it))
        elif a == "--dask-model":
            dask_model = next(it)
        elif a == "--no-csv":
            csv = False
        else:
            dirs.append(a)
    if not dirs:
        dirs = [os.path.join(BENCH, "gbm-binary"), os.path.join(BENCH, "linreg-small")]
    print("libpmml %s, numpy %s, pandas %s, %d CPUs" % (
        pmml.library_version(), np.__version__, pd.__version__, os.cpu_count()))
    for d in dirs:
        bench_model(d)
    if rows and os.path.exists(os.path.join(BENCH, dask_model, "model.pmml")):
        bench_dask(rows, dask_model, csv)


if __name__ == "__main__":
    main(sys.argv[1:])
