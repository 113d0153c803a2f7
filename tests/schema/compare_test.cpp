// schema_differences names each kind of difference; normalize_sql makes the
// spellings of each backend compare equal; the lookup helpers; and the DDL
// written for views, enums, partial and expression indexes, deferrable keys,
// comments and namespaces.
#include <gtest/gtest.h>

#include <quarry/quarry.hpp>
#include <quarry/schema/compare.hpp>
#include <quarry/schema/lookup.hpp>
#include <quarry/schema/reflect.hpp>

#include "support/models.hpp"

namespace {

using namespace quarry;

SqlType ty(TypeKind kind, int length = 0, int precision = 0, int scale = 0) {
  SqlType t;
  t.kind = kind;
  t.length = length;
  t.precision = precision;
  t.scale = scale;
  return t;
}

bool mentions(const std::vector<std::string>& lines, std::string_view a, std::string_view b) {
  for (const auto& l : lines) {
    if (l.find(a) != std::string::npos && l.find(b) != std::string::npos) return true;
  }
  return false;
}

std::string all(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "\n  " + l;
  return out;
}

TableSchema& table(Schema& s, std::string_view name) {
  for (auto& t : s.tables)
    if (t.name == name) return t;
  throw std::logic_error("no table");
}

TEST(SchemaDifferences, a_schema_is_equivalent_to_itself_and_table_order_does_not_matter) {
  Schema a = qt::test_schema();
  Schema b = a;
  std::reverse(b.tables.begin(), b.tables.end());
  EXPECT_TRUE(equivalent(a, b)) << all(schema_differences(a, b));
}

TEST(SchemaDifferences, each_kind_of_difference_is_reported_naming_what_differs) {
  const Schema a = qt::test_schema();
  auto diff = [&](auto change) {
    Schema b = a;
    change(b);
    return schema_differences(a, b);
  };
  auto d = diff([](Schema& b) { b.tables.erase(b.tables.begin()); });
  EXPECT_TRUE(mentions(d, "table \"manager\"", "only in the first")) << all(d);
  d = diff([](Schema& b) { table(b, "band").columns[1].type.length = 60; });
  EXPECT_TRUE(mentions(d, "column \"name\"", "varchar(50) vs varchar(60)")) << all(d);
  d = diff([](Schema& b) { table(b, "band").columns[2].nullable = false; });
  EXPECT_TRUE(mentions(d, "column \"manager\"", "nullable vs not null")) << all(d);
  d = diff([](Schema& b) { table(b, "band").columns[3].default_sql = "1"; });
  EXPECT_TRUE(mentions(d, "column \"popularity\"", "default")) << all(d);
  d = diff([](Schema& b) { table(b, "band").columns[0].auto_increment = false; });
  EXPECT_TRUE(mentions(d, "column \"id\"", "auto-increment")) << all(d);
  d = diff([](Schema& b) { table(b, "band").columns[0].comment = "the key"; });
  EXPECT_TRUE(mentions(d, "column \"id\"", "comment")) << all(d);
  d = diff([](Schema& b) { std::swap(table(b, "band").columns[0], table(b, "band").columns[1]); });
  EXPECT_TRUE(mentions(d, "table \"band\"", "column order")) << all(d);
  d = diff([](Schema& b) { table(b, "band").columns.pop_back(); });
  EXPECT_TRUE(mentions(d, "column \"popularity\"", "only in the first")) << all(d);
  d = diff([](Schema& b) { table(b, "seat").primary_key.pop_back(); });
  EXPECT_TRUE(mentions(d, "table \"seat\"", "primary key")) << all(d);
  d = diff([](Schema& b) { table(b, "band").uniques[0].name = "other"; });
  EXPECT_TRUE(mentions(d, "unique constraint (name)", "\"band_name_key\" vs \"other\"")) << all(d);
  d = diff([](Schema& b) { table(b, "band").uniques.clear(); });
  EXPECT_TRUE(mentions(d, "unique constraint \"band_name_key\"", "only in the first")) << all(d);
  d = diff(
      [](Schema& b) { table(b, "band").foreign_keys[0].on_delete = ReferentialAction::cascade; });
  EXPECT_TRUE(mentions(d, "foreign key \"band_manager_fkey\"", "on delete set null vs cascade"))
      << all(d);
  d = diff([](Schema& b) { table(b, "band").foreign_keys[0].deferrable = true; });
  EXPECT_TRUE(mentions(d, "band_manager_fkey", "not deferrable vs deferrable")) << all(d);
  d = diff([](Schema& b) { table(b, "band").foreign_keys[0].ref_table = "venue"; });
  EXPECT_TRUE(mentions(d, "band_manager_fkey", "only in the second")) << all(d);
  d = diff([](Schema& b) { table(b, "band").checks[0].sql = "\"popularity\" > 5"; });
  EXPECT_TRUE(mentions(d, "check constraint \"band_popularity_not_negative\"", "condition"))
      << all(d);
  d = diff([](Schema& b) { table(b, "band").indexes[0].unique = true; });
  EXPECT_TRUE(mentions(d, "index \"ix_band_popularity\"", "not unique vs unique")) << all(d);
  d = diff([](Schema& b) { table(b, "band").indexes[0].where = "\"popularity\" > 0"; });
  EXPECT_TRUE(mentions(d, "index \"ix_band_popularity\"", "condition")) << all(d);
  d = diff([](Schema& b) { table(b, "band").indexes[0].columns = {"name"}; });
  EXPECT_TRUE(mentions(d, "index \"ix_band_popularity\"", "keys (popularity) vs (name)")) << all(d);
  d = diff([](Schema& b) { table(b, "band").indexes[0].method = "brin"; });
  EXPECT_TRUE(mentions(d, "index \"ix_band_popularity\"", "method btree vs brin")) << all(d);
  d = diff([](Schema& b) { table(b, "band").indexes[0].method = "BTREE"; });
  EXPECT_TRUE(d.empty()) << "btree is the default method" << all(d);
  d = diff([](Schema& b) { table(b, "band").indexes[0].opclasses = {"int4_minmax_ops"}; });
  EXPECT_TRUE(
      mentions(d, "index \"ix_band_popularity\"", "operator classes () vs (int4_minmax_ops)"))
      << all(d);
  d = diff([](Schema& b) { table(b, "band").indexes[0].opclasses = {""}; });
  EXPECT_TRUE(d.empty()) << "a default operator class is none" << all(d);
  d = diff([](Schema& b) { table(b, "band").foreign_keys[0].ref_schema = "music"; });
  EXPECT_TRUE(mentions(d, "band_manager_fkey", "only in the second")) << all(d);
  {
    Schema x = a, y = a;
    ColumnSchema doc;
    doc.name = "doc";
    doc.type.kind = TypeKind::json;
    table(x, "band").columns.push_back(doc);
    doc.type.plain_json = true;
    table(y, "band").columns.push_back(doc);
    auto jd = schema_differences(x, y);
    EXPECT_TRUE(mentions(jd, "column \"doc\"", "type jsonb vs json")) << all(jd);
    CompareOptions on_sqlite;
    on_sqlite.as_stored_by = &sql::sqlite_dialect();
    EXPECT_TRUE(schema_differences(x, y, on_sqlite).empty()) << "SQLite stores both as text";
  }
  d = diff([](Schema& b) { table(b, "band").comment = "bands"; });
  EXPECT_TRUE(mentions(d, "table \"band\"", "comment")) << all(d);
  d = diff([](Schema& b) { b.enums.push_back({"mood", "", {"a"}}); });
  EXPECT_TRUE(mentions(d, "enum type \"mood\"", "only in the second")) << all(d);
  d = diff([](Schema& b) { table(b, "band").is_view = true; });
  EXPECT_TRUE(mentions(d, "table \"band\"", "a table in the first schema, a view")) << all(d);
}

TEST(SchemaDifferences, names_compare_only_when_both_sides_have_them) {
  Schema a = playground::schema();
  Schema b = a;
  table(b, "band").uniques[0].name.clear();
  table(b, "band").foreign_keys[0].name.clear();
  table(b, "band").checks[0].name.clear();
  EXPECT_TRUE(equivalent(a, b)) << all(schema_differences(a, b));
}

TEST(SchemaDifferences, type_aliases_are_the_same_type) {
  Schema a = qt::test_schema();
  Schema b = a;
  for (auto& c : table(b, "everything").columns) {
    if (c.type.kind == TypeKind::enum_text) {
      c.type.kind = TypeKind::text;
      c.type.enum_values.clear();
    }
    if (c.type.kind == TypeKind::enum_integer) c.type.kind = TypeKind::int32;
  }
  EXPECT_TRUE(equivalent(a, b)) << all(schema_differences(a, b));
  // parse_sql_type knows each backend's spellings
  const auto& pg = sql::postgresql_dialect();
  const auto& lite = sql::sqlite_dialect();
  EXPECT_EQ(parse_sql_type(pg, "int4").kind, TypeKind::int32);
  EXPECT_EQ(parse_sql_type(pg, "integer").kind, TypeKind::int32);
  bool serial = false;
  EXPECT_EQ(parse_sql_type(pg, "serial", &serial).kind, TypeKind::int32);
  EXPECT_TRUE(serial);
  EXPECT_EQ(parse_sql_type(pg, "character varying(12)").length, 12);
  EXPECT_EQ(parse_sql_type(pg, "numeric(10,2)").scale, 2);
  EXPECT_EQ(parse_sql_type(pg, "timestamp with time zone").kind, TypeKind::timestamptz);
  EXPECT_EQ(parse_sql_type(pg, "jsonb").kind, TypeKind::json);
  EXPECT_FALSE(parse_sql_type(pg, "jsonb").plain_json);
  EXPECT_EQ(parse_sql_type(pg, "json").kind, TypeKind::json);
  EXPECT_TRUE(parse_sql_type(pg, "json").plain_json);
  EXPECT_FALSE(parse_sql_type(lite, "JSON_TEXT").plain_json);
  SqlType plain = ty(TypeKind::json);
  plain.plain_json = true;
  EXPECT_EQ(sql_type_name(pg, plain, false), "JSON");
  EXPECT_EQ(sql_type_name(lite, plain, false), "JSON_TEXT") << "SQLite has one JSON storage";
  EXPECT_EQ(parse_sql_type(pg, sql_type_name(pg, plain, false)), plain);
  EXPECT_EQ(parse_sql_type(pg, "integer[]").element, TypeKind::int32);
  EXPECT_EQ(parse_sql_type(pg, "real").kind, TypeKind::raw) << "a 4-byte float has no TypeKind";
  EXPECT_EQ(parse_sql_type(pg, "character(3)").type_name, "character(3)");
  EXPECT_EQ(parse_sql_type(lite, "DECIMAL_TEXT(10, 2)").precision, 10);
  EXPECT_EQ(parse_sql_type(lite, "JSON_TEXT").kind, TypeKind::json);
  EXPECT_EQ(parse_sql_type(lite, "REAL").kind, TypeKind::float64);
  EXPECT_EQ(parse_sql_type(lite, "NVARCHAR(20)").type_name, "NVARCHAR(20)");
  // every type Quarry writes parses back to itself
  for (auto kind :
       {TypeKind::int16, TypeKind::int32, TypeKind::int64, TypeKind::float64, TypeKind::decimal,
        TypeKind::text, TypeKind::boolean, TypeKind::blob, TypeKind::date, TypeKind::time,
        TypeKind::timestamp, TypeKind::timestamptz, TypeKind::uuid, TypeKind::json}) {
    for (const sql::Dialect* d : {&pg, &lite}) {
      SqlType t = ty(kind);
      EXPECT_EQ(parse_sql_type(*d, sql_type_name(*d, t, false)).kind, kind)
          << sql_type_name(*d, t, false);
    }
  }
}

TEST(NormalizeSql, backend_reprints_compare_equal_to_what_quarry_writes) {
  EXPECT_EQ(normalize_sql("'abc'::text"), normalize_sql("'abc'"));
  EXPECT_EQ(normalize_sql("'standing'::character varying"), normalize_sql("'standing'"));
  EXPECT_EQ(normalize_sql("'-1'::integer"), normalize_sql("-1"));
  EXPECT_EQ(normalize_sql("true"), normalize_sql("TRUE"));
  EXPECT_EQ(normalize_sql("(popularity >= 0)"), normalize_sql("\"popularity\" >= 0"));
  EXPECT_EQ(normalize_sql("((\"row\")::text <> 'x''y'::text)"), normalize_sql("\"row\" <> 'x''y'"));
  EXPECT_EQ(normalize_sql("((a > 0) AND (b < 5))"), normalize_sql("a > 0 AND b < 5"));
  EXPECT_EQ(normalize_sql("x  !=\n 1"), normalize_sql("x <> 1"));
  EXPECT_EQ(normalize_sql("'2024-01-01 00:00:00'::timestamp without time zone"),
            normalize_sql("'2024-01-01 00:00:00'"));
  // but what differs stays different
  EXPECT_NE(normalize_sql("\"Name\" > 0"), normalize_sql("name > 0"))
      << "a quoted mixed-case name is another name";
  EXPECT_NE(normalize_sql("'abc'"), normalize_sql("'ABC'"));
  EXPECT_NE(normalize_sql("lower(x)"), normalize_sql("lower x"));
  EXPECT_NE(normalize_sql("a > 0 OR b > 0 AND c > 0"), normalize_sql("(a > 0 OR b > 0) AND c > 0"));
}

TEST(Lookup, unique_keys_list_the_key_constraints_and_unique_indexes) {
  const TableSchema& seat = std::remove_cvref_t<decltype(qt::seat)>::quarry_schema();
  auto keys = unique_keys(seat);
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].source, UniqueKey::Source::primary_key);
  EXPECT_EQ(keys[0].columns, (std::vector<std::string>{"venue", "row", "number"}));
  EXPECT_EQ(keys[1].source, UniqueKey::Source::unique_constraint);
  EXPECT_EQ(keys[1].columns, (std::vector<std::string>{"venue", "label"}));
  EXPECT_TRUE(is_unique(seat, {"label", "venue", "note"}));
  EXPECT_FALSE(is_unique(seat, {"label"}));
  TableSchema t = seat;
  t.indexes.push_back(Index{"ix_u", {"note"}, true, {}, ""});
  t.indexes.push_back(Index{"ix_partial", {"label"}, true, {}, "\"label\" IS NOT NULL"});
  keys = unique_keys(t);
  ASSERT_EQ(keys.size(), 3u) << "a partial unique index does not make its columns unique";
  EXPECT_EQ(keys[2].name, "ix_u");
  EXPECT_EQ(keys[2].source, UniqueKey::Source::unique_index);
}

