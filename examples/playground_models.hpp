// The playground schema of Piccolo (managers, bands, venues, concerts,
// tickets), declared once as Quarry models. Shared by the showcase example,
// the tests and the docs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <quarry/quarry.hpp>

namespace playground {

enum class TicketType { standing, seated, premium };
QUARRY_ENUM(TicketType, standing, seated, premium);

struct Manager {
  std::int64_t id{};
  std::string name;
};
QUARRY_TABLE(Manager, manager, (id, quarry::primary_key),
             (name, quarry::varchar(50), quarry::unique));

struct Band {
  std::int64_t id{};
  std::string name;
  std::optional<std::int64_t> manager;  // a band may have no manager
  std::int32_t popularity{};
};
QUARRY_TABLE(Band, band, (id, quarry::primary_key), (name, quarry::varchar(50), quarry::unique),
             (manager, quarry::references(manager.id).on_delete(quarry::set_null)),
             (popularity, quarry::index, quarry::default_(0)));
QUARRY_TABLE_CONSTRAINTS(band, check("band_popularity_not_negative", band.popularity >= 0));

struct Venue {
  std::int64_t id{};
  std::string name;
  std::int32_t capacity{};
};
QUARRY_TABLE(Venue, venue, (id, quarry::primary_key), (name, quarry::varchar(100)),
             (capacity, quarry::default_(0)));

struct Concert {
  std::int64_t id{};
  std::int64_t band_1{};
  std::int64_t band_2{};
  std::int64_t venue{};
  quarry::Timestamp starts{};
};
QUARRY_TABLE(Concert, concert, (id, quarry::primary_key),
             (band_1, quarry::references(band.id).on_delete(quarry::cascade)),
             (band_2, quarry::references(band.id).on_delete(quarry::cascade)),
             (venue, quarry::references(venue.id).on_delete(quarry::cascade)), (starts));

struct Ticket {
  std::int64_t id{};
  std::int64_t concert{};
  quarry::Decimal price;
  TicketType ticket_type{TicketType::standing};
};
QUARRY_TABLE(Ticket, ticket, (id, quarry::primary_key),
             (concert, quarry::references(concert.id).on_delete(quarry::cascade)),
             (price, quarry::numeric(5, 2)),
             (ticket_type, quarry::default_(std::string("standing"))));

/// The whole playground schema, for create_tables().
inline quarry::Schema schema() {
  return quarry::schema_of(manager, band, venue, concert, ticket);
}

}  // namespace playground
