// Golden SQL: what the compiler writes for each construct, for SQLite (?)
// and PostgreSQL ($1), with the bound values in placeholder order. Statements
// that SQLite can run are also run once, so the golden text is known valid.
#include <gtest/gtest.h>

#include <quarry/quarry.hpp>

#include "support/db.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace playground;
using qt::everything;

const sql::Dialect& pg() {
  return sql::postgresql_dialect();
}

std::vector<Value> vals(std::initializer_list<Value> v) {
  return v;
}

TEST(Compiler, WritesAPlainSelectWithQuotedIdentifiersAndPlaceholders) {
  auto q = select(band.name).where(band.popularity > 100);
  auto c = q.compile();
  EXPECT_EQ(c.sql, R"(SELECT "band"."name" FROM "band" WHERE "band"."popularity" > ?)");
  EXPECT_EQ(c.params, vals({std::int64_t{100}})) << "the literal is bound, not spliced";
  EXPECT_EQ(q.compile(pg()).sql,
            R"(SELECT "band"."name" FROM "band" WHERE "band"."popularity" > $1)");
}

TEST(Compiler, NumbersPostgresPlaceholdersInTextOrder) {
  auto q = select(band.name)
               .where(band.popularity.between(10, 20) && band.name.like("P%"))
               .limit(5)
               .offset(2);
  auto c = q.compile(pg());
  EXPECT_EQ(c.sql,
            R"(SELECT "band"."name" FROM "band" WHERE "band"."popularity" BETWEEN $1 AND $2 )"
            R"(AND "band"."name" LIKE $3 LIMIT $4 OFFSET $5)");
  EXPECT_EQ(c.params, vals({std::int64_t{10}, std::int64_t{20}, std::string("P%"), std::int64_t{5},
                            std::int64_t{2}}));
}

TEST(Compiler, ParenthesisesOrInsideAnd) {
  auto q = select(band.id).where((band.popularity > 1 || band.name == "x") && band.id == 2);
  EXPECT_EQ(q.compile().sql,
            R"(SELECT "band"."id" FROM "band" WHERE ("band"."popularity" > ? OR "band"."name" = ?))"
            R"( AND "band"."id" = ?)");
}

TEST(Compiler, LeavesAndInsideOrUnparenthesised) {
  auto q = select(band.id).where(band.popularity > 1 || (band.name == "x" && band.id == 2));
  EXPECT_EQ(q.compile().sql,
            R"(SELECT "band"."id" FROM "band" WHERE "band"."popularity" > ? OR "band"."name" = ?)"
            R"( AND "band"."id" = ?)")
      << "AND binds tighter than OR in SQL: no parentheses are needed";
}

TEST(Compiler, AndsSuccessiveWhereCallsKeepingOrGrouped) {
  auto q = select(band.id).where(band.id == 1 || band.id == 2).where(band.popularity > 3);
  EXPECT_EQ(q.compile().sql,
            R"(SELECT "band"."id" FROM "band" WHERE ("band"."id" = ? OR "band"."id" = ?))"
            R"( AND "band"."popularity" > ?)");
}

TEST(Compiler, ParenthesisesTheRightOperandOfSubtractionAndMultiplication) {
  auto q = select((band.popularity + 1) * 2, band.popularity - (band.popularity - 1),
                  band.popularity - band.popularity - 1, band.popularity % 7);
  EXPECT_EQ(
      q.compile().sql,
      R"(SELECT ("band"."popularity" + ?) * ?, "band"."popularity" - ("band"."popularity" - ?),)"
      R"( "band"."popularity" - "band"."popularity" - ?, "band"."popularity" % ? FROM "band")");
}

TEST(Compiler, WritesNotAroundConditions) {
  EXPECT_EQ(select(band.id).where(!(band.popularity > 1)).compile().sql,
            R"(SELECT "band"."id" FROM "band" WHERE NOT "band"."popularity" > ?)");
  EXPECT_EQ(select(band.id).where(!(band.id == 1 || band.id == 2)).compile().sql,
            R"(SELECT "band"."id" FROM "band" WHERE NOT ("band"."id" = ? OR "band"."id" = ?))");
}

