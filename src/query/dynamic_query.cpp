// The statement half of the dynamic API: select, insert (and upsert),
// update and delete over dyn::Table, run through the same compiler, sinks
// and write paths as the typed API.
#include <algorithm>
#include <exception>

#include <fmt/format.h>

#include <quarry/query/dynamic.hpp>
#include <quarry/query/select.hpp>
#include <quarry/query/write.hpp>

#include "query/dynamic_sink.hpp"
#include "query/dynamic_types.hpp"
#include "query/json_sink.hpp"

namespace quarry::dyn {

namespace qd = quarry::detail;

namespace detail {

void ResultColumns::add(const Expr& e) {
  keys.push_back(e.key());
  types.push_back(e.type());
}

std::vector<std::string> distinct_keys(const ResultColumns& result,
                                       const std::vector<sql::Expr>& columns) {
  // Two columns of the same name from different tables (an explicit join)
  // would make one of them unreachable in a DynamicRow and a duplicate JSON
  // key: the later one is qualified by its table, "manager.name".
  std::vector<std::string> keys = result.keys;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].empty()) continue;
    bool seen = std::find(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(i), keys[i]) !=
                keys.begin() + static_cast<std::ptrdiff_t>(i);
    if (!seen || i >= columns.size()) continue;
    if (const auto* c = std::get_if<sql::ColumnRef>(&columns[i].node()); c && !c->path) {
      keys[i] = fmt::format("{}.{}", c->table, c->column);
    }
  }
  return keys;
}

}  // namespace detail

namespace {

void require_condition(const Expr& e, std::string_view what) {
  if (!e.is_condition()) {
    throw UsageError(
        fmt::format("{} takes a condition; {}{} is not one", what, e.describe(),
                    e.type() ? fmt::format(" ({})", detail::type_text(*e.type())) : std::string()));
  }
}

sql::Expr and_where(const sql::Expr& where, const sql::Expr& condition) {
  return where ? sql::binary(sql::BinaryOp::logical_and, where, condition) : condition;
}

qd::SelectParts select_parts(std::shared_ptr<sql::SelectStmt> stmt,
                             const detail::ResultColumns& result) {
  qd::SelectParts parts;
  parts.keys = detail::distinct_keys(result, stmt->columns);
  for (const auto& t : result.types) parts.writers.push_back(detail::json_writer_for(t));
  parts.stmt = std::move(stmt);
  return parts;
}

void no_path(const Table& table, std::string_view verb) {
  if (table.path()) {
    throw UsageError(fmt::format(
        "{} \"{}\" reached through a foreign key: {} the table itself (schema.table(\"{}\"))", verb,
        table.name(), verb, table.name()));
  }
}

}  // namespace

// --- Select --------------------------------------------------------------------

Select::Select() : stmt_(std::make_shared<sql::SelectStmt>()) {}

sql::SelectStmt& Select::mut() {
  // Copy on write: a query copied before a change keeps its own statement.
  if (stmt_.use_count() > 1) stmt_ = std::make_shared<sql::SelectStmt>(*stmt_);
  return *stmt_;
}

void Select::keep(const std::shared_ptr<const quarry::Schema>& schema) {
  if (schema && std::find(schemas_.begin(), schemas_.end(), schema) == schemas_.end()) {
    schemas_.push_back(schema);
  }
}

std::vector<std::string> Select::keys() const {
  return detail::distinct_keys(result_, stmt_->columns);
}

Select select(const Table& table) {
  Select q;
  q.keep(table.schema_holder());
  auto& s = q.mut();
  s.from =
      table.path() ? std::string_view(table.path()->root_table) : std::string_view(table.name());
  for (const auto& c : table.columns()) {
    s.columns.push_back(c.to_expr());
    q.result_.add(c);
  }
  return q;
}

Select select(const std::vector<Expr>& items) {
  if (items.empty()) throw UsageError("select() needs at least one column or expression");
  Select q;
  auto& s = q.mut();
  for (const auto& e : items) {
    if (e.empty()) throw UsageError("select() was given an empty expression");
    q.keep(e.schema_holder());
    if (s.from.empty()) s.from = qd::infer_from(e.to_expr());
    s.columns.push_back(e.to_expr());
    q.result_.add(e);
  }
  return q;
}

