// The non-template half of insert/update/delete and objects().
#include <quarry/query/objects.hpp>
#include <quarry/query/write.hpp>

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

}  // namespace quarry::detail
