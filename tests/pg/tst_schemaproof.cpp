// prove() on a real PostgreSQL server: a sound migration is proven with its seeded rows kept,
// and each property fails, naming the object, when a hand-made migration breaks it (an
// upgrade that does not apply, one that leaves the schema short of the desired one, a downgrade
// that does not give FROM back, rows dropped without a deletes_data hazard).

#include "drivers/postgres/postgresdriver.h"
#include "pgserver.h"
#include "schema/inspector.h"
#include "schema/proof.h"
#include "schema/schemadiff.h"

#include <QTest>

using strata::PostgresDriver;
using strata::test::PgServer;
namespace schema = strata::schema;

namespace {

const char *const kFrom = "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');"
                          "CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL, "
                          "born smallint CHECK (born > 1800));"
                          "CREATE TABLE book (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                          "author_id integer NOT NULL REFERENCES author, title varchar(20) NOT "
                          "NULL, mood mood NOT NULL, price numeric(8,2), note text);";

schema::Operation operation(const QString &kind, const QString &object, const QStringList &sql,
                            const QStringList &inverse, QList<schema::Hazard> hazards = {})
{
    schema::Operation op;
    op.kind = kind;
    op.object = object;
    op.sql = sql;
    op.inverseSql = inverse;
    op.hazards = hazards;
    return op;
}

} // namespace

