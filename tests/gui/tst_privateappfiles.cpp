// The app's own files with a umask of 000: the activity log (and the files spdlog starts when
// it rotates), rollback reports, the app's settings file are 0600 in 0700 folders; an older
// version's open log file is tightened and the Activity log says so once; the example
// project copy keeps a project's modes inside Strata's private data folder.

#include "log/activitylog.h"
#include "profiles/exampleproject.h"
#include "rollback/rollbackreport.h"
#include "settings/settings.h"
#include "storage/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <spdlog/spdlog.h>

#include <sys/stat.h>

using namespace strata::gui;

namespace {

unsigned modeOf(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return 07777;
    return unsigned(st.st_mode) & 07777;
}

} // namespace

class TestPrivateAppFiles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    mode_t m_umask = 0;

    QString data() const { return m_home.filePath(QStringLiteral("data")); }
    QString config() const { return m_home.filePath(QStringLiteral("config")); }

    // Every folder from `top` down to the folder of `file` is 0700, and the file 0600.
    static void expectPrivate(const QString &top, const QString &file)
    {
        QCOMPARE(QString::number(modeOf(file), 8), QStringLiteral("600"));
        for (QString folder = QFileInfo(file).absolutePath(); folder.size() >= top.size();
             folder = QFileInfo(folder).absolutePath())
            QCOMPARE(QString::number(modeOf(folder), 8), QStringLiteral("700"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_umask = ::umask(0);
        qputenv("XDG_CONFIG_HOME", config().toUtf8());
        qputenv("XDG_DATA_HOME", data().toUtf8());
        qputenv("XDG_CACHE_HOME", m_home.filePath(QStringLiteral("cache")).toUtf8());
        qunsetenv("STRATA_LOG_DIR");
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
        QCoreApplication::setApplicationName(QStringLiteral("strata"));
    }
    void cleanupTestCase() { ::umask(m_umask); }

    // An older version's strata.log (0644) and a rotated one in an open folder: tightened when
    // the app starts logging, and said once in the Activity log.
    void activityLogIsPrivateAndSaysWhatItTightened()
    {
        const QString dir = ActivityLog::defaultDirectory();
        QCOMPARE(strata::PrivateFiles::ownRoot(dir), data() + QStringLiteral("/Strata"));
        QVERIFY(QDir().mkpath(dir));
        for (const QString &name : {QStringLiteral("strata.log"), QStringLiteral("strata.1.log")}) {
            QFile old(QDir(dir).filePath(name));
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("2026-01-01 00:00:00.000 [info] an older version's line\n");
            old.close();
            QCOMPARE(::chmod(QFile::encodeName(old.fileName()).constData(), 0644), 0);
        }
        QCOMPARE(modeOf(dir), 0777u); // mkpath with no umask

        ActivityLog log(dir);
        QSignalSpy lines(&log, &ActivityLog::lineLogged);
        QCOMPARE(log.filePath(), QDir(dir).filePath(QStringLiteral("strata.log")));
        expectPrivate(data() + QStringLiteral("/Strata"), log.filePath());
        expectPrivate(data() + QStringLiteral("/Strata"),
                      QDir(dir).filePath(QStringLiteral("strata.1.log")));
        // One warning per file or folder made private: the log, the rotated one, the folders.
        QTRY_COMPARE_WITH_TIMEOUT(lines.size(), 5, 10000);
        QStringList said;
        for (const QList<QVariant> &line : std::as_const(lines)) {
            QCOMPARE(line.at(1).toString(), QStringLiteral("warning"));
            said.append(line.at(2).toString());
        }
        QVERIFY2(said.filter(QStringLiteral("strata.log private (mode 0644 to 0600)")).size() == 1,
                 qPrintable(said.join(QLatin1Char('\n'))));
        QCOMPARE(said.filter(QStringLiteral("an older version of Strata")).size(), 5);

        // The files spdlog starts when it rotates are private from their first line.
        auto logger = spdlog::get("strata");
        QVERIFY(logger);
        const std::string kilobyte(1024, 'x');
        for (int i = 0; i < 1200; ++i)
            logger->info("{}", kilobyte);
        logger->flush();
        QVERIFY(QFileInfo::exists(QDir(dir).filePath(QStringLiteral("strata.2.log"))));
        for (const QString &name : QDir(dir).entryList(QDir::Files))
            QCOMPARE(QString::number(modeOf(QDir(dir).filePath(name)), 8), QStringLiteral("600"));
        // Every line arrives, and nothing more was said: the new files were made private.
        QTRY_COMPARE_WITH_TIMEOUT(lines.size(), 5 + 1200, 10000);
        for (qsizetype i = 5; i < lines.size(); ++i)
            QCOMPARE(lines.at(i).at(1).toString(), QStringLiteral("info"));
    }

    void rollbackReportIsPrivate()
    {
        RollbackRecord record;
        record.profile = QStringLiteral("shop prod");
        record.database = QStringLiteral("deployer@db/shop");
        record.target = QStringLiteral("base");
        QString error;
        const QString path = RollbackReport::save(record, RollbackReport::defaultDir(), &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        expectPrivate(data() + QStringLiteral("/Strata"), path);
    }

    // QSettings keeps the mode of the file it finds: the app's settings file is made 0600
    // first, and an open one from an older version is tightened.
    void appSettingsFileIsPrivate()
    {
        const QString file = QSettings().fileName();
        QVERIFY(file.startsWith(config()));
        Settings settings;
        settings.backupFolder = QStringLiteral("/srv/backups");
        QVERIFY(settings.save().ok());
        expectPrivate(config() + QStringLiteral("/Strata"), file);
        QCOMPARE(Settings::load().backupFolder, QStringLiteral("/srv/backups"));

        QCOMPARE(::chmod(QFile::encodeName(file).constData(), 0644), 0);
        Settings::setKeepFor(QStringLiteral("shop prod"), 3);
        QSettings().sync();
        QCOMPARE(QString::number(modeOf(file), 8), QStringLiteral("600"));
        QCOMPARE(Settings::load().keepFor(QStringLiteral("shop prod")), 3);
    }

    // The example project copy is the person's project (its files keep a project's modes),
    // inside Strata's data folder, which is private.
    void exampleCopyLiesInAPrivateFolder()
    {
        if (ExampleProject::shipped().isEmpty())
            QSKIP("the example project is not in this build");
        auto copy = ExampleProject::copyTo(ExampleProject::defaultCopyDir());
        QVERIFY2(copy.ok(), qPrintable(copy.ok() ? QString() : copy.error().toString()));
        QCOMPARE(QString::number(modeOf(QFileInfo(*copy).absolutePath()), 8),
                 QStringLiteral("700"));
        QCOMPARE(QString::number(modeOf(data() + QStringLiteral("/Strata")), 8),
                 QStringLiteral("700"));
        QCOMPARE(QString::number(modeOf(*copy + QStringLiteral("/strata.ini")), 8),
                 QStringLiteral("644"));
    }
};

QTEST_MAIN(TestPrivateAppFiles)
#include "tst_privateappfiles.moc"
