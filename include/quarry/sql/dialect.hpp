// A SQL dialect: identifier quoting, placeholders and the capabilities that
// differ between databases, kept as data plus a few overridable hooks in the
// manner of SQLAlchemy's per-dialect compilers.
#pragma once

#include <string>
#include <string_view>

namespace quarry::sql {

enum class PlaceholderStyle { question, dollar_number };  // ?  or  $1

class Dialect {
 public:
  virtual ~Dialect() = default;
  virtual std::string_view name() const noexcept = 0;  // "sqlite", "postgresql"

  PlaceholderStyle placeholder_style = PlaceholderStyle::question;
  bool supports_returning = true;
  bool supports_ilike = false;  // else lower(a) LIKE lower(b)
  /// CREATE TYPE ... AS ENUM (PostgreSQL). Without it a database enum
  /// column is text holding the value's name.
  bool supports_enum_types = false;
  bool supports_nulls_ordering = true;    // NULLS FIRST / LAST
  bool supports_boolean_literals = true;  // TRUE / FALSE (SQLite >= 3.23)
  /// Decimals are stored as text (SQLite's DECIMAL_TEXT keeps every digit),
  /// which compares as text ("10" < "9"): the compiler casts a decimal to
  /// NUMERIC where it is compared, ordered, or given to min/max.
  bool decimals_stored_as_text = false;
  /// An INSERT of row structs where some rows give their auto-increment key
  /// and others leave it 0 binds NULL for the latter. Empty: NULL makes the
  /// database assign a key (SQLite's INTEGER PRIMARY KEY). Otherwise SQL
  /// for the next key, used as coalesce(key, this); its two `?` are bound
  /// to the quoted table name and the column name.
  std::string_view assign_key_sql;
  /// The connection reports the key an INSERT assigned (SQLite's
  /// last_insert_rowid). Otherwise the compiler adds RETURNING for the
  /// table's generated key (InsertStmt::generated_key).
  bool reports_last_insert_id = true;
  /// avg() of integers and sum() of BIGINT return NUMERIC: a typed avg or
  /// integer sum is cast back to the C++ type it promises (ResultCast).
  bool widens_aggregates = false;
  /// What LIMIT takes to mean "no limit" when only OFFSET is given.
  std::string_view limit_all = "-1";
  /// Starts a transaction. SQLite takes the write lock up front (IMMEDIATE)
  /// so that two transactions never deadlock upgrading a read lock.
  std::string_view begin_transaction = "BEGIN";
  /// BEGIN takes ISOLATION LEVEL ... and READ ONLY (PostgreSQL). Without it,
  /// every transaction is serializable (SQLite), which satisfies any level,
  /// and a read-only one starts with begin_read_only and ends (before its
  /// COMMIT or ROLLBACK) with end_read_only.
  bool supports_transaction_modes = false;
  std::string_view begin_read_only;
  std::string_view end_read_only;

  /// Appends `"name"` with embedded quotes doubled. Throws UsageError for
  /// identifiers SQL cannot carry (empty, or containing NUL).
  virtual void quote_identifier(std::string& out, std::string_view name) const;
  /// Appends the placeholder for the parameter at 0-based `index`.
  void placeholder(std::string& out, std::size_t index) const;
};

/// The dialect objects; they live for the whole program.
const Dialect& sqlite_dialect();
const Dialect& postgresql_dialect();

}  // namespace quarry::sql
