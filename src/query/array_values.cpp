// Arrays (std::vector<T> columns): reading PostgreSQL's {...} text and the
// JSON text Quarry stores on SQLite into vectors, the JSON an array parameter
// carries (ArrayText), and an array column's json() form. Each function is a
// template instantiated here once per element type, so that a model with an
// array member compiles none of this.
#include <quarry/query/types.hpp>

#include <charconv>
#include <cmath>
#include <cstring>

#include <fmt/format.h>

#include <quarry/error.hpp>

#include "array_text.hpp"

namespace quarry::detail {

namespace {

template <class I>
bool parse_integer(std::string_view t, I& out) {
  const auto r = std::from_chars(t.data(), t.data() + t.size(), out);
  return r.ec == std::errc() && r.ptr == t.data() + t.size();
}

bool parse_element(const std::string& t, std::int16_t& out) {
  return parse_integer(t, out);
}
bool parse_element(const std::string& t, std::int32_t& out) {
  return parse_integer(t, out);
}
bool parse_element(const std::string& t, std::int64_t& out) {
  return parse_integer(t, out);
}
bool parse_element(const std::string& t, double& out) {
  // from_chars also reads PostgreSQL's NaN, Infinity and -Infinity, which
  // Quarry's JSON text on SQLite keeps as strings.
  const auto r = std::from_chars(t.data(), t.data() + t.size(), out);
  return r.ec == std::errc() && r.ptr == t.data() + t.size();
}
bool parse_element(const std::string& t, bool& out) {
  if (t == "t" || t == "true") {
    out = true;
  } else if (t == "f" || t == "false") {
    out = false;
  } else {
    return false;
  }
  return true;
}
bool parse_element(std::string& t, std::string& out) {
  out.swap(t);
  return true;
}
bool parse_element(const std::string& t, Uuid& out) {
  try {
    out = Uuid::parse(t);
    return true;
  } catch (const UsageError&) {
    return false;
  }
}
bool parse_element(const std::string& t, Date& out) {
  return parse_date(t, out);
}
bool parse_element(const std::string& t, Timestamp& out) {
  return parse_timestamp(t, out);
}
bool parse_element(const std::string& t, TimestampTz& out) {
  return parse_timestamptz(t, out);
}
bool parse_element(const std::string& t, Decimal& out) {
  std::string canonical;
  if (!append_canonical_decimal(canonical, t)) return false;
  out = Decimal(canonical);
  return true;
}

void append_element(std::string& out, std::int64_t v) {
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}
void append_element(std::string& out, std::int16_t v) {
  append_element(out, std::int64_t{v});
}
void append_element(std::string& out, std::int32_t v) {
  append_element(out, std::int64_t{v});
}
void append_element(std::string& out, double v) {
  // JSON has no NaN or infinity: they are kept as PostgreSQL spells them, in
  // strings, which both PostgreSQL's float8 and the reader above accept.
  if (std::isnan(v)) {
    out += "\"NaN\"";
  } else if (std::isinf(v)) {
    out += v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  } else {
    char buf[32];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  }
}
void append_element(std::string& out, bool v) {
  out += v ? "true" : "false";
}
void append_element(std::string& out, const std::string& v) {
  json_escape(out, v);
}
void append_quoted(std::string& out, std::string_view v) {
  out += '"';
  out += v;
  out += '"';
}
void append_element(std::string& out, const Uuid& v) {
  append_quoted(out, v.str());
}
void append_element(std::string& out, const Date& v) {
  append_quoted(out, format_date(v));
}
void append_element(std::string& out, const Timestamp& v) {
  append_quoted(out, format_timestamp(v));
}
void append_element(std::string& out, const TimestampTz& v) {
  append_quoted(out, format_timestamptz(v));
}
void append_element(std::string& out, const Decimal& v) {
  out += v.str();  // canonical decimal text is a JSON number
}

template <class E>
std::string element_name() {
  return std::string(type_kind_name(SqlTraits<E>::kind));
}

/// Parses the cell into `items`, or throws the DecodeError that says why not.
void parse_cell(const RowReader& row, std::size_t col, std::vector<ArrayItem>& items,
                std::string_view element) {
  if (row.storage_type(col) != StorageType::text)
    throw_decode_error(row, col, fmt::format("an array of {}", element));
  switch (parse_array_text(row.get_text(col), items)) {
    case ArrayParse::ok:
      return;
    case ArrayParse::multi_dimensional:
      throw_decode_error(row, col,
                         fmt::format("a one-dimensional array of {} (multi-dimensional arrays "
                                     "are not supported)",
                                     element));
    case ArrayParse::lower_bound:
      throw_decode_error(
          row, col,
          fmt::format("an array of {} indexed from 1 (this one has another lower bound)", element));
    case ArrayParse::malformed:
      break;
  }
  throw_decode_error(row, col, fmt::format("an array of {}", element));
}

}  // namespace

template <class T>
void read_array(const RowReader& row, std::size_t col, std::vector<T>& out) {
  using E = unwrap_optional_t<T>;
  thread_local std::vector<ArrayItem> items;  // reused: no allocation per row for the list
  parse_cell(row, col, items, element_name<E>());
  out.clear();
  out.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    ArrayItem& item = items[i];
    if (item.null) {
      if constexpr (is_optional_v<T>) {
        out.emplace_back(std::nullopt);
        continue;
      } else {
        throw_decode_error(row, col,
                           fmt::format("an array of {} without NULL elements (element {} is "
                                       "NULL; read it into a std::vector<std::optional<...>>)",
                                       element_name<E>(), i + 1));
      }
    }
    E v{};
    if (!parse_element(item.text, v)) {
      throw_decode_error(row, col,
                         fmt::format("an array of {} (element {} is {})", element_name<E>(), i + 1,
                                     Value(item.text.substr(0, 80)).to_display()));
    }
    out.push_back(std::move(v));
  }
}

