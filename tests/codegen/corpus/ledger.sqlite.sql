CREATE TABLE book (code VARCHAR(8) NOT NULL, year INTEGER NOT NULL, title TEXT NOT NULL, PRIMARY KEY (code, year));
CREATE TABLE entry (id INTEGER PRIMARY KEY, book_code VARCHAR(8) NOT NULL, book_year INTEGER NOT NULL,
  amount DECIMAL_TEXT(14, 2) NOT NULL, memo TEXT,
  CONSTRAINT entry_book_code_book_year_fkey FOREIGN KEY (book_code, book_year) REFERENCES book (code, year)
    ON DELETE RESTRICT ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED);
CREATE TABLE entry_link (from_id BIGINT NOT NULL, to_id BIGINT NOT NULL, kind TEXT NOT NULL DEFAULT 'transfer',
  PRIMARY KEY (from_id, to_id),
  CONSTRAINT entry_link_from_id_fkey FOREIGN KEY (from_id) REFERENCES entry (id) DEFERRABLE,
  CONSTRAINT entry_link_to_id_fkey FOREIGN KEY (to_id) REFERENCES entry (id) DEFERRABLE);
