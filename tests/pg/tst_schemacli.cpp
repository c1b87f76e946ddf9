// The schema commands as typed: `strata diff`, `strata revision --autogenerate` and
// `strata check --drift`, their spelling, usage errors, exit codes and --json documents, on a
// real PostgreSQL server; and that --help, the man page and the bash completion know them.

#include "cli.h"
#include "files.h"
#include "pgserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using strata::test::PgServer;

class TestSchemaCli : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgServer> m_server;
    QTemporaryDir m_home;
    QString m_project;
    int m_count = 0;

    struct Outcome
    {
        int code = -1;
        QString out;
        QString err;
        QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    };

    Outcome run(const QStringList &args, const QString &database = QStringLiteral("postgres"),
                const QString &project = {})
    {
        Outcome o;
        QTextStream out(&o.out), err(&o.err);
        strata::cli::Cli cli(out, err);
        o.code = cli.run(QStringList{QStringLiteral("strata"), QStringLiteral("-d"),
                                     project.isEmpty() ? m_project : project,
                                     QStringLiteral("--url"), m_server->conninfo(database)} +
                         args);
        out.flush();
        err.flush();
        return o;
    }

    QString newProject()
    {
        const QString dir = m_home.filePath(QStringLiteral("p%1").arg(++m_count));
        const bool ok =
            strata::test::writeFile(dir + QStringLiteral("/strata.ini"),
                                    "[strata]\nversions = versions\nschema_file = schema.sql\n") &&
            strata::test::writeFile(
                dir + QStringLiteral("/versions/r1.sql"),
                "-- revision: r1\n-- +upgrade\nCREATE TABLE film (id int "
                "PRIMARY KEY, title text);\n-- +downgrade\nDROP TABLE film;\n") &&
            strata::test::writeFile(dir + QStringLiteral("/schema.sql"),
                                    "CREATE TABLE film (id int PRIMARY KEY, title text);\n");
        return ok ? dir : QString();
    }

    QString newDatabase()
    {
        const QString name = QStringLiteral("db%1").arg(++m_count);
        return m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(name)) ? name : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_server = PgServer::start(&error);
        QVERIFY2(m_server, qPrintable(error));
        m_project = newProject();
        QVERIFY(!m_project.isEmpty());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("diff without sides") << QStringList{QStringLiteral("diff")} << "--from SIDE";
        QTest::newRow("diff without --to")
            << QStringList{QStringLiteral("diff"), QStringLiteral("--from"),
                           QStringLiteral("heads")}
            << "--to SIDE";
        QTest::newRow("diff with an argument")
            << QStringList{QStringLiteral("diff"), QStringLiteral("heads"), QStringLiteral("db")}
            << "usage: strata diff";
        QTest::newRow("empty side")
            << QStringList{QStringLiteral("diff"), QStringLiteral("--from"),
                           QStringLiteral("file:"), QStringLiteral("--to"), QStringLiteral("db")}
            << "names nothing";
        QTest::newRow("schema file without autogenerate")
            << QStringList{QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("x"),
                           QStringLiteral("--schema-file"), QStringLiteral("s.sql")}
            << "--schema-file applies to revision --autogenerate";
        QTest::newRow("two desired states") << QStringList{QStringLiteral("revision"),
                                                           QStringLiteral("--autogenerate"),
                                                           QStringLiteral("-m"),
                                                           QStringLiteral("x"),
                                                           QStringLiteral("--schema-file"),
                                                           QStringLiteral("s.sql"),
                                                           QStringLiteral("--from-profile"),
                                                           QStringLiteral("dev")}
                                            << "exclude each other";
        QTest::newRow("autogenerate with --head")
            << QStringList{QStringLiteral("revision"), QStringLiteral("--autogenerate"),
                           QStringLiteral("-m"),       QStringLiteral("x"),
                           QStringLiteral("--head"),   QStringLiteral("r1")}
            << "--head does not apply to --autogenerate";
        QTest::newRow("ignore without drift")
            << QStringList{QStringLiteral("check"), QStringLiteral("--ignore"), QStringLiteral("x")}
            << "--ignore applies to check --drift";
        QTest::newRow("drift on upgrade")
            << QStringList{QStringLiteral("upgrade"), QStringLiteral("heads"),
                           QStringLiteral("--drift")}
            << "--drift does not apply to `upgrade`";
        QTest::newRow("autogenerate without message")
            << QStringList{QStringLiteral("revision"), QStringLiteral("--autogenerate")}
            << "needs a message";
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Outcome o = run(args);
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(message), qPrintable(o.err));
    }

    // Not a usage error (exit 2 is for a command line that is wrong as written): a refusal,
    // exit 1, for diff, autogenerate and drift alike, when a SQLite project meets PostgreSQL.
    void sqliteProjectWithPostgresIsRefused()
    {
        const QStringList cases[] = {
            {QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
             QStringLiteral("--to"), QStringLiteral("url:") + m_server->conninfo()},
            {QStringLiteral("revision"), QStringLiteral("--autogenerate"), QStringLiteral("-m"),
             QStringLiteral("x"), QStringLiteral("--from-url"), m_server->conninfo()},
            {QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
             QStringLiteral("--to"),
             QStringLiteral("file:") + m_project + QStringLiteral("/schema.sql"),
             QStringLiteral("--dev-url"), m_server->conninfo()}};
        for (const QStringList &args : cases) {
            QString sqliteOut, sqliteErr;
            QTextStream o2(&sqliteOut), e2(&sqliteErr);
            strata::cli::Cli sqlite(o2, e2);
            const int code = sqlite.run(QStringList{QStringLiteral("strata"), QStringLiteral("-d"),
                                                    m_project, QStringLiteral("--url"),
                                                    QStringLiteral("sqlite:///app.db")} +
                                        args);
            e2.flush();
            QVERIFY2(code == 1, qPrintable(args.join(QLatin1Char(' ')) + sqliteErr));
            QVERIFY2(sqliteErr.contains(QLatin1String("different engines")) ||
                         sqliteErr.contains(QLatin1String("is SQLite and the dev server")),
                     qPrintable(sqliteErr));
        }
        QVERIFY(!QFileInfo::exists(m_project + QStringLiteral("/app.db")));
    }

    // Operations that go with a table's DROP TABLE (its indexes, constraints, comment) have no
    // statement of their own: --json leaves them out as the text does, and their inverses ride
    // with the DROP TABLE's, so the inverses read backwards still rebuild everything.
    void diffJsonListsOnlyOperationsWithStatements()
    {
        const QString full = m_home.filePath(QStringLiteral("full.sql"));
        const QString bare = m_home.filePath(QStringLiteral("bare.sql"));
        QVERIFY(strata::test::writeFile(
            full, "CREATE TABLE keep (id int PRIMARY KEY);\n"
                  "CREATE TABLE t (id serial PRIMARY KEY, k int REFERENCES keep, v text UNIQUE, "
                  "CHECK (length(v) > 1));\nCREATE INDEX t_v ON t (v);\n"
                  "COMMENT ON TABLE t IS 'x';\n"));
        QVERIFY(strata::test::writeFile(bare, "CREATE TABLE keep (id int PRIMARY KEY);\n"));
        Outcome o =
            run({QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("file:") + full,
                 QStringLiteral("--to"), QStringLiteral("file:") + bare, QStringLiteral("--json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        const QJsonArray operations = o.json().value(QStringLiteral("operations")).toArray();
        QCOMPARE(operations.size(), 1);
        QString downgrade;
        for (const QJsonValue &value : operations) {
            QVERIFY(!value.toObject().value(QStringLiteral("sql")).toString().isEmpty());
            downgrade.prepend(value.toObject().value(QStringLiteral("inverse_sql")).toString());
        }
        const QStringList order = {
            QStringLiteral("CREATE TABLE public.t"), QStringLiteral("COMMENT ON TABLE public.t"),
            QStringLiteral("PRIMARY KEY"), QStringLiteral("CREATE INDEX t_v"),
            QStringLiteral("FOREIGN KEY")};
        qsizetype at = -1;
        for (const QString &part : order) {
            const qsizetype next = downgrade.indexOf(part);
            QVERIFY2(next > at, qPrintable(part + QStringLiteral("\n") + downgrade));
            at = next;
        }
    }

    // An object of a kind Strata does not model on one side only: diff refuses, naming it,
    // rather than print "No changes" or SQL that leaves it out.
    void diffRefusesUnmodelledObjects()
    {
        const QString with = m_home.filePath(QStringLiteral("range.sql"));
        const QString without = m_home.filePath(QStringLiteral("norange.sql"));
        QVERIFY(strata::test::writeFile(with, "CREATE TABLE t (id int);\n"
                                              "CREATE TYPE fr AS RANGE (subtype = float8);\n"));
        QVERIFY(strata::test::writeFile(without, "CREATE TABLE t (id int);\n"));
        for (const auto &[from, to] : {std::pair{with, without}, std::pair{without, with}}) {
            const Outcome o = run({QStringLiteral("diff"), QStringLiteral("--from"),
                                   QStringLiteral("file:") + from, QStringLiteral("--to"),
                                   QStringLiteral("file:") + to});
            QCOMPARE(o.code, 1);
            QVERIFY2(o.err.contains(QLatin1String("range type public.fr")), qPrintable(o.err));
            QVERIFY2(!o.out.contains(QLatin1String("No changes")), qPrintable(o.out));
        }
        // On both sides with other definitions: Strata cannot tell, and says so rather than
        // "the same schema".
        const QString other = m_home.filePath(QStringLiteral("range2.sql"));
        QVERIFY(strata::test::writeFile(other, "CREATE TABLE t (id int);\n"
                                               "CREATE TYPE fr AS RANGE (subtype = int4);\n"));
        Outcome o =
            run({QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("file:") + with,
                 QStringLiteral("--to"), QStringLiteral("file:") + other});
        if (o.code == 0) { // until inspection lists what differs in their definitions
            QVERIFY2(o.out.contains(QLatin1String("not compared: the definition of range type "
                                                  "public.fr")),
                     qPrintable(o.out));
            QVERIFY2(!o.out.contains(QLatin1String("same schema")), qPrintable(o.out));
            o = run({QStringLiteral("diff"), QStringLiteral("--from"),
                     QStringLiteral("file:") + with, QStringLiteral("--to"),
                     QStringLiteral("file:") + other, QStringLiteral("--json")});
            QCOMPARE(o.json().value(QStringLiteral("not_compared")).toArray(),
                     QJsonArray{QStringLiteral("range type public.fr")});
        } else {
            QCOMPARE(o.code, 1);
            QVERIFY2(o.err.contains(QLatin1String("range type public.fr")), qPrintable(o.err));
        }
    }

    // --concurrently builds new indexes on existing tables with CREATE INDEX CONCURRENTLY; the
    // generated migration is then transactional: false, and proven all the same.
    void concurrentlyBuildsIndexesOutsideTransactions()
    {
        const QString project = newProject();
        QVERIFY(strata::test::writeFile(project + QStringLiteral("/schema.sql"),
                                        "CREATE TABLE film (id int PRIMARY KEY, title text);\n"
                                        "CREATE INDEX film_title ON film (title);\n"));
        Outcome o;
        o = run({QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
                 QStringLiteral("--to"),
                 QStringLiteral("file:") + project + QStringLiteral("/schema.sql"),
                 QStringLiteral("--concurrently"), QStringLiteral("--json")},
                QStringLiteral("postgres"), project);
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(o.json().value(QStringLiteral("transactional")).toBool(true), false);
        QVERIFY2(o.out.contains(QLatin1String("CREATE INDEX CONCURRENTLY film_title")),
                 qPrintable(o.out));
        o = run({QStringLiteral("revision"), QStringLiteral("--autogenerate"), QStringLiteral("-m"),
                 QStringLiteral("index"), QStringLiteral("--concurrently")},
                QStringLiteral("postgres"), project);
        QVERIFY2(o.code == 0, qPrintable(o.err));
        // The path as the person can open it from where they stand.
        const QString shown =
            o.out.section(QStringLiteral("Generated "), 1).section(QStringLiteral(" ("), 0, 0);
        QVERIFY2(QFileInfo::exists(shown), qPrintable(o.out));
        QFile written(shown);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(written.readAll());
        QVERIFY2(text.contains(QLatin1String("transactional: false")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("CREATE INDEX CONCURRENTLY")), qPrintable(text));
        // Usage: --concurrently is for diff and revision --autogenerate only.
        o = run({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("x"),
                 QStringLiteral("--concurrently")},
                QStringLiteral("postgres"), project);
        QCOMPARE(o.code, 2);
    }

    void fileErrorsNameFileAndLine()
    {
        const QString bad = m_home.filePath(QStringLiteral("bad.sql"));
        QVERIFY(
            strata::test::writeFile(bad, "CREATE TABLE a (id int);\nCREATE TABLE b (x nope);\n"));
        const Outcome o =
            run({QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
                 QStringLiteral("--to"), QStringLiteral("file:") + bad, QStringLiteral("--json")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(bad + QStringLiteral(":2:")), qPrintable(o.err));
        const QJsonObject error = o.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("line")).toInt(), 2);
    }

    void helpManPageAndCompletionKnowTheCommands()
    {
        Outcome o = run({QStringLiteral("--help")});
        QCOMPARE(o.code, 0);
        QVERIFY(o.out.contains(QLatin1String("  diff ")));
        o = run({QStringLiteral("diff"), QStringLiteral("--help")});
        for (const char *word : {"--from SIDE", "--to SIDE", "file:PATH", "url:URL", "profile:NAME",
                                 "current", "--dev-url", "--concurrently"})
            QVERIFY2(o.out.contains(QLatin1String(word)), word);
        o = run({QStringLiteral("revision"), QStringLiteral("--help")});
        for (const char *word : {"--autogenerate", "--schema-file", "--from-url", "--from-profile",
                                 "strata:renamed-from", "--concurrently"})
            QVERIFY2(o.out.contains(QLatin1String(word)), word);
        o = run({QStringLiteral("check"), QStringLiteral("--help")});
        for (const char *word : {"--drift", "--ignore PATTERN", "--grants"})
            QVERIFY2(o.out.contains(QLatin1String(word)), word);

        QFile man(QStringLiteral(STRATA_SOURCE_DIR "/packaging/strata.1"));
        QVERIFY(man.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(man.readAll());
        for (const char *word :
             {"diff \\-\\-from", "revision \\-\\-autogenerate", "check \\-\\-drift", "schema_file",
              "dev_url", "drift_ignore", "strata:renamed\\-from", "\\-\\-concurrently"})
            QVERIFY2(page.contains(QLatin1String(word)), word);
        QFile completion(QStringLiteral(STRATA_SOURCE_DIR "/packaging/strata.bash-completion"));
        QVERIFY(completion.open(QIODevice::ReadOnly));
        const QString script = QString::fromUtf8(completion.readAll());
        for (const char *word :
             {" diff ", "--autogenerate", "--schema-file", "--from-url", "--from-profile",
              "--drift", "--ignore", "--grants", "--dev-url", "--from | --to", "--concurrently",
              "profile:*", "_strata_profiles", "__ltrim_colon_completions"})
            QVERIFY2(script.contains(QLatin1String(word)), word);
    }

    void diffPrintsSqlAndJson()
    {
        const QString file = m_home.filePath(QStringLiteral("desired.sql"));
        QVERIFY(strata::test::writeFile(
            file, "CREATE TABLE film (id int PRIMARY KEY, title text, length int);\n"
                  "CREATE INDEX film_title ON film (title);\n"));
        Outcome o = run({QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
                         QStringLiteral("--to"), QStringLiteral("file:") + file});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QLatin1String("ADD COLUMN")), qPrintable(o.out));
        QVERIFY2(o.out.contains(QLatin1String("-- hazard:")), qPrintable(o.out));

        o = run({QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
                 QStringLiteral("--to"), QStringLiteral("file:") + file, QStringLiteral("--json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        const QJsonArray operations = o.json().value(QStringLiteral("operations")).toArray();
        QCOMPARE(operations.size(), 2);
        for (const QJsonValue &value : operations) {
            const QJsonObject op = value.toObject();
            for (const char *key : {"sql", "inverse_sql", "kind", "object", "hazards"})
                QVERIFY2(op.contains(QLatin1String(key)), key);
            QVERIFY(op.value(QStringLiteral("hazards")).isArray());
        }
        bool builds = false;
        for (const QJsonValue &value : operations)
            builds = builds || value.toObject()
                                   .value(QStringLiteral("hazards"))
                                   .toArray()
                                   .contains(QStringLiteral("builds_index"));
        QVERIFY(builds);

        // The same schema on both sides: no changes, exit 0.
        o = run({QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
                 QStringLiteral("--to"), QStringLiteral("r1")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QLatin1String("No changes")), qPrintable(o.out));
    }

    void autogenerateFromStrataIni()
    {
        const QString project = newProject();
        // schema_file in strata.ini names the desired state; the same as the head: no changes.
        Outcome o = run({QStringLiteral("revision"), QStringLiteral("--autogenerate"),
                         QStringLiteral("-m"), QStringLiteral("nothing")},
                        QStringLiteral("postgres"), project);
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QLatin1String("No changes")), qPrintable(o.out));
        QCOMPARE(QDir(project + QStringLiteral("/versions")).entryList(QDir::Files).size(), 1);

        QVERIFY(strata::test::writeFile(
            project + QStringLiteral("/schema.sql"),
            "CREATE TABLE film (id int PRIMARY KEY, title text, rating text);\n"));
        o = run({QStringLiteral("revision"), QStringLiteral("--autogenerate"), QStringLiteral("-m"),
                 QStringLiteral("add rating"), QStringLiteral("--rev-id"), QStringLiteral("auto1"),
                 QStringLiteral("--json")},
                QStringLiteral("postgres"), project);
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(o.json().value(QStringLiteral("revision")).toString(), QStringLiteral("auto1"));
        QVERIFY(QFile::exists(o.json().value(QStringLiteral("path")).toString()));
    }

    void ctrlCDropsTheScratchDatabase()
    {
        const QString dir = m_home.filePath(QStringLiteral("slow"));
        QVERIFY(strata::test::writeFile(dir + QStringLiteral("/strata.ini"),
                                        "[strata]\nversions = versions\n"));
        QVERIFY(strata::test::writeFile(dir + QStringLiteral("/versions/s1.sql"),
                                        "-- revision: s1\n-- +upgrade\nSELECT pg_sleep(600);\n"
                                        "-- +downgrade\nSELECT 1;\n"));
        QProcess strata;
        strata.start(QStringLiteral(STRATA_CLI_BINARY),
                     {QStringLiteral("-d"), dir, QStringLiteral("--url"), m_server->conninfo(),
                      QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
                      QStringLiteral("--to"), QStringLiteral("db")});
        QVERIFY(strata.waitForStarted());
        auto sleeping = [this] {
            QString out;
            m_server->psql(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE query LIKE "
                                          "'%pg_sleep(600)%' AND datname LIKE 'strata\\_%'"),
                           &out);
            return out.trimmed() == QLatin1String("1");
        };
        QTRY_VERIFY_WITH_TIMEOUT(sleeping(), 60000);
        ::kill(pid_t(strata.processId()), SIGINT);
        QVERIFY(strata.waitForFinished(60000));
        QCOMPARE(strata.exitCode(), 130);
        QString left;
        QVERIFY(m_server->psql(QStringLiteral("SELECT count(*) FROM pg_database WHERE datname LIKE "
                                              "'strata\\_%'"),
                               &left));
        QCOMPARE(left.trimmed(), QStringLiteral("0"));
    }

    void checkDriftExitCodesAndJson()
    {
        const QString db = newDatabase();
        QVERIFY(!db.isEmpty());
        Outcome o = run({QStringLiteral("upgrade"), QStringLiteral("heads")}, db);
        QVERIFY2(o.code == 0, qPrintable(o.err));
        o = run({QStringLiteral("check"), QStringLiteral("--drift")}, db);
        QVERIFY2(o.code == 0, qPrintable(o.err + o.out));
        QVERIFY2(o.out.contains(QLatin1String("No drift")), qPrintable(o.out));
        QVERIFY2(o.out.contains(QLatin1String("Not compared: owners and grants")),
                 qPrintable(o.out));

        QVERIFY(
            m_server->psql(QStringLiteral("ALTER TABLE film ADD COLUMN note text"), nullptr, db));
        o = run({QStringLiteral("check"), QStringLiteral("--drift"), QStringLiteral("--json")}, db);
        QCOMPARE(o.code, 3);
        const QJsonArray drift = o.json().value(QStringLiteral("drift")).toArray();
        QCOMPARE(drift.size(), 1);
        const QJsonObject finding = drift.first().toObject();
        QCOMPARE(finding.value(QStringLiteral("kind")).toString(), QStringLiteral("column"));
        QCOMPARE(finding.value(QStringLiteral("change")).toString(), QStringLiteral("added"));
        QCOMPARE(finding.value(QStringLiteral("object")).toString(),
                 QStringLiteral("column public.film.note"));
        QVERIFY(finding.contains(QStringLiteral("detail")));

        o = run({QStringLiteral("check"), QStringLiteral("--drift"), QStringLiteral("--ignore"),
                 QStringLiteral("column public.film.note")},
                db);
        QVERIFY2(o.code == 0, qPrintable(o.err + o.out));
        QVERIFY2(o.out.contains(QLatin1String("1 finding hidden by the ignore patterns "
                                              "(column public.film.note)")),
                 qPrintable(o.out));
        o = run({QStringLiteral("check"), QStringLiteral("--drift"), QStringLiteral("--grants"),
                 QStringLiteral("--ignore"), QStringLiteral("column public.film.note"),
                 QStringLiteral("--json")},
                db);
        QCOMPARE(o.code, 0);
        QCOMPARE(o.json().value(QStringLiteral("ignored")).toInt(), 1);
        QCOMPARE(o.json().value(QStringLiteral("not_compared")).toArray().size(), 1);

        // A database that cannot be read: exit 1.
        o = run({QStringLiteral("check"), QStringLiteral("--drift")}, QStringLiteral("nosuchdb"));
        QCOMPARE(o.code, 1);
    }
};

QTEST_GUILESS_MAIN(TestSchemaCli)
#include "tst_schemacli.moc"
