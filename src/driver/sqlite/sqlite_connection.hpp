// The SQLite backend: a Connection over one sqlite3 handle, with a cache of
// prepared statements and one worker thread for run_async. Internal header:
// users reach it through quarry::open_connection("sqlite://...").
#pragma once

#include <quarry/driver/connection.hpp>
#include <quarry/driver/url.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace quarry::detail {

class SqliteRowReader;  // sqlite_connection.cpp

/// A connection to one SQLite database, opened per the URL's options.
///
/// Opening runs, in order: a check that the parent directory exists, then
/// sqlite3_open_v2 (SQLITE_OPEN_NOMUTEX: the Pool gives one user at a time),
/// a read of the schema so that a corrupt file fails here and not at the
/// first query, then PRAGMA foreign_keys=ON (unless foreign_keys=off),
/// case_sensitive_like=ON (so LIKE matches case as on PostgreSQL), the busy
/// timeout, and for files opened writable journal_mode=WAL and
/// synchronous=NORMAL. Failures throw ConnectionError naming the path.
class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(const DatabaseUrl& url);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  const sql::Dialect& dialect() const noexcept override;
  ExecResult execute(const Statement& stmt, RowSink* sink) override;
  ExecResult execute_batch(std::string_view sql, BatchSource& batch) override;
  void execute_script(std::string_view sql) override;
  Task<void> run_async(std::function<void()> work) override;
  /// Steps the statement a chunk at a time (on the worker thread when awaited).
  std::unique_ptr<RowStream> open_stream(const Statement& stmt) override;
  bool healthy() const noexcept override { return healthy_; }

  /// The raw handle, for tests and benchmarks. Do not close it.
  sqlite3* handle() const noexcept { return db_.get(); }
  /// The file path, or ":memory:".
  const std::string& path() const noexcept { return path_; }

  /// Most statements kept prepared by SQL text; frozen statements (by id)
  /// are not counted, as there are only as many as the program freezes.
  static constexpr std::size_t statement_cache_capacity = 128;

 private:
  struct CloseDb {
    void operator()(sqlite3* db) const noexcept;
  };
  class Worker;
  class StatementUse;
  class Stream;

  /// Returns a prepared statement for `sql`, from the caches when possible.
  /// `owned` is set when the statement is a one-off that the caller must
  /// finalize (the cached one is mid-iteration in an outer execute()).
  sqlite3_stmt* acquire(std::string_view sql, bool& owned);
  sqlite3_stmt* prepare(std::string_view sql, bool persistent);
  /// Throws the exception that fits the connection's last error `rc`.
  [[noreturn]] void throw_error(int rc, std::string_view sql);
  [[noreturn]] void throw_error(int rc, const char* message, std::string_view sql);
  void note_failure(int rc) noexcept;

  struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };

  /// sql::sqlite_dialect(), looked up once: dialect() runs for every query.
  const sql::Dialect* dialect_;
  std::string path_;
  std::unique_ptr<sqlite3, CloseDb> db_;
  std::unordered_map<std::string, sqlite3_stmt*, TransparentHash, std::equal_to<>> by_sql_;
  /// A frozen statement, with what execute() would otherwise ask SQLite for
  /// at every run (fixed by the statement's text) and the row reader its
  /// runs reuse. Held by pointer: a sink may run a query that freezes
  /// another statement and grows the vector while an outer run holds this.
  struct FrozenStatement {
    FrozenStatement(sqlite3_stmt* s, std::size_t param_count, bool read_only);
    ~FrozenStatement();
    sqlite3_stmt* stmt;
    std::size_t params;    // sqlite3_bind_parameter_count
    bool reads_only;       // sqlite3_stmt_readonly
    bool running = false;  // in an execute() further up the stack
    std::unique_ptr<SqliteRowReader> reader;
  };
  /// Prepares the frozen statement of `frozen_id` (its first use).
  FrozenStatement& prepare_frozen(std::uint32_t frozen_id, std::string_view sql);
  /// Steps a bound statement to its end, handing each row to `sink` through
  /// `reader`; the result counts changes unless the statement only reads.
  ExecResult step_all(sqlite3_stmt* s, SqliteRowReader& reader, bool reads_only, RowSink* sink,
                      std::string_view sql);
  std::vector<std::unique_ptr<FrozenStatement>> by_frozen_id_;  // index = Statement::frozen_id
  std::unique_ptr<Worker> worker_;                              // started by the first run_async
  bool healthy_ = true;
};

/// The name of a SQLite (extended) result code, like "SQLITE_CONSTRAINT_UNIQUE";
/// the number as text when the code is not one this build knows.
std::string sqlite_code_name(int code);

}  // namespace quarry::detail
