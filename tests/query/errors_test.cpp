// Errors as a caller meets them: each constraint violation as its own type
// with table/column/constraint filled where SQLite says them; values that do
// not fit the C++ type as DecodeErrors naming the column and the value; bad
// URLs, missing directories and corrupt files named by Database::open.
#include <gtest/gtest.h>

#include <fstream>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/expect.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace playground;
using qt::contains;

class Errors : public qt::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (setup_stopped()) return;
    seed();
  }
};

TEST_P(Errors, UniqueViolationNamesTableAndColumn) {
  try {
    insert(manager).values(Manager{0, "Guido"}).run_sync(db);
    FAIL() << "expected UniqueViolation";
  } catch (const UniqueViolation& e) {
    EXPECT_EQ(e.table(), "manager");
    EXPECT_EQ(e.column(), "name");
    EXPECT_EQ(e.code(), on_postgres() ? "23505" : "SQLITE_CONSTRAINT_UNIQUE");
    EXPECT_TRUE(contains(e.sql(), R"(INSERT INTO "manager")")) << e.sql();
    EXPECT_TRUE(contains(e.what(), R"(unique constraint)")) << e.what();
    EXPECT_TRUE(contains(e.what(), R"(violated on "manager"."name")")) << e.what();
  }
}

TEST_P(Errors, DuplicatePrimaryKeyIsAUniqueViolation) {
  try {
    insert(manager).values(Manager{1, "Other"}).run_sync(db);
    FAIL() << "expected UniqueViolation";
  } catch (const UniqueViolation& e) {
    EXPECT_EQ(e.table(), "manager");
    EXPECT_EQ(e.column(), "id");
    EXPECT_EQ(e.code(), on_postgres() ? "23505" : "SQLITE_CONSTRAINT_PRIMARYKEY");
  }
}

TEST_P(Errors, CompositeUniqueViolationListsEveryColumn) {
  insert(qt::seat).values(qt::Seat{1, "A", 1, 0, "window", false, ""}).run_sync(db);
  try {
    insert(qt::seat).values(qt::Seat{1, "A", 2, 0, "window", false, ""}).run_sync(db);
    FAIL() << "expected UniqueViolation";
  } catch (const UniqueViolation& e) {
    EXPECT_EQ(e.table(), "seat");
    EXPECT_EQ(e.column(), "venue, label");
    EXPECT_TRUE(contains(e.what(), R"("seat"."venue", "seat"."label")")) << e.what();
  }
}

TEST_P(Errors, NotNullViolationNamesTableAndColumn) {
  try {
    insert(band).set(band.popularity, 1).run_sync(db);
    FAIL() << "expected NotNullViolation";
  } catch (const NotNullViolation& e) {
    EXPECT_EQ(e.table(), "band");
    EXPECT_EQ(e.column(), "name");
    EXPECT_EQ(e.code(), on_postgres() ? "23502" : "SQLITE_CONSTRAINT_NOTNULL");
    EXPECT_TRUE(contains(e.what(), R"("band"."name")")) << e.what();
  }
}

TEST_P(Errors, CheckViolationNamesTheConstraint) {
  try {
    update(band).set(band.popularity, -1).where(band.id == 1).run_sync(db);
    FAIL() << "expected CheckViolation";
  } catch (const CheckViolation& e) {
    EXPECT_EQ(e.constraint(), "band_popularity_not_negative");
    EXPECT_EQ(e.code(), on_postgres() ? "23514" : "SQLITE_CONSTRAINT_CHECK");
    EXPECT_TRUE(contains(e.what(), R"(check constraint "band_popularity_not_negative")"))
        << e.what();
  }
  EXPECT_EQ(select(band.popularity).where(band.id == 1).values_sync(db).at(0), 1000);
}

