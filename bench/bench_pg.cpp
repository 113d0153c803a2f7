// quarry_bench_pg: Quarry against hand-written libpq, libpqxx and asyncpg on
// one PostgreSQL server and one data set, in one run, printed as one table of
// medians and ratios. bench/README.md explains each case and how to read the
// table; scripts/bench.sh starts a throwaway server, builds and runs it.
//
//   quarry_bench_pg [--reps N] [--no-python] [--only CASE] [--point-queries N]
//                   [--bulk-rows N] [--bulk-reps N] [--stream-rows N]
//
// Environment: QUARRY_BENCH_POSTGRES_URL, else QUARRY_TEST_POSTGRES_URL (the
// server; the tables item, item_src and bench_load.item are dropped and re-created
// in its database), QUARRY_BENCH_PYTHON (default /usr/bin/python3, which has
// Debian's python3-asyncpg), QUARRY_BENCH_ASYNCPG_SCRIPT (default:
// asyncpg_bench.py beside this file).
//
// Fairness rules, as in quarry_bench_sqlite:
//  - connections are opened once, outside the timings; point queries use a
//    statement prepared once per connection (Quarry: a frozen query, which
//    each connection prepares on first use, in the untimed warm-up);
//  - every implementation's result is checked against the raw one, untimed,
//    before timing starts (asyncpg's through CRC-32 fingerprints of the same
//    canonical row text, see row_fingerprint and asyncpg_bench.py);
//  - implementations of one case run interleaved, round by round.
#include <libpq-fe.h>

#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/core.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/crc.hpp>
#include <boost/json/src.hpp>  // header-only Boost.JSON, in this one translation unit

#include "common.hpp"
#include "harness.hpp"
#include "item.hpp"

#if QUARRY_BENCH_HAVE_PQXX
#include <pqxx/pqxx>
#else
#define PQXX_VERSION ""  // only in the names of lines that then say "skipped"
#endif
#if QUARRY_BENCH_HAVE_API
#include <quarry/quarry.hpp>
#endif

#ifndef QUARRY_BENCH_SOURCE_DIR
#define QUARRY_BENCH_SOURCE_DIR "."
#endif

using bench::baseline_row;
using bench::Item;
using bench::peer_row;
using bench::quarry_row;

namespace {

/// The statement every point-query implementation runs.
constexpr const char* point_sql = "SELECT name FROM item WHERE id = $1";

/// The k-th point query's id: spread over the whole table, as in
/// quarry_bench_sqlite's case 4b (7919 is prime, so all ids come up).
std::int64_t point_id(std::int64_t k) {
  return 1 + (k * 7919) % bench::row_count;
}

/// Row i of the bulk-load data: bench::make_item, for any number of rows.
std::vector<Item> make_rows(std::int64_t n) {
  std::vector<Item> rows;
  rows.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 1; i <= n; ++i) rows.push_back(bench::make_item(i));
  return rows;
}

// ======================================================================
// fingerprints: how results that cross a process boundary are compared
// ======================================================================

/// CRC-32 (zlib's, as Python's zlib.crc32) over one canonical line per row:
/// "id|name|round(score × 1e6)|YYYY-MM-DD HH:MM:SS|S<note> or N\n". The
/// score goes as an integer so that no float formatting has to agree.
class Fingerprint {
 public:
  void add(const Item& it) {
    line_.clear();
    line_ += std::to_string(it.id);
    line_ += '|';
    line_ += it.name;
    line_ += '|';
    line_ += std::to_string(std::llround(it.score * 1e6));
    line_ += '|';
    char ts[19];
    line_.append(ts, bench::format_timestamp_fixed(it.created, ts));
    line_ += '|';
    if (it.note) {
      line_ += 'S';
      line_ += *it.note;
    } else {
      line_ += 'N';
    }
    line_ += '\n';
    crc_.process_bytes(line_.data(), line_.size());
  }
  void add_text(std::string_view s) {
    crc_.process_bytes(s.data(), s.size());
    crc_.process_byte('\n');
  }
  std::uint32_t value() const { return crc_.checksum(); }

 private:
  boost::crc_32_type crc_;
  std::string line_;
};

// ======================================================================
// checks: a SELECT without ORDER BY returns heap order, which need not be
// id order (COPY fills pages through the free-space map), so results are
// compared in id order. The timed queries stay as written.
// ======================================================================
std::vector<Item> by_id(std::vector<Item> rows) {
  std::sort(rows.begin(), rows.end(), [](const Item& a, const Item& b) { return a.id < b.id; });
  return rows;
}

bool same_rows_by_id(std::string_view who, const std::vector<Item>& got,
                     const std::vector<Item>& want) {
  return bench::same_rows(who, by_id(got), by_id(want));
}

/// JSON arrays of row objects, compared as values in id order.
bool same_json_by_id(std::string_view who, const std::string& got, const std::string& want) {
  if (got == want) return true;
  const auto sorted = [](const std::string& text) {
    boost::json::array rows = boost::json::parse(text).as_array();
    std::sort(rows.begin(), rows.end(),
              [](const boost::json::value& a, const boost::json::value& b) {
                return a.at("id").to_number<std::int64_t>() < b.at("id").to_number<std::int64_t>();
              });
    return boost::json::serialize(rows);
  };
  try {
    return bench::same_json(who, sorted(got), sorted(want));
  } catch (const std::exception& e) {
    fmt::print(stderr, "CHECK FAILED: {} JSON is not an array of rows: {}\n", who, e.what());
    return false;
  }
}

/// In id order, as asyncpg_bench.py sorts its rows.
std::uint32_t rows_fingerprint(const std::vector<Item>& unsorted) {
  const std::vector<Item> rows = by_id(unsorted);
  Fingerprint f;
  for (const Item& it : rows) f.add(it);
  return f.value();
}

std::uint32_t names_fingerprint(const std::vector<std::string>& names) {
  Fingerprint f;
  for (const auto& n : names) f.add_text(n);
  return f.value();
}

// ======================================================================
// raw: hand-written libpq
// ======================================================================
namespace raw {

struct ResultDeleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

[[noreturn]] void fail(PGconn* c, std::string_view what) {
  std::string message = PQerrorMessage(c);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  throw std::runtime_error(fmt::format("{}: {}", what, message));
}

PGconn* connect(const std::string& url) {
  PGconn* c = PQconnectdb(url.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    std::string message = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("cannot connect to the benchmark server: " + message);
  }
  return c;
}

/// Runs `sql`, which must succeed; returns its result.
Result exec(PGconn* c, const std::string& sql) {
  Result r(PQexec(c, sql.c_str()));
  const auto st = PQresultStatus(r.get());
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) fail(c, sql.substr(0, 80));
  return r;
}

void prepare(PGconn* c, const char* name, const char* sql, int n_params) {
  Result r(PQprepare(c, name, sql, n_params, nullptr));
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail(c, std::string("prepare ") + name);
}

template <class T>
T parse_number(const char* s, int n) {
  T v{};
  std::from_chars(s, s + n, v);
  return v;
}

