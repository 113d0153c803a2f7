// Interval, arrays (std::vector<T>) and database enums (QUARRY_DB_ENUM) on
// both backends: each round-trips through insert, select, objects and json(),
// with NULLs, empty arrays, NULL elements, hostile text and extremes; what
// cannot be read back exactly is a DecodeError naming the column.
#include <algorithm>
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"

namespace xt {

using namespace quarry;

enum class Mood { sad, ok, happy };
QUARRY_DB_ENUM(Mood, mood, sad, ok, happy);

struct Typed {
  std::int64_t id{};
  Interval span;
  std::optional<Interval> maybe_span;
  std::vector<std::int16_t> smalls;
  std::vector<std::int32_t> ints;
  std::vector<std::int64_t> bigs;
  std::optional<std::vector<std::int64_t>> maybe_bigs;
  std::vector<double> reals;
  std::vector<bool> flags;
  std::vector<std::string> tags;
  std::vector<std::optional<std::string>> maybe_tags;
  std::vector<Uuid> uuids;
  std::vector<Date> days;
  std::vector<Timestamp> ats;
  std::vector<TimestampTz> at_tzs;
  std::vector<Decimal> amounts;
  Mood mood{};
  std::optional<Mood> maybe_mood;
  friend bool operator==(const Typed&, const Typed&) = default;
};
QUARRY_TABLE(Typed, typed, (id, primary_key), (span), (maybe_span), (smalls), (ints), (bigs),
             (maybe_bigs), (reals), (flags), (tags), (maybe_tags), (uuids), (days), (ats), (at_tzs),
             (amounts), (mood), (maybe_mood));

/// The same database type with one more value, for a table made by hand.
enum class MoodPlus { sad, ok, happy, ecstatic };
QUARRY_DB_ENUM(MoodPlus, mood, sad, ok, happy, ecstatic);
struct Feeling {
  std::int64_t id{};
  MoodPlus mood{};
};
QUARRY_TABLE(Feeling, feeling, (id, primary_key), (mood));

}  // namespace xt

namespace {

using namespace quarry;
using namespace xt;
using namespace std::chrono_literals;

Timestamp at(int y, unsigned m, unsigned d, std::chrono::microseconds time) {
  return Timestamp{std::chrono::local_days{std::chrono::year{y} / m / d}.time_since_epoch() + time};
}

Typed sample() {
  Typed t;
  t.span = Interval{14, 3, 4 * 3'600'000'000LL + 5 * 60'000'000LL + 6'500'000};
  t.maybe_span = Interval::of(-90min);
  t.smalls = {-32768, 0, 32767};
  t.ints = {std::numeric_limits<std::int32_t>::min(), 7, std::numeric_limits<std::int32_t>::max()};
  t.bigs = {std::numeric_limits<std::int64_t>::min(), 0, std::numeric_limits<std::int64_t>::max()};
  t.maybe_bigs = std::vector<std::int64_t>{42};
  t.reals = {1.5, -0.0, 1e300, std::numeric_limits<double>::denorm_min(), 0.1};
  t.flags = {true, false, true};
  t.tags = {"rock", "jazz fusion", ""};
  t.maybe_tags = {"a", std::nullopt, "NULL", ""};
  t.uuids = {Uuid::parse("123e4567-e89b-12d3-a456-426614174000")};
  t.days = {Date{std::chrono::year{2024} / 2 / 29}, Date{std::chrono::year{1} / 1 / 1}};
  t.ats = {at(2024, 5, 1, 12h + 30min + 15s + 123456us), at(1969, 12, 31, 23h + 59min)};
  t.at_tzs = {TimestampTz{std::chrono::sys_days{std::chrono::year{1969} / 12 / 31} + 23h + 59min +
                          59s + 500000us}};
  t.amounts = {Decimal("12345678901234567890.123456789"), Decimal("-0.50"), Decimal("0")};
  t.mood = Mood::happy;
  t.maybe_mood = std::nullopt;
  return t;
}

class ExtendedTypes : public qt::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (setup_stopped()) return;
    create_tables_sync(db, schema_of(typed));
  }
  /// Sets `column` of every row to `sql_literal`, bypassing Quarry's checks.
  void set_raw(std::string_view column, std::string_view pg_literal, std::string_view sqlite_text) {
    const std::string sql = "UPDATE typed SET \"" + std::string(column) +
                            "\" = " + std::string(on_postgres() ? pg_literal : sqlite_text);
    db.execute_sync(sql);
  }
  Typed insert_sample() {
    Typed t = sample();
    t.id = insert(typed).values(t).run_sync(db).last_insert_id;
    return t;
  }
};

