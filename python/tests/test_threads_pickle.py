"""One model from many threads; pickling."""

import multiprocessing
import os
import pickle
import threading

import numpy as np
import pandas as pd
import pytest

import pmml
from pmml import _lib
from helpers import case_path

GBM = case_path("vec-tree-chain", "model.pmml")
TREATMENTS = case_path("mining-schema-treatments", "model.pmml")


def frame(m, n, seed):
    rng = np.random.default_rng(seed)
    cols = {}
    for f in m.inputs:
        if f.values:
            cols[f.name] = pd.Categorical(rng.choice(list(f.values), n))
        else:
            cols[f.name] = rng.uniform(-5, 60, n)
    return pd.DataFrame(cols)


def test_threads_share_a_model():
    m = pmml.load(GBM)
    inputs = [frame(m, 2000, s) for s in range(8)]
    want = [m.score(df) for df in inputs]
    got = [None] * 8 * 4
    scorers = []  # held, so that no scorer is freed and its id reused
    lock = threading.Lock()
    start = threading.Barrier(8)

    def work(t):
        start.wait()
        for k in range(4):
            got[t * 4 + k] = m.score(inputs[(t + k) % 8])
        with lock:
            scorers.extend(m._local.scorers.values())

    threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for t in range(8):
        for k in range(4):
            pd.testing.assert_frame_equal(got[t * 4 + k], want[(t + k) % 8])
    assert len(scorers) == 8 and len({id(s) for s in scorers}) == 8  # one per thread


def test_library_runs_without_the_gil(monkeypatch):
    """While one thread is inside pmml_scorer_score, another runs Python."""
    m = pmml.load(TREATMENTS)
    n = 2_000_000
    cols = {k: np.full(n, 5.0) for k in ("f1", "f2", "f3", "f4", "f5")}
    ticks = [0]
    during = []
    real = _lib.pmml_scorer_score

    def timed(*args):
        before = ticks[0]
        rc = real(*args)
        during.append(ticks[0] - before)
        return rc

    monkeypatch.setattr(_lib, "pmml_scorer_score", timed)
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            ticks[0] += 1

    t = threading.Thread(target=spin)
    t.start()
    try:
        for _ in range(5):
            m.score(cols, columns=["y"], on_error="ignore")
            if during[-1] > 0:
                break
    finally:
        stop.set()
        t.join()
    assert max(during) > 0


def test_pickle_ships_the_document():
    m = pmml.load(GBM)
    blob = pickle.dumps(m)
    assert len(blob) < len(m.pmml_bytes()) + 1000
    with pmml._cache_lock:
        pmml._cache.clear()
    before = pmml._compiles[m.digest]
    m2 = pickle.loads(blob)
    assert pmml._compiles[m.digest] == before + 1  # compiled again
    assert m2._h.ptr != m._h.ptr and m2.digest == m.digest
    assert m2.inputs == m.inputs and m2.outputs == m.outputs
    df = frame(m, 2000, 7)
    pd.testing.assert_frame_equal(m2.score(df), m.score(df))
    # a second copy in the same process is the model compiled already
    assert pickle.loads(blob) is m2
    assert pmml._compiles[m.digest] == before + 1


def test_pickle_keeps_options():
    m = pmml.load(GBM, reference=True)
    assert pickle.loads(pickle.dumps(m)).block_reason == "PMML_LOAD_REFERENCE"


def _score_in_child(blob, df):
    return pickle.loads(blob).score(df)


def test_pickle_to_another_process():
    m = pmml.load(GBM)
    df = frame(m, 1000, 8)
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        got = pool.apply(_score_in_child, (pickle.dumps(m), df))
    pd.testing.assert_frame_equal(got, m.score(df))


def test_error_pickles():
    e = pmml.Error(-6, "bad", "m.pmml", 3, 4, "Node")
    e2 = pickle.loads(pickle.dumps(e))
    assert (e2.code, e2.message, e2.source, e2.line, e2.column, e2.element) == \
        (-6, "bad", "m.pmml", 3, 4, "Node")
    assert str(e2) == "m.pmml:3:4: bad"
