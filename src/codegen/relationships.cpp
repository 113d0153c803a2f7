// Foreign keys to relationships; see relationships.hpp.
#include "codegen/relationships.hpp"

#include <algorithm>

namespace quarry::detail::codegen {

namespace {

bool same_set(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

bool is_unique_key(const TableSchema& table, const ForeignKey& key) {
  if (same_set(table.primary_key, key.columns)) return true;
  for (const auto& u : table.uniques) {
    if (same_set(u.columns, key.columns)) return true;
  }
  for (const auto& ix : table.indexes) {
    if (ix.unique && ix.where.empty() && ix.expressions.empty() &&
        same_set(ix.columns, key.columns))
      return true;
  }
  return false;
}

const ForeignKey* inheritance_key(const Schema& schema, const TableSchema& table) {
  if (table.primary_key.empty()) return nullptr;
  for (const auto& fk : table.foreign_keys) {
    if (fk.ref_table == table.name || !same_set(fk.columns, table.primary_key)) continue;
    const TableSchema* parent = schema.find_table(fk.ref_table);
    if (parent && !parent->primary_key.empty() && same_set(fk.ref_columns, parent->primary_key))
      return &fk;
  }
  return nullptr;
}

std::vector<Relationship> detect_relationships(const Schema& schema) {
  std::vector<Relationship> out;
  for (const auto& table : schema.tables) {
    const ForeignKey* parent_key = inheritance_key(schema, table);
    for (const auto& fk : table.foreign_keys) {
      const TableSchema* to = schema.find_table(fk.ref_table);
      if (!to) continue;
      RelationKind kind = RelationKind::many_to_one;
      if (&fk == parent_key) {
        kind = RelationKind::inheritance;
      } else if (to == &table) {
        kind = RelationKind::self_reference;
      } else if (is_unique_key(table, fk)) {
        kind = RelationKind::one_to_one;
      }
      out.push_back({&table, &fk, to, kind});
    }
  }
  return out;
}

}  // namespace quarry::detail::codegen
