// Models written for the codegen tests: between them every construct the
// generator must carry over (renamed tables and columns, raw types,
// deferrable and composite keys, partial/expression/unique indexes, checks,
// comments, a view, a schema namespace) and every relationship it must
// recognise (many-to-one, one-to-one, many-to-many, self-reference,
// joined-table inheritance, a cycle of references).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <quarry/quarry.hpp>

namespace cgm {

struct Artist {
  std::int64_t id{};
  std::string name;
  std::optional<std::string> country;
};
QUARRY_TABLE(Artist, artist, (id, primary_key), (name, varchar(120), unique),
             (country, varchar(2), comment("ISO 3166 code")));
QUARRY_TABLE_CONSTRAINTS(artist, table_comment("Performers, one row each"));

struct Album {
  std::int64_t id{};
  std::string title;
  std::int64_t artist_id{};
  std::int16_t released{};
};
QUARRY_TABLE(Album, album, (id, primary_key), (title),
             (artist_id, references(artist.id).on_delete(cascade).on_update(cascade)),
             (released, index));
QUARRY_TABLE_CONSTRAINTS(album,
                         unique(album.artist_id, album.title).named("album_title_per_artist"),
                         check_sql("album_released_sane", R"("released" > 1900)"));

struct Track {
  std::int64_t id{};
  std::int64_t album_id{};
  std::string name;
  std::int32_t milliseconds{};
  quarry::Decimal price;
  std::string lyrics;
};
QUARRY_TABLE(Track, track, (id, primary_key),
             (album_id, references(album.id).on_delete(cascade).deferrable(true)), (name, index),
             (milliseconds, default_(0)), (price, numeric(6, 2), default_sql("0.99")),
             (lyrics, raw_type("tsvector")));
QUARRY_TABLE_CONSTRAINTS(track, index(track.milliseconds).where(R"("milliseconds" > 600000)"),
                         expression_index({R"(lower("name"))"}).named("ix_track_lower_name"),
                         unique_index(track.album_id, track.name).named("ux_track_album_name"));

struct Playlist {
  std::int64_t id{};
  std::string name;
};
QUARRY_TABLE(Playlist, playlist, (id, primary_key), (name));

/// Many-to-many: two keys and nothing else.
struct PlaylistTrack {
  std::int64_t playlist_id{};
  std::int64_t track_id{};
};
QUARRY_TABLE(PlaylistTrack, playlist_track,
             (playlist_id, references(playlist.id).on_delete(cascade)),
             (track_id, references(track.id).on_delete(cascade)));
QUARRY_TABLE_CONSTRAINTS(playlist_track,
                         primary_key(playlist_track.playlist_id, playlist_track.track_id));

/// Joined-table inheritance: employee extends person.
struct Person {
  std::int64_t id{};
  std::string name;
  quarry::Timestamp created{};
};
QUARRY_TABLE(Person, person, (id, primary_key), (name),
             (created, default_sql("CURRENT_TIMESTAMP")));

struct Employee {
  std::int64_t id{};
  std::optional<std::int64_t> reports_to;
  std::string title;
};
QUARRY_TABLE(Employee, employee, (id, references(person.id).on_delete(cascade)),
             (reports_to, references(employee.id).on_delete(set_null).named("employee_boss")),
             (title, default_(std::string("staff"))));
QUARRY_TABLE_CONSTRAINTS(employee, primary_key(employee.id));

/// One-to-one: a unique foreign key.
struct Profile {
  std::int64_t id{};
  std::int64_t person_id{};
  std::optional<std::string> bio;
};
QUARRY_TABLE(Profile, profile, (id, primary_key),
             (person_id, unique, references(person.id).on_delete(cascade)), (bio));

/// Names C++ cannot use as they are: a keyword table, keyword and camelCase
/// columns, a column named like a table object's own member.
struct Order {
  std::int64_t id{};
  std::string class_;
  std::int64_t user_id{};
  std::string sql_name_;
};
QUARRY_TABLE(Order, (order_, "order"), (id, primary_key), ((class_, "class")),
             ((user_id, "UserID"), references(person.id)),
             ((sql_name_, "sql_name"), default_(std::string(""))));

/// A composite key, referenced by a composite foreign key.
struct Seat {
  std::string hall;
  std::int32_t number{};
  bool accessible{};
};
QUARRY_TABLE(Seat, seat, (hall, varchar(10)), (number), (accessible, default_(false)));
QUARRY_TABLE_CONSTRAINTS(seat, primary_key(seat.hall, seat.number));

struct Booking {
  std::int64_t id{};
  std::string hall;
  std::int32_t seat_number{};
};
QUARRY_TABLE(Booking, booking, (id, primary_key), (hall, varchar(10)), (seat_number));
QUARRY_TABLE_CONSTRAINTS(booking, foreign_key(booking.hall, booking.seat_number)
                                      .references(seat.hall, seat.number)
                                      .on_delete(cascade)
                                      .deferrable());

/// A cycle: a team has a captain, a player belongs to a team.
struct Team {
  std::int64_t id{};
  std::optional<std::int64_t> captain_id;
};
QUARRY_TABLE(Team, team, (id, primary_key), (captain_id));

struct Player {
  std::int64_t id{};
  std::int64_t team_id{};
};
QUARRY_TABLE(Player, player, (id, primary_key), (team_id, references(team.id)));
QUARRY_TABLE_CONSTRAINTS(team,
                         foreign_key(team.captain_id).references(player.id).on_delete(set_null));

/// Two SQL names that map to the same C++ name (OrderItem).
struct OrderItem {
  std::int64_t id{};
};
QUARRY_TABLE(OrderItem, order_item, (id, primary_key));
struct OrderItemCamel {
  std::int64_t id{};
};
QUARRY_TABLE(OrderItemCamel, (order_item_camel, "OrderItem"), (id, primary_key));

/// In a schema namespace (PostgreSQL).
struct Invoice {
  std::int64_t id{};
  quarry::Decimal total;
};
QUARRY_TABLE(Invoice, invoice, (id, primary_key), (total, numeric(12, 2)));
QUARRY_TABLE_CONSTRAINTS(invoice, in_schema("sales"));

/// A view: a read-only model.
struct AlbumSummary {
  std::string title;
  std::optional<std::int64_t> tracks;
};
QUARRY_VIEW(AlbumSummary, album_summary, (title), (tracks));
QUARRY_TABLE_CONSTRAINTS(
    album_summary,
    view(
        R"(SELECT "album"."title", count("track"."id") AS "tracks" FROM "album" LEFT JOIN "track" ON "track"."album_id" = "album"."id" GROUP BY "album"."title")"));

inline quarry::Schema feature_schema() {
  return quarry::schema_of(artist, album, track, playlist, playlist_track, person, employee,
                           profile, order_, seat, booking, team, player, order_item,
                           order_item_camel, invoice, album_summary);
}

}  // namespace cgm
