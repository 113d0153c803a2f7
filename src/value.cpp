// The out-of-line half of value.hpp: validation of Decimal and Uuid, the
// display form of a Value, the ISO 8601 text forms Quarry stores dates and
// times in, and base64. Parsers here never throw: a driver turns `false` into
// a DecodeError that names the column.
#include <quarry/value.hpp>

#include <quarry/driver/connection.hpp>
#include <quarry/error.hpp>

#include "stored_timestamp_shape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <limits>
#include <type_traits>

namespace quarry {

namespace {

/// Quotes a user-supplied value for an error message, cutting it short so
/// that a megabyte of garbage does not become a megabyte of message.
std::string quote_for_message(std::string_view s) {
  constexpr std::size_t max_shown = 100;
  std::string out = "'";
  out.append(s.substr(0, max_shown));
  out += s.size() > max_shown ? "'..." : "'";
  return out;
}

bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr char hex_digits[] = "0123456789abcdef";

}  // namespace

// ---------------------------------------------------------------- Decimal

// Accepts [+-]? (digits ('.' digits)? | '.' digits) ([eE] [+-]? digits)? and
// keeps the canonical text: the exponent expanded, leading zeros dropped, the
// scale kept (so "1.50" stays "1.50", as NUMERIC does).
Decimal::Decimal(std::string_view text) {
  if (!detail::append_canonical_decimal(text_, text)) {
    throw UsageError("not a decimal number: " + quote_for_message(text) +
                     " (expected digits with an optional sign, fraction and exponent, like "
                     "-12.340 or 1.5e3)");
  }
}

namespace detail {

bool append_canonical_decimal(std::string& out, std::string_view text) {
  // [+-] digits [. digits] [e [+-] digits], with digits on at least one side
  // of the point.
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const std::size_t int_begin = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  const std::string_view int_part = text.substr(int_begin, i - int_begin);
  std::string_view frac_part;
  if (i < text.size() && text[i] == '.') {
    const std::size_t frac_begin = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    frac_part = text.substr(frac_begin, i - frac_begin);
    if (frac_part.empty()) return false;  // "1." and "." are not decimals
  }
  if (int_part.empty() && frac_part.empty()) return false;
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool exp_negative = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    const std::size_t exp_begin = i;
    while (i < text.size() && is_digit(text[i])) {
      // PostgreSQL's NUMERIC holds at most 131072 digits before the point
      // and 16383 after; beyond that an exponent is a mistake, not a number.
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 200'000) return false;
      ++i;
    }
    if (i == exp_begin) return false;
    if (exp_negative) exponent = -exponent;
  }
  if (i != text.size()) return false;

  // All the digits, and where the point goes among them.
  std::string digits(int_part);
  digits += frac_part;
  long point = static_cast<long>(int_part.size()) + exponent;
  long scale = std::max(0L, static_cast<long>(frac_part.size()) - exponent);
  if (point < 0) {
    digits.insert(0, static_cast<std::size_t>(-point), '0');
    point = 0;
  }
  const auto total = static_cast<long>(point) + scale;
  if (static_cast<long>(digits.size()) < total)
    digits.append(static_cast<std::size_t>(total - static_cast<long>(digits.size())), '0');
  std::string_view whole(digits.data(), static_cast<std::size_t>(point));
  const std::string_view fraction(digits.data() + point, static_cast<std::size_t>(scale));
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  if (whole.empty()) whole = "0";
  const bool zero = whole == "0" && fraction.find_first_not_of('0') == std::string_view::npos;
  if (negative && !zero) out += '-';
  out += whole;
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }
  return true;
}

}  // namespace detail

// ------------------------------------------------------------------- Uuid

Uuid Uuid::parse(std::string_view text) {
  Uuid u;
  bool ok = text.size() == 36;
  std::size_t byte = 0;
  for (std::size_t i = 0; ok && i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      ok = text[i] == '-';
      ++i;
      continue;
    }
    const int hi = hex_value(text[i]);
    const int lo = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
    ok = hi >= 0 && lo >= 0;
    if (ok) u.bytes[byte++] = static_cast<std::uint8_t>(hi * 16 + lo);
    i += 2;
  }
  if (!ok || byte != 16) {
    throw UsageError("not a UUID: " + quote_for_message(text) +
                     " (expected 8-4-4-4-12 hexadecimal digits, like "
                     "123e4567-e89b-12d3-a456-426614174000)");
  }
  return u;
}

