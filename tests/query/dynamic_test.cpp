// The dynamic API on both backends: queries over tables named at run time
// (select, insert, upsert, update, delete), values checked against column
// types, unknown names with suggestions, FK traversal with distinct row
// names, JSON equal to the typed API's, transactions and hostile identifiers.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <quarry/quarry.hpp>
#include <quarry/schema/reflect.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/expect.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace std::string_literals;
namespace typed = playground;  // the typed models, beside the fixture's dyn::Tables

class Dynamic : public qt::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (setup_stopped()) return;
    seed();
  }
  dyn::Schema schema{qt::test_schema()};
  dyn::Table band = schema.table("band");
  dyn::Table manager = schema.table("manager");
  dyn::Table concert = schema.table("concert");
  dyn::Table ticket = schema.table("ticket");

  std::vector<std::string> band_names(const dyn::Select& q) {
    std::vector<std::string> out;
    for (const auto& row : q.run_sync(db)) out.push_back(row["name"].as_text());
    return out;
  }
};

/// The message of the UsageError that `f` throws ("" when it throws none).
template <class F>
std::string usage_error(F&& f) {
  try {
    f();
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

TEST_P(Dynamic, RunsTheIssuesExampleOverTheSchema) {
  auto popular = schema.table("band").column("popularity") > 100;
  auto q = dyn::select(band).where(popular).order_by(band["id"]);
  EXPECT_EQ(band_names(q), (std::vector<std::string>{"Pythonistas", "Rustaceans"}));
  EXPECT_EQ(q.sql(),
            R"(SELECT "band"."id", "band"."name", "band"."manager", "band"."popularity" FROM )"
            R"("band" WHERE "band"."popularity" > ? ORDER BY "band"."id"  [100])");
  EXPECT_EQ(q.keys(), (std::vector<std::string>{"id", "name", "manager", "popularity"}));
}

TEST_P(Dynamic, CompilesToTheSameSqlAsTheTypedApi) {
  const auto& tb = typed::band;
  auto typed = select(tb.name, tb.manager->name)
                   .where((tb.popularity >= 10 && tb.name.like("%s")) || tb.id.in_({1, 2}))
                   .order_by(tb.popularity.desc(), tb.name)
                   .limit(5)
                   .offset(1);
  auto b = this->band;
  auto dynamic = dyn::select({b["name"], b["manager"].follow()["name"]})
                     .where((b["popularity"] >= 10 && b["name"].like("%s")) || b["id"].in_({1, 2}))
                     .order_by(b["popularity"].desc())
                     .order_by(b["name"])
                     .limit(5)
                     .offset(1);
  for (const sql::Dialect* d : {&sql::sqlite_dialect(), &sql::postgresql_dialect()}) {
    EXPECT_EQ(dynamic.sql(*d), typed.sql(*d)) << d->name();
  }
  EXPECT_EQ(dynamic.json_sync(db), typed.json_sync(db));
}

TEST_P(Dynamic, SelectsColumnsWithOrderLimitOffsetFirstCountAndExists) {
  auto q = dyn::select({band["name"], band["popularity"]}).order_by(band["popularity"].desc());
  auto rows = q.run_sync(db);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].names(), (std::vector<std::string>{"name", "popularity"}));
  EXPECT_EQ(rows[0]["name"].as_text(), "Pythonistas");
  EXPECT_EQ(rows[2]["popularity"].as_int64(), 10);
  EXPECT_EQ(band_names(dyn::select(band).order_by(band["id"]).limit(1).offset(1)),
            std::vector<std::string>{"Rustaceans"});
  auto first = q.first_sync(db);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ((*first)["name"].as_text(), "Pythonistas");
  EXPECT_FALSE(dyn::select(band).where(band["id"] == 42).first_sync(db).has_value());
  EXPECT_EQ(dyn::select(band).count_sync(db), 3);
  EXPECT_EQ(dyn::select(band).where(band["popularity"] < 600).count_sync(db), 2);
  EXPECT_EQ(dyn::select(band).limit(2).count_sync(db), 2) << "counts the rows the query returns";
  EXPECT_TRUE(dyn::select(band).where(band["name"] == "C-Sharps").exists_sync(db));
  EXPECT_FALSE(dyn::select(band).where(band["name"] == "Nobody").exists_sync(db));
  auto distinct = dyn::select({concert["venue"]}).distinct().order_by(concert["venue"]);
  EXPECT_EQ(distinct.run_sync(db).size(), 2u);
}

