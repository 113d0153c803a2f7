// The coroutine vocabulary: every query is awaitable as a quarry::Task<T>,
// which is Asio's awaitable, so Quarry composes with any Asio program.
#pragma once

#include <new>

#include <boost/asio/awaitable.hpp>
#include <boost/system/system_error.hpp>
#include <boost/throw_exception.hpp>

namespace quarry {

/// A coroutine returning T, run on an Asio executor (co_spawn, co_await).
template <class T = void>
using Task = boost::asio::awaitable<T>;

}  // namespace quarry

// Asio's coroutine machinery for the default executor is compiled once, in
// src/async.cpp, and not in every translation unit that writes or awaits a
// Task. At -O0 a TU would otherwise emit about a hundred functions (frame
// allocation, suspension, exception plumbing) the first time it awaits
// anything; with the optimiser on, these inline members are still inlined.
// An explicit instantiation definition is a weak (COMDAT) symbol with g++ and
// clang, so a program that instantiates the same classes itself still links.
// These are only declarations: a TU that includes this header and uses the
// classes must link quarry, as every Quarry program does.
// Member templates (await_transform<T>, the awaitable_frame<T> of a user's
// own result type) are not covered and stay in the TU that needs them.
extern template class boost::asio::detail::awaitable_frame_base<boost::asio::any_io_executor>;
extern template class boost::asio::detail::awaitable_frame<void, boost::asio::any_io_executor>;
extern template class boost::asio::awaitable<void, boost::asio::any_io_executor>;
extern template class boost::asio::detail::awaitable_thread<boost::asio::any_io_executor>;
// Thrown by the frame allocator and by co_await of a cancelled operation.
extern template class boost::wrapexcept<std::bad_alloc>;
extern template class boost::wrapexcept<boost::system::system_error>;
