#!/usr/bin/env python3
"""Strata applying migrations to PostgreSQL, as a ratio against psql measured in the same run.

A throwaway PostgreSQL cluster is started (initdb and pg_ctl from the Debian packages, as the
postgres user when run as root, a private socket folder, stopped at the end). Then N migrations,
each creating a table, are applied to an empty database:

- strata upgrade heads (one transaction per migration, with its version-row change and
  history row), against psql -f of the same statements with one BEGIN/COMMIT per migration:
  the same number of commits. Target: at most 1.3x.
- strata upgrade heads --single-transaction against psql -1 -f (one commit). Target 1.3x.
- Alembic 1.8 (Debian's python3-alembic with psycopg2), one transaction per migration, where it
  is installed: printed for comparison, no target.

Usage: bench_postgres.py STRATA_BINARY [--migrations N] [--runs R] [--skip-alembic]
Exits 1 if the target is missed.
"""

import argparse
import glob
import os
import pwd
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_cli import rev_id, write_strata  # noqa: E402

ALEMBIC_ENV = '''
from alembic import context
from sqlalchemy import create_engine
config = context.config
engine = create_engine(config.get_main_option("sqlalchemy.url"))
with engine.connect() as connection:
    context.configure(connection=connection, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
'''


class Cluster:
    """A PostgreSQL cluster in a temporary folder, on a free port and a private socket."""

    def __init__(self, root):
        versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                          key=lambda p: int(p.split("/")[4]))
        if not versions:
            raise SystemExit("no PostgreSQL server binaries under /usr/lib/postgresql")
        self.bin = os.path.dirname(versions[-1])
        self.data = os.path.join(root, "data")
        self.socket = os.path.join(root, "socket")
        os.makedirs(self.socket)
        self.as_root = os.geteuid() == 0
        if self.as_root:
            pw = pwd.getpwnam("postgres")
            for path in (root, self.socket):
                os.chown(path, pw.pw_uid, pw.pw_gid)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.run([os.path.join(self.bin, "initdb"), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "-D", self.data])
        self.run([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-w", "-l",
                  os.path.join(root, "server.log"), "-o",
                  "-p %d -k %s -c listen_addresses=''" % (self.port, self.socket), "start"])

    def run(self, args):
        if self.as_root:
            args = ["runuser", "-u", "postgres", "--"] + args
        subprocess.run(args, check=True, capture_output=True)

    def stop(self):
        self.run([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m", "fast", "stop"])

    def conninfo(self, database):
        return "host=%s port=%d user=postgres dbname=%s" % (self.socket, self.port, database)

    def psql(self, database, *args, stdin=None):
        return subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.conninfo(database)]
                              + list(args), check=True, capture_output=True, text=True, stdin=stdin)

    def fresh(self, database):
        self.psql("postgres", "-c", "DROP DATABASE IF EXISTS %s" % database)
        self.psql("postgres", "-c", "CREATE DATABASE %s" % database)


