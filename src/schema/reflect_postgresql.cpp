// Reflection of a PostgreSQL database from pg_catalog: six queries, however
// many tables there are (the current schema, the tables and views, their
// columns, constraints, indexes with their access methods and operator
// classes, and the enum types). Names, index keys and
// conditions come back as the server prints them (pg_get_constraintdef,
// pg_get_indexdef, pg_get_expr, pg_get_viewdef); lists arrive as JSON.
#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <quarry/error.hpp>
#include <quarry/sql/compiler.hpp>
#include <quarry/sql/dialect.hpp>

#include "schema/reflect_detail.hpp"
#include "schema/sql_text.hpp"

namespace quarry::detail {

namespace {

std::vector<std::string> json_strings(const std::string& text) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  boost::json::value v = boost::json::parse(text);
  if (!v.is_array()) return out;
  for (const auto& e : v.as_array()) {
    out.push_back(e.is_string() ? std::string(e.as_string()) : std::string());
  }
  return out;
}

ReferentialAction action_of(std::string_view code) {
  switch (code.empty() ? 'a' : code[0]) {
    case 'r':
      return ReferentialAction::restrict;
    case 'c':
      return ReferentialAction::cascade;
    case 'n':
      return ReferentialAction::set_null;
    case 'd':
      return ReferentialAction::set_default;
    default:
      return ReferentialAction::no_action;
  }
}

// "CHECK ((a > 0))" -> "(a > 0)" without its outer parentheses: "a > 0".
std::string check_condition(const std::string& def) {
  auto toks = tokenize_sql(def);
  std::size_t i = 0;
  if (i < toks.size() && toks[i].is_word("check")) ++i;
  if (i < toks.size() && toks[i].is('(')) {
    std::size_t close = matching_paren(toks, i);
    std::string inner = source_text(def, toks, i + 1, close);
    // one more pair when the whole condition is parenthesised
    auto in = tokenize_sql(inner);
    if (!in.empty() && in[0].is('(') && matching_paren(in, 0) == in.size() - 1)
      return source_text(inner, in, 1, in.size() - 1);
    return inner;
  }
  return def;
}

std::string trim_view(std::string s) {
  while (!s.empty() && (std::isspace(static_cast<unsigned char>(s.back())) || s.back() == ';'))
    s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  return s.substr(b);
}

Schema assemble_postgresql(std::vector<CatalogRows>& results, const ReflectOptions& options) {
  const auto& dialect = sql::postgresql_dialect();
  const std::string current = results[0].empty() ? "" : cell_text(results[0][0][0]);
  auto local = [&](const std::string& ns) { return ns == current ? std::string() : ns; };
  Schema schema;
  std::map<std::int64_t, std::size_t> by_oid;
  // enum types, all of them (a column may use one from another schema)
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> enum_values;
  std::vector<std::string> wanted = options.schemas;
  for (const auto& row : results[5]) {
    std::string ns = cell_text(row[0]), name = cell_text(row[1]);
    auto values = json_strings(cell_text(row[2]));
    enum_values[{ns, name}] = values;
    bool in_scope = wanted.empty() ? ns == current
                                   : std::find(wanted.begin(), wanted.end(), ns) != wanted.end();
    if (in_scope) schema.enums.push_back({name, local(ns), values});
  }
  // 1: tables and views
  for (const auto& row : results[1]) {
    TableSchema t;
    t.schema = local(cell_text(row[1]));
    t.name = cell_text(row[2]);
    std::string kind = cell_text(row[3]);
    t.comment = cell_text(row[4]);
    if (kind == "v" || kind == "m") {
      t.is_view = true;
      t.view_sql = trim_view(cell_text(row[5]));
    }
    by_oid[cell_int(row[0])] = schema.tables.size();
    schema.tables.push_back(std::move(t));
  }
  // 2: columns
  for (const auto& row : results[2]) {
    auto it = by_oid.find(cell_int(row[0]));
    if (it == by_oid.end()) continue;
    TableSchema& t = schema.tables[it->second];
    ColumnSchema c;
    c.name = cell_text(row[1]);
    std::string formatted = cell_text(row[2]);
    c.nullable = !cell_bool(row[3]);
    std::string def = cell_text(row[4]);
    bool has_default = !row[4].is_null();
    std::string identity = cell_text(row[5]);
    c.comment = cell_text(row[6]);
    std::string typtype = cell_text(row[7]);
    std::string type_ns = cell_text(row[8]), type_name = cell_text(row[9]);
    std::string elem_typtype = cell_text(row[10]);
    bool generated = !cell_text(row[13]).empty();
    if (typtype == "e") {
      c.type.kind = TypeKind::db_enum;
      c.type.type_name = local(type_ns).empty() ? type_name : type_ns + "." + type_name;
      c.type.enum_values = enum_values[{type_ns, type_name}];
    } else if (elem_typtype == "e") {
      // an array of an enum: kept raw, spelled as the server does
      c.type.kind = TypeKind::raw;
      c.type.type_name = formatted;
    } else {
      c.type = parse_sql_type(dialect, formatted);
    }
    if (!identity.empty()) c.auto_increment = true;
    if (has_default && !generated) {
      if (def.starts_with("nextval(")) {
        c.auto_increment = true;
      } else {
        c.default_sql = def;
      }
    }
    if (generated) {
      // A generated column's expression is not a default: kept as raw text
      // in the comment-free type so that nothing is lost silently.
      c.type.kind = TypeKind::raw;
      c.type.type_name = fmt::format("{} GENERATED ALWAYS AS ({}) STORED", formatted, def);
    }
    t.columns.push_back(std::move(c));
  }
  // 3: constraints
  for (const auto& row : results[3]) {
    auto it = by_oid.find(cell_int(row[0]));
    if (it == by_oid.end()) continue;
    TableSchema& t = schema.tables[it->second];
    std::string name = cell_text(row[1]);
    std::string type = cell_text(row[2]);
    auto columns = json_strings(cell_text(row[3]));
    if (type == "p") {
      t.primary_key = columns;
    } else if (type == "u") {
      t.uniques.push_back({name, columns});
    } else if (type == "c") {
      t.checks.push_back({name, check_condition(cell_text(row[11]))});
    } else if (type == "f") {
      ForeignKey fk;
      fk.name = name;
      fk.columns = columns;
      fk.ref_schema = local(cell_text(row[4]));
      fk.ref_table = cell_text(row[5]);
      fk.ref_columns = json_strings(cell_text(row[6]));
      fk.on_update = action_of(cell_text(row[7]));
      fk.on_delete = action_of(cell_text(row[8]));
      fk.deferrable = cell_bool(row[9]);
      fk.initially_deferred = cell_bool(row[10]);
      t.foreign_keys.push_back(std::move(fk));
    }
  }
  // 4: indexes that no constraint owns
  for (const auto& row : results[4]) {
    auto it = by_oid.find(cell_int(row[0]));
    if (it == by_oid.end()) continue;
    Index ix;
    ix.name = cell_text(row[1]);
    ix.unique = cell_bool(row[2]);
    boost::json::value keys = boost::json::parse(cell_text(row[3]));
    bool plain = true;
    std::vector<std::string> columns, expressions;
    if (keys.is_array()) {
      for (const auto& k : keys.as_array()) {
        const auto& pair = k.as_array();
        std::string text = pair[1].is_string() ? std::string(pair[1].as_string()) : "";
        expressions.push_back(text);
        if (pair[0].is_string()) {
          columns.push_back(std::string(pair[0].as_string()));
        } else {
          plain = false;
        }
      }
    }
    if (plain) {
      ix.columns = std::move(columns);
    } else {
      ix.expressions = std::move(expressions);
    }
    ix.where = cell_text(row[4]);
    // btree is the default method; a key's default operator class is "".
    if (std::string method = cell_text(row[5]); method != "btree") ix.method = method;
    ix.opclasses = json_strings(cell_text(row[6]));
    while (!ix.opclasses.empty() && ix.opclasses.back().empty()) ix.opclasses.pop_back();
    schema.tables[it->second].indexes.push_back(std::move(ix));
  }
  for (auto& t : schema.tables) {
    std::sort(t.indexes.begin(), t.indexes.end(),
              [](const Index& a, const Index& b) { return a.name < b.name; });
  }
  filter_tables(schema, options);
  return schema;
}

}  // namespace

