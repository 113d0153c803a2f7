// Opening PostgreSQL connections on the event loop (open_connection_async,
// Database::open_async, the pool's awaited checkouts), against a real
// server and against a listener that accepts and never answers: the loop
// keeps running while a connect waits, connect_timeout is enforced, many
// checkouts open a fresh pool's connections at once, and the errors are
// word for word those of the blocking path.
//
// The server's URL comes from QUARRY_TEST_POSTGRES_URL (scripts/test.sh starts
// one with scripts/pg-server.sh). Without it the tests skip, except under
// CI=true, where they fail.
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/pg_url.hpp"

namespace {

using namespace quarry;
namespace asio = boost::asio;

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)
#define EXPECT_LACKS(haystack, needle) \
  EXPECT_EQ(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

class PgAsyncConnect : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = qt::postgres_url();
    if (url_.empty()) {
      if (qt::running_under_ci()) FAIL() << "QUARRY_TEST_POSTGRES_URL is not set under CI=true";
      GTEST_SKIP() << "no PostgreSQL server: set QUARRY_TEST_POSTGRES_URL";
    }
  }
  std::string url_;
};

using UrlParts = qt::PgUrlParts;

/// A TCP listener on 127.0.0.1 that never answers: the kernel completes
/// every handshake (the backlog), nobody reads or writes. A connect to it
/// waits for the server's first word for ever.
class SilentServer {
 public:
  SilentServer() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::listen(fd_, 64) != 0) {
      throw std::runtime_error("cannot open a listening socket on 127.0.0.1");
    }
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = std::to_string(ntohs(a.sin_port));
  }
  ~SilentServer() { ::close(fd_); }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  const std::string& port() const noexcept { return port_; }

 private:
  int fd_;
  std::string port_;
};

/// A TCP port on 127.0.0.1 that nobody listens on (bound, then closed).
std::string closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return std::to_string(ntohs(a.sin_port));
}

/// Runs `task` alone on a fresh io_context and returns its result.
template <class T>
T run(Task<T> task) {
  asio::io_context io;
  std::optional<T> result;
  std::exception_ptr failure;
  asio::co_spawn(
      io, [&]() -> Task<void> { result.emplace(co_await std::move(task)); },
      [&](std::exception_ptr e) { failure = e; });
  io.run();
  if (failure) std::rethrow_exception(failure);
  return std::move(*result);
}

/// The message of the exception `f` throws, which must be an E.
template <class E, class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected another exception than: " << e.what();
    return {};
  }
  ADD_FAILURE() << "expected an exception";
  return {};
}

/// What open_connection_async(url) throws (an E), and what open_connection
/// throws, in that order.
template <class E>
std::pair<std::string, std::string> both_paths_fail(const std::string& url) {
  std::string awaited = message_of<E>([&] { run(open_connection_async(url)); });
  std::string blocking = message_of<E>([&] { open_connection(url); });
  return {std::move(awaited), std::move(blocking)};
}

Value scalar_sync(Connection& c, std::string_view sql) {
  struct One final : RowSink {
    std::optional<Value> v;
    void on_row(const RowReader& r) override { v = r.value(0); }
  } sink;
  c.execute(Statement{sql, {}}, &sink);
  return sink.v.value();
}

// ------------------------------------------------- the loop keeps running

/// Opens `open` on one io_context beside a coroutine that ticks every
/// 10 ms; returns the ticks seen before the open failed and its message.
template <class Open>
std::pair<int, std::string> ticks_while_failing(Open open) {
  asio::io_context io;  // one thread: a blocking connect would stop the ticker
  int ticks = 0;
  bool done = false;
  std::string failure;
  int ticks_at_failure = -1;
  asio::co_spawn(
      io,
      [&]() -> Task<void> {
        try {
          co_await open();
        } catch (const ConnectionError& e) {
          failure = e.what();
        } catch (const std::exception& e) {
          failure = std::string("not a ConnectionError: ") + e.what();
        }
        ticks_at_failure = ticks;
        done = true;
      },
      asio::detached);
  asio::co_spawn(
      io,
      [&]() -> Task<void> {
        asio::steady_timer timer(co_await asio::this_coro::executor);
        while (!done) {
          timer.expires_after(std::chrono::milliseconds(10));
          co_await timer.async_wait(asio::use_awaitable);
          ++ticks;
        }
      },
      asio::detached);
  io.run();
  return {ticks_at_failure, failure};
}

