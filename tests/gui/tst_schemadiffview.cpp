// The Schema Diff view: the object tree's groups, marks and counts, unchanged objects hidden
// until asked for, both definitions side by side with the changed lines highlighted, the
// statements with their hazards, the checkbox that leaves a difference out (and says what went
// with it), and "Create migration from these changes"; on hand-built models of both engines and
// on models read from a real PostgreSQL server.

#include "drivers/postgres/postgresdriver.h"
#include "handbuiltschema.h"
#include "pgserver.h"
#include "schema/inspector.h"
#include "schema/schemaselection.h"
#include "schemadiff/schemadiffview.h"
#include "sqliteschema.h"

#include <QFont>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

using namespace strata::schema;
using strata::gui::SchemaDiffView;

namespace {

using namespace strata::test::handbuilt;

DiffResult result(const SchemaModel &from, const SchemaModel &to)
{
    DiffResult r;
    r.from.model = from;
    r.from.source = QStringLiteral("the project at heads (a1)");
    r.to.model = to;
    r.to.source = QStringLiteral("shop on db:5432 as app (read only)");
    r.diff = diff(from, to);
    return r;
}

// The film shop before and after: film gets a column and another column's type changes, a new
// review table with a view on it, an old table dropped, a function the same on both sides.
DiffResult shop()
{
    const SchemaObject schema =
        object(ObjectKind::Schema, {}, QStringLiteral("public"), {}, {}, {});
    const SchemaObject film = object(ObjectKind::Table, {}, QStringLiteral("film"));
    const SchemaObject id =
        column(QStringLiteral("film"), QStringLiteral("id"), QStringLiteral("integer"));
    const SchemaObject function =
        object(ObjectKind::Function, {}, QStringLiteral("touch"),
               {{QStringLiteral("kind"), QStringLiteral("function")},
                {QStringLiteral("definition"),
                 QStringLiteral("CREATE OR REPLACE FUNCTION public.touch()\n RETURNS integer\n "
                                "LANGUAGE sql\nAS $function$select 1$function$\n")},
                {QStringLiteral("returns"), QStringLiteral("integer")}});
    const SchemaObject old = object(ObjectKind::Table, {}, QStringLiteral("old"));
    const SchemaObject oldId =
        column(QStringLiteral("old"), QStringLiteral("id"), QStringLiteral("integer"));
    const SchemaObject review = object(ObjectKind::Table, {}, QStringLiteral("review"));
    const SchemaObject reviewFilm =
        column(QStringLiteral("review"), QStringLiteral("film_id"), QStringLiteral("integer"));
    const SchemaObject counts =
        object(ObjectKind::View, {}, QStringLiteral("review_count"),
               {{QStringLiteral("definition"),
                 QStringLiteral(" SELECT count(*) AS count\n   FROM review;")}},
               {review.key()});
    const SchemaModel from =
        model({schema, film, id,
               column(QStringLiteral("film"), QStringLiteral("rate"), QStringLiteral("integer")),
               function, old, oldId});
    const SchemaModel to =
        model({schema, film, id,
               column(QStringLiteral("film"), QStringLiteral("rate"), QStringLiteral("numeric")),
               column(QStringLiteral("film"), QStringLiteral("title"), QStringLiteral("text")),
               function, review, reviewFilm, counts});
    return result(from, to);
}

QModelIndex find(const QAbstractItemModel *model, const QString &key)
{
    const QModelIndexList found = model->match(model->index(0, 0), SchemaDiffView::KeyRole, key, 1,
                                               Qt::MatchExactly | Qt::MatchRecursive);
    return found.isEmpty() ? QModelIndex() : found.first();
}

QModelIndex child(const QAbstractItemModel *model, const QModelIndex &parent, const QString &text)
{
    for (int i = 0; i < model->rowCount(parent); ++i) {
        const QModelIndex index = model->index(i, 0, parent);
        if (index.data().toString() == text)
            return index;
    }
    return {};
}

QString mark(const QModelIndex &index)
{
    return index.siblingAtColumn(1).data().toString();
}

} // namespace

