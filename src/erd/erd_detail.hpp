// What the DOT and Mermaid writers share: the key markers of a column, and
// which columns a table box shows. A table is named by qualified_name()
// (lookup.hpp): "name", or "schema.name" outside the default schema.
#pragma once

#include <string>
#include <vector>

#include <quarry/erd/erd.hpp>
#include <quarry/schema/lookup.hpp>

namespace quarry::erd_detail {

struct ColumnMarks {
  bool primary_key = false;
  bool foreign_key = false;
  bool unique = false;  ///< in a unique constraint or a total unique index over plain columns
};
ColumnMarks column_marks(const TableSchema& table, const ColumnSchema& column);

/// The columns a box shows under `mode`, in table order.
std::vector<const ColumnSchema*> shown_columns(const TableSchema& table, ErdColumns mode);

}  // namespace quarry::erd_detail
