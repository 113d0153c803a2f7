// Transactions, narrated: commit on return, rollback on throw (yours or a
// constraint's), savepoints for nested transactions, the same in a coroutine,
// and get_or_create's select-then-insert as one unit.
//
//   transactions            an in-memory database
//   transactions URL        any database URL (its playground tables are recreated)
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <stdexcept>
#include <string>

#include <quarry/quarry.hpp>

#include "playground_models.hpp"

using namespace quarry;
using namespace playground;

namespace {

std::int64_t bands(Session& s) {
  return select(band.id).count_sync(s);
}

// The awaitable form: the body is a coroutine, and the rule is the same.
Task<void> rename_in_coroutine(Database& db) {
  co_await db.transaction([&](Transaction& tx) -> Task<void> {
    co_await update(band).set(band.name, "The Pythonistas").where(band.id == 1).run(tx);
  });
}

}  // namespace

int main(int argc, char** argv) {
  const std::string url = argc > 1 ? argv[1] : "sqlite://:memory:";
  try {
    Database db = Database::open(url);
    drop_tables_sync(db, schema(), /*if_exists=*/true);
    create_tables_sync(db, schema());
    insert(manager).values(Manager{1, "Guido"}).run_sync(db);

    // 1. The body returns: COMMIT. Inside, statements run on `tx`, the
    //    transaction's own connection (on SQLite it began with BEGIN IMMEDIATE).
    db.transaction_sync([&](Transaction& tx) {
      insert(band).values(Band{1, "Pythonistas", 1, 1000}).run_sync(tx);
      insert(band).values(Band{2, "Rustaceans", std::nullopt, 900}).run_sync(tx);
    });
    std::cout << "1. committed: " << bands(db) << " bands\n";

    // 2. The body throws: ROLLBACK, and the exception goes on to the caller.
    try {
      db.transaction_sync([&](Transaction& tx) {
        delete_from(band).all_rows().run_sync(tx);
        std::cout << "2. inside the transaction: " << bands(tx) << " bands\n";
        throw std::runtime_error("the customer cancelled");
      });
    } catch (const std::runtime_error& e) {
      std::cout << "2. \"" << e.what() << "\": rolled back, " << bands(db) << " bands\n";
    }

    // 3. A statement fails: the constraint's exception rolls back the earlier
    //    insert too. Either both bands arrive or neither does.
    try {
      db.transaction_sync([&](Transaction& tx) {
        insert(band).values(Band{3, "C-Sharps", 1, 10}).run_sync(tx);
        insert(band).values(Band{4, "Pythonistas", 1, 5}).run_sync(tx);  // name is unique
      });
    } catch (const UniqueViolation& e) {
      std::cout << "3. unique violation on " << e.table() << '.' << e.column() << ": rolled back, "
                << bands(db) << " bands (C-Sharps is not there either)\n";
    }

    // 4. Nested transactions are savepoints: the inner one rolls back alone.
    db.transaction_sync([&](Transaction& tx) {
      insert(band).values(Band{5, "Gophers", std::nullopt, 300}).run_sync(tx);
      try {
        tx.transaction_sync([&](Transaction& inner) {
          std::cout << "4. savepoint at depth " << inner.depth() << '\n';
          update(band).set(band.popularity, 0).all_rows().run_sync(inner);
          throw std::runtime_error("not this part");
        });
      } catch (const std::runtime_error&) {
        std::cout << "4. the savepoint rolled back; the outer transaction goes on\n";
      }
    });
    for (const auto& [name, popularity] :
         select(band.name, band.popularity).order_by(band.id).run_sync(db)) {
      std::cout << "   " << name << ' ' << popularity << '\n';
    }

    // 5. The same in a coroutine, run here with run_sync().
    run_sync(rename_in_coroutine(db));
    std::cout << "5. renamed in a coroutine's transaction: "
              << select(band.name).where(band.id == 1).values_sync(db).at(0) << '\n';

    // 6. get_or_create: the lookup and the insert happen in one transaction.
    auto [zig, created] =
        objects(band).get_or_create_sync(db, band.name == "Ziggurats", Band{0, "Ziggurats", 1, 42});
    auto again = objects(band).get_or_create_sync(db, band.name == "Ziggurats", Band{});
    std::cout << "6. get_or_create: id " << zig.id << (created ? " created" : " found")
              << ", then id " << again.first.id << (again.second ? " created" : " found") << '\n';
  } catch (const std::exception& e) {
    std::cerr << "transactions: " << e.what() << '\n';
    return EXIT_FAILURE;
  }
  return EXIT_SUCCESS;
}
