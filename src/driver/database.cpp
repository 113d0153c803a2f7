// Database (a pool of connections) and Transaction (one pinned connection):
// the Sessions queries run on, with commit / rollback / savepoint handling.
#include <quarry/driver/database.hpp>

#include <charconv>
#include <exception>

#include <fmt/format.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <quarry/driver/url.hpp>
#include <quarry/error.hpp>
#include <quarry/sql/dialect.hpp>

#include "driver/pool.hpp"

namespace quarry {

// --- Session conveniences ---------------------------------------------------

Task<ExecResult> Session::execute(std::string_view sql, std::vector<Value> params) {
  Statement stmt{sql, params};
  co_return co_await execute(stmt, nullptr);
}

ExecResult Session::execute_sync(std::string_view sql, std::vector<Value> params) {
  return execute_sync(Statement{sql, params}, nullptr);
}

Task<std::int64_t> Session::copy_in(const CopyStatement&, CopySource&) {
  throw UsageError("this session cannot bulk load");
}
std::int64_t Session::copy_in_sync(const CopyStatement&, CopySource&) {
  throw UsageError("this session cannot bulk load");
}
Task<std::unique_ptr<RowStream>> Session::open_stream(const Statement&) {
  throw UsageError("this session cannot stream results");
}
std::unique_ptr<RowStream> Session::open_stream_sync(const Statement&) {
  throw UsageError("this session cannot stream results");
}

namespace {

/// A stream that holds the leased connection it reads from: the stream goes
/// first (it cleans the connection up), then the lease gives it back.
class LeasedRowStream final : public RowStream {
 public:
  LeasedRowStream(detail::Lease lease, std::unique_ptr<RowStream> inner)
      : lease_(std::move(lease)), inner_(std::move(inner)) {}
  std::size_t next(RowSink& sink, std::size_t max_rows) override {
    return inner_->next(sink, max_rows);
  }
  Task<std::size_t> next_async(RowSink& sink, std::size_t max_rows) override {
    return inner_->next_async(sink, max_rows);
  }

 private:
  detail::Lease lease_;  // declared first: destroyed last
  std::unique_ptr<RowStream> inner_;
};

std::size_t pool_size_for(const DatabaseUrl& url, const DatabaseOptions& options) {
  bool in_memory = url.scheme == "sqlite" && url.path == ":memory:";
  if (in_memory) return 1;  // every connection would be a separate empty database
  if (options.pool_size) return options.pool_size;
  if (auto it = url.query.find("pool_size"); it != url.query.end()) {
    const std::string& text = it->second;
    std::size_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || n == 0 || n > 10000) {
      throw UrlError(
          fmt::format("pool_size must be an integer from 1 to 10000, not \"{}\", in \"{}\"", text,
                      url.original));
    }
    return n;
  }
  return 4;
}

// Runs one transaction-control statement where the connection works.
Task<void> control(Connection& c, std::string sql) {
  co_await c.execute_script_async(sql);
}

std::string savepoint_name(int depth) {
  return fmt::format("quarry_sp_{}", depth);
}

// The shared shape of commit-or-rollback, for both the outermost
// transaction (BEGIN/COMMIT/ROLLBACK) and nested ones (savepoints).
struct TransactionSql {
  std::string begin, commit, rollback;
};

std::string_view isolation_sql(Isolation level) {
  switch (level) {
    case Isolation::read_committed:
      return " ISOLATION LEVEL READ COMMITTED";
    case Isolation::repeatable_read:
      return " ISOLATION LEVEL REPEATABLE READ";
    case Isolation::serializable:
      return " ISOLATION LEVEL SERIALIZABLE";
    case Isolation::database_default:
      break;
  }
  return "";
}

TransactionSql transaction_sql(const sql::Dialect& d, int depth,
                               const TransactionOptions& options = {}) {
  if (depth == 0) {
    if (d.supports_transaction_modes) {
      std::string begin = "BEGIN";
      begin += isolation_sql(options.isolation);
      if (options.read_only) begin += " READ ONLY";
      return {std::move(begin), "COMMIT", "ROLLBACK"};
    }
    if (options.read_only) {
      const std::string end(d.end_read_only);
      return {std::string(d.begin_read_only), end + "COMMIT", end + "ROLLBACK"};
    }
    return {std::string(d.begin_transaction), "COMMIT", "ROLLBACK"};
  }
  std::string name = savepoint_name(depth);
  return {"SAVEPOINT " + name, "RELEASE SAVEPOINT " + name,
          "ROLLBACK TO SAVEPOINT " + name + "; RELEASE SAVEPOINT " + name};
}

Task<void> run_transaction(Connection& c, int depth,
                           const std::function<Task<void>(Transaction&)>& body,
                           TransactionOptions options = {}) {
  TransactionSql sql = transaction_sql(c.dialect(), depth, options);
  co_await control(c, sql.begin);
  Transaction tx(c, depth);
  std::exception_ptr failure;
  try {
    co_await body(tx);
  } catch (...) {
    failure = std::current_exception();
  }
  if (!failure) {
    try {
      co_await control(c, sql.commit);
      co_return;
    } catch (...) {
      failure = std::current_exception();  // e.g. a deferred constraint: roll back below
    }
  }
  try {
    co_await control(c, sql.rollback);
  } catch (...) {
    // The original error says more than a failed rollback; a broken
    // connection is dropped by the pool.
  }
  std::rethrow_exception(failure);
}

void run_transaction_sync(Connection& c, int depth, const std::function<void(Transaction&)>& body,
                          const TransactionOptions& options = {}) {
  TransactionSql sql = transaction_sql(c.dialect(), depth, options);
  c.execute_script(sql.begin);
  Transaction tx(c, depth);
  try {
    body(tx);
    c.execute_script(sql.commit);
  } catch (...) {
    try {
      c.execute_script(sql.rollback);
    } catch (...) {
    }
    throw;
  }
}

}  // namespace

