// The TableSchema that QUARRY_TABLE builds from a model (types, nullability,
// keys, constraint names and actions, defaults), the DDL written from it for
// both dialects, dependency ordering, and creating the tables in SQLite.
#include <gtest/gtest.h>

#include <strings.h>  // POSIX ::index, which an unqualified `index` must not collide with

#include <algorithm>
#include <cstring>

#include <quarry/quarry.hpp>

#include "support/db.hpp"
#include "support/models.hpp"

// Models that must be rejected when their schema is first built.
namespace bad {
struct VarcharOnInt {
  std::int64_t id{};
  std::int32_t n{};
};
QUARRY_TABLE(VarcharOnInt, varchar_on_int, (id, primary_key), (n, varchar(3)));

struct TwoKeys {
  std::int64_t a{};
  std::int64_t b{};
};
QUARRY_TABLE(TwoKeys, two_keys, (a, primary_key), (b, primary_key));

struct NumericOnDouble {
  std::int64_t id{};
  double x{};
};
QUARRY_TABLE(NumericOnDouble, numeric_on_double, (id, primary_key), (x, numeric(5, 2)));
}  // namespace bad

// Unqualified constraint names at global scope, where `using namespace
// quarry` would make `index` ambiguous with POSIX ::index.
struct Gig {
  std::int64_t id{};
  std::string city;
  std::int32_t fee{};
  std::int32_t day{};
};
QUARRY_TABLE(Gig, gig, (id, primary_key), (city, varchar(40), index), (fee, indexed, default_(0)),
             (day));
QUARRY_TABLE_CONSTRAINTS(gig, index(gig.day, gig.fee), unique(gig.city, gig.day),
                         check("gig_fee_not_negative", gig.fee >= 0));

// The same under `using namespace std`, where `unique` is also std::unique;
// and a table named `comment` stays reachable by its name.
namespace uses_std {
using namespace std;
struct Comment {
  std::int64_t id{};
  string text;
  std::int32_t rank{};
};
QUARRY_TABLE(Comment, comment, (id, primary_key), (text, unique), (rank, index));
struct Reply {
  std::int64_t id{};
  std::int64_t comment{};
};
QUARRY_TABLE(Reply, reply, (id, primary_key),
             (comment, references(comment.id).on_delete(cascade), index));
QUARRY_TABLE_CONSTRAINTS(reply, unique(reply.id, reply.comment), index(reply.comment, reply.id));
}  // namespace uses_std

// PostgreSQL's own kinds of column and index: json vs jsonb, access methods
// and operator classes, a key to a table of another namespace.
namespace pg_kinds {
struct Area {
  std::int64_t id{};
  std::string name;
};
QUARRY_TABLE(Area, area, (id, primary_key), (name));
QUARRY_TABLE_CONSTRAINTS(area, in_schema("geo"));
struct Place {
  std::int64_t id{};
  std::string name;
  quarry::Json doc;
  std::optional<quarry::Json> raw_doc;
  quarry::Json parsed;
  std::vector<std::string> tags;
  std::int64_t area_id{};
  std::optional<std::int64_t> parent;
};
QUARRY_TABLE(Place, place, (id, primary_key), (name), (doc), (raw_doc, plain_json), (parsed, jsonb),
             (tags), (area_id, references(area.id).in_schema("geo").on_delete(cascade)), (parent));
QUARRY_TABLE_CONSTRAINTS(place, index(place.tags).method("gin"),
                         index(place.name, place.id).opclasses({"text_pattern_ops"}),
                         expression_index({"lower(\"name\")"})
                             .opclasses({"text_pattern_ops"})
                             .named("ix_place_lower_name"),
                         index(place.id).method("hash").opclasses({""}).named("ix_place_id_hash"),
                         foreign_key(place.parent).references(place.id).in_schema("geo"));
struct JsonbOnText {
  std::int64_t id{};
  std::string text;
};
QUARRY_TABLE(JsonbOnText, jsonb_on_text, (id, primary_key), (text, plain_json));
struct TooManyOpclasses {
  std::int64_t id{};
};
QUARRY_TABLE(TooManyOpclasses, too_many_opclasses, (id, primary_key));
QUARRY_TABLE_CONSTRAINTS(too_many_opclasses,
                         index(too_many_opclasses.id).opclasses({"int8_ops", "x"}));
}  // namespace pg_kinds

