#!/usr/bin/env python3
"""Writes the two translation units of the compile-time benchmark.

    generate.py OUT_DIR [--include-dir /path/to/quarry/include]

OUT_DIR/quarry_tu.cpp    30 tables declared with QUARRY_TABLE and 100 queries
                         that use them (selects of columns, whole rows, JSON,
                         objects(), insert/update/delete, aggregates, frozen
                         queries, coroutines), as an application's data layer
                         would.
OUT_DIR/baseline_tu.cpp  the same row structs and only the standard and Asio
                         headers that Quarry's public headers include: what a
                         program pays before Quarry adds anything.
OUT_DIR/headers_tu.cpp   the baseline plus <quarry/quarry.hpp>, no tables or
                         queries: splits Quarry's cost into its headers and
                         what each table and query instantiates.
OUT_DIR/handwritten_tu.cpp
                         the same 100 queries written by hand against
                         <sqlite3.h> (and an Asio coroutine for the awaited
                         kind), on the same row structs and returning the
                         same result types: what the queries cost any C++
                         program, with or without a library.

The baseline's header list is read from include/quarry/**/*.hpp (every
#include <...> that is not a Quarry header), so it follows the library as it
changes; the headers the issue names are always among them.
"""

import argparse
import pathlib
import re

TABLES = 30
QUERIES = 100

# The headers the issue names for the baseline; the scan below adds the rest.
REQUIRED_HEADERS = [
    "boost/asio/awaitable.hpp",
    "string",
    "vector",
    "optional",
    "chrono",
    "tuple",
    "memory",
    "functional",
    "cstdint",
]


def public_headers(include_dir: pathlib.Path):
    """Every non-Quarry <header> included by Quarry's public headers, sorted."""
    found = set(REQUIRED_HEADERS)
    for path in include_dir.glob("quarry/**/*.hpp"):
        for match in re.finditer(r"^\s*#\s*include\s*<([^>]+)>", path.read_text(), re.M):
            name = match.group(1)
            if not name.startswith("quarry/"):
                found.add(name)
    return sorted(found, key=lambda h: (h.startswith("boost/"), h))


def struct(i: int) -> str:
    parent = "" if i == 0 else "  std::int64_t parent_id{};\n"
    return (
        f"struct Row{i} {{\n"
        "  std::int64_t id{};\n"
        "  std::string name;\n"
        "  double score{};\n"
        "  std::int32_t rank{};\n"
        "  std::chrono::local_time<std::chrono::microseconds> created{};\n"
        "  std::optional<std::string> note;\n"
        f"{parent}"
        "};\n"
    )


def table(i: int) -> str:
    parent = "" if i == 0 else f", (parent_id, quarry::index, references(t{i - 1}.id))"
    return (
        f"QUARRY_TABLE(Row{i}, t{i}, (id, primary_key), (name, varchar(50)), (score), (rank, quarry::index),\n"
        f"             (created), (note){parent});\n"
    )


def query_parts(q: int):
    """Query number q's table index, table object, pattern and function name."""
    i = q % TABLES
    return i, f"t{i}", q % 10, f"query_{q:03d}"


