// Reading what PostgreSQL sends back: the rows of a PGresult through the
// RowReader interface, what a command did (ExecResult), and an error result
// turned into the Quarry exception that fits it. Internal to the PostgreSQL
// backend; includes libpq.
#pragma once

#include <quarry/driver/connection.hpp>
#include <quarry/error.hpp>

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quarry::detail {

struct PgResultDeleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
/// An owned PGresult.
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

/// The storage class Quarry reads a PostgreSQL column type as: integers
/// (int2/4/8, oid) and bool (as 0/1) are integer, float4/8 real, bytea blob,
/// everything else (numeric, text, dates, times, json, uuid, arrays, enums...)
/// its text form, which the query layer parses.
StorageType pg_storage_type(Oid type) noexcept;

/// The rows of one text-format PGresult as RowReader cells: seek() parses a
/// row's integers and reals once (bool as 0/1), decodes its bytea from hex
/// into a per-column buffer, and points text cells at libpq's own bytes.
class PgRowReader final : public RowReader {
 public:
  explicit PgRowReader(const PGresult* result);

  /// Loads row `row` (0-based, < PQntuples) into the cells.
  void seek(int row);
  /// seek(row), reporting `number` as the row's number in errors (a stream
  /// in single-row mode reads each row from a result of its own).
  void seek_as(int row, std::size_t number) {
    seek(row);
    row_ = number;
  }
  /// Reads `result` from now on, which must have the same columns as the
  /// one before: no per-result set-up (single-row mode).
  void rebind(const PGresult* result) noexcept { result_ = result; }

  std::string_view column_name(std::size_t i) const override;

 private:
  static constexpr std::size_t unrolled_columns = 8;
  void load_cell(int row, std::size_t i);
  void keep_number_text(Cell& cell, std::size_t i, std::string_view text) noexcept;
  template <std::size_t... I>
  void load_first(int row, std::index_sequence<I...>);

  const PGresult* result_;
  std::vector<StorageType> types_;             // per column
  std::vector<bool> is_bool_;                  // per column
  std::vector<bool> keep_text_;                // per column: a number whose text json() copies
  std::vector<Cell> storage_;                  // this row's cells
  std::vector<std::vector<std::byte>> blobs_;  // per bytea column, reused row to row
};

/// Runs `sink` over every row of `result` (none for a command without rows).
void deliver_rows(const PGresult* result, RowSink& sink);

/// What a successful command did. rows_affected counts the rows an INSERT,
/// UPDATE, DELETE, MERGE or COPY touched (0 for a query, as on SQLite);
/// last_insert_id is, for an INSERT ... RETURNING of one integer column (the
/// key), the value of its last row, since PostgreSQL has no rowid to report.
ExecResult pg_exec_result(const PGresult* result) noexcept;

/// What identifies a connection in messages: `at host:port, database "db", user "u"`.
/// Never the password.
std::string pg_describe_target(const PGconn* conn);

/// Throws the exception for an error result of `sql`: a ConstraintError
/// subclass for class 23 (UniqueViolation, ForeignKeyViolation,
/// NotNullViolation, CheckViolation, with table, column and constraint from
/// the error's fields), ConnectionError when the connection is gone, else
/// QueryError with the SQLSTATE as code().
[[noreturn]] void throw_pg_error(const PGresult* result, const PGconn* conn, std::string_view sql);

/// Throws ConnectionError for a failure without a result (the connection
/// broke, or libpq refused to send): libpq's message, the target and the SQL.
[[noreturn]] void throw_pg_connection_error(const PGconn* conn, std::string_view what,
                                            std::string_view sql);

/// SQL cut to a length fit for a message (the whole text stays in sql()).
std::string pg_sql_for_message(std::string_view sql);

}  // namespace quarry::detail