std::string Uuid::str() const {
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex_digits[bytes[i] >> 4];
    out += hex_digits[bytes[i] & 0xf];
  }
  return out;
}

// ------------------------------------------------------------------ Value

Value::Value() noexcept = default;
Value::Value(std::nullptr_t) noexcept {}
Value::Value(std::int64_t v) noexcept : v_(v) {}
Value::Value(double v) noexcept : v_(v) {}
Value::Value(std::string v) noexcept : v_(std::move(v)) {}
Value::Value(Blob v) noexcept : v_(std::move(v)) {}
Value::Value(ArrayText v) noexcept : v_(std::move(v)) {}
Value::Value(const Value& other) = default;
Value::Value(Value&& other) noexcept = default;
Value& Value::operator=(const Value& other) = default;
Value& Value::operator=(Value&& other) noexcept = default;
Value::~Value() = default;

std::string Value::to_display() const {
  // Long values are cut: this form is for logs and sql() output, where a
  // whole 1 MB parameter would bury the statement it belongs to.
  constexpr std::size_t max_text = 200;  // characters of text shown
  constexpr std::size_t max_blob = 100;  // bytes of a blob shown (200 hex digits)
  return std::visit(
      [&](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "NULL";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return fmt::format("{}", v);
        } else if constexpr (std::is_same_v<T, double>) {
          // Shortest text that reads back as the same double; a ".0" keeps
          // 1.0 from looking like the integer 1.
          std::string s = fmt::format("{}", v);
          if (s.find_first_of(".eEna") == std::string::npos) s += ".0";
          return s;
        } else if constexpr (std::is_same_v<T, std::string>) {
          std::size_t shown = v.size();
          bool cut = false;
          if (shown > max_text) {
            shown = max_text;
            // Do not split a UTF-8 sequence: back off over continuation bytes.
            while (shown > 0 && (static_cast<unsigned char>(v[shown]) & 0xC0) == 0x80) --shown;
            cut = true;
          }
          std::string out = "'";
          for (std::size_t i = 0; i < shown; ++i) {
            if (v[i] == '\'') out += '\'';
            out += v[i];
          }
          out += '\'';
          if (cut) out += "...";
          return out;
        } else if constexpr (std::is_same_v<T, ArrayText>) {
          return Value(v.json).to_display();
        } else {
          static_assert(std::is_same_v<T, Blob>);
          const std::size_t shown = v.size() < max_blob ? v.size() : max_blob;
          std::string out = "x'";
          for (std::size_t i = 0; i < shown; ++i) {
            const auto b = std::to_integer<unsigned>(v[i]);
            out += hex_digits[b >> 4];
            out += hex_digits[b & 0xf];
          }
          out += '\'';
          if (shown < v.size()) out += "...";
          return out;
        }
      },
      v_);
}

// Binds by storage class. Text and blobs are passed by view: the Value must
// outlive the execution, as ParamWriter::bind_text requires.
void ParamWriter::bind(std::size_t index, const Value& v) {
  switch (v.type()) {
    case StorageType::null:
      bind_null(index);
      break;
    case StorageType::integer:
      bind_int64(index, v.as_int64());
      break;
    case StorageType::real:
      bind_double(index, v.as_double());
      break;
    case StorageType::text:
      if (v.is_array()) {
        bind_array(index, v.as_text());
      } else {
        bind_text(index, v.as_text());
      }
      break;
    case StorageType::blob: {
      const Blob& b = v.as_blob();
      bind_blob(index, std::span<const std::byte>(b.data(), b.size()));
      break;
    }
  }
}

// ---------------------------------------------------- dates and times

