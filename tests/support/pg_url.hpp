// The test server's PostgreSQL URL cut in parts, so that a test can point it
// elsewhere (another port, a wrong password, a missing database).
#pragma once

#include <string>

namespace qt {

/// postgresql://user:password@host:port/database?query, as the test scripts
/// write it (a password and a port are always there).
struct PgUrlParts {
  std::string scheme_and_user;  // "postgresql://user"
  std::string password;
  std::string host;
  std::string port;
  std::string database;
  std::string query;  // with its '?', or ""

  explicit PgUrlParts(const std::string& url) {
    const std::size_t at = url.rfind('@');
    const std::size_t colon = url.find(':', url.find("://") + 3);
    scheme_and_user = url.substr(0, colon);
    password = url.substr(colon + 1, at - colon - 1);
    const std::size_t slash = url.find('/', at);
    const std::string hostport = url.substr(at + 1, slash - at - 1);
    host = hostport.substr(0, hostport.rfind(':'));
    port = hostport.substr(hostport.rfind(':') + 1);
    const std::size_t q = url.find('?', slash);
    database = url.substr(slash + 1, q == std::string::npos ? std::string::npos : q - slash - 1);
    query = q == std::string::npos ? "" : url.substr(q);
  }
  /// The URL again, with its parts as they are now.
  std::string str() const { return without_query() + query; }
  /// The URL with `other_query` ("?connect_timeout=1") in place of its own.
  std::string str(const std::string& other_query) const { return without_query() + other_query; }

 private:
  std::string without_query() const {
    return scheme_and_user + ":" + password + "@" + host + ":" + port + "/" + database;
  }
};

}  // namespace qt
