// The driver boundary: what a backend must provide so that the query layer can
// run (SQL text, bound values) and read rows, without knowing which database
// it talks to. Nothing here knows about the query builder.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include <quarry/async.hpp>
#include <quarry/value.hpp>

namespace quarry {

namespace sql {
class Dialect;
}

/// One value of the current row as the driver hands it over: its storage
/// class and, by class, the integer, the real, or the bytes of text or a blob
/// (valid until the next row; text is UTF-8 and not terminated).
struct Cell {
  StorageType type = StorageType::null;
  std::int64_t integer = 0;
  double real = 0;
  const char* data = nullptr;
  std::size_t size = 0;
};

/// One row of a result, valid only during RowSink::on_row. Accessors take a
/// 0-based column index.
///
/// The driver loads every cell of a row before calling on_row, so that the
/// accessors are plain inline reads: decoding 100,000 rows × 5 columns makes
/// no virtual call per value. A typed accessor must match storage_type(i)
/// (get_int64 of an integer cell, and so on); the query layer checks the
/// storage class first, so that a mismatch becomes a DecodeError.
class RowReader {
 public:
  virtual ~RowReader() = default;
  std::size_t column_count() const noexcept { return cells_.size(); }
  /// The result column's name as the database reports it.
  virtual std::string_view column_name(std::size_t i) const = 0;
  const Cell& cell(std::size_t i) const noexcept { return cells_[i]; }
  StorageType storage_type(std::size_t i) const noexcept { return cells_[i].type; }
  bool is_null(std::size_t i) const noexcept { return cells_[i].type == StorageType::null; }
  std::int64_t get_int64(std::size_t i) const noexcept { return cells_[i].integer; }
  double get_double(std::size_t i) const noexcept { return cells_[i].real; }
  /// The text of column i; the view is valid until the next row.
  std::string_view get_text(std::size_t i) const noexcept {
    return {cells_[i].data, cells_[i].size};
  }
  /// The bytes of column i; the span is valid until the next row.
  std::span<const std::byte> get_blob(std::size_t i) const noexcept {
    return {reinterpret_cast<const std::byte*>(cells_[i].data), cells_[i].size};
  }
  /// Column i copied into a Value, whatever its storage class.
  Value value(std::size_t i) const;
  /// 0-based number of this row within its result, for error messages.
  std::size_t row_number() const noexcept { return row_; }

 protected:
  RowReader() = default;
  RowReader(const RowReader&) = default;
  RowReader& operator=(const RowReader&) = default;

