// Relationship detection for codegen, as sqlacodegen does it: every foreign
// key is a many-to-one, or a one-to-one when its columns are unique, or a
// self-reference; a table whose primary key is also a foreign key to another
// table's primary key extends it (joined-table inheritance); a table of two
// foreign keys and nothing else links two tables (many-to-many).
#pragma once

#include <string>
#include <vector>

#include <quarry/schema/lookup.hpp>  // is_association_table: the many-to-many rule
#include <quarry/schema/schema.hpp>

namespace quarry::detail::codegen {

enum class RelationKind { many_to_one, one_to_one, self_reference, inheritance };

struct Relationship {
  const TableSchema* from;  ///< the table holding the key
  const ForeignKey* key;
  const TableSchema* to;  ///< the referenced table (== from for a self-reference)
  RelationKind kind;
};

/// Whether `key`'s columns are unique in `table`: its primary key, a unique
/// constraint or a unique (total, plain) index over exactly those columns.
bool is_unique_key(const TableSchema& table, const ForeignKey& key);

/// The key through which `table` extends another table (its primary key is a
/// foreign key to that table's primary key), or nullptr.
const ForeignKey* inheritance_key(const Schema& schema, const TableSchema& table);

/// One Relationship per foreign key whose referenced table is in `schema`,
/// in table order then key order.
std::vector<Relationship> detect_relationships(const Schema& schema);

}  // namespace quarry::detail::codegen
