// A profile naming a PostgreSQL database that does not exist: the server answered, so the app
// says "database X does not exist on HOST" (not unknown, not base), plans the upgrade from an
// empty database, and the confirmation offers "Create the database first", which goes through
// the core's Operations::createDatabase as `strata upgrade --create-database` does: created,
// migrated and audited; a role that may not create databases is refused and leaves nothing.

#include "audit/auditlog.h"
#include "files.h"
#include "jobs/confirmrundialog.h"
#include "jobs/jobcontroller.h"
#include "migrator.h"
#include "pgserver.h"
#include "profiles/protection.h"
#include "qsci.h"
#include "settings/settings.h"
#include "status/statusboard.h"

#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;

namespace {

MigratorOptions optionsOf(const Profile &p)
{
    MigratorOptions options;
    options.projectDir = p.projectDir;
    options.url = p.url();
    return options;
}

QPushButton *okOf(QDialog &d)
{
    return d.findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"))
        ->button(QDialogButtonBox::Ok);
}

QCheckBox *check(QDialog &d, const char *name)
{
    return d.findChild<QCheckBox *>(QLatin1String(name));
}

} // namespace

class TestCreateDatabase : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_project; // aaaa01 creates t, bbbb02 creates u
    std::unique_ptr<test::PgServer> m_pg;

    Profile profile(const QString &name, const QString &environment, const QString &database,
                    const QString &user = QStringLiteral("postgres"))
    {
        Profile p = Profile::forEnvironment(environment);
        p.name = name;
        p.projectDir = m_project;
        p.engine = Profile::Engine::Postgres;
        p.host = m_pg->socketDir();
        p.port = m_pg->port();
        p.user = user;
        p.database = database;
        return p;
    }

    bool databaseExists(const QString &name) const
    {
        QString out;
        m_pg->psql(
            QStringLiteral("SELECT count(*) FROM pg_database WHERE datname = '%1'").arg(name),
            &out);
        return out.trimmed().endsWith(QLatin1Char('1'));
    }

    static QList<AuditEntry> audit()
    {
        auto all = AuditLog(AuditLog::defaultFilePath()).readAll();
        return all ? *all : QList<AuditEntry>{};
    }

    // What the worker reads for the profile, as the window's refresh does.
    static SnapshotPtr read(JobController &c)
    {
        QSignalSpy ready(c.worker(), &MigrationWorker::snapshotReady);
        c.refresh();
        if (!ready.wait(30000))
            return {};
        return ready.last().at(0).value<SnapshotPtr>();
    }

    static std::optional<Plan> plan(JobController &c)
    {
        QSignalSpy ready(c.worker(), &MigrationWorker::planReady);
        PlanRequest request;
        request.targets = {QStringLiteral("heads")};
        request.purpose = PlanRequest::Purpose::Run;
        c.preparePlan(request);
        if (!ready.wait(30000))
            return std::nullopt;
        return ready.last().at(1).value<Plan>();
    }

    static JobResult run(JobController &c, const Plan &plan, const RunContext &context)
    {
        QSignalSpy finished(c.worker(), &MigrationWorker::runFinished);
        PlanRequest request;
        request.targets = {QStringLiteral("heads")};
        request.purpose = PlanRequest::Purpose::Run;
        c.runPlan(request, plan, context);
        if (!finished.wait(60000))
            return {};
        return finished.first().at(0).value<JobResult>();
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
        QCoreApplication::setApplicationName(QStringLiteral("strata-createdb-test"));
        m_project = m_home.filePath(QStringLiteral("project"));
        QDir().mkpath(m_project + QStringLiteral("/versions"));
        QVERIFY(test::writeFile(m_project + QStringLiteral("/strata.ini"),
                                "[strata]\nversions = versions\n"));
        QVERIFY(test::writeFile(m_project + QStringLiteral("/versions/aaaa01_t.sql"),
                                "-- revision: aaaa01\n-- message: t\n\n-- +upgrade\nCREATE TABLE t "
                                "(id integer PRIMARY KEY);\n\n-- +downgrade\nDROP TABLE t;\n"));
        QVERIFY(test::writeFile(m_project + QStringLiteral("/versions/bbbb02_u.sql"),
                                "-- revision: bbbb02\n-- down_revision: aaaa01\n-- message: u\n\n"
                                "-- +upgrade\nCREATE TABLE u (x integer);\n\n-- +downgrade\n"
                                "DROP TABLE u;\n"));
        QString why;
        m_pg = test::PgServer::start(&why);
        QVERIFY2(m_pg, qPrintable(why));
        QVERIFY(m_pg->psql(QStringLiteral("CREATE ROLE no_createdb LOGIN NOCREATEDB")));
    }

    // The core tells a missing database apart from other connection failures, in status().
    void theCoreReadsAMissingDatabaseAsNotExisting()
    {
        const Profile p = profile(QStringLiteral("core"), QStringLiteral("Development"),
                                  QStringLiteral("core_missing"));
        auto m = Migrator::open(optionsOf(p));
        QVERIFY(m);
        const DatabaseStatus st = (*m)->status();
        QVERIFY2(st.reachable, qPrintable(st.problem.toString()));
        QVERIFY(!st.exists);
        QVERIFY(st.current.isEmpty());
        QCOMPARE(st.pending, (QStringList{QStringLiteral("aaaa01"), QStringLiteral("bbbb02")}));
        // Running without creating it first says so, with the server's code, and changes nothing.
        auto ran = (*m)->upgrade(QStringLiteral("heads"));
        QVERIFY(!ran);
        QCOMPARE(ran.error().code, Error::Code::DatabaseMissing);
        QVERIFY(!databaseExists(QStringLiteral("core_missing")));
        // Ping says what the server said.
        auto ping = (*m)->ping();
        QVERIFY(!ping);
        QCOMPARE(ping.error().code, Error::Code::DatabaseMissing);
        QVERIFY(ping.error().message.contains(QStringLiteral("does not exist")));

        // Another failure is not a missing database: a port nobody listens on.
        Profile nowhere = p;
        nowhere.host = QStringLiteral("127.0.0.1");
        nowhere.port = 1;
        auto n = Migrator::open(optionsOf(nowhere));
        QVERIFY(n);
        const DatabaseStatus down = (*n)->status();
        QVERIFY(!down.reachable);
        QCOMPARE(down.problem.code, Error::Code::ConnectionFailed);

        // Backing up first makes no sense for it: the core's guard says so.
        const Guard guard =
            Protection::guard(GuardedAction::Upgrade, GuardedMode::Apply, &p, {}, false);
        QCOMPARE(guard.backup, Guard::Backup::None);
        QVERIFY(!guard.nothingToBackUp.isEmpty());
        auto asked = Protection::backupFirst(guard, true);
        QVERIFY(!asked);
        QCOMPARE(asked.error().code, Error::Code::Refused);
        QVERIFY(asked.error().message.contains(QStringLiteral("does not exist")));
        auto byDefault = Protection::backupFirst(guard, std::nullopt);
        QVERIFY(byDefault && !*byDefault);
    }

    // Production naming a database that is not there yet: shown as such, planned from base,
    // confirmed with the name typed and creation on (no backup offered), created, migrated and
    // audited.
    void aMissingDatabaseIsShownPlannedCreatedAndAudited()
    {
        const QString name = QStringLiteral("shop_new");
        const Profile p = profile(QStringLiteral("prod"), QStringLiteral("Production"), name);
        QVERIFY(p.isProtected);
        JobController c(optionsOf(p), p.name);

        const SnapshotPtr snap = read(c);
        QVERIFY(snap);
        QVERIFY2(snap->reachable, qPrintable(snap->problem));
        QVERIFY(!snap->status.exists);
        QCOMPARE(snap->missingDatabase, name);
        StatusBoard board(nullptr);
        board.noteSnapshot(p.name, snap);
        const QString state = board.stateText(p.name);
        QVERIFY2(
            state.contains(
                QStringLiteral("database shop_new does not exist on %1").arg(m_pg->socketDir())),
            qPrintable(state));
        QVERIFY2(!state.contains(QStringLiteral("unknown")) &&
                     !state.contains(QStringLiteral("(base)")),
                 qPrintable(state));
        QVERIFY(board.pendingText(p.name).isEmpty()); // pending is known: everything

        const auto planned = plan(c);
        QVERIFY(planned);
        QVERIFY(planned->startHeads.isEmpty());
        QCOMPARE(planned->steps.size(), 2);

        PlanRequest request;
        request.targets = {QStringLiteral("heads")};
        request.purpose = PlanRequest::Purpose::Run;
        ConfirmRunDialog dialog(p, request, *planned, snap.get());
        QCheckBox *create = check(dialog, "createDatabaseCheck");
        QVERIFY(create);
        QVERIFY(!create->isHidden());
        QVERIFY(create->isChecked());
        QVERIFY(check(dialog, "backupFirstCheck")->isHidden()); // nothing to back up
        QVERIFY(!dialog.backupFirst());
        QVERIFY(!okOf(dialog)->isEnabled()); // protected: the name is typed first
        dialog.findChild<QLineEdit *>(QStringLiteral("typedEdit"))->setText(name);
        QVERIFY(okOf(dialog)->isEnabled());
        QVERIFY(dialog.createDatabase());
        // A dry run keeps nothing, so it creates nothing either.
        check(dialog, "dryRunCheck")->setChecked(true);
        QVERIFY(!dialog.createDatabase());
        check(dialog, "dryRunCheck")->setChecked(false);

        RunContext context;
        context.profile = p.name;
        dialog.fillContext(context);
        QVERIFY(context.createDatabase);
        QVERIFY(!context.backupFirst);
        const JobResult result = run(c, *planned, context);
        QVERIFY2(result.success, qPrintable(result.error.toString()));
        QVERIFY(databaseExists(name));
        QCOMPARE(result.toRevisions, QStringList{QStringLiteral("bbbb02")});
        QVERIFY(result.after && result.after->status.exists);

        const QList<AuditEntry> entries = audit();
        QVERIFY(entries.size() >= 2);
        const AuditEntry &created = entries.at(entries.size() - 2);
        QCOMPARE(created.action, QStringLiteral("create database"));
        QCOMPARE(created.result, QStringLiteral("success"));
        QCOMPARE(created.profile, p.name);
        QVERIFY(created.database.contains(name));
        QCOMPARE(entries.last().action, QStringLiteral("upgrade"));
        QCOMPARE(entries.last().result, QStringLiteral("success"));

        // Once there, it is an ordinary database: no creation offered again.
        const SnapshotPtr after = read(c);
        QVERIFY(after && after->status.exists);
        ConfirmRunDialog again(p, request, *planned, after.get());
        QVERIFY(check(again, "createDatabaseCheck")->isHidden());
        QVERIFY(!again.createDatabase());
    }

    // A role without CREATEDB: the creation is refused, the run says so, nothing is left (no
    // database, no step run) and the refusal is audited.
    void aRefusedCreationSaysSoAndLeavesNothing()
    {
        const QString name = QStringLiteral("not_allowed");
        const Profile p = profile(QStringLiteral("staging"), QStringLiteral("Staging"), name,
                                  QStringLiteral("no_createdb"));
        JobController c(optionsOf(p), p.name);
        const SnapshotPtr snap = read(c);
        QVERIFY(snap);
        QVERIFY2(snap->reachable && !snap->status.exists, qPrintable(snap->problem));
        const auto planned = plan(c);
        QVERIFY(planned);

        PlanRequest request;
        request.targets = {QStringLiteral("heads")};
        request.purpose = PlanRequest::Purpose::Run;
        ConfirmRunDialog dialog(p, request, *planned, snap.get());
        QVERIFY(dialog.createDatabase());
        RunContext context;
        context.profile = p.name;
        dialog.fillContext(context);
        const qsizetype before = audit().size();
        const JobResult result = run(c, *planned, context);
        QVERIFY(!result.success);
        QVERIFY(!result.cancelled);
        QCOMPARE(result.stepsRun, 0);
        QVERIFY2(result.error.message.contains(QStringLiteral("cannot create database")) &&
                     result.error.message.contains(QStringLiteral("permission denied")),
                 qPrintable(result.error.toString()));
        QVERIFY(!databaseExists(name));
        QVERIFY(result.after && !result.after->status.exists);

        const QList<AuditEntry> entries = audit();
        QCOMPARE(entries.size(), before + 1); // the refusal, and no run
        QCOMPARE(entries.last().action, QStringLiteral("create database"));
        QVERIFY2(entries.last().result.startsWith(QStringLiteral("failed: ")),
                 qPrintable(entries.last().result));
    }

    void cleanupTestCase() { m_pg.reset(); }
};

QTEST_MAIN(TestCreateDatabase)

#include "tst_createdatabase.moc"
