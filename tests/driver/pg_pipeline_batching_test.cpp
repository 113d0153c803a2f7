// Tests of SELECTs sharing sync points in PostgreSQL's pipeline mode, against
// a real server: a burst of query-builder SELECTs (Statement::read_only) takes
// one sync point instead of one each; a SELECT that fails inside such a group
// fails only its own awaiter while the ones the server skipped are sent
// again; writes keep their own sync point (committed exactly once); inside a
// transaction block a failure still aborts the transaction; and
// `quarry_pipeline=sync_each` turns the batching off.
//
// The server's URL comes from QUARRY_TEST_POSTGRES_URL, as for
// pg_connection_test.cpp; without it the tests skip (fail under CI=true).
#include "driver/postgresql/pg_connection.hpp"

#include <quarry/driver/url.hpp>
#include <quarry/error.hpp>

#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <cstdlib>
#include <exception>
#include <functional>
#include <string>
#include <vector>

using namespace std::string_literals;
using quarry::Value;
using quarry::detail::PgConnection;

namespace {

namespace asio = boost::asio;

class PgBatching : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* url = std::getenv("QUARRY_TEST_POSTGRES_URL");
    url_ = url != nullptr ? url : "";
    if (!url_.empty()) return;
    const char* ci = std::getenv("CI");
    if (ci != nullptr && std::string(ci) == "true") {
      FAIL() << "QUARRY_TEST_POSTGRES_URL is not set under CI=true";
    }
    GTEST_SKIP() << "no PostgreSQL server: set QUARRY_TEST_POSTGRES_URL";
  }

  std::unique_ptr<PgConnection> open(std::string_view extra = {}) const {
    std::string url = url_;
    if (!extra.empty())
      url += (url.find('?') == std::string::npos ? "?" : "&") + std::string(extra);
    return std::make_unique<PgConnection>(quarry::parse_database_url(url));
  }

  std::string url_;
};

struct Collect final : quarry::RowSink {
  std::vector<std::vector<Value>> rows;
  void on_row(const quarry::RowReader& r) override {
    auto& row = rows.emplace_back();
    for (std::size_t i = 0; i < r.column_count(); ++i) row.push_back(r.value(i));
  }
};

Value scalar(quarry::Connection& c, std::string_view sql) {
  Collect sink;
  c.execute(quarry::Statement{sql, {}}, &sink);
  if (sink.rows.size() != 1 || sink.rows[0].size() != 1) throw std::runtime_error("not one value");
  return sink.rows[0][0];
}

/// One awaited statement: its text, values and whether the builder made it.
struct Query {
  std::string sql;
  std::vector<Value> params;
  bool read_only = true;
  std::uint32_t frozen_id = 0;
};

/// Runs every query in its own coroutine on one io_context, all spawned
/// before the loop runs (so that they are in flight together), and returns
/// what each awaiter saw: "ok <first column of each row, '|'-joined>" or
/// "error <SQLSTATE>".
std::vector<std::string> run_together(PgConnection& c, const std::vector<Query>& queries) {
  asio::io_context io;
  std::vector<std::string> outcome(queries.size(), "never finished");
  for (std::size_t i = 0; i < queries.size(); ++i) {
    asio::co_spawn(
        io,
        [&, i]() -> quarry::Task<void> {
          const Query& q = queries[i];
          const quarry::Statement stmt{q.sql, q.params, q.frozen_id, q.read_only};
          Collect sink;
          try {
            co_await c.execute_async(stmt, &sink);
            std::string seen = "ok ";
            for (std::size_t r = 0; r < sink.rows.size(); ++r) {
              if (r != 0) seen += '|';
              const Value& v = sink.rows[r].at(0);
              seen += v.is_null()                                ? "null"
                      : v.type() == quarry::StorageType::integer ? std::to_string(v.as_int64())
                                                                 : v.as_text();
            }
            outcome[i] = seen;
          } catch (const quarry::QueryError& e) {
            outcome[i] = "error " + e.code();
          } catch (const std::exception& e) {
            outcome[i] = "other "s + e.what();
          }
        },
        [](std::exception_ptr e) {
          if (e) std::rethrow_exception(e);
        });
  }
  io.run();
  return outcome;
}

