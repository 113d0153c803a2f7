// The non-template half of insert/update/delete and objects().
#include <quarry/query/objects.hpp>
#include <quarry/query/write.hpp>

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include <quarry/error.hpp>

namespace quarry::detail {

Task<ExecResult> run_statement(Session& s, sql::CompiledSql compiled) {
  co_return co_await s.execute(Statement{compiled.sql, compiled.params}, nullptr);
}

ExecResult run_statement_sync(Session& s, const sql::CompiledSql& compiled) {
  return s.execute_sync(Statement{compiled.sql, compiled.params}, nullptr);
}

namespace {

// The statement's values with one row's values in its param slots.
std::vector<Value> with_row(const sql::CompiledSql& c, const std::vector<Value>& row) {
  std::vector<Value> params = c.params;
  for (const auto& slot : c.slots)
    params[slot.param_index] = row.at(static_cast<std::size_t>(slot.slot));
  return params;
}

}  // namespace

Task<void> run_returning(Session& s, const ReturningPlan& plan, RowSink& sink) {
  const sql::CompiledSql& c = plan.compiled;
  if (c.sql.empty()) co_return;  // nothing to write
  if (plan.rows.size() <= 1) {
    std::vector<Value> params = plan.rows.empty() ? c.params : with_row(c, plan.rows[0]);
    Statement stmt{c.sql, params};
    co_await s.execute(stmt, &sink);
    co_return;
  }
  // One statement per row, in order, all or none.
  std::function<Task<void>(Transaction&)> body = [&](Transaction& tx) -> Task<void> {
    for (const auto& row : plan.rows) {
      std::vector<Value> params = with_row(c, row);
      Statement stmt{c.sql, params};
      co_await tx.execute(stmt, &sink);
    }
  };
  co_await s.transaction(std::move(body));
}

void run_returning_sync(Session& s, const ReturningPlan& plan, RowSink& sink) {
  const sql::CompiledSql& c = plan.compiled;
  if (c.sql.empty()) return;  // nothing to write
  if (plan.rows.size() <= 1) {
    std::vector<Value> params = plan.rows.empty() ? c.params : with_row(c, plan.rows[0]);
    s.execute_sync(Statement{c.sql, params}, &sink);
    return;
  }
  s.transaction_sync([&](Transaction& tx) {
    for (const auto& row : plan.rows) {
      std::vector<Value> params = with_row(c, row);
      tx.execute_sync(Statement{c.sql, params}, &sink);
    }
  });
}

std::string returning_display(const ReturningPlan& plan) {
  if (plan.rows.empty()) return plan.compiled.display();
  sql::CompiledSql first = plan.compiled;
  first.params = with_row(plan.compiled, plan.rows[0]);
  first.slots.clear();
  return first.display();
}

void throw_missing_where(std::string_view verb, std::string_view table) {
  throw UsageError(fmt::format(
      "{} of \"{}\" has no where(): it would change every row; add .where(...) or say .all_rows()",
      verb, table));
}

namespace {

class FoundSink final : public RowSink {
 public:
  bool found = false;
  void on_row(const RowReader&) override { found = true; }
};

}  // namespace

void explain_foreign_key_violation(Session& s, const TableSchema& table, const ProposedRows& rows,
                                   const ForeignKeyViolation& original) {
  const sql::Dialect& d = s.dialect();
  for (const auto& row : rows) {
    for (const ForeignKey& fk : table.foreign_keys) {
      if (fk.columns.size() != 1) continue;
      const Value* proposed = nullptr;
      for (const auto& [name, value] : row) {
        if (name == fk.columns[0]) proposed = &value;
      }
      if (!proposed || proposed->is_null()) continue;
      std::string lookup = "SELECT 1 FROM ";
      d.quote_identifier(lookup, fk.ref_table);
      lookup += " WHERE ";
      d.quote_identifier(lookup, fk.ref_columns[0]);
      lookup += " = ";
      d.placeholder(lookup, 0);
      lookup += " LIMIT 1";
      FoundSink sink;
      try {
        s.execute_sync(Statement{lookup, std::span<const Value>(proposed, 1)}, &sink);
      } catch (const Error&) {
        throw original;  // cannot look (e.g. an aborted transaction): keep what the database said
      }
      if (sink.found) continue;
      ConstraintError::Details details{table.name, fk.columns[0], fk.name};
      throw ForeignKeyViolation(
          fmt::format(
              "foreign key \"{}\" violated: \"{}\".\"{}\" = {} has no matching \"{}\".\"{}\"\n{}",
              fk.name, table.name, fk.columns[0], proposed->to_display(), fk.ref_table,
              fk.ref_columns[0], original.what()),
          original.sql(), original.code(), std::move(details));
    }
  }
  throw original;
}

// --- Insert of row structs -------------------------------------------------

namespace {

/// An integer auto-increment key of 0 means "let the database assign one".
bool is_unassigned_key(const void* member, const MemberOps& ops) {
  return ops.integral && ops.get_integer(member) == 0;
}

/// Calls f(column, member, ops) for each member of one row struct.
template <class F>
void visit_row(const ModelInfo& model, const void* row, F&& f) {
  struct Visitor final : MemberVisitor {
    explicit Visitor(F& f) : f_(f) {}
    void visit(std::size_t column, const void* member, const MemberOps& ops) override {
      f_(column, member, ops);
    }
    F& f_;
  };
  Visitor v(f);
  model.visit(row, v);
}

/// Binds each row struct into the compiled batch statement: the member of
/// the k-th included column into param slot k, and the statement's own
/// values (an upsert's do_update_set) as compiled. An auto-increment key
/// left at 0 is bound as NULL, which asks the database for a new key (the
/// key column is included when other rows give theirs; see
/// Dialect::assign_key_sql).
class ModelBatch final : public BatchSource {
 public:
  ModelBatch(const ModelInfo& model, const unsigned char* rows, std::size_t count,
             std::size_t row_size, const std::vector<bool>& included,
             const std::vector<bool>& auto_keys, const sql::CompiledSql& compiled)
      : model_(model), rows_(rows), count_(count), row_size_(row_size), compiled_(compiled) {
    std::vector<std::size_t> slot_param(compiled.params.size(), 0);  // param index of each slot
    std::vector<bool> is_slot(compiled.params.size(), false);
    for (const auto& s : compiled.slots) {
      slot_param[static_cast<std::size_t>(s.slot)] = s.param_index;
      is_slot[s.param_index] = true;
    }
    for (std::size_t j = 0; j < is_slot.size(); ++j) {
      if (!is_slot[j]) fixed_.push_back(j);
    }
    // Decided once here, not per member of every row: slot k is the k-th
    // included column.
    plan_.resize(included.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < included.size(); ++i) {
      if (!included[i]) continue;
      plan_[i] = {slot_param[k++], true, auto_keys[i]};
    }
  }
  std::size_t size() const override { return count_; }
  void bind(std::size_t r, ParamWriter& w) override {
    visit_row(model_, rows_ + r * row_size_,
              [&](std::size_t i, const void* member, const MemberOps& ops) {
                const ColumnPlan& c = plan_[i];
                if (!c.included) return;
                if (c.auto_key && is_unassigned_key(member, ops)) {
                  w.bind_null(c.param);
                } else {
                  ops.bind(w, c.param, member);
                }
              });
    for (std::size_t j : fixed_) w.bind(j, compiled_.params[j]);
  }

