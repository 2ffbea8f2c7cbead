"""pmml - score PMML models from Python with libpmml.

    >>> import pmml
    >>> m = pmml.load("model.pmml")
    >>> [f.name for f in m.inputs], [f.name for f in m.outputs]
    >>> results = m.score(df)          # a pandas DataFrame in, a DataFrame out

A thin layer over the C ABI of libpmml (include/pmml.h) through ctypes.
Numeric numpy columns go to the library without a copy; text columns are
encoded once per batch (each distinct value once).  A Model is immutable and
may be used from many threads at once: each thread scores with its own
scorer, and the library runs without the GIL.  A Model pickles as its PMML
document, which is compiled again where it is unpickled.
"""

import collections
import ctypes
import hashlib
import os
import threading

import numpy as np

try:
    import pandas as pd
except ImportError:  # pragma: no cover - pandas is a dependency
    pd = None

from . import _lib

__all__ = ["load", "Model", "Field", "Error", "library_version", "library_path"]
__version__ = "0.1.0"

library_path = _lib.path


def library_version():
    """The version of the libpmml that was loaded, e.g. "0.1.0"."""
    return _lib.pmml_version_string().decode()


def _s(b):
    return None if b is None else b.decode("utf-8", "replace")


class Error(Exception):
    """A libpmml failure: `code` is the library's pmml_status (negative),
    `name` its name ("XML", "PMML", "BIND", ...), `message` what went wrong,
    and the location: `source`, `line`, `column` and `element` in the PMML
    document for a load error, `row` (0-based) for a row that failed."""

    def __init__(self, code, message, source=None, line=0, column=0, element=None,
                 row=None):
        self.code = code
        self.name = _lib.STATUS_NAMES.get(code, str(code))
        self.message = message
        self.source = source or None
        self.line = line
        self.column = column
        self.element = element or None
        self.row = row
        super().__init__(self.location + ": " + message if self.location else message)

    @property
    def location(self):
        """"source:line:column", "row N", or "" when there is none."""
        if self.row is not None:
            return "row %d" % self.row
        parts = [p for p in (self.source, self.line or None, self.column or None) if p]
        return ":".join(str(p) for p in parts)

    def __reduce__(self):
        return (Error, (self.code, self.message, self.source, self.line, self.column,
                        self.element, self.row))

    @classmethod
    def _from_struct(cls, code, err):
        msg = _s(err.message) or _s(_lib.pmml_strerror(code))
        return cls(code, msg, _s(err.source), err.line, err.column, _s(err.element))


class Field:
    """An input or result field: name, datatype ("double", "string", ...),
    optype ("continuous", "categorical", "ordinal"), values (the valid
    categories, in document order) and, for inputs, intervals (the valid
    ranges as (left, right, closure)) and the group flag."""

    __slots__ = ("name", "datatype", "optype", "values", "intervals")

    def __init__(self, name, datatype, optype, values, intervals=()):
        self.name = name
        self.datatype = datatype
        self.optype = optype
        self.values = tuple(values)
        self.intervals = tuple(intervals)

    def __repr__(self):
        extra = ", values=%r" % (self.values,) if self.values else ""
        return "Field(%r, %s, %s%s)" % (self.name, self.datatype, self.optype, extra)

    def __eq__(self, other):
        return isinstance(other, Field) and all(
            getattr(self, k) == getattr(other, k) for k in self.__slots__)

    __hash__ = None


class _Handle:
    """Owns a pmml_model; freed when the last Model or scorer lets go."""

    __slots__ = ("ptr", "__weakref__")

    def __init__(self, ptr):
        self.ptr = ptr

    def __del__(self):
        free = getattr(_lib, "pmml_model_free", None)
        if self.ptr and free:
            free(self.ptr)
            self.ptr = None


