#!/usr/bin/env python3
"""Confirms every expectation in topologies.txt by running Alembic itself.

tests/core/tst_revisiongraph.cpp and tst_planner.cpp read topologies.txt and check Strata
against it; this script checks the same file against Alembic (1.8, Debian's python3-alembic),
so that each expected step set, order and version-row set is Alembic's, not a guess.

  graph facts  -> alembic.script.revision.RevisionMap built from Revision objects
  plans        -> a throwaway Alembic project per topology, an SQLite file per case,
                  command.upgrade / downgrade / stamp run in-process; every migration
                  records (revision, direction, version rows at its start) in a table, so
                  the steps that really ran, their order and the rows after each step are
                  read back from the database.

It also keeps the file honest about order: a step list written in order ([...]) must be
Alembic's order AND the only valid one; a set ({...}) whose order is forced is reported.

Usage: confirm_with_alembic.py [topologies.txt] [-v]
Exit code 0 when every expectation matches Alembic.
"""

import logging
import os
import sqlite3
import sys
import tempfile
import warnings

try:
    from alembic import command, util
    from alembic.config import Config
    from alembic.script.revision import Revision, RevisionError, RevisionMap
except ImportError:  # pragma: no cover
    sys.exit("confirm_with_alembic: needs python3-alembic (run it with /usr/bin/python3)")

logging.disable(logging.CRITICAL)

ENV_PY = '''
from alembic import context
from sqlalchemy import create_engine
config = context.config
engine = create_engine(config.get_main_option("sqlalchemy.url"))
with engine.connect() as connection:
    context.configure(connection=connection, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
'''

SCRIPT = '''
from alembic import op
revision = {rev!r}
down_revision = {down!r}
branch_labels = {labels!r}
depends_on = {deps!r}

def _record(direction):
    op.execute("INSERT INTO recorded_steps (revision, direction, rows_before) "
               "SELECT '{rev}', '" + direction + "', "
               "(SELECT group_concat(version_num, ',') FROM alembic_version)")

def upgrade():
    _record("up")

def downgrade():
    _record("down")
'''


def split_list(text):
    return [] if text in ("", "-") else text.split(",")


class Topology:
    def __init__(self, name, line):
        self.name = name
        self.line = line
        self.revs = []  # dicts: id, down, deps, labels

    def revision_map(self):
        def gen():
            for r in self.revs:
                down = tuple(r["down"]) if len(r["down"]) > 1 else (r["down"][0] if r["down"] else None)
                yield Revision(r["id"], down,
                               dependencies=tuple(r["deps"]) or None,
                               branch_labels=tuple(r["labels"]) or None)
        return RevisionMap(gen)

    def edges(self):
        """revision -> revisions it must follow on upgrade (down_revision and depends_on)."""
        labels = {l: r["id"] for r in self.revs for l in r["labels"]}
        return {r["id"]: set(r["down"]) | {labels.get(d, d) for d in r["deps"]} for r in self.revs}


class Case:
    def __init__(self, topology, line, words):
        self.topology = topology
        self.line = line
        self.kind = words[0]
        self.args = []
        self.opts = {}
        for w in words[1:]:
            if "=" in w:
                k, v = w.split("=", 1)
                self.opts[k] = v
            elif w in ("purge",):
                self.opts[w] = True
            else:
                self.args.append(w)

    def where(self):
        return "topologies.txt:%d [%s] %s %s" % (self.line, self.topology.name, self.kind,
                                                 " ".join(self.args))


def parse(path):
    topologies, cases = [], []
    current = None
    with open(path) as f:
        for number, raw in enumerate(f, 1):
            text = raw.split("#", 1)[0].strip()
            if not text:
                continue
            words = text.split()
            if words[0] == "topology":
                current = Topology(words[1], number)
                topologies.append(current)
            elif words[0] == "rev":
                rev = {"id": words[1], "down": [], "deps": [], "labels": []}
                for w in words[2:]:
                    k, _, v = w.partition("=")
                    if k == "down":
                        rev["down"] = split_list(v)
                    elif k == "depends":
                        rev["deps"] = split_list(v)
                    elif k == "labels":
                        rev["labels"] = split_list(v)
                    elif k in ("irreversible", "file"):
                        pass  # Strata only: no downgrade section; the file named in errors
                    else:
                        raise SystemExit("topologies.txt:%d: unknown rev key %s" % (number, k))
                current.revs.append(rev)
            else:
                cases.append(Case(current, number, words))
    return topologies, cases


