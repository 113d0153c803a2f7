// select(...).stream(db): rows read a chunk at a time on both backends (single-
// row mode on PostgreSQL, stepped batches on SQLite): every row in order,
// leaving early, errors half-way, the connection reusable afterwards, and
// streams inside transactions.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/expect.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace playground;
using qt::contains;

class Streaming : public qt::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (setup_stopped()) return;
    std::vector<Band> rows;
    for (int i = 1; i <= row_count; ++i) {
      Band b;
      b.id = i;
      b.name = fmt::format("band {:05}", i);
      b.popularity = i;
      rows.push_back(std::move(b));
    }
    copy_into(band).rows(rows).run_sync(db);
  }
  /// A second handle on the test's database with a single connection, so
  /// that "the connection afterwards" is the one the stream used.
  Database single() {
    if (on_sqlite()) return db;  // in memory: the pool has one connection already
    return Database::open(pg_schema_->url(), {.pool_size = 1});
  }
  std::int64_t backend_pid(Database& d) {
    if (on_sqlite()) return 0;
    std::vector<std::int64_t> pid;
    qt::CollectSink sink;
    d.execute_sync(Statement{"SELECT pg_backend_pid()::bigint", {}}, &sink);
    return sink.rows.at(0).at(0).as_int64();
  }
  static constexpr int row_count = 5'000;
};

TEST_P(Streaming, DeliversEveryRowInOrderAChunkAtATime) {
  auto q = select(band.id, band.name).order_by(band.id);
  auto s = q.stream_sync(db, 128);
  std::int64_t expect = 1;
  std::size_t chunks = 0;
  while (s.next_chunk_sync()) {
    ++chunks;
    EXPECT_LE(s.chunk().size(), 128u);
    for (const auto& [id, name] : s.chunk()) {
      EXPECT_EQ(id, expect);
      EXPECT_EQ(name, fmt::format("band {:05}", expect));
      ++expect;
    }
  }
  EXPECT_EQ(expect, row_count + 1) << "every row";
  EXPECT_EQ(chunks, (row_count + 127) / 128u);
  EXPECT_FALSE(s.next_chunk_sync()) << "and then nothing";
}

