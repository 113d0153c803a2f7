// The expression tree shared by the typed API and the dynamic API: columns,
// bound values, operators, functions, subqueries and raw fragments. Nodes are
// immutable and shared, so a query is a cheap value to copy and keep.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <quarry/value.hpp>

namespace quarry::sql {

struct SelectStmt;

/// A foreign-key traversal (`concert.band_1->manager`), interned for the life
/// of the program so that column references can point at it cheaply. Each
/// path becomes one LEFT JOIN, aliased `from_alias$fk_column`.
struct JoinPath {
  const JoinPath* parent = nullptr;  ///< null: the FK column is on the root table
  std::string root_table;            ///< the table the traversal starts from
  std::string from_alias;            ///< table name or alias holding the FK column
  std::string fk_column;
  std::string target_table;
  std::string target_column;
  std::string alias;       ///< from_alias + "$" + fk_column
  std::string key_prefix;  ///< "band_1.manager." for JSON keys
};

/// Returns the one JoinPath for this traversal step, creating it on first use.
/// Thread-safe; paths are never freed (a program has finitely many).
const JoinPath* intern_join_path(const JoinPath* parent, std::string_view root_table,
                                 std::string_view fk_column, std::string_view target_table,
                                 std::string_view target_column);

/// A column of a table, or of the table reached through `path`. The names
/// are views: of string literals (typed models) or of a Schema the caller
/// keeps alive (dynamic API).
struct ColumnRef {
  std::string_view table;
  std::string_view column;
  const JoinPath* path = nullptr;
  /// Holds a quarry::Decimal. A dialect that stores decimals as text
  /// (SQLite) compares and orders such a column numerically.
  bool decimal = false;
};

enum class UnaryOp : std::uint8_t { logical_not, negate, is_null, is_not_null };
enum class BinaryOp : std::uint8_t {
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  logical_and,
  logical_or,
  add,
  sub,
  mul,
  div,
  mod,
  concat,
  like,
  not_like,
  ilike,
  not_ilike,
};

class Expr;

struct ValueNode {
  Value value;
  int slot = -1;  ///< >= 0: a run-time parameter of a frozen query, `value` is its placeholder
  bool decimal = false;  ///< a quarry::Decimal bound as text (see ColumnRef::decimal)
};
struct UnaryNode;
struct BinaryNode;
struct FunctionNode;
struct InListNode;
struct InSelectNode;
struct ExistsNode;
struct BetweenNode;
struct RawNode;
struct AliasNode;
struct StarNode {};
struct SubqueryNode;

using Node =
    std::variant<ColumnRef, ValueNode, UnaryNode, BinaryNode, FunctionNode, InListNode,
                 InSelectNode, ExistsNode, BetweenNode, RawNode, AliasNode, StarNode, SubqueryNode>;

/// A handle to an immutable expression node. Its copy, move and destructor
/// are out of line (src/sql/expr.cpp): every typed expression holds one, and
/// inline they would make each translation unit that builds queries emit the
/// shared_ptr code of the node type (bench/compile_time).
class Expr {
 public:
  Expr() noexcept = default;
  explicit Expr(std::shared_ptr<const Node> node) noexcept;
  Expr(const Expr& other) noexcept;
  Expr(Expr&& other) noexcept;
  Expr& operator=(const Expr& other) noexcept;
  Expr& operator=(Expr&& other) noexcept;
  ~Expr();
  /// Out of line: inline, it makes every translation unit instantiate the
  /// Node variant, which only src/ needs.
  const Node& node() const noexcept;
  explicit operator bool() const noexcept { return static_cast<bool>(node_); }

 private:
  std::shared_ptr<const Node> node_;
};

struct UnaryNode {
  UnaryOp op;
  Expr operand;
};
struct BinaryNode {
  BinaryOp op;
  Expr lhs, rhs;
};
/// A function call: lower(x), count(*), sum(DISTINCT x), coalesce(a, b).
/// The C++ type a typed aggregate promises, for dialects whose aggregates
/// return a wider type (PostgreSQL: avg of integers is NUMERIC, sum of
/// BIGINT is NUMERIC); see Dialect::widens_aggregates.
enum class ResultCast : std::uint8_t { none, floating, integer };
struct FunctionNode {
  std::string name;
  std::vector<Expr> args;
  bool distinct = false;
  ResultCast cast = ResultCast::none;
};
struct InListNode {
  Expr lhs;
  std::vector<Expr> items;
  bool negated = false;
};
struct InSelectNode {
  Expr lhs;
  std::shared_ptr<const SelectStmt> select;
  bool negated = false;
};
struct ExistsNode {
  std::shared_ptr<const SelectStmt> select;
  bool negated = false;
};
struct SubqueryNode {
  std::shared_ptr<const SelectStmt> select;
};
struct BetweenNode {
  Expr operand, low, high;
  bool negated = false;
};
/// A raw SQL fragment. Each `?` in `sql` is one of `params`, renumbered for
/// the dialect; the fragment's text is the caller's responsibility, its
/// values are still bound.
struct RawNode {
  std::string sql;
  std::vector<Value> params;
};
struct AliasNode {
  Expr expr;
  std::string name;
};

// Builders. Each allocates one node.
Expr column(std::string_view table, std::string_view column, const JoinPath* path = nullptr,
            bool decimal = false);
Expr value(Value v, bool decimal = false);
/// value() of an integer, a double or a text: these build the Value in src/,
/// so that the typed layer's literals do not instantiate Value's variant in
/// every translation unit.
Expr int_value(std::int64_t v);
Expr double_value(double v);
Expr text_value(std::string_view v);
/// A parameter supplied when a frozen query runs (slot numbers from 0).
Expr parameter(int slot, bool decimal = false);
Expr unary(UnaryOp op, Expr operand);
Expr binary(BinaryOp op, Expr lhs, Expr rhs);
Expr function(std::string name, std::vector<Expr> args, bool distinct = false,
              ResultCast cast = ResultCast::none);
Expr in_list(Expr lhs, std::vector<Expr> items, bool negated);
Expr in_select(Expr lhs, std::shared_ptr<const SelectStmt> select, bool negated);
Expr exists(std::shared_ptr<const SelectStmt> select, bool negated);
Expr subquery(std::shared_ptr<const SelectStmt> select);
Expr between(Expr operand, Expr low, Expr high, bool negated);
/// Throws UsageError when the number of `?` in `sql` differs from params.size().
Expr raw(std::string sql, std::vector<Value> params);
Expr alias(Expr expr, std::string name);
Expr star();

}  // namespace quarry::sql

// The vectors of expressions every query holds are compiled once, in
// src/sql/expr.cpp: without optimisation each TU that builds a query would
// otherwise emit their growth and copy code (see include/quarry/async.hpp
// for why only then). Member templates (emplace_back) are not covered;
// push_back is.
#if !defined(__OPTIMIZE__)
extern template class std::vector<quarry::sql::Expr>;
#endif
