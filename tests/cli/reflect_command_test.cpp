// `quarry reflect`, run as the real binary on a SQLite file and on the
// PostgreSQL test server: the human listing, --json (which must read back as
// the schema reflection gives), the filters, and every error with its exit
// status: bad URL, missing file, unreachable server, no such table.
#include <gtest/gtest.h>

#include <filesystem>

#include <quarry/schema/json.hpp>

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

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ReflectCommand, JsonIsWhatReflectionReadsOnSqlite) {
  qt::PlaygroundFile db;
  CliResult r = run_quarry({"reflect", db.url(), "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  Schema printed = schema_from_json(r.out);
  EXPECT_EQ(printed, qt::reflect_url(db.url()));
  ASSERT_EQ(printed.tables.size(), 6u);
  EXPECT_NE(printed.find_table("popular_band"), nullptr);
  EXPECT_TRUE(printed.find_table("popular_band")->is_view);
}

TEST(ReflectCommand, TheListingShowsColumnsKeysAndConstraints) {
  qt::PlaygroundFile db;
  CliResult r = run_quarry({"reflect", db.url()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "table band\n  column      type         null  default  key\n")) << r.out;
  EXPECT_TRUE(has(r.out, "  manager     bigint       yes            FK manager.id\n")) << r.out;
  EXPECT_TRUE(has(r.out, "  popularity  integer            0\n")) << r.out;
  EXPECT_TRUE(
      has(r.out, "  foreign key band_manager_fkey (manager) -> manager (id) on delete set null"))
      << r.out;
  EXPECT_TRUE(has(r.out, "  check band_popularity_not_negative")) << r.out;
  EXPECT_TRUE(has(r.out, "  index ix_band_popularity (popularity)\n")) << r.out;
  EXPECT_TRUE(has(r.out, "view popular_band\n")) << r.out;
  EXPECT_TRUE(has(r.out, "\n5 tables, 1 view, 0 enum types\n")) << r.out;
}

TEST(ReflectCommand, FiltersChooseTablesAndViews) {
  qt::PlaygroundFile db;
  CliResult r = run_quarry({"reflect", db.url(), "--json", "--only", "band,manager"});
  ASSERT_EQ(r.status, 0) << r.err;
  Schema s = schema_from_json(r.out);
  ASSERT_EQ(s.tables.size(), 2u);
  EXPECT_NE(s.find_table("band"), nullptr);
  EXPECT_NE(s.find_table("manager"), nullptr);

  r = run_quarry({"reflect", db.url(), "--json", "--exclude", "ticket", "--no-views"});
  ASSERT_EQ(r.status, 0) << r.err;
  s = schema_from_json(r.out);
  EXPECT_EQ(s.tables.size(), 4u);
  EXPECT_EQ(s.find_table("ticket"), nullptr);
  EXPECT_EQ(s.find_table("popular_band"), nullptr);
}

TEST(ReflectCommand, WritesTheOutputFileWhole) {
  qt::PlaygroundFile db;
  qt::TempDir dir;
  CliResult r =
      run_quarry({"reflect", db.url(), "--json", "-o", dir / "schema.json", "--progress"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(has(r.err, "quarry: connecting to " + db.url() + "...")) << r.err;
  EXPECT_TRUE(has(r.err, "quarry:   5 tables, 1 view, 0 enum types")) << r.err;
  // Progress within the reading: SQLite's reflection is four catalogue queries.
  EXPECT_TRUE(has(r.err, "quarry:   read 1/4 catalogue queries\n")) << r.err;
  EXPECT_TRUE(has(r.err, "quarry:   read 4/4 catalogue queries\n")) << r.err;
  EXPECT_EQ(schema_from_json(read_whole_file(dir / "schema.json")), qt::reflect_url(db.url()));
  EXPECT_EQ(dir.files(), std::vector<std::string>{"schema.json"});
  // The JSON file is a source of its own.
  r = run_quarry({"reflect", "--schema-json", dir / "schema.json", "--only", "venue"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "table venue\n"));
  EXPECT_FALSE(has(r.out, "table band\n"));
}

TEST(ReflectCommand, NeverChangesTheDatabaseFile) {
  qt::PlaygroundFile db;
  auto before = std::filesystem::last_write_time(db.path());
  std::string bytes = read_whole_file(db.path());
  ASSERT_EQ(run_quarry({"reflect", db.url(), "--json"}).status, 0);
  EXPECT_EQ(std::filesystem::last_write_time(db.path()), before);
  EXPECT_EQ(read_whole_file(db.path()), bytes);
}

TEST(ReflectCommand, BadUrlsExitWith2) {
  expect_failure(run_quarry({"reflect", "mysql://localhost/x"}), 2,
                 "quarry reflect: error: unsupported database URL scheme \"mysql\"");
  expect_failure(run_quarry({"reflect", "not a url"}), 2, "quarry reflect: error: ");
  expect_failure(run_quarry({"reflect", "sqlite:///x.db?colour=red"}), 2, "colour");
}

TEST(ReflectCommand, AMissingSqliteFileExitsWith1AndIsNotCreated) {
  qt::TempDir dir;
  std::string url = "sqlite:///" + (dir / "missing.db");
  expect_failure(run_quarry({"reflect", url}), 1,
                 "quarry reflect: error: no SQLite database file " + (dir / "missing.db"));
  EXPECT_TRUE(dir.files().empty()) << "reflecting must not create a database";
}

TEST(ReflectCommand, AFileThatIsNotADatabaseExitsWith1) {
  qt::TempDir dir;
  std::ofstream(dir / "notes.db") << "these are not the tables you are looking for\n";
  expect_failure(run_quarry({"reflect", "sqlite:///" + (dir / "notes.db")}), 1,
                 "quarry reflect: error: ");
}

TEST(ReflectCommand, AnUnreachableServerExitsWith1) {
  // Port 1 on the loopback: nothing listens, the connection is refused at once.
  CliResult r =
      run_quarry({"reflect", "postgresql://quarry@127.0.0.1:1/nothing?connect_timeout=5"});
  expect_failure(r, 1, "quarry reflect: error: cannot connect to PostgreSQL at 127.0.0.1:1");
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line: " << r.err;
}

TEST(ReflectCommand, NoSuchTableOrSchemaExitsWith2) {
  qt::PlaygroundFile db;
  expect_failure(run_quarry({"reflect", db.url(), "--only", "band,tickets"}), 2,
                 "quarry reflect: error: --only: no table \"tickets\" in the database; did you "
                 "mean \"ticket\"?");
  expect_failure(run_quarry({"reflect", db.url(), "--exclude", "venues"}), 2,
                 "--exclude: no table \"venues\" in the database; did you mean \"venue\"?");
  expect_failure(run_quarry({"reflect", db.url(), "--schema", "sales"}), 2,
                 "SQLite has no schema \"sales\"");
}

TEST(ReflectCommand, AnUnwritableOutputExitsWith1BeforeConnecting) {
  qt::TempDir dir;
  // The output is checked first: the unreachable server is never tried.
  expect_failure(run_quarry({"reflect", "postgresql://quarry@127.0.0.1:1/x", "-o",
                             dir / "no/dir/schema.json"}),
                 1, "cannot write " + (dir / "no/dir/schema.json") + ": No such file or directory");
  EXPECT_TRUE(dir.files().empty());
}

TEST(ReflectCommand, JsonIsWhatReflectionReadsOnPostgres) {
  qt::PlaygroundPg pg;
  QT_NEED_POSTGRES(pg);
  CliResult r = run_quarry({"reflect", pg.url(), "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  Schema printed = schema_from_json(r.out);
  EXPECT_EQ(printed, qt::reflect_url(pg.url()));
  EXPECT_EQ(printed.tables.size(), 6u);
  r = run_quarry({"reflect", pg.url()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "table concert\n")) << r.out;
  EXPECT_TRUE(has(r.out, "\n5 tables, 1 view, 0 enum types\n")) << r.out;
}

TEST(ReflectCommand, TheListingShowsIndexMethodsAndOperatorClassesOnPostgres) {
  qt::PlaygroundPg pg;
  QT_NEED_POSTGRES(pg);
  {
    auto db = Database::open(pg.url(), {.pool_size = 1});
    db.execute_sync(R"(CREATE INDEX ix_band_name_pattern ON band ("name" varchar_pattern_ops))");
    db.execute_sync(R"(CREATE INDEX ix_band_popularity_brin ON band USING brin ("popularity"))");
    db.close();
  }
  CliResult r = run_quarry({"reflect", pg.url(), "--progress"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, "  index ix_band_name_pattern (name varchar_pattern_ops)\n")) << r.out;
  EXPECT_TRUE(has(r.out, "  index ix_band_popularity_brin using brin (popularity)\n")) << r.out;
  EXPECT_TRUE(has(r.err, "quarry:   read 6/6 catalogue queries\n")) << r.err;
  EXPECT_FALSE(has(r.out, "catalogue queries")) << "progress never goes into the output";
  r = run_quarry({"reflect", pg.url(), "--json"});
  ASSERT_EQ(r.status, 0) << r.err;
  Schema printed = schema_from_json(r.out);
  const TableSchema& band = printed.table("band");
  bool found = false;
  for (const auto& ix : band.indexes) {
    if (ix.name != "ix_band_popularity_brin") continue;
    found = true;
    EXPECT_EQ(ix.method, "brin");
  }
  EXPECT_TRUE(found) << r.out;
}

TEST(ReflectCommand, PostgresErrorsNameTheProblem) {
  qt::PlaygroundPg pg;
  QT_NEED_POSTGRES(pg);
  expect_failure(run_quarry({"reflect", pg.url(), "--only", "bnad"}), 2,
                 "--only: no table \"bnad\" in the database; did you mean \"band\"?");
  // A wrong password: the server is reached and refuses.
  std::string url = qt::postgres_url();
  auto at = url.find('@');
  auto colon = url.rfind(':', at);
  ASSERT_NE(at, std::string::npos);
  std::string wrong = url.substr(0, colon + 1) + "wrong-password" + url.substr(at);
  CliResult r = run_quarry({"reflect", wrong});
  expect_failure(r, 1, "quarry reflect: error: cannot connect to PostgreSQL");
  EXPECT_FALSE(has(r.err, "wrong-password")) << "the password is not printed";
}

}  // namespace
