// The public embedding API: what the README shows, on real SQLite files.

#include "../support/sqlitefile.h"
#include "migrator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TestMigrator : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString project() const { return m_dir.path() + QStringLiteral("/p"); }
    QString url(const QString &name) const
    {
        return QStringLiteral("sqlite:///") + m_dir.path() + QLatin1Char('/') + name;
    }

    void write(const QString &relative, const QByteArray &text)
    {
        QFile f(project() + QLatin1Char('/') + relative);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qunsetenv("DATABASE_URL");
        QVERIFY(QDir().mkpath(project() + QStringLiteral("/versions")));
        write(QStringLiteral("strata.ini"), "[strata]\nversions = versions\n");
        write(
            QStringLiteral("versions/a.sql"),
            "-- revision: aaaa01\n-- message: first\n-- +upgrade\nCREATE TABLE one (id INTEGER);\n"
            "CREATE TABLE two (id INTEGER);\n-- +downgrade\nDROP TABLE two;\nDROP TABLE one;\n");
        write(QStringLiteral("versions/b.sql"),
              "-- revision: bbbb02\n-- down_revision: aaaa01\n-- message: second\n-- +upgrade\n"
              "CREATE TABLE three (id INTEGER);\n-- +downgrade\nDROP TABLE three;\n");
    }

    void oneCallForms()
    {
        auto before = checkMigrations(project(), url(QStringLiteral("one.db")));
        QVERIFY(before.ok());
        QVERIFY(!before->upToDate());
        QCOMPARE(before->pending,
                 (QStringList{QStringLiteral("aaaa01"), QStringLiteral("bbbb02")}));
        QVERIFY(upgradeDatabase(project(), url(QStringLiteral("one.db"))).ok());
        auto after = checkMigrations(project(), url(QStringLiteral("one.db")));
        QVERIFY(after.ok());
        QVERIFY(after->upToDate());
        QCOMPARE(after->current, QStringList{QStringLiteral("bbbb02")});

        const Status bad =
            upgradeDatabase(project(), url(QStringLiteral("one.db")), QStringLiteral("nosuch"));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(QStringLiteral("nosuch")));
        const Status noProject = upgradeDatabase(m_dir.path() + QStringLiteral("/missing"));
        QVERIFY(!noProject.ok());
    }

    void progressAndPlans()
    {
        MigratorOptions options;
        options.projectDir = project();
        options.url = url(QStringLiteral("two.db"));
        auto migrator = Migrator::open(options);
        QVERIFY(migrator.ok());
        QCOMPARE((*migrator)->databaseSource(), QStringLiteral("--url"));
        auto plan = (*migrator)->planUpgrade(QStringLiteral("heads"));
        QVERIFY(plan.ok());
        QCOMPARE(plan->steps.size(), 2);
        QVERIFY(
            !QFile::exists(m_dir.path() + QStringLiteral("/two.db"))); // planning creates nothing

        QList<Progress> seen;
        RunOptions run;
        run.progress = [&](const Progress &p) { seen.append(p); };
        auto ran = (*migrator)->run(*plan, run);
        QVERIFY(ran.ok());
        // Step 1 reports its start and two statements, step 2 its start and one.
        QCOMPARE(seen.size(), 5);
        QCOMPARE(seen[0].step, 1);
        QCOMPARE(seen[0].stepCount, 2);
        QCOMPARE(seen[2].statement, 2);
        QCOMPARE(seen[2].statementCount, 2);
        QCOMPARE(seen[4].revision, QStringLiteral("bbbb02"));
        QCOMPARE(*(*migrator)->current(), QStringList{QStringLiteral("bbbb02")});

        auto history = (*migrator)->history();
        QVERIFY(history.ok());
        QCOMPARE(history->size(), 2);
        QVERIFY(history->at(0).current);
        QVERIFY(history->at(1).applied);
    }

    // A second project for status: aaaa01, then two branches: bbbb02 (fails) and cccc03.
    QString statusProject()
    {
        const QString root = m_dir.path() + QStringLiteral("/s");
        if (QDir(root).exists())
            return root;
        QDir().mkpath(root + QStringLiteral("/versions"));
        auto put = [&](const QString &name, const QByteArray &text) {
            QFile f(root + QLatin1Char('/') + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        put(QStringLiteral("strata.ini"), "[strata]\nversions = versions\n");
        put(QStringLiteral("versions/a.sql"),
            "-- revision: aaaa01\n-- +upgrade\nCREATE TABLE one (id INTEGER);\n"
            "-- +downgrade\nDROP TABLE one;\n");
        put(QStringLiteral("versions/b.sql"),
            "-- revision: bbbb02\n-- down_revision: aaaa01\n-- +upgrade\n"
            "INSERT INTO no_such_table VALUES (1);\n-- +downgrade\nSELECT 1;\n");
        put(QStringLiteral("versions/c.sql"),
            "-- revision: cccc03\n-- down_revision: aaaa01\n-- +upgrade\n"
            "CREATE TABLE three (id INTEGER);\n-- +downgrade\nDROP TABLE three;\n");
        return root;
    }

    std::unique_ptr<Migrator> openStatus(const QString &db)
    {
        MigratorOptions options;
        options.projectDir = statusProject();
        options.url = url(db);
        auto migrator = Migrator::open(options);
        if (!migrator)
            qWarning() << migrator.error().toString();
        return migrator ? std::move(migrator).value() : nullptr;
    }

    // Files that are not SQLite databases, or damaged ones: every reading call says so with
    // Error::Code::Unreadable, never "no version table" (base), and nothing writes to them.
    void unreadableFilesAreErrorsNeverBase_data()
    {
        QTest::addColumn<int>("keep"); // bytes of a real database kept; -1: a text file
        QTest::newRow("text file") << -1;
        QTest::newRow("truncated to 100 bytes") << 100;
        QTest::newRow("truncated to 3000 bytes") << 3000;
        QTest::newRow("truncated to one page") << 4096;
    }
    void unreadableFilesAreErrorsNeverBase()
    {
        QFETCH(int, keep);
        const QString name = QStringLiteral("bad%1.db").arg(keep);
        const QString path = m_dir.path() + QLatin1Char('/') + name;
        QByteArray bytes = "this is not a database\n";
        if (keep > 0) {
            const QString good = m_dir.path() + QStringLiteral("/good.db");
            if (!QFile::exists(good)) {
                auto m = openStatus(QStringLiteral("good.db"));
                QVERIFY(m);
                QVERIFY(m->upgrade(QStringLiteral("cccc03")).ok());
            }
            QFile f(good);
            QVERIFY(f.open(QIODevice::ReadOnly));
            bytes = f.readAll();
            QVERIFY(bytes.size() > 2 * keep);
            bytes.truncate(keep);
        }
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(bytes);
        }
        auto m = openStatus(name);
        QVERIFY(m);
        const DatabaseStatus st = m->status();
        QVERIFY(!st.reachable);
        QCOMPARE(st.problem.code, Error::Code::Unreadable);
        QVERIFY2(st.problem.message.contains(path), qPrintable(st.problem.message));
        QVERIFY(st.current.isEmpty() && st.pending.isEmpty());
        QVERIFY(!st.upToDate());
        auto current = m->current();
        QVERIFY(!current.ok());
        QCOMPARE(current.error().code, Error::Code::Unreadable);
        auto check = m->check();
        QVERIFY(!check.ok());
        QCOMPARE(check.error().code, Error::Code::Unreadable);
        auto ping = m->ping();
        QVERIFY(!ping.ok());
        QCOMPARE(ping.error().code, Error::Code::Unreadable);
        QVERIFY(!m->history().ok());
        auto up = m->upgrade(QStringLiteral("heads"));
        QVERIFY(!up.ok());
        QCOMPARE(up.error().code, Error::Code::Unreadable);
        m.reset();
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), bytes); // left as it was
    }

    // A SQLite file named in a folder that does not exist: not "base" (nothing could be there,
    // and an upgrade could not create it), but an error naming the folder, from every door.
    void missingFolderIsAnErrorNeverBase()
    {
        MigratorOptions options;
        options.projectDir = statusProject();
        options.url = QStringLiteral("sqlite:///") + m_dir.path() + QStringLiteral("/no/such/x.db");
        auto opened = Migrator::open(options);
        QVERIFY(opened.ok());
        Migrator &m = **opened;
        const DatabaseStatus st = m.status();
        QVERIFY(!st.reachable);
        QCOMPARE(st.problem.code, Error::Code::NotFound);
        QVERIFY2(st.problem.message.contains(QStringLiteral("/no/such")),
                 qPrintable(st.problem.message));
        auto current = m.current();
        QVERIFY(!current.ok());
        QCOMPARE(current.error().code, Error::Code::NotFound);
        auto ping = m.ping();
        QVERIFY(!ping.ok());
        QCOMPARE(ping.error().code, Error::Code::NotFound);
        QVERIFY(!m.check().ok());
        QVERIFY(!m.history().ok());
        auto up = m.upgrade(QStringLiteral("heads"));
        QVERIFY(!up.ok());
        QVERIFY(!QFileInfo::exists(m_dir.path() + QStringLiteral("/no")));
    }

    // Version rows without the history table beside them: edits and failures are unknown, so
    // neither status nor check may say up to date.
    void missingHistoryTableIsUnknownNotNone()
    {
        const QString db = QStringLiteral("nohistory.db");
        auto m = openStatus(db);
        QVERIFY(m);
        QVERIFY(m->upgrade(QStringLiteral("cccc03")).ok());
        QVERIFY(m->status().historyUnknown.isEmpty());
        test::sqliteRun(m_dir.path() + QLatin1Char('/') + db,
                        QStringLiteral("DROP TABLE strata_version_history"));
        const DatabaseStatus st = m->status();
        QVERIFY(st.reachable);
        QVERIFY2(st.historyUnknown.contains(QStringLiteral("strata_version_history")),
                 qPrintable(st.historyUnknown));
        QVERIFY(!st.upToDate());
        auto check = m->check();
        QVERIFY(!check.ok() || !check->upToDate());
    }

    void statusReadsRowsFailuresAndPending()
    {
        auto m = openStatus(QStringLiteral("status.db"));
        QVERIFY(m);
        DatabaseStatus st = m->status();
        QVERIFY(st.reachable);
        QVERIFY(!st.exists); // not created by reading
        QCOMPARE(st.pending.size(), 3);
        QVERIFY(m->upgrade(QStringLiteral("aaaa01")).ok());
        QVERIFY(!m->upgrade(QStringLiteral("bbbb02")).ok());
        st = m->status();
        QVERIFY(st.reachable && st.exists && st.consistent());
        QCOMPARE(st.current, QStringList{QStringLiteral("aaaa01")});
        QCOMPARE(st.failures.size(), 1);
        QCOMPARE(st.failures.first().record.revision, QStringLiteral("bbbb02"));
        QVERIFY(!st.failures.first().partlyApplied); // SQLite rolled it back
        QCOMPARE(st.pending.size(), 2);
        QVERIFY(st.pendingUnknown.isEmpty());
        QVERIFY(!st.upToDate());
    }

    // Rows that contradict each other: check says inconsistent, stamp resolves them, and
    // `stamp A B` does not fail deleting a row twice.
    void overlappingRowsReportedAndResolvedByStamp()
    {
        const QString db = QStringLiteral("overlap.db");
        const QString path = m_dir.path() + QLatin1Char('/') + db;
        auto m = openStatus(db);
        QVERIFY(m);
        QVERIFY(m->upgrade(QStringLiteral("cccc03")).ok());
        QCOMPARE(test::sqliteRun(path, QStringLiteral("INSERT INTO strata_version VALUES "
                                                      "('aaaa01'); SELECT count(*) FROM "
                                                      "strata_version")),
                 QStringLiteral("2"));
        DatabaseStatus st = m->status();
        QVERIFY(st.reachable);
        QCOMPARE(st.overlapping.size(), 1);
        QCOMPARE(st.overlapping.first().row, QStringLiteral("cccc03"));
        QCOMPARE(st.overlapping.first().ancestor, QStringLiteral("aaaa01"));
        QVERIFY(st.pendingUnknown.startsWith(QStringLiteral("unknown, because")));
        QVERIFY(!st.upToDate());
        auto check = m->check();
        QVERIFY(check.ok());
        QVERIFY(!check->upToDate());
        QCOMPARE(check->overlapping.size(), 1);
        // No plan is made from rows that contradict each other: an upgrade would take the
        // stray ancestor row for a branch position and run migrations beside it.
        for (auto ran :
             {m->upgrade(QStringLiteral("heads")), m->downgrade(QStringLiteral("base"))}) {
            QVERIFY(!ran.ok());
            QCOMPARE(ran.error().code, Error::Code::Refused);
            QCOMPARE(ran.error().kind, Error::Kind::Failure);
        }
        QCOMPARE(test::sqliteRun(path, QStringLiteral("SELECT group_concat(version_num) FROM "
                                                      "(SELECT version_num FROM strata_version "
                                                      "ORDER BY 1)")),
                 QStringLiteral("aaaa01,cccc03"));

        auto stamped = m->stamp({QStringLiteral("cccc03"), QStringLiteral("bbbb02")}, false);
        QVERIFY2(stamped.ok(), qPrintable(stamped.ok() ? QString() : stamped.error().toString()));
        QCOMPARE(m->current().value(),
                 (QStringList{QStringLiteral("bbbb02"), QStringLiteral("cccc03")}));
        QVERIFY(m->status().consistent());

        // The same overlap again, resolved by stamping the upper row alone.
        test::sqliteRun(path, QStringLiteral("DELETE FROM strata_version; INSERT INTO "
                                             "strata_version VALUES ('aaaa01'), ('cccc03')"));
        QVERIFY(m->stamp({QStringLiteral("cccc03")}, false).ok());
        QCOMPARE(m->current().value(), QStringList{QStringLiteral("cccc03")});
        // Targets of one lineage would write the same contradiction: refused.
        auto both = m->stamp({QStringLiteral("aaaa01"), QStringLiteral("cccc03")}, false);
        QVERIFY(!both.ok());
        QCOMPARE(both.error().code, Error::Code::Refused); // the project says so: exit 1, not 2
        QCOMPARE(m->current().value(), QStringList{QStringLiteral("cccc03")});

        // A row no file has: unknown, because ...; never planned from.
        test::sqliteRun(path, QStringLiteral("INSERT INTO strata_version VALUES ('ghost9')"));
        st = m->status();
        QCOMPARE(st.unknownRows, QStringList{QStringLiteral("ghost9")});
        QVERIFY(st.pendingUnknown.contains(QStringLiteral("ghost9")));
        QVERIFY(st.pending.isEmpty());
        QVERIFY(m->stamp({QStringLiteral("cccc03")}, true).ok());
        QVERIFY(m->status().consistent());
    }

    void cancelledRunAppliesNothing()
    {
        MigratorOptions options;
        options.projectDir = project();
        options.url = url(QStringLiteral("three.db"));
        auto migrator = Migrator::open(options);
        QVERIFY(migrator.ok());
        std::atomic<bool> cancel{true};
        RunOptions run;
        run.cancel = &cancel;
        auto ran = (*migrator)->upgrade(QStringLiteral("heads"), run);
        QVERIFY(!ran.ok());
        QVERIFY(ran.error().message.contains(QStringLiteral("cancelled")));
        QCOMPARE(ran.error().code, Error::Code::Cancelled);
        QCOMPARE(*(*migrator)->current(), QStringList{});
        // Cancelled before the run began: no step was attempted, so none is recorded.
        auto report = (*migrator)->check();
        QVERIFY(report.ok());
        QCOMPARE(report->failed, QStringList{});
        QCOMPARE(report->pending.size(), 2);
    }

    void catalogListsTablesAndColumns()
    {
        MigratorOptions options;
        options.projectDir = project();
        options.url = url(QStringLiteral("catalog.db"));
        auto migrator = Migrator::open(options);
        QVERIFY(migrator.ok());
        auto empty = (*migrator)->catalog(); // the file does not exist yet: nothing, no file
        QVERIFY(empty.ok());
        QVERIFY(empty->relations.isEmpty());
        QVERIFY(!QFile::exists(m_dir.path() + QStringLiteral("/catalog.db")));
        QVERIFY((*migrator)->upgrade(QStringLiteral("aaaa01")).ok());
        auto catalog = (*migrator)->catalog();
        QVERIFY(catalog.ok());
        QStringList names;
        for (const SchemaCatalog::Relation &r : catalog->relations) {
            names.append(r.name);
            QCOMPARE(r.columns, QStringList{QStringLiteral("id")});
        }
        // Strata's own tables are not offered.
        QCOMPARE(names, (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
    }

    void trialRunsUpAndDownAndKeepsNothing()
    {
        MigratorOptions options;
        options.projectDir = project();
        options.url = url(QStringLiteral("trial.db"));
        auto migrator = Migrator::open(options);
        QVERIFY(migrator.ok());
        QVERIFY((*migrator)->upgrade(QStringLiteral("aaaa01")).ok());
        auto plan = (*migrator)->planTrial(QStringLiteral("bbbb02"));
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().toString()));
        QCOMPARE(plan->steps.size(), 2);
        QCOMPARE(plan->steps[0].direction, Direction::Up);
        QCOMPARE(plan->steps[1].direction, Direction::Down);
        QCOMPARE(plan->steps[1].revision, QStringLiteral("bbbb02"));
        RunOptions dry;
        dry.dryRun = true;
        QVERIFY((*migrator)->run(*plan, dry).ok());
        QCOMPARE(*(*migrator)->current(), QStringList{QStringLiteral("aaaa01")});
        auto records = (*migrator)->historyRecords();
        QVERIFY(records.ok());
        QCOMPARE(records->size(), 1); // only the real upgrade of aaaa01

        // From an empty database the trial brings the pending parent first.
        options.url = url(QStringLiteral("trial-empty.db"));
        auto fresh = Migrator::open(options);
        QVERIFY(fresh.ok());
        auto both = (*fresh)->planTrial(QStringLiteral("bbbb02"));
        QVERIFY(both.ok());
        QCOMPARE(both->steps.size(), 3);

        auto applied = (*migrator)->planTrial(QStringLiteral("aaaa01"));
        QVERIFY(!applied.ok());
        QVERIFY2(applied.error().message.contains(QStringLiteral("already applied")),
                 qPrintable(applied.error().message));
        auto unknown = (*migrator)->planTrial(QStringLiteral("zzzz"));
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.error().message.contains(QStringLiteral("zzzz")));
    }
};

QTEST_GUILESS_MAIN(TestMigrator)
#include "tst_migrator.moc"