/// Fills `it` from row `i` of a text-format result of the 5 item columns.
void read_item(const PGresult* r, int i, Item& it) {
  it.id = parse_number<std::int64_t>(PQgetvalue(r, i, 0), PQgetlength(r, i, 0));
  it.name.assign(PQgetvalue(r, i, 1), static_cast<std::size_t>(PQgetlength(r, i, 1)));
  it.score = parse_number<double>(PQgetvalue(r, i, 2), PQgetlength(r, i, 2));
  if (!bench::parse_timestamp_fixed(PQgetvalue(r, i, 3),
                                    static_cast<std::size_t>(PQgetlength(r, i, 3)), it.created))
    throw std::runtime_error("bad timestamp in row " + std::to_string(it.id));
  if (PQgetisnull(r, i, 4) == 0) {
    it.note.emplace(PQgetvalue(r, i, 4), static_cast<std::size_t>(PQgetlength(r, i, 4)));
  } else {
    it.note.reset();
  }
}

// ---------------------------------------------------------------- case 1

/// Point queries in pipeline mode on one non-blocking connection, keeping
/// `depth` queries in flight. `sync_every` = 1 ends every query with its own
/// sync point (an error then fails only that query); larger values sync once
/// per that many queries and ask the server to flush (PQsendFlushRequest) in
/// between, the fastest the protocol allows, and case 1's baseline: Quarry
/// lets consecutive SELECTs share a sync point too (pg_connection.hpp). The
/// statement "point" must be prepared. Returns the names in query order when
/// `keep`; otherwise each is still copied out, as every other side does.
std::vector<std::string> point_pipeline(PGconn* c, int n, int depth, int sync_every, bool keep) {
  std::vector<std::string> names;
  if (keep) names.resize(static_cast<std::size_t>(n));
  if (PQsetnonblocking(c, 1) != 0) fail(c, "PQsetnonblocking");
  if (PQenterPipelineMode(c) != 1) fail(c, "PQenterPipelineMode");
  int sent = 0, done = 0, syncs_sent = 0, syncs_done = 0;
  bool unsynced = false;  // queries sent since the last sync point
  char id_text[24];
  const char* values[1] = {id_text};
  while (done < n || syncs_done < syncs_sent) {
    bool sent_now = false;
    while (sent < n && sent - done < depth) {
      *std::to_chars(id_text, id_text + sizeof id_text - 1, point_id(sent)).ptr = '\0';
      if (PQsendQueryPrepared(c, "point", 1, values, nullptr, nullptr, 0) != 1)
        fail(c, "PQsendQueryPrepared");
      ++sent;
      sent_now = unsynced = true;
      if (sent % sync_every == 0 || sent == n) {
        if (PQpipelineSync(c) != 1) fail(c, "PQpipelineSync");
        ++syncs_sent;
        unsynced = false;
      }
    }
    if (sent_now && unsynced && PQsendFlushRequest(c) != 1) fail(c, "PQsendFlushRequest");
    const int flushed = PQflush(c);  // 0: all sent, 1: the socket is full
    if (flushed < 0) fail(c, "PQflush");
    pollfd p{PQsocket(c), static_cast<short>(POLLIN | (flushed == 1 ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, -1) < 0) throw std::runtime_error("poll failed");
    if ((p.revents & (POLLIN | POLLERR | POLLHUP)) != 0 && PQconsumeInput(c) != 1)
      fail(c, "PQconsumeInput");
    // PQgetResult blocks when libpq has no complete message: ask PQisBusy first.
    while (PQisBusy(c) == 0) {
      PGresult* r = PQgetResult(c);
      if (r == nullptr) {  // the end of one query's results
        if (done == sent && syncs_done == syncs_sent) break;
        continue;
      }
      const Result owned(r);
      switch (PQresultStatus(r)) {
        case PGRES_TUPLES_OK: {
          if (PQntuples(r) != 1) throw std::runtime_error("point query: not one row");
          std::string name(PQgetvalue(r, 0, 0), static_cast<std::size_t>(PQgetlength(r, 0, 0)));
          if (keep) {
            names[static_cast<std::size_t>(done)] = std::move(name);
          } else {
            bench::do_not_optimize(name);
          }
          ++done;
          break;
        }
        case PGRES_PIPELINE_SYNC:
          ++syncs_done;
          break;
        default:
          throw std::runtime_error(std::string("point query: ") + PQresultErrorMessage(r));
      }
    }
  }
  if (PQexitPipelineMode(c) != 1) fail(c, "PQexitPipelineMode");
  if (PQsetnonblocking(c, 0) != 0) fail(c, "PQsetnonblocking");
  return names;
}

/// Point queries one at a time: PQexecPrepared, blocking.
std::vector<std::string> point_sync(PGconn* c, int n, bool keep) {
  std::vector<std::string> names;
  char id_text[24];
  const char* values[1] = {id_text};
  for (int k = 0; k < n; ++k) {
    *std::to_chars(id_text, id_text + sizeof id_text - 1, point_id(k)).ptr = '\0';
    const Result r(PQexecPrepared(c, "point", 1, values, nullptr, nullptr, 0));
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK || PQntuples(r.get()) != 1)
      fail(c, "point query");
    std::string name(PQgetvalue(r.get(), 0, 0),
                     static_cast<std::size_t>(PQgetlength(r.get(), 0, 0)));
    if (keep) {
      names.push_back(std::move(name));
    } else {
      bench::do_not_optimize(name);
    }
  }
  return names;
}

// ---------------------------------------------------------------- cases 2, 3

/// Case 2: every row into an Item. The whole result arrives first (PQexec),
/// as Quarry reads it; the vector is reserved, since libpq knows the count.
std::vector<Item> select_rows(PGconn* c) {
  const Result r = exec(c, bench::select_all_sql);
  const int n = PQntuples(r.get());
  std::vector<Item> out(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) read_item(r.get(), i, out[static_cast<std::size_t>(i)]);
  return out;
}

/// Case 3: the same select written to a JSON array of objects. PostgreSQL's
/// text for int8 and float8 is already a JSON number (shortest round-trip
/// float8 since PostgreSQL 12) and is copied as is; the timestamp's space
/// becomes a `T`.
std::string select_json(PGconn* c) {
  const Result res = exec(c, bench::select_all_sql);
  const PGresult* r = res.get();
  const int n = PQntuples(r);
  std::string out = "[";
  const auto text = [r](int i, int col) {
    return std::string_view(PQgetvalue(r, i, col),
                            static_cast<std::size_t>(PQgetlength(r, i, col)));
  };
  for (int i = 0; i < n; ++i) {
    out += i == 0 ? "{\"id\":" : ",{\"id\":";
    out += text(i, 0);
    out += ",\"name\":";
    bench::append_json_string(out, PQgetvalue(r, i, 1), text(i, 1).size());
    out += ",\"score\":";
    out += text(i, 2);
    out += ",\"created\":\"";
    const std::size_t at = out.size();
    out += text(i, 3);
    if (out.size() > at + 10 && out[at + 10] == ' ') out[at + 10] = 'T';
    out += "\",\"note\":";
    if (PQgetisnull(r, i, 4) != 0) {
      out += "null";
    } else {
      bench::append_json_string(out, PQgetvalue(r, i, 4), text(i, 4).size());
    }
    out += '}';
  }
  out += ']';
  return out;
}

// ---------------------------------------------------------------- case 4

/// Appends `s` in COPY's text format (backslash, tab, newline, CR escaped).
void append_copy_text(std::string& out, std::string_view s) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c != '\\' && c != '\t' && c != '\n' && c != '\r') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    out += '\\';
    out += c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r';
  }
  out.append(s.data() + run, s.size() - run);
}

