// Entity-relationship diagrams of a Schema as text: Graphviz DOT and Mermaid
// erDiagram. Tables with their columns, types and key markers; relationship
// lines with their cardinality, found from the foreign keys. Rendering DOT to
// SVG or PNG is in <quarry/erd/render.hpp> (target quarry::erd), so that
// programs using only the core do not link graphviz.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <quarry/schema/schema.hpp>

namespace quarry {

/// Which columns a table box shows.
enum class ErdColumns : std::uint8_t {
  all,   ///< every column
  keys,  ///< primary key, foreign key and unique columns only
  none,  ///< the table name alone
};

struct ErdOptions {
  /// Draw only these tables (a name, or "schema.name" for a table outside the
  /// default schema). Empty: every table.
  std::vector<std::string> only_tables;
  /// Leave these tables out (applied after only_tables).
  std::vector<std::string> exclude_tables;
  bool include_views = true;
  ErdColumns columns = ErdColumns::all;
  bool show_types = true;  ///< the column's type beside its name
  /// Draw a many-to-many association table (two foreign keys and no other
  /// column) as a table with its two lines, instead of one many-to-many line.
  bool association_tables = false;
  std::string title;  ///< a caption for the diagram; none when empty
};

enum class Cardinality : std::uint8_t {
  one_to_one,    ///< a foreign key whose columns are unique in their table
  one_to_many,   ///< a plain foreign key: one referenced row, many referencing rows
  many_to_many,  ///< through an association table
};

/// One line of a diagram.
struct ErdRelationship {
  Cardinality cardinality = Cardinality::one_to_many;
  /// one_to_one / one_to_many: the referenced table ("one" side) and its
  /// columns. many_to_many: the first table the association table references.
  std::string parent;
  std::vector<std::string> parent_columns;
  /// The referencing table and its foreign key columns; many_to_many: the
  /// second referenced table and its referenced columns.
  std::string child;
  std::vector<std::string> child_columns;
  /// A child row may have no parent (a foreign key column is nullable).
  bool optional = false;
  /// many_to_many: the association table the line stands for.
  std::string via;
  friend bool operator==(const ErdRelationship&, const ErdRelationship&) = default;
};

/// What a diagram draws: the tables (pointers into the Schema given, which
/// must outlive it), in schema order, and the lines between them. A foreign
/// key to a table that is not drawn gives no line (its column keeps its FK
/// marker). Throws UsageError naming an only/exclude table that the schema
/// lacks, with the closest existing name.
struct ErdModel {
  std::vector<const TableSchema*> tables;
  std::vector<ErdRelationship> relationships;
};
ErdModel erd_model(const Schema& schema, const ErdOptions& options = {});
/// The model points into the schema, which must outlive it: not a temporary.
ErdModel erd_model(Schema&& schema, const ErdOptions& options = {}) = delete;

/// quarry::is_association_table (schema/lookup.hpp), the one rule codegen
/// uses too: two foreign keys whose columns are all the table's columns, no
/// checks (sqlacodegen's and SQLAlchemy's many-to-many secondary table).
bool erd_is_association_table(const TableSchema& table);

/// The diagram as a Graphviz DOT digraph: one HTML-label node per table, one
/// edge per relationship with crow's-foot ends. Names are escaped, so any
/// table or column name yields valid DOT.
std::string erd_dot(const Schema& schema, const ErdOptions& options = {});

/// The diagram as a Mermaid erDiagram. Mermaid accepts only simple names, so
/// a name outside [A-Za-z0-9_-] gets a sanitized id and keeps its real name as
/// the entity's alias (tables) or in the attribute comment (columns).
std::string erd_mermaid(const Schema& schema, const ErdOptions& options = {});

/// A column's type as a diagram shows it: "bigint", "varchar(50)",
/// "numeric(5, 2)", "enum", an enum type's or raw type's own name, "text[]".
std::string erd_type_name(const SqlType& type);

}  // namespace quarry
