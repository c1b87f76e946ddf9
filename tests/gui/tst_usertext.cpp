// The words the app shows a person, on a protected PostgreSQL profile of a real server: the
// database in its readable form everywhere (banner, Audit, Backups, Activity, also for entries
// written before that form), plural forms as English says them, no "at []", no line twice in the
// Activity log, and a padlock on protected profiles.

#include "audit/auditlog.h"
#include "audit/auditmodel.h"
#include "backup/backupcatalog.h"
#include "backups/backupmodel.h"
#include "dialogs.h"
#include "jobs/confirmrundialog.h"
#include "log/logdock.h"
#include "mainwindow.h"
#include "pgserver.h"
#include "profiles/passwordvault.h"
#include "profiles/profiledock.h"
#include "settings/translations.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace strata;
using namespace strata::gui;
using strata::test::whenDialogOpens;

class TestUserText : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_example;
    std::unique_ptr<test::PgServer> m_server;
    const QString m_password = QStringLiteral("pw-usertext");

    Profile production() const
    {
        Profile p = Profile::forEnvironment(QStringLiteral("Production"));
        p.name = QStringLiteral("shop prod");
        p.engine = Profile::Engine::Postgres;
        p.host = QStringLiteral("127.0.0.1");
        p.port = m_server->port();
        p.database = QStringLiteral("shop_prod");
        p.user = QStringLiteral("deployer");
        p.projectDir = m_example;
        return p;
    }
    QString readable() const
    {
        return QStringLiteral("shop_prod on 127.0.0.1:%1 as deployer").arg(m_server->port());
    }
    // The form audit entries and catalogues were written in before.
    QString oldForm() const
    {
        return QStringLiteral("host='127.0.0.1' port='%1' dbname='shop_prod' user='deployer'")
            .arg(m_server->port());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("STRATA_NO_KEYCHAIN", "1");
        qputenv("STRATA_LOG_DIR", m_home.filePath(QStringLiteral("logs")).toUtf8());
        qputenv("STRATA_BACKUP_DIR", m_home.filePath(QStringLiteral("backups")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg-config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("xdg-data")).toUtf8());
        QCoreApplication::setApplicationName(QStringLiteral("strata-test"));
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
        // As the app does: English plural forms ("11 steps") when no other language is chosen.
        installTranslations(QStringLiteral("en"), this);

        m_example = m_home.filePath(QStringLiteral("example"));
        QVERIFY(QDir().mkpath(m_example + QStringLiteral("/versions")));
        const QDir source(QStringLiteral(STRATA_SOURCE_DIR "/migrations"));
        QVERIFY(QFile::copy(source.filePath(QStringLiteral("strata.ini")),
                            m_example + QStringLiteral("/strata.ini")));
        for (const QString &f :
             QDir(source.filePath(QStringLiteral("versions"))).entryList(QDir::Files))
            QVERIFY(QFile::copy(source.filePath(QStringLiteral("versions/") + f),
                                m_example + QStringLiteral("/versions/") + f));

        QString why;
        m_server = test::PgServer::start(&why);
        QVERIFY2(m_server, qPrintable(why));
        QVERIFY(m_server->psql(
            QStringLiteral("CREATE ROLE deployer LOGIN PASSWORD '%1'").arg(m_password)));
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE shop_prod OWNER deployer")));
    }

    void productionIsNamedReadablyEverywhere()
    {
        // An audit entry and a backup catalogue written before the readable form existed.
        AuditEntry old = AuditEntry::of(QStringLiteral("cli"), QStringLiteral("shop prod"),
                                        oldForm(), QStringLiteral("stamp"));
        old.result = QStringLiteral("success");
        QVERIFY(AuditLog(AuditLog::defaultFilePath()).append(old));
        const QString backups = BackupCatalog::defaultDir();
        QVERIFY(QDir().mkpath(backups));
        BackupInfo oldBackup;
        oldBackup.path = QDir(backups).filePath(QStringLiteral("old.dump"));
        oldBackup.format = QStringLiteral("custom");
        oldBackup.engine = QStringLiteral("postgresql");
        oldBackup.profile = QStringLiteral("shop prod");
        oldBackup.database = oldForm();
        oldBackup.createdAt = QDateTime::currentDateTimeUtc().addDays(-1);
        oldBackup.sha256 = QString(64, QLatin1Char('0'));
        QFile dump(oldBackup.path);
        QVERIFY(dump.open(QIODevice::WriteOnly));
        dump.close();
        QVERIFY(BackupCatalog::write(oldBackup));

        MainWindow w;
        auto *vault = new MemoryVault;
        const Profile p = production();
        vault->passwords.insert(p.name, m_password);
        w.setPasswordVault(vault);
        w.saveProfile(p);
        w.selectProfile(p.name);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name) && w.snapshot(p.name)->reachable, 30000);

        auto *banner = w.findChild<QLabel *>(QStringLiteral("bannerLabel"));
        QVERIFY2(banner->text().contains(readable()), qPrintable(banner->text()));
        QVERIFY(!banner->text().contains(QStringLiteral("host=")));

        // The padlock: protected profiles are marked by more than their colour.
        QTreeWidget *tree = w.profileDock()->tree();
        QTreeWidgetItem *item = tree->currentItem();
        QVERIFY(item);
        QCOMPARE(item->data(0, ProfileDock::ProtectedRole).toBool(), true);
        QVERIFY(!item->data(0, Qt::AccessibleDescriptionRole).toString().isEmpty());
        const QImage icon = item->icon(0).pixmap(ProfileDock::iconSize()).toImage();
        bool lockDrawn = false;
        for (int x = 17; x < icon.width(); ++x)
            for (int y = 0; y < icon.height(); ++y)
                lockDrawn = lockDrawn || qAlpha(icon.pixel(x, y)) > 0;
        QVERIFY(lockDrawn);

        // The confirmation says "11 steps", in its title and nowhere "step(s)".
        QString confirmation;
        QSignalSpy finished(&w, &MainWindow::runFinished);
        whenDialogOpens<ConfirmRunDialog>([&](ConfirmRunDialog *d) {
            confirmation = d->findChild<QLabel *>(QStringLiteral("titleLabel"))->text();
            d->findChild<QLineEdit *>(QStringLiteral("typedEdit"))
                ->setText(QStringLiteral("shop_prod"));
            test::clickOk(d);
        });
        w.findChild<QAction *>(QStringLiteral("actionUpgradeHeads"))->trigger();
        QVERIFY(finished.wait(120000) || !finished.isEmpty());
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(w.logDock()->text()));
        QVERIFY2(confirmation.contains(QStringLiteral("11 steps")), qPrintable(confirmation));
        QVERIFY(!confirmation.contains(QStringLiteral("(s)")));
        QVERIFY(confirmation.contains(readable()));

        // Audit: the old entry and the new one read alike.
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("tabs"));
        tabs->setCurrentWidget(w.findChild<QWidget *>(QStringLiteral("auditTab")));
        AuditModel *audit = w.auditModel();
        QTRY_VERIFY(audit->rowCount() >= 2);
        for (int row = 0; row < audit->rowCount(); ++row) {
            const QString shown = audit->index(row, AuditModel::Database).data().toString();
            QCOMPARE(shown, readable());
        }

        // Backups: an old catalogue entry and one taken now.
        tabs->setCurrentWidget(w.findChild<QWidget *>(QStringLiteral("backupsTab")));
        auto *backupNow = w.findChild<QPushButton *>(QStringLiteral("backupNowButton"));
        QTRY_VERIFY(backupNow->isEnabled());
        // The old one, and the one the core took before the protected upgrade.
        QTRY_COMPARE(w.backupModel()->rowCount(), 2);
        backupNow->click();
        QTRY_COMPARE_WITH_TIMEOUT(w.backupModel()->rowCount(), 3, 60000);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(w.backupModel()->index(row, BackupModel::Database).data().toString(),
                     readable());

        // Activity: readable, English plurals, no empty lists, and no line twice.
        QTRY_VERIFY_WITH_TIMEOUT(w.logDock()->text().contains(QStringLiteral("backed up to")),
                                 30000);
        const QString log = w.logDock()->text();
        QVERIFY2(log.contains(readable()), qPrintable(log));
        QVERIFY2(!log.contains(QStringLiteral("host=")), qPrintable(log));
        QVERIFY2(!log.contains(QStringLiteral("[]")), qPrintable(log));
        QVERIFY2(!log.contains(QStringLiteral("(s)")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("11 steps")), qPrintable(log));
        QStringList messages; // without the time in front
        for (const QString &line : log.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            messages.append(line.section(QLatin1Char(' '), 1));
        for (qsizetype i = 1; i < messages.size(); ++i)
            QVERIFY2(messages.at(i) != messages.at(i - 1), qPrintable(messages.at(i)));
        // Each backup is told once: before the run, and the one asked for.
        const auto backedUp = messages.filter(QStringLiteral("backed up"));
        QVERIFY2(backedUp.size() == 2, qPrintable(backedUp.join(QLatin1Char('\n'))));
    }

    void anEmptyDatabaseIsNotAtAnEmptyList()
    {
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE empty_one OWNER deployer")));
        MainWindow w;
        auto *vault = new MemoryVault;
        Profile p = production();
        p.name = QStringLiteral("empty");
        p.database = QStringLiteral("empty_one");
        vault->passwords.insert(p.name, m_password);
        vault->passwords.insert(production().name, m_password); // saved by the test before
        w.setPasswordVault(vault);
        w.saveProfile(p);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name) && w.snapshot(p.name)->reachable, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(w.logDock()->text().contains(QStringLiteral("empty_one")), 10000);
        const QString log = w.logDock()->text();
        QVERIFY2(!log.contains(QStringLiteral("[]")), qPrintable(log));
        QVERIFY2(log.contains(QStringLiteral("no revision applied, 11 pending")), qPrintable(log));
    }
};

QTEST_MAIN(TestUserText)
#include "tst_usertext.moc"
