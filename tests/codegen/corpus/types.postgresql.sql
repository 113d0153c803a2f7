CREATE TABLE everything (id BIGSERIAL PRIMARY KEY, small SMALLINT NOT NULL, medium INTEGER NOT NULL,
  big BIGINT NOT NULL, real_number DOUBLE PRECISION NOT NULL, exact NUMERIC NOT NULL, money NUMERIC(10, 2),
  words TEXT NOT NULL, code VARCHAR(20) NOT NULL, flag BOOLEAN NOT NULL, data BYTEA, day DATE,
  at_time TIME, happened TIMESTAMP, happened_tz TIMESTAMPTZ, uid UUID, doc JSONB,
  plain_doc JSON, plain_doc_nn JSON NOT NULL DEFAULT '{}');
