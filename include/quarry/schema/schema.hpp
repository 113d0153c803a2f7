// Schema: tables, columns, keys, indexes and checks as plain data. One type
// with two sources (C++ models via QUARRY_TABLE, and reflection of a live
// database); DDL, codegen, ERDs, migrations and the admin all read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace quarry {

namespace sql {
class Dialect;
}

/// The SQL types Quarry maps to C++ types.
enum class TypeKind : std::uint8_t {
  int16,
  int32,
  int64,
  float64,
  decimal,
  text,
  varchar,
  boolean,
  blob,
  date,
  time,
  timestamp,
  timestamptz,
  uuid,
  json,
  enum_text,     ///< a C++ enum stored by name
  enum_integer,  ///< a C++ enum stored by its underlying value
  interval,      ///< PostgreSQL INTERVAL
  array,         ///< an array of `element` (PostgreSQL arrays)
  db_enum,       ///< a database enum type (PostgreSQL CREATE TYPE ... AS ENUM), `type_name`
  raw,           ///< a type Quarry does not map, kept as its SQL text in `type_name`
};

struct SqlType {
  TypeKind kind = TypeKind::text;
  int length = 0;     ///< varchar(n)
  int precision = 0;  ///< numeric(p, s); 0 = unconstrained
  int scale = 0;
  std::vector<std::string> enum_values;  ///< enum_text / db_enum: the names, in order
  /// db_enum: the enum type's name (schema-qualified when not in the default
  /// schema); raw: the SQL type exactly as the database spells it.
  std::string type_name;
  TypeKind element = TypeKind::text;  ///< array: the element's kind (length etc. apply to it)
  /// json: PostgreSQL's JSON type (the document's text, as written) rather
  /// than JSONB, which is the default. SQLite has one JSON storage (text)
  /// and ignores it.
  bool plain_json = false;
  friend bool operator==(const SqlType&, const SqlType&) = default;
};

/// "integer", "varchar(50)", "numeric(10, 2)", ... for a dialect.
std::string sql_type_name(const sql::Dialect& dialect, const SqlType& type, bool auto_increment);
/// A short dialect-independent name for messages ("integer", "text").
std::string_view type_kind_name(TypeKind kind);

enum class ReferentialAction : std::uint8_t { no_action, restrict, cascade, set_null, set_default };
/// The action as SQL spells it, in lower case: "no action", "set null", ...
std::string_view referential_action_sql(ReferentialAction action);

struct ForeignKey {
  std::string name;  ///< constraint name; generated when not given
  std::vector<std::string> columns;
  std::string ref_table;
  std::vector<std::string> ref_columns;
  ReferentialAction on_delete = ReferentialAction::no_action;
  ReferentialAction on_update = ReferentialAction::no_action;
  bool deferrable = false;
  bool initially_deferred = false;
  /// The referenced table's namespace; empty means the default one.
  std::string ref_schema = {};
  friend bool operator==(const ForeignKey&, const ForeignKey&) = default;
};

struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;
  friend bool operator==(const UniqueConstraint&, const UniqueConstraint&) = default;
};

struct CheckConstraint {
  std::string name;
  std::string sql;  ///< the condition, as SQL text with literals inlined
  friend bool operator==(const CheckConstraint&, const CheckConstraint&) = default;
};

struct Index {
  std::string name;
  std::vector<std::string> columns;  ///< the indexed columns, when it is over plain columns
  bool unique = false;
  /// An expression index: each key as SQL text (then `columns` is empty).
  std::vector<std::string> expressions;
  std::string where;  ///< a partial index's condition as SQL text; empty when total
  /// The access method (PostgreSQL's USING gin, gist, brin, hash, ...);
  /// empty means the default, btree. SQLite has one kind of index.
  std::string method = {};
  /// An operator class per key ("text_pattern_ops", "gin_trgm_ops"), in key
  /// order; "" for a key that uses its type's default class. Empty when
  /// every key does. PostgreSQL only.
  std::vector<std::string> opclasses = {};
  friend bool operator==(const Index&, const Index&) = default;
};

