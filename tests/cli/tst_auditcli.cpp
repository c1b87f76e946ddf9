// `strata audit` and `strata audit verify`, run as the built binary: an audit log with one line
// edited, deleted or inserted is named with exit 3; the command line and the core's writer (as
// the app uses it) appending at the same moment keep one intact chain.

#include "audit/auditlog.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>
#include <thread>

using namespace strata;

namespace {

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

} // namespace

class TestAuditCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_log;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("STRATA_AUDIT_LOG"), m_log);
        env.insert(QStringLiteral("STRATA_CACHE_DIR"), m_dir.filePath(QStringLiteral("cache")));
        return env;
    }

    std::unique_ptr<QProcess> start(const QStringList &args,
                                    const QProcessEnvironment &env = {}) const
    {
        auto process = std::make_unique<QProcess>();
        process->setProgram(QStringLiteral(STRATA_CLI_BINARY));
        process->setArguments(args);
        process->setProcessEnvironment(env.isEmpty() ? environment() : env);
        process->start();
        return process;
    }

    // Waits at most 60 s (a bound against a hang, not a speed claim).
    static Run finish(QProcess &process)
    {
        Run r;
        if (!process.waitForFinished(60000))
            process.kill();
        r.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        r.out = QString::fromUtf8(process.readAllStandardOutput());
        r.err = QString::fromUtf8(process.readAllStandardError());
        return r;
    }

    Run strata(const QStringList &args, const QProcessEnvironment &env = {}) const
    {
        auto process = start(args, env);
        return finish(*process);
    }

    QList<QByteArray> lines() const
    {
        QFile f(m_log);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        QList<QByteArray> out = f.readAll().split('\n');
        out.removeLast();
        return out;
    }
    void setLines(const QList<QByteArray> &lines) const
    {
        QFile f(m_log);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        for (const QByteArray &line : lines)
            f.write(line + '\n');
    }

    // A fresh log of `count` entries written by the core's writer.
    void freshLog(int count)
    {
        QFile::remove(m_log);
        AuditLog log(m_log);
        for (int i = 0; i < count; ++i) {
            AuditEntry e = AuditEntry::of(
                QStringLiteral("gui"), i % 2 ? QStringLiteral("shop prod") : QString(),
                QStringLiteral("deployer@db/shop"), QStringLiteral("upgrade"));
            e.result = QStringLiteral("success");
            e.reason = QStringLiteral("CHG-%1").arg(i);
            QVERIFY(log.append(e).ok());
        }
    }

    // `strata audit verify` (and --json) exits 3 naming `line` and `fault`.
    void expectNamed(int line, const QString &fault)
    {
        const Run text = strata({QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(text.code, 3);
        QVERIFY2(text.err.contains(QStringLiteral(":%1: the audit log was edited").arg(line)),
                 qPrintable(text.err));
        QVERIFY2(text.err.contains(QStringLiteral("line %1 was %2").arg(line).arg(fault)) ||
                     text.err.contains(QStringLiteral("removed before line %1").arg(line)),
                 qPrintable(text.err));
        const Run json =
            strata({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json")});
        QCOMPARE(json.code, 3);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("broken"));
        QCOMPARE(o.value(QStringLiteral("fault")).toString(), fault);
        QCOMPARE(o.value(QStringLiteral("line")).toInt(), line);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(QStringLiteral(STRATA_CLI_BINARY)));
        m_log = m_dir.filePath(QStringLiteral("audit/audit.jsonl"));
    }

    void anIntactLogExitsZero()
    {
        freshLog(4);
        const Run r = strata({QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("intact: a chain of 4 entries")), qPrintable(r.out));
        const Run json =
            strata({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json")});
        QCOMPARE(json.code, 0);
        const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("intact"));
        QCOMPARE(o.value(QStringLiteral("chained")).toInt(), 4);
        QCOMPARE(o.value(QStringLiteral("last_hash")).toString().size(), 64);
    }

    void anEditedLineIsNamed_data()
    {
        QTest::addColumn<int>("line");
        for (int line = 1; line <= 5; ++line)
            QTest::addRow("line %d", line) << line;
    }
    void anEditedLineIsNamed()
    {
        QFETCH(int, line);
        freshLog(5);
        QList<QByteArray> l = lines();
        l[line - 1].replace("CHG-", "CHG-9");
        setLines(l);
        expectNamed(line, QStringLiteral("changed"));
    }

    void aDeletedLineIsNamed_data()
    {
        QTest::addColumn<int>("line");
        for (int line = 1; line <= 4; ++line) // the last one removed leaves no link to break
            QTest::addRow("line %d", line) << line;
    }
    void aDeletedLineIsNamed()
    {
        QFETCH(int, line);
        freshLog(5);
        QList<QByteArray> l = lines();
        l.removeAt(line - 1);
        setLines(l);
        expectNamed(line, QStringLiteral("removed"));
    }

    void anInsertedLineIsNamed_data()
    {
        QTest::addColumn<int>("line");
        for (int line = 2; line <= 6; ++line) // before the first line it reads as an older entry
            QTest::addRow("line %d", line) << line;
    }
    void anInsertedLineIsNamed()
    {
        QFETCH(int, line);
        freshLog(5);
        QList<QByteArray> l = lines();
        l.insert(line - 1, R"({"action":"upgrade","profile":"shop prod","result":"success"})");
        setLines(l);
        expectNamed(line, QStringLiteral("inserted"));
    }

    void olderEntriesAreUnchainedAndAMissingLogUnreadable()
    {
        setLines({R"({"action":"upgrade","result":"success"})"});
        QVERIFY(AuditLog(m_log)
                    .append(AuditEntry::of(QStringLiteral("cli"), {}, QStringLiteral("db"),
                                           QStringLiteral("stamp")))
                    .ok());
        const Run r = strata({QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("unchained")), qPrintable(r.out));
        QFile::remove(m_log);
        const Run missing = strata({QStringLiteral("audit"), QStringLiteral("verify")});
        QCOMPARE(missing.code, 1);
        QVERIFY(missing.err.contains(m_log));
    }

    void listingFiltersBySinceAndProfile()
    {
        freshLog(4); // entries 1 and 3 of "shop prod"
        Run r = strata({QStringLiteral("audit"), QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8())
                     .object()
                     .value(QStringLiteral("entries"))
                     .toArray()
                     .size(),
                 4);
        r = strata({QStringLiteral("audit"), QStringLiteral("--profile"),
                    QStringLiteral("shop prod"), QStringLiteral("--json")});
        const QJsonArray mine = QJsonDocument::fromJson(r.out.toUtf8())
                                    .object()
                                    .value(QStringLiteral("entries"))
                                    .toArray();
        QCOMPARE(mine.size(), 2);
        QCOMPARE(mine.at(0).toObject().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("CHG-1"));
        r = strata({QStringLiteral("audit"), QStringLiteral("--since"),
                    QDate::currentDate().addDays(1).toString(Qt::ISODate)});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(QStringLiteral("No entries")), qPrintable(r.out));
        r = strata({QStringLiteral("audit"), QStringLiteral("--since"),
                    QDate::currentDate().addDays(-1).toString(Qt::ISODate)});
        QCOMPARE(r.out.count(QLatin1Char('\n')), 4);
        QVERIFY(r.out.contains(QStringLiteral("reason: CHG-3")));
        QCOMPARE(strata({QStringLiteral("audit"), QStringLiteral("--since"),
                         QStringLiteral("yesterday")})
                     .code,
                 2);
        QCOMPARE(strata({QStringLiteral("audit"), QStringLiteral("check")}).code, 2);
        QCOMPARE(strata({QStringLiteral("audit"), QStringLiteral("verify"),
                         QStringLiteral("--profile"), QStringLiteral("x")})
                     .code,
                 2);
    }

    // An audit log an older version left readable by others (0644, in a 0755 folder) in the
    // default place: the next command line that writes it makes both private and says so on
    // stderr, once.
    void anOlderOpenLogIsTightenedAndSaidOnce()
    {
        const QString data = m_dir.filePath(QStringLiteral("xdg-data"));
        const QString log = data + QStringLiteral("/strata/audit.jsonl");
        QVERIFY(QDir().mkpath(data + QStringLiteral("/strata")));
        QFile::setPermissions(data + QStringLiteral("/strata"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                  QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                                  QFile::ExeOther);
        {
            QFile old(log);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("{\"action\":\"upgrade\",\"result\":\"success\"}\n");
        }
        QFile::setPermissions(log, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                       QFile::ReadOther);
        QProcessEnvironment env = environment();
        env.remove(QStringLiteral("STRATA_AUDIT_LOG"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), data);
        const QString project = m_dir.filePath(QStringLiteral("open-project"));
        QCOMPARE(strata({QStringLiteral("init"), project}, env).code, 0);
        QCOMPARE(
            strata({QStringLiteral("-d"), project, QStringLiteral("revision"), QStringLiteral("-m"),
                    QStringLiteral("first"), QStringLiteral("--rev-id"), QStringLiteral("a1")},
                   env)
                .code,
            0);
        const QStringList stamp{QStringLiteral("-d"), project, QStringLiteral("stamp"),
                                QStringLiteral("a1")};
        const Run first = strata(stamp, env);
        QCOMPARE(first.code, 0);
        QCOMPARE(first.err.count(QStringLiteral("strata: note: made")), 2); // the file, the folder
        QVERIFY2(first.err.contains(QStringLiteral("audit.jsonl private (0644 -> 0600)")),
                 qPrintable(first.err));
        QVERIFY2(first.err.contains(QStringLiteral("/strata private (0755 -> 0700)")),
                 qPrintable(first.err));
        QCOMPARE(QFileInfo(log).permissions() & 0x0077, QFileDevice::Permissions());
        const Run second = strata(stamp, env);
        QCOMPARE(second.code, 0);
        QVERIFY2(!second.err.contains(QStringLiteral("private")), qPrintable(second.err));
        // The older entry stays, unchained; the chain after it verifies.
        const Run verify = strata({QStringLiteral("audit"), QStringLiteral("verify")}, env);
        QCOMPARE(verify.code, 0);
        QVERIFY2(verify.out.contains(QStringLiteral("a chain of 2 entries")),
                 qPrintable(verify.out));
    }

    // The command line (each run stamps its own SQLite database, one audit entry each) and the
    // core's writer as the app's workers use it, at the same moment, many times: one chain.
    void cliAndAppWritersAtTheSameMomentKeepTheChain()
    {
        QFile::remove(m_log);
        const QString project = m_dir.filePath(QStringLiteral("project"));
        QCOMPARE(strata({QStringLiteral("init"), project}).code, 0);
        QCOMPARE(
            strata({QStringLiteral("-d"), project, QStringLiteral("revision"), QStringLiteral("-m"),
                    QStringLiteral("first"), QStringLiteral("--rev-id"), QStringLiteral("a1")})
                .code,
            0);
        constexpr int kRounds = 3;
        constexpr int kProcesses = 8;
        // The app's writer appends all the while the command lines run (and at least 300
        // times), so their appends fall between its own.
        std::atomic<bool> appFailed{false};
        std::atomic<bool> cliDone{false};
        std::atomic<int> appEntries{0};
        std::thread app([this, &appFailed, &cliDone, &appEntries] {
            const AuditLog log(m_log);
            while (!cliDone || appEntries < 300) {
                AuditEntry e = AuditEntry::of(QStringLiteral("gui"), QStringLiteral("shop prod"),
                                              QStringLiteral("db"), QStringLiteral("upgrade"));
                e.reason = QString(300, QLatin1Char('g'));
                if (!log.append(e))
                    appFailed = true;
                ++appEntries;
            }
        });
        int cliEntries = 0;
        for (int round = 0; round < kRounds; ++round) {
            std::vector<std::unique_ptr<QProcess>> running;
            for (int p = 0; p < kProcesses; ++p)
                running.push_back(start(
                    {QStringLiteral("-d"), project, QStringLiteral("--url"),
                     QStringLiteral("sqlite:///%1/db%2-%3.db").arg(m_dir.path()).arg(round).arg(p),
                     QStringLiteral("stamp"), QStringLiteral("a1"), QStringLiteral("--reason"),
                     QStringLiteral("round %1").arg(round)}));
            for (auto &process : running) {
                const Run r = finish(*process);
                QVERIFY2(r.code == 0, qPrintable(r.err));
                ++cliEntries;
            }
        }
        cliDone = true;
        app.join();
        QVERIFY(!appFailed);
        const Run r =
            strata({QStringLiteral("audit"), QStringLiteral("verify"), QStringLiteral("--json")});
        QVERIFY2(r.code == 0, qPrintable(r.out + r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(QStringLiteral("chained")).toInt(), cliEntries + appEntries);
        QCOMPARE(o.value(QStringLiteral("unchained")).toInt(), 0);
        QCOMPARE(AuditLog(m_log).readAll()->size(), cliEntries + appEntries);
    }
};

QTEST_GUILESS_MAIN(TestAuditCli)
#include "tst_auditcli.moc"
