// The SQL compiler: one walk over a statement tree that appends the SQL text,
// collects the bound values in placeholder order, and gathers the foreign-key
// joins the expressions traverse. Dialect differences are data on Dialect.
#include <quarry/sql/compiler.hpp>

#include <algorithm>
#include <atomic>
#include <cassert>
#include <type_traits>

#include <fmt/format.h>

#include <quarry/error.hpp>

namespace quarry::sql {

namespace {

// Binding strength, for parenthesising only where needed.
enum Precedence : int {
  kOr = 1,
  kAnd = 2,
  kNot = 3,
  kComparison = 4,
  kAdditive = 5,
  kMultiplicative = 6,
  kUnary = 7,
  kAtom = 8,
};

int precedence_of(BinaryOp op) {
  switch (op) {
    case BinaryOp::logical_or:
      return kOr;
    case BinaryOp::logical_and:
      return kAnd;
    case BinaryOp::add:
    case BinaryOp::sub:
    case BinaryOp::concat:
      return kAdditive;
    case BinaryOp::mul:
    case BinaryOp::div:
    case BinaryOp::mod:
      return kMultiplicative;
    default:
      return kComparison;
  }
}

bool is_comparison(BinaryOp op) {
  switch (op) {
    case BinaryOp::eq:
    case BinaryOp::ne:
    case BinaryOp::lt:
    case BinaryOp::le:
    case BinaryOp::gt:
    case BinaryOp::ge:
      return true;
    default:
      return false;
  }
}

std::string_view operator_text(BinaryOp op) {
  switch (op) {
    case BinaryOp::eq:
      return " = ";
    case BinaryOp::ne:
      return " <> ";
    case BinaryOp::lt:
      return " < ";
    case BinaryOp::le:
      return " <= ";
    case BinaryOp::gt:
      return " > ";
    case BinaryOp::ge:
      return " >= ";
    case BinaryOp::logical_and:
      return " AND ";
    case BinaryOp::logical_or:
      return " OR ";
    case BinaryOp::add:
      return " + ";
    case BinaryOp::sub:
      return " - ";
    case BinaryOp::mul:
      return " * ";
    case BinaryOp::div:
      return " / ";
    case BinaryOp::mod:
      return " % ";
    case BinaryOp::concat:
      return " || ";
    case BinaryOp::like:
      return " LIKE ";
    case BinaryOp::not_like:
      return " NOT LIKE ";
    case BinaryOp::ilike:
      return " ILIKE ";
    case BinaryOp::not_ilike:
      return " NOT ILIKE ";
  }
  return " ? ";
}

// The tables one SELECT can see: its FROM table, its joins, and those of the
// SELECTs around it (for correlated subqueries).
struct Scope {
  Scope* outer = nullptr;
  std::vector<std::string_view> tables;
  std::vector<const JoinPath*> paths;  // FK joins to add, parents first

  bool sees(std::string_view table) const {
    for (const Scope* s = this; s; s = s->outer) {
      if (std::find(s->tables.begin(), s->tables.end(), table) != s->tables.end()) return true;
    }
    return false;
  }
  void add_path(const JoinPath* path) {
    if (std::find(paths.begin(), paths.end(), path) != paths.end()) return;
    if (path->parent) add_path(path->parent);
    paths.push_back(path);
  }
};

class Compiler {
 public:
  Compiler(const Dialect& dialect, bool inline_values)
      : dialect_(dialect), inline_values_(inline_values) {}

  CompiledSql finish() {
    return CompiledSql{std::move(out_), std::move(params_), std::move(slots_)};
  }
  std::string take_text() { return std::move(out_); }