class TestSchemaDiffView : public QObject
{
    Q_OBJECT

    std::unique_ptr<strata::test::PgServer> m_server;
    int m_databases = 0;
    QTranslator m_english;
    QTemporaryDir m_dir;
    int m_files = 0;

    std::optional<SchemaModel> sqlite(const QString &sql)
    {
        return strata::test::sqliteSchema(
            m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_files)), sql);
    }

    std::optional<SchemaModel> read(const QString &sql)
    {
        const QString name = QStringLiteral("view_%1").arg(++m_databases);
        QString error;
        if (!m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(name), &error) ||
            (!sql.isEmpty() && !m_server->psql(sql, &error, name))) {
            qWarning("%s", qPrintable(error));
            return std::nullopt;
        }
        strata::PostgresDriver driver(m_server->conninfo(name), name);
        if (auto opened = driver.open(); !opened)
            return std::nullopt;
        auto read = inspect(driver);
        driver.close();
        if (!read)
            return std::nullopt;
        return *read;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // English plurals ("1 difference", "2 differences") come from the English translation.
        QVERIFY(m_english.load(QStringLiteral(":/i18n/strata_en")));
        QCoreApplication::installTranslator(&m_english);
        QString error;
        m_server = strata::test::PgServer::start(&error);
        QVERIFY2(m_server, qPrintable(error));
        QVERIFY(m_server->psql(QStringLiteral("ALTER SYSTEM SET fsync = off")));
        QVERIFY(m_server->psql(QStringLiteral("SELECT pg_reload_conf()")));
    }

    void cleanupTestCase() { m_server.reset(); }

    void treeMarksAndCounts()
    {
        SchemaDiffView view;
        view.setResult(shop());
        // Added: column film.title, table review, column review.film_id, view review_count;
        // removed: table old, column old.id; changed: column film.rate.
        QCOMPARE(view.differenceCount(), 7);
        QCOMPARE(view.summaryText(),
                 QStringLiteral("7 differences: 4 added, 2 removed, 1 changed"));
        const QAbstractItemModel *model = view.model();
        QCOMPARE(model->rowCount(), 1);
        const QModelIndex schema = model->index(0, 0);
        QCOMPARE(schema.data().toString(), QStringLiteral("public"));
        QCOMPARE(mark(schema), QStringLiteral("7 differences"));
        const QModelIndex tables = child(model, schema, QStringLiteral("Tables"));
        QVERIFY(tables.isValid());
        QCOMPARE(mark(tables), QStringLiteral("6 differences"));
        QCOMPARE(mark(child(model, schema, QStringLiteral("Views"))),
                 QStringLiteral("1 difference"));
        // The unchanged function is hidden, and so is its group.
        QVERIFY(!child(model, schema, QStringLiteral("Functions")).isValid());

        const QModelIndex film = find(model, key(ObjectKind::Table, {}, QStringLiteral("film")));
        QCOMPARE(film.data().toString(), QStringLiteral("film"));
        QCOMPARE(mark(film), QStringLiteral("2 differences inside"));
        QCOMPARE(film.data(SchemaDiffView::ChangeRole).toInt(), int(SchemaDiffView::Unchanged));
        QVERIFY(!(model->flags(film) & Qt::ItemIsUserCheckable));
        QCOMPARE(model->rowCount(film), 2); // film.id is the same: hidden
        const QModelIndex title =
            find(model, key(ObjectKind::Column, QStringLiteral("film"), QStringLiteral("title")));
        QCOMPARE(title.parent(), film);
        QCOMPARE(title.data().toString(), QStringLiteral("column title"));
        QCOMPARE(mark(title), QStringLiteral("added"));
        QCOMPARE(title.data(SchemaDiffView::ChangeRole).toInt(), int(SchemaDiffView::Added));
        QCOMPARE(title.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
        // Colour and a word, never colour alone.
        QVERIFY(title.data(Qt::ForegroundRole).isValid());
        const QModelIndex rate =
            find(model, key(ObjectKind::Column, QStringLiteral("film"), QStringLiteral("rate")));
        QCOMPARE(mark(rate), QStringLiteral("changed"));
        QVERIFY(rate.data(Qt::ToolTipRole).toString().contains(QStringLiteral("numeric")));
        QCOMPARE(mark(find(model, key(ObjectKind::Table, {}, QStringLiteral("old")))),
                 QStringLiteral("removed"));
        QVERIFY(view.createButton()->isEnabled());
        QVERIFY(view.createBlockedReason().isEmpty());

        view.setShowUnchanged(true);
        const QModelIndex functions =
            child(view.model(), view.model()->index(0, 0), QStringLiteral("Functions"));
        QVERIFY(functions.isValid());
        QCOMPARE(mark(functions), QStringLiteral("unchanged"));
        const QModelIndex id = find(
            view.model(), key(ObjectKind::Column, QStringLiteral("film"), QStringLiteral("id")));
        QVERIFY(id.isValid());
        QCOMPARE(mark(id), QStringLiteral("unchanged"));
        QVERIFY(!(view.model()->flags(id) & Qt::ItemIsUserCheckable));
        view.setShowUnchanged(false);
        QVERIFY(!find(view.model(),
                      key(ObjectKind::Column, QStringLiteral("film"), QStringLiteral("id")))
                     .isValid());
    }

    void definitionsSideBySide()
    {
        SchemaDiffView view;
        const DiffResult shown = shop();
        view.setResult(shown);
        const QString rate =
            key(ObjectKind::Column, QStringLiteral("film"), QStringLiteral("rate"));
        view.tree()->setCurrentIndex(find(view.model(), rate));
        QCOMPARE(view.leftText(), definitionText(shown.from.model.find(rate), shown.from.model));
        QCOMPARE(view.leftText(),
                 QStringLiteral("ALTER TABLE public.film ADD COLUMN rate integer;"));
        QCOMPARE(view.rightText(),
                 QStringLiteral("ALTER TABLE public.film ADD COLUMN rate numeric;"));
        QCOMPARE(view.leftChangedLines(), QList<int>{0});
        QCOMPARE(view.rightChangedLines(), QList<int>{0});
        QVERIFY2(view.statementsText().contains(
                     QStringLiteral("ALTER TABLE public.film ALTER COLUMN rate TYPE numeric")),
                 qPrintable(view.statementsText()));
        // The side names are the comparison's.
        auto *fromTitle = view.findChild<QLabel *>(QStringLiteral("schemaDiffFromTitle"));
        auto *toTitle = view.findChild<QLabel *>(QStringLiteral("schemaDiffToTitle"));
        QVERIFY(fromTitle && toTitle);
        QCOMPARE(fromTitle->text(), QStringLiteral("the project at heads (a1)"));
        QCOMPARE(toTitle->text(), QStringLiteral("shop on db:5432 as app (read only)"));

        // A multi-line definition: only the differing lines are highlighted.
        const QString table = key(ObjectKind::Table, {}, QStringLiteral("film"));
        view.tree()->setCurrentIndex(find(view.model(), table));
        const QStringList right = view.rightText().split(QLatin1Char('\n'));
        QCOMPARE(view.rightChangedLines().size(), 2);
        QVERIFY(right[view.rightChangedLines()[0]].contains(QStringLiteral("numeric")));
        QVERIFY(right[view.rightChangedLines()[1]].contains(QStringLiteral("title text")));
        QCOMPARE(view.leftChangedLines().size(), 1);
        // Highlighted in the panes themselves, line by line.
        auto *toPane = view.findChild<QPlainTextEdit *>(QStringLiteral("schemaDiffTo"));
        QVERIFY(toPane);
        const QList<QTextEdit::ExtraSelection> marked = toPane->extraSelections();
        QCOMPARE(marked.size(), 2);
        QCOMPARE(marked[0].cursor.blockNumber(), view.rightChangedLines()[0]);
        QVERIFY(marked[0].format.background().color() != toPane->palette().base().color());
        // The table's statements include its parts'.
        QVERIFY(view.statementsText().contains(QStringLiteral("ADD COLUMN title text")));

        // Added: nothing on the left, every line on the right is new.
        const QString review = key(ObjectKind::Table, {}, QStringLiteral("review"));
        view.tree()->setCurrentIndex(find(view.model(), review));
        QVERIFY(view.leftText().isEmpty());
        QVERIFY(view.rightText().startsWith(QStringLiteral("CREATE TABLE public.review (")));
        QCOMPARE(view.rightChangedLines().size(), view.rightText().split(QLatin1Char('\n')).size());

        // Removed: the drop, with its hazard as a warning.
        view.tree()->setCurrentIndex(
            find(view.model(), key(ObjectKind::Table, {}, QStringLiteral("old"))));
        QVERIFY(view.rightText().isEmpty());
        QVERIFY(view.statementsText().contains(QStringLiteral("DROP TABLE public.old;")));
        QVERIFY2(view.statementsText().contains(QStringLiteral(
                     "-- Warning: Deletes data: the rows or values it removes are lost.")),
                 qPrintable(view.statementsText()));

        // A group: the whole migration, upgrade and downgrade.
        view.tree()->setCurrentIndex(view.model()->index(0, 0));
        QVERIFY(view.leftText().isEmpty() && view.rightText().isEmpty());
        const QString whole = view.statementsText();
        QVERIFY(whole.startsWith(QStringLiteral("-- Upgrade\n")));
        QVERIFY(whole.contains(QStringLiteral("CREATE VIEW public.review_count")));
        QVERIFY(whole.contains(QStringLiteral("-- Downgrade\n")));
    }

    void uncheckingLeavesOut()
    {
        SchemaDiffView view;
        view.setResult(shop());
        QSignalSpy requested(&view, &SchemaDiffView::createMigrationRequested);
        const QString review = key(ObjectKind::Table, {}, QStringLiteral("review"));
        const QModelIndex item = find(view.model(), review);
        QVERIFY(view.model()->setData(item, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(view.leftOut(), QStringList{review});
        QCOMPARE(view.alsoLeftOut(),
                 (QStringList{
                     QStringLiteral("column public.review.film_id is part of table public.review"),
                     QStringLiteral("view public.review_count depends on table public.review")}));
        // What went with it is unchecked and locked, saying why.
        const QModelIndex counts =
            find(view.model(), key(ObjectKind::View, {}, QStringLiteral("review_count")));
        QCOMPARE(counts.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(!(view.model()->flags(counts) & Qt::ItemIsUserCheckable));
        auto *also = view.findChild<QPlainTextEdit *>(QStringLiteral("schemaDiffAlsoLeftOut"));
        QVERIFY(also && !also->isHidden());
        QVERIFY(also->toPlainText().contains(
            QStringLiteral("view public.review_count depends on table public.review")));
        // The migration shown no longer has them.
        view.tree()->setCurrentIndex(view.model()->index(0, 0));
        QVERIFY(!view.statementsText().contains(QStringLiteral("review")));
        QVERIFY(view.statementsText().contains(QStringLiteral("ADD COLUMN title")));

        view.createButton()->click();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toStringList(), QStringList{review});

        // Checked again: everything back.
        QVERIFY(view.model()->setData(find(view.model(), review), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(view.leftOut().isEmpty());
        QVERIFY(view.alsoLeftOut().isEmpty());
        QCOMPARE(find(view.model(), key(ObjectKind::View, {}, QStringLiteral("review_count")))
                     .data(Qt::CheckStateRole)
                     .toInt(),
                 int(Qt::Checked));

        // Everything left out: nothing to create, and the button says so.
        for (const QString &k : {review, key(ObjectKind::Table, {}, QStringLiteral("old")),
                                 key(ObjectKind::Table, {}, QStringLiteral("film"))}) {
            const QModelIndex index = find(view.model(), k);
            if (view.model()->flags(index) & Qt::ItemIsUserCheckable)
                view.model()->setData(index, Qt::Unchecked, Qt::CheckStateRole);
        }
        for (const QString &k :
             {key(ObjectKind::Column, QStringLiteral("film"), QStringLiteral("rate")),
              key(ObjectKind::Column, QStringLiteral("film"), QStringLiteral("title"))})
            view.model()->setData(find(view.model(), k), Qt::Unchecked, Qt::CheckStateRole);
        QVERIFY(!view.createButton()->isEnabled());
        QCOMPARE(view.createBlockedReason(),
                 QStringLiteral("Nothing to create: every difference is left out."));
    }

    void refusedAndNotCompared()
    {
        SchemaDiffView view;
        DiffResult refused = shop();
        refused.diff.refused = {QStringLiteral("aggregate public.x: kind not supported")};
        refused.notCompared = {QStringLiteral("range type public.r")};
        view.setResult(refused);
        QVERIFY(!view.createButton()->isEnabled());
        QCOMPARE(view.createBlockedReason(),
                 QStringLiteral("Cannot create a migration: the diff is refused (see above)."));
        auto *problems = view.findChild<QLabel *>(QStringLiteral("schemaDiffProblems"));
        QVERIFY(problems && !problems->isHidden());
        QVERIFY(
            problems->text().contains(QStringLiteral("aggregate public.x: kind not supported")));
        QVERIFY(problems->text().contains(QStringLiteral("range type public.r")));

        const SchemaModel same = model({object(ObjectKind::Table, {}, QStringLiteral("t"))});
        view.setResult(result(same, same));
        QCOMPARE(view.differenceCount(), 0);
        QCOMPARE(view.summaryText(),
                 QStringLiteral("No differences: the two schemas are the same."));
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(!view.createButton()->isEnabled());
        QCOMPARE(view.createBlockedReason(),
                 QStringLiteral("Nothing to create: the two schemas are the same."));
        QVERIFY(problems->isHidden());

        // Where the tab offers no migration it hides the button, and its reason goes with it.
        auto *reason = view.findChild<QLabel *>(QStringLiteral("schemaDiffCreateReason"));
        QVERIFY(reason && !reason->isHidden());
        view.createButton()->setVisible(false);
        QVERIFY(reason->isHidden());
        view.createButton()->setVisible(true);
        QVERIFY(!reason->isHidden());

        view.showMessage(QStringLiteral("Comparing …"));
        QCOMPARE(view.model()->rowCount(), 0);
        QVERIFY(view.statementsText().isEmpty());
        QVERIFY(!view.createButton()->isEnabled());
    }

    void germanWords()
    {
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/strata_de")));
        QCoreApplication::installTranslator(&german);
        SchemaDiffView view;
        view.setResult(shop());
        QCOMPARE(view.summaryText(),
                 QStringLiteral("7 Unterschiede: 4 hinzugefügt, 2 entfernt, 1 geändert"));
        const QModelIndex schema = view.model()->index(0, 0);
        QCOMPARE(child(view.model(), schema, QStringLiteral("Tabellen")).isValid(), true);
        QCOMPARE(mark(child(view.model(), schema, QStringLiteral("Sichten"))),
                 QStringLiteral("1 Unterschied"));
        const QModelIndex title = find(
            view.model(), key(ObjectKind::Column, QStringLiteral("film"), QStringLiteral("title")));
        QCOMPARE(title.data().toString(), QStringLiteral("Spalte title"));
        QCOMPARE(mark(title), QStringLiteral("hinzugefügt"));
        view.tree()->setCurrentIndex(
            find(view.model(), key(ObjectKind::Table, {}, QStringLiteral("old"))));
        QVERIFY2(view.statementsText().contains(QStringLiteral("-- Warnung: Löscht Daten")),
                 qPrintable(view.statementsText()));
        QVERIFY(view.model()->setData(
            find(view.model(), key(ObjectKind::Table, {}, QStringLiteral("review"))), Qt::Unchecked,
            Qt::CheckStateRole));
        QVERIFY(view.alsoLeftOut().contains(
            QStringLiteral("Sicht public.review_count hängt ab von Tabelle public.review")));
        QCoreApplication::removeTranslator(&german);
    }

    void sqliteHasNoSchemaGroup()
    {
        auto table = [](const QString &sql) {
            return object(ObjectKind::Table, {}, QStringLiteral("book"),
                          {{QStringLiteral("sql"), sql}}, {}, QString());
        };
        auto sqliteColumn = [](const QString &name) {
            return object(ObjectKind::Column, QStringLiteral("book"), name,
                          {{QStringLiteral("type"), QStringLiteral("TEXT")},
                           {QStringLiteral("not_null"), QStringLiteral("false")}},
                          {}, QString());
        };
        const SchemaObject index = object(
            ObjectKind::Index, QStringLiteral("book"), QStringLiteral("book_title"),
            {{QStringLiteral("definition"), QStringLiteral("create index %INDEX% on book (title)")},
             {QStringLiteral("unique"), QStringLiteral("false")},
             {QStringLiteral("sql"), QStringLiteral("CREATE INDEX book_title ON book (title)")}},
            {key(ObjectKind::Table, {}, QStringLiteral("book"), QString())}, QString());
        const SchemaModel from = model({table(QStringLiteral("CREATE TABLE book (id TEXT)")),
                                        sqliteColumn(QStringLiteral("id"))},
                                       Engine::SQLite);
        const SchemaModel to = model(
            {table(QStringLiteral("CREATE TABLE book (id TEXT, title TEXT)")),
             sqliteColumn(QStringLiteral("id")), sqliteColumn(QStringLiteral("title")), index},
            Engine::SQLite);
        DiffResult shown;
        shown.from.model = from;
        shown.to.model = to;
        shown.diff.engine = Engine::SQLite; // the SQLite diff is another engineer's; marks only
        SchemaDiffView view;
        view.setResult(shown);
        QCOMPARE(view.differenceCount(), 2);
        const QAbstractItemModel *m = view.model();
        QCOMPARE(m->rowCount(), 1);
        QCOMPARE(m->index(0, 0).data().toString(), QStringLiteral("Tables"));
        QCOMPARE(mark(m->index(0, 0)), QStringLiteral("2 differences"));
        const QModelIndex title = find(
            m, key(ObjectKind::Column, QStringLiteral("book"), QStringLiteral("title"), QString()));
        QCOMPARE(title.data().toString(), QStringLiteral("column title"));
        view.tree()->setCurrentIndex(
            find(m, key(ObjectKind::Table, {}, QStringLiteral("book"), QString())));
        QCOMPARE(view.leftText(), QStringLiteral("CREATE TABLE book (id TEXT);"));
        QCOMPARE(view.rightText(), QStringLiteral("CREATE TABLE book (id TEXT, title TEXT);"));
        QCOMPARE(view.rightChangedLines(), QList<int>{0});
        // Leaving the column out takes the table's statement back, and the index on it.
        QVERIFY(view.model()->setData(title, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(view.alsoLeftOut(),
                 QStringList{QStringLiteral("index book_title is part of table book")});
    }

    void sqliteRealFiles()
    {
        const QString base =
            QStringLiteral("CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT);");
        const auto from = sqlite(base + QStringLiteral("CREATE TABLE old (x TEXT);"));
        const auto to = sqlite(base + QStringLiteral("ALTER TABLE book ADD COLUMN pages INTEGER;"
                                                     "CREATE INDEX book_pages ON book (pages);"
                                                     "CREATE VIEW long_books AS SELECT title FROM "
                                                     "book WHERE pages > 500;"));
        QVERIFY(from && to);
        SchemaDiffView view;
        view.setResult(result(*from, *to));
        // Added: column book.pages, index book_pages, view long_books; removed: table old and
        // its column x.
        QCOMPARE(view.summaryText(),
                 QStringLiteral("5 differences: 3 added, 2 removed, 0 changed"));
        const QAbstractItemModel *m = view.model();
        QCOMPARE(m->rowCount(), 2); // no schema level: the kinds at the top
        QCOMPARE(m->index(0, 0).data().toString(), QStringLiteral("Tables"));
        QCOMPARE(mark(m->index(0, 0)), QStringLiteral("4 differences"));
        QCOMPARE(m->index(1, 0).data().toString(), QStringLiteral("Views"));
        const QString book = key(ObjectKind::Table, {}, QStringLiteral("book"), QString());
        const QModelIndex bookItem = find(m, book);
        QCOMPARE(mark(bookItem), QStringLiteral("2 differences inside"));
        QCOMPARE(mark(find(m, key(ObjectKind::Index, QStringLiteral("book"),
                                  QStringLiteral("book_pages"), QString()))),
                 QStringLiteral("added"));

        view.tree()->setCurrentIndex(bookItem);
        QCOMPARE(view.leftText(),
                 QStringLiteral("CREATE TABLE book (id INTEGER PRIMARY KEY, title TEXT);"));
        QVERIFY(view.rightText().contains(QStringLiteral("pages INTEGER")));
        QCOMPARE(view.rightChangedLines(), QList<int>{0});
        QVERIFY2(view.statementsText().contains(QStringLiteral("ADD COLUMN pages INTEGER")),
                 qPrintable(view.statementsText()));
        QVERIFY(view.statementsText().contains(QStringLiteral("CREATE INDEX book_pages")));

        // Leaving the column out takes the index and the view on it.
        const QString pages =
            key(ObjectKind::Column, QStringLiteral("book"), QStringLiteral("pages"), QString());
        QVERIFY(view.model()->setData(find(m, pages), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY2(
            view.alsoLeftOut().contains(QStringLiteral("index book_pages is part of table book")),
            qPrintable(view.alsoLeftOut().join(QLatin1Char('\n'))));
        QVERIFY(
            view.alsoLeftOut().contains(QStringLiteral("view long_books depends on table book")));
        // The column's own statements stay readable, saying they are left out.
        view.tree()->setCurrentIndex(find(m, pages));
        QVERIFY2(view.statementsText().contains(QStringLiteral(
                     "-- Left out of the migration.\n-- Warning: The downgrade deletes data this "
                     "upgrade keeps.\nALTER TABLE book ADD COLUMN pages")),
                 qPrintable(view.statementsText()));
        const QModelIndex index = find(m, key(ObjectKind::Index, QStringLiteral("book"),
                                              QStringLiteral("book_pages"), QString()));
        QVERIFY(index.data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("index book_pages is part of table book")));
        QVERIFY(index.data(Qt::FontRole).value<QFont>().italic());
        view.tree()->setCurrentIndex(m->index(0, 0));
        QVERIFY2(!view.statementsText().contains(QStringLiteral("pages")),
                 qPrintable(view.statementsText()));
        QVERIFY(view.statementsText().contains(QStringLiteral("DROP TABLE old")));
        QVERIFY(view.createButton()->isEnabled());
        QSignalSpy requested(&view, &SchemaDiffView::createMigrationRequested);
        view.createButton()->click();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().first().toStringList(), QStringList{pages});
    }

    void realEveryKind()
    {
        const auto from = read(QString());
        const auto to = read(QStringLiteral(
            "CREATE SCHEMA shop;"
            "CREATE TYPE shop.mood AS ENUM ('sad', 'happy');"
            "CREATE DOMAIN shop.positive AS integer CHECK (VALUE > 0);"
            "CREATE TYPE shop.pair AS (a integer, b text);"
            "CREATE SEQUENCE shop.counter;"
            "CREATE TABLE shop.film (id integer PRIMARY KEY, title text, mood shop.mood);"
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
        QVERIFY(from && to);
        SchemaDiffView view;
        view.setResult(result(*from, *to));
        const QAbstractItemModel *m = view.model();
        const QModelIndex shop = child(m, QModelIndex(), QStringLiteral("shop"));
        QVERIFY(shop.isValid());
        QVERIFY2(mark(shop).startsWith(QStringLiteral("added, ")), qPrintable(mark(shop)));
        QCOMPARE(shop.data(SchemaDiffView::ChangeRole).toInt(), int(SchemaDiffView::Added));
        for (const QString &group : {QStringLiteral("Enum types"), QStringLiteral("Domains"),
                                     QStringLiteral("Composite types"), QStringLiteral("Sequences"),
                                     QStringLiteral("Tables"), QStringLiteral("Views"),
                                     QStringLiteral("Materialized views"),
                                     QStringLiteral("Functions"), QStringLiteral("Aggregates")})
            QVERIFY2(child(m, shop, group).isValid(), qPrintable(group));
        const QModelIndex film =
            child(m, child(m, shop, QStringLiteral("Tables")), QStringLiteral("film"));
        QVERIFY(film.isValid());
        for (const QString &part :
             {QStringLiteral("column title"), QStringLiteral("constraint film_pkey"),
              QStringLiteral("index film_title"), QStringLiteral("trigger film_touch"),
              QStringLiteral("rule film_keep"), QStringLiteral("policy film_mine")})
            QVERIFY2(child(m, film, part).isValid(), qPrintable(part));
        view.tree()->setCurrentIndex(child(m, film, QStringLiteral("trigger film_touch")));
        QVERIFY(view.leftText().isEmpty());
        QVERIFY(
            view.rightText().startsWith(QStringLiteral("CREATE TRIGGER film_touch BEFORE UPDATE")));
        QVERIFY(view.statementsText().contains(QStringLiteral("CREATE TRIGGER film_touch")));
        // Leaving the schema out leaves out everything in it.
        QVERIFY(view.model()->setData(shop, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(view.alsoLeftOut().size(), view.differenceCount() - 1);
        QCOMPARE(view.createBlockedReason(),
                 QStringLiteral("Nothing to create: every difference is left out."));
        // Every difference counted once, and the summary says so.
        QCOMPARE(view.summaryText(),
                 QStringLiteral("%1 differences: %1 added, 0 removed, 0 changed")
                     .arg(view.differenceCount()));
    }

    void realForeignKeyOnNewColumn()
    {
        const QString base = QStringLiteral("CREATE TABLE film (id integer PRIMARY KEY);"
                                            "CREATE TABLE actor (id integer PRIMARY KEY);");
        const auto from = read(base);
        const auto to = read(base + QStringLiteral("ALTER TABLE actor ADD COLUMN film_id integer "
                                                   "REFERENCES film;"));
        QVERIFY(from && to);
        SchemaDiffView view;
        view.setResult(result(*from, *to));
        QCOMPARE(view.summaryText(),
                 QStringLiteral("2 differences: 2 added, 0 removed, 0 changed"));
        const QString column =
            key(ObjectKind::Column, QStringLiteral("actor"), QStringLiteral("film_id"));
        const QString foreignKey = key(ObjectKind::Constraint, QStringLiteral("actor"),
                                       QStringLiteral("actor_film_id_fkey"));
        const QModelIndex fk = find(view.model(), foreignKey);
        QCOMPARE(fk.data().toString(), QStringLiteral("constraint actor_film_id_fkey"));
        QCOMPARE(mark(fk), QStringLiteral("added"));
        view.tree()->setCurrentIndex(fk);
        QVERIFY(view.leftText().isEmpty());
        QVERIFY2(view.rightText().contains(
                     QStringLiteral("ADD CONSTRAINT actor_film_id_fkey FOREIGN KEY (film_id) "
                                    "REFERENCES public.film(id)")),
                 qPrintable(view.rightText()));
        QVERIFY(view.statementsText().contains(QStringLiteral("actor_film_id_fkey")));

        QSignalSpy requested(&view, &SchemaDiffView::createMigrationRequested);
        QVERIFY(
            view.model()->setData(find(view.model(), column), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(view.alsoLeftOut(),
                 QStringList{QStringLiteral("constraint public.actor.actor_film_id_fkey depends on "
                                            "column public.actor.film_id")});
        QVERIFY(!view.createButton()->isEnabled());
        // Locked: the user cannot check it back alone.
        QVERIFY(!(view.model()->flags(find(view.model(), foreignKey)) & Qt::ItemIsUserCheckable));
        QVERIFY(view.model()->setData(find(view.model(), column), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(view.createButton()->isEnabled());
        view.createButton()->click();
        QCOMPARE(requested.size(), 1);
        QVERIFY(requested.first().first().toStringList().isEmpty());
    }
};

QTEST_MAIN(TestSchemaDiffView)
#include "tst_schemadiffview.moc"