  /// The current row's cells, which the driver fills before each on_row.
  std::span<const Cell> cells_;
  std::size_t row_ = 0;
};

/// Receives the rows of one statement, in order. May be called on a driver
/// thread (SQLite's worker); the awaiting coroutine is suspended meanwhile.
class RowSink {
 public:
  // always_inline: at -O0 no copy of these per translation unit either.
  [[gnu::always_inline]] RowSink() = default;
  [[gnu::always_inline]] virtual ~RowSink() = default;
  virtual void on_row(const RowReader& row) = 0;
  /// Called before the rows when the driver knows how many follow
  /// (PostgreSQL receives a whole result first; SQLite never knows), so that
  /// a sink can make room for them at once. Only a hint: fewer or more rows
  /// may follow, and a sink may ignore it. Defined out of line (it ignores
  /// the hint) so that it is the class's key function: RowSink's vtable is
  /// then emitted once, in the library, not in every translation unit that
  /// constructs a sink.
  virtual void expect_rows(std::size_t count);
};

/// Writes the parameters of one execution of a batch statement.
class ParamWriter {
 public:
  virtual ~ParamWriter() = default;
  // index is 0-based
  virtual void bind_null(std::size_t index) = 0;
  virtual void bind_int64(std::size_t index, std::int64_t v) = 0;
  virtual void bind_double(std::size_t index, double v) = 0;
  /// The text must stay valid until the execution ends (the driver may not copy).
  virtual void bind_text(std::size_t index, std::string_view v) = 0;
  /// Like bind_text, but the driver copies the text (for temporaries such as
  /// a formatted date).
  virtual void bind_text_copy(std::size_t index, std::string_view v) = 0;
  virtual void bind_blob(std::size_t index, std::span<const std::byte> v) = 0;
  /// An array (std::vector<T>) as the JSON text of ArrayText; copied. By
  /// default bound as that text (SQLite stores it); PostgreSQL's driver
  /// sends an array literal instead.
  virtual void bind_array(std::size_t index, std::string_view json) { bind_text_copy(index, json); }
  void bind(std::size_t index, const Value& v);
};

/// Supplies the parameter sets of a batch (executemany): one statement
/// prepared once and run size() times.
class BatchSource {
 public:
  virtual ~BatchSource() = default;
  virtual std::size_t size() const = 0;
  virtual void bind(std::size_t row, ParamWriter& out) = 0;
};

/// One statement to run: SQL text with placeholders and its bound values.
struct Statement {
  std::string_view sql;
  std::span<const Value> params;
  /// Nonzero for a frozen query: the connection keeps its prepared statement
  /// under this id (see sql::next_frozen_id) instead of looking the text up.
  std::uint32_t frozen_id = 0;
  /// True for a SELECT the query builder compiled (select(), frozen
  /// selects): it writes nothing and leaves no session state behind, so a
  /// driver may let several share one round of the protocol and run it again
  /// when a neighbour's failure kept it from running (PostgreSQL's pipeline
  /// sync points). Raw SQL, writes and DDL leave it false.
  bool read_only = false;
};

/// What a statement did.
struct ExecResult {
  std::int64_t rows_affected = 0;
  std::int64_t last_insert_id = 0;
};

/// The wire type of one column a bulk load (Connection::copy_in) writes: what
/// the C++ member's SQL type is, so that PostgreSQL's binary COPY can encode
/// each value exactly as the column stores it.
enum class CopyType : std::uint8_t {
  int16,
  int32,
  int64,
  float64,
  boolean,
  decimal,  ///< numeric, bound as its canonical text
  text,     ///< text, varchar and enums stored by name
  blob,
  date,         ///< bound as "YYYY-MM-DD"
  time,         ///< bound as "HH:MM:SS[.ffffff]"
  timestamp,    ///< bound as "YYYY-MM-DD HH:MM:SS[.ffffff]"
  timestamptz,  ///< bound as format_timestamptz writes it (UTC)
  uuid,         ///< bound as its 36-character text
  jsonb,        ///< a JSON document, bound as its text
};

/// One column of a bulk load.
struct CopyColumn {
  std::string_view name;
  CopyType type = CopyType::text;
};

/// What a bulk load fills: `table`'s `columns`, in this order.
struct CopyStatement {
  std::string_view table;
  std::span<const CopyColumn> columns;
};

/// Supplies the rows of a bulk load, one at a time and in order: next()
/// binds the values of the next row (index = position in
/// CopyStatement::columns, each once and in order) and returns true, or
/// returns false when no row is left. Text bound with bind_text stays valid
/// until the next call.
class CopySource {
 public:
  virtual ~CopySource() = default;
  virtual bool next(ParamWriter& out) = 0;
  /// How many rows next() gives in all.
  virtual std::size_t size() const = 0;
};

/// The rows of one statement, read a chunk at a time in constant memory
/// (Connection::open_stream). Holds its connection exclusively until it
/// ends: destroying it before the last row cancels the statement and drains
/// what the server already sent (PostgreSQL), or finalizes it (SQLite), so
/// that the connection is clean again; a connection that cannot be cleaned
/// up in time is marked unhealthy and the pool drops it.
class RowStream {
 public:
  virtual ~RowStream() = default;
  /// Delivers the next rows, at most `max_rows` of them, to `sink`, and
  /// returns how many; 0 means the result is exhausted (or had no rows).
  /// Throws what execute() throws; after an error the stream is over.
  virtual std::size_t next(RowSink& sink, std::size_t max_rows) = 0;
  /// The same, never blocking the event loop.
  virtual Task<std::size_t> next_async(RowSink& sink, std::size_t max_rows) = 0;
};

/// A live connection to one database. Not thread-safe: one user at a time, as
/// the Pool arranges. The synchronous calls run on the caller's thread.
class Connection {
 public:
  virtual ~Connection() = default;

