// quarry_bench_sqlite: Quarry against the raw sqlite3 C API and its peers
// (SQLiteCpp, SOCI, SQLAlchemy 1.4) on one SQLite data set, in one run,
// printed as one table of medians and ratios. bench/README.md explains each
// case and how to read the table; scripts/bench.sh builds and runs it.
//
//   quarry_bench_sqlite [--reps N] [--no-python] [--only CASE]
//
// Environment: QUARRY_BENCH_DIR (where the database files go, default
// /tmp/quarry-bench), QUARRY_BENCH_PYTHON (default /usr/bin/python3: the
// interpreter that has SQLAlchemy 1.4 and its C extension),
// QUARRY_BENCH_SQLALCHEMY_SCRIPT (default: sqlalchemy_bench.py beside this file).
//
// Fairness rules every implementation follows:
//  - the connection is opened once, outside the timings; each timed run
//    prepares (or compiles) its statement, as a program running it once would;
//  - results land in the same bench::Item structs (or one std::string of
//    JSON) and are checked against the raw implementation's, untimed;
//  - implementations of one case run interleaved, round by round (see
//    bench::measure_interleaved), and the median of the rounds is reported.
#include <sqlite3.h>

#include <sys/wait.h>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Boost.JSON in header-only mode (one translation unit), for reading
// sqlalchemy_bench.py's output and checking JSON results.
#include <fmt/core.h>
#include <boost/json/src.hpp>

#include "common.hpp"
#include "data.hpp"
#include "harness.hpp"

#if QUARRY_BENCH_HAVE_SQLITECPP
#include <SQLiteCpp/SQLiteCpp.h>
#endif
#if QUARRY_BENCH_HAVE_SOCI
#include "peer_soci.hpp"
#endif
#if QUARRY_BENCH_HAVE_API
#include <quarry/quarry.hpp>
#endif

#ifndef QUARRY_BENCH_SOURCE_DIR
#define QUARRY_BENCH_SOURCE_DIR "."
#endif

using bench::Item;

namespace {

// ======================================================================
// raw: the hand-written sqlite3 C API baseline
// ======================================================================
namespace raw {

/// Case 1: every row into an Item, with the fixed-format timestamp parser.
std::vector<Item> select_rows(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  bench::check(db, sqlite3_prepare_v2(db, bench::select_all_sql, -1, &st, nullptr), "prepare");
  std::vector<Item> out;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    Item& it = out.emplace_back();
    it.id = sqlite3_column_int64(st, 0);
    it.name.assign(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                   static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
    it.score = sqlite3_column_double(st, 2);
    const auto* created = reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
    if (!bench::parse_timestamp_fixed(
            created, static_cast<std::size_t>(sqlite3_column_bytes(st, 3)), it.created)) {
      sqlite3_finalize(st);
      throw std::runtime_error("bad timestamp in row " + std::to_string(it.id));
    }
    if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
      it.note.emplace(reinterpret_cast<const char*>(sqlite3_column_text(st, 4)),
                      static_cast<std::size_t>(sqlite3_column_bytes(st, 4)));
    }
  }
  sqlite3_finalize(st);
  bench::check(db, rc, "step", SQLITE_DONE);
  return out;
}

using bench::append_json_string;
using bench::append_number;

/// Case 2: the same select written straight to a JSON array of objects.
/// `created` goes out as ISO 8601 ("2023-01-01T00:00:00": the stored text
/// with its space replaced), NULL as null.
std::string select_json(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  bench::check(db, sqlite3_prepare_v2(db, bench::select_all_sql, -1, &st, nullptr), "prepare");
  std::string out = "[";
  int rc;
  bool first = true;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    out += first ? "{\"id\":" : ",{\"id\":";
    first = false;
    append_number(out, sqlite3_column_int64(st, 0));
    out += ",\"name\":";
    append_json_string(out, reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                       static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
    out += ",\"score\":";
    append_number(out, sqlite3_column_double(st, 2));
    out += ",\"created\":\"";
    const std::size_t at = out.size();
    out.append(reinterpret_cast<const char*>(sqlite3_column_text(st, 3)),
               static_cast<std::size_t>(sqlite3_column_bytes(st, 3)));
    if (out.size() > at + 10 && out[at + 10] == ' ') out[at + 10] = 'T';
    out += "\",\"note\":";
    if (sqlite3_column_type(st, 4) == SQLITE_NULL) {
      out += "null";
    } else {
      append_json_string(out, reinterpret_cast<const char*>(sqlite3_column_text(st, 4)),
                         static_cast<std::size_t>(sqlite3_column_bytes(st, 4)));
    }
    out += '}';
  }
  out += ']';
  sqlite3_finalize(st);
  bench::check(db, rc, "step", SQLITE_DONE);
  return out;
}

/// Case 3: one transaction, one prepared INSERT stepped per row.
void insert_rows(sqlite3* db, const std::vector<Item>& items) {
  bench::exec(db, "BEGIN");
  sqlite3_stmt* st = nullptr;
  bench::check(db, sqlite3_prepare_v2(db, bench::insert_sql, -1, &st, nullptr), "prepare");
  char ts[19];
  for (const Item& it : items) {
    sqlite3_bind_int64(st, 1, it.id);
    sqlite3_bind_text(st, 2, it.name.data(), static_cast<int>(it.name.size()), SQLITE_STATIC);
    sqlite3_bind_double(st, 3, it.score);
    sqlite3_bind_text(st, 4, ts, static_cast<int>(bench::format_timestamp_fixed(it.created, ts)),
                      SQLITE_STATIC);
    if (it.note) {
      sqlite3_bind_text(st, 5, it.note->data(), static_cast<int>(it.note->size()), SQLITE_STATIC);
    } else {
      sqlite3_bind_null(st, 5);
    }
    const int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
      sqlite3_finalize(st);
      bench::exec(db, "ROLLBACK");
      bench::check(db, rc, "insert", SQLITE_DONE);
    }
    sqlite3_reset(st);
  }
  sqlite3_finalize(st);
  bench::exec(db, "COMMIT");
}

