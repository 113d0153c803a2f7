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


def query(q: int) -> str:
    """Query number q, on table q % TABLES, of pattern q % 10."""
    i = q % TABLES
    t = f"t{i}"
    pattern = q % 10
    name = f"query_{q:03d}"
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
    (args.out_dir / "baseline_tu.cpp").write_text(baseline)
    (args.out_dir / "headers_tu.cpp").write_text(headers_only)
    (args.out_dir / "quarry_tu.cpp").write_text(quarry)
    print(f"wrote {args.out_dir}/quarry_tu.cpp ({TABLES} tables, {QUERIES} queries) "
          f"and baseline_tu.cpp ({len(headers)} headers)")


if __name__ == "__main__":
    main()
