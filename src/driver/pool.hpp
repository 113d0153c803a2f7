// The connection pool behind a Database: at most N connections, handed out
// one user at a time to coroutines (waiting without blocking the loop) and to
// plain threads (waiting on a condition variable) alike, first come first
// served; and, for a backend that pipelines (PostgreSQL), shared between the
// single statements of many coroutines at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <quarry/async.hpp>
#include <quarry/driver/connection.hpp>
#include <quarry/error.hpp>

namespace quarry::detail {

class Pool;

/// Exclusive use of one pooled connection; returns it on destruction.
class Lease {
 public:
  Lease() = default;
  Lease(Pool* pool, std::unique_ptr<Connection> connection)
      : pool_(pool), connection_(std::move(connection)) {}
  Lease(Lease&&) noexcept = default;
  Lease& operator=(Lease&& other) noexcept;
  ~Lease();
  Connection& operator*() const noexcept { return *connection_; }
  Connection* operator->() const noexcept { return connection_.get(); }
  /// The connection, no longer leased: the caller now owns it (and the
  /// pool still counts it as open).
  std::unique_ptr<Connection> detach() noexcept {
    pool_ = nullptr;
    return std::move(connection_);
  }

 private:
  void release() noexcept;
  Pool* pool_ = nullptr;
  std::unique_ptr<Connection> connection_;
};

/// One pipelining connection lent to every SharedLease that holds it.
///
/// A connection being opened for sharing (on the loop, which takes a while)
/// is already listed, `opening`, so that statements arriving meanwhile join
/// it (and wait for it) instead of all piling onto the connections already
/// open: `users` counts them, and `joiners` holds those waiting.
struct SharedConnection {
  struct Joiner {
    boost::asio::any_completion_handler<void()> handler;
    boost::asio::any_io_executor executor;  // the waiter's
  };

  std::unique_ptr<Connection> connection;  // null while opening (or after it failed)
  /// Where every shared statement runs: one strand, so that the connection
  /// is never driven from two threads at once, whatever runs the io_context.
  boost::asio::strand<boost::asio::any_io_executor> strand;
  const void* context = nullptr;  // the strand's execution context (an io_context)
  std::size_t users = 0;
  bool opening = false;
  std::exception_ptr failure;  // why the open failed; the last user removes the entry
  std::vector<Joiner> joiners;
};

/// A share of one pipelining connection, for one statement; many may hold
/// the same connection. Returns its share on destruction.
class SharedLease {
 public:
  SharedLease() = default;
  SharedLease(Pool* pool, SharedConnection* shared) : pool_(pool), shared_(shared) {}
  SharedLease(SharedLease&& other) noexcept
      : pool_(std::exchange(other.pool_, nullptr)),
        shared_(std::exchange(other.shared_, nullptr)) {}
  SharedLease& operator=(SharedLease&&) = delete;
  ~SharedLease();
  Connection& operator*() const noexcept { return *shared_->connection; }
  Connection* operator->() const noexcept { return shared_->connection.get(); }
  /// The strand the statement must run on.
  const boost::asio::strand<boost::asio::any_io_executor>& strand() const noexcept {
    return shared_->strand;
  }

 private:
  Pool* pool_ = nullptr;
  SharedConnection* shared_ = nullptr;
};

class Pool : public std::enable_shared_from_this<Pool> {
 public:
  /// Opens the first connection at once, so that a bad URL or file is
  /// reported by Database::open and not by the first query.
  /// `checkout_timeout`: how long acquire_sync() and an awaited acquire()
  /// wait when every connection is in use before they throw PoolTimeout
  /// (zero: for ever).
  Pool(std::string url, std::size_t max_size, std::chrono::milliseconds checkout_timeout);
  /// The same with the first connection already open (Database::open_async).
  Pool(std::string url, std::size_t max_size, std::chrono::milliseconds checkout_timeout,
       std::unique_ptr<Connection> first);

  /// Awaited checkouts (acquire, acquire_shared) open a new connection with
  /// open_connection_async, so that connecting never blocks the loop;
  /// acquire_sync opens blocking.

  Task<Lease> acquire();
  Lease acquire_sync();
  void release(std::unique_ptr<Connection> connection) noexcept;
  /// Refuses new checkouts, fails every waiter (awaiting or blocked) with
  /// UsageError, and closes the idle connections; connections in use (in
  /// flight statements, open transactions) finish their work and close when
  /// they come back.
  void close();