TEST(Compiler, WritesIsNullAndIsNotNull) {
  EXPECT_EQ(select(band.id).where(band.manager.is_null()).compile().sql,
            R"(SELECT "band"."id" FROM "band" WHERE "band"."manager" IS NULL)");
  EXPECT_EQ(
      select(band.id).where(band.manager.is_not_null() && band.id > 0).compile().sql,
      R"(SELECT "band"."id" FROM "band" WHERE "band"."manager" IS NOT NULL AND "band"."id" > ?)");
}

TEST(Compiler, WritesInListsWithOnePlaceholderPerValue) {
  auto c = select(band.id).where(band.id.in_({1, 2, 3})).compile(pg());
  EXPECT_EQ(c.sql, R"(SELECT "band"."id" FROM "band" WHERE "band"."id" IN ($1, $2, $3))");
  EXPECT_EQ(c.params.size(), 3u);
  EXPECT_EQ(select(band.id).where(band.name.not_in({"a", "b"})).compile().sql,
            R"(SELECT "band"."id" FROM "band" WHERE "band"."name" NOT IN (?, ?))");
}

TEST(Compiler, WritesAnEmptyInListAsAlwaysFalseAndEmptyNotInAsAlwaysTrue) {
  auto in_empty = select(band.id).where(band.id.in_(std::vector<std::int64_t>{})).compile();
  EXPECT_EQ(in_empty.sql, R"(SELECT "band"."id" FROM "band" WHERE 1 = 0)");
  EXPECT_TRUE(in_empty.params.empty());
  EXPECT_EQ(select(band.id).where(band.id.not_in(std::vector<std::int64_t>{})).compile().sql,
            R"(SELECT "band"."id" FROM "band" WHERE 1 = 1)");

  auto db = qt::memory_db();
  qt::seed_playground(db);
  EXPECT_TRUE(select(band.id).where(band.id.in_(std::vector<std::int64_t>{})).run_sync(db).empty());
  EXPECT_EQ(select(band.id).where(band.id.not_in(std::vector<std::int64_t>{})).run_sync(db).size(),
            3u);
}

TEST(Compiler, BindsTheValuesOfAVectorInList) {
  const std::vector<std::int64_t> ids{3, 1};
  auto c = select(band.id).where(band.id.not_in(ids)).compile();
  EXPECT_EQ(c.sql, R"(SELECT "band"."id" FROM "band" WHERE "band"."id" NOT IN (?, ?))");
  ASSERT_EQ(c.params.size(), 2u);
  EXPECT_EQ(c.params[0], Value(std::int64_t{3}));
  EXPECT_EQ(c.params[1], Value(std::int64_t{1}));

  auto db = qt::memory_db();
  qt::seed_playground(db);
  EXPECT_EQ(select(band.id).where(band.id.in_(ids)).order_by(band.id).values_sync(db),
            (std::vector<std::int64_t>{1, 3}));
}

TEST(Compiler, WritesInSubqueryWithItsOwnFromTable) {
  auto q = select(band.name).where(band.id.in_(select(concert.band_1).where(concert.venue == 1)));
  auto c = q.compile(pg());
  EXPECT_EQ(c.sql, R"(SELECT "band"."name" FROM "band" WHERE "band"."id" IN )"
                   R"((SELECT "concert"."band_1" FROM "concert" WHERE "concert"."venue" = $1))");
  EXPECT_EQ(c.params, vals({std::int64_t{1}}));
}

TEST(Compiler, WritesCorrelatedExistsSeeingTheOuterTable) {
  auto q = select(band.name).where(exists(select(concert.id).where(concert.band_1 == band.id)));
  EXPECT_EQ(q.compile().sql,
            R"(SELECT "band"."name" FROM "band" WHERE EXISTS (SELECT "concert"."id" FROM "concert")"
            R"( WHERE "concert"."band_1" = "band"."id"))");
  auto n = select(band.name).where(not_exists(select(concert.id).where(concert.band_1 == band.id)));
  EXPECT_NE(n.compile().sql.find("WHERE NOT EXISTS (SELECT"), std::string::npos);
}

