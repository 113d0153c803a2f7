// The non-template half of select(): running the compiled statement, JSON
// and dynamic rows, count/exists rewrites and frozen queries.
#include <quarry/query/select.hpp>

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include <quarry/error.hpp>

#include "query/dynamic_sink.hpp"
#include "query/json_sink.hpp"

namespace quarry::detail {

namespace {

/// A statement of the select paths: the builder compiled a SELECT, which the
/// driver may batch and re-run (Statement::read_only).
Statement read_only_select(std::string_view sql, std::span<const Value> params,
                           std::uint32_t frozen_id = 0) noexcept {
  return Statement{sql, params, frozen_id, true};
}

}  // namespace

std::string_view infer_from(const sql::Expr& e) {
  if (!e) return {};
  return std::visit(
      [](const auto& n) -> std::string_view {
        using N = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<N, sql::ColumnRef>) {
          return n.path ? std::string_view(n.path->root_table) : n.table;
        } else if constexpr (std::is_same_v<N, sql::UnaryNode>) {
          return infer_from(n.operand);
        } else if constexpr (std::is_same_v<N, sql::BinaryNode>) {
          auto t = infer_from(n.lhs);
          return t.empty() ? infer_from(n.rhs) : t;
        } else if constexpr (std::is_same_v<N, sql::FunctionNode>) {
          for (const auto& a : n.args) {
            if (auto t = infer_from(a); !t.empty()) return t;
          }
          return {};
        } else if constexpr (std::is_same_v<N, sql::AliasNode>) {
          return infer_from(n.expr);
        } else if constexpr (std::is_same_v<N, sql::BetweenNode>) {
          return infer_from(n.operand);
        } else if constexpr (std::is_same_v<N, sql::InListNode> ||
                             std::is_same_v<N, sql::InSelectNode>) {
          return infer_from(n.lhs);
        } else {
          return {};
        }
      },
      e.node());
}

std::string key_of(const sql::Expr& e) {
  if (const auto* c = std::get_if<sql::ColumnRef>(&e.node())) {
    return (c->path ? c->path->key_prefix : std::string()) + std::string(c->column);
  }
  if (const auto* a = std::get_if<sql::AliasNode>(&e.node())) return a->name;
  return {};
}

void RowsSink::on_row(const RowReader& r) {
  append_(rows_, &r, 0);
}
void RowsSink::expect_rows(std::size_t count) {
  append_(rows_, nullptr, count);
}

void FirstSink::on_row(const RowReader& r) {
  if (done_) return;
  read_(row_, r);
  done_ = true;
}

SelectParts::SelectParts() : stmt(std::make_shared<sql::SelectStmt>()) {}
SelectParts::SelectParts(const SelectParts&) = default;
SelectParts::SelectParts(SelectParts&&) noexcept = default;
SelectParts& SelectParts::operator=(const SelectParts&) = default;
SelectParts& SelectParts::operator=(SelectParts&&) noexcept = default;
SelectParts::~SelectParts() = default;

std::shared_ptr<sql::SelectStmt> copy_statement(const sql::SelectStmt& stmt) {
  return std::make_shared<sql::SelectStmt>(stmt);
}

std::shared_ptr<sql::SelectStmt> limited_statement(const sql::SelectStmt& stmt, std::int64_t n) {
  auto s = std::make_shared<sql::SelectStmt>(stmt);
  s->limit = n;
  return s;
}

sql::SelectStmt& mutable_statement(SelectParts& p) {
  if (p.stmt.use_count() > 1) p.stmt = copy_statement(*p.stmt);
  return *p.stmt;
}

void select_where(SelectParts& p, const sql::Expr& condition) {
  sql::SelectStmt& s = mutable_statement(p);
  s.where =
      s.where ? sql::binary(sql::BinaryOp::logical_and, std::move(s.where), condition) : condition;
}

void select_having(SelectParts& p, const sql::Expr& condition) {
  mutable_statement(p).having = condition;
}

