// insert / update / delete_from against SQLite: set-based updates touching
// every row in one statement, the all_rows() guard, batch inserts (atomic,
// with the last insert id), column-by-column inserts and upserts.
#include <gtest/gtest.h>

#include <algorithm>
#include <span>
#include <type_traits>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/expect.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace playground;
using qt::contains;

class Write : public qt::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (setup_stopped()) return;
    seed();
  }
  std::vector<std::int32_t> popularity() {
    return select(band.popularity).order_by(band.id).values_sync(db);
  }
};

TEST_P(Write, UpdatesEveryRowInOneSetBasedStatement) {
  auto u = update(band).set(band.popularity, band.popularity + 10).all_rows();
  EXPECT_EQ(u.sql(), R"(UPDATE "band" SET "popularity" = "band"."popularity" + ?  [10])")
      << "one statement; no rows are loaded";
  ExecResult r = u.run_sync(db);
  EXPECT_EQ(r.rows_affected, 3);
  EXPECT_EQ(popularity(), (std::vector<std::int32_t>{1010, 510, 20}));
}

TEST_P(Write, UpdatesOnlyTheRowsItsWhereMatches) {
  ExecResult r = update(band)
                     .set(band.popularity, 0)
                     .set(band.name, band.name + " (retired)")
                     .where(band.manager.is_null())
                     .run_sync(db);
  EXPECT_EQ(r.rows_affected, 1);
  EXPECT_EQ(popularity(), (std::vector<std::int32_t>{1000, 500, 0}));
  EXPECT_EQ(select(band.name).where(band.id == 3).values_sync(db).at(0), "C-Sharps (retired)");
}

TEST_P(Write, ReportsZeroRowsAffectedWhenNothingMatchesEvenAfterOtherStatements) {
  update(band).set(band.popularity, 1).where(band.id == 1).run_sync(db);
  (void)select(band.id).run_sync(db);
  EXPECT_EQ(update(band).set(band.popularity, 1).where(band.id == 99).run_sync(db).rows_affected, 0)
      << "not the count of an earlier statement";
  EXPECT_EQ(delete_from(band).where(band.id == 99).run_sync(db).rows_affected, 0);
}

TEST_P(Write, UpdatesWithASubqueryCondition) {
  auto r = update(band)
               .set(band.popularity, band.popularity * 2)
               .where(band.id.in_(select(concert.band_2).where(concert.venue->name == "Club")))
               .run_sync(db);
  EXPECT_EQ(r.rows_affected, 1);
  EXPECT_EQ(popularity(), (std::vector<std::int32_t>{1000, 500, 20}));
}

TEST_P(Write, RefusesAnUpdateWithoutWhereUnlessAllRows) {
  try {
    (void)update(band).set(band.popularity, 0).run_sync(db);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_TRUE(contains(e.what(), R"(update of "band" has no where())")) << e.what();
    EXPECT_TRUE(contains(e.what(), ".all_rows()")) << "says what to do: " << e.what();
  }
  EXPECT_EQ(popularity(), (std::vector<std::int32_t>{1000, 500, 10})) << "nothing was changed";
}

TEST_P(Write, RefusesADeleteWithoutWhereUnlessAllRows) {
  try {
    (void)delete_from(ticket).run_sync(db);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_TRUE(contains(e.what(), R"(delete of "ticket" has no where())")) << e.what();
  }
  EXPECT_EQ(select(ticket.id).count_sync(db), 3);
  EXPECT_EQ(delete_from(ticket).all_rows().run_sync(db).rows_affected, 3);
  EXPECT_EQ(select(ticket.id).count_sync(db), 0);
}

