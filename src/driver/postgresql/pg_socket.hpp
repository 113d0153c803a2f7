// libpq's socket as Asio sees it: waiting, on the awaiting coroutine's
// executor, until the connection may read or write. Internal to the
// PostgreSQL backend.
#pragma once

#include <quarry/async.hpp>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <optional>

namespace quarry::detail {

/// Waits on libpq's socket. libpq owns the descriptor (it reads, writes and
/// closes it): this class only registers it with Asio's reactor, and lets go
/// with release(), never close().
///
/// A connection may outlive the io_context it last ran on (a test's or a
/// request's io_context, destroyed before the pool): a service in that
/// context lets go of the descriptor when the context shuts down, before
/// Asio's own descriptor service goes away.
///
/// Waits are level-checked: Asio's epoll reactor is edge-triggered and
/// delivers a readiness edge that arrives while no wait is queued to nobody
/// (another thread running the same io_context may take it between libpq's
/// last read and the wait). So after queueing a wait, wait() polls the
/// socket once and, if it is already ready, completes at once.
class PgSocket {
 public:
  PgSocket() = default;
  ~PgSocket() { release(); }
  PgSocket(const PgSocket&) = delete;
  PgSocket& operator=(const PgSocket&) = delete;

  /// Makes waits run on `executor` for descriptor `fd`, registering again
  /// when either changed (a connection may move between executors between
  /// queries). Not while a wait is pending.
  void bind(const boost::asio::any_io_executor& executor, int fd);

  bool bound_to(const boost::asio::any_io_executor& executor, int fd) const noexcept {
    return descriptor_.has_value() && fd_ == fd && executor_ == executor;
  }

  /// Registered on an executor (bind() and not released since).
  bool bound() const noexcept { return descriptor_.has_value(); }
  /// The executor of the waits; only while bound().
  const boost::asio::any_io_executor& executor() const noexcept { return executor_; }

  /// Unregisters the descriptor without closing it; a pending wait completes.
  void release() noexcept;

  /// Completes when the socket may be readable, or writable when
  /// `want_write`, or when cancel() is called. A completion says only that
  /// something may have changed: the caller asks libpq what.
  Task<void> wait(bool want_write);
  /// Completes when the socket may be writable (or has failed), or when
  /// cancel() is called. For PQconnectPoll, which must not be called before
  /// a connect in progress is writable: readiness to read would not do.
  Task<void> wait_writable();

  /// Completes a pending wait (another path read the socket meanwhile).
  void cancel() noexcept;

  bool waiting() const noexcept { return waiting_; }

 private:
  class Registry;
  /// Called by the Registry when the executor's context shuts down.
  void context_gone() noexcept;
  Task<void> wait_for(bool want_read, bool want_write);

  std::optional<boost::asio::posix::stream_descriptor> descriptor_;
  Registry* registry_ = nullptr;  // the service of the bound context
  boost::asio::any_io_executor executor_;
  int fd_ = -1;
  bool waiting_ = false;
};

}  // namespace quarry::detail
