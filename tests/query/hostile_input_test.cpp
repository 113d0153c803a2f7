// Hostile input: strings that look like SQL, quotes, NUL bytes, megabytes and
// invalid UTF-8 as values are bound, stored and read back byte for byte, and
// never executed; hostile identifiers in the dynamic layer are quoted (or
// rejected when they hold a NUL), never spliced.
#include <gtest/gtest.h>

#include <algorithm>

#include <quarry/quarry.hpp>

#include "support/backend.hpp"
#include "support/db.hpp"
#include "support/expect.hpp"
#include "support/models.hpp"

namespace {

using namespace quarry;
using namespace playground;
using namespace std::string_literals;
using qt::contains;

class Hostile : public qt::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (setup_stopped()) return;
    seed();
  }
  void expect_intact() {
    auto tables = qt::table_names(db);
    for (const char* t : {"band", "concert", "everything", "manager", "person", "seat", "setting",
                          "ticket", "venue"}) {
      EXPECT_NE(std::find(tables.begin(), tables.end(), t), tables.end()) << t << " was dropped";
    }
    EXPECT_EQ(select(band.name).where(band.id <= 3).order_by(band.id).values_sync(db),
              (std::vector<std::string>{"Pythonistas", "Rustaceans", "C-Sharps"}));
  }
};

const std::vector<std::string>& hostile_strings() {
  static const std::vector<std::string> values = {
      "it's",
      "\"double\"",
      "back\\slash\\",
      "semi;colon;",
      "'; DROP TABLE band; --",
      "\"; DROP TABLE band; --",
      "x' OR '1'='1",
      "/* comment */ -- line",
      "?",
      "$1",
      ":name @name",
      "a\0b"s,
      "\0"s,
      "trailing NUL\0"s,
      "\n\r\t\x1b[31m",
      "caf\xc3\xa9 \xf0\x9f\x98\x80",
      "invalid \xff\xfe utf-8 \xc3",
      "%_ like wildcards",
      "",
      std::string(1 << 20, 'x') + "'end",
  };
  return values;
}

/// PostgreSQL's text holds neither NUL nor invalid UTF-8 (in a UTF8
/// database), and it enforces varchar(50) on the names: such a value is
/// refused with an error, never stored altered.
bool postgres_refuses(const std::string& s) {
  if (s.find('\0') != std::string::npos || s.size() > 40) return true;
  return s.find("\xff") != std::string::npos;  // the one invalid UTF-8 value above
}

TEST_P(Hostile, StringValuesAreStoredAndReadBackExactly) {
  std::vector<std::int64_t> ids;
  std::vector<std::string> stored;
  for (const auto& s : hostile_strings()) {
    if (on_postgres() && postgres_refuses(s)) {
      EXPECT_THROW(insert(band).set(band.name, s).set(band.popularity, 1).run_sync(db),
                   std::exception);
      continue;
    }
    ids.push_back(
        insert(band).set(band.name, s).set(band.popularity, 1).run_sync(db).last_insert_id);
    stored.push_back(s);
  }
  EXPECT_EQ(select(band.id).count_sync(db), static_cast<std::int64_t>(3 + ids.size()))
      << "a refused value left no row";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string& s = stored[i];
    auto back = select(band.name).where(band.id == ids[i]).values_sync(db);
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].size(), s.size()) << "value " << i;
    EXPECT_TRUE(back[0] == s) << "value " << i << " differs";
    EXPECT_EQ(select(band.id).where(band.name == s).values_sync(db),
              std::vector<std::int64_t>{ids[i]})
        << "value " << i << " matches itself and nothing else in a where";
  }
  expect_intact();
}

TEST_P(Hostile, StringValuesSurviveBatchInsertsUpdatesAndObjects) {
  std::vector<Manager> ms;
  for (std::size_t i = 0; i < hostile_strings().size(); ++i) {
    if (on_postgres() && postgres_refuses(hostile_strings()[i])) continue;
    ms.push_back({0, hostile_strings()[i] + std::to_string(i)});
  }
  insert(manager).rows(ms).run_sync(db);
  auto names = select(manager.name).where(manager.id > 2).order_by(manager.id).values_sync(db);
  ASSERT_EQ(names.size(), ms.size());
  for (std::size_t i = 0; i < ms.size(); ++i) EXPECT_TRUE(names[i] == ms[i].name) << i;

  for (const auto& s : hostile_strings()) {
    if (on_postgres() && postgres_refuses(s)) {
      EXPECT_THROW(update(band).set(band.name, s + "!").where(band.id == 3).run_sync(db),
                   std::exception);
      continue;
    }
    update(band).set(band.name, s + "!").where(band.id == 3).run_sync(db);
    EXPECT_TRUE(objects(band).get_sync(db, 3)->name == s + "!");
  }
  update(band).set(band.name, "C-Sharps").where(band.id == 3).run_sync(db);
  expect_intact();
}

TEST_P(Hostile, BlobsWithEveryByteValueAndAMegabyteRoundTrip) {
  Blob all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::byte>(i));
  Blob big(1 << 20, std::byte{0});
  big[12345] = std::byte{'\''};
  for (const Blob& b : {all, big}) {
    qt::Everything e = qt::sample_everything(std::to_string(b.size()));
    e.data = b;
    auto id = insert(qt::everything).values(e).run_sync(db).last_insert_id;
    EXPECT_EQ(select(qt::everything.data).where(qt::everything.id == id).values_sync(db).at(0), b);
  }
}

