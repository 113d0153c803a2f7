// Helpers for tests that run against real SQLite databases: uniquely named
// temporary database files that clean up after themselves, fresh in-memory
// databases with the test schema, a known playground data set, and running
// a coroutine to completion on an io_context.
#pragma once

#include <atomic>
#include <chrono>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include <unistd.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <quarry/quarry.hpp>

#include "support/models.hpp"

namespace qt {

/// A database file path under the system temp directory, unique to this
/// process and object; the file and its -wal/-shm/-journal siblings are
/// removed on destruction.
class TempDbFile {
 public:
  explicit TempDbFile(std::string_view tag = "db") {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("quarry_test_" + std::string(tag) + "_" + std::to_string(::getpid()) + "_" +
             std::to_string(counter++) + ".db");
    remove_all();
  }
  ~TempDbFile() { remove_all(); }
  TempDbFile(const TempDbFile&) = delete;
  TempDbFile& operator=(const TempDbFile&) = delete;

  const std::filesystem::path& path() const { return path_; }
  /// sqlite:////abs/path.db, with an optional query string ("pool_size=4").
  std::string url(std::string_view query = {}) const {
    std::string u = "sqlite:///" + path_.string();
    if (!query.empty()) u += "?" + std::string(query);
    return u;
  }

 private:
  void remove_all() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(path_.string() + suffix, ec);
    }
  }
  std::filesystem::path path_;
};

/// A fresh in-memory database holding the (empty) tables of test_schema().
inline quarry::Database memory_db() {
  auto db = quarry::Database::open("sqlite://:memory:");
  quarry::create_tables_sync(db, test_schema());
  return db;
}

/// Inserts a small, known playground data set:
///   managers: 1 Guido, 2 Graydon
///   bands:    1 Pythonistas (manager 1, popularity 1000)
///             2 Rustaceans  (manager 2, popularity 500)
///             3 C-Sharps    (no manager, popularity 10)
///   venues:   1 Arena (capacity 1000), 2 Club (capacity 100)
///   concerts: 1 Pythonistas+Rustaceans at Arena, 2 Rustaceans+C-Sharps at Club
///   tickets:  1 concert 1 "50.00" standing, 2 concert 1 "120.50" premium,
///             3 concert 2 "15.25" seated
inline void seed_playground(quarry::Session& db) {
  using namespace playground;
  db.execute_sync("INSERT INTO manager (id, name) VALUES (1, 'Guido'), (2, 'Graydon')");
  db.execute_sync(
      "INSERT INTO band (id, name, manager, popularity) VALUES (1, 'Pythonistas', 1, 1000), "
      "(2, 'Rustaceans', 2, 500), (3, 'C-Sharps', NULL, 10)");
  db.execute_sync(
      "INSERT INTO venue (id, name, capacity) VALUES (1, 'Arena', 1000), (2, 'Club', 100)");
  db.execute_sync(
      "INSERT INTO concert (id, band_1, band_2, venue, starts) VALUES "
      "(1, 1, 2, 1, '2024-05-01 20:00:00'), (2, 2, 3, 2, '2024-06-01 19:30:00')");
  db.execute_sync(
      "INSERT INTO ticket (id, concert, price, ticket_type) VALUES (1, 1, '50.00', 'standing'), "
      "(2, 1, '120.50', 'premium'), (3, 2, '15.25', 'seated')");
}

/// Runs `task` on a fresh io_context until it completes; rethrows its exception.
template <class T>
T run_on_loop(quarry::Task<T> task) {
  return quarry::run_sync(std::move(task));
}