TEST_P(Dynamic, CombinesConditions) {
  auto b = this->band;
  auto by = [&](const dyn::Expr& condition) {
    return band_names(dyn::select(band).where(condition).order_by(band["id"]));
  };
  using names = std::vector<std::string>;
  EXPECT_EQ(by(b["popularity"] > 100 && b["popularity"] < 900), names{"Rustaceans"});
  EXPECT_EQ(by(b["popularity"] == 10 || b["id"] == 1), (names{"Pythonistas", "C-Sharps"}));
  EXPECT_EQ(by(!(b["popularity"] > 100)), names{"C-Sharps"});
  EXPECT_EQ(by(b["manager"].is_null()), names{"C-Sharps"});
  EXPECT_EQ(by(b["manager"] == nullptr), names{"C-Sharps"}) << "== nullptr is IS NULL";
  EXPECT_EQ(by(b["manager"] != nullptr), (names{"Pythonistas", "Rustaceans"}));
  EXPECT_EQ(by(b["manager"].is_not_null() && b["manager"] != 1), names{"Rustaceans"});
  EXPECT_EQ(by(b["id"].in_({1, 3})), (names{"Pythonistas", "C-Sharps"}));
  EXPECT_EQ(by(b["id"].not_in({1, 3})), names{"Rustaceans"});
  EXPECT_EQ(by(b["id"].in_(std::vector<dyn::Literal>{})), names{})
      << "an empty list matches nothing";
  EXPECT_EQ(by(b["name"].like("%tho%")), names{"Pythonistas"});
  EXPECT_EQ(by(b["name"].not_like("%s")), names{});
  EXPECT_EQ(by(b["name"].ilike("c-%")), names{"C-Sharps"});
  EXPECT_EQ(by(b["name"].not_ilike("c-%")), (names{"Pythonistas", "Rustaceans"}));
  EXPECT_EQ(by(b["popularity"].between(10, 500)), (names{"Rustaceans", "C-Sharps"}));
  EXPECT_EQ(by(b["popularity"].not_between(10, 500)), names{"Pythonistas"});
  EXPECT_EQ(by(100 < b["popularity"]), (names{"Pythonistas", "Rustaceans"}));
  EXPECT_EQ(by(b["popularity"] >= b["id"] * 500), (names{"Pythonistas"}));
  auto managed_by_guido = dyn::select({manager["id"]}).where(manager["name"] == "Guido");
  EXPECT_EQ(by(b["manager"].in_(managed_by_guido)), names{"Pythonistas"});
  EXPECT_EQ(by(b["manager"].not_in(managed_by_guido)), names{"Rustaceans"});
  EXPECT_EQ(by(dyn::raw("length(\"band\".\"name\") = ?", {8})), names{"C-Sharps"});
  auto tickets = dyn::select({ticket["id"]}).where(ticket["price"] > Decimal("100"));
  EXPECT_EQ(tickets.run_sync(db).size(), 1u) << "decimals compare as numbers";
  auto seated = dyn::select({ticket["id"]}).where(ticket["ticket_type"] == "seated");
  EXPECT_EQ(seated.run_sync(db).at(0)["id"].as_int64(), 3);
  auto late = dyn::select({concert["id"]}).where(concert["starts"] > "2024-05-15 00:00:00");
  EXPECT_EQ(late.run_sync(db).at(0)["id"].as_int64(), 2);
}

TEST_P(Dynamic, ComputesArithmeticAggregatesAndGroups) {
  auto b = this->band;
  auto rows = dyn::select({b["name"], (b["popularity"] * 2 + 1).as("double_plus_one"),
                           (b["name"] + "!").as("shout"), (-b["popularity"]).as("negated")})
                  .where(b["id"] == 2)
                  .run_sync(db);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["double_plus_one"].as_int64(), 1001);
  EXPECT_EQ(rows[0]["shout"].as_text(), "Rustaceans!");
  EXPECT_EQ(rows[0]["negated"].as_int64(), -500);

  auto totals =
      dyn::select({dyn::count().as("n"), dyn::sum(b["popularity"]).as("total"),
                   dyn::avg(b["popularity"]).as("mean"), dyn::min(b["popularity"]).as("low"),
                   dyn::max(b["name"]).as("last"), dyn::count(b["manager"]).as("managed"),
                   dyn::count_distinct(b["manager"]).as("managers")})
          .from(band)
          .run_sync(db);
  ASSERT_EQ(totals.size(), 1u);
  EXPECT_EQ(totals[0]["n"].as_int64(), 3);
  EXPECT_EQ(totals[0]["total"].as_int64(), 1510) << "sum of integers is an integer on both";
  EXPECT_DOUBLE_EQ(totals[0]["mean"].as_double(), 1510.0 / 3);
  EXPECT_EQ(totals[0]["low"].as_int64(), 10);
  EXPECT_EQ(totals[0]["last"].as_text(), "Rustaceans");
  EXPECT_EQ(totals[0]["managed"].as_int64(), 2);
  EXPECT_EQ(totals[0]["managers"].as_int64(), 2);

  auto per_venue = dyn::select({concert["venue"], dyn::count().as("concerts")})
                       .group_by(concert["venue"])
                       .having(dyn::count() >= 1)
                       .order_by(concert["venue"]);
  auto groups = per_venue.run_sync(db);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[1]["venue"].as_int64(), 2);
  EXPECT_EQ(groups[1]["concerts"].as_int64(), 1);
  EXPECT_EQ(per_venue.count_sync(db), 2) << "counts the groups";
  EXPECT_EQ(dyn::select({dyn::lower(b["name"]).as("l"), dyn::upper(b["name"]).as("u")})
                .where(b["id"] == 3)
                .json_sync(db),
            R"([{"l":"c-sharps","u":"C-SHARPS"}])");
  EXPECT_EQ(dyn::select({dyn::coalesce(b["manager"], 0).as("m")})
                .where(b["id"] == 3)
                .run_sync(db)
                .at(0)["m"]
                .as_int64(),
            0);
}

