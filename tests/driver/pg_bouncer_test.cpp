// Quarry behind a real PgBouncer (Debian's package, started by
// scripts/pgbouncer.sh) in transaction pooling: consecutive transactions of
// one client connection run on different server sessions, so nothing may
// outlive a transaction. `quarry_statements=unnamed` keeps frozen queries
// unnamed; the default named mode is shown to break there. PostgreSQL only:
// PgBouncer speaks PostgreSQL's protocol.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/expect.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace playground;
namespace asio = boost::asio;

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

/// `url` (postgresql://u:p@h:port/db) naming database `database` instead.
std::string with_database(const std::string& url, const std::string& database) {
  const std::size_t slash = url.rfind('/');
  const std::size_t query = url.find('?', slash);
  return url.substr(0, slash + 1) + database +
         (query == std::string::npos ? "" : url.substr(query));
}

/// A database of its own for each test, created on the server directly and
/// reached through PgBouncer (which forwards every database name): PgBouncer
/// 1.18 refuses libpq's `options`, so the tests' usual schema-per-test
/// search_path cannot go through it.
class PgBouncer : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = env("QUARRY_TEST_POSTGRES_URL");
    bouncer_ = env("QUARRY_TEST_PGBOUNCER_URL");
    if (server_.empty() || bouncer_.empty()) {
      if (qt::running_under_ci()) {
        FAIL() << "QUARRY_TEST_POSTGRES_URL or QUARRY_TEST_PGBOUNCER_URL is not set under CI=true";
      }
      GTEST_SKIP() << "no PgBouncer: set QUARRY_TEST_PGBOUNCER_URL (scripts/pgbouncer.sh)";
    }
    static std::atomic<int> counter{0};
    database_ = "qt_bouncer_" + std::to_string(::getpid()) + "_" + std::to_string(counter++);
    admin_.emplace(Database::open(server_, {.pool_size = 1}));
    admin_->execute_script_sync("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
    admin_->execute_script_sync("CREATE DATABASE " + database_);
    auto setup = Database::open(with_database(server_, database_), {.pool_size = 1});
    create_tables_sync(setup, qt::test_schema());
    qt::seed_playground(setup);
    qt::advance_key_sequences(setup, qt::test_schema());
  }
  void TearDown() override {
    if (!admin_) return;
    try {
      admin_->execute_script_sync("DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
    } catch (...) {
      // A leftover database of a throwaway server harms nobody.
    }
  }

  /// A Database through PgBouncer; `query` adds URL parameters.
  Database through_bouncer(std::size_t pool_size, std::string_view query = {}) const {
    std::string url = with_database(bouncer_, database_);
    if (!query.empty())
      url += (url.find('?') == std::string::npos ? "?" : "&") + std::string(query);
    return Database::open(url, {.pool_size = pool_size});
  }
  std::string server_, bouncer_, database_;
  std::optional<Database> admin_;
};

const std::vector<std::string> band_names = {"Pythonistas", "Rustaceans", "C-Sharps"};

