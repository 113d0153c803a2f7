// Tests of the SQLite backend: opening (and the messages when it cannot),
// statements and parameters of every storage type, the statement cache,
// batches, error mapping onto Quarry's exceptions, and run_async.
#include "driver/sqlite/sqlite_connection.hpp"

#include <quarry/driver/url.hpp>
#include <quarry/error.hpp>
#include <quarry/sql/compiler.hpp>
#include <quarry/sql/dialect.hpp>

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace std::string_literals;
using quarry::Value;
using quarry::detail::SqliteConnection;

namespace {

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

/// A fresh directory under the system temp dir, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            ("quarry-sqlite-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string url_for(const std::string& absolute_path, const std::string& query = "") {
  return "sqlite:///" + absolute_path + (query.empty() ? "" : "?" + query);
}

std::unique_ptr<SqliteConnection> open(const std::string& url) {
  return std::make_unique<SqliteConnection>(quarry::parse_database_url(url));
}

/// Copies every row into Values, keeping column names and row numbers.
struct Collect final : quarry::RowSink {
  std::vector<std::vector<Value>> rows;
  std::vector<std::string> names;
  std::vector<std::size_t> row_numbers;

  void on_row(const quarry::RowReader& r) override {
    if (names.empty()) {
      for (std::size_t i = 0; i < r.column_count(); ++i) names.emplace_back(r.column_name(i));
    }
    row_numbers.push_back(r.row_number());
    auto& row = rows.emplace_back();
    for (std::size_t i = 0; i < r.column_count(); ++i) {
      row.push_back(r.value(i));
    }
  }
};

std::vector<std::vector<Value>> query(quarry::Connection& c, std::string_view sql,
                                      std::vector<Value> params = {}) {
  Collect sink;
  c.execute(quarry::Statement{sql, params}, &sink);
  return sink.rows;
}

Value scalar(quarry::Connection& c, std::string_view sql, std::vector<Value> params = {}) {
  auto rows = query(c, sql, std::move(params));
  if (rows.size() != 1 || rows[0].size() != 1) throw std::runtime_error("not one value");
  return rows[0][0];
}

quarry::ExecResult exec(quarry::Connection& c, std::string_view sql,
                        std::vector<Value> params = {}) {
  return c.execute(quarry::Statement{sql, params}, nullptr);
}

int count_prepared(sqlite3* db) {
  int n = 0;
  for (sqlite3_stmt* s = sqlite3_next_stmt(db, nullptr); s != nullptr;
       s = sqlite3_next_stmt(db, s)) {
    ++n;
  }
  return n;
}

bool any_statement_busy(sqlite3* db) {
  for (sqlite3_stmt* s = sqlite3_next_stmt(db, nullptr); s != nullptr;
       s = sqlite3_next_stmt(db, s)) {
    if (sqlite3_stmt_busy(s)) return true;
  }
  return false;
}

template <class E, class F>
E catch_as(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e;
  }
  ADD_FAILURE() << "expected an exception";
  throw std::logic_error("no exception");
}

/// A batch of `n` rows (i, "name i").
struct NumberedRows final : quarry::BatchSource {
  std::size_t n;
  std::vector<std::string> names;
  explicit NumberedRows(std::size_t count) : n(count) {
    for (std::size_t i = 0; i < n; ++i) names.push_back("name " + std::to_string(i));
  }
  std::size_t size() const override { return n; }
  void bind(std::size_t row, quarry::ParamWriter& out) override {
    out.bind_int64(0, static_cast<std::int64_t>(row));
    out.bind_text(1, names[row]);
  }
};

const char* const band_schema = R"sql(
  CREATE TABLE manager (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE band (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    manager INTEGER REFERENCES manager(id),
    popularity INTEGER CONSTRAINT popularity_not_negative CHECK (popularity >= 0),
    rating REAL CHECK (rating <= 10),
    city TEXT, country TEXT, UNIQUE (city, country));
  INSERT INTO manager VALUES (1, 'Guido');
  INSERT INTO band (id, name, manager, popularity) VALUES (1, 'Pythonistas', 1, 1000);
)sql";

}  // namespace

// ------------------------------------------------------------------ opening

TEST(SqliteConnection, OpensAnInMemoryDatabase) {
  auto c = quarry::open_connection("sqlite://:memory:");
  EXPECT_EQ(scalar(*c, "SELECT 1 + 1"), Value(std::int64_t{2}));
  EXPECT_EQ(c->dialect().name(), "sqlite");
  EXPECT_TRUE(c->healthy());
}

