// Reading PGresults: rows through RowReader (text format, numbers parsed once
// per row), ExecResult from the command tag, and PostgreSQL errors mapped onto
// Quarry's exceptions with the SQLSTATE and the error's table, column and
// constraint fields.
#include "driver/postgresql/pg_result.hpp"

#include "query/number_text.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cstring>
#include <limits>

namespace quarry::detail {

namespace {

// Type OIDs from PostgreSQL's pg_type.dat; they are fixed for built-in types.
constexpr Oid bool_oid = 16;
constexpr Oid bytea_oid = 17;
constexpr Oid int8_oid = 20;
constexpr Oid int2_oid = 21;
constexpr Oid int4_oid = 23;
constexpr Oid oid_oid = 26;
constexpr Oid float4_oid = 700;
constexpr Oid float8_oid = 701;

/// SQL longer than this is cut in messages (the full text stays in sql()).
constexpr std::size_t max_sql_in_message = 1000;

/// The number at the start of `s` (PostgreSQL's text for an integer or a
/// float is exactly one), or 0.
std::int64_t leading_int64(std::string_view s) noexcept {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

double leading_double(std::string_view s) noexcept {
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

int hex_digit(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// bytea's text form: "\x" and hex digits (bytea_output=hex, the default),
/// else the old escape format, which libpq decodes.
void decode_bytea(std::string_view text, std::vector<std::byte>& out) {
  out.clear();
  if (text.size() >= 2 && text[0] == '\\' && text[1] == 'x') {
    out.reserve((text.size() - 2) / 2);
    for (std::size_t i = 2; i + 1 < text.size(); i += 2) {
      const int hi = hex_digit(text[i]);
      const int lo = hex_digit(text[i + 1]);
      if (hi < 0 || lo < 0) break;  // PostgreSQL never sends this
      out.push_back(static_cast<std::byte>(hi * 16 + lo));
    }
    return;
  }
  std::size_t n = 0;
  unsigned char* bytes =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(std::string(text).c_str()), &n);
  if (bytes == nullptr) throw std::bad_alloc();
  out.assign(reinterpret_cast<const std::byte*>(bytes),
             reinterpret_cast<const std::byte*>(bytes) + n);
  PQfreemem(bytes);
}

std::string error_field(const PGresult* r, int code) {
  const char* v = PQresultErrorField(r, code);
  return v != nullptr ? v : "";
}

/// libpq's messages end in a newline and may hold several lines; one line
/// reads better inside ours.
std::string one_line(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '\n') {
      out += "; ";
    } else if (c != '\t') {
      out += c;
    }
  }
  return out;
}

/// "a, b" out of PostgreSQL's detail "Key (a, b)=(1, 2) already exists." or
/// "Key (a)=(1) is not present in table ..."; "" when the detail differs.
std::string key_columns_of(std::string_view detail) {
  constexpr std::string_view prefix = "Key (";
  if (detail.substr(0, prefix.size()) != prefix) return "";
  const std::size_t end = detail.find(")=(");
  if (end == std::string_view::npos) return "";
  return std::string(detail.substr(prefix.size(), end - prefix.size()));
}

/// `"band"."name"` or `"band"."a", "band"."b"` for a message.
std::string describe_columns(const ConstraintError::Details& d) {
  std::string out;
  std::string_view cols = d.column;
  while (!cols.empty()) {
    const std::size_t comma = cols.find(", ");
    if (!out.empty()) out += ", ";
    if (!d.table.empty()) out += "\"" + d.table + "\".";
    out += "\"" + std::string(cols.substr(0, comma)) + "\"";
    cols = comma == std::string_view::npos ? std::string_view{} : cols.substr(comma + 2);
  }
  return out;
}

/// Whether the session is over: libpq saw the connection close, or the
/// server said FATAL (pg_terminate_backend, shutdown), after which it closes
/// it. Class 08 alone is not enough: 08P01 also reports a bind message with
/// the wrong number of parameters, on a session that goes on.
bool is_connection_failure(const PGresult* result, const PGconn* conn) noexcept {
  if (conn != nullptr && PQstatus(conn) == CONNECTION_BAD) return true;
  const char* severity = PQresultErrorField(result, PG_DIAG_SEVERITY_NONLOCALIZED);
  return severity != nullptr &&
         (std::strcmp(severity, "FATAL") == 0 || std::strcmp(severity, "PANIC") == 0);
}

}  // namespace

StorageType pg_storage_type(Oid type) noexcept {
  switch (type) {
    case bool_oid:
    case int2_oid:
    case int4_oid:
    case int8_oid:
    case oid_oid:
      return StorageType::integer;
    case float4_oid:
    case float8_oid:
      return StorageType::real;
    case bytea_oid:
      return StorageType::blob;
    default:
      return StorageType::text;
  }
}

std::string pg_sql_for_message(std::string_view sql) {
  if (sql.size() <= max_sql_in_message) return std::string(sql);
  return std::string(sql.substr(0, max_sql_in_message)) + "...";
}

// ------------------------------------------------------------------- rows

PgRowReader::PgRowReader(const PGresult* result) : result_(result) {
  const int n = PQnfields(result);
  types_.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    const Oid type = PQftype(result, i);
    // Text format is all this backend asks for; a binary column would be
    // read as bytes.
    types_.push_back(PQfformat(result, i) == 0 ? pg_storage_type(type) : StorageType::blob);
    is_bool_.push_back(type == bool_oid);
    // An integer's and a float8's text is a JSON number (but NaN and the
    // infinities), of the very value read (float8: the shortest exact form
    // since PostgreSQL 12): json() copies it. Not bool ("t"), nor float4,
    // whose value json() writes as a double.
    keep_text_.push_back(type == int2_oid || type == int4_oid || type == int8_oid ||
                         type == float8_oid);
  }
  storage_.resize(types_.size());
  cells_ = storage_;
}

