// The statement trees: SELECT, INSERT (with upsert), UPDATE and DELETE, built
// from Expr nodes and compiled to SQL text plus bound values by compiler.hpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <quarry/sql/expr.hpp>

namespace quarry::sql {

enum class NullsOrder : std::uint8_t { unspecified, first, last };

struct OrderItem {
  Expr expr;
  bool descending = false;
  NullsOrder nulls = NullsOrder::unspecified;
};

enum class JoinKind : std::uint8_t { inner, left, right, full, cross };

/// An explicit join. `alias` may be empty.
struct JoinClause {
  JoinKind kind = JoinKind::inner;
  std::string_view table;
  std::string alias;
  Expr on;  // empty for a cross join
};

struct SelectStmt {
  std::vector<Expr> columns;  // empty means *
  bool distinct = false;
  std::string_view from;  // empty: no FROM (SELECT 1); with from_select, its alias
  /// FROM (SELECT ...) AS "from": a derived table, as count() of a limited,
  /// distinct or grouped query counts the rows it returns.
  std::shared_ptr<const SelectStmt> from_select;
  std::vector<JoinClause> joins;
  Expr where;
  std::vector<Expr> group_by;
  Expr having;
  std::vector<OrderItem> order_by;
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> offset;
};

struct Assignment {
  std::string_view column;
  Expr value;
};

/// ON CONFLICT (target) DO NOTHING / DO UPDATE SET ... [WHERE ...].
struct OnConflict {
  enum class Action : std::uint8_t { do_nothing, do_update };
  std::vector<std::string_view> target;  // conflict columns; may be empty for DO NOTHING
  Action action = Action::do_nothing;
  std::vector<Assignment> set;
  Expr where;
};

struct InsertStmt {
  std::string_view table;
  std::vector<std::string_view> columns;  // empty with no rows: DEFAULT VALUES
  std::vector<std::vector<Expr>> rows;
  std::shared_ptr<const SelectStmt> from_select;  // INSERT ... SELECT
  std::optional<OnConflict> on_conflict;
  std::vector<Expr> returning;
  /// The table's auto-increment key column, if it has one: its new value is
  /// what ExecResult::last_insert_id reports. A dialect that cannot report it
  /// otherwise (Dialect::reports_last_insert_id false) returns it with
  /// RETURNING when the statement returns nothing else.
  std::string_view generated_key;
};

struct UpdateStmt {
  std::string_view table;
  std::vector<Assignment> set;
  Expr where;
  std::vector<Expr> returning;
};

struct DeleteStmt {
  std::string_view table;
  Expr where;
  std::vector<Expr> returning;
};

}  // namespace quarry::sql

// Compiled once, in src/sql/statement.cpp (see the end of expr.hpp).
#if !defined(__OPTIMIZE__)
extern template class std::vector<quarry::sql::OrderItem>;
extern template class std::vector<quarry::sql::JoinClause>;
extern template class std::vector<quarry::sql::Assignment>;
extern template class std::vector<std::vector<quarry::sql::Expr>>;
#endif