namespace detail {

namespace {

using std::chrono::days;
using std::chrono::microseconds;

constexpr std::int64_t us_per_second = 1'000'000;
constexpr std::int64_t us_per_day = 86'400 * us_per_second;

/// Writes `v` as at least `width` decimal digits, zero-padded, at `p`;
/// returns the end. v >= 0. Into a buffer, not a string: a batch insert
/// formats one timestamp per row.
char* put_padded(char* p, std::int64_t v, int width) noexcept {
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0);
  while (n < width) buf[n++] = '0';
  while (n > 0) *p++ = buf[--n];
  return p;
}

/// Two digits, the common field of dates and times; more for a field out of
/// range (a year_month_day may hold month 200). v >= 0.
char* put_2(char* p, std::int64_t v) noexcept {
  if (v >= 100) return put_padded(p, v, 2);
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}

char* put_date(char* p, const Date& d) noexcept {
  const int y = static_cast<int>(d.year());
  if (y < 0) *p++ = '-';
  p = put_padded(p, y < 0 ? -static_cast<std::int64_t>(y) : y, 4);
  *p++ = '-';
  p = put_2(p, static_cast<unsigned>(d.month()));
  *p++ = '-';
  return put_2(p, static_cast<unsigned>(d.day()));
}

/// Writes HH:MM:SS, then .ffffff only when the fraction is nonzero.
char* put_time(char* p, std::int64_t us) noexcept {
  if (us < 0) {  // not a time of day; still print something that says so
    *p++ = '-';
    us = -us;
  }
  const std::int64_t secs = us / us_per_second;
  const std::int64_t frac = us % us_per_second;
  p = put_padded(p, secs / 3600, 2);  // more than two digits for a long duration
  *p++ = ':';
  p = put_2(p, secs / 60 % 60);
  *p++ = ':';
  p = put_2(p, secs % 60);
  if (frac != 0) {
    *p++ = '.';
    p = put_padded(p, frac, 6);
  }
  return p;
}

/// A forward reader over the text being parsed. Every read checks the end,
/// so malformed input can only make a parse fail, never read out of bounds.
struct Reader {
  std::string_view s;
  std::size_t pos = 0;

