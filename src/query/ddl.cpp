// create_tables / drop_tables: DDL from a Schema, in dependency order, inside
// one transaction so that a failure leaves no table behind. PostgreSQL enum
// types come before the tables that use them, views after every table.
#include <quarry/query/ddl.hpp>

#include <algorithm>

namespace quarry {

namespace {

/// The enum types to create with the tables: those the schema lists and
/// those its columns use; none where the dialect has no enum types.
std::vector<EnumType> enum_types(const sql::Dialect& d, const Schema& schema) {
  if (!d.supports_enum_types) return {};
  Schema copy;
  copy.enums = schema.enums;
  copy.tables = schema.tables;
  add_enum_types_of_columns(copy);
  return std::move(copy.enums);
}

std::vector<std::string> create_statements(const sql::Dialect& d, const Schema& schema,
                                           CreateOptions options) {
  std::vector<std::string> out;
  DdlOptions ddl{options.if_not_exists};
  for (const EnumType& e : enum_types(d, schema)) {
    if (auto s = create_enum_sql(d, e, ddl); !s.empty()) out.push_back(std::move(s));
  }
  // PostgreSQL checks a key's target when the key is created: in a cycle of
  // references, the keys to tables not created yet are added after them
  // (SQLite checks only when rows are written, and cannot add a key later).
  const bool add_later = d.name() == "postgresql";
  std::vector<std::string> later;
  std::vector<const TableSchema*> created;
  auto exists = [&](const ForeignKey& fk, const TableSchema& from) {
    const std::string& ns = fk.ref_schema;
    for (const TableSchema* c : created) {
      if (c->name == fk.ref_table && (c->schema == ns || (ns.empty() && c->schema == from.schema)))
        return true;
    }
    return false;
  };
  for (const TableSchema* t : schema.in_dependency_order()) {
    if (t->is_view) continue;
    created.push_back(t);
    TableSchema now = *t;
    if (add_later) {
      std::erase_if(now.foreign_keys, [&](const ForeignKey& fk) {
        if (exists(fk, *t)) return false;
        later.push_back(add_foreign_key_sql(d, *t, fk));
        return true;
      });
    }
    for (auto& s : create_table_sql(d, now, ddl)) out.push_back(std::move(s));
  }
  for (auto& s : later) out.push_back(std::move(s));
  // Views in declaration order, which must put a view after those it reads.
  for (const auto& t : schema.tables) {
    if (!t.is_view) continue;
    for (auto& s : create_table_sql(d, t, ddl)) out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> drop_statements(const sql::Dialect& d, const Schema& schema,
                                         bool if_exists) {
  std::vector<std::string> out;
  for (auto t = schema.tables.rbegin(); t != schema.tables.rend(); ++t) {
    if (t->is_view) out.push_back(drop_table_sql(d, *t, if_exists));
  }
  auto order = schema.in_dependency_order();
  std::reverse(order.begin(), order.end());
  for (const TableSchema* t : order) {
    if (!t->is_view) out.push_back(drop_table_sql(d, *t, if_exists));
  }
  for (const EnumType& e : enum_types(d, schema)) {
    if (auto s = drop_enum_sql(d, e, if_exists); !s.empty()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Task<void> create_tables(Session& s, const Schema& schema, CreateOptions options) {
  auto statements = create_statements(s.dialect(), schema, options);
  co_await s.transaction([&](Transaction& tx) -> Task<void> {
    for (const auto& sql : statements) co_await tx.execute(Statement{sql, {}}, nullptr);
  });
}

void create_tables_sync(Session& s, const Schema& schema, CreateOptions options) {
  auto statements = create_statements(s.dialect(), schema, options);
  s.transaction_sync([&](Transaction& tx) {
    for (const auto& sql : statements) tx.execute_sync(Statement{sql, {}}, nullptr);
  });
}

Task<void> drop_tables(Session& s, const Schema& schema, bool if_exists) {
  auto statements = drop_statements(s.dialect(), schema, if_exists);
  co_await s.transaction([&](Transaction& tx) -> Task<void> {
    for (const auto& sql : statements) co_await tx.execute(Statement{sql, {}}, nullptr);
  });
}

void drop_tables_sync(Session& s, const Schema& schema, bool if_exists) {
  auto statements = drop_statements(s.dialect(), schema, if_exists);
  s.transaction_sync([&](Transaction& tx) {
    for (const auto& sql : statements) tx.execute_sync(Statement{sql, {}}, nullptr);
  });
}

}  // namespace quarry
