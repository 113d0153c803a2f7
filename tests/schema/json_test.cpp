// The quarry-schema JSON format: every field survives a round trip, the text
// is stable and documented, and each kind of bad document is rejected with
// the JSON path of what is wrong.
#include <gtest/gtest.h>

#include <string>

#include <quarry/schema/json.hpp>

#include "support/models.hpp"

namespace {

using namespace quarry;

SqlType sql_type(TypeKind kind, int length = 0) {
  SqlType t;
  t.kind = kind;
  t.length = length;
  return t;
}

/// A schema in which every field of schema.hpp differs from its default
/// somewhere: every type kind, every referential action, views, comments,
/// namespaces, enum types, partial and expression indexes, deferrable keys.
Schema everything_schema() {
  Schema s;
  TableSchema t;
  t.name = "order line";
  t.schema = "sales";
  t.comment = "one line of an order: \"quoted\", \\backslashed\\, ünïcödé\nand a newline";
  auto add = [&](std::string name, TypeKind kind) -> ColumnSchema& {
    ColumnSchema c;
    c.name = std::move(name);
    c.type.kind = kind;
    t.columns.push_back(std::move(c));
    return t.columns.back();
  };
  add("id", TypeKind::int64).auto_increment = true;
  add("order_id", TypeKind::int32);
  add("line", TypeKind::int16);
  add("ratio", TypeKind::float64).nullable = true;
  ColumnSchema& price = add("price", TypeKind::decimal);
  price.type.precision = 12;
  price.type.scale = 3;
  price.default_sql = "0.000";
  add("note", TypeKind::text).default_sql = "'it''s \"fine\"'";
  ColumnSchema& code = add("code", TypeKind::varchar);
  code.type.length = 20;
  code.comment = "the product's code";
  add("flag", TypeKind::boolean).default_sql = "true";
  add("data", TypeKind::blob).nullable = true;
  add("day", TypeKind::date);
  add("at", TypeKind::time);
  add("ts", TypeKind::timestamp).default_sql = "CURRENT_TIMESTAMP";
  add("tz", TypeKind::timestamptz);
  add("uid", TypeKind::uuid);
  add("doc", TypeKind::json).default_sql = "'{}'";
  add("plain_doc", TypeKind::json).type.plain_json = true;
  add("color", TypeKind::enum_text).type.enum_values = {"red", "green", "blue"};
  add("level", TypeKind::enum_integer);
  add("wait", TypeKind::interval);
  ColumnSchema& tags = add("tags", TypeKind::array);
  tags.type.length = 30;
  tags.type.element = TypeKind::varchar;
  ColumnSchema& mood = add("mood", TypeKind::db_enum);
  mood.type.enum_values = {"sad", "ok"};
  mood.type.type_name = "sales.mood";
  ColumnSchema& spot = add("spot", TypeKind::raw);
  spot.type.type_name = "point";
  spot.comment = "kept as its SQL type";
  t.primary_key = {"order_id", "line"};
  t.uniques = {{"order_line_code_key", {"code"}}, {"order_line_pair", {"order_id", "code"}}};
  t.foreign_keys = {
      {"order_line_order_fkey",
       {"order_id"},
       "orders",
       {"id"},
       ReferentialAction::cascade,
       ReferentialAction::restrict,
       true,
       true,
       "sales"},
      {"order_line_ratio_fkey",
       {"ratio", "code"},
       "ratios",
       {"value", "code"},
       ReferentialAction::set_null,
       ReferentialAction::set_default,
       true,
       false,
       ""},
      {"",
       {"level"},
       "levels",
       {"id"},
       ReferentialAction::no_action,
       ReferentialAction::no_action,
       false,
       false,
       ""},
  };
  t.checks = {{"order_line_positive", "\"price\" >= 0 AND \"line\" > 0"}};
  t.indexes = {
      {"ix_order_line_day", {"day"}, false, {}, ""},
      {"ix_order_line_code_live", {"code"}, true, {}, "\"flag\""},
      {"ix_order_line_lower_note", {}, false, {"lower(\"note\")", "\"day\" DESC"}, ""},
      {"ix_order_line_code_pattern", {"code", "day"}, false, {}, "", "", {"text_pattern_ops"}},
      {"ix_order_line_doc", {"doc"}, false, {}, "", "gin", {"jsonb_path_ops"}},
  };
  s.tables.push_back(t);

  TableSchema v;
  v.name = "big_orders";
  v.is_view = true;
  v.view_sql = "SELECT \"id\" FROM \"order line\" WHERE \"price\" > 100";
  ColumnSchema id;
  id.name = "id";
  id.type.kind = TypeKind::int64;
  id.nullable = true;
  v.columns.push_back(id);
  s.tables.push_back(v);

  s.enums = {{"mood", "sales", {"sad", "ok"}}, {"empty", "", {}}};
  return s;
}

TEST(SchemaJson, EveryFieldSurvivesARoundTrip) {
  Schema s = everything_schema();
  Schema back = schema_from_json(schema_to_json(s));
  EXPECT_EQ(back, s);
  ASSERT_EQ(back.tables.size(), 2u);
  // Spot checks, so that a failure says which field was lost.
  const TableSchema& t = back.tables[0];
  EXPECT_EQ(t.schema, "sales");
  EXPECT_EQ(t.comment, s.tables[0].comment);
  EXPECT_EQ(t.column("tags").type.element, TypeKind::varchar);
  EXPECT_EQ(t.column("tags").type.length, 30);
  EXPECT_EQ(t.column("mood").type.type_name, "sales.mood");
  EXPECT_EQ(t.column("note").default_sql, "'it''s \"fine\"'");
  EXPECT_FALSE(t.column("code").default_sql.has_value());
  EXPECT_TRUE(t.foreign_keys[0].initially_deferred);
  EXPECT_EQ(t.foreign_keys[0].ref_schema, "sales");
  EXPECT_EQ(t.foreign_keys[1].on_update, ReferentialAction::set_default);
  EXPECT_EQ(t.indexes[2].expressions.size(), 2u);
  EXPECT_EQ(t.indexes[1].where, "\"flag\"");
  EXPECT_EQ(t.indexes[3].opclasses, std::vector<std::string>{"text_pattern_ops"});
  EXPECT_EQ(t.indexes[4].method, "gin");
  EXPECT_TRUE(t.column("plain_doc").type.plain_json);
  EXPECT_FALSE(t.column("doc").type.plain_json);
  EXPECT_TRUE(back.tables[1].is_view);
  EXPECT_EQ(back.tables[1].view_sql, s.tables[1].view_sql);
  EXPECT_EQ(back.enums, s.enums);
}

TEST(SchemaJson, TheModelSchemasSurviveARoundTrip) {
  Schema s = qt::test_schema();
  EXPECT_EQ(schema_from_json(schema_to_json(s)), s);
  EXPECT_EQ(schema_from_json(schema_to_json(Schema{})), Schema{});
}

TEST(SchemaJson, TheTextIsStableAcrossRoundTrips) {
  std::string once = schema_to_json(everything_schema());
  EXPECT_EQ(schema_to_json(schema_from_json(once)), once);
}

TEST(SchemaJson, TheDocumentedLayoutIsWhatIsWritten) {
  Schema s;
  TableSchema t;
  t.name = "band";
  t.columns.push_back({"id", sql_type(TypeKind::int64), false, true, std::nullopt, ""});
  t.columns.push_back({"name", sql_type(TypeKind::varchar, 50), true, false, "'x'", ""});
  t.primary_key = {"id"};
  s.tables.push_back(t);
  // The example of docs/schema-json.md.
  EXPECT_EQ(schema_to_json(s), R"({
  "format": "quarry-schema",
  "version": 1,
  "tables": [
    {
      "name": "band",
      "schema": "",
      "is_view": false,
      "comment": "",
      "columns": [
        {"name": "id", "type": {"kind": "int64"}, "nullable": false, "auto_increment": true, "default_sql": null, "comment": ""},
        {"name": "name", "type": {"kind": "varchar", "length": 50}, "nullable": true, "auto_increment": false, "default_sql": "'x'", "comment": ""}
      ],
      "primary_key": ["id"],
      "uniques": [],
      "foreign_keys": [],
      "checks": [],
      "indexes": [],
      "view_sql": ""
    }
  ],
  "enums": []
}
)");
}

