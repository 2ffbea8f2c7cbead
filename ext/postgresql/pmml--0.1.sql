/* ext/postgresql/pmml--0.1.sql */

\echo Use "CREATE EXTENSION pmml" to load this file. \quit

-- The models: one row per model name.  hash is the SHA-256 of the text;
-- each backend caches compiled models by it.
CREATE TABLE @extschema@.pmml_models (
    name text PRIMARY KEY,
    pmml text NOT NULL,
    hash text NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now()
);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.pmml_models', '');

-- Loads a document and returns its model type, or raises the PMML error
-- (which calls the document `name`).
CREATE FUNCTION @extschema@.pmml_check(pmml text, name text DEFAULT 'document') RETURNS text
    AS 'MODULE_PATHNAME', 'pmml_check'
    LANGUAGE C IMMUTABLE PARALLEL SAFE;

-- Adds a model, or replaces the model of that name.  The document is
-- checked first: a model that cannot be loaded is never stored.  Returns
-- the content hash.
CREATE FUNCTION @extschema@.pmml_model_add(name text, pmml text) RETURNS text
    LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    h text := encode(sha256(convert_to(pmml, 'UTF8')), 'hex');
BEGIN
    PERFORM @extschema@.pmml_check(pmml, name);
    INSERT INTO @extschema@.pmml_models AS m (name, pmml, hash, loaded_at)
        VALUES (pmml_model_add.name, pmml_model_add.pmml, h, now())
        ON CONFLICT ON CONSTRAINT pmml_models_pkey
        DO UPDATE SET pmml = EXCLUDED.pmml, hash = EXCLUDED.hash, loaded_at = EXCLUDED.loaded_at;
    RETURN h;
END
$$;

-- Removes a model; true when there was one.
CREATE FUNCTION @extschema@.pmml_model_drop(name text) RETURNS boolean
    LANGUAGE sql VOLATILE STRICT PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
    BEGIN ATOMIC
        WITH d AS (DELETE FROM @extschema@.pmml_models m WHERE m.name = pmml_model_drop.name
                   RETURNING 1)
        SELECT count(*) > 0 FROM d;
    END;

-- Input fields and result columns of a document, in scoring order.
CREATE FUNCTION @extschema@.pmml_describe(pmml text,
        OUT kind text, OUT "position" integer, OUT field text, OUT datatype text,
        OUT optype text, OUT "values" text[])
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'pmml_describe'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Every stored model's inputs and results.
CREATE VIEW @extschema@.pmml_model_fields AS
    SELECT m.name AS model, d.kind, d."position", d.field, d.datatype, d.optype, d."values"
    FROM @extschema@.pmml_models m, LATERAL @extschema@.pmml_describe(m.pmml) d;

-- A column definition list for pmml_score_record(): every result column of
-- the model with its SQL type.
CREATE FUNCTION @extschema@.pmml_model_columns(name text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    BEGIN ATOMIC
        SELECT string_agg(format('%I %s', f.field,
                   CASE f.datatype
                       WHEN 'double' THEN 'double precision'
                       WHEN 'float' THEN 'double precision'
                       WHEN 'integer' THEN 'bigint'
                       WHEN 'boolean' THEN 'boolean'
                       ELSE 'text' END), ', ' ORDER BY f."position")
        FROM @extschema@.pmml_model_fields f
        WHERE f.model = pmml_model_columns.name AND f.kind = 'output';
    END;

-- Scoring.  The row is a jsonb object keyed by input field name, or a
-- composite row (t.*) whose columns are matched to input fields by name, or
-- JSON text (which an untyped literal is taken for).
-- JSON null, an absent key and SQL NULL are missing values.  The functions
-- read the models table, so they are STABLE: for a given model version they
-- always give the same result, and a model replaced with pmml_model_add()
-- is used from the next statement on.
CREATE FUNCTION @extschema@.pmml_score(model text, "row" jsonb) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'pmml_score_jsonb'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.pmml_score(model text, "row" record) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'pmml_score_row'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.pmml_predict(model text, "row" jsonb) RETURNS double precision
    AS 'MODULE_PATHNAME', 'pmml_predict_jsonb'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.pmml_predict(model text, "row" record) RETURNS double precision
    AS 'MODULE_PATHNAME', 'pmml_predict_row'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.pmml_score_record(model text, "row" jsonb) RETURNS record
    AS 'MODULE_PATHNAME', 'pmml_score_record_jsonb'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.pmml_score_record(model text, "row" record) RETURNS record
    AS 'MODULE_PATHNAME', 'pmml_score_record_row'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.pmml_score(model text, "row" text) RETURNS jsonb
    AS 'MODULE_PATHNAME', 'pmml_score_text'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.pmml_predict(model text, "row" text) RETURNS double precision
    AS 'MODULE_PATHNAME', 'pmml_predict_text'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.pmml_score_record(model text, "row" text) RETURNS record
    AS 'MODULE_PATHNAME', 'pmml_score_record_text'
    LANGUAGE C STABLE STRICT PARALLEL SAFE;

-- This backend's compiled models.
CREATE FUNCTION @extschema@.pmml_cache(OUT hash text, OUT in_use integer,
        OUT statements bigint, OUT memory_bytes bigint, OUT compiles bigint)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'pmml_cache'
    LANGUAGE C VOLATILE PARALLEL RESTRICTED;
