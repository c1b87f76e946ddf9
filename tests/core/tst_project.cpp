// Project: strata.ini, the versions folder, and how broken files are reported.

#include "project/project.h"
#include "project/projectcache.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <fcntl.h>
#include <sys/stat.h>

using namespace strata;

class TestProject : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_cache;

    static void write(const QString &path, const QByteArray &text)
    {
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(text), text.size());
    }

    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static ProjectCache::Key keyOf(const QString &path)
    {
        struct stat st
        {
        };
        ProjectCache::Key k;
        if (::stat(QFile::encodeName(path).constData(), &st) != 0)
            return k;
        k.size = st.st_size;
        k.mtimeNs = qint64(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
        k.ctimeNs = qint64(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
        k.inode = st.st_ino;
        k.device = st.st_dev;
        return k;
    }

    // Sets a file's mtime `secondsAgo` into the past (its ctime becomes now).
    static void age(const QString &path, int secondsAgo)
    {
        timespec times[2];
        ::clock_gettime(CLOCK_REALTIME, &times[0]);
        times[0].tv_sec -= secondsAgo;
        times[1] = times[0];
        QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0), 0);
    }

    static QByteArray migrationText(const QByteArray &sql)
    {
        return "-- revision: aaaa01\n-- message: m\n-- +upgrade\n" + sql + "\n";
    }

