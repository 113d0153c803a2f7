CREATE TABLE document (id BIGSERIAL PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft', words TSVECTOR, valid_during INT4RANGE, score DOUBLE PRECISION,
  labels TEXT[] NOT NULL DEFAULT '{}', code VARCHAR(20));
CREATE INDEX ix_document_published ON document (title) WHERE status = 'published';
CREATE INDEX ix_document_lower_title ON document (lower(title));
CREATE UNIQUE INDEX ux_document_title_status ON document (title, status);
CREATE INDEX ix_document_words ON document USING gin (words);
CREATE INDEX ix_document_labels ON document USING gin (labels);
CREATE INDEX ix_document_valid_during ON document USING gist (valid_during);
CREATE INDEX ix_document_score ON document USING brin (score);
CREATE INDEX ix_document_status ON document USING hash (status);
CREATE INDEX ix_document_title_pattern ON document (title text_pattern_ops, status);
CREATE INDEX ix_document_code_body ON document (code, lower(body) text_pattern_ops);