Select& Select::from(const Table& table) {
  keep(table.schema_holder());
  mut().from =
      table.path() ? std::string_view(table.path()->root_table) : std::string_view(table.name());
  return *this;
}
Select& Select::where(const Expr& condition) {
  require_condition(condition, "where()");
  keep(condition.schema_holder());
  auto& s = mut();
  s.where = and_where(s.where, condition.to_expr());
  return *this;
}
Select& Select::order_by(sql::OrderItem item) {
  mut().order_by.push_back(std::move(item));
  return *this;
}
Select& Select::group_by(const Expr& e) {
  keep(e.schema_holder());
  mut().group_by.push_back(e.to_expr());
  return *this;
}
Select& Select::having(const Expr& condition) {
  require_condition(condition, "having()");
  keep(condition.schema_holder());
  auto& s = mut();
  s.having = and_where(s.having, condition.to_expr());
  return *this;
}
Select& Select::limit(std::int64_t n) {
  if (n < 0) throw UsageError(fmt::format("limit({}) must not be negative", n));
  mut().limit = n;
  return *this;
}
Select& Select::offset(std::int64_t n) {
  if (n < 0) throw UsageError(fmt::format("offset({}) must not be negative", n));
  mut().offset = n;
  return *this;
}
Select& Select::distinct() {
  mut().distinct = true;
  return *this;
}
Select& Select::join(const Table& table, const Expr& on) {
  no_path(table, "join with");
  require_condition(on, "join()");
  keep(table.schema_holder());
  mut().joins.push_back({sql::JoinKind::inner, table.name(), {}, on.to_expr()});
  return *this;
}
Select& Select::left_join(const Table& table, const Expr& on) {
  no_path(table, "join with");
  require_condition(on, "left_join()");
  keep(table.schema_holder());
  mut().joins.push_back({sql::JoinKind::left, table.name(), {}, on.to_expr()});
  return *this;
}

// Each coroutine takes the query by value: it may start after the Select
// that made it is gone, and the copy keeps the Schema its names point into.
namespace {

Task<std::vector<DynamicRow>> run_rows([[maybe_unused]] Select q, Session& s,
                                       qd::SelectParts parts) {
  auto task = qd::select_dynamic(s, std::move(parts));
  co_return co_await std::move(task);
}

Task<std::optional<DynamicRow>> run_first([[maybe_unused]] Select q, Session& s,
                                          qd::SelectParts parts) {
  auto task = qd::select_dynamic(s, std::move(parts));
  std::vector<DynamicRow> rows = co_await std::move(task);
  if (rows.empty()) co_return std::nullopt;
  co_return std::move(rows.front());
}

Task<std::string> run_json([[maybe_unused]] Select q, Session& s, qd::SelectParts parts) {
  auto task = qd::select_json(s, std::move(parts));
  co_return co_await std::move(task);
}

Task<std::int64_t> run_count([[maybe_unused]] Select q, Session& s) {
  auto stmt = qd::count_statement(q.statement());
  auto task = qd::count_select(s, std::move(stmt));
  co_return co_await std::move(task);
}

Task<bool> run_exists([[maybe_unused]] Select q, Session& s) {
  auto stmt = qd::exists_statement(q.statement());
  auto task = qd::exists_select(s, std::move(stmt));
  co_return co_await std::move(task);
}

}  // namespace

Task<std::vector<DynamicRow>> Select::run(Session& s) const {
  return run_rows(*this, s, select_parts(stmt_, result_));
}
std::vector<DynamicRow> Select::run_sync(Session& s) const {
  return qd::select_dynamic_sync(s, select_parts(stmt_, result_));
}
Task<std::optional<DynamicRow>> Select::first(Session& s) const {
  return run_first(*this, s, select_parts(qd::limited_statement(*stmt_, 1), result_));
}
std::optional<DynamicRow> Select::first_sync(Session& s) const {
  auto rows = qd::select_dynamic_sync(s, select_parts(qd::limited_statement(*stmt_, 1), result_));
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}
Task<std::string> Select::json(Session& s) const {
  return run_json(*this, s, select_parts(stmt_, result_));
}
std::string Select::json_sync(Session& s) const {
  return qd::select_json_sync(s, select_parts(stmt_, result_));
}
Task<std::int64_t> Select::count(Session& s) const {
  return run_count(*this, s);
}
std::int64_t Select::count_sync(Session& s) const {
  return qd::count_select_sync(s, *qd::count_statement(*stmt_));
}
Task<bool> Select::exists(Session& s) const {
  return run_exists(*this, s);
}
bool Select::exists_sync(Session& s) const {
  return qd::exists_select_sync(s, *qd::exists_statement(*stmt_));
}

