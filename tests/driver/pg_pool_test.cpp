// The pool on PostgreSQL, against a real server: many coroutines sharing few
// pipelined connections (on one loop thread and on several), and the faults
// a production pool must survive: a backend killed mid-query and
// mid-transaction, and a statement timeout. PostgreSQL only: SQLite's pool
// is tested in tests/query/async_test.cpp.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace playground;
namespace asio = boost::asio;

class PgPool : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string url = qt::postgres_url();
    if (url.empty()) {
      if (qt::running_under_ci()) FAIL() << "QUARRY_TEST_POSTGRES_URL is not set under CI=true";
      GTEST_SKIP() << "no PostgreSQL server: set QUARRY_TEST_POSTGRES_URL";
    }
    schema_.emplace(url);
    auto setup = Database::open(schema_->url(), {.pool_size = 1});
    create_tables_sync(setup, qt::test_schema());
    qt::seed_playground(setup);
    qt::advance_key_sequences(setup, qt::test_schema());
  }

  /// A Database on the test's schema; `options` adds server settings.
  Database open(std::size_t pool_size, std::string_view options = {}) const {
    return Database::open(schema_->url({}, options), {.pool_size = pool_size});
  }
  /// The slow query terminate_backends() ends: marked with this test's
  /// schema, so that tests running in parallel end only their own.
  std::string slow_query() const {
    return "SELECT pg_sleep(10) /* quarry-pg-pool-test " + schema_->name() + " */";
  }
  /// Ends the sessions running slow_query() (as an administrator would with
  /// pg_terminate_backend), from a connection of its own. Another test's
  /// call, whose text holds another schema's mark, is never among them. It
  /// waits until the query is running: on a loaded machine the test's thread
  /// may not have sent it yet, and a kill that found nothing would leave the
  /// test waiting out the whole pg_sleep.
  void terminate_backends() const {
    auto admin = Database::open(schema_->url(), {.pool_size = 1});
    const auto killed = select(raw<std::int64_t>(
        // FILTER runs on the rows WHERE kept, never on another session.
        "(SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE pid <> pg_backend_pid() AND datname = current_database() AND query = ?)",
        slow_query()));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(8);
    while (killed.run_sync(admin).at(0) == 0) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the slow query never started";
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  std::optional<qt::TempPgSchema> schema_;
};

/// The names of bands 1..3, as each task reads them.
const std::vector<std::string> band_names = {"Pythonistas", "Rustaceans", "C-Sharps"};

Task<void> read_band(Database& db, int i, std::atomic<int>& ok) {
  const std::int64_t id = i % 3 + 1;
  auto name = co_await select(band.name).where(band.id == id).first(db);
  if (name && *name == band_names[static_cast<std::size_t>(id - 1)]) ++ok;
}

/// Spawns `n` read_band tasks on `threads` threads running one io_context.
int run_readers(Database& db, int n, int threads) {
  asio::io_context io(threads);
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  for (int i = 0; i < n; ++i) {
    asio::co_spawn(io, read_band(db, i, ok), [&](std::exception_ptr e) {
      if (e) ++failed;
    });
  }
  std::vector<std::thread> more;
  for (int t = 1; t < threads; ++t) more.emplace_back([&] { io.run(); });
  io.run();
  for (auto& t : more) t.join();
  EXPECT_EQ(failed.load(), 0);
  return ok.load();
}

TEST_F(PgPool, TenThousandCoroutinesShareAPoolOfTenAndAllComplete) {
  auto db = open(10);
  EXPECT_EQ(run_readers(db, 10'000, 1), 10'000);
  EXPECT_EQ(select(band.id).count_sync(db), 3) << "the pool is still usable afterwards";
}

TEST_F(PgPool, OneSharedConnectionServesCoroutinesOnFourLoopThreads) {
  auto db = open(1);
  EXPECT_EQ(run_readers(db, 2'000, 4), 2'000)
      << "the shared connection runs on one strand, whichever thread resumes a task";
}

TEST_F(PgPool, ATransactionWaitsForTheSharedConnectionAndPipelinedReadsResume) {
  auto db = open(1);
  asio::io_context io;
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  auto count = [&](std::exception_ptr e) {
    if (e) ++failed;
  };
  for (int i = 0; i < 50; ++i) asio::co_spawn(io, read_band(db, i, ok), count);
  asio::co_spawn(
      io,
      [&]() -> Task<void> {
        co_await db.transaction([&](Transaction& tx) -> Task<void> {
          // Named first: g++ 12 destroys a temporary row struct of a
          // co_await's full expression twice (docs/async.md, compiler note).
          auto add = insert(manager).values(Manager{0, "Linus"});
          co_await add.run(tx);
        });
      },
      count);
  for (int i = 50; i < 100; ++i) asio::co_spawn(io, read_band(db, i, ok), count);
  io.run();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ok.load(), 100);
  EXPECT_EQ(select(manager.id).count_sync(db), 3);
}

TEST_F(PgPool, AKilledBackendFailsItsQueryWithAConnectionErrorAndThePoolHeals) {
  auto db = open(2);
  std::thread killer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    terminate_backends();
  });
  try {
    db.execute_sync(slow_query());
    ADD_FAILURE() << "expected ConnectionError";
  } catch (const ConnectionError& e) {
    EXPECT_NE(std::string(e.what()).find("terminat"), std::string::npos) << e.what();
  }
  killer.join();
  EXPECT_EQ(select(band.id).count_sync(db), 3) << "the broken connection was replaced";
  EXPECT_EQ(run_sync(select(band.id).count(db)), 3) << "awaited too";
}

TEST_F(PgPool, AKilledBackendMidTransactionCommitsNothing) {
  auto db = open(1);
  std::thread killer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    terminate_backends();
  });
  EXPECT_THROW(db.transaction_sync([&](Transaction& tx) {
    insert(manager).values(Manager{0, "Half"}).run_sync(tx);
    tx.execute_sync(slow_query());
    insert(manager).values(Manager{0, "Never"}).run_sync(tx);
  }),
               ConnectionError);
  killer.join();
  EXPECT_EQ(select(manager.id).where(manager.name == "Half").count_sync(db), 0)
      << "the insert before the kill was not committed";
  EXPECT_EQ(select(manager.id).count_sync(db), 2);
}

TEST_F(PgPool, AStatementTimeoutCancelsASlowQueryAndTheConnectionStaysUsable) {
  auto db = open(1, "-cstatement_timeout%3D200");
  try {
    db.execute_sync("SELECT pg_sleep(5)");
    ADD_FAILURE() << "expected QueryError";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.code(), "57014") << e.what();  // query_canceled
    EXPECT_NE(std::string(e.what()).find("statement timeout"), std::string::npos) << e.what();
  }
  EXPECT_EQ(select(band.id).count_sync(db), 3);
}

}  // namespace