class Project:
    """A throwaway Alembic project holding one topology."""

    def __init__(self, topology, root):
        self.topology = topology
        self.dir = os.path.join(root, topology.name)
        versions = os.path.join(self.dir, "versions")
        os.makedirs(versions)
        with open(os.path.join(self.dir, "env.py"), "w") as f:
            f.write(ENV_PY)
        for r in topology.revs:
            down = tuple(r["down"]) if len(r["down"]) > 1 else (r["down"][0] if r["down"] else None)
            with open(os.path.join(versions, "rev_%s.py" % r["id"]), "w") as f:
                f.write(SCRIPT.format(rev=r["id"], down=down, labels=tuple(r["labels"]) or None,
                                      deps=tuple(r["deps"]) or None))
        self.count = 0

    def run(self, case):
        """Runs one case on a fresh SQLite file: (steps, rows after each step, end rows, error)."""
        self.count += 1
        db = os.path.join(self.dir, "case%d.db" % self.count)
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                     "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))")
        conn.execute("CREATE TABLE recorded_steps (n INTEGER PRIMARY KEY AUTOINCREMENT, "
                     "revision TEXT, direction TEXT, rows_before TEXT)")
        for head in split_list(case.args[0]):
            conn.execute("INSERT INTO alembic_version VALUES (?)", (head,))
        conn.commit()
        conn.close()

        cfg = Config()
        cfg.set_main_option("script_location", self.dir)
        cfg.set_main_option("sqlalchemy.url", "sqlite:///" + db)
        error = None
        warned = []
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                target = case.args[1]
                if case.kind == "upgrade":
                    command.upgrade(cfg, target)
                elif case.kind == "downgrade":
                    command.downgrade(cfg, target)
                else:
                    command.stamp(cfg, split_list(target) or ["base"], purge=bool(case.opts.get("purge")))
            except (util.CommandError, RevisionError) as e:
                error = "%s: %s" % (type(e).__name__, e)
            except Exception as e:  # an Alembic crash, not a clean refusal
                error = "CRASH %s: %s" % (type(e).__name__, e)
            warned = [str(w.message) for w in caught]

        conn = sqlite3.connect(db)
        recorded = conn.execute("SELECT revision, direction, rows_before FROM recorded_steps "
                                "ORDER BY n").fetchall()
        end = sorted(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
        conn.close()
        steps = [r[0] for r in recorded]
        directions = {r[1] for r in recorded}
        after = [sorted(split_list(r[2] or "")) for r in recorded[1:]] + ([end] if recorded else [])
        return steps, directions, after, end, error, warned


def order_is_forced(order, edges, upgrade):
    """True when `order` is the only valid order of its steps: each consecutive pair is
    directly related."""
    for first, second in zip(order, order[1:]):
        if upgrade and first not in edges[second]:
            return False
        if not upgrade and second not in edges[first]:
            return False
    return True


def order_is_valid(order, edges, upgrade):
    seen = set()
    in_plan = set(order)
    for rev in order:
        if upgrade:
            if (edges[rev] & in_plan) - seen:
                return False
        else:
            children = {c for c, parents in edges.items() if rev in parents}
            if (children & in_plan) - seen:
                return False
        seen.add(rev)
    return True


def check_plan(project, case, problems, verbose):
    steps, directions, after, end, error, warned = project.run(case)
    expect_error = case.opts.get("error")
    alembic_mode = case.opts.get("alembic")
    say = lambda msg: problems.append("%s: %s" % (case.where(), msg))
    if verbose:
        print("%s -> steps %s rows %s%s%s" % (case.where(), steps, end,
                                               " ERROR " + error if error else "",
                                               " WARNED " + "; ".join(warned) if warned else ""))
    if expect_error:
        if alembic_mode == "warns":
            # Strata refuses on purpose where Alembic warns and goes on.
            if error or not warned:
                say("Alembic was expected to warn and go on; error=%s warnings=%s" % (error, warned))
        elif not error:
            say("Alembic succeeded (steps %s, rows %s) where an error is expected" % (steps, end))
        elif error.startswith("CRASH") and alembic_mode != "crashes":
            say("Alembic crashed instead of refusing: %s" % error)
        return
    if error:
        say("Alembic failed: %s" % error)
        return
    if alembic_mode:
        say("alembic=%s on a case that succeeds" % alembic_mode)
    expected_rows = sorted(split_list(case.opts.get("rows", "")))
    if end != expected_rows:
        say("rows %s, Alembic has %s" % (expected_rows, end))
    if case.kind == "stamp":
        return
    spec = case.opts.get("steps", "-")
    exact = spec.startswith("[")
    listed = split_list(spec.strip("[]{}"))
    upgrade = case.kind == "upgrade"
    if directions and directions != {"up" if upgrade else "down"}:
        say("Alembic ran steps in direction %s" % directions)
    if sorted(listed) != sorted(steps):
        say("steps %s, Alembic ran %s" % (spec, steps))
        return
    edges = project.topology.edges()
    if not order_is_valid(steps, edges, upgrade):
        say("Alembic's own order %s does not pass the order check" % steps)
    forced = order_is_forced(steps, edges, upgrade)
    if exact and listed != steps:
        say("ordered steps %s, Alembic ran %s" % (listed, steps))
    if exact and not forced and len(steps) > 1:
        say("steps written in order but other orders are valid; write them as a set")
    if not exact and forced and len(steps) > 1:
        say("note: the order is forced; steps could be written as [%s]" % ",".join(steps))
    if "after" in case.opts:
        if not exact:
            say("after= needs an ordered step list")
        expected_after = [sorted(split_list(a)) for a in case.opts["after"].split("|")]
        if expected_after != after:
            say("rows after each step %s, Alembic has %s" % (expected_after, after))


def check_fact(topology, map_, case, problems, verbose):
    say = lambda msg: problems.append("%s: %s" % (case.where(), msg))
    kind = case.kind
    if kind != "builderror":
        revs = {r["id"]: map_.get_revision(r["id"]) for r in topology.revs}
    if kind in ("heads", "realheads", "bases", "realbases", "branchpoints", "realbranchpoints",
                "mergepoints"):
        got = {
            "heads": lambda: map_.heads,
            "realheads": lambda: map_._real_heads,
            "bases": lambda: map_.bases,
            "realbases": lambda: map_._real_bases,
            "branchpoints": lambda: [k for k, r in revs.items() if r.is_branch_point],
            "realbranchpoints": lambda: [k for k, r in revs.items() if r._is_real_branch_point],
            "mergepoints": lambda: [k for k, r in revs.items() if r.is_merge_point],
        }[kind]()
        expected = split_list(case.args[0])
        if sorted(got) != sorted(expected):
            say("expected %s, Alembic has %s" % (expected, sorted(got)))
    elif kind == "labels":
        got = sorted(revs[case.args[0]].branch_labels)
        if got != sorted(split_list(case.args[1])):
            say("expected %s, Alembic has %s" % (case.args[1], got))
    elif kind == "normalized":
        got = sorted(revs[case.args[0]]._normalized_down_revisions)
        if got != sorted(split_list(case.args[1])):
            say("expected %s, Alembic has %s" % (case.args[1], got))
    elif kind == "builderror":
        mode = case.opts.get("alembic")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                map_._revision_map
                error = None
            except RevisionError as e:
                error = "%s: %s" % (type(e).__name__, e)
            except Exception as e:
                error = "CRASH %s: %s" % (type(e).__name__, e)
        warned = [str(w.message) for w in caught]
        if verbose:
            print("%s -> %s %s" % (case.where(), error, warned))
        if mode == "warns":
            if error or not warned:
                say("Alembic was expected to warn and go on; error=%s warnings=%s" % (error, warned))
        elif mode == "crashes":
            if not (error and error.startswith("CRASH")):
                say("Alembic was expected to crash; error=%s" % error)
        elif not error or error.startswith("CRASH"):
            say("Alembic does not refuse this graph cleanly: %s" % error)
    elif kind == "resolve":
        try:
            got = sorted(r.revision for r in map_.get_revisions(case.args[0]) if r is not None)
            error = None
        except RevisionError as e:
            got, error = None, "%s: %s" % (type(e).__name__, e)
        if verbose:
            print("%s -> %s" % (case.where(), error or got))
        if "error" in case.opts and case.opts.get("alembic") == "resolves":
            # Strata refuses on purpose a partial id Alembic accepts.
            if error:
                say("Alembic was expected to resolve it; it fails: %s" % error)
        elif "error" in case.opts:
            if not error:
                say("Alembic resolves to %s where an error is expected" % got)
        elif error:
            say("Alembic fails: %s" % error)
        elif got != sorted(split_list(case.args[1])):
            say("expected %s, Alembic resolves to %s" % (case.args[1], got))
    else:
        say("unknown case kind")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv
    path = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                             "topologies.txt")
    topologies, cases = parse(path)
    problems = []
    notes = []
    checked = 0
    with tempfile.TemporaryDirectory() as root:
        projects = {t.name: Project(t, root) for t in topologies}
        maps = {t.name: t.revision_map() for t in topologies}
        for case in cases:
            checked += 1
            found = []
            if case.kind in ("upgrade", "downgrade", "stamp"):
                check_plan(projects[case.topology.name], case, found, verbose)
            else:
                check_fact(case.topology, maps[case.topology.name], case, found, verbose)
            for p in found:
                (notes if ": note: " in p else problems).append(p)
    for n in notes:
        print(n)
    for p in problems:
        print(p)
    print("%d topologies, %d expectations checked against Alembic %s: %d mismatches"
          % (len(topologies), checked, __import__("alembic").__version__, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