namespace {

using namespace quarry;
using namespace playground;

const sql::Dialect& lite() {
  return sql::sqlite_dialect();
}
const sql::Dialect& pg() {
  return sql::postgresql_dialect();
}

TEST(TableSchema, MapsEveryMemberTypeToItsSqlType) {
  const TableSchema& t = qt::everything.quarry_schema();
  EXPECT_EQ(t.name, "everything");
  const std::pair<const char*, TypeKind> expected[] = {
      {"id", TypeKind::int64},           {"small", TypeKind::int16},
      {"medium", TypeKind::int32},       {"big", TypeKind::int64},
      {"real", TypeKind::float64},       {"price", TypeKind::decimal},
      {"amount", TypeKind::decimal},     {"text", TypeKind::text},
      {"code", TypeKind::varchar},       {"flag", TypeKind::boolean},
      {"data", TypeKind::blob},          {"day", TypeKind::date},
      {"time", TypeKind::time},          {"at", TypeKind::timestamp},
      {"at_tz", TypeKind::timestamptz},  {"uuid", TypeKind::uuid},
      {"doc", TypeKind::json},           {"color", TypeKind::enum_text},
      {"level", TypeKind::enum_integer}, {"maybe_int", TypeKind::int32},
      {"maybe_text", TypeKind::text},    {"maybe_price", TypeKind::decimal},
      {"maybe_at", TypeKind::timestamp}, {"maybe_color", TypeKind::enum_text},
      {"maybe_flag", TypeKind::boolean},
  };
  ASSERT_EQ(t.columns.size(), std::size(expected)) << "one column per member, in order";
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    EXPECT_EQ(t.columns[i].name, expected[i].first);
    EXPECT_EQ(t.columns[i].type.kind, expected[i].second)
        << t.columns[i].name << " is " << type_kind_name(t.columns[i].type.kind);
  }
  EXPECT_EQ(t.column("code").type.length, 20);
  EXPECT_EQ(t.column("price").type.precision, 10);
  EXPECT_EQ(t.column("price").type.scale, 2);
  EXPECT_EQ(t.column("amount").type.precision, 0) << "no numeric(): unconstrained";
  EXPECT_EQ(t.column("color").type.enum_values, (std::vector<std::string>{"red", "green", "blue"}));
  EXPECT_EQ(t.column("maybe_color").type.enum_values,
            (std::vector<std::string>{"red", "green", "blue"}));
  EXPECT_TRUE(t.column("level").type.enum_values.empty());
}

TEST(TableSchema, TakesNullabilityFromOptional) {
  const TableSchema& t = qt::everything.quarry_schema();
  for (const auto& c : t.columns) {
    EXPECT_EQ(c.nullable, c.name.rfind("maybe_", 0) == 0) << c.name;
  }
  EXPECT_TRUE(band.quarry_schema().column("manager").nullable);
  EXPECT_FALSE(band.quarry_schema().column("name").nullable);
}

TEST(TableSchema, MakesASingleIntegerPrimaryKeyAutoIncrement) {
  const TableSchema& b = band.quarry_schema();
  EXPECT_EQ(b.primary_key, std::vector<std::string>{"id"});
  EXPECT_TRUE(b.column("id").auto_increment);
  EXPECT_FALSE(b.column("popularity").auto_increment);
  const TableSchema& s = qt::setting.quarry_schema();
  EXPECT_EQ(s.primary_key, std::vector<std::string>{"key"});
  EXPECT_FALSE(s.column("key").auto_increment) << "a text key is never generated";
}

