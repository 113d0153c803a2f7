// The quarry-schema JSON format: writing a Schema (Boost.JSON values, then a
// small pretty-printer so the text is stable and diffs well) and reading one
// back with an error that names the JSON path of whatever is wrong.
#include <quarry/schema/json.hpp>

#include <algorithm>
#include <climits>
#include <initializer_list>
#include <set>
#include <utility>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "schema/referential_action_name.hpp"
#include "schema/type_kinds.hpp"

namespace quarry {

namespace json = boost::json;

namespace {

// ---------------------------------------------------------------- names

// Each TypeKind by its token (schema/type_kinds.hpp, the one table of them)
// and each ReferentialAction by its C++ enumerator name. The switch has no
// default so that a new enumerator is a compiler warning here.
std::string_view kind_name(TypeKind kind) {
  if (static_cast<std::size_t>(kind) >= std::size(detail::type_kinds)) return "?";
  return detail::type_kind_names(kind).token;
}

constexpr ReferentialAction all_actions[] = {
    ReferentialAction::no_action, ReferentialAction::restrict, ReferentialAction::cascade,
    ReferentialAction::set_null, ReferentialAction::set_default};

// ---------------------------------------------------------------- writing

json::array strings(const std::vector<std::string>& values) {
  json::array out;
  out.reserve(values.size());
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

// A type writes its kind and only the fields that differ from their default:
// {"kind": "varchar", "length": 50} rather than seven fields for every column.
json::object type_json(const SqlType& type) {
  json::object out;
  out["kind"] = kind_name(type.kind);
  if (type.length != 0) out["length"] = type.length;
  if (type.precision != 0) out["precision"] = type.precision;
  if (type.scale != 0) out["scale"] = type.scale;
  if (!type.enum_values.empty()) out["enum_values"] = strings(type.enum_values);
  if (!type.type_name.empty()) out["type_name"] = type.type_name;
  if (type.element != SqlType{}.element) out["element"] = kind_name(type.element);
  if (type.plain_json) out["plain_json"] = true;
  return out;
}

json::object column_json(const ColumnSchema& c) {
  json::object out;
  out["name"] = c.name;
  out["type"] = type_json(c.type);
  out["nullable"] = c.nullable;
  out["auto_increment"] = c.auto_increment;
  out["default_sql"] = c.default_sql ? json::value(*c.default_sql) : json::value(nullptr);
  out["comment"] = c.comment;
  return out;
}

json::object table_json(const TableSchema& t) {
  json::object out;
  out["name"] = t.name;
  out["schema"] = t.schema;
  out["is_view"] = t.is_view;
  out["comment"] = t.comment;
  json::array columns;
  for (const auto& c : t.columns) columns.emplace_back(column_json(c));
  out["columns"] = std::move(columns);
  out["primary_key"] = strings(t.primary_key);
  json::array uniques;
  for (const auto& u : t.uniques) {
    uniques.emplace_back(json::object{{"name", u.name}, {"columns", strings(u.columns)}});
  }
  out["uniques"] = std::move(uniques);
  json::array fks;
  for (const auto& fk : t.foreign_keys) {
    json::object f;
    f["name"] = fk.name;
    f["columns"] = strings(fk.columns);
    f["ref_schema"] = fk.ref_schema;
    f["ref_table"] = fk.ref_table;
    f["ref_columns"] = strings(fk.ref_columns);
    f["on_delete"] = referential_action_name(fk.on_delete);
    f["on_update"] = referential_action_name(fk.on_update);
    f["deferrable"] = fk.deferrable;
    f["initially_deferred"] = fk.initially_deferred;
    fks.emplace_back(std::move(f));
  }
  out["foreign_keys"] = std::move(fks);
  json::array checks;
  for (const auto& c : t.checks)
    checks.emplace_back(json::object{{"name", c.name}, {"sql", c.sql}});
  out["checks"] = std::move(checks);
  json::array indexes;
  for (const auto& ix : t.indexes) {
    json::object i;
    i["name"] = ix.name;
    i["columns"] = strings(ix.columns);
    i["unique"] = ix.unique;
    i["expressions"] = strings(ix.expressions);
    i["where"] = ix.where;
    // Written only when set, so that a document without them reads as before.
    if (!ix.method.empty()) i["method"] = ix.method;
    if (!ix.opclasses.empty()) i["opclasses"] = strings(ix.opclasses);
    indexes.emplace_back(std::move(i));
  }
  out["indexes"] = std::move(indexes);
  out["view_sql"] = t.view_sql;
  return out;
}

bool is_scalar(const json::value& v) {
  return !v.is_object() && !v.is_array();
}

// A scalar or an array of scalars prints on one line; so does an object of
// such values and such objects (a column, a type, a constraint): one column
// or key per line reads well and diffs well. Tables and the document itself
// are one member per line.
bool is_flat(const json::value& v) {
  if (is_scalar(v)) return true;
  if (v.is_array()) {
    return std::all_of(v.as_array().begin(), v.as_array().end(), is_scalar);
  }
  return std::all_of(v.as_object().begin(), v.as_object().end(),
                     [](const json::key_value_pair& m) { return is_flat(m.value()); });
}

void print_inline(std::string& out, const json::value& v) {
  if (v.is_array()) {
    out += '[';
    bool first = true;
    for (const auto& e : v.as_array()) {
      if (!first) out += ", ";
      first = false;
      print_inline(out, e);
    }
    out += ']';
  } else if (v.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& member : v.as_object()) {
      if (!first) out += ", ";
      first = false;
      out += json::serialize(json::value(member.key()));
      out += ": ";
      print_inline(out, member.value());
    }
    out += '}';
  } else {
    out += json::serialize(v);
  }
}

void print(std::string& out, const json::value& v, int indent) {
  if (is_flat(v)) {
    print_inline(out, v);
    return;
  }
  std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  if (v.is_array()) {
    if (v.as_array().empty()) {
      out += "[]";
      return;
    }
    out += "[\n";
    bool first = true;
    for (const auto& e : v.as_array()) {
      if (!first) out += ",\n";
      first = false;
      out += pad;
      print(out, e, indent + 2);
    }
    out += '\n';
    out.append(static_cast<std::size_t>(indent), ' ');
    out += ']';
    return;
  }
  const auto& object = v.as_object();
  if (object.empty()) {
    out += "{}";
    return;
  }
  out += "{\n";
  bool first = true;
  for (const auto& member : object) {
    if (!first) out += ",\n";
    first = false;
    out += pad;
    out += json::serialize(json::value(member.key()));
    out += ": ";
    print(out, member.value(), indent + 2);
  }
  out += '\n';
  out.append(static_cast<std::size_t>(indent), ' ');
  out += '}';
}

// ---------------------------------------------------------------- reading

bool is_identifier(std::string_view key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

std::string member_path(const std::string& path, std::string_view key) {
  if (is_identifier(key)) return fmt::format("{}.{}", path, key);
  return fmt::format("{}[{}]", path, json::serialize(json::value(key)));
}

std::string element_path(const std::string& path, std::size_t i) {
  return fmt::format("{}[{}]", path, i);
}

[[noreturn]] void fail(const std::string& path, std::string_view what) {
  throw SchemaJsonError(fmt::format("{}: {}", path, what), path);
}

std::string_view json_kind(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      return "null";
    case json::kind::bool_:
      return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_:
      return "a number";
    case json::kind::string:
      return "a string";
    case json::kind::array:
      return "an array";
    case json::kind::object:
      return "an object";
  }
  return "a value";
}

const json::object& as_object(const json::value& v, const std::string& path) {
  if (!v.is_object()) fail(path, fmt::format("expected an object, found {}", json_kind(v)));
  return v.as_object();
}

const json::array& as_array(const json::value& v, const std::string& path) {
  if (!v.is_array()) fail(path, fmt::format("expected an array, found {}", json_kind(v)));
  return v.as_array();
}

std::string as_string(const json::value& v, const std::string& path) {
  if (!v.is_string()) fail(path, fmt::format("expected a string, found {}", json_kind(v)));
  return std::string(v.as_string());
}

bool as_bool(const json::value& v, const std::string& path) {
  if (!v.is_bool()) fail(path, fmt::format("expected true or false, found {}", json_kind(v)));
  return v.as_bool();
}

int as_int(const json::value& v, const std::string& path) {
  if (v.is_int64() && v.as_int64() >= 0 && v.as_int64() <= INT_MAX) {
    return static_cast<int>(v.as_int64());
  }
  if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT_MAX)) {
    return static_cast<int>(v.as_uint64());
  }
  if (v.is_number())
    fail(path,
         fmt::format("expected an integer from 0 to {}, found {}", INT_MAX, json::serialize(v)));
  fail(path, fmt::format("expected an integer, found {}", json_kind(v)));
}

