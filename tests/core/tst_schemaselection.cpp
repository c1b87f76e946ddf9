// leaveOut() and definitionText(): what leaving a difference out takes with it (dependants,
// parts of a relation, what a kept object needs, a SQLite table's one statement), on hand-built
// models and on models read from a real PostgreSQL server; and each kind's definition as the
// SQL that creates it, on PostgreSQL (read from the server) and SQLite.

#include "drivers/postgres/postgresdriver.h"
#include "handbuiltschema.h"
#include "pgserver.h"
#include "schema/inspector.h"
#include "schema/schemaselection.h"
#include "sqliteschema.h"

#include <QTemporaryDir>
#include <QTest>

using strata::PostgresDriver;
using strata::test::PgServer;
using namespace strata::schema;

namespace {

using namespace strata::test::handbuilt;

QStringList operationObjects(const SchemaDiff &diff)
{
    QStringList objects;
    for (const Operation &operation : diff.operations)
        objects.append(operation.object);
    return objects;
}

} // namespace

class TestSchemaSelection : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgServer> m_server;
    int m_databases = 0;
    QTemporaryDir m_dir;
    int m_files = 0;

    std::optional<SchemaModel> sqlite(const QString &sql)
    {
        return strata::test::sqliteSchema(
            m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_files)), sql);
    }

    // A new database holding `sql`, read into a model.
    std::optional<SchemaModel> read(const QString &sql)
    {
        const QString name = QStringLiteral("selection_%1").arg(++m_databases);
        QString error;
        if (!m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(name), &error) ||
            (!sql.isEmpty() && !m_server->psql(sql, &error, name))) {
            qWarning("%s", qPrintable(error));
            return std::nullopt;
        }
        PostgresDriver driver(m_server->conninfo(name), name);
        if (auto opened = driver.open(); !opened) {
            qWarning("%s", qPrintable(opened.error().message));
            return std::nullopt;
        }
        auto read = inspect(driver);
        driver.close();
        if (!read) {
            qWarning("%s", qPrintable(read.error().message));
            return std::nullopt;
        }
        return *read;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_server = PgServer::start(&error);
        QVERIFY2(m_server, qPrintable(error));
        QVERIFY(m_server->psql(QStringLiteral("ALTER SYSTEM SET fsync = off")));
        QVERIFY(m_server->psql(QStringLiteral("SELECT pg_reload_conf()")));
    }

    void cleanupTestCase() { m_server.reset(); }

    void viewOnNewTableGoesWithIt()
    {
        const SchemaModel from = model({});
        const QString id = key(ObjectKind::Column, QStringLiteral("review"), QStringLiteral("id"));
        const SchemaModel to = model({
            object(ObjectKind::Table, {}, QStringLiteral("review")),
            column(QStringLiteral("review"), QStringLiteral("id"), QStringLiteral("integer")),
            object(ObjectKind::View, {}, QStringLiteral("review_count"),
                   {{QStringLiteral("definition"), QStringLiteral(" SELECT count(*) FROM review")}},
                   {id}),
            object(ObjectKind::Table, {}, QStringLiteral("other")),
        });
        const Selection selection =
            leaveOut(from, to, {key(ObjectKind::Table, {}, QStringLiteral("review"))});
        QCOMPARE(selection.alsoLeftOut,
                 (QStringList{id, key(ObjectKind::View, {}, QStringLiteral("review_count"))}));
        QCOMPARE(selection.why,
                 (QStringList{QStringLiteral("column public.review.id is part of table "
                                             "public.review"),
                              QStringLiteral("view public.review_count depends on column "
                                             "public.review.id")}));
        QCOMPARE(selection.reasons.size(), 2);
        QCOMPARE(selection.reasons[1].link, LeftOutReason::Link::DependsOn);
        QCOMPARE(selection.reasons[1].cause, id);
        QCOMPARE(operationObjects(diff(from, selection.to)),
                 QStringList{QStringLiteral("table public.other")});
    }

    void foreignKeyOnNewColumnGoesWithIt()
    {
        const SchemaObject film = object(ObjectKind::Table, {}, QStringLiteral("film"));
        const SchemaObject filmId =
            column(QStringLiteral("film"), QStringLiteral("id"), QStringLiteral("integer"));
        const SchemaObject actor = object(ObjectKind::Table, {}, QStringLiteral("actor"));
        const SchemaObject actorFilm =
            column(QStringLiteral("actor"), QStringLiteral("film_id"), QStringLiteral("integer"));
        const SchemaObject foreignKey = object(
            ObjectKind::Constraint, QStringLiteral("actor"), QStringLiteral("actor_film_fkey"),
            {{QStringLiteral("type"), QStringLiteral("foreign key")},
             {QStringLiteral("definition"),
              QStringLiteral("FOREIGN KEY (film_id) REFERENCES public.film(id)")},
             {QStringLiteral("validated"), QStringLiteral("true")}},
            {actorFilm.key(), filmId.key()});
        const SchemaModel from = model({film, filmId, actor});
        const SchemaModel to = model({film, filmId, actor, actorFilm, foreignKey});
        const Selection selection = leaveOut(from, to, {actorFilm.key()});
        QCOMPARE(selection.alsoLeftOut, QStringList{foreignKey.key()});
        QVERIFY(diff(from, selection.to).isEmpty());
        // The key alone: the column stays.
        const Selection keyOnly = leaveOut(from, to, {foreignKey.key()});
        QVERIFY(keyOnly.alsoLeftOut.isEmpty());
        QCOMPARE(operationObjects(diff(from, keyOnly.to)),
                 QStringList{QStringLiteral("column public.actor.film_id")});
    }

    void keptDropKeepsWhatItNeedsAndWhatNeedsIt()
    {
        const SchemaObject table = object(ObjectKind::Table, {}, QStringLiteral("old"));
        const SchemaObject id =
            column(QStringLiteral("old"), QStringLiteral("id"), QStringLiteral("integer"));
        const SchemaObject view = object(
            ObjectKind::View, {}, QStringLiteral("old_ids"),
            {{QStringLiteral("definition"), QStringLiteral(" SELECT id FROM old")}}, {id.key()});
        const SchemaModel from = model({table, id, view});
        const SchemaModel to = model({});

        // Keeping the view keeps the column it reads, and that column's table.
        const Selection keepView = leaveOut(from, to, {view.key()});
        QCOMPARE(keepView.alsoLeftOut, (QStringList{id.key(), table.key()}));
        QCOMPARE(keepView.reasons[0].link, LeftOutReason::Link::NeededBy);
        QCOMPARE(keepView.why[1],
                 QStringLiteral("table public.old is kept because column public.old.id needs it"));
        QVERIFY(diff(from, keepView.to).isEmpty());

        // Keeping the table keeps its column, and the view that depends on it.
        const Selection keepTable = leaveOut(from, to, {table.key()});
        QCOMPARE(keepTable.alsoLeftOut, (QStringList{id.key(), view.key()}));
        QVERIFY(diff(from, keepTable.to).isEmpty());
    }

    void changedObjectKeepsItsOldForm()
    {
        const SchemaObject table = object(ObjectKind::Table, {}, QStringLiteral("t"));
        const SchemaObject before =
            column(QStringLiteral("t"), QStringLiteral("price"), QStringLiteral("integer"));
        const SchemaObject after =
            column(QStringLiteral("t"), QStringLiteral("price"), QStringLiteral("numeric"));
        const SchemaObject unchanged =
            object(ObjectKind::View, {}, QStringLiteral("prices"),
                   {{QStringLiteral("definition"), QStringLiteral(" SELECT price FROM t")}},
                   {before.key()});
        const SchemaModel from = model({table, before, unchanged});
        const SchemaModel to = model({table, after, unchanged});
        const Selection selection =
            leaveOut(from, to, {before.key(), QStringLiteral("table|public||nothing|")});
        // The view is the same on both sides: not named, nothing to leave out.
        QVERIFY(selection.alsoLeftOut.isEmpty());
        QCOMPARE(selection.to.find(before.key())->property(QStringLiteral("type")),
                 QStringLiteral("integer"));
        QVERIFY(diff(from, selection.to).isEmpty());
    }

    void schemasAndOwnedSequencesGoWithTheirWhole()
    {
        const SchemaObject shop =
            object(ObjectKind::Schema, {}, QStringLiteral("shop"), {}, {}, {});
        const SchemaObject film =
            object(ObjectKind::Table, {}, QStringLiteral("film"), {}, {}, QStringLiteral("shop"));
        const SchemaObject sequence =
            object(ObjectKind::Sequence, {}, QStringLiteral("film_id_seq"),
                   {{QStringLiteral("type"), QStringLiteral("integer")},
                    {QStringLiteral("owned_by"), QStringLiteral("shop.film.id")}},
                   {}, QStringLiteral("shop"));
        SchemaObject id = column(QStringLiteral("film"), QStringLiteral("id"),
                                 QStringLiteral("integer"), QStringLiteral("shop"));
        id.properties.insert(QStringLiteral("default"),
                             QStringLiteral("nextval('shop.film_id_seq'::regclass)"));
        const SchemaModel none = model({});
        const SchemaModel all = model({shop, film, sequence, id});

        // Added: leaving the schema out takes everything in it.
        const Selection withoutShop = leaveOut(none, all, {shop.key()});
        QCOMPARE(withoutShop.alsoLeftOut.size(), 3);
        QVERIFY(withoutShop.to.isEmpty());
        // Leaving the table out takes its column and the sequence the column owns.
        const Selection withoutFilm = leaveOut(none, all, {film.key()});
        QCOMPARE(withoutFilm.alsoLeftOut, (QStringList{id.key(), sequence.key()}));
        QCOMPARE(withoutFilm.why[1],
                 QStringLiteral("sequence shop.film_id_seq is part of column shop.film.id"));
        QCOMPARE(operationObjects(diff(none, withoutFilm.to)),
                 QStringList{QStringLiteral("schema shop")});

        // Removed: keeping the column keeps its table and schema, and the sequence it owns.
        const Selection keepId = leaveOut(all, none, {id.key()});
        QCOMPARE(keepId.alsoLeftOut.size(), 3);
        QVERIFY(diff(all, keepId.to).isEmpty());
    }

    void tableOwnChangeLeavesItsColumnsAlone()
    {
        SchemaObject before = object(ObjectKind::Table, {}, QStringLiteral("film"));
        SchemaObject after = before;
        after.comment = QStringLiteral("films we sell");
        const SchemaModel from =
            model({before, column(QStringLiteral("film"), QStringLiteral("rate"),
                                  QStringLiteral("integer"))});
        const SchemaModel to = model({after, column(QStringLiteral("film"), QStringLiteral("rate"),
                                                    QStringLiteral("numeric"))});
        const Selection selection = leaveOut(from, to, {after.key()});
        QVERIFY(selection.alsoLeftOut.isEmpty());
        QCOMPARE(operationObjects(diff(from, selection.to)),
                 QStringList{QStringLiteral("column public.film.rate")});
    }

    void realSerialTable()
    {
        const auto from = read(QStringLiteral("CREATE TABLE film (id integer PRIMARY KEY);"));
        const auto to = read(QStringLiteral("CREATE TABLE film (id integer PRIMARY KEY);"
                                            "CREATE SCHEMA shop;"
                                            "CREATE TABLE shop.sale (id serial PRIMARY KEY, "
                                            "film_id integer REFERENCES public.film);"));
        QVERIFY(from && to);
        const QString shop = key(ObjectKind::Schema, {}, QStringLiteral("shop"), QString());
        const QString sale =
            key(ObjectKind::Table, {}, QStringLiteral("sale"), QStringLiteral("shop"));
        const QString sequence =
            key(ObjectKind::Sequence, {}, QStringLiteral("sale_id_seq"), QStringLiteral("shop"));
        const Selection withoutSale = leaveOut(*from, *to, {sale});
        QVERIFY2(withoutSale.alsoLeftOut.contains(sequence),
                 qPrintable(withoutSale.why.join(QLatin1Char('\n'))));
        QCOMPARE(operationObjects(diff(*from, withoutSale.to)),
                 QStringList{QStringLiteral("schema shop")});
        const Selection withoutShop = leaveOut(*from, *to, {shop});
        QVERIFY(withoutShop.alsoLeftOut.contains(sale));
        QVERIFY(diff(*from, withoutShop.to).isEmpty());
        // The other way: the schema dropped, its table kept.
        const Selection keepSale = leaveOut(*to, *from, {sale});
        QVERIFY2(keepSale.alsoLeftOut.contains(shop) && keepSale.alsoLeftOut.contains(sequence),
                 qPrintable(keepSale.why.join(QLatin1Char('\n'))));
        QVERIFY(diff(*to, keepSale.to).isEmpty());
    }

    void renameIsLeftOutWhole()
    {
        const SchemaObject oldTable = object(ObjectKind::Table, {}, QStringLiteral("film_old"));
        const SchemaObject newTable = object(ObjectKind::Table, {}, QStringLiteral("film"));
        const SchemaObject oldId =
            column(QStringLiteral("film_old"), QStringLiteral("id"), QStringLiteral("integer"));
        const SchemaObject newId =
            column(QStringLiteral("film"), QStringLiteral("id"), QStringLiteral("integer"));
        const SchemaObject a =
            column(QStringLiteral("film_old"), QStringLiteral("a"), QStringLiteral("text"));
        const SchemaObject b =
            column(QStringLiteral("film"), QStringLiteral("b"), QStringLiteral("text"));
        const SchemaModel from = model({oldTable, oldId, a});
        const SchemaModel to = model({newTable, newId, b});
        DiffOptions options;
        options.renames.insert(newTable.key(), QStringLiteral("film_old"));
        options.renames.insert(b.key(), QStringLiteral("a"));
        QCOMPARE(diff(from, to, options).operations.size(), 2); // two renames, nothing dropped

        // Leaving out the new name keeps the old table, not a drop of it.
        const Selection whole = leaveOut(from, to, {newTable.key()}, options.renames);
        QVERIFY2(whole.alsoLeftOut.contains(oldTable.key()),
                 qPrintable(whole.why.join(QLatin1Char('\n'))));
        QVERIFY(whole.why.contains(
            QStringLiteral("table public.film_old is table public.film under another name")));
        QVERIFY(diff(from, whole.to, options).isEmpty());
        // Without the renames it would have been a drop: the old name is only in `from`.
        QVERIFY(!leaveOut(from, to, {newTable.key()}).alsoLeftOut.contains(oldTable.key()));

        // A renamed column left out keeps its old name, and with it the table's rename.
        const Selection column = leaveOut(from, to, {b.key()}, options.renames);
        QVERIFY(column.alsoLeftOut.contains(a.key()));
        QVERIFY(diff(from, column.to, options).isEmpty());
    }

    void sqliteColumnTakesItsTable()
    {
        auto table = [](const QString &sql) {
            SchemaObject t = object(ObjectKind::Table, {}, QStringLiteral("book"),
                                    {{QStringLiteral("sql"), sql}}, {}, QString());
            return t;
        };
        auto sqliteColumn = [](const QString &name) {
            return object(ObjectKind::Column, QStringLiteral("book"), name,
                          {{QStringLiteral("type"), QStringLiteral("INTEGER")},
                           {QStringLiteral("not_null"), QStringLiteral("false")}},
                          {}, QString());
        };
        const SchemaObject index = object(
            ObjectKind::Index, QStringLiteral("book"), QStringLiteral("book_title"),
            {{QStringLiteral("definition"), QStringLiteral("create index %INDEX% on book (title)")},
             {QStringLiteral("sql"), QStringLiteral("CREATE INDEX book_title ON book (title)")}},
            {key(ObjectKind::Table, {}, QStringLiteral("book"), QString())}, QString());
        const SchemaModel from = model({table(QStringLiteral("CREATE TABLE book (id INTEGER)")),
                                        sqliteColumn(QStringLiteral("id"))},
                                       Engine::SQLite);
        const SchemaModel to =
            model({table(QStringLiteral("CREATE TABLE book (id INTEGER, title TEXT, pages "
                                        "INTEGER)")),
                   sqliteColumn(QStringLiteral("id")), sqliteColumn(QStringLiteral("title")),
                   sqliteColumn(QStringLiteral("pages")), index},
                  Engine::SQLite);
        const QString pages =
            key(ObjectKind::Column, QStringLiteral("book"), QStringLiteral("pages"), QString());
        const Selection selection = leaveOut(from, to, {pages});
        // The table's statement holds every column: the table (not itself a difference) goes
        // back to its old statement, and with it the other new column and the index on it.
        QCOMPARE(selection.alsoLeftOut, (QStringList{key(ObjectKind::Column, QStringLiteral("book"),
                                                         QStringLiteral("title"), QString()),
                                                     index.key()}));
        QCOMPARE(selection.to.engine, Engine::SQLite);
        QCOMPARE(selection.to.find(key(ObjectKind::Table, {}, QStringLiteral("book"), QString()))
                     ->property(QStringLiteral("sql")),
                 QStringLiteral("CREATE TABLE book (id INTEGER)"));
        QCOMPARE(selection.to.objects().size(), 2);
    }

    void sqliteDefinitions()
    {
        SchemaModel m;
        m.engine = Engine::SQLite;
        const SchemaObject table =
            object(ObjectKind::Table, {}, QStringLiteral("book"),
                   {{QStringLiteral("sql"), QStringLiteral("CREATE TABLE book (\n  id INTEGER "
                                                           "PRIMARY KEY,\n  title TEXT)")}},
                   {}, QString());
        QCOMPARE(definitionText(&table, m),
                 QStringLiteral("CREATE TABLE book (\n  id INTEGER PRIMARY KEY,\n  title TEXT);"));
        const SchemaObject id =
            object(ObjectKind::Column, QStringLiteral("book"), QStringLiteral("id"),
                   {{QStringLiteral("type"), QStringLiteral("INTEGER")},
                    {QStringLiteral("not_null"), QStringLiteral("false")},
                    {QStringLiteral("primary_key"), QStringLiteral("1")}},
                   {}, QString());
        QCOMPARE(definitionText(&id, m), QStringLiteral("id INTEGER PRIMARY KEY;"));
        const SchemaObject title =
            object(ObjectKind::Column, QStringLiteral("book"), QStringLiteral("title"),
                   {{QStringLiteral("type"), QStringLiteral("TEXT")},
                    {QStringLiteral("not_null"), QStringLiteral("true")},
                    {QStringLiteral("default"), QStringLiteral("'untitled'")},
                    {QStringLiteral("collation"), QStringLiteral("NOCASE")}},
                   {}, QString());
        QCOMPARE(definitionText(&title, m),
                 QStringLiteral("title TEXT NOT NULL DEFAULT 'untitled' COLLATE NOCASE;"));
        const SchemaObject check =
            object(ObjectKind::Constraint, QStringLiteral("book"), QStringLiteral("check (id > 0)"),
                   {{QStringLiteral("type"), QStringLiteral("check")},
                    {QStringLiteral("definition"), QStringLiteral("check (id > 0)")},
                    {QStringLiteral("constraint_name"), QStringLiteral("positive")}},
                   {}, QString());
        QCOMPARE(definitionText(&check, m), QStringLiteral("CONSTRAINT positive check (id > 0);"));
        for (ObjectKind kind : {ObjectKind::Index, ObjectKind::View, ObjectKind::Trigger}) {
            const SchemaObject o = object(
                kind, QStringLiteral("book"), QStringLiteral("x"),
                {{QStringLiteral("sql"), QStringLiteral("CREATE %1 x ...").arg(kindName(kind))}},
                {}, QString());
            QCOMPARE(definitionText(&o, m), QStringLiteral("CREATE %1 x ...;").arg(kindName(kind)));
        }
        QVERIFY(definitionText(nullptr, m).isEmpty());
    }

    void sqliteRealViewOnNewTable()
    {
        const QString base = QStringLiteral("CREATE TABLE film (id INTEGER PRIMARY KEY);");
        const auto from = sqlite(base);
        const auto to = sqlite(
            base + QStringLiteral("CREATE TABLE review (id INTEGER PRIMARY KEY, film_id "
                                  "INTEGER);"
                                  "CREATE VIEW review_count AS SELECT count(*) AS n FROM review;"
                                  "CREATE INDEX review_film ON review (film_id);"
                                  "CREATE TABLE other (x TEXT);"));
        QVERIFY(from && to);
        const QString review = key(ObjectKind::Table, {}, QStringLiteral("review"), QString());
        const Selection selection = leaveOut(*from, *to, {review});
        QVERIFY2(selection.alsoLeftOut.contains(
                     key(ObjectKind::View, {}, QStringLiteral("review_count"), QString())),
                 qPrintable(selection.why.join(QLatin1Char('\n'))));
        QVERIFY(selection.alsoLeftOut.contains(key(ObjectKind::Index, QStringLiteral("review"),
                                                   QStringLiteral("review_film"), QString())));
        QVERIFY(
            selection.why.contains(QStringLiteral("view review_count depends on table review")));
        QCOMPARE(selection.to.engine, Engine::SQLite);
        const SchemaDiff rest = diff(*from, selection.to);
        QVERIFY2(rest.refused.isEmpty(), qPrintable(rest.refused.join(QLatin1Char('\n'))));
        QCOMPARE(operationObjects(rest), QStringList{QStringLiteral("table other")});
    }

    void sqliteRealForeignKeyOnNewColumn()
    {
        const QString base = QStringLiteral("CREATE TABLE film (id INTEGER PRIMARY KEY);"
                                            "CREATE TABLE actor (id INTEGER PRIMARY KEY);");
        const auto from = sqlite(base);
        const auto to = sqlite(base + QStringLiteral("ALTER TABLE actor ADD COLUMN film_id "
                                                     "INTEGER REFERENCES film (id);"
                                                     "CREATE INDEX film_id_idx ON film (id);"));
        QVERIFY(from && to);
        const QString column =
            key(ObjectKind::Column, QStringLiteral("actor"), QStringLiteral("film_id"), QString());
        const Selection selection = leaveOut(*from, *to, {column});
        // The foreign key goes with the column (one CREATE TABLE statement holds both); the
        // index on another table stays.
        QCOMPARE(selection.alsoLeftOut.size(), 1);
        QCOMPARE(selection.to.find(selection.alsoLeftOut.first()), nullptr);
        QVERIFY2(selection.why.first().startsWith(QStringLiteral("constraint actor.foreign key")),
                 qPrintable(selection.why.first()));
        const SchemaDiff rest = diff(*from, selection.to);
        QCOMPARE(operationObjects(rest), QStringList{QStringLiteral("index film_id_idx")});
    }

    void sqliteRealDefinitions()
    {
        const auto read = sqlite(
            QStringLiteral("CREATE TABLE book (id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                           "  title TEXT NOT NULL DEFAULT 'untitled',\n"
                           "  pages INTEGER CHECK (pages > 0));"
                           "CREATE INDEX book_title ON book (title) WHERE pages > 10;"
                           "CREATE VIEW long_books AS SELECT title FROM book WHERE pages > 500;"
                           "CREATE TRIGGER book_guard BEFORE DELETE ON book BEGIN SELECT "
                           "RAISE(ABORT, 'no'); END;"));
        QVERIFY(read);
        const SchemaModel &m = *read;
        auto text = [&](ObjectKind kind, const QString &table, const QString &name) {
            const SchemaObject *found = m.find(key(kind, table, name, QString()));
            if (!found)
                qWarning("not in the model: %s", qPrintable(key(kind, table, name, QString())));
            return definitionText(found, m);
        };
        QCOMPARE(text(ObjectKind::Table, {}, QStringLiteral("book")),
                 QStringLiteral("CREATE TABLE book (id INTEGER PRIMARY KEY AUTOINCREMENT,\n"
                                "  title TEXT NOT NULL DEFAULT 'untitled',\n"
                                "  pages INTEGER CHECK (pages > 0));"));
        QCOMPARE(text(ObjectKind::Column, QStringLiteral("book"), QStringLiteral("id")),
                 QStringLiteral("id INTEGER PRIMARY KEY AUTOINCREMENT;"));
        QCOMPARE(text(ObjectKind::Column, QStringLiteral("book"), QStringLiteral("title")),
                 QStringLiteral("title TEXT NOT NULL DEFAULT 'untitled';"));
        QCOMPARE(text(ObjectKind::Constraint, QStringLiteral("book"),
                      QStringLiteral("check (pages > 0)")),
                 QStringLiteral("check (pages > 0);"));
        QCOMPARE(text(ObjectKind::Index, QStringLiteral("book"), QStringLiteral("book_title")),
                 QStringLiteral("CREATE INDEX book_title ON book (title) WHERE pages > 10;"));
        QCOMPARE(
            text(ObjectKind::View, {}, QStringLiteral("long_books")),
            QStringLiteral("CREATE VIEW long_books AS SELECT title FROM book WHERE pages > 500;"));
        QCOMPARE(text(ObjectKind::Trigger, QStringLiteral("book"), QStringLiteral("book_guard")),
                 QStringLiteral("CREATE TRIGGER book_guard BEFORE DELETE ON book BEGIN SELECT "
                                "RAISE(ABORT, 'no'); END;"));
    }

    void realViewOnNewTable()
    {
        const auto from = read(QStringLiteral("CREATE TABLE film (id integer PRIMARY KEY);"));
        const auto to =
            read(QStringLiteral("CREATE TABLE film (id integer PRIMARY KEY);"
                                "CREATE TABLE review (id integer PRIMARY KEY, film_id integer);"
                                "CREATE VIEW review_count AS SELECT film_id, count(*) FROM review "
                                "GROUP BY film_id;"
                                "CREATE TABLE other (x text);"));
        QVERIFY(from && to);
        const Selection selection =
            leaveOut(*from, *to, {key(ObjectKind::Table, {}, QStringLiteral("review"))});
        QVERIFY2(selection.alsoLeftOut.contains(
                     key(ObjectKind::View, {}, QStringLiteral("review_count"))),
                 qPrintable(selection.why.join(QLatin1Char('\n'))));
        QVERIFY(selection.alsoLeftOut.contains(
            key(ObjectKind::Constraint, QStringLiteral("review"), QStringLiteral("review_pkey"))));
        QCOMPARE(operationObjects(diff(*from, selection.to)),
                 QStringList{QStringLiteral("table public.other")});
    }

    void realForeignKeyToNewTableAndKeptDrop()
    {
        const auto from =
            read(QStringLiteral("CREATE TABLE film (id integer PRIMARY KEY, title text);"
                                "CREATE TABLE old (id integer PRIMARY KEY);"
                                "CREATE TABLE old_note (old_id integer REFERENCES old, note text);"
                                "CREATE VIEW old_notes AS SELECT note FROM old_note;"));
        const auto to = read(QStringLiteral(
            "CREATE TABLE film (id integer PRIMARY KEY, title text, studio_id integer);"
            "CREATE TABLE studio (id integer PRIMARY KEY);"
            "ALTER TABLE film ADD CONSTRAINT film_studio_fkey FOREIGN KEY (studio_id) "
            "REFERENCES studio;"));
        QVERIFY(from && to);
        // A foreign key from an old table's new column to a new table goes with the new table.
        const Selection withoutStudio =
            leaveOut(*from, *to, {key(ObjectKind::Table, {}, QStringLiteral("studio"))});
        QVERIFY2(
            withoutStudio.alsoLeftOut.contains(key(ObjectKind::Constraint, QStringLiteral("film"),
                                                   QStringLiteral("film_studio_fkey"))),
            qPrintable(withoutStudio.why.join(QLatin1Char('\n'))));
        QVERIFY(!withoutStudio.alsoLeftOut.contains(
            key(ObjectKind::Column, QStringLiteral("film"), QStringLiteral("studio_id"))));
        const SchemaDiff rest = diff(*from, withoutStudio.to);
        QVERIFY(!operationObjects(rest).contains(QStringLiteral("table public.studio")));
        QVERIFY(operationObjects(rest).contains(QStringLiteral("column public.film.studio_id")));

        // Keeping the dropped table keeps the table whose foreign key references it, and the
        // view over that one: both directions.
        const Selection keepOld =
            leaveOut(*from, *to, {key(ObjectKind::Table, {}, QStringLiteral("old"))});
        for (const QString &kept : {key(ObjectKind::Table, {}, QStringLiteral("old_note")),
                                    key(ObjectKind::View, {}, QStringLiteral("old_notes"))})
            QVERIFY2(keepOld.alsoLeftOut.contains(kept),
                     qPrintable(kept + QStringLiteral(" not in:\n") +
                                keepOld.why.join(QLatin1Char('\n'))));
        const QStringList dropped = operationObjects(diff(*from, keepOld.to));
        QVERIFY2(!dropped.join(QLatin1Char(' ')).contains(QStringLiteral("old")),
                 qPrintable(dropped.join(QLatin1Char('\n'))));
    }

    void realForeignKeyOnNewColumn()
    {
        const QString base = QStringLiteral("CREATE TABLE film (id integer PRIMARY KEY);"
                                            "CREATE TABLE actor (id integer PRIMARY KEY);");
        const auto from = read(base);
        const auto to = read(base + QStringLiteral("ALTER TABLE actor ADD COLUMN film_id integer "
                                                   "REFERENCES film; ALTER TABLE film ADD COLUMN "
                                                   "title text;"));
        QVERIFY(from && to);
        const Selection selection =
            leaveOut(*from, *to,
                     {key(ObjectKind::Column, QStringLiteral("actor"), QStringLiteral("film_id"))});
        QCOMPARE(selection.alsoLeftOut,
                 QStringList{key(ObjectKind::Constraint, QStringLiteral("actor"),
                                 QStringLiteral("actor_film_id_fkey"))});
        QCOMPARE(selection.why,
                 QStringList{QStringLiteral("constraint public.actor.actor_film_id_fkey depends on "
                                            "column public.actor.film_id")});
        QCOMPARE(operationObjects(diff(*from, selection.to)),
                 QStringList{QStringLiteral("column public.film.title")});
    }

    void postgresDefinitions()
    {
        const auto read = this->read(QStringLiteral(
            "CREATE SCHEMA shop;"
            "CREATE TYPE shop.mood AS ENUM ('sad', 'happy');"
            "CREATE DOMAIN shop.positive AS integer CHECK (VALUE > 0);"
            "CREATE TYPE shop.pair AS (a integer, b text);"
            "CREATE SEQUENCE shop.counter START 5;"
            "CREATE TABLE shop.film (id integer PRIMARY KEY, title text NOT NULL DEFAULT 'x', "
            "mood shop.mood);"
            "COMMENT ON TABLE shop.film IS 'films we sell';"
            "CREATE INDEX film_title ON shop.film (title);"
            "CREATE VIEW shop.titles AS SELECT title FROM shop.film;"
            "CREATE MATERIALIZED VIEW shop.counted AS SELECT count(*) AS n FROM shop.film;"
            "CREATE FUNCTION shop.touch() RETURNS trigger LANGUAGE plpgsql AS "
            "$$BEGIN RETURN NEW; END$$;"
            "CREATE TRIGGER film_touch BEFORE UPDATE ON shop.film FOR EACH ROW EXECUTE FUNCTION "
            "shop.touch();"
            "CREATE AGGREGATE shop.total(integer) (SFUNC = int4pl, STYPE = integer);"
            "CREATE RULE film_keep AS ON DELETE TO shop.film DO INSTEAD NOTHING;"
            "CREATE POLICY film_mine ON shop.film USING (true);"));
        QVERIFY(read);
        const SchemaModel &m = *read;
        auto text = [&](ObjectKind kind, const QString &table, const QString &name,
                        const QString &arguments = {}) {
            SchemaObject probe =
                object(kind, table, name, {}, {},
                       kind == ObjectKind::Schema ? QString() : QStringLiteral("shop"));
            probe.arguments = arguments;
            const SchemaObject *found = m.find(probe.key());
            if (!found)
                qWarning("not in the model: %s", qPrintable(probe.key()));
            return definitionText(found, m);
        };
        const QList<std::pair<QString, QString>> expected = {
            {text(ObjectKind::Schema, {}, QStringLiteral("shop")),
             QStringLiteral("CREATE SCHEMA shop")},
            {text(ObjectKind::EnumType, {}, QStringLiteral("mood")),
             QStringLiteral("CREATE TYPE shop.mood AS ENUM ('sad', 'happy')")},
            {text(ObjectKind::Domain, {}, QStringLiteral("positive")),
             QStringLiteral("CREATE DOMAIN shop.positive AS integer")},
            {text(ObjectKind::CompositeType, {}, QStringLiteral("pair")),
             QStringLiteral("CREATE TYPE shop.pair AS (")},
            {text(ObjectKind::Sequence, {}, QStringLiteral("counter")),
             QStringLiteral("CREATE SEQUENCE shop.counter")},
            {text(ObjectKind::Table, {}, QStringLiteral("film")),
             QStringLiteral("CREATE TABLE shop.film (")},
            {text(ObjectKind::Table, {}, QStringLiteral("film")),
             QStringLiteral("COMMENT ON TABLE shop.film IS 'films we sell'")},
            {text(ObjectKind::Column, QStringLiteral("film"), QStringLiteral("title")),
             QStringLiteral("ALTER TABLE shop.film ADD COLUMN title text")},
            {text(ObjectKind::Constraint, QStringLiteral("film"), QStringLiteral("film_pkey")),
             QStringLiteral("ADD CONSTRAINT film_pkey PRIMARY KEY (id)")},
            {text(ObjectKind::Index, QStringLiteral("film"), QStringLiteral("film_title")),
             QStringLiteral("CREATE INDEX film_title ON shop.film")},
            {text(ObjectKind::View, {}, QStringLiteral("titles")),
             QStringLiteral("CREATE VIEW shop.titles")},
            {text(ObjectKind::MaterializedView, {}, QStringLiteral("counted")),
             QStringLiteral("CREATE MATERIALIZED VIEW shop.counted")},
            {text(ObjectKind::Function, {}, QStringLiteral("touch")),
             QStringLiteral("CREATE OR REPLACE FUNCTION shop.touch()")},
            {text(ObjectKind::Aggregate, {}, QStringLiteral("total"), QStringLiteral("integer")),
             QStringLiteral("CREATE AGGREGATE shop.total(integer)")},
            {text(ObjectKind::Trigger, QStringLiteral("film"), QStringLiteral("film_touch")),
             QStringLiteral("CREATE TRIGGER film_touch BEFORE UPDATE ON shop.film")},
            {text(ObjectKind::Rule, QStringLiteral("film"), QStringLiteral("film_keep")),
             QStringLiteral("CREATE RULE film_keep AS")},
            {text(ObjectKind::Policy, QStringLiteral("film"), QStringLiteral("film_mine")),
             QStringLiteral("CREATE POLICY film_mine ON shop.film")},
        };
        if (qEnvironmentVariableIsSet("STRATA_SHOW_DEFINITIONS")) {
            for (const SchemaObject &o : m.objects())
                qInfo("%s\n%s\n", qPrintable(o.key()), qPrintable(definitionText(&o, m)));
        }
        for (const auto &[definition, part] : expected)
            QVERIFY2(definition.contains(part),
                     qPrintable(part + QStringLiteral(" not in:\n") + definition));
        // A table's definition carries its columns, each on the table's statement.
        QVERIFY(text(ObjectKind::Table, {}, QStringLiteral("film"))
                    .contains(QStringLiteral("title text")));
    }
};

QTEST_GUILESS_MAIN(TestSchemaSelection)
#include "tst_schemaselection.moc"