/// Text COPY of `rows` into `table`, sent in chunks of about 256 kB.
void copy_rows(PGconn* c, const std::string& table, const std::vector<Item>& rows) {
  {
    const Result r(
        PQexec(c, ("COPY " + table + " (id, name, score, created, note) FROM STDIN").c_str()));
    if (PQresultStatus(r.get()) != PGRES_COPY_IN) fail(c, "COPY " + table);
  }
  std::string buf;
  buf.reserve(300'000);
  char ts[19];
  const auto send = [&] {
    if (PQputCopyData(c, buf.data(), static_cast<int>(buf.size())) != 1) fail(c, "PQputCopyData");
    buf.clear();
  };
  for (const Item& it : rows) {
    bench::append_number(buf, it.id);
    buf += '\t';
    append_copy_text(buf, it.name);
    buf += '\t';
    bench::append_number(buf, it.score);
    buf += '\t';
    buf.append(ts, bench::format_timestamp_fixed(it.created, ts));
    buf += '\t';
    if (it.note) {
      append_copy_text(buf, *it.note);
    } else {
      buf += "\\N";
    }
    buf += '\n';
    if (buf.size() >= 256'000) send();
  }
  if (!buf.empty()) send();
  if (PQputCopyEnd(c, nullptr) != 1) fail(c, "PQputCopyEnd");
  const Result r(PQgetResult(c));
  if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail(c, "COPY " + table);
  while (PGresult* extra = PQgetResult(c)) PQclear(extra);
}

/// Multi-row INSERT: one prepared statement of `per_statement` rows
/// ($1 … $5·per_statement, text parameters), the remainder in a second one,
/// all in one transaction.
void insert_multirow(PGconn* c, const std::string& table, const std::vector<Item>& rows,
                     int per_statement) {
  const auto statement_sql = [&](int n) {
    std::string sql = "INSERT INTO " + table + " (id, name, score, created, note) VALUES ";
    for (int i = 0; i < n; ++i) {
      sql += fmt::format("{}(${}, ${}, ${}, ${}, ${})", i == 0 ? "" : ", ", 5 * i + 1, 5 * i + 2,
                         5 * i + 3, 5 * i + 4, 5 * i + 5);
    }
    return sql;
  };
  exec(c, "BEGIN");
  prepare(c, "bulk_full", statement_sql(per_statement).c_str(), 0);
  const int rest = static_cast<int>(rows.size() % static_cast<std::size_t>(per_statement));
  if (rest > 0) prepare(c, "bulk_rest", statement_sql(rest).c_str(), 0);
  // Each row's numbers and timestamp as text; strings point into the rows.
  std::vector<std::string> texts(static_cast<std::size_t>(per_statement) * 3);
  std::vector<const char*> values(static_cast<std::size_t>(per_statement) * 5);
  for (std::size_t start = 0; start < rows.size();
       start += static_cast<std::size_t>(per_statement)) {
    const std::size_t n = std::min(rows.size() - start, static_cast<std::size_t>(per_statement));
    for (std::size_t i = 0; i < n; ++i) {
      const Item& it = rows[start + i];
      std::string* t = &texts[3 * i];
      t[0].clear();
      bench::append_number(t[0], it.id);
      t[1].clear();
      bench::append_number(t[1], it.score);
      char ts[19];
      t[2].assign(ts, bench::format_timestamp_fixed(it.created, ts));
      const char** v = &values[5 * i];
      v[0] = t[0].c_str();
      v[1] = it.name.c_str();
      v[2] = t[1].c_str();
      v[3] = t[2].c_str();
      v[4] = it.note ? it.note->c_str() : nullptr;
    }
    const bool full = n == static_cast<std::size_t>(per_statement);
    const Result r(PQexecPrepared(c, full ? "bulk_full" : "bulk_rest", static_cast<int>(n * 5),
                                  values.data(), nullptr, nullptr, 0));
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
      const std::string message = PQerrorMessage(c);
      exec(c, "ROLLBACK");
      throw std::runtime_error("multi-row INSERT: " + message);
    }
  }
  exec(c, "COMMIT");
  exec(c, "DEALLOCATE bulk_full");
  if (rest > 0) exec(c, "DEALLOCATE bulk_rest");
}

// ---------------------------------------------------------------- case 5

/// The streamed query: `n` rows shaped like item's, made by the server, so
/// that no 10-million-row table has to be loaded first.
std::string stream_sql(std::int64_t n) {
  return fmt::format(
      "SELECT g::int8 AS id, repeat('n', 6 + (g % 25)::int) AS name, "
      "(g % 100000000)::float8 / 1e6 AS score, "
      "timestamp '2023-01-01' + g * interval '317 seconds' AS created, "
      "CASE WHEN g % 3 = 0 THEN NULL ELSE 'note ' || g END AS note "
      "FROM generate_series(1, {}) AS g",
      n);
}

/// The child's side of case 5: streams `n` rows in single-row mode, decoding
/// each into one reused Item, and prints "rows id_sum seconds" on stdout.
int stream_child(const std::string& url, std::int64_t n) {
  PGconn* c = connect(url);
  const auto start = std::chrono::steady_clock::now();
  if (PQsendQuery(c, stream_sql(n).c_str()) != 1) fail(c, "PQsendQuery");
  if (PQsetSingleRowMode(c) != 1) fail(c, "PQsetSingleRowMode");
  std::int64_t rows = 0, id_sum = 0;
  Item it;
  while (PGresult* r = PQgetResult(c)) {
    const Result owned(r);
    const auto st = PQresultStatus(r);
    if (st == PGRES_SINGLE_TUPLE) {
      read_item(r, 0, it);
      ++rows;
      id_sum += it.id;
    } else if (st != PGRES_TUPLES_OK) {
      fail(c, "streaming select");
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  PQfinish(c);
  fmt::print("{} {} {}\n", rows, id_sum, seconds);
  return 0;
}

/// The other way to stream, for comparison: a server-side cursor read with
/// FETCH in batches of `batch` rows (inside a transaction, as a cursor needs).
int stream_child_fetch(const std::string& url, std::int64_t n, int batch) {
  PGconn* c = connect(url);
  const auto start = std::chrono::steady_clock::now();
  exec(c, "BEGIN");
  exec(c, "DECLARE stream_cursor NO SCROLL CURSOR FOR " + stream_sql(n));
  const std::string fetch = fmt::format("FETCH {} FROM stream_cursor", batch);
  std::int64_t rows = 0, id_sum = 0;
  Item it;
  for (;;) {
    const Result r(PQexec(c, fetch.c_str()));
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) fail(c, "FETCH");
    const int got = PQntuples(r.get());
    if (got == 0) break;
    for (int i = 0; i < got; ++i) {
      read_item(r.get(), i, it);
      ++rows;
      id_sum += it.id;
    }
  }
  exec(c, "COMMIT");
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  PQfinish(c);
  fmt::print("{} {} {}\n", rows, id_sum, seconds);
  return 0;
}

}  // namespace raw

// ======================================================================
// libpqxx, in its documented idiom (prepared statements, exec_prepared)
// ======================================================================
#if QUARRY_BENCH_HAVE_PQXX
namespace pqxx_side {

std::vector<std::string> point(pqxx::connection& c, int n, bool keep) {
  std::vector<std::string> names;
  pqxx::nontransaction tx(c);  // autocommit, as the other sides run
  for (int k = 0; k < n; ++k) {
    const pqxx::result r = tx.exec_prepared("point", point_id(k));
    std::string name = r.at(0).at(0).as<std::string>();
    if (keep) {
      names.push_back(std::move(name));
    } else {
      bench::do_not_optimize(name);
    }
  }
  return names;
}

std::vector<Item> select_rows(pqxx::connection& c) {
  pqxx::nontransaction tx(c);
  const pqxx::result r = tx.exec(bench::select_all_sql);
  std::vector<Item> out;
  out.reserve(r.size());
  for (const auto& row : r) {
    Item& it = out.emplace_back();
    it.id = row[0].as<std::int64_t>();
    it.name = row[1].as<std::string>();
    it.score = row[2].as<double>();
    if (!bench::parse_timestamp_fixed(row[3].c_str(), row[3].size(), it.created))
      throw std::runtime_error("bad timestamp in row " + std::to_string(it.id));
    if (!row[4].is_null()) it.note = row[4].as<std::string>();
  }
  return out;
}

}  // namespace pqxx_side
#endif

}  // namespace

