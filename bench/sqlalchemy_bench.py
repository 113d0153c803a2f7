#!/usr/bin/python3
"""SQLAlchemy 1.4 side of quarry_bench_sqlite: the same 100,000-row select,
timed as Core rows, as ORM objects and as Core rows passed to json.dumps.

    /usr/bin/python3 bench/sqlalchemy_bench.py DB_PATH [--reps N]

Prints one JSON object on stdout: the median seconds of each case
({"core_rows": ..., "orm_objects": ..., "core_json": ..., "version": ...,
"c_extensions": true}), or {"skipped": "reason"} when SQLAlchemy 1.4 is not
importable. Progress goes to stderr. Run it with /usr/bin/python3: Debian's
python3-sqlalchemy (with its C extension) is installed for that interpreter,
not for a pyenv python3 that may come first on PATH.

Each timed run opens nothing: the engine and its pooled connection are warmed
up once, as the C++ side opens its connections once. Each run executes the
select, fetches every row and touches every value, so the comparison with the
C++ side (which fills structs) is like for like.
"""

import argparse
import gc
import json
import statistics
import sys
import time


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def skip(reason):
    print(json.dumps({"skipped": reason}))
    sys.exit(0)


try:
    import sqlalchemy
    from sqlalchemy import Column, DateTime, Float, Integer, MetaData, String, Table, create_engine, select
    from sqlalchemy.orm import Session, declarative_base
except ImportError as e:  # not this interpreter's package
    skip(f"SQLAlchemy not importable by {sys.executable} ({e})")

if not sqlalchemy.__version__.startswith("1.4"):
    skip(f"SQLAlchemy {sqlalchemy.__version__} found, 1.4 expected")

try:  # the 1.4 C extension: result rows and type processors in C
    from sqlalchemy import cprocessors, cresultproxy  # noqa: F401

    C_EXTENSIONS = True
except ImportError:
    C_EXTENSIONS = False

metadata = MetaData()
# DateTime on SQLite parses the stored "YYYY-MM-DD HH:MM:SS" text into
# datetime objects, as the C++ side parses it into a time point.
item = Table(
    "item",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("score", Float, nullable=False),
    Column("created", DateTime, nullable=False),
    Column("note", String, nullable=True),
)

Base = declarative_base()


class Item(Base):
    __table__ = item


def core_rows(engine):
    with engine.connect() as conn:
        rows = conn.execute(select(item)).fetchall()
    n = 0
    for id_, name, score, created, note in rows:  # touch every value
        n += 1
    return n


def orm_objects(engine):
    with Session(engine) as session:  # a fresh session: no identity-map reuse between runs
        objects = session.execute(select(Item)).scalars().all()
        n = 0
        for o in objects:  # touch every attribute
            o.id, o.name, o.score, o.created, o.note
            n += 1
    return n


def core_json(engine):
    with engine.connect() as conn:
        rows = conn.execute(select(item)).fetchall()
    text = json.dumps(
        [
            {"id": id_, "name": name, "score": score, "created": created.isoformat(), "note": note}
            for id_, name, score, created, note in rows
        ],
        ensure_ascii=False,  # UTF-8 out, as the C++ side writes it
    )
    return len(text)


def measure(name, fn, engine, reps):
    fn(engine)  # warm-up, untimed
    samples = []
    for _ in range(reps):
        gc.collect()  # start each run from the same heap state; the collector stays on
        start = time.perf_counter()
        fn(engine)
        samples.append(time.perf_counter() - start)
    med = statistics.median(samples)
    log(f"  {'SQLAlchemy':<20} {name:<34} median {med * 1e3:10.3f} ms  "
        f"(min {min(samples) * 1e3:.3f}, max {max(samples) * 1e3:.3f}, n={reps})")
    return med


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db_path")
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()

    engine = create_engine(f"sqlite:///{args.db_path}")
    with engine.connect() as conn:
        count = conn.execute(sqlalchemy.text("SELECT count(*) FROM item")).scalar()
    if core_rows(engine) != count or orm_objects(engine) != count:
        skip("row count mismatch")
    log(f"SQLAlchemy {sqlalchemy.__version__} (C extensions: {C_EXTENSIONS}), {count} rows")

    result = {
        "version": sqlalchemy.__version__,
        "c_extensions": C_EXTENSIONS,
        "rows": count,
        "core_rows": measure("Core rows", core_rows, engine, args.reps),
        "orm_objects": measure("ORM objects", orm_objects, engine, args.reps),
        "core_json": measure("Core + json.dumps", core_json, engine, args.reps),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