TEST_P(Errors, ForeignKeyViolationIsItsOwnType) {
  try {
    insert(band).values(Band{0, "Orphans", 99, 1}).run_sync(db);
    FAIL() << "expected ForeignKeyViolation";
  } catch (const ForeignKeyViolation& e) {
    EXPECT_EQ(e.code(), on_postgres() ? "23503" : "SQLITE_CONSTRAINT_FOREIGNKEY");
    EXPECT_TRUE(contains(e.what(), "foreign key")) << e.what();
    const ConstraintError& base = e;
    EXPECT_EQ(base.sql(), e.sql()) << "a ConstraintError and a QueryError too";
  }
}

TEST_P(Errors, RestrictForeignKeyViolationIsAForeignKeyViolation) {
  insert(qt::seat).values(qt::Seat{1, "A", 1, 0, std::nullopt, false, ""}).run_sync(db);
  auto change_key = update(venue).set(venue.id, 5).where(venue.id == 1);
  try {
    change_key.run_sync(db);
    FAIL() << "expected ForeignKeyViolation (seat.venue is ON UPDATE RESTRICT)";
  } catch (const ForeignKeyViolation& e) {
    EXPECT_NE(std::string(e.what()).find("foreign key"), std::string::npos) << e.what();
  }
  EXPECT_EQ(select(venue.id).order_by(venue.id).values_sync(db), (std::vector<std::int64_t>{1, 2}));
}

TEST_P(Errors, ConstraintErrorsAreCatchableByTheirBases) {
  EXPECT_THROW(insert(manager).values(Manager{0, "Guido"}).run_sync(db), ConstraintError);
  EXPECT_THROW(insert(manager).values(Manager{0, "Guido"}).run_sync(db), QueryError);
  EXPECT_THROW(insert(manager).values(Manager{0, "Guido"}).run_sync(db), Error);
  EXPECT_THROW(insert(manager).values(Manager{0, "Guido"}).run_sync(db), std::runtime_error);
}

TEST_P(Errors, SyntaxErrorsAreQueryErrorsCarryingTheSql) {
  try {
    db.execute_sync("SELEC 1");
    FAIL() << "expected QueryError";
  } catch (const QueryError& e) {
    EXPECT_EQ(e.sql(), "SELEC 1");
    EXPECT_EQ(e.code(), on_postgres() ? "42601" : "SQLITE_ERROR");
    EXPECT_TRUE(contains(e.what(), "SELEC 1")) << e.what();
  }
  EXPECT_EQ(select(band.id).count_sync(db), 3) << "the connection is still usable";
}

TEST_P(Errors, AMissingTableIsAQueryErrorNamingIt) {
  auto db2 = Database::open("sqlite://:memory:");
  try {
    (void)select(band.name).run_sync(db2);
    FAIL() << "expected QueryError";
  } catch (const QueryError& e) {
    EXPECT_TRUE(contains(e.what(), "no such table: band")) << e.what();
  }
}

TEST_P(Errors, TextInAnIntegerColumnIsADecodeErrorNamingColumnAndValue) {
  QT_ONLY_ON(sqlite,
             "stores a wrong-typed value, which PostgreSQL's typed columns refuse on write");
  insert(qt::everything).values(qt::sample_everything()).run_sync(db);
  db.execute_sync("UPDATE everything SET big = 'abc'");
  try {
    (void)select(qt::everything.big).run_sync(db);
    FAIL() << "expected DecodeError";
  } catch (const DecodeError& e) {
    EXPECT_EQ(e.column(), "big");
    EXPECT_STREQ(e.what(),
                 R"(column "big" (result column 1, row 1): expected an integer, found text 'abc')");
  }
  EXPECT_THROW((void)select(qt::everything).run_sync(db), DecodeError) << "whole rows too";
  EXPECT_THROW((void)select(qt::everything.big).values_sync(db), DecodeError);
}

TEST_P(Errors, NullIntoANonOptionalIsADecodeErrorSuggestingOptional) {
  try {
    (void)select(raw<std::int64_t>("NULL")).run_sync(db);
    FAIL() << "expected DecodeError";
  } catch (const DecodeError& e) {
    EXPECT_TRUE(contains(e.what(), "NULL")) << e.what();
    EXPECT_TRUE(contains(e.what(), "std::optional")) << "suggests the fix: " << e.what();
  }
  EXPECT_EQ(select(raw<std::optional<std::int64_t>>("NULL")).run_sync(db).at(0), std::nullopt);
}