TEST(TableSchema, RecordsACompositeKeyAndTableConstraints) {
  const TableSchema& t = qt::seat.quarry_schema();
  EXPECT_EQ(t.primary_key, (std::vector<std::string>{"venue", "row", "number"}));
  for (const auto& c : t.columns) EXPECT_FALSE(c.auto_increment) << c.name;
  ASSERT_EQ(t.uniques.size(), 1u);
  EXPECT_EQ(t.uniques[0].name, "seat_venue_label_key");
  EXPECT_EQ(t.uniques[0].columns, (std::vector<std::string>{"venue", "label"}));
  ASSERT_EQ(t.indexes.size(), 1u);
  EXPECT_EQ(t.indexes[0].name, "ix_seat_venue_price_cents");
  EXPECT_EQ(t.indexes[0].columns, (std::vector<std::string>{"venue", "price_cents"}));
  EXPECT_FALSE(t.indexes[0].unique);
  ASSERT_EQ(t.checks.size(), 2u);
  EXPECT_EQ(t.checks[0].name, "seat_number_positive");
  EXPECT_EQ(t.checks[0].sql, R"("number" > 0)") << "literals are inlined in DDL";
  EXPECT_EQ(t.checks[1].sql, R"("row" <> 'x''y')") << "text literals are quoted, quotes doubled";
}

TEST(TableSchema, NamesForeignKeysAndRecordsTheirActions) {
  const TableSchema& b = band.quarry_schema();
  ASSERT_EQ(b.foreign_keys.size(), 1u);
  const ForeignKey& fk = b.foreign_keys[0];
  EXPECT_EQ(fk.name, "band_manager_fkey");
  EXPECT_EQ(fk.columns, std::vector<std::string>{"manager"});
  EXPECT_EQ(fk.ref_table, "manager");
  EXPECT_EQ(fk.ref_columns, std::vector<std::string>{"id"});
  EXPECT_EQ(fk.on_delete, ReferentialAction::set_null);
  EXPECT_EQ(fk.on_update, ReferentialAction::no_action);

  const ForeignKey& s = qt::seat.quarry_schema().foreign_keys.at(0);
  EXPECT_EQ(s.on_delete, ReferentialAction::cascade);
  EXPECT_EQ(s.on_update, ReferentialAction::restrict);
  EXPECT_EQ(qt::person.quarry_schema().foreign_keys.at(0).ref_table, "person")
      << "a table may reference itself";
}

TEST(TableSchema, NamesUniqueIndexAndCheckConstraintsLikePostgres) {
  const TableSchema& b = band.quarry_schema();
  ASSERT_EQ(b.uniques.size(), 1u);
  EXPECT_EQ(b.uniques[0].name, "band_name_key");
  ASSERT_EQ(b.indexes.size(), 1u);
  EXPECT_EQ(b.indexes[0].name, "ix_band_popularity");
  ASSERT_EQ(b.checks.size(), 1u);
  EXPECT_EQ(b.checks[0].name, "band_popularity_not_negative");
  EXPECT_EQ(b.checks[0].sql, R"("popularity" >= 0)");
}

TEST(TableSchema, RendersDefaultsAsSqlLiterals) {
  const TableSchema& s = qt::seat.quarry_schema();
  EXPECT_EQ(s.column("price_cents").default_sql, "0");
  EXPECT_EQ(s.column("accessible").default_sql, "TRUE");
  EXPECT_EQ(s.column("note").default_sql, "'it''s free'");
  EXPECT_EQ(s.column("label").default_sql, std::nullopt);
  EXPECT_EQ(ticket.quarry_schema().column("ticket_type").default_sql, "'standing'");
}

TEST(TableSchema, RejectsVarcharOnANonStringMember) {
  try {
    (void)bad::varchar_on_int.quarry_schema();
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find(R"("varchar_on_int"."n")"), std::string::npos) << e.what();
  }
}

TEST(TableSchema, RejectsTwoPrimaryKeyColumnsSuggestingACompositeKey) {
  try {
    (void)bad::two_keys.quarry_schema();
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("QUARRY_TABLE_CONSTRAINTS"), std::string::npos) << m;
    EXPECT_NE(m.find("\"a\""), std::string::npos) << m;
    EXPECT_NE(m.find("\"b\""), std::string::npos) << m;
  }
}

