#!/usr/bin/env python3
"""Strata's SQLite schema inspection and diff, with Debian's sqldiff (sqlite3-tools) beside it.

1. A 500-table SQLite schema (foreign keys with ON DELETE CASCADE, unique and check constraints,
   defaults, partial and expression indexes, a view every 10 tables, a trigger every 25, a few
   rows in each table) against a copy of itself with one change (a column added with its type).
   Strata's core (strata_schemabench: inspect FROM, inspect TO, diff; medians of R runs), and
   `strata diff` as a whole process, against `sqldiff --schema` on the same two files.
2. What each tool gets right, one change at a time on the same schema: a column added with a
   type, a view added, a view changed, a trigger changed, an index added, a CHECK added (a table
   rebuild, rows kept). Each tool's SQL is applied to a copy of FROM (with the sqlite3 module's
   executescript) and the copy is compared with TO by Strata's inspector (strata_schemabench
   compare); a tool that prints nothing for a real change misses it.

Usage: bench_sqlite_schema.py STRATA_BINARY SCHEMABENCH_BINARY [--tables N] [--runs R]
       [--sqldiff PATH] [--verbose]
Prints figures only; exits 1 when the set-up itself fails. sqldiff missing: its columns say so.
"""

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time


def big_schema(tables):
    """The schema of `tables` tables as SQLite statements, with a few rows in each."""
    out = []
    for i in range(tables):
        parent = ("parent_id INTEGER REFERENCES t%04d (id) ON DELETE CASCADE, " % (i - 1)) if i else ""
        out.append(
            "CREATE TABLE t%04d (id INTEGER PRIMARY KEY, %sname TEXT NOT NULL UNIQUE, "
            "amount NUMERIC(12,2) DEFAULT 0 CHECK (amount >= 0), "
            "state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'active', 'closed')), "
            "updated TEXT DEFAULT CURRENT_TIMESTAMP);" % (i, parent))
        out.append("CREATE INDEX t%04d_updated ON t%04d (updated) WHERE state <> 'closed';" % (i, i))
        if i % 7 == 3:
            out.append("CREATE INDEX t%04d_lower_name ON t%04d (lower(name));" % (i, i))
        if i % 10 == 9:
            out.append("CREATE VIEW v%04d AS SELECT id, name, amount FROM t%04d WHERE state = 'active';"
                       % (i, i))
        if i % 25 == 24:
            out.append("CREATE TRIGGER t%04d_touch AFTER UPDATE OF name ON t%04d FOR EACH ROW "
                       "BEGIN UPDATE t%04d SET updated = CURRENT_TIMESTAMP WHERE id = new.id; END;"
                       % (i, i, i))
        for row in range(1, 4):
            parent_value = ("%d, " % row) if i else ""
            out.append("INSERT INTO t%04d (id, %sname, amount) VALUES (%d, %s'n%d', %d);"
                       % (i, "parent_id, " if i else "", row, parent_value, row, row * 10))
    return "\n".join(out) + "\n"


# One change each: (name, SQL turning FROM into TO).
CHANGES = [
    ("column added with its type", "ALTER TABLE t0250 ADD COLUMN note VARCHAR(40) DEFAULT 'x';"),
    ("view added", "CREATE VIEW extra AS SELECT id FROM t0100;"),
    ("view changed", "DROP VIEW v0099; CREATE VIEW v0099 AS SELECT id, name FROM t0099;"),
    ("trigger changed", "DROP TRIGGER t0099_touch; CREATE TRIGGER t0099_touch AFTER UPDATE OF "
                        "amount ON t0099 FOR EACH ROW BEGIN UPDATE t0099 SET updated = "
                        "CURRENT_TIMESTAMP WHERE id = new.id; END;"),
    ("index added", "CREATE INDEX t0300_amount ON t0300 (amount);"),
    ("check added (rebuild, rows kept)", None),  # built below: t0400 with a new CHECK
]


def rebuilt_with_check(tables):
    """big_schema with t0400 carrying one more CHECK: the change only a table rebuild makes."""
    return big_schema(tables).replace(
        "CREATE TABLE t0400 (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES t0399 (id) "
        "ON DELETE CASCADE, name TEXT NOT NULL UNIQUE, ",
        "CREATE TABLE t0400 (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES t0399 (id) "
        "ON DELETE CASCADE, name TEXT NOT NULL UNIQUE CHECK (length(name) < 100), ")


def make_db(path, sql):
    if os.path.exists(path):
        os.remove(path)
    con = sqlite3.connect(path)
    con.executescript("BEGIN;\n" + sql + "COMMIT;\n")
    con.close()


def timed(cmd, runs, env=None):
    """(median seconds, last CompletedProcess) of running `cmd` `runs` times."""
    times, last = [], None
    for _ in range(runs):
        start = time.perf_counter()
        last = subprocess.run(cmd, capture_output=True, text=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times), last


def remaining_differences(schemabench, expected, actual):
    out = subprocess.run([schemabench, "compare", "sqlite:" + expected, "sqlite:" + actual],
                         capture_output=True, text=True)
    if out.returncode != 0:
        return ["cannot compare: " + out.stderr.strip()]
    return json.loads(out.stdout)["changes"]