class TestSchemaProof : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgServer> m_server;
    int m_databases = 0;

    // A new database holding `sql`, and its model.
    QString database(const QString &sql, schema::SchemaModel *model)
    {
        const QString name = QStringLiteral("proof%1").arg(++m_databases);
        if (!m_server->psql(QStringLiteral("CREATE DATABASE %1").arg(name)) ||
            !m_server->psql(sql, nullptr, name))
            return {};
        PostgresDriver driver(m_server->conninfo(name), name);
        if (!driver.open())
            return {};
        auto inspected = schema::inspect(driver);
        if (!inspected)
            return {};
        *model = *inspected;
        return name;
    }

    // Proves `generated` from `fromSql` (default kFrom) to it + `toSql` with rows seeded.
    schema::ProofReport prove(const QString &toSql, const schema::SchemaDiff &generated,
                              QMap<QString, int> *rowsSeeded = nullptr,
                              const QString &fromSql = QString::fromUtf8(kFrom))
    {
        schema::SchemaModel from, to;
        const QString fromDb = database(fromSql, &from);
        const QString toDb = database(fromSql + toSql, &to);
        if (fromDb.isEmpty() || toDb.isEmpty())
            return {};
        PostgresDriver scratch(m_server->conninfo(fromDb), fromDb);
        auto report = schema::prove(scratch, from, to, generated, {}, 3);
        if (!report) {
            schema::ProofReport failed;
            failed.failure = report.error().message;
            return failed;
        }
        if (rowsSeeded)
            *rowsSeeded = report->rowsSeeded;
        return *report;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_server = PgServer::start(&error);
        QVERIFY2(m_server, qPrintable(error));
    }

    void soundMigrationIsProvenWithRowsSeeded()
    {
        schema::SchemaDiff generated;
        generated.operations.append(
            operation(QStringLiteral("add column"), QStringLiteral("column public.book.isbn"),
                      {QStringLiteral("ALTER TABLE public.book ADD COLUMN isbn text")},
                      {QStringLiteral("ALTER TABLE public.book DROP COLUMN isbn")}));
        QMap<QString, int> seeded;
        const schema::ProofReport report =
            prove(QStringLiteral("ALTER TABLE book ADD COLUMN isbn text;"), generated, &seeded);
        QVERIFY2(report.ok(), qPrintable(report.failure));
        QVERIFY(report.failure.isEmpty());
        // Both tables take rows: author's serial and check, book's identity, foreign key, enum
        // and varchar.
        QCOMPARE(seeded.size(), 2);
        for (auto it = seeded.cbegin(); it != seeded.cend(); ++it)
            QCOMPARE(it.value(), 3);
    }

    void upgradeThatDoesNotApplyNamesObjectAndServerMessage()
    {
        schema::SchemaDiff generated;
        generated.operations.append(
            operation(QStringLiteral("add column"), QStringLiteral("column public.book.isbn"),
                      {QStringLiteral("ALTER TABLE public.book ADD COLUMN isbn text NOT NULL")},
                      {QStringLiteral("ALTER TABLE public.book DROP COLUMN isbn")}));
        const schema::ProofReport report =
            prove(QStringLiteral("ALTER TABLE book ADD COLUMN isbn text NOT NULL;"), generated);
        QVERIFY(!report.ok());
        QVERIFY(!report.upgradeApplied);
        QCOMPARE(report.failedProperty, QStringLiteral("upgrade applies"));
        QCOMPARE(report.failedObject, QStringLiteral("column public.book.isbn"));
        // The seeded rows make the NOT NULL column fail, as they would on a live table.
        QVERIFY2(report.failure.contains(QStringLiteral("contains null values")),
                 qPrintable(report.failure));
    }

    void upgradeShortOfDesiredSchemaFailsWithDifferences()
    {
        schema::SchemaDiff generated; // forgets the index
        generated.operations.append(
            operation(QStringLiteral("add column"), QStringLiteral("column public.book.isbn"),
                      {QStringLiteral("ALTER TABLE public.book ADD COLUMN isbn text")},
                      {QStringLiteral("ALTER TABLE public.book DROP COLUMN isbn")}));
        const schema::ProofReport report =
            prove(QStringLiteral("ALTER TABLE book ADD COLUMN isbn text;"
                                 "CREATE INDEX book_isbn_idx ON book (isbn);"),
                  generated);
        QVERIFY(report.upgradeApplied);
        QVERIFY(!report.upgradeMatches);
        QCOMPARE(report.failedProperty, QStringLiteral("upgrade matches"));
        QVERIFY2(report.failure.contains(QStringLiteral("book_isbn_idx")),
                 qPrintable(report.failure));
    }

    void downgradeThatDoesNotGiveFromBackFails()
    {
        schema::SchemaDiff generated; // the inverse leaves the column behind
        generated.operations.append(
            operation(QStringLiteral("add column"), QStringLiteral("column public.book.isbn"),
                      {QStringLiteral("ALTER TABLE public.book ADD COLUMN isbn text")}, {}));
        const schema::ProofReport report =
            prove(QStringLiteral("ALTER TABLE book ADD COLUMN isbn text;"), generated);
        QVERIFY(report.upgradeApplied && report.upgradeMatches && report.diffAgainEmpty);
        QVERIFY(report.downgradeApplied);
        QVERIFY(!report.downgradeMatches);
        QCOMPARE(report.failedProperty, QStringLiteral("downgrade matches"));
        QVERIFY2(report.failure.contains(QStringLiteral("public.book.isbn")),
                 qPrintable(report.failure));
    }

    // A renamed table's rows are counted under its new name after the upgrade (quoted or not).
    void renamedTableKeepsItsRows_data()
    {
        QTest::addColumn<QString>("newName");
        QTest::newRow("plain") << QStringLiteral("writer");
        QTest::newRow("quoted") << QStringLiteral("\"Book \"\"Writer\"\"\"");
    }

    void renamedTableKeepsItsRows()
    {
        QFETCH(QString, newName);
        schema::SchemaDiff generated;
        generated.operations.append(
            operation(QStringLiteral("rename table"), QStringLiteral("table public.") + newName,
                      {QStringLiteral("ALTER TABLE public.author RENAME TO %1").arg(newName)},
                      {QStringLiteral("ALTER TABLE public.%1 RENAME TO author").arg(newName)}));
        QMap<QString, int> seeded;
        const schema::ProofReport report = prove(
            QStringLiteral("ALTER TABLE author RENAME TO %1;").arg(newName), generated, &seeded);
        QVERIFY2(report.ok(), qPrintable(report.failure));
        QCOMPARE(seeded.size(), 2);
    }

    // A parent's own rows are counted without its inheritance children's, so dropping a child
    // (flagged on the child) does not read as rows lost from the parent.
    void inheritanceChildDroppedLeavesParentRows()
    {
        schema::SchemaDiff generated;
        generated.operations.append(operation(
            QStringLiteral("drop table"), QStringLiteral("table public.child"),
            {QStringLiteral("DROP TABLE public.child")},
            {QStringLiteral("CREATE TABLE public.child (extra text) INHERITS (public.parent)")},
            {schema::Hazard::DeletesData}));
        QMap<QString, int> seeded;
        const schema::ProofReport report =
            prove(QStringLiteral("DROP TABLE child;"), generated, &seeded,
                  QStringLiteral("CREATE TABLE parent (id integer NOT NULL, name text);"
                                 "CREATE TABLE child (extra text) INHERITS (parent);"));
        QVERIFY2(report.ok(), qPrintable(report.failure));
        QCOMPARE(seeded.size(), 2);
        for (auto it = seeded.cbegin(); it != seeded.cend(); ++it)
            QCOMPARE(it.value(), 3);
    }

    void rowsLostWithoutDeletesDataFail_data()
    {
        QTest::addColumn<bool>("flagged");
        QTest::newRow("not flagged") << false;
        QTest::newRow("flagged deletes_data") << true;
    }

    // Emptying a table in the upgrade: a failure unless the diff said it deletes data.
    void rowsLostWithoutDeletesDataFail()
    {
        QFETCH(bool, flagged);
        schema::SchemaDiff generated;
        generated.operations.append(operation(
            QStringLiteral("alter column type"), QStringLiteral("column public.book.note"),
            {QStringLiteral("DELETE FROM public.book"),
             QStringLiteral("ALTER TABLE public.book ALTER COLUMN note TYPE integer USING "
                            "note::integer")},
            {QStringLiteral("ALTER TABLE public.book ALTER COLUMN note TYPE text")},
            flagged ? QList<schema::Hazard>{schema::Hazard::DeletesData}
                    : QList<schema::Hazard>{}));
        const schema::ProofReport report = prove(
            QStringLiteral("ALTER TABLE book ALTER COLUMN note TYPE integer USING note::integer;"),
            generated);
        if (flagged) {
            QVERIFY2(report.ok(), qPrintable(report.failure));
            return;
        }
        QVERIFY(!report.ok());
        QCOMPARE(report.failedProperty, QStringLiteral("rows survive"));
        QCOMPARE(report.rowsLost.size(), 1);
        QVERIFY2(report.rowsLost.first().startsWith(QStringLiteral("table public.book: 3 rows")),
                 qPrintable(report.rowsLost.first()));
    }
};

QTEST_GUILESS_MAIN(TestSchemaProof)
#include "tst_schemaproof.moc"
