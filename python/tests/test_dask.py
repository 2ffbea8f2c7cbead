"""pmml.dask.score on a distributed LocalCluster of 2 worker processes."""

import logging
import os

import numpy as np
import pandas as pd
import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import pmml
import pmml.dask
from helpers import BENCH_MODELS, case_path, cli_score, compare_with_cli

NFILES = 8


def partitioned_csv(tmp_path):
    """A directory of CSV files: gbm-binary's input from ../shared/bench-models
    when it is there, else rows generated for a testdata model.  Returns the
    model path, the files, and one file holding all rows."""
    d = os.path.join(BENCH_MODELS, "gbm-binary")
    if os.path.exists(os.path.join(d, "model.pmml")):
        model = os.path.join(d, "model.pmml")
        df = pd.read_csv(os.path.join(d, "input.csv"), float_precision="round_trip",
                         nrows=8000)
    else:
        model = case_path("vec-tree-chain", "model.pmml")
        m = pmml.load(model)
        rng = np.random.default_rng(5)
        n = 8000
        df = pd.DataFrame({f.name: rng.choice(list(f.values), n) if f.values
                           else np.round(rng.uniform(-5, 60, n), 3) for f in m.inputs})
    whole = tmp_path / "all.csv"
    df.to_csv(whole, index=False)
    parts = tmp_path / "parts"
    parts.mkdir()
    for k, chunk in enumerate(np.array_split(np.arange(len(df)), NFILES)):
        df.iloc[chunk].to_csv(parts / ("part-%02d.csv" % k), index=False)
    return model, str(parts / "*.csv"), str(whole)


@pytest.fixture(scope="module")
def client():
    # the workers import this tree's package and library
    pkg = os.path.dirname(os.path.dirname(os.path.abspath(pmml.__file__)))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (pkg, os.environ.get("PYTHONPATH")) if p)
    os.environ.setdefault("PMML_LIBRARY", pmml.library_path)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=logging.ERROR) as c, \
            distributed.Client(c) as cl:
        yield cl


def test_dask_equals_cli_and_single_process(client, tmp_path):
    model_path, files, whole = partitioned_csv(tmp_path)
    m = pmml.load(model_path)
    ddf = dd.read_csv(files, float_precision="round_trip")
    assert ddf.npartitions == NFILES
    scored = pmml.dask.score(ddf, m)
    # the schema is known before anything runs
    assert list(scored.columns) == m.result_columns()
    got = scored.compute()
    assert list(got.dtypes) == list(scored.dtypes)

    header, rows = cli_score(model_path, whole)
    assert compare_with_cli(m, got.reset_index(drop=True), header, rows) == []
    single = m.score(pd.read_csv(whole, float_precision="round_trip"))
    pd.testing.assert_frame_equal(got.reset_index(drop=True), single)

    # each worker compiled the model once, however many partitions it scored
    info = client.run(pmml.dask.cache_info)
    per_worker = [w[m.digest] for w in info.values() if m.digest in w]
    assert sum(w["partitions"] for w in per_worker) == NFILES
    assert all(w["compiles"] == 1 for w in per_worker)
    assert max(w["partitions"] for w in per_worker) > 1

    # and a second run compiles nothing more
    pmml.dask.score(ddf, m, columns=[m.outputs[-1].name]).compute()
    info = client.run(pmml.dask.cache_info)
    assert all(w[m.digest]["compiles"] == 1 for w in info.values() if m.digest in w)
    assert sum(w[m.digest]["partitions"] for w in info.values() if m.digest in w) == 2 * NFILES


def test_dask_sequential_model_refused():
    m = pmml.load(case_path("baseline-cusum", "model.pmml"))
    ddf = dd.from_pandas(pd.DataFrame({"congestion": np.arange(10.0)}), npartitions=2)
    with pytest.raises(ValueError):
        pmml.dask.score(ddf, m)
    one = pmml.dask.score(ddf.repartition(npartitions=1), m)
    pd.testing.assert_frame_equal(one.compute(), m.score(ddf.compute()))