TEST_P(Write, DeletesMatchingRowsAndCascades) {
  EXPECT_EQ(delete_from(concert).where(concert.id == 1).run_sync(db).rows_affected, 1);
  EXPECT_EQ(select(ticket.id).values_sync(db), std::vector<std::int64_t>{3})
      << "ON DELETE CASCADE removed the concert's tickets (foreign keys are on)";
  EXPECT_EQ(delete_from(manager).where(manager.id == 1).run_sync(db).rows_affected, 1);
  EXPECT_EQ(select(band.manager).where(band.id == 1).values_sync(db).at(0), std::nullopt)
      << "ON DELETE SET NULL";
}

TEST_P(Write, InsertsManyRowsInOneBatchReturningTheLastId) {
  std::vector<Venue> venues;
  for (int i = 0; i < 250; ++i) venues.push_back({0, "venue " + std::to_string(i), i});
  ExecResult r = insert(venue).rows(venues).run_sync(db);
  EXPECT_EQ(r.rows_affected, 250);
  EXPECT_EQ(r.last_insert_id, 252) << "two venues were there before";
  EXPECT_EQ(select(venue.id).count_sync(db), 252);
  EXPECT_EQ(select(venue.name).where(venue.id == 252).values_sync(db).at(0), "venue 249");
  EXPECT_EQ(select(sum(venue.capacity)).where(venue.id > 2).values_sync(db).at(0), 249 * 250 / 2);
}

TEST_P(Write, InsertsRowsWithExplicitKeys) {
  std::vector<Manager> ms{{10, "Ten"}, {20, "Twenty"}};
  ExecResult r = insert(manager).rows(ms).run_sync(db);
  EXPECT_EQ(r.last_insert_id, 20);
  EXPECT_EQ(select(manager.id).order_by(manager.id).values_sync(db),
            (std::vector<std::int64_t>{1, 2, 10, 20}));
}

// rows() takes a std::vector or a std::span, and never a braced list: the
// rows are read when the insert runs, and a braced list's vector would be
// gone by then.
template <class I>
concept takes_braced_rows = requires(I i, const Manager& m) {
  i.rows({m, m});
};
static_assert(!takes_braced_rows<Insert<std::remove_cvref_t<decltype(manager)>>>);

TEST_P(Write, InsertsTheRowsOfASpan) {
  std::vector<Manager> ms{{10, "Ten"}, {20, "Twenty"}, {30, "Thirty"}};
  ExecResult r = insert(manager).rows(std::span<const Manager>(ms).subspan(1)).run_sync(db);
  EXPECT_EQ(r.rows_affected, 2);
  EXPECT_EQ(r.last_insert_id, 30);
  EXPECT_EQ(select(manager.id).order_by(manager.id).values_sync(db),
            (std::vector<std::int64_t>{1, 2, 20, 30}))
      << "only the span's rows";
}

TEST_P(Write, RowsGivenAfterValuesReplaceTheValuesRow) {
  std::vector<Manager> ms{{20, "Twenty"}};
  ExecResult r = insert(manager).values(Manager{10, "Ten"}).rows(ms).run_sync(db);
  EXPECT_EQ(r.rows_affected, 1);
  EXPECT_EQ(select(manager.id).order_by(manager.id).values_sync(db),
            (std::vector<std::int64_t>{1, 2, 20}));
}

TEST_P(Write, InsertsNothingForAnEmptyRangeOfRows) {
  std::vector<Venue> none;
  ExecResult r = insert(venue).rows(none).run_sync(db);
  EXPECT_EQ(r.rows_affected, 0);
  EXPECT_EQ(run_sync(insert(venue).rows(none).run(db)).rows_affected, 0);
  EXPECT_TRUE(insert(venue).rows(none).returning(venue.id).run_sync(db).empty());
  EXPECT_EQ(select(venue.id).count_sync(db), 2)
      << "not one row of defaults (INSERT ... DEFAULT VALUES)";
}

TEST_P(Write, RollsBackAWholeBatchWhenOneRowFails) {
  std::vector<Manager> ms{{0, "New 1"}, {0, "New 2"}, {0, "Guido"}, {0, "New 3"}};
  EXPECT_THROW(insert(manager).rows(ms).run_sync(db), UniqueViolation);
  EXPECT_EQ(select(manager.id).count_sync(db), 2) << "no row of the failed batch remains";
}

