// Many queries at once on one thread: 50 coroutines, each a small "request"
// that reads and writes the playground, all driven by one io_context. SQLite
// work runs on each pooled connection's worker thread, so while one query
// waits for its rows the loop keeps starting and finishing the others.
//
//   async_queries              an in-memory database (one connection: the tasks take turns)
//   async_queries URL          e.g. sqlite:///async.db?pool_size=8 (the tasks overlap)
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <quarry/quarry.hpp>

#include "playground_models.hpp"

using namespace quarry;
using namespace playground;

namespace {

// The schema and a few rows, set up with the blocking API before the loop starts:
// plain code may mix both forms freely.
void set_up(Database& db) {
  drop_tables_sync(db, schema(), /*if_exists=*/true);
  create_tables_sync(db, schema());
  const std::vector<Manager> managers{{1, "Guido"}, {2, "Graydon"}};
  std::vector<Band> bands;
  for (std::int64_t i = 1; i <= 10; ++i) {
    bands.push_back(
        Band{i, "Band " + std::to_string(i), 1 + i % 2, static_cast<std::int32_t>(i * 100)});
  }
  db.transaction_sync([&](Transaction& tx) {
    insert(manager).rows(managers).run_sync(tx);
    insert(band).rows(bands).run_sync(tx);
  });
}

std::atomic<int> in_flight{0};
std::atomic<int> most_in_flight{0};

// One "request": a read, a set-based write, and a read in a transaction. Each
// co_await suspends this coroutine only; the loop runs other tasks meanwhile.
Task<std::int64_t> request(Database& db, std::int64_t n) {
  int now = ++in_flight;
  for (int seen = most_in_flight; now > seen && !most_in_flight.compare_exchange_weak(seen, now);) {
  }

  std::int64_t band_id = 1 + n % 10;
  std::optional<Band> b = co_await objects(band).get(db, band_id);
  co_await update(band).set(band.popularity, band.popularity + 1).where(band.id == band_id).run(db);

  std::int64_t total = 0;
  co_await db.transaction([&](Transaction& tx) -> Task<void> {
    auto sum_popularity = co_await select(sum(band.popularity))
                              .where(band.manager == b->manager.value_or(0))
                              .values(tx);
    total = sum_popularity.at(0).value_or(0);
  });

  --in_flight;
  co_return total;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string url = argc > 1 ? argv[1] : "sqlite://:memory:";
  try {
    Database db = Database::open(url);
    set_up(db);

    // Start every task, then run the loop: one thread drives them all. The
    // completion handler of each co_spawn receives its result or exception.
    constexpr int tasks = 50;
    boost::asio::io_context io;
    int done = 0;
    std::exception_ptr failure;
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < tasks; ++i) {
      boost::asio::co_spawn(io, request(db, i), [&](std::exception_ptr e, std::int64_t) {
        if (e && !failure) failure = e;
        ++done;
      });
    }
    io.run();
    if (failure) std::rethrow_exception(failure);
    auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);

    std::cout << done << " tasks finished on one thread in " << took.count() << " ms; at most "
              << most_in_flight
              << " were under way at once (running or waiting for a connection)\n";

    // Every task added 1 to one band's popularity: 50 more in all. The same
    // check as a blocking call, and as a task run by run_sync().
    auto total = select(sum(band.popularity));
    std::cout << total.sql() << "\n  blocking:         " << total.values_sync(db).at(0).value_or(0)
              << "\n  run_sync(task):   " << run_sync(total.values(db)).at(0).value_or(0)
              << "\n  (5500 at the start + " << tasks << ")\n";
  } catch (const std::exception& e) {
    std::cerr << "async_queries: " << e.what() << '\n';
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
