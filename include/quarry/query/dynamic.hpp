// The dynamic API: queries over tables known only at run time (a reflected
// Schema, or any Schema), built on the same expression tree and compiler as
// the typed API. Names are looked up in the Schema (an unknown one is a
// UsageError suggesting the closest), values are checked against the
// column's SqlType when the query is built, and results come back as
// DynamicRow or as JSON written straight from the driver.
//
//   dyn::Schema s(schema);
//   dyn::Table band = s.table("band");
//   auto rows = dyn::select({band["name"], band["manager"].follow()["name"]})
//                   .where(band["popularity"] > 100 && band["name"].like("Py%"))
//                   .order_by(band["popularity"].desc()).limit(10).run_sync(db);
//
// This header is runtime by nature: no templates beyond the standard ones.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <quarry/async.hpp>
#include <quarry/driver/database.hpp>
#include <quarry/error.hpp>
#include <quarry/query/dynamic_row.hpp>
#include <quarry/schema/schema.hpp>
#include <quarry/sql/compiler.hpp>
#include <quarry/sql/statement.hpp>
#include <quarry/value.hpp>

namespace quarry::dyn {

class Table;
class Column;
class Select;

/// A value that does not fit the column it is given to (text for an
/// integer column, an integer out of a smallint's range, a name that is not
/// one of an enum's, NULL for a NOT NULL column, ...). The message names the
/// column, its type and the value; the fields carry them too.
class ValueError : public UsageError {
 public:
  ValueError(const std::string& message, std::string table, std::string column, Value value)
      : UsageError(message),
        table_(std::move(table)),
        column_(std::move(column)),
        value_(std::move(value)) {}
  const std::string& table() const noexcept { return table_; }
  const std::string& column() const noexcept { return column_; }
  const Value& value() const noexcept { return value_; }

 private:
  std::string table_;
  std::string column_;
  Value value_;
};

/// A C++ value given to the dynamic API. It remembers what it was (a bool,
/// a Date, a Decimal...) so that it can be checked against the SqlType of
/// the column it meets, and converted to what that column stores.
class Literal {
 public:
  enum class Kind : std::uint8_t {
    null,
    boolean,
    integer,
    real,
    text,
    decimal,
    uuid,
    date,
    time,
    timestamp,
    timestamptz,
    json,
    blob,
    value,  ///< a quarry::Value: judged by its storage class
  };

  Literal(std::nullptr_t) {}
  Literal(std::nullopt_t) {}
  Literal(bool v) : kind_(Kind::boolean), value_(std::int64_t{v ? 1 : 0}) {}
  Literal(int v) : kind_(Kind::integer), value_(std::int64_t{v}) {}
  Literal(long v) : kind_(Kind::integer), value_(static_cast<std::int64_t>(v)) {}
  Literal(long long v) : kind_(Kind::integer), value_(static_cast<std::int64_t>(v)) {}
  Literal(double v) : kind_(Kind::real), value_(v) {}
  Literal(const char* v) : kind_(Kind::text), value_(std::string(v)) {}
  Literal(std::string v) : kind_(Kind::text), value_(std::move(v)) {}
  Literal(std::string_view v) : kind_(Kind::text), value_(std::string(v)) {}
  Literal(const Decimal& v) : kind_(Kind::decimal), value_(v.str()) {}
  Literal(const Uuid& v) : kind_(Kind::uuid), value_(v.str()) {}
  Literal(const Date& v);
  Literal(const TimeOfDay& v);
  Literal(const Timestamp& v);
  Literal(const TimestampTz& v);
  Literal(const Json& v) : kind_(Kind::json), value_(v.text) {}
  Literal(Blob v) : kind_(Kind::blob), value_(std::move(v)) {}
  Literal(Value v);

  Kind kind() const noexcept { return kind_; }
  /// The value as given (dates and times as their ISO 8601 text).
  const Value& value() const noexcept { return value_; }
  bool is_null() const noexcept { return value_.is_null(); }