def apply_sql(path, sql):
    """Runs a tool's output on a copy; the error text, or None."""
    try:
        con = sqlite3.connect(path)
        con.execute("PRAGMA foreign_keys = ON")
        con.executescript(sql)
        con.commit()
        con.close()
        return None
    except sqlite3.Error as e:
        return str(e)


def row_count(path):
    con = sqlite3.connect(path)
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")]
    total = sum(con.execute('SELECT count(*) FROM "%s"' % n).fetchone()[0] for n in names)
    con.close()
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("strata")
    ap.add_argument("schemabench")
    ap.add_argument("--tables", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sqldiff", default=shutil.which("sqldiff"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="strata-bench-sqlite-")
    env = dict(os.environ, TMPDIR=work)
    try:
        base = big_schema(args.tables)
        a, b = os.path.join(work, "a.db"), os.path.join(work, "b.db")
        start = time.perf_counter()
        make_db(a, base)
        make_db(b, base + CHANGES[0][1] + "\n")
        entries = sqlite3.connect(a).execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        print("SQLite schema of %d tables (%d entries in sqlite_schema), 3 rows each; set-up %.2f s"
              % (args.tables, entries, time.perf_counter() - start))

        # 1. Speed.
        core = subprocess.run([args.schemabench, "diff", "sqlite:" + a, "sqlite:" + b, str(args.runs)],
                              capture_output=True, text=True)
        if core.returncode != 0:
            print("strata_schemabench failed: " + core.stderr.strip())
            return 1
        figures = json.loads(core.stdout)
        total_ms = figures["inspect_from_ms"] + figures["inspect_to_ms"] + figures["diff_ms"]
        print("\n1. One change (a column added) in %d tables, medians of %d runs" % (args.tables, args.runs))
        print("  Strata core: inspect FROM %.0f ms + inspect TO %.0f ms + diff %.1f ms = %.0f ms "
              "(%s); %d objects a side, %d operation(s)"
              % (figures["inspect_from_ms"], figures["inspect_to_ms"], figures["diff_ms"], total_ms,
                 "under a second" if total_ms < 1000 else "NOT under a second", figures["from_objects"], figures["operations"]))
        project = os.path.join(work, "project")
        os.makedirs(os.path.join(project, "versions"))
        with open(os.path.join(project, "strata.ini"), "w") as f:
            f.write("[strata]\nversions = versions\n")
        secs, proc = timed([args.strata, "-d", project, "--url", "sqlite:///" + a, "diff", "--from", "db",
                            "--to", "url:sqlite:///" + b], args.runs, env)
        print("  strata diff --from db --to url:B (whole process): %.0f ms, exit %d"
              % (secs * 1000, proc.returncode))
        strata_sql = figures["upgrade_sql"]
        if args.sqldiff:
            secs, proc = timed([args.sqldiff, "--schema", a, b], args.runs)
            print("  sqldiff --schema A B (whole process): %.0f ms, exit %d; prints: %s"
                  % (secs * 1000, proc.returncode, " ".join(proc.stdout.split()) or "(nothing)"))
        else:
            print("  sqldiff: not installed (apt-get install sqlite3-tools)")
        print("  Strata prints: %s" % " ".join(l for l in strata_sql.split("\n") if not l.startswith("--")).strip())

        # 2. What each tool gets right.
        print("\n2. One change at a time: each tool's SQL applied to a copy of FROM, compared with TO")
        print("  %-34s %-44s %s" % ("change", "Strata", "sqldiff"))
        for name, change in CHANGES:
            to_sql = rebuilt_with_check(args.tables) if change is None else base + change + "\n"
            make_db(b, to_sql)
            results = []
            for tool in ("strata", "sqldiff"):
                if tool == "sqldiff" and not args.sqldiff:
                    results.append("not installed")
                    continue
                if tool == "strata":
                    out = subprocess.run([args.schemabench, "diff", "sqlite:" + a, "sqlite:" + b, "1"],
                                         capture_output=True, text=True)
                    doc = json.loads(out.stdout) if out.returncode == 0 else {}
                    if doc.get("refused"):
                        results.append("refused: " + doc["refused"][0])
                        continue
                    sql = doc.get("upgrade_sql", "")
                else:
                    sql = subprocess.run([args.sqldiff, "--schema", a, b], capture_output=True,
                                         text=True).stdout
                copy = os.path.join(work, "copy.db")
                shutil.copy(a, copy)
                before = row_count(copy)
                if not sql.strip():
                    results.append("prints nothing: misses it")
                    continue
                error = apply_sql(copy, sql)
                if error:
                    results.append("SQL fails: " + error)
                    continue
                left = remaining_differences(args.schemabench, b, copy)
                lost = before - row_count(copy)
                if left:
                    results.append("differs: " + " ".join("; ".join(left).split())[:90])
                else:
                    results.append("right" + (", %d rows lost" % lost if lost else ", rows kept"))
                if args.verbose:
                    print("    %s SQL:\n%s" % (tool, sql))
            print("  %-34s %-44s %s" % (name, results[0], results[1]))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