 private:
  /// What one column of the row struct binds.
  struct ColumnPlan {
    std::size_t param = 0;  // its parameter index
    bool included = false;  // whether the statement has the column
    bool auto_key = false;  // an auto-increment key: 0 binds NULL (a new key)
  };

  const ModelInfo& model_;
  const unsigned char* rows_;
  std::size_t count_;
  std::size_t row_size_;
  const sql::CompiledSql& compiled_;
  std::vector<ColumnPlan> plan_;    // by column of the model
  std::vector<std::size_t> fixed_;  // param indexes bound to compiled values
};

}  // namespace

InsertBase::InsertBase(const ModelInfo& model, std::size_t row_size)
    : model_(&model), row_size_(row_size) {
  stmt_.table = model.sql_name;
  stmt_.generated_key = model.schema().generated_key();
}
InsertBase::InsertBase(const InsertBase&) = default;
InsertBase::InsertBase(InsertBase&&) noexcept = default;
InsertBase& InsertBase::operator=(const InsertBase&) = default;
InsertBase& InsertBase::operator=(InsertBase&&) noexcept = default;
InsertBase::~InsertBase() = default;

void InsertBase::borrow_rows(const void* rows, std::size_t count) noexcept {
  set_rows(nullptr, rows, count);
}

void InsertBase::add_value(std::string_view column, sql::Expr value) {
  stmt_.columns.push_back(column);
  if (stmt_.rows.empty()) stmt_.rows.emplace_back();
  stmt_.rows[0].push_back(std::move(value));
}

ExecResult InsertBase::run_sync(Session& s) const {
  if (no_rows()) return {};
  try {
    if (by_columns()) return run_statement_sync(s, sql::compile(s.dialect(), stmt_));
    std::vector<bool> included = included_columns();
    sql::CompiledSql compiled = sql::compile(s.dialect(), batch_statement(s.dialect(), included));
    ModelBatch batch(*model_, rows_, count_, row_size_, included, auto_key_columns(), compiled);
    return s.execute_batch_sync(compiled.sql, batch);
  } catch (const ForeignKeyViolation& e) {
    explain_foreign_key_violation(s, model_->schema(), proposed_rows(), e);
  }
}

Task<ExecResult> InsertBase::run(Session& s) const {
  return run_async(s, *this);
}

Task<ExecResult> InsertBase::run_async(Session& s, InsertBase self) {
  if (self.no_rows()) co_return ExecResult{};
  std::exception_ptr failure;
  try {
    if (self.by_columns()) {
      co_return co_await run_statement(s, sql::compile(s.dialect(), self.stmt_));
    }
    std::vector<bool> included = self.included_columns();
    sql::CompiledSql compiled =
        sql::compile(s.dialect(), self.batch_statement(s.dialect(), included));
    ModelBatch batch(*self.model_, self.rows_, self.count_, self.row_size_, included,
                     self.auto_key_columns(), compiled);
    co_return co_await s.execute_batch(compiled.sql, batch);
  } catch (const ForeignKeyViolation&) {
    failure = std::current_exception();
  }
  try {
    std::rethrow_exception(failure);
  } catch (const ForeignKeyViolation& e) {
    // Error path only: the lookups run synchronously.
    explain_foreign_key_violation(s, self.model_->schema(), self.proposed_rows(), e);
  }
}

std::string InsertBase::sql(const sql::Dialect& d) const {
  return compile_one(d).display();
}

ReturningPlan InsertBase::returning_plan(const sql::Dialect& d,
                                         const std::vector<sql::Expr>& items) const {
  ReturningPlan plan;
  if (no_rows()) return plan;  // no SQL: nothing runs
  if (by_columns()) {
    sql::InsertStmt one = stmt_;
    one.returning = items;
    plan.compiled = sql::compile(d, one);
    return plan;
  }
  std::vector<bool> included = included_columns();
  sql::InsertStmt one = batch_statement(d, included);
  one.returning = items;
  plan.compiled = sql::compile(d, one);
  plan.rows.reserve(count_);
  for (std::size_t n = 0; n < count_; ++n) plan.rows.push_back(row_values(row_at(n), included));
  return plan;
}

void InsertBase::explain_violation(Session& s, const ForeignKeyViolation& e) const {
  explain_foreign_key_violation(s, model_->schema(), proposed_rows(), e);
}

// Which columns of the model table are auto-increment keys.
std::vector<bool> InsertBase::auto_key_columns() const {
  const TableSchema& schema = model_->schema();
  std::vector<bool> out(model_->column_names.size(), false);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const ColumnSchema* c = schema.find_column(model_->column_names[i]);
    out[i] = c && c->auto_increment;
  }
  return out;
}

