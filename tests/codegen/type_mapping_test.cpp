// Codegen type mapping: each SqlType to a member type and the constraints
// that restore its length, precision or raw SQL type.
#include <gtest/gtest.h>

#include "codegen/type_mapping.hpp"

using namespace quarry;
using namespace quarry::detail::codegen;

namespace {
ColumnSchema column(TypeKind kind, bool nullable = false) {
  ColumnSchema c;
  c.name = "c";
  c.type.kind = kind;
  c.nullable = nullable;
  return c;
}
}  // namespace

TEST(CodegenTypeMapping, MappedKindsBecomeTheirCppTypes) {
  EXPECT_EQ(map_type(column(TypeKind::int16)).cpp, "std::int16_t");
  EXPECT_EQ(map_type(column(TypeKind::int32)).cpp, "std::int32_t");
  EXPECT_EQ(map_type(column(TypeKind::int64)).cpp, "std::int64_t");
  EXPECT_EQ(map_type(column(TypeKind::float64)).cpp, "double");
  EXPECT_EQ(map_type(column(TypeKind::boolean)).cpp, "bool");
  EXPECT_EQ(map_type(column(TypeKind::text)).cpp, "std::string");
  EXPECT_EQ(map_type(column(TypeKind::blob)).cpp, "quarry::Blob");
  EXPECT_EQ(map_type(column(TypeKind::date)).cpp, "quarry::Date");
  EXPECT_EQ(map_type(column(TypeKind::time)).cpp, "quarry::TimeOfDay");
  EXPECT_EQ(map_type(column(TypeKind::timestamp)).cpp, "quarry::Timestamp");
  EXPECT_EQ(map_type(column(TypeKind::timestamptz)).cpp, "quarry::TimestampTz");
  EXPECT_EQ(map_type(column(TypeKind::uuid)).cpp, "quarry::Uuid");
  EXPECT_EQ(map_type(column(TypeKind::json)).cpp, "quarry::Json");
  EXPECT_EQ(map_type(column(TypeKind::decimal)).cpp, "quarry::Decimal");
}

TEST(CodegenTypeMapping, ScalarsAreValueInitialisedAndClassesAreNot) {
  EXPECT_EQ(map_type(column(TypeKind::int64)).initializer, "{}");
  EXPECT_EQ(map_type(column(TypeKind::timestamp)).initializer, "{}");
  EXPECT_EQ(map_type(column(TypeKind::text)).initializer, "");
  EXPECT_EQ(map_type(column(TypeKind::int64, true)).initializer, "");
}

TEST(CodegenTypeMapping, NullableColumnsAreOptional) {
  auto m = map_type(column(TypeKind::int32, true));
  EXPECT_EQ(m.cpp, "std::optional<std::int32_t>");
  EXPECT_TRUE(m.constraints.empty());
}

TEST(CodegenTypeMapping, LengthAndPrecisionBecomeConstraints) {
  ColumnSchema v = column(TypeKind::varchar);
  v.type.length = 50;
  EXPECT_EQ(map_type(v).constraints, std::vector<std::string>{"varchar(50)"});
  ColumnSchema d = column(TypeKind::decimal);
  d.type.precision = 10;
  d.type.scale = 2;
  EXPECT_EQ(map_type(d).constraints, std::vector<std::string>{"numeric(10, 2)"});
  EXPECT_TRUE(map_type(column(TypeKind::decimal)).constraints.empty());
}

TEST(CodegenTypeMapping, UnmappedTypesAreKeptAsRawSqlWithANote) {
  ColumnSchema raw = column(TypeKind::raw, true);
  raw.type.type_name = "tsvector";
  auto m = map_type(raw);
  EXPECT_EQ(m.cpp, "std::optional<std::string>");
  EXPECT_EQ(m.constraints, std::vector<std::string>{R"(raw_type("tsvector"))"});
  EXPECT_NE(m.note.find("tsvector"), std::string::npos);
}