TEST(Compiler, WritesBetween) {
  auto c = select(band.id).where(band.popularity.between(1, 9)).compile();
  EXPECT_EQ(c.sql, R"(SELECT "band"."id" FROM "band" WHERE "band"."popularity" BETWEEN ? AND ?)");
  EXPECT_EQ(c.params, vals({std::int64_t{1}, std::int64_t{9}}));
}

TEST(Compiler, WritesIlikeAsLowerLikeLowerOnSqliteAndIlikeOnPostgres) {
  auto q = select(band.id).where(band.name.ilike("py%"));
  EXPECT_EQ(q.compile().sql,
            R"(SELECT "band"."id" FROM "band" WHERE lower("band"."name") LIKE lower(?))");
  EXPECT_EQ(q.compile(pg()).sql, R"(SELECT "band"."id" FROM "band" WHERE "band"."name" ILIKE $1)");
  auto n = select(band.id).where(band.name.not_ilike("py%"));
  EXPECT_EQ(n.compile().sql,
            R"(SELECT "band"."id" FROM "band" WHERE lower("band"."name") NOT LIKE lower(?))");
  EXPECT_EQ(n.compile(pg()).sql,
            R"(SELECT "band"."id" FROM "band" WHERE "band"."name" NOT ILIKE $1)");
  EXPECT_EQ(select(band.id).where(band.name.not_like("x")).compile().sql,
            R"(SELECT "band"."id" FROM "band" WHERE "band"."name" NOT LIKE ?)");
}

TEST(Compiler, LikeIsCaseSensitiveAndIlikeIsNotOnSqlite) {
  auto db = qt::memory_db();
  qt::seed_playground(db);
  EXPECT_TRUE(select(band.name).where(band.name.like("py%")).run_sync(db).empty())
      << "LIKE matches case as PostgreSQL does";
  EXPECT_EQ(select(band.name).where(band.name.ilike("py%")).run_sync(db),
            std::vector<std::string>{"Pythonistas"});
}

TEST(Compiler, WritesConcatenationAsDoublePipe) {
  auto c = select(band.name + "!" + band.name).compile();
  EXPECT_EQ(c.sql, R"(SELECT "band"."name" || ? || "band"."name" FROM "band")");
  EXPECT_EQ(c.params, vals({std::string("!")}));
}

TEST(Compiler, WritesFunctionsAndAggregates) {
  auto q = select(lower(band.name), upper(band.name), count(), count(band.manager),
                  count_distinct(band.manager), sum(band.popularity), avg(band.popularity),
                  min(band.popularity), max(band.popularity), coalesce(band.manager, 0));
  EXPECT_EQ(
      q.compile().sql,
      R"(SELECT lower("band"."name"), upper("band"."name"), count(*), count("band"."manager"),)"
      R"( count(DISTINCT "band"."manager"), sum("band"."popularity"), avg("band"."popularity"),)"
      R"( min("band"."popularity"), max("band"."popularity"), coalesce("band"."manager", ?))"
      R"( FROM "band")");
}

TEST(Compiler, WritesAliasesQuoted) {
  EXPECT_EQ(select(band.name.as("the name"), count().as("n")).from(band).compile().sql,
            R"(SELECT "band"."name" AS "the name", count(*) AS "n" FROM "band")");
}

TEST(Compiler, WritesGroupByHavingOrderByDistinct) {
  auto q = select(band.manager, count())
               .group_by(band.manager)
               .having(count() > 1)
               .order_by(band.manager.desc(), band.name);
  EXPECT_EQ(q.compile().sql,
            R"(SELECT "band"."manager", count(*) FROM "band" GROUP BY "band"."manager")"
            R"( HAVING count(*) > ? ORDER BY "band"."manager" DESC, "band"."name")");
  EXPECT_EQ(select(band.manager).distinct().compile().sql,
            R"(SELECT DISTINCT "band"."manager" FROM "band")");
}