TEST_P(Dynamic, FollowsForeignKeysAndNamesTraversedColumnsDistinctly) {
  auto rows = dyn::select({band["name"], band["manager"].follow()["name"]})
                  .where(band["id"] == 1)
                  .run_sync(db);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].names(), (std::vector<std::string>{"name", "manager.name"}))
      << "the band's name and its manager's name do not collide";
  EXPECT_EQ(rows[0]["name"].as_text(), "Pythonistas");
  EXPECT_EQ(rows[0]["manager.name"].as_text(), "Guido");

  auto b1 = concert["band_1"].follow();
  auto chained = dyn::select({concert["id"], b1["name"], concert["band_2"].follow()["name"],
                              b1["manager"].follow()["name"]})
                     .where(b1["manager"].follow()["name"] == "Guido")
                     .run_sync(db);
  ASSERT_EQ(chained.size(), 1u);
  EXPECT_EQ(chained[0].names(),
            (std::vector<std::string>{"id", "band_1.name", "band_2.name", "band_1.manager.name"}));
  EXPECT_EQ(chained[0]["band_2.name"].as_text(), "Rustaceans");
  EXPECT_EQ(chained[0]["band_1.manager.name"].as_text(), "Guido");

  auto whole = dyn::select(band["manager"].follow()).where(band["id"] == 2).run_sync(db);
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(whole[0].names(), (std::vector<std::string>{"manager.id", "manager.name"}));
  EXPECT_EQ(whole[0]["manager.name"].as_text(), "Graydon");

  auto joined = dyn::select({band["name"], manager["name"]})
                    .join(manager, manager["id"] == band["manager"])
                    .order_by(band["id"]);
  EXPECT_EQ(joined.keys(), (std::vector<std::string>{"name", "manager.name"}))
      << "a joined table's column of the same name is qualified by its table";
  auto joined_rows = joined.run_sync(db);
  ASSERT_EQ(joined_rows.size(), 2u);
  EXPECT_EQ(joined_rows[1]["manager.name"].as_text(), "Graydon");
  EXPECT_EQ(dyn::select({band["name"]})
                .left_join(manager, manager["id"] == band["manager"])
                .where(manager["id"].is_null())
                .run_sync(db)
                .at(0)["name"]
                .as_text(),
            "C-Sharps");

  EXPECT_EQ(usage_error([&] { (void)band["name"].follow(); }),
            R"("band"."name" is not a foreign key, so follow() has nowhere to go; the )"
            R"(single-column foreign keys of "band" are: manager)");
}

TEST_P(Dynamic, WritesTheSameJsonAsTheTypedApi) {
  const auto& tb = typed::band;
  const auto& tt = typed::ticket;
  EXPECT_EQ(dyn::select(band).order_by(band["id"]).json_sync(db),
            select(tb).order_by(tb.id).json_sync(db));
  auto t = this->ticket;
  EXPECT_EQ(dyn::select({t["id"], t["price"], t["ticket_type"], t["concert"].follow()["starts"],
                         t["concert"].follow()["band_1"].follow()["name"]})
                .order_by(t["id"])
                .json_sync(db),
            select(tt.id, tt.price, tt.ticket_type, tt.concert->starts, tt.concert->band_1->name)
                .order_by(tt.id)
                .json_sync(db));
  auto b = this->band;
  EXPECT_EQ(
      dyn::select({dyn::count(), dyn::avg(b["popularity"]), dyn::sum(b["popularity"]),
                   (b["popularity"] > 100).as("popular")})
          .from(band)
          .group_by(b["popularity"])
          .order_by(b["popularity"])
          .json_sync(db),
      select(count(), avg(tb.popularity), sum(tb.popularity), (tb.popularity > 100).as("popular"))
          .from(tb)
          .group_by(tb.popularity)
          .order_by(tb.popularity)
          .json_sync(db));
  EXPECT_EQ(dyn::select(band).where(b["id"] == 99).json_sync(db), "[]");
}