TEST_P(ExtendedTypes, EveryTypeRoundTripsThroughInsertAndObjects) {
  const Typed in = insert_sample();
  const auto rows = objects(typed).run_sync(db);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0] == in);
  EXPECT_EQ(rows[0].span, in.span);
  EXPECT_EQ(rows[0].maybe_span, in.maybe_span);
  EXPECT_EQ(rows[0].bigs, in.bigs) << "64-bit extremes inside an array";
  EXPECT_EQ(rows[0].reals, in.reals) << "doubles keep every bit";
  EXPECT_TRUE(std::signbit(rows[0].reals[1])) << "-0.0 stays negative";
  EXPECT_EQ(rows[0].maybe_tags, in.maybe_tags) << "a NULL element and the text 'NULL' differ";
  EXPECT_EQ(rows[0].amounts[0].str(), "12345678901234567890.123456789");
  EXPECT_EQ(rows[0].amounts[1].str(), "-0.50") << "a decimal's scale is kept";
  EXPECT_EQ(rows[0].days, in.days);
  EXPECT_EQ(rows[0].ats, in.ats);
  EXPECT_EQ(rows[0].at_tzs, in.at_tzs);
  EXPECT_EQ(rows[0].mood, Mood::happy);
}

TEST_P(ExtendedTypes, ABatchOfRowsBindsArraysAndIntervalsPerRow) {
  std::vector<Typed> in(3, sample());
  in[0].id = 1, in[1].id = 2, in[2].id = 3;
  in[1].tags = {};
  in[1].span = Interval{-1, -2, -3};
  in[2].maybe_tags = {std::nullopt};
  in[2].mood = Mood::sad;
  insert(typed).rows(in).run_sync(db);
  const auto rows = objects(typed).order_by(typed.id).run_sync(db);
  ASSERT_EQ(rows.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_TRUE(rows[i] == in[i]) << "row " << i + 1;
}

TEST_P(ExtendedTypes, SelectedColumnsAndValuesDecodeTheNewTypes) {
  const Typed in = insert_sample();
  const auto rows = select(typed.span, typed.tags, typed.mood, typed.maybe_span).run_sync(db);
  ASSERT_EQ(rows.size(), 1u);
  const auto& [span, tags, mood, maybe_span] = rows[0];
  EXPECT_EQ(span, in.span);
  EXPECT_EQ(tags, in.tags);
  EXPECT_EQ(mood, Mood::happy);
  EXPECT_EQ(maybe_span, in.maybe_span);
  EXPECT_EQ(select(typed.ints).values_sync(db).at(0), in.ints);
}

TEST_P(ExtendedTypes, NullsAndEmptyArraysStayApart) {
  Typed in = sample();
  in.maybe_span.reset();
  in.maybe_bigs.reset();
  in.maybe_mood.reset();
  in.tags = {};
  in.bigs = {};
  in.maybe_tags = {};
  in.id = insert(typed).values(in).run_sync(db).last_insert_id;
  Typed empty = sample();
  empty.maybe_bigs = std::vector<std::int64_t>{};
  empty.maybe_mood = Mood::sad;
  empty.id = insert(typed).values(empty).run_sync(db).last_insert_id;
  const auto rows = objects(typed).order_by(typed.id).run_sync(db);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_TRUE(rows[0] == in);
  EXPECT_FALSE(rows[0].maybe_bigs.has_value()) << "NULL is not an empty array";
  ASSERT_TRUE(rows[1].maybe_bigs.has_value()) << "an empty array is not NULL";
  EXPECT_TRUE(rows[1].maybe_bigs->empty());
  EXPECT_EQ(rows[1].maybe_mood, Mood::sad);
  EXPECT_EQ(select(typed.id).where(typed.maybe_bigs.is_null()).count_sync(db), 1);
}

TEST_P(ExtendedTypes, ANullElementNeedsOptionalElements) {
  insert_sample();
  set_raw("tags", "ARRAY['a', NULL]", "'[\"a\",null]'");
  try {
    objects(typed).run_sync(db);
    FAIL() << "a NULL element was read into a std::string";
  } catch (const DecodeError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("\"tags\""), std::string::npos) << m;
    EXPECT_NE(m.find("element 2 is NULL"), std::string::npos) << m;
    EXPECT_NE(m.find("std::optional"), std::string::npos) << m;
  }
}