namespace {
Expr in_query(const Expr& e, const Select& q, bool negated) {
  const auto& cols = q.statement().columns;
  if (cols.size() != 1) {
    throw UsageError(fmt::format("in_(select(...)) of {} needs a select of one column; it has {}",
                                 e.describe(), cols.size()));
  }
  Expr::Parts p;
  p.node = sql::in_select(e.to_expr(), q.shared_statement(), negated);
  SqlType boolean;
  boolean.kind = TypeKind::boolean;
  p.type = boolean;
  p.schema = e.schema_holder();
  return Expr(std::move(p));
}
}  // namespace

Expr Expr::in_(const Select& query) const {
  return in_query(*this, query, false);
}
Expr Expr::not_in(const Select& query) const {
  return in_query(*this, query, true);
}

// --- Returning -------------------------------------------------------------------

Returning::Returning(Compile compile, detail::ResultColumns result,
                     std::shared_ptr<const quarry::Schema> schema, std::string refusal)
    : compile_(std::move(compile)),
      result_(std::move(result)),
      schema_(std::move(schema)),
      refusal_(std::move(refusal)) {}

void Returning::check() const {
  if (!refusal_.empty()) throw UsageError(refusal_);
}

namespace {

struct ReturningRun {
  sql::CompiledSql compiled;
  std::vector<std::string> keys;
  std::vector<qd::JsonWriter> writers;
};

ReturningRun prepare(const Returning::Compile& compile, const detail::ResultColumns& result,
                     const sql::Dialect& d) {
  ReturningRun r;
  r.compiled = compile(d);
  r.keys = result.keys;  // RETURNING has no joins: the keys are distinct names already
  for (const auto& t : result.types) r.writers.push_back(detail::json_writer_for(t));
  return r;
}

Task<std::vector<DynamicRow>> returning_rows([[maybe_unused]] Returning keep, Session& s,
                                             ReturningRun r) {
  std::vector<DynamicRow> rows;
  if (r.compiled.sql.empty()) co_return rows;
  qd::DynamicSink sink(rows, r.keys);
  Statement stmt{r.compiled.sql, r.compiled.params};
  co_await s.execute(stmt, &sink);
  co_return rows;
}

Task<std::string> returning_json([[maybe_unused]] Returning keep, Session& s, ReturningRun r) {
  std::string out;
  qd::JsonSink sink(out, r.keys, r.writers);
  if (!r.compiled.sql.empty()) {
    Statement stmt{r.compiled.sql, r.compiled.params};
    co_await s.execute(stmt, &sink);
  }
  sink.finish();
  co_return out;
}

}  // namespace

Task<std::vector<DynamicRow>> Returning::run(Session& s) const {
  check();
  return returning_rows(*this, s, prepare(compile_, result_, s.dialect()));
}
std::vector<DynamicRow> Returning::run_sync(Session& s) const {
  check();
  ReturningRun r = prepare(compile_, result_, s.dialect());
  std::vector<DynamicRow> rows;
  if (r.compiled.sql.empty()) return rows;
  qd::DynamicSink sink(rows, r.keys);
  s.execute_sync(Statement{r.compiled.sql, r.compiled.params}, &sink);
  return rows;
}
Task<std::string> Returning::json(Session& s) const {
  check();
  return returning_json(*this, s, prepare(compile_, result_, s.dialect()));
}
std::string Returning::json_sync(Session& s) const {
  check();
  ReturningRun r = prepare(compile_, result_, s.dialect());
  std::string out;
  qd::JsonSink sink(out, r.keys, r.writers);
  if (!r.compiled.sql.empty()) s.execute_sync(Statement{r.compiled.sql, r.compiled.params}, &sink);
  sink.finish();
  return out;
}