TEST(TableSchema, RejectsNumericOnANonDecimalMember) {
  EXPECT_THROW((void)bad::numeric_on_double.quarry_schema(), UsageError);
}

TEST(TableSchema, SuggestsTheClosestColumnName) {
  const TableSchema& b = band.quarry_schema();
  EXPECT_EQ(&b.column("name"), b.find_column("name"));
  EXPECT_EQ(b.find_column("popularty"), nullptr);
  try {
    (void)b.column("popularty");
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), R"(table "band" has no column "popularty"; did you mean "popularity"?)");
  }
  try {
    (void)b.column("zzzzzzzz");
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), R"(table "band" has no column "zzzzzzzz")")
        << "no suggestion when nothing is close";
  }
}

TEST(Schema, SuggestsTheClosestTableName) {
  Schema s = qt::test_schema();
  EXPECT_EQ(s.table("band").name, "band");
  EXPECT_EQ(s.find_table("bnad"), nullptr);
  try {
    (void)s.table("bnad");
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), R"(the schema has no table "bnad"; did you mean "band"?)");
  }
  try {
    (void)s.table("Concerts");
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find(R"(did you mean "concert"?)"), std::string::npos)
        << "case and a plural do not hide the match: " << e.what();
  }
  EXPECT_EQ(detail::closest_name("x", {"popularity", "name"}), "")
      << "a short name does not suggest a long one";
}

std::vector<std::string> names(const std::vector<const TableSchema*>& tables) {
  std::vector<std::string> out;
  for (const auto* t : tables) out.push_back(t->name);
  return out;
}

std::size_t position(const std::vector<std::string>& v, const std::string& name) {
  return static_cast<std::size_t>(std::find(v.begin(), v.end(), name) - v.begin());
}

TEST(Schema, OrdersTablesAfterTheTablesTheyReference) {
  Schema s = schema_of(ticket, concert, band, venue, manager);  // worst order
  auto order = names(s.in_dependency_order());
  ASSERT_EQ(order.size(), 5u);
  EXPECT_LT(position(order, "manager"), position(order, "band"));
  EXPECT_LT(position(order, "band"), position(order, "concert"));
  EXPECT_LT(position(order, "venue"), position(order, "concert"));
  EXPECT_LT(position(order, "concert"), position(order, "ticket"));
}

TEST(Schema, KeepsDeclarationOrderForSelfReferencesAndCycles) {
  Schema self = schema_of(qt::person, manager);
  EXPECT_EQ(names(self.in_dependency_order()), (std::vector<std::string>{"person", "manager"}));

  TableSchema a;
  a.name = "a";
  a.columns.push_back(qt::make_column("id", TypeKind::int64));
  TableSchema b = a;
  b.name = "b";
  a.foreign_keys.push_back({"a_fk", {"id"}, "b", {"id"}, {}, {}, false, false, ""});
  b.foreign_keys.push_back({"b_fk", {"id"}, "a", {"id"}, {}, {}, false, false, ""});
  Schema cycle;
  cycle.tables = {a, b};
  auto order = names(cycle.in_dependency_order());
  EXPECT_EQ(order.size(), 2u) << "every table appears exactly once";
  EXPECT_NE(std::find(order.begin(), order.end(), "a"), order.end());
  EXPECT_NE(std::find(order.begin(), order.end(), "b"), order.end());
}

TEST(CreateTableSql, WritesTheBandTableForSqlite) {
  auto statements = create_table_sql(lite(), band.quarry_schema());
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0],
            R"(CREATE TABLE "band" ("id" INTEGER PRIMARY KEY, "name" VARCHAR(50) NOT NULL,)"
            R"( "manager" BIGINT, "popularity" INTEGER NOT NULL DEFAULT 0,)"
            R"( CONSTRAINT "band_name_key" UNIQUE ("name"),)"
            R"( CONSTRAINT "band_manager_fkey" FOREIGN KEY ("manager") REFERENCES "manager" ("id"))"
            R"( ON DELETE SET NULL,)"
            R"( CONSTRAINT "band_popularity_not_negative" CHECK ("popularity" >= 0)))");
  EXPECT_EQ(statements[1], R"(CREATE INDEX "ix_band_popularity" ON "band" ("popularity"))");
}

