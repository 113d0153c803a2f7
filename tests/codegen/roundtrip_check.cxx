// Step two of the codegen round trip, compiled at test time against the
// generated header (QUARRY_GENERATED_HEADER, namespace gen): the corpus
// schema is created from its SQL in one fresh database and from the generated
// models in another, and the two reflections must be equivalent. Every
// difference is printed; any is a failure.
//   check <sqlite|postgresql> <corpus.sql>
#include <iostream>

#include <quarry/schema/compare.hpp>

#include "codegen/roundtrip.hpp"

#include QUARRY_GENERATED_HEADER

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: check <sqlite|postgresql> <corpus.sql>\n";
    return 2;
  }
  try {
    const std::string backend = argv[1];
    quarry::Schema from_sql = qt::roundtrip::reflect_corpus(backend, argv[2]);
    quarry::Schema models = gen::schema();
    // The namespaces the models live in exist before their tables do.
    std::vector<std::string> namespaces;
    for (const auto& t : models.tables) {
      if (!t.schema.empty() &&
          std::find(namespaces.begin(), namespaces.end(), t.schema) == namespaces.end())
        namespaces.push_back(t.schema);
    }
    qt::roundtrip::FreshDatabase fresh(backend, namespaces);
    quarry::create_tables_sync(fresh.db(), models);
    quarry::Schema from_models = fresh.reflect();
    int failures = 0;
    for (const auto& d : quarry::schema_differences(from_sql, from_models)) {
      std::cerr << "lost in the round trip: " << d << "\n";
      ++failures;
    }
#ifdef QUARRY_CORPUS_music
    // Keys generated as references(...) are followed by ->.
    std::string sql = quarry::select(gen::track.album_id->artist_id->name).sql();
    if (sql.find(R"(LEFT JOIN "artist" AS "track$album_id$artist_id")") == std::string::npos) {
      std::cerr << "-> does not follow the generated keys: " << sql << "\n";
      ++failures;
    }
#endif
    if (failures) return 1;
    std::cout << backend << ": " << from_sql.tables.size() << " tables and views, equivalent\n";
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
