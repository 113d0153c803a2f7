#!/usr/bin/python3
"""asyncpg side of quarry_bench_pg: point queries with many in flight, the
100,000-row select as records and as json.dumps text, and a bulk load with
copy_records_to_table, on the tables quarry_bench_pg has just filled.

    QUARRY_BENCH_ASYNCPG_URL=postgresql://... /usr/bin/python3 bench/asyncpg_bench.py \\
        [--reps N] [--bulk-reps N] [--point-queries N] [--in-flight 64] [--pool 8] [--cases 1,2,3,4]

Prints one JSON object on stdout: the median seconds of each case run
(point_s, rows_s, json_s, copy_s), the fingerprints quarry_bench_pg checks
against its raw libpq results (point_crc, rows_crc, json_crc: CRC-32 of the
canonical row text that bench_pg.cpp's Fingerprint writes; copy_digest: the
server-side digest of the loaded table), and the version; or {"skipped":
"reason"} when asyncpg is not importable. Progress goes to stderr. Run it
with /usr/bin/python3: Debian's python3-asyncpg is installed for that
interpreter, not for a pyenv python3 that may come first on PATH.

The URL comes from the environment, not the command line, as it holds a
password. Like the C++ side, connections are opened once and warmed up
(asyncpg's statement cache then holds the prepared statements), outside
the timings.
"""

import argparse
import asyncio
import gc
import json
import os
import statistics
import sys
import time
import zlib


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def skip(reason):
    print(json.dumps({"skipped": reason}))
    sys.exit(0)


try:
    import asyncpg
except ImportError as e:  # not this interpreter's package
    skip(f"asyncpg not importable by {sys.executable} ({e})")

POINT_SQL = "SELECT name FROM item WHERE id = $1"
SELECT_SQL = "SELECT id, name, score, created, note FROM item"
ROW_COUNT = 100_000  # bench::row_count
COLUMNS = ["id", "name", "score", "created", "note"]
DIGEST_SQL = (
    "SELECT count(*) || ' ' || coalesce(sum(id), 0) || ' ' || "
    "md5(coalesce(string_agg(id || '|' || name || '|' || score || '|' || created || '|' || "
    "coalesce('S' || note, 'N'), E'\\n' ORDER BY id), '')) FROM bench_load.item"
)


def point_id(k):
    return 1 + (k * 7919) % ROW_COUNT


def row_line(id_, name, score, created_text, note):
    """The canonical line of bench_pg.cpp's Fingerprint::add."""
    tail = "N" if note is None else "S" + note
    return f"{id_}|{name}|{round(score * 1e6)}|{created_text}|{tail}\n"


def crc_of_lines(lines):
    crc = 0
    for line in lines:
        crc = zlib.crc32(line.encode(), crc)
    return crc


async def point_queries(pool, n, in_flight, keep):
    """`in_flight` tasks share the queries; each awaits one at a time through
    the pool (which has fewer connections: the rest wait for one)."""
    names = [None] * n if keep else None

    async def worker(w):
        for k in range(w, n, in_flight):
            name = await pool.fetchval(POINT_SQL, point_id(k))
            if keep:
                names[k] = name

    await asyncio.gather(*(worker(w) for w in range(in_flight)))
    return names


async def fetch_rows(con):
    rows = await con.fetch(SELECT_SQL)
    n = 0
    for id_, name, score, created, note in rows:  # touch every value
        n += 1
    return rows


async def fetch_json(con):
    rows = await con.fetch(SELECT_SQL)
    return json.dumps(
        [
            {"id": id_, "name": name, "score": score, "created": created.isoformat(), "note": note}
            for id_, name, score, created, note in rows
        ],
        ensure_ascii=False,  # UTF-8 out, as the C++ side writes it
    )


async def measure(name, reps, fn, setup=None):
    if setup:
        await setup()
    await fn()  # warm-up, untimed
    samples = []
    for _ in range(reps):
        if setup:
            await setup()
        gc.collect()  # start each run from the same heap state; the collector stays on
        start = time.perf_counter()
        await fn()
        samples.append(time.perf_counter() - start)
    med = statistics.median(samples)
    log(f"  {'asyncpg':<20} {name:<34} median {med * 1e3:10.3f} ms  "
        f"(min {min(samples) * 1e3:.3f}, max {max(samples) * 1e3:.3f}, n={reps})")
    return med


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--bulk-reps", type=int, default=3)
    parser.add_argument("--point-queries", type=int, default=100_000)
    parser.add_argument("--in-flight", type=int, default=64)
    parser.add_argument("--pool", type=int, default=8)
    parser.add_argument("--cases", default="1,2,3,4")
    args = parser.parse_args()
    cases = {int(c) for c in args.cases.split(",") if c}
    url = os.environ.get("QUARRY_BENCH_ASYNCPG_URL")
    if not url:
        skip("QUARRY_BENCH_ASYNCPG_URL is not set")

    pool = await asyncpg.create_pool(url, min_size=args.pool, max_size=args.pool)
    con = await asyncpg.connect(url)
    result = {"version": asyncpg.__version__}
    log(f"asyncpg {asyncpg.__version__}, pool of {args.pool}, {args.in_flight} in flight")

    if 1 in cases:
        n = args.point_queries
        names = await point_queries(pool, n, args.in_flight, keep=True)
        result["point_crc"] = crc_of_lines(name + "\n" for name in names)
        result["point_s"] = await measure(
            f"point select x{n}", args.reps,
            lambda: point_queries(pool, n, args.in_flight, keep=False))

    if 2 in cases:
        # In id order, as bench_pg.cpp fingerprints (heap order need not be id order).
        rows = sorted(await fetch_rows(con), key=lambda r: r[0])
        result["rows_crc"] = crc_of_lines(
            row_line(r[0], r[1], r[2], r[3].strftime("%Y-%m-%d %H:%M:%S"), r[4]) for r in rows)
        result["rows_s"] = await measure("fetch rows", args.reps, lambda: fetch_rows(con))

    if 3 in cases:
        parsed = sorted(json.loads(await fetch_json(con)), key=lambda o: o["id"])
        result["json_crc"] = crc_of_lines(
            row_line(o["id"], o["name"], o["score"], o["created"].replace("T", " "), o["note"])
            for o in parsed)
        result["json_s"] = await measure("fetch + json.dumps", args.reps, lambda: fetch_json(con))

    if 4 in cases:
        # The rows as a program would hold them: tuples, read untimed from
        # item_src, where quarry_bench_pg put case 4's rows.
        records = [tuple(r) for r in await con.fetch(
            "SELECT id, name, score, created, note FROM item_src ORDER BY id")]

        async def empty():
            await con.execute("TRUNCATE bench_load.item")

        async def load():
            await con.copy_records_to_table(
                "item", schema_name="bench_load", records=records, columns=COLUMNS)

        await empty()
        await load()
        result["copy_digest"] = await con.fetchval(DIGEST_SQL)
        result["copy_s"] = await measure(
            f"copy_records_to_table x{len(records)}", args.bulk_reps, load, setup=empty)
        await empty()

    await con.close()
    await pool.close()
    print(json.dumps(result))


if __name__ == "__main__":
    asyncio.run(main())