TEST(CreateTableSql, WritesTheBandTableForPostgres) {
  auto statements = create_table_sql(pg(), band.quarry_schema(), DdlOptions{true});
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0],
            R"(CREATE TABLE IF NOT EXISTS "band" ("id" BIGSERIAL PRIMARY KEY,)"
            R"( "name" VARCHAR(50) NOT NULL, "manager" BIGINT,)"
            R"( "popularity" INTEGER NOT NULL DEFAULT 0,)"
            R"( CONSTRAINT "band_name_key" UNIQUE ("name"),)"
            R"( CONSTRAINT "band_manager_fkey" FOREIGN KEY ("manager") REFERENCES "manager" ("id"))"
            R"( ON DELETE SET NULL,)"
            R"( CONSTRAINT "band_popularity_not_negative" CHECK ("popularity" >= 0)))");
  EXPECT_EQ(statements[1],
            R"(CREATE INDEX IF NOT EXISTS "ix_band_popularity" ON "band" ("popularity"))");
}

TEST(CreateTableSql, WritesACompositeKeyAndTableConstraints) {
  auto statements = create_table_sql(lite(), qt::seat.quarry_schema());
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0],
            R"(CREATE TABLE "seat" ("venue" BIGINT NOT NULL, "row" VARCHAR(4) NOT NULL,)"
            R"( "number" INTEGER NOT NULL, "price_cents" INTEGER NOT NULL DEFAULT 0,)"
            R"( "label" TEXT, "accessible" BOOLEAN NOT NULL DEFAULT TRUE,)"
            R"( "note" TEXT NOT NULL DEFAULT 'it''s free', PRIMARY KEY ("venue", "row", "number"),)"
            R"( CONSTRAINT "seat_venue_label_key" UNIQUE ("venue", "label"),)"
            R"( CONSTRAINT "seat_venue_fkey" FOREIGN KEY ("venue") REFERENCES "venue" ("id"))"
            R"( ON DELETE CASCADE ON UPDATE RESTRICT,)"
            R"( CONSTRAINT "seat_number_positive" CHECK ("number" > 0),)"
            R"( CONSTRAINT "seat_row_not_x" CHECK ("row" <> 'x''y')))");
  EXPECT_EQ(statements[1],
            R"(CREATE INDEX "ix_seat_venue_price_cents" ON "seat" ("venue", "price_cents"))");
}

TEST(CreateTableSql, WritesEveryColumnTypeForBothDialects) {
  auto lite_sql = create_table_sql(lite(), qt::everything.quarry_schema()).at(0);
  EXPECT_EQ(lite_sql,
            R"(CREATE TABLE "everything" ("id" INTEGER PRIMARY KEY, "small" SMALLINT NOT NULL,)"
            R"( "medium" INTEGER NOT NULL, "big" BIGINT NOT NULL, "real" REAL NOT NULL,)"
            R"( "price" DECIMAL_TEXT(10, 2) NOT NULL, "amount" DECIMAL_TEXT NOT NULL,)"
            R"( "text" TEXT NOT NULL, "code" VARCHAR(20) NOT NULL, "flag" BOOLEAN NOT NULL,)"
            R"( "data" BLOB NOT NULL, "day" DATE NOT NULL, "time" TIME NOT NULL,)"
            R"( "at" TIMESTAMP NOT NULL, "at_tz" TIMESTAMPTZ NOT NULL, "uuid" UUID NOT NULL,)"
            R"( "doc" JSON_TEXT NOT NULL, "color" TEXT NOT NULL, "level" INTEGER NOT NULL,)"
            R"( "maybe_int" INTEGER, "maybe_text" TEXT, "maybe_price" DECIMAL_TEXT,)"
            R"( "maybe_at" TIMESTAMP, "maybe_color" TEXT, "maybe_flag" BOOLEAN,)"
            R"( CONSTRAINT "everything_code_key" UNIQUE ("code")))");
  auto pg_sql = create_table_sql(pg(), qt::everything.quarry_schema()).at(0);
  EXPECT_NE(pg_sql.find(R"("id" BIGSERIAL PRIMARY KEY)"), std::string::npos) << pg_sql;
  EXPECT_NE(pg_sql.find(R"("real" DOUBLE PRECISION NOT NULL)"), std::string::npos) << pg_sql;
  EXPECT_NE(pg_sql.find(R"("price" NUMERIC(10, 2) NOT NULL)"), std::string::npos) << pg_sql;
  EXPECT_NE(pg_sql.find(R"("data" BYTEA NOT NULL)"), std::string::npos) << pg_sql;
  EXPECT_NE(pg_sql.find(R"("doc" JSONB NOT NULL)"), std::string::npos) << pg_sql;
}

