// Unique keys and reference lookups over a Schema (lookup.hpp).
#include <quarry/schema/lookup.hpp>

#include <algorithm>

namespace quarry {

std::vector<UniqueKey> unique_keys(const TableSchema& table) {
  std::vector<UniqueKey> out;
  if (!table.primary_key.empty()) {
    out.push_back(
        {"", table.primary_key, UniqueKey::Source::primary_key});  // Schema keeps no PK name
  }
  for (const auto& u : table.uniques)
    out.push_back({u.name, u.columns, UniqueKey::Source::unique_constraint});
  for (const auto& ix : table.indexes) {
    if (ix.unique && ix.where.empty() && ix.expressions.empty() && !ix.columns.empty())
      out.push_back({ix.name, ix.columns, UniqueKey::Source::unique_index});
  }
  return out;
}

bool is_unique(const TableSchema& table, const std::vector<std::string>& columns) {
  for (const auto& key : unique_keys(table)) {
    bool covered = std::all_of(key.columns.begin(), key.columns.end(), [&](const std::string& c) {
      return std::find(columns.begin(), columns.end(), c) != columns.end();
    });
    if (covered) return true;
  }
  return false;
}

namespace {

bool refers_to(const ForeignKey& fk, const TableSchema& from, const TableSchema& to) {
  // An empty ref_schema is the default namespace, or the referencing
  // table's own when that is not the default.
  const std::string& ref_schema = fk.ref_schema.empty() ? from.schema : fk.ref_schema;
  return fk.ref_table == to.name && (ref_schema == to.schema || fk.ref_schema == to.schema);
}

}  // namespace

std::vector<const TableSchema*> referenced_tables(const Schema& schema, const TableSchema& table) {
  std::vector<const TableSchema*> out;
  for (const auto& fk : table.foreign_keys) {
    for (const auto& t : schema.tables) {
      if (refers_to(fk, table, t) && std::find(out.begin(), out.end(), &t) == out.end()) {
        out.push_back(&t);
        break;
      }
    }
  }
  return out;
}

std::vector<const TableSchema*> referencing_tables(const Schema& schema, const TableSchema& table) {
  std::vector<const TableSchema*> out;
  for (const auto& t : schema.tables) {
    bool refers = std::any_of(t.foreign_keys.begin(), t.foreign_keys.end(),
                              [&](const ForeignKey& fk) { return refers_to(fk, t, table); });
    if (refers) out.push_back(&t);
  }
  return out;
}

bool is_association_table(const TableSchema& table) {
  if (table.is_view || table.foreign_keys.size() != 2 || !table.checks.empty() ||
      table.columns.empty())
    return false;
  return std::all_of(table.columns.begin(), table.columns.end(), [&](const ColumnSchema& c) {
    return std::any_of(
        table.foreign_keys.begin(), table.foreign_keys.end(), [&](const ForeignKey& fk) {
          return std::find(fk.columns.begin(), fk.columns.end(), c.name) != fk.columns.end();
        });
  });
}

std::string qualified_name(const TableSchema& table) {
  return table.schema.empty() ? table.name : table.schema + "." + table.name;
}

}  // namespace quarry
