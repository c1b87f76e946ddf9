// Backups and restores on real engines: a PostgreSQL database with data (several tables,
// thousands of rows, a sequence, a view) backed up in every format, changed, restored, and
// compared by schema dump and row counts; the same on SQLite; the password never on pg_dump's
// command line nor in the catalogue or the audit log; a damaged backup refused; a pg_dump too
// old for the server named; retention; cancel.

#include "audit/auditlog.h"
#include "backup/backupcatalog.h"
#include "backup/backuprunner.h"
#include "backup/pgtools.h"
#include "backup/restorerunner.h"
#include "connection/connectioninfo.h"
#include "files.h"
#include "pgserver.h"
#include "sqlitefile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace strata;
using strata::test::PgServer;

class TestBackup : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgServer> m_server;
    QTemporaryDir m_home;
    int m_databases = 0;

    QString backupDir(const QString &name) const { return m_home.filePath(name); }

    static ConnectionInfo connection(const QString &url)
    {
        auto c = ConnectionResolver::parseUrl(url, QDir::currentPath());
        if (!c)
            qFatal("bad url");
        return *c;
    }

    QString psqlOut(const QString &sql, const QString &database) const
    {
        QString out;
        if (!m_server->psql(sql, &out, database))
            return QStringLiteral("ERROR: ") + out;
        return out;
    }

    // A fresh database like a shop's: three tables with thousands of rows, a sequence used by
    // one of them, a view.
    QString shopDatabase()
    {
        const QString db = QStringLiteral("shop_%1").arg(++m_databases);
        if (!m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(db)))
            return {};
        const bool ok = m_server->psql(
            QStringLiteral(
                "CREATE SEQUENCE invoice_numbers START 1000;"
                "CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);"
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES "
                "customers (id), total_cents bigint NOT NULL, invoice bigint DEFAULT "
                "nextval('invoice_numbers'));"
                "CREATE TABLE order_notes (order_id bigint REFERENCES orders (id), note text);"
                "CREATE INDEX orders_customer ON orders (customer_id);"
                "INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 2000) g;"
                "INSERT INTO orders (id, customer_id, total_cents) SELECT g, 1 + g % 2000, g * 7 "
                "FROM generate_series(1, 6000) g;"
                "INSERT INTO order_notes SELECT g, repeat('n', g % 50) FROM generate_series(1, "
                "6000, 3) g;"
                "CREATE VIEW big_spenders AS SELECT customer_id, sum(total_cents) AS spent FROM "
                "orders GROUP BY customer_id HAVING sum(total_cents) > 100000;"),
            nullptr, db);
        return ok ? db : QString();
    }

    QString schemaDump(const QString &db) const
    {
        QProcess p;
        p.start(
            m_server->binDir() + QStringLiteral("/pg_dump"),
            {QStringLiteral("--schema-only"), QStringLiteral("--dbname"), m_server->conninfo(db)});
        p.waitForFinished(60000);
        // pg_dump 15.14 and later fence the script with a random \restrict key.
        QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'));
        lines.removeIf([](const QString &l) {
            return l.startsWith(QLatin1String("\\restrict")) ||
                   l.startsWith(QLatin1String("\\unrestrict"));
        });
        return lines.join(QLatin1Char('\n'));
    }

    QString counts(const QString &db) const
    {
        return psqlOut(QStringLiteral("SELECT (SELECT count(*) FROM customers) || ',' || (SELECT "
                                      "count(*) FROM orders) || ',' || (SELECT count(*) FROM "
                                      "order_notes) || ',' || (SELECT last_value FROM "
                                      "invoice_numbers) || ',' || (SELECT count(*) FROM "
                                      "big_spenders)"),
                       db);
    }

    // What a careless afternoon does to a database: objects dropped, changed and created.
    bool damage(const QString &db) const
    {
        return m_server->psql(QStringLiteral("DROP VIEW big_spenders; DELETE FROM order_notes; "
                                             "DELETE FROM orders WHERE id % 2 = 0; ALTER TABLE "
                                             "customers ADD COLUMN vip boolean; SELECT "
                                             "setval('invoice_numbers', 99999); CREATE TABLE "
                                             "created_later (x int); CREATE SCHEMA reports; "
                                             "CREATE TABLE reports.daily (d date);"),
                              nullptr, db);
    }

    // A session holding an exclusive lock on orders for about a second, so the next pg_dump
    // or pg_restore waits while a test looks at it; null when the lock was not taken.
    std::unique_ptr<QProcess> holdLock(const QString &db) const
    {
        auto holder = std::make_unique<QProcess>();
        holder->start(m_server->binDir() + QStringLiteral("/psql"),
                      {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-d"),
                       m_server->conninfo(db), QStringLiteral("-c"),
                       QStringLiteral("BEGIN; LOCK TABLE orders IN ACCESS EXCLUSIVE MODE; SELECT "
                                      "pg_sleep(1); COMMIT;")});
        if (!holder->waitForStarted(10000))
            return nullptr;
        for (int i = 0; i < 100; ++i) {
            if (psqlOut(QStringLiteral("SELECT count(*) FROM pg_locks WHERE relation = "
                                       "'orders'::regclass AND mode = 'AccessExclusiveLock' AND "
                                       "granted"),
                        db) == QLatin1String("1"))
                return holder;
            QThread::msleep(20);
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        QString why;
        m_server = PgServer::start(&why);
        QVERIFY2(m_server, qPrintable(why));
    }

    void postgresRoundTrip_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("jobs");
        QTest::newRow("custom") << QStringLiteral("custom") << 1;
        QTest::newRow("directory, 2 jobs") << QStringLiteral("directory") << 2;
        QTest::newRow("plain") << QStringLiteral("plain") << 1;
        QTest::newRow("tar") << QStringLiteral("tar") << 1;
    }

    void postgresRoundTrip()
    {
        QFETCH(QString, format);
        QFETCH(int, jobs);
        const QString db = shopDatabase();
        QVERIFY(!db.isEmpty());
        const QString schema = schemaDump(db);
        const QString rows = counts(db);
        QVERIFY2(rows.startsWith(QStringLiteral("2000,6000,2000,")), qPrintable(rows));

        BackupRequest request;
        request.connection = connection(m_server->conninfo(db));
        request.profile = QStringLiteral("staging");
        request.revisions = {QStringLiteral("be0a3c5f7b11")};
        request.outDir = backupDir(QStringLiteral("pg-") + format);
        request.format = format;
        request.jobs = jobs;
        QList<BackupProgress> progress;
        BackupCallbacks callbacks;
        callbacks.progress = [&](const BackupProgress &p) { progress.append(p); };
        auto info = BackupRunner::run(request, callbacks);
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
        QVERIFY(QFileInfo::exists(info->path));
        QCOMPARE(info->format, format);
        QCOMPARE(info->revisions, request.revisions);
        QVERIFY(info->serverVersion.startsWith(QStringLiteral("PostgreSQL ")));
        QVERIFY(info->sizeBytes > 0);
        QCOMPARE(BackupCatalog::checksum(info->path).value(), info->sha256);
        QCOMPARE(BackupCatalog::list(request.outDir).size(), 1);
        // Progress names tables as pg_dump reaches them, out of the three there are.
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().total, 3);
        QCOMPARE(progress.last().done, 3);

        QVERIFY(damage(db));
        QVERIFY(counts(db) != rows);
        RestoreRequest restore;
        restore.backup = info->path;
        restore.target = request.connection;
        restore.jobs = jobs;
        auto restored = RestoreRunner::run(restore);
        QVERIFY2(restored.ok(), restored.ok() ? "" : qPrintable(restored.error().toString()));
        QCOMPARE(counts(db), rows);
        QCOMPARE(schemaDump(db), schema);
    }

    void restoreIntoAnotherDatabase()
    {
        // Production into staging: a different database, the same content.
        const QString source = shopDatabase();
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE staging_copy")));
        BackupRequest request;
        request.connection = connection(m_server->conninfo(source));
        request.outDir = backupDir(QStringLiteral("cross"));
        auto info = BackupRunner::run(request);
        QVERIFY(info.ok());
        RestoreRequest restore;
        restore.backup = info->path;
        restore.target = connection(m_server->conninfo(QStringLiteral("staging_copy")));
        auto restored = RestoreRunner::run(restore);
        QVERIFY2(restored.ok(), restored.ok() ? "" : qPrintable(restored.error().toString()));
        QCOMPARE(counts(QStringLiteral("staging_copy")), counts(source));
    }

    void passwordNeverOnTheCommandLineNorWritten()
    {
        const QString db = shopDatabase();
        const QString secret = QStringLiteral("s3cret-%1").arg(QCoreApplication::applicationPid());
        QVERIFY(m_server->psql(
            QStringLiteral("CREATE ROLE backup_user LOGIN SUPERUSER PASSWORD '%1'").arg(secret)));
        // Over TCP the server asks for the password (scram-sha-256).
        const QString url = QStringLiteral("host=127.0.0.1 port=%1 dbname=%2 user=backup_user "
                                           "password=%3")
                                .arg(m_server->port())
                                .arg(db, secret);
        BackupRequest request;
        request.connection = connection(url);
        request.profile = QStringLiteral("prod");
        request.outDir = backupDir(QStringLiteral("secret"));
        // pg_dump is held on a lock for a moment, so its command line is read while it runs
        // (a finished child's /proc entry is empty).
        QByteArray commandLine;
        QString program;
        qint64 child = 0;
        BackupCallbacks callbacks;
        callbacks.started = [&](qint64 pid) { child = pid; };
        callbacks.running = [&] {
            if (!commandLine.isEmpty())
                return;
            commandLine = test::readFile(QStringLiteral("/proc/%1/cmdline").arg(child));
            program = QFileInfo(QFile::symLinkTarget(QStringLiteral("/proc/%1/exe").arg(child)))
                          .fileName();
        };
        auto lock = holdLock(db);
        QVERIFY(lock);
        auto info = BackupRunner::run(request, callbacks);
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
        QCOMPARE(program, QStringLiteral("pg_dump"));
        QVERIFY(commandLine.contains("backup_user"));
        QVERIFY2(!commandLine.contains(secret.toUtf8()), commandLine.constData());
        QVERIFY(!test::readFile(info->catalogFile()).contains(secret.toUtf8()));
        QVERIFY(!info->database.contains(secret));

        // The restore goes the same way.
        QByteArray restoreLine;
        BackupCallbacks restoreCallbacks;
        restoreCallbacks.started = [&](qint64 pid) { child = pid; };
        restoreCallbacks.running = [&] {
            if (restoreLine.isEmpty())
                restoreLine = test::readFile(QStringLiteral("/proc/%1/cmdline").arg(child));
        };
        lock->waitForFinished(10000);
        lock = holdLock(db);
        QVERIFY(lock);
        RestoreRequest restore;
        restore.backup = info->path;
        restore.target = request.connection;
        QVERIFY(RestoreRunner::run(restore, restoreCallbacks).ok());
        lock->waitForFinished(10000);
        QVERIFY(restoreLine.contains("pg_restore"));
        QVERIFY(!restoreLine.contains(secret.toUtf8()));

        // A wrong password: the error says so without repeating it.
        BackupRequest wrong = request;
        wrong.connection = connection(QString(url).replace(secret, QStringLiteral("nope-x1")));
        auto refused = BackupRunner::run(wrong);
        QVERIFY(!refused.ok());
        QVERIFY(!refused.error().toString().contains(QStringLiteral("nope-x1")));
        QVERIFY(BackupCatalog::list(request.outDir).size() == 1);
    }

    void damagedBackupIsRefusedAndTheDatabaseKept()
    {
        const QString db = shopDatabase();
        BackupRequest request;
        request.connection = connection(m_server->conninfo(db));
        request.outDir = backupDir(QStringLiteral("damaged"));
        auto info = BackupRunner::run(request);
        QVERIFY(info.ok());
        {
            QFile f(info->path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(f.size() / 2);
            const char c = f.peek(1).at(0);
            f.write(QByteArray(1, char(c ^ 0x5a)));
        }
        QVERIFY(damage(db));
        const QString after = counts(db);
        RestoreRequest restore;
        restore.backup = info->path;
        restore.target = request.connection;
        auto refused = RestoreRunner::run(restore);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.contains(info->path) &&
                     refused.error().message.contains(QStringLiteral("does not match")),
                 qPrintable(refused.error().message));
        QCOMPARE(counts(db), after);
    }

    void restoreThatFailsHalfWayChangesNothing()
    {
        // A check whose function refuses rows unless a session setting allows them: the rows
        // are in the backup, so the restore stops at their COPY, after the target's schemas
        // were dropped; that drop is rolled back with the rest.
        const QString db = shopDatabase();
        QVERIFY(m_server->psql(
            QStringLiteral("CREATE FUNCTION public.allowed() RETURNS boolean LANGUAGE plpgsql AS "
                           "$$BEGIN IF coalesce(current_setting('app.allow', true), '') <> 'on' "
                           "THEN RAISE EXCEPTION 'rows refused here'; END IF; RETURN true; "
                           "END$$; SET app.allow = 'on'; ALTER TABLE order_notes ADD CONSTRAINT "
                           "notes_allowed CHECK (public.allowed())"),
            nullptr, db));
        BackupRequest request;
        request.connection = connection(m_server->conninfo(db));
        request.outDir = backupDir(QStringLiteral("halfway"));
        auto info = BackupRunner::run(request);
        QVERIFY(info.ok());
        QVERIFY(damage(db));
        const QString schema = schemaDump(db);
        const QString rows = psqlOut(QStringLiteral("SELECT (SELECT count(*) FROM orders) || ',' "
                                                    "|| (SELECT count(*) FROM created_later)"),
                                     db);
        RestoreRequest restore;
        restore.backup = info->path;
        restore.target = request.connection;
        auto failed = RestoreRunner::run(restore);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().toString().contains(QStringLiteral("rows refused here")),
                 qPrintable(failed.error().toString()));
        QVERIFY2(failed.error().toString().contains(QStringLiteral("nothing of it was kept")),
                 qPrintable(failed.error().toString()));
        QCOMPARE(schemaDump(db), schema);
        QCOMPARE(psqlOut(QStringLiteral("SELECT (SELECT count(*) FROM orders) || ',' || (SELECT "
                                        "count(*) FROM created_later)"),
                         db),
                 rows);
    }

    void missingRolesAreNamedAndNoOwnerRestores_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("custom") << QStringLiteral("custom");
        QTest::newRow("plain") << QStringLiteral("plain");
    }

    void missingRolesAreNamedAndNoOwnerRestores()
    {
        // The backup names an owner and a grantee that are gone by the time it is restored:
        // the restore is refused before anything changes, naming both; --no-owner restores.
        QFETCH(QString, format);
        const QString db = shopDatabase();
        const QString owner = QStringLiteral("gone_owner_%1").arg(m_databases);
        const QString reader = QStringLiteral("Gone Reader %1").arg(m_databases);
        QVERIFY(m_server->psql(QStringLiteral("CREATE ROLE %1; CREATE ROLE \"%2\"; ALTER TABLE "
                                              "order_notes OWNER TO %1; GRANT SELECT ON orders "
                                              "TO \"%2\"")
                                   .arg(owner, reader),
                               nullptr, db));
        BackupRequest request;
        request.connection = connection(m_server->conninfo(db));
        request.outDir = backupDir(QStringLiteral("roles-") + format);
        request.format = format;
        auto info = BackupRunner::run(request);
        QVERIFY(info.ok());
        QVERIFY(m_server->psql(QStringLiteral("REASSIGN OWNED BY %1 TO postgres; DROP OWNED BY "
                                              "%1; DROP OWNED BY \"%2\"; DROP ROLE %1; DROP ROLE "
                                              "\"%2\"")
                                   .arg(owner, reader),
                               nullptr, db));
        QVERIFY(damage(db));
        const QString schema = schemaDump(db);
        RestoreRequest restore;
        restore.backup = info->path;
        restore.target = request.connection;
        auto refused = RestoreRunner::run(restore);
        QVERIFY(!refused.ok());
        const QString message = refused.error().toString();
        QCOMPARE(refused.error().code, Error::Code::NotFound);
        QVERIFY2(message.contains(owner) && message.contains(reader), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("--no-owner")), qPrintable(message));
        QCOMPARE(schemaDump(db), schema);

        restore.noOwner = true;
        auto restored = RestoreRunner::run(restore);
        QVERIFY2(restored.ok(), restored.ok() ? "" : qPrintable(restored.error().toString()));
        QVERIFY(restored->ownersLeftOut);
        QVERIFY(!restored->ownersNote.isEmpty());
        QCOMPARE(psqlOut(QStringLiteral("SELECT count(*) FROM order_notes"), db),
                 QStringLiteral("2000"));
        QCOMPARE(psqlOut(QStringLiteral("SELECT tableowner FROM pg_tables WHERE tablename = "
                                        "'order_notes'"),
                         db),
                 QStringLiteral("postgres"));
    }

    // The database-level objects of db that live outside schemas, with their content: large
    // objects and their bytes, publications and their tables, subscriptions, event triggers,
    // extensions, foreign-data wrappers, servers and user mappings, casts, languages.
    QString databaseObjects(const QString &db) const
    {
        return psqlOut(
            QStringLiteral(
                "SELECT concat_ws(E'\\n',"
                " (SELECT string_agg(oid || '=' || encode(lo_get(oid), 'escape'), ',' ORDER BY oid)"
                "  FROM pg_largeobject_metadata),"
                " (SELECT string_agg(pubname || ':' || coalesce((SELECT string_agg(tablename, '+' "
                "  ORDER BY tablename) FROM pg_publication_tables t WHERE t.pubname = p.pubname), "
                "''), ',' ORDER BY pubname) FROM pg_publication p),"
                " (SELECT string_agg(subname || ':' || array_to_string(subpublications, '+'), ',' "
                "  ORDER BY subname) FROM pg_subscription),"
                " (SELECT string_agg(evtname || ':' || evtevent, ',' ORDER BY evtname) FROM "
                "  pg_event_trigger),"
                " (SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension),"
                " (SELECT string_agg(fdwname, ',' ORDER BY fdwname) FROM pg_foreign_data_wrapper),"
                " (SELECT string_agg(srvname, ',' ORDER BY srvname) FROM pg_foreign_server),"
                " (SELECT string_agg(srvname || ':' || usename, ',' ORDER BY srvname, usename) "
                "  FROM pg_user_mappings),"
                " (SELECT string_agg(format_type(castsource, NULL) || '->' || "
                "  format_type(casttarget, NULL), ',' ORDER BY 1) FROM pg_cast WHERE oid >= 16384),"
                " (SELECT string_agg(lanname, ',' ORDER BY lanname) FROM pg_language WHERE oid >= "
                "  16384))"),
            db);
    }

    // The database's own comment, settings, its roles' settings in it, and its privileges.
    QString databaseProperties(const QString &db) const
    {
        return psqlOut(
            QStringLiteral(
                "SELECT concat_ws(E'\n', shobj_description(d.oid, 'pg_database'), "
                "(SELECT string_agg(x, ',' ORDER BY x) FROM unnest(d.datacl::text[]) x), (SELECT "
                "string_agg(coalesce(r.rolname, '*') || "
                "'=' || array_to_string(s.setconfig, ','), ';' ORDER BY 1) FROM "
                "pg_db_role_setting s LEFT JOIN pg_roles r ON r.oid = s.setrole WHERE "
                "s.setdatabase = d.oid)) FROM pg_database d WHERE d.datname = current_database()"),
            db);
    }

    void databaseLevelObjectsRestoreInPlace_data() { postgresRoundTrip_data(); }

    void databaseLevelObjectsRestoreInPlace()
    {
        // Today: "duplicate key ... pg_largeobject_metadata", "publication already exists".
        QFETCH(QString, format);
        QFETCH(int, jobs);
        const QString db = shopDatabase();
        QVERIFY(!db.isEmpty());
        const QString user = QStringLiteral("mapped_%1").arg(m_databases);
        QVERIFY(m_server->psql(QStringLiteral("CREATE ROLE %1").arg(user)));
        const QStringList setup{
            QStringLiteral("SELECT lo_from_bytea(0, 'first large object')"),
            QStringLiteral("SELECT lo_from_bytea(0, '\\x00ff00'::bytea)"),
            QStringLiteral("CREATE PUBLICATION shop_pub FOR TABLE customers, orders"),
            QStringLiteral("CREATE PUBLICATION all_notes FOR TABLE order_notes"),
            QStringLiteral("CREATE SUBSCRIPTION shop_sub CONNECTION 'host=nowhere.invalid' "
                           "PUBLICATION shop_pub WITH (connect = false)"),
            QStringLiteral("CREATE FUNCTION public.on_ddl() RETURNS event_trigger LANGUAGE "
                           "plpgsql AS 'BEGIN END'"),
            QStringLiteral("CREATE EVENT TRIGGER audit_ddl ON ddl_command_end EXECUTE FUNCTION "
                           "public.on_ddl()"),
            QStringLiteral("CREATE EXTENSION pg_trgm"),
            QStringLiteral("CREATE FOREIGN DATA WRAPPER plain_wrapper"),
            QStringLiteral("CREATE SERVER archive FOREIGN DATA WRAPPER plain_wrapper"),
            QStringLiteral("CREATE USER MAPPING FOR %1 SERVER archive").arg(user),
            QStringLiteral("CREATE CAST (boolean AS bigint) WITH INOUT"),
            QStringLiteral("CREATE FUNCTION public.sample_handler() RETURNS language_handler AS "
                           "'plpgsql', 'plpgsql_call_handler' LANGUAGE c"),
            QStringLiteral("CREATE TRUSTED LANGUAGE plsample HANDLER public.sample_handler"),
        };
        for (const QString &sql : setup)
            QVERIFY2(m_server->psql(sql, nullptr, db), qPrintable(sql));
        const QStringList properties{
            QStringLiteral("COMMENT ON DATABASE %1 IS 'the shop of record'").arg(db),
            QStringLiteral("ALTER DATABASE %1 SET work_mem = '7MB'").arg(db),
            QStringLiteral("ALTER ROLE %1 IN DATABASE %2 SET work_mem = '3MB'").arg(user, db),
            QStringLiteral("REVOKE TEMPORARY ON DATABASE %1 FROM PUBLIC").arg(db),
            QStringLiteral("GRANT CONNECT, CREATE ON DATABASE %1 TO %2").arg(db, user),
        };
        for (const QString &sql : properties)
            QVERIFY2(m_server->psql(sql, nullptr, db), qPrintable(sql));
        const QString databaseProperties = this->databaseProperties(db);
        const QString objects = databaseObjects(db);
        QVERIFY2(objects.contains(QStringLiteral("=first large object")) &&
                     objects.contains(QStringLiteral("shop_pub:customers+orders")) &&
                     objects.contains(QStringLiteral("archive:") + user),
                 qPrintable(objects));
        const QString schema = schemaDump(db);
        const QString rows = counts(db);

        BackupRequest request;
        request.connection = connection(m_server->conninfo(db));
        request.outDir = backupDir(QStringLiteral("dblevel-") + format);
        request.format = format;
        request.jobs = jobs;
        auto info = BackupRunner::run(request);
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));

        // Every kind changed afterwards: content rewritten, objects dropped and added.
        const QStringList changes{
            QStringLiteral("SELECT lo_put(min(oid), 0, 'FIRST') FROM pg_largeobject_metadata"),
            QStringLiteral("SELECT lo_unlink(max(oid)) FROM pg_largeobject_metadata"),
            QStringLiteral("SELECT lo_from_bytea(0, 'added later')"),
            QStringLiteral("ALTER PUBLICATION shop_pub DROP TABLE orders"),
            QStringLiteral("DROP PUBLICATION all_notes"),
            QStringLiteral("CREATE PUBLICATION later_pub FOR TABLE orders"),
            QStringLiteral("ALTER SUBSCRIPTION shop_sub SET (slot_name = NONE)"),
            QStringLiteral("DROP SUBSCRIPTION shop_sub"),
            QStringLiteral("CREATE SUBSCRIPTION later_sub CONNECTION 'host=nowhere.invalid' "
                           "PUBLICATION later_pub WITH (connect = false)"),
            QStringLiteral("DROP EVENT TRIGGER audit_ddl"),
            QStringLiteral("CREATE EVENT TRIGGER later_ddl ON ddl_command_start EXECUTE "
                           "FUNCTION public.on_ddl()"),
            QStringLiteral("DROP EXTENSION pg_trgm"),
            QStringLiteral("CREATE EXTENSION hstore"),
            QStringLiteral("DROP USER MAPPING FOR %1 SERVER archive").arg(user),
            QStringLiteral("CREATE SERVER later_server FOREIGN DATA WRAPPER plain_wrapper"),
            QStringLiteral("DROP CAST (boolean AS bigint)"),
            QStringLiteral("CREATE CAST (boolean AS numeric) WITH INOUT"),
            QStringLiteral("DROP LANGUAGE plsample"),
            QStringLiteral("COMMENT ON DATABASE %1 IS 'changed'").arg(db),
            QStringLiteral("ALTER DATABASE %1 SET statement_timeout = '5s'").arg(db),
            QStringLiteral("ALTER ROLE %1 IN DATABASE %2 RESET ALL").arg(user, db),
            QStringLiteral("GRANT TEMPORARY ON DATABASE %1 TO PUBLIC").arg(db),
            QStringLiteral("REVOKE CREATE ON DATABASE %1 FROM %2").arg(db, user),
        };
        for (const QString &sql : changes)
            QVERIFY2(m_server->psql(sql, nullptr, db), qPrintable(sql));
        QVERIFY(damage(db));
        QVERIFY(databaseObjects(db) != objects);

        RestoreRequest restore;
        restore.backup = info->path;
        restore.target = request.connection;
        restore.jobs = jobs;
        auto restored = RestoreRunner::run(restore);
        QVERIFY2(restored.ok(), restored.ok() ? "" : qPrintable(restored.error().toString()));
        QVERIFY(!restored->ownersLeftOut);
        QCOMPARE(databaseObjects(db), objects);
        // A plain dump (pg_dump without --create) does not hold the database's own properties.
        if (format != QLatin1String("plain"))
            QCOMPARE(this->databaseProperties(db), databaseProperties);
        QCOMPARE(counts(db), rows);
        QCOMPARE(schemaDump(db), schema);
    }

    void ownersKeptWhateverTheUrlSays()
    {
        // Backed up through 127.0.0.1, restored through localhost and through the socket: the
        // same server and database (its system identifier and name), so owners and grants stay.
        const QString db = shopDatabase();
        const QString secret = QStringLiteral("id-%1").arg(QCoreApplication::applicationPid());
        QVERIFY(m_server->psql(
            QStringLiteral("CREATE ROLE identity_user LOGIN SUPERUSER PASSWORD '%1'; CREATE ROLE "
                           "shop_owner; CREATE ROLE shop_reader")
                .arg(secret)));
        QVERIFY(m_server->psql(QStringLiteral("ALTER TABLE orders OWNER TO shop_owner; GRANT "
                                              "SELECT ON customers TO shop_reader"),
                               nullptr, db));
        auto tcp = [&](const QString &host) {
            return connection(QStringLiteral("postgresql://identity_user:%1@%2:%3/%4")
                                  .arg(secret, host)
                                  .arg(m_server->port())
                                  .arg(db));
        };
        const QString facts = QStringLiteral(
            "SELECT (SELECT tableowner FROM pg_tables WHERE tablename = 'orders') || ',' || "
            "has_table_privilege('shop_reader', 'customers', 'SELECT')");
        QCOMPARE(psqlOut(facts, db), QStringLiteral("shop_owner,true"));
        BackupRequest request;
        request.connection = tcp(QStringLiteral("127.0.0.1"));
        request.outDir = backupDir(QStringLiteral("identity"));
        auto info = BackupRunner::run(request);
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
        QCOMPARE(info->databaseName, db);
        QVERIFY(!info->systemIdentifier.isEmpty());
        QCOMPARE(BackupCatalog::read(info->path)->systemIdentifier, info->systemIdentifier);

        for (const ConnectionInfo &target :
             {tcp(QStringLiteral("localhost")), connection(m_server->conninfo(db))}) {
            QVERIFY(damage(db));
            QVERIFY(m_server->psql(QStringLiteral("ALTER TABLE orders OWNER TO postgres"), nullptr,
                                   db));
            RestoreRequest restore;
            restore.backup = info->path;
            restore.target = target;
            auto restored = RestoreRunner::run(restore);
            QVERIFY2(restored.ok(), restored.ok() ? "" : qPrintable(restored.error().toString()));
            QVERIFY2(!restored->ownersLeftOut, qPrintable(restored->ownersNote));
            QCOMPARE(psqlOut(facts, db), QStringLiteral("shop_owner,true"));
        }

        // Into another database of the server: owners and grants left out, and said so.
        QVERIFY(m_server->psql(QStringLiteral("CREATE DATABASE identity_copy")));
        RestoreRequest elsewhere;
        elsewhere.backup = info->path;
        elsewhere.target = connection(m_server->conninfo(QStringLiteral("identity_copy")));
        auto copied = RestoreRunner::run(elsewhere);
        QVERIFY2(copied.ok(), copied.ok() ? "" : qPrintable(copied.error().toString()));
        QVERIFY(copied->ownersLeftOut);
        QVERIFY2(copied->ownersNote.contains(db) &&
                     copied->ownersNote.contains(QStringLiteral("identity_copy")),
                 qPrintable(copied->ownersNote));
        QCOMPARE(psqlOut(facts, QStringLiteral("identity_copy")), QStringLiteral("postgres,false"));

        // A catalogue written before the identity was recorded still reads, and the note says
        // how the choice was made.
        QJsonObject old = info->toJson();
        old.remove(QStringLiteral("system_identifier"));
        old.remove(QStringLiteral("database_name"));
        QVERIFY(test::writeFile(info->catalogFile(), QJsonDocument(old).toJson()));
        RestoreRequest legacy;
        legacy.backup = info->path;
        legacy.target = connection(m_server->conninfo(db));
        auto fromOld = RestoreRunner::run(legacy);
        QVERIFY2(fromOld.ok(), fromOld.ok() ? "" : qPrintable(fromOld.error().toString()));
        QVERIFY2(fromOld->ownersNote.contains(QStringLiteral("does not record")),
                 qPrintable(fromOld->ownersNote));
    }

    void tooOldPgDumpIsNamed()
    {
        // A pg_dump that says it is 9.6, and nothing else to choose from.
        const QString dir = backupDir(QStringLiteral("oldtools"));
        QVERIFY(test::writeFile(dir + QStringLiteral("/pg_dump"),
                                "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n"));
        QFile::setPermissions(dir + QStringLiteral("/pg_dump"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        BackupRequest request;
        request.connection = connection(m_server->conninfo(QStringLiteral("postgres")));
        request.outDir = backupDir(QStringLiteral("old"));
        request.toolDirs = {dir};
        auto refused = BackupRunner::run(request);
        QVERIFY(!refused.ok());
        const QString message = refused.error().message;
        const int major = PgTools::majorVersion(m_server->binDir() + QStringLiteral("/pg_dump"));
        QVERIFY2(message.contains(QStringLiteral("pg_dump %1 or newer is needed").arg(major)),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("found only 9")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("postgresql-client-%1").arg(major)),
                 qPrintable(message));
        QVERIFY(BackupCatalog::list(request.outDir).isEmpty());
    }

    void cancelLeavesNoBackup()
    {
        const QString db = shopDatabase();
        BackupRequest request;
        request.connection = connection(m_server->conninfo(db));
        request.outDir = backupDir(QStringLiteral("cancelled"));
        std::atomic<bool> cancel{false};
        BackupCallbacks callbacks;
        callbacks.cancel = &cancel;
        callbacks.started = [&](qint64) { cancel.store(true); };
        auto stopped = BackupRunner::run(request, callbacks);
        QVERIFY(!stopped.ok());
        QVERIFY2(stopped.error().message.contains(QStringLiteral("cancelled")),
                 qPrintable(stopped.error().message));
        QCOMPARE(QDir(request.outDir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
                 QStringList{});
    }

    void sqliteRoundTripAndRetention()
    {
        const QString file = m_home.filePath(QStringLiteral("shop.sqlite"));
        auto exec = [&](const QString &sql) { return test::sqliteRun(file, sql); };
        QCOMPARE(
            exec(QStringLiteral(
                "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);"
                "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, total INT);"
                "WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < "
                "3000) INSERT INTO customers SELECT x, 'c' || x FROM g;"
                "WITH RECURSIVE g(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM g WHERE x < "
                "5000) INSERT INTO orders SELECT x, 1 + x % 3000, x * 3 FROM g;"
                "CREATE VIEW totals AS SELECT customer_id, sum(total) FROM orders GROUP BY 1")),
            QString());
        const QString probe = QStringLiteral(
            "SELECT count(*) FROM customers; SELECT count(*) FROM orders; SELECT group_concat(sql, "
            "'|') FROM (SELECT sql FROM sqlite_master ORDER BY name)");
        const QString before = exec(probe);

        BackupRequest request;
        request.connection = connection(QStringLiteral("sqlite:///") + file);
        request.profile = QStringLiteral("local");
        request.outDir = backupDir(QStringLiteral("sqlite"));
        request.keep = 2;
        auto info = BackupRunner::run(request);
        QVERIFY2(info.ok(), info.ok() ? "" : qPrintable(info.error().toString()));
        QCOMPARE(info->format, QStringLiteral("sqlite"));
        QVERIFY(info->serverVersion.startsWith(QStringLiteral("SQLite ")));

        QCOMPARE(exec(QStringLiteral("DELETE FROM orders WHERE id > 10; DROP VIEW totals; ALTER "
                                     "TABLE customers ADD COLUMN vip INT")),
                 QString());
        QVERIFY(exec(probe) != before);
        RestoreRequest restore;
        restore.backup = info->path;
        restore.target = request.connection;
        auto restored = RestoreRunner::run(restore);
        QVERIFY2(restored.ok(), restored.ok() ? "" : qPrintable(restored.error().toString()));
        QCOMPARE(exec(probe), before);

        // Retention: four more, the newest two stay (by profile), the first is gone.
        QStringList paths{info->path};
        for (int i = 0; i < 3; ++i) {
            QTest::qWait(5); // distinct creation times
            auto again = BackupRunner::run(request);
            QVERIFY(again.ok());
            paths.append(again->path);
        }
        const QList<BackupInfo> kept = BackupCatalog::list(request.outDir);
        QCOMPARE(kept.size(), 2);
        QCOMPARE(kept.at(0).path, paths.at(3));
        QCOMPARE(kept.at(1).path, paths.at(2));
        QVERIFY(!QFile::exists(paths.at(0)));
        QVERIFY(!QFile::exists(paths.at(0) + QStringLiteral(".json")));
        QCOMPARE(QFile::permissions(kept.at(0).path) &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther),
                 QFile::Permissions{});
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestBackup)
#include "tst_backup.moc"