TEST_P(Dynamic, InsertsRowsAndReportsTheGeneratedKey) {
  auto result = dyn::insert(band).values({{"name", "Gophers"}, {"popularity", 7}}).run_sync(db);
  EXPECT_EQ(result.rows_affected, 1);
  EXPECT_EQ(result.last_insert_id, 4);
  auto row = dyn::select(band).where(band["id"] == result.last_insert_id).first_sync(db);
  ASSERT_TRUE(row);
  EXPECT_EQ((*row)["name"].as_text(), "Gophers");
  EXPECT_TRUE((*row)["manager"].is_null());

  auto many =
      dyn::insert(band).rows({{{"name", "Crabs"}, {"manager", 2}, {"popularity", 1}},
                              {{"popularity", 2}, {"name", "Snakes"}, {"manager", nullptr}}});
  EXPECT_EQ(many.sql(),
            R"(INSERT INTO "band" ("name", "manager", "popularity") VALUES (?, ?, ?), (?, ?, ?))"
            R"(  ['Crabs', 2, 1, 'Snakes', NULL, 2])");
  EXPECT_EQ(many.run_sync(db).rows_affected, 2);
  EXPECT_EQ(dyn::select(band).count_sync(db), 6);

  auto returned = dyn::insert(band)
                      .values({{"name", "Lambdas"}})
                      .returning({band["id"], band["name"], band["popularity"]})
                      .run_sync(db);
  ASSERT_EQ(returned.size(), 1u);
  EXPECT_EQ(returned[0].names(), (std::vector<std::string>{"id", "name", "popularity"}));
  EXPECT_EQ(returned[0]["id"].as_int64(), 7);
  EXPECT_EQ(returned[0]["popularity"].as_int64(), 0) << "the default";
  EXPECT_EQ(dyn::insert(manager)
                .values({{"name", "Ada"}})
                .returning({manager["id"], manager["name"]})
                .json_sync(db),
            R"([{"id":3,"name":"Ada"}])");

  EXPECT_EQ(dyn::insert(band).rows({}).run_sync(db).rows_affected, 0) << "no rows: nothing runs";
  EXPECT_EQ(dyn::select(band).count_sync(db), 7);
  EXPECT_EQ(usage_error([&] { (void)dyn::insert(band).run_sync(db); }),
            R"(insert into "band" has no values: call values({...}) or rows({...}))");
}

TEST_P(Dynamic, InsertsEveryColumnTypeAsTheTypedApiReadsIt) {
  qt::Everything e = qt::sample_everything("D-1");
  auto everything = schema.table("everything");
  auto result = dyn::insert(everything)
                    .values({{"small", e.small},
                             {"medium", e.medium},
                             {"big", static_cast<long long>(e.big)},
                             {"real", e.real},
                             {"price", e.price},
                             {"amount", e.amount},
                             {"text", e.text},
                             {"code", e.code},
                             {"flag", e.flag},
                             {"data", e.data},
                             {"day", e.day},
                             {"time", e.time},
                             {"at", e.at},
                             {"at_tz", e.at_tz},
                             {"uuid", e.uuid},
                             {"doc", e.doc},
                             {"color", "blue"},
                             {"level", 7},
                             {"maybe_int", -5},
                             {"maybe_text", ""},
                             {"maybe_price", Decimal("99999999.99")},
                             {"maybe_at", *e.maybe_at},
                             {"maybe_color", "green"},
                             {"maybe_flag", false}})
                    .run_sync(db);
  e.id = result.last_insert_id;
  auto read = objects(qt::everything).where(qt::everything.id == e.id).first_sync(db);
  ASSERT_TRUE(read);
  qt::expect_same_everything(*read, e);
  EXPECT_EQ(dyn::select(everything).json_sync(db), select(qt::everything).json_sync(db));
  EXPECT_EQ(dyn::select({everything["id"]})
                .where(everything["uuid"] == "123E4567-E89B-12D3-A456-426614174000" &&
                       everything["day"] == e.day && everything["flag"] == true &&
                       everything["amount"] == "12345678901234567890.123456789")
                .count_sync(db),
            1)
      << "text forms of a UUID and a decimal are accepted and canonicalised";
}