// An auto-increment key left at 0 in every row is left to the database.
std::vector<bool> InsertBase::included_columns() const {
  std::vector<bool> auto_keys = auto_key_columns();
  std::vector<bool> included(auto_keys.size(), true);
  std::vector<bool> all_zero = auto_keys;  // so far, among the auto-increment keys
  // Stops at the first row that gives every key: rows that give their keys
  // (the common bulk load) are then not visited a second time.
  auto undecided = static_cast<std::size_t>(std::count(all_zero.begin(), all_zero.end(), true));
  for (std::size_t n = 0; n < count_ && undecided > 0; ++n) {
    visit_row(*model_, row_at(n), [&](std::size_t i, const void* member, const MemberOps& ops) {
      if (all_zero[i] && ops.integral && ops.get_integer(member) != 0) {
        all_zero[i] = false;
        --undecided;
      }
    });
  }
  for (std::size_t i = 0; i < included.size(); ++i) {
    if (auto_keys[i]) included[i] = !all_zero[i];
  }
  return included;
}

// The statement for row structs: the included columns, each value a
// param slot (slot k: the k-th included column). A key column included
// for some rows' explicit keys takes NULL in the others: a new key where
// NULL asks for one (SQLite), else coalesce(key, the dialect's next key).
sql::InsertStmt InsertBase::batch_statement(const sql::Dialect& d,
                                            const std::vector<bool>& included) const {
  sql::InsertStmt one = stmt_;
  one.columns.clear();
  one.rows.assign(1, {});
  std::vector<bool> auto_keys = auto_key_columns();
  int slot = 0;
  for (std::size_t i = 0; i < included.size(); ++i) {
    if (!included[i]) continue;
    one.columns.push_back(model_->column_names[i]);
    sql::Expr value = sql::parameter(slot++);
    if (auto_keys[i] && !d.assign_key_sql.empty() && some_key_unassigned(i)) {
      std::string table;
      d.quote_identifier(table, model_->sql_name);
      value = sql::function("coalesce",
                            {value, sql::raw(std::string(d.assign_key_sql),
                                             {Value(std::move(table)),
                                              Value(std::string(model_->column_names[i]))})});
    }
    one.rows[0].push_back(std::move(value));
  }
  return one;
}

