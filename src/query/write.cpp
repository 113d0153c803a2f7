// The non-template half of insert/update/delete and objects().
#include <quarry/query/objects.hpp>
#include <quarry/query/write.hpp>

#include <fmt/format.h>

#include <quarry/error.hpp>

namespace quarry::detail {

Task<ExecResult> run_statement(Session& s, sql::CompiledSql compiled) {
  co_return co_await s.execute(Statement{compiled.sql, compiled.params}, nullptr);
}

ExecResult run_statement_sync(Session& s, const sql::CompiledSql& compiled) {
  return s.execute_sync(Statement{compiled.sql, compiled.params}, nullptr);
}

void throw_missing_where(std::string_view verb, std::string_view table) {
  throw UsageError(fmt::format(
      "{} of \"{}\" has no where(): it would change every row; add .where(...) or say .all_rows()",
      verb, table));
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
