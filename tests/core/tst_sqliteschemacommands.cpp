// SchemaWorkbench on SQLite projects: scratch databases are temporary files in a private
// folder (0700) removed whatever happens (an error, a cancel), live SQLite files are only read
// and never created, sides of two engines are refused, the "current" side, and the proof's
// seeding of SQLite tables (types by affinity, NOT NULL, foreign keys). Real SQLite files in
// temporary folders.

#include "chainproject.h"
#include "drivers/sqlite/sqlitedriver.h"
#include "files.h"
#include "schema/proof.h"
#include "schema/proofseed.h"
#include "schema/renamedfrom.h"
#include "schema/schemadiff.h"
#include "schema/schemaside.h"
#include "schema/schemaworkbench.h"
#include "schema/scratchdatabase.h"
#include "sqlitefile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <optional>
#include <thread>

using namespace strata::schema;

class TestSqliteSchemaCommands : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QTemporaryDir m_tmp; // TMPDIR of this program: scratch folders are made here
    int m_count = 0;

    // Scratch folders still there: none once a workbench call has returned.
    QStringList scratchLeft() const
    {
        return QDir(m_tmp.path())
            .entryList({QStringLiteral("strata-scratch-*")}, QDir::AllEntries | QDir::Hidden);
    }

    // A project whose migrations are `steps` (upgrade, downgrade), revisions r1, r2, ...
    QString project(const QList<std::pair<QString, QString>> &steps)
    {
        return strata::test::writeChainProject(
            m_home.filePath(QStringLiteral("p%1").arg(++m_count)), steps);
    }

    std::unique_ptr<SchemaWorkbench> workbench(const QString &dir, const QString &devUrl = {})
    {
        WorkbenchOptions options;
        options.migrator.projectDir = dir;
        options.migrator.url = QStringLiteral("sqlite:///app.db");
        options.devUrl = devUrl;
        auto opened = SchemaWorkbench::open(options);
        if (!opened)
            qWarning("%s", qPrintable(opened.error().toString()));
        return opened ? std::move(opened).value() : nullptr;
    }

    QString writeSchemaFile(const QString &text)
    {
        const QString path = m_home.filePath(QStringLiteral("schema%1.sql").arg(++m_count));
        return strata::test::writeFile(path, text.toUtf8()) ? path : QString();
    }

    static QByteArray digest(const QString &path)
    {
        return QCryptographicHash::hash(strata::test::readFile(path), QCryptographicHash::Sha256);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid() && m_tmp.isValid());
        qputenv("TMPDIR", QFile::encodeName(m_tmp.path()));
        QCOMPARE(QDir(QDir::tempPath()).canonicalPath(), QDir(m_tmp.path()).canonicalPath());
    }

    void scratchFileIsPrivateAndRemoved()
    {
        strata::ConnectionInfo info;
        info.engine = strata::ConnectionInfo::Engine::Sqlite;
        for (const bool explicitDrop : {true, false}) {
            auto scratch = ScratchDatabase::create(info, QStringLiteral("test"));
            QVERIFY2(scratch, qPrintable(scratch ? QString() : scratch.error().message));
            const QString folder = (*scratch)->folder();
            QVERIFY(folder.startsWith(m_tmp.path()));
            // Owner: read, write, enter (Qt's Owner and User bits both), group and others: nothing.
            QCOMPARE(int(QFileInfo(folder).permissions() & 0x7777), 0x7700);
            QVERIFY((*scratch)->url().startsWith(QStringLiteral("sqlite:////")));
            QVERIFY((*scratch)->driver().execute({QStringLiteral("CREATE TABLE t (a)"), 1}));
            QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 1);
            QVERIFY((*scratch)->display().contains(QLatin1String("temporary SQLite file")));
            if (explicitDrop)
                QVERIFY((*scratch)->drop());
            else
                scratch->reset();
            QVERIFY(!QFileInfo::exists(folder));
        }
        QCOMPARE(scratchLeft(), QStringList());
    }

    // A read-only driver writes nothing and creates nothing.
    void readOnlyDriverNeverWritesNorCreates()
    {
        const QString path = m_home.filePath(QStringLiteral("ro.db"));
        strata::SqliteDriver missing(path);
        missing.setReadOnly(true);
        auto opened = missing.open();
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, strata::Error::Code::NotFound);
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(strata::test::sqliteRun(path, QStringLiteral("CREATE TABLE t (a)")), QString());
        strata::SqliteDriver reader(path);
        reader.setReadOnly(true);
        QVERIFY(reader.open());
        QVERIFY(reader.catalogQuery(QStringLiteral("SELECT count(*) FROM t")));
        QVERIFY(!reader.execute({QStringLiteral("INSERT INTO t VALUES (1)"), 1}));
        QVERIFY(!reader.execute({QStringLiteral("CREATE TABLE u (a)"), 1}));
    }

    // The configured SQLite file is only read: a missing one is an error saying so, for db,
    // current and drift alike, never an empty schema, and it is not created.
    void missingDatabaseFileIsAnError()
    {
        const QString dir = project(
            {{QStringLiteral("CREATE TABLE a (id int);"), QStringLiteral("DROP TABLE a;")}});
        auto bench = workbench(dir);
        QVERIFY(bench);
        for (const QString &text : {QStringLiteral("db"), QStringLiteral("current")}) {
            auto read = bench->read(*SchemaSide::parse(text));
            QVERIFY(!read);
            QCOMPARE(read.error().code, strata::Error::Code::NotFound);
            QVERIFY2(read.error().message.contains(QLatin1String("does not exist")),
                     qPrintable(read.error().message));
        }
        // The same for a SQLite file named by URL, said with the side that named it.
        const QString other = QDir(dir).filePath(QStringLiteral("other.db"));
        auto byUrl =
            bench->read(SchemaSide{SchemaSide::Kind::Url, QStringLiteral("sqlite:///") + other});
        QVERIFY(!byUrl);
        QCOMPARE(byUrl.error().code, strata::Error::Code::NotFound);
        QVERIFY2(byUrl.error().message.contains(QLatin1String("(from url:sqlite:///")),
                 qPrintable(byUrl.error().message));
        QVERIFY(!QFileInfo::exists(other));
        auto drift = bench->drift();
        QVERIFY(!drift);
        QCOMPARE(drift.error().code, strata::Error::Code::NotFound);
        QVERIFY2(drift.error().message.contains(QLatin1String("drift could not be determined")),
                 qPrintable(drift.error().message));
        QVERIFY(!QFileInfo::exists(QDir(dir).filePath(QStringLiteral("app.db"))));
        QCOMPARE(scratchLeft(), QStringList());
    }

    // Reading the configured file leaves it byte for byte as it was.
    void liveDatabaseIsOnlyRead()
    {
        const QString dir = project({});
        const QString db = QDir(dir).filePath(QStringLiteral("app.db"));
        QCOMPARE(strata::test::sqliteRun(db, QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY "
                                                            "KEY, v TEXT); INSERT INTO t (v) "
                                                            "VALUES ('x')")),
                 QString());
        const QByteArray before = digest(db);
        auto bench = workbench(dir);
        QVERIFY(bench);
        (void)bench->read(SchemaSide{SchemaSide::Kind::Database, {}});
        QCOMPARE(digest(db), before);
        QCOMPARE(QDir(dir).entryList({QStringLiteral("app.db*")}, QDir::Files),
                 QStringList{QStringLiteral("app.db")});
    }

    // Two engines: refused (not a usage error) before anything is read or replayed.
    void enginesMustMatch()
    {
        const QString dir = project(
            {{QStringLiteral("CREATE TABLE a (id int);"), QStringLiteral("DROP TABLE a;")}});
        auto bench = workbench(dir);
        QVERIFY(bench);
        const SchemaSide postgres{SchemaSide::Kind::Url,
                                  QStringLiteral("postgresql://u:secret@127.0.0.1:1/x")};
        for (const auto &[from, to] :
             {std::pair{SchemaSide::revision(QStringLiteral("heads")), postgres},
              std::pair{postgres, SchemaSide{SchemaSide::Kind::Current, {}}}}) {
            auto diffed = bench->diff(from, to);
            QVERIFY(!diffed);
            QCOMPARE(diffed.error().kind, strata::Error::Kind::Failure);
            QCOMPARE(diffed.error().code, strata::Error::Code::Refused);
            QVERIFY2(diffed.error().message.contains(QLatin1String("different engines")),
                     qPrintable(diffed.error().message));
            QVERIFY2(!diffed.error().message.contains(QLatin1String("secret")),
                     qPrintable(diffed.error().message));
        }
        AutogenerateRequest request;
        request.message = QStringLiteral("x");
        request.desired = postgres;
        auto generated = bench->autogenerate(request);
        QVERIFY(!generated);
        QCOMPARE(generated.error().code, strata::Error::Code::Refused);

        auto withDev = workbench(dir, QStringLiteral("postgresql://u@127.0.0.1:1/dev"));
        QVERIFY(withDev);
        auto replayed = withDev->read(SchemaSide::revision(QStringLiteral("heads")));
        QVERIFY(!replayed);
        QCOMPARE(replayed.error().code, strata::Error::Code::Refused);
        QVERIFY2(replayed.error().message.contains(QLatin1String("is SQLite and the dev server")),
                 qPrintable(replayed.error().message));

        // A PostgreSQL project with a SQLite dev server: refused before any connection.
        WorkbenchOptions options;
        options.migrator.projectDir = dir;
        options.migrator.url = QStringLiteral("postgresql://u@127.0.0.1:1/x");
        options.devUrl = QStringLiteral("sqlite:///dev.db");
        auto pg = SchemaWorkbench::open(options);
        QVERIFY(pg);
        auto pgRead = (*pg)->read(SchemaSide::revision(QStringLiteral("heads")));
        QVERIFY(!pgRead);
        QCOMPARE(pgRead.error().code, strata::Error::Code::Refused);
        QCOMPARE(scratchLeft(), QStringList());
    }

    // diff() itself refuses two models of different engines, either way round, and writes no
    // statement for either engine.
    void diffRefusesMixedEngineModels()
    {
        SchemaObject table;
        table.kind = ObjectKind::Table;
        table.name = QStringLiteral("t");
        SchemaModel sqlite;
        sqlite.engine = Engine::SQLite;
        sqlite.add(table);
        SchemaModel postgres;
        table.schema = QStringLiteral("public");
        postgres.add(table);
        for (const auto &[from, to] :
             {std::pair{&sqlite, &postgres}, std::pair{&postgres, &sqlite}}) {
            const SchemaDiff d = diff(*from, *to);
            QVERIFY(d.operations.isEmpty());
            QCOMPARE(d.refused.size(), 1);
            QVERIFY2(d.refused.first().contains(QLatin1String("different engines")),
                     qPrintable(d.refused.first()));
        }
    }

    // A line the sqlite3 shell would run itself is no SQL: refused naming file and line.
    void shellDotCommandInSchemaFileIsRefused()
    {
        auto bench = workbench(project({}));
        QVERIFY(bench);
        const QString file =
            writeSchemaFile(QStringLiteral("CREATE TABLE a (id int);\n\n.tables\nCREATE TABLE b "
                                           "(id int);\n"));
        auto read = bench->read(SchemaSide::file(file));
        QVERIFY(!read);
        QCOMPARE(read.error().file, file);
        QCOMPARE(read.error().line, 3);
        QVERIFY2(read.error().message.contains(QLatin1String("sqlite3 shell command")),
                 qPrintable(read.error().message));
        QCOMPARE(scratchLeft(), QStringList());
    }

    // A file that does not apply names its line, and the scratch folder goes.
    void schemaFileErrorsNameTheLine()
    {
        auto bench = workbench(project({}));
        QVERIFY(bench);
        const QString file =
            writeSchemaFile(QStringLiteral("CREATE TABLE a (id int);\nCREATE TABLE a (id int);\n"));
        auto read = bench->read(SchemaSide::file(file));
        QVERIFY(!read);
        QCOMPARE(read.error().line, 2);
        QVERIFY2(read.error().message.contains(QLatin1String("already exists")),
                 qPrintable(read.error().message));
        QCOMPARE(scratchLeft(), QStringList());
    }

    void replayFailureNamesTheRevisionAndRemovesTheScratchFile()
    {
        auto bench = workbench(
            project({{QStringLiteral("CREATE TABLE a (id int);"), QStringLiteral("DROP TABLE a;")},
                     {QStringLiteral("INSERT INTO nosuch VALUES (1);"), QStringLiteral("")}}));
        QVERIFY(bench);
        auto read = bench->read(SchemaSide::revision(QStringLiteral("heads")));
        QVERIFY(!read);
        const QString said = read.error().toString();
        for (const char *part : {"revision r2", "no such table: nosuch", "temporary SQLite file"})
            QVERIFY2(said.contains(QLatin1String(part)), qPrintable(said));
        QCOMPARE(scratchLeft(), QStringList());
    }

    void cancelStopsTheReplayAndRemovesTheScratchFile()
    {
        auto bench = workbench(project(
            {{QStringLiteral("CREATE TABLE a (id int);"), QStringLiteral("DROP TABLE a;")},
             {QStringLiteral("CREATE TABLE forever AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL "
                             "SELECT x + 1 FROM c) SELECT count(*) AS n FROM c;"),
              QStringLiteral("DROP TABLE forever;")}}));
        QVERIFY(bench);
        std::optional<strata::Result<SideModel>> read;
        std::thread worker(
            [&] { read.emplace(bench->read(SchemaSide::revision(QStringLiteral("heads")))); });
        QTRY_VERIFY_WITH_TIMEOUT(!scratchLeft().isEmpty(), 60000);
        bench->cancel();
        worker.join();
        QVERIFY(read.has_value());
        QVERIFY(!*read);
        QCOMPARE(read->error().code, strata::Error::Code::Cancelled);
        QCOMPARE(scratchLeft(), QStringList());
    }

    // "current" is the project replayed to the database's own version rows: against "db" it
    // is drift as a diff, and the same objects drift() finds.
    void currentAgainstDbIsDrift()
    {
        const QString dir =
            project({{QStringLiteral("CREATE TABLE a (id INTEGER PRIMARY KEY);"),
                      QStringLiteral("DROP TABLE a;")},
                     {QStringLiteral("CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER "
                                     "REFERENCES a (id));"),
                      QStringLiteral("DROP TABLE b;")}});
        auto bench = workbench(dir);
        QVERIFY(bench);
        QVERIFY(bench->migrator().upgrade(QStringLiteral("r1"), {}));
        const QString db = QDir(dir).filePath(QStringLiteral("app.db"));
        QCOMPARE(strata::test::sqliteRun(db, QStringLiteral("CREATE TABLE hand (x TEXT)")),
                 QString());
        auto diffed = bench->diff(SchemaSide{SchemaSide::Kind::Current, {}},
                                  SchemaSide{SchemaSide::Kind::Database, {}});
        QVERIFY2(diffed, qPrintable(diffed ? QString() : diffed.error().toString()));
        QVERIFY2(diffed->from.source.contains(QLatin1String("the project at r1")),
                 qPrintable(diffed->from.source));
        QCOMPARE(diffed->diff.operations.size(), 1);
        QCOMPARE(diffed->diff.operations.first().object, QStringLiteral("table hand"));
        auto drift = bench->drift();
        QVERIFY2(drift, qPrintable(drift ? QString() : drift.error().toString()));
        QCOMPARE(drift->current, QStringList{QStringLiteral("r1")});
        QCOMPARE(drift->changes.size(), 1);
        QCOMPARE(drift->changes.first().object, QStringLiteral("table hand"));
        QVERIFY(drift->ownersAndGrantsCompared); // SQLite has none to leave uncompared
        QCOMPARE(scratchLeft(), QStringList());
    }

    // Objects left out of autogenerate stay out of the migration and of its proof, with what
    // depends on them; the rest is written, proven.
    void leftOutObjectsStayOutOfTheMigration()
    {
        const QString dir = project({{QStringLiteral("CREATE TABLE a (id INTEGER PRIMARY KEY, "
                                                     "v TEXT);"),
                                      QStringLiteral("DROP TABLE a;")}});
        auto bench = workbench(dir);
        QVERIFY(bench);
        AutogenerateRequest request;
        request.message = QStringLiteral("some of it");
        request.revisionId = QStringLiteral("r2");
        request.desired = SchemaSide::file(writeSchemaFile(QStringLiteral(
            "CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);\n"
            "CREATE INDEX a_v ON a (v);\n"
            "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a (id));\n"
            "CREATE VIEW vb AS SELECT * FROM b;\n")));
        SchemaObject b;
        b.kind = ObjectKind::Table;
        b.name = QStringLiteral("b");
        request.leftOut = {b.key()};
        auto generated = bench->autogenerate(request);
        QVERIFY2(generated, qPrintable(generated ? QString() : generated.error().toString()));
        QVERIFY(generated->written);
        QVERIFY(generated->proof.ok());
        const QString text = QString::fromUtf8(strata::test::readFile(generated->path));
        QVERIFY2(text.contains(QLatin1String("CREATE INDEX a_v")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("CREATE TABLE b")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("CREATE VIEW vb")), qPrintable(text));
        QVERIFY2(generated->alsoLeftOut.join(QLatin1Char('\n')).contains(QLatin1String("vb")),
                 qPrintable(generated->alsoLeftOut.join(QLatin1Char('\n'))));
        QCOMPARE(scratchLeft(), QStringList());
    }

    // `-- strata:renamed-from` read the way SQLite reads the file (STRICT, WITHOUT ROWID,
    // bracket quotes, trigger bodies with their own semicolons), keys without a schema.
    void renamesInSqliteFiles()
    {
        const QString sql =
            QStringLiteral("CREATE TABLE keep (id INTEGER PRIMARY KEY) STRICT;\n"
                           "CREATE TRIGGER tr AFTER INSERT ON keep BEGIN SELECT 1; SELECT 2; END;\n"
                           "-- strata:renamed-from Author\n"
                           "CREATE TABLE IF NOT EXISTS [Writer] (\n"
                           "  id INTEGER PRIMARY KEY,\n"
                           "  -- strata:renamed-from \"old name\"\n"
                           "  \"full name\" TEXT NOT NULL,\n"
                           "  CHECK (length(\"full name\") > 0)\n"
                           ") WITHOUT ROWID;\n");
        auto renames = parseSqliteRenames(sql, QStringLiteral("s.sql"));
        QVERIFY2(renames, qPrintable(renames ? QString() : renames.error().toString()));
        QCOMPARE(renames->size(), 2);
        QCOMPARE(renames->at(0).kind, ObjectKind::Table);
        // Keys and old names in lower case, as SQLite matches names and its model keeps them.
        QCOMPARE(renames->at(0).key, QStringLiteral("table|||writer|"));
        QCOMPARE(renames->at(0).object, QStringLiteral("table Writer"));
        QCOMPARE(renames->at(0).oldName, QStringLiteral("author"));
        QCOMPARE(renames->at(0).line, 3);
        QCOMPARE(renames->at(1).kind, ObjectKind::Column);
        QCOMPARE(renames->at(1).key, QStringLiteral("column||writer|full name|"));
        QCOMPARE(renames->at(1).oldName, QStringLiteral("old name"));

        const std::pair<QString, int> misplaced[] = {
            {QStringLiteral("-- strata:renamed-from a\nCREATE INDEX i ON t (x);\n"), 1},
            {QStringLiteral("CREATE TABLE t (\n  id INT,\n  -- strata:renamed-from a\n  "
                            "CHECK (id > 0)\n);\n"),
             3},
            {QStringLiteral("CREATE TABLE t (id INT); -- strata:renamed-from a\n"), 1},
            {QStringLiteral("CREATE TABLE t (id INT);\n-- strata:renamed-from a.b\n"), 2},
            {QStringLiteral("-- strata:renamed-from a\n-- strata:renamed-from b\nCREATE TABLE "
                            "t (id INT);\n"),
             2}};
        for (const auto &[text, line] : misplaced) {
            auto refused = parseSqliteRenames(text, QStringLiteral("s.sql"));
            QVERIFY2(!refused, qPrintable(text));
            QCOMPARE(refused.error().file, QStringLiteral("s.sql"));
            QCOMPARE(refused.error().line, line);
        }
    }

    // The old and the new name of a rename match as SQLite matches names, ignoring ASCII case:
    // renames, never a drop and an add. A rename that cannot happen names the table as SQLite
    // does, without a schema ("table t2", never "table .t2").
    void renamesMatchNamesIgnoringCase()
    {
        auto bench = workbench(project(
            {{QStringLiteral("CREATE TABLE t2 (id INTEGER PRIMARY KEY, Qty INT, note TEXT); "
                             "CREATE TABLE items (id INTEGER PRIMARY KEY);"),
              QStringLiteral("DROP TABLE t2; DROP TABLE items;")}}));
        QVERIFY(bench);
        const QString file = writeSchemaFile(
            QStringLiteral("CREATE TABLE T2 (id INTEGER PRIMARY KEY,\n"
                           "  -- strata:renamed-from Qty\n  amount INT,\n"
                           "  -- strata:renamed-from \"NOTE\"\n  \"Remark\" TEXT);\n"
                           "-- strata:renamed-from ITEMS\n"
                           "CREATE TABLE \"Stock Items\" (id INTEGER PRIMARY KEY);\n"));
        auto result =
            bench->diff(SchemaSide::revision(QStringLiteral("heads")), SchemaSide::file(file));
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QStringList sql;
        for (const Operation &op : result->diff.operations)
            sql += op.sql;
        QCOMPARE(sql.size(), 3);
        for (const QString &statement : std::as_const(sql))
            QVERIFY2(statement.contains(QLatin1String(" RENAME ")), qPrintable(statement));

        const QString wrong = writeSchemaFile(
            QStringLiteral("CREATE TABLE t2 (id INTEGER PRIMARY KEY,\n"
                           "  -- strata:renamed-from nosuch\n  amount INT, note TEXT);\n"
                           "CREATE TABLE items (id INTEGER PRIMARY KEY);\n"));
        auto refused =
            bench->diff(SchemaSide::revision(QStringLiteral("heads")), SchemaSide::file(wrong));
        QVERIFY(!refused);
        QCOMPARE(refused.error().line, 2);
        QVERIFY2(refused.error().message.contains(QLatin1String("table t2 in")),
                 qPrintable(refused.error().message));
        QVERIFY2(!refused.error().toString().contains(QLatin1String(" .t2")),
                 qPrintable(refused.error().toString()));
        QCOMPARE(scratchLeft(), QStringList());
    }

    // What SQLite accepts in a desired-state file but fails on use is refused at the line of
    // the statement that defines it, before any diff or proof.
    void desiredObjectsThatCannotBeUsedAreRefused_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("said");
        const QString t = QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);\n");
        QTest::newRow("view over a missing table")
            << t + QStringLiteral("\nCREATE VIEW v AS\n  SELECT * FROM nosuch;\n") << 3
            << QStringLiteral("view v cannot be read: no such table");
        QTest::newRow("view over a missing column")
            << t + QStringLiteral("CREATE VIEW IF NOT EXISTS main.\"V\" AS SELECT b FROM t;\n") << 2
            << QStringLiteral("view V cannot be read: no such column: b");
        QTest::newRow("trigger writing a missing table")
            << t + QStringLiteral("-- audit\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN\n"
                                  "  INSERT INTO nothere VALUES (new.id);\nEND;\n")
            << 3 << QStringLiteral("trigger tr names what does not exist: no such table");
        QTest::newRow("foreign key to a missing table")
            << t + QStringLiteral("CREATE TABLE c (id INTEGER PRIMARY KEY,\n"
                                  "  pid INT REFERENCES p (id) ON DELETE CASCADE);\n")
            << 2
            << QStringLiteral("c.pid references table p, which the desired state does not define");
        QTest::newRow("composite foreign key to a missing table")
            << t + QStringLiteral("CREATE TABLE c (x INT, y INT, FOREIGN KEY (x, y) REFERENCES "
                                  "Gone (a, b));\n")
            << 2 << QStringLiteral("c(x, y) references table Gone");
    }
    void desiredObjectsThatCannotBeUsedAreRefused()
    {
        QFETCH(QString, sql);
        QFETCH(int, line);
        QFETCH(QString, said);
        auto bench = workbench(project({}));
        QVERIFY(bench);
        const QString file = writeSchemaFile(sql);
        auto read = bench->read(SchemaSide::file(file));
        QVERIFY(!read);
        QCOMPARE(read.error().file, file);
        QCOMPARE(read.error().line, line);
        QVERIFY2(read.error().message.contains(said), qPrintable(read.error().message));
        QCOMPARE(scratchLeft(), QStringList());
    }
    // Keys to tables the file defines (in any letter case), views and triggers that work, pass.
    void usableDesiredObjectsPass()
    {
        auto bench = workbench(project({}));
        QVERIFY(bench);
        const QString file = writeSchemaFile(QStringLiteral(
            "CREATE TABLE \"Parent\" (id INTEGER PRIMARY KEY);\n"
            "CREATE TABLE c (id INTEGER PRIMARY KEY, pid INT REFERENCES parent (id));\n"
            "CREATE TABLE self (id INTEGER PRIMARY KEY, up INT REFERENCES self (id));\n"
            "CREATE VIEW v AS SELECT c.id FROM c JOIN Parent p ON p.id = c.pid;\n"
            "CREATE TRIGGER tr AFTER DELETE ON c BEGIN DELETE FROM self WHERE id = old.id; "
            "END;\n"));
        auto read = bench->read(SchemaSide::file(file));
        QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
        QCOMPARE(scratchLeft(), QStringList());
    }

    // An ignore pattern matches an object by the name its finding prints, without the kind
    // ("index hand_idx" -> hand_idx, "index public.hand_idx" -> public.hand_idx), whatever the
    // kind, on both engines.
    void ignoreMatchesTheNameAsPrinted_data()
    {
        QTest::addColumn<bool>("sqlite");
        QTest::newRow("SQLite") << true;
        QTest::newRow("PostgreSQL") << false;
    }
    void ignoreMatchesTheNameAsPrinted()
    {
        QFETCH(bool, sqlite);
        const QString schema = sqlite ? QString() : QStringLiteral("public");
        const auto object = [&](ObjectKind kind, const QString &table, const QString &name) {
            SchemaObject o;
            o.kind = kind;
            o.schema = schema;
            o.table = table;
            o.name = name;
            return o;
        };
        SchemaModel expected;
        expected.engine = sqlite ? Engine::SQLite : Engine::PostgreSQL;
        expected.add(object(ObjectKind::Table, {}, QStringLiteral("t")));
        const SchemaObject added[] = {
            object(ObjectKind::Index, QStringLiteral("t"), QStringLiteral("hand_idx")),
            object(ObjectKind::Trigger, QStringLiteral("t"), QStringLiteral("hand_tr")),
            object(ObjectKind::Constraint, QStringLiteral("t"), QStringLiteral("hand_check")),
            object(ObjectKind::Column, QStringLiteral("t"), QStringLiteral("hand_col")),
            object(ObjectKind::View, {}, QStringLiteral("hand_view")),
            object(ObjectKind::Table, {}, QStringLiteral("hand_table"))};
        for (const SchemaObject &o : added) {
            SchemaModel actual = expected;
            actual.add(o);
            CompareOptions options;
            QCOMPARE(compare(expected, actual, options).size(), 1);
            const QString printed = compare(expected, actual, options).first().object;
            const QString name = printed.section(QLatin1Char(' '), 1);
            for (const QString &pattern :
                 {printed, name, name.left(name.size() - 2) + QLatin1Char('*'),
                  QStringLiteral("*hand_*")}) {
                options.ignore = {pattern};
                QVERIFY2(compare(expected, actual, options).isEmpty(),
                         qPrintable(printed + QStringLiteral(" by ") + pattern));
            }
            options.ignore = {QStringLiteral("other*")};
            QCOMPARE(compare(expected, actual, options).size(), 1);
        }
    }

    // Proof failures name an operation with its kind said once.
    void operationTextSaysTheKindOnce()
    {
        const QString cases[][3] = {{QStringLiteral("rebuild table"), QStringLiteral("table c"),
                                     QStringLiteral("rebuild table c")},
                                    {QStringLiteral("alter table"), QStringLiteral("table t"),
                                     QStringLiteral("alter table t")},
                                    {QStringLiteral("drop index"), QStringLiteral("index public.i"),
                                     QStringLiteral("drop index public.i")},
                                    {QStringLiteral("add column"), QStringLiteral("column t.a"),
                                     QStringLiteral("add column t.a")},
                                    {QStringLiteral("refresh materialized view"),
                                     QStringLiteral("materialized view public.mv"),
                                     QStringLiteral("refresh materialized view public.mv")},
                                    {QStringLiteral("rename"), QStringLiteral("table t"),
                                     QStringLiteral("rename table t")}};
        for (const auto &c : cases) {
            Operation op;
            op.kind = c[0];
            op.object = c[1];
            QCOMPARE(operationText(op), c[2]);
        }
    }

    // The proof's seeding of a SQLite FROM, on a model built by hand as the inspector reads one:
    // rows by affinity in every table (STRICT, WITHOUT ROWID, NOT NULL, a CHECK), children's
    // foreign keys pointing at their parents' rows, and rows the desired schema would refuse
    // deleted.
    void seedingFillsSqliteTables()
    {
        const QString path = m_home.filePath(QStringLiteral("seed.db"));
        QCOMPARE(
            strata::test::sqliteRun(
                path,
                QStringLiteral(
                    "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                    "CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL "
                    "REFERENCES author (id) ON DELETE CASCADE, price REAL CHECK (price > 0), "
                    "published DATE);"
                    "CREATE TABLE tag (name TEXT PRIMARY KEY, weight INT NOT NULL) WITHOUT ROWID;"
                    "CREATE TABLE blob (id INTEGER PRIMARY KEY, data BLOB NOT NULL, n INTEGER "
                    "NOT NULL) STRICT")),
            QString());
        auto column = [](const QString &table, const QString &name, const QString &type,
                         bool notNull, int position, int key = 0) {
            SchemaObject c;
            c.kind = ObjectKind::Column;
            c.table = table;
            c.name = name;
            c.properties = {{QStringLiteral("type"), type},
                            {QStringLiteral("not_null"),
                             notNull ? QStringLiteral("true") : QStringLiteral("false")},
                            {QStringLiteral("position"), QString::number(position)}};
            if (key > 0)
                c.properties.insert(QStringLiteral("primary_key"), QString::number(key));
            return c;
        };
        auto table = [](const QString &name, const QString &flag = {}) {
            SchemaObject t;
            t.kind = ObjectKind::Table;
            t.name = name;
            if (!flag.isEmpty())
                t.properties.insert(flag, QStringLiteral("true"));
            return t;
        };
        auto constraint = [](const QString &table, const QString &type, const QString &def) {
            SchemaObject c;
            c.kind = ObjectKind::Constraint;
            c.table = table;
            c.name = def;
            c.properties = {{QStringLiteral("type"), type}, {QStringLiteral("definition"), def}};
            return c;
        };
        SchemaModel from;
        from.engine = Engine::SQLite;
        for (const SchemaObject &o :
             {table(QStringLiteral("author")),
              column(QStringLiteral("author"), QStringLiteral("id"), QStringLiteral("INTEGER"),
                     false, 0, 1),
              column(QStringLiteral("author"), QStringLiteral("name"), QStringLiteral("TEXT"), true,
                     1),
              table(QStringLiteral("book")),
              column(QStringLiteral("book"), QStringLiteral("id"), QStringLiteral("INTEGER"), false,
                     0, 1),
              column(QStringLiteral("book"), QStringLiteral("author_id"), QStringLiteral("INTEGER"),
                     true, 1),
              column(QStringLiteral("book"), QStringLiteral("price"), QStringLiteral("REAL"), false,
                     2),
              column(QStringLiteral("book"), QStringLiteral("published"), QStringLiteral("DATE"),
                     false, 3),
              constraint(QStringLiteral("book"), QStringLiteral("foreign key"),
                         QStringLiteral("foreign key (author_id) references author (id) on "
                                        "update no action on delete cascade match none")),
              constraint(QStringLiteral("book"), QStringLiteral("check"),
                         QStringLiteral("check (price > 0)")),
              table(QStringLiteral("tag"), QStringLiteral("without_rowid")),
              column(QStringLiteral("tag"), QStringLiteral("name"), QStringLiteral("TEXT"), false,
                     0, 1),
              column(QStringLiteral("tag"), QStringLiteral("weight"), QStringLiteral("INT"), true,
                     1),
              table(QStringLiteral("blob"), QStringLiteral("strict")),
              column(QStringLiteral("blob"), QStringLiteral("id"), QStringLiteral("INTEGER"), false,
                     0, 1),
              column(QStringLiteral("blob"), QStringLiteral("data"), QStringLiteral("BLOB"), true,
                     1),
              column(QStringLiteral("blob"), QStringLiteral("n"), QStringLiteral("INTEGER"), true,
                     2)})
            from.add(o);
        // The desired schema keeps only books dearer than 2002.
        SchemaModel to = from;
        to.add(constraint(QStringLiteral("book"), QStringLiteral("check"),
                          QStringLiteral("check (price > 2002)")));

        strata::SqliteDriver driver(path);
        QVERIFY(driver.open());
        auto seeded = strata::schema::detail::seedRows(driver, from, to, 3);
        QVERIFY2(seeded, qPrintable(seeded ? QString() : seeded.error().message));
        QCOMPARE(seeded->value(table(QStringLiteral("author")).key()), 3);
        QCOMPARE(seeded->value(table(QStringLiteral("tag")).key()), 3);
        QCOMPARE(seeded->value(table(QStringLiteral("blob")).key()), 3);
        // 2001.5 went, 2002.5 and 2003.5 stayed.
        QCOMPARE(seeded->value(table(QStringLiteral("book")).key()), 2);
        driver.close();
        QCOMPARE(strata::test::sqliteRun(
                     path, QStringLiteral("SELECT count(*) FROM book JOIN author ON author.id = "
                                          "book.author_id WHERE price > 2002")),
                 QStringLiteral("2"));
        QCOMPARE(strata::test::sqliteRun(path, QStringLiteral("PRAGMA foreign_key_check")),
                 QString());
    }
};

QTEST_GUILESS_MAIN(TestSqliteSchemaCommands)
#include "tst_sqliteschemacommands.moc"
