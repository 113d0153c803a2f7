// The pool across a server restart, on a throwaway server of the test's own
// (scripts/pg-server.sh), so that restarting it disturbs no other test
// running in parallel: the program keeps its Database, connections of the
// old server are dropped, new checkouts reach the new one. PostgreSQL only.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace playground;

// From the source tree, not __FILE__: CI's ccache base directory makes
// __FILE__ relative to the build directory.
const std::string pg_server_script =
    (std::filesystem::path(QUARRY_TEST_SOURCE_DIR) / ".." / "scripts" / "pg-server.sh")
        .lexically_normal()
        .string();

/// Runs `command` in a shell; its standard output, or nullopt when it failed.
std::optional<std::string> shell(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
    out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  if (status != 0) return std::nullopt;
  return out;
}

/// The value of `export NAME=...` in pg-server.sh's output (printf %q: the
/// URL and directory it prints need no unquoting).
std::string exported(const std::string& env, const std::string& name) {
  const std::string key = "export " + name + "=";
  const std::size_t at = env.find(key);
  if (at == std::string::npos) return {};
  const std::size_t begin = at + key.size();
  return env.substr(begin, env.find('\n', begin) - begin);
}

/// A server of the test's own, stopped and removed on destruction.
class OwnServer {
 public:
  OwnServer() {
    auto env = shell("bash '" + pg_server_script + "' start 2>/dev/null");
    if (!env) return;
    url_ = exported(*env, "QUARRY_TEST_POSTGRES_URL");
    dir_ = exported(*env, "QUARRY_PG_DIR");
  }
  ~OwnServer() {
    if (!dir_.empty())
      (void)shell("bash '" + pg_server_script + "' stop '" + dir_ + "' 2>/dev/null");
  }
  OwnServer(const OwnServer&) = delete;
  OwnServer& operator=(const OwnServer&) = delete;

  bool started() const { return !url_.empty() && !dir_.empty(); }
  const std::string& url() const { return url_; }
  void restart() const {
    if (!shell("bash '" + pg_server_script + "' restart '" + dir_ + "' 2>&1")) {
      throw std::runtime_error("pg-server.sh restart failed");
    }
  }

 private:
  std::string url_, dir_;
};

TEST(PgRestart, AfterAServerRestartNewCheckoutsWorkAndOldConnectionsAreDropped) {
  if (qt::postgres_url().empty() && !qt::running_under_ci()) {
    GTEST_SKIP() << "no PostgreSQL test server configured (QUARRY_TEST_POSTGRES_URL)";
  }
  OwnServer server;
  ASSERT_TRUE(server.started()) << "scripts/pg-server.sh start failed: " << pg_server_script;

  auto db = Database::open(server.url(), {.pool_size = 3});
  create_tables_sync(db, qt::test_schema());
  qt::seed_playground(db);
  qt::advance_key_sequences(db, qt::test_schema());
  // Three connections open and idle in the pool: two held at once by
  // blocking transactions, and the shared one of the awaited reads.
  db.transaction_sync([&](Transaction&) {
    db.transaction_sync([&](Transaction& tx) { EXPECT_EQ(select(band.id).count_sync(tx), 3); });
  });
  EXPECT_EQ(run_sync(select(band.id).count(db)), 3);

  server.restart();

  // Every pooled connection belongs to the old server: the checkout finds
  // each closed, drops it and opens a fresh one, so no call fails.
  EXPECT_EQ(select(band.id).count_sync(db), 3) << "a blocking checkout after the restart";
  EXPECT_EQ(run_sync(select(band.id).count(db)), 3) << "an awaited one";
  db.transaction_sync([&](Transaction& tx) {
    insert(manager).values(Manager{0, "after restart"}).run_sync(tx);
  });
  EXPECT_EQ(select(manager.id).where(manager.name == "after restart").count_sync(db), 1);
  auto frozen = select(band.name).where(band.id == param<std::int64_t>(0)).freeze();
  EXPECT_EQ(frozen.run_sync(db, 2).at(0), "Rustaceans")
      << "frozen statements are prepared again on the new connections";
  db.close();
}

}  // namespace