bool InsertBase::some_key_unassigned(std::size_t column) const {
  bool found = false;
  for (std::size_t n = 0; n < count_ && !found; ++n) {
    visit_row(*model_, row_at(n), [&](std::size_t i, const void* member, const MemberOps& ops) {
      if (i == column && is_unassigned_key(member, ops)) found = true;
    });
  }
  return found;
}

// The values of one row struct's included columns (NULL for a key left at 0).
std::vector<Value> InsertBase::row_values(const void* row,
                                          const std::vector<bool>& included) const {
  std::vector<bool> auto_keys = auto_key_columns();
  std::vector<Value> values;
  visit_row(*model_, row, [&](std::size_t i, const void* member, const MemberOps& ops) {
    if (!included[i]) return;
    if (auto_keys[i] && is_unassigned_key(member, ops)) {
      values.emplace_back();
    } else {
      values.push_back(ops.to_value(member));
    }
  });
  return values;
}

sql::CompiledSql InsertBase::compile_one(const sql::Dialect& d) const {
  if (by_columns()) return sql::compile(d, stmt_);
  std::vector<bool> included = included_columns();
  sql::CompiledSql compiled = sql::compile(d, batch_statement(d, included));
  std::vector<Value> values = row_values(row_at(0), included);
  for (const auto& slot : compiled.slots) {
    compiled.params[slot.param_index] = values[static_cast<std::size_t>(slot.slot)];
  }
  compiled.slots.clear();
  return compiled;
}

