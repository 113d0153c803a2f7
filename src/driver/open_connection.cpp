// open_connection (blocking) and open_connection_async (awaitable): from a
// database URL to a live Connection of the backend its scheme names. The one
// place that knows which backends this build has.
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

Task<std::unique_ptr<Connection>> open_connection_async(std::string url) {
  const DatabaseUrl parsed = parse_database_url(url);
  if (parsed.scheme == "postgresql") co_return co_await detail::PgConnection::open_async(parsed);
  // SQLite opens a file: quick, and what its worker thread would do anyway.
  co_return open_connection(url);
}

}  // namespace quarry
