// LISTEN/NOTIFY: a Listener's own PgConnection, waited on through Asio
// between notifications, and notify() through pg_notify with bound values.
#include <quarry/driver/listener.hpp>

#include <quarry/driver/database.hpp>
#include <quarry/driver/url.hpp>
#include <quarry/error.hpp>
#include <quarry/sql/dialect.hpp>

#include <libpq-fe.h>

#include <fmt/format.h>

#include "driver/pool.hpp"
#include "driver/postgresql/pg_connection.hpp"

namespace quarry {

namespace {

/// PostgreSQL cuts identifiers to NAMEDATALEN - 1 bytes: a longer channel
/// would be listened to under another name than the one asked for.
constexpr std::size_t max_channel_bytes = 63;

void check_channel(std::string_view channel) {
  if (channel.empty()) throw UsageError("a LISTEN/NOTIFY channel name cannot be empty");
  if (channel.find('\0') != std::string_view::npos) {
    throw UsageError("a LISTEN/NOTIFY channel name cannot hold a NUL byte");
  }
  if (channel.size() > max_channel_bytes) {
    throw UsageError(
        fmt::format("LISTEN/NOTIFY channel name \"{}...\" is {} bytes; PostgreSQL keeps at most {}",
                    channel.substr(0, 20), channel.size(), max_channel_bytes));
  }
}

void require_notifications(const sql::Dialect& d, std::string_view what) {
  if (d.name() != "postgresql") {
    throw UsageError(fmt::format(
        "{} needs PostgreSQL's LISTEN/NOTIFY; a {} database has no notifications", what, d.name()));
  }
}

}  // namespace

struct Listener::Impl {
  std::unique_ptr<detail::PgConnection> connection;
  bool closed = false;
  bool waiting = false;

  Task<void> command(std::string_view verb, std::string_view channel) {
    if (closed) throw UsageError(fmt::format("{} on a closed Listener", verb));
    check_channel(channel);
    std::string sql(verb);
    sql += ' ';
    connection->dialect().quote_identifier(sql, channel);
    co_await connection->execute_script_async(sql);
  }

  std::optional<Notification> take() {
    PGnotify* n = PQnotifies(connection->handle());
    if (n == nullptr) return std::nullopt;
    Notification out{n->relname, n->extra != nullptr ? n->extra : "", n->be_pid};
    PQfreemem(n);
    return out;
  }
};

Listener::Listener(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
Listener::Listener(Listener&&) noexcept = default;
Listener& Listener::operator=(Listener&& other) noexcept {
  if (this != &other) {
    close();
    impl_ = std::move(other.impl_);
  }
  return *this;
}
Listener::~Listener() {
  close();
}

Task<void> Listener::listen(std::string_view channel) {
  if (!impl_) throw UsageError("listen() on a moved-from Listener");
  const std::string name(channel);  // the caller's view may not outlive the await
  co_await impl_->command("LISTEN", name);
}

Task<void> Listener::unlisten(std::string_view channel) {
  if (!impl_) throw UsageError("unlisten() on a moved-from Listener");
  const std::string name(channel);
  co_await impl_->command("UNLISTEN", name);
}

Task<std::optional<Notification>> Listener::next() {
  const std::shared_ptr<Impl> impl = impl_;  // alive while this waits
  if (impl == nullptr || impl->closed) co_return std::nullopt;
  if (impl->waiting) {
    throw UsageError("Listener::next() while another next() of the same listener waits");
  }
  impl->waiting = true;
  struct Done {
    Impl& impl;
    ~Done() {
      impl.waiting = false;
      // close() while waiting left the connection for the waiter to end.
      if (impl.closed) impl.connection.reset();
    }
  } done{*impl};
  while (true) {
    if (impl->closed) co_return std::nullopt;
    if (auto n = impl->take()) co_return n;
    co_await impl->connection->wait_for_input();
  }
}

void Listener::close() noexcept {
  if (!impl_ || impl_->closed) return;
  impl_->closed = true;
  if (impl_->waiting) {
    impl_->connection->cancel_wait();  // the waiter resumes, sees closed, and closes
  } else {
    impl_->connection.reset();
  }
}

bool Listener::closed() const noexcept {
  return !impl_ || impl_->closed;
}

Task<Listener> Database::listen(std::string channel) {
  require_notifications(dialect(), "Database::listen");
  check_channel(channel);
  auto impl = std::make_shared<Listener::Impl>();
  // Opened on the loop, as the pool's awaited checkouts open theirs.
  const DatabaseUrl url = parse_database_url(pool_->url());  // named: GCC 12's co_await bug
  impl->connection = co_await detail::PgConnection::open_async(url);
  Listener listener(std::move(impl));
  co_await listener.listen(channel);
  co_return listener;
}

Task<void> notify(Session& session, std::string_view channel, std::string_view payload) {
  require_notifications(session.dialect(), "notify()");
  check_channel(channel);
  std::vector<Value> params{Value(std::string(channel)), Value(std::string(payload))};
  co_await session.execute("SELECT pg_notify($1, $2)", std::move(params));
}

void notify_sync(Session& session, std::string_view channel, std::string_view payload) {
  require_notifications(session.dialect(), "notify_sync()");
  check_channel(channel);
  session.execute_sync("SELECT pg_notify($1, $2)",
                       {Value(std::string(channel)), Value(std::string(payload))});
}

}  // namespace quarry
