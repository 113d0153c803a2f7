// run_sync(task): runs a coroutine to completion on a private event loop and
// returns its result, for plain blocking code that wants to call async APIs.
#pragma once

#include <optional>
#include <utility>

#include <quarry/async.hpp>

namespace quarry {

/// The event loop (Asio's io_context and co_spawn) lives in
/// src/query/run_sync.cpp, so that including this header does not
/// instantiate it in every translation unit.
void run_sync(Task<void> task);

namespace detail {
template <class T>
Task<void> store_result(Task<T> task, std::optional<T>& out) {
  out.emplace(co_await std::move(task));
}
}  // namespace detail

template <class T>
T run_sync(Task<T> task) {
  std::optional<T> result;
  run_sync(detail::store_result(std::move(task), result));
  return std::move(*result);
}

}  // namespace quarry