TEST_F(PgAsyncConnect, ASilentServerTimesOutWithoutBlockingTheLoop) {
  const SilentServer silent;
  UrlParts u(url_);
  u.port = silent.port();
  const std::string url = u.str("?connect_timeout=1");
  const auto [ticks, message] = ticks_while_failing([&]() -> Task<void> {
    auto c = co_await open_connection_async(url);
    ADD_FAILURE() << "connected to a server that never answers";
  });
  // libpq's minimum is 2 s: some 200 ticks; 20 proves the loop was free.
  EXPECT_GE(ticks, 20) << "the loop was blocked while connecting";
  EXPECT_CONTAINS(message, "cannot connect to PostgreSQL at 127.0.0.1:" + silent.port());
  EXPECT_CONTAINS(message, "database \"" + u.database + "\"");
  EXPECT_CONTAINS(message, "connection to server at \"127.0.0.1\", port " + silent.port() +
                               " failed: timeout expired");  // libpq's words
  EXPECT_CONTAINS(message, "connect_timeout=1");
  EXPECT_LACKS(message, u.password);
}

TEST_F(PgAsyncConnect, AnAwaitedDatabaseOpenTimesOutWithoutBlockingTheLoop) {
  const SilentServer silent;
  UrlParts u(url_);
  u.port = silent.port();
  const std::string url = u.str("?connect_timeout=1");
  const auto [ticks, message] = ticks_while_failing([&]() -> Task<void> {
    Database db = co_await Database::open_async(url);
    ADD_FAILURE() << "opened a database on a server that never answers";
  });
  EXPECT_GE(ticks, 20) << "the loop was blocked while connecting";
  EXPECT_CONTAINS(message, "at 127.0.0.1:" + silent.port());
  EXPECT_CONTAINS(message, "timeout expired");
}

TEST_F(PgAsyncConnect, TheBlockingPathTimesOutInTheSameWords) {
  const SilentServer silent;
  UrlParts u(url_);
  u.port = silent.port();
  const std::string message =
      message_of<ConnectionError>([&] { open_connection(u.str("?connect_timeout=1")); });
  EXPECT_CONTAINS(message, "cannot connect to PostgreSQL at 127.0.0.1:" + silent.port());
  EXPECT_CONTAINS(message, "timeout expired");  // libpq's words, which the awaited path uses
}

// ---------------------------------------------------- opening, and errors

TEST_F(PgAsyncConnect, OpensWithQuarrysSessionSettingsEvenWhenTheServerDefaultsDiffer) {
  // The server's defaults for this session are not Quarry's: the awaited
  // open must send its SETs, and read their answers, on the loop.
  UrlParts u(url_);
  const std::string url = u.str(
      "?options=-cTimeZone%3DEurope/Paris%20-cDateStyle%3DGerman%20-cIntervalStyle%3Dsql_"
      "standard&application_name=quarry_async");
  std::unique_ptr<Connection> c = run(open_connection_async(url));
  ASSERT_TRUE(c->healthy());
  EXPECT_EQ(scalar_sync(*c, "SELECT current_setting('TimeZone')"), Value(std::string("UTC")));
  EXPECT_EQ(scalar_sync(*c, "SELECT current_setting('DateStyle')"), Value(std::string("ISO, YMD")));
  EXPECT_EQ(scalar_sync(*c, "SELECT current_setting('IntervalStyle')"),
            Value(std::string("iso_8601")));
  EXPECT_EQ(scalar_sync(*c, "SELECT current_setting('application_name')"),
            Value(std::string("quarry_async")));
  EXPECT_EQ(scalar_sync(*c, "SELECT current_setting('client_encoding')"),
            Value(std::string("UTF8")));
}