/// A point select by key that divides by `divisor` and casts `number` to
/// int: a zero divisor fails with 22012, a number that is no integer with
/// 22P02 (the kind of error a bad parameter gives), else it returns
/// key * 10 + 60 / divisor.
Query point(int key, int divisor = 3, std::string number = "1", std::uint32_t frozen_id = 0) {
  return {"SELECT $1::int * 10 + 60 / $2::int + 0 * $3::text::int",
          {Value(std::int64_t{key}), Value(std::int64_t{divisor}), Value(std::move(number))},
          true,
          frozen_id};
}

std::string point_answer(int key, int divisor = 3) {
  return "ok " + std::to_string(key * 10 + 60 / divisor);
}

// ------------------------------------------------------------ sharing syncs

TEST_F(PgBatching, ABurstOfSelectsSharesOneSyncPointPerGroup) {
  auto c = open();
  ASSERT_TRUE(c->batches_selects());
  std::vector<Query> queries;
  for (int i = 0; i < 150; ++i) queries.push_back(point(i));
  const std::uint64_t syncs_before = c->syncs_sent();
  const auto outcome = run_together(*c, queries);
  for (int i = 0; i < 150; ++i) EXPECT_EQ(outcome[i], point_answer(i)) << "query " << i;
  // 150 SELECTs queued in one burst: groups of max_group_selects (64), 64
  // and the 22 left, each closed by one sync point.
  EXPECT_EQ(c->syncs_sent() - syncs_before, 3u);
  EXPECT_EQ(c->statements_resent(), 0u);
  EXPECT_EQ(c->requests_in_flight(), 0u);
  EXPECT_TRUE(c->healthy());
}

TEST_F(PgBatching, RawSqlAndWritesKeepASyncPointOfTheirOwn) {
  auto c = open();
  std::vector<Query> queries;
  for (int i = 0; i < 10; ++i) {
    Query raw = point(i);
    raw.read_only = false;  // raw SQL: the caller did not say it writes nothing
    queries.push_back(raw);
  }
  const std::uint64_t syncs_before = c->syncs_sent();
  const auto outcome = run_together(*c, queries);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(outcome[i], point_answer(i));
  EXPECT_EQ(c->syncs_sent() - syncs_before, 10u);
}

TEST_F(PgBatching, SyncEachModeGivesEverySelectItsOwnSyncPoint) {
  auto c = open("quarry_pipeline=sync_each");
  EXPECT_FALSE(c->batches_selects());
  std::vector<Query> queries;
  for (int i = 0; i < 70; ++i) queries.push_back(point(i, i == 20 ? 0 : 3));
  const std::uint64_t syncs_before = c->syncs_sent();
  const auto outcome = run_together(*c, queries);
  for (int i = 0; i < 70; ++i) {
    EXPECT_EQ(outcome[i], i == 20 ? "error 22012" : point_answer(i)) << "query " << i;
  }
  EXPECT_EQ(c->syncs_sent() - syncs_before, 70u);
  EXPECT_EQ(c->statements_resent(), 0u) << "nothing shares a sync, so nothing is skipped";
}

