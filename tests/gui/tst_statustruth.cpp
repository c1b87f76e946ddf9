// The app shows only what it read: a server stopped mid-run leaves the state unknown until the
// app has reconnected and read the real revision; an unreachable profile is unknown, never base;
// a cancel is a cancel; Test Connection fails for a SQLite folder that does not exist; a run
// that fails before any step says nothing ran; a deleted project is "project missing" and its
// open file is marked gone; a migration the CLI writes refreshes every profile of the project.

#include "audit/auditlog.h"
#include "audit/auditmodel.h"
#include "authoring/editorarea.h"
#include "authoring/migrationeditor.h"
#include "authoring/sqleditor.h"
#include "dialogs.h"
#include "history/historymodel.h"
#include "jobs/confirmrundialog.h"
#include "log/logdock.h"
#include "mainwindow.h"
#include "migrator.h"
#include "pending/planmodel.h"
#include "pgserver.h"
#include "profiles/profiledialog.h"
#include "profiles/profiledock.h"
#include "profiles/profilestore.h"
#include "status/runresultdialog.h"
#include "status/statusboard.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>

#include <functional>

using namespace strata;
using namespace strata::gui;
using strata::test::clickOk;
using strata::test::whenDialogOpens;

namespace {

QAction *action(MainWindow &w, const char *name)
{
    auto *found = w.findChild<QAction *>(QLatin1String(name));
    if (!found)
        qFatal("no action %s", name);
    return found;
}

void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

QString banner(MainWindow &w)
{
    return w.findChild<QLabel *>(QStringLiteral("bannerLabel"))->text();
}

// "at base", "empty (base)": what the app said of databases it had not read.
bool saysBase(const QString &text)
{
    return text.contains(QStringLiteral("(base)")) || text.contains(QStringLiteral("at base"));
}

QString pendingSummary(MainWindow &w)
{
    return w.findChild<QLabel *>(QStringLiteral("pendingSummary"))->text();
}

QString stateOf(MainWindow &w, const QString &profile, const QString &revision)
{
    const SnapshotPtr snap = w.snapshot(profile);
    const RevisionRow *row = snap ? snap->row(revision) : nullptr;
    return row ? HistoryModel::stateText(row->state) : QStringLiteral("(none)");
}

// STRATA_TEST_SHOTS=DIR: the window (and its open dialog) saved as DIR/NAME.png, to look at.
void shot(MainWindow &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("STRATA_TEST_SHOTS");
    if (dir.isEmpty())
        return;
    w.resize(1280, 800);
    QTest::qWait(100);
    w.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    if (QWidget *dialog = QApplication::activeModalWidget())
        dialog->grab().save(QDir(dir).filePath(name + QStringLiteral("-dialog.png")));
}

RunResultDialog *resultDialog(MainWindow &w)
{
    for (auto *d : w.findChildren<RunResultDialog *>())
        if (d->isVisible())
            return d;
    return nullptr;
}

} // namespace

