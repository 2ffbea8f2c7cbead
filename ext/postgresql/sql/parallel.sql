-- A parallel plan scores in its workers with the same results as a serial one.
\set VERBOSITY terse
CREATE TABLE iris_big AS
    SELECT row_number() OVER () AS id, i.sepal_length, i.sepal_width, i.petal_length,
           i.petal_width
    FROM generate_series(1, 200) g, iris i;
ANALYZE iris_big;

SET max_parallel_workers_per_gather = 0;
CREATE TABLE serial AS SELECT id, pmml_score('iris', b.*) AS result FROM iris_big b;
CREATE TABLE serial_pred AS SELECT id, pmml_predict('linear', jsonb_build_object(
    'x1', b.sepal_length, 'x2', b.petal_width, 'color', 'red')) AS p FROM iris_big b;

SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF, VERBOSE)
SELECT id, pmml_score('iris', b.*) FROM iris_big b;

-- workers were launched and scored every row
CREATE FUNCTION workers_launched(q text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE plan json;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || q INTO plan;
    RETURN (plan->0->'Plan'->>'Workers Launched')::int;
END $$;
SELECT workers_launched('SELECT id, pmml_score(''iris'', b.*) FROM iris_big b') > 0 AS parallel;

SELECT count(*) AS rows,
       count(*) FILTER (WHERE p.result = s.result) AS same
FROM (SELECT id, pmml_score('iris', b.*) AS result FROM iris_big b) p JOIN serial s USING (id);
SELECT count(*) AS rows,
       count(*) FILTER (WHERE p.p = s.p) AS same
FROM (SELECT id, pmml_predict('linear', jsonb_build_object(
          'x1', b.sepal_length, 'x2', b.petal_width, 'color', 'red')) AS p FROM iris_big b) p
     JOIN serial_pred s USING (id);
SELECT r.predicted_species, count(*)
FROM iris_big b, pmml_score_record('iris', b.*) AS r(predicted_species text)
GROUP BY 1 ORDER BY 1;
-- errors raised in a worker reach the client
SELECT count(*) FROM iris_big b WHERE pmml_predict('iris', b.*) > 0;
