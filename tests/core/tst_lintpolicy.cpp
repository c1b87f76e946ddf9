// LintPolicy: which lint findings stop a run, on which profiles, and how Operations enforces it
// (a refusal before anything runs, or an override audited with its reason and rules).

#include "audit/auditlog.h"
#include "backup/backupcatalog.h"
#include "migrator.h"
#include "operations/operations.h"
#include "profiles/lintpolicy.h"
#include "project/migration.h"
#include "revision/revisiongraph.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TestLintPolicy : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_projects = 0;

    // A project: aaaa01 creates t and old, bbbb02 drops old (a data-loss Error finding) and
    // creates it again in its downgrade.
    QString project()
    {
        const QString root = m_dir.filePath(QStringLiteral("p%1").arg(++m_projects));
        QDir().mkpath(root + QStringLiteral("/versions"));
        write(root + QStringLiteral("/strata.ini"),
              QStringLiteral("[strata]\nversions = versions\n"));
        write(root + QStringLiteral("/versions/aaaa01.sql"),
              QStringLiteral("-- revision: aaaa01\n-- down_revision:\n\n-- +upgrade\n"
                             "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"
                             "CREATE TABLE old (x INTEGER);\n\n-- +downgrade\n"
                             "DROP TABLE old;\nDROP TABLE t;\n"));
        write(root + QStringLiteral("/versions/bbbb02.sql"),
              QStringLiteral("-- revision: bbbb02\n-- down_revision: aaaa01\n\n-- +upgrade\n"
                             "DROP TABLE old;\n\n-- +downgrade\n"
                             "CREATE TABLE old (x INTEGER);\n"));
        return root;
    }

    static void write(const QString &path, const QString &text)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text.toUtf8());
    }

    static MigrationLookup lookup(const Migrator &m)
    {
        return [&m](const QString &rev) -> const Migration * {
            const int i = m.graph().indexOf(rev);
            return i >= 0 ? &m.graph().migration(i) : nullptr;
        };
    }

    std::unique_ptr<Migrator> open(const QString &root)
    {
        MigratorOptions options;
        options.projectDir = root;
        options.url = QStringLiteral("sqlite:///") + root + QStringLiteral("/db.sqlite");
        auto m = Migrator::open(options);
        if (!m)
            qWarning("%s", qPrintable(m.error().toString()));
        return m ? std::move(m).value() : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        qputenv("STRATA_CONFIG_DIR", m_dir.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_BACKUP_DIR", m_dir.filePath(QStringLiteral("backups")).toUtf8());
    }

    void blocksErrorsOnProtectedProfilesOnly()
    {
        Profile prod = Profile::forEnvironment(QStringLiteral("Production"));
        Profile dev = Profile::forEnvironment(QStringLiteral("Development"));
        QVERIFY(prod.isProtected && !dev.isProtected);
        QCOMPARE(LintPolicy::blockFor(&prod), LintBlock::Errors);
        QCOMPARE(LintPolicy::blockFor(&dev), LintBlock::Nothing);
        QCOMPARE(LintPolicy::blockFor(nullptr), LintBlock::Nothing);
        for (GuardedMode mode : {GuardedMode::DryRun, GuardedMode::Plan, GuardedMode::OfflineSql})
            QCOMPARE(LintPolicy::blockFor(&prod, mode), LintBlock::Nothing);

        // The setting, shared by the app and the command line.
        QVERIFY(LintPolicy::setOnProtected(LintBlock::Warnings).ok());
        QCOMPARE(LintPolicy::blockFor(&prod), LintBlock::Warnings);
        QCOMPARE(LintPolicy::blockFor(&dev), LintBlock::Nothing);
        QVERIFY(LintPolicy::setOnProtected(LintBlock::Errors).ok());
        QCOMPARE(LintPolicy::blockFromName(QStringLiteral("Warnings")), LintBlock::Warnings);
        QCOMPARE(LintPolicy::blockFromName(QStringLiteral("sometimes")), std::nullopt);
    }

    void eachStepGetsTheFindingsOfTheSectionItRuns()
    {
        auto m = open(project());
        QVERIFY(m);
        auto up = m->planUpgrade(QStringLiteral("heads"));
        QVERIFY(up.ok());
        LintReview review =
            LintPolicy::review(*up, lookup(*m), SqlDialect::SQLite, LintBlock::Errors);
        QCOMPARE(review.steps.size(), 2);
        QVERIFY(review.steps.at(0).findings.isEmpty());
        QCOMPARE(review.steps.at(1).findings.size(), 1);
        const LintFinding f = review.steps.at(1).findings.first();
        QCOMPARE(f.rule, QStringLiteral("data-loss"));
        QCOMPARE(f.severity, LintFinding::Severity::Error);
        QVERIFY(f.file.endsWith(QStringLiteral("bbbb02.sql")));
        QCOMPARE(f.line, 5);
        QVERIFY(review.blocked());
        QCOMPARE(review.blockingRules(), QStringList{QStringLiteral("data-loss")});

        const Status refused = LintPolicy::check(review, QStringLiteral("  "));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, Error::Code::Refused);
        QVERIFY(refused.error().details.join(u'\n').contains(QStringLiteral("bbbb02.sql:5:")));
        QVERIFY(LintPolicy::check(review, QStringLiteral("CHG-1")).ok());
        review.block = LintBlock::Nothing;
        QVERIFY(!review.blocked());
        QVERIFY(LintPolicy::check(review, {}).ok());

        // A downgrade step gets its downgrade section's findings, not the upgrade's; what it
        // drops is a warning (PostgreSQL's parser reads it).
        Plan down;
        PlanStep step;
        step.revision = QStringLiteral("aaaa01");
        step.direction = Direction::Down;
        down.steps = {step};
        const LintReview reviewDown =
            LintPolicy::review(down, lookup(*m), SqlDialect::PostgreSQL, LintBlock::Errors);
        QCOMPARE(reviewDown.steps.size(), 1);
        QCOMPARE(reviewDown.steps.first().findings.size(), 2);
        QCOMPARE(reviewDown.steps.first().findings.first().rule, QStringLiteral("data-loss"));
        QCOMPARE(reviewDown.steps.first().findings.first().line, 9);
        QVERIFY(!reviewDown.blocked());
        QCOMPARE(reviewDown.count(LintFinding::Severity::Warning), 2);
        QCOMPARE(reviewDown.count(LintFinding::Severity::Error), 0);
    }

    void operationsRefuseABlockedRunAndAuditAnOverride()
    {
        const QString root = project();
        auto m = open(root);
        QVERIFY(m);
        const QString auditFile = m_dir.filePath(QStringLiteral("audit%1.jsonl").arg(m_projects));
        OperationContext context;
        context.auditFile = auditFile;
        context.profile = QStringLiteral("prod");
        context.lintBlock = LintBlock::Errors;
        QVERIFY(m->upgrade(QStringLiteral("aaaa01")).ok());
        auto plan = m->planUpgrade(QStringLiteral("heads"));
        QVERIFY(plan.ok());

        // Refused before anything runs, and before any backup.
        const int backupsBefore = int(BackupCatalog::list(BackupCatalog::defaultDir()).size());
        auto ran = Operations(*m, context).runAfterBackup(*plan, {}, BackupRequest{});
        QVERIFY(!ran.ok());
        QCOMPARE(ran.error().code, Error::Code::Refused);
        QVERIFY(ran.error().message.contains(QStringLiteral("data-loss")));
        QCOMPARE(m->current().value(), QStringList{QStringLiteral("aaaa01")});
        QCOMPARE(BackupCatalog::list(BackupCatalog::defaultDir()).size(), backupsBefore);
        QVERIFY(AuditLog(auditFile).readAll()->isEmpty());

        // A dry run is never blocked: it keeps nothing.
        RunOptions dry;
        dry.dryRun = true;
        const auto tried = Operations(*m, context).run(*plan, dry);
        QVERIFY2(tried.ok(), qPrintable(tried.ok() ? QString() : tried.error().toString()));
        QCOMPARE(m->current().value(), QStringList{QStringLiteral("aaaa01")});

        // Overridden: the override is its own audit entry, before the run's.
        context.lintOverride = QStringLiteral("CHG-9: old is unused since 2.1");
        ran = Operations(*m, context).run(*plan, {});
        QVERIFY2(ran.ok(), qPrintable(ran.ok() ? QString() : ran.error().toString()));
        QCOMPARE(m->current().value(), QStringList{QStringLiteral("bbbb02")});
        auto entries = AuditLog(auditFile).readAll();
        QVERIFY(entries.ok());
        QCOMPARE(entries->size(), 2);
        QCOMPARE(entries->at(0).action, QStringLiteral("lint override: data-loss"));
        QCOMPARE(entries->at(0).reason, QStringLiteral("CHG-9: old is unused since 2.1"));
        QCOMPARE(entries->at(0).profile, QStringLiteral("prod"));
        QCOMPARE(entries->at(0).toRevisions, QStringLiteral("bbbb02"));
        QCOMPARE(entries->at(1).action, QStringLiteral("upgrade"));
        QCOMPARE(entries->at(1).result, QStringLiteral("success"));
    }

    void backupBeforeTakesTheBackupOrStopsEverything()
    {
        const QString root = project();
        auto m = open(root);
        QVERIFY(m);
        QVERIFY(m->upgrade(QStringLiteral("aaaa01")).ok());
        OperationContext context;
        context.auditFile = m_dir.filePath(QStringLiteral("audit-backup.jsonl"));
        context.profile = QStringLiteral("prod");
        Operations ops(*m, context);
        BackupInfo taken;
        QVERIFY(ops.backupBefore(QStringLiteral("stamp"), BackupRequest{}, {}, &taken).ok());
        QVERIFY(QFile::exists(taken.path));
        QCOMPARE(taken.revisions, QStringList{QStringLiteral("aaaa01")});
        QCOMPARE(taken.profile, QStringLiteral("prod"));

        BackupRequest nowhere;
        nowhere.outDir = root + QStringLiteral("/db.sqlite/not-a-folder");
        const Status failed = ops.backupBefore(QStringLiteral("stamp"), nowhere);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().message.startsWith(
                     QStringLiteral("the backup before the stamp failed, so nothing ran")),
                 qPrintable(failed.error().message));
    }
};

QTEST_GUILESS_MAIN(TestLintPolicy)
#include "tst_lintpolicy.moc"