template <class T>
std::string array_json(const std::vector<T>& v) {
  using E = unwrap_optional_t<T>;
  std::string out = "[";
  const auto append = [&out](std::size_t i, const E& e) {
    if constexpr (std::is_same_v<E, std::string>) {
      if (std::memchr(e.data(), '\0', e.size()) != nullptr) {
        throw UsageError(fmt::format(
            "array element {} holds a NUL byte, which PostgreSQL text cannot store", i + 1));
      }
    }
    append_element(out, e);
  };
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += ',';
    if constexpr (is_optional_v<T>) {
      if (v[i]) {
        append(i, *v[i]);
      } else {
        out += "null";
      }
    } else {
      append(i, v[i]);  // std::vector<bool>'s proxy converts to bool
    }
  }
  out += ']';
  return out;
}

template <class T>
void json_array(std::string& out, const RowReader& row, std::size_t col) {
  using E = unwrap_optional_t<T>;
  if (row.storage_type(col) != StorageType::text) return json_any(out, row, col);
  thread_local std::vector<ArrayItem> items;
  if (parse_array_text(row.get_text(col), items) != ArrayParse::ok) {
    json_escape(out, row.get_text(col));  // whatever it is, the output stays JSON
    return;
  }
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    const ArrayItem& item = items[i];
    if (item.null) {
      out += "null";
    } else if constexpr (std::is_same_v<E, double>) {
      double d = 0;
      if (!parse_element(item.text, d)) {
        json_escape(out, item.text);
      } else if (!std::isfinite(d)) {
        out += "null";  // as a double column's NaN is written
      } else {
        char buf[32];
        out.append(buf, std::to_chars(buf, buf + sizeof buf, d).ptr);
      }
    } else if constexpr (std::is_integral_v<E> && !std::is_same_v<E, bool>) {
      E n{};
      if (parse_element(item.text, n)) {
        out += item.text;
      } else {
        json_escape(out, item.text);
      }
    } else if constexpr (std::is_same_v<E, bool>) {
      bool b = false;
      if (parse_element(item.text, b)) {
        out += b ? "true" : "false";
      } else {
        json_escape(out, item.text);
      }
    } else if constexpr (std::is_same_v<E, Decimal>) {
      json_decimal_text(out, item.text);
    } else if constexpr (std::is_same_v<E, Timestamp> || std::is_same_v<E, TimestampTz>) {
      json_timestamp_text(out, item.text);
    } else {
      json_escape(out, item.text);
    }
  }
  out += ']';
}

#define QUARRY_DETAIL_ARRAY_INSTANCES(E)                                                   \
  template void read_array(const RowReader&, std::size_t, std::vector<E>&);                \
  template void read_array(const RowReader&, std::size_t, std::vector<std::optional<E>>&); \
  template std::string array_json(const std::vector<E>&);                                  \
  template std::string array_json(const std::vector<std::optional<E>>&);                   \
  template void json_array<E>(std::string&, const RowReader&, std::size_t);                \
  template void json_array<std::optional<E>>(std::string&, const RowReader&, std::size_t);

QUARRY_DETAIL_ARRAY_INSTANCES(std::int16_t)
QUARRY_DETAIL_ARRAY_INSTANCES(std::int32_t)
QUARRY_DETAIL_ARRAY_INSTANCES(std::int64_t)
QUARRY_DETAIL_ARRAY_INSTANCES(double)
QUARRY_DETAIL_ARRAY_INSTANCES(bool)
QUARRY_DETAIL_ARRAY_INSTANCES(std::string)
QUARRY_DETAIL_ARRAY_INSTANCES(Uuid)
QUARRY_DETAIL_ARRAY_INSTANCES(Date)
QUARRY_DETAIL_ARRAY_INSTANCES(Timestamp)
QUARRY_DETAIL_ARRAY_INSTANCES(TimestampTz)
QUARRY_DETAIL_ARRAY_INSTANCES(Decimal)

}  // namespace quarry::detail