TEST_P(Dynamic, ChecksValuesAgainstTheColumnsType) {
  EXPECT_EQ(usage_error([&] { (void)(band["popularity"] > "loud"); }),
            R"("band"."popularity" is integer; 'loud' is text)");
  EXPECT_EQ(usage_error([&] { (void)(band["name"] == 5); }),
            R"("band"."name" is varchar(50); 5 is an integer)");
  EXPECT_EQ(
      usage_error([&] { (void)(ticket["ticket_type"] == "vip"); }),
      R"("ticket"."ticket_type" is enum (standing, seated, premium); 'vip' is not one of them)");
  EXPECT_EQ(usage_error([&] { (void)(ticket["price"] > "cheap"); }),
            R"("ticket"."price" is numeric(5, 2); 'cheap' is not a decimal number)");
  EXPECT_EQ(usage_error([&] { (void)(concert["starts"] < "soon"); }),
            R"("concert"."starts" is timestamp; 'soon' is not a timestamp (YYYY-MM-DD HH:MM:SS))");
  EXPECT_EQ(usage_error([&] { (void)(band["popularity"] < nullptr); }),
            R"("band"."popularity" < NULL is never true; use is_null() or is_not_null())");
  EXPECT_EQ(usage_error([&] { (void)(band["name"] == band["popularity"]); }),
            R"(cannot compare "band"."name" (varchar(50)) with "band"."popularity" (integer))");
  EXPECT_EQ(usage_error([&] { (void)(band["name"] && band["id"] == 1); }),
            R"(&& takes conditions; "band"."name" (varchar(50)) is not one)");
  EXPECT_EQ(usage_error([&] { (void)dyn::select(band).where(band["name"]); }),
            R"(where() takes a condition; "band"."name" (varchar(50)) is not one)");
  EXPECT_EQ(usage_error([&] { (void)(band["popularity"] * "x"); }),
            R"(cannot compute with "band"."popularity" (integer) and 'x': it is text)");
  EXPECT_EQ(usage_error([&] { (void)band["popularity"].like("1%"); }),
            R"(like() needs text; "band"."popularity" (integer) is not text)");

  // Writes are stricter: ranges, lengths, NOT NULL, required columns.
  try {
    (void)dyn::insert(band).values({{"name", "x"}, {"popularity", 3000000000LL}});
    FAIL() << "expected ValueError";
  } catch (const dyn::ValueError& e) {
    EXPECT_STREQ(e.what(), R"("band"."popularity" is integer; 3000000000 is out of its range )"
                           R"((-2147483648 to 2147483647))");
    EXPECT_EQ(e.table(), "band");
    EXPECT_EQ(e.column(), "popularity");
    EXPECT_EQ(e.value(), Value(std::int64_t{3000000000LL}));
  }
  EXPECT_EQ(usage_error([&] {
              (void)dyn::insert(band).values({{"name", std::string(51, 'x')}});
            }),
            R"("band"."name" is varchar(50); ')" + std::string(51, 'x') + R"(' has 51 characters)");
  EXPECT_EQ(usage_error([&] {
              (void)dyn::insert(band).values({{"name", nullptr}});
            }),
            R"("band"."name" is varchar(50); it is NOT NULL and cannot be set to NULL)");
  EXPECT_EQ(usage_error([&] {
              (void)dyn::insert(band).values({{"popularity", 1}});
            }),
            R"(insert into "band": column "name" is NOT NULL and has no default; give it a value)");
  EXPECT_EQ(usage_error([&] { (void)dyn::update(band).set("popularity", 1.5); }),
            R"("band"."popularity" is integer; 1.5 is a double)");
  EXPECT_EQ(usage_error([&] { (void)dyn::update(band).set("popularity", band["name"]); }),
            R"("band"."popularity" is integer; it cannot be set to "band"."name" (varchar(50)))");
  EXPECT_EQ(usage_error([&] {
              (void)dyn::insert(band).rows({{{"name", "a"}}, {{"name", "b"}, {"popularity", 1}}});
            }),
            R"(insert into "band": row 2 gives the columns (name, popularity) but row 1 gives )"
            R"((name); every row must give the same columns)");
  EXPECT_EQ(usage_error([&] {
              (void)dyn::insert(band).values({{"name", "a"}, {"name", "b"}});
            }),
            R"(insert into "band": column "name" is given twice)");
  EXPECT_EQ(dyn::select(band).count_sync(db), 3) << "nothing ran";
}

TEST_P(Dynamic, ParsesTextForAColumnsType) {
  EXPECT_EQ(band["popularity"].parse("42").value(), Value(std::int64_t{42}));
  EXPECT_EQ(schema.table("everything")["flag"].parse("TRUE").value(), Value(std::int64_t{1}));
  EXPECT_EQ(schema.table("everything")["real"].parse("2.5").value(), Value(2.5));
  EXPECT_EQ(band["name"].parse("42").value(), Value("42"s));
  EXPECT_EQ(usage_error([&] { (void)band["popularity"].parse("4x2"); }),
            R"("band"."popularity" is integer; '4x2' is not an integer)");
  auto row = dyn::select(band).where(band["popularity"] == band["popularity"].parse("500"));
  EXPECT_EQ(band_names(row), std::vector<std::string>{"Rustaceans"});
}

