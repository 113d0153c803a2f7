// Codegen naming: SQL names to PascalCase structs, snake_case objects and
// members; keywords, Quarry's own names and clashes between tables resolved.
#include <gtest/gtest.h>

#include "codegen/naming.hpp"

using namespace quarry;
using namespace quarry::detail::codegen;

TEST(CodegenNaming, SnakeCaseSplitsCamelCaseAndSeparators) {
  EXPECT_EQ(snake_case("AlbumId"), "album_id");
  EXPECT_EQ(snake_case("AlbumID"), "album_id");
  EXPECT_EQ(snake_case("HTTPServer"), "http_server");
  EXPECT_EQ(snake_case("album id"), "album_id");
  EXPECT_EQ(snake_case("ALBUM_ID"), "album_id");
  EXPECT_EQ(snake_case("md5Hash"), "md5_hash");
  EXPECT_EQ(snake_case("--x--"), "x");
  EXPECT_EQ(snake_case("???"), "");
}

TEST(CodegenNaming, PascalCaseJoinsWordsAndKeepsInnerCapitals) {
  EXPECT_EQ(pascal_case("order_item"), "OrderItem");
  EXPECT_EQ(pascal_case("order item"), "OrderItem");
  EXPECT_EQ(pascal_case("ORDER_ITEM"), "OrderItem");
  EXPECT_EQ(pascal_case("playlistTrack"), "PlaylistTrack");
  EXPECT_EQ(pascal_case("band"), "Band");
}

TEST(CodegenNaming, KeywordsAreRecognised) {
  EXPECT_TRUE(is_cpp_keyword("class"));
  EXPECT_TRUE(is_cpp_keyword("co_await"));
  EXPECT_TRUE(is_cpp_keyword("NULL"));
  EXPECT_FALSE(is_cpp_keyword("order"));  // SQL's keyword, not C++'s
}

namespace {
TableSchema table(std::string name, std::vector<std::string> columns) {
  TableSchema t;
  t.name = std::move(name);
  for (auto& c : columns) t.columns.push_back({std::move(c), {}, false, false, {}, {}});
  return t;
}
}  // namespace

TEST(CodegenNaming, KeywordsAndTableObjectMembersGetAnUnderscore) {
  TableSchema t = table("class", {"class", "sql_name", "row_type", "quarry_path", "2fa", "UserID"});
  auto names = assign_names({&t});
  ASSERT_EQ(names.size(), 1u);
  EXPECT_EQ(names[0].struct_name, "Class");
  EXPECT_EQ(names[0].instance, "class_");
  EXPECT_EQ(names[0].members, (std::vector<std::string>{"class_", "sql_name_", "row_type_",
                                                        "quarry_path_", "col_2fa", "user_id"}));
}

TEST(CodegenNaming, TablesMappingToOneNameAreNumbered) {
  TableSchema a = table("order_item", {"id"});
  TableSchema b = table("OrderItem", {"id"});
  TableSchema c = table("order item", {"id"});
  auto names = assign_names({&a, &b, &c});
  EXPECT_EQ(names[0].struct_name, "OrderItem");
  EXPECT_EQ(names[0].instance, "order_item");
  EXPECT_EQ(names[1].struct_name, "OrderItem2");
  EXPECT_EQ(names[1].instance, "order_item_2");
  EXPECT_EQ(names[2].struct_name, "OrderItem3");
  EXPECT_EQ(names[2].instance, "order_item_3");
}

TEST(CodegenNaming, ColumnsMappingToOneMemberAreNumbered) {
  TableSchema t = table("t", {"userId", "user_id", "USER ID"});
  EXPECT_EQ(assign_names({&t})[0].members,
            (std::vector<std::string>{"user_id", "user_id_2", "user_id_3"}));
}

TEST(CodegenNaming, QuarryNamesAreNotUsedForTablesOrStructs) {
  TableSchema index_table = table("index", {"id"});
  TableSchema unique_table = table("unique", {"id"});
  TableSchema date = table("date", {"id"});
  TableSchema schema_table = table("Schema", {"id"});
  auto names = assign_names({&index_table, &unique_table, &date, &schema_table});
  EXPECT_EQ(names[0].instance, "index_");  // hidden by QUARRY_TABLE's using-declaration
  EXPECT_EQ(names[1].instance, "unique_");
  EXPECT_EQ(names[2].struct_name, "DateRow");  // not quarry::Date
  EXPECT_EQ(names[3].struct_name, "SchemaRow");
  EXPECT_EQ(names[3].instance, "schema");
}

TEST(CodegenNaming, AColumnNamedLikeItsStructIsRenamed) {
  TableSchema t = table("x", {"X"});
  // "X" -> member "x", struct "X": different already; a struct named like the
  // member is only possible for a name without letters to change.
  auto names = assign_names({&t});
  EXPECT_EQ(names[0].struct_name, "X");
  EXPECT_EQ(names[0].members[0], "x");
}
