// LISTEN/NOTIFY as an async stream, against a real server: notifications
// from other sessions arrive in order with their payloads and sender, any
// text is a safe channel name or payload, a waiting listener leaves the loop
// free, and closing or losing the connection ends the wait cleanly.
// PostgreSQL only (SQLite has no notifications: the last test checks the
// error it gives).
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/expect.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace playground;
namespace asio = boost::asio;

class PgListen : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string url = qt::postgres_url();
    if (url.empty()) {
      if (qt::running_under_ci()) FAIL() << "QUARRY_TEST_POSTGRES_URL is not set under CI=true";
      GTEST_SKIP() << "no PostgreSQL server: set QUARRY_TEST_POSTGRES_URL";
    }
    schema_.emplace(url);
    db_.emplace(Database::open(schema_->url(), {.pool_size = 2}));
    create_tables_sync(*db_, qt::test_schema());
    qt::seed_playground(*db_);
  }
  /// A channel name no other test (or test process) listens on.
  std::string channel(std::string_view tag) const {
    return schema_->name() + "_" + std::string(tag);
  }

  std::optional<qt::TempPgSchema> schema_;
  std::optional<Database> db_;
};

/// The server process of the session `s` runs on.
Task<std::int64_t> backend_pid(Session& s) {
  auto row =
      co_await select(band.id, raw<std::int64_t>("pg_backend_pid()")).where(band.id == 1).first(s);
  co_return std::get<1>(row.value());
}

TEST_F(PgListen, NotificationsFromAnotherSessionArriveInOrderWithPayloadAndSender) {
  Database& db = *db_;
  const std::string jobs = channel("jobs");
  run_sync([&]() -> Task<void> {
    Listener listener = co_await db.listen(jobs);
    std::int64_t sender = 0;
    co_await db.transaction([&](Transaction& tx) -> Task<void> {
      sender = co_await backend_pid(tx);
      for (int i = 0; i < 20; ++i) co_await notify(tx, jobs, "job " + std::to_string(i));
    });
    for (int i = 0; i < 20; ++i) {
      auto n = co_await listener.next();
      EXPECT_TRUE(n.has_value());
      if (!n) co_return;
      EXPECT_EQ(n->channel, jobs);
      EXPECT_EQ(n->payload, "job " + std::to_string(i)) << "in the order sent";
      EXPECT_EQ(n->backend_pid, sender);
    }
    listener.close();
  }());
}

TEST_F(PgListen, SeveralChannelsAndHostileNamesAndPayloadsAreCarriedExactly) {
  Database& db = *db_;
  const std::string plain = channel("plain");
  const std::string hostile = "x\"; DROP TABLE band; -- " + channel("h");  // 63 bytes at most
  const std::vector<std::string> payloads = {
      "",
      "'; DROP TABLE band; --",
      "$1 $$ \\ \" ' \n\t end",
      "Grüße, 日本語, emoji 🎸",
      std::string(7000, 'p'),
  };
  run_sync([&]() -> Task<void> {
    Listener listener = co_await db.listen(plain);
    co_await listener.listen(hostile);
    co_await listener.listen("Mixed Case");  // quoted: not folded to "mixed case"
    for (const std::string& p : payloads) {
      co_await notify(db, hostile, p);
      co_await notify(db, plain, p);
    }
    co_await notify(db, "mixed case", "folded: not ours");
    co_await notify(db, "Mixed Case", "exact");
    for (const std::string& p : payloads) {
      auto a = co_await listener.next();
      auto b = co_await listener.next();
      EXPECT_TRUE(a && b);
      if (!a || !b) co_return;
      EXPECT_EQ(a->channel, hostile);
      EXPECT_EQ(a->payload, p);
      EXPECT_EQ(b->channel, plain);
      EXPECT_EQ(b->payload, p);
    }
    auto exact = co_await listener.next();
    EXPECT_TRUE(exact && exact->channel == "Mixed Case" && exact->payload == "exact");

    co_await listener.unlisten(plain);
    co_await notify(db, plain, "not delivered");
    co_await notify(db, hostile, "delivered");
    auto last = co_await listener.next();
    EXPECT_TRUE(last && last->payload == "delivered") << "unlisten stopped the plain channel";
  }());
  EXPECT_EQ(select(band.id).count_sync(db), 3) << "nothing hostile was executed";
}

