// run_sync(task): runs a coroutine to completion on a private event loop and
// returns its result, for plain blocking code that wants to call async APIs.
#pragma once

#include <exception>
#include <optional>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <quarry/async.hpp>

namespace quarry {

template <class T>
T run_sync(Task<T> task) {
  boost::asio::io_context context;
  std::exception_ptr failure;
  std::optional<T> result;
  boost::asio::co_spawn(context, std::move(task), [&](std::exception_ptr e, T value) {
    failure = e;
    if (!e) result.emplace(std::move(value));
  });
  context.run();
  if (failure) std::rethrow_exception(failure);
  return std::move(*result);
}

inline void run_sync(Task<void> task) {
  boost::asio::io_context context;
  std::exception_ptr failure;
  boost::asio::co_spawn(context, std::move(task), [&](std::exception_ptr e) { failure = e; });
  context.run();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace quarry