TEST(Compiler, WritesExplicitJoins) {
  auto q = select(band.name, manager.name).join(manager, manager.id == band.manager);
  EXPECT_EQ(q.compile().sql, R"(SELECT "band"."name", "manager"."name" FROM "band" JOIN "manager")"
                             R"( ON "manager"."id" = "band"."manager")");
  auto l = select(band.name, manager.name).left_join(manager, manager.id == band.manager);
  EXPECT_EQ(l.compile().sql,
            R"(SELECT "band"."name", "manager"."name" FROM "band" LEFT JOIN "manager")"
            R"( ON "manager"."id" = "band"."manager")");
}

TEST(Compiler, TraversesAForeignKeyWithOneAliasedLeftJoin) {
  auto q = select(band.name, band.manager->name).where(band.manager->name == "Guido");
  auto c = q.compile(pg());
  EXPECT_EQ(c.sql,
            R"(SELECT "band"."name", "band$manager"."name" FROM "band")"
            R"( LEFT JOIN "manager" AS "band$manager" ON "band$manager"."id" = "band"."manager")"
            R"( WHERE "band$manager"."name" = $1)");
  EXPECT_EQ(c.params, vals({std::string("Guido")}));
}

TEST(Compiler, TraversesForeignKeysTwoLevelsDeepJoiningEachStepOnce) {
  auto q = select(concert.band_1->name, concert.band_1->manager->name, concert.venue->name);
  EXPECT_EQ(
      q.compile().sql,
      R"(SELECT "concert$band_1"."name", "concert$band_1$manager"."name", "concert$venue"."name")"
      R"( FROM "concert")"
      R"( LEFT JOIN "band" AS "concert$band_1" ON "concert$band_1"."id" = "concert"."band_1")"
      R"( LEFT JOIN "manager" AS "concert$band_1$manager")"
      R"( ON "concert$band_1$manager"."id" = "concert$band_1"."manager")"
      R"( LEFT JOIN "venue" AS "concert$venue" ON "concert$venue"."id" = "concert"."venue")");
}

TEST(Compiler, KeepsTwoTraversalsOfTheSameTableApart) {
  auto q = select(concert.band_1->name, concert.band_2->name);
  std::string s = q.compile().sql;
  EXPECT_NE(s.find(R"(LEFT JOIN "band" AS "concert$band_1")"), std::string::npos) << s;
  EXPECT_NE(s.find(R"(LEFT JOIN "band" AS "concert$band_2")"), std::string::npos) << s;
}

TEST(Compiler, WritesRawFragmentsParenthesisedWithTheirOwnValues) {
  auto q = select(band.id).where(band.id > 0 && raw("length(?) > ?", "abc", 2));
  auto c = q.compile(pg());
  EXPECT_EQ(c.sql,
            R"(SELECT "band"."id" FROM "band" WHERE "band"."id" > $1 AND (length($2) > $3))");
  EXPECT_EQ(c.params, vals({std::int64_t{0}, std::string("abc"), std::int64_t{2}}));
}

TEST(Compiler, LeavesQuestionMarksInsideQuotedRawTextAlone) {
  auto c = select(band.id).where(raw("\"band\".\"name\" <> 'what?' AND ? = 1", 1)).compile(pg());
  EXPECT_EQ(c.sql, R"(SELECT "band"."id" FROM "band" WHERE ("band"."name" <> 'what?' AND $1 = 1))");
}

TEST(Compiler, RejectsARawFragmentWhosePlaceholdersAndValuesDiffer) {
  try {
    (void)raw("a = ? AND b = ?", 1);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("2 placeholder(s) but 1 value(s)"), std::string::npos) << m;
    EXPECT_NE(m.find("a = ? AND b = ?"), std::string::npos) << "names the fragment: " << m;
  }
  EXPECT_THROW((void)raw("no placeholders", 1), UsageError);
}