  void select(const SelectStmt& s) {
    Scope scope;
    scope.outer = scope_;
    scope_ = &scope;
    if (!s.from.empty()) scope.tables.push_back(s.from);
    for (const auto& j : s.joins) scope.tables.push_back(j.alias.empty() ? j.table : j.alias);

    out_ += s.distinct ? "SELECT DISTINCT " : "SELECT ";
    if (s.columns.empty()) {
      out_ += '*';
    } else {
      list(s.columns);
    }
    std::size_t join_insert_at = std::string::npos;
    if (!s.from.empty()) {
      out_ += " FROM ";
      if (s.from_select) {
        node(SubqueryNode{s.from_select}, 0);  // its own scope; its FK joins stay inside
        out_ += " AS ";
      }
      ident(s.from);
      for (const auto& j : s.joins) join(j);
      join_insert_at = out_.size();
    }
    if (s.where) {
      out_ += " WHERE ";
      expr(s.where, 0);
    }
    if (!s.group_by.empty()) {
      out_ += " GROUP BY ";
      list(s.group_by);
    }
    if (s.having) {
      out_ += " HAVING ";
      expr(s.having, 0);
    }
    if (!s.order_by.empty()) {
      out_ += " ORDER BY ";
      bool first = true;
      for (const auto& item : s.order_by) {
        if (!first) out_ += ", ";
        first = false;
        compared(item.expr, 0);
        if (item.descending) out_ += " DESC";
        if (item.nulls == NullsOrder::first) out_ += " NULLS FIRST";
        if (item.nulls == NullsOrder::last) out_ += " NULLS LAST";
      }
    }
    if (s.limit) {
      out_ += " LIMIT ";
      bind(Value(*s.limit));
    } else if (s.offset) {
      out_ += " LIMIT ";
      out_ += dialect_.limit_all;
    }
    if (s.offset) {
      out_ += " OFFSET ";
      bind(Value(*s.offset));
    }

    if (!scope.paths.empty()) {
      if (join_insert_at == std::string::npos) {
        throw UsageError("a query that traverses a foreign key needs a FROM table");
      }
      // The FK joins bind no values, so inserting their text here leaves the
      // placeholder numbering of everything after them intact.
      std::string joins;
      for (const JoinPath* p : scope.paths) {
        joins += " LEFT JOIN ";
        ident_to(joins, p->target_table);
        joins += " AS ";
        ident_to(joins, p->alias);
        joins += " ON ";
        ident_to(joins, p->alias);
        joins += '.';
        ident_to(joins, p->target_column);
        joins += " = ";
        ident_to(joins, p->from_alias);
        joins += '.';
        ident_to(joins, p->fk_column);
      }
      out_.insert(join_insert_at, joins);
    }
    scope_ = scope.outer;
  }

  void insert(const InsertStmt& s) {
    out_ += "INSERT INTO ";
    ident(s.table);
    Scope scope;  // only "excluded" and the table itself may be named
    scope.tables = {s.table, "excluded"};
    scope_ = &scope;
    if (s.from_select) {
      column_names(s.columns);
      out_ += ' ';
      scope_ = nullptr;
      select(*s.from_select);
      scope_ = &scope;
    } else if (s.rows.empty()) {
      if (!s.columns.empty())
        throw UsageError(fmt::format("insert into \"{}\" has no rows", s.table));
      out_ += " DEFAULT VALUES";
    } else {
      column_names(s.columns);
      out_ += " VALUES ";
      bool first_row = true;
      for (const auto& row : s.rows) {
        if (row.size() != s.columns.size()) {
          throw UsageError(fmt::format("insert into \"{}\": a row has {} values for {} columns",
                                       s.table, row.size(), s.columns.size()));
        }
        if (!first_row) out_ += ", ";
        first_row = false;
        out_ += '(';
        list(row);
        out_ += ')';
      }
    }
    if (s.on_conflict) {
      const OnConflict& oc = *s.on_conflict;
      out_ += " ON CONFLICT";
      if (!oc.target.empty()) column_names(oc.target);
      if (oc.action == OnConflict::Action::do_nothing) {
        out_ += " DO NOTHING";
      } else {
        if (oc.target.empty()) {
          throw UsageError(fmt::format(
              "upsert into \"{}\": do_update needs the conflict columns: on_conflict(cols...)",
              s.table));
        }
        out_ += " DO UPDATE SET ";
        assignments(oc.set);
        if (oc.where) {
          out_ += " WHERE ";
          no_paths(oc.where, "an upsert's where");
        }
      }
    }
    if (s.returning.empty() && !dialect_.reports_last_insert_id && !s.generated_key.empty()) {
      out_ += " RETURNING ";
      ident(s.generated_key);
    } else {
      returning(s.returning);
    }
    scope_ = nullptr;
  }

  void update(const UpdateStmt& s) {
    if (s.set.empty()) throw UsageError(fmt::format("update of \"{}\" sets no columns", s.table));
    Scope scope;
    scope.tables = {s.table};
    scope_ = &scope;
    out_ += "UPDATE ";
    ident(s.table);
    out_ += " SET ";
    assignments(s.set);
    if (s.where) {
      out_ += " WHERE ";
      no_paths(s.where, "an update's where");
    }
    returning(s.returning);
    scope_ = nullptr;
  }

  void remove(const DeleteStmt& s) {
    Scope scope;
    scope.tables = {s.table};
    scope_ = &scope;
    out_ += "DELETE FROM ";
    ident(s.table);
    if (s.where) {
      out_ += " WHERE ";
      no_paths(s.where, "a delete's where");
    }
    returning(s.returning);
    scope_ = nullptr;
  }