TEST_F(PgAsyncConnect, FollowsLibpqToTheNextHostOnANewSocket) {
  // The first address refuses, the second is the server: libpq closes the
  // first socket and connects on another (often with the same number).
  UrlParts u(url_);
  u.host = u.host + ":" + closed_port() + "," + u.host;  // host:closed,host:port
  std::unique_ptr<Connection> c = run(open_connection_async(u.str()));
  EXPECT_EQ(scalar_sync(*c, "SELECT 1"), Value(std::int64_t{1}));
}

TEST_F(PgAsyncConnect, ARefusedConnectionFailsAsOnTheBlockingPath) {
  UrlParts u(url_);
  u.port = closed_port();
  const auto [awaited, blocking] = both_paths_fail<ConnectionError>(u.str());
  EXPECT_EQ(awaited, blocking);
  EXPECT_CONTAINS(awaited, "cannot connect to PostgreSQL at " + u.host + ":" + u.port);
  EXPECT_CONTAINS(awaited, "Connection refused");
  EXPECT_LACKS(awaited, u.password);
}

TEST_F(PgAsyncConnect, AWrongPasswordFailsAsOnTheBlockingPath) {
  UrlParts u(url_);
  const std::string user = u.scheme_and_user.substr(u.scheme_and_user.find("://") + 3);
  u.password = "not-the-password-42";
  const auto [awaited, blocking] = both_paths_fail<ConnectionError>(u.str());
  EXPECT_EQ(awaited, blocking);
  EXPECT_CONTAINS(awaited, "user \"" + user + "\"");
  EXPECT_CONTAINS(awaited, "password authentication failed");
  EXPECT_CONTAINS(awaited, u.host + ":" + u.port);
  EXPECT_LACKS(awaited, "not-the-password-42");
}

TEST_F(PgAsyncConnect, AMissingDatabaseFailsAsOnTheBlockingPath) {
  UrlParts u(url_);
  u.database = "quarry_no_such_database";
  const auto [awaited, blocking] = both_paths_fail<ConnectionError>(u.str());
  EXPECT_EQ(awaited, blocking);
  EXPECT_CONTAINS(awaited, "database \"quarry_no_such_database\"");
  EXPECT_CONTAINS(awaited, "does not exist");
  EXPECT_LACKS(awaited, UrlParts(url_).password);
}

TEST_F(PgAsyncConnect, ABadHostFailsAsOnTheBlockingPath) {
  UrlParts u(url_);
  u.host = "quarry-no-such-host.invalid";  // .invalid never resolves (RFC 6761)
  const auto [awaited, blocking] = both_paths_fail<ConnectionError>(u.str());
  EXPECT_EQ(awaited, blocking);
  EXPECT_CONTAINS(awaited, "quarry-no-such-host.invalid");
  EXPECT_LACKS(awaited, u.password);
}

TEST_F(PgAsyncConnect, ABadConnectTimeoutFailsAsOnTheBlockingPath) {
  const auto [awaited, blocking] =
      both_paths_fail<ConnectionError>(UrlParts(url_).str("?connect_timeout=soon"));
  EXPECT_EQ(awaited, blocking);
  EXPECT_CONTAINS(awaited, "invalid integer value \"soon\" for connection option");
}

TEST_F(PgAsyncConnect, ABadUrlFailsAsOnTheBlockingPath) {
  UrlParts u(url_);
  u.password = "hunter2secret";
  u.port = "notaport";
  const auto [awaited, blocking] = both_paths_fail<UrlError>(u.str());
  EXPECT_EQ(awaited, blocking);
  EXPECT_CONTAINS(awaited, "bad port \"notaport\"");
  EXPECT_LACKS(awaited, "hunter2secret");
}

// ------------------------------------------------------------- the pool