TEST(Compiler, QuotesIdentifiersDoublingEmbeddedQuotes) {
  sql::SelectStmt s;
  s.from = "we\"ird";
  s.columns = {sql::column("we\"ird", "na\"me"), sql::column("we\"ird", "semi;colon")};
  EXPECT_EQ(sql::compile(sql::sqlite_dialect(), s).sql,
            R"(SELECT "we""ird"."na""me", "we""ird"."semi;colon" FROM "we""ird")");
  EXPECT_EQ(sql::compile(pg(), s).sql,
            R"(SELECT "we""ird"."na""me", "we""ird"."semi;colon" FROM "we""ird")");
}

TEST(Compiler, RejectsANulInAnIdentifierNamingTheVisiblePart) {
  using namespace std::string_view_literals;
  sql::SelectStmt s;
  s.from = "band";
  s.columns = {sql::column("band", "na\0me"sv)};
  try {
    (void)sql::compile(sql::sqlite_dialect(), s);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("NUL"), std::string::npos) << m;
    EXPECT_NE(m.find("\"na\""), std::string::npos) << m;
  }
  sql::SelectStmt empty;
  empty.from = "band";
  empty.columns = {sql::column("band", "")};
  EXPECT_THROW((void)sql::compile(sql::sqlite_dialect(), empty), UsageError);
}

TEST(Compiler, RejectsAColumnOfATableTheQueryDoesNotSelectFromNamingIt) {
  auto q = select(band.name).where(manager.name == "x");
  try {
    (void)q.compile();
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find(R"("manager"."name")"), std::string::npos) << m;
    EXPECT_NE(m.find(".join(manager"), std::string::npos) << "suggests the fix: " << m;
  }
}

TEST(Compiler, WritesLimitAndOffsetAsBoundValues) {
  auto c = select(band.id).limit(10).offset(5).compile();
  EXPECT_EQ(c.sql, R"(SELECT "band"."id" FROM "band" LIMIT ? OFFSET ?)");
  EXPECT_EQ(c.params, vals({std::int64_t{10}, std::int64_t{5}}));
}

TEST(Compiler, WritesOffsetAloneWithTheDialectsNoLimit) {
  auto q = select(band.id).offset(5);
  EXPECT_EQ(q.compile().sql, R"(SELECT "band"."id" FROM "band" LIMIT -1 OFFSET ?)");
  EXPECT_EQ(q.compile(pg()).sql, R"(SELECT "band"."id" FROM "band" LIMIT ALL OFFSET $1)");
}

TEST(Compiler, WritesASubqueryAsAValue) {
  auto q = select(band.name).where(band.popularity > subquery(select(avg(band.popularity))));
  EXPECT_EQ(q.compile().sql, R"(SELECT "band"."name" FROM "band" WHERE "band"."popularity" > )"
                             R"((SELECT avg("band"."popularity") FROM "band"))");
}

TEST(Compiler, WritesUpsertDoNothing) {
  auto i = insert(manager).values(Manager{0, "Guido"}).on_conflict(manager.name).do_nothing();
  EXPECT_EQ(
      i.sql(),
      R"(INSERT INTO "manager" ("name") VALUES (?) ON CONFLICT ("name") DO NOTHING  ['Guido'])")
      << "an auto-increment key left at 0 is left to the database";
}

TEST(Compiler, WritesUpsertDoUpdateFromExcluded) {
  auto i = insert(band)
               .values(Band{0, "X", std::nullopt, 5})
               .on_conflict(band.name)
               .do_update(band.popularity, band.manager);
  EXPECT_EQ(i.sql(pg()),
            R"(INSERT INTO "band" ("name", "manager", "popularity") VALUES ($1, $2, $3))"
            R"( ON CONFLICT ("name") DO UPDATE SET "popularity" = "excluded"."popularity",)"
            R"( "manager" = "excluded"."manager" RETURNING "id"  ['X', NULL, 5])");
  auto s = insert(band)
               .set(band.name, "X")
               .set(band.popularity, 5)
               .on_conflict(band.name)
               .do_update_set(band.popularity, band.popularity + excluded(band.popularity));
  EXPECT_EQ(
      s.sql(),
      R"(INSERT INTO "band" ("name", "popularity") VALUES (?, ?) ON CONFLICT ("name"))"
      R"( DO UPDATE SET "popularity" = "band"."popularity" + "excluded"."popularity"  ['X', 5])");
}

