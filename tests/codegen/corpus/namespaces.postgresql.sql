-- schemas: sales
CREATE SCHEMA sales;
CREATE TYPE mood AS ENUM ('happy', 'ok', 'sad');
CREATE TABLE customer (id BIGSERIAL PRIMARY KEY, name TEXT NOT NULL, feeling mood NOT NULL DEFAULT 'ok',
  tags TEXT[] NOT NULL DEFAULT '{}', scores INTEGER[], trial INTERVAL);
COMMENT ON TABLE customer IS 'People who buy';
COMMENT ON COLUMN customer.name IS 'As they write it';
CREATE TABLE sales.invoice (id BIGSERIAL PRIMARY KEY, customer_id BIGINT NOT NULL, total NUMERIC(12, 2) NOT NULL,
  CONSTRAINT invoice_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customer (id));
