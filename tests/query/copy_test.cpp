// copy_into(...): bulk loads on both backends (binary COPY on PostgreSQL, a
// prepared INSERT loop in one savepoint on SQLite): every type read back
// exactly, NULLs, empty input, huge text, ranges, and failures that name
// the row and leave nothing behind, inside and outside transactions.
#include <gtest/gtest.h>

#include <cstddef>
#include <list>
#include <ranges>
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

/// json as the model asks for it: jsonb (the default) and plain json, whose
/// binary COPY forms differ (jsonb has a version byte, json is its text).
struct Doc {
  std::int64_t id{};
  quarry::Json stored;
  std::optional<quarry::Json> as_written;
};
QUARRY_TABLE(Doc, doc, (id, primary_key), (stored), (as_written, plain_json));

class Copy : public qt::BackendTest {
 protected:
  static std::vector<Band> bands(int n, int first = 1) {
    std::vector<Band> out;
    for (int i = first; i < first + n; ++i) {
      Band b;
      b.name = fmt::format("band {}", i);
      b.popularity = i;
      if (i % 3 == 0) b.manager.reset();
      out.push_back(std::move(b));
    }
    return out;
  }
  std::int64_t band_count() { return select(band.id).count_sync(db); }
};

TEST_P(Copy, LoadsEveryColumnTypeAndReadsItBackExactly) {
  std::vector<qt::Everything> rows{qt::sample_everything("a"), qt::sample_everything("b")};
  rows[1].data = qt::bytes({});
  rows[1].text = "";
  rows[1].amount = Decimal("-0.000001");
  rows[1].price = Decimal("0.00");
  rows[1].real = -1e300;
  rows[1].small = 32767;
  rows[1].level = qt::Level::low;
  rows[1].maybe_price = Decimal("10000");
  EXPECT_EQ(copy_into(qt::everything).rows(rows).run_sync(db), 2);
  auto back = select(qt::everything).order_by(qt::everything.id).run_sync(db);
  ASSERT_EQ(back.size(), 2u);
  rows[0].id = back[0].id;
  rows[1].id = back[1].id;
  EXPECT_LT(back[0].id, back[1].id) << "keys left at 0 are the database's to give";
  qt::expect_same_everything(back[0], rows[0]);
  qt::expect_same_everything(back[1], rows[1]);
}

TEST_P(Copy, LoadsNullIntoEveryOptionalColumn) {
  qt::Everything e = qt::sample_everything("n");
  e.maybe_int.reset();
  e.maybe_text.reset();
  e.maybe_price.reset();
  e.maybe_at.reset();
  e.maybe_color.reset();
  e.maybe_flag.reset();
  const std::vector<qt::Everything> rows{e};
  EXPECT_EQ(copy_into(qt::everything).rows(rows).run_sync(db), 1);
  auto back = select(qt::everything).run_sync(db);
  ASSERT_EQ(back.size(), 1u);
  e.id = back[0].id;
  qt::expect_same_everything(back[0], e);
  EXPECT_EQ(select(qt::everything.id).where(qt::everything.maybe_text.is_null()).count_sync(db), 1)
      << "NULL, not an empty string";
}