TEST(SqliteConnection, CreatesAFileDatabaseInWalMode) {
  TempDir dir;
  const std::string path = dir.file("music.db");
  {
    auto c = open(url_for(path));
    exec(*c, "CREATE TABLE t (x INTEGER)");
    exec(*c, "INSERT INTO t VALUES (42)");
    EXPECT_EQ(scalar(*c, "PRAGMA journal_mode"), Value("wal"s));
    EXPECT_EQ(scalar(*c, "PRAGMA synchronous"), Value(std::int64_t{1})) << "1 is NORMAL";
  }
  EXPECT_TRUE(fs::exists(path));
  auto again = open(url_for(path));
  EXPECT_EQ(scalar(*again, "SELECT x FROM t"), Value(std::int64_t{42})) << "the data was saved";
}

TEST(SqliteConnection, AppliesDefaultSettingsOnOpen) {
  auto c = open("sqlite://:memory:");
  EXPECT_EQ(scalar(*c, "PRAGMA foreign_keys"), Value(std::int64_t{1}));
  EXPECT_EQ(scalar(*c, "PRAGMA busy_timeout"), Value(std::int64_t{5000}));
  EXPECT_EQ(scalar(*c, "SELECT 'abc' LIKE 'ABC'"), Value(std::int64_t{0})) << "LIKE matches case";
  EXPECT_EQ(scalar(*c, "SELECT 'abc' LIKE 'a%'"), Value(std::int64_t{1}));
}

TEST(SqliteConnection, HonoursUrlOptions) {
  auto c = open("sqlite://:memory:?foreign_keys=off&busy_timeout=1234");
  EXPECT_EQ(scalar(*c, "PRAGMA foreign_keys"), Value(std::int64_t{0}));
  EXPECT_EQ(scalar(*c, "PRAGMA busy_timeout"), Value(std::int64_t{1234}));
}

TEST(SqliteConnection, ReportsMissingDirectoryByName) {
  TempDir dir;
  const std::string missing = (dir.path() / "no-such-dir").string();
  const std::string path = missing + "/x.db";
  const auto e = catch_as<quarry::ConnectionError>([&] { open(url_for(path)); });
  EXPECT_EQ(std::string(e.what()), "cannot open SQLite database \"" + path + "\": directory \"" +
                                       missing + "\" does not exist");
  EXPECT_FALSE(fs::exists(missing)) << "opening must not create directories";
}

TEST(SqliteConnection, ReportsADirectoryGivenAsTheDatabaseFile) {
  TempDir dir;
  const auto e = catch_as<quarry::ConnectionError>([&] { open(url_for(dir.path().string())); });
  EXPECT_CONTAINS(e.what(), dir.path().string());
  EXPECT_CONTAINS(e.what(), "is a directory");
}

TEST(SqliteConnection, ReportsAMissingFileWhenModeDoesNotCreate) {
  TempDir dir;
  const std::string path = dir.file("absent.db");
  for (const char* mode : {"mode=ro", "mode=rw"}) {
    const auto e = catch_as<quarry::ConnectionError>([&] { open(url_for(path, mode)); });
    EXPECT_CONTAINS(e.what(),
                    "cannot open SQLite database \"" + path + "\": the file does not exist");
    EXPECT_FALSE(fs::exists(path)) << mode << " must not create the file";
  }
}

TEST(SqliteConnection, ReportsPermissionDeniedByName) {
  if (::geteuid() == 0) GTEST_SKIP() << "root is never denied; CI runs as root";
  TempDir dir;
  const std::string path = dir.file("locked.db");
  open(url_for(path)).reset();
  fs::permissions(path, fs::perms::none);
  const auto e = catch_as<quarry::ConnectionError>([&] { open(url_for(path)); });
  EXPECT_CONTAINS(e.what(), path);
  EXPECT_CONTAINS(e.what(), "permission denied");
}

TEST(SqliteConnection, ReportsACorruptFileAtOpenNamingIt) {
  TempDir dir;
  const std::string path = dir.file("garbage.db");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 4096; ++i) out.put(static_cast<char>(i * 7 + 3));
  }
  const auto e = catch_as<quarry::ConnectionError>([&] { open(url_for(path)); });
  EXPECT_EQ(std::string(e.what()), "\"" + path +
                                       "\" is not a SQLite database or is corrupt (SQLite: file is "
                                       "not a database)");
}

TEST(SqliteConnection, ReadOnlyModeRejectsWritesWithAClearError) {
  TempDir dir;
  const std::string path = dir.file("ro.db");
  {
    auto c = open(url_for(path));
    exec(*c, "CREATE TABLE t (x INTEGER)");
  }
  auto c = open(url_for(path, "mode=ro"));
  EXPECT_EQ(query(*c, "SELECT * FROM t").size(), 0u) << "reads work";
  const auto e = catch_as<quarry::QueryError>([&] { exec(*c, "INSERT INTO t VALUES (1)"); });
  EXPECT_CONTAINS(e.what(), "attempt to write a readonly database");
  EXPECT_CONTAINS(e.what(), "in: INSERT INTO t VALUES (1)");
  EXPECT_EQ(e.code(), "SQLITE_READONLY");
  EXPECT_EQ(e.sql(), "INSERT INTO t VALUES (1)");
}

