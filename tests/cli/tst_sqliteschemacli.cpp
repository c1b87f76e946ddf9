// The schema commands on a SQLite project, as typed: `strata diff`, `strata revision
// --autogenerate` and `strata check --drift` with the same spelling, proofs, --json documents
// and exit codes as on PostgreSQL (0, 1 on an error or refusal, 2 on a usage error, 3 on
// drift), scratch databases that are temporary files removed again, and the project's SQLite
// file only ever read by them.

#include "chainproject.h"
#include "cli.h"
#include "files.h"
#include "sqlitefile.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <unistd.h>

class TestSqliteSchemaCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QTemporaryDir m_tmp; // TMPDIR: where scratch folders would be left
    int m_count = 0;

    struct Outcome
    {
        int code = -1;
        QString out;
        QString err;
        QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
    };

    static Outcome run(const QString &project, const QStringList &args)
    {
        Outcome o;
        QTextStream out(&o.out), err(&o.err);
        strata::cli::Cli cli(out, err);
        o.code = cli.run(QStringList{QStringLiteral("strata"), QStringLiteral("-d"), project,
                                     QStringLiteral("--url"), QStringLiteral("sqlite:///app.db")} +
                         args);
        out.flush();
        err.flush();
        return o;
    }

    // A project at r1 (author, book with an index), whose schema.sql adds a column with its
    // type, a CHECK (a table rebuild) and a view.
    QString newProject()
    {
        const QString dir = strata::test::writeChainProject(
            m_home.filePath(QStringLiteral("p%1").arg(++m_count)),
            {{QStringLiteral(
                  "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
                  "CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES "
                  "author (id) ON DELETE CASCADE, title TEXT, price REAL);\n"
                  "CREATE INDEX book_title ON book (title);"),
              QStringLiteral("DROP TABLE book;\nDROP TABLE author;")}},
            QStringLiteral("schema_file = schema.sql\n"));
        const bool ok = strata::test::writeFile(
            dir + QStringLiteral("/schema.sql"),
            "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born VARCHAR(10));\n"
            "CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES author (id) "
            "ON DELETE CASCADE, title TEXT, price REAL CHECK (price > 0));\n"
            "CREATE INDEX book_title ON book (title);\n"
            "CREATE VIEW cheap AS SELECT * FROM book WHERE price < 10;\n");
        return ok ? dir : QString();
    }

    QStringList scratchLeft() const
    {
        return QDir(m_tmp.path()).entryList({QStringLiteral("strata-scratch-*")}, QDir::AllEntries);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid() && m_tmp.isValid());
        qputenv("TMPDIR", QFile::encodeName(m_tmp.path()));
    }

    void cleanup() { QCOMPARE(scratchLeft(), QStringList()); }

    void diffPrintsSqliteStatementsAndJson()
    {
        const QString project = newProject();
        Outcome o =
            run(project, {QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
                          QStringLiteral("--to"),
                          QStringLiteral("file:") + project + QStringLiteral("/schema.sql")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        for (const char *part :
             {"-- From: the project at heads", "temporary SQLite file",
              "ALTER TABLE author ADD COLUMN born VARCHAR(10)", "CREATE VIEW cheap", "-- hazard:"})
            QVERIFY2(o.out.contains(QLatin1String(part)), qPrintable(QLatin1String(part) + o.out));
        QVERIFY2(!o.out.contains(QLatin1String("ACCESS EXCLUSIVE")), qPrintable(o.out));

        o = run(project, {QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
                          QStringLiteral("--to"),
                          QStringLiteral("file:") + project + QStringLiteral("/schema.sql"),
                          QStringLiteral("--json")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        const QJsonArray operations = o.json().value(QStringLiteral("operations")).toArray();
        QVERIFY(!operations.isEmpty());
        for (const QJsonValue &op : operations)
            for (const char *field : {"sql", "inverse_sql", "kind", "object", "hazards"})
                QVERIFY2(op.toObject().contains(QLatin1String(field)), field);

        o = run(project, {QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("r1"),
                          QStringLiteral("--to"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QLatin1String("-- No changes: r1 and heads are the same schema.")),
                 qPrintable(o.out));
        QVERIFY(!QFileInfo::exists(project + QStringLiteral("/app.db")));
    }

    // Autogenerate writes a proven migration; upgraded, the database shows no drift; a change
    // by hand is drift (exit 3), and `diff --from current --to db` shows it as statements.
    void autogenerateThenDrift()
    {
        const QString project = newProject();
        Outcome o = run(project, {QStringLiteral("revision"), QStringLiteral("--autogenerate"),
                                  QStringLiteral("-m"), QStringLiteral("more"),
                                  QStringLiteral("--rev-id"), QStringLiteral("r2")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QLatin1String("proven in a scratch database")), qPrintable(o.out));
        const QString written = QString::fromUtf8(
            strata::test::readFile(project + QStringLiteral("/versions/r2_more.sql")));
        QVERIFY2(written.contains(QLatin1String("-- down_revision: r1")), qPrintable(written));
        QVERIFY2(written.contains(QLatin1String("-- +downgrade")), qPrintable(written));

        o = run(project, {QStringLiteral("revision"), QStringLiteral("--autogenerate"),
                          QStringLiteral("-m"), QStringLiteral("again")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QLatin1String("No changes")), qPrintable(o.out));

        // The database does not exist yet: drift says so and creates nothing.
        o = run(project, {QStringLiteral("check"), QStringLiteral("--drift")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QLatin1String("does not exist")), qPrintable(o.err));
        QVERIFY(!QFileInfo::exists(project + QStringLiteral("/app.db")));

        o = run(project, {QStringLiteral("upgrade"), QStringLiteral("heads")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        o = run(project, {QStringLiteral("check"), QStringLiteral("--drift")});
        QVERIFY2(o.code == 0, qPrintable(o.out + o.err));
        QVERIFY2(o.out.contains(QLatin1String("No drift")), qPrintable(o.out));
        QVERIFY2(!o.out.contains(QLatin1String("grants")), qPrintable(o.out));

        const QString db = project + QStringLiteral("/app.db");
        QCOMPARE(strata::test::sqliteRun(db, QStringLiteral("CREATE TABLE hand (x INT); CREATE "
                                                            "INDEX book_price ON book (price)")),
                 QString());
        o = run(project,
                {QStringLiteral("check"), QStringLiteral("--drift"), QStringLiteral("--json")});
        QCOMPARE(o.code, 3);
        QStringList objects;
        for (const QJsonValue &v : o.json().value(QStringLiteral("drift")).toArray())
            objects.append(v.toObject().value(QStringLiteral("object")).toString());
        QCOMPARE(objects,
                 (QStringList{QStringLiteral("table hand"), QStringLiteral("index book_price")}));
        o = run(project, {QStringLiteral("check"), QStringLiteral("--drift"),
                          QStringLiteral("--ignore"), QStringLiteral("table hand"),
                          QStringLiteral("--ignore"), QStringLiteral("index book_*")});
        QVERIFY2(o.code == 0, qPrintable(o.out + o.err));
        // The names as the report prints them, without their kind, and globs of them.
        o = run(project,
                {QStringLiteral("check"), QStringLiteral("--drift"), QStringLiteral("--ignore"),
                 QStringLiteral("hand"), QStringLiteral("--ignore"), QStringLiteral("book_price")});
        QVERIFY2(o.code == 0, qPrintable(o.out + o.err));
        o = run(project,
                {QStringLiteral("check"), QStringLiteral("--drift"), QStringLiteral("--ignore"),
                 QStringLiteral("hand*"), QStringLiteral("--ignore"), QStringLiteral("book_*")});
        QVERIFY2(o.code == 0, qPrintable(o.out + o.err));

        o = run(project, {QStringLiteral("diff"), QStringLiteral("--from"),
                          QStringLiteral("current"), QStringLiteral("--to"), QStringLiteral("db")});
        QVERIFY2(o.code == 0, qPrintable(o.err));
        QVERIFY2(o.out.contains(QLatin1String("CREATE TABLE hand (x INT)")), qPrintable(o.out));
        QVERIFY2(o.out.contains(QLatin1String("CREATE INDEX book_price ON book (price)")),
                 qPrintable(o.out));
        QVERIFY2(o.out.contains(QLatin1String("(read only)")), qPrintable(o.out));
    }

    // A migration that fails its proof is not written: exit 1, with what failed and why (here
    // a NOT NULL column without a default, which the rows seeded first refuse).
    void failedProofWritesNothing()
    {
        const QString project = newProject();
        QVERIFY(strata::test::writeFile(
            project + QStringLiteral("/schema.sql"),
            "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born TEXT NOT "
            "NULL);\nCREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES "
            "author (id) ON DELETE CASCADE, title TEXT, price REAL);\nCREATE INDEX book_title ON "
            "book (title);\n"));
        const Outcome o =
            run(project, {QStringLiteral("revision"), QStringLiteral("--autogenerate"),
                          QStringLiteral("-m"), QStringLiteral("born")});
        QCOMPARE(o.code, 1);
        for (const char *part : {"failed its proof; nothing written", "upgrade does not apply",
                                 "NOT NULL constraint failed"})
            QVERIFY2(o.err.contains(QLatin1String(part)), qPrintable(o.err));
        QCOMPARE(QDir(project + QStringLiteral("/versions")).entryList(QDir::Files).size(), 1);
    }

    // The installed binary itself: the exit code a CI pipeline sees for drift.
    void binaryExitsThreeOnDrift()
    {
        const QString project = newProject();
        QVERIFY(run(project, {QStringLiteral("upgrade"), QStringLiteral("heads")}).code == 0);
        QCOMPARE(strata::test::sqliteRun(project + QStringLiteral("/app.db"),
                                         QStringLiteral("DROP INDEX book_title")),
                 QString());
        QProcess strata;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TMPDIR"), m_tmp.path());
        strata.setProcessEnvironment(env);
        strata.start(QStringLiteral(STRATA_CLI_BINARY),
                     {QStringLiteral("-d"), project, QStringLiteral("--url"),
                      QStringLiteral("sqlite:///app.db"), QStringLiteral("check"),
                      QStringLiteral("--drift")});
        QVERIFY(strata.waitForFinished(120000));
        const QString out = QString::fromUtf8(strata.readAllStandardOutput());
        QCOMPARE(strata.exitCode(), 3);
        QVERIFY2(out.contains(QRegularExpression(QStringLiteral("removed +index book_title"))),
                 qPrintable(out));
    }

    // Ctrl-C while the project is replayed: the run stops (exit 130) and the scratch folder
    // goes with it.
    void ctrlCRemovesTheScratchFile()
    {
        const QString project = strata::test::writeChainProject(
            m_home.filePath(QStringLiteral("slow")),
            {{QStringLiteral("CREATE TABLE forever AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
                             "SELECT x + 1 FROM c) SELECT count(*) AS n FROM c;"),
              QStringLiteral("DROP TABLE forever;")}});
        QProcess strata;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TMPDIR"), m_tmp.path());
        strata.setProcessEnvironment(env);
        strata.start(QStringLiteral(STRATA_CLI_BINARY),
                     {QStringLiteral("-d"), project, QStringLiteral("--url"),
                      QStringLiteral("sqlite:///app.db"), QStringLiteral("diff"),
                      QStringLiteral("--from"), QStringLiteral("heads"), QStringLiteral("--to"),
                      QStringLiteral("db")});
        QVERIFY(strata.waitForStarted());
        // The folder exists once the replay has begun, with Ctrl-C handled by then.
        QTRY_VERIFY_WITH_TIMEOUT(!scratchLeft().isEmpty(), 60000);
        ::kill(pid_t(strata.processId()), SIGINT);
        QVERIFY(strata.waitForFinished(60000));
        QCOMPARE(strata.exitCode(), 130);
        QCOMPARE(scratchLeft(), QStringList());
    }

    // check and check --drift only read: a database in a folder nobody may write (a read-only
    // mount, a read-only account) is read, not refused as if it had to be created. Run as
    // root, the commands run as the user nobody (root comes back after), for whom the modes count.
    void readOnlyFolderIsRead()
    {
        const QString project = newProject();
        QCOMPARE(
            run(project, {QStringLiteral("upgrade"), QStringLiteral("heads"), QStringLiteral("-q")})
                .code,
            0);
        const QString folder = m_home.filePath(QStringLiteral("readonly"));
        QVERIFY(QDir().mkpath(folder));
        const QString db = folder + QStringLiteral("/r.db");
        QVERIFY(QFile::copy(project + QStringLiteral("/app.db"), db));
        const QByteArray before = strata::test::readFile(db);
        QVERIFY(QFile::setPermissions(db, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        const auto readable = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                              QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther |
                              QFile::ExeOther;
        QVERIFY(QFile::setPermissions(folder, readable & ~QFile::WriteOwner));
        const bool root = ::geteuid() == 0;
        if (root) {
            // nobody reaches the project and the database, and may make scratch folders.
            for (const QString &dir :
                 {m_home.path(), project, project + QStringLiteral("/versions")})
                QVERIFY(QFile::setPermissions(dir, readable));
            QVERIFY(QFile::setPermissions(m_tmp.path(),
                                          readable | QFile::WriteGroup | QFile::WriteOther));
            // Real and effective: access(2) checks the real user. The saved user stays root.
            QCOMPARE(::setresuid(65534, 65534, 0), 0);
        }
        const QStringList url = {QStringLiteral("--url"), QStringLiteral("sqlite:///") + db};
        const Outcome drift =
            run(project, QStringList{QStringLiteral("check"), QStringLiteral("--drift")} + url);
        const Outcome check = run(project, QStringList{QStringLiteral("check")} + url);
        if (root)
            QCOMPARE(::setresuid(0, 0, 0), 0);
        QVERIFY2(drift.code == 0, qPrintable(drift.out + drift.err));
        QVERIFY2(drift.out.contains(QLatin1String("No drift")), qPrintable(drift.out));
        QVERIFY2(check.code == 0, qPrintable(check.out + check.err));
        QVERIFY2(!(drift.err + check.err).contains(QLatin1String("cannot create")),
                 qPrintable(drift.err + check.err));
        QCOMPARE(strata::test::readFile(db), before);
        QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList{QStringLiteral("r.db")});
        QVERIFY(QFile::setPermissions(folder, readable));
    }

    // `strata help COMMAND` prints what `strata COMMAND --help` prints; `strata help` the
    // overview; an unknown command or a second word is a usage error (exit 2).
    void helpCommandIsCommandHelp()
    {
        const QString project = newProject();
        for (const char *command : {"diff", "check", "revision"}) {
            const Outcome help = run(project, {QStringLiteral("help"), QLatin1String(command)});
            const Outcome option = run(project, {QLatin1String(command), QStringLiteral("--help")});
            QCOMPARE(help.code, 0);
            QCOMPARE(help.out, option.out);
            QVERIFY(help.out.contains(QLatin1String(command)));
        }
        const Outcome overview = run(project, {QStringLiteral("help")});
        QCOMPARE(overview.code, 0);
        QCOMPARE(overview.out, run(project, {QStringLiteral("--help")}).out);
        QCOMPARE(run(project, {QStringLiteral("help"), QStringLiteral("frobnicate")}).code, 2);
        QCOMPARE(run(project, {QStringLiteral("help"), QStringLiteral("diff"), QStringLiteral("x")})
                     .code,
                 2);
    }

    void refusalsAndUsageErrors()
    {
        const QString project = newProject();
        // A usage error is one, whatever the engine.
        Outcome o = run(
            project, {QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads")});
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(QLatin1String("--to SIDE")), qPrintable(o.err));
        // Two engines: refused, exit 1.
        o = run(project, {QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
                          QStringLiteral("--to"),
                          QStringLiteral("url:postgresql://u:secret@127.0.0.1:1/x")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QLatin1String("different engines")), qPrintable(o.err));
        QVERIFY2(!o.err.contains(QLatin1String("secret")), qPrintable(o.err));
        o = run(project, {QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
                          QStringLiteral("--to"), QStringLiteral("db"), QStringLiteral("--dev-url"),
                          QStringLiteral("postgresql://u@127.0.0.1:1/x")});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(QLatin1String("is SQLite and the dev server")), qPrintable(o.err));
        // A schema file that does not apply names its line: exit 1.
        const QString bad = m_home.filePath(QStringLiteral("bad.sql"));
        QVERIFY(strata::test::writeFile(bad, "CREATE TABLE a (id int);\nCREATE TABLEX b (id);\n"));
        o = run(project, {QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("heads"),
                          QStringLiteral("--to"), QStringLiteral("file:") + bad});
        QCOMPARE(o.code, 1);
        QVERIFY2(o.err.contains(bad + QStringLiteral(":2:")), qPrintable(o.err));
        QVERIFY(!QFileInfo::exists(project + QStringLiteral("/app.db")));
    }
};

QTEST_GUILESS_MAIN(TestSqliteSchemaCli)
#include "tst_sqliteschemacli.moc"
