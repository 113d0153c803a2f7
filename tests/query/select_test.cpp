// select(): every column type round-tripping exactly through SQLite, and the
// clauses, joins, foreign-key traversals, aggregates and result shapes
// (rows, tuples, values, first, count, exists, dynamic rows, frozen queries)
// against a real in-memory database holding the playground data set.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/expect.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace playground;
using qt::contains;
using qt::everything;

class Select : public qt::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (setup_stopped()) return;
    seed();
  }
};

using RoundTrip = Select;

TEST_P(RoundTrip, EveryColumnTypeComesBackExactlyAsAStruct) {
  qt::Everything in = qt::sample_everything();
  in.id = insert(everything).values(in).run_sync(db).last_insert_id;
  auto out = select(everything).where(everything.id == in.id).first_sync(db);
  ASSERT_TRUE(out.has_value());
  qt::expect_same_everything(*out, in);
}

TEST_P(RoundTrip, NullsComeBackAsEmptyOptionals) {
  qt::Everything in = qt::sample_everything();
  in.maybe_int.reset();
  in.maybe_text.reset();
  in.maybe_price.reset();
  in.maybe_at.reset();
  in.maybe_color.reset();
  in.maybe_flag.reset();
  in.id = insert(everything).values(in).run_sync(db).last_insert_id;
  auto stored = qt::query_rows(db,
                               "SELECT maybe_int IS NULL AND maybe_text IS NULL AND maybe_price IS "
                               "NULL AND maybe_at IS NULL AND maybe_color IS NULL AND maybe_flag "
                               "IS NULL FROM everything");
  EXPECT_EQ(stored.at(0).at(0).as_int64(), 1) << "an empty optional is stored as SQL NULL";
  qt::expect_same_everything(select(everything).run_sync(db).at(0), in);
}

TEST_P(RoundTrip, AnEmptyStringIsNotNullAndAnEmptyBlobIsNotNull) {
  qt::Everything in = qt::sample_everything();
  in.maybe_text = "";
  in.text = "";
  in.data = {};
  insert(everything).values(in).run_sync(db);
  auto [text, maybe_text, data] =
      select(everything.text, everything.maybe_text, everything.data).run_sync(db).at(0);
  EXPECT_EQ(text, "");
  ASSERT_TRUE(maybe_text.has_value()) << "'' must not become NULL";
  EXPECT_EQ(*maybe_text, "");
  EXPECT_TRUE(data.empty());
  EXPECT_EQ(qt::stored_type(db, "everything", "data"), on_postgres() ? "bytea" : "blob");
}

TEST_P(RoundTrip, SelectedColumnsComeBackAsATupleInOrder) {
  qt::Everything in = qt::sample_everything();
  insert(everything).values(in).run_sync(db);
  auto rows = select(everything.amount, everything.at, everything.data, everything.maybe_text,
                     everything.color, everything.level, everything.uuid)
                  .run_sync(db);
  ASSERT_EQ(rows.size(), 1u);
  const auto& [amount, at, data, maybe_text, color, level, uuid] = rows[0];
  EXPECT_EQ(amount.str(), "12345678901234567890.123456789") << "every digit of a decimal is kept";
  EXPECT_EQ(at, in.at) << "microseconds are kept";
  EXPECT_EQ(data, in.data) << "zero bytes inside a blob are kept";
  EXPECT_EQ(maybe_text, std::optional<std::string>(""));
  EXPECT_EQ(color, qt::Color::blue);
  EXPECT_EQ(level, qt::Level::high);
  EXPECT_EQ(uuid, in.uuid);
}

TEST_P(RoundTrip, StoresEnumsByNameOrByValueAsDeclared) {
  insert(everything).values(qt::sample_everything()).run_sync(db);
  auto row = qt::query_rows(db, "SELECT color, level FROM everything");
  EXPECT_EQ(row[0][0].as_text(), "blue") << "a QUARRY_ENUM is stored by name";
  EXPECT_EQ(row[0][1].as_int64(), 7) << "a plain enum is stored by its underlying value";
  EXPECT_EQ(qt::stored_type(db, "everything", "color"), "text");
  EXPECT_EQ(qt::stored_type(db, "everything", "level"), "integer");
  EXPECT_EQ(select(everything.id).where(everything.color == qt::Color::blue).count_sync(db), 1);
  EXPECT_EQ(select(everything.id).where(everything.level == qt::Level::low).count_sync(db), 0);
}