TEST(Compiler, RejectsDoUpdateWithoutConflictColumns) {
  auto i = insert(band).values(Band{0, "X", std::nullopt, 5}).do_update(band.popularity);
  EXPECT_THROW((void)i.sql(), UsageError);
}

TEST(Compiler, WritesDefaultValuesForAnInsertWithNothingSet) {
  EXPECT_EQ(insert(venue).sql(), R"(INSERT INTO "venue" DEFAULT VALUES)");
}

TEST(Compiler, WritesUpdateAndDelete) {
  auto u = update(band).set(band.popularity, band.popularity + 10).where(band.id == 1);
  EXPECT_EQ(
      u.sql(),
      R"(UPDATE "band" SET "popularity" = "band"."popularity" + ? WHERE "band"."id" = ?  [10, 1])");
  EXPECT_EQ(
      u.sql(pg()),
      R"(UPDATE "band" SET "popularity" = "band"."popularity" + $1 WHERE "band"."id" = $2  [10, 1])");
  auto d = delete_from(band).where(band.name == "it's");
  EXPECT_EQ(d.sql(), R"(DELETE FROM "band" WHERE "band"."name" = ?  ['it''s'])");
  EXPECT_EQ(delete_from(band).all_rows().sql(), R"(DELETE FROM "band")");
}

TEST(Compiler, RejectsAForeignKeyTraversalInAnUpdatesWhere) {
  auto u = update(band).set(band.popularity, 1).where(band.manager->name == "Guido");
  try {
    (void)u.sql();
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("cannot traverse a foreign key"), std::string::npos) << m;
    EXPECT_NE(m.find("in_(select"), std::string::npos) << "suggests the fix: " << m;
  }
  EXPECT_THROW((void)delete_from(band).where(band.manager->name == "x").sql(), UsageError);
}

TEST(Compiler, RejectsAnUpdateThatSetsNothing) {
  EXPECT_THROW((void)update(band).where(band.id == 1).sql(), UsageError);
}

TEST(Compiler, DisplayShowsEveryKindOfValue) {
  sql::SelectStmt s;
  s.columns = {sql::value(Value(std::int64_t{3})),
               sql::value(Value(2.5)),
               sql::value(Value(1.0)),
               sql::value(Value(std::string("it's"))),
               sql::value(Value()),
               sql::value(Value(qt::bytes({0x00, 0xff})))};
  auto c = sql::compile(sql::sqlite_dialect(), s);
  EXPECT_EQ(c.sql, "SELECT ?, ?, ?, ?, ?, ?");
  EXPECT_EQ(c.display(), "SELECT ?, ?, ?, ?, ?, ?  [3, 2.5, 1.0, 'it''s', NULL, x'00ff']");
}

TEST(Compiler, DisplayCutsLongValues) {
  std::string big(5000, 'a');
  auto d = select(band.id).where(band.name == big).sql();
  EXPECT_LT(d.size(), 400u) << "a long value must not bury the statement";
  EXPECT_NE(d.find("'..."), std::string::npos) << d;
}

TEST(Compiler, CompileInlineQuotesLiteralsForDdl) {
  auto e = (band.name == "it's") || (band.popularity > 2.0);
  EXPECT_EQ(sql::compile_inline(sql::sqlite_dialect(), e.to_expr()),
            R"("name" = 'it''s' OR "popularity" > 2.0)");
  std::string out;
  sql::append_literal(out, Value(qt::bytes({0xde, 0xad})));
  EXPECT_EQ(out, "X'dead'");
  using namespace std::string_literals;
  std::string nul;
  EXPECT_THROW(sql::append_literal(nul, Value("a\0b"s)), UsageError);
}