def query(q: int) -> str:
    """Query number q, on table q % TABLES, of pattern q % 10."""
    i, t, pattern, name = query_parts(q)
    if pattern == 0:
        return (
            f"auto {name}(Database& db) {{\n"
            f"  return select({t}.id, {t}.name)\n"
            f"      .where({t}.score > 1.5 && {t}.name.like(\"a%\"))\n"
            f"      .order_by({t}.score.desc()).limit(10).run_sync(db);\n}}\n"
        )
    if pattern == 1:
        return (
            f"std::vector<Row{i}> {name}(Database& db, std::int64_t id) {{\n"
            f"  return select({t}).where({t}.id == id).run_sync(db);\n}}\n"
        )
    if pattern == 2:
        return (
            f"std::string {name}(Database& db) {{\n"
            f"  return select({t}.id, {t}.name, {t}.score, {t}.created, {t}.note)\n"
            f"      .where({t}.rank >= 3 || {t}.note.is_null()).json_sync(db);\n}}\n"
        )
    if pattern == 3:
        return (
            f"std::optional<Row{i}> {name}(Database& db, std::int64_t id) {{\n"
            f"  return objects({t}).get_sync(db, id);\n}}\n"
        )
    if pattern == 4:
        return (
            f"ExecResult {name}(Database& db) {{\n"
            f"  return update({t}).set({t}.score, {t}.score + 1.0).where({t}.rank < 10).run_sync(db);\n}}\n"
        )
    if pattern == 5:
        return (
            f"ExecResult {name}(Database& db) {{\n"
            f"  return delete_from({t}).where({t}.note.is_null() && {t}.score < 0.5).run_sync(db);\n}}\n"
        )
    if pattern == 6:
        return (
            f"ExecResult {name}(Database& db, const std::vector<Row{i}>& rows) {{\n"
            f"  return insert({t}).rows(rows).run_sync(db);\n}}\n"
        )
    if pattern == 7:
        return (
            f"std::int64_t {name}(Database& db) {{\n"
            f"  return select({t}.id).where({t}.score.between(1.0, 2.0)).count_sync(db);\n}}\n"
        )
    if pattern == 8:
        return (
            # The query is built before co_await: GCC 12 rejects a braced list
            # inside a coroutine's co_await expression ("array used as initializer").
            f"Task<std::size_t> {name}(Database& db) {{\n"
            f"  const auto query = select({t}.id, {t}.rank).where({t}.rank.in_({{1, 2, 3}})).order_by({t}.id);\n"
            f"  auto rows = co_await query.run(db);\n"
            f"  co_return rows.size();\n}}\n"
        )
    # pattern 9: a frozen point query
    return (
        f"std::vector<std::string> {name}(Database& db, std::int64_t id) {{\n"
        f"  static const auto frozen =\n"
        f"      select({t}.name).where({t}.id == param<std::int64_t>()).freeze();\n"
        f"  return frozen.run_sync(db, id);\n}}\n"
    )


# --- The same queries by hand, on the sqlite3 C API ----------------------

HANDWRITTEN_HELPERS = """\
inline void check(sqlite3* db, int rc) {
  if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
    throw std::runtime_error(sqlite3_errmsg(db));
}
inline sqlite3_stmt* prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  check(db, sqlite3_prepare_v2(db, sql, -1, &s, nullptr));
  return s;
}
inline std::string text(sqlite3_stmt* s, int i) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s, i))) : std::string();
}
inline std::optional<std::string> optional_text(sqlite3_stmt* s, int i) {
  if (sqlite3_column_type(s, i) == SQLITE_NULL) return std::nullopt;
  return text(s, i);
}
struct Statement {
  sqlite3_stmt* s;
  ~Statement() { sqlite3_finalize(s); }
};
"""


def handwritten_row(i: int) -> str:
    parent = "    r.parent_id = sqlite3_column_int64(st.s, 6);\n" if i else ""
    return (
        f"    Row{i} r;\n"
        "    r.id = sqlite3_column_int64(st.s, 0);\n"
        "    r.name = text(st.s, 1);\n"
        "    r.score = sqlite3_column_double(st.s, 2);\n"
        "    r.rank = sqlite3_column_int(st.s, 3);\n"
        "    r.created = std::chrono::local_time<std::chrono::microseconds>(\n"
        "        std::chrono::microseconds(sqlite3_column_int64(st.s, 4)));\n"
        "    r.note = optional_text(st.s, 5);\n"
        f"{parent}"
    )


