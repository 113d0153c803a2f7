// The two text forms of an array value: PostgreSQL's array literal
// ({1,NULL,"a b"}), which its text protocol sends and receives, and a JSON
// array ([1,null,"a b"]), which Quarry stores on SQLite and carries in
// ArrayText. Internal: shared by the query layer's decoders and JSON writers
// and by the PostgreSQL parameter writer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quarry::detail {

/// One element of an array, as text: unquoted and unescaped.
struct ArrayItem {
  bool null = false;
  std::string text;
};

enum class ArrayParse {
  ok,
  malformed,          ///< not an array literal (nor JSON array) at all
  multi_dimensional,  ///< an array of arrays
  lower_bound,        ///< PostgreSQL's [2:3]={...}: a lower bound other than 1
};

/// PostgreSQL's text output of a one-dimensional array: {a,"b c",NULL}.
ArrayParse parse_pg_array(std::string_view text, std::vector<ArrayItem>& out);
/// A flat JSON array: [1,"a",null,true]. Numbers and booleans are their text.
ArrayParse parse_json_array(std::string_view text, std::vector<ArrayItem>& out);
/// Either form, told apart by the first character ('{' or '[').
ArrayParse parse_array_text(std::string_view text, std::vector<ArrayItem>& out);

/// Appends the PostgreSQL array literal for the flat JSON array `json`, every
/// element quoted (PostgreSQL reads "1" into an integer[] as 1); false when
/// `json` is not one.
bool json_array_to_pg_literal(std::string_view json, std::string& out);

}  // namespace quarry::detail
