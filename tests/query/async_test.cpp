// The async API on Asio coroutines: every query shape awaited, many
// concurrent coroutines sharing a pool, SQLite work done off the event-loop
// thread (checked by ordering, never by timing), and run_sync().
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/expect.hpp"
#include "support/models.hpp"

// Note: queries are built into a named variable before `co_await q.run(...)`
// wherever they hold an aggregate temporary (Manager{0, "m"}): g++ 12
// miscompiles such temporaries inside a co_await's full expression (it frees
// an invalid pointer; clang 14 is fine). See the report for a standalone repro.

namespace {

using namespace quarry;
using namespace playground;
using namespace std::chrono_literals;
namespace asio = boost::asio;

class Async : public qt::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (setup_stopped()) return;
    seed();
  }
};

TEST_P(Async, AwaitsEveryKindOfSelectResult) {
  // Expected values built outside the coroutine: g++ 12 rejects an
  // initializer list of string literals inside one ("array used as initializer").
  const std::vector<std::string> sorted_names{"C-Sharps", "Pythonistas", "Rustaceans"};
  run_sync([&]() -> Task<void> {
    auto rows = co_await select(band.name, band.popularity).order_by(band.id).run(db);
    EXPECT_EQ(rows.size(), 3u);
    EXPECT_EQ(std::get<0>(rows[0]), std::string("Pythonistas"));
    auto names = co_await select(band.name).order_by(band.name).values(db);
    EXPECT_EQ(names, sorted_names);
    auto first = co_await select(band.name).order_by(band.popularity).first(db);
    EXPECT_EQ(first, std::optional<std::string>(std::string("C-Sharps")));
    auto none = co_await select(band.name).where(band.id > 99).first(db);
    EXPECT_EQ(none, std::nullopt);
    std::int64_t n = co_await select(band.id).count(db);
    EXPECT_EQ(n, 3);
    bool there = co_await select(band.id).where(band.id == 2).exists(db);
    EXPECT_TRUE(there);
    bool missing = co_await select(band.id).where(band.id == 9).exists(db);
    EXPECT_FALSE(missing);
    std::string json = co_await select(manager).order_by(manager.id).json(db);
    EXPECT_EQ(json, std::string(R"([{"id":1,"name":"Guido"},{"id":2,"name":"Graydon"}])"));
    auto dyn = co_await select(band.name).where(band.id == 1).rows(db);
    EXPECT_EQ(dyn.at(0)["name"].as_text(), std::string("Pythonistas"));
    auto two_levels =
        co_await select(nullable(concert.band_1->manager->name)).order_by(concert.id).values(db);
    EXPECT_EQ(two_levels, (std::vector<std::optional<std::string>>{std::string("Guido"),
                                                                   std::string("Graydon")}));
  }());
}

TEST_P(Async, AwaitsWrites) {
  run_sync([&]() -> Task<void> {
    // No braced list inside a co_await's full expression: g++ 12 rejects the
    // initializer_list's backing array there ("array used as initializer").
    const std::string gophers = "Gophers";
    auto add = insert(band).values(Band{0, gophers, 1, 5});
    ExecResult i = co_await add.run(db);
    EXPECT_EQ(i.last_insert_id, 4);
    ExecResult u =
        co_await update(band).set(band.popularity, band.popularity + 1).all_rows().run(db);
    EXPECT_EQ(u.rows_affected, 4);
    auto remove = delete_from(band).where(band.name == gophers);
    ExecResult d = co_await remove.run(db);
    EXPECT_EQ(d.rows_affected, 1);
    std::vector<Manager> many(3);
    many[0].name = "x";
    many[1].name = "y";
    many[2].name = "z";
    ExecResult b = co_await insert(manager).rows(many).run(db);
    EXPECT_EQ(b.rows_affected, 3);
    EXPECT_EQ(b.last_insert_id, 5);
    const std::string sql = db.dialect().name() == "postgresql"
                                ? "UPDATE band SET popularity = $1 WHERE id = $2"
                                : "UPDATE band SET popularity = ? WHERE id = ?";
    std::vector<Value> params{Value(std::int64_t{1}), Value(std::int64_t{1})};
    ExecResult raw = co_await db.execute(sql, std::move(params));
    EXPECT_EQ(raw.rows_affected, 1);
  }());
  EXPECT_EQ(select(band.popularity).order_by(band.id).values_sync(db),
            (std::vector<std::int32_t>{1, 501, 11}));
}

