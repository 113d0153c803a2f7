-- schemas: sales
CREATE SCHEMA sales;
CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad');
CREATE TYPE shipping AS ENUM ('next day', 'two-day', 'class');
CREATE TYPE sales.stage AS ENUM ('draft', 'sent', 'paid');
CREATE TABLE sales.region (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE customer (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, feeling mood NOT NULL DEFAULT 'ok',
  tags TEXT[] NOT NULL DEFAULT '{}', scores INTEGER[], trial INTERVAL, last_mood mood,
  region_id BIGINT REFERENCES sales.region (id) ON DELETE SET NULL);
COMMENT ON TABLE customer IS 'People who buy';
COMMENT ON COLUMN customer.name IS 'As they write it';
CREATE TABLE sales.invoice (id BIGSERIAL PRIMARY KEY, customer_id BIGINT NOT NULL, total NUMERIC(12, 2) NOT NULL,
  stage sales.stage NOT NULL DEFAULT 'draft', shipping shipping, replaces_id BIGINT,
  CONSTRAINT invoice_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT invoice_replaces_id_fkey FOREIGN KEY (replaces_id) REFERENCES sales.invoice (id));
