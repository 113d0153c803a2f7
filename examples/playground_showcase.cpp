// The Quarry showcase: the Piccolo playground (managers, bands, venues,
// concerts, tickets) on embedded SQLite, and a tour of the query builder and
// the light ORM over it. Every step prints a heading, the SQL it runs with its
// bound values, and what came back.
//
//   playground_showcase              ./playground.db, recreated on each run
//   playground_showcase --memory     an in-memory database
//   playground_showcase URL          any database URL (its playground tables are recreated)
//
// scripts/run-example.sh builds and runs this program.
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <quarry/quarry.hpp>

#include "playground_models.hpp"

using namespace quarry;
using namespace playground;
using namespace std::chrono_literals;

namespace {

// --- Printing ----------------------------------------------------------------
// Small helpers that turn typed results into text; nothing Quarry-specific
// happens here, so skip ahead to main() for the tour.

std::string text(const std::string& v) {
  return v;
}
std::string text(bool v) {
  return v ? "true" : "false";
}
template <class I>
requires std::is_integral_v<I> std::string text(I v) {
  return std::to_string(v);
}
std::string text(double v) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << v;
  return out.str();
}
std::string text(const Decimal& v) {
  return v.str();
}
std::string text(TicketType v) {
  return std::string(SqlTraits<TicketType>::name_of(v));
}
std::string text(const Timestamp& v) {
  auto day = std::chrono::floor<std::chrono::days>(v);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss<std::chrono::microseconds> hms{v - day};
  std::ostringstream out;
  out << std::setfill('0') << static_cast<int>(ymd.year()) << '-' << std::setw(2)
      << static_cast<unsigned>(ymd.month()) << '-' << std::setw(2)
      << static_cast<unsigned>(ymd.day()) << ' ' << std::setw(2) << hms.hours().count() << ':'
      << std::setw(2) << hms.minutes().count();
  return out.str();
}
template <class T>
std::string text(const std::optional<T>& v) {
  return v ? text(*v) : "NULL";
}

// One row as cells: a tuple's elements, or a single value.
template <class Row>
std::vector<std::string> cells(const Row& row) {
  if constexpr (requires { std::tuple_size<Row>::value; }) {
    return std::apply([](const auto&... v) { return std::vector<std::string>{text(v)...}; }, row);
  } else {
    return {text(row)};
  }
}
std::vector<std::string> cells(const Band& b) {
  return {text(b.id), b.name, text(b.manager), text(b.popularity)};
}
std::vector<std::string> cells(const Venue& v) {
  return {text(v.id), v.name, text(v.capacity)};
}

// Prints rows as a small aligned table under their column headers.
template <class Rows>
void print_table(const std::vector<std::string>& headers, const Rows& rows) {
  std::vector<std::vector<std::string>> table{headers};
  for (const auto& row : rows) table.push_back(cells(row));
  std::vector<std::size_t> width(headers.size(), 0);
  for (const auto& r : table) {
    for (std::size_t i = 0; i < r.size() && i < width.size(); ++i)
      width[i] = std::max(width[i], r[i].size());
  }
  auto line = [&](const std::vector<std::string>& r) {
    std::string out = " ";
    for (std::size_t i = 0; i < r.size() && i < width.size(); ++i) {
      out += ' ' + r[i] + std::string(width[i] - r[i].size(), ' ') + " |";
    }
    out.pop_back();
    while (!out.empty() && out.back() == ' ') out.pop_back();
    std::cout << out << '\n';
  };
  line(table[0]);
  std::string rule = " ";
  for (std::size_t w : width) rule += ' ' + std::string(w, '-') + " +";
  rule.pop_back();
  rule.pop_back();
  std::cout << rule << '\n';
  for (std::size_t i = 1; i < table.size(); ++i) line(table[i]);
  std::cout << "  (" << rows.size() << (rows.size() == 1 ? " row)\n" : " rows)\n");
}

int step = 0;
void heading(std::string_view title) {
  std::cout << "\n== " << ++step << ". " << title << '\n';
}
void show_sql(const std::string& sql) {
  std::cout << "  SQL: " << sql << '\n';
}
void say(const std::string& what) {
  std::cout << "  " << what << '\n';
}

// --- The playground's data -----------------------------------------------------

Timestamp at(std::chrono::year_month_day day, std::chrono::hours hour) {
  return Timestamp(std::chrono::local_days(day) + hour);
}