 private:
  Kind kind_ = Kind::null;
  Value value_;
};

/// An expression of the dynamic API: a column, a condition, an aggregate, an
/// arithmetic result. It knows the SQL type it yields when it can (for
/// checking the values it is compared with, and for JSON output), and keeps
/// alive the Schema whose names its tree points into.
class Expr {
 public:
  Expr() = default;
  /// An expression of unknown type over the tree node `node` (raw SQL).
  explicit Expr(sql::Expr node) : node_(std::move(node)) {}

  const sql::Expr& to_expr() const noexcept { return node_; }
  /// No node (a default-constructed Expr). Not `operator bool`: `!e` is SQL NOT.
  bool empty() const noexcept { return !node_; }
  /// The SQL type this expression yields, when known.
  const std::optional<SqlType>& type() const noexcept { return type_; }
  /// A condition (a comparison, &&, ||, !, a boolean column, raw SQL).
  bool is_condition() const noexcept;
  /// Its name in DynamicRow and json(): the column name ("manager.name"
  /// when reached through a foreign key), an alias; "" asks the driver.
  const std::string& key() const noexcept { return key_; }
  /// How messages name it: "band"."popularity", or "an expression".
  std::string describe() const;
  /// The column it is, when it is one (nullptr otherwise).
  const ColumnSchema* column_schema() const noexcept { return column_; }
  const std::shared_ptr<const quarry::Schema>& schema_holder() const noexcept { return schema_; }

  Expr as(std::string name) const;
  Expr is_null() const;
  Expr is_not_null() const;
  Expr like(const Literal& pattern) const;
  Expr not_like(const Literal& pattern) const;
  /// Case-insensitive LIKE (lower(a) LIKE lower(b) where ILIKE is missing).
  Expr ilike(const Literal& pattern) const;
  Expr not_ilike(const Literal& pattern) const;
  Expr between(const Literal& low, const Literal& high) const;
  Expr not_between(const Literal& low, const Literal& high) const;
  Expr in_(const std::vector<Literal>& values) const;
  Expr not_in(const std::vector<Literal>& values) const;
  Expr in_(const Select& query) const;
  Expr not_in(const Select& query) const;
  sql::OrderItem asc() const { return {node_, false}; }
  sql::OrderItem desc() const { return {node_, true}; }

  /// Checks `v` against this expression's type and converts it to what the
  /// column stores (canonical decimal, date text...). `writing`: a value to
  /// store (NULL only in a nullable column, varchar lengths enforced).
  /// Throws ValueError naming the column and the value.
  Value checked(const Literal& v, bool writing = false) const;

  // The parts, for the operators and builders in src/query/dynamic*.cpp.
  struct Parts {
    sql::Expr node;
    std::optional<SqlType> type;
    std::string key;
    const TableSchema* table = nullptr;    ///< with column: the table it belongs to
    const ColumnSchema* column = nullptr;  ///< the column it is, if it is one
    std::shared_ptr<const quarry::Schema> schema;
  };
  explicit Expr(Parts p)
      : node_(std::move(p.node)),
        type_(std::move(p.type)),
        key_(std::move(p.key)),
        table_(p.table),
        column_(p.column),
        schema_(std::move(p.schema)) {}
  const TableSchema* table_schema() const noexcept { return table_; }

