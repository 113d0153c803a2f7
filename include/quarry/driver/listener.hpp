// LISTEN/NOTIFY as an async stream: a Listener holds one PostgreSQL
// connection of its own (outside the pool, since a pooled connection serves
// other work and PgBouncer's transaction pooling would lose the LISTEN) and
// yields the notifications of its channels, in the order the server sent
// them.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <quarry/async.hpp>

namespace quarry {

class Session;

/// One NOTIFY, as the listener received it.
struct Notification {
  std::string channel;
  std::string payload;
  int backend_pid = 0;  ///< the server process of the session that sent it

  bool operator==(const Notification&) const = default;
};

/// Obtained from Database::listen(channel). Move-only; closes on destruction.
/// Use it from one coroutine at a time, on one executor (not thread-safe).
class Listener {
 public:
  Listener(Listener&&) noexcept;
  Listener& operator=(Listener&&) noexcept;
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  ~Listener();

  /// Also listens on `channel` (any text but NUL, at most 63 bytes; quoted,
  /// so "Orders", "a b" or "x\"; DROP TABLE t" are channel names like any
  /// other). UsageError for a bad name or a closed listener.
  Task<void> listen(std::string_view channel);
  /// Stops listening on `channel`; notifications already received stay queued.
  Task<void> unlisten(std::string_view channel);

  /// The next notification, waiting for it without blocking the loop;
  /// std::nullopt once the listener is closed (also when close() is called
  /// while it waits). ConnectionError when the connection is lost:
  /// notifications sent meanwhile are lost, open a new Listener.
  /// UsageError when another next() of this listener is waiting.
  Task<std::optional<Notification>> next();

  /// Closes the connection (ending every LISTEN); a waiting next() returns
  /// std::nullopt. Safe to call more than once.
  void close() noexcept;
  bool closed() const noexcept;

  struct Impl;  // internal (the PostgreSQL backend)
  explicit Listener(std::shared_ptr<Impl> impl);

 private:
  // Shared with a waiting next(), which may outlive the Listener object.
  std::shared_ptr<Impl> impl_;
};

/// NOTIFY `channel` with `payload`, both sent as bound values
/// (pg_notify($1, $2)), so any text is safe. Delivered when the session's
/// transaction commits (at once outside a transaction). UsageError on a
/// database that has no notifications (SQLite).
Task<void> notify(Session& session, std::string_view channel, std::string_view payload = {});
void notify_sync(Session& session, std::string_view channel, std::string_view payload = {});

}  // namespace quarry
