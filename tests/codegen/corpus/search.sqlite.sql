CREATE TABLE document (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft', shape GEOMETRY, score REAL);
CREATE INDEX ix_document_published ON document (title) WHERE "status" = 'published';
CREATE INDEX ix_document_lower_title ON document (lower("title"));
CREATE UNIQUE INDEX ux_document_title_status ON document (title, status);
