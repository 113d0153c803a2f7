// Tests of the PostgreSQL backend against a real server: opening (and the
// messages when it cannot), every basic type through the blocking and the
// awaitable paths, NULLs, constraint errors, frozen statements, pipelining
// many coroutines on one connection, a failure inside the pipeline, batches,
// scripts, and hostile strings.
//
// The server's URL comes from QUARRY_TEST_POSTGRES_URL (scripts/test.sh starts
// one with scripts/pg-server.sh). Without it the tests skip, except under
// CI=true, where they fail: CI must not pass by testing nothing.
#include "driver/postgresql/pg_connection.hpp"

#include <quarry/driver/url.hpp>
#include <quarry/error.hpp>
#include <quarry/sql/dialect.hpp>

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <cmath>
#include <cstdlib>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "support/pg_url.hpp"

using namespace std::string_literals;
using quarry::Value;
using quarry::detail::PgConnection;

namespace {

namespace asio = boost::asio;

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_NE(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)
#define EXPECT_LACKS(haystack, needle) \
  EXPECT_EQ(std::string(haystack).find(needle), std::string::npos) << "in: " << (haystack)

std::string server_url() {
  const char* url = std::getenv("QUARRY_TEST_POSTGRES_URL");
  return url != nullptr ? url : "";
}

/// Skips the test without a server, or fails it under CI=true.
class PgTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = server_url();
    if (!url_.empty()) return;
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true") {
      FAIL() << "QUARRY_TEST_POSTGRES_URL is not set under CI=true; scripts/test.sh starts a "
                "server with scripts/pg-server.sh";
    }
    GTEST_SKIP() << "no PostgreSQL server: set QUARRY_TEST_POSTGRES_URL (eval \"$(scripts/"
                    "pg-server.sh start)\" starts one)";
  }

  std::unique_ptr<PgConnection> open() const {
    return std::make_unique<PgConnection>(quarry::parse_database_url(url_));
  }

  std::string url_;
};
using PgConnect = PgTest;
using PgExecute = PgTest;
using PgErrors = PgTest;
using PgFrozen = PgTest;
using PgAsync = PgTest;
using PgHostile = PgTest;

// ------------------------------------------------------------ URL surgery

using UrlParts = qt::PgUrlParts;

/// A TCP port on 127.0.0.1 that nobody listens on (bound, then closed).
std::string closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return std::to_string(ntohs(a.sin_port));
}

// ------------------------------------------------------------ helpers

template <class E, class F>
E catch_as(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected another exception than: " << e.what();
    throw;
  }
  ADD_FAILURE() << "expected an exception";
  throw std::logic_error("no exception");
}

/// Copies every row into Values.
struct Collect final : quarry::RowSink {
  std::vector<std::vector<Value>> rows;
  std::vector<std::string> names;
  std::vector<std::vector<quarry::StorageType>> types;

