// The SQLite diff: hand-built SQLite models for the statement text (ALTER TABLE where SQLite
// allows it, the table-rebuild procedure otherwise, indexes, views and triggers dropped and
// created again around it, refusals), and the statements run on real SQLite files holding rows
// through Strata's SQLite driver, upgrade and downgrade, rows counted before and after.

#include "drivers/sqlite/sqlitedriver.h"
#include "schema/inspector.h"
#include "schema/schemadiff.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace strata;
using namespace strata::schema;

namespace {

using Properties = QMap<QString, QString>;

const QString kTrue = QStringLiteral("true");
const QString kFalse = QStringLiteral("false");

SchemaObject object(ObjectKind kind, const QString &table, const QString &name,
                    const Properties &properties = {})
{
    SchemaObject o;
    o.kind = kind;
    o.table = table;
    o.name = name;
    o.properties = properties;
    return o;
}

// A SQLite model built by hand, in the shape schemamodel.h documents for SQLite.
class Hand
{
public:
    Hand() { model.engine = Engine::SQLite; }

    Hand &table(const QString &name, const QString &sql)
    {
        model.add(object(ObjectKind::Table, {}, name,
                         {{QStringLiteral("sql"), sql},
                          {QStringLiteral("without_rowid"), QString()},
                          {QStringLiteral("strict"), QString()}}));
        m_table = name;
        m_position = 0;
        return *this;
    }
    // A column of the last table: "not_null", "default", "primary_key" ... in `extra`.
    Hand &column(const QString &name, const QString &type, const Properties &extra = {})
    {
        Properties p = {{QStringLiteral("type"), type},
                        {QStringLiteral("not_null"), kFalse},
                        {QStringLiteral("default"), QString()},
                        {QStringLiteral("primary_key"), QString()},
                        {QStringLiteral("autoincrement"), QString()},
                        {QStringLiteral("generated"), QString()},
                        {QStringLiteral("collation"), QString()},
                        {QStringLiteral("position"), QString::number(m_position++)}};
        p.insert(extra);
        model.add(object(ObjectKind::Column, m_table, name, p));
        return *this;
    }
    Hand &constraint(const QString &type, const QString &definition)
    {
        model.add(object(ObjectKind::Constraint, m_table, definition,
                         {{QStringLiteral("type"), type},
                          {QStringLiteral("definition"), definition},
                          {QStringLiteral("constraint_name"), QString()}}));
        return *this;
    }
    Hand &index(const QString &table, const QString &name, const QString &sql)
    {
        QString definition = sql.toLower();
        definition.replace(name.toLower(), QStringLiteral("%index%"));
        model.add(object(ObjectKind::Index, table, name,
                         {{QStringLiteral("definition"), definition},
                          {QStringLiteral("unique"), kFalse},
                          {QStringLiteral("partial"), QString()},
                          {QStringLiteral("sql"), sql}}));
        return *this;
    }
    Hand &view(const QString &name, const QString &sql)
    {
        model.add(
            object(ObjectKind::View, {}, name,
                   {{QStringLiteral("definition"), sql.toLower()}, {QStringLiteral("sql"), sql}}));
        return *this;
    }
    Hand &trigger(const QString &table, const QString &name, const QString &sql)
    {
        model.add(
            object(ObjectKind::Trigger, table, name,
                   {{QStringLiteral("definition"), sql.toLower()}, {QStringLiteral("sql"), sql}}));
        return *this;
    }