// What each row proposed, for explaining a foreign-key failure (the first
// 1,000 rows at most: enough to find the culprit in practice).
ProposedRows InsertBase::proposed_rows() const {
  ProposedRows out;
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
  for (std::size_t n = 0; n < count_ && n < 1000; ++n) {
    auto& r = out.emplace_back();
    visit_row(*model_, row_at(n), [&](std::size_t i, const void* member, const MemberOps& ops) {
      r.emplace_back(model_->column_names[i], ops.to_value(member));
    });
  }
  return out;
}

// --- update() and delete_from() -------------------------------------------------

namespace {
sql::Expr and_where(const sql::Expr& where, sql::Expr condition) {
  return where ? sql::binary(sql::BinaryOp::logical_and, where, std::move(condition))
               : std::move(condition);
}
}  // namespace

UpdateBase::UpdateBase(std::string_view table) {
  stmt_.table = table;
}
UpdateBase::UpdateBase(const UpdateBase&) = default;
UpdateBase::UpdateBase(UpdateBase&&) noexcept = default;
UpdateBase& UpdateBase::operator=(const UpdateBase&) = default;
UpdateBase& UpdateBase::operator=(UpdateBase&&) noexcept = default;
UpdateBase::~UpdateBase() = default;

void UpdateBase::add_set(std::string_view column, sql::Expr value) {
  stmt_.set.push_back({column, std::move(value)});
}
void UpdateBase::check() const {
  if (!stmt_.where && !all_rows_) throw_missing_where("update", stmt_.table);
}
void UpdateBase::add_where(const sql::Expr& condition) {
  stmt_.where = and_where(stmt_.where, condition);
}
std::string UpdateBase::sql(const sql::Dialect& d) const {
  return sql::compile(d, stmt_).display();
}
Task<ExecResult> UpdateBase::run(Session& s) const {
  check();
  return run_statement(s, sql::compile(s.dialect(), stmt_));
}
ExecResult UpdateBase::run_sync(Session& s) const {
  check();
  return run_statement_sync(s, sql::compile(s.dialect(), stmt_));
}
ReturningPlan UpdateBase::returning_plan(const sql::Dialect& d,
                                         const std::vector<sql::Expr>& items) const {
  sql::UpdateStmt with = stmt_;
  with.returning = items;
  return {sql::compile(d, with), {}};
}
void UpdateBase::explain_violation(Session&, const ForeignKeyViolation&) const {
  throw;  // called while the violation is being handled: rethrows it as it is
}

DeleteBase::DeleteBase(std::string_view table) {
  stmt_.table = table;
}
DeleteBase::DeleteBase(const DeleteBase&) = default;
DeleteBase::DeleteBase(DeleteBase&&) noexcept = default;
DeleteBase& DeleteBase::operator=(const DeleteBase&) = default;
DeleteBase& DeleteBase::operator=(DeleteBase&&) noexcept = default;
DeleteBase::~DeleteBase() = default;

void DeleteBase::check() const {
  if (!stmt_.where && !all_rows_) throw_missing_where("delete", stmt_.table);
}
void DeleteBase::add_where(const sql::Expr& condition) {
  stmt_.where = and_where(stmt_.where, condition);
}
std::string DeleteBase::sql(const sql::Dialect& d) const {
  return sql::compile(d, stmt_).display();
}
Task<ExecResult> DeleteBase::run(Session& s) const {
  check();
  return run_statement(s, sql::compile(s.dialect(), stmt_));
}
ExecResult DeleteBase::run_sync(Session& s) const {
  check();
  return run_statement_sync(s, sql::compile(s.dialect(), stmt_));
}
ReturningPlan DeleteBase::returning_plan(const sql::Dialect& d,
                                         const std::vector<sql::Expr>& items) const {
  sql::DeleteStmt with = stmt_;
  with.returning = items;
  return {sql::compile(d, with), {}};
}
void DeleteBase::explain_violation(Session&, const ForeignKeyViolation&) const {
  throw;  // called while the violation is being handled: rethrows it as it is
}