TEST_P(Errors, IntegerOverflowIsADecodeError) {
  QT_ONLY_ON(sqlite,
             "stores a wrong-typed value, which PostgreSQL's typed columns refuse on write");
  db.execute_sync("UPDATE band SET popularity = 3000000000 WHERE id = 2");
  try {
    (void)select(band.popularity).order_by(band.id).run_sync(db);
    FAIL() << "expected DecodeError";
  } catch (const DecodeError& e) {
    EXPECT_EQ(e.column(), "popularity");
    EXPECT_TRUE(contains(e.what(), "row 2")) << e.what();
    EXPECT_TRUE(contains(e.what(), "3000000000")) << e.what();
  }
  insert(qt::everything).values(qt::sample_everything()).run_sync(db);
  db.execute_sync("UPDATE everything SET small = 32768");
  EXPECT_THROW((void)select(qt::everything.small).run_sync(db), DecodeError);
  db.execute_sync("UPDATE everything SET small = -32768, flag = 2");
  EXPECT_THROW((void)select(qt::everything.flag).run_sync(db), DecodeError)
      << "a boolean is 0 or 1";
}

TEST_P(Errors, UnknownEnumNameIsADecodeErrorListingTheNames) {
  db.execute_sync("UPDATE ticket SET ticket_type = 'vip' WHERE id = 1");
  try {
    (void)select(ticket.ticket_type).run_sync(db);
    FAIL() << "expected DecodeError";
  } catch (const DecodeError& e) {
    EXPECT_TRUE(contains(e.what(), "one of 'standing', 'seated', 'premium'")) << e.what();
    EXPECT_TRUE(contains(e.what(), "'vip'")) << e.what();
  }
}

TEST_P(Errors, MalformedTextForTypedColumnsIsADecodeError) {
  QT_ONLY_ON(sqlite,
             "stores a wrong-typed value, which PostgreSQL's typed columns refuse on write");
  db.execute_sync("UPDATE concert SET starts = 'yesterday' WHERE id = 1");
  EXPECT_THROW((void)select(concert.starts).run_sync(db), DecodeError);
  db.execute_sync("UPDATE ticket SET price = 'a lot' WHERE id = 1");
  EXPECT_THROW((void)select(ticket.price).run_sync(db), DecodeError);
  insert(qt::everything).values(qt::sample_everything()).run_sync(db);
  db.execute_sync("UPDATE everything SET day = '2023-02-29', uuid = 'not-a-uuid'");
  EXPECT_THROW((void)select(qt::everything.day).run_sync(db), DecodeError) << "no such date";
  EXPECT_THROW((void)select(qt::everything.uuid).run_sync(db), DecodeError);
  db.execute_sync("UPDATE everything SET time = '24:00:01'");
  EXPECT_THROW((void)select(qt::everything.time).run_sync(db), DecodeError);
}

TEST_P(Errors, ALargeDecimalSumReadsBackWithoutAUsageError) {
  QT_ONLY_ON(sqlite, "SQLite sums TEXT decimals as REAL; PostgreSQL's NUMERIC sum is exact");
  db.execute_sync("UPDATE ticket SET price = '90000000000000000000' WHERE id = 1");
  // SQLite sums TEXT decimals as REAL: the double's digits come back, in full.
  auto total = select(sum(ticket.price)).values_sync(db).at(0);
  ASSERT_TRUE(total.has_value());
  EXPECT_EQ(total->str().substr(0, 2), "90");
  EXPECT_EQ(total->str().find_first_not_of("0123456789."), std::string::npos) << total->str();
}

