CREATE TABLE author (id INTEGER PRIMARY KEY, email VARCHAR(200) NOT NULL, display_name TEXT NOT NULL,
  CONSTRAINT author_email_key UNIQUE (email));
CREATE TABLE post (id INTEGER PRIMARY KEY, author_id BIGINT NOT NULL, slug VARCHAR(80) NOT NULL,
  title TEXT NOT NULL, body TEXT NOT NULL DEFAULT '', published BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT post_author_id_slug_key UNIQUE (author_id, slug),
  CONSTRAINT post_author_id_fkey FOREIGN KEY (author_id) REFERENCES author (id) ON DELETE CASCADE);
CREATE TABLE tag (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL, CONSTRAINT tag_name_key UNIQUE (name));
CREATE TABLE post_tag (post_id BIGINT NOT NULL, tag_id BIGINT NOT NULL, PRIMARY KEY (post_id, tag_id),
  CONSTRAINT post_tag_post_id_fkey FOREIGN KEY (post_id) REFERENCES post (id) ON DELETE CASCADE,
  CONSTRAINT post_tag_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES tag (id) ON DELETE CASCADE);
