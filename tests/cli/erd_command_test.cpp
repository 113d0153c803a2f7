// `quarry erd`, run as the real binary on a quarry-schema JSON file (every
// format, the options, each error with its message and exit status, never a
// partial or stray output file) and on live SQLite and PostgreSQL databases.
#include <gtest/gtest.h>

#include <fstream>

#include <quarry/erd/erd.hpp>
#include <quarry/schema/json.hpp>

#include "cli/cli_databases.hpp"
#include "cli/run_quarry.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using qt::CliResult;
using qt::read_whole_file;
using qt::run_quarry;

class ErdCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    schema_ = playground::schema();
    TableSchema view;
    view.name = "popular_band";
    view.is_view = true;
    view.view_sql = "SELECT name FROM band WHERE popularity > 100";
    ColumnSchema name;
    name.name = "name";
    name.type.kind = TypeKind::varchar;
    name.type.length = 50;
    name.nullable = true;
    view.columns.push_back(name);
    schema_.tables.push_back(view);
    json_ = dir_ / "schema.json";
    std::ofstream(json_) << schema_to_json(schema_);
  }
  /// The files in the directory besides schema.json: what the command left.
  std::vector<std::string> outputs() const {
    std::vector<std::string> names = dir_.files();
    names.erase(std::remove(names.begin(), names.end(), "schema.json"), names.end());
    return names;
  }

  qt::TempDir dir_;
  Schema schema_;
  std::string json_;
};

TEST_F(ErdCommand, WritesSvgNamedByTheExtension) {
  CliResult r = run_quarry({"erd", "--schema-json", json_, "-o", dir_ / "schema.svg"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "") << "no progress when stderr is not a terminal";
  std::string svg = read_whole_file(dir_ / "schema.svg");
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  for (const auto& t : schema_.tables) {
    EXPECT_NE(svg.find(">" + t.name + "</text>"), std::string::npos) << t.name;
  }
  EXPECT_EQ(outputs(), std::vector<std::string>{"schema.svg"}) << "no temporary file is left";
}

TEST_F(ErdCommand, WritesDotAndMermaidExactlyAsTheLibrary) {
  ASSERT_EQ(run_quarry({"erd", "--schema-json", json_, "-o", dir_ / "a.dot"}).status, 0);
  EXPECT_EQ(read_whole_file(dir_ / "a.dot"), erd_dot(schema_));
  ASSERT_EQ(run_quarry({"erd", "--schema-json", json_, "-o", dir_ / "a.gv"}).status, 0);
  EXPECT_EQ(read_whole_file(dir_ / "a.gv"), erd_dot(schema_));
  ASSERT_EQ(run_quarry({"erd", "--schema-json", json_, "-o", dir_ / "a.mmd"}).status, 0);
  EXPECT_EQ(read_whole_file(dir_ / "a.mmd"), erd_mermaid(schema_));
  // --format wins over the extension; without -o the diagram goes to stdout.
  ASSERT_EQ(run_quarry({"erd", "--schema-json", json_, "--format", "mermaid", "-o", dir_ / "b.txt"})
                .status,
            0);
  EXPECT_EQ(read_whole_file(dir_ / "b.txt"), erd_mermaid(schema_));
  CliResult r = run_quarry({"erd", "--schema-json", json_});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, erd_dot(schema_)) << "DOT is the default on stdout";
  r = run_quarry({"erd", "--schema-json", json_, "--format", "mermaid"});
  EXPECT_EQ(r.out, erd_mermaid(schema_));
}

TEST_F(ErdCommand, WritesPng) {
  CliResult r = run_quarry({"erd", "--schema-json", json_, "-o", dir_ / "schema.PNG"});
  ASSERT_EQ(r.status, 0) << r.err;
  std::string png = read_whole_file(dir_ / "schema.PNG");
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
}

TEST_F(ErdCommand, ReadsTheSchemaFromStdin) {
  CliResult r = run_quarry({"erd", "--schema-json", "-", "--format", "mermaid"}, json_);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, erd_mermaid(schema_));
}

