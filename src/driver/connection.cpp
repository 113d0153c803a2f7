// The default awaitable forms of a Connection's calls: the blocking call, run
// where the connection does its blocking work (see Connection::run_async).
#include <quarry/driver/connection.hpp>

namespace quarry {

Value RowReader::value(std::size_t i) const {
  const Cell& c = cells_[i];
  switch (c.type) {
    case StorageType::null:
      return Value();
    case StorageType::integer:
      return Value(c.integer);
    case StorageType::real:
      return Value(c.real);
    case StorageType::text:
      return Value(std::string(c.data, c.size));
    case StorageType::blob: {
      const auto* b = reinterpret_cast<const std::byte*>(c.data);
      return Value(Blob(b, b + c.size));
    }
  }
  return Value();
}

Task<ExecResult> Connection::execute_async(const Statement& stmt, RowSink* sink) {
  ExecResult result;
  co_await run_async([&] { result = execute(stmt, sink); });
  co_return result;
}

Task<ExecResult> Connection::execute_batch_async(std::string_view sql, BatchSource& batch) {
  ExecResult result;
  co_await run_async([&] { result = execute_batch(sql, batch); });
  co_return result;
}

Task<void> Connection::execute_script_async(std::string_view sql) {
  co_await run_async([&] { execute_script(sql); });
}

}  // namespace quarry
