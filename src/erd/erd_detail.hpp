// What the DOT and Mermaid writers share: a table's display name, the key
// markers of a column, and which columns a table box shows.
#pragma once

#include <string>
#include <vector>

#include <quarry/erd/erd.hpp>

namespace quarry::erd_detail {

/// "name", or "schema.name" outside the default schema: how the diagram
/// names a table, and how ErdOptions::only_tables / exclude_tables match it.
std::string qualified_name(const TableSchema& table);

/// True when no two rows of `table` can share values in `columns` (they are
/// its primary key, a unique constraint or a total unique index).
bool is_unique_set(const TableSchema& table, const std::vector<std::string>& columns);

struct ColumnMarks {
  bool primary_key = false;
  bool foreign_key = false;
  bool unique = false;  ///< in a unique constraint or a total unique index over plain columns
};
ColumnMarks column_marks(const TableSchema& table, const ColumnSchema& column);

/// The columns a box shows under `mode`, in table order.
std::vector<const ColumnSchema*> shown_columns(const TableSchema& table, ErdColumns mode);

}  // namespace quarry::erd_detail