TEST(SchemaJson, IndexMethodsAndPlainJsonAreWrittenOnlyWhenSet) {
  // So that a document of a schema without them is what it was before they
  // existed, and such older documents read as before.
  Schema s = everything_schema();
  std::string text = schema_to_json(s);
  EXPECT_NE(text.find(R"("type": {"kind": "json", "plain_json": true})"), std::string::npos);
  EXPECT_NE(text.find(R"("method": "gin", "opclasses": ["jsonb_path_ops"])"), std::string::npos)
      << text;
  EXPECT_EQ(text.find(R"("method": "")"), std::string::npos) << text;
  EXPECT_EQ(text.find(R"("opclasses": [])"), std::string::npos) << text;
  Schema old = schema_from_json(R"({"format": "quarry-schema", "version": 1, "tables": [
    {"name": "t", "columns": [{"name": "doc", "type": {"kind": "json"}}],
     "indexes": [{"name": "ix", "columns": ["doc"]}]}]})");
  EXPECT_FALSE(old.tables[0].columns[0].type.plain_json);
  EXPECT_EQ(old.tables[0].indexes[0].method, "");
  EXPECT_TRUE(old.tables[0].indexes[0].opclasses.empty());
}

TEST(SchemaJson, MoreOperatorClassesThanKeysAreRejected) {
  try {
    schema_from_json(R"({"format": "quarry-schema", "version": 1, "tables": [
      {"name": "t", "columns": [{"name": "a", "type": {"kind": "text"}}],
       "indexes": [{"name": "ix", "columns": ["a"], "opclasses": ["text_ops", "x"]}]}]})");
    FAIL() << "expected an error";
  } catch (const std::exception& e) {
    EXPECT_NE(std::string(e.what()).find("$.tables[0].indexes[0].opclasses"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("2 operator classes for 1 key(s)"), std::string::npos)
        << e.what();
  }
}

