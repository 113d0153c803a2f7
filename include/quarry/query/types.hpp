// How C++ types map to SQL: for each supported type, its SQL type, the
// category that decides what it may be compared with, and how it is bound,
// read back (checked: a wrong storage class is a DecodeError, never UB) and
// written as JSON straight from the driver's row.
#pragma once

#include <array>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <quarry/driver/connection.hpp>
#include <quarry/schema/schema.hpp>
#include <quarry/value.hpp>

namespace quarry {

/// What a value may be compared with: only values of the same category.
enum class TypeCategory {
  numeric,
  text,
  boolean,
  bytes,
  date,
  time,
  timestamp,
  timestamptz,
  uuid,
  json,
  enumeration,
  interval,
  array  ///< std::vector<T>: compared only with the same std::vector<T>
};

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
inline constexpr bool is_optional_v = is_optional<T>::value;

template <class T>
struct unwrap_optional {
  using type = T;
};
template <class T>
struct unwrap_optional<std::optional<T>> {
  using type = T;
};
template <class T>
using unwrap_optional_t = typename unwrap_optional<T>::type;

/// An enum declared with QUARRY_ENUM has names and is stored as text.
template <class E>
concept NamedEnum = std::is_enum_v<E> && requires {
  quarry_enum_entries(static_cast<const E*>(nullptr));
};

/// An enum declared with QUARRY_DB_ENUM is a database enum type (PostgreSQL
/// CREATE TYPE ... AS ENUM); on SQLite it is text, as a QUARRY_ENUM is.
template <class E>
concept DbEnum = NamedEnum<E> && requires {
  { quarry_db_enum_name(static_cast<const E*>(nullptr)) } -> std::convertible_to<std::string_view>;
};

/// The element types a std::vector<T> column (an array) may hold, and
/// std::optional of them for arrays with NULL elements.
template <class T>
concept ArrayElement =
    std::is_same_v<unwrap_optional_t<T>, std::int16_t> ||
    std::is_same_v<unwrap_optional_t<T>, std::int32_t> ||
    std::is_same_v<unwrap_optional_t<T>, std::int64_t> || std::is_same_v < unwrap_optional_t<T>,
double > || std::is_same_v<unwrap_optional_t<T>, bool> ||
    std::is_same_v<unwrap_optional_t<T>, std::string> ||
    std::is_same_v<unwrap_optional_t<T>, Uuid> || std::is_same_v<unwrap_optional_t<T>, Date> ||
    std::is_same_v<unwrap_optional_t<T>, Timestamp> ||
    std::is_same_v<unwrap_optional_t<T>, TimestampTz> ||
    std::is_same_v<unwrap_optional_t<T>, Decimal>;

/// Whether T is a std::vector<T> of an ArrayElement (std::vector<std::byte>
/// is a Blob, not an array).
template <class T>
inline constexpr bool is_array_v = false;
template <ArrayElement T>
inline constexpr bool is_array_v<std::vector<T>> = true;

namespace detail {

// Out-of-line readers: each checks the storage class and throws a
// DecodeError naming the column, row and found value when it does not fit.
[[noreturn]] void throw_decode_error(const RowReader& row, std::size_t col,
                                     std::string_view expected);
// The common readers are inline: a check of the cell's storage class and a
// load, with the error path out of line.
inline std::int64_t read_int64(const RowReader& row, std::size_t col) {
  const Cell& c = row.cell(col);
  if (c.type != StorageType::integer) [[unlikely]]
    throw_decode_error(row, col, "an integer");
  return c.integer;
}
std::int64_t read_int_in_range(const RowReader& row, std::size_t col, std::int64_t lo,
                               std::int64_t hi, std::string_view type_name);
inline double read_double(const RowReader& row, std::size_t col) {
  const Cell& c = row.cell(col);
  if (c.type == StorageType::real) [[likely]]
    return c.real;
  if (c.type != StorageType::integer) throw_decode_error(row, col, "a number");
  return static_cast<double>(c.integer);
}
bool read_bool(const RowReader& row, std::size_t col);
inline std::string_view read_text(const RowReader& row, std::size_t col) {
  const Cell& c = row.cell(col);
  if (c.type != StorageType::text) [[unlikely]]
    throw_decode_error(row, col, "text");
  return {c.data, c.size};
}
Blob read_blob(const RowReader& row, std::size_t col);
Decimal read_decimal(const RowReader& row, std::size_t col);
Uuid read_uuid(const RowReader& row, std::size_t col);
Date read_date(const RowReader& row, std::size_t col);
TimeOfDay read_time(const RowReader& row, std::size_t col);
Timestamp read_timestamp(const RowReader& row, std::size_t col);
TimestampTz read_timestamptz(const RowReader& row, std::size_t col);
std::size_t read_enum_index(const RowReader& row, std::size_t col, const std::string_view* names,
                            std::size_t count);
Interval read_interval(const RowReader& row, std::size_t col);
/// Reads an array column (PostgreSQL's {...} or SQLite's JSON text) into
/// `out`, reusing its capacity. Defined in src/query/array_values.cpp for
/// every ArrayElement T.
template <class T>
void read_array(const RowReader& row, std::size_t col, std::vector<T>& out);
/// The JSON text of an array parameter (ArrayText). Throws UsageError for
/// text holding a NUL byte, which PostgreSQL cannot store.
template <class T>
std::string array_json(const std::vector<T>& v);

// JSON writers: append the value of a non-NULL column.
void json_int(std::string& out, const RowReader& row, std::size_t col);
void json_double(std::string& out, const RowReader& row, std::size_t col);
void json_bool(std::string& out, const RowReader& row, std::size_t col);
void json_text(std::string& out, const RowReader& row, std::size_t col);
void json_number_text(std::string& out, const RowReader& row, std::size_t col);  // decimals
void json_blob(std::string& out, const RowReader& row, std::size_t col);
void json_timestamp(std::string& out, const RowReader& row, std::size_t col);  // ' ' -> 'T'
void json_raw(std::string& out, const RowReader& row, std::size_t col);        // json columns
void json_interval(std::string& out, const RowReader& row, std::size_t col);   // ISO 8601
/// A JSON array of the elements, each written as its scalar column would be.
template <class T>
void json_array(std::string& out, const RowReader& row, std::size_t col);
void json_any(std::string& out, const RowReader& row, std::size_t col);  // by storage class
void json_escape(std::string& out, std::string_view text);
/// A decimal's text as a JSON number (a string when it is none, like NaN).
void json_decimal_text(std::string& out, std::string_view text);
/// A timestamp's SQL text as an ISO 8601 JSON string ('T', "+00:00").
void json_timestamp_text(std::string& out, std::string_view text);
/// The byte offset where `text` stops being one JSON document, or npos when
/// it is one.
std::size_t json_error_offset(std::string_view text);
/// Throws UsageError, naming the offset, unless `text` is one JSON document:
/// SQLite would store anything, and json() writes JSON columns unquoted.
void check_json_document(std::string_view text);

}  // namespace detail

/// SqlTraits<T>: the mapping of one C++ type. Specialised below for every
/// supported type; a type without one is rejected with a static_assert.
template <class T, class = void>
struct SqlTraits {
  static constexpr bool supported = false;
};

template <class T, TypeKind Kind, TypeCategory Category>
struct SqlTraitsBase {
  static constexpr bool supported = true;
  static constexpr TypeKind kind = Kind;
  static constexpr TypeCategory category = Category;
};

template <class T>
requires(std::is_same_v<T, std::int16_t> || std::is_same_v<T, std::int32_t> ||
         std::is_same_v<T, std::int64_t>) struct SqlTraits<T>
    : SqlTraitsBase<T,
                    sizeof(T) == 2   ? TypeKind::int16
                    : sizeof(T) == 4 ? TypeKind::int32
                                     : TypeKind::int64,
                    TypeCategory::numeric> {
  static Value to_value(T v) { return Value(static_cast<std::int64_t>(v)); }
  static void bind(ParamWriter& w, std::size_t i, T v) { w.bind_int64(i, v); }
  static T read(const RowReader& r, std::size_t c) {
    if constexpr (sizeof(T) == 8) {
      return detail::read_int64(r, c);
    } else {
      return static_cast<T>(detail::read_int_in_range(r, c, std::numeric_limits<T>::min(),
                                                      std::numeric_limits<T>::max(),
                                                      sizeof(T) == 2 ? "smallint" : "integer"));
    }
  }
  static constexpr auto write_json = &detail::json_int;
};

template <>
struct SqlTraits<double> : SqlTraitsBase<double, TypeKind::float64, TypeCategory::numeric> {
  static Value to_value(double v) { return Value(v); }
  static void bind(ParamWriter& w, std::size_t i, double v) { w.bind_double(i, v); }
  static double read(const RowReader& r, std::size_t c) { return detail::read_double(r, c); }
  static constexpr auto write_json = &detail::json_double;
};

template <>
struct SqlTraits<bool> : SqlTraitsBase<bool, TypeKind::boolean, TypeCategory::boolean> {
  static Value to_value(bool v) { return Value(std::int64_t{v ? 1 : 0}); }
  static void bind(ParamWriter& w, std::size_t i, bool v) { w.bind_int64(i, v ? 1 : 0); }
  static bool read(const RowReader& r, std::size_t c) { return detail::read_bool(r, c); }
  static constexpr auto write_json = &detail::json_bool;
};

template <>
struct SqlTraits<std::string> : SqlTraitsBase<std::string, TypeKind::text, TypeCategory::text> {
  static Value to_value(const std::string& v) { return Value(v); }
  static void bind(ParamWriter& w, std::size_t i, const std::string& v) { w.bind_text(i, v); }
  static std::string read(const RowReader& r, std::size_t c) {
    return std::string(detail::read_text(r, c));
  }
  static constexpr auto write_json = &detail::json_text;
};

template <>
struct SqlTraits<Decimal> : SqlTraitsBase<Decimal, TypeKind::decimal, TypeCategory::numeric> {
  static Value to_value(const Decimal& v) { return Value(v.str()); }
  static void bind(ParamWriter& w, std::size_t i, const Decimal& v) { w.bind_text(i, v.str()); }
  static Decimal read(const RowReader& r, std::size_t c) { return detail::read_decimal(r, c); }
  static constexpr auto write_json = &detail::json_number_text;
};

template <>
struct SqlTraits<Blob> : SqlTraitsBase<Blob, TypeKind::blob, TypeCategory::bytes> {
  static Value to_value(const Blob& v) { return Value(v); }
  static void bind(ParamWriter& w, std::size_t i, const Blob& v) { w.bind_blob(i, v); }
  static Blob read(const RowReader& r, std::size_t c) { return detail::read_blob(r, c); }
  static constexpr auto write_json = &detail::json_blob;
};

template <>
struct SqlTraits<Uuid> : SqlTraitsBase<Uuid, TypeKind::uuid, TypeCategory::uuid> {
  static Value to_value(const Uuid& v) { return Value(v.str()); }
  static void bind(ParamWriter& w, std::size_t i, const Uuid& v) { w.bind_text_copy(i, v.str()); }
  static Uuid read(const RowReader& r, std::size_t c) { return detail::read_uuid(r, c); }
  static constexpr auto write_json = &detail::json_text;
};

template <>
struct SqlTraits<Json> : SqlTraitsBase<Json, TypeKind::json, TypeCategory::json> {
  static Value to_value(const Json& v) {
    detail::check_json_document(v.text);
    return Value(v.text);
  }
  static void bind(ParamWriter& w, std::size_t i, const Json& v) {
    detail::check_json_document(v.text);
    w.bind_text(i, v.text);
  }
  static Json read(const RowReader& r, std::size_t c) {
    return Json{std::string(detail::read_text(r, c))};
  }
  static constexpr auto write_json = &detail::json_raw;
};

template <>
struct SqlTraits<Date> : SqlTraitsBase<Date, TypeKind::date, TypeCategory::date> {
  static Value to_value(const Date& v) { return Value(detail::format_date(v)); }
  static void bind(ParamWriter& w, std::size_t i, const Date& v) {
    w.bind_text_copy(i, detail::format_date(v));
  }
  static Date read(const RowReader& r, std::size_t c) { return detail::read_date(r, c); }
  static constexpr auto write_json = &detail::json_text;
};

template <>
struct SqlTraits<TimeOfDay> : SqlTraitsBase<TimeOfDay, TypeKind::time, TypeCategory::time> {
  static Value to_value(const TimeOfDay& v) { return Value(detail::format_time(v)); }
  static void bind(ParamWriter& w, std::size_t i, const TimeOfDay& v) {
    w.bind_text_copy(i, detail::format_time(v));
  }
  static TimeOfDay read(const RowReader& r, std::size_t c) { return detail::read_time(r, c); }
  static constexpr auto write_json = &detail::json_text;
};

template <>
struct SqlTraits<Timestamp>
    : SqlTraitsBase<Timestamp, TypeKind::timestamp, TypeCategory::timestamp> {
  static Value to_value(const Timestamp& v) { return Value(detail::format_timestamp(v)); }
  static void bind(ParamWriter& w, std::size_t i, const Timestamp& v) {
    char text[detail::max_timestamp_text];  // no std::string: this runs per row of a batch
    w.bind_text_copy(i, std::string_view(text, detail::format_timestamp(v, text)));
  }
  static Timestamp read(const RowReader& r, std::size_t c) { return detail::read_timestamp(r, c); }
  static constexpr auto write_json = &detail::json_timestamp;
};

template <>
struct SqlTraits<TimestampTz>
    : SqlTraitsBase<TimestampTz, TypeKind::timestamptz, TypeCategory::timestamptz> {
  static Value to_value(const TimestampTz& v) { return Value(detail::format_timestamptz(v)); }
  static void bind(ParamWriter& w, std::size_t i, const TimestampTz& v) {
    char text[detail::max_timestamptz_text];
    w.bind_text_copy(i, std::string_view(text, detail::format_timestamptz(v, text)));
  }
  static TimestampTz read(const RowReader& r, std::size_t c) {
    return detail::read_timestamptz(r, c);
  }
  static constexpr auto write_json = &detail::json_timestamp;
};

template <>
struct SqlTraits<Interval> : SqlTraitsBase<Interval, TypeKind::interval, TypeCategory::interval> {
  static Value to_value(const Interval& v) { return Value(detail::format_interval(v)); }
  static void bind(ParamWriter& w, std::size_t i, const Interval& v) {
    w.bind_text_copy(i, detail::format_interval(v));
  }
  static Interval read(const RowReader& r, std::size_t c) { return detail::read_interval(r, c); }
  static constexpr auto write_json = &detail::json_interval;
};

/// Arrays: PostgreSQL arrays (ARRAY of the element's type), JSON text on
/// SQLite. The work is out of line, instantiated once per element type.
template <ArrayElement T>
struct SqlTraits<std::vector<T>>
    : SqlTraitsBase<std::vector<T>, TypeKind::array, TypeCategory::array> {
  static constexpr TypeKind element_kind = SqlTraits<unwrap_optional_t<T>>::kind;
  static Value to_value(const std::vector<T>& v) { return Value(ArrayText{detail::array_json(v)}); }
  static void bind(ParamWriter& w, std::size_t i, const std::vector<T>& v) {
    w.bind_array(i, detail::array_json(v));
  }
  static std::vector<T> read(const RowReader& r, std::size_t c) {
    std::vector<T> out;
    detail::read_array(r, c, out);
    return out;
  }
  static constexpr auto write_json = &detail::json_array<T>;
};

/// Enums declared with QUARRY_ENUM are stored by name; those declared with
/// QUARRY_DB_ENUM as a value of their database enum type (also by name).
template <NamedEnum E>
struct SqlTraits<E> : SqlTraitsBase<E, DbEnum<E> ? TypeKind::db_enum : TypeKind::enum_text,
                                    TypeCategory::enumeration> {
  static constexpr auto entries() { return quarry_enum_entries(static_cast<const E*>(nullptr)); }
  static constexpr auto names() {
    constexpr auto e = entries();
    std::array<std::string_view, e.size()> out{};
    for (std::size_t i = 0; i < e.size(); ++i) out[i] = e[i].second;
    return out;
  }
  static std::string_view name_of(E v) {
    for (const auto& [value, name] : entries()) {
      if (value == v) return name;
    }
    return {};
  }
  static Value to_value(E v) { return Value(std::string(name_of(v))); }
  static void bind(ParamWriter& w, std::size_t i, E v) { w.bind_text(i, name_of(v)); }
  static E read(const RowReader& r, std::size_t c) {
    static constexpr auto all = names();
    return entries()[detail::read_enum_index(r, c, all.data(), all.size())].first;
  }
  static constexpr auto write_json = &detail::json_text;
};

/// Other enums are stored by their underlying integer.
template <class E>
requires(std::is_enum_v<E> && !NamedEnum<E>) struct SqlTraits<E>
    : SqlTraitsBase<E, TypeKind::enum_integer, TypeCategory::enumeration> {
  static Value to_value(E v) { return Value(static_cast<std::int64_t>(v)); }
  static void bind(ParamWriter& w, std::size_t i, E v) {
    w.bind_int64(i, static_cast<std::int64_t>(v));
  }
  static E read(const RowReader& r, std::size_t c) {
    return static_cast<E>(detail::read_int64(r, c));
  }
  static constexpr auto write_json = &detail::json_int;
};

namespace detail {

template <class T>
inline constexpr bool supported_type = SqlTraits<unwrap_optional_t<T>>::supported;

/// Binds a value (optional or not) into a batch parameter.
template <class T>
void bind_value(ParamWriter& w, std::size_t i, const T& v) {
  if constexpr (is_optional_v<T>) {
    if (!v) {
      w.bind_null(i);
    } else {
      SqlTraits<typename T::value_type>::bind(w, i, *v);
    }
  } else {
    SqlTraits<T>::bind(w, i, v);
  }
}

template <class T>
Value to_value(const T& v) {
  if constexpr (is_optional_v<T>) {
    return v ? SqlTraits<typename T::value_type>::to_value(*v) : Value();
  } else {
    return SqlTraits<T>::to_value(v);
  }
}

/// Reads column `col` as T; NULL only into std::optional.
template <class T>
T read_value(const RowReader& r, std::size_t col) {
  if constexpr (is_optional_v<T>) {
    if (r.is_null(col)) return std::nullopt;
    return SqlTraits<typename T::value_type>::read(r, col);
  } else {
    // No separate NULL test: every reader checks the storage class anyway,
    // and a NULL fails that check with a message suggesting std::optional.
    return SqlTraits<T>::read(r, col);
  }
}

/// Reads column `col` into `out` in place, as `out = read_value<T>(r, col)`
/// would, but text is assigned straight into the string's buffer (reusing
/// its capacity) instead of being built as a temporary and moved in: this
/// runs once per cell of every row decoded.
template <class T>
void read_into(const RowReader& r, std::size_t col, T& out) {
  if constexpr (std::is_same_v<T, std::string>) {
    const std::string_view t = read_text(r, col);
    out.assign(t.data(), t.size());
  } else if constexpr (is_array_v<T>) {
    read_array(r, col, out);  // reuses the vector's capacity row to row
  } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
    if (r.is_null(col)) {
      out.reset();
      return;
    }
    const std::string_view t = read_text(r, col);
    if (out) {
      out->assign(t.data(), t.size());
    } else {
      out.emplace(t.data(), t.size());
    }
  } else {
    out = read_value<T>(r, col);
  }
}

using JsonWriter = void (*)(std::string&, const RowReader&, std::size_t);

template <class T>
[[gnu::always_inline]] constexpr JsonWriter json_writer() {
  return SqlTraits<unwrap_optional_t<T>>::write_json;
}

/// What the write paths and objects() do with one member of a row struct,
/// as function pointers over the member's address: their logic then compiles
/// once, in src/, and not once per table and column.
struct MemberOps {
  Value (*to_value)(const void* member);
  void (*bind)(ParamWriter& w, std::size_t index, const void* member);
  /// An integer (or bool) member, which an auto-increment key may be; only
  /// these have get_integer and set_integer.
  bool integral;
  std::int64_t (*get_integer)(const void* member);
  void (*set_integer)(void* member, std::int64_t v);
};

template <class T>
Value member_to_value(const void* member) {
  return to_value(*static_cast<const T*>(member));
}
template <class T>
void member_bind(ParamWriter& w, std::size_t index, const void* member) {
  bind_value(w, index, *static_cast<const T*>(member));
}
template <class T>
std::int64_t member_get_integer(const void* member) {
  return static_cast<std::int64_t>(*static_cast<const T*>(member));
}
template <class T>
void member_set_integer(void* member, std::int64_t v) {
  *static_cast<T*>(member) = static_cast<T>(v);
}
template <class T>
constexpr MemberOps make_member_ops() {
  if constexpr (std::is_integral_v<T>) {
    return {&member_to_value<T>, &member_bind<T>, true, &member_get_integer<T>,
            &member_set_integer<T>};
  } else {
    return {&member_to_value<T>, &member_bind<T>, false, nullptr, nullptr};
  }
}
/// One per member type, shared by every table with such a member.
template <class T>
inline constexpr MemberOps member_ops = make_member_ops<T>();

/// Receives the members of one row struct in column order, from the
/// quarry_visit function QUARRY_TABLE writes; the typed call only picks the
/// member type's operations, the work is done in visit().
class MemberVisitor {
 public:
  template <class T>
  void operator()(std::size_t column, const T& member) {
    visit(column, &member, member_ops<T>);
  }

