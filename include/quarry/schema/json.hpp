// A Schema as JSON, in the documented, versioned "quarry-schema" format
// (docs/schema-json.md): what `quarry reflect --json` prints, what
// `quarry erd --schema-json` reads, and what migrations record as the last
// known state. Every field of schema.hpp is kept, so a round trip is exact.
#pragma once

#include <string>
#include <string_view>

#include <quarry/error.hpp>
#include <quarry/schema/schema.hpp>

namespace quarry {

/// The format version schema_to_json writes and schema_from_json reads.
inline constexpr int schema_json_version = 1;

/// A JSON document that is not a valid quarry-schema document. `path()` is the
/// place at fault as a JSONPath ("$.tables[2].columns[0].type.kind"), and the
/// message starts with it; a syntax error gives "$" and the line and column.
class SchemaJsonError : public Error {
 public:
  SchemaJsonError(const std::string& message, std::string path)
      : Error(message), path_(std::move(path)) {}
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// The schema as a quarry-schema document: pretty-printed (two-space indent),
/// keys in a fixed order, tables and columns in the schema's order, so that the
/// same schema always gives the same text and a diff of two documents reads well.
std::string schema_to_json(const Schema& schema);

/// Reads a quarry-schema document. Fields other than "format", "version",
/// and the names (and a column's "type", a type's "kind") may be left out and
/// take their default. Throws SchemaJsonError naming the JSON path at fault for
/// bad JSON, another format or version, an unknown key, a value of the wrong
/// JSON type, an unknown type kind or referential action, a duplicate table or
/// column, or a key, index or foreign key naming a column the table lacks.
Schema schema_from_json(std::string_view json);

}  // namespace quarry