def handwritten_query(q: int) -> str:
    """query(q) by hand: the same SQL, values bound, the same result type."""
    i, t, pattern, name = query_parts(q)
    if pattern == 0:
        return (
            f"std::vector<std::tuple<std::int64_t, std::string>> {name}(sqlite3* db) {{\n"
            f'  Statement st{{prepare(db, "SELECT id, name FROM {t} WHERE score > ? AND name LIKE ? "\n'
            '                             "ORDER BY score DESC LIMIT ?")};\n'
            "  sqlite3_bind_double(st.s, 1, 1.5);\n"
            '  sqlite3_bind_text(st.s, 2, "a%", -1, SQLITE_STATIC);\n'
            "  sqlite3_bind_int64(st.s, 3, 10);\n"
            "  std::vector<std::tuple<std::int64_t, std::string>> out;\n"
            "  int rc;\n"
            "  while ((rc = sqlite3_step(st.s)) == SQLITE_ROW)\n"
            "    out.emplace_back(sqlite3_column_int64(st.s, 0), text(st.s, 1));\n"
            "  check(db, rc);\n"
            "  return out;\n}\n"
        )
    if pattern in (1, 3):
        result = f"std::vector<Row{i}>" if pattern == 1 else f"std::optional<Row{i}>"
        keep = "    out.push_back(std::move(r));\n" if pattern == 1 else "    out = std::move(r);\n"
        return (
            f"{result} {name}(sqlite3* db, std::int64_t id) {{\n"
            f'  Statement st{{prepare(db, "SELECT * FROM {t} WHERE id = ?")}};\n'
            "  sqlite3_bind_int64(st.s, 1, id);\n"
            f"  {result} out;\n"
            "  int rc;\n"
            "  while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {\n"
            f"{handwritten_row(i)}{keep}"
            "  }\n"
            "  check(db, rc);\n"
            "  return out;\n}\n"
        )
    if pattern == 2:
        return (
            f"std::string {name}(sqlite3* db) {{\n"
            f'  Statement st{{prepare(db, "SELECT id, name, score, created, note FROM {t} "\n'
            '                             "WHERE rank >= ? OR note IS NULL")};\n'
            "  sqlite3_bind_int64(st.s, 1, 3);\n"
            '  std::string out = "[";\n'
            "  int rc;\n"
            "  while ((rc = sqlite3_step(st.s)) == SQLITE_ROW) {\n"
            "    if (out.size() > 1) out += ',';\n"
            '    out += "{\\"id\\":" + std::to_string(sqlite3_column_int64(st.s, 0)) +\n'
            '           ",\\"name\\":\\"" + text(st.s, 1) + "\\",\\"score\\":" +\n'
            '           std::to_string(sqlite3_column_double(st.s, 2)) + ",\\"created\\":" +\n'
            '           std::to_string(sqlite3_column_int64(st.s, 3)) + ",\\"note\\":" +\n'
            "           (sqlite3_column_type(st.s, 4) == SQLITE_NULL ? std::string(\"null\")\n"
            '                                                       : "\\"" + text(st.s, 4) + "\\"") +\n'
            '           "}";\n'
            "  }\n"
            "  check(db, rc);\n"
            '  return out + "]";\n}\n'
        )
    if pattern in (4, 5, 7):
        sql, binds = {
            4: (f"UPDATE {t} SET score = score + ? WHERE rank < ?",
                "  sqlite3_bind_double(st.s, 1, 1.0);\n  sqlite3_bind_int64(st.s, 2, 10);\n"),
            5: (f"DELETE FROM {t} WHERE note IS NULL AND score < ?",
                "  sqlite3_bind_double(st.s, 1, 0.5);\n"),
            7: (f"SELECT count(*) FROM {t} WHERE score BETWEEN ? AND ?",
                "  sqlite3_bind_double(st.s, 1, 1.0);\n  sqlite3_bind_double(st.s, 2, 2.0);\n"),
        }[pattern]
        result = "sqlite3_column_int64(st.s, 0)" if pattern == 7 else "sqlite3_changes64(db)"
        return (
            f"std::int64_t {name}(sqlite3* db) {{\n"
            f'  Statement st{{prepare(db, "{sql}")}};\n'
            f"{binds}"
            "  check(db, sqlite3_step(st.s));\n"
            f"  return {result};\n}}\n"
        )
    if pattern == 6:
        parent_column, parent_slot = (", parent_id", ", ?") if i else ("", "")
        parent_bind = "    sqlite3_bind_int64(st.s, 7, r.parent_id);\n" if i else ""
        return (
            f"std::int64_t {name}(sqlite3* db, const std::vector<Row{i}>& rows) {{\n"
            f'  Statement st{{prepare(db, "INSERT INTO {t} (id, name, score, rank, created, note{parent_column}) "\n'
            f'                             "VALUES (?, ?, ?, ?, ?, ?{parent_slot})")}};\n'
            f"  for (const Row{i}& r : rows) {{\n"
            "    sqlite3_bind_int64(st.s, 1, r.id);\n"
            "    sqlite3_bind_text(st.s, 2, r.name.data(), static_cast<int>(r.name.size()), SQLITE_STATIC);\n"
            "    sqlite3_bind_double(st.s, 3, r.score);\n"
            "    sqlite3_bind_int64(st.s, 4, r.rank);\n"
            "    sqlite3_bind_int64(st.s, 5, r.created.time_since_epoch().count());\n"
            "    if (r.note)\n"
            "      sqlite3_bind_text(st.s, 6, r.note->data(), static_cast<int>(r.note->size()), SQLITE_STATIC);\n"
            "    else\n"
            "      sqlite3_bind_null(st.s, 6);\n"
            f"{parent_bind}"
            "    check(db, sqlite3_step(st.s));\n"
            "    sqlite3_reset(st.s);\n"
            "  }\n"
            "  return static_cast<std::int64_t>(rows.size());\n}\n"
        )
    if pattern == 8:
        return (
            f"boost::asio::awaitable<std::vector<std::tuple<std::int64_t, std::int32_t>>> {name}_rows(\n"
            "    sqlite3* db) {\n"
            f'  Statement st{{prepare(db, "SELECT id, rank FROM {t} WHERE rank IN (?, ?, ?) ORDER BY id")}};\n'
            "  for (int k = 1; k <= 3; ++k) sqlite3_bind_int64(st.s, k, k);\n"
            "  std::vector<std::tuple<std::int64_t, std::int32_t>> out;\n"
            "  int rc;\n"
            "  while ((rc = sqlite3_step(st.s)) == SQLITE_ROW)\n"
            "    out.emplace_back(sqlite3_column_int64(st.s, 0), sqlite3_column_int(st.s, 1));\n"
            "  check(db, rc);\n"
            "  co_return out;\n}\n"
            f"boost::asio::awaitable<std::size_t> {name}(sqlite3* db) {{\n"
            f"  auto rows = co_await {name}_rows(db);\n"
            "  co_return rows.size();\n}\n"
        )
    # pattern 9: a statement prepared once and reused
    return (
        f"std::vector<std::string> {name}(sqlite3* db, std::int64_t id) {{\n"
        f'  static sqlite3_stmt* const frozen = prepare(db, "SELECT name FROM {t} WHERE id = ?");\n'
        "  sqlite3_bind_int64(frozen, 1, id);\n"
        "  std::vector<std::string> out;\n"
        "  int rc;\n"
        "  while ((rc = sqlite3_step(frozen)) == SQLITE_ROW) out.push_back(text(frozen, 0));\n"
        "  sqlite3_reset(frozen);\n"
        "  check(db, rc);\n"
        "  return out;\n}\n"
    )


