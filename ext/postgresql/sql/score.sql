-- Scores agree with the pmml command, through every form.
\set VERBOSITY terse

-- the model's fields
SELECT * FROM pmml_model_fields WHERE model = 'iris' ORDER BY kind, "position";
SELECT pmml_model_columns('iris');

-- jsonb rows
SELECT count(*) AS rows,
       count(*) FILTER (WHERE pmml_score('iris', to_jsonb(i)) = c.result - 'error') AS same
FROM iris i JOIN cli c ON c.model = 'iris' AND c.id = i.id;
SELECT i.id, pmml_score('iris', to_jsonb(i)) FROM iris i ORDER BY i.id LIMIT 3;

-- composite rows
SELECT count(*) AS rows,
       count(*) FILTER (WHERE pmml_score('iris', i.*) = c.result - 'error') AS same
FROM iris i JOIN cli c ON c.model = 'iris' AND c.id = i.id;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE pmml_score('linear', l.*) = c.result - 'error') AS same
FROM linear l JOIN cli c ON c.model = 'linear' AND c.id = l.id;
SELECT count(*) AS rows,
       count(*) FILTER (WHERE pmml_score('defaultchild', d.*) = c.result - 'error') AS same
FROM defaultchild d JOIN cli c ON c.model = 'defaultchild' AND c.id = d.id;
-- text columns: invalid values and treatments as the command applies them
SELECT count(*) AS rows,
       count(*) FILTER (WHERE pmml_score('treatments', t.*) = c.result - 'error') AS same
FROM treatments t JOIN cli c ON c.model = 'treatments' AND c.id = t.id
WHERE c.result->>'error' IS NULL;

-- the predicted value as a number
SELECT l.id, pmml_predict('linear', l.*) AS predicted, (c.result->>'predicted_y')::float8 AS cli
FROM linear l JOIN cli c ON c.model = 'linear' AND c.id = l.id ORDER BY l.id;
SELECT count(*) FILTER (WHERE pmml_predict('linear', to_jsonb(l)) IS NOT DISTINCT FROM
                              pmml_predict('linear', l.*)) AS same
FROM linear l;

-- typed result columns
SELECT i.id, r.*
FROM iris i, pmml_score_record('iris', i.*)
     AS r(predicted_species text, probability_setosa float8, probability_versicolor numeric)
WHERE i.id IN (1, 4, 10) ORDER BY i.id;
SELECT r.* FROM pmml_score_record('linear', '{"x1": 1, "x2": 2, "color": "red"}'::jsonb)
     AS r(predicted_y float8, y numeric);

-- SQL NULL, JSON null and an absent key are all missing values
SELECT pmml_predict('linear', '{"x1": 1, "x2": null, "color": "green"}'::jsonb) AS json_null,
       pmml_predict('linear', '{"x1": 1, "color": "green"}'::jsonb) AS absent,
       pmml_predict('linear', ROW(1::float8, NULL::float8, 'green'::text)::linear_in) AS sql_null;
SELECT pmml_score('defaultchild', '{"age": null, "income": null, "region": null}'::jsonb);
SELECT pmml_score(NULL, '{}'::jsonb) IS NULL AS null_model, pmml_score('iris', NULL::jsonb) IS NULL AS null_row;
-- numbers as JSON strings read as the text of a CSV cell
SELECT pmml_predict('linear', '{"x1": "1", "x2": "2", "color": "red"}'::jsonb) AS from_text;
-- a column feeding no input is ignored; names match ignoring case
SELECT pmml_predict('linear', t.*) FROM (SELECT 1.0::float8 AS "X1", 2 AS x2, 'red' AS color, 'x' AS other) t;