// ======================================================================
// Quarry — the side under test (QUARRY_BENCH_HAVE_API: CMake checked that
// the calls below compile against include/quarry).
// ======================================================================
#if QUARRY_BENCH_HAVE_API
// In the struct's namespace: Quarry finds a row struct's table by ADL.
namespace bench {
QUARRY_TABLE(Item, item, (id, quarry::primary_key), (name), (score), (created), (note));
}  // namespace bench

namespace quarry_side {
using bench::item;

auto make_point_query() {
  return quarry::select(item.name).where(item.id == quarry::param<std::int64_t>()).freeze();
}
using PointQuery = decltype(make_point_query());

/// One of the `depth` coroutines of case 1: queries k = w, w + depth, ….
quarry::Task<void> point_worker(quarry::Database& db, const PointQuery& frozen, int w, int n,
                                int depth, std::vector<std::string>* names) {
  for (int k = w; k < n; k += depth) {
    const std::int64_t id = point_id(k);
    std::vector<std::string> got = co_await frozen.run(db, id);
    if (names != nullptr) {
      (*names)[static_cast<std::size_t>(k)] =
          got.size() == 1 ? std::move(got[0]) : fmt::format("<{} rows>", got.size());
    } else {
      bench::do_not_optimize(got);
    }
  }
}

/// Case 1: `depth` coroutines on one io_context, each awaiting its queries
/// one after another, so that up to `depth` are under way at once.
std::vector<std::string> point(quarry::Database& db, const PointQuery& frozen, int n, int depth,
                               bool keep) {
  std::vector<std::string> names;
  if (keep) names.resize(static_cast<std::size_t>(n));
  boost::asio::io_context io;
  std::exception_ptr failure;
  for (int w = 0; w < depth; ++w) {
    boost::asio::co_spawn(io, point_worker(db, frozen, w, n, depth, keep ? &names : nullptr),
                          [&failure](std::exception_ptr e) {
                            if (e && !failure) failure = e;
                          });
  }
  io.run();
  if (failure) std::rethrow_exception(failure);
  return names;
}

std::vector<Item> select_rows(quarry::Database& db) {
  return quarry::select(item).run_sync(db);
}

std::vector<Item> select_rows_awaited(quarry::Database& db) {
  return quarry::run_sync(quarry::select(item).run(db));
}

std::string select_json(quarry::Database& db) {
  return quarry::select(item).json_sync(db);
}

/// Case 4: the batch insert (one prepared INSERT per row, pipelined), in one transaction.
void insert_rows(quarry::Database& db, const std::vector<Item>& rows) {
  db.transaction_sync(
      [&](quarry::Transaction& tx) { quarry::insert(item).rows(rows).run_sync(tx); });
}

/// Case 4: binary COPY.
std::int64_t copy_rows(quarry::Database& db, const std::vector<Item>& rows) {
  return quarry::copy_into(item).rows(rows).run_sync(db);
}
std::int64_t copy_rows_awaited(quarry::Database& db, const std::vector<Item>& rows) {
  return quarry::run_sync(quarry::copy_into(item).rows(rows).run(db));
}

/// Case 5 in a child: select(item).stream over the view bench_stream.item
/// (case 5's generate_series query), chunk by chunk (`awaited`: row by row
/// with co_await next(), the convenient form).
int stream_child(const std::string& url, bool awaited) {
  auto db = quarry::Database::open(url + (url.find('?') == std::string::npos ? "?" : "&") +
                                       "options=-csearch_path%3Dbench_stream",
                                   {.pool_size = 1});
  const auto start = std::chrono::steady_clock::now();
  std::int64_t rows = 0, id_sum = 0;
  if (awaited) {
    const auto body = [&]() -> quarry::Task<void> {
      auto q = quarry::select(item);
      auto s = co_await q.stream(db);
      while (auto it = co_await s.next()) {
        ++rows;
        id_sum += it->id;
      }
    };
    quarry::run_sync(body());
  } else {
    auto s = quarry::select(item).stream_sync(db);
    while (s.next_chunk_sync()) {
      for (const Item& it : s.chunk()) {
        ++rows;
        id_sum += it.id;
      }
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print("{} {} {}\n", rows, id_sum, seconds);
  return 0;
}

}  // namespace quarry_side
#endif

namespace {

// ======================================================================
// asyncpg: bench/asyncpg_bench.py in a child process
// ======================================================================
struct PythonResult {
  std::string skipped;  // non-empty: why there are no figures
  boost::json::object values;
  std::optional<double> number(const char* key) const {
    if (const auto* v = values.if_contains(key); v != nullptr && v->is_number())
      return v->to_number<double>();
    return std::nullopt;
  }
  std::string text(const char* key) const {
    if (const auto* v = values.if_contains(key); v != nullptr && v->is_string())
      return std::string(v->as_string());
    if (const auto* v = values.if_contains(key); v != nullptr && v->is_number())
      return fmt::format("{}", v->to_number<std::int64_t>());
    return "";
  }
};

PythonResult run_asyncpg(const std::string& url, const std::string& args) {
  PythonResult result;
  const std::string python = bench::env_or("QUARRY_BENCH_PYTHON", "/usr/bin/python3");
  const std::string script = bench::env_or(
      "QUARRY_BENCH_ASYNCPG_SCRIPT", std::string(QUARRY_BENCH_SOURCE_DIR) + "/asyncpg_bench.py");
  if (!std::filesystem::exists(python)) {
    result.skipped = "skipped: no " + python;
    return result;
  }
  if (!std::filesystem::exists(script)) {
    result.skipped = "skipped: no " + script;
    return result;
  }
  // The URL goes through the environment, not the command line (it holds a password).
  ::setenv("QUARRY_BENCH_ASYNCPG_URL", url.c_str(), 1);
  const std::string cmd =
      bench::shell_quote(python) + " " + bench::shell_quote(script) + " " + args;
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
    result.skipped = "skipped: asyncpg_bench.py failed (exit " +
                     std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
    return result;
  }
  try {
    result.values = boost::json::parse(out).as_object();
    if (const auto* s = result.values.if_contains("skipped"))
      result.skipped = "skipped: " + std::string(s->as_string());
  } catch (const std::exception& e) {
    result.skipped =
        std::string("skipped: unreadable output from asyncpg_bench.py (") + e.what() + ")";
  }
  return result;
}

/// Compares one of asyncpg's fingerprints with raw's; a mismatch fails the run.
bool same_fingerprint(const PythonResult& py, const char* key, std::uint32_t want) {
  if (!py.skipped.empty()) return true;
  const std::string got = py.text(key);
  if (got == std::to_string(want)) return true;
  fmt::print(stderr, "CHECK FAILED: asyncpg {} is {}, raw {}\n", key, got, want);
  return false;
}

// ======================================================================
// case 5: peak memory of a streaming child
// ======================================================================
struct StreamResult {
  std::optional<double> peak_mb;
  std::int64_t rows = 0, id_sum = 0;
  double seconds = 0;
  std::string error;
};

/// VmHWM (peak resident set) of this process, in kB, from /proc/self/status.
long vm_hwm_kb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

/// Runs this program again as `--stream-child N` (exec, so the child starts
/// with none of this process's memory) and takes the child's own VmHWM as
/// its peak. getrusage's ru_maxrss (from wait4) is only logged: Linux carries
/// the pre-exec high-water mark across exec, so it counts the forked copy of
/// this process's pages (the 1M-row vector of case 4) as the child's.
StreamResult run_stream_child(const char* mode, std::int64_t n) {
  StreamResult result;
  int out[2];
  if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::close(out[1]);
    const std::string rows = std::to_string(n);
    ::execl("/proc/self/exe", "quarry_bench_pg", mode, rows.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(out[1]);
  std::string text;
  char buf[256];
  ssize_t got;
  while ((got = ::read(out[0], buf, sizeof buf)) > 0)
    text.append(buf, static_cast<std::size_t>(got));
  ::close(out[0]);
  int status = 0;
  rusage usage{};
  if (::wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    result.error = "the streaming child failed";
    return result;
  }
  long child_hwm_kb = -1;
  if (std::sscanf(text.c_str(), "%ld %ld %lf %ld", &result.rows, &result.id_sum, &result.seconds,
                  &child_hwm_kb) != 4) {
    result.error = "unreadable output from the streaming child";
    return result;
  }
  if (child_hwm_kb <= 0) {
    result.error = "no VmHWM from the streaming child";
    return result;
  }
  result.peak_mb = static_cast<double>(child_hwm_kb) / 1024.0;
  // ru_maxrss is in kB on Linux; wait4 reports this one child only.
  fmt::print(stderr,
             "  {}: {} rows in {:.2f} s, VmHWM {:.1f} MB (ru_maxrss {:.1f} MB, which "
             "includes the forked parent's pages)\n",
             mode, result.rows, result.seconds, *result.peak_mb, usage.ru_maxrss / 1024.0);
  return result;
}

// ======================================================================
// the run
// ======================================================================
std::string server_url() {
  for (const char* name : {"QUARRY_BENCH_POSTGRES_URL", "QUARRY_TEST_POSTGRES_URL"}) {
    const char* v = std::getenv(name);
    if (v != nullptr && *v != '\0') return v;
  }
  throw std::runtime_error(
      "no server: set QUARRY_BENCH_POSTGRES_URL or QUARRY_TEST_POSTGRES_URL "
      "(scripts/bench.sh starts one with scripts/pg-server.sh)");
}

/// Where case 4 loads: a table named `item` in a schema of its own, so that
/// Quarry's insert(item), which names its table "item", loads there through
/// a Database whose search_path starts with that schema (quarry_load_url).
constexpr const char* load_table = "bench_load.item";

/// `url` with search_path=bench_load (libpq's `options` keyword).
std::string quarry_load_url(const std::string& url) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") +
         "options=-csearch_path%3Dbench_load";
}

constexpr const char* table_columns =
    "(id bigint PRIMARY KEY, name text NOT NULL, score double precision NOT NULL, "
    "created timestamp NOT NULL, note text)";

/// This process's CPU time (user + system), in seconds: case 4 logs each
/// load's own, as the server's ingest competes with it for the machine.
double process_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// A server-side digest of a loaded table, to compare bulk loads.
std::string table_digest(PGconn* c, const std::string& table) {
  const raw::Result r = raw::exec(
      c,
      "SELECT count(*) || ' ' || coalesce(sum(id), 0) || ' ' || "
      "md5(coalesce(string_agg(id || '|' || name || '|' || score || '|' || created || '|' || "
      "coalesce('S' || note, 'N'), E'\\n' ORDER BY id), '')) FROM " +
          table);
  return PQgetvalue(r.get(), 0, 0);
}

int run(int argc, char** argv) {
  const int reps = bench::int_arg(argc, argv, "--reps", 7);
  const int bulk_reps = bench::int_arg(argc, argv, "--bulk-reps", std::min(reps, 3));
  const int point_queries = bench::int_arg(argc, argv, "--point-queries", 100'000);
  const int bulk_rows = bench::int_arg(argc, argv, "--bulk-rows", 1'000'000);
  const int stream_rows = bench::int_arg(argc, argv, "--stream-rows", 10'000'000);
  constexpr int in_flight = 64;
  const bool with_python = !bench::flag_arg(argc, argv, "--no-python");
  const int only = bench::int_arg(argc, argv, "--only", 0);
  const auto wanted = [only](int n) { return only == 0 || only == n; };
  bool checks_ok = true;

  const std::string url = server_url();
  PGconn* raw_db = raw::connect(url);
  const std::string server_version =
      PQgetvalue(raw::exec(raw_db, "SHOW server_version").get(), 0, 0);
  fmt::print(stderr, "quarry_bench_pg: PostgreSQL {}, libpq {}, {} rows, {} repetitions\n",
             server_version, PQlibVersion(), bench::row_count, reps);

  // The data: `item` (the 100k rows of bench/item.hpp) for cases 1–3,
  // `bench_load.item` (empty) for case 4, and `item_src` (case 4's rows) from
  // which asyncpg_bench.py reads its copy of them.
  const std::vector<Item> items = bench::make_items();
  const std::vector<Item> bulk = wanted(4) ? make_rows(bulk_rows) : std::vector<Item>{};
  raw::exec(raw_db, "SET client_min_messages = warning");
  raw::exec(raw_db, "DROP TABLE IF EXISTS item, item_src, bench_load.item");
  raw::exec(raw_db, "CREATE SCHEMA IF NOT EXISTS bench_load");
  raw::exec(raw_db, std::string("CREATE TABLE item ") + table_columns);
  raw::exec(raw_db, std::string("CREATE TABLE ") + load_table + " " + table_columns);
  raw::exec(raw_db, std::string("CREATE TABLE item_src ") + table_columns);
  raw::copy_rows(raw_db, "item", items);
  if (wanted(4) && with_python) raw::copy_rows(raw_db, "item_src", bulk);
  raw::exec(raw_db, "VACUUM ANALYZE item");
  raw::prepare(raw_db, "point", point_sql, 1);

#if QUARRY_BENCH_HAVE_API
  auto quarry_db = quarry::Database::open(url);  // the default pool (4 connections)
  auto quarry_db1 = quarry::Database::open(url, {.pool_size = 1});
  // As Quarry ran before SELECTs shared sync points: case 1's reference row.
  auto quarry_db1_sync_each = quarry::Database::open(
      url + (url.find('?') == std::string::npos ? "?" : "&") + "quarry_pipeline=sync_each",
      {.pool_size = 1});
  auto quarry_load = quarry::Database::open(quarry_load_url(url), {.pool_size = 1});
#endif
#if QUARRY_BENCH_HAVE_PQXX
  pqxx::connection pqxx_db(url);
  pqxx_db.prepare("point", point_sql);
#endif

  // asyncpg runs once, after the C++ cases, on the same server and data; its
  // lines are placed after each case's own.
  PythonResult py;
  if (!with_python) {
    py.skipped = "skipped (--no-python)";
  } else {
    fmt::print(stderr, "asyncpg (bench/asyncpg_bench.py) runs after the C++ sides\n");
  }

  std::vector<bench::Row> table;
  const auto insert_after = [&](const std::string& case_name, bench::Row row) {
    auto pos = table.end();
    for (auto it = table.begin(); it != table.end(); ++it)
      if (it->case_name == case_name) pos = it + 1;
    table.insert(pos, std::move(row));
  };
  std::optional<double> q_point, q_rows, q_json, q_insert, q_copy;
  std::uint32_t want_point_crc = 0, want_rows_crc = 0;
  std::string want_digest;

  // ---------------------------------------------------------------- case 1
  const std::string c1 = fmt::format("1 point select, {} in flight", in_flight);
  if (wanted(1)) {
    fmt::print(stderr, "case {} ({} queries per run)\n", c1, point_queries);
    const std::vector<std::string> want =
        raw::point_pipeline(raw_db, point_queries, in_flight, 1, true);
    for (int k = 0; k < point_queries; ++k) {
      if (want[static_cast<std::size_t>(k)] !=
          items[static_cast<std::size_t>(point_id(k) - 1)].name) {
        fmt::print(stderr, "CHECK FAILED: raw pipeline, query {}\n", k);
        checks_ok = false;
        break;
      }
    }
    want_point_crc = names_fingerprint(want);
    const auto check = [&](std::string_view who, const std::vector<std::string>& got) {
      if (got == want) return true;
      fmt::print(stderr, "CHECK FAILED: {} point queries differ from raw's\n", who);
      return false;
    };
    checks_ok &= check("raw pipeline (batched syncs)",
                       raw::point_pipeline(raw_db, point_queries, in_flight, in_flight, true));
    checks_ok &= check("raw synchronous", raw::point_sync(raw_db, point_queries, true));
    std::vector<bench::Contestant> cs;
    cs.push_back(
        {"raw pipeline", [&] { raw::point_pipeline(raw_db, point_queries, in_flight, 1, false); }});
    cs.push_back({"raw pipeline batched", [&] {
                    raw::point_pipeline(raw_db, point_queries, in_flight, in_flight, false);
                  }});
    cs.push_back({"raw sync", [&] { raw::point_sync(raw_db, point_queries, false); }});
#if QUARRY_BENCH_HAVE_API
    const auto frozen = quarry_side::make_point_query();
    checks_ok &= check("Quarry pool_size 1",
                       quarry_side::point(quarry_db1, frozen, point_queries, in_flight, true));
    checks_ok &= check("Quarry default pool",
                       quarry_side::point(quarry_db, frozen, point_queries, in_flight, true));
    cs.push_back({"Quarry pool 1", [&] {
                    quarry_side::point(quarry_db1, frozen, point_queries, in_flight, false);
                  }});
    checks_ok &=
        check("Quarry pool_size 1, sync_each",
              quarry_side::point(quarry_db1_sync_each, frozen, point_queries, in_flight, true));
    cs.push_back({"Quarry pool 1 sync_each", [&] {
                    quarry_side::point(quarry_db1_sync_each, frozen, point_queries, in_flight,
                                       false);
                  }});
    cs.push_back({"Quarry default pool",
                  [&] { quarry_side::point(quarry_db, frozen, point_queries, in_flight, false); }});
#endif
#if QUARRY_BENCH_HAVE_PQXX
    checks_ok &= check("libpqxx", pqxx_side::point(pqxx_db, point_queries, true));
    cs.push_back({"libpqxx", [&] { pqxx_side::point(pqxx_db, point_queries, false); }});
#endif
    const auto med = bench::measure_interleaved(c1, reps, cs);
    const auto qps = [&](std::string_view name) -> std::optional<double> {
      for (std::size_t i = 0; i < cs.size(); ++i)
        if (cs[i].name == name) return point_queries / med[i];
      return std::nullopt;
    };
    // The floor is the hand-written loop at its best (a sync per 64); the
    // sync-per-query loop stays as a reference row.
    const double floor = *qps("raw pipeline batched");
    const auto info_row = [&](std::string impl, std::optional<double> v) {
      bench::Row r;
      r.case_name = c1;
      r.implementation = std::move(impl);
      r.unit = bench::Unit::per_second;
      r.median = v;
      r.ratio_vs_raw = v ? std::optional<double>(*v / floor) : std::nullopt;
      r.goal = "reference";
      return r;
    };
    table.push_back(baseline_row(c1, "raw libpq pipeline, sync per 64 + flush", floor,
                                 bench::Unit::per_second));
    table.push_back(info_row("raw libpq pipeline, sync per query", qps("raw pipeline")));
    table.push_back(info_row("raw libpq synchronous PQexecPrepared", qps("raw sync")));
    const auto q1 = qps("Quarry pool 1");
    q_point = qps("Quarry default pool");
    table.push_back(
        quarry_row(c1, "Quarry frozen.run, pool_size 1", q1, floor, 0.8, bench::Unit::per_second));
    table.push_back(quarry_row(c1, "Quarry frozen.run, default pool (4)", q_point, floor, 0.8,
                               bench::Unit::per_second));
    table.push_back(info_row("Quarry frozen.run, pool_size 1, quarry_pipeline=sync_each",
                             qps("Quarry pool 1 sync_each")));
    table.push_back(peer_row(c1, "libpqxx " PQXX_VERSION " synchronous", qps("libpqxx"),
                             "skipped: libpqxx not found", floor, q_point, 1.0, false,
                             bench::Unit::per_second));
  }

  // ---------------------------------------------------------------- case 2
  const std::string c2 = "2 select 100k → structs";
  if (wanted(2)) {
    fmt::print(stderr, "case {}\n", c2);
    const std::vector<Item> want = raw::select_rows(raw_db);
    checks_ok &= same_rows_by_id("raw libpq (against bench::make_items)", want, items);
    want_rows_crc = rows_fingerprint(want);
    std::vector<bench::Contestant> cs;
    cs.push_back({"raw libpq", [&] { bench::do_not_optimize(raw::select_rows(raw_db)); }});
#if QUARRY_BENCH_HAVE_API
    checks_ok &= same_rows_by_id("Quarry", quarry_side::select_rows(quarry_db), want);
    checks_ok &=
        same_rows_by_id("Quarry awaited", quarry_side::select_rows_awaited(quarry_db), want);
    cs.push_back({"Quarry", [&] { bench::do_not_optimize(quarry_side::select_rows(quarry_db)); }});
    cs.push_back({"Quarry awaited",
                  [&] { bench::do_not_optimize(quarry_side::select_rows_awaited(quarry_db)); }});
#endif
#if QUARRY_BENCH_HAVE_PQXX
    checks_ok &= same_rows_by_id("libpqxx", pqxx_side::select_rows(pqxx_db), want);
    cs.push_back({"libpqxx", [&] { bench::do_not_optimize(pqxx_side::select_rows(pqxx_db)); }});
#endif
    const auto med = bench::measure_interleaved(c2, reps, cs);
    const auto of = [&](std::string_view name) -> std::optional<double> {
      for (std::size_t i = 0; i < cs.size(); ++i)
        if (cs[i].name == name) return med[i];
      return std::nullopt;
    };
    q_rows = of("Quarry");
    table.push_back(baseline_row(c2, "raw libpq loop (PQexec, text)", med[0]));
    table.push_back(quarry_row(c2, "Quarry select(item).run_sync", q_rows, med[0], 1.10));
    table.push_back(
        quarry_row(c2, "Quarry co_await select(item).run", of("Quarry awaited"), med[0], 1.10));
    table.push_back(peer_row(c2, "libpqxx " PQXX_VERSION, of("libpqxx"),
                             "skipped: libpqxx not found", med[0], q_rows, 1.0));
  }

  // ---------------------------------------------------------------- case 3
  const std::string c3 = "3 select 100k → JSON";
  if (wanted(3)) {
    fmt::print(stderr, "case {}\n", c3);
    const std::string want = raw::select_json(raw_db);
    try {
      if (boost::json::parse(want).as_array().size() != items.size())
        throw std::runtime_error("wrong row count");
    } catch (const std::exception& e) {
      fmt::print(stderr, "CHECK FAILED: raw JSON: {}\n", e.what());
      checks_ok = false;
    }
    if (want_rows_crc == 0) want_rows_crc = rows_fingerprint(items);
    std::vector<bench::Contestant> cs;
    cs.push_back({"raw libpq", [&] { bench::do_not_optimize(raw::select_json(raw_db)); }});
#if QUARRY_BENCH_HAVE_API
    checks_ok &= same_json_by_id("Quarry", quarry_side::select_json(quarry_db), want);
    cs.push_back({"Quarry", [&] { bench::do_not_optimize(quarry_side::select_json(quarry_db)); }});
#endif
    const auto med = bench::measure_interleaved(c3, reps, cs);
    if (cs.size() > 1) q_json = med[1];
    table.push_back(baseline_row(c3, "raw libpq loop, minimal escaping", med[0]));
    table.push_back(quarry_row(c3, "Quarry select(item).json_sync", q_json, med[0], 1.10));
  }

  // ---------------------------------------------------------------- case 4
  const std::string c4 = fmt::format("4 bulk load {}k rows", bulk_rows / 1000);
  if (wanted(4)) {
    fmt::print(stderr, "case {} (median of {})\n", c4, bulk_reps);
    const auto empty_table = [&] { raw::exec(raw_db, std::string("TRUNCATE ") + load_table); };
    raw::exec(raw_db, "TRUNCATE item_src");
    raw::copy_rows(raw_db, "item_src", bulk);
    want_digest = table_digest(raw_db, "item_src");
    if (!with_python) raw::exec(raw_db, "TRUNCATE item_src");
    const auto digest_ok = [&](std::string_view who) {
      const std::string got = table_digest(raw_db, load_table);
      if (got == want_digest) return true;
      fmt::print(stderr, "CHECK FAILED: {} loaded \"{}\", want \"{}\"\n", who, got, want_digest);
      return false;
    };
    std::vector<bench::Contestant> cs;
    empty_table();
    raw::copy_rows(raw_db, load_table, bulk);
    checks_ok &= digest_ok("raw COPY");
    cs.push_back({"raw COPY text", [&] { raw::copy_rows(raw_db, load_table, bulk); }, empty_table});
    empty_table();
    raw::insert_multirow(raw_db, load_table, bulk, 1000);
    checks_ok &= digest_ok("raw multi-row INSERT");
    cs.push_back({"raw multi-row INSERT",
                  [&] { raw::insert_multirow(raw_db, load_table, bulk, 1000); }, empty_table});
#if QUARRY_BENCH_HAVE_API
    empty_table();
    quarry_side::insert_rows(quarry_load, bulk);
    checks_ok &= digest_ok("Quarry insert");
    cs.push_back(
        {"Quarry insert", [&] { quarry_side::insert_rows(quarry_load, bulk); }, empty_table});
    empty_table();
    if (quarry_side::copy_rows(quarry_load, bulk) != bulk_rows) {
      fmt::print(stderr, "CHECK FAILED: Quarry COPY did not count {} rows\n", bulk_rows);
      checks_ok = false;
    }
    checks_ok &= digest_ok("Quarry COPY");
    empty_table();
    quarry_side::copy_rows_awaited(quarry_load, bulk);
    checks_ok &= digest_ok("Quarry COPY awaited");
    cs.push_back({"Quarry COPY", [&] { quarry_side::copy_rows(quarry_load, bulk); }, empty_table});
    cs.push_back({"Quarry COPY awaited", [&] { quarry_side::copy_rows_awaited(quarry_load, bulk); },
                  empty_table});
#endif
    // Each load's client CPU, logged beside its time (the warm-up run too).
    std::vector<std::vector<double>> cpu(cs.size());
    for (std::size_t i = 0; i < cs.size(); ++i) {
      cs[i].fn = [fn = cs[i].fn, &log = cpu[i]] {
        const double before = process_cpu_seconds();
        fn();
        log.push_back(process_cpu_seconds() - before);
      };
    }
    const auto med = bench::measure_interleaved(c4, bulk_reps, cs);
    for (std::size_t i = 0; i < cs.size(); ++i) {
      const double m = bench::median(cpu[i]);
      fmt::print(stderr, "  {:<20} {:<34} client CPU median {:>8.1f} ms ({:.0f} ns/row)\n", c4,
                 cs[i].name, m * 1e3, m * 1e9 / bulk_rows);
    }
    empty_table();
    const auto of = [&](std::string_view name) -> std::optional<double> {
      for (std::size_t i = 0; i < cs.size(); ++i)
        if (cs[i].name == name) return med[i];
      return std::nullopt;
    };
    const auto per_s = [&](std::optional<double> seconds) {
      return seconds ? fmt::format(" — {:.2f} M rows/s", bulk_rows / *seconds / 1e6)
                     : std::string();
    };
    q_insert = of("Quarry insert");
    q_copy = of("Quarry COPY");
    table.push_back(baseline_row(c4, "raw libpq COPY (text)" + per_s(med[0]), med[0]));
    bench::Row multi =
        baseline_row(c4, "raw libpq multi-row INSERT (1000/stmt), 1 txn" + per_s(med[1]), med[1]);
    multi.ratio_vs_raw = med[1] / med[0];
    multi.goal = "reference";
    table.push_back(multi);
    bench::Row q =
        quarry_row(c4, "Quarry insert(item).rows, 1 txn" + per_s(q_insert), q_insert, med[0], 1.0);
    q.goal = "reference";
    q.met = "—";
    table.push_back(q);
    bench::Row copy = quarry_row(
        c4, "Quarry copy_into(item).rows.run_sync (binary)" + per_s(q_copy), q_copy, med[0], 1.0);
    copy.goal = "report; vs asyncpg below";
    copy.met = "—";
    table.push_back(copy);
    const auto q_copy_awaited = of("Quarry COPY awaited");
    bench::Row copy_awaited =
        quarry_row(c4, "Quarry co_await copy_into(item).rows.run" + per_s(q_copy_awaited),
                   q_copy_awaited, med[0], 1.0);
    copy_awaited.goal = "report";
    copy_awaited.met = "—";
    table.push_back(copy_awaited);
  }

  // ---------------------------------------------------------------- case 5
  const std::string c5 = fmt::format("5 stream {}M rows", stream_rows / 1'000'000.0);
  if (wanted(5)) {
    fmt::print(stderr, "case {}\n", c5);
    const std::int64_t n = stream_rows;
    const auto child = [&](const char* mode) {
      StreamResult s = run_stream_child(mode, n);
      if (!s.error.empty() || s.rows != n || s.id_sum != n * (n + 1) / 2) {
        fmt::print(stderr, "CHECK FAILED: streaming child {}: {} ({} rows)\n", mode, s.error,
                   s.rows);
        checks_ok = false;
      }
      return s;
    };
    const auto rate = [](const StreamResult& s) {
      return s.seconds > 0 ? s.rows / s.seconds : 0.0;
    };
    const auto memory_row = [&](std::string impl, const StreamResult& s, double raw_rate) {
      bench::Row r;
      r.case_name = c5;
      r.implementation = fmt::format("{} ({:.2f} M rows/s, {:.2f}× raw)", impl, rate(s) / 1e6,
                                     raw_rate > 0 ? rate(s) / raw_rate : 0.0);
      r.unit = bench::Unit::megabytes;
      r.median = s.peak_mb;
      r.note = s.error;
      r.goal = "peak RSS < 50 MB";
      r.met = s.peak_mb ? bench::verdict(*s.peak_mb < 50) : "n/a";
      return r;
    };
    const StreamResult single = child("--stream-child");
    const StreamResult fetch = child("--stream-child-fetch");
    table.push_back(memory_row("raw libpq single-row mode", single, rate(single)));
    table.push_back(memory_row("raw libpq cursor, FETCH 10000", fetch, rate(single)));
#if QUARRY_BENCH_HAVE_API
    // The view the Quarry children stream through select(item).
    raw::exec(raw_db, "CREATE SCHEMA IF NOT EXISTS bench_stream");
    raw::exec(raw_db, "CREATE OR REPLACE VIEW bench_stream.item AS " + raw::stream_sql(n));
    const StreamResult quarry_chunks = child("--stream-child-quarry");
    const StreamResult quarry_rows = child("--stream-child-quarry-awaited");
    table.push_back(
        memory_row("Quarry select(item).stream_sync, next_chunk", quarry_chunks, rate(single)));
    table.push_back(
        memory_row("Quarry co_await select(item).stream, next()", quarry_rows, rate(single)));
    raw::exec(raw_db, "DROP VIEW bench_stream.item");
#endif
  }

  // ---------------------------------------------------------------- asyncpg
  if (with_python && (wanted(1) || wanted(2) || wanted(3) || wanted(4))) {
    std::string cases;
    for (int n = 1; n <= 4; ++n)
      if (wanted(n)) cases += (cases.empty() ? "" : ",") + std::to_string(n);
    fmt::print(stderr, "asyncpg (bench/asyncpg_bench.py)\n");
    py = run_asyncpg(url, fmt::format("--reps {} --bulk-reps {} --point-queries {} --in-flight {} "
                                      "--pool 8 --cases {}",
                                      reps, bulk_reps, point_queries, in_flight, cases));
    if (wanted(1)) checks_ok &= same_fingerprint(py, "point_crc", want_point_crc);
    if (wanted(2)) checks_ok &= same_fingerprint(py, "rows_crc", want_rows_crc);
    if (wanted(3)) checks_ok &= same_fingerprint(py, "json_crc", want_rows_crc);
    if (wanted(4) && py.skipped.empty() && py.text("copy_digest") != want_digest) {
      fmt::print(stderr, "CHECK FAILED: asyncpg loaded \"{}\", want \"{}\"\n",
                 py.text("copy_digest"), want_digest);
      checks_ok = false;
    }
  }
  const std::string v = py.text("version").empty() ? "" : " " + py.text("version");
  const auto raw_of = [&](const std::string& case_name) {
    for (const auto& r : table)
      if (r.case_name == case_name && r.goal == "baseline") return *r.median;
    return 1.0;
  };
  if (wanted(1)) {
    const auto qps = py.number("point_s");
    insert_after(
        c1, peer_row(c1, "asyncpg" + v + ", 64 tasks, pool of 8",
                     qps ? std::optional<double>(point_queries / *qps) : std::nullopt, py.skipped,
                     raw_of(c1), q_point, 10.0, false, bench::Unit::per_second));
  }
  if (wanted(2))
    insert_after(c2, peer_row(c2, "asyncpg" + v + " fetch, every value touched",
                              py.number("rows_s"), py.skipped, raw_of(c2), q_rows, 1.0));
  if (wanted(3))
    insert_after(c3, peer_row(c3, "asyncpg" + v + " fetch + json.dumps", py.number("json_s"),
                              py.skipped, raw_of(c3), q_json, 3.0));
  if (wanted(4)) {
    const auto copy_s = py.number("copy_s");
    bench::Row r = peer_row(
        c4,
        "asyncpg" + v + " copy_records_to_table (binary)" +
            (copy_s ? fmt::format(" — {:.2f} M rows/s", bulk_rows / *copy_s / 1e6) : std::string()),
        copy_s, py.skipped, raw_of(c4), q_copy, 1.1);
    r.goal = "Quarry COPY ≥ 1.1× faster";
    insert_after(c4, r);
  }

  PQfinish(raw_db);
  fmt::print(
      "\nQuarry benchmarks — PostgreSQL {} (libpq {}), {} rows × 5 columns, median of {} runs "
      "(case 1: {} queries per run; case 4: median of {})\n\n",
      server_version, PQlibVersion(), bench::row_count, reps, point_queries, bulk_reps);
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
    if (argc == 3 && std::string_view(argv[1]).starts_with("--stream-child")) {
      const std::string_view mode = argv[1];
      const std::int64_t n = std::atoll(argv[2]);
      int status = 2;
      if (mode == "--stream-child") {
        status = raw::stream_child(server_url(), n);
      } else if (mode == "--stream-child-fetch") {
        status = raw::stream_child_fetch(server_url(), n, 10'000);
#if QUARRY_BENCH_HAVE_API
      } else if (mode == "--stream-child-quarry") {
        status = quarry_side::stream_child(server_url(), false);
      } else if (mode == "--stream-child-quarry-awaited") {
        status = quarry_side::stream_child(server_url(), true);
#endif
      } else {
        fmt::print(stderr, "quarry_bench_pg: unknown mode {}\n", mode);
        return 2;
      }
      // After the stream, so that the peak includes it; read by the parent.
      fmt::print("{}\n", vm_hwm_kb());
      return status;
    }
    return run(argc, argv);
  } catch (const std::exception& e) {
    fmt::print(stderr, "quarry_bench_pg: {}\n", e.what());
    return 2;
  }
}
