// Builders for expression nodes, and the interning of foreign-key join paths.
#include <quarry/sql/expr.hpp>

#include <map>
#include <mutex>
#include <tuple>

#include <fmt/format.h>

#include <quarry/error.hpp>

namespace quarry::sql {

namespace {

template <class T>
Expr make(T node) {
  return Expr(std::make_shared<const Node>(std::move(node)));
}

// Counts the `?` placeholders of a raw fragment that stand outside quoted
// strings and identifiers, so that `'what?'` is not taken for a parameter.
std::size_t count_placeholders(std::string_view sql) {
  std::size_t count = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote re-opens on the next char
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '?') {
      ++count;
    }
  }
  return count;
}

}  // namespace

const JoinPath* intern_join_path(const JoinPath* parent, std::string_view root_table,
                                 std::string_view fk_column, std::string_view target_table,
                                 std::string_view target_column) {
  using Key = std::tuple<const JoinPath*, std::string, std::string, std::string, std::string>;
  static std::mutex mutex;
  static std::map<Key, std::unique_ptr<JoinPath>> paths;

  Key key{parent, std::string(root_table), std::string(fk_column), std::string(target_table),
          std::string(target_column)};
  std::lock_guard lock(mutex);
  auto it = paths.find(key);
  if (it != paths.end()) return it->second.get();

  auto path = std::make_unique<JoinPath>();
  path->parent = parent;
  path->root_table = root_table;
  path->from_alias = parent ? parent->alias : std::string(root_table);
  path->fk_column = fk_column;
  path->target_table = target_table;
  path->target_column = target_column;
  path->alias = path->from_alias + "$" + std::string(fk_column);
  path->key_prefix = (parent ? parent->key_prefix : std::string()) + std::string(fk_column) + ".";
  const JoinPath* result = path.get();
  paths.emplace(std::move(key), std::move(path));
  return result;
}

Expr::Expr(std::shared_ptr<const Node> node) noexcept : node_(std::move(node)) {}
Expr::Expr(const Expr& other) noexcept = default;
Expr::Expr(Expr&& other) noexcept = default;
Expr& Expr::operator=(const Expr& other) noexcept = default;
Expr& Expr::operator=(Expr&& other) noexcept = default;
Expr::~Expr() = default;
const Node& Expr::node() const noexcept {
  return *node_;
}

Expr column(std::string_view table, std::string_view column, const JoinPath* path, bool decimal) {
  return make(ColumnRef{table, column, path, decimal});
}
Expr value(Value v, bool decimal) {
  return make(ValueNode{std::move(v), -1, decimal});
}
Expr int_value(std::int64_t v) {
  return make(ValueNode{Value(v), -1, false});
}
Expr double_value(double v) {
  return make(ValueNode{Value(v), -1, false});
}
Expr text_value(std::string_view v) {
  return make(ValueNode{Value(std::string(v)), -1, false});
}
Expr parameter(int slot, bool decimal) {
  return make(ValueNode{Value(), slot, decimal});
}
Expr unary(UnaryOp op, Expr operand) {
  return make(UnaryNode{op, std::move(operand)});
}
Expr binary(BinaryOp op, Expr lhs, Expr rhs) {
  return make(BinaryNode{op, std::move(lhs), std::move(rhs)});
}
Expr function(std::string name, std::vector<Expr> args, bool distinct, ResultCast cast) {
  return make(FunctionNode{std::move(name), std::move(args), distinct, cast});
}
Expr in_list(Expr lhs, std::vector<Expr> items, bool negated) {
  return make(InListNode{std::move(lhs), std::move(items), negated});
}
Expr in_select(Expr lhs, std::shared_ptr<const SelectStmt> select, bool negated) {
  return make(InSelectNode{std::move(lhs), std::move(select), negated});
}
Expr exists(std::shared_ptr<const SelectStmt> select, bool negated) {
  return make(ExistsNode{std::move(select), negated});
}
Expr subquery(std::shared_ptr<const SelectStmt> select) {
  return make(SubqueryNode{std::move(select)});
}
Expr between(Expr operand, Expr low, Expr high, bool negated) {
  return make(BetweenNode{std::move(operand), std::move(low), std::move(high), negated});
}
Expr raw(std::string sql, std::vector<Value> params) {
  std::size_t placeholders = count_placeholders(sql);
  if (placeholders != params.size()) {
    throw UsageError(fmt::format("raw SQL fragment \"{}\" has {} placeholder(s) but {} value(s)",
                                 sql, placeholders, params.size()));
  }
  return make(RawNode{std::move(sql), std::move(params)});
}
Expr alias(Expr expr, std::string name) {
  return make(AliasNode{std::move(expr), std::move(name)});
}
Expr star() {
  return make(StarNode{});
}

}  // namespace quarry::sql

// Declared extern at the end of include/quarry/sql/expr.hpp.
template class std::vector<quarry::sql::Expr>;
