// The connection pool: fast path without suspension when a connection is
// idle, fair hand-over to sync and async waiters otherwise.
#include "driver/pool.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/query.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <fmt/format.h>

#include <vector>

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

SharedLease::~SharedLease() {
  if (pool_ && shared_) pool_->release_shared(shared_);
}

Pool::Pool(std::string url, std::size_t max_size, std::chrono::milliseconds checkout_timeout)
    : Pool(url, max_size, checkout_timeout, open_connection(url)) {}

Pool::Pool(std::string url, std::size_t max_size, std::chrono::milliseconds checkout_timeout,
           std::unique_ptr<Connection> first)
    : url_(std::move(url)), max_size_(max_size), checkout_timeout_(checkout_timeout) {
  dialect_ = &first->dialect();
  pipelines_ = first->pipelines();
  open_count_ = 1;
  idle_.push_back(std::move(first));
}

void Pool::opening_failed() noexcept {
  std::lock_guard lock(mutex_);
  --open_count_;
  std::unique_ptr<Connection> none;
  if (hand_over(none)) ++open_count_;  // the next waiter may try to open one itself
}

std::unique_ptr<Connection> Pool::open_or_give_back() {
  try {
    return open_connection(url_);
  } catch (...) {
    opening_failed();
    throw;
  }
}

Task<std::unique_ptr<Connection>> Pool::open_or_give_back_async() {
  std::exception_ptr failure;
  try {
    co_return co_await open_connection_async(url_);
  } catch (...) {
    failure = std::current_exception();  // no co_await in a handler: leave it first
  }
  opening_failed();
  std::rethrow_exception(failure);
}

Task<Lease> Pool::acquire() {
  std::unique_ptr<Connection> connection;
  bool may_open = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_) throw UsageError("the database was closed");
    connection = take_idle();
    if (!connection && open_count_ < max_size_) {
      ++open_count_;
      may_open = true;
    }
  }
  if (!connection && !may_open) {
    auto executor = co_await boost::asio::this_coro::executor;
    connection =
        co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&,
                                             void(std::exception_ptr, std::unique_ptr<Connection>)>(
            [this, executor](auto handler) {
              std::unique_lock lock(mutex_);
              // Something may have been released (or the pool closed) since the
              // check above.
              std::exception_ptr refused;
              std::unique_ptr<Connection> ready;
              bool ready_to_open = false;
              if (closed_) {
                refused = std::make_exception_ptr(UsageError("the database was closed"));
              } else {
                ready = take_idle();
                if (!ready && open_count_ < max_size_) {
                  ++open_count_;
                  ready_to_open = true;
                }
              }
              if (refused || ready || ready_to_open) {
                lock.unlock();
                boost::asio::post(
                    executor, [h = std::move(handler), e = refused,
                               c = std::move(ready)]() mutable { std::move(h)(e, std::move(c)); });
                return;
              }
              auto waiter =
                  std::make_shared<AsyncWaiter>(AsyncHandler(std::move(handler)), executor);
              waiters_.emplace_back(waiter);
              if (checkout_timeout_.count() != 0) {
                // Started with the mutex held: a hand-over (which cancels the
                // timer) cannot come before the wait it cancels.
                waiter->timer.expires_after(checkout_timeout_);
                waiter->timer.async_wait(
                    [pool = weak_from_this(), waiter](const boost::system::error_code&) {
                      if (auto self = pool.lock()) self->async_wait_expired(waiter);
                    });
              }
            },
            boost::asio::use_awaitable);
    may_open = !connection;
  }
  if (may_open) connection = co_await open_or_give_back_async();
  co_return Lease(this, std::move(connection));
}