TEST_F(PgBatching, RejectsABadPipelineModeNamingIt) {
  try {
    (void)quarry::parse_database_url(url_ + (url_.find('?') == std::string::npos ? "?" : "&") +
                                     "quarry_pipeline=sometimes");
    FAIL() << "no UrlError";
  } catch (const quarry::UrlError& e) {
    EXPECT_NE(std::string(e.what()).find("bad quarry_pipeline \"sometimes\""), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("sync_each"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(open("quarry_pipeline=batch_selects")->batches_selects());
}

// ------------------------------------------------------- failures in a group

TEST_F(PgBatching, FailingSelectsInAGroupFailOnlyTheirAwaiters) {
  auto c = open();
  // 100 point selects in flight at once; five in the middle of the groups
  // fail: three divide by zero, two get a parameter that is no integer.
  const std::vector<int> divide_by_zero = {5, 33, 70};
  const std::vector<int> not_a_number = {12, 50};
  std::vector<Query> queries;
  for (int i = 0; i < 100; ++i) {
    const bool zero =
        std::find(divide_by_zero.begin(), divide_by_zero.end(), i) != divide_by_zero.end();
    const bool nan = std::find(not_a_number.begin(), not_a_number.end(), i) != not_a_number.end();
    queries.push_back(point(i, zero ? 0 : 3, nan ? "x" + std::to_string(i) : "7"));
  }
  const auto outcome = run_together(*c, queries);
  for (int i = 0; i < 100; ++i) {
    const bool zero =
        std::find(divide_by_zero.begin(), divide_by_zero.end(), i) != divide_by_zero.end();
    const bool nan = std::find(not_a_number.begin(), not_a_number.end(), i) != not_a_number.end();
    const std::string expected = zero ? "error 22012" : nan ? "error 22P02" : point_answer(i);
    EXPECT_EQ(outcome[i], expected) << "query " << i;
  }
  // The failure of query 5 made the server skip 6..63 of its group: they
  // were sent again, and so on for the later failures.
  EXPECT_GE(c->statements_resent(), 58u);
  EXPECT_EQ(c->requests_in_flight(), 0u);
  EXPECT_TRUE(c->healthy());
  EXPECT_EQ(scalar(*c, "SELECT 41 + 1"), Value(std::int64_t{42}));
}

TEST_F(PgBatching, FrozenSelectsInAFailingGroupKeepOnePreparedStatement) {
  auto c = open();
  std::vector<Query> queries;
  for (int i = 0; i < 80; ++i) queries.push_back(point(i, i % 16 == 9 ? 0 : 3, "1", 4711));
  const auto outcome = run_together(*c, queries);
  for (int i = 0; i < 80; ++i) {
    EXPECT_EQ(outcome[i], i % 16 == 9 ? "error 22012" : point_answer(i)) << "query " << i;
  }
  EXPECT_GT(c->statements_resent(), 0u);
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM pg_prepared_statements"), Value(std::int64_t{1}));
  // And the prepared statement serves the next burst.
  const auto again = run_together(*c, {point(1, 3, "1", 4711), point(2, 3, "1", 4711)});
  EXPECT_EQ(again, (std::vector<std::string>{point_answer(1), point_answer(2)}));
}

TEST_F(PgBatching, AWriteQueuedBetweenFailingSelectsIsCommittedExactlyOnce) {
  auto c = open();
  c->execute_script("CREATE TEMP TABLE w (id serial PRIMARY KEY, note text)");
  std::vector<Query> queries;
  for (int i = 0; i < 30; ++i) queries.push_back(point(i, i == 28 ? 0 : 3));
  queries.push_back({"INSERT INTO w (note) VALUES ($1) RETURNING id", {Value("once"s)}, false});
  for (int i = 31; i < 60; ++i) {
    if (i == 31 || i == 45) {
      // After the write: they see it (the write's sync point committed it
      // before they ran).
      queries.push_back({"SELECT count(*) FROM w WHERE note = 'once'", {}, true});
    } else {
      queries.push_back(point(i, i == 33 ? 0 : 3));
    }
  }
  const auto outcome = run_together(*c, queries);
  for (int i = 0; i < 60; ++i) {
    std::string expected = i == 28 || i == 33 ? "error 22012" : point_answer(i);
    if (i == 30) expected = "ok 1";
    if (i == 31 || i == 45) expected = "ok 1";
    EXPECT_EQ(outcome[i], expected) << "query " << i;
  }
  EXPECT_GT(c->statements_resent(), 0u);
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM w"), Value(std::int64_t{1}));
}

// ------------------------------------------------------ transaction blocks

TEST_F(PgBatching, AFailureInsideATransactionBlockStillAbortsIt) {
  auto c = open();
  c->execute_script("CREATE TEMP TABLE t (id int)");
  c->execute_script("BEGIN");
  c->execute(quarry::Statement{"INSERT INTO t VALUES (1)", {}}, nullptr);
  std::vector<Query> queries;
  for (int i = 0; i < 20; ++i) queries.push_back(point(i, i == 5 ? 0 : 3));
  const auto outcome = run_together(*c, queries);
  for (int i = 0; i < 20; ++i) {
    const std::string expected = i < 5 ? point_answer(i) : i == 5 ? "error 22012" : "error 25P02";
    EXPECT_EQ(outcome[i], expected) << "query " << i;
  }
  EXPECT_EQ(c->statements_resent(), 0u) << "inside a transaction block nothing is sent again";
  // The transaction is aborted, as with a sync point per statement.
  try {
    c->execute(quarry::Statement{"SELECT 1", {}}, nullptr);
    FAIL() << "the aborted transaction ran a statement";
  } catch (const quarry::QueryError& e) {
    EXPECT_EQ(e.code(), "25P02");
  }
  c->execute_script("ROLLBACK");
  EXPECT_EQ(scalar(*c, "SELECT count(*) FROM t"), Value(std::int64_t{0}));
  // Outside the block again: skipped SELECTs are sent again.
  std::vector<Query> after;
  for (int i = 0; i < 20; ++i) after.push_back(point(i, i == 5 ? 0 : 3));
  const auto outcome_after = run_together(*c, after);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(outcome_after[i], i == 5 ? "error 22012" : point_answer(i)) << "query " << i;
  }
  EXPECT_GT(c->statements_resent(), 0u);
}

TEST_F(PgBatching, ABeginAndRollbackSentAsStatementsInTheBurstAreFollowed) {
  // BEGIN and ROLLBACK as plain statements, pipelined with the SELECTs
  // (libpq cannot tell the transaction state while others are in flight:
  // the command tags do).
  auto c = open();
  std::vector<Query> queries;
  queries.push_back({"BEGIN", {}, false});
  for (int i = 1; i < 12; ++i) queries.push_back(point(i, i == 4 ? 0 : 3));
  queries.push_back({"ROLLBACK", {}, false});
  for (int i = 13; i < 25; ++i) queries.push_back(point(i, i == 16 ? 0 : 3));
  const auto outcome = run_together(*c, queries);
  for (int i = 0; i < 25; ++i) {
    std::string expected = point_answer(i);
    if (i == 0) expected = "ok ";
    if (i == 4 || i == 16) expected = "error 22012";
    if (i > 4 && i < 12) expected = "error 25P02";  // in the aborted block
    if (i == 12) expected = "ok ";
    EXPECT_EQ(outcome[i], expected) << "query " << i;
  }
  EXPECT_GT(c->statements_resent(), 0u) << "17..24 were skipped outside the block, sent again";
  EXPECT_TRUE(c->healthy());
}

// --------------------------------------------- what batching changes: writes

TEST_F(PgBatching, ASelectCallingAWritingFunctionMayBeRolledBackUnlessSyncEach) {
  // The documented reason for quarry_pipeline=sync_each: a SELECT that
  // writes through a function shares its group's implicit transaction, so a
  // later SELECT's failure in the same group rolls its write back although
  // its awaiter saw success. With a sync point each, the write stays.
  const auto run = [&](std::string_view mode) {
    auto c = open(mode);
    c->execute_script(
        "CREATE TEMP TABLE audit (n int); CREATE FUNCTION pg_temp.log_it(k int) RETURNS int "
        "LANGUAGE sql AS 'INSERT INTO audit VALUES (k) RETURNING k'");
    const auto outcome = run_together(
        *c, {{"SELECT pg_temp.log_it($1)", {Value(std::int64_t{7})}, true}, point(1, 0)});
    EXPECT_EQ(outcome, (std::vector<std::string>{"ok 7", "error 22012"})) << mode;
    return scalar(*c, "SELECT count(*) FROM audit").as_int64();
  };
  EXPECT_EQ(run("quarry_pipeline=batch_selects"), 0) << "rolled back with its group";
  EXPECT_EQ(run("quarry_pipeline=sync_each"), 1);
}

}  // namespace