TEST_P(RoundTrip, StoresDatesAndTimesAsIso8601Text) {
  QT_ONLY_ON(sqlite, "reads the text SQLite stores; PostgreSQL stores native date/time types");
  insert(everything).values(qt::sample_everything()).run_sync(db);
  auto row = qt::query_rows(db, "SELECT day, time, at, at_tz, uuid, flag FROM everything")[0];
  EXPECT_EQ(row[0].as_text(), "2024-02-29");
  EXPECT_EQ(row[1].as_text(), "23:59:59.999999");
  EXPECT_EQ(row[2].as_text(), "2024-05-01 12:30:15.123456");
  EXPECT_EQ(row[3].as_text(), "1969-12-31 23:59:59.500000+00:00") << "before 1970 too";
  EXPECT_EQ(row[4].as_text(), "123e4567-e89b-12d3-a456-426614174000");
  EXPECT_EQ(row[5].as_int64(), 1);
}

TEST_P(RoundTrip, KeepsIntegerAndDoubleExtremes) {
  qt::Everything in = qt::sample_everything();
  in.small = 32767;
  in.medium = std::numeric_limits<std::int32_t>::min();
  in.big = std::numeric_limits<std::int64_t>::max();
  in.real = std::numeric_limits<double>::max();
  in.id = insert(everything).values(in).run_sync(db).last_insert_id;
  qt::Everything in2 = qt::sample_everything("A-2");
  in2.real = std::numeric_limits<double>::denorm_min();
  in2.id = insert(everything).values(in2).run_sync(db).last_insert_id;
  auto rows = select(everything).order_by(everything.id).run_sync(db);
  ASSERT_EQ(rows.size(), 2u);
  qt::expect_same_everything(rows[0], in);
  qt::expect_same_everything(rows[1], in2);
}

TEST_P(RoundTrip, AJsonDocumentThatIsANumberKeepsItsText) {
  qt::Everything in = qt::sample_everything();
  in.doc = Json{"1.50"};
  insert(everything).values(in).run_sync(db);
  auto stored =
      qt::query_rows(db, on_postgres() ? "SELECT pg_typeof(doc)::text, doc::text FROM everything"
                                       : "SELECT typeof(doc), doc FROM everything")[0];
  EXPECT_EQ(stored[0].as_text(), on_postgres() ? "jsonb" : "text")
      << "a Json column has TEXT affinity on SQLite";
  EXPECT_EQ(stored[1].as_text(), "1.50");
  EXPECT_EQ(select(everything.doc).values_sync(db).at(0).text, "1.50");
  EXPECT_NE(select(everything.doc).json_sync(db).find(R"("doc":1.50)"), std::string::npos)
      << select(everything.doc).json_sync(db);
}

TEST_P(RoundTrip, JsonDocumentsThatLookLikeNumbersOrBooleansKeepTheirText) {
  // PostgreSQL's jsonb keeps the parsed document and writes it in its own
  // canonical form: the same JSON value, not always the same text.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"1e3", on_postgres() ? "1000" : "1e3"},
      {"-0.0", on_postgres() ? "0.0" : "-0.0"},
      {"1.0", "1.0"},
      {"true", "true"},
      {"  7  ", on_postgres() ? "7" : "  7  "},
      {"[1.0]", "[1.0]"}};
  for (const auto& [text, stored] : cases) {
    db.execute_sync("DELETE FROM everything");
    qt::Everything in = qt::sample_everything();
    in.doc = Json{text};
    insert(everything).values(in).run_sync(db);
    EXPECT_EQ(select(everything.doc).values_sync(db).at(0).text, stored) << "from: " << text;
  }
}

TEST_P(Select, FiltersOrdersAndPages) {
  auto q = select(band.name).where(band.popularity >= 10).order_by(band.popularity.desc());
  EXPECT_EQ(q.run_sync(db), (std::vector<std::string>{"Pythonistas", "Rustaceans", "C-Sharps"}));
  auto page = q;
  page.limit(1).offset(1);
  EXPECT_EQ(page.run_sync(db), std::vector<std::string>{"Rustaceans"});
  auto rest = q;
  rest.offset(1);
  EXPECT_EQ(rest.run_sync(db), (std::vector<std::string>{"Rustaceans", "C-Sharps"}))
      << "offset alone skips without limiting";
  EXPECT_EQ(q.run_sync(db).size(), 3u) << "the copies did not change the original";
}

