CREATE TABLE account (id INTEGER PRIMARY KEY, login VARCHAR(64) NOT NULL, balance_cents BIGINT NOT NULL DEFAULT 0,
  active BOOLEAN NOT NULL DEFAULT TRUE, nickname TEXT,
  CONSTRAINT account_login_key UNIQUE (login),
  CONSTRAINT account_balance_not_negative CHECK ("balance_cents" >= 0),
  CONSTRAINT account_login_not_empty CHECK (length("login") > 0));
CREATE TABLE profile (id INTEGER PRIMARY KEY, account_id BIGINT NOT NULL, bio TEXT,
  avatar BLOB, CONSTRAINT profile_account_id_key UNIQUE (account_id),
  CONSTRAINT profile_account_id_fkey FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE);
