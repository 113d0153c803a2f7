// `quarry codegen` on live databases, run as the real binary: the header is
// generate_models() of the reflected schema, on SQLite and on PostgreSQL,
// and failures exit non-zero and leave no file behind.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <quarry/codegen/codegen.hpp>

#include "cli/cli_databases.hpp"
#include "cli/run_quarry.hpp"

namespace {

using namespace quarry;
using qt::CliResult;
using qt::read_whole_file;
using qt::run_quarry;

void expect_failure(const CliResult& r, int status, const std::string& message) {
  EXPECT_EQ(r.status, status) << r.err;
  EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err;
  EXPECT_EQ(r.out, "");
}

std::string generated(const std::string& url, const std::string& namespace_name = "") {
  CodegenOptions options;
  options.clang_format = false;
  options.namespace_name = namespace_name;
  return generate_models(qt::reflect_url(url), options);
}

TEST(CodegenCommand, WritesTheModelsOfASqliteDatabase) {
  qt::PlaygroundFile db;
  qt::TempDir dir;
  CliResult r = run_quarry({"codegen", db.url(), "-o", dir / "models.hpp", "--no-clang-format"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  std::string header = read_whole_file(dir / "models.hpp");
  EXPECT_EQ(header, generated(db.url()));
  EXPECT_NE(header.find("QUARRY_TABLE(Band, band,"), std::string::npos) << header;
  EXPECT_EQ(dir.files(), std::vector<std::string>{"models.hpp"});
  EXPECT_EQ(r.err, "") << "no progress when stderr is not a terminal";
}

TEST(CodegenCommand, PrintsProgressOnStderrOnlyWithProgress) {
  qt::PlaygroundFile db;
  CliResult r = run_quarry({"codegen", db.url(), "--no-clang-format", "--progress"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, generated(db.url())) << "progress never goes into the output";
  EXPECT_NE(r.err.find("quarry:   read 4/4 catalogue queries\n"), std::string::npos) << r.err;
  // The playground: five tables and a view, each counted as it is generated.
  for (int i = 1; i <= 6; ++i) {
    EXPECT_NE(r.err.find(fmt::format("quarry:   generated {}/6 tables\n", i)), std::string::npos)
        << r.err;
  }
  EXPECT_EQ(r.err.find("generated 7/"), std::string::npos) << r.err;
  r = run_quarry({"codegen", db.url(), "--no-clang-format", "--progress", "--quiet"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

TEST(CodegenCommand, OptionsReachTheGenerator) {
  qt::PlaygroundFile db;
  CliResult r = run_quarry(
      {"codegen", db.url(), "--namespace", "music", "--no-clang-format", "--only", "band,manager"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("namespace music {"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("struct Band {"), std::string::npos);
  EXPECT_EQ(r.out.find("struct Concert {"), std::string::npos) << "--only";
  r = run_quarry({"codegen", db.url(), "--no-clang-format", "--no-views"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("PopularBand"), std::string::npos) << "--no-views";
  EXPECT_NE(r.out.find("struct Ticket {"), std::string::npos);
}

TEST(CodegenCommand, WritesTheModelsOfAPostgresDatabase) {
  qt::PlaygroundPg pg;
  QT_NEED_POSTGRES(pg);
  CliResult r = run_quarry({"codegen", pg.url(), "--no-clang-format"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, generated(pg.url()));
}

TEST(CodegenCommand, FailuresExitNonZeroAndLeaveNoFile) {
  qt::PlaygroundFile db;
  qt::TempDir dir;
  std::ofstream(dir / "models.hpp") << "// hand-written, keep\n";
  expect_failure(run_quarry({"codegen", db.url(), "--only", "concerts", "-o", dir / "models.hpp"}),
                 2,
                 "quarry codegen: error: --only: no table \"concerts\" in the database; did "
                 "you mean \"concert\"?");
  EXPECT_EQ(read_whole_file(dir / "models.hpp"), "// hand-written, keep\n");
  expect_failure(run_quarry({"codegen", "sqlite:///" + (dir / "none.db"), "-o", dir / "m.hpp"}), 1,
                 "no SQLite database file");
  expect_failure(run_quarry({"codegen", "postgres://quarry@127.0.0.1:1/x", "-o", dir / "m.hpp"}), 1,
                 "quarry codegen: error: cannot connect to PostgreSQL at 127.0.0.1:1");
  expect_failure(run_quarry({"codegen", "sqlit:///x.db"}), 2, "unsupported database URL scheme");
  expect_failure(run_quarry({"codegen", db.url(), "-o", dir / "missing/models.hpp"}), 1,
                 "cannot write " + (dir / "missing/models.hpp"));
  EXPECT_EQ(dir.files(), std::vector<std::string>{"models.hpp"});
  CliResult help = run_quarry({"codegen", "--help"});
  EXPECT_EQ(help.status, 0);
  for (const char* option : {"--namespace", "--no-clang-format", "--output", "--only", "--exclude",
                             "--schema", "--no-views", "--schema-json", "--progress", "--quiet"}) {
    EXPECT_NE(help.out.find(option), std::string::npos) << option;
  }
}

}  // namespace
