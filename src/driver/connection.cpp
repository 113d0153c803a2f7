// The default awaitable forms of a Connection's calls: the blocking call, run
// where the connection does its blocking work (see Connection::run_async).
#include <quarry/driver/connection.hpp>

#include <limits>
#include <string>

#include <fmt/format.h>

#include <quarry/error.hpp>
#include <quarry/sql/dialect.hpp>

namespace quarry {

void RowSink::expect_rows(std::size_t) {}

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

// --- bulk load without COPY ------------------------------------------------

namespace {

std::string copy_insert_sql(const sql::Dialect& d, const CopyStatement& copy) {
  std::string sql = "INSERT INTO ";
  d.quote_identifier(sql, copy.table);
  sql += " (";
  for (std::size_t i = 0; i < copy.columns.size(); ++i) {
    if (i) sql += ", ";
    d.quote_identifier(sql, copy.columns[i].name);
  }
  sql += ") VALUES (";
  for (std::size_t i = 0; i < copy.columns.size(); ++i) {
    if (i) sql += ", ";
    d.placeholder(sql, i);
  }
  sql += ")";
  return sql;
}

/// The rows of a CopySource as the parameter sets of one batch, in order.
class CopyBatch final : public BatchSource {
 public:
  explicit CopyBatch(CopySource& source) : source_(source), size_(source.size()) {}
  std::size_t size() const override { return size_; }
  void bind(std::size_t row, ParamWriter& out) override {
    current_ = row;
    if (!source_.next(out)) {
      throw UsageError(
          fmt::format("the rows of a bulk load ended at row {}, not at {} as said", row, size_));
    }
  }
  std::size_t current() const noexcept { return current_; }

 private:
  CopySource& source_;
  std::size_t size_;
  std::size_t current_ = 0;
};

}  // namespace

// A savepoint, not execute_batch's own one only outside transactions: the
// load is atomic inside a caller's transaction too, which then goes on.
std::int64_t Connection::copy_in(const CopyStatement& copy, CopySource& source) {
  if (source.size() == 0) return 0;
  const std::string sql = copy_insert_sql(dialect(), copy);
  CopyBatch batch(source);
  execute_script("SAVEPOINT quarry_copy");
  ExecResult result;
  try {
    result = execute_batch(sql, batch);
    execute_script("RELEASE SAVEPOINT quarry_copy");
  } catch (...) {
    try {
      execute_script("ROLLBACK TO SAVEPOINT quarry_copy; RELEASE SAVEPOINT quarry_copy");
    } catch (...) {
      // The load's own error says more; a broken connection is dropped.
    }
    detail::rethrow_with_context(
        fmt::format("in the bulk load into \"{}\": at row {} (0-based) of the input; nothing was "
                    "inserted",
                    copy.table, batch.current()));
  }
  return result.rows_affected;
}

Task<std::int64_t> Connection::copy_in_async(const CopyStatement& copy, CopySource& source) {
  std::int64_t rows = 0;
  co_await run_async([&] { rows = copy_in(copy, source); });
  co_return rows;
}

std::unique_ptr<RowStream> Connection::open_stream(const Statement&) {
  throw UsageError("this database backend cannot stream results; use run()");
}

namespace detail {

void rethrow_with_context(std::string_view context) {
  const auto more = [&](const std::exception& e) {
    return e.what() + std::string("\n") + std::string(context);
  };
  try {
    throw;
  } catch (const UniqueViolation& e) {
    throw UniqueViolation(more(e), e.sql(), e.code(), e.details());
  } catch (const ForeignKeyViolation& e) {
    throw ForeignKeyViolation(more(e), e.sql(), e.code(), e.details());
  } catch (const NotNullViolation& e) {
    throw NotNullViolation(more(e), e.sql(), e.code(), e.details());
  } catch (const CheckViolation& e) {
    throw CheckViolation(more(e), e.sql(), e.code(), e.details());
  } catch (const ConstraintError& e) {
    throw ConstraintError(more(e), e.sql(), e.code(), e.details());
  } catch (const ConnectionError& e) {
    throw ConnectionError(more(e));
  } catch (const QueryError& e) {
    throw QueryError(more(e), e.sql(), e.code());
  } catch (const UrlError&) {
    throw;
  } catch (const UsageError& e) {
    throw UsageError(more(e));
  }
}

}  // namespace detail

}  // namespace quarry
