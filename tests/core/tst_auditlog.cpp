// AuditLog: the append-only JSON-lines record of operations from the GUI and the CLI.

#include "audit/auditlog.h"
#include "operations/operations.h"

#include <QDir>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <thread>

using namespace strata;

class TestAuditLog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static AuditEntry entry(const QString &action, const QString &result)
    {
        AuditEntry e;
        e.time = QDateTime::currentDateTimeUtc();
        e.source = QStringLiteral("gui");
        e.profile = QStringLiteral("shop prod");
        e.database = QStringLiteral("deployer@db:5432/shop");
        e.osUser = QStringLiteral("alice");
        e.action = action;
        e.fromRevisions = QStringLiteral("a1");
        e.toRevisions = QStringLiteral("b2,c3");
        e.result = result;
        e.reason = QStringLiteral("TICKET-42 \"quoted\"\nsecond line");
        e.durationMs = 1234;
        return e;
    }

private Q_SLOTS:
    void appendsAndReadsBackInOrder()
    {
        AuditLog log(m_dir.filePath(QStringLiteral("nested/folder/audit.jsonl")));
        QVERIFY(log.readAll()->isEmpty()); // no file yet
        QVERIFY(log.append(entry(QStringLiteral("upgrade"), QStringLiteral("success"))).ok());
        QVERIFY(log.append(entry(QStringLiteral("downgrade"), QStringLiteral("cancelled"))).ok());
        auto all = log.readAll();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        const AuditEntry &first = all->at(0);
        QCOMPARE(first.action, QStringLiteral("upgrade"));
        QCOMPARE(first.reason, entry({}, {}).reason); // newlines and quotes survive
        QCOMPARE(first.toRevisions, QStringLiteral("b2,c3"));
        QCOMPARE(first.durationMs, 1234);
        QVERIFY(first.time.isValid());
        QCOMPARE(all->at(1).result, QStringLiteral("cancelled"));

        QFile file(log.filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 2); // one line per entry
    }

    // Revisions not read back: "unknown" with why, as the app and the CLI write them; an entry
    // of an older version ("?" without why) reads as unknown too; a read one does not.
    void unreadRevisionsSayWhy()
    {
        AuditLog log(m_dir.filePath(QStringLiteral("unread.jsonl")));
        AuditEntry lost = entry(QStringLiteral("upgrade"), QStringLiteral("failed: gone"));
        lost.toRevisions = AuditEntry::unknownRevisions();
        lost.unread = QStringLiteral("not read back: connection to server lost");
        QVERIFY(log.append(lost).ok());
        QVERIFY(log.append(entry(QStringLiteral("upgrade"), QStringLiteral("success"))).ok());
        {
            QFile file(log.filePath());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray text = file.readAll();
            QVERIFY(text.contains("\"to\":\"unknown\""));
            QVERIFY(!text.contains("\"to\":\"?\""));
            QCOMPARE(text.count("\"unread\""), 1); // only where something was not read
        }
        {
            QFile file(log.filePath());
            QVERIFY(file.open(QIODevice::Append));
            file.write("{\"time\":\"2026-01-01T00:00:00Z\",\"action\":\"upgrade\",\"from\":\"a1\","
                       "\"to\":\"?\",\"result\":\"failed: x\"}\n");
        }
        auto all = log.readAll();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 3);
        QCOMPARE(all->at(0).unread, lost.unread);
        QVERIFY(all->at(0).notRead(all->at(0).toRevisions));
        QVERIFY(!all->at(0).notRead(all->at(0).fromRevisions));
        QVERIFY(!all->at(1).notRead(all->at(1).toRevisions));
        QVERIFY(all->at(2).notRead(all->at(2).toRevisions));
    }

    void damagedLinesAreSkippedNotFatal()
    {
        const QString path = m_dir.filePath(QStringLiteral("damaged.jsonl"));
        AuditLog log(path);
        QVERIFY(log.append(entry(QStringLiteral("stamp"), QStringLiteral("success"))).ok());
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::Append));
            file.write("{\"time\": \"2026-01-01T00:00:00\", \"acti"); // a torn line
            file.write("\n");
        }
        QVERIFY(log.append(entry(QStringLiteral("upgrade"), QStringLiteral("success"))).ok());
        auto all = log.readAll();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        QCOMPARE(all->at(1).action, QStringLiteral("upgrade"));
    }

    void concurrentWritersKeepLinesWhole()
    {
        const QString path = m_dir.filePath(QStringLiteral("concurrent.jsonl"));
        constexpr int kWriters = 4;
        constexpr int kEach = 200;
        std::vector<std::thread> writers;
        for (int w = 0; w < kWriters; ++w) {
            writers.emplace_back([path, w] {
                AuditLog log(path); // one file handle per writer, as separate processes have
                for (int i = 0; i < kEach; ++i) {
                    AuditEntry e = entry(QStringLiteral("upgrade"), QStringLiteral("success"));
                    e.reason = QString(500, QLatin1Char('a' + w)); // long lines
                    if (!log.append(e))
                        qFatal("append failed");
                }
            });
        }
        for (auto &w : writers)
            w.join();
        auto all = AuditLog(path).readAll();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), kWriters * kEach); // no line torn, none lost
        for (const AuditEntry &e : *all)
            QCOMPARE(e.reason.count(e.reason.at(0)), 500);
        // The lock around reading the last hash and appending: one chain, never forked.
        const AuditVerification chain = AuditLog(path).verify();
        QVERIFY2(chain.intact(), qPrintable(chain.message));
        QCOMPARE(chain.chained, kWriters * kEach);
    }

    void unwritableFileIsAnErrorNamingIt()
    {
        const QString dirAsFile = m_dir.filePath(QStringLiteral("is-a-file"));
        QFile f(dirAsFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        AuditLog log(dirAsFile + QStringLiteral("/audit.jsonl"));
        auto s = log.append(entry(QStringLiteral("upgrade"), QStringLiteral("success")));
        QVERIFY(!s.ok());
        QVERIFY(s.error().file.endsWith(QStringLiteral("audit.jsonl")));
    }

    // The sequences both front ends run (Operations): what each action leaves in the log, on
    // a real SQLite file. The app and the command line differ only in `source`.
    void operationsWriteOneEntryPerAction()
    {
        QTemporaryDir dir;
        QDir(dir.path()).mkpath(QStringLiteral("proj/versions"));
        auto write = [&](const QString &name, const QByteArray &text) {
            QFile f(dir.filePath(QStringLiteral("proj/") + name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(QStringLiteral("strata.ini"), "[strata]\nversions = versions\n");
        write(QStringLiteral("versions/a1.sql"),
              "-- revision: a1\n-- +upgrade\nCREATE TABLE a (id int);\n-- +downgrade\nDROP TABLE "
              "a;\n");
        write(QStringLiteral("versions/b2.sql"),
              "-- revision: b2\n-- down_revision: a1\n-- +upgrade\nCREATE TABLE b (id int);\n-- "
              "+downgrade\nDROP TABLE b;\n");
        write(QStringLiteral("versions/c3.sql"),
              "-- revision: c3\n-- down_revision: b2\n-- +upgrade\nCREATE TABLE a (id int);\n-- "
              "+downgrade\nSELECT 1;\n");
        MigratorOptions options;
        options.projectDir = dir.filePath(QStringLiteral("proj"));
        options.url = QStringLiteral("sqlite:///") + dir.filePath(QStringLiteral("app.db"));
        auto opened = Migrator::open(options);
        QVERIFY(opened.ok());
        Migrator &m = **opened;
        const QString logFile = dir.filePath(QStringLiteral("audit.jsonl"));
        OperationContext context;
        context.source = QStringLiteral("gui");
        context.profile = QStringLiteral("dev");
        context.reason = QStringLiteral("OPS-7");
        context.auditFile = logFile;
        Operations ops(m, context);

        auto plan = m.planUpgrade(QStringLiteral("b2"));
        QVERIFY(plan.ok());
        QVERIFY(ops.run(*plan, {}).ok());
        RunOptions dry;
        dry.dryRun = true;
        QVERIFY(ops.run(m.planDowngrade(QStringLiteral("base")).value(), dry).ok()); // no entry
        QCOMPARE(m.current().value(), QStringList{QStringLiteral("b2")});
        auto failing = m.planUpgrade(QStringLiteral("c3"));
        QVERIFY(failing.ok());
        QVERIFY(!ops.run(*failing, {}).ok()); // table a exists already
        QVERIFY(ops.stamp({QStringLiteral("a1")}, true, {}).ok());
        QVERIFY(ops.repair().ok());
        BackupRequest backup;
        backup.outDir = dir.filePath(QStringLiteral("backups"));
        auto info = ops.backup(backup);
        QVERIFY(info.ok());
        QCOMPARE(info->profile, QStringLiteral("dev"));
        QCOMPARE(info->revisions, QStringList{QStringLiteral("a1")});
        QVERIFY(ops.stamp({QStringLiteral("b2")}, false, {}).ok());
        RestoreRequest restore;
        restore.backup = info->path;
        auto restored = ops.restore(restore);
        QVERIFY(restored.ok());
        QCOMPARE(m.current().value(), QStringList{QStringLiteral("a1")});

        OperationContext guidedContext = context;
        guidedContext.guided = true;
        QVERIFY(ops.stamp({QStringLiteral("b2")}, false, {}).ok());
        auto down = m.planDowngrade(QStringLiteral("base"));
        QVERIFY(down.ok());
        QVERIFY(Operations(m, guidedContext).run(*down, {}).ok());

        // A backup before a run: the run only after it; a failed backup means nothing ran.
        BackupRequest nowhere;
        nowhere.outDir = logFile + QStringLiteral("/not-a-folder");
        auto up = m.planUpgrade(QStringLiteral("b2"));
        QVERIFY(up.ok());
        auto refused = ops.runAfterBackup(*up, {}, nowhere);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(QStringLiteral("so nothing ran")),
                 qPrintable(refused.error().message));
        QCOMPARE(m.current().value(), QStringList{});
        BackupInfo taken;
        QVERIFY(ops.runAfterBackup(*up, {}, backup, {}, &taken).ok());
        QCOMPARE(taken.revisions, QStringList{});
        QVERIFY(QFile::exists(taken.path));

        auto all = AuditLog(logFile).readAll();
        QVERIFY(all.ok());
        QStringList lines;
        for (const AuditEntry &e : *all) {
            QCOMPARE(e.source, QStringLiteral("gui"));
            QCOMPARE(e.profile, QStringLiteral("dev"));
            QCOMPARE(e.reason, QStringLiteral("OPS-7"));
            QCOMPARE(e.database, m.databaseDisplay());
            lines << QStringLiteral("%1 %2>%3 %4")
                         .arg(e.action, e.fromRevisions, e.toRevisions,
                              e.result.section(QLatin1Char(':'), 0, 0));
        }
        QCOMPARE(lines, (QStringList{
                            QStringLiteral("upgrade >b2 success"),
                            QStringLiteral("upgrade b2>b2 failed"),
                            QStringLiteral("stamp --purge b2>a1 success"),
                            QStringLiteral("repair a1>a1 success"),
                            QStringLiteral("backup a1>a1 success"),
                            QStringLiteral("stamp a1>b2 success"),
                            QStringLiteral("restore b2>a1 success"),
                            QStringLiteral("stamp a1>b2 success"),
                            QStringLiteral("rollback step 1/2: down b2 b2>a1 success"),
                            QStringLiteral("rollback step 2/2: down a1 a1> success"),
                            QStringLiteral("guided rollback b2> success"),
                            QStringLiteral("backup > failed"),
                            QStringLiteral("backup > success"),
                            QStringLiteral("upgrade >b2 success"),
                        }));
    }

    void environmentChoosesTheFile()
    {
        qputenv("STRATA_AUDIT_LOG", m_dir.filePath(QStringLiteral("env.jsonl")).toUtf8());
        QCOMPARE(AuditLog::defaultFilePath(), m_dir.filePath(QStringLiteral("env.jsonl")));
        qunsetenv("STRATA_AUDIT_LOG");
        QVERIFY(AuditLog::defaultFilePath().endsWith(QStringLiteral("audit.jsonl")));
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