TEST_P(Async, AwaitsObjectsAndFrozenQueries) {
  run_sync([&]() -> Task<void> {
    Manager m{0, "Ada"};
    co_await objects(manager).save(db, m);
    EXPECT_EQ(m.id, 3);
    m.name = "Ada L.";
    co_await objects(manager).save(db, m);
    auto got = co_await objects(manager).get(db, 3);
    EXPECT_EQ(got.value().name, std::string("Ada L."));
    bool removed = co_await objects(manager).remove(db, m);
    EXPECT_TRUE(removed);
    bool removed_again = co_await objects(manager).remove(db, m);
    EXPECT_FALSE(removed_again);
    auto frozen = select(band.name).where(band.id == param<std::int64_t>(0)).freeze();
    for (std::int64_t id = 1; id <= 3; ++id) {
      auto names = co_await frozen.run(db, id);
      EXPECT_EQ(names.size(), 1u);
    }
    auto second = co_await frozen.run(db, std::int64_t{2});
    EXPECT_EQ(second.at(0), std::string("Rustaceans"));
  }());
}

TEST_P(Async, CreatesAndDropsTables) {
  auto fresh = Database::open("sqlite://:memory:");
  run_sync([&]() -> Task<void> {
    co_await create_tables(fresh, qt::test_schema());
    auto add = insert(manager).values(Manager{0, "m"});
    co_await add.run(fresh);
    co_await drop_tables(fresh, qt::test_schema());
  }());
  EXPECT_TRUE(qt::table_names(fresh).empty());
}

TEST_P(Async, RethrowsQueryErrorsInTheAwaitingCoroutine) {
  bool caught = false;
  run_sync([&]() -> Task<void> {
    try {
      auto add = insert(manager).values(Manager{0, "Guido"});
      co_await add.run(db);
    } catch (const UniqueViolation& e) {
      caught = e.column() == "name";
    }
    // The connection is still good afterwards.
    std::int64_t n = co_await select(manager.id).count(db);
    EXPECT_EQ(n, 2);
  }());
  EXPECT_TRUE(caught);
}

/// Records the thread each row arrives on, and (optionally) holds the first
/// row until the event loop has shown it is free by running another task.
class ThreadSink final : public RowSink {
 public:
  explicit ThreadSink(std::shared_future<void> loop_ran = {}) : loop_ran_(std::move(loop_ran)) {}
  void on_row(const RowReader&) override {
    thread = std::this_thread::get_id();
    if (loop_ran_.valid()) {
      loop_was_free = loop_ran_.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    }
  }
  std::thread::id thread;
  bool loop_was_free = false;

 private:
  std::shared_future<void> loop_ran_;
};

TEST_P(Async, RunsSqliteWorkOffTheEventLoopThread) {
  QT_ONLY_ON(sqlite, "SQLite's worker thread; PostgreSQL never blocks the loop (PgAsync tests)");
  ThreadSink sink;
  run_sync([&]() -> Task<void> { co_await db.execute(Statement{"SELECT 1", {}}, &sink); }());
  EXPECT_NE(sink.thread, std::thread::id{});
  EXPECT_NE(sink.thread, std::this_thread::get_id()) << "the loop ran on this thread";
}

