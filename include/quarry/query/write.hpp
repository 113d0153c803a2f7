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

/// Calls f(index, name, member pointer) for each column of a model table.
template <class Table, class F>
void for_each_column(F&& f) {
  constexpr auto members = Table::quarry_members();
  constexpr std::size_t n = std::tuple_size_v<decltype(members)> - 1;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (f(I, Table::quarry_column_names[I], std::get<I>(members)), ...);
  }
  (std::make_index_sequence<n>{});
}

/// An integer auto-increment key of 0 means "let the database assign one".
template <class V>
bool is_unassigned_key(const V& v) {
  if constexpr (std::is_integral_v<V>) {
    return v == 0;
  } else {
    return false;
  }
}

/// Which columns of a model table are auto-increment keys.
template <class Table>
std::vector<bool> auto_key_columns() {
  const TableSchema& schema = Table::quarry_schema();
  std::vector<bool> out(Table::quarry_column_names.size(), false);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const ColumnSchema* c = schema.find_column(Table::quarry_column_names[i]);
    out[i] = c && c->auto_increment;
  }
  return out;
}

/// Binds each row struct into the compiled batch statement: the member of
/// the k-th included column into param slot k, and the statement's own
/// values (an upsert's do_update_set) as compiled. An auto-increment key
/// left at 0 is bound as NULL, which asks the database for a new key (the
/// key column is included when other rows give theirs; see
/// Dialect::assign_key_sql).
template <class Table>
class ModelBatch final : public BatchSource {
 public:
  using Row = typename Table::row_type;
  ModelBatch(std::span<const Row> rows, const std::vector<bool>& included,
             const sql::CompiledSql& compiled)
      : rows_(rows),
        included_(included),
        auto_keys_(auto_key_columns<Table>()),
        compiled_(compiled) {
    std::vector<bool> is_slot(compiled.params.size(), false);
    slot_param_.assign(compiled.params.size(), 0);
    for (const auto& s : compiled.slots) {
      slot_param_[static_cast<std::size_t>(s.slot)] = s.param_index;
      is_slot[s.param_index] = true;
    }
    for (std::size_t j = 0; j < is_slot.size(); ++j) {
      if (!is_slot[j]) fixed_.push_back(j);
    }
  }
  std::size_t size() const override { return rows_.size(); }
  void bind(std::size_t r, ParamWriter& w) override {
    const Row& row = rows_[r];
    std::size_t k = 0;
    for_each_column<Table>([&](std::size_t i, std::string_view, auto member) {
      if (!included_[i]) return;
      std::size_t p = slot_param_[k++];
      if (auto_keys_[i] && is_unassigned_key(row.*member)) {
        w.bind_null(p);
      } else {
        bind_value(w, p, row.*member);
      }
    });
    for (std::size_t j : fixed_) w.bind(j, compiled_.params[j]);
  }

 private:
  std::span<const Row> rows_;
  const std::vector<bool>& included_;
  std::vector<bool> auto_keys_;
  const sql::CompiledSql& compiled_;
  std::vector<std::size_t> slot_param_;  // param index of each slot
  std::vector<std::size_t> fixed_;       // param indexes bound to compiled values
};

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
    detail::RowsSink<row_type, R...> sink(rows);
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
    detail::RowsSink<row_type, R...> sink(rows);
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
  (SelectItem<X>::add(parts, items), ...);
  return Returning<Write, typename SelectItem<X>::result...>(write, std::move(parts.stmt->columns));
}
}  // namespace detail

template <TableObject Table>
class Insert {
 public:
  using Row = typename Table::row_type;

  Insert() {
    stmt_.table = Table::sql_name;
    stmt_.generated_key = Table::quarry_schema().generated_key();
  }