TEST_F(PgBouncer, FrozenQueriesInUnnamedModeRunAcrossManyTransactionsAndCoroutines) {
  // 8 client connections share PgBouncer's 3 server connections.
  auto db = through_bouncer(8, "quarry_statements=unnamed");
  auto by_id = select(band.name).where(band.id == param<std::int64_t>(0)).freeze();
  for (int i = 0; i < 100; ++i) {
    const std::int64_t id = i % 3 + 1;
    auto names = by_id.run_sync(db, id);
    ASSERT_EQ(names.size(), 1u);
    EXPECT_EQ(names[0], band_names[static_cast<std::size_t>(id - 1)]);
  }

  asio::io_context io;
  std::atomic<int> ok{0};
  std::mutex errors_mutex;
  std::vector<std::string> errors;
  constexpr int tasks = 400;
  // Outside the loop: the coroutines read the lambda's captures, which
  // must outlive them.
  auto task = [&](int i) -> Task<void> {
    const std::int64_t id = i % 3 + 1;
    auto names = co_await by_id.run(db, id);
    if (names.size() != 1 || names[0] != band_names[static_cast<std::size_t>(id - 1)]) {
      throw std::runtime_error("wrong name read outside a transaction");
    }
    if (i % 4 == 0) {
      co_await db.transaction([&](Transaction& tx) -> Task<void> {
        auto inside = co_await by_id.run(tx, id);
        if (inside.size() != 1) throw std::runtime_error("wrong name read in a transaction");
        auto add = insert(manager).values(Manager{0, "m" + std::to_string(i)});
        co_await add.run(tx);
        auto again = co_await by_id.run(tx, id);
        if (again != inside) throw std::runtime_error("second read in a transaction differs");
      });
    }
    ++ok;
  };
  for (int i = 0; i < tasks; ++i) {
    asio::co_spawn(io, task(i), [&](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& x) {
        std::lock_guard lock(errors_mutex);
        errors.push_back(x.what());
      }
    });
  }
  io.run();
  EXPECT_TRUE(errors.empty()) << errors.size() << " task(s) failed, first: "
                              << (errors.empty() ? "" : errors.front());
  EXPECT_EQ(ok.load(), tasks);
  EXPECT_EQ(select(manager.id).count_sync(db), 2 + tasks / 4)
      << "every transaction's insert was committed once";
}

// The default mode prepares a frozen query once per client connection, as a
// named statement of the server session it happened to run on. The next
// transaction of that client connection may run on another server session,
// which has never heard of the statement. Made deterministic here: the only
// server session that has it is held by another client's transaction.
TEST_F(PgBouncer, NamedModeFailsWhenTheNextTransactionRunsOnAnotherServerSession) {
  auto named = through_bouncer(1);  // quarry_statements=named, the default
  auto other = through_bouncer(1, "quarry_statements=unnamed");
  auto by_id = select(band.name).where(band.id == param<std::int64_t>(0)).freeze();
  EXPECT_EQ(by_id.run_sync(named, 1).at(0), "Pythonistas") << "prepared on server session S1";

  bool failed_as_expected = false;
  other.transaction_sync([&](Transaction& tx) {
    // PgBouncer lends the only idle server session, S1, to this transaction.
    tx.execute_sync("SELECT 1");
    try {
      (void)by_id.run_sync(named, 2);  // runs on a new server session, S2
    } catch (const QueryError& e) {
      EXPECT_EQ(e.code(), "26000") << e.what();  // invalid_sql_statement_name
      EXPECT_TRUE(qt::contains(e.what(), "quarry_")) << e.what();
      EXPECT_TRUE(qt::contains(e.what(), "does not exist")) << e.what();
      failed_as_expected = true;
    }
  });
  EXPECT_TRUE(failed_as_expected)
      << "a named prepared statement was found on another server session";

  // The same sequence in unnamed mode works.
  auto unnamed = through_bouncer(1, "quarry_statements=unnamed");
  EXPECT_EQ(by_id.run_sync(unnamed, 1).at(0), "Pythonistas");
  other.transaction_sync([&](Transaction& tx) {
    tx.execute_sync("SELECT 1");
    EXPECT_EQ(by_id.run_sync(unnamed, 2).at(0), "Rustaceans");
  });
}