TEST_P(Async, KeepsTheLoopFreeWhileAQueryRuns) {
  // The query's first row waits until another task has run on the loop. If
  // the query ran on the loop thread, that task could never run (the sink
  // would time out and report it).
  std::promise<void> ran;
  ThreadSink sink(ran.get_future().share());
  std::vector<std::string> order;
  asio::io_context io;
  asio::co_spawn(
      io,
      [&]() -> Task<void> {
        co_await db.execute(
            Statement{"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
                      "200000) SELECT count(*) FROM c",
                      {}},
            &sink);
        order.push_back("query done");
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  asio::co_spawn(
      io,
      [&]() -> Task<void> {
        order.push_back("other task ran");
        ran.set_value();
        co_return;
      },
      [](std::exception_ptr e) {
        if (e) std::rethrow_exception(e);
      });
  io.run();
  EXPECT_TRUE(sink.loop_was_free);
  EXPECT_EQ(order, (std::vector<std::string>{"other task ran", "query done"}));
}

/// Spawns `n` tasks that each insert a manager and read it back, on `threads`
/// threads running one io_context, and checks the totals.
void run_many(Database& db, int n, int threads) {
  asio::io_context io;
  std::atomic<int> found{0};
  std::atomic<int> failures{0};
  std::vector<std::string> errors;
  std::mutex errors_mutex;
  for (int i = 0; i < n; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> Task<void> {
          std::string name = "manager " + std::to_string(i);
          auto add = insert(manager).values(Manager{0, name});
          auto r = co_await add.run(db);
          auto back = co_await select(manager.name).where(manager.id == r.last_insert_id).first(db);
          if (back == name) ++found;
          auto total = co_await select(manager.id).count(db);
          if (total < 1 || total > n) ++failures;
          if (i % 10 == 0) {
            co_await db.transaction([&](Transaction& tx) -> Task<void> {
              auto mark = update(manager).set(manager.name, name + "!").where(manager.name == name);
              co_await mark.run(tx);
            });
          }
        },
        [&](std::exception_ptr e) {
          if (!e) return;
          try {
            std::rethrow_exception(e);
          } catch (const std::exception& x) {
            std::lock_guard lock(errors_mutex);
            errors.push_back(x.what());
          }
        });
  }
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back([&] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  EXPECT_TRUE(errors.empty()) << errors.size() << " task(s) failed, first: "
                              << (errors.empty() ? "" : errors.front());
  EXPECT_EQ(found.load(), n) << "every task read back its own row";
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(select(manager.id).count_sync(db), n);
  EXPECT_EQ(select(manager.id).where(manager.name.like("%!")).count_sync(db), (n + 9) / 10);
}

TEST(AsyncPool, TwoHundredConcurrentTasksOnAFileDatabaseAllComplete) {
  qt::TempDbFile file("pool");
  auto db = Database::open(file.url("pool_size=4"));
  create_tables_sync(db, qt::test_schema());
  run_many(db, 200, 1);
}

TEST(AsyncPool, TwoHundredTasksOnFourLoopThreadsAllComplete) {
  qt::TempDbFile file("pool_mt");
  auto db = Database::open(file.url("pool_size=4"));
  create_tables_sync(db, qt::test_schema());
  run_many(db, 200, 4);
}

/// Holds the only connection of `db` in a transaction on another thread
/// until release() is called.
class ConnectionHolder {
 public:
  explicit ConnectionHolder(Database& db)
      : thread_([this, &db] {
          db.transaction_sync([&](Transaction&) {
            entered_.set_value();
            release_.get_future().wait();
          });
        }) {
    entered_future_.wait();
  }
  ~ConnectionHolder() { release(); }
  void release() {
    if (thread_.joinable()) {
      release_.set_value();
      thread_.join();
    }
  }

 private:
  std::promise<void> entered_;
  std::future<void> entered_future_ = entered_.get_future();
  std::promise<void> release_;
  std::thread thread_;
};

TEST(AsyncPool, ABlockingCheckoutThatWaitsTooLongFailsWithPoolTimeout) {
  qt::TempDbFile file("timeout");
  auto db = Database::open(file.url(), {.pool_size = 1, .checkout_timeout = 100ms});
  create_tables_sync(db, qt::test_schema());
  ConnectionHolder holder(db);
  try {
    (void)select(manager.id).count_sync(db);
    FAIL() << "expected PoolTimeout";
  } catch (const PoolTimeout& e) {
    EXPECT_TRUE(qt::contains(e.what(), "within 100 ms")) << e.what();
    EXPECT_TRUE(qt::contains(e.what(), "all 1 of the pool's connections are in use")) << e.what();
  }
  holder.release();
  EXPECT_EQ(select(manager.id).count_sync(db), 0) << "the pool serves again once one is free";
  EXPECT_EQ(run_sync(select(manager.id).count(db)), 0);
}

TEST(AsyncPool, AWaiterHandedAConnectionBeforeItsTimeoutGetsIt) {
  qt::TempDbFile file("handover");
  auto db = Database::open(file.url(), {.pool_size = 1, .checkout_timeout = 10s});
  create_tables_sync(db, qt::test_schema());
  ConnectionHolder holder(db);
  std::thread releaser([&] {
    std::this_thread::sleep_for(100ms);
    holder.release();
  });
  EXPECT_EQ(run_sync(select(manager.id).count(db)), 0);
  releaser.join();
}

TEST(AsyncPool, AnAwaitedCheckoutThatWaitsTooLongFailsWithPoolTimeout) {
  qt::TempDbFile file("async_timeout");
  auto db = Database::open(file.url(), {.pool_size = 1, .checkout_timeout = 100ms});
  create_tables_sync(db, qt::test_schema());
  ConnectionHolder holder(db);
  try {
    (void)run_sync(select(manager.id).count(db));
    FAIL() << "expected PoolTimeout";
  } catch (const PoolTimeout& e) {
    EXPECT_TRUE(qt::contains(e.what(), "within 100 ms")) << e.what();
    EXPECT_TRUE(qt::contains(e.what(), "all 1 of the pool's connections are in use")) << e.what();
  }
  holder.release();
  EXPECT_EQ(run_sync(select(manager.id).count(db)), 0)
      << "the timed-out waiter left the queue: the next checkout gets the connection";
  EXPECT_EQ(select(manager.id).count_sync(db), 0);
}

// Timeouts that expire while connections are being handed over, on four
// loop threads: every task either runs or gets PoolTimeout, none twice, none
// lost (ASan/UBSan watch the hand-over races).
TEST(AsyncPool, TimeoutsRacingHandOversOnFourLoopThreadsLoseNoTaskAndNoConnection) {
  qt::TempDbFile file("timeout_race");
  auto db = Database::open(file.url(), {.pool_size = 2, .checkout_timeout = 1ms});
  create_tables_sync(db, qt::test_schema());
  asio::io_context io(4);
  std::atomic<int> ran{0};
  std::atomic<int> timed_out{0};
  std::atomic<int> other{0};
  constexpr int n = 400;
  auto task = [&]() -> Task<void> {  // outlives the coroutines, which read its captures
    (void)co_await select(manager.id).count(db);
    ++ran;
  };
  for (int i = 0; i < n; ++i) {
    asio::co_spawn(io, task(), [&](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const PoolTimeout&) {
        ++timed_out;
      } catch (...) {
        ++other;
      }
    });
  }
  std::vector<std::thread> threads;
  for (int t = 1; t < 4; ++t) threads.emplace_back([&] { io.run(); });
  io.run();
  for (auto& t : threads) t.join();
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(ran.load() + timed_out.load(), n);
  EXPECT_GT(ran.load(), 0);
  // Both connections came back: two blocking transactions at once still fit.
  ConnectionHolder first(db);
  EXPECT_EQ(select(manager.id).count_sync(db), 0);
}

TEST(AsyncPool, ClosingThePoolFailsItsWaitersAndLetsTheHolderFinish) {
  qt::TempDbFile file("close");
  auto db = Database::open(file.url(), {.pool_size = 1, .checkout_timeout = 0ms});
  create_tables_sync(db, qt::test_schema());
  std::promise<void> entered, release;
  std::thread holder([&] {
    db.transaction_sync([&](Transaction& tx) {
      entered.set_value();
      release.get_future().wait();
      // In-flight work finishes after close().
      insert(manager).values(Manager{0, "after close"}).run_sync(tx);
    });
  });
  entered.get_future().wait();
  asio::io_context io;
  std::atomic<int> refused{0};
  std::string message;
  for (int i = 0; i < 3; ++i) {
    asio::co_spawn(io, select(manager.id).count(db), [&](std::exception_ptr e, std::int64_t) {
      try {
        if (e) std::rethrow_exception(e);
      } catch (const UsageError& x) {
        message = x.what();
        ++refused;
      }
    });
  }
  std::thread blocked([&] {
    try {
      (void)select(manager.id).count_sync(db);
    } catch (const UsageError&) {
      ++refused;
    }
  });
  // The awaiting tasks queue up; then the pool closes under them.
  io.poll();
  asio::post(io, [&] { db.close(); });
  io.run();
  blocked.join();
  release.set_value();
  holder.join();
  EXPECT_EQ(refused.load(), 4) << "three awaiting and one blocked waiter";
  EXPECT_TRUE(qt::contains(message, "closed")) << message;
  EXPECT_THROW((void)select(manager.id).count_sync(db), UsageError);
  auto check = Database::open(file.url());
  EXPECT_EQ(select(manager.id).where(manager.name == "after close").count_sync(check), 1)
      << "the transaction that held the connection committed";
}

TEST(AsyncPool, ManyTasksShareAnInMemoryDatabasesSingleConnection) {
  auto db = qt::memory_db();
  run_many(db, 100, 1);
}

TEST(RunSync, ReturnsTheTasksValue) {
  auto db = qt::memory_db();
  qt::seed_playground(db);
  EXPECT_EQ(run_sync(select(band.name).where(band.id == 2).values(db)),
            std::vector<std::string>{"Rustaceans"});
  EXPECT_EQ(run_sync(select(band.id).count(db)), 3);
}

TEST(RunSync, RethrowsTheTasksException) {
  auto db = qt::memory_db();
  EXPECT_THROW(run_sync(db.execute("SELEC 1")), QueryError);
  EXPECT_THROW(run_sync([]() -> Task<void> {
                 throw std::out_of_range("x");
                 co_return;
               }()),
               std::out_of_range);
}

TEST(RunSync, AwaitsAJsonTaskCreatedFromATemporaryQuery) {
  auto db = qt::memory_db();
  qt::seed_playground(db);
  auto task = select(band.name).where(band.id == 1).json(db);  // the query dies here
  EXPECT_EQ(run_sync(std::move(task)), R"([{"name":"Pythonistas"}])");
}

// A Task starts only when awaited: each awaitable below is made from a
// temporary (query, row, condition) that is gone before it runs. ASan
// reports any coroutine still reading them.
TEST(RunSync, AwaitsDynamicRowsCreatedFromATemporaryQuery) {
  auto db = qt::memory_db();
  qt::seed_playground(db);
  auto task = select(band.name, band.manager->name).where(band.id == 2).rows(db);
  auto rows = run_sync(std::move(task));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["manager.name"].as_text(), "Graydon");
}