// A Timestamp goes to the binary COPY as microseconds, not as text: every
// part of the range, before 1970 and 2000 (both epochs) and with fractions.
TEST_P(Copy, LoadsTimestampsExactlyAcrossTheirRange) {
  using std::chrono::microseconds;
  const std::vector<std::int64_t> micros{0,
                                         -1,
                                         946'684'800'000'000,      // 2000-01-01
                                         946'684'799'999'999,      // just before
                                         -30'610'224'000'000'000,  // 1000-01-01
                                         253'402'300'799'999'999,  // 9999-12-31 23:59:59.999999
                                         1'714'566'615'123'456};
  std::vector<qt::Everything> rows;
  for (std::size_t i = 0; i < micros.size(); ++i) {
    qt::Everything e = qt::sample_everything(fmt::format("t{}", i));
    e.at = Timestamp{microseconds{micros[i]}};
    if (i % 2 == 0) {
      e.maybe_at = Timestamp{microseconds{-micros[i]}};
    } else {
      e.maybe_at.reset();
    }
    rows.push_back(e);
  }
  EXPECT_EQ(copy_into(qt::everything).rows(rows).run_sync(db),
            static_cast<std::int64_t>(rows.size()));
  auto back =
      select(qt::everything.at, qt::everything.maybe_at).order_by(qt::everything.id).run_sync(db);
  ASSERT_EQ(back.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(std::get<0>(back[i]), rows[i].at) << "row " << i;
    EXPECT_EQ(std::get<1>(back[i]), rows[i].maybe_at) << "row " << i;
  }
}

TEST_P(Copy, LoadsJsonbAndPlainJsonColumns) {
  create_tables_sync(db, schema_of(doc));
  // Plain json keeps the text as written (spaces, key order, duplicate
  // keys); jsonb keeps the parsed document.
  const std::string written = R"({"b": 1,  "a": [true, null], "b": 2})";
  const std::vector<Doc> rows{{0, Json{R"({"k": "v"})"}, Json{written}}, {0, Json{"[]"}, {}}};
  EXPECT_EQ(copy_into(doc).rows(rows).run_sync(db), 2);
  auto back = select(doc.stored, doc.as_written).order_by(doc.id).run_sync(db);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(std::get<1>(back[0]), Json{written});
  EXPECT_FALSE(std::get<1>(back[1]).has_value());
  EXPECT_EQ(std::get<0>(back[1]), Json{"[]"});
  if (on_postgres()) {
    EXPECT_EQ(std::get<0>(back[0]), Json{R"({"k": "v"})"}) << "jsonb's own text form";
  }
}

TEST_P(Copy, EmptyInputLoadsNothing) {
  const std::vector<Band> none;
  EXPECT_EQ(copy_into(band).rows(none).run_sync(db), 0);
  EXPECT_EQ(qt::run_on_loop(copy_into(band).rows(none).run(db)), 0);
  EXPECT_EQ(band_count(), 0);
}

TEST_P(Copy, LoadsAMillionCharacterText) {
  std::string big;
  big.reserve(1'000'000);
  for (int i = 0; big.size() < 1'000'000; ++i) big += static_cast<char>('a' + i % 26);
  big.replace(10, 4, "\t\n\\\"");  // what text COPY would have to escape
  qt::Everything e = qt::sample_everything("big");
  e.text = big;
  const std::vector<qt::Everything> rows{e};
  EXPECT_EQ(copy_into(qt::everything).rows(rows).run_sync(db), 1);
  auto back = select(qt::everything.text).values_sync(db);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].size(), 1'000'000u);
  EXPECT_TRUE(back[0] == big);
}