TEST_P(Select, OrdersByExpressionsAscendingByDefault) {
  EXPECT_EQ(select(band.id).order_by(band.name).run_sync(db), (std::vector<std::int64_t>{3, 1, 2}));
  EXPECT_EQ(
      select(band.id).order_by(band.manager.desc(), band.id).run_sync(db),
      on_postgres() ? (std::vector<std::int64_t>{3, 2, 1}) : (std::vector<std::int64_t>{2, 1, 3}))
      << "NULL sorts first in SQLite, so last when descending; PostgreSQL the other way round";
}

TEST_P(Select, RemovesDuplicatesWithDistinct) {
  EXPECT_EQ(select(ticket.concert).order_by(ticket.concert).run_sync(db).size(), 3u);
  EXPECT_EQ(select(ticket.concert).distinct().order_by(ticket.concert).run_sync(db),
            (std::vector<std::int64_t>{1, 2}));
}

TEST_P(Select, GroupsAndFiltersGroupsWithHaving) {
  auto rows = select(ticket.concert, count())
                  .group_by(ticket.concert)
                  .order_by(ticket.concert)
                  .run_sync(db);
  EXPECT_EQ(rows, (std::vector<std::tuple<std::int64_t, std::int64_t>>{{1, 2}, {2, 1}}));
  auto busy = select(ticket.concert).group_by(ticket.concert).having(count() > 1).run_sync(db);
  EXPECT_EQ(busy, std::vector<std::int64_t>{1});
}

TEST_P(Select, ComputesAggregates) {
  auto [n, total, mean, low, high, managers] =
      select(count(), sum(band.popularity), avg(band.popularity), min(band.popularity),
             max(band.popularity), count_distinct(band.manager))
          .run_sync(db)
          .at(0);
  EXPECT_EQ(n, 3);
  EXPECT_EQ(total, 1510);
  ASSERT_TRUE(mean.has_value());
  EXPECT_NEAR(*mean, 1510.0 / 3, 1e-9);
  EXPECT_EQ(low, 10);
  EXPECT_EQ(high, 1000);
  EXPECT_EQ(managers, 2) << "count(DISTINCT) skips NULL";
}

TEST_P(Select, AggregatesOverNoRowsAreNullExceptCount) {
  auto [n, total, high] = select(count(), sum(band.popularity), max(band.name))
                              .where(band.popularity > 5000)
                              .run_sync(db)
                              .at(0);
  EXPECT_EQ(n, 0);
  EXPECT_EQ(total, std::nullopt);
  EXPECT_EQ(high, std::nullopt);
}

TEST_P(Select, JoinsExplicitly) {
  auto inner = select(band.name, manager.name)
                   .join(manager, manager.id == band.manager)
                   .order_by(band.id)
                   .run_sync(db);
  EXPECT_EQ(inner, (std::vector<std::tuple<std::string, std::string>>{{"Pythonistas", "Guido"},
                                                                      {"Rustaceans", "Graydon"}}))
      << "an inner join drops the band without a manager";
  auto left = select(band.name, nullable(manager.name))
                  .left_join(manager, manager.id == band.manager)
                  .order_by(band.id)
                  .run_sync(db);
  ASSERT_EQ(left.size(), 3u);
  EXPECT_EQ(std::get<1>(left[2]), std::nullopt);
}

TEST_P(Select, TraversesAForeignKey) {
  auto rows = select(band.name, nullable(band.manager->name)).order_by(band.id).run_sync(db);
  using Row = std::tuple<std::string, std::optional<std::string>>;
  EXPECT_EQ(rows,
            (std::vector<Row>{
                {"Pythonistas", "Guido"}, {"Rustaceans", "Graydon"}, {"C-Sharps", std::nullopt}}))
      << "a LEFT JOIN: the band without a manager stays, with NULL";
  EXPECT_EQ(select(band.name).where(band.manager->name == "Graydon").run_sync(db),
            std::vector<std::string>{"Rustaceans"});
}