TEST_P(Hostile, HostileValuesInRawFragmentsAreBoundNotSpliced) {
  std::string attack = "'); DROP TABLE band; --";
  auto hits = select(band.id).where(raw("? = ?", attack, attack)).count_sync(db);
  EXPECT_EQ(hits, 3);
  EXPECT_EQ(select(band.id).where(raw("\"band\".\"name\" = ?", attack)).count_sync(db), 0);
  expect_intact();
}

TEST_P(Hostile, LikePatternsFromUsersAreBoundButStillPatterns) {
  EXPECT_EQ(select(band.id).where(band.name.like("%' OR 1=1 --")).count_sync(db), 0);
  EXPECT_EQ(select(band.id).where(band.name.like("_ust%")).count_sync(db), 1)
      << "wildcards in a bound pattern still match, as in SQL";
}

TEST_P(Hostile, ExecuteRunsOneStatementOnly) {
  try {
    db.execute_sync("SELECT 1; DROP TABLE band");
    FAIL() << "expected UsageError";
  } catch (const UsageError& e) {
    EXPECT_TRUE(contains(e.what(), "execute_script")) << "says what to use: " << e.what();
  }
  EXPECT_NO_THROW(db.execute_sync("SELECT 1; -- trailing comment\n ;"));
  expect_intact();
}

TEST_P(Hostile, AScriptWithANulIsRejectedBeforeItRuns) {
  EXPECT_THROW(db.execute_script_sync("DELETE FROM ticket;\0DROP TABLE band;"s), UsageError);
  EXPECT_EQ(select(ticket.id).count_sync(db), 3) << "nothing before the NUL ran either";
  expect_intact();
}

/// A table whose every name is hostile, for the dynamic layer.
TableSchema hostile_table() {
  TableSchema t;
  t.name = "we\"ird; DROP TABLE band; --";
  t.columns.push_back(qt::make_column("id", TypeKind::int64, true));
  t.columns.push_back(qt::make_column("na\"me", TypeKind::text));
  t.columns.push_back(
      qt::make_column("semi;colon -- x", TypeKind::text, false, "'''); DROP TABLE band; --'"));
  t.primary_key = {"id"};
  t.uniques.push_back({"u\"nique", {"na\"me"}});
  Index index;
  index.name = "ix\"; DROP TABLE band; --";
  index.columns = {"semi;colon -- x"};
  t.indexes.push_back(index);
  t.checks.push_back({"c\"heck", R"("na""me" <> '')"});
  return t;
}

TEST_P(Hostile, HostileIdentifiersAreQuotedInDdlAndQueries) {
  TableSchema t = hostile_table();
  auto ddl = create_table_sql(sql::sqlite_dialect(), t);
  ASSERT_EQ(ddl.size(), 2u);
  EXPECT_TRUE(contains(ddl[0], R"(CREATE TABLE "we""ird; DROP TABLE band; --" ()")) << ddl[0];
  EXPECT_TRUE(contains(ddl[0], R"("na""me" TEXT NOT NULL)")) << ddl[0];
  EXPECT_TRUE(contains(ddl[1], R"(CREATE INDEX "ix""; DROP TABLE band; --")")) << ddl[1];
  for (const auto& s : create_table_sql(db.dialect(), t)) db.execute_sync(s);

  // Insert and read back through statements built with the dynamic layer.
  sql::InsertStmt ins;
  ins.table = t.name;
  ins.columns = {t.columns[1].name};
  ins.rows = {{sql::value(Value(std::string("'; DROP TABLE band; --")))}};
  auto compiled = sql::compile(db.dialect(), ins);
  db.execute_sync(Statement{compiled.sql, compiled.params}, nullptr);

  sql::SelectStmt sel;
  sel.from = t.name;
  sel.columns = {sql::column(t.name, t.columns[1].name), sql::column(t.name, t.columns[2].name)};
  sel.where = sql::binary(sql::BinaryOp::ne, sql::column(t.name, t.columns[1].name),
                          sql::value(Value(std::string(""))));
  auto q = sql::compile(db.dialect(), sel);
  auto rows = qt::query_rows(db, q.sql, q.params);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].as_text(), "'; DROP TABLE band; --");
  EXPECT_EQ(rows[0][1].as_text(), "'); DROP TABLE band; --") << "the DEFAULT literal was quoted";
  EXPECT_EQ(qt::table_names(db).size(), 10u) << "the hostile table was added; none dropped";
  expect_intact();
}

TEST_P(Hostile, NulInAnIdentifierIsRejectedBeforeAnythingRuns) {
  TableSchema t = hostile_table();
  t.columns[1].name = "na\0me"s;
  t.uniques.clear();
  t.checks.clear();
  EXPECT_THROW((void)create_table_sql(sql::sqlite_dialect(), t), UsageError);
  Schema s;
  s.tables = {t};
  EXPECT_THROW(create_tables_sync(db, s), UsageError);

  TableSchema n = hostile_table();
  n.name = "band\0; DROP TABLE band"s;
  EXPECT_THROW((void)drop_table_sql(sql::sqlite_dialect(), n, true), UsageError);
  sql::SelectStmt sel;
  sel.from = n.name;
  sel.columns = {sql::column(n.name, "id")};
  EXPECT_THROW((void)sql::compile(sql::sqlite_dialect(), sel), UsageError);
  expect_intact();
}

TEST_P(Hostile, HostileAliasesAreQuoted) {
  auto out =
      select(band.name.as("x\" FROM band; DROP TABLE band; --")).where(band.id == 1).json_sync(db);
  EXPECT_EQ(out, R"([{"x\" FROM band; DROP TABLE band; --":"Pythonistas"}])");
  expect_intact();
}

QT_INSTANTIATE_FOR_BACKENDS(Hostile);

}  // namespace
