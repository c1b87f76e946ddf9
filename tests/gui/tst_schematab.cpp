// The Schema tab and the drift mark of the profile badges, driven as a person drives them under
// the offscreen platform, on PostgreSQL (the throwaway server) and on SQLite files: drift found
// and shown, staging against production, cancel, a failure shown as one, a migration created
// from the changes (written, proven, opened in the Editor; a failed proof writes nothing), and
// the badges' drift mark with its tooltip.

#include "authoring/editorarea.h"
#include "jobs/jobpanel.h"
#include "mainwindow.h"
#include "migrator.h"
#include "pgserver.h"
#include "profiles/profiledock.h"
#include "profiles/profilescontroller.h"
#include "profiles/profilestore.h"
#include "schemadiff/schemadiffview.h"
#include "schemadiff/schematab.h"
#include "settings/translations.h"
#include "status/driftmonitor.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

#include "verify.h"

using namespace strata;
using namespace strata::gui;

namespace {

const QByteArray kCustomers =
    "CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL);\n";
const QByteArray kOrders = "CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer "
                           "REFERENCES customers (id), total numeric);\n";

void writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(text);
}

// Two migrations (customers, then orders), strata.ini naming desired.sql as the desired state
// (customers gain an email column), and files for the failures: one that does not parse, one
// whose migration cannot pass its proof (a NOT NULL column without a default on a table with
// rows).
void writeProject(const QString &dir)
{
    QVERIFY(QDir().mkpath(dir + QStringLiteral("/versions")));
    writeFile(dir + QStringLiteral("/strata.ini"),
              "[strata]\nversions = versions\nschema_file = desired.sql\n");
    writeFile(dir + QStringLiteral("/versions/aaaa_customers.sql"),
              "-- revision: aaaa\n-- down_revision:\n-- message: customers\n\n-- +upgrade\n" +
                  kCustomers + "\n-- +downgrade\nDROP TABLE customers;\n");
    writeFile(dir + QStringLiteral("/versions/bbbb_orders.sql"),
              "-- revision: bbbb\n-- down_revision: aaaa\n-- message: orders\n\n-- +upgrade\n" +
                  kOrders + "\n-- +downgrade\nDROP TABLE orders;\n");
    writeFile(dir + QStringLiteral("/desired.sql"),
              "CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, email text);\n" +
                  kOrders);
    writeFile(dir + QStringLiteral("/broken.sql"),
              kCustomers + "CREATE TABLE orders (id integer PRIMARY KEY,, total numeric);\n");
    writeFile(dir + QStringLiteral("/notnull.sql"),
              "CREATE TABLE customers (id integer PRIMARY KEY, name text NOT NULL, code text NOT "
              "NULL);\n" +
                  kOrders);
}

QStringList versionFiles(const QString &project)
{
    return QDir(project + QStringLiteral("/versions")).entryList({QStringLiteral("*.sql")});
}

// Runs the tab's comparison as the Compare button does; true when it succeeded.
bool compareNow(SchemaTab *tab)
{
    QSignalSpy done(tab, &SchemaTab::comparisonFinished);
    tab->findChild<QPushButton *>(QStringLiteral("compareButton"))->click();
    if (!done.wait(120000) && done.isEmpty())
        return false;
    return done.first().first().toBool();
}

// "Create Migration from These Changes…", the message typed in its dialog; the file written
// (empty when none was).
QString createMigration(SchemaTab *tab, const QString &message)
{
    QSignalSpy finished(tab, &SchemaTab::migrationFinished);
    QPushButton *button = tab->view()->createButton();
    if (!button->isEnabled() || button->isHidden())
        return QStringLiteral("(not offered)");
    button->click();
    QInputDialog *dialog = nullptr;
    for (auto *d : tab->findChildren<QInputDialog *>(QStringLiteral("migrationMessageDialog"))) {
        if (d->isVisible())
            dialog = d;
    }
    if (!dialog)
        return QStringLiteral("(no dialog)");
    dialog->setTextValue(message);
    dialog->accept();
    if (!finished.wait(120000) && finished.isEmpty())
        return QStringLiteral("(no answer)");
    return finished.first().first().toString();
}