  /// True when the backend's connections pipeline (Connection::pipelines):
  /// single statements may then take a share with acquire_shared.
  bool pipelines() const noexcept { return pipelines_; }
  /// A share of a connection for one statement of the awaiting coroutine:
  /// the least busy one already shared on the awaiter's execution context,
  /// unless each has `spread_at` users or more and another connection is
  /// idle or may be opened; else a connection as acquire() would give it.
  /// Transactions and blocking calls never get a shared connection, and a
  /// shared one is lent exclusively again only once its last share is back.
  Task<SharedLease> acquire_shared();
  void release_shared(SharedConnection* shared) noexcept;
  /// Statements in flight on one connection before another one is opened.
  static constexpr std::size_t spread_at = 16;

  const sql::Dialect& dialect() const noexcept { return *dialect_; }
  const std::string& url() const noexcept { return url_; }

 private:
  // A waiter is handed either a connection, or (null) the right to open one,
  // or (closed) an error.
  struct SyncWaiter {
    std::condition_variable cv;
    bool ready = false;
    bool closed = false;
    std::unique_ptr<Connection> connection;
  };
  using AsyncHandler =
      boost::asio::any_completion_handler<void(std::exception_ptr, std::unique_ptr<Connection>)>;
  /// An awaiting checkout. Shared between the waiter list, the timeout's
  /// handler and the hand-over posted to the waiter's executor, each of
  /// which may run on another thread: whoever takes `handler` (under the
  /// pool's mutex, setting `done`) completes the wait; the others find
  /// `done` and do nothing. The timer is touched only on the waiter's
  /// executor's threads and after the mutex ordered them: async_wait while
  /// the waiter is queued (mutex held), cancel in the posted hand-over.
  struct AsyncWaiter {
    AsyncWaiter(AsyncHandler h, const boost::asio::any_io_executor& executor)
        : handler(std::move(h)), timer(executor), work(boost::asio::make_work_guard(executor)) {}
    AsyncHandler handler;
    boost::asio::steady_timer timer;
    // Keeps the waiter's io_context running while it waits on another thread's release.
    boost::asio::executor_work_guard<boost::asio::any_io_executor> work;
    bool done = false;
  };

  /// Called with the mutex held: hands `connection` (or the right to open
  /// one) to the first waiter. Returns false when nobody waits.
  bool hand_over(std::unique_ptr<Connection>& connection);
  /// The timeout of an awaiting checkout expired (or was cancelled).
  void async_wait_expired(const std::shared_ptr<AsyncWaiter>& waiter);
  /// Fails an awaiting checkout that close() took from the queue.
  static void fail_closed(std::shared_ptr<AsyncWaiter> waiter);
  /// Opens a connection for a checkout that was given the right to; when
  /// that fails, gives the right back (to the next waiter) and rethrows.
  std::unique_ptr<Connection> open_or_give_back();
  Task<std::unique_ptr<Connection>> open_or_give_back_async();
  void opening_failed() noexcept;
  /// acquire_shared's slow paths: open the listed `shared` entry, or wait
  /// for another coroutine to open it.
  Task<SharedLease> open_shared(SharedConnection* shared);
  Task<SharedLease> join_shared(SharedConnection* shared);
  /// Called with the mutex held: a user of a failed entry leaves it.
  void leave_failed(SharedConnection* shared) noexcept;
  /// Called with the mutex held: the first idle connection that is still
  /// healthy (broken ones are dropped), or null.
  std::unique_ptr<Connection> take_idle();
  /// Called with the mutex held: a connection back from its user goes to the
  /// first waiter or the idle list, or is dropped when broken or closed.
  void give_back(std::unique_ptr<Connection> connection) noexcept;

  PoolTimeout timeout_error() const;

  std::string url_;
  std::size_t max_size_;
  std::chrono::milliseconds checkout_timeout_;
  const sql::Dialect* dialect_ = nullptr;

  std::mutex mutex_;
  std::deque<std::unique_ptr<Connection>> idle_;
  std::list<SharedConnection> shared_;  // a list: SharedLeases point into it
  bool pipelines_ = false;
  std::size_t open_count_ = 0;  // idle + leased + shared
  bool closed_ = false;
  // A list: a timed-out waiter leaves from the middle.
  std::list<std::variant<SyncWaiter*, std::shared_ptr<AsyncWaiter>>> waiters_;
};

}  // namespace quarry::detail
