// The History tab's graph and Labels column on a real project with a labelled branch merged
// back: the trunk stays in the first lane through the branch point and the merge, and the
// label is shown on its branch only, not on the main line after the merge.

#include "history/historymodel.h"
#include "mainwindow.h"
#include "profiles/profilestore.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QFile>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;

class TestHistoryGraph : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    static bool write(const QString &path, const QByteArray &text)
    {
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
    }

    static QByteArray migration(const char *id, const char *parents, const char *extra = "")
    {
        return QByteArray("-- revision: ") + id + "\n-- down_revision: " + parents +
               "\n-- message: " + id + "\n" + extra + "\n-- +upgrade\nCREATE TABLE t_" + id +
               " (id INTEGER);\n\n-- +downgrade\nDROP TABLE t_" + id + ";\n";
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        for (const char *name : {"STRATA_CONFIG_DIR", "STRATA_LOG_DIR", "STRATA_BACKUP_DIR",
                                 "XDG_CONFIG_HOME", "XDG_DATA_HOME"})
            qputenv(name, m_home.filePath(QString::fromLatin1(name)).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("STRATA_NO_KEYCHAIN", "1");
    }

    void labelledBranchMergedBack()
    {
        // a - b - c ---- m - n       the trunk
        //  \            /
        //   x (feature) - y          the branch, newer than c, so listed before it
        const QString project = m_home.filePath(QStringLiteral("branchy"));
        QVERIFY(QDir().mkpath(project + QStringLiteral("/versions")));
        QVERIFY(write(project + QStringLiteral("/strata.ini"), "[strata]\nversions = versions\n"));
        const QString v = project + QStringLiteral("/versions/");
        QVERIFY(write(v + QStringLiteral("a.sql"), migration("a", "")));
        QVERIFY(write(v + QStringLiteral("b.sql"), migration("b", "a")));
        QVERIFY(write(v + QStringLiteral("c.sql"), migration("c", "b")));
        QVERIFY(
            write(v + QStringLiteral("x.sql"), migration("x", "a", "-- branch_labels: feature\n")));
        QVERIFY(write(v + QStringLiteral("y.sql"), migration("y", "x")));
        QVERIFY(write(v + QStringLiteral("m.sql"), migration("m", "c, y")));
        QVERIFY(write(v + QStringLiteral("n.sql"), migration("n", "m")));
        Profile dev = Profile::forEnvironment(QStringLiteral("development"));
        dev.name = QStringLiteral("dev");
        dev.sqliteFile = m_home.filePath(QStringLiteral("dev.sqlite"));
        dev.projectDir = project;
        QVERIFY(ProfileStore(ProfileStore::defaultFilePath()).save({dev}).ok());

        MainWindow w;
        w.resize(1200, 800);
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(QStringLiteral("dev")) != nullptr, 20000);
        const SnapshotPtr snap = w.snapshot(QStringLiteral("dev"));
        QCOMPARE(snap->rows.size(), 7);
        auto node = [&](const char *id) {
            const RevisionRow *row = snap->row(QLatin1String(id));
            return row ? row->graph.node : -1;
        };
        for (const char *id : {"n", "m", "c", "b", "a"})
            QVERIFY2(node(id) == 0, id); // the trunk in the first lane throughout
        QCOMPARE(node("x"), 1);
        QCOMPARE(node("y"), 1);

        // The Labels column as shown: the branch's revisions only.
        auto *view = w.findChild<QTableView *>(QStringLiteral("historyView"));
        QVERIFY(view);
        // STRATA_SCREENSHOT_DIR set: the History tab as a PNG there, to look at.
        if (const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR"); !dir.isEmpty()) {
            auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("tabs"));
            tabs->setCurrentWidget(w.findChild<QWidget *>(QStringLiteral("historyTab")));
            QTest::qWait(200);
            w.grab().save(QDir(dir).filePath(QStringLiteral("history-graph.png")));
        }
        const QAbstractItemModel *model = view->model();
        QHash<QString, QString> labels;
        for (int r = 0; r < model->rowCount(); ++r)
            labels.insert(model->index(r, HistoryModel::Revision).data().toString(),
                          model->index(r, HistoryModel::Labels).data().toString());
        QCOMPARE(labels.value(QStringLiteral("x")), QStringLiteral("feature"));
        QCOMPARE(labels.value(QStringLiteral("y")), QStringLiteral("feature"));
        for (const char *id : {"n", "m", "c", "b", "a"})
            QVERIFY2(labels.value(QLatin1String(id)).isEmpty(), id);
        // The label still names its whole branch for targets (feature@head is n, as in Alembic).
        QVERIFY(snap->row(QStringLiteral("n"))->labels.contains(QStringLiteral("feature")));
    }
};

QTEST_MAIN(TestHistoryGraph)
#include "tst_historygraph.moc"
