// Database and Transaction: where queries run. A Database is a cheap handle
// to a pool of connections opened from a URL; a Transaction pins one of them
// until it commits or rolls back. Both are Sessions, which is all a query
// needs to run.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <quarry/async.hpp>
#include <quarry/driver/connection.hpp>

namespace quarry {

class Transaction;
class Listener;

namespace detail {
class Pool;
}

/// Where a statement can run: a Database (any pooled connection) or a
/// Transaction (its own connection). Every call takes exclusive use of one
/// connection for its duration.
class Session {
 public:
  virtual ~Session() = default;
  /// The SQL dialect of the session's database. Fixed for the session's
  /// life, so it is held here rather than asked of a virtual: a frozen query
  /// looks it up on every run.
  const sql::Dialect& dialect() const noexcept { return *dialect_; }

  virtual Task<ExecResult> execute(const Statement& stmt, RowSink* sink) = 0;
  virtual ExecResult execute_sync(const Statement& stmt, RowSink* sink) = 0;
  virtual Task<ExecResult> execute_batch(std::string_view sql, BatchSource& batch) = 0;
  virtual ExecResult execute_batch_sync(std::string_view sql, BatchSource& batch) = 0;

  /// Runs `body` in a transaction (a savepoint when already inside one):
  /// commits when it returns, rolls back and rethrows when it throws.
  virtual Task<void> transaction(std::function<Task<void>(Transaction&)> body) = 0;
  virtual void transaction_sync(const std::function<void(Transaction&)>& body) = 0;

  /// Bulk load (Connection::copy_in) on a connection of its own (a
  /// Database leases one exclusively; a Transaction uses its own).
  virtual Task<std::int64_t> copy_in(const CopyStatement& copy, CopySource& source);
  virtual std::int64_t copy_in_sync(const CopyStatement& copy, CopySource& source);
  /// Starts `stmt` as a stream of rows (Connection::open_stream). A
  /// Database leases a connection for the stream's lifetime (never the
  /// shared pipelining one); a Transaction lends its own, which runs nothing
  /// else until the stream is gone.
  virtual Task<std::unique_ptr<RowStream>> open_stream(const Statement& stmt);
  virtual std::unique_ptr<RowStream> open_stream_sync(const Statement& stmt);

  /// Convenience: one statement with its values, rows discarded.
  Task<ExecResult> execute(std::string_view sql, std::vector<Value> params = {});
  ExecResult execute_sync(std::string_view sql, std::vector<Value> params = {});

 protected:
  explicit Session(const sql::Dialect& dialect) noexcept : dialect_(&dialect) {}
  Session(const Session&) = default;
  Session& operator=(const Session&) = default;

 private:
  const sql::Dialect* dialect_;
};

/// SQL's isolation levels. PostgreSQL runs each as asked (its READ
/// UNCOMMITTED is READ COMMITTED); SQLite runs every transaction
/// serializably, which satisfies them all.
enum class Isolation { database_default, read_committed, repeatable_read, serializable };

/// How Database::transaction runs its transaction.
struct TransactionOptions {
  Isolation isolation = Isolation::database_default;
  /// Every write inside fails with a QueryError (PostgreSQL: READ ONLY;
  /// SQLite: PRAGMA query_only for the transaction's duration).
  bool read_only = false;
};

struct DatabaseOptions {
  /// Most connections the pool opens. 0: the URL's pool_size, else 1 for an
  /// in-memory SQLite database (each connection would be its own database)
  /// and 4 otherwise.
  std::size_t pool_size = 0;
  /// How long a call (blocking or awaited) waits for a connection when all
  /// pool_size are in use before it fails with PoolTimeout; zero waits for
  /// ever.
  std::chrono::milliseconds checkout_timeout{30'000};
};

/// A database: a pool of connections to one URL. Copies share the pool.
class Database final : public Session {
 public:
  /// Opens `url` (sqlite:///path.db, sqlite://:memory:, postgresql://...) and
  /// checks it by opening the first connection. Throws UrlError or
  /// ConnectionError naming the URL or file.
  static Database open(std::string_view url, DatabaseOptions options = {});
  static Database open_sync(std::string_view url, DatabaseOptions options = {}) {
    return open(url, options);
  }
  /// The same for coroutines: `co_await Database::open_async(url)` opens the
  /// first connection without blocking the loop (open_connection_async).
  /// Every connection the pool opens later for an awaited call is opened
  /// that way too, whichever way the Database was opened.
  static Task<Database> open_async(std::string url, DatabaseOptions options = {});