TEST(CreateTableSql, RejectsATableWithoutColumns) {
  TableSchema empty;
  empty.name = "nothing";
  EXPECT_THROW((void)create_table_sql(lite(), empty), UsageError);
}

TEST(CreateTableSql, WritesDropTable) {
  EXPECT_EQ(drop_table_sql(lite(), band.quarry_schema(), true), R"(DROP TABLE IF EXISTS "band")");
  EXPECT_EQ(drop_table_sql(pg(), band.quarry_schema(), false), R"(DROP TABLE "band")");
}

TEST(CreateTables, CreatesEveryTableAndIndexInSqlite) {
  auto db = Database::open("sqlite://:memory:");
  create_tables_sync(db, qt::test_schema());
  EXPECT_EQ(qt::table_names(db),
            (std::vector<std::string>{"band", "concert", "everything", "manager", "person", "seat",
                                      "setting", "ticket", "venue"}));
  auto indexes = qt::query_rows(
      db,
      "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix_%' "
      "ORDER BY name");
  ASSERT_EQ(indexes.size(), 2u);
  EXPECT_EQ(indexes[0][0].as_text(), "ix_band_popularity");
  EXPECT_EQ(indexes[1][0].as_text(), "ix_seat_venue_price_cents");
  EXPECT_EQ(indexes[1][1].as_text(), "seat");

  auto fks = qt::query_rows(db,
                            "SELECT \"table\", \"from\", \"to\", on_update, on_delete "
                            "FROM pragma_foreign_key_list('seat')");
  ASSERT_EQ(fks.size(), 1u);
  EXPECT_EQ(fks[0][0].as_text(), "venue");
  EXPECT_EQ(fks[0][3].as_text(), "RESTRICT");
  EXPECT_EQ(fks[0][4].as_text(), "CASCADE");

  auto pk = qt::query_rows(db,
                           "SELECT name, pk FROM pragma_table_info('seat') WHERE pk > 0 "
                           "ORDER BY pk");
  ASSERT_EQ(pk.size(), 3u);
  EXPECT_EQ(pk[0][0].as_text(), "venue");
  EXPECT_EQ(pk[2][0].as_text(), "number");
}

TEST(CreateTables, IfNotExistsMakesCreatingTwiceHarmlessAndWithoutItFails) {
  auto db = Database::open("sqlite://:memory:");
  create_tables_sync(db, qt::test_schema());
  EXPECT_NO_THROW(create_tables_sync(db, qt::test_schema(), CreateOptions{true}));
  EXPECT_THROW(create_tables_sync(db, qt::test_schema()), QueryError);
}

TEST(CreateTables, DropTablesRemovesThemReferencingTablesFirst) {
  auto db = Database::open("sqlite://:memory:");
  create_tables_sync(db, qt::test_schema());
  qt::seed_playground(db);  // rows with live foreign keys: dropping band first would fail
  drop_tables_sync(db, qt::test_schema());
  EXPECT_TRUE(qt::table_names(db).empty());
  EXPECT_NO_THROW(drop_tables_sync(db, qt::test_schema(), true));
  EXPECT_THROW(drop_tables_sync(db, qt::test_schema(), false), QueryError);
}