 protected:
  ~MemberVisitor() = default;
  virtual void visit(std::size_t column, const void* member, const MemberOps& ops) = 0;
};

/// The SqlType of a model member of type T (optional or not).
template <class T>
SqlType sql_type_of() {
  using U = unwrap_optional_t<T>;
  SqlType t;
  t.kind = SqlTraits<U>::kind;
  if constexpr (NamedEnum<U>) {
    for (auto name : SqlTraits<U>::names()) t.enum_values.emplace_back(name);
  }
  if constexpr (DbEnum<U>) t.type_name = quarry_db_enum_name(static_cast<const U*>(nullptr));
  if constexpr (is_array_v<U>) t.element = SqlTraits<U>::element_kind;
  return t;
}

// The column templates above, for the built-in column types, are compiled
// once in src/query/column_types.cpp, and an unoptimised TU that reads, binds
// or declares such a column calls those instead of emitting its own copies
// (and the string code they call). Only without optimisation: with it, the
// compiler instantiates the bodies anyway to inline them into the row
// decoders, and the declarations would only change what it inlines (see
// include/quarry/async.hpp).
#define QUARRY_DETAIL_BUILTIN_COLUMN_TYPES(X) \
  X(std::int16_t)                             \
  X(std::int32_t)                             \
  X(std::int64_t)                             \
  X(double)                                   \
  X(bool)                                     \
  X(std::string)                              \
  X(Decimal)                                  \
  X(Blob)                                     \
  X(Uuid)                                     \
  X(Json)                                     \
  X(Date)                                     \
  X(TimeOfDay)                                \
  X(Timestamp)                                \
  X(TimestampTz)                              \
  X(Interval)
#define QUARRY_DETAIL_COLUMN_TEMPLATES(EXTERN, T)                                               \
  EXTERN template void bind_value<T>(ParamWriter&, std::size_t, const T&);                      \
  EXTERN template void bind_value<std::optional<T>>(ParamWriter&, std::size_t,                  \
                                                    const std::optional<T>&);                   \
  EXTERN template Value to_value<T>(const T&);                                                  \
  EXTERN template Value to_value<std::optional<T>>(const std::optional<T>&);                    \
  EXTERN template T read_value<T>(const RowReader&, std::size_t);                               \
  EXTERN template std::optional<T> read_value<std::optional<T>>(const RowReader&, std::size_t); \
  EXTERN template void read_into<T>(const RowReader&, std::size_t, T&);                         \
  EXTERN template void read_into<std::optional<T>>(const RowReader&, std::size_t,               \
                                                   std::optional<T>&);                          \
  EXTERN template Value member_to_value<T>(const void*);                                        \
  EXTERN template Value member_to_value<std::optional<T>>(const void*);                         \
  EXTERN template void member_bind<T>(ParamWriter&, std::size_t, const void*);                  \
  EXTERN template void member_bind<std::optional<T>>(ParamWriter&, std::size_t, const void*);   \
  EXTERN template SqlType sql_type_of<T>();                                                     \
  EXTERN template SqlType sql_type_of<std::optional<T>>();
#if !defined(__OPTIMIZE__)
#define QUARRY_DETAIL_EXTERN_COLUMN_TEMPLATES(T) QUARRY_DETAIL_COLUMN_TEMPLATES(extern, T)
QUARRY_DETAIL_BUILTIN_COLUMN_TYPES(QUARRY_DETAIL_EXTERN_COLUMN_TEMPLATES)
#undef QUARRY_DETAIL_EXTERN_COLUMN_TEMPLATES
#endif

}  // namespace detail

}  // namespace quarry

