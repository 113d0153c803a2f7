// parse_sql_type: a type as a database spells it back to a SqlType. The
// inverse of sql_type_name for every type Quarry writes, and the common
// aliases of each backend (int4, character varying(n), timestamptz, ...).
#include <cctype>
#include <charconv>

#include <quarry/schema/reflect.hpp>
#include <quarry/sql/dialect.hpp>

namespace quarry {

namespace {

std::string squeeze_lower(std::string_view s) {
  // lower case, one space between words, none around parentheses and commas
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    bool punct = c == '(' || c == ')' || c == ',' || c == '[' || c == ']';
    if (space && !out.empty() && !punct && out.back() != '(' && out.back() != ',') out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

bool parse_int(std::string_view s, int& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && p == s.data() + s.size();
}

}  // namespace

SqlType parse_sql_type(const sql::Dialect& dialect, std::string_view text, bool* auto_increment) {
  const bool pg = dialect.name() == "postgresql";
  if (auto_increment) *auto_increment = false;
  SqlType raw;
  raw.kind = TypeKind::raw;
  raw.type_name = std::string(text);
  while (!raw.type_name.empty() && std::isspace(static_cast<unsigned char>(raw.type_name.back())))
    raw.type_name.pop_back();

  std::string t = squeeze_lower(text);
  // Arrays: "integer[]" (PostgreSQL only; SQLite has none).
  if (pg && t.size() > 2 && t.ends_with("[]")) {
    std::string element_text = t.substr(0, t.size() - 2);
    while (element_text.ends_with("[]")) return raw;  // multi-dimensional: kept raw
    SqlType element = parse_sql_type(dialect, element_text, nullptr);
    if (element.kind == TypeKind::raw || element.kind == TypeKind::array ||
        element.kind == TypeKind::db_enum)
      return raw;
    SqlType array = element;
    array.kind = TypeKind::array;
    array.element = element.kind;
    return array;
  }
  // name and (arguments)
  std::string base = t;
  std::vector<int> args;
  if (auto open = t.find('('); open != std::string::npos) {
    if (!t.ends_with(")")) return raw;
    base = t.substr(0, open);
    while (!base.empty() && base.back() == ' ') base.pop_back();
    std::string_view inside(t);
    inside = inside.substr(open + 1, t.size() - open - 2);
    while (!inside.empty()) {
      auto comma = inside.find(',');
      int v = 0;
      if (!parse_int(inside.substr(0, comma), v)) return raw;
      args.push_back(v);
      if (comma == std::string_view::npos) break;
      inside.remove_prefix(comma + 1);
    }
  }
  SqlType type;
  auto plain = [&](TypeKind kind) -> SqlType {
    if (!args.empty()) return raw;
    type.kind = kind;
    return type;
  };
  auto serial = [&](TypeKind kind) -> SqlType {
    if (!pg || !args.empty()) return raw;
    if (auto_increment) *auto_increment = true;
    type.kind = kind;
    return type;
  };
  if (base == "smallint" || base == "int2") return plain(TypeKind::int16);
  if (base == "integer" || base == "int" || base == "int4") return plain(TypeKind::int32);
  if (base == "bigint" || base == "int8") return plain(TypeKind::int64);
  if (base == "serial" || base == "serial4") return serial(TypeKind::int32);
  if (base == "bigserial" || base == "serial8") return serial(TypeKind::int64);
  if (base == "smallserial" || base == "serial2") return serial(TypeKind::int16);
  if (base == "double precision" || base == "float8") return plain(TypeKind::float64);
  // SQLite's REAL is an 8-byte float; PostgreSQL's is 4 bytes, which no
  // TypeKind holds: it stays raw.
  if (!pg && (base == "real" || base == "double" || base == "float"))
    return plain(TypeKind::float64);
  if (base == "numeric" || base == "decimal" || (!pg && base == "decimal_text")) {
    if (args.size() > 2) return raw;
    type.kind = TypeKind::decimal;
    if (!args.empty()) {
      type.precision = args[0];
      type.scale = args.size() > 1 ? args[1] : 0;
    }
    return type;
  }
  if (base == "text") return plain(TypeKind::text);
  if (base == "varchar" || base == "character varying") {
    if (args.size() != 1) return raw;
    type.kind = TypeKind::varchar;
    type.length = args[0];
    return type;
  }
  if (base == "boolean" || base == "bool") return plain(TypeKind::boolean);
  if ((pg && base == "bytea") || (!pg && base == "blob")) return plain(TypeKind::blob);
  if (base == "date") return plain(TypeKind::date);
  if (base == "time" || base == "time without time zone") return plain(TypeKind::time);
  if (base == "timestamp" || base == "timestamp without time zone")
    return plain(TypeKind::timestamp);
  if (base == "timestamptz" || base == "timestamp with time zone")
    return plain(TypeKind::timestamptz);
  if (base == "uuid") return plain(TypeKind::uuid);
  if ((pg && base == "jsonb") || (!pg && base == "json_text")) return plain(TypeKind::json);
  if (pg && base == "json") {
    SqlType json = plain(TypeKind::json);
    json.plain_json = json.kind == TypeKind::json;
    return json;
  }
  if (pg && base == "interval") return plain(TypeKind::interval);
  return raw;
}

}  // namespace quarry
