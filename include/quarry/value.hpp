// Value: one SQL value as it crosses between the query layer and a driver,
// and the C++ vocabulary types Quarry maps SQL types to (Decimal, Uuid, Json,
// TimeOfDay, Interval, Blob and the std::chrono time points).
#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace quarry {

/// Binary data (SQL blob / bytea).
using Blob = std::vector<std::byte>;

/// An exact decimal number kept as its canonical text ("-12.340"), so that no
/// digit is lost on the way to and from NUMERIC columns. Arithmetic is the
/// database's business; Quarry only carries the value.
///
/// Canonical text is plain digits, an optional '-' and fraction, which is
/// also a valid JSON number: "+3" is "3", "007" is "7", "-.5" is "-0.5",
/// "-0.00" is "0.00", and an exponent is expanded ("1.5e3" is "1500",
/// "25e-3" is "0.025"). Trailing fraction zeros are kept: they are the scale.
class Decimal {
 public:
  Decimal() : text_("0") {}
  /// Throws quarry::UsageError when `text` is not a decimal literal.
  explicit Decimal(std::string_view text);
  const std::string& str() const noexcept { return text_; }
  friend bool operator==(const Decimal&, const Decimal&) = default;

 private:
  std::string text_;
};

/// A 128-bit UUID. Stored as its 36-character text form on SQLite.
struct Uuid {
  std::array<std::uint8_t, 16> bytes{};
  /// Throws quarry::UsageError when `text` is not a UUID in 8-4-4-4-12 form.
  static Uuid parse(std::string_view text);
  std::string str() const;
  friend auto operator<=>(const Uuid&, const Uuid&) = default;
};

/// A JSON document kept as its text. Written unquoted into json() output.
struct Json {
  std::string text;
  friend bool operator==(const Json&, const Json&) = default;
};

/// A time of day (SQL TIME), microsecond precision.
struct TimeOfDay {
  std::chrono::microseconds since_midnight{};
  friend auto operator<=>(const TimeOfDay&, const TimeOfDay&) = default;
};

/// SQL INTERVAL, exactly as PostgreSQL keeps it: months, days and
/// microseconds, each with its own sign. Not a duration: a month is not a
/// fixed number of days, nor a day a fixed number of hours (daylight saving),
/// so the parts are never folded into one another.
///
///   Interval{14, 3, 4'000'000}            // 1 year 2 months 3 days 4 seconds
///   Interval::of(std::chrono::minutes{90}) // 1 hour 30 minutes
struct Interval {
  std::int32_t months = 0;
  std::int32_t days = 0;
  std::int64_t microseconds = 0;

  /// A span of time only (no months, no days).
  static constexpr Interval of(std::chrono::microseconds time) noexcept {
    return {0, 0, time.count()};
  }
  /// The time part, without the months and days.
  constexpr std::chrono::microseconds time() const noexcept {
    return std::chrono::microseconds{microseconds};
  }
  /// ISO 8601, as PostgreSQL's IntervalStyle iso_8601 writes it:
  /// "P1Y2M3DT4H5M6.5S", "P-1DT2H", "PT0S" for zero.
  std::string str() const;
  /// Reads ISO 8601 ("P1Y2M3DT4H5M6.5S", each part optionally signed) or
  /// PostgreSQL's default output ("1 year 2 mons -3 days 04:05:06.5").
  /// Throws quarry::UsageError for anything else or a part out of range.
  static Interval parse(std::string_view text);

  /// Equal when each part is: 1 month and 30 days differ here, although
  /// PostgreSQL's = calls them equal.
  friend constexpr bool operator==(const Interval&, const Interval&) = default;
  /// PostgreSQL's order: months count as 30 days and days as 24 hours, so
  /// 1 month and 30 days are equivalent (weak order), not equal.
  friend constexpr std::weak_ordering operator<=>(const Interval& a, const Interval& b) noexcept {
    // (months * 30 + days) days plus microseconds, compared without 128-bit
    // arithmetic: whole days first, then the remaining microseconds.
    constexpr std::int64_t us_per_day = 86'400'000'000;
    const auto key = [](const Interval& i) {
      std::int64_t days = std::int64_t{i.months} * 30 + i.days + i.microseconds / us_per_day;
      std::int64_t rest = i.microseconds % us_per_day;
      if (rest < 0) rest += us_per_day, --days;
      return std::pair{days, rest};
    };
    const auto ka = key(a), kb = key(b);
    if (ka.first != kb.first) return ka.first <=> kb.first;
    return ka.second <=> kb.second;
  }
};