  void expr(const Expr& e, int parent_precedence) {
    std::visit([&](const auto& n) { node(n, parent_precedence); }, e.node());
  }

 private:
  void no_paths(const Expr& e, const char* where) {
    expr(e, 0);
    if (scope_ && !scope_->paths.empty()) {
      throw UsageError(
          fmt::format("{} cannot traverse a foreign key (through \"{}\"); filter with "
                      "in_(select(...)) on the foreign-key column instead",
                      where, scope_->paths.front()->fk_column));
    }
  }

  void assignments(const std::vector<Assignment>& set) {
    bool first = true;
    for (const auto& a : set) {
      if (!first) out_ += ", ";
      first = false;
      ident(a.column);
      out_ += " = ";
      expr(a.value, 0);
    }
  }

  void returning(const std::vector<Expr>& cols) {
    if (cols.empty()) return;
    if (!dialect_.supports_returning) {
      throw UsageError(fmt::format("{} does not support RETURNING", dialect_.name()));
    }
    out_ += " RETURNING ";
    list(cols);
    if (scope_ && !scope_->paths.empty()) {
      throw UsageError(fmt::format(
          "RETURNING cannot traverse a foreign key (through \"{}\"); return the key column and "
          "select through it",
          scope_->paths.front()->fk_column));
    }
  }

  void join(const JoinClause& j) {
    switch (j.kind) {
      case JoinKind::inner:
        out_ += " JOIN ";
        break;
      case JoinKind::left:
        out_ += " LEFT JOIN ";
        break;
      case JoinKind::right:
        out_ += " RIGHT JOIN ";
        break;
      case JoinKind::full:
        out_ += " FULL JOIN ";
        break;
      case JoinKind::cross:
        out_ += " CROSS JOIN ";
        break;
    }
    ident(j.table);
    if (!j.alias.empty()) {
      out_ += " AS ";
      ident(j.alias);
    }
    if (j.on) {
      out_ += " ON ";
      expr(j.on, 0);
    }
  }

  void column_names(const std::vector<std::string_view>& names) {
    out_ += " (";
    bool first = true;
    for (auto n : names) {
      if (!first) out_ += ", ";
      first = false;
      ident(n);
    }
    out_ += ')';
  }

  void list(const std::vector<Expr>& items) {
    bool first = true;
    for (const auto& e : items) {
      if (!first) out_ += ", ";
      first = false;
      expr(e, 0);
    }
  }

  // A dialect that stores decimals as text (SQLite) would compare them as
  // text ("10" < "9"), so where a decimal is compared, ordered or given to
  // min/max it is cast to NUMERIC. The cast's NUMERIC affinity also applies
  // to the other operand of a comparison (a bound '20', a text column).
  // The select list is left alone: it reads the stored text, every digit.
  void compared(const Expr& e, int parent_precedence) {
    if (!dialect_.decimals_stored_as_text || !is_decimal(e)) {
      expr(e, parent_precedence);
      return;
    }
    out_ += "CAST(";
    expr(e, 0);
    out_ += " AS NUMERIC)";
  }

  static bool is_decimal(const Expr& e) {
    if (!e) return false;
    return std::visit(
        [](const auto& n) -> bool {
          using N = std::decay_t<decltype(n)>;
          if constexpr (std::is_same_v<N, ColumnRef> || std::is_same_v<N, ValueNode>) {
            return n.decimal;
          } else if constexpr (std::is_same_v<N, AliasNode>) {
            return is_decimal(n.expr);
          } else if constexpr (std::is_same_v<N, FunctionNode>) {
            // These return one of their arguments unchanged (min/max do not:
            // they are compiled over the cast, so they return a number).
            if (n.name != "coalesce" && n.name != "ifnull" && n.name != "nullif") return false;
            return std::any_of(n.args.begin(), n.args.end(),
                               [](const Expr& a) { return is_decimal(a); });
          } else if constexpr (std::is_same_v<N, SubqueryNode>) {
            return n.select->columns.size() == 1 && is_decimal(n.select->columns[0]);
          } else {
            return false;
          }
        },
        e.node());
  }

  void ident(std::string_view name) { dialect_.quote_identifier(out_, name); }
  void ident_to(std::string& out, std::string_view name) { dialect_.quote_identifier(out, name); }

  void bind(Value v) {
    if (inline_values_) {
      append_literal(out_, v);
      return;
    }
    dialect_.placeholder(out_, params_.size());
    params_.push_back(std::move(v));
  }

