// Profile and ProfileStore: the saved connections, their JSON, pg_service.conf import.

#include "profiles/profilestore.h"
#include "profiles/protection.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "verify.h"

using namespace strata;

class TestProfileStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        file.write(content);
        return path;
    }

    static Profile postgresProfile()
    {
        Profile p = Profile::forEnvironment(QStringLiteral("Production"));
        p.name = QStringLiteral("shop prod");
        p.engine = Profile::Engine::Postgres;
        p.host = QStringLiteral("db.example");
        p.port = 5433;
        p.database = QStringLiteral("shop");
        p.user = QStringLiteral("deployer");
        p.sslmode = QStringLiteral("require");
        p.projectDir = QStringLiteral("/srv/shop/migrations");
        p.versionTable = QStringLiteral("shop_version");
        p.schema = QStringLiteral("deploy");
        return p;
    }

private Q_SLOTS:
    // The one protection policy both front ends ask (Protection): its rule, row by row.
    void protectionAsksForTheNameOnlyWhereTheDatabaseChanges()
    {
        QTemporaryDir dir;
        Profile prod = Profile::forEnvironment(QStringLiteral("Production"));
        prod.name = QStringLiteral("prod");
        prod.engine = Profile::Engine::Postgres;
        prod.database = QStringLiteral("shop");
        Profile dev = Profile::forEnvironment(QStringLiteral("Development"));
        dev.name = QStringLiteral("dev");
        dev.sqliteFile = dir.filePath(QStringLiteral("dev.db"));
        QVERIFY(prod.isProtected && !dev.isProtected);

        const QList<GuardedAction> changing{GuardedAction::Upgrade, GuardedAction::Downgrade,
                                            GuardedAction::Stamp,   GuardedAction::Repair,
                                            GuardedAction::Restore, GuardedAction::GuidedRollback};
        for (GuardedAction action : changing) {
            const Guard g = Protection::guard(action, GuardedMode::Apply, &prod);
            QCOMPARE(g.confirmName, QStringLiteral("shop"));
            QVERIFY(g.why.contains(QStringLiteral("prod is protected")));
            for (GuardedMode mode :
                 {GuardedMode::DryRun, GuardedMode::Plan, GuardedMode::OfflineSql})
                QVERIFY(!Protection::guard(action, mode, &prod).needsConfirmation());
        }
        // Every change to a protected database offers a backup first, on by default.
        for (GuardedAction action : changing.mid(0, changing.size() - 1)) {
            const Guard g = Protection::guard(action, GuardedMode::Apply, &prod);
            QCOMPARE(g.backup, Guard::Backup::Offered);
            QCOMPARE(Protection::backupFirst(g, std::nullopt).value(), true);
            QCOMPARE(Protection::backupFirst(g, false).value(), false);
        }
        const Guard rollback =
            Protection::guard(GuardedAction::GuidedRollback, GuardedMode::Apply, &prod);
        QCOMPARE(Protection::backupFirst(rollback, std::nullopt).value(), true);
        QCOMPARE(Protection::backupFirst(rollback, false).error().code, Error::Code::Refused);
        QCOMPARE(Protection::backupFirst(Guard{}, std::nullopt).value(), false);
        QCOMPARE(Protection::backupFirst(Guard{}, true).value(), true);
        QCOMPARE(Protection::guard(GuardedAction::GuidedRollback, GuardedMode::Apply, &prod).backup,
                 Guard::Backup::Required);

        // Unprotected: nothing asked, except the wizard's name; a SQLite file not created yet
        // has nothing to back up.
        for (GuardedAction action :
             {GuardedAction::Upgrade, GuardedAction::Downgrade, GuardedAction::Stamp,
              GuardedAction::Repair, GuardedAction::Restore})
            QVERIFY(!Protection::guard(action, GuardedMode::Apply, &dev).needsConfirmation());
        Guard wizard = Protection::guard(GuardedAction::GuidedRollback, GuardedMode::Apply, &dev);
        QCOMPARE(wizard.confirmName, QStringLiteral("dev.db"));
        QCOMPARE(wizard.backup, Guard::Backup::None);

        // A restore into a database named without a profile (--url, DATABASE_URL, ...).
        const Guard url = Protection::guard(GuardedAction::Restore, GuardedMode::Apply, nullptr,
                                            QStringLiteral("app"));
        QCOMPARE(url.confirmName, QStringLiteral("app"));
        QVERIFY(!Protection::guard(GuardedAction::Downgrade, GuardedMode::Apply, nullptr,
                                   QStringLiteral("app"))
                     .needsConfirmation());

        // The check: exact names pass; anything else is a refusal (exit 1) naming the target.
        const Guard g = Protection::guard(GuardedAction::Downgrade, GuardedMode::Apply, &prod);
        QVERIFY(Protection::check(g, QStringLiteral("shop")).ok());
        for (const QString &typed : {QString(), QStringLiteral("Shop"), QStringLiteral("shop ")}) {
            const Status s = Protection::check(g, typed);
            QVERIFY(!s.ok());
            QCOMPARE(s.error().code, Error::Code::Refused);
            QCOMPARE(s.error().kind, Error::Kind::Failure);
            QVERIFY2(s.error().message.contains(QStringLiteral("shop")),
                     qPrintable(s.error().message));
        }

        // The name of a database given by URL.
        ConnectionInfo sqlite;
        sqlite.sqlitePath = dir.filePath(QStringLiteral("app.db"));
        QCOMPARE(Protection::databaseName(sqlite).value(), QStringLiteral("app.db"));
        ConnectionInfo pg;
        pg.engine = ConnectionInfo::Engine::Postgres;
        pg.postgresConninfo = QStringLiteral("postgresql://u:secret@db.example:5433/orders");
        QCOMPARE(Protection::databaseName(pg).value(), QStringLiteral("orders"));
    }

    void defaultFileIsTheSameForTheAppAndTheCommandLine()
    {
        QTemporaryDir home;
        qunsetenv("STRATA_CONFIG_DIR");
        qputenv("XDG_CONFIG_HOME", home.path().toUtf8());
        // The command line sets no organisation; the app sets "Strata". Both read one file.
        const QString expected = home.filePath(QStringLiteral("Strata/strata/profiles.json"));
        QCoreApplication::setOrganizationName({});
        QCOMPARE(ProfileStore::defaultFilePath(), expected);
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
        QCOMPARE(ProfileStore::defaultFilePath(), expected);
        qputenv("STRATA_CONFIG_DIR", home.filePath(QStringLiteral("elsewhere")).toUtf8());
        QCOMPARE(ProfileStore::defaultFilePath(),
                 home.filePath(QStringLiteral("elsewhere/profiles.json")));
        qunsetenv("STRATA_CONFIG_DIR");
        qunsetenv("XDG_CONFIG_HOME");
    }

    void environmentsSetColourAndProtection()
    {
        const Profile production = Profile::forEnvironment(QStringLiteral("Production"));
        QVERIFY(production.isProtected);
        QCOMPARE(production.colour, QStringLiteral("#c62828"));
        const Profile development = Profile::forEnvironment(QStringLiteral("Development"));
        QVERIFY(!development.isProtected);
        QVERIFY(development.colour != production.colour);
        const Profile custom = Profile::forEnvironment(QStringLiteral("QA"));
        QVERIFY(!custom.isProtected);
        QCOMPARE(custom.environment, QStringLiteral("QA"));
    }

    void postgresUrlQuotesValuesAndAddsPasswordOnlyWhenGiven()
    {
        Profile p = postgresProfile();
        p.user = QStringLiteral("o'brien");
        const QString url = p.url();
        QCOMPARE(url, QStringLiteral("host='db.example' port='5433' dbname='shop' "
                                     "user='o\\'brien' sslmode='require'"));
        QVERIFY(p.url(QStringLiteral("s3cret")).endsWith(QStringLiteral("password='s3cret'")));
        QCOMPARE(p.databaseName(), QStringLiteral("shop"));
        QCOMPARE(p.displayTarget(), QStringLiteral("shop on db.example:5433 as o'brien"));
    }

    void serviceProfileLeavesTheRestToTheServiceFile()
    {
        Profile p;
        p.engine = Profile::Engine::Postgres;
        p.service = QStringLiteral("shop_staging");
        QCOMPARE(p.url(), QStringLiteral("service='shop_staging'"));
        QCOMPARE(p.databaseName(), QStringLiteral("shop_staging"));
        QCOMPARE(p.displayTarget(), QStringLiteral("service shop_staging"));
    }

    void sqliteUrlIsAbsolute()
    {
        Profile p;
        p.sqliteFile = m_dir.filePath(QStringLiteral("dev.db"));
        QCOMPARE(p.url(), QStringLiteral("sqlite:///") + p.sqliteFile);
        QCOMPARE(p.databaseName(), QStringLiteral("dev.db"));
    }

    void saveAndLoadRoundTrip()
    {
        Profile sqlite = Profile::forEnvironment(QStringLiteral("Development"));
        sqlite.name = QStringLiteral("local");
        sqlite.sqliteFile = m_dir.filePath(QStringLiteral("local.db"));
        sqlite.projectDir = m_dir.path();
        const QList<Profile> saved{postgresProfile(), sqlite};

        ProfileStore store(m_dir.filePath(QStringLiteral("config/profiles.json")));
        QVERIFY(store.load()->isEmpty()); // no file yet
        QVERIFY(store.save(saved).ok());
        auto loaded = store.load();
        VERIFY_OK(loaded);
        QCOMPARE(loaded->size(), 2);
        const Profile &pg = loaded->at(0);
        QCOMPARE(pg.name, QStringLiteral("shop prod"));
        QCOMPARE(pg.environment, QStringLiteral("Production"));
        QVERIFY(pg.isProtected);
        QCOMPARE(pg.engine, Profile::Engine::Postgres);
        QCOMPARE(pg.port, 5433);
        QCOMPARE(pg.sslmode, QStringLiteral("require"));
        QCOMPARE(pg.versionTable, QStringLiteral("shop_version"));
        QCOMPARE(pg.schema, QStringLiteral("deploy"));
        QCOMPARE(pg.url(), postgresProfile().url());
        QCOMPARE(loaded->at(1).engine, Profile::Engine::Sqlite);
        QCOMPARE(loaded->at(1).sqliteFile, sqlite.sqliteFile);
    }

    void brokenFilesNameTheFileAndTheProfile()
    {
        auto broken = ProfileStore(write(QStringLiteral("broken.json"), "{\"profiles\": [")).load();
        QVERIFY(!broken.ok());
        QVERIFY(broken.error().file.endsWith(QStringLiteral("broken.json")));
        QVERIFY(broken.error().message.contains(QStringLiteral("not valid JSON")));

        auto badColour = ProfileStore(write(QStringLiteral("colour.json"),
                                            R"({"profiles":[{"name":"ci","engine":"sqlite",
                                                "file":"/tmp/x.db","colour":"red"}]})"))
                             .load();
        QVERIFY(!badColour.ok());
        QVERIFY(badColour.error().message.contains(QStringLiteral("profile 'ci'")));
        QVERIFY(badColour.error().message.contains(QStringLiteral("colour 'red'")));

        auto twice = ProfileStore(write(QStringLiteral("twice.json"),
                                        R"({"profiles":[{"name":"a","file":"/x.db"},
                                                        {"name":"a","file":"/y.db"}]})"))
                         .load();
        QVERIFY(!twice.ok());
        QVERIFY(twice.error().message.contains(QStringLiteral("'a' appears twice")));

        auto engine = ProfileStore(write(QStringLiteral("engine.json"),
                                         R"({"profiles":[{"name":"m","engine":"mysql"}]})"))
                          .load();
        QVERIFY(!engine.ok());
        QVERIFY(engine.error().message.contains(QStringLiteral("unknown engine 'mysql'")));
    }

    void aPasswordInAnImportedFileIsRefused()
    {
        auto imported = ProfileStore::importFrom(
            write(QStringLiteral("secret.json"),
                  R"({"profiles":[{"name":"p","engine":"postgresql","database":"shop",
                                   "password":"hunter2"}]})"));
        QVERIFY(!imported.ok());
        QVERIFY(imported.error().message.contains(QStringLiteral("never store secrets")));
        QVERIFY(!imported.error().toString().contains(QStringLiteral("hunter2")));
    }

    void exportHoldsNoSecretAndImportsBack()
    {
        const QString file = m_dir.filePath(QStringLiteral("team.json"));
        QVERIFY(ProfileStore::exportTo(file, {postgresProfile()}).ok());
        QFile in(file);
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray json = in.readAll();
        QVERIFY(!json.contains("password"));
        auto back = ProfileStore::importFrom(file);
        QVERIFY(back.ok());
        QCOMPARE(back->size(), 1);
        QCOMPARE(back->first().displayTarget(), postgresProfile().displayTarget());
    }

    void importsServiceFileSections()
    {
        auto imported = ProfileStore::importPgService(write(QStringLiteral("pg_service.conf"),
                                                            "# team services\n"
                                                            "[shop_prod]\n"
                                                            "host=db.example\n"
                                                            "port=5433\n"
                                                            "dbname=shop\n"
                                                            "user=deployer\n"
                                                            "password=never-copied\n"
                                                            "\n"
                                                            "[shop_dev]\n"
                                                            "dbname = shop_dev\n"));
        VERIFY_OK(imported);
        QCOMPARE(imported->size(), 2);
        const Profile &prod = imported->at(0);
        QCOMPARE(prod.name, QStringLiteral("shop_prod"));
        QCOMPARE(prod.engine, Profile::Engine::Postgres);
        QCOMPARE(prod.service, QStringLiteral("shop_prod"));
        QCOMPARE(prod.port, 5433);
        QCOMPARE(prod.database, QStringLiteral("shop"));
        QVERIFY(!prod.url().contains(QStringLiteral("never-copied")));
        QVERIFY(!QJsonDocument(prod.toJson()).toJson().contains("never-copied"));
        QCOMPARE(imported->at(1).database, QStringLiteral("shop_dev"));
    }

    void serviceFileErrorsNameTheLine()
    {
        auto orphan = ProfileStore::importPgService(
            write(QStringLiteral("orphan.conf"), "# x\nhost=db\n[s]\n"));
        QVERIFY(!orphan.ok());
        QCOMPARE(orphan.error().line, 2);
        QVERIFY(orphan.error().message.contains(QStringLiteral("before any [service]")));

        auto port =
            ProfileStore::importPgService(write(QStringLiteral("port.conf"), "[s]\nport=fifty\n"));
        QVERIFY(!port.ok());
        QCOMPARE(port.error().line, 2);
        QVERIFY(port.error().message.contains(QStringLiteral("'fifty'")));
    }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