std::vector<std::string> as_strings(const json::value& v, const std::string& path) {
  const auto& array = as_array(v, path);
  std::vector<std::string> out;
  out.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) {
    out.push_back(as_string(array[i], element_path(path, i)));
  }
  return out;
}

/// Rejects keys outside `allowed` (a typo such as "nulable" would otherwise be
/// dropped without a word) and requires those in `required`.
void check_keys(const json::object& object, const std::string& path,
                std::initializer_list<std::string_view> allowed,
                std::initializer_list<std::string_view> required) {
  for (const auto& member : object) {
    if (std::find(allowed.begin(), allowed.end(), member.key()) != allowed.end()) continue;
    std::string suggestion = detail::closest_name(member.key(), std::vector(allowed));
    fail(member_path(path, member.key()),
         fmt::format("unknown key {}{}", json::serialize(json::value(member.key())),
                     suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion)));
  }
  for (auto key : required) {
    if (!object.contains(key)) fail(path, fmt::format("missing required key \"{}\"", key));
  }
}

/// Calls `read(value, path)` when `object` has `key`.
template <class Read>
void optional_member(const json::object& object, const std::string& path, std::string_view key,
                     Read&& read) {
  if (const json::value* v = object.if_contains(key)) {
    const std::string member = member_path(path, key);
    read(*v, member);
  }
}

