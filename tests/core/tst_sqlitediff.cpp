// The SQLite diff: hand-built SQLite models for the statement text (ALTER TABLE where SQLite
// allows it, the table-rebuild procedure otherwise, indexes, views and triggers dropped and
// created again around it, refusals), and the statements run on real SQLite files holding rows
// through Strata's SQLite driver, upgrade and downgrade, rows counted before and after.

#include "sqlitefiles.h"

#include <QTest>

#include <functional>

using namespace strata;
using namespace strata::schema;
using namespace strata::test;

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

    SqliteFiles m_files;

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
        // A new UNIQUE is checked against the copied rows.
        QCOMPARE(rebuild->hazards.contains(Hazard::ValidatesConstraint),
                 definition.contains(QLatin1String("UNIQUE")));
        // posts references users: it is rebuilt in the same operation, its rows kept.
        QVERIFY(rebuild->sql.contains(
            QStringLiteral("CREATE TEMP TABLE strata_rebuild_1_2 AS SELECT * FROM main.posts")));
        QVERIFY(rebuild->sql.contains(QStringLiteral("INSERT INTO main.posts (id, user_id, body) "
                                                     "SELECT id, user_id, body FROM "
                                                     "temp.strata_rebuild_1_2")));
        QCOMPARE(rebuild->sql.first(), QStringLiteral("-- rebuilds users, posts (rows copied aside "
                                                      "and back)\nPRAGMA defer_foreign_keys = ON"));
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

    // A child whose foreign key has no ON DELETE action keeps its rows when the parent is
    // dropped under defer_foreign_keys: it is not copied, only checked.
    void childWithoutDeleteActionIsOnlyChecked()
    {
        auto schema = [](const QString &nameType) {
            Hand h = blog();
            h.table(QStringLiteral("notes"),
                    QStringLiteral("CREATE TABLE notes (id INTEGER PRIMARY KEY, user_id INTEGER "
                                   "REFERENCES users (id))"))
                .column(QStringLiteral("id"), QStringLiteral("INTEGER"), kPk)
                .column(QStringLiteral("user_id"), QStringLiteral("INTEGER"))
                .constraint(QStringLiteral("foreign key"),
                            QStringLiteral("foreign key (user_id) references users (id) on update "
                                           "no action on delete no action match none"));
            h.table(QStringLiteral("users"),
                    QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, name %1)")
                        .arg(nameType))
                .column(QStringLiteral("id"), QStringLiteral("INTEGER"), kPk)
                .column(QStringLiteral("name"), nameType);
            return h;
        };
        const SchemaDiff diff =
            diffSqlite(schema(QStringLiteral("TEXT")).model, schema(QStringLiteral("BLOB")).model);
        const Operation *rebuild = find(diff, QStringLiteral("rebuild table"));
        QVERIFY2(rebuild, qPrintable(diff.upgradeSql()));
        const QString sql = rebuild->sql.join(QLatin1Char('\n'));
        QVERIFY2(sql.contains(QStringLiteral("FROM main.posts")), qPrintable(sql));
        QVERIFY2(!sql.contains(QStringLiteral("FROM main.notes")), qPrintable(sql));
        QVERIFY(rebuild->sql.contains(QStringLiteral("PRAGMA foreign_key_check(notes)")));
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
        const QString path = m_files.file(
            create.join(QLatin1Char('\n')) +
            QStringLiteral("INSERT INTO users VALUES (1, 'ann'), (2, 'bob');"
                           "INSERT INTO posts VALUES (1, 1, ' hi '), (2, 1, 'x'), (3, 2, "
                           "'y');"));
        QVERIFY(!path.isEmpty());
        const SchemaDiff diff = diffSqlite(from.model, to.model);
        QVERIFY2(diff.refused.isEmpty(), qPrintable(diff.refused.join(QLatin1Char('\n'))));
        const Status up = m_files.run(path, diff.upgradeSql());
        QVERIFY2(up.ok(), qPrintable(up.ok() ? QString() : up.error().message));
        QCOMPARE(m_files.rows(path, QStringLiteral("SELECT count(*) FROM posts")), texts({"3"}));
        QCOMPARE(m_files.rows(path,
                              QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'users'")),
                 QStringList{sql});
        QCOMPARE(
            m_files.rows(path, QStringLiteral("SELECT type || ' ' || name FROM sqlite_schema ORDER "
                                              "BY name")),
            texts({"view post_count", "table posts", "trigger posts_trim", "index posts_user",
                   "table users"}));
        QCOMPARE(m_files.rows(path, QStringLiteral("SELECT * FROM post_count")),
                 texts({"1|2", "2|1"}));
        const Status down = m_files.run(path, diff.downgradeSql());
        QVERIFY2(down.ok(), qPrintable(down.ok() ? QString() : down.error().message));
        QCOMPARE(m_files.rows(path, QStringLiteral("SELECT count(*) FROM posts")), texts({"3"}));
        QCOMPARE(m_files.rows(path,
                              QStringLiteral("SELECT sql FROM sqlite_schema WHERE name = 'users'")),
                 QStringList{QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY, name "
                                            "TEXT)")});
    }
};

QTEST_GUILESS_MAIN(TestSqliteDiff)
#include "tst_sqlitediff.moc"
