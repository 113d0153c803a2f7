CREATE TABLE artist (id INTEGER PRIMARY KEY, name VARCHAR(120) NOT NULL, CONSTRAINT artist_name_key UNIQUE (name));
CREATE TABLE album (id INTEGER PRIMARY KEY, title TEXT NOT NULL, artist_id BIGINT NOT NULL,
  released SMALLINT,
  CONSTRAINT album_artist_id_fkey FOREIGN KEY (artist_id) REFERENCES artist (id) ON DELETE CASCADE);
CREATE INDEX ix_album_artist_id ON album (artist_id);
CREATE TABLE track (id INTEGER PRIMARY KEY, album_id BIGINT, name TEXT NOT NULL,
  milliseconds INTEGER NOT NULL DEFAULT 0, unit_price DECIMAL_TEXT(6, 2) NOT NULL DEFAULT '0.99',
  CONSTRAINT track_album_id_fkey FOREIGN KEY (album_id) REFERENCES album (id) ON DELETE SET NULL);
CREATE INDEX ix_track_name ON track (name);