// Fills every table in one transaction: one prepared INSERT per table, bound
// once per row struct (the executemany path). Either all of it lands or none.
void fill(Database& db) {
  using namespace std::chrono;
  const std::vector<Manager> managers{{1, "Guido"}, {2, "Graydon"}, {3, "Mads"}, {4, "Bjarne"}};
  const std::vector<Band> bands{
      {1, "Pythonistas", 1, 1000}, {2, "Rustaceans", 2, 2000}, {3, "C-Sharps", 3, 10},
      {4, "Templatists", 4, 800},  {5, "Borrowers", 2, 650},   {6, "Segfaults", std::nullopt, 5},
  };
  const std::vector<Venue> venues{
      {1, "Amazing Venue", 5000}, {2, "The Pit", 300}, {3, "Riverside Hall", 1200}};
  const std::vector<Concert> concerts{
      {1, 1, 2, 1, at(2024y / June / 14, 20h)},  {2, 2, 5, 3, at(2024y / June / 21, 19h)},
      {3, 3, 6, 2, at(2024y / July / 5, 21h)},   {4, 4, 1, 1, at(2024y / July / 12, 20h)},
      {5, 5, 4, 3, at(2024y / August / 2, 18h)},
  };
  std::vector<Ticket> tickets;
  const char* prices[] = {"45.00", "79.50", "120.00"};
  const TicketType types[] = {TicketType::standing, TicketType::seated, TicketType::premium};
  for (std::int64_t c = 1; c <= 5; ++c) {
    for (int i = 0; i < 6; ++i) {  // ids left at 0: the database numbers them
      tickets.push_back(Ticket{0, c, Decimal(prices[i % 3]), types[i % 3]});
    }
  }

  db.transaction_sync([&](Transaction& tx) {
    insert(manager).rows(managers).run_sync(tx);
    insert(band).rows(bands).run_sync(tx);
    insert(venue).rows(venues).run_sync(tx);
    insert(concert).rows(concerts).run_sync(tx);
    insert(ticket).rows(tickets).run_sync(tx);
  });
}

// --- The async half ----------------------------------------------------------------

// Every query has two faces: run(db) returns a Task<T> (an Asio awaitable) to
// co_await inside a coroutine, and run_sync(db) blocks the calling thread.
// On SQLite the statement runs on the connection's worker thread, so the
// event loop stays free while it does.
Task<void> async_tour(Database& db) {
  auto busiest = select(concert.venue->name, count().as("concerts"))
                     .group_by(concert.venue->name)
                     .order_by(count().desc(), concert.venue->name);
  show_sql(busiest.sql());
  auto rows = co_await busiest.run(db);  // the same query, awaited
  print_table({"venue", "concerts"}, rows);

  std::int64_t premium =
      co_await select(ticket.id).where(ticket.ticket_type == TicketType::premium).count(db);
  say("premium tickets (co_await ...count(db)): " + std::to_string(premium));

  // Writes and transactions await the same way.
  co_await db.transaction([&](Transaction& tx) -> Task<void> {
    co_await update(venue).set(venue.capacity, venue.capacity + 50).where(venue.id == 2).run(tx);
  });
  auto pit = co_await objects(venue).get(db, 2);
  say("The Pit after an awaited transaction: capacity " + text(pit->capacity));
}

}  // namespace