TEST(RunSync, AwaitsSelectShapesCreatedFromTemporaryQueries) {
  auto db = qt::memory_db();
  qt::seed_playground(db);
  auto run = select(band.name).where(band.id == 1).run(db);
  auto first = select(band.name).order_by(band.id.desc()).first(db);
  auto count = select(band.id).distinct().limit(2).count(db);
  auto exists = select(band.id).where(band.id == 3).exists(db);
  auto frozen = select(band.name).where(band.id == param<std::int64_t>(0)).freeze().run(db, 2);
  EXPECT_EQ(run_sync(std::move(run)), std::vector<std::string>{"Pythonistas"});
  EXPECT_EQ(run_sync(std::move(first)), std::optional<std::string>("C-Sharps"));
  EXPECT_EQ(run_sync(std::move(count)), 2);
  EXPECT_TRUE(run_sync(std::move(exists)));
  EXPECT_EQ(run_sync(std::move(frozen)), std::vector<std::string>{"Rustaceans"});
}

TEST(RunSync, AwaitsWritesCreatedFromTemporaries) {
  auto db = qt::memory_db();
  qt::seed_playground(db);
  auto add = insert(manager).values(Manager{0, "Linus"}).run(db);
  EXPECT_EQ(run_sync(std::move(add)).last_insert_id, 3);
  auto change = update(band).set(band.popularity, 7).where(band.id == 3).run(db);
  EXPECT_EQ(run_sync(std::move(change)).rows_affected, 1);
  auto remove = delete_from(band).where(band.id == 3).run(db);
  EXPECT_EQ(run_sync(std::move(remove)).rows_affected, 1);
  auto returned =
      insert(manager).values(Manager{0, "Ken"}).returning(manager.id, manager.name).run(db);
  auto back = run_sync(std::move(returned));
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(std::get<1>(back[0]), "Ken");
  auto changed =
      update(band).set(band.popularity, 9).where(band.id == 2).returning(band.popularity).run(db);
  EXPECT_EQ(run_sync(std::move(changed)), std::vector<std::int32_t>{9});
}

