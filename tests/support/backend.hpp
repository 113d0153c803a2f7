// One behavioural suite, two backends: a fixture that gives each test a fresh
// database holding the test schema, on SQLite (in memory) or on PostgreSQL
// (a schema of its own on the server of QUARRY_TEST_POSTGRES_URL, dropped
// after the test), and the parameter list the suites are instantiated with.
//
//   class Select : public qt::BackendTest { ... };
//   TEST_P(Select, ...) { ... db ... }
//   QT_INSTANTIATE_FOR_BACKENDS(Select);
//
// Without a server the PostgreSQL instances skip, except under CI=true, where
// they fail: CI must not pass by testing nothing. A test that one backend
// cannot pass says why with QT_ONLY_ON(Backend, "reason").
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <unistd.h>

#include <quarry/quarry.hpp>

#include "support/db.hpp"
#include "support/models.hpp"

namespace qt {

enum class Backend { sqlite, postgresql };

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::sqlite ? "sqlite" : "postgresql";
}

/// How gtest prints the parameter (instead of its bytes).
inline void PrintTo(Backend b, std::ostream* os) {
  *os << (b == Backend::sqlite ? "sqlite" : "postgresql");
}

/// The test server's URL, or empty.
inline std::string postgres_url() {
  const char* url = std::getenv("QUARRY_TEST_POSTGRES_URL");
  return url != nullptr ? url : "";
}

inline bool running_under_ci() {
  const char* ci = std::getenv("CI");
  return ci != nullptr && std::string_view(ci) == "true";
}

/// A PostgreSQL schema of its own for one test, created on construction and
/// dropped (with everything in it) on destruction; url() connects with it
/// first on the search_path, so that unqualified table names land in it.
class TempPgSchema {
 public:
  explicit TempPgSchema(std::string server_url) : server_url_(std::move(server_url)) {
    static std::atomic<int> counter{0};
    name_ = "qt_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    admin().execute_sync("DROP SCHEMA IF EXISTS \"" + name_ + "\" CASCADE");
    admin().execute_sync("CREATE SCHEMA \"" + name_ + "\"");
  }
  ~TempPgSchema() {
    try {
      admin().execute_sync("DROP SCHEMA IF EXISTS \"" + name_ + "\" CASCADE");
    } catch (...) {
      // A test that broke the server (or the network) must not abort the run.
    }
  }
  TempPgSchema(const TempPgSchema&) = delete;
  TempPgSchema& operator=(const TempPgSchema&) = delete;

  const std::string& name() const { return name_; }
  /// The server URL with `options=-c search_path=<schema>` added, and more
  /// server options (URL-encoded, like "-cstatement_timeout%3D200") and
  /// URL parameters when given.
  std::string url(std::string_view extra_query = {}, std::string_view extra_options = {}) const {
    std::string u = server_url_;
    u += u.find('?') == std::string::npos ? '?' : '&';
    u += "options=-csearch_path%3D" + name_;
    if (!extra_options.empty()) {
      u += "%20";
      u += extra_options;
    }
    if (!extra_query.empty()) {
      u += '&';
      u += extra_query;
    }
    return u;
  }

 private:
  quarry::Database& admin() {
    if (!admin_) admin_.emplace(quarry::Database::open(server_url_, {.pool_size = 1}));
    return *admin_;
  }
  std::string server_url_;
  std::string name_;
  std::optional<quarry::Database> admin_;
};

/// After explicit keys were inserted on PostgreSQL, moves each table's key
/// sequence past them so that the next generated key does not collide (SQLite
/// needs nothing: its next rowid is max(rowid) + 1).
inline void advance_key_sequences(quarry::Session& db, const quarry::Schema& schema) {
  if (db.dialect().name() != "postgresql") return;
  for (const auto& table : schema.tables) {
    const std::string_view key = table.generated_key();
    if (key.empty()) continue;
    const std::string t = "\"" + table.name + "\"";
    const std::string k = "\"" + std::string(key) + "\"";
    db.execute_sync("SELECT setval(pg_get_serial_sequence('" + t + "', '" + std::string(key) +
                    "'), coalesce((SELECT max(" + k + ") FROM " + t + "), 0) + 1, false)");
  }
}

/// The fixture of the suites that run on both backends: `db` holds the empty
/// tables of test_schema(). Derived fixtures that override SetUp call
/// BackendTest::SetUp() first and return when it skipped or failed.
class BackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::sqlite) {
      db = memory_db();
      return;
    }
    const std::string url = postgres_url();
    if (url.empty()) {
      if (running_under_ci()) {
        FAIL() << "QUARRY_TEST_POSTGRES_URL is not set under CI=true; scripts/test.sh starts a "
                  "server with scripts/pg-server.sh";
      }
      GTEST_SKIP() << "no PostgreSQL server: set QUARRY_TEST_POSTGRES_URL (eval \"$(scripts/"
                      "pg-server.sh start)\" starts one)";
    }
    pg_schema_.emplace(url);
    db = quarry::Database::open(pg_schema_->url());
    quarry::create_tables_sync(db, test_schema());
  }
  void TearDown() override {
    db.close();  // the connections end before their schema is dropped
    pg_schema_.reset();
  }

  /// True when SetUp skipped or failed: a derived SetUp returns at once.
  bool setup_stopped() const { return IsSkipped() || HasFatalFailure(); }
  bool on_postgres() const { return GetParam() == Backend::postgresql; }
  bool on_sqlite() const { return GetParam() == Backend::sqlite; }
  /// The seeded playground data set, keys advanced past it on PostgreSQL.
  void seed() {
    seed_playground(db);
    advance_key_sequences(db, test_schema());
  }

  std::optional<TempPgSchema> pg_schema_;
  /// The test's database. It starts as an empty in-memory SQLite database,
  /// since a Database is never empty, and SetUp replaces it.
  quarry::Database db = quarry::Database::open("sqlite://:memory:");
};

}  // namespace qt

/// Runs the suite once per backend: Suite/sqlite.Name and Suite/postgresql.Name.
#define QT_INSTANTIATE_FOR_BACKENDS(Suite)                                                      \
  INSTANTIATE_TEST_SUITE_P(, Suite,                                                             \
                           ::testing::Values(::qt::Backend::sqlite, ::qt::Backend::postgresql), \
                           ::qt::backend_name)

/// Skips the test on the other backend, saying why it is one backend's only.
#define QT_ONLY_ON(backend, why)                                     \
  do {                                                               \
    if (GetParam() != ::qt::Backend::backend) GTEST_SKIP() << (why); \
  } while (0)