void select_group_by(SelectParts& p, sql::Expr item) {
  mutable_statement(p).group_by.push_back(std::move(item));
}

void select_order_by(SelectParts& p, const sql::OrderItem& item) {
  mutable_statement(p).order_by.push_back(item);
}

void select_order_by(SelectParts& p, sql::Expr item) {
  mutable_statement(p).order_by.push_back(sql::OrderItem{std::move(item), false});
}

void select_limit(SelectParts& p, std::int64_t n) {
  mutable_statement(p).limit = n;
}

void select_offset(SelectParts& p, std::int64_t n) {
  mutable_statement(p).offset = n;
}

void select_distinct(SelectParts& p) {
  mutable_statement(p).distinct = true;
}

void select_from(SelectParts& p, std::string_view table) {
  mutable_statement(p).from = table;
}

void select_join(SelectParts& p, sql::JoinKind kind, std::string_view table, sql::Expr on) {
  mutable_statement(p).joins.push_back({kind, table, {}, std::move(on)});
}

void infer_select_from(SelectParts& p) {
  for (const auto& c : p.stmt->columns) {
    p.stmt->from = infer_from(c);
    if (!p.stmt->from.empty()) break;
  }
}

void add_select_column(SelectParts& p, sql::Expr e, JsonWriter writer) {
  p.keys.push_back(key_of(e));
  p.writers.push_back(writer);
  p.stmt->columns.push_back(std::move(e));
}

void add_model_columns(SelectParts& p, std::string_view sql_name,
                       const std::string_view* column_names, std::size_t count,
                       const JsonWriter* json_writers, const sql::JoinPath* path) {
  std::string prefix = path ? path->key_prefix : std::string();
  for (std::size_t i = 0; i < count; ++i) {
    p.stmt->columns.push_back(sql::column(sql_name, column_names[i], path));
    p.keys.push_back(prefix + std::string(column_names[i]));
    p.writers.push_back(json_writers[i]);
  }
}

Task<void> run_select(Session& s, const sql::SelectStmt& stmt, std::uint32_t frozen_id,
                      RowSink& sink) {
  sql::CompiledSql q = sql::compile(s.dialect(), stmt);
  co_await s.execute(read_only_select(q.sql, q.params, frozen_id), &sink);
}

void run_select_sync(Session& s, const sql::SelectStmt& stmt, std::uint32_t frozen_id,
                     RowSink& sink) {
  sql::CompiledSql q = sql::compile(s.dialect(), stmt);
  s.execute_sync(read_only_select(q.sql, q.params, frozen_id), &sink);
}

Task<std::unique_ptr<RowStream>> open_select_stream(Session& s,
                                                    std::shared_ptr<const sql::SelectStmt> stmt) {
  sql::CompiledSql q = sql::compile(s.dialect(), *stmt);
  co_return co_await s.open_stream(Statement{q.sql, q.params});
}

std::unique_ptr<RowStream> open_select_stream_sync(Session& s, const sql::SelectStmt& stmt) {
  sql::CompiledSql q = sql::compile(s.dialect(), stmt);
  return s.open_stream_sync(Statement{q.sql, q.params});
}

Task<std::string> select_json(Session& s, SelectParts parts) {
  sql::CompiledSql q = sql::compile(s.dialect(), *parts.stmt);
  std::string out;
  JsonSink sink(out, parts.keys, parts.writers);
  co_await s.execute(read_only_select(q.sql, q.params), &sink);
  sink.finish();
  co_return out;
}

std::string select_json_sync(Session& s, const SelectParts& parts) {
  sql::CompiledSql q = sql::compile(s.dialect(), *parts.stmt);
  std::string out;
  JsonSink sink(out, parts.keys, parts.writers);
  s.execute_sync(read_only_select(q.sql, q.params), &sink);
  sink.finish();
  return out;
}

