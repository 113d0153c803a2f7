// The coroutine vocabulary: every query is awaitable as a quarry::Task<T>,
// which is Asio's awaitable, so Quarry composes with any Asio program.
#pragma once

#include <boost/asio/awaitable.hpp>

namespace quarry {

/// A coroutine returning T, run on an Asio executor (co_spawn, co_await).
template <class T = void>
using Task = boost::asio::awaitable<T>;

}  // namespace quarry