TEST(SqliteConnection, RejectsBadUrlsBeforeOpening) {
  EXPECT_THROW(quarry::open_connection("mysql://x"), quarry::UrlError);
}

// -------------------------------------------------- values and statements

TEST(SqliteConnection, RoundTripsParamsOfEveryStorageType) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE v (a, b, c, d, e)");  // no declared types: no affinity conversions
  const quarry::Blob blob{std::byte{0}, std::byte{0xff}, std::byte{'x'}};
  const std::vector<Value> values{Value(), Value(std::int64_t{-9007199254740993}), Value(0.1),
                                  Value("héllo"s), Value(blob)};
  exec(*c, "INSERT INTO v VALUES (?, ?, ?, ?, ?)", values);
  const auto rows = query(*c, "SELECT a, b, c, d, e FROM v");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], values);
  EXPECT_EQ(query(*c, "SELECT typeof(a), typeof(b), typeof(c), typeof(d), typeof(e) FROM v")[0],
            (std::vector<Value>{"null"s, "integer"s, "real"s, "text"s, "blob"s}));
}

TEST(SqliteConnection, KeepsEmptyTextAndEmptyBlobsDistinctFromNull) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (s, b)");
  // Views with a null data pointer, which SQLite would otherwise bind as NULL.
  struct Empty final : quarry::BatchSource {
    std::size_t size() const override { return 1; }
    void bind(std::size_t, quarry::ParamWriter& out) override {
      out.bind_text(0, std::string_view{});
      out.bind_blob(1, std::span<const std::byte>{});
    }
  } empty;
  c->execute_batch("INSERT INTO t VALUES (?, ?)", empty);
  exec(*c, "INSERT INTO t VALUES (?, ?)", {Value(""s), Value(quarry::Blob{})});
  EXPECT_EQ(query(*c, "SELECT typeof(s), typeof(b), length(s), length(b) FROM t"),
            (std::vector<std::vector<Value>>(
                2, {"text"s, "blob"s, Value(std::int64_t{0}), Value(std::int64_t{0})})));
}

TEST(SqliteConnection, StoresTextWithNulAndInvalidUtf8ByteForByte) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (s TEXT)");
  const std::string with_nul = "a\0b\0c"s;
  const std::string not_utf8 = "\xff\xfe\x80 broken \xc3";
  exec(*c, "INSERT INTO t VALUES (?), (?)", {Value(with_nul), Value(not_utf8)});
  const auto rows = query(*c, "SELECT s FROM t ORDER BY rowid");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0].as_text(), with_nul);
  EXPECT_EQ(rows[0][0].as_text().size(), 5u) << "nothing cut at the NUL";
  EXPECT_EQ(rows[1][0].as_text(), not_utf8);
}

TEST(SqliteConnection, RoundTripsAOneMegabyteString) {
  auto c = open("sqlite://:memory:");
  std::string big(1 << 20, 'q');
  big[12345] = '\'';
  exec(*c, "CREATE TABLE t (s TEXT)");
  exec(*c, "INSERT INTO t VALUES (?)", {Value(big)});
  EXPECT_EQ(scalar(*c, "SELECT s FROM t").as_text(), big);
  EXPECT_EQ(scalar(*c, "SELECT length(s) FROM t"), Value(std::int64_t{1 << 20}));
}

TEST(SqliteConnection, StoresSqlLookingTextLiterallyWithoutRunningIt) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (s TEXT)");
  const std::string evil = "x'); DROP TABLE t; -- /* and */ ;SELECT 1";
  exec(*c, "INSERT INTO t VALUES (?)", {Value(evil)});
  EXPECT_EQ(scalar(*c, "SELECT s FROM t").as_text(), evil);
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM sqlite_master WHERE name = 't'"),
            Value(std::int64_t{1}))
      << "the table still exists";
}

TEST(SqliteConnection, ReportsColumnNamesAndRowNumbers) {
  auto c = open("sqlite://:memory:");
  Collect sink;
  c->execute(quarry::Statement{"SELECT 1 AS one, 2 AS \"two words\" UNION ALL SELECT 3, 4", {}},
             &sink);
  EXPECT_EQ(sink.names, (std::vector<std::string>{"one", "two words"}));
  EXPECT_EQ(sink.row_numbers, (std::vector<std::size_t>{0, 1}));
}

// A cached statement that SQLite re-prepares inside sqlite3_step, after the
// schema changed, may have more columns than when it was prepared: the rows
// must have them all.
TEST(SqliteConnection, SeesColumnsAddedAfterACachedSelectStarWasPrepared) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (x INTEGER)");
  exec(*c, "INSERT INTO t VALUES (1)");
  EXPECT_EQ(query(*c, "SELECT * FROM t"),
            (std::vector<std::vector<Value>>{{Value(std::int64_t{1})}}));
  exec(*c, "ALTER TABLE t ADD COLUMN y TEXT DEFAULT 'new'");
  Collect sink;
  c->execute(quarry::Statement{"SELECT * FROM t", {}}, &sink);
  EXPECT_EQ(sink.names, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(sink.rows,
            (std::vector<std::vector<Value>>{{Value(std::int64_t{1}), Value(std::string("new"))}}));
}