TEST_P(Select, TraversesForeignKeysTwoLevelsDeep) {
  auto rows = select(concert.id, nullable(concert.band_1->manager->name),
                     nullable(concert.band_2->manager->name), concert.venue->name)
                  .order_by(concert.id)
                  .run_sync(db);
  using Row =
      std::tuple<std::int64_t, std::optional<std::string>, std::optional<std::string>, std::string>;
  EXPECT_EQ(rows, (std::vector<Row>{{1, "Guido", "Graydon", "Arena"},
                                    {2, "Graydon", std::nullopt, "Club"}}));
  EXPECT_EQ(select(concert.id).where(concert.band_2->manager->name.is_null()).run_sync(db),
            std::vector<std::int64_t>{2});
}

TEST_P(Select, ReadsAJoinedNullIntoANonOptionalAsADecodeError) {
  auto q = select(band.manager->name).order_by(band.id);
  try {
    (void)q.run_sync(db);
    FAIL() << "expected DecodeError";
  } catch (const DecodeError& e) {
    EXPECT_EQ(e.column(), "name");
    EXPECT_TRUE(contains(e.what(), "std::optional")) << "suggests the fix: " << e.what();
    EXPECT_TRUE(contains(e.what(), "row 3")) << e.what();
  }
}

TEST_P(Select, FiltersWithInSubqueriesExistsAndScalarSubqueries) {
  auto at_club =
      select(band.name)
          .where(band.id.in_(select(concert.band_1).where(concert.venue->name == "Club")) ||
                 band.id.in_(select(concert.band_2).where(concert.venue == 2)))
          .order_by(band.id);
  EXPECT_EQ(at_club.run_sync(db), (std::vector<std::string>{"Rustaceans", "C-Sharps"}));
  auto headliners =
      select(band.name).where(exists(select(concert.id).where(concert.band_1 == band.id)));
  EXPECT_EQ(headliners.order_by(band.id).run_sync(db),
            (std::vector<std::string>{"Pythonistas", "Rustaceans"}));
  auto others = select(band.name).where(band.id.not_in(select(concert.band_1)));
  EXPECT_EQ(others.run_sync(db), std::vector<std::string>{"C-Sharps"});
  auto popular = select(band.name).where(band.popularity > subquery(select(avg(band.popularity))));
  EXPECT_EQ(popular.run_sync(db), std::vector<std::string>{"Pythonistas"});
}

TEST_P(Select, ComputesArithmeticConcatenationAndFunctions) {
  auto [doubled, third, rest, shout, small, fallback] =
      select(band.popularity * 2 + 1, band.popularity / 3, band.popularity % 3,
             upper(band.name) + "!", lower(band.name), coalesce(band.manager, 0))
          .where(band.id == 3)
          .run_sync(db)
          .at(0);
  EXPECT_EQ(doubled, 21);
  EXPECT_EQ(third, 3) << "integer division";
  EXPECT_EQ(rest, 1);
  EXPECT_EQ(shout, "C-SHARPS!");
  EXPECT_EQ(small, "c-sharps");
  EXPECT_EQ(fallback, 0);
}

TEST_P(Select, MatchesLikeBetweenAndInLists) {
  EXPECT_EQ(select(band.id).where(band.name.like("%ist%")).run_sync(db),
            std::vector<std::int64_t>{1});
  EXPECT_EQ(select(band.id).where(band.name.ilike("%RUST%")).run_sync(db),
            std::vector<std::int64_t>{2});
  EXPECT_EQ(select(band.id).where(band.popularity.between(10, 500)).order_by(band.id).run_sync(db),
            (std::vector<std::int64_t>{2, 3}))
      << "BETWEEN includes both bounds";
  EXPECT_EQ(select(band.id).where(band.name.in_({"C-Sharps", "Nobody"})).run_sync(db),
            std::vector<std::int64_t>{3});
}

