// The connection pool behind a Database: at most N connections, handed out
// one user at a time to coroutines (waiting without blocking the loop) and to
// plain threads (waiting on a condition variable) alike, first come first served.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <variant>

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>

#include <quarry/async.hpp>
#include <quarry/driver/connection.hpp>

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

 private:
  void release() noexcept;
  Pool* pool_ = nullptr;
  std::unique_ptr<Connection> connection_;
};

class Pool : public std::enable_shared_from_this<Pool> {
 public:
  /// Opens the first connection at once, so that a bad URL or file is
  /// reported by Database::open and not by the first query.
  Pool(std::string url, std::size_t max_size);

  Task<Lease> acquire();
  Lease acquire_sync();
  void release(std::unique_ptr<Connection> connection) noexcept;
  void close();

  const sql::Dialect& dialect() const noexcept { return *dialect_; }
  const std::string& url() const noexcept { return url_; }

 private:
  // A waiter is handed either a connection, or (null) the right to open one.
  struct SyncWaiter {
    std::condition_variable cv;
    bool ready = false;
    std::unique_ptr<Connection> connection;
  };
  struct AsyncWaiter {
    boost::asio::any_completion_handler<void(std::unique_ptr<Connection>)> handler;
    // Keeps the waiter's io_context running while it waits on another thread's release.
    boost::asio::executor_work_guard<boost::asio::any_io_executor> work;
  };

  /// Called with the mutex held: hands `connection` (or the right to open
  /// one) to the first waiter. Returns false when nobody waits.
  bool hand_over(std::unique_ptr<Connection>& connection);
  std::unique_ptr<Connection> open_or_give_back();

  std::string url_;
  std::size_t max_size_;
  const sql::Dialect* dialect_ = nullptr;

  std::mutex mutex_;
  std::deque<std::unique_ptr<Connection>> idle_;
  std::size_t open_count_ = 0;  // idle + leased
  bool closed_ = false;
  std::deque<std::variant<SyncWaiter*, AsyncWaiter>> waiters_;
};

}  // namespace quarry::detail