  virtual const sql::Dialect& dialect() const noexcept = 0;

  /// Runs one statement; rows go to `sink` (may be null to discard them).
  /// Throws QueryError (or a ConstraintError subclass) naming what failed.
  virtual ExecResult execute(const Statement& stmt, RowSink* sink) = 0;

  /// Runs one statement once per parameter set of `batch`, preparing it once.
  /// Returns the total rows affected and the last insert id.
  virtual ExecResult execute_batch(std::string_view sql, BatchSource& batch) = 0;

  /// Runs a script of several statements without parameters (DDL, PRAGMA).
  virtual void execute_script(std::string_view sql) = 0;

  /// Runs `work` where this connection does its blocking work (SQLite: on its
  /// own worker thread, so the event loop never blocks) and resumes the
  /// awaiting coroutine on its executor. Exceptions from `work` are rethrown
  /// in the awaiter.
  virtual Task<void> run_async(std::function<void()> work) = 0;

  /// The awaitable forms, which the Database and Transaction use. By default
  /// they run the blocking call through run_async (SQLite's worker thread); a
  /// backend with a non-blocking protocol (PostgreSQL) overrides them and
  /// never blocks the event loop. `stmt`, `sink` and `batch` must outlive the
  /// await; rows reach `sink` before the await completes.
  virtual Task<ExecResult> execute_async(const Statement& stmt, RowSink* sink);
  virtual Task<ExecResult> execute_batch_async(std::string_view sql, BatchSource& batch);
  virtual Task<void> execute_script_async(std::string_view sql);

  /// Bulk load: inserts every row of `source` into the statement's table and
  /// returns how many, atomically (an error leaves no row behind: PostgreSQL
  /// runs one COPY, others a prepared INSERT per row inside a savepoint).
  /// The default runs that INSERT loop through execute_batch.
  virtual std::int64_t copy_in(const CopyStatement& copy, CopySource& source);
  virtual Task<std::int64_t> copy_in_async(const CopyStatement& copy, CopySource& source);

  /// Starts `stmt` and returns its rows as a stream (see RowStream). The
  /// statement's text and values are copied; the connection serves nothing
  /// else until the stream is destroyed. Throws UsageError when the backend
  /// cannot stream.
  virtual std::unique_ptr<RowStream> open_stream(const Statement& stmt);

  /// False once the connection is known to be unusable.
  virtual bool healthy() const noexcept { return true; }
  /// The pool's check of an idle connection at checkout: healthy(), and
  /// whatever else is cheap and needs the connection to be idle and in
  /// nobody's hands (PostgreSQL: whether the server closed the session).
  virtual bool check_idle() noexcept { return healthy(); }

  /// True when awaited statements of several coroutines may be in flight on
  /// this connection at once (PostgreSQL's pipeline mode), as long as they
  /// all run on one strand: the Pool then shares it between them.
  virtual bool pipelines() const noexcept { return false; }
};

namespace detail {
/// Rethrows the exception being handled as the same Quarry exception type
/// (QueryError and its constraint subclasses keep their SQL, code and
/// details), its message followed by a line saying `context`; other
/// exceptions are rethrown as they are. Call only inside a catch block.
[[noreturn]] void rethrow_with_context(std::string_view context);
}  // namespace detail

/// Opens a connection for a database URL. Throws UrlError or ConnectionError.
std::unique_ptr<Connection> open_connection(std::string_view url);

/// The same for coroutines: PostgreSQL connects on the awaiter's event loop
/// without blocking it (libpq's host name lookup aside) and enforces
/// connect_timeout itself; SQLite opens its file as open_connection does.
/// Throws what open_connection throws, with the same messages.
Task<std::unique_ptr<Connection>> open_connection_async(std::string url);

}  // namespace quarry
