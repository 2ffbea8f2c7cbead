"""Loading, describing a model, scoring's inputs and outputs, errors."""

import os
import pathlib

import numpy as np
import pandas as pd
import pytest

import pmml
from helpers import case_path

IRIS = case_path("iris-tree", "model.pmml")
TREATMENTS = case_path("mining-schema-treatments", "model.pmml")
ROWS = {"sepal_length": [5.1, 6.7], "sepal_width": [3.5, 3.0],
        "petal_length": [1.4, 5.2], "petal_width": [0.2, 2.3]}


def test_load_path_bytes_text():
    with open(IRIS, "rb") as f:
        data = f.read()
    for src in (IRIS, pathlib.Path(IRIS), data, bytearray(data), data.decode()):
        m = pmml.load(src)
        assert m.type == "TreeModel" and m.function == "classification"
        assert m.pmml_bytes() == data
    assert pmml.load(IRIS).digest == pmml.load(data).digest


def test_introspection():
    m = pmml.load(IRIS)
    assert [f.name for f in m.inputs] == ["sepal_length", "sepal_width", "petal_length",
                                          "petal_width"]
    assert all(f.datatype == "double" and f.optype == "continuous" for f in m.inputs)
    species = m.outputs[0]
    assert species.name == "species" and species.datatype == "string"
    assert species.optype == "categorical"
    assert species.values == ("setosa", "versicolor", "virginica")
    assert [f.name for f in m.outputs[2:]] == ["probability_setosa", "probability_versicolor",
                                               "probability_virginica"]
    assert m.pmml_version and m.memory_bytes > 0 and not m.is_sequential
    assert m.group_input is None
    assert m.result_columns() == [f.name for f in m.outputs] + ["error"]
    assert pmml.library_version().count(".") == 2


def test_intervals():
    m = pmml.load(TREATMENTS)
    f1 = m.inputs[0]
    assert f1.name == "f1" and f1.intervals
    left, right, closure = f1.intervals[0]
    assert left <= right and closure in ("openOpen", "openClosed", "closedOpen", "closedClosed")


def test_score_dict_and_frame():
    m = pmml.load(IRIS)
    d = m.score(ROWS)
    assert isinstance(d, dict) and list(d) == m.result_columns()
    assert list(d["species"]) == ["setosa", "virginica"]
    assert d["probability_setosa"].dtype == np.float64
    assert list(d["error"]) == [None, None]
    df = m.score(pd.DataFrame(ROWS, index=[10, 20]))
    assert isinstance(df, pd.DataFrame) and list(df.index) == [10, 20]
    assert list(df["species"]) == ["setosa", "virginica"]
    assert list(df.dtypes) == list(m.empty_result().dtypes)
    # the same with a dict asked for a frame, and one row of scalars
    assert m.score(ROWS, output="frame")["species"].tolist() == ["setosa", "virginica"]
    one = m.score({k: v[1] for k, v in ROWS.items()})
    assert list(one["species"]) == ["virginica"]


def test_columns_and_extra_inputs():
    m = pmml.load(IRIS)
    rows = dict(ROWS, unrelated=["a", "b"])
    d = m.score(rows, columns=["probability_virginica"], on_error="ignore")
    assert list(d) == ["probability_virginica"]
    with pytest.raises(KeyError):
        m.score(rows, columns=["nope"])


def test_missing_values():
    m = pmml.load(TREATMENTS)
    # f1 missing is replaced by 10 (missingValueReplacement): same as 10
    base = {"f2": [3.0] * 4, "f3": [0.0] * 4, "f4": [10.0] * 4, "f5": [0.5] * 4}
    ten = m.score(dict(base, f1=[10.0] * 4))["y"]
    for missing in ([np.nan] * 4, [None] * 4, np.ma.masked_all(4),
                    pd.array([None] * 4, dtype="Float64"), pd.Series([None] * 4, dtype=object)):
        got = m.score(dict(base, f1=missing))["y"]
        assert np.array_equal(got, ten), missing
    # an input no column feeds is missing on every row
    assert np.array_equal(m.score(base)["y"], ten)


def test_input_kinds_agree():
    """The same values as float64, int64, nullable Int64, float32, text,
    category and object columns score the same."""
    m = pmml.load(TREATMENTS)
    n = 6
    f1 = [0, 10, 50, 100, 150, 50]
    base = {"f2": [3] * n, "f3": [0] * n, "f4": [10] * n, "f5": [0] * n}
    want = m.score(dict(base, f1=np.array(f1, np.float64)))["y"]
    for col in (np.array(f1, np.int64), np.array(f1, np.int32), np.array(f1, np.float32),
                pd.array(f1, dtype="Int64"), [str(v) for v in f1],
                pd.Categorical([str(v) for v in f1]), np.array(f1, dtype=object),
                np.array([float(v) for v in f1], dtype=object)):
        assert np.array_equal(m.score(dict(base, f1=col))["y"], want), type(col)


def test_row_errors():
    m = pmml.load(TREATMENTS)
    rows = {"f1": [50.0, 50.0, 50.0], "f2": [3.0] * 3,
            "f3": np.array([0.0, 60.0, "oops"], dtype=object),
            "f4": [10.0] * 3, "f5": [0.5] * 3}
    d = m.score(rows)
    assert d["error"][0] is None
    assert d["error"][1] == "field 'f3': invalid value '60'"
    assert d["error"][2] == "field 'f3': invalid value 'oops'"
    assert not np.isnan(d["y"][0]) and np.isnan(d["y"][1:]).all()
    assert "error" not in m.score(rows, on_error="ignore")
    with pytest.raises(pmml.Error) as e:
        m.score(rows, on_error="raise")
    assert e.value.row == 1 and e.value.code == -10 and e.value.name == "INVALID_VALUE"
    assert e.value.location == "row 1" and "invalid value '60'" in str(e.value)


