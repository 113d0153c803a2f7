CREATE TABLE region (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, feeling TEXT NOT NULL DEFAULT 'ok',
  tags TEXT NOT NULL DEFAULT '{}', scores TEXT, trial TEXT, last_mood TEXT,
  region_id BIGINT REFERENCES region (id) ON DELETE SET NULL);
CREATE TABLE invoice (id INTEGER PRIMARY KEY, customer_id BIGINT NOT NULL, total DECIMAL_TEXT(12, 2) NOT NULL,
  stage TEXT NOT NULL DEFAULT 'draft', shipping TEXT, replaces_id BIGINT,
  CONSTRAINT invoice_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customer (id),
  CONSTRAINT invoice_replaces_id_fkey FOREIGN KEY (replaces_id) REFERENCES invoice (id));
