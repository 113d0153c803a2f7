// Compiling statement trees to SQL: one walk over the tree yields the text
// (identifiers quoted by the dialect, values as placeholders) and the bound
// values in placeholder order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <quarry/sql/dialect.hpp>
#include <quarry/sql/statement.hpp>
#include <quarry/value.hpp>

namespace quarry::sql {

/// Where a run-time parameter (quarry::param) sits among the bound values.
struct ParamSlot {
  std::size_t param_index;
  int slot;
};

/// SQL text with placeholders, and the values bound to them.
struct CompiledSql {
  std::string sql;
  std::vector<Value> params;
  std::vector<ParamSlot> slots;
  /// The SQL followed by its bound values: `SELECT ... WHERE "id" = ?  [3]`;
  /// a run-time parameter of a frozen query shows as `param(0)`.
  std::string display() const;
};

/// Each throws UsageError for a statement that cannot be expressed (a column
/// of a table that is neither the FROM table, joined, nor reached by a
/// foreign key; an INSERT whose rows have differing widths; ...).
CompiledSql compile(const Dialect& dialect, const SelectStmt& stmt);
CompiledSql compile(const Dialect& dialect, const InsertStmt& stmt);
CompiledSql compile(const Dialect& dialect, const UpdateStmt& stmt);
CompiledSql compile(const Dialect& dialect, const DeleteStmt& stmt);

/// Renders an expression with its values inlined as SQL literals, for DDL
/// (CHECK constraints, DEFAULT values), where placeholders are not allowed.
/// Literals are quoted, never spliced raw; blobs become x'..' literals.
std::string compile_inline(const Dialect& dialect, const Expr& expr);
/// Appends one value as a SQL literal.
void append_literal(std::string& out, const Value& v);

/// A process-unique id for a frozen query's prepared statement (never 0).
std::uint32_t next_frozen_id();

}  // namespace quarry::sql
