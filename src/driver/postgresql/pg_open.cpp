// Opening a PostgreSQL connection with Quarry's session settings: blocking
// (PQconnectdbParams) for the synchronous callers, or on the awaiter's Asio
// loop (PQconnectStartParams and PQconnectPoll, with connect_timeout enforced
// by a timer) for the awaitable ones. See pg_connection.hpp.
#include "driver/postgresql/pg_connection.hpp"

#include "driver/postgresql/pg_connect_options.hpp"
#include "driver/postgresql/pg_result.hpp"
#include "driver/postgresql/pg_socket.hpp"

#include <quarry/error.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>
#include <libpq-fe.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <memory>
#include <new>
#include <string>
#include <string_view>

namespace quarry::detail {

namespace asio = boost::asio;

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

ConnectionError connect_error(PGconn* c) {
  return ConnectionError(fmt::format("cannot connect to PostgreSQL {}: {}", pg_describe_target(c),
                                     trimmed(PQerrorMessage(c))));
}

ConnectionError setup_error(PGconn* c, const char* why) {
  return ConnectionError(fmt::format("cannot set up the PostgreSQL session {}: {}",
                                     pg_describe_target(c), trimmed(why)));
}

/// A failure that libpq's blocking loop would report, said as it would:
/// after what libpq wrote of this attempt ("connection to server at "h",
/// port 5432 failed: ", after the lines of earlier attempts, if any).
ConnectionError attempt_error(PGconn* c, std::string_view what) {
  return ConnectionError(fmt::format("cannot connect to PostgreSQL {}: {}{}", pg_describe_target(c),
                                     PQerrorMessage(c), what));
}

/// libpq's connect_timeout as the connection has it (from the URL, the
/// keywords, PGCONNECT_TIMEOUT or Quarry's default), in seconds as libpq's
/// blocking loop reads it: 0 for none (unset, 0 or negative), at least 2.
int connect_timeout_seconds(PGconn* c, std::string& written) {
  PQconninfoOption* options = PQconninfo(c);
  if (options == nullptr) throw std::bad_alloc();
  for (const PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    if (std::string_view(o->keyword) == "connect_timeout" && o->val != nullptr) written = o->val;
  }
  PQconninfoFree(options);
  std::string_view text = written;
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  if (text.empty()) return 0;
  int seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size()) {
    // libpq's own words for it, in its blocking loop.
    throw attempt_error(c, fmt::format("invalid integer value \"{}\" for connection option "
                                       "\"connect_timeout\"",
                                       written));
  }
  if (seconds <= 0) return 0;
  return std::max(seconds, 2);  // libpq's minimum: one second could end before it began
}

/// Which socket libpq connects on: its number and its inode. libpq closes
/// the socket of a failed attempt and opens another for the next host or
/// address, which may well get the same number; the inode tells them apart.
struct SocketIdentity {
  int fd = -1;
  dev_t device = 0;
  ino_t inode = 0;
  bool operator==(const SocketIdentity&) const = default;
};

SocketIdentity identify(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return {fd, 0, 0};
  return {fd, st.st_dev, st.st_ino};
}

/// connect_timeout on the awaited path, where libpq does not enforce it:
/// a timer that, when it expires, marks the deadline expired and completes
/// the pending socket wait. It runs on the connect's strand, as the connect
/// does, so the two never run at once; the state is shared because the
/// timer's handler may run after the connect has ended.
class ConnectDeadline {
 public:
  ConnectDeadline(const asio::any_io_executor& executor, int seconds, PgSocket& socket)
      : state_(std::make_shared<State>(executor, socket)), seconds_(seconds) {}
  ~ConnectDeadline() {
    state_->socket = nullptr;
    state_->timer.cancel();
  }
  ConnectDeadline(const ConnectDeadline&) = delete;
  ConnectDeadline& operator=(const ConnectDeadline&) = delete;

  /// (Re)starts the clock: each host or address has the whole timeout, as
  /// in libpq's blocking loop.
  void restart() {
    if (seconds_ == 0) return;
    const unsigned generation = ++state_->generation;
    state_->timer.expires_after(std::chrono::seconds(seconds_));  // cancels the last wait
    state_->timer.async_wait([state = state_, generation](const boost::system::error_code& ec) {
      // A restart after this expiry was queued makes it stale.
      if (ec || state->socket == nullptr || generation != state->generation) return;
      state->expired = true;
      state->socket->cancel();
    });
  }
  bool expired() const noexcept { return state_->expired; }

 private:
  struct State {
    State(const asio::any_io_executor& executor, PgSocket& s) : timer(executor), socket(&s) {}
    asio::steady_timer timer;
    PgSocket* socket;  // null once the connect is over
    unsigned generation = 0;
    bool expired = false;
  };
  std::shared_ptr<State> state_;
  int seconds_;
};

ConnectionError timeout_error(PGconn* c, int seconds, const std::string& written) {
  return attempt_error(c, fmt::format("timeout expired (no answer within {} s; connect_timeout={})",
                                      seconds, written));
}

}  // namespace

void PgConnection::open(const DatabaseUrl& url, Opening how) {
  const PgConnectOptions options(url);
  if (const auto mode = url.query.find("quarry_statements"); mode != url.query.end()) {
    names_statements_ = mode->second != "unnamed";
  }
  if (const auto mode = url.query.find("quarry_pipeline"); mode != url.query.end()) {
    batch_selects_ = mode->second != "sync_each";
  }
  if (how == Opening::started) {
    // Resolves the first host name (blocking: libpq has no other way) and
    // starts connecting; libpq copies the keywords.
    conn_.reset(PQconnectStartParams(options.keywords(), options.values(), 0));
    if (!conn_) throw std::bad_alloc();
    return;
  }
  conn_.reset(PQconnectdbParams(options.keywords(), options.values(), 0));
  if (!conn_) throw std::bad_alloc();
  PGconn* const c = conn_.get();
  if (PQstatus(c) != CONNECTION_OK) throw connect_error(c);
  const std::string set = begin_session();
  if (!set.empty()) {
    const PgResult r(PQexec(c, set.c_str()));  // blocks, even in non-blocking mode
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
      throw setup_error(c, PQresultErrorMessage(r.get()));
    }
  }
}