namespace {

/// The RETURNING items: expressions of the written table, named as select() names them.
std::pair<std::vector<sql::Expr>, detail::ResultColumns> returning_items(
    const std::vector<Expr>& items, std::string_view verb) {
  if (items.empty()) {
    throw UsageError(fmt::format("{} returning() needs at least one column or expression", verb));
  }
  std::vector<sql::Expr> exprs;
  detail::ResultColumns result;
  for (const auto& e : items) {
    exprs.push_back(e.to_expr());
    result.add(e);
  }
  return {std::move(exprs), std::move(result)};
}

}  // namespace

// --- Insert ----------------------------------------------------------------------

Insert::Insert(const Table& table) : table_(table) {
  no_path(table, "insert into");
  if (table.schema().is_view) {
    throw UsageError(fmt::format("\"{}\" is a view: it cannot be inserted into", table.name()));
  }
}

Insert& Insert::values(const Values& row) {
  const TableSchema& t = table_.schema();
  std::vector<std::pair<const ColumnSchema*, Value>> given;
  for (const auto& [name, literal] : row) {
    Column c = table_.column(name);
    for (const auto& g : given) {
      if (g.first == &c.schema()) {
        throw UsageError(
            fmt::format("insert into \"{}\": column \"{}\" is given twice", t.name, name));
      }
    }
    given.emplace_back(&c.schema(), c.checked(literal, true));
  }
  for (const auto& c : t.columns) {
    bool present =
        std::any_of(given.begin(), given.end(), [&](const auto& g) { return g.first == &c; });
    if (!present && !c.nullable && !c.auto_increment && !c.default_sql) {
      throw UsageError(fmt::format(
          "insert into \"{}\": column \"{}\" is NOT NULL and has no default; give it a value",
          t.name, c.name));
    }
  }
  const std::size_t row_number = rows_.size() + 1;
  if (rows_.empty()) {
    for (const auto& g : given) columns_.push_back(g.first);
  } else {
    bool same = given.size() == columns_.size();
    for (const auto& g : given) {
      same = same && std::find(columns_.begin(), columns_.end(), g.first) != columns_.end();
    }
    if (!same) {
      std::vector<std::string_view> first, this_one;
      for (const auto* c : columns_) first.push_back(c->name);
      for (const auto& g : given) this_one.push_back(g.first->name);
      throw UsageError(fmt::format(
          "insert into \"{}\": row {} gives the columns ({}) but row 1 gives ({}); every row "
          "must give the same columns",
          t.name, row_number, fmt::join(this_one, ", "), fmt::join(first, ", ")));
    }
  }
  if (columns_.empty() && !rows_.empty()) {
    throw UsageError(fmt::format(
        "insert into \"{}\": only one row of DEFAULT VALUES fits in one statement", t.name));
  }
  std::vector<Value> values;
  std::vector<sql::Expr> exprs;
  for (const auto* c : columns_) {
    for (auto& g : given) {
      if (g.first != c) continue;
      exprs.push_back(sql::value(g.second, c->type.kind == TypeKind::decimal));
      values.push_back(std::move(g.second));
    }
  }
  rows_.push_back(std::move(values));
  exprs_.push_back(std::move(exprs));
  given_ = true;
  return *this;
}

Insert& Insert::rows(const std::vector<Values>& rows) {
  for (const auto& r : rows) values(r);
  given_ = true;
  return *this;
}

