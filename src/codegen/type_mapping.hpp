// Type mapping for codegen: a column's SqlType to the member's C++ type and
// the constraints that restore what the C++ type alone does not say
// (varchar(n), numeric(p, s), raw_type("...")).
#pragma once

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

/// How `column` is declared. Types Quarry does not map (and, until Quarry
/// has C++ types for them, intervals, arrays and database enums) become a
/// std::string with raw_type("<SQL type>"): kept, never dropped.
MappedType map_type(const ColumnSchema& column);

/// `text` as a C++ string literal: a raw literal R"(...)" when it holds
/// quotes or backslashes (SQL reads better unescaped), else "...".
std::string cpp_string(std::string_view text);

}  // namespace quarry::detail::codegen
