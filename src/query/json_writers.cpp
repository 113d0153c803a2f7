// The JSON writers json() uses: each appends one value of the current row,
// taken straight from the driver's cell, to the output string. Whatever the
// database holds, the output is valid JSON: text is escaped and invalid UTF-8
// becomes U+FFFD, decimals are written as canonical JSON numbers, and a JSON
// column whose text does not parse is written as a string.
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>
#include <boost/json/basic_parser_impl.hpp>

#include <quarry/error.hpp>
#include <quarry/query/types.hpp>

#include "query/number_text.hpp"
#include "stored_timestamp_shape.hpp"

namespace quarry::detail {

namespace {

constexpr std::uint64_t byte_ones = 0x0101010101010101ULL;
constexpr std::uint64_t byte_highs = 0x8080808080808080ULL;

/// Nonzero when one of the eight bytes in `x` needs a look: a control
/// character, '"', '\\', or a byte of a multi-byte UTF-8 sequence. (A borrow
/// can also flag bytes after such a byte; those just take the slow path.)
inline std::uint64_t special_bytes(std::uint64_t x) noexcept {
  const std::uint64_t control = x - byte_ones * 0x20;
  const std::uint64_t quote = (x ^ (byte_ones * '"')) - byte_ones;
  const std::uint64_t backslash = (x ^ (byte_ones * '\\')) - byte_ones;
  return (((control | quote | backslash) & ~x) | x) & byte_highs;
}

inline bool is_ascii_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

inline bool continuation(unsigned char c) noexcept {
  return (c & 0xC0) == 0x80;
}

/// The length of the well-formed UTF-8 sequence starting at `p` (RFC 3629:
/// no overlong forms, no surrogates, nothing above U+10FFFF), or 0.
std::size_t utf8_sequence(const unsigned char* p, std::size_t left) noexcept {
  const unsigned char c = p[0];
  if (c >= 0xC2 && c <= 0xDF) return left >= 2 && continuation(p[1]) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (left < 3 || !continuation(p[1]) || !continuation(p[2])) return 0;
    if (c == 0xE0 && p[1] < 0xA0) return 0;  // overlong
    if (c == 0xED && p[1] > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (left < 4 || !continuation(p[1]) || !continuation(p[2]) || !continuation(p[3])) return 0;
    if (c == 0xF0 && p[1] < 0x90) return 0;  // overlong
    if (c == 0xF4 && p[1] > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

void append_escape(std::string& out, unsigned char c) {
  static constexpr char hex[] = "0123456789abcdef";
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
    default: {
      const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      out.append(esc, 6);
    }
  }
}

/// Whether the first 10 bytes of `t` are digits and '-' only. A plain loop:
/// find_first_not_of with a set makes one memchr call per byte, once per row.
bool plain_date_prefix(std::string_view t) noexcept {
  bool plain = true;
  for (std::size_t i = 0; i < 10; ++i) plain &= (t[i] >= '0' && t[i] <= '9') || t[i] == '-';
  return plain;
}

/// Whether `t` is a number as JSON spells it: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?
bool is_json_number(std::string_view t) noexcept {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i - start;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == t.size();
}

/// A Boost.JSON parser handler that builds nothing: the parse only checks.
struct NullHandler {
  using string_view = boost::json::string_view;
  using error_code = boost::json::error_code;
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;
  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t, error_code&) { return true; }
  bool on_object_begin(error_code&) { return true; }
  bool on_object_end(std::size_t, error_code&) { return true; }
  bool on_string_part(string_view, std::size_t, error_code&) { return true; }
  bool on_string(string_view, std::size_t, error_code&) { return true; }
  bool on_key_part(string_view, std::size_t, error_code&) { return true; }
  bool on_key(string_view, std::size_t, error_code&) { return true; }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code&) { return true; }
  bool on_uint64(std::uint64_t, string_view, error_code&) { return true; }
  bool on_double(double, string_view, error_code&) { return true; }
  bool on_bool(bool, error_code&) { return true; }
  bool on_null(error_code&) { return true; }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

}  // namespace

std::size_t json_error_offset(std::string_view text) {
  boost::json::basic_parser<NullHandler> parser{boost::json::parse_options()};
  boost::json::error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (ec) return used;
  if (used != text.size()) return used;  // something after the document
  return std::string_view::npos;
}

void check_json_document(std::string_view text) {
  const std::size_t at = json_error_offset(text);
  if (at == std::string_view::npos) return;
  const std::size_t from = at < 20 ? 0 : at - 20;
  std::string near;
  json_escape(near, text.substr(from, 40));
  throw UsageError(
      fmt::format("not a JSON document: error at byte {} of {}, near {}", at, text.size(), near));
}

namespace {

/// Whether any byte of `s` (n bytes) needs a look (see special_bytes): the
/// words are OR-ed together with no early exit, and the last, partial word
/// is read overlapping the one before it (or, for text under eight bytes,
/// from a copy padded with spaces, which need no look). The only branch
/// that depends on the text is the loop's length, so a row's names and
/// notes cost no mispredicted branch per byte, as a byte loop's exits do.
inline bool any_special(const char* s, std::size_t n) noexcept {
  std::uint64_t flags = 0;
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 < n; i += 8) {
      std::uint64_t x;
      std::memcpy(&x, s + i, 8);
      flags |= special_bytes(x);
    }
    std::uint64_t last;
    std::memcpy(&last, s + n - 8, 8);
    flags |= special_bytes(last);
  } else {
    std::uint64_t x = byte_ones * ' ';
    if (n != 0) std::memcpy(&x, s, n);  // empty text may have a null data()
    flags = special_bytes(x);
  }
  return flags != 0;
}

/// json_escape's general path: copies plain runs, escapes what JSON needs
/// and replaces invalid UTF-8, byte by byte where a word needs a look.
void json_escape_slow(std::string& out, std::string_view text);

}  // namespace