private Q_SLOTS:
    void init()
    {
        // Every test's cache in a folder of its own, never the user's.
        m_cache = std::make_unique<QTemporaryDir>();
        qputenv("STRATA_CACHE_DIR", m_cache->path().toUtf8() + "/strata");
        qunsetenv("STRATA_NO_CACHE");
    }

    // The cache of parsed files never serves stale content: an edit within the same second
    // that keeps the size is seen, whether the file is racy or old with its mtime put back.
    void cacheNeverServesStaleContent()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(root + QStringLiteral("/strata.ini"), "[strata]\nversions = versions\n");
        const QString file = root + QStringLiteral("/versions/a.sql");
        write(file, migrationText("SELECT 1;"));
        auto first = Project::open(root);
        QVERIFY(first.ok());
        QCOMPARE(first->migrations().first().upgradeSql.trimmed(), QStringLiteral("SELECT 1;"));
        // Stored privately.
        const QString folder = m_cache->path() + QStringLiteral("/strata");
        const QStringList files = QDir(folder).entryList(QDir::Files);
        QCOMPARE(files.size(), 1);
        struct stat st
        {
        };
        QCOMPARE(
            ::stat(QFile::encodeName(folder + QLatin1Char('/') + files.first()).constData(), &st),
            0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
        QCOMPARE(::stat(QFile::encodeName(folder).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0700));

        // Same second, same size: racy, so read again.
        write(file, migrationText("SELECT 2;"));
        auto second = Project::open(root);
        QVERIFY(second.ok());
        QCOMPARE(second->migrations().first().upgradeSql.trimmed(), QStringLiteral("SELECT 2;"));

        // An old file is served from the cache (its ctime too must be two seconds old, or it is
        // racy still)...
        age(file, 3600);
        QTest::qSleep(2100);
        QVERIFY(Project::open(root).ok()); // caches it, not racy now
        const QString versions = QDir(root + QStringLiteral("/versions")).absolutePath();
        ProjectCache cache = ProjectCache::load(versions, ProjectCache::nowNs());
        auto hit = cache.find("a.sql", keyOf(file));
        QVERIFY(hit.has_value());
        QCOMPARE(hit->upgradeSql.trimmed(), QStringLiteral("SELECT 2;"));
        QCOMPARE(hit->revision, QStringLiteral("aaaa01"));
        // ... until it changes, even with the same size and the old mtime put back (as
        // `cp -p` or an editor preserving times would): its ctime gives it away.
        const ProjectCache::Key before = keyOf(file);
        write(file, migrationText("SELECT 3;"));
        timespec times[2] = {{before.mtimeNs / 1'000'000'000, before.mtimeNs % 1'000'000'000},
                             {before.mtimeNs / 1'000'000'000, before.mtimeNs % 1'000'000'000}};
        QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(file).constData(), times, 0), 0);
        QCOMPARE(keyOf(file).mtimeNs, before.mtimeNs);
        QCOMPARE(keyOf(file).size, before.size);
        auto third = Project::open(root);
        QVERIFY(third.ok());
        QCOMPARE(third->migrations().first().upgradeSql.trimmed(), QStringLiteral("SELECT 3;"));
        // A file removed or added shows too.
        write(root + QStringLiteral("/versions/b.sql"),
              "-- revision: bbbb02\n-- down_revision: aaaa01\n-- +upgrade\nSELECT 4;\n");
        auto fourth = Project::open(root);
        QVERIFY(fourth.ok());
        QCOMPARE(fourth->migrations().size(), 2);
        QVERIFY(QFile::remove(root + QStringLiteral("/versions/b.sql")));
        QCOMPARE(Project::open(root)->migrations().size(), 1);
    }

    void cacheOffOrDamagedIsNoError()
    {
        QTemporaryDir dir;
        const QString root = dir.path();
        write(root + QStringLiteral("/strata.ini"), "[strata]\nversions = versions\n");
        write(root + QStringLiteral("/versions/a.sql"), migrationText("SELECT 1;"));
        age(root + QStringLiteral("/versions/a.sql"), 3600);
        QVERIFY(Project::open(root).ok());
        const QString folder = m_cache->path() + QStringLiteral("/strata");
        const QString cacheFile =
            folder + QLatin1Char('/') + QDir(folder).entryList(QDir::Files).first();
        QFile f(cacheFile);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const QByteArray bytes = f.readAll();
        f.resize(bytes.size() / 2); // damaged: ignored, rewritten
        f.close();
        auto again = Project::open(root);
        QVERIFY(again.ok());
        QCOMPARE(again->migrations().first().upgradeSql.trimmed(), QStringLiteral("SELECT 1;"));
        QCOMPARE(QFileInfo(cacheFile).size(), bytes.size());
        qputenv("STRATA_NO_CACHE", "1");
        QVERIFY(QFile::remove(cacheFile));
        QVERIFY(Project::open(root).ok());
        QVERIFY(!QFile::exists(cacheFile));
        qunsetenv("STRATA_NO_CACHE");
    }

    void initWritesTheProject()
    {
        QTemporaryDir dir;
        const QString root = dir.path() + QStringLiteral("/proj");
        const Status status = Project::init(root);
        QVERIFY2(status.ok(), status.ok() ? "" : qPrintable(status.error().toString()));
        QVERIFY(QDir(root + QStringLiteral("/versions")).exists());
        const QByteArray ini = read(root + QStringLiteral("/strata.ini"));
        QVERIFY(ini.startsWith("[strata]\n"));
        QVERIFY(ini.contains("\nversions = versions\n"));
        QVERIFY(ini.contains("\nversion_table = strata_version\n"));
        QVERIFY(ini.contains("\n# url = sqlite:///strata.db\n"));

        auto project = Project::open(root);
        QVERIFY2(project.ok(), project.ok() ? "" : qPrintable(project.error().toString()));
        QCOMPARE(project->rootDir(), QDir(root).absolutePath());
        QCOMPARE(project->iniPath(), QDir(root).absoluteFilePath(QStringLiteral("strata.ini")));
        QCOMPARE(project->versionsDir(), QDir(root).absoluteFilePath(QStringLiteral("versions")));
        QCOMPARE(project->config().versionsDir, QStringLiteral("versions"));
        QCOMPARE(project->config().versionTable, QStringLiteral("strata_version"));
        QVERIFY(project->config().url.isEmpty());
        // An empty project opens (`strata revision` must work on it); commands that need
        // revisions ask for this error.
        QVERIFY(project->isEmpty());
        const Error empty = project->emptyProjectError();
        QVERIFY(empty.message.contains(QStringLiteral("no migrations")));
        QVERIFY(empty.message.contains(project->versionsDir()));
    }

    void secondInitRefused()
    {
        QTemporaryDir dir;
        QVERIFY(Project::init(dir.path()).ok());
        write(dir.path() + QStringLiteral("/strata.ini"), "[strata]\nversions = mine\n");
        const Status again = Project::init(dir.path());
        QVERIFY(!again.ok());
        QVERIFY(again.error().message.contains(QStringLiteral("already exists")));
        QVERIFY(again.error().message.contains(QStringLiteral("strata.ini")));
        QCOMPARE(read(dir.path() + QStringLiteral("/strata.ini")),
                 QByteArray("[strata]\nversions = mine\n")); // untouched
    }

    void initInAFolderWithOtherFiles()
    {
        QTemporaryDir dir;
        write(dir.path() + QStringLiteral("/README"), "my app\n");
        QVERIFY(Project::init(dir.path()).ok());
        QVERIFY(Project::open(dir.path()).ok());
    }

    void findRoot()
    {
        QTemporaryDir dir;
        const QString root = dir.path() + QStringLiteral("/proj");
        QVERIFY(Project::init(root).ok());
        QVERIFY(QDir().mkpath(root + QStringLiteral("/src/deep/er")));
        auto found = Project::findRoot(root + QStringLiteral("/src/deep/er"));
        QVERIFY2(found.ok(), found.ok() ? "" : qPrintable(found.error().toString()));
        QCOMPARE(*found, QDir(root).absolutePath());
        auto itself = Project::findRoot(root);
        QVERIFY(itself.ok());
        QCOMPARE(*itself, QDir(root).absolutePath());

        auto none = Project::findRoot(dir.path());
        QVERIFY(!none.ok());
        QVERIFY(none.error().message.contains(QStringLiteral("no strata.ini")));
        QVERIFY2(none.error().message.contains(QDir(dir.path()).absolutePath()),
                 qPrintable(none.error().message));

        auto missing = Project::findRoot(dir.path() + QStringLiteral("/nowhere"));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(QStringLiteral("nowhere")));
    }

    void everyBrokenFileIsReported()
    {
        QTemporaryDir dir;
        QVERIFY(Project::init(dir.path()).ok());
        const QString versions = dir.path() + QStringLiteral("/versions/");
        write(versions + QStringLiteral("b_good.sql"),
              "-- revision: good\n-- +upgrade\nSELECT 1;\n");
        write(versions + QStringLiteral("a_bad.sql"),
              "-- revision: bad1\n-- flavour: x\n-- +upgrade\n");
        write(versions + QStringLiteral("c_bad.sql"), "-- revision: bad2\nSELECT 1;\n");
        write(versions + QStringLiteral("d_bad.sql"),
              "-- revision: bad3\n-- +upgrade\nSELECT '\xfe';\n");
        write(versions + QStringLiteral("notes.txt"), "not a migration");
        auto project = Project::open(dir.path());
        QVERIFY(!project.ok());
        const Error &error = project.error();
        QCOMPARE(error.file, QDir(versions).absoluteFilePath(QStringLiteral("a_bad.sql")));
        QCOMPARE(error.line, 2);
        QVERIFY(error.message.contains(QStringLiteral("flavour")));
        QCOMPARE(error.details.size(), 2);
        QVERIFY2(error.details[0].contains(QStringLiteral("c_bad.sql:2: SQL before")),
                 qPrintable(error.details[0]));
        QVERIFY2(error.details[1].contains(QStringLiteral("d_bad.sql:3: ")),
                 qPrintable(error.details[1]));
        QVERIFY(error.details[1].contains(QStringLiteral("UTF-8")));
        // Printed, every broken file shows at once.
        const QString printed = error.toString();
        QVERIFY(printed.contains(QStringLiteral("a_bad.sql:2:")));
        QVERIFY(printed.contains(QStringLiteral("c_bad.sql:2:")));
        QVERIFY(printed.contains(QStringLiteral("d_bad.sql:3:")));
    }

    void migrationsSortedByFileName()
    {
        QTemporaryDir dir;
        QVERIFY(Project::init(dir.path()).ok());
        write(dir.path() + QStringLiteral("/versions/2_second.sql"),
              "-- revision: two\n-- down_revision: one\n-- +upgrade\nSELECT 2;\n");
        write(dir.path() + QStringLiteral("/versions/1_first.sql"),
              "-- revision: one\n-- +upgrade\nSELECT 1;\n-- +downgrade\nSELECT 0;\n");
        auto project = Project::open(dir.path());
        QVERIFY2(project.ok(), project.ok() ? "" : qPrintable(project.error().toString()));
        QVERIFY(!project->isEmpty());
        QCOMPARE(project->migrations().size(), 2);
        const Migration &first = project->migrations()[0];
        QCOMPARE(first.revision, QStringLiteral("one"));
        QCOMPARE(first.filePath,
                 QDir(dir.path()).absoluteFilePath(QStringLiteral("versions/1_first.sql")));
        QCOMPARE(first.upgradeSql, QStringLiteral("SELECT 1;\n"));
        QVERIFY(first.hasDowngrade);
        QCOMPARE(project->migrations()[1].downRevisions, QStringList{QStringLiteral("one")});
        QVERIFY(!project->migrations()[1].hasDowngrade);
    }

    void subfoldersAndHiddenFilesIgnored()
    {
        QTemporaryDir dir;
        QVERIFY(Project::init(dir.path()).ok());
        const QString versions = dir.path() + QStringLiteral("/versions/");
        write(versions + QStringLiteral("1_one.sql"), "-- revision: one\n-- +upgrade\n");
        write(versions + QStringLiteral("old/2_broken.sql"), "not a migration\n");
        QVERIFY(QDir().mkpath(versions + QStringLiteral("folder.sql")));
        write(versions + QStringLiteral(".#1_one.sql"), "an editor's lock file\n");
        write(versions + QStringLiteral("1_one.sql~"), "a backup copy\n");
        auto project = Project::open(dir.path());
        QVERIFY2(project.ok(), project.ok() ? "" : qPrintable(project.error().toString()));
        QCOMPARE(project->migrations().size(), 1);
    }

    void iniErrors_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("word");
        QTest::newRow("unknown key") << QByteArray("[strata]\nversions = versions\nflavour = x\n")
                                     << 3 << QStringLiteral("'flavour'");
        QTest::newRow("malformed line")
            << QByteArray("# settings\n[strata]\nversions\n") << 3 << QStringLiteral("key = value");
        QTest::newRow("malformed line in another section")
            << QByteArray("[strata]\n[other]\n= 2\n") << 3 << QStringLiteral("key = value");
        QTest::newRow("malformed section")
            << QByteArray("[strata\nversions = versions\n") << 1 << QStringLiteral("[strata");
        QTest::newRow("key set twice") << QByteArray("[strata]\nurl = a\n; again\nurl = b\n") << 4
                                       << QStringLiteral("first on line 2");
        QTest::newRow("empty version_table")
            << QByteArray("[strata]\nversion_table =\n") << 2 << QStringLiteral("no value");
        QTest::newRow("no section")
            << QByteArray("[other]\nkey = 1\n") << 0 << QStringLiteral("[strata]");
        QTest::newRow("empty file") << QByteArray() << 0 << QStringLiteral("[strata]");
        QTest::newRow("missing folder")
            << QByteArray("[strata]\n\nversions = nowhere\n") << 3 << QStringLiteral("nowhere");
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
        QCOMPARE(project.error().file,
                 QDir(dir.path()).absoluteFilePath(QStringLiteral("strata.ini")));
        QCOMPARE(project.error().line, line);
        QVERIFY2(project.error().message.contains(word), qPrintable(project.error().message));
    }

    void noIni()
    {
        QTemporaryDir dir;
        auto project = Project::open(dir.path());
        QVERIFY(!project.ok());
        QVERIFY(project.error().file.endsWith(QStringLiteral("strata.ini")));
        QVERIFY(project.error().message.contains(QStringLiteral("cannot read")));
    }

    void iniSettings()
    {
        QTemporaryDir dir;
        write(dir.path() + QStringLiteral("/strata.ini"),
              "\xEF\xBB\xBF; written on Windows\r\n[alembic]\r\nscript_location = x\r\n"
              "[strata]\r\n  versions = migrations/sql  \r\n# comment\r\n"
              "version_table = alembic_version\r\nurl = sqlite:///app.db?mode=rw\r\n");
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("migrations/sql")));
        auto project = Project::open(dir.path());
        QVERIFY2(project.ok(), project.ok() ? "" : qPrintable(project.error().toString()));
        QCOMPARE(project->config().versionsDir, QStringLiteral("migrations/sql"));
        QCOMPARE(project->config().versionTable, QStringLiteral("alembic_version"));
        QCOMPARE(project->config().url, QStringLiteral("sqlite:///app.db?mode=rw"));
        QCOMPARE(project->versionsDir(),
                 QDir(dir.path()).absoluteFilePath(QStringLiteral("migrations/sql")));
    }

    void exampleProjectOpens()
    {
        auto project = Project::open(QStringLiteral(STRATA_SOURCE_DIR "/migrations"));
        QVERIFY2(project.ok(), project.ok() ? "" : qPrintable(project.error().toString()));
        QVERIFY(project->migrations().size() >= 8);
        for (const Migration &m : project->migrations()) {
            QVERIFY(!m.revision.isEmpty());
            QVERIFY(m.upgradeLine > 1);
            QVERIFY2(m.hasDowngrade, qPrintable(m.filePath)); // every example is reversible
        }
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "tst_project.moc"