TEST(CreateTables, AutoIncrementsTheIntegerPrimaryKeyInSqlite) {
  auto db = qt::memory_db();
  auto first = insert(manager).values(Manager{0, "a"}).run_sync(db);
  auto second = insert(manager).values(Manager{0, "b"}).run_sync(db);
  EXPECT_EQ(first.last_insert_id, 1);
  EXPECT_EQ(second.last_insert_id, 2);
}

TEST(CreateTables, AppliesDefaultsInSqlite) {
  auto db = qt::memory_db();
  qt::seed_playground(db);
  db.execute_sync(R"(INSERT INTO seat (venue, "row", number) VALUES (1, 'A', 1))");
  auto s = select(qt::seat).first_sync(db);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->price_cents, 0);
  EXPECT_TRUE(s->accessible) << "DEFAULT TRUE reads back as true";
  EXPECT_EQ(s->note, "it's free");
  EXPECT_EQ(s->label, std::nullopt);
}

TEST(CreateTables, UnqualifiedIndexInTableConstraintsCompiles) {
  // Compiling this file is most of the test: Gig is declared at global scope
  // with unqualified `index` in QUARRY_TABLE and QUARRY_TABLE_CONSTRAINTS.
  const TableSchema& t = gig.quarry_schema();
  ASSERT_EQ(t.indexes.size(), 3u);
  EXPECT_EQ(t.indexes[0].columns, std::vector<std::string>{"city"});
  EXPECT_EQ(t.indexes[1].columns, std::vector<std::string>{"fee"});
  EXPECT_EQ(t.indexes[2].columns, (std::vector<std::string>{"day", "fee"}));
  ASSERT_EQ(t.uniques.size(), 1u);
  EXPECT_EQ(t.uniques[0].columns, (std::vector<std::string>{"city", "day"}));
  ASSERT_EQ(t.checks.size(), 1u);
  EXPECT_EQ(t.column("fee").default_sql, "0");

  auto db = Database::open("sqlite://:memory:");
  create_tables_sync(db, schema_of(gig));
  insert(gig).values(Gig{0, "Oslo", 10, 1}).run_sync(db);
  EXPECT_THROW(insert(gig).values(Gig{0, "Oslo", 20, 1}).run_sync(db), UniqueViolation);
  EXPECT_EQ(qt::query_rows(db,
                           "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                           "tbl_name = 'gig' AND name LIKE 'ix_%'")[0][0]
                .as_int64(),
            3);
}

TEST(TableSchema, RecordsJsonStorageIndexMethodsAndKeysToOtherNamespaces) {
  const TableSchema& t = pg_kinds::place.quarry_schema();
  EXPECT_FALSE(t.column("doc").type.plain_json) << "jsonb is the default";
  EXPECT_TRUE(t.column("raw_doc").type.plain_json);
  EXPECT_FALSE(t.column("parsed").type.plain_json);
  ASSERT_EQ(t.foreign_keys.size(), 2u);
  EXPECT_EQ(t.foreign_keys[0].ref_schema, "geo");
  EXPECT_EQ(t.foreign_keys[0].ref_table, "area");
  EXPECT_EQ(t.foreign_keys[0].on_delete, ReferentialAction::cascade);
  EXPECT_EQ(t.foreign_keys[1].ref_schema, "geo");
  ASSERT_EQ(t.indexes.size(), 4u);
  EXPECT_EQ(t.indexes[0].method, "gin");
  EXPECT_TRUE(t.indexes[0].opclasses.empty());
  EXPECT_EQ(t.indexes[1].opclasses, std::vector<std::string>{"text_pattern_ops"});
  EXPECT_EQ(t.indexes[2].opclasses, std::vector<std::string>{"text_pattern_ops"});
  EXPECT_EQ(t.indexes[3].method, "hash");
  EXPECT_TRUE(t.indexes[3].opclasses.empty()) << "all-default operator classes are none";
}

TEST(TableSchema, RejectsJsonStorageOnANonJsonMember) {
  try {
    static_cast<void>(pg_kinds::jsonb_on_text.quarry_schema());
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find(R"(column "jsonb_on_text"."text")"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("quarry::Json"), std::string::npos) << e.what();
  }
}

TEST(TableSchema, RejectsMoreOperatorClassesThanKeys) {
  try {
    static_cast<void>(pg_kinds::too_many_opclasses.quarry_schema());
    FAIL() << "expected a UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find(R"(index "ix_too_many_opclasses_id" has 1 key(s) and 2)"),
              std::string::npos)
        << e.what();
  }
}

