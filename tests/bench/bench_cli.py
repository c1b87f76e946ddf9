#!/usr/bin/env python3
"""Strata's command-line speed, as ratios against baselines measured in the same run.

1. A generated 10,000-revision project with a branch and a merge every 10 revisions, on a
   SQLite database brought to the heads by a real `strata upgrade heads` (10,000 steps in the
   history table, not a stamp): wall time of `strata heads`, `history`, `current` and `status`
   (best and median of several runs, process start included) three ways: with the cache of
   parsed migrations off (STRATA_NO_CACHE=1, every file read), with a cold cache (the first run
   after the cache is removed, which writes it) and with a warm one; with ratios warm / no cache
   and against `strata --version` (process start alone). Then Alembic 1.8's `history` and
   `heads` on the same topology written as Alembic scripts (one run each; seconds there).
2. Applying 2,000 migrations to an empty SQLite file with `strata upgrade heads`, against the
   sqlite3 shell running the same statements with one transaction per migration.

Usage: bench_cli.py STRATA_BINARY [--revisions N] [--migrations N] [--skip-alembic]
Prints a table; exits 1 if a target is missed (heads/history/current/status over 100 ms with a
warm cache, or the apply ratio over 1.3).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ALEMBIC_ENV = '''
from alembic import context
from sqlalchemy import create_engine
config = context.config
def run_migrations_online():
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
run_migrations_online()
'''


def rev_id(n):
    return "%012x" % (0x1000000000 + n * 7919)


def generate_graph(count):
    """Chain with, every 10 revisions, a branch of two revisions merged back."""
    revs = []
    last = None
    n = 0
    while n < count:
        if n % 10 == 9 and last is not None and count - n >= 3:
            a = rev_id(n)
            b = rev_id(n + 1)
            m = rev_id(n + 2)
            base = last
            revs.append((a, [base]))
            revs.append((b, [base]))
            revs.append((m, [a, b]))
            last = m
            n += 3
            continue
        rid = rev_id(n)
        revs.append((rid, [last] if last else []))
        last = rid
        n += 1
    return revs


def write_strata(folder, revs, sql_for):
    versions = os.path.join(folder, "versions")
    os.makedirs(versions)
    with open(os.path.join(folder, "strata.ini"), "w") as f:
        f.write("[strata]\nversions = versions\nversion_table = strata_version\n")
    for i, (rid, down) in enumerate(revs):
        up, downsql = sql_for(i, rid)
        with open(os.path.join(versions, "%s_step_%d.sql" % (rid, i)), "w") as f:
            f.write("-- revision: %s\n-- down_revision: %s\n-- message: step %d\n-- create_date: 2026-11-22 10:00:00\n\n"
                    "-- +upgrade\n%s\n\n-- +downgrade\n%s\n" % (rid, ", ".join(down), i, up, downsql))


def write_alembic(folder, revs):
    versions = os.path.join(folder, "versions")
    os.makedirs(versions)
    with open(os.path.join(folder, "env.py"), "w") as f:
        f.write(ALEMBIC_ENV)
    for i, (rid, down) in enumerate(revs):
        d = "None" if not down else (repr(down[0]) if len(down) == 1 else repr(tuple(down)))
        with open(os.path.join(versions, "%s_step_%d.py" % (rid, i)), "w") as f:
            f.write('"""step %d"""\nrevision = %r\ndown_revision = %s\nbranch_labels = None\ndepends_on = None\n'
                    "def upgrade():\n    pass\ndef downgrade():\n    pass\n" % (i, rid, d))
    with open(os.path.join(folder, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = %s\nsqlalchemy.url = sqlite:///%s\n" % (folder, os.path.join(folder, "a.db")))


def timed(args, runs, env=None):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        p = subprocess.run(args, capture_output=True, text=True, env=env)
        times.append((time.perf_counter() - start) * 1000.0)
        if p.returncode not in (0, 3):
            raise SystemExit("command failed: %s\n%s" % (" ".join(args), p.stderr))
    return min(times), statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("strata")
    ap.add_argument("--revisions", type=int, default=10000)
    ap.add_argument("--migrations", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--skip-alembic", action="store_true")
    args = ap.parse_args()
    strata = os.path.abspath(args.strata)
    ok = True

    with tempfile.TemporaryDirectory() as tmp:
        # Benchmark runs are not operations anyone needs to audit.
        os.environ["STRATA_AUDIT_LOG"] = os.path.join(tmp, "audit.jsonl")
        # Nor do they leave caches of parsed migrations behind.
        os.environ["STRATA_CACHE_DIR"] = os.path.join(tmp, "cache")
        # 1. Reading a large project, on a database that was upgraded, not stamped.
        revs = generate_graph(args.revisions)
        project = os.path.join(tmp, "big")
        write_strata(project, revs, lambda i, rid: ("SELECT %d;" % i, "SELECT %d;" % i))
        db = os.path.join(tmp, "big.db")
        url = "sqlite:///" + db
        cache = os.path.join(tmp, "cache")
        env = dict(os.environ, STRATA_CACHE_DIR=cache)
        start = time.perf_counter()
        subprocess.run([strata, "-q", "-d", project, "--url", url, "upgrade", "heads"], check=True,
                       capture_output=True, env=env)
        upgraded = time.perf_counter() - start
        steps = subprocess.run(["sqlite3", db, "SELECT count(*) FROM strata_version_history"],
                               check=True, capture_output=True, text=True).stdout.strip()
        print("Project of %d revisions (a branch and a merge every 10), upgraded to the heads in %.1f s "
              "(%s history rows)" % (len(revs), upgraded, steps))
        # Files written within two seconds of the cache are read again (racy); let them age.
        time.sleep(2.5)
        shutil.rmtree(cache, ignore_errors=True)
        no_cache = dict(env, STRATA_NO_CACHE="1")
        base_best, base_median = timed([strata, "--version"], args.runs, env)
        print("process start (strata --version): best %.1f ms, median %.1f ms" % (base_best, base_median))
        print("%-24s %14s %12s %14s %12s %10s" % ("command", "no cache ms", "cold ms", "warm ms", "warm/none",
                                                   "target"))
        results = {}
        for name in ("heads", "history", "current", "status"):
            cmd = [strata, "-d", project, "--url", url, name]
            _, none_median = timed(cmd, args.runs, no_cache)
            shutil.rmtree(cache, ignore_errors=True)
            cold, _ = timed(cmd, 1, env)
            best, median = timed(cmd, args.runs, env)
            results[name] = median
            target_ok = median < 100.0
            ok = ok and target_ok
            print("%-24s %14.1f %12.1f %8.1f/%5.1f %12.2f %10s" % (
                "strata " + name, none_median, cold, best, median, median / none_median,
                "< 100" + ("" if target_ok else " MISSED")))
        best, median = timed([strata, "-d", project, "--url", url, "history", "--json"], args.runs, env)
        print("%-24s %14s %12s %8.1f/%5.1f" % ("strata history --json", "", "", best, median))
        print("(warm: best/median; each warm median is %.1fx..%.1fx the process start alone)" % (
            min(results.values()) / base_median, max(results.values()) / base_median))

        if not args.skip_alembic:
            a_project = os.path.join(tmp, "alembic_big")
            write_alembic(a_project, revs)
            ini = os.path.join(a_project, "alembic.ini")
            for name in ("history", "heads"):
                start = time.perf_counter()
                p = subprocess.run([sys.executable, "-m", "alembic", "-c", ini, name], capture_output=True, text=True)
                elapsed = (time.perf_counter() - start) * 1000.0
                if p.returncode != 0:
                    print("alembic %s failed: %s" % (name, p.stderr.strip()[-300:]))
                    continue
                print("%-28s %10.1f %10s   Alembic/Strata = %.0fx" % ("alembic " + name, elapsed, "", elapsed / results[name]))

        # 2. Applying many migrations.
        count = args.migrations
        apply_revs = [(rev_id(i), [rev_id(i - 1)] if i else []) for i in range(count)]

        def sql_for(i, rid):
            up = ("CREATE TABLE t%d (id INTEGER PRIMARY KEY, name TEXT NOT NULL, amount NUMERIC(10,2));\n"
                  "CREATE INDEX t%d_name ON t%d (name);\n"
                  "INSERT INTO t%d (name, amount) VALUES ('a', 1.5), ('b', 2.5);" % (i, i, i, i))
            return up, "DROP TABLE t%d;" % i

        apply_project = os.path.join(tmp, "apply")
        write_strata(apply_project, apply_revs, sql_for)
        script = os.path.join(tmp, "baseline.sql")
        with open(script, "w") as f:
            for i, (rid, _) in enumerate(apply_revs):
                f.write("BEGIN;\n%s\nCOMMIT;\n" % sql_for(i, rid)[0])

        base_times, strata_times = [], []
        for _ in range(3):
            for path in (os.path.join(tmp, "base.db"), os.path.join(tmp, "apply.db")):
                if os.path.exists(path):
                    os.remove(path)
            start = time.perf_counter()
            with open(script) as f:
                subprocess.run(["sqlite3", os.path.join(tmp, "base.db")], stdin=f, check=True)
            base_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run([strata, "-q", "-d", apply_project, "--url", "sqlite:///" + os.path.join(tmp, "apply.db"),
                            "upgrade", "heads"], check=True)
            strata_times.append(time.perf_counter() - start)
        base, mine = statistics.median(base_times), statistics.median(strata_times)
        ratio = mine / base
        target_ok = ratio <= 1.3
        ok = ok and target_ok
        print()
        print("Applying %d migrations (3 statements each) to an empty SQLite file, median of 3:" % count)
        print("  sqlite3 shell, one transaction per migration: %8.2f s" % base)
        print("  strata upgrade heads:                         %8.2f s" % mine)
        print("  ratio strata / sqlite3: %.2f (target <= 1.3)%s" % (ratio, "" if target_ok else " MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