    SchemaModel model;

private:
    QString m_table;
    int m_position = 0;
};

const Properties kPk = {{QStringLiteral("primary_key"), QStringLiteral("1")}};

// users(id, name) and posts(id, user_id -> users ON DELETE CASCADE, body), with a view and a
// trigger on posts.
// `users` builds the users table instead of the plain one.
Hand blog(const std::function<void(Hand &)> &users = {})
{
    Hand h;
    if (users) {
        users(h);
    } else {
        h.table(QStringLiteral("users"),
                QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)"))
            .column(QStringLiteral("id"), QStringLiteral("INTEGER"), kPk)
            .column(QStringLiteral("name"), QStringLiteral("TEXT"));
    }
    h.table(QStringLiteral("posts"),
            QStringLiteral("CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER "
                           "REFERENCES users (id) ON DELETE CASCADE, body TEXT)"))
        .column(QStringLiteral("id"), QStringLiteral("INTEGER"), kPk)
        .column(QStringLiteral("user_id"), QStringLiteral("INTEGER"))
        .column(QStringLiteral("body"), QStringLiteral("TEXT"))
        .constraint(QStringLiteral("foreign key"),
                    QStringLiteral("foreign key (user_id) references users (id) on update no "
                                   "action on delete cascade match none"));
    h.index(QStringLiteral("posts"), QStringLiteral("posts_user"),
            QStringLiteral("CREATE INDEX posts_user ON posts (user_id)"));
    h.view(QStringLiteral("post_count"),
           QStringLiteral("CREATE VIEW post_count AS SELECT user_id, count(*) AS n FROM posts "
                          "GROUP BY user_id"));
    h.trigger(QStringLiteral("posts"), QStringLiteral("posts_trim"),
              QStringLiteral("CREATE TRIGGER posts_trim AFTER INSERT ON posts BEGIN UPDATE posts "
                             "SET body = trim(body) WHERE id = new.id; END"));
    return h;
}

QStringList texts(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

QStringList kinds(const SchemaDiff &diff)
{
    QStringList out;
    for (const Operation &operation : diff.operations)
        out.append(operation.kind + QLatin1Char(' ') + operation.object);
    return out;
}

const Operation *find(const SchemaDiff &diff, const QString &kind)
{
    for (const Operation &operation : diff.operations) {
        if (operation.kind == kind)
            return &operation;
    }
    return nullptr;
}

} // namespace

class TestSqliteDiff : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    // A fresh SQLite file holding what `sql` makes (statements split by the driver).
    QString file(const QString &sql)
    {
        const QString path = m_dir.path() + QStringLiteral("/db%1.sqlite").arg(++m_files);
        SqliteDriver driver(path);
        if (!driver.open().ok())
            return {};
        for (const Statement &statement : SqliteDriver::split(sql, 1)) {
            const Status status = driver.execute(statement);
            if (!status.ok()) {
                qWarning("%s: %s", qPrintable(statement.text), qPrintable(status.error().message));
                return {};
            }
        }
        return path;
    }

    // Runs `script` as one migration step does: BEGIN IMMEDIATE, each statement, COMMIT.
    static Status run(const QString &path, const QString &script)
    {
        SqliteDriver driver(path);
        if (Status opened = driver.open(); !opened)
            return opened;
        if (Status begun = driver.begin(); !begun)
            return begun;
        for (const Statement &statement : SqliteDriver::split(script, 1)) {
            if (Status status = driver.execute(statement); !status) {
                (void)driver.rollback();
                Error error = status.error();
                error.message += QStringLiteral(" [") + statement.text + QLatin1Char(']');
                return error;
            }
        }
        return driver.commit();
    }

    static QStringList rows(const QString &path, const QString &sql)
    {
        SqliteDriver driver(path);
        if (!driver.open().ok())
            return {QStringLiteral("(cannot open)")};
        const auto result = driver.catalogQuery(sql);
        if (!result)
            return {result.error().message};
        QStringList out;
        for (const QStringList &row : *result)
            out.append(row.join(QLatin1Char('|')));
        return out;
    }

    static Result<SchemaModel> inspectFile(const QString &path)
    {
        SqliteDriver driver(path);
        if (Status opened = driver.open(); !opened)
            return opened.error();
        return inspect(driver);
    }

    // Rows per table of `model`, read from `path`.
    static QMap<QString, QString> counts(const QString &path, const SchemaModel &model)
    {
        QMap<QString, QString> out;
        for (const SchemaObject &table : model.objects(ObjectKind::Table))
            out.insert(
                table.name,
                rows(path, QStringLiteral("SELECT count(*) FROM \"%1\"").arg(table.name)).value(0));
        return out;
    }

    static QString changes(const SchemaModel &expected, const SchemaModel &actual)
    {
        QStringList out;
        for (const ObjectChange &change : compare(expected, actual))
            out.append(changeName(change.change) + QLatin1Char(' ') + change.object +
                       QLatin1Char(' ') + change.detail);
        return out.join(QLatin1Char('\n'));
    }

private Q_SLOTS:
    void sameSchemaIsEmpty()
    {
        const SchemaDiff diff = diffSqlite(blog().model, blog().model);
        QVERIFY2(diff.isEmpty(), qPrintable(diff.upgradeSql()));
        QCOMPARE(diff.engine, Engine::SQLite);
    }