/// SQL DATE.
using Date = std::chrono::year_month_day;
/// SQL TIMESTAMP (without time zone): a wall-clock reading.
using Timestamp = std::chrono::local_time<std::chrono::microseconds>;
/// SQL TIMESTAMP WITH TIME ZONE: an instant, kept in UTC.
using TimestampTz = std::chrono::sys_time<std::chrono::microseconds>;

/// The storage classes a value can have on the wire. Every SQL type maps onto
/// one of these (dates as ISO 8601 text, bool as integer, ...).
enum class StorageType : std::uint8_t { null, integer, real, text, blob };

/// The value of an array parameter (std::vector<T>) as JSON text, `[1,null]`
/// or `["a","b"]`: SQLite stores that text, the PostgreSQL driver sends it
/// as an array literal (`{1,NULL}`). Its storage class is text.
struct ArrayText {
  std::string json;
  friend bool operator==(const ArrayText&, const ArrayText&) = default;
};

/// One bound parameter or one cell of a dynamic row.
class Value {
 public:
  using Variant = std::variant<std::monostate, std::int64_t, double, std::string, Blob, ArrayText>;

  // Out of line (src/value.cpp), as the variant's code is: inline, every
  // translation unit that builds a query would emit it (bench/compile_time).
  Value() noexcept;
  Value(std::nullptr_t) noexcept;
  Value(std::int64_t v) noexcept;
  Value(double v) noexcept;
  Value(std::string v) noexcept;
  Value(Blob v) noexcept;
  Value(ArrayText v) noexcept;
  Value(const Value& other);
  Value(Value&& other) noexcept;
  Value& operator=(const Value& other);
  Value& operator=(Value&& other) noexcept;
  ~Value();

  /// An array is text (its JSON); is_array() tells it apart.
  StorageType type() const noexcept {
    return v_.index() == array_index ? StorageType::text : static_cast<StorageType>(v_.index());
  }
  bool is_null() const noexcept { return v_.index() == 0; }
  bool is_array() const noexcept { return v_.index() == array_index; }
  std::int64_t as_int64() const { return std::get<std::int64_t>(v_); }
  double as_double() const { return std::get<double>(v_); }
  /// The text, or an array's JSON text.
  const std::string& as_text() const {
    if (const auto* s = std::get_if<std::string>(&v_)) [[likely]]
      return *s;
    return std::get<ArrayText>(v_).json;
  }
  const Blob& as_blob() const { return std::get<Blob>(v_); }
  const Variant& variant() const noexcept { return v_; }

  /// SQL-literal-like rendering for logs and sql() output: 3, 2.5, 'it''s', x'00ff', NULL.
  std::string to_display() const;

  friend bool operator==(const Value&, const Value&) = default;

 private:
  static constexpr std::size_t array_index = 5;
  Variant v_;
};

/// Text and base64 helpers shared by drivers and the JSON writer.
namespace detail {
std::string format_date(const Date& d);
std::string format_time(const TimeOfDay& t);
std::string format_timestamp(const Timestamp& t);  // "2024-05-01 12:30:00.250000"
/// The longest text format_timestamp writes: "-32767-12-31 23:59:59.999999".
inline constexpr std::size_t max_timestamp_text = 28;
/// format_timestamp into `out` (max_timestamp_text bytes, not terminated),
/// without allocating; returns the length.
std::size_t format_timestamp(const Timestamp& t, char* out) noexcept;
std::string format_timestamptz(const TimestampTz& t);  // "2024-05-01 12:30:00.250000+00:00"
inline constexpr std::size_t max_timestamptz_text = max_timestamp_text + 6;
std::size_t format_timestamptz(const TimestampTz& t, char* out) noexcept;
bool parse_date(std::string_view s, Date& out);
bool parse_time(std::string_view s, TimeOfDay& out);
bool parse_timestamp(std::string_view s, Timestamp& out);
bool parse_timestamptz(std::string_view s, TimestampTz& out);
/// Interval::str() and Interval::parse() without the exception.
std::string format_interval(const Interval& i);
bool parse_interval(std::string_view s, Interval& out);
void append_base64(std::string& out, const std::byte* data, std::size_t size);
/// Appends the canonical form of the decimal literal `text` (see Decimal) to
/// `out`; returns false, appending nothing, when `text` is not one.
bool append_canonical_decimal(std::string& out, std::string_view text);
}  // namespace detail

}  // namespace quarry

// std::vector<Value>'s members are compiled once, in src/value.cpp: without
// optimisation every TU that passes parameters would otherwise emit them (see
// include/quarry/async.hpp for why only then).
#if !defined(__OPTIMIZE__)
extern template class std::vector<quarry::Value>;
#endif