TEST(SqliteConnection, ReportsRowsAffectedOnlyForWrites) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (x INTEGER)");
  EXPECT_EQ(exec(*c, "INSERT INTO t VALUES (1), (2), (3)").rows_affected, 3);
  EXPECT_EQ(exec(*c, "UPDATE t SET x = x + 1 WHERE x >= 2").rows_affected, 2);
  EXPECT_EQ(exec(*c, "SELECT * FROM t").rows_affected, 0) << "not the previous UPDATE's count";
  EXPECT_EQ(exec(*c, "CREATE TABLE u (y)").rows_affected, 0) << "DDL changes no rows";
  EXPECT_EQ(exec(*c, "DELETE FROM t WHERE x > 100").rows_affected, 0);
  EXPECT_EQ(exec(*c, "DELETE FROM t").rows_affected, 3);
}

TEST(SqliteConnection, ReturnsTheLastInsertId) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (id INTEGER PRIMARY KEY, x)");
  EXPECT_EQ(exec(*c, "INSERT INTO t (id, x) VALUES (41, 'a')").last_insert_id, 41);
  EXPECT_EQ(exec(*c, "INSERT INTO t (x) VALUES ('b')").last_insert_id, 42);
}

TEST(SqliteConnection, ReturnsRowsFromInsertReturning) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (id INTEGER PRIMARY KEY, x)");
  const auto rows = query(*c, "INSERT INTO t (x) VALUES (?) RETURNING id", {Value("a"s)});
  EXPECT_EQ(rows, (std::vector<std::vector<Value>>{{Value(std::int64_t{1})}}));
}

TEST(SqliteConnection, DiscardsRowsWhenThereIsNoSink) {
  auto c = open("sqlite://:memory:");
  EXPECT_EQ(c->execute(quarry::Statement{"SELECT 1 UNION ALL SELECT 2", {}}, nullptr).rows_affected,
            0);
  EXPECT_FALSE(any_statement_busy(c->handle()));
}

// ------------------------------------------------------------------ errors

TEST(SqliteConnection, ReportsSyntaxErrorsWithTheSqlAndCode) {
  auto c = open("sqlite://:memory:");
  const auto e = catch_as<quarry::QueryError>([&] { exec(*c, "SELEC 1"); });
  EXPECT_EQ(std::string(e.what()),
            "SQLite error: near \"SELEC\": syntax error (SQLITE_ERROR)\nin: SELEC 1");
  EXPECT_EQ(e.code(), "SQLITE_ERROR");
  EXPECT_EQ(e.sql(), "SELEC 1");
}

TEST(SqliteConnection, ReportsAMissingTableByName) {
  auto c = open("sqlite://:memory:");
  const auto e = catch_as<quarry::QueryError>([&] { exec(*c, "SELECT * FROM nowhere"); });
  EXPECT_CONTAINS(e.what(), "no such table: nowhere");
}

TEST(SqliteConnection, MapsUniqueViolationsWithTableAndColumn) {
  auto c = open("sqlite://:memory:");
  c->execute_script(band_schema);
  const std::string sql = "INSERT INTO band (name) VALUES (?)";
  const auto e = catch_as<quarry::UniqueViolation>([&] { exec(*c, sql, {Value("Pythonistas"s)}); });
  EXPECT_EQ(e.table(), "band");
  EXPECT_EQ(e.column(), "name");
  EXPECT_EQ(e.constraint(), "") << "SQLite does not name it";
  EXPECT_EQ(e.code(), "SQLITE_CONSTRAINT_UNIQUE");
  EXPECT_EQ(e.sql(), sql);
  EXPECT_EQ(std::string(e.what()),
            "unique constraint violated on \"band\".\"name\" (SQLite: UNIQUE constraint failed: "
            "band.name)\nin: " +
                sql);
}

TEST(SqliteConnection, MapsMultiColumnUniqueViolationsListingEveryColumn) {
  auto c = open("sqlite://:memory:");
  c->execute_script(band_schema);
  exec(*c, "INSERT INTO band (name, city, country) VALUES ('a', 'Oslo', 'NO')");
  const auto e = catch_as<quarry::UniqueViolation>(
      [&] { exec(*c, "INSERT INTO band (name, city, country) VALUES ('b', 'Oslo', 'NO')"); });
  EXPECT_EQ(e.table(), "band");
  EXPECT_EQ(e.column(), "city, country");
  EXPECT_CONTAINS(e.what(), "on \"band\".\"city\", \"band\".\"country\"");
}