TEST_F(PgListen, AWaitingListenerLeavesTheLoopFreeForOtherQueries) {
  Database& db = *db_;
  const std::string ch = channel("loop");
  asio::io_context io;  // one thread: a blocking wait would stop everything
  std::optional<Listener> listener;
  std::atomic<int> queries_before{-1};
  std::atomic<int> queries{0};
  std::optional<Notification> got;
  asio::co_spawn(
      io,
      [&]() -> Task<void> {
        listener.emplace(co_await db.listen(ch));
        // Started only once LISTEN is in place: the notify cannot come first.
        asio::co_spawn(
            io,
            [&]() -> Task<void> {
              for (int i = 0; i < 50; ++i) {
                (void)co_await select(band.id).count(db);
                ++queries;
              }
              co_await notify(db, ch, "after 50 queries");
            },
            asio::detached);
        got = co_await listener->next();
        queries_before = queries.load();
      },
      asio::detached);
  io.run();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->payload, "after 50 queries");
  EXPECT_EQ(queries_before.load(), 50) << "the queries ran while the listener waited";
}

TEST_F(PgListen, ClosingAListenerWhileItWaitsEndsTheStream) {
  Database& db = *db_;
  const std::string ch = channel("close");
  run_sync([&]() -> Task<void> {
    Listener listener = co_await db.listen(ch);
    auto executor = co_await asio::this_coro::executor;
    asio::post(executor, [&] { listener.close(); });  // runs while next() waits
    auto n = co_await listener.next();
    EXPECT_FALSE(n.has_value());
    EXPECT_TRUE(listener.closed());
    auto again = co_await listener.next();
    EXPECT_FALSE(again.has_value()) << "a closed stream stays ended";
    bool refused = false;
    try {
      co_await listener.listen(ch);
    } catch (const UsageError& e) {
      refused = qt::contains(e.what(), "closed");
    }
    EXPECT_TRUE(refused) << "listen() on a closed Listener is a UsageError";
    listener.close();  // a second close is harmless
  }());
}

TEST_F(PgListen, ALostListenerConnectionFailsTheWaitWithAConnectionError) {
  Database& db = *db_;
  const std::string ch = channel("lost");
  bool failed = false;
  run_sync([&]() -> Task<void> {
    Listener listener = co_await db.listen(ch);
    auto executor = co_await asio::this_coro::executor;
    asio::co_spawn(
        executor,
        [&]() -> Task<void> {
          std::vector<Value> listen_sql{Value("LISTEN \"" + ch + "\"")};
          co_await db.execute(
              "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1",
              std::move(listen_sql));
        },
        asio::detached);
    try {
      (void)co_await listener.next();
    } catch (const ConnectionError&) {
      failed = true;
    }
  }());
  EXPECT_TRUE(failed);
}

TEST_F(PgListen, BadChannelNamesAreRefusedBeforeReachingTheServer) {
  Database& db = *db_;
  const auto refused = [&](std::string name, std::string_view why) {
    try {
      run_sync([&]() -> Task<void> { (void)co_await db.listen(name); }());
      ADD_FAILURE() << "listen accepted a bad channel name";
    } catch (const UsageError& e) {
      EXPECT_TRUE(qt::contains(e.what(), why)) << e.what();
    }
  };
  refused("", "empty");
  refused(std::string(64, 'c'), "64 bytes");
  refused(std::string("a\0b", 3), "NUL");
  EXPECT_THROW(notify_sync(db, ""), UsageError);
}

TEST(SqliteListen, ListenAndNotifyAreUsageErrorsOnSqlite) {
  auto db = qt::memory_db();
  try {
    run_sync([&]() -> Task<void> { (void)co_await db.listen("jobs"); }());
    ADD_FAILURE() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_TRUE(qt::contains(e.what(), "PostgreSQL")) << e.what();
    EXPECT_TRUE(qt::contains(e.what(), "sqlite")) << e.what();
  }
  EXPECT_THROW(notify_sync(db, "jobs", "x"), UsageError);
  EXPECT_THROW(run_sync(notify(db, "jobs", "x")), UsageError);
}

}  // namespace
