CREATE TABLE document (id BIGSERIAL PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft', words TSVECTOR, valid_during INT4RANGE, score DOUBLE PRECISION);
CREATE INDEX ix_document_published ON document (title) WHERE status = 'published';
CREATE INDEX ix_document_lower_title ON document (lower(title));
CREATE UNIQUE INDEX ux_document_title_status ON document (title, status);
CREATE INDEX ix_document_words ON document USING gin (words);
