-- Models and rows from the project's testdata, and what the pmml command
-- makes of them (PMML_CLI and PMML_TESTDATA come from the environment).
\set VERBOSITY terse
\set iris `cat "$PMML_TESTDATA/iris-tree/model.pmml"`
\set linear `cat "$PMML_TESTDATA/regression-linear/model.pmml"`
\set treatments `cat "$PMML_TESTDATA/mining-schema-treatments/model.pmml"`
\set defaultchild `cat "$PMML_TESTDATA/tree-missing-defaultchild/model.pmml"`

SELECT length(pmml_model_add('iris', :'iris'));
SELECT length(pmml_model_add('linear', :'linear'));
SELECT length(pmml_model_add('treatments', :'treatments'));
SELECT length(pmml_model_add('defaultchild', :'defaultchild'));
SELECT name, pmml_check(pmml) AS type, hash = encode(sha256(convert_to(pmml, 'UTF8')), 'hex') AS hashed,
       loaded_at <= now() AS loaded
FROM pmml_models ORDER BY name;

-- input rows, numbered in file order
CREATE TABLE iris (id serial, sepal_length float8, sepal_width float8,
                   petal_length float8, petal_width float8, species text);
\copy iris (sepal_length, sepal_width, petal_length, petal_width, species) from program 'cat "$PMML_TESTDATA/iris-tree/input.csv"' with (format csv, header true)
CREATE TABLE linear (id serial, x1 float8, x2 float8, color text, y float8);
CREATE TYPE linear_in AS (x1 float8, x2 float8, color text);
\copy linear (x1, x2, color, y) from program 'cat "$PMML_TESTDATA/regression-linear/input.csv"' with (format csv, header true)
CREATE TABLE treatments (id serial, f1 text, f2 text, f3 text, f4 text, f5 text);
\copy treatments (f1, f2, f3, f4, f5) from program 'cat "$PMML_TESTDATA/mining-schema-treatments/input.csv"' with (format csv, header true)
CREATE TABLE defaultchild (id serial, age int, income numeric, region varchar(10));
\copy defaultchild (age, income, region) from program 'cat "$PMML_TESTDATA/tree-missing-defaultchild/input.csv"' with (format csv, header true)

-- the pmml command's results for the same files, one JSON object a line
CREATE TABLE cli (model text, id int, result jsonb);
CREATE TEMP TABLE cli_lines (id serial, line text);
\copy cli_lines (line) from program '"$PMML_CLI" score --format jsonl "$PMML_TESTDATA/iris-tree/model.pmml" "$PMML_TESTDATA/iris-tree/input.csv"' with (format csv, quote e'\x01', delimiter e'\x02')
INSERT INTO cli SELECT 'iris', id, line::jsonb FROM cli_lines;
TRUNCATE cli_lines RESTART IDENTITY;
\copy cli_lines (line) from program '"$PMML_CLI" score --format jsonl "$PMML_TESTDATA/regression-linear/model.pmml" "$PMML_TESTDATA/regression-linear/input.csv"' with (format csv, quote e'\x01', delimiter e'\x02')
INSERT INTO cli SELECT 'linear', id, line::jsonb FROM cli_lines;
TRUNCATE cli_lines RESTART IDENTITY;
\copy cli_lines (line) from program '"$PMML_CLI" score --format jsonl "$PMML_TESTDATA/mining-schema-treatments/model.pmml" "$PMML_TESTDATA/mining-schema-treatments/input.csv"' with (format csv, quote e'\x01', delimiter e'\x02')
INSERT INTO cli SELECT 'treatments', id, line::jsonb FROM cli_lines;
TRUNCATE cli_lines RESTART IDENTITY;
\copy cli_lines (line) from program '"$PMML_CLI" score --format jsonl "$PMML_TESTDATA/tree-missing-defaultchild/model.pmml" "$PMML_TESTDATA/tree-missing-defaultchild/input.csv"' with (format csv, quote e'\x01', delimiter e'\x02')
INSERT INTO cli SELECT 'defaultchild', id, line::jsonb FROM cli_lines;
SELECT model, count(*) AS rows, count(*) FILTER (WHERE result->>'error' IS NOT NULL) AS errors
FROM cli GROUP BY model ORDER BY model;
