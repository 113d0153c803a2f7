// Reading typed values out of driver rows, checked: SQLite stores whatever it
// is given, so a column declared INTEGER may hold 'abc'; that becomes a
// DecodeError naming the column, the row and the value, never a silent 0.
// (The JSON writers used by json() are in json_writers.cpp.)
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

std::int64_t read_int_in_range(const RowReader& row, std::size_t col, std::int64_t lo,
                               std::int64_t hi, std::string_view type_name) {
  std::int64_t v = read_int64(row, col);
  if (v < lo || v > hi)
    throw_decode_error(row, col, fmt::format("a value that fits a {}", type_name));
  return v;
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

Blob read_blob(const RowReader& row, std::size_t col) {
  if (row.storage_type(col) != StorageType::blob) throw_decode_error(row, col, "a blob");
  auto b = row.get_blob(col);
  return Blob(b.begin(), b.end());
}

Decimal read_decimal(const RowReader& row, std::size_t col) {
  const Cell& c = row.cell(col);
  std::string text;
  switch (c.type) {
    case StorageType::text:
      if (!append_canonical_decimal(text, row.get_text(col)))
        throw_decode_error(row, col, "a decimal number");
      break;
    case StorageType::integer:
      text = std::to_string(c.integer);
      break;
    case StorageType::real: {
      // SQLite's sum() and avg() of decimals are REAL: the shortest text that
      // reads back as the same double, exponent expanded.
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, c.real);
      if (!std::isfinite(c.real) || !append_canonical_decimal(text, std::string_view(buf, r.ptr)))
        throw_decode_error(row, col, "a finite decimal number");
      break;
    }
    default:
      throw_decode_error(row, col, "a decimal number");
  }
  return Decimal(text);
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

Interval read_interval(const RowReader& row, std::size_t col) {
  Interval i;
  if (row.storage_type(col) != StorageType::text || !parse_interval(row.get_text(col), i)) {
    throw_decode_error(row, col, "an interval (ISO 8601 like P1Y2M3DT4H5M6.5S)");
  }
  return i;
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

}  // namespace quarry::detail
