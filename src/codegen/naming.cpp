// SQL names to C++ names; see naming.hpp.
#include "codegen/naming.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace quarry::detail::codegen {

namespace {

constexpr std::array<std::string_view, 97> cpp_keywords{
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
    "case", "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept",
    "const", "consteval", "constexpr", "constinit", "const_cast", "continue", "co_await",
    "co_return", "co_yield", "decltype", "default", "delete", "do", "double", "dynamic_cast",
    "else", "enum", "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if",
    "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr",
    "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
    "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast",
    "struct", "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef",
    "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t",
    "while", "xor", "xor_eq",
    // Not keywords, but macros every program sees.
    "NULL", "EOF", "assert", "errno", "final"};

// Members of every table object QUARRY_TABLE declares (and of its base):
// a column member of the same name would hide or clash with them.
constexpr std::array<std::string_view, 3> table_object_names{"sql_name", "row_type",
                                                             "quarry_table_tag"};

// Names QUARRY_TABLE's constraint scopes bring in from namespace quarry with
// a using-declaration: a table object of that name would not be found there.
// The rest of quarry's names only clash at global scope (using-directive).
constexpr std::array<std::string_view, 31> quarry_function_names{
    "index",     "unique",       "indexed",          "primary_key", "references",    "varchar",
    "numeric",   "default_",     "default_sql",      "comment",     "check",         "check_sql",
    "raw_type",  "unique_index", "expression_index", "foreign_key", "table_comment", "view",
    "in_schema", "cascade",      "restrict",         "set_null",    "set_default",   "no_action",
    "select",    "insert",       "update",           "objects",     "upsert",        "schema_of",
    "nullable"};

// quarry's types, visible beside the user's at global scope.
constexpr std::array<std::string_view, 22> quarry_type_names{
    "Table",   "Column",   "Schema",      "TableSchema", "ColumnSchema", "Database",
    "Value",   "Decimal",  "Blob",        "Date",        "TimeOfDay",    "Timestamp",
    "Uuid",    "Json",     "TimestampTz", "Task",        "Index",        "ForeignKey",
    "SqlType", "TypeKind", "Transaction", "Connection"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view word) {
  return std::find(names.begin(), names.end(), word) != names.end();
}

bool alnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool upper(char c) {
  return std::isupper(static_cast<unsigned char>(c)) != 0;
}
bool lower(char c) {
  return std::islower(static_cast<unsigned char>(c)) != 0;
}
bool digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// Words of a SQL name: split at anything not a letter or digit, and where
// camelCase changes case ("AlbumID" -> Album, ID; "HTTPServer" -> HTTP, Server).
std::vector<std::string> words(std::string_view name, bool split_camel) {
  std::vector<std::string> out;
  std::string word;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!alnum(c)) {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
      continue;
    }
    if (split_camel && !word.empty() && upper(c)) {
      char prev = word.back();
      bool next_lower = i + 1 < name.size() && lower(name[i + 1]);
      if (lower(prev) || digit(prev) || (upper(prev) && next_lower)) {
        out.push_back(std::move(word));
        word.clear();
      }
    }
    word += c;
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

std::string lowered(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Makes `name` unique in `taken` by a suffix (_2, _3, ... or 2, 3, ...); records it.
std::string claim(std::string name, std::set<std::string>& taken,
                  std::string_view separator = "_") {
  if (taken.insert(name).second) return name;
  for (int n = 2;; ++n) {
    std::string candidate = name + std::string(separator) + std::to_string(n);
    if (taken.insert(candidate).second) return candidate;
  }
}

std::string member_name(std::string_view column, std::string_view struct_name) {
  std::string name = snake_case(column);
  if (name.empty()) name = "column";
  if (digit(name[0])) name = "col_" + name;
  if (is_cpp_keyword(name) || contains(table_object_names, name) || name.starts_with("quarry_") ||
      name == struct_name) {
    name += '_';
  }
  return name;
}

std::string instance_name(std::string_view table) {
  std::string name = snake_case(table);
  if (name.empty()) name = "table";
  if (digit(name[0])) name = "table_" + name;
  if (is_cpp_keyword(name) || contains(quarry_function_names, name) || name.starts_with("quarry_"))
    name += '_';
  return name;
}

std::string struct_name_of(std::string_view table) {
  std::string name = pascal_case(table);
  if (name.empty()) name = "Table";
  if (digit(name[0])) name = "Table" + name;
  if (is_cpp_keyword(name) || contains(quarry_type_names, name)) name += "Row";
  return name;
}

}  // namespace

bool is_cpp_keyword(std::string_view word) {
  return contains(cpp_keywords, word);
}

std::string snake_case(std::string_view sql_name) {
  std::string out;
  for (auto& w : words(sql_name, true)) {
    if (!out.empty()) out += '_';
    out += lowered(std::move(w));
  }
  return out;
}

std::string pascal_case(std::string_view sql_name) {
  std::string out;
  for (auto& w : words(sql_name, false)) {
    w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    // An all-capitals word ("ORDER_ITEM") reads better as "OrderItem".
    if (std::none_of(w.begin(), w.end(), lower)) {
      for (std::size_t i = 1; i < w.size(); ++i)
        w[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(w[i])));
    }
    out += w;
  }
  return out;
}

std::vector<TableNames> assign_names(const std::vector<const TableSchema*>& tables) {
  std::vector<TableNames> out;
  std::set<std::string> structs, instances;
  for (const TableSchema* t : tables) {
    TableNames names;
    // Struct and instance names share the namespace; PascalCase and
    // snake_case keep them apart, but the two sets are checked together.
    names.struct_name = struct_name_of(t->name);
    while (instances.count(names.struct_name)) names.struct_name += "Row";
    names.struct_name = claim(names.struct_name, structs, "");
    names.instance = instance_name(t->name);
    while (structs.count(names.instance)) names.instance += '_';
    names.instance = claim(names.instance, instances);
    std::set<std::string> members;
    for (const auto& c : t->columns) {
      names.members.push_back(claim(member_name(c.name, names.struct_name), members));
    }
    out.push_back(std::move(names));
  }
  return out;
}

}  // namespace quarry::detail::codegen
