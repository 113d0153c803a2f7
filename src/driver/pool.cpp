// The connection pool: fast path without suspension when a connection is
// idle, fair hand-over to sync and async waiters otherwise.
#include "driver/pool.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <quarry/error.hpp>

namespace quarry::detail {

Lease& Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = other.pool_;
    connection_ = std::move(other.connection_);
  }
  return *this;
}

Lease::~Lease() {
  release();
}

void Lease::release() noexcept {
  if (pool_ && connection_) pool_->release(std::move(connection_));
}

Pool::Pool(std::string url, std::size_t max_size) : url_(std::move(url)), max_size_(max_size) {
  auto first = open_connection(url_);
  dialect_ = &first->dialect();
  open_count_ = 1;
  idle_.push_back(std::move(first));
}

std::unique_ptr<Connection> Pool::open_or_give_back() {
  try {
    return open_connection(url_);
  } catch (...) {
    std::lock_guard lock(mutex_);
    --open_count_;
    std::unique_ptr<Connection> none;
    if (hand_over(none)) ++open_count_;  // the next waiter may try to open one itself
    throw;
  }
}

Task<Lease> Pool::acquire() {
  std::unique_ptr<Connection> connection;
  bool may_open = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_) throw UsageError("the database was closed");
    if (!idle_.empty()) {
      connection = std::move(idle_.front());
      idle_.pop_front();
    } else if (open_count_ < max_size_) {
      ++open_count_;
      may_open = true;
    }
  }
  if (!connection && !may_open) {
    auto executor = co_await boost::asio::this_coro::executor;
    connection = co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&,
                                                      void(std::unique_ptr<Connection>)>(
        [this, executor](auto handler) {
          std::unique_lock lock(mutex_);
          // Something may have been released since the check above.
          std::unique_ptr<Connection> ready;
          bool ready_to_open = false;
          if (!idle_.empty()) {
            ready = std::move(idle_.front());
            idle_.pop_front();
          } else if (open_count_ < max_size_) {
            ++open_count_;
            ready_to_open = true;
          }
          if (ready || ready_to_open) {
            lock.unlock();
            boost::asio::post(executor, [h = std::move(handler), c = std::move(ready)]() mutable {
              std::move(h)(std::move(c));
            });
            return;
          }
          waiters_.push_back(
              AsyncWaiter{std::move(handler), boost::asio::make_work_guard(executor)});
        },
        boost::asio::use_awaitable);
    may_open = !connection;
  }
  if (may_open) connection = open_or_give_back();
  co_return Lease(this, std::move(connection));
}

Lease Pool::acquire_sync() {
  std::unique_ptr<Connection> connection;
  bool may_open = false;
  {
    std::unique_lock lock(mutex_);
    if (closed_) throw UsageError("the database was closed");
    if (!idle_.empty()) {
      connection = std::move(idle_.front());
      idle_.pop_front();
    } else if (open_count_ < max_size_) {
      ++open_count_;
      may_open = true;
    } else {
      SyncWaiter waiter;
      waiters_.push_back(&waiter);
      waiter.cv.wait(lock, [&] { return waiter.ready; });
      connection = std::move(waiter.connection);
      may_open = !connection;
    }
  }
  if (may_open) connection = open_or_give_back();
  return Lease(this, std::move(connection));
}

bool Pool::hand_over(std::unique_ptr<Connection>& connection) {
  if (waiters_.empty()) return false;
  auto waiter = std::move(waiters_.front());
  waiters_.pop_front();
  if (auto* sync = std::get_if<SyncWaiter*>(&waiter)) {
    (*sync)->connection = std::move(connection);
    (*sync)->ready = true;
    (*sync)->cv.notify_one();
  } else {
    auto& async = std::get<AsyncWaiter>(waiter);
    auto executor = async.work.get_executor();
    boost::asio::post(executor,
                      [h = std::move(async.handler), c = std::move(connection)]() mutable {
                        std::move(h)(std::move(c));
                      });
    async.work.reset();
  }
  return true;
}

void Pool::release(std::unique_ptr<Connection> connection) noexcept {
  std::lock_guard lock(mutex_);
  if (closed_ || !connection->healthy()) {
    connection.reset();  // a broken connection is dropped, not reused
    --open_count_;
    std::unique_ptr<Connection> none;
    if (!closed_ && hand_over(none)) ++open_count_;
    return;
  }
  if (!hand_over(connection)) idle_.push_back(std::move(connection));
}

void Pool::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  open_count_ -= idle_.size();
  idle_.clear();
}

}  // namespace quarry::detail