/// Case 4: a point query on a statement prepared once and reused: bind,
/// step to the end collecting names, reset.
class PointQuery {
 public:
  explicit PointQuery(sqlite3* db) : db_(db) {
    bench::check(db,
                 sqlite3_prepare_v3(db, "SELECT name FROM item WHERE id = ?", -1,
                                    SQLITE_PREPARE_PERSISTENT, &st_, nullptr),
                 "prepare");
  }
  ~PointQuery() { sqlite3_finalize(st_); }
  PointQuery(const PointQuery&) = delete;
  PointQuery& operator=(const PointQuery&) = delete;

  std::vector<std::string> run(std::int64_t id) {
    sqlite3_bind_int64(st_, 1, id);
    std::vector<std::string> out;
    int rc;
    while ((rc = sqlite3_step(st_)) == SQLITE_ROW) {
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st_, 0)),
                       static_cast<std::size_t>(sqlite3_column_bytes(st_, 0)));
    }
    sqlite3_reset(st_);
    bench::check(db_, rc, "step", SQLITE_DONE);
    return out;
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

}  // namespace raw

// ======================================================================
// peers: SQLiteCpp and SOCI, each in its documented idiom
// ======================================================================
#if QUARRY_BENCH_HAVE_SQLITECPP
namespace sqlitecpp {

std::vector<Item> select_rows(SQLite::Database& db) {
  SQLite::Statement query(db, bench::select_all_sql);
  std::vector<Item> out;
  while (query.executeStep()) {
    Item& it = out.emplace_back();
    it.id = query.getColumn(0).getInt64();
    it.name = query.getColumn(1).getString();
    it.score = query.getColumn(2).getDouble();
    const SQLite::Column created = query.getColumn(3);
    if (!bench::parse_timestamp_fixed(created.getText(),
                                      static_cast<std::size_t>(created.getBytes()), it.created)) {
      throw std::runtime_error("bad timestamp in row " + std::to_string(it.id));
    }
    const SQLite::Column note = query.getColumn(4);
    if (!note.isNull()) it.note = note.getString();
  }
  return out;
}

}  // namespace sqlitecpp
#endif

}  // namespace