void json_escape(std::string& out, std::string_view text) {
  // Most text needs no escaping at all (ASCII without quotes, backslashes or
  // control characters): it is copied whole.
  if (!any_special(text.data(), text.size())) [[likely]] {
    out += '"';
    out.append(text.data(), text.size());
    out += '"';
    return;
  }
  json_escape_slow(out, text);
}

namespace {

void json_escape_slow(std::string& out, std::string_view text) {
  const char* const s = text.data();
  const std::size_t n = text.size();
  out += '"';
  std::size_t run = 0;  // start of the bytes not yet copied
  std::size_t i = 0;
  while (i < n) {
    // Eight plain ASCII bytes at a time, the common case.
    while (i + 8 <= n) {
      std::uint64_t x;
      std::memcpy(&x, s + i, 8);
      if (special_bytes(x) != 0) break;
      i += 8;
    }
    if (i >= n) break;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const std::size_t len = utf8_sequence(reinterpret_cast<const unsigned char*>(s + i), n - i);
      if (len != 0) {
        i += len;
        continue;
      }
      out.append(s + run, i - run);
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER for the bad byte
      run = ++i;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(s + run, i - run);
    append_escape(out, c);
    run = ++i;
  }
  out.append(s + run, n - run);
  out += '"';
}

}  // namespace

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
  const Cell& c = row.cell(col);
  if (c.type != StorageType::integer) return json_any(out, row, col);
  if ((c.size & number_text_flag) != 0) {
    out.append(c.data, c.size & ~number_text_flag);  // an integer's text is a JSON number
    return;
  }
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, c.integer);
  out.append(buf, r.ptr);
}

void json_double(std::string& out, const RowReader& row, std::size_t col) {
  const Cell& c = row.cell(col);
  if (c.type != StorageType::real) return json_any(out, row, col);
  if ((c.size & number_text_flag) != 0) {
    const std::string_view text(c.data, c.size & ~number_text_flag);
    if (is_json_number(text)) {  // not NaN or Infinity: the database's exact text
      out += text;
      return;
    }
  }
  if (!std::isfinite(c.real)) {
    out += "null";  // JSON has no NaN or infinity
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, c.real);  // shortest round-trip form
  out.append(buf, r.ptr);
}

void json_bool(std::string& out, const RowReader& row, std::size_t col) {
  const Cell& c = row.cell(col);
  if (c.type == StorageType::integer) {
    out += c.integer != 0 ? "true" : "false";
  } else if (c.type == StorageType::text) {
    std::string_view s = row.get_text(col);  // PostgreSQL's text format
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
  json_decimal_text(out, row.get_text(col));
}

void json_decimal_text(std::string& out, std::string_view t) {
  // Exact decimals go out as JSON numbers with every digit. Text Decimal
  // accepts but JSON does not ("007", "-.5", "+3") is canonicalised first;
  // anything that is no number at all (PostgreSQL's NaN) goes out as a string.
  if (is_json_number(t)) {
    out += t;
  } else if (!append_canonical_decimal(out, t)) {
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
  json_timestamp_text(out, row.get_text(col));
}

void json_timestamp_text(std::string& out, std::string_view t) {
  if (stored_timestamp_shape(t)) [[likely]] {
    // The stored form: no escaping, no offset, 'T' for the space.
    char buf[21];
    buf[0] = '"';
    std::memcpy(buf + 1, t.data(), 19);
    buf[11] = 'T';
    buf[20] = '"';
    out.append(buf, sizeof buf);
    return;
  }
  const std::size_t at = out.size();
  json_escape(out, t);
  // ISO 8601 wants 'T' between date and time; SQL text uses a space. Only a
  // plain date before it ("2024-05-01 ...") keeps offsets in `out` exact.
  if (t.size() > 10 && t[10] == ' ' && plain_date_prefix(t)) out[at + 11] = 'T';
  // PostgreSQL writes a whole-hour offset as "+00"; ISO 8601 readers such as
  // JavaScript's Date want "+00:00", as Quarry writes it on SQLite.
  const std::size_t n = t.size();
  if (n > 19 && (t[n - 3] == '+' || t[n - 3] == '-') && is_ascii_digit(t[n - 2]) &&
      is_ascii_digit(t[n - 1])) {
    out.insert(out.size() - 1, ":00");
  }
}

void json_interval(std::string& out, const RowReader& row, std::size_t col) {
  if (row.storage_type(col) != StorageType::text) return json_any(out, row, col);
  // PostgreSQL's default IntervalStyle writes "1 year 2 mons"; JSON gets
  // ISO 8601 on both backends. Text that is no interval goes out as it is.
  Interval i;
  if (parse_interval(row.get_text(col), i)) {
    out += '"';
    out += format_interval(i);
    out += '"';
  } else {
    json_escape(out, row.get_text(col));
  }
}

void json_raw(std::string& out, const RowReader& row, std::size_t col) {
  if (row.storage_type(col) != StorageType::text) return json_any(out, row, col);
  const std::string_view t = row.get_text(col);
  // A JSON column written by Quarry holds a checked document, but SQLite
  // stores whatever another program puts there: a document that does not
  // parse goes out as a string, so that the output stays valid JSON.
  if (json_error_offset(t) == std::string_view::npos) {
    out += t;
  } else {
    json_escape(out, t);
  }
}

}  // namespace quarry::detail
