// Reflection: reads the tables, views, columns, keys, indexes, checks,
// comments and enum types of a live SQLite or PostgreSQL database into the
// same Schema that C++ models produce (see docs/reflection.md).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <quarry/async.hpp>
#include <quarry/driver/database.hpp>
#include <quarry/schema/schema.hpp>

namespace quarry {

/// What reflect() reads.
struct ReflectOptions {
  /// Only these tables (and views), by name ("name", or "schema.name" on
  /// PostgreSQL); empty = all. A name that matches nothing is a UsageError
  /// naming it and the closest existing name.
  std::vector<std::string> only = {};
  /// Never these tables (same spelling as `only`).
  std::vector<std::string> exclude = {};
  /// PostgreSQL namespaces to read; empty = the connection's current schema
  /// (the first existing one of its search_path). A table in the current
  /// schema is reflected with TableSchema::schema empty, one in any other
  /// namespace with that namespace's name. SQLite accepts only "main".
  std::vector<std::string> schemas = {};
  /// Read views too (TableSchema::is_view, with their definitions).
  bool views = true;
  /// Called after each catalogue query with how many of them are done and
  /// how many there are (the count is fixed per backend, whatever the number
  /// of tables, and that is where the time goes): for a progress display.
  std::function<void(std::size_t done, std::size_t total)> progress = {};
};

/// Reads the database's schema in a few round trips (four on SQLite, six on
/// PostgreSQL, whatever the number of tables). Tables come in name order.
Task<Schema> reflect(Database& db, ReflectOptions options = {});
Schema reflect_sync(Database& db, const ReflectOptions& options = {});

/// The SqlType for a type as `dialect` spells it ("character varying(50)",
/// "int4", "DECIMAL_TEXT(10, 2)", "integer[]"); a type Quarry does not map
/// becomes TypeKind::raw with the text as given. `auto_increment` is set
/// for serial types (PostgreSQL's serial, bigserial, smallserial).
SqlType parse_sql_type(const sql::Dialect& dialect, std::string_view text,
                       bool* auto_increment = nullptr);

}  // namespace quarry