// The server's text of a number, for json() to copy (number_text_flag).
[[gnu::always_inline]] inline void PgRowReader::keep_number_text(Cell& cell, std::size_t i,
                                                                 std::string_view text) noexcept {
  cell.data = text.data();
  cell.size = keep_text_[i] ? text.size() | number_text_flag : 0;
}

// One cell of row `row`. Only an empty value can be NULL (libpq reports a
// NULL's length as 0), so PQgetisnull runs only for those.
[[gnu::always_inline]] inline void PgRowReader::load_cell(int row, std::size_t i) {
  Cell& cell = storage_[i];
  const int col = static_cast<int>(i);
  const int length = PQgetlength(result_, row, col);
  if (length == 0 && PQgetisnull(result_, row, col) != 0) {
    cell.type = StorageType::null;
    return;
  }
  const std::string_view text(PQgetvalue(result_, row, col), static_cast<std::size_t>(length));
  cell.type = types_[i];
  switch (cell.type) {
    case StorageType::integer:
      cell.integer = is_bool_[i] ? (text == "t" ? 1 : 0) : leading_int64(text);
      keep_number_text(cell, i, text);
      break;
    case StorageType::real:
      cell.real = leading_double(text);
      keep_number_text(cell, i, text);
      break;
    case StorageType::blob:
      if (PQfformat(result_, col) == 0) {
        if (blobs_.empty()) blobs_.resize(types_.size());
        decode_bytea(text, blobs_[i]);
        cell.data = reinterpret_cast<const char*>(blobs_[i].data());
        cell.size = blobs_[i].size();
      } else {
        cell.data = text.data();
        cell.size = text.size();
      }
      break;
    default:
      cell.data = text.data();
      cell.size = text.size();
      break;
  }
}

template <std::size_t... I>
void PgRowReader::load_first(int row, std::index_sequence<I...>) {
  const std::size_t n = types_.size();
  (void)((I < n ? (load_cell(row, I), true) : false) && ...);
}

// The first columns are loaded unrolled, each with a switch of its own whose
// branch sees one column's steady type (as SqliteRowReader::load does).
void PgRowReader::seek(int row) {
  row_ = static_cast<std::size_t>(row);
  load_first(row, std::make_index_sequence<unrolled_columns>{});
  for (std::size_t i = unrolled_columns; i < types_.size(); ++i) load_cell(row, i);
}

std::string_view PgRowReader::column_name(std::size_t i) const {
  if (i >= types_.size()) {
    throw UsageError(fmt::format("column index {} is out of range: the result has {} columns", i,
                                 types_.size()));
  }
  return PQfname(result_, static_cast<int>(i));
}

void deliver_rows(const PGresult* result, RowSink& sink) {
  const int rows = PQntuples(result);
  if (rows == 0) return;
  sink.expect_rows(static_cast<std::size_t>(rows));
  PgRowReader reader(result);
  for (int row = 0; row < rows; ++row) {
    reader.seek(row);
    sink.on_row(reader);
  }
}

ExecResult pg_exec_result(const PGresult* result) noexcept {
  ExecResult out;
  const std::string_view tag = PQcmdStatus(const_cast<PGresult*>(result));
  const bool reads = tag.starts_with("SELECT") || tag.starts_with("FETCH") ||
                     tag.starts_with("MOVE") || tag.starts_with("SHOW");
  if (!reads) out.rows_affected = leading_int64(PQcmdTuples(const_cast<PGresult*>(result)));
  const int rows = PQntuples(result);
  if (tag.starts_with("INSERT") && rows > 0 && PQnfields(result) == 1) {
    const Oid type = PQftype(result, 0);
    if (type == int2_oid || type == int4_oid || type == int8_oid) {
      if (!PQgetisnull(result, rows - 1, 0)) {
        out.last_insert_id = leading_int64(PQgetvalue(result, rows - 1, 0));
      }
    }
  }
  return out;
}

