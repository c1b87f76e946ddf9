// AuditChainStatus: the line above the Audit tab's table says whether the audit log's hash chain
// is intact, or which line was changed, removed or inserted; the check runs off the GUI thread.

#include "audit/auditchainstatus.h"
#include "audit/auditlog.h"
#include "mainwindow.h"
#include "settings/translations.h"

#include <QFile>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <sys/file.h>

using namespace strata;
using namespace strata::gui;

class TestAuditChainStatus : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_log;

    void writeLog(int count)
    {
        QFile::remove(m_log);
        AuditLog log(m_log);
        for (int i = 0; i < count; ++i)
            QVERIFY(log.append(AuditEntry::of(QStringLiteral("gui"), QStringLiteral("shop prod"),
                                              QStringLiteral("db"), QStringLiteral("upgrade")))
                        .ok());
    }
    void editLine(int line, const QByteArray &replacement)
    {
        QFile f(m_log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = f.readAll().split('\n');
        f.close();
        if (replacement.isNull())
            lines.removeAt(line - 1);
        else
            lines[line - 1] = replacement;
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(lines.join('\n'));
    }
    static void checkNow(AuditChainStatus &status, const QString &file)
    {
        status.check(file);
        QTRY_VERIFY_WITH_TIMEOUT(!status.busy(), 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_log = m_home.filePath(QStringLiteral("audit.jsonl"));
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_log.toUtf8());
        qputenv("STRATA_NO_KEYCHAIN", "1");
        qputenv("STRATA_LOG_DIR", m_home.filePath(QStringLiteral("logs")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg-config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("xdg-data")).toUtf8());
        QCoreApplication::setApplicationName(QStringLiteral("strata-test"));
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
    }

    void saysIntactChangedRemovedInserted()
    {
        AuditChainStatus status;
        writeLog(4);
        checkNow(status, m_log);
        QVERIFY(status.result().intact());
        QVERIFY2(status.text().contains(QStringLiteral("intact: 4 entries verified")),
                 qPrintable(status.text()));

        editLine(2, QByteArray(R"({"action":"upgrade","result":"success"})"));
        checkNow(status, m_log);
        QCOMPARE(status.result().state, AuditVerification::State::Broken);
        QVERIFY2(status.text().contains(QStringLiteral("line 2 was inserted")) ||
                     status.text().contains(QStringLiteral("line 2 was changed")),
                 qPrintable(status.text()));

        writeLog(4);
        QFile f(m_log);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray original = f.readAll().split('\n').at(2);
        f.close();
        editLine(3, QByteArray(original).replace("shop prod", "shop test"));
        checkNow(status, m_log);
        QVERIFY2(status.text().contains(QStringLiteral("line 3 was changed")),
                 qPrintable(status.text()));
        QVERIFY(status.toolTip().contains(QStringLiteral("line 3")));

        writeLog(4);
        editLine(2, QByteArray());
        checkNow(status, m_log);
        QVERIFY2(status.text().contains(QStringLiteral("removed before line 2")),
                 qPrintable(status.text()));
    }

    void saysWhatCannotBeChecked()
    {
        AuditChainStatus status;
        QFile::remove(m_log);
        checkNow(status, m_log);
        QVERIFY2(status.text().contains(QStringLiteral("nothing recorded yet")),
                 qPrintable(status.text()));
        QFile old(m_log);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("{\"action\":\"upgrade\"}\n{\"action\":\"stamp\"}\n");
        old.close();
        QVERIFY(AuditLog(m_log)
                    .append(AuditEntry::of(QStringLiteral("gui"), {}, QStringLiteral("db"),
                                           QStringLiteral("stamp")))
                    .ok());
        checkNow(status, m_log);
        QVERIFY(status.result().intact());
        QVERIFY2(status.text().contains(QStringLiteral("1 entries verified")) ||
                     status.text().contains(QStringLiteral("1 entry verified")),
                 qPrintable(status.text()));
        QVERIFY2(status.text().contains(QStringLiteral("2 older entries")),
                 qPrintable(status.text()));
        checkNow(status, m_home.path()); // a folder: unreadable
        QVERIFY2(status.text().contains(QStringLiteral("unknown, because")),
                 qPrintable(status.text()));
    }

    // The check runs on a pool thread, never the GUI's.
    void checksOffTheGuiThread()
    {
        writeLog(3);
        AuditChainStatus status;
        QFile lockHolder(m_log);
        QVERIFY(lockHolder.open(QIODevice::ReadWrite));
        // A writer holding the log's lock: the check waits for it on its own thread while the
        // GUI thread goes on.
        QCOMPARE(::flock(lockHolder.handle(), LOCK_EX), 0);
        status.check(m_log);
        QTest::qWait(200);
        QVERIFY(status.busy());
        ::flock(lockHolder.handle(), LOCK_UN);
        QTRY_VERIFY_WITH_TIMEOUT(!status.busy(), 10000);
        QVERIFY(status.result().intact());
    }

    // The main window's Audit tab shows it above the table, checked again on each reload.
    void theAuditTabShowsTheChain()
    {
        writeLog(2);
        MainWindow w;
        AuditChainStatus *status = w.auditChainStatus();
        QVERIFY(status);
        QTRY_VERIFY_WITH_TIMEOUT(status->result().intact() && !status->busy(), 10000);
        QVERIFY(status->text().contains(QStringLiteral("2 entries verified")));
        editLine(1, QByteArray(R"({"action":"stamp","prev":"","hash":"0000"})"));
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("tabs"));
        QVERIFY(tabs);
        tabs->setCurrentWidget(w.findChild<QWidget *>(QStringLiteral("auditTab")));
        QTRY_VERIFY_WITH_TIMEOUT(status->result().state == AuditVerification::State::Broken, 10000);
        QVERIFY2(status->text().contains(QStringLiteral("line 1 was changed")),
                 qPrintable(status->text()));
    }

    void speaksGerman()
    {
        AuditVerification r;
        r.state = AuditVerification::State::Broken;
        r.fault = AuditVerification::Fault::Removed;
        r.line = 7;
        QString text;
        {
            QObject owner; // the translators go with it
            QVERIFY(!installTranslations(QStringLiteral("de"), &owner).strata.isEmpty());
            text = AuditChainStatus::describe(r, QStringLiteral("/x/audit.jsonl"),
                                              QDateTime::currentDateTime());
        }
        QVERIFY2(text.contains(QStringLiteral("Zeile 7")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("/x/audit.jsonl")));
    }
};

QTEST_MAIN(TestAuditChainStatus)
#include "tst_auditchainstatus.moc"