std::string PgConnection::begin_session() {
  PGconn* const c = conn_.get();
  // libpq prints NOTICEs ("table does not exist, skipping") on stderr by
  // default; a library must not write there.
  PQsetNoticeProcessor(
      c, [](void*, const char*) {}, nullptr);

  // The query layer parses timestamptz as an instant with an offset, dates
  // as YYYY-MM-DD: ask for UTC and ISO unless the server already gives them
  // (the server reports both at connect, so the check costs nothing).
  const auto setting = [&](const char* name) -> std::string_view {
    const char* v = PQparameterStatus(c, name);
    return v != nullptr ? v : "";
  };
  if (setting("client_encoding") != "UTF8") {
    throw ConnectionError(fmt::format("PostgreSQL {} uses client_encoding {}, not UTF8",
                                      pg_describe_target(c), setting("client_encoding")));
  }
  // Non-blocking: sends never wait for the socket (PQexec still blocks).
  if (PQsetnonblocking(c, 1) != 0) {
    throw ConnectionError(fmt::format("cannot make the PostgreSQL connection {} non-blocking: {}",
                                      pg_describe_target(c), PQerrorMessage(c)));
  }
  std::string set;
  if (setting("TimeZone") != "UTC" && setting("TimeZone") != "Etc/UTC") {
    set += "SET TimeZone TO 'UTC';";
  }
  if (!setting("DateStyle").starts_with("ISO")) set += "SET DateStyle TO 'ISO, YMD';";
  // Intervals are read in PostgreSQL's default style and in ISO 8601; the
  // other two styles (sql_standard, postgres_verbose) are changed.
  if (setting("IntervalStyle") != "postgres" && setting("IntervalStyle") != "iso_8601") {
    set += "SET IntervalStyle TO 'iso_8601';";
  }
  return set;
}

Task<std::unique_ptr<PgConnection>> PgConnection::open_async(const DatabaseUrl& url) {
  std::unique_ptr<PgConnection> connection(new PgConnection(url, Opening::started));
  const auto executor = co_await asio::this_coro::executor;
  // The connect's socket waits and its deadline's timer run on one strand,
  // so that they never run at once, whatever threads run the io_context.
  const auto strand = asio::make_strand(executor);
  Task<void> opening = connection->finish_opening();  // named: see the GCC 12 note in COMMON.md
  co_await asio::co_spawn(strand, std::move(opening), asio::use_awaitable);
  co_return connection;
}

Task<void> PgConnection::finish_opening() {
  PGconn* const c = conn_.get();
  const auto executor = co_await asio::this_coro::executor;
  if (PQstatus(c) == CONNECTION_BAD) throw connect_error(c);  // failed at the start
  std::string written_timeout;
  const int timeout = connect_timeout_seconds(c, written_timeout);
  ConnectDeadline deadline(executor, timeout, *socket_);

  // Before the first PQconnectPoll, wait as if it had asked for writing
  // (libpq's documented loop). Waiting for exactly what it asks matters:
  // polled before a connect in progress is writable, libpq would take the
  // connect for done.
  PostgresPollingStatusType polling = PGRES_POLLING_WRITING;
  SocketIdentity bound;
  while (true) {
    if (polling == PGRES_POLLING_FAILED || PQstatus(c) == CONNECTION_BAD) throw connect_error(c);
    if (polling == PGRES_POLLING_OK) break;
    const int fd = PQsocket(c);
    if (fd < 0) throw connect_error(c);
    if (const SocketIdentity now = identify(fd); now != bound) {
      // Another host or address: let go of the last socket's registration
      // (libpq closed it) and give this attempt the whole timeout.
      socket_->release();
      socket_->bind(executor, fd);
      bound = now;
      deadline.restart();
    }
    if (deadline.expired()) throw timeout_error(c, timeout, written_timeout);
    if (polling == PGRES_POLLING_WRITING) {
      co_await socket_->wait_writable();
    } else {
      co_await socket_->wait(false);
    }
    if (deadline.expired()) throw timeout_error(c, timeout, written_timeout);
    polling = PQconnectPoll(c);
  }

  // The session's SETs, sent and answered without blocking; still within
  // the deadline (a server that accepts and then never answers is caught).
  const std::string set = begin_session();
  if (set.empty()) co_return;
  if (PQsendQuery(c, set.c_str()) == 0) throw setup_error(c, PQerrorMessage(c));
  PgResult failure;
  while (true) {
    const int unsent = PQflush(c);
    if (unsent < 0) throw setup_error(c, PQerrorMessage(c));
    if (unsent == 1 || PQisBusy(c) != 0) {
      if (deadline.expired()) throw timeout_error(c, timeout, written_timeout);
      co_await socket_->wait(unsent == 1);
      if (deadline.expired()) throw timeout_error(c, timeout, written_timeout);
      if (PQconsumeInput(c) == 0) throw setup_error(c, PQerrorMessage(c));
      continue;
    }
    PgResult result(PQgetResult(c));
    if (!result) break;
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK && !failure) failure = std::move(result);
  }
  if (failure) throw setup_error(c, PQresultErrorMessage(failure.get()));
}

}  // namespace quarry::detail