// --- Database ----------------------------------------------------------------

Database Database::open(std::string_view url, DatabaseOptions options) {
  DatabaseUrl parsed = parse_database_url(url);
  std::size_t size = pool_size_for(parsed, options);
  return Database(std::make_shared<detail::Pool>(std::string(url), size, options.checkout_timeout));
}

Task<Database> Database::open_async(std::string url, DatabaseOptions options) {
  const DatabaseUrl parsed = parse_database_url(url);
  const std::size_t size = pool_size_for(parsed, options);
  std::unique_ptr<Connection> first = co_await open_connection_async(url);
  co_return Database(std::make_shared<detail::Pool>(std::move(url), size, options.checkout_timeout,
                                                    std::move(first)));
}

Database::Database(std::shared_ptr<detail::Pool> pool)
    : Session(pool->dialect()), pool_(std::move(pool)) {}

const std::string& Database::url() const noexcept {
  return pool_->url();
}

// A single statement of a pipelining backend takes a share of a connection
// and runs on that connection's strand, so that statements of many
// coroutines are in flight on it at once; anything else leases a
// connection for itself.
Task<ExecResult> Database::execute(const Statement& stmt, RowSink* sink) {
  if (pool_->pipelines()) {
    detail::SharedLease share = co_await pool_->acquire_shared();
    co_return co_await boost::asio::co_spawn(share.strand(), share->execute_async(stmt, sink),
                                             boost::asio::use_awaitable);
  }
  detail::Lease lease = co_await pool_->acquire();
  co_return co_await lease->execute_async(stmt, sink);
}

ExecResult Database::execute_sync(const Statement& stmt, RowSink* sink) {
  detail::Lease lease = pool_->acquire_sync();
  return lease->execute(stmt, sink);
}

Task<ExecResult> Database::execute_batch(std::string_view sql, BatchSource& batch) {
  if (pool_->pipelines()) {  // a batch is one request with its own sync point
    detail::SharedLease share = co_await pool_->acquire_shared();
    co_return co_await boost::asio::co_spawn(share.strand(), share->execute_batch_async(sql, batch),
                                             boost::asio::use_awaitable);
  }
  detail::Lease lease = co_await pool_->acquire();
  co_return co_await lease->execute_batch_async(sql, batch);
}

