// JSON for a web handler: a tiny REST-style router over the playground whose
// responses are built by json(), which writes the JSON text straight from
// SQLite's row buffers (no row structs, no DOM). The handler is a coroutine,
// as it would be behind Boost.Beast; here main() feeds it a few requests.
//
//   json_api              an in-memory database
//   json_api URL          any database URL (its playground tables are recreated)
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <quarry/quarry.hpp>

#include "playground_models.hpp"

using namespace quarry;
using namespace playground;
using namespace std::chrono_literals;

namespace {

struct Response {
  int status = 200;
  std::string body;
};

std::optional<std::int64_t> to_int(std::string_view text) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

std::string error_body(std::string_view message) {
  std::string out = "{\"error\":\"";
  for (char c : message) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"}";
}

// GET /bands?min=N        bands with popularity >= N, with their manager's name
// GET /bands/ID           one band, or 404
// GET /concerts           the concert list: ISO 8601 times, joined names
// GET /tickets/summary    per ticket type: count and the cheapest price (an exact decimal)
// POST /bands NAME        creates a band; 409 when the name is taken
Task<Response> handle(Database& db, std::string_view method, std::string_view target) {
  if (method == "GET" && target.starts_with("/bands?min=")) {
    auto min = to_int(target.substr(11));
    if (!min) co_return Response{400, error_body("min must be an integer")};
    // Column keys become JSON keys; a column reached through -> keeps its path
    // ("manager.name"), and .as() names an expression.
    std::string body = co_await select(band.id, band.name, band.popularity,
                                       nullable(band.manager->name).as("manager"))
                           .where(band.popularity >= *min)
                           .order_by(band.popularity.desc())
                           .json(db);
    // Awaited into a variable first: GCC 12 mishandles a co_await inside a
    // braced initializer (see docs/async.md).
    co_return Response{200, std::move(body)};
  }
  if (method == "GET" && target.starts_with("/bands/")) {
    auto id = to_int(target.substr(7));
    if (!id) co_return Response{400, error_body("the band id must be an integer")};
    std::string rows = co_await select(band).where(band.id == *id).json(db);
    if (rows == "[]") co_return Response{404, error_body("no band " + std::to_string(*id))};
    co_return Response{200, rows.substr(1, rows.size() - 2)};  // the one object, unwrapped
  }
  if (method == "GET" && target == "/concerts") {
    std::string body = co_await select(concert.id, concert.starts, concert.band_1->name,
                                       concert.band_2->name, concert.venue->name)
                           .order_by(concert.starts)
                           .json(db);
    co_return Response{200, std::move(body)};
  }
  if (method == "GET" && target == "/tickets/summary") {
    std::string body =
        co_await select(ticket.ticket_type, count().as("sold"), min(ticket.price).as("cheapest"))
            .group_by(ticket.ticket_type)
            .order_by(ticket.ticket_type)
            .json(db);
    co_return Response{200, std::move(body)};
  }
  if (method == "POST" && target.starts_with("/bands ")) {
    Band fresh{0, std::string(target.substr(7)), std::nullopt, 0};
    try {
      co_await objects(band).save(db, fresh);  // fills in fresh.id
    } catch (const UniqueViolation& e) {
      co_return Response{409, error_body("a band named \"" + fresh.name + "\" exists (" +
                                         e.table() + "." + e.column() + " is unique)")};
    }
    std::string rows = co_await select(band).where(band.id == fresh.id).json(db);
    co_return Response{201, rows.substr(1, rows.size() - 2)};
  }
  co_return Response{404,
                     error_body("no route for " + std::string(method) + " " + std::string(target))};
}

void fill(Database& db) {
  using namespace std::chrono;
  const std::vector<Manager> managers{{1, "Guido"}, {2, "Graydon"}};
  const std::vector<Band> bands{
      {1, "Pythonistas", 1, 1000}, {2, "Rustaceans", 2, 2000}, {3, "C-Sharps", std::nullopt, 10}};
  const std::vector<Venue> venues{{1, "Amazing Venue", 5000}};
  const std::vector<Concert> concerts{
      {1, 1, 2, 1, Timestamp(local_days(2024y / June / 14) + 20h)},
      {2, 2, 3, 1, Timestamp(local_days(2024y / June / 21) + 19h + 30min)}};
  const std::vector<Ticket> tickets{{0, 1, Decimal("45.00"), TicketType::standing},
                                    {0, 1, Decimal("120.50"), TicketType::premium},
                                    {0, 2, Decimal("39.99"), TicketType::standing}};
  db.transaction_sync([&](Transaction& tx) {
    insert(manager).rows(managers).run_sync(tx);
    insert(band).rows(bands).run_sync(tx);
    insert(venue).rows(venues).run_sync(tx);
    insert(concert).rows(concerts).run_sync(tx);
    insert(ticket).rows(tickets).run_sync(tx);
  });
}

}  // namespace

int main(int argc, char** argv) {
  const std::string url = argc > 1 ? argv[1] : "sqlite://:memory:";
  try {
    Database db = Database::open(url);
    drop_tables_sync(db, schema(), /*if_exists=*/true);
    create_tables_sync(db, schema());
    fill(db);

    const std::pair<std::string_view, std::string_view> requests[] = {
        {"GET", "/bands?min=500"},     {"GET", "/bands/3"},         {"GET", "/bands/42"},
        {"GET", "/concerts"},          {"GET", "/tickets/summary"}, {"POST", "/bands Gophers"},
        {"POST", "/bands Rustaceans"}, {"GET", "/bands?min=lots"},
    };
    for (const auto& [method, target] : requests) {
      // run_sync() stands in for the server's event loop here.
      Response r = run_sync(handle(db, method, target));
      std::cout << method << ' ' << target << "  ->  " << r.status << '\n' << r.body << "\n\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "json_api: " << e.what() << '\n';
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