  void node(const ColumnRef& c, int) {
    if (inline_values_) {
      ident(c.column);  // DDL (CHECK): the column of the table being defined
      return;
    }
    if (c.path) {
      if (scope_) {
        if (!scope_->sees(c.path->root_table)) unknown_table(c.path->root_table, c.column);
        scope_->add_path(c.path);
      }
      ident(c.path->alias);
    } else {
      if (scope_ && !scope_->sees(c.table)) unknown_table(c.table, c.column);
      ident(c.table);
    }
    out_ += '.';
    ident(c.column);
  }

  [[noreturn]] void unknown_table(std::string_view table, std::string_view column) {
    throw UsageError(fmt::format(
        "column \"{}\".\"{}\" belongs to table \"{}\", which this query does not select from: "
        "add .join({}, ...) or reach it through a foreign key",
        table, column, table, table));
  }

  void node(const ValueNode& v, int) {
    if (v.slot >= 0) slots_.push_back({params_.size(), v.slot});
    bind(v.value);
  }

  void node(const UnaryNode& u, int parent) {
    switch (u.op) {
      case UnaryOp::logical_not: {
        bool paren = parent > kNot;
        if (paren) out_ += '(';
        out_ += "NOT ";
        expr(u.operand, kNot + 1);
        if (paren) out_ += ')';
        break;
      }
      case UnaryOp::negate: {
        out_ += '-';
        std::size_t start = out_.size();
        expr(u.operand, kAtom);
        // "--" starts a line comment: an operand that itself begins with a
        // minus (-(-x), or a negative literal inlined into DDL) is
        // parenthesised. Only text is inserted, so bound values keep their order.
        if (out_.size() > start && out_[start] == '-') {
          out_.insert(start, 1, '(');
          out_ += ')';
        }
        break;
      }
      case UnaryOp::is_null:
      case UnaryOp::is_not_null: {
        bool paren = parent > kComparison;
        if (paren) out_ += '(';
        expr(u.operand, kComparison + 1);
        out_ += u.op == UnaryOp::is_null ? " IS NULL" : " IS NOT NULL";
        if (paren) out_ += ')';
        break;
      }
    }
  }

  void node(const BinaryNode& b, int parent) {
    int prec = precedence_of(b.op);
    bool case_insensitive = b.op == BinaryOp::ilike || b.op == BinaryOp::not_ilike;
    if (case_insensitive && !dialect_.supports_ilike) {
      // lower(a) LIKE lower(b): the dialect made plain LIKE case-sensitive.
      bool paren = parent > prec;
      if (paren) out_ += '(';
      out_ += "lower(";
      expr(b.lhs, 0);
      out_ += b.op == BinaryOp::ilike ? ") LIKE lower(" : ") NOT LIKE lower(";
      expr(b.rhs, 0);
      out_ += ')';
      if (paren) out_ += ')';
      return;
    }
    bool paren = parent > prec;
    if (paren) out_ += '(';
    // Comparisons do not chain; arithmetic is left-associative, so the right
    // operand needs parentheses at equal strength ("a - (b - c)").
    bool chains = prec == kOr || prec == kAnd || prec == kAdditive || prec == kMultiplicative;
    if (is_comparison(b.op)) {
      compared(b.lhs, prec + 1);
      out_ += operator_text(b.op);
      compared(b.rhs, prec + 1);
    } else {
      expr(b.lhs, chains ? prec : prec + 1);
      out_ += operator_text(b.op);
      expr(b.rhs, prec + 1);
    }
    if (paren) out_ += ')';
  }

  void node(const FunctionNode& f, int) {
    const bool cast = dialect_.widens_aggregates && f.cast != ResultCast::none;
    if (cast) out_ += "CAST(";
    out_ += f.name;
    out_ += '(';
    if (f.distinct) out_ += "DISTINCT ";
    if ((f.name == "min" || f.name == "max") && f.args.size() == 1) {
      compared(f.args[0], 0);
    } else {
      list(f.args);
    }
    out_ += ')';
    if (cast) out_ += f.cast == ResultCast::floating ? " AS DOUBLE PRECISION)" : " AS BIGINT)";
  }

  void node(const InListNode& n, int parent) {
    if (n.items.empty()) {
      // x IN () is not SQL; it is always false (and NOT IN always true).
      out_ += n.negated ? "1 = 1" : "1 = 0";
      return;
    }
    bool paren = parent > kComparison;
    if (paren) out_ += '(';
    compared(n.lhs, kComparison + 1);
    out_ += n.negated ? " NOT IN (" : " IN (";
    bool first = true;
    for (const auto& item : n.items) {
      if (!first) out_ += ", ";
      first = false;
      compared(item, 0);
    }
    out_ += ')';
    if (paren) out_ += ')';
  }

