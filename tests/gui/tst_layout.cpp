// What fits at the window sizes people use: at 1024x700 History's Message column and the
// profiles' names are readable; at 1024x700 and 1440x900 the Audit tab's Result and Reason
// columns are on screen.

#include "audit/auditlog.h"
#include "audit/auditmodel.h"
#include "history/historymodel.h"
#include "mainwindow.h"
#include "profiles/profiledock.h"

#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace strata;
using namespace strata::gui;

class TestLayout : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_example;

    Profile profile(const QString &name, const QString &environment)
    {
        Profile p = Profile::forEnvironment(environment);
        p.name = name;
        p.sqliteFile = m_home.filePath(name + QStringLiteral(".db"));
        p.projectDir = m_example;
        return p;
    }

    // A column is readable when it is on screen, whole, and at least `chars` wide.
    static void verifyReadable(QTableView *view, int column, int chars)
    {
        const QHeaderView *h = view->horizontalHeader();
        const int x = h->sectionViewportPosition(column);
        const int width = h->sectionSize(column);
        const int wanted = chars * view->fontMetrics().horizontalAdvance(QLatin1Char('x'));
        QVERIFY2(!view->isColumnHidden(column), qPrintable(QString::number(column)));
        QVERIFY2(x >= 0 && x + width <= view->viewport()->width(),
                 qPrintable(QStringLiteral("column %1 at %2+%3 in %4")
                                .arg(column)
                                .arg(x)
                                .arg(width)
                                .arg(view->viewport()->width())));
        QVERIFY2(width >= wanted, qPrintable(QStringLiteral("column %1 is %2 px, wanted %3")
                                                 .arg(column)
                                                 .arg(width)
                                                 .arg(wanted)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("STRATA_NO_KEYCHAIN", "1");
        qputenv("STRATA_LOG_DIR", m_home.filePath(QStringLiteral("logs")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg-config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("xdg-data")).toUtf8());
        QCoreApplication::setApplicationName(QStringLiteral("strata-test"));
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
        m_example = m_home.filePath(QStringLiteral("example"));
        QVERIFY(QDir().mkpath(m_example + QStringLiteral("/versions")));
        const QDir source(QStringLiteral(STRATA_SOURCE_DIR "/migrations"));
        QVERIFY(QFile::copy(source.filePath(QStringLiteral("strata.ini")),
                            m_example + QStringLiteral("/strata.ini")));
        for (const QString &f :
             QDir(source.filePath(QStringLiteral("versions"))).entryList(QDir::Files))
            QVERIFY(QFile::copy(source.filePath(QStringLiteral("versions/") + f),
                                m_example + QStringLiteral("/versions/") + f));
        // Audit entries as a busy week leaves them: long databases, results and reasons.
        AuditLog log(AuditLog::defaultFilePath());
        for (int i = 0; i < 5; ++i) {
            AuditEntry e = AuditEntry::of(
                QStringLiteral("gui"), QStringLiteral("shop production eu-west"),
                QStringLiteral("shop_production_eu_west on db-primary.eu-west.internal:5432 as "
                               "deployer"),
                QStringLiteral("upgrade"), 1234);
            e.fromRevisions = QStringLiteral("ad9f2b4e6a10, 9c8e1a3d5f09");
            e.toRevisions = QStringLiteral("be0a3c5f7b11");
            e.result = QStringLiteral("failed: ERROR: column \"loyalty_points\" of relation "
                                      "\"customers\" contains null values (SQLSTATE 23502)");
            e.reason = QStringLiteral("ticket OPS-4711: release 2.3 for the spring sale");
            QVERIFY(log.append(e));
        }
    }

    void readableAt_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x700") << QSize(1024, 700);
        QTest::newRow("1440x900") << QSize(1440, 900);
    }

    void readableAt()
    {
        QFETCH(QSize, size);
        MainWindow w;
        const QList<Profile> profiles{
            profile(QStringLiteral("shop development"), QStringLiteral("Development")),
            profile(QStringLiteral("shop staging eu-west"), QStringLiteral("Staging")),
            profile(QStringLiteral("shop production eu-west"), QStringLiteral("Production"))};
        for (const Profile &p : profiles)
            w.saveProfile(p);
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.selectProfile(profiles.first().name);
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(profiles.first().name) != nullptr, 20000);
        QTRY_COMPARE(w.historyModel()->rowCount(), 11);
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("tabs"));

        // History: the message of a migration reads in full, more than a few letters.
        tabs->setCurrentWidget(w.findChild<QWidget *>(QStringLiteral("historyTab")));
        auto *history = w.findChild<QTableView *>(QStringLiteral("historyView"));
        QCoreApplication::processEvents();
        verifyReadable(history, HistoryModel::Message, 20);
        verifyReadable(history, HistoryModel::Revision, 12);
        verifyReadable(history, HistoryModel::State, 8);
        // A branch label ("reporting" in the example) reads whole, not "reporti…".
        {
            int widest = 0;
            for (int row = 0; row < history->model()->rowCount(); ++row)
                widest = std::max(
                    widest,
                    history->fontMetrics().horizontalAdvance(
                        history->model()->index(row, HistoryModel::Labels).data().toString()));
            QVERIFY(widest > 0);
            QVERIFY2(history->columnWidth(HistoryModel::Labels) >= widest + 8,
                     qPrintable(QStringLiteral("labels %1 px, widest %2 px")
                                    .arg(history->columnWidth(HistoryModel::Labels))
                                    .arg(widest)));
        }
        // The everyday states read whole, in bold as History shows them.
        {
            QFont bold = history->font();
            bold.setBold(true);
            for (auto state : {RevisionRow::State::Pending, RevisionRow::State::Applied,
                               RevisionRow::State::Failed, RevisionRow::State::Cancelled}) {
                const QString word = HistoryModel::stateText(state);
                QVERIFY2(history->columnWidth(HistoryModel::State) >=
                             QFontMetrics(bold).horizontalAdvance(word) + 8,
                         qPrintable(word));
            }
        }
        // Who applied it and how long it took: there when the table has room for them.
        if (size.width() >= 1400) {
            verifyReadable(history, HistoryModel::AppliedBy, 6);
            verifyReadable(history, HistoryModel::Duration, 4);
        }

        // Profiles: every name whole beside its badge.
        QTreeWidget *tree = w.profileDock()->tree();
        const int nameColumn = tree->header()->sectionSize(0);
        for (const Profile &p : profiles) {
            const int needed = tree->fontMetrics().horizontalAdvance(p.name) +
                               ProfileDock::iconSize().width() + tree->indentation() + 12;
            QVERIFY2(nameColumn >= needed, qPrintable(QStringLiteral("%1 needs %2 px, has %3")
                                                          .arg(p.name)
                                                          .arg(needed)
                                                          .arg(nameColumn)));
        }

        // Audit: Result and Reason on screen, next to the rest.
        tabs->setCurrentWidget(w.findChild<QWidget *>(QStringLiteral("auditTab")));
        auto *audit = w.findChild<QTableView *>(QStringLiteral("auditView"));
        QTRY_VERIFY(audit->model()->rowCount() >= 5);
        QCoreApplication::processEvents();
        verifyReadable(audit, AuditModel::Result, 16);
        verifyReadable(audit, AuditModel::Reason, 12);
        verifyReadable(audit, AuditModel::Action, 7);
        verifyReadable(audit, AuditModel::Time, 10);
    }
};

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