Insert& Insert::on_conflict(const std::vector<std::string>& columns) {
  on_conflict_.emplace();
  for (const auto& name : columns) on_conflict_->target.push_back(table_.column(name).name());
  return *this;
}
Insert& Insert::do_nothing() {
  if (!on_conflict_) on_conflict_.emplace();
  on_conflict_->action = sql::OnConflict::Action::do_nothing;
  on_conflict_->set.clear();
  return *this;
}
Insert& Insert::do_update(const std::vector<std::string>& columns) {
  if (!on_conflict_) on_conflict_.emplace();
  on_conflict_->action = sql::OnConflict::Action::do_update;
  for (const auto& name : columns) {
    Column c = table_.column(name);
    on_conflict_->set.push_back({c.name(), c.excluded().to_expr()});
  }
  return *this;
}
Insert& Insert::do_update_set(std::string_view column, const Literal& value) {
  Column c = table_.column(column);
  if (!on_conflict_) on_conflict_.emplace();
  on_conflict_->action = sql::OnConflict::Action::do_update;
  on_conflict_->set.push_back(
      {c.name(), sql::value(c.checked(value, true), c.schema().type.kind == TypeKind::decimal)});
  return *this;
}
Insert& Insert::do_update_set(std::string_view column, const Expr& value) {
  Column c = table_.column(column);
  if (!detail::compatible(c.type(), value.type())) {
    throw UsageError(fmt::format("{} is {}; it cannot be set to {} ({})", c.describe(),
                                 detail::type_text(c.schema().type), value.describe(),
                                 detail::type_text(*value.type())));
  }
  if (!on_conflict_) on_conflict_.emplace();
  on_conflict_->action = sql::OnConflict::Action::do_update;
  on_conflict_->set.push_back({c.name(), value.to_expr()});
  return *this;
}

sql::InsertStmt Insert::statement() const {
  sql::InsertStmt s;
  s.table = table_.name();
  for (const auto* c : columns_) s.columns.push_back(c->name);
  if (!columns_.empty()) s.rows = exprs_;
  s.on_conflict = on_conflict_;
  s.generated_key = table_.schema().generated_key();
  return s;
}

void Insert::check() const {
  if (!given_) {
    throw UsageError(fmt::format(
        "insert into \"{}\" has no values: call values({{...}}) or rows({{...}})", table_.name()));
  }
}

std::string Insert::sql(const sql::Dialect& d) const {
  return sql::compile(d, statement()).display();
}

namespace {

qd::ProposedRows proposed(const std::vector<const ColumnSchema*>& columns,
                          const std::vector<std::vector<Value>>& rows) {
  qd::ProposedRows out;
  for (const auto& row : rows) {
    auto& r = out.emplace_back();
    for (std::size_t i = 0; i < columns.size(); ++i) r.emplace_back(columns[i]->name, row[i]);
  }
  return out;
}

Task<ExecResult> run_insert([[maybe_unused]] Insert keep, Session& s, sql::CompiledSql compiled,
                            const TableSchema* table, qd::ProposedRows rows) {
  std::exception_ptr failure;
  try {
    auto task = qd::run_statement(s, std::move(compiled));
    co_return co_await std::move(task);
  } catch (const ForeignKeyViolation&) {
    failure = std::current_exception();
  }
  try {
    std::rethrow_exception(failure);
  } catch (const ForeignKeyViolation& e) {
    // Error path only: the lookups that name the broken key run synchronously.
    qd::explain_foreign_key_violation(s, *table, rows, e);
  }
}

}  // namespace

Task<ExecResult> Insert::run(Session& s) const {
  check();
  if (rows_.empty()) return []() -> Task<ExecResult> { co_return ExecResult{}; }();
  return run_insert(*this, s, sql::compile(s.dialect(), statement()), &table_.schema(),
                    proposed(columns_, rows_));
}

ExecResult Insert::run_sync(Session& s) const {
  check();
  if (rows_.empty()) return {};
  sql::CompiledSql compiled = sql::compile(s.dialect(), statement());
  try {
    return qd::run_statement_sync(s, compiled);
  } catch (const ForeignKeyViolation& e) {
    qd::explain_foreign_key_violation(s, table_.schema(), proposed(columns_, rows_), e);
  }
}

Returning Insert::returning(const std::vector<Expr>& items) const {
  auto [exprs, result] = returning_items(items, "insert");
  sql::InsertStmt stmt = statement();
  stmt.returning = std::move(exprs);
  bool nothing = given_ && rows_.empty();
  std::string refusal;
  if (!given_) {
    refusal = fmt::format("insert into \"{}\" has no values: call values({{...}}) or rows({{...}})",
                          table_.name());
  }
  return Returning(
      [stmt, nothing](const sql::Dialect& d) {
        return nothing ? sql::CompiledSql{} : sql::compile(d, stmt);
      },
      std::move(result), table_.schema_holder(), std::move(refusal));
}

// --- Update ----------------------------------------------------------------------