TEST_P(Dynamic, UpdatesWithValuesAndExpressionsOnlyWhereAsked) {
  auto bump = dyn::update(band).set("popularity", band["popularity"] + 10).where(band["id"] <= 2);
  EXPECT_EQ(bump.sql(),
            R"(UPDATE "band" SET "popularity" = "band"."popularity" + ? WHERE "band"."id" <= ?)"
            R"(  [10, 2])");
  EXPECT_EQ(bump.run_sync(db).rows_affected, 2);
  EXPECT_EQ(dyn::update(band)
                .set("name", "Py")
                .set("manager", nullptr)
                .where(band["id"] == 1)
                .run_sync(db)
                .rows_affected,
            1);
  auto rows = dyn::select(band).order_by(band["id"]).run_sync(db);
  EXPECT_EQ(rows[0]["name"].as_text(), "Py");
  EXPECT_TRUE(rows[0]["manager"].is_null());
  EXPECT_EQ(rows[0]["popularity"].as_int64(), 1010);
  EXPECT_EQ(rows[2]["popularity"].as_int64(), 10);

  EXPECT_EQ(usage_error([&] { (void)dyn::update(band).set("popularity", 0).run_sync(db); }),
            R"(update of "band" has no where(): it would change every row; add .where(...) or )"
            R"(say .all_rows())");
  EXPECT_EQ(dyn::select(band).where(band["popularity"] == 0).count_sync(db), 0) << "nothing ran";
  EXPECT_EQ(dyn::update(band).set("popularity", 0).all_rows().run_sync(db).rows_affected, 3);

  auto returned = dyn::update(band)
                      .set("popularity", 99)
                      .where(band["id"] == 2)
                      .returning({band["id"], band["popularity"]})
                      .run_sync(db);
  ASSERT_EQ(returned.size(), 1u);
  EXPECT_EQ(returned[0]["popularity"].as_int64(), 99);
  EXPECT_THROW((void)dyn::update(band).set("popularity", 1).returning({band["id"]}).run_sync(db),
               UsageError);
  EXPECT_EQ(usage_error([&] { (void)dyn::update(band).set("popularty", 1); }),
            R"(table "band" has no column "popularty"; did you mean "popularity"?)");
}

TEST_P(Dynamic, DeletesOnlyWhereAsked) {
  EXPECT_EQ(usage_error([&] { (void)dyn::delete_from(ticket).run_sync(db); }),
            R"(delete of "ticket" has no where(): it would change every row; add .where(...) or )"
            R"(say .all_rows())");
  auto gone = dyn::delete_from(ticket)
                  .where(ticket["price"] < Decimal("60"))
                  .returning({ticket["id"], ticket["price"]})
                  .json_sync(db);
  EXPECT_TRUE(gone == R"([{"id":1,"price":50.00},{"id":3,"price":15.25}])" ||
              gone == R"([{"id":3,"price":15.25},{"id":1,"price":50.00}])")
      << gone;
  EXPECT_EQ(dyn::select(ticket).count_sync(db), 1);
  EXPECT_EQ(dyn::delete_from(ticket).all_rows().run_sync(db).rows_affected, 1);
  EXPECT_EQ(dyn::select(ticket).count_sync(db), 0);
}

TEST_P(Dynamic, UpsertsWithDoUpdateAndDoNothing) {
  auto m = this->manager;
  auto again =
      dyn::insert(m).values({{"id", 1}, {"name", "Guido"}}).on_conflict({"id"}).do_nothing();
  EXPECT_EQ(again.run_sync(db).rows_affected, 0);
  auto renamed = dyn::insert(m)
                     .values({{"id", 2}, {"name", "Graydon H."}})
                     .on_conflict({"id"})
                     .do_update({"name"});
  EXPECT_EQ(renamed.sql(),
            R"(INSERT INTO "manager" ("id", "name") VALUES (?, ?) ON CONFLICT ("id") DO UPDATE )"
            R"(SET "name" = "excluded"."name"  [2, 'Graydon H.'])");
  EXPECT_EQ(renamed.run_sync(db).rows_affected, 1);
  auto b = this->band;
  EXPECT_EQ(dyn::insert(b)
                .values({{"name", "Rustaceans"}, {"popularity", 5}})
                .on_conflict({"name"})
                .do_update_set("popularity", b["popularity"] + b["popularity"].excluded())
                .run_sync(db)
                .rows_affected,
            1);
  EXPECT_EQ(dyn::insert(b)
                .values({{"name", "C-Sharps"}, {"popularity", 5}})
                .on_conflict({"name"})
                .do_update_set("popularity", 77)
                .run_sync(db)
                .rows_affected,
            1);
  auto rows = dyn::select({m["name"]}).order_by(m["id"]).run_sync(db);
  EXPECT_EQ(rows[1]["name"].as_text(), "Graydon H.");
  auto bands = dyn::select(b).order_by(b["id"]).run_sync(db);
  EXPECT_EQ(bands[1]["popularity"].as_int64(), 505);
  EXPECT_EQ(bands[2]["popularity"].as_int64(), 77);
  EXPECT_EQ(dyn::select(b).count_sync(db), 3);
  EXPECT_EQ(usage_error([&] {
              (void)dyn::insert(m).values({{"name", "x"}}).on_conflict({"nme"});
            }),
            R"(table "manager" has no column "nme"; did you mean "name"?)");
}

