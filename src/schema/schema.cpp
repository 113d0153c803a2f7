// Schema lookups, dependency ordering and DDL generation.
#include <quarry/schema/schema.hpp>

#include "schema/referential_action_name.hpp"

#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include <quarry/error.hpp>
#include <quarry/sql/compiler.hpp>
#include <quarry/sql/dialect.hpp>
#include <quarry/value.hpp>

#include "schema/type_kinds.hpp"

namespace quarry {

namespace detail {

std::string closest_name(std::string_view name, const std::vector<std::string_view>& candidates) {
  // Levenshtein distance; a suggestion is offered only when it is close
  // relative to the name's length, so "x" does not suggest "popularity".
  auto distance = [](std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        std::size_t above = row[j];
        std::size_t cost = (std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                            std::tolower(static_cast<unsigned char>(b[j - 1])))
                               ? 0
                               : 1;
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
        diagonal = above;
      }
    }
    return row[b.size()];
  };
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (auto candidate : candidates) {
    std::size_t d = distance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace detail

std::string_view type_kind_name(TypeKind kind) {
  if (static_cast<std::size_t>(kind) >= std::size(detail::type_kinds)) return "?";
  return detail::type_kind_names(kind).display;
}

std::string_view referential_action_sql(ReferentialAction action) {
  switch (action) {
    case ReferentialAction::no_action:
      return "no action";
    case ReferentialAction::restrict:
      return "restrict";
    case ReferentialAction::cascade:
      return "cascade";
    case ReferentialAction::set_null:
      return "set null";
    case ReferentialAction::set_default:
      return "set default";
  }
  return "no action";
}

std::string_view referential_action_name(ReferentialAction action) {
  switch (action) {
    case ReferentialAction::no_action:
      return "no_action";
    case ReferentialAction::restrict:
      return "restrict";
    case ReferentialAction::cascade:
      return "cascade";
    case ReferentialAction::set_null:
      return "set_null";
    case ReferentialAction::set_default:
      return "set_default";
  }
  return "no_action";
}

std::string sql_type_name(const sql::Dialect& dialect, const SqlType& type, bool auto_increment) {
  bool pg = dialect.name() == "postgresql";
  switch (type.kind) {
    case TypeKind::int16:
      return "SMALLINT";
    case TypeKind::int32:
      return pg && auto_increment ? "SERIAL" : "INTEGER";
    case TypeKind::int64:
      // SQLite: only "INTEGER PRIMARY KEY" is the rowid alias that auto-increments.
      if (auto_increment) return pg ? "BIGSERIAL" : "INTEGER";
      return "BIGINT";
    case TypeKind::float64:
      return pg ? "DOUBLE PRECISION" : "REAL";
    case TypeKind::decimal:
      // SQLite gives "DECIMAL" NUMERIC affinity, which keeps only 15 significant
      // digits; a declared type containing "TEXT" gets TEXT affinity and keeps
      // every digit, while still saying what the column holds.
      if (!pg) {
        return type.precision ? fmt::format("DECIMAL_TEXT({}, {})", type.precision, type.scale)
                              : "DECIMAL_TEXT";
      }
      return type.precision ? fmt::format("NUMERIC({}, {})", type.precision, type.scale)
                            : "NUMERIC";
    case TypeKind::text:
      return "TEXT";
    case TypeKind::varchar:
      return fmt::format("VARCHAR({})", type.length);
    case TypeKind::boolean:
      return "BOOLEAN";
    case TypeKind::blob:
      return pg ? "BYTEA" : "BLOB";
    case TypeKind::date:
      return "DATE";
    case TypeKind::time:
      return "TIME";
    case TypeKind::timestamp:
      return "TIMESTAMP";
    case TypeKind::timestamptz:
      return "TIMESTAMPTZ";
    case TypeKind::uuid:
      return "UUID";
    case TypeKind::json:
      // SQLite gives "JSON" NUMERIC affinity, which would store the document
      // "1.50" as the real 1.5; "JSON_TEXT" gets TEXT affinity (it contains
      // "TEXT") and keeps the document's text, while still naming what it holds.
      if (!pg) return "JSON_TEXT";
      return type.plain_json ? "JSON" : "JSONB";
    case TypeKind::enum_text:
      return "TEXT";
    case TypeKind::enum_integer:
      return "INTEGER";
    case TypeKind::interval:
      return "INTERVAL";
    case TypeKind::array: {
      SqlType element = type;
      element.kind = type.element;
      return sql_type_name(dialect, element, false) + "[]";
    }
    case TypeKind::db_enum:
      // SQLite has no enum types: the value is stored as its name.
      if (!pg) return "TEXT";
      {
        // "schema.name" for a type of another namespace (see SqlType::type_name)
        std::string out;
        auto dot = type.type_name.find('.');
        if (dot != std::string::npos && dot > 0 && dot + 1 < type.type_name.size()) {
          dialect.quote_identifier(out, std::string_view(type.type_name).substr(0, dot));
          out += '.';
          dialect.quote_identifier(out, std::string_view(type.type_name).substr(dot + 1));
        } else {
          dialect.quote_identifier(out, type.type_name);
        }
        return out;
      }
    case TypeKind::raw:
      return type.type_name;
  }
  return "TEXT";
}

const ColumnSchema* TableSchema::find_column(std::string_view column_name) const noexcept {
  for (const auto& c : columns) {
    if (c.name == column_name) return &c;
  }
  return nullptr;
}

std::string_view TableSchema::generated_key() const noexcept {
  for (const auto& c : columns) {
    if (c.auto_increment) return c.name;
  }
  return {};
}

const ColumnSchema& TableSchema::column(std::string_view column_name) const {
  if (const ColumnSchema* c = find_column(column_name)) return *c;
  std::vector<std::string_view> names;
  for (const auto& c : columns) names.push_back(c.name);
  std::string suggestion = detail::closest_name(column_name, names);
  throw UsageError(
      fmt::format("table \"{}\" has no column \"{}\"{}", name, column_name,
                  suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion)));
}

const TableSchema* Schema::find_table(std::string_view table_name) const noexcept {
  for (const auto& t : tables) {
    if (t.name == table_name && t.schema.empty()) return &t;
  }
  for (const auto& t : tables) {
    if (t.name == table_name) return &t;
  }
  // "schema.name"
  for (const auto& t : tables) {
    if (!t.schema.empty() && table_name.size() == t.schema.size() + 1 + t.name.size() &&
        table_name.substr(0, t.schema.size()) == t.schema && table_name[t.schema.size()] == '.' &&
        table_name.substr(t.schema.size() + 1) == t.name)
      return &t;
  }
  return nullptr;
}

const TableSchema& Schema::table(std::string_view table_name) const {
  if (const TableSchema* t = find_table(table_name)) return *t;
  std::vector<std::string_view> names;
  for (const auto& t : tables) names.push_back(t.name);
  std::string suggestion = detail::closest_name(table_name, names);
  throw UsageError(
      fmt::format("the schema has no table \"{}\"{}", table_name,
                  suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion)));
}

