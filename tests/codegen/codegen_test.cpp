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

TEST(Codegen, DatabaseEnumTypesAreListedAndTheirColumnsKeptRaw) {
  Schema schema;
  schema.enums.push_back({"mood", "", {"happy", "sad"}});
  TableSchema t;
  t.name = "person";
  ColumnSchema mood;
  mood.name = "mood";
  mood.type.kind = TypeKind::db_enum;
  mood.type.type_name = "mood";
  t.columns.push_back(mood);
  schema.tables.push_back(t);
  std::string out = generate_models(schema, plain());
  EXPECT_NE(out.find("// Database enum type mood: 'happy', 'sad'."), std::string::npos);
  EXPECT_NE(out.find(R"((mood, raw_type("mood")))"), std::string::npos);
  EXPECT_NE(out.find("  // database enum type mood, read and written by name\n"
                     "  std::string mood;"),
            std::string::npos);
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