TEST_P(ExtendedTypes, HostileTextInArraysIsStoredAndComparedExactly) {
  const std::vector<std::string> hostile = {"\"",
                                            "\\",
                                            "\\\"",
                                            "{",
                                            "}",
                                            "{}",
                                            ",",
                                            "a,b",
                                            "{x,y}",
                                            "NULL",
                                            "null",
                                            "  spaced  ",
                                            "",
                                            "'; DROP TABLE typed; --",
                                            "[1]",
                                            "\xC3\xBC\xE6\x97\xA5\xE6\x9C\xAC",
                                            "line\nbreak\ttab",
                                            "]={",
                                            "\"quoted\""};
  Typed in = sample();
  in.tags = hostile;
  in.maybe_tags.assign(hostile.begin(), hostile.end());
  in.id = insert(typed).values(in).run_sync(db).last_insert_id;
  const auto rows = objects(typed).run_sync(db);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].tags, hostile);
  EXPECT_EQ(rows[0].maybe_tags, in.maybe_tags);
  EXPECT_EQ(select(typed.id).where(typed.tags == hostile).count_sync(db), 1)
      << "an array parameter compares equal to what it stored";
  EXPECT_EQ(select(typed.id).where(typed.tags == std::vector<std::string>{"x"}).count_sync(db), 0);
  EXPECT_EQ(select(typed.id).count_sync(db), 1) << "nothing was executed";
}