TypeKind parse_kind(const json::value& v, const std::string& path) {
  std::string name = as_string(v, path);
  std::vector<std::string_view> names;
  for (const auto& k : detail::type_kinds) {
    if (k.token == name) return k.kind;
    names.push_back(k.token);
  }
  std::string suggestion = detail::closest_name(name, names);
  fail(path,
       fmt::format("unknown type kind \"{}\"{}", name,
                   suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion)));
}

ReferentialAction parse_action(const json::value& v, const std::string& path) {
  std::string name = as_string(v, path);
  std::vector<std::string_view> names;
  for (ReferentialAction a : all_actions) {
    if (referential_action_name(a) == name) return a;
    names.push_back(referential_action_name(a));
  }
  fail(path, fmt::format("unknown referential action \"{}\" (expected one of no_action, restrict, "
                         "cascade, set_null, set_default)",
                         name));
}

SqlType parse_type(const json::value& v, const std::string& path) {
  const auto& o = as_object(v, path);
  check_keys(
      o, path,
      {"kind", "length", "precision", "scale", "enum_values", "type_name", "element", "plain_json"},
      {"kind"});
  SqlType t;
  t.kind = parse_kind(o.at("kind"), member_path(path, "kind"));
  optional_member(o, path, "length", [&](auto& m, auto& p) { t.length = as_int(m, p); });
  optional_member(o, path, "precision", [&](auto& m, auto& p) { t.precision = as_int(m, p); });
  optional_member(o, path, "scale", [&](auto& m, auto& p) { t.scale = as_int(m, p); });
  optional_member(o, path, "enum_values",
                  [&](auto& m, auto& p) { t.enum_values = as_strings(m, p); });
  optional_member(o, path, "type_name", [&](auto& m, auto& p) { t.type_name = as_string(m, p); });
  optional_member(o, path, "element", [&](auto& m, auto& p) { t.element = parse_kind(m, p); });
  optional_member(o, path, "plain_json", [&](auto& m, auto& p) { t.plain_json = as_bool(m, p); });
  return t;
}