TEST_P(Write, InsertsColumnByColumn) {
  ExecResult r = insert(band).set(band.name, "Gophers").set(band.popularity, 42).run_sync(db);
  EXPECT_EQ(r.rows_affected, 1);
  EXPECT_EQ(r.last_insert_id, 4);
  auto b = select(band).where(band.id == r.last_insert_id).first_sync(db);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->name, "Gophers");
  EXPECT_EQ(b->manager, std::nullopt);
  EXPECT_EQ(b->popularity, 42);
}

TEST_P(Write, UsesColumnDefaultsForColumnsNotSet) {
  ExecResult r = insert(venue).set(venue.name, "Barn").run_sync(db);
  EXPECT_EQ(select(venue.capacity).where(venue.id == r.last_insert_id).values_sync(db).at(0), 0);
  ExecResult t =
      insert(ticket).set(ticket.concert, 1).set(ticket.price, Decimal("1.00")).run_sync(db);
  EXPECT_EQ(select(ticket.ticket_type).where(ticket.id == t.last_insert_id).values_sync(db).at(0),
            TicketType::standing);
}

TEST_P(Write, UpsertDoNothingLeavesTheExistingRow) {
  ExecResult r = insert(manager)
                     .values(Manager{0, "Guido"})
                     .on_conflict(manager.name)
                     .do_nothing()
                     .run_sync(db);
  EXPECT_EQ(r.rows_affected, 0);
  EXPECT_EQ(select(manager.id).count_sync(db), 2);
  ExecResult n = insert(manager)
                     .values(Manager{0, "Linus"})
                     .on_conflict(manager.name)
                     .do_nothing()
                     .run_sync(db);
  EXPECT_EQ(n.rows_affected, 1);
  EXPECT_EQ(select(manager.id).count_sync(db), 3);
}

TEST_P(Write, UpsertDoUpdateTakesTheProposedValues) {
  ExecResult r = insert(band)
                     .values(Band{0, "Pythonistas", 2, 5})
                     .on_conflict(band.name)
                     .do_update(band.popularity, band.manager)
                     .run_sync(db);
  EXPECT_EQ(r.rows_affected, 1);
  auto b = select(band).where(band.name == "Pythonistas").first_sync(db);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->id, 1) << "the existing row was updated, not replaced";
  EXPECT_EQ(b->popularity, 5);
  EXPECT_EQ(b->manager, 2);
  EXPECT_EQ(select(band.id).count_sync(db), 3);
}

TEST_P(Write, UpsertDoUpdateSetCombinesOldAndExcludedValues) {
  insert(band)
      .set(band.name, "Rustaceans")
      .set(band.popularity, 7)
      .on_conflict(band.name)
      .do_update_set(band.popularity, band.popularity + excluded(band.popularity))
      .run_sync(db);
  EXPECT_EQ(popularity(), (std::vector<std::int32_t>{1000, 507, 10}));
}

TEST_P(Write, UpsertsABatchRowByRow) {
  std::vector<Band> bands{{0, "Pythonistas", std::nullopt, 1}, {0, "Gophers", std::nullopt, 2}};
  ExecResult r =
      insert(band).rows(bands).on_conflict(band.name).do_update(band.popularity).run_sync(db);
  EXPECT_EQ(r.rows_affected, 2);
  EXPECT_EQ(select(band.popularity).where(band.name == "Pythonistas").values_sync(db).at(0), 1);
  EXPECT_EQ(select(band.id).count_sync(db), 4);
}

TEST_P(Write, UpsertsOnACompositeKey) {
  auto s = qt::Seat{1, "A", 1, 100, std::nullopt, false, "n"};
  insert(qt::seat).values(s).run_sync(db);
  s.price_cents = 250;
  insert(qt::seat)
      .values(s)
      .on_conflict(qt::seat.venue, qt::seat.row, qt::seat.number)
      .do_update(qt::seat.price_cents)
      .run_sync(db);
  EXPECT_EQ(select(qt::seat.price_cents).values_sync(db), std::vector<std::int32_t>{250});
}