TEST_F(PgBouncer, TransactionsCommitRollBackAndNestThroughTheBouncer) {
  auto db = through_bouncer(2, "quarry_statements=unnamed");
  db.transaction_sync([&](Transaction& tx) {
    insert(manager).values(Manager{0, "Kept"}).run_sync(tx);
    try {
      tx.transaction_sync([&](Transaction& inner) {
        insert(manager).values(Manager{0, "Savepoint"}).run_sync(inner);
        throw std::runtime_error("roll back the savepoint");
      });
    } catch (const std::runtime_error&) {
    }
  });
  EXPECT_THROW(db.transaction_sync([&](Transaction& tx) {
    insert(manager).values(Manager{0, "Dropped"}).run_sync(tx);
    throw std::runtime_error("roll back");
  }),
               std::runtime_error);
  EXPECT_EQ(select(manager.id).where(manager.name == "Kept").count_sync(db), 1);
  EXPECT_EQ(select(manager.id).where(manager.name == "Savepoint").count_sync(db), 0);
  EXPECT_EQ(select(manager.id).where(manager.name == "Dropped").count_sync(db), 0);
  std::int64_t seen = -1;
  auto read_only = [&](Transaction& tx) -> Task<void> {
    seen = co_await select(manager.id).count(tx);
    auto write = insert(manager).values(Manager{0, "Refused"});
    co_await write.run(tx);
  };
  EXPECT_THROW(run_sync(db.transaction(
                   read_only, {.isolation = Isolation::repeatable_read, .read_only = true})),
               QueryError);
  EXPECT_EQ(seen, 3);
  EXPECT_EQ(select(manager.id).count_sync(db), 3) << "the read-only transaction wrote nothing";
}

// Pipelining through PgBouncer: many statements in flight on one client
// connection, each with its own sync point, so each may run on whichever
// server session PgBouncer lends it.
TEST_F(PgBouncer, ManyStatementsPipelinedOnOneClientConnectionAllComplete) {
  auto db = through_bouncer(1, "quarry_statements=unnamed");
  auto by_id = select(band.name).where(band.id == param<std::int64_t>(0)).freeze();
  asio::io_context io;
  std::atomic<int> ok{0};
  std::atomic<int> failed{0};
  auto task = [&](int i) -> Task<void> {
    const std::int64_t id = i % 3 + 1;
    auto names = co_await by_id.run(db, id);
    if (names.size() == 1 && names[0] == band_names[static_cast<std::size_t>(id - 1)]) ++ok;
  };
  for (int i = 0; i < 500; ++i) {
    asio::co_spawn(io, task(i), [&](std::exception_ptr e) {
      if (e) ++failed;
    });
  }
  io.run();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(ok.load(), 500);
}

// SELECTs sharing sync points through PgBouncer: each group is one
// transaction to PgBouncer, on one server session. A SELECT that fails in a
// group fails only its coroutine; the ones the server skipped after it are
// sent again and get their rows.
TEST_F(PgBouncer, AFailingSelectAmongPipelinedOnesFailsOnlyItsCoroutine) {
  auto db = through_bouncer(1, "quarry_statements=unnamed");
  // id / 0 fails with 22012 (a column / a parameter: the parameter is typed).
  auto by_id =
      select(band.name)
          .where(band.id == param<std::int64_t>(0) && band.id / param<std::int64_t>(1) == band.id)
          .freeze();
  asio::io_context io;
  constexpr int n = 300;
  std::vector<std::string> outcome(n, "never finished");
  auto task = [&](int i) -> Task<void> {
    const std::int64_t id = i % 3 + 1;
    const std::int64_t divisor = i % 50 == 17 ? 0 : 1;  // 17, 67, ...: division by zero
    try {
      auto names = co_await by_id.run(db, id, divisor);
      outcome[static_cast<std::size_t>(i)] = names.size() == 1 ? names[0] : "not one row";
    } catch (const QueryError& e) {
      outcome[static_cast<std::size_t>(i)] = "error " + e.code();
    }
  };
  for (int i = 0; i < n; ++i) {
    asio::co_spawn(io, task(i), [](std::exception_ptr e) {
      if (e) std::rethrow_exception(e);
    });
  }
  io.run();
  for (int i = 0; i < n; ++i) {
    const std::string expected =
        i % 50 == 17 ? "error 22012" : band_names[static_cast<std::size_t>(i % 3)];
    EXPECT_EQ(outcome[static_cast<std::size_t>(i)], expected) << "coroutine " << i;
  }
  EXPECT_EQ(select(band.name).where(band.id == 1).run_sync(db),
            std::vector<std::string>{band_names[0]});
}

}  // namespace
