// run_sync(Task<void>): the one instantiation of Asio's event loop that every
// blocking run_sync(task) goes through.
#include <quarry/query/run_sync.hpp>

#include <exception>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

namespace quarry {

void run_sync(Task<void> task) {
  boost::asio::io_context context;
  std::exception_ptr failure;
  boost::asio::co_spawn(context, std::move(task), [&](std::exception_ptr e) { failure = e; });
  context.run();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace quarry