class _Scorer:
    """Owns a pmml_scorer, and keeps its model alive."""

    __slots__ = ("ptr", "handle", "ncols")

    def __init__(self, handle, cols):
        ptr = ctypes.c_void_p()
        err = _lib.Error()
        arr = (_lib.Column * len(cols))(*cols)
        rc = _lib.pmml_scorer_new(ctypes.byref(ptr), handle.ptr, arr, len(cols),
                                  ctypes.byref(err))
        if rc != 0:
            raise Error._from_struct(rc, err)
        self.ptr = ptr.value
        self.handle = handle
        self.ncols = len(cols)

    def __del__(self):
        free = getattr(_lib, "pmml_scorer_free", None)
        if self.ptr and free:
            free(self.ptr)
            self.ptr = None


# Models compiled from pickles, by (sha256 of the document, flags), so that a
# process that receives the same model many times (a Dask worker, one task
# per partition) compiles it once; _compiles counts how often it did.
_CACHE_SIZE = 8
_cache = collections.OrderedDict()
_cache_lock = threading.Lock()
_compiles = collections.Counter()


def _cached(data, name, flags, digest):
    key = (digest, flags)
    with _cache_lock:
        m = _cache.get(key)
        if m is not None:
            _cache.move_to_end(key)
            return m
    m = Model(data, name=name, _flags=flags, _digest=digest)
    with _cache_lock:
        _compiles[digest] += 1
        m = _cache.setdefault(key, m)
        _cache.move_to_end(key)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return m


def _unpickle(data, name, flags, digest):
    return _cached(data, name, flags, digest)


