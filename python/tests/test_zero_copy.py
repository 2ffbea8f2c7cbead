"""Numeric columns reach pmml_scorer_score as the caller's own buffers."""

import ctypes
import threading
import tracemalloc

import numpy as np
import pandas as pd
import pytest

import pmml
from pmml import _lib
from helpers import case_path

TREATMENTS = case_path("mining-schema-treatments", "model.pmml")
NAMES = ["f1", "f2", "f3", "f4", "f5"]


@pytest.fixture
def seen(monkeypatch):
    """The column descriptors each pmml_scorer_score call receives."""
    calls = []
    real = _lib.pmml_scorer_score

    def spy(scorer, columns, nrows, results, status):
        # the validity bytes are read now: they may not outlive the call
        calls.append([(columns[i].name.decode(), columns[i].type, columns[i].data,
                       columns[i].stride,
                       ctypes.string_at(columns[i].valid, nrows) if columns[i].valid else None)
                      for i in range(len(columns))])
        return real(scorer, columns, nrows, results, status)

    monkeypatch.setattr(_lib, "pmml_scorer_score", spy)
    return calls


def address(a):
    return a.__array_interface__["data"][0]


def test_numpy_columns_in_place(seen):
    m = pmml.load(TREATMENTS)
    n = 1000
    rng = np.random.default_rng(1)
    cols = {"f1": rng.uniform(0, 100, n), "f2": rng.integers(0, 5, n).astype(np.int64),
            "f3": np.zeros(n), "f4": rng.uniform(0, 20, n), "f5": rng.uniform(-1, 1, n) > 0}
    m.score(cols)
    got = {c[0]: c for c in seen[-1]}
    assert got["f1"][1:4] == (_lib.COL_DOUBLE, address(cols["f1"]), 8)
    assert got["f2"][1:4] == (_lib.COL_INT64, address(cols["f2"]), 8)
    assert got["f5"][1:4] == (_lib.COL_BOOL, address(cols["f5"]), 1)


def test_strided_views_in_place(seen):
    """Columns of a row-major matrix bind with the row's stride."""
    m = pmml.load(TREATMENTS)
    mat = np.random.default_rng(2).uniform(0, 10, (500, 5))
    cols = {name: mat[:, j] for j, name in enumerate(NAMES)}
    want = m.score({k: np.ascontiguousarray(v) for k, v in cols.items()})
    got = m.score(cols)
    for name, typ, data, stride, valid in seen[-1]:
        j = NAMES.index(name)
        assert (typ, data, stride) == (_lib.COL_DOUBLE, address(mat) + 8 * j, 40)
    assert np.array_equal(got["y"], want["y"], equal_nan=True)


def test_dataframe_columns_in_place(seen):
    m = pmml.load(TREATMENTS)
    df = pd.DataFrame(np.random.default_rng(3).uniform(0, 10, (800, 5)), columns=NAMES)
    m.score(df)
    for name, typ, data, stride, valid in seen[-1]:
        assert typ == _lib.COL_DOUBLE and data == address(df[name].to_numpy())


def test_nullable_in_place(seen):
    """pandas' Float64: its data buffer as it is, its mask turned into the
    validity bytes."""
    m = pmml.load(TREATMENTS)
    f1 = pd.array([1.0, None, 3.0], dtype="Float64")
    m.score({"f1": f1})
    name, typ, data, stride, valid = seen[-1][0]
    assert data == address(f1._data) and valid == b"\x01\x00\x01"


def test_no_copy_of_inputs():
    """Scoring 400,000 rows of 5 float64 inputs (16 MB) allocates about the
    result (one double and one validity byte a row, 3.6 MB), not the inputs."""
    m = pmml.load(TREATMENTS)
    n = 400_000
    cols = {k: np.random.default_rng(4).uniform(0, 10, n) for k in NAMES}
    m.score(cols, columns=["y"], on_error="ignore")  # the scorer is made
    tracemalloc.start()
    try:
        m.score(cols, columns=["y"], on_error="ignore")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    inputs = sum(a.nbytes for a in cols.values())
    assert peak < 2 * 9 * n + 4 * n + (1 << 20) < inputs


def test_text_encoded_once_per_value(monkeypatch):
    """A text column of many rows and few distinct values encodes each value
    once."""
    m = pmml.load(case_path("iris-tree", "model.pmml"))
    encoded = []
    real = pmml._encode

    def spy(u):
        encoded.append(u)
        return real(u)

    monkeypatch.setattr(pmml, "_encode", spy)
    n = 30000
    m.score({"sepal_length": np.array(["5.1", "6.7", "5.9"] * (n // 3), dtype=object),
             "sepal_width": np.full(n, 3.0)})
    assert sorted(encoded) == ["5.1", "5.9", "6.7"]
