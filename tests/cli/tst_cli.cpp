// The `strata` command line, driven in-process against real SQLite files; built a second time
// as tst_cli_pg (STRATA_CLI_TEST_POSTGRES), every test runs against a real PostgreSQL server.

#include "audit/auditlog.h"
#include "backup/backupcatalog.h"
#include "cli.h"
#include "pgserver.h"
#include "profiles/lintpolicy.h"
#include "profiles/profilestore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace strata;

namespace {

#ifdef STRATA_CLI_TEST_POSTGRES
constexpr bool kPostgres = true;
#else
constexpr bool kPostgres = false;
#endif

// The server of the PostgreSQL build, started by initTestCase.
std::unique_ptr<test::PgServer> &pgServer()
{
    static std::unique_ptr<test::PgServer> server;
    return server;
}

struct Outcome
{
    int code = -1;
    QString out;
    QString err;
    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

QString migrationText(const QString &rev, const QString &down, const QString &up,
                      const QString &downSql, const QString &extraHeader = {})
{
    return QStringLiteral("-- revision: %1\n-- down_revision: %2\n-- message: migration %1\n%5\n"
                          "-- +upgrade\n%3\n\n-- +downgrade\n%4\n")
        .arg(rev, down, up, downSql, extraHeader);
}

// A project in a temporary folder, and a way to run `strata` on it.
class Fixture
{
public:
    Fixture()
    {
        if (kPostgres) {
            static int databases = 0;
            m_database = QStringLiteral("cli_%1").arg(++databases);
            QVERIFY(pgServer()->psql(QStringLiteral("CREATE DATABASE %1").arg(m_database)));
        }
        QDir(m_dir.path()).mkpath(QStringLiteral("proj/versions"));
        // The folder above the project is a repository root: the search for .env stops there.
        QDir(m_dir.path()).mkpath(QStringLiteral(".git"));
        write(QStringLiteral("strata.ini"),
              QStringLiteral("[strata]\nversions = versions\nversion_table = strata_version\n"));
    }

    QString root() const { return m_dir.path() + QStringLiteral("/proj"); }
    QString repoRoot() const { return m_dir.path(); }
    QString database() const { return m_database; }
    QString dbPath() const { return m_dir.path() + QStringLiteral("/db.sqlite"); }
    QString url() const
    {
        return kPostgres ? pgServer()->conninfo(m_database)
                         : QStringLiteral("sqlite:///") + dbPath();
    }
    // The database's name: PostgreSQL's database, or the SQLite file's name.
    QString databaseName() const { return kPostgres ? m_database : QFileInfo(dbPath()).fileName(); }

    // A saved profile of this fixture's database, as the desktop app writes them.
    Profile profile(const QString &name, const QString &environment) const
    {
        Profile p = Profile::forEnvironment(environment);
        p.name = name;
        p.projectDir = root();
        if (kPostgres) {
            p.engine = Profile::Engine::Postgres;
            p.host = pgServer()->socketDir();
            p.port = pgServer()->port();
            p.user = QStringLiteral("postgres");
            p.database = m_database;
        } else {
            p.sqliteFile = dbPath();
        }
        return p;
    }

    // Whether anything was written to the database (the SQLite file exists; a table exists).
    bool touched() const
    {
        if (!kPostgres)
            return QFile::exists(dbPath());
        return !query(QStringLiteral(
                          "SELECT 1 FROM information_schema.tables WHERE table_schema = 'public'"))
                    .isEmpty();
    }

    void write(const QString &relative, const QString &text)
    {
        QFile f(root() + QLatin1Char('/') + relative);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text.toUtf8());
    }

    void addMigration(const QString &rev, const QString &down, const QString &up,
                      const QString &downSql, const QString &extraHeader = {})
    {
        write(QStringLiteral("versions/%1.sql").arg(rev),
              migrationText(rev, down, up, downSql, extraHeader));
    }

    // a -> b -> c, each creating a table.
    void addChain()
    {
        addMigration(QStringLiteral("aaaa01"), {},
                     QStringLiteral("CREATE TABLE t_a (id INTEGER PRIMARY KEY);"),
                     QStringLiteral("DROP TABLE t_a;"));
        addMigration(QStringLiteral("bbbb02"), QStringLiteral("aaaa01"),
                     QStringLiteral(
                         "CREATE TABLE t_b (id INTEGER PRIMARY KEY);\nINSERT INTO t_b VALUES (1);"),
                     QStringLiteral("DROP TABLE t_b;"));
        addMigration(QStringLiteral("cccc03"), QStringLiteral("bbbb02"),
                     QStringLiteral("CREATE TABLE t_c (id INTEGER);"),
                     QStringLiteral("DROP TABLE t_c;"));
    }

    Outcome run(QStringList args, bool withUrl = true)
    {
        args.prepend(root());
        args.prepend(QStringLiteral("-d"));
        if (withUrl)
            args << QStringLiteral("--url") << url();
        return runRaw(args);
    }

    // answer: what a person types when asked (a protected database's name); none: nobody is
    // there to ask, as when stdin is not a terminal.
    static Outcome runRaw(const QStringList &args, std::optional<QString> answer = std::nullopt,
                          QString *asked = nullptr)
    {
        Outcome o;
        QTextStream out(&o.out), err(&o.err);
        cli::Cli cli(out, err);
        cli.setAsk([answer, asked](const QString &question) {
            if (asked)
                *asked = question;
            return answer;
        });
        o.code = cli.run(QStringList{QStringLiteral("strata")} + args);
        out.flush();
        err.flush();
        return o;
    }

    QStringList query(const QString &sql, const QString &path = {}) const
    {
        QStringList rows;
        if (kPostgres && path.isEmpty()) {
            QString out;
            if (!pgServer()->psql(sql, &out, m_database))
                return {QStringLiteral("ERROR")};
            return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        }
        const QString name = QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path.isEmpty() ? dbPath() : path);
            if (db.open()) {
                QSqlQuery q(db);
                if (q.exec(sql)) {
                    while (q.next()) {
                        QStringList cols;
                        for (int i = 0; i < q.record().count(); ++i)
                            cols << q.value(i).toString();
                        rows << cols.join(QLatin1Char('|'));
                    }
                } else {
                    rows << QStringLiteral("ERROR");
                }
            }
        }
        QSqlDatabase::removeDatabase(name);
        return rows;
    }

    QStringList versionRows(const QString &table = QStringLiteral("strata_version")) const
    {
        QStringList rows =
            query(QStringLiteral("SELECT version_num FROM %1 ORDER BY version_num").arg(table));
        return rows;
    }

    QStringList tables() const
    {
        if (kPostgres)
            return query(QStringLiteral("SELECT table_name FROM information_schema.tables WHERE "
                                        "table_schema = 'public' AND table_name LIKE 't_%' ORDER "
                                        "BY table_name"));
        return query(QStringLiteral(
            "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 't_%' ORDER BY name"));
    }

    QString historyTable() const
    {
        if (kPostgres)
            return query(QStringLiteral("SELECT table_name FROM information_schema.tables WHERE "
                                        "table_name LIKE '%history%'"))
                .value(0);
        const QStringList t = query(QStringLiteral(
            "SELECT name FROM sqlite_master WHERE type='table' AND name LIKE '%history%'"));
        return t.value(0);
    }