class TestStatusTruth : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QTranslator m_english;
    int m_count = 0;

    // A project of its own: aaaa quick, bbbb with `second` as its upgrade.
    QString project(const QByteArray &second)
    {
        const QString dir = m_home.filePath(QStringLiteral("project%1").arg(++m_count));
        writeFile(dir + QStringLiteral("/strata.ini"), "[strata]\nversions = versions\n");
        writeFile(dir + QStringLiteral("/versions/aaaa_first.sql"),
                  "-- revision: aaaa\n-- down_revision:\n-- message: first\n\n-- +upgrade\n"
                  "CREATE TABLE t (x integer);\n\n-- +downgrade\nDROP TABLE t;\n");
        writeFile(dir + QStringLiteral("/versions/bbbb_second.sql"),
                  "-- revision: bbbb\n-- down_revision: aaaa\n-- message: second\n\n"
                  "-- +upgrade\nCREATE TABLE u (x integer);\n" +
                      second + "\n\n-- +downgrade\nDROP TABLE u;\n");
        return dir;
    }

    Profile sqliteProfile(const QString &name, const QString &dir)
    {
        Profile p = Profile::forEnvironment(QStringLiteral("Development"));
        p.name = name;
        p.sqliteFile = m_home.filePath(QStringLiteral("db%1.sqlite").arg(++m_count));
        p.projectDir = dir;
        return p;
    }

    static void waitForSnapshot(MainWindow &w, const QString &name)
    {
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(name) != nullptr, 30000);
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
        QCoreApplication::setApplicationName(QStringLiteral("strata-statustruth-test"));
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
        // English plural forms ("1 step", not "1 step(s)"), as the app loads them.
        QVERIFY(m_english.load(QStringLiteral(":/i18n/strata_en")));
        QCoreApplication::installTranslator(&m_english);
    }

    void cleanup()
    {
        QFile::remove(ProfileStore::defaultFilePath());
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *box = qobject_cast<QMessageBox *>(w); box && box->isVisible())
                box->close();
    }

    void theBackoffGrowsToAMinute()
    {
        QCOMPARE(StatusBoard::backoffMs(1), 1000);
        QCOMPARE(StatusBoard::backoffMs(2), 2000);
        QCOMPARE(StatusBoard::backoffMs(3), 4000);
        QCOMPARE(StatusBoard::backoffMs(20), 60000);
    }

    // The dialog's words from results built by hand: a rollback only where the read-back
    // shows one, nothing more after a run that never touched the database.
    void theRunResultSaysOnlyWhatHappened()
    {
        JobResult result;
        result.action = QStringLiteral("upgrade");
        PlanStep first, second;
        first.revision = QStringLiteral("aaaa");
        second.revision = QStringLiteral("bbbb");
        result.plan.steps = {first, second};

        // Cancelled while it waited behind another job: never started, never read.
        result.cancelled = true;
        QString text = RunResultDialog::describe(QStringLiteral("prod"), result, nullptr);
        QVERIFY2(text.contains(QStringLiteral("nothing ran")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("unknown")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("rolled back")), qPrintable(text));
        QVERIFY(!RunResultDialog(QStringLiteral("prod"), result).awaitingRead());

        // Step 2 failed outside a transaction: read back, its statements may have stayed.
        result.cancelled = false;
        result.failedStep = 2;
        result.stepsRun = 1;
        result.error = Error::failure(QStringLiteral("boom"));
        auto after = std::make_shared<ProjectSnapshot>();
        after->reachable = true;
        after->current = {QStringLiteral("aaaa")};
        RevisionRow a, b;
        a.id = QStringLiteral("aaaa");
        a.state = RevisionRow::State::Current;
        b.id = QStringLiteral("bbbb");
        b.state = RevisionRow::State::Failed;
        after->rows = {b, a};
        HistoryRecord record;
        record.revision = QStringLiteral("bbbb");
        after->status.failures = {{record, true}};
        text = RunResultDialog::describe(QStringLiteral("prod"), result, after);
        QVERIFY2(text.contains(QStringLiteral("failed at step 2 of 2 (bbbb): boom")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("The step before it completed and is in effect.")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("may have stayed applied")), qPrintable(text));
        QVERIFY2(!text.contains(QStringLiteral("rolled back")), qPrintable(text));

        // The same in a transaction: rolled back, as the read-back shows.
        after->status.failures = {{record, false}};
        text = RunResultDialog::describe(QStringLiteral("prod"), result, after);
        QVERIFY2(text.contains(QStringLiteral("bbbb was rolled back")), qPrintable(text));
    }

    // The example: the server goes away while a pg_sleep migration runs.
    void serverStoppedMidRunIsUnknownUntilReconnectedThenShowsTheRealRevision()
    {
        QString why;
        auto server = test::PgServer::start(&why);
        QVERIFY2(server, qPrintable(why));
        QVERIFY(server->psql(QStringLiteral("CREATE DATABASE truth_lost")));
        const QString dir = project("SELECT pg_sleep(60);");

        MainWindow w;
        Profile p = Profile::forEnvironment(QStringLiteral("Staging"));
        p.name = QStringLiteral("staging pg");
        p.engine = Profile::Engine::Postgres;
        p.host = server->socketDir();
        p.port = server->port();
        p.user = QStringLiteral("postgres");
        p.database = QStringLiteral("truth_lost");
        p.projectDir = dir;
        w.saveProfile(p);
        w.selectProfile(p.name);
        waitForSnapshot(w, p.name);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name)->reachable, 30000);
        QVERIFY2(banner(w).contains(QStringLiteral("at empty (base)")), qPrintable(banner(w)));

        QSignalSpy finished(&w, &MainWindow::runFinished);
        whenDialogOpens<ConfirmRunDialog>([](ConfirmRunDialog *d) { clickOk(d); });
        action(w, "actionUpgradeHeads")->trigger();
        auto *progress = w.findChild<QLabel *>(QStringLiteral("progressLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(progress->text().contains(QStringLiteral("Step 2 of 2")), 30000);
        QTest::qWait(500); // inside pg_sleep
        QVERIFY(finished.isEmpty());
        QVERIFY(server->stop());
        QVERIFY(finished.wait(30000) || !finished.isEmpty());
        QCOMPARE(finished.first().at(1).toBool(), false);

        // While the server is away: unknown, never base; nothing is offered on it.
        QTRY_VERIFY_WITH_TIMEOUT(resultDialog(w) != nullptr, 10000);
        const QString told = resultDialog(w)->text();
        QVERIFY2(told.contains(QStringLiteral("unknown")), qPrintable(told));
        QVERIFY2(!saysBase(told), qPrintable(told));
        QVERIFY2(!told.contains(QStringLiteral("rolled back")), qPrintable(told));
        QVERIFY2(told.contains(QStringLiteral("step 2 of 2 (bbbb)")), qPrintable(told));
        // The read after the run (queued behind the result) came back unknown.
        QTRY_VERIFY_WITH_TIMEOUT(!w.snapshot(p.name)->reachable, 10000);
        QVERIFY2(banner(w).contains(QStringLiteral("unknown")), qPrintable(banner(w)));
        QVERIFY2(!saysBase(banner(w)), qPrintable(banner(w)));
        QCOMPARE(w.profileDock()->badgeText(p.name), QStringLiteral("unknown"));
        QCOMPARE(stateOf(w, p.name, QStringLiteral("aaaa")),
                 HistoryModel::stateText(RevisionRow::State::Unknown));
        QCOMPARE(stateOf(w, p.name, QStringLiteral("bbbb")),
                 HistoryModel::stateText(RevisionRow::State::Unknown));
        QVERIFY(!action(w, "actionUpgradeHeads")->isEnabled());
        QVERIFY(!action(w, "actionStamp")->isEnabled());
        QVERIFY2(pendingSummary(w).contains(QStringLiteral("unknown")),
                 qPrintable(pendingSummary(w)));
        // The audit log says the same: where the run left the database was not read.
        const auto audit = AuditLog(AuditLog::defaultFilePath()).readAll();
        QVERIFY(audit && !audit->isEmpty());
        QCOMPARE(audit->last().toRevisions, AuditEntry::unknownRevisions());
        // With why, on one line: the entry says what is known, not "?".
        QVERIFY2(audit->last().unread.startsWith(QStringLiteral("not read back: ")) &&
                     !audit->last().unread.contains(QLatin1Char('\n')),
                 qPrintable(audit->last().unread));
        QVERIFY(audit->last().notRead(audit->last().toRevisions));
        AuditModel auditModel;
        QVERIFY(auditModel.reload(AuditLog::defaultFilePath()).ok());
        QCOMPARE(auditModel.index(0, AuditModel::To).data().toString(), QStringLiteral("unknown"));
        // Reconnecting, visibly.
        QTRY_VERIFY_WITH_TIMEOUT(banner(w).contains(QStringLiteral("reconnecting")), 10000);
        shot(w, QStringLiteral("lost-connection"));

        // The server comes back: the app reads the real state, the revision before bbbb.
        QVERIFY(server->startAgain());
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name)->reachable, 90000);
        QCOMPARE(w.snapshot(p.name)->current, QStringList{QStringLiteral("aaaa")});
        QVERIFY2(banner(w).contains(QStringLiteral("at aaaa")), qPrintable(banner(w)));
        QCOMPARE(stateOf(w, p.name, QStringLiteral("aaaa")),
                 HistoryModel::stateText(RevisionRow::State::Current));
        QCOMPARE(stateOf(w, p.name, QStringLiteral("bbbb")),
                 HistoryModel::stateText(RevisionRow::State::Pending));
        QCOMPARE(w.profileDock()->badgeText(p.name), QStringLiteral("1 pending"));
        QVERIFY(!w.profileDock()->checkedText(p.name).isEmpty());
        QVERIFY(action(w, "actionUpgradeHeads")->isEnabled());
        shot(w, QStringLiteral("reconnected"));
        // The open dialog now says what was read.
        QVERIFY(resultDialog(w));
        const QString read = resultDialog(w)->text();
        QVERIFY2(read.contains(QStringLiteral("the database is at aaaa")), qPrintable(read));
        QVERIFY2(read.contains(QStringLiteral("The step before it completed and is in effect.")),
                 qPrintable(read));
        QVERIFY2(read.contains(QStringLiteral("bbbb was rolled back")), qPrintable(read));
        resultDialog(w)->close();
        // The Activity log: the lost server once, on one line each, and its return once.
        const QString activity = w.logDock()->text();
        QVERIFY2(activity.count(QStringLiteral("cannot read the database")) <= 1,
                 qPrintable(activity));
        QVERIFY2(!activity.contains(QStringLiteral("Is the server running")), qPrintable(activity));
        QVERIFY2(activity.count(p.name + QStringLiteral(": the database can be read again.")) == 1,
                 qPrintable(activity));
    }

    void anUnreachableProfileIsUnknownNeverBase_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("postgres, nothing listening") << true;
        QTest::newRow("sqlite, folder missing") << false;
    }

    void anUnreachableProfileIsUnknownNeverBase()
    {
        QFETCH(bool, postgres);
        const QString dir = project("SELECT 1;");
        Profile p = sqliteProfile(QStringLiteral("away"), dir);
        if (postgres) {
            p.engine = Profile::Engine::Postgres;
            p.host = QStringLiteral("127.0.0.1");
            p.port = 9; // discard: nothing answers PostgreSQL there
            p.database = QStringLiteral("nowhere");
            p.user = QStringLiteral("postgres");
        } else {
            p.sqliteFile = m_home.filePath(QStringLiteral("no-such-folder/dev.db"));
        }
        MainWindow w;
        w.saveProfile(p);
        w.selectProfile(p.name);
        waitForSnapshot(w, p.name);
        const SnapshotPtr snap = w.snapshot(p.name);
        QVERIFY(!snap->reachable);
        QVERIFY(snap->current.isEmpty());
        QVERIFY2(banner(w).contains(QStringLiteral("state unknown")), qPrintable(banner(w)));
        QVERIFY2(!saysBase(banner(w)), qPrintable(banner(w)));
        QVERIFY2(banner(w).contains(QStringLiteral("not read since Strata started")),
                 qPrintable(banner(w)));
        QCOMPARE(w.profileDock()->badgeText(p.name), QStringLiteral("unknown"));
        for (const RevisionRow &row : snap->rows)
            QCOMPARE(row.state, RevisionRow::State::Unknown);
        QCOMPARE(w.historyModel()->index(0, HistoryModel::State).data().toString(),
                 QStringLiteral("unknown"));
        QVERIFY(!action(w, "actionUpgradeHeads")->isEnabled());
        QVERIFY(!action(w, "actionDowngradeSelected")->isEnabled());
        QVERIFY(!action(w, "actionStamp")->isEnabled());
        QVERIFY2(pendingSummary(w).contains(QStringLiteral("unknown")),
                 qPrintable(pendingSummary(w)));
        QCOMPARE(w.planModel()->rowCount(), 0);
        if (postgres) // a connection that failed is tried again, with a backoff
            QTRY_VERIFY_WITH_TIMEOUT(banner(w).contains(QStringLiteral("reconnecting")), 10000);
    }

    void aCancelIsShownAsCancelled()
    {
        const QString dir = project("INSERT INTO u SELECT count(*) FROM (WITH RECURSIVE c(x) AS "
                                    "(SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
                                    "2000000000) SELECT x FROM c);");
        MainWindow w;
        const Profile p = sqliteProfile(QStringLiteral("cancel dev"), dir);
        w.saveProfile(p);
        w.selectProfile(p.name);
        waitForSnapshot(w, p.name);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name)->reachable, 30000);

        QSignalSpy finished(&w, &MainWindow::runFinished);
        whenDialogOpens<ConfirmRunDialog>([](ConfirmRunDialog *d) { clickOk(d); });
        action(w, "actionUpgradeHeads")->trigger();
        auto *progress = w.findChild<QLabel *>(QStringLiteral("progressLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(progress->text().contains(QStringLiteral("Step 2 of 2")), 30000);
        QTest::qWait(300);
        w.findChild<QPushButton *>(QStringLiteral("cancelButton"))->click();
        QVERIFY(finished.wait(30000) || !finished.isEmpty());
        QCOMPARE(finished.first().at(1).toBool(), false);

        QTRY_VERIFY_WITH_TIMEOUT(resultDialog(w) != nullptr, 10000);
        RunResultDialog *d = resultDialog(w);
        QVERIFY2(d->windowTitle().contains(QStringLiteral("cancelled")),
                 qPrintable(d->windowTitle()));
        QVERIFY2(!d->windowTitle().contains(QStringLiteral("failed")),
                 qPrintable(d->windowTitle()));
        QVERIFY2(d->text().contains(QStringLiteral("was cancelled during step 2 of 2 (bbbb)")),
                 qPrintable(d->text()));
        QVERIFY2(d->text().contains(QStringLiteral("the database is at aaaa")),
                 qPrintable(d->text()));
        QVERIFY2(d->text().contains(QStringLiteral("bbbb was rolled back")), qPrintable(d->text()));
        d->close();
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(w, p.name, QStringLiteral("bbbb")),
                                  HistoryModel::stateText(RevisionRow::State::Cancelled), 20000);
        QVERIFY2(banner(w).contains(QStringLiteral("cancelled: bbbb")), qPrintable(banner(w)));
        QVERIFY(!banner(w).contains(QStringLiteral("failed")));
        const QString problems = w.findChild<QLabel *>(QStringLiteral("problemLabel"))->text();
        QVERIFY2(problems.contains(QStringLiteral("was cancelled")), qPrintable(problems));
        QVERIFY2(!problems.contains(QStringLiteral("failed")), qPrintable(problems));
    }

    void testConnectionTellsTheTruth_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("says");
        QTest::newRow("folder missing")
            << QStringLiteral("no-such-folder/dev.db") << false << QStringLiteral("does not exist");
        QTest::newRow("not created yet")
            << QStringLiteral("fresh.db") << true << QStringLiteral("the first upgrade creates it");
        QTest::newRow("not a database")
            << QStringLiteral("garbage.db") << false << QStringLiteral("not a database");
    }

    void testConnectionTellsTheTruth()
    {
        QFETCH(QString, file);
        QFETCH(bool, ok);
        QFETCH(QString, says);
        writeFile(m_home.filePath(QStringLiteral("garbage.db")),
                  QByteArray("this is not a SQLite database, just text ").repeated(100));
        Profile p = sqliteProfile(QStringLiteral("tested"), project("SELECT 1;"));
        p.sqliteFile = m_home.filePath(file);
        ProfileDialog dialog(p, {});
        dialog.findChild<QPushButton *>(QStringLiteral("testButton"))->click();
        auto *result = dialog.findChild<QLabel *>(QStringLiteral("testResult"));
        QTRY_VERIFY_WITH_TIMEOUT(result->text() != QStringLiteral("Connecting…"), 30000);
        QVERIFY2(result->text().contains(says), qPrintable(result->text()));
        QCOMPARE(result->styleSheet().contains(QStringLiteral("#2e7d32")), ok);
        QVERIFY(!QFile::exists(m_home.filePath(QStringLiteral("fresh.db")))); // nothing created
    }

    void testConnectionFailsForAServerNotListening()
    {
        Profile p = sqliteProfile(QStringLiteral("pg tested"), project("SELECT 1;"));
        p.engine = Profile::Engine::Postgres;
        p.host = QStringLiteral("127.0.0.1");
        p.port = 9;
        p.database = QStringLiteral("nowhere");
        ProfileDialog dialog(p, {});
        dialog.findChild<QPushButton *>(QStringLiteral("testButton"))->click();
        auto *result = dialog.findChild<QLabel *>(QStringLiteral("testResult"));
        QTRY_VERIFY_WITH_TIMEOUT(result->text() != QStringLiteral("Connecting…"), 30000);
        QVERIFY(result->styleSheet().contains(QStringLiteral("#c62828")));
        QVERIFY(!result->text().startsWith(QStringLiteral("Connected")));
    }

    // The second example: the SQLite file's folder went away between planning and the
    // run. Nothing ran, and the dialog says so; no rollback is claimed.
    void aFailureBeforeAnyStepSaysNothingRan()
    {
        const QString dir = project("SELECT 1;");
        Profile p = sqliteProfile(QStringLiteral("vanishing"), dir);
        const QString folder = m_home.filePath(QStringLiteral("vanishing-data"));
        QVERIFY(QDir().mkpath(folder));
        p.sqliteFile = QDir(folder).filePath(QStringLiteral("dev.db"));
        MainWindow w;
        w.saveProfile(p);
        w.selectProfile(p.name);
        waitForSnapshot(w, p.name);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name)->reachable, 30000);
        QVERIFY(action(w, "actionUpgradeHeads")->isEnabled());

        QSignalSpy finished(&w, &MainWindow::runFinished);
        whenDialogOpens<ConfirmRunDialog>([folder](ConfirmRunDialog *d) {
            QVERIFY(QDir(folder).removeRecursively());
            clickOk(d);
        });
        action(w, "actionUpgradeHeads")->trigger();
        QVERIFY(finished.wait(30000) || !finished.isEmpty());
        QCOMPARE(finished.first().at(1).toBool(), false);
        QTRY_VERIFY_WITH_TIMEOUT(resultDialog(w) != nullptr, 10000);
        const QString told = resultDialog(w)->text();
        QVERIFY2(told.contains(QStringLiteral("before any step started: nothing ran")),
                 qPrintable(told));
        QVERIFY2(!told.contains(QStringLiteral("rolled back")), qPrintable(told));
        QVERIFY2(!saysBase(told), qPrintable(told));
        resultDialog(w)->close();
        QTRY_VERIFY2_WITH_TIMEOUT(banner(w).contains(QStringLiteral("state unknown")),
                                  qPrintable(banner(w)), 10000);
    }

    void aDeletedProjectIsMissingAndItsOpenFileIsMarkedGone_data()
    {
        QTest::addColumn<bool>("moved");
        QTest::newRow("deleted") << false;
        QTest::newRow("moved") << true;
    }

    void aDeletedProjectIsMissingAndItsOpenFileIsMarkedGone()
    {
        QFETCH(bool, moved);
        const QString dir = project("SELECT 1;");
        MainWindow w;
        const Profile p = sqliteProfile(QStringLiteral("moved away"), dir);
        w.saveProfile(p);
        w.selectProfile(p.name);
        waitForSnapshot(w, p.name);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(p.name)->reachable, 30000);
        const QString file = dir + QStringLiteral("/versions/bbbb_second.sql");
        w.openInEditor(file);
        MigrationEditor *editor = w.editorArea()->editorFor(file);
        QVERIFY(editor);
        editor->editor()->append(QStringLiteral("\n-- a note typed before the folder went\n"));
        const QString typed = editor->editor()->text();

        if (moved)
            QVERIFY(QDir().rename(dir, dir + QStringLiteral("-moved")));
        else
            QVERIFY(QDir(dir).removeRecursively());
        QTRY_COMPARE_WITH_TIMEOUT(w.profileDock()->badgeText(p.name),
                                  QStringLiteral("project missing"), 20000);
        QVERIFY2(banner(w).contains(QStringLiteral("project missing")), qPrintable(banner(w)));
        QVERIFY(!banner(w).contains(QStringLiteral("unreachable")));
        QVERIFY(!action(w, "actionUpgradeHeads")->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(editor->isFileGone(), 20000);
        QTabWidget *tabs = w.editorArea()->tabs();
        QVERIFY2(tabs->tabText(tabs->indexOf(editor)).contains(QStringLiteral("(deleted)")),
                 qPrintable(tabs->tabText(tabs->indexOf(editor))));
        QVERIFY(editor->bannerText().contains(QStringLiteral("deleted or renamed")));

        // Saving says where it cannot save and offers a way; the text survives either way.
        bool asked = false;
        whenDialogOpens<QMessageBox>([&asked](QMessageBox *box) {
            asked = true;
            QVERIFY2(box->text().contains(QStringLiteral("no longer exists")),
                     qPrintable(box->text()));
            box->button(QMessageBox::Cancel)->click();
        });
        QVERIFY(!w.editorArea()->saveCurrent());
        QVERIFY(asked);
        QCOMPARE(editor->editor()->text(), typed);
        whenDialogOpens<QMessageBox>([](QMessageBox *box) {
            box->findChild<QPushButton *>(QStringLiteral("recreateButton"))->click();
        });
        QVERIFY(w.editorArea()->saveCurrent());
        QFile saved(file);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(saved.readAll()), typed);
        QVERIFY(!editor->isFileGone());
        QVERIFY(!tabs->tabText(tabs->indexOf(editor)).contains(QStringLiteral("(deleted)")));
    }

    // The staleness example: a migration written by the CLI shows in every profile of
    // the project, in its History, badge and plan, without a refresh by hand.
    void aMigrationWrittenByTheCliRefreshesEveryProfileOfTheProject()
    {
        const QString dir = project("SELECT 1;");
        MainWindow w;
        const Profile dev = sqliteProfile(QStringLiteral("dev"), dir);
        const Profile staging = sqliteProfile(QStringLiteral("staging"), dir);
        w.saveProfile(dev);
        w.saveProfile(staging);
        w.selectProfile(dev.name);
        waitForSnapshot(w, dev.name);
        waitForSnapshot(w, staging.name);
        QTRY_COMPARE_WITH_TIMEOUT(w.profileDock()->badgeText(staging.name),
                                  QStringLiteral("2 pending"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(w.profileDock()->badgeText(dev.name), QStringLiteral("2 pending"),
                                  30000);

        QProcess cli;
        cli.start(QStringLiteral(STRATA_CLI_BINARY),
                  {QStringLiteral("-d"), dir, QStringLiteral("revision"), QStringLiteral("-m"),
                   QStringLiteral("written by the cli"), QStringLiteral("--rev-id"),
                   QStringLiteral("cccc")});
        QVERIFY(cli.waitForFinished(30000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());

        QTRY_COMPARE_WITH_TIMEOUT(w.profileDock()->badgeText(staging.name),
                                  QStringLiteral("3 pending"), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(w.profileDock()->badgeText(dev.name), QStringLiteral("3 pending"),
                                  30000);
        QVERIFY(w.snapshot(staging.name)->row(QStringLiteral("cccc")));
        QVERIFY(!w.profileDock()->checkedText(staging.name).isEmpty());
        // The other profile's History and plan, when shown, are the new ones.
        w.selectProfile(staging.name);
        QCOMPARE(w.historyModel()->rowCount(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(w.planModel()->rowCount(), 3, 30000);
    }
};

QTEST_MAIN(TestStatusTruth)
#include "tst_statustruth.moc"