def main():
    here = pathlib.Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=pathlib.Path)
    parser.add_argument("--include-dir", type=pathlib.Path, default=here.parent.parent / "include")
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)

    headers = public_headers(args.include_dir)
    includes = "".join(f"#include <{h}>\n" for h in headers)
    structs = "\n".join(struct(i) for i in range(TABLES))
    note = "// Generated by bench/compile_time/generate.py; do not edit.\n"

    baseline = (
        note
        + "// Baseline: the standard and Asio headers Quarry's public headers include,\n"
        + "// and the same row structs, without Quarry.\n"
        + includes
        + "\nnamespace app {\n\n"
        + structs
        + "\n}  // namespace app\n"
    )
    quarry = (
        note
        + f"// {TABLES} tables and {QUERIES} queries written with Quarry.\n"
        + "#include <quarry/quarry.hpp>\n\n"
        + includes
        + "\nnamespace app {\n\nusing namespace quarry;\n\n"
        + "\n".join(struct(i) + table(i) for i in range(TABLES))
        + "\n"
        + "\n".join(query(q) for q in range(QUERIES))
        + "\n}  // namespace app\n"
    )
    headers_only = (
        note
        + "// Quarry's headers and the baseline, without tables or queries.\n"
        + "#include <quarry/quarry.hpp>\n\n"
        + includes
        + "\nnamespace app {\n\n"
        + structs
        + "\n}  // namespace app\n"
    )
    handwritten = (
        note
        + f"// The same {QUERIES} queries by hand on the sqlite3 C API, no Quarry.\n"
        + includes
        + "#include <stdexcept>\n\n#include <sqlite3.h>\n"
        + "\nnamespace app {\n\n"
        + HANDWRITTEN_HELPERS
        + "\n"
        + structs
        + "\n"
        + "\n".join(handwritten_query(q) for q in range(QUERIES))
        + "\n}  // namespace app\n"
    )
    (args.out_dir / "baseline_tu.cpp").write_text(baseline)
    (args.out_dir / "handwritten_tu.cpp").write_text(handwritten)
    (args.out_dir / "headers_tu.cpp").write_text(headers_only)
    (args.out_dir / "quarry_tu.cpp").write_text(quarry)
    print(f"wrote {args.out_dir}/quarry_tu.cpp ({TABLES} tables, {QUERIES} queries) "
          f"baseline_tu.cpp ({len(headers)} headers), headers_tu.cpp and handwritten_tu.cpp")


if __name__ == "__main__":
    main()