    void addColumnWithAlterTable()
    {
        Hand to = blog();
        to.table(QStringLiteral("users"),
                 QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, email  "
                                "VARCHAR(80) DEFAULT 'none')"))
            .column(QStringLiteral("id"), QStringLiteral("INTEGER"), kPk)
            .column(QStringLiteral("name"), QStringLiteral("TEXT"))
            .column(QStringLiteral("email"), QStringLiteral("VARCHAR(80)"),
                    {{QStringLiteral("default"), QStringLiteral("'none'")}});
        const SchemaDiff diff = diffSqlite(blog().model, to.model);
        QCOMPARE(kinds(diff), QStringList{QStringLiteral("alter table table users")});
        const Operation &op = diff.operations.first();
        QCOMPARE(op.sql, QStringList{QStringLiteral(
                             "ALTER TABLE users ADD COLUMN email  VARCHAR(80) DEFAULT 'none'")});
        QCOMPARE(op.inverseSql, QStringList{QStringLiteral("ALTER TABLE users DROP COLUMN email")});
        QCOMPARE(op.inverseHazards, QList<Hazard>{Hazard::DeletesData});
        QVERIFY(op.hazards.contains(Hazard::DowngradeLosesData));
    }

    // Each column ADD COLUMN cannot add goes through the rebuild, with the reason's hazard.
    void addColumnAlterTableCannot_data()
    {
        QTest::addColumn<QString>("definition");
        QTest::addColumn<Properties>("properties");
        QTest::addColumn<bool>("failsWithRows");
        QTest::newRow("not null without default")
            << QStringLiteral("c TEXT NOT NULL") << Properties{{QStringLiteral("not_null"), kTrue}}
            << true;
        QTest::newRow("not null default null")
            << QStringLiteral("c TEXT NOT NULL DEFAULT NULL")
            << Properties{{QStringLiteral("not_null"), kTrue},
                          {QStringLiteral("default"), QStringLiteral("null")}}
            << true;
        QTest::newRow("current_timestamp")
            << QStringLiteral("c TEXT DEFAULT CURRENT_TIMESTAMP")
            << Properties{{QStringLiteral("default"), QStringLiteral("current_timestamp")}}
            << false;
        QTest::newRow("expression default")
            << QStringLiteral("c INTEGER DEFAULT (1 + 1)")
            << Properties{{QStringLiteral("default"), QStringLiteral("(1 + 1)")}} << false;
        QTest::newRow("unique") << QStringLiteral("c TEXT UNIQUE") << Properties{} << false;
        QTest::newRow("stored generated")
            << QStringLiteral("c TEXT GENERATED ALWAYS AS (upper(name)) STORED")
            << Properties{{QStringLiteral("generated"), QStringLiteral("stored upper(name)")}}
            << false;
    }

    void addColumnAlterTableCannot()
    {
        QFETCH(QString, definition);
        QFETCH(Properties, properties);
        QFETCH(bool, failsWithRows);
        Hand to = blog();
        const QString sql =
            QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, %1)")
                .arg(definition);
        to.table(QStringLiteral("users"), sql)
            .column(QStringLiteral("id"), QStringLiteral("INTEGER"), kPk)
            .column(QStringLiteral("name"), QStringLiteral("TEXT"))
            .column(QStringLiteral("c"), definition.section(QLatin1Char(' '), 1, 1), properties);
        if (definition.contains(QLatin1String("UNIQUE")))
            to.constraint(QStringLiteral("unique"), QStringLiteral("unique (c)"));
        const SchemaDiff diff = diffSqlite(blog().model, to.model);
        const Operation *rebuild = find(diff, QStringLiteral("rebuild table"));
        QVERIFY2(rebuild, qPrintable(diff.upgradeSql()));
        QVERIFY(rebuild->sql.contains(sql));
        QVERIFY(rebuild->hazards.contains(Hazard::RewritesTable));
        QCOMPARE(rebuild->hazards.contains(Hazard::FailsWithRows), failsWithRows);
        // posts references users: it is rebuilt in the same operation, its rows kept.
        QVERIFY(rebuild->sql.contains(
            QStringLiteral("CREATE TEMP TABLE strata_rebuild_1_2 AS SELECT * FROM main.posts")));
        QVERIFY(rebuild->sql.contains(QStringLiteral("INSERT INTO main.posts (id, user_id, body) "
                                                     "SELECT id, user_id, body FROM "
                                                     "temp.strata_rebuild_1_2")));
        QCOMPARE(rebuild->sql.first(), QStringLiteral("PRAGMA defer_foreign_keys = ON"));
        QVERIFY(rebuild->sql.indexOf(QStringLiteral("DROP TABLE main.posts")) <
                rebuild->sql.indexOf(QStringLiteral("DROP TABLE main.users")));
        QVERIFY(rebuild->sql.contains(QStringLiteral("PRAGMA foreign_key_check(users)")));
        // The view, trigger and index on posts are dropped before and created after.
        const QStringList expected = {
            QStringLiteral("drop trigger trigger posts.posts_trim"),
            QStringLiteral("drop view view post_count"),
            QStringLiteral("drop index index posts_user"),
            QStringLiteral("rebuild table table users"),
            QStringLiteral("create index index posts_user"),
            QStringLiteral("create view view post_count"),
            QStringLiteral("create trigger trigger posts.posts_trim"),
        };
        QCOMPARE(kinds(diff), expected);
    }

    void dropColumnWithAlterTable()
    {
        const Hand to = blog([](Hand &h) {
            h.table(QStringLiteral("users"),
                    QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY)"))
                .column(QStringLiteral("id"), QStringLiteral("INTEGER"), kPk);
        });
        const SchemaDiff diff = diffSqlite(blog().model, to.model);
        QCOMPARE(kinds(diff), QStringList{QStringLiteral("alter table table users")});
        const Operation &op = diff.operations.first();
        QCOMPARE(op.sql, QStringList{QStringLiteral("ALTER TABLE users DROP COLUMN name")});
        QCOMPARE(op.hazards, QList<Hazard>{Hazard::DeletesData});
        QCOMPARE(op.inverseSql,
                 QStringList{QStringLiteral("ALTER TABLE users ADD COLUMN name TEXT")});
    }

    // A declared rename of a table and of a column: ALTER TABLE RENAME, and back.
    void renamesWithAlterTable()
    {
        Hand to;
        to.table(QStringLiteral("people"),
                 QStringLiteral("CREATE TABLE people (id INTEGER PRIMARY KEY, full_name TEXT)"))
            .column(QStringLiteral("id"), QStringLiteral("INTEGER"), kPk)
            .column(QStringLiteral("full_name"), QStringLiteral("TEXT"));
        Hand from;
        from.table(QStringLiteral("users"),
                   QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)"))
            .column(QStringLiteral("id"), QStringLiteral("INTEGER"), kPk)
            .column(QStringLiteral("name"), QStringLiteral("TEXT"));
        DiffOptions options;
        options.renames.insert(QStringLiteral("table|||people|"), QStringLiteral("users"));
        options.renames.insert(QStringLiteral("column||people|full_name|"), QStringLiteral("name"));
        const SchemaDiff diff = diffSqlite(from.model, to.model, options);
        QCOMPARE(diff.operations.size(), 1);
        QCOMPARE(
            diff.operations.first().sql,
            (QStringList{QStringLiteral("ALTER TABLE users RENAME TO people"),
                         QStringLiteral("ALTER TABLE people RENAME COLUMN name TO full_name")}));
        QCOMPARE(
            diff.operations.first().inverseSql,
            (QStringList{QStringLiteral("ALTER TABLE people RENAME TO users"),
                         QStringLiteral("ALTER TABLE users RENAME COLUMN full_name TO name")}));
    }

    void unsupportedObjectsRefuse()
    {
        Hand to = blog();
        to.model.unsupported.append(QStringLiteral("virtual table docs (kind not supported)"));
        const SchemaDiff diff = diffSqlite(blog().model, to.model);
        QCOMPARE(diff.refused,
                 QStringList{QStringLiteral("virtual table docs (kind not supported)")});
        SchemaModel both = to.model;
        QVERIFY(diffSqlite(to.model, both).isEmpty());
    }

    void hazardsWorded()
    {
        Hand to;
        const SchemaDiff diff = diffSqlite(blog().model, to.model);
        QVERIFY2(diff.upgradeSql().contains(QStringLiteral("-- hazard: deletes data")),
                 qPrintable(diff.upgradeSql()));
        QVERIFY(diff.upgradeSql().indexOf(QStringLiteral("DROP TABLE posts")) <
                diff.upgradeSql().indexOf(QStringLiteral("DROP TABLE users")));
    }

    // Real files: FROM (with rows) and TO built from SQL and inspected, the diff run as a
    // migration step on a copy of FROM, the result inspected and compared with TO, the rows
    // counted; then the downgrade, compared with FROM. Each ALTER TABLE case and each rebuild
    // case, on a schema with ON DELETE CASCADE children, a self-reference, views (one on
    // another) and triggers.
    void roundTripOnFiles_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QStringList>("renames"); // "key in to=old name"
        QTest::addColumn<QString>("expected");    // an operation kind the diff must hold
        // Whether the downgrade can succeed: not when it recreates a dropped parent table empty
        // under rows that reference it (the foreign key check fails the step, which rolls back).
        QTest::addColumn<bool>("downgrades");

        const QString base = QStringLiteral(
            "CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER);\n"
            "CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES authors "
            "(id) ON DELETE CASCADE, title TEXT, price REAL CHECK (price >= 0), sequel_of "
            "INTEGER REFERENCES books (id));\n"
            "CREATE TABLE reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, book_id INTEGER NOT NULL "
            "REFERENCES books (id) ON DELETE CASCADE, stars INTEGER);\n"
            "CREATE TABLE log (msg TEXT);\n"
            "CREATE INDEX books_title ON books (title);\n"
            "CREATE VIEW cheap AS SELECT id, title FROM books WHERE price < 10;\n"
            "CREATE VIEW cheap_count AS SELECT count(*) AS n FROM cheap;\n"
            "CREATE TRIGGER books_log AFTER UPDATE ON books BEGIN INSERT INTO log VALUES "
            "('book ' || new.id); END;\n"
            "CREATE TRIGGER authors_log AFTER DELETE ON authors BEGIN INSERT INTO log VALUES "
            "('author gone'); END;\n");
        auto with = [&](std::initializer_list<std::pair<const char *, const char *>> edits) {
            QString text = base;
            for (const auto &[before, after] : edits) {
                const QString b = QString::fromUtf8(before);
                if (!text.contains(b))
                    qFatal("test data: '%s' is not in the base schema", before);
                text.replace(b, QString::fromUtf8(after));
            }
            return text;
        };
        const QStringList none;
        auto row = [&](const char *name, const QString &to, const QStringList &renames,
                       const char *expected, bool downgrades = true) {
            QTest::newRow(name) << base << to << renames << QString::fromUtf8(expected)
                                << downgrades;
        };

        // ALTER TABLE.
        row("add column", with({{"born INTEGER)", "born INTEGER, bio TEXT DEFAULT 'none')"}}), none,
            "alter table");
        row("add virtual generated column",
            with({{"born INTEGER)",
                   "born INTEGER, shout TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL)"}}),
            none, "alter table");
        row("add column with check",
            with({{"born INTEGER)", "born INTEGER, rank INTEGER CHECK (rank > 0))"}}), none,
            "alter table");
        row("add column with references",
            with({{"born INTEGER)", "born INTEGER, mentor_id INTEGER REFERENCES authors (id))"}}),
            none, "alter table");
        row("add not null column with default",
            with({{"born INTEGER)", "born INTEGER, active INTEGER NOT NULL DEFAULT 1)"}}), none,
            "alter table");
        row("drop column", with({{", born INTEGER)", ")"}}), none, "alter table");
        row("drop indexed column with its index",
            with({{"title TEXT, ", ""},
                  {"CREATE INDEX books_title ON books (title);\n", ""},
                  {"SELECT id, title FROM", "SELECT id FROM"}}),
            none, "alter table");
        row("rename table",
            with({{"TABLE authors", "TABLE writers"},
                  {"REFERENCES authors", "REFERENCES writers"},
                  {"DELETE ON authors", "DELETE ON writers"}}),
            {QStringLiteral("table|||writers|=authors")}, "rename table");
        row("rename column",
            with({{"title TEXT", "headline TEXT"},
                  {"books (title)", "books (headline)"},
                  {"SELECT id, title", "SELECT id, headline"}}),
            {QStringLiteral("column||books|headline|=title")}, "alter table");
        row("rename, drop and add together",
            with({{"TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER)",
                   "TABLE writers (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, web TEXT)"},
                  {"REFERENCES authors", "REFERENCES writers"},
                  {"DELETE ON authors", "DELETE ON writers"}}),
            {QStringLiteral("table|||writers|=authors"),
             QStringLiteral("column||writers|full_name|=name")},
            "alter table");

        // The table-rebuild procedure.
        row("column type", with({{"born INTEGER", "born TEXT"}}), none, "rebuild table");
        row("column default", with({{"born INTEGER", "born INTEGER DEFAULT 1900"}}), none,
            "rebuild table");
        row("not null on a column with values",
            with({{"title TEXT", "title TEXT NOT NULL DEFAULT ''"}}), none, "rebuild table");
        row("not null dropped", with({{"name TEXT NOT NULL", "name TEXT"}}), none, "rebuild table");
        row("collation", with({{"title TEXT", "title TEXT COLLATE NOCASE"}}), none,
            "rebuild table");
        row("unique added", with({{"name TEXT NOT NULL", "name TEXT NOT NULL UNIQUE"}}), none,
            "rebuild table");
        row("check removed", with({{" CHECK (price >= 0)", ""}}), none, "rebuild table");
        row("check changed", with({{"CHECK (price >= 0)", "CHECK (price >= 0 AND price < 1000)"}}),
            none, "rebuild table");
        row("foreign key added to a column",
            with({{"stars INTEGER)", "stars INTEGER, author_id INTEGER REFERENCES authors (id) "
                                     "ON DELETE SET NULL)"}}),
            none, "alter table");
        row("foreign key changed",
            with({{"REFERENCES authors (id) ON DELETE CASCADE",
                   "REFERENCES authors (id) ON DELETE SET NULL"}}),
            none, "rebuild table");
        row("column with its own references dropped",
            with({{", sequel_of INTEGER REFERENCES books (id)", ""}}), none, "alter table");
        row("column with its own check dropped",
            with({{", price REAL CHECK (price >= 0)", ""}, {"WHERE price < 10", ""}}), none,
            "alter table");
        row("self reference removed from its column",
            with({{"sequel_of INTEGER REFERENCES books (id)", "sequel_of INTEGER"}}), none,
            "rebuild table");
        row("table check added",
            with({{"born INTEGER)", "born INTEGER, CHECK (born > 1000 OR born IS NULL))"}}), none,
            "rebuild table");
        row("primary key column dropped",
            with({{"CREATE TABLE log (msg TEXT)", "CREATE TABLE log (msg TEXT PRIMARY KEY)"}}),
            none, "rebuild table");
        row("without rowid",
            with({{"CREATE TABLE log (msg TEXT)",
                   "CREATE TABLE log (msg TEXT PRIMARY KEY) WITHOUT ROWID"}}),
            none, "rebuild table");
        row("strict",
            with({{"name TEXT NOT NULL, born INTEGER)",
                   "name TEXT NOT NULL, born INTEGER) STRICT"}}),
            none, "rebuild table");
        row("autoincrement table", with({{"stars INTEGER)", "stars INTEGER NOT NULL DEFAULT 3)"}}),
            none, "rebuild table");
        row("stored generated column added",
            with({{"born INTEGER)",
                   "born INTEGER, shout TEXT GENERATED ALWAYS AS (upper(name)) STORED)"}}),
            none, "rebuild table");
        row("current_timestamp default added",
            with({{"born INTEGER)", "born INTEGER, added TEXT DEFAULT CURRENT_TIMESTAMP)"}}), none,
            "rebuild table");
        row("unique column added", with({{"born INTEGER)", "born INTEGER, code TEXT UNIQUE)"}}),
            none, "rebuild table");
        row("rebuild of a renamed table with a renamed column",
            with({{"TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, born INTEGER)",
                   "TABLE writers (id INTEGER PRIMARY KEY, full_name TEXT NOT NULL, born TEXT)"},
                  {"REFERENCES authors", "REFERENCES writers"},
                  {"DELETE ON authors", "DELETE ON writers"}}),
            {QStringLiteral("table|||writers|=authors"),
             QStringLiteral("column||writers|full_name|=name")},
            "rebuild table");

        // Tables, indexes, views and triggers on their own.
        row("table added",
            with({{"CREATE TABLE log (msg TEXT);", "CREATE TABLE log (msg TEXT);\n"
                                                   "CREATE TABLE tags (book_id "
                                                   "INTEGER REFERENCES books (id), "
                                                   "tag TEXT);"}}),
            none, "create table");
        row("table dropped with the kept table's reference to it",
            with({{"book_id INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE",
                   "book_id INTEGER NOT NULL"},
                  {"CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES "
                   "authors (id) ON DELETE CASCADE, title TEXT, price REAL CHECK (price >= 0), "
                   "sequel_of INTEGER REFERENCES books (id));\n",
                   ""},
                  {"CREATE INDEX books_title ON books (title);\n", ""},
                  {"CREATE VIEW cheap AS SELECT id, title FROM books WHERE price < 10;\n", ""},
                  {"CREATE VIEW cheap_count AS SELECT count(*) AS n FROM cheap;\n", ""},
                  {"CREATE TRIGGER books_log AFTER UPDATE ON books BEGIN INSERT INTO log VALUES "
                   "('book ' || new.id); END;\n",
                   ""}}),
            none, "drop table", false);
        row("partial index", with({{"books (title)", "books (title) WHERE price > 0"}}), none,
            "create index");
        row("view changed and its dependant recreated",
            with({{"WHERE price < 10", "WHERE price < 20"}}), none, "create view");
        row("trigger changed", with({{"'author gone'", "'author removed'"}}), none,
            "create trigger");
    }

    void roundTripOnFiles()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QStringList, renames);
        QFETCH(QString, expected);
        QFETCH(bool, downgrades);
        const QString seed = QStringLiteral(
            "INSERT INTO authors (id, name, born) VALUES (1, 'Ann', 1950), (2, 'Bo', 1960), (3, "
            "'Cy', NULL);\n"
            "INSERT INTO books (id, author_id, title, price, sequel_of) VALUES (1, 1, 'A', 5, "
            "NULL), (2, 1, 'B', 12, 1), (3, 2, 'C', 8, NULL), (4, 3, 'D', 30, 3);\n"
            "INSERT INTO reviews (book_id, stars) VALUES (1, 5), (2, 3), (4, 1);\n"
            "DELETE FROM reviews WHERE id = 3;\n"
            "INSERT INTO log VALUES ('start');\n");
        const QString fromPath = file(from + seed);
        const QString toPath = file(to);
        QVERIFY(!fromPath.isEmpty() && !toPath.isEmpty());
        const auto fromModel = inspectFile(fromPath);
        const auto toModel = inspectFile(toPath);
        QVERIFY2(fromModel, qPrintable(fromModel ? QString() : fromModel.error().message));
        QVERIFY2(toModel, qPrintable(toModel ? QString() : toModel.error().message));
        DiffOptions options;
        for (const QString &rename : renames)
            options.renames.insert(rename.section(QLatin1Char('='), 0, 0),
                                   rename.section(QLatin1Char('='), 1));
        const SchemaDiff diff = diffSqlite(*fromModel, *toModel, options);
        QVERIFY2(diff.refused.isEmpty(), qPrintable(diff.refused.join(QLatin1Char('\n'))));
        const QString script =
            diff.upgradeSql() + QStringLiteral("\n-- down\n") + diff.downgradeSql();
        QVERIFY2(std::any_of(diff.operations.cbegin(), diff.operations.cend(),
                             [&](const Operation &op) { return op.kind == expected; }),
                 qPrintable(script));

        const QString path = m_dir.path() + QStringLiteral("/run%1.sqlite").arg(++m_files);
        QVERIFY(QFile::copy(fromPath, path));
        const QMap<QString, QString> before = counts(path, *fromModel);
        const Status up = run(path, diff.upgradeSql());
        QVERIFY2(up.ok(), qPrintable((up.ok() ? QString() : up.error().message) +
                                     QLatin1Char('\n') + script));
        const auto upgraded = inspectFile(path);
        QVERIFY(upgraded);
        QVERIFY2(changes(*toModel, *upgraded).isEmpty(),
                 qPrintable(changes(*toModel, *upgraded) + QLatin1Char('\n') + script));
        const QMap<QString, QString> after = counts(path, *upgraded);
        QStringList kept;
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            QString name = it.key();
            for (const QString &rename : renames) {
                if (rename.startsWith(QLatin1String("table|")) &&
                    rename.section(QLatin1Char('='), 1) == name)
                    name = rename.section(QLatin1Char('|'), 3, 3);
            }
            if (after.contains(name)) {
                QCOMPARE(after.value(name), it.value());
                kept.append(it.key());
            }
        }
        QCOMPARE(rows(path, QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = "
                                           "'reviews'")),
                 rows(fromPath, QStringLiteral("SELECT seq FROM sqlite_sequence WHERE name = "
                                               "'reviews'")));

        const Status down = run(path, diff.downgradeSql());
        if (!downgrades) {
            QVERIFY(!down.ok());
            QVERIFY2(down.error().message.startsWith(QStringLiteral("foreign key check failed")),
                     qPrintable(down.error().message));
            const auto unchanged = inspectFile(path);
            QVERIFY(unchanged);
            QVERIFY2(changes(*toModel, *unchanged).isEmpty(),
                     qPrintable(changes(*toModel, *unchanged)));
            return;
        }
        QVERIFY2(down.ok(), qPrintable((down.ok() ? QString() : down.error().message) +
                                       QLatin1Char('\n') + script));
        const auto downgraded = inspectFile(path);
        QVERIFY(downgraded);
        QVERIFY2(changes(*fromModel, *downgraded).isEmpty(),
                 qPrintable(changes(*fromModel, *downgraded) + QLatin1Char('\n') + script));
        // Every table the upgrade kept has its rows back; one it dropped comes back empty.
        const QMap<QString, QString> back = counts(path, *downgraded);
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            if (kept.contains(it.key()))
                QCOMPARE(back.value(it.key()), it.value());
        }
    }

    // The rebuild run on a real file: rows of the table and of its child kept, the child's
    // ON DELETE CASCADE not fired, the view and trigger back; and the way back.
    void rebuildKeepsRowsOnAFile()
    {
        Hand to = blog();
        const QString sql = QStringLiteral(
            "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '')");
        to.table(QStringLiteral("users"), sql)
            .column(QStringLiteral("id"), QStringLiteral("INTEGER"), kPk)
            .column(QStringLiteral("name"), QStringLiteral("TEXT"),
                    {{QStringLiteral("not_null"), kTrue},
                     {QStringLiteral("default"), QStringLiteral("''")}});
        const Hand from = blog();
        QStringList create;
        for (const SchemaObject &o : from.model.objects())
            if (!o.property(QStringLiteral("sql")).isEmpty())
                create.append(o.property(QStringLiteral("sql")) + QLatin1Char(';'));
        const QString path =
            file(create.join(QLatin1Char('\n')) +
                 QStringLiteral("INSERT INTO users VALUES (1, 'ann'), (2, 'bob');"
                                "INSERT INTO posts VALUES (1, 1, ' hi '), (2, 1, 'x'), (3, 2, "
                                "'y');"));
        QVERIFY(!path.isEmpty());
        const SchemaDiff diff = diffSqlite(from.model, to.model);
        QVERIFY2(diff.refused.isEmpty(), qPrintable(diff.refused.join(QLatin1Char('\n'))));
        const Status up = run(path, diff.upgradeSql());
        QVERIFY2(up.ok(), qPrintable(up.ok() ? QString() : up.error().message));
        QCOMPARE(rows(path, QStringLiteral("SELECT count(*) FROM posts")), texts({"3"}));
        QCOMPARE(rows(path, QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'users'")),
                 QStringList{sql});
        QCOMPARE(rows(path, QStringLiteral("SELECT type || ' ' || name FROM sqlite_schema ORDER "
                                           "BY name")),
                 texts({"view post_count", "table posts", "trigger posts_trim", "index posts_user",
                        "table users"}));
        QCOMPARE(rows(path, QStringLiteral("SELECT * FROM post_count")), texts({"1|2", "2|1"}));
        const Status down = run(path, diff.downgradeSql());
        QVERIFY2(down.ok(), qPrintable(down.ok() ? QString() : down.error().message));
        QCOMPARE(rows(path, QStringLiteral("SELECT count(*) FROM posts")), texts({"3"}));
        QCOMPARE(rows(path, QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'users'")),
                 QStringList{QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, name "
                                            "TEXT)")});
    }
};

QTEST_GUILESS_MAIN(TestSqliteDiff)
#include "tst_sqlitediff.moc"
