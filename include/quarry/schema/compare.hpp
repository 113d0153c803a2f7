// Comparing two Schemas the way a database sees them: a model's Schema and
// the reflection of the database created from it compare equivalent. What is
// and is not compared is listed in docs/reflection.md ("Equality").
#pragma once

#include <string>
#include <vector>

#include <quarry/schema/schema.hpp>

namespace quarry {

struct CompareOptions {
  /// When set, each column type is first mapped to what this dialect stores
  /// (sql_type_name, then parsed back), so that a model's TypeKind::db_enum
  /// equals the TEXT column SQLite holds for it. Null: types compare as
  /// given, up to aliases (enum_text is text, enum_integer is int32).
  const sql::Dialect* as_stored_by = nullptr;
};

/// Every difference between `a` and `b`, one human-readable line each,
/// naming the table and the column, constraint or index at fault
/// ("table \"band\": column \"name\": type varchar(50) vs text"). Empty when
/// they are equivalent.
std::vector<std::string> schema_differences(const Schema& a, const Schema& b,
                                            const CompareOptions& options = {});

/// schema_differences(a, b).empty().
bool equivalent(const Schema& a, const Schema& b, const CompareOptions& options = {});

/// A SQL expression (default, check, index key or condition, view query)
/// normalised for comparison: tokens separated by one space, bare
/// identifiers and keywords in lower case, quotes dropped from identifiers
/// that need none, `::type` casts and redundant parentheses removed.
std::string normalize_sql(std::string_view sql);

}  // namespace quarry