// ----------------------------------------------------------------- errors

std::string pg_describe_target(const PGconn* conn) {
  if (conn == nullptr) return "";
  const char* host = PQhost(conn);
  const char* port = PQport(conn);
  const char* db = PQdb(conn);
  const char* user = PQuser(conn);
  std::string out;
  if (host != nullptr && host[0] == '/') {
    out = fmt::format("at unix socket {}/.s.PGSQL.{}", host, port != nullptr ? port : "");
  } else {
    out = fmt::format("at {}:{}", host != nullptr && host[0] != '\0' ? host : "localhost",
                      port != nullptr && port[0] != '\0' ? port : "5432");
  }
  if (db != nullptr && db[0] != '\0') out += fmt::format(", database \"{}\"", db);
  if (user != nullptr && user[0] != '\0') out += fmt::format(", user \"{}\"", user);
  return out;
}

void throw_pg_connection_error(const PGconn* conn, std::string_view what, std::string_view sql) {
  std::string message =
      fmt::format("PostgreSQL connection {} failed: {}", pg_describe_target(conn), one_line(what));
  if (!sql.empty()) message += "\nin: " + pg_sql_for_message(sql);
  throw ConnectionError(message);
}

void throw_pg_error(const PGresult* result, const PGconn* conn, std::string_view sql_text) {
  const std::string sqlstate = error_field(result, PG_DIAG_SQLSTATE);
  std::string primary = error_field(result, PG_DIAG_MESSAGE_PRIMARY);
  if (primary.empty()) primary = one_line(PQresultErrorMessage(result));
  if (primary.empty()) primary = "unknown error";  // libpq always sets one; be safe
  if (is_connection_failure(result, conn)) throw_pg_connection_error(conn, primary, sql_text);

  const std::string detail = error_field(result, PG_DIAG_MESSAGE_DETAIL);
  const std::string hint = error_field(result, PG_DIAG_MESSAGE_HINT);
  const std::string position = error_field(result, PG_DIAG_STATEMENT_POSITION);
  std::string in = "\nin: " + pg_sql_for_message(sql_text);
  std::string sql(sql_text);
  std::string pg_says = "PostgreSQL " + sqlstate + ": " + primary;
  if (!detail.empty()) pg_says += "; " + one_line(detail);

  if (sqlstate.starts_with("23")) {
    ConstraintError::Details d;
    d.table = error_field(result, PG_DIAG_TABLE_NAME);
    d.column = error_field(result, PG_DIAG_COLUMN_NAME);
    d.constraint = error_field(result, PG_DIAG_CONSTRAINT_NAME);
    if (d.column.empty()) d.column = key_columns_of(detail);
    const std::string named = d.constraint.empty() ? "" : " \"" + d.constraint + "\"";
    const std::string on = d.column.empty()
                               ? (d.table.empty() ? "" : " on table \"" + d.table + "\"")
                               : " on " + describe_columns(d);
    const std::string tail = " (" + pg_says + ")" + in;
    if (sqlstate == "23505") {
      throw UniqueViolation("unique constraint" + named + " violated" + on + tail, std::move(sql),
                            sqlstate, std::move(d));
    }
    if (sqlstate == "23503") {
      throw ForeignKeyViolation("foreign key constraint" + named + " violated" + on + tail,
                                std::move(sql), sqlstate, std::move(d));
    }
    if (sqlstate == "23502") {
      throw NotNullViolation("not-null constraint violated" + on + tail, std::move(sql), sqlstate,
                             std::move(d));
    }
    if (sqlstate == "23514") {
      throw CheckViolation("check constraint" + named + " violated" + on + tail, std::move(sql),
                           sqlstate, std::move(d));
    }
    throw ConstraintError("constraint" + named + " violated" + on + tail, std::move(sql), sqlstate,
                          std::move(d));
  }

  if (sqlstate == "42601" && primary.starts_with("cannot insert multiple commands")) {
    // The extended protocol that every statement goes through takes one
    // statement: say so as SQLite's driver does, with what to use instead.
    throw UsageError(
        "execute() runs one statement, but this SQL holds more after the first; use "
        "execute_script() for several" +
        in);
  }
  std::string message = "PostgreSQL error " + sqlstate + ": " + primary;
  if (!position.empty()) message += " (at character " + position + ")";
  if (!detail.empty()) message += "\ndetail: " + one_line(detail);
  if (!hint.empty()) message += "\nhint: " + one_line(hint);
  message += in;
  throw QueryError(message, std::move(sql), sqlstate);
}

}  // namespace quarry::detail
