// The model behind every diagram: which tables are drawn, which lines join
// them and with what cardinality, and the key markers of each column. The DOT
// and Mermaid writers only format what this decides.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include <quarry/erd/erd.hpp>
#include <quarry/error.hpp>
#include <quarry/schema/lookup.hpp>

#include "erd/erd_detail.hpp"

namespace quarry {

namespace erd_detail {

namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

ColumnMarks column_marks(const TableSchema& table, const ColumnSchema& column) {
  ColumnMarks marks;
  marks.primary_key = contains(table.primary_key, column.name);
  for (const auto& fk : table.foreign_keys) marks.foreign_key |= contains(fk.columns, column.name);
  for (const auto& u : table.uniques) marks.unique |= contains(u.columns, column.name);
  for (const auto& ix : table.indexes) {
    if (ix.unique && ix.where.empty() && ix.expressions.empty()) {
      marks.unique |= contains(ix.columns, column.name);
    }
  }
  return marks;
}

std::vector<const ColumnSchema*> shown_columns(const TableSchema& table, ErdColumns mode) {
  std::vector<const ColumnSchema*> out;
  if (mode == ErdColumns::none) return out;
  for (const auto& c : table.columns) {
    if (mode == ErdColumns::keys) {
      ColumnMarks m = column_marks(table, c);
      if (!m.primary_key && !m.foreign_key && !m.unique) continue;
    }
    out.push_back(&c);
  }
  return out;
}

}  // namespace erd_detail

std::string erd_type_name(const SqlType& type) {
  switch (type.kind) {
    case TypeKind::int16:
      return "smallint";
    case TypeKind::int32:
      return "integer";
    case TypeKind::int64:
      return "bigint";
    case TypeKind::float64:
      return "double";
    case TypeKind::decimal:
      if (type.precision == 0) return "numeric";
      return type.scale ? fmt::format("numeric({}, {})", type.precision, type.scale)
                        : fmt::format("numeric({})", type.precision);
    case TypeKind::varchar:
      return type.length ? fmt::format("varchar({})", type.length) : "varchar";
    case TypeKind::enum_text:
    case TypeKind::enum_integer:
      return "enum";
    case TypeKind::db_enum:
    case TypeKind::raw:
      return type.type_name.empty() ? std::string(type_kind_name(type.kind)) : type.type_name;
    case TypeKind::array: {
      SqlType element = type;
      element.kind = type.element;
      return erd_type_name(element) + "[]";
    }
    case TypeKind::text:
    case TypeKind::boolean:
    case TypeKind::blob:
    case TypeKind::date:
    case TypeKind::time:
    case TypeKind::timestamp:
    case TypeKind::timestamptz:
    case TypeKind::uuid:
    case TypeKind::json:
    case TypeKind::interval:
      return std::string(type_kind_name(type.kind));
  }
  return std::string(type_kind_name(type.kind));
}

bool erd_is_association_table(const TableSchema& table) {
  return is_association_table(table);  // the one rule codegen uses too (schema/lookup.hpp)
}

namespace {

/// The table `fk` of `from` references: by ref_schema and ref_table as
/// lookup.hpp reads them (an empty ref_schema is the default namespace, or
/// `from`'s own), else a ref_table written "schema.name". Null when the
/// schema lacks it.
const TableSchema* referenced_table(const Schema& schema, const TableSchema& from,
                                    const ForeignKey& fk) {
  const std::string& ref_schema = fk.ref_schema.empty() ? from.schema : fk.ref_schema;
  const TableSchema* fallback = nullptr;
  for (const auto& t : schema.tables) {
    if (t.name == fk.ref_table && t.schema == ref_schema) return &t;
    if (t.name == fk.ref_table && t.schema == fk.ref_schema) fallback = &t;
  }
  if (fallback) return fallback;
  for (const auto& t : schema.tables) {
    if (!t.schema.empty() && qualified_name(t) == fk.ref_table) return &t;
  }
  return nullptr;
}

/// The schema's table named `name` (plain or qualified), or a UsageError that
/// says which option named it and suggests the closest table.
const TableSchema& table_named(const Schema& schema, const std::string& name,
                               std::string_view option) {
  for (const auto& t : schema.tables) {
    if (qualified_name(t) == name || (t.schema.empty() && t.name == name)) return t;
  }
  // An unqualified name matches a table of any schema when only one has it.
  const TableSchema* found = nullptr;
  int count = 0;
  for (const auto& t : schema.tables) {
    if (t.name == name) {
      found = &t;
      ++count;
    }
  }
  if (count == 1) return *found;
  std::vector<std::string> names;
  for (const auto& t : schema.tables) names.push_back(qualified_name(t));
  if (count > 1) {
    throw UsageError(fmt::format("{}: table name \"{}\" is ambiguous; qualify it with its schema",
                                 option, name));
  }
  std::vector<std::string_view> views(names.begin(), names.end());
  std::string suggestion = detail::closest_name(name, views);
  throw UsageError(
      fmt::format("{}: no table \"{}\" in the schema{}", option, name,
                  suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion)));
}

bool any_nullable(const TableSchema& table, const std::vector<std::string>& columns) {
  return std::any_of(columns.begin(), columns.end(), [&](const std::string& name) {
    const ColumnSchema* c = table.find_column(name);
    return c && c->nullable;
  });
}

}  // namespace

