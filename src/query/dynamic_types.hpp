// What the dynamic API knows about SQL types at run time: which types may
// meet in a comparison, how messages name them, and which JSON writer
// json() uses for a result column of a given type.
#pragma once

#include <optional>
#include <string>

#include <quarry/query/dynamic.hpp>
#include <quarry/query/types.hpp>

namespace quarry::dyn::detail {

/// What a value may be compared with, as the typed API's TypeCategory; `any`
/// for the types Quarry does not check (interval, array, raw).
enum class Category : std::uint8_t {
  numeric,
  text,
  boolean,
  bytes,
  date,
  time,
  timestamp,
  timestamptz,
  uuid,
  json,
  any
};

Category category_of(TypeKind kind) noexcept;
/// "integer", "varchar(50)", "enum (standing, seated, premium)".
std::string type_text(const SqlType& type);
/// Whether two expressions of these types may be compared or assigned.
bool compatible(const std::optional<SqlType>& a, const std::optional<SqlType>& b) noexcept;
/// The json() writer for a result column of this type (by storage class when unknown).
quarry::detail::JsonWriter json_writer_for(const std::optional<SqlType>& type) noexcept;
/// The keys, with duplicates made distinct ("name", then "manager.name").
std::vector<std::string> distinct_keys(const ResultColumns& result,
                                       const std::vector<sql::Expr>& columns);

}  // namespace quarry::dyn::detail