TEST_P(Write, AssignsKeysToBatchRowsWhoseKeyIsZeroBesideExplicitKeys) {
  std::vector<Manager> ms{{0, "First"}, {10, "Ten"}, {0, "Eleventh"}, {20, "Twenty"}, {0, "Last"}};
  ExecResult r = insert(manager).rows(ms).run_sync(db);
  EXPECT_EQ(r.rows_affected, 5);
  using Rows = std::vector<std::tuple<std::int64_t, std::string>>;
  // SQLite's next key is the largest so far plus one; PostgreSQL's sequence
  // goes on from where it was, whatever explicit keys were given.
  EXPECT_EQ(r.last_insert_id, on_postgres() ? 5 : 21);
  const Rows expected = on_postgres()
                            ? Rows{{1, "Guido"}, {2, "Graydon"}, {3, "First"},  {4, "Eleventh"},
                                   {5, "Last"},  {10, "Ten"},    {20, "Twenty"}}
                            : Rows{{1, "Guido"},     {2, "Graydon"}, {3, "First"}, {10, "Ten"},
                                   {11, "Eleventh"}, {20, "Twenty"}, {21, "Last"}};
  EXPECT_EQ(select(manager.id, manager.name).order_by(manager.id).run_sync(db), expected)
      << "0 means: let the database assign the key, in row order";
  EXPECT_TRUE(select(manager.id).where(manager.id == 0).values_sync(db).empty());
}

TEST_P(Write, AssignsKeysToMixedBatchRowsWhenAwaited) {
  std::vector<Manager> ms{{30, "Thirty"}, {0, "Next"}};
  ExecResult r = run_sync(insert(manager).rows(ms).run(db));
  const std::int64_t next = on_postgres() ? 3 : 31;  // the sequence's next; max + 1
  EXPECT_EQ(r.last_insert_id, next);
  EXPECT_EQ(select(manager.name).where(manager.id == next).values_sync(db),
            std::vector<std::string>{"Next"});
}

TEST_P(Write, ShowsANullKeyForARowLeftToTheDatabase) {
  std::vector<Manager> ms{{0, "First"}, {10, "Ten"}};
  EXPECT_EQ(insert(manager).rows(ms).sql(),
            R"(INSERT INTO "manager" ("id", "name") VALUES (?, ?)  [NULL, 'First'])");
  EXPECT_EQ(
      insert(manager).rows(ms).sql(sql::postgresql_dialect()),
      R"(INSERT INTO "manager" ("id", "name") VALUES (coalesce($1, )"
      R"((nextval(pg_get_serial_sequence($2, $3)))), $4) RETURNING "id"  [NULL, '"manager"', )"
      R"('id', 'First'])")
      << "PostgreSQL's SERIAL takes no NULL: a key left at 0 takes the sequence's next value, "
         "and RETURNING reports it (PostgreSQL has no last-insert rowid)";
  std::vector<Manager> given{{7, "Seven"}, {8, "Eight"}};
  EXPECT_EQ(insert(manager).rows(given).sql(sql::postgresql_dialect()),
            R"(INSERT INTO "manager" ("id", "name") VALUES ($1, $2) RETURNING "id"  [7, 'Seven'])");
}

TEST_P(Write, BindsAnUpsertsOwnValuesInABatch) {
  std::vector<Band> bands{{0, "Pythonistas", std::nullopt, 1}, {0, "Gophers", std::nullopt, 2}};
  ExecResult r = insert(band)
                     .rows(bands)
                     .on_conflict(band.name)
                     .do_update_set(band.popularity, band.popularity + 5)
                     .run_sync(db);
  EXPECT_EQ(r.rows_affected, 2);
  EXPECT_EQ(select(band.popularity).where(band.name == "Pythonistas").values_sync(db),
            std::vector<std::int32_t>{1005})
      << "the 5 is bound in every row of the batch, not left NULL";
  EXPECT_EQ(select(band.popularity).where(band.name == "Gophers").values_sync(db),
            std::vector<std::int32_t>{2});
}

