// The public embedding API: what the README shows, on real SQLite files.

#include "migrator.h"

#include <QDir>
#include <QFile>
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