ExecResult Database::execute_batch_sync(std::string_view sql, BatchSource& batch) {
  detail::Lease lease = pool_->acquire_sync();
  return lease->execute_batch(sql, batch);
}

Task<void> Database::transaction(std::function<Task<void>(Transaction&)> body) {
  detail::Lease lease = co_await pool_->acquire();
  co_await run_transaction(*lease, 0, body);
}

void Database::transaction_sync(const std::function<void(Transaction&)>& body) {
  detail::Lease lease = pool_->acquire_sync();
  run_transaction_sync(*lease, 0, body);
}

Task<void> Database::transaction(std::function<Task<void>(Transaction&)> body,
                                 TransactionOptions options) {
  detail::Lease lease = co_await pool_->acquire();
  co_await run_transaction(*lease, 0, body, options);
}

void Database::transaction_sync(const std::function<void(Transaction&)>& body,
                                TransactionOptions options) {
  detail::Lease lease = pool_->acquire_sync();
  run_transaction_sync(*lease, 0, body, options);
}

// A bulk load and a stream each take a connection for themselves: COPY and
// single-row mode cannot share a pipeline with other statements.
Task<std::int64_t> Database::copy_in(const CopyStatement& copy, CopySource& source) {
  detail::Lease lease = co_await pool_->acquire();
  co_return co_await lease->copy_in_async(copy, source);
}

std::int64_t Database::copy_in_sync(const CopyStatement& copy, CopySource& source) {
  detail::Lease lease = pool_->acquire_sync();
  return lease->copy_in(copy, source);
}

Task<std::unique_ptr<RowStream>> Database::open_stream(const Statement& stmt) {
  detail::Lease lease = co_await pool_->acquire();
  std::unique_ptr<RowStream> inner = lease->open_stream(stmt);
  co_return std::make_unique<LeasedRowStream>(std::move(lease), std::move(inner));
}

std::unique_ptr<RowStream> Database::open_stream_sync(const Statement& stmt) {
  detail::Lease lease = pool_->acquire_sync();
  std::unique_ptr<RowStream> inner = lease->open_stream(stmt);
  return std::make_unique<LeasedRowStream>(std::move(lease), std::move(inner));
}

void Database::execute_script_sync(std::string_view sql) {
  detail::Lease lease = pool_->acquire_sync();
  lease->execute_script(sql);
}

void Database::close() {
  pool_->close();
}

// --- Transaction -------------------------------------------------------------

Task<ExecResult> Transaction::execute(const Statement& stmt, RowSink* sink) {
  co_return co_await connection_.execute_async(stmt, sink);
}

ExecResult Transaction::execute_sync(const Statement& stmt, RowSink* sink) {
  return connection_.execute(stmt, sink);
}

Task<ExecResult> Transaction::execute_batch(std::string_view sql, BatchSource& batch) {
  co_return co_await connection_.execute_batch_async(sql, batch);
}

ExecResult Transaction::execute_batch_sync(std::string_view sql, BatchSource& batch) {
  return connection_.execute_batch(sql, batch);
}

Task<std::int64_t> Transaction::copy_in(const CopyStatement& copy, CopySource& source) {
  co_return co_await connection_.copy_in_async(copy, source);
}

std::int64_t Transaction::copy_in_sync(const CopyStatement& copy, CopySource& source) {
  return connection_.copy_in(copy, source);
}

Task<std::unique_ptr<RowStream>> Transaction::open_stream(const Statement& stmt) {
  co_return connection_.open_stream(stmt);
}

std::unique_ptr<RowStream> Transaction::open_stream_sync(const Statement& stmt) {
  return connection_.open_stream(stmt);
}

Task<void> Transaction::transaction(std::function<Task<void>(Transaction&)> body) {
  co_await run_transaction(connection_, depth_ + 1, body);
}

void Transaction::transaction_sync(const std::function<void(Transaction&)>& body) {
  run_transaction_sync(connection_, depth_ + 1, body);
}

}  // namespace quarry