TEST_P(ExtendedTypes, TextWithANulByteIsRejectedBeforeAnythingIsWritten) {
  Typed in = sample();
  in.tags = {"fine", std::string("nul\0inside", 10)};
  try {
    insert(typed).values(in).run_sync(db);
    FAIL() << "a NUL byte inside an array element was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("element 2 holds a NUL byte"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(select(typed.id).count_sync(db), 0);
}

TEST_P(ExtendedTypes, IntervalsKeepExtremesAndNegativeParts) {
  constexpr auto i32min = std::numeric_limits<std::int32_t>::min();
  constexpr auto i32max = std::numeric_limits<std::int32_t>::max();
  constexpr auto i64max = std::numeric_limits<std::int64_t>::max();
  // PostgreSQL 15 accepts microseconds down to -INT64_MAX (not INT64_MIN).
  const std::vector<Interval> spans = {{},
                                       {14, 3, 4'500'000},
                                       {-14, -3, -4'500'000},
                                       {1, -1, 0},
                                       {-1, 1, 1},
                                       {0, 0, -1},
                                       {0, 0, 1},
                                       {i32max, i32max, i64max},
                                       {i32min, i32min, -i64max},
                                       {0, 0, 86'400'000'000LL * 400},
                                       {-13, 0, -500'000}};
  std::vector<Typed> rows_in;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    Typed t = sample();
    t.id = static_cast<std::int64_t>(i + 1);
    t.span = spans[i];
    t.maybe_span = spans[i];
    rows_in.push_back(t);
  }
  insert(typed).rows(rows_in).run_sync(db);
  const auto out = select(typed.span, typed.maybe_span).order_by(typed.id).run_sync(db);
  ASSERT_EQ(out.size(), spans.size());
  for (std::size_t i = 0; i < spans.size(); ++i) {
    EXPECT_EQ(std::get<0>(out[i]), spans[i]) << spans[i].str();
    EXPECT_EQ(std::get<1>(out[i]), spans[i]) << spans[i].str();
  }
  EXPECT_EQ(select(typed.id).where(typed.span == Interval{1, -1, 0}).count_sync(db), 1);
}

TEST_P(ExtendedTypes, JsonWritesIsoIntervalsArraysAndEnumNamesAlikeOnBothBackends) {
  Typed in = sample();
  in.reals = {1.5, std::nan(""), -std::numeric_limits<double>::infinity()};
  in.tags = {"a\"b", "c\\d", "{,}"};
  // Whole seconds: a fraction is written as each database stores it
  // (".500000" on SQLite, ".5" on PostgreSQL), as for a timestamp column.
  in.at_tzs = {TimestampTz{std::chrono::sys_days{std::chrono::year{1969} / 12 / 31} + 23h}};
  insert(typed).values(in).run_sync(db);
  const std::string out =
      select(typed.span, typed.maybe_span, typed.smalls, typed.reals, typed.flags, typed.tags,
             typed.maybe_tags, typed.uuids, typed.days, typed.ats, typed.at_tzs, typed.amounts,
             typed.mood, typed.maybe_mood, typed.maybe_bigs)
          .json_sync(db);
  EXPECT_EQ(out,
            R"([{"span":"P1Y2M3DT4H5M6.5S","maybe_span":"PT-1H-30M","smalls":[-32768,0,32767],)"
            R"("reals":[1.5,null,null],"flags":[true,false,true],)"
            R"("tags":["a\"b","c\\d","{,}"],"maybe_tags":["a",null,"NULL",""],)"
            R"("uuids":["123e4567-e89b-12d3-a456-426614174000"],)"
            R"("days":["2024-02-29","0001-01-01"],)"
            R"("ats":["2024-05-01T12:30:15.123456","1969-12-31T23:59:00"],)"
            R"("at_tzs":["1969-12-31T23:00:00+00:00"],)"
            R"("amounts":[12345678901234567890.123456789,-0.50,0],"mood":"happy",)"
            R"("maybe_mood":null,"maybe_bigs":[42]}])");
  // NaN and infinity still read back exactly.
  const auto reals = select(typed.reals).values_sync(db).at(0);
  ASSERT_EQ(reals.size(), 3u);
  EXPECT_TRUE(std::isnan(reals[1]));
  EXPECT_EQ(reals[2], -std::numeric_limits<double>::infinity());
}

TEST_P(ExtendedTypes, StoresArraysAsJsonTextAndIntervalsAsIso8601OnSqlite) {
  QT_ONLY_ON(sqlite, "reads the text SQLite stores; PostgreSQL stores native types");
  insert_sample();
  const auto row =
      qt::query_rows(db,
                     "SELECT span, maybe_span, ints, tags, maybe_tags, mood, typeof(ats) "
                     "FROM typed")[0];
  EXPECT_EQ(row[0].as_text(), "P1Y2M3DT4H5M6.5S");
  EXPECT_EQ(row[1].as_text(), "PT-1H-30M");
  EXPECT_EQ(row[2].as_text(), "[-2147483648,7,2147483647]");
  EXPECT_EQ(row[3].as_text(), R"(["rock","jazz fusion",""])");
  EXPECT_EQ(row[4].as_text(), R"(["a",null,"NULL",""])");
  EXPECT_EQ(row[5].as_text(), "happy");
  EXPECT_EQ(row[6].as_text(), "text");
  EXPECT_EQ(
      qt::query_rows(db, "SELECT count(*) FROM typed, json_each(typed.tags)")[0][0].as_int64(), 3)
      << "SQLite's JSON functions read the stored arrays";
}

TEST_P(ExtendedTypes, UsesNativeIntervalArrayAndEnumTypesOnPostgresql) {
  QT_ONLY_ON(postgresql, "PostgreSQL's pg_typeof; SQLite has no such types");
  insert_sample();
  EXPECT_EQ(qt::stored_type(db, "typed", "span"), "interval");
  EXPECT_EQ(qt::stored_type(db, "typed", "smalls"), "smallint[]");
  EXPECT_EQ(qt::stored_type(db, "typed", "bigs"), "bigint[]");
  EXPECT_EQ(qt::stored_type(db, "typed", "reals"), "double precision[]");
  EXPECT_EQ(qt::stored_type(db, "typed", "tags"), "text[]");
  EXPECT_EQ(qt::stored_type(db, "typed", "at_tzs"), "timestamp with time zone[]");
  EXPECT_EQ(qt::stored_type(db, "typed", "amounts"), "numeric[]");
  EXPECT_EQ(qt::stored_type(db, "typed", "mood"), "mood");
  // The server sees real arrays: its own functions work on them.
  EXPECT_EQ(qt::query_rows(db, "SELECT array_length(tags, 1), tags[2] FROM typed")[0][1].as_text(),
            "jazz fusion");
  EXPECT_EQ(qt::query_rows(db, "SELECT mood > 'sad' FROM typed")[0][0].as_int64(), 1)
      << "an enum orders by declaration";
}

TEST_P(ExtendedTypes, AMultiDimensionalArrayIsADecodeErrorNamingTheColumn) {
  insert_sample();
  set_raw("bigs", "'{{1,2},{3,4}}'", "'[[1,2],[3,4]]'");
  try {
    select(typed.bigs).run_sync(db);
    FAIL() << "a two-dimensional array was read into a std::vector";
  } catch (const DecodeError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("\"bigs\""), std::string::npos) << m;
    EXPECT_NE(m.find("multi-dimensional"), std::string::npos) << m;
  }
}