def test_load_errors(tmp_path):
    with pytest.raises(pmml.Error) as e:
        pmml.load(b"<PMML version='4.4'><Header/>", name="broken.pmml")
    assert e.value.code == -4 and e.value.name == "XML"
    assert e.value.source == "broken.pmml" and e.value.line >= 1
    assert str(e.value).startswith("broken.pmml:")

    bad = tmp_path / "bad.pmml"
    text = open(IRIS).read().replace('field="petal_length"', 'field="no_such_field"', 1)
    bad.write_text(text)
    with pytest.raises(pmml.Error) as e:
        pmml.load(bad)
    assert e.value.code == -6 and e.value.source == str(bad) and e.value.line > 1
    assert "no_such_field" in e.value.message

    with pytest.raises(OSError):
        pmml.load(tmp_path / "absent.pmml")


def test_validate_flag(tmp_path):
    m = pmml.load(IRIS, validate=True)
    assert m.type == "TreeModel"
    r = pmml.load(IRIS, reference=True)
    assert r.block_reason == "PMML_LOAD_REFERENCE"
    a, b = m.score(ROWS), r.score(ROWS)
    assert all(np.array_equal(a[k], b[k]) for k in a if k not in ("species", "predicted_species",
                                                                  "error"))


def test_result_types():
    """integer and boolean results: pandas' nullable dtypes in a frame, numpy
    masked arrays in a dict when some are missing."""
    m = pmml.load(b"""<PMML xmlns="http://www.dmg.org/PMML-4_4" version="4.4"><Header/>
<DataDictionary><DataField name="x" optype="continuous" dataType="double"/>
<DataField name="y" optype="continuous" dataType="double"/></DataDictionary>
<TransformationDictionary>
<DerivedField name="n" optype="continuous" dataType="integer"><Apply function="round"><FieldRef field="x"/></Apply></DerivedField>
<DerivedField name="b" optype="categorical" dataType="boolean"><Apply function="greaterThan"><FieldRef field="x"/><Constant>1</Constant></Apply></DerivedField>
</TransformationDictionary>
<RegressionModel functionName="regression"><MiningSchema><MiningField name="x"/>
<MiningField name="y" usageType="target"/></MiningSchema>
<Output><OutputField name="n" optype="continuous" dataType="integer" feature="transformedValue"><FieldRef field="n"/></OutputField>
<OutputField name="b" optype="categorical" dataType="boolean" feature="transformedValue"><FieldRef field="b"/></OutputField></Output>
<RegressionTable intercept="1"><NumericPredictor name="x" coefficient="2"/></RegressionTable>
</RegressionModel></PMML>""")
    x = [0.4, 2.6, None]
    df = m.score(pd.DataFrame({"x": x}))
    assert str(df["n"].dtype) == "Int64" and str(df["b"].dtype) == "boolean"
    assert df["n"].tolist()[:2] == [0, 3] and df["n"].isna().tolist() == [False, False, True]
    assert df["b"].tolist()[:2] == [False, True] and pd.isna(df["b"][2])
    d = m.score({"x": x})
    assert isinstance(d["n"], np.ma.MaskedArray) and d["n"].mask.tolist() == [0, 0, 1]
    d = m.score({"x": x[:2]})
    assert type(d["n"]) is np.ndarray and d["n"].dtype == np.int64
    assert d["b"].dtype == np.bool_ and d["b"].tolist() == [False, True]
    assert list(m.empty_result().dtypes.astype(str)) == ["float64", "Int64", "boolean", "object"]


def test_bad_arguments():
    m = pmml.load(IRIS)
    with pytest.raises(ValueError):
        m.score({"sepal_length": [1.0, 2.0], "sepal_width": [1.0]})
    with pytest.raises(ValueError):
        m.score(ROWS, on_error="sometimes")
    with pytest.raises(TypeError):
        m.score([1, 2, 3])
    with pytest.raises(ValueError):
        m.score({"sepal_length": np.zeros((2, 2))})


def test_empty_batch():
    m = pmml.load(IRIS)
    d = m.score({k: [] for k in ROWS})
    assert all(len(v) == 0 for v in d.values())
    df = m.score(pd.DataFrame({k: pd.Series([], dtype=float) for k in ROWS}))
    assert len(df) == 0 and list(df.columns) == m.result_columns()


@pytest.mark.parametrize("case", ["association-transactions",
                                  "aggregate-customer-purchases"])
def test_transactions(case):
    """A grouped model (an AssociationModel's transactions, an Aggregate's
    groups) gives one row per run of equal group values, as the pmml command
    does."""
    m = pmml.load(case_path(case, "model.pmml"))
    assert m.group_input is not None and m.is_sequential
    df = pd.read_csv(case_path(case, "input.csv"), dtype=str)
    out = m.score(df)
    ends = [i for i in range(len(df)) if i == len(df) - 1 or
            df[m.group_input.name][i] != df[m.group_input.name][i + 1]]
    assert list(out.index) == ends