def load(source, validate=False, reference=False, name=None):
    """Loads, checks and compiles a PMML model.

    `source` is a file path (str or os.PathLike), the document's bytes, or
    its text (a str starting with "<").  validate=True also checks it against
    the PMML 4.4 XML Schema; reference=True scores every row with the
    row-at-a-time reference evaluator.  `name` names the document in error
    messages (default: the path).  Raises pmml.Error (with the line and
    element at fault) or OSError."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, str) and source.lstrip().startswith("<"):
        data = source.encode("utf-8")
    else:
        path = os.fspath(source)
        with open(path, "rb") as f:
            data = f.read()
        if name is None:
            name = path if isinstance(path, str) else os.fsdecode(path)
    flags = (_lib.LOAD_VALIDATE if validate else 0) | (_lib.LOAD_REFERENCE if reference else 0)
    return Model(data, name=name, _flags=flags)


def _datatype(code):
    return _lib.DATATYPES.get(code, "unknown")


_NUMERIC = ("integer", "float", "double")


class Model:
    """A compiled PMML model (see pmml.load).  Immutable; any number of
    threads may score with it at the same time."""

    def __init__(self, data, name=None, _flags=0, _digest=None):
        ptr = ctypes.c_void_p()
        err = _lib.Error()
        opts = _lib.LoadOptions(_lib.LOAD_OPTIONS_VERSION, _flags, 0, None, None, None)
        rc = _lib.pmml_model_load_memory(ctypes.byref(ptr), data, len(data),
                                         name.encode() if name else None,
                                         ctypes.byref(opts), ctypes.byref(err))
        if rc != 0:
            raise Error._from_struct(rc, err)
        self._h = _Handle(ptr.value)
        self._data = data
        self._name = name
        self._flags = _flags
        self._digest = _digest
        self._local = threading.local()
        h = ptr.value
        self.type = _s(_lib.pmml_model_type(h))
        self.function = _s(_lib.pmml_model_function(h))
        self.pmml_version = _s(_lib.pmml_model_pmml_version(h))
        self.block_reason = _s(_lib.pmml_model_block_reason(h))
        self.is_sequential = bool(_lib.pmml_model_is_sequential(h))
        self.memory_bytes = _lib.pmml_model_memory_bytes(h)
        gi = ctypes.c_size_t()
        self._group = gi.value if _lib.pmml_model_group_input(h, ctypes.byref(gi)) else None
        self.inputs = tuple(self._input(i) for i in range(_lib.pmml_model_input_count(h)))
        self.outputs = tuple(self._output(i) for i in range(_lib.pmml_model_output_count(h)))
        self._index = {f.name: i for i, f in enumerate(self.inputs)}

    def _input(self, i):
        h = self._h.ptr
        values = [_s(_lib.pmml_model_input_value(h, i, j))
                  for j in range(_lib.pmml_model_input_value_count(h, i))]
        intervals = []
        for j in range(_lib.pmml_model_input_interval_count(h, i)):
            left, right, closure = ctypes.c_double(), ctypes.c_double(), ctypes.c_char_p()
            if _lib.pmml_model_input_interval(h, i, j, ctypes.byref(left), ctypes.byref(right),
                                              ctypes.byref(closure)) == 0:
                intervals.append((left.value, right.value, _s(closure.value)))
        return Field(_s(_lib.pmml_model_input_name(h, i)),
                     _datatype(_lib.pmml_model_input_datatype(h, i)),
                     _s(_lib.pmml_optype_name(_lib.pmml_model_input_optype(h, i))),
                     values, intervals)

    def _output(self, i):
        h = self._h.ptr
        values = [_s(_lib.pmml_model_output_value(h, i, j))
                  for j in range(_lib.pmml_model_output_value_count(h, i))]
        return Field(_s(_lib.pmml_model_output_name(h, i)),
                     _datatype(_lib.pmml_model_output_datatype(h, i)),
                     _s(_lib.pmml_optype_name(_lib.pmml_model_output_optype(h, i))),
                     values)

    @property
    def digest(self):
        """SHA-256 of the PMML document (hex), which identifies the model."""
        if self._digest is None:
            self._digest = hashlib.sha256(self._data).hexdigest()
        return self._digest

    @property
    def group_input(self):
        """The input whose runs of equal values are transactions or groups
        (an AssociationModel's group field, an Aggregate's groupField), or
        None."""
        return None if self._group is None else self.inputs[self._group]

    def pmml_bytes(self):
        """The PMML document the model was compiled from."""
        return self._data

    def __repr__(self):
        return "<pmml.Model %s/%s: %d inputs, %d outputs>" % (
            self.type, self.function, len(self.inputs), len(self.outputs))

    def __reduce__(self):
        return (_unpickle, (self._data, self._name, self._flags, self.digest))

    def __dask_tokenize__(self):
        return ("pmml.Model", self.digest, self._flags)

    # ---- scoring ----

    def _scorer(self, key, cols):
        """This thread's scorer for columns of these names and types."""
        if self.is_sequential:
            # each call is a sequence of its own
            return _Scorer(self._h, cols)
        cache = getattr(self._local, "scorers", None)
        if cache is None:
            cache = self._local.scorers = collections.OrderedDict()
        s = cache.get(key)
        if s is None:
            s = _Scorer(self._h, cols)
            cache[key] = s
            while len(cache) > 16:
                cache.popitem(last=False)
        else:
            cache.move_to_end(key)
        return s

    def result_columns(self, columns=None, on_error="column"):
        """The names of the result columns score() gives."""
        names = [f.name for f in self._selected(columns)]
        if on_error == "column":
            names.append("error")
        return names

    def _selected(self, columns):
        if columns is None:
            return list(self.outputs)
        by = {f.name: f for f in self.outputs}
        out = []
        for c in columns:
            if c not in by:
                raise KeyError("the model has no result column %r" % (c,))
            out.append(by[c])
        return out

    def empty_result(self, columns=None, on_error="column", index=None):
        """A DataFrame with no rows and the columns and dtypes score() gives
        (what Dask calls the meta)."""
        data = {}
        for f in self._selected(columns):
            data[f.name] = pd.Series([], dtype=_pandas_dtype(f.datatype))
        if on_error == "column":
            data["error"] = pd.Series([], dtype=object)
        return pd.DataFrame(data, index=index if index is not None else pd.RangeIndex(0))

    def score(self, data, columns=None, on_error="column", output=None):
        """Scores rows.

        `data` is a pandas DataFrame, or a dict (or other mapping) of column
        name to array-like.  Columns are matched to the model's inputs by
        name; others are ignored, and an input no column feeds is missing.
        NaN, None, NaT and masked values are missing.  float64, int64 and bool
        numpy columns are read in place, without a copy (any positive stride);
        other numbers are converted; text (object, str, category) is encoded
        to UTF-8 once per distinct value.

        Returns a DataFrame (index of the input) for a DataFrame, else a dict
        of numpy arrays: one column per result field (see `outputs`), as the
        pmml command writes them, plus "error" (None, or why the row could not
        be scored) unless on_error is "raise" (raise a pmml.Error for the first
        failed row) or "ignore".  `columns` picks result columns by name.
        `output` ("frame" or "dict") overrides the kind of result.

        double/float results are float64 (missing: NaN); integer results are
        pandas' nullable Int64 (in a dict: int64, or a numpy masked array when
        some are missing); boolean results are pandas' nullable boolean (in a
        dict: bool, or a masked array); all others are objects: str or None.

        A model whose AssociationModel groups rows into transactions gives one
        row per transaction: the result of its last row."""
        if on_error not in ("column", "raise", "ignore"):
            raise ValueError("on_error is 'column', 'raise' or 'ignore'")
        is_frame = pd is not None and isinstance(data, pd.DataFrame)
        if output is None:
            output = "frame" if is_frame else "dict"
        if output not in ("frame", "dict"):
            raise ValueError("output is 'frame' or 'dict'")
        index = data.index if is_frame else None
        items = data.items() if hasattr(data, "items") else None
        if items is None:
            raise TypeError("score() takes a pandas DataFrame or a dict of arrays")

        keep = []           # what must live until the call returns
        cols, key, group_values = [], [], None
        nrows = None
        for name, values in items:
            if not isinstance(name, str) or name not in self._index:
                continue
            if group_values is None and self._group is not None and \
                    self._index[name] == self._group:
                group_values = values
            ctype, arr, stride, valid = _input_column(values, self.inputs[self._index[name]])
            n = len(arr)
            if nrows is None:
                nrows = n
            elif n != nrows:
                raise ValueError("column %r has %d rows, others have %d" % (name, n, nrows))
            bname = name.encode("utf-8")
            keep.extend((arr, valid, bname))
            cols.append(_lib.Column(_lib.COLUMN_VERSION, ctype, bname,
                                    arr.ctypes.data if n else None, stride,
                                    valid.ctypes.data if valid is not None else None))
            key.append((name, ctype))
        if nrows is None:
            nrows = len(index) if index is not None else _first_len(data)
        selected = self._selected(columns)
        wanted = {f.name for f in selected}

        nout = len(self.outputs)
        results = (_lib.Result * max(nout, 1))()
        valid = np.zeros((nout, nrows), np.uint8)
        bufs = [None] * nout
        for j, f in enumerate(self.outputs):
            r = results[j]
            r.version = _lib.RESULT_VERSION
            if f.name not in wanted:
                continue
            ctype, dtype = _result_type(f.datatype)
            buf = np.empty(nrows, dtype)
            bufs[j] = (ctype, buf)
            r.type = ctype
            r.data = buf.ctypes.data if nrows else None
            r.valid = valid[j].ctypes.data if nrows else None
        status = np.zeros(nrows, np.intc)

        scorer = self._scorer(tuple(key), cols)
        if nrows:
            arr = (_lib.Column * max(len(cols), 1))(*cols)
            rc = _lib.pmml_scorer_score(scorer.ptr, arr, nrows, results, status.ctypes.data)
            if rc != 0:
                raise Error(rc, _s(_lib.pmml_strerror(rc)))
        del keep

        failed = np.flatnonzero(status)
        errors = None
        if len(failed):
            valid[:, failed] = 0
            if on_error == "raise":
                r = int(failed[0])
                raise Error(int(status[r]), self._message(scorer, r, status[r]), row=r)
            if on_error == "column":
                errors = np.empty(nrows, dtype=object)
                for r in failed:
                    errors[r] = self._message(scorer, int(r), status[r])

        rows = None
        if self._group is not None and nrows:
            rows = _transaction_ends(group_values, status, nrows)
        # every string result is read now, before the scorer's next call
        out = {}
        for j, f in enumerate(self.outputs):
            if bufs[j] is None:
                continue
            ctype, buf = bufs[j]
            out[f.name] = _result_column(ctype, buf, valid[j], rows, output == "frame")
        if on_error == "column":
            # an object array starts out all None
            e = errors if errors is not None else np.empty(nrows, dtype=object)
            out["error"] = e if rows is None else e[rows]
        ordered = {f.name: out[f.name] for f in selected}
        if "error" in out:
            ordered["error"] = out["error"]
        if output == "dict":
            return ordered
        if index is None:
            index = pd.RangeIndex(nrows)
        if rows is not None:
            index = index[rows]
        for k, v in ordered.items():
            if isinstance(v, np.ndarray) and v.dtype == object:
                # declared object: pandas would otherwise look for dates in it
                ordered[k] = pd.Series(v, index=index, dtype=object, copy=False)
        return pd.DataFrame(ordered, index=index, copy=False)

    @staticmethod
    def _message(scorer, row, code):
        m = _lib.pmml_scorer_message(scorer.ptr, row)
        return _s(m) if m else _s(_lib.pmml_strerror(int(code)))