TEST(Lookup, referenced_and_referencing_tables) {
  Schema s = qt::test_schema();
  auto refs = referenced_tables(s, s.table("concert"));
  ASSERT_EQ(refs.size(), 2u) << "band once, though two keys point at it";
  EXPECT_EQ(refs[0]->name, "band");
  EXPECT_EQ(refs[1]->name, "venue");
  auto by = referencing_tables(s, s.table("venue"));
  ASSERT_EQ(by.size(), 2u);
  EXPECT_EQ(by[0]->name, "concert");
  EXPECT_EQ(by[1]->name, "seat");
  EXPECT_EQ(referenced_tables(s, s.table("person")).at(0)->name, "person");
  EXPECT_TRUE(referencing_tables(s, s.table("ticket")).empty());
}

TEST(Lookup, an_association_table_is_two_keys_and_nothing_else) {
  TableSchema link;
  link.name = "band_venue";
  link.columns = {{"band", {}, false, false, std::nullopt, ""},
                  {"venue", {}, false, false, std::nullopt, ""}};
  link.foreign_keys = {{"", {"band"}, "band", {"id"}}, {"", {"venue"}, "venue", {"id"}}};
  EXPECT_TRUE(is_association_table(link));
  TableSchema with_check = link;
  with_check.checks = {{"distinct", "band <> venue"}};
  EXPECT_FALSE(is_association_table(with_check)) << "a check says it is more than a link";
  TableSchema with_column = link;
  with_column.columns.push_back({"since", {}, true, false, std::nullopt, ""});
  EXPECT_FALSE(is_association_table(with_column));
  TableSchema one_key = link;
  one_key.foreign_keys.pop_back();
  EXPECT_FALSE(is_association_table(one_key));
  TableSchema view = link;
  view.is_view = true;
  EXPECT_FALSE(is_association_table(view));
  // The ERD and codegen use this one rule.
  EXPECT_EQ(referential_action_sql(ReferentialAction::set_null), "set null");
  EXPECT_EQ(referential_action_sql(ReferentialAction::no_action), "no action");
  EXPECT_EQ(type_kind_name(TypeKind::int16), "smallint");
  EXPECT_EQ(type_kind_name(TypeKind::raw), "raw SQL type");
}

