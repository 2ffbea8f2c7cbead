-- pmml_score and pmml_predict through the sqlite3 command
.load ./pmml
.headers on
.mode list
.bail off
CREATE TABLE models (name TEXT PRIMARY KEY, pmml BLOB);
INSERT INTO models VALUES ('iris', readfile('testdata/iris-tree/model.pmml')),
                          ('linear', readfile('testdata/regression-linear/model.pmml')),
                          ('treatments', readfile('testdata/mining-schema-treatments/model.pmml'));
CREATE TABLE iris (sepal_length REAL, sepal_width REAL, petal_length REAL, petal_width REAL);
INSERT INTO iris VALUES (5.1, 3.5, 1.4, 0.2), (7, 3.2, 4.7, 1.4), (6.3, 3.3, 6, 2.5);

-- every result as JSON; the model as a blob or as text
SELECT pmml_score((SELECT pmml FROM models WHERE name = 'iris'),
                  json_object('sepal_length', sepal_length, 'sepal_width', sepal_width,
                              'petal_length', petal_length, 'petal_width', petal_width)) AS result
FROM iris;
SELECT json_extract(pmml_score(CAST(readfile('testdata/iris-tree/model.pmml') AS TEXT),
                    '{"petal_length": 4.7, "petal_width": 1.4}'), '$.predicted_species') AS species;

-- the predicted value as a number; a model per row from a table
SELECT pmml_predict(readfile('testdata/regression-linear/model.pmml'),
                    '{"x1": 1, "x2": 2, "color": "red"}') AS p,
       typeof(pmml_predict(readfile('testdata/regression-linear/model.pmml'),
                    '{"x1": 1, "x2": 2, "color": "red"}')) AS type;
SELECT m.name, pmml_predict(m.pmml, '{"x1": 1, "x2": 2, "color": "red", "f1": 50, "f2": 3, "f3": 0, "f4": 10, "f5": 0.5}') AS p
FROM models m WHERE m.name <> 'iris' ORDER BY m.name;

-- missing values: JSON null, an absent key; SQL NULL arguments give NULL
SELECT pmml_predict(readfile('testdata/regression-linear/model.pmml'), '{"x1": 1, "x2": null, "color": "green"}') IS NULL AS json_null,
       pmml_predict(readfile('testdata/regression-linear/model.pmml'), '{"x1": 1, "color": "green"}') IS NULL AS absent,
       pmml_predict(NULL, '{}') IS NULL AS null_model,
       pmml_score(readfile('testdata/regression-linear/model.pmml'), NULL) IS NULL AS null_row;
-- strings with escapes, numbers as strings
SELECT pmml_predict(readfile('testdata/regression-linear/model.pmml'), '{"x1": "1", "x2": 2e0, "color": "r\u0065d"}') AS escaped;

-- deterministic: usable in generated columns and indexes on expressions
CREATE TABLE pts (model BLOB, x1 REAL, x2 REAL, color TEXT,
                  p REAL GENERATED ALWAYS AS (pmml_predict(model, json_object('x1', x1, 'x2', x2, 'color', color))));
CREATE INDEX pts_score ON pts (pmml_score(model, json_object('x1', x1, 'x2', x2, 'color', color)));
INSERT INTO pts (model, x1, x2, color)
    SELECT pmml, v.* FROM models, (VALUES (1, 2, 'red'), (0, 0, 'blue'), (10, 0.5, 'blue')) v
    WHERE name = 'linear';
SELECT x1, x2, color, p FROM pts ORDER BY p;

-- errors carry the PMML message
SELECT pmml_score('not xml', '{}');
SELECT pmml_score('<PMML version="4.4" xmlns="http://www.dmg.org/PMML-4_4"><Header/></PMML>', '{}');
SELECT pmml_score(42, '{}');
SELECT pmml_score(readfile('testdata/iris-tree/model.pmml'), '[1]');
SELECT pmml_score(readfile('testdata/iris-tree/model.pmml'), '{"sepal_length": {"a": 1}}');
SELECT pmml_score(readfile('testdata/iris-tree/model.pmml'), '{"sepal_length": 1,}');
SELECT pmml_score(readfile('testdata/iris-tree/model.pmml'), '{"sepal_length": 01}');
SELECT pmml_predict(readfile('testdata/iris-tree/model.pmml'), '{}');
SELECT pmml_predict(readfile('testdata/mining-schema-treatments/model.pmml'), '{"f1": 50, "f2": 3, "f3": 60, "f4": 10, "f5": 0.5}');
SELECT pmml_score(readfile('testdata/association-transactions/model.pmml'), '{}');
-- still usable afterwards
SELECT pmml_predict(readfile('testdata/regression-linear/model.pmml'), '{"x1": 0, "x2": 0, "color": "blue"}') AS after_errors;