TEST_P(ExtendedTypes, AnArrayWithAnotherLowerBoundIsADecodeError) {
  QT_ONLY_ON(postgresql, "only PostgreSQL arrays have lower bounds");
  insert_sample();
  set_raw("ints", "'[0:1]={1,2}'", "");
  try {
    select(typed.ints).run_sync(db);
    FAIL() << "an array indexed from 0 was read as if from 1";
  } catch (const DecodeError& e) {
    EXPECT_NE(std::string(e.what()).find("\"ints\""), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("lower bound"), std::string::npos) << e.what();
  }
}

TEST_P(ExtendedTypes, AnElementThatIsNotOfTheTypeIsADecodeErrorNamingIt) {
  QT_ONLY_ON(sqlite, "PostgreSQL's typed arrays cannot hold a wrong element");
  insert_sample();
  set_raw("ints", "", "'[1,\"x\"]'");
  try {
    select(typed.ints).run_sync(db);
    FAIL();
  } catch (const DecodeError& e) {
    EXPECT_NE(std::string(e.what()).find("element 2 is 'x'"), std::string::npos) << e.what();
  }
}

TEST_P(ExtendedTypes, AnEnumNameUnknownToTheCxxEnumIsADecodeErrorNamingColumnAndValue) {
  insert_sample();
  if (on_postgres()) db.execute_sync("ALTER TYPE mood ADD VALUE 'ecstatic'");
  db.execute_sync("UPDATE typed SET mood = 'ecstatic'");
  try {
    objects(typed).run_sync(db);
    FAIL() << "an unknown enum name was read";
  } catch (const DecodeError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("\"mood\""), std::string::npos) << m;
    EXPECT_NE(m.find("'ecstatic'"), std::string::npos) << m;
    EXPECT_NE(m.find("'happy'"), std::string::npos) << m;
  }
}

TEST_P(ExtendedTypes, AnEnumValueTheDatabaseTypeLacksIsRejectedByTheServer) {
  QT_ONLY_ON(postgresql, "SQLite has no enum types: the name is stored as text");
  db.execute_sync("CREATE TABLE feeling (id BIGSERIAL PRIMARY KEY, mood mood NOT NULL)");
  insert(feeling).values(Feeling{0, MoodPlus::happy}).run_sync(db);
  try {
    insert(feeling).values(Feeling{0, MoodPlus::ecstatic}).run_sync(db);
    FAIL() << "the server stored a value its enum type lacks";
  } catch (const QueryError& e) {
    const std::string m = e.what();
    EXPECT_EQ(e.code(), "22P02") << m;
    EXPECT_NE(m.find("enum mood"), std::string::npos) << m;
    EXPECT_NE(m.find("ecstatic"), std::string::npos) << m;
  }
  EXPECT_EQ(select(feeling.id).count_sync(db), 1) << "only the valid row is there";
  EXPECT_EQ(select(feeling.id).where(feeling.mood == MoodPlus::happy).count_sync(db), 1);
}

TEST_P(ExtendedTypes, CreateTablesMakesTheEnumTypeFirstAndDropTablesRemovesItAfter) {
  const Schema schema = schema_of(typed);
  ASSERT_EQ(schema.enums.size(), 1u);
  EXPECT_EQ(schema.enums[0].name, "mood");
  EXPECT_EQ(schema.enums[0].values, (std::vector<std::string>{"sad", "ok", "happy"}));
  EXPECT_EQ(schema.tables[0].column("mood").type.kind, TypeKind::db_enum);
  create_tables_sync(db, schema, {.if_not_exists = true});  // a second time: nothing fails
  drop_tables_sync(db, schema);
  const auto names = qt::table_names(db);
  EXPECT_EQ(std::count(names.begin(), names.end(), "typed"), 0);
  if (on_postgres()) {
    EXPECT_EQ(qt::query_rows(db,
                             "SELECT count(*) FROM pg_type WHERE typname = 'mood' AND "
                             "typnamespace = current_schema()::regnamespace")[0][0]
                  .as_int64(),
              0)
        << "the type went with its tables";
  }
  create_tables_sync(db, schema);  // and the type can be created again
  insert_sample();
  EXPECT_EQ(select(typed.id).where(typed.mood == Mood::happy).count_sync(db), 1);
}

