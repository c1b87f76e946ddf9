// AuditChain: the audit log's hash chain. A line changed, removed or inserted is found and
// named; entries from before the chain are unchained, not tampered.

#include "audit/auditchain.h"
#include "audit/auditlog.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

using Fault = AuditVerification::Fault;

class TestAuditChain : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    // A log of `count` entries written by AuditLog, as its lines.
    QList<QByteArray> chainedLines(int count)
    {
        AuditLog log(m_dir.filePath(QStringLiteral("log%1.jsonl").arg(++m_files)));
        for (int i = 0; i < count; ++i) {
            AuditEntry e = AuditEntry::of(QStringLiteral("cli"), QStringLiteral("prod"),
                                          QStringLiteral("deployer@db/shop"),
                                          QStringLiteral("upgrade"), 10 * i);
            e.result = QStringLiteral("success");
            e.reason = QStringLiteral("CHG-%1 ünïcode \"quoted\"").arg(i);
            if (!log.append(e))
                qFatal("append failed");
        }
        QFile f(log.filePath());
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read the log");
        QList<QByteArray> lines = f.readAll().split('\n');
        lines.removeLast(); // after the last newline
        return lines;
    }

    static QByteArray joined(const QList<QByteArray> &lines)
    {
        QByteArray out;
        for (const QByteArray &line : lines)
            out += line + '\n';
        return out;
    }

    static void expectBroken(const QList<QByteArray> &lines, Fault fault, int line)
    {
        const AuditVerification v = AuditChain::verify(joined(lines));
        QCOMPARE(v.state, AuditVerification::State::Broken);
        QCOMPARE(AuditVerification::faultName(v.fault), AuditVerification::faultName(fault));
        QCOMPARE(v.line, line);
        QVERIFY2(v.message.contains(QStringLiteral("line %1").arg(line)), qPrintable(v.message));
    }