TEST(SqliteConnection, MapsPrimaryKeyViolationsToUniqueViolation) {
  auto c = open("sqlite://:memory:");
  c->execute_script(band_schema);
  const auto e =
      catch_as<quarry::UniqueViolation>([&] { exec(*c, "INSERT INTO manager VALUES (1, 'x')"); });
  EXPECT_EQ(e.code(), "SQLITE_CONSTRAINT_PRIMARYKEY");
  EXPECT_EQ(e.table(), "manager");
  EXPECT_EQ(e.column(), "id");
}

TEST(SqliteConnection, MapsUniqueExpressionIndexViolationsToTheIndexName) {
  auto c = open("sqlite://:memory:");
  c->execute_script(
      "CREATE TABLE t (s TEXT); CREATE UNIQUE INDEX t_lower ON t (lower(s));"
      "INSERT INTO t VALUES ('a');");
  const auto e = catch_as<quarry::UniqueViolation>([&] { exec(*c, "INSERT INTO t VALUES ('A')"); });
  EXPECT_EQ(e.constraint(), "t_lower");
  EXPECT_CONTAINS(e.what(), "index \"t_lower\"");
}

TEST(SqliteConnection, MapsNotNullViolations) {
  auto c = open("sqlite://:memory:");
  c->execute_script(band_schema);
  const auto e = catch_as<quarry::NotNullViolation>(
      [&] { exec(*c, "INSERT INTO band (name) VALUES (NULL)"); });
  EXPECT_EQ(e.table(), "band");
  EXPECT_EQ(e.column(), "name");
  EXPECT_EQ(e.code(), "SQLITE_CONSTRAINT_NOTNULL");
  EXPECT_CONTAINS(e.what(), "not-null constraint violated on \"band\".\"name\"");
}

TEST(SqliteConnection, MapsCheckViolationsToTheConstraintNameOrExpression) {
  auto c = open("sqlite://:memory:");
  c->execute_script(band_schema);
  const auto named = catch_as<quarry::CheckViolation>(
      [&] { exec(*c, "INSERT INTO band (name, popularity) VALUES ('x', -1)"); });
  EXPECT_EQ(named.constraint(), "popularity_not_negative");
  EXPECT_EQ(named.code(), "SQLITE_CONSTRAINT_CHECK");
  EXPECT_CONTAINS(named.what(), "check constraint \"popularity_not_negative\" violated");
  const auto unnamed = catch_as<quarry::CheckViolation>(
      [&] { exec(*c, "INSERT INTO band (name, rating) VALUES ('x', 11)"); });
  EXPECT_EQ(unnamed.constraint(), "rating <= 10");
}

TEST(SqliteConnection, MapsForeignKeyViolations) {
  auto c = open("sqlite://:memory:");
  c->execute_script(band_schema);
  const auto e = catch_as<quarry::ForeignKeyViolation>(
      [&] { exec(*c, "INSERT INTO band (name, manager) VALUES ('x', 99)"); });
  EXPECT_EQ(e.code(), "SQLITE_CONSTRAINT_FOREIGNKEY");
  EXPECT_CONTAINS(e.what(), "foreign key constraint violated");
  EXPECT_CONTAINS(e.what(), "in: INSERT INTO band");
}

TEST(SqliteConnection, LetsForeignKeysBeSwitchedOff) {
  auto c = open("sqlite://:memory:?foreign_keys=off");
  c->execute_script(band_schema);
  EXPECT_NO_THROW(exec(*c, "INSERT INTO band (name, manager) VALUES ('x', 99)"));
}

TEST(SqliteConnection, RejectsSeveralStatementsInOneExecute) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (x)");
  const auto e = catch_as<quarry::UsageError>([&] { exec(*c, "DELETE FROM t; DROP TABLE t"); });
  EXPECT_CONTAINS(e.what(), "use execute_script()");
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM sqlite_master"), Value(std::int64_t{1}))
      << "nothing after the first statement ran";
  EXPECT_NO_THROW(exec(*c, "SELECT 1; -- a comment\n /* and another */ ;"))
      << "trailing semicolons and comments are fine";
}

TEST(SqliteConnection, RejectsAWrongNumberOfParameters) {
  auto c = open("sqlite://:memory:");
  const auto e =
      catch_as<quarry::UsageError>([&] { exec(*c, "SELECT ?, ?", {Value(std::int64_t{1})}); });
  EXPECT_CONTAINS(e.what(), "the statement takes 2 parameters but 1 were given");
}