def _first_len(data):
    for v in data.values():
        return len(v)
    return 0


def _pandas_dtype(datatype):
    if datatype in ("double", "float"):
        return np.float64
    if datatype == "integer":
        return "Int64"
    if datatype == "boolean":
        return "boolean"
    return object


def _result_type(datatype):
    if datatype in ("double", "float"):
        return _lib.COL_DOUBLE, np.float64
    if datatype == "integer":
        return _lib.COL_INT64, np.int64
    if datatype == "boolean":
        return _lib.COL_BOOL, np.uint8
    return _lib.COL_STRING, np.uintp


def _result_column(ctype, buf, valid, rows, frame):
    if rows is not None:
        buf, valid = buf[rows], valid[rows]
    if ctype == _lib.COL_DOUBLE:
        buf[valid == 0] = np.nan
        return buf
    if ctype == _lib.COL_STRING:
        return _strings_at(buf, valid)
    mask = valid == 0
    if ctype == _lib.COL_BOOL:
        buf = buf.view(np.bool_)
    if frame:
        if ctype == _lib.COL_BOOL:
            return pd.arrays.BooleanArray(buf, mask)
        return pd.arrays.IntegerArray(buf, mask)
    return np.ma.MaskedArray(buf, mask) if mask.any() else buf


def _strings_at(ptrs, valid):
    """Python strings from an array of borrowed char pointers (0 or
    valid 0: None); each distinct pointer is decoded once."""
    ptrs = np.where(valid != 0, ptrs, 0)
    codes, uniques = pd.factorize(ptrs)
    table = np.empty(len(uniques), dtype=object)
    for k, p in enumerate(uniques):
        table[k] = ctypes.string_at(int(p)).decode("utf-8", "replace") if p else None
    return table[codes] if len(codes) else np.empty(0, dtype=object)


