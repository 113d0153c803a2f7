// Type mapping for codegen: a column's SqlType to the member's C++ type and
// the constraints that restore what the C++ type alone does not say
// (varchar(n), numeric(p, s), raw_type("...")).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <quarry/schema/schema.hpp>

namespace quarry::detail::codegen {

struct MappedType {
  std::string cpp;          ///< the member's type: "std::int64_t", "std::optional<std::string>"
  std::string initializer;  ///< "{}" for types that would otherwise be left uninitialised
  std::vector<std::string> constraints;  ///< "varchar(50)", "raw_type(\"tsvector\")"
  std::string note;  ///< why a type was kept as raw SQL, for a comment; empty otherwise
};

/// The C++ enums generated for database enum types (QUARRY_DB_ENUM): the
/// type's name as a db_enum column spells it ("mood", "sales.mood") to the
/// C++ enum's name.
using DbEnumNames = std::map<std::string, std::string, std::less<>>;

/// How `column` is declared. Types Quarry does not map become a std::string
/// with raw_type("<SQL type>"): kept, never dropped. A database enum column
/// is typed by its generated C++ enum when `db_enums` has one for it, else
/// it keeps its SQL type.
MappedType map_type(const ColumnSchema& column, const DbEnumNames& db_enums = {});

/// Whether `values` can be the enumerators of a generated C++ enum as they
/// are (QUARRY_DB_ENUM names each by its spelling): identifiers, none a C++
/// keyword or a reserved name, no two the same.
bool enum_labels_are_identifiers(const std::vector<std::string>& values);

/// `text` as a C++ string literal: a raw literal R"(...)" when it holds
/// quotes or backslashes (SQL reads better unescaped), else "...".
std::string cpp_string(std::string_view text);

}  // namespace quarry::detail::codegen
