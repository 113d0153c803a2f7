// Parsing and converting the text forms of arrays (see array_text.hpp).
#include "array_text.hpp"

#include <boost/json/basic_parser_impl.hpp>

namespace quarry::detail {

namespace {

bool is_space(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/// Collects the elements of a flat JSON array; anything else stops the parse.
struct ArrayHandler {
  using string_view = boost::json::string_view;
  using error_code = boost::json::error_code;
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  std::vector<ArrayItem>* out = nullptr;
  int depth = 0;
  bool nested = false;
  std::string part;

  static bool fail(error_code& ec) {
    ec = boost::json::error::syntax;
    return false;
  }
  bool push(bool null, error_code& ec) {
    if (depth != 1) return fail(ec);  // a scalar document, not an array
    out->push_back({null, std::move(part)});
    part.clear();
    return true;
  }
  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code& ec) {
    if (++depth > 1) {
      nested = true;
      return fail(ec);
    }
    return true;
  }
  bool on_array_end(std::size_t, error_code&) {
    --depth;
    return true;
  }
  bool on_object_begin(error_code& ec) { return fail(ec); }
  bool on_object_end(std::size_t, error_code& ec) { return fail(ec); }
  bool on_string_part(string_view s, std::size_t, error_code&) {
    part.append(s.data(), s.size());
    return true;
  }
  bool on_string(string_view s, std::size_t, error_code& ec) {
    part.append(s.data(), s.size());
    return push(false, ec);
  }
  bool on_key_part(string_view, std::size_t, error_code& ec) { return fail(ec); }
  bool on_key(string_view, std::size_t, error_code& ec) { return fail(ec); }
  bool on_number_part(string_view s, error_code&) {
    part.append(s.data(), s.size());
    return true;
  }
  bool number(string_view s, error_code& ec) {
    part.append(s.data(), s.size());
    return push(false, ec);
  }
  bool on_int64(std::int64_t, string_view s, error_code& ec) { return number(s, ec); }
  bool on_uint64(std::uint64_t, string_view s, error_code& ec) { return number(s, ec); }
  bool on_double(double, string_view s, error_code& ec) { return number(s, ec); }
  bool on_bool(bool b, error_code& ec) {
    part = b ? "true" : "false";
    return push(false, ec);
  }
  bool on_null(error_code& ec) { return push(true, ec); }
  bool on_comment_part(string_view, error_code& ec) { return fail(ec); }
  bool on_comment(string_view, error_code& ec) { return fail(ec); }
};

}  // namespace

ArrayParse parse_json_array(std::string_view text, std::vector<ArrayItem>& out) {
  out.clear();
  boost::json::basic_parser<ArrayHandler> parser{boost::json::parse_options()};
  parser.handler().out = &out;
  boost::json::error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (parser.handler().nested) return ArrayParse::multi_dimensional;
  if (ec || used != text.size()) return ArrayParse::malformed;
  return ArrayParse::ok;
}

ArrayParse parse_pg_array(std::string_view text, std::vector<ArrayItem>& out) {
  out.clear();
  std::size_t i = 0;
  const std::size_t n = text.size();
  const auto skip_space = [&] {
    while (i < n && is_space(text[i])) ++i;
  };
  skip_space();
  if (i < n && text[i] == '[') return ArrayParse::lower_bound;  // "[0:1]={...}"
  if (i == n || text[i] != '{') return ArrayParse::malformed;
  ++i;
  skip_space();
  if (i < n && text[i] == '}') {
    ++i;
  } else {
    while (true) {
      skip_space();
      if (i == n) return ArrayParse::malformed;
      if (text[i] == '{') return ArrayParse::multi_dimensional;
      ArrayItem item;
      if (text[i] == '"') {
        ++i;
        while (true) {
          if (i == n) return ArrayParse::malformed;
          const char c = text[i++];
          if (c == '"') break;
          if (c == '\\') {
            if (i == n) return ArrayParse::malformed;
            item.text += text[i++];
          } else {
            item.text += c;
          }
        }
        skip_space();
      } else {
        bool escaped = false;
        std::size_t kept = 0;  // length up to the last character that is not trailing space
        while (i < n && text[i] != ',' && text[i] != '}') {
          char c = text[i++];
          if (c == '"' || c == '{') return ArrayParse::malformed;
          if (c == '\\') {
            if (i == n) return ArrayParse::malformed;
            c = text[i++];
            escaped = true;
            item.text += c;
            kept = item.text.size();
            continue;
          }
          item.text += c;
          if (!is_space(c)) kept = item.text.size();
        }
        item.text.resize(kept);
        if (item.text.empty()) return ArrayParse::malformed;
        if (!escaped && item.text.size() == 4 && (item.text[0] | 0x20) == 'n' &&
            (item.text[1] | 0x20) == 'u' && (item.text[2] | 0x20) == 'l' &&
            (item.text[3] | 0x20) == 'l') {
          item.null = true;
          item.text.clear();
        }
      }
      out.push_back(std::move(item));
      if (i == n) return ArrayParse::malformed;
      if (text[i] == ',') {
        ++i;
        continue;
      }
      if (text[i] != '}') return ArrayParse::malformed;
      ++i;
      break;
    }
  }
  skip_space();
  return i == n ? ArrayParse::ok : ArrayParse::malformed;
}

ArrayParse parse_array_text(std::string_view text, std::vector<ArrayItem>& out) {
  if (!text.empty() && text[0] == '[') {
    // JSON, or PostgreSQL's "[2:3]={...}" for an array whose lower bound is not 1.
    const ArrayParse r = parse_json_array(text, out);
    if (r == ArrayParse::malformed && text.find("]={") != std::string_view::npos)
      return ArrayParse::lower_bound;
    return r;
  }
  return parse_pg_array(text, out);
}

bool json_array_to_pg_literal(std::string_view json, std::string& out) {
  std::vector<ArrayItem> items;
  if (parse_json_array(json, items) != ArrayParse::ok) return false;
  out += '{';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    if (items[i].null) {
      out += "NULL";
      continue;
    }
    out += '"';
    for (const char c : items[i].text) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return true;
}

}  // namespace quarry::detail