  const std::string& url() const noexcept;

  using Session::execute;
  using Session::execute_sync;
  Task<ExecResult> execute(const Statement& stmt, RowSink* sink) override;
  ExecResult execute_sync(const Statement& stmt, RowSink* sink) override;
  Task<ExecResult> execute_batch(std::string_view sql, BatchSource& batch) override;
  ExecResult execute_batch_sync(std::string_view sql, BatchSource& batch) override;
  Task<void> transaction(std::function<Task<void>(Transaction&)> body) override;
  Task<std::int64_t> copy_in(const CopyStatement& copy, CopySource& source) override;
  std::int64_t copy_in_sync(const CopyStatement& copy, CopySource& source) override;
  Task<std::unique_ptr<RowStream>> open_stream(const Statement& stmt) override;
  std::unique_ptr<RowStream> open_stream_sync(const Statement& stmt) override;
  void transaction_sync(const std::function<void(Transaction&)>& body) override;
  /// The same, with an isolation level or read-only:
  /// db.transaction_sync(body, {.isolation = Isolation::serializable}).
  Task<void> transaction(std::function<Task<void>(Transaction&)> body, TransactionOptions options);
  void transaction_sync(const std::function<void(Transaction&)>& body, TransactionOptions options);

  /// Runs a script of statements without parameters (DDL).
  void execute_script_sync(std::string_view sql);

  /// A Listener on `channel`, with a connection of its own (not one of the
  /// pool's): `auto l = co_await db.listen("jobs"); while (auto n = co_await
  /// l.next()) ...` (quarry/driver/listener.hpp). PostgreSQL only: UsageError
  /// on SQLite.
  Task<Listener> listen(std::string channel);

  /// Refuses new work, fails calls waiting for a connection with UsageError
  /// and closes idle connections; connections in use (in-flight statements,
  /// open transactions) finish their work and close when they are returned.
  void close();

 private:
  explicit Database(std::shared_ptr<detail::Pool> pool);
  std::shared_ptr<detail::Pool> pool_;
};

/// A transaction on one pinned connection. Obtained from
/// Session::transaction; valid only inside the body.
class Transaction final : public Session {
 public:
  using Session::execute;
  using Session::execute_sync;
  Task<ExecResult> execute(const Statement& stmt, RowSink* sink) override;
  ExecResult execute_sync(const Statement& stmt, RowSink* sink) override;
  Task<ExecResult> execute_batch(std::string_view sql, BatchSource& batch) override;
  ExecResult execute_batch_sync(std::string_view sql, BatchSource& batch) override;
  /// A nested transaction: a SAVEPOINT, released on return, rolled back to on throw.
  Task<void> transaction(std::function<Task<void>(Transaction&)> body) override;
  Task<std::int64_t> copy_in(const CopyStatement& copy, CopySource& source) override;
  std::int64_t copy_in_sync(const CopyStatement& copy, CopySource& source) override;
  Task<std::unique_ptr<RowStream>> open_stream(const Statement& stmt) override;
  std::unique_ptr<RowStream> open_stream_sync(const Statement& stmt) override;
  void transaction_sync(const std::function<void(Transaction&)>& body) override;

  /// Nesting depth: 0 for the outermost transaction.
  int depth() const noexcept { return depth_; }

  // Internal: constructed by Database and by nesting.
  Transaction(Connection& connection, int depth)
      : Session(connection.dialect()), connection_(connection), depth_(depth) {}

 private:
  Connection& connection_;
  int depth_;
};

}  // namespace quarry
