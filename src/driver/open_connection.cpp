// open_connection: from a database URL to a live Connection of the backend
// its scheme names. The one place that knows which backends this build has.
#include <quarry/driver/connection.hpp>
#include <quarry/driver/url.hpp>
#include <quarry/error.hpp>

#include "driver/sqlite/sqlite_connection.hpp"

namespace quarry {

std::unique_ptr<Connection> open_connection(std::string_view url) {
  const DatabaseUrl parsed = parse_database_url(url);
  if (parsed.scheme == "sqlite") return std::make_unique<detail::SqliteConnection>(parsed);
  // The URL is not quoted: it may carry a password.
  throw ConnectionError("postgresql:// URLs are not supported by this build yet");
}

}  // namespace quarry
