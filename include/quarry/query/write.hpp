// insert / update / delete_from: the typed write statements. Updates are
// set-based (one statement, no rows loaded); an update or delete without a
// where() must say .all_rows(); inserts of row structs prepare one statement
// and bind each struct's members directly (the executemany path).
#pragma once

#include <exception>
#include <memory>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <quarry/driver/database.hpp>
#include <quarry/error.hpp>
#include <quarry/query/select.hpp>

namespace quarry {

namespace detail {

Task<ExecResult> run_statement(Session& s, sql::CompiledSql compiled);
ExecResult run_statement_sync(Session& s, const sql::CompiledSql& compiled);
[[noreturn]] void throw_missing_where(std::string_view verb, std::string_view table);

/// The values an insert proposed for each column, row by row.
using ProposedRows = std::vector<std::vector<std::pair<std::string_view, Value>>>;
/// SQLite reports only "FOREIGN KEY constraint failed". Finds which key of
/// `table` the proposed rows break (one lookup per key and row, on the error
/// path only) and throws a ForeignKeyViolation naming the constraint, column
/// and value; rethrows `original` when it cannot tell.
[[noreturn]] void explain_foreign_key_violation(Session& s, const TableSchema& table,
                                                const ProposedRows& rows,
                                                const ForeignKeyViolation& original);

/// What a write with RETURNING runs: `compiled` once as it is, or (for row
/// structs) once per entry of `rows`, each holding the values of the
/// statement's param slots, all in one transaction; nothing when
/// `compiled.sql` is empty (no rows to insert).
struct ReturningPlan {
  sql::CompiledSql compiled;
  std::vector<std::vector<Value>> rows;
};
Task<void> run_returning(Session& s, const ReturningPlan& plan, RowSink& sink);
void run_returning_sync(Session& s, const ReturningPlan& plan, RowSink& sink);
/// The plan's first statement with its values, for display.
std::string returning_display(const ReturningPlan& plan);

}  // namespace detail

/// `excluded.column` in an upsert's do_update: the value that was proposed.
template <class Table, class T, class Tag>
TypedExpr<T> excluded(const Column<Table, T, Tag>& c) {
  return TypedExpr<T>(
      sql::column("excluded", c.name(), nullptr, std::is_same_v<unwrap_optional_t<T>, Decimal>));
}

/// A write with RETURNING: insert(...), update(...) or delete_from(...) with
/// .returning(items...). run() yields the rows the statement wrote, decoded
/// as a select() of the same items would decode them (one item's type, or a
/// tuple; a table object gives its row struct).
template <class Write, class... R>
class Returning {
 public:
  using row_type = std::conditional_t<sizeof...(R) == 1, std::tuple_element_t<0, std::tuple<R...>>,
                                      std::tuple<R...>>;

  Returning(Write write, std::vector<sql::Expr> items)
      : write_(std::move(write)), items_(std::move(items)) {}

  /// The SQL with its values (for row structs: the first row's statement).
  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const {
    return detail::returning_display(write_.returning_plan(d, items_));
  }
  /// The written rows. Row structs given to insert(...).rows() are read now;
  /// keep them alive until the await ends all the same (a foreign-key
  /// failure is explained from them).
  Task<std::vector<row_type>> run(Session& s) const {
    write_.check();
    detail::ReturningPlan plan = write_.returning_plan(s.dialect(), items_);
    return run_async(s, write_, std::move(plan));
  }
  std::vector<row_type> run_sync(Session& s) const {
    write_.check();
    detail::ReturningPlan plan = write_.returning_plan(s.dialect(), items_);
    std::vector<row_type> rows;
    detail::RowsSink sink(rows, &detail::append_row<row_type, R...>);
    try {
      detail::run_returning_sync(s, plan, sink);
    } catch (const ForeignKeyViolation& e) {
      write_.explain_violation(s, e);
    }
    return rows;
  }

 private:
  static Task<std::vector<row_type>> run_async(Session& s, Write write,
                                               detail::ReturningPlan plan) {
    std::vector<row_type> rows;
    detail::RowsSink sink(rows, &detail::append_row<row_type, R...>);
    std::exception_ptr failure;
    try {
      co_await detail::run_returning(s, plan, sink);
      co_return rows;
    } catch (const ForeignKeyViolation&) {
      failure = std::current_exception();
    }
    try {
      std::rethrow_exception(failure);
    } catch (const ForeignKeyViolation& e) {
      write.explain_violation(s, e);  // error path only: the lookups run synchronously
    }
  }