  /// One row struct (copied).
  Insert& values(const Row& row) {
    owned_ = std::make_shared<const std::vector<Row>>(std::vector<Row>{row});
    rows_ = *owned_;
    structs_ = true;
    return *this;
  }
  /// Many row structs, read when the query runs: keep them alive until then.
  Insert& rows(std::span<const Row> rows) {
    owned_.reset();
    rows_ = rows;
    structs_ = true;
    return *this;
  }
  /// Column by column: insert(band).set(band.name, "x").set(band.popularity, 5).
  template <class C, class V>
  Insert& set(const C& column, const V& value) {
    static_assert(detail::comparable<detail::operand_t<C>, detail::operand_t<V>>(),
                  "quarry: the value does not have the column's SQL type");
    stmt_.columns.push_back(column.name());
    if (stmt_.rows.empty()) stmt_.rows.emplace_back();
    stmt_.rows[0].push_back(detail::to_expr(value));
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

  /// The SQL of one row's statement, with its values.
  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const {
    return compile_one(d).display();
  }

  /// Runs the insert; last_insert_id is the new key of the last row.
  Task<ExecResult> run(Session& s) const { return run_async(s, *this); }
  ExecResult run_sync(Session& s) const {
    if (no_rows()) return {};
    try {
      if (!stmt_.rows.empty() || rows_.empty()) {
        return detail::run_statement_sync(s, sql::compile(s.dialect(), stmt_));
      }
      std::vector<bool> included = included_columns();
      sql::CompiledSql compiled = sql::compile(s.dialect(), batch_statement(s.dialect(), included));
      detail::ModelBatch<Table> batch(rows_, included, compiled);
      return s.execute_batch_sync(compiled.sql, batch);
    } catch (const ForeignKeyViolation& e) {
      detail::explain_foreign_key_violation(s, Table::quarry_schema(), proposed_rows(), e);
    }
  }

 private:
  template <class W, class... R>
  friend class Returning;

  detail::ReturningPlan returning_plan(const sql::Dialect& d,
                                       const std::vector<sql::Expr>& items) const {
    detail::ReturningPlan plan;
    if (no_rows()) return plan;  // no SQL: nothing runs
    if (!stmt_.rows.empty() || rows_.empty()) {
      sql::InsertStmt one = stmt_;
      one.returning = items;
      plan.compiled = sql::compile(d, one);
      return plan;
    }
    std::vector<bool> included = included_columns();
    sql::InsertStmt one = batch_statement(d, included);
    one.returning = items;
    plan.compiled = sql::compile(d, one);
    plan.rows.reserve(rows_.size());
    for (const Row& row : rows_) plan.rows.push_back(row_values(row, included));
    return plan;
  }
  [[noreturn]] void explain_violation(Session& s, const ForeignKeyViolation& e) const {
    detail::explain_foreign_key_violation(s, Table::quarry_schema(), proposed_rows(), e);
  }
  void check() const {}
  // rows() of an empty range: not one row to insert (and not DEFAULT VALUES).
  bool no_rows() const { return structs_ && rows_.empty() && stmt_.rows.empty(); }
  sql::OnConflict& conflict() {
    if (!stmt_.on_conflict) stmt_.on_conflict.emplace();
    return *stmt_.on_conflict;
  }
  // An auto-increment key left at 0 in every row is left to the database.
  std::vector<bool> included_columns() const {
    std::vector<bool> included(Table::quarry_column_names.size(), true);
    const TableSchema& schema = Table::quarry_schema();
    detail::for_each_column<Table>([&](std::size_t i, std::string_view name, auto member) {
      const ColumnSchema* c = schema.find_column(name);
      if (!c || !c->auto_increment) return;
      bool all_zero = true;
      for (const Row& row : rows_) {
        if constexpr (std::is_integral_v<std::remove_cvref_t<decltype(row.*member)>>) {
          if (row.*member != 0) all_zero = false;
        }
      }
      included[i] = !all_zero;
    });
    return included;
  }
  // The statement for row structs: the included columns, each value a
  // param slot (slot k: the k-th included column). A key column included
  // for some rows' explicit keys takes NULL in the others: a new key where
  // NULL asks for one (SQLite), else coalesce(key, the dialect's next key).
  sql::InsertStmt batch_statement(const sql::Dialect& d, const std::vector<bool>& included) const {
    sql::InsertStmt one = stmt_;
    one.columns.clear();
    one.rows.assign(1, {});
    std::vector<bool> auto_keys = detail::auto_key_columns<Table>();
    int slot = 0;
    for (std::size_t i = 0; i < included.size(); ++i) {
      if (!included[i]) continue;
      one.columns.push_back(Table::quarry_column_names[i]);
      sql::Expr value = sql::parameter(slot++);
      if (auto_keys[i] && !d.assign_key_sql.empty() && some_key_unassigned(i)) {
        std::string table;
        d.quote_identifier(table, Table::sql_name);
        value = sql::function(
            "coalesce", {value, sql::raw(std::string(d.assign_key_sql),
                                         {Value(std::move(table)),
                                          Value(std::string(Table::quarry_column_names[i]))})});
      }
      one.rows[0].push_back(std::move(value));
    }
    return one;
  }
  bool some_key_unassigned(std::size_t column) const {
    bool found = false;
    detail::for_each_column<Table>([&](std::size_t i, std::string_view, auto member) {
      if (i != column) return;
      for (const Row& row : rows_) found = found || detail::is_unassigned_key(row.*member);
    });
    return found;
  }
  // The values of one row struct's included columns (NULL for a key left at 0).
  static std::vector<Value> row_values(const Row& row, const std::vector<bool>& included) {
    std::vector<bool> auto_keys = detail::auto_key_columns<Table>();
    std::vector<Value> values;
    detail::for_each_column<Table>([&](std::size_t i, std::string_view, auto member) {
      if (!included[i]) return;
      if (auto_keys[i] && detail::is_unassigned_key(row.*member)) {
        values.emplace_back();
      } else {
        values.push_back(detail::to_value(row.*member));
      }
    });
    return values;
  }
  sql::CompiledSql compile_one(const sql::Dialect& d) const {
    if (!stmt_.rows.empty() || rows_.empty()) return sql::compile(d, stmt_);
    std::vector<bool> included = included_columns();
    sql::CompiledSql compiled = sql::compile(d, batch_statement(d, included));
    std::vector<Value> values = row_values(rows_[0], included);
    for (const auto& slot : compiled.slots) {
      compiled.params[slot.param_index] = values[static_cast<std::size_t>(slot.slot)];
    }
    compiled.slots.clear();
    return compiled;
  }
  static Task<ExecResult> run_async(Session& s, Insert self) {
    if (self.no_rows()) co_return ExecResult{};
    std::exception_ptr failure;
    try {
      if (!self.stmt_.rows.empty() || self.rows_.empty()) {
        co_return co_await detail::run_statement(s, sql::compile(s.dialect(), self.stmt_));
      }
      std::vector<bool> included = self.included_columns();
      sql::CompiledSql compiled =
          sql::compile(s.dialect(), self.batch_statement(s.dialect(), included));
      detail::ModelBatch<Table> batch(self.rows_, included, compiled);
      co_return co_await s.execute_batch(compiled.sql, batch);
    } catch (const ForeignKeyViolation&) {
      failure = std::current_exception();
    }
    try {
      std::rethrow_exception(failure);
    } catch (const ForeignKeyViolation& e) {
      // Error path only: the lookups run synchronously.
      detail::explain_foreign_key_violation(s, Table::quarry_schema(), self.proposed_rows(), e);
    }
  }
  // What each row proposed, for explaining a foreign-key failure (the first
  // 1,000 rows at most: enough to find the culprit in practice).
  detail::ProposedRows proposed_rows() const {
    detail::ProposedRows out;
    if (!stmt_.rows.empty()) {
      for (const auto& row : stmt_.rows) {
        auto& r = out.emplace_back();
        for (std::size_t i = 0; i < row.size() && i < stmt_.columns.size(); ++i) {
          if (const auto* v = std::get_if<sql::ValueNode>(&row[i].node())) {
            r.emplace_back(stmt_.columns[i], v->value);
          }
        }
      }
      return out;
    }
    for (std::size_t n = 0; n < rows_.size() && n < 1000; ++n) {
      auto& r = out.emplace_back();
      detail::for_each_column<Table>([&](std::size_t, std::string_view name, auto member) {
        r.emplace_back(name, detail::to_value(rows_[n].*member));
      });
    }
    return out;
  }

  sql::InsertStmt stmt_;
  std::shared_ptr<const std::vector<Row>> owned_;
  std::span<const Row> rows_;
  bool structs_ = false;  // values() or rows() was given: no rows means nothing to insert
};

template <TableObject Table>
class Update {
 public:
  Update() { stmt_.table = Table::sql_name; }

