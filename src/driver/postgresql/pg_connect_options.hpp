// From a postgresql:// URL to the keywords and values libpq connects with.
// Internal to the PostgreSQL backend.
#pragma once

#include <quarry/driver/url.hpp>

#include <string>
#include <vector>

namespace quarry::detail {

/// The connection keywords for PQconnectdbParams / PQconnectStartParams.
///
/// libpq reads the URL itself (PQconninfoParse), so every libpq keyword and
/// URL form works, and what the URL leaves out comes from libpq's usual
/// environment (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGSSLMODE, ~/.pgpass...).
/// On top, Quarry sets client_encoding=UTF8 (Quarry's text is UTF-8),
/// fallback_application_name=quarry, and connect_timeout=10 unless the URL
/// or PGCONNECT_TIMEOUT says otherwise (an unreachable host fails in seconds,
/// not after the system's TCP timeout).
class PgConnectOptions {
 public:
  /// Throws UrlError (quoting the URL with its password hidden) when libpq
  /// cannot read the URL, for an unknown keyword, or for a bad port.
  explicit PgConnectOptions(const DatabaseUrl& url);

  /// NULL-terminated arrays, valid as long as this object.
  const char* const* keywords() const noexcept { return keyword_ptrs_.data(); }
  const char* const* values() const noexcept { return value_ptrs_.data(); }

 private:
  void set(const std::string& keyword, const std::string& value);

  std::vector<std::string> keywords_;
  std::vector<std::string> values_;
  std::vector<const char*> keyword_ptrs_;
  std::vector<const char*> value_ptrs_;
};

}  // namespace quarry::detail