TEST_P(Streaming, AwaitsRowByRowAndChunkByChunk) {
  std::function<Task<std::int64_t>()> body = [&]() -> Task<std::int64_t> {
    auto q = select(band.popularity).order_by(band.id);
    auto s = co_await q.stream(db, 100);
    std::int64_t sum = 0, n = 0;
    while (auto p = co_await s.next()) {
      ++n;
      EXPECT_EQ(*p, n);
      sum += *p;
    }
    EXPECT_EQ(n, row_count);
    auto all = objects(band).where(band.popularity > 4'000).order_by(band.id);
    auto t = co_await all.stream(db);
    std::int64_t rows = 0;
    while (co_await t.next_chunk()) {
      for (const Band& b : t.chunk()) {
        EXPECT_EQ(b.popularity, 4'001 + rows);
        ++rows;
      }
    }
    EXPECT_EQ(rows, 1'000);
    co_return sum;
  };
  EXPECT_EQ(qt::run_on_loop(body()), std::int64_t{row_count} * (row_count + 1) / 2);
}

TEST_P(Streaming, LeavingEarlyLeavesTheConnectionCleanAndReusable) {
  Database one = single();
  const std::int64_t pid = backend_pid(one);
  for (int round = 0; round < 3; ++round) {
    auto s = select(band.id, band.name).order_by(band.id).stream_sync(one, 50);
    for (int i = 0; i < 7; ++i) ASSERT_TRUE(s.next_sync().has_value());
  }  // destroyed half-way: cancelled and drained
  EXPECT_EQ(select(band.id).count_sync(one), row_count) << "the connection serves again";
  EXPECT_EQ(backend_pid(one), pid) << "the same connection, cleaned up rather than replaced";
  std::function<Task<void>()> early = [&]() -> Task<void> {
    auto q = select(band.name).order_by(band.id);
    auto s = co_await q.stream(one, 10);
    auto first = co_await s.next();
    EXPECT_EQ(first, std::optional<std::string>("band 00001"));
    s.close();
    const std::int64_t n = co_await select(band.id).count(one);
    EXPECT_EQ(n, row_count);
  };
  qt::run_on_loop(early());
  EXPECT_EQ(backend_pid(one), pid);
}

TEST_P(Streaming, ADecodeErrorHalfWayEndsTheStreamAndTheConnectionServesOn) {
  Database one = single();
  // Every band but 3,000 gets a manager: its row of the left join has a
  // NULL manager name, which a non-optional std::string cannot take.
  one.execute_sync("INSERT INTO manager (id, name) VALUES (1, 'Guido')");
  one.execute_sync("UPDATE band SET manager = 1 WHERE id <> 3000");
  auto s = select(band.id, manager.name)
               .left_join(manager, band.manager == manager.id)
               .order_by(band.id)
               .stream_sync(one, 100);
  std::size_t seen = 0;
  try {
    while (s.next_sync()) ++seen;
    FAIL() << "the NULL must not decode into std::string";
  } catch (const DecodeError& e) {
    EXPECT_TRUE(contains(e.what(), "name")) << e.what();
  }
  EXPECT_GE(seen, 2'900u);
  EXPECT_LT(seen, 3'000u);
  s = {};
  EXPECT_EQ(select(band.id).count_sync(one), row_count);
}

TEST_P(Streaming, AServerErrorHalfWayIsThrownAndTheConnectionServesOn) {
  Database one = single();
  // Division by zero on PostgreSQL, integer overflow on SQLite, at id 4,000.
  const std::string sql =
      on_postgres() ? "SELECT 1000 / (4000 - id) FROM (SELECT id FROM band ORDER BY id) AS b"
                    : "SELECT abs(CASE WHEN id = 4000 THEN -9223372036854775807 - 1 ELSE id END) "
                      "FROM band ORDER BY id";
  std::unique_ptr<RowStream> s = one.open_stream_sync(Statement{sql, {}});
  qt::CollectSink sink;
  EXPECT_THROW(
      {
        while (s->next(sink, 500) > 0) {
        }
      },
      QueryError);
  EXPECT_GE(sink.rows.size(), 3'000u) << "rows before the error arrive";
  EXPECT_LT(sink.rows.size(), 4'000u);
  s.reset();
  EXPECT_EQ(select(band.id).count_sync(one), row_count);
}

TEST_P(Streaming, StreamsInsideATransaction) {
  db.transaction_sync([&](Transaction& tx) {
    tx.execute_sync("DELETE FROM band WHERE id > 100");
    {
      auto s = select(band.id).order_by(band.id).stream_sync(tx, 30);
      std::int64_t n = 0;
      while (auto id = s.next_sync()) EXPECT_EQ(*id, ++n);
      EXPECT_EQ(n, 100) << "the transaction's own view";
    }
    auto s = select(band.id).stream_sync(tx);
    ASSERT_TRUE(s.next_sync().has_value());
    if (on_postgres()) {
      EXPECT_THROW(select(band.id).count_sync(tx), UsageError)
          << "the connection streams: nothing else runs on it meanwhile";
    }
    s = {};
    EXPECT_EQ(select(band.id).count_sync(tx), 100) << "and once the stream is gone it serves again";
  });
  EXPECT_EQ(select(band.id).count_sync(db), 100);
}

TEST_P(Streaming, AnEmptyResultEndsAtOnce) {
  auto s = select(band.id).where(band.id < 0).stream_sync(db);
  EXPECT_FALSE(s.next_sync().has_value());
  EXPECT_FALSE(s.next_chunk_sync());
}

TEST_P(Streaming, DoesNotHoldAPooledConnectionOnceDone) {
  Database one = single();
  for (int i = 0; i < 5; ++i) {
    auto s = select(band.id).where(band.id <= 10).stream_sync(one);
    std::size_t n = 0;
    while (s.next_sync()) ++n;
    EXPECT_EQ(n, 10u);
  }
  EXPECT_EQ(select(band.id).count_sync(one), row_count) << "no connection leaked";
}

QT_INSTANTIATE_FOR_BACKENDS(Streaming);

}  // namespace