  /// SET column = value or expression (band.popularity + 10): one statement.
  template <class C, class V>
  Update& set(const C& column, const V& value) {
    static_assert(detail::comparable<detail::operand_t<C>, detail::operand_t<V>>(),
                  "quarry: the value does not have the column's SQL type");
    stmt_.set.push_back({column.name(), detail::to_expr(value)});
    return *this;
  }
  /// SET by column name, for the dynamic API and objects(); the name must be
  /// a column of the table (the statement fails otherwise).
  Update& set_value(std::string_view column, sql::Expr value) {
    stmt_.set.push_back({column, std::move(value)});
    return *this;
  }
  template <detail::Expression C>
  Update& where(const C& condition) {
    static_assert(detail::is_bool_operand<C>(),
                  "quarry: where() takes a condition (a boolean expression)");
    stmt_.where = stmt_.where
                      ? sql::binary(sql::BinaryOp::logical_and, stmt_.where, condition.to_expr())
                      : condition.to_expr();
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
  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const {
    return sql::compile(d, stmt_).display();
  }
  Task<ExecResult> run(Session& s) const {
    check();
    return detail::run_statement(s, sql::compile(s.dialect(), stmt_));
  }
  ExecResult run_sync(Session& s) const {
    check();
    return detail::run_statement_sync(s, sql::compile(s.dialect(), stmt_));
  }

 private:
  template <class W, class... R>
  friend class Returning;

  void check() const {
    if (!stmt_.where && !all_rows_) detail::throw_missing_where("update", Table::sql_name);
  }
  detail::ReturningPlan returning_plan(const sql::Dialect& d,
                                       const std::vector<sql::Expr>& items) const {
    sql::UpdateStmt with = stmt_;
    with.returning = items;
    return {sql::compile(d, with), {}};
  }
  [[noreturn]] void explain_violation(Session&, const ForeignKeyViolation&) const {
    throw;  // called while the violation is being handled: rethrows it as it is
  }
  sql::UpdateStmt stmt_;
  bool all_rows_ = false;
};

template <TableObject Table>
class Delete {
 public:
  Delete() { stmt_.table = Table::sql_name; }
  template <detail::Expression C>
  Delete& where(const C& condition) {
    static_assert(detail::is_bool_operand<C>(),
                  "quarry: where() takes a condition (a boolean expression)");
    stmt_.where = stmt_.where
                      ? sql::binary(sql::BinaryOp::logical_and, stmt_.where, condition.to_expr())
                      : condition.to_expr();
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
  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const {
    return sql::compile(d, stmt_).display();
  }
  Task<ExecResult> run(Session& s) const {
    check();
    return detail::run_statement(s, sql::compile(s.dialect(), stmt_));
  }
  ExecResult run_sync(Session& s) const {
    check();
    return detail::run_statement_sync(s, sql::compile(s.dialect(), stmt_));
  }

 private:
  template <class W, class... R>
  friend class Returning;

  void check() const {
    if (!stmt_.where && !all_rows_) detail::throw_missing_where("delete", Table::sql_name);
  }
  detail::ReturningPlan returning_plan(const sql::Dialect& d,
                                       const std::vector<sql::Expr>& items) const {
    sql::DeleteStmt with = stmt_;
    with.returning = items;
    return {sql::compile(d, with), {}};
  }
  [[noreturn]] void explain_violation(Session&, const ForeignKeyViolation&) const {
    throw;  // called while the violation is being handled: rethrows it as it is
  }
  sql::DeleteStmt stmt_;
  bool all_rows_ = false;
};

template <TableObject T>
Insert<std::remove_cvref_t<T>> insert(const T&) {
  return {};
}
template <TableObject T>
Update<std::remove_cvref_t<T>> update(const T&) {
  return {};
}
template <TableObject T>
Delete<std::remove_cvref_t<T>> delete_from(const T&) {
  return {};
}

}  // namespace quarry