TEST_P(Dynamic, NamesUnknownTablesAndColumnsWithTheClosest) {
  EXPECT_EQ(usage_error([&] { (void)schema.table("bands"); }),
            R"(the schema has no table "bands"; did you mean "band"?)");
  EXPECT_EQ(usage_error([&] { (void)schema.table("xyzzy"); }),
            R"(the schema has no table "xyzzy")");
  EXPECT_EQ(usage_error([&] { (void)band.column("popularty"); }),
            R"(table "band" has no column "popularty"; did you mean "popularity"?)");
  EXPECT_EQ(usage_error([&] { (void)band["manager"].follow()["nam"]; }),
            R"(table "manager" has no column "nam"; did you mean "name"?)");
  EXPECT_EQ(usage_error([&] {
              (void)dyn::insert(band).values({{"nmae", "x"}});
            }),
            R"(table "band" has no column "nmae"; did you mean "name"?)");
  auto row = dyn::select(band).first_sync(db);
  ASSERT_TRUE(row);
  EXPECT_EQ(usage_error([&] { (void)(*row)["popularty"]; }),
            R"(the row has no column "popularty"; did you mean "popularity"?)");
}

TEST_P(Dynamic, RunsInTransactionsAndRollsBackOnThrow) {
  db.transaction_sync([&](Transaction& tx) {
    dyn::insert(manager).values({{"name", "Ada"}}).run_sync(tx);
    EXPECT_EQ(dyn::select(manager).count_sync(tx), 3);
  });
  EXPECT_EQ(dyn::select(manager).count_sync(db), 3);
  EXPECT_THROW(db.transaction_sync([&](Transaction& tx) {
    dyn::update(band).set("popularity", 0).all_rows().run_sync(tx);
    dyn::insert(band).values({{"name", "Pythonistas"}}).run_sync(tx);  // unique violation
  }),
               UniqueViolation);
  EXPECT_EQ(dyn::select(band).where(band["popularity"] == 0).count_sync(db), 0) << "rolled back";
  EXPECT_THROW(dyn::insert(band).values({{"name", "Orphans"}, {"manager", 99}}).run_sync(db),
               ForeignKeyViolation);
}

TEST_P(Dynamic, AwaitsLikeTheTypedApi) {
  auto task = [&]() -> Task<std::string> {
    auto inserted = dyn::insert(band).values({{"name", "Async"}, {"popularity", 3}});
    ExecResult r = co_await inserted.run(db);
    auto q = dyn::select({band["name"]}).where(band["id"] == r.last_insert_id);
    std::vector<DynamicRow> rows = co_await q.run(db);
    std::optional<DynamicRow> first = co_await q.first(db);
    auto all = dyn::select(band);
    std::int64_t n = co_await all.count(db);
    bool any = co_await q.exists(db);
    auto bump = dyn::update(band).set("popularity", 4).where(band["name"] == "Async");
    co_await bump.run(db);
    auto gone =
        dyn::delete_from(band).where(band["name"] == "Async").returning({band["popularity"]});
    std::vector<DynamicRow> deleted = co_await gone.run(db);
    std::string json = co_await q.json(db);
    co_return fmt::format("{} {} {} {} {} {}", rows.at(0)["name"].as_text(),
                          (*first)["name"].as_text(), n, any, deleted.at(0)[0].as_int64(), json);
  };
  EXPECT_EQ(run_sync(task()), "Async Async 4 true 4 []");
}

/// A table whose every name is hostile.
TableSchema hostile_table(std::string name) {
  TableSchema t;
  t.name = std::move(name);
  t.columns.push_back(qt::make_column("id", TypeKind::int64, true));
  t.columns.push_back(qt::make_column("na\"me; DROP TABLE band; --", TypeKind::text));
  t.columns.push_back(qt::make_column("/* c */ x' OR '1'='1", TypeKind::int64));
  t.columns[2].nullable = true;
  t.primary_key = {"id"};
  return t;
}