Update::Update(const Table& table) : table_(table) {
  no_path(table, "update");
  if (table.schema().is_view) {
    throw UsageError(fmt::format("\"{}\" is a view: it cannot be updated", table.name()));
  }
  stmt_.table = table_.name();
}

namespace {
void add_assignment(std::vector<sql::Assignment>& set, std::string_view table, const Column& c,
                    sql::Expr value) {
  for (const auto& a : set) {
    if (a.column == c.name()) {
      throw UsageError(fmt::format("update of \"{}\" sets \"{}\" twice", table, c.name()));
    }
  }
  set.push_back({c.name(), std::move(value)});
}
}  // namespace

Update& Update::set(std::string_view column, const Literal& value) {
  Column c = table_.column(column);
  add_assignment(stmt_.set, table_.name(), c,
                 sql::value(c.checked(value, true), c.schema().type.kind == TypeKind::decimal));
  return *this;
}
Update& Update::set(std::string_view column, const Expr& value) {
  Column c = table_.column(column);
  if (!detail::compatible(c.type(), value.type())) {
    throw UsageError(fmt::format("{} is {}; it cannot be set to {} ({})", c.describe(),
                                 detail::type_text(c.schema().type), value.describe(),
                                 detail::type_text(*value.type())));
  }
  add_assignment(stmt_.set, table_.name(), c, value.to_expr());
  return *this;
}
Update& Update::where(const Expr& condition) {
  require_condition(condition, "where()");
  stmt_.where = and_where(stmt_.where, condition.to_expr());
  return *this;
}
Update& Update::all_rows() {
  all_rows_ = true;
  return *this;
}
void Update::check() const {
  if (!stmt_.where && !all_rows_) qd::throw_missing_where("update", stmt_.table);
}
std::string Update::sql(const sql::Dialect& d) const {
  return sql::compile(d, stmt_).display();
}
Task<ExecResult> Update::run(Session& s) const {
  check();
  return qd::run_statement(s, sql::compile(s.dialect(), stmt_));
}
ExecResult Update::run_sync(Session& s) const {
  check();
  return qd::run_statement_sync(s, sql::compile(s.dialect(), stmt_));
}

namespace {
std::string refusal_of(const std::function<void()>& check) {
  try {
    check();
  } catch (const UsageError& e) {
    return e.what();
  }
  return {};
}
}  // namespace

Returning Update::returning(const std::vector<Expr>& items) const {
  auto [exprs, result] = returning_items(items, "update");
  sql::UpdateStmt stmt = stmt_;
  stmt.returning = std::move(exprs);
  return Returning([stmt](const sql::Dialect& d) { return sql::compile(d, stmt); },
                   std::move(result), table_.schema_holder(), refusal_of([this] { check(); }));
}

// --- Delete ----------------------------------------------------------------------

Delete::Delete(const Table& table) : table_(table) {
  no_path(table, "delete from");
  if (table.schema().is_view) {
    throw UsageError(fmt::format("\"{}\" is a view: rows cannot be deleted from it", table.name()));
  }
  stmt_.table = table_.name();
}
Delete& Delete::where(const Expr& condition) {
  require_condition(condition, "where()");
  stmt_.where = and_where(stmt_.where, condition.to_expr());
  return *this;
}
Delete& Delete::all_rows() {
  all_rows_ = true;
  return *this;
}
void Delete::check() const {
  if (!stmt_.where && !all_rows_) qd::throw_missing_where("delete", stmt_.table);
}
std::string Delete::sql(const sql::Dialect& d) const {
  return sql::compile(d, stmt_).display();
}
Task<ExecResult> Delete::run(Session& s) const {
  check();
  return qd::run_statement(s, sql::compile(s.dialect(), stmt_));
}
ExecResult Delete::run_sync(Session& s) const {
  check();
  return qd::run_statement_sync(s, sql::compile(s.dialect(), stmt_));
}
Returning Delete::returning(const std::vector<Expr>& items) const {
  auto [exprs, result] = returning_items(items, "delete");
  sql::DeleteStmt stmt = stmt_;
  stmt.returning = std::move(exprs);
  return Returning([stmt](const sql::Dialect& d) { return sql::compile(d, stmt); },
                   std::move(result), table_.schema_holder(), refusal_of([this] { check(); }));
}

}  // namespace quarry::dyn