TEST(OpenErrors, AnUnknownSchemeIsAUrlErrorNamingIt) {
  try {
    (void)Database::open("mysql://localhost/db");
    FAIL() << "expected UrlError";
  } catch (const UrlError& e) {
    EXPECT_TRUE(contains(e.what(), "mysql")) << e.what();
  }
  EXPECT_THROW((void)Database::open(""), UrlError);
  EXPECT_THROW((void)Database::open("sqlite://:memory:?colour=blue"), UrlError);
  EXPECT_THROW((void)Database::open("no scheme at all"), UrlError);
}

TEST(OpenErrors, ABadPoolSizeIsAUrlError) {
  qt::TempDbFile file("pool_size");
  try {
    (void)Database::open(file.url("pool_size=0"));
    FAIL() << "expected UrlError";
  } catch (const UrlError& e) {
    EXPECT_TRUE(contains(e.what(), "pool_size")) << e.what();
  }
}

TEST(OpenErrors, AMissingDirectoryIsAConnectionErrorNamingIt) {
  auto dir = std::filesystem::temp_directory_path() / "quarry_no_such_dir_for_tests";
  std::filesystem::remove_all(dir);
  std::string path = (dir / "x.db").string();
  try {
    (void)Database::open("sqlite:///" + path);
    FAIL() << "expected ConnectionError";
  } catch (const ConnectionError& e) {
    EXPECT_TRUE(contains(e.what(), path)) << e.what();
    EXPECT_TRUE(contains(e.what(), "does not exist")) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(dir)) << "opening does not create directories";
}

TEST(OpenErrors, AMissingFileInReadOnlyModeIsAConnectionError) {
  qt::TempDbFile file("ro");
  try {
    (void)Database::open(file.url("mode=ro"));
    FAIL() << "expected ConnectionError";
  } catch (const ConnectionError& e) {
    EXPECT_TRUE(contains(e.what(), file.path().string())) << e.what();
    EXPECT_TRUE(contains(e.what(), "mode=ro")) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(file.path()));
}

TEST(OpenErrors, ACorruptFileIsAConnectionErrorNamingIt) {
  qt::TempDbFile file("corrupt");
  {
    std::ofstream out(file.path(), std::ios::binary);
    for (int i = 0; i < 4096; ++i) out << "this is not a database ";
  }
  try {
    (void)Database::open(file.url());
    FAIL() << "expected ConnectionError";
  } catch (const ConnectionError& e) {
    EXPECT_TRUE(contains(e.what(), file.path().string())) << e.what();
    EXPECT_TRUE(contains(e.what(), "not a SQLite database")) << e.what();
  }
}

TEST(OpenErrors, ADirectoryInsteadOfAFileIsAConnectionError) {
  auto dir = std::filesystem::temp_directory_path();
  EXPECT_THROW((void)Database::open("sqlite:///" + dir.string()), ConnectionError);
}

TEST(OpenErrors, AReadOnlyDatabaseRefusesWrites) {
  qt::TempDbFile file("readonly");
  {
    auto db = Database::open(file.url());
    create_tables_sync(db, qt::test_schema());
  }
  auto ro = Database::open(file.url("mode=ro"));
  EXPECT_EQ(select(manager.id).count_sync(ro), 0);
  try {
    insert(manager).values(Manager{0, "x"}).run_sync(ro);
    FAIL() << "expected QueryError";
  } catch (const QueryError& e) {
    EXPECT_TRUE(contains(e.code(), "SQLITE_READONLY")) << e.code();
  }
}

TEST_P(Errors, AnExceptionFromARowSinkLeavesTheConnectionUsable) {
  struct Thrower final : RowSink {
    void on_row(const RowReader&) override { throw std::range_error("stop"); }
  } sink;
  EXPECT_THROW(db.execute_sync(Statement{"SELECT id FROM band", {}}, &sink), std::range_error);
  EXPECT_EQ(select(band.id).count_sync(db), 3);
  db.transaction_sync([&](Transaction& tx) {
    insert(manager).values(Manager{0, "z"}).run_sync(tx);
  });
  EXPECT_EQ(select(manager.id).count_sync(db), 3) << "no statement was left holding a lock";
}

QT_INSTANTIATE_FOR_BACKENDS(Errors);

}  // namespace
