// objects(table): the light ORM: save inserts then updates, get by key,
// remove, get_or_create in both branches, and tables it cannot serve.
#include <gtest/gtest.h>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/expect.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace playground;
using qt::contains;

class Objects : public qt::BackendTest {
 protected:
};

TEST_P(Objects, SaveInsertsANewRowAndStoresItsKey) {
  Manager m{0, "Guido"};
  objects(manager).save_sync(db, m);
  EXPECT_EQ(m.id, 1);
  Manager n{0, "Graydon"};
  objects(manager).save_sync(db, n);
  EXPECT_EQ(n.id, 2);
  EXPECT_EQ(select(manager.name).order_by(manager.id).values_sync(db),
            (std::vector<std::string>{"Guido", "Graydon"}));
}

TEST_P(Objects, SaveUpdatesARowThatHasAKey) {
  Band b{0, "Pythonistas", std::nullopt, 10};
  objects(band).save_sync(db, b);
  b.popularity = 99;
  b.name = "Pythonistas 3";
  objects(band).save_sync(db, b);
  EXPECT_EQ(select(band.id).count_sync(db), 1) << "the second save updated, not inserted";
  auto stored = objects(band).get_sync(db, b.id);
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->name, "Pythonistas 3");
  EXPECT_EQ(stored->popularity, 99);
}

TEST_P(Objects, SaveInsertsARowWithAKeyThatIsNotThereYet) {
  Manager m{42, "Answer"};
  objects(manager).save_sync(db, m);
  EXPECT_EQ(m.id, 42);
  EXPECT_EQ(select(manager.id).values_sync(db), std::vector<std::int64_t>{42});
}

TEST_P(Objects, GetFindsByPrimaryKeyOrReturnsNothing) {
  seed();
  auto b = objects(band).get_sync(db, 2);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(b->name, "Rustaceans");
  EXPECT_EQ(b->manager, 2);
  EXPECT_EQ(objects(band).get_sync(db, 99), std::nullopt);
}

TEST_P(Objects, WorksWithATextPrimaryKey) {
  qt::Setting s{"theme", "dark"};
  objects(qt::setting).save_sync(db, s);
  s.value = "light";
  objects(qt::setting).save_sync(db, s);
  EXPECT_EQ(select(qt::setting.key).count_sync(db), 1);
  auto got = objects(qt::setting).get_sync(db, std::string("theme"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->value, "light");
  EXPECT_TRUE(objects(qt::setting).remove_sync(db, *got));
}

TEST_P(Objects, RemoveDeletesTheRowWithTheKeyAndSaysWhetherOneWasThere) {
  seed();
  auto b = objects(band).get_sync(db, 3).value();
  EXPECT_TRUE(objects(band).remove_sync(db, b));
  EXPECT_FALSE(objects(band).remove_sync(db, b)) << "already gone";
  EXPECT_EQ(select(band.id).count_sync(db), 2);
}

TEST_P(Objects, FiltersLikeASelectOfTheWholeTable) {
  seed();
  auto popular = objects(band).where(band.popularity > 100).order_by(band.name).run_sync(db);
  ASSERT_EQ(popular.size(), 2u);
  EXPECT_EQ(popular[0].name, "Pythonistas");
  EXPECT_EQ(objects(band).where(band.manager->name == "Graydon").first_sync(db)->name,
            "Rustaceans");
}

TEST_P(Objects, GetOrCreateReturnsTheExistingRow) {
  seed();
  auto [b, created] = objects(band).get_or_create_sync(db, band.name == "Rustaceans",
                                                       Band{0, "Rustaceans", std::nullopt, 1});
  EXPECT_FALSE(created);
  EXPECT_EQ(b.id, 2);
  EXPECT_EQ(b.popularity, 500) << "the stored row, not the defaults";
  EXPECT_EQ(select(band.id).count_sync(db), 3);
}

TEST_P(Objects, GetOrCreateInsertsTheDefaultsWhenNothingMatches) {
  seed();
  auto [b, created] =
      objects(band).get_or_create_sync(db, band.name == "Gophers", Band{0, "Gophers", 1, 7});
  EXPECT_TRUE(created);
  EXPECT_EQ(b.id, 4) << "the new key is stored in the returned row";
  EXPECT_EQ(objects(band).get_sync(db, 4)->name, "Gophers");
  auto again =
      objects(band).get_or_create_sync(db, band.name == "Gophers", Band{0, "Gophers", 1, 7});
  EXPECT_FALSE(again.second);
  EXPECT_EQ(again.first.id, 4);
}

TEST_P(Objects, GetOrCreateRollsBackWhenTheInsertFails) {
  seed();
  EXPECT_THROW((void)objects(band).get_or_create_sync(db, band.name == "Nobody",
                                                      Band{0, "Pythonistas", std::nullopt, 1}),
               UniqueViolation);
  EXPECT_EQ(select(band.id).count_sync(db), 3);
}

TEST_P(Objects, RoundTripsEveryColumnType) {
  qt::Everything e = qt::sample_everything();
  objects(qt::everything).save_sync(db, e);
  EXPECT_EQ(e.id, 1);
  e.amount = Decimal("-98765432109876543210.000000001");
  e.maybe_text.reset();
  objects(qt::everything).save_sync(db, e);
  auto back = objects(qt::everything).get_sync(db, e.id);
  ASSERT_TRUE(back.has_value());
  qt::expect_same_everything(*back, e);
}

TEST_P(Objects, RefusesATableWithACompositeKeyNamingIt) {
  qt::Seat s{1, "A", 1, 0, std::nullopt, false, ""};
  try {
    objects(qt::seat).save_sync(db, s);
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_TRUE(contains(e.what(), R"(table "seat")")) << e.what();
    EXPECT_TRUE(contains(e.what(), "composite")) << e.what();
  }
}

QT_INSTANTIATE_FOR_BACKENDS(Objects);

}  // namespace