/// Declares the names of an enum's values so that it is stored by name:
///   enum class Genre { rock, jazz };  QUARRY_ENUM(Genre, rock, jazz);
#define QUARRY_ENUM(Enum, ...)                                                        \
  [[maybe_unused]] inline constexpr auto quarry_enum_entries(const Enum*) {           \
    using quarry_enum_type = Enum;                                                    \
    return std::array{                                                                \
        QUARRY_PP_FOR_EACH(QUARRY_DETAIL_ENUM_ENTRY, quarry_enum_type, __VA_ARGS__)}; \
  }                                                                                   \
  static_assert(true, "")
#define QUARRY_DETAIL_ENUM_ENTRY(E, name) std::pair<E, std::string_view>{E::name, #name},

/// Declares a C++ enum as a database enum type named `type_name` (created by
/// create_tables on PostgreSQL, stored as text on SQLite), with its values'
/// names as QUARRY_ENUM takes them:
///   enum class Mood { sad, ok, happy };  QUARRY_DB_ENUM(Mood, mood, sad, ok, happy);
#define QUARRY_DB_ENUM(Enum, type_name, ...)                                            \
  QUARRY_ENUM(Enum, __VA_ARGS__);                                                       \
  [[maybe_unused]] inline constexpr std::string_view quarry_db_enum_name(const Enum*) { \
    return #type_name;                                                                  \
  }                                                                                     \
  static_assert(true, "")

#include <quarry/detail/preprocessor.hpp>
