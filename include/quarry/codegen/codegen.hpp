// Codegen: writes a C++ header of QUARRY_TABLE models from a Schema (usually a
// reflected one), that reads as if a person wrote it. What sqlacodegen does
// for SQLAlchemy. See docs/codegen.md.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <quarry/schema/schema.hpp>

namespace quarry {

struct CodegenOptions {
  std::vector<std::string> only;     ///< tables (and views) to generate; empty = all
  std::vector<std::string> exclude;  ///< tables (and views) to leave out
  bool views = true;                 ///< generate views as read-only models
  std::string namespace_name;        ///< the C++ namespace of the models; empty = none
  bool clang_format = true;          ///< run clang-format over the output when it is on PATH
  /// Called after each table is generated, with how many are done and how
  /// many will be: for a progress display.
  std::function<void(std::size_t done, std::size_t total)> progress = {};
};

/// The C++ header declaring `schema`'s tables as models: a struct and a
/// QUARRY_TABLE per table, in dependency order then by name. Every column,
/// key, constraint, index and default is carried over; what the declaration
/// DSL cannot express is kept in a comment saying so. Throws UsageError when
/// `only` names a table the schema does not have.
std::string generate_models(const Schema& schema, const CodegenOptions& options = {});

}  // namespace quarry
