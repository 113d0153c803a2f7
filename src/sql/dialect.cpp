// The SQLite and PostgreSQL dialects: their quoting, placeholders and
// capabilities. Everything else about SQL text is shared in compiler.cpp.
#include <quarry/sql/dialect.hpp>

#include <fmt/format.h>

#include <quarry/error.hpp>

namespace quarry::sql {

void Dialect::quote_identifier(std::string& out, std::string_view name) const {
  if (name.empty()) throw UsageError("an SQL identifier cannot be empty");
  if (name.find('\0') != std::string_view::npos) {
    throw UsageError(fmt::format("the SQL identifier \"{}\" contains a NUL character",
                                 std::string_view(name.data(), name.find('\0'))));
  }
  out.reserve(out.size() + name.size() + 2);
  out += '"';
  for (char c : name) {
    if (c == '"') out += '"';  // "" is a literal quote inside a quoted identifier
    out += c;
  }
  out += '"';
}

void Dialect::placeholder(std::string& out, std::size_t index) const {
  if (placeholder_style == PlaceholderStyle::question) {
    out += '?';
  } else {
    fmt::format_to(std::back_inserter(out), "${}", index + 1);
  }
}

namespace {

class SqliteDialect final : public Dialect {
 public:
  SqliteDialect() {
    placeholder_style = PlaceholderStyle::question;
    supports_returning = true;         // since SQLite 3.35
    supports_ilike = false;            // LIKE is made case-sensitive per connection
    supports_nulls_ordering = true;    // since SQLite 3.30
    supports_boolean_literals = true;  // since SQLite 3.23
    decimals_stored_as_text = true;    // DECIMAL_TEXT, see sql_type_name
    begin_transaction = "BEGIN IMMEDIATE";
    // A read-only transaction takes no write lock; query_only makes every
    // write fail with SQLITE_READONLY until it is turned off again.
    begin_read_only = "BEGIN DEFERRED; PRAGMA query_only = 1";
    end_read_only = "PRAGMA query_only = 0; ";
  }
  std::string_view name() const noexcept override { return "sqlite"; }
};

class PostgresDialect final : public Dialect {
 public:
  PostgresDialect() {
    placeholder_style = PlaceholderStyle::dollar_number;
    supports_returning = true;
    supports_ilike = true;
    supports_enum_types = true;
    supports_nulls_ordering = true;
    supports_boolean_literals = true;
    widens_aggregates = true;
    supports_transaction_modes = true;
    reports_last_insert_id = false;  // no rowid: INSERT ... RETURNING the key
    assign_key_sql = "nextval(pg_get_serial_sequence(?, ?))";  // the SERIAL's sequence
    limit_all = "ALL";
  }
  std::string_view name() const noexcept override { return "postgresql"; }
};

}  // namespace

const Dialect& sqlite_dialect() {
  static const SqliteDialect dialect;
  return dialect;
}

const Dialect& postgresql_dialect() {
  static const PostgresDialect dialect;
  return dialect;
}

}  // namespace quarry::sql
