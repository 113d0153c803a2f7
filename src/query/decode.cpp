// Reading typed values out of driver rows, checked: SQLite stores whatever it
// is given, so a column declared INTEGER may hold 'abc'; that becomes a
// DecodeError naming the column, the row and the value, never a silent 0.
// Also the JSON writers used by json().
#include <quarry/query/types.hpp>

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include <quarry/error.hpp>

namespace quarry::detail {

namespace {

std::string describe(const RowReader& row, std::size_t col) {
  switch (row.storage_type(col)) {
    case StorageType::null:
      return "NULL";
    case StorageType::integer:
      return fmt::format("integer {}", row.get_int64(col));
    case StorageType::real:
      return fmt::format("real {}", row.get_double(col));
    case StorageType::text: {
      std::string_view t = row.get_text(col);
      return fmt::format("text {}", Value(std::string(t.substr(0, 80))).to_display());
    }
    case StorageType::blob:
      return fmt::format("a blob of {} bytes", row.get_blob(col).size());
  }
  return "?";
}

}  // namespace

void throw_decode_error(const RowReader& row, std::size_t col, std::string_view expected) {
  std::string column(row.column_name(col));
  if (row.is_null(col)) {
    throw DecodeError(
        fmt::format("column \"{}\" (result column {}, row {}): expected {}, found NULL; "
                    "read it into a std::optional or use coalesce()",
                    column, col + 1, row.row_number() + 1, expected),
        column);
  }
  throw DecodeError(
      fmt::format("column \"{}\" (result column {}, row {}): expected {}, found {}", column,
                  col + 1, row.row_number() + 1, expected, describe(row, col)),
      column);
}

std::int64_t read_int64(const RowReader& row, std::size_t col) {
  if (row.storage_type(col) != StorageType::integer) throw_decode_error(row, col, "an integer");
  return row.get_int64(col);
}

std::int64_t read_int_in_range(const RowReader& row, std::size_t col, std::int64_t lo,
                               std::int64_t hi, std::string_view type_name) {
  std::int64_t v = read_int64(row, col);
  if (v < lo || v > hi)
    throw_decode_error(row, col, fmt::format("a value that fits a {}", type_name));
  return v;
}

double read_double(const RowReader& row, std::size_t col) {
  StorageType t = row.storage_type(col);
  if (t == StorageType::real) return row.get_double(col);
  if (t == StorageType::integer) return static_cast<double>(row.get_int64(col));
  throw_decode_error(row, col, "a number");
}

bool read_bool(const RowReader& row, std::size_t col) {
  StorageType t = row.storage_type(col);
  if (t == StorageType::integer) {
    std::int64_t v = row.get_int64(col);
    if (v == 0 || v == 1) return v == 1;
  } else if (t == StorageType::text) {
    std::string_view s = row.get_text(col);  // PostgreSQL's text format
    if (s == "t" || s == "true") return true;
    if (s == "f" || s == "false") return false;
  }
  throw_decode_error(row, col, "a boolean (0 or 1)");
}

std::string_view read_text(const RowReader& row, std::size_t col) {
  if (row.storage_type(col) != StorageType::text) throw_decode_error(row, col, "text");
  return row.get_text(col);
}

Blob read_blob(const RowReader& row, std::size_t col) {
  if (row.storage_type(col) != StorageType::blob) throw_decode_error(row, col, "a blob");
  auto b = row.get_blob(col);
  return Blob(b.begin(), b.end());
}

Decimal read_decimal(const RowReader& row, std::size_t col) {
  switch (row.storage_type(col)) {
    case StorageType::text: {
      std::string_view t = row.get_text(col);
      try {
        return Decimal(t);
      } catch (const UsageError&) {
        throw_decode_error(row, col, "a decimal number");
      }
    }
    case StorageType::integer:
      return Decimal(std::to_string(row.get_int64(col)));
    case StorageType::real:
      return Decimal(fmt::format("{}", row.get_double(col)));
    default:
      throw_decode_error(row, col, "a decimal number");
  }
}

Uuid read_uuid(const RowReader& row, std::size_t col) {
  if (row.storage_type(col) == StorageType::blob) {
    auto b = row.get_blob(col);
    if (b.size() == 16) {
      Uuid u;
      for (std::size_t i = 0; i < 16; ++i) u.bytes[i] = static_cast<std::uint8_t>(b[i]);
      return u;
    }
  } else if (row.storage_type(col) == StorageType::text) {
    try {
      return Uuid::parse(row.get_text(col));
    } catch (const UsageError&) {
    }
  }
  throw_decode_error(row, col, "a UUID");
}

Date read_date(const RowReader& row, std::size_t col) {
  Date d;
  if (row.storage_type(col) != StorageType::text || !parse_date(row.get_text(col), d)) {
    throw_decode_error(row, col, "a date (YYYY-MM-DD)");
  }
  return d;
}

TimeOfDay read_time(const RowReader& row, std::size_t col) {
  TimeOfDay t;
  if (row.storage_type(col) != StorageType::text || !parse_time(row.get_text(col), t)) {
    throw_decode_error(row, col, "a time (HH:MM:SS)");
  }
  return t;
}

Timestamp read_timestamp(const RowReader& row, std::size_t col) {
  Timestamp t;
  if (row.storage_type(col) != StorageType::text || !parse_timestamp(row.get_text(col), t)) {
    throw_decode_error(row, col, "a timestamp (YYYY-MM-DD HH:MM:SS)");
  }
  return t;
}

TimestampTz read_timestamptz(const RowReader& row, std::size_t col) {
  TimestampTz t;
  if (row.storage_type(col) != StorageType::text || !parse_timestamptz(row.get_text(col), t)) {
    throw_decode_error(row, col, "a timestamp with time zone");
  }
  return t;
}

std::size_t read_enum_index(const RowReader& row, std::size_t col, const std::string_view* names,
                            std::size_t count) {
  std::string_view t = read_text(row, col);
  for (std::size_t i = 0; i < count; ++i) {
    if (names[i] == t) return i;
  }
  std::string expected = "one of";
  for (std::size_t i = 0; i < count; ++i)
    expected += fmt::format("{}'{}'", i ? ", " : " ", names[i]);
  throw_decode_error(row, col, expected);
}

// --- JSON -------------------------------------------------------------------

void json_escape(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + start, i - start);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    start = i + 1;
  }
  out.append(text.data() + start, text.size() - start);
  out += '"';
}