TEST_F(PgAsyncConnect, FiftyConcurrentCheckoutsOnAFreshPoolOfTenAllSucceed) {
  asio::io_context io;
  std::optional<Database> db;
  int ok = 0;
  int failed = 0;
  std::set<std::int64_t> backends;
  asio::co_spawn(
      io,
      [&]() -> Task<void> {
        db.emplace(co_await Database::open_async(url_, {.pool_size = 10}));
        for (int i = 0; i < 50; ++i) {
          // Transactions take a connection each: the first ten checkouts
          // open the pool's connections at once, on the loop; the others
          // wait for one to come back.
          asio::co_spawn(
              io,
              [&]() -> Task<void> {
                co_await db->transaction([&](Transaction& tx) -> Task<void> {
                  struct Pid final : RowSink {
                    std::int64_t pid = 0;
                    void on_row(const RowReader& r) override { pid = r.get_int64(0); }
                  } sink;
                  const std::string_view sql = "SELECT pg_backend_pid() FROM pg_sleep(0.02)";
                  const Statement stmt{sql, {}};
                  co_await tx.execute(stmt, &sink);
                  backends.insert(sink.pid);
                });
              },
              [&](std::exception_ptr e) {
                if (e) {
                  ++failed;
                  try {
                    std::rethrow_exception(e);
                  } catch (const std::exception& x) {
                    ADD_FAILURE() << x.what();
                  }
                } else {
                  ++ok;
                }
              });
        }
        co_return;
      },
      asio::detached);
  io.run();
  EXPECT_EQ(ok, 50);
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(backends.size(), 10u) << "the pool opened all ten of its connections";
}

TEST_F(PgAsyncConnect, FiftyConcurrentSharedStatementsOnAFreshPoolOfTenAllSucceed) {
  asio::io_context io;
  Database db = run(Database::open_async(url_, {.pool_size = 10}));
  int ok = 0;
  for (int i = 0; i < 50; ++i) {
    asio::co_spawn(
        io,
        [&db, &ok, i]() -> Task<void> {
          std::vector<Value> params{Value(std::int64_t{i})};
          auto r = co_await db.execute("SELECT $1::bigint", std::move(params));
          (void)r;
          ++ok;
        },
        [](std::exception_ptr e) {
          if (e) ADD_FAILURE() << "a shared statement failed";
        });
  }
  io.run();
  EXPECT_EQ(ok, 50);
}

TEST_F(PgAsyncConnect, StatementsArrivingWhileConnectionsOpenSpreadOverThem) {
  // 200 statements at once on a fresh pool of 10: the first 16 share the
  // connection already open; each later one joins the least busy connection,
  // also one still opening (and waits for it), so all ten carry a part
  // instead of the first one taking everything that came before the others
  // were open.
  asio::io_context io;
  Database db = run(Database::open_async(url_, {.pool_size = 10}));
  std::map<std::int64_t, int> per_backend;
  int failed = 0;
  for (int i = 0; i < 200; ++i) {
    asio::co_spawn(
        io,
        [&]() -> Task<void> {
          struct Pid final : RowSink {
            std::int64_t pid = 0;
            void on_row(const RowReader& r) override { pid = r.get_int64(0); }
          } sink;
          const Statement stmt{"SELECT pg_backend_pid()", {}};
          co_await db.execute(stmt, &sink);
          ++per_backend[sink.pid];
        },
        [&](std::exception_ptr e) {
          if (e) ++failed;
        });
  }
  io.run();
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(per_backend.size(), 10u);
  int most = 0;
  for (const auto& [pid, n] : per_backend) most = std::max(most, n);
  EXPECT_LE(most, 40) << "one connection took " << most << " of the 200 statements";
}

// ------------------------------------------------------------- listen()

TEST_F(PgAsyncConnect, ListenOpensItsConnectionOnTheLoopAndReceives) {
  Database db = Database::open(url_, {.pool_size = 1});
  asio::io_context io;
  std::optional<Notification> got;
  asio::co_spawn(
      io,
      [&]() -> Task<void> {
        Listener l = co_await db.listen("quarry_async_connect");
        co_await notify(db, "quarry_async_connect", "hello");
        got = co_await l.next();
      },
      [](std::exception_ptr e) {
        if (e) ADD_FAILURE() << "listen failed";
      });
  io.run();
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->channel, "quarry_async_connect");
  EXPECT_EQ(got->payload, "hello");
}

}  // namespace
