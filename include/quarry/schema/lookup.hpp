// Lookups over a Schema in the manner of aiodal: a table's unique keys and
// the columns each covers, and the tables a table references or is
// referenced by.
#pragma once

#include <string>
#include <vector>

#include <quarry/schema/schema.hpp>

namespace quarry {

/// One set of columns whose values identify a row.
struct UniqueKey {
  enum class Source : std::uint8_t { primary_key, unique_constraint, unique_index };
  std::string name;  ///< constraint or index name; empty for an unnamed key
  std::vector<std::string> columns;
  Source source = Source::unique_constraint;
  friend bool operator==(const UniqueKey&, const UniqueKey&) = default;
};

/// The table's primary key (first), unique constraints and unique indexes
/// over plain columns (partial and expression indexes are left out: they do
/// not make their columns unique on every row).
std::vector<UniqueKey> unique_keys(const TableSchema& table);

/// True when `columns` (in any order) are exactly, or contain, one of the
/// table's unique keys.
bool is_unique(const TableSchema& table, const std::vector<std::string>& columns);

/// The tables `table` references through its foreign keys, each once, in the
/// order of its foreign keys (itself included for a self-reference).
std::vector<const TableSchema*> referenced_tables(const Schema& schema, const TableSchema& table);

/// The tables with a foreign key to `table`, each once, in schema order.
std::vector<const TableSchema*> referencing_tables(const Schema& schema, const TableSchema& table);

/// Whether `table` is an association (many-to-many) table, as sqlacodegen
/// decides it: a table (not a view) with exactly two foreign keys, every
/// column part of one of them, and no check constraints.
bool is_association_table(const TableSchema& table);

/// "name", or "schema.name" when the table is not in the default namespace.
std::string qualified_name(const TableSchema& table);

}  // namespace quarry
