// Value: one SQL value as it crosses between the query layer and a driver,
// and the C++ vocabulary types Quarry maps SQL types to (Decimal, Uuid, Json,
// TimeOfDay, Blob and the std::chrono time points).
#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
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

/// SQL DATE.
using Date = std::chrono::year_month_day;
/// SQL TIMESTAMP (without time zone): a wall-clock reading.
using Timestamp = std::chrono::local_time<std::chrono::microseconds>;
/// SQL TIMESTAMP WITH TIME ZONE: an instant, kept in UTC.
using TimestampTz = std::chrono::sys_time<std::chrono::microseconds>;

/// The storage classes a value can have on the wire. Every SQL type maps onto
/// one of these (dates as ISO 8601 text, bool as integer, ...).
enum class StorageType : std::uint8_t { null, integer, real, text, blob };

/// One bound parameter or one cell of a dynamic row.
class Value {
 public:
  using Variant = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

  Value() = default;
  Value(std::nullptr_t) {}
  Value(std::int64_t v) : v_(v) {}
  Value(double v) : v_(v) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(Blob v) : v_(std::move(v)) {}

  StorageType type() const noexcept { return static_cast<StorageType>(v_.index()); }
  bool is_null() const noexcept { return v_.index() == 0; }
  std::int64_t as_int64() const { return std::get<std::int64_t>(v_); }
  double as_double() const { return std::get<double>(v_); }
  const std::string& as_text() const { return std::get<std::string>(v_); }
  const Blob& as_blob() const { return std::get<Blob>(v_); }
  const Variant& variant() const noexcept { return v_; }

  /// SQL-literal-like rendering for logs and sql() output: 3, 2.5, 'it''s', x'00ff', NULL.
  std::string to_display() const;

  friend bool operator==(const Value&, const Value&) = default;

 private:
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
void append_base64(std::string& out, const std::byte* data, std::size_t size);
/// Appends the canonical form of the decimal literal `text` (see Decimal) to
/// `out`; returns false, appending nothing, when `text` is not one.
bool append_canonical_decimal(std::string& out, std::string_view text);
}  // namespace detail

}  // namespace quarry