int main(int argc, char** argv) {
  // Which database: ./playground.db by default, recreated on each run.
  std::string url = "sqlite:///playground.db";
  if (argc > 1 && std::string_view(argv[1]) == "--memory") {
    url = "sqlite://:memory:";
  } else if (argc > 1) {
    url = argv[1];
  } else {
    std::filesystem::remove("playground.db");
  }

  try {
    // A Database is a cheap handle to a pool of connections for one URL.
    Database db = Database::open(url);
    std::cout << "Quarry playground on " << url << '\n';

    // CREATE TABLE for every model of playground_models.hpp, referenced tables
    // first, in one transaction. Dropping first makes a rerun start clean.
    drop_tables_sync(db, schema(), /*if_exists=*/true);
    create_tables_sync(db, schema());
    fill(db);
    say("created manager, band, venue, concert, ticket and filled them in one transaction");

    // --- Reading ---------------------------------------------------------------

    heading("select with where, order_by and limit: typed rows");
    // The columns are objects: a misspelt name or `band.popularity > "x"` does
    // not compile. The value 100 travels as a bound parameter, never as text.
    auto popular = select(band.name, band.popularity)
                       .where(band.popularity > 100)
                       .order_by(band.popularity.desc())
                       .limit(3);
    show_sql(popular.sql());
    // std::vector<std::tuple<std::string, std::int32_t>>
    print_table({"band", "popularity"}, popular.run_sync(db));

    heading("following foreign keys with ->: joins written for you");
    // band.manager is a nullable foreign key, so its LEFT JOIN can yield NULL:
    // nullable() reads the name into a std::optional<std::string>.
    auto managed = select(band.name, nullable(band.manager->name)).order_by(band.name);
    show_sql(managed.sql());
    print_table({"band", "manager"}, managed.run_sync(db));

    // Two hops: a concert's first band, and that band's manager.
    auto lineup = select(concert.starts, concert.band_1->name,
                         nullable(concert.band_1->manager->name), concert.venue->name)
                      .order_by(concert.starts);
    show_sql(lineup.sql());
    print_table({"starts", "headliner", "their manager", "venue"}, lineup.run_sync(db));

    heading("json(): a JSON array written straight from the driver's rows");
    // No intermediate objects: keys are the column names (joined columns keep
    // their path), decimals stay exact, timestamps are ISO 8601, enums by name.
    auto tickets_json = select(ticket.concert->band_1->name, ticket.concert->starts, ticket.price,
                               ticket.ticket_type)
                            .where(ticket.concert == 1 && ticket.ticket_type != TicketType::seated)
                            .order_by(ticket.id)
                            .limit(3);
    show_sql(tickets_json.sql());
    std::cout << "  " << tickets_json.json_sync(db) << '\n';

    heading("values(): one column as a flat std::vector");
    auto names = select(band.name).where(band.name.like("%s")).order_by(band.name);
    show_sql(names.sql());
    std::string joined;
    for (const std::string& n : names.values_sync(db)) joined += (joined.empty() ? "" : ", ") + n;
    say("[" + joined + "]");

    heading("first(): one row struct, or nullopt");
    auto rustaceans = select(band).where(band.name == "Rustaceans");
    show_sql(rustaceans.sql() + "   (first() adds LIMIT 1)");
    if (std::optional<Band> b = rustaceans.first_sync(db)) {
      print_table({"id", "name", "manager", "popularity"}, std::vector<Band>{*b});
    }
    bool none = !select(band).where(band.name == "ABBA").first_sync(db).has_value();
    say(std::string("select(band).where(band.name == \"ABBA\").first_sync(db) is nullopt: ") +
        text(none));

    heading("count() and exists()");
    auto big_venues = select(venue.id).where(venue.capacity >= 1000);
    show_sql(big_venues.sql());
    say("count: " + text(big_venues.count_sync(db)));
    say("exists a venue over 10000 seats: " +
        text(select(venue.id).where(venue.capacity > 10000).exists_sync(db)));

    heading("aggregates with group_by: bands per manager");
    auto per_manager = select(manager.name, count(band.id).as("bands"), sum(band.popularity))
                           .join(band, band.manager == manager.id)
                           .group_by(manager.name)
                           .having(count(band.id) >= 1)
                           .order_by(count(band.id).desc(), manager.name);
    show_sql(per_manager.sql());
    print_table({"manager", "bands", "total popularity"}, per_manager.run_sync(db));

    // Enums group by name; min() of an exact decimal stays a Decimal, avg() is a double.
    auto per_type = select(ticket.ticket_type, count(), min(ticket.price), avg(ticket.price))
                        .group_by(ticket.ticket_type)
                        .order_by(ticket.ticket_type);
    show_sql(per_type.sql());
    print_table({"ticket type", "sold", "cheapest", "average"}, per_type.run_sync(db));

    // --- Writing ---------------------------------------------------------------

    heading("set-based update: band.popularity + 10, one statement, no rows loaded");
    auto boost =
        update(band).set(band.popularity, band.popularity + 10).where(band.manager.is_not_null());
    show_sql(boost.sql());
    say("rows affected: " + text(boost.run_sync(db).rows_affected));
    print_table({"band", "popularity"},
                select(band.name, band.popularity).order_by(band.id).limit(3).run_sync(db));

    heading("upsert: insert, or on conflict update");
    // "Pythonistas" exists (band.name is unique), so this adds to its
    // popularity instead of failing; "Gophers" is new and is inserted.
    for (const char* name : {"Pythonistas", "Gophers"}) {
      auto upsert =
          insert(band)
              .values(Band{0, name, std::nullopt, 100})
              .on_conflict(band.name)
              .do_update_set(band.popularity, band.popularity + excluded(band.popularity));
      show_sql(upsert.sql());
      upsert.run_sync(db);
    }
    // do_update(columns...) is the short form: SET column = excluded.column.
    auto capacity = insert(venue)
                        .values(Venue{2, "The Pit", 350})
                        .on_conflict(venue.id)
                        .do_update(venue.name, venue.capacity);
    show_sql(capacity.sql());
    capacity.run_sync(db);
    print_table({"band", "popularity"}, select(band.name, band.popularity)
                                            .where(band.name.in_({"Pythonistas", "Gophers"}))
                                            .order_by(band.name)
                                            .run_sync(db));

    heading("objects(): the light ORM over plain structs");
    auto venues = objects(venue);
    std::optional<Venue> amazing = venues.get_sync(db, 1);  // by primary key
    say("get(1): " + amazing->name + ", capacity " + text(amazing->capacity));

    amazing->capacity = 5500;  // change the struct, then save it: an UPDATE by key
    venues.save_sync(db, *amazing);
    Venue garage{0, "The Garage", 150};  // id 0: save() inserts and fills in the new id
    venues.save_sync(db, garage);
    say("save(): updated Amazing Venue, inserted The Garage with id " + text(garage.id));

    auto [jazz_cellar, created] =
        venues.get_or_create_sync(db, venue.name == "Jazz Cellar", Venue{0, "Jazz Cellar", 80});
    say("get_or_create(Jazz Cellar): id " + text(jazz_cellar.id) +
        (created ? ", created" : ", found"));
    auto again = venues.get_or_create_sync(db, venue.name == "Jazz Cellar", Venue{});
    say("get_or_create(Jazz Cellar) again: id " + text(again.first.id) +
        (again.second ? ", created" : ", found"));

    say("remove(The Garage): " + text(venues.remove_sync(db, garage)));
    // objects() is a select of the whole struct: where/order_by/run all apply.
    print_table({"id", "name", "capacity"}, venues.order_by(venue.id).run_sync(db));

    heading("a transaction rolls back when its body throws");
    auto ticket_count = [&] { return select(ticket.id).count_sync(db); };
    say("tickets before: " + text(ticket_count()));
    try {
      db.transaction_sync([&](Transaction& tx) {
        // Inside the body, run on tx: it holds the transaction's connection.
        insert(ticket).values(Ticket{0, 2, Decimal("99.99"), TicketType::premium}).run_sync(tx);
        delete_from(ticket).where(ticket.concert == 1).run_sync(tx);
        say("inside: " + text(select(ticket.id).count_sync(tx)) + " tickets");
        throw std::runtime_error("payment provider unavailable");
      });
    } catch (const std::runtime_error& e) {
      say(std::string("the body threw \"") + e.what() + "\"; rolled back");
    }
    say("tickets after: " + text(ticket_count()) + " (unchanged)");

    heading("a frozen query: compiled once, prepared once per connection, run many times");
    // param<T>(n) is a typed placeholder filled in when the frozen query runs.
    auto by_popularity = select(band.name, band.popularity)
                             .where(band.popularity >= param<std::int32_t>(0))
                             .order_by(band.popularity.desc())
                             .freeze();
    show_sql(by_popularity.sql());
    for (std::int32_t floor : {1000, 600}) {
      say("run_sync(db, " + text(floor) + "):");
      print_table({"band", "popularity"}, by_popularity.run_sync(db, floor));
    }

    heading("coroutines: co_await q.run(db) inside asio::co_spawn");
    boost::asio::io_context io;
    boost::asio::co_spawn(io, async_tour(db), [](std::exception_ptr e) {
      if (e) std::rethrow_exception(e);
    });
    io.run();
    // run_sync(task) does the same for one task on a private event loop.
    std::string top =
        run_sync(select(band.name).order_by(band.popularity.desc()).limit(1).json(db));
    say("run_sync(select(...).json(db)): " + top);

    heading("an error on purpose: a unique violation");
    try {
      insert(manager).values(Manager{0, "Guido"}).run_sync(db);  // manager.name is unique
    } catch (const UniqueViolation& e) {
      // The message names the constraint and the value; the facts are fields too.
      std::istringstream lines(e.what());
      for (std::string l; std::getline(lines, l);) say("| " + l);
      say("table() = \"" + e.table() + "\", column() = \"" + e.column() + "\", code() = \"" +
          e.code() + "\"");
    }

    if (argc == 1)
      std::cout << "\nDone: playground.db holds the playground (try: sqlite3 playground.db).\n";
  } catch (const std::exception& e) {
    std::cerr << "playground_showcase: " << e.what() << '\n';
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