def _transaction_ends(group_values, status, n):
    """Rows that give a result when rows are grouped into transactions: the
    last row of each run of equal group values, and any row that failed."""
    if group_values is None:
        codes = np.zeros(n, np.intp)
    else:
        codes, _ = pd.factorize(np.asarray(group_values, dtype=object))
    end = np.ones(n, bool)
    end[:-1] = codes[1:] != codes[:-1]
    return np.flatnonzero(end | (status != 0))


# ---- input columns ----

def _encode(u):
    if isinstance(u, bytes):
        return u
    if isinstance(u, (bool, np.bool_)):
        return b"true" if u else b"false"
    if isinstance(u, (float, np.floating)) and float(u).is_integer():
        # 2.0 read back as an integer's text, as a CSV cell "2" would be
        return b"%d" % int(u)
    return str(u).encode("utf-8")


def _pointers(codes, uniques):
    """A column of char pointers: row r points at the NUL-terminated UTF-8
    text of uniques[codes[r]] (NULL when the code is -1).  Returns the
    pointers and the buffer they point into."""
    enc = [_encode(u) for u in uniques]
    buf = b"\0".join(enc) + b"\0"
    lens = np.fromiter((len(e) + 1 for e in enc), np.uintp, len(enc))
    offs = np.zeros(len(enc), np.uintp)
    if len(enc) > 1:
        np.cumsum(lens[:-1], out=offs[1:])
    base = np.frombuffer(buf, np.uint8)
    table = np.zeros(len(enc) + 1, np.uintp)
    table[:-1] = base.ctypes.data + offs
    ptrs = table[np.asarray(codes, np.intp)]  # -1 picks the trailing NULL
    return ptrs, base


