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

/// Binds the chosen members of each row struct, in column order.
template <class Table>
class ModelBatch final : public BatchSource {
 public:
  using Row = typename Table::row_type;
  ModelBatch(std::span<const Row> rows, const std::vector<bool>& included)
      : rows_(rows), included_(included) {}
  std::size_t size() const override { return rows_.size(); }
  void bind(std::size_t r, ParamWriter& w) override {
    const Row& row = rows_[r];
    std::size_t p = 0;
    for_each_column<Table>([&](std::size_t i, std::string_view, auto member) {
      if (included_[i]) bind_value(w, p++, row.*member);
    });
  }

 private:
  std::span<const Row> rows_;
  const std::vector<bool>& included_;
};

}  // namespace detail

/// `excluded.column` in an upsert's do_update: the value that was proposed.
template <class Table, class T, class Tag>
TypedExpr<T> excluded(const Column<Table, T, Tag>& c) {
  return TypedExpr<T>(sql::column("excluded", c.name()));
}

template <TableObject Table>
class Insert {
 public:
  using Row = typename Table::row_type;

  Insert() { stmt_.table = Table::sql_name; }

  /// One row struct (copied).
  Insert& values(const Row& row) {
    owned_ = std::make_shared<const std::vector<Row>>(std::vector<Row>{row});
    rows_ = *owned_;
    return *this;
  }
  /// Many row structs, read when the query runs: keep them alive until then.
  Insert& rows(std::span<const Row> rows) {
    owned_.reset();
    rows_ = rows;
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

  /// The SQL of one row's statement, with its values.
  std::string sql(const sql::Dialect& d = sql::sqlite_dialect()) const {
    return compile_one(d).display();
  }

  /// Runs the insert; last_insert_id is the new key of the last row.
  Task<ExecResult> run(Session& s) const { return run_async(s, *this); }
  ExecResult run_sync(Session& s) const {
    try {
      if (!stmt_.rows.empty() || rows_.empty()) {
        return detail::run_statement_sync(s, sql::compile(s.dialect(), stmt_));
      }
      std::vector<bool> included = included_columns();
      detail::ModelBatch<Table> batch(rows_, included);
      return s.execute_batch_sync(batch_sql(s.dialect(), included), batch);
    } catch (const ForeignKeyViolation& e) {
      detail::explain_foreign_key_violation(s, Table::quarry_schema(), proposed_rows(), e);
    }
  }

 private:
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
  std::string batch_sql(const sql::Dialect& d, const std::vector<bool>& included) const {
    sql::InsertStmt one = stmt_;
    one.columns.clear();
    one.rows.assign(1, {});
    int slot = 0;
    for (std::size_t i = 0; i < included.size(); ++i) {
      if (!included[i]) continue;
      one.columns.push_back(Table::quarry_column_names[i]);
      one.rows[0].push_back(sql::parameter(slot++));
    }
    return sql::compile(d, one).sql;
  }
  sql::CompiledSql compile_one(const sql::Dialect& d) const {
    if (!stmt_.rows.empty() || rows_.empty()) return sql::compile(d, stmt_);
    sql::InsertStmt one = stmt_;
    one.rows.assign(1, {});
    std::vector<bool> included = included_columns();
    detail::for_each_column<Table>([&](std::size_t i, std::string_view name, auto member) {
      if (!included[i]) return;
      one.columns.push_back(name);
      one.rows[0].push_back(sql::value(detail::to_value(rows_[0].*member)));
    });
    return sql::compile(d, one);
  }
  static Task<ExecResult> run_async(Session& s, Insert self) {
    std::exception_ptr failure;
    try {
      if (!self.stmt_.rows.empty() || self.rows_.empty()) {
        co_return co_await detail::run_statement(s, sql::compile(s.dialect(), self.stmt_));
      }
      std::vector<bool> included = self.included_columns();
      detail::ModelBatch<Table> batch(self.rows_, included);
      std::string sql_text = self.batch_sql(s.dialect(), included);
      co_return co_await s.execute_batch(sql_text, batch);
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
  void check() const {
    if (!stmt_.where && !all_rows_) detail::throw_missing_where("update", Table::sql_name);
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
  void check() const {
    if (!stmt_.where && !all_rows_) detail::throw_missing_where("delete", Table::sql_name);
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
