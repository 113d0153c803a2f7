// generate_models: golden output for the test and feature models (what a
// person reads), the options (only, exclude, views, namespace), errors, and
// clang-format. The generated code is compiled and checked against its
// source by the ctest entries codegen_compiles_generated_* (CMakeLists.txt).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <quarry/codegen/codegen.hpp>

#include "codegen/feature_models.hpp"
#include "codegen/layout.hpp"
#include "support/models.hpp"

using namespace quarry;

namespace {

std::string golden(const std::string& name) {
  std::ifstream in(std::string(QUARRY_TEST_SOURCE_DIR) + "/codegen/golden/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

CodegenOptions plain() {
  CodegenOptions options;
  options.namespace_name = "gen";
  options.clang_format = false;
  return options;
}

}  // namespace

// To update after a deliberate change: write generate_models' output over the
// file (tests/codegen/golden/) and review the diff.
TEST(Codegen, FeatureModelsMatchTheGoldenHeader) {
  EXPECT_EQ(generate_models(cgm::feature_schema(), plain()), golden("feature_models.hpp.golden"));
}

TEST(Codegen, TestModelsMatchTheGoldenHeader) {
  EXPECT_EQ(generate_models(qt::test_schema(), plain()), golden("test_models.hpp.golden"));
}

TEST(Codegen, OutputIsTheSameWhateverTheOrderOfTheSchemasTables) {
  Schema schema = cgm::feature_schema();
  std::string first = generate_models(schema, plain());
  std::reverse(schema.tables.begin(), schema.tables.end());
  EXPECT_EQ(generate_models(schema, plain()), first);
}

TEST(Codegen, OnlyExcludeAndViewsChooseTheTables) {
  CodegenOptions options = plain();
  options.only = {"artist", "album", "album_summary"};
  std::string out = generate_models(cgm::feature_schema(), options);
  EXPECT_NE(out.find("struct Artist {"), std::string::npos);
  EXPECT_NE(out.find("struct Album {"), std::string::npos);
  EXPECT_NE(out.find("struct AlbumSummary {"), std::string::npos);
  EXPECT_EQ(out.find("struct Track {"), std::string::npos);
  options.views = false;
  out = generate_models(cgm::feature_schema(), options);
  EXPECT_EQ(out.find("struct AlbumSummary {"), std::string::npos);
  options.only.clear();
  options.exclude = {"artist"};
  out = generate_models(cgm::feature_schema(), options);
  EXPECT_EQ(out.find("struct Artist {"), std::string::npos);
  // A key to a table left out cannot be declared: it is kept as a comment.
  EXPECT_NE(out.find("the foreign key (artist_id) -> artist (id) is not declared"),
            std::string::npos);
}

TEST(Codegen, AnUnknownTableInOnlyIsAnErrorNamingIt) {
  CodegenOptions options = plain();
  options.only = {"albun"};
  try {
    generate_models(cgm::feature_schema(), options);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), R"(codegen: the schema has no table "albun"; did you mean "album"?)");
  }
}

TEST(Codegen, WithoutANamespaceTheModelsAreAtGlobalScope) {
  CodegenOptions options = plain();
  options.namespace_name.clear();
  options.only = {"artist"};
  std::string out = generate_models(cgm::feature_schema(), options);
  EXPECT_EQ(out.find("namespace"), std::string::npos);
  EXPECT_NE(out.find("struct Artist {"), std::string::npos);
}