TEST_P(Write, InsertReturnsTheNewKeyAndColumns) {
  auto q = insert(band).values(Band{0, "Gophers", 2, 42}).returning(band.id, band.name);
  EXPECT_EQ(q.sql(),
            R"(INSERT INTO "band" ("name", "manager", "popularity") VALUES (?, ?, ?) RETURNING )"
            R"("band"."id", "band"."name"  ['Gophers', 2, 42])");
  auto rows = q.run_sync(db);
  EXPECT_EQ(rows, (std::vector<std::tuple<std::int64_t, std::string>>{{4, "Gophers"}}));
  std::vector<std::int64_t> ids =
      insert(manager).set(manager.name, "Linus").returning(manager.id).run_sync(db);
  EXPECT_EQ(ids, std::vector<std::int64_t>{3});
  auto whole = insert(venue).set(venue.name, "Barn").returning(venue).run_sync(db);
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_EQ(whole[0].id, 3);
  EXPECT_EQ(whole[0].capacity, 0) << "the column default, as stored";
  auto computed = insert(band)
                      .set(band.name, "Crabs")
                      .set(band.popularity, 1)
                      .returning(band.popularity * 10)
                      .run_sync(db);
  EXPECT_EQ(computed, std::vector<std::int32_t>{10});
}

TEST_P(Write, InsertOfManyRowsReturnsEachInOrderInOneTransaction) {
  std::vector<Manager> ms{{0, "A"}, {50, "B"}, {0, "C"}};
  auto rows = insert(manager).rows(ms).returning(manager.id, manager.name).run_sync(db);
  EXPECT_EQ(rows, (std::vector<std::tuple<std::int64_t, std::string>>{
                      {3, "A"}, {50, "B"}, {on_postgres() ? 4 : 51, "C"}}))
      << "SQLite's next key is max + 1; PostgreSQL's sequence goes on";
  std::vector<Manager> bad{{0, "D"}, {0, "Guido"}, {0, "E"}};
  EXPECT_THROW((void)insert(manager).rows(bad).returning(manager.id).run_sync(db), UniqueViolation);
  EXPECT_EQ(select(manager.id).count_sync(db), 5) << "no row of the failed insert remains";
  std::vector<Manager> more{{0, "F"}, {0, "G"}};
  auto awaited = run_sync(insert(manager).rows(more).returning(manager.name).run(db));
  EXPECT_EQ(awaited, (std::vector<std::string>{"F", "G"}));
}

TEST_P(Write, InsertReturningWithOnConflict) {
  auto skipped = insert(manager)
                     .values(Manager{0, "Guido"})
                     .on_conflict(manager.name)
                     .do_nothing()
                     .returning(manager.id)
                     .run_sync(db);
  EXPECT_TRUE(skipped.empty()) << "a row do_nothing skips returns nothing";
  auto fresh = insert(manager)
                   .values(Manager{0, "Linus"})
                   .on_conflict(manager.name)
                   .do_nothing()
                   .returning(manager.id)
                   .run_sync(db);
  EXPECT_EQ(fresh, std::vector<std::int64_t>{on_postgres() ? 4 : 3})
      << "PostgreSQL's sequence spent a value on the skipped row";
  auto updated = insert(band)
                     .values(Band{0, "Pythonistas", 2, 5})
                     .on_conflict(band.name)
                     .do_update(band.popularity)
                     .returning(band.id, band.popularity)
                     .run_sync(db);
  EXPECT_EQ(updated, (std::vector<std::tuple<std::int64_t, std::int32_t>>{{1, 5}}))
      << "the existing row's key, with its updated value";
  std::vector<Band> bands{{0, "Rustaceans", std::nullopt, 1}, {0, "Gophers", std::nullopt, 2}};
  auto mixed = insert(band)
                   .rows(bands)
                   .on_conflict(band.name)
                   .do_update_set(band.popularity, band.popularity + excluded(band.popularity))
                   .returning(band.name, band.popularity)
                   .run_sync(db);
  EXPECT_EQ(mixed, (std::vector<std::tuple<std::string, std::int32_t>>{{"Rustaceans", 501},
                                                                       {"Gophers", 2}}));
}