ColumnSchema parse_column(const json::value& v, const std::string& path) {
  const auto& o = as_object(v, path);
  check_keys(o, path, {"name", "type", "nullable", "auto_increment", "default_sql", "comment"},
             {"name", "type"});
  ColumnSchema c;
  c.name = as_string(o.at("name"), member_path(path, "name"));
  if (c.name.empty()) fail(member_path(path, "name"), "a column name cannot be empty");
  c.type = parse_type(o.at("type"), member_path(path, "type"));
  optional_member(o, path, "nullable", [&](auto& m, auto& p) { c.nullable = as_bool(m, p); });
  optional_member(o, path, "auto_increment",
                  [&](auto& m, auto& p) { c.auto_increment = as_bool(m, p); });
  optional_member(o, path, "default_sql", [&](auto& m, auto& p) {
    if (!m.is_null()) c.default_sql = as_string(m, p);
  });
  optional_member(o, path, "comment", [&](auto& m, auto& p) { c.comment = as_string(m, p); });
  return c;
}

/// Each name in `columns` (read from `path`) must be a column of `table`.
void check_columns_exist(const TableSchema& table, const std::vector<std::string>& columns,
                         const std::string& path) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (table.find_column(columns[i])) continue;
    std::vector<std::string_view> names;
    for (const auto& c : table.columns) names.push_back(c.name);
    std::string suggestion = detail::closest_name(columns[i], names);
    fail(element_path(path, i),
         fmt::format("table \"{}\" has no column \"{}\"{}", table.name, columns[i],
                     suggestion.empty() ? "" : fmt::format("; did you mean \"{}\"?", suggestion)));
  }
}

/// Reads an array member of objects, calling `read(element, path)` for each.
template <class Read>
void each_element(const json::object& o, const std::string& path, std::string_view key,
                  Read&& read) {
  optional_member(o, path, key, [&](const json::value& m, const std::string& p) {
    const auto& array = as_array(m, p);
    for (std::size_t i = 0; i < array.size(); ++i) read(array[i], element_path(p, i));
  });
}