  void on_row(const quarry::RowReader& r) override {
    if (names.empty()) {
      for (std::size_t i = 0; i < r.column_count(); ++i) names.emplace_back(r.column_name(i));
    }
    auto& row = rows.emplace_back();
    auto& t = types.emplace_back();
    for (std::size_t i = 0; i < r.column_count(); ++i) {
      row.push_back(r.value(i));
      t.push_back(r.storage_type(i));
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

/// Runs `task` to completion on `io` and returns its result.
template <class T>
T run_on(asio::io_context& io, quarry::Task<T> task) {
  std::optional<T> result;
  std::exception_ptr failure;
  asio::co_spawn(io, std::move(task), [&](std::exception_ptr e, T v) {
    failure = e;
    if (!e) result.emplace(std::move(v));
  });
  io.restart();
  io.run();
  if (failure) std::rethrow_exception(failure);
  return std::move(*result);
}

void run_on(asio::io_context& io, quarry::Task<void> task) {
  std::exception_ptr failure;
  asio::co_spawn(io, std::move(task), [&](std::exception_ptr e) { failure = e; });
  io.restart();
  io.run();
  if (failure) std::rethrow_exception(failure);
}

quarry::Blob bytes(std::initializer_list<int> v) {
  quarry::Blob out;
  for (int b : v) out.push_back(static_cast<std::byte>(b));
  return out;
}

/// A batch of `n` rows (i, "name i"), optionally with a duplicate name at
/// row `duplicate_at`.
struct NumberedRows final : quarry::BatchSource {
  std::size_t n;
  std::size_t duplicate_at = static_cast<std::size_t>(-1);
  std::vector<std::string> names;
  explicit NumberedRows(std::size_t count) : n(count) {
    for (std::size_t i = 0; i < n; ++i) names.push_back("name " + std::to_string(i));
  }
  std::size_t size() const override { return n; }
  void bind(std::size_t row, quarry::ParamWriter& out) override {
    out.bind_int64(0, static_cast<std::int64_t>(row));
    out.bind_text(1, row == duplicate_at ? names[0] : names[row]);
  }
};

// -------------------------------------------------------------- opening

TEST_F(PgConnect, OpensWithQuarrysSessionSettings) {
  auto c = quarry::open_connection(url_);
  EXPECT_TRUE(c->healthy());
  EXPECT_EQ(c->dialect().name(), "postgresql");
  EXPECT_EQ(scalar(*c, "SELECT current_setting('TimeZone')"), Value("UTC"s));
  EXPECT_EQ(scalar(*c, "SELECT current_setting('client_encoding')"), Value("UTF8"s));
  EXPECT_EQ(scalar(*c, "SELECT current_setting('application_name')"), Value("quarry"s));
  auto* pg = dynamic_cast<PgConnection*>(c.get());
  ASSERT_NE(pg, nullptr);
  EXPECT_EQ(scalar(*c, "SELECT pg_backend_pid()"), Value(std::int64_t{pg->backend_pid()}));
}

TEST_F(PgConnect, AcceptsThePostgresSchemeAndLibpqKeywords) {
  UrlParts u(url_);
  u.scheme_and_user.replace(0, u.scheme_and_user.find("://"), "postgres");
  u.query = "?sslmode=disable&application_name=quarry_test&pool_size=3";
  auto c = quarry::open_connection(u.str());
  EXPECT_EQ(scalar(*c, "SELECT current_setting('application_name')"), Value("quarry_test"s));
  EXPECT_EQ(quarry::parse_database_url(u.str()).query.at("pool_size"), "3");
}

TEST_F(PgConnect, RejectsABadUrlWithoutShowingThePassword) {
  UrlParts u(url_);
  u.password = "hunter2secret";
  u.port = "notaport";
  auto e = catch_as<quarry::UrlError>([&] { quarry::open_connection(u.str()); });
  EXPECT_CONTAINS(e.what(), "bad port \"notaport\"");
  EXPECT_CONTAINS(e.what(), ":***@");
  EXPECT_LACKS(e.what(), "hunter2secret");

  u = UrlParts(url_);
  u.password = "hunter2secret";
  u.query = "?no_such_keyword=1";
  e = catch_as<quarry::UrlError>([&] { quarry::open_connection(u.str()); });
  EXPECT_CONTAINS(e.what(), "no_such_keyword");
  EXPECT_LACKS(e.what(), "hunter2secret");

  // libpq quotes the whole URI in this one.
  e = catch_as<quarry::UrlError>(
      [&] { quarry::open_connection("postgresql://me:hunter2secret@[::1/db"); });
  EXPECT_CONTAINS(e.what(), "cannot read PostgreSQL URL");
  EXPECT_LACKS(e.what(), "hunter2secret");

  e = catch_as<quarry::UrlError>(
      [&] { quarry::open_connection("postgresql://h/db?password=hunter2secret&pool_size=0"); });
  EXPECT_CONTAINS(e.what(), "bad pool_size \"0\"");
  EXPECT_LACKS(e.what(), "hunter2secret");
}

TEST_F(PgConnect, NamesHostAndPortWhenRefused) {
  UrlParts u(url_);
  u.port = closed_port();
  const auto e = catch_as<quarry::ConnectionError>([&] { quarry::open_connection(u.str()); });
  EXPECT_CONTAINS(e.what(), "cannot connect to PostgreSQL at " + u.host + ":" + u.port);
  EXPECT_CONTAINS(e.what(), "database \"" + u.database + "\"");
  EXPECT_CONTAINS(e.what(), "Connection refused");
  EXPECT_LACKS(e.what(), u.password);
}

TEST_F(PgConnect, NamesTheUserWhenThePasswordIsWrong) {
  UrlParts u(url_);
  const std::string user = u.scheme_and_user.substr(u.scheme_and_user.find("://") + 3);
  u.password = "not-the-password-42";
  const auto e = catch_as<quarry::ConnectionError>([&] { quarry::open_connection(u.str()); });
  EXPECT_CONTAINS(e.what(), "user \"" + user + "\"");
  EXPECT_CONTAINS(e.what(), "password authentication failed");
  EXPECT_CONTAINS(e.what(), u.host + ":" + u.port);
  EXPECT_LACKS(e.what(), "not-the-password-42");
}

TEST_F(PgConnect, NamesAMissingDatabase) {
  UrlParts u(url_);
  u.database = "quarry_no_such_database";
  const auto e = catch_as<quarry::ConnectionError>([&] { quarry::open_connection(u.str()); });
  EXPECT_CONTAINS(e.what(), "database \"quarry_no_such_database\"");
  EXPECT_CONTAINS(e.what(), "does not exist");
  EXPECT_LACKS(e.what(), UrlParts(url_).password);
}

// ----------------------------------------------------- types, both paths

constexpr std::string_view every_type_table =
    "CREATE TEMP TABLE every_type (i2 smallint, i4 integer, i8 bigint, f4 real, f8 double "
    "precision, b boolean, n numeric(10,3), t text, vc varchar(20), d date, ts timestamp, tz "
    "timestamptz, by bytea, j jsonb, u uuid)";
constexpr std::string_view every_type_insert =
    "INSERT INTO every_type VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
    "$15)";

std::vector<Value> every_type_values() {
  return {Value(std::int64_t{-32768}),
          Value(std::int64_t{2147483647}),
          Value(std::int64_t{-9223372036854775807LL - 1}),
          Value(1.5),
          Value(-0.1),
          Value(std::int64_t{1}),  // bool, as the query layer binds it
          Value("12.340"s),
          Value("héllo wörld"s),
          Value("short"s),
          Value("2024-01-02"s),
          Value("2024-01-02 03:04:05.123456"s),
          Value("2024-01-02 03:04:05+02"s),
          Value(bytes({0, 1, 0x7f, 0x80, 0xff})),
          Value(R"({"a": [1, 2]})"s),
          Value("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"s)};
}

void check_every_type_row(const Collect& sink) {
  using quarry::StorageType;
  ASSERT_EQ(sink.rows.size(), 1u);
  const auto& row = sink.rows[0];
  const auto& t = sink.types[0];
  ASSERT_EQ(row.size(), 15u);
  EXPECT_EQ(sink.names[0], "i2");
  EXPECT_EQ(sink.names[14], "u");
  const std::vector<StorageType> expected = {
      StorageType::integer, StorageType::integer, StorageType::integer, StorageType::real,
      StorageType::real,    StorageType::integer, StorageType::text,    StorageType::text,
      StorageType::text,    StorageType::text,    StorageType::text,    StorageType::text,
      StorageType::blob,    StorageType::text,    StorageType::text};
  EXPECT_EQ(t, expected);
  EXPECT_EQ(row[0], Value(std::int64_t{-32768}));
  EXPECT_EQ(row[1], Value(std::int64_t{2147483647}));
  EXPECT_EQ(row[2], Value(std::int64_t{-9223372036854775807LL - 1}));
  EXPECT_EQ(row[3], Value(1.5));
  EXPECT_EQ(row[4], Value(-0.1));
  EXPECT_EQ(row[5], Value(std::int64_t{1}));
  EXPECT_EQ(row[6], Value("12.340"s));
  EXPECT_EQ(row[7], Value("héllo wörld"s));
  EXPECT_EQ(row[8], Value("short"s));
  EXPECT_EQ(row[9], Value("2024-01-02"s));
  EXPECT_EQ(row[10], Value("2024-01-02 03:04:05.123456"s));
  EXPECT_EQ(row[11], Value("2024-01-02 01:04:05+00"s)) << "timestamptz comes in UTC";
  EXPECT_EQ(row[12], Value(bytes({0, 1, 0x7f, 0x80, 0xff})));
  EXPECT_EQ(row[13], Value(R"({"a": [1, 2]})"s));
  EXPECT_EQ(row[14], Value("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"s));

  // What the query layer's readers make of PostgreSQL's text.
  quarry::Date d;
  EXPECT_TRUE(quarry::detail::parse_date(row[9].as_text(), d));
  quarry::Timestamp ts;
  EXPECT_TRUE(quarry::detail::parse_timestamp(row[10].as_text(), ts));
  quarry::TimestampTz tz;
  ASSERT_TRUE(quarry::detail::parse_timestamptz(row[11].as_text(), tz));
  using namespace std::chrono;
  EXPECT_EQ(tz, quarry::TimestampTz{sys_days{2024y / 1 / 2} + 1h + 4min + 5s});
}

TEST_F(PgExecute, RoundTripsEveryBasicType) {
  auto c = open();
  c->execute_script(every_type_table);
  const auto values = every_type_values();
  EXPECT_EQ(c->execute(quarry::Statement{every_type_insert, values}, nullptr).rows_affected, 1);
  Collect sink;
  c->execute(quarry::Statement{"SELECT * FROM every_type", {}}, &sink);
  check_every_type_row(sink);
}

TEST_F(PgAsync, RoundTripsEveryBasicType) {
  auto c = open();
  asio::io_context io;
  Collect sink;
  run_on(io, [&]() -> quarry::Task<void> {
    co_await c->execute_script_async(every_type_table);
    const auto values = every_type_values();
    const quarry::Statement insert{every_type_insert, values};
    const quarry::ExecResult r = co_await c->execute_async(insert, nullptr);
    EXPECT_EQ(r.rows_affected, 1);
    const quarry::Statement select{"SELECT * FROM every_type", {}};
    co_await c->execute_async(select, &sink);
  }());
  check_every_type_row(sink);
}

TEST_F(PgExecute, ReadsSpecialFloatsAndBooleans) {
  auto c = open();
  const auto rows = query(*c,
                          "SELECT 'NaN'::float8, 'Infinity'::float8, '-Infinity'::float4, true, "
                          "false, $1::float8",
                          {Value(0.1 + 0.2)});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(std::isnan(rows[0][0].as_double()));
  EXPECT_EQ(rows[0][1], Value(std::numeric_limits<double>::infinity()));
  EXPECT_EQ(rows[0][2], Value(-std::numeric_limits<double>::infinity()));
  EXPECT_EQ(rows[0][3], Value(std::int64_t{1}));
  EXPECT_EQ(rows[0][4], Value(std::int64_t{0}));
  EXPECT_EQ(rows[0][5], Value(0.1 + 0.2)) << "doubles go and come back exactly";
}

TEST_F(PgExecute, HandlesNulls) {
  auto c = open();
  c->execute_script(every_type_table);
  const std::vector<Value> nulls(15);
  exec(*c, every_type_insert, nulls);
  Collect sink;
  c->execute(quarry::Statement{"SELECT * FROM every_type", {}}, &sink);
  ASSERT_EQ(sink.rows.size(), 1u);
  for (std::size_t i = 0; i < 15; ++i) {
    EXPECT_EQ(sink.types[0][i], quarry::StorageType::null) << sink.names[i];
    EXPECT_TRUE(sink.rows[0][i].is_null()) << sink.names[i];
  }
  EXPECT_TRUE(scalar(*c, "SELECT NULL::int").is_null());
  EXPECT_EQ(scalar(*c, "SELECT $1::text IS NULL", {Value()}), Value(std::int64_t{1}));
  EXPECT_EQ(scalar(*c, "SELECT ''::text"), Value(""s)) << "empty text is not NULL";
  EXPECT_EQ(scalar(*c, "SELECT $1::bytea", {Value(quarry::Blob{})}), Value(quarry::Blob{}))
      << "an empty blob is not NULL";
}

TEST_F(PgExecute, ReportsRowsAffectedAndReturnedKeys) {
  auto c = open();
  c->execute_script("CREATE TEMP TABLE k (id bigserial PRIMARY KEY, name text)");
  EXPECT_EQ(exec(*c, "INSERT INTO k (name) VALUES ('a'), ('b'), ('c')").rows_affected, 3);
  EXPECT_EQ(exec(*c, "UPDATE k SET name = name || '!' WHERE id > 1").rows_affected, 2);
  EXPECT_EQ(exec(*c, "SELECT * FROM k").rows_affected, 0) << "a query affects nothing";
  const auto r = exec(*c, "INSERT INTO k (name) VALUES ($1) RETURNING id", {Value("d"s)});
  EXPECT_EQ(r.rows_affected, 1);
  EXPECT_EQ(r.last_insert_id, 4) << "RETURNING the key gives last_insert_id";
  EXPECT_EQ(exec(*c, "DELETE FROM k").rows_affected, 4);
  EXPECT_EQ(exec(*c, "CREATE TEMP TABLE k2 (a int)").rows_affected, 0);
}

TEST_F(PgExecute, RunsScriptsOfSeveralStatements) {
  auto c = open();
  c->execute_script(
      "CREATE TEMP TABLE s (a int); INSERT INTO s VALUES (1), (2);\n"
      "-- a comment\nINSERT INTO s VALUES (3);");
  EXPECT_EQ(scalar(*c, "SELECT sum(a)::int FROM s"), Value(std::int64_t{6}));
  // A failing script is one transaction: nothing of it stays.
  const auto e = catch_as<quarry::QueryError>(
      [&] { c->execute_script("INSERT INTO s VALUES (4); SELEC 1; INSERT INTO s VALUES (5);"); });
  EXPECT_EQ(e.code(), "42601");
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM s"), Value(std::int64_t{3}));
  EXPECT_THROW(c->execute_script("SELECT 1\0; DROP TABLE s"s), quarry::UsageError);
}

TEST_F(PgExecute, RunsBatchesAtomically) {
  auto c = open();
  c->execute_script("CREATE TEMP TABLE b (id int PRIMARY KEY, name text UNIQUE)");
  NumberedRows rows(1000);
  const auto r = c->execute_batch("INSERT INTO b VALUES ($1, $2)", rows);
  EXPECT_EQ(r.rows_affected, 1000);
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM b"), Value(std::int64_t{1000}));

  exec(*c, "DELETE FROM b");
  NumberedRows bad(1000);
  bad.duplicate_at = 700;
  const auto e = catch_as<quarry::UniqueViolation>(
      [&] { c->execute_batch("INSERT INTO b VALUES ($1, $2)", bad); });
  EXPECT_EQ(e.constraint(), "b_name_key");
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM b"), Value(std::int64_t{0}))
      << "a failing row leaves no earlier row behind";

  NumberedRows none(0);
  EXPECT_EQ(c->execute_batch("INSERT INTO b VALUES ($1, $2)", none).rows_affected, 0);
}

TEST_F(PgExecute, KeepsNoticesOffStderr) {
  auto c = open();
  testing::internal::CaptureStderr();
  c->execute_script("DROP TABLE IF EXISTS quarry_no_such_table");
  exec(*c, "DO $$BEGIN RAISE NOTICE 'hello from the server'; END$$");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST_F(PgExecute, LetsASinkRunQueriesOnTheSameConnection) {
  auto c = open();
  struct Nested final : quarry::RowSink {
    quarry::Connection* c;
    std::vector<Value> seen;
    void on_row(const quarry::RowReader& r) override {
      const std::vector<Value> params{r.value(0)};
      seen.push_back(scalar(*c, "SELECT $1::int * 10", params));
    }
  } sink;
  sink.c = c.get();
  c->execute(quarry::Statement{"SELECT generate_series(1, 3)", {}}, &sink);
  EXPECT_EQ(sink.seen, (std::vector<Value>{Value(std::int64_t{10}), Value(std::int64_t{20}),
                                           Value(std::int64_t{30})}));
}

// --------------------------------------------------------------- errors

TEST_F(PgErrors, MapsConstraintViolationsWithTheirNames) {
  auto c = open();
  c->execute_script(
      "CREATE TEMP TABLE parent (id int PRIMARY KEY);"
      "CREATE TEMP TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id), "
      "name text NOT NULL UNIQUE, qty int CONSTRAINT qty_positive CHECK (qty > 0));"
      "INSERT INTO parent VALUES (1);"
      "INSERT INTO child VALUES (1, 1, 'first', 1);");
  constexpr std::string_view insert = "INSERT INTO child VALUES ($1, $2, $3, $4)";
  const auto args = [](std::int64_t id, Value parent, Value name, std::int64_t qty) {
    return std::vector<Value>{Value(id), std::move(parent), std::move(name), Value(qty)};
  };

  const auto unique = catch_as<quarry::UniqueViolation>(
      [&] { exec(*c, insert, args(2, Value(std::int64_t{1}), Value("first"s), 1)); });
  EXPECT_EQ(unique.code(), "23505");
  EXPECT_EQ(unique.table(), "child");
  EXPECT_EQ(unique.column(), "name");
  EXPECT_EQ(unique.constraint(), "child_name_key");
  EXPECT_EQ(unique.sql(), insert);
  EXPECT_CONTAINS(unique.what(),
                  "unique constraint \"child_name_key\" violated on \"child\".\"name\"");
  EXPECT_CONTAINS(unique.what(), "in: INSERT INTO child");

  const auto fk = catch_as<quarry::ForeignKeyViolation>(
      [&] { exec(*c, insert, args(3, Value(std::int64_t{99}), Value("x"s), 1)); });
  EXPECT_EQ(fk.code(), "23503");
  EXPECT_EQ(fk.table(), "child");
  EXPECT_EQ(fk.column(), "parent_id");
  EXPECT_EQ(fk.constraint(), "child_parent_id_fkey");
  EXPECT_CONTAINS(fk.what(), "foreign key constraint \"child_parent_id_fkey\" violated");

  const auto not_null = catch_as<quarry::NotNullViolation>(
      [&] { exec(*c, insert, args(4, Value(std::int64_t{1}), Value(), 1)); });
  EXPECT_EQ(not_null.code(), "23502");
  EXPECT_EQ(not_null.table(), "child");
  EXPECT_EQ(not_null.column(), "name");
  EXPECT_CONTAINS(not_null.what(), "not-null constraint violated on \"child\".\"name\"");

  const auto check = catch_as<quarry::CheckViolation>(
      [&] { exec(*c, insert, args(5, Value(std::int64_t{1}), Value("y"s), -1)); });
  EXPECT_EQ(check.code(), "23514");
  EXPECT_EQ(check.table(), "child");
  EXPECT_EQ(check.constraint(), "qty_positive");
  EXPECT_CONTAINS(check.what(), "check constraint \"qty_positive\" violated");

  const auto pk = catch_as<quarry::UniqueViolation>(
      [&] { exec(*c, insert, args(1, Value(std::int64_t{1}), Value("z"s), 1)); });
  EXPECT_EQ(pk.constraint(), "child_pkey");
  EXPECT_EQ(pk.column(), "id");

  EXPECT_TRUE(c->healthy());
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM child"), Value(std::int64_t{1}));
}

TEST_F(PgErrors, ReportsOtherErrorsWithTheirSqlstate) {
  auto c = open();
  const auto syntax = catch_as<quarry::QueryError>([&] { exec(*c, "SELEC 1"); });
  EXPECT_EQ(syntax.code(), "42601");
  EXPECT_EQ(syntax.sql(), "SELEC 1");
  EXPECT_CONTAINS(syntax.what(), "PostgreSQL error 42601: syntax error at or near \"SELEC\"");
  EXPECT_CONTAINS(syntax.what(), "(at character 1)");
  EXPECT_CONTAINS(syntax.what(), "\nin: SELEC 1");

  const auto missing = catch_as<quarry::QueryError>([&] { exec(*c, "SELECT * FROM nowhere"); });
  EXPECT_EQ(missing.code(), "42P01");
  EXPECT_CONTAINS(missing.what(), "relation \"nowhere\" does not exist");

  const auto params = catch_as<quarry::QueryError>([&] { exec(*c, "SELECT $1::int", {}); });
  EXPECT_EQ(params.code(), "08P01") << params.what();

  EXPECT_THROW(exec(*c, ""), quarry::UsageError);
  EXPECT_TRUE(c->healthy());
  EXPECT_EQ(scalar(*c, "SELECT 1"), Value(std::int64_t{1}));
}

// -------------------------------------------------------- frozen queries

TEST_F(PgFrozen, PreparesOnceAndReuses) {
  auto c = open();
  c->execute_script("CREATE TEMP TABLE f (id int PRIMARY KEY)");
  constexpr std::uint32_t id = 4242;
  constexpr std::string_view sql = "INSERT INTO f VALUES ($1) RETURNING id * 2";
  for (std::int64_t i = 1; i <= 3; ++i) {
    const std::vector<Value> params{Value(i)};
    Collect sink;
    c->execute(quarry::Statement{sql, params, id}, &sink);
    ASSERT_EQ(sink.rows.size(), 1u);
    EXPECT_EQ(sink.rows[0][0], Value(i * 2));
  }
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM pg_prepared_statements WHERE name = 'quarry_4242'"),
            Value(std::int64_t{1}));
  EXPECT_EQ(scalar(*c, "SELECT statement FROM pg_prepared_statements WHERE name = $1",
                   {Value("quarry_4242"s)}),
            Value(std::string(sql)));

  // A failing execution leaves the prepared statement usable.
  const std::vector<Value> dup{Value(std::int64_t{1})};
  EXPECT_THROW(c->execute(quarry::Statement{sql, dup, id}, nullptr), quarry::UniqueViolation);
  const std::vector<Value> next{Value(std::int64_t{10})};
  EXPECT_EQ(c->execute(quarry::Statement{sql, next, id}, nullptr).rows_affected, 1);

  // A statement that fails to prepare is prepared again next time.
  constexpr std::uint32_t bad_id = 4243;
  EXPECT_THROW(c->execute(quarry::Statement{"SELECT * FROM later_table", {}, bad_id}, nullptr),
               quarry::QueryError);
  c->execute_script("CREATE TEMP TABLE later_table (a int)");
  EXPECT_EQ(
      c->execute(quarry::Statement{"SELECT * FROM later_table", {}, bad_id}, nullptr).rows_affected,
      0);
}

TEST_F(PgFrozen, SharesOnePrepareAmongPipelinedAwaiters) {
  auto c = open();
  asio::io_context io;
  std::vector<std::int64_t> results(20, -1);
  for (int i = 0; i < 20; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> quarry::Task<void> {
          const std::vector<Value> params{Value(std::int64_t{i})};
          const quarry::Statement stmt{"SELECT $1::int + 1000", params, 4244};
          Collect sink;
          co_await c->execute_async(stmt, &sink);
          results[static_cast<std::size_t>(i)] = sink.rows.at(0).at(0).as_int64();
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  io.run();
  for (int i = 0; i < 20; ++i) EXPECT_EQ(results[static_cast<std::size_t>(i)], 1000 + i);
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM pg_prepared_statements"), Value(std::int64_t{1}));
}

// ------------------------------------------------------------ pipelining

TEST_F(PgAsync, PipelinesAHundredQueriesOnOneConnection) {
  auto c = open();
  asio::io_context io;
  constexpr int n = 100;
  std::vector<int> finished_order;
  std::vector<std::string> results(n);
  std::size_t in_flight_seen = 0;
  for (int i = 0; i < n; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> quarry::Task<void> {
          const std::vector<Value> params{Value(std::int64_t{i}),
                                          Value("row "s + std::to_string(i))};
          const quarry::Statement stmt{"SELECT $1::int * 2, $2::text, pg_sleep(0.001)", params};
          Collect sink;
          co_await c->execute_async(stmt, &sink);
          finished_order.push_back(i);
          results[static_cast<std::size_t>(i)] =
              std::to_string(sink.rows.at(0).at(0).as_int64()) + "/" + sink.rows[0][1].as_text();
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  // Runs after every coroutine above has sent its query and suspended.
  asio::post(io, [&] { in_flight_seen = c->requests_in_flight(); });
  io.run();
  EXPECT_EQ(in_flight_seen, static_cast<std::size_t>(n)) << "all in flight at once";
  ASSERT_EQ(finished_order.size(), static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    EXPECT_EQ(finished_order[static_cast<std::size_t>(i)], i) << "answers come in order";
    EXPECT_EQ(results[static_cast<std::size_t>(i)],
              std::to_string(i * 2) + "/row " + std::to_string(i));
  }
  EXPECT_EQ(c->requests_in_flight(), 0u);
  EXPECT_TRUE(c->healthy());
}

TEST_F(PgAsync, AFailureInThePipelineFailsOnlyItsAwaiter) {
  auto c = open();
  c->execute_script("CREATE TEMP TABLE p (id int PRIMARY KEY)");
  asio::io_context io;
  constexpr int n = 12;
  std::vector<std::string> outcome(n);
  for (int i = 0; i < n; ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> quarry::Task<void> {
          const std::vector<Value> params{Value(std::int64_t{i % 6})};
          // Rows 6..11 repeat the keys of 0..5: each fails alone.
          const quarry::Statement insert{"INSERT INTO p VALUES ($1)", params};
          const quarry::Statement divide{"SELECT 1 / ($1::int - 3)", params};
          try {
            if (i == 3) {
              co_await c->execute_async(divide, nullptr);  // 1 / 0
            } else {
              co_await c->execute_async(insert, nullptr);
            }
            outcome[static_cast<std::size_t>(i)] = "ok";
          } catch (const quarry::UniqueViolation& e) {
            outcome[static_cast<std::size_t>(i)] = "unique " + e.constraint();
          } catch (const quarry::QueryError& e) {
            outcome[static_cast<std::size_t>(i)] = "error " + e.code();
          }
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  io.run();
  for (int i = 0; i < n; ++i) {
    const std::string expected = i == 3   ? "error 22012"
                                 : i < 6  ? "ok"
                                 : i == 9 ? "ok"
                                          : "unique p_pkey";
    EXPECT_EQ(outcome[static_cast<std::size_t>(i)], expected) << "coroutine " << i;
  }
  EXPECT_TRUE(c->healthy());
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM p"), Value(std::int64_t{6}));
}

TEST_F(PgAsync, OrdersScriptsAndBatchesWithStatements) {
  auto c = open();
  asio::io_context io;
  std::vector<std::string> log;
  NumberedRows rows(500);
  const auto step = [&](std::string name, auto body) {
    asio::co_spawn(
        io,
        [&log, name, body]() -> quarry::Task<void> {
          co_await body();
          log.push_back(name);
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  };
  step("script", [&]() -> quarry::Task<void> {
    co_await c->execute_script_async("CREATE TEMP TABLE o (id int PRIMARY KEY, name text)");
  });
  step("batch", [&]() -> quarry::Task<void> {
    const auto r = co_await c->execute_batch_async("INSERT INTO o VALUES ($1, $2)", rows);
    EXPECT_EQ(r.rows_affected, 500);
  });
  step("count", [&]() -> quarry::Task<void> {
    const quarry::Statement count{"SELECT count(*) FROM o", {}};
    Collect sink;
    co_await c->execute_async(count, &sink);
    EXPECT_EQ(sink.rows.at(0).at(0), Value(std::int64_t{500}));
  });
  step("script 2", [&]() -> quarry::Task<void> {
    co_await c->execute_script_async("DELETE FROM o WHERE id >= 100; DELETE FROM o WHERE id < 50");
  });
  step("count 2", [&]() -> quarry::Task<void> {
    const quarry::Statement count{"SELECT count(*) FROM o", {}};
    Collect sink;
    co_await c->execute_async(count, &sink);
    EXPECT_EQ(sink.rows.at(0).at(0), Value(std::int64_t{50}));
  });
  io.run();
  EXPECT_EQ(log, (std::vector<std::string>{"script", "batch", "count", "script 2", "count 2"}));
}

TEST_F(PgAsync, MovesBetweenExecutorsWhenIdle) {
  auto c = open();
  for (int round = 0; round < 3; ++round) {
    asio::io_context io;  // a new executor each round
    const Value v = run_on(io, [&]() -> quarry::Task<Value> {
      const std::vector<Value> params{Value(std::int64_t{round})};
      const quarry::Statement stmt{"SELECT $1::int + 1", params};
      Collect sink;
      co_await c->execute_async(stmt, &sink);
      co_return sink.rows.at(0).at(0);
    }());
    EXPECT_EQ(v, Value(std::int64_t{round + 1}));
  }
  // And the blocking path in between.
  EXPECT_EQ(scalar(*c, "SELECT 7"), Value(std::int64_t{7}));
}

TEST_F(PgAsync, RunAsyncRunsWorkInline) {
  auto c = open();
  asio::io_context io;
  bool ran = false;
  run_on(io, c->run_async([&] { ran = true; }));
  EXPECT_TRUE(ran);
  EXPECT_THROW(run_on(io, c->run_async([] { throw std::runtime_error("boom"); })),
               std::runtime_error);
}

TEST_F(PgAsync, StreamsALargeBatchAndALargeResult) {
  auto c = open();
  c->execute_script("CREATE TEMP TABLE big (id int PRIMARY KEY, name text)");
  // Enough rows that the batch outgrows the socket's buffers: sending must
  // pause for the answers and go on.
  NumberedRows rows(50000);
  for (std::string& name : rows.names) name += std::string(100, 'x');
  asio::io_context io;
  std::size_t seen = 0;
  std::int64_t sum = 0;
  struct Count final : quarry::RowSink {
    std::size_t& seen;
    std::int64_t& sum;
    Count(std::size_t& s, std::int64_t& t) : seen(s), sum(t) {}
    void on_row(const quarry::RowReader& r) override {
      ++seen;
      sum += r.get_int64(0);
    }
  };
  run_on(io, [&]() -> quarry::Task<void> {
    const auto r = co_await c->execute_batch_async("INSERT INTO big VALUES ($1, $2)", rows);
    EXPECT_EQ(r.rows_affected, 50000);
    const quarry::Statement select{"SELECT id, name FROM big", {}};
    Count sink(seen, sum);
    co_await c->execute_async(select, &sink);
  }());
  EXPECT_EQ(seen, 50000u);
  EXPECT_EQ(sum, std::int64_t{50000} * 49999 / 2);
}

TEST_F(PgAsync, AKilledBackendFailsEveryAwaiterWithAConnectionError) {
  auto victim = open();
  auto killer = open();
  const std::int64_t pid = victim->backend_pid();
  asio::io_context io;
  int connection_errors = 0;
  for (int i = 0; i < 5; ++i) {
    asio::co_spawn(
        io,
        [&]() -> quarry::Task<void> {
          const quarry::Statement slow{"SELECT pg_sleep(30)", {}};
          try {
            co_await victim->execute_async(slow, nullptr);
          } catch (const quarry::ConnectionError&) {
            ++connection_errors;
          }
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  asio::post(io, [&] {
    // Every query is in flight now; the server ends the session.
    EXPECT_EQ(scalar(*killer, "SELECT pg_terminate_backend($1::int)", {Value(pid)}),
              Value(std::int64_t{1}));
  });
  io.run();
  EXPECT_EQ(connection_errors, 5);
  EXPECT_FALSE(victim->healthy());
  const auto e = catch_as<quarry::ConnectionError>([&] { exec(*victim, "SELECT 1"); });
  EXPECT_CONTAINS(e.what(), "broken");
  EXPECT_TRUE(killer->healthy());
}

TEST_F(PgExecute, AKilledBackendIsAConnectionError) {
  auto victim = open();
  auto killer = open();
  exec(*killer, "SELECT pg_terminate_backend($1::int)",
       {Value(std::int64_t{victim->backend_pid()})});
  const auto e = catch_as<quarry::ConnectionError>([&] { exec(*victim, "SELECT 1"); });
  EXPECT_CONTAINS(e.what(), "PostgreSQL connection at");
  EXPECT_CONTAINS(e.what(), "in: SELECT 1");
  EXPECT_FALSE(victim->healthy());
}

// ------------------------------------------------------- hostile strings

TEST_F(PgHostile, StringsRoundTripExactly) {
  auto c = open();
  c->execute_script("CREATE TEMP TABLE h (id int, s text)");
  const std::vector<std::string> hostile = {
      "'; DROP TABLE h; --",    "Robert'); DROP TABLE students;--",
      "back\\slash \\' \\\\",   "double \"quotes\" and 'single'",
      "semi;colon; ;",          "$1 $2 ? :name %s {}",
      "E'\\x00' U&'\\0000'",    "$$ dollar $$ $q$ quoted $q$",
      "tab\tnewline\nreturn\r", "héllo wörld 🎉 ✓ 中文",
      std::string(100000, 'x'), ""};
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    exec(*c, "INSERT INTO h VALUES ($1, $2)",
         {Value(static_cast<std::int64_t>(i)), Value(hostile[i])});
  }
  const auto rows = query(*c, "SELECT s FROM h ORDER BY id");
  ASSERT_EQ(rows.size(), hostile.size());
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    EXPECT_EQ(rows[i][0], Value(hostile[i])) << "string " << i;
  }
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM h"), Value(static_cast<std::int64_t>(hostile.size())));
}

TEST_F(PgHostile, RefusesNulAndInvalidUtf8Cleanly) {
  auto c = open();
  const auto nul =
      catch_as<quarry::UsageError>([&] { exec(*c, "SELECT $1::text", {Value("before\0after"s)}); });
  EXPECT_CONTAINS(nul.what(), "text parameter $1 holds a NUL byte");
  EXPECT_CONTAINS(nul.what(), "Blob");
  // The same bytes go through as bytea.
  const quarry::Blob with_nul = bytes({'a', 0, 'b'});
  EXPECT_EQ(scalar(*c, "SELECT $1::bytea", {Value(with_nul)}), Value(with_nul));

  const auto utf8 =
      catch_as<quarry::QueryError>([&] { exec(*c, "SELECT $1::text", {Value("\xff\xfe"s)}); });
  EXPECT_EQ(utf8.code(), "22021");
  EXPECT_CONTAINS(utf8.what(), "invalid byte sequence for encoding \"UTF8\"");

  EXPECT_THROW(exec(*c, "SELECT 1\0 DROP"s), quarry::UsageError);

  // None of it hurt the connection, on either path.
  EXPECT_TRUE(c->healthy());
  EXPECT_EQ(scalar(*c, "SELECT 'fine'"), Value("fine"s));
  asio::io_context io;
  run_on(io, [&]() -> quarry::Task<void> {
    const std::vector<Value> params{Value("x\0y"s)};
    const quarry::Statement stmt{"SELECT $1::text", params};
    bool refused = false;
    try {
      co_await c->execute_async(stmt, nullptr);
    } catch (const quarry::UsageError&) {
      refused = true;
    }
    EXPECT_TRUE(refused);
    const quarry::Statement ok{"SELECT 1", {}};
    const auto r = co_await c->execute_async(ok, nullptr);
    EXPECT_EQ(r.rows_affected, 0);
  }());
}

}  // namespace