private Q_SLOTS:
    void anUntouchedLogIsIntact()
    {
        const QList<QByteArray> lines = chainedLines(5);
        const AuditVerification v = AuditChain::verify(joined(lines));
        QVERIFY2(v.intact(), qPrintable(v.message));
        QCOMPARE(v.entries, 5);
        QCOMPARE(v.chained, 5);
        QCOMPARE(v.unchained, 0);
        QCOMPARE(v.lastHash, QJsonDocument::fromJson(lines.last())
                                 .object()
                                 .value(QStringLiteral("hash"))
                                 .toString());
        QCOMPARE(QJsonDocument::fromJson(lines.first())
                     .object()
                     .value(QStringLiteral("prev"))
                     .toString(),
                 QString());
        QCOMPARE(v.lastHash.size(), 64);
        QVERIFY(AuditChain::verify({}).intact());
    }

    // The hash is over the canonical form: the same entry hashes the same, any field changed
    // does not, and the previous hash is part of it.
    void theHashCoversEveryFieldAndThePreviousHash()
    {
        const QJsonObject entry{{QStringLiteral("action"), QStringLiteral("upgrade")},
                                {QStringLiteral("duration_ms"), 12}};
        const QJsonObject linked = AuditChain::link(entry, QStringLiteral("abc"));
        QCOMPARE(AuditChain::hashOf(linked), linked.value(QStringLiteral("hash")).toString());
        QVERIFY(AuditChain::hashOf(AuditChain::link(entry, QStringLiteral("abd"))) !=
                AuditChain::hashOf(linked));
        QJsonObject changed = linked;
        changed.insert(QStringLiteral("duration_ms"), 13);
        QVERIFY(AuditChain::hashOf(changed) != linked.value(QStringLiteral("hash")).toString());
        QCOMPARE(AuditChain::canonical(linked),
                 QByteArray(R"({"action":"upgrade","duration_ms":12,"prev":"abc"})"));
    }

    void eachLineChangedIsNamed_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < 6; ++i)
            QTest::addRow("line %d", i + 1) << i;
    }
    void eachLineChangedIsNamed()
    {
        QFETCH(int, index);
        QList<QByteArray> lines = chainedLines(6);
        lines[index].replace("\"success\"", "\"failed: edited\"");
        expectBroken(lines, Fault::Changed, index + 1);
        // Its hash removed, or the line no longer JSON: changed too.
        QList<QByteArray> noHash = chainedLines(6);
        QJsonObject o = QJsonDocument::fromJson(noHash[index]).object();
        o.remove(QStringLiteral("hash"));
        noHash[index] = QJsonDocument(o).toJson(QJsonDocument::Compact);
        if (index < 5) // the last line without a hash reads as one added at the end
            expectBroken(noHash, Fault::Changed, index + 1);
        QList<QByteArray> garbled = chainedLines(6);
        garbled[index].chop(5);
        if (index < 5)
            expectBroken(garbled, Fault::Changed, index + 1);
    }

    void eachLineRemovedIsNamed_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < 5; ++i) // the last entry removed leaves no trace in a chain
            QTest::addRow("line %d", i + 1) << i;
    }
    void eachLineRemovedIsNamed()
    {
        QFETCH(int, index);
        QList<QByteArray> lines = chainedLines(6);
        lines.removeAt(index);
        expectBroken(lines, Fault::Removed, index + 1);
        // Two in a row: the same line.
        QList<QByteArray> two = chainedLines(6);
        if (index < 4) {
            two.remove(index, 2);
            expectBroken(two, Fault::Removed, index + 1);
        }
    }

    void eachLineInsertedIsNamed_data()
    {
        QTest::addColumn<int>("at");
        QTest::addColumn<QByteArray>("how");
        for (int at = 0; at <= 6; ++at)
            for (const char *how : {"plain", "copy", "forged"})
                QTest::addRow("at line %d, %s", at + 1, how) << at << QByteArray(how);
    }
    void eachLineInsertedIsNamed()
    {
        QFETCH(int, at);
        QFETCH(QByteArray, how);
        QList<QByteArray> lines = chainedLines(6);
        QByteArray inserted;
        if (how == "plain") // an entry as an older version (or a hand) writes it
            inserted = R"({"action":"upgrade","result":"success","profile":"prod"})";
        else if (how == "copy") // another entry's line, hash and all
            inserted = lines.at(at == 0 ? 3 : (at - 1 + 3) % 6);
        else { // a made-up entry linked correctly to the one before it
            const QString previous = at == 0 ? QString()
                                             : QJsonDocument::fromJson(lines.at(at - 1))
                                                   .object()
                                                   .value(QStringLiteral("hash"))
                                                   .toString();
            inserted = QJsonDocument(AuditChain::link(QJsonObject{{QStringLiteral("action"),
                                                                   QStringLiteral("stamp")}},
                                                      previous))
                           .toJson(QJsonDocument::Compact);
        }
        if (at == 0 && how == "plain") {
            // Before the chain: indistinguishable from an entry older than it.
            lines.insert(at, inserted);
            const AuditVerification v = AuditChain::verify(joined(lines));
            QVERIFY(v.intact());
            QCOMPARE(v.unchained, 1);
            return;
        }
        if (at == 6 && how == "forged")
            return; // a correctly linked entry at the end is what the writer itself does
        lines.insert(at, inserted);
        expectBroken(lines, Fault::Inserted, at + 1);
    }

    // Entries written before the chain (no hash) at the start are unchained, not tampered;
    // the log goes on with a chain after them.
    void olderEntriesAreUnchainedNotTampered()
    {
        const QString path = m_dir.filePath(QStringLiteral("older.jsonl"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"action\":\"upgrade\",\"result\":\"success\"}\n"
                    "{\"action\":\"downgrade\",\"result\":\"success\"}\n");
        }
        AuditLog log(path);
        AuditVerification v = log.verify();
        QVERIFY(v.intact());
        QCOMPARE(v.unchained, 2);
        QCOMPARE(v.chained, 0);
        QVERIFY2(v.message.contains(QStringLiteral("unchained")), qPrintable(v.message));
        for (int i = 0; i < 3; ++i)
            QVERIFY(log.append(AuditEntry::of(QStringLiteral("gui"), {}, QStringLiteral("db"),
                                              QStringLiteral("stamp")))
                        .ok());
        v = log.verify();
        QVERIFY2(v.intact(), qPrintable(v.message));
        QCOMPARE(v.unchained, 2);
        QCOMPARE(v.chained, 3);
        QCOMPARE(log.readAll()->size(), 5);
        // An older line after the chain began is not older: it was inserted.
        QFile f(path);
        QVERIFY(f.open(QIODevice::Append));
        f.write("{\"action\":\"upgrade\",\"result\":\"success\"}\n");
        f.close();
        v = log.verify();
        QCOMPARE(v.fault, Fault::Inserted);
        QCOMPARE(v.line, 6);
    }

    // A writer that died mid-line leaves no newline: the next entry starts a line of its own,
    // and the torn line is reported, not silently chained over.
    void aTornLastLineIsReported()
    {
        const QString path = m_dir.filePath(QStringLiteral("torn.jsonl"));
        AuditLog log(path);
        QVERIFY(log.append(AuditEntry::of(QStringLiteral("cli"), {}, QStringLiteral("db"),
                                          QStringLiteral("stamp")))
                    .ok());
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::Append));
            f.write("{\"action\":\"upgr");
        }
        QVERIFY(log.append(AuditEntry::of(QStringLiteral("cli"), {}, QStringLiteral("db"),
                                          QStringLiteral("stamp")))
                    .ok());
        QCOMPARE(log.readAll()->size(), 2);
        const AuditVerification v = log.verify();
        QCOMPARE(v.state, AuditVerification::State::Broken);
        QCOMPARE(v.line, 2);
    }

    void aMissingOrUnreadableLogIsUnreadable()
    {
        AuditVerification v = AuditLog(m_dir.filePath(QStringLiteral("none.jsonl"))).verify();
        QCOMPARE(v.state, AuditVerification::State::Unreadable);
        QVERIFY(v.message.contains(QStringLiteral("none.jsonl")));
        v = AuditLog(m_dir.path()).verify(); // a folder
        QCOMPARE(v.state, AuditVerification::State::Unreadable);
    }
};

QTEST_GUILESS_MAIN(TestAuditChain)
#include "tst_auditchain.moc"