// A frozen statement keeps its parameter count from its first run; a later
// run with another count is refused as the general path refuses it, and the
// statement stays usable.
TEST(SqliteConnection, RejectsAWrongNumberOfParametersForAFrozenStatement) {
  auto c = open("sqlite://:memory:");
  const std::uint32_t id = quarry::sql::next_frozen_id();
  const std::vector<Value> one{Value(std::int64_t{1})};
  const std::vector<Value> two{Value(std::int64_t{1}), Value(std::int64_t{2})};
  Collect first;
  c->execute(quarry::Statement{"SELECT ?, ?", two, id}, &first);
  EXPECT_EQ(first.rows.size(), 1u);
  const auto e = catch_as<quarry::UsageError>([&] {
    c->execute(quarry::Statement{"SELECT ?, ?", one, id}, nullptr);
  });
  EXPECT_CONTAINS(e.what(), "the statement takes 2 parameters but 1 were given");
  Collect again;
  c->execute(quarry::Statement{"SELECT ?, ?", two, id}, &again);
  EXPECT_EQ(again.rows, first.rows);
}

TEST(SqliteConnection, RejectsAnEmptyStatement) {
  auto c = open("sqlite://:memory:");
  EXPECT_THROW(exec(*c, "  -- nothing\n"), quarry::UsageError);
}

TEST(SqliteConnection, NamesResultCodes) {
  EXPECT_EQ(quarry::detail::sqlite_code_name(SQLITE_CONSTRAINT_UNIQUE), "SQLITE_CONSTRAINT_UNIQUE");
  EXPECT_EQ(quarry::detail::sqlite_code_name(SQLITE_BUSY), "SQLITE_BUSY");
  EXPECT_EQ(quarry::detail::sqlite_code_name(SQLITE_IOERR_CORRUPTFS), "SQLITE_IOERR_CORRUPTFS");
  EXPECT_EQ(quarry::detail::sqlite_code_name(123456), "123456");
}

// ------------------------------------------------------- statement cache

TEST(SqliteConnection, ReusesAFrozenStatementById) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (x)");
  const int before = count_prepared(c->handle());
  const std::string sql = "INSERT INTO t VALUES (?); -- a trailing comment is fine";
  for (std::int64_t i = 0; i < 10; ++i) {
    const std::vector<Value> params{Value(i)};
    c->execute(quarry::Statement{sql, params, 7}, nullptr);
  }
  EXPECT_EQ(count_prepared(c->handle()), before + 1) << "prepared once for frozen id 7";
  EXPECT_EQ(scalar(*c, "SELECT sum(x) FROM t"), Value(std::int64_t{45}));
}

TEST(SqliteConnection, ReusesAStatementBySqlText) {
  auto c = open("sqlite://:memory:");
  const int before = count_prepared(c->handle());
  for (std::int64_t i = 0; i < 5; ++i)
    EXPECT_EQ(scalar(*c, "SELECT ? * 2", {Value(i)}), Value(i * 2));
  EXPECT_EQ(count_prepared(c->handle()), before + 1);
}

TEST(SqliteConnection, BoundsTheStatementCache) {
  auto c = open("sqlite://:memory:");
  for (int i = 0; i < 300; ++i) exec(*c, "SELECT " + std::to_string(i));
  EXPECT_LE(count_prepared(c->handle()),
            static_cast<int>(SqliteConnection::statement_cache_capacity));
  EXPECT_EQ(scalar(*c, "SELECT 299"), Value(std::int64_t{299})) << "still works after evictions";
}

TEST(SqliteConnection, StaysUsableAfterASinkThrows) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (x)");
  exec(*c, "INSERT INTO t VALUES (1), (2), (3)");
  struct Throwing final : quarry::RowSink {
    void on_row(const quarry::RowReader&) override { throw std::runtime_error("sink failed"); }
  } throwing;
  EXPECT_THROW(c->execute(quarry::Statement{"SELECT x FROM t ORDER BY x", {}}, &throwing),
               std::runtime_error);
  EXPECT_FALSE(any_statement_busy(c->handle())) << "the statement was reset";
  EXPECT_NE(sqlite3_get_autocommit(c->handle()), 0) << "no read transaction left open";
  EXPECT_EQ(query(*c, "SELECT x FROM t ORDER BY x").size(), 3u) << "the same statement runs again";
  EXPECT_EQ(exec(*c, "DELETE FROM t").rows_affected, 3);
}

TEST(SqliteConnection, AllowsASinkToRunQueriesOnTheSameConnection) {
  auto c = open("sqlite://:memory:");
  // The inner query is the same SQL as the outer one, which is mid-iteration.
  const std::string sql =
      "WITH RECURSIVE s(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM s WHERE v < 3) SELECT v FROM s";
  struct Reentrant final : quarry::RowSink {
    quarry::Connection* c = nullptr;
    const std::string* sql = nullptr;
    std::size_t outer = 0, inner = 0;
    void on_row(const quarry::RowReader&) override {
      ++outer;
      inner += query(*c, *sql).size();
    }
  } sink;
  sink.c = c.get();
  sink.sql = &sql;
  c->execute(quarry::Statement{sql, {}}, &sink);
  EXPECT_EQ(sink.outer, 3u);
  EXPECT_EQ(sink.inner, 9u) << "each nested run saw all its rows";
  EXPECT_EQ(query(*c, sql).size(), 3u);
}