TEST(CreateTableSql, WritesJsonStorageIndexMethodsAndOperatorClassesForPostgres) {
  auto statements = create_table_sql(pg(), pg_kinds::place.quarry_schema());
  ASSERT_EQ(statements.size(), 5u);
  const std::string& table = statements[0];
  EXPECT_NE(table.find(R"("doc" JSONB NOT NULL, "raw_doc" JSON, "parsed" JSONB NOT NULL)"),
            std::string::npos)
      << table;
  EXPECT_NE(
      table.find(R"(FOREIGN KEY ("area_id") REFERENCES "geo"."area" ("id") ON DELETE CASCADE)"),
      std::string::npos)
      << table;
  EXPECT_NE(table.find(R"(FOREIGN KEY ("parent") REFERENCES "geo"."place" ("id"))"),
            std::string::npos)
      << table;
  EXPECT_EQ(statements[1], R"(CREATE INDEX "ix_place_tags" ON "place" USING gin ("tags"))");
  EXPECT_EQ(statements[2],
            R"(CREATE INDEX "ix_place_name_id" ON "place" ("name" text_pattern_ops, "id"))");
  EXPECT_EQ(statements[3],
            R"(CREATE INDEX "ix_place_lower_name" ON "place" ((lower("name")) text_pattern_ops))");
  EXPECT_EQ(statements[4], R"(CREATE INDEX "ix_place_id_hash" ON "place" USING hash ("id"))");
}

TEST(CreateTableSql, LeavesIndexMethodsAndJsonStorageToPostgres) {
  // SQLite has one kind of index and one JSON storage: the same model
  // creates there, with plain indexes.
  auto statements = create_table_sql(lite(), pg_kinds::place.quarry_schema());
  ASSERT_EQ(statements.size(), 5u);
  EXPECT_NE(statements[0].find(R"("raw_doc" JSON_TEXT,)"), std::string::npos) << statements[0];
  EXPECT_EQ(statements[1], R"(CREATE INDEX "ix_place_tags" ON "place" ("tags"))");
  EXPECT_EQ(statements[2], R"(CREATE INDEX "ix_place_name_id" ON "place" ("name", "id"))");
  EXPECT_EQ(statements[3], R"(CREATE INDEX "ix_place_lower_name" ON "place" ((lower("name"))))");
}

TEST(CreateTables, UniqueAndIndexStayQuarrysUnderUsingNamespaceStd) {
  const TableSchema& c = uses_std::comment.quarry_schema();
  ASSERT_EQ(c.uniques.size(), 1u);
  EXPECT_EQ(c.uniques[0].columns, std::vector<std::string>{"text"});
  ASSERT_EQ(c.indexes.size(), 1u);
  const TableSchema& r = uses_std::reply.quarry_schema();
  ASSERT_EQ(r.foreign_keys.size(), 1u);
  EXPECT_EQ(r.foreign_keys[0].ref_table, "comment") << "a table named comment is still found";
  EXPECT_EQ(r.foreign_keys[0].on_delete, ReferentialAction::cascade);
  EXPECT_EQ(r.uniques.size(), 1u);
  EXPECT_EQ(r.indexes.size(), 2u);
  auto q = select(uses_std::reply.id, uses_std::reply.comment->text);
  EXPECT_NE(q.sql().find(R"(LEFT JOIN "comment")"), std::string::npos) << q.sql();
}

}  // namespace