std::vector<const TableSchema*> Schema::in_dependency_order() const {
  // Depth-first over references; a table in progress (a cycle or a
  // self-reference) is not waited for.
  std::vector<const TableSchema*> order;
  std::vector<int> state(tables.size(), 0);  // 0 new, 1 in progress, 2 done
  std::function<void(std::size_t)> visit = [&](std::size_t i) {
    if (state[i] != 0) return;
    state[i] = 1;
    for (const auto& fk : tables[i].foreign_keys) {
      for (std::size_t j = 0; j < tables.size(); ++j) {
        if (tables[j].name == fk.ref_table) visit(j);
      }
    }
    state[i] = 2;
    order.push_back(&tables[i]);
  };
  for (std::size_t i = 0; i < tables.size(); ++i) visit(i);
  return order;
}

namespace {

std::string_view action_sql(ReferentialAction a) {
  switch (a) {
    case ReferentialAction::no_action:
      return "NO ACTION";
    case ReferentialAction::restrict:
      return "RESTRICT";
    case ReferentialAction::cascade:
      return "CASCADE";
    case ReferentialAction::set_null:
      return "SET NULL";
    case ReferentialAction::set_default:
      return "SET DEFAULT";
  }
  return "NO ACTION";
}

void ident_list(const sql::Dialect& d, std::string& out, const std::vector<std::string>& names) {
  out += '(';
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    d.quote_identifier(out, names[i]);
  }
  out += ')';
}

bool is_postgres(const sql::Dialect& d) {
  return d.name() == "postgresql";
}

/// "schema"."name" on PostgreSQL when the table is not in the default
/// namespace; SQLite's only schema is "main", so there it is the name.
void qualified(const sql::Dialect& d, std::string& out, const std::string& schema,
               const std::string& name) {
  if (!schema.empty() && is_postgres(d)) {
    d.quote_identifier(out, schema);
    out += '.';
  }
  d.quote_identifier(out, name);
}

/// A comment SQLite keeps inside its CREATE text: " /* text */", with any
/// "*/" in the text broken so that it cannot end the comment early.
void sqlite_comment(std::string& out, const std::string& comment) {
  if (comment.empty()) return;
  std::string text = comment;
  for (std::size_t at = 0; (at = text.find("*/", at)) != std::string::npos; at += 3)
    text.replace(at, 2, "* /");
  out += " /* ";
  out += text;
  out += " */";
}

