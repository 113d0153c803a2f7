// Real databases for the tests of the quarry tool: a SQLite file holding the
// playground schema (plus a view), and the same in a PostgreSQL schema of its
// own on the test server.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include <quarry/quarry.hpp>
#include <quarry/schema/reflect.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/models.hpp"

namespace qt {

/// The playground tables and a view over band.
inline void create_playground(quarry::Database& db) {
  quarry::create_tables_sync(db, playground::schema());
  db.execute_sync(
      "CREATE VIEW popular_band AS SELECT name, popularity FROM band WHERE popularity > 100");
}

/// A SQLite file with the playground, closed again so that only the tool has it open.
class PlaygroundFile {
 public:
  PlaygroundFile() {
    auto db = quarry::Database::open(file_.url());
    create_playground(db);
    db.close();
  }
  std::string url() const { return file_.url(); }
  const std::filesystem::path& path() const { return file_.path(); }

 private:
  TempDbFile file_{"cli"};
};

/// The playground in a PostgreSQL schema of its own, or a skip (a failure
/// under CI=true) when there is no test server.
class PlaygroundPg {
 public:
  /// Call from a test; returns false when the test must stop (skipped).
  bool start() {
    const std::string server = postgres_url();
    if (server.empty()) {
      if (running_under_ci()) {
        ADD_FAILURE() << "QUARRY_TEST_POSTGRES_URL is not set under CI=true";
      }
      return false;
    }
    schema_.emplace(server);
    auto db = quarry::Database::open(schema_->url(), {.pool_size = 1});
    create_playground(db);
    db.close();
    return true;
  }
  std::string url() const { return schema_->url(); }
  const std::string& name() const { return schema_->name(); }

 private:
  std::optional<TempPgSchema> schema_;
};

#define QT_NEED_POSTGRES(pg)                                                                 \
  do {                                                                                       \
    if (!(pg).start()) GTEST_SKIP() << "no PostgreSQL server: set QUARRY_TEST_POSTGRES_URL"; \
  } while (0)

/// The schema reflection reads from `url`, for comparing with what the tool printed.
inline quarry::Schema reflect_url(const std::string& url) {
  auto db = quarry::Database::open(url, {.pool_size = 1});
  quarry::Schema schema = quarry::reflect_sync(db);
  db.close();
  return schema;
}

}  // namespace qt