TEST(Compiler, NegatesExpressionsAndRunsDoubleNegation) {
  EXPECT_EQ(select(-band.popularity).compile().sql, R"(SELECT -"band"."popularity" FROM "band")");
  EXPECT_EQ(select(-(band.popularity - 1)).compile().sql,
            R"(SELECT -("band"."popularity" - ?) FROM "band")");
  auto db = qt::memory_db();
  qt::seed_playground(db);
  auto q = select(-(-band.popularity)).where(band.id == 1);
  EXPECT_EQ(q.compile().sql, R"(SELECT -(-"band"."popularity") FROM "band" WHERE "band"."id" = ?)");
  EXPECT_EQ(q.run_sync(db), std::vector<std::int32_t>{1000});
  EXPECT_EQ(select(-(-(-band.popularity))).where(band.id == 1).run_sync(db),
            std::vector<std::int32_t>{-1000});
  EXPECT_EQ(select(band.popularity - -band.popularity).where(band.id == 1).run_sync(db),
            std::vector<std::int32_t>{2000});
}

TEST(Compiler, NegatesANegativeLiteralInlinedIntoDdlWithoutStartingAComment) {
  auto e = -constant(-5) < band.popularity;
  EXPECT_EQ(sql::compile_inline(sql::sqlite_dialect(), e.to_expr()), R"(-(-5) < "popularity")");
  auto db = qt::memory_db();
  auto rows = qt::query_rows(
      db, "SELECT " + sql::compile_inline(sql::sqlite_dialect(), (-constant(-5)).to_expr()));
  EXPECT_EQ(rows.at(0).at(0).as_int64(), 5);
}

TEST(Compiler, CastsTypedAggregatesBackToTheirCppTypeOnlyOnPostgres) {
  auto q = select(avg(everything.big), sum(everything.big), sum(everything.price));
  EXPECT_EQ(q.sql(),
            R"(SELECT avg("everything"."big"), sum("everything"."big"), sum("everything"."price"))"
            R"( FROM "everything")")
      << "SQLite's avg is REAL and its integer sum INTEGER already";
  EXPECT_EQ(q.sql(pg()), R"(SELECT CAST(avg("everything"."big") AS DOUBLE PRECISION),)"
                         R"( CAST(sum("everything"."big") AS BIGINT), sum("everything"."price"))"
                         R"( FROM "everything")")
      << "PostgreSQL's avg of integers and sum of BIGINT are NUMERIC; a decimal sum stays exact";
}

TEST(Compiler, ReturnsTheGeneratedKeyOfAnInsertOnlyOnPostgres) {
  auto i = insert(manager).values(Manager{0, "Guido"});
  EXPECT_EQ(i.sql(), R"(INSERT INTO "manager" ("name") VALUES (?)  ['Guido'])")
      << "SQLite reports the new rowid itself";
  EXPECT_EQ(i.sql(pg()), R"(INSERT INTO "manager" ("name") VALUES ($1) RETURNING "id"  ['Guido'])")
      << "PostgreSQL has no last-insert rowid: RETURNING reports the key";
  EXPECT_EQ(insert(qt::setting).values(qt::Setting{"k", "v"}).sql(pg()),
            R"(INSERT INTO "setting" ("key", "value") VALUES ($1, $2)  ['k', 'v'])")
      << "a table without an auto-increment key returns nothing";
}