TEST(RunSync, AwaitsObjectsCallsCreatedFromTemporaries) {
  auto db = qt::memory_db();
  qt::seed_playground(db);
  auto removed = objects(band).remove(db, Band{3, "C-Sharps", std::nullopt, 10});
  EXPECT_TRUE(run_sync(std::move(removed)));
  auto made = objects(manager).get_or_create(db, manager.name == std::string("Bjarne"),
                                             Manager{0, "Bjarne"});
  auto [row, created] = run_sync(std::move(made));
  EXPECT_TRUE(created);
  EXPECT_EQ(row.id, 3);
  auto found =
      objects(manager).get_or_create(db, manager.name == std::string("Guido"), Manager{0, "Guido"});
  auto [existing, created_again] = run_sync(std::move(found));
  EXPECT_FALSE(created_again);
  EXPECT_EQ(existing.id, 1);
  Manager fresh{0, "Dennis"};
  auto saved = objects(manager).save(db, fresh);  // `fresh` itself must outlive the await
  run_sync(std::move(saved));
  EXPECT_EQ(fresh.id, 4);
  auto got = objects(manager).get(db, std::int64_t{4});
  EXPECT_EQ(run_sync(std::move(got))->name, "Dennis");
}

QT_INSTANTIATE_FOR_BACKENDS(Async);

}  // namespace