  bool at_end() const noexcept { return pos == s.size(); }
  bool peek(char c) const noexcept { return pos < s.size() && s[pos] == c; }
  bool eat(char c) noexcept {
    if (!peek(c)) return false;
    ++pos;
    return true;
  }
  /// Reads exactly n digits.
  bool digits(int n, int& out) noexcept {
    if (s.size() - pos < static_cast<std::size_t>(n)) return false;
    int v = 0;
    for (int i = 0; i < n; ++i) {
      const char c = s[pos + static_cast<std::size_t>(i)];
      if (!is_digit(c)) return false;
      v = v * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(n);
    out = v;
    return true;
  }
};

/// [-]YYYY[Y]-MM-DD, rejecting dates the calendar does not have.
bool read_date(Reader& r, Date& out) noexcept {
  const bool negative = r.eat('-');
  int year = 0;
  if (!r.digits(4, year)) return false;
  int extra = 0;
  if (r.digits(1, extra)) year = year * 10 + extra;  // 5-digit years up to chrono's 32767
  if (year > 32767) return false;
  int month = 0, day = 0;
  if (!r.eat('-') || !r.digits(2, month) || !r.eat('-') || !r.digits(2, day)) return false;
  const Date d{std::chrono::year{negative ? -year : year},
               std::chrono::month{static_cast<unsigned>(month)},
               std::chrono::day{static_cast<unsigned>(day)}};
  if (!d.ok()) return false;
  out = d;
  return true;
}

/// HH:MM[:SS[.f{1,6}]] as microseconds since midnight. 24:00:00 is allowed
/// only when `allow_24` (SQL TIME, as PostgreSQL does), never in a timestamp.
bool read_time(Reader& r, std::int64_t& out, bool allow_24) noexcept {
  int h = 0, m = 0, sec = 0;
  if (!r.digits(2, h) || !r.eat(':') || !r.digits(2, m)) return false;
  std::int64_t frac = 0;
  if (r.eat(':')) {
    if (!r.digits(2, sec)) return false;
    if (r.eat('.')) {
      int n = 0;
      while (n < 6 && !r.at_end() && is_digit(r.s[r.pos])) {
        frac = frac * 10 + (r.s[r.pos] - '0');
        ++r.pos, ++n;
      }
      if (n == 0 || (!r.at_end() && is_digit(r.s[r.pos]))) return false;  // 1..6 digits
      for (; n < 6; ++n) frac *= 10;
    }
  }
  if (m > 59 || sec > 59) return false;
  if (h > 23 && !(allow_24 && h == 24 && m == 0 && sec == 0 && frac == 0)) return false;
  out = (static_cast<std::int64_t>(h) * 3600 + m * 60 + sec) * us_per_second + frac;
  return true;
}

/// Date, then optionally ' ' or 'T' and a time; a bare date is midnight.
/// `has_time` says whether a time was read (only then may an offset follow).
bool read_timestamp(Reader& r, std::int64_t& us_since_epoch, bool& has_time) noexcept {
  Date d;
  if (!read_date(r, d)) return false;
  std::int64_t tod = 0;
  has_time = r.eat(' ') || r.eat('T') || r.eat('t');
  if (has_time && !read_time(r, tod, false)) return false;
  const auto day_count = std::chrono::sys_days{d}.time_since_epoch().count();
  us_since_epoch = day_count * us_per_day + tod;
  return true;
}

/// Nothing, Z, or +HH, +HHMM, +HH:MM, +HH:MM:SS (and '-'): the offset east of
/// UTC in microseconds. Seconds appear in PostgreSQL output for historic
/// local mean time zones, so they are read too.
bool read_offset(Reader& r, std::int64_t& offset_us) noexcept {
  offset_us = 0;
  if (r.at_end()) return true;
  if (r.eat('Z') || r.eat('z')) return r.at_end();
  int sign = 0;
  if (r.eat('+'))
    sign = 1;
  else if (r.eat('-'))
    sign = -1;
  else
    return false;
  int h = 0, m = 0, sec = 0;
  if (!r.digits(2, h)) return false;
  if (!r.at_end()) {
    const bool colon = r.eat(':');
    if (!r.digits(2, m)) return false;
    if (colon && r.eat(':') && !r.digits(2, sec)) return false;
  }
  if (!r.at_end() || h > 23 || m > 59 || sec > 59) return false;
  offset_us = sign * (static_cast<std::int64_t>(h) * 3600 + m * 60 + sec) * us_per_second;
  return true;
}

}  // namespace

std::string format_date(const Date& d) {
  char buf[16];  // "-32767-12-31"
  return std::string(buf, put_date(buf, d));
}

std::string format_time(const TimeOfDay& t) {
  char buf[32];  // "-2562047788:00:54.775807" at the extreme
  return std::string(buf, put_time(buf, t.since_midnight.count()));
}

namespace {

/// "00" "01" ... "99": two digits per table lookup.
constexpr auto digit_pairs = [] {
  std::array<char, 200> pairs{};
  for (int i = 0; i < 100; ++i) {
    pairs[2 * i] = static_cast<char>('0' + i / 10);
    pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();

/// Two digits of v < 100 at p.
inline void put_pair(char* p, unsigned v) noexcept {
  std::memcpy(p, digit_pairs.data() + 2 * v, 2);
}

}  // namespace

std::size_t format_timestamp(const Timestamp& t, char* out) noexcept {
  const auto day = std::chrono::floor<days>(t);  // floor: correct before 1970 too
  const Date date{day};
  if (const int y = static_cast<int>(date.year()); y >= 1000 && y <= 9999) {
    // Years of four digits, i.e. every timestamp in practice: the fields at
    // fixed offsets, two digits at a time (a batch insert formats one per
    // row). The same text as the general path below.
    const auto year = static_cast<unsigned>(y);
    put_pair(out, year / 100);
    put_pair(out + 2, year % 100);
    out[4] = '-';
    put_pair(out + 5, static_cast<unsigned>(date.month()));
    out[7] = '-';
    put_pair(out + 8, static_cast<unsigned>(date.day()));
    out[10] = ' ';
    const std::int64_t us = (t - day).count();  // [0, 24h)
    const auto secs = static_cast<unsigned>(us / us_per_second);
    put_pair(out + 11, secs / 3600);
    out[13] = ':';
    put_pair(out + 14, secs / 60 % 60);
    out[16] = ':';
    put_pair(out + 17, secs % 60);
    const std::int64_t frac = us % us_per_second;
    if (frac == 0) return 19;
    out[19] = '.';
    return static_cast<std::size_t>(put_padded(out + 20, frac, 6) - out);
  }
  char* p = put_date(out, date);
  *p++ = ' ';
  p = put_time(p, (t - day).count());  // [0, 24h): at most "23:59:59.999999"
  return static_cast<std::size_t>(p - out);
}

std::string format_timestamp(const Timestamp& t) {
  char buf[max_timestamp_text];
  return std::string(buf, format_timestamp(t, buf));
}

std::size_t format_timestamptz(const TimestampTz& t, char* out) noexcept {
  const std::size_t n = format_timestamp(Timestamp{t.time_since_epoch()}, out);
  std::memcpy(out + n, "+00:00", 6);
  return n + 6;
}

std::string format_timestamptz(const TimestampTz& t) {
  char buf[max_timestamptz_text];
  return std::string(buf, format_timestamptz(t, buf));
}

bool parse_date(std::string_view s, Date& out) {
  Reader r{s};
  Date d;
  if (!read_date(r, d) || !r.at_end()) return false;
  out = d;
  return true;
}

bool parse_time(std::string_view s, TimeOfDay& out) {
  Reader r{s};
  std::int64_t us = 0;
  if (!read_time(r, us, true) || !r.at_end()) return false;
  out = TimeOfDay{microseconds{us}};
  return true;
}

namespace {

/// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar, as
/// std::chrono::sys_days counts them (H. Hinnant's days_from_civil), without
/// building a year_month_day: the stored-timestamp path runs once per row.
constexpr std::int64_t days_from_civil(int y, unsigned m, unsigned d) noexcept {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);                 // [0, 399]
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(days_from_civil(2000, 3, 1) == 11017);
static_assert(days_from_civil(0, 1, 1) == -719528);

/// Exactly "YYYY-MM-DD HH:MM:SS", the form Quarry stores on SQLite: read
/// without the general reader's branches, as most rows take this path: the
/// 19 bytes are checked as three words, and the day count is computed
/// directly. The result equals the general parser's for every input both
/// accept.
bool parse_stored_timestamp(std::string_view s, std::int64_t& us) noexcept {
  if (!detail::stored_timestamp_shape(s)) return false;
  const char* p = s.data();
  const auto two = [p](int i) noexcept {
    return static_cast<unsigned>(p[i] - '0') * 10 + static_cast<unsigned>(p[i + 1] - '0');
  };
  const int year = static_cast<int>(two(0) * 100 + two(2));
  const unsigned month = two(5), day = two(8), hour = two(11), minute = two(14), second = two(17);
  static constexpr unsigned char month_days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month - 1 >= 12 || day == 0 || hour > 23 || minute > 59 || second > 59) return false;
  if (day > month_days[month - 1]) {
    const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    if (!(month == 2 && day == 29 && leap)) return false;
  }
  us = days_from_civil(year, month, day) * us_per_day +
       static_cast<std::int64_t>(hour * 3600 + minute * 60 + second) * us_per_second;
  return true;
}

}  // namespace

bool parse_timestamp(std::string_view s, Timestamp& out) {
  if (std::int64_t us = 0; parse_stored_timestamp(s, us)) {
    out = Timestamp{microseconds{us}};
    return true;
  }
  Reader r{s};
  std::int64_t us = 0;
  bool has_time = false;
  if (!read_timestamp(r, us, has_time) || !r.at_end()) return false;
  out = Timestamp{microseconds{us}};
  return true;
}

bool parse_timestamptz(std::string_view s, TimestampTz& out) {
  Reader r{s};
  std::int64_t us = 0, offset = 0;
  bool has_time = false;
  if (!read_timestamp(r, us, has_time)) return false;
  if (!has_time && !r.at_end()) return false;  // "2024-05-01+02" is not a timestamp
  if (!read_offset(r, offset)) return false;
  out = TimestampTz{microseconds{us - offset}};  // local = UTC + offset
  return true;
}

// --------------------------------------------------------------- intervals

namespace {

constexpr std::int64_t us_per_minute = 60 * us_per_second;
constexpr std::int64_t us_per_hour = 60 * us_per_minute;

/// a = a + b * scale, false on overflow.
bool add_scaled(std::int64_t& a, std::int64_t b, std::int64_t scale) noexcept {
  std::int64_t product = 0;
  return !__builtin_mul_overflow(b, scale, &product) && !__builtin_add_overflow(a, product, &a);
}

/// [+-]digits, into a signed 64-bit value; false when there are no digits
/// or the number does not fit.
bool read_signed(Reader& r, std::int64_t& out, bool& negative) noexcept {
  negative = r.eat('-');
  if (!negative) r.eat('+');
  const std::size_t begin = r.pos;
  std::int64_t v = 0;
  while (!r.at_end() && is_digit(r.s[r.pos])) {
    if (__builtin_mul_overflow(v, 10, &v) || __builtin_sub_overflow(v, r.s[r.pos] - '0', &v))
      return false;  // accumulated negatively: -9223372036854775808 fits
    ++r.pos;
  }
  if (r.pos == begin && !r.peek('.')) return false;
  if (!negative && v == std::numeric_limits<std::int64_t>::min()) return false;
  out = negative ? v : -v;
  return true;
}

/// '.' and 1 to 6 digits, as microseconds (".5" is 500000).
bool read_fraction(Reader& r, std::int64_t& us) noexcept {
  us = 0;
  if (!r.eat('.')) return true;
  int n = 0;
  while (n < 6 && !r.at_end() && is_digit(r.s[r.pos])) {
    us = us * 10 + (r.s[r.pos] - '0');
    ++r.pos, ++n;
  }
  if (n == 0 || (!r.at_end() && is_digit(r.s[r.pos]))) return false;
  for (; n < 6; ++n) us *= 10;
  return true;
}

bool fits_int32(std::int64_t v) noexcept {
  return v >= std::numeric_limits<std::int32_t>::min() &&
         v <= std::numeric_limits<std::int32_t>::max();
}

/// P[nY][nM][nD][T[nH][nM][n[.f]S]], every n optionally signed; only seconds
/// take a fraction. The units come in this order, each at most once.
bool parse_iso_interval(std::string_view s, Interval& out) noexcept {
  Reader r{s};
  if (!r.eat('P') || r.at_end()) return false;
  std::int64_t months = 0, days = 0, us = 0;
  bool in_time = false;
  std::string_view units = "YMD";  // the units still allowed, in order
  while (!r.at_end()) {
    if (!in_time && r.eat('T')) {
      in_time = true;
      units = "HMS";
      if (r.at_end()) return false;
      continue;
    }
    std::int64_t v = 0, frac = 0;
    bool negative = false;
    if (!read_signed(r, v, negative) || !read_fraction(r, frac) || r.at_end()) return false;
    const char unit = r.s[r.pos++];
    const std::size_t at = units.find(unit);
    if (at == std::string_view::npos) return false;
    units.remove_prefix(at + 1);
    if (frac != 0 && unit != 'S') return false;
    bool ok = true;
    if (!in_time) {
      ok = unit == 'Y'   ? add_scaled(months, v, 12)
           : unit == 'M' ? add_scaled(months, v, 1)
                         : add_scaled(days, v, 1);
    } else if (unit == 'H') {
      ok = add_scaled(us, v, us_per_hour);
    } else if (unit == 'M') {
      ok = add_scaled(us, v, us_per_minute);
    } else {
      ok = add_scaled(us, v, us_per_second) && add_scaled(us, frac, negative ? -1 : 1);
    }
    if (!ok) return false;
  }
  if (!fits_int32(months) || !fits_int32(days)) return false;
  out = Interval{static_cast<std::int32_t>(months), static_cast<std::int32_t>(days), us};
  return true;
}

/// PostgreSQL's IntervalStyle postgres, its default output:
/// "1 year 2 mons -3 days -04:05:06.5", "00:00:00" for zero.
bool parse_postgres_interval(std::string_view s, Interval& out) noexcept {
  Reader r{s};
  std::int64_t months = 0, days = 0, us = 0;
  bool any = false, time_seen = false;
  while (!r.at_end()) {
    if (any && !r.eat(' ')) return false;
    any = true;
    // A time: [+-]H+:MM:SS[.f]
    const std::size_t token_end = std::min(s.find(' ', r.pos), s.size());
    if (s.substr(r.pos, token_end - r.pos).find(':') != std::string_view::npos) {
      if (time_seen) return false;
      time_seen = true;
      std::int64_t hours = 0, frac = 0;
      bool negative = false;
      int m = 0, sec = 0;
      if (!read_signed(r, hours, negative)) return false;
      if (!r.eat(':') || !r.digits(2, m) || m > 59) return false;
      if (r.eat(':') && (!r.digits(2, sec) || sec > 59 || !read_fraction(r, frac))) return false;
      const std::int64_t sign = negative ? -1 : 1;
      if (!add_scaled(us, hours, us_per_hour) || !add_scaled(us, m * sign, us_per_minute) ||
          !add_scaled(us, sec * sign, us_per_second) || !add_scaled(us, frac, sign)) {
        return false;
      }
      continue;
    }
    std::int64_t v = 0;
    bool negative = false;
    if (!read_signed(r, v, negative) || r.peek('.') || !r.eat(' ')) return false;
    const std::size_t unit_end = std::min(s.find(' ', r.pos), s.size());
    const std::string_view unit = s.substr(r.pos, unit_end - r.pos);
    r.pos = unit_end;
    bool ok = false;
    if (unit == "year" || unit == "years") {
      ok = add_scaled(months, v, 12);
    } else if (unit == "mon" || unit == "mons") {
      ok = add_scaled(months, v, 1);
    } else if (unit == "day" || unit == "days") {
      ok = add_scaled(days, v, 1);
    }
    if (!ok) return false;
  }
  if (!any || !fits_int32(months) || !fits_int32(days)) return false;
  out = Interval{static_cast<std::int32_t>(months), static_cast<std::int32_t>(days), us};
  return true;
}

void append_interval_part(std::string& out, std::int64_t v, char unit) {
  if (v == 0) return;
  char buf[24];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  out += unit;
}

}  // namespace

std::string format_interval(const Interval& i) {
  // The parts PostgreSQL prints (EncodeInterval, INTSTYLE_ISO_8601): each
  // truncated toward zero, so that each keeps the sign of what it came from.
  const std::int64_t us = i.microseconds;
  const std::int64_t hours = us / us_per_hour;
  const std::int64_t minutes = us / us_per_minute % 60;
  const std::int64_t seconds = us / us_per_second % 60;
  const std::int64_t fraction = us % us_per_second;
  if (i.months == 0 && i.days == 0 && us == 0) return "PT0S";
  std::string out = "P";
  append_interval_part(out, i.months / 12, 'Y');
  append_interval_part(out, i.months % 12, 'M');
  append_interval_part(out, i.days, 'D');
  if (us != 0) out += 'T';
  append_interval_part(out, hours, 'H');
  append_interval_part(out, minutes, 'M');
  if (seconds != 0 || fraction != 0) {
    if (seconds < 0 || fraction < 0) out += '-';
    char buf[24];
    out.append(buf, std::to_chars(buf, buf + sizeof buf, seconds < 0 ? -seconds : seconds).ptr);
    if (fraction != 0) {
      char digits[7];
      put_padded(digits, fraction < 0 ? -fraction : fraction, 6);
      std::size_t n = 6;
      while (digits[n - 1] == '0') --n;  // 6.5S, not 6.500000S
      out += '.';
      out.append(digits, n);
    }
    out += 'S';
  }
  return out;
}

bool parse_interval(std::string_view s, Interval& out) {
  return !s.empty() && s[0] == 'P' ? parse_iso_interval(s, out) : parse_postgres_interval(s, out);
}

}  // namespace detail

std::string Interval::str() const {
  return detail::format_interval(*this);
}

Interval Interval::parse(std::string_view text) {
  Interval out;
  if (!detail::parse_interval(text, out)) {
    throw UsageError("not an interval: " + quote_for_message(text) +
                     " (expected ISO 8601 like P1Y2M3DT4H5M6.5S, or PostgreSQL's form like "
                     "'1 year 2 mons 3 days 04:05:06.5', with months and days within 32 bits)");
  }
  return out;
}

namespace detail {

// ----------------------------------------------------------------- base64

void append_base64(std::string& out, const std::byte* data, std::size_t size) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  out.reserve(out.size() + (size + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    const auto n = std::to_integer<std::uint32_t>(data[i]) << 16 |
                   std::to_integer<std::uint32_t>(data[i + 1]) << 8 |
                   std::to_integer<std::uint32_t>(data[i + 2]);
    out += alphabet[n >> 18 & 63];
    out += alphabet[n >> 12 & 63];
    out += alphabet[n >> 6 & 63];
    out += alphabet[n & 63];
  }
  if (const std::size_t rest = size - i; rest > 0) {
    std::uint32_t n = std::to_integer<std::uint32_t>(data[i]) << 16;
    if (rest == 2) n |= std::to_integer<std::uint32_t>(data[i + 1]) << 8;
    out += alphabet[n >> 18 & 63];
    out += alphabet[n >> 12 & 63];
    out += rest == 2 ? alphabet[n >> 6 & 63] : '=';
    out += '=';
  }
}

}  // namespace detail

}  // namespace quarry

// Declared extern in include/quarry/value.hpp.
template class std::vector<quarry::Value>;
