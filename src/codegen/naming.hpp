// Naming for codegen: SQL names to C++ names (tables to PascalCase structs and
// snake_case table objects, columns to snake_case members), with C++
// keywords, Quarry's own names and clashes between generated names resolved.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <quarry/schema/schema.hpp>

namespace quarry::detail::codegen {

bool is_cpp_keyword(std::string_view word);
/// "AlbumId", "album id", "ALBUM_ID" -> "album_id"; "" when nothing is left.
std::string snake_case(std::string_view sql_name);
/// "order_item", "order item" -> "OrderItem"; the rest of each word keeps its case.
std::string pascal_case(std::string_view sql_name);

/// The C++ names of one table: its row struct, its table object, a member per column.
struct TableNames {
  std::string struct_name;
  std::string instance;
  std::vector<std::string> members;
};

/// Names for `tables` (in emission order): unique struct and instance names,
/// unique member names per table, none a keyword or one of Quarry's names.
/// When two tables map to the same name, the first in order keeps it and the
/// next gets a suffix (_2, _3).
std::vector<TableNames> assign_names(const std::vector<const TableSchema*>& tables);

}  // namespace quarry::detail::codegen
