// AuditLog: the append-only JSON-lines record of operations from the GUI and the CLI.

#include "audit/auditlog.h"

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
