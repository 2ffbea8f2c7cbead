-- Errors are SQL errors carrying the PMML message; none crashes the server.
\set VERBOSITY terse

-- a document that is not PMML is never stored
SELECT pmml_model_add('bad', 'not xml at all');
SELECT pmml_check(pmml, name) FROM (VALUES (NULL::text, NULL::text)) v(pmml, name);
SELECT pmml_model_add('bad', '<PMML version="4.4" xmlns="http://www.dmg.org/PMML-4_4"><Header/></PMML>');
SELECT pmml_model_add('bad', '<?xml version="1.0"?><!DOCTYPE PMML [<!ENTITY x SYSTEM "file:///etc/passwd">]><PMML version="4.4"/>');
SELECT pmml_model_add('bad', '<PMML version="4.4" xmlns="http://www.dmg.org/PMML-4_4"><Header/><DataDictionary><DataField name="x" optype="continuous" dataType="double"/></DataDictionary><RegressionModel functionName="regression"><MiningSchema><MiningField name="nope"/></MiningSchema><RegressionTable intercept="1"/></RegressionModel></PMML>');
SELECT count(*) FROM pmml_models WHERE name = 'bad';
SELECT pmml_check('<PMML');

-- unknown model
SELECT pmml_score('nosuch', '{}'::jsonb);

-- a row the model refuses (invalidValueTreatment="returnInvalid")
SELECT pmml_score('treatments', t.*) FROM treatments t WHERE t.id = 8;
SELECT c.result->>'error' AS cli_error FROM cli c WHERE c.model = 'treatments' AND c.id = 8;

-- rows that are not objects, values that are not scalars
SELECT pmml_score('iris', '[1, 2]'::jsonb);
SELECT pmml_score('iris', '5'::jsonb);
SELECT pmml_score('iris', '{"sepal_length": [1]}'::jsonb);

-- a classification has no numeric prediction
SELECT pmml_predict('iris', i.*) FROM iris i LIMIT 1;

-- record results need a column list naming result columns
SELECT pmml_score_record('iris', i.*) FROM iris i LIMIT 1;
SELECT r.* FROM iris i, pmml_score_record('iris', i.*) AS r(nosuch text) LIMIT 1;
SELECT r.* FROM iris i, pmml_score_record('iris', i.*) AS r(predicted_species float8) LIMIT 1;

-- the session is still usable
SELECT pmml_predict('linear', '{"x1": 1, "x2": 2, "color": "red"}'::jsonb);
SELECT pmml_check(NULL) IS NULL AS null_document;
-- an untyped literal row is JSON text
SELECT pmml_predict('linear', '{"x1": 1, "x2": 2, "color": "red"}');
SELECT pmml_predict('linear', '{"x1": 1, "x2": 2');
-- a model whose rows depend on the rows before them is refused
\set transactions `cat "$PMML_TESTDATA/association-transactions/model.pmml"`
SELECT length(pmml_model_add('transactions', :'transactions'));
SELECT pmml_score('transactions', '{}'::jsonb);
SELECT pmml_model_drop('transactions');