// ======================================================================
// Quarry — the side under test. Written against the API in
// include/quarry/; compiled when QUARRY_BENCH_HAVE_API is 1 (CMake checks
// that the snippet in bench/CMakeLists.txt compiles).
// ======================================================================
#if QUARRY_BENCH_HAVE_API
// ---- QUARRY SLOT: the table declaration --------------------------------
// In the struct's namespace: Quarry finds a row struct's table by ADL.
namespace bench {
QUARRY_TABLE(Item, item, (id, quarry::primary_key), (name), (score), (created), (note));
}  // namespace bench

namespace quarry_side {
using bench::item;

// ---- QUARRY SLOT: case 1, select into typed rows -----------------------
std::vector<Item> select_rows(quarry::Database& db) {
  return quarry::select(item).run_sync(db);
}

// ---- QUARRY SLOT: case 2, select to JSON -------------------------------
std::string select_json(quarry::Database& db) {
  return quarry::select(item).json_sync(db);
}

// ---- QUARRY SLOT: case 3, insert many rows in one transaction ----------
void insert_rows(quarry::Database& db, const std::vector<Item>& items) {
  db.transaction_sync(
      [&](quarry::Transaction& tx) { quarry::insert(item).rows(items).run_sync(tx); });
}

// ---- QUARRY SLOT: case 4a, build a three-condition select and compile it
// to SQL text plus bound values (what runs before every non-frozen query).
auto build_three_conditions() {
  return quarry::select(item.name).where(item.score > 0.5 && item.name.like("a%") &&
                                         item.id < std::int64_t{1000});
}
quarry::sql::CompiledSql build_and_compile() {
  return build_three_conditions().compile();
}
/// The same, rendered for display by sql() (text and values on one line).
std::string build_and_display() {
  return build_three_conditions().sql();
}

// ---- QUARRY SLOT: case 4b, a frozen point query ------------------------
auto make_point_query() {
  return quarry::select(item.name).where(item.id == quarry::param<std::int64_t>()).freeze();
}
template <class Frozen, class Session>
auto run_point_query(Frozen& frozen, Session& session, std::int64_t id) {
  return frozen.run_sync(session, id);
}

}  // namespace quarry_side
#endif

namespace {

// ======================================================================
// SQLAlchemy: bench/sqlalchemy_bench.py in a child process
// ======================================================================
struct PythonResult {
  std::string skipped;  // non-empty: why there are no figures
  std::optional<double> core_rows, orm_objects, core_json;
  std::string version;
};

using bench::env_or;
using bench::shell_quote;

/// Runs the SQLAlchemy script on `db_path` and reads the medians it prints
/// as one JSON object on stdout (its progress goes to stderr, which we share).
PythonResult run_sqlalchemy(const std::string& db_path, int reps) {
  PythonResult result;
  const std::string python = env_or("QUARRY_BENCH_PYTHON", "/usr/bin/python3");
  const std::string script = env_or("QUARRY_BENCH_SQLALCHEMY_SCRIPT",
                                    std::string(QUARRY_BENCH_SOURCE_DIR) + "/sqlalchemy_bench.py");
  if (!std::filesystem::exists(python)) {
    result.skipped = "skipped: no " + python;
    return result;
  }
  if (!std::filesystem::exists(script)) {
    result.skipped = "skipped: no " + script;
    return result;
  }
  const std::string cmd = shell_quote(python) + " " + shell_quote(script) + " " +
                          shell_quote(db_path) + " --reps " + std::to_string(reps);
  std::FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) {
    result.skipped = "skipped: cannot start " + python;
    return result;
  }
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int status = ::pclose(pipe);
  if (status != 0) {
    result.skipped = "skipped: sqlalchemy_bench.py failed (exit " +
                     std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
    return result;
  }
  try {
    const boost::json::object obj = boost::json::parse(out).as_object();
    if (const auto* s = obj.if_contains("skipped")) {
      result.skipped = "skipped: " + std::string(s->as_string());
      return result;
    }
    const auto get = [&](const char* key) -> std::optional<double> {
      if (const auto* v = obj.if_contains(key); v != nullptr && v->is_number())
        return v->to_number<double>();
      return std::nullopt;
    };
    result.core_rows = get("core_rows");
    result.orm_objects = get("orm_objects");
    result.core_json = get("core_json");
    if (const auto* v = obj.if_contains("version")) result.version = std::string(v->as_string());
  } catch (const std::exception& e) {
    result.skipped =
        std::string("skipped: unreadable output from sqlalchemy_bench.py (") + e.what() + ")";
  }
  return result;
}