class _Pinned(np.ndarray):
    """A pointer array that keeps the bytes it points into alive."""


def _text_column(codes, uniques):
    ptrs, base = _pointers(codes, uniques)
    ptrs = ptrs.view(_Pinned)
    ptrs.base_bytes = base
    return _lib.COL_STRING, ptrs, ptrs.itemsize, None


def _input_column(values, field):
    """(coltype, array, stride, valid) for one input column; the array is
    the caller's own buffer whenever its type allows."""
    valid = None
    if pd is not None and isinstance(values, (pd.Series, pd.Index)):
        values = values.array
    if pd is not None and isinstance(values, pd.Categorical):
        return _text_column(values.codes, values.categories.to_numpy(object))
    if pd is not None and isinstance(values, pd.api.extensions.ExtensionArray):
        if hasattr(values, "_data") and hasattr(values, "_mask"):
            # pandas' nullable Int64/Float64/boolean: data and mask in place
            valid = np.logical_not(values._mask).view(np.uint8)
            values = values._data
        elif isinstance(values.dtype, pd.DatetimeTZDtype) or \
                str(values.dtype).startswith("datetime64"):
            values = np.asarray(values.to_numpy(), dtype="datetime64[ns]") \
                if not isinstance(values.dtype, pd.DatetimeTZDtype) else \
                values.tz_convert(None).to_numpy()
        elif isinstance(values, pd.arrays.PandasArray):
            values = values.to_numpy()
        else:
            values = values.to_numpy(dtype=object, na_value=None)
    elif isinstance(values, np.ma.MaskedArray):
        m = np.ma.getmaskarray(values)
        valid = np.logical_not(m).view(np.uint8)
        values = values.data
    arr = np.asarray(values)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise ValueError("column %r is not one-dimensional" % (field.name,))
    kind = arr.dtype.kind
    if kind == "f":
        ctype, arr = _lib.COL_DOUBLE, _numeric(arr, np.float64)
    elif kind in "iu":
        ctype, arr = _lib.COL_INT64, _numeric(arr, np.int64)
    elif kind == "b":
        ctype, arr = _lib.COL_BOOL, _numeric(arr, np.bool_)
    elif kind == "M":
        unit = "D" if field.datatype == "date" else "s"
        nat = np.isnat(arr)
        text = np.datetime_as_string(arr, unit=unit).astype(object)
        text[nat] = None
        codes, uniques = pd.factorize(text)
        return _text_column(codes, uniques)
    elif kind in "OUS":
        if kind != "O":
            arr = arr.astype(object)
        inferred = pd.api.types.infer_dtype(arr, skipna=True)
        if inferred in ("floating", "integer", "mixed-integer-float", "decimal"):
            nums = pd.to_numeric(pd.Series(arr, copy=False), errors="coerce")
            ctype, arr = _lib.COL_DOUBLE, nums.to_numpy(np.float64, na_value=np.nan)
        elif inferred == "empty":
            ctype, arr = _lib.COL_DOUBLE, np.full(len(arr), np.nan)
        else:
            codes, uniques = pd.factorize(arr)
            return _text_column(codes, uniques)
    else:
        raise TypeError("column %r: cannot score values of dtype %s" % (field.name, arr.dtype))
    if valid is not None and len(valid) != len(arr):
        raise ValueError("column %r: mask and data differ in length" % (field.name,))
    return ctype, arr, arr.strides[0] if len(arr) else arr.itemsize, valid


def _numeric(arr, dtype):
    """`arr` as `dtype`, in place when it already is one with a positive
    stride that keeps elements aligned; otherwise a contiguous copy."""
    if arr.dtype == dtype and arr.dtype.isnative and (
            len(arr) < 2 or (arr.strides[0] > 0 and arr.strides[0] % arr.itemsize == 0)) \
            and arr.ctypes.data % arr.itemsize == 0:
        return arr
    return np.ascontiguousarray(arr, dtype=dtype)