Lease Pool::acquire_sync() {
  std::unique_ptr<Connection> connection;
  bool may_open = false;
  {
    std::unique_lock lock(mutex_);
    if (closed_) throw UsageError("the database was closed");
    connection = take_idle();
    if (!connection && open_count_ < max_size_) {
      ++open_count_;
      may_open = true;
    } else if (!connection) {
      SyncWaiter waiter;
      waiters_.push_back(&waiter);
      const auto ready = [&] { return waiter.ready; };
      if (checkout_timeout_.count() == 0) {
        waiter.cv.wait(lock, ready);
      } else if (!waiter.cv.wait_for(lock, checkout_timeout_, ready)) {
        std::erase_if(waiters_, [&](const auto& w) {
          auto* sync = std::get_if<SyncWaiter*>(&w);
          return sync != nullptr && *sync == &waiter;
        });
        throw timeout_error();
      }
      if (waiter.closed)
        throw UsageError("the database was closed while this call waited for a connection");
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
    auto async = std::get<std::shared_ptr<AsyncWaiter>>(std::move(waiter));
    async->done = true;  // from now on only the posted hand-over touches it
    boost::asio::post(async->work.get_executor(), [async, c = std::move(connection)]() mutable {
      async->timer.cancel();
      async->work.reset();
      std::move(async->handler)(nullptr, std::move(c));
    });
  }
  return true;
}

void Pool::release(std::unique_ptr<Connection> connection) noexcept {
  std::lock_guard lock(mutex_);
  give_back(std::move(connection));
}

void Pool::give_back(std::unique_ptr<Connection> connection) noexcept {
  if (closed_ || !connection->healthy()) {
    connection.reset();  // a broken connection is dropped, not reused
    --open_count_;
    std::unique_ptr<Connection> none;
    if (!closed_ && hand_over(none)) ++open_count_;  // a waiter may open a fresh one
    return;
  }
  if (!hand_over(connection)) idle_.push_back(std::move(connection));
}

std::unique_ptr<Connection> Pool::take_idle() {
  while (!idle_.empty()) {
    std::unique_ptr<Connection> c = std::move(idle_.front());
    idle_.pop_front();
    if (c->check_idle()) return c;
    --open_count_;  // broken while idle (the server closed it): dropped here
  }
  return nullptr;
}

Task<SharedLease> Pool::acquire_shared() {
  const auto executor = co_await boost::asio::this_coro::executor;
  const void* context = &boost::asio::query(executor, boost::asio::execution::context);
  std::unique_ptr<Connection> connection;
  SharedConnection* opening = nullptr;  // listed here, for this call to open
  SharedConnection* joining = nullptr;  // listed and being opened by another call
  {
    std::lock_guard lock(mutex_);
    if (closed_) throw UsageError("the database was closed");
    SharedConnection* least_busy = nullptr;
    for (SharedConnection& s : shared_) {
      if (s.context != context || s.failure) continue;
      if (!s.opening && !s.connection->healthy()) continue;
      if (!least_busy || s.users < least_busy->users) least_busy = &s;
    }
    const bool another = !idle_.empty() || open_count_ < max_size_;
    if (least_busy && (least_busy->users < spread_at || !another)) {
      ++least_busy->users;
      if (!least_busy->opening) co_return SharedLease(this, least_busy);
      joining = least_busy;
    } else {
      connection = take_idle();
      if (!connection && open_count_ < max_size_) {
        ++open_count_;
        shared_.push_back(SharedConnection{
            nullptr, boost::asio::make_strand(executor), context, 1, true, nullptr, {}});
        opening = &shared_.back();
      }
    }
  }
  if (joining != nullptr) co_return co_await join_shared(joining);
  if (opening != nullptr) co_return co_await open_shared(opening);
  if (!connection) {
    // Every connection is pinned by a transaction or a blocking call, or
    // shared on another io_context: wait for one as an exclusive user would.
    Lease lease = co_await acquire();
    connection = lease.detach();
  }
  std::lock_guard lock(mutex_);
  if (closed_) {
    --open_count_;
    throw UsageError("the database was closed");
  }
  shared_.push_back(SharedConnection{
      std::move(connection), boost::asio::make_strand(executor), context, 1, false, nullptr, {}});
  co_return SharedLease(this, &shared_.back());
}

Task<SharedLease> Pool::open_shared(SharedConnection* shared) {
  std::unique_ptr<Connection> connection;
  std::exception_ptr failure;
  try {
    connection = co_await open_connection_async(url_);
  } catch (...) {
    failure = std::current_exception();
  }
  std::vector<SharedConnection::Joiner> joiners;
  {
    std::lock_guard lock(mutex_);
    if (!failure && closed_) {
      failure = std::make_exception_ptr(UsageError("the database was closed"));
    }
    shared->opening = false;
    joiners.swap(shared->joiners);
    if (failure) {
      connection.reset();
      --open_count_;
      std::unique_ptr<Connection> none;
      if (!closed_ && hand_over(none)) ++open_count_;  // a waiter may try to open one itself
      shared->failure = failure;
      leave_failed(shared);
    } else {
      shared->connection = std::move(connection);
    }
  }
  // Each joiner resumes on its own executor and finds the entry as it is now.
  for (SharedConnection::Joiner& j : joiners) {
    boost::asio::post(j.executor, [h = std::move(j.handler)]() mutable { std::move(h)(); });
  }
  if (failure) std::rethrow_exception(failure);
  co_return SharedLease(this, shared);
}

Task<SharedLease> Pool::join_shared(SharedConnection* shared) {
  // This call counts among `users`, so the entry stays listed until it
  // leaves, and it may read the entry after waking.
  const auto executor = co_await boost::asio::this_coro::executor;
  const auto park = [this, shared, executor](auto handler) {
    std::unique_lock lock(mutex_);
    if (shared->opening) {
      shared->joiners.push_back(SharedConnection::Joiner{std::move(handler), executor});
      return;
    }
    lock.unlock();  // opened (or failed) since this call joined
    boost::asio::post(executor, [h = std::move(handler)]() mutable { std::move(h)(); });
  };
  co_await boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void()>(
      park, boost::asio::use_awaitable);
  std::exception_ptr failure;
  {
    std::lock_guard lock(mutex_);
    failure = shared->failure;
    if (failure) leave_failed(shared);
  }
  if (failure) std::rethrow_exception(failure);
  co_return SharedLease(this, shared);
}

void Pool::leave_failed(SharedConnection* shared) noexcept {
  if (--shared->users > 0) return;
  shared_.remove_if([shared](const SharedConnection& s) { return &s == shared; });
}

void Pool::release_shared(SharedConnection* shared) noexcept {
  std::lock_guard lock(mutex_);
  if (--shared->users > 0) return;
  std::unique_ptr<Connection> connection = std::move(shared->connection);
  shared_.remove_if([shared](const SharedConnection& s) { return &s == shared; });
  give_back(std::move(connection));
}

void Pool::async_wait_expired(const std::shared_ptr<AsyncWaiter>& waiter) {
  {
    std::lock_guard lock(mutex_);
    // Handed a connection (or failed by close) first: that hand-over,
    // posted to this executor, completes the wait.
    if (waiter->done) return;
    waiter->done = true;
    waiters_.remove_if([&](const auto& w) {
      const auto* async = std::get_if<std::shared_ptr<AsyncWaiter>>(&w);
      return async != nullptr && *async == waiter;
    });
  }
  // On the waiter's executor already (the timer's): resume it here.
  waiter->work.reset();
  std::move(waiter->handler)(std::make_exception_ptr(timeout_error()), nullptr);
}

PoolTimeout Pool::timeout_error() const {
  return PoolTimeout(fmt::format(
      "no connection became free within {} ms: all {} of the pool's connections are in use "
      "(raise pool_size, hold connections for less long, or set "
      "DatabaseOptions::checkout_timeout)",
      checkout_timeout_.count(), max_size_));
}

void Pool::close() {
  std::vector<std::shared_ptr<AsyncWaiter>> failed;
  std::deque<std::unique_ptr<Connection>> idle;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    open_count_ -= idle_.size();
    idle.swap(idle_);
    for (auto& w : waiters_) {
      if (auto* sync = std::get_if<SyncWaiter*>(&w)) {
        (*sync)->closed = true;
        (*sync)->ready = true;
        (*sync)->cv.notify_one();
      } else {
        failed.push_back(std::get<std::shared_ptr<AsyncWaiter>>(std::move(w)));
        failed.back()->done = true;  // from now on only the posted failure touches it
      }
    }
    waiters_.clear();
  }
  for (std::shared_ptr<AsyncWaiter>& a : failed) fail_closed(std::move(a));
  // `idle` closes its connections here, outside the lock.
}

void Pool::fail_closed(std::shared_ptr<AsyncWaiter> waiter) {
  const boost::asio::any_io_executor executor = waiter->work.get_executor();
  boost::asio::post(executor, [a = std::move(waiter)]() mutable {
    a->timer.cancel();
    a->work.reset();
    std::move(a->handler)(std::make_exception_ptr(UsageError(
                              "the database was closed while this call waited for a connection")),
                          nullptr);
  });
}

}  // namespace quarry::detail
