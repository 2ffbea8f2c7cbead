"""Scoring dask DataFrames with a PMML model.

    >>> import dask.dataframe as dd, pmml, pmml.dask
    >>> m = pmml.load("model.pmml")
    >>> ddf = dd.read_csv("data/*.csv")
    >>> pmml.dask.score(ddf, m).to_csv("scores-*.csv")

Each partition is scored with Model.score on whichever worker holds it.  The
result's columns and dtypes are declared up front (no partition is scored to
find them).  The model travels as its PMML document and is compiled once per
worker process: later partitions on that worker, and later score() calls with
the same document, reuse it.
"""

import collections
import threading

import dask
import pandas as pd

from . import Model, _cached

__all__ = ["score", "cache_info"]

_partitions = collections.Counter()
_lock = threading.Lock()


class _Shipped:
    """A model as it travels in a task graph: its document, compiled only
    where a partition is scored (never on the client or the scheduler
    again)."""

    __slots__ = ("data", "name", "flags", "digest")

    def __init__(self, model):
        self.data = model.pmml_bytes()
        self.name = model._name
        self.flags = model._flags
        self.digest = model.digest

    def __getstate__(self):
        return (self.data, self.name, self.flags, self.digest)

    def __setstate__(self, state):
        self.data, self.name, self.flags, self.digest = state

    def __dask_tokenize__(self):
        return ("pmml.dask._Shipped", self.digest, self.flags)

    def model(self):
        return _cached(self.data, self.name, self.flags, self.digest)


def _score_partition(df, shipped, columns, on_error):
    m = shipped.model()
    with _lock:
        _partitions[shipped.digest] += 1
    return m.score(df, columns=columns, on_error=on_error, output="frame")


def score(ddf, model, columns=None, on_error="column"):
    """Scores a dask DataFrame partition by partition; returns a lazy dask
    DataFrame with the partitions and index of `ddf` and the columns of
    Model.score (see there for `columns` and `on_error`).

    `model` is a pmml.Model (or anything pmml.load takes).  A model whose
    results depend on earlier rows (Model.is_sequential: Lag, CUSUM, grouped
    transactions, Aggregate groups) needs all rows in one sequence, so it is
    refused for a DataFrame of more than one partition."""
    if not isinstance(model, Model):
        from . import load
        model = load(model)
    if on_error == "raise":
        pass
    elif on_error not in ("column", "ignore"):
        raise ValueError("on_error is 'column', 'raise' or 'ignore'")
    if model.is_sequential and ddf.npartitions > 1:
        raise ValueError("the model's results depend on the rows before (Lag, CUSUM, "
                         "transactions or Aggregate groups): score it over one "
                         "partition, e.g. ddf.repartition(npartitions=1)")
    meta = model.empty_result(columns, on_error, index=ddf._meta.index[:0])
    # one key in the graph that every task depends on: each worker receives
    # the document once, not once per task
    shipped = dask.delayed(_Shipped(model), pure=True)
    return ddf.map_partitions(_score_partition, shipped, columns, on_error, meta=meta,
                              enforce_metadata=False, transform_divisions=False,
                              align_dataframes=False)


def cache_info():
    """What this process has done, per model (by the SHA-256 of its
    document): {"compiles": times compiled, "partitions": partitions scored}.
    On a cluster, client.run(pmml.dask.cache_info) asks every worker."""
    from . import _compiles
    out = {}
    with _lock:
        for d in set(_compiles) | set(_partitions):
            out[d] = {"compiles": _compiles.get(d, 0), "partitions": _partitions.get(d, 0)}
    return out