std::vector<std::string> create_view_sql(const sql::Dialect& d, const TableSchema& v,
                                         DdlOptions options) {
  if (v.view_sql.empty())
    throw UsageError(fmt::format("view \"{}\" has no definition (view_sql)", v.name));
  std::string out;
  if (options.if_not_exists) {
    out = is_postgres(d) ? "CREATE OR REPLACE VIEW " : "CREATE VIEW IF NOT EXISTS ";
  } else {
    out = "CREATE VIEW ";
  }
  qualified(d, out, v.schema, v.name);
  if (!is_postgres(d)) sqlite_comment(out, v.comment);
  out += " AS ";
  out += v.view_sql;
  std::vector<std::string> statements{std::move(out)};
  if (is_postgres(d) && !v.comment.empty()) {
    std::string c = "COMMENT ON VIEW ";
    qualified(d, c, v.schema, v.name);
    c += " IS ";
    sql::append_literal(c, Value(v.comment));
    statements.push_back(std::move(c));
  }
  return statements;
}

}  // namespace

std::string create_enum_sql(const sql::Dialect& d, const EnumType& e, DdlOptions options) {
  if (!is_postgres(d)) return {};
  if (e.values.empty()) throw UsageError(fmt::format("enum type \"{}\" has no values", e.name));
  std::string type = "CREATE TYPE ";
  qualified(d, type, e.schema, e.name);
  type += " AS ENUM (";
  for (std::size_t i = 0; i < e.values.size(); ++i) {
    if (i) type += ", ";
    sql::append_literal(type, Value(e.values[i]));
  }
  type += ')';
  if (!options.if_not_exists) return type;
  // CREATE TYPE has no IF NOT EXISTS. The body is dollar-quoted; a tag that
  // no name or value holds keeps it whole.
  std::string tag = "$quarry$";
  while (type.find(tag) != std::string::npos) tag.insert(tag.size() - 1, "_");
  return "DO " + tag + " BEGIN " + type + "; EXCEPTION WHEN duplicate_object THEN NULL; END " + tag;
}

std::string drop_enum_sql(const sql::Dialect& d, const EnumType& e, bool if_exists) {
  if (!is_postgres(d)) return {};
  std::string out = if_exists ? "DROP TYPE IF EXISTS " : "DROP TYPE ";
  qualified(d, out, e.schema, e.name);
  return out;
}

// CONSTRAINT "name" FOREIGN KEY (...) REFERENCES ... [actions] [DEFERRABLE].
namespace {
void append_foreign_key(const sql::Dialect& d, std::string& out, const ForeignKey& fk) {
  if (!fk.name.empty()) {
    out += "CONSTRAINT ";
    d.quote_identifier(out, fk.name);
    out += ' ';
  }
  out += "FOREIGN KEY ";
  ident_list(d, out, fk.columns);
  out += " REFERENCES ";
  qualified(d, out, fk.ref_schema, fk.ref_table);
  out += ' ';
  ident_list(d, out, fk.ref_columns);
  if (fk.on_delete != ReferentialAction::no_action) {
    out += " ON DELETE ";
    out += action_sql(fk.on_delete);
  }
  if (fk.on_update != ReferentialAction::no_action) {
    out += " ON UPDATE ";
    out += action_sql(fk.on_update);
  }
  if (fk.deferrable) {
    out += fk.initially_deferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE";
  }
}
}  // namespace