QT_INSTANTIATE_FOR_BACKENDS(ExtendedTypes);

// ------------------------------------------------ without a database

TEST(IntervalText, FormatsAsPostgresqlsIso8601Style) {
  EXPECT_EQ(Interval{}.str(), "PT0S");
  EXPECT_EQ((Interval{14, 3, 4 * 3'600'000'000LL + 5 * 60'000'000LL + 6'500'000}.str()),
            "P1Y2M3DT4H5M6.5S");
  EXPECT_EQ((Interval{-14, -3, -(4 * 3'600'000'000LL + 6'500'000)}.str()), "P-1Y-2M-3DT-4H-6.5S");
  EXPECT_EQ((Interval{0, -1, 2 * 3'600'000'000LL}.str()), "P-1DT2H");
  EXPECT_EQ((Interval{0, 0, -500'000}.str()), "PT-0.5S");
  EXPECT_EQ((Interval{0, 0, 1}.str()), "PT0.000001S");
  EXPECT_EQ(Interval::of(90min).str(), "PT1H30M");
  EXPECT_EQ(Interval::of(90min).time(), 90min);
  EXPECT_EQ(
      (Interval{std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::min(),
                std::numeric_limits<std::int64_t>::min()}
           .str()),
      "P-178956970Y-8M-2147483648DT-2562047788H-54.775808S");
}

TEST(IntervalText, ParsesIsoAndPostgresStylesToTheSameParts) {
  const Interval want{14, -3, -(4 * 3'600'000'000LL + 5 * 60'000'000LL + 6'500'000)};
  EXPECT_EQ(Interval::parse("P1Y2M-3DT-4H-5M-6.5S"), want);
  EXPECT_EQ(Interval::parse("1 year 2 mons -3 days -04:05:06.5"), want);
  EXPECT_EQ(Interval::parse("00:00:00"), Interval{});
  EXPECT_EQ(Interval::parse("PT0S"), Interval{});
  EXPECT_EQ(Interval::parse("-1 days +02:00:00"), (Interval{0, -1, 2 * 3'600'000'000LL}));
  EXPECT_EQ(Interval::parse("-00:00:00.000001"), (Interval{0, 0, -1}));
  EXPECT_EQ(
      Interval::parse("178956970 years 7 mons 2147483647 days 2562047788:00:54.775807"),
      (Interval{std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::int32_t>::max(),
                std::numeric_limits<std::int64_t>::max()}));
  for (const Interval& i : {Interval{1, 2, 3}, Interval{-1, -2, -3}, Interval{0, 0, -60'000'001}}) {
    EXPECT_EQ(Interval::parse(i.str()), i) << i.str();
  }
}

TEST(IntervalText, RejectsWhatIsNoIntervalOrDoesNotFit) {
  for (const char* bad : {"", "P", "PT", "1 dy", "P1H", "PT1D", "P1.5D", "P1M1Y", "P1Y1Y",
                          "P2147483648D", "P178956971Y", "PT2562047789H", "3 weeks",
                          "1 years 2 mons 3", "12:60:00", "P1Y ", "01:02:03 04:05:06"}) {
    EXPECT_THROW(Interval::parse(bad), UsageError) << "'" << bad << "'";
  }
}

TEST(IntervalText, OrdersAsPostgresqlDoesButComparesPartsForEquality) {
  EXPECT_NE((Interval{1, 0, 0}), (Interval{0, 30, 0}));
  EXPECT_TRUE(std::is_eq(Interval{1, 0, 0} <=> Interval{0, 30, 0}));
  EXPECT_TRUE((Interval{0, 1, 0}) > (Interval{0, 0, 86'399'999'999LL}));
  EXPECT_TRUE((Interval{0, -1, 0}) < (Interval{0, 0, -1}));
  EXPECT_TRUE(std::is_eq(Interval{0, 1, 0} <=> Interval{0, 0, 86'400'000'000LL}));
}

TEST(ArrayDefaults, AnArrayDefaultAsksForDefaultSql) {
  struct WithDefault {
    std::int64_t id{};
    std::vector<std::int64_t> v;
  };
  detail::TableBuilder b("t");
  EXPECT_THROW(b.column<std::vector<std::int64_t>>("v", default_(std::vector<std::int64_t>{1})),
               UsageError);
}

}  // namespace