void json_any(std::string& out, const RowReader& row, std::size_t col) {
  switch (row.storage_type(col)) {
    case StorageType::null:
      out += "null";
      break;
    case StorageType::integer:
      json_int(out, row, col);
      break;
    case StorageType::real:
      json_double(out, row, col);
      break;
    case StorageType::text:
      json_escape(out, row.get_text(col));
      break;
    case StorageType::blob:
      json_blob(out, row, col);
      break;
  }
}

void json_int(std::string& out, const RowReader& row, std::size_t col) {
  if (row.storage_type(col) != StorageType::integer) return json_any(out, row, col);
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, row.get_int64(col));
  out.append(buf, r.ptr);
}

void json_double(std::string& out, const RowReader& row, std::size_t col) {
  if (row.storage_type(col) == StorageType::integer) return json_int(out, row, col);
  if (row.storage_type(col) != StorageType::real) return json_any(out, row, col);
  double v = row.get_double(col);
  if (!std::isfinite(v)) {
    out += "null";  // JSON has no NaN or infinity
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
  out.append(buf, r.ptr);
}

void json_bool(std::string& out, const RowReader& row, std::size_t col) {
  if (row.storage_type(col) == StorageType::integer) {
    out += row.get_int64(col) ? "true" : "false";
  } else if (row.storage_type(col) == StorageType::text) {
    std::string_view s = row.get_text(col);
    out += (s == "t" || s == "true") ? "true" : "false";
  } else {
    json_any(out, row, col);
  }
}

void json_text(std::string& out, const RowReader& row, std::size_t col) {
  if (row.storage_type(col) != StorageType::text) return json_any(out, row, col);
  json_escape(out, row.get_text(col));
}

void json_number_text(std::string& out, const RowReader& row, std::size_t col) {
  if (row.storage_type(col) != StorageType::text) return json_any(out, row, col);
  std::string_view t = row.get_text(col);
  // Exact decimals go out as JSON numbers with every digit; anything that is
  // not a plain number (NaN) goes out as a string.
  bool numeric = !t.empty();
  for (char c : t) {
    if (!((c >= '0' && c <= '9') || c == '-' || c == '.' || c == 'e' || c == 'E' || c == '+'))
      numeric = false;
  }
  if (numeric && (t[0] == '.' || t.back() == '.')) numeric = false;
  if (numeric) {
    out += t;
  } else {
    json_escape(out, t);
  }
}

void json_blob(std::string& out, const RowReader& row, std::size_t col) {
  if (row.storage_type(col) != StorageType::blob) return json_any(out, row, col);
  auto b = row.get_blob(col);
  out += '"';
  append_base64(out, b.data(), b.size());
  out += '"';
}

void json_timestamp(std::string& out, const RowReader& row, std::size_t col) {
  if (row.storage_type(col) != StorageType::text) return json_any(out, row, col);
  std::string_view t = row.get_text(col);
  std::size_t at = out.size();
  json_escape(out, t);
  // ISO 8601 wants 'T' between date and time; SQL text uses a space.
  if (t.size() > 10 && t[10] == ' ') out[at + 11] = 'T';
}

void json_raw(std::string& out, const RowReader& row, std::size_t col) {
  if (row.storage_type(col) != StorageType::text) return json_any(out, row, col);
  out += row.get_text(col);
}

}  // namespace quarry::detail