using bench::same_json;
using bench::same_rows;

using bench::baseline_row;
using bench::flag_arg;
using bench::int_arg;
using bench::peer_row;
using bench::quarry_row;

int run(int argc, char** argv) {
  const int reps = int_arg(argc, argv, "--reps", 7);  // the 100k-row cases
  const int small_reps = std::max(reps * 3, 15);      // the per-operation cases
  const bool with_python = !flag_arg(argc, argv, "--no-python");
  // --only N: run case N alone (for profiling); SQLAlchemy runs only with all cases.
  const int only = int_arg(argc, argv, "--only", 0);
  const auto wanted = [only](int n) { return only == 0 || only == n; };
  bool checks_ok = true;

  const auto dir = bench::bench_dir();
  const std::string select_db = (dir / "select.db").string();
  const std::string insert_db = (dir / "insert.db").string();

  fmt::print(stderr, "quarry_bench_sqlite: SQLite {}, {} rows, {} repetitions, files in {}\n",
             sqlite3_libversion(), bench::row_count, reps, dir.string());
  const std::vector<Item> items = bench::make_items();
  bench::create_db(select_db, items, /*empty=*/false);
  bench::create_db(insert_db, items, /*empty=*/true);

  sqlite3* raw_db = bench::open_raw(select_db);
  sqlite3* raw_ins = bench::open_raw(insert_db);
#if QUARRY_BENCH_HAVE_API
  auto quarry_db =
      quarry::Database::open("sqlite:///" + select_db);  // absolute: sqlite:////tmp/...
  auto quarry_ins = quarry::Database::open("sqlite:///" + insert_db);
#endif
#if QUARRY_BENCH_HAVE_SQLITECPP
  // The same open flags as Quarry and raw (SQLiteCpp passes them to sqlite3_open_v2).
  SQLite::Database cpp_db(select_db, bench::open_flags);
#endif
#if QUARRY_BENCH_HAVE_SOCI
  // SOCI's sqlite3 backend opens in SQLite's default (serialized) mode; its
  // connection string has no way to ask for NOMUTEX.
  bench::SociPeer soci_db(select_db);
#endif

  std::vector<bench::Row> table;
  std::optional<double> q_rows, q_json;

  // ---------------------------------------------------------------- case 1
  const std::string c1 = "1 select 100k → structs";
  if (wanted(1)) {
    fmt::print(stderr, "case {}\n", c1);
    const std::vector<Item> want = raw::select_rows(raw_db);
    if (want != items) {
      fmt::print(stderr, "CHECK FAILED: raw select does not return the data set\n");
      checks_ok = false;
    }
    std::vector<bench::Contestant> cs;
    cs.push_back({"raw sqlite3", [&] { bench::do_not_optimize(raw::select_rows(raw_db)); }});
#if QUARRY_BENCH_HAVE_API
    checks_ok &= same_rows("Quarry", quarry_side::select_rows(quarry_db), want);
    cs.push_back({"Quarry", [&] { bench::do_not_optimize(quarry_side::select_rows(quarry_db)); }});
#endif
#if QUARRY_BENCH_HAVE_SQLITECPP
    checks_ok &= same_rows("SQLiteCpp", sqlitecpp::select_rows(cpp_db), want);
    cs.push_back({"SQLiteCpp", [&] { bench::do_not_optimize(sqlitecpp::select_rows(cpp_db)); }});
#endif
#if QUARRY_BENCH_HAVE_SOCI
    checks_ok &= same_rows("SOCI", soci_db.select_rows(), want);
    checks_ok &= same_rows("SOCI bulk", soci_db.select_rows_bulk(), want);
    cs.push_back({"SOCI row by row", [&] { bench::do_not_optimize(soci_db.select_rows()); }});
    cs.push_back({"SOCI bulk 1000", [&] { bench::do_not_optimize(soci_db.select_rows_bulk()); }});
#endif
    const auto med = bench::measure_interleaved(c1, reps, cs);
    const auto of = [&](std::string_view name) -> std::optional<double> {
      for (std::size_t i = 0; i < cs.size(); ++i)
        if (cs[i].name == name) return med[i];
      return std::nullopt;
    };
    const double raw = med[0];
    q_rows = of("Quarry");
    table.push_back(baseline_row(c1, "raw sqlite3 C API loop", raw));
    table.push_back(quarry_row(c1, "Quarry select(item).run", q_rows, raw, 1.10));
    table.push_back(peer_row(c1, "SQLiteCpp 3.2", of("SQLiteCpp"), "skipped: SQLiteCpp not found",
                             raw, q_rows, 1.0));
    table.push_back(peer_row(c1, "SOCI 4.0 row by row", of("SOCI row by row"),
                             "skipped: SOCI not found", raw, q_rows, 1.0, /*strict=*/true));
    table.push_back(peer_row(c1, "SOCI 4.0 bulk (1000)", of("SOCI bulk 1000"),
                             "skipped: SOCI not found", raw, q_rows, 1.0, /*strict=*/true));
  }

  // ---------------------------------------------------------------- case 2
  const std::string c2 = "2 select 100k → JSON";
  if (wanted(2)) {
    fmt::print(stderr, "case {}\n", c2);
    const std::string want = raw::select_json(raw_db);
    try {
      const auto parsed = boost::json::parse(want);
      if (parsed.as_array().size() != items.size()) throw std::runtime_error("wrong row count");
    } catch (const std::exception& e) {
      fmt::print(stderr, "CHECK FAILED: raw JSON: {}\n", e.what());
      checks_ok = false;
    }
    std::vector<bench::Contestant> cs;
    cs.push_back({"raw sqlite3", [&] { bench::do_not_optimize(raw::select_json(raw_db)); }});
#if QUARRY_BENCH_HAVE_API
    checks_ok &= same_json("Quarry", quarry_side::select_json(quarry_db), want);
    cs.push_back({"Quarry", [&] { bench::do_not_optimize(quarry_side::select_json(quarry_db)); }});
#endif
    const auto med = bench::measure_interleaved(c2, reps, cs);
    const double raw = med[0];
    if (cs.size() > 1) q_json = med[1];
    table.push_back(baseline_row(c2, "raw sqlite3 C loop, minimal escaping", raw));
    table.push_back(quarry_row(c2, "Quarry select(item).json", q_json, raw, 1.10));
  }

  // ---------------------------------------------------------------- case 3
  const std::string c3 = "3 insert 100k, 1 txn";
  if (wanted(3)) {
    fmt::print(stderr, "case {}\n", c3);
    // Each run starts from an empty table and a truncated WAL, untimed.
    const auto empty_table = [&] {
      bench::exec(raw_ins, "DELETE FROM item");
      bench::exec(raw_ins, "PRAGMA wal_checkpoint(TRUNCATE)");
    };
    const auto count_ok = [&](std::string_view who) {
      sqlite3_stmt* st = nullptr;
      bench::check(
          raw_ins,
          sqlite3_prepare_v2(raw_ins, "SELECT count(*), sum(id) FROM item", -1, &st, nullptr),
          "prepare");
      sqlite3_step(st);
      const auto n = sqlite3_column_int64(st, 0);
      const auto sum = sqlite3_column_int64(st, 1);
      sqlite3_finalize(st);
      const bool ok = n == bench::row_count && sum == bench::row_count * (bench::row_count + 1) / 2;
      if (!ok) fmt::print(stderr, "CHECK FAILED: {} inserted {} rows\n", who, n);
      return ok;
    };
    empty_table();
    raw::insert_rows(raw_ins, items);
    checks_ok &= count_ok("raw");
    std::vector<bench::Contestant> cs;
    cs.push_back({"raw sqlite3", [&] { raw::insert_rows(raw_ins, items); }, empty_table});
#if QUARRY_BENCH_HAVE_API
    // Quarry's table is emptied through its own connection, as raw's through
    // raw's: a connection that made the last change keeps its page cache,
    // the other reloads (and, after the harness's malloc_trim, re-faults) it.
    const auto quarry_empty_table = [&] {
      quarry_ins.execute_script_sync("DELETE FROM item; PRAGMA wal_checkpoint(TRUNCATE)");
    };
    quarry_empty_table();
    quarry_side::insert_rows(quarry_ins, items);
    checks_ok &= count_ok("Quarry");
    cs.push_back(
        {"Quarry", [&] { quarry_side::insert_rows(quarry_ins, items); }, quarry_empty_table});
#endif
    const auto med = bench::measure_interleaved(c3, reps, cs);
    table.push_back(baseline_row(c3, "raw prepared-statement loop", med[0]));
    table.push_back(quarry_row(c3, "Quarry insert(item).rows",
                               cs.size() > 1 ? std::optional<double>(med[1]) : std::nullopt, med[0],
                               1.10));
  }

  // ---------------------------------------------------------------- case 4
  const std::string c4a = "4a build+compile 3-cond select";
  const std::string c4b = "4b point query, autocommit";
  const std::string c4c = "4c point query, in 1 txn, hot";
  if (wanted(4)) {
    fmt::print(stderr, "case {}\n", c4a);
    constexpr int ops = 20'000;
    std::optional<double> q_compile, q_display;
#if QUARRY_BENCH_HAVE_API
    fmt::print(stderr, "  SQL: {}\n", quarry_side::build_and_display());
    {
      std::vector<bench::Contestant> cs;
      cs.push_back({"compile()", [&] {
                      for (int i = 0; i < ops; ++i)
                        bench::do_not_optimize(quarry_side::build_and_compile());
                    }});
      cs.push_back({"sql()", [&] {
                      for (int i = 0; i < ops; ++i)
                        bench::do_not_optimize(quarry_side::build_and_display());
                    }});
      const auto med = bench::measure_interleaved(c4a, small_reps, cs);
      q_compile = med[0] / ops * 1e9;
      q_display = med[1] / ops * 1e9;
    }
#endif
    for (const auto& [impl, value] :
         {std::pair{"Quarry select(...).where(...).compile()", q_compile},
          std::pair{"Quarry select(...).where(...).sql() (display)", q_display}}) {
      bench::Row r;
      r.case_name = c4a;
      r.implementation = impl;
      r.unit = bench::Unit::ns_per_op;
      r.median = value;
      if (!value) r.note = "not built (Quarry API pending)";
      r.goal = "report";
      table.push_back(r);
    }

    // 4b: autocommit point queries on ids spread over the whole table, as a
    // service answering one request at a time would run them. On SQLite each
    // autocommit statement also takes and drops the file locks (syscalls),
    // and the 2 MB default page cache does not hold the table.
    // 4c: the same statement inside one read transaction on 1,000 hot ids:
    // no locking, no I/O, so what is left is the per-call cost of the
    // statement and of the library around it.
    const auto spread_id = [](int k) {
      return 1 + (static_cast<std::int64_t>(k) * 7919) % bench::row_count;
    };
    const auto hot_id = [](int k) { return 1 + (static_cast<std::int64_t>(k) * 7919) % 1000; };
    raw::PointQuery point(raw_db);
    if (point.run(42) != std::vector<std::string>{items[41].name}) {
      fmt::print(stderr, "CHECK FAILED: raw point query\n");
      checks_ok = false;
    }
#if QUARRY_BENCH_HAVE_API
    auto frozen = quarry_side::make_point_query();
    {
      const auto got = quarry_side::run_point_query(frozen, quarry_db, 42);
      if (got.size() != 1) {
        fmt::print(stderr, "CHECK FAILED: Quarry point query returned {} rows\n", got.size());
        checks_ok = false;
      }
    }
#endif
    // `n` queries per timed run: the hot case runs 100,000 (~45 ms), as short
    // runs of a 450 ns query were at the mercy of the VM's scheduling (the
    // same binary measured 0.96x to 1.09x).
    const auto point_case = [&](const std::string& name, bool in_transaction, auto id_at, int n) {
      fmt::print(stderr, "case {} ({} queries per run)\n", name, n);
      std::vector<bench::Contestant> cs;
      cs.push_back({"raw sqlite3", [&] {
                      if (in_transaction) bench::exec(raw_db, "BEGIN");
                      for (int k = 0; k < n; ++k) bench::do_not_optimize(point.run(id_at(k)));
                      if (in_transaction) bench::exec(raw_db, "COMMIT");
                    }});
#if QUARRY_BENCH_HAVE_API
      cs.push_back(
          {"Quarry frozen", [&] {
             if (in_transaction) {
               quarry_db.transaction_sync([&](quarry::Transaction& tx) {
                 for (int k = 0; k < n; ++k)
                   bench::do_not_optimize(quarry_side::run_point_query(frozen, tx, id_at(k)));
               });
             } else {
               for (int k = 0; k < n; ++k)
                 bench::do_not_optimize(quarry_side::run_point_query(frozen, quarry_db, id_at(k)));
             }
           }});
#endif
      auto med = bench::measure_interleaved(name, small_reps, cs);
      for (double& m : med) m = m / n * 1e9;
      table.push_back(
          baseline_row(name, "raw reused prepared statement", med[0], bench::Unit::ns_per_op));
      table.push_back(quarry_row(name, "Quarry frozen query",
                                 cs.size() > 1 ? std::optional<double>(med[1]) : std::nullopt,
                                 med[0], 1.05, bench::Unit::ns_per_op));
    };
    point_case(c4b, /*in_transaction=*/false, spread_id, ops);
    point_case(c4c, /*in_transaction=*/true, hot_id, 5 * ops);
  }

  // ---------------------------------------------------- SQLAlchemy (1 and 2)
  if (wanted(1) && wanted(2)) {
    PythonResult py;
    if (with_python) {
      fmt::print(stderr, "SQLAlchemy (bench/sqlalchemy_bench.py)\n");
      py = run_sqlalchemy(select_db, reps);
    } else {
      py.skipped = "skipped (--no-python)";
    }
    const std::string v = py.version.empty() ? "1.4" : py.version;
    // Insert the Python lines after each case's own lines.
    const auto insert_after = [&](const std::string& case_name, bench::Row row) {
      auto pos = table.end();
      for (auto it = table.begin(); it != table.end(); ++it)
        if (it->case_name == case_name) pos = it + 1;
      table.insert(pos, std::move(row));
    };
    const auto raw_of = [&](const std::string& case_name) {
      for (const auto& r : table)
        if (r.case_name == case_name && r.goal == "baseline") return *r.median;
      return 1.0;
    };
    insert_after(c1, peer_row(c1, "SQLAlchemy " + v + " Core rows", py.core_rows, py.skipped,
                              raw_of(c1), q_rows, 3.0));
    insert_after(c1, peer_row(c1, "SQLAlchemy " + v + " ORM objects", py.orm_objects, py.skipped,
                              raw_of(c1), q_rows, 20.0));
    insert_after(c2, peer_row(c2, "SQLAlchemy " + v + " Core + json.dumps", py.core_json,
                              py.skipped, raw_of(c2), q_json, 6.0));
  }

  sqlite3_close(raw_db);
  sqlite3_close(raw_ins);

  fmt::print(
      "\nQuarry benchmarks — SQLite {}, {} rows × 5 columns, median of {} runs "
      "(case 4: {} runs of 20,000 ops; 4c 100,000)\n\n",
      sqlite3_libversion(), bench::row_count, reps, small_reps);
  bench::print_table(stdout, table);
#if !QUARRY_BENCH_HAVE_API
  fmt::print("\nQuarry side not built: QUARRY_BENCH_HAVE_API is 0 (see bench/README.md).\n");
#endif
  if (!checks_ok) {
    fmt::print("\nSome result checks FAILED (see above); the figures are not comparable.\n");
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    fmt::print(stderr, "quarry_bench_sqlite: {}\n", e.what());
    return 2;
  }
}
