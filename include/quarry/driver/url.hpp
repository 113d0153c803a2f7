// Database URLs: the one string a user writes to say which database to open
// (sqlite:///music.db, sqlite://:memory:, postgresql://...), parsed into parts.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace quarry {

/// A parsed database URL.
///
/// SQLite forms (the path is percent-decoded):
///   sqlite://  sqlite://:memory:  sqlite:///:memory:   an in-memory database
///   sqlite:///relative/path.db                          relative to the working directory
///   sqlite:////abs/path.db                              absolute
/// with optional query parameters `mode=ro|rw|rwc` (default rwc: read-write,
/// create if missing), `busy_timeout=<ms>` (default 5000),
/// `foreign_keys=on|off` (default on) and `pool_size=1..10000` (read by
/// Database). Unknown parameters are rejected.
///
/// PostgreSQL forms (scheme "postgresql"; postgres:// is the same):
///   postgresql://user:password@host:port/dbname?sslmode=require&...
/// as libpq reads them: every part is optional (libpq then takes PGHOST,
/// PGUSER, PGPASSWORD, ~/.pgpass... as psql does), a list of hosts and any
/// libpq keyword may be given as a query parameter (host=/run/postgresql for
/// a unix socket). Quarry's own `pool_size`, `quarry_statements=named|
/// unnamed` (unnamed: no server-side prepared statements, for PgBouncer's
/// transaction pooling) and `quarry_pipeline=batch_selects|sync_each`
/// (sync_each: a sync point after every statement) are taken out into
/// `query`; the
/// rest stays in `driver_url`, which libpq checks when the connection opens
/// (an unknown keyword is then a UrlError).
struct DatabaseUrl {
  std::string scheme;                        ///< "sqlite" or "postgresql"
  std::string path;                          ///< SQLite file path, or ":memory:"
  std::map<std::string, std::string> query;  ///< validated query parameters (Quarry's own)
  std::string original;                      ///< the URL as written (may hold a password)
  /// PostgreSQL: `original` without Quarry's own query parameters, for libpq.
  std::string driver_url;

  bool in_memory() const noexcept { return scheme == "sqlite" && path == ":memory:"; }
};

/// Parses `url`. Throws quarry::UrlError quoting the URL, saying what is
/// wrong and what was expected (unknown scheme, unknown query parameter...).
DatabaseUrl parse_database_url(std::string_view url);

namespace detail {
/// `url` as it may appear in a message or a log: a password in the user-info
/// part ("user:secret@host") becomes "***".
std::string redact_database_url(std::string_view url);
}  // namespace detail

}  // namespace quarry