ReflectionPlan postgresql_reflection(const ReflectOptions& options) {
  // The namespaces to read, as a SQL condition on n.nspname.
  std::string in_scope;
  if (options.schemas.empty()) {
    in_scope = "n.nspname = current_schema()";
  } else {
    in_scope = "n.nspname IN (";
    for (std::size_t i = 0; i < options.schemas.size(); ++i) {
      if (i) in_scope += ", ";
      sql::append_literal(in_scope, Value(options.schemas[i]));
    }
    in_scope += ')';
  }
  ReflectionPlan plan;
  plan.queries = {
      "SELECT current_schema()",
      fmt::format(
          "SELECT c.oid, n.nspname, c.relname, c.relkind, obj_description(c.oid, 'pg_class'), "
          "CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END "
          "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
          "WHERE c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition AND {} "
          "ORDER BY n.nspname = current_schema() DESC, n.nspname, c.relname",
          in_scope),
      fmt::format(
          "SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
          "pg_get_expr(d.adbin, d.adrelid), a.attidentity, col_description(a.attrelid, a.attnum), "
          "t.typtype, tn.nspname, t.typname, et.typtype, etn.nspname, et.typname, a.attgenerated "
          "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
          "JOIN pg_namespace n ON n.oid = c.relnamespace "
          "JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace "
          "LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' "
          "LEFT JOIN pg_namespace etn ON etn.oid = et.typnamespace "
          "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
          "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm') "
          "AND {} ORDER BY a.attrelid, a.attnum",
          in_scope),
      fmt::format(
          "SELECT con.conrelid, con.conname, con.contype, "
          "to_json(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord) "
          "JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num "
          "ORDER BY k.ord))::text, "
          "fn.nspname, fc.relname, "
          "to_json(ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord) "
          "JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num "
          "ORDER BY k.ord))::text, "
          "con.confupdtype, con.confdeltype, con.condeferrable, con.condeferred, "
          "pg_get_constraintdef(con.oid, true) "
          "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
          "JOIN pg_namespace n ON n.oid = c.relnamespace "
          "LEFT JOIN pg_class fc ON fc.oid = con.confrelid "
          "LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
          "WHERE con.contype IN ('p', 'u', 'f', 'c') AND {} ORDER BY con.conrelid, con.conname",
          in_scope),
      fmt::format(
          "SELECT i.indrelid, ic.relname, i.indisunique, "
          "(SELECT json_agg(json_build_array(a.attname, pg_get_indexdef(i.indexrelid, k, true)) "
          "ORDER BY k) FROM generate_series(1, i.indnkeyatts) k "
          "LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1] "
          "AND i.indkey[k - 1] <> 0)::text, "
          "pg_get_expr(i.indpred, i.indrelid, true), am.amname, "
          "(SELECT json_agg(CASE WHEN oc.opcdefault THEN '' ELSE oc.opcname END ORDER BY k) "
          "FROM generate_series(1, i.indnkeyatts) k "
          "JOIN pg_opclass oc ON oc.oid = i.indclass[k - 1])::text "
          "FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
          "JOIN pg_am am ON am.oid = ic.relam "
          "JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
          "WHERE NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid "
          "AND con.contype IN ('p', 'u', 'x')) AND {} ORDER BY i.indrelid, ic.relname",
          in_scope),
      "SELECT n.nspname, t.typname, to_json(ARRAY(SELECT e.enumlabel FROM pg_enum e "
      "WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder))::text "
      "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typtype = 'e' "
      "ORDER BY n.nspname, t.typname",
  };
  plan.assemble = [options](std::vector<CatalogRows>& results) {
    return assemble_postgresql(results, options);
  };
  return plan;
}

}  // namespace quarry::detail