// ------------------------------------------------------------------ batches

TEST(SqliteConnection, InsertsABatchOfAThousandRows) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
  NumberedRows rows(1000);
  const auto r = c->execute_batch("INSERT INTO t (id, name) VALUES (?, ?)", rows);
  EXPECT_EQ(r.rows_affected, 1000);
  EXPECT_EQ(r.last_insert_id, 999);
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM t"), Value(std::int64_t{1000}));
  EXPECT_EQ(scalar(*c, "SELECT name FROM t WHERE id = 500"), Value("name 500"s));
}

TEST(SqliteConnection, RollsBackAFailedBatchAsAWhole) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
  exec(*c, "INSERT INTO t VALUES (500, 'taken')");
  NumberedRows rows(1000);
  const auto e = catch_as<quarry::UniqueViolation>(
      [&] { c->execute_batch("INSERT INTO t (id, name) VALUES (?, ?)", rows); });
  EXPECT_EQ(e.table(), "t");
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM t"), Value(std::int64_t{1}))
      << "rows before the failing one were rolled back";
  EXPECT_NE(sqlite3_get_autocommit(c->handle()), 0) << "no transaction left open";
  NumberedRows fine(3);
  EXPECT_EQ(c->execute_batch("INSERT INTO t (id, name) VALUES (?, ?)", fine).rows_affected, 3);
}

TEST(SqliteConnection, RunsABatchInsideTheCallersTransaction) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
  c->execute_script("BEGIN");
  NumberedRows rows(10);
  c->execute_batch("INSERT INTO t (id, name) VALUES (?, ?)", rows);
  c->execute_script("ROLLBACK");
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM t"), Value(std::int64_t{0}))
      << "the caller's rollback undid the batch";
}

TEST(SqliteConnection, CopiesTextBoundWithBindTextCopy) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (s TEXT)");
  struct Temporaries final : quarry::BatchSource {
    std::size_t size() const override { return 2; }
    void bind(std::size_t row, quarry::ParamWriter& out) override {
      std::string temporary = "row " + std::to_string(row) + std::string(100, '!');
      out.bind_text_copy(0, temporary);
    }  // `temporary` is gone before the statement steps
  } rows;
  c->execute_batch("INSERT INTO t VALUES (?)", rows);
  EXPECT_EQ(scalar(*c, "SELECT s FROM t WHERE rowid = 2"), Value("row 1" + std::string(100, '!')));
}

TEST(SqliteConnection, BindsNullWhereABatchRowLeavesAParameterOut) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (id INTEGER, s TEXT)");
  struct Uneven final : quarry::BatchSource {
    std::size_t size() const override { return 3; }
    void bind(std::size_t row, quarry::ParamWriter& out) override {
      out.bind_int64(0, static_cast<std::int64_t>(row));
      if (row != 1) out.bind_text_copy(1, "row " + std::to_string(row) + std::string(40, '!'));
    }
  } rows;
  c->execute_batch("INSERT INTO t VALUES (?, ?)", rows);
  EXPECT_EQ(scalar(*c, "SELECT s IS NULL FROM t WHERE id = 1"), Value(std::int64_t{1}))
      << "row 1 does not see row 0's text";
  EXPECT_EQ(scalar(*c, "SELECT s FROM t WHERE id = 2"), Value("row 2" + std::string(40, '!')));
}

TEST(SqliteConnection, RejectsAHugeBindTextCopyIndexWithoutAllocating) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (x)");
  struct Huge final : quarry::BatchSource {
    std::size_t size() const override { return 1; }
    void bind(std::size_t, quarry::ParamWriter& out) override {
      out.bind_text_copy(std::size_t{1} << 40, "x");
    }
  } rows;
  const auto e =
      catch_as<quarry::UsageError>([&] { c->execute_batch("INSERT INTO t VALUES (?)", rows); });
  EXPECT_CONTAINS(e.what(), "is out of range: the statement takes 1 parameters");
}

TEST(SqliteConnection, RejectsABatchParameterIndexOutOfRange) {
  auto c = open("sqlite://:memory:");
  exec(*c, "CREATE TABLE t (x)");
  struct TooMany final : quarry::BatchSource {
    std::size_t size() const override { return 1; }
    void bind(std::size_t, quarry::ParamWriter& out) override { out.bind_int64(1, 5); }
  } rows;
  const auto e =
      catch_as<quarry::UsageError>([&] { c->execute_batch("INSERT INTO t VALUES (?)", rows); });
  EXPECT_CONTAINS(e.what(), "parameter index 1 is out of range: the statement takes 1 parameters");
}

// ------------------------------------------------------------------ scripts

TEST(SqliteConnection, RunsScriptsOfSeveralStatements) {
  auto c = open("sqlite://:memory:");
  c->execute_script(band_schema);
  EXPECT_EQ(scalar(*c, "SELECT name FROM band"), Value("Pythonistas"s));
}

