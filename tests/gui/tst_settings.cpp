// The app's preferences: their defaults, how they are stored, and that the code that needs them
// uses them (backups land in the chosen folder, a profile's own retention wins).

#include "backup/backupcatalog.h"
#include "backup/pgtools.h"
#include "jobs/migrationworker.h"
#include "settings/settings.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;

class TestSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg-config")).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("STRATA_BACKUP_DIR", m_home.filePath(QStringLiteral("default-backups")).toUtf8());
        qputenv("STRATA_LOG_DIR", m_home.filePath(QStringLiteral("logs")).toUtf8());
        QCoreApplication::setApplicationName(QStringLiteral("strata-test"));
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
    }

    void init()
    {
        QSettings().clear();
        QFile::remove(strata::LintPolicy::settingsFilePath());
    }

    void defaultsWhenNothingIsStored()
    {
        const Settings s = Settings::load();
        QCOMPARE(s.language, QString());
        QCOMPARE(s.lockTimeoutMs, 0);
        QCOMPARE(s.runLockTimeoutMs(), -1); // the server's own
        QCOMPARE(s.runStatementTimeoutMs(), -1);
        QCOMPARE(s.backupDir(), BackupCatalog::defaultDir());
        QCOMPARE(s.keepFor(QStringLiteral("prod")), 0);
        QCOMPARE(s.protectedLint, LintBlock::Errors);
        QCOMPARE(s.toolDirs(), PgTools::defaultSearchDirs());
    }

    void savedValuesComeBack()
    {
        Settings s;
        s.language = QStringLiteral("de");
        s.lockTimeoutMs = 5000;
        s.statementTimeoutMs = 60000;
        s.backupFolder = m_home.filePath(QStringLiteral("chosen"));
        s.keepBackups = 4;
        s.postgresToolsFolder = QStringLiteral("/opt/pg16/bin");
        s.protectedLint = LintBlock::Nothing;
        QVERIFY(s.save());
        const Settings back = Settings::load();
        QCOMPARE(back.language, QStringLiteral("de"));
        QCOMPARE(back.runLockTimeoutMs(), 5000);
        QCOMPARE(back.runStatementTimeoutMs(), 60000);
        QCOMPARE(back.backupDir(), s.backupFolder);
        QCOMPARE(back.toolDirs().first(), QStringLiteral("/opt/pg16/bin"));
        QCOMPARE(back.protectedLint, LintBlock::Nothing);
        QCOMPARE(LintPolicy::onProtected(), LintBlock::Nothing); // the core's own setting
        // The language is where main() has always read it.
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("de"));
    }

    void aProfilesOwnRetentionWins()
    {
        Settings s;
        s.keepBackups = 3;
        QVERIFY(s.save());
        QCOMPARE(Settings::load().keepFor(QStringLiteral("staging")), 3);
        Settings::setKeepFor(QStringLiteral("staging"), 7);
        QCOMPARE(Settings::load().keepFor(QStringLiteral("staging")), 7);
        QCOMPARE(Settings::load().keepFor(QStringLiteral("dev")), 3);
        // The key the Backups tab has always written.
        QCOMPARE(QSettings().value(QStringLiteral("backups/keep/staging")).toInt(), 7);
    }

    void backupsGoToTheChosenFolder()
    {
        const QString project = m_home.filePath(QStringLiteral("project"));
        QVERIFY(QDir().mkpath(project + QStringLiteral("/versions")));
        const QDir source(QStringLiteral(STRATA_SOURCE_DIR "/migrations"));
        QVERIFY(QFile::copy(source.filePath(QStringLiteral("strata.ini")),
                            project + QStringLiteral("/strata.ini")));
        QVERIFY(QFile::copy(
            source.filePath(QStringLiteral("versions/1a0c3e5b7d01_create_customers.sql")),
            project + QStringLiteral("/versions/1a0c3e5b7d01_create_customers.sql")));
        Settings s;
        s.backupFolder = m_home.filePath(QStringLiteral("chosen-backups"));
        QVERIFY(s.save());

        MigratorOptions options;
        options.projectDir = project;
        options.url = QStringLiteral("sqlite:///") + m_home.filePath(QStringLiteral("dev.db"));
        {
            auto migrator = Migrator::open(options);
            QVERIFY(migrator);
            QVERIFY((*migrator)->upgrade(QStringLiteral("heads")));
        }
        MigrationWorker worker(options, QStringLiteral("dev"));
        QSignalSpy done(&worker, &MigrationWorker::backupFinished);
        for (int i = 0; i < 3; ++i)
            worker.backup(QStringLiteral("dev"), QStringLiteral("custom"), 2);
        QCOMPARE(done.size(), 3);
        for (const QList<QVariant> &args : done)
            QVERIFY2(args.at(0).toString().startsWith(s.backupFolder),
                     qPrintable(args.at(1).value<Error>().toString()));
        QCOMPARE(BackupCatalog::list(s.backupFolder).size(), 2); // the retention asked for
        QVERIFY(BackupCatalog::list(BackupCatalog::defaultDir()).isEmpty());
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