TEST(Ddl, new_schema_features_are_written_for_each_dialect) {
  const auto& pg = sql::postgresql_dialect();
  const auto& lite = sql::sqlite_dialect();
  TableSchema t;
  t.name = "song";
  t.schema = "music";
  t.comment = "songs";
  t.columns = {ColumnSchema{"id", ty(TypeKind::int64), false, true, std::nullopt, "the key"},
               ColumnSchema{"genre", ty(TypeKind::int64), true, false, std::nullopt, ""}};
  t.primary_key = {"id"};
  ForeignKey fk;
  fk.name = "song_genre_fkey";
  fk.columns = {"genre"};
  fk.ref_table = "genre";
  fk.ref_schema = "music";
  fk.ref_columns = {"id"};
  fk.deferrable = true;
  fk.initially_deferred = true;
  t.foreign_keys.push_back(fk);
  t.indexes.push_back(Index{"ix_song_expr", {}, false, {"\"genre\" + 1"}, "\"genre\" > 0"});
  auto p = create_table_sql(pg, t);
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(
      p[0],
      R"(CREATE TABLE "music"."song" ("id" BIGSERIAL PRIMARY KEY, "genre" BIGINT, )"
      R"(CONSTRAINT "song_genre_fkey" FOREIGN KEY ("genre") REFERENCES "music"."genre" ("id"))"
      R"( DEFERRABLE INITIALLY DEFERRED))");
  EXPECT_EQ(p[1],
            R"(CREATE INDEX "ix_song_expr" ON "music"."song" (("genre" + 1)) WHERE "genre" > 0)");
  EXPECT_EQ(p[2], R"(COMMENT ON TABLE "music"."song" IS 'songs')");
  EXPECT_EQ(p[3], R"(COMMENT ON COLUMN "music"."song"."id" IS 'the key')");
  auto l = create_table_sql(lite, t);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0], R"(CREATE TABLE "song" /* songs */ ("id" INTEGER PRIMARY KEY /* the key */, )"
                  R"("genre" BIGINT, CONSTRAINT "song_genre_fkey" FOREIGN KEY ("genre") )"
                  R"(REFERENCES "genre" ("id") DEFERRABLE INITIALLY DEFERRED))");
  EnumType mood{"mood", "music", {"calm", "it's"}};
  EXPECT_EQ(create_enum_sql(pg, mood), R"(CREATE TYPE "music"."mood" AS ENUM ('calm', 'it''s'))");
  EXPECT_EQ(create_enum_sql(lite, mood), "");
  TableSchema v;
  v.name = "v";
  v.is_view = true;
  v.view_sql = "SELECT 1";
  EXPECT_EQ(create_table_sql(lite, v).at(0), "CREATE VIEW \"v\" AS SELECT 1");
  EXPECT_EQ(drop_table_sql(pg, v, true), "DROP VIEW IF EXISTS \"v\"");
  v.view_sql.clear();
  EXPECT_THROW(create_table_sql(lite, v), UsageError);
}

}  // namespace