TEST(SqliteConnection, ReportsScriptErrorsAsQueryErrors) {
  auto c = open("sqlite://:memory:");
  const auto e = catch_as<quarry::QueryError>(
      [&] { c->execute_script("CREATE TABLE a (x); CREATE TABLE a (x);"); });
  EXPECT_CONTAINS(e.what(), "table a already exists");
  EXPECT_EQ(e.code(), "SQLITE_ERROR");
}

// ------------------------------------------------------------------ health

TEST(SqliteConnection, BecomesUnhealthyWhenTheFileIsCorruptedUnderIt) {
  TempDir dir;
  const std::string path = dir.file("victim.db");
  auto c = open(url_for(path, "mode=rwc"));
  c->execute_script("PRAGMA journal_mode=DELETE; CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(0);
    const std::string garbage(100, '\x5a');
    f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  }
  EXPECT_TRUE(c->healthy());
  EXPECT_THROW(query(*c, "SELECT x FROM t"), quarry::QueryError);
  EXPECT_FALSE(c->healthy());
}

// ------------------------------------------------------------------- async

namespace {

/// Runs `body` as a coroutine on a fresh io_context on this thread and
/// returns once io_context::run() does.
template <class F>
void run_on_io_context(F body) {
  boost::asio::io_context io;
  std::exception_ptr failure;
  boost::asio::co_spawn(io, std::move(body), [&](std::exception_ptr e) { failure = e; });
  io.run();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace

TEST(SqliteConnection, RunAsyncWorksOnAnotherThreadAndResumesOnTheLoop) {
  auto c = open("sqlite://:memory:");
  const auto loop_thread = std::this_thread::get_id();
  std::thread::id work_thread, resumed_thread;
  run_on_io_context([&]() -> quarry::Task<void> {
    co_await c->run_async([&] { work_thread = std::this_thread::get_id(); });
    resumed_thread = std::this_thread::get_id();
  });
  EXPECT_NE(work_thread, std::thread::id{}) << "the work ran";
  EXPECT_NE(work_thread, loop_thread) << "the loop thread never blocks on SQLite";
  EXPECT_EQ(resumed_thread, loop_thread) << "the coroutine resumes on its executor";
}

// The contract end to end. (co_spawn in Asio 1.81 also tracks work while its
// coroutine lives; run_async holds its own so as not to depend on that.)
TEST(SqliteConnection, RunAsyncKeepsTheIoContextRunningUntilTheWorkCompletes) {
  auto c = open("sqlite://:memory:");
  std::atomic<bool> work_done{false};
  bool resumed = false;
  const auto start = std::chrono::steady_clock::now();
  run_on_io_context([&]() -> quarry::Task<void> {
    co_await c->run_async([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      work_done = true;
    });
    resumed = true;
  });
  EXPECT_TRUE(work_done) << "run() returned while the work was in flight";
  EXPECT_TRUE(resumed) << "run() returned before the coroutine resumed";
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(150));
}

TEST(SqliteConnection, RunAsyncRethrowsTheWorksExceptionInTheCoroutine) {
  auto c = open("sqlite://:memory:");
  std::string caught;
  run_on_io_context([&]() -> quarry::Task<void> {
    try {
      co_await c->run_async([&] { exec(*c, "SELECT * FROM missing_table"); });
    } catch (const quarry::QueryError& e) {
      caught = e.what();
    }
  });
  EXPECT_CONTAINS(caught, "no such table: missing_table");
}

TEST(SqliteConnection, RunAsyncRunsQueriesInOrder) {
  auto c = open("sqlite://:memory:");
  std::int64_t total = 0;
  run_on_io_context([&]() -> quarry::Task<void> {
    co_await c->run_async([&] { exec(*c, "CREATE TABLE t (x)"); });
    for (std::int64_t i = 1; i <= 20; ++i) {
      co_await c->run_async([&, i] { exec(*c, "INSERT INTO t VALUES (?)", {Value(i)}); });
    }
    co_await c->run_async([&] { total = scalar(*c, "SELECT sum(x) FROM t").as_int64(); });
  });
  EXPECT_EQ(total, 210);
}

#ifdef __linux__
TEST(SqliteConnection, StartsNoThreadUntilRunAsyncIsUsed) {
  const auto threads = [] {
    return std::distance(fs::directory_iterator("/proc/self/task"), fs::directory_iterator{});
  };
  const auto before = threads();
  auto c = open("sqlite://:memory:");
  exec(*c, "SELECT 1");
  EXPECT_EQ(threads(), before) << "synchronous use costs no thread";
  run_on_io_context([&]() -> quarry::Task<void> { co_await c->run_async([] {}); });
  EXPECT_EQ(threads(), before + 1) << "one worker thread per connection";
  c.reset();
  EXPECT_EQ(threads(), before) << "the worker is joined when the connection closes";
}
#endif
