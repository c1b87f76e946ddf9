// PrivateFiles and every core writer of Strata's own files: with a umask of 000, what Strata
// creates under the XDG config, data and cache folders is 0600 in 0700 folders; what an older
// version left open is tightened on the next write and said once; the project's files keep
// the project's modes.

#include "audit/auditlog.h"
#include "backup/backupcatalog.h"
#include "backup/backuprunner.h"
#include "profiles/lintpolicy.h"
#include "profiles/profilestore.h"
#include "project/project.h"
#include "storage/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>
#include <sys/stat.h>

using namespace strata;

namespace {

unsigned modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 07777; // missing: never a mode a test expects
    return unsigned(st.st_mode) & 07777;
}

// Writes `bytes` to `path` with `mode` exactly, as an older version would have left it.
void leaveOpen(const QString &path, const QByteArray &bytes, unsigned mode)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode), 0);
}

} // namespace

class TestPrivateFiles : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_home;
    QList<PrivateFiles::Tightened> m_heard;
    mode_t m_umask = 0;

    QString config() const { return m_home->filePath(QStringLiteral("config")); }
    QString data() const { return m_home->filePath(QStringLiteral("data")); }
    QString cache() const { return m_home->filePath(QStringLiteral("cache")); }

    // Every folder from `top` down to the folder of `file` is 0700, and the file 0600.
    static void expectPrivate(const QString &top, const QString &file)
    {
        QCOMPARE(QString::number(modeOf(file), 8), QStringLiteral("600"));
        QString folder = QFileInfo(file).absolutePath();
        while (true) {
            if (modeOf(folder) != 0700)
                QFAIL(qPrintable(QStringLiteral("%1 has mode %2")
                                     .arg(folder, QString::number(modeOf(folder), 8))));
            if (folder == top || folder.size() <= top.size())
                break;
            folder = QFileInfo(folder).absolutePath();
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Whatever the umask, even none at all.
        m_umask = ::umask(0);
        PrivateFiles::setNoticeHandler(
            [this](const PrivateFiles::Tightened &t) { m_heard.append(t); });
    }
    void cleanupTestCase()
    {
        PrivateFiles::setNoticeHandler({});
        ::umask(m_umask);
    }

    void init()
    {
        // The person's folders, not there yet: the XDG locations Strata finds its own in.
        m_home = std::make_unique<QTemporaryDir>();
        qputenv("XDG_CONFIG_HOME", config().toUtf8());
        qputenv("XDG_DATA_HOME", data().toUtf8());
        qputenv("XDG_CACHE_HOME", cache().toUtf8());
        for (const char *name : {"STRATA_AUDIT_LOG", "STRATA_CONFIG_DIR", "STRATA_CACHE_DIR",
                                 "STRATA_BACKUP_DIR", "STRATA_NO_CACHE"})
            qunsetenv(name);
        m_heard.clear();
    }

    void ownRootIsTheStrataFolderBelowAnXdgLocation()
    {
        QCOMPARE(PrivateFiles::ownRoot(config() + QStringLiteral("/Strata/strata")),
                 config() + QStringLiteral("/Strata"));
        QCOMPARE(PrivateFiles::ownRoot(data() + QStringLiteral("/strata/backups")),
                 data() + QStringLiteral("/strata"));
        QCOMPARE(PrivateFiles::ownRoot(cache() + QStringLiteral("/strata")),
                 cache() + QStringLiteral("/strata"));
        // The person's own folders, and folders elsewhere, are not Strata's.
        QVERIFY(PrivateFiles::ownRoot(config()).isEmpty());
        QVERIFY(PrivateFiles::ownRoot(config() + QStringLiteral("/other/strata")).isEmpty());
        QVERIFY(PrivateFiles::ownRoot(m_home->filePath(QStringLiteral("strata"))).isEmpty());
    }

    // Profiles, the lint policy's settings, the audit log, the project cache, a backup and its
    // catalogue entry, with a umask of 000.
    void everyWriterCreatesPrivateFiles()
    {
        Profile p = Profile::forEnvironment(QStringLiteral("Production"));
        p.name = QStringLiteral("shop prod");
        p.engine = Profile::Engine::Postgres;
        p.host = QStringLiteral("db.example");
        p.database = QStringLiteral("shop");
        const ProfileStore profiles(ProfileStore::defaultFilePath());
        QVERIFY(profiles.save({p}).ok());
        expectPrivate(config() + QStringLiteral("/Strata"), profiles.filePath());
        QVERIFY(LintPolicy::setOnProtected(LintBlock::Warnings).ok());
        expectPrivate(config() + QStringLiteral("/Strata"), LintPolicy::settingsFilePath());
        QCOMPARE(LintPolicy::onProtected(), LintBlock::Warnings);

        const AuditLog audit(AuditLog::defaultFilePath());
        QVERIFY(audit
                    .append(AuditEntry::of(QStringLiteral("cli"), p.name, QStringLiteral("shop"),
                                           QStringLiteral("upgrade")))
                    .ok());
        expectPrivate(data() + QStringLiteral("/strata"), audit.filePath());

        // A project: its own files keep the project's modes (0666 with this umask), the cache
        // of its parsed migrations is Strata's.
        const QString project = m_home->filePath(QStringLiteral("project"));
        QVERIFY(Project::init(project).ok());
        QFile migration(project + QStringLiteral("/versions/a1_first.sql"));
        QVERIFY(migration.open(QIODevice::WriteOnly));
        migration.write("-- revision: a1\n-- message: first\n-- +upgrade\nCREATE TABLE t (id "
                        "integer);\n-- +downgrade\nDROP TABLE t;\n");
        migration.close();
        QVERIFY(Project::open(project).ok());
        QCOMPARE(modeOf(project + QStringLiteral("/strata.ini")), 0666u);
        QCOMPARE(modeOf(project + QStringLiteral("/versions")), 0777u);
        const QStringList cached =
            QDir(cache() + QStringLiteral("/strata/projects")).entryList(QDir::Files);
        QCOMPARE(cached.size(), 1);
        expectPrivate(cache() + QStringLiteral("/strata"),
                      cache() + QStringLiteral("/strata/projects/") + cached.first());

        // A SQLite backup into the default folder, and its catalogue entry.
        const QString database = project + QStringLiteral("/strata.db");
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(database.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "CREATE TABLE t (id integer); INSERT INTO t VALUES (1);", nullptr,
                              nullptr, nullptr),
                 SQLITE_OK);
        sqlite3_close(db);
        BackupRequest request;
        request.connection.engine = ConnectionInfo::Engine::Sqlite;
        request.connection.sqlitePath = database;
        request.profile = QStringLiteral("shop dev");
        auto backup = BackupRunner::run(request);
        QVERIFY2(backup.ok(), qPrintable(backup.ok() ? QString() : backup.error().toString()));
        QCOMPARE(QFileInfo(backup->path).absolutePath(),
                 QDir(BackupCatalog::defaultDir()).absolutePath());
        expectPrivate(data() + QStringLiteral("/strata"), backup->path);
        expectPrivate(data() + QStringLiteral("/strata"), backup->catalogFile());

        // Missing XDG folders are made 0700 too; nothing was found open, so nothing was said.
        for (const QString &folder : {config(), data(), cache()})
            QCOMPARE(modeOf(folder), 0700u);
        QVERIFY(m_heard.isEmpty());
    }

    // An older version's files (0644) in open folders (0755) are tightened by the next write,
    // each said once; the person's folders above Strata's are left alone.
    void olderOpenFilesAreTightenedOnceAndSaid()
    {
        QDir().mkpath(config());
        QCOMPARE(::chmod(QFile::encodeName(config()).constData(), 0755), 0);
        const QString profilesFile = ProfileStore::defaultFilePath();
        leaveOpen(profilesFile, R"({"version":1,"profiles":[]})", 0644);
        for (const QString &folder :
             {config() + QStringLiteral("/Strata"), config() + QStringLiteral("/Strata/strata")})
            QCOMPARE(::chmod(QFile::encodeName(folder).constData(), 0755), 0);
        const QString auditFile = AuditLog::defaultFilePath();
        leaveOpen(auditFile, "{\"action\":\"upgrade\"}\n", 0644);
        QCOMPARE(::chmod(QFile::encodeName(data() + QStringLiteral("/strata")).constData(), 0755),
                 0);
        const QString settingsFile = LintPolicy::settingsFilePath();
        leaveOpen(settingsFile, "[lint]\n", 0666);

        const ProfileStore profiles(profilesFile);
        QVERIFY(profiles.save({}).ok());
        QVERIFY(AuditLog(auditFile)
                    .append(AuditEntry::of(QStringLiteral("cli"), {}, QStringLiteral("x"),
                                           QStringLiteral("stamp")))
                    .ok());
        QVERIFY(LintPolicy::setOnProtected(LintBlock::Errors).ok());
        expectPrivate(config() + QStringLiteral("/Strata"), profilesFile);
        expectPrivate(config() + QStringLiteral("/Strata"), settingsFile);
        expectPrivate(data() + QStringLiteral("/strata"), auditFile);
        QCOMPARE(modeOf(config()), 0755u); // the person's, not Strata's
        // The old entry is still there, before the new one.
        QCOMPARE(AuditLog(auditFile).readAll()->size(), 2);

        QStringList said;
        for (const PrivateFiles::Tightened &t : std::as_const(m_heard))
            said.append(t.path);
        said.sort();
        QStringList expected{profilesFile,
                             settingsFile,
                             auditFile,
                             config() + QStringLiteral("/Strata"),
                             config() + QStringLiteral("/Strata/strata"),
                             data() + QStringLiteral("/strata")};
        for (QString &path : expected)
            path = QDir::cleanPath(path);
        expected.sort();
        QCOMPARE(said, expected);
        const auto profileNotice =
            std::find_if(m_heard.cbegin(), m_heard.cend(), [&](const PrivateFiles::Tightened &t) {
                return t.path == QDir::cleanPath(profilesFile);
            });
        QCOMPARE(profileNotice->modeBefore, 0644u);
        QCOMPARE(profileNotice->modeAfter, 0600u);
        QVERIFY(PrivateFiles::noticeText(*profileNotice).contains(QStringLiteral("0644 -> 0600")));

        // Written again: private already, nothing more to say.
        m_heard.clear();
        QVERIFY(profiles.save({}).ok());
        QVERIFY(AuditLog(auditFile)
                    .append(AuditEntry::of(QStringLiteral("cli"), {}, QStringLiteral("x"),
                                           QStringLiteral("stamp")))
                    .ok());
        QVERIFY(m_heard.isEmpty());
    }

    // A place the person chose (an override, a team's shared folder) keeps the modes it has;
    // what Strata makes there is still private.
    void aChosenFolderKeepsItsModes()
    {
        const QString shared = m_home->filePath(QStringLiteral("shared"));
        QDir().mkpath(shared);
        QCOMPARE(::chmod(QFile::encodeName(shared).constData(), 0775), 0);
        const QString teamLog = shared + QStringLiteral("/audit.jsonl");
        leaveOpen(teamLog, {}, 0660);
        QVERIFY(AuditLog(teamLog)
                    .append(AuditEntry::of(QStringLiteral("cli"), {}, QStringLiteral("x"),
                                           QStringLiteral("stamp")))
                    .ok());
        QCOMPARE(modeOf(shared), 0775u);
        QCOMPARE(modeOf(teamLog), 0660u);
        const QString fresh = shared + QStringLiteral("/new/audit.jsonl");
        QVERIFY(AuditLog(fresh)
                    .append(AuditEntry::of(QStringLiteral("cli"), {}, QStringLiteral("x"),
                                           QStringLiteral("stamp")))
                    .ok());
        QCOMPARE(modeOf(fresh), 0600u);
        QCOMPARE(modeOf(shared + QStringLiteral("/new")), 0700u);
        QVERIFY(m_heard.isEmpty());
    }

    void noticesBeforeAHandlerAreKeptForIt()
    {
        PrivateFiles::setNoticeHandler({});
        const QString file = config() + QStringLiteral("/Strata/kept.json");
        leaveOpen(file, "{}", 0644);
        QVERIFY(PrivateFiles::writeFile(file, "{}").ok());
        QVERIFY(m_heard.isEmpty());
        PrivateFiles::setNoticeHandler(
            [this](const PrivateFiles::Tightened &t) { m_heard.append(t); });
        // The file, and its folder (made 0777 by this test's mkpath with no umask).
        QCOMPARE(m_heard.size(), 2);
        QCOMPARE(m_heard.last().path, QDir::cleanPath(file));
        QVERIFY(m_heard.first().isFolder);
    }

    void errorsNameThePath()
    {
        const QString blocker = m_home->filePath(QStringLiteral("blocker"));
        leaveOpen(blocker, "x", 0600);
        auto written = PrivateFiles::writeFile(blocker + QStringLiteral("/inside/file"), "x");
        QVERIFY(!written.ok());
        QVERIFY2(written.error().message.contains(blocker), qPrintable(written.error().message));
    }
};

QTEST_GUILESS_MAIN(TestPrivateFiles)
#include "tst_privatefiles.moc"
