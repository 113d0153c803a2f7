// Internals of reflect(): each backend describes its reflection as a fixed
// list of catalogue queries and a function that assembles their rows into a
// Schema, so that the awaitable and the blocking reflect share everything
// but the loop that runs the queries.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <quarry/schema/reflect.hpp>
#include <quarry/value.hpp>

namespace quarry::detail {

/// The rows of one catalogue query.
using CatalogRows = std::vector<std::vector<Value>>;

struct ReflectionPlan {
  std::vector<std::string> queries;
  /// Builds the Schema from the rows of each query, in order.
  std::function<Schema(std::vector<CatalogRows>&)> assemble;
};

ReflectionPlan sqlite_reflection(const ReflectOptions& options);
ReflectionPlan postgresql_reflection(const ReflectOptions& options);

/// A cell as text ("" for NULL, digits for an integer).
std::string cell_text(const Value& v);
std::int64_t cell_int(const Value& v);
bool cell_bool(const Value& v);

/// Applies ReflectOptions::only / exclude / views to the reflected tables;
/// throws UsageError for a name in `only` that matches no table.
void filter_tables(Schema& schema, const ReflectOptions& options);

}  // namespace quarry::detail
