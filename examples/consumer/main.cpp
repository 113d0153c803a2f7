// Checks that an installed Quarry can be found, compiled against and linked
// the way a user's project does it: one include, a table declared in C++,
// created, filled and queried on an in-memory SQLite database. Prints
// "consumer ok" when the rows come back as written.
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <tuple>
#include <vector>

#include <quarry/quarry.hpp>

struct Note {
  std::int64_t id{};
  std::string text;
  std::int32_t stars{};
};
QUARRY_TABLE(Note, note, (id, primary_key), (text, varchar(100), unique), (stars, default_(0)));

int main() {
  try {
    auto db = quarry::Database::open("sqlite://:memory:");
    quarry::create_tables_sync(db, quarry::schema_of(note));

    const std::vector<Note> notes{{0, "installed", 3}, {0, "found by cmake", 5}};
    quarry::insert(note).rows(notes).run_sync(db);

    auto rows =
        quarry::select(note.text, note.stars).where(note.stars > 4).order_by(note.id).run_sync(db);
    const std::vector<std::tuple<std::string, std::int32_t>> expected{{"found by cmake", 5}};
    if (rows != expected || quarry::select(note.id).count_sync(db) != 2) {
      std::cerr << "consumer failed: unexpected rows from " << quarry::select(note.text).sql()
                << '\n';
      return EXIT_FAILURE;
    }
  } catch (const std::exception& e) {
    std::cerr << "consumer failed: " << e.what() << '\n';
    return EXIT_FAILURE;
  }
  std::cout << "consumer ok\n";
  return EXIT_SUCCESS;
}