TableSchema parse_table(const json::value& v, const std::string& path) {
  const auto& o = as_object(v, path);
  check_keys(o, path,
             {"name", "schema", "is_view", "comment", "columns", "primary_key", "uniques",
              "foreign_keys", "checks", "indexes", "view_sql"},
             {"name"});
  TableSchema t;
  t.name = as_string(o.at("name"), member_path(path, "name"));
  if (t.name.empty()) fail(member_path(path, "name"), "a table name cannot be empty");
  optional_member(o, path, "schema", [&](auto& m, auto& p) { t.schema = as_string(m, p); });
  optional_member(o, path, "is_view", [&](auto& m, auto& p) { t.is_view = as_bool(m, p); });
  optional_member(o, path, "comment", [&](auto& m, auto& p) { t.comment = as_string(m, p); });
  optional_member(o, path, "view_sql", [&](auto& m, auto& p) { t.view_sql = as_string(m, p); });

  std::set<std::string, std::less<>> seen;
  each_element(o, path, "columns", [&](const json::value& e, const std::string& p) {
    ColumnSchema c = parse_column(e, p);
    if (!seen.insert(c.name).second) {
      fail(member_path(p, "name"),
           fmt::format("duplicate column \"{}\" in table \"{}\"", c.name, t.name));
    }
    t.columns.push_back(std::move(c));
  });

  optional_member(o, path, "primary_key", [&](auto& m, auto& p) {
    t.primary_key = as_strings(m, p);
    check_columns_exist(t, t.primary_key, p);
  });
  each_element(o, path, "uniques", [&](const json::value& e, const std::string& p) {
    const auto& u = as_object(e, p);
    check_keys(u, p, {"name", "columns"}, {"columns"});
    UniqueConstraint unique;
    optional_member(u, p, "name", [&](auto& m, auto& mp) { unique.name = as_string(m, mp); });
    unique.columns = as_strings(u.at("columns"), member_path(p, "columns"));
    if (unique.columns.empty())
      fail(member_path(p, "columns"), "a unique constraint needs columns");
    check_columns_exist(t, unique.columns, member_path(p, "columns"));
    t.uniques.push_back(std::move(unique));
  });
  each_element(o, path, "foreign_keys", [&](const json::value& e, const std::string& p) {
    const auto& f = as_object(e, p);
    check_keys(f, p,
               {"name", "columns", "ref_schema", "ref_table", "ref_columns", "on_delete",
                "on_update", "deferrable", "initially_deferred"},
               {"columns", "ref_table", "ref_columns"});
    ForeignKey fk;
    optional_member(f, p, "name", [&](auto& m, auto& mp) { fk.name = as_string(m, mp); });
    fk.columns = as_strings(f.at("columns"), member_path(p, "columns"));
    if (fk.columns.empty()) fail(member_path(p, "columns"), "a foreign key needs columns");
    check_columns_exist(t, fk.columns, member_path(p, "columns"));
    optional_member(f, p, "ref_schema",
                    [&](auto& m, auto& mp) { fk.ref_schema = as_string(m, mp); });
    fk.ref_table = as_string(f.at("ref_table"), member_path(p, "ref_table"));
    if (fk.ref_table.empty()) fail(member_path(p, "ref_table"), "the referenced table is empty");
    fk.ref_columns = as_strings(f.at("ref_columns"), member_path(p, "ref_columns"));
    if (fk.ref_columns.size() != fk.columns.size()) {
      fail(member_path(p, "ref_columns"),
           fmt::format("{} referenced column(s) for {} foreign key column(s)",
                       fk.ref_columns.size(), fk.columns.size()));
    }
    optional_member(f, p, "on_delete",
                    [&](auto& m, auto& mp) { fk.on_delete = parse_action(m, mp); });
    optional_member(f, p, "on_update",
                    [&](auto& m, auto& mp) { fk.on_update = parse_action(m, mp); });
    optional_member(f, p, "deferrable", [&](auto& m, auto& mp) { fk.deferrable = as_bool(m, mp); });
    optional_member(f, p, "initially_deferred",
                    [&](auto& m, auto& mp) { fk.initially_deferred = as_bool(m, mp); });
    t.foreign_keys.push_back(std::move(fk));
  });
  each_element(o, path, "checks", [&](const json::value& e, const std::string& p) {
    const auto& c = as_object(e, p);
    check_keys(c, p, {"name", "sql"}, {"sql"});
    CheckConstraint check;
    optional_member(c, p, "name", [&](auto& m, auto& mp) { check.name = as_string(m, mp); });
    check.sql = as_string(c.at("sql"), member_path(p, "sql"));
    t.checks.push_back(std::move(check));
  });
  each_element(o, path, "indexes", [&](const json::value& e, const std::string& p) {
    const auto& i = as_object(e, p);
    check_keys(i, p, {"name", "columns", "unique", "expressions", "where", "method", "opclasses"},
               {});
    Index index;
    optional_member(i, p, "name", [&](auto& m, auto& mp) { index.name = as_string(m, mp); });
    optional_member(i, p, "columns", [&](auto& m, auto& mp) {
      index.columns = as_strings(m, mp);
      check_columns_exist(t, index.columns, mp);
    });
    optional_member(i, p, "unique", [&](auto& m, auto& mp) { index.unique = as_bool(m, mp); });
    optional_member(i, p, "expressions",
                    [&](auto& m, auto& mp) { index.expressions = as_strings(m, mp); });
    optional_member(i, p, "where", [&](auto& m, auto& mp) { index.where = as_string(m, mp); });
    optional_member(i, p, "method", [&](auto& m, auto& mp) { index.method = as_string(m, mp); });
    optional_member(i, p, "opclasses",
                    [&](auto& m, auto& mp) { index.opclasses = as_strings(m, mp); });
    if (index.columns.empty() && index.expressions.empty()) {
      fail(p, "an index needs \"columns\" or \"expressions\"");
    }
    if (index.opclasses.size() > index.columns.size() + index.expressions.size()) {
      fail(member_path(p, "opclasses"),
           fmt::format("{} operator classes for {} key(s)", index.opclasses.size(),
                       index.columns.size() + index.expressions.size()));
    }
    t.indexes.push_back(std::move(index));
  });
  return t;
}