// --- objects() ----------------------------------------------------------------

std::size_t primary_key_index(const TableSchema& schema, std::string_view operation) {
  if (schema.primary_key.size() != 1) {
    throw UsageError(fmt::format("{} on table \"{}\" needs a single-column primary key; it has {}",
                                 operation, schema.name,
                                 schema.primary_key.empty() ? "none" : "a composite one"));
  }
  for (std::size_t i = 0; i < schema.columns.size(); ++i) {
    if (schema.columns[i].name == schema.primary_key[0]) return i;
  }
  throw UsageError(fmt::format("table \"{}\": primary key column \"{}\" is not among its columns",
                               schema.name, schema.primary_key[0]));
}

namespace {

/// Calls f(member, ops) for the primary-key member of `row`.
template <class F>
void with_key(const ModelInfo& model, const void* row, F&& f) {
  std::size_t k = primary_key_index(model.schema(), "objects()");
  visit_row(model, row, [&](std::size_t i, const void* member, const MemberOps& ops) {
    if (i == k) f(member, ops);
  });
}

}  // namespace

bool is_new_row(const ModelInfo& model, const void* row) {
  const TableSchema& schema = model.schema();
  if (!schema.columns[primary_key_index(schema, "objects()")].auto_increment) return false;
  bool fresh = false;
  with_key(model, row, [&](const void* member, const MemberOps& ops) {
    fresh = is_unassigned_key(member, ops);
  });
  return fresh;
}

void set_row_key(const ModelInfo& model, void* row, std::int64_t key) {
  with_key(model, row, [&](const void* member, const MemberOps& ops) {
    // The member belongs to `row`, which the caller gave as mutable.
    if (ops.integral) ops.set_integer(const_cast<void*>(member), key);
  });
}

sql::Expr key_condition(const ModelInfo& model, const void* row) {
  std::size_t k = primary_key_index(model.schema(), "objects()");
  sql::Expr condition;
  with_key(model, row, [&](const void* member, const MemberOps& ops) {
    condition = sql::binary(sql::BinaryOp::eq, sql::column(model.sql_name, model.column_names[k]),
                            sql::value(ops.to_value(member)));
  });
  return condition;
}

sql::Expr key_equals_value(const ModelInfo& model, Value key) {
  return key_equals_expr(model, sql::value(std::move(key)));
}

sql::Expr key_equals_expr(const ModelInfo& model, sql::Expr key) {
  std::size_t k = primary_key_index(model.schema(), "objects()");
  return sql::binary(sql::BinaryOp::eq, sql::column(model.sql_name, model.column_names[k]),
                     std::move(key));
}

void run_first_by_key_sync(Session& s, const SelectParts& all, const ModelInfo& model,
                           sql::Expr key, RowSink& sink) {
  SelectParts query = all;
  select_where(query, key_equals_expr(model, std::move(key)));
  run_first_sync(s, *query.stmt, sink);
}

std::vector<sql::Assignment> non_key_assignments(const ModelInfo& model, const void* row) {
  std::size_t k = primary_key_index(model.schema(), "objects()");
  std::vector<sql::Assignment> out;
  visit_row(model, row, [&](std::size_t i, const void* member, const MemberOps& ops) {
    if (i != k) out.push_back({model.column_names[i], sql::value(ops.to_value(member))});
  });
  return out;
}

}  // namespace quarry::detail