TEST_P(Select, FiltersAndOrdersDecimalsNumerically) {
  // Tickets cost 50.00, 120.50 and 15.25.
  auto above_20 =
      select(ticket.id).where(ticket.price > Decimal("20")).order_by(ticket.id).run_sync(db);
  auto by_price = select(ticket.id).order_by(ticket.price).run_sync(db);
  EXPECT_EQ(above_20, (std::vector<std::int64_t>{1, 2})) << "120.50 > 20, not '120.50' < '20'";
  EXPECT_EQ(by_price, (std::vector<std::int64_t>{3, 1, 2}));
  EXPECT_EQ(select(ticket.id).order_by(ticket.price.desc()).run_sync(db),
            (std::vector<std::int64_t>{2, 1, 3}));
  EXPECT_EQ(select(ticket.id).where(ticket.price > 20).order_by(ticket.id).run_sync(db),
            (std::vector<std::int64_t>{1, 2}))
      << "an integer literal compares numerically too";
  EXPECT_EQ(select(ticket.id).where(ticket.price < Decimal("100")).order_by(ticket.id).run_sync(db),
            (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(select(ticket.id).where(ticket.price == Decimal("50")).run_sync(db),
            std::vector<std::int64_t>{1})
      << "50.00 = 50, as NUMERIC compares on PostgreSQL";
  EXPECT_EQ(
      select(ticket.id).where(ticket.price != Decimal("50.0")).order_by(ticket.id).run_sync(db),
      (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(select(ticket.id)
                .where(ticket.price.between(Decimal("9"), Decimal("100")))
                .order_by(ticket.id)
                .run_sync(db),
            (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(select(ticket.id)
                .where(ticket.price.in_({Decimal("120.5"), Decimal("15.250")}))
                .order_by(ticket.id)
                .run_sync(db),
            (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(select(ticket.id)
                .where(ticket.price.not_in({Decimal("120.5")}))
                .order_by(ticket.id)
                .run_sync(db),
            (std::vector<std::int64_t>{1, 3}));
}

TEST_P(Select, TakesMinAndMaxOfDecimalsNumerically) {
  auto [lowest, highest] = select(min(ticket.price), max(ticket.price)).run_sync(db).at(0);
  ASSERT_TRUE(lowest.has_value());
  ASSERT_TRUE(highest.has_value());
  EXPECT_EQ(lowest->str(), "15.25");
  EXPECT_EQ(highest->str(), on_postgres() ? "120.50" : "120.5")
      << "computed numerically: SQLite's cast to NUMERIC drops the scale, PostgreSQL keeps it";
  auto costliest =
      select(ticket.id).where(ticket.price == subquery(select(max(ticket.price)))).run_sync(db);
  EXPECT_EQ(costliest, std::vector<std::int64_t>{2});
}

TEST_P(Select, StillReadsDecimalsExactlyWhileComparingThemNumerically) {
  qt::Everything small = qt::sample_everything("s");
  small.amount = Decimal("9.000000000000000000001");
  small.price = Decimal("100");
  small.maybe_price = Decimal("9");
  qt::Everything big = qt::sample_everything("b");
  big.amount = Decimal("10");
  big.price = Decimal("9");
  big.maybe_price = Decimal("10");
  insert(everything).values(small).run_sync(db);
  insert(everything).values(big).run_sync(db);
  auto q = select(everything.amount).where(everything.amount > Decimal("9.5"));
  EXPECT_EQ(q.sql(),
            R"(SELECT "everything"."amount" FROM "everything" WHERE CAST("everything"."amount" AS )"
            R"(NUMERIC) > CAST(? AS NUMERIC)  ['9.5'])")
      << "the select list is not cast: it reads the stored text";
  EXPECT_EQ(q.values_sync(db), std::vector<Decimal>{Decimal("10")});
  EXPECT_EQ(select(everything.amount).order_by(everything.amount).values_sync(db),
            (std::vector<Decimal>{Decimal("9.000000000000000000001"), Decimal("10")}))
      << "every digit survives";
  EXPECT_EQ(select(everything.code)
                .where(everything.maybe_price > everything.price)
                .order_by(everything.code)
                .values_sync(db),
            std::vector<std::string>{"b"})
      << "two decimal columns compare numerically (10 > 9, not '9' > '100')";
}

TEST_P(Select, ComparesDecimalsNativelyOnPostgres) {
  auto q = select(ticket.id).where(ticket.price > Decimal("20")).order_by(ticket.price);
  EXPECT_EQ(q.compile(sql::postgresql_dialect()).sql,
            R"(SELECT "ticket"."id" FROM "ticket" WHERE "ticket"."price" > $1 ORDER BY )"
            R"("ticket"."price")");
}

TEST_P(Select, SumsDecimals) {
  auto total = select(sum(ticket.price)).run_sync(db).at(0);
  ASSERT_TRUE(total.has_value());
  EXPECT_EQ(total->str(), "185.75");
}

TEST_P(Select, FiltersOnEnumsByName) {
  EXPECT_EQ(select(ticket.id).where(ticket.ticket_type == TicketType::premium).run_sync(db),
            std::vector<std::int64_t>{2});
  EXPECT_EQ(
      select(ticket.ticket_type).order_by(ticket.id).run_sync(db),
      (std::vector<TicketType>{TicketType::standing, TicketType::premium, TicketType::seated}));
}

TEST_P(Select, ReadsWholeRowsIntoStructs) {
  auto bands = select(band).order_by(band.id).run_sync(db);
  ASSERT_EQ(bands.size(), 3u);
  EXPECT_EQ(bands[0].name, "Pythonistas");
  EXPECT_EQ(bands[0].manager, 1);
  EXPECT_EQ(bands[2].manager, std::nullopt);
  EXPECT_EQ(bands[2].popularity, 10);
  auto with_manager = select(band, manager.name)
                          .join(manager, manager.id == band.manager)
                          .order_by(band.id)
                          .run_sync(db);
  ASSERT_EQ(with_manager.size(), 2u);
  EXPECT_EQ(std::get<0>(with_manager[1]).name, "Rustaceans");
  EXPECT_EQ(std::get<1>(with_manager[1]), "Graydon");
}

TEST_P(Select, ReturnsOneColumnAsValues) {
  EXPECT_EQ(select(band.name).order_by(band.name).values_sync(db),
            (std::vector<std::string>{"C-Sharps", "Pythonistas", "Rustaceans"}));
  EXPECT_TRUE(select(band.name).where(band.id > 99).values_sync(db).empty());
}

TEST_P(Select, FirstReturnsTheFirstRowOrNothing) {
  EXPECT_EQ(select(band.name).order_by(band.popularity).first_sync(db),
            std::optional<std::string>("C-Sharps"));
  EXPECT_EQ(select(band.name).where(band.id > 99).first_sync(db), std::nullopt);
  auto q = select(band.name).order_by(band.id);
  (void)q.first_sync(db);
  EXPECT_EQ(q.run_sync(db).size(), 3u) << "first() does not leave a LIMIT on the query";
}

TEST_P(Select, CountsAndChecksExistence) {
  EXPECT_EQ(select(band.id).count_sync(db), 3);
  EXPECT_EQ(select(band.id).where(band.popularity > 100).count_sync(db), 2);
  EXPECT_EQ(select(band.id).where(band.manager->name == "Guido").count_sync(db), 1)
      << "count keeps the foreign-key join its where needs";
  EXPECT_TRUE(select(band.id).where(band.name == "Rustaceans").exists_sync(db));
  EXPECT_FALSE(select(band.id).where(band.name == "Nobody").exists_sync(db));
  EXPECT_EQ(select(band.id).where(band.id > 99).count_sync(db), 0);
}

TEST_P(Select, CountsTheRowsOfALimitedOrOffsetQuery) {
  EXPECT_EQ(select(band.id).limit(2).count_sync(db), 2);
  EXPECT_EQ(select(band.id).limit(10).count_sync(db), 3) << "a limit above the rows there are";
  EXPECT_EQ(select(band.id).offset(1).count_sync(db), 2);
  EXPECT_EQ(select(band.id).offset(5).count_sync(db), 0);
  EXPECT_EQ(select(band.id).order_by(band.popularity).limit(2).offset(2).count_sync(db), 1);
  EXPECT_EQ(select(band.id).where(band.popularity > 100).limit(1).count_sync(db), 1);
  auto q = select(band.name, band.manager->name).where(band.manager->name != "x").limit(1);
  EXPECT_EQ(q.count_sync(db), 1)
      << "two columns named name, and a foreign-key join inside the subquery";
  EXPECT_EQ(run_sync(q.count(db)), 1);
  EXPECT_EQ(select(band.id).limit(2).offset(1).count_sync(db),
            select(band.id).limit(2).offset(1).run_sync(db).size());
}

TEST_P(Select, CountsDistinctRows) {
  EXPECT_EQ(select(ticket.concert).distinct().count_sync(db), 2) << "concerts 1, 1, 2";
  EXPECT_EQ(select(ticket.concert).count_sync(db), 3);
  auto venues = select(concert.venue).from(ticket).join(concert, concert.id == ticket.concert);
  EXPECT_EQ(venues.count_sync(db), 3) << "one venue per ticket";
  venues.distinct();
  EXPECT_EQ(venues.count_sync(db), 2) << "venues 1, 1, 2";
  EXPECT_EQ(select(band.manager).distinct().count_sync(db), 3) << "NULL is one distinct value";
  EXPECT_EQ(select(band.manager).distinct().order_by(band.manager).count_sync(db), 3);
}

TEST_P(Select, CountsGroups) {
  EXPECT_EQ(select(ticket.concert, count()).group_by(ticket.concert).count_sync(db), 2);
  EXPECT_EQ(
      select(ticket.concert, count()).group_by(ticket.concert).having(count() > 1).count_sync(db),
      1);
  EXPECT_EQ(select(ticket.concert).where(ticket.id > 99).group_by(ticket.concert).count_sync(db),
            0);
  auto q = select(ticket.concert).group_by(ticket.concert).order_by(ticket.concert).limit(1);
  EXPECT_EQ(q.count_sync(db), 1);
  EXPECT_EQ(q.count_sync(db), static_cast<std::int64_t>(q.run_sync(db).size()));
}

TEST_P(Select, CountsThroughASubqueryInSql) {
  auto q = select(band.id).where(band.popularity > 5).order_by(band.id).limit(2);
  auto stmt = detail::count_statement(q.statement());
  EXPECT_EQ(sql::compile(sql::sqlite_dialect(), *stmt).display(),
            R"(SELECT count(*) FROM (SELECT "band"."id" FROM "band" WHERE "band"."popularity" > ? )"
            R"(ORDER BY "band"."id" LIMIT ?) AS "quarry_count"  [5, 2])");
  EXPECT_EQ(sql::compile(sql::sqlite_dialect(), *detail::count_statement(q.statement())).sql,
            sql::compile(sql::sqlite_dialect(), *stmt).sql);
  auto plain = detail::count_statement(select(band.id).order_by(band.id).statement());
  EXPECT_EQ(sql::compile(sql::sqlite_dialect(), *plain).sql, R"(SELECT count(*) FROM "band")")
      << "without distinct, group_by, limit or offset no subquery is needed";
  auto grouped = select(band.manager).group_by(band.manager).order_by(band.manager);
  EXPECT_EQ(
      sql::compile(sql::postgresql_dialect(), *detail::count_statement(grouped.statement())).sql,
      R"(SELECT count(*) FROM (SELECT "band"."manager" FROM "band" GROUP BY )"
      R"("band"."manager") AS "quarry_count")")
      << "an order that decides nothing is dropped";
}

TEST_P(Select, ReturnsDynamicRowsByColumnName) {
  auto rows = select(band.name, band.popularity, band.manager).order_by(band.id).rows_sync(db);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].names(), (std::vector<std::string>{"name", "popularity", "manager"}));
  EXPECT_EQ(rows[0]["name"].as_text(), "Pythonistas");
  EXPECT_EQ(rows[1]["popularity"].as_int64(), 500);
  EXPECT_TRUE(rows[2]["manager"].is_null());
  EXPECT_EQ(rows[2][1].as_int64(), 10);
  try {
    (void)rows[0]["popularty"];
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_STREQ(e.what(), R"(the row has no column "popularty"; did you mean "popularity"?)");
  }
  EXPECT_THROW((void)rows[0][7], std::out_of_range);
}

TEST_P(Select, NamesDynamicRowColumnsReachedThroughForeignKeysDistinctly) {
  auto rows = select(band.name, band.manager->name).where(band.id == 1).rows_sync(db);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].names(), (std::vector<std::string>{"name", "manager.name"}));
  EXPECT_EQ(rows[0]["name"].as_text(), "Pythonistas");
  EXPECT_EQ(rows[0]["manager.name"].as_text(), "Guido");
  EXPECT_EQ(select(band.name, band.manager->name).where(band.id == 1).json_sync(db),
            R"([{"name":"Pythonistas","manager.name":"Guido"}])")
      << "rows() and json() use the same keys";
}

TEST_P(Select, NamesDynamicRowColumnsOfTablesAliasesAndChainedKeys) {
  auto rows = select(concert.id, concert.band_1->name, concert.band_2->name,
                     concert.band_1->manager->name, (band.popularity + 0).as("pop"), count())
                  .join(band, band.id == concert.band_1)
                  .where(concert.id == 1)
                  .group_by(concert.id, concert.band_1->name, concert.band_2->name,
                            concert.band_1->manager->name, band.popularity)
                  .rows_sync(db);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].names(),
            (std::vector<std::string>{"id", "band_1.name", "band_2.name", "band_1.manager.name",
                                      "pop", on_postgres() ? "count" : "count(*)"}))
      << "an unnamed expression keeps the driver's name";
  EXPECT_EQ(rows[0]["band_2.name"].as_text(), "Rustaceans");
  EXPECT_EQ(rows[0]["band_1.manager.name"].as_text(), "Guido");
  EXPECT_EQ(rows[0]["pop"].as_int64(), 1000);
  auto whole = select(band, band.manager->name).where(band.id == 2).rows_sync(db);
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(whole[0].names(),
            (std::vector<std::string>{"id", "name", "manager", "popularity", "manager.name"}));
  EXPECT_EQ(whole[0]["manager.name"].as_text(), "Graydon");
}

TEST_P(Select, RunsAFrozenQueryManyTimesWithDifferentParameters) {
  auto by_id = select(band.name).where(band.id == param<std::int64_t>(0)).freeze();
  EXPECT_EQ(by_id.run_sync(db, 1), std::vector<std::string>{"Pythonistas"});
  EXPECT_EQ(by_id.run_sync(db, 3), std::vector<std::string>{"C-Sharps"});
  EXPECT_TRUE(by_id.run_sync(db, 42).empty());
  for (int i = 0; i < 300; ++i) {
    ASSERT_EQ(by_id.run_sync(db, i % 3 + 1).size(), 1u) << "run " << i;
  }
}

TEST_P(Select, BindsFrozenParametersBySlotBesideFixedValues) {
  auto q = select(band.name)
               .where(band.popularity >= param<std::int32_t>(1) && band.name != "C-Sharps" &&
                      band.manager->name.like(param<std::string>(0)))
               .order_by(band.id)
               .freeze();
  EXPECT_EQ(q.run_sync(db, std::string("G%"), 0),
            (std::vector<std::string>{"Pythonistas", "Rustaceans"}));
  EXPECT_EQ(q.run_sync(db, std::string("Guido"), 0), std::vector<std::string>{"Pythonistas"});
  EXPECT_TRUE(q.run_sync(db, std::string("G%"), 5000).empty());
  EXPECT_THROW((void)q.run_sync(db, std::string("G%")), UsageError)
      << "a missing parameter is an error, not a NULL";
}

TEST_P(Select, ShowsAFrozenQuerysParametersByTheirSlots) {
  auto q = select(band.name)
               .where(band.popularity >= param<std::int32_t>(1) && band.name != "C-Sharps" &&
                      band.manager->name.like(param<std::string>(0)))
               .limit(5)
               .freeze();
  EXPECT_EQ(q.sql(), R"(SELECT "band"."name" FROM "band" LEFT JOIN "manager" AS "band$manager" ON )"
                     R"("band$manager"."id" = "band"."manager" WHERE "band"."popularity" >= ? AND )"
                     R"("band"."name" <> ? AND "band$manager"."name" LIKE ? LIMIT ?  )"
                     R"([param(1), 'C-Sharps', param(0), 5])");
  auto names = q.run_sync(db, std::string("G%"), 0);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"Pythonistas", "Rustaceans"}))
      << "showing the slots changed nothing that runs";
  auto unfrozen = select(band.name).where(band.id == param<std::int64_t>(0));
  EXPECT_EQ(unfrozen.sql(),
            R"(SELECT "band"."name" FROM "band" WHERE "band"."id" = ?  [param(0)])");
  EXPECT_EQ(select(band.name).where(band.name == "param(0)").sql(),
            R"(SELECT "band"."name" FROM "band" WHERE "band"."name" = ?  ['param(0)'])")
      << "a text value stays quoted, so it cannot pass for a slot";
}

TEST_P(Select, ShowsItsSqlWithValues) {
  EXPECT_EQ(select(band.name).where(band.id == 2).sql(),
            R"(SELECT "band"."name" FROM "band" WHERE "band"."id" = ?  [2])");
}

QT_INSTANTIATE_FOR_BACKENDS(RoundTrip);
QT_INSTANTIATE_FOR_BACKENDS(Select);

}  // namespace