TEST_P(Dynamic, QuotesHostileIdentifiersAndNeverRunsThem) {
  std::vector<std::string> names = {"we\"ird; DROP TABLE band; --", std::string(200, 'L'),
                                    "caf\xc3\xa9 \xf0\x9f\x98\x80"};
  if (on_sqlite()) names.push_back("invalid \xff utf-8");
  for (const auto& name : names) {
    SCOPED_TRACE(name.substr(0, 40));
    quarry::Schema s;
    s.tables = {hostile_table(name)};
    // (PostgreSQL truncates identifiers to 63 bytes, in CREATE TABLE and in
    // queries alike: the long name reaches the same, truncated, table.)
    create_tables_sync(db, s);
    dyn::Schema hs(s);
    auto t = hs.table(name);
    auto weird = t.columns()[1];
    auto other = t.columns()[2];
    auto id = dyn::insert(t)
                  .values({{weird.name(), "'; DROP TABLE band; --"}, {other.name(), 5}})
                  .run_sync(db)
                  .last_insert_id;
    auto rows =
        dyn::select(t).where(weird == "'; DROP TABLE band; --" && other.is_not_null()).run_sync(db);
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][weird.name()].as_text(), "'; DROP TABLE band; --");
    EXPECT_EQ(rows[0]["id"].as_int64(), id);
    EXPECT_EQ(
        dyn::update(t).set(other.name(), other + 1).where(t["id"] == id).run_sync(db).rows_affected,
        1);
    EXPECT_EQ(dyn::delete_from(t).where(other == 6).run_sync(db).rows_affected, 1);
    drop_tables_sync(db, s);
  }
  if (on_postgres()) {
    quarry::Schema s;
    s.tables = {hostile_table("invalid \xff utf-8")};
    EXPECT_ANY_THROW(create_tables_sync(db, s)) << "PostgreSQL refuses invalid UTF-8";
  }
  // NUL cannot be quoted: rejected before anything runs.
  quarry::Schema nul;
  nul.tables = {hostile_table("band\0; DROP TABLE band"s)};
  dyn::Table t(nul, "band\0; DROP TABLE band"s);
  EXPECT_THROW((void)dyn::select(t).run_sync(db), UsageError);
  EXPECT_THROW((void)dyn::select(t).sql(), UsageError);
  EXPECT_EQ(usage_error([&] { (void)schema.table("band\"; DROP TABLE band; --"); }),
            R"(the schema has no table "band"; DROP TABLE band; --")")
      << "a name not in the Schema never reaches SQL";
  EXPECT_EQ(dyn::select(band).count_sync(db), 3);
  EXPECT_EQ(dyn::select(manager).count_sync(db), 2);
}

TEST_P(Dynamic, RefusesWritesThroughForeignKeysAndViews) {
  EXPECT_EQ(usage_error([&] { (void)dyn::insert(band["manager"].follow()); }),
            R"(insert into "manager" reached through a foreign key: insert into the table itself )"
            R"((schema.table("manager")))");
  EXPECT_THROW((void)dyn::update(band)
                   .set("popularity", 1)
                   .where(band["manager"].follow()["name"] == "Guido")
                   .run_sync(db),
               UsageError);
}

TEST_P(Dynamic, QueriesAReflectedSchemaAsItQueriesTheModels) {
  dyn::Schema live(reflect_sync(db));
  auto b = live.table("band");
  const auto& tb = typed::band;
  auto q = dyn::select({b["name"], b["popularity"], b["manager"].follow()["name"]})
               .where(b["popularity"] > 100)
               .order_by(b["id"]);
  auto typed_q =
      select(tb.name, tb.popularity, tb.manager->name).where(tb.popularity > 100).order_by(tb.id);
  EXPECT_EQ(q.sql(), typed_q.sql());
  EXPECT_EQ(q.json_sync(db), typed_q.json_sync(db));
  auto made = dyn::insert(b).values({{"name", "Reflected"}, {"popularity", 1}}).run_sync(db);
  EXPECT_EQ(made.last_insert_id, 4) << "the reflected key is still the generated one";
  auto t = live.table("ticket");
  auto dear = dyn::select({t["id"]}).where(t["price"] > "100").run_sync(db);
  ASSERT_EQ(dear.size(), 1u) << "the reflected decimal compares as a number";
  EXPECT_EQ(dear[0]["id"].as_int64(), 2);
  EXPECT_EQ(usage_error([&] { (void)(b["popularity"] == "many"); }),
            R"("band"."popularity" is integer; 'many' is text)");
  EXPECT_EQ(usage_error([&] { (void)live.table("bnd"); }),
            R"(the schema has no table "bnd"; did you mean "band"?)");
}

QT_INSTANTIATE_FOR_BACKENDS(Dynamic);

}  // namespace
