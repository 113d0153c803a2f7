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
// src/async.cpp, and an unoptimised translation unit that writes or awaits a
// Task calls it there: at -O0 each TU would otherwise emit about a hundred
// functions (frame allocation, suspension, exception plumbing) the first time
// it awaits anything. The definitions there are weak (COMDAT) symbols with
// g++ and clang, so a program that instantiates these classes itself still
// links; a TU that includes this header must link quarry, as every Quarry
// program does. Member templates (await_transform<T>, the awaitable_frame<T>
// of a user's own result type) are not covered and stay in the TU that needs
// them.
// Only without optimisation: with it, the compiler instantiates these inline
// members anyway to inline them, and an extern declaration would only change
// what it inlines (g++ 12 then inlines the frame's operator new but not its
// operator delete, and warns -Wmismatched-new-delete). The headers that
// declare other instantiations extern (value.hpp, sql/expr.hpp,
// sql/statement.hpp, query/types.hpp) do the same.
#if !defined(__OPTIMIZE__)
extern template class boost::asio::detail::awaitable_frame_base<boost::asio::any_io_executor>;
extern template class boost::asio::detail::awaitable_frame<void, boost::asio::any_io_executor>;
extern template class boost::asio::awaitable<void, boost::asio::any_io_executor>;
extern template class boost::asio::detail::awaitable_thread<boost::asio::any_io_executor>;
// Thrown by the frame allocator and by co_await of a cancelled operation.
extern template class boost::wrapexcept<std::bad_alloc>;
extern template class boost::wrapexcept<boost::system::system_error>;
#endif
