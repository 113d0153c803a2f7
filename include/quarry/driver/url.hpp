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
/// postgresql:// and postgres:// URLs keep scheme "postgresql" and the whole
/// URL in `original`; their parts are the PostgreSQL driver's business.
struct DatabaseUrl {
  std::string scheme;                        ///< "sqlite" or "postgresql"
  std::string path;                          ///< SQLite file path, or ":memory:"
  std::map<std::string, std::string> query;  ///< validated query parameters
  std::string original;                      ///< the URL as written (may hold a password)

  bool in_memory() const noexcept { return scheme == "sqlite" && path == ":memory:"; }
};

/// Parses `url`. Throws quarry::UrlError quoting the URL, saying what is
/// wrong and what was expected (unknown scheme, unknown query parameter...).
DatabaseUrl parse_database_url(std::string_view url);

}  // namespace quarry