TEST(Codegen, DatabaseEnumTypesOfIdentifiersBecomeCppEnums) {
  Schema schema;
  schema.enums.push_back({"mood", "", {"happy", "sad"}});
  schema.enums.push_back({"stage", "sales", {"draft", "paid"}});
  schema.enums.push_back({"person", "", {"a", "b"}});  // named like a table's struct
  TableSchema t;
  t.name = "person";
  auto add = [&](const std::string& name, const std::string& type, bool nullable) {
    ColumnSchema c;
    c.name = name;
    c.type.kind = TypeKind::db_enum;
    c.type.type_name = type;
    c.nullable = nullable;
    t.columns.push_back(c);
  };
  add("mood", "mood", false);
  add("stage", "sales.stage", true);
  add("kind", "person", false);
  schema.tables.push_back(t);
  std::string out = generate_models(schema, plain());
  EXPECT_NE(out.find("enum class Mood { happy, sad };\nQUARRY_DB_ENUM(Mood, mood, happy, sad);\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("QUARRY_DB_ENUM(Stage, sales.stage, draft, paid);"), std::string::npos) << out;
  EXPECT_NE(out.find("enum class PersonEnum { a, b };"), std::string::npos)
      << "clear of the struct Person: " << out;
  EXPECT_NE(out.find("  Mood mood{};\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  std::optional<Stage> stage;\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  PersonEnum kind{};\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("raw_type"), std::string::npos) << out;
  // schema() lists them all, with their namespaces, whatever schema_of found.
  EXPECT_NE(out.find("  schema.enums.clear();\n"), std::string::npos) << out;
  EXPECT_NE(out.find(R"(schema.enums.push_back({"stage", "sales", {"draft", "paid"}});)"),
            std::string::npos)
      << out;
}

TEST(Codegen, DatabaseEnumTypesWithOtherLabelsKeepTheirColumnsRaw) {
  Schema schema;
  schema.enums.push_back({"mood", "", {"happy", "very sad"}});
  schema.enums.push_back({"keyword", "", {"class", "struct"}});
  schema.enums.push_back({"Odd Name", "", {"a"}});
  TableSchema t;
  t.name = "person";
  for (std::string type : {"mood", "keyword", "Odd Name"}) {
    ColumnSchema c;
    c.name = type == "Odd Name" ? "odd" : type;
    c.type.kind = TypeKind::db_enum;
    c.type.type_name = type;
    t.columns.push_back(c);
  }
  schema.tables.push_back(t);
  std::string out = generate_models(schema, plain());
  EXPECT_NE(out.find("// Database enum type mood: 'happy', 'very sad'. Its labels are not all"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find(R"((mood, raw_type("mood")))"), std::string::npos) << out;
  EXPECT_NE(out.find(R"((keyword, raw_type("keyword")))"), std::string::npos) << out;
  EXPECT_NE(out.find(R"((odd, raw_type("Odd Name")))"), std::string::npos) << out;
  EXPECT_NE(out.find("  // database enum type mood, read and written by name (its labels are not "
                     "all C++ identifiers)\n  std::string mood;\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("QUARRY_DB_ENUM"), std::string::npos) << out;
}

TEST(Codegen, IndexMethodsOperatorClassesAndKeysToOtherNamespacesAreDeclared) {
  auto type = [](TypeKind kind) {
    SqlType out;
    out.kind = kind;
    return out;
  };
  Schema schema;
  TableSchema region;
  region.name = "region";
  region.schema = "sales";
  region.columns.push_back({"id", type(TypeKind::int64), false, true, std::nullopt, ""});
  region.primary_key = {"id"};
  schema.tables.push_back(region);
  TableSchema t;
  t.name = "doc";
  t.columns.push_back({"id", type(TypeKind::int64), false, true, std::nullopt, ""});
  t.columns.push_back({"tags", type(TypeKind::text), false, false, std::nullopt, ""});
  t.columns.push_back({"region_id", type(TypeKind::int64), false, false, std::nullopt, ""});
  SqlType plain_json = type(TypeKind::json);
  plain_json.plain_json = true;
  t.columns.push_back({"body", plain_json, true, false, std::nullopt, ""});
  t.primary_key = {"id"};
  ForeignKey fk;
  fk.name = "doc_region_id_fkey";
  fk.columns = {"region_id"};
  fk.ref_schema = "sales";
  fk.ref_table = "region";
  fk.ref_columns = {"id"};
  t.foreign_keys.push_back(fk);
  Index gin;
  gin.name = "ix_doc_tags";  // the default name: still not declared inline
  gin.columns = {"tags"};
  gin.method = "gin";
  t.indexes.push_back(gin);
  Index pattern;
  pattern.name = "ix_doc_tags_id";
  pattern.columns = {"tags", "id"};
  pattern.opclasses = {"text_pattern_ops"};
  t.indexes.push_back(pattern);
  schema.tables.push_back(t);
  std::string out = generate_models(schema, plain());
  EXPECT_NE(out.find(R"((region_id, references(region.id).in_schema("sales")))"), std::string::npos)
      << out;
  EXPECT_NE(out.find(R"(index(doc.tags).method("gin"))"), std::string::npos) << out;
  EXPECT_NE(out.find(R"(index(doc.tags, doc.id).opclasses({"text_pattern_ops"}))"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("(tags, index"), std::string::npos) << out;
  EXPECT_NE(out.find("(body, plain_json)"), std::string::npos) << out;
}

TEST(Codegen, ClangFormatLeavesItsOwnOutputAsItIs) {
  CodegenOptions options = plain();
  options.clang_format = true;
  std::string formatted = generate_models(cgm::feature_schema(), options);
  auto again = detail::codegen::run_clang_format(formatted);
  if (!again) GTEST_SKIP() << "clang-format is not on PATH";
  EXPECT_EQ(*again, formatted);
  EXPECT_NE(formatted, generate_models(cgm::feature_schema(), plain()));
}

TEST(CodegenLayout, CallsWrapAtTheLineWidthAlignedAfterTheParenthesis) {
  std::vector<std::string> args(12, "(column_name, varchar(20))");
  std::string out = detail::codegen::wrap_call("QUARRY_TABLE(", args, ");");
  std::istringstream lines(out);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    EXPECT_LE(line.size(), 100u) << line;
    if (count++) {
      EXPECT_TRUE(line.starts_with("             (")) << line;
    }
  }
  EXPECT_GT(count, 1);
}

TEST(CodegenLayout, CommentsWrapAtTheLineWidth) {
  std::string text(30, 'a');
  text += ' ' + std::string(40, 'b') + ' ' + std::string(40, 'c');
  EXPECT_EQ(detail::codegen::comment_lines("/// ", text), "/// " + std::string(30, 'a') + ' ' +
                                                              std::string(40, 'b') + "\n/// " +
                                                              std::string(40, 'c') + "\n");
}