Task<std::vector<DynamicRow>> select_dynamic(Session& s, SelectParts parts) {
  sql::CompiledSql q = sql::compile(s.dialect(), *parts.stmt);
  std::vector<DynamicRow> rows;
  DynamicSink sink(rows, parts.keys);
  co_await s.execute(read_only_select(q.sql, q.params), &sink);
  co_return rows;
}

std::vector<DynamicRow> select_dynamic_sync(Session& s, const SelectParts& parts) {
  sql::CompiledSql q = sql::compile(s.dialect(), *parts.stmt);
  std::vector<DynamicRow> rows;
  DynamicSink sink(rows, parts.keys);
  s.execute_sync(read_only_select(q.sql, q.params), &sink);
  return rows;
}

std::shared_ptr<sql::SelectStmt> count_statement(const sql::SelectStmt& stmt) {
  if (stmt.distinct || !stmt.group_by.empty() || stmt.limit || stmt.offset) {
    // Counts the rows the query returns (distinct rows, groups, one page):
    // SELECT count(*) FROM (query) AS quarry_count. The order only matters
    // when it decides which rows a limit or offset keeps.
    auto inner = std::make_shared<sql::SelectStmt>(stmt);
    if (!stmt.limit && !stmt.offset) inner->order_by.clear();
    auto outer = std::make_shared<sql::SelectStmt>();
    outer->columns = {sql::function("count", {sql::star()})};
    outer->from = "quarry_count";
    outer->from_select = std::move(inner);
    return outer;
  }
  auto s = std::make_shared<sql::SelectStmt>(stmt);
  s->columns = {sql::function("count", {sql::star()})};
  s->order_by.clear();
  return s;
}

std::shared_ptr<sql::SelectStmt> exists_statement(const sql::SelectStmt& stmt) {
  auto inner = std::make_shared<sql::SelectStmt>(stmt);
  inner->columns = {sql::value(Value(std::int64_t{1}))};
  inner->order_by.clear();
  auto outer = std::make_shared<sql::SelectStmt>();
  outer->columns = {sql::exists(inner, false)};
  return outer;
}

Task<std::int64_t> count_select(Session& s, std::shared_ptr<const sql::SelectStmt> stmt) {
  std::vector<std::int64_t> rows;
  RowsSink sink(rows, &append_row<std::int64_t, std::int64_t>);
  co_await run_select(s, *stmt, 0, sink);
  co_return rows.at(0);
}

std::int64_t count_select_sync(Session& s, const sql::SelectStmt& stmt) {
  std::vector<std::int64_t> rows;
  RowsSink sink(rows, &append_row<std::int64_t, std::int64_t>);
  run_select_sync(s, stmt, 0, sink);
  return rows.at(0);
}

Task<bool> exists_select(Session& s, std::shared_ptr<const sql::SelectStmt> stmt) {
  std::vector<bool> rows;
  RowsSink sink(rows, &append_row<bool, bool>);
  co_await run_select(s, *stmt, 0, sink);
  co_return rows.at(0);
}

void run_first_sync(Session& s, const sql::SelectStmt& stmt, RowSink& sink) {
  run_select_sync(s, *limited_statement(stmt, 1), 0, sink);
}

std::int64_t count_rows_sync(Session& s, const sql::SelectStmt& stmt) {
  return count_select_sync(s, *count_statement(stmt));
}

bool any_rows_sync(Session& s, const sql::SelectStmt& stmt) {
  return exists_select_sync(s, *exists_statement(stmt));
}

bool exists_select_sync(Session& s, const sql::SelectStmt& stmt) {
  std::vector<bool> rows;
  RowsSink sink(rows, &append_row<bool, bool>);
  run_select_sync(s, stmt, 0, sink);
  return rows.at(0);
}