  Write write_;
  std::vector<sql::Expr> items_;
};

namespace detail {
template <class Write, class... X>
auto make_returning(const Write& write, const X&... items) {
  static_assert(sizeof...(X) > 0,
                "quarry: returning() needs at least one column, expression or table");
  SelectParts parts;
  (add_select_item(parts, items), ...);
  return Returning<Write, typename select_result<X>::type...>(write,
                                                              std::move(parts.stmt->columns));
}
}  // namespace detail

namespace detail {

/// The non-template body of Insert<Table>: the statement, the row structs
/// seen through ModelInfo (their members visited, not named), and the run,
/// compiled once in src/query/write.cpp for every table.
class InsertBase {
 public:
  /// The SQL of one row's statement, with its values.
  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const;
  /// Runs the insert; last_insert_id is the new key of the last row.
  Task<ExecResult> run(Session& s) const;
  ExecResult run_sync(Session& s) const;

 protected:
  template <class W, class... R>
  friend class ::quarry::Returning;

  // Out of line, as UpdateBase's: inline, each Insert<Table> would emit the
  // statement's constructors and destructors.
  InsertBase(const ModelInfo& model, std::size_t row_size);
  InsertBase(const InsertBase&);
  InsertBase(InsertBase&&) noexcept;
  InsertBase& operator=(const InsertBase&);
  InsertBase& operator=(InsertBase&&) noexcept;
  ~InsertBase();
  // Row structs: `owned` keeps them alive when the insert holds a copy.
  void set_rows(std::shared_ptr<const void> owned, const void* rows, std::size_t count) noexcept {
    owned_ = std::move(owned);
    rows_ = static_cast<const unsigned char*>(rows);
    count_ = count;
    structs_ = true;
  }
  /// Row structs the caller keeps alive; out of line, so that the
  /// translation unit makes no std::shared_ptr (set_rows' owner) per insert.
  void borrow_rows(const void* rows, std::size_t count) noexcept;
  void add_value(std::string_view column, sql::Expr value);
  sql::OnConflict& conflict() {
    if (!stmt_.on_conflict) stmt_.on_conflict.emplace();
    return *stmt_.on_conflict;
  }

  ReturningPlan returning_plan(const sql::Dialect& d, const std::vector<sql::Expr>& items) const;
  [[noreturn]] void explain_violation(Session& s, const ForeignKeyViolation& e) const;
  void check() const {}

  sql::InsertStmt stmt_;

 private:
  static Task<ExecResult> run_async(Session& s, InsertBase self);
  const void* row_at(std::size_t n) const noexcept { return rows_ + n * row_size_; }
  bool no_rows() const noexcept { return structs_ && count_ == 0 && stmt_.rows.empty(); }
  bool by_columns() const noexcept { return !stmt_.rows.empty() || count_ == 0; }
  std::vector<bool> included_columns() const;
  std::vector<bool> auto_key_columns() const;
  sql::InsertStmt batch_statement(const sql::Dialect& d, const std::vector<bool>& included) const;
  bool some_key_unassigned(std::size_t column) const;
  std::vector<Value> row_values(const void* row, const std::vector<bool>& included) const;
  sql::CompiledSql compile_one(const sql::Dialect& d) const;
  ProposedRows proposed_rows() const;

  const ModelInfo* model_;
  std::size_t row_size_;
  std::shared_ptr<const void> owned_;
  const unsigned char* rows_ = nullptr;
  std::size_t count_ = 0;
  bool structs_ = false;  // values() or rows() was given: no rows means nothing to insert
};

}  // namespace detail

template <TableObject Table>
class Insert : public detail::InsertBase {
 public:
  using Row = typename Table::row_type;

  // The special members forward to InsertBase's out-of-line ones:
  // always_inline keeps them from being emitted per table at -O0.
  [[gnu::always_inline]] Insert() : InsertBase(detail::model_info<Table>, sizeof(Row)) {}
  [[gnu::always_inline]] Insert(const Insert&) = default;
  [[gnu::always_inline]] Insert(Insert&&) noexcept = default;
  Insert& operator=(const Insert&) = default;
  Insert& operator=(Insert&&) noexcept = default;
  [[gnu::always_inline]] ~Insert() = default;

