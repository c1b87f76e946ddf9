// Project: strata.ini, the versions folder, and how broken files are reported.

#include "project/project.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TestProject : public QObject
{
    Q_OBJECT

    static void write(const QString &path, const QByteArray &text)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    }

private Q_SLOTS:
    void initAndFindRoot()
    {
        QTemporaryDir dir;
        const QString root = dir.path() + QStringLiteral("/proj");
        QVERIFY(Project::init(root).ok());
        QVERIFY(QFile::exists(root + QStringLiteral("/strata.ini")));
        QVERIFY(QDir(root + QStringLiteral("/versions")).exists());
        const Status again = Project::init(root);
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.contains(QStringLiteral("already")));

        QVERIFY(QDir().mkpath(root + QStringLiteral("/versions/deep/er")));
        auto found = Project::findRoot(root + QStringLiteral("/versions/deep/er"));
        QVERIFY(found.ok());
        QCOMPARE(*found, QDir(root).absolutePath());
        auto none = Project::findRoot(dir.path());
        QVERIFY(!none.ok());
        QVERIFY(none.error().message.contains(dir.path()));

        auto project = Project::open(root);
        QVERIFY2(project.ok(), project.ok() ? "" : qPrintable(project.error().toString()));
        QVERIFY(project->isEmpty());
        QCOMPARE(project->config().versionTable, QStringLiteral("strata_version"));
        QVERIFY(project->emptyProjectError().message.contains(QStringLiteral("no migrations")));
    }

    void everyBrokenFileIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(Project::init(dir.path()).ok());
        write(dir.path() + QStringLiteral("/versions/b_good.sql"),
              "-- revision: good\n-- +upgrade\nSELECT 1;\n");
        write(dir.path() + QStringLiteral("/versions/a_bad.sql"),
              "-- revision: bad1\n-- flavour: x\n-- +upgrade\n");
        write(dir.path() + QStringLiteral("/versions/c_bad.sql"), "-- revision: bad2\nSELECT 1;\n");
        write(dir.path() + QStringLiteral("/versions/notes.txt"), "not a migration");
        auto project = Project::open(dir.path());
        QVERIFY(!project.ok());
        QVERIFY(project.error().file.endsWith(QStringLiteral("a_bad.sql")));
        QCOMPARE(project.error().line, 2);
        QCOMPARE(project.error().details.size(), 1);
        QVERIFY(project.error().details.first().contains(QStringLiteral("c_bad.sql:2")));
    }

    void migrationsSortedByFileName()
    {
        QTemporaryDir dir;
        QVERIFY(Project::init(dir.path()).ok());
        write(dir.path() + QStringLiteral("/versions/2_second.sql"),
              "-- revision: two\n-- +upgrade\nSELECT 2;\n");
        write(dir.path() + QStringLiteral("/versions/1_first.sql"),
              "-- revision: one\n-- +upgrade\nSELECT 1;\n");
        auto project = Project::open(dir.path());
        QVERIFY(project.ok());
        QCOMPARE(project->migrations().size(), 2);
        QCOMPARE(project->migrations()[0].revision, QStringLiteral("one"));
        QVERIFY(QFileInfo(project->migrations()[1].filePath).isAbsolute());
    }

    void iniErrors_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("word");
        QTest::newRow("unknown key") << QByteArray("[strata]\nversions = versions\nflavour = x\n")
                                     << 3 << QStringLiteral("flavour");
        QTest::newRow("malformed line")
            << QByteArray("# settings\n[strata]\nversions\n") << 3 << QStringLiteral("key = value");
        QTest::newRow("no section")
            << QByteArray("[other]\nkey = 1\n") << 0 << QStringLiteral("[strata]");
        QTest::newRow("missing folder")
            << QByteArray("[strata]\nversions = nowhere\n") << 0 << QStringLiteral("nowhere");
    }

    void iniErrors()
    {
        QFETCH(QByteArray, ini);
        QFETCH(int, line);
        QFETCH(QString, word);
        QTemporaryDir dir;
        write(dir.path() + QStringLiteral("/strata.ini"), ini);
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("versions")));
        auto project = Project::open(dir.path());
        QVERIFY(!project.ok());
        QVERIFY(project.error().file.endsWith(QStringLiteral("strata.ini")));
        QCOMPARE(project.error().line, line);
        QVERIFY2(project.error().message.contains(word), qPrintable(project.error().message));
    }

    void iniSettings()
    {
        QTemporaryDir dir;
        write(dir.path() + QStringLiteral("/strata.ini"),
              "; comment\n[alembic]\nscript_location = x\n[strata]\nversions = "
              "migrations/sql\nversion_table = alembic_version\n"
              "url = sqlite:///app.db\n");
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("migrations/sql")));
        auto project = Project::open(dir.path());
        QVERIFY2(project.ok(), project.ok() ? "" : qPrintable(project.error().toString()));
        QCOMPARE(project->config().versionTable, QStringLiteral("alembic_version"));
        QCOMPARE(project->config().url, QStringLiteral("sqlite:///app.db"));
        QVERIFY(project->versionsDir().endsWith(QStringLiteral("/migrations/sql")));
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "tst_project.moc"
