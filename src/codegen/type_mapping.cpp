// SQL types to C++ member types; see type_mapping.hpp.
#include "codegen/type_mapping.hpp"

#include "codegen/naming.hpp"

#include <cctype>
#include <set>

#include <fmt/format.h>

#include <quarry/sql/dialect.hpp>

namespace quarry::detail::codegen {

std::string cpp_string(std::string_view text) {
  bool plain = text.find_first_of("\"\\\n\t") == std::string_view::npos;
  if (plain) return fmt::format("\"{}\"", text);
  // A raw literal's delimiter must not occur in the text.
  std::string delimiter;
  while (text.find(")" + delimiter + "\"") != std::string_view::npos) delimiter += "x";
  return fmt::format("R\"{}({}){}\"", delimiter, text, delimiter);
}

bool enum_labels_are_identifiers(const std::vector<std::string>& values) {
  if (values.empty()) return false;
  std::set<std::string_view> seen;
  for (const auto& v : values) {
    if (v.empty() || std::isdigit(static_cast<unsigned char>(v[0]))) return false;
    for (char ch : v) {
      if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '_') return false;
    }
    // Reserved to the implementation: a double underscore, or _ and a capital.
    if (v.find("__") != std::string::npos) return false;
    if (v.size() > 1 && v[0] == '_' && std::isupper(static_cast<unsigned char>(v[1]))) return false;
    if (is_cpp_keyword(v) || !seen.insert(v).second) return false;
  }
  return true;
}

MappedType map_type(const ColumnSchema& column, const DbEnumNames& db_enums) {
  MappedType m;
  const SqlType& type = column.type;
  auto raw = [&](std::string sql_type, std::string note) {
    m.cpp = "std::string";
    m.constraints.push_back(fmt::format("raw_type({})", cpp_string(sql_type)));
    m.note = std::move(note);
  };
  switch (type.kind) {
    case TypeKind::int16:
      m.cpp = "std::int16_t";
      break;
    case TypeKind::int32:
    case TypeKind::enum_integer:
      m.cpp = "std::int32_t";
      break;
    case TypeKind::int64:
      m.cpp = "std::int64_t";
      break;
    case TypeKind::float64:
      m.cpp = "double";
      break;
    case TypeKind::decimal:
      m.cpp = "quarry::Decimal";
      if (type.precision)
        m.constraints.push_back(fmt::format("numeric({}, {})", type.precision, type.scale));
      break;
    case TypeKind::text:
    case TypeKind::enum_text:
      m.cpp = "std::string";
      break;
    case TypeKind::varchar:
      m.cpp = "std::string";
      if (type.length > 0) m.constraints.push_back(fmt::format("varchar({})", type.length));
      break;
    case TypeKind::boolean:
      m.cpp = "bool";
      break;
    case TypeKind::blob:
      m.cpp = "quarry::Blob";
      break;
    case TypeKind::date:
      m.cpp = "quarry::Date";
      break;
    case TypeKind::time:
      m.cpp = "quarry::TimeOfDay";
      break;
    case TypeKind::timestamp:
      m.cpp = "quarry::Timestamp";
      break;
    case TypeKind::timestamptz:
      m.cpp = "quarry::TimestampTz";
      break;
    case TypeKind::uuid:
      m.cpp = "quarry::Uuid";
      break;
    case TypeKind::json:
      m.cpp = "quarry::Json";
      if (type.plain_json) m.constraints.emplace_back("plain_json");
      break;
    case TypeKind::interval:
      m.cpp = "quarry::Interval";
      break;
    case TypeKind::array: {
      // Elements whose C++ type carries the whole SQL type map to
      // std::vector<T>; a varchar(n) or numeric(p, s) element would lose its
      // length or precision, so such arrays keep their SQL type.
      std::string_view element;
      switch (type.element) {
        case TypeKind::int16:
          element = "std::int16_t";
          break;
        case TypeKind::int32:
          element = "std::int32_t";
          break;
        case TypeKind::int64:
          element = "std::int64_t";
          break;
        case TypeKind::float64:
          element = "double";
          break;
        case TypeKind::boolean:
          element = "bool";
          break;
        case TypeKind::text:
          element = "std::string";
          break;
        case TypeKind::uuid:
          element = "quarry::Uuid";
          break;
        case TypeKind::date:
          element = "quarry::Date";
          break;
        case TypeKind::timestamp:
          element = "quarry::Timestamp";
          break;
        case TypeKind::timestamptz:
          element = "quarry::TimestampTz";
          break;
        case TypeKind::decimal:
          if (!type.precision) element = "quarry::Decimal";
          break;
        default:
          break;
      }
      if (!element.empty()) {
        // PostgreSQL arrays may hold NULL elements whatever the column says.
        m.cpp = fmt::format("std::vector<std::optional<{}>>", element);
        break;
      }
      raw(sql_type_name(sql::postgresql_dialect(), type, false),
          "an array of a type without a C++ array mapping, read and written as its text form "
          "({...})");
      break;
    }
    // A database enum type is its generated C++ enum; one whose labels are
    // not all C++ identifiers (QUARRY_DB_ENUM names each by its spelling)
    // keeps its SQL type.
    case TypeKind::db_enum:
      if (auto e = db_enums.find(type.type_name); e != db_enums.end()) {
        m.cpp = e->second;
        break;
      }
      raw(type.type_name, fmt::format("database enum type {}, read and written by name (its "
                                      "labels are not all C++ identifiers)",
                                      type.type_name));
      break;
    case TypeKind::raw:
      if (type.type_name.empty()) {
        // SQLite: a column declared without a type (or a view's expression).
        m.cpp = "std::string";
        m.note = "declared without a SQL type; read as text";
        break;
      }
      raw(type.type_name,
          fmt::format("SQL type {} has no C++ mapping: kept as text", type.type_name));
      break;
  }
  static constexpr std::string_view needs_initializer[] = {"std::int16_t",
                                                           "std::int32_t",
                                                           "std::int64_t",
                                                           "double",
                                                           "bool",
                                                           "quarry::Date",
                                                           "quarry::TimeOfDay",
                                                           "quarry::Timestamp",
                                                           "quarry::TimestampTz",
                                                           "quarry::Uuid"};
  if (column.nullable) {
    m.cpp = fmt::format("std::optional<{}>", m.cpp);
  } else {
    for (auto t : needs_initializer) {
      if (m.cpp == t) m.initializer = "{}";
    }
    if (type.kind == TypeKind::db_enum && m.constraints.empty()) m.initializer = "{}";
  }
  return m;
}

}  // namespace quarry::detail::codegen
