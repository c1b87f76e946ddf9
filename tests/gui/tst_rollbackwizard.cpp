// The guided rollback as support staff meet it: every page driven as a person would, on the
// success path and on a downgrade that fails half way (the database left as the failure
// leaves it, said plainly), with the audit log and the HTML report checked.

#include "audit/auditlog.h"
#include "files.h"
#include "jobs/jobcontroller.h"
#include "jobs/migrationworker.h"
#include "migrator.h"
#include "profiles/profile.h"
#include "rollback/rollbackwizard.h"
#include "sqlitefile.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <memory>

using namespace strata;
using namespace strata::gui;
using strata::test::readFile;
using strata::test::writeFile;

class TestRollbackWizard : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_project;
    int m_databases = 0;

    // A database at cccc with rows in every table; the profile that names it.
    Profile preparedProfile(bool isProtected)
    {
        Profile p = Profile::forEnvironment(isProtected ? QStringLiteral("Production")
                                                        : QStringLiteral("Staging"));
        p.name = QStringLiteral("shop %1").arg(++m_databases);
        p.sqliteFile = m_home.filePath(QStringLiteral("shop%1.db").arg(m_databases));
        p.projectDir = m_project;
        if (!upgradeDatabase(m_project, p.url(), QStringLiteral("heads")).ok())
            qFatal("cannot prepare the database");
        return p;
    }

    static QStringList current(const Profile &p)
    {
        MigratorOptions options;
        options.projectDir = p.projectDir;
        options.url = p.url();
        auto migrator = Migrator::open(options);
        return migrator ? (*migrator)->current().value() : QStringList{QStringLiteral("?")};
    }

    struct Session
    {
        std::unique_ptr<JobController> controller;
        SnapshotPtr snapshot;
        std::unique_ptr<RollbackWizard> wizard;
    };

    static std::unique_ptr<Session> open(const Profile &p)
    {
        auto s = std::make_unique<Session>();
        MigratorOptions options;
        options.projectDir = p.projectDir;
        options.url = p.url();
        s->controller = std::make_unique<JobController>(options, p.name);
        QSignalSpy ready(s->controller->worker(), &MigrationWorker::snapshotReady);
        s->controller->refresh();
        if (!ready.wait(20000))
            return nullptr;
        s->snapshot = ready.first().at(0).value<SnapshotPtr>();
        JobController *c = s->controller.get();
        const SnapshotPtr snapshot = s->snapshot;
        s->wizard = std::make_unique<RollbackWizard>(
            QStringList{p.name, QStringLiteral("elsewhere")}, p.name,
            [p, snapshot, c](const QString &name) {
                if (name != p.name) { // a profile whose database has not answered
                    Profile other = p;
                    other.name = name;
                    return RollbackWizard::Target{other, nullptr, nullptr};
                }
                return RollbackWizard::Target{p, snapshot, c};
            },
            [c](const PlanRequest &r, const Plan &plan, const RunContext &context) {
                c->runPlan(r, plan, context);
            });
        s->wizard->show();
        return s;
    }

    static QAbstractButton *next(QWizard &w)
    {
        return w.button(w.currentPage()->isCommitPage() ? QWizard::CommitButton
                                                        : QWizard::NextButton);
    }

    // STRATA_SCREENSHOT_DIR set: each page as a PNG there, to look at as a person would.
    static void shot(QWizard &w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            w.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }

    template <typename T> static T *child(QWizard &w, const char *name)
    {
        T *found = w.findChild<T *>(QLatin1String(name));
        if (!found)
            qFatal("no %s", name);
        return found;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("xdg-data")).toUtf8());
        qputenv("STRATA_BACKUP_DIR", m_home.filePath(QStringLiteral("backups")).toUtf8());
        QCoreApplication::setApplicationName(QStringLiteral("strata-test"));
        m_project = m_home.filePath(QStringLiteral("shop"));
        QVERIFY(QDir().mkpath(m_project + QStringLiteral("/versions")));
        QVERIFY(writeFile(m_project + QStringLiteral("/strata.ini"),
                          "[strata]\nversions = versions\n"));
        QVERIFY(writeFile(m_project + QStringLiteral("/versions/aaaa_customers.sql"),
                          "-- revision: aaaa\n-- message: customers\n-- +upgrade\n"
                          "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);\n"
                          "INSERT INTO customers (name) VALUES ('Ada'), ('Grace');\n"
                          "-- +downgrade\nDROP TABLE customers;\n"));
        QVERIFY(
            writeFile(m_project + QStringLiteral("/versions/bbbb_orders.sql"),
                      "-- revision: bbbb\n-- down_revision: aaaa\n-- message: orders\n"
                      "-- +upgrade\nCREATE TABLE orders (id INTEGER PRIMARY KEY, total INT);\n"
                      "-- +downgrade\nDROP TABLE orders;\n"
                      // Fails (line 8) when the trip wire holds a row and its target is missing.
                      "INSERT INTO rollback_guard SELECT 1 FROM rollback_guard_trip;\n"));
        QVERIFY(writeFile(m_project + QStringLiteral("/versions/cccc_notes.sql"),
                          "-- revision: cccc\n-- down_revision: bbbb\n-- message: order notes\n"
                          "-- +upgrade\nALTER TABLE orders ADD COLUMN note TEXT;\n"
                          "INSERT INTO orders (total, note) VALUES (12, 'gift wrap');\n"
                          "-- +downgrade\nALTER TABLE orders DROP COLUMN note;\n"));
    }

    void successPathThroughEveryPage()
    {
        const Profile p = preparedProfile(false);
        // The trip wire is not armed: the downgrade's INSERT reads an empty table.
        QVERIFY(executeSqlite(p.sqliteFile, QStringLiteral("CREATE TABLE rollback_guard (x INT);"
                                                           "CREATE TABLE rollback_guard_trip (x "
                                                           "INT);")));
        auto session = open(p);
        QVERIFY(session);
        RollbackWizard &w = *session->wizard;

        // 1. Target: another profile that cannot be read offers nothing; back to this one.
        QVERIFY(w.chooseProfile(QStringLiteral("elsewhere")));
        QCOMPARE(child<QTreeWidget>(w, "targetList")->topLevelItemCount(), 0);
        QVERIFY(child<QLabel>(w, "targetIntro")->text().contains(QStringLiteral("cannot be read")));
        QVERIFY(!next(w)->isEnabled());
        QVERIFY(w.chooseProfile(p.name));
        // The current state cannot be chosen; "customers" can.
        QVERIFY(!w.chooseTarget(QStringLiteral("cccc")));
        QVERIFY(!next(w)->isEnabled());
        QVERIFY(w.chooseTarget(QStringLiteral("aaaa")));
        QVERIFY(next(w)->isEnabled());
        shot(w, QStringLiteral("rollback-1-target"));
        QSignalSpy planned(&w, &RollbackWizard::planShown);
        next(w)->click();

        // 2. Review: two steps, newest first; dropping a column and a table delete data, which
        // must be acknowledged.
        QCOMPARE(w.currentId(), int(RollbackWizard::ReviewPage));
        QVERIFY(planned.wait(20000));
        auto *steps = child<QTreeWidget>(w, "stepList");
        QCOMPARE(steps->topLevelItemCount(), 2);
        QCOMPARE(steps->topLevelItem(0)->text(2), QStringLiteral("cccc"));
        QCOMPARE(steps->topLevelItem(1)->text(2), QStringLiteral("bbbb"));
        const QString problems = child<QLabel>(w, "problemsLabel")->text();
        QVERIFY2(problems.contains(QStringLiteral("drops a column")), qPrintable(problems));
        QVERIFY2(problems.contains(QStringLiteral("drops a table")), qPrintable(problems));
        QVERIFY(!next(w)->isEnabled());
        shot(w, QStringLiteral("rollback-2-review"));
        child<QCheckBox>(w, "dataLossCheck")->setChecked(true);
        QVERIFY(next(w)->isEnabled());
        next(w)->click();

        // 3. Backup: recommended, may be declined on a profile that is not protected.
        QCOMPARE(w.currentId(), int(RollbackWizard::BackupPage));
        QVERIFY(!next(w)->isEnabled());
        child<QCheckBox>(w, "backupCheck")->setChecked(false);
        QVERIFY(next(w)->isEnabled());
        next(w)->click();

        // 4. Confirm: the database name typed exactly, and a reason; both fields say they are
        // required, and the page says why Roll Back is disabled while one is missing.
        QCOMPARE(w.currentId(), int(RollbackWizard::ConfirmPage));
        QVERIFY(!next(w)->isEnabled());
        auto *reason = child<QLineEdit>(w, "reasonEdit");
        auto *typed = child<QLineEdit>(w, "typedEdit");
        auto *hint = child<QLabel>(w, "confirmHint");
        QVERIFY(child<QLabel>(w, "reasonLabel")->text().contains(QStringLiteral("required")));
        QVERIFY(reason->placeholderText().startsWith(QStringLiteral("Required")));
        QCOMPARE(reason->accessibleName(), QStringLiteral("Reason (required)"));
        QCOMPARE(typed->accessibleName(), QStringLiteral("Database name (required)"));
        QVERIFY(hint->isVisible());
        QCOMPARE(hint->text(), QStringLiteral("Roll Back is disabled until you type the database "
                                              "name %1 and a reason.")
                                   .arg(p.databaseName()));
        typed->setText(p.databaseName() + QStringLiteral("x"));
        reason->setText(QStringLiteral("SUP-4711 orders broke"));
        QVERIFY(!next(w)->isEnabled());
        QCOMPARE(hint->text(), QStringLiteral("Roll Back is disabled until you type the database "
                                              "name %1.")
                                   .arg(p.databaseName()));
        QCOMPARE(next(w)->toolTip(), hint->text());
        typed->setText(p.databaseName());
        reason->setText(QStringLiteral("  "));
        QVERIFY(!next(w)->isEnabled());
        QCOMPARE(hint->text(), QStringLiteral("Roll Back is disabled until you type a reason."));
        reason->setText(QStringLiteral("SUP-4711 orders broke"));
        QVERIFY(next(w)->isEnabled());
        QCOMPARE(hint->text(), QStringLiteral("Ready: Roll Back starts the rollback."));
        shot(w, QStringLiteral("rollback-4-confirm"));
        QCOMPARE(current(p), QStringList{QStringLiteral("cccc")}); // nothing ran yet
        QSignalSpy done(&w, &RollbackWizard::runDone);
        next(w)->click();

        // 5. Run: live, then done.
        QCOMPARE(w.currentId(), int(RollbackWizard::RunPage));
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().at(0).toBool(), true);
        QCOMPARE(current(p), QStringList{QStringLiteral("aaaa")});
        QVERIFY(w.button(QWizard::BackButton)->isHidden() ||
                !w.button(QWizard::BackButton)->isEnabled());
        QVERIFY(next(w)->isEnabled());
        next(w)->click();

        // 6. Summary and report.
        QCOMPARE(w.currentId(), int(RollbackWizard::SummaryPage));
        shot(w, QStringLiteral("rollback-6-summary"));
        QVERIFY(QFile::exists(w.reportFile()));
        const QString report = QString::fromUtf8(readFile(w.reportFile()));
        QVERIFY(report.contains(QStringLiteral("SUP-4711 orders broke")));
        QVERIFY(report.contains(QStringLiteral("Rolled back")));
        QCOMPARE(report.count(QStringLiteral(">done<")), 2);

        // The audit log: each step, then the whole.
        auto entries = AuditLog(AuditLog::defaultFilePath()).readAll();
        QVERIFY(entries.ok());
        QStringList actions;
        for (const AuditEntry &e : *entries)
            if (e.profile == p.name)
                actions << e.action + QLatin1Char('=') + e.result;
        QCOMPARE(actions, (QStringList{QStringLiteral("rollback step 1/2: down cccc=success"),
                                       QStringLiteral("rollback step 2/2: down bbbb=success"),
                                       QStringLiteral("guided rollback=success")}));
    }

    void downgradeFailingHalfWayIsExplainedAndTheBackupRestores()
    {
        const Profile p = preparedProfile(false);
        // The trip wire is armed: step 2 (bbbb's downgrade) fails after step 1 undid cccc.
        QVERIFY(executeSqlite(p.sqliteFile, QStringLiteral("CREATE TABLE rollback_guard_trip (x "
                                                           "INT); INSERT INTO "
                                                           "rollback_guard_trip VALUES (1);")));
        auto session = open(p);
        QVERIFY(session);
        RollbackWizard &w = *session->wizard;
        QVERIFY(w.chooseTarget(QStringLiteral("aaaa")));
        QSignalSpy planned(&w, &RollbackWizard::planShown);
        next(w)->click();
        QVERIFY(planned.wait(20000));
        child<QCheckBox>(w, "dataLossCheck")->setChecked(true);
        next(w)->click();

        // The safety backup, taken from the page, verified and catalogued.
        QVERIFY(!next(w)->isEnabled());
        QSignalSpy backedUp(&w, &RollbackWizard::backupDone);
        child<QPushButton>(w, "backupButton")->click();
        QVERIFY(backedUp.wait(30000));
        QCOMPARE(backedUp.first().at(0).toBool(), true);
        QVERIFY(QFile::exists(w.record().backupFile));
        QVERIFY(QFile::exists(w.record().backupFile + QStringLiteral(".json")));
        QVERIFY(next(w)->isEnabled());
        shot(w, QStringLiteral("rollback-3-backup"));
        next(w)->click();

        child<QLineEdit>(w, "typedEdit")->setText(p.databaseName());
        child<QLineEdit>(w, "reasonEdit")->setText(QStringLiteral("SUP-9 try"));
        QSignalSpy done(&w, &RollbackWizard::runDone);
        next(w)->click();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.first().at(0).toBool(), false);
        // Step 1 stays done, step 2 was rolled back whole: the database is at bbbb.
        QCOMPARE(current(p), QStringList{QStringLiteral("bbbb")});
        const QString failure = child<QLabel>(w, "failureLabel")->text();
        QVERIFY2(failure.contains(QStringLiteral("Stopped at step 2 of 2")), qPrintable(failure));
        QVERIFY2(failure.contains(QStringLiteral("bbbb_orders.sql:8")), qPrintable(failure));
        QVERIFY2(failure.contains(QStringLiteral("the database is at bbbb")), qPrintable(failure));
        QVERIFY2(failure.contains(QStringLiteral("bbbb was rolled back")), qPrintable(failure));
        QVERIFY2(failure.contains(QStringLiteral("restore the safety backup")),
                 qPrintable(failure));
        auto *restore = child<QPushButton>(w, "restoreButton");
        QVERIFY(!restore->isHidden());
        shot(w, QStringLiteral("rollback-5-failed"));

        // Restore: the database is as it was before the rollback, the note row included.
        QSignalSpy restored(&w, &RollbackWizard::restoreDone);
        answerNextMessageBox(QMessageBox::Yes);
        restore->click();
        QVERIFY(restored.wait(30000));
        QCOMPARE(restored.first().at(0).toBool(), true);
        QCOMPARE(current(p), QStringList{QStringLiteral("cccc")});
        QCOMPARE(test::sqliteRun(p.sqliteFile, QStringLiteral("SELECT note FROM orders")),
                 QStringLiteral("gift wrap"));
        QVERIFY(next(w)->isEnabled());
        next(w)->click();
        const QString report = QString::fromUtf8(readFile(w.reportFile()));
        QVERIFY(report.contains(QStringLiteral("Rollback failed")));
        QVERIFY(report.contains(QStringLiteral("<span class=\"bad\">failed</span>")));
        QVERIFY(report.contains(QStringLiteral("Restored from")));
        auto entries = AuditLog(AuditLog::defaultFilePath()).readAll();
        QVERIFY(entries.ok());
        QStringList actions;
        for (const AuditEntry &e : *entries)
            if (e.profile == p.name)
                actions << e.action + QLatin1Char('=') + e.result.section(QLatin1Char(':'), 0, 0);
        QCOMPARE(actions, (QStringList{QStringLiteral("backup=success"),
                                       QStringLiteral("rollback step 1/2: down cccc=success"),
                                       QStringLiteral("rollback step 2/2: down bbbb=failed"),
                                       QStringLiteral("guided rollback=failed"),
                                       QStringLiteral("restore=success")}));
    }

    void protectedProfileRequiresTheBackup()
    {
        const Profile p = preparedProfile(true);
        auto session = open(p);
        QVERIFY(session);
        RollbackWizard &w = *session->wizard;
        QVERIFY(w.chooseTarget(QStringLiteral("bbbb")));
        QSignalSpy planned(&w, &RollbackWizard::planShown);
        next(w)->click();
        QVERIFY(planned.wait(20000));
        child<QCheckBox>(w, "dataLossCheck")->setChecked(true);
        next(w)->click();
        QCOMPARE(w.currentId(), int(RollbackWizard::BackupPage));
        auto *check = child<QCheckBox>(w, "backupCheck");
        QVERIFY(check->isChecked());
        QVERIFY(!check->isEnabled());
        QVERIFY(!next(w)->isEnabled()); // no way on without a backup
        QSignalSpy backedUp(&w, &RollbackWizard::backupDone);
        child<QPushButton>(w, "backupButton")->click();
        QVERIFY(backedUp.wait(30000));
        QCOMPARE(backedUp.first().at(0).toBool(), true);
        QVERIFY(next(w)->isEnabled());
    }

private:
    static bool executeSqlite(const QString &file, const QString &sql)
    {
        return test::sqliteRun(file, sql) != QLatin1String("ERROR");
    }

    // Presses `button` on the next message box that opens (the restore's question).
    static void answerNextMessageBox(QMessageBox::StandardButton button)
    {
        QTimer::singleShot(0, [button] {
            for (int tries = 0; tries < 200; ++tries) {
                for (QWidget *w : QApplication::topLevelWidgets())
                    if (auto *box = qobject_cast<QMessageBox *>(w); box && box->isVisible()) {
                        box->button(button)->click();
                        return;
                    }
                QTest::qWait(25);
            }
        });
    }
};

QTEST_MAIN(TestRollbackWizard)
#include "tst_rollbackwizard.moc"