 protected:
  sql::Expr node_;
  std::optional<SqlType> type_;
  std::string key_;
  const TableSchema* table_ = nullptr;
  const ColumnSchema* column_ = nullptr;
  std::shared_ptr<const quarry::Schema> schema_;
};

// Comparisons: with a Literal (checked against the column's type; `== nullptr`
// is IS NULL, `!= nullptr` IS NOT NULL) or with another expression of a
// comparable type.
Expr operator==(const Expr& l, const Literal& r);
Expr operator!=(const Expr& l, const Literal& r);
Expr operator<(const Expr& l, const Literal& r);
Expr operator<=(const Expr& l, const Literal& r);
Expr operator>(const Expr& l, const Literal& r);
Expr operator>=(const Expr& l, const Literal& r);
Expr operator==(const Literal& l, const Expr& r);
Expr operator!=(const Literal& l, const Expr& r);
Expr operator<(const Literal& l, const Expr& r);
Expr operator<=(const Literal& l, const Expr& r);
Expr operator>(const Literal& l, const Expr& r);
Expr operator>=(const Literal& l, const Expr& r);
Expr operator==(const Expr& l, const Expr& r);
Expr operator!=(const Expr& l, const Expr& r);
Expr operator<(const Expr& l, const Expr& r);
Expr operator<=(const Expr& l, const Expr& r);
Expr operator>(const Expr& l, const Expr& r);
Expr operator>=(const Expr& l, const Expr& r);
// Logic: the operands must be conditions.
Expr operator&&(const Expr& l, const Expr& r);
Expr operator||(const Expr& l, const Expr& r);
Expr operator!(const Expr& x);
// Arithmetic on numbers; `+` of text is concatenation (||).
Expr operator+(const Expr& l, const Literal& r);
Expr operator-(const Expr& l, const Literal& r);
Expr operator*(const Expr& l, const Literal& r);
Expr operator/(const Expr& l, const Literal& r);
Expr operator%(const Expr& l, const Literal& r);
Expr operator+(const Literal& l, const Expr& r);
Expr operator-(const Literal& l, const Expr& r);
Expr operator*(const Literal& l, const Expr& r);
Expr operator/(const Literal& l, const Expr& r);
Expr operator%(const Literal& l, const Expr& r);
Expr operator+(const Expr& l, const Expr& r);
Expr operator-(const Expr& l, const Expr& r);
Expr operator*(const Expr& l, const Expr& r);
Expr operator/(const Expr& l, const Expr& r);
Expr operator%(const Expr& l, const Expr& r);
Expr operator-(const Expr& x);

// Functions and aggregates (typed as the typed API types them: count is an
// integer, avg a double, sum of integers an integer, min/max their argument's).
Expr count();
Expr count(const Expr& x);
Expr count_distinct(const Expr& x);
Expr sum(const Expr& x);
Expr avg(const Expr& x);
Expr min(const Expr& x);
Expr max(const Expr& x);
Expr lower(const Expr& x);
Expr upper(const Expr& x);
Expr coalesce(const Expr& x, const Literal& fallback);
/// A constant, bound as a parameter.
Expr constant(const Literal& v);
/// A raw SQL fragment of unknown type (a condition when used as one); each
/// `?` is one of `params`, bound. The text is the caller's responsibility.
Expr raw(std::string sql_text, const std::vector<Literal>& params = {});

/// One column of a table (or of the table reached through a foreign key).
class Column : public Expr {
 public:
  const std::string& name() const noexcept { return column_->name; }
  const ColumnSchema& schema() const noexcept { return *column_; }
  /// The table it belongs to (with its foreign-key path, if any).
  Table table() const;
  /// The table this foreign-key column references, reached by a LEFT JOIN:
  /// band["manager"].follow()["name"] is the band's manager's name. Throws
  /// UsageError when the column is not (the single column of) a foreign key.
  Table follow() const;
  /// `excluded.column` in an upsert's do_update_set: the value proposed.
  Expr excluded() const;
  /// Converts text (a form field, a CLI argument) to a Literal of this
  /// column's type: "42" for an integer column, "true"/"f" for a boolean;
  /// other types take the text as it is (and check it when used). Throws
  /// ValueError when the text does not parse.
  Literal parse(std::string_view text) const;

 private:
  friend class Table;
  explicit Column(Parts p, const sql::JoinPath* path) : Expr(std::move(p)), path_(path) {}
  const sql::JoinPath* path_ = nullptr;
};

/// A table of a Schema, or the table a foreign key leads to.
class Table {
 public:
  /// `schema` is shared: the handle and every query built from it keep it alive.
  Table(std::shared_ptr<const quarry::Schema> schema, std::string_view name);
  /// Borrows `schema`: keep it alive as long as the handle and its queries.
  Table(const quarry::Schema& schema, std::string_view name);