TEST(SchemaJson, LeftOutFieldsTakeTheirDefaults) {
  Schema s = schema_from_json(R"({"format": "quarry-schema", "version": 1, "tables": [
    {"name": "t", "columns": [{"name": "id", "type": {"kind": "int64"}}],
     "foreign_keys": [{"columns": ["id"], "ref_table": "u", "ref_columns": ["id"]}]}]})");
  ASSERT_EQ(s.tables.size(), 1u);
  const TableSchema& t = s.tables[0];
  EXPECT_EQ(t.name, "t");
  EXPECT_TRUE(t.schema.empty());
  EXPECT_FALSE(t.is_view);
  ASSERT_EQ(t.columns.size(), 1u);
  EXPECT_EQ(t.columns[0], (ColumnSchema{"id", sql_type(TypeKind::int64), false, false, {}, ""}));
  ASSERT_EQ(t.foreign_keys.size(), 1u);
  EXPECT_EQ(t.foreign_keys[0].on_delete, ReferentialAction::no_action);
  EXPECT_FALSE(t.foreign_keys[0].deferrable);
  EXPECT_TRUE(s.enums.empty());
}

/// Parses `json`, expecting a SchemaJsonError at `path` whose message
/// contains `words`.
void expect_rejected(const std::string& json, const std::string& path, const std::string& words) {
  try {
    schema_from_json(json);
    ADD_FAILURE() << "accepted: " << json;
  } catch (const SchemaJsonError& e) {
    EXPECT_EQ(e.path(), path) << e.what();
    std::string message = e.what();
    EXPECT_EQ(message.rfind(path + ": ", 0), 0u) << "the message starts with the path: " << message;
    EXPECT_NE(message.find(words), std::string::npos) << message;
  }
}