struct ColumnSchema {
  std::string name;
  SqlType type;
  bool nullable = false;
  bool auto_increment = false;
  std::optional<std::string> default_sql;  ///< DEFAULT expression as SQL text
  std::string comment;
  friend bool operator==(const ColumnSchema&, const ColumnSchema&) = default;
};

struct TableSchema {
  std::string name;
  std::string schema;  ///< the namespace (PostgreSQL schema); empty means the default one
  std::vector<ColumnSchema> columns;
  std::vector<std::string> primary_key;
  std::vector<UniqueConstraint> uniques;
  std::vector<ForeignKey> foreign_keys;
  std::vector<CheckConstraint> checks;
  std::vector<Index> indexes;
  std::string comment;
  bool is_view = false;  ///< a view: read-only, `view_sql` is its definition
  std::string view_sql;  ///< the view's SELECT, as the database gives it back

  /// The column named `name`, or nullptr.
  const ColumnSchema* find_column(std::string_view name) const noexcept;
  /// The column named `name`; throws UsageError naming the table and the
  /// closest existing column when there is none.
  const ColumnSchema& column(std::string_view name) const;
  /// The name of the auto-increment column, or empty when there is none.
  std::string_view generated_key() const noexcept;
  friend bool operator==(const TableSchema&, const TableSchema&) = default;
};

/// A database enum type (PostgreSQL CREATE TYPE name AS ENUM (...)).
struct EnumType {
  std::string name;
  std::string schema;  ///< empty means the default one
  std::vector<std::string> values;
  friend bool operator==(const EnumType&, const EnumType&) = default;
};

struct Schema {
  std::vector<TableSchema> tables;  ///< tables and views
  std::vector<EnumType> enums;

  /// The table or view named `name`, or "schema.name" for one in another
  /// namespace; nullptr when there is none.
  const TableSchema* find_table(std::string_view name) const noexcept;
  /// Throws UsageError naming the closest existing table when there is none.
  const TableSchema& table(std::string_view name) const;
  /// The tables ordered so that every table comes after those it references
  /// (self-references and cycles are allowed: a cycle keeps declaration order).
  std::vector<const TableSchema*> in_dependency_order() const;
  friend bool operator==(const Schema&, const Schema&) = default;
};

struct DdlOptions {
  bool if_not_exists = false;
};

/// CREATE TABLE and its CREATE INDEX statements, in order; on PostgreSQL
/// then COMMENT ON TABLE / COLUMN (SQLite keeps comments as /* */ inside
/// the CREATE TABLE text, which it stores verbatim). For a view: CREATE VIEW
/// name AS view_sql. The name is schema-qualified on PostgreSQL when
/// TableSchema::schema is set.
std::vector<std::string> create_table_sql(const sql::Dialect& dialect, const TableSchema& table,
                                          DdlOptions options = {});
/// ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY: a key created after both
/// tables exist (PostgreSQL; a cycle of references). SQLite cannot add one.
std::string add_foreign_key_sql(const sql::Dialect& dialect, const TableSchema& table,
                                const ForeignKey& key);
/// DROP TABLE (or DROP VIEW) [IF EXISTS].
std::string drop_table_sql(const sql::Dialect& dialect, const TableSchema& table, bool if_exists);
/// CREATE TYPE name AS ENUM (...) on PostgreSQL (with `if_not_exists`, a DO
/// block that skips a type that exists already); "" on SQLite, which has no
/// enum types (a db_enum column is TEXT there).
std::string create_enum_sql(const sql::Dialect& dialect, const EnumType& type,
                            DdlOptions options = {});
/// DROP TYPE [IF EXISTS] on PostgreSQL; "" on SQLite.
std::string drop_enum_sql(const sql::Dialect& dialect, const EnumType& type, bool if_exists);
/// Adds to `schema.enums` each database enum type its tables' columns use
/// and it does not list yet (name and values from the column's SqlType).
void add_enum_types_of_columns(Schema& schema);

namespace detail {
/// The closest of `candidates` to `name` by edit distance, or "" when none is close.
std::string closest_name(std::string_view name, const std::vector<std::string_view>& candidates);
}  // namespace detail

}  // namespace quarry
