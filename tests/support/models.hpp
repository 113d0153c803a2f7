// Models for the query, schema and SQL tests: the playground schema (shared
// with the examples), a table with one column of every supported type, a
// table with a composite key and table-level constraints, and a
// self-referencing table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <quarry/quarry.hpp>

#include "../../examples/playground_models.hpp"

namespace qt {

/// Stored by name (text).
enum class Color { red, green, blue };
QUARRY_ENUM(Color, red, green, blue);

/// Stored by its underlying value (integer): no QUARRY_ENUM.
enum class Level : std::int32_t { low = 1, high = 7 };

/// One column of every type Quarry maps, plus optionals of several.
struct Everything {
  std::int64_t id{};
  std::int16_t small{};
  std::int32_t medium{};
  std::int64_t big{};
  double real{};
  quarry::Decimal price;
  quarry::Decimal amount;
  std::string text;
  std::string code;
  bool flag{};
  quarry::Blob data;
  quarry::Date day{};
  quarry::TimeOfDay time{};
  quarry::Timestamp at{};
  quarry::TimestampTz at_tz{};
  quarry::Uuid uuid{};
  quarry::Json doc;
  Color color{Color::red};
  Level level{Level::low};
  std::optional<std::int32_t> maybe_int;
  std::optional<std::string> maybe_text;
  std::optional<quarry::Decimal> maybe_price;
  std::optional<quarry::Timestamp> maybe_at;
  std::optional<Color> maybe_color;
  std::optional<bool> maybe_flag;
};
QUARRY_TABLE(Everything, everything, (id, primary_key), (small), (medium), (big), (real),
             (price, numeric(10, 2)), (amount), (text), (code, varchar(20), unique), (flag), (data),
             (day), (time), (at), (at_tz), (uuid), (doc), (color), (level), (maybe_int),
             (maybe_text), (maybe_price), (maybe_at), (maybe_color), (maybe_flag));

/// A composite primary key and table-level constraints.
struct Seat {
  std::int64_t venue{};
  std::string row;
  std::int32_t number{};
  std::int32_t price_cents{};
  std::optional<std::string> label;
  bool accessible{};
  std::string note;
};
QUARRY_TABLE(Seat, seat,
             (venue, references(playground::venue.id).on_delete(cascade).on_update(restrict)),
             (row, varchar(4)), (number), (price_cents, default_(0)), (label),
             (accessible, default_(true)), (note, default_(std::string("it's free"))));
// quarry::index, qualified: an unqualified `index` is ambiguous with POSIX
// ::index from <strings.h> (see the BUG note in tests/schema/table_test.cpp).
QUARRY_TABLE_CONSTRAINTS(seat, primary_key(seat.venue, seat.row, seat.number),
                         unique(seat.venue, seat.label),
                         quarry::index(seat.venue, seat.price_cents),
                         check("seat_number_positive", seat.number > 0),
                         check("seat_row_not_x", seat.row != "x'y"));

/// A table that references itself.
struct Person {
  std::int64_t id{};
  std::string name;
  std::optional<std::int64_t> parent;
};
QUARRY_TABLE(Person, person, (id, primary_key), (name),
             (parent, references(person.id).on_delete(set_null)));

/// A table whose primary key is text: never auto-incremented.
struct Setting {
  std::string key;
  std::string value;
};
QUARRY_TABLE(Setting, setting, (key, primary_key), (value));

inline quarry::Schema test_schema() {
  return quarry::schema_of(playground::manager, playground::band, playground::venue,
                           playground::concert, playground::ticket, everything, seat, person,
                           setting);
}

}  // namespace qt