/// A document with one table "t" whose body is `table_body` (the members
/// after "name").
std::string with_table(const std::string& table_body) {
  return R"({"format": "quarry-schema", "version": 1, "tables": [{"name": "t", )" + table_body +
         "}]}";
}

TEST(SchemaJson, BadJsonNamesTheLineAndColumn) {
  expect_rejected("{\n  \"format\": \"quarry-schema\",\n  \"version\": 1,\n  \"tables\": [,]\n}",
                  "$", "line 4, column 14");
  expect_rejected("", "$", "not valid JSON");
  expect_rejected(R"({"format": "quarry-schema", "version": 1, "tables": []} trailing)", "$",
                  "not valid JSON");
}

TEST(SchemaJson, AnotherFormatOrVersionIsRejectedFirst) {
  expect_rejected("[]", "$", "expected an object, found an array");
  expect_rejected(R"({"tables": []})", "$", "not a quarry-schema document (no \"format\" key)");
  expect_rejected(R"({"format": "openapi", "version": 1, "tables": []})", "$.format",
                  "expected \"quarry-schema\", found \"openapi\"");
  expect_rejected(R"({"format": "quarry-schema", "tables": []})", "$",
                  "missing required key \"version\"");
  // A newer version fails on its version, not on a key this one does not know.
  expect_rejected(R"({"format": "quarry-schema", "version": 2, "tables": [], "sequences": []})",
                  "$.version", "version 2 is not supported; this Quarry reads version 1");
  expect_rejected(R"({"format": "quarry-schema", "version": "1", "tables": []})", "$.version",
                  "version \"1\" is not supported");
  expect_rejected(R"({"format": "quarry-schema", "version": 1})", "$",
                  "missing required key \"tables\"");
}

TEST(SchemaJson, UnknownKeysAreRejectedWithASuggestion) {
  expect_rejected(with_table(R"("columns": [{"name": "id", "type": {"kind": "int64"}},
                                            {"name": "x", "type": {"kind": "text"}, "nulable": true}])"),
                  "$.tables[0].columns[1].nulable",
                  "unknown key \"nulable\"; did you mean \"nullable\"?");
  expect_rejected(R"({"format": "quarry-schema", "version": 1, "tables": [], "we\"ird": 0})",
                  R"($["we\"ird"])", R"(unknown key "we\"ird")");
  expect_rejected(with_table(R"("primary_keys": [])"), "$.tables[0].primary_keys",
                  "did you mean \"primary_key\"?");
}

TEST(SchemaJson, ValuesOfTheWrongTypeNameTheirPath) {
  expect_rejected(
      with_table(R"("columns": [{"name": "id", "type": {"kind": "int64"}, "nullable": "yes"}])"),
      "$.tables[0].columns[0].nullable", "expected true or false, found a string");
  expect_rejected(with_table(R"("columns": {})"), "$.tables[0].columns",
                  "expected an array, found an object");
  expect_rejected(with_table(R"("columns": [{"name": 7, "type": {"kind": "int64"}}])"),
                  "$.tables[0].columns[0].name", "expected a string, found a number");
  expect_rejected(
      with_table(R"("columns": [{"name": "v", "type": {"kind": "varchar", "length": -1}}])"),
      "$.tables[0].columns[0].type.length", "expected an integer from 0 to");
  expect_rejected(
      with_table(R"("columns": [{"name": "v", "type": {"kind": "varchar", "length": 2.5}}])"),
      "$.tables[0].columns[0].type.length", "found 2.5");
  expect_rejected(
      with_table(
          R"("primary_key": ["id", 3], "columns": [{"name": "id", "type": {"kind": "int64"}}])"),
      "$.tables[0].primary_key[1]", "expected a string, found a number");
  expect_rejected(
      with_table(R"("columns": [{"name": "id", "type": {"kind": "int64"}, "default_sql": 0}])"),
      "$.tables[0].columns[0].default_sql", "expected a string, found a number");
}

