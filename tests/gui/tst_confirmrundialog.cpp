// The run confirmation and the restore dialog guard production from every side: a backup first
// offered (on by default) for every change on a protected profile and taken by the core; each
// step's lint findings listed, errors blocking until a reason is typed, which reaches the audit
// log; a dry run that keeps nothing (SQLite and PostgreSQL); timeouts that reach the run; the
// protection colour and a lock in the header.

#include "audit/auditlog.h"
#include "backup/backupcatalog.h"
#include "backups/restoredialog.h"
#include "jobs/confirmrundialog.h"
#include "jobs/jobcontroller.h"
#include "migrator.h"
#include "pgserver.h"
#include "project/migrationparser.h"
#include "qsci.h"
#include "settings/settings.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace strata;
using namespace strata::gui;

namespace {

void write(const QString &path, const QString &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
}

QString migration(const QString &rev, const QString &down, const QString &up,
                  const QString &downgrade)
{
    return QStringLiteral("-- revision: %1\n-- down_revision: %2\n-- message: %1\n\n-- +upgrade\n"
                          "%3\n\n-- +downgrade\n%4\n")
        .arg(rev, down, up, downgrade);
}

// The snapshot a worker would read: each revision's file, for the dialog to lint.
SnapshotPtr snapshotOf(const QString &project)
{
    auto snap = std::make_shared<ProjectSnapshot>();
    snap->projectRoot = project;
    const QDir versions(project + QStringLiteral("/versions"));
    for (const QString &name : versions.entryList({QStringLiteral("*.sql")}, QDir::Files)) {
        QFile f(versions.filePath(name));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        auto m = MigrationParser::parse(f.fileName(), f.readAll());
        if (!m)
            continue;
        RevisionRow row;
        row.id = m->revision;
        row.message = m->message;
        row.filePath = m->filePath;
        snap->rowOf.insert(row.id, int(snap->rows.size()));
        snap->rows.append(row);
    }
    return snap;
}

MigratorOptions optionsOf(const Profile &p)
{
    MigratorOptions options;
    options.projectDir = p.projectDir;
    options.url = p.url();
    return options;
}

std::unique_ptr<Migrator> open(const Profile &p)
{
    auto m = Migrator::open(optionsOf(p));
    return m ? std::move(m).value() : nullptr;
}

PlanRequest requestOf(PlanRequest::Kind kind, const QString &target)
{
    PlanRequest r;
    r.kind = kind;
    r.targets = {target};
    r.purpose = PlanRequest::Purpose::Run;
    return r;
}

QPushButton *okOf(QDialog &d)
{
    return d.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
        ->button(QDialogButtonBox::Ok);
}

template <typename T> T *child(QDialog &d, const char *name)
{
    return d.findChild<T *>(QLatin1String(name));
}

// Runs a plan through a profile's worker, as the window does after the confirmation.
JobResult runThroughWorker(const Profile &p, const PlanRequest &request, const Plan &plan,
                           const RunContext &context)
{
    JobController c(optionsOf(p), p.name);
    QSignalSpy finished(c.worker(), &MigrationWorker::runFinished);
    c.runPlan(request, plan, context);
    if (!finished.wait(60000))
        return {};
    return finished.first().at(0).value<JobResult>();
}

} // namespace

class TestConfirmRunDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_plain; // aaaa01 creates t, bbbb02 creates u and fills it
    QString m_lint;  // aaaa01 creates t, bbbb02 adds a NOT NULL column without a default
    QString m_probe; // PostgreSQL: pppp01 records the session's timeouts in a table
    std::unique_ptr<test::PgServer> m_pg;
    int m_databases = 0;

    Profile sqliteProfile(const QString &name, const QString &environment, const QString &project)
    {
        Profile p = Profile::forEnvironment(environment);
        p.name = name;
        p.projectDir = project;
        p.sqliteFile = m_home.filePath(QStringLiteral("db%1.sqlite").arg(++m_databases));
        return p;
    }

    Profile pgProfile(const QString &name, const QString &environment, const QString &project)
    {
        Profile p = Profile::forEnvironment(environment);
        p.name = name;
        p.projectDir = project;
        p.engine = Profile::Engine::Postgres;
        p.host = m_pg->socketDir();
        p.port = m_pg->port();
        p.user = QStringLiteral("postgres");
        p.database = QStringLiteral("confirm_%1").arg(++m_databases);
        if (!m_pg->psql(QStringLiteral("CREATE DATABASE %1").arg(p.database)))
            qWarning("cannot create %s", qPrintable(p.database));
        return p;
    }

    QString newProject(const QString &name, const QStringList &files)
    {
        const QString root = m_home.filePath(name);
        QDir().mkpath(root + QStringLiteral("/versions"));
        write(root + QStringLiteral("/strata.ini"),
              QStringLiteral("[strata]\nversions = versions\n"));
        for (int i = 0; i + 1 < files.size(); i += 2)
            write(root + QStringLiteral("/versions/") + files[i], files[i + 1]);
        return root;
    }

    static QList<AuditEntry> audit()
    {
        auto all = AuditLog(AuditLog::defaultFilePath()).readAll();
        return all ? *all : QList<AuditEntry>{};
    }

    static QList<BackupInfo> backupsOf(const QString &profile)
    {
        QList<BackupInfo> list = BackupCatalog::list(BackupCatalog::defaultDir());
        list.removeIf([&](const BackupInfo &b) { return b.profile != profile; });
        return list;
    }

    static QStringList tables(const Profile &p)
    {
        auto m = open(p);
        auto catalog = m ? m->catalog() : Result<SchemaCatalog>(Error::failure({}));
        QStringList names;
        if (catalog)
            for (const SchemaCatalog::Relation &t : catalog->relations)
                names.append(t.name);
        names.removeIf([](const QString &t) { return t.startsWith(QLatin1String("strata_")); });
        names.sort();
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_BACKUP_DIR", m_home.filePath(QStringLiteral("backups")).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg")).toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
        QCoreApplication::setApplicationName(QStringLiteral("strata-confirm-test"));
        const QString createT = QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY);");
        const QString dropT = QStringLiteral("DROP TABLE t;");
        m_plain = newProject(
            QStringLiteral("plain"),
            {QStringLiteral("aaaa01_t.sql"),
             migration(QStringLiteral("aaaa01"), {}, createT, dropT),
             QStringLiteral("bbbb02_u.sql"),
             migration(QStringLiteral("bbbb02"), QStringLiteral("aaaa01"),
                       QStringLiteral("CREATE TABLE u (x INTEGER);\nINSERT INTO u VALUES (1);"),
                       QStringLiteral("DROP TABLE u;"))});
        m_lint =
            newProject(QStringLiteral("lint"),
                       {QStringLiteral("aaaa01_t.sql"),
                        migration(QStringLiteral("aaaa01"), {}, createT, dropT),
                        QStringLiteral("bbbb02_add.sql"),
                        migration(QStringLiteral("bbbb02"), QStringLiteral("aaaa01"),
                                  QStringLiteral("ALTER TABLE t ADD COLUMN n INTEGER NOT NULL;"),
                                  QStringLiteral("ALTER TABLE t DROP COLUMN n;"))});
        m_probe = newProject(
            QStringLiteral("probe"),
            {QStringLiteral("pppp01_probe.sql"),
             migration(QStringLiteral("pppp01"), {},
                       QStringLiteral("CREATE TABLE probe AS SELECT "
                                      "current_setting('lock_timeout') AS lock_timeout, "
                                      "current_setting('statement_timeout') AS statement_timeout;"),
                       QStringLiteral("DROP TABLE probe;"))});
        QString why;
        m_pg = test::PgServer::start(&why);
        QVERIFY2(m_pg, qPrintable(why));
    }

    void init() { QVERIFY(strata::LintPolicy::setOnProtected(LintBlock::Errors).ok()); }

    // Downgrade and stamp on a protected profile offer a backup first, on by default, and the
    // core takes it before the run; an unprotected profile is not offered one.
    void downgradeAndStampOfferBackupFirstAndTheCoreTakesIt()
    {
        const Profile prod =
            sqliteProfile(QStringLiteral("prod-dn"), QStringLiteral("Production"), m_plain);
        const Profile dev =
            sqliteProfile(QStringLiteral("dev-dn"), QStringLiteral("Development"), m_plain);
        for (const Profile &p : {prod, dev})
            QVERIFY(open(p)->upgrade(QStringLiteral("heads")).ok());
        const SnapshotPtr snap = snapshotOf(m_plain);

        auto down = open(prod)->planDowngrade(QStringLiteral("aaaa01"));
        QVERIFY(down.ok());
        const PlanRequest downgrade =
            requestOf(PlanRequest::Kind::Downgrade, QStringLiteral("aaaa01"));
        ConfirmRunDialog d(prod, downgrade, *down, snap.get());
        auto *backup = child<QCheckBox>(d, "backupFirstCheck");
        QVERIFY(!backup->isHidden());
        QVERIFY(backup->isChecked());
        QVERIFY(d.backupFirst());
        QVERIFY(!okOf(d)->isEnabled());
        child<QLineEdit>(d, "typedEdit")->setText(prod.databaseName());
        QVERIFY(okOf(d)->isEnabled());

        auto stampPlan = open(prod)->planStamp({QStringLiteral("aaaa01")}, false);
        QVERIFY(stampPlan.ok());
        ConfirmRunDialog stamp(prod, requestOf(PlanRequest::Kind::Stamp, QStringLiteral("aaaa01")),
                               *stampPlan, snap.get());
        QVERIFY(!child<QCheckBox>(stamp, "backupFirstCheck")->isHidden());
        QVERIFY(stamp.backupFirst());
        QVERIFY(child<QCheckBox>(stamp, "dryRunCheck")->isHidden()); // a stamp runs no SQL

        ConfirmRunDialog devDialog(dev, downgrade, *down, snap.get());
        QVERIFY(child<QCheckBox>(devDialog, "backupFirstCheck")->isHidden());
        QVERIFY(!devDialog.backupFirst());
        QVERIFY(okOf(devDialog)->isEnabled());

        // What the dialog chose, the worker runs: the core backs up first, then downgrades.
        RunContext context;
        context.profile = prod.name;
        d.fillContext(context);
        QVERIFY(context.backupFirst);
        const JobResult result = runThroughWorker(prod, downgrade, *down, context);
        QVERIFY2(result.success, qPrintable(result.error.toString()));
        QCOMPARE(open(prod)->current().value(), QStringList{QStringLiteral("aaaa01")});
        const QList<BackupInfo> taken = backupsOf(prod.name);
        QCOMPARE(taken.size(), 1);
        QCOMPARE(taken.first().revisions, QStringList{QStringLiteral("bbbb02")});
        const QList<AuditEntry> entries = audit();
        QCOMPARE(entries.at(entries.size() - 2).action, QStringLiteral("backup"));
        QCOMPARE(entries.last().action, QStringLiteral("downgrade"));
    }

    // The target of a restore: backed up first when protected (on by default), and the default
    // follows the target chosen.
    void restoreBacksUpAProtectedTargetFirst()
    {
        const Profile prod =
            sqliteProfile(QStringLiteral("prod-rs"), QStringLiteral("Production"), m_plain);
        const Profile dev =
            sqliteProfile(QStringLiteral("dev-rs"), QStringLiteral("Development"), m_plain);
        QVERIFY(open(prod)->upgrade(QStringLiteral("heads")).ok());
        JobController c(optionsOf(prod), prod.name);
        QSignalSpy backedUp(c.worker(), &MigrationWorker::backupFinished);
        c.backup(prod.name);
        QVERIFY(backedUp.wait(30000));
        const QString file = backedUp.first().at(0).toString();
        QVERIFY2(!file.isEmpty(), qPrintable(backedUp.first().at(1).value<Error>().toString()));
        QVERIFY(open(prod)->downgrade(QStringLiteral("base")).ok());

        const BackupInfo info = BackupCatalog::read(file).value();
        RestoreDialog d(info, {dev, prod}, prod.name);
        auto *check = child<QCheckBox>(d, "backupFirstCheck");
        QCOMPARE(d.target(), prod.name);
        QVERIFY(!check->isHidden() && check->isChecked());
        QVERIFY(d.backupFirst());
        child<QComboBox>(d, "targetCombo")->setCurrentIndex(0); // dev: not protected
        QCOMPARE(d.target(), dev.name);
        QVERIFY(check->isHidden());
        QVERIFY(!d.backupFirst());
        child<QComboBox>(d, "targetCombo")->setCurrentIndex(1);
        QVERIFY(d.backupFirst());

        const qsizetype before = backupsOf(prod.name).size();
        QSignalSpy restored(c.worker(), &MigrationWorker::restoreFinished);
        c.restore(file, prod.name, QStringLiteral("OPS-5"), d.backupFirst());
        QVERIFY(restored.wait(30000));
        QVERIFY2(restored.first().at(0).toBool(),
                 qPrintable(restored.first().at(1).value<Error>().toString()));
        QCOMPARE(open(prod)->current().value(), QStringList{QStringLiteral("bbbb02")});
        const QList<BackupInfo> after = backupsOf(prod.name);
        QCOMPARE(after.size(), before + 1);
        // The new one is of the target as it was before the restore: at base.
        QVERIFY(std::any_of(after.cbegin(), after.cend(), [&](const BackupInfo &b) {
            return b.path != file && b.revisions.isEmpty();
        }));
        const QList<AuditEntry> entries = audit();
        QCOMPARE(entries.at(entries.size() - 2).action, QStringLiteral("backup"));
        QCOMPARE(entries.last().action, QStringLiteral("restore"));
        QCOMPARE(entries.last().reason, QStringLiteral("OPS-5"));
    }

    // The example: a step whose migration has a lint error is listed with its finding
    // (severity, rule, file:line, message), and on a protected profile it blocks until a reason
    // is typed. The header shows the profile's colour and a lock.
    void lintErrorIsListedAndBlocksUntilAReasonIsTyped()
    {
        const Profile prod =
            sqliteProfile(QStringLiteral("prod-lint"), QStringLiteral("Production"), m_lint);
        QVERIFY(open(prod)->upgrade(QStringLiteral("aaaa01")).ok());
        auto plan = open(prod)->planUpgrade(QStringLiteral("heads"));
        QVERIFY(plan.ok());
        const PlanRequest upgrade = requestOf(PlanRequest::Kind::Upgrade, QStringLiteral("heads"));
        const SnapshotPtr snap = snapshotOf(m_lint);
        ConfirmRunDialog d(prod, upgrade, *plan, snap.get());

        auto *findings = child<QTreeWidget>(d, "findingsView");
        QVERIFY(!findings->isHidden());
        QCOMPARE(findings->topLevelItemCount(), 1);
        QTreeWidgetItem *step = findings->topLevelItem(0);
        QVERIFY(step->text(0).contains(QStringLiteral("bbbb02")));
        QCOMPARE(step->childCount(), 1);
        QTreeWidgetItem *finding = step->child(0);
        QCOMPARE(finding->text(0), QStringLiteral("error"));
        QCOMPARE(finding->text(1), QStringLiteral("add-column-not-null-no-default"));
        QCOMPARE(finding->text(2), QStringLiteral("bbbb02_add.sql:6"));
        QVERIFY(finding->text(3).contains(QStringLiteral("NOT NULL")));
        QVERIFY(!child<QListWidget>(d, "stepList")->item(0)->icon().isNull());
        QVERIFY(child<QLabel>(d, "lintLabel")->text().contains(QStringLiteral("1 error")));
        // The first finding's message in full, with its file and line.
        QVERIFY(
            child<QLabel>(d, "findingLabel")->text().contains(QStringLiteral("bbbb02_add.sql:6")));

        // The name alone is not enough: the error blocks until a reason is typed.
        child<QLineEdit>(d, "typedEdit")->setText(prod.databaseName());
        QVERIFY(!child<QWidget>(d, "overrideBox")->isHidden());
        QVERIFY(!okOf(d)->isEnabled());
        child<QLineEdit>(d, "overrideEdit")->setText(QStringLiteral("   "));
        QVERIFY(!okOf(d)->isEnabled());
        child<QLineEdit>(d, "overrideEdit")->setText(QStringLiteral("CHG-7: t is empty"));
        QVERIFY(okOf(d)->isEnabled());
        RunContext context;
        d.fillContext(context);
        QCOMPARE(context.lintBlock, LintBlock::Errors);
        QCOMPARE(context.lintOverride, QStringLiteral("CHG-7: t is empty"));

        // The header: the protection colour and a lock.
        auto *banner = child<QFrame>(d, "protectionBanner");
        QVERIFY(!banner->isHidden());
        QCOMPARE(banner->palette().color(QPalette::Window), QColor(prod.colour));
        QVERIFY(!child<QLabel>(d, "lockLabel")->pixmap().isNull());
        QVERIFY(child<QLabel>(d, "protectionLabel")->text().contains(prod.name));

        // A dry run keeps nothing: no name, no override, no backup needed.
        ConfirmRunDialog dry(prod, upgrade, *plan, snap.get());
        QVERIFY(!okOf(dry)->isEnabled());
        child<QCheckBox>(dry, "dryRunCheck")->setChecked(true);
        QVERIFY(okOf(dry)->isEnabled());
        QVERIFY(child<QWidget>(dry, "overrideBox")->isHidden());
        QVERIFY(!dry.backupFirst());
        QVERIFY(dry.dryRun());

        // Unprotected: the finding is shown, blocks nothing, and no banner.
        const Profile dev =
            sqliteProfile(QStringLiteral("dev-lint"), QStringLiteral("Development"), m_lint);
        ConfirmRunDialog devDialog(dev, upgrade, *plan, snap.get());
        QCOMPARE(child<QTreeWidget>(devDialog, "findingsView")->topLevelItemCount(), 1);
        QVERIFY(child<QWidget>(devDialog, "overrideBox")->isHidden());
        QVERIFY(okOf(devDialog)->isEnabled());
        QVERIFY(child<QFrame>(devDialog, "protectionBanner")->isHidden());

        // The policy is a setting (the Settings dialog's, and the command line's).
        QVERIFY(strata::LintPolicy::setOnProtected(LintBlock::Nothing).ok());
        ConfirmRunDialog relaxed(prod, upgrade, *plan, snap.get());
        child<QLineEdit>(relaxed, "typedEdit")->setText(prod.databaseName());
        QVERIFY(okOf(relaxed)->isEnabled());
    }

    // On PostgreSQL the blocked run goes ahead with the reason, which reaches the audit log with
    // the rule; without one the core refuses it before any backup.
    void lintOverrideReachesTheAuditLog()
    {
        const Profile prod =
            pgProfile(QStringLiteral("prod-pglint"), QStringLiteral("Production"), m_lint);
        QVERIFY(open(prod)->upgrade(QStringLiteral("aaaa01")).ok());
        auto plan = open(prod)->planUpgrade(QStringLiteral("heads"));
        QVERIFY(plan.ok());
        const PlanRequest upgrade = requestOf(PlanRequest::Kind::Upgrade, QStringLiteral("heads"));
        ConfirmRunDialog d(prod, upgrade, *plan, snapshotOf(m_lint).get());
        child<QLineEdit>(d, "typedEdit")->setText(prod.databaseName());
        QVERIFY(!okOf(d)->isEnabled());

        // The core holds the line too: no reason, no run, no backup.
        RunContext context;
        context.profile = prod.name;
        d.fillContext(context);
        JobResult result = runThroughWorker(prod, upgrade, *plan, context);
        QVERIFY(!result.success);
        QCOMPARE(result.error.code, Error::Code::Refused);
        QCOMPARE(open(prod)->current().value(), QStringList{QStringLiteral("aaaa01")});
        QCOMPARE(backupsOf(prod.name).size(), 0);

        child<QLineEdit>(d, "overrideEdit")->setText(QStringLiteral("CHG-8: t is empty"));
        QVERIFY(okOf(d)->isEnabled());
        d.fillContext(context);
        result = runThroughWorker(prod, upgrade, *plan, context);
        QVERIFY2(result.success, qPrintable(result.error.toString()));
        QCOMPARE(open(prod)->current().value(), QStringList{QStringLiteral("bbbb02")});
        const QList<AuditEntry> entries = audit();
        QCOMPARE(entries.at(entries.size() - 3).action,
                 QStringLiteral("lint override: add-column-not-null-no-default"));
        QCOMPARE(entries.at(entries.size() - 3).reason, QStringLiteral("CHG-8: t is empty"));
        QCOMPARE(entries.at(entries.size() - 3).profile, prod.name);
        QCOMPARE(entries.at(entries.size() - 2).action, QStringLiteral("backup"));
        QCOMPARE(entries.last().action, QStringLiteral("upgrade"));
    }

    void dryRunLeavesTheDatabaseAsItWas_data()
    {
        QTest::addColumn<bool>("postgres");
        QTest::newRow("sqlite") << false;
        QTest::newRow("postgresql") << true;
    }

    void dryRunLeavesTheDatabaseAsItWas()
    {
        QFETCH(bool, postgres);
        const QString name = postgres ? QStringLiteral("prod-pgdry") : QStringLiteral("prod-dry");
        const Profile prod = postgres ? pgProfile(name, QStringLiteral("Production"), m_plain)
                                      : sqliteProfile(name, QStringLiteral("Production"), m_plain);
        QVERIFY(open(prod)->upgrade(QStringLiteral("aaaa01")).ok());
        auto plan = open(prod)->planUpgrade(QStringLiteral("heads"));
        QVERIFY(plan.ok());
        const PlanRequest upgrade = requestOf(PlanRequest::Kind::Upgrade, QStringLiteral("heads"));
        ConfirmRunDialog d(prod, upgrade, *plan, snapshotOf(m_plain).get());
        child<QCheckBox>(d, "dryRunCheck")->setChecked(true);
        QCOMPARE(okOf(d)->text(), QStringLiteral("Dry Run"));
        QVERIFY(okOf(d)->isEnabled());
        RunContext context;
        context.profile = prod.name;
        d.fillContext(context);
        QVERIFY(context.dryRun);
        const QStringList tablesBefore = tables(prod);
        const qsizetype auditBefore = audit().size();

        const JobResult result = runThroughWorker(prod, upgrade, *plan, context);
        QVERIFY2(result.success, qPrintable(result.error.toString()));
        QVERIFY(result.dryRun);
        QCOMPARE(result.stepsRun, 1);
        QCOMPARE(open(prod)->current().value(), QStringList{QStringLiteral("aaaa01")});
        QCOMPARE(tables(prod), tablesBefore);
        QVERIFY(!tables(prod).contains(QStringLiteral("u")));
        QCOMPARE(audit().size(), auditBefore); // nothing changed: nothing audited
        QCOMPARE(backupsOf(prod.name).size(), 0);
    }

    // The timeouts are prefilled from Settings, can be changed, and reach the run's session.
    void timeoutsReachTheRun()
    {
        Settings settings = Settings::load();
        settings.lockTimeoutMs = 4000;
        settings.statementTimeoutMs = 7000;
        QVERIFY(settings.save());
        const Profile prod =
            pgProfile(QStringLiteral("prod-probe"), QStringLiteral("Production"), m_probe);
        auto plan = open(prod)->planUpgrade(QStringLiteral("heads"));
        QVERIFY(plan.ok());
        const PlanRequest upgrade = requestOf(PlanRequest::Kind::Upgrade, QStringLiteral("heads"));
        ConfirmRunDialog d(prod, upgrade, *plan, snapshotOf(m_probe).get());
        auto *lock = child<QDoubleSpinBox>(d, "lockTimeoutSpin");
        auto *statement = child<QDoubleSpinBox>(d, "statementTimeoutSpin");
        QVERIFY(!lock->isHidden() && !statement->isHidden());
        QCOMPARE(lock->value(), 4.0);
        QCOMPARE(statement->value(), 7.0);
        statement->setValue(9.0);
        QCOMPARE(d.lockTimeoutMs(), 4000);
        QCOMPARE(d.statementTimeoutMs(), 9000);
        RunContext context;
        context.profile = prod.name;
        d.fillContext(context);
        context.backupFirst = false; // not what is tested here
        const JobResult result = runThroughWorker(prod, upgrade, *plan, context);
        QVERIFY2(result.success, qPrintable(result.error.toString()));
        QString out;
        QVERIFY(m_pg->psql(QStringLiteral("SELECT lock_timeout || '|' || statement_timeout FROM "
                                          "probe"),
                           &out, prod.database));
        QCOMPARE(out.trimmed(), QStringLiteral("4s|9s"));

        // SQLite has no such settings: not offered there.
        const Profile lite =
            sqliteProfile(QStringLiteral("lite"), QStringLiteral("Production"), m_plain);
        auto litePlan = open(lite)->planUpgrade(QStringLiteral("heads"));
        QVERIFY(litePlan.ok());
        ConfirmRunDialog liteDialog(lite, upgrade, *litePlan, nullptr);
        QVERIFY(child<QDoubleSpinBox>(liteDialog, "lockTimeoutSpin")->isHidden());
        settings.lockTimeoutMs = 0;
        settings.statementTimeoutMs = 0;
        QVERIFY(settings.save());
    }

    // The full SQL script, as `strata upgrade --sql` writes it, is shown on request.
    void theSqlScriptIsShown()
    {
        const Profile prod =
            sqliteProfile(QStringLiteral("prod-sql"), QStringLiteral("Production"), m_plain);
        auto m = open(prod);
        auto plan = m->planUpgrade(QStringLiteral("heads"));
        QVERIFY(plan.ok());
        const QString script = m->offlineSql(*plan).value();
        ConfirmRunDialog d(prod, requestOf(PlanRequest::Kind::Upgrade, QStringLiteral("heads")),
                           *plan, nullptr);
        auto *show = child<QPushButton>(d, "showSqlButton");
        QVERIFY(!show->isEnabled()); // no script given: nothing to show
        d.setScript(script);
        QVERIFY(show->isEnabled());
        show->click();
        auto *viewer = d.findChild<QDialog *>(QStringLiteral("scriptViewer"));
        QVERIFY(viewer);
        QTRY_VERIFY(viewer->isVisible());
        auto *view = viewer->findChild<QsciScintilla *>();
        QVERIFY(view);
        QVERIFY(view->text().contains(QStringLiteral("CREATE TABLE u")));
        viewer->reject();
    }

    void cleanupTestCase() { m_pg.reset(); }
};

QTEST_MAIN(TestConfirmRunDialog)
#include "tst_confirmrundialog.moc"