  const std::string& name() const noexcept { return table_->name; }
  const TableSchema& schema() const noexcept { return *table_; }
  /// The column named `name`; throws UsageError naming the table and the
  /// closest existing column when there is none.
  Column column(std::string_view name) const;
  Column operator[](std::string_view name) const { return column(name); }
  /// Every column, in declaration order.
  std::vector<Column> columns() const;
  std::vector<Column> primary_key() const;
  /// The foreign-key traversal that reached this table, or nullptr.
  const sql::JoinPath* path() const noexcept { return path_; }
  const std::shared_ptr<const quarry::Schema>& schema_holder() const noexcept { return schema_; }

 private:
  friend class Column;
  Table(std::shared_ptr<const quarry::Schema> schema, const TableSchema* table,
        const sql::JoinPath* path)
      : schema_(std::move(schema)), table_(table), path_(path) {}
  std::shared_ptr<const quarry::Schema> schema_;
  const TableSchema* table_;
  const sql::JoinPath* path_ = nullptr;
};

/// The dynamic view of a Schema: schema.table("band").column("popularity") > 100.
class Schema {
 public:
  /// Shares `schema` with every handle and query made from it.
  explicit Schema(std::shared_ptr<const quarry::Schema> schema);
  /// Takes a copy of `schema`.
  explicit Schema(quarry::Schema schema);

  /// Throws UsageError naming the closest existing table when there is none.
  Table table(std::string_view name) const { return Table(schema_, name); }
  Table operator[](std::string_view name) const { return table(name); }
  const quarry::Schema& data() const noexcept { return *schema_; }

 private:
  std::shared_ptr<const quarry::Schema> schema_;
};

namespace detail {
/// What a query keeps to name and write its result columns.
struct ResultColumns {
  std::vector<std::string> keys;
  std::vector<std::optional<SqlType>> types;
  void add(const Expr& e);
};
}  // namespace detail

/// A SELECT over dynamic tables; results as DynamicRow or JSON.
class Select {
 public:
  Select();  ///< SELECT with no columns yet: use select(...)

  /// FROM this table (select() takes it from the first column otherwise).
  Select& from(const Table& table);
  Select& where(const Expr& condition);  ///< several where()s are ANDed
  Select& order_by(const Expr& e) { return order_by(e.asc()); }
  Select& order_by(sql::OrderItem item);
  Select& group_by(const Expr& e);
  Select& having(const Expr& condition);
  Select& limit(std::int64_t n);
  Select& offset(std::int64_t n);
  Select& distinct();
  Select& join(const Table& table, const Expr& on);
  Select& left_join(const Table& table, const Expr& on);

  const sql::SelectStmt& statement() const noexcept { return *stmt_; }
  std::shared_ptr<const sql::SelectStmt> shared_statement() const { return stmt_; }
  sql::CompiledSql compile(const sql::Dialect& d = sql::sqlite_dialect()) const {
    return sql::compile(d, *stmt_);
  }
  /// The SQL with its bound values: `SELECT ... WHERE "band"."id" = ?  [3]`.
  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const {
    return compile(d).display();
  }
  /// The result's column names, as DynamicRow and json() name them.
  std::vector<std::string> keys() const;

  Task<std::vector<DynamicRow>> run(Session& s) const;
  std::vector<DynamicRow> run_sync(Session& s) const;
  /// The first row, or nullopt (adds LIMIT 1).
  Task<std::optional<DynamicRow>> first(Session& s) const;
  std::optional<DynamicRow> first_sync(Session& s) const;
  /// A JSON array of objects, written from the driver's buffers (the typed
  /// API's json() for the same query writes the same text).
  Task<std::string> json(Session& s) const;
  std::string json_sync(Session& s) const;
  /// SELECT count(*) of this query's rows.
  Task<std::int64_t> count(Session& s) const;
  std::int64_t count_sync(Session& s) const;
  Task<bool> exists(Session& s) const;
  bool exists_sync(Session& s) const;

 private:
  friend Select select(const Table& table);
  friend Select select(const std::vector<Expr>& items);
  sql::SelectStmt& mut();
  void keep(const std::shared_ptr<const quarry::Schema>& schema);