TEST(CodegenTypeMapping, IntervalsAndArraysHaveCppTypesAndDatabaseEnumsStayRaw) {
  auto interval = map_type(column(TypeKind::interval));
  EXPECT_EQ(interval.cpp, "quarry::Interval");
  EXPECT_TRUE(interval.constraints.empty());

  ColumnSchema array = column(TypeKind::array);
  array.type.element = TypeKind::int32;
  auto ints = map_type(array);
  EXPECT_EQ(ints.cpp, "std::vector<std::optional<std::int32_t>>") << "elements may be NULL";
  EXPECT_TRUE(ints.constraints.empty());
  array.nullable = true;
  EXPECT_EQ(map_type(array).cpp, "std::optional<std::vector<std::optional<std::int32_t>>>");

  // An element type whose length would be lost keeps its SQL type.
  ColumnSchema names = column(TypeKind::array);
  names.type.element = TypeKind::varchar;
  names.type.length = 20;
  EXPECT_EQ(map_type(names).constraints, std::vector<std::string>{R"(raw_type("VARCHAR(20)[]"))"});

  ColumnSchema mood = column(TypeKind::db_enum);
  mood.type.type_name = "mood";
  mood.type.enum_values = {"happy", "sad"};
  auto m = map_type(mood);
  EXPECT_EQ(m.cpp, "std::string");
  EXPECT_EQ(m.constraints, std::vector<std::string>{R"(raw_type("mood"))"});
  EXPECT_NE(m.note.find("enum"), std::string::npos);

  // With a generated C++ enum for its type, the column is typed by it.
  DbEnumNames enums{{"mood", "Mood"}};
  m = map_type(mood, enums);
  EXPECT_EQ(m.cpp, "Mood");
  EXPECT_EQ(m.initializer, "{}");
  EXPECT_TRUE(m.constraints.empty());
  mood.nullable = true;
  EXPECT_EQ(map_type(mood, enums).cpp, "std::optional<Mood>");
}

TEST(CodegenTypeMapping, EnumLabelsMustBeUsableAsTheyAre) {
  EXPECT_TRUE(enum_labels_are_identifiers({"happy", "ok", "sad_2", "_x", "Big"}));
  EXPECT_FALSE(enum_labels_are_identifiers({}));
  EXPECT_FALSE(enum_labels_are_identifiers({"next day"}));
  EXPECT_FALSE(enum_labels_are_identifiers({"two-day"}));
  EXPECT_FALSE(enum_labels_are_identifiers({"2nd"}));
  EXPECT_FALSE(enum_labels_are_identifiers({""}));
  EXPECT_FALSE(enum_labels_are_identifiers({"class"})) << "a keyword";
  EXPECT_FALSE(enum_labels_are_identifiers({"a__b"})) << "reserved";
  EXPECT_FALSE(enum_labels_are_identifiers({"_Big"})) << "reserved";
  EXPECT_FALSE(enum_labels_are_identifiers({"a", "a"})) << "two the same";
  EXPECT_FALSE(enum_labels_are_identifiers({"caf\xc3\xa9"}));
}

TEST(CodegenTypeMapping, PlainJsonIsAConstraint) {
  ColumnSchema doc = column(TypeKind::json);
  EXPECT_TRUE(map_type(doc).constraints.empty());
  doc.type.plain_json = true;
  EXPECT_EQ(map_type(doc).cpp, "quarry::Json");
  EXPECT_EQ(map_type(doc).constraints, std::vector<std::string>{"plain_json"});
}

TEST(CodegenTypeMapping, StringLiteralsAreRawWhenTheTextHasQuotes) {
  EXPECT_EQ(cpp_string("CURRENT_TIMESTAMP"), R"("CURRENT_TIMESTAMP")");
  EXPECT_EQ(cpp_string(R"("a" > 0)"), R"-(R"("a" > 0)")-");
  // The delimiter grows until the text cannot end the literal early.
  EXPECT_EQ(cpp_string(R"-(f(")")-"), R"--(R"x(f(")")x")--");
}