TEST_P(Copy, LoadsManyRowsAwaitedAndCountsThem) {
  const std::vector<Band> rows = bands(20'000);
  EXPECT_EQ(qt::run_on_loop(copy_into(band).rows(rows).run(db)), 20'000);
  EXPECT_EQ(band_count(), 20'000);
  auto last = select(band.name, band.popularity).where(band.popularity == 20'000).run_sync(db);
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(std::get<0>(last[0]), "band 20000");
}

/// A forward range that makes its rows on the fly (dereferencing yields a
/// temporary), as a transform view would; hand-written because std::views
/// does not compile with clang 14 and libstdc++ 12.
struct MadeBands {
  struct iterator {
    using value_type = Band;
    using difference_type = std::ptrdiff_t;
    int i = 0;
    Band operator*() const {
      Band b;
      b.name = fmt::format("made {}", i);
      b.popularity = i;
      return b;
    }
    iterator& operator++() {
      ++i;
      return *this;
    }
    iterator operator++(int) {
      iterator before = *this;
      ++i;
      return before;
    }
    bool operator==(const iterator&) const = default;
  };
  int first = 0, last = 0;
  iterator begin() const { return {first}; }
  iterator end() const { return {last}; }
};

TEST_P(Copy, AcceptsAnyForwardRangeOfRows) {
  static_assert(std::ranges::forward_range<MadeBands>);
  MadeBands made{1, 101};
  EXPECT_EQ(copy_into(band).rows(made).run_sync(db), 100);
  std::list<Band> listed = {bands(2, 500)[0], bands(2, 500)[1]};
  EXPECT_EQ(copy_into(band).rows(listed).run_sync(db), 2);
  EXPECT_EQ(copy_into(band).rows(bands(3, 900)).run_sync(db), 3) << "a temporary is owned";
  EXPECT_EQ(band_count(), 105);
  EXPECT_EQ(select(band.popularity).where(band.name == "made 42").values_sync(db),
            std::vector<std::int32_t>{42});
}

TEST_P(Copy, DuplicateKeyFailsNamingTheRowAndLoadsNothing) {
  std::vector<Band> rows = bands(5);
  rows[3].name = rows[1].name;  // unique name
  try {
    copy_into(band).rows(rows).run_sync(db);
    FAIL() << "a duplicate name must fail the load";
  } catch (const UniqueViolation& e) {
    EXPECT_TRUE(contains(e.what(), "row 3")) << e.what();
    EXPECT_TRUE(contains(e.what(), "nothing was inserted")) << e.what();
    EXPECT_EQ(e.table(), "band") << e.what();
  }
  EXPECT_EQ(band_count(), 0) << "all or nothing";
  // The connection (the pool's only one on SQLite) is usable afterwards.
  EXPECT_EQ(copy_into(band).rows(bands(5)).run_sync(db), 5);
  EXPECT_EQ(band_count(), 5);
  const std::vector<Band> again = bands(1);
  EXPECT_THROW(qt::run_on_loop(copy_into(band).rows(again).run(db)), UniqueViolation);
  EXPECT_EQ(band_count(), 5);
}

TEST_P(Copy, BadValueNamesTheRowAndColumnAndLoadsNothing) {
  std::vector<qt::Everything> rows{qt::sample_everything("a"), qt::sample_everything("b"),
                                   qt::sample_everything("c")};
  rows[2].doc = Json{"{not json"};
  try {
    copy_into(qt::everything).rows(rows).run_sync(db);
    FAIL() << "a bad JSON document must fail the load";
  } catch (const UsageError& e) {
    EXPECT_TRUE(contains(e.what(), "row 2")) << e.what();
  }
  rows[2] = qt::sample_everything("c");
  rows[1].text = std::string("nul\0byte", 8);
  if (on_postgres()) {
    try {
      copy_into(qt::everything).rows(rows).run_sync(db);
      FAIL() << "PostgreSQL text cannot hold a NUL byte";
    } catch (const UsageError& e) {
      EXPECT_TRUE(contains(e.what(), "row 1")) << e.what();
      EXPECT_TRUE(contains(e.what(), "column \"text\"")) << e.what();
    }
  }
  EXPECT_EQ(select(qt::everything.id).count_sync(db), 0);
}

TEST_P(Copy, KeysGivenInSomeRowsOnlyAreRefused) {
  std::vector<Band> rows = bands(3);
  rows[2].id = 7;
  EXPECT_THROW(copy_into(band).rows(rows).run_sync(db), UsageError);
  EXPECT_EQ(band_count(), 0);
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].id = static_cast<std::int64_t>(i) + 10;
  EXPECT_EQ(copy_into(band).rows(rows).run_sync(db), 3);
  EXPECT_EQ(select(band.id).order_by(band.id).values_sync(db),
            (std::vector<std::int64_t>{10, 11, 12}));
}

TEST_P(Copy, RunsInsideATransactionAndRollsBackWithIt) {
  db.transaction_sync([&](Transaction& tx) {
    EXPECT_EQ(copy_into(band).rows(bands(10)).run_sync(tx), 10);
    EXPECT_EQ(select(band.id).count_sync(tx), 10) << "visible inside the transaction";
  });
  EXPECT_EQ(band_count(), 10);
  EXPECT_THROW(db.transaction_sync([&](Transaction& tx) {
    copy_into(band).rows(bands(10, 100)).run_sync(tx);
    throw std::runtime_error("changed my mind");
  }),
               std::runtime_error);
  EXPECT_EQ(band_count(), 10) << "the load rolled back with its transaction";
  // Awaited, inside an awaited transaction.
  std::function<Task<void>(Transaction&)> body = [&](Transaction& tx) -> Task<void> {
    const std::vector<Band> more = bands(5, 200);
    auto load = copy_into(band).rows(more);
    const std::int64_t n = co_await load.run(tx);
    EXPECT_EQ(n, 5);
  };
  qt::run_on_loop(db.transaction(body));
  EXPECT_EQ(band_count(), 15);
}

TEST_P(Copy, AFailedLoadInsideATransactionLeavesNoRowOfIt) {
  QT_ONLY_ON(sqlite,
             "PostgreSQL aborts the whole transaction on a failed COPY (nothing of it can "
             "commit); SQLite rolls back to the load's savepoint and the transaction goes on");
  db.transaction_sync([&](Transaction& tx) {
    copy_into(band).rows(bands(2)).run_sync(tx);
    std::vector<Band> bad = bands(3, 10);
    bad[2].name = bad[0].name;
    EXPECT_THROW(copy_into(band).rows(bad).run_sync(tx), UniqueViolation);
    EXPECT_EQ(select(band.id).count_sync(tx), 2);
  });
  EXPECT_EQ(band_count(), 2);
}

TEST_P(Copy, ShowsItsStatement) {
  EXPECT_EQ(copy_into(band).rows(bands(1)).sql(sql::postgresql_dialect()),
            R"(COPY "band" ("name", "manager", "popularity") FROM STDIN (FORMAT binary))");
  EXPECT_EQ(copy_into(band).rows(bands(1)).sql(sql::sqlite_dialect()),
            R"(INSERT INTO "band" ("name", "manager", "popularity") VALUES (?, ?, ?))");
}

QT_INSTANTIATE_FOR_BACKENDS(Copy);

}  // namespace