TEST_F(ErdCommand, OptionsChooseTablesAndColumns) {
  ErdOptions only;
  only.only_tables = {"band", "manager"};
  CliResult r = run_quarry({"erd", "--schema-json", json_, "--only", "band,manager"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, erd_dot(schema_, only));
  r = run_quarry({"erd", "--schema-json", json_, "--only", "band", "--only", "manager"});
  EXPECT_EQ(r.out, erd_dot(schema_, only)) << "--only is repeatable";

  ErdOptions exclude;
  exclude.exclude_tables = {"ticket", "venue"};
  r = run_quarry(
      {"erd", "--schema-json", json_, "--exclude", "ticket,venue", "--format", "mermaid"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, erd_mermaid(schema_, exclude));

  ErdOptions keys;
  keys.columns = ErdColumns::keys;
  keys.show_types = false;
  keys.include_views = false;
  keys.title = "Keys only";
  r = run_quarry({"erd", "--schema-json", json_, "--columns", "keys", "--no-types", "--no-views",
                  "--title", "Keys only"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, erd_dot(schema_, keys));
  EXPECT_EQ(r.out.find("popular_band"), std::string::npos);

  ErdOptions none;
  none.columns = ErdColumns::none;
  none.association_tables = true;
  r = run_quarry({"erd", "--schema-json", json_, "--columns", "none", "--association-tables"});
  EXPECT_EQ(r.out, erd_dot(schema_, none));
}

TEST_F(ErdCommand, ProgressGoesToStderrWhenAsked) {
  CliResult r =
      run_quarry({"erd", "--schema-json", json_, "-o", dir_ / "schema.svg", "--progress"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("quarry: reading " + json_ + "..."), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("quarry:   5 tables, 1 view, 0 enum types"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("quarry: drawing 6 tables as svg..."), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("wrote " + (dir_ / "schema.svg")), std::string::npos) << r.err;
  r = run_quarry({"erd", "--schema-json", json_, "--progress", "--quiet"});
  EXPECT_EQ(r.err, "");
}

TEST_F(ErdCommand, HelpListsTheOptions) {
  CliResult r = run_quarry({"erd", "--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* option :
       {"--schema-json", "--only", "--exclude", "--schema", "--no-views", "--output", "--format",
        "--columns", "--no-types", "--association-tables", "--title", "--progress", "--quiet"}) {
    EXPECT_NE(r.out.find(option), std::string::npos) << option << " missing from\n" << r.out;
  }
  r = run_quarry({"--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* command : {"reflect", "codegen", "erd"}) {
    EXPECT_NE(r.out.find(command), std::string::npos) << command;
  }
  r = run_quarry({"--version"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "quarry 0.1.0\n");
}

/// The command failed with `status`, said `message` on stderr, wrote nothing
/// to stdout.
void expect_failure(const CliResult& r, int status, const std::string& message) {
  EXPECT_EQ(r.status, status) << r.err;
  EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err;
  EXPECT_EQ(r.out, "");
}

TEST_F(ErdCommand, CommandLineMistakesExitWith2) {
  expect_failure(run_quarry({"erd"}), 2,
                 "quarry erd: error: give a database URL, or --schema-json FILE");
  expect_failure(run_quarry({"erd", "sqlite:///x.db", "--schema-json", json_}), 2,
                 "give a database URL or --schema-json FILE, not both");
  expect_failure(run_quarry({"erd", "--schema-json", json_, "--colour", "red"}), 2,
                 "The following argument was not expected: --colour");
  expect_failure(run_quarry({"erd", "--schema-json", json_, "--format", "pdf"}), 2,
                 "--format: pdf not in {dot,mermaid,svg,png}");
  expect_failure(run_quarry({"erd", "--schema-json", json_, "--columns", "some"}), 2, "--columns");
  expect_failure(run_quarry({"erd", "--schema-json", json_, "-o", dir_ / "schema.pdf"}), 2,
                 "cannot tell the format from the name " + (dir_ / "schema.pdf") +
                     "; give --format dot|mermaid|svg|png");
  expect_failure(run_quarry({}), 2, "A subcommand is required");
  expect_failure(run_quarry({"draw"}), 2,
                 "quarry: error: unknown command \"draw\"; the commands are reflect, codegen, erd");
  expect_failure(run_quarry({"reflekt", "sqlite:///x.db"}), 2,
                 "quarry: error: unknown command \"reflekt\"; did you mean \"reflect\"?");
  EXPECT_TRUE(outputs().empty());
}

TEST_F(ErdCommand, AnUnknownTableExitsWith2AndSuggests) {
  expect_failure(run_quarry({"erd", "--schema-json", json_, "--only", "band,tickets", "-o",
                             dir_ / "schema.svg"}),
                 2,
                 "quarry erd: error: --only: no table \"tickets\" in the schema file; did you mean "
                 "\"ticket\"?");
  expect_failure(run_quarry({"erd", "--schema-json", json_, "--exclude", "bnad"}), 2,
                 "--exclude: no table \"bnad\" in the schema file; did you mean \"band\"?");
  EXPECT_TRUE(outputs().empty()) << "no partial file";
}

TEST_F(ErdCommand, AFailedRunLeavesAnExistingOutputAlone) {
  std::ofstream(dir_ / "schema.svg") << "the previous diagram";
  expect_failure(
      run_quarry({"erd", "--schema-json", json_, "--only", "nope", "-o", dir_ / "schema.svg"}), 2,
      "no table \"nope\"");
  EXPECT_EQ(read_whole_file(dir_ / "schema.svg"), "the previous diagram");
  EXPECT_EQ(outputs(), std::vector<std::string>{"schema.svg"});
  // A successful run replaces it whole.
  ASSERT_EQ(run_quarry({"erd", "--schema-json", json_, "-o", dir_ / "schema.svg"}).status, 0);
  EXPECT_EQ(read_whole_file(dir_ / "schema.svg").rfind("<?xml", 0), 0u);
}

TEST_F(ErdCommand, AnUnwritableOutputExitsWith1) {
  expect_failure(run_quarry({"erd", "--schema-json", json_, "-o", dir_ / "no/such/dir/x.svg"}), 1,
                 "quarry erd: error: cannot write " + (dir_ / "no/such/dir/x.svg") +
                     ": No such file or directory");
  std::filesystem::create_directory(dir_ / "out.svg");
  expect_failure(run_quarry({"erd", "--schema-json", json_, "-o", dir_ / "out.svg"}), 1,
                 "cannot write " + (dir_ / "out.svg") + ": it is a directory");
  EXPECT_EQ(outputs(), std::vector<std::string>{"out.svg"});
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "out.svg"));
}

TEST_F(ErdCommand, ABadSchemaFileExitsWith1AndNamesThePlace) {
  expect_failure(run_quarry({"erd", "--schema-json", dir_ / "missing.json"}), 1,
                 "quarry erd: error: cannot read schema file " + (dir_ / "missing.json") +
                     ": No such file or directory");
  std::ofstream(dir_ / "bad.json")
      << R"({"format": "quarry-schema", "version": 1, "tables": [{"name": "t", "columns": [{"name": "id", "type": {"kind": "bigint"}}]}]})";
  expect_failure(run_quarry({"erd", "--schema-json", dir_ / "bad.json", "-o", dir_ / "x.svg"}), 1,
                 "quarry erd: error: " + (dir_ / "bad.json") +
                     ": $.tables[0].columns[0].type.kind: unknown type kind \"bigint\"");
  std::ofstream(dir_ / "broken.json") << "{\"format\": \"quarry-schema\",\n \"version\": 1,\n";
  expect_failure(run_quarry({"erd", "--schema-json", dir_ / "broken.json"}), 1,
                 ": $: not valid JSON at line 3, column 1");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "x.svg"));
}

TEST(ErdCommandOnDatabases, DrawsASqliteDatabase) {
  qt::PlaygroundFile db;
  qt::TempDir dir;
  CliResult r = run_quarry({"erd", db.url(), "-o", dir / "schema.dot"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(read_whole_file(dir / "schema.dot"), erd_dot(qt::reflect_url(db.url())));
  r = run_quarry({"erd", db.url(), "-o", dir / "schema.svg"});
  ASSERT_EQ(r.status, 0) << r.err;
  std::string svg = read_whole_file(dir / "schema.svg");
  for (const char* table : {"manager", "band", "venue", "concert", "ticket", "popular_band"}) {
    EXPECT_NE(svg.find(std::string(">") + table + "</text>"), std::string::npos) << table;
  }
  EXPECT_EQ(dir.files(), (std::vector<std::string>{"schema.dot", "schema.svg"}));
}

TEST(ErdCommandOnDatabases, DrawsAPostgresDatabase) {
  qt::PlaygroundPg pg;
  QT_NEED_POSTGRES(pg);
  CliResult r = run_quarry({"erd", pg.url(), "--format", "mermaid", "--exclude", "ticket"});
  ASSERT_EQ(r.status, 0) << r.err;
  Schema reflected = qt::reflect_url(pg.url());
  std::erase_if(reflected.tables, [](const TableSchema& t) { return t.name == "ticket"; });
  EXPECT_EQ(r.out, erd_mermaid(reflected));
  EXPECT_NE(r.out.find("band ||--o{ concert : \"band_1\""), std::string::npos) << r.out;
}

TEST(ErdCommandOnDatabases, AnUnreachableServerLeavesNoFile) {
  qt::TempDir dir;
  expect_failure(run_quarry({"erd", "postgresql://quarry@127.0.0.1:1/x", "-o", dir / "x.svg"}), 1,
                 "quarry erd: error: cannot connect to PostgreSQL at 127.0.0.1:1");
  EXPECT_TRUE(dir.files().empty());
}

}  // namespace
