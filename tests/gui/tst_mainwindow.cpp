// The main window driven as a person drives it, under the offscreen platform: profiles through
// the dialog, upgrades and downgrades through the actions, the typed confirmation, cancel, a
// responsive GUI thread during a long migration, and no password in any file written.

#include "audit/auditlog.h"
#include "audit/auditmodel.h"
#include "authoring/editorarea.h"
#include "authoring/mergedialog.h"
#include "authoring/migrationeditor.h"
#include "authoring/newmigrationdialog.h"
#include "authoring/sqleditor.h"
#include "backup/backupcatalog.h"
#include "backups/backupmodel.h"
#include "backups/restoredialog.h"
#include "history/historymodel.h"
#include "jobs/confirmrundialog.h"
#include "jobs/stampdialog.h"
#include "log/logdock.h"
#include "mainwindow.h"
#include "migrator.h"
#include "pending/planmodel.h"
#include "pgserver.h"
#include "profiles/exampleproject.h"
#include "profiles/passworddialog.h"
#include "profiles/passwordvault.h"
#include "profiles/profiledialog.h"
#include "profiles/profiledock.h"
#include "profiles/profilestore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

#include "verify.h"

using namespace strata;
using namespace strata::gui;

namespace {

// Runs `answer` on the next modal dialog of type D once it is shown (exec() blocks the caller).
template <typename D> void whenDialogOpens(std::function<void(D *)> answer)
{
    auto *poll = new QTimer(qApp);
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    QObject::connect(poll, &QTimer::timeout, qApp, [poll, answer, started] {
        if (auto *dialog = qobject_cast<D *>(QApplication::activeModalWidget())) {
            poll->deleteLater();
            answer(dialog);
            // A failed check inside `answer` returns early: close the dialog so exec() ends.
            // (A dialog still open otherwise may be waiting for a worker's answer.)
            if (QTest::currentTestFailed() && dialog->isVisible())
                dialog->reject();
        } else if (started->elapsed() > 20000) {
            poll->deleteLater(); // the test's own wait reports the failure
        }
    });
    poll->start(20);
}

void clickOk(QDialog *dialog)
{
    auto *box = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
    QVERIFY(box);
    QPushButton *ok = box->button(QDialogButtonBox::Ok);
    if (!ok)
        ok = box->button(QDialogButtonBox::Save);
    QVERIFY(ok && ok->isEnabled());
    ok->click();
}

QAction *action(MainWindow &w, const char *name)
{
    auto *found = w.findChild<QAction *>(QLatin1String(name));
    if (!found)
        qFatal("no action %s", name);
    return found;
}

bool downgradeTo(const QString &project, const QString &url, const QString &target)
{
    MigratorOptions options;
    options.projectDir = project;
    options.url = url;
    auto migrator = Migrator::open(options);
    return migrator && (*migrator)->downgrade(target).ok();
}

QStringList currentRows(const QString &project, const QString &url)
{
    MigratorOptions options;
    options.projectDir = project;
    options.url = url;
    auto m = Migrator::open(options);
    if (!m)
        return {QStringLiteral("error: ") + m.error().toString()};
    auto current = (*m)->current();
    return current ? *current : QStringList{QStringLiteral("error")};
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_example; // a copy of the example project
    QString m_slow;    // a project whose second migration runs a long statement
    int m_databases = 0;

    QString freshDb() { return m_home.filePath(QStringLiteral("db%1.sqlite").arg(++m_databases)); }

    Profile sqliteProfile(const QString &name, const QString &environment, const QString &project)
    {
        Profile p = Profile::forEnvironment(environment);
        p.name = name;
        p.sqliteFile = freshDb();
        p.projectDir = project;
        return p;
    }

    static void waitForSnapshot(MainWindow &w, const QString &name)
    {
        QSignalSpy spy(&w, &MainWindow::snapshotUpdated);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(name) != nullptr || !spy.isEmpty(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(name) != nullptr, 20000);
    }

    // Triggers a run action, accepts the confirmation (typing `typed` and `reason` when given),
    // and waits for the run to end; returns whether it succeeded.
    static bool runThroughAction(MainWindow &w, const char *actionName, const QString &typed = {},
                                 const QString &reason = {})
    {
        QSignalSpy finished(&w, &MainWindow::runFinished);
        whenDialogOpens<ConfirmRunDialog>([typed, reason](ConfirmRunDialog *d) {
            if (!typed.isEmpty())
                d->findChild<QLineEdit *>(QStringLiteral("typedEdit"))->setText(typed);
            if (!reason.isEmpty())
                d->findChild<QLineEdit *>(QStringLiteral("reasonEdit"))->setText(reason);
            clickOk(d);
        });
        action(w, actionName)->trigger();
        if (!finished.wait(60000) && finished.isEmpty())
            return false;
        return finished.first().at(1).toBool();
    }

    static void selectRevision(MainWindow &w, const QString &revision)
    {
        auto *view = w.findChild<QTableView *>(QStringLiteral("historyView"));
        const auto *model = view->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, HistoryModel::Revision);
            if (index.data().toString() == revision) {
                view->setCurrentIndex(index);
                return;
            }
        }
        QFAIL(qPrintable(QStringLiteral("revision %1 not in History").arg(revision)));
    }

    static QString stateOf(MainWindow &w, const QString &revision)
    {
        const SnapshotPtr snap = w.snapshot(w.currentProfile());
        const RevisionRow *row = snap ? snap->row(revision) : nullptr;
        return row ? HistoryModel::stateText(row->state) : QStringLiteral("(none)");
    }

    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // Everything the app writes goes under the test's folder.
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("STRATA_NO_KEYCHAIN", "1"); // never the desktop's keychain from a test
        qputenv("STRATA_LOG_DIR", m_home.filePath(QStringLiteral("logs")).toUtf8());
        qputenv("STRATA_BACKUP_DIR", m_home.filePath(QStringLiteral("backups")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg-config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("xdg-data")).toUtf8());
        QCoreApplication::setApplicationName(QStringLiteral("strata-test"));
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));

        m_example = m_home.filePath(QStringLiteral("example"));
        QVERIFY(QDir().mkpath(m_example + QStringLiteral("/versions")));
        const QDir source(QStringLiteral(STRATA_SOURCE_DIR "/migrations"));
        QVERIFY(QFile::copy(source.filePath(QStringLiteral("strata.ini")),
                            m_example + QStringLiteral("/strata.ini")));
        for (const QString &f :
             QDir(source.filePath(QStringLiteral("versions"))).entryList(QDir::Files))
            QVERIFY(QFile::copy(source.filePath(QStringLiteral("versions/") + f),
                                m_example + QStringLiteral("/versions/") + f));

        // A first quick migration, then one whose statement counts for a long time.
        m_slow = m_home.filePath(QStringLiteral("slow"));
        QVERIFY(QDir().mkpath(m_slow + QStringLiteral("/versions")));
        auto write = [](const QString &path, const QByteArray &text) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(m_slow + QStringLiteral("/strata.ini"), "[strata]\nversions = versions\n");
        write(m_slow + QStringLiteral("/versions/aaaa_first.sql"),
              "-- revision: aaaa\n-- down_revision:\n-- message: first\n\n"
              "-- +upgrade\nCREATE TABLE t (x INTEGER);\n\n-- +downgrade\nDROP TABLE t;\n");
        write(m_slow + QStringLiteral("/versions/bbbb_slow.sql"),
              "-- revision: bbbb\n-- down_revision: aaaa\n-- message: slow backfill\n\n"
              "-- +upgrade\nCREATE TABLE u (x INTEGER);\n"
              "INSERT INTO u SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
              "SELECT x + 1 FROM c WHERE x < 2000000000) SELECT x FROM c);\n\n"
              "-- +downgrade\nDROP TABLE u;\n");
    }

    void cleanup() { QFile::remove(ProfileStore::defaultFilePath()); }

    void firstRunOffersTheExample()
    {
        MainWindow w;
        QVERIFY(w.profiles().isEmpty());
        QVERIFY(!w.windowIcon().pixmap(32, 32).isNull()); // the icon is built in
        auto *stack = w.findChild<QWidget *>(QStringLiteral("welcomePage"));
        QVERIFY(stack && stack->isVisibleTo(&w));
        auto *button = w.findChild<QPushButton *>(QStringLiteral("openExampleButton"));
        QVERIFY(button->isEnabled());
        button->click();
        QCOMPARE(w.profiles().size(), 1);
        const Profile example = w.profiles().first();
        QCOMPARE(example.engine, Profile::Engine::Sqlite);
        // A copy in the user's data folder: the shipped one may not be writable.
        QCOMPARE(QDir(example.projectDir).canonicalPath(),
                 QDir(ExampleProject::defaultCopyDir()).canonicalPath());
        waitForSnapshot(w, example.name);
        QCOMPARE(w.snapshot(example.name)->pending.size(), 11);
        QCOMPARE(w.profileDock()->badgeText(example.name), QStringLiteral("11 pending"));
        QCOMPARE(w.historyModel()->rowCount(), 11);
        // Saved: a second window finds it.
        MainWindow again;
        QCOMPARE(again.profiles().size(), 1);
    }

    void createEditAndDeleteAProfileThroughTheDialog()
    {
        MainWindow w;
        const QString db = freshDb();
        whenDialogOpens<ProfileDialog>([this, db](ProfileDialog *d) {
            d->findChild<QLineEdit *>(QStringLiteral("nameEdit"))
                ->setText(QStringLiteral("shop dev"));
            auto *engine = d->findChild<QComboBox *>(QStringLiteral("engineCombo"));
            engine->setCurrentIndex(engine->findData(int(Profile::Engine::Sqlite)));
            d->findChild<QLineEdit *>(QStringLiteral("fileEdit"))->setText(db);
            auto *project = d->findChild<QLineEdit *>(QStringLiteral("projectEdit"));
            project->setText(m_home.filePath(QStringLiteral("no-such-folder")));
            QVERIFY(d->validationError().contains(QStringLiteral("strata.ini")));
            project->setText(m_example);
            auto *schema = d->findChild<QLineEdit *>(QStringLiteral("schemaEdit"));
            schema->setText(QStringLiteral("deploy"));
            QVERIFY(d->validationError().contains(QStringLiteral("SQLite has no schemas")));
            schema->clear();
            QVERIFY2(d->validationError().isEmpty(), qPrintable(d->validationError()));
            clickOk(d);
        });
        action(w, "actionNewProfile")->trigger();
        QCOMPARE(w.profiles().size(), 1);
        QCOMPARE(w.profiles().first().name, QStringLiteral("shop dev"));
        QCOMPARE(w.currentProfile(), QStringLiteral("shop dev"));
        QVERIFY(readFile(ProfileStore::defaultFilePath()).contains("shop dev"));
        waitForSnapshot(w, QStringLiteral("shop dev"));

        // Edit: moving it to Production makes it protected and red.
        whenDialogOpens<ProfileDialog>([](ProfileDialog *d) {
            d->findChild<QLineEdit *>(QStringLiteral("nameEdit"))
                ->setText(QStringLiteral("shop prod"));
            d->findChild<QComboBox *>(QStringLiteral("environmentCombo"))
                ->setCurrentText(QStringLiteral("Production"));
            QVERIFY(d->findChild<QCheckBox *>(QStringLiteral("protectedCheck"))->isChecked());
            clickOk(d);
        });
        action(w, "actionEditProfile")->trigger();
        QCOMPARE(w.profiles().size(), 1);
        const Profile edited = w.profiles().first();
        QCOMPARE(edited.name, QStringLiteral("shop prod"));
        QCOMPARE(edited.environment, QStringLiteral("Production"));
        QVERIFY(edited.isProtected);
        QCOMPARE(edited.sqliteFile, db);
        QCOMPARE(w.currentProfile(), QStringLiteral("shop prod"));
        auto stored = ProfileStore(ProfileStore::defaultFilePath()).load();
        VERIFY_OK(stored);
        QCOMPARE(stored->size(), 1);
        QCOMPARE(stored->first().name, QStringLiteral("shop prod"));

        // Delete, after saying yes.
        whenDialogOpens<QMessageBox>([](QMessageBox *box) {
            QVERIFY(box->text().contains(QStringLiteral("shop prod")));
            box->button(QMessageBox::Yes)->click();
        });
        action(w, "actionDeleteProfile")->trigger();
        QVERIFY(w.profiles().isEmpty());
        QVERIFY(ProfileStore(ProfileStore::defaultFilePath()).load()->isEmpty());
        QVERIFY(w.findChild<QWidget *>(QStringLiteral("welcomePage"))->isVisibleTo(&w));
    }

    void upgradeAndDowngradeThroughTheActions()
    {
        MainWindow w;
        const Profile p =
            sqliteProfile(QStringLiteral("dev"), QStringLiteral("Development"), m_example);
        w.saveProfile(p);
        waitForSnapshot(w, p.name);
        QCOMPARE(stateOf(w, QStringLiteral("1a0c3e5b7d01")),
                 HistoryModel::stateText(RevisionRow::State::Pending));
        // The Pending tab shows the plan to the heads, with each step's SQL.
        QTRY_COMPARE_WITH_TIMEOUT(w.planModel()->rowCount(), 11, 20000);
        QVERIFY(w.planModel()->sqlOf(0).contains(QStringLiteral("CREATE TABLE customers")));
        const qsizetype auditBefore = AuditLog(AuditLog::defaultFilePath()).readAll()->size();

        QVERIFY(runThroughAction(w, "actionUpgradeHeads"));
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name)->pending.isEmpty(), 20000);
        QCOMPARE(stateOf(w, QStringLiteral("be0a3c5f7b11")),
                 HistoryModel::stateText(RevisionRow::State::Current));
        QCOMPARE(stateOf(w, QStringLiteral("1a0c3e5b7d01")),
                 HistoryModel::stateText(RevisionRow::State::Applied));
        QCOMPARE(w.profileDock()->badgeText(p.name), QStringLiteral("up to date"));
        QTRY_COMPARE_WITH_TIMEOUT(w.planModel()->rowCount(), 0, 20000);
        QCOMPARE(currentRows(m_example, p.url()), QStringList{QStringLiteral("be0a3c5f7b11")});
        // The History table shows who applied it and when.
        const RevisionRow *row = w.snapshot(p.name)->row(QStringLiteral("1a0c3e5b7d01"));
        QVERIFY(row->appliedAt.isValid());
        QVERIFY(!row->appliedBy.isEmpty());

        // Downgrade to a revision chosen in History.
        selectRevision(w, QStringLiteral("5e4a7c9f1b05"));
        QVERIFY(action(w, "actionDowngradeSelected")->isEnabled());
        QVERIFY(runThroughAction(w, "actionDowngradeSelected"));
        QCOMPARE(currentRows(m_example, p.url()), QStringList{QStringLiteral("5e4a7c9f1b05")});
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(w, QStringLiteral("5e4a7c9f1b05")),
                                  HistoryModel::stateText(RevisionRow::State::Current), 20000);
        QCOMPARE(stateOf(w, QStringLiteral("be0a3c5f7b11")),
                 HistoryModel::stateText(RevisionRow::State::Pending));
        QCOMPARE(w.profileDock()->badgeText(p.name), QStringLiteral("6 pending"));

        // Stamp the head through the Stamp dialog: only the version row moves.
        whenDialogOpens<StampDialog>([](StampDialog *d) {
            QCOMPARE(d->targets(), QStringList{QStringLiteral("5e4a7c9f1b05")}); // the selection
            d->findChild<QLineEdit *>(QStringLiteral("targetsEdit"))
                ->setText(QStringLiteral("be0a3c5f7b11"));
            clickOk(d);
        });
        QVERIFY(runThroughAction(w, "actionStamp"));
        QCOMPARE(currentRows(m_example, p.url()), QStringList{QStringLiteral("be0a3c5f7b11")});
        QTRY_COMPARE_WITH_TIMEOUT(w.snapshot(p.name)->pending.size(), 0, 20000);
        // And back to where it was, purging the rows first.
        whenDialogOpens<StampDialog>([](StampDialog *d) {
            d->findChild<QLineEdit *>(QStringLiteral("targetsEdit"))
                ->setText(QStringLiteral("5e4a7c9f1b05"));
            d->findChild<QCheckBox *>(QStringLiteral("purgeCheck"))->setChecked(true);
            QVERIFY(d->purge());
            clickOk(d);
        });
        QVERIFY(runThroughAction(w, "actionStamp"));
        QCOMPARE(currentRows(m_example, p.url()), QStringList{QStringLiteral("5e4a7c9f1b05")});

        // Every run is in the audit log and the Audit tab.
        auto audit = AuditLog(AuditLog::defaultFilePath()).readAll();
        VERIFY_OK(audit);
        QCOMPARE(audit->size(), auditBefore + 4);
        const AuditEntry &downgrade = audit->at(audit->size() - 3);
        QCOMPARE(downgrade.action, QStringLiteral("downgrade"));
        QCOMPARE(downgrade.result, QStringLiteral("success"));
        QCOMPARE(downgrade.toRevisions, QStringLiteral("5e4a7c9f1b05"));
        QCOMPARE(downgrade.profile, p.name);
        // Named as `strata stamp --purge` names it: the core writes both doors' entries.
        QCOMPARE(audit->last().action, QStringLiteral("stamp --purge"));
        QCOMPARE(audit->at(audit->size() - 2).action, QStringLiteral("stamp"));
        QCOMPARE(w.auditModel()->rowCount(), audit->size());
        QCOMPARE(w.auditModel()->entry(0).action, QStringLiteral("stamp --purge")); // newest first
        // And the Activity dock showed the steps live.
        QVERIFY(w.logDock()->text().contains(p.name + QStringLiteral(": step 1/11")));
    }

    void protectedProfileNeedsTheDatabaseNameTyped()
    {
        MainWindow w;
        const Profile p =
            sqliteProfile(QStringLiteral("prod"), QStringLiteral("Production"), m_example);
        QVERIFY(p.isProtected);
        QVERIFY(upgradeDatabase(m_example, p.url(), QStringLiteral("5e4a7c9f1b05")).ok());
        w.saveProfile(p);
        waitForSnapshot(w, p.name);

        // A wrong name keeps the run button disabled; cancelling runs nothing.
        QSignalSpy finished(&w, &MainWindow::runFinished);
        bool sawDisabled = false;
        whenDialogOpens<ConfirmRunDialog>([&sawDisabled](ConfirmRunDialog *d) {
            auto *ok = d->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
                           ->button(QDialogButtonBox::Ok);
            auto *typed = d->findChild<QLineEdit *>(QStringLiteral("typedEdit"));
            sawDisabled = !ok->isEnabled();
            typed->setText(QStringLiteral("production"));
            sawDisabled = sawDisabled && !ok->isEnabled();
            d->reject();
        });
        action(w, "actionUpgradeHeads")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(sawDisabled, 20000);
        QTest::qWait(200);
        QVERIFY(finished.isEmpty());
        QCOMPARE(currentRows(m_example, p.url()), QStringList{QStringLiteral("5e4a7c9f1b05")});

        // The right name, with a reason that reaches the audit log.
        QVERIFY(runThroughAction(w, "actionUpgradeHeads", p.databaseName(),
                                 QStringLiteral("CHG-1234 release 2.3")));
        QCOMPARE(currentRows(m_example, p.url()), QStringList{QStringLiteral("be0a3c5f7b11")});
        auto audit = AuditLog(AuditLog::defaultFilePath()).readAll();
        QCOMPARE(audit->last().reason, QStringLiteral("CHG-1234 release 2.3"));
        QCOMPARE(audit->last().profile, QStringLiteral("prod"));
        // Protected: a backup was taken first (on by default), of the database as it was.
        QList<BackupInfo> backups = BackupCatalog::list(BackupCatalog::defaultDir());
        backups.removeIf([](const BackupInfo &b) { return b.profile != QLatin1String("prod"); });
        QCOMPARE(backups.size(), 1);
        QCOMPARE(backups.first().revisions, QStringList{QStringLiteral("5e4a7c9f1b05")});
        QCOMPARE(audit->at(audit->size() - 2).action, QStringLiteral("backup"));
    }

    void backupsTabBacksUpVerifiesAndRestores()
    {
        MainWindow w;
        const Profile p =
            sqliteProfile(QStringLiteral("backed"), QStringLiteral("Staging"), m_example);
        w.saveProfile(p);
        waitForSnapshot(w, p.name);
        QVERIFY(runThroughAction(w, "actionUpgradeHeads"));
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("tabs"));
        tabs->setCurrentWidget(w.findChild<QWidget *>(QStringLiteral("backupsTab")));
        QCOMPARE(w.backupModel()->rowCount(), 0);

        w.findChild<QPushButton *>(QStringLiteral("backupNowButton"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(w.backupModel()->rowCount(), 1, 20000);
        const BackupInfo taken = *w.backupModel()->backupAt(0);
        QCOMPARE(taken.revisions, QStringList{QStringLiteral("be0a3c5f7b11")});
        auto *view = w.findChild<QTableView *>(QStringLiteral("backupsView"));
        view->setCurrentIndex(w.backupModel()->index(0, 0));
        auto *status = w.findChild<QLabel *>(QStringLiteral("backupStatus"));
        w.findChild<QPushButton *>(QStringLiteral("verifyBackupButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("matches")), 20000);

        // Retention: keeping the newest one, a second backup replaces the first.
        w.findChild<QSpinBox *>(QStringLiteral("keepSpin"))->setValue(1);
        w.findChild<QPushButton *>(QStringLiteral("backupNowButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(w.backupModel()->rowCount() == 1 &&
                                     w.backupModel()->backupAt(0)->path != taken.path,
                                 20000);
        QVERIFY(!QFile::exists(taken.path));
        view->setCurrentIndex(w.backupModel()->index(0, 0));

        // Lose everything, then restore it from the tab.
        QVERIFY(downgradeTo(m_example, p.url(), QStringLiteral("base")));
        QCOMPARE(currentRows(m_example, p.url()), QStringList{});
        whenDialogOpens<RestoreDialog>([](RestoreDialog *d) {
            QCOMPARE(d->target(), QStringLiteral("backed"));
            clickOk(d);
        });
        w.findChild<QPushButton *>(QStringLiteral("restoreBackupButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("Restored")), 20000);
        QCOMPARE(currentRows(m_example, p.url()), QStringList{QStringLiteral("be0a3c5f7b11")});
        QTRY_COMPARE_WITH_TIMEOUT(w.snapshot(p.name)->current,
                                  QStringList{QStringLiteral("be0a3c5f7b11")}, 20000);
    }

    void longMigrationKeepsTheWindowResponsiveAndCancelLeavesVersionRowsAlone()
    {
        MainWindow w;
        const Profile p =
            sqliteProfile(QStringLiteral("slow"), QStringLiteral("Development"), m_slow);
        w.saveProfile(p);
        waitForSnapshot(w, p.name);
        selectRevision(w, QStringLiteral("aaaa"));
        QVERIFY(runThroughAction(w, "actionUpgradeSelected"));
        QCOMPARE(currentRows(m_slow, p.url()), QStringList{QStringLiteral("aaaa")});

        // Start the slow step, and measure the GUI thread's event loop while it runs.
        QSignalSpy finished(&w, &MainWindow::runFinished);
        whenDialogOpens<ConfirmRunDialog>([](ConfirmRunDialog *d) { clickOk(d); });
        action(w, "actionUpgradeHeads")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.isRunning(), 20000);
        QElapsedTimer beat;
        beat.start();
        qint64 worstGap = 0;
        int beats = 0;
        QTimer heartbeat;
        heartbeat.setInterval(10);
        connect(&heartbeat, &QTimer::timeout, this, [&] {
            worstGap = std::max(worstGap, beat.restart());
            ++beats;
        });
        heartbeat.start();
        QTest::qWait(5000);
        heartbeat.stop();
        QVERIFY2(w.isRunning(), "the slow statement should still be running after 5 s");
        QVERIFY(finished.isEmpty());
        QVERIFY2(worstGap < 100,
                 qPrintable(QStringLiteral("the GUI thread stalled %1 ms").arg(worstGap)));
        QVERIFY(beats > 100);
        auto *label = w.findChild<QLabel *>(QStringLiteral("progressLabel"));
        QVERIFY2(label->text().contains(QStringLiteral("Step 1 of 1")), qPrintable(label->text()));

        // Cancel interrupts the statement; the step rolls back, the version rows stay.
        auto *cancel = w.findChild<QPushButton *>(QStringLiteral("cancelButton"));
        QVERIFY(cancel->isVisibleTo(&w) && cancel->isEnabled());
        QElapsedTimer cancelClock;
        cancelClock.start();
        cancel->click();
        QVERIFY(finished.wait(20000) || !finished.isEmpty());
        QVERIFY2(cancelClock.elapsed() < 5000, "cancel took too long");
        QCOMPARE(finished.first().at(1).toBool(), false);
        QCOMPARE(currentRows(m_slow, p.url()), QStringList{QStringLiteral("aaaa")});
        auto audit = AuditLog(AuditLog::defaultFilePath()).readAll();
        QCOMPARE(audit->last().result, QStringLiteral("cancelled"));
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(w, QStringLiteral("bbbb")),
                                  HistoryModel::stateText(RevisionRow::State::Cancelled), 20000);
        QVERIFY(!cancel->isVisibleTo(&w));
    }

    void newMigrationThroughTheDialogShowsInHistory()
    {
        // A project of its own, so the example's counts stay as the other tests expect.
        const QString project = m_home.filePath(QStringLiteral("authoring"));
        QVERIFY(QDir().mkpath(project + QStringLiteral("/versions")));
        for (const auto &[name, text] :
             {std::pair{"strata.ini", "[strata]\nversions = versions\n"},
              std::pair{"versions/aaaa_first.sql",
                        "-- revision: aaaa\n-- down_revision:\n-- message: first\n\n-- +upgrade\n"
                        "CREATE TABLE t (x INTEGER);\n\n-- +downgrade\nDROP TABLE t;\n"}}) {
            QFile f(project + QLatin1Char('/') + QLatin1String(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        }
        MainWindow w;
        const Profile p =
            sqliteProfile(QStringLiteral("authoring"), QStringLiteral("Development"), project);
        w.saveProfile(p);
        waitForSnapshot(w, p.name);
        QVERIFY(action(w, "actionNewMigration")->isEnabled());

        // Without a message nothing can be written; a parent that is not a head needs the
        // branch choice, which the core enforces and the dialog shows.
        whenDialogOpens<NewMigrationDialog>([](NewMigrationDialog *d) {
            auto *ok = d->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
                           ->button(QDialogButtonBox::Ok);
            QVERIFY(!ok->isEnabled());
            d->findChild<QLineEdit *>(QStringLiteral("messageEdit"))
                ->setText(QStringLiteral("add loyalty tiers"));
            QCOMPARE(d->findChild<QComboBox *>(QStringLiteral("parentCombo"))->currentText(),
                     QStringLiteral("aaaa")); // the single head
            d->findChild<QLineEdit *>(QStringLiteral("labelsEdit"))
                ->setText(QStringLiteral("loyalty"));
            clickOk(d);
        });
        action(w, "actionNewMigration")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name)->rows.size() == 2, 20000);
        const RevisionRow &row = w.snapshot(p.name)->rows.first(); // newest first
        QCOMPARE(row.message, QStringLiteral("add loyalty tiers"));
        QCOMPARE(row.parents, QStringList{QStringLiteral("aaaa")});
        QCOMPARE(row.labels, QStringList{QStringLiteral("loyalty")});
        QCOMPARE(stateOf(w, row.id), HistoryModel::stateText(RevisionRow::State::Pending));
        QVERIFY(QFile::exists(row.filePath));
        QVERIFY(readFile(row.filePath).contains("-- message: add loyalty tiers"));
        QCOMPARE(w.historyModel()->index(0, HistoryModel::Message).data().toString(),
                 QStringLiteral("add loyalty tiers"));
        // The new file is open in the editor, to be written.
        QVERIFY(w.editorArea()->current());
        QCOMPARE(w.editorArea()->current()->filePath(), row.filePath);

        // A second migration from the old revision without the branch choice is refused,
        // with the core's reason in the dialog.
        selectRevision(w, QStringLiteral("aaaa"));
        bool refused = false;
        whenDialogOpens<NewMigrationDialog>([&refused](NewMigrationDialog *d) {
            d->findChild<QLineEdit *>(QStringLiteral("messageEdit"))
                ->setText(QStringLiteral("side branch"));
            d->findChild<QCheckBox *>(QStringLiteral("spliceCheck"))->setChecked(false);
            clickOk(d);
            // The worker answers; the dialog stays open with the core's reason.
            auto *error = d->findChild<QLabel *>(QStringLiteral("errorLabel"));
            QTRY_VERIFY_WITH_TIMEOUT(error->isVisibleTo(d), 10000);
            refused = d->isVisible() && error->text().contains(QStringLiteral("not a head"));
            d->reject();
        });
        action(w, "actionNewMigration")->trigger();
        QVERIFY(refused);
        QCOMPARE(QDir(project + QStringLiteral("/versions")).entryList(QDir::Files).size(), 2);

        // With the branch choice it is written: two heads, which Merge Heads joins again.
        QVERIFY(!action(w, "actionMergeHeads")->isEnabled());
        whenDialogOpens<NewMigrationDialog>([](NewMigrationDialog *d) {
            d->findChild<QLineEdit *>(QStringLiteral("messageEdit"))
                ->setText(QStringLiteral("side branch"));
            d->findChild<QCheckBox *>(QStringLiteral("spliceCheck"))->setChecked(true);
            clickOk(d);
        });
        action(w, "actionNewMigration")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name)->heads.size() == 2, 20000);
        QVERIFY(action(w, "actionMergeHeads")->isEnabled());
        whenDialogOpens<MergeDialog>([](MergeDialog *d) {
            auto *list = d->findChild<QListWidget *>(QStringLiteral("headsList"));
            QCOMPARE(list->count(), 2);
            auto *ok = d->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
                           ->button(QDialogButtonBox::Ok);
            d->findChild<QLineEdit *>(QStringLiteral("messageEdit"))
                ->setText(QStringLiteral("join the branches"));
            QVERIFY(ok->isEnabled());
            list->item(0)->setCheckState(Qt::Unchecked); // one head alone is no merge
            QVERIFY(!ok->isEnabled());
            list->item(0)->setCheckState(Qt::Checked);
            clickOk(d);
        });
        action(w, "actionMergeHeads")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name)->heads.size() == 1, 20000);
        const RevisionRow *merge = w.snapshot(p.name)->row(w.snapshot(p.name)->heads.first());
        QVERIFY(merge);
        QCOMPARE(merge->message, QStringLiteral("join the branches"));
        QCOMPARE(merge->parents.size(), 2);
        QCOMPARE(w.editorArea()->current()->filePath(), merge->filePath);
        QVERIFY(w.editorArea()->closeAll());
    }

    void tenThousandRevisionsLoadWithoutFreezing()
    {
        // A long main line: the worker reads and lays it out; the GUI thread only shows it.
        const QString project = m_home.filePath(QStringLiteral("big"));
        QVERIFY(QDir().mkpath(project + QStringLiteral("/versions")));
        {
            QFile ini(project + QStringLiteral("/strata.ini"));
            QVERIFY(ini.open(QIODevice::WriteOnly));
            ini.write("[strata]\nversions = versions\n");
        }
        constexpr int kRevisions = 10000;
        for (int i = 0; i < kRevisions; ++i) {
            const QString id = QStringLiteral("r%1").arg(i, 5, 10, QLatin1Char('0'));
            const QString parent =
                i == 0 ? QString() : QStringLiteral("r%1").arg(i - 1, 5, 10, QLatin1Char('0'));
            QFile f(project + QStringLiteral("/versions/%1.sql").arg(id));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QStringLiteral("-- revision: %1\n-- down_revision: %2\n-- message: step %3\n\n"
                                   "-- +upgrade\nCREATE TABLE t%3 (x INTEGER);\n\n"
                                   "-- +downgrade\nDROP TABLE t%3;\n")
                        .arg(id, parent)
                        .arg(i)
                        .toUtf8());
        }

        MainWindow w;
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QElapsedTimer beat;
        beat.start();
        qint64 worstGap = 0;
        QTimer heartbeat;
        heartbeat.setInterval(10);
        connect(&heartbeat, &QTimer::timeout, this,
                [&] { worstGap = std::max(worstGap, beat.restart()); });
        heartbeat.start();
        beat.restart();
        w.openProject(project, QStringLiteral("sqlite:///") + freshDb());
        QTRY_COMPARE_WITH_TIMEOUT(w.historyModel()->rowCount(), kRevisions, 120000);
        // The Pending tab's plan of 10,000 steps arrives too.
        QTRY_COMPARE_WITH_TIMEOUT(w.planModel()->rowCount(), kRevisions, 120000);
        QTest::qWait(100);
        heartbeat.stop();
        qInfo("worst GUI-thread gap while loading %d revisions: %lld ms", kRevisions, worstGap);
        QVERIFY2(worstGap < 100,
                 qPrintable(QStringLiteral("the GUI thread stalled %1 ms").arg(worstGap)));
        QCOMPARE(w.historyModel()->index(0, HistoryModel::Revision).data().toString(),
                 QStringLiteral("r09999"));
    }

    void postgresPasswordFromPromptAndKeychainIsNeverWrittenAndCancelStopsPgSleep()
    {
        QString why;
        auto server = test::PgServer::start(&why);
        QVERIFY2(server, qPrintable(why));
        const QString secret =
            QStringLiteral("pw-Sekr3t-%1").arg(QCoreApplication::applicationPid());
        QVERIFY(
            server->psql(QStringLiteral("CREATE ROLE deployer LOGIN PASSWORD '%1'").arg(secret)));
        QVERIFY(server->psql(QStringLiteral("CREATE DATABASE gui_shop OWNER deployer")));

        // Over TCP the server wants a password: the keychain has none, so the app asks; the
        // person types it and asks for it to be remembered.
        MainWindow w;
        auto *vault = new MemoryVault;
        w.setPasswordVault(vault);
        Profile p = Profile::forEnvironment(QStringLiteral("Staging"));
        p.name = QStringLiteral("staging pg");
        p.engine = Profile::Engine::Postgres;
        p.host = QStringLiteral("127.0.0.1");
        p.port = server->port();
        p.database = QStringLiteral("gui_shop");
        p.user = QStringLiteral("deployer");
        p.projectDir = m_example;
        bool asked = false;
        whenDialogOpens<PasswordDialog>([&](PasswordDialog *d) {
            asked = true;
            QVERIFY(d->windowTitle().contains(QStringLiteral("staging pg")));
            d->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))->setText(secret);
            d->findChild<QCheckBox *>(QStringLiteral("rememberCheck"))->setChecked(true);
            clickOk(d);
        });
        w.saveProfile(p);
        QTRY_VERIFY_WITH_TIMEOUT(asked, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name) && w.snapshot(p.name)->reachable, 20000);
        QCOMPARE(vault->reads, 1);
        QTRY_COMPARE_WITH_TIMEOUT(vault->passwords.value(p.name), secret, 5000);
        QVERIFY(runThroughAction(w, "actionUpgradeHeads"));
        QString out;
        QVERIFY(server->psql(QStringLiteral("SELECT version_num FROM strata_version"), &out,
                             QStringLiteral("gui_shop")));
        QVERIFY2(out.contains(QStringLiteral("be0a3c5f7b11")), qPrintable(out));

        // The next session takes it from the keychain without asking.
        {
            MainWindow again;
            auto *remembered = new MemoryVault;
            remembered->passwords = vault->passwords;
            again.setPasswordVault(remembered);
            QTRY_VERIFY_WITH_TIMEOUT(again.snapshot(p.name) && again.snapshot(p.name)->reachable,
                                     20000);
            QCOMPARE(remembered->reads, 1);
            QVERIFY(QApplication::activeModalWidget() == nullptr);
            QCOMPARE(again.profileDock()->badgeText(p.name), QStringLiteral("up to date"));
        }

        // Nothing the app wrote holds the password.
        const QByteArray needle = secret.toUtf8();
        for (const QString &file :
             {ProfileStore::defaultFilePath(), w.logFilePath(), AuditLog::defaultFilePath()}) {
            const QByteArray content = readFile(file);
            QVERIFY2(!content.isEmpty(), qPrintable(file));
            QVERIFY2(!content.contains(needle),
                     qPrintable(file + QStringLiteral(" holds the password")));
        }
        QVERIFY(!w.logDock()->text().contains(secret));
        QVERIFY(readFile(w.logFilePath()).contains(": step 1/11"));

        // Cancel interrupts a server-side pg_sleep through the driver; the step rolls back.
        const QString sleepy = m_home.filePath(QStringLiteral("sleepy"));
        QVERIFY(QDir().mkpath(sleepy + QStringLiteral("/versions")));
        for (const auto &[name, text] :
             {std::pair{"strata.ini", "[strata]\nversions = versions\n"},
              std::pair{"versions/aaaa_first.sql",
                        "-- revision: aaaa\n-- down_revision:\n-- message: first\n\n-- +upgrade\n"
                        "CREATE TABLE t (x integer);\n\n-- +downgrade\nDROP TABLE t;\n"},
              std::pair{"versions/bbbb_wait.sql",
                        "-- revision: bbbb\n-- down_revision: aaaa\n-- message: wait\n\n"
                        "-- +upgrade\nCREATE TABLE u (x integer);\nSELECT pg_sleep(60);\n\n"
                        "-- +downgrade\nDROP TABLE u;\n"}}) {
            QFile f(sleepy + QLatin1Char('/') + QLatin1String(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        }
        QVERIFY(server->psql(QStringLiteral("CREATE DATABASE gui_sleepy")));
        Profile slow = p;
        slow.name = QStringLiteral("staging sleepy");
        slow.host = server->socketDir(); // over the socket: no password needed
        slow.user = QStringLiteral("postgres");
        slow.database = QStringLiteral("gui_sleepy");
        slow.projectDir = sleepy;
        w.saveProfile(slow);
        w.selectProfile(slow.name);
        waitForSnapshot(w, slow.name);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(slow.name)->reachable, 20000);
        selectRevision(w, QStringLiteral("aaaa"));
        QVERIFY(runThroughAction(w, "actionUpgradeSelected"));

        QSignalSpy finished(&w, &MainWindow::runFinished);
        whenDialogOpens<ConfirmRunDialog>([](ConfirmRunDialog *d) { clickOk(d); });
        action(w, "actionUpgradeHeads")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.isRunning(), 20000);
        QTest::qWait(1500); // well inside pg_sleep
        QVERIFY(finished.isEmpty());
        QElapsedTimer cancelClock;
        cancelClock.start();
        w.findChild<QPushButton *>(QStringLiteral("cancelButton"))->click();
        QVERIFY(finished.wait(20000) || !finished.isEmpty());
        QVERIFY2(cancelClock.elapsed() < 10000, "cancel did not interrupt pg_sleep");
        QCOMPARE(finished.first().at(1).toBool(), false);
        out.clear();
        QVERIFY(server->psql(QStringLiteral("SELECT version_num FROM strata_version"), &out,
                             QStringLiteral("gui_sleepy")));
        QVERIFY2(out.contains(QStringLiteral("aaaa")) && !out.contains(QStringLiteral("bbbb")),
                 qPrintable(out));
        out.clear();
        QVERIFY(server->psql(QStringLiteral("SELECT to_regclass('u') IS NULL"), &out,
                             QStringLiteral("gui_sleepy")));
        QVERIFY2(out.contains(QLatin1Char('t')), qPrintable(out)); // u rolled back
        QCOMPARE(AuditLog(AuditLog::defaultFilePath()).readAll()->last().result,
                 QStringLiteral("cancelled"));
    }

    // The editor on PostgreSQL: completion knows a column an earlier migration created, and
    // Try it runs the pending migration up and down, keeps nothing, and shows a failure at its
    // line.
    void editorCompletesFromTheDatabaseAndTryItKeepsNothing()
    {
        QString why;
        auto server = test::PgServer::start(&why);
        QVERIFY2(server, qPrintable(why));
        QVERIFY(server->psql(QStringLiteral("CREATE DATABASE gui_editor")));
        const QString project = m_home.filePath(QStringLiteral("editing"));
        QVERIFY(QDir().mkpath(project + QStringLiteral("/versions")));
        auto write = [](const QString &path, const QByteArray &text) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text);
        };
        write(project + QStringLiteral("/strata.ini"), "[strata]\nversions = versions\n");
        write(project + QStringLiteral("/versions/aaaa_invoices.sql"),
              "-- revision: aaaa\n-- message: invoices\n-- +upgrade\n"
              "CREATE TABLE invoices (id bigint PRIMARY KEY, amount_cents bigint NOT NULL);\n"
              "-- +downgrade\nDROP TABLE invoices;\n");
        // Line 6 is the ALTER.
        const QString pending = project + QStringLiteral("/versions/bbbb_note.sql");
        write(pending, "-- revision: bbbb\n-- down_revision: aaaa\n-- message: note\n"
                       "-- +upgrade\nSET lock_timeout = '5s';\n"
                       "ALTER TABLE invoices ADD COLUMN note text;\n"
                       "-- +downgrade\nALTER TABLE invoices DROP COLUMN note;\n");
        const QString url = server->conninfo(QStringLiteral("gui_editor"));
        QVERIFY(upgradeDatabase(project, url, QStringLiteral("aaaa")).ok());

        MainWindow w;
        w.openProject(project, url);
        const QString name = w.currentProfile();
        waitForSnapshot(w, name);
        QSignalSpy catalog(&w, &MainWindow::catalogUpdated);
        w.openInEditor(pending);
        MigrationEditor *editor = w.editorArea()->current();
        QVERIFY(editor);
        QVERIFY(catalog.wait(20000));
        QCOMPARE(catalog.first().at(1).toBool(), true);
        const QStringList columns =
            editor->editor()->completionsFor({QStringLiteral("invoices"), QString()});
        QVERIFY2(columns.contains(QStringLiteral("amount_cents")), qPrintable(columns.join(u' ')));

        // Try it: both directions ran, nothing stays.
        QAction *tryIt = w.editorArea()->tryAction();
        QVERIFY(tryIt->isEnabled());
        QSignalSpy tried(&w, &MainWindow::trialFinished);
        tryIt->trigger();
        QVERIFY(tried.wait(30000));
        QCOMPARE(tried.first().at(1).toBool(), true);
        QVERIFY2(editor->bannerText().contains(QStringLiteral("rolled back")),
                 qPrintable(editor->bannerText()));
        QString out;
        QVERIFY(server->psql(QStringLiteral("SELECT string_agg(column_name, ',' ORDER BY "
                                            "column_name) FROM information_schema.columns WHERE "
                                            "table_name = 'invoices'"),
                             &out, QStringLiteral("gui_editor")));
        QVERIFY2(out.contains(QStringLiteral("amount_cents,id")) &&
                     !out.contains(QStringLiteral("note")),
                 qPrintable(out));

        // A statement the server refuses: the error is at its line, the file is saved first,
        // the database is as it was.
        SqlEditor *sql = editor->editor();
        sql->setText(sql->text().replace(QStringLiteral("ADD COLUMN note"),
                                         QStringLiteral("ADD COLUMN amount_cents")));
        tried.clear();
        tryIt->trigger();
        QVERIFY(tried.wait(30000));
        QCOMPARE(tried.first().at(1).toBool(), false);
        QVERIFY(!editor->isDirty());
        QVERIFY(readFile(pending).contains("ADD COLUMN amount_cents"));
        QVERIFY2(editor->bannerText().contains(QStringLiteral("line 6")),
                 qPrintable(editor->bannerText()));
        bool atLine = false;
        for (const LintFinding &p : sql->problems())
            atLine = atLine || (p.rule == QStringLiteral("try-it") && p.line == 6);
        QVERIFY(atLine);
        QVERIFY(sql->isUnderlined(5, 0, LintFinding::Severity::Error));
        out.clear();
        QVERIFY(server->psql(QStringLiteral("SELECT version_num FROM strata_version"), &out,
                             QStringLiteral("gui_editor")));
        QVERIFY2(out.contains(QStringLiteral("aaaa")) && !out.contains(QStringLiteral("bbbb")),
                 qPrintable(out));
        QVERIFY(w.editorArea()->closeAll());
    }

    void tryItIsRefusedOnAProtectedProfile()
    {
        MainWindow w;
        Profile p = sqliteProfile(QStringLiteral("prod"), QStringLiteral("Production"), m_example);
        QVERIFY(p.isProtected);
        w.saveProfile(p);
        w.selectProfile(p.name);
        waitForSnapshot(w, p.name);
        const SnapshotPtr snap = w.snapshot(p.name);
        w.openInEditor(snap->row(snap->heads.first())->filePath);
        QAction *tryIt = w.editorArea()->tryAction();
        QVERIFY(!tryIt->isEnabled());
        QVERIFY2(tryIt->toolTip().contains(QStringLiteral("protected")),
                 qPrintable(tryIt->toolTip()));
        QSignalSpy tried(&w, &MainWindow::trialFinished);
        QTest::keyClick(w.editorArea()->current()->editor(), Qt::Key_T,
                        Qt::ControlModifier | Qt::ShiftModifier);
        QTest::qWait(200);
        QVERIFY(tried.isEmpty());
        QVERIFY(!QFile::exists(p.sqliteFile)); // nothing ran, not even a connection's file
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
