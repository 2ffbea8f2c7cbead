"""Model.score gives what the pmml command gives, for every model in
testdata/ (every model type the engine supports) and the bench models."""

import os

import numpy as np
import pandas as pd
import pytest

import pmml
from helpers import (BENCH_MODELS, CASES, case_path, cli_score, compare_with_cli, read_text,
                     read_typed)


@pytest.mark.parametrize("case", CASES)
def test_testdata_numbers(case):
    """Numeric fields as float64/int64 columns, the others as text."""
    m = pmml.load(case_path(case, "model.pmml"))
    header, rows = cli_score(case_path(case, "model.pmml"), case_path(case, "input.csv"))
    df = read_typed(m, case_path(case, "input.csv"))
    assert compare_with_cli(m, m.score(df), header, rows) == []


@pytest.mark.parametrize("case", CASES)
def test_testdata_text(case):
    """Every cell as text, as the pmml command reads it."""
    m = pmml.load(case_path(case, "model.pmml"))
    header, rows = cli_score(case_path(case, "model.pmml"), case_path(case, "input.csv"))
    assert compare_with_cli(m, m.score(read_text(case_path(case, "input.csv"))), header,
                            rows) == []


def test_testdata_covers_every_model_type():
    types = {pmml.load(case_path(c, "model.pmml")).type for c in CASES}
    assert {"TreeModel", "RegressionModel", "NeuralNetwork", "GeneralRegressionModel",
            "MiningModel", "ClusteringModel", "NearestNeighborModel", "NaiveBayesModel",
            "SupportVectorMachineModel", "RuleSetModel", "Scorecard", "AssociationModel",
            "AnomalyDetectionModel", "BaselineModel"} <= types


@pytest.mark.parametrize("name", ["gbm-binary", "linreg-small", "rf-multiclass", "mlp",
                                  "logreg-wide", "tree-single"])
def test_bench_models(name, tmp_path):
    d = os.path.join(BENCH_MODELS, name)
    if not os.path.exists(os.path.join(d, "model.pmml")):
        pytest.skip("no %s" % d)
    # the first 2,000 rows
    with open(os.path.join(d, "input.csv")) as f:
        head = [next(f) for _ in range(2001)]
    part = tmp_path / "input.csv"
    part.write_text("".join(head))
    m = pmml.load(os.path.join(d, "model.pmml"))
    header, rows = cli_score(os.path.join(d, "model.pmml"), str(part))
    df = pd.read_csv(part, float_precision="round_trip")
    assert compare_with_cli(m, m.score(df), header, rows) == []
    # and the independent reference within 1e-9
    exp = pd.read_csv(os.path.join(d, "expected.csv"), nrows=2000,
                      float_precision="round_trip")
    got = m.score(df)
    for c in exp.columns:
        if exp[c].dtype.kind == "f":
            assert np.allclose(got[c].astype(float), exp[c], rtol=0, atol=1e-9), c
        else:
            assert (got[c].astype(str) == exp[c].astype(str)).all(), c