def write_alembic(folder, revs, sql_for, url):
    versions = os.path.join(folder, "versions")
    os.makedirs(versions)
    with open(os.path.join(folder, "env.py"), "w") as f:
        f.write(ALEMBIC_ENV)
    for i, (rid, down) in enumerate(revs):
        up, downsql = sql_for(i, rid)
        with open(os.path.join(versions, "%s_step_%d.py" % (rid, i)), "w") as f:
            f.write('"""step %d"""\nfrom alembic import op\nrevision = %r\ndown_revision = %r\n'
                    "branch_labels = None\ndepends_on = None\n"
                    "def upgrade():\n    op.execute(%r)\n"
                    "def downgrade():\n    op.execute(%r)\n" % (i, rid, down[0] if down else None, up, downsql))
    with open(os.path.join(folder, "alembic.ini"), "w") as f:
        f.write("[alembic]\nscript_location = %s\nsqlalchemy.url = %s\n" % (folder, url))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("strata")
    ap.add_argument("--migrations", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-alembic", action="store_true")
    args = ap.parse_args()
    strata = os.path.abspath(args.strata)
    count = args.migrations

    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        os.environ["STRATA_AUDIT_LOG"] = os.path.join(tmp, "audit.jsonl")
        cluster = Cluster(os.path.join(tmp, "pg"))
        try:
            revs = [(rev_id(i), [rev_id(i - 1)] if i else []) for i in range(count)]

            def sql_for(i, rid):
                return ("CREATE TABLE t%d (id serial PRIMARY KEY, name text NOT NULL, "
                        "amount numeric(10,2));" % i, "DROP TABLE t%d;" % i)

            project = os.path.join(tmp, "project")
            write_strata(project, revs, sql_for)
            script = os.path.join(tmp, "baseline.sql")
            with open(script, "w") as f:
                for i, (rid, _) in enumerate(revs):
                    f.write("BEGIN;\n%s\nCOMMIT;\n" % sql_for(i, rid)[0])

            single_script = os.path.join(tmp, "single.sql")
            with open(single_script, "w") as f:
                for i, (rid, _) in enumerate(revs):
                    f.write("%s\n" % sql_for(i, rid)[0])

            def measure(psql_args, strata_args):
                base_times, strata_times = [], []
                for _ in range(args.runs):
                    cluster.fresh("base")
                    start = time.perf_counter()
                    cluster.psql("base", *psql_args)
                    base_times.append(time.perf_counter() - start)
                    cluster.fresh("mine")
                    start = time.perf_counter()
                    subprocess.run([strata, "-q", "-d", project, "--url", cluster.conninfo("mine"),
                                    "upgrade", "heads"] + strata_args, check=True)
                    strata_times.append(time.perf_counter() - start)
                return statistics.median(base_times), statistics.median(strata_times)

            print("Applying %d migrations (one CREATE TABLE each) to an empty PostgreSQL %s "
                  "database, median of %d:" % (count, os.path.basename(os.path.dirname(cluster.bin)),
                                               args.runs))
            ok = True
            base, mine = measure(["-f", script], [])
            ratio = mine / base
            ok = ok and ratio <= 1.3
            print("  psql -f, one BEGIN/COMMIT per migration: %8.2f s" % base)
            print("  strata upgrade heads:                    %8.2f s" % mine)
            print("  ratio strata / psql: %.2f (target <= 1.3)%s" % (ratio, "" if ratio <= 1.3 else " MISSED"))
            base1, mine1 = measure(["-1", "-f", single_script], ["--single-transaction"])
            ratio1 = mine1 / base1
            ok = ok and ratio1 <= 1.3
            print("  psql -1 -f, one transaction:             %8.2f s" % base1)
            print("  strata upgrade heads --single-transaction: %6.2f s" % mine1)
            print("  ratio strata / psql -1: %.2f (target <= 1.3)%s" % (ratio1, "" if ratio1 <= 1.3 else " MISSED"))

            alembic_ok = subprocess.run([sys.executable, "-c", "import alembic, psycopg2"],
                                        capture_output=True).returncode == 0
            if args.skip_alembic or not alembic_ok:
                print("  alembic: %s" % ("skipped" if args.skip_alembic
                                         else "not installed (python3-alembic, python3-psycopg2)"))
            else:
                cluster.fresh("alembic")
                folder = os.path.join(tmp, "alembic")
                url = "postgresql+psycopg2://postgres@/alembic?host=%s&port=%d" % (cluster.socket, cluster.port)
                write_alembic(folder, revs, sql_for, url)
                start = time.perf_counter()
                p = subprocess.run([sys.executable, "-m", "alembic", "-c", os.path.join(folder, "alembic.ini"),
                                    "upgrade", "head"], capture_output=True, text=True)
                elapsed = time.perf_counter() - start
                if p.returncode != 0:
                    print("  alembic upgrade head failed: %s" % p.stderr.strip()[-300:])
                else:
                    print("  alembic upgrade head (one run):          %8.2f s   alembic / strata = %.2f"
                          % (elapsed, elapsed / mine))
        finally:
            cluster.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
