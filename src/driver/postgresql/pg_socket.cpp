// Waiting for libpq's socket on Asio (see pg_socket.hpp for the edge problem
// the level check solves).
#include "driver/postgresql/pg_socket.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/bind_cancellation_slot.hpp>
#include <boost/asio/cancellation_signal.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <poll.h>

#include <boost/asio/execution/context.hpp>
#include <boost/asio/execution_context.hpp>
#include <boost/asio/query.hpp>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace quarry::detail {

namespace asio = boost::asio;

namespace {

/// One wait() on the reactor: one descriptor wait (read or write) or two
/// (read and write). The awaiter resumes when all of them have completed; the first
/// to complete cancels the other through its cancellation slot, so no
/// completion refers to the descriptor (which may be released meanwhile).
template <class Handler>
struct SocketWait {
  SocketWait(Handler h, int waits) : handler(std::move(h)), pending(waits) {}
  Handler handler;
  std::atomic<int> pending;
  asio::cancellation_signal cancel[2];  // read, write
};

template <class Handler>
void start_socket_wait(asio::posix::stream_descriptor& descriptor, int fd, Handler handler,
                       bool want_read, bool want_write) {
  using Wait = SocketWait<Handler>;
  auto wait =
      std::make_shared<Wait>(std::move(handler), (want_read ? 1 : 0) + (want_write ? 1 : 0));
  const auto on_ready = [wait](int other) {
    return [wait, other](const boost::system::error_code&) {
      if (wait->pending.fetch_sub(1) == 1) {
        // Runs on the descriptor's executor, which is the awaiter's.
        Handler h = std::move(wait->handler);
        std::move(h)();
      } else {
        wait->cancel[other].emit(asio::cancellation_type::all);
      }
    };
  };
  if (want_read) {
    descriptor.async_wait(asio::posix::descriptor_base::wait_read,
                          asio::bind_cancellation_slot(wait->cancel[0].slot(), on_ready(1)));
  }
  if (want_write) {
    descriptor.async_wait(asio::posix::descriptor_base::wait_write,
                          asio::bind_cancellation_slot(wait->cancel[1].slot(), on_ready(0)));
  }

  // The level check: readiness that came before the wait was queued.
  pollfd p{fd, static_cast<short>((want_read ? POLLIN : 0) | (want_write ? POLLOUT : 0)), 0};
  if (::poll(&p, 1, 0) > 0) {
    if (want_read) wait->cancel[0].emit(asio::cancellation_type::all);
    if (want_write) wait->cancel[1].emit(asio::cancellation_type::all);
  }
}

}  // namespace

/// The PgSockets bound to one execution context. Created after the
/// context's descriptor service (bind() makes the descriptor first), so it
/// shuts down before that service and its sockets can still let go.
class PgSocket::Registry final : public asio::execution_context::service {
 public:
  static inline asio::execution_context::id id;

  explicit Registry(asio::execution_context& context) : service(context) {}

  void add(PgSocket* s) {
    const std::lock_guard lock(mutex_);
    sockets_.push_back(s);
  }
  void remove(PgSocket* s) noexcept {
    const std::lock_guard lock(mutex_);
    sockets_.erase(std::remove(sockets_.begin(), sockets_.end(), s), sockets_.end());
  }

 private:
  void shutdown() override {
    const std::lock_guard lock(mutex_);
    for (PgSocket* s : sockets_) s->context_gone();
    sockets_.clear();
  }

  std::mutex mutex_;
  std::vector<PgSocket*> sockets_;
};

void PgSocket::bind(const asio::any_io_executor& executor, int fd) {
  if (bound_to(executor, fd)) return;
  release();
  descriptor_.emplace(executor, fd);
  executor_ = executor;
  fd_ = fd;
  asio::execution_context& context = asio::query(executor, asio::execution::context);
  registry_ = &asio::use_service<Registry>(context);
  registry_->add(this);
}

void PgSocket::release() noexcept {
  if (registry_ != nullptr) {
    registry_->remove(this);
    registry_ = nullptr;
  }
  if (!descriptor_) return;
  // release(), never close(): libpq owns the descriptor. Pending waits
  // complete with operation_aborted.
  descriptor_->release();
  descriptor_.reset();
  fd_ = -1;
  executor_ = {};
}

void PgSocket::context_gone() noexcept {
  // The context destroys pending waits without running them, so nothing
  // refers to the descriptor any more.
  registry_ = nullptr;
  if (descriptor_) {
    descriptor_->release();
    descriptor_.reset();
  }
  fd_ = -1;
  executor_ = {};
}

void PgSocket::cancel() noexcept {
  if (!descriptor_ || !waiting_) return;
  boost::system::error_code ignored;
  descriptor_->cancel(ignored);  // completes the waits with operation_aborted
}

// Not coroutines themselves: they hand out wait_for's frame, so that a
// wait costs one frame.
Task<void> PgSocket::wait(bool want_write) {
  return wait_for(true, want_write);
}

Task<void> PgSocket::wait_writable() {
  return wait_for(false, true);
}

Task<void> PgSocket::wait_for(bool want_read, bool want_write) {
  struct Waiting {
    bool& flag;
    explicit Waiting(bool& f) : flag(f) { flag = true; }
    ~Waiting() { flag = false; }
  };
  if (!descriptor_) co_return;  // released: the caller finds out from libpq
  const Waiting waiting(waiting_);
  auto& descriptor = *descriptor_;
  const int fd = fd_;
  const auto initiate = [&descriptor, fd](auto handler, bool read, bool write) {
    start_socket_wait(descriptor, fd, std::move(handler), read, write);
  };
  co_await asio::async_initiate<const asio::use_awaitable_t<>&, void()>(
      initiate, asio::use_awaitable, want_read, want_write);
}

}  // namespace quarry::detail