ErdModel erd_model(const Schema& schema, const ErdOptions& options) {
  std::set<const TableSchema*> chosen;
  if (options.only_tables.empty()) {
    for (const auto& t : schema.tables) chosen.insert(&t);
  } else {
    for (const auto& name : options.only_tables) chosen.insert(&table_named(schema, name, "only"));
  }
  for (const auto& name : options.exclude_tables) {
    chosen.erase(&table_named(schema, name, "exclude"));
  }
  if (!options.include_views) {
    for (const auto& t : schema.tables) {
      if (t.is_view) chosen.erase(&t);
    }
  }

  ErdModel model;
  auto drawn = [&](const TableSchema* t) { return t && chosen.count(t) != 0; };
  // An association table is drawn as one many-to-many line when both the
  // tables it joins are drawn; otherwise as a table with its two lines.
  auto as_line = [&](const TableSchema& t) {
    if (options.association_tables || !erd_is_association_table(t)) return false;
    return drawn(referenced_table(schema, t, t.foreign_keys[0])) &&
           drawn(referenced_table(schema, t, t.foreign_keys[1]));
  };
  for (const auto& t : schema.tables) {
    if (!drawn(&t)) continue;
    if (as_line(t)) {
      ErdRelationship r;
      r.cardinality = Cardinality::many_to_many;
      r.parent = qualified_name(*referenced_table(schema, t, t.foreign_keys[0]));
      r.parent_columns = t.foreign_keys[0].ref_columns;
      r.child = qualified_name(*referenced_table(schema, t, t.foreign_keys[1]));
      r.child_columns = t.foreign_keys[1].ref_columns;
      r.via = qualified_name(t);
      model.relationships.push_back(std::move(r));
      continue;
    }
    model.tables.push_back(&t);
    for (const auto& fk : t.foreign_keys) {
      const TableSchema* parent = referenced_table(schema, t, fk);
      // No box to point at: the parent is not drawn, or is drawn as a line.
      if (!drawn(parent) || as_line(*parent)) continue;
      ErdRelationship r;
      r.cardinality = is_unique(t, fk.columns) ? Cardinality::one_to_one : Cardinality::one_to_many;
      r.parent = qualified_name(*parent);
      r.parent_columns = fk.ref_columns;
      r.child = qualified_name(t);
      r.child_columns = fk.columns;
      r.optional = any_nullable(t, fk.columns);
      model.relationships.push_back(std::move(r));
    }
  }
  return model;
}

}  // namespace quarry
