-- Each backend compiles a model version once; a replaced model is used from
-- the next statement on.
\set VERBOSITY terse
\c
SELECT count(*) FROM pmml_cache();
SELECT count(*), sum(pmml_predict('linear', l.*)) FROM linear l, generate_series(1, 1000);
SELECT count(*) AS models, max(compiles) AS compiles, max(in_use) AS in_use FROM pmml_cache();
SELECT sum(pmml_predict('linear', l.*)) FROM linear l;
SELECT count(*) AS models, max(compiles) AS compiles FROM pmml_cache();

-- replace the model: intercept 1.5 becomes 100.5
SELECT pmml_predict('linear', '{"x1": 0, "x2": 0, "color": "blue"}'::jsonb) AS before;
SELECT length(pmml_model_add('linear', replace(pmml, 'intercept="1.5"', 'intercept="100.5"')))
FROM pmml_models WHERE name = 'linear';
SELECT pmml_predict('linear', '{"x1": 0, "x2": 0, "color": "blue"}'::jsonb) AS after;
SELECT count(*) AS models, max(compiles) AS compiles FROM pmml_cache();

-- within one transaction too, statement by statement
BEGIN;
SELECT length(pmml_model_add('linear', replace(pmml, 'intercept="100.5"', 'intercept="1.5"')))
FROM pmml_models WHERE name = 'linear';
SELECT pmml_predict('linear', '{"x1": 0, "x2": 0, "color": "blue"}'::jsonb) AS restored;
ROLLBACK;
SELECT pmml_predict('linear', '{"x1": 0, "x2": 0, "color": "blue"}'::jsonb) AS rolled_back;
SELECT length(pmml_model_add('linear', replace(pmml, 'intercept="100.5"', 'intercept="1.5"')))
FROM pmml_models WHERE name = 'linear';

-- dropping
SELECT pmml_model_add('tmp', pmml) IS NOT NULL FROM pmml_models WHERE name = 'linear';
SELECT pmml_model_drop('tmp'), pmml_model_drop('tmp');
SELECT pmml_predict('tmp', '{}'::jsonb);

-- more models than the cache holds: old ones are evicted, none leaks
DO $$
BEGIN
  FOR i IN 1..40 LOOP
    PERFORM pmml_model_add('v' || i, replace(pmml, 'intercept="1.5"', format('intercept="%s"', i)))
    FROM pmml_models WHERE name = 'linear';
    PERFORM pmml_predict('v' || i, '{"x1": 0, "x2": 0, "color": "blue"}'::jsonb);
  END LOOP;
END $$;
SELECT count(*) <= 16 AS bounded, max(in_use) AS in_use FROM pmml_cache();
SELECT pmml_predict('v' || i, '{"x1": 0, "x2": 0, "color": "blue"}'::jsonb) FROM generate_series(38, 40) i;
SELECT count(pmml_model_drop(name)) FROM pmml_models WHERE name ~ '^v[0-9]+$';
