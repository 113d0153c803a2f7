// Compiled at test time against a generated header (QUARRY_GENERATED_HEADER,
// namespace gen): the Schema of the generated models must equal the source
// Schema it was generated from (QUARRY_CODEGEN_SOURCE), and `->` must follow
// the generated keys. Prints what differs and exits 1 when anything does.
#include <iostream>

#include "codegen/sources.hpp"

#include QUARRY_GENERATED_HEADER

namespace {

int failures = 0;

template <class A, class B>
void expect_equal(const A& a, const B& b, const std::string& what) {
  if (!(a == b)) {
    std::cerr << "differs: " << what << "\n";
    ++failures;
  }
}

void compare(const quarry::Schema& source, const quarry::Schema& generated) {
  expect_equal(source.tables.size(), generated.tables.size(), "number of tables");
  for (const auto& s : source.tables) {
    const quarry::TableSchema* g = generated.find_table(s.name);
    if (!g) {
      std::cerr << "missing table " << s.name << "\n";
      ++failures;
      continue;
    }
    const std::string t = "table " + s.name + ": ";
    expect_equal(s.schema, g->schema, t + "schema");
    expect_equal(s.columns.size(), g->columns.size(), t + "number of columns");
    for (std::size_t i = 0; i < s.columns.size() && i < g->columns.size(); ++i)
      expect_equal(s.columns[i], g->columns[i], t + "column " + s.columns[i].name);
    expect_equal(s.primary_key, g->primary_key, t + "primary key");
    expect_equal(s.uniques, g->uniques, t + "unique constraints");
    expect_equal(s.foreign_keys, g->foreign_keys, t + "foreign keys");
    expect_equal(s.checks, g->checks, t + "checks");
    expect_equal(s.indexes, g->indexes, t + "indexes");
    expect_equal(s.comment, g->comment, t + "comment");
    expect_equal(s.is_view, g->is_view, t + "is_view");
    expect_equal(s.view_sql, g->view_sql, t + "view_sql");
  }
}

}  // namespace

int main() {
  // Exactly equal, except where Schema keeps what SQL does not: a C++ enum
  // column (enum_text/enum_integer) is generated as the text or integer it is.
  quarry::Schema source = qt::codegen_source(QUARRY_CODEGEN_SOURCE);
  for (auto& t : source.tables) {
    for (auto& c : t.columns) {
      if (c.type.kind == quarry::TypeKind::enum_text) c.type = {};
      if (c.type.kind == quarry::TypeKind::enum_integer) {
        c.type = {};
        c.type.kind = quarry::TypeKind::int32;
      }
    }
  }
  compare(qt::sorted_constraints(source), qt::sorted_constraints(gen::schema()));
#ifdef QUARRY_CODEGEN_SOURCE_test_models
  {
    // FK traversal through generated keys, and the generated models create
    // their tables in a fresh database.
    std::string sql = quarry::select(gen::ticket.concert->band_1->manager->name).sql();
    if (sql.find(R"(LEFT JOIN "manager" AS "ticket$concert$band_1$manager")") ==
        std::string::npos) {
      std::cerr << "-> did not join through the generated keys: " << sql << "\n";
      ++failures;
    }
    auto db = quarry::Database::open("sqlite://:memory:");
    quarry::create_tables_sync(db, gen::schema());
  }
#endif
#ifdef QUARRY_CODEGEN_SOURCE_feature_models
  {
    std::string sql = quarry::select(gen::track.album_id->artist_id->name).sql();
    if (sql.find(R"(LEFT JOIN "artist" AS "track$album_id$artist_id")") == std::string::npos) {
      std::cerr << "-> did not join through the generated keys: " << sql << "\n";
      ++failures;
    }
  }
#endif
  if (failures) std::cerr << failures << " difference(s)\n";
  return failures ? 1 : 0;
}