private:
    QTemporaryDir m_dir;
    QString m_database; // PostgreSQL build: this fixture's own database
};

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (kPostgres) {
            QString error;
            pgServer() = test::PgServer::start(&error);
            QVERIFY2(pgServer(), qPrintable(error));
        }
        qunsetenv("DATABASE_URL");
        for (const char *v : {"DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD"})
            qunsetenv(v);
    }

    void versionAndHelp()
    {
        Outcome o = Fixture::runRaw({QStringLiteral("--version")});
        QCOMPARE(o.code, 0);
        QVERIFY(o.out.startsWith(QStringLiteral("strata ")));
        o = Fixture::runRaw({QStringLiteral("--help")});
        QCOMPARE(o.code, 0);
        QVERIFY(o.out.contains(QStringLiteral("upgrade")));
        o = Fixture::runRaw({QStringLiteral("upgrade"), QStringLiteral("--help")});
        QCOMPARE(o.code, 0);
        QVERIFY(o.out.contains(QStringLiteral("LABEL@head")));
    }

    void usageErrors()
    {
        Fixture f;
        QCOMPARE(f.run({QStringLiteral("frobnicate")}).code, 2);
        QCOMPARE(f.run({}).code, 2);
        QCOMPARE(f.run({QStringLiteral("upgrade")}).code, 2); // missing target
        QCOMPARE(f.run({QStringLiteral("current"), QStringLiteral("--purge")}).code,
                 2); // option of another command
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--sql"),
                        QStringLiteral("--plan")})
                     .code,
                 2);
        Outcome o = f.run({QStringLiteral("revision")});
        QCOMPARE(o.code, 2);
        QVERIFY(o.err.contains(QStringLiteral("message")));
        // A value that looks like a relative step reaches its option's check intact.
        o = f.run({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("x"),
                   QStringLiteral("--rev-id"), QStringLiteral("-1")});
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(QStringLiteral("contains '-'")), qPrintable(o.err));
        for (const char *id : {"1", "head", "base"}) {
            o = f.run({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("x"),
                       QStringLiteral("--rev-id"), QLatin1String(id)});
            QCOMPARE(o.code, 2);
        }
        // Options that exclude each other are named, never one of them dropped silently.
        for (const auto &[a, b] : {std::pair{"sql", "dry-run"}, std::pair{"dry-run", "sql"},
                                   std::pair{"plan", "dry-run"}, std::pair{"sql", "plan"}}) {
            o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads"),
                       QStringLiteral("--") + QLatin1String(a),
                       QStringLiteral("--") + QLatin1String(b)});
            QCOMPARE(o.code, 2);
            QVERIFY2(o.err.contains(QStringLiteral("--") + QLatin1String(a)) &&
                         o.err.contains(QStringLiteral("--") + QLatin1String(b)) && o.out.isEmpty(),
                     qPrintable(o.err + o.out));
        }
    }

    void initCreatesProject()
    {
        QTemporaryDir dir;
        const QString target = dir.path() + QStringLiteral("/newproj");
        Outcome o = Fixture::runRaw({QStringLiteral("init"), target});
        QCOMPARE(o.code, 0);
        QVERIFY(QFile::exists(target + QStringLiteral("/strata.ini")));
        QVERIFY(QDir(target + QStringLiteral("/versions")).exists());
        o = Fixture::runRaw({QStringLiteral("init"), target});
        QCOMPARE(o.code, 1);
        QVERIFY(o.err.contains(QStringLiteral("strata.ini")));
    }

    void emptyProject()
    {
        Fixture f;
        Outcome o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("no migrations")) &&
                     o.err.contains(QStringLiteral("versions")),
                 qPrintable(o.err));
        QCOMPARE(f.run({QStringLiteral("check")}).code, 1);
        QVERIFY(!f.touched());
        o = f.run({QStringLiteral("heads"), QStringLiteral("--json")});
        QCOMPARE(o.code, 0);
        QCOMPARE(o.json()[QStringLiteral("heads")].toArray().size(), 0);
    }

    void revisionAndMerge()
    {
        QTemporaryDir dir;
        const QString root = dir.path() + QStringLiteral("/p");
        QCOMPARE(Fixture::runRaw({QStringLiteral("init"), root}).code, 0);
        auto run = [&](QStringList args) {
            return Fixture::runRaw(QStringList{QStringLiteral("-d"), root} + args);
        };
        QCOMPARE(
            run({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("create users"),
                 QStringLiteral("--rev-id"), QStringLiteral("base01")})
                .code,
            0);
        QCOMPARE(run({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("second"),
                      QStringLiteral("--rev-id"), QStringLiteral("second02")})
                     .code,
                 0);
        Outcome heads = run({QStringLiteral("heads"), QStringLiteral("--json")});
        QCOMPARE(heads.code, 0);
        QCOMPARE(heads.json()[QStringLiteral("heads")]
                     .toArray()
                     .first()[QStringLiteral("revision")]
                     .toString(),
                 QStringLiteral("second02"));

        // A parent that is not a head needs --splice.
        Outcome refused =
            run({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("branch"),
                 QStringLiteral("--head"), QStringLiteral("base01")});
        QCOMPARE(refused.code, 1);
        QVERIFY(refused.err.contains(QStringLiteral("--splice")));
        QCOMPARE(
            run({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("branch"),
                 QStringLiteral("--head"), QStringLiteral("base01"), QStringLiteral("--splice"),
                 QStringLiteral("--branch-label"), QStringLiteral("feature"),
                 QStringLiteral("--rev-id"), QStringLiteral("branch03")})
                .code,
            0);
        Outcome show =
            run({QStringLiteral("show"), QStringLiteral("branch03"), QStringLiteral("--json")});
        QCOMPARE(show.code, 0);
        QCOMPARE(show.json()[QStringLiteral("down_revisions")].toArray().first().toString(),
                 QStringLiteral("base01"));
        QVERIFY(show.json()[QStringLiteral("branch_labels")].toArray().contains(
            QStringLiteral("feature")));

        // Two heads now: a plain revision must ask which one.
        Outcome ambiguous =
            run({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("x")});
        QCOMPARE(ambiguous.code, 1);
        QVERIFY(ambiguous.err.contains(QStringLiteral("--head")));

        QCOMPARE(
            run({QStringLiteral("merge"), QStringLiteral("-m"), QStringLiteral("join"),
                 QStringLiteral("heads"), QStringLiteral("--rev-id"), QStringLiteral("merge04")})
                .code,
            0);
        heads = run({QStringLiteral("heads"), QStringLiteral("--json")});
        QCOMPARE(heads.json()[QStringLiteral("heads")].toArray().size(), 1);
        QCOMPARE(
            run({QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("late"),
                 QStringLiteral("--head"), QStringLiteral("second02"), QStringLiteral("--splice"),
                 QStringLiteral("--depends-on"), QStringLiteral("feature"),
                 QStringLiteral("--rev-id"), QStringLiteral("late05")})
                .code,
            0);
        show = run({QStringLiteral("show"), QStringLiteral("late05"), QStringLiteral("--json")});
        QCOMPARE(show.json()[QStringLiteral("depends_on")].toArray().first().toString(),
                 QStringLiteral("feature"));
        QCOMPARE(
            run({QStringLiteral("merge"), QStringLiteral("-m"), QStringLiteral("join again"),
                 QStringLiteral("heads"), QStringLiteral("--rev-id"), QStringLiteral("merge06")})
                .code,
            0);
        Outcome history =
            run({QStringLiteral("history"), QStringLiteral("--json"), QStringLiteral("--url"),
                 QStringLiteral("sqlite:///") + dir.path() + QStringLiteral("/none.db")});
        QCOMPARE(history.code, 0);
        const QJsonArray revs = history.json()[QStringLiteral("revisions")].toArray();
        QCOMPARE(revs.size(), 6);
        QCOMPARE(revs.first()[QStringLiteral("revision")].toString(), QStringLiteral("merge06"));
        QVERIFY(revs.first()[QStringLiteral("is_merge_point")].toBool());
        QVERIFY(
            !QFile::exists(dir.path() + QStringLiteral("/none.db"))); // reading creates no database
    }

    void upgradeDowngradeAndCurrent()
    {
        Fixture f;
        f.addChain();
        Outcome o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 0);
        QCOMPARE(f.tables(), (QStringList{QStringLiteral("t_a"), QStringLiteral("t_b"),
                                          QStringLiteral("t_c")}));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        Outcome cur = f.run({QStringLiteral("current"), QStringLiteral("--json")});
        QCOMPARE(cur.code, 0);
        QCOMPARE(cur.json()[QStringLiteral("current")].toArray(),
                 QJsonArray{QStringLiteral("cccc03")});

        // History table: one successful up row per step, with checksum and user.
        const QString history = f.historyTable();
        QVERIFY(!history.isEmpty());
        QCOMPARE(f.query(QStringLiteral("SELECT count(*) FROM %1 WHERE direction='up' AND success")
                             .arg(history)),
                 QStringList{QStringLiteral("3")});

        QCOMPARE(f.run({QStringLiteral("downgrade"), QStringLiteral("-1")}).code, 0);
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("bbbb02")});
        QCOMPARE(f.tables(), (QStringList{QStringLiteral("t_a"), QStringLiteral("t_b")}));
        QCOMPARE(f.run({QStringLiteral("downgrade"), QStringLiteral("base")}).code, 0);
        QCOMPARE(f.versionRows(), QStringList{});
        QCOMPARE(f.tables(), QStringList{});
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("+2")}).code, 0);
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("bbbb02")});
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("cccc")}).code,
                 0); // unique prefix
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});

        Outcome again = f.run({QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(again.code, 0);
        QVERIFY(again.out.contains(QStringLiteral("Nothing to do")));
    }

    void planAndOfflineSql()
    {
        Fixture f;
        f.addChain();
        Outcome plan = f.run({QStringLiteral("upgrade"), QStringLiteral("heads"),
                              QStringLiteral("--plan"), QStringLiteral("--json")});
        QCOMPARE(plan.code, 0);
        const QJsonArray steps = plan.json()[QStringLiteral("steps")].toArray();
        QCOMPARE(steps.size(), 3);
        QCOMPARE(steps[0][QStringLiteral("revision")].toString(), QStringLiteral("aaaa01"));
        QCOMPARE(steps[2][QStringLiteral("direction")].toString(), QStringLiteral("up"));
        QVERIFY(!f.touched());

        Outcome sql =
            f.run({QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--sql")});
        QCOMPARE(sql.code, 0);
        // The first line names the dialect and why.
        QCOMPARE(sql.out.section(QLatin1Char('\n'), 0, 0),
                 QStringLiteral("-- Strata offline SQL, dialect %1 (from --url)")
                     .arg(kPostgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite")));
        QVERIFY(sql.out.contains(QStringLiteral("-- Running upgrade  -> aaaa01")));
        QVERIFY(sql.out.contains(QStringLiteral("-- Running upgrade aaaa01 -> bbbb02")));
        QVERIFY(sql.out.contains(QStringLiteral("CREATE TABLE t_b")));
        // PostgreSQL scripts name Strata's tables through the schema psql pinned at the top,
        // so a migration's SET search_path cannot move them.
        const QString table = kPostgres ? QStringLiteral(":\"strata_schema\".strata_version")
                                        : QStringLiteral("strata_version");
        QVERIFY2(sql.out.contains(QStringLiteral("INSERT INTO ") + table), qPrintable(sql.out));
        QVERIFY2(sql.out.contains(QStringLiteral("UPDATE ") + table), qPrintable(sql.out));
        QVERIFY(!f.touched());

        Outcome down = f.run({QStringLiteral("downgrade"), QStringLiteral("cccc03:aaaa01"),
                              QStringLiteral("--sql")});
        QCOMPARE(down.code, 0);
        QVERIFY(down.out.contains(QStringLiteral("-- Running downgrade cccc03 -> bbbb02")));
        QVERIFY(down.out.contains(QStringLiteral("DROP TABLE t_c")));
        QCOMPARE(
            f.run({QStringLiteral("downgrade"), QStringLiteral("base"), QStringLiteral("--sql")})
                .code,
            2);
        QVERIFY(!f.touched());
    }

    void failingStatementNamesFileAndLine()
    {
        Fixture f;
        f.addChain();
        // The bad statement is the second of the upgrade section, on line 7 of the file.
        f.addMigration(
            QStringLiteral("dddd04"), QStringLiteral("cccc03"),
            QStringLiteral("CREATE TABLE t_d (id INTEGER);\nINSERT INTO no_such_table VALUES (1);"),
            QStringLiteral("DROP TABLE t_d;"));
        Outcome o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("dddd04.sql:7")), qPrintable(o.err));
        QVERIFY2(o.err.contains(QStringLiteral("no_such_table")), qPrintable(o.err));
        // Steps before it stay applied; its own work is rolled back.
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        QCOMPARE(f.tables(), (QStringList{QStringLiteral("t_a"), QStringLiteral("t_b"),
                                          QStringLiteral("t_c")}));
        QCOMPARE(f.query(QStringLiteral(
                             "SELECT count(*) FROM %1 WHERE revision='dddd04' AND NOT success")
                             .arg(f.historyTable())),
                 QStringList{QStringLiteral("1")});
        Outcome check = f.run({QStringLiteral("check")});
        QCOMPARE(check.code, 3);
    }

    void auditLogRecordsWhatTheCommandLineChanged()
    {
        Fixture f;
        f.addChain();
        QTemporaryDir logDir;
        const QString logFile = logDir.filePath(QStringLiteral("audit.jsonl"));
        const QByteArray previous = qgetenv("STRATA_AUDIT_LOG");
        qputenv("STRATA_AUDIT_LOG", logFile.toUtf8());
        auto restore = qScopeGuard([previous] { qputenv("STRATA_AUDIT_LOG", previous); });

        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("bbbb02"),
                        QStringLiteral("--reason"), QStringLiteral("CHG-7 first half")})
                     .code,
                 0);
        // Reading and planning change nothing and are not audited.
        QCOMPARE(
            f.run({QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--plan")})
                .code,
            0);
        QCOMPARE(f.run({QStringLiteral("current")}).code, 0);
        f.addMigration(QStringLiteral("dddd04"), QStringLiteral("cccc03"),
                       QStringLiteral("INSERT INTO no_such_table VALUES (1);"),
                       QStringLiteral("SELECT 1;"));
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}).code, 1);
        QCOMPARE(f.run({QStringLiteral("stamp"), QStringLiteral("aaaa01")}).code, 0);

        auto entries = AuditLog(logFile).readAll();
        QVERIFY(entries.ok());
        QCOMPARE(entries->size(), 3);
        const AuditEntry &up = entries->at(0);
        QCOMPARE(up.source, QStringLiteral("cli"));
        QCOMPARE(up.action, QStringLiteral("upgrade"));
        QCOMPARE(up.fromRevisions, QString());
        QCOMPARE(up.toRevisions, QStringLiteral("bbbb02"));
        QCOMPARE(up.result, QStringLiteral("success"));
        QCOMPARE(up.reason, QStringLiteral("CHG-7 first half"));
        QVERIFY(!up.osUser.isEmpty());
        // The readable form ("shop on 127.0.0.1:5432 as postgres"), never libpq's keywords.
        QVERIFY2(kPostgres ? up.database.startsWith(f.databaseName() + QStringLiteral(" on "))
                           : up.database.endsWith(QStringLiteral("db.sqlite")),
                 qPrintable(up.database));
        QVERIFY2(!up.database.contains(QStringLiteral("dbname=")), qPrintable(up.database));
        const AuditEntry &failed = entries->at(1);
        QCOMPARE(failed.fromRevisions, QStringLiteral("bbbb02"));
        QCOMPARE(failed.toRevisions, QStringLiteral("cccc03")); // where it stopped
        QVERIFY2(failed.result.startsWith(QStringLiteral("failed: ")), qPrintable(failed.result));
        QVERIFY(failed.result.contains(QStringLiteral("no_such_table")));
        QCOMPARE(entries->at(2).action, QStringLiteral("stamp"));
        QCOMPARE(entries->at(2).fromRevisions, QStringLiteral("cccc03"));
        QCOMPARE(entries->at(2).toRevisions, QStringLiteral("aaaa01"));
    }

    void verifyOnSqliteUsesAThrowawayFile()
    {
        if (kPostgres)
            QSKIP("SQLite-specific (a throwaway file); tst_postgrescli verifies on PostgreSQL");
        Fixture f;
        f.addChain();
        const QStringList before =
            QDir(QDir::tempPath()).entryList({QStringLiteral("strata_verify_*")}, QDir::Files);
        Outcome o = f.run({QStringLiteral("verify")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("identical after both upgrades")),
                 qPrintable(o.out));
        QVERIFY(!f.touched()); // the project's own database is never touched
        QCOMPARE(QDir(QDir::tempPath()).entryList({QStringLiteral("strata_verify_*")}, QDir::Files),
                 before);

        // A downgrade that forgets its table; the upgrade tolerates it being there.
        f.addMigration(QStringLiteral("dddd04"), QStringLiteral("cccc03"),
                       QStringLiteral("CREATE TABLE IF NOT EXISTS keep (id INTEGER);"),
                       QStringLiteral("SELECT 1;"));
        o = f.run({QStringLiteral("verify"), QStringLiteral("--json")});
        QCOMPARE(o.code, 1);
        const QJsonObject report = o.json();
        QCOMPARE(report.value(QStringLiteral("ok")).toBool(true), false);
        QCOMPARE(report.value(QStringLiteral("left_behind")).toArray(),
                 QJsonArray{QStringLiteral("table keep")});
        QCOMPARE(report.value(QStringLiteral("differences")).toArray().size(), 0);
        QVERIFY(!f.touched());
    }

    void schemaIsForPostgresOnly()
    {
        if (kPostgres)
            QSKIP("SQLite-specific (SQLite refuses schemas); tst_postgrescli covers --schema");
        Fixture f;
        f.addChain();
        Outcome o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads"),
                           QStringLiteral("--schema"), QStringLiteral("deploy")});
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(QStringLiteral("sqlite has no schemas")), qPrintable(o.err));
        QVERIFY(!f.touched());
        // strata.ini's version_table_schema is read (and refused here the same way).
        f.write(QStringLiteral("strata.ini"),
                QStringLiteral("[strata]\nversions = versions\nversion_table_schema = deploy\n"));
        o = f.run({QStringLiteral("current")});
        QCOMPARE(o.code, 1); // the project's setting, not the command line, is at fault
        QVERIFY2(o.err.contains(QStringLiteral("--schema applies to PostgreSQL")) &&
                     o.err.contains(QStringLiteral("strata.ini")),
                 qPrintable(o.err));
    }

    void lintReportsAsTextAndJson()
    {
        Fixture f;
        f.addChain(); // new tables only: nothing to say
        Outcome o = f.run({QStringLiteral("lint")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("No findings in 3 migrations")), qPrintable(o.out));
        // A warning alone keeps exit 0; an error makes it 1.
        // (SQLite has no CREATE INDEX CONCURRENTLY: its warning is another; nor SET, which
        // SQLite's own statement check would report.)
        const QString timeout = kPostgres ? QStringLiteral("SET lock_timeout = '5s';\n")
                                          : QStringLiteral("SELECT 1;\n");
        f.addMigration(QStringLiteral("dddd04"), QStringLiteral("cccc03"),
                       timeout + (kPostgres ? QStringLiteral("CREATE INDEX t_a_id ON t_a (id);")
                                            : QStringLiteral("UPDATE t_a SET id = id;")),
                       QStringLiteral("DROP INDEX t_a_id;"));
        o = f.run({QStringLiteral("lint"), QStringLiteral("dddd04")});
        QCOMPARE(o.code, 0);
        QVERIFY2(o.out.contains(
                     kPostgres ? QStringLiteral("dddd04.sql:7: warning: [index-not-concurrent]")
                               : QStringLiteral("dddd04.sql:7: warning: [missing-where]")),
                 qPrintable(o.out));
        f.addMigration(QStringLiteral("eeee05"), QStringLiteral("dddd04"),
                       timeout + QStringLiteral("DROP TABLE t_b;"),
                       QStringLiteral("CREATE TABLE t_b (id INTEGER PRIMARY KEY);"));
        o = f.run({QStringLiteral("lint"), QStringLiteral("--json")});
        QCOMPARE(o.code, 1);
        const QJsonArray findings = o.json()[QStringLiteral("findings")].toArray();
        QCOMPARE(findings.size(), 2);
        const QJsonObject loss = findings.at(1).toObject();
        QCOMPARE(loss[QStringLiteral("revision")].toString(), QStringLiteral("eeee05"));
        QCOMPARE(loss[QStringLiteral("rule")].toString(), QStringLiteral("data-loss"));
        QCOMPARE(loss[QStringLiteral("severity")].toString(), QStringLiteral("error"));
        QCOMPARE(loss[QStringLiteral("line")].toInt(), 7);
        QVERIFY(loss[QStringLiteral("file")].toString().endsWith(QStringLiteral("eeee05.sql")));
        QVERIFY(!loss[QStringLiteral("message")].toString().isEmpty());
        QVERIFY(!f.touched()); // lint never connects
        o = f.run({QStringLiteral("lint"), QStringLiteral("nope")});
        QCOMPARE(o.code, 1); // an unknown revision, as for every command taking one
        QVERIFY2(o.err.contains(QStringLiteral("nope")), qPrintable(o.err));
    }

    // Issue 13, sections 1 and 9: lint names transaction control and statements the engine
    // refuses in a transaction, in either section; SQLite projects get SQLite's rules; an allow
    // comment naming no rule is an error.
    void lintFindsWhatBreaksTheTransaction()
    {
        Fixture f;
        f.addMigration(
            QStringLiteral("aaaa01"), {},
            QStringLiteral("CREATE TABLE a (id int);\nCOMMIT;\nCREATE TABLE b (id int);"),
            QStringLiteral("DROP TABLE b;\nVACUUM;\nDROP TABLE a;"));
        Outcome o = f.run({QStringLiteral("lint"), QStringLiteral("--json")});
        QCOMPARE(o.code, 1);
        QStringList found;
        for (const QJsonValue &v : o.json()[QStringLiteral("findings")].toArray())
            found << QStringLiteral("%1@%2")
                         .arg(v[QStringLiteral("rule")].toString())
                         .arg(v[QStringLiteral("line")].toInt());
        QCOMPARE(found, (QStringList{QStringLiteral("transaction-control@7"),
                                     QStringLiteral("no-transaction-block@12")}));
        QCOMPARE(o.json()[QStringLiteral("dialect")].toString(),
                 kPostgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));

        // SQLite's own statements and an unknown rule name.
        f.addMigration(QStringLiteral("aaaa01"), {},
                       kPostgres ? QStringLiteral("CREATE TEMP TABLE t (id int);\nDROP TABLE t;\n"
                                                  "SELECT 1; -- strata:allow no-such-rule")
                                 : QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY "
                                                  "AUTOINCREMENT) WITHOUT ROWID;\nDROP TABLE t;\n"
                                                  "SELECT 1; -- strata:allow no-such-rule"),
                       QStringLiteral("SELECT 1;"));
        o = f.run({QStringLiteral("lint")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.out.contains(QStringLiteral("aaaa01.sql:8: error: [unknown-rule]")) &&
                     o.out.contains(QStringLiteral("no-such-rule")),
                 qPrintable(o.out));
        QVERIFY2(!o.out.contains(QStringLiteral("[data-loss]")), qPrintable(o.out));
        if (!kPostgres)
            QVERIFY2(o.out.contains(QStringLiteral("SQLite project: checked")), qPrintable(o.out));
        QVERIFY(!f.touched());
    }

    // Issue 13, section 1: the example, `upgrade heads --dry-run` on a section holding
    // a COMMIT, kept both tables and the version row; now the run is refused before anything
    // runs, names file:line, and keeps nothing, dry or not, upgrade or downgrade.
    void commitInAMigrationIsRefusedBeforeItRuns()
    {
        Fixture f;
        f.addMigration(QStringLiteral("aaaa01"), {}, QStringLiteral("CREATE TABLE t_a (id int);"),
                       QStringLiteral("DROP TABLE t_a;"));
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}).code, 0);
        f.addMigration(
            QStringLiteral("bbbb02"), QStringLiteral("aaaa01"),
            QStringLiteral("CREATE TABLE t_x (id int); COMMIT; CREATE TABLE t_y (id int);"),
            QStringLiteral("DROP TABLE t_y;\nDROP TABLE t_x;"));
        for (const QStringList &args :
             {QStringList{QStringLiteral("upgrade"), QStringLiteral("heads"),
                          QStringLiteral("--dry-run")},
              QStringList{QStringLiteral("upgrade"), QStringLiteral("heads")},
              QStringList{QStringLiteral("upgrade"), QStringLiteral("heads"),
                          QStringLiteral("--single-transaction")}}) {
            const Outcome o = f.run(args);
            QCOMPARE(o.code, 1);
            QVERIFY2(o.err.contains(QStringLiteral("bbbb02.sql:6: cannot upgrade bbbb02: COMMIT")),
                     qPrintable(o.err));
            QVERIFY2(o.err.contains(QStringLiteral("nothing was run")), qPrintable(o.err));
            QCOMPARE(f.versionRows(), QStringList{QStringLiteral("aaaa01")});
            const QStringList t = f.tables();
            QCOMPARE(t, QStringList{QStringLiteral("t_a")});
        }
        // History: the one success of aaaa01, nothing for bbbb02.
        QCOMPARE(f.query(QStringLiteral("SELECT count(*) FROM %1").arg(f.historyTable())),
                 QStringList{QStringLiteral("1")});

        // A downgrade holding a ROLLBACK is refused the same way.
        f.addMigration(QStringLiteral("bbbb02"), QStringLiteral("aaaa01"),
                       QStringLiteral("CREATE TABLE t_y (id int);"),
                       QStringLiteral("DROP TABLE t_y;\nROLLBACK;"));
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}).code, 0);
        const Outcome o = f.run({QStringLiteral("downgrade"), QStringLiteral("-1")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("bbbb02.sql:10: cannot downgrade bbbb02: ROLLBACK")),
                 qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("bbbb02")});
        QVERIFY(f.tables().contains(QStringLiteral("t_y")));
    }

    void brokenFileIsReportedWithLine()
    {
        Fixture f;
        f.addChain();
        f.write(QStringLiteral("versions/bad.sql"),
                QStringLiteral("-- revision: eeee05\n-- down_revision: cccc03\n-- colour: blue\n-- "
                               "+upgrade\nSELECT 1;\n"));
        Outcome o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("bad.sql:3")), qPrintable(o.err));
        QVERIFY(!f.touched());

        f.write(QStringLiteral("versions/bad.sql"),
                QStringLiteral(
                    "-- revision: eeee05\n-- down_revision: zzzz99\n-- +upgrade\nSELECT 1;\n"));
        o = f.run({QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("bad.sql:2")) &&
                     o.err.contains(QStringLiteral("zzzz99")),
                 qPrintable(o.err));
    }

    void targetErrors()
    {
        Fixture f;
        f.addChain();
        f.addMigration(QStringLiteral("aaaa99"), QStringLiteral("aaaa01"),
                       QStringLiteral("SELECT 1;"), QStringLiteral("SELECT 1;"));
        Outcome o = f.run({QStringLiteral("upgrade"), QStringLiteral("aaaa")});
        QCOMPARE(o.code, 1);
        QVERIFY(o.err.contains(QStringLiteral("aaaa01")) &&
                o.err.contains(QStringLiteral("aaaa99")));
        o = f.run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QCOMPARE(o.code, 1);
        QVERIFY(o.err.contains(QStringLiteral("several heads")));
        o = f.run({QStringLiteral("upgrade"), QStringLiteral("nosuchrev")});
        QCOMPARE(o.code, 1);
        QVERIFY(o.err.contains(QStringLiteral("nosuchrev")));
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}).code, 0);
        o = f.run({QStringLiteral("downgrade"), QStringLiteral("-1")});
        QCOMPARE(o.code, 1);
        QVERIFY(o.err.contains(QStringLiteral("cccc03")) &&
                o.err.contains(QStringLiteral("aaaa99")));
        o = f.run({QStringLiteral("downgrade"), QStringLiteral("cccc03-5")});
        QCOMPARE(o.code, 1);
        QCOMPARE(f.versionRows(),
                 (QStringList{QStringLiteral("aaaa99"), QStringLiteral("cccc03")}));
    }

    void stampAndPurge()
    {
        Fixture f;
        f.addChain();
        QCOMPARE(f.run({QStringLiteral("stamp"), QStringLiteral("bbbb02")}).code, 0);
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("bbbb02")});
        QCOMPARE(f.tables(), QStringList{}); // no SQL ran
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}).code, 0);
        QCOMPARE(f.tables(), QStringList{QStringLiteral("t_c")});
        QCOMPARE(f.run({QStringLiteral("stamp"), QStringLiteral("base")}).code, 0);
        QCOMPARE(f.versionRows(), QStringList{});
        QCOMPARE(f.run({QStringLiteral("stamp"), QStringLiteral("cccc03")}).code, 0);
        // A corrupted table: a row for a revision that is not in the project.
        f.query(QStringLiteral("INSERT INTO strata_version VALUES ('ghost1')"));
        Outcome o = f.run({QStringLiteral("current")});
        QCOMPARE(o.code, 0);
        QVERIFY(o.out.contains(QStringLiteral("ghost1")));
        o = f.run({QStringLiteral("history"), QStringLiteral("-i")});
        QCOMPARE(o.code, 0);
        QVERIFY2(o.err.contains(QStringLiteral("warning: Version row ghost1 names no migration "
                                               "file")),
                 qPrintable(o.err));
        // check: inconsistent (exit 3), naming the command that works.
        o = f.run({QStringLiteral("check")});
        QCOMPARE(o.code, 3);
        QVERIFY2(o.out.contains(QStringLiteral("`strata stamp --purge cccc03`")),
                 qPrintable(o.out));
        o = f.run({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(o.code, 0);
        QCOMPARE(o.json()[QStringLiteral("unknown_rows")].toArray(),
                 QJsonArray{QStringLiteral("ghost1")});
        QVERIFY(o.json()[QStringLiteral("pending")].isNull());
        QVERIFY(o.json()[QStringLiteral("pending_unknown")].toString().startsWith(
            QStringLiteral("unknown, because")));
        o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY(o.err.contains(QStringLiteral("ghost1")));
        QCOMPARE(
            f.run({QStringLiteral("stamp"), QStringLiteral("--purge"), QStringLiteral("aaaa01")})
                .code,
            0);
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("aaaa01")});
        QCOMPARE(f.query(QStringLiteral("SELECT count(*) FROM %1 WHERE direction='stamp'")
                             .arg(f.historyTable()))
                         .value(0)
                         .toInt() >= 3,
                 true);
    }

    // A file that is not a database: no command reads it as an empty one.
    void unreadableDatabaseIsAnError()
    {
        if (kPostgres)
            QSKIP("a file that is not a database is SQLite's case");
        Fixture f;
        f.addChain();
        {
            QFile file(f.dbPath());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("id,name\n1,not a database\n");
        }
        Outcome o = f.run({QStringLiteral("ping")});
        QCOMPARE(o.code, 1);
        QVERIFY2(!o.out.contains(QStringLiteral("Connected")), qPrintable(o.out));
        QVERIFY2(o.err.contains(QStringLiteral("not a database")), qPrintable(o.err));
        o = f.run({QStringLiteral("current")});
        QCOMPARE(o.code, 1);
        QVERIFY(!o.out.contains(QStringLiteral("base")));
        o = f.run({QStringLiteral("check")});
        QCOMPARE(o.code, 1);
        QVERIFY(!o.out.contains(QStringLiteral("Behind")));
        o = f.run({QStringLiteral("history"), QStringLiteral("-i")});
        QCOMPARE(o.code, 1);
        o = f.run({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(o.code, 1);
        QCOMPARE(o.json()[QStringLiteral("reachable")].toBool(), false);
        QCOMPARE(o.json()[QStringLiteral("problem")][QStringLiteral("code")].toString(),
                 QStringLiteral("unreadable"));
    }

    void statusSaysCurrentAndPending()
    {
        Fixture f;
        f.addChain();
        Outcome o = f.run({QStringLiteral("status")});
        QCOMPARE(o.code, 0);
        QVERIFY2(o.out.contains(QStringLiteral("Pending:  3 migrations: aaaa01, bbbb02, cccc03")),
                 qPrintable(o.out));
        QVERIFY(!f.touched()); // reading creates nothing
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("bbbb02")}).code, 0);
        o = f.run({QStringLiteral("status")}); // behind is still exit 0: status is a report
        QCOMPARE(o.code, 0);
        QVERIFY2(o.out.contains(QStringLiteral("Current:  bbbb02")), qPrintable(o.out));
        QVERIFY(o.out.contains(QStringLiteral("Pending:  1 migration: cccc03")));
        o = f.run({QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(o.code, 0);
        QCOMPARE(o.json()[QStringLiteral("current")].toArray(),
                 QJsonArray{QStringLiteral("bbbb02")});
        QCOMPARE(o.json()[QStringLiteral("pending")].toArray(),
                 QJsonArray{QStringLiteral("cccc03")});
        QCOMPARE(o.json()[QStringLiteral("up_to_date")].toBool(), false);
    }

    void checkEditedAndRepair()
    {
        Fixture f;
        f.addChain();
        Outcome o = f.run({QStringLiteral("check"), QStringLiteral("--json")});
        QCOMPARE(o.code, 3);
        QCOMPARE(o.json()[QStringLiteral("pending")].toArray().size(), 3);
        QCOMPARE(o.json()[QStringLiteral("up_to_date")].toBool(), false);
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}).code, 0);
        QCOMPARE(f.run({QStringLiteral("check")}).code, 0);

        // Edit an applied migration: check reports it, upgrades are blocked until repaired.
        f.addMigration(QStringLiteral("bbbb02"), QStringLiteral("aaaa01"),
                       QStringLiteral("CREATE TABLE t_b (id INTEGER PRIMARY KEY, name TEXT);"),
                       QStringLiteral("DROP TABLE t_b;"));
        f.addMigration(QStringLiteral("dddd04"), QStringLiteral("cccc03"),
                       QStringLiteral("CREATE TABLE t_d (id INTEGER);"),
                       QStringLiteral("DROP TABLE t_d;"));
        o = f.run({QStringLiteral("check"), QStringLiteral("--json")});
        QCOMPARE(o.code, 3);
        QCOMPARE(o.json()[QStringLiteral("edited")].toArray(),
                 QJsonArray{QStringLiteral("bbbb02")});
        o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("bbbb02")) &&
                     o.err.contains(QStringLiteral("repair")),
                 qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        QCOMPARE(f.run({QStringLiteral("repair")}).code, 0);
        QCOMPARE(f.query(QStringLiteral("SELECT count(*) FROM %1 WHERE direction='repair'")
                             .arg(f.historyTable())),
                 QStringList{QStringLiteral("1")});
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}).code, 0);
        QCOMPARE(f.run({QStringLiteral("check")}).code, 0);
    }

    // Issue 13, section 8: a downgrade section added to an applied migration that had none is
    // not an edit; `check` stays clean and `upgrade` goes on.
    void addingADowngradeIsNotAnEdit()
    {
        Fixture f;
        f.write(QStringLiteral("versions/aaaa01.sql"),
                QStringLiteral("-- revision: aaaa01\n-- message: a\n\n-- +upgrade\n"
                               "CREATE TABLE t_a (id INTEGER);\n"));
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}).code, 0);
        f.write(QStringLiteral("versions/aaaa01.sql"),
                QStringLiteral("-- revision: aaaa01\n-- message: a\n\n-- +upgrade\n"
                               "CREATE TABLE t_a (id INTEGER);\n\n-- +downgrade\n"
                               "DROP TABLE t_a;\n"));
        f.addMigration(QStringLiteral("bbbb02"), QStringLiteral("aaaa01"),
                       QStringLiteral("CREATE TABLE t_b (id INTEGER);"),
                       QStringLiteral("DROP TABLE t_b;"));
        Outcome o = f.run({QStringLiteral("check"), QStringLiteral("--json")});
        QCOMPARE(o.code, 3); // bbbb02 is pending, nothing is edited
        QCOMPARE(o.json()[QStringLiteral("edited")].toArray(), QJsonArray{});
        o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("bbbb02")});
        QCOMPARE(f.run({QStringLiteral("downgrade"), QStringLiteral("base")}).code, 0);
        QCOMPARE(f.versionRows(), QStringList{});
    }

    void historyRangeAndIndicate()
    {
        Fixture f;
        f.addChain();
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("bbbb02")}).code, 0);
        Outcome o = f.run({QStringLiteral("history"), QStringLiteral("-i")});
        QCOMPARE(o.code, 0);
        const QStringList lines = o.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QStringLiteral("bbbb02 -> cccc03 (head)")));
        QVERIFY(lines[1].contains(QStringLiteral("(current)")));
        QVERIFY(lines[2].startsWith(QStringLiteral("<base> -> aaaa01")));
        o = f.run({QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral("bbbb02:"),
                   QStringLiteral("--json")});
        QCOMPARE(o.code, 0);
        const QJsonArray revs = o.json()[QStringLiteral("revisions")].toArray();
        QCOMPARE(revs.size(), 2);
        QCOMPARE(revs[0][QStringLiteral("applied")].toBool(), false);
        QCOMPARE(revs[1][QStringLiteral("applied")].toBool(), true);
        o = f.run({QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral(":current")});
        QCOMPARE(o.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2);
        QCOMPARE(f.run({QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral("nocolon")})
                     .code,
                 2);
        o = f.run({QStringLiteral("history"), QStringLiteral("-v")});
        QVERIFY(o.out.contains(QStringLiteral("Rev: aaaa01")));
        QVERIFY(o.out.contains(QStringLiteral("Path: versions/aaaa01.sql")));
    }

    void connectionOrder()
    {
        if (kPostgres)
            QSKIP("SQLite URLs from every source; tst_connectionresolver covers PostgreSQL forms");
        Fixture f;
        f.addChain();
        // strata.ini url, relative to the project.
        f.write(QStringLiteral("strata.ini"),
                QStringLiteral("[strata]\nversions = versions\nversion_table = strata_version\nurl "
                               "= sqlite:///ini.db\n"));
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("+1")}, false).code, 0);
        QVERIFY(QFile::exists(f.root() + QStringLiteral("/ini.db")));
        // .env wins over strata.ini.
        f.write(QStringLiteral(".env"),
                QStringLiteral("# local settings\nDATABASE_URL=sqlite+aiosqlite:///env.db\n"));
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("+1")}, false).code, 0);
        QVERIFY(QFile::exists(f.root() + QStringLiteral("/env.db")));
        // DATABASE_URL wins over .env.
        QTemporaryDir other;
        const QString envDb = other.path() + QStringLiteral("/fromenv.db");
        qputenv("DATABASE_URL", (QStringLiteral("sqlite:///") + envDb).toUtf8());
        Outcome o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}, false);
        qunsetenv("DATABASE_URL");
        QCOMPARE(o.code, 0);
        QVERIFY(QFile::exists(envDb));
        QVERIFY(!f.touched()); // the fixture's own database was never touched
        // Default: strata.db in the project folder.
        QFile::remove(f.root() + QStringLiteral("/.env"));
        f.write(QStringLiteral("strata.ini"), QStringLiteral("[strata]\nversions = versions\n"));
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}, false).code, 0);
        QVERIFY(QFile::exists(f.root() + QStringLiteral("/strata.db")));
        // A bad URL is a clear error.
        o = f.run({QStringLiteral("current"), QStringLiteral("--url"),
                   QStringLiteral("mysql://u:secret@h/db")},
                  false);
        QCOMPARE(o.code, 1);
        QVERIFY(!o.err.contains(QStringLiteral("secret")));
    }

    void versionTableOption()
    {
        Fixture f;
        f.addChain();
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("heads"),
                        QStringLiteral("--version-table"), QStringLiteral("alembic_version")})
                     .code,
                 0);
        QCOMPARE(f.versionRows(QStringLiteral("alembic_version")),
                 QStringList{QStringLiteral("cccc03")});
        // Alembic's primary key name.
        const QString pkc = kPostgres
                                ? f.query(QStringLiteral("SELECT conname FROM pg_constraint WHERE "
                                                         "conname = 'alembic_version_pkc'"))
                                      .value(0)
                                : f.query(QStringLiteral("SELECT sql FROM sqlite_master WHERE "
                                                         "name='alembic_version'"))
                                      .value(0);
        QVERIFY2(pkc.contains(QStringLiteral("alembic_version_pkc")), qPrintable(pkc));
    }

    void branchesAndShowOnTheExample()
    {
        const QString project = QStringLiteral(STRATA_SOURCE_DIR "/migrations");
        QTemporaryDir dir;
        const QStringList common{QStringLiteral("-d"), project, QStringLiteral("--url"),
                                 QStringLiteral("sqlite:///") + dir.path() +
                                     QStringLiteral("/x.db")};
        Outcome o = Fixture::runRaw(
            common + QStringList{QStringLiteral("branches"), QStringLiteral("--json")});
        QCOMPARE(o.code, 0);
        const QJsonArray branches = o.json()[QStringLiteral("branches")].toArray();
        QCOMPARE(branches.size(), 1);
        QCOMPARE(branches[0][QStringLiteral("revision")].toString(),
                 QStringLiteral("5e4a7c9f1b05"));
        QCOMPARE(branches[0][QStringLiteral("children")].toArray().size(), 2);
        o = Fixture::runRaw(common + QStringList{QStringLiteral("branches")});
        QVERIFY(o.out.contains(QStringLiteral("-> 7a6c9e1b3d07 (reporting)")));
        o = Fixture::runRaw(common +
                            QStringList{QStringLiteral("show"), QStringLiteral("reporting@head")});
        QCOMPARE(o.code, 0);
        QVERIFY(o.out.contains(QStringLiteral("Rev: be0a3c5f7b11")));
        QVERIFY(o.out.contains(QStringLiteral("CREATE TABLE stock")));
        o = Fixture::runRaw(common + QStringList{QStringLiteral("show"), QStringLiteral("8b7d")});
        QVERIFY(o.out.contains(QStringLiteral("Also depends on: 6f5b8d0a2c06")));
        // The dependency pulls payments in when only the reporting branch is asked for.
        o = Fixture::runRaw(common +
                            QStringList{QStringLiteral("upgrade"), QStringLiteral("8b7d0f2c4e08"),
                                        QStringLiteral("--plan"), QStringLiteral("--json")});
        QCOMPARE(o.code, 0);
        QStringList steps;
        for (const QJsonValue &step : o.json()[QStringLiteral("steps")].toArray())
            steps.append(step[QStringLiteral("revision")].toString());
        QVERIFY(steps.contains(QStringLiteral("6f5b8d0a2c06")));
        QVERIFY(steps.indexOf(QStringLiteral("6f5b8d0a2c06")) <
                steps.indexOf(QStringLiteral("8b7d0f2c4e08")));
        QVERIFY(!steps.contains(QStringLiteral("9c8e1a3d5f09")));
    }

    void exampleProjectRoundTrip()
    {
        if (kPostgres)
            QSKIP("reads sqlite_master; tst_postgrescli and verify round-trip on PostgreSQL");
        QTemporaryDir dir;
        const QString url = QStringLiteral("sqlite:///") + dir.path() + QStringLiteral("/shop.db");
        const QString project = QStringLiteral(STRATA_SOURCE_DIR "/migrations");
        auto run = [&](QStringList args) {
            return Fixture::runRaw(
                QStringList{QStringLiteral("-d"), project, QStringLiteral("--url"), url} + args);
        };
        auto schema = [&] {
            Fixture probe;
            return probe.query(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                              "WHERE name NOT LIKE 'strata_version%' AND name NOT "
                                              "LIKE 'sqlite%' ORDER BY type, name"),
                               dir.path() + QStringLiteral("/shop.db"));
        };
        Outcome o = run({QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        const QStringList first = schema();
        QVERIFY(first.size() >= 8);
        o = run({QStringLiteral("downgrade"), QStringLiteral("base")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(schema(), QStringList{});
        o = run({QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(schema(), first);
        QCOMPARE(run({QStringLiteral("check")}).code, 0);
    }

    // Profiles from the desktop app's file; backups taken, listed and restored through them;
    // a protected target needs its database name; bad input named, nothing touched.
    void backupBackupsAndRestoreThroughProfiles()
    {
        Fixture f;
        f.addChain();
        QTemporaryDir home;
        const QString config = home.filePath(QStringLiteral("config"));
        const QString backups = home.filePath(QStringLiteral("backups"));
        qputenv("STRATA_CONFIG_DIR", config.toUtf8());
        auto unset = qScopeGuard([] { qunsetenv("STRATA_CONFIG_DIR"); });
        const Profile dev = f.profile(QStringLiteral("dev"), QStringLiteral("Development"));
        const Profile prod = f.profile(QStringLiteral("prod"), QStringLiteral("Production"));
        QVERIFY(prod.isProtected);
        QVERIFY(ProfileStore(ProfileStore::defaultFilePath()).save({dev, prod}).ok());
        auto strata = [&](QStringList args) {
            return Fixture::runRaw(args << QStringLiteral("--out") << backups);
        };

        Outcome o = Fixture::runRaw(
            {QStringLiteral("--profile"), QStringLiteral("nosuch"), QStringLiteral("current")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("no profile named 'nosuch'")) &&
                     o.err.contains(QStringLiteral("dev, prod")),
                 qPrintable(o.err));
        o = Fixture::runRaw({QStringLiteral("--profile"), QStringLiteral("dev"),
                             QStringLiteral("--url"), f.url(), QStringLiteral("current")});
        QCOMPARE(o.code, 2);
        QVERIFY(!f.touched());

        o = Fixture::runRaw({QStringLiteral("--profile"), QStringLiteral("dev"),
                             QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        o = strata({QStringLiteral("--profile"), QStringLiteral("dev"), QStringLiteral("backup"),
                    QStringLiteral("--json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        // The database backed up is named first (stderr, as stdout holds the JSON).
        QVERIFY2(o.err.startsWith(QStringLiteral("Target: ")) &&
                     o.err.section(QLatin1Char('\n'), 0, 0)
                         .endsWith(QStringLiteral("(from --profile dev)")),
                 qPrintable(o.err));
        const QString file = o.json().value(QStringLiteral("path")).toString();
        QVERIFY(QFile::exists(file));
        QCOMPARE(o.json().value(QStringLiteral("profile")).toString(), QStringLiteral("dev"));
        o = strata({QStringLiteral("backups"), QStringLiteral("--json")});
        QCOMPARE(o.code, 0);
        const QJsonArray listed = o.json().value(QStringLiteral("backups")).toArray();
        QCOMPARE(listed.size(), 1);
        QCOMPARE(listed.at(0).toObject().value(QStringLiteral("revisions")).toArray().at(0),
                 QJsonValue(QStringLiteral("cccc03")));

        o = Fixture::runRaw({QStringLiteral("--profile"), QStringLiteral("dev"),
                             QStringLiteral("downgrade"), QStringLiteral("base")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{});

        // Into the protected profile: refused without its database name, nothing touched.
        o = strata(
            {QStringLiteral("restore"), file, QStringLiteral("--into"), QStringLiteral("prod")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("prod is protected")) &&
                     o.err.contains(QStringLiteral("--confirm ") + prod.databaseName()),
                 qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{});
        o = strata({QStringLiteral("restore"), QStringLiteral("no-such-backup.dump")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("no-such-backup.dump")), qPrintable(o.err));

        o = strata({QStringLiteral("restore"), QFileInfo(file).fileName(), QStringLiteral("--into"),
                    QStringLiteral("prod"), QStringLiteral("--confirm"), prod.databaseName()});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.section(QLatin1Char('\n'), 0, 0).startsWith(QStringLiteral("Target: ")) &&
                     o.out.section(QLatin1Char('\n'), 0, 0)
                         .endsWith(QStringLiteral("(from --profile prod)")),
                 qPrintable(o.out));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        QCOMPARE(f.query(QStringLiteral("SELECT count(*) FROM t_b")),
                 QStringList{QStringLiteral("1")});

        auto entries = AuditLog(AuditLog::defaultFilePath()).readAll();
        QVERIFY(entries.ok());
        QStringList actions;
        for (const AuditEntry &e : *entries)
            if (e.action == QLatin1String("backup") || e.action == QLatin1String("restore"))
                actions << e.action + QLatin1Char('@') + e.profile + QLatin1Char('=') +
                               e.result.section(QLatin1Char(':'), 0, 0);
        // The protected target was backed up first (on by default), before it was replaced.
        QVERIFY2(o.out.contains(QStringLiteral("before the restore")), qPrintable(o.out));
        QCOMPARE(actions.mid(actions.size() - 3),
                 (QStringList{QStringLiteral("backup@dev=success"),
                              QStringLiteral("backup@prod=success"),
                              QStringLiteral("restore@prod=success")}));
    }

    // Section 4 of issue 13: the target database is never a surprise.

    // DB_* in a .env one folder above the project (the repository root), written as the teams'
    // guides write them. On PostgreSQL the run reaches the server they name; on SQLite's build
    // they name an unreachable server: exit 1, and either way no SQLite file appears.
    void dotEnvDbVariablesAboveTheProject()
    {
        Fixture f;
        f.addChain();
        QString host = QStringLiteral("127.0.0.1"), port = QStringLiteral("1"),
                user = QStringLiteral("app"), dbname = QStringLiteral("shop");
        if (kPostgres) {
            for (const QString &pair : pgServer()->conninfo(f.database()).split(QLatin1Char(' '))) {
                const QString key = pair.section(QLatin1Char('='), 0, 0);
                const QString value = pair.section(QLatin1Char('='), 1);
                (key == QLatin1String("host")   ? host
                 : key == QLatin1String("port") ? port
                 : key == QLatin1String("user") ? user
                                                : dbname) = value;
            }
        }
        QFile env(f.repoRoot() + QStringLiteral("/.env"));
        QVERIFY(env.open(QIODevice::WriteOnly));
        env.write(
            QStringLiteral("# from the team's guide\r\nDB_USER=%1\r\nexport DB_HOST=\"%2\"\r\n"
                           "DB_PORT='%3' # the port\r\nDB_NAME=%4\r\nDB_PASSWORD=\"x#y\"\r\n")
                .arg(user, host, port, dbname)
                .toUtf8());
        env.close();
        Outcome o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}, false);
        const QString first = o.out.section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(
            first.startsWith(QStringLiteral("Target: PostgreSQL database %1 on ").arg(dbname)) &&
                first.contains(QStringLiteral("port %1 as user %2").arg(port, user)) &&
                first.contains(f.repoRoot() + QStringLiteral("/.env")),
            qPrintable(o.out + o.err));
        QVERIFY(!(o.out + o.err).contains(QStringLiteral("x#y")));
        QVERIFY(!QFile::exists(f.root() + QStringLiteral("/strata.db")));
        if (kPostgres) {
            QVERIFY2(o.code == 0, qPrintable(o.err));
            QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        } else {
            QCOMPARE(o.code, 1);
            QVERIFY2(o.err.contains(QStringLiteral("cannot connect")), qPrintable(o.err));
        }
        // The environment wins over .env, variable by variable.
        qputenv("DB_NAME", "not_this_one");
        o = f.run({QStringLiteral("current")}, false);
        qunsetenv("DB_NAME");
        // On PostgreSQL the server answers that the database does not exist (read: nothing
        // applied); on SQLite the connection fails. Either way it names the variable's value.
        QCOMPARE(o.code, kPostgres ? 0 : 1);
        QVERIFY2((o.out + o.err).contains(QStringLiteral("not_this_one")),
                 qPrintable(o.out + o.err));
    }

    // A database that is not there is named by `current`, never a plain "base": a mistyped
    // name would otherwise read as an empty database. Nothing is created by reading.
    void currentNamesADatabaseThatDoesNotExist()
    {
        Fixture f;
        const QString missing = f.root() + QStringLiteral("/not-created.db");
        const QStringList args{QStringLiteral("-d"), f.root(), QStringLiteral("--url"),
                               QStringLiteral("sqlite:///") + missing, QStringLiteral("current")};
        Outcome o = Fixture::runRaw(args);
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("does not exist yet")) &&
                     o.out.contains(QStringLiteral("not-created.db")),
                 qPrintable(o.out));
        o = Fixture::runRaw(args + QStringList{QStringLiteral("--json")});
        QCOMPARE(o.code, 0);
        QCOMPARE(o.json()[QStringLiteral("exists")].toBool(true), false);
        QVERIFY(o.json()[QStringLiteral("current")].toArray().isEmpty());
        QVERIFY(!QFile::exists(missing));
    }

    // `downgrade 1`, a typo for `-1`, once reverted eleven migrations through the prefix "1".
    void shortPrefixIsNotARevision()
    {
        Fixture f;
        QString down;
        for (int i = 0; i < 12; ++i) {
            const QString id = QStringLiteral("1%1").arg(i, 5, 10, QLatin1Char('0'));
            f.addMigration(id, down, QStringLiteral("CREATE TABLE t_%1 (id int);").arg(i),
                           QStringLiteral("DROP TABLE t_%1;").arg(i));
            down = id;
        }
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}).code, 0);
        for (const char *typo : {"1", "10", "100"}) {
            Outcome o = f.run({QStringLiteral("downgrade"), QLatin1String(typo)});
            QCOMPARE(o.code, 1);
            QVERIFY2(o.err.contains(QStringLiteral("four characters")) &&
                         o.err.contains(QStringLiteral("-%1").arg(QLatin1String(typo))),
                     qPrintable(o.err));
            QCOMPARE(f.versionRows(), QStringList{QStringLiteral("100011")});
        }
        // Every command that takes a revision follows the same rule.
        for (const QStringList &args :
             {QStringList{QStringLiteral("upgrade"), QStringLiteral("100")},
              QStringList{QStringLiteral("stamp"), QStringLiteral("1")},
              QStringList{QStringLiteral("show"), QStringLiteral("10")},
              QStringList{QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral("1:")},
              QStringList{QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("x"),
                          QStringLiteral("--head"), QStringLiteral("100")},
              QStringList{QStringLiteral("merge"), QStringLiteral("-m"), QStringLiteral("x"),
                          QStringLiteral("1"), QStringLiteral("100011")}}) {
            Outcome o = f.run(args);
            QVERIFY2(o.code == 1 && o.err.contains(QStringLiteral("four characters")),
                     qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + o.err));
        }
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("100011")});
        // Four characters make a prefix; a full id of any length matches exactly.
        QCOMPARE(f.run({QStringLiteral("downgrade"), QStringLiteral("1000")}).code, 1); // ambiguous
        QCOMPARE(f.run({QStringLiteral("downgrade"), QStringLiteral("100001")}).code, 0);
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("100001")});
        f.addMigration(QStringLiteral("z"), QStringLiteral("100011"), QStringLiteral("SELECT 1;"),
                       QStringLiteral("SELECT 1;"));
        QCOMPARE(f.run({QStringLiteral("upgrade"), QStringLiteral("z")}).code, 0);
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("z")});
    }

    // The documented exit codes (packaging/strata.1): 0 success, 1 failure (also an unknown or
    // ambiguous revision, profile or backup), 2 the command line itself is wrong, 3 check.
    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        auto row = [](const char *name, QStringList args, int code) {
            QTest::newRow(name) << args << code;
        };
        const QString u = QStringLiteral("upgrade"), d = QStringLiteral("downgrade");
        row("0 heads", {QStringLiteral("heads")}, 0);
        row("0 upgrade", {u, QStringLiteral("bbbb02")}, 0);
        row("0 plan", {u, QStringLiteral("heads"), QStringLiteral("--plan")}, 0);
        row("2 unknown command", {QStringLiteral("frobnicate")}, 2);
        row("2 unknown option", {u, QStringLiteral("heads"), QStringLiteral("--frob")}, 2);
        row("2 missing argument", {u}, 2);
        row("2 extra argument", {QStringLiteral("current"), QStringLiteral("x")}, 2);
        row("2 option of another command", {QStringLiteral("current"), QStringLiteral("--purge")},
            2);
        row("2 exclusive options",
            {u, QStringLiteral("heads"), QStringLiteral("--sql"), QStringLiteral("--plan")}, 2);
        row("2 malformed time",
            {u, QStringLiteral("heads"), QStringLiteral("--lock-timeout"), QStringLiteral("soon")},
            2);
        row("2 malformed number",
            {QStringLiteral("backup"), QStringLiteral("--jobs"), QStringLiteral("many")}, 2);
        row("2 dialect without --sql",
            {u, QStringLiteral("heads"), QStringLiteral("--dialect"), QStringLiteral("sqlite")}, 2);
        row("2 unknown dialect",
            {u, QStringLiteral("heads"), QStringLiteral("--sql"), QStringLiteral("--dialect"),
             QStringLiteral("mysql")},
            2);
        row("2 range without --sql", {u, QStringLiteral("aaaa01:bbbb02")}, 2);
        row("2 downgrade --sql without a range",
            {d, QStringLiteral("base"), QStringLiteral("--sql")}, 2);
        row("2 downward step for upgrade", {u, QStringLiteral("-1")}, 2);
        row("2 revision without a message", {QStringLiteral("revision")}, 2);
        row("2 malformed version table",
            {QStringLiteral("current"), QStringLiteral("--version-table"), QStringLiteral("a b")},
            2);
        row("2 empty --url",
            {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--url="),
             QStringLiteral("--plan")},
            2);
        row("2 empty --profile",
            {QStringLiteral("current"), QStringLiteral("--profile"), QStringLiteral("")}, 2);
        row("2 history range without colon",
            {QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral("aaaa01")}, 2);
        row("1 unknown revision", {u, QStringLiteral("nosuchrev")}, 1);
        row("1 short prefix", {d, QStringLiteral("1")}, 1);
        row("1 ambiguous prefix", {u, QStringLiteral("aaaa")}, 1);
        row("1 several heads for head", {u, QStringLiteral("head")}, 1);
        row("1 unknown branch", {u, QStringLiteral("nolabel@head")}, 1);
        row("1 walk past the end", {u, QStringLiteral("+9")}, 1);
        row("1 show base", {QStringLiteral("show"), QStringLiteral("base")}, 1);
        row("1 unknown stamp target", {QStringLiteral("stamp"), QStringLiteral("nosuchrev")}, 1);
        row("1 unknown lint revision", {QStringLiteral("lint"), QStringLiteral("nosuchrev")}, 1);
        row("1 unknown history bound",
            {QStringLiteral("history"), QStringLiteral("-r"), QStringLiteral("nosuchrev:")}, 1);
        row("1 revision not on a head",
            {QStringLiteral("revision"), QStringLiteral("-m"), QStringLiteral("x"),
             QStringLiteral("--head"), QStringLiteral("aaaa01")},
            1);
        row("1 nothing to merge",
            {QStringLiteral("merge"), QStringLiteral("-m"), QStringLiteral("x"),
             QStringLiteral("cccc03")},
            1);
        row("1 unknown profile",
            {QStringLiteral("current"), QStringLiteral("--profile"),
             QStringLiteral("no-such-profile")},
            1);
        row("1 missing backup",
            {QStringLiteral("restore"), QStringLiteral("no-such.dump"), QStringLiteral("--out"),
             QStringLiteral("/nonexistent")},
            1);
        row("1 failing migration", {u, QStringLiteral("eeee05")}, 1);
        row("3 check behind", {QStringLiteral("check")}, 3);
    }

    void exitCodes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        Fixture f;
        f.addChain();
        f.addMigration(QStringLiteral("aaaa99"), QStringLiteral("aaaa01"),
                       QStringLiteral("SELECT 1;"), QStringLiteral("SELECT 1;"));
        f.addMigration(QStringLiteral("eeee05"), QStringLiteral("cccc03"),
                       QStringLiteral("SELECT * FROM no_such_table;"), QStringLiteral("SELECT 1;"));
        // Rows naming their own connection get no --url from the fixture.
        const bool ownConnection = std::any_of(args.begin(), args.end(), [](const QString &a) {
            return a.startsWith(QLatin1String("--url")) || a == QLatin1String("--profile");
        });
        Outcome o = f.run(args, !ownConnection);
        QVERIFY2(o.code == code,
                 qPrintable(
                     QStringLiteral("exit %1, expected %2: %3").arg(o.code).arg(code).arg(o.err)));
    }

    // A wrong setting in strata.ini is the project's failure (1, naming the file), the same
    // value on the command line a usage error (2).
    void projectSettingsAreNotUsageErrors()
    {
        Fixture f;
        f.addChain();
        f.write(QStringLiteral("strata.ini"),
                QStringLiteral("[strata]\nversions = versions\nversion_table = bad name\n"));
        Outcome o = f.run({QStringLiteral("current")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("strata.ini")), qPrintable(o.err));
        o = f.run({QStringLiteral("current"), QStringLiteral("--version-table"),
                   QStringLiteral("bad name")});
        QCOMPARE(o.code, 2);
        QVERIFY(!f.touched());
    }

    // --sql with no database configured does not pick SQLite's dialect on its own.
    void offlineSqlDialect()
    {
        Fixture f;
        f.addChain();
        Outcome o = f.run(
            {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--sql")}, false);
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(QStringLiteral("--dialect")), qPrintable(o.err));
        QVERIFY(o.out.isEmpty());
        for (const QString &dialect : {QStringLiteral("postgresql"), QStringLiteral("sqlite")}) {
            o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--sql"),
                       QStringLiteral("--dialect"), dialect},
                      false);
            QVERIFY2(o.code == 0, qPrintable(o.err));
            QCOMPARE(
                o.out.section(QLatin1Char('\n'), 0, 0),
                QStringLiteral("-- Strata offline SQL, dialect %1 (from --dialect)").arg(dialect));
            QVERIFY(o.out.contains(QStringLiteral("CREATE TABLE t_a")));
        }
        // PostgreSQL's splitter and DDL, not SQLite's.
        QVERIFY(o.out.contains(QStringLiteral("BEGIN")));
        o = f.run({QStringLiteral("stamp"), QStringLiteral("bbbb02"), QStringLiteral("--sql"),
                   QStringLiteral("--dialect"), QStringLiteral("postgresql")},
                  false);
        QVERIFY2(o.code == 0 && o.out.startsWith(QStringLiteral("-- Strata offline SQL, dialect "
                                                                "postgresql")),
                 qPrintable(o.out + o.err));
        o = f.run({QStringLiteral("downgrade"), QStringLiteral("cccc03:base"),
                   QStringLiteral("--sql"), QStringLiteral("--dialect"), QStringLiteral("sqlite")},
                  false);
        QVERIFY2(o.code == 0 && o.out.contains(QStringLiteral("DROP TABLE t_c")),
                 qPrintable(o.err));
        QVERIFY(!QFile::exists(f.root() + QStringLiteral("/strata.db")));
        QVERIFY(!f.touched());
    }

    // Each command that changes a database names it on its first line; with --json on stderr;
    // with -q not at all. The project's default SQLite file says it is one.
    void targetLine()
    {
        Fixture f;
        f.addChain();
        const QString engine = kPostgres ? QStringLiteral("Target: PostgreSQL database ")
                                         : QStringLiteral("Target: SQLite file ");
        const QList<QStringList> commands = {
            {QStringLiteral("upgrade"), QStringLiteral("bbbb02")},
            {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--plan")},
            {QStringLiteral("downgrade"), QStringLiteral("-1")},
            {QStringLiteral("stamp"), QStringLiteral("cccc03")},
            {QStringLiteral("repair")},
            {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--dry-run")}};
        for (const QStringList &args : commands) {
            Outcome o = f.run(args);
            QVERIFY2(o.code == 0, qPrintable(o.err));
            const QString first = o.out.section(QLatin1Char('\n'), 0, 0);
            QVERIFY2(first.startsWith(engine) && first.endsWith(QStringLiteral("(from --url)")),
                     qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(": ") + first));
            QVERIFY(!first.contains(QStringLiteral("password")));
        }
        Outcome o =
            f.run({QStringLiteral("stamp"), QStringLiteral("base"), QStringLiteral("--json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY(!o.json().isEmpty());
        QVERIFY2(o.err.startsWith(engine), qPrintable(o.err));
        // ... and in the document, for scripts.
        const QJsonObject target = o.json().value(QStringLiteral("target")).toObject();
        QCOMPARE(target.value(QStringLiteral("engine")).toString(),
                 kPostgres ? QStringLiteral("postgresql") : QStringLiteral("sqlite"));
        QCOMPARE(target.value(QStringLiteral("source")).toString(), QStringLiteral("--url"));
        QCOMPARE(target.value(QStringLiteral("fallback")).toBool(), false);
        if (kPostgres)
            QCOMPARE(target.value(QStringLiteral("database")).toString(), f.database());
        else
            QCOMPARE(target.value(QStringLiteral("file")).toString(), f.dbPath());
        o = f.run({QStringLiteral("stamp"), QStringLiteral("cccc03"), QStringLiteral("-q")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY(!(o.out + o.err).contains(QStringLiteral("Target:")));
        // Nothing configured: the project's own file, and the line says why.
        o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads")}, false);
        QCOMPARE(o.code, 0);
        QVERIFY2(o.out.startsWith(QStringLiteral("Target: SQLite file %1/strata.db (no database "
                                                 "configured")
                                      .arg(f.root())),
                 qPrintable(o.out));
        // An empty DATABASE_URL (a missing CI secret) is not "nothing configured".
        qputenv("DATABASE_URL", "");
        o = f.run({QStringLiteral("downgrade"), QStringLiteral("base")}, false);
        qunsetenv("DATABASE_URL");
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("DATABASE_URL")), qPrintable(o.err));
        QCOMPARE(f.query(QStringLiteral("SELECT version_num FROM strata_version"),
                         f.root() + QStringLiteral("/strata.db")),
                 QStringList{QStringLiteral("cccc03")});
    }

    // Query parameters of the Python drivers' URLs: mapped or ignored with a note on stderr.
    void driverUrlParameters()
    {
        if (!kPostgres)
            QSKIP("PostgreSQL URLs; tst_connectionresolver covers the mapping itself");
        Fixture f;
        f.addChain();
        QString host, port;
        for (const QString &pair : pgServer()->conninfo().split(QLatin1Char(' '))) {
            if (pair.startsWith(QLatin1String("host=")))
                host = pair.mid(5);
            if (pair.startsWith(QLatin1String("port=")))
                port = pair.mid(5);
        }
        const QString url =
            QStringLiteral("postgresql+asyncpg://postgres@/%1?host=%2&port=%3&ssl=disable&"
                           "prepared_statement_cache_size=0&statement_cache_size=0&"
                           "application_name=api&command_timeout=60")
                .arg(f.database(), host, port);
        Outcome o = f.run(
            {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--url"), url},
            false);
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        for (const char *word : {"sslmode=disable", "prepared_statement_cache_size",
                                 "statement_cache_size", "command_timeout"})
            QVERIFY2(o.err.contains(QLatin1String(word)), qPrintable(o.err));
    }

    // One protection policy: on a protected profile every command that changes the database
    // needs its name (--confirm, or typed when asked); what changes nothing needs none.
    void protectedProfileNeedsTheDatabaseName()
    {
        Fixture f;
        f.addChain();
        QTemporaryDir home;
        qputenv("STRATA_CONFIG_DIR", home.filePath(QStringLiteral("config")).toUtf8());
        // Protected: each change backs the database up first, here.
        qputenv("STRATA_BACKUP_DIR", home.filePath(QStringLiteral("backups")).toUtf8());
        auto unset = qScopeGuard([] {
            qunsetenv("STRATA_CONFIG_DIR");
            qunsetenv("STRATA_BACKUP_DIR");
        });
        const Profile prod = f.profile(QStringLiteral("prod"), QStringLiteral("Production"));
        QVERIFY(prod.isProtected);
        QVERIFY(ProfileStore(ProfileStore::defaultFilePath()).save({prod}).ok());
        const QString name = prod.databaseName();
        auto strata = [&](const QStringList &args, std::optional<QString> answer = std::nullopt) {
            return Fixture::runRaw(
                QStringList{QStringLiteral("--profile"), QStringLiteral("prod")} + args, answer);
        };
        auto refused = [&](const Outcome &o) {
            return o.code == 1 && o.err.contains(QStringLiteral("prod is protected")) &&
                   o.err.contains(QStringLiteral("--confirm ") + name);
        };

        Outcome o = strata({QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(refused(o), qPrintable(o.err));
        QVERIFY(!f.touched());
        // Nothing changes: nothing to confirm.
        o = strata({QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--sql")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        o = strata({QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--plan")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(f.tables(), QStringList{});
        o = strata({QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--confirm"),
                    QStringLiteral("not-") + name});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("'not-") + name + QLatin1Char('\'')),
                 qPrintable(o.err));
        QCOMPARE(f.tables(), QStringList{});
        o = strata({QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--confirm"),
                    name});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});

        // The example: `downgrade base` on a protected profile ran unasked.
        o = strata({QStringLiteral("downgrade"), QStringLiteral("base")});
        QVERIFY2(refused(o), qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        o = strata({QStringLiteral("stamp"), QStringLiteral("aaaa01")});
        QVERIFY2(refused(o), qPrintable(o.err));
        o = strata({QStringLiteral("stamp"), QStringLiteral("aaaa01"), QStringLiteral("--purge")});
        QVERIFY2(refused(o), qPrintable(o.err));
        o = strata({QStringLiteral("repair")});
        QVERIFY2(refused(o), qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        o = strata(
            {QStringLiteral("downgrade"), QStringLiteral("heads:base"), QStringLiteral("--sql")});
        QVERIFY2(o.code == 0, qPrintable(o.err));

        // On a terminal the name is asked for; a wrong answer is refused like a wrong
        // --confirm.
        QString asked;
        o = Fixture::runRaw({QStringLiteral("--profile"), QStringLiteral("prod"),
                             QStringLiteral("downgrade"), QStringLiteral("-1")},
                            QStringLiteral("wrong"), &asked);
        QCOMPARE(o.code, 1);
        QVERIFY2(asked.contains(name), qPrintable(asked));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        o = strata({QStringLiteral("downgrade"), QStringLiteral("-1")}, name);
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("bbbb02")});
        o = strata(
            {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--dry-run")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("bbbb02")});
        o = strata(
            {QStringLiteral("stamp"), QStringLiteral("cccc03"), QStringLiteral("--confirm"), name});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        o = strata({QStringLiteral("repair"), QStringLiteral("--confirm"), name});
        QVERIFY2(o.code == 0, qPrintable(o.err));
    }

    // On a protected profile every change backs up first unless --no-backup, and the lint
    // policy (LintPolicy, the desktop app's too) blocks lint errors unless --override-lint gives
    // a reason, which the audit log keeps with the rules overridden.
    void protectedRunsBackUpFirstAndLintErrorsBlock()
    {
        Fixture f;
        f.addChain();
        f.addMigration(QStringLiteral("dddd04"), QStringLiteral("cccc03"),
                       QStringLiteral("ALTER TABLE t_c ADD COLUMN n INTEGER NOT NULL;"),
                       QStringLiteral("ALTER TABLE t_c DROP COLUMN n;"));
        QTemporaryDir home;
        const QString backups = home.filePath(QStringLiteral("backups"));
        const QString audit = home.filePath(QStringLiteral("audit.jsonl"));
        const QByteArray auditBefore = qgetenv("STRATA_AUDIT_LOG");
        qputenv("STRATA_CONFIG_DIR", home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_BACKUP_DIR", backups.toUtf8());
        qputenv("STRATA_AUDIT_LOG", audit.toUtf8());
        auto unset = qScopeGuard([auditBefore] {
            qunsetenv("STRATA_CONFIG_DIR");
            qunsetenv("STRATA_BACKUP_DIR");
            qputenv("STRATA_AUDIT_LOG", auditBefore);
        });
        const Profile prod = f.profile(QStringLiteral("prod"), QStringLiteral("Production"));
        const Profile dev = f.profile(QStringLiteral("dev"), QStringLiteral("Development"));
        QVERIFY(ProfileStore(ProfileStore::defaultFilePath()).save({prod, dev}).ok());
        const QString name = prod.databaseName();
        auto strata = [&](const QString &profile, const QStringList &args) {
            return Fixture::runRaw(QStringList{QStringLiteral("--profile"), profile} + args);
        };
        auto backupCount = [&] { return BackupCatalog::list(backups).size(); };
        Outcome o =
            strata(QStringLiteral("dev"), {QStringLiteral("upgrade"), QStringLiteral("cccc03")});
        QVERIFY2(o.code == 0, qPrintable(o.err));

        // The lint error blocks on prod: nothing runs, nothing is backed up.
        const QStringList upgrade{QStringLiteral("upgrade"), QStringLiteral("heads"),
                                  QStringLiteral("--confirm"), name};
        o = strata(QStringLiteral("prod"), upgrade);
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("add-column-not-null-no-default")) &&
                     o.err.contains(QStringLiteral("dddd04.sql:")) &&
                     o.err.contains(QStringLiteral("lint policy")) &&
                     o.err.contains(QStringLiteral("--override-lint")),
                 qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        QCOMPARE(backupCount(), 0);
        // A dry run keeps nothing: the policy lets it try, and nothing is backed up.
        o = strata(QStringLiteral("prod"), {QStringLiteral("upgrade"), QStringLiteral("heads"),
                                            QStringLiteral("--dry-run")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        QCOMPARE(backupCount(), 0);
        // On an unprotected profile the finding never blocks.
        o = strata(QStringLiteral("dev"),
                   {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("--plan")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        o = strata(QStringLiteral("prod"),
                   upgrade + QStringList{QStringLiteral("--override-lint"), QStringLiteral(" ")});
        QCOMPARE(o.code, 2);

        // Overridden with a reason: backed up first, run, and both audited.
        o = strata(QStringLiteral("prod"),
                   upgrade + QStringList{QStringLiteral("--override-lint"),
                                         QStringLiteral("CHG-77: t_c is empty")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("before the upgrade")), qPrintable(o.out));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("dddd04")});
        QCOMPARE(backupCount(), 1);
        auto entries = AuditLog(audit).readAll();
        QVERIFY(entries.ok());
        QStringList actions;
        for (const AuditEntry &e : *entries)
            actions << e.action;
        QCOMPARE(actions.mid(actions.size() - 3),
                 (QStringList{QStringLiteral("lint override: add-column-not-null-no-default"),
                              QStringLiteral("backup"), QStringLiteral("upgrade")}));
        QCOMPARE(entries->at(entries->size() - 3).reason, QStringLiteral("CHG-77: t_c is empty"));

        // Downgrade, stamp and repair back up first too; --no-backup leaves it out.
        o = strata(QStringLiteral("prod"), {QStringLiteral("downgrade"), QStringLiteral("-1"),
                                            QStringLiteral("--confirm"), name});
        QVERIFY2(o.code == 0 && o.out.contains(QStringLiteral("before the downgrade")),
                 qPrintable(o.err + o.out));
        QCOMPARE(backupCount(), 2);
        o = strata(QStringLiteral("prod"), {QStringLiteral("stamp"), QStringLiteral("bbbb02"),
                                            QStringLiteral("--confirm"), name});
        QVERIFY2(o.code == 0 && o.out.contains(QStringLiteral("before the stamp")),
                 qPrintable(o.err + o.out));
        QCOMPARE(backupCount(), 3);
        o = strata(QStringLiteral("prod"),
                   {QStringLiteral("stamp"), QStringLiteral("cccc03"), QStringLiteral("--confirm"),
                    name, QStringLiteral("--no-backup")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(backupCount(), 3);
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        o = strata(QStringLiteral("prod"),
                   {QStringLiteral("stamp"), QStringLiteral("cccc03"),
                    QStringLiteral("--backup-first"), QStringLiteral("--no-backup")});
        QCOMPARE(o.code, 2);
        // Unprotected: no backup unless asked for.
        o = strata(QStringLiteral("dev"), {QStringLiteral("downgrade"), QStringLiteral("-1")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(backupCount(), 3);
        o = strata(QStringLiteral("dev"), {QStringLiteral("upgrade"), QStringLiteral("cccc03"),
                                           QStringLiteral("--backup-first")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(backupCount(), 4);

        // The policy is a setting: blocking warnings too, the data-loss warning of a downgrade
        // needs a reason on prod.
        QVERIFY(LintPolicy::setOnProtected(LintBlock::Warnings).ok());
        o = strata(QStringLiteral("prod"), {QStringLiteral("downgrade"), QStringLiteral("-1"),
                                            QStringLiteral("--confirm"), name});
        if (kPostgres) { // PostgreSQL's parser reads the downgrade for what it drops
            QCOMPARE(o.code, 1);
            QVERIFY2(o.err.contains(QStringLiteral("data-loss")), qPrintable(o.err));
        }
        QVERIFY(LintPolicy::setOnProtected(LintBlock::Nothing).ok());
        o = strata(QStringLiteral("prod"), upgrade);
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("dddd04")});
    }

    // A restore replaces every user schema (or the SQLite file): into a plain --url it needs
    // the database's name too.
    void restoreIntoAUrlNeedsTheDatabaseName()
    {
        Fixture f;
        f.addChain();
        QTemporaryDir home;
        const QString backups = home.filePath(QStringLiteral("backups"));
        Outcome o = f.run({QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        o = f.run(
            {QStringLiteral("backup"), QStringLiteral("--out"), backups, QStringLiteral("--json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        const QString file = o.json().value(QStringLiteral("path")).toString();
        o = f.run({QStringLiteral("downgrade"), QStringLiteral("base")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        const QString name = f.databaseName();

        o = f.run({QStringLiteral("restore"), file});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("--confirm ") + name), qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{});
        o = f.run({QStringLiteral("restore"), file, QStringLiteral("--confirm"), name});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QCOMPARE(f.versionRows(), QStringList{QStringLiteral("cccc03")});
        QVERIFY2(!o.out.contains(QStringLiteral("left out")), qPrintable(o.out));

        if (!kPostgres)
            return;
        // A table owned by a role that is gone by restore time: the restore names it and
        // changes nothing; --no-owner restores without owners and says so.
        QVERIFY(pgServer()->psql(QStringLiteral("DO $$BEGIN CREATE ROLE cli_gone_owner; "
                                                "EXCEPTION WHEN duplicate_object THEN NULL; "
                                                "END$$")));
        QVERIFY(f.query(QStringLiteral("ALTER TABLE t_b OWNER TO cli_gone_owner")).isEmpty());
        o = f.run(
            {QStringLiteral("backup"), QStringLiteral("--out"), backups, QStringLiteral("--json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        const QString owned = o.json().value(QStringLiteral("path")).toString();
        QVERIFY(
            pgServer()->psql(QStringLiteral("DROP OWNED BY cli_gone_owner"), nullptr,
                             f.url().section(QStringLiteral("dbname="), 1).section(u' ', 0, 0)));
        QVERIFY(pgServer()->psql(QStringLiteral("DROP ROLE cli_gone_owner")));
        o = f.run({QStringLiteral("restore"), owned, QStringLiteral("--confirm"), name});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QStringLiteral("cli_gone_owner")) &&
                     o.err.contains(QStringLiteral("--no-owner")),
                 qPrintable(o.err));
        QCOMPARE(f.tables(), (QStringList{QStringLiteral("t_a"), QStringLiteral("t_c")}));
        o = f.run({QStringLiteral("restore"), owned, QStringLiteral("--confirm"), name,
                   QStringLiteral("--no-owner")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QStringLiteral("owners and grants were left out")),
                 qPrintable(o.out));
        QCOMPARE(f.tables(), (QStringList{QStringLiteral("t_a"), QStringLiteral("t_b"),
                                          QStringLiteral("t_c")}));
    }

    void cleanupTestCase() { pgServer().reset(); }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