  std::shared_ptr<sql::SelectStmt> stmt_;
  detail::ResultColumns result_;
  std::vector<std::shared_ptr<const quarry::Schema>> schemas_;
};

/// Every column of `table` (through its foreign-key path, if it has one).
Select select(const Table& table);
/// These columns and expressions; FROM is the table of the first column.
Select select(const std::vector<Expr>& items);

/// Column name → value, for insert(...).values(...): {{"name", "x"}, {"popularity", 5}}.
using Values = std::vector<std::pair<std::string, Literal>>;

/// A write with RETURNING: run() yields the written rows as DynamicRow,
/// json() as JSON, both named as a select() of the same items would be.
class Returning {
 public:
  using Compile = std::function<sql::CompiledSql(const sql::Dialect&)>;
  /// `refusal`: why run() must not run it (an update without where()), or "".
  Returning(Compile compile, detail::ResultColumns result,
            std::shared_ptr<const quarry::Schema> schema, std::string refusal = {});

  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const {
    return compile_(d).display();
  }
  Task<std::vector<DynamicRow>> run(Session& s) const;
  std::vector<DynamicRow> run_sync(Session& s) const;
  Task<std::string> json(Session& s) const;
  std::string json_sync(Session& s) const;

 private:
  void check() const;
  Compile compile_;
  detail::ResultColumns result_;
  std::shared_ptr<const quarry::Schema> schema_;
  std::string refusal_;
};

/// INSERT of rows given as column → value, each checked against the
/// table's columns; upserts with on_conflict(...).
class Insert {
 public:
  explicit Insert(const Table& table);

  /// One row; call again (or use rows()) for more. Every row must give the
  /// same columns. values({}) inserts DEFAULT VALUES.
  Insert& values(const Values& row);
  Insert& rows(const std::vector<Values>& rows);
  /// ON CONFLICT (columns): follow with do_nothing() or do_update...().
  Insert& on_conflict(const std::vector<std::string>& columns);
  Insert& do_nothing();
  /// DO UPDATE SET each column = excluded.column.
  Insert& do_update(const std::vector<std::string>& columns);
  /// DO UPDATE SET column = value, or = expression (use Column::excluded()).
  Insert& do_update_set(std::string_view column, const Literal& value);
  Insert& do_update_set(std::string_view column, const Expr& value);

  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const;
  /// Runs it; last_insert_id is the generated key of the last row.
  Task<ExecResult> run(Session& s) const;
  ExecResult run_sync(Session& s) const;
  /// RETURNING items (columns, expressions).
  Returning returning(const std::vector<Expr>& items) const;

 private:
  sql::InsertStmt statement() const;
  void check() const;
  Table table_;
  std::vector<const ColumnSchema*> columns_;  // of every row, in order
  std::vector<std::vector<Value>> rows_;
  std::vector<std::vector<sql::Expr>> exprs_;
  std::optional<sql::OnConflict> on_conflict_;
  bool given_ = false;  // values() or rows() was called
};

/// UPDATE ... SET ... WHERE: set-based, one statement. Without where() it
/// runs only after all_rows().
class Update {
 public:
  explicit Update(const Table& table);
  Update& set(std::string_view column, const Literal& value);
  /// SET column = expression (band["popularity"] + 10).
  Update& set(std::string_view column, const Expr& value);
  Update& where(const Expr& condition);
  Update& all_rows();

  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const;
  Task<ExecResult> run(Session& s) const;
  ExecResult run_sync(Session& s) const;
  Returning returning(const std::vector<Expr>& items) const;

 private:
  void check() const;
  Table table_;
  sql::UpdateStmt stmt_;
  bool all_rows_ = false;
};

/// DELETE ... WHERE; without where() it runs only after all_rows().
class Delete {
 public:
  explicit Delete(const Table& table);
  Delete& where(const Expr& condition);
  Delete& all_rows();

  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const;
  Task<ExecResult> run(Session& s) const;
  ExecResult run_sync(Session& s) const;
  Returning returning(const std::vector<Expr>& items) const;

 private:
  void check() const;
  Table table_;
  sql::DeleteStmt stmt_;
  bool all_rows_ = false;
};

inline Insert insert(const Table& table) {
  return Insert(table);
}
inline Update update(const Table& table) {
  return Update(table);
}
inline Delete delete_from(const Table& table) {
  return Delete(table);
}

}  // namespace quarry::dyn
