// open_connection: from a database URL to a live Connection of the backend
// its scheme names. The one place that knows which backends this build has.
#include <quarry/driver/connection.hpp>
#include <quarry/driver/url.hpp>
#include <quarry/error.hpp>

#include "driver/postgresql/pg_connection.hpp"
#include "driver/sqlite/sqlite_connection.hpp"

namespace quarry {

std::unique_ptr<Connection> open_connection(std::string_view url) {
  const DatabaseUrl parsed = parse_database_url(url);
  if (parsed.scheme == "sqlite") return std::make_unique<detail::SqliteConnection>(parsed);
  if (parsed.scheme == "postgresql") return std::make_unique<detail::PgConnection>(parsed);
  // parse_database_url knows no other scheme; a new one must be added here too.
  throw UsageError("no backend for database URL scheme \"" + parsed.scheme + "://\"");
}

}  // namespace quarry