/// Parses the text, turning a syntax error into "$: line L, column C: what".
json::value parse_text(std::string_view text) {
  json::stream_parser parser;
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec && consumed == text.size()) parser.finish(ec);
  if (ec) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < consumed && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    fail("$", fmt::format("not valid JSON at line {}, column {}: {}", line, column, ec.message()));
  }
  if (consumed != text.size()) fail("$", "not valid JSON: text after the document");
  return parser.release();
}

}  // namespace

std::string schema_to_json(const Schema& schema) {
  json::object root;
  root["format"] = "quarry-schema";
  root["version"] = schema_json_version;
  json::array tables;
  for (const auto& t : schema.tables) tables.emplace_back(table_json(t));
  root["tables"] = std::move(tables);
  json::array enums;
  for (const auto& e : schema.enums) {
    enums.emplace_back(
        json::object{{"name", e.name}, {"schema", e.schema}, {"values", strings(e.values)}});
  }
  root["enums"] = std::move(enums);
  std::string out;
  print(out, root, 0);
  out += '\n';
  return out;
}

Schema schema_from_json(std::string_view text) {
  json::value document = parse_text(text);
  const std::string root_path = "$";
  const auto& root = as_object(document, root_path);

  // Format and version first: a newer document fails on its version, not on
  // the first key this version does not know.
  const json::value* format = root.if_contains("format");
  if (!format) fail(root_path, "not a quarry-schema document (no \"format\" key)");
  if (!format->is_string() || format->as_string() != "quarry-schema") {
    fail("$.format", fmt::format("expected \"quarry-schema\", found {}", json::serialize(*format)));
  }
  const json::value* version = root.if_contains("version");
  if (!version) fail(root_path, "missing required key \"version\"");
  if (!version->is_int64() || version->as_int64() != schema_json_version) {
    fail("$.version", fmt::format("version {} is not supported; this Quarry reads version {}",
                                  json::serialize(*version), schema_json_version));
  }
  check_keys(root, root_path, {"format", "version", "tables", "enums"}, {"tables"});

  Schema schema;
  std::set<std::pair<std::string, std::string>> seen;
  each_element(root, root_path, "tables", [&](const json::value& e, const std::string& p) {
    TableSchema t = parse_table(e, p);
    if (!seen.emplace(t.schema, t.name).second) {
      fail(member_path(p, "name"), fmt::format("duplicate table \"{}{}{}\"", t.schema,
                                               t.schema.empty() ? "" : ".", t.name));
    }
    schema.tables.push_back(std::move(t));
  });
  each_element(root, root_path, "enums", [&](const json::value& e, const std::string& p) {
    const auto& o = as_object(e, p);
    check_keys(o, p, {"name", "schema", "values"}, {"name"});
    EnumType type;
    type.name = as_string(o.at("name"), member_path(p, "name"));
    if (type.name.empty()) fail(member_path(p, "name"), "an enum name cannot be empty");
    optional_member(o, p, "schema", [&](auto& m, auto& mp) { type.schema = as_string(m, mp); });
    optional_member(o, p, "values", [&](auto& m, auto& mp) { type.values = as_strings(m, mp); });
    schema.enums.push_back(std::move(type));
  });
  return schema;
}

}  // namespace quarry
