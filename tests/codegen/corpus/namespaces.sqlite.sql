CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, feeling TEXT NOT NULL DEFAULT 'ok',
  tags TEXT NOT NULL DEFAULT '{}', scores TEXT, trial TEXT);
CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer_id BIGINT NOT NULL, total DECIMAL_TEXT(12, 2) NOT NULL,
  CONSTRAINT invoice_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customer (id));