  void node(const InSelectNode& n, int parent) {
    bool paren = parent > kComparison;
    if (paren) out_ += '(';
    compared(n.lhs, kComparison + 1);
    out_ += n.negated ? " NOT IN (" : " IN (";
    select(*n.select);
    out_ += ')';
    if (paren) out_ += ')';
  }

  void node(const ExistsNode& n, int) {
    out_ += n.negated ? "NOT EXISTS (" : "EXISTS (";
    select(*n.select);
    out_ += ')';
  }

  void node(const SubqueryNode& n, int) {
    out_ += '(';
    select(*n.select);
    out_ += ')';
  }

  void node(const BetweenNode& n, int parent) {
    bool paren = parent > kComparison;
    if (paren) out_ += '(';
    compared(n.operand, kComparison + 1);
    out_ += n.negated ? " NOT BETWEEN " : " BETWEEN ";
    compared(n.low, kComparison + 1);
    out_ += " AND ";
    compared(n.high, kComparison + 1);
    if (paren) out_ += ')';
  }

  void node(const RawNode& r, int) {
    // Parenthesised so that the fragment composes safely with operators.
    out_ += '(';
    std::size_t next = 0;
    char quote = 0;
    for (char c : r.sql) {
      if (quote) {
        if (c == quote) quote = 0;
        out_ += c;
      } else if (c == '\'' || c == '"') {
        quote = c;
        out_ += c;
      } else if (c == '?') {
        assert(next < r.params.size());  // checked when the node was built
        bind(r.params[next++]);
      } else {
        out_ += c;
      }
    }
    out_ += ')';
  }

  void node(const AliasNode& a, int) {
    expr(a.expr, 0);
    out_ += " AS ";
    ident(a.name);
  }

  void node(const StarNode&, int) { out_ += '*'; }

  const Dialect& dialect_;
  bool inline_values_;
  std::string out_;
  std::vector<Value> params_;
  std::vector<ParamSlot> slots_;
  Scope* scope_ = nullptr;
};

}  // namespace

std::string CompiledSql::display() const {
  std::string out = sql;
  if (params.empty()) return out;
  out += "  [";
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (i) out += ", ";
    // A frozen query's run-time parameter has no value yet: name its slot.
    auto slot = std::find_if(slots.begin(), slots.end(),
                             [&](const ParamSlot& s) { return s.param_index == i; });
    if (slot != slots.end()) {
      fmt::format_to(std::back_inserter(out), "param({})", slot->slot);
    } else {
      out += params[i].to_display();
    }
  }
  out += ']';
  return out;
}

CompiledSql compile(const Dialect& dialect, const SelectStmt& stmt) {
  Compiler c(dialect, false);
  c.select(stmt);
  return c.finish();
}
CompiledSql compile(const Dialect& dialect, const InsertStmt& stmt) {
  Compiler c(dialect, false);
  c.insert(stmt);
  return c.finish();
}
CompiledSql compile(const Dialect& dialect, const UpdateStmt& stmt) {
  Compiler c(dialect, false);
  c.update(stmt);
  return c.finish();
}
CompiledSql compile(const Dialect& dialect, const DeleteStmt& stmt) {
  Compiler c(dialect, false);
  c.remove(stmt);
  return c.finish();
}

std::string compile_inline(const Dialect& dialect, const Expr& expr) {
  Compiler c(dialect, true);
  c.expr(expr, 0);
  return c.take_text();
}

void append_literal(std::string& out, const Value& v) {
  switch (v.type()) {
    case StorageType::null:
      out += "NULL";
      break;
    case StorageType::integer:
      fmt::format_to(std::back_inserter(out), "{}", v.as_int64());
      break;
    case StorageType::real: {
      std::string text = fmt::format("{}", v.as_double());
      if (text.find_first_of(".eEn") == std::string::npos) text += ".0";  // keep it a REAL
      out += text;
      break;
    }
    case StorageType::text: {
      const std::string& s = v.as_text();
      if (s.find('\0') != std::string::npos) {
        throw UsageError("a text literal in DDL cannot contain a NUL character");
      }
      out += '\'';
      for (char c : s) {
        if (c == '\'') out += '\'';
        out += c;
      }
      out += '\'';
      break;
    }
    case StorageType::blob: {
      out += "X'";
      for (std::byte b : v.as_blob()) {
        fmt::format_to(std::back_inserter(out), "{:02x}", static_cast<unsigned>(b));
      }
      out += '\'';
      break;
    }
  }
}

std::uint32_t next_frozen_id() {
  static std::atomic<std::uint32_t> next{1};
  return next.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace quarry::sql