namespace {

// Throws unless every param slot of the frozen statement has an argument.
void check_frozen_args(const FrozenSql& f, std::size_t given) {
  for (const auto& slot : f.compiled.slots) {
    if (static_cast<std::size_t>(slot.slot) >= given) {
      throw UsageError(
          fmt::format("frozen query needs a value for param({}) but was given {} argument(s): {}",
                      slot.slot, given, f.compiled.sql));
    }
  }
}

// Writes the frozen statement's values, with the run-time arguments in their
// slots, to `out` (as many as the statement has).
void fill_frozen_params(const FrozenSql& f, std::span<const Value> args, Value* out) {
  std::copy(f.compiled.params.begin(), f.compiled.params.end(), out);
  for (const auto& slot : f.compiled.slots) {
    out[slot.param_index] = args[static_cast<std::size_t>(slot.slot)];
  }
}

/// A frozen statement with at most this many values is run with them on the
/// stack: a point query then allocates nothing for its parameters.
constexpr std::size_t inline_frozen_params = 8;

/// See FrozenSql::arguments_are_params.
bool values_are_slots(const sql::CompiledSql& c) noexcept {
  if (c.slots.size() != c.params.size()) return false;
  for (const auto& slot : c.slots) {
    if (slot.param_index != static_cast<std::size_t>(slot.slot)) return false;
  }
  return true;
}

FrozenSql frozen_sql(const sql::Dialect& d, const sql::SelectStmt& stmt) {
  FrozenSql f{sql::compile(d, stmt), sql::next_frozen_id()};
  f.arguments_are_params = !f.compiled.slots.empty() && values_are_slots(f.compiled);
  return f;
}

}  // namespace

std::shared_ptr<const FrozenQuery> freeze_select(const sql::SelectStmt& stmt) {
  auto q = std::make_shared<FrozenQuery>();
  q->sqlite = frozen_sql(sql::sqlite_dialect(), stmt);
  q->postgresql = frozen_sql(sql::postgresql_dialect(), stmt);
  return q;
}

Task<void> run_frozen(Session& s, const FrozenSql& f, std::vector<Value> args, RowSink& sink) {
  if (f.arguments_are_params && args.size() == f.compiled.params.size()) {
    co_await s.execute(read_only_select(f.compiled.sql, args, f.id), &sink);
    co_return;
  }
  check_frozen_args(f, args.size());
  std::vector<Value> params(f.compiled.params.size());
  fill_frozen_params(f, args, params.data());
  co_await s.execute(read_only_select(f.compiled.sql, params, f.id), &sink);
}

namespace {

/// run_frozen_sync's other cases, kept out of the point query's way: its
/// frame (room for inline values) and checks would otherwise be paid by
/// every run.
[[gnu::noinline]] void run_frozen_sync_general(Session& s, const FrozenSql& f,
                                               std::span<const Value> args, RowSink& sink) {
  const std::size_t n = f.compiled.params.size();
  if (f.compiled.slots.empty() && args.empty()) {
    s.execute_sync(read_only_select(f.compiled.sql, f.compiled.params, f.id), &sink);
    return;
  }
  check_frozen_args(f, args.size());
  if (n <= inline_frozen_params) {
    std::array<Value, inline_frozen_params> params;  // null Values: nothing allocated
    fill_frozen_params(f, args, params.data());
    s.execute_sync(read_only_select(f.compiled.sql, std::span<const Value>(params.data(), n), f.id),
                   &sink);
    return;
  }
  std::vector<Value> params(n);
  fill_frozen_params(f, args, params.data());
  s.execute_sync(read_only_select(f.compiled.sql, params, f.id), &sink);
}

}  // namespace

void run_frozen_sync(Session& s, const FrozenSql& f, const Value* values, std::size_t count,
                     RowSink& sink) {
  const std::span<const Value> args(values, count);
  // The point query's path, alone: the arguments are the statement's values.
  if (f.arguments_are_params && args.size() == f.compiled.params.size()) [[likely]] {
    s.execute_sync(read_only_select(f.compiled.sql, args, f.id), &sink);
    return;
  }
  run_frozen_sync_general(s, f, args, sink);
}

}  // namespace quarry::detail
