// The shared benchmark data set: one SQLite file with table `item` holding
// 100,000 deterministic rows (bench/item.hpp says what they are), and a
// second file with the same, empty table for the insert case.
//
// The files live in $QUARRY_BENCH_DIR, else /tmp/quarry-bench. They are
// rebuilt on every run, so every implementation (and sqlalchemy_bench.py)
// reads the same bytes.
#pragma once

#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "item.hpp"

namespace bench {

/// The directory for the benchmark files: $QUARRY_BENCH_DIR or /tmp/quarry-bench.
inline std::filesystem::path bench_dir() {
  const char* env = std::getenv("QUARRY_BENCH_DIR");
  std::filesystem::path dir = (env != nullptr && *env != '\0') ? env : "/tmp/quarry-bench";
  std::filesystem::create_directories(dir);
  return std::filesystem::absolute(dir);
}

// ------------------------------------------------------------ the files

/// Throws with SQLite's message when `rc` is not `expected`.
inline void check(sqlite3* db, int rc, const char* what, int expected = SQLITE_OK) {
  if (rc != expected) {
    throw std::runtime_error(std::string(what) + ": " +
                             (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
}

inline void exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = std::string(sql) + ": " + (message != nullptr ? message : "?");
    sqlite3_free(message);
    throw std::runtime_error(text);
  }
}

/// Flags as Quarry's SQLite driver opens a file with. NOMUTEX matters: in
/// the default (serialized) mode every sqlite3_column_* call takes the
/// connection's mutex, which costs the raw loop ~10% on case 1.
inline constexpr int open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;

/// Opens `path` with the settings Quarry's SQLite driver applies to a
/// writable file (open_flags, WAL, synchronous=NORMAL), so the raw side pays
/// the same locking and journaling costs as Quarry, and no more.
inline sqlite3* open_raw(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, open_flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path + ": " + message);
  }
  exec(db, "PRAGMA journal_mode=WAL");
  exec(db, "PRAGMA synchronous=NORMAL");
  return db;
}

inline void remove_db_files(const std::filesystem::path& path) {
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + "-wal");
  std::filesystem::remove(path.string() + "-shm");
  std::filesystem::remove(path.string() + "-journal");
}

/// (Re)creates `path` with table `item`, filled with `items` unless `empty`,
/// checkpointed so that readers see a plain database file.
inline void create_db(const std::filesystem::path& path, const std::vector<Item>& items,
                      bool empty) {
  remove_db_files(path);
  sqlite3* db = open_raw(path.string());
  try {
    exec(db, item_schema);
    if (!empty) {
      exec(db, "BEGIN");
      sqlite3_stmt* st = nullptr;
      check(db, sqlite3_prepare_v2(db, insert_sql, -1, &st, nullptr), "prepare insert");
      char ts[19];
      for (const Item& it : items) {
        sqlite3_bind_int64(st, 1, it.id);
        sqlite3_bind_text(st, 2, it.name.data(), static_cast<int>(it.name.size()), SQLITE_STATIC);
        sqlite3_bind_double(st, 3, it.score);
        sqlite3_bind_text(st, 4, ts, static_cast<int>(format_timestamp_fixed(it.created, ts)),
                          SQLITE_STATIC);
        if (it.note) {
          sqlite3_bind_text(st, 5, it.note->data(), static_cast<int>(it.note->size()),
                            SQLITE_STATIC);
        } else {
          sqlite3_bind_null(st, 5);
        }
        check(db, sqlite3_step(st), "insert", SQLITE_DONE);
        sqlite3_reset(st);
      }
      sqlite3_finalize(st);
      exec(db, "COMMIT");
    }
    exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
}

}  // namespace bench