  /// One row struct (copied).
  Insert& values(const Row& row) {
    auto owned = std::make_shared<const Row>(row);
    const Row* p = owned.get();
    set_rows(std::move(owned), p, 1);
    return *this;
  }
  /// Many row structs, read when the query runs: keep them alive until then.
  Insert& rows(std::span<const Row> rows) {
    borrow_rows(rows.data(), rows.size());
    return *this;
  }
  /// The same for a vector, without making a span of it: fewer functions
  /// for an unoptimised translation unit to emit per row type. A template,
  /// so that a braced list (a temporary vector) does not convert to it.
  template <class Alloc>
  [[gnu::always_inline]] Insert& rows(const std::vector<Row, Alloc>& rows) {
    borrow_rows(rows.data(), rows.size());
    return *this;
  }
  /// Column by column: insert(band).set(band.name, "x").set(band.popularity, 5).
  template <class C, class V>
  Insert& set(const C& column, const V& value) {
    static_assert(detail::comparable<detail::operand_t<C>, detail::operand_t<V>>(),
                  "quarry: the value does not have the column's SQL type");
    add_value(column.name(), detail::to_expr(value));
    return *this;
  }
  /// ON CONFLICT (columns...): follow with do_nothing() or do_update(...).
  template <class... C>
  Insert& on_conflict(const C&... columns) {
    stmt_.on_conflict.emplace();
    (stmt_.on_conflict->target.push_back(columns.name()), ...);
    return *this;
  }
  Insert& do_nothing() {
    conflict().action = sql::OnConflict::Action::do_nothing;
    return *this;
  }
  /// DO UPDATE SET each column = excluded.column.
  template <class... C>
  Insert& do_update(const C&... columns) {
    conflict().action = sql::OnConflict::Action::do_update;
    (conflict().set.push_back({columns.name(), sql::column("excluded", columns.name())}), ...);
    return *this;
  }
  /// DO UPDATE SET column = expression (band.popularity + excluded(band.popularity)).
  template <class C, class V>
  Insert& do_update_set(const C& column, const V& value) {
    static_assert(detail::comparable<detail::operand_t<C>, detail::operand_t<V>>(),
                  "quarry: the value does not have the column's SQL type");
    conflict().action = sql::OnConflict::Action::do_update;
    conflict().set.push_back({column.name(), detail::to_expr(value)});
    return *this;
  }

  /// RETURNING items... (columns, expressions, or the table for whole row
  /// structs): run() then yields one typed row per row written, such as the
  /// new keys: insert(band).values(b).returning(band.id, band.name). A row
  /// that on_conflict(...).do_nothing() skips returns nothing; one that
  /// do_update(...) updates returns its updated values. SQL does not promise
  /// the order of the returned rows of one multi-row statement; row structs
  /// are inserted one statement each (in one transaction), in order.
  template <class... X>
  auto returning(const X&... items) const {
    return detail::make_returning(*this, items...);
  }
};

namespace detail {

/// The non-template body of Update<Table> and Delete<Table>: the statement,
/// its SQL and the run, compiled once in src/query/write.cpp for every table.
class UpdateBase {
 public:
  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const;
  Task<ExecResult> run(Session& s) const;
  ExecResult run_sync(Session& s) const;

 protected:
  template <class W, class... R>
  friend class ::quarry::Returning;

  explicit UpdateBase(std::string_view table);
  UpdateBase(const UpdateBase&);
  UpdateBase(UpdateBase&&) noexcept;
  UpdateBase& operator=(const UpdateBase&);
  UpdateBase& operator=(UpdateBase&&) noexcept;
  ~UpdateBase();

  /// Throws UsageError when there is neither where() nor all_rows().
  void check() const;
  void add_set(std::string_view column, sql::Expr value);
  void add_where(const sql::Expr& condition);  // by reference: see select_where
  ReturningPlan returning_plan(const sql::Dialect& d, const std::vector<sql::Expr>& items) const;
  [[noreturn]] void explain_violation(Session&, const ForeignKeyViolation&) const;

  sql::UpdateStmt stmt_;
  bool all_rows_ = false;
};

class DeleteBase {
 public:
  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const;
  Task<ExecResult> run(Session& s) const;
  ExecResult run_sync(Session& s) const;

 protected:
  template <class W, class... R>
  friend class ::quarry::Returning;

  explicit DeleteBase(std::string_view table);
  DeleteBase(const DeleteBase&);
  DeleteBase(DeleteBase&&) noexcept;
  DeleteBase& operator=(const DeleteBase&);
  DeleteBase& operator=(DeleteBase&&) noexcept;
  ~DeleteBase();