// STRATA_SCREENSHOT_DIR set (run under Xvfb): the window as a PNG there, to look at.
void shoot(MainWindow &w, const QString &name)
{
    const QString dir = qEnvironmentVariable("STRATA_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    w.resize(1440, 880);
    w.show();
    QTest::qWait(300);
    w.grab().save(QDir(dir).filePath(name));
}

} // namespace

class TestSchemaTab : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    std::unique_ptr<test::PgServer> m_server;
    QString m_serverProblem;
    int m_projects = 0;

    QString freshProject()
    {
        const QString dir = m_home.filePath(QStringLiteral("project%1").arg(++m_projects));
        writeProject(dir);
        return dir;
    }

    // A PostgreSQL database of its own, upgraded to the project's heads.
    Profile pgProfile(const QString &name, const QString &environment, const QString &project)
    {
        const QString database = QStringLiteral("tab_%1_%2").arg(name).arg(m_projects);
        [&] { QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(database))); }();
        Profile p = Profile::forEnvironment(environment);
        p.name = name;
        p.engine = Profile::Engine::Postgres;
        p.host = m_server->socketDir();
        p.port = m_server->port();
        p.database = database;
        p.user = QStringLiteral("postgres");
        p.projectDir = project;
        const Status up = upgradeDatabase(project, p.url());
        [&] { QVERIFY2(up.ok(), up.ok() ? "" : qPrintable(up.error().toString())); }();
        return p;
    }

    Profile sqliteProfile(const QString &name, const QString &environment, const QString &project)
    {
        Profile p = Profile::forEnvironment(environment);
        p.name = name;
        p.sqliteFile = m_home.filePath(name + QString::number(m_projects) + QStringLiteral(".db"));
        p.projectDir = project;
        const Status up = upgradeDatabase(project, p.url());
        [&] { QVERIFY2(up.ok(), up.ok() ? "" : qPrintable(up.error().toString())); }();
        return p;
    }

    static bool sqlite(const QString &file, const QString &sql)
    {
        bool ok = false;
        {
            auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("test"));
            db.setDatabaseName(file);
            ok = db.open() && QSqlQuery(db).exec(sql);
        }
        QSqlDatabase::removeDatabase(QStringLiteral("test"));
        return ok;
    }

    static SchemaTab *schemaTab(MainWindow &w, const QString &profile)
    {
        w.selectProfile(profile);
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("tabs"));
        auto *tab = w.findChild<SchemaTab *>(QStringLiteral("schemaTab"));
        tabs->setCurrentWidget(tab);
        return tab;
    }

    static void waitForSnapshot(MainWindow &w, const QString &name)
    {
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(name) && w.snapshot(name)->reachable, 30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("STRATA_NO_KEYCHAIN", "1");
        qputenv("STRATA_LOG_DIR", m_home.filePath(QStringLiteral("logs")).toUtf8());
        qputenv("STRATA_BACKUP_DIR", m_home.filePath(QStringLiteral("backups")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg-config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("xdg-data")).toUtf8());
        QCoreApplication::setApplicationName(QStringLiteral("strata-test"));
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
        // Pictures show what the app says: its English plural forms ("2 differences").
        if (qEnvironmentVariableIsSet("STRATA_SCREENSHOT_DIR"))
            installTranslations(QStringLiteral("en"), qApp);
        m_server = test::PgServer::start(&m_serverProblem);
        QVERIFY2(m_server, qPrintable(m_serverProblem));
    }

    void cleanup() { QFile::remove(ProfileStore::defaultFilePath()); }

    // A column and an index added by hand on production: the badge shows the drift mark with
    // what drifted and when; the Schema tab's drift comparison shows it; staging, untouched,
    // says "No drift"; a database whose version row names no file says why drift is unknown.
    void postgresDriftFoundAndShownInTabAndBadge()
    {
        const QString project = freshProject();
        // Production is protected: its background checks need a dev server for their scratch
        // databases (here the same test server, named as one).
        {
            QFile ini(project + QStringLiteral("/strata.ini"));
            QVERIFY(ini.open(QIODevice::Append));
            ini.write(QStringLiteral("dev_url = postgresql://postgres@/postgres?host=%1&port=%2\n")
                          .arg(m_server->socketDir())
                          .arg(m_server->port())
                          .toUtf8());
        }
        const Profile production =
            pgProfile(QStringLiteral("production"), QStringLiteral("Production"), project);
        const Profile staging =
            pgProfile(QStringLiteral("staging"), QStringLiteral("Staging"), project);
        const Profile lost = pgProfile(QStringLiteral("lost"), QStringLiteral("Testing"), project);
        QVERIFY(m_server->psql(QStringLiteral("ALTER TABLE customers ADD COLUMN nickname text; "
                                              "CREATE INDEX orders_total ON orders (total)"),
                               nullptr, production.database));
        QVERIFY(m_server->psql(QStringLiteral("UPDATE strata_version SET version_num = 'zzzz'"),
                               nullptr, lost.database));

        MainWindow w;
        for (const Profile &p : {production, staging, lost})
            w.saveProfile(p);
        ProfileDock *dock = w.profileDock();
        QTRY_COMPARE_WITH_TIMEOUT(dock->driftText(production.name), QStringLiteral("drift"),
                                  120000);
        const QString tip = dock->stateToolTip(production.name);
        qInfo("production's badge tooltip: %s", qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("nickname")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("orders_total")), qPrintable(tip));
        QVERIFY2(tip.contains(QLatin1String("checked")), qPrintable(tip));
        QVERIFY(dock->badgeText(production.name) == QStringLiteral("up to date"));
        QTRY_VERIFY_WITH_TIMEOUT(
            dock->driftDetail(staging.name).startsWith(QLatin1String("No drift")), 120000);
        QCOMPARE(dock->driftText(staging.name), QString());
        QTRY_VERIFY_WITH_TIMEOUT(
            dock->driftDetail(lost.name).startsWith(QLatin1String("Drift unknown: ")), 120000);
        QCOMPARE(dock->driftText(lost.name), QString());
        qInfo("lost's badge tooltip: %s", qPrintable(dock->stateToolTip(lost.name)));
        QVERIFY(!dock->stateToolTip(lost.name).contains(QLatin1String("No drift")));

        // A read that finds the same revisions does not check again before the interval.
        auto *monitor = w.findChild<DriftMonitor *>();
        QVERIFY(monitor);
        QSignalSpy checking(monitor, &DriftMonitor::checking);
        QSignalSpy read(&w, &MainWindow::snapshotUpdated);
        w.selectProfile(production.name);
        w.findChild<QAction *>(QStringLiteral("actionRefresh"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(read.size() >= 3, 30000);
        QCOMPARE(checking.size(), 0);

        SchemaTab *tab = schemaTab(w, production.name);
        tab->setMode(SchemaTab::Mode::Drift);
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
        QVERIFY2(tab->view()->differenceCount() > 0, qPrintable(tab->statusText()));
        QVERIFY2(tab->statusText().contains(QLatin1String("the database of production")),
                 qPrintable(tab->statusText()));
        QVERIFY(!tab->statusText().startsWith(QLatin1String("No differences")));
        QVERIFY(!tab->progressText().isEmpty());
        shoot(w, QStringLiteral("drifted-production.png"));
        // The database is at the project's head: the drift can become a migration.
        QVERIFY(tab->canCreateMigration());
        QVERIFY(!tab->view()->createButton()->isHidden());
        // The index unchecked: the migration adopts the column only.
        QAbstractItemModel *model = tab->view()->model();
        QModelIndex index;
        std::function<void(const QModelIndex &)> find = [&](const QModelIndex &parent) {
            for (int r = 0; r < model->rowCount(parent); ++r) {
                const QModelIndex child = model->index(r, 0, parent);
                if (child.data().toString().contains(QLatin1String("orders_total")))
                    index = child;
                find(child);
            }
        };
        find({});
        QVERIFY(index.isValid());
        QVERIFY(model->setData(index, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(tab->view()->leftOut().size(), 1);
        const QString adopted = createMigration(tab, QStringLiteral("adopt the nickname"));
        QFile file(adopted);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(adopted + tab->statusText()));
        const QString sql = QString::fromUtf8(file.readAll());
        QVERIFY2(sql.contains(QLatin1String("nickname")), qPrintable(sql));
        QVERIFY2(!sql.contains(QLatin1String("orders_total")), qPrintable(sql));

        // Staging has no drift: the same comparison says so.
        tab = schemaTab(w, staging.name);
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
        QVERIFY2(tab->statusText().startsWith(QLatin1String("No differences")),
                 qPrintable(tab->statusText()));
        QCOMPARE(tab->view()->differenceCount(), 0);
    }

    // A protected PostgreSQL profile whose project names no dev server is not checked in the
    // background: that would create scratch databases on its server unasked. Its drift is
    // unknown, with why, and the server gained no database; an unprotected one is checked.
    void protectedProfileWithoutDevServerIsNotCheckedUnasked()
    {
        const QString project = freshProject();
        const Profile production =
            pgProfile(QStringLiteral("production"), QStringLiteral("Production"), project);
        QVERIFY(production.isProtected);
        const Profile testing =
            pgProfile(QStringLiteral("testing"), QStringLiteral("Testing"), project);
        QVERIFY(!testing.isProtected);
        QVERIFY(m_server->psql(QStringLiteral("ALTER TABLE customers ADD COLUMN nickname text"),
                               nullptr, production.database));
        const auto databases = [this] {
            QString out;
            m_server->psql(QStringLiteral("SELECT count(*) FROM pg_database"), &out);
            return out.trimmed();
        };
        const QString before = databases();

        MainWindow w;
        QVERIFY(w.findChild<DriftMonitor *>());
        auto *monitor = w.findChild<DriftMonitor *>();
        QSignalSpy checking(monitor, &DriftMonitor::checking);
        for (const Profile &p : {production, testing})
            w.saveProfile(p);
        ProfileDock *dock = w.profileDock();
        QTRY_VERIFY_WITH_TIMEOUT(
            dock->driftDetail(production.name).startsWith(QLatin1String("Drift unknown: ")),
            120000);
        const QString why = dock->driftDetail(production.name);
        QVERIFY2(why.contains(QLatin1String("not checked in the background")), qPrintable(why));
        QVERIFY2(why.contains(QLatin1String("dev_url")), qPrintable(why));
        QCOMPARE(dock->driftText(production.name), QString());
        QTRY_VERIFY_WITH_TIMEOUT(
            dock->driftDetail(testing.name).startsWith(QLatin1String("No drift")), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(!monitor->isChecking(testing.name), 60000);
        QCOMPARE(databases(), before);

        // Asked for from the Schema tab, production's drift is compared and found.
        SchemaTab *tab = schemaTab(w, production.name);
        tab->setMode(SchemaTab::Mode::Drift);
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
        QVERIFY2(tab->view()->differenceCount() > 0, qPrintable(tab->statusText()));
    }

    // Staging against production, chosen from the other-profile list: production's extra column
    // shows as a difference, with both sources named.
    void postgresStagingAgainstProduction()
    {
        const QString project = freshProject();
        const Profile production =
            pgProfile(QStringLiteral("production"), QStringLiteral("Production"), project);
        const Profile staging =
            pgProfile(QStringLiteral("staging"), QStringLiteral("Staging"), project);
        QVERIFY(m_server->psql(QStringLiteral("ALTER TABLE customers ADD COLUMN nickname text"),
                               nullptr, production.database));
        MainWindow w;
        w.saveProfile(production);
        w.saveProfile(staging);
        waitForSnapshot(w, staging.name);
        SchemaTab *tab = schemaTab(w, staging.name);
        tab->setMode(SchemaTab::Mode::Profile);
        auto *others = tab->findChild<QComboBox *>(QStringLiteral("profileCombo"));
        QCOMPARE(others->count(), 1); // every profile but the one shown
        others->setCurrentText(production.name);
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
        QVERIFY2(tab->view()->differenceCount() > 0, qPrintable(tab->statusText()));
        const QString status = tab->statusText();
        QVERIFY2(status.contains(QLatin1String("the project's heads")), qPrintable(status));
        QVERIFY2(status.contains(QLatin1String("the database of production")), qPrintable(status));
        QVERIFY2(tab->progressText().contains(production.database),
                 qPrintable(tab->progressText())); // where it was read
        QVERIFY(tab->canCreateMigration());
        shoot(w, QStringLiteral("staging-against-production.png"));

        // Staging's database against production's, both read only: the same column, and no
        // migration offered (a migration comes from the project's heads).
        tab->setMode(SchemaTab::Mode::Databases);
        QVERIFY(others->isVisibleTo(tab));
        others->setCurrentText(production.name);
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
        QCOMPARE(tab->view()->differenceCount(), 1);
        const QString databases = tab->statusText();
        QVERIFY2(databases.contains(QLatin1String("the database of staging")),
                 qPrintable(databases));
        QVERIFY2(databases.contains(QLatin1String("the database of production")),
                 qPrintable(databases));
        QVERIFY2(tab->progressText().contains(staging.database), qPrintable(tab->progressText()));
        QVERIFY(!tab->canCreateMigration());
        QVERIFY(tab->view()->createButton()->isHidden());
        shoot(w, QStringLiteral("staging-database-against-production.png"));

        // Production against staging likewise, from production's side.
        tab = schemaTab(w, production.name);
        tab->setMode(SchemaTab::Mode::Profile);
        QCOMPARE(others->currentText(), staging.name);
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
        QVERIFY2(tab->view()->differenceCount() == 0, qPrintable(tab->statusText()));
    }

    // Cancel, pressed at once or once the comparison reports progress, says cancelled (never a
    // result, never "no differences"); the tab compares again afterwards.
    void postgresCancel()
    {
        const QString project = freshProject();
        const Profile staging =
            pgProfile(QStringLiteral("staging"), QStringLiteral("Staging"), project);
        MainWindow w;
        w.saveProfile(staging);
        waitForSnapshot(w, staging.name);
        SchemaTab *tab = schemaTab(w, staging.name);
        tab->setMode(SchemaTab::Mode::Drift);
        auto *cancel = tab->findChild<QPushButton *>(QStringLiteral("cancelCompareButton"));
        QVERIFY(!cancel->isEnabled());

        for (const bool atOnce : {true, false}) {
            QSignalSpy done(tab, &SchemaTab::comparisonFinished);
            tab->findChild<QPushButton *>(QStringLiteral("compareButton"))->click();
            QVERIFY(cancel->isEnabled());
            if (!atOnce)
                QTRY_VERIFY_WITH_TIMEOUT(!tab->progressText().isEmpty() || !done.isEmpty(), 60000);
            cancel->click();
            QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 60000);
            QCOMPARE(done.first().first().toBool(), false);
            QVERIFY2(tab->statusText().startsWith(QLatin1String("Cancelled")),
                     qPrintable(tab->statusText()));
            QCOMPARE(tab->view()->differenceCount(), 0);
            QVERIFY(!tab->canCreateMigration());
        }
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
    }

    // A desired-state file that does not apply, and another profile whose database does not
    // exist: each a failure naming what was read, never "no differences".
    void postgresFailureShownAsFailure()
    {
        const QString project = freshProject();
        const Profile staging =
            pgProfile(QStringLiteral("staging"), QStringLiteral("Staging"), project);
        Profile gone = staging;
        gone.name = QStringLiteral("gone");
        gone.database = QStringLiteral("no_such_database");
        MainWindow w;
        w.saveProfile(staging);
        w.saveProfile(gone);
        waitForSnapshot(w, staging.name);
        SchemaTab *tab = schemaTab(w, staging.name);
        tab->setMode(SchemaTab::Mode::File);
        auto *file = tab->findChild<QLineEdit *>(QStringLiteral("fileEdit"));
        // strata.ini's schema_file is there already.
        QTRY_COMPARE_WITH_TIMEOUT(file->text(),
                                  QDir(project).filePath(QStringLiteral("desired.sql")), 30000);
        file->setText(QStringLiteral("broken.sql")); // relative to the project
        QVERIFY(!compareNow(tab));
        QString status = tab->statusText();
        QVERIFY2(status.contains(QLatin1String("failed")), qPrintable(status));
        QVERIFY2(status.contains(QLatin1String("broken.sql")), qPrintable(status));
        QVERIFY2(!status.contains(QLatin1String("No differences")), qPrintable(status));
        QCOMPARE(tab->view()->differenceCount(), 0);
        QVERIFY(!tab->canCreateMigration());

        tab->setMode(SchemaTab::Mode::Profile);
        tab->findChild<QComboBox *>(QStringLiteral("profileCombo"))->setCurrentText(gone.name);
        QVERIFY(!compareNow(tab));
        status = tab->statusText();
        QVERIFY2(status.contains(QLatin1String("no_such_database")), qPrintable(status));
        QVERIFY2(status.contains(QLatin1String("the database of gone")), qPrintable(status));
    }

    // Heads against the desired-state file: the migration is written (proven first), opens in
    // the Editor, and the profile shows it pending; a desired state whose migration fails its
    // proof writes nothing and says why.
    void postgresCreateMigrationWritesAndOpensIt()
    {
        const QString project = freshProject();
        const Profile staging =
            pgProfile(QStringLiteral("staging"), QStringLiteral("Staging"), project);
        MainWindow w;
        w.saveProfile(staging);
        waitForSnapshot(w, staging.name);
        SchemaTab *tab = schemaTab(w, staging.name);
        tab->setMode(SchemaTab::Mode::File);
        auto *file = tab->findChild<QLineEdit *>(QStringLiteral("fileEdit"));
        QTRY_VERIFY_WITH_TIMEOUT(!file->text().isEmpty(), 30000);

        file->setText(QStringLiteral("notnull.sql"));
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
        const QStringList before = versionFiles(project);
        QCOMPARE(createMigration(tab, QStringLiteral("add code")), QString());
        QVERIFY2(tab->statusText().contains(QLatin1String("proof")), qPrintable(tab->statusText()));
        QCOMPARE(versionFiles(project), before);

        file->setText(QStringLiteral("desired.sql"));
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
        const QString path = createMigration(tab, QStringLiteral("add email"));
        QVERIFY2(QFileInfo::exists(path), qPrintable(path + QLatin1Char(' ') + tab->statusText()));
        QCOMPARE(versionFiles(project).size(), before.size() + 1);
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(written.readAll());
        QVERIFY2(text.contains(QLatin1String("email")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("add email")), qPrintable(text));
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("tabs"));
        QCOMPARE(tabs->currentWidget(), w.findChild<QWidget *>(QStringLiteral("editorTab")));
        QVERIFY(w.editorArea()->editorFor(path));
        QTRY_COMPARE_WITH_TIMEOUT(w.snapshot(staging.name)->pending.size(), qsizetype(1), 30000);
        // The comparison shown was read before the migration: not offered twice.
        QVERIFY(!tab->canCreateMigration());
        QVERIFY2(tab->statusText().contains(QLatin1String("written and proven")),
                 qPrintable(tab->statusText()));
    }

    // Two revisions of the project: base against bbbb shows both tables; no migration is
    // offered from it.
    void postgresTwoRevisions()
    {
        const QString project = freshProject();
        const Profile staging =
            pgProfile(QStringLiteral("staging"), QStringLiteral("Staging"), project);
        MainWindow w;
        w.saveProfile(staging);
        waitForSnapshot(w, staging.name);
        SchemaTab *tab = schemaTab(w, staging.name);
        tab->setMode(SchemaTab::Mode::Revisions);
        auto *from = tab->findChild<QComboBox *>(QStringLiteral("fromRevisionCombo"));
        auto *to = tab->findChild<QComboBox *>(QStringLiteral("toRevisionCombo"));
        QVERIFY(to->findText(QStringLiteral("bbbb")) >= 0);
        from->setCurrentText(QStringLiteral("aaaa"));
        to->setCurrentText(QStringLiteral("bbbb"));
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
        QVERIFY2(tab->view()->differenceCount() > 0, qPrintable(tab->statusText()));
        QVERIFY2(tab->statusText().contains(QLatin1String("revision aaaa")),
                 qPrintable(tab->statusText()));
        QVERIFY(!tab->canCreateMigration());
        QVERIFY(tab->view()->createButton()->isHidden());
    }

    // The drift checker on its own: no check while a job runs on the profile; after a read that
    // finds the same revisions, none before the interval; a new revision, or the interval gone
    // by, checks again.
    void driftIsCheckedWhenDueAndNeverDuringAJob()
    {
        const QString project = freshProject();
        const Profile staging =
            sqliteProfile(QStringLiteral("staging"), QStringLiteral("Staging"), project);
        QWidget window;
        ProfilesController profiles(&window);
        QVERIFY(profiles.save(staging));
        QWidget panel;
        QLabel label;
        QProgressBar bar;
        QPushButton cancel;
        JobPanel jobs(&panel, &label, &bar, &cancel, [](const QString &) { return nullptr; });
        DriftMonitor monitor(&profiles, &jobs);
        QSignalSpy checking(&monitor, &DriftMonitor::checking);
        QSignalSpy checked(&monitor, &DriftMonitor::checked);
        QSignalSpy failed(&monitor, &DriftMonitor::checkFailed);
        const auto answers = [&] { return checked.size() + failed.size(); };

        auto read = std::make_shared<ProjectSnapshot>();
        read->reachable = true;
        read->status.exists = true;
        read->current = {QStringLiteral("bbbb")};
        jobs.begin(staging.name, JobPanel::Kind::Run, 1, QStringLiteral("upgrade"));
        monitor.noteSnapshot(staging.name, read);
        QCOMPARE(checking.size(), 0);
        jobs.end(staging.name);
        monitor.noteSnapshot(staging.name, read);
        QCOMPARE(checking.size(), 1);
        QVERIFY(monitor.isChecking(staging.name));
        QTRY_COMPARE_WITH_TIMEOUT(answers(), 1, 60000);
        QCOMPARE(checked.size(), 1);
        QVERIFY(!checked.first().at(1).value<DriftReportPtr>()->hasDrift());

        monitor.noteSnapshot(staging.name, read);
        QCOMPARE(checking.size(), 1);
        auto moved = std::make_shared<ProjectSnapshot>(*read);
        moved->current = {QStringLiteral("aaaa")};
        monitor.noteSnapshot(staging.name, moved);
        QCOMPARE(checking.size(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(answers(), 2, 60000);

        monitor.setInterval(1);
        QTRY_VERIFY_WITH_TIMEOUT(checking.size() >= 3, 60000);
        monitor.setInterval(DriftMonitor::defaultIntervalMs);
        QTRY_VERIFY_WITH_TIMEOUT(!monitor.isChecking(staging.name), 60000);
    }

    // The same on SQLite files: drift found in the tab and the badge, and a migration created
    // from a desired-state file.
    void sqliteDriftAndCreateMigration()
    {
        const QString project = freshProject();
        const Profile production =
            sqliteProfile(QStringLiteral("production"), QStringLiteral("Production"), project);
        const Profile staging =
            sqliteProfile(QStringLiteral("staging"), QStringLiteral("Staging"), project);
        QVERIFY(sqlite(production.sqliteFile,
                       QStringLiteral("ALTER TABLE customers ADD COLUMN nickname text")));
        MainWindow w;
        w.saveProfile(production);
        w.saveProfile(staging);
        waitForSnapshot(w, production.name);
        SchemaTab *tab = schemaTab(w, production.name);
        tab->setMode(SchemaTab::Mode::Drift);
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
        QVERIFY2(tab->view()->differenceCount() > 0, qPrintable(tab->statusText()));
        QTRY_COMPARE_WITH_TIMEOUT(w.profileDock()->driftText(production.name),
                                  QStringLiteral("drift"), 120000);
        QVERIFY(w.profileDock()->stateToolTip(production.name).contains(QLatin1String("nickname")));

        tab = schemaTab(w, staging.name);
        tab->setMode(SchemaTab::Mode::Profile);
        tab->findChild<QComboBox *>(QStringLiteral("profileCombo"))
            ->setCurrentText(production.name);
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
        QVERIFY2(tab->view()->differenceCount() > 0, qPrintable(tab->statusText()));

        tab->setMode(SchemaTab::Mode::File);
        tab->findChild<QLineEdit *>(QStringLiteral("fileEdit"))
            ->setText(QDir(project).filePath(QStringLiteral("desired.sql")));
        QVERIFY2(compareNow(tab), qPrintable(tab->statusText()));
        const QString path = createMigration(tab, QStringLiteral("add email"));
        QVERIFY2(QFileInfo::exists(path), qPrintable(path + QLatin1Char(' ') + tab->statusText()));
        QVERIFY(w.editorArea()->editorFor(path));
    }
};

QTEST_MAIN(TestSchemaTab)
#include "tst_schematab.moc"