TEST(SchemaJson, UnknownKindsAndActionsAreRejected) {
  expect_rejected(with_table(R"("columns": [{"name": "id", "type": {"kind": "int65"}}])"),
                  "$.tables[0].columns[0].type.kind",
                  "unknown type kind \"int65\"; did you mean \"int64\"?");
  expect_rejected(
      with_table(R"("columns": [{"name": "a", "type": {"kind": "array", "element": "lol"}}])"),
      "$.tables[0].columns[0].type.element", "unknown type kind \"lol\"");
  expect_rejected(with_table(R"("columns": [{"name": "id", "type": {"kind": "int64"}}],
      "foreign_keys": [{"columns": ["id"], "ref_table": "u", "ref_columns": ["id"], "on_delete": "explode"}])"),
                  "$.tables[0].foreign_keys[0].on_delete",
                  "unknown referential action \"explode\" (expected one of no_action");
}

TEST(SchemaJson, KeysNamingMissingColumnsAreRejected) {
  const std::string columns = R"("columns": [{"name": "id", "type": {"kind": "int64"}}], )";
  expect_rejected(with_table(columns + R"("primary_key": ["idd"])"), "$.tables[0].primary_key[0]",
                  "table \"t\" has no column \"idd\"; did you mean \"id\"?");
  expect_rejected(with_table(columns + R"("uniques": [{"columns": ["id", "nope"]}])"),
                  "$.tables[0].uniques[0].columns[1]", "table \"t\" has no column \"nope\"");
  expect_rejected(with_table(columns + R"("indexes": [{"columns": ["x"]}])"),
                  "$.tables[0].indexes[0].columns[0]", "table \"t\" has no column \"x\"");
  expect_rejected(with_table(columns + R"("indexes": [{"name": "empty"}])"),
                  "$.tables[0].indexes[0]", "an index needs \"columns\" or \"expressions\"");
  expect_rejected(
      with_table(
          columns +
          R"("foreign_keys": [{"columns": ["ix"], "ref_table": "u", "ref_columns": ["id"]}])"),
      "$.tables[0].foreign_keys[0].columns[0]", "no column \"ix\"; did you mean \"id\"?");
  expect_rejected(
      with_table(
          columns +
          R"("foreign_keys": [{"columns": ["id"], "ref_table": "u", "ref_columns": ["a", "b"]}])"),
      "$.tables[0].foreign_keys[0].ref_columns",
      "2 referenced column(s) for 1 foreign key column(s)");
  expect_rejected(
      with_table(columns + R"("foreign_keys": [{"columns": ["id"], "ref_columns": ["id"]}])"),
      "$.tables[0].foreign_keys[0]", "missing required key \"ref_table\"");
}

TEST(SchemaJson, DuplicatesAndEmptyNamesAreRejected) {
  expect_rejected(with_table(R"("columns": [{"name": "id", "type": {"kind": "int64"}},
                                            {"name": "id", "type": {"kind": "text"}}])"),
                  "$.tables[0].columns[1].name", "duplicate column \"id\" in table \"t\"");
  expect_rejected(R"({"format": "quarry-schema", "version": 1,
                      "tables": [{"name": "t"}, {"name": "u"}, {"name": "t"}]})",
                  "$.tables[2].name", "duplicate table \"t\"");
  // The same name in two namespaces is two tables.
  EXPECT_EQ(schema_from_json(R"({"format": "quarry-schema", "version": 1,
                      "tables": [{"name": "t"}, {"name": "t", "schema": "other"}]})")
                .tables.size(),
            2u);
  expect_rejected(R"({"format": "quarry-schema", "version": 1, "tables": [{"name": ""}]})",
                  "$.tables[0].name", "a table name cannot be empty");
  expect_rejected(R"({"format": "quarry-schema", "version": 1, "tables": [{"columns": []}]})",
                  "$.tables[0]", "missing required key \"name\"");
  expect_rejected(
      R"({"format": "quarry-schema", "version": 1, "tables": [], "enums": [{"values": []}]})",
      "$.enums[0]", "missing required key \"name\"");
}

}  // namespace