  /// Throws UsageError when there is neither where() nor all_rows().
  void check() const;
  void add_where(const sql::Expr& condition);  // by reference: see select_where
  ReturningPlan returning_plan(const sql::Dialect& d, const std::vector<sql::Expr>& items) const;
  [[noreturn]] void explain_violation(Session&, const ForeignKeyViolation&) const;

  sql::DeleteStmt stmt_;
  bool all_rows_ = false;
};

}  // namespace detail

template <TableObject Table>
class Update : public detail::UpdateBase {
 public:
  // Forward to UpdateBase's out-of-line special members (see Insert).
  [[gnu::always_inline]] Update() : UpdateBase(Table::sql_name) {}
  [[gnu::always_inline]] Update(const Update&) = default;
  [[gnu::always_inline]] Update(Update&&) noexcept = default;
  Update& operator=(const Update&) = default;
  Update& operator=(Update&&) noexcept = default;
  [[gnu::always_inline]] ~Update() = default;

  /// SET column = value or expression (band.popularity + 10): one statement.
  template <class C, class V>
  Update& set(const C& column, const V& value) {
    static_assert(detail::comparable<detail::operand_t<C>, detail::operand_t<V>>(),
                  "quarry: the value does not have the column's SQL type");
    add_set(column.name(), detail::to_expr(value));
    return *this;
  }
  /// SET by column name, for the dynamic API and objects(); the name must be
  /// a column of the table (the statement fails otherwise).
  Update& set_value(std::string_view column, sql::Expr value) {
    add_set(column, std::move(value));
    return *this;
  }
  template <detail::Expression C>
  [[gnu::always_inline]] Update& where(const C& condition) {
    static_assert(detail::is_bool_operand<C>(),
                  "quarry: where() takes a condition (a boolean expression)");
    add_where(condition.to_expr());
    return *this;
  }
  /// Allows an update without where(): every row.
  Update& all_rows() {
    all_rows_ = true;
    return *this;
  }
  /// RETURNING items...: run() then yields the updated rows' new values.
  template <class... X>
  auto returning(const X&... items) const {
    return detail::make_returning(*this, items...);
  }
};

template <TableObject Table>
class Delete : public detail::DeleteBase {
 public:
  // Forward to DeleteBase's out-of-line special members (see Insert).
  [[gnu::always_inline]] Delete() : DeleteBase(Table::sql_name) {}
  [[gnu::always_inline]] Delete(const Delete&) = default;
  [[gnu::always_inline]] Delete(Delete&&) noexcept = default;
  Delete& operator=(const Delete&) = default;
  Delete& operator=(Delete&&) noexcept = default;
  [[gnu::always_inline]] ~Delete() = default;
  template <detail::Expression C>
  [[gnu::always_inline]] Delete& where(const C& condition) {
    static_assert(detail::is_bool_operand<C>(),
                  "quarry: where() takes a condition (a boolean expression)");
    add_where(condition.to_expr());
    return *this;
  }
  /// Allows a delete without where(): every row.
  Delete& all_rows() {
    all_rows_ = true;
    return *this;
  }
  /// RETURNING items...: run() then yields the deleted rows.
  template <class... X>
  auto returning(const X&... items) const {
    return detail::make_returning(*this, items...);
  }
};

namespace detail {
template <class T>
constexpr bool read_only = quarry_read_only(static_cast<const T*>(nullptr));
}

template <TableObject T>
[[gnu::always_inline]] inline Insert<std::remove_cvref_t<T>> insert(const T&) {
  static_assert(!detail::read_only<std::remove_cvref_t<T>>,
                "quarry: this model is a view (QUARRY_VIEW), which is read-only");
  return {};
}
template <TableObject T>
[[gnu::always_inline]] inline Update<std::remove_cvref_t<T>> update(const T&) {
  static_assert(!detail::read_only<std::remove_cvref_t<T>>,
                "quarry: this model is a view (QUARRY_VIEW), which is read-only");
  return {};
}
template <TableObject T>
[[gnu::always_inline]] inline Delete<std::remove_cvref_t<T>> delete_from(const T&) {
  static_assert(!detail::read_only<std::remove_cvref_t<T>>,
                "quarry: this model is a view (QUARRY_VIEW), which is read-only");
  return {};
}

}  // namespace quarry
