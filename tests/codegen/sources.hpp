// The model Schemas the codegen round-trip tests generate code from, by name
// (shared by the generator and the compiled check, tests/codegen/*.cxx).
#pragma once

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>

#include <quarry/quarry.hpp>

#include "codegen/feature_models.hpp"
#include "support/models.hpp"

namespace qt {

inline quarry::Schema codegen_source(std::string_view name) {
  if (name == "test_models") return test_schema();
  if (name == "feature_models") return cgm::feature_schema();
  throw std::invalid_argument("no codegen source named " + std::string(name));
}

/// `schema` with constraint and index lists sorted by name, so that two
/// Schemas that differ only in the order keys were declared compare equal.
inline quarry::Schema sorted_constraints(quarry::Schema schema) {
  auto by_name = [](const auto& a, const auto& b) { return a.name < b.name; };
  for (auto& t : schema.tables) {
    std::sort(t.uniques.begin(), t.uniques.end(), by_name);
    std::sort(t.foreign_keys.begin(), t.foreign_keys.end(), by_name);
    std::sort(t.checks.begin(), t.checks.end(), by_name);
    std::sort(t.indexes.begin(), t.indexes.end(), by_name);
  }
  std::sort(schema.tables.begin(), schema.tables.end(), by_name);
  return schema;
}

}  // namespace qt
