// The one table of TypeKinds and their names: the quarry-schema JSON token
// (the enumerator's own name) and the short name messages use
// (type_kind_name). A new TypeKind is added here, once.
#pragma once

#include <cstddef>
#include <iterator>
#include <string_view>

#include <quarry/schema/schema.hpp>

namespace quarry::detail {

struct TypeKindNames {
  TypeKind kind;
  std::string_view token;    ///< quarry-schema JSON: "int16"
  std::string_view display;  ///< type_kind_name: "smallint"
};

inline constexpr TypeKindNames type_kinds[] = {
    {TypeKind::int16, "int16", "smallint"},
    {TypeKind::int32, "int32", "integer"},
    {TypeKind::int64, "int64", "bigint"},
    {TypeKind::float64, "float64", "double precision"},
    {TypeKind::decimal, "decimal", "numeric"},
    {TypeKind::text, "text", "text"},
    {TypeKind::varchar, "varchar", "varchar"},
    {TypeKind::boolean, "boolean", "boolean"},
    {TypeKind::blob, "blob", "blob"},
    {TypeKind::date, "date", "date"},
    {TypeKind::time, "time", "time"},
    {TypeKind::timestamp, "timestamp", "timestamp"},
    {TypeKind::timestamptz, "timestamptz", "timestamptz"},
    {TypeKind::uuid, "uuid", "uuid"},
    {TypeKind::json, "json", "json"},
    {TypeKind::enum_text, "enum_text", "enum (text)"},
    {TypeKind::enum_integer, "enum_integer", "enum (integer)"},
    {TypeKind::interval, "interval", "interval"},
    {TypeKind::array, "array", "array"},
    {TypeKind::db_enum, "db_enum", "enum"},
    {TypeKind::raw, "raw", "raw SQL type"},
};

// Every enumerator, in order: the table is indexed by the kind's value.
static_assert(std::size(type_kinds) == static_cast<std::size_t>(TypeKind::raw) + 1);
constexpr bool type_kinds_in_order() {
  for (std::size_t i = 0; i < std::size(type_kinds); ++i) {
    if (static_cast<std::size_t>(type_kinds[i].kind) != i) return false;
  }
  return true;
}
static_assert(type_kinds_in_order(), "type_kinds lists the TypeKinds in declaration order");

constexpr const TypeKindNames& type_kind_names(TypeKind kind) {
  return type_kinds[static_cast<std::size_t>(kind)];
}

}  // namespace quarry::detail