std::vector<std::string> create_table_sql(const sql::Dialect& d, const TableSchema& t,
                                          DdlOptions options) {
  if (t.is_view) return create_view_sql(d, t, options);
  if (t.columns.empty()) throw UsageError(fmt::format("table \"{}\" has no columns", t.name));
  const bool pg = is_postgres(d);
  std::string out = options.if_not_exists ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ";
  qualified(d, out, t.schema, t.name);
  if (!pg) sqlite_comment(out, t.comment);
  out += " (";
  // A single auto-increment primary key is declared inline: SQLite only
  // auto-increments an "INTEGER PRIMARY KEY" column.
  bool inline_pk = t.primary_key.size() == 1 && t.find_column(t.primary_key[0]) &&
                   t.find_column(t.primary_key[0])->auto_increment;
  bool first = true;
  for (const auto& c : t.columns) {
    if (!first) out += ", ";
    first = false;
    d.quote_identifier(out, c.name);
    out += ' ';
    std::string type = sql_type_name(d, c.type, c.auto_increment);
    // SQLite makes a lone INTEGER primary key the auto-increment rowid alias,
    // even when declared as a table constraint; "INT" is the same integer
    // without that, for a key that must not auto-increment.
    if (!pg && type == "INTEGER" && !c.auto_increment && t.primary_key.size() == 1 &&
        t.primary_key[0] == c.name)
      type = "INT";
    out += type;
    if (inline_pk && c.name == t.primary_key[0]) {
      out += " PRIMARY KEY";
    } else if (!c.nullable) {
      out += " NOT NULL";
    }
    if (c.default_sql) {
      out += " DEFAULT ";
      out += *c.default_sql;
    }
    if (!pg) sqlite_comment(out, c.comment);
  }
  if (!t.primary_key.empty() && !inline_pk) {
    out += ", PRIMARY KEY ";
    ident_list(d, out, t.primary_key);
  }
  for (const auto& u : t.uniques) {
    out += ", ";
    if (!u.name.empty()) {
      out += "CONSTRAINT ";
      d.quote_identifier(out, u.name);
      out += ' ';
    }
    out += "UNIQUE ";
    ident_list(d, out, u.columns);
  }
  for (const auto& fk : t.foreign_keys) {
    out += ", ";
    append_foreign_key(d, out, fk);
  }
  for (const auto& ck : t.checks) {
    out += ", ";
    if (!ck.name.empty()) {
      out += "CONSTRAINT ";
      d.quote_identifier(out, ck.name);
      out += ' ';
    }
    out += "CHECK (";
    out += ck.sql;
    out += ')';
  }
  out += ')';

  std::vector<std::string> statements{std::move(out)};
  for (const auto& ix : t.indexes) {
    std::string s = ix.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
    if (options.if_not_exists) s += "IF NOT EXISTS ";
    d.quote_identifier(s, ix.name);
    s += " ON ";
    qualified(d, s, t.schema, t.name);
    s += ' ';
    // Access methods and operator classes are PostgreSQL's; SQLite has one
    // kind of index and leaves them out.
    if (pg && !ix.method.empty()) {
      s += "USING ";
      s += ix.method;
      s += ' ';
    }
    auto opclass = [&](std::size_t key) {
      if (!pg || key >= ix.opclasses.size() || ix.opclasses[key].empty()) return;
      s += ' ';
      s += ix.opclasses[key];
    };
    s += '(';
    if (!ix.expressions.empty()) {
      for (std::size_t i = 0; i < ix.expressions.size(); ++i) {
        if (i) s += ", ";
        // An expression key is parenthesised, as both databases require
        // for anything but a column name or a function call.
        s += '(';
        s += ix.expressions[i];
        s += ')';
        opclass(i);
      }
    } else {
      for (std::size_t i = 0; i < ix.columns.size(); ++i) {
        if (i) s += ", ";
        d.quote_identifier(s, ix.columns[i]);
        opclass(i);
      }
    }
    s += ')';
    if (!ix.where.empty()) {
      s += " WHERE ";
      s += ix.where;
    }
    statements.push_back(std::move(s));
  }
  if (pg) {
    // PostgreSQL keeps comments as catalogue data (pg_description).
    if (!t.comment.empty()) {
      std::string c = "COMMENT ON TABLE ";
      qualified(d, c, t.schema, t.name);
      c += " IS ";
      sql::append_literal(c, Value(t.comment));
      statements.push_back(std::move(c));
    }
    for (const auto& col : t.columns) {
      if (col.comment.empty()) continue;
      std::string c = "COMMENT ON COLUMN ";
      qualified(d, c, t.schema, t.name);
      c += '.';
      d.quote_identifier(c, col.name);
      c += " IS ";
      sql::append_literal(c, Value(col.comment));
      statements.push_back(std::move(c));
    }
  }
  return statements;
}

void add_enum_types_of_columns(Schema& schema) {
  for (const auto& t : schema.tables) {
    for (const auto& c : t.columns) {
      if (c.type.kind != TypeKind::db_enum) continue;
      // A reflected column names a type of another namespace "ns.name";
      // such a type is always listed by reflection already.
      const bool listed =
          std::any_of(schema.enums.begin(), schema.enums.end(), [&](const EnumType& e) {
            return e.name == c.type.type_name ||
                   (!e.schema.empty() && e.schema + "." + e.name == c.type.type_name);
          });
      if (!listed) schema.enums.push_back({c.type.type_name, t.schema, c.type.enum_values});
    }
  }
}

std::string drop_table_sql(const sql::Dialect& d, const TableSchema& t, bool if_exists) {
  std::string out = t.is_view ? "DROP VIEW " : "DROP TABLE ";
  if (if_exists) out += "IF EXISTS ";
  qualified(d, out, t.schema, t.name);
  return out;
}

std::string add_foreign_key_sql(const sql::Dialect& d, const TableSchema& t, const ForeignKey& fk) {
  std::string out = "ALTER TABLE ";
  qualified(d, out, t.schema, t.name);
  out += " ADD ";
  append_foreign_key(d, out, fk);
  return out;
}

}  // namespace quarry