/// Collects every row of a statement as Values (for reading sqlite_master
/// and checking what a raw statement stored).
class CollectSink final : public quarry::RowSink {
 public:
  void on_row(const quarry::RowReader& r) override {
    std::vector<quarry::Value> row;
    for (std::size_t i = 0; i < r.column_count(); ++i) {
      row.push_back(r.value(i));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::vector<quarry::Value>> rows;
};

/// Runs `sql` (with `params`) and returns its rows.
inline std::vector<std::vector<quarry::Value>> query_rows(quarry::Session& db, std::string_view sql,
                                                          std::vector<quarry::Value> params = {}) {
  CollectSink sink;
  db.execute_sync(quarry::Statement{sql, params}, &sink);
  return std::move(sink.rows);
}

/// The type the database reports for the value stored in `column` of the
/// first row of `table`: SQLite's storage class (typeof: "integer", "text",
/// "blob", ...) or PostgreSQL's column type (pg_typeof: "integer", "bytea").
inline std::string stored_type(quarry::Session& db, std::string_view table,
                               std::string_view column) {
  const std::string c = "\"" + std::string(column) + "\"";
  const std::string t = "\"" + std::string(table) + "\"";
  const std::string sql = db.dialect().name() == "postgresql"
                              ? "SELECT pg_typeof(" + c + ")::text FROM " + t + " LIMIT 1"
                              : "SELECT typeof(" + c + ") FROM " + t + " LIMIT 1";
  return query_rows(db, sql).at(0).at(0).as_text();
}

/// The names of the tables in the database (PostgreSQL: the current schema), sorted.
inline std::vector<std::string> table_names(quarry::Session& db) {
  std::vector<std::string> out;
  const char* sql =
      db.dialect().name() == "postgresql"
          ? "SELECT table_name::text FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE \"C\""
          : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name";
  for (auto& row : query_rows(db, sql)) {
    out.push_back(row[0].as_text());
  }
  return out;
}

/// A ColumnSchema for hand-built TableSchemas (the dynamic layer).
inline quarry::ColumnSchema make_column(std::string name, quarry::TypeKind kind,
                                        bool auto_increment = false,
                                        std::optional<std::string> default_sql = std::nullopt) {
  quarry::ColumnSchema c;
  c.name = std::move(name);
  c.type.kind = kind;
  c.auto_increment = auto_increment;
  c.default_sql = std::move(default_sql);
  return c;
}

/// Bytes as a Blob.
inline quarry::Blob bytes(std::initializer_list<int> values);

/// A row of `everything` with a distinctive value in every column, the
/// optionals set; `code` makes it unique.
inline Everything sample_everything(std::string code = "A-1") {
  using namespace std::chrono;
  using namespace std::chrono_literals;
  Everything e;
  e.small = -32768;
  e.medium = 2147483647;
  e.big = -9223372036854775807LL - 1;
  e.real = 0.1;
  e.price = quarry::Decimal("-0.50");
  e.amount = quarry::Decimal("12345678901234567890.123456789");
  e.text = "caf\xc3\xa9 \"quoted\" it's";
  e.code = std::move(code);
  e.flag = true;
  e.data = {std::byte{0}, std::byte{1}, std::byte{0}, std::byte{255}, std::byte{0}};
  e.day = year{2024} / February / 29;
  e.time = quarry::TimeOfDay{23h + 59min + 59s + 999999us};
  e.at = local_days{year{2024} / May / 1} + 12h + 30min + 15s + 123456us;
  e.at_tz = sys_days{year{1969} / December / 31} + 23h + 59min + 59s + 500000us;
  e.uuid = quarry::Uuid::parse("123e4567-e89b-12d3-a456-426614174000");
  e.doc = quarry::Json{R"({"a": [1, 2], "b": null})"};
  e.color = Color::blue;
  e.level = Level::high;
  e.maybe_int = -5;
  e.maybe_text = "";
  e.maybe_price = quarry::Decimal("99999999.99");
  e.maybe_at = local_days{year{1999} / December / 31} + 23h + 59min + 59s + 1us;
  e.maybe_color = Color::green;
  e.maybe_flag = false;
  return e;
}

/// Bytes as a Blob.
inline quarry::Blob bytes(std::initializer_list<int> values) {
  quarry::Blob out;
  for (int v : values) out.push_back(static_cast<std::byte>(v));
  return out;
}

}  // namespace qt