TEST_P(Write, InsertReturningExplainsAForeignKeyViolation) {
  try {
    (void)insert(band).values(Band{0, "Orphans", 99, 1}).returning(band.id).run_sync(db);
    FAIL() << "expected ForeignKeyViolation";
  } catch (const ForeignKeyViolation& e) {
    EXPECT_TRUE(contains(e.what(), R"("band"."manager" = 99)")) << e.what();
  }
  EXPECT_THROW(
      (void)run_sync(insert(band).values(Band{0, "Orphans", 99, 1}).returning(band.id).run(db)),
      ForeignKeyViolation);
}

TEST_P(Write, ReturningRefusesToTraverseAForeignKey) {
  EXPECT_THROW((void)insert(band).values(Band{0, "X", 1, 1}).returning(band.manager->name).sql(),
               UsageError);
  EXPECT_EQ(select(band.id).count_sync(db), 3);
}

TEST_P(Write, UpdateAndDeleteReturnTheRowsTheyWrote) {
  auto raised = update(band)
                    .set(band.popularity, band.popularity + 1)
                    .where(band.popularity > 100)
                    .returning(band.name, band.popularity)
                    .run_sync(db);
  std::sort(raised.begin(), raised.end());
  EXPECT_EQ(raised, (std::vector<std::tuple<std::string, std::int32_t>>{{"Pythonistas", 1001},
                                                                        {"Rustaceans", 501}}));
  EXPECT_EQ(
      update(band).set(band.popularity, 0).where(band.id == 99).returning(band.id).run_sync(db),
      std::vector<std::int64_t>{});
  EXPECT_THROW((void)update(band).set(band.popularity, 0).returning(band.id).run_sync(db),
               UsageError)
      << "returning() keeps the where() guard";
  auto gone = delete_from(band).where(band.id == 3).returning(band).run_sync(db);
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_EQ(gone[0].name, "C-Sharps");
  EXPECT_EQ(delete_from(band).where(band.id == 3).returning(band.id).sql(),
            R"(DELETE FROM "band" WHERE "band"."id" = ? RETURNING "band"."id"  [3])");
  EXPECT_THROW((void)delete_from(band).returning(band.id).run_sync(db), UsageError);
  auto all = run_sync(delete_from(ticket).all_rows().returning(ticket.price).run(db));
  EXPECT_EQ(all.size(), 2u) << "deleting band 3 cascaded to concert 2 and its ticket";
  EXPECT_EQ(select(ticket.id).count_sync(db), 0);
}

TEST_P(Write, InsertsEveryColumnTypeThroughABatch) {
  std::vector<qt::Everything> rows{qt::sample_everything("a"), qt::sample_everything("b")};
  rows[1].maybe_int.reset();
  rows[1].data = qt::bytes({});
  ExecResult r = insert(qt::everything).rows(rows).run_sync(db);
  EXPECT_EQ(r.rows_affected, 2);
  auto back = select(qt::everything).order_by(qt::everything.id).run_sync(db);
  ASSERT_EQ(back.size(), 2u);
  rows[0].id = 1;
  rows[1].id = 2;
  qt::expect_same_everything(back[0], rows[0]);
  qt::expect_same_everything(back[1], rows[1]);
}

QT_INSTANTIATE_FOR_BACKENDS(Write);

}  // namespace