TEST(Compiler, CastsDecimalsWhereTheyAreComparedOnlyOnSqlite) {
  auto q = select(ticket.price, min(ticket.price))
               .where(ticket.price.between(Decimal("1"), 5) && ticket.price.in_({Decimal("2")}) &&
                      coalesce(ticket.price, Decimal("0")) != ticket.id)
               .group_by(ticket.price)
               .order_by(ticket.price.desc());
  EXPECT_EQ(q.compile().sql,
            R"(SELECT "ticket"."price", min(CAST("ticket"."price" AS NUMERIC)) FROM "ticket" )"
            R"(WHERE CAST("ticket"."price" AS NUMERIC) BETWEEN CAST(? AS NUMERIC) AND ? AND )"
            R"(CAST("ticket"."price" AS NUMERIC) IN (CAST(? AS NUMERIC)) AND )"
            R"(CAST(coalesce("ticket"."price", ?) AS NUMERIC) <> "ticket"."id" GROUP BY )"
            R"("ticket"."price" ORDER BY CAST("ticket"."price" AS NUMERIC) DESC)");
  EXPECT_EQ(
      q.compile(sql::postgresql_dialect()).sql,
      R"(SELECT "ticket"."price", min("ticket"."price") FROM "ticket" WHERE "ticket"."price" )"
      R"(BETWEEN $1 AND $2 AND "ticket"."price" IN ($3) AND coalesce("ticket"."price", $4) )"
      R"(<> "ticket"."id" GROUP BY "ticket"."price" ORDER BY "ticket"."price" DESC)");
  EXPECT_EQ(select(ticket.id).where(ticket.id > 2).order_by(ticket.id).compile().sql,
            R"(SELECT "ticket"."id" FROM "ticket" WHERE "ticket"."id" > ? ORDER BY "ticket"."id")")
      << "other types are never cast";
  EXPECT_EQ(sql::compile_inline(sql::sqlite_dialect(), (everything.price >= 0).to_expr()),
            R"(CAST("price" AS NUMERIC) >= 0)")
      << "a CHECK on a decimal compares numerically too";
}

TEST(Compiler, CompilesASubqueryInFrom) {
  auto inner = std::make_shared<sql::SelectStmt>(
      select(band.name, band.manager->name).where(band.id > 1).limit(3).statement());
  sql::SelectStmt outer;
  outer.columns = {sql::function("count", {sql::star()})};
  outer.from = "sub";
  outer.from_select = inner;
  outer.where = sql::binary(sql::BinaryOp::gt, sql::value(Value(std::int64_t{1})),
                            sql::value(Value(std::int64_t{0})));
  auto c = sql::compile(sql::postgresql_dialect(), outer);
  EXPECT_EQ(c.sql,
            R"(SELECT count(*) FROM (SELECT "band"."name", "band$manager"."name" FROM "band" )"
            R"(LEFT JOIN "manager" AS "band$manager" ON "band$manager"."id" = "band"."manager" )"
            R"(WHERE "band"."id" > $1 LIMIT $2) AS "sub" WHERE $3 > $4)");
  EXPECT_EQ(c.params.size(), 4u);
}

TEST(Compiler, CompilesReturningAndRefusesAForeignKeyThere) {
  sql::UpdateStmt u;
  u.table = "band";
  u.set = {{"popularity", sql::value(Value(std::int64_t{1}))}};
  u.returning = {band.id.to_expr(), (band.popularity + 1).to_expr()};
  EXPECT_EQ(sql::compile(sql::sqlite_dialect(), u).sql,
            R"(UPDATE "band" SET "popularity" = ? RETURNING "band"."id", "band"."popularity" + ?)");
  u.returning = {band.manager->name.to_expr()};
  try {
    (void)sql::compile(sql::sqlite_dialect(), u);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("RETURNING cannot traverse a foreign key"),
              std::string::npos)
        << e.what();
  }
}

TEST(Compiler, DisplaysFrozenParamSlotsByNumber) {
  auto q = select(band.name).where(band.id == param<std::int64_t>(1) && band.popularity > 3 &&
                                   band.name != param<std::string>(0));
  EXPECT_EQ(q.compile().display(),
            R"(SELECT "band"."name" FROM "band" WHERE "band"."id" = ? AND "band"."popularity" > ? )"
            R"(AND "band"."name" <> ?  [param(1), 3, param(0)])");
  EXPECT_EQ(q.freeze().sql(), q.compile().display());
}

TEST(Compiler, CompilesTheSameTreeTheSameWayTwice) {
  auto q = select(band.name, band.manager->name).where(band.id.in_({1, 2}));
  EXPECT_EQ(q.compile().sql, q.compile().sql);
  auto copy = q;
  copy.where(band.popularity > 5);
  EXPECT_EQ(q.compile().params.size(), 2u) << "a copy changed afterwards leaves the original alone";
  EXPECT_EQ(copy.compile().params.size(), 3u);
}

}  // namespace
